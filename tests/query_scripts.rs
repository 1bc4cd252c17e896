//! Random edit scripts build a registry, random bytes a query: the indexed
//! answers equal the naive scans. The twin of the `query` fuzz target.

#[path = "common/edits.rs"]
mod edits;
#[path = "common/queries.rs"]
mod queries;

use proptest::prelude::*;

proptest! {
    // 256 cases (proptest's default), or `PROPTEST_CASES`.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn indexed_queries_on_scripted_registries_match_the_naive_scans(
        script in proptest::collection::vec(any::<u8>(), 0..300),
        query in proptest::collection::vec(any::<u8>(), 5..6),
    ) {
        let registry = edits::build(&script);
        queries::check(&registry, &query);
    }
}

#[test]
fn scripted_registries_have_events_for_the_queries_to_find() {
    // Guards the property above against vacuity: the scripts must build
    // registries with events.
    let mut events = 0;
    let mut actions = 0;
    for script in edits::fixed_scripts(0x2545_f491_4f6c_dd1d, 50) {
        let registry = edits::build(&script);
        events += registry.events().len();
        actions += registry
            .events()
            .iter()
            .filter(|e| e.party_action().is_some())
            .count();
        queries::check(&registry, &script[..5]);
    }
    assert!(events > 100, "only {events} events in 50 registries");
    assert!(
        actions > 10,
        "only {actions} party actions in 50 registries"
    );
}
