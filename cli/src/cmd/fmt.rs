//! `pactum fmt`: the canonical form of a data file (entities in key order,
//! dates in their one written form, absent fields left out).

use std::path::PathBuf;

use crate::fail::{Fail, Outcome};
use crate::input;
use crate::output::Out;

/// Rewrite a valid data file in canonical form, in place (atomically), or
/// print it for `-`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file (`-` reads standard input and writes standard output).
    file: PathBuf,
    /// Change nothing; exit with 1 when the file is not in canonical form.
    #[arg(long)]
    check: bool,
}

/// Runs `pactum fmt`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let text = input::read_text(&args.file)?;
    let name = input::shown(&args.file);
    let registry =
        pactum::Registry::from_json_str(&text).map_err(|e| input::load_failure(&args.file, e))?;
    let canonical = registry.to_json_string();
    let same = canonical == text;
    if args.check {
        if same {
            return Ok(Outcome::Success);
        }
        eprintln_quiet(&format!(
            "{name}: not in canonical form (`pactum fmt {name}` rewrites it)"
        ));
        return Ok(Outcome::Negative);
    }
    if args.file.as_os_str() == "-" {
        let mut out = Out::stdout();
        out.bytes(canonical.as_bytes())?;
        out.finish()?;
    } else if !same {
        registry
            .save(&args.file)
            .map_err(|e| Fail::io(&format!("{name}: cannot write"), &e))?;
    }
    Ok(Outcome::Success)
}

/// A note on standard error; a closed standard error is no reason to fail.
fn eprintln_quiet(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}
