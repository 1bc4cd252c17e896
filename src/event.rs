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
    pub const ALL: [EventKind; 14] = [
        EventKind::PartnershipEstablished,
        EventKind::MouSigned,
        EventKind::MouEnteredIntoForce,
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
}

impl<'r> Subject<'r> {
    /// The entity's key.
    pub fn key(&self) -> &'r str {
        match self {
            Subject::Partnership(p) => p.key().as_str(),
            Subject::Meeting(m) => m.key().as_str(),
            Subject::Mou(m) => m.key().as_str(),
            Subject::Commitment(c) => c.key().as_str(),
        }
    }

    /// The entity's kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Subject::Partnership(_) => EntityKind::Partnership,
            Subject::Meeting(_) => EntityKind::Meeting,
            Subject::Mou(_) => EntityKind::Mou,
            Subject::Commitment(_) => EntityKind::Commitment,
        }
    }

    /// A readable label: the name, title or description.
    pub fn label(&self) -> &'r str {
        match self {
            Subject::Partnership(p) => p.name(),
            Subject::Meeting(m) => m.name(),
            Subject::Mou(m) => m.title(),
            Subject::Commitment(c) => c.description(),
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
        }
    }

    /// The technology areas its entity names.
    pub(crate) fn tech_areas(self) -> &'r [Key<TechArea>] {
        match self {
            Subject::Partnership(p) => p.tech_areas(),
            Subject::Meeting(m) => m.tech_areas(),
            Subject::Mou(m) => m.tech_areas(),
            Subject::Commitment(c) => c.tech_areas(),
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
        Event::dates_of(subject).map(move |(kind, _, _)| Event { kind, subject })
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
        let date = self.date();
        match self.end() {
            None => (date.possibly_within(window), date.certainly_within(window)),
            Some(end) => span_within(
                date,
                end,
                window.first_day_number(),
                window.last_day_number(),
            ),
        }
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

    pub(crate) fn order_key(&self) -> (i32, i32, EventKind, EntityKind, &'r str) {
        // The days are looked up in the entity: once, not once per field.
        let (first, last) = self.days();
        (
            sort_day(first, last),
            last,
            self.kind,
            self.subject.kind(),
            self.subject.key(),
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
        )
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
