//! Questions a registry answers about time and involvement: the timeline of
//! events, what is in force on a day, the meetings of a partnership or a
//! series, and everything an institution takes part in.
//!
//! Every time-dependent question takes the day as an argument: there is no
//! implicit "today". Answers borrow from the registry.
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

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;

use crate::commitment::{Commitment, CommitmentStatus};
use crate::country::Country;
use crate::date::Date;
use crate::id::{EntityKind, Key};
use crate::institution::Institution;
use crate::meeting::{Meeting, MeetingStatus};
use crate::mou::Mou;
use crate::official::Official;
use crate::partnership::Partnership;
use crate::registry::Registry;

/// What happened (or will happen) on an event's date.
///
/// The order of the variants is the order of events that share a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EventKind {
    /// A partnership was established.
    PartnershipEstablished,
    /// An MOU was signed.
    MouSigned,
    /// An MOU entered into force (only when that differs from signature).
    MouEnteredIntoForce,
    /// A meeting was held, or is scheduled, postponed or cancelled.
    Meeting,
    /// A commitment falls due.
    CommitmentDue,
    /// A commitment was met, missed or dropped.
    CommitmentResolved,
    /// An MOU reached its last day in force.
    MouExpired,
    /// An MOU was terminated.
    MouTerminated,
    /// A partnership ended.
    PartnershipEnded,
}

impl EventKind {
    /// A short lowercase label: `mou signed`, `meeting`.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::PartnershipEstablished => "partnership established",
            EventKind::MouSigned => "mou signed",
            EventKind::MouEnteredIntoForce => "mou entered into force",
            EventKind::Meeting => "meeting",
            EventKind::CommitmentDue => "commitment due",
            EventKind::CommitmentResolved => "commitment resolved",
            EventKind::MouExpired => "mou expired",
            EventKind::MouTerminated => "mou terminated",
            EventKind::PartnershipEnded => "partnership ended",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
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
}

/// One dated fact of the timeline: an entity, what happened, and when.
///
/// Events are totally ordered: by the sort day of their date (the earliest
/// candidate; for an open start, the latest), then the latest day, then
/// [`EventKind`], entity kind and key.
#[derive(Debug, Clone, Copy)]
pub struct Event<'r> {
    kind: EventKind,
    date: &'r Date,
    subject: Subject<'r>,
}

impl<'r> Event<'r> {
    /// What happened.
    pub fn kind(&self) -> EventKind {
        self.kind
    }

    /// When: the date of the field the event comes from.
    pub fn date(&self) -> &'r Date {
        self.date
    }

    /// The entity it belongs to.
    pub fn subject(&self) -> Subject<'r> {
        self.subject
    }

    /// The key of the entity it belongs to.
    pub fn key(&self) -> &'r str {
        self.subject.key()
    }

    fn order_key(&self) -> (i32, i32, EventKind, EntityKind, &'r str) {
        (
            self.date.sort_day_number(),
            self.date.latest_day_number(),
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

impl fmt::Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} ({})",
            self.date,
            self.kind,
            self.key(),
            self.subject.label()
        )
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

/// An agreement that is in force on a day, possibly or certainly.
#[derive(Debug, Clone, Copy)]
pub struct InForce<'r> {
    agreement: Agreement<'r>,
    certain: bool,
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

/// Whether an agreement is possibly and certainly in force on `day`, given
/// its start (`None`: unknown), its last day in force and the day from which
/// it no longer is.
fn in_force(
    day: i32,
    start: Option<&Date>,
    last_day: Option<&Date>,
    gone_from: Option<&Date>,
) -> (bool, bool) {
    let (mut possibly, mut certainly) = match start {
        Some(s) => (s.earliest_day_number() <= day, s.latest_day_number() <= day),
        None => (true, false),
    };
    if let Some(last) = last_day {
        possibly &= last.latest_day_number() >= day;
        certainly &= last.earliest_day_number() >= day;
    }
    if let Some(gone) = gone_from {
        possibly &= gone.latest_day_number() > day;
        certainly &= gone.earliest_day_number() > day;
    }
    (possibly, possibly && certainly)
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

fn day_number(day: NaiveDate) -> i32 {
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
        let mut events: Vec<Event<'_>> = Vec::new();
        fn push<'r>(
            events: &mut Vec<Event<'r>>,
            kind: EventKind,
            date: Option<&'r Date>,
            subject: Subject<'r>,
        ) {
            if let Some(date) = date {
                events.push(Event {
                    kind,
                    date,
                    subject,
                });
            }
        }
        for p in self.partnerships() {
            let s = Subject::Partnership(p);
            push(
                &mut events,
                EventKind::PartnershipEstablished,
                p.established(),
                s,
            );
            push(&mut events, EventKind::PartnershipEnded, p.ended(), s);
        }
        for m in self.meetings() {
            push(
                &mut events,
                EventKind::Meeting,
                Some(m.date()),
                Subject::Meeting(m),
            );
        }
        for m in self.mous() {
            let s = Subject::Mou(m);
            push(&mut events, EventKind::MouSigned, Some(m.signed()), s);
            push(
                &mut events,
                EventKind::MouEnteredIntoForce,
                m.entry_into_force(),
                s,
            );
            push(&mut events, EventKind::MouExpired, m.expiry(), s);
            push(&mut events, EventKind::MouTerminated, m.termination(), s);
        }
        for c in self.commitments() {
            let s = Subject::Commitment(c);
            push(&mut events, EventKind::CommitmentDue, c.due(), s);
            if c.status() != CommitmentStatus::Open {
                push(
                    &mut events,
                    EventKind::CommitmentResolved,
                    c.status_date(),
                    s,
                );
            }
        }
        events.sort_unstable();
        events
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
        let mut out = Vec::new();
        let mut partnerships: Vec<&Partnership> = self.partnerships().iter().collect();
        partnerships.sort_unstable_by(|a, b| a.key().cmp(b.key()));
        for p in partnerships {
            let (possibly, certain) = in_force(n, p.established(), None, p.ended());
            if possibly {
                out.push(InForce {
                    agreement: Agreement::Partnership(p),
                    certain,
                });
            }
        }
        let mut mous: Vec<&Mou> = self.mous().iter().collect();
        mous.sort_unstable_by(|a, b| a.key().cmp(b.key()));
        for m in mous {
            let (possibly, certain) = in_force(n, Some(m.start()), m.expiry(), m.termination());
            if possibly {
                out.push(InForce {
                    agreement: Agreement::Mou(m),
                    certain,
                });
            }
        }
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
        let mut meetings: Vec<&Meeting> = self
            .meetings()
            .iter()
            .filter(|m| m.partnership().is_some_and(|p| p == partnership))
            .collect();
        meetings.sort_unstable_by(|a, b| meeting_order(a, b));
        meetings
    }

    /// The meetings of a council series in session order; meetings of the
    /// series without a session number come last, by date.
    pub fn meetings_in_series(&self, series: &str) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self
            .meetings()
            .iter()
            .filter(|m| m.series().is_some_and(|s| s == series))
            .collect();
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
        let mut out = vec![root];
        let mut i = 0;
        while let Some(current) = out.get(i) {
            let current = current.key().as_str();
            let children = self
                .institutions()
                .iter()
                .filter(|inst| inst.parent().is_some_and(|p| p == current))
                .filter(|inst| !out.iter().any(|o| o.key() == inst.key()));
            let children: Vec<&Institution> = children.collect();
            out.extend(children);
            i += 1;
        }
        out
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
    /// let keys: Vec<&str> = registry.involving("kr-msit").iter().map(|e| e.key()).collect();
    /// assert!(keys.contains(&"kr-mnd-msit-2021"));
    /// ```
    pub fn involving(&self, institution: &str) -> Vec<Event<'_>> {
        let family = self.institution_and_below(institution);
        let named = |k: &Key<Institution>| family.iter().any(|i| i.key() == k);
        let official = |o: &Official| o.institution().is_some_and(named);
        self.events()
            .into_iter()
            .filter(|e| match e.subject() {
                Subject::Partnership(p) => p.parties().iter().any(named),
                Subject::Meeting(m) => m.institutions().into_iter().any(named),
                Subject::Mou(m) => {
                    m.signatories().iter().any(named) || m.signed_by().iter().any(official)
                }
                Subject::Commitment(c) => c.owners().iter().any(named),
            })
            .collect()
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
    /// passed before `day`.
    pub fn stale_meetings(&self, day: NaiveDate) -> impl Iterator<Item = &Meeting> {
        self.meetings().iter().filter(move |m| {
            m.status() == MeetingStatus::Scheduled && m.date().certainly_before(day)
        })
    }

    /// Commitments that are open and certainly past due as of `day`.
    pub fn overdue_commitments(&self, day: NaiveDate) -> impl Iterator<Item = &Commitment> {
        self.commitments().iter().filter(move |c| c.is_overdue(day))
    }
}

fn meeting_order(a: &Meeting, b: &Meeting) -> Ordering {
    a.date()
        .cmp(b.date())
        .then_with(|| a.session().cmp(&b.session()))
        .then_with(|| a.key().cmp(b.key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn an_agreement_is_in_force_through_its_expiry_day_and_not_on_termination_day() {
        let n = day_number(day(2024, 1, 1));
        let start = date("2023-01-01");
        assert_eq!(
            in_force(n, Some(&start), Some(&date("2024-01-01")), None),
            (true, true)
        );
        assert_eq!(
            in_force(n, Some(&start), Some(&date("2023-12-31")), None),
            (false, false)
        );
        assert_eq!(
            in_force(n, Some(&start), None, Some(&date("2024-01-01"))),
            (false, false)
        );
        assert_eq!(
            in_force(n, Some(&start), None, Some(&date("2024-01-02"))),
            (true, true)
        );
    }

    #[test]
    fn a_rough_start_or_end_makes_force_only_possible() {
        let n = day_number(day(2023, 6, 15));
        assert_eq!(in_force(n, Some(&date("2023")), None, None), (true, false));
        assert_eq!(
            in_force(n, Some(&date("2022")), Some(&date("2023")), None),
            (true, false)
        );
        assert_eq!(in_force(n, None, None, None), (true, false));
        assert_eq!(in_force(n, Some(&date("2024")), None, None), (false, false));
        assert_eq!(
            in_force(n, Some(&date("[..2023-01-01]")), None, None),
            (true, true)
        );
    }
}
