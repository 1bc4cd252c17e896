//! Edits of a registry: every invariant is checked on insert, update and
//! remove, a failed edit leaves the registry exactly as it was, and lints
//! warn without rejecting.

use chrono::NaiveDate;
use pactum::{
    Commitment, CommitmentStatus, Date, Entity, EntityKind, Institution, InstitutionKind, Key,
    Meeting, MeetingKind, MeetingStatus, MergePolicy, Mou, Official, Origin, Partnership,
    PartnershipKind, Registry, Rule, Source, TechArea, ValidationError,
};

fn date(text: &str) -> Date {
    Date::parse(text).expect("a valid date")
}

fn institution(key: &str, country: &str) -> Institution {
    Institution::builder(
        key,
        format!("Institution {key}"),
        InstitutionKind::Ministry,
        country,
    )
    .source("s1")
    .build()
    .expect("a valid institution")
}

/// A small registry: two Korean bodies (one under the other), a US body, a
/// partnership from 2022-11-28 and its first council.
fn registry() -> Registry {
    let mut r = Registry::new();
    r.insert(Source::builder("s1", "A source").build().expect("valid"))
        .expect("inserted");
    r.insert(institution("kr-gov", "KR")).expect("inserted");
    let msit = Institution::builder(
        "kr-msit",
        "Ministry of Science and ICT",
        InstitutionKind::Ministry,
        "KR",
    )
    .parent("kr-gov")
    .source("s1")
    .build()
    .expect("valid");
    r.insert(msit).expect("inserted");
    r.insert(institution("us-gov", "US")).expect("inserted");
    let p = Partnership::builder(
        "p1",
        "A partnership",
        PartnershipKind::TechnologyCooperation,
    )
    .party("kr-gov")
    .party("us-gov")
    .established(date("2022-11-28"))
    .tech_area("ai")
    .source("s1")
    .build()
    .expect("valid");
    r.insert(p).expect("inserted");
    r.insert(council("m1", 1, "2023-06-30")).expect("inserted");
    r
}

fn council(key: &str, session: u32, day: &str) -> Meeting {
    Meeting::builder(
        key,
        format!("Council {session}"),
        MeetingKind::Council,
        date(day),
        MeetingStatus::Held,
    )
    .partnership("p1")
    .session("p1-council", session)
    .source("s1")
    .build()
    .expect("a valid meeting")
}

fn rules(e: &ValidationError) -> Vec<Rule> {
    e.diagnostics().iter().map(|d| d.rule()).collect()
}

/// Runs an edit that must fail and checks that nothing changed.
fn assert_rejected<T: std::fmt::Debug>(
    r: &mut Registry,
    edit: impl FnOnce(&mut Registry) -> Result<T, ValidationError>,
) -> ValidationError {
    let before = r.to_json_string();
    let len = r.len();
    let err = edit(r).expect_err("the edit must be rejected");
    assert_eq!(
        r.to_json_string(),
        before,
        "a failed edit changed the registry"
    );
    assert_eq!(r.len(), len);
    err
}

#[test]
fn inserting_a_duplicate_key_is_rejected_and_changes_nothing() {
    let mut r = registry();
    let err = assert_rejected(&mut r, |r| r.insert(institution("kr-gov", "KR")));
    assert_eq!(rules(&err), [Rule::DuplicateKey]);
}

#[test]
fn inserting_a_dangling_reference_is_rejected_with_a_suggestion() {
    let mut r = registry();
    let mou = Mou::builder("u1", "An MOU", date("2023"))
        .signatory("kr-gov")
        .signatory("us-govt")
        .build()
        .expect("valid on its own");
    let err = assert_rejected(&mut r, |r| r.insert(mou));
    assert_eq!(rules(&err), [Rule::DanglingReference]);
    let message = err.to_string();
    assert!(message.contains("signatories[1]"), "{message}");
    assert!(message.contains("did you mean \"us-gov\""), "{message}");
}

/// A swapped pair of letters is one edit wherever the mistake is made: a
/// dangling reference in data and an unknown key in a query suggest the
/// same key, in the same words.
#[test]
fn a_transposed_key_suggests_the_same_key_in_validation_and_in_queries() {
    let mut seed = pactum::seed();
    let mou = Mou::builder("kr-mist-typo", "An MOU", date("2023"))
        .signatory("kr-mist")
        .signatory("kr-gov")
        .build()
        .expect("valid on its own");
    let err = assert_rejected(&mut seed, |r| r.insert(mou));
    let message = err.to_string();
    assert!(
        message.contains(r#"unknown institution "kr-mist"; did you mean "kr-msit"?"#),
        "{message}"
    );
    let query = seed.timeline().institution("kr-mist").run().map(|_| ());
    let query = query.expect_err("an unknown institution");
    assert_eq!(query.suggestion(), Some("kr-msit"));
    assert_eq!(
        query.to_string(),
        r#"unknown institution "kr-mist"; did you mean "kr-msit"?"#
    );
}

#[test]
fn an_update_that_makes_a_cycle_is_rejected() {
    let mut r = registry();
    let gov_under_msit = Institution::builder(
        "kr-gov",
        "Institution kr-gov",
        InstitutionKind::Government,
        "KR",
    )
    .parent("kr-msit")
    .build()
    .expect("valid on its own");
    let err = assert_rejected(&mut r, |r| r.update(gov_under_msit));
    assert!(rules(&err).contains(&Rule::Cycle), "{err}");
}

#[test]
fn a_session_out_of_order_is_rejected_on_insert() {
    let mut r = registry();
    let err = assert_rejected(&mut r, |r| r.insert(council("m2", 2, "2023-01-10")));
    assert_eq!(rules(&err), [Rule::SessionOrder]);
    let err = assert_rejected(&mut r, |r| r.insert(council("m2", 1, "2024")));
    assert_eq!(rules(&err), [Rule::DuplicateSession]);
    r.insert(council("m2", 2, "2024-03-26")).expect("in order");
}

#[test]
fn a_later_session_may_fall_on_the_same_day_as_an_earlier_one() {
    let mut r = registry();
    r.insert(council("m2", 2, "2023-06-30"))
        .expect("session 1 is on the same day");
}

#[test]
fn a_taken_session_number_is_a_duplicate_and_not_also_out_of_order() {
    let mut r = registry();
    let err = assert_rejected(&mut r, |r| r.insert(council("m2", 1, "2023-01-10")));
    assert_eq!(rules(&err), [Rule::DuplicateSession]);
}

#[test]
fn a_meeting_may_be_held_on_the_day_its_partnership_starts() {
    let mut r = registry();
    let forum = |day: &str| {
        Meeting::builder(
            "m0",
            "Forum",
            MeetingKind::Forum,
            date(day),
            MeetingStatus::Held,
        )
        .partnership("p1")
        .build()
        .expect("valid on its own")
    };
    let err = assert_rejected(&mut r, |r| r.insert(forum("2022-11-27")));
    assert_eq!(rules(&err), [Rule::MeetingBeforePartnership]);
    r.insert(forum("2022-11-28")).expect("on the start day");
}

#[test]
fn a_meeting_certainly_before_its_partnership_is_rejected() {
    let mut r = registry();
    let early = Meeting::builder(
        "m0",
        "Early",
        MeetingKind::Forum,
        date("2022-06"),
        MeetingStatus::Held,
    )
    .partnership("p1")
    .build()
    .expect("valid on its own");
    let err = assert_rejected(&mut r, |r| r.insert(early));
    assert_eq!(rules(&err), [Rule::MeetingBeforePartnership]);
    // "Some day of 2022" may be after 28 November: allowed.
    let vague = Meeting::builder(
        "m0",
        "Vague",
        MeetingKind::Forum,
        date("2022"),
        MeetingStatus::Held,
    )
    .partnership("p1")
    .build()
    .expect("valid on its own");
    r.insert(vague).expect("possibly after the start");
}

#[test]
fn citing_an_unknown_source_is_rejected_for_every_kind_of_entity() {
    let mut r = registry();
    let area = TechArea::builder("ai-accelerators", "AI accelerators")
        .parent("ai")
        .source("s2")
        .build()
        .expect("valid on its own");
    let body = Institution::builder("kr-x", "Institution kr-x", InstitutionKind::Agency, "KR")
        .source("s2")
        .build()
        .expect("valid on its own");
    let mou = Mou::builder("u1", "An MOU", date("2023"))
        .signatory("kr-gov")
        .signatory("us-gov")
        .source("s2")
        .build()
        .expect("valid on its own");
    let commitment = Commitment::builder(
        "c1",
        "Do something",
        Origin::Meeting(Key::new("m1").expect("a key")),
        CommitmentStatus::Open,
    )
    .owner("kr-gov")
    .source("s2")
    .build()
    .expect("valid on its own");
    let errors = [
        assert_rejected(&mut r, |r| r.insert(area)),
        assert_rejected(&mut r, |r| r.insert(body)),
        assert_rejected(&mut r, |r| r.insert(mou)),
        assert_rejected(&mut r, |r| r.insert(commitment)),
    ];
    for err in errors {
        assert_eq!(rules(&err), [Rule::DanglingReference], "{err}");
        let d = &err.diagnostics()[0];
        assert_eq!(d.path(), "sources[0]", "{err}");
        assert!(d.to_string().contains("unknown source \"s2\""), "{err}");
    }
}

#[test]
fn removing_a_referenced_entity_is_rejected_and_names_the_referrers() {
    let mut r = registry();
    let err = assert_rejected(&mut r, |r| r.remove::<Partnership>("p1"));
    assert_eq!(rules(&err), [Rule::StillReferenced]);
    assert!(err.to_string().contains("m1"), "{err}");
    let err = assert_rejected(&mut r, |r| r.remove::<Meeting>("m9"));
    assert_eq!(rules(&err), [Rule::NotFound]);
    let removed = r.remove::<Meeting>("m1").expect("no longer referenced");
    assert_eq!(removed.key().as_str(), "m1");
    r.remove::<Partnership>("p1").expect("now unreferenced");
}

#[test]
fn builders_reject_what_the_file_format_rejects() {
    let one_side = Mou::builder("u1", "An MOU", date("2023"))
        .signatory("kr-gov")
        .build();
    assert_eq!(
        rules(&one_side.expect_err("one signatory")),
        [Rule::TooFewParties]
    );
    let ends_first = Mou::builder("u1", "An MOU", date("2023-05-01"))
        .signatory("kr-gov")
        .signatory("us-gov")
        .entry_into_force(date("2023-05-01"))
        .expiry(date("2023-04"))
        .build();
    assert_eq!(
        rules(&ends_first.expect_err("expires first")),
        [Rule::LifecycleOrder]
    );
    let open_with_date = Commitment::builder(
        "c1",
        "Do something",
        Origin::Mou(Key::new("u1").expect("a key")),
        CommitmentStatus::Open,
    )
    .owner("kr-gov")
    .status_date(date("2024"))
    .build();
    assert_eq!(
        rules(&open_with_date.expect_err("open")),
        [Rule::StatusDate]
    );
    let bad_key = Institution::builder("KR GOV", "Name", InstitutionKind::Government, "KR").build();
    assert_eq!(rules(&bad_key.expect_err("bad key")), [Rule::InvalidKey]);
    let blank = Official::builder(" ").build();
    assert_eq!(rules(&blank.expect_err("blank name")), [Rule::BlankText]);
}

#[test]
fn entry_into_force_before_signature_is_allowed_with_a_lint() {
    let mut r = registry();
    let retroactive = Mou::builder("u1", "An MOU", date("2023-03-15"))
        .signatory("kr-gov")
        .signatory("us-gov")
        .entry_into_force(date("2023-01-01"))
        .tech_area("ai")
        .source("s1")
        .build()
        .expect("retroactive entry is valid");
    r.insert(retroactive).expect("inserted");
    let lints = r.lint(NaiveDate::from_ymd_opt(2023, 6, 1).expect("a day"));
    let found: Vec<(Rule, Option<&str>, &str)> = lints
        .iter()
        .map(|d| (d.rule(), d.key(), d.path()))
        .collect();
    assert_eq!(
        found,
        [(
            Rule::RetroactiveEntry,
            Some("u1"),
            "mous[0].entry_into_force"
        )]
    );
}

#[test]
fn a_chair_from_outside_the_parties_is_linted_and_one_from_under_a_party_is_not() {
    let mut r = registry();
    r.insert(institution("jp-gov", "JP")).expect("inserted");
    let chair = |name: &str, institution: &str| {
        Official::builder(name)
            .institution(institution)
            .build()
            .expect("a valid official")
    };
    let m = Meeting::builder(
        "m2",
        "Council 2",
        MeetingKind::Council,
        date("2024"),
        MeetingStatus::Held,
    )
    .partnership("p1")
    .session("p1-council", 2)
    .chair(chair("A", "kr-msit"))
    .chair(chair("B", "jp-gov"))
    .source("s1")
    .build()
    .expect("valid");
    r.insert(m).expect("inserted");
    let lints = r.lint(NaiveDate::from_ymd_opt(2025, 1, 1).expect("a day"));
    let found: Vec<(Rule, &str)> = lints.iter().map(|d| (d.rule(), d.path())).collect();
    assert_eq!(
        found,
        [(Rule::ChairNotParty, "meetings[1].chairs[1].institution")]
    );
}

#[test]
fn missing_sources_and_tech_areas_are_linted() {
    let mut r = Registry::new();
    r.insert(
        Institution::builder("a", "A", InstitutionKind::Government, "KR")
            .build()
            .expect("valid"),
    )
    .expect("inserted");
    r.insert(
        Institution::builder("b", "B", InstitutionKind::Government, "JP")
            .build()
            .expect("valid"),
    )
    .expect("inserted");
    let p = Partnership::builder("p", "P", PartnershipKind::Other)
        .party("a")
        .party("b")
        .build()
        .expect("valid");
    r.insert(p).expect("inserted");
    let lints = r.lint(NaiveDate::from_ymd_opt(2025, 1, 1).expect("a day"));
    let found: Vec<(Rule, Option<&str>)> = lints.iter().map(|d| (d.rule(), d.key())).collect();
    assert_eq!(
        found,
        [
            (Rule::NoSource, Some("a")),
            (Rule::NoSource, Some("b")),
            (Rule::NoSource, Some("p")),
            (Rule::NoTechArea, Some("p")),
        ]
    );
}

#[test]
fn ids_are_the_same_for_the_same_key_in_every_registry() {
    let r1 = registry();
    let r2 = pactum::seed();
    let a = r1.institution("kr-msit").expect("present").id();
    let b = r2.institution("kr-msit").expect("present").id();
    assert_eq!(a, b);
    assert_eq!(a.to_string(), "d386ebf9-96d7-5b0f-a6ba-09dde1ea36ea");
    assert_eq!(
        r2.get_by_id(b).map(|i| i.name()),
        Some("Ministry of Science and ICT")
    );
}

#[test]
fn merging_a_dataset_with_itself_changes_nothing() {
    let mut r = pactum::seed();
    let before = r.to_json_string();
    let copy = pactum::seed();
    let report = r.merge(&copy, MergePolicy::Fail).expect("no conflicts");
    assert_eq!(report.identical(), copy.len());
    assert!(report.added().is_empty());
    assert!(report.conflicts().is_empty());
    assert_eq!(r.to_json_string(), before);
}

#[test]
fn merging_adds_what_is_new_and_reports_conflicts_field_by_field() {
    let mut ours = registry();
    let mut theirs = registry();
    theirs
        .insert(institution("jp-gov", "JP"))
        .expect("inserted");
    let renamed = Institution::builder(
        "us-gov",
        "Government of the United States",
        InstitutionKind::Government,
        "US",
    )
    .source("s1")
    .build()
    .expect("valid");
    theirs.update(renamed).expect("updated");

    let err = assert_rejected(&mut ours, |r| r.merge(&theirs, MergePolicy::Fail));
    let found: Vec<(Rule, Option<&str>, &str)> = err
        .diagnostics()
        .iter()
        .map(|d| (d.rule(), d.key(), d.path()))
        .collect();
    assert_eq!(
        found,
        [
            (Rule::MergeConflict, Some("us-gov"), "name"),
            (Rule::MergeConflict, Some("us-gov"), "kind")
        ]
    );

    let report = ours.merge(&theirs, MergePolicy::KeepOurs).expect("merged");
    assert_eq!(
        report.added(),
        [(EntityKind::Institution, "jp-gov".to_owned())]
    );
    assert_eq!(report.conflicts().len(), 1);
    let fields: Vec<&str> = report.conflicts()[0]
        .fields()
        .iter()
        .map(|f| f.field())
        .collect();
    assert_eq!(fields, ["name", "kind"]);
    assert_eq!(
        ours.institution("us-gov").map(|i| i.name()),
        Some("Institution us-gov")
    );

    let report = ours
        .merge(&theirs, MergePolicy::TakeTheirs)
        .expect("merged");
    assert!(report.added().is_empty());
    assert_eq!(
        ours.institution("us-gov").map(|i| i.name()),
        Some("Government of the United States")
    );
}

#[test]
fn a_merge_whose_result_breaks_an_invariant_is_rejected() {
    let mut ours = registry();
    let mut theirs = registry();
    theirs.remove::<Meeting>("m1").expect("removed");
    theirs
        .insert(council("m9", 1, "2023-07-01"))
        .expect("inserted");
    let err = assert_rejected(&mut ours, |r| r.merge(&theirs, MergePolicy::Fail));
    assert_eq!(rules(&err), [Rule::DuplicateSession]);
}

#[test]
fn a_cascading_removal_takes_every_referrer_and_a_failed_one_changes_nothing() {
    let mut r = registry();
    r.insert(council("m2", 2, "2024-03-26")).expect("inserted");
    let removed = r.remove_cascade::<Institution>("kr-gov").expect("removed");
    assert_eq!(
        removed,
        [
            (EntityKind::Institution, "kr-gov".to_owned()),
            (EntityKind::Institution, "kr-msit".to_owned()),
            (EntityKind::Partnership, "p1".to_owned()),
            (EntityKind::Meeting, "m1".to_owned()),
            (EntityKind::Meeting, "m2".to_owned()),
        ]
    );
    assert_eq!(r.institutions().len(), 1);
    assert!(r.meetings().is_empty());
    let err = assert_rejected(&mut r, |r| r.remove_cascade::<Institution>("kr-gov"));
    assert_eq!(rules(&err), [Rule::NotFound]);
}

/// A count of the events in a window follows every edit: what the count
/// keeps for its binary searches is dropped by an insert, an update and a
/// remove (each edit below moves an event before the window, where a stale
/// count would still see it ending inside).
#[test]
fn window_counts_follow_inserts_updates_and_removes() {
    let mut r = registry();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
    let window = pactum::Window::new(day(2023, 1, 1), day(2023, 12, 31)).expect("ordered");
    let counts = |r: &Registry| {
        let q = r.timeline().within(window);
        let counted = q.run().map(Iterator::count).expect("a query");
        let walked = q.run().map(|h| h.fold(0, |n, _| n + 1)).expect("a query");
        (counted, walked)
    };
    let meeting = |key: &str, day: &str| {
        Meeting::builder(
            key,
            "A meeting",
            MeetingKind::WorkingGroup,
            date(day),
            MeetingStatus::Held,
        )
        .source("s1")
        .build()
        .expect("a valid meeting")
    };
    assert_eq!(counts(&r), (1, 1));
    // A window of one day: the day of the first council.
    let one_day = r.timeline().within(pactum::Window::day(day(2023, 6, 30)));
    assert_eq!(one_day.run().map(Iterator::count).ok(), Some(1));
    r.insert(meeting("w1", "2022-12-15")).expect("inserted");
    assert_eq!(counts(&r), (1, 1));
    r.insert(meeting("w2", "2023-09-01")).expect("inserted");
    assert_eq!(counts(&r), (2, 2));
    r.update(meeting("w2", "2022-10-01")).expect("updated");
    assert_eq!(counts(&r), (1, 1));
    r.update(meeting("w1", "[2021,2023-02]")).expect("updated");
    assert_eq!(counts(&r), (2, 2));
    r.remove::<Meeting>("w2").expect("removed");
    assert_eq!(counts(&r), (2, 2));
    r.remove::<Meeting>("m1").expect("removed");
    assert_eq!(counts(&r), (1, 1));
    // Disputed days on either side of the window: its hull covers the
    // window, neither day is in it.
    r.update(meeting("w1", "[2022-06,2024-02]"))
        .expect("updated");
    assert_eq!(counts(&r), (0, 0));
    // The same with a lower bound on the sort day, which walks the lists
    // instead of searching them.
    let after = r.timeline().within(window).after(day(2000, 1, 1));
    assert_eq!(after.run().map(Iterator::count).ok(), Some(0));
}

#[test]
fn a_country_keeps_its_other_bodies_when_one_is_removed() {
    let mut r = registry();
    let korean = |r: &Registry| {
        r.timeline()
            .country(pactum::Country::KR)
            .run()
            .map(Iterator::count)
            .expect("a query")
    };
    let before = korean(&r);
    assert!(before > 0, "the partnership and its council involve kr-gov");
    r.insert(institution("kr-mofa", "KR")).expect("inserted");
    assert_eq!(korean(&r), before);
    r.remove::<Institution>("kr-mofa").expect("unreferenced");
    assert_eq!(korean(&r), before, "kr-gov still counts for KR");
    // Moved to another country by an update.
    r.insert(institution("kr-mofa", "KR"))
        .expect("inserted again");
    r.update(institution("kr-mofa", "US")).expect("updated");
    assert_eq!(korean(&r), before);
    // Its meetings now count for the United States, not for Korea.
    let meeting = Meeting::builder(
        "m-mofa",
        "Consultations",
        MeetingKind::Conference,
        date("2024-03-05"),
        MeetingStatus::Held,
    )
    .participant("kr-mofa")
    .build()
    .expect("valid");
    r.insert(meeting).expect("inserted");
    assert_eq!(korean(&r), before);
    let american = r
        .timeline()
        .country(pactum::Country::US)
        .run()
        .expect("a query")
        .map(|h| h.event().key().to_owned())
        .collect::<Vec<_>>();
    assert!(american.contains(&"m-mofa".to_owned()), "{american:?}");
}

/// A body removed from under its parent takes only itself away: the
/// parent's other bodies, and their events, stay below it.
#[test]
fn a_parent_keeps_its_other_bodies_when_one_is_removed() {
    let mut r = registry();
    let meeting = Meeting::builder(
        "m-msit",
        "Working group",
        MeetingKind::WorkingGroup,
        date("2024-04-02"),
        MeetingStatus::Held,
    )
    .participant("kr-msit")
    .build()
    .expect("valid");
    r.insert(meeting).expect("inserted");
    let below = |r: &Registry| -> Vec<String> {
        r.timeline()
            .institution_or_below("kr-gov")
            .run()
            .expect("a query")
            .map(|h| h.event().key().to_owned())
            .collect()
    };
    let before = below(&r);
    assert!(before.contains(&"m-msit".to_owned()), "{before:?}");
    let kcc = Institution::builder(
        "kr-kcc",
        "Communications commission",
        InstitutionKind::Agency,
        "KR",
    )
    .parent("kr-gov")
    .source("s1")
    .build()
    .expect("valid");
    r.insert(kcc).expect("inserted");
    r.remove::<Institution>("kr-kcc").expect("unreferenced");
    assert_eq!(below(&r), before, "kr-msit is still below kr-gov");
}

/// An area taken from under its parent is no longer below it: put back
/// under another parent, by a removal and an insert or by an update, its
/// events are found below the new parent and not below the old one.
#[test]
fn an_area_moved_to_another_parent_is_below_that_parent_only() {
    let mut r = registry();
    let chips = |parent: &str| {
        TechArea::builder("chiplet-packaging", "Chiplet packaging")
            .parent(parent)
            .build()
            .expect("valid")
    };
    let below = |r: &Registry, area: &str| -> Vec<String> {
        r.timeline()
            .area_or_below(area)
            .run()
            .expect("a query")
            .map(|h| h.event().key().to_owned())
            .collect()
    };
    r.insert(chips("ai")).expect("inserted");
    r.remove::<TechArea>("chiplet-packaging")
        .expect("unreferenced");
    r.insert(chips("semiconductors")).expect("inserted again");
    let meeting = Meeting::builder(
        "m-chips",
        "Chip design workshop",
        MeetingKind::Conference,
        date("2024-03-05"),
        MeetingStatus::Held,
    )
    .participant("kr-gov")
    .tech_area("chiplet-packaging")
    .build()
    .expect("valid");
    r.insert(meeting).expect("inserted");
    assert_eq!(below(&r, "semiconductors"), ["m-chips"]);
    assert!(!below(&r, "ai").contains(&"m-chips".to_owned()));
    r.update(chips("ai")).expect("updated");
    assert!(below(&r, "ai").contains(&"m-chips".to_owned()));
    assert!(!below(&r, "semiconductors").contains(&"m-chips".to_owned()));
}
