//! The recipes of docs/sql.md in DuckDB give pactum's answers: the test
//! writes the Parquet export and pactum's answers and runs
//! scripts/sql_check.py, when python3 has duckdb (skipped otherwise).

mod common;

use std::path::Path;
use std::process::Command;

use common::{
    cadence, in_force_for, in_force_on, next_meeting, overdue, parties, previous_meeting, threads,
    timeline_with_dates, DAYS, MEETING_DAYS, PARTY_DAYS, WINDOWS,
};
use pactum::synth::Synth;
use pactum::Registry;
use serde_json::json;

fn has_duckdb() -> bool {
    Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn check(registry: &Registry, most: usize) {
    let dir = tempfile::tempdir().expect("a directory");
    pactum::export::arrow::write_parquet_dir(registry, dir.path()).expect("parquet");
    let mut expected = Vec::new();
    for (from, to) in WINDOWS {
        let rows = timeline_with_dates(registry, from, to);
        expected.push(json!({"recipe": "timeline", "from": from, "to": to, "rows": rows}));
    }
    let parties = parties(registry, most);
    for on in DAYS {
        expected
            .push(json!({"recipe": "in_force_on", "day": on, "rows": in_force_on(registry, on)}));
        expected.push(json!({"recipe": "overdue", "day": on, "rows": overdue(registry, on)}));
        for who in parties.iter().filter(|_| PARTY_DAYS.contains(&on)) {
            let rows = in_force_for(registry, who, on);
            expected.push(json!({"recipe": "in_force_for", "day": on, "who": who, "rows": rows}));
        }
    }
    for thread in threads(registry, most) {
        for on in MEETING_DAYS {
            let rows = next_meeting(registry, &thread, on);
            expected
                .push(json!({"recipe": "next_meeting", "day": on, "thread": thread, "rows": rows}));
            let rows = previous_meeting(registry, &thread, on);
            expected.push(
                json!({"recipe": "previous_meeting", "day": on, "thread": thread, "rows": rows}),
            );
        }
        let rows: Vec<String> = cadence(registry, &thread)
            .into_iter()
            .enumerate()
            .map(|(i, gap)| format!("{},{gap}", i + 1))
            .collect();
        expected.push(json!({"recipe": "cadence", "thread": thread, "rows": rows}));
    }
    let text = serde_json::to_string(&expected).expect("json");
    std::fs::write(dir.path().join("expected.json"), text).expect("expected answers");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/sql_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(dir.path())
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("all equal"), "{said}");
}

#[test]
fn every_recipe_answers_as_the_library_in_duckdb_on_the_seed() {
    if !has_duckdb() {
        eprintln!("skipped: python3 has no duckdb (pip install duckdb)");
        return;
    }
    check(&pactum::seed(), 4);
}

/// A synthetic dataset of `agreements` agreements, 30% multilateral.
fn synthetic(agreements: usize) -> Registry {
    Synth::new(agreements)
        .multilateral(30)
        .registry()
        .expect("a dataset")
}

#[test]
fn every_recipe_answers_as_the_library_in_duckdb_on_10k_synthetic_agreements() {
    if !has_duckdb() {
        eprintln!("skipped: python3 has no duckdb (pip install duckdb)");
        return;
    }
    check(&synthetic(10_000), 2);
}

/// Run by `scripts/sql_check_100k.sh`, as its DataFusion twin in
/// `tests/library.rs`.
#[test]
#[ignore = "long: run by scripts/sql_check_100k.sh"]
fn every_recipe_answers_as_the_library_in_duckdb_on_100k_synthetic_agreements() {
    assert!(has_duckdb(), "python3 has no duckdb (pip install duckdb)");
    check(&synthetic(100_000), 2);
}
