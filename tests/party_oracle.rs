//! The party queries against the naive oracle (`pactum::naive`) on random
//! registries: agreements whose parties sign, ratify late or never,
//! withdraw and rejoin, with vague dates and successions, edited after the
//! indexes were built.

use chrono::{Days, NaiveDate};
use pactum::naive;
use pactum::{
    ActionKind, Country, Date, Event, EventKind, Hit, InForceFor, Institution, InstitutionKind,
    Mou, Partnership, PartnershipKind, PartyAction, PartyOn, QueryError, Registry, Window,
};
use proptest::prelude::*;

const INSTITUTIONS: usize = 6;

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(1980, 1, 1).expect("a day")
}

/// A day some thousands of days after 1 January 1980.
fn at(offset: u64) -> NaiveDate {
    day0() + Days::new(offset)
}

/// A date that holds `day`: the day itself, its month or year, an open
/// range up to or from it, or a list of it and another day.
fn vague(day: NaiveDate, how: u8, other: u64) -> Date {
    let text = match how % 8 {
        0..=2 => day.format("%Y-%m-%d").to_string(),
        3 => day.format("%Y-%m").to_string(),
        4 => day.format("%Y").to_string(),
        5 => format!("[..{}]", day.format("%Y-%m-%d")),
        6 => format!("[{}..]", day.format("%Y-%m-%d")),
        _ => format!(
            "[{},{}]",
            day.format("%Y-%m-%d"),
            (day + Days::new(other % 400 + 1)).format("%Y-%m-%d")
        ),
    };
    Date::parse(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// One step of a party's history: what it did, days after the previous
/// step, how vague its date is, and an effective day some days later.
#[derive(Debug, Clone)]
struct Step {
    kind: u8,
    gap: u64,
    how: u8,
    other: u64,
    effective: Option<(u64, u8)>,
}

fn a_step() -> impl Strategy<Value = Step> {
    (
        0..9u8,
        0..1500u64,
        any::<u8>(),
        any::<u64>(),
        prop::option::of((0..900u64, any::<u8>())),
    )
        .prop_map(|(kind, gap, how, other, effective)| Step {
            kind,
            gap,
            how,
            other,
            effective,
        })
}

#[derive(Debug, Clone)]
struct AgreementSpec {
    partnership: bool,
    signatories: Vec<usize>,
    signed: (u64, u8),
    entry: Option<(u64, u8)>,
    end: Option<(u64, u8, bool)>,
    parties: Vec<(usize, Vec<Step>)>,
}

fn an_agreement() -> impl Strategy<Value = AgreementSpec> {
    (
        prop::bool::weighted(0.25),
        prop::collection::btree_set(0..INSTITUTIONS, 2..4),
        (0..4000u64, any::<u8>()),
        prop::option::of((0..3000u64, any::<u8>())),
        prop::option::of((0..9000u64, any::<u8>(), any::<bool>())),
        prop::collection::vec(
            (0..INSTITUTIONS, prop::collection::vec(a_step(), 0..6)),
            0..4,
        ),
    )
        .prop_map(
            |(partnership, signatories, signed, entry, end, parties)| AgreementSpec {
                partnership,
                signatories: signatories.into_iter().collect(),
                signed,
                entry,
                end,
                parties,
            },
        )
}

/// The actions of a history: kinds that keep it valid most of the time (a
/// withdrawal only after a consent), on days that only grow.
fn actions(start: u64, steps: &[Step]) -> Vec<PartyAction> {
    let kinds = [
        ActionKind::Signature,
        ActionKind::Ratification,
        ActionKind::Accession,
        ActionKind::DefinitiveSignature,
        ActionKind::Succession,
        ActionKind::Withdrawal,
        ActionKind::ProvisionalApplication,
        ActionKind::Declaration,
        ActionKind::Withdrawal,
    ];
    let mut out = Vec::new();
    let mut offset = start;
    let mut bound = false;
    for s in steps {
        let mut kind = kinds[usize::from(s.kind) % kinds.len()];
        if kind == ActionKind::Withdrawal && !bound {
            kind = ActionKind::Ratification;
        }
        bound = match kind {
            ActionKind::Withdrawal => false,
            k if k.is_consent() => true,
            _ => bound,
        };
        offset += s.gap;
        let mut b = PartyAction::builder(kind, vague(at(offset), s.how, s.other));
        if let Some((later, how)) = s.effective.filter(|_| kind.allows_effective()) {
            b = b.effective(vague(at(offset + later), how, later));
        }
        if kind == ActionKind::Declaration {
            b = b.text("A declaration");
        }
        out.push(b.build().expect("a valid action"));
    }
    out
}

fn mou(i: usize, spec: &AgreementSpec) -> Option<Mou> {
    let mut b = Mou::builder(
        format!("u{i}"),
        format!("agreement {i}"),
        vague(at(spec.signed.0), spec.signed.1, 30),
    );
    for &s in &spec.signatories {
        b = b.signatory(format!("i{s}"));
    }
    if let Some((later, how)) = spec.entry {
        b = b.entry_into_force(vague(at(spec.signed.0 + later), how, 10));
    }
    if let Some((later, how, expires)) = spec.end {
        let end = vague(at(spec.signed.0 + later), how, 10);
        b = if expires {
            b.expiry(end)
        } else {
            b.termination(end)
        };
    }
    for (who, steps) in &spec.parties {
        b = b.party(format!("i{who}"), actions(spec.signed.0, steps));
    }
    b.build().ok()
}

fn partnership(i: usize, spec: &AgreementSpec) -> Option<Partnership> {
    let mut b = Partnership::builder(
        format!("u{i}"),
        format!("partnership {i}"),
        PartnershipKind::Other,
    )
    .established(vague(at(spec.signed.0), spec.signed.1, 30));
    for &s in &spec.signatories {
        match spec.parties.iter().find(|(who, _)| *who == s) {
            Some((_, steps)) => {
                b = b.party_with_actions(format!("i{s}"), actions(spec.signed.0, steps));
            }
            None => b = b.party(format!("i{s}")),
        }
    }
    if let Some((later, how, _)) = spec.end {
        b = b.ended(vague(at(spec.signed.0 + later), how, 10));
    }
    b.build().ok()
}

#[derive(Debug, Clone)]
struct Plan {
    successions: Vec<(usize, u64, u8)>,
    agreements: Vec<AgreementSpec>,
    updates: Vec<(usize, AgreementSpec)>,
    removals: Vec<usize>,
}

fn a_plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec((0..INSTITUTIONS, 0..8000u64, any::<u8>()), 0..3),
        prop::collection::vec(an_agreement(), 1..7),
        prop::collection::vec((0..7usize, an_agreement()), 0..3),
        prop::collection::vec(0..7usize, 0..2),
    )
        .prop_map(|(successions, agreements, updates, removals)| Plan {
            successions,
            agreements,
            updates,
            removals,
        })
}

/// Builds the registry with its indexes built first, so that every insert,
/// update and removal keeps them up to date.
fn build(plan: &Plan) -> Registry {
    let mut reg = Registry::new();
    reg.build_indexes();
    for i in 0..INSTITUTIONS {
        // Two countries and no country at all, and a hierarchy, for the
        // filters of the timeline.
        let (key, name) = (format!("i{i}"), format!("institution {i}"));
        let mut b = match i % 3 {
            0 => Institution::builder(key, name, InstitutionKind::Government, "KR"),
            1 => Institution::builder(key, name, InstitutionKind::Government, "JP"),
            _ => Institution::builder_without_country(key, name, InstitutionKind::Government),
        };
        if i >= 4 {
            b = b.parent(format!("i{}", i - 4));
        }
        // Institution i may have succeeded one listed before it.
        let mut taken = Vec::new();
        for &(j, offset, how) in &plan.successions {
            if j < i && (i + j) % 2 == 1 && !taken.contains(&j) {
                taken.push(j);
                b = b.predecessor(format!("i{j}"), vague(at(offset), how, 20));
            }
        }
        reg.insert(b.build().expect("valid")).expect("inserted");
    }
    let add = |reg: &mut Registry, i: usize, spec: &AgreementSpec, update: bool| {
        if spec.partnership {
            if let Some(p) = partnership(i, spec) {
                let _ = if update {
                    reg.update(p).map(|_| ())
                } else {
                    reg.insert(p).map(|_| ())
                };
            }
        } else if let Some(m) = mou(i, spec) {
            let _ = if update {
                reg.update(m).map(|_| ())
            } else {
                reg.insert(m).map(|_| ())
            };
        }
    };
    for (i, spec) in plan.agreements.iter().enumerate() {
        add(&mut reg, i, spec, false);
    }
    for (i, spec) in &plan.updates {
        add(&mut reg, *i, spec, true);
    }
    for &i in &plan.removals {
        let key = format!("u{i}");
        let _ = reg.remove::<Mou>(&key);
        let _ = reg.remove::<Partnership>(&key);
    }
    reg
}

type PlainParty = (String, Vec<String>, (bool, bool), (bool, bool));

fn plain_parties(r: Result<Vec<PartyOn<'_>>, QueryError>) -> Result<Vec<PlainParty>, String> {
    r.map(|v| {
        v.iter()
            .map(|p| {
                (
                    p.institution().to_string(),
                    p.statuses().iter().map(|s| s.to_string()).collect(),
                    (p.possibly_in_force(), p.certainly_in_force()),
                    (p.possibly_provisional(), p.certainly_provisional()),
                )
            })
            .collect()
    })
    .map_err(|e| e.to_string())
}

fn plain_force(
    r: Result<Vec<InForceFor<'_>>, QueryError>,
) -> Result<Vec<(String, bool, Option<String>)>, String> {
    r.map(|v| {
        v.iter()
            .map(|a| {
                (
                    a.key().to_owned(),
                    a.is_certain(),
                    a.through().map(|k| k.to_string()),
                )
            })
            .collect()
    })
    .map_err(|e| e.to_string())
}

fn a_query_day() -> impl Strategy<Value = NaiveDate> {
    (0..16000u64).prop_map(at)
}

proptest! {
    // 256 cases (proptest's default), or `PROPTEST_CASES`.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn party_queries_equal_the_naive_scan(
        plan in a_plan(),
        days in prop::collection::vec(a_query_day(), 1..6),
    ) {
        let reg = build(&plan);
        let loaded = Registry::from_json_str(&reg.to_json_string()).expect("a saved registry loads");
        for r in [&reg, &loaded] {
            for &d in &days {
                for i in 0..8 {
                    let key = format!("u{i}");
                    prop_assert_eq!(plain_parties(r.parties_on(&key, d)), plain_parties(naive::parties_on(r, &key, d)), "{} {}", key, d);
                }
                for i in 0..=INSTITUTIONS {
                    let key = format!("i{i}");
                    prop_assert_eq!(plain_force(r.in_force_for(&key, d)), plain_force(naive::in_force_for(r, &key, d)), "{} {}", key, d);
                    prop_assert_eq!(
                        plain_force(r.in_force_for_with_predecessors(&key, d)),
                        plain_force(naive::in_force_for_with_predecessors(r, &key, d)),
                        "{} {}", key, d
                    );
                }
                let force = |v: Vec<pactum::InForce<'_>>| -> Vec<(String, bool)> {
                    v.iter().map(|a| (a.key().to_owned(), a.is_certain())).collect()
                };
                prop_assert_eq!(force(r.in_force_on(d)), force(naive::in_force_on(r, d)));
            }
            for i in 0..=INSTITUTIONS {
                let key = format!("i{i}");
                let history = |h: Result<Vec<pactum::PartyActionHit<'_>>, QueryError>| {
                    h.map(|h| h.iter().map(|a| (a.agreement().key().to_owned(), a.position(), a.action().kind())).collect::<Vec<_>>())
                        .map_err(|e| e.to_string())
                };
                prop_assert_eq!(history(r.party_history(&key)), history(naive::party_history(r, &key)));
            }
        }
    }
}

/// A timeline query of party actions: kinds, a filter on who acted, a
/// window, and the flags every timeline query has.
#[derive(Debug, Clone)]
struct ActionQuery {
    kinds: Vec<u8>,
    who: u8,
    window: (u64, u64),
    certainly: bool,
    reverse: bool,
    limit: Option<usize>,
}

fn an_action_query() -> impl Strategy<Value = ActionQuery> {
    (
        prop::collection::vec(0..14u8, 0..3),
        0..12u8,
        (0..12000u64, 0..4000u64),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0..6usize),
    )
        .prop_map(
            |(kinds, who, (from, len), certainly, reverse, limit)| ActionQuery {
                kinds,
                who,
                window: (from, from + len),
                certainly,
                reverse,
                limit,
            },
        )
}

/// The kinds a query asks for: party action kinds mostly, and now and then
/// an agreement's own events beside them.
fn kind_of(k: u8) -> EventKind {
    match ActionKind::ALL.get(usize::from(k)) {
        Some(&a) => EventKind::from(a),
        None if k % 2 == 0 => EventKind::MouSigned,
        None => EventKind::PartnershipEstablished,
    }
}

type PlainHit = (String, EventKind, Option<(String, usize)>, bool);

/// A timeline answer as plain hits, or the error's message.
type Answer = Result<Vec<PlainHit>, String>;

fn plain_hit(h: &Hit<'_>) -> PlainHit {
    let e: Event<'_> = h.event();
    let action = e
        .party_action()
        .map(|a| (a.institution().to_string(), a.position()));
    (e.key().to_owned(), e.kind(), action, h.is_certain())
}

/// The same query, indexed and by the naive scan, as plain hits, and the
/// indexed count.
fn both(reg: &Registry, q: &ActionQuery) -> (Answer, Answer, Option<usize>) {
    let window = Window::new(at(q.window.0), at(q.window.1)).expect("a window");
    let mut t = reg.timeline().within(window);
    for &k in &q.kinds {
        t = t.kind(kind_of(k));
    }
    t = match q.who {
        0..=5 => t.institution(&format!("i{}", q.who)),
        6 | 7 => t.institution_or_below(&format!("i{}", q.who - 6)),
        8 => t.country(Country::KR),
        9 => t.country(Country::JP),
        10 => t.without_country(),
        _ => t,
    };
    if q.certainly {
        t = t.certainly();
    }
    if q.reverse {
        t = t.reverse();
    }
    if let Some(n) = q.limit {
        t = t.limit(n);
    }
    let fast = t
        .run()
        .map(|hits| hits.map(|h| plain_hit(&h)).collect())
        .map_err(|e| e.to_string());
    let slow = naive::timeline(&t)
        .map(|hits| hits.iter().map(plain_hit).collect())
        .map_err(|e| e.to_string());
    (fast, slow, t.count().ok())
}

proptest! {
    // 256 cases (proptest's default), or `PROPTEST_CASES`.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn party_action_events_equal_the_naive_scan(
        plan in a_plan(),
        queries in prop::collection::vec(an_action_query(), 1..5),
    ) {
        let reg = build(&plan);
        let loaded = Registry::from_json_str(&reg.to_json_string()).expect("a saved registry loads");
        for r in [&reg, &loaded] {
            for q in &queries {
                let (fast, slow, count) = both(r, q);
                prop_assert_eq!(count, slow.as_ref().ok().map(Vec::len), "count {:?}", q);
                prop_assert_eq!(fast, slow, "{:?}", q);
                // Paging from an action event: ties among the actions of
                // one agreement are broken by their place.
                let kinds: Vec<EventKind> = q.kinds.iter().map(|&k| kind_of(k)).collect();
                let mut all = r.timeline();
                for &k in &kinds {
                    all = all.kind(k);
                }
                let events: Vec<Event<'_>> = all.run().expect("a query").map(|h| h.event()).collect();
                if let Some(mark) = events.get(events.len() / 2) {
                    for page in [all.clone().after_event(mark), all.clone().before_event(mark).reverse()] {
                        let fast: Vec<PlainHit> = page.run().expect("a query").map(|h| plain_hit(&h)).collect();
                        let slow: Vec<PlainHit> = naive::timeline(&page).expect("a query").iter().map(plain_hit).collect();
                        prop_assert_eq!(fast, slow);
                    }
                }
            }
        }
    }

    #[test]
    fn party_counts_equal_the_naive_count(
        plan in a_plan(),
        days in prop::collection::vec(a_query_day(), 1..6),
    ) {
        let reg = build(&plan);
        for i in 0..8 {
            let key = format!("u{i}");
            let counts = match reg.party_counts(&key) {
                Ok(counts) => counts,
                Err(e) => {
                    prop_assert_eq!(Some(e.to_string()), naive::party_count_on(&reg, &key, at(0)).err().map(|e| e.to_string()));
                    continue;
                }
            };
            let steps = counts.steps();
            for pair in steps.windows(2) {
                prop_assert!(pair[0].from() < pair[1].from(), "{:?}", steps);
                prop_assert!((pair[0].possibly(), pair[0].certainly()) != (pair[1].possibly(), pair[1].certainly()));
            }
            // Both sides of every step, and the random days.
            let mut asked: Vec<NaiveDate> = days.clone();
            for step in steps {
                if let Some(d) = step.from() {
                    asked.push(d);
                    asked.extend(d.pred_opt());
                }
            }
            for d in asked {
                let want = naive::party_count_on(&reg, &key, d).expect("an agreement");
                let got = counts.on(d);
                prop_assert_eq!((got.possibly(), got.certainly()), (want.possibly(), want.certainly()), "{} {}", key, d);
                prop_assert!(got.certainly() <= got.possibly());
            }
        }
    }
}

/// The statuses the oracle and the index agree on also say something: a
/// party with a ratification and no withdrawal is in force for it on every
/// day the agreement certainly is, once its consent certainly took effect.
#[test]
fn a_ratifying_party_is_certainly_in_force_once_its_consent_took_effect() {
    let spec = AgreementSpec {
        partnership: false,
        signatories: vec![0, 1],
        signed: (100, 0),
        entry: Some((400, 0)),
        end: None,
        parties: vec![(
            1,
            vec![Step {
                kind: 1,
                gap: 200,
                how: 0,
                other: 0,
                effective: None,
            }],
        )],
    };
    let plan = Plan {
        successions: vec![],
        agreements: vec![spec],
        updates: vec![],
        removals: vec![],
    };
    let reg = build(&plan);
    let hits = plain_force(reg.in_force_for("i1", at(600)));
    assert_eq!(hits, Ok(vec![("u0".to_owned(), true, None)]));
    assert_eq!(plain_force(reg.in_force_for("i1", at(450))), Ok(vec![]));
    assert_eq!(plain_force(reg.in_force_for("i0", at(600))), Ok(vec![]));
}
