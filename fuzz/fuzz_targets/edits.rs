//! Arbitrary bytes as a script of inserts, updates, removals and merges:
//! after every step the registry is a valid dataset, and a failed step
//! changed nothing. The interpreter is shared with `tests/properties.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/edits.rs"]
mod edits;

fuzz_target!(|script: &[u8]| {
    if let Err(problem) = edits::run(script) {
        panic!("{problem}");
    }
});
