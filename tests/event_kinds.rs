//! Event kinds: names, labels and the events a commitment's resolution makes.

use pactum::{
    Commitment, CommitmentStatus, Date, EventKind, Institution, InstitutionKind, Key, Meeting,
    MeetingKind, MeetingStatus, Mou, Origin, Partnership, PartnershipKind, Registry,
};

/// A registry with two governments, `a` (KR) and `b` (US).
fn two_governments() -> Registry {
    let mut registry = Registry::new();
    for (key, country) in [("a", "KR"), ("b", "US")] {
        let inst = Institution::builder(
            key,
            key.to_uppercase(),
            InstitutionKind::Government,
            country,
        )
        .build()
        .expect("valid");
        registry.insert(inst).expect("inserted");
    }
    registry
}

#[test]
fn every_kind_reads_back_from_its_name_and_its_label() {
    for kind in EventKind::ALL {
        assert_eq!(kind.as_str().parse::<EventKind>().ok(), Some(kind));
        assert_eq!(kind.label().parse::<EventKind>().ok(), Some(kind));
        assert_eq!(kind.to_string(), kind.label());
        assert_eq!(kind.label().replace(' ', "_"), kind.as_str());
    }
    assert_eq!(
        EventKind::MouEnteredIntoForce.label(),
        "mou entered into force"
    );
    assert_eq!(
        format!("[{:<14}]", EventKind::MouSigned),
        "[mou signed    ]"
    );
}

#[test]
fn a_resolved_commitment_has_a_due_event_and_a_resolution_event_on_its_status_date() {
    let mut registry = two_governments();
    let mou = Mou::builder("u", "An MOU", Date::parse("2021-01-05").expect("a date"))
        .signatory("a")
        .signatory("b")
        .build()
        .expect("valid");
    registry.insert(mou).expect("inserted");
    for (key, status, status_date) in [
        ("c-met", CommitmentStatus::Met, Some("2021-06-01")),
        ("c-missed", CommitmentStatus::Missed, Some("2022-01-02")),
        ("c-dropped", CommitmentStatus::Dropped, Some("2021-03")),
        ("c-open", CommitmentStatus::Open, None),
    ] {
        let mut builder = Commitment::builder(
            key,
            "Do it",
            Origin::Mou(Key::new("u").expect("a key")),
            status,
        )
        .owner("a")
        .due(Date::parse("2021-12-31").expect("a date"));
        if let Some(d) = status_date {
            builder = builder.status_date(Date::parse(d).expect("a date"));
        }
        registry
            .insert(builder.build().expect("valid"))
            .expect("inserted");
    }
    let events: Vec<(String, EventKind, String)> = registry
        .events()
        .iter()
        .map(|e| (e.key().to_owned(), e.kind(), e.date().to_string()))
        .collect();
    let expected = [
        ("u", EventKind::MouSigned, "2021-01-05"),
        ("c-dropped", EventKind::CommitmentDropped, "2021-03"),
        ("c-met", EventKind::CommitmentMet, "2021-06-01"),
        ("c-dropped", EventKind::CommitmentDue, "2021-12-31"),
        ("c-met", EventKind::CommitmentDue, "2021-12-31"),
        ("c-missed", EventKind::CommitmentDue, "2021-12-31"),
        ("c-open", EventKind::CommitmentDue, "2021-12-31"),
        ("c-missed", EventKind::CommitmentMissed, "2022-01-02"),
    ];
    let expected: Vec<(String, EventKind, String)> = expected
        .iter()
        .map(|(k, kind, d)| ((*k).to_owned(), *kind, (*d).to_owned()))
        .collect();
    assert_eq!(events, expected);
    let first = registry.events()[0];
    assert_eq!(first.subject().label(), "An MOU");
    assert_eq!(first.to_string(), "2021-01-05 mou signed u (An MOU)");
}

#[test]
fn every_dated_field_of_an_agreement_is_an_event_of_its_kind() {
    let mut registry = two_governments();
    let date = |t: &str| Date::parse(t).expect("a date");
    let partnership = pactum::Partnership::builder("p", "P", pactum::PartnershipKind::Other)
        .party("a")
        .party("b")
        .established(date("2020-02"))
        .ended(date("2024"))
        .build()
        .expect("valid");
    registry.insert(partnership).expect("inserted");
    let mou = Mou::builder("u", "An MOU", date("2021-01-05"))
        .signatory("a")
        .signatory("b")
        .entry_into_force(date("2021-02-01"))
        .expiry(date("2026-01-31"))
        .termination(date("2023-06-30"))
        .build()
        .expect("valid");
    registry.insert(mou).expect("inserted");
    let events: Vec<(&str, EventKind, String)> = registry
        .events()
        .iter()
        .map(|e| (e.key(), e.kind(), e.date().to_string()))
        .collect();
    assert_eq!(
        events,
        [
            ("p", EventKind::PartnershipEstablished, "2020-02".to_owned()),
            ("u", EventKind::MouSigned, "2021-01-05".to_owned()),
            ("u", EventKind::MouEnteredIntoForce, "2021-02-01".to_owned()),
            ("u", EventKind::MouTerminated, "2023-06-30".to_owned()),
            ("p", EventKind::PartnershipEnded, "2024".to_owned()),
            ("u", EventKind::MouExpired, "2026-01-31".to_owned()),
        ]
    );
}

#[test]
fn an_event_names_its_institutions_once_and_its_areas() {
    let registry = pactum::seed();
    let events = registry.events();
    let mou = events
        .iter()
        .find(|e| e.key() == "kr-mnd-msit-2021" && e.kind() == EventKind::MouSigned)
        .expect("the defence mou");
    // The signers act for the two signatories: each is named once.
    let institutions: Vec<&str> = mou.institutions().iter().map(|k| k.as_str()).collect();
    assert_eq!(institutions, ["kr-mnd", "kr-msit"]);
    let areas: Vec<&str> = mou.tech_areas().iter().map(|k| k.as_str()).collect();
    assert_eq!(
        areas,
        [
            "ai",
            "cybersecurity",
            "data",
            "network-connectivity",
            "robotics",
            "software",
            "unmanned-vehicles"
        ]
    );
    let review = events
        .iter()
        .find(|e| e.key() == "kr-us-mou-review-2023")
        .expect("the review");
    assert_eq!(review.institutions().len(), 8);
}

#[test]
fn events_are_equal_exactly_when_their_order_keys_are() {
    let registry = pactum::seed();
    let a = registry.events();
    let b = registry.events();
    assert_eq!(a, b);
    assert_ne!(a[0], a[1]);
    assert!(a.windows(2).all(|w| w[0] != w[1] && w[0] < w[1]));
}

/// `registry` with an MOU `u` signed by `a` and `b` on 2019-05-05.
/// An MOU between the two governments, signed on `signed`.
fn mou_of_a_and_b(key: &str, signed: &str) -> Mou {
    Mou::builder(key, "An MOU", Date::parse(signed).expect("a date"))
        .signatory("a")
        .signatory("b")
        .build()
        .expect("valid")
}

fn with_mou(mut registry: Registry) -> Registry {
    registry
        .insert(mou_of_a_and_b("u", "2019-05-05"))
        .expect("inserted");
    registry
}

#[test]
fn commitment_states_follow_the_due_date_and_a_rough_resolution_date() {
    use pactum::CommitmentState as S;
    let mut registry = with_mou(two_governments());
    // Due on 2020-01-01, met at some day of 2021.
    let met = Commitment::builder(
        "c",
        "Do it",
        Origin::Mou(Key::new("u").expect("a key")),
        CommitmentStatus::Met,
    )
    .owner("a")
    .due(Date::parse("2020-01-01").expect("a date"))
    .status_date(Date::parse("2021").expect("a date"))
    .build()
    .expect("valid");
    registry.insert(met).expect("inserted");
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a day");
    // `Some(certain)` when the commitment is (possibly) in the state.
    let state = |s: S, on| -> Option<bool> {
        let hits = registry.commitments_as_of(s, on);
        assert!(hits.len() <= 1);
        hits.first().map(|h| {
            assert_eq!(h.commitment().key().as_str(), "c");
            h.is_certain()
        })
    };
    // Before it is due: open, not overdue.
    assert_eq!(state(S::Open, day(2019, 6, 1)), Some(true));
    assert_eq!(state(S::Overdue, day(2019, 6, 1)), None);
    // Past due, before any day of the resolution year: certainly overdue.
    assert_eq!(state(S::Open, day(2020, 6, 1)), Some(true));
    assert_eq!(state(S::Overdue, day(2020, 6, 1)), Some(true));
    assert_eq!(state(S::Met, day(2020, 6, 1)), None);
    // Within the resolution year: possibly met, possibly still open.
    assert_eq!(state(S::Open, day(2021, 6, 1)), Some(false));
    assert_eq!(state(S::Overdue, day(2021, 6, 1)), Some(false));
    assert_eq!(state(S::Met, day(2021, 6, 1)), Some(false));
    assert_eq!(state(S::Missed, day(2021, 6, 1)), None);
    // After it: certainly met, neither open nor overdue.
    assert_eq!(state(S::Met, day(2022, 3, 1)), Some(true));
    assert_eq!(state(S::Open, day(2022, 3, 1)), None);
    assert_eq!(state(S::Overdue, day(2022, 3, 1)), None);
    assert_eq!(state(S::Dropped, day(2022, 3, 1)), None);
}

#[test]
fn an_mou_is_domestic_bilateral_or_multilateral_by_its_signatories_countries() {
    let mut registry = two_governments();
    for (key, country) in [("a2", "KR"), ("c", "JP")] {
        let inst = Institution::builder(key, key, InstitutionKind::Agency, country)
            .build()
            .expect("valid");
        registry.insert(inst).expect("inserted");
    }
    let scope = |signatories: &[&str]| {
        let mut builder = Mou::builder("m", "An MOU", Date::parse("2020").expect("a date"));
        for s in signatories {
            builder = builder.signatory(*s);
        }
        registry.scope_of(&builder.build().expect("valid"))
    };
    assert_eq!(scope(&["a", "a2"]), pactum::AgreementScope::Domestic);
    assert_eq!(scope(&["a", "b"]), pactum::AgreementScope::Bilateral);
    assert_eq!(scope(&["a", "a2", "b"]), pactum::AgreementScope::Bilateral);
    assert_eq!(
        scope(&["a", "b", "c"]),
        pactum::AgreementScope::Multilateral
    );
}

#[test]
fn a_query_error_says_what_was_looked_for() {
    let mut registry = with_mou(two_governments());
    let council = Institution::builder(
        "national-research-council",
        "National Research Council",
        InstitutionKind::Agency,
        "KR",
    )
    .build()
    .expect("valid");
    registry.insert(council).expect("inserted");
    // Three edits away from a 25-letter key: close enough for a hint (a
    // quarter of the key's length), unlike a key with nothing in common.
    let Err(e) = registry
        .timeline()
        .institution("nationl-resarch-councel")
        .run()
    else {
        panic!("a misspelt institution is an error");
    };
    assert_eq!(e.suggestion(), Some("national-research-council"));
    let Err(e) = registry.timeline().institution("zzz").run() else {
        panic!("an unknown institution is an error");
    };
    assert_eq!(e.suggestion(), None);
    let Err(e) = registry.timeline().institution("nobody").run() else {
        panic!("an unknown institution is an error");
    };
    assert_eq!(e.what(), "institution");
    assert_eq!(e.key(), "nobody");
    let Err(e) = registry.timeline().series("no-series").run() else {
        panic!("an unknown series is an error");
    };
    assert_eq!(e.what(), "series");
    let Err(e) = registry.timeline().area("no-area").run() else {
        panic!("an unknown area is an error");
    };
    assert_eq!(e.what(), "tech area");
    // Known keys are no error, even when nothing matches.
    assert_eq!(
        registry.timeline().area("ai").run().map(Iterator::count),
        Ok(0)
    );
    assert_eq!(
        registry
            .timeline()
            .institution("a")
            .run()
            .map(Iterator::count),
        Ok(1)
    );
}

#[test]
fn a_query_over_many_posting_lists_merges_them_in_order_and_shows_its_queue() {
    let mut registry = two_governments();
    // Five ministries under `a`, each signing one MOU with `b`.
    for i in 0..5 {
        let key = format!("a-m{i}");
        let inst = Institution::builder(&key, &key, InstitutionKind::Ministry, "KR")
            .parent("a")
            .build()
            .expect("valid");
        registry.insert(inst).expect("inserted");
        let mou = Mou::builder(
            format!("u{i}"),
            "An MOU",
            Date::parse(&format!("202{}-0{}", 4 - i, i + 1)).expect("a date"),
        )
        .signatory(key.as_str())
        .signatory("b")
        .build()
        .expect("valid");
        registry.insert(mou).expect("inserted");
    }
    // The first signer also signs a second MOU, a month after its first.
    let mou = Mou::builder("u4b", "An MOU", Date::parse("2020-06").expect("a date"))
        .signatory("a-m4")
        .signatory("b")
        .build()
        .expect("valid");
    registry.insert(mou).expect("inserted");
    let query = registry.timeline().institution_or_below("a");
    let mut hits = query.run().expect("a known institution");
    // No cursor is set before a hit is asked for.
    let shown = format!("{hits:?}");
    assert!(shown.contains("started: false, cursors: 0"), "{shown}");
    let first = hits.next().map(|h| h.event().key().to_owned());
    assert_eq!(first.as_deref(), Some("u4"));
    // One cursor for each of the five ministries (`a` itself signed
    // nothing): a run's lists with no candidate (events of several days,
    // open-ended, open-start, none here) get none. One head waits per
    // ministry: the next event of the first hit's list comes first and
    // waits outside the heap.
    let shown = format!("{hits:?}");
    assert!(shown.contains("started: true, cursors: 5"), "{shown}");
    assert!(shown.contains("queued: 5"), "{shown}");
    let keys: Vec<String> = hits.map(|h| h.event().key().to_owned()).collect();
    assert_eq!(keys, ["u4b", "u3", "u2", "u1", "u0"]);
}

#[test]
fn an_event_debug_prints_its_kind_date_and_entity() {
    let registry = with_mou(two_governments());
    let events = registry.events();
    let shown = format!("{:?}", events.first().expect("the signing"));
    for part in ["MouSigned", "2019-05-05", "\"u\""] {
        assert!(shown.contains(part), "{part} missing from {shown}");
    }
}

#[test]
fn a_filter_that_is_checked_rather_than_walked_still_narrows_the_hits() {
    let mut registry = with_mou(two_governments());
    let c = Institution::builder("c", "C", InstitutionKind::Agency, "JP")
        .build()
        .expect("valid");
    registry.insert(c).expect("inserted");
    let p = Partnership::builder("p", "A partnership", PartnershipKind::Other)
        .party("a")
        .party("b")
        .established(Date::parse("2018").expect("a date"))
        .ended(Date::parse("2030").expect("a date"))
        .build()
        .expect("valid");
    registry.insert(p).expect("inserted");
    // A council held on `day`, organised by `a`.
    let held = |key: &str, day: &str| {
        Meeting::builder(
            key,
            "A council",
            MeetingKind::Council,
            Date::parse(day).expect("a date"),
            MeetingStatus::Held,
        )
        .organizer("a")
    };
    for (key, day, in_p) in [("m1", "2019-02-01", true), ("m2", "2019-03-01", false)] {
        let mut meeting = held(key, day).participant("c");
        if in_p {
            meeting = meeting.partnership("p").session("s", 1);
        }
        registry
            .insert(meeting.build().expect("valid"))
            .expect("inserted");
    }
    // Two later sessions of the series, outside the partnership, without `c`.
    for (key, day, session) in [("m3", "2019-04-01", 2), ("m4", "2019-05-01", 3)] {
        let meeting = held(key, day).session("s", session);
        registry
            .insert(meeting.build().expect("valid"))
            .expect("inserted");
    }
    // `c` has two events (m1 and m2), `p` three (its start and end and m1),
    // the series three (m1, m3, m4): a query walks the shortest list, `c`'s,
    // and checks the partnership or series of each of its events.
    let keys = |t: pactum::Timeline<'_>| -> Vec<String> {
        t.run()
            .expect("known keys")
            .map(|h| h.event().key().to_owned())
            .collect()
    };
    assert_eq!(keys(registry.timeline().institution("c")), ["m1", "m2"]);
    assert_eq!(
        keys(registry.timeline().institution("c").partnership("p")),
        ["m1"]
    );
    assert_eq!(
        keys(registry.timeline().institution("c").series("s")),
        ["m1"]
    );
    assert_eq!(
        keys(registry.timeline().institution("a").partnership("p")),
        ["p", "m1", "p"]
    );
}

#[test]
fn the_gap_between_two_councils_spans_the_days_their_dates_allow() {
    let registry = pactum::seed();
    let gaps = registry.cadence("eu-kr-dpc").expect("a series");
    let first = gaps.first().expect("two sessions at least");
    assert_eq!(first.from().key().as_str(), "eu-kr-dpc-1");
    assert_eq!(first.days(), Some(270..=277));
}

#[test]
fn editing_one_area_keeps_its_siblings_under_their_parent() {
    let mut registry = two_governments();
    let area = |key: &str, parent: &str| {
        pactum::TechArea::builder(key, key.to_uppercase())
            .parent(parent)
            .build()
            .expect("valid")
    };
    for key in ["x-one", "x-two"] {
        registry.insert(area(key, "ai")).expect("inserted");
    }
    for (key, tech) in [("u1", "x-one"), ("u2", "x-two")] {
        let mou = Mou::builder(key, "An MOU", Date::parse("2020-01-01").expect("a date"))
            .signatory("a")
            .signatory("b")
            .tech_area(tech)
            .build()
            .expect("valid");
        registry.insert(mou).expect("inserted");
    }
    let under_ai = |r: &Registry| -> Vec<String> {
        r.timeline()
            .area_or_below("ai")
            .run()
            .expect("a known area")
            .map(|h| h.event().key().to_owned())
            .collect()
    };
    assert_eq!(under_ai(&registry), ["u1", "u2"]);
    // A new name for one area: both stay under `ai`.
    let renamed = pactum::TechArea::builder("x-one", "First")
        .parent("ai")
        .build()
        .expect("valid");
    registry.update(renamed).expect("updated");
    assert_eq!(under_ai(&registry), ["u1", "u2"]);
}

#[test]
fn editing_one_institution_keeps_its_siblings_under_their_parent_and_country() {
    let mut registry = two_governments();
    let ministry = |key: &str, name: &str| {
        Institution::builder(key, name, InstitutionKind::Ministry, "KR")
            .parent("a")
            .build()
            .expect("valid")
    };
    for key in ["a-one", "a-two"] {
        registry.insert(ministry(key, key)).expect("inserted");
        let mou = Mou::builder(
            format!("u-{key}"),
            "An MOU",
            Date::parse("2020-01-01").expect("a date"),
        )
        .signatory(key)
        .signatory("b")
        .build()
        .expect("valid");
        registry.insert(mou).expect("inserted");
    }
    let keys = |t: pactum::Timeline<'_>| -> Vec<String> {
        t.run()
            .expect("known keys")
            .map(|h| h.event().key().to_owned())
            .collect()
    };
    let want = ["u-a-one", "u-a-two"];
    assert_eq!(keys(registry.timeline().institution_or_below("a")), want);
    registry
        .update(ministry("a-one", "The first ministry"))
        .expect("updated");
    assert_eq!(keys(registry.timeline().institution_or_below("a")), want);
    assert_eq!(keys(registry.timeline().country(pactum::Country::KR)), want);
}

#[test]
fn events_on_the_same_dates_come_in_key_order_when_keys_share_long_prefixes() {
    // The index orders ties by key through the keys' leading bytes, and
    // compares whole keys only where those bytes are the same.
    let mut registry = two_governments();
    let keys = [
        "agreement-on-x-b",
        "agreement-on-x-a",
        "agreement-on-x",
        "agreemen",
        "agreement-on-x-a1",
        "agreement",
        "b",
        "a-1",
    ];
    for key in keys {
        registry
            .insert(mou_of_a_and_b(key, "2023"))
            .expect("inserted");
    }
    let order: Vec<String> = registry
        .timeline()
        .run()
        .expect("query")
        .map(|hit| hit.event().key().to_owned())
        .collect();
    let mut sorted: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn agreements_in_force_come_in_key_order_whatever_the_order_they_were_added_in() {
    // Partnerships first, then MOUs, each kind in key order: the in-force
    // index must not keep the order of insertion.
    let mut registry = two_governments();
    for key in ["p-c", "p-a", "p-b"] {
        let partnership = Partnership::builder(key, "A partnership", PartnershipKind::Other)
            .party("a")
            .party("b")
            .established(Date::parse("2020").expect("date"))
            .build()
            .expect("valid");
        registry.insert(partnership).expect("inserted");
    }
    for key in ["u-z", "u-m", "agreement-b", "agreement-a"] {
        registry
            .insert(mou_of_a_and_b(key, "2021-03-01"))
            .expect("inserted");
    }
    let day = chrono::NaiveDate::from_ymd_opt(2022, 6, 1).expect("day");
    let keys: Vec<&str> = registry.in_force_on(day).iter().map(|f| f.key()).collect();
    assert_eq!(
        keys,
        [
            "p-a",
            "p-b",
            "p-c",
            "agreement-a",
            "agreement-b",
            "u-m",
            "u-z"
        ]
    );
}

/// Every party action kind has an event kind of its own, named after it,
/// and back; no other event kind is a party action.
#[test]
fn each_party_action_kind_has_an_event_kind_and_back() {
    use pactum::{ActionKind, EventKind};
    for action in ActionKind::ALL {
        let kind = EventKind::from(action);
        assert!(kind.is_party_action());
        assert_eq!(kind.action(), Some(action));
        assert_eq!(kind.as_str(), format!("party_{}", action.as_str()));
        assert_eq!(kind.as_str().parse::<EventKind>(), Ok(kind));
    }
    let parties = EventKind::ALL
        .iter()
        .filter(|k| k.is_party_action())
        .count();
    assert_eq!(parties, ActionKind::ALL.len());
    for kind in EventKind::ALL {
        assert_eq!(kind.is_party_action(), kind.action().is_some(), "{kind:?}");
    }
}
