//! How well the embedded seed dataset (or a dataset file) is sourced: the
//! share of values a citation supports, inferred values counted apart, and
//! every value that nothing supports.
//!
//! Run with `cargo run --example provenance` or
//! `cargo run --example provenance -- data/seed.json`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let registry = match std::env::args().nth(1) {
        None => pactum::seed(),
        Some(path) => match pactum::Registry::from_path(&path) {
            Ok(registry) => registry,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    print!("{}", registry.provenance_coverage());
    ExitCode::SUCCESS
}
