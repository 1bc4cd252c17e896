//! Draws the seed dataset (or a data file) as SVG pictures: the timeline,
//! the partnership × area coverage heatmap and the signing network.
//!
//! ```text
//! cargo run --features svg --example plot -- --out DIR [--data FILE] [--today YYYY-MM-DD] [--lanes partnership|series]
//! ```
//!
//! Writes `timeline.svg`, `coverage.svg` and `network.svg` into DIR and
//! prints their paths. `docs/timeline.svg` in the repository is
//! `--out docs --today 2024-06-01 --lanes series` on the seed dataset.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::picture::{self, LaneBy, TimelineChart};
use pactum::{analysis, Registry};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("usage: plot --out DIR [--data FILE] [--today YYYY-MM-DD] [--lanes partnership|series]");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let (mut out, mut data, mut today, mut lanes) = (None, None, None, LaneBy::Series);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--data" => data = Some(value()?),
            "--today" => {
                let v = value()?;
                today = Some(
                    v.parse::<NaiveDate>()
                        .map_err(|e| format!("--today {v}: {e}"))?,
                );
            }
            "--lanes" => {
                lanes = match value()?.as_str() {
                    "partnership" => LaneBy::Partnership,
                    "series" => LaneBy::Series,
                    other => return Err(format!("unknown lanes {other}")),
                }
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let (registry, name) = match &data {
        Some(path) => (
            Registry::from_path(path).map_err(|e| format!("{path}: {e}"))?,
            path.as_str(),
        ),
        None => (pactum::seed(), "the seed dataset"),
    };
    let mut timeline = TimelineChart::new()
        .lanes(lanes)
        .width(1100)
        .title(format!("Timeline of {name}"));
    if let Some(day) = today {
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
        println!("{}", path.display());
    }
    Ok(())
}
