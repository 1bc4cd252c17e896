//! Parties and their actions: who signed, ratified, acceded, withdrew and
//! rejoined an agreement, each on a day of its own, and the status that
//! follows on a day.
//!
//! A bilateral MOU is signed by both sides at once and its `signatories`
//! say all. A multilateral agreement lists `parties`, each an institution
//! with its actions in the order they happened, as a depositary records
//! them. The checks here are those of one agreement's list; the status of
//! a party on a day is worked out in `model::standing`.

use std::fmt;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{raw_text, Key};
use crate::model::institution::Institution;
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};

/// What a party did: signed, consented to be bound in one of the ways a
/// treaty allows, applied it provisionally, withdrew, or made a
/// reservation or declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionKind {
    /// Signed, subject to ratification, acceptance or approval: a
    /// signatory, not yet bound.
    Signature,
    /// Signed without reservation as to ratification: bound by signature.
    DefinitiveSignature,
    /// Ratified: bound.
    Ratification,
    /// Accepted: bound.
    Acceptance,
    /// Approved: bound.
    Approval,
    /// Acceded without having signed: bound.
    Accession,
    /// Succeeded to the agreement as the successor of a former party
    /// (a state's notification of succession): bound, often from an
    /// earlier day than the notification.
    Succession,
    /// Formally confirmed (the act of an international organisation that
    /// corresponds to ratification): bound.
    FormalConfirmation,
    /// Applies the agreement provisionally, optionally until an `end`:
    /// a flag of its own, never "in force for" the party.
    ProvisionalApplication,
    /// Gave notice of withdrawal (or denunciation); it takes effect on its
    /// `effective` day, or else on its date.
    Withdrawal,
    /// Made a reservation (its `text`).
    Reservation,
    /// Made a declaration (its `text`).
    Declaration,
}

impl ActionKind {
    /// Every kind, in the order of the data format's documentation.
    pub const ALL: [ActionKind; 12] = [
        ActionKind::Signature,
        ActionKind::DefinitiveSignature,
        ActionKind::Ratification,
        ActionKind::Acceptance,
        ActionKind::Approval,
        ActionKind::Accession,
        ActionKind::Succession,
        ActionKind::FormalConfirmation,
        ActionKind::ProvisionalApplication,
        ActionKind::Withdrawal,
        ActionKind::Reservation,
        ActionKind::Declaration,
    ];

    /// The name used in data: `definitive_signature`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Signature => "signature",
            ActionKind::DefinitiveSignature => "definitive_signature",
            ActionKind::Ratification => "ratification",
            ActionKind::Acceptance => "acceptance",
            ActionKind::Approval => "approval",
            ActionKind::Accession => "accession",
            ActionKind::Succession => "succession",
            ActionKind::FormalConfirmation => "formal_confirmation",
            ActionKind::ProvisionalApplication => "provisional_application",
            ActionKind::Withdrawal => "withdrawal",
            ActionKind::Reservation => "reservation",
            ActionKind::Declaration => "declaration",
        }
    }

    /// Whether the action expresses consent to be bound: a definitive
    /// signature, ratification, acceptance, approval, accession, succession
    /// or formal confirmation.
    pub fn is_consent(self) -> bool {
        matches!(
            self,
            ActionKind::DefinitiveSignature
                | ActionKind::Ratification
                | ActionKind::Acceptance
                | ActionKind::Approval
                | ActionKind::Accession
                | ActionKind::Succession
                | ActionKind::FormalConfirmation
        )
    }

    /// Whether the action is a signature of either kind.
    pub fn is_signature(self) -> bool {
        matches!(
            self,
            ActionKind::Signature | ActionKind::DefinitiveSignature
        )
    }

    /// Whether the action can take effect on a day of its own
    /// (`effective`): every kind but a signature, a reservation and a
    /// declaration.
    pub fn allows_effective(self) -> bool {
        !matches!(
            self,
            ActionKind::Signature | ActionKind::Reservation | ActionKind::Declaration
        )
    }

    /// Whether the action needs a `text`: a reservation or a declaration.
    pub fn needs_text(self) -> bool {
        matches!(self, ActionKind::Reservation | ActionKind::Declaration)
    }

    /// Whether the action changes the party's status (a signature, a
    /// consent or a withdrawal), as opposed to a flag or a statement.
    pub(crate) fn moves_status(self) -> bool {
        self.is_signature() || self.is_consent() || self == ActionKind::Withdrawal
    }
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status of a party of an agreement on a day, in the order a party
/// passes through them (and again on rejoining).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PartyStatus {
    /// Has done nothing yet (or nothing that counts).
    NotAParty,
    /// Has signed but not consented to be bound (or signed again after
    /// leaving).
    Signatory,
    /// Has consented to be bound, but the agreement is not in force for it
    /// that day: its consent has not taken effect, or the agreement is not
    /// in force.
    Bound,
    /// The agreement is in force for it.
    Party,
    /// Has given notice of withdrawal, which has not taken effect: the
    /// agreement is still in force for it.
    Withdrawing,
    /// Its withdrawal has taken effect.
    FormerParty,
}

impl PartyStatus {
    /// Every status, in order.
    pub const ALL: [PartyStatus; 6] = [
        PartyStatus::NotAParty,
        PartyStatus::Signatory,
        PartyStatus::Bound,
        PartyStatus::Party,
        PartyStatus::Withdrawing,
        PartyStatus::FormerParty,
    ];

    /// The name used in output: `former_party`.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyStatus::NotAParty => "not_a_party",
            PartyStatus::Signatory => "signatory",
            PartyStatus::Bound => "bound",
            PartyStatus::Party => "party",
            PartyStatus::Withdrawing => "withdrawing",
            PartyStatus::FormerParty => "former_party",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for PartyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The statuses a party may have on a day: with vague dates, every status
/// some reading of them gives. The status is certain when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Statuses(u8);

impl Statuses {
    /// No status (never the answer of a query).
    pub(crate) const NONE: Statuses = Statuses(0);

    /// Adds a status.
    pub(crate) fn add(&mut self, status: PartyStatus) {
        self.0 |= status.bit();
    }

    /// Adds every status of `other`.
    pub(crate) fn extend(&mut self, other: Statuses) {
        self.0 |= other.0;
    }

    /// Whether `status` is possible.
    pub fn contains(self, status: PartyStatus) -> bool {
        self.0 & status.bit() != 0
    }

    /// The possible statuses, in order.
    pub fn iter(self) -> impl Iterator<Item = PartyStatus> {
        PartyStatus::ALL
            .into_iter()
            .filter(move |s| self.contains(*s))
    }

    /// How many statuses are possible.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether no status is possible (never the answer of a query).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether exactly one status is possible.
    pub fn is_certain(self) -> bool {
        self.len() == 1
    }

    /// The status, when it is certain.
    pub fn certain(self) -> Option<PartyStatus> {
        if self.is_certain() {
            self.iter().next()
        } else {
            None
        }
    }
}

impl Serialize for Statuses {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// When an action takes effect for its party, and whether that day is in
/// the data or derived by pactum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TakesEffect<'a> {
    /// On the `effective` day the data records.
    Recorded(&'a Date),
    /// On its own date: a withdrawal without an `effective` day (derived).
    OnItsDate(&'a Date),
    /// On the later of its date (`.0`) and the agreement's entry into
    /// force (`.1`): a consent without an `effective` day (derived).
    LaterOf(&'a Date, &'a Date),
    /// Not on record: a consent without an `effective` day to an agreement
    /// with no entry into force on record.
    NotOnRecord,
    /// Never: a signature, reservation or declaration has no effect day of
    /// its own, and a provisional application is a flag.
    Never,
}

impl TakesEffect<'_> {
    /// Whether pactum derived the day rather than read it from the data.
    pub fn is_derived(&self) -> bool {
        matches!(self, TakesEffect::OnItsDate(_) | TakesEffect::LaterOf(..))
    }
}

/// One action of a party: its kind, the date of the act or deposit and,
/// optionally, the day it took effect for that party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyAction {
    kind: ActionKind,
    date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Box<str>>,
    #[serde(flatten)]
    provenance: Provenance,
}

impl PartyAction {
    /// The fields of an action that citations and claims may name.
    pub(crate) const FIELDS: &'static [&'static str] =
        &["kind", "date", "effective", "end", "text", "note"];

    /// Starts building an action of `kind` on `date`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{ActionKind, Date, PartyAction};
    ///
    /// let withdrawal = PartyAction::builder(ActionKind::Withdrawal, Date::parse("1993-06-30")?)
    ///     .effective(Date::parse("1994-06-30")?)
    ///     .build()?;
    /// assert_eq!(withdrawal.effective().map(|d| d.to_string()).as_deref(), Some("1994-06-30"));
    ///
    /// let err = PartyAction::builder(ActionKind::Signature, Date::parse("1985-03-12")?)
    ///     .effective(Date::parse("1985-04-01")?)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.diagnostics()[0].rule(), pactum::Rule::ActionField);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(kind: ActionKind, date: Date) -> PartyActionBuilder {
        PartyActionBuilder {
            raw: RawPartyAction {
                kind,
                date: DateInput::Date(date),
                effective: None,
                end: None,
                text: None,
                note: None,
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// An action that says nothing: a declaration on an unknown day. It
    /// stands in where code that cannot fail must name an action it could
    /// not find.
    pub(crate) fn none() -> &'static PartyAction {
        static NONE: std::sync::OnceLock<PartyAction> = std::sync::OnceLock::new();
        NONE.get_or_init(|| PartyAction {
            kind: ActionKind::Declaration,
            date: Date::unknown().clone(),
            effective: None,
            end: None,
            text: None,
            note: None,
            provenance: Provenance::default(),
        })
    }

    /// What the party did.
    pub fn kind(&self) -> ActionKind {
        self.kind
    }
    /// The date of the act or of the deposit of the instrument.
    pub fn date(&self) -> &Date {
        &self.date
    }
    /// The day it took effect for the party, when the data records one.
    pub fn effective(&self) -> Option<&Date> {
        self.effective.as_ref()
    }
    /// The last day of a provisional application, when recorded.
    pub fn end(&self) -> Option<&Date> {
        self.end.as_ref()
    }
    /// The text of a reservation or declaration.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
    /// A note on the action.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// When the action takes effect for its party, given the agreement's
    /// entry into force: its `effective` day when recorded; otherwise a
    /// consent takes effect on the later of its date and the entry into
    /// force, and a withdrawal on its date (both derived, never sourced).
    pub fn takes_effect<'a>(&'a self, entry_into_force: Option<&'a Date>) -> TakesEffect<'a> {
        if let Some(day) = &self.effective {
            return TakesEffect::Recorded(day);
        }
        match self.kind {
            ActionKind::Withdrawal => TakesEffect::OnItsDate(&self.date),
            kind if kind.is_consent() => match entry_into_force {
                Some(entry) => TakesEffect::LaterOf(&self.date, entry),
                None => TakesEffect::NotOnRecord,
            },
            _ => TakesEffect::Never,
        }
    }

    /// Converts one action, with paths relative to it.
    pub(crate) fn from_raw(raw: RawPartyAction, ck: &mut Checker<'_>) -> Option<PartyAction> {
        let (has_effective, has_end) = (raw.effective.is_some(), raw.end.is_some());
        let date = ck.date("date", raw.date);
        let effective = ck.opt_date("effective", raw.effective);
        let end = ck.opt_date("end", raw.end);
        let text = ck.opt_text("text", raw.text);
        let note = ck.opt_text("note", raw.note);
        let kind = raw.kind;
        if has_effective && !kind.allows_effective() {
            ck.report(
                Rule::ActionField,
                "effective",
                format!("a {kind} takes no effective day: expected none"),
            );
        }
        if has_end && kind != ActionKind::ProvisionalApplication {
            ck.report(
                Rule::ActionField,
                "end",
                format!("a {kind} has no end: only a provisional_application has one"),
            );
        }
        if matches!(text, Some(None)) && kind.needs_text() {
            ck.report(
                Rule::MissingActionText,
                "text",
                format!("a {kind} needs its text: expected a text"),
            );
        }
        if let (Some(date), Some(Some(eff))) = (&date, &effective) {
            if kind != ActionKind::Succession
                && eff.latest_day_number() < date.earliest_day_number()
            {
                ck.report(
                    Rule::EffectiveBeforeAction,
                    "effective",
                    format!("effective {eff} certainly precedes the {kind}'s date {date}"),
                );
            }
        }
        if let (Some(date), Some(Some(end))) = (&date, &end) {
            if end.latest_day_number() < date.earliest_day_number() {
                ck.report(
                    Rule::LifecycleOrder,
                    "end",
                    format!("end {end} certainly precedes date {date}"),
                );
            }
        }
        let dates = [
            ("date", date.as_ref()),
            ("effective", effective.as_ref().and_then(Option::as_ref)),
            ("end", end.as_ref().and_then(Option::as_ref)),
        ];
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &dates);
        Some(PartyAction {
            kind,
            date: date?,
            effective: effective?,
            end: end?,
            text: text?,
            note: note?,
            provenance,
        })
    }
}

/// Builds a [`PartyAction`]; see [`PartyAction::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct PartyActionBuilder {
    raw: RawPartyAction,
}

impl PartyActionBuilder {
    /// Sets the day it took effect for the party.
    pub fn effective(mut self, date: Date) -> Self {
        self.raw.effective = Some(DateInput::Date(date));
        self
    }
    /// Sets the last day of a provisional application.
    pub fn end(mut self, date: Date) -> Self {
        self.raw.end = Some(DateInput::Date(date));
        self
    }
    /// Sets the text of a reservation or declaration.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.raw.text = Some(text.into());
        self
    }
    /// Sets a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.raw.note = Some(note.into());
        self
    }
    provenance_builder!();
    /// Checks everything the action can check alone and builds it.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: an `effective` day on a
    /// signature, reservation or declaration, an `end` on anything but a
    /// provisional application, a reservation or declaration without text,
    /// an `effective` day that certainly precedes the date (allowed for a
    /// succession), blank texts, claims that contradict the dates.
    pub fn build(self) -> Result<PartyAction, ValidationError> {
        let mut out = Vec::new();
        let mut ck = Checker::new(None, "", &mut out);
        let action = PartyAction::from_raw(self.raw, &mut ck);
        match action {
            Some(a) if out.is_empty() => Ok(a),
            _ => Err(ValidationError::new(out)),
        }
    }
}

/// A party of an agreement: an institution and its actions, in the order
/// they happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    institution: Key<Institution>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    actions: Box<[PartyAction]>,
}

impl Party {
    /// The institution.
    pub fn institution(&self) -> &Key<Institution> {
        &self.institution
    }
    /// A party of no institution with no actions. It stands in where code
    /// that cannot fail must name a party it could not find.
    pub(crate) fn none() -> &'static Party {
        static NONE: std::sync::OnceLock<Party> = std::sync::OnceLock::new();
        NONE.get_or_init(|| Party {
            institution: Key::empty(),
            actions: Box::default(),
        })
    }
    /// Its actions, in the order they happened.
    pub fn actions(&self) -> &[PartyAction] {
        &self.actions
    }
    /// Whether it has consented to be bound at least once on record.
    pub fn has_consent(&self) -> bool {
        self.actions.iter().any(|a| a.kind.is_consent())
    }
}

/// An action as it arrives: from a file, or built by a builder.
#[derive(Debug, Clone)]
pub(crate) enum ActionInput {
    Raw(RawPartyAction),
    Built(PartyAction),
}

impl<'de> Deserialize<'de> for ActionInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawPartyAction::deserialize(deserializer).map(ActionInput::Raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPartyAction {
    kind: ActionKind,
    date: DateInput,
    #[serde(default)]
    effective: Option<DateInput>,
    #[serde(default)]
    end: Option<DateInput>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParty {
    pub(crate) institution: CompactString,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    pub(crate) actions: Vec<ActionInput>,
}

/// Reads a list of parties, `null` or empty as none.
#[allow(clippy::box_collection)]
pub(crate) fn boxed_parties<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Box<Vec<RawParty>>>, D::Error> {
    let parties = Option::<Vec<RawParty>>::deserialize(deserializer)?;
    Ok(parties.filter(|p| !p.is_empty()).map(Box::new))
}

impl RawParty {
    /// A party of `institution` with these actions.
    pub(crate) fn new(institution: impl Into<String>, actions: Vec<PartyAction>) -> RawParty {
        RawParty {
            institution: raw_text(institution),
            actions: actions.into_iter().map(ActionInput::Built).collect(),
        }
    }
}

impl Checker<'_> {
    /// Converts the list of parties in the field `field`: each institution
    /// once, each party's actions checked alone and in their order.
    /// Each party comes with its position in the list.
    pub(crate) fn parties(
        &mut self,
        field: &'static str,
        raws: impl ExactSizeIterator<Item = (usize, RawParty)>,
    ) -> Vec<Party> {
        let mut out: Vec<Party> = Vec::with_capacity(raws.len());
        for (i, raw) in raws {
            let path = format!("{field}[{i}]");
            let party = self.nested(&path, |ck| Party::from_raw(raw, ck));
            if let Some(party) = party {
                if out.iter().any(|p| p.institution == party.institution) {
                    self.report(
                        Rule::DuplicateReference,
                        format_args!("{path}.institution"),
                        format!("{:?} is listed twice", party.institution.as_str()),
                    );
                } else {
                    out.push(party);
                }
            }
        }
        out
    }
}

impl Party {
    fn from_raw(raw: RawParty, ck: &mut Checker<'_>) -> Option<Party> {
        let institution = ck.owned_key::<Institution>("institution", raw.institution);
        let mut actions = Vec::with_capacity(raw.actions.len());
        let mut complete = true;
        for (j, input) in raw.actions.into_iter().enumerate() {
            let action = match input {
                ActionInput::Built(action) => Some(action),
                ActionInput::Raw(raw) => ck.nested(&format_args!("actions[{j}]"), |ck| {
                    PartyAction::from_raw(raw, ck)
                }),
            };
            match action {
                Some(action) => actions.push(action),
                None => complete = false,
            }
        }
        if complete {
            check_order(&actions, ck);
        }
        Some(Party {
            institution: institution?,
            actions: actions.into(),
        })
    }
}

/// Reports actions whose dates certainly contradict their order, and
/// withdrawals with no consent before them.
fn check_order(actions: &[PartyAction], ck: &mut Checker<'_>) {
    // The action listed earlier that certainly comes latest: a later one
    // that certainly precedes it contradicts the order.
    let mut latest_start: Option<(usize, &PartyAction)> = None;
    let mut consented = false;
    for (j, action) in actions.iter().enumerate() {
        if let Some((i, earlier)) = latest_start {
            if action.date.latest_day_number() < earlier.date.earliest_day_number() {
                ck.report(
                    Rule::ActionOrder,
                    format_args!("actions[{j}].date"),
                    format!(
                        "{} on {} certainly precedes the {} on {} listed before it (actions[{i}]): expected the actions in the order they happened",
                        action.kind, action.date, earlier.kind, earlier.date
                    ),
                );
            }
        }
        if latest_start.map_or(true, |(_, e)| {
            action.date.earliest_day_number() > e.date.earliest_day_number()
        }) {
            latest_start = Some((j, action));
        }
        if action.kind == ActionKind::Withdrawal && !consented {
            ck.report(
                Rule::WithdrawalNotBound,
                format_args!("actions[{j}]"),
                "a withdrawal by a party that was never bound: expected a consent (ratification, accession, …) listed before it",
            );
        }
        consented |= action.kind.is_consent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    /// A builder of a `kind` action on `on`, with the text the kind needs.
    fn builder(kind: ActionKind, on: &str) -> PartyActionBuilder {
        let b = PartyAction::builder(kind, date(on));
        if kind.needs_text() {
            b.text("Applies to its territory")
        } else {
            b
        }
    }

    /// The diagnostics of a party's checks.
    fn diagnostics(raw: serde_json::Value) -> Vec<crate::model::diagnostic::Diagnostic> {
        let raw: RawParty = serde_json::from_value(raw).expect("a raw party");
        let mut out = Vec::new();
        let mut ck = Checker::new(None, "", &mut out);
        let _ = ck.parties("parties", [(0, raw)].into_iter());
        out
    }

    fn rules(raw: serde_json::Value) -> Vec<(Rule, String)> {
        diagnostics(raw)
            .iter()
            .map(|d| (d.rule(), d.path().to_owned()))
            .collect()
    }

    #[test]
    fn a_declaration_keeps_its_text_and_a_signature_has_none() {
        let declared = PartyAction::builder(ActionKind::Declaration, date("1986-05-20"))
            .text("Applies to its territory")
            .build()
            .expect("a declaration with its text");
        assert_eq!(declared.text(), Some("Applies to its territory"));
        let signed = PartyAction::builder(ActionKind::Signature, date("1985-01-10"))
            .build()
            .expect("a signature");
        assert_eq!(signed.text(), None);
    }

    #[test]
    fn an_action_kind_allows_effective_and_needs_text_as_the_format_says() {
        let no_effective: Vec<ActionKind> = ActionKind::ALL
            .into_iter()
            .filter(|k| !k.allows_effective())
            .collect();
        assert_eq!(
            no_effective,
            [
                ActionKind::Signature,
                ActionKind::Reservation,
                ActionKind::Declaration
            ]
        );
        for kind in ActionKind::ALL {
            let json = serde_json::to_value(kind).expect("serialises");
            assert_eq!(json, kind.as_str());
        }
    }

    #[test]
    fn a_withdrawal_before_any_consent_is_an_error() {
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990"},
            {"kind": "withdrawal", "date": "1991"}
        ]}));
        assert_eq!(
            found,
            [(Rule::WithdrawalNotBound, "parties[0].actions[1]".to_owned())]
        );
    }

    #[test]
    fn actions_whose_dates_contradict_their_order_are_an_error() {
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990-05"},
            {"kind": "ratification", "date": "1991"},
            {"kind": "withdrawal", "date": "1990-12"}
        ]}));
        assert_eq!(
            found,
            [(Rule::ActionOrder, "parties[0].actions[2].date".to_owned())]
        );
        // Vague dates that may be in order are not.
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990"},
            {"kind": "ratification", "date": "1990-03"}
        ]}));
        assert_eq!(found, []);
    }

    #[test]
    fn an_effective_day_or_an_end_on_the_action_date_is_not_before_it() {
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990-05-01"},
            {"kind": "provisional_application", "date": "1990-05-01", "end": "1990-05-01"},
            {"kind": "ratification", "date": "1990-05-01", "effective": "1990-05-01"}
        ]}));
        assert_eq!(found, []);
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "provisional_application", "date": "1990-05-01", "end": "1990-04-30"}
        ]}));
        assert_eq!(
            found,
            [(Rule::LifecycleOrder, "parties[0].actions[0].end".to_owned())]
        );
    }

    #[test]
    fn an_action_out_of_order_is_named_against_the_first_of_tied_earlier_ones() {
        let found = diagnostics(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990-05-01"},
            {"kind": "ratification", "date": "1990-05"},
            {"kind": "declaration", "date": "1989", "text": "Applies to its territory"}
        ]}));
        let [d] = found.as_slice() else {
            panic!("one diagnostic: {found:?}")
        };
        assert_eq!(
            (d.rule(), d.path()),
            (Rule::ActionOrder, "parties[0].actions[2].date")
        );
        assert!(
            d.message().contains("listed before it (actions[0])"),
            "{d:?}"
        );
    }

    #[test]
    fn statuses_and_an_end_read_back_as_written() {
        let names: Vec<&str> = PartyStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
        for status in PartyStatus::ALL {
            let json = serde_json::to_value(status).expect("serialises");
            assert_eq!(json, status.as_str());
            assert_eq!(status.to_string(), status.as_str());
        }
        let applied = PartyAction::builder(ActionKind::ProvisionalApplication, date("1990-03-04"))
            .end(date("1991-03-04"))
            .build()
            .expect("a provisional application with its end");
        assert_eq!(applied.end(), Some(&date("1991-03-04")));
    }

    #[test]
    fn a_builder_refuses_an_action_it_has_built_with_a_problem() {
        // The action itself can be made; the problem is only reported.
        let err = PartyAction::builder(ActionKind::Signature, date("1985-01-10"))
            .effective(date("1985-02-01"))
            .build()
            .expect_err("a signature takes no effective day");
        assert!(err.to_string().contains("effective"), "{err}");
        let err = PartyAction::builder(ActionKind::Ratification, date("1990-03-04"))
            .end(date("1991-03-04"))
            .build()
            .expect_err("only a provisional application ends");
        assert!(err.to_string().contains("end"), "{err}");
    }

    /// A party has consented when one of its actions is a consent; an
    /// agreement whose parties record none, and that has no entry into
    /// force, is in force on record (from its signature).
    #[test]
    fn a_party_has_consent_only_with_a_consent_action_on_record() {
        let action = |kind, on| builder(kind, on).build().expect("an action");
        let signed = action(ActionKind::Signature, "1990-01-10");
        for kind in ActionKind::ALL {
            if kind.is_signature() || kind == ActionKind::Withdrawal {
                continue;
            }
            let mou = crate::Mou::builder("c", "C", date("1990-01-10"))
                .signatory("aa")
                .signatory("bb")
                .party("aa", [signed.clone(), action(kind, "1990-06-01")])
                .party("bb", [signed.clone()])
                .build()
                .expect("valid");
            let [aa, bb] = mou.parties() else {
                panic!("two parties: {mou:?}")
            };
            assert_eq!(aa.has_consent(), kind.is_consent(), "{kind}");
            assert!(!bb.has_consent(), "{kind}");
            assert_eq!(mou.has_consent_actions(), kind.is_consent(), "{kind}");
            assert_eq!(mou.in_force_on_record(), !kind.is_consent(), "{kind}");
        }
    }

    #[test]
    fn signatures_are_the_two_signature_kinds_only() {
        let signatures: Vec<ActionKind> = ActionKind::ALL
            .into_iter()
            .filter(|k| k.is_signature())
            .collect();
        assert_eq!(
            signatures,
            [ActionKind::Signature, ActionKind::DefinitiveSignature]
        );
    }

    #[test]
    fn an_action_takes_effect_as_its_kind_says() {
        let entry = date("1995-01-01");
        let action = |kind| {
            builder(kind, "1990-03-04")
                .note("as the depositary lists it")
                .build()
                .expect("an action")
        };
        for kind in ActionKind::ALL {
            let a = action(kind);
            assert_eq!(a.note(), Some("as the depositary lists it"));
            let expected = if kind == ActionKind::Withdrawal {
                TakesEffect::OnItsDate(a.date())
            } else if kind.is_consent() {
                TakesEffect::LaterOf(a.date(), &entry)
            } else {
                TakesEffect::Never
            };
            assert_eq!(a.takes_effect(Some(&entry)), expected, "{kind}");
        }
        assert_eq!(
            action(ActionKind::Signature).takes_effect(Some(&entry)),
            TakesEffect::Never
        );
        assert_eq!(
            action(ActionKind::Ratification).takes_effect(None),
            TakesEffect::NotOnRecord
        );
    }

    #[test]
    fn statuses_know_whether_any_or_one_is_possible() {
        let mut statuses = Statuses::NONE;
        assert!(statuses.is_empty());
        statuses.add(PartyStatus::Signatory);
        assert!(!statuses.is_empty());
        assert!(statuses.is_certain());
        statuses.add(PartyStatus::Bound);
        assert!(!statuses.is_empty());
        assert!(!statuses.is_certain());
        assert_eq!(statuses.len(), 2);
    }

    #[test]
    fn effective_before_the_date_is_an_error_except_for_a_succession() {
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "accession", "date": "1990-05-01", "effective": "1990-04-30"},
            {"kind": "succession", "date": "1992-05-01", "effective": "1991-12-26"}
        ]}));
        assert_eq!(
            found,
            [(
                Rule::EffectiveBeforeAction,
                "parties[0].actions[0].effective".to_owned()
            )]
        );
    }

    #[test]
    fn a_signature_with_effective_or_a_reservation_without_text_is_an_error() {
        let found = rules(serde_json::json!({"institution": "aa", "actions": [
            {"kind": "signature", "date": "1990", "effective": "1991"},
            {"kind": "reservation", "date": "1990"},
            {"kind": "ratification", "date": "1991", "end": "1992"}
        ]}));
        assert_eq!(
            found,
            [
                (
                    Rule::ActionField,
                    "parties[0].actions[0].effective".to_owned()
                ),
                (
                    Rule::MissingActionText,
                    "parties[0].actions[1].text".to_owned()
                ),
                (Rule::ActionField, "parties[0].actions[2].end".to_owned()),
            ]
        );
    }

    #[test]
    fn a_consent_takes_effect_on_its_effective_day_or_a_derived_one() {
        let entry = date("1987-01-01");
        let ratified = PartyAction::builder(ActionKind::Ratification, date("1986-05-20"))
            .build()
            .expect("valid");
        let effect = ratified.takes_effect(Some(&entry));
        assert!(effect.is_derived());
        assert_eq!(effect, TakesEffect::LaterOf(ratified.date(), &entry));
        assert_eq!(ratified.takes_effect(None), TakesEffect::NotOnRecord);
        let acceded = PartyAction::builder(ActionKind::Accession, date("1988-10-04"))
            .effective(date("1988-11-03"))
            .build()
            .expect("valid");
        let effect = acceded.takes_effect(Some(&entry));
        assert!(!effect.is_derived());
    }

    #[test]
    fn statuses_are_certain_when_one_is_possible() {
        let mut s = Statuses::NONE;
        s.add(PartyStatus::Bound);
        assert_eq!(s.certain(), Some(PartyStatus::Bound));
        s.add(PartyStatus::Party);
        assert!(!s.is_certain());
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            [PartyStatus::Bound, PartyStatus::Party]
        );
    }
}
