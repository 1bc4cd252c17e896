//! Keys and ids: how entities are named by people and by programs.
//!
//! Every entity has a human **key** (`kr-msit`, `eu-kr-dpc-2`) that data files
//! use to refer to it, and an **id**, a UUID derived from the key. Both are
//! typed by the kind of entity they name: a [`Key<Meeting>`](crate::model::meeting::Meeting)
//! cannot be passed where a `Key<Institution>` is expected, and the same holds
//! for ids.
//!
//! The id of an entity is the UUID v5 of the name `<kind>:<key>`
//! (`institution:kr-msit`) in the namespace [`NAMESPACE`], so the same key
//! gives the same id in every dataset, on every machine, in every run.
//!
//! ```
//! use pactum::{Institution, Key};
//!
//! let key: Key<Institution> = "kr-msit".parse()?;
//! assert_eq!(key.id().to_string(), "d386ebf9-96d7-5b0f-a6ba-09dde1ea36ea");
//! assert_eq!(key.id(), Key::<Institution>::new("kr-msit")?.id());
//! # Ok::<(), pactum::ValueError>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::str::FromStr;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::error::{ValueError, ValueKind};

/// The namespace UUID in which pactum derives entity ids (UUID v5).
///
/// It is itself the UUID v5 of the URL `https://docs.rs/pactum` in the URL
/// namespace of RFC 9562, and will never change: ids stored by users stay
/// valid across versions of the crate.
pub const NAMESPACE: Uuid = Uuid::from_u128(0x8ef4aacf_abe7_556a_93c9_096805cd0a5a);

/// The longest key, in bytes.
pub const MAX_KEY_LEN: usize = 64;

/// The kinds of entity a registry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A document cited as evidence: [`Source`](crate::model::source::Source).
    Source,
    /// A technology field: [`TechArea`](crate::model::taxonomy::TechArea).
    TechArea,
    /// A body that acts: [`Institution`](crate::model::institution::Institution).
    Institution,
    /// A standing cooperation framework: [`Partnership`](crate::model::partnership::Partnership).
    Partnership,
    /// A dated gathering: [`Meeting`](crate::model::meeting::Meeting).
    Meeting,
    /// A signed instrument: [`Mou`](crate::model::mou::Mou).
    Mou,
    /// An action item: [`Commitment`](crate::model::commitment::Commitment).
    Commitment,
}

impl EntityKind {
    /// Every kind, in the order a data file lists them.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Source,
        EntityKind::TechArea,
        EntityKind::Institution,
        EntityKind::Partnership,
        EntityKind::Meeting,
        EntityKind::Mou,
        EntityKind::Commitment,
    ];

    /// The singular name used in messages and in id names (`institution`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Source => "source",
            EntityKind::TechArea => "tech_area",
            EntityKind::Institution => "institution",
            EntityKind::Partnership => "partnership",
            EntityKind::Meeting => "meeting",
            EntityKind::Mou => "mou",
            EntityKind::Commitment => "commitment",
        }
    }

    /// The name of the top-level array of a data file (`institutions`).
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Source => "sources",
            EntityKind::TechArea => "tech_areas",
            EntityKind::Institution => "institutions",
            EntityKind::Partnership => "partnerships",
            EntityKind::Meeting => "meetings",
            EntityKind::Mou => "mous",
            EntityKind::Commitment => "commitments",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// An entity kind that a registry stores: implemented by [`Source`](crate::model::source::Source),
/// [`TechArea`](crate::model::taxonomy::TechArea), [`Institution`](crate::model::institution::Institution),
/// [`Partnership`](crate::model::partnership::Partnership), [`Meeting`](crate::model::meeting::Meeting),
/// [`Mou`](crate::model::mou::Mou) and [`Commitment`](crate::model::commitment::Commitment). Sealed.
pub trait Entity: sealed::Sealed + Sized + 'static {
    /// The kind of this entity.
    const KIND: EntityKind;
    /// The entity's key.
    fn key(&self) -> &Key<Self>;
    /// The entity's id, derived from its key.
    fn id(&self) -> Id<Self> {
        self.key().id()
    }
}

macro_rules! entity {
    ($ty:ty, $kind:ident) => {
        impl crate::model::id::sealed::Sealed for $ty {}
        impl crate::model::id::Entity for $ty {
            const KIND: crate::model::id::EntityKind = crate::model::id::EntityKind::$kind;
            fn key(&self) -> &crate::model::id::Key<Self> {
                &self.key
            }
        }
    };
}
pub(crate) use entity;

/// The name of a meeting series within a partnership (`eu-kr-dpc`): the type
/// parameter of [`SeriesKey`]. A series is not an entity of its own; it is the
/// thread that numbers council sessions.
#[derive(Debug)]
pub enum Series {}

/// A key naming a meeting series.
pub type SeriesKey = Key<Series>;

/// A human key of an entity of kind `E`: 1–64 characters of lowercase ASCII
/// letters, digits and `-`, with no `-` at either end and no `--`.
///
/// Keys order, compare and hash by their text.
pub struct Key<E> {
    /// Keys are short: up to 24 bytes are kept inline, without an
    /// allocation of their own.
    text: CompactString,
    kind: PhantomData<fn() -> E>,
}

/// Checks that `text` is a well-formed key.
fn check_key(text: &str) -> Result<(), &'static str> {
    // Nearly every key a load reads is well formed, and a load checks about
    // ten a entity: eight bytes at a time clear them with a few
    // instructions a byte, where a pass byte by byte cost a load 7% of its
    // instructions. Only a key that fails is read again to say why.
    if well_formed(text.as_bytes()) {
        return Ok(());
    }
    key_error(text)
}

/// Eight copies of byte `b` in a word.
const fn bytes8(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The high bit of every byte of a word.
const HIGH: u64 = bytes8(0x80);

/// The high bit of each byte of `w` that lies in `lo..=hi`, for a word
/// whose bytes are all below 0x80 (ASCII): adding `0x80 - lo` sets the
/// high bit of the bytes at least `lo`, adding `0x7f - hi` leaves it clear
/// in those at most `hi`, and neither sum carries into the next byte.
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let at_least = w.wrapping_add(bytes8(0x80 - lo));
    let above = w.wrapping_add(bytes8(0x7f - hi));
    at_least & !above & HIGH
}

/// The high bits of the bytes of `w` that are not allowed in a key, and
/// of those that are dashes.
fn classify(w: u64) -> (u64, u64) {
    let dash = in_range(w, b'-', b'-');
    let allowed = in_range(w, b'a', b'z') | in_range(w, b'0', b'9') | dash;
    // A byte of 0x80 or more (outside ASCII) is wrong, and may have carried
    // into its neighbours' tests, which then no longer matter.
    ((w & HIGH) | (!allowed & HIGH), dash)
}

/// The eight bytes of `bytes` from `at`, as a little-endian word (0 past
/// the end, which callers never ask).
fn word_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

/// Whether `bytes` is a well-formed key, read a word (eight bytes) at a
/// time: 1 to 64 bytes of `a-z`, `0-9` and `-`, no `-` at either end,
/// no `--`. Every test is folded into one word, with no early exit: a key
/// is a few words long and almost always passes.
fn well_formed(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if len > MAX_KEY_LEN || first == b'-' || last == b'-' {
        return false;
    }
    if len < 8 {
        return short_well_formed(bytes);
    }
    let mut wrong = 0;
    let mut dash_before = 0;
    for at in (0..len / 8).map(|k| 8 * k) {
        let (bad, dash) = classify(word_at(bytes, at));
        // A dash after a dash: in this word, or across from the last.
        wrong |= bad | (dash & ((dash << 8) | (dash_before >> 56)));
        dash_before = dash;
    }
    if len % 8 != 0 {
        // The last eight bytes, which overlap the last word read: each of
        // their pairs lies in this word, so none is checked across.
        let (bad, dash) = classify(word_at(bytes, len - 8));
        wrong |= bad | (dash & (dash << 8));
    }
    wrong == 0
}

/// [`well_formed`] for a key of 1 to 7 bytes, whose ends are checked: one
/// word of its first four and its last four bytes (which overlap), or of
/// its first, middle and last byte, so that every pair of neighbours sits
/// side by side in the word.
fn short_well_formed(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(b'a'));
    let four = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|s| <[u8; 4]>::try_from(s).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let (w, unpaired) = if len >= 4 {
        // Bytes 3 and 4 of the word are not neighbours in the key.
        (four(0) | (four(len - 4) << 32), 0x80 << 32)
    } else {
        // The rest is padded with `a`, allowed and no dash; with fewer
        // than three bytes a byte stands beside itself, which matters only
        // for a dash at an end, already refused.
        let pad = bytes8(b'a') & !0xff_ffff;
        (
            byte(0) | (byte(len / 2) << 8) | (byte(len - 1) << 16) | pad,
            0,
        )
    };
    let (bad, dash) = classify(w);
    bad | (dash & (dash << 8) & !unpaired) == 0
}

/// What is wrong with `text`, a key that is not well formed, one byte at a
/// time: a wrong character is reported before a misplaced `-`.
fn key_error(text: &str) -> Result<(), &'static str> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return Err("a non-empty key");
    }
    if bytes.len() > MAX_KEY_LEN {
        return Err("at most 64 characters");
    }
    // One pass: a wrong character is reported before a misplaced `-`.
    let mut double_dash = false;
    let mut after_dash = false;
    for &b in bytes {
        let dash = b == b'-';
        if !(dash || b.is_ascii_lowercase() || b.is_ascii_digit()) {
            return Err("lowercase ascii letters, digits and '-' only");
        }
        double_dash |= after_dash && dash;
        after_dash = dash;
    }
    if bytes.first() == Some(&b'-') || bytes.last() == Some(&b'-') {
        return Err("no '-' at the start or the end");
    }
    if double_dash {
        return Err("single '-' between words, not '--'");
    }
    Ok(())
}

/// The text of a key as an entity builder keeps it until the entity is
/// built and checked.
pub(crate) fn raw_text(text: impl Into<String>) -> CompactString {
    CompactString::from(text.into())
}

impl<E> Key<E> {
    /// Parses a key.
    ///
    /// # Errors
    ///
    /// A [`ValueError`] of kind [`ValueKind::Key`] when `text` is empty, longer
    /// than 64 bytes, contains anything but lowercase ASCII letters, digits and
    /// `-`, starts or ends with `-`, or contains `--`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Institution, Key};
    ///
    /// assert!(Key::<Institution>::new("kr-msit").is_ok());
    /// let err = Key::<Institution>::new("KR_msit").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"invalid key "KR_msit": expected lowercase ascii letters, digits and '-' only"#
    /// );
    /// ```
    pub fn new(text: &str) -> Result<Key<E>, ValueError> {
        Key::from_text(CompactString::new(text))
    }

    /// As [`Key::new`], taking the text as read from a file.
    pub(crate) fn from_text(text: CompactString) -> Result<Key<E>, ValueError> {
        check_key(&text).map_err(|expected| ValueError::new(ValueKind::Key, &text, expected))?;
        Ok(Key {
            text,
            kind: PhantomData,
        })
    }

    /// A key of `text` as read, not yet checked: only a
    /// [`KeyList`](crate::model::check::KeyList) holds one, until the
    /// checker checks it (or reads its text back to say what is wrong).
    pub(crate) fn unchecked(text: CompactString) -> Key<E> {
        Key {
            text,
            kind: PhantomData,
        }
    }

    /// Whether the text is a well-formed key (see [`Key::new`]).
    pub(crate) fn is_well_formed(&self) -> bool {
        well_formed(self.text.as_bytes())
    }

    /// The key's text, given back.
    pub(crate) fn into_text(self) -> CompactString {
        self.text
    }

    /// A key of no text, which no entity has: it stands in where code that
    /// cannot fail must name a key it could not find.
    pub(crate) fn empty() -> Key<E> {
        Key {
            text: CompactString::default(),
            kind: PhantomData,
        }
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<E: Entity> Key<E> {
    /// The id of the entity with this key.
    pub fn id(&self) -> Id<E> {
        Id::from_key(self)
    }
}

impl<E> Clone for Key<E> {
    fn clone(&self) -> Self {
        Key {
            text: self.text.clone(),
            kind: PhantomData,
        }
    }
}

impl<E> PartialEq for Key<E> {
    fn eq(&self, other: &Self) -> bool {
        same_text(&self.text, &other.text)
    }
}

/// Whether two texts are equal, compared a word at a time when they are
/// as short as keys usually are: a load compares about one key for each
/// reference (in the key tables and in lists), where a call to `memcmp`
/// costs more than the comparison.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let four = |s: &[u8], at: usize| {
        s.get(at..at + 4)
            .and_then(|w| <[u8; 4]>::try_from(w).ok())
            .map(u32::from_le_bytes)
    };
    match n {
        0 => true,
        1..=3 => a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last(),
        4..=7 => four(a, 0) == four(b, 0) && four(a, n - 4) == four(b, n - 4),
        // The last word overlaps the one before it when `n` is not a
        // multiple of 8.
        8..=32 => {
            (0..n / 8).all(|k| word_at(a, 8 * k) == word_at(b, 8 * k))
                && word_at(a, n - 8) == word_at(b, n - 8)
        }
        _ => a == b,
    }
}
impl<E> Eq for Key<E> {}

impl<E> PartialEq<str> for Key<E> {
    fn eq(&self, other: &str) -> bool {
        self.text.as_str() == other
    }
}
impl<E> PartialEq<&str> for Key<E> {
    fn eq(&self, other: &&str) -> bool {
        self.text.as_str() == *other
    }
}

impl<E> PartialOrd for Key<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Key<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl<E> Hash for Key<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.as_str().hash(state);
    }
}

impl<E> fmt::Debug for Key<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({:?})", self.text)
    }
}

/// Honours width, alignment and fill (`{:<26}`), for keys in columns.
impl<E> fmt::Display for Key<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

impl<E> AsRef<str> for Key<E> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl<E> std::borrow::Borrow<str> for Key<E> {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl<E> FromStr for Key<E> {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        Key::new(text)
    }
}

impl<E> TryFrom<&str> for Key<E> {
    type Error = ValueError;
    fn try_from(text: &str) -> Result<Self, ValueError> {
        Key::new(text)
    }
}

impl<E> Serialize for Key<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de, E> Deserialize<'de> for Key<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Key::new(&text).map_err(serde::de::Error::custom)
    }
}

/// The id of an entity of kind `E`: a UUID v5 derived from its kind and key.
///
/// Ids are what programs store when they need a fixed-size handle that stays
/// the same across datasets and runs; people use keys.
pub struct Id<E> {
    uuid: Uuid,
    kind: PhantomData<fn() -> E>,
}

impl<E: Entity> Id<E> {
    /// The id of the entity of kind `E` with `key`: UUID v5 of `<kind>:<key>`
    /// in [`NAMESPACE`].
    pub fn from_key(key: &Key<E>) -> Id<E> {
        let mut name = String::with_capacity(16 + key.as_str().len());
        name.push_str(E::KIND.as_str());
        name.push(':');
        name.push_str(key.as_str());
        Id {
            uuid: Uuid::new_v5(&NAMESPACE, name.as_bytes()),
            kind: PhantomData,
        }
    }
}

impl<E> Id<E> {
    /// Wraps a UUID that a program stored earlier as the id of an `E`.
    pub fn from_uuid(uuid: Uuid) -> Id<E> {
        Id {
            uuid,
            kind: PhantomData,
        }
    }

    /// The UUID.
    pub fn as_uuid(&self) -> &Uuid {
        &self.uuid
    }
}

impl<E> Clone for Id<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for Id<E> {}

impl<E> PartialEq for Id<E> {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid
    }
}
impl<E> Eq for Id<E> {}
impl<E> PartialOrd for Id<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Id<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.uuid.cmp(&other.uuid)
    }
}
impl<E> Hash for Id<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.uuid.hash(state);
    }
}
impl<E> fmt::Debug for Id<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.uuid)
    }
}
impl<E> fmt::Display for Id<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.uuid, f)
    }
}
impl<E> Serialize for Id<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.uuid.serialize(serializer)
    }
}
impl<'de, E> Deserialize<'de> for Id<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Uuid::deserialize(deserializer).map(Id::from_uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Dummy;

    /// The rules of a key as first written, one check per pass.
    fn check_key_by_rule(text: &str) -> Result<(), &'static str> {
        if text.is_empty() {
            return Err("a non-empty key");
        }
        if text.len() > MAX_KEY_LEN {
            return Err("at most 64 characters");
        }
        if !text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err("lowercase ascii letters, digits and '-' only");
        }
        if text.starts_with('-') || text.ends_with('-') {
            return Err("no '-' at the start or the end");
        }
        if text.contains("--") {
            return Err("single '-' between words, not '--'");
        }
        Ok(())
    }

    #[test]
    fn ids_order_as_their_uuids() {
        let [lo, hi] = [1u128, 2].map(|n| Id::<Dummy>::from_uuid(Uuid::from_u128(n)));
        assert_eq!(lo.partial_cmp(&hi), Some(Ordering::Less));
        assert_eq!(hi.partial_cmp(&lo), Some(Ordering::Greater));
        assert_eq!(lo.partial_cmp(&lo), Some(Ordering::Equal));
        assert!(lo < hi);
        assert_ne!(lo, hi);
        assert_eq!(lo, lo);
    }

    /// Equal ids hash alike, and the ids of distinct keys hash apart: a
    /// map of ids spreads them over its buckets.
    #[test]
    fn ids_of_distinct_keys_hash_apart() {
        use crate::model::institution::Institution;
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hashes = BuildHasherDefault::<DefaultHasher>::default();
        let id = |i: usize| Key::<Institution>::new(&format!("kr-{i}")).map(|k| k.id());
        let one = id(1).expect("a key");
        assert_eq!(
            hashes.hash_one(one),
            hashes.hash_one(Id::<Institution>::from_uuid(*one.as_uuid()))
        );
        let distinct: std::collections::HashSet<u64> = (0..1000)
            .map(|i| id(i).map(|id| hashes.hash_one(id)).expect("a key"))
            .collect();
        assert_eq!(distinct.len(), 1000);
    }

    #[test]
    fn a_key_debugs_as_its_text_and_is_found_by_it_in_a_set() {
        let key = Key::<Dummy>::new("kr-msit").expect("a key");
        assert_eq!(format!("{key:?}"), r#"Key("kr-msit")"#);
        let set = std::collections::HashSet::from([key]);
        assert!(set.contains("kr-msit"));
        assert!(!set.contains("kr-other"));
    }

    #[test]
    fn a_key_reads_as_its_text_and_an_id_debugs_as_its_uuid() {
        let key = Key::<Dummy>::new("kr-msit").expect("a valid key");
        assert_eq!(AsRef::<str>::as_ref(&key), "kr-msit");
        let uuid = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        let id = Id::<Dummy>::from_uuid(uuid);
        assert_eq!(format!("{id:?}"), format!("Id({uuid})"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::default())]

        /// The one-pass check gives the answer of the rules, checked one by
        /// one, with the same message for the same first broken rule.
        #[test]
        fn one_pass_key_check_follows_the_rules(
            text in proptest::prop_oneof!["[a-c0-9-]{0,66}", "[ab0-9A_ -]{0,6}"],
        ) {
            proptest::prop_assert_eq!(check_key(&text), check_key_by_rule(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// The check a word at a time agrees with the rules on texts made
        /// of the bytes at the edges of the allowed ranges (`` ` `` and `{`
        /// around the letters, `/` and `:` around the digits, `,` and `.`
        /// around the dash), beyond ASCII, and of every length up to 70.
        #[test]
        fn word_at_a_time_key_check_follows_the_rules(
            text in proptest::prop_oneof![
                "[`{/:,.az09-]{0,20}",
                "[a-z0-9-]{0,70}",
                "[a-z0-9\\x00-\\x7f\\u{80}-\\u{10ffff}-]{0,24}",
                "[a-c-]{0,12}",
            ],
        ) {
            proptest::prop_assert_eq!(check_key(&text), check_key_by_rule(&text));
        }
    }

    #[test]
    fn the_word_check_sees_every_position_of_every_length() {
        for len in 1..=MAX_KEY_LEN {
            let mut good = "a1-".repeat(22).into_bytes();
            good.truncate(len);
            if let Some(last) = good.last_mut() {
                *last = b'z';
            }
            assert!(well_formed(&good), "{good:?}");
            for at in 0..len {
                for bad in [b'A', b'_', b'`', b'{', b'/', b':', b',', b'.', 0x80, 0xff] {
                    let mut bytes = good.clone();
                    bytes[at] = bad;
                    assert!(!well_formed(&bytes), "{bytes:?}");
                }
                let mut dashes = good.clone();
                dashes[at] = b'-';
                if let Some(next) = dashes.get_mut(at + 1) {
                    *next = b'-';
                }
                assert!(!well_formed(&dashes), "{dashes:?}");
                // One dash inside, between two other bytes, is allowed.
                let mut one = "a".repeat(len).into_bytes();
                one[at] = b'-';
                assert_eq!(well_formed(&one), at != 0 && at != len - 1, "{one:?}");
            }
        }
    }

    #[test]
    fn short_texts_compare_as_equal_only_when_they_are() {
        for n in 0..40 {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same_text(&a, &a.clone()), "{a}");
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'-';
                let b = String::from_utf8(b).unwrap_or_default();
                assert!(!same_text(&a, &b), "{a} {b}");
            }
            assert!(!same_text(&a, &format!("{a}a")));
        }
    }

    #[test]
    fn well_formed_keys_are_accepted() {
        for text in ["a", "kr-msit", "eu-kr-dpc-2", "2023", &"a".repeat(64)] {
            assert!(Key::<Dummy>::new(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn malformed_keys_are_rejected_with_what_was_expected() {
        let cases = [
            ("", "a non-empty key"),
            ("Kr-msit", "lowercase ascii letters, digits and '-' only"),
            ("kr_msit", "lowercase ascii letters, digits and '-' only"),
            ("kr msit", "lowercase ascii letters, digits and '-' only"),
            ("kr-mšit", "lowercase ascii letters, digits and '-' only"),
            ("-kr", "no '-' at the start or the end"),
            ("kr-", "no '-' at the start or the end"),
            ("kr--msit", "single '-' between words, not '--'"),
        ];
        for (text, expected) in cases {
            let err = Key::<Dummy>::new(text).unwrap_err();
            assert_eq!(err.expected(), expected, "{text:?}");
            assert_eq!(err.kind(), ValueKind::Key);
        }
        let long = "a".repeat(65);
        assert_eq!(
            Key::<Dummy>::new(&long).unwrap_err().expected(),
            "at most 64 characters"
        );
    }

    #[test]
    fn the_namespace_is_the_documented_url_uuid() {
        assert_eq!(
            NAMESPACE,
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://docs.rs/pactum")
        );
    }
}
