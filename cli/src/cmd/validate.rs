//! `pactum validate`: every error of a data file and the lints of its
//! valid part, selected, counted, and the valid part set aside on request.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use pactum::{Diagnostic, LintSelection, Registry, Rejected, Rule, Severity};
use serde_json::{json, Value};

use crate::fail::{Fail, Outcome};
use crate::input::{self, OnArg, Validation};
use crate::output::{col, Column, Format, FormatArg, Listing, Out};

/// Check a data file. Errors make it invalid (exit 1); lints, judged as of
/// --on, are warnings about its valid part.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file (`-` reads standard input).
    file: PathBuf,
    #[command(flatten)]
    on: OnArg,
    #[command(flatten)]
    format: FormatArg,
    /// Show only these rules (codes such as P-W003; repeat or separate with
    /// commas).
    #[arg(long = "rule", value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    rules: Vec<Rule>,
    /// Show only errors or only warnings.
    #[arg(long, value_enum)]
    severity: Option<SeverityArg>,
    /// Print how many diagnostics each rule has, not each one.
    #[arg(long)]
    summary: bool,
    /// Exit with 1 when a warning is shown, as for an error.
    #[arg(long)]
    deny_warnings: bool,
    /// Print the provenance coverage of the valid part instead of the
    /// diagnostics: for each entity the values no citation supports and
    /// those marked inferred, and the share of cited values by kind.
    #[arg(long, conflicts_with_all = ["summary", "rules", "severity", "deny_warnings"])]
    provenance: bool,
    /// Write the valid part of the file to OUT, as a data file of its own.
    #[arg(long, value_name = "OUT")]
    quarantine: Option<PathBuf>,
}

/// The severities `--severity` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SeverityArg {
    /// Errors only.
    Error,
    /// Warnings (lints) only.
    Warning,
}

fn parse_rule(text: &str) -> Result<Rule, String> {
    Rule::ALL
        .iter()
        .copied()
        .find(|r| r.code().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            format!("unknown rule {text:?}: expected a code such as P-E007 or P-W003 (docs/rules.md lists them)")
        })
}

const DIAGNOSTICS: &[Column] = &[
    col("rule", 8),
    col("severity", 9),
    col("entity", 12),
    col("key", 34),
    col("path", 30),
    col("message", 0),
];

const SUMMARY: &[Column] = &[
    col("rule", 8),
    col("severity", 9),
    col("count", 7),
    col("summary", 0),
];

/// Runs `pactum validate`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    if args.deny_warnings && args.severity == Some(SeverityArg::Error) {
        return Err(Fail::Usage(
            "--deny-warnings cannot be used with --severity error: no warning would be shown"
                .to_owned(),
        ));
    }
    let validation = input::load_for_validation(&args.file)?;
    if args.provenance {
        return provenance(args, &validation);
    }
    let day = args.on.day();
    // A rule named with --rule is shown, and so turned on when it is off by
    // default (P-W014, uncited values).
    let selection = args
        .rules
        .iter()
        .fold(LintSelection::default(), |s, rule| s.with(*rule));
    let warnings = validation.lint(day, &selection);
    if let (Some(out), Some(registry)) = (&args.quarantine, validation.registry()) {
        registry
            .save(out)
            .map_err(|e| Fail::io(&format!("{}: cannot write", out.display()), &e))?;
    }
    let shown: Vec<&Diagnostic> = validation
        .errors
        .iter()
        .chain(&warnings)
        .filter(|d| selected(args, d))
        .collect();
    let mut out = Out::stdout();
    let report = Report {
        file: input::shown(&args.file),
        day,
        validation: &validation,
        warnings: warnings.len(),
        shown: &shown,
    };
    match args.format.format {
        Format::Json => report.json(args, &mut out)?,
        format => report.listing(args, format, &mut out)?,
    }
    out.finish()?;
    let denied = args.deny_warnings && shown.iter().any(|d| d.severity() == Severity::Warning);
    Ok(if validation.errors.is_empty() && !denied {
        Outcome::Success
    } else {
        Outcome::Negative
    })
}

/// `validate --provenance`: the coverage report of the valid part, as text
/// or JSON (CSV has no shape for it).
fn provenance(args: &Args, validation: &Validation) -> Result<Outcome, Fail> {
    let Some(registry) = validation.registry() else {
        return Err(Fail::Data(format!(
            "{}: no part of the file could be read: `pactum validate` says why",
            input::shown(&args.file)
        )));
    };
    let report = registry.provenance_coverage();
    let mut out = Out::stdout();
    match args.format.format {
        Format::Json => out.line(&json!(report).to_string())?,
        Format::Text => out.bytes(report.to_string().as_bytes())?,
        Format::Csv => {
            return Err(Fail::Usage(
                "--provenance prints text or JSON: --format csv has no shape for it".to_owned(),
            ))
        }
    }
    out.finish()?;
    Ok(if validation.errors.is_empty() {
        Outcome::Success
    } else {
        Outcome::Negative
    })
}

fn selected(args: &Args, d: &Diagnostic) -> bool {
    let severity = match args.severity {
        Some(SeverityArg::Error) => d.severity() == Severity::Error,
        Some(SeverityArg::Warning) => d.severity() == Severity::Warning,
        None => true,
    };
    severity && (args.rules.is_empty() || args.rules.contains(&d.rule()))
}

/// What one run of `validate` found, ready to print.
struct Report<'a> {
    file: String,
    day: NaiveDate,
    validation: &'a Validation,
    warnings: usize,
    shown: &'a [&'a Diagnostic],
}

impl Report<'_> {
    fn counts(&self) -> BTreeMap<Rule, usize> {
        let mut counts = BTreeMap::new();
        for d in self.shown {
            *counts.entry(d.rule()).or_insert(0) += 1;
        }
        counts
    }

    fn entities(&self) -> usize {
        self.validation.registry().map_or(0, Registry::len)
    }

    /// One JSON object, for programs.
    fn json(&self, args: &Args, out: &mut Out) -> Result<(), Fail> {
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .shown
            .iter()
            .partition(|d| d.severity() == Severity::Error);
        let mut report = json!({
            "file": self.file,
            "valid": self.validation.errors.is_empty(),
            "on": self.day.to_string(),
            "entities": self.entities(),
            "error_count": self.validation.errors.len(),
            "warning_count": self.warnings,
            "errors": errors,
            "warnings": warnings,
        });
        if args.summary {
            let summary: Vec<Value> = self
                .counts()
                .into_iter()
                .map(|(rule, count)| json!({"rule": rule.code(), "severity": rule.severity(), "count": count}))
                .collect();
            report["summary"] = Value::from(summary);
        }
        if args.quarantine.is_some() {
            let rejected: Vec<Value> = self.validation.rejected.iter().map(rejected_json).collect();
            report["rejected"] = Value::from(rejected);
        }
        out.line(&report.to_string())
    }

    /// Text or CSV: the diagnostics (or counts) as a listing; text adds the
    /// entities set aside and a closing line.
    fn listing(&self, args: &Args, format: Format, out: &mut Out) -> Result<(), Fail> {
        if args.summary {
            let mut listing = Listing::start(out, format, SUMMARY)?;
            for (rule, count) in self.counts() {
                listing.row(vec![
                    rule.code().into(),
                    rule.severity().to_string().into(),
                    count.into(),
                    rule.summary().into(),
                ])?;
            }
            listing.finish()?;
        } else if format == Format::Text {
            // The compiler's form, one problem a line, reads better than
            // columns for messages of any length.
            for d in self.shown {
                out.line(&format!(
                    "{}: {}[{}] {d}",
                    self.file,
                    d.severity(),
                    d.rule().code()
                ))?;
            }
        } else {
            let mut listing = Listing::start(out, format, DIAGNOSTICS)?;
            for d in self.shown {
                listing.row(diagnostic_row(d))?;
            }
            listing.finish()?;
        }
        if format == Format::Text {
            if args.quarantine.is_some() {
                for r in &self.validation.rejected {
                    out.line(&format!("{}: set aside {}", self.file, rejected_text(r)))?;
                }
            }
            out.line(&self.closing(args))?;
        }
        Ok(())
    }

    fn closing(&self, args: &Args) -> String {
        let (file, day) = (&self.file, self.day);
        let errors = self.validation.errors.len();
        let set_aside = match &args.quarantine {
            Some(path) => format!("; the valid part is in {}", path.display()),
            None => String::new(),
        };
        match (self.validation.registry(), errors) {
            (_, 0) => format!(
                "{file}: valid; {}, {} on {day}{set_aside}",
                count(self.entities(), "entity"),
                count(self.warnings, "warning")
            ),
            (Some(_), _) => format!(
                "{file}: invalid; {} in {} set aside; {} with {} on {day}{set_aside}",
                count(errors, "error"),
                count(self.validation.rejected.len(), "entity"),
                count(self.entities(), "valid entity"),
                count(self.warnings, "warning")
            ),
            (None, _) => format!(
                "{file}: invalid; {}; no part of it could be read",
                count(errors, "error")
            ),
        }
    }
}

/// `1 error`, `2 errors`, `1 entity`, `3 entities`.
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

fn diagnostic_row(d: &Diagnostic) -> Vec<Value> {
    vec![
        d.rule().code().into(),
        d.severity().to_string().into(),
        d.entity().map(|k| k.to_string()).into(),
        d.key().into(),
        d.path().into(),
        d.message().into(),
    ]
}

fn rejected_text(r: &Rejected) -> String {
    // The entity's place in the file: every kind's list is its name plus s.
    let key = r
        .key()
        .map(|k| format!(" ({} {k:?})", r.kind()))
        .unwrap_or_default();
    format!("{}s[{}]{key}", r.kind(), r.index())
}

fn rejected_json(r: &Rejected) -> Value {
    json!({
        "entity": r.kind().to_string(),
        "index": r.index(),
        "key": r.key(),
        "errors": r.diagnostics(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(5, "entity"), "5 entities");
        assert_eq!(count(0, "warning"), "0 warnings");
    }

    #[test]
    fn rules_are_read_by_code_whatever_the_case() {
        assert_eq!(parse_rule("p-w003").map(Rule::code), Ok("P-W003"));
        assert!(parse_rule("P-W999").is_err());
    }
}
