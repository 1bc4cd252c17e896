//! Small things a newcomer trips over: each as the newcomer would try it.

use pactum::{Date, Key, Mou};

#[test]
fn cadence_takes_a_partnership_key_as_next_meeting_does() {
    let registry = pactum::seed();
    let by_partnership = registry.cadence("eu-kr-digital").expect("a partnership");
    let by_series = registry.cadence("eu-kr-dpc").expect("a series");
    assert_eq!(by_partnership.len(), 2);
    assert_eq!(by_partnership, by_series);
    let err = registry.cadence("eu-kr-digitl").expect_err("neither");
    assert!(err.to_string().contains("eu-kr-digital"), "{err}");
}

#[test]
fn dates_and_keys_honour_width_alignment_and_fill() {
    let date = Date::parse("2022-41").expect("a half");
    assert_eq!(format!("[{date:<10}]"), "[2022-41   ]");
    assert_eq!(format!("[{date:>10}]"), "[   2022-41]");
    assert_eq!(format!("[{date:*^11}]"), "[**2022-41**]");
    let key: Key<Mou> = Key::new("kr-us").expect("a key");
    assert_eq!(format!("[{key:<8}]"), "[kr-us   ]");
    assert_eq!(format!("[{key:>8}]"), "[   kr-us]");
    // Without a width, nothing is added or cut.
    assert_eq!(format!("{date} {key}"), "2022-41 kr-us");
}

#[test]
fn a_date_gives_its_year_when_every_candidate_day_is_in_one() {
    let year = |text: &str| Date::parse(text).expect("a date").year();
    assert_eq!(year("2022-06-2X"), Some(2022));
    assert_eq!(year("2022-41"), Some(2022));
    assert_eq!(year("[2022-03,2022-11]"), Some(2022));
    assert_eq!(year("[2022-12..2023-01]"), None);
    assert_eq!(year("[2022..]"), None);
    let years = Date::parse("[2021-12,2023-01]").expect("a list").years();
    assert_eq!(years, Some(2021..=2023));
}

#[test]
fn a_date_in_words_gets_the_edtf_it_likely_means() {
    let err = Date::parse("late 2022").expect_err("words");
    assert_eq!(
        err.to_string(),
        r#"invalid date "late 2022": words are not EDTF: did you mean 2022-41 (the second half) or 2022-36 (the fourth quarter)?"#
    );
    let err = Date::parse("2022-Q4").expect_err("words");
    assert!(
        err.to_string()
            .ends_with("did you mean 2022-36 (the fourth quarter)?"),
        "{err}"
    );
    // What is suggested reads.
    for text in ["2022-41", "2022-36"] {
        assert!(Date::parse(text).is_ok(), "{text}");
    }
}
