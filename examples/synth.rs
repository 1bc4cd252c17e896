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

#[macro_use]
mod common;

use std::process::ExitCode;
use std::time::Instant;

use pactum::synth::Synth;
use pactum::Registry;

const USAGE: &str =
    "usage: synth --n AGREEMENTS --out FILE [--seed S] [--multilateral PCT] [--pretty]";

fn main() -> ExitCode {
    let args = common::Args::parse(
        USAGE,
        &["--n", "--seed", "--out", "--multilateral"],
        &["--pretty"],
    );
    let n: usize = args.parsed("--n").unwrap_or(10_000);
    let seed: u64 = args.parsed("--seed").unwrap_or(1);
    let multilateral: u32 = args.parsed("--multilateral").unwrap_or(0);
    let Some(out) = args.value("--out") else {
        args.usage_error("--out FILE is required")
    };
    common::finish(run(n, seed, multilateral, out, args.switch("--pretty")))
}

fn run(n: usize, seed: u64, multilateral: u32, out: &str, pretty: bool) -> Result<(), String> {
    let started = Instant::now();
    let json = Synth::new(n).seed(seed).multilateral(multilateral).json();
    let generated = started.elapsed();
    let started = Instant::now();
    let registry = Registry::from_json_str(&json)
        .map_err(|e| format!("the generated dataset is invalid: {e}"))?;
    let loaded = started.elapsed();
    let text = if pretty {
        registry.to_json_string()
    } else {
        json
    };
    std::fs::write(out, &text).map_err(|e| format!("cannot write {out}: {e}"))?;
    say!(
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
    Ok(())
}
