//! Sources, citations and claims: where every fact comes from.
//!
//! A [`Source`] is a document (a news article, a press release, a joint
//! statement). Every other entity cites sources through its
//! [`Provenance`]: a list of [`Citation`]s, each optionally naming the fields
//! it supports, and a list of [`Claim`]s recording what individual sources say
//! when they disagree. A disputed date records the set of claimed days
//! (`[2023-06-23,2023-06-30]`) so queries stay honest, and lint `P-W007`
//! reports the dispute.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, RefPath};
use crate::model::country::Language;
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key};

/// A document cited as evidence: an article, a press release, a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    key: Key<Source>,
    title: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Box<str>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: Box<[Box<str>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<Language>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Box<str>>,
}

entity!(Source, Source);

impl Source {
    /// Starts building a source with its key and title.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Source};
    ///
    /// let source = Source::builder("ec-2022-11-28", "Joint Statement of the Presidents")
    ///     .publisher("European Commission")
    ///     .published(Date::parse("2022-11-28")?)
    ///     .language("en")
    ///     .build()?;
    /// assert_eq!(source.publisher(), Some("European Commission"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(key: impl Into<String>, title: impl Into<String>) -> SourceBuilder {
        SourceBuilder {
            raw: RawSource {
                key: raw_text(key),
                title: title.into(),
                ..RawSource::default()
            },
        }
    }

    /// The source's key.
    pub fn key(&self) -> &Key<Source> {
        &self.key
    }
    /// The document's title (or a bracketed description when it has none).
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Who published it.
    pub fn publisher(&self) -> Option<&str> {
        self.publisher.as_deref()
    }
    /// Named authors, reporters and translators.
    pub fn authors(&self) -> impl ExactSizeIterator<Item = &str> {
        self.authors.iter().map(|a| &**a)
    }
    /// Its web address.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }
    /// When it was published.
    pub fn published(&self) -> Option<&Date> {
        self.published.as_ref()
    }
    /// The language it is written in.
    pub fn language(&self) -> Option<&Language> {
        self.language.as_ref()
    }
    /// Anything a reader of the citation should know (a translation, a garbled name).
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    pub(crate) fn from_raw(raw: RawSource, ck: &mut Checker<'_>) -> Option<Source> {
        let key = ck.entity_key(raw.key);
        let title = ck.text("title", raw.title);
        let publisher = ck.opt_text("publisher", raw.publisher);
        let authors = ck.texts("authors", raw.authors);
        let url = raw.url.and_then(|u| ck.url("url", u));
        let published = ck.opt_date("published", raw.published);
        let language = raw.language.and_then(|l| ck.language("language", &l));
        let note = ck.opt_text("note", raw.note);
        if ck.failed() {
            return None;
        }
        Some(Source {
            key: key?,
            title: title?,
            publisher: publisher?,
            authors: authors.into(),
            url,
            published: published?,
            language,
            note: note?,
        })
    }
}

/// Builds a [`Source`]; see [`Source::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct SourceBuilder {
    raw: RawSource,
}

impl SourceBuilder {
    /// Sets who published it.
    pub fn publisher(mut self, publisher: impl Into<String>) -> Self {
        self.raw.publisher = Some(publisher.into());
        self
    }
    /// Adds a named author, reporter or translator.
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.raw.authors.push(author.into());
        self
    }
    /// Sets its web address (`http://` or `https://`).
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.raw.url = Some(url.into());
        self
    }
    /// Sets when it was published.
    pub fn published(mut self, date: Date) -> Self {
        self.raw.published = Some(DateInput::Date(date));
        self
    }
    /// Sets its language (a BCP 47 tag such as `en`).
    pub fn language(mut self, tag: impl Into<String>) -> Self {
        self.raw.language = Some(tag.into());
        self
    }
    /// Sets a note for readers.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.raw.note = Some(note.into());
        self
    }
    /// Checks everything and builds the source.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: a malformed key, a blank
    /// title, a malformed url or language tag.
    pub fn build(self) -> Result<Source, ValidationError> {
        crate::model::check::build(self.raw, Source::from_raw)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) key: CompactString,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    pub(crate) authors: Vec<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) published: Option<DateInput>,
    #[serde(default)]
    pub(crate) language: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

crate::model::check::raw_entity!(RawSource, Source);

/// A reference from an entity to a source, optionally naming the fields of
/// the entity it supports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Citation {
    source: Key<Source>,
    /// The fields and the note, which most citations lack: kept apart, so
    /// that a citation of a source alone takes 32 bytes. `None` when both
    /// are empty.
    detail: Option<Box<Detail>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Detail {
    fields: Box<[Box<str>]>,
    note: Option<Box<str>>,
}

impl Citation {
    fn new(source: Key<Source>, fields: Box<[Box<str>]>, note: Option<Box<str>>) -> Citation {
        let detail =
            (!fields.is_empty() || note.is_some()).then(|| Box::new(Detail { fields, note }));
        Citation { source, detail }
    }

    /// The cited source.
    pub fn source(&self) -> &Key<Source> {
        &self.source
    }

    fn field_list(&self) -> &[Box<str>] {
        self.detail.as_deref().map_or(&[], |d| &d.fields)
    }

    /// The fields it supports; empty when it supports the whole entity.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = &str> {
        self.field_list().iter().map(|f| &**f)
    }
    /// Whether the citation supports the value at `path` (a field such as
    /// `chairs`, or a value inside one such as `chairs[0].title`): a
    /// citation naming no field supports them all, and one naming a field
    /// supports every value inside it (`chairs` supports `chairs[0].title`,
    /// `chairs[0]` supports `chairs[0].name`).
    pub fn supports(&self, path: &str) -> bool {
        let fields = self.field_list();
        fields.is_empty() || fields.iter().any(|f| path_covers(f, path))
    }
    /// A note on the citation (a garbled title kept as printed, an inference).
    pub fn note(&self) -> Option<&str> {
        self.detail.as_deref().and_then(|d| d.note.as_deref())
    }
}

impl Serialize for Citation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Some(detail) = &self.detail else {
            return self.source.serialize(serializer);
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("source", &self.source)?;
        if !detail.fields.is_empty() {
            map.serialize_entry("fields", &detail.fields)?;
        }
        if let Some(note) = &detail.note {
            map.serialize_entry("note", note)?;
        }
        map.end()
    }
}

/// Whether `outer` names `inner` or a value inside it: `chairs` covers
/// `chairs[0].title`, `chairs[0]` covers `chairs[0].name`, `chair` covers
/// neither. The empty path, the whole entity, covers everything.
pub(crate) fn path_covers(outer: &str, inner: &str) -> bool {
    match inner.strip_prefix(outer) {
        Some(rest) => outer.is_empty() || rest.is_empty() || rest.starts_with(['.', '[']),
        None => false,
    }
}

/// Whether a claim reports what its sources say or records what the
/// dataset infers from them.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    /// The sources state the value (the default, omitted on save).
    #[default]
    Reported,
    /// No source states the value: the dataset infers it from what the
    /// sources do state (the signatories of an MOU from who attended its
    /// signing ceremony). The claim's note says from what. Inferred values
    /// are counted apart from cited ones in the provenance coverage.
    Inferred,
}

impl ClaimKind {
    fn is_reported(&self) -> bool {
        *self == ClaimKind::Reported
    }
}

/// What one or more sources say about one field, kept when sources disagree;
/// or, for a claim of kind [`ClaimKind::Inferred`], a value the dataset
/// infers from them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Claim {
    field: Box<str>,
    value: Box<str>,
    #[serde(skip_serializing_if = "ClaimKind::is_reported")]
    kind: ClaimKind,
    sources: Box<[Key<Source>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Box<str>>,
}

impl Claim {
    /// The field the claim is about (`date`, `attendees[0].name`).
    pub fn field(&self) -> &str {
        &self.field
    }
    /// The claimed value as text (an EDTF date for a date field).
    pub fn value(&self) -> &str {
        &self.value
    }
    /// Whether the sources state the value or the dataset infers it.
    pub fn kind(&self) -> ClaimKind {
        self.kind
    }
    /// Whether the value is inferred rather than stated by a source.
    pub fn is_inferred(&self) -> bool {
        self.kind == ClaimKind::Inferred
    }
    /// The sources that make the claim.
    pub fn sources(&self) -> &[Key<Source>] {
        &self.sources
    }
    /// A note on the claim.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Where an entity's facts come from: citations and, where sources disagree,
/// claims.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    repr: Repr,
}

/// How a [`Provenance`] is kept. Most entities cite one source and claim
/// nothing: that citation is kept in place, which saves an allocation (48
/// bytes of heap) an entity. Any other provenance is boxed whole. Each
/// provenance has one representation, so the equality and hash below,
/// which read the lists, agree with it.
#[derive(Debug, Clone, Default)]
enum Repr {
    #[default]
    Empty,
    One(Citation),
    Other(Box<Lists>),
}

#[derive(Debug, Clone)]
struct Lists {
    sources: Box<[Citation]>,
    claims: Box<[Claim]>,
}

impl PartialEq for Provenance {
    fn eq(&self, other: &Provenance) -> bool {
        self.citations() == other.citations() && self.claims() == other.claims()
    }
}

impl Eq for Provenance {}

impl std::hash::Hash for Provenance {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.citations().hash(state);
        self.claims().hash(state);
    }
}

impl Provenance {
    fn new(sources: Vec<Citation>, claims: Vec<Claim>) -> Provenance {
        let repr = if !claims.is_empty() || sources.len() > 1 {
            Repr::Other(Box::new(Lists {
                sources: sources.into(),
                claims: claims.into(),
            }))
        } else {
            sources.into_iter().next().map_or(Repr::Empty, Repr::One)
        };
        Provenance { repr }
    }

    /// The citations.
    pub fn citations(&self) -> &[Citation] {
        match &self.repr {
            Repr::Empty => &[],
            Repr::One(citation) => std::slice::from_ref(citation),
            Repr::Other(lists) => &lists.sources,
        }
    }
    /// The claims.
    pub fn claims(&self) -> &[Claim] {
        match &self.repr {
            Repr::Other(lists) => &lists.claims,
            Repr::Empty | Repr::One(_) => &[],
        }
    }
    /// The keys of every source cited or claimed, without repeats, in order of
    /// first mention.
    pub fn source_keys(&self) -> impl Iterator<Item = &Key<Source>> {
        let mut seen: Vec<&Key<Source>> = Vec::new();
        self.citations()
            .iter()
            .map(|c| &c.source)
            .chain(self.claims().iter().flat_map(|c| c.sources.iter()))
            .filter(move |k| {
                if seen.contains(k) {
                    false
                } else {
                    seen.push(k);
                    true
                }
            })
    }
    /// The claims about `field`.
    pub fn claims_about<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims().iter().filter(move |c| &*c.field == field)
    }
    /// Whether sources disagree about a field: two claims on it differ.
    /// Two claimed dates differ only when they share no day: "late 2022"
    /// and "2022-12-05" agree, one refining the other.
    pub fn disputed_fields(&self) -> impl Iterator<Item = &str> {
        let mut fields: Vec<&str> = Vec::new();
        let claims = self.claims();
        for (i, a) in claims.iter().enumerate() {
            let differs = claims
                .iter()
                .skip(i + 1)
                .any(|b| b.field == a.field && values_differ(&a.value, &b.value));
            if differs && !fields.contains(&&*a.field) {
                fields.push(&a.field);
            }
        }
        fields.into_iter()
    }
    /// Whether the entity cites nothing.
    pub fn is_empty(&self) -> bool {
        self.citations().is_empty() && self.claims().is_empty()
    }
}

/// Whether two claimed values disagree: texts that differ, unless both are
/// dates that share a candidate day.
fn values_differ(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    match (Date::parse(a), Date::parse(b)) {
        (Ok(a), Ok(b)) => !a.possibly_same_day(&b),
        _ => true,
    }
}

impl Serialize for Provenance {
    /// Serialises as the `sources` and `claims` members of the entity (via
    /// `#[serde(flatten)]`), omitting empty ones.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        let (sources, claims) = (self.citations(), self.claims());
        if !sources.is_empty() {
            map.serialize_entry("sources", sources)?;
        }
        if !claims.is_empty() {
            map.serialize_entry("claims", claims)?;
        }
        map.end()
    }
}

/// A citation as written in a file: a key, or an object.
#[derive(Debug, Clone)]
pub(crate) enum RawCitation {
    Key(CompactString),
    Full(RawCitationObject),
}

impl<'de> Deserialize<'de> for RawCitation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Tells the two forms apart by the JSON type, without buffering.
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawCitation;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a source key or an object with \"source\", \"fields\" and \"note\"")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<RawCitation, E> {
                Ok(RawCitation::Key(CompactString::new(key)))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<RawCitation, E> {
                Ok(RawCitation::Key(CompactString::from(key)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawCitation, A::Error> {
                RawCitationObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawCitation::Full)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCitationObject {
    source: CompactString,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    fields: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

impl RawCitation {
    pub(crate) fn new(
        source: CompactString,
        fields: Vec<String>,
        note: Option<String>,
    ) -> RawCitation {
        if fields.is_empty() && note.is_none() {
            RawCitation::Key(source)
        } else {
            RawCitation::Full(RawCitationObject {
                source,
                fields,
                note,
            })
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClaim {
    field: String,
    value: String,
    #[serde(default)]
    kind: Option<ClaimKind>,
    sources: Vec<CompactString>,
    #[serde(default)]
    note: Option<String>,
}

impl RawClaim {
    /// The raw form of a claim made by a builder: the sources' keys as
    /// given, checked with the rest of the entity.
    pub(crate) fn new<S: Into<String>>(
        field: String,
        value: String,
        kind: ClaimKind,
        sources: impl IntoIterator<Item = S>,
        note: Option<String>,
    ) -> RawClaim {
        RawClaim {
            field,
            value,
            kind: Some(kind),
            sources: sources
                .into_iter()
                .map(crate::model::id::raw_text)
                .collect(),
            note,
        }
    }
}

/// The base name of a field path: `attendees` for `attendees[0].name`.
fn base_field(path: &str) -> &str {
    let end = path.find(['[', '.']).unwrap_or(path.len());
    &path[..end]
}

impl Checker<'_> {
    /// Converts citations and claims. `fields` are the entity's field names;
    /// `dates` pairs each date field with its recorded value, so a claimed
    /// date can be checked against it.
    pub(crate) fn provenance(
        &mut self,
        sources: Vec<RawCitation>,
        claims: Vec<RawClaim>,
        fields: &[&str],
        dates: &[(&str, Option<&Date>)],
    ) -> Provenance {
        // Most entities cite one source by key and claim nothing: that
        // citation is kept in place, with no list to build.
        let sources = match <[RawCitation; 1]>::try_from(sources) {
            Ok([RawCitation::Key(source)]) if claims.is_empty() => {
                let source = self.owned_key::<Source>(RefPath::item("sources", 0), source);
                let repr = source.map_or(Repr::Empty, |source| {
                    Repr::One(Citation::new(source, Box::default(), None))
                });
                return Provenance { repr };
            }
            Ok([citation]) => vec![citation],
            Err(sources) => sources,
        };
        // Lists kept by an entity are allocated at their size: one citation
        // pushed onto an empty list would take room for four.
        let mut cited: Vec<Citation> = Vec::with_capacity(sources.len());
        let mut claimed = Vec::with_capacity(claims.len());
        for (i, citation) in sources.into_iter().enumerate() {
            self.citation(i, citation, fields, &mut cited);
        }
        for (i, claim) in claims.into_iter().enumerate() {
            self.claim(i, claim, fields, dates, &mut claimed);
        }
        Provenance::new(cited, claimed)
    }

    /// Converts citation `i` onto `cited`, reporting unknown fields and a source cited twice.
    fn citation(
        &mut self,
        i: usize,
        citation: RawCitation,
        fields: &[&str],
        cited: &mut Vec<Citation>,
    ) {
        // Paths are written out only for a message.
        let path = RefPath::item("sources", i);
        let (source, field_names, note) = match citation {
            RawCitation::Key(source) => (source, Vec::new(), None),
            RawCitation::Full(o) => (o.source, o.fields, o.note),
        };
        let is_object = !field_names.is_empty() || note.is_some();
        let source_path = if is_object { path.sub("source") } else { path };
        let source = self.owned_key::<Source>(source_path, source);
        let mut kept = Vec::with_capacity(field_names.len());
        for (j, field) in field_names.into_iter().enumerate() {
            if !fields.contains(&base_field(&field)) {
                self.report(
                    Rule::ClaimMismatch,
                    format!("{path}.fields[{j}]"),
                    format!(
                        "unknown field {field:?}: expected one of {}",
                        fields.join(", ")
                    ),
                );
            } else {
                kept.push(field.into_boxed_str());
            }
        }
        let note = self.opt_text(path.sub("note"), note);
        if let (Some(source), Some(note)) = (source, note) {
            if cited.iter().any(|c| c.source == source) {
                self.report(
                    Rule::DuplicateReference,
                    source_path,
                    format!("source {:?} is cited twice", source.as_str()),
                );
            }
            cited.push(Citation::new(source, kept.into(), note));
        }
    }

    /// Converts claim `i` onto `claimed`, reporting a field the entity lacks or no source.
    fn claim(
        &mut self,
        i: usize,
        claim: RawClaim,
        fields: &[&str],
        dates: &[(&str, Option<&Date>)],
        claimed: &mut Vec<Claim>,
    ) {
        let path = RefPath::item("claims", i);
        let base = base_field(&claim.field);
        if !fields.contains(&base) {
            self.report(
                Rule::ClaimMismatch,
                path.sub("field"),
                format!(
                    "unknown field {:?}: expected one of {}",
                    claim.field,
                    fields.join(", ")
                ),
            );
        }
        if let Some((_, recorded)) = dates.iter().find(|(name, _)| *name == claim.field) {
            self.claimed_date(path, &claim, *recorded);
        }
        let value = self.text(path.sub("value"), claim.value);
        if claim.sources.is_empty() {
            self.report(
                Rule::DanglingReference,
                path.sub("sources"),
                "a claim needs at least 1 source, got 0",
            );
        }
        let sources = self.keys::<Source>(path.sub("sources"), claim.sources);
        let kind = claim.kind.unwrap_or_default();
        if kind == ClaimKind::Inferred && claim.note.is_none() {
            self.report(
                Rule::InferredWithoutNote,
                path.sub("note"),
                "an inferred claim needs a note saying what it is inferred from, got none",
            );
        }
        let note = self.opt_text(path.sub("note"), claim.note);
        if let (Some(value), Some(note)) = (value, note) {
            claimed.push(Claim {
                field: claim.field.into_boxed_str(),
                value,
                kind,
                sources: sources.into(),
                note,
            });
        }
    }

    /// Checks that a claimed date parses and does not contradict the date recorded.
    fn claimed_date(&mut self, path: RefPath, claim: &RawClaim, recorded: Option<&Date>) {
        match Date::parse(&claim.value) {
            Err(e) => self.report(Rule::InvalidDate, path.sub("value"), e.to_string()),
            Ok(claimed) => match recorded {
                None => self.report(
                    Rule::ClaimMismatch,
                    path.sub("field"),
                    format!("claims a {} of {claimed} but the entity records none", claim.field),
                ),
                Some(recorded) if !compatible(&claimed, recorded) => self.report(
                    Rule::ClaimMismatch,
                    path.sub("value"),
                    format!(
                        "claimed {} {claimed} contradicts the recorded {recorded}: they share no day",
                        claim.field
                    ),
                ),
                Some(_) => {}
            },
        }
    }
}

/// Whether a claimed date and the recorded one can name the same day.
///
/// The recorded value may be wider than a claim (the set of disputed days) or
/// narrower (a claim of "April" refined by another source to a week); it only
/// must not contradict the claim.
fn compatible(claimed: &Date, recorded: &Date) -> bool {
    recorded.possibly_same_day(claimed)
}

/// Lists the source keys an entity cites or claims, for reference checks.
pub(crate) fn cited_keys(
    p: &Provenance,
) -> impl Iterator<Item = (crate::model::check::RefPath, &Key<Source>)> {
    use crate::model::check::RefPath;
    let citations = p.citations().iter().enumerate().map(|(i, c)| {
        let path = if c.detail.is_none() {
            RefPath::item("sources", i)
        } else {
            RefPath::item("sources", i).sub("source")
        };
        (path, &c.source)
    });
    let claims = p.claims().iter().enumerate().flat_map(|(i, c)| {
        c.sources
            .iter()
            .enumerate()
            .map(move |(j, k)| (RefPath::item("claims", i).sub_item("sources", j), k))
    });
    citations.chain(claims)
}

/// The builder methods for citations and claims, shared by every entity
/// builder whose raw struct has `sources` and `claims`.
macro_rules! provenance_builder {
    () => {
        /// Cites a source, by key, for the whole entity.
        pub fn source(mut self, source: impl Into<String>) -> Self {
            self.raw
                .sources
                .push(crate::model::source::RawCitation::Key(raw_text(source)));
            self
        }

        /// Cites a source, by key, for some fields only (`["date", "place"]`).
        pub fn cite<I, F>(mut self, source: impl Into<String>, fields: I) -> Self
        where
            I: IntoIterator<Item = F>,
            F: Into<String>,
        {
            let fields = fields.into_iter().map(Into::into).collect();
            self.raw
                .sources
                .push(crate::model::source::RawCitation::new(
                    crate::model::id::raw_text(source),
                    fields,
                    None,
                ));
            self
        }

        /// Records what some sources claim about a field: a date field takes
        /// an EDTF value that the recorded date must not contradict.
        pub fn claim<I, S>(
            mut self,
            field: impl Into<String>,
            value: impl Into<String>,
            sources: I,
        ) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.raw.claims.push(crate::model::source::RawClaim::new(
                field.into(),
                value.into(),
                crate::model::source::ClaimKind::Reported,
                sources,
                None,
            ));
            self
        }

        /// Records a value of a field that no source states but the dataset
        /// infers from `sources`, with a note saying from what: such a value
        /// counts as inferred, not cited, in the provenance coverage.
        pub fn infer<I, S>(
            mut self,
            field: impl Into<String>,
            value: impl Into<String>,
            sources: I,
            note: impl Into<String>,
        ) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.raw.claims.push(crate::model::source::RawClaim::new(
                field.into(),
                value.into(),
                crate::model::source::ClaimKind::Inferred,
                sources,
                Some(note.into()),
            ));
            self
        }
    };
}
pub(crate) use provenance_builder;

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(key: &str) -> Citation {
        Citation::new(Key::new(key).expect("a key"), Box::default(), None)
    }

    fn claim(source: &str) -> Claim {
        Claim {
            field: "date".into(),
            value: "2023".into(),
            kind: ClaimKind::Reported,
            sources: Box::new([Key::new(source).expect("a key")]),
            note: None,
        }
    }

    /// A provenance of one citation is kept in place; every shape reads,
    /// compares, hashes and writes the same lists it was made of.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn every_provenance_shape_answers_for_its_lists() {
        use std::hash::{BuildHasher, RandomState};
        assert_eq!(std::mem::size_of::<Provenance>(), 32);
        let hashes = RandomState::new();
        let shapes = [
            (vec![], vec![]),
            (vec![cite("a")], vec![]),
            (vec![cite("a"), cite("b")], vec![]),
            (vec![], vec![claim("a")]),
            (vec![cite("a")], vec![claim("b")]),
        ];
        for (sources, claims) in shapes {
            let p = Provenance::new(sources.clone(), claims.clone());
            assert_eq!(
                matches!(p.repr, Repr::One(_)),
                sources.len() == 1 && claims.is_empty()
            );
            assert_eq!(p.citations(), &sources[..]);
            assert_eq!(p.claims(), &claims[..]);
            assert_eq!(p.is_empty(), sources.is_empty() && claims.is_empty());
            assert_eq!(p.source_keys().count(), sources.len() + claims.len());
            // The same lists kept boxed whole are the same provenance.
            let boxed = Provenance {
                repr: Repr::Other(Box::new(Lists {
                    sources: sources.clone().into(),
                    claims: claims.clone().into(),
                })),
            };
            assert_eq!(p, boxed);
            assert_eq!(hashes.hash_one(&p), hashes.hash_one(&boxed));
            let json = serde_json::to_value(&p).expect("writes");
            assert_eq!(json, serde_json::to_value(&boxed).expect("writes"));
            assert_eq!(json.get("sources").is_some(), !sources.is_empty());
            assert_eq!(json.get("claims").is_some(), !claims.is_empty());
        }
        let (a, b) = (
            Provenance::new(vec![cite("a")], vec![]),
            Provenance::new(vec![cite("b")], vec![]),
        );
        assert_ne!(a, b);
        assert_ne!(hashes.hash_one(&a), hashes.hash_one(&b));
        assert_ne!(
            Provenance::new(vec![cite("a")], vec![]),
            Provenance::new(vec![cite("a")], vec![claim("a")])
        );
    }

    fn claim_on(field: &str, value: &str) -> Claim {
        Claim {
            field: field.into(),
            value: value.into(),
            kind: ClaimKind::Reported,
            sources: Box::new([Key::new("a").expect("a key")]),
            note: None,
        }
    }

    /// A path covers itself and the values inside it, and nothing else.
    #[test]
    fn a_path_covers_the_values_inside_it_only() {
        assert!(path_covers("chairs", "chairs[0].title"));
        assert!(path_covers("chairs[0]", "chairs[0].name"));
        assert!(path_covers("origin", "origin.meeting"));
        assert!(path_covers("", "name"));
        assert!(path_covers("name", "name"));
        assert!(!path_covers("chair", "chairs[0].title"));
        assert!(!path_covers("chairs[1]", "chairs[10].title"));
        assert!(!path_covers("chairs[0].title", "chairs[0]"));
    }

    /// A field is disputed when two claims on it differ, and only then.
    #[test]
    fn disputed_fields_are_those_with_differing_claims() {
        let p = Provenance::new(
            vec![],
            vec![
                claim_on("date", "2023"),
                claim_on("place", "Seoul"),
                claim_on("date", "2024"),
                claim_on("name", "A"),
                claim_on("name", "A"),
                claim_on("date", "2025"),
            ],
        );
        assert_eq!(p.disputed_fields().collect::<Vec<_>>(), ["date"]);
        assert_eq!(p.claims_about("date").count(), 3);
        let agreed = Provenance::new(
            vec![],
            vec![claim_on("date", "2023"), claim_on("place", "Seoul")],
        );
        assert_eq!(agreed.disputed_fields().count(), 0);
    }
}
