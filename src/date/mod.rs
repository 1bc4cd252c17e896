//! EDTF dates: the value type, its parser, calendar arithmetic and the
//! packed form a registry stores (the guide is in the crate docs, section
//! "Dates").

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use calendar::{day_number, from_day_number, FIRST_DAY, LAST_DAY, OPEN_END, OPEN_START};
use packed::{Latest, Long};
use pattern::Pattern;

mod calendar;
mod packed;
mod parse;
mod pattern;
#[cfg(test)]
mod tests;
mod words;

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
    /// Unspecified digits that do not stand for whole trailing parts
    /// (EDTF level 2): `1971-XX-03`, `19X5`, `2020-1X`, `XXXX-12-25`. The
    /// candidate days are exactly those whose digits the pattern allows,
    /// which need not be one range.
    Pattern,
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
    /// A month (or season code) that does not exist or is not supported,
    /// or month digits with `X` that fit no month (`2023-4X`).
    Month,
    /// A day that the month does not have, or day digits with `X` that fit
    /// no day (`2023-XX-4X`).
    Day,
    /// Unspecified digits (`X`) only, which say nothing: `XXXX`.
    Unspecified,
    /// A range or window whose end is before its start.
    Reversed,
    /// EDTF that pactum does not model (all-of sets, times, long years).
    Unsupported,
    /// Unspecified digits that no day of the calendar has: `2021-02-3X`.
    NoDay,
    /// A day number that names no day of the calendar
    /// ([`Window::from_day_numbers`]).
    DayNumber,
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

/// One alternative of a list, or the one pattern of a date with
/// unspecified digits: its candidate days are the days of `span` that
/// `pattern` allows, or all of them without a pattern. `span` is the hull,
/// so its ends are candidates themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Alternative {
    span: Span,
    pattern: Option<Pattern>,
}

impl Alternative {
    /// Whether some candidate day lies in `from..=to`.
    fn overlaps(&self, from: i32, to: i32) -> bool {
        self.span.overlaps(from, to) && self.pattern.map_or(true, |p| p.overlaps(from, to))
    }

    /// Whether the two alternatives have a candidate day in common.
    fn meets(&self, other: &Alternative) -> bool {
        match (&self.pattern, &other.pattern) {
            (Some(p), Some(q)) => p.intersect(q).is_some(),
            (Some(_), None) => self.overlaps(other.span.first, other.span.last),
            (None, _) => other.overlaps(self.span.first, self.span.last),
        }
    }
}

/// The day that a date field names, known as precisely as its sources allow.
///
/// A `Date` is valid by construction: [`Date::parse`],
/// [`FromStr`](std::str::FromStr) and `Deserialize` accept the same texts,
/// and `Display`/`Serialize` write the canonical form, which parses back to
/// an equal date.
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

impl Date {
    /// Parses an EDTF date (see the crate docs, section [Dates](crate#dates), for the forms).
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
        parse::date(text)
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
    /// assert_eq!(pactum::Date::of_year(2025)?.to_string(), "2025");
    /// assert!(pactum::Date::of_year(12_025).is_err());
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn of_year(year: i32) -> Result<Date, DateError> {
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

    /// The year of every candidate day, when they all fall in one: `2022`
    /// for `2022-41`, `2022-06-2X` or `[2022-03,2022-11]`; `None` for a
    /// date that may fall in either of two years (`[2022-12..2023-01]`) or
    /// is open at one end. For per-year buckets, with no need of chrono:
    /// see [`Date::years`] for the dates that straddle years.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::Date;
    ///
    /// assert_eq!(Date::parse("2022-41")?.year(), Some(2022));
    /// assert_eq!(Date::parse("[2022-12..2023-01]")?.year(), None);
    /// assert_eq!(Date::parse("[2022-12..2023-01]")?.years(), Some(2022..=2023));
    /// assert_eq!(Date::parse("[..2023-01]")?.years(), None);
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    pub fn year(&self) -> Option<i32> {
        let years = self.years()?;
        (years.start() == years.end()).then_some(*years.start())
    }

    /// The years from that of the first candidate day to that of the last;
    /// `None` for a date open at one end (`[..X]`, `[X..]`).
    pub fn years(&self) -> Option<RangeInclusive<i32>> {
        Some(self.earliest()?.year()..=self.latest()?.year())
    }

    /// The first candidate day, or `None` for an open start (`[..X]`).
    pub fn earliest(&self) -> Option<NaiveDate> {
        from_day_number(self.earliest)
    }

    /// The last candidate day, or `None` for an open end (`[X..]`).
    pub fn latest(&self) -> Option<NaiveDate> {
        from_day_number(self.latest.get())
    }

    /// Calls `f` with the canonical text, with no `String` made: the
    /// Arrow event tables write millions of them.
    #[cfg(feature = "arrow")]
    pub(crate) fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        f(&self.text())
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

    /// Whether the candidate days may leave gaps between the earliest and
    /// the latest: a list of alternatives, or a pattern of unspecified
    /// digits (`1971-XX-03`). For any other date, every day of
    /// `earliest..=latest` is a candidate, which the indexes rely on; for
    /// these a question about a window must ask the date.
    pub(crate) fn has_gaps(&self) -> bool {
        !self.alternatives().is_empty()
    }

    /// The first and last day numbers of each alternative of a list
    /// (`[a,b]`), in order; empty for a date that is not a list. The
    /// pictures draw each as a candidate mark of its own.
    #[cfg(feature = "svg")]
    pub(crate) fn listed_spans(&self) -> Vec<(i32, i32)> {
        if !self.is_list() {
            return Vec::new();
        }
        self.alternatives()
            .iter()
            .map(|a| (a.span.first, a.span.last))
            .collect()
    }

    /// Whether one side of the range is open (`[..X]` or `[X..]`).
    pub fn is_open(&self) -> bool {
        self.earliest == OPEN_START || self.latest.get() == OPEN_END
    }

    /// Whether some candidate day lies in the window.
    pub fn possibly_within(&self, window: &Window) -> bool {
        // A window is never empty.
        self.meets(window.from, window.to)
    }

    /// Whether some candidate day lies in `from..=to`, as day numbers
    /// (none when `from > to`).
    pub(crate) fn possibly_between(&self, from: i32, to: i32) -> bool {
        from <= to && self.meets(from, to)
    }

    /// Whether some candidate day lies in `from..=to`, which is not empty.
    #[inline]
    fn meets(&self, from: i32, to: i32) -> bool {
        match self.alternatives() {
            [] => self.hull().overlaps(from, to),
            alternatives => alternatives.iter().any(|a| a.overlaps(from, to)),
        }
    }

    /// Whether every candidate day lies in the window.
    pub fn certainly_within(&self, window: &Window) -> bool {
        // The earliest and latest days are candidates themselves, for every
        // form: the hull is inside exactly when every candidate is.
        self.hull().inside(window.from, window.to)
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
        self.possibly_within(&Window::day(day))
    }

    /// Whether the two dates may name the same day: some candidate day of
    /// one is a candidate of the other.
    pub(crate) fn possibly_same_day(&self, other: &Date) -> bool {
        self.candidates()
            .any(|mine| other.candidates().any(|theirs| mine.meets(&theirs)))
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

/// Honours width, alignment and fill (`{:<26}`), for dates in columns.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({})", &*self.text())
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
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    from: i32,
    to: i32,
}

/// The window as an EDTF interval of its first and last days, `..` for an
/// open side: `2023-05-01/2023-05-31`, `../2024-01-01`, `2023-06-15/..`.
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::Window;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(Window::new(day(2023, 5, 1), day(2023, 5, 31))?.to_string(), "2023-05-01/2023-05-31");
/// assert_eq!(Window::until(day(2024, 1, 1)).to_string(), "../2024-01-01");
/// assert_eq!(format!("{:?}", Window::all()), "Window(../..)");
/// # Ok::<(), pactum::DateError>(())
/// ```
impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.from() {
            Some(d) => write!(f, "{d}/")?,
            None => f.write_str("../")?,
        }
        match self.to() {
            Some(d) => write!(f, "{d}"),
            None => f.write_str(".."),
        }
    }
}

/// `Window(` and the window's [`Display`](fmt::Display) `)`: the days as
/// dates, not as the day numbers the window keeps.
impl fmt::Debug for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Window({self})")
    }
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

    /// The days numbered `from` through `to`, counted as
    /// [`Datelike::num_days_from_ce`](chrono::Datelike::num_days_from_ce)
    /// counts them (0001-01-01 is day 1): a window made without calendar
    /// arithmetic, cheap enough to build inside a loop of queries.
    ///
    /// # Errors
    ///
    /// A [`DateError`] of kind [`DateErrorKind::Reversed`] when `to` is
    /// before `from`, and of kind [`DateErrorKind::DayNumber`] when a day
    /// number names no day of the calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{Datelike, NaiveDate};
    /// use pactum::Window;
    ///
    /// let from = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    /// let to = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
    /// let year = Window::from_day_numbers(from.num_days_from_ce(), to.num_days_from_ce())?;
    /// assert_eq!(year, Window::new(from, to)?);
    /// assert!(Window::from_day_numbers(10, 9).is_err());
    /// # Ok::<(), pactum::DateError>(())
    /// ```
    #[inline]
    pub fn from_day_numbers(from: i32, to: i32) -> Result<Window, DateError> {
        if to < from {
            return Err(DateError::new(
                DateErrorKind::Reversed,
                &format!("{from}/{to}"),
                "the window ends before it starts: expected from <= to",
            ));
        }
        if from < FIRST_DAY || to > LAST_DAY {
            return Err(DateError::new(
                DateErrorKind::DayNumber,
                &format!("{from}/{to}"),
                "day numbers of the calendar",
            ));
        }
        Ok(Window { from, to })
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
