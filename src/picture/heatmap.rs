//! The SVG coverage heatmap.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{count, open, plural, side, text_width, title, wrap, xml, Anchor, Text, NO_COUNTRY};
use crate::analysis::Coverage;
use crate::registry::Registry;

const STYLE: &str = "\
.row-label, .col-label { fill: #222; }
.cell-count { fill: #111; }
.cell-count.dark { fill: #ffffff; }
.empty { fill: #f7f7f7; stroke: #e2e2e2; }
.title { fill: #111; }
.gaps, .summary, .caption { fill: #555; }
";

/// The side of a cell, in pixels: room for a count of three digits.
const CELL: f64 = 22.0;
/// The top of the column labels.
const HEAD_TOP: f64 = 40.0;
/// The most lines the list of uncovered areas takes.
const MAX_GAP_LINES: usize = 6;

/// A heatmap of a [`Coverage`] matrix: a row per partnership, a column per
/// technology area, each cell shaded by how many of the partnership's
/// entities are tagged with the area (the count printed in it), with a
/// caption saying so and the uncovered areas listed underneath.
///
/// Rows and columns are named (the keys are in the tooltips) and come
/// busiest first. Past [`Heatmap::max_rows`] partnerships, rows group the
/// partnerships by the countries of their parties (`KR – US`), and when
/// even those groups are too many, by country, a partnership counting in
/// the row of each of its countries (an institution without a country
/// counts as "no country"); the busiest rows and columns are drawn and the
/// rest summarised in a line ("and 1,240 more partnerships"), so the
/// picture keeps a readable cell size at any size of dataset.
///
/// # Example
///
/// ```
/// use pactum::picture::Heatmap;
///
/// let registry = pactum::seed();
/// let coverage = pactum::analysis::coverage(&registry, registry.partnerships());
/// let svg = Heatmap::new()
///     .title("coverage of the seed dataset")
///     .render(&registry, &coverage);
/// assert_eq!(svg.matches("class=\"cell\"").count(), 20);
/// ```
#[derive(Debug, Clone)]
pub struct Heatmap {
    title: Option<String>,
    max_rows: usize,
    max_columns: usize,
}

impl Default for Heatmap {
    fn default() -> Self {
        Heatmap::new()
    }
}

/// What a row stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowsBy {
    Partnership,
    /// The partnerships whose parties have the same countries.
    Countries,
    /// The partnerships with a party of one country.
    Country,
}

/// One row of the picture: a partnership, or a group of them.
struct Row {
    label: String,
    tip: String,
    /// The partnerships it stands for.
    members: usize,
    cells: Vec<u32>,
    total: u64,
}

impl Heatmap {
    /// A heatmap of at most 50 rows and 40 columns, with no title.
    pub fn new() -> Heatmap {
        Heatmap {
            title: None,
            max_rows: 50,
            max_columns: 40,
        }
    }

    /// A title above the picture.
    pub fn title(mut self, title: impl Into<String>) -> Heatmap {
        self.title = Some(title.into());
        self
    }

    /// The most rows drawn (1 to 150): past this many partnerships, rows
    /// group them by the countries of their parties, and the groups
    /// beyond it are summarised.
    pub fn max_rows(mut self, rows: usize) -> Heatmap {
        self.max_rows = rows.clamp(1, 150);
        self
    }

    /// The most areas drawn as columns (1 to 150); the others are
    /// summarised.
    pub fn max_columns(mut self, columns: usize) -> Heatmap {
        self.max_columns = columns.clamp(1, 150);
        self
    }

    /// The SVG text of the heatmap of `coverage`, with names looked up in
    /// `registry`.
    pub fn render(&self, registry: &Registry, coverage: &Coverage) -> String {
        let columns = self.columns(coverage);
        let (grouped, all_rows) = rows(registry, coverage, self.max_rows);
        let shown = all_rows.len().min(self.max_rows);
        let (rows, rest) = all_rows.split_at(shown);
        let area_name = |key: &str| {
            registry
                .tech_area(key)
                .map_or_else(|| key.to_owned(), |a| a.name().to_owned())
        };
        let row_size = 12.0;
        let left = rows
            .iter()
            .map(|r| text_width(&r.label, row_size, false))
            .fold(120.0, f64::max)
            .min(300.0)
            + 16.0;
        let col_size = 11.0;
        let head = columns
            .iter()
            .map(|&(j, _)| text_width(&area_name(area_key(coverage, j)), col_size, false))
            .fold(40.0, f64::max)
            .min(170.0)
            + 10.0;
        let grid_top = HEAD_TOP + head + 4.0;
        let width = (left + columns.len() as f64 * CELL + 20.0).max(660.0);
        let notes = self.notes(coverage, &columns, rest, grouped, width);
        let gap_lines = gaps(registry, coverage, width);
        let grid_bottom = grid_top + rows.len() as f64 * CELL;
        let height = grid_bottom + 16.0 + 16.0 * (notes.len() + gap_lines.len()) as f64 + 44.0;
        let max = rows
            .iter()
            .flat_map(|r| columns.iter().filter_map(|&(j, _)| r.cells.get(j)))
            .copied()
            .max()
            .unwrap_or(0)
            .max(1);
        let mut out = String::new();
        open(&mut out, width, height, STYLE);
        if let Some(t) = &self.title {
            title(&mut out, t, width);
        }
        for (c, &(j, _)) in columns.iter().enumerate() {
            let key = area_key(coverage, j);
            let name = area_name(key);
            let x = left + c as f64 * CELL + CELL / 2.0 + 0.3 * col_size;
            Text::new("col-label", x, grid_top - 6.0, col_size, head - 6.0)
                .upright()
                .write(&mut out, &name, Some(&format!("{name} ({key})")));
        }
        for (i, row) in rows.iter().enumerate() {
            let y = grid_top + i as f64 * CELL;
            Text::new(
                "row-label",
                left - 8.0,
                y + CELL / 2.0 + 4.0,
                row_size,
                left - 16.0,
            )
            .anchor(Anchor::End)
            .write(&mut out, &row.label, Some(&row.tip));
            for (c, &(j, _)) in columns.iter().enumerate() {
                let n = row.cells.get(j).copied().unwrap_or(0);
                let what = format!("{} × {}", row.label, area_name(area_key(coverage, j)));
                cell(&mut out, left + c as f64 * CELL, y, n, max, &what);
            }
        }
        let mut y = grid_bottom + 20.0;
        for line in &notes {
            Text::new("summary", 10.0, y, 11.0, width - 20.0).write(&mut out, line, None);
            y += 16.0;
        }
        for (k, line) in gap_lines.iter().enumerate() {
            let x = if k == 0 { 10.0 } else { 20.0 };
            Text::new("gaps", x, y, 11.0, width - x - 10.0).write(&mut out, line, None);
            y += 16.0;
        }
        scale(&mut out, y + 4.0, max);
        out.push_str("</svg>\n");
        out
    }

    /// The columns drawn: (index in the coverage, total), busiest first,
    /// ties in key order.
    fn columns(&self, coverage: &Coverage) -> Vec<(usize, u64)> {
        let mut columns: Vec<(usize, u64)> = (0..coverage.areas.len())
            .map(|j| {
                let total = coverage
                    .cells
                    .iter()
                    .filter_map(|r| r.get(j))
                    .map(|&n| u64::from(n))
                    .sum();
                (j, total)
            })
            .collect();
        columns.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        columns.truncate(self.max_columns);
        columns
    }

    /// The summary lines under the grid: what the caption says, and what
    /// was left out.
    fn notes(
        &self,
        coverage: &Coverage,
        columns: &[(usize, u64)],
        rest: &[Row],
        grouped: RowsBy,
        width: f64,
    ) -> Vec<String> {
        let mut notes = Vec::new();
        if !rest.is_empty() {
            let members: usize = rest.iter().map(|r| r.members).sum();
            notes.push(match grouped {
                RowsBy::Countries => format!(
                    "and {} in {} more groups of countries, not drawn",
                    plural(members, "partnership", "partnerships"),
                    count(rest.len())
                ),
                RowsBy::Country => format!(
                    "and {}, not drawn",
                    plural(
                        rest.len(),
                        "more country or bloc",
                        "more countries and blocs"
                    )
                ),
                RowsBy::Partnership => format!(
                    "and {} more, not drawn",
                    plural(members, "partnership", "partnerships")
                ),
            });
        }
        let hidden = coverage.areas.len().saturating_sub(columns.len());
        if hidden > 0 {
            notes.push(format!(
                "and {} that partnerships cover less, not drawn",
                plural(hidden, "more area", "more areas")
            ));
        }
        let rows = match grouped {
            RowsBy::Countries => "Rows: partnerships grouped by the countries of their parties, busiest first, with how many (hover a row for its partnerships).",
            RowsBy::Country => "Rows: countries and blocs, busiest first, with how many partnerships have a party of theirs; a partnership counts in the row of each of its countries.",
            RowsBy::Partnership => "Rows: partnerships, busiest first (hover a name for its key).",
        };
        let caption = format!(
            "{rows} Columns: technology areas, most covered first. Each number counts the row's entities (the partnership, its meetings and MOUs, and their commitments) tagged with the area; darker is more."
        );
        let words: Vec<String> = caption.split_whitespace().map(str::to_owned).collect();
        notes.extend(wrap(&words, " ", 11.0, width - 20.0));
        notes
    }
}

/// The key of area column `j`.
fn area_key(coverage: &Coverage, j: usize) -> &str {
    coverage.areas.get(j).map_or("", String::as_str)
}

/// The rows: one per partnership when they fit in `max_rows`, else one
/// per group of partnerships with the same countries, else one per
/// country; busiest first.
fn rows(registry: &Registry, coverage: &Coverage, max_rows: usize) -> (RowsBy, Vec<Row>) {
    let name = |key: &str| {
        registry
            .partnership(key)
            .map_or_else(|| key.to_owned(), |p| p.name().to_owned())
    };
    let mut by = RowsBy::Partnership;
    let mut rows: Vec<Row> = if coverage.partnerships.len() <= max_rows {
        coverage
            .partnerships
            .iter()
            .zip(&coverage.cells)
            .map(|(key, cells)| {
                let label = name(key);
                Row {
                    tip: format!("{label} ({key})"),
                    label,
                    members: 1,
                    total: cells.iter().map(|&n| u64::from(n)).sum(),
                    cells: cells.clone(),
                }
            })
            .collect()
    } else {
        by = RowsBy::Countries;
        let sets = groups(registry, coverage, false);
        if sets.len() > max_rows {
            by = RowsBy::Country;
            groups(registry, coverage, true)
        } else {
            sets
        }
    };
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.label.cmp(&b.label)));
    (by, rows)
}

/// Partnerships grouped by the sorted countries of their parties, or
/// (`each`) under each country of their parties.
fn groups(registry: &Registry, coverage: &Coverage, each: bool) -> Vec<Row> {
    let mut groups: BTreeMap<String, (Vec<String>, Vec<u32>)> = BTreeMap::new();
    for (key, cells) in coverage.partnerships.iter().zip(&coverage.cells) {
        let mut sides: Vec<String> = registry
            .partnership(key)
            .map(|p| p.parties())
            .unwrap_or_default()
            .iter()
            .map(|i| {
                let s = side(registry, i.as_str());
                if each {
                    s.name
                } else {
                    s.short
                }
            })
            .collect();
        sides.sort_unstable();
        sides.dedup();
        if sides.is_empty() {
            sides.push(NO_COUNTRY.to_owned());
        }
        let labels = if each {
            sides
        } else {
            vec![sides.join(" – ")]
        };
        for label in labels {
            let group = groups
                .entry(label)
                .or_insert_with(|| (Vec::new(), vec![0; cells.len()]));
            group.0.push(key.clone());
            for (sum, n) in group.1.iter_mut().zip(cells) {
                *sum = sum.saturating_add(*n);
            }
        }
    }
    groups
        .into_iter()
        .map(|(label, (members, cells))| {
            let shown: Vec<&str> = members.iter().take(8).map(String::as_str).collect();
            let more = members.len().saturating_sub(shown.len());
            let tip = format!(
                "{label}: {}{}{}",
                plural(members.len(), "partnership", "partnerships"),
                if shown.is_empty() { "" } else { ": " },
                shown.join(", ")
            ) + &if more > 0 {
                format!(" and {} more", count(more))
            } else {
                String::new()
            };
            Row {
                label: format!("{label} ({})", count(members.len())),
                tip,
                members: members.len(),
                total: cells.iter().map(|&n| u64::from(n)).sum(),
                cells,
            }
        })
        .collect()
}

/// The lines listing the areas no partnership covers, by name, with their
/// separators kept at the breaks.
fn gaps(registry: &Registry, coverage: &Coverage, width: f64) -> Vec<String> {
    if coverage.gaps.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = coverage
        .gaps
        .iter()
        .map(|k| {
            registry
                .tech_area(k)
                .map_or_else(|| k.clone(), |a| a.name().to_owned())
        })
        .collect();
    let mut lines = vec![format!(
        "Areas no partnership covers ({}):",
        count(coverage.gaps.len())
    )];
    let wrapped = wrap(&names, ", ", 11.0, width - 40.0);
    if wrapped.len() <= MAX_GAP_LINES {
        lines.extend(wrapped);
        return lines;
    }
    // Keep whole lines while room is left for the count of the rest.
    let mut listed = 0;
    for line in wrapped.iter().take(MAX_GAP_LINES - 1) {
        listed += line.matches(", ").count() + 1;
        lines.push(line.clone());
    }
    lines.push(format!(
        "and {} more",
        count(names.len().saturating_sub(listed))
    ));
    lines
}

/// The shade of a count: from a pale to a deep blue as it nears `max`.
fn shade(n: u32, max: u32) -> (String, bool) {
    let t = f64::from(n) / f64::from(max.max(1));
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    (
        format!(
            "#{:02x}{:02x}{:02x}",
            mix(222.0, 8.0),
            mix(235.0, 69.0),
            mix(247.0, 148.0)
        ),
        t > 0.5,
    )
}

/// One cell: a shaded square with its count, or an empty square.
fn cell(out: &mut String, x: f64, y: f64, n: u32, max: u32, what: &str) {
    if n == 0 {
        let _ = writeln!(
            out,
            "<rect class=\"empty\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL}\" height=\"{CELL}\"/>"
        );
        return;
    }
    let (fill, dark) = shade(n, max);
    let _ = writeln!(
        out,
        "<rect class=\"cell\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{fill}\" stroke=\"#ffffff\"><title>{}: {n}</title></rect>",
        xml(what)
    );
    let digits = count(n as usize);
    // A count of three digits takes a smaller size; one too wide for its
    // cell even so is left to the tooltip.
    let size = [10.0, 8.0]
        .into_iter()
        .find(|&size| text_width(&digits, size, false) <= CELL - 3.0);
    if let Some(size) = size {
        let class = if dark {
            "cell-count dark"
        } else {
            "cell-count"
        };
        Text::new(
            class,
            x + CELL / 2.0,
            y + CELL / 2.0 + 4.0,
            size,
            CELL - 3.0,
        )
        .anchor(Anchor::Middle)
        .write(out, &digits, None);
    }
}

/// The colour scale: five swatches from 1 to `max`.
fn scale(out: &mut String, y: f64, max: u32) {
    Text::new("caption", 10.0, y + 12.0, 11.0, 60.0).write(out, "Scale:", None);
    let mut x = 60.0;
    let mut last = 0;
    for k in 0..5u32 {
        let n = (1 + (max.saturating_sub(1)) * k / 4).max(1);
        if n == last {
            continue;
        }
        last = n;
        let (fill, _) = shade(n, max);
        let _ = writeln!(
            out,
            "<rect class=\"swatch\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"16\" height=\"16\" fill=\"{fill}\"/>"
        );
        let w = Text::new("caption", x + 20.0, y + 12.0, 11.0, 60.0).write(
            out,
            &count(n as usize),
            None,
        );
        x += 20.0 + w + 14.0;
    }
}
