//! `pactum export`: the dataset for other tools.

use std::path::{Path, PathBuf};

use pactum::{analysis, export, Registry};

use crate::fail::{Fail, Outcome};
use crate::input::{DataArg, OnArg, Progress};
use crate::output::Out;

/// Write the dataset as files for other tools, into --out, and print the
/// paths written.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArg,
    /// What to write.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The calendar's stamp (DTSTAMP) for --format ics.
    #[command(flatten)]
    on: OnArg,
}

/// The file formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// One CSV table per entity kind, plus events and party actions.
    Csv,
    /// The same tables as Parquet files, typed.
    Parquet,
    /// `pactum.ics`: meetings and commitment deadlines as calendar events.
    Ics,
    /// `institutions.dot` and `signing_network.dot`, for GraphViz.
    Dot,
    /// `pactum.schema.json`: the JSON Schema of the data file.
    Schema,
}

/// Runs `pactum export`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    if args.on.on.is_some() && args.format != ExportFormat::Ics {
        return Err(Fail::Usage(
            "--on stamps the calendar: it can be used with --format ics only".to_owned(),
        ));
    }
    let registry = args.data.load()?;
    let progress = Progress::start(format!("writing {}", args.out.display()));
    let written = write(args, &registry)?;
    drop(progress);
    let mut out = Out::stdout();
    for path in written {
        out.line(&path.display().to_string())?;
    }
    out.finish()?;
    Ok(Outcome::Success)
}

fn write(args: &Args, registry: &Registry) -> Result<Vec<PathBuf>, Fail> {
    let dir = &args.out;
    let failed = |e: std::io::Error| Fail::io(&format!("{}: cannot write", dir.display()), &e);
    std::fs::create_dir_all(dir).map_err(failed)?;
    let file = |name: &str, text: &str| -> Result<PathBuf, Fail> {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| Fail::io(&format!("{}: cannot write", path.display()), &e))?;
        Ok(path)
    };
    match args.format {
        ExportFormat::Csv => export::csv::write_dir(registry, dir).map_err(failed),
        ExportFormat::Parquet => parquet(registry, dir),
        ExportFormat::Ics => {
            let stamp = args.on.day();
            let text = export::ics::calendar(registry.meetings(), registry.commitments(), stamp);
            Ok(vec![file("pactum.ics", &text)?])
        }
        ExportFormat::Dot => {
            let network = analysis::network(registry, analysis::agreements(registry));
            Ok(vec![
                file(
                    "institutions.dot",
                    &export::dot::hierarchy(registry.institutions()),
                )?,
                file("signing_network.dot", &export::dot::network(&network))?,
            ])
        }
        ExportFormat::Schema => Ok(vec![file("pactum.schema.json", export::SCHEMA)?]),
    }
}

#[cfg(feature = "parquet")]
fn parquet(registry: &Registry, dir: &Path) -> Result<Vec<PathBuf>, Fail> {
    export::arrow::write_parquet_dir(registry, dir)
        .map_err(|e| Fail::io(&format!("{}: cannot write", dir.display()), &e))
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Registry, _: &Path) -> Result<Vec<PathBuf>, Fail> {
    Err(Fail::Usage(
        "this pactum was built without Parquet: install it with the parquet feature (the default)"
            .to_owned(),
    ))
}
