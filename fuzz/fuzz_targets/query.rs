//! Arbitrary bytes as a registry (built by an edit script) and a query: the
//! indexed answers equal the naive linear scans of `pactum::naive`, in order.
//! The check is shared with `tests/query_scripts.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/edits.rs"]
mod edits;
#[path = "../../tests/common/queries.rs"]
mod queries;

fuzz_target!(|data: &[u8]| {
    // The last five bytes are the query, the rest the script.
    let (script, query) = data.split_at(data.len().saturating_sub(5));
    let registry = edits::build(script);
    queries::check(&registry, query);
});
