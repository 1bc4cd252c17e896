//! Validation: the invariants of a dataset, checked in two layers.
//!
//! 1. **Entity checks** run when an entity is built (by a builder, by
//!    `Deserialize`, or by the loader): keys and texts well formed, dates
//!    valid, lists without repeats, at least two distinct parties, lifecycle
//!    order within the entity, claims consistent with the recorded values.
//! 2. **Registry checks** run when entities meet (on load and on every edit):
//!    references resolve, no cycles in the institution hierarchy, the taxonomy
//!    or the relations between MOUs, meetings not before their partnership's
//!    start, session numbers unique and ordered like their dates, a series in
//!    one partnership.
//!
//! Both layers report every problem they find as a [`Diagnostic`] with a JSON
//! path, never just the first.

use std::fmt::Display;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer};

use crate::date::Date;
use crate::model::country::{Country, Language};
use crate::model::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
use crate::model::id::{Entity, EntityKind, Key};

/// The longest text a field may hold unless a load's limits say otherwise
/// (1 MiB): longer texts are almost always a scraping accident.
pub(crate) const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// A date as it arrives: text from a file, or a value from a builder.
#[derive(Debug, Clone)]
pub(crate) enum DateInput {
    Text(String),
    Date(Date),
}

impl<'de> Deserialize<'de> for DateInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Parses the text as it is read; only text that is not a date is
        /// kept, for the checker to report.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateInput;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateInput, E> {
                Ok(match Date::parse(text) {
                    Ok(date) => DateInput::Date(date),
                    Err(_) => DateInput::Text(text.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// Accepts `null` for an array and reads it as empty.
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A list of keys as read, each not yet checked: what a raw entity holds
/// for a list of references. The keys are read into a vector of their
/// exact size, so that a list whose keys are all well formed and distinct,
/// nearly every list of a file, becomes the entity's own list with no
/// copy (see [`Checker::key_list`]).
pub(crate) struct KeyList<E>(Vec<Key<E>>);

impl<E> KeyList<E> {
    /// Adds the text of a key, to be checked with the others.
    pub(crate) fn push(&mut self, text: CompactString) {
        self.0.push(Key::unchecked(text));
    }

    /// Whether the list is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys as written.
    pub(crate) fn texts(&self) -> &[Key<E>] {
        &self.0
    }
}

impl<E> Default for KeyList<E> {
    fn default() -> Self {
        KeyList(Vec::new())
    }
}

impl<E> Clone for KeyList<E> {
    fn clone(&self) -> Self {
        KeyList(self.0.clone())
    }
}

impl<E> std::fmt::Debug for KeyList<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<'de, E> Deserialize<'de> for KeyList<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(KeysVisitor(std::marker::PhantomData))
    }
}

/// Accepts `null` for a list of keys and reads it as empty.
pub(crate) fn null_as_no_keys<'de, D, E>(deserializer: D) -> Result<KeyList<E>, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_option(KeysVisitor(std::marker::PhantomData))
}

/// Reads a [`KeyList`]: up to four keys are read before the list is
/// allocated at their number, as most lists are that short.
struct KeysVisitor<E>(std::marker::PhantomData<fn() -> E>);

impl<'de, E> serde::de::Visitor<'de> for KeysVisitor<E> {
    type Value = KeyList<E>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The words of a plain vector's errors, which messages keep.
        f.write_str("a sequence")
    }

    fn visit_none<Er: serde::de::Error>(self) -> Result<KeyList<E>, Er> {
        Ok(KeyList::default())
    }

    fn visit_unit<Er: serde::de::Error>(self) -> Result<KeyList<E>, Er> {
        Ok(KeyList::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<KeyList<E>, D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList<E>, A::Error> {
        let mut next = || -> Result<Option<Key<E>>, A::Error> {
            Ok(seq.next_element::<CompactString>()?.map(Key::unchecked))
        };
        let Some(a) = next()? else {
            return Ok(KeyList::default());
        };
        let Some(b) = next()? else {
            return Ok(KeyList(vec![a]));
        };
        let Some(c) = next()? else {
            return Ok(KeyList(vec![a, b]));
        };
        let Some(d) = next()? else {
            return Ok(KeyList(vec![a, b, c]));
        };
        let mut keys = vec![a, b, c, d];
        while let Some(key) = next()? {
            keys.push(key);
        }
        keys.shrink_to_fit();
        Ok(KeyList(keys))
    }
}

/// The plain parsed form of an entity, before validation.
pub(crate) trait Raw: Sized {
    type Entity: Entity;
    fn key_text(&self) -> &str;
    /// Checks the raw entity and builds it (its `from_raw`): a call the
    /// loader makes directly, not through a pointer, so that the raw
    /// entity is not copied once more on the way.
    fn convert(self, ck: &mut Checker<'_>) -> Option<Self::Entity>;
}

/// Converts a raw entity, turning every problem into one [`ValidationError`].
pub(crate) fn build<R: Raw>(
    raw: R,
    convert: fn(R, &mut Checker<'_>) -> Option<R::Entity>,
) -> Result<R::Entity, ValidationError> {
    let mut out = Vec::new();
    let key = raw.key_text().to_owned();
    let mut ck = Checker::new(Some(R::Entity::KIND), &key, &mut out);
    let entity = convert(raw, &mut ck);
    match entity {
        Some(entity) if out.is_empty() => Ok(entity),
        _ => Err(ValidationError::new(out)),
    }
}

/// Collects the diagnostics of one entity while it is converted.
pub(crate) struct Checker<'a> {
    kind: Option<EntityKind>,
    key: Option<&'a str>,
    out: &'a mut Vec<Diagnostic>,
    start: usize,
    max_text: usize,
}

impl<'a> Checker<'a> {
    /// A checker for an entity of `kind` whose key is written `key_text`.
    pub(crate) fn new(
        kind: Option<EntityKind>,
        key_text: &'a str,
        out: &'a mut Vec<Diagnostic>,
    ) -> Checker<'a> {
        // Name the entity by its key in every message when the key is short
        // enough to read; a malformed key is reported on its own. The key is
        // kept as written and escaped where a message shows it (see
        // `Diagnostic`'s `Display`): 64 bytes of anything stay readable.
        let key = (!key_text.is_empty() && key_text.len() <= crate::model::id::MAX_KEY_LEN)
            .then_some(key_text);
        let start = out.len();
        Checker {
            kind,
            key,
            out,
            start,
            max_text: DEFAULT_MAX_TEXT_BYTES,
        }
    }

    /// Sets the longest text accepted, in bytes.
    pub(crate) fn with_max_text(mut self, max_text: usize) -> Self {
        self.max_text = max_text;
        self
    }

    pub(crate) fn report(&mut self, rule: Rule, path: impl Display, message: impl Into<String>) {
        self.out.push(Diagnostic::new(
            rule,
            self.kind,
            self.key,
            path.to_string(),
            message,
        ));
    }

    /// Runs `f` with a checker whose paths are relative to `prefix` (a
    /// nested object such as `parties[1]`), and reports what it finds under
    /// that prefix.
    pub(crate) fn nested<T>(
        &mut self,
        prefix: &dyn Display,
        f: impl FnOnce(&mut Checker<'_>) -> T,
    ) -> T {
        let mut inner = Vec::new();
        let mut ck = Checker {
            kind: self.kind,
            key: self.key,
            out: &mut inner,
            start: 0,
            max_text: self.max_text,
        };
        let value = f(&mut ck);
        if !inner.is_empty() {
            let prefix = prefix.to_string();
            self.out.extend(inner.into_iter().map(|d| d.at(&prefix)));
        }
        value
    }

    /// Whether any error was reported for this entity.
    pub(crate) fn failed(&self) -> bool {
        self.out
            .get(self.start..)
            .is_some_and(|ds| ds.iter().any(|d| d.severity() == Severity::Error))
    }

    pub(crate) fn entity_key<E>(&mut self, text: CompactString) -> Option<Key<E>> {
        self.owned_key("key", text)
    }

    /// As [`Checker::key`], taking the text as read.
    pub(crate) fn owned_key<E>(
        &mut self,
        path: impl Display,
        text: CompactString,
    ) -> Option<Key<E>> {
        match Key::from_text(text) {
            Ok(key) => Some(key),
            Err(e) => {
                self.report(Rule::InvalidKey, path, e.to_string());
                None
            }
        }
    }

    pub(crate) fn key<E>(&mut self, path: impl Display, text: &str) -> Option<Key<E>> {
        match Key::new(text) {
            Ok(key) => Some(key),
            Err(e) => {
                self.report(Rule::InvalidKey, path, e.to_string());
                None
            }
        }
    }

    pub(crate) fn opt_key<E>(
        &mut self,
        path: impl Display,
        text: Option<CompactString>,
    ) -> Option<Option<Key<E>>> {
        match text {
            None => Some(None),
            Some(text) => self.owned_key(path, text).map(Some),
        }
    }

    /// Checks a list of keys as read, as [`Checker::keys`]: a list of well
    /// formed, distinct keys is kept as it is.
    pub(crate) fn key_list<E>(&mut self, path: impl Display, list: KeyList<E>) -> Vec<Key<E>> {
        let keys = list.0;
        let distinct = match keys.as_slice() {
            [] | [_] => true,
            [a, b] => a != b,
            _ => (1..keys.len()).all(|i| {
                keys.get(i)
                    .is_some_and(|k| keys.get(..i).is_some_and(|before| !before.contains(k)))
            }),
        };
        if distinct && keys.iter().all(Key::is_well_formed) {
            return keys;
        }
        self.keys(path, keys.into_iter().map(Key::into_text).collect())
    }

    /// Converts a list of keys; a key listed twice is an error.
    pub(crate) fn keys<E>(&mut self, path: impl Display, texts: Vec<CompactString>) -> Vec<Key<E>> {
        let mut keys: Vec<Key<E>> = Vec::with_capacity(texts.len());
        // The item's path is written out only for a message.
        for (i, text) in texts.into_iter().enumerate() {
            match Key::from_text(text) {
                Ok(key) if keys.contains(&key) => self.report(
                    Rule::DuplicateReference,
                    format!("{path}[{i}]"),
                    format!("{:?} is listed twice", key.as_str()),
                ),
                Ok(key) => keys.push(key),
                Err(e) => self.report(Rule::InvalidKey, format!("{path}[{i}]"), e.to_string()),
            }
        }
        keys
    }

    pub(crate) fn text(&mut self, path: impl Display, text: String) -> Option<Box<str>> {
        if text.len() > self.max_text {
            self.report(
                Rule::TooLarge,
                path,
                format!(
                    "text of {} bytes: expected at most {} (the load's text limit)",
                    text.len(),
                    self.max_text
                ),
            );
            None
        } else if let Some((at, c)) = control_character(&text) {
            self.report(Rule::ControlCharacter, path, control_message(at, c));
            None
        } else if plain_ends(&text) {
            // Neither blank nor padded: the trims below are not needed.
            Some(text.into_boxed_str())
        } else if text.trim().is_empty() {
            self.report(
                Rule::BlankText,
                path,
                "expected non-empty text, got an empty string",
            );
            None
        } else if text.trim() != text {
            self.report(
                Rule::BlankText,
                path,
                format!(
                    "expected text without leading or trailing whitespace, got {:?}",
                    crate::error::shorten(&text)
                ),
            );
            None
        } else {
            Some(text.into_boxed_str())
        }
    }

    pub(crate) fn opt_text(
        &mut self,
        path: impl Display,
        text: Option<String>,
    ) -> Option<Option<Box<str>>> {
        match text {
            None => Some(None),
            Some(text) => self.text(path, text).map(Some),
        }
    }

    pub(crate) fn texts(&mut self, path: impl Display, texts: Vec<String>) -> Vec<Box<str>> {
        // Not collected from `texts`, whose allocation is sized for growth.
        let mut out = Vec::with_capacity(texts.len());
        for (i, t) in texts.into_iter().enumerate() {
            // The item's path is written out only for a message.
            out.extend(self.text(format_args!("{path}[{i}]"), t));
        }
        out
    }

    pub(crate) fn date(&mut self, path: impl Display, input: DateInput) -> Option<Date> {
        match input {
            DateInput::Date(date) => Some(date),
            DateInput::Text(text) => match Date::parse(&text) {
                Ok(date) => Some(date),
                Err(e) => {
                    self.report(Rule::InvalidDate, path, e.to_string());
                    None
                }
            },
        }
    }

    pub(crate) fn opt_date(
        &mut self,
        path: impl Display,
        input: Option<DateInput>,
    ) -> Option<Option<Date>> {
        match input {
            None => Some(None),
            Some(input) => self.date(path, input).map(Some),
        }
    }

    pub(crate) fn country(&mut self, path: impl Display, text: &str) -> Option<Country> {
        match Country::new(text) {
            Ok(c) => Some(c),
            Err(e) => {
                self.report(Rule::InvalidValue, path, e.to_string());
                None
            }
        }
    }

    pub(crate) fn language(&mut self, path: impl Display, text: &str) -> Option<Language> {
        match Language::new(text) {
            Ok(l) => Some(l),
            Err(e) => {
                self.report(Rule::InvalidValue, path, e.to_string());
                None
            }
        }
    }

    pub(crate) fn url(&mut self, path: impl Display, text: String) -> Option<Box<str>> {
        // Tab and line feed pass here and fail below: an address has no blanks.
        if let Some((at, c)) = control_character(&text) {
            self.report(Rule::ControlCharacter, path, control_message(at, c));
            return None;
        }
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"));
        match rest {
            Some(rest) if !rest.is_empty() && !text.chars().any(char::is_whitespace) => {
                Some(text.into_boxed_str())
            }
            _ => {
                let e = crate::error::ValueError::new(
                    crate::error::ValueKind::Url,
                    &text,
                    "an http:// or https:// address without spaces",
                );
                self.report(Rule::InvalidValue, path, e.to_string());
                None
            }
        }
    }

    /// Reports a list that names fewer than two distinct institutions (an MOU's
    /// signatories, a partnership's parties), counting what the data wrote so
    /// that a malformed key is not also reported as a missing party.
    pub(crate) fn at_least_two<T: AsRef<str>>(&mut self, path: impl Display, texts: &[T]) {
        // Two distinct texts: one that differs from the first.
        if texts
            .split_first()
            .is_some_and(|(first, rest)| rest.iter().any(|t| t.as_ref() != first.as_ref()))
        {
            return;
        }
        // Every text is the first: one distinct institution, or none.
        self.report(
            Rule::TooFewParties,
            path,
            format!(
                "need at least 2 distinct institutions, got {}",
                texts.len().min(1)
            ),
        );
    }
}

/// Whether `text` starts and ends with a printable ASCII character other
/// than a space: then it is not blank, and `trim` would leave it as it is
/// (every Unicode white space is a space, a control or beyond ASCII), so
/// nearly every text skips the two trims of [`Checker::text`], which
/// decode its ends character by character.
fn plain_ends(text: &str) -> bool {
    let printable = |b: &u8| (0x21..0x7f).contains(b);
    text.as_bytes().first().is_some_and(printable) && text.as_bytes().last().is_some_and(printable)
}

/// Whether a text may not hold `c`: the C0 controls but tab and line feed,
/// DEL and the C1 controls. They are invisible or move the cursor when a
/// text is shown, so that what a reader sees is not what the data says;
/// tab and line feed lay out notes and descriptions written on many lines.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// The first forbidden control character of `text`, with its byte offset.
fn control_character(text: &str) -> Option<(usize, char)> {
    // In UTF-8 every forbidden character starts with a byte below 0x20, DEL
    // (0x7f) or 0xc2 (the lead byte of U+0080 to U+00BF, the C1 controls
    // among them). Nearly every text has none of those, and a pass over
    // its bytes, 16 at a time with no early exit inside (which the compiler
    // vectorises), clears it: decoding every character cost a load about
    // 2% more.
    let bad = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2);
    let mut chunks = text.as_bytes().chunks_exact(16);
    let suspect = chunks
        .by_ref()
        .any(|c| c.iter().fold(false, |any, &b| any | bad(b)))
        || chunks.remainder().iter().any(|&b| bad(b));
    if !suspect {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_forbidden_control(c))
}

fn control_message(at: usize, c: char) -> String {
    format!(
        "expected text without control characters (tab and line feed are allowed), got {} at byte {at}",
        c.escape_unicode()
    )
}

/// Where a reference sits in its entity, formatted only when a message
/// needs it: `field`, `field[i]`, `field[i].sub` or `field[i].sub[j]`,
/// optionally inside a party's action (`parties[p].actions[a].` first).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RefPath {
    field: &'static str,
    index: Option<usize>,
    sub: Option<&'static str>,
    sub_index: Option<usize>,
    action: Option<(&'static str, usize, usize)>,
}

impl RefPath {
    pub(crate) const fn field(field: &'static str) -> RefPath {
        RefPath {
            field,
            index: None,
            sub: None,
            sub_index: None,
            action: None,
        }
    }

    pub(crate) const fn item(field: &'static str, index: usize) -> RefPath {
        RefPath {
            field,
            index: Some(index),
            sub: None,
            sub_index: None,
            action: None,
        }
    }

    pub(crate) const fn sub(mut self, sub: &'static str) -> RefPath {
        self.sub = Some(sub);
        self
    }

    pub(crate) const fn sub_item(mut self, sub: &'static str, index: usize) -> RefPath {
        self.sub = Some(sub);
        self.sub_index = Some(index);
        self
    }

    /// The same path inside action `action` of party `party` of the list
    /// `field`.
    pub(crate) const fn in_action(
        mut self,
        field: &'static str,
        party: usize,
        action: usize,
    ) -> RefPath {
        self.action = Some((field, party, action));
        self
    }
}

impl std::fmt::Display for RefPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some((field, party, action)) = self.action {
            write!(f, "{field}[{party}].actions[{action}].")?;
        }
        f.write_str(self.field)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        if let Some(sub) = self.sub {
            write!(f, ".{sub}")?;
        }
        if let Some(j) = self.sub_index {
            write!(f, "[{j}]")?;
        }
        Ok(())
    }
}

/// Connects a raw struct to its entity: the [`Raw`] impl, and the
/// `Deserialize` of the entity through the same checks as its builder.
macro_rules! raw_entity {
    ($raw:ty, $entity:ident) => {
        impl crate::model::check::Raw for $raw {
            type Entity = $entity;
            fn key_text(&self) -> &str {
                &self.key
            }
            fn convert(self, ck: &mut crate::model::check::Checker<'_>) -> Option<$entity> {
                $entity::from_raw(self, ck)
            }
        }

        impl TryFrom<$raw> for $entity {
            type Error = crate::model::diagnostic::ValidationError;
            fn try_from(raw: $raw) -> Result<Self, Self::Error> {
                crate::model::check::build(raw, $entity::from_raw)
            }
        }

        impl<'de> serde::Deserialize<'de> for $entity {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <$raw>::deserialize(deserializer)?;
                $entity::try_from(raw).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use raw_entity;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mou::{Mou, RawMou};

    fn raw(key: &str, signatories: &[&str]) -> RawMou {
        serde_json::from_value(serde_json::json!({
            "key": key, "title": "An MOU", "signatories": signatories, "signed": "2021-08-17"
        }))
        .expect("a raw mou")
    }

    #[test]
    fn an_entity_with_an_error_is_not_built_and_the_checker_says_it_failed() {
        let mut out = Vec::new();
        let mut ck = Checker::new(Some(EntityKind::Mou), "Bad Key", &mut out);
        let built = Mou::from_raw(raw("Bad Key", &["a", "b"]), &mut ck);
        assert!(ck.failed());
        assert!(built.is_none());
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_text_at_the_text_limit_passes_and_one_byte_more_does_not() {
        let mut out = Vec::new();
        let mut ck = Checker::new(Some(EntityKind::Mou), "u1", &mut out).with_max_text(5);
        assert!(ck.text("title", "abcde".to_owned()).is_some());
        assert!(!ck.failed());
        assert!(ck.text("title", "abcdef".to_owned()).is_none());
        assert!(ck.failed());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule(), Rule::TooLarge);
    }

    #[test]
    fn a_valid_entity_is_built_and_the_checker_has_not_failed() {
        let mut out = Vec::new();
        let mut ck = Checker::new(Some(EntityKind::Mou), "u1", &mut out);
        let built = Mou::from_raw(raw("u1", &["a", "b"]), &mut ck);
        assert!(!ck.failed());
        assert!(built.is_some());
        assert!(out.is_empty());
    }

    #[test]
    fn a_source_url_needs_http_or_https_an_address_and_no_blanks() {
        use crate::model::source::Source;
        let with_url = |url: &str| Source::builder("s1", "A source").url(url).build();
        for good in ["https://example.org/a", "http://example.org"] {
            let source = with_url(good).unwrap_or_else(|e| panic!("{good:?}: {e}"));
            assert_eq!(source.url(), Some(good));
        }
        for bad in [
            "https://",
            "http://",
            "https://example.org/a b",
            "ftp://example.org",
        ] {
            let err = with_url(bad).expect_err(bad);
            let found: Vec<(Rule, &str)> = err
                .diagnostics()
                .iter()
                .map(|d| (d.rule(), d.path()))
                .collect();
            assert_eq!(found, [(Rule::InvalidValue, "url")], "{bad:?}");
        }
    }

    #[test]
    fn a_title_with_a_nul_is_rejected_with_the_rule_and_its_path() {
        let raw: RawMou = serde_json::from_value(serde_json::json!({
            "key": "u1", "title": "An\u{0}MOU", "signatories": ["a", "b"], "signed": "2021"
        }))
        .expect("a raw mou");
        let err = build(raw, Mou::from_raw).expect_err("a nul");
        let found: Vec<(Rule, &str, Option<&str>)> = err
            .diagnostics()
            .iter()
            .map(|d| (d.rule(), d.path(), d.key()))
            .collect();
        assert_eq!(found, [(Rule::ControlCharacter, "title", Some("u1"))]);
        assert_eq!(
            err.to_string(),
            r#"mou "u1": title: expected text without control characters (tab and line feed are allowed), got \u{0} at byte 2"#
        );
    }

    #[test]
    fn tab_and_line_feed_are_accepted_inside_a_text_and_other_controls_are_not() {
        use crate::model::commitment::Commitment;
        let description = "First line\n\tindented second line";
        let built = serde_json::from_value::<Commitment>(serde_json::json!({
            "key": "c1", "description": description, "owners": ["kr-a"],
            "origin": {"mou": "u1"}, "status": "open"
        }))
        .expect("tab and line feed are allowed");
        assert_eq!(built.description(), description);
        for bad in ["a\rb", "a\u{7f}b", "a\u{85}b", "a\u{1b}[31mb", "a\u{9f}"] {
            let mut out = Vec::new();
            let mut ck = Checker::new(None, "", &mut out);
            assert!(ck.text("note", bad.to_owned()).is_none(), "{bad:?}");
            assert_eq!(
                out.first().map(Diagnostic::rule),
                Some(Rule::ControlCharacter)
            );
        }
    }

    #[test]
    fn the_byte_check_finds_every_forbidden_character_and_where_it_is() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let text = format!("é{c}x");
            let expected = is_forbidden_control(c).then_some((2, c));
            assert_eq!(control_character(&text), expected, "{c:?}");
        }
    }

    #[test]
    fn a_key_with_a_look_alike_letter_is_named_escaped_in_every_message() {
        let err = build(raw("\u{212a}r-us", &["a"]), Mou::from_raw).expect_err("two problems");
        let shown: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                r#"mou "\u{212a}r-us": key: invalid key "\u{212a}r-us": expected lowercase ascii letters, digits and '-' only"#,
                r#"mou "\u{212a}r-us": signatories: need at least 2 distinct institutions, got 1"#,
            ]
        );
        let err = build(raw("u\u{0}1", &["a", "b"]), Mou::from_raw).expect_err("a nul");
        assert!(
            err.to_string().starts_with(r#"mou "u\u{0}1": key: "#),
            "{err}"
        );
    }

    #[test]
    fn a_list_of_distinct_keys_is_checked_key_by_key() {
        for (signatories, bad) in [
            (&["a", "Bad Key"][..], "signatories[1]"),
            (&["-a", "b"][..], "signatories[0]"),
            (&["kr-a", "kr--b", "c"][..], "signatories[1]"),
            (&["a", "b", "\u{212a}"][..], "signatories[2]"),
        ] {
            let err = build(raw("u1", signatories), Mou::from_raw).expect_err("a bad key");
            let found: Vec<(Rule, &str)> = err
                .diagnostics()
                .iter()
                .map(|d| (d.rule(), d.path()))
                .collect();
            assert_eq!(found, [(Rule::InvalidKey, bad)], "{signatories:?}");
        }
    }

    #[test]
    fn a_raw_entity_cloned_keeps_its_key_lists() {
        let copy = raw("u1", &["kr-a", "kr-b"]).clone();
        let mou = build(copy, Mou::from_raw).expect("valid");
        let signatories: Vec<&str> = mou.signatories().iter().map(|k| k.as_str()).collect();
        assert_eq!(signatories, ["kr-a", "kr-b"]);
    }

    #[test]
    fn a_key_list_and_a_builder_holding_one_debug_as_the_keys_written() {
        let list: KeyList<crate::model::institution::Institution> =
            serde_json::from_value(serde_json::json!(["kr-a", "Not A Key"])).expect("a list");
        assert_eq!(format!("{list:?}"), r#"[Key("kr-a"), Key("Not A Key")]"#);
        let builder = Mou::builder("u1", "An MOU", crate::Date::parse("2021").expect("a date"))
            .signatory("kr-a")
            .signatory("us-b");
        let shown = format!("{builder:?}");
        assert!(
            shown.contains(r#"signatories: [Key("kr-a"), Key("us-b")]"#),
            "{shown}"
        );
    }

    #[test]
    fn a_key_list_of_the_wrong_type_says_a_sequence_was_expected() {
        let err = serde_json::from_value::<RawMou>(serde_json::json!({
            "key": "u1", "title": "An MOU", "signatories": 5, "signed": "2021"
        }))
        .expect_err("a number for a list");
        assert_eq!(
            err.to_string(),
            "invalid type: integer `5`, expected a sequence"
        );
    }

    #[test]
    fn plain_ends_are_printable_ascii_other_than_a_space() {
        for text in ["a", "ab", "a b", "x\u{1}y", "(é)", "~!"] {
            assert!(plain_ends(text), "{text:?}");
        }
        for text in [
            "",
            " ",
            " a",
            "a ",
            "\ta",
            "a\n",
            "é",
            "aé",
            "\u{7f}a",
            "a\u{3000}",
        ] {
            assert!(!plain_ends(text), "{text:?}");
        }
    }

    #[test]
    fn build_turns_every_problem_into_one_error() {
        let err = build(raw("Bad Key", &["a"]), Mou::from_raw).expect_err("two problems");
        let rules: Vec<Rule> = err.diagnostics().iter().map(Diagnostic::rule).collect();
        assert_eq!(rules, [Rule::InvalidKey, Rule::TooFewParties]);
        assert!(build(raw("u1", &["a", "b"]), Mou::from_raw).is_ok());
    }
}
