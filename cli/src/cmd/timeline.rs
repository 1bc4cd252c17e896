//! `pactum timeline`: the events of a dataset in their documented order,
//! with the library's timeline filters.

use chrono::NaiveDate;
use pactum::{Country, EventKind, Hit, Window};
use serde_json::Value;

use crate::fail::{Fail, Outcome};
use crate::input::{parse_day, DataArg};
use crate::output::{col, Column, FormatArg, Listing, Out};

/// List events: agreements established, signed, in force, ended; meetings
/// held, scheduled, postponed, cancelled; commitments due and resolved.
///
/// An event is kept when its date is possibly in the window from --from to
/// --to; `certain` says whether it certainly is. Filters combine: an event
/// must pass each one given.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArg,
    /// The first day of the window (YYYY-MM-DD).
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// The last day of the window (YYYY-MM-DD).
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    to: Option<NaiveDate>,
    /// Keep only events certainly in the window.
    #[arg(long)]
    certainly: bool,
    /// Keep events involving this institution alone.
    #[arg(long, value_name = "KEY", conflicts_with = "institution_or_below")]
    institution: Option<String>,
    /// Keep events involving this institution or one under it.
    #[arg(long, value_name = "KEY")]
    institution_or_below: Option<String>,
    /// Keep events involving an institution of this country or bloc (KR,
    /// EU...).
    #[arg(long, value_name = "CODE", value_parser = parse_country)]
    country: Option<Country>,
    /// Keep events tagged with this technology area alone.
    #[arg(long, value_name = "KEY", conflicts_with = "area_or_below")]
    area: Option<String>,
    /// Keep events tagged with this technology area or one under it.
    #[arg(long, value_name = "KEY")]
    area_or_below: Option<String>,
    /// Keep events of this partnership.
    #[arg(long, value_name = "KEY")]
    partnership: Option<String>,
    /// Keep meetings of this series.
    #[arg(long, value_name = "KEY")]
    series: Option<String>,
    /// Keep events of these kinds (meeting_held, mou_signed...; repeat or
    /// separate with commas).
    #[arg(long = "kind", value_name = "KIND", value_delimiter = ',', value_parser = parse_kind)]
    kinds: Vec<EventKind>,
    /// Print at most N events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Latest events first.
    #[arg(long)]
    reverse: bool,
    #[command(flatten)]
    format: FormatArg,
}

fn parse_country(text: &str) -> Result<Country, String> {
    text.parse::<Country>().map_err(|e| e.to_string())
}

fn parse_kind(text: &str) -> Result<EventKind, String> {
    text.parse::<EventKind>().map_err(|e| e.to_string())
}

/// The columns of a listing of events.
pub const EVENTS: &[Column] = &[
    col("date", 25),
    col("kind", 24),
    col("key", 39),
    col("certain", 8),
    col("label", 0),
];

/// One event as a row of [`EVENTS`].
pub fn event_row(hit: &Hit<'_>) -> Vec<Value> {
    let e = hit.event();
    vec![
        e.date().to_string().into(),
        e.kind().as_str().into(),
        e.key().into(),
        hit.is_certain().into(),
        e.subject().label().into(),
    ]
}

fn window(args: &Args) -> Result<Window, Fail> {
    if args.certainly && args.from.is_none() && args.to.is_none() {
        // Every event is certainly within all of time: the flag would do
        // nothing, which would read as if it had.
        return Err(Fail::Usage(
            "--certainly needs a window: give --from, --to or both".to_owned(),
        ));
    }
    Ok(match (args.from, args.to) {
        (Some(from), Some(to)) => Window::new(from, to).map_err(|_| {
            Fail::Usage(format!(
                "--from {from} is after --to {to}: the window is empty"
            ))
        })?,
        (Some(from), None) => Window::since(from),
        (None, Some(to)) => Window::until(to),
        (None, None) => Window::all(),
    })
}

/// Runs `pactum timeline`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let window = window(args)?;
    let registry = args.data.load()?;
    let mut query = registry.timeline().within(window);
    if args.certainly {
        query = query.certainly();
    }
    if let Some(key) = &args.institution {
        query = query.institution(key);
    }
    if let Some(key) = &args.institution_or_below {
        query = query.institution_or_below(key);
    }
    if let Some(country) = args.country {
        query = query.country(country);
    }
    if let Some(key) = &args.area {
        query = query.area(key);
    }
    if let Some(key) = &args.area_or_below {
        query = query.area_or_below(key);
    }
    if let Some(key) = &args.partnership {
        query = query.partnership(key);
    }
    if let Some(key) = &args.series {
        query = query.series(key);
    }
    for &kind in &args.kinds {
        query = query.kind(kind);
    }
    if let Some(n) = args.limit {
        query = query.limit(n);
    }
    if args.reverse {
        query = query.reverse();
    }
    let hits = query.run().map_err(|e| Fail::Usage(e.to_string()))?;
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, EVENTS)?;
    for hit in hits {
        listing.row(event_row(&hit))?;
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}
