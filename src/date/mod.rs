//! Dates that say only what the source says.
//!
//! Every date field names one day that may be known only roughly. A [`Date`]
//! is that day's set of candidates, written in EDTF (the Extended Date/Time
//! Format of ISO 8601-2):
//!
//! | text | meaning |
//! | --- | --- |
//! | `2023-08-06` | that day |
//! | `2023-09` | some day in September 2023 |
//! | `2025` | some day in 2025 |
//! | `2022-33` … `2022-36` | some day in the first … fourth quarter |
//! | `2022-37` … `2022-39` | some day in the first … third four-month period |
//! | `2022-40`, `2022-41` | some day in the first or second half of the year |
//! | `2020-XX`, `202X`, `2020-05-XX` | unspecified digits: the range they span |
//! | `[..2023-08-06]` | some day no later than 6 August 2023 |
//! | `[2023-09-01..]` | some day no earlier than 1 September 2023 |
//! | `[2023-01..2023-03]` | some day between January and March 2023 |
//! | `[2023-06-23,2023-06-30]` | one of the listed days (sources disagree) |
//! | `2023-08?`, `2023-08~`, `2023-08%` | uncertain, approximate, both |
//!
//! The interval forms `../X`, `X/..` and `A/B` are read as `[..X]`, `[X..]`
//! and `[A..B]`; a date is always written back in the bracket form, with list
//! members sorted and repeated members dropped, so that equal dates have equal
//! text. Qualifiers are kept and reported ([`Date::qualifier`]) but do not
//! widen the range: a query decides whether to trust them.
//!
//! # Possibly and certainly
//!
//! A date is *possibly* in a [`Window`] when one of its candidate days is in
//! it, and *certainly* in it when all of them are. The same pair of words is
//! used for `before`, `after` and `on` a day.
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::{Date, Window};
//!
//! let review = Date::parse("[..2023-08-06]")?;
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(review.certainly_before(day(2023, 8, 7)));
//! assert!(review.possibly_within(&Window::of(&Date::year(2023)?)));
//! assert!(!review.certainly_within(&Window::of(&Date::year(2023)?)));
//! # Ok::<(), pactum::DateError>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Day number of an open start: before every real day.
const OPEN_START: i32 = i32::MIN;
/// Day number of an open end: after every real day.
const OPEN_END: i32 = i32::MAX;

/// The longest date text accepted; real dates are far shorter, and a bound
/// keeps error messages and work on hostile input small.
const MAX_LEN: usize = 512;

/// How finely a single date point is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Precision {
    /// A calendar day: `2023-08-06`.
    Day,
    /// A month, or a day with unspecified digits: `2023-09`, `2023-09-XX`.
    Month,
    /// A quarter of a year: `2023-33` … `2023-36`.
    Quarter,
    /// A four-month period: `2023-37` … `2023-39`.
    Quadrimester,
    /// A half year: `2022-40`, `2022-41`.
    Half,
    /// A year, or a month with unspecified digits: `2025`, `2020-XX`.
    Year,
    /// A decade: `202X`.
    Decade,
    /// A century: `20XX`.
    Century,
    /// A millennium: `2XXX`.
    Millennium,
}

/// An EDTF qualifier: how far the source itself trusts a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Qualifier {
    /// `?`: the source is unsure of the value.
    Uncertain,
    /// `~`: the value is an approximation.
    Approximate,
    /// `%`: both uncertain and approximate.
    UncertainApproximate,
}

impl Qualifier {
    /// The EDTF symbol: `?`, `~` or `%`.
    pub fn symbol(self) -> char {
        match self {
            Qualifier::Uncertain => '?',
            Qualifier::Approximate => '~',
            Qualifier::UncertainApproximate => '%',
        }
    }

    fn from_symbol(c: char) -> Option<Self> {
        match c {
            '?' => Some(Qualifier::Uncertain),
            '~' => Some(Qualifier::Approximate),
            '%' => Some(Qualifier::UncertainApproximate),
            _ => None,
        }
    }

    /// Whether the source is unsure of the value (`?` or `%`).
    pub fn is_uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::UncertainApproximate)
    }

    /// Whether the value is an approximation (`~` or `%`).
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::UncertainApproximate
        )
    }

    fn join(a: Option<Self>, b: Option<Self>) -> Option<Self> {
        let uncertain = a.is_some_and(Self::is_uncertain) || b.is_some_and(Self::is_uncertain);
        let approximate =
            a.is_some_and(Self::is_approximate) || b.is_some_and(Self::is_approximate);
        match (uncertain, approximate) {
            (true, true) => Some(Qualifier::UncertainApproximate),
            (true, false) => Some(Qualifier::Uncertain),
            (false, true) => Some(Qualifier::Approximate),
            (false, false) => None,
        }
    }
}

/// What is wrong with a date text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateErrorKind {
    /// The text is empty or only blanks.
    Empty,
    /// The text is not EDTF: a misplaced character, a missing part.
    Syntax,
    /// A year outside `0000`–`9999`.
    Year,
    /// A month (or season code) that does not exist or is not supported.
    Month,
    /// A day that the month does not have.
    Day,
    /// Unspecified digits (`X`) that are not trailing.
    Unspecified,
    /// A range or window whose end is before its start.
    Reversed,
    /// EDTF that pactum does not model (all-of sets, times, long years).
    Unsupported,
}

/// A text that is not a valid date, or a window whose end precedes its start.
///
/// The message quotes the text and says what was expected:
///
/// ```
/// let err = pactum::Date::parse("2023-13").unwrap_err();
/// assert_eq!(err.kind(), pactum::DateErrorKind::Month);
/// assert_eq!(
///     err.to_string(),
///     r#"invalid date "2023-13": month 13 does not exist: expected 01-12, a quarter 33-36, a four-month period 37-39 or a half 40-41"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {text:?}: {detail}")]
pub struct DateError {
    kind: DateErrorKind,
    text: Box<str>,
    detail: Box<str>,
}

impl DateError {
    fn new(kind: DateErrorKind, text: &str, detail: impl Into<String>) -> Self {
        DateError {
            kind,
            text: crate::error::shorten(text).into_boxed_str(),
            detail: detail.into().into_boxed_str(),
        }
    }

    /// What kind of mistake the text has.
    pub fn kind(&self) -> DateErrorKind {
        self.kind
    }

    /// The rejected text (cut short if very long).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// One candidate range of days, as day numbers from the common era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Span {
    first: i32,
    last: i32,
}

impl Span {
    fn overlaps(self, from: i32, to: i32) -> bool {
        self.first <= to && self.last >= from
    }

    fn inside(self, from: i32, to: i32) -> bool {
        self.first >= from && self.last <= to
    }
}

/// A parsed point: `2023-08-06`, `2023-41?`, `202X`.
#[derive(Debug, Clone)]
struct Point {
    span: Span,
    precision: Precision,
    qualifier: Option<Qualifier>,
}

/// The day that a date field names, known as precisely as its sources allow.
///
/// A `Date` is valid by construction: [`Date::parse`], [`FromStr`] and
/// `Deserialize` accept the same texts, and `Display`/`Serialize` write the
/// canonical form, which parses back to an equal date.
///
/// # Order
///
/// Dates are ordered by their sort day (the earliest candidate; for an open
/// start, the latest), then by the latest candidate, then by their text. So
/// `2023` sorts before `2023-01-01`'s successor days but after `2022-12-31`,
/// and `[..2023-08-06]` sorts on 6 August 2023.
#[derive(Clone)]
pub struct Date {
    earliest: i32,
    latest: Latest,
    /// `None` for a plain date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, no
    /// qualifier), whose text and precision follow from its days; anything
    /// else keeps its text here. Most dates are plain, so most take 16
    /// bytes and no allocation, and so does an `Option<Date>`.
    long: Option<Box<Long>>,
}

/// The latest candidate day number, kept with a niche so that `Option<Date>`
/// is as small as a date: stored with its sign bit flipped, which is zero
/// only for `i32::MIN`, never a latest day (the open start is only ever an
/// earliest day).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Latest(std::num::NonZeroU32);

impl Latest {
    const FLIP: u32 = 1 << 31;

    fn new(day: i32) -> Latest {
        // `i32::MIN` has no room: it is kept as the next number, which
        // also lies before every real day.
        let flipped = u32::from_ne_bytes(day.to_ne_bytes()) ^ Latest::FLIP;
        Latest(std::num::NonZeroU32::new(flipped).unwrap_or(std::num::NonZeroU32::MIN))
    }

    fn get(self) -> i32 {
        i32::from_ne_bytes((self.0.get() ^ Latest::FLIP).to_ne_bytes())
    }
}

/// A date that is not plain: its text as written in canonical form, and
/// what cannot be read back from its days.
#[derive(Clone)]
struct Long {
    text: CompactString,
    /// The candidate ranges of a list (`[a,b]`); empty for a single range.
    spans: Box<[Span]>,
    precision: Option<Precision>,
    qualifier: Option<Qualifier>,
}

/// The canonical text of a date, borrowed or, for a plain date, written out
/// from its days.
enum Text<'a> {
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

fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

fn from_day_number(n: i32) -> Option<NaiveDate> {
    if n == OPEN_START || n == OPEN_END {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// The day number (as [`day_number`] counts: 0001-01-01 is day 1) of a
/// valid day of the proleptic Gregorian calendar, by arithmetic: reading a
/// date computes two of these.
fn ymd(year: i32, month: u32, day: u32) -> i32 {
    // Years counted from March put the leap day at the end of the year;
    // 400 years always have 146,097 days.
    let (year, month) = if month <= 2 {
        (year - 1, month as i32 + 9)
    } else {
        (year, month as i32 - 3)
    };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * month + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 305
}

/// The year, month and day of a day number, by arithmetic: the inverse of
/// [`ymd`], for writing a plain date's text.
fn civil(n: i32) -> (i32, u32, u32) {
    let z = n + 305;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months counted from March, as in `ymd`.
    let month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month + 2) / 5 + 1;
    let month = if month < 10 { month + 3 } else { month - 9 };
    let year = era * 400 + year_of_era + i32::from(month <= 2);
    (year, month as u32, day as u32)
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn last_of_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_span(year: i32, first_month: u32, last_month: u32) -> Span {
    Span {
        first: ymd(year, first_month, 1),
        last: ymd(year, last_month, last_of_month(year, last_month)),
    }
}

/// The span and precision of the most common dates, a valid `YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD` in digits, read in one pass; `None` for any
/// other text, which [`parse_point`] reads in full (and explains when it
/// is wrong).
fn plain_point(body: &str) -> Option<(Span, Precision)> {
    let bytes = body.as_bytes();
    let number = |at: usize, len: usize| -> Option<u32> {
        bytes.get(at..at + len)?.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    let dash = |at: usize| bytes.get(at) == Some(&b'-');
    match bytes.len() {
        4 => Some((month_span(year, 1, 12), Precision::Year)),
        7 if dash(4) => {
            let month = number(5, 2).filter(|m| (1..=12).contains(m))?;
            Some((month_span(year, month, month), Precision::Month))
        }
        10 if dash(4) && dash(7) => {
            let month = number(5, 2).filter(|m| (1..=12).contains(m))?;
            let day = number(8, 2).filter(|&d| d >= 1 && d <= last_of_month(year, month))?;
            let n = ymd(year, month, day);
            Some((Span { first: n, last: n }, Precision::Day))
        }
        _ => None,
    }
}

fn parse_point(whole: &str, text: &str) -> Result<Point, DateError> {
    let err = |kind, detail: String| DateError::new(kind, whole, detail);
    let (body, qualifier) = match text.chars().last().and_then(Qualifier::from_symbol) {
        Some(q) => (&text[..text.len() - 1], Some(q)),
        None => (text, None),
    };
    if body.is_empty() {
        return Err(err(
            DateErrorKind::Syntax,
            format!(
                "{text:?} has no date before its qualifier: expected YYYY, YYYY-MM or YYYY-MM-DD"
            ),
        ));
    }
    match plain_point(body) {
        Some((span, precision)) => Ok(Point {
            span,
            precision,
            qualifier,
        }),
        None => full_point(whole, body, qualifier),
    }
}

/// Reads a point whose qualifier is already split off: every form, with a
/// message for what is wrong.
fn full_point(whole: &str, body: &str, qualifier: Option<Qualifier>) -> Result<Point, DateError> {
    let err = |kind, detail: String| DateError::new(kind, whole, detail);
    if body.contains(['T', ':', ' ']) {
        return Err(err(
            DateErrorKind::Unsupported,
            "times of day are not recorded: expected a calendar date such as 2023-08-06".into(),
        ));
    }
    if body.starts_with(['-', 'Y', 'y']) || body.contains('E') {
        return Err(err(
            DateErrorKind::Unsupported,
            "negative, long and exponent years are not supported: expected a four-digit year 0000-9999".into(),
        ));
    }
    let mut split = [""; 3];
    let mut count = 0;
    for part in body.split('-') {
        let Some(slot) = split.get_mut(count) else {
            return Err(err(
                DateErrorKind::Syntax,
                format!("{body:?} has too many parts: expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ));
        };
        *slot = part;
        count += 1;
    }
    let parts = &split[..count];
    let shape_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'X');
    let year_text = parts[0];
    if year_text.len() != 4 || !shape_ok(year_text) {
        return Err(err(
            DateErrorKind::Syntax,
            format!("year {year_text:?} is not four digits: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ));
    }
    for (i, part) in parts.iter().enumerate().skip(1) {
        if part.len() != 2 || !shape_ok(part) {
            let what = if i == 1 { "month" } else { "day" };
            return Err(err(
                DateErrorKind::Syntax,
                format!("{what} {part:?} is not two digits: expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ));
        }
    }
    // Unspecified digits must be trailing: once an X appears, every later
    // digit of the whole date must be an X too.
    let mut digits = parts.iter().flat_map(|p| p.bytes());
    if let Some(first_x) = digits.clone().position(|b| b == b'X') {
        if digits.nth(first_x).is_some() && digits.any(|b| b != b'X') {
            return Err(err(
                DateErrorKind::Unspecified,
                format!("{body:?} has a digit after an unspecified one: expected X only as trailing digits"),
            ));
        }
        if first_x == 0 {
            return Err(err(
                DateErrorKind::Unspecified,
                "a wholly unspecified year says nothing: expected at least the first digit of the year".into(),
            ));
        }
    }
    let point = |span, precision| Point {
        span,
        precision,
        qualifier,
    };
    let xs = year_text.bytes().filter(|&b| b == b'X').count();
    if xs > 0 {
        if parts.len() > 1 {
            return Err(err(
                DateErrorKind::Unspecified,
                format!("{body:?} has a month or day after an unspecified year: expected X only as trailing digits"),
            ));
        }
        let known: i32 = year_text[..4 - xs].parse().unwrap_or(0);
        let width = 10_i32.pow(xs as u32);
        let first = known * width;
        let precision = match xs {
            1 => Precision::Decade,
            2 => Precision::Century,
            _ => Precision::Millennium,
        };
        return Ok(point(
            Span {
                first: ymd(first, 1, 1),
                last: ymd(first + width - 1, 12, 31),
            },
            precision,
        ));
    }
    let year: i32 = year_text.parse().unwrap_or(0);
    let Some(month_text) = parts.get(1) else {
        return Ok(point(month_span(year, 1, 12), Precision::Year));
    };
    if *month_text == "XX" {
        if parts.len() > 2 {
            return Err(err(
                DateErrorKind::Unspecified,
                format!("{body:?} has a day after an unspecified month: expected X only as trailing digits"),
            ));
        }
        return Ok(point(month_span(year, 1, 12), Precision::Year));
    }
    let month: u32 = month_text.parse().unwrap_or(0);
    let season = |first, last, precision| -> Result<Point, DateError> {
        if parts.len() > 2 {
            return Err(err(
                DateErrorKind::Syntax,
                format!("{body:?} has a day after a season: expected YYYY-SS"),
            ));
        }
        Ok(point(month_span(year, first, last), precision))
    };
    match month {
        1..=12 => {}
        21..=24 => {
            return Err(err(
                DateErrorKind::Month,
                format!(
                    "season {month} means different months in each hemisphere: expected a quarter 33-36, a four-month period 37-39 or a half 40-41"
                ),
            ))
        }
        33..=36 => {
            let q = month - 33;
            return season(q * 3 + 1, q * 3 + 3, Precision::Quarter);
        }
        37..=39 => {
            let q = month - 37;
            return season(q * 4 + 1, q * 4 + 4, Precision::Quadrimester);
        }
        40 | 41 => {
            let h = month - 40;
            return season(h * 6 + 1, h * 6 + 6, Precision::Half);
        }
        _ => {
            return Err(err(
                DateErrorKind::Month,
                format!(
                    "month {month_text} does not exist: expected 01-12, a quarter 33-36, a four-month period 37-39 or a half 40-41"
                ),
            ))
        }
    }
    let Some(day_text) = parts.get(2) else {
        return Ok(point(month_span(year, month, month), Precision::Month));
    };
    if *day_text == "XX" {
        return Ok(point(month_span(year, month, month), Precision::Month));
    }
    let day: u32 = day_text.parse().unwrap_or(0);
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => Ok(point(
            Span {
                first: day_number(d),
                last: day_number(d),
            },
            Precision::Day,
        )),
        None => Err(err(
            DateErrorKind::Day,
            format!(
                "day {day_text} does not exist in {year:04}-{month:02}: expected 01-{:02}",
                last_of_month(year, month)
            ),
        )),
    }
}

/// A member of a bracket list: a point, or a range with possibly open ends.
struct Member {
    text: String,
    span: Span,
    point: Option<Point>,
}

fn parse_member(whole: &str, text: &str) -> Result<Member, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::new(
            DateErrorKind::Syntax,
            whole,
            "a list has an empty member: expected dates separated by commas",
        ));
    }
    let Some((a, b)) = text.split_once("..") else {
        let p = parse_point(whole, text)?;
        return Ok(Member {
            text: text.to_owned(),
            span: p.span,
            point: Some(p),
        });
    };
    let a = a.trim();
    let b = b.trim();
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Err(DateError::new(
            DateErrorKind::Syntax,
            whole,
            "\"..\" needs a date on at least one side: expected ..X, X.. or A..B",
        )),
        (true, false) => {
            let end = parse_point(whole, b)?;
            Ok(Member {
                text: format!("..{b}"),
                span: Span {
                    first: OPEN_START,
                    last: end.span.last,
                },
                point: None,
            })
        }
        (false, true) => {
            let start = parse_point(whole, a)?;
            Ok(Member {
                text: format!("{a}.."),
                span: Span {
                    first: start.span.first,
                    last: OPEN_END,
                },
                point: None,
            })
        }
        (false, false) => {
            let start = parse_point(whole, a)?;
            let end = parse_point(whole, b)?;
            if end.span.last < start.span.first {
                return Err(DateError::new(
                    DateErrorKind::Reversed,
                    whole,
                    format!(
                        "range {a}..{b} ends before it starts: expected the earlier date first"
                    ),
                ));
            }
            Ok(Member {
                text: format!("{a}..{b}"),
                span: Span {
                    first: start.span.first,
                    last: end.span.last,
                },
                point: None,
            })
        }
    }
}

impl Date {
    /// Parses an EDTF date (see the [module docs](self) for the forms).
    ///
    /// # Errors
    ///
    /// A [`DateError`] quoting the text and saying what was expected.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Precision};
    ///
    /// let half = Date::parse("2022-41")?;
    /// assert_eq!(half.precision(), Some(Precision::Half));
    /// assert_eq!(half.earliest().unwrap().to_string(), "2022-07-01");
    /// assert_eq!(half.latest().unwrap().to_string(), "2022-12-31");
    ///
    /// // Intervals are read as ranges and written back in bracket form.
    /// assert_eq!(Date::parse("../2023-08-06")?.to_string(), "[..2023-08-06]");
    /// assert!(Date::parse("2022-21").is_err());
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        // Most dates are plain (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): read in
        // one pass, with nothing to keep but their days.
        if let Some((span, _)) = plain_point(text) {
            return Ok(Date::of_days(span, None));
        }
        if text.trim().is_empty() {
            return Err(DateError::new(
                DateErrorKind::Empty,
                text,
                "the text is empty: expected an EDTF date such as 2023-08-06",
            ));
        }
        if text.len() > MAX_LEN {
            return Err(DateError::new(
                DateErrorKind::Syntax,
                text,
                format!(
                    "the text is {} bytes long: expected at most {MAX_LEN}",
                    text.len()
                ),
            ));
        }
        if text != text.trim() {
            return Err(DateError::new(
                DateErrorKind::Syntax,
                text,
                "the text has leading or trailing blanks: expected the date alone",
            ));
        }
        if text.starts_with('{') {
            return Err(DateError::new(
                DateErrorKind::Unsupported,
                text,
                "an all-of set names several days, a date names one: expected a one-of list [a,b]",
            ));
        }
        if let Some(inner) = text.strip_prefix('[') {
            let Some(inner) = inner.strip_suffix(']') else {
                return Err(DateError::new(
                    DateErrorKind::Syntax,
                    text,
                    "a list opened with [ is not closed: expected ] at the end",
                ));
            };
            let members = inner
                .split(',')
                .map(|m| parse_member(text, m))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Date::from_members(members));
        }
        if let Some((a, b)) = text.split_once('/') {
            let member = match (a, b) {
                ("..", "..") | ("", _) | (_, "") => {
                    return Err(DateError::new(
                        DateErrorKind::Syntax,
                        text,
                        "an interval needs a date on at least one side and \"..\" for an open side: expected ../X, X/.. or A/B",
                    ))
                }
                ("..", b) => format!("..{b}"),
                (a, "..") => format!("{a}.."),
                (a, b) => format!("{a}..{b}"),
            };
            return Ok(Date::from_members(vec![parse_member(text, &member)?]));
        }
        if text.contains("..") || text.contains(',') {
            return Err(DateError::new(
                DateErrorKind::Syntax,
                text,
                "a range or list must be in brackets: expected [..X], [X..], [A..B] or [a,b]",
            ));
        }
        // The common case: one point, its text kept as written (it is
        // already trimmed), with no list of members to build.
        let point = parse_point(text, text)?;
        Ok(Date::of_parts(
            text,
            Box::default(),
            point.span,
            Some(point.precision),
            point.qualifier,
        ))
    }

    /// A date from its canonical text and what was read from it; `spans`
    /// lists the alternatives of a list, and is empty for a single range.
    fn of_parts(
        text: &str,
        spans: Box<[Span]>,
        hull: Span,
        precision: Option<Precision>,
        qualifier: Option<Qualifier>,
    ) -> Date {
        // A precision with its text's length pins the form: a year of four
        // characters has no unspecified digit (`202X` is a decade), a month
        // of seven none either (`2023-XX` is a year), nor a day of ten.
        let plain = spans.is_empty()
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
                spans,
                precision,
                qualifier,
            })
        });
        Date::of_days(hull, long)
    }

    /// A date of the days `hull`, plain unless `long` keeps its text.
    fn of_days(hull: Span, long: Option<Box<Long>>) -> Date {
        Date {
            earliest: hull.first,
            latest: Latest::new(hull.last),
            long,
        }
    }

    /// Whether two dates with the same days have the same text: two plain
    /// ones always do.
    fn same_text(&self, other: &Date) -> bool {
        self.text_cmp(other) == Ordering::Equal
    }

    /// The order of the texts of two dates with the same days.
    fn text_cmp(&self, other: &Date) -> Ordering {
        match (&self.long, &other.long) {
            (None, None) => Ordering::Equal,
            _ => self.text().cmp(&other.text()),
        }
    }

    /// The precision of a plain date, read from its days: one day, one
    /// whole month or one whole year.
    fn plain_precision(&self) -> Precision {
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
    fn text(&self) -> Text<'_> {
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

    fn from_members(mut members: Vec<Member>) -> Date {
        members.sort_by(|a, b| {
            (a.span.first, a.span.last, &a.text).cmp(&(b.span.first, b.span.last, &b.text))
        });
        members.dedup_by(|a, b| a.text == b.text);
        let earliest = members
            .iter()
            .map(|m| m.span.first)
            .min()
            .unwrap_or(OPEN_START);
        let latest = members
            .iter()
            .map(|m| m.span.last)
            .max()
            .unwrap_or(OPEN_END);
        let qualifier = members
            .iter()
            .filter_map(|m| m.point.as_ref())
            .fold(None, |q, p| Qualifier::join(q, p.qualifier));
        let single_point = matches!(members.as_slice(), [Member { point: Some(_), .. }]);
        let (text, precision, spans) = if single_point {
            // The common case: one point, no list to keep.
            let precision = members
                .first()
                .and_then(|m| m.point.as_ref())
                .map(|p| p.precision);
            let text = members.pop().map(|m| m.text).unwrap_or_default();
            (text, precision, Box::default())
        } else {
            let inner: Vec<&str> = members.iter().map(|m| m.text.as_str()).collect();
            let spans = if members.len() > 1 {
                members.iter().map(|m| m.span).collect()
            } else {
                Box::default()
            };
            (format!("[{}]", inner.join(",")), None, spans)
        };
        let hull = Span {
            first: earliest,
            last: latest,
        };
        Date::of_parts(&text, spans, hull, precision, qualifier)
    }

    /// The date of one known day.
    ///
    /// # Errors
    ///
    /// A [`DateError`] of kind [`DateErrorKind::Year`] for a day outside the
    /// years 0000–9999, which the data format cannot write.
    ///
    /// # Example
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 26).unwrap();
    /// assert_eq!(pactum::Date::day(day)?.to_string(), "2024-03-26");
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn day(day: NaiveDate) -> Result<Date, DateError> {
        if !(0..=9999).contains(&day.year()) {
            return Err(DateError::new(
                DateErrorKind::Year,
                &day.to_string(),
                "expected a day in the years 0000-9999",
            ));
        }
        Date::parse(&day.format("%Y-%m-%d").to_string())
    }

    /// Some day in a year.
    ///
    /// # Errors
    ///
    /// A [`DateError`] of kind [`DateErrorKind::Year`] for years outside
    /// 0–9999.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(pactum::Date::year(2025)?.to_string(), "2025");
    /// assert!(pactum::Date::year(12_025).is_err());
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn year(year: i32) -> Result<Date, DateError> {
        if !(0..=9999).contains(&year) {
            return Err(DateError::new(
                DateErrorKind::Year,
                &year.to_string(),
                "expected a year 0000-9999",
            ));
        }
        Date::parse(&format!("{year:04}"))
    }

    /// Some day in a month.
    ///
    /// # Errors
    ///
    /// A [`DateError`] for years outside 0–9999 or months outside 1–12.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(pactum::Date::month(2023, 9)?.to_string(), "2023-09");
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<Date, DateError> {
        let text = format!("{year:04}-{month:02}");
        if !(0..=9999).contains(&year) {
            return Err(DateError::new(
                DateErrorKind::Year,
                &text,
                "expected a year 0000-9999",
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::new(
                DateErrorKind::Month,
                &text,
                "expected a month 01-12",
            ));
        }
        Date::parse(&text)
    }

    /// The first candidate day, or `None` for an open start (`[..X]`).
    pub fn earliest(&self) -> Option<NaiveDate> {
        from_day_number(self.earliest)
    }

    /// The last candidate day, or `None` for an open end (`[X..]`).
    pub fn latest(&self) -> Option<NaiveDate> {
        from_day_number(self.latest.get())
    }

    pub(crate) fn earliest_day_number(&self) -> i32 {
        self.earliest
    }

    pub(crate) fn latest_day_number(&self) -> i32 {
        self.latest.get()
    }

    /// A date that says nothing: every day is a candidate. It stands in
    /// where code that cannot fail must name a date it could not find.
    pub(crate) fn unknown() -> &'static Date {
        static UNKNOWN: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
        UNKNOWN.get_or_init(|| {
            let all = Span {
                first: OPEN_START,
                last: OPEN_END,
            };
            Date::of_parts("..", Box::default(), all, None, None)
        })
    }

    /// The day that orders this date: its earliest candidate, or for an open
    /// start its latest.
    pub(crate) fn sort_day_number(&self) -> i32 {
        if self.earliest == OPEN_START {
            self.latest.get()
        } else {
            self.earliest
        }
    }

    /// The one day this date names, if it is known to the day.
    pub fn as_day(&self) -> Option<NaiveDate> {
        (self.earliest == self.latest.get())
            .then(|| from_day_number(self.earliest))
            .flatten()
    }

    /// How finely a single point is known; `None` for a range or a list.
    pub fn precision(&self) -> Option<Precision> {
        match &self.long {
            None => Some(self.plain_precision()),
            Some(long) => long.precision,
        }
    }

    /// The qualifier of the date: for a list, uncertain if any member is,
    /// approximate if any member is.
    pub fn qualifier(&self) -> Option<Qualifier> {
        self.long.as_ref().and_then(|long| long.qualifier)
    }

    /// Whether the date is a list of alternatives (`[a,b]`): sources disagree.
    pub fn is_list(&self) -> bool {
        self.alternatives().len() > 1
    }

    /// Whether one side of the range is open (`[..X]` or `[X..]`).
    pub fn is_open(&self) -> bool {
        self.earliest == OPEN_START || self.latest.get() == OPEN_END
    }

    /// The candidate ranges, as inclusive day numbers; open ends are
    /// `i32::MIN` and `i32::MAX`.
    fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let whole = Span {
            first: self.earliest,
            last: self.latest.get(),
        };
        let alternatives = self.alternatives();
        let single = alternatives.is_empty().then_some(whole);
        single.into_iter().chain(alternatives.iter().copied())
    }

    /// The candidate ranges of a list; empty for a single range.
    fn alternatives(&self) -> &[Span] {
        self.long.as_ref().map_or(&[], |long| &long.spans)
    }

    /// Whether some candidate day lies in the window.
    pub fn possibly_within(&self, window: &Window) -> bool {
        self.spans().any(|s| s.overlaps(window.from, window.to))
    }

    /// Whether every candidate day lies in the window.
    pub fn certainly_within(&self, window: &Window) -> bool {
        self.spans().all(|s| s.inside(window.from, window.to))
    }

    /// Whether some candidate day is before `day`.
    pub fn possibly_before(&self, day: NaiveDate) -> bool {
        self.earliest < day_number(day)
    }

    /// Whether every candidate day is before `day`.
    pub fn certainly_before(&self, day: NaiveDate) -> bool {
        self.latest.get() < day_number(day)
    }

    /// Whether some candidate day is after `day`.
    pub fn possibly_after(&self, day: NaiveDate) -> bool {
        self.latest.get() > day_number(day)
    }

    /// Whether every candidate day is after `day`.
    pub fn certainly_after(&self, day: NaiveDate) -> bool {
        self.earliest > day_number(day)
    }

    /// Whether `day` is a candidate.
    pub fn possibly_on(&self, day: NaiveDate) -> bool {
        let n = day_number(day);
        self.spans().any(|s| s.overlaps(n, n))
    }

    /// Whether the date is known to be exactly `day`.
    pub fn certainly_on(&self, day: NaiveDate) -> bool {
        let n = day_number(day);
        self.earliest == n && self.latest.get() == n
    }

    /// The possible numbers of days from this date to `later`: from the
    /// shortest to the longest gap; negative when `later` may come first.
    /// `None` when either date is open on the side that matters.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::Date;
    /// let first = Date::parse("[2023-06-23,2023-06-30]")?;
    /// let second = Date::parse("2024-03-26")?;
    /// assert_eq!(first.days_until(&second), Some(270..=277));
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn days_until(&self, later: &Date) -> Option<RangeInclusive<i64>> {
        if self.is_open() || later.is_open() {
            return None;
        }
        let min = i64::from(later.earliest) - i64::from(self.latest.get());
        let max = i64::from(later.latest.get()) - i64::from(self.earliest);
        Some(min..=max)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({})", &*self.text())
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl TryFrom<&str> for Date {
    type Error = DateError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Date::parse(s)
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = DateError;

    fn try_from(day: NaiveDate) -> Result<Self, Self::Error> {
        Date::day(day)
    }
}

// Equality, hashing and order follow the canonical text, which determines
// every other field.
impl PartialEq for Date {
    fn eq(&self, other: &Self) -> bool {
        // Equal texts name equal days: the days are compared first.
        self.earliest == other.earliest
            && self.latest.get() == other.latest.get()
            && self.same_text(other)
    }
}

impl Eq for Date {}

impl Hash for Date {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        // The text is read only to break a tie of the days.
        (self.sort_day_number(), self.latest.get())
            .cmp(&(other.sort_day_number(), other.latest.get()))
            .then_with(|| self.text_cmp(other))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A span of days to ask about, inclusive at both ends, possibly open.
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::Window;
///
/// let from = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
/// let to = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
/// let year = Window::new(from, to)?;
/// assert!(year.contains(NaiveDate::from_ymd_opt(2023, 8, 6).unwrap()));
/// assert!(Window::new(to, from).is_err());
/// # Ok::<(), pactum::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    from: i32,
    to: i32,
}

impl Window {
    /// The days from `from` through `to`.
    ///
    /// # Errors
    ///
    /// A [`DateError`] of kind [`DateErrorKind::Reversed`] when `to` is
    /// before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Window, DateError> {
        if to < from {
            return Err(DateError::new(
                DateErrorKind::Reversed,
                &format!("{from}/{to}"),
                "the window ends before it starts: expected from <= to",
            ));
        }
        Ok(Window {
            from: day_number(from),
            to: day_number(to),
        })
    }

    /// The candidate days of a date, from its earliest to its latest.
    pub fn of(date: &Date) -> Window {
        Window {
            from: date.earliest,
            to: date.latest.get(),
        }
    }

    /// One day.
    pub fn day(day: NaiveDate) -> Window {
        let n = day_number(day);
        Window { from: n, to: n }
    }

    /// Every day from `day` on.
    pub fn since(day: NaiveDate) -> Window {
        Window {
            from: day_number(day),
            to: OPEN_END,
        }
    }

    /// Every day up to and including `day`.
    pub fn until(day: NaiveDate) -> Window {
        Window {
            from: OPEN_START,
            to: day_number(day),
        }
    }

    /// Every day.
    pub fn all() -> Window {
        Window {
            from: OPEN_START,
            to: OPEN_END,
        }
    }

    /// The first day, or `None` when open at the start.
    pub fn from(&self) -> Option<NaiveDate> {
        from_day_number(self.from)
    }

    /// The last day, or `None` when open at the end.
    pub fn to(&self) -> Option<NaiveDate> {
        from_day_number(self.to)
    }

    /// The first day as a day number; `i32::MIN` when open.
    pub(crate) fn first_day_number(&self) -> i32 {
        self.from
    }

    /// The last day as a day number; `i32::MAX` when open.
    pub(crate) fn last_day_number(&self) -> i32 {
        self.to
    }

    /// Whether `day` is in the window.
    pub fn contains(&self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day_number(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The calendar arithmetic, both ways, agrees with chrono on every day
    /// a date can name, and so do month lengths.
    #[test]
    fn day_numbers_agree_with_chrono_on_every_day() {
        let mut day = NaiveDate::from_ymd_opt(0, 1, 1).expect("a day");
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");
        loop {
            let (y, m, dd) = (day.year(), day.month(), day.day());
            assert_eq!(ymd(y, m, dd), day_number(day), "{day}");
            assert_eq!(civil(day_number(day)), (y, m, dd), "{day}");
            if dd == 1 {
                let end = day
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(last);
                assert_eq!(last_of_month(y, m), end.day(), "{day}");
            }
            match day.succ_opt() {
                Some(next) if day < last => day = next,
                _ => break,
            }
        }
    }

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::default())]

        /// The one-pass reading of plain dates agrees with the full one
        /// wherever it answers, and answers for every valid plain date.
        #[test]
        fn plain_dates_read_in_one_pass_as_in_full(
            text in "[0-9X]{4}(-[0-9X]{2}(-[0-9X]{2})?)?|[0-9]{4}-(0[0-9]|1[0-3]|[2-4][0-9])(-[0-3][0-9])?|[0-9]{4}[-./][0-9]{2}([-./][0-9]{2})?",
        ) {
            let full = full_point(&text, &text, None);
            match plain_point(&text) {
                Some((span, precision)) => {
                    let full = full.expect("a plain date reads in full");
                    proptest::prop_assert_eq!((span, precision), (full.span, full.precision));
                }
                // Left to the full reading: unspecified digits, seasons and
                // errors.
                None => proptest::prop_assert!(
                    text.contains('X')
                        || full.as_ref().map_or(true, |p| !matches!(
                            p.precision,
                            Precision::Year | Precision::Month | Precision::Day
                        )),
                    "{text:?} has no one-pass reading but reads in full as {:?}",
                    full.map(|p| p.precision)
                ),
            }
        }
    }

    #[test]
    fn every_form_has_the_documented_range() {
        let cases = [
            ("2023-08-06", "2023-08-06", "2023-08-06"),
            ("2023-09", "2023-09-01", "2023-09-30"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2025", "2025-01-01", "2025-12-31"),
            ("2022-33", "2022-01-01", "2022-03-31"),
            ("2022-36", "2022-10-01", "2022-12-31"),
            ("2022-37", "2022-01-01", "2022-04-30"),
            ("2022-39", "2022-09-01", "2022-12-31"),
            ("2022-40", "2022-01-01", "2022-06-30"),
            ("2022-41", "2022-07-01", "2022-12-31"),
            ("2020-XX", "2020-01-01", "2020-12-31"),
            ("2020-05-XX", "2020-05-01", "2020-05-31"),
            ("202X", "2020-01-01", "2029-12-31"),
            ("20XX", "2000-01-01", "2099-12-31"),
            ("2XXX", "2000-01-01", "2999-12-31"),
            ("[2023-01..2023-03]", "2023-01-01", "2023-03-31"),
            ("[2023-06-23,2023-06-30]", "2023-06-23", "2023-06-30"),
            ("2023-08?", "2023-08-01", "2023-08-31"),
        ];
        for (text, first, last) in cases {
            let date = d(text);
            assert_eq!(date.earliest().unwrap().to_string(), first, "{text}");
            assert_eq!(date.latest().unwrap().to_string(), last, "{text}");
            assert_eq!(date.to_string(), text, "{text} is already canonical");
        }
    }

    #[test]
    fn a_range_may_start_and_end_on_the_same_day() {
        let one = d("[2023-05-01..2023-05-01]");
        assert_eq!(one.earliest(), one.latest());
        assert_eq!(one.to_string(), "[2023-05-01..2023-05-01]");
        assert!(Date::parse("[2023-05-02..2023-05-01]").is_err());
    }

    #[test]
    fn unspecified_digits_set_the_precision() {
        assert_eq!(d("202X").precision(), Some(Precision::Decade));
        assert_eq!(d("20XX").precision(), Some(Precision::Century));
        assert_eq!(d("2XXX").precision(), Some(Precision::Millennium));
        assert_eq!(d("2020-XX").precision(), Some(Precision::Year));
        assert_eq!(d("2020-05-XX").precision(), Some(Precision::Month));
        assert_eq!(d("2022-41").precision(), Some(Precision::Half));
        assert_eq!(d("2022-37").precision(), Some(Precision::Quadrimester));
        assert_eq!(d("2022-34").precision(), Some(Precision::Quarter));
        assert_eq!(d("[2022,2023]").precision(), None);
    }

    #[test]
    fn open_ranges_have_one_open_side() {
        let before = d("[..2023-08-06]");
        assert_eq!(before.earliest(), None);
        assert_eq!(before.latest(), Some(day(2023, 8, 6)));
        let after = d("[2023-09-01..]");
        assert_eq!(after.earliest(), Some(day(2023, 9, 1)));
        assert_eq!(after.latest(), None);
        assert!(before.is_open() && after.is_open());
    }

    #[test]
    fn intervals_are_written_back_as_brackets() {
        assert_eq!(d("../2023-08-06").to_string(), "[..2023-08-06]");
        assert_eq!(d("2023-09-01/..").to_string(), "[2023-09-01..]");
        assert_eq!(d("2023-01/2023-03").to_string(), "[2023-01..2023-03]");
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        assert_eq!(
            d("[2023-06-30, 2023-06-23]").to_string(),
            "[2023-06-23,2023-06-30]"
        );
        assert_eq!(d("[2023-06-30,2023-06-30]").to_string(), "2023-06-30");
        assert_eq!(d("[2023-06-30]").to_string(), "2023-06-30");
    }

    #[test]
    fn canonical_text_parses_back_to_an_equal_date() {
        for text in [
            "../2023",
            "[2023-06-30,2022..,..2021]",
            "[2024?,2023~]",
            "2022-01/2022-41",
        ] {
            let once = d(text);
            let twice = d(&once.to_string());
            assert_eq!(once, twice, "{text}");
            assert_eq!(once.to_string(), twice.to_string());
        }
    }

    #[test]
    fn bad_texts_are_rejected_with_their_kind() {
        let cases = [
            ("", DateErrorKind::Empty),
            ("   ", DateErrorKind::Empty),
            ("2023-13", DateErrorKind::Month),
            ("2023-21", DateErrorKind::Month),
            ("2023-32", DateErrorKind::Month),
            ("2023-42", DateErrorKind::Month),
            ("2023-02-29", DateErrorKind::Day),
            ("2023-04-31", DateErrorKind::Day),
            ("2023-00", DateErrorKind::Month),
            ("2023-01-00", DateErrorKind::Day),
            ("20X3", DateErrorKind::Unspecified),
            ("XXXX", DateErrorKind::Unspecified),
            ("202X-05", DateErrorKind::Unspecified),
            ("202X-XX", DateErrorKind::Unspecified),
            ("2020-XX-XX", DateErrorKind::Unspecified),
            ("2020-XX-05", DateErrorKind::Unspecified),
            ("[2024..2023]", DateErrorKind::Reversed),
            ("{2023,2024}", DateErrorKind::Unsupported),
            ("2023-08-06T10:00", DateErrorKind::Unsupported),
            ("-0500", DateErrorKind::Unsupported),
            ("Y20000", DateErrorKind::Unsupported),
            ("23", DateErrorKind::Syntax),
            ("2023-8", DateErrorKind::Syntax),
            ("[2023", DateErrorKind::Syntax),
            ("[]", DateErrorKind::Syntax),
            ("[..]", DateErrorKind::Syntax),
            ("../..", DateErrorKind::Syntax),
            ("2023/", DateErrorKind::Syntax),
            ("2023..2024", DateErrorKind::Syntax),
            ("?", DateErrorKind::Syntax),
            (" 2023", DateErrorKind::Syntax),
            ("2023-33-01", DateErrorKind::Syntax),
            ("2023-01-01-01", DateErrorKind::Syntax),
            ("２０２３", DateErrorKind::Syntax),
        ];
        for (text, kind) in cases {
            match Date::parse(text) {
                Ok(date) => panic!("{text:?} was accepted as {date}"),
                Err(e) => assert_eq!(e.kind(), kind, "{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn errors_quote_the_text_and_say_what_was_expected() {
        let e = Date::parse("2023-02-29").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"invalid date "2023-02-29": day 29 does not exist in 2023-02: expected 01-28"#
        );
        let e = Date::parse("2022-21").unwrap_err();
        assert!(e.to_string().contains("hemisphere"), "{e}");
    }

    #[test]
    fn qualifiers_are_kept_and_do_not_widen() {
        let date = d("2023-08~");
        assert_eq!(date.qualifier(), Some(Qualifier::Approximate));
        assert_eq!(date.earliest(), Some(day(2023, 8, 1)));
        assert_eq!(date.latest(), Some(day(2023, 8, 31)));
        assert_eq!(
            d("[2023?,2024~]").qualifier(),
            Some(Qualifier::UncertainApproximate)
        );
        assert_eq!(d("2023").qualifier(), None);
    }

    #[test]
    fn possibly_and_certainly_differ_for_rough_dates() {
        let august = d("2023-08");
        let first_half = Window::new(day(2023, 8, 1), day(2023, 8, 15)).unwrap();
        assert!(august.possibly_within(&first_half));
        assert!(!august.certainly_within(&first_half));
        assert!(august.certainly_within(&Window::of(&d("2023"))));
        assert!(august.possibly_before(day(2023, 8, 2)));
        assert!(!august.certainly_before(day(2023, 8, 31)));
        assert!(august.certainly_before(day(2023, 9, 1)));
        assert!(august.possibly_after(day(2023, 8, 30)));
        assert!(august.certainly_after(day(2023, 7, 31)));
        assert!(!august.certainly_after(day(2023, 8, 1)));
        assert!(august.possibly_on(day(2023, 8, 6)));
        assert!(!august.certainly_on(day(2023, 8, 6)));
        assert!(d("2023-08-06").certainly_on(day(2023, 8, 6)));
    }

    #[test]
    fn a_date_text_may_be_up_to_512_bytes_long() {
        let padded = |len: usize| format!("[2023-01-01,{}2023-01-02]", " ".repeat(len - 23));
        let longest = padded(512);
        assert_eq!(longest.len(), 512);
        assert_eq!(d(&longest).to_string(), "[2023-01-01,2023-01-02]");
        let e = Date::parse(&padded(513)).unwrap_err();
        assert_eq!(e.kind(), DateErrorKind::Syntax);
        assert!(e.to_string().contains("513 bytes long"), "{e}");
    }

    #[test]
    fn only_two_or_more_alternatives_make_a_list() {
        assert!(d("[2023-06-23,2023-06-30]").is_list());
        assert!(d("[..2022,2023-06..]").is_list());
        assert!(!d("2023-06-23").is_list());
        assert!(!d("[2023-01..2023-03]").is_list());
        assert!(!d("[2023-06-30,2023-06-30]").is_list());
    }

    #[test]
    fn a_date_is_not_possibly_before_its_first_day() {
        let august = d("2023-08");
        assert!(!august.possibly_before(day(2023, 8, 1)));
        assert!(august.possibly_before(day(2023, 8, 2)));
    }

    #[test]
    fn a_rough_date_is_not_certainly_on_its_first_or_last_day() {
        let august = d("2023-08");
        assert!(!august.certainly_on(day(2023, 8, 1)));
        assert!(!august.certainly_on(day(2023, 8, 31)));
    }

    #[test]
    fn different_dates_are_unequal_and_hash_apart() {
        fn hash_of(date: &Date) -> u64 {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            date.hash(&mut h);
            h.finish()
        }
        assert_ne!(d("2023"), d("2024"));
        assert_ne!(hash_of(&d("2023")), hash_of(&d("2024")));
        assert_eq!(d("../2023"), d("[..2023]"));
        assert_eq!(hash_of(&d("../2023")), hash_of(&d("[..2023]")));
    }

    #[test]
    fn debug_shows_the_canonical_text() {
        assert_eq!(
            format!("{:?}", d("2023-01/2023-03")),
            "Date([2023-01..2023-03])"
        );
    }

    #[test]
    fn a_list_is_possibly_only_on_its_members() {
        let disputed = d("[2023-06-23,2023-06-30]");
        assert!(disputed.possibly_on(day(2023, 6, 23)));
        assert!(!disputed.possibly_on(day(2023, 6, 25)));
        let between = Window::new(day(2023, 6, 24), day(2023, 6, 29)).unwrap();
        assert!(!disputed.possibly_within(&between));
    }

    #[test]
    fn open_ranges_answer_on_their_known_side() {
        let review = d("[..2023-08-06]");
        assert!(review.certainly_before(day(2023, 8, 7)));
        assert!(review.possibly_before(day(1900, 1, 1)));
        assert!(!review.possibly_after(day(2023, 8, 6)));
        assert!(!review.certainly_within(&Window::of(&d("2023"))));
        assert!(review.possibly_within(&Window::all()));
        assert!(review.certainly_within(&Window::until(day(2023, 8, 6))));
        assert_eq!(review.days_until(&d("2024")), None);
    }

    #[test]
    fn dates_order_by_sort_day_then_latest_then_text() {
        let mut dates = [
            d("2023-08-06"),
            d("2023"),
            d("[..2023-08-06]"),
            d("2023-08"),
            d("2022-41"),
            d("2023-01-01"),
        ];
        dates.sort();
        let texts: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(
            texts,
            [
                "2022-41",
                "2023-01-01",
                "2023",
                "2023-08",
                "2023-08-06",
                "[..2023-08-06]"
            ]
        );
    }

    #[test]
    fn days_until_spans_the_shortest_and_longest_gap() {
        assert_eq!(d("2023-08-06").days_until(&d("2023-08-07")), Some(1..=1));
        assert_eq!(d("2023-08").days_until(&d("2023-09-01")), Some(1..=31));
        assert_eq!(d("2023").days_until(&d("2023")), Some(-364..=364));
    }

    #[test]
    fn serde_goes_through_parse() {
        let date: Date = serde_json::from_str("\"../2023-08-06\"").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"[..2023-08-06]\"");
        let err = serde_json::from_str::<Date>("\"2023-13\"").unwrap_err();
        assert!(err.to_string().contains("month 13"), "{err}");
    }

    #[test]
    fn constructors_agree_with_parse() {
        assert_eq!(Date::day(day(2024, 3, 26)), Ok(d("2024-03-26")));
        let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
        assert_eq!(Date::day(far).unwrap_err().kind(), DateErrorKind::Year);
        assert_eq!(Date::year(7).unwrap(), d("0007"));
        assert_eq!(Date::month(2023, 9).unwrap(), d("2023-09"));
        assert!(Date::month(2023, 13).is_err());
        assert!(Date::year(-1).is_err());
        assert_eq!(d("2024-03-26").as_day(), Some(day(2024, 3, 26)));
        assert_eq!(d("2024-03").as_day(), None);
    }

    #[test]
    fn windows_are_inclusive_and_reject_reversal() {
        let w = Window::new(day(2023, 1, 1), day(2023, 1, 31)).unwrap();
        assert!(w.contains(day(2023, 1, 1)) && w.contains(day(2023, 1, 31)));
        assert!(!w.contains(day(2023, 2, 1)));
        assert_eq!(
            Window::new(day(2023, 2, 1), day(2023, 1, 1))
                .unwrap_err()
                .kind(),
            DateErrorKind::Reversed
        );
        assert_eq!(w.from(), Some(day(2023, 1, 1)));
        assert_eq!(w.to(), Some(day(2023, 1, 31)));
        assert_eq!(Window::since(day(2023, 1, 1)).from(), Some(day(2023, 1, 1)));
        assert_eq!(Window::until(day(2023, 1, 1)).to(), Some(day(2023, 1, 1)));
        assert_eq!(Window::since(day(2023, 1, 1)).to(), None);
        assert_eq!(Window::until(day(2023, 1, 1)).from(), None);
        assert!(Window::all().contains(day(1, 1, 1)));
    }

    #[test]
    fn window_day_numbers_are_those_of_its_ends_and_extremes_when_open() {
        let w = Window::new(day(2023, 1, 1), day(2023, 1, 31)).unwrap();
        assert_eq!(w.first_day_number(), day_number(day(2023, 1, 1)));
        assert_eq!(w.last_day_number(), day_number(day(2023, 1, 31)));
        assert_eq!(Window::until(day(2023, 1, 1)).first_day_number(), i32::MIN);
        assert_eq!(Window::since(day(2023, 1, 1)).last_day_number(), i32::MAX);
    }
}
