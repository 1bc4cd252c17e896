//! Counts of the items of a run possibly in a window, read from the days
//! they start and end on rather than by a walk.

use super::interval::{Interval, LISTS};

/// The counts of a run's items possibly in a window, as for plain
/// intervals: an item misses the window only if it starts after it or ends
/// before it, and no item does both. Items whose ranges are hulls are asked
/// one by one.
#[derive(Debug, Clone)]
pub(super) struct Tally<S> {
    /// The days on which the items that are not hulls start (earliest days
    /// of those with a known start) and end (latest days of those with a
    /// known end).
    days: Days,
    /// The items with an open start that are not hulls: they all start
    /// before any window.
    open_started: usize,
    /// The items whose ranges are hulls (so each is asked): those with a
    /// known start and end by earliest day, those with an open end, those
    /// with an open start, each in its list's order.
    hulls: [Vec<S>; 3],
}

impl<S: Interval> Tally<S> {
    /// The tally of a run whose lists are `closed`, `spanning`, `unbounded`
    /// and `open` (see [`List`](super::List)).
    pub(super) fn of([closed, spanning, unbounded, open]: [&[S]; LISTS]) -> Tally<S> {
        let days = |lists: [&[S]; 3], day: fn(&S) -> i32| -> Vec<i32> {
            lists
                .into_iter()
                .flatten()
                .filter(|s| !s.hull())
                .map(day)
                .collect()
        };
        let hulls = |list: &[S]| -> Vec<S> { list.iter().filter(|s| s.hull()).copied().collect() };
        // The hulls with a known start and end, of both lists, by earliest
        // day (a stable sort: ties stay in their lists' order).
        let mut known = hulls(closed);
        let spanning_hulls = hulls(spanning);
        if !spanning_hulls.is_empty() {
            known.extend(spanning_hulls);
            known.sort_by_key(S::earliest);
        }
        Tally {
            days: Days::new(
                days([closed, spanning, unbounded], S::earliest),
                days([closed, spanning, open], S::latest),
            ),
            open_started: open.iter().filter(|s| !s.hull()).count(),
            hulls: [known, hulls(unbounded), hulls(open)],
        }
    }

    /// The number of items possibly in the window `from..=to` (not empty);
    /// `possibly(item)` answers for an item whose range is a hull.
    #[inline]
    pub(super) fn count(&self, from: i32, to: i32, mut possibly: impl FnMut(&S) -> bool) -> usize {
        let [closed_hulls, unbounded_hulls, open_hulls] = &self.hulls;
        let starts_by_end = |s: &S| s.earliest() <= to;
        let ends_before = |s: &S| s.latest() < from;
        // Those that start by the window's end (all with an open start do),
        // less those that end before its start (which all start by its end;
        // saturating keeps a count from wrapping should an item ever break
        // that).
        let (started, ended) = self.days.count(to, from);
        let n = (started + self.open_started).saturating_sub(ended);
        // Most runs have no hull: their count is the two reads above.
        if closed_hulls.is_empty() && unbounded_hulls.is_empty() && open_hulls.is_empty() {
            return n;
        }
        let first = closed_hulls
            .get(..closed_hulls.partition_point(starts_by_end))
            .unwrap_or_default();
        let more = unbounded_hulls
            .get(..unbounded_hulls.partition_point(starts_by_end))
            .unwrap_or_default();
        let ended_hulls = open_hulls.partition_point(ends_before);
        let last = open_hulls.get(ended_hulls..).unwrap_or_default();
        n + first
            .iter()
            .chain(more)
            .chain(last)
            .filter(|s| s.latest() >= from && possibly(s))
            .count()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
