//! Turns the results of the last `cargo bench -p pactum-bench` run into the
//! Markdown tables of BENCHMARKS.md: one table per workload, one row per
//! size, the mean time of each tool and its ratio to pactum. A tool whose
//! name ends in `_visit` (every hit visited) is compared with
//! `pactum_visit`; every other tool with `pactum`.
//!
//! ```text
//! cargo run -p pactum-bench --bin report [-- TARGET_DIR...]
//! ```
//!
//! Given several directories (each holding a `criterion/` of one run,
//! copied aside after it), a cell holds each run's time, `/` between, and
//! a ratio the least and the greatest of the runs' ratios: the spread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
struct Benchmark {
    group_id: String,
    function_id: Option<String>,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
}

#[derive(Deserialize)]
struct Estimates {
    mean: Estimate,
}

/// Every `new/benchmark.json` under `dir`.
fn find(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                let file = path.join("benchmark.json");
                if file.exists() {
                    out.push(file);
                }
            } else {
                find(&path, out);
            }
        }
    }
}

fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// workload -> size -> tool -> mean ns, of one run.
type Table = BTreeMap<String, BTreeMap<u64, BTreeMap<String, f64>>>;

/// The means of every benchmark under `target/criterion`.
fn read(target: &Path) -> Table {
    let mut files = Vec::new();
    find(&target.join("criterion"), &mut files);
    let mut table = Table::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(b) = serde_json::from_str::<Benchmark>(&text) else {
            continue;
        };
        let Some(dir) = file.parent() else { continue };
        let Ok(est) = std::fs::read_to_string(dir.join("estimates.json")) else {
            continue;
        };
        let Ok(est) = serde_json::from_str::<Estimates>(&est) else {
            continue;
        };
        let Some((workload, size)) = b.group_id.rsplit_once('/') else {
            continue;
        };
        let Ok(size) = size.parse::<u64>() else {
            continue;
        };
        let tool = b.function_id.unwrap_or_default();
        let tool = tool.split('/').next().unwrap_or_default().to_owned();
        table
            .entry(workload.to_owned())
            .or_default()
            .entry(size)
            .or_default()
            .insert(tool, est.mean.point_estimate);
    }
    table
}

/// The tool's time in each run that has it, `/` between.
fn times(runs: &[Table], workload: &str, size: u64, tool: &str) -> Option<String> {
    let all: Vec<String> = runs
        .iter()
        .filter_map(|r| r.get(workload)?.get(&size)?.get(tool).copied())
        .map(human)
        .collect();
    (!all.is_empty()).then(|| all.join(" / "))
}

/// `theirs ÷ ours` in each run that has both: one ratio, or the least and
/// the greatest.
fn ratios(runs: &[Table], workload: &str, size: u64, theirs: &str, ours: &str) -> Option<String> {
    let all: Vec<f64> = runs
        .iter()
        .filter_map(|r| {
            let times = r.get(workload)?.get(&size)?;
            Some(times.get(theirs)? / times.get(ours)?)
        })
        .collect();
    let least = all.iter().copied().fold(f64::INFINITY, f64::min);
    let most = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    match all.len() {
        0 => None,
        1 => Some(format!("{least:.2}×")),
        _ => Some(format!("{least:.2}–{most:.2}×")),
    }
}

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from("target"));
    }
    let runs: Vec<Table> = dirs.iter().map(|d| read(d)).collect();
    let mut table = Table::new();
    for run in &runs {
        for (workload, sizes) in run {
            for (size, tools) in sizes {
                let row = table
                    .entry(workload.clone())
                    .or_default()
                    .entry(*size)
                    .or_default();
                row.extend(tools.iter().map(|(t, ns)| (t.clone(), *ns)));
            }
        }
    }
    for (workload, sizes) in &table {
        let mut tools: Vec<&String> = sizes.values().flat_map(|t| t.keys()).collect();
        tools.sort();
        tools.dedup();
        let baselines: Vec<&str> = ["pactum", "pactum_visit"]
            .into_iter()
            .filter(|b| tools.iter().any(|t| t.as_str() == *b))
            .collect();
        tools.retain(|t| !baselines.contains(&t.as_str()));
        let baseline = |tool: &str| {
            if tool.ends_with("_visit") && baselines.contains(&"pactum_visit") {
                "pactum_visit"
            } else {
                "pactum"
            }
        };
        println!("#### {workload}\n");
        print!("| agreements |");
        for b in &baselines {
            print!(" {b} |");
        }
        for t in &tools {
            print!(" {t} | {} vs {t} |", baseline(t));
        }
        println!();
        print!("| ---: |");
        for _ in &baselines {
            print!(" ---: |");
        }
        for _ in &tools {
            print!(" ---: | ---: |");
        }
        println!();
        let dash = || "–".to_owned();
        for size in sizes.keys() {
            print!("| {size} |");
            for b in &baselines {
                print!(
                    " {} |",
                    times(&runs, workload, *size, b).unwrap_or_else(dash)
                );
            }
            for t in &tools {
                let time = times(&runs, workload, *size, t).unwrap_or_else(dash);
                let ratio = ratios(&runs, workload, *size, t, baseline(t)).unwrap_or_else(dash);
                print!(" {time} | {ratio} |");
            }
            println!();
        }
        println!();
    }
}
