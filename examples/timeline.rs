//! The timeline of a dataset, filtered from the command line.
//!
//! ```text
//! cargo run --example timeline -- [--data FILE] [--from DAY] [--to DAY] [--certainly]
//!     [--area KEY] [--institution KEY] [--partnership KEY] [--kind KIND]...
//! cargo run --example timeline -- --in-force-on DAY
//! cargo run --example timeline -- --overdue-as-of DAY
//! cargo run --example timeline -- --next-meeting KEY --from DAY
//! ```
//!
//! Without `--data` it reads the embedded seed dataset. `--area` and
//! `--institution` include sub-areas and sub-institutions. Days are
//! `YYYY-MM-DD`; there is no implicit today.

use std::process::ExitCode;

use chrono::NaiveDate;
use pactum::{CommitmentState, EventKind, Hit, Registry, Window};

const FLAGS: [&str; 13] = [
    "--data",
    "--from",
    "--to",
    "--certainly",
    "--area",
    "--institution",
    "--partnership",
    "--kind",
    "--in-force-on",
    "--overdue-as-of",
    "--next-meeting",
    "--limit",
    "--help",
];

#[derive(Default)]
struct Args {
    data: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    certainly: bool,
    area: Option<String>,
    institution: Option<String>,
    partnership: Option<String>,
    kinds: Vec<EventKind>,
    in_force_on: Option<NaiveDate>,
    overdue_as_of: Option<NaiveDate>,
    next_meeting: Option<String>,
    limit: Option<usize>,
}

fn did_you_mean(flag: &str) -> String {
    FLAGS
        .iter()
        .map(|f| (strsim::levenshtein(flag, f), f))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, f)| format!("; did you mean {f}?"))
        .unwrap_or_default()
}

fn parse_day(flag: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{flag} {value:?}: expected a day YYYY-MM-DD"))
}

fn parse_args(mut raw: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args::default();
    while let Some(flag) = raw.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        if flag == "--certainly" {
            args.certainly = true;
            continue;
        }
        if !FLAGS.contains(&flag.as_str()) {
            return Err(format!("unknown flag {flag:?}{}", did_you_mean(&flag)));
        }
        let value = raw.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--data" => args.data = Some(value),
            "--from" => args.from = Some(parse_day(&flag, &value)?),
            "--to" => args.to = Some(parse_day(&flag, &value)?),
            "--area" => args.area = Some(value),
            "--institution" => args.institution = Some(value),
            "--partnership" => args.partnership = Some(value),
            "--kind" => args
                .kinds
                .push(value.parse().map_err(|e| format!("--kind: {e}"))?),
            "--in-force-on" => args.in_force_on = Some(parse_day(&flag, &value)?),
            "--overdue-as-of" => args.overdue_as_of = Some(parse_day(&flag, &value)?),
            "--next-meeting" => args.next_meeting = Some(value),
            "--limit" => {
                args.limit = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--limit {value:?}: expected a number"))?,
                )
            }
            _ => return Err(format!("unknown flag {flag:?}")),
        }
    }
    Ok(Some(args))
}

fn print_hit(hit: &Hit<'_>) {
    let e = hit.event();
    let maybe = if hit.is_certain() { "" } else { " (possibly)" };
    println!(
        "{:<24} {:<23} {:<38} {}{maybe}",
        e.date().to_string(),
        e.kind().label(),
        e.key(),
        e.subject().label()
    );
}

fn run(args: &Args, registry: &Registry) -> Result<(), String> {
    if let Some(day) = args.in_force_on {
        for a in registry.in_force_on(day) {
            let how = if a.is_certain() {
                "certainly"
            } else {
                "possibly"
            };
            println!("{how:<10} {}", a.key());
        }
        return Ok(());
    }
    if let Some(day) = args.overdue_as_of {
        for hit in registry.commitments_as_of(CommitmentState::Overdue, day) {
            let c = hit.commitment();
            let due = c.due().map(ToString::to_string).unwrap_or_default();
            let maybe = if hit.is_certain() { "" } else { " (possibly)" };
            println!(
                "due {due:<12} {:<36} {}{maybe}",
                c.key().as_str(),
                c.description()
            );
        }
        return Ok(());
    }
    if let Some(key) = &args.next_meeting {
        let day = args
            .from
            .ok_or("--next-meeting needs --from DAY: the day to look ahead from")?;
        match registry.next_meeting(key, day).map_err(|e| e.to_string())? {
            Some(hit) => print_hit(&hit),
            None => println!("no meeting of {key} after {day}"),
        }
        return Ok(());
    }
    let window = match (args.from, args.to) {
        (Some(from), Some(to)) => Window::new(from, to).map_err(|e| e.to_string())?,
        (Some(from), None) => Window::since(from),
        (None, Some(to)) => Window::until(to),
        (None, None) => Window::all(),
    };
    let mut query = registry.timeline().within(window);
    if args.certainly {
        query = query.certainly();
    }
    if let Some(area) = &args.area {
        query = query.area_or_below(area);
    }
    if let Some(institution) = &args.institution {
        query = query.institution_or_below(institution);
    }
    if let Some(partnership) = &args.partnership {
        query = query.partnership(partnership);
    }
    for &kind in &args.kinds {
        query = query.kind(kind);
    }
    if let Some(n) = args.limit {
        query = query.limit(n);
    }
    for hit in query.run().map_err(|e| e.to_string())? {
        print_hit(&hit);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("usage: timeline [--data FILE] [--from DAY] [--to DAY] [--certainly] [--area KEY] [--institution KEY] [--partnership KEY] [--kind KIND]... [--limit N]");
            println!("       timeline --in-force-on DAY | --overdue-as-of DAY | --next-meeting KEY --from DAY");
            let kinds: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
            println!("kinds: {}", kinds.join(", "));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let registry = match &args.data {
        Some(path) => match Registry::from_path(path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => pactum::seed(),
    };
    match run(&args, &registry) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
