//! Reading and writing data files (format version 1, see `docs/format.md`).
//!
//! Loading reads the file once, converting and checking each entity as soon
//! as it is parsed (no array of raw entities is held). A file of more than
//! a few hundred KiB is read in chunks on several threads (see
//! [`Limits::max_threads`]), with the same result as one thread reading it
//! from the start. Text that is not JSON, or a top level that is not a
//! dataset object, stops it, and is reported with line, column, byte and
//! JSON path (and the entity it is in, when known). Otherwise every entity
//! and then every reference is validated, and **every** problem is
//! reported at once, each with its JSON path and entity key, in the same
//! order whatever the order of the file's arrays: an entity of the wrong
//! shape (a value of the wrong type, an unknown field) is one problem
//! among the others. A file whose fast reading fails is read again, entity
//! by entity, to find them all. Nothing is half-loaded.
//!
//! Saving is deterministic: members in a fixed order, entities sorted by key,
//! pretty-printed, so a dataset kept in git diffs cleanly, and
//! load → save → load → save gives identical bytes.

use std::collections::HashSet;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Serialize};

use crate::model::check::{Checker, Raw};
use crate::model::commitment::{Commitment, RawCommitment};
use crate::model::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
use crate::model::id::{Entity, EntityKind};
use crate::model::institution::{Institution, RawInstitution};
use crate::model::meeting::{Meeting, RawMeeting};
use crate::model::mou::{Mou, RawMou};
use crate::model::partnership::{Partnership, RawPartnership};
use crate::model::source::{RawSource, Source};
use crate::model::taxonomy::{RawTechArea, TechArea};
use crate::registry::Registry;
use crate::store::check::{check_registry_except, Scope};
use crate::store::Stored;

mod collect;
mod save;
mod scan;

pub(crate) use collect::{Piece, Places};
mod split;

use scan::{Field, Malformed, FIELDS};

/// The data format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Bounds on what a load accepts, so that a hostile or broken file cannot
/// make a program that embeds pactum run out of memory.
///
/// The defaults accept datasets of millions of entities (a 4 GiB file, 20
/// million entities, texts up to 1 MiB). JSON nesting is bounded by the
/// parser at 128 levels; a valid dataset needs 6.
///
/// ```
/// use pactum::{Limits, LoadError, Registry};
///
/// let tight = Limits::default().max_bytes(16);
/// let err = Registry::from_json_str_with(r#"{"pactum": 1, "sources": []}"#, &tight).unwrap_err();
/// assert!(matches!(err, LoadError::TooLarge { what: "file", .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    max_bytes: u64,
    max_entities: u64,
    max_text_bytes: usize,
    max_threads: usize,
}

impl Limits {
    /// The default longest text, in bytes.
    pub const DEFAULT_MAX_TEXT_BYTES: usize = crate::model::check::DEFAULT_MAX_TEXT_BYTES;

    /// The longest file accepted, in bytes (default 4 GiB).
    pub fn max_bytes(mut self, bytes: u64) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// The most entities accepted, all kinds together (default 20 million).
    pub fn max_entities(mut self, count: u64) -> Self {
        self.max_entities = count;
        self
    }

    /// The longest name, title, note or other text, in bytes (default 1 MiB).
    pub fn max_text_bytes(mut self, bytes: usize) -> Self {
        self.max_text_bytes = bytes;
        self
    }

    /// The most threads a load reads with, the calling thread included
    /// (default 4, and never more than the machine offers; 0 or 1 reads on
    /// the calling thread alone). A thread is added for each 128 KiB of
    /// the file, so small files are read on the calling thread; the result
    /// is the same however many threads read it.
    pub fn max_threads(mut self, threads: usize) -> Self {
        self.max_threads = threads;
        self
    }

    pub(crate) fn check_bytes(&self, found: u64) -> Result<(), LoadError> {
        if found > self.max_bytes {
            return Err(LoadError::TooLarge {
                what: "file",
                limit: self.max_bytes,
                found,
            });
        }
        Ok(())
    }

    pub(crate) fn max_text_bytes_value(&self) -> usize {
        self.max_text_bytes
    }

    pub(crate) fn max_entities_value(&self) -> u64 {
        self.max_entities
    }

    pub(crate) fn check_entities(&self, found: usize) -> Result<(), LoadError> {
        let found = u64::try_from(found).unwrap_or(u64::MAX);
        if found > self.max_entities {
            return Err(LoadError::TooLarge {
                what: "entities",
                limit: self.max_entities,
                found,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 << 30,
            max_entities: 20_000_000,
            max_text_bytes: Limits::DEFAULT_MAX_TEXT_BYTES,
            max_threads: 4,
        }
    }
}

/// A data file that cannot be read, parsed or validated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The data could not be read from a reader.
    #[error("cannot read the data file: {0}")]
    Io(#[from] std::io::Error),
    /// The file at `path` could not be opened or read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file, as given.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// The text is not JSON, or its top level is not a dataset object (an
    /// unknown or repeated member, an array of entities that is not an
    /// array): the first such error. An entity of the wrong shape is not
    /// one: it is reported with every other problem in
    /// [`LoadError::Invalid`].
    #[error("{}", syntax_message(*.line, *.column, *.offset, *.entity, .key.as_deref(), .path, .message))]
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error, in bytes.
        column: usize,
        /// The byte of the error, counted from the start of the text (after
        /// a byte order mark).
        offset: usize,
        /// JSON path of the value (`meetings[4].status`).
        path: String,
        /// What was wrong and what was expected.
        message: String,
        /// The kind of entity the error is in, if it is in one.
        entity: Option<EntityKind>,
        /// The key of that entity, when it was read before the error.
        key: Option<String>,
    },
    /// The format version is missing or not one this crate reads.
    #[error("pactum: {}", version_message(*.found))]
    Version {
        /// The version found, if any.
        found: Option<u64>,
    },
    /// The file parsed, but entities or references break invariants: every
    /// problem is listed.
    #[error("{}", invalid_message(.0))]
    Invalid(#[source] ValidationError),
    /// The file, or the number of entities in it, is over a [`Limits`] bound.
    #[error("{}", too_large_message(.what, *.limit, *.found))]
    TooLarge {
        /// What is too large: `file` (bytes) or `entities` (count).
        what: &'static str,
        /// The limit.
        limit: u64,
        /// What was found (for a file read from a stream, at least this).
        found: u64,
    },
}

impl LoadError {
    /// The problems as diagnostics (one for a syntax or version error, every
    /// problem for an invalid dataset, none for an I/O error).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Io(_) | LoadError::Read { .. } => Vec::new(),
            LoadError::Syntax {
                line,
                column,
                offset,
                path,
                message,
                entity,
                key,
            } => vec![Diagnostic::new(
                Rule::Syntax,
                *entity,
                key.as_deref(),
                path.clone(),
                format!(
                    "{}: {message}",
                    place(*line, *column, *offset, key.is_some())
                ),
            )],
            LoadError::Version { found } => vec![Diagnostic::new(
                Rule::UnsupportedVersion,
                None,
                None,
                "pactum",
                version_message(*found),
            )],
            LoadError::Invalid(e) => e.diagnostics().to_vec(),
            LoadError::TooLarge { .. } => vec![Diagnostic::new(
                Rule::TooLarge,
                None,
                None,
                "",
                self.to_string(),
            )],
        }
    }
}

/// The message of a syntax error: the entity it is in, where it is, then
/// what is wrong.
fn syntax_message(
    line: usize,
    column: usize,
    offset: usize,
    entity: Option<EntityKind>,
    key: Option<&str>,
    path: &str,
    message: &str,
) -> String {
    let mut out = match (entity, key) {
        (Some(kind), Some(key)) => format!("{kind} {}: ", crate::error::Quoted(key)),
        (Some(kind), None) => format!("{kind}: "),
        _ => String::new(),
    };
    out.push_str(&place(line, column, offset, key.is_some()));
    if !(path.is_empty() || path == ".") {
        out.push_str(", at ");
        out.push_str(path);
    }
    out.push_str(": ");
    out.push_str(message);
    out
}

/// Where a syntax error is: its line and column, and its byte when no key
/// says which entity it is in.
fn place(line: usize, column: usize, offset: usize, keyed: bool) -> String {
    if keyed {
        format!("line {line}, column {column}")
    } else {
        format!("line {line}, column {column} (byte {offset})")
    }
}

/// The message of a file or a dataset over a bound.
fn too_large_message(what: &str, limit: u64, found: u64) -> String {
    let unit = if what == "file" { " bytes" } else { "" };
    format!("the {what} is too large: {found}{unit}, expected at most {limit}{unit} (see Limits)")
}

/// The message of an invalid dataset: how many problems, then the first.
fn invalid_message(e: &ValidationError) -> String {
    let n = e.diagnostics().len();
    format!(
        "invalid dataset ({n} problem{}): {e}",
        if n == 1 { "" } else { "s" }
    )
}

/// Reads a data file's top-level object into a [`Loader`], converting each
/// entity as soon as it is parsed: no array of raw entities is ever held.
/// Yields the format version.
struct Dataset<'l> {
    loader: &'l mut Loader,
}

impl<'de> DeserializeSeed<'de> for Dataset<'_> {
    type Value = Option<u64>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u64>, D::Error> {
        deserializer.deserialize_struct("Dataset", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for Dataset<'_> {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with \"pactum\": 1 at the top level")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<u64>, A::Error> {
        let mut version = None;
        let mut seen = [false; FIELDS.len()];
        while let Some(field) = map.next_key::<Field>()? {
            let i = field as usize;
            if std::mem::replace(&mut seen[i], true) {
                return Err(A::Error::duplicate_field(FIELDS[i]));
            }
            let loader = &mut *self.loader;
            match field {
                Field::Pactum => version = map.next_value()?,
                Field::Sources => map.next_value_seed(Entities::<RawSource>::new(loader))?,
                Field::TechAreas => {
                    map.next_value_seed(Entities::<RawTechArea>::new(loader))?;
                }
                Field::Institutions => {
                    map.next_value_seed(Entities::<RawInstitution>::new(loader))?;
                }
                Field::Partnerships => {
                    map.next_value_seed(Entities::<RawPartnership>::new(loader))?;
                }
                Field::Meetings => map.next_value_seed(Entities::<RawMeeting>::new(loader))?,
                Field::Mous => map.next_value_seed(Entities::<RawMou>::new(loader))?,
                Field::Commitments => {
                    map.next_value_seed(Entities::<RawCommitment>::new(loader))?;
                }
            }
        }
        Ok(version)
    }
}

/// Reads one array of entities of a kind (`null` reads as empty), handing
/// each to the [`Loader`] as it is parsed.
struct Entities<'l, R: Raw> {
    loader: &'l mut Loader,
    raw: std::marker::PhantomData<fn() -> R>,
}

impl<'l, R: Raw> Entities<'l, R> {
    fn new(loader: &'l mut Loader) -> Self {
        Entities {
            loader,
            raw: std::marker::PhantomData,
        }
    }
}

impl<'de, R> DeserializeSeed<'de> for Entities<'_, R>
where
    R: Raw + Deserialize<'de>,
    R::Entity: Stored,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, R> Visitor<'de> for Entities<'_, R>
where
    R: Raw + Deserialize<'de>,
    R::Entity: Stored,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut position = 0;
        loop {
            if self.loader.skim {
                // Only the top level and the JSON syntax are checked.
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
            } else if self.loader.count < self.loader.max_entities {
                let Some(raw) = seq.next_element::<R>()? else {
                    break;
                };
                self.loader.add(raw, position);
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                // Past the limit entities are only counted, for the error.
                break;
            }
            self.loader.count += 1;
            position += 1;
        }
        Ok(())
    }
}

/// Only the version, read when the full parse fails, so a file from a newer
/// pactum is reported as such and not as an unknown field.
#[derive(Deserialize)]
struct VersionOnly {
    pactum: Option<serde_json::Value>,
}

/// Where each entity came from in the file: position in its array.
#[derive(Default)]
struct Positions {
    per_kind: [Placement; 7],
}

/// The positions of the entities of one kind. While every entity read is
/// kept, an entity's position is its handle less the handles that come
/// from no file: only once one is dropped are positions listed, so that a
/// load of a valid file holds no list.
#[derive(Default)]
struct Placement {
    /// The handles before the file's first (the built-in areas).
    offset: usize,
    /// The entities kept so far.
    kept: usize,
    /// The position of each kept entity, once they differ from its order.
    listed: Option<Vec<usize>>,
}

/// The position of `kind` in [`EntityKind::ALL`], the order of a data file.
fn kind_index(kind: EntityKind) -> usize {
    EntityKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

impl Positions {
    /// Records that the next entity of `kind` kept is at `position`.
    fn push(&mut self, kind: EntityKind, position: usize) {
        let Some(p) = self.per_kind.get_mut(kind_index(kind)) else {
            return;
        };
        match &mut p.listed {
            Some(listed) => listed.push(position),
            None if position == p.kept => {}
            None => {
                let mut listed: Vec<usize> = (0..p.kept).collect();
                listed.push(position);
                p.listed = Some(listed);
            }
        }
        p.kept += 1;
    }

    /// Records that the next `n` entities of `kind` kept are at `first`
    /// and the positions after it.
    fn push_run(&mut self, kind: EntityKind, first: usize, n: usize) {
        match self.per_kind.get_mut(kind_index(kind)) {
            Some(p) if p.listed.is_none() && first == p.kept => p.kept += n,
            _ => {
                for position in first..first + n {
                    self.push(kind, position);
                }
            }
        }
    }

    /// The position in the file of the entity of `kind` at handle `h`.
    fn get(&self, kind: EntityKind, h: usize) -> Option<usize> {
        let p = self.per_kind.get(kind_index(kind))?;
        let i = h.checked_sub(p.offset)?;
        match &p.listed {
            Some(listed) => listed.get(i).copied(),
            None => (i < p.kept).then_some(i),
        }
    }
}

struct Loader {
    max_text: usize,
    max_entities: u64,
    /// Entities read so far, past the limit included.
    count: u64,
    reg: Registry,
    /// The problems of each kind's entities, in [`EntityKind::ALL`] order,
    /// so that they are reported in the same order whatever the order of
    /// the file's arrays.
    problems: [Vec<Diagnostic>; 7],
    positions: Positions,
    invalid: HashSet<(EntityKind, String)>,
    /// The key of the entity being converted, as written.
    key: String,
    /// Entities converted by other threads (see [`split`]).
    from_workers: usize,
    /// Whether entities are only checked to be JSON, to find the first
    /// error of syntax or of the top level.
    skim: bool,
}

impl Loader {
    fn new(limits: &Limits) -> Loader {
        let reg = Registry::new();
        let mut positions = Positions::default();
        // Built-in areas occupy the first handles and come from no file.
        if let Some(areas) = positions.per_kind.get_mut(kind_index(EntityKind::TechArea)) {
            areas.offset = reg.tables().builtin_area_count();
        }
        Loader {
            max_text: limits.max_text_bytes,
            max_entities: limits.max_entities,
            count: 0,
            reg,
            problems: Default::default(),
            positions,
            invalid: HashSet::new(),
            key: String::new(),
            from_workers: 0,
            skim: false,
        }
    }

    /// Converts the entity at `position` in its array and keeps it, or
    /// records its problems.
    fn add<R: Raw>(&mut self, raw: R, position: usize)
    where
        R::Entity: Stored,
    {
        let kind = R::Entity::KIND;
        // The buffer is reused from one entity to the next.
        self.key.clear();
        self.key.push_str(raw.key_text());
        let problems = &mut self.problems[kind_index(kind)];
        let start = problems.len();
        let entity = {
            let mut ck = Checker::new(Some(kind), &self.key, problems).with_max_text(self.max_text);
            raw.convert(&mut ck)
        };
        let prefix = || format!("{}[{position}]", kind.plural());
        if problems.len() > start {
            let prefix = prefix();
            for d in problems.iter_mut().skip(start) {
                *d = d.clone().at(&prefix);
            }
        }
        match entity {
            Some(entity) if problems.len() == start => self.keep(entity, position),
            _ => self.take_key::<R::Entity>(position),
        }
    }

    /// Records `problem` of the entity at `position`, which is set aside;
    /// `key` is its key, when it could be read.
    fn set_aside<E: Stored>(&mut self, key: Option<&str>, position: usize, problem: Diagnostic) {
        self.problems[kind_index(E::KIND)].push(problem);
        if let Some(key) = key {
            self.key.clear();
            self.key.push_str(key);
            self.take_key::<E>(position);
        }
    }

    /// Lets the entity at `position`, set aside, take its key (in
    /// `self.key`), so that another entity with the same key is reported
    /// now, not after the first is mended. A malformed key is reported as
    /// such, not also as a repeat.
    fn take_key<E: Stored>(&mut self, position: usize) {
        let kind = E::KIND;
        let taken = self.invalid.contains(&(kind, self.key.clone()))
            || self.reg.contains_key::<E>(&self.key);
        if taken && crate::model::id::Key::<E>::new(&self.key).is_ok() {
            let prefix = format!("{}[{position}]", kind.plural());
            self.problems[kind_index(kind)]
                .push(crate::store::check::duplicate_key(kind, &self.key).at(&prefix));
        }
        self.invalid.insert((kind, self.key.clone()));
    }

    /// Keeps the entity at `position` in its array, which converted with no
    /// problem, unless its key is taken.
    fn keep<E: Stored>(&mut self, entity: E, position: usize) {
        let kind = E::KIND;
        let prefix = || format!("{}[{position}]", kind.plural());
        let problems = &mut self.problems[kind_index(kind)];
        // A file without errors never looks this up.
        if !self.invalid.is_empty() {
            let key = entity.key().as_str();
            if self.invalid.contains(&(kind, key.to_owned())) {
                problems.push(crate::store::check::duplicate_key(kind, key).at(&prefix()));
                return;
            }
        }
        match self.reg.tables_mut().push(entity) {
            Ok(_) => self.positions.push(kind, position),
            Err(refused) => problems.push(refused.diagnostic().at(&prefix())),
        }
    }

    /// Reads `text` into this loader by hand, as `plan` says (see
    /// [`split`]); returns the format version.
    fn read_in_parts(&mut self, text: &str, plan: split::Plan) -> Result<Option<u64>, Malformed> {
        let bounds = split::Bounds {
            max_text: self.max_text,
            max_entities: self.max_entities,
        };
        let read = split::read_in_parts(text, plan, bounds, self)?;
        self.count = read.count;
        self.from_workers = read.from_workers;
        Ok(read.version)
    }

    /// Reads `text` into this loader; returns the format version.
    fn read(&mut self, text: &str) -> Result<Option<u64>, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let version = Dataset { loader: self }.deserialize(&mut de)?;
        de.end()?;
        Ok(version)
    }
}

/// A reading in parts hands its entities to the loader as the reading with
/// `serde_json` driving does, so that both give the same registry and the
/// same problems.
impl split::Sink for Loader {
    fn add<R: Raw>(&mut self, raw: R, position: usize)
    where
        R::Entity: Stored,
    {
        Loader::add(self, raw, position);
    }

    fn keep<E: Stored>(&mut self, entity: E, position: usize) {
        Loader::keep(self, entity, position);
    }

    fn keep_run<E: Stored>(&mut self, entities: Vec<E>, first: usize) -> Result<(), Vec<E>> {
        // A key set aside by an entity with problems is checked one by one.
        if !self.invalid.is_empty() {
            return Err(entities);
        }
        let n = entities.len();
        self.reg.tables_mut().push_run(entities)?;
        self.positions.push_run(E::KIND, first, n);
        Ok(())
    }
}

impl Registry {
    /// Loads a dataset from JSON text.
    ///
    /// # Errors
    ///
    /// [`LoadError::Syntax`] for text that is not JSON or a top level that
    /// is not a dataset object (with line, column, byte, JSON path, and the
    /// kind and key of the entity the error is in, when known);
    /// [`LoadError::Version`] for a missing or unsupported `"pactum"`
    /// version; [`LoadError::Invalid`] with every problem, in file order by
    /// kind: every entity of the wrong shape (a value of the wrong type, an
    /// unknown field: `P-E001`, with line and column), every other problem
    /// of the entities, then every problem of the references.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{LoadError, Registry, Rule};
    ///
    /// let text = r#"{"pactum": 1, "institutions": [
    ///     {"key": "kr-msit", "name": "Ministry of Science and ICT", "kind": "ministry", "country": "KR", "parent": "kr-gov"}
    /// ]}"#;
    /// let Err(LoadError::Invalid(err)) = Registry::from_json_str(text) else { panic!() };
    /// let d = &err.diagnostics()[0];
    /// assert_eq!(d.rule(), Rule::DanglingReference);
    /// assert_eq!(d.path(), "institutions[0].parent");
    /// assert_eq!(d.to_string(), r#"institution "kr-msit": institutions[0].parent: unknown institution "kr-gov""#);
    /// ```
    pub fn from_json_str(text: &str) -> Result<Registry, LoadError> {
        Registry::from_json_str_with(text, &Limits::default())
    }

    /// Loads a dataset from JSON text within `limits`.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_json_str`], plus [`LoadError::TooLarge`] when the
    /// text or the number of entities is over a limit, and a `P-E022`
    /// diagnostic for every text over the text limit.
    pub fn from_json_str_with(text: &str, limits: &Limits) -> Result<Registry, LoadError> {
        limits.check_bytes(u64::try_from(text.len()).unwrap_or(u64::MAX))?;
        // Editors on some systems start UTF-8 files with a byte order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        load(
            text,
            limits,
            split::Plan::for_text(text.len(), limits.max_threads),
        )
    }
    /// Loads a dataset from a reader (read to the end first).
    ///
    /// # Errors
    ///
    /// As [`Registry::from_json_str`], plus [`LoadError::Io`] when reading
    /// fails and [`LoadError::Syntax`] when the bytes are not UTF-8.
    pub fn from_reader<R: Read>(reader: R) -> Result<Registry, LoadError> {
        Registry::from_reader_with(reader, &Limits::default())
    }

    /// Loads a dataset from a reader within `limits`; reading stops as soon
    /// as the size limit is passed.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_reader`] and [`Registry::from_json_str_with`].
    pub fn from_reader_with<R: Read>(reader: R, limits: &Limits) -> Result<Registry, LoadError> {
        let text = read_text(reader, limits)?;
        Registry::from_json_str_with(&text, limits)
    }

    /// Loads a dataset from a file within `limits`; a file over the size
    /// limit is rejected before it is read.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_json_str_with`], plus [`LoadError::Read`], naming
    /// the path, when the file cannot be opened or read, and
    /// [`LoadError::Syntax`] when its bytes are not UTF-8.
    pub fn from_path_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Registry, LoadError> {
        let text = read_path(path.as_ref(), limits)?;
        Registry::from_json_str_with(&text, limits)
    }
}

/// Loads `text` (its size already checked, its byte order mark removed),
/// reading it as `plan` says.
fn load(text: &str, limits: &Limits, plan: split::Plan) -> Result<Registry, LoadError> {
    let mut loader = Loader::new(limits);
    // Most files are well formed: read them in parts, by hand between
    // values and without tracking paths. Anything that reading does not
    // take is read again with serde_json driving; what that does not take
    // either is read entity by entity (see [`collect`]), which reports
    // every entity of the wrong shape. Only text that is not JSON, or a
    // top level that is not a dataset, is then left: it is reported with
    // its path, tracked on one more reading.
    let by_hand = if plan.threads == 0 {
        Err(Malformed)
    } else {
        loader.read_in_parts(text, plan)
    };
    let version = match by_hand {
        Ok(version) => version,
        Err(Malformed) => {
            loader = Loader::new(limits);
            match loader.read(text) {
                Ok(version) => version,
                Err(first) => {
                    loader = Loader::new(limits);
                    match collect::collect(&mut loader, text) {
                        Ok(version) => version,
                        Err(inside) => return Err(syntax_error(text, limits, Some(first), inside)),
                    }
                }
            }
        }
    };
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        found => return Err(LoadError::Version { found }),
    }
    limits.check_entities(usize::try_from(loader.count).unwrap_or(usize::MAX))?;
    let positions = &loader.positions;
    let locate = |kind: EntityKind, h: usize| match positions.get(kind, h) {
        Some(i) => format!("{}[{i}]", kind.plural()),
        None => String::new(),
    };
    let more = check_registry_except(
        loader.reg.tables(),
        Scope::All,
        &locate,
        &loader.invalid,
        plan.threads,
    );
    let mut problems: Vec<Diagnostic> = loader.problems.into_iter().flatten().collect();
    problems.extend(more);
    problems.retain(|d| d.severity() == Severity::Error);
    if problems.is_empty() {
        let mut reg = loader.reg;
        reg.tables_mut().shrink_to_fit();
        Ok(reg)
    } else {
        Err(LoadError::Invalid(ValidationError::new(problems)))
    }
}

/// A syntax error with no JSON path to name (text after the top-level
/// value), with its line and column.
fn unplaced(text: &str, e: serde_json::Error) -> LoadError {
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        offset: byte_offset(text, e.line(), e.column()),
        path: String::new(),
        message: strip_position(e.to_string()),
        entity: None,
        key: None,
    }
}

/// The error of a data file that is not JSON or whose top level is not a
/// dataset, found again with its JSON path (`first` is the error of the
/// read that did not track paths); `inside` is the entity it is in, if
/// any, whose kind and key (when read before the error) it names.
fn syntax_error(
    text: &str,
    limits: &Limits,
    first: Option<serde_json::Error>,
    inside: Option<collect::Inside>,
) -> LoadError {
    let mut loader = Loader::new(limits);
    // The entities' shapes were checked one by one: only the syntax and
    // the top level are left to fail.
    loader.skim = true;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let tracked = Dataset {
        loader: &mut loader,
    }
    .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track));
    let err = match tracked {
        Err(e) => syntax_or_version(text, serde_path_to_error::Error::new(track.path(), e)),
        // Only what follows the object is left to fail.
        Ok(_) => match de.end().err().or(first) {
            Some(e) => unplaced(text, e),
            None => LoadError::Syntax {
                line: 1,
                column: 1,
                offset: 0,
                path: String::new(),
                message: "the text cannot be read as a dataset".to_owned(),
                entity: None,
                key: None,
            },
        },
    };
    match (err, inside) {
        (
            LoadError::Syntax {
                line,
                column,
                path,
                message,
                offset,
                ..
            },
            // Between entities (a trailing comma) the error is in none.
            Some(inside),
        ) if text.get(inside.start..).is_some_and(|t| t.starts_with('{')) => LoadError::Syntax {
            line,
            column,
            path,
            message,
            offset,
            entity: Some(inside.kind),
            key: collect::key_at(text, inside.start),
        },
        (err, _) => err,
    }
}

/// Hands every entity of `text` (its byte order mark removed) to `each`,
/// in file order, whatever its shape; gives the format version.
///
/// # Errors
///
/// [`LoadError::Syntax`] when the text is not JSON or its top level is not
/// a dataset object.
pub(crate) fn each_entity(
    text: &str,
    limits: &Limits,
    each: impl FnMut(Piece<'_>),
) -> Result<Option<u64>, LoadError> {
    collect::pieces(text, each).map_err(|inside| syntax_error(text, limits, None, inside))
}

/// The byte of `text` at 1-based `line` and `column` (as serde_json counts
/// them, in bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    line_start
        .saturating_add(column.saturating_sub(1))
        .min(text.len())
}

/// Reads the file at `path` as UTF-8 text; a file over the size limit is
/// rejected before it is read, and a failure to read names the path.
pub(crate) fn read_path(path: &Path, limits: &Limits) -> Result<String, LoadError> {
    let named = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(named)?;
    if let Ok(meta) = file.metadata() {
        limits.check_bytes(meta.len())?;
    }
    match read_text(std::io::BufReader::new(file), limits) {
        Err(LoadError::Io(source)) => Err(named(source)),
        read => read,
    }
}

/// Reads UTF-8 text, at most one byte past the size limit.
pub(crate) fn read_text<R: Read>(reader: R, limits: &Limits) -> Result<String, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    limits.check_bytes(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        LoadError::Syntax {
            line,
            column,
            offset: valid.len(),
            path: String::new(),
            message: "invalid UTF-8: a data file must be UTF-8 text".into(),
            entity: None,
            key: None,
        }
    })
}

impl Registry {
    /// Loads a dataset from a file.
    ///
    /// # Errors
    ///
    /// As [`Registry::from_path_with`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Registry, LoadError> {
        Registry::from_path_with(path, &Limits::default())
    }

    /// The dataset as pretty-printed JSON (deterministic; ends with a newline).
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail, and every value serialises.
        let _ = self.to_writer(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the dataset as pretty-printed JSON.
    ///
    /// # Errors
    ///
    /// An I/O error from the writer.
    pub fn to_writer<W: Write>(&self, writer: W) -> std::io::Result<()> {
        let mut writer = writer;
        let out = DatasetOut {
            pactum: FORMAT_VERSION,
            sources: sorted(self.sources()),
            tech_areas: sorted(self.dataset_tech_areas()),
            institutions: sorted(self.institutions()),
            partnerships: sorted(self.partnerships()),
            meetings: sorted(self.meetings()),
            mous: sorted(self.mous()),
            commitments: sorted(self.commitments()),
        };
        serde_json::to_writer_pretty(&mut writer, &out)?;
        writer.write_all(b"\n")
    }

    /// Saves the dataset to a file, atomically: what is at `path` is either
    /// the file as it was or the whole new dataset, even if the process or
    /// the machine stops during the save.
    ///
    /// The dataset is written to a temporary file of a unique name beside
    /// `path` (so that two saves at once never share one), flushed to disk,
    /// and renamed over `path`; the directory is then flushed too, where the
    /// platform allows it, so that the rename survives a power cut. A
    /// failed save removes its temporary file; temporary files left by a
    /// process that was killed are left alone. The new file has the
    /// permissions a new file gets, not those of the file it replaces.
    ///
    /// # Errors
    ///
    /// An I/O error: the directory does not exist or is not writable, the
    /// disk is full, or the rename failed. `path` is then unchanged.
    pub fn save(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        save::atomically(path.as_ref(), |file| self.to_writer(file))
    }
}

fn sorted<E: Entity>(items: &[E]) -> Vec<&E> {
    let mut v: Vec<&E> = items.iter().collect();
    v.sort_by(|a, b| a.key().cmp(b.key()));
    v
}

#[derive(Serialize)]
struct DatasetOut<'a> {
    pactum: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<&'a Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tech_areas: Vec<&'a TechArea>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    institutions: Vec<&'a Institution>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    partnerships: Vec<&'a Partnership>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meetings: Vec<&'a Meeting>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mous: Vec<&'a Mou>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commitments: Vec<&'a Commitment>,
}

fn syntax_or_version(text: &str, e: serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    // A newer file may have fields this version does not know; say so
    // instead of reporting the first unknown field.
    if let Ok(VersionOnly { pactum: Some(v) }) = serde_json::from_str::<VersionOnly>(text) {
        if v.is_u64() && v.as_u64() != Some(u64::from(FORMAT_VERSION)) {
            return LoadError::Version { found: v.as_u64() };
        }
    }
    let path = clean_path(e.path().to_string());
    let inner = e.into_inner();
    let mut message = strip_position(inner.to_string());
    if path.is_empty() && text.trim_start().starts_with('[') {
        message =
            "expected a JSON object with \"pactum\": 1 at the top level, found an array".to_owned();
    }
    LoadError::Syntax {
        line: inner.line(),
        column: inner.column(),
        offset: byte_offset(text, inner.line(), inner.column()),
        path,
        message,
        entity: None,
        key: None,
    }
}

/// A JSON path as serde_path_to_error writes it, made fit to show.
pub(crate) fn clean_path(mut path: String) -> String {
    // An error inside an object before its first key is read has an unknown
    // last segment, written "?": the object itself is the best location.
    while let Some(parent) = path.strip_suffix(".?") {
        path.truncate(parent.len());
    }
    if path == "." || path == "?" {
        path.clear();
    }
    // A hostile file can nest deeply; a path is for reading.
    const MAX_PATH: usize = 120;
    if path.len() > MAX_PATH {
        let mut end = MAX_PATH;
        while !path.is_char_boundary(end) {
            end -= 1;
        }
        path = format!("{}…", &path[..end]);
    }
    path
}

fn version_message(found: Option<u64>) -> String {
    match found {
        Some(v) => format!(
            "format version {v} is not supported: this version of pactum reads version {FORMAT_VERSION}"
        ),
        None => format!("missing format version: expected \"pactum\": {FORMAT_VERSION} in the top-level object"),
    }
}

/// serde_json appends " at line L column C"; the position is reported apart.
/// Its messages also name the private structs the file is read into; name
/// what the user writes instead.
pub(crate) fn strip_position(message: String) -> String {
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("struct Raw") {
        out.push_str(&rest[..at]);
        let name_start = at + "struct Raw".len();
        let name_len = rest[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_start);
        let name = &rest[name_start..name_start + name_len];
        out.push_str(&object_name(name));
        rest = &rest[name_start + name_len..];
        // "with N elements" describes a sequence form that is never valid here.
        if let Some(after) = rest.strip_prefix(" with ") {
            if let Some(end) = after.find(" elements") {
                rest = &after[end + " elements".len()..];
            }
        }
    }
    out.push_str(rest);
    for (rust, plain) in [
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number such as 1"),
        ("expected option", "expected a value or null"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}

/// "Dataset" -> "a dataset object", "TechArea" -> "a tech area object".
fn object_name(name: &str) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words} object")
}
