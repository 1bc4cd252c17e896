//! Parties that are not today's states: international organisations
//! recorded without a country, bodies whose country is not recorded, and
//! institutions of former states (ISO 3166-3 codes), through loading,
//! saving, sides and scope, timeline filters, analyses and lints.

use chrono::NaiveDate;
use pactum::analysis;
use pactum::{Affiliation, Agreement, AgreementScope, Country, InstitutionKind, Registry, Rule};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

/// A dataset with an intergovernmental organisation, a supranational body
/// and a research institute without a country, ministries of the German
/// Democratic Republic (one written with the former alpha-2 code `DD`), a
/// Soviet agency, and MOUs between them.
const FILE: &str = r#"{
  "pactum": 1,
  "sources": [{"key": "s", "title": "A treaty database"}],
  "institutions": [
    {"key": "kr-msit", "name": "Ministry of Science and ICT", "kind": "ministry", "country": "KR", "sources": ["s"]},
    {"key": "iaea", "name": "International Atomic Energy Agency", "acronym": "IAEA",
     "kind": "intergovernmental_organization", "sources": ["s"]},
    {"key": "euratom", "name": "European Atomic Energy Community", "kind": "supranational_body",
     "country": null, "sources": ["s"]},
    {"key": "x-lab", "name": "A laboratory of unknown country", "kind": "research_institute", "sources": ["s"]},
    {"key": "dd-mfa", "name": "Ministry of Foreign Affairs of the GDR", "kind": "ministry", "country": "DD", "sources": ["s"]},
    {"key": "dd-academy", "name": "Academy of Sciences of the GDR", "kind": "research_institute",
     "country": "DDDE", "sources": ["s"]},
    {"key": "de-kai", "name": "Coordination office for the academy's institutes", "kind": "agency", "country": "DE",
     "predecessors": [{"institution": "dd-academy", "date": "1992-01-01"}], "sources": ["s"]},
    {"key": "su-gkae", "name": "State Committee on the Use of Atomic Energy", "kind": "agency",
     "country": "SUHH", "sources": ["s"]}
  ],
  "mous": [
    {"key": "kr-iaea-2020", "title": "Practical arrangements on nuclear science", "signed": "2020-09-21",
     "signatories": ["kr-msit", "iaea"], "sources": ["s"]},
    {"key": "kr-lab-2021", "title": "A cooperation of unknown scope", "signed": "2021-03-02",
     "signatories": ["kr-msit", "x-lab"], "sources": ["s"]},
    {"key": "dd-iaea-1989", "title": "Safeguards cooperation", "signed": "1989-06-01",
     "signatories": ["dd-mfa", "iaea"], "sources": ["s"]},
    {"key": "dd-iaea-1991", "title": "A late cooperation", "signed": "1991-03-01",
     "signatories": ["dd-mfa", "iaea"], "sources": ["s"]},
    {"key": "academy-1991", "title": "A cooperation of the academy", "signed": "1991-06-01",
     "signatories": ["dd-academy", "iaea"], "sources": ["s"]},
    {"key": "academy-1992", "title": "A later cooperation of the academy", "signed": "1992-02",
     "signatories": ["dd-academy", "euratom"], "sources": ["s"]},
    {"key": "su-iaea-1990", "title": "Fuel cycle cooperation", "signed": "1990",
     "signatories": ["su-gkae", "iaea", "euratom"], "sources": ["s"]}
  ]
}"#;

fn registry() -> Registry {
    Registry::from_json_str(FILE).expect("the file is valid")
}

#[test]
fn institutions_without_a_country_and_of_former_states_load() {
    let reg = registry();
    let iaea = reg.institution("iaea").expect("loaded");
    assert_eq!(iaea.kind(), InstitutionKind::IntergovernmentalOrganization);
    assert_eq!(iaea.country(), None);
    assert_eq!(reg.institution("euratom").and_then(|i| i.country()), None);
    assert_eq!(reg.institution("x-lab").and_then(|i| i.country()), None);
    let gdr = reg
        .institution("dd-mfa")
        .and_then(|i| i.country())
        .expect("a country");
    assert_eq!(gdr.code(), "DDDE");
    assert_eq!(gdr.dissolved(), Some(day(1990, 10, 3)));
}

#[test]
fn load_save_load_keeps_them_and_saves_the_four_letter_code() {
    let saved = registry().to_json_string();
    assert!(saved.contains(r#""country": "DDDE""#), "{saved}");
    assert!(!saved.contains(r#""country": "DD""#), "{saved}");
    assert!(!saved.contains("null"), "{saved}");
    let reloaded = Registry::from_json_str(&saved).expect("a saved dataset loads");
    assert_eq!(reloaded.to_json_string(), saved);
    let original = registry();
    assert_eq!(reloaded.institutions().len(), original.institutions().len());
    for inst in original.institutions() {
        assert_eq!(reloaded.institution(inst.key().as_str()), Some(inst));
    }
    let iaea = reloaded.institution("iaea").expect("kept");
    assert_eq!(iaea.country(), None);
    assert_eq!(iaea.kind(), InstitutionKind::IntergovernmentalOrganization);
}

#[test]
fn an_international_organisation_is_a_side_of_its_own() {
    let reg = registry();
    let scope = |key: &str| reg.scope_of(reg.mou(key).expect("an mou"));
    assert_eq!(scope("kr-iaea-2020"), AgreementScope::Bilateral);
    assert_eq!(scope("dd-iaea-1989"), AgreementScope::Bilateral);
    assert_eq!(scope("su-iaea-1990"), AgreementScope::Multilateral);
    let mou = reg.mou("kr-iaea-2020").expect("an mou");
    let sides = reg.sides_of(Agreement::Mou(mou));
    let iaea = reg.institution("iaea").expect("loaded").key();
    let affiliations: Vec<Affiliation<'_>> = sides.iter().map(|s| s.affiliation()).collect();
    assert_eq!(
        affiliations,
        [
            Affiliation::Country(Country::KR),
            Affiliation::Organization(iaea)
        ]
    );
}

#[test]
fn a_party_of_unknown_country_makes_the_scope_unknown() {
    let reg = registry();
    let mou = reg.mou("kr-lab-2021").expect("an mou");
    assert_eq!(reg.scope_of(mou), AgreementScope::Unknown);
    assert_eq!(
        reg.scope_of_agreement(Agreement::Mou(mou)),
        AgreementScope::Unknown
    );
    assert_eq!(reg.side_of_institution("x-lab"), Some(Affiliation::Unknown));
}

#[test]
fn the_country_filter_ignores_institutions_without_one_and_the_no_country_filter_finds_them() {
    let reg = registry();
    let keys = |timeline: pactum::Timeline<'_>| -> Vec<String> {
        let mut keys: Vec<String> = timeline
            .run()
            .expect("a query")
            .map(|h| h.event().key().to_owned())
            .collect();
        keys.dedup();
        keys
    };
    assert_eq!(
        keys(reg.timeline().country(Country::KR)),
        ["kr-iaea-2020", "kr-lab-2021"]
    );
    let gdr = Country::new("DDDE").expect("a former state");
    assert_eq!(
        keys(reg.timeline().country(gdr)),
        [
            "dd-iaea-1989",
            "dd-iaea-1991",
            "academy-1991",
            "academy-1992"
        ]
    );
    assert_eq!(
        keys(reg.timeline().without_country()),
        [
            "dd-iaea-1989",
            "su-iaea-1990",
            "dd-iaea-1991",
            "academy-1991",
            "academy-1992",
            "kr-iaea-2020",
            "kr-lab-2021",
        ]
    );
}

#[test]
fn counts_by_country_have_a_no_country_bucket() {
    let reg = registry();
    let by_country = analysis::count_by_country(&reg, analysis::subjects(&reg));
    let codes: Vec<&str> = by_country.iter().map(|t| t.category.as_str()).collect();
    assert_eq!(codes, ["DDDE", "KR", "SUHH", analysis::NO_COUNTRY]);
    let none = by_country.last().expect("a bucket");
    assert_eq!(
        (none.agreements, none.meetings, none.commitments),
        (7, 0, 0)
    );
    let network = analysis::network(&reg, analysis::agreements(&reg));
    let iaea = network
        .nodes
        .iter()
        .find(|n| n.key == "iaea")
        .expect("a node");
    assert_eq!(iaea.country, "");
}

#[test]
fn a_gdr_ministry_signing_after_reunification_is_linted_and_before_it_is_not() {
    let reg = registry();
    let lints = reg.lint(day(2024, 1, 1));
    let after: Vec<(&str, &str)> = lints
        .iter()
        .filter(|d| d.rule() == Rule::ActsAfterDissolution)
        .map(|d| (d.key().unwrap_or(""), d.path()))
        .collect();
    // The academy was taken over on 1992-01-01, after its state: its own
    // date counts, so its MOU of 1991 is fine and that of 1992 is not.
    assert_eq!(
        after,
        [
            ("dd-iaea-1991", "mous[3].signatories[0]"),
            ("academy-1992", "mous[5].signatories[0]"),
        ]
    );
    let message = lints
        .iter()
        .find(|d| d.rule() == Rule::ActsAfterDissolution && d.key() == Some("dd-iaea-1991"))
        .map(ToString::to_string)
        .expect("a lint");
    assert!(
        message.contains(
            "acts on 1991-03-01, after it ceased to exist: \"dd-mfa\" belongs to German \
             Democratic Republic (DDDE), which no longer existed from 1990-10-03"
        ),
        "{message}"
    );
    let academy = lints
        .iter()
        .find(|d| d.rule() == Rule::ActsAfterDissolution && d.key() == Some("academy-1992"))
        .map(ToString::to_string)
        .expect("a lint");
    assert!(
        academy.contains("\"dd-academy\" was taken over by \"de-kai\" on 1992-01-01"),
        "{academy}"
    );
}

#[test]
fn meetings_and_commitments_of_a_former_state_are_linted_after_its_end() {
    let text = FILE.replace(
        r#""mous": ["#,
        r#""meetings": [
    {"key": "m-1989", "name": "Talks", "kind": "other", "date": "1989-05", "status": "held",
     "chairs": [{"name": "A minister", "institution": "dd-mfa"}], "sources": ["s"]},
    {"key": "m-1992", "name": "Talks", "kind": "other", "date": "1992", "status": "held",
     "participants": ["su-gkae", "iaea"], "sources": ["s"]},
    {"key": "m-1993", "name": "Cancelled talks", "kind": "other", "date": "1993", "status": "cancelled",
     "participants": ["su-gkae"], "sources": ["s"]}
  ],
  "commitments": [
    {"key": "c-1992", "description": "Report on the fuel cycle", "owners": ["su-gkae"],
     "origin": {"meeting": "m-1992"}, "status": "open", "sources": ["s"]},
    {"key": "c-1989", "description": "Report on safeguards", "owners": ["dd-mfa"],
     "origin": {"meeting": "m-1989"}, "due": "1991", "status": "open", "sources": ["s"]}
  ],
  "mous": ["#,
    );
    let reg = Registry::from_json_str(&text).expect("valid");
    let lints = reg.lint(day(1989, 1, 1));
    let after: Vec<(&str, &str)> = lints
        .iter()
        .filter(|d| d.rule() == Rule::ActsAfterDissolution)
        .map(|d| (d.key().unwrap_or(""), d.path()))
        .filter(|(_, path)| !path.starts_with("mous"))
        .collect();
    assert_eq!(
        after,
        [
            ("m-1992", "meetings[1].participants[0]"),
            ("c-1992", "commitments[0].owners[0]"),
        ]
    );
}

#[test]
fn a_signature_on_the_day_of_dissolution_is_already_after_it() {
    use pactum::{Date, Institution, Mou};
    let lints_for = |signed: &str| -> usize {
        let mut reg = Registry::new();
        let gdr = Institution::builder(
            "dd-gov",
            "Government of the GDR",
            InstitutionKind::Government,
            "DD",
        );
        reg.insert(gdr.build().expect("valid")).expect("inserted");
        let iaea = Institution::builder_without_country(
            "iaea",
            "International Atomic Energy Agency",
            InstitutionKind::IntergovernmentalOrganization,
        );
        reg.insert(iaea.build().expect("valid")).expect("inserted");
        let mou = Mou::builder("m", "An MOU", Date::parse(signed).expect("a date"))
            .signatory("dd-gov")
            .signatory("iaea");
        reg.insert(mou.build().expect("valid")).expect("inserted");
        reg.lint(day(2024, 1, 1))
            .iter()
            .filter(|d| d.rule() == Rule::ActsAfterDissolution)
            .count()
    };
    assert_eq!(lints_for("1990-10-02"), 0);
    assert_eq!(lints_for("1990-10-03"), 1);
    // Possibly before the day: not certainly after, so no lint.
    assert_eq!(lints_for("1990-10"), 0);
    assert_eq!(lints_for("1990-11"), 1);
    assert_eq!(lints_for("[..1991-01-01]"), 0);
}

#[test]
fn the_dot_hierarchy_puts_institutions_without_a_country_in_a_cluster_of_their_own() {
    let reg = registry();
    let dot = pactum::export::dot::hierarchy(reg.institutions());
    assert!(dot.contains("subgraph \"cluster_DDDE\""), "{dot}");
    assert!(dot.contains("subgraph \"cluster_none\""), "{dot}");
    assert!(dot.contains("label=\"no country\";"), "{dot}");
    let last = dot.rfind("subgraph").expect("clusters");
    assert!(
        dot[last..].starts_with("subgraph \"cluster_none\""),
        "{dot}"
    );
    let network = analysis::network(&reg, analysis::agreements(&reg));
    let graph = pactum::export::dot::network(&network);
    assert!(graph.contains("\"iaea\" [label=\"iaea\", tooltip=\"International Atomic Energy Agency (no country), degree"), "{graph}");
}

#[cfg(feature = "csv")]
#[test]
fn the_csv_institutions_table_writes_an_empty_country() {
    let reg = registry();
    let mut out = Vec::new();
    pactum::export::csv::write_institutions(reg.institutions(), &mut out).expect("written");
    let text = String::from_utf8(out).expect("utf-8");
    let iaea = text
        .lines()
        .find(|l| l.starts_with("iaea,"))
        .expect("a row");
    // kind, country (none), parent (none), aliases (none)
    assert!(
        iaea.ends_with(",intergovernmental_organization,,,"),
        "{iaea}"
    );
    let gdr = text
        .lines()
        .find(|l| l.starts_with("dd-mfa,"))
        .expect("a row");
    assert!(gdr.ends_with(",ministry,DDDE,,"), "{gdr}");
}

#[cfg(feature = "svg")]
#[test]
fn the_network_picture_says_no_country() {
    let reg = registry();
    let network = analysis::network(&reg, analysis::agreements(&reg));
    let svg = pactum::picture::NetworkChart::new()
        .title("Network")
        .max_labels(10)
        .render(&reg, &network);
    assert!(
        svg.contains("<title>A laboratory of unknown country (x-lab; no country), signs with 1 other</title>"),
        "{svg}"
    );
    assert!(svg.contains(">no country</text>"), "{svg}");
    // An intergovernmental organisation without a country is a side of
    // its own, not an unknown country.
    assert!(
        svg.contains(
            "<title>International Atomic Energy Agency (iaea; a side of its own), signs with"
        ),
        "{svg}"
    );
}
