//! Exports of the seed dataset: iCalendar, GraphViz DOT and (feature `csv`)
//! CSV tables, checked line by line.

use chrono::NaiveDate;
use pactum::analysis;
use pactum::export::{dot, ics};

fn stamp() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
}

fn seed_calendar() -> String {
    let registry = pactum::seed();
    ics::calendar(registry.meetings(), registry.commitments(), stamp())
}

/// The events of a calendar, unfolded, as lists of content lines.
fn vevents(text: &str) -> Vec<Vec<String>> {
    let unfolded = text.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(line.to_owned());
                }
            }
        }
    }
    out
}

fn event_with<'a>(events: &'a [Vec<String>], line: &str) -> &'a [String] {
    events
        .iter()
        .find(|e| e.iter().any(|l| l == line))
        .unwrap_or_else(|| panic!("no event with {line}"))
}

#[test]
fn seed_calendar_has_an_event_per_placeable_meeting_and_deadline() {
    let text = seed_calendar();
    let events = vevents(&text);
    // Nine meetings, one dated only "no later than 2023-08-06"; four of five
    // commitments have a deadline.
    assert_eq!(events.len(), 8 + 4);
    let meetings = events
        .iter()
        .filter(|e| e.iter().any(|l| l == "CATEGORIES:MEETING"))
        .count();
    assert_eq!(meetings, 8);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pactum//pactum "));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn seed_calendar_spans_vague_dates_from_first_to_last_candidate_day() {
    let events = vevents(&seed_calendar());
    let third = event_with(
        &events,
        "SUMMARY:3rd EU-Republic of Korea Digital Partnership Council",
    );
    assert!(third.contains(&"DTSTART;VALUE=DATE:20250101".to_owned()));
    assert!(third.contains(&"DTEND;VALUE=DATE:20260101".to_owned()));
    assert!(third.contains(&"STATUS:TENTATIVE".to_owned()));
    let first = event_with(
        &events,
        "SUMMARY:1st EU-Republic of Korea Digital Partnership Council",
    );
    assert!(first.contains(&"DTSTART;VALUE=DATE:20230623".to_owned()));
    assert!(first.contains(&"DTEND;VALUE=DATE:20230701".to_owned()));
    assert!(first.contains(&"STATUS:CONFIRMED".to_owned()));
    assert!(first
        .iter()
        .any(|l| l.starts_with("DESCRIPTION:date: [2023-06-23\\,2023-06-30]")));
    let half = event_with(&events, "DTSTART;VALUE=DATE:20210701");
    assert!(half.contains(&"DTEND;VALUE=DATE:20220101".to_owned()));
    assert!(half.contains(&"CATEGORIES:DEADLINE".to_owned()));
}

#[test]
fn seed_calendar_lines_are_crlf_terminated_and_at_most_75_octets() {
    let text = seed_calendar();
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // Some lines of the seed calendar are long enough to be folded.
    assert!(text.contains("\r\n "));
}

#[test]
fn every_event_uid_is_the_entity_id_and_unique() {
    let registry = pactum::seed();
    let events = vevents(&seed_calendar());
    let mut uids: Vec<&String> = events
        .iter()
        .flatten()
        .filter(|l| l.starts_with("UID:"))
        .collect();
    assert_eq!(uids.len(), 12);
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 12);
    let council = registry.meeting("eu-kr-dpc-2").unwrap();
    use pactum::Entity;
    let uid = format!("UID:{}@pactum", council.id());
    assert!(events.iter().flatten().any(|l| *l == uid));
}

#[test]
fn seed_hierarchy_dot_has_a_cluster_per_country_and_an_edge_per_parent() {
    let registry = pactum::seed();
    let text = dot::hierarchy(registry.institutions());
    assert!(text.starts_with("digraph institutions {\n"));
    assert_eq!(text.matches("subgraph \"cluster_").count(), 6);
    let parents = registry
        .institutions()
        .iter()
        .filter(|i| i.parent().is_some())
        .count();
    assert_eq!(text.matches(" -> ").count(), parents);
    assert_eq!(parents, 10);
    assert!(text.contains("\"vn-danang\" -> \"vn-danang-dost\";"));
    assert_eq!(text.matches('{').count(), text.matches('}').count());
}

#[test]
fn seed_network_dot_has_an_edge_per_link_as_thick_as_its_agreements() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = dot::network(&network);
    assert_eq!(text.matches(" -- ").count(), 6);
    assert!(text.contains("\"kr-mnd\" -- \"kr-msit\" [penwidth=1, tooltip=\"kr-mnd-msit-2021\"];"));
    assert_eq!(text.matches("[label=").count(), 9);
    assert!(text.contains("\"eu\" [label=\"eu EU\""));
}

#[cfg(feature = "csv")]
mod csv {
    use std::collections::HashMap;

    fn read(text: &[u8]) -> Vec<HashMap<String, String>> {
        let mut reader = ::csv::Reader::from_reader(text);
        let headers = reader.headers().unwrap().clone();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                headers
                    .iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.to_owned(), v.to_owned()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn seed_event_table_has_every_event_with_its_day_bounds_and_partnership() {
        let registry = pactum::seed();
        let mut out = Vec::new();
        pactum::export::csv::write_events(&registry, registry.events(), &mut out).unwrap();
        let rows = read(&out);
        assert_eq!(rows.len(), registry.events().len());
        assert_eq!(rows.len(), 18);
        let review = rows
            .iter()
            .find(|r| r["key"] == "kr-us-mou-review-2023")
            .unwrap();
        assert_eq!(review["date"], "[..2023-08-06]");
        assert_eq!(review["date_earliest"], "");
        assert_eq!(review["date_latest"], "2023-08-06");
        assert_eq!(review["partnership"], "kr-us-tech");
        let due = rows
            .iter()
            .find(|r| r["key"] == "eu-kr-dpc-3-in-seoul")
            .unwrap();
        assert_eq!(due["kind"], "commitment_due");
        assert_eq!(due["partnership"], "eu-kr-digital");
        assert_eq!(
            (due["date_earliest"].as_str(), due["date_latest"].as_str()),
            ("2025-01-01", "2025-12-31")
        );
    }

    #[test]
    fn seed_tables_are_written_one_file_per_entity_kind() {
        let registry = pactum::seed();
        let dir = std::env::temp_dir().join(format!("pactum-csv-{}", std::process::id()));
        let written = pactum::export::csv::write_dir(&registry, &dir).unwrap();
        assert_eq!(written.len(), 16);
        let table = |name: &str| read(&std::fs::read(dir.join(name)).unwrap());
        // The National Assembly was added to the seed (issue 21).
        assert_eq!(table("institutions.csv").len(), 23);
        assert_eq!(table("partnerships.csv").len(), 5);
        assert_eq!(table("meetings.csv").len(), 9);
        assert_eq!(table("mous.csv").len(), 1);
        assert_eq!(table("commitments.csv").len(), 12);
        assert_eq!(table("party_actions.csv").len(), 0);
        assert_eq!(table("sources.csv").len(), 15);
        assert_eq!(table("tech_areas.csv").len(), registry.tech_areas().len());
        let partnerships = table("partnerships.csv");
        // The Viet Nam-Korea partnership is now dated to the day (issue 21):
        // the EU-Japan one, of 2022, keeps a vague date to write out.
        let jp = partnerships
            .iter()
            .find(|r| r["key"] == "eu-jp-digital")
            .unwrap();
        assert_eq!(jp["established"], "2022");
        assert_eq!(jp["established_earliest"], "2022-01-01");
        assert_eq!(jp["established_latest"], "2022-12-31");
        assert_eq!(jp["parties"], "eu;jp-gov");
        let mou = &table("mous.csv")[0];
        assert_eq!(mou["start_earliest"], "2021-08-17");
        assert_eq!(mou["signatories"], "kr-mnd;kr-msit");
        let areas = table("tech_areas.csv");
        let g5 = areas.iter().find(|r| r["key"] == "5g").unwrap();
        assert_eq!(
            g5["aliases"],
            r#"["fifth-generation mobile","5G networks"]"#
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_meeting_of_several_days_has_its_end_in_the_meetings_and_events_tables() {
        let text = r#"{"pactum": 1, "meetings": [{"key": "m", "name": "M", "kind": "summit",
            "date": "2023-05-15", "end": "[2023-05-16..2023-05-18]", "status": "held"}]}"#;
        let registry = pactum::Registry::from_json_str(text).unwrap();
        let mut out = Vec::new();
        pactum::export::csv::write_meetings(registry.meetings(), &mut out).unwrap();
        let header = String::from_utf8(out.clone()).unwrap();
        assert!(
            header.contains(",date,date_earliest,date_latest,end,end_earliest,end_latest,status,"),
            "{header}"
        );
        let meeting = &read(&out)[0];
        assert_eq!(meeting["end"], "[2023-05-16..2023-05-18]");
        assert_eq!(meeting["end_earliest"], "2023-05-16");
        assert_eq!(meeting["end_latest"], "2023-05-18");
        let mut out = Vec::new();
        pactum::export::csv::write_events(&registry, registry.events(), &mut out).unwrap();
        let event = &read(&out)[0];
        assert_eq!(
            (event["date"].as_str(), event["end_latest"].as_str()),
            ("2023-05-15", "2023-05-18")
        );
    }
}
