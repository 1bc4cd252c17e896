//! How a [`Date`] is stored: its first and last candidate day numbers, and
//! for the few dates that are not plain, their text and what cannot be read
//! back from their days.
//!
//! Most dates are plain (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, no qualifier):
//! their text and precision follow from their days, so they take 16 bytes
//! and no allocation, and so does an `Option<Date>`. An entity holds up to
//! four dates and a registry many entities, so the size is worth keeping.
//!
//! A list keeps its alternatives, and a date with unspecified digits
//! anywhere (`1971-XX-03`) its pattern, out of line with the text: the
//! first and last days are the hull of their candidates, which the indexes
//! read, and the date is asked for the days between.

use std::cmp::Ordering;
use std::num::NonZeroU32;

use compact_str::CompactString;

use super::calendar::civil;
use super::{Alternative, Date, Precision, Qualifier, Span};

/// The latest candidate day number, kept with a niche so that `Option<Date>`
/// is as small as a date: stored with its sign bit flipped, which is zero
/// only for `i32::MIN`, never a latest day (the open start is only ever an
/// earliest day).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Latest(NonZeroU32);

impl Latest {
    const FLIP: u32 = 1 << 31;

    pub(super) fn new(day: i32) -> Latest {
        // `i32::MIN` has no room: it is kept as the next number, which
        // also lies before every real day.
        let flipped = u32::from_ne_bytes(day.to_ne_bytes()) ^ Latest::FLIP;
        Latest(NonZeroU32::new(flipped).unwrap_or(NonZeroU32::MIN))
    }

    pub(super) fn get(self) -> i32 {
        i32::from_ne_bytes((self.0.get() ^ Latest::FLIP).to_ne_bytes())
    }
}

/// A date that is not plain: its text as written in canonical form, and
/// what cannot be read back from its days.
#[derive(Clone)]
pub(super) struct Long {
    pub(super) text: CompactString,
    /// The alternatives of a list (`[a,b]`), or the one pattern of a date
    /// with unspecified digits (`1971-XX-03`); empty for a single range.
    pub(super) alternatives: Box<[Alternative]>,
    pub(super) precision: Option<Precision>,
    pub(super) qualifier: Option<Qualifier>,
}

/// The canonical text of a date, borrowed or, for a plain date, written out
/// from its days.
pub(super) enum Text<'a> {
    Long(&'a str),
    Plain { bytes: [u8; 10], len: u8 },
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Long(text) => text,
            Text::Plain { bytes, len } => bytes
                .get(..usize::from(*len))
                .and_then(|t| std::str::from_utf8(t).ok())
                .unwrap_or_default(),
        }
    }
}

impl Date {
    /// A date from its canonical text and what was read from it;
    /// `alternatives` lists those of a list, or holds the one pattern of a
    /// date with unspecified digits, and is empty for a single range.
    pub(super) fn of_parts(
        text: &str,
        alternatives: Box<[Alternative]>,
        hull: Span,
        precision: Option<Precision>,
        qualifier: Option<Qualifier>,
    ) -> Date {
        // A precision with its text's length pins the form: a year of four
        // characters has no unspecified digit (`202X` is a decade), a month
        // of seven none either (`2023-XX` is a year), nor a day of ten.
        let plain = alternatives.is_empty()
            && qualifier.is_none()
            && matches!(
                (precision, text.len()),
                (Some(Precision::Year), 4)
                    | (Some(Precision::Month), 7)
                    | (Some(Precision::Day), 10)
            );
        let long = (!plain).then(|| {
            Box::new(Long {
                text: CompactString::new(text),
                alternatives,
                precision,
                qualifier,
            })
        });
        Date::of_days(hull, long)
    }

    /// A date of the days `hull`, plain unless `long` keeps its text.
    pub(super) fn of_days(hull: Span, long: Option<Box<Long>>) -> Date {
        Date {
            earliest: hull.first,
            latest: Latest::new(hull.last),
            long,
        }
    }

    /// Whether two dates with the same days have the same text: two plain
    /// ones always do.
    pub(super) fn same_text(&self, other: &Date) -> bool {
        self.text_cmp(other) == Ordering::Equal
    }

    /// The order of the texts of two dates with the same days.
    pub(super) fn text_cmp(&self, other: &Date) -> Ordering {
        match (&self.long, &other.long) {
            (None, None) => Ordering::Equal,
            _ => self.text().cmp(&other.text()),
        }
    }

    /// The precision of a plain date, read from its days: one day, one
    /// whole month or one whole year.
    pub(super) fn plain_precision(&self) -> Precision {
        let latest = self.latest.get();
        if self.earliest == latest {
            return Precision::Day;
        }
        // A month spans at most 31 days, a year at least 365.
        if latest - self.earliest >= 364 {
            Precision::Year
        } else {
            Precision::Month
        }
    }

    /// The canonical text.
    pub(super) fn text(&self) -> Text<'_> {
        if let Some(long) = &self.long {
            return Text::Long(&long.text);
        }
        let mut bytes = [b'0'; 10];
        let (year, month, day) = civil(self.earliest);
        let digits = |out: &mut [u8], mut n: u32| {
            for b in out.iter_mut().rev() {
                // A digit: `n % 10` is below ten.
                *b = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        digits(&mut bytes[..4], u32::try_from(year).unwrap_or(0));
        bytes[4] = b'-';
        digits(&mut bytes[5..7], month);
        bytes[7] = b'-';
        digits(&mut bytes[8..], day);
        let len = match self.plain_precision() {
            Precision::Year => 4,
            Precision::Month => 7,
            _ => 10,
        };
        Text::Plain { bytes, len }
    }

    /// The first and last candidate days, as inclusive day numbers; open
    /// ends are `i32::MIN` and `i32::MAX`.
    pub(super) fn hull(&self) -> Span {
        Span {
            first: self.earliest,
            last: self.latest.get(),
        }
    }

    /// The candidate days as alternatives: those of a list or pattern, or
    /// the hull of any other date.
    pub(super) fn candidates(&self) -> impl Iterator<Item = Alternative> + '_ {
        let alternatives = self.alternatives();
        let single = alternatives.is_empty().then(|| Alternative {
            span: self.hull(),
            pattern: None,
        });
        single.into_iter().chain(alternatives.iter().copied())
    }

    /// The alternatives of a list, or the one pattern of a date with
    /// unspecified digits; empty for a single range.
    pub(super) fn alternatives(&self) -> &[Alternative] {
        self.long.as_ref().map_or(&[], |long| &long.alternatives)
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{Hash, Hasher};

    use chrono::NaiveDate;

    use super::super::DateErrorKind;
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// An entity holds up to four dates, present or not: each is 16 bytes.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn dates_are_small() {
        assert_eq!(std::mem::size_of::<Date>(), 16);
        assert_eq!(std::mem::size_of::<Option<Date>>(), 16);
    }
    /// Plain dates, whose text is written out from their days, and dates
    /// that keep their text read, write, compare and hash alike.
    #[test]
    fn plain_and_long_forms_answer_alike() {
        let plain = [
            "0000",
            "0000-12-31",
            "2023",
            "2024-02",
            "2024-02-29",
            "9999-12-31",
        ];
        let kept = [
            "2023-XX",
            "2023-05-XX",
            "202X",
            "2023-33",
            "2023-05-01?",
            "2023-05-01%",
            "[..2003-11-03]",
            "[2021-01..2021-03]",
            "[2021,2023-05~]",
            "[2021,2023]",
            "1971-XX-03",
            "XXXX-12-25~",
            "[1971-XX-03,2023]",
        ];
        for &text in plain.iter().chain(&kept) {
            let date = d(text);
            assert_eq!(date.to_string(), text);
            assert_eq!(format!("{date:?}"), format!("Date({text})"));
            assert_eq!(d(&date.to_string()), date);
            assert_eq!(date.long.is_none(), plain.contains(&text), "{text}");
            let mut hasher = std::hash::DefaultHasher::new();
            date.hash(&mut hasher);
            let mut by_text = std::hash::DefaultHasher::new();
            text.hash(&mut by_text);
            assert_eq!(hasher.finish(), by_text.finish(), "{text}");
        }
        // A point in brackets is the point itself, plain as well.
        assert!(d("[2023-05]").long.is_none());
        assert_eq!(d("[2023-05]"), d("2023-05"));
        // Ranges and lists need their brackets.
        for text in ["2021..2023", "..2023", "2021,2023"] {
            let err = Date::parse(text).expect_err(text);
            assert_eq!(err.kind(), DateErrorKind::Syntax, "{text}");
            assert!(err.to_string().contains("in brackets"), "{err}");
        }
        // The same days written differently are different dates, ordered by
        // their text; a plain date reads its precision from its days.
        for (a, b) in [
            ("2023", "2023-XX"),
            ("2023-05", "2023-05-XX"),
            ("2023-05-01", "2023-05-01?"),
        ] {
            assert_ne!(d(a), d(b));
            assert_eq!(d(a).cmp(&d(b)), a.cmp(b), "{a} {b}");
            assert_eq!(d(b).cmp(&d(a)), b.cmp(a), "{a} {b}");
            assert_eq!(d(a).precision(), d(b).precision(), "{a} {b}");
        }
        assert_eq!(Latest::new(i32::MIN).get(), i32::MIN + 1);
        for n in [i32::MIN + 1, -365, 0, 1, 738_000, i32::MAX] {
            assert_eq!(Latest::new(n).get(), n);
        }
        // A list short enough to be written in place keeps its alternatives.
        let list = d("[2021,2023]");
        assert!(list.is_list());
        let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("a day");
        assert!(!list.possibly_on(day(2022, 6, 1)));
        assert!(list.possibly_on(day(2023, 6, 1)));
        assert_ne!(d("2023-05-01?"), d("2023-05-01%"));
        // Equal ranges order by their text.
        assert!(d("2023-05-01%") < d("2023-05-01?"));
    }
}
