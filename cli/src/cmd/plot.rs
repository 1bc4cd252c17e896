//! `pactum plot`: the dataset as SVG pictures.

use std::path::PathBuf;

use pactum::analysis;
use pactum::picture::{Heatmap, LaneBy, NetworkChart, PartiesChart, TimelineChart};

use crate::fail::{Fail, Outcome};
use crate::input::{DataArg, OnArg, Progress};
use crate::output::Out;

/// Draw `timeline.svg`, `coverage.svg`, `network.svg` and `parties.svg`
/// into --out and print their paths.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArg,
    /// The directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The timeline's "today" line.
    #[command(flatten)]
    on: OnArg,
    /// One timeline lane for each partnership or each meeting series.
    #[arg(long, value_enum, default_value_t = Lanes::Series)]
    lanes: Lanes,
    /// The title's name for the dataset (default: the file name).
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// The MOU or partnership whose parties `parties.svg` draws (default:
    /// the one with the most parties).
    #[arg(long, value_name = "KEY")]
    agreement: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Lanes {
    /// A lane for each partnership.
    Partnership,
    /// A lane for each meeting series, then each partnership.
    Series,
}

/// Runs `pactum plot`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let name = match (&args.name, &args.data.data) {
        (Some(name), _) => name.clone(),
        (None, Some(path)) => crate::input::shown(path),
        (None, None) => "the seed dataset".to_owned(),
    };
    let progress = Progress::start(format!("drawing {}", args.out.display()));
    let lanes = match args.lanes {
        Lanes::Partnership => LaneBy::Partnership,
        Lanes::Series => LaneBy::Series,
    };
    let mut timeline = TimelineChart::new()
        .lanes(lanes)
        .width(1100)
        .title(format!("Timeline of {name}"));
    timeline = timeline.today(args.on.day());
    let coverage = analysis::coverage(&registry, registry.partnerships());
    let network = analysis::network(&registry, analysis::agreements(&registry));
    let mut pictures = vec![
        (
            "timeline.svg",
            timeline.render(&registry, registry.events()),
        ),
        (
            "coverage.svg",
            Heatmap::new()
                .title(format!(
                    "Technology areas covered by each partnership of {name}"
                ))
                .render(&registry, &coverage),
        ),
        (
            "network.svg",
            NetworkChart::new()
                .title(format!("Who signs with whom in {name}"))
                .render(&registry, &network),
        ),
    ];
    let agreement = args
        .agreement
        .clone()
        .or_else(|| analysis::most_parties(&registry).map(|a| a.key().to_owned()));
    if let Some(key) = agreement {
        let svg = PartiesChart::new()
            .title(format!(
                "Parties of {} in {name}",
                analysis::agreement(&registry, &key).map_or(key.as_str(), |a| a.label())
            ))
            .today(args.on.day())
            .render(&registry, &key)
            .map_err(|e| Fail::Data(e.to_string()))?;
        pictures.push(("parties.svg", svg));
    }
    let dir = &args.out;
    std::fs::create_dir_all(dir)
        .map_err(|e| Fail::io(&format!("{}: cannot write", dir.display()), &e))?;
    let mut written = Vec::new();
    for (file, svg) in pictures {
        let path = dir.join(file);
        std::fs::write(&path, svg)
            .map_err(|e| Fail::io(&format!("{}: cannot write", path.display()), &e))?;
        written.push(path);
    }
    drop(progress);
    let mut out = Out::stdout();
    for path in written {
        out.line(&path.display().to_string())?;
    }
    out.finish()?;
    Ok(Outcome::Success)
}
