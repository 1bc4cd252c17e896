//! Every peer of the benchmarks gives pactum's answers on the generated
//! data, so that a ratio compares two ways to the same answer.

use pactum::synth::Synth;
use pactum::Registry;
use pactum_bench::peers::{window, Peers};
use pactum_bench::{day_number, query_days};

fn windows(len: i32, count: usize) -> Vec<(i32, i32)> {
    query_days(count)
        .into_iter()
        .map(|d| (day_number(d), day_number(d) + len - 1))
        .collect()
}

fn registry(precise: bool) -> Registry {
    let registry = Synth::new(5_000)
        .seed(42)
        .precise(precise)
        .registry()
        .expect("generated data is valid");
    registry.build_indexes();
    registry
}

#[test]
fn every_peer_counts_what_pactum_counts() {
    for precise in [false, true] {
        let registry = registry(precise);
        let peers = Peers::new(&registry);
        let mut possibly = windows(1, 64);
        possibly.extend(windows(30, 64));
        let days: Vec<i32> = query_days(64).into_iter().map(day_number).collect();
        if let Err(e) = peers.check(&registry, &possibly, &windows(365, 64), &days) {
            panic!("precise {precise}: {e}");
        }
    }
}

#[test]
fn the_ordered_scan_visits_pactums_hits_in_pactums_order() {
    let registry = registry(false);
    let peers = Peers::new(&registry);
    let events = registry.events();
    for (a, z) in windows(30, 16) {
        let want: Vec<_> = registry
            .timeline()
            .within(window(a, z))
            .run()
            .expect("a query")
            .map(|hit| (hit.event().kind(), hit.event().key()))
            .collect();
        let mut got = Vec::new();
        peers.scan.visit_overlapping(a, z, |i| {
            let e = events[i as usize];
            got.push((e.kind(), e.key()));
        });
        assert_eq!(got, want, "window {a}..={z}");
    }
}

#[test]
fn open_ended_ranges_are_kept_apart_from_the_trees() {
    let registry = registry(false);
    let peers = Peers::new(&registry);
    let open = peers
        .force
        .iter()
        .filter(|r| r.0 == pactum_bench::peers::OPEN_START || r.1 == pactum_bench::peers::OPEN_END)
        .count();
    // The generated data has open-ended terms; were they clamped into the
    // trees, a tree's longest interval would span billions of days.
    assert!(open > 0, "no open-ended agreement in the generated data");
    assert!(peers.lapper_force.longest_closed() < 100 * 366);
}
