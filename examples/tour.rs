//! A tour of the embedded seed dataset: a timeline of meetings, the
//! agreements in force on a day, and the commitments overdue on it.
//!
//! Run with `cargo run --example tour`.

use chrono::NaiveDate;
use pactum::{CommitmentState, Date, EventKind, Window};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = pactum::seed();
    let day = NaiveDate::from_ymd_opt(2024, 6, 1).ok_or("a valid day")?;

    println!("Meetings, in date order:");
    let meetings = [
        EventKind::MeetingHeld,
        EventKind::MeetingScheduled,
        EventKind::MeetingPostponed,
        EventKind::MeetingCancelled,
    ];
    let query = meetings
        .into_iter()
        .fold(registry.timeline(), |q, kind| q.kind(kind));
    for hit in query.run()? {
        let e = hit.event();
        println!(
            "  {:<26} {:<18} {}",
            e.date().to_string(),
            e.kind().label(),
            e.key()
        );
    }

    println!("\nAgreements in force on {day}:");
    for a in registry.in_force_on(day) {
        let how = if a.is_certain() {
            "certainly"
        } else {
            "possibly"
        };
        println!("  {how:<10} {}", a.key());
    }

    println!("\nCommitments overdue on {day}:");
    for hit in registry.commitments_as_of(CommitmentState::Overdue, day) {
        let c = hit.commitment();
        let due = c.due().map(Date::to_string).unwrap_or_default();
        println!("  {} (due {due})", c.description());
    }

    if let Some(next) = registry.next_meeting("eu-kr-dpc", day)? {
        println!("\nNext council after {day}: {}", next.event());
    }

    let year_2023 = Window::of(&Date::year(2023)?);
    let in_2023 = query.within(year_2023).run()?.count();
    println!("\n{in_2023} meetings possibly in 2023.");
    Ok(())
}
