//! Window questions answered from the kept event table's own rows.
//!
//! The rows are in the timeline's order, which sorts events by the day
//! that orders them (their first day, or the last for an open start). So
//! the events possibly in a window `from..=to` all lie before the first
//! row ordered after `to`, and among those rows they are the ones whose
//! last day is `from` or later. The table keeps each row's days, with the
//! greatest last day of each block of rows, and answers with the rows'
//! places: no [`Hit`](crate::query::Hit) is made and no entity read.
//!
//! Four kinds of row are kept apart, as the registry's index keeps them:
//!
//! - a *closed* row, whose date is one range with both ends known: found
//!   among the kept table's rows by the block maxima;
//! - an *open start* (`[..X]`, possibly in every window up to X) and an
//!   *open end* (`[X..]`, possibly in every window from X on): the kept
//!   table's copies of those rows (see [`OpenRows`](super::OpenRows)),
//!   where a window's hits are one stretch each;
//! - any other row (a date with gaps, such as a list, or an event of
//!   several days): kept with its dates and checked as the registry checks
//!   it, each time.

use crate::date::{Date, Window};
use crate::query::Event;

use super::{add_stretch, OpenRows};

/// Rows a block covers: the greatest last day of each block of `BLOCK`
/// rows, and of each block of `BLOCK` such blocks, lets a window skip the
/// blocks that end before it.
const BLOCK: usize = 64;

/// What the kept table knows of its rows' days.
#[derive(Debug, Clone, Default)]
pub(super) struct Days {
    /// The day that orders each row, rising (the timeline's order).
    key: Vec<i32>,
    /// The last day of each closed row; `i32::MIN` for a row of another
    /// kind, which is below its key (a closed row's last day never is).
    last: Vec<i32>,
    /// The greatest of `last` in each block of [`BLOCK`] rows, then in
    /// each block of `BLOCK` blocks.
    maxima: [Vec<i32>; 2],
    /// The last day of each open-started row, in the order of the kept
    /// table's copy of them.
    start_last: Vec<i32>,
    /// The first day of each open-ended row, in the order of the kept
    /// table's copy of them.
    end_first: Vec<i32>,
    /// The rows that are neither closed nor simply open, by row.
    other: Vec<Other>,
}

/// A row whose date has gaps or whose event lasts several days, with what
/// its window checks read.
#[derive(Debug, Clone)]
struct Other {
    row: u32,
    first: i32,
    last: i32,
    date: Date,
    end: Option<Date>,
}

/// The rows of a table's open-started and open-ended events, which the
/// kept table copies.
pub(super) struct OpenRowNumbers {
    pub(super) starts: Vec<u32>,
    pub(super) ends: Vec<u32>,
}

impl Days {
    /// The days of `all`, the events of the kept table's rows in their
    /// order, and the rows of its open-started and open-ended events
    /// (dates without gaps, events of one date).
    pub(super) fn of(all: &[Event<'_>]) -> (Days, OpenRowNumbers) {
        let mut days = Days {
            key: Vec::with_capacity(all.len()),
            last: Vec::with_capacity(all.len()),
            ..Days::default()
        };
        let mut open = OpenRowNumbers {
            starts: Vec::new(),
            ends: Vec::new(),
        };
        for (e, row) in all.iter().zip(0u32..) {
            let (first, last) = e.days();
            days.key.push(crate::event::sort_day(first, last));
            let simple = e.end().is_none() && !e.date().has_gaps();
            let closed = if !simple {
                days.other.push(Other {
                    row,
                    first,
                    last,
                    date: e.date().clone(),
                    end: e.end().cloned(),
                });
                i32::MIN
            } else if first == i32::MIN {
                open.starts.push(row);
                days.start_last.push(last);
                i32::MIN
            } else if last == i32::MAX {
                open.ends.push(row);
                days.end_first.push(first);
                i32::MIN
            } else {
                last
            };
            days.last.push(closed);
        }
        let blocks: Vec<i32> = days.last.chunks(BLOCK).map(greatest).collect();
        let groups: Vec<i32> = blocks.chunks(BLOCK).map(greatest).collect();
        days.maxima = [blocks, groups];
        (days, open)
    }

    /// The number of rows that are neither closed nor simply open.
    #[cfg(test)]
    pub(super) fn other_rows(&self) -> usize {
        self.other.len()
    }

    /// The bytes the days hold (not counting the text of the other rows'
    /// dates).
    pub(super) fn memory_size(&self) -> usize {
        let numbers = self.key.capacity()
            + self.last.capacity()
            + self.maxima.iter().map(Vec::capacity).sum::<usize>()
            + self.start_last.capacity()
            + self.end_first.capacity();
        numbers * std::mem::size_of::<i32>() + self.other.capacity() * std::mem::size_of::<Other>()
    }

    /// The rows of the events possibly in `window` (only those certainly
    /// in it when `certainly`) among the kept rows and copies, in the kept
    /// table's order, as stretches of consecutive rows (`(first row,
    /// rows)`), with whether each event is certainly in the window: the answer of
    /// `registry.timeline().within(window)` (with `.certainly()`).
    /// `open` are the kept table's copies of the open-started and
    /// open-ended rows.
    ///
    /// The open-dated hits are a stretch of each copy: they are taken a
    /// stretch at a time, each as long as no other hit comes between.
    pub(super) fn within(
        &self,
        window: &Window,
        certainly: bool,
        [start_rows, end_rows]: &[OpenRows; 2],
    ) -> (Vec<(usize, usize)>, Vec<bool>) {
        let (from, to) = (window.first_day_number(), window.last_day_number());
        let singles = merge_rows(
            self.closed(from, to, certainly),
            self.others(window, certainly),
        );
        // The stretch of each copy in the answer, and whether each of its
        // rows is certainly in the window.
        let (starts, ends) = (
            self.start_range(from, to, certainly),
            self.end_range(from, to, certainly),
        );
        let start_certain =
            |i: usize| from == i32::MIN && self.start_last.get(i).is_some_and(|&l| l <= to);
        let end_certain =
            |i: usize| to == i32::MAX && self.end_first.get(i).is_some_and(|&f| f >= from);
        let total = singles.len() + starts.len() + ends.len();
        let mut stretches: Vec<(usize, usize)> = Vec::new();
        let mut certain = Vec::with_capacity(total);
        let mut copies = [
            Copy::new(start_rows, starts, &start_certain),
            Copy::new(end_rows, ends, &end_certain),
        ];
        let mut one = 0;
        loop {
            let single = singles.get(one).copied();
            let heads = copies.each_ref().map(Copy::head);
            let least = [single.map(|(row, _)| row), heads[0], heads[1]];
            let Some(least) = least.into_iter().flatten().min() else {
                break;
            };
            match (single, heads.iter().position(|&h| h == Some(least))) {
                (Some((row, sure)), _) if row == least => {
                    add_stretch(&mut stretches, row as usize, 1);
                    certain.push(sure);
                    one += 1;
                }
                (_, Some(i)) => {
                    // The copy's rows up to the next head of another list.
                    let others = heads.iter().enumerate().filter(|&(j, _)| j != i);
                    let bound = others
                        .filter_map(|(_, &h)| h)
                        .chain(single.map(|(row, _)| row))
                        .min()
                        .unwrap_or(u32::MAX);
                    if let Some(copy) = copies.get_mut(i) {
                        copy.take(bound, &mut stretches, &mut certain);
                    }
                }
                (_, None) => break,
            }
        }
        (stretches, certain)
    }

    /// The closed rows possibly (or certainly) in `from..=to`: `(row,
    /// certain)`, by row.
    fn closed(&self, from: i32, to: i32, certainly: bool) -> Vec<(u32, bool)> {
        let end = self.key.partition_point(|&k| k <= to);
        let mut found = Vec::new();
        let mut take = |r: usize, key: i32, last: i32| {
            // A closed row's first day is its key.
            let certain = key >= from && last <= to;
            if let Ok(row) = u32::try_from(r) {
                if certain || !certainly {
                    found.push((row, certain));
                }
            }
        };
        if certainly {
            // Certainly in the window: the rows ordered within it whose
            // last day is in it.
            let begin = self.key.partition_point(|&k| k < from);
            let keys = self.key.get(begin..end).unwrap_or_default();
            let lasts = self.last.get(begin..end).unwrap_or_default();
            for ((&key, &last), r) in keys.iter().zip(lasts).zip(begin..) {
                if last >= key && last <= to {
                    take(r, key, last);
                }
            }
            return found;
        }
        // Possibly in the window: of the rows ordered up to its end, those
        // that end in it or after it; blocks that end before it skipped.
        let [blocks, groups] = &self.maxima;
        let mut b = 0;
        let block_count = end.div_ceil(BLOCK);
        while b < block_count {
            if b % BLOCK == 0 && groups.get(b / BLOCK).is_some_and(|&m| m < from) {
                b += BLOCK;
                continue;
            }
            if blocks.get(b).is_some_and(|&m| m >= from) {
                let rows = b * BLOCK..((b + 1) * BLOCK).min(end);
                let keys = self.key.get(rows.clone()).unwrap_or_default();
                let lasts = self.last.get(rows.clone()).unwrap_or_default();
                for ((&key, &last), r) in keys.iter().zip(lasts).zip(rows) {
                    if last >= from && last >= key {
                        take(r, key, last);
                    }
                }
            }
            b += 1;
        }
        found
    }

    /// The places of the open-started rows possibly (or certainly) in
    /// `from..=to` in their copy: those whose last day is `from` or later,
    /// to the end of the copy; certainly only in a window open at the
    /// start, those whose last day is `to` or earlier.
    fn start_range(&self, from: i32, to: i32, certainly: bool) -> std::ops::Range<usize> {
        if certainly {
            if from != i32::MIN {
                return 0..0;
            }
            return 0..self.start_last.partition_point(|&l| l <= to);
        }
        self.start_last.partition_point(|&l| l < from)..self.start_last.len()
    }

    /// The places of the open-ended rows possibly (or certainly) in
    /// `from..=to` in their copy: those whose first day is `to` or
    /// earlier, from the start of the copy; certainly only in a window
    /// open at the end, those whose first day is `from` or later.
    fn end_range(&self, from: i32, to: i32, certainly: bool) -> std::ops::Range<usize> {
        if certainly {
            if to != i32::MAX {
                return 0..0;
            }
            return self.end_first.partition_point(|&f| f < from)..self.end_first.len();
        }
        0..self.end_first.partition_point(|&f| f <= to)
    }

    /// The other rows possibly (or certainly) in `window`, each checked
    /// as the registry checks it.
    fn others(&self, window: &Window, certainly: bool) -> Vec<(u32, bool)> {
        let (from, to) = (window.first_day_number(), window.last_day_number());
        self.other
            .iter()
            .filter(|o| o.first <= to && o.last >= from)
            .filter_map(|o| {
                let (possibly, certain) =
                    crate::event::dates_within(&o.date, o.end.as_ref(), window);
                let wanted = if certainly { certain } else { possibly };
                wanted.then_some((o.row, certain))
            })
            .collect()
    }
}

/// The greatest of `days`, `i32::MIN` for none.
fn greatest(days: &[i32]) -> i32 {
    days.iter().copied().max().unwrap_or(i32::MIN)
}

/// Two lists of `(row, certain)`, each by row, as one by row.
fn merge_rows(a: Vec<(u32, bool)>, b: Vec<(u32, bool)>) -> Vec<(u32, bool)> {
    if b.is_empty() {
        return a;
    }
    let mut all = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        let Some(next) = next else { break };
        all.push(next);
    }
    all
}

/// One of the kept table's copies of open-dated rows, as a window's
/// answer takes a stretch of it: the copy, the places still to take
/// (`at..end`), and whether the event at a place is certainly in the
/// window.
struct Copy<'a> {
    copy: &'a OpenRows,
    at: usize,
    end: usize,
    certain: &'a dyn Fn(usize) -> bool,
}

impl<'a> Copy<'a> {
    fn new(
        copy: &'a OpenRows,
        places: std::ops::Range<usize>,
        certain: &'a dyn Fn(usize) -> bool,
    ) -> Copy<'a> {
        Copy {
            copy,
            at: places.start,
            end: places.end,
            certain,
        }
    }

    /// The kept row of the next place to take.
    fn head(&self) -> Option<u32> {
        (self.at < self.end)
            .then(|| self.copy.rows.get(self.at).copied())
            .flatten()
    }

    /// Takes the places whose kept rows come before `bound` (at least one:
    /// the caller found the head the least of all) as one stretch of the
    /// copy's rows among the kept rows and copies.
    fn take(&mut self, bound: u32, stretches: &mut Vec<(usize, usize)>, certain: &mut Vec<bool>) {
        let rest = self.copy.rows.get(self.at..self.end).unwrap_or_default();
        let n = rest.partition_point(|&r| r < bound).max(1).min(rest.len());
        add_stretch(stretches, self.copy.offset + self.at, n);
        certain.extend((self.at..self.at + n).map(self.certain));
        self.at += n;
    }
}
