//! The few bytes of structure between the values of a data file, read by
//! hand.
//!
//! A reading in parts (see `split`) starts in the middle of the text, where
//! `serde_json` cannot: this scanner steps over the top-level object, its
//! keys and the brackets and commas of its arrays, and hands every value to
//! `serde_json`. It also guesses where an entity starts, for cutting a text
//! into chunks. The top-level fields live here because both this scanner and
//! the `serde_json` reading in `io` name them.

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The top-level fields of a data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
pub(super) enum Field {
    Pactum,
    Sources,
    TechAreas,
    Institutions,
    Partnerships,
    Meetings,
    Mous,
    Commitments,
}

/// The names of [`Field`]'s variants, in their order.
pub(super) const FIELDS: &[&str] = &[
    "pactum",
    "sources",
    "tech_areas",
    "institutions",
    "partnerships",
    "meetings",
    "mous",
    "commitments",
];

/// The text is not a data file this reader takes. The caller reads it
/// again with `serde_json` driving, which reports the error with its path.
#[derive(Debug)]
pub(super) struct Malformed;

/// How far past a guessed start a boundary is looked for.
const MAX_SEARCH: usize = 1 << 20;

/// Where a reading stands, between two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// Before the top-level object.
    Start,
    /// Before a member's key.
    Key,
    /// Before the entity at `index` in the array of `field`.
    Element { field: Field, index: usize },
    /// After a member's value.
    AfterMember,
    /// After the top-level object.
    Done,
}

/// A position in the text, read by hand between values.
pub(super) struct Reader<'t> {
    /// The whole text.
    pub(super) text: &'t str,
    /// The byte the reading has reached.
    pub(super) at: usize,
}

impl<'t> Reader<'t> {
    /// Skips spaces, tabs and line breaks.
    pub(super) fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.text.as_bytes().get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Skips whitespace, then `null` if it comes next.
    fn eat_null(&mut self) -> bool {
        self.skip_whitespace();
        let found = self.text.as_bytes().get(self.at..self.at + 4) == Some(b"null");
        if found {
            self.at += 4;
        }
        found
    }

    /// Parses the value that comes next (after whitespace).
    pub(super) fn value<T: DeserializeOwned>(&mut self) -> Result<T, Malformed> {
        let rest = self.text.get(self.at..).ok_or(Malformed)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                self.at += values.byte_offset();
                Ok(value)
            }
            _ => Err(Malformed),
        }
    }

    /// The state after `{`.
    pub(super) fn start(&mut self) -> Result<State, Malformed> {
        self.expect(b'{')?;
        Ok(if self.eat(b'}') {
            State::Done
        } else {
            State::Key
        })
    }

    /// A member's key and its colon.
    pub(super) fn key(&mut self) -> Result<Field, Malformed> {
        let field = self.value()?;
        self.expect(b':')?;
        Ok(field)
    }

    /// The state after the colon of an array of entities: `null` or `[`.
    pub(super) fn open(&mut self, field: Field) -> Result<State, Malformed> {
        if self.eat_null() {
            return Ok(State::AfterMember);
        }
        self.expect(b'[')?;
        Ok(if self.eat(b']') {
            State::AfterMember
        } else {
            State::Element { field, index: 0 }
        })
    }

    /// The state after the entity at `index`.
    pub(super) fn after_element(&mut self, field: Field, index: usize) -> Result<State, Malformed> {
        if self.eat(b',') {
            return Ok(State::Element {
                field,
                index: index + 1,
            });
        }
        self.expect(b']')?;
        Ok(State::AfterMember)
    }

    /// The state after a member's value.
    pub(super) fn after_member(&mut self) -> Result<State, Malformed> {
        if self.eat(b',') {
            return Ok(State::Key);
        }
        self.expect(b'}')?;
        Ok(State::Done)
    }
}

/// The first `{` at or after `from` (and not far past it) that follows a
/// `}` and a comma, with only whitespace between them.
pub(super) fn boundary_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = from.saturating_add(MAX_SEARCH).min(bytes.len());
    let window = bytes.get(from..end)?;
    let before = |mut i: usize| {
        while i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            i -= 1;
        }
        i.checked_sub(1).map(|j| (j, bytes.get(j).copied()))
    };
    window
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'{')
        .map(|(i, _)| from + i)
        .find(|&at| match before(at) {
            Some((comma, Some(b','))) => matches!(before(comma), Some((_, Some(b'}')))),
            _ => false,
        })
}
