//! `pactum in-force` and `pactum commitments`: where agreements and
//! commitments stand on a day.

use pactum::{Agreement, CommitmentState};
use serde_json::Value;

use crate::fail::{Fail, Outcome};
use crate::input::{DataArg, OnArg};
use crate::output::{col, Column, FormatArg, Listing, Out};

/// List the partnerships and MOUs in force on --on, possibly or certainly;
/// with --party, those in force for that institution by its own actions.
#[derive(Debug, clap::Args)]
pub struct InForceArgs {
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    on: OnArg,
    /// Only what is in force for this institution (its own signatures,
    /// accessions and withdrawals).
    #[arg(long, value_name = "KEY")]
    party: Option<String>,
    /// With --party, also what is in force for the institutions it
    /// succeeded (marked with the predecessor it comes through).
    #[arg(long, requires = "party")]
    with_predecessors: bool,
    #[command(flatten)]
    format: FormatArg,
}

const IN_FORCE: &[Column] = &[
    col("entity", 12),
    col("key", 39),
    col("certain", 8),
    col("through", 16),
    col("name", 0),
];

fn in_force_row(agreement: Agreement<'_>, certain: bool, through: Option<&str>) -> Vec<Value> {
    let (entity, name) = match agreement {
        Agreement::Partnership(p) => ("partnership", p.name()),
        Agreement::Mou(m) => ("mou", m.title()),
        _ => ("agreement", ""),
    };
    vec![
        entity.into(),
        agreement.key().into(),
        certain.into(),
        through.into(),
        name.into(),
    ]
}

/// Runs `pactum in-force`.
pub fn in_force(args: &InForceArgs) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let day = args.on.day();
    let rows: Vec<Vec<Value>> = match &args.party {
        Some(key) => {
            let found = if args.with_predecessors {
                registry.in_force_for_with_predecessors(key, day)
            } else {
                registry.in_force_for(key, day)
            };
            found
                .map_err(|e| Fail::Usage(e.to_string()))?
                .iter()
                .map(|f| {
                    in_force_row(
                        f.agreement(),
                        f.is_certain(),
                        f.through().map(|k| k.as_str()),
                    )
                })
                .collect()
        }
        None => registry
            .in_force_on(day)
            .iter()
            .map(|f| in_force_row(f.agreement(), f.is_certain(), None))
            .collect(),
    };
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, IN_FORCE)?;
    for row in rows {
        listing.row(row)?;
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}

/// List commitments as of --on by where they stand: open, met, missed,
/// dropped or overdue (open although certainly due before that day),
/// possibly or certainly.
#[derive(Debug, clap::Args)]
pub struct CommitmentArgs {
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    on: OnArg,
    /// Only these states (repeat or separate with commas); all by default.
    #[arg(
        long = "state",
        value_name = "STATE",
        value_enum,
        value_delimiter = ','
    )]
    states: Vec<StateArg>,
    #[command(flatten)]
    format: FormatArg,
}

/// Where a commitment stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StateArg {
    /// Not yet resolved.
    Open,
    /// Met.
    Met,
    /// Missed.
    Missed,
    /// Dropped.
    Dropped,
    /// Open although its due date certainly passed.
    Overdue,
}

impl StateArg {
    const ALL: [StateArg; 5] = [
        StateArg::Open,
        StateArg::Overdue,
        StateArg::Met,
        StateArg::Missed,
        StateArg::Dropped,
    ];

    fn state(self) -> CommitmentState {
        match self {
            StateArg::Open => CommitmentState::Open,
            StateArg::Met => CommitmentState::Met,
            StateArg::Missed => CommitmentState::Missed,
            StateArg::Dropped => CommitmentState::Dropped,
            StateArg::Overdue => CommitmentState::Overdue,
        }
    }

    fn name(self) -> &'static str {
        match self {
            StateArg::Open => "open",
            StateArg::Met => "met",
            StateArg::Missed => "missed",
            StateArg::Dropped => "dropped",
            StateArg::Overdue => "overdue",
        }
    }
}

const COMMITMENTS: &[Column] = &[
    col("state", 8),
    col("key", 39),
    col("due", 14),
    col("certain", 8),
    col("description", 0),
];

/// Runs `pactum commitments`.
pub fn commitments(args: &CommitmentArgs) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let day = args.on.day();
    let states: Vec<StateArg> = if args.states.is_empty() {
        StateArg::ALL.to_vec()
    } else {
        StateArg::ALL
            .into_iter()
            .filter(|s| args.states.contains(s))
            .collect()
    };
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, COMMITMENTS)?;
    for state in states {
        for hit in registry.commitments_as_of(state.state(), day) {
            let c = hit.commitment();
            listing.row(vec![
                state.name().into(),
                c.key().as_str().into(),
                c.due().map(|d| d.to_string()).into(),
                hit.is_certain().into(),
                c.description().into(),
            ])?;
        }
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}
