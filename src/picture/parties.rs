//! The SVG chart of an agreement's parties over time.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::timeline::{axis, Frame};
use super::{open, plural, text_width, title, wrap, xml, Text};
use crate::date::Date;
use crate::error::QueryError;
use crate::model::party::{ActionKind, PartyAction, PartyStatus, Statuses};
use crate::model::standing::{
    members_of_mou, members_of_partnership, standing, Member, Standing, Terms,
};
use crate::registry::Registry;

const STYLE: &str = "\
.row-label { fill: #222; }
.row-band { fill: #f4f6f8; }
.axis { stroke: #999; stroke-width: 1; }
.grid { stroke: #ddd; stroke-width: 1; }
.tick, .caption, .summary { fill: #555; }
.title { fill: #111; }
.legend { fill: #333; }
.signatory { fill: #a0aec0; }
.bound { fill: #d69e2e; }
.party { fill: #2f855a; }
.withdrawing { fill: #68d391; }
.former_party { fill: #e57373; }
.not_a_party { fill: none; }
.maybe { fill-opacity: 0.45; }
.provisional { stroke: #6b46c1; stroke-width: 2; stroke-dasharray: 4 2; }
.action { fill: #1a202c; stroke: #1a202c; stroke-width: 1.2; }
.action.hollow { fill: #ffffff; }
.action-span { fill: #1a202c; fill-opacity: 0.25; }
.today { stroke: #e53e3e; stroke-width: 1.5; stroke-dasharray: 6 3; }
.today-label { fill: #e53e3e; }
";

const ROW: f64 = 24.0;
const TOP: f64 = 56.0;
const RIGHT: f64 = 20.0;
/// The label of the first row, the agreement's own days in force.
const AGREEMENT_ROW: &str = "the agreement in force";

/// A chart of one agreement's parties over time, the table a treaty
/// depositary keeps drawn as a picture: a first row with the days the
/// agreement itself is in force, then one row per party (and per
/// signatory without an entry), coloured by its status on each day
/// (signatory, bound but not yet in force for it, in force for it,
/// withdrawing, former party), with a mark for each of its actions.
///
/// Vague dates stay honest: where the status is one of several, the row
/// splits into a band for each possible status, drawn lighter; an action
/// known only roughly is a bar over its candidate days. Provisional
/// application is a dashed line over the row. Past
/// [`PartiesChart::max_rows`] parties the rest are counted in a line.
///
/// # Example
///
/// ```
/// use pactum::picture::PartiesChart;
///
/// let registry = pactum::seed();
/// let svg = PartiesChart::new().render(&registry, "kr-mnd-msit-2021")?;
/// assert_eq!(svg.matches("class=\"row-label\"").count(), 3);
/// assert!(PartiesChart::new().render(&registry, "no-such-mou").is_err());
/// # Ok::<(), pactum::QueryError>(())
/// ```
#[derive(Debug, Clone)]
pub struct PartiesChart {
    title: Option<String>,
    today: Option<NaiveDate>,
    width: u32,
    max_rows: usize,
}

impl Default for PartiesChart {
    fn default() -> Self {
        PartiesChart::new()
    }
}

/// A stretch of days with one standing: from `from` to `to` (inclusive day
/// numbers, open ends as the extremes of `i32`).
struct Stretch {
    from: i32,
    to: i32,
    standing: Standing,
}

impl PartiesChart {
    /// A chart 1,000 pixels wide of at most 60 parties, with no title and
    /// no today line.
    pub fn new() -> PartiesChart {
        PartiesChart {
            title: None,
            today: None,
            width: 1000,
            max_rows: 60,
        }
    }

    /// A title above the chart.
    pub fn title(mut self, title: impl Into<String>) -> PartiesChart {
        self.title = Some(title.into());
        self
    }

    /// Draws a "today" line on `day` (pactum has no implicit today).
    pub fn today(mut self, day: NaiveDate) -> PartiesChart {
        self.today = Some(day);
        self
    }

    /// The chart's width in pixels (600 to 4,000).
    pub fn width(mut self, width: u32) -> PartiesChart {
        self.width = width.clamp(600, 4000);
        self
    }

    /// The most parties drawn (1 to 140); the others are counted in a line.
    pub fn max_rows(mut self, rows: usize) -> PartiesChart {
        self.max_rows = rows.clamp(1, 140);
        self
    }

    /// The SVG text of the chart of the parties of the agreement with
    /// `key` (an MOU, or else a partnership), with names looked up in
    /// `registry`.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no MOU or partnership has the key.
    pub fn render(&self, registry: &Registry, key: &str) -> Result<String, QueryError> {
        // The same lookup, and the same error, as the party queries.
        registry.party_counts(key)?;
        let (members, terms, dates) = match (registry.mou(key), registry.partnership(key)) {
            (Some(m), _) => (
                members_of_mou(m),
                Terms::of_mou(m),
                [
                    Some(m.signed()),
                    m.entry_into_force(),
                    m.expiry(),
                    m.termination(),
                ],
            ),
            (None, Some(p)) => (
                members_of_partnership(p),
                Terms::of_partnership(p),
                [p.established(), p.ended(), None, None],
            ),
            (None, None) => return Err(QueryError::unknown("mou or partnership", key, None)),
        };
        let width = f64::from(self.width);
        let shown = members.len().min(self.max_rows);
        let (first, last) = self.span(&members, &dates);
        // Room for the longest name, within a third of the width.
        let left = members
            .iter()
            .take(shown)
            .map(|m| text_width(name_of(registry, m), 12.0, false))
            .fold(text_width(AGREEMENT_ROW, 12.0, true), f64::max)
            .min(width / 3.0)
            + 24.0;
        let frame = Frame {
            left,
            plot: width - left - RIGHT,
            first,
            last,
        };
        let bottom = TOP + ROW * (shown + 1) as f64;
        let notes = notes(members.len() - shown, width);
        let legend = legend_layout(width);
        let legend_lines = legend.last().map_or(1, |l| l.1 + 1);
        let height = bottom + 34.0 + 16.0 * notes.len() as f64 + 20.0 * legend_lines as f64 + 12.0;
        let mut out = String::new();
        open(&mut out, width, height, STYLE);
        if let Some(t) = &self.title {
            title(&mut out, t, width);
        }
        axis(&mut out, &frame, TOP, bottom);
        agreement_row(&mut out, &frame, &terms, &dates);
        for (i, member) in members.iter().take(shown).enumerate() {
            let y = TOP + ROW * (i + 1) as f64;
            row(&mut out, registry, &frame, member, &terms, &dates, y, i + 1);
        }
        if let Some(today) = self.today {
            today_line(&mut out, &frame, today, bottom, width);
        }
        let mut y = bottom + 36.0;
        for line in &notes {
            Text::new("caption", 10.0, y, 11.0, width - 20.0).write(&mut out, line, None);
            y += 16.0;
        }
        draw_legend(&mut out, &legend, y + 4.0, width);
        out.push_str("</svg>\n");
        Ok(out)
    }

    /// The first and last day shown: whole years around every bounded date
    /// of the agreement and its parties' actions, and the today line.
    fn span(&self, members: &[Member<'_>], dates: &[Option<&Date>]) -> (i32, i32) {
        let mut days: Vec<NaiveDate> = self.today.into_iter().collect();
        let mut add = |d: &Date| days.extend([d.earliest(), d.latest()].into_iter().flatten());
        for d in dates.iter().flatten() {
            add(d);
        }
        for m in members {
            for a in m.actions() {
                add(a.date());
                if let Some(e) = a.effective() {
                    add(e);
                }
            }
        }
        let start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.num_days_from_ce());
        let min = days.iter().min().map_or(2000, |d| d.year());
        let max = days.iter().max().map_or(2000, |d| d.year());
        let first = start(min).unwrap_or(0);
        // A year after the last date, so that what follows it shows.
        let last = start(max + 2).unwrap_or(first + 366);
        (first, last)
    }
}

/// The lines under the chart: what was left out and what the chart means.
fn notes(hidden: usize, width: f64) -> Vec<String> {
    let mut notes = Vec::new();
    if hidden > 0 {
        notes.push(format!(
            "and {}, not drawn",
            plural(hidden, "more party", "more parties")
        ));
    }
    let caption = "Each row is a party, coloured by its status on each day; a row split in lighter bands may have any of their statuses (the dates are vague). Marks are its actions; hover a row, a band or a mark for names, days and statuses.";
    let words: Vec<String> = caption.split_whitespace().map(str::to_owned).collect();
    notes.extend(wrap(&words, " ", 11.0, width - 20.0));
    notes
}

/// The name of a member's institution, or its key.
fn name_of<'r>(registry: &'r Registry, member: &Member<'r>) -> &'r str {
    let key = member.institution().as_str();
    registry.institution(key).map_or(key, |i| i.name())
}

/// The first row: the days the agreement itself is possibly and
/// certainly in force.
fn agreement_row(out: &mut String, frame: &Frame, terms: &Terms<'_>, dates: &[Option<&Date>]) {
    let y = TOP;
    Text::new(
        "row-label",
        8.0,
        y + ROW / 2.0 + 4.0,
        12.0,
        frame.left - 16.0,
    )
    .bold()
    .write(out, AGREEMENT_ROW, None);
    let days = change_days(dates, &[]);
    let mut start = 0;
    for (i, &from) in days.iter().enumerate() {
        let next = days.get(i + 1).copied();
        let on = terms.force.on(from);
        // Draw a stretch where the answer changes, or at the end.
        if next.is_some_and(|n| terms.force.on(n) == on) {
            continue;
        }
        let stretch_from = days.get(start).copied().unwrap_or(from);
        start = i + 1;
        if !on.possibly() {
            continue;
        }
        let to = next.map_or(i32::MAX, |n| n.saturating_sub(1));
        let (x0, x1) = (x_of(frame, stretch_from), x_of(frame, to.saturating_add(1)));
        if x1 - x0 < 0.05 {
            continue;
        }
        let (class, what) = if on.certainly() {
            ("status party", "in force")
        } else {
            ("status party maybe", "possibly in force")
        };
        let _ = writeln!(
            out,
            "<rect class=\"{class}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}: {what}</title></rect>",
            y + 4.0,
            x1 - x0,
            ROW - 8.0,
            days_text(stretch_from, to)
        );
    }
}

/// The days on which a standing may change: the first and last day of
/// every date, and the day after each, from before any day.
fn change_days(dates: &[Option<&Date>], actions: &[PartyAction]) -> Vec<i32> {
    let mut days: Vec<i32> = vec![i32::MIN];
    let mut add = |d: &Date| {
        for n in [d.earliest_day_number(), d.latest_day_number()] {
            days.push(n);
            days.extend(n.checked_add(1));
        }
    };
    for d in dates.iter().flatten() {
        add(d);
    }
    for a in actions {
        add(a.date());
        for d in [a.effective(), a.end()].into_iter().flatten() {
            add(d);
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// The stretches of days over which a member's standing stays the same.
fn stretches(member: &Member<'_>, terms: &Terms<'_>, dates: &[Option<&Date>]) -> Vec<Stretch> {
    let days = change_days(dates, member.actions());
    let mut out: Vec<Stretch> = Vec::new();
    for (i, &from) in days.iter().enumerate() {
        let to = days
            .get(i + 1)
            .map_or(i32::MAX, |next| next.saturating_sub(1));
        let s = standing(member, terms, from);
        match out.last_mut() {
            Some(last) if last.standing == s => last.to = to,
            _ => out.push(Stretch {
                from,
                to,
                standing: s,
            }),
        }
    }
    out
}

/// The x of the start of day number `n`, clipped to the plot.
fn x_of(frame: &Frame, n: i32) -> f64 {
    if n <= frame.first {
        return frame.left;
    }
    if n >= frame.last {
        return frame.left + frame.plot;
    }
    NaiveDate::from_num_days_from_ce_opt(n).map_or(frame.left, |d| frame.x(d))
}

/// How a span of day numbers reads in a tooltip.
fn days_text(from: i32, to: i32) -> String {
    let day = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).map(|d| d.to_string());
    match (day(from), day(to)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "always".to_owned(),
    }
}

/// One party's row: its label, its status bands and its actions.
#[allow(clippy::too_many_arguments)]
fn row(
    out: &mut String,
    registry: &Registry,
    frame: &Frame,
    member: &Member<'_>,
    terms: &Terms<'_>,
    dates: &[Option<&Date>],
    y: f64,
    i: usize,
) {
    let key = member.institution().as_str();
    let name = name_of(registry, member);
    if i % 2 == 0 {
        let _ = writeln!(
            out,
            "<rect class=\"row-band\" x=\"0\" y=\"{y:.1}\" width=\"{:.0}\" height=\"{ROW}\"/>",
            frame.left + frame.plot + RIGHT
        );
    }
    let how = match member {
        Member::Listed(_) => "",
        Member::Implicit { .. } => ", bound by its signature",
        Member::SignatoryOnly { .. } => ", a signatory with no entry in the parties",
    };
    Text::new(
        "row-label",
        8.0,
        y + ROW / 2.0 + 4.0,
        12.0,
        frame.left - 16.0,
    )
    .write(out, name, Some(&format!("{name} ({key}){how}")));
    let band_top = y + 4.0;
    let band = ROW - 8.0;
    for s in stretches(member, terms, dates) {
        let statuses: Vec<PartyStatus> = s.standing.statuses.iter().collect();
        let drawn = statuses
            .iter()
            .filter(|st| **st != PartyStatus::NotAParty)
            .count();
        let (x0, x1) = (x_of(frame, s.from), x_of(frame, s.to.saturating_add(1)));
        if x1 - x0 < 0.05 {
            continue;
        }
        let tip = format!(
            "{name}, {}: {}",
            days_text(s.from, s.to),
            status_text(s.standing.statuses)
        );
        if drawn > 0 {
            let h = band / statuses.len() as f64;
            let maybe = if statuses.len() > 1 { " maybe" } else { "" };
            for (k, st) in statuses.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<rect class=\"status {}{maybe}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"><title>{}</title></rect>",
                    st.as_str(),
                    band_top + h * k as f64,
                    x1 - x0,
                    xml(&tip)
                );
            }
        }
        if s.standing.provisional.possibly() {
            let _ = writeln!(
                out,
                "<line class=\"provisional\" x1=\"{x0:.1}\" y1=\"{:.1}\" x2=\"{x1:.1}\" y2=\"{:.1}\"><title>{}</title></line>",
                band_top + 1.0,
                band_top + 1.0,
                xml(&format!("{name} applies it provisionally, {}", days_text(s.from, s.to)))
            );
        }
    }
    for a in member.actions() {
        action(out, frame, a, name, y + ROW / 2.0);
    }
}

/// The statuses of a stretch, as a tooltip says them.
fn status_text(statuses: Statuses) -> String {
    let names: Vec<&str> = statuses.iter().map(PartyStatus::as_str).collect();
    match names.as_slice() {
        [one] => (*one).replace('_', " "),
        _ => format!("one of {}", names.join(", ").replace('_', " ")),
    }
}

/// The mark of an action kind: (shape, hollow).
fn mark_of(kind: ActionKind) -> (&'static str, bool) {
    match kind {
        k if k.is_signature() => ("diamond", true),
        k if k.is_consent() => ("diamond", false),
        ActionKind::Withdrawal => ("square", false),
        ActionKind::ProvisionalApplication => ("triangle", false),
        _ => ("dot", false),
    }
}

/// The path of a mark at (`x`, `y`).
fn mark_path(shape: &str, x: f64, y: f64) -> String {
    match shape {
        "diamond" => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"/>",
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
        "square" => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\"/>",
            x - 4.0,
            y - 4.0
        ),
        "triangle" => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"/>",
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        _ => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\"/>"),
    }
}

/// One action: a mark on its day, or a bar over its candidate days with
/// the mark in the middle.
fn action(out: &mut String, frame: &Frame, a: &PartyAction, name: &str, y: f64) {
    let date = a.date();
    let (shape, hollow) = mark_of(a.kind());
    let effective = a
        .effective()
        .map(|e| format!(", effective {e}"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<g class=\"action{}\"><title>{}: {} {}{}</title>",
        if hollow { " hollow" } else { "" },
        xml(name),
        a.kind().as_str().replace('_', " "),
        xml(&date.to_string()),
        xml(&effective)
    );
    let (from, to) = (date.earliest_day_number(), date.latest_day_number());
    let (x0, x1) = (x_of(frame, from), x_of(frame, to.saturating_add(1)));
    if from != to && x1 - x0 > 2.0 {
        let _ = write!(
            out,
            "<rect class=\"action-span\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"4\"/>",
            y - 2.0,
            x1 - x0
        );
    }
    out.push_str(&mark_path(shape, (x0 + x1) / 2.0, y));
    out.push_str("</g>\n");
}

/// The today line and its label.
fn today_line(out: &mut String, frame: &Frame, today: NaiveDate, bottom: f64, width: f64) {
    let x = frame.x(today);
    let _ = writeln!(
        out,
        "<line class=\"today\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"><title>today: {today}</title></line>",
        TOP - 8.0
    );
    let label = today.to_string();
    let w = text_width(&label, 11.0, false);
    let (at, anchor) = if x + 3.0 + w > width - 4.0 {
        (x - 3.0, super::Anchor::End)
    } else {
        (x + 3.0, super::Anchor::Start)
    };
    Text::new("today-label", at, TOP - 10.0, 11.0, w + 1.0)
        .anchor(anchor)
        .write(out, &label, None);
}

/// The legend: status colours, then action marks.
const LEGEND: [(&str, &str); 12] = [
    ("signatory", "signatory"),
    ("bound", "bound, not yet in force for it"),
    ("party", "in force for it"),
    ("withdrawing", "withdrawing"),
    ("former_party", "withdrawn"),
    ("party maybe", "lighter: possibly"),
    ("provisional", "applies provisionally"),
    ("diamond hollow", "signature"),
    ("diamond", "ratification, accession, other consent"),
    ("square", "withdrawal"),
    ("triangle", "provisional application"),
    ("dot", "reservation, declaration"),
];

/// Where each legend item goes: its x and its line, flowing to the width.
fn legend_layout(width: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::with_capacity(LEGEND.len());
    let (mut x, mut line) = (12.0, 0);
    for (_, label) in LEGEND {
        let w = 24.0 + text_width(label, 11.0, false) + 16.0;
        if x + w > width - 8.0 && x > 12.0 {
            x = 12.0;
            line += 1;
        }
        out.push((x, line));
        x += w;
    }
    out
}

fn draw_legend(out: &mut String, layout: &[(f64, usize)], top: f64, width: f64) {
    for ((class, label), &(x, line)) in LEGEND.iter().zip(layout) {
        let y = top + line as f64 * 20.0;
        let sample = match *class {
            "provisional" => format!(
                "<line class=\"provisional\" x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>",
                x + 16.0
            ),
            c if c.contains("diamond") || matches!(c, "square" | "triangle" | "dot") => {
                let (shape, hollow) = match c.split_once(' ') {
                    Some((s, _)) => (s, true),
                    None => (c, false),
                };
                format!(
                    "<g class=\"action{}\">{}</g>",
                    if hollow { " hollow" } else { "" },
                    mark_path(shape, x + 8.0, y)
                )
            }
            c => format!(
                "<rect class=\"status {c}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"16\" height=\"10\"/>",
                y - 5.0
            ),
        };
        let _ = writeln!(out, "{sample}");
        Text::new("legend", x + 24.0, y + 4.0, 11.0, width - x - 30.0).write(out, label, None);
    }
}
