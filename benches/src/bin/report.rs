//! Turns the results of the last `cargo bench -p pactum-bench` run into the
//! Markdown tables of BENCHMARKS.md: one table per workload, one row per
//! size, the mean time of each tool and its ratio to pactum. A tool whose
//! name ends in `_visit` (every hit visited) is compared with
//! `pactum_visit`; every other tool with `pactum`.
//!
//! ```text
//! cargo run -p pactum-bench --bin report [-- TARGET_DIR]
//! ```

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

fn main() {
    let target = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let mut files = Vec::new();
    find(&target.join("criterion"), &mut files);
    // workload -> size -> tool -> mean ns
    let mut table: BTreeMap<String, BTreeMap<u64, BTreeMap<String, f64>>> = BTreeMap::new();
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
            if tool.ends_with("_visit") {
                "pactum_visit"
            } else {
                "pactum"
            }
        };
        println!("### {workload}\n");
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
        for (size, times) in sizes {
            print!("| {size} |");
            for b in &baselines {
                let time = times.get(*b).copied();
                print!(" {} |", time.map_or("–".to_owned(), human));
            }
            for t in &tools {
                let ours = times.get(baseline(t)).copied();
                match (times.get(*t), ours) {
                    (Some(&theirs), Some(ours)) => {
                        print!(" {} | {:.2}× |", human(theirs), theirs / ours);
                    }
                    (Some(&theirs), None) => print!(" {} | – |", human(theirs)),
                    _ => print!(" – | – |"),
                }
            }
            println!();
        }
        println!();
    }
}
