//! Memory of a loaded registry: resident set size before and after loading a
//! data file, its peak during the load, and after building the query
//! indexes (Linux only: reads `/proc/self/statm` and `/proc/self/status`).
//!
//! ```text
//! cargo run --release -p pactum-bench --bin memory -- FILE [THREADS]
//! ```
//!
//! `THREADS` is the most threads the load may use (`Limits::max_threads`,
//! default 4).

use std::time::Instant;

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// The peak resident set size so far (`VmHWM`).
fn peak_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE [THREADS]");
        std::process::exit(2);
    };
    let mut limits = pactum::Limits::default();
    if let Some(threads) = std::env::args().nth(2) {
        let Ok(threads) = threads.parse() else {
            eprintln!("THREADS must be a number, not {threads:?}");
            std::process::exit(2);
        };
        limits = limits.max_threads(threads);
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let before = rss_bytes();
    let started = Instant::now();
    let registry = match pactum::Registry::from_json_str_with(&text, &limits) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        }
    };
    let loaded = started.elapsed();
    let after_load = rss_bytes();
    let peak = peak_bytes();
    let started = Instant::now();
    registry.build_indexes();
    let indexed = started.elapsed();
    let after_index = rss_bytes();
    let entities = registry.len() as u64;
    let events = registry.events().len() as u64;
    println!(
        "file: {} bytes, {entities} entities, {events} events",
        text.len()
    );
    println!(
        "load: {loaded:.2?}, {} bytes resident ({} per entity, {:.2}x the file)",
        after_load - before,
        (after_load - before) / entities.max(1),
        (after_load - before) as f64 / text.len() as f64
    );
    println!(
        "load peak: {} bytes above the file in memory ({} per entity, {:.2}x the file)",
        peak.saturating_sub(before),
        peak.saturating_sub(before) / entities.max(1),
        peak.saturating_sub(before) as f64 / text.len() as f64
    );
    println!(
        "indexes: {indexed:.2?}, {} bytes more ({} per event)",
        after_index.saturating_sub(after_load),
        after_index.saturating_sub(after_load) / events.max(1)
    );
}
