//! The answers of a timeline query, in order: a k-way merge of the posting
//! lists the plan walks, checked hit by hit.

use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt;

use super::plan::{count_possibly, Mark, Runs, Test};
use crate::date::Window;
use crate::event::Event;
use crate::index::{Bounds, Cursor, Shape, Slot, Subjects};
use crate::registry::Registry;

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

    /// Whether the event is certainly in the window, not only possibly:
    /// every candidate day of its date is in the window.
    ///
    /// An event of several days (a meeting with an [`end`](Event::end)) is
    /// in a window when it overlaps it. Read as a pair of candidate days,
    /// a start and an end no earlier than the start, it is possibly in the
    /// window when some reading overlaps it (its earliest start is no later
    /// than the window's last day, and its latest end no earlier than the
    /// window's first), and certainly when every reading does (its latest
    /// start is no later than the window's last day, and its earliest end
    /// no earlier than the window's first). A meeting held on 15–16 May is
    /// certainly in a window of 16 May alone; one that ended on 16, 17 or
    /// 18 May is only possibly in a window of 17–18 May.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{Date, Meeting, MeetingKind, MeetingStatus, Registry, Window};
    ///
    /// let mut registry = Registry::new();
    /// let ministerial = Meeting::builder(
    ///     "ministerial",
    ///     "Ministerial meeting",
    ///     MeetingKind::Summit,
    ///     Date::parse("2023-05-15")?,
    ///     MeetingStatus::Held,
    /// )
    /// .end(Date::parse("2023-05-16")?)
    /// .build()?;
    /// registry.insert(ministerial)?;
    /// let may_16 = Window::day(NaiveDate::from_ymd_opt(2023, 5, 16).unwrap());
    /// let hit = registry.timeline().within(may_16).run()?.next().expect("a hit");
    /// assert!(hit.is_certain());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_certain(&self) -> bool {
        self.certain
    }
}

/// The next event of one cursor, ready to be merged.
#[derive(Debug)]
pub(super) struct Head<'r> {
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
            .key(self.registry.tables())
            .cmp(other.slot.key(other.registry.tables()))
            .then_with(|| self.slot.part.cmp(&other.slot.part))
            .then_with(|| self.cursor.cmp(&other.cursor))
    }
}

/// Up to this many cursors, a query merges them by scanning their heads;
/// beyond, with a heap. An unfiltered query walks one a list of the
/// timeline's run that has candidates: at most four.
const FEW_CURSORS: usize = 4;

/// The hits of a timeline query ([`Registry::timeline`]), in order: an iterator that merges the
/// posting lists it walks and borrows every event from the registry.
///
/// [`Iterator::count`] answers without ordering the hits: a query with no
/// filter but kinds counts the events of each posting list on its own, and
/// the events possibly in a window, asked before any hit is taken and with
/// no other condition, are counted from the days the events start and end
/// on, with no walk: by two reads of a count for each day when there are
/// more events than days in their span, by two searches otherwise (the
/// first such count of a posting list builds what it reads; any edit of the
/// registry drops it). `Timeline::count` counts the same way without
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
    pub(super) registry: &'r Registry,
    /// The registry's entities with events, read once for the answer.
    pub(super) subjects: Subjects<'r>,
    pub(super) cursors: Vec<Cursor<'r>>,
    /// The heads of the cursors when there are only a few (see
    /// `FEW_CURSORS`): picking the first by a scan beats a heap.
    pub(super) few: Vec<Head<'r>>,
    /// With many cursors, the head that comes first, kept out of the heap:
    /// when one cursor holds many hits in a row, they go out without a heap
    /// operation.
    pub(super) first: Option<Head<'r>>,
    pub(super) heap: BinaryHeap<Head<'r>>,
    pub(super) tests: Vec<Test<'r>>,
    /// Whether no event comes out of two cursors, so that the hits can be
    /// counted cursor by cursor, without the merge, and need no check for
    /// a repeat of the last.
    pub(super) disjoint: bool,
    /// Whether a hit needs nothing but its range in the window: no test,
    /// no paging cursor.
    pub(super) plain: bool,
    /// Whether, besides, every walked run's ranges are exact (see
    /// [`Run::exact`](crate::index::Run::exact)), so that the cursors'
    /// masks count the hits.
    pub(super) exact: bool,
    /// The walked runs.
    pub(super) runs: Runs<'r>,
    /// What the query asks of them.
    pub(super) bounds: Bounds,
    /// Whether the cursors are set on the runs: only once a hit is asked
    /// for, so that a count that needs no walk sets none.
    pub(super) started: bool,
    /// Whether a count of all hits may be had from the runs alone (see
    /// [`Run::count_possibly`]).
    pub(super) whole: bool,
    pub(super) window: Window,
    pub(super) remaining: Option<usize>,
    /// The last slot taken, when the walked lists may share events.
    pub(super) last: Option<Slot>,
    /// The paging cursors, boxed: most queries have none.
    pub(super) after_event: Option<Box<Mark>>,
    pub(super) before_event: Option<Box<Mark>>,
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
                // A list with no candidate is left out, so that the few
                // lists a run of the data has are merged without a heap.
                for cursor in run.cursors(&bounds).into_iter().filter(|c| !c.is_done()) {
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
        // A party action's slot takes the longer way, which looks the
        // action up.
        if !self.plain || !slot.is_plain_own() {
            return self.admit_any(slot);
        }
        let within = slot.within(self.bounds.from, self.bounds.to);
        if !self.asked(within) {
            return None;
        }
        let event = Event::indexed(self.subjects.entity(slot)?, slot.kind);
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
            let key = (
                sort,
                latest,
                kind,
                entity,
                slot.key(self.registry.tables()),
                slot.part,
            );
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
        let event = Event::indexed(self.subjects.of_slot(slot)?, slot.kind);
        // The slot's range is exact unless the date has gaps (a list of
        // alternatives, or a pattern of unspecified digits) or the event
        // lasts several days: only then are the dates read.
        let (possibly, certain) = match slot.shape() {
            Shape::Plain => slot.within(self.bounds.from, self.bounds.to),
            Shape::Gapped => {
                let date = event.date();
                (
                    date.possibly_within(&self.window),
                    date.certainly_within(&self.window),
                )
            }
            Shape::Span => event.within(&self.window),
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
        if self.plain && slot.is_plain() {
            self.asked(slot.within(self.bounds.from, self.bounds.to))
        } else {
            self.admit(&slot).is_some()
        }
    }
}

impl<'r> Iterator for Hits<'r> {
    type Item = Hit<'r>;

    /// Always inlined: left to the compiler, a caller's loop over the hits
    /// inlined it or not with the size of the function the loop is in, and
    /// a call cost about 27 instructions a hit (Q1 visit: 257.5 against
    /// 229.9 a hit, the same library code; BENCHMARKS.md). What it inlines
    /// is small: the merge (`take`) stays out of line.
    #[inline(always)]
    fn next(&mut self) -> Option<Hit<'r>> {
        self.start();
        while self.remaining != Some(0) {
            let slot = self.take()?;
            // An event listed under two keys of the walked filter comes out
            // of two cursors, one right after the other; when no event is
            // in two of the walked lists, there is nothing to compare.
            if !self.disjoint {
                if self.last.is_some_and(|last| last.same_event(&slot)) {
                    continue;
                }
                self.last = Some(slot);
            }
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
            let left = cap.saturating_sub(n);
            n += if self.exact {
                cursor.count_all(left)
            } else {
                cursor.count(|&s| self.admits(s), left)
            };
        }
        n.min(cap)
    }
}
