//! The SVG signing-network picture.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::f64::consts::PI;
use std::fmt::Write as _;

use super::{count, open, plural, side, text_width, title, wrap, xml, Side, Text};
use crate::analysis::Network;
use crate::registry::Registry;

/// The most components drawn; the smaller ones are counted in a note.
const MAX_COMPONENTS: usize = 12;
/// The height of a row of the country view.
const ROW: f64 = 20.0;

const STYLE: &str = "\
.link { stroke: #718096; stroke-opacity: 0.7; }
.arc { fill: none; stroke: #2b6cb0; stroke-opacity: 0.35; }
.node { stroke: #ffffff; stroke-width: 1.5; }
.side { fill: #2b6cb0; }
.node-label, .side-label { fill: #1a202c; }
.title { fill: #111; }
.component-label, .caption { fill: #555; }
.legend { fill: #333; }
";

/// Colours for countries and blocs, assigned in code order and reused when
/// there are more countries than colours.
const PALETTE: [&str; 10] = [
    "#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#b83280",
    "#4a5568", "#276749",
];

/// A picture of a signing [`Network`].
///
/// Up to [`NetworkChart::max_institutions`] institutions, each is a dot:
/// each connected component laid out on its own (largest first, packed in
/// rows; a force-directed layout for up to 80 members, a circle beyond;
/// the twelve largest are drawn and the others counted in a note), dots
/// sized by degree and coloured by country or bloc ("no country" for an
/// institution whose country is not recorded), links as lines as thick as
/// the number of agreements behind them. Labels (acronyms, or names
/// shortened) go to the most central institutions first, beside their dot
/// where they cover no dot and no other label; every dot has its name as a
/// tooltip.
///
/// Above that size the picture aggregates to countries and blocs: one row
/// per country (busiest first, an intergovernmental organisation without a
/// country on a row of its own, and a "no country" row), a dot sized by its
/// agreements, and an arc between two countries whose institutions are
/// parties to the same agreements, as thick as the number of agreements.
/// The busiest [`NetworkChart::max_countries`] are drawn, the others
/// counted in a note.
///
/// # Example
///
/// ```
/// use pactum::analysis;
/// use pactum::picture::NetworkChart;
///
/// let registry = pactum::seed();
/// let network = analysis::network(&registry, analysis::agreements(&registry));
/// let svg = NetworkChart::new()
///     .title("who signs with whom")
///     .render(&registry, &network);
/// assert_eq!(svg.matches("class=\"node\"").count(), 9);
/// assert_eq!(svg.matches("class=\"link\"").count(), 6);
/// ```
#[derive(Debug, Clone)]
pub struct NetworkChart {
    title: Option<String>,
    max_labels: usize,
    max_institutions: usize,
    max_countries: usize,
}

impl Default for NetworkChart {
    fn default() -> Self {
        NetworkChart::new()
    }
}

impl NetworkChart {
    /// A picture with at most 40 labels, institutions drawn up to 60 of
    /// them, at most 40 countries when aggregated, and no title.
    pub fn new() -> NetworkChart {
        NetworkChart {
            title: None,
            max_labels: 40,
            max_institutions: 60,
            max_countries: 40,
        }
    }

    /// A title above the picture.
    pub fn title(mut self, title: impl Into<String>) -> NetworkChart {
        self.title = Some(title.into());
        self
    }

    /// The most institutions labelled, the most central first.
    pub fn max_labels(mut self, labels: usize) -> NetworkChart {
        self.max_labels = labels;
        self
    }

    /// The most institutions drawn as dots (at most 200); a network with
    /// more is drawn by country.
    pub fn max_institutions(mut self, institutions: usize) -> NetworkChart {
        self.max_institutions = institutions.min(200);
        self
    }

    /// The most countries and blocs drawn when the network is drawn by
    /// country (1 to 150); the others are counted in a note.
    pub fn max_countries(mut self, countries: usize) -> NetworkChart {
        self.max_countries = countries.clamp(1, 150);
        self
    }

    /// The SVG text of the picture of `network`, with names and countries
    /// looked up in `registry`.
    pub fn render(&self, registry: &Registry, network: &Network) -> String {
        if network.nodes.len() > self.max_institutions {
            by_country(self, registry, network)
        } else {
            by_institution(self, registry, network)
        }
    }
}

// ---------------------------------------------------------------------------
// Institutions

/// An axis-aligned box: left, top, right, bottom.
type Box2 = (f64, f64, f64, f64);

fn overlaps(a: &Box2, b: &Box2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The picture with a dot per institution.
fn by_institution(chart: &NetworkChart, registry: &Registry, network: &Network) -> String {
    let sides: Vec<Side> = network
        .nodes
        .iter()
        .map(|n| side(registry, &n.key))
        .collect();
    let mut ids: Vec<(&str, &str)> = sides
        .iter()
        .map(|s| (s.id.as_str(), s.short.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let neighbours = neighbours(network);
    let drawn = network
        .components
        .get(..network.components.len().min(MAX_COMPONENTS))
        .unwrap_or_default();
    let placed = place(drawn, &neighbours);
    let width = placed.width.max(660.0);
    let rest = network.components.get(drawn.len()..).unwrap_or_default();
    let caption = words(&format!(
        "Dots: institutions, sized by how many others they sign with, coloured by country or bloc. Lines: shared agreements, thicker for more. Hover a dot or a line for names and agreements.{}",
        if rest.is_empty() { "" } else { " The smaller groups are counted below." }
    ), width);
    let legend_lines = legend_lines(&ids, width);
    let note = if rest.is_empty() { 0.0 } else { 18.0 };
    let height = placed.bottom
        + 20.0
        + note
        + 16.0 * caption.len() as f64
        + 18.0 * legend_lines as f64
        + 10.0;
    let mut out = String::new();
    open(&mut out, width, height, STYLE);
    if let Some(t) = &chart.title {
        title(&mut out, t, width);
    }
    links(&mut out, network, &placed);
    let colours: HashMap<&str, &str> = ids
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            (
                *id,
                PALETTE.get(i % PALETTE.len()).copied().unwrap_or("#2b6cb0"),
            )
        })
        .collect();
    let boxes = nodes(&mut out, network, &placed, &sides, &colours);
    labels(
        &mut out,
        registry,
        network,
        &placed,
        boxes,
        chart.max_labels,
        width,
    );
    let mut top = placed.bottom + 10.0;
    if !rest.is_empty() {
        let members: usize = rest.iter().map(Vec::len).sum();
        Text::new("component-label", 12.0, top + 4.0, 11.0, width - 24.0).write(
            &mut out,
            &format!(
                "and {} of {} in all, not drawn",
                plural(rest.len(), "smaller group", "smaller groups"),
                plural(members, "institution", "institutions")
            ),
            None,
        );
        top += note;
    }
    for line in &caption {
        Text::new("caption", 12.0, top + 4.0, 11.0, width - 24.0).write(&mut out, line, None);
        top += 16.0;
    }
    legend(&mut out, &ids, &colours, top + 6.0, width);
    out.push_str("</svg>\n");
    out
}

/// A caption broken into lines that fit the canvas.
fn words(text: &str, width: f64) -> Vec<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    wrap(&words, " ", 11.0, width - 24.0)
}

/// Each institution's linked institutions, which a component's layout pulls together.
fn neighbours(network: &Network) -> BTreeMap<&str, Vec<&str>> {
    let mut neighbours: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for l in &network.links {
        neighbours
            .entry(l.a.as_str())
            .or_default()
            .push(l.b.as_str());
        neighbours
            .entry(l.b.as_str())
            .or_default()
            .push(l.a.as_str());
    }
    neighbours
}

/// Where the drawn components went, for the links, dots and labels to
/// follow.
struct Placed<'a> {
    /// Each member's position.
    position: BTreeMap<&'a str, (f64, f64)>,
    /// Whether a member sits left of its component's centre (its label then
    /// goes on the left first, away from the links).
    leftward: BTreeMap<&'a str, bool>,
    /// The right edge of the widest shelf.
    width: f64,
    /// The bottom of the last shelf.
    bottom: f64,
}

/// Packs the drawn components on shelves, each in a square cell of its size, none overlapping.
fn place<'a>(drawn: &'a [Vec<String>], neighbours: &BTreeMap<&str, Vec<&'a str>>) -> Placed<'a> {
    const TOP: f64 = 40.0;
    const MAX_WIDTH: f64 = 1000.0;
    let mut position: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    let mut leftward: BTreeMap<&str, bool> = BTreeMap::new();
    let (mut x, mut y, mut shelf, mut width) = (0.0_f64, TOP, 0.0_f64, 0.0_f64);
    for members in drawn {
        let keys: Vec<&str> = members.iter().map(String::as_str).collect();
        let radius = (40.0 * (keys.len() as f64).sqrt()).clamp(0.0, 300.0);
        // Room on both sides for a label beside the outermost dots, and
        // above and below for one over or under them.
        let cell = 2.0 * radius + 180.0;
        let tall = 2.0 * radius + 70.0;
        if x > 0.0 && x + cell > MAX_WIDTH {
            x = 0.0;
            y += shelf;
            shelf = 0.0;
        }
        let centre = (x + cell / 2.0, y + tall / 2.0);
        for (key, (px, py)) in layout(&keys, neighbours) {
            position.insert(key, (centre.0 + px * radius, centre.1 + py * radius));
            leftward.insert(key, px < -0.2);
        }
        x += cell;
        shelf = shelf.max(tall);
        width = width.max(x);
    }
    Placed {
        position,
        leftward,
        width,
        bottom: y + shelf,
    }
}

/// Draws each link as a line as thick as the number of agreements behind it.
fn links(out: &mut String, network: &Network, placed: &Placed<'_>) {
    for l in &network.links {
        let (Some(a), Some(b)) = (
            placed.position.get(l.a.as_str()),
            placed.position.get(l.b.as_str()),
        ) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<line class=\"link\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{:.1}\"><title>{} – {}: {}</title></line>",
            a.0,
            a.1,
            b.0,
            b.1,
            (1.0 + l.agreements.len() as f64).min(8.0),
            xml(&l.a),
            xml(&l.b),
            xml(&l.agreements.join(", "))
        );
    }
}

/// The radius of a dot of `degree`.
fn radius(degree: usize) -> f64 {
    (4.0 + 2.0 * (degree as f64).sqrt()).min(16.0)
}

/// Draws the dots over the links; returns the boxes they cover, which
/// labels keep clear of.
fn nodes(
    out: &mut String,
    network: &Network,
    placed: &Placed<'_>,
    sides: &[Side],
    colours: &HashMap<&str, &str>,
) -> Vec<Box2> {
    let mut boxes = Vec::new();
    for (node, side) in network.nodes.iter().zip(sides) {
        let Some(&(x, y)) = placed.position.get(node.key.as_str()) else {
            continue;
        };
        let r = radius(node.degree);
        boxes.push((x - r, y - r, x + r, y + r));
        let _ = writeln!(
            out,
            "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"><title>{} ({}; {}), signs with {}</title></circle>",
            colours.get(side.id.as_str()).copied().unwrap_or("#2b6cb0"),
            xml(&node.name),
            xml(&node.key),
            if side.id == node.key {
                "a side of its own".to_owned()
            } else {
                xml(&side.name)
            },
            plural(node.degree, "other", "others")
        );
    }
    boxes
}

/// Labels the most central institutions, each beside its dot where it
/// covers no dot, no other label and stays on the canvas; an institution
/// with no such place keeps only its tooltip.
fn labels(
    out: &mut String,
    registry: &Registry,
    network: &Network,
    placed: &Placed<'_>,
    mut taken: Vec<Box2>,
    max_labels: usize,
    width: f64,
) {
    const SIZE: f64 = 11.0;
    for node in network.most_central(max_labels) {
        let Some(&(x, y)) = placed.position.get(node.key.as_str()) else {
            continue;
        };
        let name = registry
            .institution(&node.key)
            .and_then(|i| i.acronym())
            .unwrap_or(&node.name);
        let r = radius(node.degree);
        let left = placed
            .leftward
            .get(node.key.as_str())
            .copied()
            .unwrap_or(false);
        // The whole name where it fits, else a shorter one: beside the dot,
        // then above and below it, then a step further.
        let spot = [160.0, 90.0].into_iter().find_map(|room| {
            let text = super::fit(name, SIZE, false, room);
            let w = text_width(&text, SIZE, false);
            let mut spots = vec![(x + r + 3.0, y + 4.0), (x - r - 3.0 - w, y + 4.0)];
            if left {
                spots.swap(0, 1);
            }
            spots.extend([
                (x - w / 2.0, y - r - 4.0),
                (x - w / 2.0, y + r + 12.0),
                (x - w / 2.0, y - r - 16.0),
                (x - w / 2.0, y + r + 24.0),
            ]);
            spots.into_iter().find_map(|(sx, sy)| {
                let b = (sx, sy - 0.8 * SIZE, sx + w, sy + 0.25 * SIZE);
                let free = b.0 >= 2.0
                    && b.2 <= width - 2.0
                    && b.1 >= 30.0
                    && b.3 <= placed.bottom
                    && !taken.iter().any(|t| overlaps(t, &b));
                free.then(|| (text.clone(), w, sx, sy, b))
            })
        });
        if let Some((text, w, sx, sy, b)) = spot {
            taken.push(b);
            Text::new("node-label", sx, sy, SIZE, w + 1.0).write(
                out,
                &text,
                Some(&format!("{} ({})", node.name, node.key)),
            );
        }
    }
}

/// The width of a legend item of `label`.
fn item_width(label: &str) -> f64 {
    14.0 + text_width(label, 11.0, false) + 16.0
}

/// How many lines the legend takes.
fn legend_lines(ids: &[(&str, &str)], width: f64) -> usize {
    if ids.len() > PALETTE.len() {
        return 1;
    }
    let mut lines = 1;
    let mut x = 12.0;
    for (_, label) in ids {
        let w = item_width(label);
        if x + w > width - 12.0 && x > 12.0 {
            lines += 1;
            x = 12.0;
        }
        x += w;
    }
    lines
}

/// Draws the colour legend at `top`, or a note where repeating colours would mislead.
fn legend(
    out: &mut String,
    ids: &[(&str, &str)],
    colours: &HashMap<&str, &str>,
    top: f64,
    width: f64,
) {
    if ids.len() > PALETTE.len() {
        Text::new("legend", 12.0, top + 4.0, 11.0, width - 24.0).write(
            out,
            &format!(
                "{} countries and blocs: colours repeat; hover a dot for its country",
                count(ids.len())
            ),
            None,
        );
        return;
    }
    let (mut x, mut y) = (12.0, top);
    for (id, label) in ids {
        let w = item_width(label);
        if x + w > width - 12.0 && x > 12.0 {
            x = 12.0;
            y += 18.0;
        }
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"{}\"/>",
            x + 5.0,
            colours.get(id).copied().unwrap_or("#2b6cb0")
        );
        Text::new("legend", x + 14.0, y + 4.0, 11.0, w).write(out, label, None);
        x += w;
    }
}

/// Positions of a component's members in the unit disc: a force-directed
/// layout (Fruchterman–Reingold, deterministic) for small components, a
/// circle in breadth-first order for large ones.
fn layout<'a>(
    keys: &[&'a str],
    neighbours: &BTreeMap<&str, Vec<&'a str>>,
) -> Vec<(&'a str, (f64, f64))> {
    let m = keys.len();
    if m <= 1 {
        return keys.iter().map(|k| (*k, (0.0, 0.0))).collect();
    }
    let order = breadth_first(keys, neighbours);
    let mut pos: Vec<(f64, f64)> = (0..m)
        .map(|i| {
            let angle = 2.0 * PI * i as f64 / m as f64 - PI / 2.0;
            (angle.cos(), angle.sin())
        })
        .collect();
    if m <= 80 {
        let index: HashMap<&str, usize> = order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let edges: Vec<(usize, usize)> = order
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                neighbours
                    .get(k)
                    .into_iter()
                    .flatten()
                    .filter_map(|n| index.get(n).copied())
                    .filter(move |&j| j > i)
                    .map(move |j| (i, j))
            })
            .collect();
        relax(&mut pos, &edges);
    }
    order.into_iter().zip(pos).collect()
}

/// Breadth-first order from the best-connected member, which keeps
/// neighbours close on the starting circle.
fn breadth_first<'a>(keys: &[&'a str], neighbours: &BTreeMap<&str, Vec<&'a str>>) -> Vec<&'a str> {
    let degree = |k: &str| neighbours.get(k).map_or(0, Vec::len);
    let start = keys
        .iter()
        .copied()
        .max_by(|a, b| degree(a).cmp(&degree(b)).then(b.cmp(a)))
        .unwrap_or_default();
    let members: BTreeSet<&str> = keys.iter().copied().collect();
    let mut seen: BTreeSet<&str> = BTreeSet::from([start]);
    let mut order: Vec<&'a str> = vec![start];
    let mut i = 0;
    while let Some(&k) = order.get(i) {
        let mut next: Vec<&'a str> = neighbours
            .get(k)
            .map(|n| {
                n.iter()
                    .copied()
                    .filter(|n| members.contains(n) && !seen.contains(n))
                    .collect()
            })
            .unwrap_or_default();
        next.sort_unstable();
        next.dedup();
        seen.extend(next.iter().copied());
        order.extend(next);
        i += 1;
    }
    for k in keys {
        if seen.insert(k) {
            order.push(k);
        }
    }
    order
}

/// Fruchterman–Reingold from the given start, then centred and scaled into
/// the unit disc.
fn relax(pos: &mut [(f64, f64)], edges: &[(usize, usize)]) {
    let m = pos.len();
    let k = (4.0 / m as f64).sqrt();
    let mut temperature = 0.2;
    for _ in 0..300 {
        let mut shift = vec![(0.0_f64, 0.0_f64); m];
        for a in 0..m {
            for b in (a + 1)..m {
                let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-3);
                let f = k * k / d;
                shift[a].0 += dx / d * f;
                shift[a].1 += dy / d * f;
                shift[b].0 -= dx / d * f;
                shift[b].1 -= dy / d * f;
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-3);
            let f = d * d / k;
            shift[a].0 -= dx / d * f;
            shift[a].1 -= dy / d * f;
            shift[b].0 += dx / d * f;
            shift[b].1 += dy / d * f;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            let len = (s.0 * s.0 + s.1 * s.1).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += s.0 / len * step;
            p.1 += s.1 / len * step;
        }
        temperature *= 0.985;
    }
    let (cx, cy) = pos.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
    let (cx, cy) = (cx / m as f64, cy / m as f64);
    let r = pos
        .iter()
        .map(|p| ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt())
        .fold(0.0, f64::max)
        .max(1e-9);
    for p in pos.iter_mut() {
        *p = ((p.0 - cx) / r, (p.1 - cy) / r);
    }
}

// ---------------------------------------------------------------------------
// Countries

/// A country, bloc or own-side institution of the country view.
struct Country {
    side: Side,
    institutions: usize,
    /// The agreements with a party of it that link to another party.
    agreements: BTreeSet<String>,
}

/// The picture with a row per country and an arc per pair of countries
/// whose institutions share agreements.
fn by_country(chart: &NetworkChart, registry: &Registry, network: &Network) -> String {
    let (countries, pairs) = aggregate(registry, network);
    let total = countries.len();
    let (shown, arcs, all_arcs) = rows_and_arcs(countries, &pairs, chart.max_countries);
    let max_links = arcs.iter().map(|a| a.2).max().unwrap_or(1).max(1);
    let min_links = arcs.iter().map(|a| a.2).min().unwrap_or(1);
    const SIZE: f64 = 11.0;
    let label = |c: &Country| {
        if c.side.id.is_empty() || c.side.short == c.side.name {
            c.side.name.clone()
        } else {
            format!("{} ({})", c.side.name, c.side.short)
        }
    };
    let label_room = shown
        .iter()
        .map(|c| text_width(&label(c), SIZE, false))
        .fold(60.0, f64::max)
        .min(220.0);
    let axis = 12.0 + label_room + 16.0;
    let reach = (shown.len().saturating_sub(1)) as f64 * ROW / 2.0;
    let width = (axis + reach + 30.0).max(660.0);
    let hidden = total.saturating_sub(shown.len());
    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!(
            "and {} with fewer agreements, not drawn",
            plural(hidden, "more country or bloc", "more countries and blocs")
        ));
    }
    if all_arcs > arcs.len() {
        notes.push(format!(
            "the {} strongest of {} links between the countries drawn are drawn",
            count(arcs.len()),
            count(all_arcs)
        ));
    }
    let caption = words(
        &format!(
            "{} institutions in {}, drawn by country: a row per country or bloc (its own row for an international organisation without a country; \"no country\" for institutions whose country is not recorded), busiest first, the dot sized by its agreements. An arc joins two countries whose institutions are parties to the same agreements: the thinnest stands for {}, the thickest for {}. Hover for names and counts.",
            count(network.nodes.len()),
            plural(total, "country or bloc", "countries and blocs"),
            plural(min_links, "agreement", "agreements"),
            count(max_links)
        ),
        width,
    );
    let bottom = TOP + shown.len() as f64 * ROW;
    let height = bottom + 16.0 + 16.0 * (notes.len() + caption.len()) as f64 + 10.0;
    let mut out = String::new();
    open(&mut out, width, height, STYLE);
    if let Some(t) = &chart.title {
        title(&mut out, t, width);
    }
    draw_arcs(&mut out, &shown, &arcs, axis);
    let y_of = |row: usize| TOP + row as f64 * ROW + ROW / 2.0;
    let max_agreements = shown
        .iter()
        .map(|c| c.agreements.len())
        .max()
        .unwrap_or(1)
        .max(1);
    for (row, c) in shown.iter().enumerate() {
        let y = y_of(row);
        let r = 3.0 + 5.0 * (c.agreements.len() as f64 / max_agreements as f64).sqrt();
        let _ = writeln!(
            out,
            "<circle class=\"side\" cx=\"{axis:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"><title>{}: {}, {}</title></circle>",
            xml(&c.side.name),
            plural(c.agreements.len(), "agreement", "agreements"),
            plural(c.institutions, "institution", "institutions")
        );
        Text::new("side-label", axis - 12.0, y + 4.0, SIZE, label_room)
            .anchor(super::Anchor::End)
            .write(&mut out, &label(c), None);
    }
    let mut y = bottom + 16.0;
    for line in notes.iter().chain(&caption) {
        Text::new("caption", 12.0, y, 11.0, width - 24.0).write(&mut out, line, None);
        y += 16.0;
    }
    out.push_str("</svg>\n");
    out
}

/// The top of the first row of the country view.
const TOP: f64 = 48.0;

/// Draws the arcs between the rows of `shown`, from 1 pixel wide for the
/// fewest agreements to 8 for the most.
fn draw_arcs(out: &mut String, shown: &[Country], arcs: &[(usize, usize, usize)], axis: f64) {
    let max_links = arcs.iter().map(|a| a.2).max().unwrap_or(1);
    let min_links = arcs.iter().map(|a| a.2).min().unwrap_or(1);
    let stroke = |n: usize| {
        if max_links > min_links {
            1.0 + 7.0 * (n - min_links) as f64 / (max_links - min_links) as f64
        } else {
            2.0
        }
    };
    let y_of = |row: usize| TOP + row as f64 * ROW + ROW / 2.0;
    for &(a, b, n) in arcs {
        let (y1, y2) = (y_of(a.min(b)), y_of(a.max(b)));
        let r = (y2 - y1) / 2.0;
        let names = |row: usize| shown.get(row).map_or("", |c| c.side.name.as_str());
        let _ = writeln!(
            out,
            "<path class=\"arc\" d=\"M{axis:.1} {y1:.1}A{r:.1} {r:.1} 0 0 1 {axis:.1} {y2:.1}\" stroke-width=\"{:.1}\"><title>{} – {}: {}</title></path>",
            stroke(n),
            xml(names(a)),
            xml(names(b)),
            plural(n, "agreement", "agreements")
        );
    }
}

/// The `max` countries with the most agreements, busiest first, and the
/// arcs between them as (row, row, agreements), strongest first: only as
/// many as rows (at least 12), since more tangle into a hairball; with the
/// number of arcs there were.
fn rows_and_arcs(
    countries: Vec<Country>,
    pairs: &BTreeMap<(usize, usize), BTreeSet<String>>,
    max: usize,
) -> (Vec<Country>, Vec<(usize, usize, usize)>, usize) {
    let mut order: Vec<(usize, Country)> = countries.into_iter().enumerate().collect();
    order.sort_by(|(a, ca), (b, cb)| cb.agreements.len().cmp(&ca.agreements.len()).then(a.cmp(b)));
    order.truncate(max);
    let row_of: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(row, (i, _))| (*i, row))
        .collect();
    let mut arcs: Vec<(usize, usize, usize)> = pairs
        .iter()
        .filter_map(|(&(a, b), set)| Some((*row_of.get(&a)?, *row_of.get(&b)?, set.len())))
        .collect();
    arcs.sort_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let all = arcs.len();
    arcs.truncate(order.len().max(12));
    (order.into_iter().map(|(_, c)| c).collect(), arcs, all)
}

/// The countries of the network's institutions and, for each pair of them,
/// the agreements their institutions share.
#[allow(clippy::type_complexity)]
fn aggregate(
    registry: &Registry,
    network: &Network,
) -> (Vec<Country>, BTreeMap<(usize, usize), BTreeSet<String>>) {
    let mut countries: Vec<Country> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut of_node: HashMap<&str, usize> = HashMap::new();
    for node in &network.nodes {
        let s = side(registry, &node.key);
        let i = *index.entry(s.id.clone()).or_insert_with(|| {
            countries.push(Country {
                side: s,
                institutions: 0,
                agreements: BTreeSet::new(),
            });
            countries.len() - 1
        });
        if let Some(c) = countries.get_mut(i) {
            c.institutions += 1;
        }
        of_node.insert(node.key.as_str(), i);
    }
    let mut pairs: BTreeMap<(usize, usize), BTreeSet<String>> = BTreeMap::new();
    for link in &network.links {
        let (Some(&a), Some(&b)) = (of_node.get(link.a.as_str()), of_node.get(link.b.as_str()))
        else {
            continue;
        };
        for c in [a, b] {
            if let Some(country) = countries.get_mut(c) {
                country.agreements.extend(link.agreements.iter().cloned());
            }
        }
        if a != b {
            pairs
                .entry((a.min(b), a.max(b)))
                .or_default()
                .extend(link.agreements.iter().cloned());
        }
    }
    (countries, pairs)
}
