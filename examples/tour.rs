//! A tour of the embedded seed dataset: a timeline of meetings, the
//! agreements in force on a day, and the commitments overdue on it.
//!
//! Run with `cargo run --example tour`.

use chrono::NaiveDate;
use pactum::{Date, Window};

fn main() {
    let registry = pactum::seed();
    let day = NaiveDate::from_ymd_opt(2024, 6, 1).expect("a valid day");

    println!("Meetings, in date order:");
    let mut meetings: Vec<_> = registry.meetings().iter().collect();
    meetings.sort_by(|a, b| a.date().cmp(b.date()).then_with(|| a.key().cmp(b.key())));
    for m in meetings {
        println!(
            "  {:<26} {:<10?} {:<40} {}",
            m.date().to_string(),
            m.status(),
            m.key().as_str(),
            m.place().unwrap_or("")
        );
    }

    println!("\nPartnerships possibly in force on {day}:");
    for p in registry.partnerships() {
        let started = p
            .established()
            .map_or(true, |d| d.possibly_before(day.succ_opt().unwrap_or(day)));
        let ended = p
            .ended()
            .is_some_and(|d| d.certainly_before(day.succ_opt().unwrap_or(day)));
        if started && !ended {
            let since = p
                .established()
                .map(Date::to_string)
                .unwrap_or_else(|| "date unknown".into());
            println!("  {} (since {since})", p.name());
        }
    }

    println!("\nCommitments overdue on {day}:");
    for c in registry.commitments().iter().filter(|c| c.is_overdue(day)) {
        let due = c.due().map(Date::to_string).unwrap_or_default();
        println!("  {} (due {due})", c.description());
    }

    let year_2023 = Window::of(&Date::year(2023).expect("a valid year"));
    let in_2023 = registry
        .meetings()
        .iter()
        .filter(|m| m.date().possibly_within(&year_2023))
        .count();
    println!("\n{in_2023} meetings possibly in 2023.");
}
