//! The SVG timeline.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::{count, fit, open, text_width, title, xml, Anchor, Text};
use crate::model::commitment::CommitmentStatus;
use crate::model::meeting::MeetingStatus;
use crate::query::{Event, EventKind, Subject};
use crate::registry::Registry;

/// What a timeline's lanes stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum LaneBy {
    /// One lane per partnership: its establishment and end, its meetings and
    /// MOUs, and the commitments made at them.
    #[default]
    Partnership,
    /// Like [`LaneBy::Partnership`], but the meetings of a council series get
    /// a lane of their own.
    Series,
}

/// A timeline picture: one lane per partnership (or council series), every
/// event as a mark.
///
/// How marks read:
/// * the shape says what happened: a diamond for an agreement that starts
///   (established, signed, in force), a circle for a meeting, a triangle for
///   a deadline, a square for an end (expiry, termination, a partnership
///   ending, a commitment resolved);
/// * a date known to the day is a mark; a vaguer one is a bar from its first
///   to its last candidate day; a date that is one of several listed days
///   (sources disagree) is a mark per candidate, joined by a thin line and
///   set apart when they would touch; an open date (`[..X]`) is a faint dashed bar from the
///   edge of the picture; a meeting of several days is a solid bar from the
///   first day of its date to the last of its end, marked at its start;
/// * a filled mark happened (a meeting held, a commitment met); a hollow one
///   is still scheduled, postponed or open; a grey one was cancelled, missed
///   or dropped;
/// * an uncertain date (`?`) has a dashed outline, an approximate one (`~`)
///   a lighter fill;
/// * the day given to [`TimelineChart::today`] is a red vertical line.
///
/// A lane with more events than its width can show apart is drawn as a
/// density strip (how many events fall in each few days, vague dates spread
/// over their candidate days), and lanes beyond [`TimelineChart::max_lanes`] are
/// merged into one, so a picture of ten thousand events stays legible.
/// Lane names too long for their room are shortened with an ellipsis and
/// carry their full name and key in a tooltip; year labels thin out so they
/// never touch; the legend wraps to the width.
#[derive(Debug, Clone)]
pub struct TimelineChart {
    lanes: LaneBy,
    today: Option<NaiveDate>,
    width: u32,
    max_lanes: usize,
    title: Option<String>,
}

impl Default for TimelineChart {
    fn default() -> Self {
        TimelineChart::new()
    }
}

/// Where a mark sits in its lane, by what the event is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Agreement,
    Meeting,
    Commitment,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Diamond,
    Circle,
    Triangle,
    Square,
}

/// The pixel geometry of the picture.
pub(super) struct Frame {
    pub(super) left: f64,
    pub(super) plot: f64,
    pub(super) first: i32,
    pub(super) last: i32,
}

impl Frame {
    pub(super) fn x(&self, day: NaiveDate) -> f64 {
        let d = f64::from(day.num_days_from_ce() - self.first);
        let span = f64::from((self.last - self.first).max(1));
        self.left + (d / span * self.plot).clamp(0.0, self.plot)
    }
    pub(super) fn x_after(&self, day: NaiveDate) -> f64 {
        day.succ_opt().map_or(self.left + self.plot, |d| self.x(d))
    }
}

struct Lane<'r> {
    key: String,
    /// The partnership lane a series lane sits under.
    group: Option<String>,
    label: String,
    events: Vec<Event<'r>>,
}

/// The key of the lane of events with no partnership, and of the lane the
/// smallest lanes are merged into.
const OTHER_LANE: &str = "other";

const LANE_HEIGHT: f64 = 30.0;
const TOP: f64 = 56.0;
/// The least room for lane names, and the share of the width they may take.
const MIN_LABEL_WIDTH: f64 = 120.0;
const LABEL_SHARE: f64 = 0.3;
const RIGHT: f64 = 20.0;
/// Marks closer than this on average cannot be told apart; a lane denser
/// than that is drawn as a density strip.
const MIN_SPACING: f64 = 6.0;
/// The width of one density bin, in pixels.
const BIN: f64 = 3.0;

const STYLE: &str = "\
.lane-label { fill: #222; }
.lane-band { fill: #f4f6f8; }
.axis { stroke: #999; stroke-width: 1; }
.grid { stroke: #ddd; stroke-width: 1; }
.tick { fill: #555; }
.title { fill: #111; }
.join { stroke: #555; stroke-width: 1; }
.mark, .sample { stroke-width: 1.5; }
.agreement { fill: #2b6cb0; stroke: #2b6cb0; }
.meeting { fill: #2f855a; stroke: #2f855a; }
.commitment { fill: #c05621; stroke: #c05621; }
.range { fill-opacity: 0.3; }
.span { fill-opacity: 0.6; }
.open { fill-opacity: 0.12; stroke-dasharray: 5 3; }
.pending { fill: #ffffff; }
.void { fill: #bbbbbb; stroke: #888888; }
.uncertain { stroke-dasharray: 2 2; }
.approximate { fill-opacity: 0.45; }
.density { fill: #4a5568; }
.today { stroke: #e53e3e; stroke-width: 1.5; stroke-dasharray: 6 3; }
.today-label { fill: #e53e3e; }
.legend { fill: #333; }
";

impl TimelineChart {
    /// A timeline with lanes by partnership, 1000 pixels wide, at most 40
    /// lanes, no today line and no title.
    pub fn new() -> TimelineChart {
        TimelineChart {
            lanes: LaneBy::Partnership,
            today: None,
            width: 1000,
            max_lanes: 40,
            title: None,
        }
    }

    /// What the lanes stand for.
    pub fn lanes(mut self, lanes: LaneBy) -> TimelineChart {
        self.lanes = lanes;
        self
    }

    /// Draws a "today" line on `day` (pactum has no implicit today).
    pub fn today(mut self, day: NaiveDate) -> TimelineChart {
        self.today = Some(day);
        self
    }

    /// The picture's width in pixels (400 to 4,000).
    pub fn width(mut self, width: u32) -> TimelineChart {
        self.width = width.clamp(400, 4000);
        self
    }

    /// The most lanes drawn (1 to 120, so the picture stays under 4,000
    /// pixels tall); the lanes with fewest events beyond that are merged
    /// into one `other` lane.
    pub fn max_lanes(mut self, lanes: usize) -> TimelineChart {
        self.max_lanes = lanes.clamp(1, 120);
        self
    }

    /// A title above the picture.
    pub fn title(mut self, title: impl Into<String>) -> TimelineChart {
        self.title = Some(title.into());
        self
    }

    /// The SVG text of the timeline of `events` (a registry's timeline or a
    /// narrowed part of it), with lanes and labels looked up in `registry`.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::picture::{LaneBy, TimelineChart};
    ///
    /// let registry = pactum::seed();
    /// let svg = TimelineChart::new()
    ///     .lanes(LaneBy::Series)
    ///     .title("seed dataset")
    ///     .render(&registry, registry.events());
    /// assert_eq!(svg.matches("<g class=\"mark").count(), 18);
    /// ```
    pub fn render<'r>(
        &self,
        registry: &'r Registry,
        events: impl IntoIterator<Item = Event<'r>>,
    ) -> String {
        let lanes = self.lanes_of(registry, events.into_iter().collect());
        let width = f64::from(self.width);
        // Room for the longest lane name, within a share of the width.
        let left = lanes
            .iter()
            .map(|l| {
                // A lane that may be dense also says how many events it has
                // (the plot is wider than half the picture).
                let n = l.events.len();
                let suffix = if n as f64 * MIN_SPACING > width / 2.0 {
                    format!(" ({} events)", count(n))
                } else {
                    String::new()
                };
                text_width(&format!("{}{suffix}", l.label), 12.0, false) + 24.0
            })
            .fold(MIN_LABEL_WIDTH, f64::max)
            .min((width * LABEL_SHARE).max(MIN_LABEL_WIDTH));
        let plot = width - left - RIGHT;
        let (first, last) = self.span(&lanes);
        let frame = Frame {
            left,
            plot,
            first,
            last,
        };
        let lanes_bottom = TOP + LANE_HEIGHT * lanes.len() as f64;
        let legend_lines = legend_layout(width).last().map_or(1, |l| l.1 + 1);
        let height = lanes_bottom + 40.0 + 22.0 * legend_lines as f64 + 10.0;
        let mut out = String::new();
        open(&mut out, width, height, STYLE);
        if let Some(t) = &self.title {
            title(&mut out, t, width);
        }
        axis(&mut out, &frame, TOP, lanes_bottom);
        for (i, lane) in lanes.iter().enumerate() {
            let y = TOP + LANE_HEIGHT * i as f64;
            if i % 2 == 0 {
                let _ = writeln!(
                    out,
                    "<rect class=\"lane-band\" x=\"0\" y=\"{y:.1}\" width=\"{width:.0}\" height=\"{LANE_HEIGHT}\"/>"
                );
            }
            let dense = lane.events.len() as f64 * MIN_SPACING > plot;
            lane_label(&mut out, lane, dense, y, frame.left);
            if dense {
                density(&mut out, &frame, &lane.events, y);
            } else {
                for e in &lane.events {
                    mark(&mut out, &frame, e, y);
                }
            }
        }
        if let Some(today) = self.today {
            let x = frame.x(today);
            let _ = writeln!(
                out,
                "<line class=\"today\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{lanes_bottom:.1}\"><title>today: {today}</title></line>",
                TOP - 8.0
            );
            // The day's label sits right of the line, or left of it near
            // the right edge.
            let label = today.to_string();
            let w = text_width(&label, 11.0, false);
            let (at, anchor) = if x + 3.0 + w > width - 4.0 {
                (x - 3.0, Anchor::End)
            } else {
                (x + 3.0, Anchor::Start)
            };
            Text::new("today-label", at, TOP - 10.0, 11.0, w + 1.0)
                .anchor(anchor)
                .write(&mut out, &label, None);
        }
        legend(&mut out, lanes_bottom + 40.0, width);
        out.push_str("</svg>\n");
        out
    }

    /// The first and last day shown: whole years around every bounded day
    /// of the events and the today line.
    fn span(&self, lanes: &[Lane<'_>]) -> (i32, i32) {
        let days = lanes
            .iter()
            .flat_map(|l| &l.events)
            .flat_map(|e| [e.date().earliest(), e.end().unwrap_or(e.date()).latest()])
            .flatten()
            .chain(self.today);
        let (mut min, mut max) = (None::<NaiveDate>, None::<NaiveDate>);
        for d in days {
            min = Some(min.map_or(d, |m| m.min(d)));
            max = Some(max.map_or(d, |m| m.max(d)));
        }
        let start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.num_days_from_ce());
        match (min, max) {
            (Some(a), Some(b)) => {
                let first = start(a.year()).unwrap_or(0);
                let last = start(b.year() + 1).unwrap_or(first + 366);
                (first, last)
            }
            _ => {
                let first = start(2000).unwrap_or(0);
                (first, first + 366)
            }
        }
    }

    /// Events grouped in lanes, lanes ordered by their first event, the
    /// smallest merged into `other` beyond the lane limit.
    fn lanes_of<'r>(&self, registry: &'r Registry, events: Vec<Event<'r>>) -> Vec<Lane<'r>> {
        let lanes = self.grouped(registry, events);
        let lanes = series_after_partnerships(lanes);
        merge_smallest(lanes, self.max_lanes)
    }

    /// Events in date order, grouped in lanes by partnership or series, lanes as first met.
    fn grouped<'r>(&self, registry: &'r Registry, events: Vec<Event<'r>>) -> Vec<Lane<'r>> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut lanes: Vec<Lane<'r>> = Vec::new();
        let mut sorted = events;
        sorted.sort_unstable();
        for e in sorted {
            let subject = e.subject();
            let series = match (self.lanes, subject) {
                (LaneBy::Series, Subject::Meeting(m)) => m.series().map(|s| s.as_str()),
                _ => None,
            };
            let partnership = crate::analysis::partnership_of(registry, &subject);
            let group = series.and(partnership).map(str::to_owned);
            let (key, label) = match (series, partnership) {
                (Some(s), _) => (format!("series:{s}"), format!("series {s}")),
                (None, Some(p)) => (
                    p.to_owned(),
                    registry
                        .partnership(p)
                        .map_or_else(|| p.to_owned(), |p| p.name().to_owned()),
                ),
                (None, None) => (OTHER_LANE.to_owned(), "no partnership".to_owned()),
            };
            let i = *index.entry(key.clone()).or_insert_with(|| {
                lanes.push(Lane {
                    key,
                    group,
                    label,
                    events: Vec::new(),
                });
                lanes.len() - 1
            });
            if let Some(lane) = lanes.get_mut(i) {
                lane.events.push(e);
            }
        }
        lanes
    }
}

/// The year grid from `top` to `bottom` and the year labels under it.
pub(super) fn axis(out: &mut String, frame: &Frame, top: f64, bottom: f64) {
    let first = NaiveDate::from_num_days_from_ce_opt(frame.first).map_or(2000, |d| d.year());
    let last = NaiveDate::from_num_days_from_ce_opt(frame.last).map_or(2001, |d| d.year());
    let years = (last - first).max(1);
    // Labels at least 44 pixels apart (a year is about 30 wide), on
    // round years.
    let per_year = frame.plot / f64::from(years);
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        .into_iter()
        .find(|&s| f64::from(s) * per_year >= 44.0)
        .unwrap_or(10_000);
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{:.1}\" y1=\"{bottom:.1}\" x2=\"{:.1}\" y2=\"{bottom:.1}\"/>",
        frame.left,
        frame.left + frame.plot
    );
    for year in (first..=last).filter(|y| y.rem_euclid(step) == 0) {
        let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let x = frame.x(day);
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
            top - 4.0,
            bottom + 4.0
        );
        // Year labels sit in the middle of their year, when there is one.
        if year < last || step > 1 {
            let mid = NaiveDate::from_ymd_opt(year, 7, 1).map_or(x, |d| frame.x(d));
            let at = if step == 1 { mid } else { x };
            Text::new("tick", at, bottom + 18.0, 11.0, 44.0)
                .anchor(Anchor::Middle)
                .write(out, &year.to_string(), None);
        }
    }
}

/// Puts each series lane under its partnership's lane, and "no partnership" last.
fn series_after_partnerships(lanes: Vec<Lane<'_>>) -> Vec<Lane<'_>> {
    let mut ordered: Vec<Lane<'_>> = Vec::with_capacity(lanes.len());
    let mut pending: Vec<Option<Lane<'_>>> = lanes.into_iter().map(Some).collect();
    for i in 0..pending.len() {
        let waits = match pending.get(i).and_then(Option::as_ref) {
            Some(lane) => lane.group.as_ref().is_some_and(|g| {
                pending
                    .iter()
                    .flatten()
                    .any(|other| other.group.is_none() && &other.key == g)
            }),
            None => true,
        };
        if waits {
            continue;
        }
        let Some(lane) = pending.get_mut(i).and_then(Option::take) else {
            continue;
        };
        let key = lane.key.clone();
        ordered.push(lane);
        for slot in pending.iter_mut() {
            if slot
                .as_ref()
                .is_some_and(|l| l.group.as_ref() == Some(&key))
            {
                ordered.extend(slot.take());
            }
        }
    }
    // Series whose partnership has no lane of its own.
    ordered.extend(pending.into_iter().flatten());
    if let Some(i) = ordered.iter().position(|l| l.key == OTHER_LANE) {
        let other = ordered.remove(i);
        ordered.push(other);
    }
    ordered
}

/// Merges the smallest lanes past `max_lanes` into one, so many lanes stay legible.
fn merge_smallest(lanes: Vec<Lane<'_>>, max_lanes: usize) -> Vec<Lane<'_>> {
    if lanes.len() <= max_lanes {
        return lanes;
    }
    let mut by_size: Vec<usize> = (0..lanes.len()).collect();
    by_size.sort_by(|&a, &b| {
        lanes[b]
            .events
            .len()
            .cmp(&lanes[a].events.len())
            .then(a.cmp(&b))
    });
    let keep: Vec<usize> = by_size
        .iter()
        .copied()
        .take(max_lanes.saturating_sub(1))
        .collect();
    let mut kept = Vec::new();
    let mut merged: Vec<Event<'_>> = Vec::new();
    let mut n_merged = 0;
    for (i, lane) in lanes.into_iter().enumerate() {
        if keep.contains(&i) {
            kept.push(lane);
        } else {
            n_merged += 1;
            merged.extend(lane.events);
        }
    }
    merged.sort_unstable();
    kept.push(Lane {
        key: OTHER_LANE.to_owned(),
        group: None,
        label: format!("{} more lanes", count(n_merged)),
        events: merged,
    });
    kept
}

fn row_of(kind: EventKind) -> Row {
    match kind {
        k if k.is_meeting() => Row::Meeting,
        EventKind::CommitmentDue
        | EventKind::CommitmentMet
        | EventKind::CommitmentMissed
        | EventKind::CommitmentDropped => Row::Commitment,
        _ => Row::Agreement,
    }
}

fn row_y(row: Row, lane_top: f64) -> f64 {
    lane_top
        + match row {
            Row::Agreement => 8.0,
            Row::Meeting => 15.0,
            Row::Commitment => 22.0,
        }
}

fn shape_of(kind: EventKind) -> Shape {
    match kind {
        EventKind::PartnershipEstablished
        | EventKind::MouSigned
        | EventKind::MouEnteredIntoForce => Shape::Diamond,
        k if k.is_meeting() => Shape::Circle,
        EventKind::CommitmentDue => Shape::Triangle,
        _ => Shape::Square,
    }
}

/// The state class of an event: happened (none), pending or void.
fn state_of(e: &Event<'_>) -> Option<&'static str> {
    match e.subject() {
        Subject::Meeting(m) => match m.status() {
            MeetingStatus::Held => None,
            MeetingStatus::Cancelled => Some("void"),
            _ => Some("pending"),
        },
        Subject::Commitment(c) if e.kind() == EventKind::CommitmentDue => match c.status() {
            CommitmentStatus::Met => None,
            CommitmentStatus::Open => Some("pending"),
            _ => Some("void"),
        },
        _ => None,
    }
}

fn shape(out: &mut String, shape: Shape, x: f64, y: f64) {
    let _ = match shape {
        Shape::Circle => write!(out, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\"/>"),
        Shape::Diamond => write!(
            out,
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"/>",
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
        Shape::Triangle => write!(
            out,
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"/>",
            y - 5.0,
            x + 5.0,
            y + 4.0,
            x - 5.0,
            y + 4.0
        ),
        Shape::Square => write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\"/>",
            x - 4.0,
            y - 4.0
        ),
    };
}

fn mark(out: &mut String, frame: &Frame, e: &Event<'_>, lane_top: f64) {
    let kind = e.kind();
    let row = row_of(kind);
    let y = row_y(row, lane_top);
    let date = e.date();
    let mut classes = vec![
        "mark",
        match row {
            Row::Agreement => "agreement",
            Row::Meeting => "meeting",
            Row::Commitment => "commitment",
        },
    ];
    classes.extend(state_of(e));
    if let Some(q) = date.qualifier() {
        if q.is_uncertain() {
            classes.push("uncertain");
        }
        if q.is_approximate() {
            classes.push("approximate");
        }
    }
    // A meeting of several days reaches to the last day of its end.
    let last = e.end().unwrap_or(date);
    let (earliest, latest) = (date.earliest(), last.latest());
    let single = date.as_day().filter(|_| e.end().is_none());
    let listed = date.listed_spans();
    let candidates_only = listed.len() > 1 && e.end().is_none();
    if candidates_only {
        // Marks in full, not the pale fill of a range: each candidate is
        // a day the event may have had.
        classes.push("listed");
    } else if single.is_none() {
        classes.push(if date.is_open() || last.is_open() {
            "open"
        } else if e.end().is_some() {
            "span"
        } else {
            "range"
        });
    }
    let status = match e.subject() {
        Subject::Meeting(m) => format!(" ({})", crate::analysis::snake_name(&m.status())),
        Subject::Commitment(c) => format!(" ({})", crate::analysis::snake_name(&c.status())),
        _ => String::new(),
    };
    let when = match e.end() {
        Some(end) => format!("{date} to {end}"),
        None => date.to_string(),
    };
    let _ = write!(
        out,
        "<g class=\"{}\" data-key=\"{}\"><title>{} {}{}: {}</title>",
        classes.join(" "),
        xml(e.key()),
        xml(&when),
        kind,
        status,
        xml(e.subject().label())
    );
    match single {
        Some(day) => shape(out, shape_of(kind), frame.x(day), y),
        None if candidates_only => {
            candidates(out, frame, &listed, shape_of(kind), y);
        }
        None => {
            let x0 = earliest.map_or(frame.left, |d| frame.x(d));
            let x1 = latest.map_or(frame.left + frame.plot, |d| frame.x_after(d));
            let _ = write!(
                out,
                "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"7\" rx=\"2\"/>",
                y - 3.5,
                (x1 - x0).max(2.0)
            );
            // A pattern of unspecified digits: the middle may be no
            // candidate, but the first and last days are candidates for
            // certain.
            if e.end().is_some() {
                // A span is marked where it starts.
                shape(out, shape_of(kind), x0, y);
            } else if date.has_gaps() {
                for d in [earliest, latest].into_iter().flatten() {
                    shape(out, shape_of(kind), frame.x(d), y);
                }
            } else {
                // The known end of an open date, or the middle of a range, holds
                // the shape so the kind stays readable.
                let at = match (earliest, latest) {
                    (None, Some(l)) => frame.x(l),
                    (Some(f), None) => frame.x(f),
                    _ => (x0 + x1) / 2.0,
                };
                shape(out, shape_of(kind), at, y);
            }
        }
    }
    out.push_str("</g>\n");
}

/// A dense lane: how many events fall in each bin of a few pixels, vague
/// dates spread evenly over the bins their candidate days cover.
fn density(out: &mut String, frame: &Frame, events: &[Event<'_>], lane_top: f64) {
    let bins = (frame.plot / BIN).ceil().max(1.0) as usize;
    let mut weight = vec![0.0_f64; bins];
    let bin_of = |x: f64| (((x - frame.left) / BIN).floor().max(0.0) as usize).min(bins - 1);
    for e in events {
        let date = e.date();
        let x0 = date.earliest().map_or(frame.left, |d| frame.x(d));
        let x1 = e
            .end()
            .unwrap_or(date)
            .latest()
            .map_or(frame.left + frame.plot, |d| frame.x_after(d) - 0.01);
        let (a, b) = (bin_of(x0), bin_of(x1.max(x0)));
        let share = 1.0 / (b - a + 1) as f64;
        for w in weight.iter_mut().take(b + 1).skip(a) {
            *w += share;
        }
    }
    let max = weight.iter().copied().fold(0.0, f64::max);
    if max <= 0.0 {
        return;
    }
    let full = LANE_HEIGHT - 6.0;
    for (i, w) in weight.iter().enumerate().filter(|(_, w)| **w > 0.0) {
        // Square-root scale: a few events stay visible next to a peak.
        let h = ((w / max).sqrt() * full).max(1.5);
        let x = frame.left + i as f64 * BIN;
        let _ = writeln!(
            out,
            "<rect class=\"density\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{BIN}\" height=\"{h:.1}\"><title>about {w:.1} events</title></rect>",
            lane_top + 3.0 + full - h
        );
    }
}

/// The smallest gap between the centres of two candidate marks, so that
/// they read as two.
const CANDIDATE_GAP: f64 = 12.0;

/// A date that is one of several listed days (or spans): a mark for each,
/// joined by a thin line, set apart (about their true days) when they
/// would touch; the tooltip gives the days.
fn candidates(out: &mut String, frame: &Frame, spans: &[(i32, i32)], s: Shape, y: f64) {
    let x_of = |n: i32| NaiveDate::from_num_days_from_ce_opt(n).map_or(frame.left, |d| frame.x(d));
    let truth: Vec<f64> = spans
        .iter()
        .map(|&(a, b)| (x_of(a) + x_of(b)) / 2.0)
        .collect();
    let mut at = truth.clone();
    for i in 1..at.len() {
        let prev = at.get(i - 1).copied().unwrap_or(0.0);
        if let Some(x) = at.get_mut(i) {
            *x = x.max(prev + CANDIDATE_GAP);
        }
    }
    // Keep the group centred on the true days, and inside the plot.
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let mut shift = mean(&truth) - mean(&at);
    let (lo, hi) = (
        at.first().copied().unwrap_or(0.0),
        at.last().copied().unwrap_or(0.0),
    );
    shift = shift.max(frame.left - lo).min(frame.left + frame.plot - hi);
    for x in &mut at {
        *x += shift;
    }
    let (first, last) = (
        at.first().copied().unwrap_or(0.0),
        at.last().copied().unwrap_or(0.0),
    );
    let _ = write!(
        out,
        "<line class=\"join\" x1=\"{first:.1}\" y1=\"{y:.1}\" x2=\"{last:.1}\" y2=\"{y:.1}\"/>"
    );
    for x in &at {
        shape(out, s, *x, y);
    }
}

/// The label of a lane: its name, shortened to its room with the full name
/// and key in a tooltip, and the number of events of a dense lane.
fn lane_label(out: &mut String, lane: &Lane<'_>, dense: bool, y: f64, left: f64) {
    const SIZE: f64 = 12.0;
    let room = left - 16.0;
    let suffix = if dense {
        format!(" ({} events)", count(lane.events.len()))
    } else {
        String::new()
    };
    let name = fit(
        &lane.label,
        SIZE,
        false,
        room - text_width(&suffix, SIZE, false),
    );
    let tip = if lane.key == OTHER_LANE {
        format!("{}: {} events", lane.label, count(lane.events.len()))
    } else {
        format!("{} ({})", lane.label, lane.key)
    };
    Text::new("lane-label", 8.0, y + LANE_HEIGHT / 2.0 + 4.0, SIZE, room).write(
        out,
        &format!("{name}{suffix}"),
        Some(&tip),
    );
}

/// What the legend shows: the classes of the sample, its shape, how it is
/// drawn (a mark, a bar, an open bar, two joined marks) and its label.
const LEGEND: [(&str, Shape, &str, &str); 11] = [
    ("mark agreement", Shape::Diamond, "", "agreement starts"),
    ("mark meeting", Shape::Circle, "", "meeting held"),
    ("mark meeting pending", Shape::Circle, "", "scheduled"),
    ("mark meeting void", Shape::Circle, "", "cancelled"),
    ("mark commitment pending", Shape::Triangle, "", "deadline"),
    ("mark agreement", Shape::Square, "", "end / resolved"),
    (
        "mark meeting range",
        Shape::Circle,
        "bar",
        "some day in span",
    ),
    ("mark meeting", Shape::Circle, "pair", "one of listed days"),
    ("mark meeting open", Shape::Circle, "open", "no later than"),
    ("mark meeting uncertain", Shape::Circle, "", "uncertain (?)"),
    ("today", Shape::Circle, "today", "today"),
];

/// Where each legend item goes: its x and its line, flowing to the width.
fn legend_layout(width: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::with_capacity(LEGEND.len());
    let (mut x, mut line) = (12.0, 0);
    for (_, _, _, label) in LEGEND {
        let w = 34.0 + text_width(label, 11.0, false) + 18.0;
        if x + w > width - 8.0 && x > 12.0 {
            x = 12.0;
            line += 1;
        }
        out.push((x, line));
        x += w;
    }
    out
}

fn legend(out: &mut String, top: f64, width: f64) {
    let _ = writeln!(out, "<g class=\"legend-box\">");
    for ((class, s, how, label), (x, line)) in LEGEND.iter().zip(legend_layout(width)) {
        let y = top + line as f64 * 22.0;
        if *how == "today" {
            let _ = write!(
                out,
                "<line class=\"today legend-today\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                x + 13.0,
                y - 8.0,
                x + 13.0,
                y + 8.0
            );
        } else {
            // Legend samples use the mark classes for their look, inside a
            // group that is not itself a mark.
            let class = class.replacen("mark ", "sample ", 1);
            let _ = write!(out, "<g class=\"{class} mark-style\">");
            match *how {
                "bar" => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"26\" height=\"7\" rx=\"2\" style=\"fill-opacity:0.3\"/>",
                        y - 3.5
                    );
                    shape(out, *s, x + 13.0, y);
                }
                "open" => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"26\" height=\"7\" rx=\"2\" style=\"fill-opacity:0.12;stroke-dasharray:5 3\"/>",
                        y - 3.5
                    );
                    shape(out, *s, x + 26.0, y);
                }
                "pair" => {
                    let _ = write!(
                        out,
                        "<line class=\"join\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>",
                        x + 4.0,
                        x + 22.0
                    );
                    shape(out, *s, x + 4.0, y);
                    shape(out, *s, x + 22.0, y);
                }
                _ => shape(out, *s, x + 13.0, y),
            }
            out.push_str("</g>");
        }
        Text::new("legend", x + 34.0, y + 4.0, 11.0, width - x - 40.0).write(out, label, None);
    }
    out.push_str("</g>\n");
}
