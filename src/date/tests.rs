//! Dates through their public face: every form read and written back,
//! every mistake named, and the questions a date and a window answer.
//! Tests that reach into one part's internals sit in that part's file.

use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::calendar::day_number;
use super::*;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
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
        ("XXXX", DateErrorKind::Unspecified),
        ("XXXX-XX", DateErrorKind::Unspecified),
        ("XXXX-XX-XX", DateErrorKind::Unspecified),
        ("2021-02-3X", DateErrorKind::NoDay),
        ("XXX1-02-29", DateErrorKind::NoDay),
        ("2023-4X", DateErrorKind::Month),
        ("2023-3X-01", DateErrorKind::Month),
        ("XXXX-13-01", DateErrorKind::Month),
        ("2023-XX-4X", DateErrorKind::Day),
        ("XXXX-XX-00", DateErrorKind::Day),
        ("2023-XX?-03", DateErrorKind::Syntax),
        ("2023-X-03", DateErrorKind::Syntax),
        ("2023-xx-03", DateErrorKind::Syntax),
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
    assert_eq!(Date::of_year(7).unwrap(), d("0007"));
    assert_eq!(Date::month(2023, 9).unwrap(), d("2023-09"));
    assert!(Date::month(2023, 13).is_err());
    assert!(Date::of_year(-1).is_err());
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

#[test]
fn unspecified_digits_anywhere_allow_exactly_their_days() {
    let cases = [
        ("1971-XX-03", "1971-01-03", "1971-12-03"),
        ("19X5", "1905-01-01", "1995-12-31"),
        ("2020-1X", "2020-10-01", "2020-12-31"),
        ("2020-0X", "2020-01-01", "2020-09-30"),
        ("XXXX-12-25", "0000-12-25", "9999-12-25"),
        ("2023-XX-1X", "2023-01-10", "2023-12-19"),
        ("2023-XX-31", "2023-01-31", "2023-12-31"),
        ("2023-XX-3X", "2023-01-30", "2023-12-31"),
        ("202X-02-29", "2020-02-29", "2028-02-29"),
        ("2023-05-1X", "2023-05-10", "2023-05-19"),
        ("1971-XX-03?", "1971-01-03", "1971-12-03"),
    ];
    for (text, first, last) in cases {
        let date = d(text);
        assert_eq!(date.earliest().unwrap().to_string(), first, "{text}");
        assert_eq!(date.latest().unwrap().to_string(), last, "{text}");
        assert_eq!(date.to_string(), text, "{text} is kept as written");
        assert_eq!(d(&date.to_string()), date, "{text}");
        assert_eq!(date.precision(), Some(Precision::Pattern), "{text}");
        assert!(
            date.has_gaps() && !date.is_list() && !date.is_open(),
            "{text}"
        );
    }
    // Twelve days, not the hull.
    let third = d("1971-XX-03");
    assert!(third.possibly_on(day(1971, 5, 3)));
    assert!(!third.possibly_on(day(1971, 5, 4)));
    let rest_of_may = Window::new(day(1971, 5, 4), day(1971, 5, 31)).unwrap();
    assert!(!third.possibly_within(&rest_of_may));
    let may = Window::new(day(1971, 5, 1), day(1971, 5, 31)).unwrap();
    assert!(third.possibly_within(&may) && !third.certainly_within(&may));
    assert!(third.certainly_within(&Window::of(&d("1971"))));
    assert_eq!(third.days_until(&d("1972-01-01")), Some(29..=363));
    assert_eq!(d("1971-XX-03?").qualifier(), Some(Qualifier::Uncertain));
    // One candidate: 29 February 2023 does not exist, 29 December does.
    let one = d("2023-X2-29");
    assert_eq!(one.as_day(), Some(day(2023, 12, 29)));
    assert!(one.certainly_on(day(2023, 12, 29)));
    // Ten thousand years, but no more than their 25 Decembers.
    let christmas = d("XXXX-12-25");
    let year_2023 = Window::of(&d("2023"));
    assert!(christmas.possibly_within(&year_2023));
    assert!(!christmas.possibly_within(&Window::of(&d("2023-11"))));
    assert!(christmas.possibly_before(day(1, 1, 1)));
}

#[test]
fn trailing_unspecified_parts_are_one_range() {
    let cases = [
        ("2020-XX-XX", "2020-01-01", "2020-12-31", Precision::Year),
        ("202X-XX", "2020-01-01", "2029-12-31", Precision::Decade),
        ("202X-XX-XX", "2020-01-01", "2029-12-31", Precision::Decade),
        ("19XX-XX", "1900-01-01", "1999-12-31", Precision::Century),
    ];
    for (text, first, last, precision) in cases {
        let date = d(text);
        assert_eq!(date.earliest().unwrap().to_string(), first, "{text}");
        assert_eq!(date.latest().unwrap().to_string(), last, "{text}");
        assert_eq!(date.precision(), Some(precision), "{text}");
        assert_eq!(date.to_string(), text);
        assert!(!date.has_gaps(), "{text}");
    }
}

#[test]
fn a_pattern_that_allows_no_day_says_so() {
    let e = Date::parse("2021-02-3X").unwrap_err();
    assert_eq!(e.kind(), DateErrorKind::NoDay);
    assert_eq!(
        e.to_string(),
        r#"invalid date "2021-02-3X": "2021-02-3X" allows no day of the calendar: expected unspecified digits that at least one real day fits"#
    );
    let e = Date::parse("2023-4X").unwrap_err();
    assert!(e.to_string().contains("month 4X allows no month"), "{e}");
    let e = Date::parse("[2023,2023-XX-4X]").unwrap_err();
    assert!(e.to_string().contains("day 4X allows no day"), "{e}");
    let e = Date::parse("XXXX").unwrap_err();
    assert!(e.to_string().contains("says nothing"), "{e}");
}

#[test]
fn patterns_take_part_in_lists_and_ranges() {
    let list = d("[1975,1971-XX-03]");
    assert_eq!(list.to_string(), "[1971-XX-03,1975]");
    assert!(list.is_list() && list.has_gaps());
    assert_eq!(list.precision(), None);
    assert!(!list.possibly_on(day(1971, 5, 4)));
    assert!(list.possibly_on(day(1971, 5, 3)));
    assert!(list.possibly_on(day(1975, 5, 4)));
    assert!(!list.possibly_on(day(1973, 5, 3)));
    assert_eq!(list.earliest(), Some(day(1971, 1, 3)));
    assert_eq!(list.latest(), Some(day(1975, 12, 31)));
    // A range runs from the first day its start allows to the last its end
    // does: every day between is a candidate.
    let range = d("[1971-XX-03..1972-XX-05]");
    assert_eq!(range.earliest(), Some(day(1971, 1, 3)));
    assert_eq!(range.latest(), Some(day(1972, 12, 5)));
    assert!(range.possibly_on(day(1971, 5, 4)) && !range.has_gaps());
}

#[test]
fn two_dates_may_name_the_same_day_only_if_they_share_a_candidate() {
    let same = |a: &str, b: &str| {
        let (a, b) = (d(a), d(b));
        assert_eq!(a.possibly_same_day(&b), b.possibly_same_day(&a));
        a.possibly_same_day(&b)
    };
    assert!(same("2023-XX-03", "2023-05-XX"));
    assert!(same("2023-XX-03", "2023-05"));
    assert!(same("2023-XX-03", "2023-05-03"));
    assert!(!same("2023-XX-03", "2023-XX-04"));
    assert!(!same("2023-XX-03", "[2023-05-04..2023-05-31]"));
    assert!(!same("XXX2-02-29", "XXX3-XX-XX"));
    assert!(same("XXXX-02-29", "2024"));
    assert!(!same("[2023-01-01,2023-01-10]", "[2023-01-05,2023-01-12]"));
    assert!(same("[2023-01-01,2023-01-10]", "[2023-01-05,2023-01-10]"));
    assert!(same("[..2023-01-01]", "[2022-12-31..]"));
    assert!(same("2023", "2023-06"));
}

/// A pattern text: a year in 1900–2099 with any of its last two digits
/// unspecified, and perhaps a month and a day of digits and `X`, mostly
/// ones that allow some day.
fn a_pattern() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let digit = |chars: &'static str| proptest::sample::select(chars.chars().collect::<Vec<_>>());
    let year = (
        digit("12"),
        digit("90"),
        digit("0123456789XXX"),
        digit("0123456789XXX"),
    );
    let month = (digit("01XX"), digit("0123456789XXX"));
    let day = (digit("0123XX"), digit("0123456789XXX"));
    (
        year,
        proptest::option::of((month, proptest::option::of(day))),
    )
        .prop_map(|((a, b, c, e), rest)| {
            let mut text = format!("{a}{b}{c}{e}");
            if let Some(((m1, m2), day)) = rest {
                text.push_str(&format!("-{m1}{m2}"));
                if let Some((d1, d2)) = day {
                    text.push_str(&format!("-{d1}{d2}"));
                }
            }
            text
        })
}

/// Whether `pattern` allows the day, digit by digit.
fn allows(pattern: &str, n: i32) -> bool {
    let (year, month, day) = super::calendar::civil(n);
    let year = u32::try_from(year).unwrap();
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let digits = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        digit(month / 10),
        digit(month),
        digit(day / 10),
        digit(day),
    ];
    pattern
        .bytes()
        .filter(|&b| b != b'-')
        .zip(digits)
        .all(|(p, w)| p == b'X' || p == w)
}

proptest::proptest! {
    /// Every question about a pattern's days is answered as a walk over
    /// the days of its years answers it.
    #[test]
    fn patterns_answer_as_a_walk_over_their_days(
        text in a_pattern(),
        windows in proptest::collection::vec((0..40_000i32, 0..400i32), 8),
    ) {
        let first_year: i32 = text[..4].replace('X', "0").parse().unwrap_or(0);
        let last_year: i32 = text[..4].replace('X', "9").parse().unwrap_or(0);
        let start = day_number(day(first_year, 1, 1));
        let end = day_number(day(last_year, 12, 31));
        let days: Vec<i32> = (start..=end).filter(|&n| allows(&text, n)).collect();
        let date = match Date::parse(&text) {
            Ok(date) => date,
            Err(e) => {
                proptest::prop_assert!(days.is_empty(), "{text}: {e}, but {} days", days.len());
                return Ok(());
            }
        };
        proptest::prop_assert_eq!(days.first().copied(), Some(date.earliest_day_number()));
        proptest::prop_assert_eq!(days.last().copied(), Some(date.latest_day_number()));
        proptest::prop_assert_eq!(date.to_string(), text.clone());
        proptest::prop_assert_eq!(&d(&text), &date);
        let on = |n: i32| super::calendar::from_day_number(n).unwrap_or_default();
        for &(offset, len) in &windows {
            let (from, to) = (start - 200 + offset, start - 200 + offset + len);
            let window = Window::new(on(from), on(to)).unwrap();
            let some = days.iter().any(|&n| (from..=to).contains(&n));
            let all = days.iter().all(|&n| (from..=to).contains(&n));
            proptest::prop_assert_eq!(date.possibly_within(&window), some, "{} {:?}", text, window);
            proptest::prop_assert_eq!(date.certainly_within(&window), all, "{} {:?}", text, window);
            let n = on(from);
            proptest::prop_assert_eq!(date.possibly_on(n), days.contains(&from));
            proptest::prop_assert_eq!(date.certainly_on(n), days == [from]);
            proptest::prop_assert_eq!(date.possibly_before(n), days.iter().any(|&d| d < from));
            proptest::prop_assert_eq!(date.certainly_before(n), days.iter().all(|&d| d < from));
            proptest::prop_assert_eq!(date.possibly_after(n), days.iter().any(|&d| d > from));
            proptest::prop_assert_eq!(date.certainly_after(n), days.iter().all(|&d| d > from));
            let other = Date::day(n).unwrap();
            let gaps = days.iter().map(|&d| i64::from(from) - i64::from(d));
            let (min, max) = (gaps.clone().min().unwrap_or(0), gaps.max().unwrap_or(0));
            proptest::prop_assert_eq!(date.days_until(&other), Some(min..=max));
            proptest::prop_assert_eq!(date.possibly_same_day(&other), days.contains(&from));
        }
    }
}

#[test]
fn each_qualifier_has_its_symbol_and_says_if_it_is_uncertain_or_approximate() {
    let table = [
        (Qualifier::Uncertain, '?', true, false),
        (Qualifier::Approximate, '~', false, true),
        (Qualifier::UncertainApproximate, '%', true, true),
    ];
    for (q, symbol, uncertain, approximate) in table {
        assert_eq!(q.symbol(), symbol, "{q:?}");
        assert_eq!(q.is_uncertain(), uncertain, "{q:?}");
        assert_eq!(q.is_approximate(), approximate, "{q:?}");
    }
}

#[test]
fn a_date_has_a_year_only_when_every_candidate_day_falls_in_it() {
    assert_eq!(d("2022-41").year(), Some(2022));
    assert_eq!(d("2022-06-2X").year(), Some(2022));
    assert_eq!(d("[2022-03,2022-11]").year(), Some(2022));
    assert_eq!(d("[2022-12..2023-01]").year(), None);
    assert_eq!(d("[2022-12..2023-01]").years(), Some(2022..=2023));
    assert_eq!(d("[..2023-01]").year(), None);
    assert_eq!(d("[..2023-01]").years(), None);
}

#[test]
fn a_month_or_day_of_one_digit_is_named_as_such() {
    let e = Date::parse("2023-1-05").unwrap_err();
    assert!(
        e.to_string().contains(r#"month "1" is not two digits"#),
        "{e}"
    );
    let e = Date::parse("1953-05-5").unwrap_err();
    assert!(
        e.to_string().contains(r#"day "5" is not two digits"#),
        "{e}"
    );
}

/// A window from day numbers is the window of the same days from dates,
/// and only the calendar's days make one.
#[test]
fn a_window_from_day_numbers_is_the_window_of_those_days() {
    use chrono::Datelike;
    let (from, to) = (day(2023, 8, 1), day(2023, 8, 15));
    let by_numbers = Window::from_day_numbers(from.num_days_from_ce(), to.num_days_from_ce());
    assert_eq!(by_numbers, Window::new(from, to));
    let (first, last) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    let whole = Window::from_day_numbers(first, last).unwrap();
    assert_eq!(
        (whole.from(), whole.to()),
        (Some(NaiveDate::MIN), Some(NaiveDate::MAX))
    );
    for (a, b) in [
        (first - 1, last),
        (first, last + 1),
        (i32::MIN, 0),
        (0, i32::MAX),
    ] {
        let err = Window::from_day_numbers(a, b).unwrap_err();
        assert_eq!(err.kind(), DateErrorKind::DayNumber, "{a} {b}");
    }
    let err = Window::from_day_numbers(10, 9).unwrap_err();
    assert_eq!(err.kind(), DateErrorKind::Reversed);
    // A window of one day starts and ends on it.
    let one = from.num_days_from_ce();
    assert_eq!(Window::from_day_numbers(one, one), Window::new(from, from));
}

/// A date's error gives back the text it rejected.
#[test]
fn a_date_error_holds_the_rejected_text() {
    for text in ["2023-13-01", "late 2022", "1971-XX-32"] {
        let err = Date::parse(text).unwrap_err();
        assert_eq!(err.text(), text);
    }
}

#[test]
fn possibly_between_day_numbers_is_possibly_within_their_window_and_never_when_reversed() {
    let days = [
        day(2019, 12, 31),
        day(2020, 1, 1),
        day(2020, 2, 15),
        day(2020, 3, 1),
        day(2020, 3, 2),
        day(2020, 5, 31),
        day(2020, 6, 1),
        day(2023, 8, 6),
        day(2023, 8, 7),
    ];
    let (mut met, mut missed) = (0, 0);
    for text in [
        "2023-08-06",
        "2020-03",
        "[2020-01-01,2020-03-01]",
        "XXXX-03-01",
        "[..2020-05]",
        "2020~",
    ] {
        let date = d(text);
        for &from in &days {
            for &to in &days {
                let window = Window::new(from, to).ok();
                let expected = window.is_some_and(|w| date.possibly_within(&w));
                let (first, last) = (day_number(from), day_number(to));
                assert_eq!(
                    date.possibly_between(first, last),
                    expected,
                    "{text} between {from} and {to}"
                );
                if expected {
                    met += 1;
                } else {
                    missed += 1;
                }
            }
        }
    }
    // Both answers occur, a one-day window among those that meet.
    assert!(met > 0 && missed > 0, "{met} met, {missed} missed");
    let n = day_number(day(2023, 8, 6));
    assert!(d("2023-08-06").possibly_between(n, n));
    assert!(!d("2023-08-06").possibly_between(n, n - 1));
    assert!(!d("2023-08").possibly_between(n + 1, n));
}

#[cfg(feature = "svg")]
#[test]
fn a_list_gives_the_first_and_last_day_of_each_alternative_and_other_dates_none() {
    let n = |y, m, dd| day_number(day(y, m, dd));
    assert_eq!(
        d("[2020-01,2021-03-05,2022]").listed_spans(),
        vec![
            (n(2020, 1, 1), n(2020, 1, 31)),
            (n(2021, 3, 5), n(2021, 3, 5)),
            (n(2022, 1, 1), n(2022, 12, 31)),
        ]
    );
    for text in [
        "2020-01",
        "[2023-06-30,2023-06-30]",
        "[2023-01..2023-03]",
        "1971-XX-03",
    ] {
        assert_eq!(d(text).listed_spans(), Vec::<(i32, i32)>::new(), "{text}");
    }
}
