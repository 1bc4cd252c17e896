//! The timeline query builder from the command line: a window, filters
//! that compose, a limit and an order.
//!
//! ```text
//! cargo run --example timeline -- [--data FILE] [--from DAY] [--to DAY] [--certainly]
//!     [--institution KEY | --institution-or-below KEY] [--area KEY | --area-or-below KEY]
//!     [--partnership KEY] [--kind KIND]... [--limit N] [--reverse]
//! ```
//!
//! Without `--data` it reads the embedded seed dataset. Days are
//! `YYYY-MM-DD`. The `pactum timeline` command does the same with more
//! filters and output formats; `pactum in-force`, `pactum commitments` and
//! `pactum meetings` answer the other questions about time.

#[macro_use]
mod common;

use std::process::ExitCode;

use pactum::{EventKind, Window};

const USAGE: &str = "usage: timeline [--data FILE] [--from DAY] [--to DAY] [--certainly]
    [--institution KEY | --institution-or-below KEY] [--area KEY | --area-or-below KEY]
    [--partnership KEY] [--kind KIND]... [--limit N] [--reverse]";

const VALUED: &[&str] = &[
    "--data",
    "--from",
    "--to",
    "--institution",
    "--institution-or-below",
    "--area",
    "--area-or-below",
    "--partnership",
    "--kind",
    "--limit",
];

fn main() -> ExitCode {
    let args = common::Args::parse(USAGE, VALUED, &["--certainly", "--reverse"]);
    for (a, b) in [
        ("--institution", "--institution-or-below"),
        ("--area", "--area-or-below"),
    ] {
        if args.value(a).is_some() && args.value(b).is_some() {
            args.usage_error(&format!("{a} and {b} cannot be combined: choose one"));
        }
    }
    let window = match (args.day("--from"), args.day("--to")) {
        (Some(from), Some(to)) => {
            Window::new(from, to).unwrap_or_else(|_| args.usage_error("--from is after --to"))
        }
        (Some(from), None) => Window::since(from),
        (None, Some(to)) => Window::until(to),
        (None, None) => Window::all(),
    };
    let kinds: Vec<EventKind> = args
        .values("--kind")
        .iter()
        .map(|k| {
            k.parse()
                .unwrap_or_else(|e| args.usage_error(&format!("--kind: {e}")))
        })
        .collect();
    let limit: Option<usize> = args.parsed("--limit");
    common::finish(args.registry().and_then(|registry| {
        let mut query = registry.timeline().within(window);
        if args.switch("--certainly") {
            query = query.certainly();
        }
        if let Some(key) = args.value("--institution") {
            query = query.institution(key);
        }
        if let Some(key) = args.value("--institution-or-below") {
            query = query.institution_or_below(key);
        }
        if let Some(key) = args.value("--area") {
            query = query.area(key);
        }
        if let Some(key) = args.value("--area-or-below") {
            query = query.area_or_below(key);
        }
        if let Some(key) = args.value("--partnership") {
            query = query.partnership(key);
        }
        for &kind in &kinds {
            query = query.kind(kind);
        }
        if let Some(n) = limit {
            query = query.limit(n);
        }
        if args.switch("--reverse") {
            query = query.reverse();
        }
        for hit in query.run().map_err(|e| e.to_string())? {
            let e = hit.event();
            let maybe = if hit.is_certain() { "" } else { " (possibly)" };
            say!(
                "{:<24} {:<23} {:<38} {}{maybe}",
                e.date().to_string(),
                e.kind().label(),
                e.key(),
                e.subject().label()
            );
        }
        Ok(())
    }))
}
