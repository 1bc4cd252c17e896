//! Draws the seed dataset (or a data file) as SVG pictures: the timeline,
//! the partnership × area coverage heatmap, the signing network and the
//! parties of one agreement over time.
//!
//! ```text
//! cargo run --features svg --example plot -- --out DIR [--data FILE] [--name TEXT]
//!     [--on YYYY-MM-DD] [--lanes partnership|series] [--agreement KEY] [--only parties]
//! ```
//!
//! Writes `timeline.svg`, `coverage.svg`, `network.svg` and `parties.svg`
//! (of `--agreement`, or of the agreement with the most parties) into DIR
//! and prints their paths; `--only parties` writes the last alone. The
//! pictures in `docs/` are `--out docs --on 2024-06-01` on the seed dataset
//! (see `scripts/render_pictures.sh`).

#[macro_use]
mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use pactum::picture::{Heatmap, LaneBy, NetworkChart, PartiesChart, TimelineChart};
use pactum::{analysis, Registry};

const USAGE: &str = "usage: plot --out DIR [--data FILE] [--name TEXT] [--on YYYY-MM-DD] [--lanes partnership|series] [--agreement KEY] [--only parties]";

fn main() -> ExitCode {
    let args = common::Args::parse(
        USAGE,
        &[
            "--out",
            "--data",
            "--name",
            "--on",
            "--lanes",
            "--agreement",
            "--only",
        ],
        &[],
    );
    let Some(out) = args.value("--out").map(PathBuf::from) else {
        args.usage_error("--out is required")
    };
    let lanes = match args.value("--lanes") {
        None | Some("series") => LaneBy::Series,
        Some("partnership") => LaneBy::Partnership,
        Some(other) => args.usage_error(&format!(
            "unknown lanes {other:?}: expected partnership or series"
        )),
    };
    common::finish(run(&args, out, lanes))
}

fn run(args: &common::Args, out: PathBuf, lanes: LaneBy) -> Result<(), String> {
    let data = args.value("--data");
    let (registry, name) = match data {
        Some(path) => (
            Registry::from_path(path).map_err(|e| format!("{path}: {e}"))?,
            path,
        ),
        None => (pactum::seed(), "the seed dataset"),
    };
    let name = args.value("--name").unwrap_or(name);
    let mut timeline = TimelineChart::new()
        .lanes(lanes)
        .width(1100)
        .title(format!("Timeline of {name}"));
    if let Some(day) = args.day("--on") {
        timeline = timeline.today(day);
    }
    let mut pictures = Vec::new();
    if args.value("--only") != Some("parties") {
        let coverage = analysis::coverage(&registry, registry.partnerships());
        let network = analysis::network(&registry, analysis::agreements(&registry));
        pictures.push((
            "timeline.svg",
            timeline.render(&registry, registry.events()),
        ));
        pictures.push((
            "coverage.svg",
            Heatmap::new()
                .title(format!(
                    "Technology areas covered by each partnership of {name}"
                ))
                .render(&registry, &coverage),
        ));
        pictures.push((
            "network.svg",
            NetworkChart::new()
                .title(format!("Who signs with whom in {name}"))
                .render(&registry, &network),
        ));
    }
    let key = match args.value("--agreement") {
        Some(key) => Some(key.to_owned()),
        None => analysis::most_parties(&registry).map(|a| a.key().to_owned()),
    };
    if let Some(key) = key {
        let mut chart = PartiesChart::new().title(format!(
            "Parties of {} in {name}",
            analysis::agreement(&registry, &key).map_or(key.as_str(), |a| a.label())
        ));
        if let Some(day) = args.day("--on") {
            chart = chart.today(day);
        }
        let svg = chart.render(&registry, &key).map_err(|e| e.to_string())?;
        pictures.push(("parties.svg", svg));
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (file, svg) in pictures {
        let path = out.join(file);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        say!("{}", path.display());
    }
    Ok(())
}
