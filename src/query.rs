//! Questions a registry answers about time and involvement: the timeline of
//! events, what is in force on a day, the next and previous meetings of a
//! partnership or series and their cadence, commitments as of a day, and
//! everything an institution takes part in.
//!
//! Every time-dependent question takes the day as an argument: there is no
//! implicit "today". Answers borrow from the registry.
//!
//! # Events and their order
//!
//! Every dated field of a partnership, meeting, MOU or commitment is an
//! [`Event`] of some [`EventKind`]. Events are totally ordered by the *sort
//! day* of their date (its earliest candidate; for an open start such as
//! `[..2023-08-06]`, its latest), then its latest candidate, then the event
//! kind, entity kind and key.
//!
//! # Possibly and certainly
//!
//! A window query keeps an event when its date is *possibly* in the window
//! (some candidate day is in it); each [`Hit`] says whether it is also
//! *certainly* in it (every candidate is). [`Timeline::certainly`] keeps only
//! the certain ones. A disputed date `[2023-06-23,2023-06-30]` is possibly in
//! a window holding either day, and in none holding only the days between.
//!
//! # How do I…
//!
//! - list what happened in a window: [`Registry::timeline`] with
//!   [`Timeline::within`];
//! - narrow to an institution (with or without those under it), a country
//!   or bloc, a technology area (with or without its sub-areas), a
//!   partnership, a meeting series or event kinds: the other methods of
//!   [`Timeline`];
//! - page through the timeline: [`Timeline::after`], [`Timeline::before`],
//!   [`Timeline::limit`], [`Timeline::reverse`];
//! - ask what is in force: [`Registry::in_force_on`];
//! - find the next or previous meeting, or the gaps between sessions:
//!   [`Registry::next_meeting`], [`Registry::previous_meeting`],
//!   [`Registry::cadence`];
//! - find open, met or overdue commitments: [`Registry::commitments_as_of`];
//! - see everything an institution is involved in: [`Registry::involving`].
//!
//! ```
//! use chrono::NaiveDate;
//!
//! let registry = pactum::seed();
//! let day = NaiveDate::from_ymd_opt(2023, 4, 25).unwrap();
//! let in_force = registry.in_force_on(day);
//! let csp = in_force.iter().find(|a| a.key() == "vn-kr-csp").expect("in force");
//! assert!(csp.is_certain());
//! ```
//!
//! # Design
//!
//! The registry keeps indexes for these queries, each built when a query
//! first needs it (or all at once by [`Registry::build_indexes`]) and
//! updated by every successful edit (a failed edit leaves them as they
//! were): an interval index over the day ranges of the events, posting
//! lists by event kind, institution, technology area, partnership and
//! series, each kept in the events' total order, and the days each
//! agreement is possibly and certainly in force, in the order
//! [`Registry::in_force_on`] answers. A query walks the smallest of the
//! posting lists its filters select (or the interval index of every event
//! when it has no filter), merges them in order and checks the other
//! filters on each candidate; the window skips, within each list, every
//! block of events that cannot reach it. The interval index is a sorted
//! array of 16-byte slots (day range, kind, entity) with a few levels of
//! block maxima of the events' latest days, an implicit augmented interval
//! tree that yields hits in order, forward or backward, and can stop after
//! the first few. A hit is decided from its slot; the entity is read only
//! for a date that is a list of alternatives or for a filter that needs it.
//! A count of the events possibly in a window ([`Timeline::count`]) walks
//! nothing: it reads how many events start by the window's end and how
//! many end before its start.
//!
//! Every query has a plain linear-scan counterpart in `pactum::naive` (with
//! the `naive` feature); property tests check that both agree, in order.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::commitment::{Commitment, CommitmentStatus};
use crate::country::Country;
use crate::date::{Date, Window};
use crate::id::{EntityKind, Key, SeriesKey};
use crate::index::{Bounds, Cursor, Run, Slot};
use crate::institution::Institution;
use crate::meeting::{Meeting, MeetingStatus};
use crate::mou::Mou;
use crate::official::Official;
use crate::partnership::Partnership;
use crate::registry::Registry;
use crate::taxonomy::TechArea;

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
                for k in m.signed_by().iter().filter_map(Official::institution) {
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
/// Events are totally ordered: by the sort day of their date (the earliest
/// candidate; for an open start, the latest), then the latest day, then
/// [`EventKind`], entity kind and key. An entity has at most one event of
/// each kind, so no two events of a registry are equal.
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
        Event::dates_of(subject).map(move |(kind, _)| Event { kind, subject })
    }

    /// The kind and date of every event of an entity, in kind order.
    pub(crate) fn dates_of(subject: Subject<'r>) -> impl Iterator<Item = (EventKind, &'r Date)> {
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
            .filter_map(move |k| Some((k, date_of(subject, k)?)))
    }

    /// What happened.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// When: the date of the field the event comes from.
    pub fn date(&self) -> &'r Date {
        // Every event is made for a date its entity has (`dates_of`, which
        // the index is built from and kept in step with), so the fallback,
        // a date that says nothing, is never reached.
        date_of(self.subject, self.kind).unwrap_or_else(|| Date::unknown())
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
        // The date is looked up in the entity: once, not once per field.
        let date = self.date();
        (
            date.sort_day_number(),
            date.latest_day_number(),
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
            .field("subject", &self.subject)
            .finish()
    }
}

impl fmt::Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} ({})",
            self.date(),
            self.kind,
            self.key(),
            self.subject.label()
        )
    }
}

impl Serialize for Event<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Event", 9)?;
        let date = self.date();
        s.serialize_field("date", date)?;
        s.serialize_field("earliest", &date.earliest())?;
        s.serialize_field("latest", &date.latest())?;
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

/// Where an MOU's signatories come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AgreementScope {
    /// All signatories belong to one country or bloc.
    Domestic,
    /// Two countries or blocs.
    Bilateral,
    /// Three or more.
    Multilateral,
}

pub(crate) fn day_number(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.num_days_from_ce()
}

impl Registry {
    /// Every dated event of the dataset in chronological order (see
    /// [`Event`] for the order).
    ///
    /// Undated facts (a partnership whose start is unknown, a commitment
    /// without a deadline) have no event.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let events = registry.events();
    /// assert!(events.windows(2).all(|w| w[0] <= w[1]));
    /// assert_eq!(events[0].key(), "kr-motie-digital-growth-act-tf-kickoff");
    /// ```
    pub fn events(&self) -> Vec<Event<'_>> {
        self.timeline()
            .run()
            .map(|hits| hits.map(|h| h.event()).collect())
            .unwrap_or_default()
    }

    /// The MOUs and partnerships in force on `day`, possibly or certainly
    /// (see [`InForce::is_certain`]), partnerships first, each kind in key
    /// order.
    ///
    /// An MOU is in force from its entry into force (or, when none is
    /// recorded, its signature) through its expiry day; a termination takes
    /// effect on its day. A partnership is in force from its establishment
    /// until the day it ended; one with no known start is possibly in force
    /// on every day before its end.
    pub fn in_force_on(&self, day: NaiveDate) -> Vec<InForce<'_>> {
        let n = day_number(day);
        // The in-force index lists agreements in the answer's order, with
        // the days each is possibly and certainly in force: the answer
        // needs neither a sort nor a read of the agreements' dates.
        let force = self.index().force(self);
        let masks = force.masks(n);
        let count = masks.iter().map(|m| m.count_ones() as usize).sum();
        let mut out = Vec::with_capacity(count);
        force.each_on(n, &masks, |term, certain| {
            let agreement = match term.subject(self) {
                Some(Subject::Partnership(p)) => Agreement::Partnership(p),
                Some(Subject::Mou(m)) => Agreement::Mou(m),
                _ => return,
            };
            out.push(InForce { agreement, certain });
        });
        out
    }

    /// The meetings of a partnership, in chronological order (session order
    /// within a series, which validation keeps consistent with the dates).
    ///
    /// An unknown key gives an empty list.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry
    ///     .meetings_of("eu-kr-digital")
    ///     .iter()
    ///     .map(|m| m.key().as_str())
    ///     .collect();
    /// assert_eq!(keys, ["eu-kr-dpc-1", "eu-kr-dpc-2", "eu-kr-dpc-3"]);
    /// ```
    pub fn meetings_of(&self, partnership: &str) -> Vec<&Meeting> {
        let postings = self.index().postings(self);
        let mut meetings = meetings_in_run(self, postings.of_partnership(partnership));
        meetings.sort_unstable_by(|a, b| meeting_order(a, b));
        meetings
    }

    /// The meetings of a council series in session order; meetings of the
    /// series without a session number come last, by date.
    pub fn meetings_in_series(&self, series: &str) -> Vec<&Meeting> {
        let postings = self.index().postings(self);
        let mut meetings = meetings_in_run(self, postings.of_series(series));
        meetings.sort_unstable_by(|a, b| {
            let session = |m: &Meeting| m.session().map_or(u64::MAX, u64::from);
            session(a)
                .cmp(&session(b))
                .then_with(|| meeting_order(a, b))
        });
        meetings
    }

    /// The institution and every institution under it, directly or through
    /// intermediate bodies, starting with the institution itself. Empty for
    /// an unknown key.
    pub fn institution_and_below(&self, key: &str) -> Vec<&Institution> {
        let Some(root) = self.institution(key) else {
            return Vec::new();
        };
        self.index()
            .institution_and_below(root.key().as_str())
            .into_iter()
            .filter_map(|k| self.institution(k))
            .collect()
    }

    /// Whether `institution` is `ancestor` or sits under it.
    pub fn is_under(&self, institution: &str, ancestor: &str) -> bool {
        let mut current = Some(institution);
        // The hierarchy has no cycles, but the bound keeps the walk finite
        // whatever the data.
        for _ in 0..=self.institutions().len() {
            match current {
                Some(k) if k == ancestor => return true,
                Some(k) => {
                    current = self
                        .institution(k)
                        .and_then(|i| i.parent())
                        .map(Key::as_str)
                }
                None => return false,
            }
        }
        false
    }

    /// The events of every entity that involves the institution or one under
    /// it, in chronological order: partnerships it is a party of, meetings
    /// that name it (organizer, participant, or the institution of a chair or
    /// attendee), MOUs it signed or whose signers act for it, and commitments
    /// it owns.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.involving("kr-msit").map(|e| e.key()).collect();
    /// assert!(keys.contains(&"kr-mnd-msit-2021"));
    /// ```
    pub fn involving<'r>(&'r self, institution: &str) -> impl Iterator<Item = Event<'r>> + 'r {
        self.timeline()
            .institution_or_below(institution)
            .run()
            .into_iter()
            .flatten()
            .map(|h| h.event())
    }

    /// The side an official is on: the country given for them, or else the
    /// country of the institution they act for.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let review = registry.meeting("kr-us-mou-review-2023").unwrap();
    /// for official in review.attendees() {
    ///     assert_eq!(registry.side_of(official), Some(pactum::Country::KR));
    /// }
    /// ```
    pub fn side_of(&self, official: &Official) -> Option<Country> {
        official.country().or_else(|| {
            official
                .institution()
                .and_then(|k| self.institution(k.as_str()))
                .map(Institution::country)
        })
    }

    /// Whether an MOU is domestic, bilateral or multilateral, from the
    /// countries (or blocs) of its signatories.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let mou = registry.mou("kr-mnd-msit-2021").unwrap();
    /// assert_eq!(registry.scope_of(mou), pactum::AgreementScope::Domestic);
    /// ```
    pub fn scope_of(&self, mou: &Mou) -> AgreementScope {
        let mut countries: Vec<Country> = mou
            .signatories()
            .iter()
            .filter_map(|k| self.institution(k.as_str()))
            .map(Institution::country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        match countries.len() {
            0 | 1 => AgreementScope::Domestic,
            2 => AgreementScope::Bilateral,
            _ => AgreementScope::Multilateral,
        }
    }

    /// Meetings that are still scheduled although their date has certainly
    /// passed before `day`, in timeline order.
    pub fn stale_meetings(&self, day: NaiveDate) -> impl Iterator<Item = &Meeting> {
        self.due_before(EventKind::MeetingScheduled, day)
            .filter_map(|e| match e.subject() {
                Subject::Meeting(m) => Some(m),
                _ => None,
            })
    }

    /// Commitments whose status is open and whose due date certainly
    /// precedes `day` ([`Commitment::is_overdue`]), in timeline order. See
    /// [`Registry::commitments_as_of`] to judge by the status as of `day`.
    pub fn overdue_commitments(&self, day: NaiveDate) -> impl Iterator<Item = &Commitment> {
        self.due_before(EventKind::CommitmentDue, day)
            .filter_map(|e| match e.subject() {
                Subject::Commitment(c) if c.status() == CommitmentStatus::Open => Some(c),
                _ => None,
            })
    }

    /// The events of a kind whose date certainly precedes `day`.
    fn due_before(&self, kind: EventKind, day: NaiveDate) -> impl Iterator<Item = Event<'_>> {
        day.pred_opt()
            .and_then(|last| {
                self.timeline()
                    .kind(kind)
                    .within(Window::until(last))
                    .certainly()
                    .run()
                    .ok()
            })
            .into_iter()
            .flatten()
            .map(|h| h.event())
    }
}

/// The meetings listed in a run, in no particular order.
fn meetings_in_run<'r>(reg: &'r Registry, run: Option<&'r Run>) -> Vec<&'r Meeting> {
    let Some(run) = run else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for mut cursor in run.cursors(&Bounds::everything(false)) {
        while let Some(slot) = cursor.next() {
            if let Some(Subject::Meeting(m)) = slot.subject(reg) {
                out.push(m);
            }
        }
    }
    out
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
/// assert_eq!(err.to_string(), r#"unknown institution "kr-mist": did you mean "kr-msit"?"#);
/// assert_eq!(err.suggestion(), Some("kr-msit"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {key:?}{}", suggestion.as_ref().map(|s| format!(": did you mean {s:?}?")).unwrap_or_default())]
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

/// The candidate closest to `wanted` by edit distance, if close enough to be
/// a likely typo.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|k| (strsim::damerau_levenshtein(wanted, k), k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// One filter of a [`Timeline`] query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Filter {
    Institution { key: String, below: bool },
    Country(Country),
    Area { key: String, below: bool },
    Partnership(String),
    Series(String),
}

/// A timeline query: which events, in which window, in which order.
///
/// Start one with [`Registry::timeline`], add filters, and call
/// [`run`](Timeline::run) for the hits, an iterator in the total order of
/// [`Event`]s (or its reverse). Every filter narrows the answer: an event is
/// a hit when it passes all of them. [`kind`](Timeline::kind) is the one
/// exception: several kinds make a set, and an event passes when it has one
/// of them.
///
/// The window is read with the semantics of [`Date`]: by default an event is
/// a hit when its date is *possibly* in the window, and each [`Hit`] says
/// whether it is also *certainly* in it; [`certainly`](Timeline::certainly)
/// keeps only those.
///
/// The query runs on the registry's indexes: it walks the smallest of the
/// posting lists its filters select (or the interval index of every event),
/// so a selective filter never scans the whole timeline.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::{EventKind, Window};
///
/// let registry = pactum::seed();
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let june_2023 = Window::new(day(2023, 6, 1), day(2023, 6, 30))?;
/// let hits: Vec<(String, bool)> = registry
///     .timeline()
///     .within(june_2023)
///     .partnership("eu-kr-digital")
///     .kind(EventKind::MeetingHeld)
///     .run()?
///     .map(|h| (h.event().key().to_owned(), h.is_certain()))
///     .collect();
/// // The first council met on one of two days, both in June.
/// assert_eq!(hits, [("eu-kr-dpc-1".to_owned(), true)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[must_use = "a timeline query does nothing until it is run"]
pub struct Timeline<'r> {
    pub(crate) registry: &'r Registry,
    pub(crate) window: Window,
    pub(crate) certainly: bool,
    pub(crate) filters: Vec<Filter>,
    pub(crate) kinds: Vec<EventKind>,
    pub(crate) limit: Option<usize>,
    pub(crate) reverse: bool,
    pub(crate) after: Option<NaiveDate>,
    pub(crate) before: Option<NaiveDate>,
    pub(crate) after_event: Option<Mark>,
    pub(crate) before_event: Option<Mark>,
}

// The registry is left out of the debug output: it can be huge.
impl fmt::Debug for Timeline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeline")
            .field("window", &self.window)
            .field("certainly", &self.certainly)
            .field("filters", &self.filters)
            .field("kinds", &self.kinds)
            .field("limit", &self.limit)
            .field("reverse", &self.reverse)
            .field("after", &self.after)
            .field("before", &self.before)
            .field("after_event", &self.after_event)
            .field("before_event", &self.before_event)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Hits<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hits")
            .field("window", &self.window)
            .field("certainly", &self.bounds.certainly)
            .field("started", &self.started)
            .field("cursors", &self.cursors.len())
            .field(
                "queued",
                &(self.few.len() + self.heap.len() + usize::from(self.first.is_some())),
            )
            .field("remaining", &self.remaining)
            .finish_non_exhaustive()
    }
}

/// The place of an event in the total order, kept by a paging cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    sort: i32,
    latest: i32,
    kind: EventKind,
    entity: EntityKind,
    key: String,
}

impl Mark {
    fn of(event: &Event<'_>) -> Mark {
        let (sort, latest, kind, entity, key) = event.order_key();
        Mark {
            sort,
            latest,
            kind,
            entity,
            key: key.to_owned(),
        }
    }

    /// How an event's order key compares with the mark.
    pub(crate) fn cmp_key(&self, key: &(i32, i32, EventKind, EntityKind, &str)) -> Ordering {
        (
            self.sort,
            self.latest,
            self.kind,
            self.entity,
            self.key.as_str(),
        )
            .cmp(key)
    }
}

impl<'r> Timeline<'r> {
    /// Keeps the events whose date is possibly in `window` (by default, every
    /// day).
    pub fn within(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    /// Keeps only the events certainly in the window: every candidate day of
    /// their date is in it.
    pub fn certainly(mut self) -> Self {
        self.certainly = true;
        self
    }

    /// Keeps the events that name the institution itself (see
    /// [`Event::institutions`]).
    pub fn institution(mut self, key: &str) -> Self {
        self.filters.push(Filter::Institution {
            key: key.to_owned(),
            below: false,
        });
        self
    }

    /// Keeps the events that name the institution or one under it.
    pub fn institution_or_below(mut self, key: &str) -> Self {
        self.filters.push(Filter::Institution {
            key: key.to_owned(),
            below: true,
        });
        self
    }

    /// Keeps the events that name an institution of the country or bloc.
    pub fn country(mut self, country: Country) -> Self {
        self.filters.push(Filter::Country(country));
        self
    }

    /// Keeps the events whose entity names the technology area itself.
    pub fn area(mut self, key: &str) -> Self {
        self.filters.push(Filter::Area {
            key: key.to_owned(),
            below: false,
        });
        self
    }

    /// Keeps the events whose entity names the technology area or one of
    /// its sub-areas, at any depth.
    pub fn area_or_below(mut self, key: &str) -> Self {
        self.filters.push(Filter::Area {
            key: key.to_owned(),
            below: true,
        });
        self
    }

    /// Keeps the events of a partnership (see [`Event::partnership`]).
    pub fn partnership(mut self, key: &str) -> Self {
        self.filters.push(Filter::Partnership(key.to_owned()));
        self
    }

    /// Keeps the meetings of a series.
    pub fn series(mut self, key: &str) -> Self {
        self.filters.push(Filter::Series(key.to_owned()));
        self
    }

    /// Keeps the events of this kind, or of any kind given so far.
    pub fn kind(mut self, kind: EventKind) -> Self {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
        self
    }

    /// Stops after `n` hits.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = Some(n);
        self
    }

    /// Yields the hits from the last to the first.
    pub fn reverse(mut self) -> Self {
        self.reverse = true;
        self
    }

    /// Keeps the events that sort after `day`: their sort day (the earliest
    /// candidate; for an open start, the latest) is later than `day`. With
    /// [`limit`](Timeline::limit), pages forward through the timeline.
    pub fn after(mut self, day: NaiveDate) -> Self {
        self.after = Some(day);
        self
    }

    /// Keeps the events that sort before `day`: their sort day is earlier
    /// than `day`.
    pub fn before(mut self, day: NaiveDate) -> Self {
        self.before = Some(day);
        self
    }

    /// Keeps the events that come after `event` in the total order: the
    /// cursor to page through a timeline with [`limit`](Timeline::limit),
    /// however many events share a day.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let first_page: Vec<_> = registry.timeline().limit(3).run()?.collect();
    /// let last = first_page.last().expect("a full page").event();
    /// let second_page: Vec<_> = registry.timeline().after_event(&last).limit(3).run()?.collect();
    /// let all: Vec<_> = registry.timeline().limit(6).run()?.collect();
    /// assert_eq!([first_page, second_page].concat(), all);
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn after_event(mut self, event: &Event<'_>) -> Self {
        self.after_event = Some(Mark::of(event));
        self
    }

    /// Keeps the events that come before `event` in the total order; with
    /// [`reverse`](Timeline::reverse) and [`limit`](Timeline::limit), pages
    /// backward.
    pub fn before_event(mut self, event: &Event<'_>) -> Self {
        self.before_event = Some(Mark::of(event));
        self
    }

    /// The range of sort days that the cursors allow.
    pub(crate) fn sort_range(&self) -> (i32, i32) {
        let mut from = self
            .after
            .map_or(i32::MIN, |d| day_number(d).saturating_add(1));
        let mut to = self
            .before
            .map_or(i32::MAX, |d| day_number(d).saturating_sub(1));
        if let Some(mark) = &self.after_event {
            from = from.max(mark.sort);
        }
        if let Some(mark) = &self.before_event {
            to = to.min(mark.sort);
        }
        (from, to)
    }

    /// Checks that every key the query names exists.
    pub(crate) fn check(&self) -> Result<(), QueryError> {
        let reg = self.registry;
        for filter in &self.filters {
            match filter {
                Filter::Institution { key, .. } if reg.institution(key).is_none() => {
                    return Err(QueryError::unknown(
                        "institution",
                        key,
                        closest(key, reg.institutions().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Area { key, .. } if reg.tech_area(key).is_none() => {
                    return Err(QueryError::unknown(
                        "tech area",
                        key,
                        closest(key, reg.tech_areas().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Partnership(key) if reg.partnership(key).is_none() => {
                    return Err(QueryError::unknown(
                        "partnership",
                        key,
                        closest(key, reg.partnerships().iter().map(|e| e.key().as_str())),
                    ))
                }
                Filter::Series(key) if reg.index().postings(reg).of_series(key).is_none() => {
                    return Err(QueryError::unknown(
                        "series",
                        key,
                        closest(key, reg.index().postings(reg).series_keys()),
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Runs the query.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when a filter names an institution, technology
    /// area, partnership or series that the registry does not have.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let last = registry.timeline().reverse().limit(1).run()?.next().unwrap();
    /// // The promise, made at the second council, to meet in Seoul in 2025.
    /// assert_eq!(last.event().key(), "eu-kr-dpc-3-in-seoul");
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn run(&self) -> Result<Hits<'r>, QueryError> {
        self.plan().map(|plan| self.hits(plan))
    }

    /// The iterator over the hits of `plan`.
    fn hits(&self, plan: Plan<'r>) -> Hits<'r> {
        Hits {
            registry: self.registry,
            runs: plan.runs,
            bounds: plan.bounds,
            started: false,
            whole: plan.whole,
            cursors: Vec::new(),
            few: Vec::new(),
            first: None,
            heap: BinaryHeap::new(),
            tests: plan.tests,
            disjoint: plan.disjoint,
            plain: plan.plain,
            window: self.window,
            remaining: self.limit,
            last: None,
            after_event: self.after_event.clone().map(Box::new),
            before_event: self.before_event.clone().map(Box::new),
        }
    }

    /// Counts the hits: the number [`Iterator::count`] gives on the
    /// iterator that [`run`](Timeline::run) returns, without setting up the
    /// iterator when the count needs no walk (see [`Hits`]): the events
    /// possibly in a window, with no other condition than the one filter
    /// whose posting lists are counted, are counted from the days they
    /// start and end on.
    ///
    /// # Errors
    ///
    /// As for [`run`](Timeline::run).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{EventKind, Window};
    ///
    /// let reg = pactum::seed();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let q = reg.timeline().within(Window::new(day(2023, 1, 1), day(2023, 12, 31))?);
    /// assert_eq!(q.count()?, q.run()?.count());
    /// let meetings = q.kind(EventKind::MeetingHeld);
    /// assert_eq!(meetings.count()?, meetings.run()?.count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn count(&self) -> Result<usize, QueryError> {
        let plan = self.plan()?;
        if plan.whole {
            let n = count_possibly(self.registry, &plan.runs, &self.window);
            return Ok(self.limit.map_or(n, |cap| n.min(cap)));
        }
        Ok(self.hits(plan).count())
    }

    /// Looks up what the query names, and picks the posting lists to walk.
    #[inline(always)]
    fn plan(&self) -> Result<Plan<'r>, QueryError> {
        self.check()?;
        let (runs, tests, disjoint) = if self.filters.is_empty() && self.kinds.is_empty() {
            (Runs::One(self.registry.index().all()), Vec::new(), true)
        } else {
            self.pick()
        };
        let (sort_from, sort_to) = self.sort_range();
        let bounds = Bounds {
            from: self.window.first_day_number(),
            to: self.window.last_day_number(),
            certainly: self.certainly,
            sort_from,
            sort_to,
            reverse: self.reverse,
        };
        // A fresh count of the events possibly in the window, with no other
        // condition, needs no walk: each list is counted from its start and
        // end days.
        let plain = tests.is_empty() && self.after_event.is_none() && self.before_event.is_none();
        let whole =
            disjoint && plain && !self.certainly && (sort_from, sort_to) == (i32::MIN, i32::MAX);
        Ok(Plan {
            runs,
            tests,
            disjoint,
            plain,
            whole,
            bounds,
        })
    }

    /// The posting lists of the most selective filter, to walk; a test for
    /// each other filter; and whether no event is in two of the lists.
    fn pick(&self) -> (Runs<'r>, Vec<Test<'r>>, bool) {
        let reg = self.registry;
        let index = reg.index();
        let postings = || index.postings(reg);
        let mut tests: Vec<(Test<'r>, Vec<&'r Run>)> = Vec::new();
        for filter in &self.filters {
            let (test, keys): (Test<'r>, Vec<&'r str>) = match filter {
                Filter::Institution { key, below } => {
                    let Some(root) = reg.institution(key) else {
                        continue;
                    };
                    let root = root.key().as_str();
                    let keys = if *below {
                        index.institution_and_below(root)
                    } else {
                        vec![root]
                    };
                    (Test::Institutions(keys.iter().copied().collect()), keys)
                }
                Filter::Country(country) => {
                    let keys: Vec<&str> = index
                        .institutions_in(*country)
                        .iter()
                        .map(|k| &**k)
                        .collect();
                    (Test::Institutions(keys.iter().copied().collect()), keys)
                }
                Filter::Area { key, below } => {
                    let Some(root) = reg.tech_area(key) else {
                        continue;
                    };
                    let root = root.key().as_str();
                    let keys = if *below {
                        index.area_and_below(root)
                    } else {
                        vec![root]
                    };
                    (Test::Areas(keys.iter().copied().collect()), keys)
                }
                Filter::Partnership(key) => {
                    let Some(p) = reg.partnership(key) else {
                        continue;
                    };
                    let key = p.key().as_str();
                    tests.push((
                        Test::Partnership(key),
                        postings().of_partnership(key).into_iter().collect(),
                    ));
                    continue;
                }
                Filter::Series(key) => {
                    let Some(key) = postings().series_key(key) else {
                        continue;
                    };
                    tests.push((
                        Test::Series(key),
                        postings().of_series(key).into_iter().collect(),
                    ));
                    continue;
                }
            };
            let runs = match &test {
                Test::Institutions(_) => keys
                    .iter()
                    .filter_map(|k| postings().of_institution(k))
                    .collect(),
                _ => keys.iter().filter_map(|k| postings().of_area(k)).collect(),
            };
            tests.push((test, runs));
        }
        if !self.kinds.is_empty() {
            let runs = self
                .kinds
                .iter()
                .filter_map(|&k| postings().of_kind(k))
                .collect();
            tests.push((Test::Kinds(self.kinds.clone()), runs));
        }
        // Walk the most selective filter's posting lists; check the others.
        let cost = |runs: &[&Run]| runs.iter().map(|r| r.len()).sum::<usize>();
        let driver = tests
            .iter()
            .enumerate()
            .min_by_key(|(_, (_, runs))| cost(runs))
            .map(|(i, _)| i);
        let (runs, disjoint) = match driver {
            Some(i) => {
                let (test, runs) = tests.swap_remove(i);
                // The posting lists of distinct kinds share no event; those
                // of several institutions or areas may.
                let disjoint = runs.len() <= 1 || matches!(test, Test::Kinds(_));
                (Runs::Many(runs), disjoint)
            }
            None => (Runs::One(index.all()), true),
        };
        (runs, tests.into_iter().map(|(t, _)| t).collect(), disjoint)
    }
}

/// What a query walks and checks, once what it names is looked up.
struct Plan<'r> {
    runs: Runs<'r>,
    tests: Vec<Test<'r>>,
    disjoint: bool,
    plain: bool,
    whole: bool,
    bounds: Bounds,
}

/// The posting lists a query walks: most queries walk one, which is kept
/// with no allocation.
#[derive(Debug)]
enum Runs<'r> {
    One(&'r Run),
    Many(Vec<&'r Run>),
}

impl Default for Runs<'_> {
    fn default() -> Self {
        Runs::Many(Vec::new())
    }
}

impl<'r> std::ops::Deref for Runs<'r> {
    type Target = [&'r Run];

    fn deref(&self) -> &[&'r Run] {
        match self {
            Runs::One(run) => std::slice::from_ref(run),
            Runs::Many(runs) => runs,
        }
    }
}

/// The number of events of `runs` possibly in `window`, from their start
/// and end days (see [`Run::count_possibly`]); a date that is a list of
/// alternatives is asked itself.
fn count_possibly(registry: &Registry, runs: &[&Run], window: &Window) -> usize {
    let (from, to) = (window.first_day_number(), window.last_day_number());
    let possibly = |slot: &Slot| {
        slot.subject(registry)
            .is_some_and(|s| Event::indexed(s, slot.kind).date().possibly_within(window))
    };
    runs.iter()
        .map(|run| run.count_possibly(from, to, possibly))
        .sum()
}

/// A filter other than the one whose posting lists a query walks, checked
/// on each candidate.
#[derive(Debug, Clone)]
enum Test<'r> {
    Institutions(HashSet<&'r str>),
    Areas(HashSet<&'r str>),
    Partnership(&'r str),
    Series(&'r str),
    Kinds(Vec<EventKind>),
}

impl Test<'_> {
    fn accepts(&self, event: &Event<'_>) -> bool {
        match self {
            Test::Institutions(keys) => event
                .institutions()
                .iter()
                .any(|k| keys.contains(k.as_str())),
            Test::Areas(keys) => event.tech_areas().iter().any(|k| keys.contains(k.as_str())),
            Test::Partnership(key) => event.partnership().is_some_and(|p| p == key),
            Test::Series(key) => event.series().is_some_and(|s| s == key),
            Test::Kinds(kinds) => kinds.contains(&event.kind()),
        }
    }
}

/// An event that a query found, and whether it is certainly in the window.
///
/// It serializes as the event's fields plus `certain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Hit<'r> {
    #[serde(flatten)]
    pub(crate) event: Event<'r>,
    pub(crate) certain: bool,
}

impl<'r> Hit<'r> {
    /// The event.
    pub fn event(&self) -> Event<'r> {
        self.event
    }

    /// Whether every candidate day of the event's date is in the window, not
    /// only some.
    pub fn is_certain(&self) -> bool {
        self.certain
    }
}

/// The next event of one cursor, ready to be merged.
#[derive(Debug)]
struct Head<'r> {
    /// The slot's [`Slot::rank`].
    rank: u128,
    slot: Slot,
    cursor: usize,
    reverse: bool,
    registry: &'r Registry,
}

impl PartialEq for Head<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head<'_> {}

impl PartialOrd for Head<'_> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head<'_> {
    /// The heap pops the greatest head: the first event in walking order.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        let order = match self.rank.cmp(&other.rank) {
            Ordering::Equal => self.tie(other),
            order => order,
        };
        if self.reverse {
            order
        } else {
            order.reverse()
        }
    }
}

impl Head<'_> {
    /// The order of two heads whose slots' order fields tie: entity keys
    /// are read only then (the slots are at hand, the entities live
    /// elsewhere), and the cursor last.
    #[cold]
    fn tie(&self, other: &Self) -> Ordering {
        self.slot
            .key(self.registry)
            .cmp(other.slot.key(other.registry))
            .then_with(|| self.cursor.cmp(&other.cursor))
    }
}

/// Up to this many cursors, a query merges them by scanning their heads;
/// beyond, with a heap. An unfiltered query walks three.
const FEW_CURSORS: usize = 4;

/// The hits of a [`Timeline`] query, in order: an iterator that merges the
/// posting lists it walks and borrows every event from the registry.
///
/// [`Iterator::count`] answers without ordering the hits: a query with no
/// filter but kinds counts the events of each posting list on its own, and
/// the events possibly in a window, asked before any hit is taken and with
/// no other condition, are counted from the days the events start and end
/// on, with no walk: by two reads of a count for each day when there are
/// more events than days in their span, by two searches otherwise (the
/// first such count of a posting list builds what it reads; any edit of the
/// registry drops it). [`Timeline::count`] counts the same way without
/// setting up the iterator.
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::Window;
///
/// let reg = pactum::seed();
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let year = Window::new(day(2023, 1, 1), day(2023, 12, 31))?;
/// let q = reg.timeline().within(year);
/// assert_eq!(q.run()?.count(), q.run()?.fold(0, |n, _| n + 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Hits<'r> {
    registry: &'r Registry,
    cursors: Vec<Cursor<'r>>,
    /// The heads of the cursors when there are only a few (see
    /// `FEW_CURSORS`): picking the first by a scan beats a heap.
    few: Vec<Head<'r>>,
    /// With many cursors, the head that comes first, kept out of the heap:
    /// when one cursor holds many hits in a row, they go out without a heap
    /// operation.
    first: Option<Head<'r>>,
    heap: BinaryHeap<Head<'r>>,
    tests: Vec<Test<'r>>,
    /// Whether no event comes out of two cursors, so that the hits can be
    /// counted cursor by cursor, without the merge.
    disjoint: bool,
    /// Whether a hit needs nothing but its range in the window: no test,
    /// no paging cursor.
    plain: bool,
    /// The walked runs.
    runs: Runs<'r>,
    /// What the query asks of them.
    bounds: Bounds,
    /// Whether the cursors are set on the runs: only once a hit is asked
    /// for, so that a count that needs no walk sets none.
    started: bool,
    /// Whether a count of all hits may be had from the runs alone (see
    /// [`Run::count_possibly`]).
    whole: bool,
    window: Window,
    remaining: Option<usize>,
    last: Option<Slot>,
    /// The paging cursors, boxed: most queries have none.
    after_event: Option<Box<Mark>>,
    before_event: Option<Box<Mark>>,
}

impl<'r> Hits<'r> {
    /// Sets a cursor on each walked run, once.
    #[inline]
    fn start(&mut self) {
        if !self.started {
            self.set_cursors();
        }
    }

    /// Sets the cursors and queues their first heads: once a walk, so kept
    /// out of the loop that asks for hits.
    #[cold]
    fn set_cursors(&mut self) {
        self.started = true;
        let bounds = self.bounds;
        if bounds.sort_from <= bounds.sort_to {
            for run in std::mem::take(&mut self.runs).iter() {
                for cursor in run.cursors(&bounds) {
                    let i = self.cursors.len();
                    self.cursors.push(cursor);
                    if let Some(head) = self.head(i) {
                        self.heap.push(head);
                    }
                }
            }
        }
        if self.cursors.len() <= FEW_CURSORS {
            self.few = std::mem::take(&mut self.heap).into_vec();
        }
    }

    /// The next candidate of cursor `i`.
    fn head(&mut self, i: usize) -> Option<Head<'r>> {
        let slot = *self.cursors.get_mut(i)?.next()?;
        Some(Head {
            rank: slot.rank(),
            slot,
            cursor: i,
            reverse: self.bounds.reverse,
            registry: self.registry,
        })
    }

    /// Takes the first head of all cursors, and moves its cursor on. Only
    /// the slot comes back: small enough to be returned in registers.
    fn take(&mut self) -> Option<Slot> {
        if !self.few.is_empty() {
            // The greatest head comes first (see `Head`'s order).
            let mut at = 0;
            for (i, h) in self.few.iter().enumerate().skip(1) {
                if self.few.get(at).is_some_and(|best| h > best) {
                    at = i;
                }
            }
            let cursor = self.few.get(at)?.cursor;
            return match self.head(cursor) {
                Some(next) => self
                    .few
                    .get_mut(at)
                    .map(|h| std::mem::replace(h, next).slot),
                None => Some(self.few.swap_remove(at).slot),
            };
        }
        let head = match self.first.take() {
            Some(head) => head,
            None => self.heap.pop()?,
        };
        if let Some(next) = self.head(head.cursor) {
            // The heap's greatest head comes first; a tie goes to the heap,
            // whose order breaks it.
            if self.heap.peek().map_or(true, |top| next > *top) {
                self.first = Some(next);
            } else {
                self.heap.push(next);
            }
        }
        Some(head.slot)
    }

    /// The hit that `slot` stands for, if it passes every condition of the
    /// query other than the limit.
    #[inline]
    fn admit(&self, slot: &Slot) -> Option<Hit<'r>> {
        // Most often nothing but the slot's range matters: that check is
        // kept small enough to inline into the loop that asks for hits.
        if !self.plain || slot.list {
            return self.admit_any(slot);
        }
        let within = slot.within(self.bounds.from, self.bounds.to);
        if !self.asked(within) {
            return None;
        }
        let event = Event::indexed(slot.subject(self.registry)?, slot.kind);
        Some(Hit {
            event,
            certain: within.1,
        })
    }

    /// Whether an event that is `possibly` in the window, and `certain`ly
    /// or not, is one the query asks for: any such, or only those certainly
    /// in it.
    #[inline]
    fn asked(&self, (possibly, certain): (bool, bool)) -> bool {
        possibly && (certain || !self.bounds.certainly)
    }

    /// [`Hits::admit`], for any query and slot.
    fn admit_any(&self, slot: &Slot) -> Option<Hit<'r>> {
        if self.after_event.is_some() || self.before_event.is_some() {
            let (sort, latest, kind, entity) = slot.coarse();
            let key = (sort, latest, kind, entity, slot.key(self.registry));
            if self
                .after_event
                .as_ref()
                .is_some_and(|m| m.cmp_key(&key) != Ordering::Less)
                || self
                    .before_event
                    .as_ref()
                    .is_some_and(|m| m.cmp_key(&key) != Ordering::Greater)
            {
                return None;
            }
        }
        let event = Event::indexed(slot.subject(self.registry)?, slot.kind);
        // The slot's range is exact unless the date is a list of
        // alternatives: only then is the date read.
        let (possibly, certain) = if slot.list {
            let date = event.date();
            (
                date.possibly_within(&self.window),
                date.certainly_within(&self.window),
            )
        } else {
            slot.within(self.bounds.from, self.bounds.to)
        };
        if !self.asked((possibly, certain)) {
            return None;
        }
        if !self.tests.iter().all(|t| t.accepts(&event)) {
            return None;
        }
        Some(Hit { event, certain })
    }

    /// Whether [`Hits::admit`] takes `slot`, decided from the slot alone
    /// when nothing but its range matters.
    fn admits(&self, slot: Slot) -> bool {
        if self.plain && !slot.list {
            self.asked(slot.within(self.bounds.from, self.bounds.to))
        } else {
            self.admit(&slot).is_some()
        }
    }
}

impl<'r> Iterator for Hits<'r> {
    type Item = Hit<'r>;

    #[inline]
    fn next(&mut self) -> Option<Hit<'r>> {
        self.start();
        while self.remaining != Some(0) {
            let slot = self.take()?;
            // An event listed under two keys of the walked filter comes out
            // of two cursors, one right after the other.
            if self.last.is_some_and(|last| last.same_event(&slot)) {
                continue;
            }
            self.last = Some(slot);
            if let Some(hit) = self.admit(&slot) {
                if let Some(n) = self.remaining.as_mut() {
                    *n -= 1;
                }
                return Some(hit);
            }
        }
        None
    }

    /// Counts the remaining hits. When no event can come out of two of the
    /// walked lists, each list is counted on its own: the hits are the same,
    /// only their order, which a count ignores, is not worked out.
    fn count(mut self) -> usize {
        if !self.disjoint {
            return self.fold(0, |n, _| n + 1);
        }
        let cap = self.remaining.unwrap_or(usize::MAX);
        if !self.started && self.whole {
            return count_possibly(self.registry, &self.runs, &self.window).min(cap);
        }
        self.start();
        let heads = self.few.iter().chain(&self.first).chain(self.heap.iter());
        let mut n = heads.filter(|h| self.admits(h.slot)).count();
        let mut cursors = std::mem::take(&mut self.cursors);
        for cursor in &mut cursors {
            n += cursor.count(|&s| self.admits(s), cap.saturating_sub(n));
        }
        n.min(cap)
    }
}

/// The gap between two consecutive sessions of a meeting series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap<'r> {
    pub(crate) from: &'r Meeting,
    pub(crate) to: &'r Meeting,
    pub(crate) days: Option<RangeInclusive<i64>>,
}

impl<'r> Gap<'r> {
    /// The earlier session.
    pub fn from(&self) -> &'r Meeting {
        self.from
    }

    /// The later session.
    pub fn to(&self) -> &'r Meeting {
        self.to
    }

    /// The possible numbers of days between them, from the shortest to the
    /// longest; `None` when a date is open on the side that matters.
    pub fn days(&self) -> Option<RangeInclusive<i64>> {
        self.days.clone()
    }
}

impl Serialize for Gap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Gap", 4)?;
        s.serialize_field("from", self.from.key())?;
        s.serialize_field("to", self.to.key())?;
        s.serialize_field("min_days", &self.days.as_ref().map(|d| *d.start()))?;
        s.serialize_field("max_days", &self.days.as_ref().map(|d| *d.end()))?;
        s.end()
    }
}

/// Where a commitment stands as of a day, for [`Registry::commitments`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CommitmentState {
    /// Not yet resolved that day.
    Open,
    /// Met by that day.
    Met,
    /// Missed by that day.
    Missed,
    /// Dropped by that day.
    Dropped,
    /// Open that day although its due date certainly passed before it.
    Overdue,
}

/// A commitment in a [`CommitmentState`] as of a day, possibly or certainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitmentHit<'r> {
    pub(crate) commitment: &'r Commitment,
    pub(crate) certain: bool,
}

impl<'r> CommitmentHit<'r> {
    /// The commitment.
    pub fn commitment(&self) -> &'r Commitment {
        self.commitment
    }

    /// Whether it is certainly in the state that day, not only possibly
    /// (a vague resolution date can leave it either way).
    pub fn is_certain(&self) -> bool {
        self.certain
    }
}

impl Serialize for CommitmentHit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.commitment;
        let mut s = serializer.serialize_struct("CommitmentHit", 6)?;
        s.serialize_field("key", c.key())?;
        s.serialize_field("description", c.description())?;
        s.serialize_field("status", &c.status())?;
        s.serialize_field("due", &c.due())?;
        s.serialize_field("owners", c.owners())?;
        s.serialize_field("certain", &self.certain)?;
        s.end()
    }
}

/// Whether a commitment is possibly and certainly in `state` on day `n`.
pub(crate) fn commitment_state(c: &Commitment, state: CommitmentState, n: i32) -> (bool, bool) {
    // Resolved by day n: the status says so and the resolution came no later
    // than n (an unknown resolution date may be any day).
    let resolved = c.status() != CommitmentStatus::Open;
    let possibly_resolved = resolved
        && c.status_date()
            .map_or(true, |d| d.earliest_day_number() <= n);
    let certainly_resolved =
        resolved && c.status_date().is_some_and(|d| d.latest_day_number() <= n);
    let resolved_as = |status: CommitmentStatus| {
        if c.status() == status {
            (possibly_resolved, certainly_resolved)
        } else {
            (false, false)
        }
    };
    match state {
        CommitmentState::Open => (!certainly_resolved, !possibly_resolved),
        CommitmentState::Met => resolved_as(CommitmentStatus::Met),
        CommitmentState::Missed => resolved_as(CommitmentStatus::Missed),
        CommitmentState::Dropped => resolved_as(CommitmentStatus::Dropped),
        CommitmentState::Overdue => {
            let past_due = c.due().is_some_and(|d| d.latest_day_number() < n);
            (
                past_due && !certainly_resolved,
                past_due && !possibly_resolved,
            )
        }
    }
}

/// The meeting kinds that can come next: a cancelled meeting does not.
const COMING_MEETINGS: [EventKind; 3] = [
    EventKind::MeetingHeld,
    EventKind::MeetingScheduled,
    EventKind::MeetingPostponed,
];

impl Registry {
    /// Starts a timeline query over every event (see [`Timeline`]).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::Window;
    ///
    /// let registry = pactum::seed();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let in_2024 = Window::new(day(2024, 1, 1), day(2024, 12, 31))?;
    /// for hit in registry.timeline().within(in_2024).area_or_below("semiconductors").run()? {
    ///     println!("{} {}", hit.event(), if hit.is_certain() { "" } else { "(possibly)" });
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline(&self) -> Timeline<'_> {
        Timeline {
            registry: self,
            window: Window::all(),
            certainly: false,
            filters: Vec::new(),
            kinds: Vec::new(),
            limit: None,
            reverse: false,
            after: None,
            before: None,
            after_event: None,
            before_event: None,
        }
    }

    /// The meetings of a partnership, or of a series, as a query: `key`
    /// names a partnership if one has it, else a series.
    fn meeting_thread(&self, key: &str) -> Result<Timeline<'_>, QueryError> {
        let query = if self.partnership(key).is_some() {
            self.timeline().partnership(key)
        } else if self.index().postings(self).of_series(key).is_some() {
            self.timeline().series(key)
        } else {
            let suggestion = closest(
                key,
                self.partnerships()
                    .iter()
                    .map(|p| p.key().as_str())
                    .chain(self.index().postings(self).series_keys()),
            );
            return Err(QueryError::unknown(
                "partnership or series",
                key,
                suggestion,
            ));
        };
        Ok(COMING_MEETINGS.into_iter().fold(query, Timeline::kind))
    }

    /// The next meeting of a partnership or series after `day`: the first,
    /// in timeline order, of its meetings that possibly fall after `day`
    /// (cancelled ones excepted). The hit says whether it certainly falls
    /// after `day`. `key` names a partnership if one has it, else a series.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no partnership or series has the key.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    /// let next = registry.next_meeting("eu-kr-dpc", day)?.expect("a third council");
    /// assert_eq!(next.event().key(), "eu-kr-dpc-3");
    /// let previous = registry.previous_meeting("eu-kr-digital", day)?.unwrap();
    /// assert_eq!(previous.event().key(), "eu-kr-dpc-2");
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn next_meeting(&self, key: &str, day: NaiveDate) -> Result<Option<Hit<'_>>, QueryError> {
        let thread = self.meeting_thread(key)?;
        let Some(next_day) = day.succ_opt() else {
            return Ok(None);
        };
        Ok(thread
            .within(Window::since(next_day))
            .limit(1)
            .run()?
            .next())
    }

    /// The previous meeting of a partnership or series before `day`: the
    /// last, in timeline order, of its meetings that possibly fall before
    /// `day` (cancelled ones excepted). The hit says whether it certainly
    /// falls before `day`.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no partnership or series has the key.
    pub fn previous_meeting(
        &self,
        key: &str,
        day: NaiveDate,
    ) -> Result<Option<Hit<'_>>, QueryError> {
        let thread = self.meeting_thread(key)?;
        let Some(previous_day) = day.pred_opt() else {
            return Ok(None);
        };
        Ok(thread
            .within(Window::until(previous_day))
            .reverse()
            .limit(1)
            .run()?
            .next())
    }

    /// The gaps between consecutive sessions of a series, in session order
    /// (cancelled sessions left out), each a range of days when dates are
    /// vague.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no meeting has the series.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let gaps = registry.cadence("eu-kr-dpc")?;
    /// assert_eq!(gaps[0].days(), Some(270..=277));
    /// // The third council is due "in 2025": 281 to 645 days after the second.
    /// assert_eq!(gaps[1].days(), Some(281..=645));
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn cadence(&self, series: &str) -> Result<Vec<Gap<'_>>, QueryError> {
        self.timeline().series(series).check()?;
        let sessions: Vec<&Meeting> = self
            .meetings_in_series(series)
            .into_iter()
            .filter(|m| m.status() != MeetingStatus::Cancelled)
            .collect();
        Ok(sessions
            .windows(2)
            .filter_map(|w| match w {
                [from, to] => Some(Gap {
                    from,
                    to,
                    days: from.date().days_until(to.date()),
                }),
                _ => None,
            })
            .collect())
    }

    /// The commitments in `state` as of `day`, possibly or certainly (see
    /// [`CommitmentHit::is_certain`]), ordered by due date (undated last),
    /// then key.
    ///
    /// A commitment is resolved (met, missed, dropped) from its status date
    /// on; before it, it was open. Overdue means open although the due date
    /// certainly passed before `day`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::CommitmentState;
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    /// let overdue: Vec<&str> = registry
    ///     .commitments_as_of(CommitmentState::Overdue, day)
    ///     .iter()
    ///     .map(|h| h.commitment().key().as_str())
    ///     .collect();
    /// assert_eq!(overdue, ["kr-digital-growth-act-bill"]);
    /// ```
    pub fn commitments_as_of<'r>(
        &'r self,
        state: CommitmentState,
        day: NaiveDate,
    ) -> Vec<CommitmentHit<'r>> {
        let n = day_number(day);
        let hit = |c: &'r Commitment| {
            let (possibly, certain) = commitment_state(c, state, n);
            possibly.then_some((c, certain))
        };
        let mut hits: Vec<(&Commitment, bool)> = if state == CommitmentState::Overdue {
            // Only commitments due before the day can be overdue: the due
            // dates' index finds them.
            let before = day.pred_opt().map_or(Window::all(), Window::until);
            let found = self
                .timeline()
                .kind(EventKind::CommitmentDue)
                .within(before)
                .certainly()
                .run()
                .into_iter()
                .flatten();
            found
                .filter_map(|h| match h.event().subject() {
                    Subject::Commitment(c) => hit(c),
                    _ => None,
                })
                .collect()
        } else {
            self.commitments().iter().filter_map(hit).collect()
        };
        hits.sort_by(|(a, _), (b, _)| commitment_order(a, b));
        hits.into_iter()
            .map(|(commitment, certain)| CommitmentHit {
                commitment,
                certain,
            })
            .collect()
    }
}

/// By due date, undated last, then key.
pub(crate) fn commitment_order(a: &Commitment, b: &Commitment) -> Ordering {
    match (a.due(), b.due()) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.key().cmp(b.key()))
}

pub(crate) fn meeting_order(a: &Meeting, b: &Meeting) -> Ordering {
    a.date()
        .cmp(b.date())
        .then_with(|| a.session().cmp(&b.session()))
        .then_with(|| a.key().cmp(b.key()))
}
