//! The naive reference implementation of every timeline query: linear scans
//! written for clarity, with none of the indexes of [`Registry`].
//!
//! The crate's property tests check that the indexed queries give the same
//! answers, in the same order, on random registries; benchmarks and fuzz
//! targets use it the same way. Enabled by the `naive` feature.
//!
//! ```
//! use pactum::naive;
//!
//! let registry = pactum::seed();
//! let query = registry.timeline().institution_or_below("kr-motie");
//! let indexed: Vec<_> = query.run()?.collect();
//! assert_eq!(indexed, naive::timeline(&query)?);
//! # Ok::<(), pactum::QueryError>(())
//! ```

use std::cmp::Ordering;
use std::collections::HashSet;

use chrono::NaiveDate;

use crate::date::{Date, Window};
use crate::error::QueryError;
use crate::event::{day_number, Agreement, Event, EventKind, InForce, Subject};
use crate::model::commitment::Commitment;
use crate::model::institution::Institution;
use crate::model::meeting::{Meeting, MeetingStatus};
use crate::query::{
    commitment_order, commitment_state, meeting_order, CommitmentHit, CommitmentState, Filter, Gap,
    Hit, Timeline,
};

mod parties;
use crate::registry::Registry;
pub use parties::{
    in_force_for, in_force_for_with_predecessors, parties_on, party_count_on, party_history,
};

/// Every event of the registry, sorted.
pub fn events(registry: &Registry) -> Vec<Event<'_>> {
    let subjects = registry
        .partnerships()
        .iter()
        .map(Subject::Partnership)
        .chain(registry.meetings().iter().map(Subject::Meeting))
        .chain(registry.mous().iter().map(Subject::Mou))
        .chain(registry.commitments().iter().map(Subject::Commitment));
    let mut events: Vec<Event<'_>> = subjects.flat_map(Event::all_of).collect();
    // The order key reads the entity's date and key: once per event.
    events.sort_by_cached_key(Event::order_key);
    events
}

/// Whether `area` is `ancestor` or under it, walking up the taxonomy.
fn area_is_under(registry: &Registry, area: &str, ancestor: &str) -> bool {
    let mut stack = vec![area];
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(current) = stack.pop() {
        if current == ancestor {
            return true;
        }
        if seen.insert(current) {
            if let Some(a) = registry.tech_area(current) {
                stack.extend(a.parents().iter().map(|p| p.as_str()));
            }
        }
    }
    false
}

fn passes(registry: &Registry, filter: &Filter, event: &Event<'_>) -> bool {
    match filter {
        Filter::Institution { key, below } => event.institutions().iter().any(|i| {
            if *below {
                registry.is_under(i.as_str(), key)
            } else {
                i.as_str() == key
            }
        }),
        Filter::Country(country) => event
            .institutions()
            .iter()
            .any(|i| registry.institution(i.as_str()).map(Institution::country) == Some(*country)),
        Filter::Area { key, below } => event.tech_areas().iter().any(|a| {
            if *below {
                area_is_under(registry, a.as_str(), key)
            } else {
                a.as_str() == key
            }
        }),
        Filter::Partnership(key) => event.partnership().is_some_and(|p| p.as_str() == key),
        Filter::Series(key) => event.series().is_some_and(|s| s.as_str() == key),
    }
}

/// The answer to a timeline query, by a scan of every event.
///
/// # Errors
///
/// The same [`QueryError`] as [`Timeline::run`].
pub fn timeline<'r>(query: &Timeline<'r>) -> Result<Vec<Hit<'r>>, QueryError> {
    query.check()?;
    let registry = query.registry;
    let (sort_from, sort_to) = query.sort_range();
    let mut hits: Vec<Hit<'r>> = events(registry)
        .into_iter()
        .filter(|e| (sort_from..=sort_to).contains(&e.order_key().0))
        .filter(|e| {
            query
                .after_event
                .as_ref()
                .map_or(true, |m| m.cmp_key(&e.order_key()) == Ordering::Less)
        })
        .filter(|e| {
            query
                .before_event
                .as_ref()
                .map_or(true, |m| m.cmp_key(&e.order_key()) == Ordering::Greater)
        })
        .filter(|e| query.kinds.is_empty() || query.kinds.contains(&e.kind()))
        .filter(|e| query.filters.iter().all(|f| passes(registry, f, e)))
        .filter_map(|event| {
            let (possibly, certain) = in_window(&event, &query.window);
            possibly.then_some(Hit { event, certain })
        })
        .filter(|h| !query.certainly || h.certain)
        .collect();
    if query.reverse {
        hits.reverse();
    }
    if let Some(n) = query.limit {
        hits.truncate(n);
    }
    Ok(hits)
}

/// The days from `from` to `to`, either open, as a window; `None` when
/// there are none.
fn days_between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<Window> {
    match (from, to) {
        (Some(a), Some(b)) => Window::new(a, b).ok(),
        (Some(a), None) => Some(Window::since(a)),
        (None, Some(b)) => Some(Window::until(b)),
        (None, None) => Some(Window::all()),
    }
}

/// Whether some candidate day of `date` lies in the window, when there is
/// one.
fn possibly_in(date: &Date, window: Option<Window>) -> bool {
    window.is_some_and(|w| date.possibly_within(&w))
}

/// Whether an event is possibly and certainly in a window. An event of
/// several days is read as a pair of candidate days, a start and an end no
/// earlier than it: possibly in the window when some such reading overlaps
/// it, certainly when every one does.
fn in_window(event: &Event<'_>, window: &Window) -> (bool, bool) {
    let start = event.date();
    let Some(end) = event.end() else {
        return (
            start.possibly_within(window),
            start.certainly_within(window),
        );
    };
    // The widest reading, from the earliest start to the latest end,
    // overlaps the window when any reading does.
    let starts_by_window_end = match (start.earliest(), window.to()) {
        (Some(first), Some(to)) => first <= to,
        _ => true,
    };
    let ends_by_window_start = match (end.latest(), window.from()) {
        (Some(last), Some(from)) => last >= from,
        _ => true,
    };
    let possibly = starts_by_window_end && ends_by_window_start;
    // A reading that misses the window starts after it (on a start
    // candidate no later than the latest end) or ends before it (on an end
    // candidate no earlier than the earliest start).
    let late_starts = window
        .to()
        .and_then(|to| to.succ_opt())
        .and_then(|after| days_between(Some(after), end.latest()));
    let early_ends = window
        .from()
        .and_then(|from| from.pred_opt())
        .and_then(|before| days_between(start.earliest(), Some(before)));
    let certain = possibly && !possibly_in(start, late_starts) && !possibly_in(end, early_ends);
    (possibly, certain)
}

/// The last day an event may cover: its date's latest, or its end's.
fn last_day(event: &Event<'_>) -> Option<NaiveDate> {
    event.end().unwrap_or(event.date()).latest()
}

/// The events that involve an institution or one under it.
pub fn involving<'r>(registry: &'r Registry, institution: &str) -> Vec<Event<'r>> {
    events(registry)
        .into_iter()
        .filter(|e| {
            e.institutions()
                .iter()
                .any(|i| registry.is_under(i.as_str(), institution))
        })
        .collect()
}

/// The meetings of a partnership, or else of a series, that could come next
/// or came before.
fn thread<'r>(registry: &'r Registry, key: &str) -> Result<Vec<Event<'r>>, QueryError> {
    let by_partnership = registry.partnership(key).is_some();
    let by_series = registry
        .meetings()
        .iter()
        .any(|m| m.series().is_some_and(|s| s.as_str() == key));
    if !by_partnership && !by_series {
        // Reuse the indexed query for the error and its suggestion.
        registry.next_meeting(key, NaiveDate::MIN)?;
    }
    Ok(events(registry)
        .into_iter()
        .filter(|e| e.kind().is_meeting() && e.kind() != EventKind::MeetingCancelled)
        .filter(|e| {
            if by_partnership {
                e.partnership().is_some_and(|p| p.as_str() == key)
            } else {
                e.series().is_some_and(|s| s.as_str() == key)
            }
        })
        .collect())
}

/// The first meeting possibly after `day`.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::next_meeting`].
pub fn next_meeting<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
) -> Result<Option<Hit<'r>>, QueryError> {
    // A start after `day` and no later than the event's last day.
    let starts_after = |e: &Event<'_>| {
        let after = day
            .succ_opt()
            .and_then(|d| days_between(Some(d), last_day(e)));
        possibly_in(e.date(), after)
    };
    Ok(thread(registry, key)?
        .into_iter()
        .find(starts_after)
        .map(|event| Hit {
            event,
            certain: event.date().certainly_after(day),
        }))
}

/// The last meeting possibly before `day`.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::previous_meeting`].
pub fn previous_meeting<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
) -> Result<Option<Hit<'r>>, QueryError> {
    // Certainly before `day`: no start on `day` or later, no later than the
    // event's last day.
    let certainly_before =
        |e: &Event<'_>| !possibly_in(e.date(), days_between(Some(day), last_day(e)));
    Ok(thread(registry, key)?
        .into_iter()
        .rev()
        .find(|e| e.date().possibly_before(day))
        .map(|event| Hit {
            event,
            certain: certainly_before(&event),
        }))
}

/// The gaps between consecutive sessions of a series.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::cadence`].
pub fn cadence<'r>(registry: &'r Registry, key: &str) -> Result<Vec<Gap<'r>>, QueryError> {
    let by_partnership = registry.partnership(key).is_some();
    let by_series = registry
        .meetings()
        .iter()
        .any(|m| m.series().is_some_and(|s| s.as_str() == key));
    if !by_partnership && !by_series {
        // Reuse the indexed query for the error and its suggestion.
        registry.next_meeting(key, NaiveDate::MIN)?;
    }
    let mut sessions: Vec<&Meeting> = registry
        .meetings()
        .iter()
        .filter(|m| {
            if by_partnership {
                m.partnership().is_some_and(|p| p.as_str() == key)
            } else {
                m.series().is_some_and(|s| s.as_str() == key)
            }
        })
        .filter(|m| m.status() != MeetingStatus::Cancelled)
        .collect();
    sessions.sort_by(|a, b| {
        let session = |m: &Meeting| m.session().map_or(u64::MAX, u64::from);
        if by_partnership {
            meeting_order(a, b)
        } else {
            session(a)
                .cmp(&session(b))
                .then_with(|| meeting_order(a, b))
        }
    });
    let mut gaps = Vec::new();
    for pair in sessions.windows(2) {
        if let [from, to] = pair {
            gaps.push(Gap {
                from,
                to,
                days: from.date().days_until(to.date()),
            });
        }
    }
    Ok(gaps)
}

/// The commitments in a state as of a day.
pub fn commitments_as_of(
    registry: &Registry,
    state: CommitmentState,
    day: NaiveDate,
) -> Vec<CommitmentHit<'_>> {
    let n = day_number(day);
    let mut found: Vec<&Commitment> = registry.commitments().iter().collect();
    found.sort_by(|a, b| commitment_order(a, b));
    found
        .into_iter()
        .filter_map(|commitment| {
            let (possibly, certain) = commitment_state(commitment, state, n);
            possibly.then_some(CommitmentHit {
                commitment,
                certain,
            })
        })
        .collect()
}

/// The agreements in force on a day, by asking each date directly.
pub fn in_force_on(registry: &Registry, day: NaiveDate) -> Vec<InForce<'_>> {
    let mut out = Vec::new();
    let mut partnerships: Vec<_> = registry.partnerships().iter().collect();
    partnerships.sort_by(|a, b| a.key().cmp(b.key()));
    for p in partnerships {
        let started_possibly = p.established().map_or(true, |d| !d.certainly_after(day));
        let started_certainly = p.established().is_some_and(|d| !d.possibly_after(day));
        let gone_possibly = p.ended().is_some_and(|d| !d.certainly_after(day));
        let gone_certainly = p.ended().is_some_and(|d| !d.possibly_after(day));
        if started_possibly && !gone_certainly {
            out.push(InForce {
                agreement: Agreement::Partnership(p),
                certain: started_certainly && !gone_possibly,
            });
        }
    }
    let mut mous: Vec<_> = registry.mous().iter().collect();
    mous.sort_by(|a, b| a.key().cmp(b.key()));
    for m in mous.into_iter().filter(|m| m.in_force_on_record()) {
        let start = m.start();
        let started_possibly = !start.certainly_after(day);
        let started_certainly = !start.possibly_after(day);
        // In force through the expiry day; gone from the termination day.
        let expired_possibly = m.expiry().is_some_and(|d| d.possibly_before(day));
        let expired_certainly = m.expiry().is_some_and(|d| d.certainly_before(day));
        let gone_possibly = m.termination().is_some_and(|d| !d.certainly_after(day));
        let gone_certainly = m.termination().is_some_and(|d| !d.possibly_after(day));
        if started_possibly && !expired_certainly && !gone_certainly {
            out.push(InForce {
                agreement: Agreement::Mou(m),
                certain: started_certainly && !expired_possibly && !gone_possibly,
            });
        }
    }
    out
}

/// Meetings still scheduled although their date (or for a meeting of
/// several days, its end) certainly passed before `day`, in timeline
/// order.
pub fn stale_meetings(registry: &Registry, day: NaiveDate) -> Vec<&Meeting> {
    events(registry)
        .into_iter()
        .filter_map(|e| match e.subject() {
            Subject::Meeting(m)
                if m.status() == MeetingStatus::Scheduled
                    && m.end().unwrap_or(m.date()).certainly_before(day) =>
            {
                Some(m)
            }
            _ => None,
        })
        .collect()
}

/// Open commitments whose due date certainly passed before `day`, in
/// timeline order.
pub fn overdue_commitments(registry: &Registry, day: NaiveDate) -> Vec<&Commitment> {
    events(registry)
        .into_iter()
        .filter(|e| e.kind() == EventKind::CommitmentDue)
        .filter_map(|e| match e.subject() {
            Subject::Commitment(c) if c.is_overdue(day) => Some(c),
            _ => None,
        })
        .collect()
}
