//! The party queries against the naive oracle (`pactum::naive`) on random
//! registries: agreements whose parties sign, ratify late or never,
//! withdraw and rejoin, with vague dates and successions, edited after the
//! indexes were built.

use chrono::{Days, NaiveDate};
use pactum::naive;
use pactum::{
    ActionKind, Date, InForceFor, Institution, InstitutionKind, Mou, Partnership, PartnershipKind,
    PartyAction, PartyOn, QueryError, Registry,
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
        let mut b = Institution::builder(
            format!("i{i}"),
            format!("institution {i}"),
            InstitutionKind::Government,
            "KR",
        );
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
