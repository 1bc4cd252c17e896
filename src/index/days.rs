//! Which members of a list hold a day, read from checkpoints: the engine
//! behind "in force on a day" whose cost grows with the answer rather than
//! with the list.
//!
//! Each member is an inclusive day range at a place of a list (the places
//! are the answer order). A member starts holding days on its first day
//! and stops on the day after its last: two *changes*, kept sorted by day
//! (none for an open end). The members holding a day are the members with
//! an open start, each flipped by every change on or before that day. A
//! *mark* keeps that set, a bit per place, at the day of every
//! [`stride`]th change; a day starts from the last mark on or before it
//! and flips the few changes in between. A query copies one bitmap (a
//! bit a member, so a 64th of the list's words), flips at most a stride of
//! changes, and reads the set bits in place order: the answer comes out
//! in order without a sort, and everything but the bitmap is the answer.

/// Marks a list has at most, about: each holds a bit for every member, so
/// the marks take this many bits a member; a day flips up to
/// `2 * members / MARKS` changes.
const MARKS: usize = 64;

/// Fewer changes than this between marks are not worth a mark: a short
/// list (an institution party to a few dozen agreements) gets a mark
/// every few changes, each a word or two.
const MIN_STRIDE: usize = 8;

/// Words of a day's set kept on the stack (see [`DaySets::with_on`]):
/// lists of up to 512 members.
const SMALL_WORDS: usize = 8;

/// The changes between two marks, given the changes in all: about
/// [`MARKS`] marks in all.
fn stride(changes: usize) -> usize {
    changes.div_ceil(MARKS).max(MIN_STRIDE)
}

/// A member starts or stops holding days on `day`: its bit flips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    day: i32,
    place: u32,
}

/// The members holding `day` (the day of a change, or `i32::MIN` for the
/// first mark), a bit per place, how many they are, and where the changes
/// after that day begin, so that a day flips the changes from there on
/// without searching for them and knows its answer's size without
/// counting bits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    day: i32,
    next: usize,
    count: usize,
    words: Vec<u64>,
}

/// Inclusive day ranges at the places `0..len()` of a list, with the
/// marks that answer which of them hold a day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DaySets {
    /// Every member's range, by place.
    spans: Vec<(i32, i32)>,
    /// Every member's changes, by day (then place).
    changes: Vec<Change>,
    /// The first at `i32::MIN` (the members with an open start), then one
    /// at the day of every stride-th change, by day.
    marks: Vec<Mark>,
    /// The changes there were when the marks were placed: once there are
    /// twice as many, the marks are placed again.
    placed_for: usize,
}

/// The words of a bitmap of `n` places.
fn words_for(n: usize) -> usize {
    n.div_ceil(64)
}

/// Flips bit `place` of `words`; the change in the number of set bits.
#[inline]
fn flip(words: &mut [u64], place: u32) -> isize {
    let Some(w) = words.get_mut(place as usize / 64) else {
        return 0;
    };
    let bit = 1 << (place % 64);
    *w ^= bit;
    if *w & bit == 0 {
        -1
    } else {
        1
    }
}

/// The set bits of `words`.
fn ones(words: &[u64]) -> usize {
    words.iter().map(|w| w.count_ones() as usize).sum()
}

/// The changes of a member at `place` holding `from..=to`: its first day,
/// and the day after its last, each unless open (or past the calendar).
fn changes_of((from, to): (i32, i32), place: u32) -> impl Iterator<Item = Change> {
    let live = from <= to;
    let start = (live && from != i32::MIN).then_some(Change { day: from, place });
    let stop = (live && to != i32::MAX).then(|| Change { day: to + 1, place });
    start.into_iter().chain(stop)
}

/// Whether a member holding `from..=to` holds day `n`.
fn holds((from, to): (i32, i32), n: i32) -> bool {
    from <= n && n <= to
}

impl DaySets {
    /// The day sets of `spans`, by place.
    pub(crate) fn new(spans: Vec<(i32, i32)>) -> DaySets {
        let mut sets = DaySets {
            spans,
            ..DaySets::default()
        };
        sets.rebuild();
        sets
    }

    /// The number of members.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Works out the changes and places the marks again from the spans.
    fn rebuild(&mut self) {
        self.changes = self
            .spans
            .iter()
            .zip(0u32..)
            .flat_map(|(&span, place)| changes_of(span, place))
            .collect();
        self.changes.sort_unstable_by_key(|c| (c.day, c.place));
        self.place_marks();
    }

    /// Places a mark at `i32::MIN` and after every stride of changes (a
    /// mark at a day takes every change of that day).
    fn place_marks(&mut self) {
        let mut words = vec![0u64; words_for(self.spans.len())];
        let mut count = 0;
        for (&(from, to), place) in self.spans.iter().zip(0u32..) {
            if from == i32::MIN && from <= to {
                count += 1;
                flip(&mut words, place);
            }
        }
        self.marks = vec![Mark {
            day: i32::MIN,
            next: 0,
            count,
            words: words.clone(),
        }];
        let step = stride(self.changes.len());
        let mut since = 0;
        let mut changes = self.changes.iter().enumerate().peekable();
        while let Some((i, c)) = changes.next() {
            count = count.saturating_add_signed(flip(&mut words, c.place));
            since += 1;
            let day_done = changes.peek().map_or(true, |(_, next)| next.day != c.day);
            if since >= step && day_done {
                self.marks.push(Mark {
                    day: c.day,
                    next: i + 1,
                    count,
                    words: words.clone(),
                });
                since = 0;
            }
        }
        self.placed_for = self.changes.len();
    }

    /// The members holding day `n`, a bit per place in words of 64, and
    /// how many they are.
    pub(crate) fn on(&self, n: i32) -> (Vec<u64>, usize) {
        let Some(mark) = self.mark_for(n) else {
            return (vec![0; words_for(self.spans.len())], 0);
        };
        // A copy of the mark, not a zeroed bitmap filled from it: a large
        // list's set is written once.
        let mut words = mark.words.clone();
        let count = self.flip_since(mark, n, &mut words);
        (words, count)
    }

    /// The last mark on or before day `n`.
    #[inline]
    fn mark_for(&self, n: i32) -> Option<&Mark> {
        let at = self.marks.partition_point(|m| m.day <= n);
        self.marks.get(at.checked_sub(1)?)
    }

    /// Flips in `words` (the members holding `mark`'s day) every change
    /// after the mark up to day `n`: at most about a stride, read in
    /// order until the first change after `n`. The members holding `n`.
    #[inline]
    fn flip_since(&self, mark: &Mark, n: i32, words: &mut [u64]) -> usize {
        let mut count = mark.count;
        for c in self.changes.get(mark.next..).unwrap_or(&[]) {
            if c.day > n {
                break;
            }
            count = count.saturating_add_signed(flip(words, c.place));
        }
        count
    }

    /// Hands `f` the members holding day `n`, a bit per place in words of
    /// 64, and how many they are, kept on the stack for a short list: an
    /// institution party to a few dozen agreements asks for a word or two,
    /// and an allocation would cost more than the rest of its answer.
    pub(crate) fn with_on<R>(&self, n: i32, f: impl FnOnce(&[u64], usize) -> R) -> R {
        let len = words_for(self.spans.len());
        let mut small = [0u64; SMALL_WORDS];
        match small.get_mut(..len) {
            Some(words) => {
                let count = self.fill_on(n, words);
                f(words, count)
            }
            None => {
                let (words, count) = self.on(n);
                f(&words, count)
            }
        }
    }

    /// Sets `words` (zeroed, one for every 64 places) to the members
    /// holding day `n`; how many they are.
    fn fill_on(&self, n: i32, words: &mut [u64]) -> usize {
        let Some(mark) = self.mark_for(n) else {
            return 0;
        };
        for (w, m) in words.iter_mut().zip(&mark.words) {
            *w = *m;
        }
        self.flip_since(mark, n, words)
    }

    /// Adds a member holding `span` at `place` (the members from there on
    /// move up one place).
    pub(crate) fn insert(&mut self, place: usize, span: (i32, i32)) {
        let (Ok(p), true) = (u32::try_from(place), place <= self.spans.len()) else {
            return;
        };
        self.spans.insert(place, span);
        for c in &mut self.changes {
            if c.place >= p {
                c.place += 1;
            }
        }
        let words = words_for(self.spans.len());
        for mark in &mut self.marks {
            mark.words.resize(words, 0);
            insert_bit(&mut mark.words, place, holds(span, mark.day));
        }
        for c in changes_of(span, p) {
            let at = self
                .changes
                .partition_point(|x| (x.day, x.place) < (c.day, c.place));
            self.changes.insert(at, c);
        }
        self.renumber_marks();
        self.rebalance();
    }

    /// Removes the member at `place` (the members after it move down one
    /// place).
    pub(crate) fn remove(&mut self, place: usize) {
        let Ok(p) = u32::try_from(place) else { return };
        if place >= self.spans.len() {
            return;
        }
        self.spans.remove(place);
        self.changes.retain(|c| c.place != p);
        for c in &mut self.changes {
            if c.place > p {
                c.place -= 1;
            }
        }
        let words = words_for(self.spans.len());
        for mark in &mut self.marks {
            remove_bit(&mut mark.words, place);
            mark.words.truncate(words);
        }
        self.renumber_marks();
        self.rebalance();
    }

    /// Finds again where each mark's later changes begin, and counts its
    /// members, after members were added or removed.
    fn renumber_marks(&mut self) {
        for mark in &mut self.marks {
            mark.next = if mark.day == i32::MIN {
                0
            } else {
                self.changes.partition_point(|c| c.day <= mark.day)
            };
            mark.count = ones(&mark.words);
        }
    }

    /// Places the marks again once the changes have doubled since they
    /// were placed, so that a day never flips more than about two strides.
    fn rebalance(&mut self) {
        if self.changes.len() > 2 * self.placed_for.max(MIN_STRIDE) {
            self.place_marks();
        }
    }
}

/// Inserts bit `value` at `place` of a bitmap whose last word has room,
/// moving the bits from there on up one.
fn insert_bit(words: &mut [u64], place: usize, value: bool) {
    let (w, b) = (place / 64, place % 64);
    let Some(rest) = words.get_mut(w..) else {
        return;
    };
    let mut carry = 0;
    for (i, word) in rest.iter_mut().enumerate() {
        let out = *word >> 63;
        *word = if i == 0 {
            let low = *word & ((1u64 << b) - 1);
            let high = (*word & !((1u64 << b) - 1)) << 1;
            high | low | (u64::from(value) << b)
        } else {
            (*word << 1) | carry
        };
        carry = out;
    }
}

/// Removes bit `place` of a bitmap, moving the bits after it down one.
fn remove_bit(words: &mut [u64], place: usize) {
    let (w, b) = (place / 64, place % 64);
    let Some(rest) = words.get_mut(w..) else {
        return;
    };
    let n = rest.len();
    for i in 0..n {
        let next_low = rest.get(i + 1).map_or(0, |x| *x & 1);
        let Some(word) = rest.get_mut(i) else { break };
        *word = if i == 0 {
            let low = *word & ((1u64 << b) - 1);
            let high = (*word >> 1) & !((1u64 << b) - 1);
            low | high | (next_low << 63)
        } else {
            (*word >> 1) | (next_low << 63)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The places holding day `n` by the marks (on the stack or not, as
    /// the list's size picks).
    fn places_on(sets: &DaySets, n: i32) -> Vec<usize> {
        let (words, count) = sets.with_on(n, |w, count| (w.to_vec(), count));
        assert_eq!((words.clone(), count), sets.on(n));
        assert_eq!(count, ones(&words));
        (0..sets.len())
            .filter(|&p| words.get(p / 64).is_some_and(|w| w >> (p % 64) & 1 == 1))
            .collect()
    }

    /// A list gets about [`MARKS`] marks however long it is, and a short
    /// one a mark every [`MIN_STRIDE`] changes or more: the marks' memory
    /// is a bounded number of bits a member, and a day flips at most about
    /// a stride of changes.
    #[test]
    fn a_list_has_about_marks_marks_each_a_stride_after_the_last() {
        for members in [0usize, 3, 20, 100, 5000] {
            let spans: Vec<(i32, i32)> = (0..members)
                .map(|i| {
                    let a = i32::try_from(i * 3).expect("small");
                    (a, a + 10)
                })
                .collect();
            let sets = DaySets::new(spans.clone());
            let changes = 2 * members;
            assert!(
                sets.marks.len() <= MARKS + 2,
                "{members} members: {} marks",
                sets.marks.len()
            );
            // And no fewer than half as many, so that a day flips at most
            // about two strides of changes.
            assert!(
                sets.marks.len() >= (changes / stride(changes) / 2).max(1),
                "{members} members: {} marks",
                sets.marks.len()
            );
            assert!(
                sets.marks.len() <= changes / MIN_STRIDE + 1,
                "{members} members: {} marks",
                sets.marks.len()
            );
            for pair in sets.marks.windows(2) {
                if let [a, b] = pair {
                    assert!(
                        b.next - a.next >= MIN_STRIDE,
                        "{members} members: {a:?} {b:?}"
                    );
                }
            }
            for n in [-1, 0, 7, 150, 14_999, 15_010] {
                assert_eq!(
                    places_on(&sets, n),
                    scanned(&spans, n),
                    "{members} members, day {n}"
                );
            }
            // Built member by member, the marks are placed again as the
            // changes double: at the end, at least a quarter of those a
            // list built at once gets.
            let mut edited = DaySets::new(Vec::new());
            for (place, &span) in spans.iter().enumerate() {
                edited.insert(place, span);
            }
            assert!(
                edited.marks.len() >= (sets.marks.len() / 4).max(1),
                "{members} members: {} marks by edits, {} at once",
                edited.marks.len(),
                sets.marks.len()
            );
            assert_eq!(places_on(&edited, 150), scanned(&spans, 150));
            // The same after a member without an end, which makes one
            // change where the others make two: the changes are never
            // again an even number, and the marks are placed again all the
            // same.
            let mut open = DaySets::new(Vec::new());
            open.insert(0, (-5, i32::MAX));
            for (place, &span) in spans.iter().enumerate() {
                open.insert(place + 1, span);
            }
            assert!(
                open.marks.len() >= (sets.marks.len() / 4).max(1),
                "{members} members and an open one: {} marks by edits, {} at once",
                open.marks.len(),
                sets.marks.len()
            );
        }
    }

    /// The places holding day `n` by a scan of the spans.
    fn scanned(spans: &[(i32, i32)], n: i32) -> Vec<usize> {
        (0..spans.len())
            .filter(|&p| spans.get(p).is_some_and(|&s| holds(s, n)))
            .collect()
    }

    fn span() -> impl Strategy<Value = (i32, i32)> {
        let end = prop_oneof![
            1 => Just(None),
            8 => (-40..400i32).prop_map(Some),
        ];
        (end.clone(), end).prop_map(|(a, b)| (a.unwrap_or(i32::MIN), b.unwrap_or(i32::MAX)))
    }

    /// A day to ask about: within the spans' days, or at the calendar's
    /// ends.
    fn days() -> impl Iterator<Item = i32> {
        [i32::MIN, i32::MIN + 1, i32::MAX - 1, i32::MAX]
            .into_iter()
            .chain(-45..405)
    }

    proptest! {
        #[test]
        fn the_marks_find_the_members_a_scan_finds(
            spans in prop::collection::vec(span(), 0..300),
        ) {
            let sets = DaySets::new(spans.clone());
            for n in days() {
                prop_assert_eq!(places_on(&sets, n), scanned(&spans, n), "day {}", n);
            }
        }

        #[test]
        fn members_inserted_and_removed_keep_the_marks_right(
            spans in prop::collection::vec(span(), 0..200),
            edits in prop::collection::vec((any::<bool>(), 0..400usize, span()), 1..80),
        ) {
            let mut sets = DaySets::new(spans.clone());
            let mut want = spans;
            for (add, at, s) in edits {
                if add || want.is_empty() {
                    let at = at % (want.len() + 1);
                    sets.insert(at, s);
                    want.insert(at, s);
                } else {
                    let at = at % want.len();
                    sets.remove(at);
                    want.remove(at);
                }
                for n in [i32::MIN, -41, 0, 17, 128, 399, 400, i32::MAX] {
                    prop_assert_eq!(places_on(&sets, n), scanned(&want, n), "day {}", n);
                }
            }
            // Edits leave the changes a build of the same spans has.
            prop_assert_eq!(&sets.changes, &DaySets::new(want.clone()).changes);
            for n in days() {
                prop_assert_eq!(places_on(&sets, n), scanned(&want, n), "day {}", n);
            }
        }
    }

    #[test]
    fn a_bit_inserted_and_removed_leaves_the_bitmap_as_it_was() {
        let before = vec![0xdead_beef_0123_4567u64, 0x8000_0000_0000_0001, 0];
        for place in 0..130 {
            for value in [false, true] {
                let mut words = before.clone();
                insert_bit(&mut words, place, value);
                let got = words.get(place / 64).map(|w| w >> (place % 64) & 1 == 1);
                assert_eq!(got, Some(value), "place {place}");
                remove_bit(&mut words, place);
                assert_eq!(words, before, "place {place}");
            }
        }
    }
}
