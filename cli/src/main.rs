//! `pactum`: check, query, export and draw datasets of technology-cooperation
//! agreements from the command line.
//!
//! Every subcommand is a thin layer over the `pactum` library: this crate
//! reads arguments, loads the dataset and prints what the library answers.
//! See `docs/cli.md` for a guide with tested samples.

mod cmd;
mod fail;
mod input;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use crate::fail::{Fail, Outcome};

/// Shown after the list of subcommands by `pactum --help`: the conventions
/// every subcommand shares, documented once.
const CONVENTIONS: &str = "\
Datasets:
  A dataset is one pactum JSON file. Subcommands that question a dataset read
  --data FILE (or the PACTUM_DATA variable), the embedded seed dataset when
  neither is given; `validate`, `fmt` and `merge` take files as arguments.
  A file named `-` is read from standard input.

Days:
  Every question about time is asked about one day, given as --on YYYY-MM-DD
  (validate's lints, in-force, commitments, meetings next and previous, the
  calendar stamp of export and the today line of plot). Without --on, the day
  is today in UTC.

Output:
  Every listing takes --format text|json|csv (default text). Errors go to
  standard error; output cut short by a closed pipe ends quietly.

Exit codes:
  0  success; the data is valid
  1  invalid data, `fmt --check` differences, merge conflicts, `lookup` that
     finds nothing, `validate --deny-warnings` with warnings
  2  a usage error, or a file that cannot be read or written";

/// Check, query, export and draw datasets of technology-cooperation
/// agreements.
#[derive(Debug, Parser)]
#[command(name = "pactum", version, after_long_help = CONVENTIONS)]
#[command(propagate_version = true, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a data file: every error, and the lints of its valid part.
    Validate(cmd::validate::Args),
    /// Rewrite a data file in canonical form, or check that it is.
    Fmt(cmd::fmt::Args),
    /// List events (signings, meetings, deadlines...) with filters.
    Timeline(cmd::timeline::Args),
    /// List the agreements in force on a day, for everyone or one party.
    InForce(cmd::agreements::InForceArgs),
    /// List commitments by where they stand on a day.
    Commitments(cmd::agreements::CommitmentArgs),
    /// The next or previous meeting of a partnership or series, or its cadence.
    Meetings(cmd::meetings::Args),
    /// Write the dataset as CSV tables, Parquet, iCalendar, DOT or its schema.
    Export(cmd::export::Args),
    /// Read the tables of `export --format csv|parquet` back into a data file.
    Import(cmd::import::Args),
    /// Draw the timeline, area coverage and signing network as SVG.
    Plot(cmd::plot::Args),
    /// Merge one data file into another, with a policy for conflicts.
    Merge(cmd::merge::Args),
    /// Find institutions and technology areas by any of their names.
    Lookup(cmd::lookup::Args),
    /// Count the entities and events of a dataset.
    Stats(cmd::stats::Args),
    /// Print a shell completion script.
    Completions(CompletionArgs),
}

#[derive(Debug, clap::Args)]
struct CompletionArgs {
    /// The shell to complete for.
    shell: clap_complete::Shell,
}

fn run(cli: Cli) -> Result<Outcome, Fail> {
    match cli.command {
        Command::Validate(args) => cmd::validate::run(&args),
        Command::Fmt(args) => cmd::fmt::run(&args),
        Command::Timeline(args) => cmd::timeline::run(&args),
        Command::InForce(args) => cmd::agreements::in_force(&args),
        Command::Commitments(args) => cmd::agreements::commitments(&args),
        Command::Meetings(args) => cmd::meetings::run(&args),
        Command::Export(args) => cmd::export::run(&args),
        Command::Import(args) => cmd::import::run(&args),
        Command::Plot(args) => cmd::plot::run(&args),
        Command::Merge(args) => cmd::merge::run(&args),
        Command::Lookup(args) => cmd::lookup::run(&args),
        Command::Stats(args) => cmd::stats::run(&args),
        Command::Completions(args) => {
            // Into memory first: the generator panics on a failed write,
            // and standard output may be a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "pactum", &mut script);
            let mut out = output::Out::stdout();
            out.bytes(&script)?;
            out.finish()?;
            Ok(Outcome::Success)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(outcome) => outcome.code(),
        Err(fail) => fail.report(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
