//! Arbitrary bytes as a script of inserts, updates, removals and merges: a
//! failed step changed nothing (checked at every step), and every sixteen
//! steps and after the last the registry saves to a valid dataset whose
//! indexes, kept up to date by the edits, answer like ones built afresh.
//! The interpreter is shared with `tests/properties.rs`, whose property test
//! checks after every step.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/edits.rs"]
mod edits;

/// Steps between two reloads: the reload and the comparison of answers are
/// most of a step's cost, so checking after every step ran 17 scripts a
/// second.
const CHECK_EVERY: usize = 16;

fuzz_target!(|script: &[u8]| {
    if let Err(problem) = edits::run_checking_every(script, CHECK_EVERY) {
        panic!("{problem}");
    }
});
