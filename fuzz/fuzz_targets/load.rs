//! Arbitrary bytes as a small data file: loading never panics, and whatever
//! loads saves and reloads to identical bytes, and answers the party queries
//! as the naive scans do. Quarantine loading keeps a valid registry.
//!
//! Run it with `-max_len=4096` and the dictionary `load.dict` (as
//! `scripts/fuzz.sh` does): every rule of the format fits in a few entities,
//! and a small file is mutated into another valid one far more often than a
//! large one, so the fuzzer spends its time past the JSON parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactum::{Limits, Registry};

#[path = "../../tests/common/queries.rs"]
mod queries;

/// Larger inputs are skipped (libFuzzer's own `-max_len` should already
/// keep them out): their cost grows with their size and they find nothing
/// a small file does not.
const MAX_LEN: usize = 4096;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_LEN {
        return;
    }
    if let Ok(registry) = Registry::from_reader(data) {
        let saved = registry.to_json_string();
        let reloaded = Registry::from_json_str(&saved).expect("a saved registry loads");
        assert_eq!(reloaded.to_json_string(), saved);
        queries::check_loaded(&registry);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(q) = Registry::quarantine_json_str(text, &Limits::default()) {
            let saved = q.registry().to_json_string();
            assert!(Registry::from_json_str(&saved).is_ok());
        }
    }
});
