//! The indexes behind the timeline queries.
//!
//! Every event of the registry gets a *slot*: its day range, its kind, the
//! entity it belongs to and whether its date has gaps. Slots are small
//! (16 bytes) and stored by value in *runs*: the whole timeline, and one
//! run per event kind, institution, technology area, partnership and
//! meeting series (posting lists). Every run keeps its slots in the total
//! order of events, so a query merges a few runs and yields events in order
//! without sorting them, and decides whether an event is in a window from
//! the slot alone: the entity is read only for a date whose candidate days
//! have gaps (a list of alternatives, or a pattern of unspecified digits
//! such as `1971-XX-03`), or for a filter that needs it.
//!
//! A run is also an interval index. Its slots with a known start and end
//! are sorted by their earliest day (that is the total order); a few levels
//! of block maxima over their latest days let a window query skip, in
//! order, every block in which no event reaches the window: an implicit
//! augmented interval tree over the sorted array. A block that is not
//! skipped is read whole into a bit mask of the slots the query wants.
//! Slots with an open end reach every later window and would keep most
//! blocks alive, so they have a sorted list of their own, as do slots with
//! an open start, which sort by their latest day; in both a window is a
//! plain range.
//!
//! The timeline run is built in one pass when the registry is first
//! queried; the posting lists when a query first filters, and the index of
//! the days agreements are in force when that is first asked. Each is kept
//! up to date by every successful insert, update and remove once built.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use crate::date::Date;
use crate::event::{Event, EventKind, Subject};
use crate::model::commitment::Commitment;
use crate::model::country::Country;
use crate::model::id::{EntityKind, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::taxonomy::TechArea;
use crate::store::{Indexed, Tables};

/// Slots per block of the block maxima, at every level: `1 << BLOCK_BITS`.
const BLOCK_BITS: u32 = 4;
const BLOCK: usize = 1 << BLOCK_BITS;

/// Terms per block of the in-force index's day bounds: the bits of a `u64`.
const TERM_BLOCK: usize = 64;

/// Maps keyed by text from a file: hashed with a per-process random seed, so
/// a file cannot choose colliding keys.
type KeyMap<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

/// From this many entities with events on, the timeline is built on
/// several threads.
const PARALLEL_BUILD: usize = 1 << 16;

/// The most threads a timeline is built on.
const MAX_BUILD_THREADS: usize = 4;

/// The entity kinds that have events.
const SUBJECT_KINDS: [EntityKind; 4] = [
    EntityKind::Partnership,
    EntityKind::Meeting,
    EntityKind::Mou,
    EntityKind::Commitment,
];

/// The entity of kind `entity` at `handle`, if it has events.
#[inline]
pub(crate) fn subject_at(reg: &Tables, entity: EntityKind, handle: u32) -> Option<Subject<'_>> {
    let h = usize::try_from(handle).ok()?;
    match entity {
        EntityKind::Partnership => reg.all::<Partnership>().get(h).map(Subject::Partnership),
        EntityKind::Meeting => reg.all::<Meeting>().get(h).map(Subject::Meeting),
        EntityKind::Mou => reg.all::<Mou>().get(h).map(Subject::Mou),
        EntityKind::Commitment => reg.all::<Commitment>().get(h).map(Subject::Commitment),
        _ => None,
    }
}

/// How many entities of `kind` there are (none of a kind without events).
fn subjects(reg: &Tables, kind: EntityKind) -> usize {
    match kind {
        EntityKind::Partnership => reg.all::<Partnership>().len(),
        EntityKind::Meeting => reg.all::<Meeting>().len(),
        EntityKind::Mou => reg.all::<Mou>().len(),
        EntityKind::Commitment => reg.all::<Commitment>().len(),
        _ => 0,
    }
}

/// How many parts, each on a thread, an index over `entities` entities is
/// built in.
fn build_parts(entities: usize) -> usize {
    if entities < PARALLEL_BUILD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_BUILD_THREADS))
    }
}

/// The position of each entity of `kind` among them in key order, by
/// handle; the keys are sorted in `parts` parts, each on a thread, and
/// merged.
fn key_ranks(reg: &Tables, kind: EntityKind, parts: usize) -> Vec<u32> {
    let parts = parts.max(1);
    let n = subjects(reg, kind);
    let key = |h: u32| subject_at(reg, kind, h).map_or("", |s| s.key());
    // Eight leading bytes order most keys; only keys that share them are
    // read again to compare.
    let order = |a: &(u64, u32), b: &(u64, u32)| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(key(b.1)));
    let sorted = crate::threads::in_parts(parts, "pactum-index", |p| {
        let mut part: Vec<(u64, u32)> = (n * p / parts..n * (p + 1) / parts)
            .filter_map(|h| u32::try_from(h).ok())
            .map(|h| (key_prefix(key(h)), h))
            .collect();
        part.sort_unstable_by(order);
        part
    });
    let mut ranks = vec![0; n];
    let mut rank = 0u32;
    merge(
        sorted,
        |a, b| order(a, b).is_lt(),
        |(_, h)| {
            if let Some(r) = usize::try_from(h).ok().and_then(|h| ranks.get_mut(h)) {
                *r = rank;
            }
            rank += 1;
        },
    );
    ranks
}

/// Hands the items of sorted lists to `each` in order, merged.
fn merge<T>(lists: Vec<Vec<T>>, less: impl Fn(&T, &T) -> bool, mut each: impl FnMut(T)) {
    let mut rests: Vec<std::vec::IntoIter<T>> = lists.into_iter().map(Vec::into_iter).collect();
    match rests.as_mut_slice() {
        [] => return,
        [only] => return only.for_each(each),
        [a, b] => {
            // Two lists (two cores): one comparison an item.
            let (mut a, mut b) = (a.peekable(), b.peekable());
            loop {
                let from_b = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => less(y, x),
                    (Some(_), None) => return a.for_each(each),
                    (None, _) => return b.for_each(each),
                };
                if let Some(item) = if from_b { b.next() } else { a.next() } {
                    each(item);
                }
            }
        }
        _ => {}
    }
    let mut heads: Vec<Option<T>> = rests.iter_mut().map(Iterator::next).collect();
    loop {
        let mut first: Option<usize> = None;
        for (i, head) in heads.iter().enumerate() {
            let Some(item) = head else {
                continue;
            };
            let best = first.and_then(|f| heads.get(f)?.as_ref());
            if best.map_or(true, |best| less(item, best)) {
                first = Some(i);
            }
        }
        let Some(i) = first else {
            return;
        };
        let next = rests.get_mut(i).and_then(Iterator::next);
        if let Some(item) = heads.get_mut(i).and_then(|h| std::mem::replace(h, next)) {
            each(item);
        }
    }
}

/// The first eight bytes of a key, as a number that orders like the key
/// where they differ.
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, k) in bytes.iter_mut().zip(key.bytes()) {
        *b = k;
    }
    u64::from_be_bytes(bytes)
}

/// The positions of the set bits of `mask`, lowest first.
fn set_bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let bit = (mask != 0).then(|| mask.trailing_zeros() as usize)?;
        mask &= mask - 1;
        Some(bit)
    })
}

/// One event, as the index sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) earliest: i32,
    pub(crate) latest: i32,
    pub(crate) handle: u32,
    pub(crate) kind: EventKind,
    pub(crate) entity: EntityKind,
    /// Whether the date's candidate days may have gaps (a list of
    /// alternatives, or a pattern of unspecified digits), so that the range
    /// `earliest..=latest` is only their hull: a query must ask the date.
    pub(crate) gapped: bool,
}

impl Slot {
    fn of(kind: EventKind, date: &Date, entity: EntityKind, handle: u32) -> Slot {
        Slot {
            earliest: date.earliest_day_number(),
            latest: date.latest_day_number(),
            handle,
            kind,
            entity,
            gapped: date.has_gaps(),
        }
    }

    /// The day that orders the event (see [`Event`]).
    pub(crate) fn sort(&self) -> i32 {
        if self.earliest == i32::MIN {
            self.latest
        } else {
            self.earliest
        }
    }

    /// Which list of a run holds the slot.
    fn list(&self) -> List {
        if self.earliest == i32::MIN {
            List::Open
        } else if self.latest == i32::MAX {
            List::Unbounded
        } else {
            List::Closed
        }
    }

    /// The order key without the entity key.
    pub(crate) fn coarse(&self) -> (i32, i32, EventKind, EntityKind) {
        (self.sort(), self.latest, self.kind, self.entity)
    }

    /// The order key without the entity key, packed into one number that
    /// orders like [`Slot::coarse`]; its low 48 bits are zero.
    pub(crate) fn rank(&self) -> u128 {
        // Flipping the sign bit maps i32 order onto u32 order.
        let day = |n: i32| u128::from((n as u32) ^ 0x8000_0000);
        (day(self.sort()) << 96)
            | (day(self.latest) << 64)
            | (u128::from(self.kind as u8) << 56)
            | (u128::from(self.entity as u8) << 48)
    }

    /// The whole order key in one number, given the position of the slot's
    /// entity among the entities of its kind in key order.
    fn full_rank(&self, key_rank: u32) -> u128 {
        self.rank() | u128::from(key_rank)
    }

    /// Whether two slots stand for the same event.
    pub(crate) fn same_event(&self, other: &Slot) -> bool {
        self.handle == other.handle && self.entity == other.entity && self.kind == other.kind
    }

    /// The entity the event belongs to.
    #[inline]
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        subject_at(reg, self.entity, self.handle)
    }

    /// The key of the entity the event belongs to.
    pub(crate) fn key<'r>(&self, reg: &'r Tables) -> &'r str {
        self.subject(reg).map_or("", |s| s.key())
    }

    /// Whether the range `earliest..=latest` possibly and certainly lies in
    /// the window `from..=to`; exact unless the date has gaps.
    pub(crate) fn within(&self, from: i32, to: i32) -> (bool, bool) {
        (
            self.earliest <= to && self.latest >= from,
            self.earliest >= from && self.latest <= to,
        )
    }
}

/// The total order of slots, which reads entity keys only to break ties.
fn slot_order(reg: &Tables) -> impl Fn(&Slot, &Slot) -> Ordering + '_ {
    move |a, b| {
        a.rank()
            .cmp(&b.rank())
            .then_with(|| a.key(reg).cmp(b.key(reg)))
    }
}

/// The three lists of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Closed,
    Unbounded,
    Open,
}

/// The slots of a subset of events, in the total order, with block maxima.
///
/// Slots with an open end reach every later window: kept with the others,
/// they would make most blocks look live to every window after them, so
/// they have a list of their own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    /// Slots with a known start and end, by earliest day (the total order).
    closed: Vec<Slot>,
    /// Slots with a known start and an open end, by earliest day.
    unbounded: Vec<Slot>,
    /// Slots with an open start, by latest day (the total order).
    open: Vec<Slot>,
    /// `levels[l][b]`: the greatest latest day among the closed slots
    /// `b * BLOCK^(l+1) .. (b+1) * BLOCK^(l+1)`.
    levels: Vec<Vec<i32>>,
    /// What a count of the events possibly in a window needs, built by
    /// the first such count and dropped by any edit; boxed, as most posting
    /// lists are never counted.
    tally: OnceLock<Box<Tally>>,
}

/// The counts of a run's events possibly in a window, as for plain
/// intervals: an event misses the window only if it starts after it or
/// ends before it, and no event does both. Dates whose candidate days have
/// gaps (lists, patterns) are asked one by one.
#[derive(Debug, Clone)]
struct Tally {
    /// The days on which the slots without gaps start (earliest days of
    /// those with a known start) and end (latest days of those with a known
    /// end).
    days: Days,
    /// The slots with an open start and no gaps: they all start before any
    /// window.
    open_started: usize,
    /// The slots whose dates have gaps (their range is only a hull, so each
    /// is asked), of each list in [`List`] order, in the list's order.
    gapped: [Vec<Slot>; 3],
}

impl Tally {
    fn of(run: &Run) -> Tally {
        let days = |lists: [&[Slot]; 2], day: fn(&Slot) -> i32| -> Vec<i32> {
            lists
                .into_iter()
                .flatten()
                .filter(|s| !s.gapped)
                .map(day)
                .collect()
        };
        let gapped = |list: &[Slot]| list.iter().filter(|s| s.gapped).copied().collect();
        Tally {
            days: Days::new(
                days([&run.closed, &run.unbounded], |s| s.earliest),
                days([&run.closed, &run.open], |s| s.latest),
            ),
            open_started: run.open.iter().filter(|s| !s.gapped).count(),
            gapped: [
                gapped(&run.closed),
                gapped(&run.unbounded),
                gapped(&run.open),
            ],
        }
    }
}

/// Start and end days, to count the starts on or before a day and the ends
/// before another.
#[derive(Debug, Clone)]
enum Days {
    /// When the days span no more days than there are starts and ends (as
    /// a registry's dates mostly do: many events over a few decades), both
    /// counts for every day of the span, so that a count is two reads. A
    /// day's pair takes 8 bytes, so this is at most twice the memory of the
    /// days themselves.
    Dense {
        /// The first day of the span.
        first: i32,
        /// For each day of the span: the starts on or before it, the ends
        /// before it.
        counts: Vec<[u32; 2]>,
        /// All the starts and ends: the counts past the span.
        total: [usize; 2],
    },
    /// Otherwise, each sorted in a search tree.
    Sparse { starts: Keys, ends: Keys },
}

impl Days {
    fn new(starts: Vec<i32>, ends: Vec<i32>) -> Days {
        let total = [starts.len(), ends.len()];
        let all = || starts.iter().chain(&ends).copied();
        if let (Some(first), Some(last)) = (all().min(), all().max()) {
            let span = i64::from(last) - i64::from(first) + 1;
            let len = total.iter().sum::<usize>();
            let fits = total.iter().all(|&n| u32::try_from(n).is_ok());
            if let Ok(span) = usize::try_from(span).map(|s| s.max(1)) {
                if span <= len && fits {
                    return Days::dense(first, span, &starts, &ends, total);
                }
            }
        }
        Days::sparse(starts, ends)
    }

    fn sparse(mut starts: Vec<i32>, mut ends: Vec<i32>) -> Days {
        starts.sort_unstable();
        ends.sort_unstable();
        Days::Sparse {
            starts: Keys::new(&starts),
            ends: Keys::new(&ends),
        }
    }

    fn dense(first: i32, span: usize, starts: &[i32], ends: &[i32], total: [usize; 2]) -> Days {
        // A histogram of each, by day of the span, then running sums: the
        // starts on or before a day take its own, the ends before it do
        // not.
        let at = |day: i32| usize::try_from(i64::from(day) - i64::from(first)).ok();
        let mut counts = vec![[0u32; 2]; span];
        for &day in starts {
            if let Some([starting, _]) = at(day).and_then(|i| counts.get_mut(i)) {
                *starting += 1;
            }
        }
        for &day in ends {
            if let Some([_, ending]) = at(day).and_then(|i| counts.get_mut(i)) {
                *ending += 1;
            }
        }
        let (mut started, mut ended) = (0u32, 0u32);
        for c in &mut counts {
            let [starting, ending] = *c;
            started += starting;
            *c = [started, ended];
            ended += ending;
        }
        Days::Dense {
            first,
            counts,
            total,
        }
    }

    /// How many starts are on or before `to`, and how many ends before
    /// `from`.
    fn count(&self, to: i32, from: i32) -> (usize, usize) {
        match self {
            Days::Dense {
                first,
                counts,
                total,
            } => {
                // Before the span, none; past it, all.
                let read = |day: i32| match usize::try_from(i64::from(day) - i64::from(*first)) {
                    Err(_) => [0, 0],
                    Ok(i) => counts
                        .get(i)
                        .map_or(*total, |&[s, e]| [s as usize, e as usize]),
                };
                let ([started, _], [_, ended]) = (read(to), read(from));
                (started, ended)
            }
            Days::Sparse { starts, ends } => starts.count_up_to_and(to, ends, from),
        }
    }
}

/// Days in ascending order, kept as a static search tree: nodes of
/// [`NODE`] days, one cache line each, and above each level the last day of
/// each of its nodes, up to a single node. A search reads one node a level
/// and finds in it the first day not under the one sought, comparing all
/// its days at once with no branch, where a binary search over a long array
/// misses the cache at most of its steps.
#[derive(Debug, Clone, Default)]
struct Keys {
    /// The number of days.
    len: usize,
    /// `levels[0]` holds the days, each level above the last day of each
    /// node of the level below; each padded to whole nodes with
    /// `i32::MAX`. The last level is one node.
    levels: Vec<Vec<[i32; NODE]>>,
}

/// Days in a node of [`Keys`]: one 64-byte cache line.
const NODE: usize = 16;

impl Keys {
    fn new(days: &[i32]) -> Keys {
        debug_assert!(days.windows(2).all(|w| w.first() <= w.get(1)));
        let nodes = |days: &mut dyn Iterator<Item = i32>| {
            let mut level = Vec::new();
            loop {
                let mut node = [i32::MAX; NODE];
                let mut filled = 0;
                for (slot, day) in node.iter_mut().zip(&mut *days) {
                    *slot = day;
                    filled += 1;
                }
                if filled > 0 || level.is_empty() {
                    level.push(node);
                }
                if filled < NODE {
                    return level;
                }
            }
        };
        let mut levels = vec![nodes(&mut days.iter().copied())];
        while let Some(below) = levels.last().filter(|l| l.len() > 1) {
            let lasts = nodes(&mut below.iter().map(|node| node[NODE - 1]));
            levels.push(lasts);
        }
        Keys {
            len: days.len(),
            levels,
        }
    }

    /// How many days are under `day`.
    #[cfg(test)]
    fn count_below(&self, day: i32) -> usize {
        let [n] = Keys::count_below_each([(self, day)]);
        n
    }

    /// How many days are at or under `day`.
    #[cfg(test)]
    fn count_up_to(&self, day: i32) -> usize {
        self.count_up_to_and(day, &Keys::default(), 0).0
    }

    /// How many days of `self` are at or under `to`, and how many of `other`
    /// are under `from`: the two searches run side by side.
    fn count_up_to_and(&self, to: i32, other: &Keys, from: i32) -> (usize, usize) {
        let [up_to, below] = Keys::count_below_each([(self, to.saturating_add(1)), (other, from)]);
        // No day is over the greatest.
        let up_to = if to == i32::MAX { self.len } else { up_to };
        (up_to, below)
    }

    /// How many days of each tree are under its day. The trees are searched
    /// side by side, a level at a time: the reads of a level do not wait on
    /// each other, so their cache misses overlap.
    fn count_below_each<const N: usize>(searches: [(&Keys, i32); N]) -> [usize; N] {
        let mut nodes = [0; N];
        let height = searches.iter().map(|(k, _)| k.levels.len()).max();
        for level in (0..height.unwrap_or(0)).rev() {
            for (node, (keys, day)) in nodes.iter_mut().zip(&searches) {
                // A lower tree starts at its own top, in its one node.
                if let Some(level) = keys.levels.get(level) {
                    let under = level.get(*node).map_or(0, |n| under(n, *day));
                    *node = *node * NODE + under;
                }
            }
        }
        let mut counts = nodes;
        for (n, (keys, _)) in counts.iter_mut().zip(&searches) {
            *n = (*n).min(keys.len);
        }
        counts
    }
}
/// How many days of a node are under `day`: the place of the first that is
/// not, as the node is sorted. The comparisons make one mask, whose lowest
/// set bit is that place, so no step waits on another.
#[inline]
fn under(node: &[i32; NODE], day: i32) -> usize {
    let under: i32 = node.iter().map(|&d| i32::from(d < day)).sum();
    under as usize
}

impl Run {
    /// The number of events in the run.
    pub(crate) fn len(&self) -> usize {
        self.closed.len() + self.unbounded.len() + self.open.len()
    }

    fn list_mut(&mut self, slot: &Slot) -> &mut Vec<Slot> {
        match slot.list() {
            List::Closed => &mut self.closed,
            List::Unbounded => &mut self.unbounded,
            List::Open => &mut self.open,
        }
    }

    /// Makes room for `closed`, `unbounded` and `open` more slots in each
    /// list, indexed by [`List`].
    fn reserve(&mut self, [closed, unbounded, open]: [usize; 3]) {
        self.closed.reserve_exact(closed);
        self.unbounded.reserve_exact(unbounded);
        self.open.reserve_exact(open);
    }

    /// Appends a slot that comes after every slot of its list.
    fn push(&mut self, slot: Slot) {
        self.list_mut(&slot).push(slot);
    }

    /// Rebuilds the block maxima of the closed slots.
    fn finish(&mut self) {
        self.levels.clear();
        self.refresh_from(0);
        self.tally = OnceLock::new();
    }

    /// The number of events of the run possibly in the window
    /// `from..=to`, found from the days the events start and end on (see
    /// [`Days`]); `possibly(slot)` answers for a date with gaps (a list of
    /// alternatives, or a pattern).
    pub(crate) fn count_possibly(
        &self,
        from: i32,
        to: i32,
        mut possibly: impl FnMut(&Slot) -> bool,
    ) -> usize {
        if from > to {
            return 0;
        }
        let tally = self.tally.get_or_init(|| Box::new(Tally::of(self)));
        let [closed_lists, unbounded_lists, open_lists] = &tally.gapped;
        let starts_by_end = |s: &Slot| s.earliest <= to;
        let ends_before = |s: &Slot| s.latest < from;
        // Those that start by the window's end (all with an open start do),
        // less those that end before its start (which all start by its end;
        // saturating keeps a count from wrapping should a slot ever break
        // that).
        let (started, ended) = tally.days.count(to, from);
        let n = (started + tally.open_started).saturating_sub(ended);
        let first = closed_lists
            .get(..closed_lists.partition_point(starts_by_end))
            .unwrap_or_default();
        let more = unbounded_lists
            .get(..unbounded_lists.partition_point(starts_by_end))
            .unwrap_or_default();
        let ended_lists = open_lists.partition_point(ends_before);
        let last = open_lists.get(ended_lists..).unwrap_or_default();
        n + first
            .iter()
            .chain(more)
            .chain(last)
            .filter(|s| s.latest >= from && possibly(s))
            .count()
    }

    /// Recomputes the block maxima from the block holding closed position
    /// `pos` on: an edit at `pos` shifts only the slots after it.
    fn refresh_from(&mut self, pos: usize) {
        // No slot with a known start: no blocks, whichever way the run got
        // here (built in one pass, or edited down to nothing).
        if self.closed.is_empty() {
            self.levels.clear();
            return;
        }
        let mut first = pos / BLOCK;
        let mut level = 0;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
                first = 0;
            }
            let computed: Vec<i32> = if level == 0 {
                self.closed
                    .chunks(BLOCK)
                    .skip(first)
                    .map(|c| c.iter().map(|s| s.latest).max().unwrap_or(i32::MIN))
                    .collect()
            } else {
                self.levels
                    .get(level - 1)
                    .map(|below| {
                        below
                            .chunks(BLOCK)
                            .skip(first)
                            .map(|c| c.iter().copied().max().unwrap_or(i32::MIN))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let Some(current) = self.levels.get_mut(level) else {
                break;
            };
            current.truncate(first);
            current.extend(computed);
            if current.len() <= 1 {
                self.levels.truncate(level + 1);
                break;
            }
            first /= BLOCK;
            level += 1;
        }
    }

    /// Inserts a slot at its place in the total order `cmp`.
    fn insert(&mut self, slot: Slot, cmp: &impl Fn(&Slot, &Slot) -> Ordering) {
        self.tally = OnceLock::new();
        let list = self.list_mut(&slot);
        let at = list.partition_point(|other| cmp(other, &slot) == Ordering::Less);
        list.insert(at, slot);
        if slot.list() == List::Closed {
            self.refresh_from(at);
        }
    }

    /// Removes the slot of an event, found by its order fields.
    fn remove(&mut self, slot: &Slot) {
        self.tally = OnceLock::new();
        let target = slot.coarse();
        let list = self.list_mut(slot);
        let from = list.partition_point(|other| other.coarse() < target);
        let found = list.get(from..).and_then(|rest| {
            rest.iter()
                .take_while(|other| other.coarse() == target)
                .position(|other| other.same_event(slot))
        });
        if let Some(offset) = found {
            list.remove(from + offset);
            if slot.list() == List::Closed {
                self.refresh_from(from + offset);
            }
        }
    }

    /// Renumbers the entities of kind `entity` after the one at `h`, which
    /// left its store.
    fn shift(&mut self, entity: EntityKind, h: u32) {
        self.tally = OnceLock::new();
        let lists = [&mut self.closed, &mut self.unbounded, &mut self.open];
        for s in lists.into_iter().flat_map(|l| l.iter_mut()) {
            if s.entity == entity && s.handle > h {
                s.handle -= 1;
            }
        }
    }

    /// The cursors that walk the run's candidates for `bounds`, one for
    /// each of its lists.
    pub(crate) fn cursors(&self, bounds: &Bounds) -> [Cursor<'_>; 3] {
        // Known start: a candidate starts by the window's end; it must also
        // reach the window's start, which the block maxima check.
        let lo = if bounds.certainly {
            bounds.sort_from.max(bounds.from)
        } else {
            bounds.sort_from
        };
        let hi = bounds.sort_to.min(bounds.to);
        let cap = if bounds.certainly {
            bounds.to
        } else {
            i32::MAX
        };
        let by_start = |list: &[Slot]| {
            (
                list.partition_point(|s| s.earliest < lo),
                list.partition_point(|s| s.earliest <= hi),
            )
        };
        let closed = Cursor::new(
            &self.closed,
            &self.levels,
            by_start(&self.closed),
            (bounds.from, cap),
            bounds.reverse,
        );
        // Open end: every slot reaches the window, and none lies inside one
        // that ends.
        let unbounded = if bounds.certainly && bounds.to != i32::MAX {
            Cursor::empty()
        } else {
            let range = by_start(&self.unbounded);
            Cursor::new(&self.unbounded, &[], range, (i32::MIN, cap), bounds.reverse)
        };
        // Open start: every slot starts before the window; it is a candidate
        // when its latest day (its sort day) reaches the window.
        let (lo, hi) = if bounds.certainly {
            if bounds.from == i32::MIN {
                (bounds.sort_from, bounds.sort_to.min(bounds.to))
            } else {
                (1, 0)
            }
        } else {
            (bounds.sort_from.max(bounds.from), bounds.sort_to)
        };
        let open = if lo <= hi {
            let range = (
                self.open.partition_point(|s| s.latest < lo),
                self.open.partition_point(|s| s.latest <= hi),
            );
            Cursor::new(&self.open, &[], range, (i32::MIN, cap), bounds.reverse)
        } else {
            Cursor::empty()
        };
        [closed, unbounded, open]
    }

    /// Every slot of the run, each list in order.
    fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.closed
            .iter()
            .chain(self.unbounded.iter())
            .chain(self.open.iter())
    }
}

/// What a query asks of a run, as day numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// The window.
    pub(crate) from: i32,
    /// The window.
    pub(crate) to: i32,
    /// Whether the event must lie inside the window.
    pub(crate) certainly: bool,
    /// The range of sort days (the `after` and `before` cursors).
    pub(crate) sort_from: i32,
    /// The range of sort days.
    pub(crate) sort_to: i32,
    /// Whether to walk from the last event to the first.
    pub(crate) reverse: bool,
}

impl Bounds {
    /// Every event, in order or in reverse order.
    pub(crate) fn everything(reverse: bool) -> Bounds {
        Bounds {
            from: i32::MIN,
            to: i32::MAX,
            certainly: false,
            sort_from: i32::MIN,
            sort_to: i32::MAX,
            reverse,
        }
    }
}

/// A walk over one sorted list of a run, yielding slots whose latest day
/// lies in `reach..=cap`, in order (or in reverse order).
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'i> {
    list: &'i [Slot],
    levels: &'i [Vec<i32>],
    lo: usize,
    hi: usize,
    reach: i32,
    /// The latest day a slot may have: the window's end when the query
    /// asks for events certainly inside it.
    cap: i32,
    reverse: bool,
    /// The wanted slots of the segment being walked, a bit each from
    /// position `base`.
    mask: u64,
    base: usize,
}

impl<'i> Cursor<'i> {
    /// A walk over positions `lo..hi` of `list` for slots whose latest day
    /// lies in `reach..=cap`.
    fn new(
        list: &'i [Slot],
        levels: &'i [Vec<i32>],
        (lo, hi): (usize, usize),
        (reach, cap): (i32, i32),
        reverse: bool,
    ) -> Cursor<'i> {
        Cursor {
            list,
            levels,
            lo,
            hi,
            reach,
            cap,
            reverse,
            mask: 0,
            base: 0,
        }
    }

    fn empty() -> Cursor<'i> {
        Cursor::new(&[], &[], (0, 0), (i32::MIN, i32::MAX), false)
    }

    /// Whether position `i` lies in a block, at some level, where no slot
    /// reaches `reach`: if so, the block's first and one-past-last
    /// positions.
    fn dead_block(&self, i: usize) -> Option<(usize, usize)> {
        for (level, maxima) in self.levels.iter().enumerate().rev() {
            // Blocks of level `l` are `BLOCK^(l+1)` slots wide.
            let bits = u32::try_from(level + 1).map_or(u32::MAX, |l| l.saturating_mul(BLOCK_BITS));
            let b = i.checked_shr(bits).unwrap_or(0);
            if maxima.get(b).is_some_and(|&m| m < self.reach) {
                let start = b.checked_shl(bits).unwrap_or(0);
                let end = (b + 1).checked_shl(bits).unwrap_or(usize::MAX);
                return Some((start, end));
            }
        }
        None
    }

    /// Whether a slot's latest day is in `reach..=cap`, without a branch.
    fn wanted(&self, s: &Slot) -> bool {
        let offset = |n: i32| n.wrapping_sub(self.reach) as u32;
        // `reach <= cap` holds for every walk made by `Run::cursors`; the
        // check keeps the arithmetic right for any other.
        (self.reach <= self.cap) & (offset(s.latest) <= offset(self.cap))
    }

    /// Makes positions `start..end` (at most one block) the segment being
    /// walked.
    fn load(&mut self, start: usize, end: usize) {
        self.base = start;
        self.mask = 0;
        if let Some(segment) = self.list.get(start..end) {
            for (k, s) in segment.iter().enumerate() {
                self.mask |= u64::from(self.wanted(s)) << k;
            }
        }
    }

    /// Moves to the next segment, in walking order, that holds a wanted
    /// slot; `false` at the end of the walk.
    fn fill(&mut self) -> bool {
        let skipping = self.reach != i32::MIN && !self.levels.is_empty();
        if self.reverse {
            while self.hi > self.lo {
                let j = self.hi - 1;
                if let Some((start, _)) = self.dead_block(j).filter(|_| skipping) {
                    self.hi = start.max(self.lo);
                    continue;
                }
                let start = (j & !(BLOCK - 1)).max(self.lo);
                self.load(start, j + 1);
                self.hi = start;
                if self.mask != 0 {
                    return true;
                }
            }
        } else {
            while self.lo < self.hi {
                let i = self.lo;
                if let Some((_, end)) = self.dead_block(i).filter(|_| skipping) {
                    self.lo = end.min(self.hi);
                    continue;
                }
                let end = ((i | (BLOCK - 1)) + 1).min(self.hi);
                self.load(i, end);
                self.lo = end;
                if self.mask != 0 {
                    return true;
                }
            }
        }
        false
    }

    /// Counts the slots left in the walk that `f` accepts, a block at a
    /// time and in no particular order, until the count reaches `cap`.
    pub(crate) fn count(&mut self, mut f: impl FnMut(&Slot) -> bool, cap: usize) -> usize {
        let mut n = 0;
        while n < cap && (self.mask != 0 || self.fill()) {
            for bit in set_bits(std::mem::take(&mut self.mask)) {
                n += usize::from(self.list.get(self.base + bit).is_some_and(&mut f));
            }
        }
        n
    }

    /// The next slot in walking order.
    ///
    /// A block is read whole into a mask of the slots the walk wants (which
    /// ones are is hard to predict, so the test is made without a branch),
    /// and the mask is then walked bit by bit.
    pub(crate) fn next(&mut self) -> Option<&'i Slot> {
        while self.mask == 0 {
            if !self.fill() {
                return None;
            }
        }
        let bit = if self.reverse {
            63 - self.mask.leading_zeros()
        } else {
            self.mask.trailing_zeros()
        };
        self.mask &= !(1u64 << bit);
        self.list.get(self.base + bit as usize)
    }
}

/// The index of a registry's events, with the hierarchies the filters expand.
#[derive(Clone, Default)]
pub(crate) struct Index {
    all: Run,
    postings: OnceLock<Postings>,
    force: OnceLock<ForceIndex>,
    child_institutions: KeyMap<Vec<Box<str>>>,
    child_areas: KeyMap<Vec<Box<str>>>,
    institutions_in: HashMap<Country, Vec<Box<str>>>,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("events", &self.all.len())
            .field("postings", &self.postings.get().is_some())
            .field("in_force", &self.force.get().map(ForceIndex::len))
            .finish_non_exhaustive()
    }
}

/// The posting lists an event belongs to, as keys.
struct PostingKeys<'r> {
    institutions: Vec<&'r str>,
    areas: &'r [Key<TechArea>],
    partnership: Option<&'r str>,
    series: Option<&'r str>,
}

fn posting_keys(subject: Subject<'_>) -> PostingKeys<'_> {
    PostingKeys {
        institutions: subject
            .institutions()
            .into_iter()
            .map(Key::as_str)
            .collect(),
        areas: subject.tech_areas(),
        partnership: subject.partnership().map(Key::as_str),
        series: subject.series().map(Key::as_str),
    }
}

impl Index {
    /// Builds the timeline of every event of the registry, and the
    /// hierarchies of institutions and areas.
    pub(crate) fn build(reg: &Tables) -> Index {
        // A large registry's keys and slots are sorted in parts, one a
        // thread, then merged.
        Index::build_in(
            reg,
            build_parts(SUBJECT_KINDS.iter().map(|&k| subjects(reg, k)).sum()),
        )
    }

    /// [`Index::build`], sorting in `parts` parts.
    fn build_in(reg: &Tables, parts: usize) -> Index {
        let parts = parts.max(1);
        let mut ix = Index::default();
        // Each slot with its whole order key as one number: the entity's key
        // enters as its position in key order, so the sort compares numbers
        // only.
        let ranks = SUBJECT_KINDS.map(|kind| (kind, key_ranks(reg, kind, parts)));
        let part = |p: usize| {
            let mut order: Vec<(u128, Slot)> = Vec::new();
            for (kind, ranks) in &ranks {
                let n = ranks.len();
                let (from, to) = (n * p / parts, n * (p + 1) / parts);
                order.reserve((to - from) * 2);
                for (h, &key_rank) in ranks.iter().enumerate().take(to).skip(from) {
                    let Some(subject) = u32::try_from(h)
                        .ok()
                        .and_then(|handle| subject_at(reg, *kind, handle))
                    else {
                        continue;
                    };
                    order.extend(slots_of(subject, h).map(|s| (s.full_rank(key_rank), s)));
                }
            }
            order.sort_unstable_by_key(|&(rank, _)| rank);
            order
        };
        let sorted = crate::threads::in_parts(parts, "pactum-index", part);
        let mut sizes = [0; 3];
        for (_, slot) in sorted.iter().flatten() {
            if let Some(n) = sizes.get_mut(slot.list() as usize) {
                *n += 1;
            }
        }
        ix.all.reserve(sizes);
        // No two slots share an order key: an entity has one event a kind.
        merge(sorted, |a, b| a.0 < b.0, |(_, slot)| ix.all.push(slot));
        ix.all.finish();
        for inst in reg.all::<Institution>() {
            ix.link_institution(inst);
        }
        for area in reg.all::<TechArea>() {
            ix.link_area(area);
        }
        ix
    }

    /// Builds the posting lists and the in-force index now rather than on
    /// first use.
    pub(crate) fn build_all(&self, reg: &Tables) {
        self.postings(reg);
        self.force(reg);
    }

    /// The posting lists, built on first use.
    pub(crate) fn postings(&self, reg: &Tables) -> &Postings {
        self.postings
            .get_or_init(|| Postings::build(reg, &self.all))
    }

    /// The index of the days agreements are in force, built on first use.
    pub(crate) fn force(&self, reg: &Tables) -> &ForceIndex {
        self.force.get_or_init(|| ForceIndex::build(reg))
    }

    /// Indexes the entity of kind `kind` that was just added at `h` or that
    /// replaced the one at `h`.
    pub(crate) fn link(&mut self, reg: &Tables, kind: EntityKind, h: usize) {
        match kind {
            EntityKind::Institution => {
                if let Some(inst) = reg.all::<Institution>().get(h) {
                    self.link_institution(inst);
                }
            }
            EntityKind::TechArea => {
                if let Some(area) = reg.all::<TechArea>().get(h) {
                    self.link_area(area);
                }
            }
            _ => {
                let Some(subject) = u32::try_from(h)
                    .ok()
                    .and_then(|handle| subject_at(reg, kind, handle))
                else {
                    return;
                };
                if let Some(force) = self.force.get_mut() {
                    force.link(reg, kind, h);
                }
                let order = slot_order(reg);
                for slot in slots_of(subject, h) {
                    self.all.insert(slot, &order);
                    if let Some(postings) = self.postings.get_mut() {
                        postings.post(reg, slot, |run, s| run.insert(s, &order));
                    }
                }
            }
        }
    }

    /// Forgets the entity `old` of kind `kind` at `h` (before it is replaced
    /// or removed). Works from `old` alone: its slots are made again from
    /// its dates.
    pub(crate) fn unlink(&mut self, kind: EntityKind, h: usize, old: Indexed<'_>) {
        match old {
            Indexed::Nothing => {}
            Indexed::Institution(inst) => self.unlink_institution(inst),
            Indexed::TechArea(area) => self.unlink_area(area),
            Indexed::Events(subject) => {
                if let Some(force) = self.force.get_mut() {
                    force.unlink(kind, h);
                }
                let keys = posting_keys(subject);
                for slot in slots_of(subject, h) {
                    self.all.remove(&slot);
                    if let Some(postings) = self.postings.get_mut() {
                        postings.unpost(&slot, &keys);
                    }
                }
            }
        }
    }

    /// Renumbers the entities of kind `kind` after the one at `h` was
    /// removed from its store.
    pub(crate) fn shift(&mut self, kind: EntityKind, h: usize) {
        let Ok(handle) = u32::try_from(h) else { return };
        if let Some(force) = self.force.get_mut() {
            force.shift(kind, handle);
        }
        self.all.shift(kind, handle);
        if let Some(postings) = self.postings.get_mut() {
            for run in postings.runs_mut() {
                run.shift(kind, handle);
            }
        }
    }

    fn link_institution(&mut self, inst: &Institution) {
        let key: Box<str> = inst.key().as_str().into();
        if let Some(parent) = inst.parent() {
            self.child_institutions
                .entry(parent.as_str().into())
                .or_default()
                .push(key.clone());
        }
        self.institutions_in
            .entry(inst.country())
            .or_default()
            .push(key);
    }

    fn unlink_institution(&mut self, inst: &Institution) {
        let key = inst.key().as_str();
        if let Some(parent) = inst.parent() {
            if let Some(children) = self.child_institutions.get_mut(parent.as_str()) {
                children.retain(|c| &**c != key);
            }
        }
        if let Some(members) = self.institutions_in.get_mut(&inst.country()) {
            members.retain(|c| &**c != key);
        }
    }

    fn link_area(&mut self, area: &TechArea) {
        for parent in area.parents() {
            self.child_areas
                .entry(parent.as_str().into())
                .or_default()
                .push(area.key().as_str().into());
        }
    }

    fn unlink_area(&mut self, area: &TechArea) {
        for parent in area.parents() {
            if let Some(children) = self.child_areas.get_mut(parent.as_str()) {
                children.retain(|c| &**c != area.key().as_str());
            }
        }
    }

    /// The run of every event.
    pub(crate) fn all(&self) -> &Run {
        &self.all
    }

    /// The institution and every institution under it, the institution
    /// first, each once.
    pub(crate) fn institution_and_below<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        descendants(&self.child_institutions, key)
    }

    /// The area and every area under it, the area first, each once.
    pub(crate) fn area_and_below<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        descendants(&self.child_areas, key)
    }

    /// The institutions of a country or bloc.
    pub(crate) fn institutions_in(&self, country: Country) -> &[Box<str>] {
        self.institutions_in
            .get(&country)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The slots of the events of an entity at handle `h` of its store.
fn slots_of(subject: Subject<'_>, h: usize) -> impl Iterator<Item = Slot> + '_ {
    let handle = u32::try_from(h).ok();
    let entity = subject.kind();
    Event::dates_of(subject)
        .filter_map(move |(kind, date)| Some(Slot::of(kind, date, entity, handle?)))
}

/// The posting lists: the events of each kind, institution, technology area,
/// partnership and meeting series, each a [`Run`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Postings {
    by_kind: HashMap<EventKind, Run>,
    by_institution: KeyMap<Run>,
    by_area: KeyMap<Run>,
    by_partnership: KeyMap<Run>,
    by_series: KeyMap<Run>,
}

impl Postings {
    /// Sorts the slots of the timeline into posting lists. The timeline is
    /// in order, so every list is too.
    ///
    /// An entity's posting lists are the same for all its events, so they
    /// are found once per entity, walking the stores in order (reading
    /// entities where they lie, not in timeline order), as numbered lists;
    /// the walk of the timeline then only appends slots to them.
    fn build(reg: &Tables, all: &Run) -> Postings {
        // The lists of each family, numbered in order of first use.
        #[derive(Default)]
        struct Family<'r> {
            ids: HashMap<&'r str, u32, foldhash::fast::RandomState>,
            runs: Vec<Run>,
        }
        impl<'r> Family<'r> {
            fn id(&mut self, key: &'r str) -> u32 {
                if let Some(&id) = self.ids.get(key) {
                    return id;
                }
                let id = u32::try_from(self.runs.len()).unwrap_or(u32::MAX);
                self.ids.insert(key, id);
                self.runs.push(Run::default());
                id
            }
            fn into_map(self) -> KeyMap<Run> {
                let mut runs: Vec<Option<Run>> = self.runs.into_iter().map(Some).collect();
                let mut map = KeyMap::default();
                for (key, id) in self.ids {
                    let run = usize::try_from(id)
                        .ok()
                        .and_then(|i| runs.get_mut(i)?.take());
                    if let Some(mut run) = run.filter(|r| r.len() > 0) {
                        run.finish();
                        map.insert(key.into(), run);
                    }
                }
                map
            }
        }
        const FAMILIES: usize = 4;
        let mut families: [Family<'_>; FAMILIES] = Default::default();
        // For each subject kind, `starts[h]..starts[h + 1]` indexes the
        // (family, list) pairs of the entity at `h` in `targets`.
        let mut starts: [Vec<usize>; 4] = Default::default();
        let mut targets: Vec<(usize, u32)> = Vec::new();
        for (k, kind) in SUBJECT_KINDS.into_iter().enumerate() {
            let Some(starts) = starts.get_mut(k) else {
                continue;
            };
            let mut h = 0;
            while let Some(subject) = u32::try_from(h)
                .ok()
                .and_then(|handle| subject_at(reg, kind, handle))
            {
                starts.push(targets.len());
                let [institutions, areas, partnerships, series] = &mut families;
                let keys = posting_keys(subject);
                for (i, &inst) in keys.institutions.iter().enumerate() {
                    if !keys.institutions.iter().take(i).any(|&x| x == inst) {
                        targets.push((0, institutions.id(inst)));
                    }
                }
                for (i, area) in keys.areas.iter().enumerate() {
                    if !keys.areas.iter().take(i).any(|x| x == area) {
                        targets.push((1, areas.id(area.as_str())));
                    }
                }
                if let Some(p) = keys.partnership {
                    targets.push((2, partnerships.id(p)));
                }
                if let Some(s) = keys.series {
                    targets.push((3, series.id(s)));
                }
                h += 1;
            }
            starts.push(targets.len());
        }
        // Calls `f` with each slot, in order, and every (family, list) it
        // belongs to.
        let each_target = |f: &mut dyn FnMut(Slot, usize, usize)| {
            for &slot in all.slots() {
                let Some(k) = SUBJECT_KINDS.iter().position(|&kind| kind == slot.entity) else {
                    continue;
                };
                let h = usize::try_from(slot.handle).unwrap_or(usize::MAX);
                let range = starts.get(k).and_then(|s| Some(*s.get(h)?..*s.get(h + 1)?));
                for &(family, id) in range.and_then(|r| targets.get(r)).unwrap_or(&[]) {
                    f(slot, family, usize::try_from(id).unwrap_or(usize::MAX));
                }
            }
        };
        // Count first, so that every list is allocated once at its size.
        let mut sizes: [Vec<[usize; 3]>; FAMILIES] = Default::default();
        for (size, family) in sizes.iter_mut().zip(&families) {
            *size = vec![[0; 3]; family.runs.len()];
        }
        each_target(&mut |slot, family, id| {
            let list = slot.list() as usize;
            if let Some(n) = sizes
                .get_mut(family)
                .and_then(|s| s.get_mut(id)?.get_mut(list))
            {
                *n += 1;
            }
        });
        for (size, family) in sizes.iter().zip(&mut families) {
            for (&size, run) in size.iter().zip(&mut family.runs) {
                run.reserve(size);
            }
        }
        each_target(&mut |slot, family, id| {
            if let Some(run) = families.get_mut(family).and_then(|f| f.runs.get_mut(id)) {
                run.push(slot);
            }
        });
        let mut p = Postings::default();
        for &slot in all.slots() {
            p.by_kind.entry(slot.kind).or_default().push(slot);
        }
        for run in p.by_kind.values_mut() {
            run.finish();
        }
        let [institutions, areas, partnerships, series] = families;
        p.by_institution = institutions.into_map();
        p.by_area = areas.into_map();
        p.by_partnership = partnerships.into_map();
        p.by_series = series.into_map();
        p
    }

    fn runs_mut(&mut self) -> impl Iterator<Item = &mut Run> {
        self.by_kind
            .values_mut()
            .chain(self.by_institution.values_mut())
            .chain(self.by_area.values_mut())
            .chain(self.by_partnership.values_mut())
            .chain(self.by_series.values_mut())
    }

    /// Applies `op` to every run the slot belongs to.
    fn post(&mut self, reg: &Tables, slot: Slot, op: impl Fn(&mut Run, Slot)) {
        let Some(subject) = slot.subject(reg) else {
            return;
        };
        let p = posting_keys(subject);
        op(self.by_kind.entry(slot.kind).or_default(), slot);
        // Lists are short: a linear check keeps each key once, without a set.
        for (i, &inst) in p.institutions.iter().enumerate() {
            if !p.institutions.iter().take(i).any(|&x| x == inst) {
                if let Some(run) = run_for(&mut self.by_institution, inst) {
                    op(run, slot);
                }
            }
        }
        for (i, area) in p.areas.iter().enumerate() {
            if !p.areas.iter().take(i).any(|x| x == area) {
                if let Some(run) = run_for(&mut self.by_area, area.as_str()) {
                    op(run, slot);
                }
            }
        }
        if let Some(partnership) = p.partnership {
            if let Some(run) = run_for(&mut self.by_partnership, partnership) {
                op(run, slot);
            }
        }
        if let Some(series) = p.series {
            if let Some(run) = run_for(&mut self.by_series, series) {
                op(run, slot);
            }
        }
    }

    fn unpost(&mut self, slot: &Slot, keys: &PostingKeys<'_>) {
        remove_from(&mut self.by_kind, &slot.kind, slot);
        for &inst in &keys.institutions {
            remove_from(&mut self.by_institution, inst, slot);
        }
        for area in keys.areas {
            remove_from(&mut self.by_area, area.as_str(), slot);
        }
        if let Some(partnership) = keys.partnership {
            remove_from(&mut self.by_partnership, partnership, slot);
        }
        if let Some(series) = keys.series {
            remove_from(&mut self.by_series, series, slot);
        }
    }

    /// The run of an event kind.
    pub(crate) fn of_kind(&self, kind: EventKind) -> Option<&Run> {
        self.by_kind.get(&kind)
    }

    /// The run of the events that name an institution directly.
    pub(crate) fn of_institution(&self, key: &str) -> Option<&Run> {
        self.by_institution.get(key)
    }

    /// The run of the events that name a technology area directly.
    pub(crate) fn of_area(&self, key: &str) -> Option<&Run> {
        self.by_area.get(key)
    }

    /// The run of the events of a partnership.
    pub(crate) fn of_partnership(&self, key: &str) -> Option<&Run> {
        self.by_partnership.get(key)
    }

    /// The run of the meetings of a series.
    pub(crate) fn of_series(&self, key: &str) -> Option<&Run> {
        self.by_series.get(key).filter(|r| r.len() > 0)
    }

    /// Every series that has meetings.
    pub(crate) fn series_keys(&self) -> impl Iterator<Item = &str> {
        self.by_series.keys().map(|k| &**k)
    }

    /// The series key as the index holds it.
    pub(crate) fn series_key(&self, key: &str) -> Option<&str> {
        self.by_series.get_key_value(key).map(|(k, _)| &**k)
    }
}

/// The run of `key`, made empty if there is none yet; the key is copied
/// only then.
fn run_for<'m>(map: &'m mut KeyMap<Run>, key: &str) -> Option<&'m mut Run> {
    if !map.contains_key(key) {
        map.insert(key.into(), Run::default());
    }
    map.get_mut(key)
}

fn remove_from<K, Q, S>(map: &mut HashMap<K, Run, S>, key: &Q, slot: &Slot)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
    S: std::hash::BuildHasher,
{
    let empty = match map.get_mut(key) {
        Some(run) => {
            run.remove(slot);
            run.len() == 0
        }
        None => false,
    };
    if empty {
        map.remove(key);
    }
}

fn descendants<'a>(children: &'a KeyMap<Vec<Box<str>>>, root: &'a str) -> Vec<&'a str> {
    let mut out = vec![root];
    let mut seen: HashSet<&str> = HashSet::from([root]);
    let mut i = 0;
    while let Some(&current) = out.get(i) {
        for child in children.get(current).into_iter().flatten() {
            if seen.insert(child) {
                out.push(child);
            }
        }
        i += 1;
    }
    out
}

/// The days an agreement may be in force, as an inclusive range of day
/// numbers.
type Span = (i32, i32);

/// The days an agreement certainly is in force (inclusive day numbers, an
/// empty range when `from > to`), and the agreement: 16 bytes. The days it
/// may be in force are its [`Span`], kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    certainly_from: i32,
    certainly_to: i32,
    handle: u32,
    entity: EntityKind,
}

impl Term {
    /// The term of the partnership or MOU of kind `entity` at `h`; `None`
    /// when it is in force on no day.
    ///
    /// An agreement is possibly in force on day `n` when its start possibly
    /// came by `n`, its last day in force possibly is `n` or later and the
    /// day it stopped possibly is after `n`; certainly, when all three are
    /// certain. Each condition bounds `n` by a day of the date's range.
    fn of(reg: &Tables, entity: EntityKind, h: usize) -> Option<(Span, Term)> {
        let handle = u32::try_from(h).ok()?;
        match subject_at(reg, entity, handle)? {
            Subject::Partnership(p) => {
                Term::from_dates(p.established(), None, p.ended(), entity, handle)
            }
            Subject::Mou(m) => {
                Term::from_dates(Some(m.start()), m.expiry(), m.termination(), entity, handle)
            }
            _ => None,
        }
    }

    /// The term of an agreement with start `start` (`None`: unknown), last
    /// day in force `last` and first day no longer in force `gone`.
    fn from_dates(
        start: Option<&Date>,
        last: Option<&Date>,
        gone: Option<&Date>,
        entity: EntityKind,
        handle: u32,
    ) -> Option<(Span, Term)> {
        let earliest = |d: Option<&Date>| d.map(Date::earliest_day_number);
        let latest = |d: Option<&Date>| d.map(Date::latest_day_number);
        let before = |n: i32| n.saturating_sub(1);
        let possibly_from = earliest(start).unwrap_or(i32::MIN);
        let possibly_to = latest(last)
            .unwrap_or(i32::MAX)
            .min(latest(gone).map_or(i32::MAX, before));
        // An unknown start is never certainly past.
        let certainly_from = latest(start).unwrap_or(i32::MAX);
        let certainly_to = earliest(last)
            .unwrap_or(i32::MAX)
            .min(earliest(gone).map_or(i32::MAX, before));
        (possibly_from <= possibly_to).then_some((
            (possibly_from, possibly_to),
            Term {
                certainly_from,
                certainly_to,
                handle,
                entity,
            },
        ))
    }

    /// Whether the agreement with this term and span is possibly and
    /// certainly in force on day `n` (a day of the calendar: never
    /// `i32::MIN` or `i32::MAX`).
    #[cfg(test)]
    pub(crate) fn on(&self, (from, to): Span, n: i32) -> (bool, bool) {
        let possibly = from <= n && n <= to;
        (possibly, possibly && self.certainly_on(n))
    }

    /// Whether the agreement is certainly in force on day `n`, given that
    /// it possibly is.
    pub(crate) fn certainly_on(&self, n: i32) -> bool {
        self.certainly_from <= n && n <= self.certainly_to
    }

    /// The agreement.
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        subject_at(reg, self.entity, self.handle)
    }

    /// Partnerships first, then MOUs.
    fn rank(entity: EntityKind) -> u8 {
        u8::from(entity != EntityKind::Partnership)
    }
}

/// The terms of every partnership and MOU, in the order the in-force answer
/// lists them (partnerships first, each kind in key order), with the bounds
/// of each block of terms so that a day outside them skips the block.
///
/// The days each term is possibly in force are kept apart, eight bytes a
/// term, so that the scan of a day reads little memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForceIndex {
    terms: Vec<Term>,
    /// The span of each term, in the same order.
    spans: Vec<Span>,
    /// `(earliest possibly_from, latest possibly_to)` of each block.
    blocks: Vec<Span>,
}

impl ForceIndex {
    fn build(reg: &Tables) -> ForceIndex {
        // Partnerships, then MOUs, each in key order, as one number.
        let mut order: Vec<(u64, Span, Term)> = Vec::new();
        let kinds = [EntityKind::Partnership, EntityKind::Mou];
        let parts = build_parts(kinds.iter().map(|&k| subjects(reg, k)).sum());
        for entity in kinds {
            let ranks = key_ranks(reg, entity, parts);
            order.reserve(ranks.len());
            for (h, &key_rank) in ranks.iter().enumerate() {
                if let Some((span, term)) = Term::of(reg, entity, h) {
                    let rank = (u64::from(Term::rank(entity)) << 32) | u64::from(key_rank);
                    order.push((rank, span, term));
                }
            }
        }
        order.sort_unstable_by_key(|o| o.0);
        let mut fx = ForceIndex {
            spans: order.iter().map(|o| o.1).collect(),
            terms: order.into_iter().map(|o| o.2).collect(),
            blocks: Vec::new(),
        };
        fx.refresh_from(0);
        fx
    }

    /// Recomputes the bounds of the blocks from the one holding `pos` on.
    fn refresh_from(&mut self, pos: usize) {
        let first = pos / TERM_BLOCK;
        self.blocks.truncate(first);
        let bounds = self.spans.chunks(TERM_BLOCK).skip(first).map(|c| {
            c.iter()
                .fold((i32::MAX, i32::MIN), |(lo, hi), &(from, to)| {
                    (lo.min(from), hi.max(to))
                })
        });
        self.blocks.extend(bounds);
    }

    /// Which terms are possibly in force on day `n`: a bit per term, 64
    /// terms a mask, read without a branch per term.
    pub(crate) fn masks(&self, n: i32) -> Vec<u64> {
        self.spans
            .chunks(TERM_BLOCK)
            .zip(&self.blocks)
            .map(|(spans, &(lo, hi))| {
                if n < lo || hi < n {
                    return 0;
                }
                let mut mask = 0u64;
                for (i, &(from, to)) in spans.iter().enumerate() {
                    mask |= u64::from((from <= n) & (n <= to)) << i;
                }
                mask
            })
            .collect()
    }

    /// Hands `hit` every term set in `masks` (from [`ForceIndex::masks`] of
    /// day `n`), in answer order, with whether it is certainly in force.
    pub(crate) fn each_on(&self, n: i32, masks: &[u64], mut hit: impl FnMut(&Term, bool)) {
        for (&mask, terms) in masks.iter().zip(self.terms.chunks(TERM_BLOCK)) {
            for term in set_bits(mask).filter_map(|i| terms.get(i)) {
                hit(term, term.certainly_on(n));
            }
        }
    }

    /// The number of agreements in force on some day.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    fn link(&mut self, reg: &Tables, entity: EntityKind, h: usize) {
        let Some((span, term)) = Term::of(reg, entity, h) else {
            return;
        };
        let key = term.subject(reg).map_or("", |s| s.key());
        let rank = Term::rank(entity);
        let at = self.terms.partition_point(|t| {
            (Term::rank(t.entity), t.subject(reg).map_or("", |s| s.key())) < (rank, key)
        });
        self.terms.insert(at, term);
        self.spans.insert(at, span);
        self.refresh_from(at);
    }

    fn unlink(&mut self, entity: EntityKind, h: usize) {
        let Ok(handle) = u32::try_from(h) else { return };
        if let Some(at) = self
            .terms
            .iter()
            .position(|t| t.entity == entity && t.handle == handle)
        {
            self.terms.remove(at);
            self.spans.remove(at);
            self.refresh_from(at);
        }
    }

    fn shift(&mut self, entity: EntityKind, h: u32) {
        for t in &mut self.terms {
            if t.entity == entity && t.handle > h {
                t.handle -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::day_number;
    use proptest::prelude::*;

    /// The search tree of days counts as a binary search of the sorted days
    /// does, at every size around a node's and a level's bounds, with runs
    /// of equal days and the extreme days.
    #[test]
    fn keys_count_as_a_binary_search() {
        for len in [
            0, 1, 2, 15, 16, 17, 31, 255, 256, 257, 4095, 4096, 4097, 5000,
        ] {
            let days: Vec<i32> = (0..len)
                .map(|i: i32| match i {
                    0 => i32::MIN,
                    _ if i == len - 1 && len > 3 => i32::MAX,
                    _ => i / 3 * 2,
                })
                .collect();
            let keys = Keys::new(&days);
            let probes = days
                .iter()
                .flat_map(|&d| [d.saturating_sub(1), d, d.saturating_add(1)])
                .chain([i32::MIN, i32::MAX, 0, -1]);
            for day in probes {
                assert_eq!(
                    keys.count_below(day),
                    days.partition_point(|&d| d < day),
                    "{len} below {day}"
                );
                assert_eq!(
                    keys.count_up_to(day),
                    days.partition_point(|&d| d <= day),
                    "{len} up to {day}"
                );
            }
        }
    }

    /// Both forms of the start and end days count as binary searches of
    /// the sorted days do, before, inside and past the span; the dense form
    /// is taken when the span is no longer than there are days, and days at
    /// the ends of the range of `i32` count too.
    #[test]
    fn start_and_end_days_count_as_binary_searches() {
        let check = |starts: Vec<i32>, ends: Vec<i32>, probes: &[i32]| {
            let mut sorted = [starts.clone(), ends.clone()];
            for days in &mut sorted {
                days.sort_unstable();
            }
            let [s, e] = &sorted;
            let span = starts
                .iter()
                .chain(&ends)
                .min()
                .zip(starts.iter().chain(&ends).max());
            let mut forms = vec![
                Days::new(starts.clone(), ends.clone()),
                Days::sparse(starts.clone(), ends.clone()),
            ];
            if let Some((&first, &last)) =
                span.filter(|(&a, &b)| i64::from(b) - i64::from(a) < 1 << 20)
            {
                let span = usize::try_from(last - first + 1).unwrap();
                forms.push(Days::dense(
                    first,
                    span,
                    &starts,
                    &ends,
                    [starts.len(), ends.len()],
                ));
            }
            for days in &forms {
                for &to in probes {
                    for &from in probes {
                        assert_eq!(
                            days.count(to, from),
                            (
                                s.partition_point(|&d| d <= to),
                                e.partition_point(|&d| d < from)
                            ),
                            "{days:?} to {to} from {from}"
                        );
                    }
                }
            }
            forms.swap_remove(0)
        };
        let probes: Vec<i32> = (-3..40)
            .chain([i32::MIN, i32::MIN + 1, i32::MAX - 1, i32::MAX])
            .collect();
        // 20 starts and 17 ends over 30 days: dense.
        let starts: Vec<i32> = (0..20).map(|i| (i * 7) % 30).collect();
        let ends: Vec<i32> = (0..17).map(|i| (i * 11) % 29 + 1).collect();
        assert!(matches!(
            check(starts.clone(), ends.clone(), &probes),
            Days::Dense { .. }
        ));
        // The same days, with one far off: sparse.
        let far: Vec<i32> = starts.iter().copied().chain([5000]).collect();
        assert!(matches!(
            check(far, ends.clone(), &probes),
            Days::Sparse { .. }
        ));
        // A span exactly as long as the days: dense; a day longer: sparse.
        assert!(matches!(
            check((0..10).collect(), (10..20).collect(), &probes),
            Days::Dense { .. }
        ));
        assert!(matches!(
            check((0..10).collect(), (11..21).collect(), &probes),
            Days::Sparse { .. }
        ));
        // Days at the ends of the range, and none at all.
        check(
            vec![i32::MIN, 0, i32::MAX],
            vec![i32::MIN, i32::MAX],
            &probes,
        );
        check(vec![i32::MAX; 3], vec![i32::MAX; 2], &probes);
        check(vec![i32::MIN; 3], vec![i32::MIN], &probes);
        check(Vec::new(), Vec::new(), &probes);
        check(vec![7], Vec::new(), &probes);
    }

    fn slot(earliest: i32, latest: i32, handle: u32) -> Slot {
        Slot {
            earliest,
            latest,
            handle,
            kind: EventKind::MeetingHeld,
            entity: EntityKind::Meeting,
            gapped: false,
        }
    }

    /// Runs built by inserts and removes, in any order, with mostly short
    /// spans (so that the block maxima prune), some long and some open.
    fn spans() -> impl Strategy<Value = Vec<(i32, i32, bool)>> {
        let span = prop_oneof![
            6 => (0..2000i32, 0..5i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32, 0..400i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32).prop_map(|a| (a, i32::MAX)),
            1 => (0..2000i32).prop_map(|b| (i32::MIN, b)),
        ];
        prop::collection::vec((span, any::<bool>()), 1..700)
            .prop_map(|v| v.into_iter().map(|((a, b), keep)| (a, b, keep)).collect())
    }

    proptest! {
        // 256 cases (proptest's default), or `PROPTEST_CASES`.
        #![proptest_config(ProptestConfig::default())]

        #[test]
        fn a_run_kept_up_to_date_by_edits_yields_exactly_the_overlapping_slots_in_order(
            spans in spans(),
            windows in prop::collection::vec((0..2100i32, 0..300i32, any::<bool>(), any::<bool>()), 1..8),
        ) {
            let slots: Vec<Slot> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, b, _))| slot(a, b, u32::try_from(i).unwrap()))
                .collect();
            // The handle stands in for the entity key.
            let cmp = |a: &Slot, b: &Slot| (a.coarse(), a.handle).cmp(&(b.coarse(), b.handle));
            let mut run = Run::default();
            for s in &slots {
                run.insert(*s, &cmp);
            }
            for (s, &(_, _, keep)) in slots.iter().zip(&spans) {
                if !keep {
                    run.remove(s);
                }
            }
            let mut built = Run::default();
            let mut order: Vec<Slot> = slots
                .iter()
                .zip(&spans)
                .filter(|(_, &(_, _, keep))| keep)
                .map(|(s, _)| *s)
                .collect();
            order.sort_by(cmp);
            for &s in &order {
                built.push(s);
            }
            built.finish();
            prop_assert_eq!(&run.levels, &built.levels);
            prop_assert_eq!(&run.closed, &built.closed);
            prop_assert_eq!(&run.unbounded, &built.unbounded);
            prop_assert_eq!(&run.open, &built.open);
            for &(from, len, certainly, reverse) in &windows {
                let to = from + len;
                let bounds = Bounds {
                    from,
                    to,
                    certainly,
                    sort_from: i32::MIN,
                    sort_to: i32::MAX,
                    reverse,
                };
                let mut got: Vec<Slot> = Vec::new();
                for mut cursor in run.cursors(&bounds) {
                    let walked: Vec<Slot> = std::iter::from_fn(|| cursor.next().copied()).collect();
                    let in_order = walked.windows(2).all(|w| {
                        let o = cmp(&w[0], &w[1]);
                        if reverse { o == Ordering::Greater } else { o == Ordering::Less }
                    });
                    prop_assert!(in_order, "a cursor walked out of order: {:?}", walked);
                    got.extend(walked);
                }
                got.sort_by(cmp);
                // Candidates: the run may yield slots the exact check then
                // drops, never miss one.
                let exact: Vec<Slot> = got
                    .iter()
                    .copied()
                    .filter(|s| {
                        let (possibly, certain) = s.within(from, to);
                        possibly && (!certainly || certain)
                    })
                    .collect();
                let want: Vec<Slot> = order
                    .iter()
                    .copied()
                    .filter(|s| {
                        let overlaps = s.earliest <= to && s.latest >= from;
                        let inside = s.earliest >= from && s.latest <= to;
                        overlaps && (!certainly || inside)
                    })
                    .collect();
                prop_assert_eq!(exact, want);
            }
        }

        /// The count by searches is the number of slots that overlap the
        /// window, over runs dense and sparse in days, with open starts,
        /// open ends and dates with gaps (lists of alternatives, patterns).
        #[test]
        fn a_count_of_the_slots_possibly_in_a_window_is_the_number_that_overlap(
            spans in prop::collection::vec((0..150i32, 0..30i32, 0..8u8), 0..400),
            windows in prop::collection::vec((-10..190i32, 0..40i32), 1..12),
        ) {
            let slots: Vec<Slot> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, len, shape))| {
                    let s = slot(a, a + len, u32::try_from(i).unwrap());
                    match shape {
                        5 => Slot { latest: i32::MAX, ..s },
                        6 => Slot { earliest: i32::MIN, ..s },
                        7 => Slot { gapped: true, ..s },
                        _ => s,
                    }
                })
                .collect();
            let cmp = |a: &Slot, b: &Slot| (a.coarse(), a.handle).cmp(&(b.coarse(), b.handle));
            let mut order = slots.clone();
            order.sort_by(cmp);
            let mut run = Run::default();
            for &s in &order {
                run.push(s);
            }
            run.finish();
            for &(from, len) in &windows {
                let to = from + len;
                let overlaps = |s: &Slot| s.earliest <= to && s.latest >= from;
                // A list's range stands in for its alternatives here.
                let mut asked = 0;
                let counted = run.count_possibly(from, to, |s| {
                    asked += 1;
                    s.gapped && overlaps(s)
                });
                prop_assert_eq!(counted, slots.iter().filter(|s| overlaps(s)).count());
                prop_assert!(asked <= slots.iter().filter(|s| s.gapped).count());
                prop_assert_eq!(run.count_possibly(to, from.min(to - 1), |_| true), 0);
            }
        }

        #[test]
        fn shifting_handles_renumbers_only_later_entities_of_the_kind(
            handles in prop::collection::vec(0..50u32, 1..60),
            gone in 0..50u32,
        ) {
            let mut run = Run::default();
            for (i, &h) in handles.iter().enumerate() {
                run.push(slot(i32::try_from(i).unwrap(), 100, h));
            }
            run.push(Slot { entity: EntityKind::Mou, ..slot(1000, 1000, 49) });
            run.finish();
            run.shift(EntityKind::Meeting, gone);
            let got: Vec<u32> = run.closed.iter().map(|s| s.handle).collect();
            let mut want: Vec<u32> = handles
                .iter()
                .map(|&h| if h > gone { h - 1 } else { h })
                .collect();
            want.push(49);
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn removing_a_slot_among_ties_refreshes_the_block_maxima_where_the_slots_moved() {
        let cmp = |a: &Slot, b: &Slot| (a.coarse(), a.handle).cmp(&(b.coarse(), b.handle));
        let mut slots = Vec::new();
        // Positions 0..3 early, 3..13 ten slots that tie but for their
        // handle, 13..16 later, and at 16, the first of the next block, a
        // slot that lasts until day 5000.
        for h in 0..3 {
            slots.push(slot(i32::try_from(h).unwrap(), 10, h));
        }
        for h in 3..13 {
            slots.push(slot(50, 60, h));
        }
        for h in 13..16 {
            slots.push(slot(70, 80, h));
        }
        slots.push(slot(90, 5000, 16));
        let mut run = Run::default();
        for s in &slots {
            run.insert(*s, &cmp);
        }
        // The seventh of the tied slots: its removal moves the long slot
        // into the first block.
        run.remove(&slots[9]);
        let mut built = Run::default();
        for (i, s) in slots.iter().enumerate() {
            if i != 9 {
                built.push(*s);
            }
        }
        built.finish();
        assert_eq!(run.levels, built.levels);
        let bounds = Bounds {
            from: 4000,
            to: 4001,
            ..Bounds::everything(false)
        };
        let [mut closed, _, _] = run.cursors(&bounds);
        assert_eq!(closed.next().map(|s| s.handle), Some(16));
    }

    #[test]
    fn a_term_bounds_the_days_in_force_by_each_date_of_the_agreement() {
        let term = Term {
            certainly_from: 12,
            certainly_to: 18,
            handle: 0,
            entity: EntityKind::Mou,
        };
        let on: Vec<(bool, bool)> = [9, 10, 11, 12, 18, 19, 20, 21]
            .into_iter()
            .map(|n| term.on((10, 20), n))
            .collect();
        assert_eq!(
            on,
            [
                (false, false),
                (true, false),
                (true, false),
                (true, true),
                (true, true),
                (true, false),
                (true, false),
                (false, false),
            ]
        );
    }

    /// Sorted lists merge into their sorted union, whatever their number.
    #[test]
    fn sorted_lists_merge_in_order() {
        for count in 0..5 {
            let lists: Vec<Vec<u32>> = (0..count)
                .map(|l| (0..40u32).filter(|x| (x * 7 + l) % (l + 2) == 0).collect())
                .collect();
            let mut want: Vec<u32> = lists.iter().flatten().copied().collect();
            want.sort_unstable();
            let mut got = Vec::new();
            merge(lists, |a, b| a < b, |x| got.push(x));
            assert_eq!(got, want, "{count} lists");
        }
    }

    /// The timeline and the key order come out the same whether sorted
    /// whole or in parts (as a large registry's are, one a thread): keys
    /// that share their first eight bytes, dates of every shape.
    #[test]
    fn a_timeline_built_in_parts_is_the_one_built_whole() {
        use crate::model::institution::{Institution, InstitutionKind};
        use crate::model::meeting::{Meeting, MeetingKind, MeetingStatus};
        let mut reg = Tables::new();
        let gov = Institution::builder("kr-gov", "Gov", InstitutionKind::Government, "KR")
            .build()
            .expect("valid");
        assert!(reg.push(gov).is_ok());
        let dates = [
            "2023",
            "2023-06",
            "2023-06-12",
            "[..2023-08-06]",
            "[2023-09-01..]",
            "[2023-06-23,2023-06-30]",
            "2024-02-29",
            "2023-06-12~",
        ];
        for i in 0..300 {
            let key = format!("meeting-of-the-council-{:03}", (i * 7919) % 300);
            let date = Date::parse(dates[i % dates.len()]).expect("a date");
            let meeting =
                Meeting::builder(key, "M", MeetingKind::Conference, date, MeetingStatus::Held)
                    .participant("kr-gov")
                    .build()
                    .expect("valid");
            assert!(reg.push(meeting).is_ok());
        }
        let whole = Index::build_in(&reg, 1);
        assert_eq!(whole.all.len(), 300);
        for parts in 0..=5 {
            let split = Index::build_in(&reg, parts);
            assert_eq!(split.all.closed, whole.all.closed, "{parts} parts");
            assert_eq!(split.all.unbounded, whole.all.unbounded, "{parts} parts");
            assert_eq!(split.all.open, whole.all.open, "{parts} parts");
            assert_eq!(split.all.levels, whole.all.levels, "{parts} parts");
        }
        let keys: Vec<&str> = reg
            .all::<Meeting>()
            .iter()
            .map(|m| m.key().as_str())
            .collect();
        for parts in 0..=5 {
            let ranks = key_ranks(&reg, EntityKind::Meeting, parts);
            let mut each_once = ranks.clone();
            each_once.sort_unstable();
            assert!(each_once.iter().copied().eq(0..300), "{parts} parts");
            let mut by_rank: Vec<(u32, &str)> =
                ranks.iter().copied().zip(keys.iter().copied()).collect();
            by_rank.sort_unstable();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            let in_rank_order: Vec<&str> = by_rank.iter().map(|&(_, k)| k).collect();
            assert_eq!(in_rank_order, sorted, "{parts} parts");
        }
    }

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Whether an agreement with these dates is possibly and certainly in
    /// force on day `n`.
    fn in_force(
        n: i32,
        start: Option<&Date>,
        last: Option<&Date>,
        gone: Option<&Date>,
    ) -> (bool, bool) {
        Term::from_dates(start, last, gone, EntityKind::Mou, 0)
            .map_or((false, false), |(span, t)| t.on(span, n))
    }

    #[test]
    fn an_agreement_is_in_force_through_its_expiry_day_and_not_on_termination_day() {
        let n = day(2024, 1, 1);
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
        let n = day(2023, 6, 15);
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
