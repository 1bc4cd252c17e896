//! Checks a pactum data file and reports every problem it has.
//!
//! ```text
//! cargo run --example validate -- FILE [--as-of 2024-06-01] [--format text|json] [--fix]
//! ```
//!
//! Errors make the file invalid; lints (warnings, judged as of `--as-of`,
//! default today) do not. Exits with 0 when the file is valid, 1 when it has
//! errors, and 2 when it cannot be read or the arguments are wrong. `--fix`
//! rewrites a valid file in canonical form. `--format json` prints one JSON
//! object for programs:
//!
//! ```text
//! {"file": "...", "valid": false, "as_of": "2024-06-01", "errors": [{"rule": "P-E007", "severity": "error",
//!   "entity": "mou", "key": "u1", "path": "mous[0].signed", "message": "..."}], "warnings": []}
//! ```

use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{Diagnostic, LoadError, Registry};

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

struct Args {
    path: String,
    as_of: NaiveDate,
    format: Format,
    fix: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut path = None;
    let mut as_of = None;
    let mut format = Format::Text;
    let mut fix = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--fix" => fix = true,
            "--as-of" => match args.next().map(|d| d.parse::<NaiveDate>()) {
                Some(Ok(day)) => as_of = Some(day),
                _ => return Err("--as-of needs a day such as 2024-06-01".into()),
            },
            "--format" => match args.next().as_deref() {
                Some("text") => format = Format::Text,
                Some("json") => format = Format::Json,
                _ => return Err("--format needs text or json".into()),
            },
            _ if path.is_none() && !arg.starts_with('-') => path = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(Args {
        path: path.ok_or("no file given")?,
        as_of: as_of.unwrap_or_else(today),
        format,
        fix,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("validate: {problem}");
            eprintln!("usage: validate FILE [--as-of YYYY-MM-DD] [--format text|json] [--fix]");
            return ExitCode::from(2);
        }
    };
    let path = &args.path;
    let (registry, errors) = match Registry::from_path(path) {
        Ok(registry) => (Some(registry), Vec::new()),
        Err(LoadError::Io(e)) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
        Err(e) => (None, e.diagnostics()),
    };
    let warnings = registry
        .as_ref()
        .map(|r| r.lint(args.as_of))
        .unwrap_or_default();
    report(
        &args,
        &errors,
        &warnings,
        registry.as_ref().map_or(0, Registry::len),
    );
    if let (Some(registry), true) = (&registry, args.fix) {
        if let Err(e) = registry.save(path) {
            eprintln!("{path}: cannot save: {e}");
            return ExitCode::from(2);
        }
        if args.format == Format::Text {
            println!("{path}: saved in canonical form");
        }
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn report(args: &Args, errors: &[Diagnostic], warnings: &[Diagnostic], entities: usize) {
    let path = &args.path;
    if args.format == Format::Json {
        let json = serde_json::json!({
            "file": path,
            "valid": errors.is_empty(),
            "as_of": args.as_of.to_string(),
            "entities": entities,
            "errors": errors,
            "warnings": warnings,
        });
        println!("{json}");
        return;
    }
    for d in errors.iter().chain(warnings) {
        println!("{path}: {}[{}] {d}", d.severity(), d.rule());
    }
    if errors.is_empty() {
        println!(
            "{path}: valid; {entities} entities, {} warnings as of {}",
            warnings.len(),
            args.as_of
        );
    } else {
        println!("{path}: invalid; {} errors", errors.len());
    }
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
