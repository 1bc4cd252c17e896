//! A fixed, deterministic workload for counting instructions with
//! callgrind (`scripts/callgrind.sh` runs every one):
//!
//! ```text
//! cargo build --release -p pactum-bench --bin callgrind
//! valgrind --tool=callgrind target/release/callgrind WORKLOAD [AGREEMENTS]
//! ```
//!
//! Every workload generates the dataset as `pactum_bench::Fixture` does
//! (`Synth::new(n).seed(42)`, default 100000 agreements) and builds on the
//! one before it, so a cost is the difference of two counts:
//!
//! - `json`: only generates the JSON text;
//! - `load`: `json`, then `Registry::from_json_str` (load = load - json);
//! - `setup`: `load`, then `build_indexes` (indexes = setup - load);
//! - `q1_count`: `setup`, then `timeline().within(w).count()` for 1000
//!   windows of 30 days spread like the benchmark's `windows(30)`;
//! - `q1_visit`: `setup`, then the same windows' hits, each visited;
//! - `q3`: `setup`, then `in_force_on` for 1000 query days;
//! - `q1_count_days`: `setup` and one count (which builds the day
//!   tallies), then the counts of `q1_count`, each window made inside the
//!   loop from day numbers (`Window::from_day_numbers`): the count alone;
//! - `q2_count`: `setup`, then `timeline().within(w).certainly().count()`
//!   for 1000 windows of 365 days, made before the loop;
//! - `p_setup`: the same with `Synth::multilateral(100)` (every MOU a
//!   convention with party actions), then the choice of the busiest and
//!   the median party as `pactum_bench::parties` makes it;
//! - `p1_busiest`, `p1_median`: `p_setup`, then `in_force_for` that party
//!   on 1000 query days.
//!
//! A query's cost is its count minus `setup`, or exactly, the count with
//! `--toggle-collect=*callgrind::queries*`. The sum of hits goes to
//! stdout so that no work can be optimised away. Only root-level items of
//! `pactum` (and `pactum::synth`) are used.

use std::error::Error;
use std::hint::black_box;

use pactum::synth::Synth;
use pactum::{Registry, Window};
use pactum_bench::parties::busiest_and_median;
use pactum_bench::{day, day_number, query_days};

/// Queries (windows or days) each query workload runs.
const QUERIES: usize = 1000;
/// Days in each Q1 window.
const WINDOW_DAYS: i32 = 30;
/// Agreements generated when no size is given.
const DEFAULT_AGREEMENTS: usize = 100_000;

/// The workloads, in the order the script runs them.
const WORKLOADS: [&str; 11] = [
    "json",
    "load",
    "setup",
    "q1_count",
    "q1_visit",
    "q3",
    "q1_count_days",
    "q2_count",
    "p_setup",
    "p1_busiest",
    "p1_median",
];

/// The 30-day windows of Q1, as `windows(30)` in `benches/workloads.rs`
/// makes them, over `QUERIES` start days.
fn windows() -> Result<Vec<Window>, Box<dyn Error>> {
    query_days(QUERIES)
        .into_iter()
        .map(|d| {
            let from = day_number(d);
            Ok(Window::new(day(from), day(from + WINDOW_DAYS - 1))?)
        })
        .collect()
}

/// The first day of each Q1 window, as a day number.
fn window_starts() -> Vec<i32> {
    query_days(QUERIES).into_iter().map(day_number).collect()
}

/// Runs one workload over `agreements` agreements; returns the sum of hits
/// (or, for the workloads without queries, a size of what they built).
fn run(workload: &str, agreements: usize) -> Result<usize, Box<dyn Error>> {
    if !WORKLOADS.contains(&workload) {
        return Err(format!("unknown workload {workload:?}; one of {WORKLOADS:?}").into());
    }
    let parties = workload.starts_with('p');
    let synth = Synth::new(agreements).seed(42);
    let json = if parties {
        synth.multilateral(100).json()
    } else {
        synth.json()
    };
    if workload == "json" {
        return Ok(json.len());
    }
    let registry = Registry::from_json_str(&json)?;
    if workload == "load" {
        return Ok(registry.len());
    }
    registry.build_indexes();
    if parties {
        let (busiest, median) = busiest_and_median(&registry);
        return match workload {
            "p1_busiest" => party_queries(&registry, &busiest),
            "p1_median" => party_queries(&registry, &median),
            _ => Ok(busiest.len() + median.len()),
        };
    }
    if workload == "q1_count_days" {
        // The first count builds the day tallies: outside the counted part.
        registry.timeline().within(Window::all()).count()?;
    }
    let years = query_days(QUERIES)
        .into_iter()
        .map(|d| {
            let from = day_number(d);
            Ok(Window::new(day(from), day(from + 364))?)
        })
        .collect::<Result<Vec<Window>, Box<dyn Error>>>()?;
    let starts = window_starts();
    match workload {
        "q1_count_days" => day_counts(&registry, &starts),
        "q2_count" => certain_counts(&registry, &years),
        _ => queries(&registry, workload),
    }
}

/// The counts of `q1_count`, each window made from day numbers inside
/// the loop. Never inlined, so that `--toggle-collect=*callgrind::day_counts*`
/// counts them alone.
#[inline(never)]
fn day_counts(registry: &Registry, starts: &[i32]) -> Result<usize, Box<dyn Error>> {
    let mut total = 0;
    for &from in starts {
        let w = Window::from_day_numbers(from, from + WINDOW_DAYS - 1)?;
        total += registry.timeline().within(w).count()?;
    }
    Ok(total)
}

/// The number of events certainly in each window. Never inlined, so that
/// `--toggle-collect=*callgrind::certain_counts*` counts them alone.
#[inline(never)]
fn certain_counts(registry: &Registry, windows: &[Window]) -> Result<usize, Box<dyn Error>> {
    let mut total = 0;
    for &w in windows {
        total += registry.timeline().within(w).certainly().count()?;
    }
    Ok(total)
}

/// The agreements in force for `party` on each query day. Never inlined,
/// so that `--toggle-collect=*callgrind::party_queries*` counts them alone.
#[inline(never)]
fn party_queries(registry: &Registry, party: &str) -> Result<usize, Box<dyn Error>> {
    let mut total = 0;
    for d in query_days(QUERIES) {
        total += registry
            .in_force_for(party, d)?
            .into_iter()
            .fold(0, |n, hit| {
                black_box(hit);
                n + 1
            });
    }
    Ok(total)
}

/// The queries of `workload` on a registry with its indexes built (none
/// for `setup`). Never inlined, so that `--toggle-collect=*callgrind::queries*`
/// counts them alone.
#[inline(never)]
fn queries(registry: &Registry, workload: &str) -> Result<usize, Box<dyn Error>> {
    let mut total = 0;
    match workload {
        "q1_count" => {
            for w in windows()? {
                total += registry.timeline().within(w).count()?;
            }
        }
        "q1_visit" => {
            for w in windows()? {
                total += registry.timeline().within(w).run()?.fold(0, |n, hit| {
                    black_box(hit);
                    n + 1
                });
            }
        }
        "q3" => {
            for d in query_days(QUERIES) {
                total += registry.in_force_on(d).into_iter().fold(0, |n, hit| {
                    black_box(hit);
                    n + 1
                });
            }
        }
        // Not `events()`: it collects every event (about 1% of setup).
        _ => total = registry.len(),
    }
    Ok(total)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = format!("usage: callgrind WORKLOAD [AGREEMENTS]; WORKLOAD is one of {WORKLOADS:?}");
    let Some(workload) = args.first() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let agreements = match args.get(1).map(|n| n.parse::<usize>()) {
        None => DEFAULT_AGREEMENTS,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("AGREEMENTS {:?}: {e}\n{usage}", args[1]);
            std::process::exit(2);
        }
    };
    match run(workload, agreements) {
        Ok(total) => println!("{workload} {agreements}: {total}"),
        Err(e) => {
            eprintln!("callgrind {workload} {agreements}: {e}");
            std::process::exit(1);
        }
    }
}
