//! The event vocabulary: what happened on a date ([`EventKind`]), whose
//! event it is ([`Subject`]), the event itself ([`Event`]) and its total
//! order, and the agreements a day can find in force ([`Agreement`],
//! [`InForce`]). The index stores events in this order; the queries hand
//! them out.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::date::{Date, Window};
use crate::error::QueryError;
use crate::model::commitment::Commitment;
use crate::model::commitment::CommitmentStatus;
use crate::model::id::SeriesKey;
use crate::model::id::{EntityKind, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::meeting::MeetingStatus;
use crate::model::mou::Mou;
use crate::model::official::Official;
use crate::model::partnership::Partnership;
use crate::model::party::{ActionKind, Party, PartyAction};
use crate::model::taxonomy::TechArea;
use crate::spelling::closest;

/// What happened (or will happen) on an event's date.
///
/// The order of the variants is the order of events that share a date range:
/// beginnings first, ends last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A partnership was established.
    PartnershipEstablished,
    /// An MOU was signed.
    MouSigned,
    /// An MOU entered into force (only when recorded apart from signature).
    MouEnteredIntoForce,
    /// A party's signature of an agreement: it signed.
    PartySignature,
    /// A party's definitive signature of an agreement: it signed definitively.
    PartyDefinitiveSignature,
    /// A party's ratification of an agreement: it ratified.
    PartyRatification,
    /// A party's acceptance of an agreement: it accepted.
    PartyAcceptance,
    /// A party's approval of an agreement: it approved.
    PartyApproval,
    /// A party's accession of an agreement: it acceded.
    PartyAccession,
    /// A party's succession of an agreement: it succeeded.
    PartySuccession,
    /// A party's formal confirmation of an agreement: it confirmed formally.
    PartyFormalConfirmation,
    /// A party's provisional application of an agreement: it applied provisionally.
    PartyProvisionalApplication,
    /// A party's withdrawal of an agreement: it gave notice of withdrawal.
    PartyWithdrawal,
    /// A party's reservation of an agreement: it made a reservation.
    PartyReservation,
    /// A party's declaration of an agreement: it made a declaration.
    PartyDeclaration,
    /// A meeting was held.
    MeetingHeld,
    /// A meeting is scheduled (announced, not yet known to be held).
    MeetingScheduled,
    /// A meeting was postponed from this date.
    MeetingPostponed,
    /// A meeting planned for this date was cancelled.
    MeetingCancelled,
    /// A commitment falls due.
    CommitmentDue,
    /// A commitment was met.
    CommitmentMet,
    /// A commitment was missed.
    CommitmentMissed,
    /// A commitment was dropped.
    CommitmentDropped,
    /// An MOU reached its last day in force.
    MouExpired,
    /// An MOU was terminated.
    MouTerminated,
    /// A partnership ended.
    PartnershipEnded,
}

impl EventKind {
    /// Every kind, in order.
    pub const ALL: [EventKind; 26] = [
        EventKind::PartnershipEstablished,
        EventKind::MouSigned,
        EventKind::MouEnteredIntoForce,
        EventKind::PartySignature,
        EventKind::PartyDefinitiveSignature,
        EventKind::PartyRatification,
        EventKind::PartyAcceptance,
        EventKind::PartyApproval,
        EventKind::PartyAccession,
        EventKind::PartySuccession,
        EventKind::PartyFormalConfirmation,
        EventKind::PartyProvisionalApplication,
        EventKind::PartyWithdrawal,
        EventKind::PartyReservation,
        EventKind::PartyDeclaration,
        EventKind::MeetingHeld,
        EventKind::MeetingScheduled,
        EventKind::MeetingPostponed,
        EventKind::MeetingCancelled,
        EventKind::CommitmentDue,
        EventKind::CommitmentMet,
        EventKind::CommitmentMissed,
        EventKind::CommitmentDropped,
        EventKind::MouExpired,
        EventKind::MouTerminated,
        EventKind::PartnershipEnded,
    ];

    /// The name used in data and on the command line: `mou_signed`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::PartnershipEstablished => "partnership_established",
            EventKind::MouSigned => "mou_signed",
            EventKind::MouEnteredIntoForce => "mou_entered_into_force",
            EventKind::PartySignature => "party_signature",
            EventKind::PartyDefinitiveSignature => "party_definitive_signature",
            EventKind::PartyRatification => "party_ratification",
            EventKind::PartyAcceptance => "party_acceptance",
            EventKind::PartyApproval => "party_approval",
            EventKind::PartyAccession => "party_accession",
            EventKind::PartySuccession => "party_succession",
            EventKind::PartyFormalConfirmation => "party_formal_confirmation",
            EventKind::PartyProvisionalApplication => "party_provisional_application",
            EventKind::PartyWithdrawal => "party_withdrawal",
            EventKind::PartyReservation => "party_reservation",
            EventKind::PartyDeclaration => "party_declaration",
            EventKind::MeetingHeld => "meeting_held",
            EventKind::MeetingScheduled => "meeting_scheduled",
            EventKind::MeetingPostponed => "meeting_postponed",
            EventKind::MeetingCancelled => "meeting_cancelled",
            EventKind::CommitmentDue => "commitment_due",
            EventKind::CommitmentMet => "commitment_met",
            EventKind::CommitmentMissed => "commitment_missed",
            EventKind::CommitmentDropped => "commitment_dropped",
            EventKind::MouExpired => "mou_expired",
            EventKind::MouTerminated => "mou_terminated",
            EventKind::PartnershipEnded => "partnership_ended",
        }
    }

    /// A short lowercase label: `mou signed`, `meeting held`.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::PartnershipEstablished => "partnership established",
            EventKind::MouSigned => "mou signed",
            EventKind::MouEnteredIntoForce => "mou entered into force",
            EventKind::PartySignature => "party signature",
            EventKind::PartyDefinitiveSignature => "party definitive signature",
            EventKind::PartyRatification => "party ratification",
            EventKind::PartyAcceptance => "party acceptance",
            EventKind::PartyApproval => "party approval",
            EventKind::PartyAccession => "party accession",
            EventKind::PartySuccession => "party succession",
            EventKind::PartyFormalConfirmation => "party formal confirmation",
            EventKind::PartyProvisionalApplication => "party provisional application",
            EventKind::PartyWithdrawal => "party withdrawal",
            EventKind::PartyReservation => "party reservation",
            EventKind::PartyDeclaration => "party declaration",
            EventKind::MeetingHeld => "meeting held",
            EventKind::MeetingScheduled => "meeting scheduled",
            EventKind::MeetingPostponed => "meeting postponed",
            EventKind::MeetingCancelled => "meeting cancelled",
            EventKind::CommitmentDue => "commitment due",
            EventKind::CommitmentMet => "commitment met",
            EventKind::CommitmentMissed => "commitment missed",
            EventKind::CommitmentDropped => "commitment dropped",
            EventKind::MouExpired => "mou expired",
            EventKind::MouTerminated => "mou terminated",
            EventKind::PartnershipEnded => "partnership ended",
        }
    }

    /// Whether this is one of the meeting kinds.
    pub fn is_meeting(self) -> bool {
        matches!(
            self,
            EventKind::MeetingHeld
                | EventKind::MeetingScheduled
                | EventKind::MeetingPostponed
                | EventKind::MeetingCancelled
        )
    }

    /// The kind of a party's action, for an event of a party action.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{ActionKind, EventKind};
    ///
    /// assert_eq!(EventKind::PartyRatification.action(), Some(ActionKind::Ratification));
    /// assert_eq!(EventKind::MouSigned.action(), None);
    /// ```
    pub fn action(self) -> Option<ActionKind> {
        Some(match self {
            EventKind::PartySignature => ActionKind::Signature,
            EventKind::PartyDefinitiveSignature => ActionKind::DefinitiveSignature,
            EventKind::PartyRatification => ActionKind::Ratification,
            EventKind::PartyAcceptance => ActionKind::Acceptance,
            EventKind::PartyApproval => ActionKind::Approval,
            EventKind::PartyAccession => ActionKind::Accession,
            EventKind::PartySuccession => ActionKind::Succession,
            EventKind::PartyFormalConfirmation => ActionKind::FormalConfirmation,
            EventKind::PartyProvisionalApplication => ActionKind::ProvisionalApplication,
            EventKind::PartyWithdrawal => ActionKind::Withdrawal,
            EventKind::PartyReservation => ActionKind::Reservation,
            EventKind::PartyDeclaration => ActionKind::Declaration,
            _ => return None,
        })
    }

    /// Whether this is the kind of a party's action.
    pub fn is_party_action(self) -> bool {
        matches!(
            self,
            EventKind::PartySignature
                | EventKind::PartyDefinitiveSignature
                | EventKind::PartyRatification
                | EventKind::PartyAcceptance
                | EventKind::PartyApproval
                | EventKind::PartyAccession
                | EventKind::PartySuccession
                | EventKind::PartyFormalConfirmation
                | EventKind::PartyProvisionalApplication
                | EventKind::PartyWithdrawal
                | EventKind::PartyReservation
                | EventKind::PartyDeclaration
        )
    }

    /// The event kind of a meeting in this state.
    fn of_meeting(status: MeetingStatus) -> EventKind {
        match status {
            MeetingStatus::Held => EventKind::MeetingHeld,
            MeetingStatus::Scheduled => EventKind::MeetingScheduled,
            MeetingStatus::Postponed => EventKind::MeetingPostponed,
            MeetingStatus::Cancelled => EventKind::MeetingCancelled,
        }
    }

    /// The event kind of a commitment's resolution, if it is resolved.
    fn of_resolution(status: CommitmentStatus) -> Option<EventKind> {
        match status {
            CommitmentStatus::Open => None,
            CommitmentStatus::Met => Some(EventKind::CommitmentMet),
            CommitmentStatus::Missed => Some(EventKind::CommitmentMissed),
            CommitmentStatus::Dropped => Some(EventKind::CommitmentDropped),
        }
    }
}

impl From<ActionKind> for EventKind {
    /// The event kind of a party's action: a ratification is a
    /// [`EventKind::PartyRatification`].
    fn from(kind: ActionKind) -> EventKind {
        match kind {
            ActionKind::Signature => EventKind::PartySignature,
            ActionKind::DefinitiveSignature => EventKind::PartyDefinitiveSignature,
            ActionKind::Ratification => EventKind::PartyRatification,
            ActionKind::Acceptance => EventKind::PartyAcceptance,
            ActionKind::Approval => EventKind::PartyApproval,
            ActionKind::Accession => EventKind::PartyAccession,
            ActionKind::Succession => EventKind::PartySuccession,
            ActionKind::FormalConfirmation => EventKind::PartyFormalConfirmation,
            ActionKind::ProvisionalApplication => EventKind::PartyProvisionalApplication,
            ActionKind::Withdrawal => EventKind::PartyWithdrawal,
            ActionKind::Reservation => EventKind::PartyReservation,
            ActionKind::Declaration => EventKind::PartyDeclaration,
        }
    }
}

impl fmt::Display for EventKind {
    /// The label, padded to the width asked for (`{:<24}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

impl FromStr for EventKind {
    type Err = QueryError;

    /// Reads a kind by name (`mou_signed`) or label (`mou signed`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().replace(['-', ' '], "_");
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                QueryError::unknown(
                    "event kind",
                    s,
                    closest(s, EventKind::ALL.iter().map(|k| k.as_str())),
                )
            })
    }
}

/// The entity an event belongs to.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Subject<'r> {
    /// A partnership.
    Partnership(&'r Partnership),
    /// A meeting.
    Meeting(&'r Meeting),
    /// An MOU.
    Mou(&'r Mou),
    /// A commitment.
    Commitment(&'r Commitment),
    /// One action of a party of an agreement (an MOU or a partnership):
    /// its key, kind and label are the agreement's, and it names the
    /// party's institution alone.
    PartyAction(PartyActionRef<'r>),
}

/// One action of a party of an agreement, as the subject of its event on
/// the timeline (see [`Subject::PartyAction`]).
#[derive(Debug, Clone, Copy)]
pub struct PartyActionRef<'r>(ActionOf<'r>);

/// The agreement of a party action, and where the action is among its
/// parties' (see [`Places`]). The agreement's kind is the enum's tag, so
/// that with the places beside it a reference takes 16 bytes and a
/// [`Subject`] no more: every hit of the timeline carries one, and the
/// party and the action are read only when asked for.
#[derive(Debug, Clone, Copy)]
enum ActionOf<'r> {
    Partnership(&'r Partnership, Places),
    Mou(&'r Mou, Places),
}

/// Where an action is: the party's place among the agreement's parties,
/// the action's among the party's, and the action's among all of the
/// agreement's parties' (see [`actions_of`]), each in 16 bits.
#[derive(Debug, Clone, Copy)]
struct Places {
    party: u16,
    position: u16,
    index: u16,
}

impl<'r> PartyActionRef<'r> {
    /// The action of `agreement`'s party at place `party`, at `position`
    /// among its actions and `index` among all its parties' actions.
    fn new(agreement: Agreement<'r>, places: Places) -> PartyActionRef<'r> {
        PartyActionRef(match agreement {
            Agreement::Partnership(p) => ActionOf::Partnership(p, places),
            Agreement::Mou(m) => ActionOf::Mou(m, places),
        })
    }

    fn places(&self) -> Places {
        match self.0 {
            ActionOf::Partnership(_, places) | ActionOf::Mou(_, places) => places,
        }
    }

    /// The agreement.
    pub fn agreement(&self) -> Agreement<'r> {
        match self.0 {
            ActionOf::Partnership(p, _) => Agreement::Partnership(p),
            ActionOf::Mou(m, _) => Agreement::Mou(m),
        }
    }

    /// The party's entry in the agreement's `parties`.
    pub fn party(&self) -> &'r Party {
        // A reference is made only for an action of the agreement it
        // borrows (`actions_of`, `action_at`), so the party is there.
        self.agreement()
            .party_records()
            .get(usize::from(self.places().party))
            .unwrap_or_else(|| Party::none())
    }

    /// The institution that acted.
    pub fn institution(&self) -> &'r Key<Institution> {
        self.party().institution()
    }

    /// Its place among the party's actions (from 0): with the agreement
    /// and the institution, it names the action.
    pub fn position(&self) -> usize {
        usize::from(self.places().position)
    }

    /// The action.
    pub fn action(&self) -> &'r PartyAction {
        // As for the party: the action is there.
        self.party()
            .actions()
            .get(self.position())
            .unwrap_or_else(|| PartyAction::none())
    }

    /// Its place among the actions of all the agreement's parties.
    fn index(&self) -> u16 {
        self.places().index
    }
}

/// Every action of an agreement's parties that is an event of the
/// timeline, party after party, each with its place among them.
///
/// The index tells an agreement's actions apart by that place, in 16
/// bits: an agreement's actions after its 65,536th (more than any treaty
/// records), and those of its parties after the 65,536th, are left out of
/// the timeline, though every other query counts them.
pub(crate) fn actions_of(agreement: Agreement<'_>) -> impl Iterator<Item = PartyActionRef<'_>> {
    agreement
        .party_records()
        .iter()
        .zip(0..=u16::MAX)
        .flat_map(|(party, p)| {
            party
                .actions()
                .iter()
                .zip(0..=u16::MAX)
                .map(move |(_, position)| (p, position))
        })
        .zip(0..=u16::MAX)
        .map(move |((party, position), index)| {
            PartyActionRef::new(
                agreement,
                Places {
                    party,
                    position,
                    index,
                },
            )
        })
}

/// The action at place `index` among the actions of an agreement's
/// parties (see [`actions_of`]).
pub(crate) fn action_at(agreement: Agreement<'_>, index: u16) -> Option<PartyActionRef<'_>> {
    let mut rest = usize::from(index);
    for (party, p) in agreement.party_records().iter().zip(0..=u16::MAX) {
        let n = party.actions().len();
        if rest < n {
            let places = Places {
                party: p,
                position: u16::try_from(rest).ok()?,
                index,
            };
            return Some(PartyActionRef::new(agreement, places));
        }
        rest -= n;
    }
    None
}

impl<'r> Subject<'r> {
    /// The agreement an MOU or a partnership is.
    pub(crate) fn agreement(self) -> Option<Agreement<'r>> {
        match self {
            Subject::Partnership(p) => Some(Agreement::Partnership(p)),
            Subject::Mou(m) => Some(Agreement::Mou(m)),
            _ => None,
        }
    }

    /// The entity the subject is, or for a party action, its agreement.
    pub(crate) fn entity(self) -> Subject<'r> {
        match self {
            Subject::PartyAction(a) => match a.agreement() {
                Agreement::Partnership(p) => Subject::Partnership(p),
                Agreement::Mou(m) => Subject::Mou(m),
            },
            other => other,
        }
    }

    /// The place of a party action among its agreement's; 0 for the
    /// subjects that are entities.
    pub(crate) fn action_index(self) -> u16 {
        match self {
            Subject::PartyAction(a) => a.index(),
            _ => 0,
        }
    }

    /// The entity's key.
    pub fn key(&self) -> &'r str {
        match self {
            Subject::Partnership(p) => p.key().as_str(),
            Subject::Meeting(m) => m.key().as_str(),
            Subject::Mou(m) => m.key().as_str(),
            Subject::Commitment(c) => c.key().as_str(),
            Subject::PartyAction(a) => a.agreement().key(),
        }
    }

    /// The entity's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Subject::Partnership(_) => EntityKind::Partnership,
            Subject::Meeting(_) => EntityKind::Meeting,
            Subject::Mou(_) => EntityKind::Mou,
            Subject::Commitment(_) => EntityKind::Commitment,
            Subject::PartyAction(a) => a.agreement().entity(),
        }
    }

    /// A readable label: the name, title or description.
    pub fn label(&self) -> &'r str {
        match self {
            Subject::Partnership(p) => p.name(),
            Subject::Meeting(m) => m.name(),
            Subject::Mou(m) => m.title(),
            Subject::Commitment(c) => c.description(),
            Subject::PartyAction(a) => a.agreement().label(),
        }
    }

    /// The institutions the entity names, each once (see [`Event::institutions`]).
    pub(crate) fn institutions(self) -> Vec<&'r Key<Institution>> {
        match self {
            Subject::Partnership(p) => p.parties().iter().collect(),
            Subject::Meeting(m) => m.institutions(),
            Subject::Mou(m) => {
                let mut all: Vec<&Key<Institution>> = m.signatories().iter().collect();
                let parties = m.parties().iter().map(|p| p.institution());
                for k in m
                    .signed_by()
                    .iter()
                    .filter_map(Official::institution)
                    .chain(parties)
                {
                    if !all.contains(&k) {
                        all.push(k);
                    }
                }
                all
            }
            Subject::Commitment(c) => {
                let mut all: Vec<&Key<Institution>> = Vec::new();
                for k in c.owners() {
                    if !all.contains(&k) {
                        all.push(k);
                    }
                }
                all
            }
            Subject::PartyAction(a) => vec![a.institution()],
        }
    }

    /// The technology areas its entity names.
    pub(crate) fn tech_areas(self) -> &'r [Key<TechArea>] {
        match self {
            Subject::Partnership(p) => p.tech_areas(),
            Subject::Meeting(m) => m.tech_areas(),
            Subject::Mou(m) => m.tech_areas(),
            Subject::Commitment(c) => c.tech_areas(),
            Subject::PartyAction(a) => match a.agreement() {
                Agreement::Partnership(p) => p.tech_areas(),
                Agreement::Mou(m) => m.tech_areas(),
            },
        }
    }

    /// The partnership it belongs to: the partnership itself, or the one a
    /// meeting or an MOU names. Commitments name none directly.
    pub(crate) fn partnership(self) -> Option<&'r Key<Partnership>> {
        match self {
            Subject::Partnership(p) => Some(p.key()),
            Subject::Meeting(m) => m.partnership(),
            Subject::Mou(m) => m.partnership(),
            Subject::Commitment(_) => None,
            Subject::PartyAction(a) => match a.agreement() {
                Agreement::Partnership(p) => Some(p.key()),
                Agreement::Mou(m) => m.partnership(),
            },
        }
    }

    /// The meeting series of a meeting.
    pub(crate) fn series(self) -> Option<&'r SeriesKey> {
        match self {
            Subject::Meeting(m) => m.series(),
            _ => None,
        }
    }
}

/// The order key of an event (see [`Event`]).
pub(crate) type OrderKey<'r> = (i32, i32, EventKind, EntityKind, &'r str, u16);

/// One dated fact of the timeline: an entity, what happened, and when.
///
/// Most events fall on one day, their [`date`](Event::date). A meeting of
/// several days lasts from its date to its [`end`](Event::end), and is in a
/// window when it overlaps it (see [`Hit::is_certain`](crate::Hit::is_certain)).
///
/// Events are totally ordered: by their sort day (the earliest candidate
/// of their date; for an open start, the latest day the event may cover),
/// then the latest day the event may cover (the latest candidate of its
/// date, or of its end), then [`EventKind`], entity kind and key. An
/// entity has at most one event of each kind, so no two events of a
/// registry are equal.
///
/// An event serializes as the JSON object a dashboard needs:
///
/// ```
/// let registry = pactum::seed();
/// let event = registry.events()[0];
/// let json = serde_json::to_value(event)?;
/// assert_eq!(json["kind"], "meeting_held");
/// assert_eq!(json["date"], "2020");
/// assert_eq!(json["key"], "kr-motie-digital-growth-act-tf-kickoff");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Event<'r> {
    kind: EventKind,
    subject: Subject<'r>,
}

/// The last day of the event of kind `kind` of an entity, when it lasts
/// several days: a meeting's end, for the one event of the meeting.
fn end_of<'r>(subject: Subject<'r>, kind: EventKind) -> Option<&'r Date> {
    match subject {
        Subject::Meeting(m) if kind == EventKind::of_meeting(m.status()) => m.end(),
        _ => None,
    }
}

/// Whether an event of `date` (lasting to `end`, for an event of several
/// days) is possibly and certainly in `window`: see [`Event::within`].
pub(crate) fn dates_within(date: &Date, end: Option<&Date>, window: &Window) -> (bool, bool) {
    match end {
        None => (date.possibly_within(window), date.certainly_within(window)),
        Some(end) => span_within(
            date,
            end,
            window.first_day_number(),
            window.last_day_number(),
        ),
    }
}

/// Whether an event lasting from a day of `start` to a day of `end`
/// (inclusive) is possibly and certainly in `from..=to`, as day numbers.
///
/// A reading of the event is a candidate day of each, the start no later
/// than the end. It is possibly in the window when some reading overlaps
/// it: the widest reading, from the earliest start to the latest end (both
/// candidates themselves, and in order, as validation keeps an end from
/// certainly preceding its start), does then. It is certainly in the
/// window when every reading overlaps it: no reading starts after the
/// window (a start candidate after it, no later than the latest end) and
/// none ends before it (an end candidate before it, no earlier than the
/// earliest start). Dates with gaps are asked for their candidate days.
pub(crate) fn span_within(start: &Date, end: &Date, from: i32, to: i32) -> (bool, bool) {
    let (first, last) = (start.earliest_day_number(), end.latest_day_number());
    let possibly = first <= to && last >= from;
    let starts_late = to != i32::MAX && start.possibly_between(to + 1, last);
    let ends_early = from != i32::MIN && end.possibly_between(first, from - 1);
    (possibly, possibly && !starts_late && !ends_early)
}

/// The date of the event of kind `kind` of an entity, if it has one.
fn date_of<'r>(subject: Subject<'r>, kind: EventKind) -> Option<&'r Date> {
    match (subject, kind) {
        (Subject::Partnership(p), EventKind::PartnershipEstablished) => p.established(),
        (Subject::Partnership(p), EventKind::PartnershipEnded) => p.ended(),
        (Subject::Meeting(m), k) if k == EventKind::of_meeting(m.status()) => Some(m.date()),
        (Subject::Mou(m), EventKind::MouSigned) => Some(m.signed()),
        (Subject::Mou(m), EventKind::MouEnteredIntoForce) => m.entry_into_force(),
        (Subject::Mou(m), EventKind::MouExpired) => m.expiry(),
        (Subject::Mou(m), EventKind::MouTerminated) => m.termination(),
        (Subject::Commitment(c), EventKind::CommitmentDue) => c.due(),
        (Subject::Commitment(c), k) if Some(k) == EventKind::of_resolution(c.status()) => {
            c.status_date()
        }
        (Subject::PartyAction(a), k) => {
            let action = a.action();
            (k == EventKind::from(action.kind())).then(|| action.date())
        }
        _ => None,
    }
}

impl<'r> Event<'r> {
    /// The event of kind `kind` of an entity that the index lists with
    /// that kind, without reading the entity: a query builds its hits
    /// without touching entities it does not need to.
    pub(crate) fn indexed(subject: Subject<'r>, kind: EventKind) -> Event<'r> {
        Event { kind, subject }
    }

    /// Every event of an entity, in kind order.
    #[cfg(feature = "naive")]
    pub(crate) fn all_of(subject: Subject<'r>) -> impl Iterator<Item = Event<'r>> {
        let actions = subject.agreement().into_iter().flat_map(actions_of);
        Event::dates_of(subject)
            .map(move |(kind, _, _)| Event { kind, subject })
            .chain(actions.map(|a| Event {
                kind: EventKind::from(a.action().kind()),
                subject: Subject::PartyAction(a),
            }))
    }

    /// The kind, date and end (for an event of several days) of every
    /// event of an entity, in kind order.
    pub(crate) fn dates_of(
        subject: Subject<'r>,
    ) -> impl Iterator<Item = (EventKind, &'r Date, Option<&'r Date>)> {
        use EventKind as K;
        // The kinds an entity of each sort can have, in kind order: asking
        // only these keeps the index build from trying all fourteen.
        let kinds: [Option<EventKind>; 4] = match subject {
            Subject::Partnership(_) => [
                Some(K::PartnershipEstablished),
                Some(K::PartnershipEnded),
                None,
                None,
            ],
            Subject::Meeting(m) => [Some(EventKind::of_meeting(m.status())), None, None, None],
            Subject::Mou(_) => [
                Some(K::MouSigned),
                Some(K::MouEnteredIntoForce),
                Some(K::MouExpired),
                Some(K::MouTerminated),
            ],
            Subject::Commitment(c) => [
                Some(K::CommitmentDue),
                EventKind::of_resolution(c.status()),
                None,
                None,
            ],
            Subject::PartyAction(a) => [Some(EventKind::from(a.action().kind())), None, None, None],
        };
        kinds
            .into_iter()
            .flatten()
            .filter_map(move |k| Some((k, date_of(subject, k)?, end_of(subject, k))))
    }

    /// What happened.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// When: the date of the field the event comes from; for an event of
    /// several days, its first day.
    pub fn date(&self) -> &'r Date {
        // Every event is made for a date its entity has (`dates_of`, which
        // the index is built from and kept in step with), so the fallback,
        // a date that says nothing, is never reached.
        date_of(self.subject, self.kind).unwrap_or_else(|| Date::unknown())
    }

    /// The last day, inclusive, of an event that lasts several days (a
    /// meeting with an [`end`](Meeting::end)); `None` for an event of one
    /// day.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let event = registry.events()[0];
    /// assert_eq!(event.end(), None);
    /// ```
    pub fn end(&self) -> Option<&'r Date> {
        end_of(self.subject, self.kind)
    }

    /// The first and last days the event may cover, as day numbers: its
    /// date's, or for an event of several days from the earliest candidate
    /// of its date to the latest of its end.
    pub(crate) fn days(&self) -> (i32, i32) {
        let date = self.date();
        let last = self.end().unwrap_or(date).latest_day_number();
        (date.earliest_day_number(), last)
    }

    /// Whether the event is possibly and certainly in `window`: its date
    /// is, or for an event of several days, it overlaps the window in some
    /// and in every reading (see [`span_within`]).
    pub(crate) fn within(&self, window: &Window) -> (bool, bool) {
        dates_within(self.date(), self.end(), window)
    }

    /// Whether the event possibly and certainly starts after `day` (a day
    /// number): for an event of several days, on a start candidate no
    /// later than its latest end.
    pub(crate) fn starts_after(&self, day: i32) -> (bool, bool) {
        let date = self.date();
        let last = self.end().unwrap_or(date).latest_day_number();
        let possibly = day != i32::MAX && date.possibly_between(day + 1, last);
        (possibly, date.earliest_day_number() > day)
    }

    /// The entity it belongs to.
    pub fn subject(&self) -> Subject<'r> {
        self.subject
    }

    /// The key of the entity it belongs to.
    pub fn key(&self) -> &'r str {
        self.subject.key()
    }

    /// The institutions the event names, each once: a partnership's parties,
    /// a meeting's organizers, participants and the institutions of its
    /// chairs and attendees, an MOU's signatories and the institutions its
    /// signers act for, a commitment's owners.
    pub fn institutions(&self) -> Vec<&'r Key<Institution>> {
        self.subject.institutions()
    }

    /// The technology areas its entity names.
    pub fn tech_areas(&self) -> &'r [Key<TechArea>] {
        self.subject.tech_areas()
    }

    /// The partnership it belongs to: the partnership itself, or the one a
    /// meeting or an MOU names. Commitments name none directly.
    pub fn partnership(&self) -> Option<&'r Key<Partnership>> {
        self.subject.partnership()
    }

    /// The meeting series of a meeting.
    pub fn series(&self) -> Option<&'r SeriesKey> {
        self.subject.series()
    }

    /// The party's action, for the event of a party action.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let event = registry.events()[0];
    /// assert!(event.party_action().is_none());
    /// ```
    pub fn party_action(&self) -> Option<PartyActionRef<'r>> {
        match self.subject {
            Subject::PartyAction(a) => Some(a),
            _ => None,
        }
    }

    /// The event's place in the total order: its sort day, latest day,
    /// kind, entity kind, key, and for a party action its place among its
    /// agreement's actions.
    pub(crate) fn order_key(&self) -> OrderKey<'r> {
        // The days are looked up in the entity: once, not once per field.
        let (first, last) = self.days();
        (
            sort_day(first, last),
            last,
            self.kind,
            self.subject.kind(),
            self.subject.key(),
            self.subject.action_index(),
        )
    }
}

impl PartialEq for Event<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.order_key() == other.order_key()
    }
}

impl Eq for Event<'_> {}

impl Ord for Event<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for Event<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("kind", &self.kind)
            .field("date", self.date())
            .field("end", &self.end())
            .field("subject", &self.subject)
            .finish()
    }
}

impl fmt::Display for Event<'_> {
    /// The date (with the end of an event of several days: `2023-05-15 to
    /// 2023-05-16`), kind, key and label.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date())?;
        if let Some(end) = self.end() {
            write!(f, " to {end}")?;
        }
        write!(
            f,
            " {} {} ({})",
            self.kind,
            self.key(),
            self.subject.label()
        )?;
        match self.subject {
            Subject::PartyAction(a) => write!(f, " by {}", a.institution()),
            _ => Ok(()),
        }
    }
}

impl Serialize for Event<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Event", 11)?;
        let date = self.date();
        s.serialize_field("date", date)?;
        s.serialize_field("earliest", &date.earliest())?;
        s.serialize_field("latest", &date.latest())?;
        // Only an event of several days has an end: the others keep the
        // fields they had.
        match self.end() {
            Some(end) => s.serialize_field("end", end)?,
            None => s.skip_field("end")?,
        }
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("entity", &self.subject.kind())?;
        s.serialize_field("key", self.key())?;
        s.serialize_field("title", self.subject.label())?;
        s.serialize_field("partnership", &self.partnership())?;
        s.serialize_field("institutions", &self.institutions())?;
        s.serialize_field("tech_areas", self.tech_areas())?;
        s.end()
    }
}

/// An agreement: a partnership or an MOU.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Agreement<'r> {
    /// A partnership.
    Partnership(&'r Partnership),
    /// An MOU.
    Mou(&'r Mou),
}

impl<'r> Agreement<'r> {
    /// The agreement's key.
    pub fn key(&self) -> &'r str {
        match self {
            Agreement::Partnership(p) => p.key().as_str(),
            Agreement::Mou(m) => m.key().as_str(),
        }
    }

    /// The agreement's parties: a partnership's parties, an MOU's signatories.
    pub fn parties(&self) -> &'r [Key<Institution>] {
        match self {
            Agreement::Partnership(p) => p.parties(),
            Agreement::Mou(m) => m.signatories(),
        }
    }

    /// The agreement's `parties` entries with their actions, when it
    /// records them.
    pub fn party_records(&self) -> &'r [Party] {
        match self {
            Agreement::Partnership(p) => p.party_records(),
            Agreement::Mou(m) => m.parties(),
        }
    }

    /// The kind of entity it is.
    pub fn entity(&self) -> EntityKind {
        match self {
            Agreement::Partnership(_) => EntityKind::Partnership,
            Agreement::Mou(_) => EntityKind::Mou,
        }
    }

    /// A partnership's name or an MOU's title.
    pub fn label(&self) -> &'r str {
        match self {
            Agreement::Partnership(p) => p.name(),
            Agreement::Mou(m) => m.title(),
        }
    }
}

/// An agreement that is in force on a day, possibly or certainly. It
/// serializes as its entity kind, key, name and `certain`.
#[derive(Debug, Clone, Copy)]
pub struct InForce<'r> {
    pub(crate) agreement: Agreement<'r>,
    pub(crate) certain: bool,
}

impl<'r> InForce<'r> {
    /// The agreement.
    pub fn agreement(&self) -> Agreement<'r> {
        self.agreement
    }

    /// The agreement's key.
    pub fn key(&self) -> &'r str {
        self.agreement.key()
    }

    /// Whether it is certainly in force that day, not only possibly: its
    /// start certainly came and its end certainly did not.
    pub fn is_certain(&self) -> bool {
        self.certain
    }
}

impl Serialize for InForce<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (entity, name) = match self.agreement {
            Agreement::Partnership(p) => (EntityKind::Partnership, p.name()),
            Agreement::Mou(m) => (EntityKind::Mou, m.title()),
        };
        let mut s = serializer.serialize_struct("InForce", 4)?;
        s.serialize_field("entity", &entity)?;
        s.serialize_field("key", self.key())?;
        s.serialize_field("name", name)?;
        s.serialize_field("certain", &self.certain)?;
        s.end()
    }
}

/// Where an agreement's parties come from: how many sides (countries,
/// blocs, international organisations) it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AgreementScope {
    /// All parties belong to one country, bloc or organisation.
    Domestic,
    /// Two sides.
    Bilateral,
    /// Three or more.
    Multilateral,
    /// Some party's country is not recorded, and the other sides do not
    /// settle the scope (fewer than three).
    Unknown,
}

/// The day that orders an event covering `first..=last`: the first, or
/// for an open start the last.
pub(crate) fn sort_day(first: i32, last: i32) -> i32 {
    if first == i32::MIN {
        last
    } else {
        first
    }
}

pub(crate) fn day_number(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.num_days_from_ce()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every hit of the timeline carries an event: a party action's
    /// subject keeps to the 16 bytes of the others (a reference and a
    /// tag), so that an event is 24 bytes whatever its subject.
    #[test]
    fn a_subject_is_16_bytes_and_an_event_24() {
        assert_eq!(std::mem::size_of::<PartyActionRef<'_>>(), 16);
        assert_eq!(std::mem::size_of::<Subject<'_>>(), 16);
        assert_eq!(std::mem::size_of::<Event<'_>>(), 24);
    }
}
