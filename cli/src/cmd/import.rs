//! `pactum import`: the tables that `pactum export` writes (CSV or Parquet),
//! read back into a data file.

use std::path::{Path, PathBuf};

use pactum::import::{ImportError, ImportErrorKind};
use pactum::Registry;

use crate::fail::{Fail, Outcome};
use crate::input::{shown, Progress};
use crate::output::Out;

/// Read a directory of tables written by `pactum export --format csv` or
/// `--format parquet` back into a dataset, checked like a data file, and
/// write it in canonical form.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory that holds the tables (`mous.csv` or `mous.parquet`, …).
    dir: PathBuf,
    /// The tables' format; by default the one whose files the directory
    /// holds.
    #[arg(long, value_enum)]
    from: Option<TableFormat>,
    /// The data file to write (atomically); standard output when not given.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// The table formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TableFormat {
    /// `*.csv` files, as `pactum export --format csv` writes them.
    Csv,
    /// `*.parquet` files, as `pactum export --format parquet` writes them.
    Parquet,
}

/// Runs `pactum import`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let format = match args.from {
        Some(format) => format,
        None => detect(&args.dir)?,
    };
    let progress = Progress::start(format!("reading {}", args.dir.display()));
    let read = match format {
        TableFormat::Csv => {
            pactum::import::csv::read_dir(&args.dir).map_err(|e| failure(&args.dir, &e))
        }
        TableFormat::Parquet => parquet(&args.dir),
    };
    drop(progress);
    let registry = read?;
    match &args.out {
        Some(path) => registry
            .save(path)
            .map_err(|e| Fail::io(&format!("{}: cannot write", shown(path)), &e))?,
        None => {
            let mut out = Out::stdout();
            out.bytes(registry.to_json_string().as_bytes())?;
            out.finish()?;
        }
    }
    Ok(Outcome::Success)
}

/// The format of the tables in `dir`: the one `mous` (or, failing that,
/// any table) is written in. Both, or neither, needs `--from`.
fn detect(dir: &Path) -> Result<TableFormat, Fail> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Fail::io(&format!("{}: cannot read", dir.display()), &e))?;
    let (mut csv, mut parquet) = (false, false);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        csv |= name.ends_with(".csv");
        parquet |= name.ends_with(".parquet");
    }
    match (csv, parquet) {
        (true, false) => Ok(TableFormat::Csv),
        (false, true) => Ok(TableFormat::Parquet),
        (true, true) => Err(Fail::Usage(format!(
            "{}: holds both CSV and Parquet tables: say which with --from csv or --from parquet",
            dir.display()
        ))),
        (false, false) => Err(Fail::Usage(format!(
            "{}: no pactum tables (expected the files of `pactum export --format csv` or `--format parquet`)",
            dir.display()
        ))),
    }
}

/// Every problem on its own line; exit 2 when a file could not be read,
/// 1 when the tables were read and their data is wrong.
fn failure(dir: &Path, e: &ImportError) -> Fail {
    let problems = e.problems();
    let unreadable = problems.iter().any(|p| p.kind() == ImportErrorKind::Io);
    let mut message = match problems.len() {
        1 => format!("{}: cannot import: ", dir.display()),
        n => format!("{}: cannot import, {n} problems:", dir.display()),
    };
    if problems.len() == 1 {
        message.push_str(&problems[0].to_string());
    } else {
        for p in problems {
            message.push_str("\n  ");
            message.push_str(&p.to_string());
        }
    }
    if unreadable {
        Fail::Usage(message)
    } else {
        Fail::Data(message)
    }
}

#[cfg(feature = "parquet")]
fn parquet(dir: &Path) -> Result<Registry, Fail> {
    pactum::import::arrow::read_parquet_dir(dir).map_err(|e| failure(dir, &e))
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &Path) -> Result<Registry, Fail> {
    Err(Fail::Usage(
        "this pactum was built without Parquet: install it with the parquet feature (the default)"
            .to_owned(),
    ))
}
