//! Checks a pactum data file and prints every problem it has.
//!
//! ```text
//! cargo run --example validate -- data/seed.json [--as-of 2024-06-01] [--fix]
//! ```
//!
//! Exits with 0 when the file is valid (lints are printed as warnings), 1 when
//! it has errors, and 2 when it cannot be read or the arguments are wrong.
//! `--fix` rewrites a valid file in canonical form.

use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{LoadError, Registry};

fn main() -> ExitCode {
    let mut path = None;
    let mut as_of = None;
    let mut fix = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--fix" => fix = true,
            "--as-of" => match args.next().map(|d| d.parse::<NaiveDate>()) {
                Some(Ok(day)) => as_of = Some(day),
                _ => return usage("--as-of needs a day such as 2024-06-01"),
            },
            _ if path.is_none() && !arg.starts_with('-') => path = Some(arg),
            _ => return usage(&format!("unexpected argument {arg:?}")),
        }
    }
    let Some(path) = path else {
        return usage("no file given");
    };
    let registry = match Registry::from_path(&path) {
        Ok(registry) => registry,
        Err(LoadError::Io(e)) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            let diagnostics = e.diagnostics();
            for d in &diagnostics {
                println!("{path}: {}[{}] {d}", d.severity(), d.rule());
            }
            println!("{path}: invalid; {} errors", diagnostics.len());
            return ExitCode::from(1);
        }
    };
    let as_of = as_of.unwrap_or_else(today);
    let lints = registry.lint(as_of);
    for d in &lints {
        println!("{path}: {}[{}] {d}", d.severity(), d.rule());
    }
    println!(
        "{path}: valid; {} entities, {} warnings as of {as_of}",
        registry.len(),
        lints.len()
    );
    if fix {
        if let Err(e) = registry.save(&path) {
            eprintln!("{path}: cannot save: {e}");
            return ExitCode::from(2);
        }
        println!("{path}: saved in canonical form");
    }
    ExitCode::SUCCESS
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

fn usage(problem: &str) -> ExitCode {
    eprintln!("validate: {problem}");
    eprintln!("usage: validate FILE [--as-of YYYY-MM-DD] [--fix]");
    ExitCode::from(2)
}
