//! Every table function and recipe gives the library's answers, row for
//! row and certainty for certainty, on the seed and on a synthetic
//! dataset, from in-memory tables and from the Parquet export.

mod common;

use common::{
    cadence, in_force_for, in_force_on, next_meeting, overdue, parties, previous_meeting, rows,
    sorted, threads, timeline, DAYS, MEETING_DAYS, PARTY_DAYS, WINDOWS,
};
use datafusion::prelude::SessionContext;
use pactum::synth::Synth;
use pactum::Registry;

/// Compares the meeting questions with the library on `ctx`, which holds
/// the tables of `registry`; returns the number of rows compared.
async fn compare_meetings(ctx: &SessionContext, registry: &Registry, threads: &[String]) -> usize {
    let mut compared = 0;
    for thread in threads {
        for on in MEETING_DAYS {
            let sql = format!("SELECT key, certain FROM next_meeting('{thread}', '{on}')");
            let expected = next_meeting(registry, thread, on);
            assert_eq!(
                rows(ctx, &sql).await,
                expected,
                "next meeting of {thread} after {on}"
            );
            compared += expected.len();
            let sql = format!("SELECT key, certain FROM previous_meeting('{thread}', '{on}')");
            let expected = previous_meeting(registry, thread, on);
            assert_eq!(
                rows(ctx, &sql).await,
                expected,
                "previous meeting of {thread} before {on}"
            );
            compared += expected.len();
        }
        // In the library's order: each gap with its number.
        let sql =
            format!("SELECT n, \"from\", \"to\", min_days, max_days FROM cadence('{thread}')");
        let expected = sorted(
            cadence(registry, thread)
                .into_iter()
                .enumerate()
                .map(|(i, gap)| format!("{},{gap}", i + 1))
                .collect(),
        );
        assert_eq!(rows(ctx, &sql).await, expected, "cadence of {thread}");
        compared += expected.len();
    }
    assert!(threads.is_empty() || compared > 0, "no meeting compared");
    compared
}

/// Compares every table function with the library on `ctx`, which holds
/// the tables of `registry`; returns the number of rows compared.
async fn compare(ctx: &SessionContext, registry: &Registry, parties: &[String]) -> usize {
    let mut compared = compare_meetings(ctx, registry, &threads(registry, parties.len())).await;
    for (from, to) in WINDOWS {
        let sql = format!("SELECT kind, key, certain FROM timeline('{from}', '{to}')");
        let expected = timeline(registry, from, to);
        assert_eq!(rows(ctx, &sql).await, expected, "timeline {from} to {to}");
        compared += expected.len();
    }
    for on in DAYS {
        let sql = format!("SELECT kind, key, certain FROM in_force_on('{on}')");
        let expected = in_force_on(registry, on);
        assert_eq!(rows(ctx, &sql).await, expected, "in force on {on}");
        compared += expected.len();
        let sql = format!("SELECT key, certain FROM overdue('{on}')");
        let expected = overdue(registry, on);
        assert_eq!(rows(ctx, &sql).await, expected, "overdue on {on}");
        compared += expected.len();
        for who in parties.iter().filter(|_| PARTY_DAYS.contains(&on)) {
            let sql = format!("SELECT kind, key, certain FROM in_force_for('{who}', '{on}')");
            let expected = in_force_for(registry, who, on);
            assert_eq!(
                rows(ctx, &sql).await,
                expected,
                "in force for {who} on {on}"
            );
            compared += expected.len();
        }
    }
    compared
}

async fn both_ways(registry: &Registry, most: usize) -> usize {
    let parties = parties(registry, most);
    let memory = SessionContext::new();
    pactum_sql::register_registry(&memory, registry)
        .await
        .expect("tables");
    let compared = compare(&memory, registry, &parties).await;
    let dir = tempfile::tempdir().expect("a directory");
    pactum::export::arrow::write_parquet_dir(registry, dir.path()).expect("parquet");
    let files = SessionContext::new();
    pactum_sql::register_parquet_dir(&files, dir.path())
        .await
        .expect("tables");
    assert_eq!(compare(&files, registry, &parties).await, compared);
    compared
}

#[tokio::test(flavor = "current_thread")]
async fn every_table_function_answers_as_the_library_on_the_seed() {
    let registry = pactum::seed();
    let compared = both_ways(&registry, 4).await;
    assert!(compared > 50, "{compared}");
}

/// A synthetic dataset of `agreements` agreements, 30% multilateral.
fn synthetic(agreements: usize) -> Registry {
    Synth::new(agreements)
        .multilateral(30)
        .registry()
        .expect("a dataset")
}

#[tokio::test(flavor = "current_thread")]
async fn every_table_function_answers_as_the_library_on_10k_synthetic_agreements() {
    let compared = both_ways(&synthetic(10_000), 2).await;
    assert!(compared > 1_000, "{compared}");
}

/// Run by `scripts/sql_check_100k.sh`: too long for every `cargo test`
/// (BENCHMARKS.md, "SQL on DataFusion", has its time).
#[tokio::test(flavor = "current_thread")]
#[ignore = "long: run by scripts/sql_check_100k.sh"]
async fn every_table_function_answers_as_the_library_on_100k_synthetic_agreements() {
    let compared = both_ways(&synthetic(100_000), 2).await;
    assert!(compared > 10_000, "{compared}");
}
