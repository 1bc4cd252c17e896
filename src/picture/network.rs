//! The SVG signing-network picture.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

use super::{open, xml};
use crate::analysis::Network;

/// The most components drawn; the smaller ones are counted in a note.
const MAX_COMPONENTS: usize = 12;

const STYLE: &str = "\
.link { stroke: #718096; stroke-opacity: 0.7; }
.node { stroke: #ffffff; stroke-width: 1.5; }
.node-label { font-size: 11px; fill: #1a202c; }
.title { font-size: 15px; font-weight: bold; fill: #111; }
.component-label { font-size: 11px; fill: #718096; }
.legend { font-size: 11px; fill: #333; }
";

/// Colours for countries and blocs, assigned in code order and reused when
/// there are more countries than colours.
const PALETTE: [&str; 10] = [
    "#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#b83280",
    "#4a5568", "#276749",
];

/// A picture of a signing [`Network`]: each connected component laid out on
/// its own (largest first, packed in rows; a force-directed layout for up to
/// 80 members, a circle beyond; the twelve largest are drawn and the others
/// counted in a note), institutions as dots sized by
/// degree and coloured by country or bloc, links as lines as thick as the
/// number of agreements behind them. Labels are drawn for at most
/// `max_labels` institutions, the most central first; every dot has its name
/// as a tooltip.
///
/// # Example
///
/// ```
/// use pactum::analysis;
///
/// let registry = pactum::seed();
/// let network = analysis::network(&registry, analysis::agreements(&registry));
/// let svg = pactum::picture::network(&network, "who signs with whom", 50);
/// assert_eq!(svg.matches("class=\"node\"").count(), 9);
/// assert_eq!(svg.matches("class=\"link\"").count(), 6);
/// ```
pub fn network(network: &Network, title: &str, max_labels: usize) -> String {
    let countries = countries(network);
    let neighbours = neighbours(network);
    let drawn = &network.components[..network.components.len().min(MAX_COMPONENTS)];
    let placed = place(drawn, &neighbours);
    let width = placed.width.max(400.0);
    // With more countries than colours, colours repeat and a legend would
    // mislead: it is replaced by a note.
    let legend_rows = if countries.len() <= PALETTE.len() {
        countries.len().div_ceil(6) as f64
    } else {
        1.0
    };
    let rest = &network.components[drawn.len()..];
    let note = if rest.is_empty() { 0.0 } else { 18.0 };
    let height = placed.bottom + 20.0 + note + legend_rows * 18.0;
    let mut out = String::new();
    open(&mut out, width, height, STYLE);
    let _ = writeln!(
        out,
        "<text class=\"title\" x=\"10\" y=\"22\">{}</text>",
        xml(title)
    );
    links(&mut out, network, &placed);
    nodes(&mut out, network, &placed, &countries, max_labels);
    let mut top = placed.bottom + 10.0;
    if !rest.is_empty() {
        let members: usize = rest.iter().map(Vec::len).sum();
        let _ = writeln!(
            out,
            "<text class=\"component-label\" x=\"12\" y=\"{:.1}\">and {} smaller groups of {members} institutions in all, not drawn</text>",
            top + 4.0,
            rest.len()
        );
        top += note;
    }
    legend(&mut out, &countries, top);
    out.push_str("</svg>\n");
    out
}

/// The countries and blocs of the institutions, in code order: the order colours go in.
fn countries(network: &Network) -> Vec<&str> {
    let mut c: Vec<&str> = network.nodes.iter().map(|n| n.country.as_str()).collect();
    c.sort_unstable();
    c.dedup();
    c
}

/// The colour of `country` among `countries`, repeating past the palette.
fn colour(countries: &[&str], country: &str) -> &'static str {
    countries
        .iter()
        .position(|c| *c == country)
        .map_or(PALETTE[0], |i| PALETTE[i % PALETTE.len()])
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
    /// goes on the left, away from the links).
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
        let radius = (30.0 * (keys.len() as f64).sqrt()).clamp(0.0, 260.0);
        let cell = 2.0 * radius + 110.0;
        if x > 0.0 && x + cell > MAX_WIDTH {
            x = 0.0;
            y += shelf;
            shelf = 0.0;
        }
        let centre = (x + cell / 2.0, y + cell / 2.0);
        for (key, (px, py)) in layout(&keys, neighbours) {
            position.insert(key, (centre.0 + px * radius, centre.1 + py * radius));
            leftward.insert(key, px < -0.2);
        }
        x += cell;
        shelf = shelf.max(cell);
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
            1.0 + l.agreements.len() as f64,
            xml(&l.a),
            xml(&l.b),
            xml(&l.agreements.join(", "))
        );
    }
}

/// Draws the dots over the links, labelling only the most central so labels stay legible.
fn nodes(
    out: &mut String,
    network: &Network,
    placed: &Placed<'_>,
    countries: &[&str],
    max_labels: usize,
) {
    let mut labelled: Vec<&str> = network
        .most_central(max_labels)
        .iter()
        .map(|n| n.key.as_str())
        .collect();
    labelled.sort_unstable();
    for node in &network.nodes {
        let Some(&(x, y)) = placed.position.get(node.key.as_str()) else {
            continue;
        };
        let r = 4.0 + 2.0 * (node.degree as f64).sqrt();
        let _ = writeln!(
            out,
            "<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"><title>{} ({}), degree {}</title></circle>",
            colour(countries, &node.country),
            xml(&node.name),
            xml(country_label(&node.country)),
            node.degree
        );
        let left = placed
            .leftward
            .get(node.key.as_str())
            .copied()
            .unwrap_or(false);
        if labelled.binary_search(&node.key.as_str()).is_ok() {
            let _ = writeln!(
                out,
                "<text class=\"node-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{}</text>",
                if left { x - r - 3.0 } else { x + r + 3.0 },
                y + 4.0,
                if left { "end" } else { "start" },
                xml(&node.key)
            );
        }
    }
}

/// Draws the colour legend at `top`, or a note where repeating colours would mislead.
fn legend(out: &mut String, countries: &[&str], top: f64) {
    if countries.len() > PALETTE.len() {
        let _ = writeln!(
            out,
            "<text class=\"legend\" x=\"12\" y=\"{:.1}\">{} countries and blocs: colours repeat; hover a dot for its country</text>",
            top + 4.0,
            countries.len()
        );
    }
    for (i, country) in countries
        .iter()
        .enumerate()
        .filter(|_| countries.len() <= PALETTE.len())
    {
        let x = 12.0 + (i % 6) as f64 * 90.0;
        let y = top + (i / 6) as f64 * 18.0;
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"{}\"/><text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 5.0,
            colour(countries, country),
            x + 14.0,
            y + 4.0,
            xml(country_label(country))
        );
    }
}

/// How a node's country is shown: its code, or "no country" for an
/// institution recorded without one.
fn country_label(country: &str) -> &str {
    if country.is_empty() {
        "no country"
    } else {
        country
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
    // Breadth-first order from the best-connected member keeps neighbours
    // close on the starting circle.
    let degree = |k: &str| neighbours.get(k).map_or(0, Vec::len);
    let start = keys
        .iter()
        .copied()
        .max_by(|a, b| degree(a).cmp(&degree(b)).then(b.cmp(a)))
        .unwrap_or_default();
    let mut order: Vec<&'a str> = vec![start];
    let mut i = 0;
    while let Some(&k) = order.get(i) {
        let mut next: Vec<&'a str> = neighbours
            .get(k)
            .map(|n| n.iter().copied().filter(|n| !order.contains(n)).collect())
            .unwrap_or_default();
        next.sort_unstable();
        next.dedup();
        order.extend(next);
        i += 1;
    }
    for k in keys {
        if !order.contains(k) {
            order.push(k);
        }
    }
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
            for &(a, b) in &edges {
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
        // Centre and scale into the unit disc.
        let (cx, cy) = pos.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
        let (cx, cy) = (cx / m as f64, cy / m as f64);
        let r = pos
            .iter()
            .map(|p| ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt())
            .fold(0.0, f64::max)
            .max(1e-9);
        for p in &mut pos {
            *p = ((p.0 - cx) / r, (p.1 - cy) / r);
        }
    }
    order.into_iter().zip(pos).collect()
}
