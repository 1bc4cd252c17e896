//! Language tags ([`Language`]) of sources.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ParseVisitor;
use crate::error::{ValueError, ValueKind};

/// The longest language tag accepted, in characters.
const LANGUAGE_MAX_LEN: usize = 35;

/// What a valid language tag looks like, for error messages.
pub(super) const LANGUAGE_EXPECTED: &str =
    "a BCP 47 language tag such as \"en\", \"ko\" or \"zh-Hant\"";

/// The BCP 47 language tag of a source, such as `en`, `ko`, `vi`, `zh-Hant`
/// or `en-GB`.
///
/// Its shape is checked, not its registry entry: a primary language subtag of
/// two or three lower-case ASCII letters, then any number of subtags of one to
/// eight ASCII letters or digits, each after a `-`, at most 35 characters in
/// all. The text is kept as given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(Box<str>);

impl Language {
    /// Parses a language tag.
    ///
    /// # Errors
    ///
    /// A [`ValueError`] of kind [`ValueKind::Language`] if `tag` does not have
    /// the shape of a BCP 47 tag described on [`Language`]; the message says
    /// which part is wrong.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Language, ValueKind};
    ///
    /// assert_eq!(Language::new("zh-Hant")?.as_str(), "zh-Hant");
    /// assert!(Language::new("en-GB").is_ok());
    ///
    /// let err = Language::new("EN").unwrap_err();
    /// assert_eq!(err.kind(), ValueKind::Language);
    /// assert!(Language::new("english").is_err());
    /// assert!(Language::new("en_GB").is_err());
    /// # Ok::<(), pactum::ValueError>(())
    /// ```
    pub fn new(tag: &str) -> Result<Language, ValueError> {
        check_language(tag)?;
        Ok(Language(tag.into()))
    }

    /// The tag as given, such as `"en"` or `"zh-Hant"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks the shape of a language tag.
fn check_language(tag: &str) -> Result<(), ValueError> {
    let err = |why: String| {
        Err(ValueError::new(
            ValueKind::Language,
            tag,
            format!("{LANGUAGE_EXPECTED} ({why})"),
        ))
    };
    if tag.is_empty() {
        return err("found empty text".to_owned());
    }
    if let Some(c) = tag
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        let hint = if c == '_' {
            "; separate subtags with '-'"
        } else {
            ""
        };
        return err(format!(
            "ascii letters, digits and '-' only; found {c:?}{hint}"
        ));
    }
    // Only ASCII is left, so bytes are characters.
    if tag.len() > LANGUAGE_MAX_LEN {
        return err(format!(
            "at most {LANGUAGE_MAX_LEN} characters; found {}",
            tag.len()
        ));
    }
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return err(format!(
            "a primary language subtag of 2 or 3 letters first; found {primary:?}"
        ));
    }
    if primary.bytes().any(|b| b.is_ascii_uppercase()) {
        return err(format!(
            "a lower-case primary language subtag; write {:?}",
            primary.to_ascii_lowercase()
        ));
    }
    for subtag in subtags {
        if subtag.is_empty() {
            return err("an empty subtag: no '-' at the end or twice in a row".to_owned());
        }
        if subtag.len() > 8 {
            return err(format!(
                "subtags of 1 to 8 letters or digits; found {subtag:?}"
            ));
        }
    }
    Ok(())
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl FromStr for Language {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Language, ValueError> {
        Language::new(s)
    }
}

impl TryFrom<&str> for Language {
    type Error = ValueError;

    fn try_from(s: &str) -> Result<Language, ValueError> {
        Language::new(s)
    }
}

impl TryFrom<String> for Language {
    type Error = ValueError;

    fn try_from(s: String) -> Result<Language, ValueError> {
        check_language(&s)?;
        Ok(Language(s.into_boxed_str()))
    }
}

impl AsRef<str> for Language {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Language, D::Error> {
        deserializer.deserialize_str(ParseVisitor::<Language>::new(
            "a language tag such as \"en\"",
        ))
    }
}
