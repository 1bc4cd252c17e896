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

use std::collections::HashSet;
use std::fmt::Display;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer};

use crate::country::{Country, Language};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
use crate::id::{Entity, EntityKind, Key};
use crate::meeting::Meeting;
use crate::registry::{Cycles, Registry};
use crate::source::cited_keys;

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

/// The plain parsed form of an entity, before validation.
pub(crate) trait Raw {
    type Entity: Entity;
    fn key_text(&self) -> &str;
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
        // enough to read; a malformed key is reported on its own.
        let key =
            (!key_text.is_empty() && key_text.len() <= crate::id::MAX_KEY_LEN).then_some(key_text);
        let start = out.len();
        Checker {
            kind,
            key,
            out,
            start,
            max_text: crate::io::Limits::DEFAULT_MAX_TEXT_BYTES,
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
    pub(crate) fn at_least_two(&mut self, path: impl Display, texts: &[CompactString]) {
        // Two distinct texts: one that differs from the first.
        if texts
            .split_first()
            .is_some_and(|(first, rest)| rest.iter().any(|t| t != first))
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

/// Where a reference sits in its entity, formatted only when a message
/// needs it: `field`, `field[i]`, `field[i].sub` or `field[i].sub[j]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RefPath {
    field: &'static str,
    index: Option<usize>,
    sub: Option<&'static str>,
    sub_index: Option<usize>,
}

impl RefPath {
    pub(crate) const fn field(field: &'static str) -> RefPath {
        RefPath {
            field,
            index: None,
            sub: None,
            sub_index: None,
        }
    }

    pub(crate) const fn item(field: &'static str, index: usize) -> RefPath {
        RefPath {
            field,
            index: Some(index),
            sub: None,
            sub_index: None,
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
}

impl std::fmt::Display for RefPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

/// One reference from an entity to another: the field path and the target.
struct Ref<'a> {
    path: RefPath,
    kind: EntityKind,
    key: &'a str,
}

/// Calls `f` with every reference an entity holds.
fn each_ref<'a, E: Entity + Refs>(e: &'a E, mut f: impl FnMut(Ref<'a>)) {
    e.refs(&mut |path, kind, key| f(Ref { path, kind, key }));
    for (path, key) in cited_keys(e.provenance()) {
        f(Ref {
            path,
            kind: EntityKind::Source,
            key: key.as_str(),
        });
    }
}

/// The references an entity kind holds, besides its citations.
pub(crate) trait Refs {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str));
    fn provenance(&self) -> &crate::source::Provenance;
}

fn list<'a, T>(
    f: &mut dyn FnMut(RefPath, EntityKind, &'a str),
    field: &'static str,
    kind: EntityKind,
    keys: &'a [Key<T>],
) {
    for (i, k) in keys.iter().enumerate() {
        f(RefPath::item(field, i), kind, k.as_str());
    }
}

fn officials<'a>(
    f: &mut dyn FnMut(RefPath, EntityKind, &'a str),
    field: &'static str,
    os: &'a [crate::official::Official],
) {
    for (i, o) in os.iter().enumerate() {
        if let Some(k) = o.institution() {
            f(
                RefPath::item(field, i).sub("institution"),
                EntityKind::Institution,
                k.as_str(),
            );
        }
    }
}

impl Refs for crate::source::Source {
    fn refs<'a>(&'a self, _: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {}
    fn provenance(&self) -> &crate::source::Provenance {
        static EMPTY: std::sync::OnceLock<crate::source::Provenance> = std::sync::OnceLock::new();
        EMPTY.get_or_init(Default::default)
    }
}
impl Refs for crate::taxonomy::TechArea {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "parents", EntityKind::TechArea, self.parents());
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::institution::Institution {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        if let Some(p) = self.parent() {
            f(
                RefPath::field("parent"),
                EntityKind::Institution,
                p.as_str(),
            );
        }
        for (i, s) in self.predecessors().iter().enumerate() {
            f(
                RefPath::item("predecessors", i).sub("institution"),
                EntityKind::Institution,
                s.institution().as_str(),
            );
        }
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::partnership::Partnership {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "parties", EntityKind::Institution, self.parties());
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}
impl Refs for Meeting {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        if let Some(p) = self.partnership() {
            f(
                RefPath::field("partnership"),
                EntityKind::Partnership,
                p.as_str(),
            );
        }
        list(f, "organizers", EntityKind::Institution, self.organizers());
        officials(f, "chairs", self.chairs());
        officials(f, "attendees", self.attendees());
        list(
            f,
            "participants",
            EntityKind::Institution,
            self.participants(),
        );
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::mou::Mou {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(
            f,
            "signatories",
            EntityKind::Institution,
            self.signatories(),
        );
        if let Some(p) = self.partnership() {
            f(
                RefPath::field("partnership"),
                EntityKind::Partnership,
                p.as_str(),
            );
        }
        if let Some(m) = self.meeting() {
            f(RefPath::field("meeting"), EntityKind::Meeting, m.as_str());
        }
        officials(f, "signed_by", self.signed_by());
        for (i, r) in self.relations().iter().enumerate() {
            f(
                RefPath::item("relations", i).sub("mou"),
                EntityKind::Mou,
                r.mou().as_str(),
            );
        }
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}
impl Refs for crate::commitment::Commitment {
    fn refs<'a>(&'a self, f: &mut dyn FnMut(RefPath, EntityKind, &'a str)) {
        list(f, "owners", EntityKind::Institution, self.owners());
        match self.origin() {
            crate::commitment::Origin::Meeting(m) => f(
                RefPath::field("origin").sub("meeting"),
                EntityKind::Meeting,
                m.as_str(),
            ),
            crate::commitment::Origin::Mou(m) => f(
                RefPath::field("origin").sub("mou"),
                EntityKind::Mou,
                m.as_str(),
            ),
        }
        list(f, "tech_areas", EntityKind::TechArea, self.tech_areas());
    }
    fn provenance(&self) -> &crate::source::Provenance {
        self.provenance()
    }
}

fn exists(reg: &Registry, kind: EntityKind, key: &str) -> bool {
    use crate::*;
    match kind {
        EntityKind::Source => reg.contains_key::<Source>(key),
        EntityKind::TechArea => reg.contains_key::<TechArea>(key),
        EntityKind::Institution => reg.contains_key::<Institution>(key),
        EntityKind::Partnership => reg.contains_key::<Partnership>(key),
        EntityKind::Meeting => reg.contains_key::<Meeting>(key),
        EntityKind::Mou => reg.contains_key::<Mou>(key),
        EntityKind::Commitment => reg.contains_key::<Commitment>(key),
    }
}

fn suggest<'r>(reg: &'r Registry, kind: EntityKind, key: &str) -> Option<&'r str> {
    use crate::*;
    match kind {
        EntityKind::Source => reg.suggest::<Source>(key),
        EntityKind::TechArea => reg.suggest::<TechArea>(key),
        EntityKind::Institution => reg.suggest::<Institution>(key),
        EntityKind::Partnership => reg.suggest::<Partnership>(key),
        EntityKind::Meeting => reg.suggest::<Meeting>(key),
        EntityKind::Mou => reg.suggest::<Mou>(key),
        EntityKind::Commitment => reg.suggest::<Commitment>(key),
    }
}

/// Every entity that refers to the entity of `kind` with `key`: (referrer's
/// kind, referrer's key, path).
pub(crate) fn referrers(
    reg: &Registry,
    kind: EntityKind,
    key: &str,
) -> Vec<(EntityKind, String, String)> {
    fn scan<E: crate::registry::Stored + Refs>(
        reg: &Registry,
        kind: EntityKind,
        key: &str,
        out: &mut Vec<(EntityKind, String, String)>,
    ) {
        for e in reg.all::<E>() {
            each_ref(e, |r| {
                if r.kind == kind && r.key == key {
                    out.push((E::KIND, e.key().as_str().to_owned(), r.path.to_string()));
                }
            });
        }
    }
    let mut out = Vec::new();
    scan::<crate::taxonomy::TechArea>(reg, kind, key, &mut out);
    scan::<crate::institution::Institution>(reg, kind, key, &mut out);
    scan::<crate::partnership::Partnership>(reg, kind, key, &mut out);
    scan::<Meeting>(reg, kind, key, &mut out);
    scan::<crate::mou::Mou>(reg, kind, key, &mut out);
    scan::<crate::commitment::Commitment>(reg, kind, key, &mut out);
    out
}

/// The problem of an entity whose key another entity of its kind already
/// has: one message for loads, quarantine loads and inserts.
pub(crate) fn duplicate_key(kind: EntityKind, key: &str) -> Diagnostic {
    let hint = if kind == EntityKind::TechArea {
        " (a dataset area cannot reuse a built-in key)"
    } else {
        ""
    };
    Diagnostic::new(
        Rule::DuplicateKey,
        Some(kind),
        Some(key),
        "key",
        format!("another {kind} already has this key{hint}"),
    )
}

/// A reference from one entity to another that is in `targets`.
pub(crate) struct Hit {
    pub(crate) from_kind: EntityKind,
    pub(crate) from_key: String,
    pub(crate) path: String,
    pub(crate) to_kind: EntityKind,
    pub(crate) to_key: String,
}

/// Every reference, in the whole registry, to an entity in `targets`: one
/// pass over all references, however many targets there are.
pub(crate) fn references_to(reg: &Registry, targets: &HashSet<(EntityKind, String)>) -> Vec<Hit> {
    fn scan<E: crate::registry::Stored + Refs>(
        reg: &Registry,
        targets: &HashSet<(EntityKind, String)>,
        out: &mut Vec<Hit>,
    ) {
        for e in reg.all::<E>() {
            each_ref(e, |r| {
                if targets.contains(&(r.kind, r.key.to_owned())) {
                    out.push(Hit {
                        from_kind: E::KIND,
                        from_key: e.key().as_str().to_owned(),
                        path: r.path.to_string(),
                        to_kind: r.kind,
                        to_key: r.key.to_owned(),
                    });
                }
            });
        }
    }
    let mut out = Vec::new();
    if targets.is_empty() {
        return out;
    }
    scan::<crate::taxonomy::TechArea>(reg, targets, &mut out);
    scan::<crate::institution::Institution>(reg, targets, &mut out);
    scan::<crate::partnership::Partnership>(reg, targets, &mut out);
    scan::<Meeting>(reg, targets, &mut out);
    scan::<crate::mou::Mou>(reg, targets, &mut out);
    scan::<crate::commitment::Commitment>(reg, targets, &mut out);
    out
}

/// Where an entity sits in a file, as a path prefix (`meetings[4]`).
pub(crate) type Locate<'l> = dyn Fn(EntityKind, usize) -> String + Sync + 'l;

/// The registry-level invariants: every check that involves more than one
/// entity, limited by `scope` to what an edit can break.
pub(crate) fn check_registry(
    reg: &Registry,
    scope: Scope<'_>,
    locate: &Locate<'_>,
) -> Vec<Diagnostic> {
    check_registry_except(reg, scope, locate, &HashSet::new(), 1)
}

/// As [`check_registry`], without reporting references to `invalid` keys
/// (entities that failed their own checks during a load), resolving the
/// references of a whole registry on up to `threads` threads.
pub(crate) fn check_registry_except(
    reg: &Registry,
    scope: Scope<'_>,
    locate: &Locate<'_>,
    invalid: &HashSet<(EntityKind, String)>,
    threads: usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut v = RegistryChecker {
        reg,
        out: &mut out,
        locate,
        invalid,
    };
    v.run(scope, threads);
    out
}

/// What a registry check covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'s> {
    /// Every entity (a load).
    All,
    /// The entities of one kind with these handles, and what depends on them.
    Entities(EntityKind, &'s [usize]),
}

struct RegistryChecker<'r, 'o> {
    reg: &'r Registry,
    out: &'o mut Vec<Diagnostic>,
    locate: &'o Locate<'o>,
    invalid: &'o HashSet<(EntityKind, String)>,
}

impl RegistryChecker<'_, '_> {
    fn report<E: Entity>(
        &mut self,
        entity: &E,
        handle: usize,
        rule: Rule,
        path: &str,
        message: String,
    ) {
        let prefix = (self.locate)(E::KIND, handle);
        let d = Diagnostic::new(
            rule,
            Some(E::KIND),
            Some(entity.key().as_str()),
            path,
            message,
        );
        self.out
            .push(if prefix.is_empty() { d } else { d.at(&prefix) });
    }

    fn handles(&self, scope: Scope<'_>, kind: EntityKind, n: usize) -> Vec<usize> {
        match scope {
            Scope::All => (0..n).collect(),
            Scope::Entities(k, hs) if k == kind => hs.to_vec(),
            Scope::Entities(..) => Vec::new(),
        }
    }

    /// Resolves the references of the entities in `scope`. A whole
    /// registry is resolved on `threads` threads, each taking an equal run
    /// of each kind's handles; the diagnostics come out in the order one
    /// thread would give.
    fn resolve_in_parts(&mut self, scope: Scope<'_>, threads: usize) {
        use crate::*;
        let threads = match scope {
            Scope::All => threads.max(1),
            Scope::Entities(..) => 1,
        };
        fn kind<E: crate::registry::Stored + Refs>(
            c: &RegistryChecker<'_, '_>,
            scope: Scope<'_>,
            part: usize,
            parts: usize,
        ) -> Vec<Diagnostic> {
            let n = c.reg.all::<E>().len();
            let mut out = Vec::new();
            let mut checker = RegistryChecker {
                reg: c.reg,
                out: &mut out,
                locate: c.locate,
                invalid: c.invalid,
            };
            match scope {
                Scope::All => checker.resolve::<E>(n * part / parts..n * (part + 1) / parts),
                // The entities of an edit are one part.
                Scope::Entities(..) => checker.resolve::<E>(c.handles(scope, E::KIND, n)),
            }
            out
        }
        let this = &*self;
        let part = |p: usize| {
            [
                kind::<TechArea>(this, scope, p, threads),
                kind::<Institution>(this, scope, p, threads),
                kind::<Partnership>(this, scope, p, threads),
                kind::<Meeting>(this, scope, p, threads),
                kind::<Mou>(this, scope, p, threads),
                kind::<Commitment>(this, scope, p, threads),
            ]
        };
        let mut parts = crate::threads::in_parts(threads, "pactum-check", part);
        for k in 0..6 {
            for part in &mut parts {
                if let Some(out) = part.get_mut(k) {
                    self.out.append(out);
                }
            }
        }
    }

    /// Resolves the references of the entities of `E` with these handles.
    fn resolve<E: crate::registry::Stored + Refs>(
        &mut self,
        handles: impl IntoIterator<Item = usize>,
    ) {
        let reg = self.reg;
        for h in handles {
            let Some(e) = reg.all::<E>().get(h) else {
                continue;
            };
            // Only unresolved references are kept (no allocation otherwise).
            let mut dangling = Vec::new();
            each_ref(e, |r| {
                if !exists(reg, r.kind, r.key) {
                    dangling.push(r);
                }
            });
            for r in dangling {
                if self.invalid.contains(&(r.kind, r.key.to_owned())) {
                    continue;
                }
                let hint = suggest(reg, r.kind, r.key)
                    .map(|s| format!("; did you mean {s:?}?"))
                    .unwrap_or_default();
                self.report(
                    e,
                    h,
                    Rule::DanglingReference,
                    &r.path.to_string(),
                    format!("unknown {} {:?}{hint}", r.kind, r.key),
                );
            }
        }
    }

    fn run(&mut self, scope: Scope<'_>, threads: usize) {
        use crate::*;
        let reg = self.reg;
        self.resolve_in_parts(scope, threads);

        // A load finds the entities on a cycle for all at once, and names
        // one cycle a component (see `Cycles`): a search from every entity
        // would take time in the square of the length of a long chain or
        // cycle. An edit searches from each entity it touches.
        let on = |cycles: fn(&Registry) -> Cycles| match scope {
            Scope::All => Some(cycles(reg)),
            Scope::Entities(..) => None,
        };
        let mut areas = on(Registry::area_cycles);
        for h in self.handles(scope, EntityKind::TechArea, reg.tech_areas().len()) {
            if let (Some(area), Some(cycle)) =
                (reg.tech_areas().get(h), reg.area_cycle(h, areas.as_mut()))
            {
                self.report(
                    area,
                    h,
                    Rule::Cycle,
                    "parents",
                    format!("the taxonomy has a cycle: {cycle}"),
                );
            }
        }
        drop(areas);
        let (mut hierarchy, mut successions) = (
            on(Registry::institution_cycles),
            on(Registry::succession_cycles),
        );
        for h in self.handles(scope, EntityKind::Institution, reg.institutions().len()) {
            let Some(inst) = reg.institutions().get(h) else {
                continue;
            };
            if let Some(cycle) = reg.institution_cycle(h, hierarchy.as_mut()) {
                self.report(
                    inst,
                    h,
                    Rule::Cycle,
                    "parent",
                    format!("the institution hierarchy has a cycle: {cycle}"),
                );
            }
            if let Some(cycle) = reg.succession_cycle(h, successions.as_mut()) {
                self.report(
                    inst,
                    h,
                    Rule::Cycle,
                    "predecessors",
                    format!("the successions between institutions have a cycle: {cycle}"),
                );
            }
        }
        drop((hierarchy, successions));
        let mut relations = on(Registry::relation_cycles);
        for h in self.handles(scope, EntityKind::Mou, reg.mous().len()) {
            if let (Some(mou), Some(cycle)) =
                (reg.mous().get(h), reg.relation_cycle(h, relations.as_mut()))
            {
                self.report(
                    mou,
                    h,
                    Rule::Cycle,
                    "relations",
                    format!("the relations between mous have a cycle: {cycle}"),
                );
            }
        }
        drop(relations);

        let mut meetings = self.handles(scope, EntityKind::Meeting, reg.meetings().len());
        // An edited partnership can break the start order of its meetings.
        for h in self.handles(scope, EntityKind::Partnership, reg.partnerships().len()) {
            if let (Scope::Entities(..), Some(p)) = (scope, reg.partnerships().get(h)) {
                meetings.extend(reg.meeting_handles_of(p.key()));
            }
        }
        // Series in first-seen order (for a stable report), without repeats,
        // numbered in that order.
        let mut series_seen: Vec<&str> = Vec::new();
        let mut numbers: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
        // A load checks every series: the number of each meeting's series
        // (or none) lets one pass gather the meetings of every series,
        // rather than a scan of all meetings for each.
        let mut series_of: Vec<u32> = Vec::new();
        for &h in &meetings {
            let Some(m) = reg.meetings().get(h) else {
                continue;
            };
            let start = m
                .partnership()
                .and_then(|p| reg.partnership(p.as_str()))
                .and_then(|p| p.established().map(|d| (p, d)));
            if let Some((p, start)) = start {
                if m.date().latest_day_number() < start.earliest_day_number() {
                    self.report(
                        m,
                        h,
                        Rule::MeetingBeforePartnership,
                        "date",
                        format!(
                            "meeting on {} certainly precedes the start of partnership {:?} on {start}",
                            m.date(),
                            p.key().as_str()
                        ),
                    );
                }
            }
            let number = m.series().map_or(NO_SERIES, |series| {
                let series = series.as_str();
                *numbers.entry(series).or_insert_with(|| {
                    series_seen.push(series);
                    u32::try_from(series_seen.len() - 1).unwrap_or(NO_SERIES)
                })
            });
            if let Scope::All = scope {
                series_of.push(number);
            }
        }
        drop(numbers);
        let gathered = (!series_of.is_empty()).then(|| Gathered::of(&series_of, series_seen.len()));
        drop(series_of);
        let mut members: Vec<(usize, &Meeting)> = Vec::new();
        for (i, series) in series_seen.into_iter().enumerate() {
            members.clear();
            let with_meeting = |h: usize| reg.meetings().get(h).map(|m| (h, m));
            match &gathered {
                Some(gathered) => members.extend(gathered.members(i).filter_map(with_meeting)),
                None => members.extend(
                    reg.meeting_handles_in_series(series)
                        .filter_map(with_meeting),
                ),
            }
            self.check_series(series, &mut members);
        }
    }

    /// Session numbers unique and ordered like dates; one partnership per
    /// series. `members` are the series' meetings with their handles, in
    /// any order (they are sorted here).
    fn check_series(&mut self, series: &str, members: &mut Vec<(usize, &Meeting)>) {
        // One partnership per series: the first meeting (by key) that names one sets it.
        let mut owner: Option<(&Key<crate::partnership::Partnership>, &Meeting)> = None;
        members.sort_by(|a, b| a.1.key().cmp(b.1.key()));
        for &(h, m) in members.iter() {
            if let Some(p) = m.partnership() {
                match owner {
                    None => owner = Some((p, m)),
                    Some((q, first)) if q != p => self.report(
                        m,
                        h,
                        Rule::SeriesMismatch,
                        "series",
                        format!(
                            "series {series:?} belongs to partnership {:?} (meeting {:?}), not {:?}",
                            q.as_str(),
                            first.key().as_str(),
                            p.as_str()
                        ),
                    ),
                    Some(_) => {}
                }
            }
        }
        // The numbered sessions by number, and by key within a number (the
        // sort is stable).
        members.retain(|(_, m)| m.session().is_some());
        members.sort_by_key(|(_, m)| m.session());
        // The first meeting of the current number, where the meetings of
        // that number start, and the meeting that starts latest among those
        // of lower numbers (the last of them on a tie), with its number.
        let mut first: Option<(&Meeting, u32)> = None;
        let mut run = 0;
        let mut earlier: Option<(&Meeting, u32)> = None;
        for (i, &(h, m)) in members.iter().enumerate() {
            let Some(s) = m.session() else {
                continue;
            };
            match first {
                Some((f, number)) if number == s => {
                    self.report(
                        m,
                        h,
                        Rule::DuplicateSession,
                        "session",
                        format!(
                            "session {s} of series {series:?} is already meeting {:?}",
                            f.key().as_str()
                        ),
                    );
                }
                _ => {
                    // A new number: the meetings of the last one are now of
                    // a lower number.
                    for &(_, e) in members.get(run..i).unwrap_or_default() {
                        let later = earlier.map_or(true, |(b, _)| {
                            e.date().earliest_day_number() >= b.date().earliest_day_number()
                        });
                        if let (true, Some(t)) = (later, e.session()) {
                            earlier = Some((e, t));
                        }
                    }
                    first = Some((m, s));
                    run = i;
                }
            }
            // Dates must agree with numbers: a later session cannot
            // certainly precede an earlier one. Comparing each session with
            // the latest possible start of all earlier sessions finds every
            // violation.
            if let Some((e, t)) = earlier {
                if m.date().latest_day_number() < e.date().earliest_day_number() {
                    self.report(
                        m,
                        h,
                        Rule::SessionOrder,
                        "session",
                        format!(
                            "session {s} on {} certainly precedes session {t} ({:?}) on {}",
                            m.date(),
                            e.key().as_str(),
                            e.date()
                        ),
                    );
                }
            }
        }
    }
}

/// The number a meeting with no series has in a gathering by series.
const NO_SERIES: u32 = u32::MAX;

/// The handles of the meetings of each series, gathered in one pass: those
/// of series `i` are `handles[starts[i]..starts[i + 1]]`, in handle order.
struct Gathered {
    handles: Vec<u32>,
    starts: Vec<u32>,
}

impl Gathered {
    /// Gathers the meetings by `series_of[h]`, the number of the series of
    /// the meeting at handle `h` (below `count`, or [`NO_SERIES`]).
    fn of(series_of: &[u32], count: usize) -> Gathered {
        let mut starts = vec![0u32; count + 1];
        for &number in series_of {
            if let Some(n) = starts.get_mut(number as usize + 1) {
                *n += 1;
            }
        }
        let mut sum = 0;
        for start in &mut starts {
            sum += *start;
            *start = sum;
        }
        let mut next = starts.clone();
        let mut handles = vec![0u32; sum as usize];
        for (h, &number) in series_of.iter().enumerate() {
            if let Some(at) = next.get_mut(number as usize) {
                if let Some(slot) = handles.get_mut(*at as usize) {
                    *slot = u32::try_from(h).unwrap_or(u32::MAX);
                }
                *at += 1;
            }
        }
        Gathered { handles, starts }
    }

    /// The handles of the meetings of series `i`.
    fn members(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.starts.get(i).copied().unwrap_or_default() as usize;
        let to = self.starts.get(i + 1).copied().unwrap_or_default() as usize;
        self.handles
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|&h| h as usize)
    }
}

/// Finds a cycle in a parent relation, starting from `start`: `parents(h)`
/// lists the handles of the parents of `h`. Returns the cycle's handles in
/// link order, from `start`, when `start` lies on one.
pub(crate) fn cycle_through<F>(start: usize, parents: F) -> Option<Vec<usize>>
where
    F: Fn(usize) -> Vec<usize>,
{
    // Depth-first search for a path from `start` back to itself; iterative so
    // a deep hierarchy cannot overflow the stack.
    let first = parents(start);
    if first.is_empty() {
        return None;
    }
    let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, first)];
    let mut visited: foldhash::HashSet<usize> = foldhash::HashSet::default();
    while let Some((_, pending)) = stack.last_mut() {
        match pending.pop() {
            None => {
                stack.pop();
            }
            Some(next) if next == start => {
                return Some(stack.iter().map(|(h, _)| *h).collect());
            }
            Some(next) => {
                if visited.insert(next) {
                    let ps = parents(next);
                    stack.push((next, ps));
                }
            }
        }
    }
    None
}

/// The cycle `path` (handles in link order) named from its entity at
/// `from` round to it again, `a -> b -> a`; past a dozen entities, the
/// first eight, how many are left out, and the last.
pub(crate) fn cycle_text(path: &[usize], from: usize, key: impl Fn(usize) -> String) -> String {
    const SHOWN: usize = 8;
    let n = path.len();
    let at = |i: usize| {
        path.get((from + i) % n.max(1))
            .map_or_else(String::new, |&h| key(h))
    };
    let mut names: Vec<String> = if n <= SHOWN + 4 {
        (0..n).map(at).collect()
    } else {
        let mut names: Vec<String> = (0..SHOWN).map(at).collect();
        names.push(format!("({} more)", n - SHOWN - 1));
        names.push(at(n - 1));
        names
    };
    names.push(at(0));
    names.join(" -> ")
}

/// Connects a raw struct to its entity: the [`Raw`] impl, and the
/// `Deserialize` of the entity through the same checks as its builder.
macro_rules! raw_entity {
    ($raw:ty, $entity:ident) => {
        impl crate::validate::Raw for $raw {
            type Entity = $entity;
            fn key_text(&self) -> &str {
                &self.key
            }
        }

        impl TryFrom<$raw> for $entity {
            type Error = crate::diagnostic::ValidationError;
            fn try_from(raw: $raw) -> Result<Self, Self::Error> {
                crate::validate::build(raw, $entity::from_raw)
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

    /// A cycle is named round from any of its entities; past a dozen, the
    /// first eight, how many are left out and the last.
    #[test]
    fn cycles_are_named_round_and_cut_short_when_long() {
        let key = |h: usize| format!("k{h}");
        assert_eq!(cycle_text(&[4], 0, key), "k4 -> k4");
        assert_eq!(cycle_text(&[1, 2, 3], 0, key), "k1 -> k2 -> k3 -> k1");
        assert_eq!(cycle_text(&[1, 2, 3], 2, key), "k3 -> k1 -> k2 -> k3");
        let twelve: Vec<usize> = (0..12).collect();
        assert_eq!(
            cycle_text(&twelve, 0, key),
            "k0 -> k1 -> k2 -> k3 -> k4 -> k5 -> k6 -> k7 -> k8 -> k9 -> k10 -> k11 -> k0"
        );
        let thirteen: Vec<usize> = (0..13).collect();
        assert_eq!(
            cycle_text(&thirteen, 5, key),
            "k5 -> k6 -> k7 -> k8 -> k9 -> k10 -> k11 -> k12 -> (4 more) -> k4 -> k5"
        );
        assert_eq!(cycle_text(&[], 0, key), "");
    }
    use crate::mou::{Mou, RawMou};

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
        use crate::source::Source;
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
    fn a_scoped_registry_check_looks_only_at_entities_of_the_edited_kind() {
        use crate::{Institution, InstitutionKind};
        let mut reg = Registry::new();
        let orphan = Institution::builder("kr-x", "X", InstitutionKind::Agency, "KR")
            .parent("kr-gone")
            .build()
            .expect("valid on its own");
        assert_eq!(reg.push_unchecked(orphan).ok(), Some(0));
        let rules_in = |kind| -> Vec<Rule> {
            check_registry(&reg, Scope::Entities(kind, &[0]), &|_, _| String::new())
                .iter()
                .map(Diagnostic::rule)
                .collect()
        };
        assert_eq!(rules_in(EntityKind::Institution), [Rule::DanglingReference]);
        for other in [
            EntityKind::Meeting,
            EntityKind::Mou,
            EntityKind::Partnership,
        ] {
            assert_eq!(rules_in(other), [], "{other}");
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
