//! SVG pictures (feature `svg`): each parses as XML, holds the marks the
//! data calls for, and keeps every text on its canvas and clear of the
//! others at every size of dataset.
#![cfg(feature = "svg")]

use chrono::NaiveDate;
use pactum::analysis;
use pactum::picture::{self, Heatmap, LaneBy, NetworkChart, PartiesChart, TimelineChart};
use pactum::Registry;

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

/// The text a `<text>` shows: its own text, not its tooltip.
fn shown(node: &roxmltree::Node<'_, '_>) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

/// The tooltip of an element.
fn tooltip(node: &roxmltree::Node<'_, '_>) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .map(str::to_owned)
}

// ---------------------------------------------------------------------------
// Geometry: no renderer, no font; text extents from the library's estimate

/// The box a text covers: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Extent(f64, f64, f64, f64);

fn number(node: &roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("a <{}> without {name}", node.tag_name().name()))
        .parse()
        .unwrap()
}

/// The estimated extent of a `<text>`: horizontal, or turned a quarter
/// left about its anchor (`rotate(-90 x y)`, the only turn the pictures
/// use).
fn extent(node: &roxmltree::Node<'_, '_>) -> Extent {
    let (x, y, size) = (
        number(node, "x"),
        number(node, "y"),
        number(node, "font-size"),
    );
    let bold = node.attribute("font-weight") == Some("bold");
    let w = picture::text_width(&shown(node), size, bold);
    let before = match node.attribute("text-anchor") {
        Some("middle") => w / 2.0,
        Some("end") => w,
        _ => 0.0,
    };
    match node.attribute("transform") {
        None => Extent(x - before, y - 0.8 * size, x - before + w, y + 0.25 * size),
        Some(t) => {
            assert_eq!(
                t,
                format!("rotate(-90 {x:.1} {y:.1})"),
                "an unexpected turn"
            );
            Extent(x - 0.8 * size, y - w + before, x + 0.25 * size, y + before)
        }
    }
}

/// Checks a picture's geometry: well-formed SVG, a canvas under 4,000 ×
/// 4,000 pixels, every text inside it, no two texts overlapping.
/// Returns the canvas size.
fn check_geometry(svg: &str, what: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    let (width, height) = (number(&root, "width"), number(&root, "height"));
    assert!(
        width <= picture::MAX_SIDE && height <= picture::MAX_SIDE,
        "{what}: canvas {width} × {height}"
    );
    let mut boxes: Vec<(Extent, String)> = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let e = extent(&node);
        let text = shown(&node);
        // A text shortened to its room keeps enough to be read.
        if let Some((kept, _)) = text.split_once('…') {
            assert!(
                kept.chars().count() >= 3,
                "{what}: {text:?} is cut to nothing"
            );
        }
        assert!(
            e.0 >= -0.5 && e.1 >= -0.5 && e.2 <= width + 0.5 && e.3 <= height + 0.5,
            "{what}: {text:?} at {e:?} leaves the {width} × {height} canvas"
        );
        boxes.push((e, text));
    }
    // Sweep by left edge: only boxes that start before one ends can meet it.
    boxes.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
    const SLACK: f64 = 0.5;
    for (i, (a, ta)) in boxes.iter().enumerate() {
        for (b, tb) in boxes.iter().skip(i + 1) {
            if b.0 >= a.2 - SLACK {
                break;
            }
            let meet = a.1 < b.3 - SLACK && b.1 < a.3 - SLACK;
            assert!(!meet, "{what}: {ta:?} at {a:?} overprints {tb:?} at {b:?}");
        }
    }
    (width, height)
}

#[test]
#[should_panic(expected = "overprints")]
fn the_geometry_check_finds_two_texts_on_each_other() {
    check_geometry(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
        <text x="10" y="20" font-size="12">first label</text>
        <text x="40" y="24" font-size="12">second</text></svg>"#,
        "overprint",
    );
}

#[test]
#[should_panic(expected = "leaves the")]
fn the_geometry_check_finds_text_past_the_edge() {
    check_geometry(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
        <text x="90" y="20" font-size="12" transform="rotate(-90 90.0 20.0)">upright</text></svg>"#,
        "edge",
    );
}

/// The agreement with the most parties: the one a parties chart of a
/// dataset draws.
fn most_parties(registry: &Registry) -> String {
    analysis::most_parties(registry)
        .map(|a| a.key().to_owned())
        .unwrap_or_default()
}

/// Every picture of a dataset, as `plot` draws them.
fn every_picture(registry: &Registry) -> Vec<(&'static str, String)> {
    let coverage = analysis::coverage(registry, registry.partnerships());
    let network = analysis::network(registry, analysis::agreements(registry));
    vec![
        (
            "timeline",
            TimelineChart::new()
                .lanes(LaneBy::Series)
                .width(1100)
                .title("Timeline of a dataset with a title long enough to be cut short at the narrowest width")
                .today(day(2024, 6, 1))
                .render(registry, registry.events()),
        ),
        (
            "coverage",
            Heatmap::new()
                .title("Technology areas covered by each partnership")
                .render(registry, &coverage),
        ),
        (
            "network",
            NetworkChart::new()
                .title("Who signs with whom")
                .render(registry, &network),
        ),
        (
            "parties",
            PartiesChart::new()
                .title("Parties over time")
                .today(day(2024, 6, 1))
                .render(registry, &most_parties(registry))
                .unwrap(),
        ),
    ]
}

#[test]
fn every_seed_picture_keeps_its_text_on_the_canvas_and_apart() {
    for (what, svg) in every_picture(&pactum::seed()) {
        check_geometry(&svg, what);
    }
}

#[test]
fn a_narrow_timeline_thins_its_years_and_wraps_its_legend() {
    let registry = pactum::seed();
    let svg = TimelineChart::new()
        .width(400)
        .title("A timeline as narrow as the chart allows, with a long title")
        .today(day(2024, 6, 1))
        .render(&registry, registry.events());
    check_geometry(&svg, "narrow timeline");
}

#[cfg(feature = "synth")]
fn synthetic(n: usize) -> Registry {
    pactum::synth::Synth::new(n)
        .multilateral(30)
        .registry()
        .unwrap()
}

#[cfg(feature = "synth")]
#[test]
fn every_picture_of_100_synthetic_agreements_keeps_its_text_apart() {
    for (what, svg) in every_picture(&synthetic(100)) {
        check_geometry(&svg, what);
    }
}

#[cfg(feature = "synth")]
#[test]
fn every_picture_of_2000_synthetic_agreements_keeps_its_text_apart() {
    for (what, svg) in every_picture(&synthetic(2_000)) {
        check_geometry(&svg, what);
    }
}

#[cfg(feature = "synth")]
#[test]
fn every_picture_of_20000_synthetic_agreements_stays_small_and_legible() {
    let registry = synthetic(20_000);
    for (what, svg) in every_picture(&registry) {
        let (w, h) = check_geometry(&svg, what);
        assert!(svg.len() < 2_000_000, "{what}: {} bytes", svg.len());
        assert!(w * h > 0.0);
    }
}

// ---------------------------------------------------------------------------
// Timeline

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
    assert_eq!(shown(&title), "seed <dataset> & more");
}

#[test]
fn seed_timeline_has_a_lane_per_partnership_and_series() {
    let by_series = seed_timeline(LaneBy::Series);
    let doc = roxmltree::Document::parse(&by_series).unwrap();
    let lanes = with_classes(&doc, &["lane-label"]);
    // Lanes come in the order of their first event; each tooltip holds the
    // whole name and the key.
    let tips: Vec<String> = lanes.iter().filter_map(tooltip).collect();
    assert_eq!(
        tips,
        [
            "EU-Japan Digital Partnership (eu-jp-digital)",
            "EU-Republic of Korea Digital Partnership (eu-kr-digital)",
            "series eu-kr-dpc (series:eu-kr-dpc)",
            "Viet Nam-Republic of Korea Comprehensive Strategic Partnership (vn-kr-csp)",
            "EU-Singapore Digital Partnership (eu-sg-digital)",
            "Korea-US industrial technology cooperation (kr-us-tech)",
            "no partnership: 5 events",
        ]
    );
    // A name cut short ends with an ellipsis and begins as the name does.
    let cut = shown(&lanes[3]);
    assert!(cut.ends_with('…') && "Viet Nam-Republic of Korea".starts_with(&cut[..10]));
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
    // A date sources disagree on is its candidate days, not a range.
    assert_eq!(keys(&["mark", "listed"]), ["eu-kr-dpc-1"]);
    assert!(!ranges.contains(&"eu-kr-dpc-1".to_owned()));
    // The Viet Nam-Korea partnership is now dated to the day (issue 21):
    // the EU-Japan one, of 2022, is a range.
    assert!(ranges.contains(&"eu-jp-digital".to_owned()));
    assert!(!ranges.contains(&"vn-kr-csp".to_owned()));
    assert!(!ranges.contains(&"eu-kr-dpc-2".to_owned()));
}

#[test]
fn a_disputed_day_is_two_distinct_marks_joined_by_a_line() {
    let text = seed_timeline(LaneBy::Series);
    let doc = roxmltree::Document::parse(&text).unwrap();
    // Sources disagree on the first council's day: 2023-06-23 or -30, a
    // week apart, a few pixels on this scale.
    let first = with_classes(&doc, &["mark"])
        .into_iter()
        .find(|n| n.attribute("data-key") == Some("eu-kr-dpc-1"))
        .unwrap();
    let circles: Vec<(f64, f64)> = first
        .children()
        .filter(|c| c.has_tag_name("circle"))
        .map(|c| (number(&c, "cx"), number(&c, "r")))
        .collect();
    assert_eq!(circles.len(), 2);
    let gap = circles[1].0 - circles[0].0;
    assert!(
        gap > circles[0].1 + circles[1].1,
        "circles {gap} apart overlap"
    );
    let join = first.children().find(|c| c.has_tag_name("line")).unwrap();
    assert_eq!(join.attribute("class"), Some("join"));
    assert_eq!(number(&join, "x1"), circles[0].0);
    assert_eq!(number(&join, "x2"), circles[1].0);
    assert!(!first.children().any(|c| c.has_tag_name("rect")));
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
    check_geometry(&text, "empty timeline");
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
    assert_eq!(
        tooltip(&spans[0]).as_deref(),
        Some("2023-05-15 to 2023-05-16 meeting held (held): M")
    );
}

// ---------------------------------------------------------------------------
// Heatmap

#[test]
fn seed_heatmap_names_its_rows_and_columns_and_lists_the_gaps() {
    let registry = pactum::seed();
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let text = Heatmap::new()
        .title("coverage")
        .render(&registry, &coverage);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["cell"]).len(), 20);
    let rows = with_classes(&doc, &["row-label"]);
    assert_eq!(rows.len(), 5);
    // Busiest first, by name, the key in the tooltip.
    assert_eq!(
        shown(&rows[0]),
        "Korea-US industrial technology cooperation"
    );
    assert_eq!(
        tooltip(&rows[0]).as_deref(),
        Some("Korea-US industrial technology cooperation (kr-us-tech)")
    );
    let columns = with_classes(&doc, &["col-label"]);
    assert_eq!(columns.len(), 17);
    assert_eq!(shown(&columns[0]), "Semiconductors");
    assert_eq!(
        tooltip(&columns[0]).as_deref(),
        Some("Semiconductors (semiconductors)")
    );
    let gaps: Vec<String> = with_classes(&doc, &["gaps"]).iter().map(shown).collect();
    assert!(gaps[0].contains("(25)"), "{}", gaps[0]);
    // Every line of the wrapped list but the last ends with its comma.
    let list = &gaps[1..];
    assert!(list.len() > 1);
    for line in &list[..list.len() - 1] {
        assert!(line.ends_with(','), "{line}");
    }
    assert!(list[0].starts_with("Advanced computing, Advanced manufacturing"));
    // The caption says what the numbers mean.
    let caption: String = with_classes(&doc, &["summary"])
        .iter()
        .map(shown)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(caption.contains("Each number counts"), "{caption}");
}

/// Two partnerships of institutions with no country, beside one of Korea
/// and the EU.
const NO_COUNTRY: &str = r#"{
  "pactum": 1,
  "institutions": [
    {"key": "lab-a", "name": "Laboratory A", "kind": "research_institute"},
    {"key": "lab-b", "name": "Laboratory B", "kind": "research_institute"},
    {"key": "lab-c", "name": "Laboratory C", "kind": "research_institute"},
    {"key": "kr", "name": "Korea", "kind": "government", "country": "KR"},
    {"key": "eu", "name": "European Union", "kind": "supranational_body", "country": "EU"}
  ],
  "partnerships": [
    {"key": "ab", "name": "A-B", "kind": "technology_cooperation", "parties": ["lab-a", "lab-b"], "tech_areas": ["robotics"]},
    {"key": "bc", "name": "B-C", "kind": "technology_cooperation", "parties": ["lab-b", "lab-c"], "tech_areas": ["robotics"]},
    {"key": "ak", "name": "A-Korea", "kind": "technology_cooperation", "parties": ["lab-a", "kr"], "tech_areas": ["semiconductors"]},
    {"key": "ke", "name": "Korea-EU", "kind": "technology_cooperation", "parties": ["kr", "eu"], "tech_areas": ["semiconductors"]}
  ]
}"#;

#[test]
fn institutions_without_a_country_are_grouped_as_no_country() {
    let registry = Registry::from_json_str(NO_COUNTRY).unwrap();
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let text = Heatmap::new().max_rows(3).render(&registry, &coverage);
    check_geometry(&text, "grouped heatmap");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let rows: Vec<String> = with_classes(&doc, &["row-label"])
        .iter()
        .map(shown)
        .collect();
    assert!(rows.contains(&"no country (2)".to_owned()), "{rows:?}");
    assert!(rows.contains(&"KR – no country (1)".to_owned()), "{rows:?}");

    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = NetworkChart::new()
        .max_institutions(2)
        .render(&registry, &network);
    check_geometry(&text, "network by country");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let sides: Vec<String> = with_classes(&doc, &["side-label"])
        .iter()
        .map(shown)
        .collect();
    assert_eq!(sides.len(), 3, "{sides:?}");
    assert!(sides.contains(&"no country".to_owned()), "{sides:?}");
    // An arc from no country to Korea, and from Korea to the EU.
    assert_eq!(with_classes(&doc, &["arc"]).len(), 2);
}

#[cfg(feature = "synth")]
#[test]
fn a_heatmap_of_many_partnerships_draws_the_busiest_and_counts_the_rest() {
    let registry = pactum::synth::Synth::new(2_000).registry().unwrap();
    let coverage = analysis::coverage(&registry, registry.partnerships());
    assert!(coverage.partnerships.len() > 300);
    let text = Heatmap::new().render(&registry, &coverage);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["row-label"]).len(), 50);
    let summary: Vec<String> = with_classes(&doc, &["summary"]).iter().map(shown).collect();
    assert!(summary[0].starts_with("and ") && summary[0].ends_with("not drawn"));
    let (_, height) = check_geometry(&text, "heatmap");
    assert!(height < 1600.0, "{height}");
}

// ---------------------------------------------------------------------------
// Network

#[test]
fn seed_network_picture_has_a_dot_per_institution_and_a_line_per_link() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = NetworkChart::new()
        .title("network")
        .max_labels(3)
        .render(&registry, &network);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(with_classes(&doc, &["node"]).len(), 9);
    assert_eq!(with_classes(&doc, &["link"]).len(), 6);
    // Only the three most central institutions are labelled, by acronym
    // or name, the key in the tooltip.
    let labels = with_classes(&doc, &["node-label"]);
    assert_eq!(labels.len(), 3);
    assert!(labels.iter().any(|l| shown(l) == "EU"));
    assert!(labels
        .iter()
        .any(|l| tooltip(l).as_deref() == Some("Government of the Republic of Korea (kr-gov)")));
}

/// Checks that no label of a network picture covers a dot; returns how
/// many dots and labels it has.
fn labels_cover_no_dot(text: &str) -> (usize, usize) {
    let doc = roxmltree::Document::parse(text).unwrap();
    let dots: Vec<Extent> = with_classes(&doc, &["node"])
        .iter()
        .map(|c| {
            let (x, y, r) = (number(c, "cx"), number(c, "cy"), number(c, "r"));
            Extent(x - r, y - r, x + r, y + r)
        })
        .collect();
    let labels = with_classes(&doc, &["node-label"]);
    for label in &labels {
        let e = extent(label);
        for d in &dots {
            let meet = e.0 < d.2 && d.0 < e.2 && e.1 < d.3 && d.1 < e.3;
            assert!(!meet, "{:?} covers a dot at {d:?}", shown(label));
        }
    }
    (dots.len(), labels.len())
}

#[test]
fn network_labels_cover_no_dot() {
    let registry = pactum::seed();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = NetworkChart::new().render(&registry, &network);
    let (dots, labels) = labels_cover_no_dot(&text);
    assert_eq!(
        (dots, labels),
        (9, 9),
        "every seed institution has room for a label"
    );
}

#[cfg(feature = "synth")]
#[test]
fn a_crowded_network_of_institutions_labels_only_where_there_is_room() {
    let registry = synthetic(60);
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = NetworkChart::new()
        .max_institutions(200)
        .max_labels(200)
        .render(&registry, &network);
    check_geometry(&text, "crowded network");
    let (dots, labels) = labels_cover_no_dot(&text);
    assert!(dots > 20, "{dots} dots");
    assert!(labels > 0 && labels <= dots, "{labels} labels");
}

#[cfg(feature = "synth")]
#[test]
fn a_large_network_is_drawn_by_country_with_the_strongest_links() {
    let registry = pactum::synth::Synth::new(4_000).registry().unwrap();
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let text = NetworkChart::new().render(&registry, &network);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(with_classes(&doc, &["node"]).is_empty());
    let sides = with_classes(&doc, &["side"]).len();
    assert_eq!(sides, 40);
    // No more arcs than rows: no hairball.
    let arcs = with_classes(&doc, &["arc"]).len();
    assert!(arcs > 0 && arcs <= sides, "{arcs} arcs");
    let notes: Vec<String> = with_classes(&doc, &["caption"]).iter().map(shown).collect();
    assert!(notes[0].contains("more countries and blocs"), "{notes:?}");
    check_geometry(&text, "network by country");
}

// ---------------------------------------------------------------------------
// Parties

/// A convention whose parties sign, ratify, withdraw and accede, one of
/// them on a vague day.
const CONVENTION: &str = r#"{
  "pactum": 1,
  "institutions": [
    {"key": "aa-gov", "name": "Government of AA", "kind": "government", "country": "FR"},
    {"key": "bb-gov", "name": "Government of BB", "kind": "government", "country": "DE"},
    {"key": "cc-gov", "name": "Government of CC", "kind": "government", "country": "IT"},
    {"key": "dd-gov", "name": "Government of DD", "kind": "government", "country": "ES"}
  ],
  "mous": [
    {"key": "c", "title": "Convention on Research Data Exchange",
     "kind": "convention", "signed": "1985-03-12", "entry_into_force": "1987-01-01",
     "signatories": ["aa-gov", "bb-gov", "cc-gov"],
     "parties": [
       {"institution": "bb-gov", "actions": [
         {"kind": "signature", "date": "1985-03-12"},
         {"kind": "ratification", "date": "1986-05-20"},
         {"kind": "withdrawal", "date": "1993-06-30", "effective": "1994-06-30"},
         {"kind": "accession", "date": "2001-02-14"}]},
       {"institution": "cc-gov", "actions": [{"kind": "signature", "date": "1985-03-12"}]},
       {"institution": "dd-gov", "actions": [{"kind": "accession", "date": "1990"}]}
     ]}
  ]
}"#;

#[test]
fn a_parties_chart_has_a_row_per_party_coloured_by_status() {
    let registry = Registry::from_json_str(CONVENTION).unwrap();
    let text = PartiesChart::new()
        .title("Parties of the convention")
        .today(day(2024, 6, 1))
        .render(&registry, "c")
        .unwrap();
    check_geometry(&text, "parties");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let rows: Vec<String> = with_classes(&doc, &["row-label"])
        .iter()
        .map(shown)
        .collect();
    // The agreement itself, its three parties in their order, then the
    // signatory without an entry.
    assert_eq!(
        rows,
        [
            "the agreement in force",
            "Government of BB",
            "Government of CC",
            "Government of DD",
            "Government of AA",
        ]
    );
    let tips = |classes: &[&str]| -> Vec<String> {
        with_classes(&doc, classes)
            .iter()
            .filter_map(tooltip)
            .collect()
    };
    // BB: bound before entry into force, a party, withdrawing, former, and
    // a party again after acceding.
    let bb: Vec<String> = tips(&["status"])
        .into_iter()
        .filter(|t| t.starts_with("Government of BB"))
        .collect();
    assert!(bb.iter().any(|t| t.ends_with(": bound")), "{bb:?}");
    assert!(bb.iter().any(|t| t.ends_with(": withdrawing")), "{bb:?}");
    assert!(
        bb.iter()
            .any(|t| t.contains("1994-06-30 to 2001-02-13: former party")),
        "{bb:?}"
    );
    // CC signed and no more.
    assert!(tips(&["status", "signatory"])
        .iter()
        .any(|t| t.starts_with("Government of CC")));
    // DD acceded some day of 1990: a stretch of that year may be either.
    let maybe = tips(&["status", "maybe"]);
    assert!(
        maybe
            .iter()
            .any(|t| t.starts_with("Government of DD") && t.contains("one of")),
        "{maybe:?}"
    );
    // A mark per action (the legend's samples have no tooltip), the
    // signatures hollow.
    let marks = |classes: &[&str]| tips(classes).len();
    assert_eq!(marks(&["action"]), 6);
    assert_eq!(marks(&["action", "hollow"]), 2);
}

#[test]
fn a_parties_chart_of_an_unknown_agreement_is_an_error() {
    let registry = pactum::seed();
    let err = PartiesChart::new()
        .render(&registry, "kr-mnd-msit-202")
        .unwrap_err();
    assert!(err.to_string().contains("kr-mnd-msit-2021"), "{err}");
}

// ---------------------------------------------------------------------------
// The committed pictures

/// What `plot --out docs --on 2024-06-01` draws on the seed dataset.
#[test]
fn the_committed_seed_pictures_are_what_the_plot_example_draws() {
    // `scripts/render_pictures.sh --docs` regenerates them.
    let registry = pactum::seed();
    let name = "the seed dataset";
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let pictures = [
        (
            include_str!("../docs/timeline.svg"),
            TimelineChart::new()
                .lanes(LaneBy::Series)
                .width(1100)
                .title(format!("Timeline of {name}"))
                .today(day(2024, 6, 1))
                .render(&registry, registry.events()),
        ),
        (
            include_str!("../docs/coverage.svg"),
            Heatmap::new()
                .title(format!(
                    "Technology areas covered by each partnership of {name}"
                ))
                .render(&registry, &coverage),
        ),
        (
            include_str!("../docs/network.svg"),
            NetworkChart::new()
                .title(format!("Who signs with whom in {name}"))
                .render(&registry, &network),
        ),
        (
            include_str!("../docs/parties.svg"),
            PartiesChart::new()
                .title(format!(
                    "Parties of MOU on the Digital New Deal and smart defence in {name}"
                ))
                .today(day(2024, 6, 1))
                .render(&registry, "kr-mnd-msit-2021")
                .unwrap(),
        ),
    ];
    for (i, (committed, drawn)) in pictures.iter().enumerate() {
        assert!(
            committed == drawn,
            "picture {i} in docs/ is stale: run scripts/render_pictures.sh --docs"
        );
    }
}
