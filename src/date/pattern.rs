//! Unspecified digits anywhere (EDTF level 2): `1971-XX-03`, `19X5`,
//! `2020-1X`, `XXXX-12-25`. The candidate days of such a date are exactly
//! the days whose digits it allows, which need not be one range
//! (`1971-XX-03` is twelve days), so a date keeps its pattern beside the
//! hull of those days.
//!
//! A pattern is kept as the sets of values each part may take: the first
//! two digits of the year, the last two, the month and the day, as bit
//! masks. The allowed days are the real days of their product, and whether
//! a year has any depends only on whether it is a leap year. So the first
//! allowed day from a given day is found with a few mask operations per
//! century and per month, never by walking days: `XXXX-12-25` spans ten
//! thousand years and costs what `2023-XX-03` does.

use super::calendar::{civil, is_leap, last_of_month, ymd};
use super::Span;

/// The first and last years a date can name.
const FIRST_YEAR: i32 = 0;
const LAST_YEAR: i32 = 9999;

/// Bits 4, 8, …, 96: the years of a century (its last two digits) that are
/// leap years whatever the century; year 00 is one only when the century
/// is a multiple of four.
const LEAP_IN_EVERY_CENTURY: u128 = {
    let mut mask = 0u128;
    let mut r = 4;
    while r < 100 {
        mask |= 1 << r;
        r += 4;
    }
    mask
};

/// Which part of a pattern allows nothing, for the error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nothing {
    /// No month 01–12 has the month's digits.
    Month,
    /// No day 01–31 has the day's digits.
    Day,
    /// Months and days have the digits, but no day of the calendar has
    /// them all in an allowed year (`2021-02-3X`, `XXX1-02-29`).
    Calendar,
}

/// The days that a date with unspecified digits allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pattern {
    /// Bit `c` set: the year may start with the two digits of `c` (0–99).
    centuries: u128,
    /// Bit `r` set: the year may end with the two digits of `r` (0–99).
    years: u128,
    /// Bit `m` set: month `m` (1–12) is allowed.
    months: u16,
    /// Bit `d` set: day `d` (1–31) of a month is allowed where it exists.
    days: u32,
    /// Whether only leap years have an allowed day (the months and days
    /// allow 29 February and nothing else), so that other years are
    /// skipped without looking into them.
    leap_only: bool,
}

/// The values in `range` whose two decimal digits `digits` (each a digit
/// or `X`) allow, as a bit mask; none when `digits` is not two characters.
fn values(digits: Option<&str>, range: std::ops::RangeInclusive<u32>) -> u128 {
    let Some(&[tens, ones]) = digits.map(str::as_bytes) else {
        return 0;
    };
    let allows = |c: u8, v: u32| c == b'X' || u32::from(c.wrapping_sub(b'0')) == v;
    range
        .filter(|v| allows(tens, v / 10) && allows(ones, v % 10))
        .fold(0, |mask, v| mask | 1 << v)
}

/// The lowest set bit of `mask` at or above `from`.
fn first_bit(mask: u128, from: u32) -> Option<u32> {
    let rest = u128::MAX.checked_shl(from).map_or(0, |keep| mask & keep);
    (rest != 0).then(|| rest.trailing_zeros())
}

/// The highest set bit of `mask` at or below `to`.
fn last_bit(mask: u128, to: u32) -> Option<u32> {
    let rest = u128::MAX
        .checked_shr(127_u32.saturating_sub(to))
        .map_or(0, |keep| mask & keep);
    (rest != 0).then(|| 127 - rest.leading_zeros())
}

/// The days of month `month` of `year`, bits 1 to its length.
fn month_days(year: i32, month: u32) -> u32 {
    u32::MAX >> (32 - last_of_month(year, month)) << 1
}

impl Pattern {
    /// The pattern of a point's year, month and day texts (each digits and
    /// `X`, of four, two and two characters), and the hull of its days.
    ///
    /// # Errors
    ///
    /// Which part allows nothing, when no day of the calendar fits.
    pub(super) fn new(
        year: &str,
        month: Option<&str>,
        day: Option<&str>,
    ) -> Result<(Pattern, Span), Nothing> {
        // A part that is not written allows every value.
        let months = month.map_or(0x1ffe, |m| values(Some(m), 1..=12));
        let days = day.map_or(u128::from(u32::MAX - 1), |d| values(Some(d), 1..=31));
        if months == 0 {
            return Err(Nothing::Month);
        }
        if days == 0 {
            return Err(Nothing::Day);
        }
        Pattern::of_masks(
            values(year.get(..2), 0..=99),
            values(year.get(2..), 0..=99),
            u16::try_from(months).unwrap_or(0),
            u32::try_from(days).unwrap_or(0),
        )
        .ok_or(Nothing::Calendar)
    }

    /// The pattern of the given value sets, with the hull of its days;
    /// `None` when it allows no day.
    fn of_masks(centuries: u128, years: u128, months: u16, days: u32) -> Option<(Pattern, Span)> {
        // A common year has every day a leap year has but 29 February: if
        // it has none, only leap years can.
        let common = (1..=12).any(|m| months & 1 << m != 0 && days & month_days(2023, m) != 0);
        let pattern = Pattern {
            centuries,
            years,
            months,
            days,
            leap_only: !common,
        };
        let hull = Span {
            first: pattern.first_from(i32::MIN)?,
            last: pattern.last_until(i32::MAX)?,
        };
        Some((pattern, hull))
    }

    /// The days both patterns allow, if any: the value sets of each part
    /// intersect, as the days are their product.
    pub(super) fn intersect(&self, other: &Pattern) -> Option<(Pattern, Span)> {
        Pattern::of_masks(
            self.centuries & other.centuries,
            self.years & other.years,
            self.months & other.months,
            self.days & other.days,
        )
    }

    /// Whether the pattern allows a day in `first..=last` (day numbers).
    pub(super) fn overlaps(&self, first: i32, last: i32) -> bool {
        self.first_from(first).is_some_and(|n| n <= last)
    }

    /// The first allowed day number at or after `n`: in `n`'s own year
    /// from `n` on, else on the first day of the next year that has one.
    pub(super) fn first_from(&self, n: i32) -> Option<i32> {
        if n > ymd(LAST_YEAR, 12, 31) {
            return None;
        }
        let (year, month, day) = civil(n.max(ymd(FIRST_YEAR, 1, 1)));
        if self.has_year(year) {
            if let Some((m, d)) = self.first_in_year(year, month, day) {
                return Some(ymd(year, m, d));
            }
        }
        let year = self.first_year(year + 1)?;
        let (m, d) = self.first_in_year(year, 1, 1)?;
        Some(ymd(year, m, d))
    }

    /// The last allowed day number at or before `n`: the mirror of
    /// [`Pattern::first_from`].
    pub(super) fn last_until(&self, n: i32) -> Option<i32> {
        if n < ymd(FIRST_YEAR, 1, 1) {
            return None;
        }
        let (year, month, day) = civil(n.min(ymd(LAST_YEAR, 12, 31)));
        if self.has_year(year) {
            if let Some((m, d)) = self.last_in_year(year, month, day) {
                return Some(ymd(year, m, d));
            }
        }
        let year = self.last_year(year - 1)?;
        let (m, d) = self.last_in_year(year, 12, 31)?;
        Some(ymd(year, m, d))
    }

    /// Whether the year's digits are allowed (it may still have no
    /// allowed day, for want of a 29 February).
    fn has_year(&self, year: i32) -> bool {
        let Ok(year) = u32::try_from(year) else {
            return false;
        };
        self.centuries & 1 << (year / 100 % 128) != 0 && self.years & 1 << (year % 100) != 0
    }

    /// The allowed days of a month of a year, as bits 1–31.
    fn days_in(&self, year: i32, month: u32) -> u32 {
        if month > 12 || self.months & 1 << month == 0 {
            return 0;
        }
        self.days & month_days(year, month)
    }

    /// The last two digits of the years of century `century` that may have
    /// an allowed day.
    fn years_of(&self, century: u32) -> u128 {
        if !self.leap_only {
            return self.years;
        }
        let hundredth = u128::from(century % 4 == 0);
        self.years & (LEAP_IN_EVERY_CENTURY | hundredth)
    }

    /// The first year at or after `from` whose digits are allowed and that
    /// has an allowed day. Each century is asked at most once, each with
    /// one mask operation: at most a hundred steps, most often one or two.
    fn first_year(&self, from: i32) -> Option<i32> {
        let from = u32::try_from(from.max(FIRST_YEAR)).ok()?;
        let (c0, r0) = (from / 100, from % 100);
        let mut century = first_bit(self.centuries, c0)?;
        loop {
            let start = if century == c0 { r0 } else { 0 };
            if let Some(r) = first_bit(self.years_of(century), start) {
                return i32::try_from(century * 100 + r).ok();
            }
            century = first_bit(self.centuries, century + 1)?;
        }
    }

    /// The last year at or before `to` whose digits are allowed and that
    /// has an allowed day: the mirror of [`Pattern::first_year`].
    fn last_year(&self, to: i32) -> Option<i32> {
        let to = u32::try_from(to.min(LAST_YEAR)).ok()?;
        let (c0, r0) = (to / 100, to % 100);
        let mut century = last_bit(self.centuries, c0)?;
        loop {
            let end = if century == c0 { r0 } else { 99 };
            if let Some(r) = last_bit(self.years_of(century), end) {
                return i32::try_from(century * 100 + r).ok();
            }
            century = last_bit(self.centuries, century.checked_sub(1)?)?;
        }
    }

    /// The first allowed month and day of `year` at or after `month`-`day`.
    fn first_in_year(&self, year: i32, month: u32, day: u32) -> Option<(u32, u32)> {
        if self.leap_only && !is_leap(year) {
            return None;
        }
        (month..=12).find_map(|m| {
            let from = if m == month { day.min(31) } else { 1 };
            let allowed = self.days_in(year, m) & u32::MAX << from;
            (allowed != 0).then(|| (m, allowed.trailing_zeros()))
        })
    }

    /// The last allowed month and day of `year` at or before `month`-`day`.
    fn last_in_year(&self, year: i32, month: u32, day: u32) -> Option<(u32, u32)> {
        if self.leap_only && !is_leap(year) {
            return None;
        }
        (1..=month.min(12)).rev().find_map(|m| {
            let to = if m == month { day.min(31) } else { 31 };
            let allowed = self.days_in(year, m) & u32::MAX >> (31 - to);
            (allowed != 0).then(|| (m, 31 - allowed.leading_zeros()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the digits and `X`s of `part` allow `value`, digit by
    /// digit, as the pattern's meaning says; an absent part allows all.
    fn allows(part: Option<&str>, value: i32) -> bool {
        let Some(part) = part else {
            return true;
        };
        let mut rest = value;
        part.bytes().rev().all(|p| {
            let digit = rest % 10;
            rest /= 10;
            p == b'X' || i32::from(p) - i32::from(b'0') == digit
        })
    }

    fn parts(text: &str) -> (&str, Option<&str>, Option<&str>) {
        let mut split = text.split('-');
        (split.next().unwrap_or(""), split.next(), split.next())
    }

    /// Every day of 0000–9999 the text allows, found by walking them all
    /// (a year, then a month, at a time, so that the walk takes seconds).
    fn walk(text: &str) -> Vec<i32> {
        let (year, month, day) = parts(text);
        let mut days = Vec::new();
        for y in (FIRST_YEAR..=LAST_YEAR).filter(|&y| allows(Some(year), y)) {
            for m in (1..=12).filter(|&m| allows(month, m)) {
                let last = i32::try_from(last_of_month(y, m as u32)).unwrap_or(0);
                for d in (1..=last).filter(|&d| allows(day, d)) {
                    days.push(ymd(y, m as u32, d as u32));
                }
            }
        }
        days
    }

    #[test]
    fn bits_are_found_on_both_sides_of_a_bound() {
        assert_eq!(first_bit(0b1010, 0), Some(1));
        assert_eq!(first_bit(0b1010, 2), Some(3));
        assert_eq!(first_bit(0b1010, 4), None);
        assert_eq!(first_bit(u128::MAX, 127), Some(127));
        assert_eq!(first_bit(u128::MAX, 128), None);
        assert_eq!(last_bit(0b1010, 127), Some(3));
        assert_eq!(last_bit(0b1010, 2), Some(1));
        assert_eq!(last_bit(0b1010, 0), None);
        assert_eq!(last_bit(u128::MAX, 500), Some(127));
        assert_eq!(month_days(2023, 2), 0x1fff_fffe);
        assert_eq!(month_days(2024, 2), 0x3fff_fffe);
        assert_eq!(month_days(2023, 12), u32::MAX - 1);
    }

    /// Patterns over all ten thousand years, sparse ones and ones that
    /// only leap years have: the first and last day from any day are those
    /// a walk over every day finds, and a pattern allows no day exactly
    /// when the walk finds none.
    #[test]
    fn first_and_last_days_are_those_a_walk_over_every_day_finds() {
        let texts = [
            "XXXX-12-25",
            // The first and the last day of the calendar are allowed.
            "XXXX-01-01",
            "XXXX-12-31",
            "XXXX-02-29",
            "XX00-02-29",
            "X1X2-02-29",
            "2XX4-X2-3X",
            "XXX7-0X-31",
            "1X0X",
            "XXXX-1X",
            "X9X9-X9-X9",
            // Allow no day: no leap year ends in 1 or is 100, 1100, …
            "XXX1-02-29",
            "X100-02-29",
            "XXXX-02-3X",
        ];
        let mut rng = 0x9e37_79b9_u32;
        for text in texts {
            let days = walk(text);
            let (year, month, day) = parts(text);
            let read = Pattern::new(year, month, day);
            let Ok((pattern, hull)) = read else {
                assert!(days.is_empty(), "{text}: {read:?} but {} days", days.len());
                assert_eq!(read.err(), Some(Nothing::Calendar), "{text}");
                continue;
            };
            assert_eq!(Some(&hull.first), days.first(), "{text}");
            assert_eq!(Some(&hull.last), days.last(), "{text}");
            for _ in 0..3000 {
                // A cheap generator (xorshift) over the days and a margin.
                rng ^= rng << 13;
                rng ^= rng >> 17;
                rng ^= rng << 5;
                let n = i32::try_from(rng % 3_660_000).unwrap_or(0) - 1000;
                let at = days.partition_point(|&d| d < n);
                assert_eq!(pattern.first_from(n), days.get(at).copied(), "{text} {n}");
                let at = days.partition_point(|&d| d <= n);
                let before = at.checked_sub(1).and_then(|i| days.get(i)).copied();
                assert_eq!(pattern.last_until(n), before, "{text} {n}");
            }
            // The edges of the calendar, which random days seldom hit.
            let (start, end) = (ymd(FIRST_YEAR, 1, 1), ymd(LAST_YEAR, 12, 31));
            for n in [start - 1, start, start + 1, end - 1, end, end + 1] {
                let at = days.partition_point(|&d| d < n);
                assert_eq!(pattern.first_from(n), days.get(at).copied(), "{text} {n}");
                let at = days.partition_point(|&d| d <= n);
                let before = at.checked_sub(1).and_then(|i| days.get(i)).copied();
                assert_eq!(pattern.last_until(n), before, "{text} {n}");
            }
            assert_eq!(pattern.first_from(i32::MAX), None);
            assert_eq!(pattern.last_until(i32::MIN), None);
        }
    }

    #[test]
    fn parts_that_allow_nothing_are_named() {
        assert_eq!(
            Pattern::new("2023", Some("3X"), None).err(),
            Some(Nothing::Month)
        );
        assert_eq!(
            Pattern::new("2023", Some("X5"), Some("4X")).err(),
            Some(Nothing::Day)
        );
        assert_eq!(
            Pattern::new("2023", Some("X5"), Some("00")).err(),
            Some(Nothing::Day)
        );
        assert_eq!(
            Pattern::new("2021", Some("02"), Some("3X")).err(),
            Some(Nothing::Calendar)
        );
    }

    #[test]
    fn the_days_two_patterns_share_are_their_intersection() {
        let read = |text| {
            let (year, month, day) = parts(text);
            Pattern::new(year, month, day).map(|(p, _)| p).ok()
        };
        let (Some(a), Some(b), Some(c)) =
            (read("2023-XX-03"), read("2023-05-XX"), read("2023-XX-04"))
        else {
            panic!("valid patterns");
        };
        let (_, both) = a.intersect(&b).expect("2023-05-03");
        assert_eq!((both.first, both.last), (ymd(2023, 5, 3), ymd(2023, 5, 3)));
        assert_eq!(a.intersect(&c), None);

        // Pairs that differ in each part (centuries, years, months, days):
        // the intersection's hull is that of the days both walks find, and
        // there is none exactly when they share no day.
        let texts = [
            "19X5-05-03",
            "20X5-05-03",
            "2X15-X5-0X",
            "X0X3-X5-0X",
            "20XX-1X-3X",
            "XXXX-02-29",
            "1X0X",
        ];
        let mut shared = 0;
        for (i, x) in texts.iter().enumerate() {
            for y in &texts[i..] {
                let (Some(p), Some(q)) = (read(x), read(y)) else {
                    panic!("valid patterns: {x}, {y}");
                };
                let theirs = walk(y);
                let common: Vec<i32> = walk(x)
                    .into_iter()
                    .filter(|n| theirs.binary_search(n).is_ok())
                    .collect();
                let hull = p.intersect(&q).map(|(_, hull)| (hull.first, hull.last));
                let walked = common.first().zip(common.last()).map(|(&f, &l)| (f, l));
                assert_eq!(hull, walked, "{x} and {y}");
                shared += usize::from(walked.is_some());
            }
        }
        // Both answers occur.
        assert!(shared > texts.len() && shared < texts.len() * (texts.len() + 1) / 2);
    }
}
