//! Provenance coverage: which values of each entity a source supports.
//!
//! Every value an entity holds is one of three things:
//!
//! - **cited**: a citation supports it. A citation without `fields`
//!   supports every value of its entity; one with `fields` supports the
//!   values at those paths, a field (`chairs`) or a value inside one
//!   (`chairs[0].title`, `participants[2]`). A claim of kind `reported`
//!   supports the values at its field too: its sources state them.
//! - **inferred**: a claim of kind [`inferred`](crate::ClaimKind::Inferred)
//!   covers it. No source states it; the claim's note says from what the
//!   dataset infers it. An inferred claim wins over any citation: it says
//!   that the sources do not state the value, whatever else is cited.
//! - **uncited**: neither.
//!
//! The unit is one value as it is saved: a plain field (`name`, `date`),
//! each item of a list (`participants[2]`), each member of a record in a
//! list (`chairs[0].title`), each member of an object (`origin.meeting`).
//! A party action's own citations support the values of that action.
//! Sources are not counted: they are what the others cite.
//!
//! [`Registry::provenance_coverage`] reports, for each entity, its values
//! that no citation supports and those inferred, and the coverage of the
//! dataset by entity kind: cited ÷ filled, inferred counted apart. Lint
//! `P-W014` (off by default) warns about each uncited value, and lint
//! `P-W016` about a citation or claim whose path names no value; see
//! [`LintSelection`](crate::LintSelection).

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::{Entity, EntityKind};
use crate::model::source::path_covers;
use crate::registry::Registry;

/// Where the support for one value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Support {
    /// A citation (or a reported claim) supports it.
    Cited,
    /// A claim records it as inferred, with a note saying from what.
    Inferred,
    /// Nothing supports it.
    Uncited,
}

/// One value of an entity and its support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueSupport {
    path: String,
    support: Support,
}

impl ValueSupport {
    /// The value's path in the entity as saved: `name`, `chairs[0].title`.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// Where its support comes from.
    pub fn support(&self) -> Support {
        self.support
    }
}

/// The provenance of one entity's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCoverage {
    kind: EntityKind,
    key: String,
    /// The entity's place in the registry's list of its kind.
    #[serde(skip)]
    index: usize,
    values: Vec<ValueSupport>,
    /// Paths named by citations and claims that hold no value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unknown_paths: Vec<String>,
    /// Where each of them is written: `sources[1].fields[0]`, `claims[2].field`.
    #[serde(skip)]
    unknown_at: Vec<String>,
}

impl EntityCoverage {
    /// The kind of entity.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }
    /// The entity's key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Every value the entity holds, in the order of their paths.
    pub fn values(&self) -> &[ValueSupport] {
        &self.values
    }
    /// How many values the entity holds.
    pub fn filled(&self) -> usize {
        self.values.len()
    }
    /// How many of its values have `support`.
    pub fn count(&self, support: Support) -> usize {
        self.values.iter().filter(|v| v.support == support).count()
    }
    /// Whether every value is cited or inferred.
    pub fn is_covered(&self) -> bool {
        self.count(Support::Uncited) == 0
    }
    /// The paths of the values with `support`.
    pub fn paths(&self, support: Support) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |v| v.support == support)
            .map(|v| v.path.as_str())
    }
    /// The uncited values, shortened as by [`shortened`](EntityCoverage::shortened).
    pub fn uncited(&self) -> Vec<&str> {
        self.shortened(Support::Uncited)
    }
    /// The values with `support`, shortened: a field whose every value has
    /// it is named alone (`participants`), others value by value
    /// (`chairs[0].title`).
    pub fn shortened(&self, support: Support) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for v in self.values.iter().filter(|v| v.support == support) {
            let field = base(&v.path);
            let whole = self
                .values
                .iter()
                .filter(|w| base(&w.path) == field)
                .all(|w| w.support == support);
            let shown = if whole { field } else { v.path.as_str() };
            if out.last() != Some(&shown) {
                out.push(shown);
            }
        }
        out
    }
    /// Paths that citations or claims name inside a field but at which the
    /// entity holds no value (lint `P-W016`), as written.
    pub fn unknown_paths(&self) -> &[String] {
        &self.unknown_paths
    }
}

/// The coverage of one kind of entity, or of the whole dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ValueCounts {
    /// Entities counted.
    pub entities: usize,
    /// Values they hold.
    pub filled: usize,
    /// Values a citation supports.
    pub cited: usize,
    /// Values a claim records as inferred.
    pub inferred: usize,
    /// Values nothing supports.
    pub uncited: usize,
}

impl ValueCounts {
    fn add(&mut self, e: &EntityCoverage) {
        self.entities += 1;
        self.filled += e.filled();
        self.cited += e.count(Support::Cited);
        self.inferred += e.count(Support::Inferred);
        self.uncited += e.count(Support::Uncited);
    }
    /// The share of values cited or inferred, from 0 to 1; 1 when there are
    /// none.
    pub fn ratio(&self) -> f64 {
        if self.filled == 0 {
            1.0
        } else {
            (self.cited + self.inferred) as f64 / self.filled as f64
        }
    }
    /// The share of values cited, inferred ones left out, from 0 to 1.
    pub fn cited_ratio(&self) -> f64 {
        if self.filled == 0 {
            1.0
        } else {
            self.cited as f64 / self.filled as f64
        }
    }
}

impl fmt::Display for ValueCounts {
    /// `100.0% of 412 values (380 cited, 32 inferred, 0 uncited)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.1}% of {} values ({} cited, {} inferred, {} uncited)",
            self.ratio() * 100.0,
            self.filled,
            self.cited,
            self.inferred,
            self.uncited
        )
    }
}

/// The provenance of every value of a dataset: see the [module
/// docs](crate::provenance) and [`Registry::provenance_coverage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvenanceReport {
    entities: Vec<EntityCoverage>,
}

impl ProvenanceReport {
    /// Every entity but sources, in registry order by kind.
    pub fn entities(&self) -> &[EntityCoverage] {
        &self.entities
    }
    /// The entity of `kind` with `key`.
    pub fn entity(&self, kind: EntityKind, key: &str) -> Option<&EntityCoverage> {
        self.entities
            .iter()
            .find(|e| e.kind == kind && e.key == key)
    }
    /// The coverage of each kind that has entities, in the order a data
    /// file lists them.
    pub fn by_kind(&self) -> Vec<(EntityKind, ValueCounts)> {
        EntityKind::ALL
            .iter()
            .filter_map(|&kind| {
                let mut c = ValueCounts::default();
                for e in self.entities.iter().filter(|e| e.kind == kind) {
                    c.add(e);
                }
                (c.entities > 0).then_some((kind, c))
            })
            .collect()
    }
    /// The coverage of the whole dataset.
    pub fn total(&self) -> ValueCounts {
        let mut c = ValueCounts::default();
        for e in &self.entities {
            c.add(e);
        }
        c
    }
    /// The lints `P-W014` (each uncited value, shortened as in
    /// [`EntityCoverage::uncited`]) and `P-W016` (each path that names no
    /// value), each when asked for.
    pub(crate) fn lints(&self, uncited: bool, unknown: bool) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for e in &self.entities {
            let prefix = format!("{}[{}]", e.kind.plural(), e.index);
            if unknown {
                for (path, at) in e.unknown_paths.iter().zip(&e.unknown_at) {
                    out.push(
                        Diagnostic::new(
                            Rule::UnknownProvenancePath,
                            Some(e.kind),
                            Some(&e.key),
                            at.as_str(),
                            format!("{path:?} names no value of the entity: expected a field, or a path to a value it holds"),
                        )
                        .at(&prefix),
                    );
                }
            }
            if uncited {
                for path in e.uncited() {
                    out.push(
                        Diagnostic::new(
                            Rule::UncitedValue,
                            Some(e.kind),
                            Some(&e.key),
                            path,
                            "no citation supports it and no claim marks it inferred: expected a citation naming it, or an inferred claim saying from what",
                        )
                        .at(&prefix),
                    );
                }
            }
        }
        out
    }
}

impl fmt::Display for ProvenanceReport {
    /// The coverage of the dataset and of each kind, then each entity with
    /// uncited or inferred values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "provenance coverage: {}", self.total())?;
        for (kind, c) in self.by_kind() {
            writeln!(f, "  {:<12} {c}", kind.as_str())?;
        }
        for e in &self.entities {
            let uncited = e.uncited();
            let inferred = e.shortened(Support::Inferred);
            if !uncited.is_empty() {
                writeln!(f, "{} {:?}: uncited {}", e.kind, e.key, uncited.join(", "))?;
            }
            if !inferred.is_empty() {
                writeln!(
                    f,
                    "{} {:?}: inferred {}",
                    e.kind,
                    e.key,
                    inferred.join(", ")
                )?;
            }
        }
        Ok(())
    }
}

/// The name of the field a path starts with: `chairs` for `chairs[0].title`.
fn base(path: &str) -> &str {
    let end = path.find(['[', '.']).unwrap_or(path.len());
    path.get(..end).unwrap_or(path)
}

/// The citations and claims of one object of the saved form (the entity,
/// or a party action inside it), with paths made absolute.
#[derive(Default)]
struct Scope {
    /// Paths the citations support; the object's own path for a citation
    /// naming no field.
    cited: Vec<String>,
    /// Paths inferred claims cover.
    inferred: Vec<String>,
    /// Paths named inside a field, to check that they hold a value: the
    /// absolute path, the path as written, and where it is written.
    named: Vec<Named>,
}

/// A path inside a field that a citation or claim names.
struct Named {
    full: String,
    written: String,
    at: String,
}

/// `field` of the object at `prefix`, as an absolute path.
fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

impl Scope {
    /// Reads the saved `sources` and `claims` of the object at `prefix`.
    fn read(&mut self, prefix: &str, object: &serde_json::Map<String, Value>) {
        let citations = object.get("sources").and_then(Value::as_array);
        for (i, citation) in citations.into_iter().flatten().enumerate() {
            let fields = citation.get("fields").and_then(Value::as_array);
            let fields: Vec<&str> = fields
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if fields.is_empty() {
                self.cited.push(prefix.to_owned());
            }
            for (j, field) in fields.into_iter().enumerate() {
                self.name(prefix, field, &format!("sources[{i}].fields[{j}]"));
                self.cited.push(join(prefix, field));
            }
        }
        let claims = object.get("claims").and_then(Value::as_array);
        for (i, claim) in claims.into_iter().flatten().enumerate() {
            let Some(field) = claim.get("field").and_then(Value::as_str) else {
                continue;
            };
            self.name(prefix, field, &format!("claims[{i}].field"));
            let inferred = claim.get("kind").and_then(Value::as_str) == Some("inferred");
            let list = if inferred {
                &mut self.inferred
            } else {
                &mut self.cited
            };
            list.push(join(prefix, field));
        }
    }

    /// Keeps a path inside a field to check it; a bare field name was
    /// checked against the entity's fields on load.
    fn name(&mut self, prefix: &str, field: &str, at: &str) {
        if field.contains(['[', '.']) {
            self.named.push(Named {
                full: join(prefix, field),
                written: field.to_owned(),
                at: join(prefix, at),
            });
        }
    }
}

/// Lists the values of a saved entity (leaves of its JSON form) under
/// `path`, and reads the provenance of every object on the way.
fn walk(value: &Value, path: &str, values: &mut Vec<String>, scope: &mut Scope) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            scope.read(path, map);
            for (name, v) in map {
                let skip =
                    name == "sources" || name == "claims" || (path.is_empty() && name == "key");
                if !skip {
                    walk(v, &join(path, name), values, scope);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), values, scope);
            }
        }
        Value::Bool(_) | Value::Number(_) | Value::String(_) => values.push(path.to_owned()),
    }
}

/// The coverage of one entity, from its saved form.
fn entity_coverage<E: Entity + Serialize>(index: usize, entity: &E) -> EntityCoverage {
    let mut paths = Vec::new();
    let mut scope = Scope::default();
    // An entity that cannot be written has no values to count; every
    // entity of a registry can.
    if let Ok(saved) = serde_json::to_value(entity) {
        walk(&saved, "", &mut paths, &mut scope);
    }
    let values = paths
        .into_iter()
        .map(|path| {
            let covered = |list: &[String]| list.iter().any(|p| path_covers(p, &path));
            let support = if covered(&scope.inferred) {
                Support::Inferred
            } else if covered(&scope.cited) {
                Support::Cited
            } else {
                Support::Uncited
            };
            ValueSupport { path, support }
        })
        .collect::<Vec<_>>();
    let (unknown_paths, unknown_at) = scope
        .named
        .into_iter()
        .filter(|n| !values.iter().any(|v| path_covers(&n.full, &v.path)))
        .map(|n| (n.written, n.at))
        .unzip();
    EntityCoverage {
        kind: E::KIND,
        key: entity.key().as_str().to_owned(),
        index,
        values,
        unknown_paths,
        unknown_at,
    }
}

/// Whether some citation or claim of an entity names a path inside a
/// field: only such an entity can break `P-W016`, which runs by default
/// and so must not write out every entity of a large dataset. (The
/// citations of a party action name its plain fields only: paths inside
/// them are found when the whole report is asked for.)
fn names_inner_paths(p: &crate::model::source::Provenance) -> bool {
    p.citations()
        .iter()
        .flat_map(|c| c.fields())
        .chain(p.claims().iter().map(|c| c.field()))
        .any(|f| f.contains(['[', '.']))
}

impl Registry {
    /// The provenance of every value of the dataset: for each entity (but
    /// sources), which values a citation supports, which a claim records
    /// as inferred, and which nothing supports; and the coverage by entity
    /// kind. See the [module docs](crate::provenance) for what counts as a
    /// value and as support.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::provenance::Support;
    ///
    /// let report = pactum::seed().provenance_coverage();
    /// let total = report.total();
    /// assert_eq!(total.uncited, 0);
    /// assert!(total.inferred > 0);
    /// let mou = report
    ///     .entity(pactum::EntityKind::Mou, "kr-mnd-msit-2021")
    ///     .expect("in the seed");
    /// assert!(mou.paths(Support::Inferred).any(|p| p.starts_with("signed_by")));
    /// println!("{report}");
    /// ```
    pub fn provenance_coverage(&self) -> ProvenanceReport {
        self.coverage_of(|_| true)
    }

    /// The coverage of the entities whose provenance `wanted` accepts.
    fn coverage_of(
        &self,
        wanted: impl Fn(&crate::model::source::Provenance) -> bool,
    ) -> ProvenanceReport {
        let mut entities = Vec::new();
        macro_rules! kind {
            ($list:expr) => {
                for (i, e) in $list.iter().enumerate() {
                    if wanted(e.provenance()) {
                        entities.push(entity_coverage(i, e));
                    }
                }
            };
        }
        kind!(self.dataset_tech_areas());
        kind!(self.institutions());
        kind!(self.partnerships());
        kind!(self.meetings());
        kind!(self.mous());
        kind!(self.commitments());
        ProvenanceReport { entities }
    }

    /// The provenance lints `P-W014` and `P-W016`, those of them that are on.
    pub(crate) fn provenance_lints(&self, uncited: bool, unknown: bool) -> Vec<Diagnostic> {
        if uncited {
            self.provenance_coverage().lints(true, unknown)
        } else if unknown {
            self.coverage_of(names_inner_paths).lints(false, true)
        } else {
            Vec::new()
        }
    }
}
