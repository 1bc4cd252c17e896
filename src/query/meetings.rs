//! Meetings of a partnership or series: the next and previous one
//! relative to a day, the gaps between sessions, and meetings still
//! scheduled after their date.

use std::cmp::Ordering;
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::hits::Hit;
use super::timeline::Timeline;
use crate::date::Window;
use crate::error::QueryError;
use crate::event::{day_number, EventKind, Subject};
use crate::index::{Bounds, Run};
use crate::model::meeting::{Meeting, MeetingStatus};
use crate::registry::Registry;
use crate::spelling::closest;

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

/// The meeting kinds that can come next: a cancelled meeting does not.
const COMING_MEETINGS: [EventKind; 3] = [
    EventKind::MeetingHeld,
    EventKind::MeetingScheduled,
    EventKind::MeetingPostponed,
];

impl Registry {
    /// The meetings of a partnership, or of a series, as a query: `key`
    /// names a partnership if one has it, else a series.
    fn meeting_thread(&self, key: &str) -> Result<Timeline<'_>, QueryError> {
        let query = if self.partnership(key).is_some() {
            self.timeline().partnership(key)
        } else if self
            .index()
            .postings(self.tables())
            .of_series(key)
            .is_some()
        {
            self.timeline().series(key)
        } else {
            let suggestion = closest(
                key,
                self.partnerships()
                    .iter()
                    .map(|p| p.key().as_str())
                    .chain(self.index().postings(self.tables()).series_keys()),
            );
            return Err(QueryError::unknown(
                "partnership or series",
                key,
                suggestion,
            ));
        };
        Ok(COMING_MEETINGS.into_iter().fold(query, Timeline::kind))
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
        let postings = self.index().postings(self.tables());
        let mut meetings = meetings_in_run(self, postings.of_partnership(partnership));
        meetings.sort_unstable_by(|a, b| meeting_order(a, b));
        meetings
    }

    /// The meetings of a council series in session order; meetings of the
    /// series without a session number come last, by date.
    pub fn meetings_in_series(&self, series: &str) -> Vec<&Meeting> {
        let postings = self.index().postings(self.tables());
        let mut meetings = meetings_in_run(self, postings.of_series(series));
        meetings.sort_unstable_by(|a, b| {
            let session = |m: &Meeting| m.session().map_or(u64::MAX, u64::from);
            session(a)
                .cmp(&session(b))
                .then_with(|| meeting_order(a, b))
        });
        meetings
    }

    /// The next meeting of a partnership or series after `day`: the first,
    /// in timeline order, of its meetings that possibly fall after `day`
    /// (cancelled ones excepted). The hit says whether it certainly falls
    /// after `day`. `key` names a partnership if one has it, else a series.
    ///
    /// A meeting of several days counts by its start: one under way on
    /// `day` is not next. (Its start is read with its end: a start that
    /// could only come after the end is no reading.)
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
        // The meetings that reach past `day`, in order: those that start
        // after it among them, the first of which is wanted, are all those
        // of one day and the few of several days that start after it.
        let n = day_number(day);
        Ok(thread
            .within(Window::since(next_day))
            .run()?
            .find_map(|hit| {
                let (possibly, certain) = hit.event.starts_after(n);
                possibly.then_some(Hit {
                    event: hit.event,
                    certain,
                })
            }))
    }

    /// The previous meeting of a partnership or series before `day`: the
    /// last, in timeline order, of its meetings that possibly fall before
    /// `day` (cancelled ones excepted). The hit says whether it certainly
    /// falls before `day`. A meeting of several days counts by its start,
    /// read with its end as for [`Registry::next_meeting`].
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

    /// The gaps between consecutive meetings of a partnership or series
    /// (cancelled ones left out), each a range of days when dates are
    /// vague. `key` names a partnership if one has it, as for
    /// [`Registry::next_meeting`], else a series: a partnership's meetings
    /// come in date order ([`Registry::meetings_of`]), a series' in session
    /// order ([`Registry::meetings_in_series`]).
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no partnership or series has the key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let gaps = registry.cadence("eu-kr-dpc")?;
    /// assert_eq!(gaps[0].days(), Some(270..=277));
    /// // The third council is due "in 2025": 281 to 645 days after the second.
    /// assert_eq!(gaps[1].days(), Some(281..=645));
    /// // The partnership whose councils they are gives the same gaps.
    /// assert_eq!(registry.cadence("eu-kr-digital")?, gaps);
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn cadence(&self, key: &str) -> Result<Vec<Gap<'_>>, QueryError> {
        let meetings = if self.partnership(key).is_some() {
            self.meetings_of(key)
        } else {
            // Only the error is wanted, with a suggestion among
            // partnerships and series.
            let _ = self.meeting_thread(key)?;
            self.meetings_in_series(key)
        };
        let sessions: Vec<&Meeting> = meetings
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

    /// Meetings that are still scheduled although their date has certainly
    /// passed before `day` (for a meeting of several days, its end), in
    /// timeline order.
    pub fn stale_meetings(&self, day: NaiveDate) -> impl Iterator<Item = &Meeting> {
        // Those that certainly started before `day`, which holds all that
        // certainly ended before it.
        self.due_before(EventKind::MeetingScheduled, day)
            .filter_map(|e| match e.subject() {
                Subject::Meeting(m) => Some(m),
                _ => None,
            })
            .filter(move |m| m.end().map_or(true, |end| end.certainly_before(day)))
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
            if let Some(Subject::Meeting(m)) = slot.subject(reg.tables()) {
                out.push(m);
            }
        }
    }
    out
}

pub(crate) fn meeting_order(a: &Meeting, b: &Meeting) -> Ordering {
    a.date()
        .cmp(b.date())
        .then_with(|| a.session().cmp(&b.session()))
        .then_with(|| a.key().cmp(b.key()))
}
