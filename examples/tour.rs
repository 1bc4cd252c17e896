//! A tour of the embedded seed dataset: the timeline of everything that
//! happened or was planned, then answers to the questions a reader of the
//! source articles would ask.
//!
//! Run with `cargo run --example tour`.

#[macro_use]
mod common;

use chrono::{Datelike, NaiveDate};
use pactum::{Country, EventKind, Key, Registry, Rule, Window};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

const USAGE: &str = "usage: tour\n\nThe seed dataset's timeline and ten questions answered.";

fn main() {
    common::Args::parse(USAGE, &[], &[]);
    let registry = pactum::seed();

    say!("Timeline ({} events)", registry.events().len());
    for event in registry.events() {
        say!(
            "  {:<26} {:<24} {}",
            event.date().to_string(),
            event.kind().label(),
            event.subject().label()
        );
    }

    state_visit(&registry);
    progress_review(&registry);
    after_the_review(&registry);
    council_series(&registry);
    eu_partnerships(&registry);
    stale(&registry);
    viet_nam(&registry);
    defence_mou(&registry);
    digital_growth_act(&registry);
    motie(&registry);
}

fn heading(n: u32, question: &str) {
    say!("\n{n}. {question}");
}

fn state_visit(registry: &Registry) {
    heading(1, "How many MOUs came out of the April 2023 state visit?");
    let Some(visit) = registry.meeting("kr-us-state-visit-2023") else {
        return;
    };
    let listed = registry
        .mous()
        .iter()
        .filter(|m| m.meeting() == Some(visit.key()))
        .count();
    say!(
        "   {} ({}): {} declared, {listed} listed in the dataset",
        visit.name(),
        visit.date(),
        visit.agreements_signed().unwrap_or(0)
    );
}

fn progress_review(registry: &Registry) {
    heading(2, "Who attended the MOU progress review, on each side?");
    let Some(review) = registry.meeting("kr-us-mou-review-2023") else {
        return;
    };
    say!(
        "   date: {} (no later than the report of 6 August)",
        review.date()
    );
    for country in [Country::KR, Country::US] {
        let people: Vec<String> = review
            .attendees()
            .iter()
            .filter(|o| registry.side_of(o) == Some(country))
            .map(|o| match o.title() {
                Some(title) => format!("{} ({title})", o.name()),
                None => o.name().to_owned(),
            })
            .collect();
        let bodies: Vec<&str> = review
            .participants()
            .iter()
            .filter_map(|k| registry.institution(k.as_str()))
            .filter(|i| i.country() == Some(country))
            .map(|i| i.acronym().unwrap_or(i.name()))
            .collect();
        let people = if people.is_empty() {
            "no named officials".to_owned()
        } else {
            people.join(", ")
        };
        say!("   {}: {people}", country.name());
        say!(
            "   {:width$}  institutions: {}",
            "",
            bodies.join(", "),
            width = country.name().len()
        );
    }
}

fn after_the_review(registry: &Registry) {
    heading(3, "What came next after 6 August 2023?");
    let after = day(2023, 8, 6);
    let events = registry.events();
    if let Some(next) = events.iter().find(|e| e.date().certainly_after(after)) {
        say!(
            "   certainly after: {} on {}",
            next.subject().label(),
            next.date()
        );
    }
    for e in events
        .iter()
        .filter(|e| e.date().possibly_after(after) && !e.date().certainly_after(after))
    {
        say!(
            "   only possibly after: {} ({})",
            e.subject().label(),
            e.date()
        );
    }
}

fn council_series(registry: &Registry) {
    heading(
        4,
        "The EU-Korea Digital Partnership Council, session by session",
    );
    let sessions = registry.meetings_in_series("eu-kr-dpc");
    for m in &sessions {
        let chairs: Vec<&str> = m.chairs().iter().map(|o| o.name()).collect();
        say!(
            "   session {}: {} in {} ({:?}){}",
            m.session().unwrap_or(0),
            m.date(),
            m.place().unwrap_or("?"),
            m.status(),
            if chairs.is_empty() {
                String::new()
            } else {
                format!(", chaired by {}", chairs.join(" and "))
            }
        );
        for claim in m.provenance().claims_about("date") {
            let sources: Vec<&str> = claim.sources().iter().map(Key::as_str).collect();
            let verb = if claim.is_inferred() { "infer" } else { "say" };
            say!("     {} {verb} {}", sources.join(", "), claim.value());
        }
    }
    if let [first, second, ..] = sessions.as_slice() {
        if let Some(gap) = first.date().days_until(second.date()) {
            say!(
                "   gap between sessions 1 and 2: {} to {} days",
                gap.start(),
                gap.end()
            );
        }
    }
}

fn eu_partnerships(registry: &Registry) {
    heading(5, "Which digital partnerships has the EU signed?");
    for p in registry
        .partnerships()
        .iter()
        .filter(|p| p.parties().iter().any(|k| k == "eu"))
    {
        let since = p
            .established()
            .map(ToString::to_string)
            .unwrap_or_else(|| "?".to_owned());
        say!("   {} (since {since})", p.name());
    }
}

fn stale(registry: &Registry) {
    heading(
        6,
        "As of 2026-01-01, which scheduled meetings have certainly passed?",
    );
    for lint in registry
        .lint(day(2026, 1, 1))
        .iter()
        .filter(|d| d.rule() == Rule::StaleScheduled)
    {
        say!("   {lint}");
    }
}

fn viet_nam(registry: &Registry) {
    heading(
        7,
        "The Viet Nam-Korea comprehensive strategic partnership of late 2022",
    );
    let Some(csp) = registry.partnership("vn-kr-csp") else {
        return;
    };
    let Some(established) = csp.established() else {
        return;
    };
    let q4 = Window::new(day(2022, 10, 1), day(2022, 12, 31)).expect("ordered");
    let h1 = Window::new(day(2022, 1, 1), day(2022, 6, 30)).expect("ordered");
    say!(
        "   established {established}: possibly in Q4 2022: {}",
        established.possibly_within(&q4)
    );
    say!(
        "   possibly in H1 2022: {}",
        established.possibly_within(&h1)
    );
    let conference = day(2023, 4, 25);
    let certain = registry
        .in_force_on(conference)
        .iter()
        .any(|a| a.key() == "vn-kr-csp" && a.is_certain());
    say!(
        "   certainly in force at the Da Nang conference ({conference}, a {:?}): {certain}",
        conference.weekday()
    );
}

fn defence_mou(registry: &Registry) {
    heading(8, "The defence MOU of August 2021");
    let Some(mou) = registry.mou("kr-mnd-msit-2021") else {
        return;
    };
    let signers: Vec<&str> = mou.signed_by().iter().map(|o| o.name()).collect();
    say!(
        "   {} signed {}{} ({:?}) by {}{}",
        mou.title(),
        mou.signed(),
        inferred(mou.provenance(), "signed"),
        registry.scope_of(mou),
        signers.join(" and "),
        inferred(mou.provenance(), "signed_by")
    );
    if let Some(iitp) = registry.institution("kr-iitp") {
        let parent = iitp.parent().map_or("none", Key::as_str);
        let how = inferred(iitp.provenance(), "parent");
        say!("   {} sits under {parent}{how}", iitp.name());
    }
}

fn digital_growth_act(registry: &Registry) {
    heading(
        9,
        "Was the Digital Growth Promotion Act bill passed on time?",
    );
    if let Some(kickoff) = registry.meeting("kr-motie-digital-growth-act-tf-kickoff") {
        say!(
            "   task force kicked off in {}{} (month not reported)",
            kickoff.date(),
            inferred(kickoff.provenance(), "date")
        );
    }
    if let Some(bill) = registry.commitment("kr-digital-growth-act-bill") {
        let due = bill.due().map(ToString::to_string).unwrap_or_default();
        let on_record = if bill.is_overdue(day(2021, 1, 1)) {
            "past due, no outcome on record"
        } else {
            "not past due, or an outcome is on record"
        };
        say!(
            "   due {due}{}; on 2021-01-01: {on_record}",
            inferred(bill.provenance(), "due")
        );
    }
}

/// " (inferred)" when a claim records the value of `field` as inferred: no
/// source states it (the claim's note says from what it is inferred).
fn inferred(provenance: &pactum::Provenance, field: &str) -> &'static str {
    if provenance.claims_about(field).any(|c| c.is_inferred()) {
        " (inferred)"
    } else {
        ""
    }
}

fn motie(registry: &Registry) {
    heading(10, "Everything involving MOTIE and the agencies under it");
    for event in registry.involving("kr-motie") {
        let what = match event.kind() {
            EventKind::CommitmentDue => "due",
            _ => event.kind().label(),
        };
        say!(
            "   {:<16} {:<14} {}",
            event.date().to_string(),
            what,
            event.key()
        );
    }
}
