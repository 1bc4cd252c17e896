//! Parties and their actions: the multilateral convention of the "Parties"
//! issue, its statuses, lints, queries and round trip.

use chrono::NaiveDate;
use pactum::{
    ActionKind, Date, InstrumentKind, Mou, Partnership, PartnershipKind, PartyAction, PartyStatus,
    Registry, Rule, TakesEffect,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// The convention of the issue with the institutions it names. `su-gov`
/// stands for the Soviet Union, a former state (`SU`, saved as `SUHH`).
const CONVENTION: &str = r#"{
  "pactum": 1,
  "institutions": [
    {"key": "aa-gov", "name": "Government of AA", "kind": "government", "country": "FR"},
    {"key": "bb-gov", "name": "Government of BB", "kind": "government", "country": "DE"},
    {"key": "cc-gov", "name": "Government of CC", "kind": "government", "country": "IT"},
    {"key": "su-gov", "name": "Government of the USSR", "kind": "government", "country": "SU"}
  ],
  "mous": [
    {"key": "research-data-convention", "title": "Convention on Research Data Exchange",
     "kind": "convention", "signed": "1985-03-12", "entry_into_force": "1987-01-01",
     "signatories": ["aa-gov", "bb-gov", "cc-gov"],
     "parties": [
       {"institution": "bb-gov", "actions": [
         {"kind": "signature", "date": "1985-03-12"},
         {"kind": "ratification", "date": "1986-05-20"},
         {"kind": "withdrawal", "date": "1993-06-30", "effective": "1994-06-30"},
         {"kind": "accession", "date": "2001-02-14"}]},
       {"institution": "cc-gov", "actions": [{"kind": "signature", "date": "1985-03-12"}]},
       {"institution": "su-gov", "actions": [{"kind": "accession", "date": "1988-10-04", "effective": "1988-11-03"}]}
     ]}
  ]
}"#;

fn convention() -> Registry {
    Registry::from_json_str(CONVENTION).expect("the issue's convention validates")
}

fn in_force_for(reg: &Registry, who: &str, on: NaiveDate) -> Vec<(String, bool)> {
    reg.in_force_for(who, on)
        .expect("a known institution")
        .iter()
        .map(|a| (a.key().to_owned(), a.is_certain()))
        .collect()
}

#[test]
fn the_convention_is_in_force_for_a_party_only_while_its_consent_holds() {
    let reg = convention();
    let convention = || vec![("research-data-convention".to_owned(), true)];
    assert_eq!(in_force_for(&reg, "bb-gov", day(1990, 1, 1)), convention());
    let own = reg.in_force_for("bb-gov", day(1990, 1, 1)).expect("known");
    assert!(own.iter().all(|a| !a.is_derived() && a.through().is_none()));
    assert_eq!(in_force_for(&reg, "bb-gov", day(1998, 1, 1)), []);
    assert_eq!(in_force_for(&reg, "bb-gov", day(2002, 1, 1)), convention());
    // Signed, never ratified: never in force for it.
    for year in 1984..2030 {
        assert_eq!(in_force_for(&reg, "cc-gov", day(year, 6, 1)), [], "{year}");
    }
    assert_eq!(in_force_for(&reg, "su-gov", day(1988, 11, 2)), []);
    assert_eq!(in_force_for(&reg, "su-gov", day(1988, 11, 3)), convention());
    // Withdrawing: still in force until the withdrawal takes effect.
    assert_eq!(in_force_for(&reg, "bb-gov", day(1994, 6, 29)), convention());
    assert_eq!(in_force_for(&reg, "bb-gov", day(1994, 6, 30)), []);
}

#[test]
fn in_force_for_an_unknown_institution_is_an_error_and_for_one_never_bound_empty() {
    let reg = convention();
    let err = reg.in_force_for("zz-gov", day(1990, 1, 1)).map(|v| v.len());
    assert!(err.is_err(), "{err:?}");
    // Known, a signatory, never bound: no term in the party index.
    let never = reg.in_force_for("cc-gov", day(1990, 1, 1));
    assert_eq!(never.map(|v| v.len()).ok(), Some(0));
}

#[test]
fn the_parties_of_the_convention_have_one_status_each_on_a_day() {
    let reg = convention();
    let statuses = |on| -> Vec<(String, Vec<PartyStatus>)> {
        reg.parties_on("research-data-convention", on)
            .expect("a known agreement")
            .iter()
            .map(|p| (p.institution().to_string(), p.statuses().iter().collect()))
            .collect()
    };
    let row = |k: &str, s: PartyStatus| (k.to_owned(), vec![s]);
    assert_eq!(
        statuses(day(1994, 1, 1)),
        [
            row("bb-gov", PartyStatus::Withdrawing),
            row("cc-gov", PartyStatus::Signatory),
            row("su-gov", PartyStatus::Party),
            row("aa-gov", PartyStatus::Signatory),
        ]
    );
    assert_eq!(
        statuses(day(1998, 1, 1))[0],
        row("bb-gov", PartyStatus::FormerParty)
    );
    assert_eq!(
        statuses(day(1986, 6, 1))[0],
        row("bb-gov", PartyStatus::Bound)
    );
    // In force for the party that acceded, not for a mere signatory; the
    // signatory listed among the signatories alone has no record.
    let on = reg
        .parties_on("research-data-convention", day(1994, 1, 1))
        .expect("a known agreement");
    let force: Vec<(&str, bool, bool, Option<usize>)> = on
        .iter()
        .map(|p| {
            (
                p.institution().as_str(),
                p.possibly_in_force(),
                p.certainly_in_force(),
                p.record().map(|r| r.actions().len()),
            )
        })
        .collect();
    assert_eq!(
        force,
        [
            ("bb-gov", true, true, Some(4)),
            ("cc-gov", false, false, Some(1)),
            ("su-gov", true, true, Some(1)),
            ("aa-gov", false, false, None),
        ]
    );
}

#[test]
fn the_convention_is_linted_for_a_signatory_without_an_entry() {
    let reg = convention();
    let found: Vec<(Rule, String)> = reg
        .lint(day(2026, 1, 1))
        .iter()
        .filter(|d| !matches!(d.rule(), Rule::NoSource | Rule::NoTechArea))
        .map(|d| (d.rule(), d.path().to_owned()))
        .collect();
    assert_eq!(
        found,
        [(
            Rule::SignatoryWithoutEntry,
            "mous[0].signatories[0]".to_owned()
        )]
    );
}

#[test]
fn a_former_state_acting_as_a_party_after_it_ceased_to_exist_is_linted() {
    let mut json: serde_json::Value = serde_json::from_str(CONVENTION).expect("json");
    json["mous"][0]["parties"][2]["actions"]
        .as_array_mut()
        .expect("a list")
        .push(serde_json::json!({"kind": "withdrawal", "date": "1995-01-01"}));
    let reg = Registry::from_json_str(&json.to_string()).expect("valid");
    let lints = reg.lint(day(2026, 1, 1));
    let found: Vec<&str> = lints
        .iter()
        .filter(|d| d.rule() == Rule::ActsAfterDissolution)
        .map(|d| d.path())
        .collect();
    assert_eq!(found, ["mous[0].parties[2].actions[1].date"]);
}

#[test]
fn a_saved_convention_loads_back_the_same() {
    let reg = convention();
    let json = reg.to_json_string();
    assert!(json.contains("\"kind\": \"convention\""), "{json}");
    let again = Registry::from_json_str(&json).expect("loads");
    assert_eq!(again.to_json_string(), json);
    assert_eq!(again.mous(), reg.mous());
    let mou = again.mou("research-data-convention").expect("kept");
    assert_eq!(mou.kind(), Some(InstrumentKind::Convention));
}

#[test]
fn a_party_history_lists_its_actions_with_derived_effect_days() {
    let reg = convention();
    let history = reg.party_history("bb-gov").expect("a known institution");
    let kinds: Vec<ActionKind> = history.iter().map(|h| h.action().kind()).collect();
    assert_eq!(
        kinds,
        [
            ActionKind::Signature,
            ActionKind::Ratification,
            ActionKind::Withdrawal,
            ActionKind::Accession
        ]
    );
    let ratified = history.get(1).expect("a ratification");
    assert!(ratified.takes_effect().is_derived());
    let withdrawal = history.get(2).expect("a withdrawal");
    assert!(matches!(
        withdrawal.takes_effect(),
        TakesEffect::Recorded(_)
    ));
    assert_eq!(reg.party_history("aa-gov").expect("known").len(), 0);
    assert!(reg.party_history("zz-gov").is_err());
}

#[test]
fn consent_without_an_entry_into_force_is_not_in_force_on_record() {
    let mut json: serde_json::Value = serde_json::from_str(CONVENTION).expect("json");
    json["mous"][0]
        .as_object_mut()
        .expect("an object")
        .remove("entry_into_force");
    let reg = Registry::from_json_str(&json.to_string()).expect("valid");
    assert!(reg.in_force_on(day(1990, 1, 1)).is_empty());
    assert!(in_force_for(&reg, "su-gov", day(1990, 1, 1)).is_empty());
    let rules: Vec<Rule> = reg.lint(day(2026, 1, 1)).iter().map(|d| d.rule()).collect();
    assert!(rules.contains(&Rule::NotInForceOnRecord), "{rules:?}");
}

#[test]
fn an_mou_without_parties_is_in_force_for_each_signatory_as_before() {
    let reg = pactum::seed();
    for on in [day(2021, 9, 1), day(2023, 5, 1), day(2025, 1, 1)] {
        for inst in reg.institutions() {
            let key = inst.key().as_str();
            let mut expected: Vec<(String, bool)> = reg
                .in_force_on(on)
                .iter()
                .filter(|a| a.agreement().parties().iter().any(|p| p.as_str() == key))
                .map(|a| (a.key().to_owned(), a.is_certain()))
                .collect();
            expected.sort_by_key(|(k, _)| reg.partnership(k).is_none());
            assert_eq!(in_force_for(&reg, key, on), expected, "{key} {on}");
        }
    }
}

#[test]
fn a_partnership_party_can_join_late_and_is_saved_as_a_key_without_actions() {
    let date = |t: &str| Date::parse(t).expect("a date");
    let mut reg = convention();
    let joined = PartyAction::builder(ActionKind::Accession, date("2020-05-01"))
        .build()
        .expect("valid");
    let p = Partnership::builder("club", "A club", PartnershipKind::TechnologyCooperation)
        .party("aa-gov")
        .party("bb-gov")
        .party_with_actions("cc-gov", [joined])
        .established(date("2019-01-01"))
        .build()
        .expect("valid");
    reg.insert(p).expect("inserted");
    assert!(in_force_for(&reg, "cc-gov", day(2020, 1, 1)).is_empty());
    assert_eq!(
        in_force_for(&reg, "cc-gov", day(2020, 6, 1)),
        [("club".to_owned(), true)]
    );
    let json = reg.to_json_string();
    let saved: serde_json::Value = serde_json::from_str(&json).expect("json");
    let parties = &saved["partnerships"][0]["parties"];
    assert_eq!(parties[0], "aa-gov");
    assert_eq!(parties[2]["institution"], "cc-gov");
    let again = Registry::from_json_str(&json).expect("loads");
    assert_eq!(again.partnerships(), reg.partnerships());
}

#[test]
fn in_force_for_can_follow_the_succession_history_and_marks_it_derived() {
    let mut json: serde_json::Value = serde_json::from_str(CONVENTION).expect("json");
    json["institutions"]
        .as_array_mut()
        .expect("a list")
        .push(serde_json::json!({
            "key": "ru-gov", "name": "Government of Russia", "kind": "government",
            "country": "RU", "predecessors": [{"institution": "su-gov", "date": "1991-12-26"}]
        }));
    let reg = Registry::from_json_str(&json.to_string()).expect("valid");
    assert!(in_force_for(&reg, "ru-gov", day(1995, 1, 1)).is_empty());
    let derived = reg
        .in_force_for_with_predecessors("ru-gov", day(1995, 1, 1))
        .expect("known");
    let found: Vec<(&str, bool, Option<&str>)> = derived
        .iter()
        .map(|a| (a.key(), a.is_certain(), a.through().map(|k| k.as_str())))
        .collect();
    assert_eq!(found, [("research-data-convention", true, Some("su-gov"))]);
    assert!(derived.iter().all(|a| a.is_derived()));
    // Before the succession, nothing passes to the successor.
    let before = reg
        .in_force_for_with_predecessors("ru-gov", day(1990, 1, 1))
        .expect("known");
    assert!(before.is_empty());
    // A partnership may share the MOU's key (keys are per kind): both pass
    // to the successor, neither taken for the other.
    let mut reg = reg;
    let p = Partnership::builder(
        "research-data-convention",
        "Research data partnership",
        PartnershipKind::TechnologyCooperation,
    )
    .party("su-gov")
    .party("aa-gov")
    .established(Date::parse("1980").expect("a date"))
    .build()
    .expect("valid");
    reg.insert(p).expect("inserted");
    let both: Vec<(bool, &str, Option<&str>)> = reg
        .in_force_for_with_predecessors("ru-gov", day(1995, 1, 1))
        .expect("known")
        .iter()
        .map(|a| {
            (
                matches!(a.agreement(), pactum::Agreement::Mou(_)),
                a.key(),
                a.through().map(|k| k.as_str()),
            )
        })
        .collect();
    assert_eq!(
        both,
        [
            (false, "research-data-convention", Some("su-gov")),
            (true, "research-data-convention", Some("su-gov"))
        ]
    );
}

/// An institution's history lists its actions by their dates, whichever
/// agreement it joined first in the file and whatever the agreements'
/// keys: the history is sorted, not read in the order it was recorded.
#[test]
fn a_party_history_is_in_the_order_of_the_actions_dates() {
    let date = |t: &str| Date::parse(t).expect("a date");
    let mut reg = convention();
    let action = |kind, on: &str| PartyAction::builder(kind, date(on)).build().expect("valid");
    let late = Mou::builder("a-late-protocol", "A late protocol", date("2005-03-01"))
        .kind(InstrumentKind::Protocol)
        .signatory("aa-gov")
        .signatory("cc-gov")
        .party(
            "aa-gov",
            [
                action(ActionKind::Signature, "2005-03-01"),
                action(ActionKind::Ratification, "2006-07-10"),
            ],
        )
        .party("cc-gov", [action(ActionKind::Signature, "2005-03-01")])
        .build()
        .expect("valid");
    let early = Mou::builder("z-early-accord", "An early accord", date("1989-11-20"))
        .signatory("aa-gov")
        .signatory("cc-gov")
        .party("aa-gov", [action(ActionKind::Signature, "1989-11-20")])
        .party("cc-gov", [action(ActionKind::Signature, "1989-11-20")])
        .build()
        .expect("valid");
    reg.insert(late).expect("inserted");
    reg.insert(early).expect("inserted");
    let history: Vec<(String, ActionKind)> = reg
        .party_history("aa-gov")
        .expect("known")
        .iter()
        .map(|h| (h.agreement().key().to_owned(), h.action().kind()))
        .collect();
    let row = |k: &str, a| (k.to_owned(), a);
    assert_eq!(
        history,
        [
            row("z-early-accord", ActionKind::Signature),
            row("a-late-protocol", ActionKind::Signature),
            row("a-late-protocol", ActionKind::Ratification),
        ]
    );
}

#[test]
fn an_expiry_before_the_signature_is_a_lint_and_before_entry_into_force_an_error() {
    let date = |t: &str| Date::parse(t).expect("a date");
    let protocol = Mou::builder("p", "Protocol on 2019 terms", date("2021-03-01"))
        .signatory("aa-gov")
        .signatory("bb-gov")
        .expiry(date("2019-12-31"))
        .build()
        .expect("a retroactive term is valid");
    let mut reg = convention();
    reg.insert(protocol).expect("inserted");
    let lints = reg.lint(day(2026, 1, 1));
    let retro: Vec<&str> = lints
        .iter()
        .filter(|d| d.rule() == Rule::RetroactiveEntry)
        .map(|d| d.path())
        .collect();
    assert_eq!(retro, ["mous[1].expiry"]);
    let err = Mou::builder("q", "Q", date("2021-03-01"))
        .signatory("aa-gov")
        .signatory("bb-gov")
        .entry_into_force(date("2020-01-01"))
        .termination(date("2019"))
        .build()
        .expect_err("ends before it starts");
    assert_eq!(err.diagnostics()[0].rule(), Rule::LifecycleOrder);
}

#[cfg(feature = "csv")]
#[test]
fn the_party_actions_table_has_a_row_per_action() {
    let reg = convention();
    let dir = std::env::temp_dir().join(format!("pactum-parties-csv-{}", std::process::id()));
    pactum::export::csv::write_dir(&reg, &dir).expect("written");
    let text = std::fs::read_to_string(dir.join("party_actions.csv")).expect("a table");
    std::fs::remove_dir_all(&dir).expect("removed");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(
            "agreement_kind,agreement,institution,position,kind,date,date_earliest,date_latest,\
             effective,effective_earliest,effective_latest,end,end_earliest,end_latest,text,note"
        )
    );
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines.get(3).copied(),
        Some(
            "mou,research-data-convention,bb-gov,2,withdrawal,1993-06-30,1993-06-30,1993-06-30,\
             1994-06-30,1994-06-30,1994-06-30,,,,,"
        )
    );
}

/// Every action is an event of the timeline, found by its kind, the
/// country of the party that acted and a window, as "what did Germany
/// ratify in 1986" would be asked.
#[test]
fn a_party_action_is_a_timeline_event_found_by_kind_country_and_window() {
    use pactum::{Country, EventKind, Window};
    let reg = convention();
    let in_1986 = Window::new(day(1986, 1, 1), day(1986, 12, 31)).expect("a window");
    let hits: Vec<_> = reg
        .timeline()
        .kind(EventKind::PartyRatification)
        .country("DE".parse::<Country>().expect("a code"))
        .within(in_1986)
        .run()
        .expect("a query")
        .collect();
    assert_eq!(hits.len(), 1);
    let event = hits[0].event();
    assert_eq!(event.key(), "research-data-convention");
    assert_eq!(event.date().to_string(), "1986-05-20");
    let action = event.party_action().expect("a party action");
    assert_eq!(action.institution().as_str(), "bb-gov");
    assert_eq!(
        (action.position(), action.action().kind()),
        (1, ActionKind::Ratification)
    );
    assert!(hits[0].is_certain());
    assert_eq!(
        event.to_string(),
        "1986-05-20 party ratification research-data-convention \
         (Convention on Research Data Exchange) by bb-gov"
    );
    // Italy signed and never ratified; nobody ratified in 1987.
    let italy = reg
        .timeline()
        .kind(EventKind::PartyRatification)
        .country("IT".parse::<Country>().expect("a code"));
    assert_eq!(italy.count(), Ok(0));
    let signed: Vec<String> = reg
        .timeline()
        .kind(EventKind::PartySignature)
        .run()
        .expect("a query")
        .map(|h| {
            h.event()
                .party_action()
                .expect("an action")
                .institution()
                .to_string()
        })
        .collect();
    assert_eq!(signed, ["bb-gov", "cc-gov"]);
    // Its four actions, and the two events of the agreement it signed.
    let all = reg
        .timeline()
        .institution("bb-gov")
        .count()
        .expect("a query");
    assert_eq!(all, 4 + 2);
}

/// The parties the convention is in force for, over time: bb-gov from
/// entry into force, su-gov from its accession's effect, bb-gov gone for
/// the years after its withdrawal and back on acceding.
#[test]
fn the_number_of_parties_of_the_convention_steps_with_their_actions() {
    let reg = convention();
    let counts = reg
        .party_counts("research-data-convention")
        .expect("an agreement");
    let steps: Vec<(Option<NaiveDate>, usize, usize)> = counts
        .steps()
        .iter()
        .map(|s| (s.from(), s.possibly(), s.certainly()))
        .collect();
    assert_eq!(
        steps,
        [
            (Some(day(1987, 1, 1)), 1, 1),
            (Some(day(1988, 11, 3)), 2, 2),
            (Some(day(1994, 6, 30)), 1, 1),
            (Some(day(2001, 2, 14)), 2, 2),
        ]
    );
    assert_eq!(counts.on(day(1986, 12, 31)).possibly(), 0);
    assert_eq!(counts.on(day(1998, 1, 1)).certainly(), 1);
    assert!(counts.on(day(1998, 1, 1)).is_certain());
    assert_eq!(counts.on(day(1998, 1, 1)).from(), Some(day(1994, 6, 30)));
    assert_eq!(counts.on(day(1980, 1, 1)).from(), None);
    assert_eq!(counts.peak(), 2);
    assert!(reg.party_counts("no-such-convention").is_err());
    let json = serde_json::to_value(counts).expect("serializes");
    assert_eq!(
        json[0],
        serde_json::json!({"from": "1987-01-01", "possibly": 1, "certainly": 1})
    );
}

/// Ratification lag on hand-made data: exact days, a month against a day
/// (bounds), a withdrawal and a second signature (two lags), an accession
/// and a signature never ratified (none).
#[test]
fn ratification_lag_is_exact_for_days_and_bounded_for_vague_dates() {
    use pactum::analysis::{agreements, ratification_lags};
    let reg = Registry::from_json_str(
        r#"{
  "pactum": 1,
  "institutions": [
    {"key": "aa-gov", "name": "AA", "kind": "government", "country": "FR"},
    {"key": "bb-gov", "name": "BB", "kind": "government", "country": "DE"},
    {"key": "cc-gov", "name": "CC", "kind": "government", "country": "IT"},
    {"key": "dd-gov", "name": "DD", "kind": "government", "country": "ES"}
  ],
  "mous": [
    {"key": "c", "title": "C", "signed": "2000-01-10", "entry_into_force": "2001-01-01",
     "signatories": ["aa-gov", "bb-gov"],
     "parties": [
       {"institution": "aa-gov", "actions": [
         {"kind": "signature", "date": "2000-01-10"},
         {"kind": "ratification", "date": "2000-03-10"}]},
       {"institution": "bb-gov", "actions": [
         {"kind": "signature", "date": "2000-01"},
         {"kind": "acceptance", "date": "2000-02-15"},
         {"kind": "withdrawal", "date": "2005-01-01"},
         {"kind": "signature", "date": "2010-06-01"},
         {"kind": "approval", "date": "[2011-01-01..]"}]},
       {"institution": "cc-gov", "actions": [{"kind": "accession", "date": "2002-01-01"}]},
       {"institution": "dd-gov", "actions": [{"kind": "signature", "date": "2000-01-10"}]}
     ]}
  ]
}"#,
    )
    .expect("valid");
    let lags: Vec<_> = ratification_lags(agreements(&reg))
        .into_iter()
        .map(|l| {
            (
                l.institution.clone(),
                l.consent,
                l.min_days,
                l.max_days,
                l.is_exact(),
            )
        })
        .collect();
    assert_eq!(
        lags,
        [
            (
                "aa-gov".to_owned(),
                ActionKind::Ratification,
                60,
                Some(60),
                true
            ),
            // Signed some day of January, accepted on 15 February.
            (
                "bb-gov".to_owned(),
                ActionKind::Acceptance,
                15,
                Some(45),
                false
            ),
            // Approved some day from 2011 on: at least 214 days, no most.
            ("bb-gov".to_owned(), ActionKind::Approval, 214, None, false),
        ]
    );
}

#[test]
fn the_agreement_with_the_most_parties_is_the_convention_and_found_by_key() {
    let reg = convention();
    let most = pactum::analysis::most_parties(&reg).expect("the convention");
    assert_eq!(most.key(), "research-data-convention");
    let by_key = pactum::analysis::agreement(&reg, "research-data-convention").expect("found");
    assert_eq!(by_key.label(), "Convention on Research Data Exchange");
    assert!(pactum::analysis::agreement(&reg, "no-such-agreement").is_none());
    assert!(pactum::analysis::most_parties(&Registry::new()).is_none());
}

#[test]
fn among_agreements_of_as_many_parties_the_mou_then_the_first_key_is_the_busiest() {
    let seed = pactum::seed();
    let most = pactum::analysis::most_parties(&seed).expect("the seed has agreements");
    let size = |a: &pactum::Agreement<'_>| a.party_records().len().max(a.parties().len());
    let best = pactum::analysis::agreements(&seed)
        .map(|a| size(&a))
        .max()
        .expect("agreements");
    assert_eq!(size(&most), best);
    let ties: Vec<_> = pactum::analysis::agreements(&seed)
        .filter(|a| size(a) == best && matches!(a, pactum::Agreement::Mou(_)))
        .map(|a| a.key().to_owned())
        .collect();
    if let Some(first) = ties.iter().min() {
        assert_eq!(most.key(), first);
    }
}

/// Provisional application: certain from a day on record, possible in
/// the year of a date known to the year only, and none for a party that
/// signed and then ratified (in a year whose day is unknown, so that its
/// status that year is uncertain).
#[test]
fn a_party_applies_an_agreement_provisionally_from_its_notice() {
    let text = r#"{
      "pactum": 1,
      "institutions": [
        {"key": "aa-gov", "name": "Government of AA", "kind": "government", "country": "FR"},
        {"key": "cc-gov", "name": "Government of CC", "kind": "government", "country": "IT"},
        {"key": "dd-gov", "name": "Government of DD", "kind": "government", "country": "ES"}
      ],
      "mous": [
        {"key": "lab-sharing-agreement", "title": "Agreement on Shared Laboratories",
         "kind": "agreement", "signed": "1998-04-01",
         "signatories": ["aa-gov", "cc-gov", "dd-gov"],
         "parties": [
           {"institution": "aa-gov", "actions": [
             {"kind": "signature", "date": "1998-04-01"},
             {"kind": "provisional_application", "date": "1998-05-01"}]},
           {"institution": "cc-gov", "actions": [
             {"kind": "signature", "date": "1998-04-01"},
             {"kind": "provisional_application", "date": "1999"}]},
           {"institution": "dd-gov", "actions": [
             {"kind": "signature", "date": "1998-04-01"},
             {"kind": "ratification", "date": "1999"}]}
         ]}
      ]
    }"#;
    let reg = Registry::from_json_str(text).expect("valid");
    let provisional = |on| -> Vec<(String, bool, bool)> {
        let parties = reg
            .parties_on("lab-sharing-agreement", on)
            .expect("a known agreement");
        // One status each, but in 1999 for the party that ratified on a
        // day of that year: signatory or bound.
        for p in &parties {
            let vague = on == day(1999, 6, 1) && p.institution().as_str() == "dd-gov";
            assert_eq!(p.is_certain(), !vague, "{p:?}");
        }
        parties
            .iter()
            .map(|p| {
                (
                    p.institution().to_string(),
                    p.possibly_provisional(),
                    p.certainly_provisional(),
                )
            })
            .collect()
    };
    let row = |k: &str, possibly, certainly| (k.to_owned(), possibly, certainly);
    assert_eq!(
        provisional(day(1998, 4, 30)),
        [
            row("aa-gov", false, false),
            row("cc-gov", false, false),
            row("dd-gov", false, false)
        ]
    );
    assert_eq!(
        provisional(day(1998, 6, 1)),
        [
            row("aa-gov", true, true),
            row("cc-gov", false, false),
            row("dd-gov", false, false)
        ]
    );
    assert_eq!(
        provisional(day(1999, 6, 1)),
        [
            row("aa-gov", true, true),
            row("cc-gov", true, false),
            row("dd-gov", false, false)
        ]
    );
}

/// A body that succeeded two parties on a day known to the year only: in
/// that year the convention possibly passed to it, through either, and
/// neither makes it certain.
#[test]
fn an_agreement_through_two_vague_successions_is_not_certain() {
    let mut json: serde_json::Value = serde_json::from_str(CONVENTION).expect("json");
    json["institutions"]
        .as_array_mut()
        .expect("a list")
        .push(serde_json::json!({
            "key": "xx-gov", "name": "Government of XX", "kind": "government",
            "country": "CZ", "predecessors": [
                {"institution": "su-gov", "date": "1991"},
                {"institution": "bb-gov", "date": "1991"}
            ]
        }));
    let reg = Registry::from_json_str(&json.to_string()).expect("valid");
    let found = |on| -> Vec<(String, bool)> {
        reg.in_force_for_with_predecessors("xx-gov", on)
            .expect("known")
            .iter()
            .map(|a| (a.key().to_owned(), a.is_certain()))
            .collect()
    };
    let convention = |certain| vec![("research-data-convention".to_owned(), certain)];
    assert_eq!(found(day(1991, 6, 1)), convention(false));
    assert_eq!(found(day(1992, 6, 1)), convention(true));
    assert!(found(day(1990, 6, 1)).is_empty());
}

/// A ratification dated to the year only: that year the number of parties
/// is possibly one more than certainly, and the count says it is not
/// certain.
#[test]
fn a_ratification_in_a_vague_year_makes_the_count_uncertain_that_year() {
    let mut json: serde_json::Value = serde_json::from_str(CONVENTION).expect("json");
    json["mous"][0]["parties"][1]["actions"]
        .as_array_mut()
        .expect("cc-gov's actions")
        .push(serde_json::json!({"kind": "ratification", "date": "1999"}));
    let reg = Registry::from_json_str(&json.to_string()).expect("valid");
    let counts = reg
        .party_counts("research-data-convention")
        .expect("an agreement");
    let on = |d| {
        let c = counts.on(d);
        (c.possibly(), c.certainly(), c.is_certain())
    };
    assert_eq!(on(day(1998, 6, 1)), (1, 1, true));
    assert_eq!(on(day(1999, 6, 1)), (2, 1, false));
    assert_eq!(on(day(2000, 6, 1)), (2, 2, true));
}
