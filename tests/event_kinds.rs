//! Event kinds: names, labels and the events a commitment's resolution makes.

use pactum::{
    Commitment, CommitmentStatus, Date, EventKind, Institution, InstitutionKind, Key, Mou, Origin,
    Registry,
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
