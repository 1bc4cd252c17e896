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
    use std::io::Write;
    // A reader that closes the pipe early (`| head`) ends the program
    // quietly.
    match write!(
        std::io::stdout().lock(),
        "{}",
        registry.provenance_coverage()
    ) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
