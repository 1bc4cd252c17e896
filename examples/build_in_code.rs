//! Builds a small dataset with the API alone, no JSON: two ministries, a
//! partnership, a council meeting, an MOU signed at it and a commitment.
//! Shows that a mistake is caught when the entity is built or inserted, and
//! that a failed insert leaves the registry as it was.
//!
//! Run with `cargo run --example build_in_code`.

#[macro_use]
mod common;

use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{
    Commitment, CommitmentStatus, Date, Institution, InstitutionKind, Key, Meeting, MeetingKind,
    MeetingStatus, Mou, Official, Origin, Partnership, PartnershipKind, Registry, Source,
};

const USAGE: &str =
    "usage: build_in_code\n\nA dataset built with the builders, and how mistakes are caught.";

fn main() -> ExitCode {
    common::Args::parse(USAGE, &[], &[]);
    common::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut registry = Registry::new();

    registry.insert(
        Source::builder("minutes-2024", "Minutes of the first joint committee")
            .publisher("Joint secretariat")
            .published(Date::parse("2024-05")?)
            .build()?,
    )?;
    for (key, name, country) in [
        ("kr-msit", "Ministry of Science and ICT", "KR"),
        (
            "de-bmbf",
            "Federal Ministry of Education and Research",
            "DE",
        ),
    ] {
        registry.insert(
            Institution::builder(key, name, InstitutionKind::Ministry, country)
                .source("minutes-2024")
                .build()?,
        )?;
    }
    registry.insert(
        Partnership::builder(
            "de-kr-quantum",
            "German-Korean quantum cooperation",
            PartnershipKind::TechnologyCooperation,
        )
        .party("kr-msit")
        .party("de-bmbf")
        .established(Date::parse("2024-33")?)
        .tech_area("quantum")
        .source("minutes-2024")
        .build()?,
    )?;
    registry.insert(
        Meeting::builder(
            "de-kr-quantum-jc-1",
            "1st joint committee",
            MeetingKind::Council,
            Date::parse("2024-04-18")?,
            MeetingStatus::Held,
        )
        .partnership("de-kr-quantum")
        .session("de-kr-quantum-jc", 1)
        .place("Berlin")
        .chair(
            Official::builder("A. Chair")
                .title("Director-General")
                .institution("de-bmbf")
                .build()?,
        )
        .outcome("A joint call for quantum sensing projects was agreed.")
        .source("minutes-2024")
        .build()?,
    )?;
    registry.insert(
        Mou::builder(
            "de-kr-quantum-mou",
            "MOU on quantum research exchange",
            Date::parse("2024-04-18")?,
        )
        .signatory("kr-msit")
        .signatory("de-bmbf")
        .meeting("de-kr-quantum-jc-1")
        .partnership("de-kr-quantum")
        .tech_area("quantum-computing")
        .source("minutes-2024")
        .build()?,
    )?;
    registry.insert(
        Commitment::builder(
            "de-kr-quantum-call",
            "Open the joint call for proposals.",
            Origin::Mou(Key::new("de-kr-quantum-mou")?),
            CommitmentStatus::Open,
        )
        .owner("kr-msit")
        .owner("de-bmbf")
        .due(Date::parse("2024-41")?)
        .source("minutes-2024")
        .build()?,
    )?;

    mistakes(&mut registry)?;
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("a valid day")?;
    say!("\n{} entities; timeline:", registry.len());
    for event in registry.events() {
        say!("  {event}");
    }
    for lint in registry.lint(as_of) {
        say!("warning as of {as_of}: {lint}");
    }
    say!("\nas JSON:\n{}", registry.to_json_string());
    Ok(())
}

/// Two mistakes, and where each is caught.
fn mistakes(registry: &mut Registry) -> Result<(), Box<dyn std::error::Error>> {
    // A mistake in one entity is caught by its builder...
    let one_sided = Mou::builder("one-sided", "MOU with one signatory", Date::parse("2024")?)
        .signatory("kr-msit")
        .build();
    if let Err(e) = one_sided {
        say!("rejected by the builder: {e}");
    }
    // ...and a reference to nothing by the registry, which stays unchanged.
    let before = registry.len();
    let dangling = Mou::builder(
        "dangling",
        "MOU with an unknown party",
        Date::parse("2024")?,
    )
    .signatory("kr-msit")
    .signatory("fr-mesr")
    .build()?;
    if let Err(e) = registry.insert(dangling) {
        say!("rejected by the registry: {e}");
    }
    assert_eq!(registry.len(), before);
    Ok(())
}
