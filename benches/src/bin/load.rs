//! The library's load of a data file and nothing else
//! (`Registry::from_path`), for comparing a command's time and memory
//! with it (`scripts/validate_memory.sh`).
//!
//! ```text
//! cargo run --release -p pactum-bench --bin load -- FILE
//! ```
//!
//! Exits with 0 when the file is valid, 1 when it is not, 2 when no file is
//! named.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load FILE");
        return ExitCode::from(2);
    };
    match pactum::Registry::from_path(&path) {
        Ok(registry) => {
            println!("{path}: {} entities", registry.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(1)
        }
    }
}
