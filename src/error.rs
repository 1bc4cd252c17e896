//! The errors of small values and of queries: [`ValueError`] for a key, a
//! country code, a language tag or a URL that is malformed, and
//! [`QueryError`] for a query that names something the registry does not
//! have. The crate docs list every error type of pactum in one place.

use std::fmt;

/// What kind of value a [`ValueError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// An entity key such as `kr-msit`.
    Key,
    /// A country or bloc code such as `KR` or `EU`.
    Country,
    /// A BCP 47 language tag such as `en` or `ko`.
    Language,
    /// A web address of a source.
    Url,
    /// A name, title or other free text that must not be blank.
    Text,
    /// The stable code of a rule such as `P-W014`.
    Rule,
}

impl ValueKind {
    /// The lowercase noun used in messages ("key", "country code", ...).
    pub fn noun(self) -> &'static str {
        match self {
            ValueKind::Key => "key",
            ValueKind::Country => "country code",
            ValueKind::Language => "language tag",
            ValueKind::Url => "url",
            ValueKind::Text => "text",
            ValueKind::Rule => "rule code",
        }
    }
}

/// A small value that does not have the form its type requires.
///
/// The message quotes the offending text and says what was expected:
/// `invalid key "KR_msit": expected lowercase ascii letters, digits and single '-'`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {} {}: expected {}", .kind.noun(), Quoted(.text), .expected)]
pub struct ValueError {
    kind: ValueKind,
    text: String,
    expected: String,
}

impl ValueError {
    /// Creates an error for `text`, which was meant to be a value of `kind`;
    /// `expected` says what a valid value looks like.
    pub(crate) fn new(kind: ValueKind, text: &str, expected: impl Into<String>) -> ValueError {
        // Quote at most 80 characters so a hostile value cannot make a huge message.
        let text = match text.char_indices().nth(80) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_owned(),
        };
        ValueError {
            kind,
            text,
            expected: expected.into(),
        }
    }

    /// What kind of value was rejected.
    pub fn kind(&self) -> ValueKind {
        self.kind
    }

    /// The rejected text (cut to 80 characters).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What a valid value looks like.
    pub fn expected(&self) -> &str {
        &self.expected
    }
}

/// The first 64 bytes of a text (cut at a character boundary, with `…` when
/// cut), so that messages about hostile input stay short.
pub(crate) fn shorten(text: &str) -> String {
    const KEEP: usize = 64;
    if text.len() <= KEEP {
        return text.to_owned();
    }
    let mut end = KEEP;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// A text in double quotes, escaped so that what is shown is only printable
/// ASCII: a look-alike such as the Kelvin sign (`\u{212a}`) cannot pass
/// for the letter `K`, and a NUL reads `\u{0}`, never `\0` followed by
/// digits that belong to the text. `"` and `\` are written `\"` and `\\`.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' | '\\' => write!(f, "\\{c}")?,
                ' '..='~' => f.write_char(c)?,
                _ => write!(f, "{}", c.escape_unicode())?,
            }
        }
        f.write_char('"')
    }
}

/// What is wrong with a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryErrorKind {
    /// A key, series or name that the registry does not know.
    Unknown,
}

/// A query that names something the registry does not have.
///
/// The message names what was looked for and, when a known key is close,
/// suggests it:
///
/// ```
/// let registry = pactum::seed();
/// let err = registry.timeline().institution("kr-mist").run().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown institution "kr-mist"; did you mean "kr-msit"?"#);
/// assert_eq!(err.suggestion(), Some("kr-msit"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {}{}", Quoted(.key), crate::spelling::did_you_mean(suggestion.as_deref()))]
pub struct QueryError {
    kind: QueryErrorKind,
    what: &'static str,
    key: String,
    suggestion: Option<String>,
}

impl QueryError {
    pub(crate) fn unknown(what: &'static str, key: &str, suggestion: Option<&str>) -> QueryError {
        QueryError {
            kind: QueryErrorKind::Unknown,
            what,
            key: key.to_owned(),
            suggestion: suggestion.map(str::to_owned),
        }
    }

    /// What kind of mistake the query has.
    pub fn kind(&self) -> QueryErrorKind {
        self.kind
    }

    /// What was looked for: `institution`, `tech area`, `partnership`,
    /// `series`, `partnership or series`, `event kind`.
    pub fn what(&self) -> &str {
        self.what
    }

    /// The key as given.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// A known key close to the one given.
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_text_is_printable_ascii_with_every_other_character_escaped() {
        let shown = |text: &str| Quoted(text).to_string();
        assert_eq!(shown("kr-msit"), r#""kr-msit""#);
        assert_eq!(shown("\u{212a}r-msit"), r#""\u{212a}r-msit""#);
        assert_eq!(shown("a\u{0}1"), r#""a\u{0}1""#);
        assert_eq!(shown("tab\there\n"), r#""tab\u{9}here\u{a}""#);
        assert_eq!(shown(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(shown("caf\u{e9}\u{7f}"), r#""caf\u{e9}\u{7f}""#);
    }

    #[test]
    fn a_malformed_key_with_a_look_alike_letter_is_shown_escaped() {
        let err = ValueError::new(ValueKind::Key, "\u{212a}r-msit", "ascii");
        assert_eq!(
            err.to_string(),
            r#"invalid key "\u{212a}r-msit": expected ascii"#
        );
        assert_eq!(err.text(), "\u{212a}r-msit");
        let err = QueryError::unknown("institution", "kr\u{0}", None);
        assert_eq!(err.to_string(), r#"unknown institution "kr\u{0}""#);
    }
}
