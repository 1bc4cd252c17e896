//! Exports a dataset (the seed dataset unless a file is given) for other
//! tools.
//!
//! ```text
//! cargo run --features csv,arrow --example export -- --format csv|ics|dot|schema|parquet --out DIR [--data FILE] [--on DAY]
//! ```
//!
//! * `csv`: one table per entity kind plus `events.csv` (needs `--features csv`);
//! * `ics`: `pactum.ics`, meetings and commitment deadlines, stamped `--on`
//!   (default today);
//! * `dot`: `institutions.dot` and `signing_network.dot`, for `dot -Tsvg`;
//! * `schema`: `pactum.schema.json`, the JSON Schema of the data file;
//! * `parquet`: one Parquet file per table, as the CSV tables but typed
//!   (needs `--features arrow`).
//!
//! Prints the files written. The `pactum export` command does the same.

#[macro_use]
mod common;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pactum::{analysis, export, Registry};

const USAGE: &str =
    "usage: export --format csv|ics|dot|schema|parquet --out DIR [--data FILE] [--on DAY]";

fn main() -> ExitCode {
    let args = common::Args::parse(USAGE, &["--format", "--out", "--data", "--on"], &[]);
    let Some(format) = args.value("--format") else {
        args.usage_error("--format is required")
    };
    let Some(out) = args.value("--out").map(PathBuf::from) else {
        args.usage_error("--out is required")
    };
    let files = match format {
        "csv" | "ics" | "dot" | "schema" | "parquet" => {
            args.registry().and_then(|r| write(&r, format, &out, &args))
        }
        other => args.usage_error(&format!(
            "unknown format {other:?}: expected csv, ics, dot, schema or parquet"
        )),
    };
    common::finish(files.map(|files| {
        for f in files {
            say!("{}", f.display());
        }
    }))
}

fn write(
    registry: &Registry,
    format: &str,
    out: &Path,
    args: &common::Args,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let write = |name: &str, text: &str| -> Result<PathBuf, String> {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    };
    match format {
        "csv" => csv(registry, out),
        "ics" => {
            let text =
                export::ics::calendar(registry.meetings(), registry.commitments(), args.on());
            Ok(vec![write("pactum.ics", &text)?])
        }
        "dot" => {
            let network = analysis::network(registry, analysis::agreements(registry));
            Ok(vec![
                write(
                    "institutions.dot",
                    &export::dot::hierarchy(registry.institutions()),
                )?,
                write("signing_network.dot", &export::dot::network(&network))?,
            ])
        }
        "schema" => Ok(vec![write("pactum.schema.json", export::SCHEMA)?]),
        _ => parquet(registry, out),
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
