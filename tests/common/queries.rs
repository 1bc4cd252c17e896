//! The query check shared by `tests/query_scripts.rs` and the `query` fuzz
//! target: the indexed answers equal the naive linear scans of
//! `pactum::naive`, in order.

use chrono::NaiveDate;
use pactum::{naive, ActionKind, CommitmentState, Country, EventKind, Hit, Registry, Window};

fn day(b: &[u8], i: usize) -> NaiveDate {
    let n =
        b.get(i).copied().unwrap_or(0) as i64 * 60 + b.get(i + 1).copied().unwrap_or(0) as i64 % 60;
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(n.unsigned_abs())
}

/// A hit as plain data: for a party action, the institution and its place.
fn plain(h: &Hit<'_>) -> (String, EventKind, Option<(String, usize)>, bool) {
    let e = h.event();
    let action = e
        .party_action()
        .map(|a| (a.institution().to_string(), a.position()));
    (e.key().to_owned(), e.kind(), action, h.is_certain())
}

/// The timeline query's hits and count equal the naive scan's.
fn same_timeline(t: &pactum::Timeline<'_>, what: &str) {
    let fast = t
        .run()
        .map(|hits| hits.map(|h| plain(&h)).collect::<Vec<_>>());
    let slow = naive::timeline(t).map(|hits| hits.iter().map(plain).collect::<Vec<_>>());
    let counted = t.run().map(Iterator::count);
    assert_eq!(
        counted.ok(),
        slow.as_ref().ok().map(Vec::len),
        "{what} count"
    );
    assert_eq!(fast.ok(), slow.ok(), "{what}");
}

/// The party queries on day `a` equal the naive scans: the parties of each
/// agreement and how many it is in force for, what is in force for each
/// institution (by its own actions and through its predecessors), and its
/// history.
fn check_parties(registry: &Registry, a: NaiveDate) {
    let agreements = ["u0", "u1", "u2", "u3", "p0", "p1", "p2"];
    let institutions: Vec<String> = (0..6).map(|i| format!("i{i}")).collect();
    check_parties_of(registry, a, &agreements, &institutions);
}

/// A loaded registry's party queries equal the naive scans on a few days,
/// for its first agreements and institutions, and the party action events
/// of its timeline too; the ratification lags are bounded.
#[allow(dead_code)]
pub fn check_loaded(registry: &Registry) {
    let mut agreements: Vec<&str> = registry
        .mous()
        .iter()
        .take(6)
        .map(|m| m.key().as_str())
        .collect();
    agreements.extend(
        registry
            .partnerships()
            .iter()
            .take(3)
            .map(|p| p.key().as_str()),
    );
    let institutions: Vec<String> = registry
        .institutions()
        .iter()
        .take(6)
        .map(|i| i.key().to_string())
        .collect();
    for year in [1990, 2021, 2024] {
        let day = NaiveDate::from_ymd_opt(year, 6, 30).expect("a day");
        check_parties_of(registry, day, &agreements, &institutions);
    }
    for kind in ActionKind::ALL {
        same_timeline(
            &registry.timeline().kind(EventKind::from(kind)),
            "party actions",
        );
    }
    for lag in pactum::analysis::ratification_lags(pactum::analysis::agreements(registry)) {
        assert!(
            lag.max_days.map_or(true, |max| lag.min_days <= max),
            "{lag:?}"
        );
    }
}

fn check_parties_of(
    registry: &Registry,
    a: NaiveDate,
    agreements: &[&str],
    institutions: &[String],
) {
    type Force = (String, bool, Option<String>);
    let force = |r: Result<Vec<pactum::InForceFor<'_>>, pactum::QueryError>| -> Option<Vec<Force>> {
        r.ok().map(|v| {
            v.iter()
                .map(|x| {
                    (
                        x.key().to_owned(),
                        x.is_certain(),
                        x.through().map(|k| k.to_string()),
                    )
                })
                .collect()
        })
    };
    for &key in agreements {
        let parties = |r: Result<Vec<pactum::PartyOn<'_>>, pactum::QueryError>| {
            r.ok().map(|v| {
                v.iter()
                    .map(|p| {
                        (
                            p.institution().to_string(),
                            p.statuses(),
                            p.possibly_in_force(),
                            p.certainly_in_force(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            parties(registry.parties_on(key, a)),
            parties(naive::parties_on(registry, key, a)),
            "parties of {key}"
        );
        let counted = registry.party_counts(key).ok().map(|c| {
            let n = c.on(a);
            (n.possibly(), n.certainly())
        });
        let want = naive::party_count_on(registry, key, a)
            .ok()
            .map(|n| (n.possibly(), n.certainly()));
        assert_eq!(counted, want, "party counts of {key}");
    }
    for who in institutions {
        assert_eq!(
            force(registry.in_force_for(who, a)),
            force(naive::in_force_for(registry, who, a)),
            "in force for {who}"
        );
        assert_eq!(
            force(registry.in_force_for_with_predecessors(who, a)),
            force(naive::in_force_for_with_predecessors(registry, who, a)),
            "in force for {who} through its predecessors"
        );
        let history = |r: Result<Vec<pactum::PartyActionHit<'_>>, pactum::QueryError>| {
            r.ok().map(|v| {
                v.iter()
                    .map(|h| {
                        (
                            h.agreement().key().to_owned(),
                            h.position(),
                            h.action().kind(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            history(registry.party_history(who)),
            history(naive::party_history(registry, who)),
            "history of {who}"
        );
    }
}

#[allow(dead_code)]
pub fn check(registry: &Registry, q: &[u8]) {
    let (a, z) = (day(q, 0), day(q, 2));
    let window = Window::new(a.min(z), a.max(z)).unwrap();
    let mut t = registry.timeline().within(window);
    let flags = q.get(4).copied().unwrap_or(0);
    if flags & 1 != 0 {
        t = t.certainly();
    }
    if flags & 2 != 0 {
        t = t.institution_or_below(&format!("i{}", flags % 6));
    }
    if flags & 4 != 0 {
        t = t.reverse();
    }
    if flags & 8 != 0 {
        t = t.limit(usize::from(flags >> 4));
    }
    same_timeline(&t, "timeline");
    // The events of one kind of party action, by the country of the party
    // that acted.
    let kind = EventKind::from(ActionKind::ALL[usize::from(q.get(1).copied().unwrap_or(0)) % 12]);
    let mut p = registry.timeline().within(window).kind(kind);
    p = match q.get(3).copied().unwrap_or(0) % 4 {
        0 => p.country(Country::KR),
        1 => p.without_country(),
        2 => p.institution_or_below(&format!("i{}", flags % 6)),
        _ => p,
    };
    if flags & 1 != 0 {
        p = p.certainly();
    }
    same_timeline(&p, "party actions");
    check_parties(registry, a);
    let f: Vec<_> = registry
        .in_force_on(a)
        .iter()
        .map(|x| (x.key().to_owned(), x.is_certain()))
        .collect();
    let s: Vec<_> = naive::in_force_on(registry, a)
        .iter()
        .map(|x| (x.key().to_owned(), x.is_certain()))
        .collect();
    assert_eq!(f, s, "in force");
    let series = format!("s{}", flags % 2);
    let f = registry
        .next_meeting(&series, a)
        .ok()
        .flatten()
        .map(|h| h.event().key().to_owned());
    let s = naive::next_meeting(registry, &series, a)
        .ok()
        .flatten()
        .map(|h| h.event().key().to_owned());
    assert_eq!(f, s, "next meeting");
    let f: Vec<_> = registry
        .commitments_as_of(CommitmentState::Overdue, a)
        .iter()
        .map(|h| h.commitment().key().to_string())
        .collect();
    let s: Vec<_> = naive::commitments_as_of(registry, CommitmentState::Overdue, a)
        .iter()
        .map(|h| h.commitment().key().to_string())
        .collect();
    assert_eq!(f, s, "overdue");
}
