//! Reading EDTF text into a [`Date`]: points, ranges, lists and intervals,
//! with an error that says what was expected for every text that is not one.

use std::str::FromStr;

use chrono::NaiveDate;

use super::calendar::{day_number, last_of_month, ymd, OPEN_END, OPEN_START};
use super::pattern::{Nothing, Pattern};
use super::{Alternative, Date, DateError, DateErrorKind, Precision, Qualifier, Span};

/// The longest date text accepted; real dates are far shorter, and a bound
/// keeps error messages and work on hostile input small.
const MAX_LEN: usize = 512;

impl Qualifier {
    /// The qualifier that a trailing symbol writes, if it is one.
    fn from_symbol(c: char) -> Option<Self> {
        match c {
            '?' => Some(Qualifier::Uncertain),
            '~' => Some(Qualifier::Approximate),
            '%' => Some(Qualifier::UncertainApproximate),
            _ => None,
        }
    }

    /// The qualifier of a list: uncertain if either is, approximate if
    /// either is.
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

/// A parsed point: `2023-08-06`, `2023-41?`, `202X`, `1971-XX-03`.
#[derive(Debug, Clone)]
struct Point {
    /// The candidate days, or for a pattern their hull.
    span: Span,
    precision: Precision,
    qualifier: Option<Qualifier>,
    /// The days a point with unspecified digits anywhere allows.
    pattern: Option<Pattern>,
}

impl Point {
    /// The alternatives a date of this point alone keeps: its pattern, if
    /// it has one (its span says everything otherwise).
    fn alternatives(&self) -> Box<[Alternative]> {
        self.pattern
            .map(|pattern| {
                Box::from([Alternative {
                    span: self.span,
                    pattern: Some(pattern),
                }])
            })
            .unwrap_or_default()
    }
}

/// How a point uses unspecified digits (`X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unspecified {
    /// None at all.
    None,
    /// Trailing digits of the year, or whole months and days after them:
    /// `202X`, `2020-XX`, `2020-05-XX`, `202X-XX-XX`. The days are one range.
    Trailing,
    /// Anywhere else (EDTF level 2): `1971-XX-03`, `2020-1X`. The days are
    /// those the digits allow, kept as a pattern.
    Anywhere,
}

/// A member of a bracket list: a point, or a range with possibly open ends.
struct Member {
    text: String,
    span: Span,
    point: Option<Point>,
}

/// Reads an EDTF date: the body of [`Date::parse`].
pub(super) fn date(text: &str) -> Result<Date, DateError> {
    // Most dates are plain (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): read in
    // one pass, with nothing to keep but their days.
    if let Some((span, _)) = plain_point(text) {
        return Ok(Date::of_days(span, None));
    }
    check_whole(text)?;
    if let Some(err) = super::words::suggestion(text) {
        return Err(err);
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
        return Ok(from_members(members));
    }
    if let Some((a, b)) = text.split_once('/') {
        return interval(text, a, b);
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
        point.alternatives(),
        point.span,
        Some(point.precision),
        point.qualifier,
    ))
}

/// Rejects what no form of date can be, before any form is tried: an
/// empty, overlong or padded text, or an all-of set.
fn check_whole(text: &str) -> Result<(), DateError> {
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
    Ok(())
}

/// Reads an interval `a/b` as the bracket range it means (`../X` is `[..X]`,
/// `X/..` is `[X..]`, `A/B` is `[A..B]`).
fn interval(text: &str, a: &str, b: &str) -> Result<Date, DateError> {
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
    Ok(from_members(vec![parse_member(text, &member)?]))
}

/// Reads one member of a bracket list: a point, or a range `A..B` whose
/// either side may be left open.
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

/// The date of a bracket list's members, sorted and without repeats so that
/// equal dates have equal text.
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
    let (text, precision, alternatives) = if single_point {
        // The common case: one point, no list to keep.
        let point = members.first().and_then(|m| m.point.as_ref());
        let precision = point.map(|p| p.precision);
        let alternatives = point.map(Point::alternatives).unwrap_or_default();
        let text = members.pop().map(|m| m.text).unwrap_or_default();
        (text, precision, alternatives)
    } else {
        let inner: Vec<&str> = members.iter().map(|m| m.text.as_str()).collect();
        let alternatives = if members.len() > 1 {
            members
                .iter()
                .map(|m| Alternative {
                    span: m.span,
                    pattern: m.point.as_ref().and_then(|p| p.pattern),
                })
                .collect()
        } else {
            Box::default()
        };
        (format!("[{}]", inner.join(",")), None, alternatives)
    };
    let hull = Span {
        first: earliest,
        last: latest,
    };
    Date::of_parts(&text, alternatives, hull, precision, qualifier)
}

/// The days from the first of `first_month` through the end of `last_month`.
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

/// Reads one point, qualifier and all; `whole` is the date text it is part
/// of, which errors quote.
fn parse_point(whole: &str, text: &str) -> Result<Point, DateError> {
    let (body, qualifier) = match text.chars().last().and_then(Qualifier::from_symbol) {
        Some(q) => (&text[..text.len() - 1], Some(q)),
        None => (text, None),
    };
    if body.is_empty() {
        return Err(DateError::new(
            DateErrorKind::Syntax,
            whole,
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
            pattern: None,
        }),
        None => full_point(whole, body, qualifier),
    }
}

/// Reads a point whose qualifier is already split off: every form, with a
/// message for what is wrong.
fn full_point(whole: &str, body: &str, qualifier: Option<Qualifier>) -> Result<Point, DateError> {
    let reading = Reading { whole, body };
    reading.reject_unsupported()?;
    let parts = reading.parts()?;
    let (span, precision) = match reading.unspecified(&parts)? {
        Unspecified::Anywhere => {
            let (pattern, span) = reading.pattern(&parts)?;
            return Ok(Point {
                span,
                precision: Precision::Pattern,
                qualifier,
                pattern: Some(pattern),
            });
        }
        Unspecified::Trailing if parts.year().contains('X') => reading.unspecified_year(&parts),
        Unspecified::Trailing | Unspecified::None => reading.known_year(&parts)?,
    };
    Ok(Point {
        span,
        precision,
        qualifier,
        pattern: None,
    })
}

/// The dash-separated parts of a point: a year, then perhaps a month, then
/// perhaps a day.
struct Parts<'a> {
    split: [&'a str; 3],
    count: usize,
}

impl<'a> Parts<'a> {
    fn all(&self) -> &[&'a str] {
        &self.split[..self.count]
    }

    fn year(&self) -> &'a str {
        self.split[0]
    }

    fn month(&self) -> Option<&'a str> {
        self.all().get(1).copied()
    }

    fn day(&self) -> Option<&'a str> {
        self.all().get(2).copied()
    }
}

/// A point being read in full, in steps that each rule out one kind of
/// mistake, so that each error names the first thing wrong.
struct Reading<'a> {
    /// The whole date text, which every error quotes.
    whole: &'a str,
    /// The point, without its qualifier.
    body: &'a str,
}

impl<'a> Reading<'a> {
    /// An error about this point, quoting the whole text as every date error does.
    fn err(&self, kind: DateErrorKind, detail: impl Into<String>) -> DateError {
        DateError::new(kind, self.whole, detail)
    }

    /// Rejects times and long years first, as unsupported rather than as mere bad syntax.
    fn reject_unsupported(&self) -> Result<(), DateError> {
        if self.body.contains(['T', ':', ' ']) {
            return Err(self.err(
                DateErrorKind::Unsupported,
                "times of day are not recorded: expected a calendar date such as 2023-08-06",
            ));
        }
        if self.body.starts_with(['-', 'Y', 'y']) || self.body.contains('E') {
            return Err(self.err(
                DateErrorKind::Unsupported,
                "negative, long and exponent years are not supported: expected a four-digit year 0000-9999",
            ));
        }
        Ok(())
    }

    /// Splits at the dashes and checks each part's shape, so later steps read digits unchecked.
    fn parts(&self) -> Result<Parts<'a>, DateError> {
        let body = self.body;
        let mut split = [""; 3];
        let mut count = 0;
        for part in body.split('-') {
            let Some(slot) = split.get_mut(count) else {
                return Err(self.err(
                    DateErrorKind::Syntax,
                    format!("{body:?} has too many parts: expected YYYY, YYYY-MM or YYYY-MM-DD"),
                ));
            };
            *slot = part;
            count += 1;
        }
        let parts = Parts { split, count };
        let shape_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'X');
        let year_text = parts.year();
        if year_text.len() != 4 || !shape_ok(year_text) {
            return Err(self.err(
                DateErrorKind::Syntax,
                format!(
                    "year {year_text:?} is not four digits: expected YYYY, YYYY-MM or YYYY-MM-DD"
                ),
            ));
        }
        for (i, part) in parts.all().iter().enumerate().skip(1) {
            if part.len() != 2 || !shape_ok(part) {
                let what = if i == 1 { "month" } else { "day" };
                return Err(self.err(
                    DateErrorKind::Syntax,
                    format!(
                        "{what} {part:?} is not two digits: expected YYYY, YYYY-MM or YYYY-MM-DD"
                    ),
                ));
            }
        }
        Ok(parts)
    }

    /// Tells how the point uses unspecified digits: trailing ones that span
    /// one unbroken range are read as that range, any others as a pattern.
    fn unspecified(&self, parts: &Parts<'_>) -> Result<Unspecified, DateError> {
        let digits = parts.all().iter().flat_map(|p| p.bytes());
        let Some(first_x) = digits.clone().position(|b| b == b'X') else {
            return Ok(Unspecified::None);
        };
        if digits.clone().all(|b| b == b'X') {
            return Err(self.err(
                DateErrorKind::Unspecified,
                "a date of unspecified digits only says nothing: expected at least one digit, such as 202X or XXXX-12-25",
            ));
        }
        // Once an X appears, every later digit of the whole date is an X,
        // and a month or day is either known or wholly unspecified: then
        // the days are one range (`2020-1X` is not, as months go to 12).
        let trailing = digits.skip(first_x).all(|b| b == b'X');
        let whole_parts = parts
            .all()
            .iter()
            .skip(1)
            .all(|p| *p == "XX" || !p.contains('X'));
        if trailing && whole_parts {
            Ok(Unspecified::Trailing)
        } else {
            Ok(Unspecified::Anywhere)
        }
    }

    /// Reads `202X`, `20XX` or `2XXX`, with perhaps a wholly unspecified
    /// month and day after it (`202X-XX-XX`, the same decade).
    fn unspecified_year(&self, parts: &Parts<'_>) -> (Span, Precision) {
        let year_text = parts.year();
        let xs = year_text.bytes().filter(|&b| b == b'X').count();
        let known: i32 = year_text[..4 - xs].parse().unwrap_or(0);
        let width = 10_i32.pow(xs as u32);
        let first = known * width;
        let precision = match xs {
            1 => Precision::Decade,
            2 => Precision::Century,
            _ => Precision::Millennium,
        };
        let span = Span {
            first: ymd(first, 1, 1),
            last: ymd(first + width - 1, 12, 31),
        };
        (span, precision)
    }

    /// Reads unspecified digits anywhere (`1971-XX-03`) into the pattern
    /// of the days they allow, and the hull of those days.
    fn pattern(&self, parts: &Parts<'_>) -> Result<(Pattern, Span), DateError> {
        Pattern::new(parts.year(), parts.month(), parts.day()).map_err(|nothing| {
            let body = self.body;
            match nothing {
                Nothing::Month => self.err(
                    DateErrorKind::Month,
                    format!(
                        "month {} allows no month: expected digits and X that fit one of 01-12 (a season has no unspecified digits)",
                        parts.month().unwrap_or_default()
                    ),
                ),
                Nothing::Day => self.err(
                    DateErrorKind::Day,
                    format!(
                        "day {} allows no day: expected digits and X that fit one of 01-31",
                        parts.day().unwrap_or_default()
                    ),
                ),
                Nothing::Calendar => self.err(
                    DateErrorKind::NoDay,
                    format!(
                        "{body:?} allows no day of the calendar: expected unspecified digits that at least one real day fits"
                    ),
                ),
            }
        })
    }

    /// Reads a point in a known year: the year, or a month, season or day in it.
    fn known_year(&self, parts: &Parts<'_>) -> Result<(Span, Precision), DateError> {
        let year: i32 = parts.year().parse().unwrap_or(0);
        let Some(month_text) = parts.month() else {
            return Ok((month_span(year, 1, 12), Precision::Year));
        };
        if month_text == "XX" {
            // The day, if any, is unspecified too (`2020-XX-XX`).
            return Ok((month_span(year, 1, 12), Precision::Year));
        }
        let month: u32 = month_text.parse().unwrap_or(0);
        if !(1..=12).contains(&month) {
            return self.season(year, month, month_text, parts.day().is_some());
        }
        match parts.day() {
            None | Some("XX") => Ok((month_span(year, month, month), Precision::Month)),
            Some(day_text) => self.day(year, month, day_text),
        }
    }

    /// Reads a month code past 12: only seasons that mean the same months everywhere are dates.
    fn season(
        &self,
        year: i32,
        month: u32,
        month_text: &str,
        has_day: bool,
    ) -> Result<(Span, Precision), DateError> {
        let (first, last, precision) = match month {
            21..=24 => {
                return Err(self.err(
                    DateErrorKind::Month,
                    format!(
                        "season {month} means different months in each hemisphere: expected a quarter 33-36, a four-month period 37-39 or a half 40-41"
                    ),
                ))
            }
            33..=36 => {
                let q = month - 33;
                (q * 3 + 1, q * 3 + 3, Precision::Quarter)
            }
            37..=39 => {
                let q = month - 37;
                (q * 4 + 1, q * 4 + 4, Precision::Quadrimester)
            }
            40 | 41 => {
                let h = month - 40;
                (h * 6 + 1, h * 6 + 6, Precision::Half)
            }
            _ => {
                return Err(self.err(
                    DateErrorKind::Month,
                    format!(
                        "month {month_text} does not exist: expected 01-12, a quarter 33-36, a four-month period 37-39 or a half 40-41"
                    ),
                ))
            }
        };
        if has_day {
            let body = self.body;
            return Err(self.err(
                DateErrorKind::Syntax,
                format!("{body:?} has a day after a season: expected YYYY-SS"),
            ));
        }
        Ok((month_span(year, first, last), precision))
    }

    /// Reads a day of a valid month, saying how many days the month has when it is out of range.
    fn day(&self, year: i32, month: u32, day_text: &str) -> Result<(Span, Precision), DateError> {
        let day: u32 = day_text.parse().unwrap_or(0);
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(d) => {
                let n = day_number(d);
                Ok((Span { first: n, last: n }, Precision::Day))
            }
            None => Err(self.err(
                DateErrorKind::Day,
                format!(
                    "day {day_text} does not exist in {year:04}-{month:02}: expected 01-{:02}",
                    last_of_month(year, month)
                ),
            )),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
