//! Diagnostics: the errors and lints found in data, each with a stable
//! rule id (the table is on [`Rule`]).

use std::fmt;

use serde::Serialize;

use crate::error::Quoted;
use crate::model::id::EntityKind;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The data is accepted; something is worth checking.
    Warning,
    /// The data is rejected.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// A rule that data can break: every error and lint has one, with a
        /// stable code (`P-E…` for errors, `P-W…` for lints).
        ///
        /// An **error** means the data is rejected: no registry holds it. A **lint** is
        /// a warning: the data loads, and the user is told something worth checking.
        /// Every diagnostic names its [`Rule`] (a stable id such as `P-E009` or
        /// `P-W001`) and what was expected, with the entity kind and key, the JSON
        /// path of the field and, for a syntax error, the line and column, as far as
        /// the input lets them be known (the last table says which errors carry which).
        ///
        #[doc = include_str!("../../docs/rules.md")]
        ///
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$doc])* $name,)*
        }

        impl Rule {
            /// Every rule, errors first, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$name,)*];

            /// The stable code, such as `P-E009`.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$name => $code,)* }
            }

            /// Whether breaking the rule rejects the data or only warns.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$name => Severity::$severity,)* }
            }

            /// A one-line explanation of the rule.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$name => $summary,)* }
            }

            /// The rule with the stable code `code` (`P-W014`), if any.
            ///
            /// # Example
            ///
            /// ```
            /// use pactum::Rule;
            ///
            /// assert_eq!(Rule::from_code("P-W014"), Some(Rule::UncitedValue));
            /// assert_eq!(Rule::from_code("P-W999"), None);
            /// ```
            pub fn from_code(code: &str) -> Option<Rule> {
                match code { $($code => Some(Rule::$name),)* _ => None }
            }
        }
    };
}

rules! {
    /// The file is not well-formed JSON, or a value has the wrong type, or a field is unknown.
    Syntax = "P-E001", Error, "the file is not well-formed JSON of the expected shape (syntax, type or unknown field)";
    /// The file's format version is missing or newer than this crate reads.
    UnsupportedVersion = "P-E002", Error, "the format version is missing or newer than this version of pactum reads";
    /// A key is malformed.
    InvalidKey = "P-E003", Error, "a key is not 1-64 lowercase ascii letters, digits and single '-'";
    /// Two entities of one kind share a key.
    DuplicateKey = "P-E004", Error, "two entities of the same kind have the same key";
    /// A required text is empty or has surrounding whitespace.
    BlankText = "P-E005", Error, "a name, title or other text is empty or has leading or trailing whitespace";
    /// A value is malformed: a country code, language tag, url or number.
    InvalidValue = "P-E006", Error, "a country code, language tag, url or number is malformed or out of range";
    /// A date is not valid EDTF or names a day that does not exist.
    InvalidDate = "P-E007", Error, "a date is not valid EDTF or names a day that does not exist";
    /// A reference names no entity.
    DanglingReference = "P-E008", Error, "a reference names no entity of the expected kind";
    /// An MOU or partnership has fewer than two distinct parties, or a commitment has no owner.
    TooFewParties = "P-E009", Error, "an mou or partnership has fewer than 2 distinct parties, or a commitment has no owner";
    /// The same key is listed twice in one list.
    DuplicateReference = "P-E010", Error, "the same key is listed twice in one list";
    /// The institution hierarchy, the taxonomy or the relations between MOUs have a cycle.
    Cycle = "P-E011", Error, "the institution hierarchy, the taxonomy or the relations between mous contain a cycle";
    /// An end certainly precedes a start.
    LifecycleOrder = "P-E012", Error, "an expiry, termination or end certainly precedes the start it ends";
    /// A meeting of a partnership certainly precedes the partnership's start.
    MeetingBeforePartnership = "P-E013", Error, "a meeting certainly precedes the start of its partnership";
    /// Two sessions of a series share a number.
    DuplicateSession = "P-E014", Error, "two meetings of one series have the same session number";
    /// Session numbers of a series disagree with their dates.
    SessionOrder = "P-E015", Error, "session numbers of a series are not in the order of their dates";
    /// A session has no series, or a series belongs to two partnerships.
    SeriesMismatch = "P-E016", Error, "a session number has no series, or one series belongs to two partnerships";
    /// A claim or citation names an unknown field, or a claimed date contradicts the recorded one.
    ClaimMismatch = "P-E017", Error, "a claim or citation names an unknown field, or a claimed date contradicts the recorded date";
    /// A status date is given for an open commitment.
    StatusDate = "P-E018", Error, "an open commitment has a status date";
    /// An entity cannot be removed while others refer to it.
    StillReferenced = "P-E019", Error, "an entity cannot be removed while other entities refer to it";
    /// An edit names an entity that is not in the registry.
    NotFound = "P-E020", Error, "an edit names an entity that is not in the registry";
    /// Two datasets being merged have different versions of one entity.
    MergeConflict = "P-E021", Error, "two datasets being merged hold different versions of the same entity";
    /// A file, a text or the number of entities is over a load limit.
    TooLarge = "P-E022", Error, "a file, a text or the number of entities is over the configured load limit";
    /// A party action takes effect certainly before its own date.
    EffectiveBeforeAction = "P-E023", Error, "a party action's effective day certainly precedes its date (allowed for a succession, with a lint)";
    /// A withdrawal with no consent to be bound before it.
    WithdrawalNotBound = "P-E024", Error, "a party withdraws although no consent to be bound is listed before the withdrawal";
    /// A party's actions are listed out of the order of their dates.
    ActionOrder = "P-E025", Error, "the dates of a party's actions certainly contradict their order in the file";
    /// A party action has a field its kind does not take.
    ActionField = "P-E026", Error, "a party action has a field its kind does not take (effective on a signature, reservation or declaration; end on anything but a provisional application)";
    /// A reservation or declaration without its text.
    MissingActionText = "P-E027", Error, "a reservation or declaration has no text";
    /// A claim of kind `inferred` without a note saying from what.
    InferredWithoutNote = "P-E028", Error, "an inferred claim has no note saying what it is inferred from";
    /// A text holds a control character other than tab and line feed.
    ControlCharacter = "P-E033", Error, "a name, title or other text holds a control character other than tab or line feed";
    /// A scheduled meeting whose date has certainly passed.
    StaleScheduled = "P-W001", Warning, "a meeting is still scheduled although its date (or end) has certainly passed";
    /// A commitment past due with no outcome on record.
    OverdueCommitment = "P-W002", Warning, "a commitment is past due with no outcome on record: open, and its due date has certainly passed";
    /// A chair acting for an institution that is not a party of the partnership.
    ChairNotParty = "P-W003", Warning, "a chair's institution is neither a party of the partnership nor under one";
    /// An entity cites no source.
    NoSource = "P-W004", Warning, "an entity cites no source";
    /// An agreement covers no technology area.
    NoTechArea = "P-W005", Warning, "an mou or partnership names no technology area";
    /// An MOU enters into force, expires or is terminated before it is signed.
    RetroactiveEntry = "P-W006", Warning, "an mou enters into force, expires or is terminated before it is signed (applied retroactively)";
    /// Sources disagree about a field.
    DisputedClaim = "P-W007", Warning, "sources disagree about a field; every claim is kept";
    /// A meeting declares more agreements signed than the dataset lists.
    UnlistedAgreements = "P-W008", Warning, "a meeting declares more agreements signed than the dataset lists";
    /// A succession takes effect before it was notified.
    SuccessionBeforeNotification = "P-W009", Warning, "a succession takes effect before its notification (allowed: succession is often retroactive)";
    /// A ratification (or acceptance, approval, formal confirmation) with no signature before it.
    ConsentWithoutSignature = "P-W010", Warning, "a ratification, acceptance, approval or formal confirmation has no earlier signature on record";
    /// The agreement's signature date agrees with no party's signature.
    UnsupportedSigned = "P-W011", Warning, "an agreement's signed date agrees with no party's signature, although some party has a signature action";
    /// A signatory with no entry in `parties`.
    SignatoryWithoutEntry = "P-W012", Warning, "a signatory has no entry in the agreement's parties: it counts as a signatory, not bound";
    /// Consent actions but no entry into force.
    NotInForceOnRecord = "P-W013", Warning, "an agreement has consent actions but no entry into force: it is not in force on record";
    /// A filled value that no citation supports and no claim marks inferred
    /// (off by default: turn it on with a [`LintSelection`](crate::LintSelection)).
    UncitedValue = "P-W014", Warning, "a filled value of an entity is supported by no citation and marked inferred by no claim (off by default)";
    /// An institution of a former state acts after it ceased to exist.
    ActsAfterDissolution = "P-W015", Warning, "an institution of a former state acts after the state was dissolved, or after its own successor took over";
    /// A citation or claim names a path inside a field (`chairs[3].title`) at which the entity holds no value.
    UnknownProvenancePath = "P-W016", Warning, "a citation or claim names a path inside a field at which the entity holds no value";
}

impl Rule {
    /// Whether a lint is reported unless a [`LintSelection`](crate::LintSelection)
    /// says otherwise. Every rule is, except `P-W014` (uncited values), which
    /// a dataset under construction breaks on nearly every entity: it is
    /// asked for, as by `validate --rule P-W014`. Errors are always reported.
    pub fn is_on_by_default(self) -> bool {
        !matches!(self, Rule::UncitedValue)
    }
}

impl std::str::FromStr for Rule {
    type Err = crate::error::ValueError;

    /// Parses a stable code such as `P-W014`.
    fn from_str(code: &str) -> Result<Rule, Self::Err> {
        Rule::from_code(code).ok_or_else(|| {
            crate::error::ValueError::new(
                crate::error::ValueKind::Rule,
                code,
                "a rule code such as P-E009 or P-W014",
            )
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One problem or warning found in data.
///
/// Its [`Display`](fmt::Display) is one line: the entity, the JSON path and
/// what was expected, lowercase and without a trailing period:
/// `mou "kr-us-bridg": mous[3].signatories: need at least 2 distinct institutions, got 1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    rule: Rule,
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<EntityKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    path: String,
    message: String,
}

impl Diagnostic {
    /// A diagnostic about `entity` (with `key`, when it has a readable one) at
    /// `path` (a JSON path, relative to the entity until the loader prefixes it).
    pub(crate) fn new(
        rule: Rule,
        entity: Option<EntityKind>,
        key: Option<&str>,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity(),
            entity,
            key: key.map(str::to_owned),
            path: path.into(),
            message: message.into(),
        }
    }

    /// Puts `prefix` (such as `meetings[4]`) in front of the path.
    pub(crate) fn at(mut self, prefix: &str) -> Diagnostic {
        self.path = if self.path.is_empty() {
            prefix.to_owned()
        } else if self.path.starts_with('[') {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }

    /// The same diagnostic at `path` instead.
    pub(crate) fn with_path(mut self, path: String) -> Diagnostic {
        self.path = path;
        self
    }

    /// The rule broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// Error (the data is rejected) or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The kind of entity concerned, if any (a syntax error has none).
    pub fn entity(&self) -> Option<EntityKind> {
        self.entity
    }

    /// The key of the entity concerned, when it is known.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }

    /// The JSON path of the offending value: `meetings[4].chairs[0].institution`
    /// for a loaded file, or the path inside the entity (`chairs[0].institution`)
    /// for an entity built in code.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong and what was expected.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.entity, &self.key) {
            // Escaped: a malformed key may hold anything, and a look-alike
            // of an ascii letter must not read as a valid key.
            (Some(kind), Some(key)) => write!(f, "{kind} {}: ", Quoted(key))?,
            (Some(kind), None) => write!(f, "{kind}: ")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Data that breaks one or more invariants: an entity built in code, an edit
/// of a registry, or a dataset. Holds every problem found, not just the first.
///
/// Its [`Display`](fmt::Display) shows the first problem and how many more
/// there are; [`diagnostics`](ValidationError::diagnostics) lists them all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.diagnostics))]
pub struct ValidationError {
    diagnostics: Vec<Diagnostic>,
}

impl ValidationError {
    /// Wraps a non-empty list of error diagnostics.
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> ValidationError {
        ValidationError { diagnostics }
    }

    /// Every problem found, in the order of the data.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Every problem found, by value.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// The first problem and how many more there are.
fn summary(diagnostics: &[Diagnostic]) -> String {
    match diagnostics.split_first() {
        None => "invalid data".to_owned(),
        Some((first, [])) => first.to_string(),
        Some((first, rest)) => format!("{first} (and {} more)", rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_codes_are_unique_and_match_their_severity() {
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        for rule in Rule::ALL {
            let expected = match rule.severity() {
                Severity::Error => "P-E",
                Severity::Warning => "P-W",
            };
            assert!(rule.code().starts_with(expected), "{rule:?}");
        }
    }

    #[test]
    fn the_documented_rule_table_lists_every_rule() {
        let table = include_str!("../../docs/rules.md");
        for rule in Rule::ALL {
            let row = format!(
                "| `{}` | {} | {} |",
                rule.code(),
                rule.severity(),
                rule.summary()
            );
            assert!(table.contains(&row), "missing row: {row}");
        }
        // The rows of the rule table; the table of what errors name follows.
        let rows = table
            .lines()
            .filter(|l| l.contains("` | error | ") || l.contains("` | warning | "))
            .count();
        assert_eq!(rows, Rule::ALL.len());
    }

    #[test]
    fn a_key_that_is_not_printable_ascii_is_shown_escaped() {
        let shown = |key: &str| {
            Diagnostic::new(
                Rule::InvalidKey,
                Some(EntityKind::Institution),
                Some(key),
                "key",
                "bad",
            )
            .to_string()
        };
        assert_eq!(
            shown("\u{212a}r-msit"),
            r#"institution "\u{212a}r-msit": key: bad"#
        );
        assert_eq!(shown("kr\u{0}1"), r#"institution "kr\u{0}1": key: bad"#);
        let d = Diagnostic::new(Rule::InvalidKey, None, Some("\u{212a}"), "", "bad");
        assert_eq!(
            d.key(),
            Some("\u{212a}"),
            "the key itself is kept as written"
        );
    }

    #[test]
    fn a_diagnostic_reads_entity_key_path_then_message() {
        let d = Diagnostic::new(
            Rule::TooFewParties,
            Some(EntityKind::Mou),
            Some("kr-us-bridg"),
            "signatories",
            "need at least 2 distinct institutions, got 1",
        )
        .at("mous[3]");
        assert_eq!(
            d.to_string(),
            r#"mou "kr-us-bridg": mous[3].signatories: need at least 2 distinct institutions, got 1"#
        );
        assert_eq!(d.path(), "mous[3].signatories");
    }
}
