//! A custom analysis as a user would write it: which countries met most in
//! 2023, counting vague dates honestly, and which commitments are overdue.
//!
//! `cargo run --example analysis`

use chrono::NaiveDate;
use pactum::{analysis, EventKind, Window};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = pactum::seed();
    let year = Window::new(
        NaiveDate::from_ymd_opt(2023, 1, 1).ok_or("day")?,
        NaiveDate::from_ymd_opt(2023, 12, 31).ok_or("day")?,
    )?;
    // Narrow first: the meetings that possibly took place in 2023.
    let events = registry.events();
    let meetings = events
        .iter()
        .filter(|e| e.kind() == EventKind::Meeting && e.date().possibly_within(&year))
        .map(|e| e.subject());
    for tally in analysis::count_by_country(&registry, meetings) {
        println!(
            "{} met in {} meeting(s) in 2023",
            tally.category, tally.meetings
        );
    }
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).ok_or("day")?;
    let report = analysis::commitments(registry.commitments(), as_of);
    for o in &report.overdue {
        println!(
            "overdue by at least {} days: {} (due {})",
            o.days_overdue_min, o.key, o.due
        );
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&analysis::cadence(registry.meetings(), as_of))?
    );
    Ok(())
}
