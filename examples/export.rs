//! Exports a dataset (the seed dataset unless a file is given) for other
//! tools.
//!
//! ```text
//! cargo run --features csv,arrow --example export -- --format csv|ics|dot|schema|parquet --out DIR [--data FILE] [--stamp DAY]
//! ```
//!
//! * `csv`: one table per entity kind plus `events.csv` (needs `--features csv`);
//! * `ics`: `pactum.ics`, meetings and commitment deadlines, stamped `--stamp`
//!   (default today);
//! * `dot`: `institutions.dot` and `signing_network.dot`, for `dot -Tsvg`;
//! * `schema`: `pactum.schema.json`, the JSON Schema of the data file;
//! * `parquet`: one Parquet file per table, as the CSV tables but typed
//!   (needs `--features arrow`).
//!
//! Prints the files written. Exits with 2 on bad arguments or an I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{analysis, export, Registry};

fn main() -> ExitCode {
    match run() {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("usage: export --format csv|ics|dot|schema|parquet --out DIR [--data FILE] [--stamp YYYY-MM-DD]");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<Vec<PathBuf>, String> {
    let (mut format, mut out, mut data, mut stamp) = (None, None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--format" => format = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--data" => data = Some(value()?),
            "--stamp" => {
                let v = value()?;
                stamp = Some(
                    v.parse::<NaiveDate>()
                        .map_err(|e| format!("--stamp {v}: {e}"))?,
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let format = format.ok_or("--format is required")?;
    let out = out.ok_or("--out is required")?;
    let registry = match data {
        Some(path) => Registry::from_path(&path).map_err(|e| format!("{path}: {e}"))?,
        None => pactum::seed(),
    };
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, text: &str| -> Result<PathBuf, String> {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    };
    match format.as_str() {
        "csv" => csv(&registry, &out),
        "ics" => {
            let stamp = stamp.unwrap_or_else(today);
            let text = export::ics::calendar(registry.meetings(), registry.commitments(), stamp);
            Ok(vec![write("pactum.ics", &text)?])
        }
        "dot" => {
            let network = analysis::network(&registry, analysis::agreements(&registry));
            Ok(vec![
                write(
                    "institutions.dot",
                    &export::dot::hierarchy(registry.institutions()),
                )?,
                write("signing_network.dot", &export::dot::network(&network))?,
            ])
        }
        "schema" => Ok(vec![write("pactum.schema.json", export::SCHEMA)?]),
        "parquet" => parquet(&registry, &out),
        other => Err(format!(
            "unknown format {other}: expected csv, ics, dot, schema or parquet"
        )),
    }
}

#[cfg(feature = "csv")]
fn csv(registry: &Registry, out: &Path) -> Result<Vec<PathBuf>, String> {
    export::csv::write_dir(registry, out).map_err(|e| format!("{}: {e}", out.display()))
}

#[cfg(not(feature = "csv"))]
fn csv(_: &Registry, _: &Path) -> Result<Vec<PathBuf>, String> {
    Err("the csv format needs the csv feature: cargo run --features csv --example export".into())
}

#[cfg(feature = "arrow")]
fn parquet(registry: &Registry, out: &Path) -> Result<Vec<PathBuf>, String> {
    export::arrow::write_parquet_dir(registry, out).map_err(|e| format!("{}: {e}", out.display()))
}

#[cfg(not(feature = "arrow"))]
fn parquet(_: &Registry, _: &Path) -> Result<Vec<PathBuf>, String> {
    Err(
        "the parquet format needs the arrow feature: cargo run --features arrow --example export"
            .into(),
    )
}

/// Today in UTC, from the system clock.
fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or_default()
}
