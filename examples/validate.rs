//! Checks a pactum data file and reports every problem it has.
//!
//! ```text
//! cargo run --example validate -- FILE [--on 2024-06-01] [--format text|json] [--fix]
//! ```
//!
//! Errors make the file invalid; lints (warnings, judged as of `--on`,
//! default today) do not. Exits with 0 when the file is valid, 1 when it has
//! errors, and 2 when it cannot be read or the arguments are wrong. `--fix`
//! rewrites a valid file in canonical form. `--format json` prints one JSON
//! object for programs. The `pactum validate` command adds selection,
//! counts and quarantine.

#[macro_use]
mod common;

use std::process::ExitCode;

use pactum::{LoadError, Registry};

const USAGE: &str = "usage: validate FILE [--on YYYY-MM-DD] [--format text|json] [--fix]";

fn main() -> ExitCode {
    let args = common::Args::parse(USAGE, &["--on", "--format"], &["--fix"]);
    let [path] = args.plain() else {
        args.usage_error("give one data file")
    };
    let json = match args.value("--format") {
        None | Some("text") => false,
        Some("json") => true,
        Some(other) => args.usage_error(&format!("--format {other:?}: expected text or json")),
    };
    let on = args.on();
    let (registry, errors) = match Registry::from_path(path) {
        Ok(registry) => (Some(registry), Vec::new()),
        Err(LoadError::Io(e)) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::from(2);
        }
        Err(e) => (None, e.diagnostics()),
    };
    let warnings = registry.as_ref().map(|r| r.lint(on)).unwrap_or_default();
    let entities = registry.as_ref().map_or(0, Registry::len);
    if json {
        let report = serde_json::json!({
            "file": path, "valid": errors.is_empty(), "on": on.to_string(),
            "entities": entities, "errors": errors, "warnings": warnings,
        });
        say!("{report}");
    } else {
        for d in errors.iter().chain(&warnings) {
            say!("{path}: {}[{}] {d}", d.severity(), d.rule());
        }
        match errors.len() {
            0 => say!(
                "{path}: valid; {entities} entities, {} warnings on {on}",
                warnings.len()
            ),
            n => say!("{path}: invalid; {n} errors"),
        }
    }
    if let (Some(registry), true) = (&registry, args.switch("--fix")) {
        if let Err(e) = registry.save(path) {
            eprintln!("error: {path}: cannot save: {e}");
            return ExitCode::from(2);
        }
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
