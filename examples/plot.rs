//! Draws the seed dataset (or a data file) as SVG pictures: the timeline,
//! the partnership × area coverage heatmap and the signing network.
//!
//! ```text
//! cargo run --features svg --example plot -- --out DIR [--data FILE] [--on YYYY-MM-DD] [--lanes partnership|series]
//! ```
//!
//! Writes `timeline.svg`, `coverage.svg` and `network.svg` into DIR and
//! prints their paths. `docs/timeline.svg` in the repository is
//! `--out docs --on 2024-06-01 --lanes series` on the seed dataset.

#[macro_use]
mod common;

use std::path::PathBuf;
use std::process::ExitCode;

use pactum::picture::{self, LaneBy, TimelineChart};
use pactum::{analysis, Registry};

const USAGE: &str =
    "usage: plot --out DIR [--data FILE] [--on YYYY-MM-DD] [--lanes partnership|series]";

fn main() -> ExitCode {
    let args = common::Args::parse(USAGE, &["--out", "--data", "--on", "--lanes"], &[]);
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
    let mut timeline = TimelineChart::new()
        .lanes(lanes)
        .width(1100)
        .title(format!("Timeline of {name}"));
    if let Some(day) = args.day("--on") {
        timeline = timeline.today(day);
    }
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let pictures = [
        (
            "timeline.svg",
            timeline.render(&registry, registry.events()),
        ),
        (
            "coverage.svg",
            picture::heatmap(
                &coverage,
                &format!("Technology areas covered by each partnership of {name}"),
            ),
        ),
        (
            "network.svg",
            picture::network(&network, &format!("Who signs with whom in {name}"), 40),
        ),
    ];
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (file, svg) in pictures {
        let path = out.join(file);
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        say!("{}", path.display());
    }
    Ok(())
}
