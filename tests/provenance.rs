//! Provenance coverage: the report, its lints, inferred claims, and the
//! seed dataset's fixes of issue 21 ("every fact traceable"), one test per
//! item, each of which fails on the seed as it was before.

use chrono::NaiveDate;
use pactum::provenance::Support;
use pactum::{ClaimKind, CommitmentStatus, Date, EntityKind, Key, LintSelection, Registry, Rule};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

fn load(json: &str) -> Registry {
    Registry::from_json_str(json).unwrap_or_else(|e| panic!("{e}"))
}

/// A small dataset: one source, two institutions, and a meeting whose
/// citations and claims vary from test to test.
fn meeting_with(provenance: &str) -> Registry {
    load(&format!(
        r#"{{"pactum": 1,
            "sources": [{{"key": "s", "title": "S"}}, {{"key": "t", "title": "T"}}],
            "institutions": [
              {{"key": "a", "name": "A", "kind": "ministry", "country": "KR", "sources": ["s"]}},
              {{"key": "b", "name": "B", "kind": "ministry", "country": "US", "sources": ["s"]}}],
            "meetings": [{{"key": "m", "name": "M", "kind": "council", "date": "2023-06-30",
              "status": "held", "place": "Seoul",
              "chairs": [{{"name": "X", "title": "Minister", "institution": "a"}},
                         {{"name": "Y", "institution": "b"}}],
              "participants": ["a", "b"], {provenance}}}]}}"#
    ))
}

fn meeting_values(reg: &Registry, support: Support) -> Vec<String> {
    let report = reg.provenance_coverage();
    let m = report
        .entity(EntityKind::Meeting, "m")
        .expect("the meeting");
    m.paths(support).map(str::to_owned).collect()
}

#[test]
fn a_citation_without_fields_supports_every_value_of_its_entity() {
    let reg = meeting_with(r#""sources": ["s"]"#);
    assert!(meeting_values(&reg, Support::Uncited).is_empty());
    let report = reg.provenance_coverage();
    let m = report
        .entity(EntityKind::Meeting, "m")
        .expect("the meeting");
    // name, kind, date, status, place, 5 chair members, 2 participants.
    assert_eq!(m.filled(), 12);
    assert_eq!(report.total().ratio(), 1.0);
}

#[test]
fn a_citation_naming_paths_supports_only_the_values_under_them() {
    let reg = meeting_with(
        r#""sources": [{"source": "s", "fields": ["name", "kind", "date", "status", "place",
                                                "chairs[0]", "chairs[1].name", "participants[1]"]}]"#,
    );
    assert_eq!(
        meeting_values(&reg, Support::Uncited),
        ["chairs[1].institution", "participants[0]"]
    );
    let report = reg.provenance_coverage();
    let m = report
        .entity(EntityKind::Meeting, "m")
        .expect("the meeting");
    assert_eq!(m.uncited(), ["chairs[1].institution", "participants[0]"]);
    let meetings = report
        .by_kind()
        .into_iter()
        .find(|(k, _)| *k == EntityKind::Meeting)
        .expect("a meeting row")
        .1;
    assert_eq!(
        (meetings.filled, meetings.cited, meetings.uncited),
        (12, 10, 2)
    );
}

#[test]
fn a_field_with_no_support_at_all_is_named_alone() {
    let reg = meeting_with(
        r#""sources": [{"source": "s", "fields": ["name", "kind", "date", "status", "place", "chairs"]}]"#,
    );
    let report = reg.provenance_coverage();
    let m = report
        .entity(EntityKind::Meeting, "m")
        .expect("the meeting");
    assert_eq!(m.uncited(), ["participants"]);
}

#[test]
fn inferred_values_are_counted_apart_and_win_over_a_citation() {
    let reg = meeting_with(
        r#""sources": ["s"],
           "claims": [{"field": "chairs[0].title", "value": "Minister", "kind": "inferred",
                       "sources": ["t"], "note": "from the title she held a year later"}]"#,
    );
    assert_eq!(meeting_values(&reg, Support::Inferred), ["chairs[0].title"]);
    let total = reg.provenance_coverage().total();
    assert_eq!((total.inferred, total.uncited), (1, 0));
    assert_eq!(total.ratio(), 1.0);
    assert!(total.cited_ratio() < 1.0);
    let m = reg.meeting("m").expect("the meeting");
    let claim = m.provenance().claims().first().expect("a claim");
    assert_eq!(claim.kind(), ClaimKind::Inferred);
    // Saved with its kind, and read back the same.
    let saved = reg.to_json_string();
    assert!(saved.contains(r#""kind": "inferred""#), "{saved}");
    assert_eq!(load(&saved).meeting("m"), Some(m));
}

#[test]
fn a_reported_claim_supports_its_field_and_saves_without_a_kind() {
    let reg = meeting_with(
        r#""sources": [{"source": "s", "fields": ["name", "kind", "status", "place", "chairs", "participants"]}],
           "claims": [{"field": "date", "value": "2023-06", "kind": "reported", "sources": ["t"]}]"#,
    );
    assert!(meeting_values(&reg, Support::Uncited).is_empty());
    assert!(!reg.to_json_string().contains(r#""kind": "reported""#));
}

#[test]
fn an_inferred_claim_without_a_note_is_rejected() {
    let err = Registry::from_json_str(
        r#"{"pactum": 1, "sources": [{"key": "s", "title": "S"}],
            "institutions": [{"key": "a", "name": "A", "kind": "ministry",
              "claims": [{"field": "name", "value": "A", "kind": "inferred", "sources": ["s"]}]}]}"#,
    )
    .expect_err("an inferred claim needs a note");
    let d = &err.diagnostics()[0];
    assert_eq!(d.rule(), Rule::InferredWithoutNote);
    assert_eq!(d.path(), "institutions[0].claims[0].note");
}

#[test]
fn the_uncited_value_lint_is_off_by_default_and_on_when_selected() {
    let reg = meeting_with(r#""sources": [{"source": "s", "fields": ["name"]}]"#);
    let today = day(2024, 1, 1);
    let uncited = |lints: Vec<pactum::Diagnostic>| -> Vec<String> {
        lints
            .into_iter()
            .filter(|d| d.rule() == Rule::UncitedValue)
            .map(|d| d.path().to_owned())
            .collect()
    };
    assert!(uncited(reg.lint(today)).is_empty());
    assert!(!Rule::UncitedValue.is_on_by_default());
    let on = LintSelection::default().with("P-W014".parse().expect("a rule code"));
    assert_eq!(
        uncited(reg.lint_with(today, &on)),
        [
            "meetings[0].chairs",
            "meetings[0].date",
            "meetings[0].kind",
            "meetings[0].participants",
            "meetings[0].place",
            "meetings[0].status"
        ]
    );
    assert_eq!(
        uncited(reg.lint_with(today, &LintSelection::only([Rule::UncitedValue]))).len(),
        6
    );
    assert!(uncited(reg.lint_with(today, &on.without(Rule::UncitedValue))).is_empty());
    assert!("P-W999".parse::<Rule>().is_err());
}

#[test]
fn a_path_that_names_no_value_is_a_lint_on_by_default() {
    let reg = meeting_with(
        r#""sources": ["s", {"source": "t", "fields": ["chairs[5].title", "participants[1]", "chairs[1].title"]}],
           "claims": [{"field": "participants[7]", "value": "a", "sources": ["t"]}]"#,
    );
    let unknown: Vec<String> = reg
        .lint(day(2024, 1, 1))
        .into_iter()
        .filter(|d| d.rule() == Rule::UnknownProvenancePath)
        .map(|d| d.to_string())
        .collect();
    // chairs[1] has no title: a path to a value the entity does not hold.
    assert_eq!(
        unknown,
        [
            r#"meeting "m": meetings[0].sources[1].fields[0]: "chairs[5].title" names no value of the entity: expected a field, or a path to a value it holds"#,
            r#"meeting "m": meetings[0].sources[1].fields[2]: "chairs[1].title" names no value of the entity: expected a field, or a path to a value it holds"#,
            r#"meeting "m": meetings[0].claims[0].field: "participants[7]" names no value of the entity: expected a field, or a path to a value it holds"#,
        ]
    );
    let report = reg.provenance_coverage();
    let m = report
        .entity(EntityKind::Meeting, "m")
        .expect("the meeting");
    assert_eq!(
        m.unknown_paths(),
        ["chairs[5].title", "chairs[1].title", "participants[7]"]
    );
}

#[test]
fn claimed_dates_that_share_a_day_are_not_a_dispute() {
    let reg = meeting_with(
        r#""sources": ["s"],
           "claims": [{"field": "date", "value": "2023-40", "sources": ["s"]},
                      {"field": "date", "value": "2023-06-30", "sources": ["t"]}]"#,
    );
    assert!(reg
        .lint(day(2024, 1, 1))
        .iter()
        .all(|d| d.rule() != Rule::DisputedClaim));
}

#[test]
fn a_past_due_commitment_is_reported_with_no_outcome_on_record() {
    let lints = pactum::seed().lint(day(2021, 1, 1));
    let overdue: Vec<&pactum::Diagnostic> = lints
        .iter()
        .filter(|d| d.rule() == Rule::OverdueCommitment)
        .collect();
    assert_eq!(overdue.len(), 1);
    assert!(
        overdue[0]
            .message()
            .starts_with("past due, no outcome on record"),
        "{}",
        overdue[0]
    );
    assert!(!overdue[0].message().contains("still open"));
}

// ---------------------------------------------------------------------------
// The seed dataset (issue 21, point 4)

#[test]
fn every_value_of_the_seed_is_cited_or_inferred() {
    let registry = pactum::seed();
    let report = registry.provenance_coverage();
    let total = report.total();
    assert_eq!(total.uncited, 0, "{report}");
    assert_eq!(total.ratio(), 1.0);
    assert!(total.inferred > 0);
    assert!(report
        .entities()
        .iter()
        .all(|e| e.unknown_paths().is_empty()));
    let lints = registry.lint_with(day(2026, 1, 1), &LintSelection::all());
    assert!(
        lints
            .iter()
            .all(|d| d.rule() != Rule::UncitedValue && d.rule() != Rule::UnknownProvenancePath),
        "{lints:?}"
    );
}

/// The paths of `key`'s values with `support`.
fn seed_values(kind: EntityKind, key: &str, support: Support) -> Vec<String> {
    let report = pactum::seed().provenance_coverage();
    let e = report.entity(kind, key).expect("in the seed");
    e.paths(support).map(str::to_owned).collect()
}

fn inferred_claim<'a>(p: &'a pactum::Provenance, field: &'a str) -> &'a pactum::Claim {
    p.claims_about(field)
        .find(|c| c.is_inferred())
        .unwrap_or_else(|| panic!("no inferred claim on {field}"))
}

#[test]
fn the_defence_mou_signatories_are_inferred_from_the_ceremony() {
    let registry = pactum::seed();
    let mou = registry.mou("kr-mnd-msit-2021").expect("in the seed");
    let claim = inferred_claim(mou.provenance(), "signed_by");
    assert!(claim.note().is_some_and(|n| n.contains("attended")));
    let inferred = seed_values(EntityKind::Mou, "kr-mnd-msit-2021", Support::Inferred);
    assert!(inferred.iter().any(|p| p == "signed_by[1].name"));
}

#[test]
fn no_source_names_a_peoples_committee_of_da_nang() {
    let registry = pactum::seed();
    assert!(registry
        .institutions()
        .iter()
        .all(|i| !i.name().contains("People's Committee")));
    let city = registry.institution("vn-danang").expect("in the seed");
    assert_eq!(city.name(), "Da Nang");
    let dost = registry.institution("vn-danang-dost").expect("in the seed");
    assert_eq!(dost.parent().map(Key::as_str), Some("vn-danang"));
    assert_eq!(
        seed_values(EntityKind::Institution, "vn-danang", Support::Inferred),
        ["parent"]
    );
}

#[test]
fn the_seoul_forum_claims_no_topics_and_infers_its_participants() {
    let registry = pactum::seed();
    let forum = registry
        .meeting("kr-us-industrial-tech-forum-2023")
        .expect("in the seed");
    assert!(forum.tech_areas().is_empty());
    assert!(inferred_claim(forum.provenance(), "participants")
        .note()
        .is_some_and(|n| n.contains("these institutions")));
    assert_eq!(
        seed_values(
            EntityKind::Meeting,
            "kr-us-industrial-tech-forum-2023",
            Support::Inferred
        )
        .len(),
        6
    );
}

#[test]
fn the_kickoff_plans_its_subcommittees_and_is_not_dated_the_6th() {
    let registry = pactum::seed();
    let kickoff = registry
        .meeting("kr-motie-digital-growth-act-tf-kickoff")
        .expect("in the seed");
    assert!(kickoff.outcomes().all(|o| !o.contains("were set up")));
    let notes: Vec<&str> = kickoff
        .provenance()
        .citations()
        .iter()
        .filter_map(|c| c.note())
        .collect();
    assert!(notes.iter().all(|n| !n.contains("Held on the 6th")));
    let plan = registry
        .commitment("kr-digital-growth-act-subcommittees")
        .expect("in the seed");
    assert_eq!(plan.status(), CommitmentStatus::Open);
    assert!(plan.description().contains("three subcommittees"));
}

#[test]
fn the_seed_cites_public_sources_instead_of_its_notes() {
    let registry = pactum::seed();
    assert!(registry.source("ref-seed-notes").is_none());
    for key in [
        "yna-2023-04-20",
        "yna-2022-12-05",
        "dataguidance-2020-01-16",
        "moef-2021-07-14",
    ] {
        let source = registry.source(key).expect("in the seed");
        assert!(
            source.publisher().is_some() && source.published().is_some(),
            "{key}"
        );
    }
    let visit = registry
        .meeting("kr-us-state-visit-2023")
        .expect("in the seed");
    assert_eq!(
        visit.end().map(Date::to_string).as_deref(),
        Some("2023-04-29")
    );
    let csp = registry.partnership("vn-kr-csp").expect("in the seed");
    assert_eq!(
        csp.established().map(Date::to_string).as_deref(),
        Some("2022-12-05")
    );
    assert_eq!(csp.provenance().claims_about("established").count(), 2);
}

#[test]
fn inferred_years_names_and_titles_are_marked_as_inferred() {
    let registry = pactum::seed();
    for key in [
        "kr-digital-growth-act-bill",
        "kr-dna-smart-defense-strategy",
    ] {
        let c = registry.commitment(key).expect("in the seed");
        inferred_claim(c.provenance(), "due");
    }
    for key in ["kr-iitp", "us-mit"] {
        let i = registry.institution(key).expect("in the seed");
        inferred_claim(i.provenance(), "name");
    }
    assert_eq!(
        seed_values(EntityKind::Meeting, "eu-kr-dpc-1", Support::Inferred),
        [
            "chairs[0].institution",
            "chairs[0].title",
            "chairs[1].institution",
            "chairs[1].title"
        ]
    );
    let msip = registry.institution("kr-msip").expect("in the seed");
    let kbs: Vec<&str> = msip
        .provenance()
        .citations()
        .iter()
        .flat_map(|c| c.fields())
        .collect();
    assert_eq!(kbs, ["name", "kind", "country", "parent"]);
}

#[test]
fn titles_and_themes_are_as_printed() {
    let registry = pactum::seed();
    let mou = registry.mou("kr-mnd-msit-2021").expect("in the seed");
    assert_eq!(mou.signed_by()[0].title(), Some("Defense Minister"));
    let conference = registry
        .meeting("vn-kr-danang-conference-2023")
        .expect("in the seed");
    assert!(conference
        .name()
        .starts_with("The fourth Industry Revolution (Industry 4.0)"));
    assert_eq!(
        conference.attendees()[0].title(),
        Some("Consul General of South Korea in Da Nang")
    );
    for m in registry.meetings() {
        assert!(
            m.outcomes()
                .all(|o| !o.contains("joint research") && !o.contains("small firms")),
            "{}",
            m.key()
        );
    }
}

#[test]
fn the_cooperation_demand_has_two_steps_and_the_areas_the_article_names() {
    let registry = pactum::seed();
    let find = registry
        .commitment("kr-us-cooperation-demand-2023")
        .expect("in the seed");
    assert_eq!(
        find.due().map(Date::to_string).as_deref(),
        Some("2023-12-31")
    );
    let areas: Vec<&str> = find.tech_areas().iter().map(Key::as_str).collect();
    assert_eq!(
        areas,
        [
            "autonomous-vehicles",
            "robotics",
            "secondary-batteries",
            "semiconductors"
        ]
    );
    let projects = registry
        .commitment("kr-us-cooperation-projects-2024")
        .expect("in the seed");
    assert!(projects.description().contains("medium- or large-scale"));
}

#[test]
fn names_the_articles_print_are_found() {
    let registry = pactum::seed();
    for (query, key) in [
        ("Republic of Korea", "kr-gov"),
        ("United States", "us-gov"),
        ("US", "us-gov"),
        ("Japan", "jp-gov"),
        ("Singapore", "sg-gov"),
        (
            "Consulate General of South Korea in Da Nang",
            "kr-consulate-danang",
        ),
        ("Department of Science and Technology", "vn-danang-dost"),
        (
            "Ministry for Science and Information and Communication Technology",
            "kr-msit",
        ),
        ("Viet Nam", "vn-gov"),
    ] {
        let found = registry.lookup_institution(query);
        assert_eq!(
            found.unique().map(|i| i.key().as_str()),
            Some(key),
            "{query}: {found}"
        );
    }
    // Officials have no aliases: the name the article prints is kept as a
    // claim on the attendee.
    let visit = registry
        .meeting("kr-us-state-visit-2023")
        .expect("in the seed");
    assert!(visit
        .provenance()
        .claims_about("attendees[0].name")
        .any(|c| c.value() == "Yoon Seo-gyul"));
}

#[test]
fn facts_the_articles_state_are_in_the_seed() {
    let registry = pactum::seed();
    let visit = registry
        .meeting("kr-us-state-visit-2023")
        .expect("in the seed");
    let keys = |list: &[Key<pactum::Institution>]| -> Vec<String> {
        list.iter().map(|k| k.as_str().to_owned()).collect()
    };
    assert_eq!(keys(visit.participants()), ["kr-gov", "us-gov"]);
    assert_eq!(visit.place(), Some("United States"));
    let first = registry.meeting("eu-kr-dpc-1").expect("in the seed");
    assert_eq!(keys(first.participants()), ["eu", "kr-gov"]);
    let second = registry.meeting("eu-kr-dpc-2").expect("in the seed");
    assert!(second
        .outcomes()
        .any(|o| o.contains("Declaration for the Future of Internet")));
    for key in [
        "kr-motie-international-rnd-investment",
        "kr-motie-rnd-no-discrimination",
        "kr-military-ai-sw-training",
        "kr-veterans-career-support",
        "kr-defense-ict-rnd-project",
    ] {
        assert!(registry.commitment(key).is_some(), "{key}");
    }
    let team = registry
        .commitment("kr-iitp-defense-ict-team")
        .expect("in the seed");
    assert!(team
        .description()
        .contains("National Defense ICT Support Team"));
    let kickoff = registry
        .meeting("kr-motie-digital-growth-act-tf-kickoff")
        .expect("in the seed");
    assert!(kickoff
        .provenance()
        .claims_about("participants")
        .any(|c| c.value().starts_with("about 20 experts")));
    let bill = registry
        .commitment("kr-digital-growth-act-bill")
        .expect("in the seed");
    assert!(bill.description().contains(
        "Special Act on Promoting Industrial Innovation Growth Based on Digital Technology"
    ));
    assert!(registry.institution("kr-national-assembly").is_some());
    let article = registry.source("seed-002").expect("in the seed");
    assert_eq!(article.authors().collect::<Vec<_>>(), ["M.Q", "M.DUNG"]);
}

#[test]
fn the_eu_list_marks_its_first_four_areas_most_sensitive() {
    let list = pactum::crosswalk::list("eu-critical-2023").expect("a list");
    let marked: Vec<u8> = list
        .areas()
        .iter()
        .filter(|a| a.is_most_sensitive())
        .map(|a| a.number())
        .collect();
    assert_eq!(marked, [1, 2, 3, 4]);
}
