//! `pactum stats`: how much a dataset holds.

use std::collections::BTreeMap;

use pactum::EventKind;
use serde_json::Value;

use crate::fail::{Fail, Outcome};
use crate::input::DataArg;
use crate::output::{col, Column, FormatArg, Listing, Out};

/// Count the entities of each kind and the events of each kind.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    format: FormatArg,
}

const COUNTS: &[Column] = &[col("group", 9), col("what", 26), col("count", 0)];

/// Runs `pactum stats`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let entities: [(&str, usize); 7] = [
        ("sources", registry.sources().len()),
        ("tech_areas", registry.dataset_tech_areas().len()),
        ("institutions", registry.institutions().len()),
        ("partnerships", registry.partnerships().len()),
        ("meetings", registry.meetings().len()),
        ("mous", registry.mous().len()),
        ("commitments", registry.commitments().len()),
    ];
    let mut by_kind: BTreeMap<usize, usize> = BTreeMap::new();
    let events = registry.events();
    for e in &events {
        let at = EventKind::ALL
            .iter()
            .position(|k| *k == e.kind())
            .unwrap_or(usize::MAX);
        *by_kind.entry(at).or_insert(0) += 1;
    }
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, COUNTS)?;
    let row = |group: &str, what: &str, n: usize| -> Vec<Value> {
        vec![group.into(), what.into(), n.into()]
    };
    for (what, n) in entities {
        listing.row(row("entities", what, n))?;
    }
    listing.row(row("entities", "total", registry.len()))?;
    for (at, n) in by_kind {
        let what = EventKind::ALL.get(at).map_or("other", |k| k.as_str());
        listing.row(row("events", what, n))?;
    }
    listing.row(row("events", "total", events.len()))?;
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}
