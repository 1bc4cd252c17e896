//! Quarantine loading, for data scraped from messy sources: load every
//! entity that is valid and set the others aside with their errors.
//!
//! This is never the default. [`Registry::from_json_str`] rejects a file with
//! any problem; [`Registry::quarantine_json_str`] (or
//! [`Registry::quarantine_path`], [`Registry::quarantine_reader`]) keeps
//! what it can. An entity that refers to a rejected one is rejected too,
//! with the reason, so the registry that comes out is as valid as any
//! other. [`Quarantine::lint`] and [`Quarantine::errors`] give paths into
//! the file, not into the registry, whose entities are numbered without
//! the gaps of the rejected.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use compact_str::CompactString;

use serde::de::DeserializeOwned;

use crate::io::{Limits, LoadError, Piece, Places, FORMAT_VERSION};
use crate::lint::LintSelection;
use crate::model::check::{Checker, Raw};
use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
use crate::model::id::{Entity, EntityKind};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;
use crate::registry::Registry;
use crate::store::check::{check_registry, references_to, Scope};
use crate::store::Stored;

/// An entity set aside by a quarantine load, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    kind: EntityKind,
    index: usize,
    key: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

impl Rejected {
    /// The kind of entity.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }

    /// Its position in its array in the file (`meetings[index]`).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its key as written, when it had one.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// Why it was rejected: its own problems, or the rejected entity it
    /// refers to.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// The result of a quarantine load: a valid registry and what was left out.
#[derive(Debug, Clone)]
pub struct Quarantine {
    registry: Registry,
    rejected: Vec<Rejected>,
    /// The position in its array in the file of each entity kept.
    positions: HashMap<(EntityKind, CompactString), usize>,
}

impl Quarantine {
    /// The valid part of the dataset.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The valid part of the dataset, by value.
    pub fn into_registry(self) -> Registry {
        self.registry
    }

    /// The entities left out, in the order of the file (by kind, then
    /// position).
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Every diagnostic of every entity left out, in the order of the file
    /// (by kind, then position), with paths into the file.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.rejected
            .iter()
            .flat_map(|r| r.diagnostics.iter().cloned())
            .collect()
    }

    /// The lints of the valid part as of `day` (see [`Registry::lint`]),
    /// with paths into the file: the MOU at `mous[1805]` in the file is
    /// named so, although it is `mous[1797]` in [`Quarantine::registry`]
    /// once the eight before it are left out.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{Limits, Registry, Rule};
    ///
    /// let text = r#"{"pactum": 1,
    ///   "institutions": [
    ///     {"key": "kr-a", "name": "A", "kind": "ministry", "country": "KR"},
    ///     {"key": "kr-b", "name": "B", "kind": "ministry", "country": "KR"}
    ///   ],
    ///   "mous": [
    ///     {"key": "bad", "title": "Bad", "signatories": ["kr-a", "kr-b"], "signed": "2023-02-30"},
    ///     {"key": "good", "title": "Good", "signatories": ["kr-a", "kr-b"], "signed": "2023-03"}
    ///   ]}"#;
    /// let q = Registry::quarantine_json_str(text, &Limits::default())?;
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let lint = q.lint(day).into_iter().find(|d| d.rule() == Rule::NoTechArea).unwrap();
    /// assert_eq!(lint.path(), "mous[1].tech_areas");
    /// assert_eq!(q.errors()[0].path(), "mous[0].signed");
    /// # Ok::<(), pactum::LoadError>(())
    /// ```
    pub fn lint(&self, day: NaiveDate) -> Vec<Diagnostic> {
        self.lint_with(day, &LintSelection::default())
    }

    /// The lints of `selection` of the valid part as of `day` (see
    /// [`Registry::lint_with`]), with paths into the file.
    pub fn lint_with(&self, day: NaiveDate, selection: &LintSelection) -> Vec<Diagnostic> {
        self.registry
            .lint_with(day, selection)
            .into_iter()
            .map(|d| self.in_file(d))
            .collect()
    }

    /// `d`, about an entity of the registry, with its path into the file.
    fn in_file(&self, d: Diagnostic) -> Diagnostic {
        let (Some(kind), Some(key)) = (d.entity(), d.key()) else {
            return d;
        };
        let Some(&at) = self.positions.get(&(kind, CompactString::from(key))) else {
            return d;
        };
        let plural = kind.plural();
        // The registry's place, `mous[1797]`, is replaced by the file's.
        let rest = d
            .path()
            .strip_prefix(plural)
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.find(']').and_then(|end| rest.get(end + 1..)));
        match rest {
            Some(rest) => {
                let path = format!("{plural}[{at}]{rest}");
                d.with_path(path)
            }
            None => d,
        }
    }
}

struct Sorter {
    reg: Registry,
    max_text: usize,
    rejected: Vec<Rejected>,
    /// Where each loaded entity sits in the file.
    /// Keys are short: most are kept inline, with no allocation each.
    index: HashMap<(EntityKind, CompactString), usize>,
}

impl Sorter {
    fn reject(
        &mut self,
        kind: EntityKind,
        index: usize,
        key: Option<String>,
        diagnostics: Vec<Diagnostic>,
    ) {
        self.rejected.push(Rejected {
            kind,
            index,
            key,
            diagnostics,
        });
    }

    /// Converts `piece`, an entity of `file`, and keeps it, or rejects it
    /// with its problems.
    fn add<R>(
        &mut self,
        places: &mut Places,
        file: &str,
        piece: Piece<'_>,
        convert: fn(R, &mut Checker<'_>) -> Option<R::Entity>,
    ) where
        R: Raw + DeserializeOwned,
        R::Entity: Stored,
    {
        let kind = R::Entity::KIND;
        let i = piece.index;
        let prefix = format!("{}[{i}]", kind.plural());
        let raw: R = match places.parse(file, piece) {
            Ok(raw) => raw,
            Err((key, d)) => {
                self.reject(kind, i, key, vec![d]);
                return;
            }
        };
        let mut problems = Vec::new();
        let written = raw.key_text().to_owned();
        let entity = {
            let mut ck =
                Checker::new(Some(kind), &written, &mut problems).with_max_text(self.max_text);
            convert(raw, &mut ck)
        };
        let problems: Vec<Diagnostic> = problems.into_iter().map(|d| d.at(&prefix)).collect();
        match entity {
            Some(entity) if problems.is_empty() => {
                let key = entity.key().as_str().to_owned();
                match self.reg.tables_mut().push(entity) {
                    Ok(_) => {
                        self.index.insert((kind, CompactString::from(key)), i);
                    }
                    Err(_) => {
                        let d = crate::store::check::duplicate_key(kind, &key).at(&prefix);
                        self.reject(kind, i, Some(key), vec![d]);
                    }
                }
            }
            _ => self.reject(kind, i, Some(written), problems),
        }
    }

    /// Rejects every entity named in `problems` (grouped per entity) and
    /// returns the keys that are now gone from the registry.
    fn reject_all(&mut self, problems: Vec<Diagnostic>) -> HashSet<(EntityKind, String)> {
        let mut grouped: Vec<((EntityKind, String), Vec<Diagnostic>)> = Vec::new();
        for d in problems {
            let (Some(kind), Some(key)) = (d.entity(), d.key()) else {
                continue;
            };
            let id = (kind, key.to_owned());
            match grouped.iter_mut().find(|(k, _)| *k == id) {
                Some((_, list)) => list.push(d),
                None => grouped.push((id, vec![d])),
            }
        }
        let gone: HashSet<(EntityKind, String)> =
            grouped.iter().map(|(id, _)| id.clone()).collect();
        self.reg.tables_mut().drop_entities(&gone);
        for ((kind, key), diagnostics) in grouped {
            let at = (kind, CompactString::from(key.as_str()));
            let index = self.index.get(&at).copied().unwrap_or(0);
            self.reject(kind, index, Some(key), diagnostics);
        }
        gone
    }

    fn prefix(&self, d: Diagnostic) -> Diagnostic {
        match (d.entity(), d.key()) {
            (Some(kind), Some(key)) => match self.index.get(&(kind, CompactString::from(key))) {
                Some(i) => {
                    let prefix = format!("{}[{i}]", kind.plural());
                    d.at(&prefix)
                }
                None => d,
            },
            _ => d,
        }
    }
}

impl Registry {
    /// Loads every valid entity of a dataset and sets the others aside.
    ///
    /// An entity is rejected when it has the wrong shape, breaks a rule of
    /// its own, repeats a key, breaks an invariant with others (a cycle, a
    /// session out of order), or refers to a rejected entity. What remains is
    /// a registry as valid as one from [`Registry::from_json_str`].
    ///
    /// # Errors
    ///
    /// [`LoadError::Syntax`] when the text is not JSON or its top level is
    /// not a dataset object, [`LoadError::Version`] and
    /// [`LoadError::TooLarge`] as for a normal load: without a readable top
    /// level nothing can be sorted.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Limits, Registry, Rule};
    ///
    /// let text = r#"{"pactum": 1,
    ///   "institutions": [
    ///     {"key": "kr-gov", "name": "Government of the Republic of Korea", "kind": "government", "country": "KR"},
    ///     {"key": "us-gov", "name": "Government of the United States", "kind": "government", "country": "USA"},
    ///     {"key": "kr-msit", "name": "Ministry of Science and ICT", "kind": "ministry", "country": "KR", "parent": "kr-gov"}
    ///   ],
    ///   "mous": [
    ///     {"key": "kr-us", "title": "An MOU", "signatories": ["kr-msit", "us-gov"], "signed": "2023-04"}
    ///   ]}"#;
    /// let q = Registry::quarantine_json_str(text, &Limits::default())?;
    /// assert_eq!(q.registry().institutions().len(), 2);
    /// let rejected: Vec<_> = q.rejected().iter().map(|r| r.key().unwrap()).collect();
    /// assert_eq!(rejected, ["us-gov", "kr-us"]);
    /// assert_eq!(q.rejected()[1].diagnostics()[0].rule(), Rule::DanglingReference);
    /// # Ok::<(), pactum::LoadError>(())
    /// ```
    pub fn quarantine_json_str(text: &str, limits: &Limits) -> Result<Quarantine, LoadError> {
        sort(text, limits)?.settle()
    }
}

/// Reads every entity of `text` into a registry, or sets it aside.
fn sort(text: &str, limits: &Limits) -> Result<Sorter, LoadError> {
    limits.check_bytes(u64::try_from(text.len()).unwrap_or(u64::MAX))?;
    // Editors on some systems start UTF-8 files with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut s = Sorter {
        reg: Registry::new(),
        max_text: limits.max_text_bytes_value(),
        rejected: Vec::new(),
        index: HashMap::new(),
    };
    let mut places = Places::default();
    let mut count: u64 = 0;
    // Entities are read one at a time, straight from the text: no
    // entity is held as a JSON tree.
    let version = crate::io::each_entity(text, limits, |piece| {
        count += 1;
        // Past the limit entities are only counted, for the error.
        if count > limits.max_entities_value() {
            return;
        }
        let p = &mut places;
        match piece.kind {
            EntityKind::Source => s.add(p, text, piece, Source::from_raw),
            EntityKind::TechArea => s.add(p, text, piece, TechArea::from_raw),
            EntityKind::Institution => s.add(p, text, piece, Institution::from_raw),
            EntityKind::Partnership => s.add(p, text, piece, Partnership::from_raw),
            EntityKind::Meeting => s.add(p, text, piece, Meeting::from_raw),
            EntityKind::Mou => s.add(p, text, piece, Mou::from_raw),
            EntityKind::Commitment => s.add(p, text, piece, Commitment::from_raw),
        }
    })?;
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        found => return Err(LoadError::Version { found }),
    }
    limits.check_entities(usize::try_from(count).unwrap_or(usize::MAX))?;
    Ok(s)
}

impl Sorter {
    /// Rejects what refers to a rejected entity or breaks an invariant with
    /// others, until what is left is valid. The text is no longer needed.
    fn settle(mut self) -> Result<Quarantine, LoadError> {
        let s = &mut self;
        // Keys that were rejected and are not in the registry under another
        // entry: anything referring to them must go too.
        let mut gone: HashSet<(EntityKind, String)> = s
            .rejected
            .iter()
            .filter_map(|r| r.key.clone().map(|k| (r.kind, k)))
            .filter(|(kind, key)| !s.reg.tables().contains_kind_key(*kind, key))
            .collect();
        loop {
            let hits = references_to(s.reg.tables(), &gone);
            if !hits.is_empty() {
                let problems = hits
                    .into_iter()
                    .map(|h| {
                        let d = Diagnostic::new(
                            Rule::DanglingReference,
                            Some(h.from_kind),
                            Some(&h.from_key),
                            h.path,
                            format!("refers to {} {:?}, which was rejected", h.to_kind, h.to_key),
                        );
                        s.prefix(d)
                    })
                    .collect();
                gone = s.reject_all(problems);
                continue;
            }
            let problems: Vec<Diagnostic> =
                check_registry(s.reg.tables(), Scope::All, &|_, _| String::new())
                    .into_iter()
                    .filter(|d| d.severity() == Severity::Error)
                    .map(|d| s.prefix(d))
                    .collect();
            if problems.is_empty() {
                break;
            }
            if problems
                .iter()
                .all(|d| d.entity().is_none() || d.key().is_none())
            {
                // Problems that name no entity cannot be set aside.
                return Err(LoadError::Invalid(ValidationError::new(problems)));
            }
            gone = s.reject_all(problems);
        }
        s.rejected.sort_by(|a, b| {
            let pos = |k: EntityKind| EntityKind::ALL.iter().position(|x| *x == k);
            (pos(a.kind), a.index).cmp(&(pos(b.kind), b.index))
        });
        Ok(Quarantine {
            registry: self.reg,
            rejected: self.rejected,
            positions: self.index,
        })
    }
}

impl Registry {
    /// Loads every valid entity of the dataset in the file at `path` and
    /// sets the others aside, as [`Registry::quarantine_json_str`] does; a
    /// file over the size limit is rejected before it is read.
    ///
    /// # Errors
    ///
    /// As [`Registry::quarantine_json_str`], plus [`LoadError::Read`],
    /// naming the path, when the file cannot be opened or read, and
    /// [`LoadError::Syntax`] when its bytes are not UTF-8.
    pub fn quarantine_path(
        path: impl AsRef<Path>,
        limits: &Limits,
    ) -> Result<Quarantine, LoadError> {
        let text = crate::io::read_path(path.as_ref(), limits)?;
        let sorted = sort(&text, limits)?;
        // The text is as large as the registry: it goes before the checks.
        drop(text);
        sorted.settle()
    }

    /// Loads every valid entity of the dataset read from `reader` (to its
    /// end, or one byte past the size limit) and sets the others aside, as
    /// [`Registry::quarantine_json_str`] does.
    ///
    /// # Errors
    ///
    /// As [`Registry::quarantine_json_str`], plus [`LoadError::Io`] when
    /// reading fails and [`LoadError::Syntax`] when the bytes are not UTF-8.
    pub fn quarantine_reader<R: Read>(reader: R, limits: &Limits) -> Result<Quarantine, LoadError> {
        let text = crate::io::read_text(reader, limits)?;
        let sorted = sort(&text, limits)?;
        // The text is as large as the registry: it goes before the checks.
        drop(text);
        sorted.settle()
    }
}
