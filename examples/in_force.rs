//! Prints what pactum says is in force on a day, as CSV (`kind,key,certain`,
//! sorted), to compare with the SQL of `docs/in_force_on.sql` run over the
//! Parquet export (see `scripts/in_force_check.py`). With `--party KEY`,
//! only what is in force *for* that institution (by its own actions:
//! `Registry::in_force_for`).
//!
//! ```text
//! cargo run --release --example in_force -- [--data FILE] --day YYYY-MM-DD [--party KEY]
//! ```

use pactum::{Agreement, Registry};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut data, mut day, mut party) = (None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data = args.next(),
            "--day" => day = args.next(),
            "--party" => party = args.next(),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let day: chrono::NaiveDate = day.ok_or("--day is required")?.parse()?;
    let registry = match data {
        Some(path) => Registry::from_path(&path)?,
        None => pactum::seed(),
    };
    let row = |agreement: Agreement<'_>, certain: bool| {
        let kind = match agreement {
            Agreement::Partnership(_) => "partnership",
            _ => "mou",
        };
        format!("{kind},{},{certain}", agreement.key())
    };
    let mut rows: Vec<String> = match party {
        Some(key) => registry
            .in_force_for(&key, day)?
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
    println!("kind,key,certain");
    for r in rows {
        println!("{r}");
    }
    Ok(())
}
