//! Properties checked on random input, mirroring the fuzz targets in
//! `fuzz/` so that CI exercises the same code paths on stable Rust.

mod common;

use pactum::{Date, Registry, Window};
use proptest::prelude::*;

/// 256 cases (proptest's default), or as many as `PROPTEST_CASES` says.
fn config() -> ProptestConfig {
    ProptestConfig::default()
}

/// Text made of the characters EDTF uses, with some noise.
fn date_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9X\\-\\[\\]\\.,/?~% {}T:]{0,24}").expect("a valid regex")
}

/// A convention whose parties sign, ratify, withdraw and accede: the load
/// fuzz target's seed for parties.
const PARTIES_JSON: &str = include_str!("../fuzz/corpus/load/seed-parties.json");

/// The seed dataset, or a convention with parties, with a few bytes
/// replaced, deleted or inserted.
fn mutated_seed() -> impl Strategy<Value = Vec<u8>> {
    let len = pactum::SEED_JSON.len();
    let edits = proptest::collection::vec((0..len, any::<u8>(), 0u8..3), 1..8);
    (edits, prop::bool::weighted(0.3)).prop_map(|(edits, parties)| {
        let text = if parties {
            PARTIES_JSON
        } else {
            pactum::SEED_JSON
        };
        let mut bytes = text.as_bytes().to_vec();
        for (at, byte, how) in edits {
            let at = at % bytes.len().max(1);
            match how {
                0 => bytes[at] = byte,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, byte),
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn date_parsing_never_panics_and_canonical_text_round_trips(text in date_text()) {
        if let Ok(date) = Date::parse(&text) {
            let again = Date::parse(&date.to_string()).expect("canonical text parses");
            prop_assert_eq!(&again, &date);
            prop_assert_eq!(again.to_string(), date.to_string());
            if let (Some(a), Some(b)) = (date.earliest(), date.latest()) {
                prop_assert!(a <= b);
            }
            prop_assert!(date.possibly_within(&Window::of(&date)));
            prop_assert!(date.certainly_within(&Window::of(&date)));
        }
    }

    #[test]
    fn loading_a_damaged_file_never_panics_and_what_loads_saves_stably(bytes in mutated_seed()) {
        if let Ok(registry) = Registry::from_reader(bytes.as_slice()) {
            let saved = registry.to_json_string();
            let reloaded = Registry::from_json_str(&saved).expect("a saved registry loads");
            prop_assert_eq!(reloaded.to_json_string(), saved);
            // Without the naive oracle there is nothing to compare with.
            #[cfg(feature = "naive")]
            common::queries::check_loaded(&registry);
        }
    }

    #[test]
    fn quarantine_of_a_damaged_file_keeps_a_valid_registry(bytes in mutated_seed()) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Ok(q) = Registry::quarantine_json_str(text, &pactum::Limits::default()) {
                let saved = q.registry().to_json_string();
                prop_assert!(Registry::from_json_str(&saved).is_ok());
            }
        }
    }

    #[test]
    fn random_edit_scripts_keep_the_registry_valid_and_failed_edits_change_nothing(
        script in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        if let Err(problem) = common::edits::run(&script) {
            return Err(TestCaseError::fail(problem));
        }
    }
}

#[test]
fn edit_scripts_mostly_do_something() {
    // A script interpreter that only ever fails would make the property
    // above vacuous: check that fixed pseudo-random scripts succeed often.
    let mut total = 0;
    let mut succeeded = 0;
    for script in common::edits::fixed_scripts(0x9e37_79b9_7f4a_7c15, 50) {
        total += 64;
        succeeded += common::edits::run(&script).expect("the properties hold");
    }
    assert!(
        succeeded * 10 > total,
        "only {succeeded} of {total} steps succeeded"
    );
}

#[test]
fn checking_every_sixteen_steps_applies_the_same_edits_as_checking_every_step() {
    // The fuzz target checks every sixteen steps to go faster; it must
    // still run the same edits, so that what it explores is what it checks.
    for script in common::edits::fixed_scripts(0x51_7cc1_b727_220a, 20) {
        let every = common::edits::run(&script).expect("the properties hold");
        let sparse = common::edits::run_checking_every(&script, 16).expect("the properties hold");
        assert_eq!(sparse, every);
        assert!(sparse > 0, "a script that does nothing proves nothing");
    }
}
