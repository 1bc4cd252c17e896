//! `pactum merge`: one data file into another, conflicts field by field.

use std::path::PathBuf;

use pactum::{MergePolicy, MergeReport};
use serde_json::Value;

use crate::fail::{Fail, Outcome};
use crate::input;
use crate::output::{col, Column, FormatArg, Listing, Out};

/// Merge THEIRS into OURS and write the result to --out; list what was
/// added and every conflict. With the policy `fail` (the default) a
/// conflict writes nothing and exits with 1.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Our data file (`-` reads standard input).
    ours: PathBuf,
    /// Their data file.
    theirs: PathBuf,
    /// Where to write the merged dataset.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// What to do with an entity both files have with different content.
    #[arg(long, value_enum, default_value_t = Policy::Fail)]
    policy: Policy,
    #[command(flatten)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Policy {
    /// Write nothing and report every conflict.
    Fail,
    /// Keep our version, and report the conflict.
    KeepOurs,
    /// Take their version, and report the conflict.
    TakeTheirs,
}

const CHANGES: &[Column] = &[
    col("change", 9),
    col("entity", 12),
    col("key", 39),
    col("field", 16),
    col("detail", 0),
];

/// Runs `pactum merge`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    if args.ours.as_os_str() == "-" && args.theirs.as_os_str() == "-" {
        return Err(Fail::Usage(
            "only one of the two files can be read from standard input".to_owned(),
        ));
    }
    let mut ours = input::load(&args.ours)?;
    let theirs = input::load(&args.theirs)?;
    let policy = match args.policy {
        Policy::Fail => MergePolicy::Fail,
        Policy::KeepOurs => MergePolicy::KeepOurs,
        Policy::TakeTheirs => MergePolicy::TakeTheirs,
    };
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, CHANGES)?;
    let outcome = match ours.merge(&theirs, policy) {
        Ok(report) => {
            for row in report_rows(&report) {
                listing.row(row)?;
            }
            ours.save(&args.out)
                .map_err(|e| Fail::io(&format!("{}: cannot write", args.out.display()), &e))?;
            Outcome::Success
        }
        Err(e) => {
            for d in e.diagnostics() {
                listing.row(vec![
                    "rejected".into(),
                    d.entity().map(|k| k.to_string()).into(),
                    d.key().into(),
                    d.path().into(),
                    format!("{}: {}", d.rule().code(), d.message()).into(),
                ])?;
            }
            Outcome::Negative
        }
    };
    listing.finish()?;
    out.finish()?;
    Ok(outcome)
}

fn report_rows(report: &MergeReport) -> Vec<Vec<Value>> {
    let mut rows: Vec<Vec<Value>> = report
        .added()
        .iter()
        .map(|(kind, key)| {
            vec![
                "added".into(),
                kind.to_string().into(),
                key.as_str().into(),
                Value::Null,
                Value::Null,
            ]
        })
        .collect();
    for conflict in report.conflicts() {
        for field in conflict.fields() {
            let show = |v: Option<&Value>| v.map_or_else(|| "absent".to_owned(), Value::to_string);
            rows.push(vec![
                "conflict".into(),
                conflict.kind().to_string().into(),
                conflict.key().into(),
                field.field().into(),
                format!(
                    "ours {}, theirs {}",
                    show(field.ours()),
                    show(field.theirs())
                )
                .into(),
            ]);
        }
    }
    rows
}
