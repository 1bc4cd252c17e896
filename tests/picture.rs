//! SVG pictures (feature `svg`): each parses as XML and holds the marks the
//! data calls for.
#![cfg(feature = "svg")]

use chrono::NaiveDate;
use pactum::analysis;
use pactum::picture::{self, LaneBy, TimelineChart};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The elements whose `class` attribute's words include all of `classes`.
fn with_classes<'a>(
    doc: &'a roxmltree::Document<'a>,
    classes: &[&str],
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class").is_some_and(|c| {
                let words: Vec<&str> = c.split_whitespace().collect();
                classes.iter().all(|w| words.contains(w))
            })
        })
        .collect()
}

fn seed_timeline(lanes: LaneBy) -> String {
    let registry = pactum::seed();
    TimelineChart::new()
        .lanes(lanes)
        .today(day(2024, 6, 1))
        .title("seed <dataset> & more")
        .render(&registry, registry.events())
}

#[test]
fn seed_timeline_is_well_formed_svg_with_a_mark_per_event() {
    let text = seed_timeline(LaneBy::Series);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert_eq!(with_classes(&doc, &["mark"]).len(), 18);
    assert_eq!(with_classes(&doc, &["today"]).len(), 2);
    assert_eq!(
        with_classes(&doc, &["today-label"])[0].text(),
        Some("2024-06-01")
    );
    let title = with_classes(&doc, &["title"])[0];
    assert_eq!(title.text(), Some("seed <dataset> & more"));
}

#[test]
fn seed_timeline_has_a_lane_per_partnership_and_series() {
    let by_series = seed_timeline(LaneBy::Series);
    let doc = roxmltree::Document::parse(&by_series).unwrap();
    let labels: Vec<String> = with_classes(&doc, &["lane-label"])
        .iter()
        .map(|n| {
            n.descendants()
                .rfind(|d| d.is_text())
                .unwrap()
                .text()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Lanes come in the order of their first event: the Viet Nam-Korea
    // partnership is now dated 2022-12-05 (issue 21), after the EU-Korea one.
    assert_eq!(
        labels,
        [
            "EU-Japan Digital Partnership",
            "EU-Republic of Korea Digital Part…",
            "series eu-kr-dpc",
            "Viet Nam-Republic of Korea Compre…",
            "EU-Singapore Digital Partnership",
            "Korea-US industrial technology co…",
            "no partnership",
        ]
    );
    let by_partnership = seed_timeline(LaneBy::Partnership);
    let doc = roxmltree::Document::parse(&by_partnership).unwrap();
    assert_eq!(with_classes(&doc, &["lane-label"]).len(), 6);
    assert_eq!(with_classes(&doc, &["mark"]).len(), 18);
}

#[test]
fn seed_timeline_draws_vague_open_and_pending_dates_apart() {
    let text = seed_timeline(LaneBy::Series);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let keys = |classes: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = with_classes(&doc, classes)
            .iter()
            .map(|n| n.attribute("data-key").unwrap().to_owned())
            .collect();
        k.sort();
        k
    };
    // Only the MOU review is dated "no later than".
    assert_eq!(keys(&["mark", "open"]), ["kr-us-mou-review-2023"]);
    // Scheduled meetings are hollow; held ones are not.
    assert_eq!(
        keys(&["mark", "meeting", "pending"]),
        ["eu-kr-dpc-3", "kr-us-industrial-tech-forum-2023"]
    );
    assert_eq!(keys(&["mark", "meeting"]).len(), 9);
    // Every commitment with a deadline is still open.
    assert_eq!(keys(&["mark", "commitment", "pending"]).len(), 4);
    // Dates known to the day are a single shape; ranges are bars.
    let ranges = keys(&["mark", "range"]);
    assert!(ranges.contains(&"eu-kr-dpc-1".to_owned()));
    // The Viet Nam-Korea partnership is now dated to the day (issue 21):
    // the EU-Japan one, of 2022, is a range.
    assert!(ranges.contains(&"eu-jp-digital".to_owned()));
    assert!(!ranges.contains(&"vn-kr-csp".to_owned()));
    assert!(!ranges.contains(&"eu-kr-dpc-2".to_owned()));
    // Sources disagree on the first council's day: both listed days are marked.
    let first = with_classes(&doc, &["mark"])
        .into_iter()
        .find(|n| n.attribute("data-key") == Some("eu-kr-dpc-1"))
        .unwrap();
    assert_eq!(
        first
            .children()
            .filter(|c| c.has_tag_name("circle"))
            .count(),
        2
    );
}

#[test]
fn a_timeline_without_a_day_has_no_today_line() {
    let registry = pactum::seed();
    let text = TimelineChart::new().render(&registry, registry.events());
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(
        with_classes(&doc, &["today"]).len(),
        1,
        "only the legend's sample"
    );
    assert!(with_classes(&doc, &["today-label"]).is_empty());
}

#[test]
fn an_empty_timeline_is_still_a_picture() {
    let registry = pactum::seed();
    let text = TimelineChart::new().render(&registry, []);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(with_classes(&doc, &["mark"]).is_empty());
}

#[test]
fn seed_heatmap_has_a_cell_per_covered_pair_and_lists_the_gaps() {
    let registry = pactum::seed();
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let text = picture::heatmap(&coverage, "coverage");
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["cell"]).len(), 20);
    assert_eq!(with_classes(&doc, &["row-label"]).len(), 5);
    assert_eq!(with_classes(&doc, &["col-label"]).len(), 17);
    let gaps: Vec<&str> = with_classes(&doc, &["gaps"])
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert!(gaps[0].contains("(25)"));
    assert!(gaps[1].starts_with("advanced-computing, advanced-manufacturing"));
}

#[test]
fn seed_network_picture_has_a_dot_per_institution_and_a_line_per_link() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = picture::network(&network, "network", 3);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["node"]).len(), 9);
    assert_eq!(with_classes(&doc, &["link"]).len(), 6);
    // Only the three most central institutions are labelled.
    let labels: Vec<&str> = with_classes(&doc, &["node-label"])
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(labels.len(), 3);
    assert!(labels.contains(&"eu"));
    assert!(labels.contains(&"kr-gov"));
}

#[cfg(feature = "synth")]
#[test]
fn a_timeline_of_ten_thousand_events_is_aggregated_into_legible_lanes() {
    let registry = pactum::synth::Synth::new(4_000).registry().unwrap();
    let events = registry.events();
    assert!(events.len() >= 10_000, "{} events", events.len());
    let text = TimelineChart::new()
        .lanes(LaneBy::Series)
        .max_lanes(30)
        .today(day(2024, 6, 1))
        .render(&registry, events.iter().copied());
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["lane-label"]).len(), 30);
    // The merged and the busiest lanes become density strips, so far fewer
    // marks are drawn than there are events.
    assert!(!with_classes(&doc, &["density"]).is_empty());
    let marks = with_classes(&doc, &["mark"]).len();
    assert!(marks < events.len() / 10, "{marks} marks");
    assert!(text.len() < 1_000_000, "{} bytes", text.len());
}

#[cfg(feature = "synth")]
#[test]
fn a_large_network_picture_draws_the_largest_groups_and_counts_the_rest() {
    let registry = pactum::synth::Synth::new(4_000).registry().unwrap();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    assert!(network.components.len() > 12);
    let text = picture::network(&network, "network", 30);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let drawn: usize = network.components.iter().take(12).map(Vec::len).sum();
    assert_eq!(with_classes(&doc, &["node"]).len(), drawn);
    assert_eq!(with_classes(&doc, &["node-label"]).len(), 30.min(drawn));
    assert_eq!(with_classes(&doc, &["component-label"]).len(), 1);
}

#[test]
fn the_committed_seed_timeline_is_what_the_plot_example_draws() {
    // `cargo run --features svg --example plot -- --out docs --on 2024-06-01`
    let registry = pactum::seed();
    let svg = TimelineChart::new()
        .lanes(LaneBy::Series)
        .width(1100)
        .title("Timeline of the seed dataset")
        .today(day(2024, 6, 1))
        .render(&registry, registry.events());
    assert!(
        svg == include_str!("../docs/timeline.svg"),
        "docs/timeline.svg is stale: regenerate it with the plot example"
    );
}

#[test]
fn a_meeting_of_several_days_is_a_bar_from_its_date_to_its_end() {
    let text = r#"{"pactum": 1, "meetings": [{"key": "m", "name": "M", "kind": "summit",
        "date": "2023-05-15", "end": "2023-05-16", "status": "held"}]}"#;
    let registry = pactum::Registry::from_json_str(text).unwrap();
    let svg = TimelineChart::new().render(&registry, registry.events());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let spans = with_classes(&doc, &["mark", "meeting", "span"]);
    assert_eq!(spans.len(), 1);
    assert!(spans[0].children().any(|c| c.has_tag_name("rect")));
    let title = spans[0]
        .children()
        .find(|c| c.has_tag_name("title"))
        .unwrap();
    assert_eq!(
        title.text(),
        Some("2023-05-15 to 2023-05-16 meeting held (held): M")
    );
}
