//! The peers of the window and in-force questions, each in its best
//! configuration, over the same day ranges as pactum.
//!
//! - [`Scan`]: flat arrays of `(earliest, latest)` day numbers in timeline
//!   order, read from start to end: the counting scan and the ordered scan
//!   (what a user writes with no index, and the floor for a selective
//!   question).
//! - [`Sorted`]: the ranges with both ends known, sorted by their first
//!   day: containment (Q2) is one binary search for the first start in the
//!   window, one for the last, and a count of the ends in between.
//! - [`LapperPeer`], [`CoitreesPeer`]: the interval crates over the ranges
//!   with both ends known. Ranges open at one end or both are kept apart in
//!   sorted arrays, as pactum keeps them, instead of clamped to the widest
//!   bounds the crates take: a clamped range spans billions of days, which
//!   makes every `rust_lapper::find` start from the first interval.
//!
//! Every peer is built from the ranges alone, and every query takes day
//! numbers made before the timed loop. A unit test and the benchmarks' set
//! up check that each gives pactum's answers on the same data.

use chrono::{Datelike, NaiveDate};
use coitrees::{COITree, Interval, IntervalTree};
use pactum::{Registry, Window};
use rust_lapper::{Interval as LapInterval, Lapper};

/// A peer's window visit: the window's first and last day numbers and a
/// sink for the place of each range that meets it.
pub type VisitWindow<'a> = &'a dyn Fn(i32, i32, &mut dyn FnMut(u32));

/// A peer's in-force question: the day number and a sink for the place of
/// each agreement in force on it.
pub type VisitDay<'a> = &'a dyn Fn(i32, &mut dyn FnMut(u32));

/// The day number that stands for an open start.
pub const OPEN_START: i32 = i32::MIN;
/// The day number that stands for an open end.
pub const OPEN_END: i32 = i32::MAX;

/// Flat arrays of day ranges, in timeline order (open ends as
/// [`OPEN_START`] and [`OPEN_END`], which compare as unbounded).
pub struct Scan {
    lo: Vec<i32>,
    hi: Vec<i32>,
}

impl Scan {
    /// The ranges, in the order the answers come in.
    pub fn new(ranges: &[(i32, i32)]) -> Scan {
        Scan {
            lo: ranges.iter().map(|r| r.0).collect(),
            hi: ranges.iter().map(|r| r.1).collect(),
        }
    }

    /// How many ranges meet `[a, z]`: the counting scan.
    pub fn count_overlapping(&self, a: i32, z: i32) -> usize {
        count_pairs(&self.lo, &self.hi, |lo, hi| (lo <= z) & (hi >= a))
    }

    /// How many ranges lie inside `[a, z]`.
    pub fn count_within(&self, a: i32, z: i32) -> usize {
        count_pairs(&self.lo, &self.hi, |lo, hi| (lo >= a) & (hi <= z))
    }

    /// Calls `hit` with the place of every range that meets `[a, z]`, in
    /// order: the ordered scan.
    pub fn visit_overlapping(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        for (i, (&lo, &hi)) in self.lo.iter().zip(&self.hi).enumerate() {
            if lo <= z && hi >= a {
                hit(i as u32);
            }
        }
    }
}

/// How many pairs of `lo` and `hi` pass `test`. Counted in 32-bit lanes a
/// block at a time, which the compiler turns into vector compares (four
/// days an instruction on the x86-64 baseline): the scan at its best.
#[inline]
fn count_pairs(lo: &[i32], hi: &[i32], test: impl Fn(i32, i32) -> bool) -> usize {
    let n = lo.len().min(hi.len());
    let mut total = 0;
    let mut from = 0;
    while from < n {
        let to = n.min(from + 4096);
        let (lo, hi) = (&lo[from..to], &hi[from..to]);
        let hi = &hi[..lo.len()];
        let mut block = 0u32;
        for i in 0..lo.len() {
            block += u32::from(test(lo[i], hi[i]));
        }
        total += block as usize;
        from = to;
    }
    total
}

/// Ranges with both ends known, sorted by first day, then last: the
/// containment peer.
pub struct Sorted {
    lo: Vec<i32>,
    hi: Vec<i32>,
    id: Vec<u32>,
}

impl Sorted {
    /// The ranges with both ends known, each with its place in `ranges`.
    pub fn new(ranges: &[(i32, i32)]) -> Sorted {
        let mut closed: Vec<(i32, i32, u32)> = ranges
            .iter()
            .enumerate()
            .filter(|(_, &(lo, hi))| lo != OPEN_START && hi != OPEN_END)
            .map(|(i, &(lo, hi))| (lo, hi, i as u32))
            .collect();
        closed.sort_unstable();
        Sorted {
            lo: closed.iter().map(|r| r.0).collect(),
            hi: closed.iter().map(|r| r.1).collect(),
            id: closed.iter().map(|r| r.2).collect(),
        }
    }

    /// The places, in this order, of the ranges that start in `[a, z]`.
    fn starting_in(&self, a: i32, z: i32) -> std::ops::Range<usize> {
        let from = self.lo.partition_point(|&lo| lo < a);
        let to = from + self.lo[from..].partition_point(|&lo| lo <= z);
        from..to
    }

    /// How many ranges lie inside `[a, z]`.
    pub fn count_within(&self, a: i32, z: i32) -> usize {
        let starting = self.starting_in(a, z);
        let his = &self.hi[starting];
        count_pairs(his, his, |hi, _| hi <= z)
    }

    /// Calls `hit` with the place in the input of every range inside
    /// `[a, z]`, in order of first day.
    pub fn visit_within(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        let starting = self.starting_in(a, z);
        for (&hi, &id) in self.hi[starting.clone()].iter().zip(&self.id[starting]) {
            if hi <= z {
                hit(id);
            }
        }
    }
}

/// The ranges open at one end or both, kept apart from the others: those
/// with a known start sorted by it, those with a known end sorted by it.
pub struct OpenEnds {
    /// First days of the ranges with no end, sorted.
    from: Vec<i32>,
    from_id: Vec<u32>,
    /// Last days of the ranges with no start, sorted.
    until: Vec<i32>,
    until_id: Vec<u32>,
    /// The ranges open at both ends.
    always: Vec<u32>,
}

impl OpenEnds {
    /// Splits `ranges` into the closed ones (each with its place) and the
    /// open ones.
    pub fn split(ranges: &[(i32, i32)]) -> (Vec<(i32, i32, u32)>, OpenEnds) {
        let mut closed = Vec::with_capacity(ranges.len());
        let mut from = Vec::new();
        let mut until = Vec::new();
        let mut always = Vec::new();
        for (i, &(lo, hi)) in ranges.iter().enumerate() {
            let id = i as u32;
            match (lo == OPEN_START, hi == OPEN_END) {
                (false, false) => closed.push((lo, hi, id)),
                (false, true) => from.push((lo, id)),
                (true, false) => until.push((hi, id)),
                (true, true) => always.push(id),
            }
        }
        from.sort_unstable();
        until.sort_unstable();
        let open = OpenEnds {
            from: from.iter().map(|r| r.0).collect(),
            from_id: from.iter().map(|r| r.1).collect(),
            until: until.iter().map(|r| r.0).collect(),
            until_id: until.iter().map(|r| r.1).collect(),
            always,
        };
        (closed, open)
    }

    /// The open ranges that meet `[a, z]`: a prefix of those with no end
    /// and a suffix of those with no start.
    fn meeting(&self, a: i32, z: i32) -> (&[u32], &[u32]) {
        let from = self.from.partition_point(|&lo| lo <= z);
        let until = self.until.partition_point(|&hi| hi < a);
        (&self.from_id[..from], &self.until_id[until..])
    }

    /// How many open ranges meet `[a, z]`.
    pub fn count(&self, a: i32, z: i32) -> usize {
        let (from, until) = self.meeting(a, z);
        from.len() + until.len() + self.always.len()
    }

    /// Calls `hit` with the place of every open range that meets `[a, z]`.
    pub fn visit(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        let (from, until) = self.meeting(a, z);
        for &id in from.iter().chain(until).chain(&self.always) {
            hit(id);
        }
    }
}

/// A day number as rust-lapper's unsigned coordinate (order kept).
pub fn shift(n: i32) -> u32 {
    (i64::from(n) - i64::from(i32::MIN)) as u32
}

/// rust-lapper over the closed ranges (half-open in its terms: the day
/// after the last), the open ones apart.
pub struct LapperPeer {
    closed: Lapper<u32, u32>,
    open: OpenEnds,
}

impl LapperPeer {
    /// Builds the peer over `ranges`.
    pub fn new(ranges: &[(i32, i32)]) -> LapperPeer {
        let (closed, open) = OpenEnds::split(ranges);
        let intervals = closed
            .into_iter()
            .map(|(lo, hi, id)| LapInterval {
                start: shift(lo),
                stop: shift(hi) + 1,
                val: id,
            })
            .collect();
        LapperPeer {
            closed: Lapper::new(intervals),
            open,
        }
    }

    /// The days of the longest closed range: what every `find` looks back
    /// by (rust-lapper's `max_len`).
    pub fn longest_closed(&self) -> u32 {
        self.closed
            .iter()
            .map(|iv| iv.stop - iv.start)
            .max()
            .unwrap_or(0)
    }

    /// How many ranges meet `[a, z]` (`rust_lapper::count`, then the open
    /// ones).
    pub fn count_overlapping(&self, a: i32, z: i32) -> usize {
        self.closed.count(shift(a), shift(z) + 1) + self.open.count(a, z)
    }

    /// Calls `hit` with the place of every range that meets `[a, z]`, in
    /// no particular order.
    pub fn visit_overlapping(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        for iv in self.closed.find(shift(a), shift(z) + 1) {
            hit(iv.val);
        }
        self.open.visit(a, z, hit);
    }

    /// Calls `hit` with the place of every range inside `[a, z]`.
    pub fn visit_within(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        let (sa, sz) = (shift(a), shift(z) + 1);
        for iv in self.closed.find(sa, sz) {
            if iv.start >= sa && iv.stop <= sz {
                hit(iv.val);
            }
        }
    }
}

/// coitrees over the closed ranges, the open ones apart.
pub struct CoitreesPeer {
    closed: COITree<u32, u32>,
    open: OpenEnds,
}

impl CoitreesPeer {
    /// Builds the peer over `ranges`.
    pub fn new(ranges: &[(i32, i32)]) -> CoitreesPeer {
        let (closed, open) = OpenEnds::split(ranges);
        let intervals: Vec<Interval<u32>> = closed
            .into_iter()
            .map(|(lo, hi, id)| Interval::new(lo, hi, id))
            .collect();
        CoitreesPeer {
            closed: COITree::new(&intervals),
            open,
        }
    }

    /// How many ranges meet `[a, z]` (`query_count`, then the open ones).
    pub fn count_overlapping(&self, a: i32, z: i32) -> usize {
        self.closed.query_count(a, z) + self.open.count(a, z)
    }

    /// Calls `hit` with the place of every range that meets `[a, z]`, in
    /// no particular order.
    pub fn visit_overlapping(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        self.closed.query(a, z, |iv| hit(iv.metadata));
        self.open.visit(a, z, hit);
    }

    /// Calls `hit` with the place of every range inside `[a, z]`.
    pub fn visit_within(&self, a: i32, z: i32, mut hit: impl FnMut(u32)) {
        self.closed.query(a, z, |iv| {
            if iv.first >= a && iv.last <= z {
                hit(iv.metadata);
            }
        });
    }
}

/// Every event's first and last possible day, in timeline order: its date's
/// earliest and latest candidates, or for an event of several days, the
/// earliest of its date and the latest of its end.
pub fn event_ranges(registry: &Registry) -> Vec<(i32, i32)> {
    registry
        .events()
        .iter()
        .map(|e| {
            let date = e.date();
            let last = e.end().unwrap_or(date);
            (
                day_or(date.earliest(), OPEN_START),
                day_or(last.latest(), OPEN_END),
            )
        })
        .collect()
}

/// Every agreement's days possibly in force, partnerships then MOUs in
/// store order: from the earliest start (open when unknown) to the day
/// before the latest end, or through the latest expiry.
pub fn force_ranges(registry: &Registry) -> Vec<(i32, i32)> {
    let before = |d: Option<NaiveDate>| d.map(|d| d.pred_opt().unwrap_or(d));
    let mut ranges = Vec::new();
    for p in registry.partnerships() {
        let lo = day_or(p.established().and_then(|d| d.earliest()), OPEN_START);
        let hi = day_or(before(p.ended().and_then(|d| d.latest())), OPEN_END);
        ranges.push((lo, hi));
    }
    for m in registry.mous().iter().filter(|m| m.in_force_on_record()) {
        let lo = day_or(m.start().earliest(), OPEN_START);
        let expiry = m.expiry().map(|d| d.latest());
        let termination = m.termination().map(|d| before(d.latest()));
        // An end with an open last day ends nothing for certain.
        let hi = [expiry, termination]
            .into_iter()
            .flatten()
            .map(|d| day_or(d, OPEN_END))
            .min()
            .unwrap_or(OPEN_END);
        ranges.push((lo, hi));
    }
    ranges
}

fn day_or(day: Option<NaiveDate>, open: i32) -> i32 {
    day.map_or(open, |d| d.num_days_from_ce())
}

/// Every peer of the window and in-force questions, built from the same
/// ranges.
pub struct Peers {
    /// Every event's day range, in timeline order.
    pub events: Vec<(i32, i32)>,
    /// Every agreement's possibly-in-force range.
    pub force: Vec<(i32, i32)>,
    /// The scans over the events.
    pub scan: Scan,
    /// The containment peer over the events.
    pub sorted: Sorted,
    /// rust-lapper over the events.
    pub lapper: LapperPeer,
    /// coitrees over the events.
    pub coitrees: CoitreesPeer,
    /// The scan over the in-force ranges.
    pub scan_force: Scan,
    /// rust-lapper over the in-force ranges.
    pub lapper_force: LapperPeer,
    /// coitrees over the in-force ranges.
    pub coitrees_force: CoitreesPeer,
}

impl Peers {
    /// Every peer over the registry's events and agreements.
    pub fn new(registry: &Registry) -> Peers {
        let events = event_ranges(registry);
        let force = force_ranges(registry);
        Peers {
            scan: Scan::new(&events),
            sorted: Sorted::new(&events),
            lapper: LapperPeer::new(&events),
            coitrees: CoitreesPeer::new(&events),
            scan_force: Scan::new(&force),
            lapper_force: LapperPeer::new(&force),
            coitrees_force: CoitreesPeer::new(&force),
            events,
            force,
        }
    }

    /// Checks that every peer gives pactum's answer to each question, as
    /// numbers of hits: events possibly in each window, certainly in each
    /// window (`certain_windows`), agreements in force on each day. Returns
    /// the first difference.
    pub fn check(
        &self,
        registry: &Registry,
        windows: &[(i32, i32)],
        certain_windows: &[(i32, i32)],
        days: &[i32],
    ) -> Result<(), String> {
        let timeline = |a: i32, z: i32| registry.timeline().within(window(a, z));
        for &(a, z) in windows {
            let want = timeline(a, z).count().map_err(|e| e.to_string())?;
            let got = [
                ("scan", self.scan.count_overlapping(a, z)),
                (
                    "ordered scan",
                    visits(|f| self.scan.visit_overlapping(a, z, f)),
                ),
                ("rust-lapper", self.lapper.count_overlapping(a, z)),
                (
                    "rust-lapper visit",
                    visits(|f| self.lapper.visit_overlapping(a, z, f)),
                ),
                ("coitrees", self.coitrees.count_overlapping(a, z)),
                (
                    "coitrees visit",
                    visits(|f| self.coitrees.visit_overlapping(a, z, f)),
                ),
            ];
            same("possibly in", (a, z), want, &got)?;
        }
        for &(a, z) in certain_windows {
            let want = timeline(a, z)
                .certainly()
                .count()
                .map_err(|e| e.to_string())?;
            let got = [
                ("scan", self.scan.count_within(a, z)),
                ("sorted", self.sorted.count_within(a, z)),
                (
                    "sorted visit",
                    visits(|f| self.sorted.visit_within(a, z, f)),
                ),
                ("rust-lapper", visits(|f| self.lapper.visit_within(a, z, f))),
                ("coitrees", visits(|f| self.coitrees.visit_within(a, z, f))),
            ];
            same("certainly in", (a, z), want, &got)?;
        }
        for &d in days {
            let want = registry.in_force_on(crate::day(d)).len();
            let got = [
                ("scan", self.scan_force.count_overlapping(d, d)),
                (
                    "rust-lapper",
                    visits(|f| self.lapper_force.visit_overlapping(d, d, f)),
                ),
                (
                    "coitrees",
                    visits(|f| self.coitrees_force.visit_overlapping(d, d, f)),
                ),
            ];
            same("in force on", (d, d), want, &got)?;
        }
        Ok(())
    }
}

/// A window of pactum from day numbers.
pub fn window(a: i32, z: i32) -> Window {
    Window::new(crate::day(a), crate::day(z)).expect("an ordered window")
}

fn visits(run: impl FnOnce(&mut dyn FnMut(u32))) -> usize {
    let mut n = 0;
    run(&mut |_| n += 1);
    n
}

fn same(question: &str, w: (i32, i32), want: usize, got: &[(&str, usize)]) -> Result<(), String> {
    match got.iter().find(|(_, n)| *n != want) {
        None => Ok(()),
        Some((peer, n)) => Err(format!("{question} {w:?}: pactum {want}, {peer} {n}")),
    }
}
