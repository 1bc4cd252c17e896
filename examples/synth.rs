//! Writes a synthetic dataset, to try pactum at scale.
//!
//! ```text
//! cargo run --release --features synth --example synth -- --n 100000 --out synth.json [--seed 1] [--multilateral 30] [--pretty]
//! ```
//!
//! `--multilateral PCT` makes that percentage of the MOUs multilateral
//! conventions whose parties sign, ratify, accede, withdraw and rejoin.
//!
//! `--pretty` writes the canonical, pretty-printed form (loaded and saved by
//! pactum); the default is the generator's compact JSON.

use std::process::ExitCode;
use std::time::Instant;

use pactum::synth::Synth;
use pactum::Registry;

fn main() -> ExitCode {
    let mut n: usize = 10_000;
    let mut seed: u64 = 1;
    let mut out = None;
    let mut pretty = false;
    let mut multilateral: u32 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = |v: Option<String>| v.ok_or(format!("{arg} needs a value"));
        let parsed = match arg.as_str() {
            "--n" => value(args.next())
                .and_then(|v| v.parse().map(|x| n = x).map_err(|e| format!("--n: {e}"))),
            "--seed" => value(args.next()).and_then(|v| {
                v.parse()
                    .map(|x| seed = x)
                    .map_err(|e| format!("--seed: {e}"))
            }),
            "--out" => value(args.next()).map(|v| out = Some(v)),
            "--multilateral" => value(args.next()).and_then(|v| {
                v.parse()
                    .map(|x| multilateral = x)
                    .map_err(|e| format!("--multilateral: {e}"))
            }),
            "--pretty" => {
                pretty = true;
                Ok(())
            }
            _ => Err(format!("unexpected argument {arg:?}")),
        };
        if let Err(problem) = parsed {
            eprintln!(
                "synth: {problem}\nusage: synth --n AGREEMENTS --out FILE [--seed S] [--multilateral PCT] [--pretty]"
            );
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("synth: --out FILE is required");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let json = Synth::new(n).seed(seed).multilateral(multilateral).json();
    let generated = started.elapsed();
    let started = Instant::now();
    let registry = match Registry::from_json_str(&json) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("synth: the generated dataset is invalid: {e}");
            return ExitCode::from(1);
        }
    };
    let loaded = started.elapsed();
    let text = if pretty {
        registry.to_json_string()
    } else {
        json
    };
    if let Err(e) = std::fs::write(&out, &text) {
        eprintln!("synth: cannot write {out}: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{out}: {} entities ({} partnerships, {} mous, {} meetings, {} commitments, {} institutions, {} sources), {} bytes; generated in {:.2?}, loaded and validated in {:.2?}",
        registry.len(),
        registry.partnerships().len(),
        registry.mous().len(),
        registry.meetings().len(),
        registry.commitments().len(),
        registry.institutions().len(),
        registry.sources().len(),
        text.len(),
        generated,
        loaded
    );
    ExitCode::SUCCESS
}
