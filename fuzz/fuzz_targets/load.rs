//! Arbitrary bytes as a data file: loading never panics, and whatever loads
//! saves and reloads to identical bytes, and answers the party queries as
//! the naive scans do. Quarantine loading keeps a valid registry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactum::{Limits, Registry};

#[path = "../../tests/common/queries.rs"]
mod queries;

fuzz_target!(|data: &[u8]| {
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
