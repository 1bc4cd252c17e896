//! Prints what pactum says is in force on a day, as CSV (`kind,key,certain`,
//! sorted), to compare with the SQL of `docs/in_force_on.sql` run over the
//! Parquet export (see `scripts/in_force_check.py`). With `--party KEY`,
//! only what is in force *for* that institution (by its own actions:
//! `Registry::in_force_for`).
//!
//! ```text
//! cargo run --release --example in_force -- [--data FILE] --on YYYY-MM-DD [--party KEY]
//! ```

#[macro_use]
mod common;

use std::process::ExitCode;

use pactum::Agreement;

const USAGE: &str = "usage: in_force [--data FILE] --on YYYY-MM-DD [--party KEY]";

fn main() -> ExitCode {
    let args = common::Args::parse(USAGE, &["--data", "--on", "--party"], &[]);
    let Some(day) = args.day("--on") else {
        args.usage_error("--on is required")
    };
    common::finish(run(&args, day))
}

fn run(args: &common::Args, day: chrono::NaiveDate) -> Result<(), String> {
    let registry = args.registry()?;
    let row = |agreement: Agreement<'_>, certain: bool| {
        let kind = match agreement {
            Agreement::Partnership(_) => "partnership",
            _ => "mou",
        };
        format!("{kind},{},{certain}", agreement.key())
    };
    let mut rows: Vec<String> = match args.value("--party") {
        Some(key) => registry
            .in_force_for(key, day)
            .map_err(|e| e.to_string())?
            .iter()
            .map(|f| row(f.agreement(), f.is_certain()))
            .collect(),
        None => registry
            .in_force_on(day)
            .iter()
            .map(|f| row(f.agreement(), f.is_certain()))
            .collect(),
    };
    rows.sort();
    say!("kind,key,certain");
    for r in rows {
        say!("{r}");
    }
    Ok(())
}
