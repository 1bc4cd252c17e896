//! The slow reading of a data file that the fast one could not take.
//!
//! The fast reading stops at the first value of the wrong type or unknown
//! field. This one cuts every entity out of the text by hand (see `scan`),
//! checks only that it is JSON, and then parses it on its own: an entity
//! of the wrong shape is reported (`P-E001`, with its kind, its key when
//! the `key` member is a readable string, its JSON path, line and column)
//! and set aside, and the reading goes on, so that the problems of every
//! other entity and every reference are found too. Only text that is not
//! JSON, or a top level that is not a dataset object, stops it.

use std::fmt;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::scan::{Field, Reader, State};
use super::{byte_offset, clean_path, strip_position, Loader};
use crate::model::check::Raw;
use crate::model::commitment::RawCommitment;
use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::EntityKind;
use crate::model::institution::RawInstitution;
use crate::model::meeting::RawMeeting;
use crate::model::mou::RawMou;
use crate::model::partnership::RawPartnership;
use crate::model::source::RawSource;
use crate::model::taxonomy::RawTechArea;
use crate::store::Stored;

/// Where the slow reading met text that is not JSON inside an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Inside {
    /// The kind of the entity.
    pub(super) kind: EntityKind,
    /// The byte where the entity starts.
    pub(super) start: usize,
}

/// Reads `text` into `loader`, every entity on its own; gives the format
/// version. Fails where the text is not JSON or its top level is not a
/// dataset object, with the entity the failure is in, if any.
pub(super) fn collect(loader: &mut Loader, text: &str) -> Result<Option<u64>, Option<Inside>> {
    let mut places = Places::default();
    pieces(text, |piece| {
        let entity = piece;
        match entity.kind {
            EntityKind::Source => one::<RawSource>(loader, &mut places, text, entity),
            EntityKind::TechArea => one::<RawTechArea>(loader, &mut places, text, entity),
            EntityKind::Institution => {
                one::<RawInstitution>(loader, &mut places, text, entity);
            }
            EntityKind::Partnership => {
                one::<RawPartnership>(loader, &mut places, text, entity);
            }
            EntityKind::Meeting => one::<RawMeeting>(loader, &mut places, text, entity),
            EntityKind::Mou => one::<RawMou>(loader, &mut places, text, entity),
            EntityKind::Commitment => {
                one::<RawCommitment>(loader, &mut places, text, entity);
            }
        }
    })
}

/// One entity of a data file, cut out of its text: JSON, of any shape.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece<'t> {
    /// The kind of the array it is in.
    pub(crate) kind: EntityKind,
    /// Its text.
    pub(crate) text: &'t str,
    /// The byte of the file where it starts.
    pub(crate) start: usize,
    /// Its position in its array.
    pub(crate) index: usize,
}

/// Hands every entity of `text` to `each`, in file order; gives the format
/// version. Fails where the text is not JSON or its top level is not a
/// dataset object, with the entity the failure is in, if any.
pub(super) fn pieces(
    text: &str,
    mut each: impl FnMut(Piece<'_>),
) -> Result<Option<u64>, Option<Inside>> {
    let mut r = Reader { text, at: 0 };
    let mut state = State::Start;
    let mut version = None;
    let mut seen = [false; 8];
    loop {
        state = match state {
            State::Start => r.start().map_err(|_| None)?,
            State::Key => {
                let field = r.key().map_err(|_| None)?;
                if std::mem::replace(&mut seen[field as usize], true) {
                    return Err(None);
                }
                if field == Field::Pactum {
                    version = r.value().map_err(|_| None)?;
                    State::AfterMember
                } else {
                    r.open(field).map_err(|_| None)?
                }
            }
            State::Element { field, index } => {
                r.skip_whitespace();
                let start = r.at;
                let kind = kind_of(field).ok_or(None)?;
                if r.value::<IgnoredAny>().is_err() {
                    return Err(Some(Inside { kind, start }));
                }
                each(Piece {
                    kind,
                    text: text.get(start..r.at).unwrap_or_default(),
                    start,
                    index,
                });
                r.after_element(field, index).map_err(|_| None)?
            }
            State::AfterMember => r.after_member().map_err(|_| None)?,
            State::Done => {
                r.skip_whitespace();
                return if r.at == text.len() {
                    Ok(version)
                } else {
                    Err(None)
                };
            }
        };
    }
}

/// Converts `entity` into `loader`, or reports it as of the wrong shape.
fn one<R>(loader: &mut Loader, places: &mut Places, file: &str, entity: Piece<'_>)
where
    R: Raw + DeserializeOwned,
    R::Entity: Stored,
{
    // Past the limit entities are only counted, for the error.
    if loader.count < loader.max_entities {
        match places.parse::<R>(file, entity) {
            Ok(raw) => loader.add(raw, entity.index),
            Err((key, d)) => loader.set_aside::<R::Entity>(key.as_deref(), entity.index, d),
        }
    }
    loader.count += 1;
}

/// Parses entities cut out of one file, placing the errors in the file.
#[derive(Default)]
pub(crate) struct Places {
    lines: Lines,
}

impl Places {
    /// Parses `entity`, of the file `file`, as an `R`; or gives its key,
    /// when readable, and the `P-E001` diagnostic of its first error, with
    /// its JSON path, line and column in the file.
    pub(crate) fn parse<R>(
        &mut self,
        file: &str,
        entity: Piece<'_>,
    ) -> Result<R, (Option<String>, Diagnostic)>
    where
        R: Raw + DeserializeOwned,
    {
        if let Ok(raw) = serde_json::from_str::<R>(entity.text) {
            return Ok(raw);
        }
        let kind = entity.kind;
        let start = entity.start;
        let key = key_at(entity.text, 0);
        // Parsed again, tracking the path, only for the report.
        let mut de = serde_json::Deserializer::from_str(entity.text);
        let (path, message, (line, column), offset) =
            match serde_path_to_error::deserialize::<_, R>(&mut de) {
                Err(e) => {
                    let path = clean_path(e.path().to_string());
                    let inner = e.into_inner();
                    let place = self.lines.place(file, start, inner.line(), inner.column());
                    let offset = byte_offset(entity.text, inner.line(), inner.column());
                    (path, strip_position(inner.to_string()), place, offset)
                }
                Ok(_) => {
                    let place = self.lines.place(file, start, 1, 1);
                    let message = format!("expected {}", object_noun(kind));
                    (String::new(), message, place, 0)
                }
            };
        // Without a key, the byte is what tells the entity from its
        // neighbours.
        let place = super::place(line, column, start.saturating_add(offset), key.is_some());
        let d = Diagnostic::new(
            Rule::Syntax,
            Some(kind),
            key.as_deref(),
            path,
            format!("{place}: {message}"),
        )
        .at(&format!("{}[{}]", kind.plural(), entity.index));
        Err((key, d))
    }
}

/// The key of the entity that starts at `start`, when its `key` member is
/// a string and comes before anything that is not JSON.
pub(super) fn key_at(text: &str, start: usize) -> Option<String> {
    let rest = text.get(start..)?;
    let mut key = None;
    let mut de = serde_json::Deserializer::from_str(rest);
    // The error, if any, is reported by the caller: only the key is wanted.
    let _ = KeyProbe { key: &mut key }.deserialize(&mut de);
    key
}

/// "a meeting object", "an institution object".
fn object_noun(kind: EntityKind) -> String {
    let noun = kind.to_string();
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun} object")
}

/// The kind of the entities in the array `field`.
fn kind_of(field: Field) -> Option<EntityKind> {
    Some(match field {
        Field::Pactum => return None,
        Field::Sources => EntityKind::Source,
        Field::TechAreas => EntityKind::TechArea,
        Field::Institutions => EntityKind::Institution,
        Field::Partnerships => EntityKind::Partnership,
        Field::Meetings => EntityKind::Meeting,
        Field::Mous => EntityKind::Mou,
        Field::Commitments => EntityKind::Commitment,
    })
}

/// Line counting that goes forward from the last place asked for, so that
/// the places of many problems, asked for in file order, cost one pass.
#[derive(Default)]
struct Lines {
    /// The byte counted up to.
    at: usize,
    /// Line breaks before `at`.
    breaks: usize,
    /// The byte after the last line break before `at`.
    line_start: usize,
}

impl Lines {
    /// The 1-based line and column in `text` of the place at `line` and
    /// `column` of the value that starts at byte `start`.
    fn place(&mut self, text: &str, start: usize, line: usize, column: usize) -> (usize, usize) {
        if start < self.at {
            *self = Lines::default();
        }
        let bytes = text.as_bytes();
        let end = start.min(bytes.len());
        for (i, &b) in bytes.iter().enumerate().take(end).skip(self.at) {
            if b == b'\n' {
                self.breaks += 1;
                self.line_start = i + 1;
            }
        }
        self.at = end;
        if line <= 1 {
            (self.breaks + 1, end - self.line_start + column)
        } else {
            (self.breaks + line, column)
        }
    }
}

/// Reads an object up to the error, if any, noting its `key` member.
struct KeyProbe<'k> {
    key: &'k mut Option<String>,
}

impl<'de> DeserializeSeed<'de> for KeyProbe<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for KeyProbe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an entity object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if name == "key" && self.key.is_none() {
                if let serde_json::Value::String(key) = map.next_value()? {
                    *self.key = Some(key);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_inside_a_value_is_counted_from_the_start_of_the_file() {
        let text = "{\n  \"a\": [\n    {\"x\":\n 1}]}";
        let start = text.find("{\"x\"").unwrap_or_default();
        let mut lines = Lines::default();
        assert_eq!(lines.place(text, start, 1, 3), (3, 7));
        assert_eq!(lines.place(text, start, 2, 2), (4, 2));
        // Asked for again from before: counted again from the start.
        assert_eq!(lines.place(text, 0, 1, 1), (1, 1));
    }

    #[test]
    fn the_key_is_read_up_to_the_error() {
        let text = r#"[{"name": "x", "key": "m1", "date": 2022-01}]"#;
        assert_eq!(key_at(text, 1).as_deref(), Some("m1"));
        assert_eq!(key_at(r#"{"name": "x", "#, 0), None);
        assert_eq!(key_at(r#"{"key": 5}"#, 0), None);
    }
}
