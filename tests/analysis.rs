//! The ready-made analyses, checked value by value on the seed dataset.

use chrono::NaiveDate;
use pactum::analysis::{self, Tally, YearCounts};
use pactum::Window;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rows(counts: &YearCounts) -> Vec<(i32, usize, usize)> {
    counts
        .years
        .iter()
        .map(|y| (y.year, y.possibly, y.certainly))
        .collect()
}

fn tally(tallies: &[Tally], category: &str) -> (usize, usize, usize) {
    let t = tallies.iter().find(|t| t.category == category).unwrap();
    (t.agreements, t.meetings, t.commitments)
}

#[test]
fn seed_activity_by_year_counts_vague_dates_as_possible_only() {
    let registry = pactum::seed();
    let activity = analysis::activity_by_year(registry.events());
    assert_eq!(
        rows(&activity.agreements),
        [(2021, 1, 1), (2022, 3, 3), (2023, 1, 1)]
    );
    // The MOU review is dated "no later than 2023-08-06": possibly in every
    // year of the table up to 2023, certainly in none.
    assert_eq!(
        rows(&activity.meetings),
        [
            (2020, 2, 1),
            (2021, 2, 1),
            (2022, 1, 0),
            (2023, 5, 4),
            (2024, 1, 1),
            (2025, 1, 1)
        ]
    );
    assert_eq!((activity.meetings.open, activity.meetings.total), (1, 9));
    assert_eq!(
        rows(&activity.commitments),
        [
            (2020, 1, 1),
            (2021, 1, 1),
            (2022, 0, 0),
            (2023, 1, 1),
            (2024, 0, 0),
            (2025, 1, 1)
        ]
    );
}

#[test]
fn seed_counts_by_country_count_each_entity_once_per_country() {
    let registry = pactum::seed();
    let by_country = analysis::count_by_country(&registry, analysis::subjects(&registry));
    let codes: Vec<&str> = by_country.iter().map(|t| t.category.as_str()).collect();
    assert_eq!(codes, ["EU", "JP", "KR", "SG", "US", "VN"]);
    // The seed records the state visit's participants, the National Assembly
    // and seven commitments the articles state (issue 21).
    assert_eq!(tally(&by_country, "KR"), (4, 7, 12));
    assert_eq!(tally(&by_country, "US"), (1, 3, 0));
    assert_eq!(tally(&by_country, "VN"), (1, 1, 0));
}

#[test]
fn narrowing_to_the_events_of_2023_counts_only_meetings_possibly_in_2023() {
    let registry = pactum::seed();
    let year = Window::new(day(2023, 1, 1), day(2023, 12, 31)).unwrap();
    let events = registry.events();
    // Two events of one entity (none here, but the MOU has several) count once.
    let subjects = events
        .iter()
        .filter(|e| e.kind().is_meeting() && e.date().possibly_within(&year))
        .map(|e| e.subject());
    let by_country = analysis::count_by_country(&registry, subjects);
    // The state visit now names its participants, Korea among them.
    assert_eq!(tally(&by_country, "KR"), (0, 4, 0));
    assert_eq!(tally(&by_country, "US"), (0, 3, 0));
    assert_eq!(tally(&by_country, "EU"), (0, 1, 0));
}

#[test]
fn a_subject_given_twice_counts_once() {
    let registry = pactum::seed();
    let twice = analysis::subjects(&registry).chain(analysis::subjects(&registry));
    assert_eq!(
        analysis::count_by_country(&registry, twice),
        analysis::count_by_country(&registry, analysis::subjects(&registry))
    );
}

#[test]
fn seed_counts_by_institution_kind_and_tech_area() {
    let registry = pactum::seed();
    let kinds = analysis::count_by_institution_kind(&registry, analysis::subjects(&registry));
    assert_eq!(kinds.len(), 9);
    // The state visit names the two governments as participants.
    assert_eq!(tally(&kinds, "government"), (5, 2, 0));
    assert_eq!(tally(&kinds, "university"), (0, 2, 0));
    let areas = analysis::count_by_tech_area(analysis::subjects(&registry));
    assert_eq!(areas.len(), 23);
    // Two of the added defence commitments concern AI (issue 21).
    assert_eq!(tally(&areas, "ai"), (2, 3, 4));
    // The Seoul forum no longer claims topics its article does not give;
    // the two cooperation commitments name semiconductors (issue 21).
    assert_eq!(tally(&areas, "semiconductors"), (2, 2, 2));
    assert_eq!(areas.iter().map(Tally::total).sum::<usize>(), 64);
}

#[test]
fn seed_coverage_matrix_has_a_row_per_partnership_and_lists_the_gaps() {
    let registry = pactum::seed();
    let coverage = analysis::coverage(&registry, registry.partnerships());
    assert_eq!(
        coverage.partnerships,
        [
            "eu-jp-digital",
            "eu-kr-digital",
            "eu-sg-digital",
            "kr-us-tech",
            "vn-kr-csp"
        ]
    );
    assert_eq!(coverage.areas.len(), 17);
    assert_eq!(coverage.cell("eu-kr-digital", "6g"), 2);
    assert_eq!(coverage.cell("eu-kr-digital", "ran"), 1);
    // The cooperation-demand commitment names the areas the article gives
    // instead of clean energy (issue 21).
    assert_eq!(coverage.cell("kr-us-tech", "clean-energy"), 3);
    assert_eq!(coverage.cell("vn-kr-csp", "smart-agriculture"), 1);
    assert_eq!(coverage.cell("eu-jp-digital", "ai"), 0);
    assert_eq!(
        coverage.gaps,
        [
            "advanced-computing",
            "advanced-manufacturing",
            "advanced-materials",
            "ai-chips",
            "big-data",
            "biotechnology",
            "cloud-computing",
            "communications",
            "data",
            "displays",
            "high-performance-computing",
            "human-machine-interfaces",
            "hydrogen",
            "industrial-data",
            "nuclear-energy",
            "ocean-technologies",
            "pnt",
            "privacy-technologies",
            "quantum",
            "quantum-communication",
            "quantum-sensing",
            "sensing",
            "software",
            "space",
            "unmanned-vehicles",
        ]
    );
}

#[test]
fn seed_signing_network_has_three_components_with_the_eu_most_central() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    assert_eq!(network.nodes.len(), 9);
    assert_eq!(network.links.len(), 6);
    assert_eq!(
        network.components,
        [
            vec!["eu", "jp-gov", "kr-gov", "sg-gov", "vn-gov"],
            vec!["kr-mnd", "kr-msit"],
            vec!["kr-motie", "us-gov"],
        ]
    );
    let central: Vec<(&str, usize)> = network
        .most_central(2)
        .iter()
        .map(|n| (n.key.as_str(), n.degree))
        .collect();
    assert_eq!(central, [("eu", 3), ("kr-gov", 2)]);
    assert_eq!(network.node("kr-msit").unwrap().component, 1);
    let link = network.links.iter().find(|l| l.a == "kr-mnd").unwrap();
    assert_eq!(link.agreements, ["kr-mnd-msit-2021"]);
}

#[test]
fn seed_commitments_as_of_mid_2024_are_all_open_and_three_are_overdue() {
    let registry = pactum::seed();
    let report = analysis::commitments(registry.commitments(), day(2024, 6, 1));
    // Seven commitments the articles state were added (issue 21); none has
    // an outcome on record.
    assert_eq!((report.total, report.open, report.met), (12, 12, 0));
    let overdue: Vec<(&str, i64, i64)> = report
        .overdue
        .iter()
        .map(|o| (o.key.as_str(), o.days_overdue_min, o.days_overdue_max))
        .collect();
    assert_eq!(
        overdue,
        [
            ("kr-digital-growth-act-bill", 1248, 1248),
            ("kr-dna-smart-defense-strategy", 883, 1066),
            ("kr-us-cooperation-demand-2023", 153, 153),
        ]
    );
    let bands: Vec<usize> = report.ageing.iter().map(|b| b.count).collect();
    assert_eq!(bands, [0, 0, 1, 2]);
    assert_eq!(report.fulfilment_rate, Some(0.0));
}

#[test]
fn before_any_deadline_the_fulfilment_rate_is_unknown() {
    let registry = pactum::seed();
    let report = analysis::commitments(registry.commitments(), day(2019, 1, 1));
    assert!(report.overdue.is_empty());
    assert_eq!(report.fulfilment_rate, None);
}

#[test]
fn the_eu_korea_council_goes_quiet_once_its_usual_gap_has_passed() {
    let registry = pactum::seed();
    let before = analysis::cadence(registry.meetings(), day(2024, 12, 28));
    assert_eq!(before.len(), 1);
    let c = &before[0];
    assert_eq!(c.series, "eu-kr-dpc");
    assert_eq!(c.partnership.as_deref(), Some("eu-kr-digital"));
    assert_eq!(c.held, 2);
    assert_eq!((c.gaps[0].min_days, c.gaps[0].max_days), (270, 277));
    assert_eq!(c.last_held.as_deref(), Some("eu-kr-dpc-2"));
    assert_eq!(c.next_scheduled.as_deref(), Some("eu-kr-dpc-3"));
    // 2024-03-26 + 277 days is 2024-12-28: not yet quiet that day, quiet the next.
    assert_eq!(c.quiet, Some(false));
    let after = analysis::cadence(registry.meetings(), day(2024, 12, 29));
    assert_eq!(after[0].quiet, Some(true));
}

#[test]
fn a_series_with_one_held_session_has_no_usual_gap() {
    let registry = pactum::seed();
    let first = registry.meeting("eu-kr-dpc-1").unwrap();
    let cadence = analysis::cadence([first], day(2030, 1, 1));
    assert_eq!(cadence[0].usual_gap_days, None);
    assert_eq!(cadence[0].quiet, None);
}

#[test]
fn analyses_serialize_to_json() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let json = serde_json::to_value(&network).unwrap();
    assert_eq!(json["nodes"][0]["key"], "eu");
    let report = analysis::commitments(registry.commitments(), day(2024, 6, 1));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["as_of"], "2024-06-01");
    assert_eq!(json["overdue"][0]["days_overdue_min"], 1248);
}

mod properties {
    use chrono::{Datelike, NaiveDate};
    use pactum::analysis;
    use pactum::Date;
    use proptest::prelude::*;

    /// A day or a range of days between 1990 and 2040, as EDTF.
    fn date() -> impl Strategy<Value = Date> {
        (0i64..18_000, 0i64..1_500, any::<bool>()).prop_map(|(start, len, range)| {
            let first =
                NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(start as u64);
            let text = if range {
                format!("[{first}..{}]", first + chrono::Days::new(len as u64))
            } else {
                first.to_string()
            };
            Date::parse(&text).unwrap()
        })
    }

    proptest! {
        /// The naive oracle: a range is possibly in each year from its first
        /// to its last day's year, and certainly in one only if both are in
        /// the same year.
        #[test]
        fn year_counts_agree_with_the_years_each_date_spans(dates in proptest::collection::vec(date(), 0..40)) {
            let counts = analysis::count_by_year(&dates);
            let possibly: usize = counts.years.iter().map(|y| y.possibly).sum();
            let certainly: usize = counts.years.iter().map(|y| y.certainly).sum();
            let span = |d: &Date| (d.earliest().unwrap().year(), d.latest().unwrap().year());
            let expected_possibly: i32 = dates.iter().map(|d| { let (a, b) = span(d); b - a + 1 }).sum();
            let expected_certainly = dates.iter().filter(|d| { let (a, b) = span(d); a == b }).count();
            prop_assert_eq!(possibly as i32, expected_possibly);
            prop_assert_eq!(certainly, expected_certainly);
            prop_assert_eq!(counts.total, dates.len());
            prop_assert!(counts.years.iter().all(|y| y.certainly <= y.possibly));
        }
    }
}
