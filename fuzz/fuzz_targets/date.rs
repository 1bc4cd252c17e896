//! Arbitrary text as an EDTF date: parsing never panics, and a parsed date's
//! canonical text parses back to an equal date with the same range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactum::{Date, Window};

fuzz_target!(|text: &str| {
    if let Ok(date) = Date::parse(text) {
        let again = Date::parse(&date.to_string()).expect("canonical text parses");
        assert_eq!(again, date);
        assert_eq!(again.earliest(), date.earliest());
        assert_eq!(again.latest(), date.latest());
        if let (Some(a), Some(b)) = (date.earliest(), date.latest()) {
            assert!(a <= b);
        }
        assert!(date.certainly_within(&Window::of(&date)));
    }
});
