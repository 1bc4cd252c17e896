//! Times the event tables of a synthetic dataset, the costs behind the
//! Python package's timeline (BENCHMARKS.md, "From Python"):
//!
//! ```text
//! cargo run --release --features arrow,synth --example events_table -- --n 1000000 [--threads T] [--only built|kept|whole|window] [--repeat R] [--evict MB]
//! ```
//!
//! Generates `Synth::new(n).seed(1)` (the dataset of `--example synth`
//! with its default seed), or loads `--data FILE`, builds its indexes,
//! then times: `built`, the
//! table of every event built for them (`events_batch`, one thread);
//! `kept`, the kept table (`EventTable::with_threads`, `--threads`,
//! default 2); `whole`, the whole
//! timeline's table from the kept one; `window`, the table of the events
//! possibly in a window (`--start`, `--end`, default 2015-03-02 to
//! 2015-03-04), built for them and from the kept table (then `--repeat`
//! more times, default 0, the window's hits and their table from the
//! kept one, with the least time of each; with `--evict MB`, writing MB
//! mebibytes before each, so that the question finds its data out of the
//! caches, as after another program's work). `--only` runs one of them
//! (after what it needs), for a profiler.

#[macro_use]
mod common;

use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use pactum::export::arrow::{events_batch, hits_batch, EventTable};
use pactum::synth::Synth;
use pactum::Window;

const USAGE: &str = "usage: events_table (--n AGREEMENTS | --data FILE) [--threads T] [--only built|kept|whole|window] [--start DAY] [--end DAY] [--repeat R] [--evict MB]";

fn main() -> ExitCode {
    let args = common::Args::parse(
        USAGE,
        &[
            "--n",
            "--data",
            "--threads",
            "--only",
            "--start",
            "--end",
            "--repeat",
            "--evict",
        ],
        &[],
    );
    let n: usize = args.parsed("--n").unwrap_or(100_000);
    let only = args.value("--only").map(str::to_owned);
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    let start = args.value("--start").map_or(day("2015-03-02"), day);
    let end = args.value("--end").map_or(day("2015-03-04"), day);
    let (Some(start), Some(end)) = (start, end) else {
        args.usage_error("a day is YYYY-MM-DD")
    };
    let data = args.value("--data").map(str::to_owned);
    common::finish(run(
        data.as_deref(),
        n,
        args.parsed("--threads"),
        only.as_deref(),
        (start, end),
        (
            args.parsed("--repeat").unwrap_or(0),
            args.parsed("--evict").unwrap_or(0),
        ),
    ))
}

/// Runs `f`, says how long it took under `name`, and returns its value.
fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = f();
    say!("{name}: {:.3?}", started.elapsed());
    value
}

fn run(
    data: Option<&str>,
    n: usize,
    threads: Option<usize>,
    only: Option<&str>,
    (start, end): (NaiveDate, NaiveDate),
    (repeat, evict): (usize, usize),
) -> Result<(), String> {
    let registry = match data {
        Some(path) => pactum::Registry::from_path(path).map_err(|e| format!("{path}: {e}"))?,
        None => Synth::new(n)
            .seed(1)
            .registry()
            .map_err(|e| e.to_string())?,
    };
    registry.build_indexes();
    let events = registry.events().len();
    say!("{} entities, {events} events", registry.len());
    let wants = |what: &str| only.map_or(true, |o| o == what);
    if wants("built") {
        let all = timed("built: the events (Registry::events)", || registry.events());
        let batch = timed("built: their table (events_batch)", || {
            events_batch(&registry, all)
        })
        .map_err(|e| e.to_string())?;
        say!(
            "  {} rows, {} bytes of arrays",
            batch.num_rows(),
            batch.get_array_memory_size()
        );
    }
    if only == Some("built") {
        return Ok(());
    }
    let threads: usize = threads.unwrap_or(2);
    let table = timed(
        &format!("kept (EventTable::with_threads, {threads} threads)"),
        || EventTable::with_threads(&registry, threads),
    )
    .map_err(|e| e.to_string())?;
    say!(
        "  {} bytes ({:.0} an event)",
        table.memory_size(),
        table.memory_size() as f64 / events.max(1) as f64
    );
    if wants("whole") {
        let hits: Vec<_> = timed("whole timeline: hits", || {
            registry.timeline().run().map(Iterator::collect::<Vec<_>>)
        })
        .map_err(|e| e.to_string())?;
        let batch = timed("whole timeline: table from the kept one", || {
            table.hits_batch(hits)
        })
        .map_err(|e| e.to_string())?;
        say!("  {} rows", batch.num_rows());
    }
    if wants("window") {
        let window = Window::new(start, end).map_err(|e| e.to_string())?;
        let question = registry.timeline().within(window);
        let hits: Vec<_> = timed("window: hits", || {
            question.run().map(Iterator::collect::<Vec<_>>)
        })
        .map_err(|e| e.to_string())?;
        let rows = hits.len();
        say!(
            "  {rows} events ({:.3}%)",
            100.0 * rows as f64 / events.max(1) as f64
        );
        let built = timed("window: table built for the hits", || {
            hits_batch(&registry, hits.clone())
        })
        .map_err(|e| e.to_string())?;
        let kept = timed("window: table from the kept one", || table.hits_batch(hits))
            .map_err(|e| e.to_string())?;
        if built != kept {
            return Err("the two window tables differ".to_owned());
        }
        if repeat > 0 {
            let (mut least_hits, mut least_table) = (f64::INFINITY, f64::INFINITY);
            let mut evicting = vec![0u8; evict << 20];
            for round in 0..repeat {
                // Writes over memory larger than the caches, as another
                // program between two questions would.
                evicting.fill(round as u8);
                std::hint::black_box(&evicting);
                let started = Instant::now();
                let hits: Vec<_> = question.run().map_err(|e| e.to_string())?.collect();
                let listed = started.elapsed().as_secs_f64();
                let started = Instant::now();
                let again = table.hits_batch(hits).map_err(|e| e.to_string())?;
                least_table = least_table.min(started.elapsed().as_secs_f64());
                least_hits = least_hits.min(listed);
                if again != kept {
                    return Err("a repeated window table differs".to_owned());
                }
            }
            say!(
                "window, least of {repeat}: hits {:.3} ms, table from the kept one {:.3} ms",
                least_hits * 1e3,
                least_table * 1e3
            );
        }
    }
    Ok(())
}
