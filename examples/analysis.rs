//! A custom analysis, as a user would write it: who met in 2023 (vague dates
//! counted when possible), what is overdue, and how regularly councils meet.
#[macro_use]
mod common;

use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{analysis, Window};

const USAGE: &str = "usage: analysis\n\nWho met in 2023, what is overdue, council cadence as JSON.";

fn main() -> ExitCode {
    common::Args::parse(USAGE, &[], &[]);
    common::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let registry = pactum::seed();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("no such day");
    let year = Window::new(day(2023, 1, 1)?, day(2023, 12, 31)?)?;
    // Narrow first: the meetings that possibly took place in 2023.
    let events = registry.events();
    let meetings = events
        .iter()
        .filter(|e| e.kind().is_meeting() && e.date().possibly_within(&year))
        .map(|e| e.subject());
    for t in analysis::count_by_country(&registry, meetings) {
        say!("{}: {} meeting(s) in 2023", t.category, t.meetings);
    }
    let as_of = day(2024, 6, 1)?;
    for o in analysis::commitments(registry.commitments(), as_of).overdue {
        say!(
            "overdue by {}+ days: {} (due {})",
            o.days_overdue_min,
            o.key,
            o.due
        );
    }
    let cadence = analysis::cadence(registry.meetings(), as_of);
    say!("{}", serde_json::to_string_pretty(&cadence)?);
    Ok(())
}
