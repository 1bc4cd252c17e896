//! The interval-run engine under the index: sorted runs of day ranges that
//! a window query walks in order, skipping what cannot reach the window,
//! and counts without walking.
//!
//! A run holds items by value, each with a range of day numbers (see
//! [`Interval`]), in a total order that the caller gives: the engine reads
//! only the days, so it serves any item the index wants to store. Its items
//! with a known start and end are sorted by their earliest day (that is the
//! total order); a few levels of block maxima over their latest days let a
//! window query skip, in order, every block in which no item reaches the
//! window: an implicit augmented interval tree over the sorted array. A
//! block that is not skipped is read whole into a bit mask of the items the
//! query wants. Items with an open end reach every later window and would
//! keep most blocks alive, so they have a sorted list of their own, as do
//! items with an open start, which sort by their latest day; in both a
//! window is a plain range. Items that last over their ranges (see
//! [`Interval::spans`]) have a list of their own too, with its own block
//! maxima: one of them may be certainly in a window that it sticks out of,
//! so a walk for the items certainly in a window reads them as it reads the
//! items possibly in it, while the other items with a known start are read
//! only from the window's first day on, up to an item that starts after it.
//!
//! A count of the items possibly in a window needs no walk: it is read from
//! the days items start and end on (see [`tally`]). A large run is sorted
//! in parts, one a thread, and merged (see [`sort`]).
//!
//! Everything here is generic over the item and monomorphised: the walks
//! and counts are the hot loops of every query, and take no dynamic
//! dispatch; a walk allocates nothing.

use std::cmp::Ordering;
use std::sync::OnceLock;

mod interval;
mod sort;
mod tally;

pub(crate) use interval::{Interval, List, LISTS};
use sort::merge;
pub(crate) use sort::{build_parts, ranks_by_key};
use tally::Tally;

/// Items per block of the block maxima, at every level: `1 << BLOCK_BITS`.
const BLOCK_BITS: u32 = 4;
const BLOCK: usize = 1 << BLOCK_BITS;

/// The positions of the set bits of `mask`, lowest first.
pub(crate) fn set_bits(mut mask: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let bit = (mask != 0).then(|| mask.trailing_zeros() as usize)?;
        mask &= mask - 1;
        Some(bit)
    })
}

/// Items in a total order, with block maxima.
///
/// Items with an open end reach every later window: kept with the others,
/// they would make most blocks look live to every window after them, so
/// they have a list of their own. So do the items that last over their
/// ranges, which a walk for the items certainly in a window cannot prune
/// as it prunes the others.
#[derive(Debug, Clone)]
pub(crate) struct Run<S> {
    /// Items with a known start and end that do not span them, by earliest
    /// day (the total order).
    closed: Vec<S>,
    /// `levels[l][b]`: the greatest latest day among the closed items
    /// `b * BLOCK^(l+1) .. (b+1) * BLOCK^(l+1)`.
    levels: Vec<Vec<i32>>,
    /// Items with a known start and end that span them (see
    /// [`Interval::spans`]), with their block maxima; boxed, as most runs
    /// (the many small posting lists) have none.
    spanning: Option<Box<Spanning<S>>>,
    /// Items with a known start and an open end, by earliest day.
    unbounded: Vec<S>,
    /// Items with an open start, by latest day (the total order).
    open: Vec<S>,
    /// How many items of the unbounded and open lists span their ranges:
    /// while there are any, a walk of those two lists for the items
    /// certainly in a window takes every item possibly in it, and the
    /// caller sorts them out.
    spans: usize,
    /// How many items' ranges are only hulls (see [`Interval::hull`]):
    /// while there are none and no item spans, an item's range alone says
    /// whether it is in a window, and a walk's masks count the items.
    hulls: usize,
    /// What a count of the items possibly in a window needs, built by the
    /// first such count and dropped by any edit; boxed, as most runs are
    /// never counted.
    tally: OnceLock<Box<Tally<S>>>,
}

/// The items of a run that span their ranges, by earliest day, and their
/// block maxima, as `levels` are of `closed`.
#[derive(Debug, Clone)]
struct Spanning<S> {
    items: Vec<S>,
    levels: Vec<Vec<i32>>,
}

// By hand: a derived `Default` would ask it of the items too.
impl<S> Default for Spanning<S> {
    fn default() -> Spanning<S> {
        Spanning {
            items: Vec::new(),
            levels: Vec::new(),
        }
    }
}

// By hand: a derived `Default` would ask it of the items too.
impl<S> Default for Run<S> {
    fn default() -> Run<S> {
        Run {
            closed: Vec::new(),
            levels: Vec::new(),
            spanning: None,
            unbounded: Vec::new(),
            open: Vec::new(),
            spans: 0,
            hulls: 0,
            tally: OnceLock::new(),
        }
    }
}

impl<S> Run<S> {
    /// The lists, indexed by [`List`].
    fn lists(&self) -> [&[S]; LISTS] {
        [&self.closed, self.spanning().0, &self.unbounded, &self.open]
    }

    /// The items that span their ranges and their block maxima.
    fn spanning(&self) -> (&[S], &[Vec<i32>]) {
        match self.spanning.as_deref() {
            Some(s) => (&s.items, &s.levels),
            None => (&[], &[]),
        }
    }
}

/// Two runs are equal when they hold the same items in the same lists and
/// order; the tally is a cache.
#[cfg(test)]
impl<S: PartialEq> PartialEq for Run<S> {
    fn eq(&self, other: &Run<S>) -> bool {
        (self.lists(), [self.levels.as_slice(), self.spanning().1])
            == (other.lists(), [other.levels.as_slice(), other.spanning().1])
    }
}

impl<S: Interval> Run<S> {
    /// The run of the items of `lists`, each list sorted by the keys paired
    /// with its items, merged: the keys must order the items as the run
    /// does, and be distinct.
    pub(crate) fn from_sorted<K: Ord>(lists: Vec<Vec<(K, S)>>) -> Run<S> {
        let mut sizes = [0; LISTS];
        for (_, item) in lists.iter().flatten() {
            if let Some(n) = sizes.get_mut(List::of(item) as usize) {
                *n += 1;
            }
        }
        let mut run = Run::default();
        run.reserve(sizes);
        merge(lists, |a, b| a.0 < b.0, |(_, item)| run.push(item));
        run.finish();
        run
    }

    /// Whether every item's range says exactly which days it holds (no
    /// hull, no span), so that a walk's bounds alone pick the items in a
    /// window and [`Cursor::count_all`] counts them.
    pub(crate) fn exact(&self) -> bool {
        self.hulls == 0 && self.spans == 0 && self.spanning().0.is_empty()
    }

    /// The number of items in the run.
    pub(crate) fn len(&self) -> usize {
        self.lists().iter().map(|l| l.len()).sum()
    }

    fn list_mut(&mut self, item: &S) -> &mut Vec<S> {
        match List::of(item) {
            List::Closed => &mut self.closed,
            List::Spanning => &mut self.spanning.get_or_insert_with(Box::default).items,
            List::Unbounded => &mut self.unbounded,
            List::Open => &mut self.open,
        }
    }

    /// Whether `item` is counted in [`Run::spans`]: it spans its range and
    /// sits in the unbounded or the open list.
    fn loose_span(item: &S) -> bool {
        item.spans() && matches!(List::of(item), List::Unbounded | List::Open)
    }

    /// Makes room for more items in each list, a number for each, indexed
    /// by [`List`].
    pub(crate) fn reserve(&mut self, [closed, spanning, unbounded, open]: [usize; LISTS]) {
        self.closed.reserve_exact(closed);
        if spanning > 0 {
            let list = &mut self.spanning.get_or_insert_with(Box::default).items;
            list.reserve_exact(spanning);
        }
        self.unbounded.reserve_exact(unbounded);
        self.open.reserve_exact(open);
    }

    /// Appends an item that comes after every item of its list; a run built
    /// so is ready once [`Run::finish`]ed.
    pub(crate) fn push(&mut self, item: S) {
        self.spans += usize::from(Self::loose_span(&item));
        self.hulls += usize::from(item.hull());
        self.list_mut(&item).push(item);
    }

    /// Rebuilds the block maxima of the items with a known start and end.
    pub(crate) fn finish(&mut self) {
        self.levels.clear();
        refresh(&self.closed, &mut self.levels, 0);
        if let Some(s) = self.spanning.as_deref_mut() {
            s.levels.clear();
            refresh(&s.items, &mut s.levels, 0);
        }
        self.tally = OnceLock::new();
    }

    /// Recomputes the block maxima of the list of `item` from its position
    /// `pos` on, if that list has any.
    fn refresh_for(&mut self, item: &S, pos: usize) {
        match List::of(item) {
            List::Closed => refresh(&self.closed, &mut self.levels, pos),
            List::Spanning => {
                if let Some(s) = self.spanning.as_deref_mut() {
                    refresh(&s.items, &mut s.levels, pos);
                }
            }
            List::Unbounded | List::Open => {}
        }
    }

    /// The number of items of the run possibly in the window `from..=to`,
    /// found from the days the items start and end on (see [`Tally`]);
    /// `possibly(item)` answers for an item whose range is a hull.
    pub(crate) fn count_possibly(
        &self,
        from: i32,
        to: i32,
        possibly: impl FnMut(&S) -> bool,
    ) -> usize {
        if from > to {
            return 0;
        }
        let tally = self.tally.get_or_init(|| Box::new(Tally::of(self.lists())));
        tally.count(from, to, possibly)
    }

    /// Inserts an item at its place in the total order `cmp`.
    pub(crate) fn insert(&mut self, item: S, cmp: &impl Fn(&S, &S) -> Ordering) {
        self.tally = OnceLock::new();
        self.spans += usize::from(Self::loose_span(&item));
        self.hulls += usize::from(item.hull());
        let list = self.list_mut(&item);
        let at = list.partition_point(|other| cmp(other, &item) == Ordering::Less);
        list.insert(at, item);
        self.refresh_for(&item, at);
    }

    /// Removes the item `same` as `item`, found without the whole order: by
    /// `coarse`, a key that orders items as the run does but may tie, and
    /// then among the ties.
    pub(crate) fn remove<K: Ord>(
        &mut self,
        item: &S,
        coarse: impl Fn(&S) -> K,
        same: impl Fn(&S, &S) -> bool,
    ) {
        self.tally = OnceLock::new();
        let target = coarse(item);
        let list = self.list_mut(item);
        let from = list.partition_point(|other| coarse(other) < target);
        let found = list.get(from..).and_then(|rest| {
            rest.iter()
                .take_while(|other| coarse(other) == target)
                .position(|other| same(other, item))
        });
        if let Some(offset) = found {
            list.remove(from + offset);
            self.spans = self
                .spans
                .saturating_sub(usize::from(Self::loose_span(item)));
            self.hulls = self.hulls.saturating_sub(usize::from(item.hull()));
            self.refresh_for(item, from + offset);
        }
    }

    /// Applies `edit` to every item in place; `edit` must leave the days of
    /// an item and its place in the order alone (it renumbers what items
    /// point to).
    pub(crate) fn edit_each(&mut self, edit: impl FnMut(&mut S)) {
        self.tally = OnceLock::new();
        let spanning = self.spanning.as_deref_mut().map(|s| &mut s.items);
        let lists = [&mut self.closed, &mut self.unbounded, &mut self.open];
        lists
            .into_iter()
            .chain(spanning)
            .flat_map(|l| l.iter_mut())
            .for_each(edit);
    }

    /// The cursors that walk the run's candidates for `bounds`, one for
    /// each of its lists, indexed by [`List`].
    pub(crate) fn cursors(&self, bounds: &Bounds) -> [Cursor<'_, S>; LISTS] {
        // An item that spans its range may be certainly in a window that
        // does not hold the range: such items are walked as for the items
        // possibly in the window, a superset, and so are the unbounded and
        // open lists while they hold any.
        let possibly = Bounds {
            certainly: false,
            ..*bounds
        };
        let closed = Cursor::by_start(&self.closed, &self.levels, bounds);
        let (items, levels) = self.spanning();
        let spanning = Cursor::by_start(items, levels, &possibly);
        let bounds = if bounds.certainly && self.spans > 0 {
            &possibly
        } else {
            bounds
        };
        let cap = if bounds.certainly {
            bounds.to
        } else {
            i32::MAX
        };
        // Open end: every item reaches the window, and none lies inside one
        // that ends.
        let unbounded = if bounds.certainly && bounds.to != i32::MAX {
            Cursor::empty()
        } else {
            // Sorted by earliest day as the closed items are; each reaches
            // every later window, so there are no block maxima to read.
            Cursor::by_start(&self.unbounded, &[], bounds)
        };
        // Open start: every item starts before the window; it is a candidate
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
                self.open.partition_point(|s| s.latest() < lo),
                self.open.partition_point(|s| s.latest() <= hi),
            );
            Cursor::new(&self.open, &[], range, (i32::MIN, cap), bounds.reverse)
        } else {
            Cursor::empty()
        };
        [closed, spanning, unbounded, open]
    }

    /// Every item of the run, each list in order.
    pub(crate) fn items(&self) -> impl Iterator<Item = &S> {
        self.lists().into_iter().flatten()
    }
}

/// Recomputes `levels`, the block maxima of `list` (see [`Run`]), from the
/// block holding position `pos` on: an edit at `pos` shifts only the items
/// after it.
fn refresh<S: Interval>(list: &[S], levels: &mut Vec<Vec<i32>>, pos: usize) {
    // No item: no blocks, whichever way the run got here (built in one
    // pass, or edited down to nothing).
    if list.is_empty() {
        levels.clear();
        return;
    }
    let mut first = pos / BLOCK;
    let mut level = 0;
    loop {
        if levels.len() <= level {
            levels.push(Vec::new());
            first = 0;
        }
        let computed: Vec<i32> = if level == 0 {
            list.chunks(BLOCK)
                .skip(first)
                .map(|c| c.iter().map(S::latest).max().unwrap_or(i32::MIN))
                .collect()
        } else {
            levels
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
        let Some(current) = levels.get_mut(level) else {
            break;
        };
        current.truncate(first);
        current.extend(computed);
        if current.len() <= 1 {
            levels.truncate(level + 1);
            break;
        }
        first /= BLOCK;
        level += 1;
    }
}

/// What a query asks of a run, as day numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// The window.
    pub(crate) from: i32,
    /// The window.
    pub(crate) to: i32,
    /// Whether the item must lie inside the window.
    pub(crate) certainly: bool,
    /// The range of sort days (the `after` and `before` cursors).
    pub(crate) sort_from: i32,
    /// The range of sort days.
    pub(crate) sort_to: i32,
    /// Whether to walk from the last item to the first.
    pub(crate) reverse: bool,
}

impl Bounds {
    /// Every item, in order or in reverse order.
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

/// A walk over one sorted list of a run, yielding items whose latest day
/// lies in `reach..=cap`, in order (or in reverse order).
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'i, S> {
    list: &'i [S],
    levels: &'i [Vec<i32>],
    lo: usize,
    hi: usize,
    reach: i32,
    /// The latest day an item may have: the window's end when the query
    /// asks for items certainly inside it.
    cap: i32,
    reverse: bool,
    /// The wanted items of the segment being walked, a bit each from
    /// position `base`.
    mask: u64,
    base: usize,
    /// How many segments the walk has read, for tests of its pruning.
    #[cfg(test)]
    loaded: usize,
}

impl<'i, S: Interval> Cursor<'i, S> {
    /// A walk over positions `lo..hi` of `list` for items whose latest day
    /// lies in `reach..=cap`.
    fn new(
        list: &'i [S],
        levels: &'i [Vec<i32>],
        (lo, hi): (usize, usize),
        (reach, cap): (i32, i32),
        reverse: bool,
    ) -> Cursor<'i, S> {
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
            #[cfg(test)]
            loaded: 0,
        }
    }

    fn empty() -> Cursor<'i, S> {
        Cursor::new(&[], &[], (0, 0), (i32::MIN, i32::MAX), false)
    }

    /// A walk over a list of items with a known start and end, sorted by
    /// their earliest days, with its block maxima `levels`: a candidate
    /// starts by the window's end, and must also reach the window's start,
    /// which the block maxima check. When `bounds` asks for the items
    /// certainly in the window, a candidate starts in it, and every item
    /// from there reaches the window's start: no block can be skipped, so
    /// none is looked at, and a candidate must end by the window's end.
    fn by_start(list: &'i [S], levels: &'i [Vec<i32>], bounds: &Bounds) -> Cursor<'i, S> {
        let (lo, levels, cap) = if bounds.certainly {
            (bounds.sort_from.max(bounds.from), &[][..], bounds.to)
        } else {
            (bounds.sort_from, levels, i32::MAX)
        };
        let hi = bounds.sort_to.min(bounds.to);
        let range = (
            list.partition_point(|s| s.earliest() < lo),
            list.partition_point(|s| s.earliest() <= hi),
        );
        Cursor::new(list, levels, range, (bounds.from, cap), bounds.reverse)
    }

    /// Whether the walk has no candidate left.
    pub(crate) fn is_done(&self) -> bool {
        self.mask == 0 && self.lo >= self.hi
    }

    /// Whether position `i` lies in a block, at some level, where no item
    /// reaches `reach`: if so, the block's first and one-past-last
    /// positions.
    fn dead_block(&self, i: usize) -> Option<(usize, usize)> {
        for (level, maxima) in self.levels.iter().enumerate().rev() {
            // Blocks of level `l` are `BLOCK^(l+1)` items wide.
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

    /// Whether an item's latest day is in `reach..=cap`, without a branch.
    fn wanted(&self, s: &S) -> bool {
        let offset = |n: i32| n.wrapping_sub(self.reach) as u32;
        // `reach <= cap` holds for every walk made by `Run::cursors`; the
        // check keeps the arithmetic right for any other.
        (self.reach <= self.cap) & (offset(s.latest()) <= offset(self.cap))
    }

    /// Makes positions `start..end` (at most one block) the segment being
    /// walked.
    fn load(&mut self, start: usize, end: usize) {
        self.base = start;
        self.mask = 0;
        #[cfg(test)]
        {
            self.loaded += 1;
        }
        if let Some(segment) = self.list.get(start..end) {
            for (k, s) in segment.iter().enumerate() {
                self.mask |= u64::from(self.wanted(s)) << k;
            }
        }
    }

    /// Moves to the next segment, in walking order, that holds a wanted
    /// item; `false` at the end of the walk.
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

    /// Counts the items left in the walk that `f` accepts, a block at a
    /// time and in no particular order, until the count reaches `cap`.
    pub(crate) fn count(&mut self, mut f: impl FnMut(&S) -> bool, cap: usize) -> usize {
        let mut n = 0;
        while n < cap && (self.mask != 0 || self.fill()) {
            for bit in set_bits(std::mem::take(&mut self.mask)) {
                n += usize::from(self.list.get(self.base + bit).is_some_and(&mut f));
            }
        }
        n
    }

    /// Counts the items left in the walk, until the count reaches `cap`:
    /// a block's mask holds the items the walk wants, so its set bits are
    /// the count, with no look at each item. Right when the walked run is
    /// [`Run::exact`] and the query asks nothing else of an item.
    pub(crate) fn count_all(&mut self, cap: usize) -> usize {
        let mut n = std::mem::take(&mut self.mask).count_ones() as usize;
        if self.levels.is_empty() || self.reach == i32::MIN {
            // No block to skip: one pass over the rest, with no masks.
            let rest = self.list.get(self.lo..self.hi).unwrap_or_default();
            self.lo = self.hi;
            return n + rest.iter().filter(|s| self.wanted(s)).count();
        }
        while n < cap && (self.mask != 0 || self.fill()) {
            n += std::mem::take(&mut self.mask).count_ones() as usize;
        }
        n
    }

    /// The next item in walking order.
    ///
    /// A block is read whole into a mask of the items the walk wants (which
    /// ones are is hard to predict, so the test is made without a branch),
    /// and the mask is then walked bit by bit.
    pub(crate) fn next(&mut self) -> Option<&'i S> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An item of a test run: a range with a number that stands in for
    /// whatever breaks ties in the order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Item {
        earliest: i32,
        latest: i32,
        id: u32,
        hull: bool,
        span: bool,
    }

    impl Interval for Item {
        fn earliest(&self) -> i32 {
            self.earliest
        }
        fn latest(&self) -> i32 {
            self.latest
        }
        fn hull(&self) -> bool {
            self.hull
        }
        fn spans(&self) -> bool {
            self.span
        }
    }

    impl Item {
        /// The order without the tie-breaker: by sort day (the latest for
        /// an open start), then latest day.
        fn coarse(&self) -> (i32, i32) {
            let sort = if self.earliest == i32::MIN {
                self.latest
            } else {
                self.earliest
            };
            (sort, self.latest)
        }
    }

    fn item(earliest: i32, latest: i32, id: u32) -> Item {
        Item {
            earliest,
            latest,
            id,
            hull: false,
            span: false,
        }
    }

    /// The total order of test items.
    fn cmp(a: &Item, b: &Item) -> Ordering {
        (a.coarse(), a.id).cmp(&(b.coarse(), b.id))
    }

    fn remove(run: &mut Run<Item>, item: &Item) {
        run.remove(item, Item::coarse, |a, b| a.id == b.id);
    }

    /// The run of `items` built at once, as a load builds it: sorted,
    /// pushed, finished.
    fn built_at_once(items: impl IntoIterator<Item = Item>) -> Run<Item> {
        let mut order: Vec<Item> = items.into_iter().collect();
        order.sort_by(cmp);
        let mut run = Run::default();
        for s in order {
            run.push(s);
        }
        run.finish();
        run
    }

    /// Runs built by inserts and removes, in any order, with mostly short
    /// ranges (so that the block maxima prune), some long and some open,
    /// and about one item in six lasting over its range: each range with
    /// whether the item spans it and whether it is kept.
    fn spans() -> impl Strategy<Value = Vec<(i32, i32, bool, bool)>> {
        let span = prop_oneof![
            6 => (0..2000i32, 0..5i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32, 0..400i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32).prop_map(|a| (a, i32::MAX)),
            1 => (0..2000i32).prop_map(|b| (i32::MIN, b)),
        ];
        prop::collection::vec(
            (span, prop::bool::weighted(1.0 / 6.0), any::<bool>()),
            1..700,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|((a, b), spans, keep)| (a, b, spans, keep))
                .collect()
        })
    }

    proptest! {
        // 256 cases (proptest's default), or `PROPTEST_CASES`.
        #![proptest_config(ProptestConfig::default())]

        #[test]
        fn a_run_kept_up_to_date_by_edits_yields_exactly_the_overlapping_items_in_order(
            spans in spans(),
            windows in prop::collection::vec((0..2100i32, 0..300i32, any::<bool>(), any::<bool>()), 1..8),
        ) {
            let items: Vec<Item> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, b, span, _))| Item {
                    span,
                    // Some ranges are hulls, which the walk treats alike
                    // and the run counts.
                    hull: i % 7 == 3,
                    ..item(a, b, u32::try_from(i).unwrap())
                })
                .collect();
            let mut run = Run::default();
            for s in &items {
                run.insert(*s, &cmp);
            }
            for (s, &(_, _, _, keep)) in items.iter().zip(&spans) {
                if !keep {
                    remove(&mut run, s);
                }
            }
            let mut order: Vec<Item> = items
                .iter()
                .zip(&spans)
                .filter(|(_, &(_, _, _, keep))| keep)
                .map(|(s, _)| *s)
                .collect();
            order.sort_by(cmp);
            let built = built_at_once(order.iter().copied());
            prop_assert_eq!(&run.levels, &built.levels);
            prop_assert_eq!(run.spanning().1, built.spanning().1);
            prop_assert_eq!(&run.closed, &built.closed);
            prop_assert_eq!(run.spanning().0, built.spanning().0);
            prop_assert_eq!(&run.unbounded, &built.unbounded);
            prop_assert_eq!(&run.open, &built.open);
            prop_assert_eq!((run.spans, run.hulls), (built.spans, built.hulls));
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
                let mut got: Vec<Item> = Vec::new();
                for mut cursor in run.cursors(&bounds) {
                    let walked: Vec<Item> = std::iter::from_fn(|| cursor.next().copied()).collect();
                    let in_order = walked.windows(2).all(|w| {
                        let o = cmp(&w[0], &w[1]);
                        if reverse { o == Ordering::Greater } else { o == Ordering::Less }
                    });
                    prop_assert!(in_order, "a cursor walked out of order: {:?}", walked);
                    got.extend(walked);
                }
                got.sort_by(cmp);
                // Candidates: the run may yield items the exact check then
                // drops, never miss one. An item that lasts over its range
                // may be certainly in any window it overlaps (the caller
                // reads its dates to tell), so the walk keeps every such.
                let overlaps = |s: &Item| s.earliest <= to && s.latest >= from;
                let inside = |s: &Item| s.earliest >= from && s.latest <= to;
                let wanted = |s: &Item| overlaps(s) && (!certainly || s.span || inside(s));
                let exact: Vec<Item> = got.iter().copied().filter(wanted).collect();
                let want: Vec<Item> = order.iter().copied().filter(wanted).collect();
                prop_assert_eq!(exact, want);
                // A walk for the items certainly in the window yields no
                // item that neither spans nor starts in the window.
                if certainly {
                    let stray = got.iter().find(|s| !s.span && s.earliest != i32::MIN
                        && !(from..=to).contains(&s.earliest));
                    prop_assert!(stray.is_none() || run.spans > 0, "{:?}", stray);
                }
            }
        }

        /// The count by searches is the number of items that overlap the
        /// window, over runs dense and sparse in days, with open starts,
        /// open ends and ranges that are hulls (of days the item falls on,
        /// or lasts over).
        #[test]
        fn a_count_of_the_items_possibly_in_a_window_is_the_number_that_overlap(
            spans in prop::collection::vec((0..150i32, 0..30i32, 0..11u8), 0..400),
            windows in prop::collection::vec((-10..190i32, 0..40i32), 1..12),
        ) {
            let items: Vec<Item> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, len, shape))| {
                    let s = item(a, a + len, u32::try_from(i).unwrap());
                    match shape {
                        5 => Item { latest: i32::MAX, ..s },
                        6 => Item { earliest: i32::MIN, ..s },
                        7 => Item { hull: true, ..s },
                        // A hull of several days that the item lasts over.
                        8 => Item { hull: true, span: true, ..s },
                        // Hulls with an open start or end.
                        9 => Item { earliest: i32::MIN, hull: true, ..s },
                        10 => Item { latest: i32::MAX, hull: true, ..s },
                        _ => s,
                    }
                })
                .collect();
            let run = built_at_once(items.iter().copied());
            for &(from, len) in &windows {
                let to = from + len;
                let overlaps = |s: &Item| s.earliest <= to && s.latest >= from;
                // A hull stands in for the days it holds here.
                let mut asked = 0;
                let counted = run.count_possibly(from, to, |s| {
                    asked += 1;
                    s.hull && overlaps(s)
                });
                prop_assert_eq!(counted, items.iter().filter(|s| overlaps(s)).count());
                prop_assert!(asked <= items.iter().filter(|s| s.hull).count());
                prop_assert_eq!(run.count_possibly(to, from.min(to - 1), |_| true), 0);
            }
        }
    }

    #[test]
    fn removing_an_item_among_ties_refreshes_the_block_maxima_where_the_items_moved() {
        let mut items = Vec::new();
        // Positions 0..3 early, 3..13 ten items that tie but for their
        // number, 13..16 later, and at 16, the first of the next block, an
        // item that lasts until day 5000.
        for h in 0..3 {
            items.push(item(i32::try_from(h).unwrap(), 10, h));
        }
        for h in 3..13 {
            items.push(item(50, 60, h));
        }
        for h in 13..16 {
            items.push(item(70, 80, h));
        }
        items.push(item(90, 5000, 16));
        let mut run = Run::default();
        for s in &items {
            run.insert(*s, &cmp);
        }
        // The seventh of the tied items: its removal moves the long item
        // into the first block.
        remove(&mut run, &items[9]);
        let mut built = Run::default();
        for (i, s) in items.iter().enumerate() {
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
        let [mut closed, ..] = run.cursors(&bounds);
        assert_eq!(closed.next().map(|s| s.id), Some(16));
    }

    /// A walk reads only the blocks that may hold a wanted item: over
    /// 8,192 short ranges one after the other, a window at the end reads
    /// the last block or two, forwards, backwards and when counting, and a
    /// window at the start, open on the left, reads the first.
    #[test]
    fn a_walk_skips_the_blocks_that_end_before_the_window() {
        let mut run = Run::default();
        for i in 0..8192 {
            run.push(item(i * 10, i * 10 + 5, u32::try_from(i).unwrap()));
        }
        run.finish();
        // Block maxima of 512, 32 and 2 blocks, and the run's maximum.
        let sizes: Vec<usize> = run.levels.iter().map(Vec::len).collect();
        assert_eq!(sizes, [512, 32, 2, 1]);
        let last = 8191 * 10;
        for (from, to, want) in [(last - 100, last + 5, 11), (i32::MIN, 25, 3)] {
            for reverse in [false, true] {
                let bounds = Bounds {
                    from,
                    to,
                    reverse,
                    ..Bounds::everything(false)
                };
                let [mut closed, ..] = run.cursors(&bounds);
                let walked = std::iter::from_fn(|| closed.next().copied()).count();
                assert_eq!(walked, want, "{from}..={to}, reverse {reverse}");
                assert!(
                    closed.loaded <= 2,
                    "{} blocks read for {from}..={to}",
                    closed.loaded
                );
                let [mut closed, ..] = run.cursors(&bounds);
                assert_eq!(closed.count_all(usize::MAX), want);
                assert!(
                    closed.loaded <= 2,
                    "{} blocks read to count {from}..={to}",
                    closed.loaded
                );
            }
        }
    }

    /// An insert past the first block that lengthens the run's longest
    /// range raises the maxima above it at every level: a walk for a day
    /// only that item reaches finds it, and the levels are those of the
    /// run built at once.
    #[test]
    fn an_insert_past_the_first_block_raises_every_level_above_it() {
        let items: Vec<Item> = (0..200)
            .map(|i| item(i * 10, i * 10 + 5, u32::try_from(i).unwrap()))
            .collect();
        let mut run = Run::default();
        for s in &items {
            run.insert(*s, &cmp);
        }
        let long = item(1000, 9000, 999);
        run.insert(long, &cmp);
        let built = built_at_once(items.iter().copied().chain([long]));
        assert_eq!(run.levels, built.levels);
        let bounds = Bounds {
            from: 8000,
            to: 8000,
            ..Bounds::everything(false)
        };
        let [mut closed, ..] = run.cursors(&bounds);
        assert_eq!(closed.next().map(|s| s.id), Some(999));
        assert_eq!(closed.next(), None);
    }

    /// A run is exact while every range says which days its item holds:
    /// a hull anywhere, or an item that lasts over its range (in any list),
    /// makes it inexact, built at once or kept up to date by edits.
    #[test]
    fn a_run_is_exact_until_a_hull_or_a_span_joins_it() {
        let plain = [
            item(1, 3, 1),
            item(5, 5, 2),
            item(7, i32::MAX, 3),
            item(i32::MIN, 9, 4),
        ];
        let built = |extra: Option<Item>| built_at_once(plain.iter().copied().chain(extra));
        assert!(built(None).exact());
        let odd = [
            Item {
                hull: true,
                ..item(2, 8, 5)
            },
            Item {
                span: true,
                ..item(2, 8, 5)
            },
            Item {
                span: true,
                ..item(2, i32::MAX, 5)
            },
            Item {
                span: true,
                ..item(i32::MIN, 8, 5)
            },
        ];
        for s in odd {
            assert!(!built(Some(s)).exact(), "{s:?}");
            let mut edited = built(None);
            edited.insert(s, &cmp);
            assert!(!edited.exact(), "{s:?} inserted");
            remove(&mut edited, &s);
            assert!(edited.exact(), "{s:?} removed");
        }
    }

    /// Editing items in place keeps the run and drops its tally, which
    /// holds copies of the hulls.
    #[test]
    fn editing_items_in_place_drops_the_tally() {
        let mut run = Run::default();
        run.push(Item {
            hull: true,
            ..item(5, 9, 1)
        });
        run.finish();
        assert_eq!(run.count_possibly(0, 20, |s| s.id == 1), 1);
        run.edit_each(|s| s.id = 2);
        assert_eq!(run.count_possibly(0, 20, |s| s.id == 1), 0);
        assert_eq!(run.items().map(|s| s.id).collect::<Vec<_>>(), [2]);
    }

    /// A walk for the items certainly in a window keeps an item that spans
    /// a range sticking out of the window, in every list; it prunes the
    /// other items with a known start and end by containment all along, and
    /// those of the unbounded and open lists once the spanning items of
    /// those lists are gone.
    #[test]
    fn a_walk_for_certain_items_keeps_items_that_span_beyond_the_window() {
        let span = |s: Item| Item { span: true, ..s };
        let items = [
            span(item(10, 20, 1)),
            span(item(i32::MIN, 30, 2)),
            span(item(15, i32::MAX, 3)),
            item(5, 25, 4),
            item(16, 16, 5),
        ];
        let mut run = Run::default();
        for s in &items {
            run.insert(*s, &cmp);
        }
        let bounds = Bounds {
            from: 16,
            to: 16,
            certainly: true,
            ..Bounds::everything(false)
        };
        let walked = |run: &Run<Item>| {
            let mut ids: Vec<u32> = run
                .cursors(&bounds)
                .into_iter()
                .flat_map(|mut c| std::iter::from_fn(move || c.next().map(|s| s.id)))
                .collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(walked(&run), [1, 2, 3, 5]);
        for s in &items[..3] {
            remove(&mut run, s);
        }
        assert_eq!(walked(&run), [5]);
    }
}
