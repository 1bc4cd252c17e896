//! The SVG coverage heatmap.

use std::fmt::Write as _;

use super::{open, shorten, xml};
use crate::analysis::Coverage;

const STYLE: &str = "\
.row-label, .col-label { font-size: 12px; fill: #222; }
.cell-count { font-size: 10px; fill: #111; text-anchor: middle; }
.cell-count.dark { fill: #ffffff; }
.empty { fill: #f7f7f7; stroke: #e2e2e2; }
.title { font-size: 15px; font-weight: bold; fill: #111; }
.gaps { font-size: 11px; fill: #555; }
";

/// A heatmap of a [`Coverage`] matrix: a row per partnership, a column per
/// technology area, each cell shaded by how many of the partnership's
/// entities are tagged with the area (the count printed in it), with the
/// uncovered areas listed underneath.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let coverage = pactum::analysis::coverage(&registry, registry.partnerships());
/// let svg = pactum::picture::heatmap(&coverage, "coverage of the seed dataset");
/// assert_eq!(svg.matches("class=\"cell\"").count(), 20);
/// ```
pub fn heatmap(coverage: &Coverage, title: &str) -> String {
    const CELL: f64 = 24.0;
    const LEFT: f64 = 250.0;
    const HEAD: f64 = 150.0;
    let cols = coverage.areas.len() as f64;
    let rows = coverage.partnerships.len() as f64;
    let width = (LEFT + cols * CELL + 40.0).max(500.0);
    let gap_lines = coverage.gaps.len().div_ceil(8) as f64;
    let height = HEAD + rows * CELL + 40.0 + gap_lines * 16.0;
    let max = coverage
        .cells
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::new();
    open(&mut out, width, height, STYLE);
    let _ = writeln!(
        out,
        "<text class=\"title\" x=\"10\" y=\"22\">{}</text>",
        xml(title)
    );
    for (j, area) in coverage.areas.iter().enumerate() {
        let x = LEFT + j as f64 * CELL + CELL / 2.0;
        let _ = writeln!(
            out,
            "<text class=\"col-label\" transform=\"translate({x:.1} {:.1}) rotate(-55)\">{}</text>",
            HEAD - 6.0,
            xml(&shorten(area, 22))
        );
    }
    for (i, partnership) in coverage.partnerships.iter().enumerate() {
        let y = HEAD + i as f64 * CELL;
        let _ = writeln!(
            out,
            "<text class=\"row-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 8.0,
            y + CELL / 2.0 + 4.0,
            xml(&shorten(partnership, 34))
        );
        let row = coverage.cells.get(i);
        for (j, area) in coverage.areas.iter().enumerate() {
            let n = row.and_then(|r| r.get(j)).copied().unwrap_or(0);
            let x = LEFT + j as f64 * CELL;
            if n == 0 {
                let _ = writeln!(
                    out,
                    "<rect class=\"empty\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL}\" height=\"{CELL}\"/>"
                );
                continue;
            }
            let t = f64::from(n) / f64::from(max);
            // From a pale to a deep blue.
            let shade = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
            let fill = format!(
                "#{:02x}{:02x}{:02x}",
                shade(222.0, 8.0),
                shade(235.0, 69.0),
                shade(247.0, 148.0)
            );
            let _ = writeln!(
                out,
                "<rect class=\"cell\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{fill}\" stroke=\"#ffffff\"><title>{} × {}: {n}</title></rect>",
                xml(partnership),
                xml(area)
            );
            let _ = writeln!(
                out,
                "<text class=\"cell-count{}\" x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
                if t > 0.5 { " dark" } else { "" },
                x + CELL / 2.0,
                y + CELL / 2.0 + 4.0
            );
        }
    }
    if !coverage.gaps.is_empty() {
        let y = HEAD + rows * CELL + 24.0;
        let _ = writeln!(
            out,
            "<text class=\"gaps\" x=\"10\" y=\"{y:.1}\">areas no partnership covers ({}):</text>",
            coverage.gaps.len()
        );
        for (k, chunk) in coverage.gaps.chunks(8).enumerate() {
            let _ = writeln!(
                out,
                "<text class=\"gaps\" x=\"20\" y=\"{:.1}\">{}</text>",
                y + 16.0 * (k as f64 + 1.0),
                xml(&chunk.join(", "))
            );
        }
    }
    out.push_str("</svg>\n");
    out
}
