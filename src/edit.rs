//! Edits that touch many entities at once: merging two datasets and removing
//! an entity together with everything that refers to it.
//!
//! Like every edit of a [`Registry`], these are atomic: they check the whole
//! result first, then apply it, or return an error and leave the registry
//! exactly as it was.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule, ValidationError};
use crate::model::id::EntityKind;
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;
use crate::registry::Registry;
use crate::store::check::{check_registry, Scope};
use crate::store::Stored;

/// What [`Registry::merge`] does when both datasets have an entity with the
/// same key and different content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MergePolicy {
    /// Reject the merge and report every conflict, field by field.
    #[default]
    Fail,
    /// Keep this registry's version; the conflict is still reported.
    KeepOurs,
    /// Take the other dataset's version; the conflict is still reported.
    TakeTheirs,
}

/// One field on which the two versions of an entity differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldDifference {
    field: String,
    ours: Option<serde_json::Value>,
    theirs: Option<serde_json::Value>,
}

impl FieldDifference {
    /// The field's name in the data format (`date`, `signatories`).
    pub fn field(&self) -> &str {
        &self.field
    }

    /// This registry's value, as JSON; `None` when the field is absent.
    pub fn ours(&self) -> Option<&serde_json::Value> {
        self.ours.as_ref()
    }

    /// The other dataset's value, as JSON; `None` when the field is absent.
    pub fn theirs(&self) -> Option<&serde_json::Value> {
        self.theirs.as_ref()
    }
}

impl fmt::Display for FieldDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<serde_json::Value>| match v {
            Some(v) => v.to_string(),
            None => "absent".to_owned(),
        };
        write!(
            f,
            "{}: ours {}, theirs {}",
            self.field,
            show(&self.ours),
            show(&self.theirs)
        )
    }
}

/// An entity that both datasets have with different content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    kind: EntityKind,
    key: String,
    fields: Vec<FieldDifference>,
}

impl Conflict {
    /// The kind of the entity.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// The entity's key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Every field that differs, in the order of the data format.
    pub fn fields(&self) -> &[FieldDifference] {
        &self.fields
    }
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MergeReport {
    added: Vec<(EntityKind, String)>,
    identical: usize,
    conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// Entities of the other dataset that this registry did not have.
    pub fn added(&self) -> &[(EntityKind, String)] {
        &self.added
    }

    /// How many entities both datasets had with the same content.
    pub fn identical(&self) -> usize {
        self.identical
    }

    /// Entities both had with different content, resolved by the policy.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }
}

/// The fields of an entity as the data format writes them, in its order.
struct Fields(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Fields(out))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

fn fields<E: Serialize>(entity: &E) -> Vec<(String, serde_json::Value)> {
    serde_json::to_string(entity)
        .ok()
        .and_then(|text| serde_json::from_str::<Fields>(&text).ok())
        .map_or_else(Vec::new, |f| f.0)
}

fn differences<E: Serialize>(ours: &E, theirs: &E) -> Vec<FieldDifference> {
    let a = fields(ours);
    let b = fields(theirs);
    let get = |list: &[(String, serde_json::Value)], name: &str| {
        list.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    };
    let mut names: Vec<&String> = a.iter().map(|(k, _)| k).collect();
    names.extend(
        b.iter()
            .map(|(k, _)| k)
            .filter(|k| !a.iter().any(|(n, _)| n == *k)),
    );
    names
        .into_iter()
        .map(|name| FieldDifference {
            field: name.clone(),
            ours: get(&a, name),
            theirs: get(&b, name),
        })
        .filter(|d| d.ours != d.theirs)
        .collect()
}

struct Merger<'a> {
    policy: MergePolicy,
    report: MergeReport,
    problems: Vec<Diagnostic>,
    merged: &'a mut Registry,
}

impl Merger<'_> {
    fn kind<E: Stored + Serialize + PartialEq + Clone>(&mut self, theirs: &[E]) {
        for entity in theirs {
            let key = entity.key().as_str();
            let Some(ours) = self.merged.get::<E>(key) else {
                if self.merged.tables_mut().push(entity.clone()).is_ok() {
                    self.report.added.push((E::KIND, key.to_owned()));
                }
                continue;
            };
            if ours == entity {
                self.report.identical += 1;
                continue;
            }
            let fields = differences(ours, entity);
            if self.policy == MergePolicy::Fail {
                for d in &fields {
                    self.problems.push(Diagnostic::new(
                        Rule::MergeConflict,
                        Some(E::KIND),
                        Some(key),
                        d.field.clone(),
                        format!(
                            "the datasets disagree: ours {}, theirs {}: expected the same value, or a merge policy that picks one",
                            d.ours.as_ref().map_or("absent".to_owned(), ToString::to_string),
                            d.theirs.as_ref().map_or("absent".to_owned(), ToString::to_string),
                        ),
                    ));
                }
            } else if self.policy == MergePolicy::TakeTheirs {
                self.merged.tables_mut().replace(entity.clone());
            }
            self.report.conflicts.push(Conflict {
                kind: E::KIND,
                key: key.to_owned(),
                fields,
            });
        }
    }
}

impl Registry {
    /// Adds the entities of `other` to this registry.
    ///
    /// An entity only `other` has is added; one both have with the same
    /// content is kept once; one both have with different content is a
    /// conflict, handled by `policy` and reported field by field. The merged
    /// dataset is then checked as a whole (references, cycles, session
    /// order, …).
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every conflict (rule `P-E021`) under
    /// [`MergePolicy::Fail`], or every invariant the merged dataset would
    /// break; the registry is left unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{MergePolicy, Registry};
    ///
    /// let mut ours = pactum::seed();
    /// let theirs = Registry::from_json_str(r#"{
    ///   "pactum": 1,
    ///   "institutions": [
    ///     {"key": "kr-msit", "name": "Ministry of Science and ICT", "kind": "ministry", "country": "KR"}
    ///   ]
    /// }"#)?;
    /// // Their kr-msit lacks our parent, aliases and sources: a conflict.
    /// let err = ours.merge(&theirs, MergePolicy::Fail).unwrap_err();
    /// assert!(err.diagnostics().iter().any(|d| d.path() == "parent"));
    /// let report = ours.merge(&theirs, MergePolicy::KeepOurs)?;
    /// assert_eq!(report.conflicts()[0].key(), "kr-msit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(
        &mut self,
        other: &Registry,
        policy: MergePolicy,
    ) -> Result<MergeReport, ValidationError> {
        let mut merged = self.clone();
        let mut m = Merger {
            policy,
            report: MergeReport::default(),
            problems: Vec::new(),
            merged: &mut merged,
        };
        m.kind::<Source>(other.sources());
        m.kind::<TechArea>(other.dataset_tech_areas());
        m.kind::<Institution>(other.institutions());
        m.kind::<Partnership>(other.partnerships());
        m.kind::<Meeting>(other.meetings());
        m.kind::<Mou>(other.mous());
        m.kind::<Commitment>(other.commitments());
        let Merger {
            report,
            mut problems,
            ..
        } = m;
        if problems.is_empty() {
            problems = check_registry(merged.tables(), Scope::All, &|_, _| String::new());
        }
        if !problems.is_empty() {
            return Err(ValidationError::new(problems));
        }
        *self = merged;
        Ok(report)
    }

    /// Removes the entity with `key` and, recursively, every entity that
    /// refers to it (a partnership's meetings, the commitments made at them,
    /// the institutions under a removed one, the entities citing a removed
    /// source). Returns what was removed, the named entity first.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when no entity has the key or it is a built-in
    /// technology area; the registry is left unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{EntityKind, Partnership};
    ///
    /// let mut registry = pactum::seed();
    /// let removed = registry.remove_cascade::<Partnership>("eu-kr-digital")?;
    /// assert_eq!(removed[0], (EntityKind::Partnership, "eu-kr-digital".to_owned()));
    /// assert!(removed.contains(&(EntityKind::Meeting, "eu-kr-dpc-2".to_owned())));
    /// assert!(removed.contains(&(EntityKind::Commitment, "eu-kr-dpc-3-in-seoul".to_owned())));
    /// assert!(registry.meeting("eu-kr-dpc-1").is_none());
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn remove_cascade<E: Stored>(
        &mut self,
        key: &str,
    ) -> Result<Vec<(EntityKind, String)>, ValidationError> {
        if !self.contains_key::<E>(key) {
            // Let `remove` produce the not-found error.
            return self.remove::<E>(key).map(|_| Vec::new());
        }
        let mut order: Vec<(EntityKind, String)> = vec![(E::KIND, key.to_owned())];
        let mut seen: BTreeSet<(EntityKind, String)> = order.iter().cloned().collect();
        let mut i = 0;
        while let Some((kind, k)) = order.get(i).cloned() {
            for (by_kind, by_key, _) in crate::store::check::referrers(self.tables(), kind, &k) {
                if seen.insert((by_kind, by_key.clone())) {
                    order.push((by_kind, by_key));
                }
            }
            i += 1;
        }
        let mut next = self.clone();
        // Remove an entity once nothing left refers to it; the references
        // form no cycle (validated), so every round removes at least one.
        let mut left: Vec<(EntityKind, String)> = order.clone();
        while !left.is_empty() {
            let before = left.len();
            let mut problems = Vec::new();
            left.retain(|(kind, k)| {
                if !crate::store::check::referrers(next.tables(), *kind, k).is_empty() {
                    return true;
                }
                match remove_any(&mut next, *kind, k) {
                    Ok(()) => false,
                    Err(e) => {
                        problems.extend(e.into_diagnostics());
                        true
                    }
                }
            });
            if !problems.is_empty() {
                return Err(ValidationError::new(problems));
            }
            if left.len() == before {
                // Unreachable for valid data; fail safely rather than loop.
                let problems = left
                    .iter()
                    .map(|(kind, k)| {
                        Diagnostic::new(
                            Rule::Cycle,
                            Some(*kind),
                            Some(k),
                            "",
                            "the entities to remove refer to each other in a cycle",
                        )
                    })
                    .collect();
                return Err(ValidationError::new(problems));
            }
        }
        *self = next;
        Ok(order)
    }
}

/// Removes the entity of `kind` with `key`, checking references as
/// [`Registry::remove`] does.
fn remove_any(reg: &mut Registry, kind: EntityKind, key: &str) -> Result<(), ValidationError> {
    match kind {
        EntityKind::Source => reg.remove::<Source>(key).map(drop),
        EntityKind::TechArea => reg.remove::<TechArea>(key).map(drop),
        EntityKind::Institution => reg.remove::<Institution>(key).map(drop),
        EntityKind::Partnership => reg.remove::<Partnership>(key).map(drop),
        EntityKind::Meeting => reg.remove::<Meeting>(key).map(drop),
        EntityKind::Mou => reg.remove::<Mou>(key).map(drop),
        EntityKind::Commitment => reg.remove::<Commitment>(key).map(drop),
    }
}
