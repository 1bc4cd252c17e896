//! `pactum meetings`: the next or previous meeting of a partnership or a
//! series, and the gaps between sessions.

use pactum::Registry;
use serde_json::Value;

use crate::cmd::timeline::{event_row, EVENTS};
use crate::fail::{Fail, Outcome};
use crate::input::{DataArg, OnArg};
use crate::output::{col, Column, FormatArg, Listing, Out};

/// The next or previous meeting of a partnership or a meeting series, or
/// the cadence of a series.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    question: Question,
}

#[derive(Debug, clap::Subcommand)]
enum Question {
    /// The first meeting that possibly starts after --on.
    Next(AroundArgs),
    /// The last meeting that possibly took place before --on.
    Previous(AroundArgs),
    /// The gaps between the sessions of a series, in days (a partnership
    /// key gives the cadence of each of its series).
    Cadence(CadenceArgs),
}

#[derive(Debug, clap::Args)]
struct AroundArgs {
    /// A partnership or meeting series key.
    key: String,
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    on: OnArg,
    #[command(flatten)]
    format: FormatArg,
}

#[derive(Debug, clap::Args)]
struct CadenceArgs {
    /// A meeting series key, or a partnership key for each of its series.
    key: String,
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    format: FormatArg,
}

const GAPS: &[Column] = &[
    col("series", 20),
    col("from", 30),
    col("to", 30),
    col("min_days", 9),
    col("max_days", 0),
];

/// Runs `pactum meetings`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    match &args.question {
        Question::Next(a) => around(a, true),
        Question::Previous(a) => around(a, false),
        Question::Cadence(a) => cadence(a),
    }
}

fn around(args: &AroundArgs, next: bool) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let day = args.on.day();
    let hit = if next {
        registry.next_meeting(&args.key, day)
    } else {
        registry.previous_meeting(&args.key, day)
    }
    .map_err(|e| Fail::Usage(e.to_string()))?;
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, EVENTS)?;
    if let Some(hit) = hit {
        listing.row(event_row(&hit))?;
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}

/// The series to report: the key itself, or the series of a partnership's
/// meetings, in key order.
fn series_of(registry: &Registry, key: &str) -> Vec<String> {
    if registry.partnership(key).is_none() {
        return vec![key.to_owned()];
    }
    let mut series: Vec<String> = registry
        .meetings_of(key)
        .iter()
        .filter_map(|m| m.series().map(|s| s.as_str().to_owned()))
        .collect();
    series.sort();
    series.dedup();
    series
}

fn cadence(args: &CadenceArgs) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let mut rows: Vec<Vec<Value>> = Vec::new();
    for series in series_of(&registry, &args.key) {
        let gaps = registry
            .cadence(&series)
            .map_err(|e| Fail::Usage(e.to_string()))?;
        for gap in gaps {
            let days = gap.days();
            rows.push(vec![
                series.as_str().into(),
                gap.from().key().as_str().into(),
                gap.to().key().as_str().into(),
                days.as_ref().map(|d| *d.start()).into(),
                days.as_ref().map(|d| *d.end()).into(),
            ]);
        }
    }
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, GAPS)?;
    for row in rows {
        listing.row(row)?;
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}
