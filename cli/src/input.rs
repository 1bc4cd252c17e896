//! What the commands read: data files (or standard input), days, and a
//! progress indicator for loads that take a while.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pactum::{Diagnostic, Limits, LintSelection, LoadError, Quarantine, Registry, Rejected};

use crate::fail::{lowercase_io, Fail};

/// The `--data` flag of the commands that question a dataset.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArg {
    /// The data file (`-` reads standard input); the embedded seed dataset
    /// when neither this nor PACTUM_DATA is given.
    #[arg(long, short = 'd', value_name = "FILE", env = "PACTUM_DATA")]
    pub data: Option<PathBuf>,
}

impl DataArg {
    /// The dataset named, or the seed dataset.
    pub fn load(&self) -> Result<Registry, Fail> {
        match &self.data {
            Some(path) => load(path),
            None => Ok(pactum::seed()),
        }
    }
}

/// The `--on` flag: the day a question is asked about.
#[derive(Debug, Clone, clap::Args)]
pub struct OnArg {
    /// The day the question is asked about (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    pub on: Option<NaiveDate>,
}

impl OnArg {
    /// The day given, or today in UTC.
    pub fn day(&self) -> NaiveDate {
        self.on.unwrap_or_else(|| chrono::Utc::now().date_naive())
    }
}

/// Reads a day such as `2024-06-01`.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let expected = || "expected a day such as 2024-06-01 (YYYY-MM-DD)".to_owned();
    // chrono alone would take `2023-1-1`: only the one written form is a day.
    let shape = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape {
        return Err(expected());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| expected())
}

/// How a file is named in messages: `<stdin>` for `-`.
pub fn shown(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Loads a valid dataset from a file, or standard input for `-`.
pub fn load(path: &Path) -> Result<Registry, Fail> {
    let progress = Progress::start(format!("loading {}", shown(path)));
    let loaded = if is_stdin(path) {
        Registry::from_reader_with(std::io::stdin().lock(), &Limits::default())
    } else {
        Registry::from_path_with(path, &Limits::default())
    };
    drop(progress);
    loaded.map_err(|e| load_failure(path, e))
}

/// What a failed load says: an unreadable file is a usage error (exit 2),
/// anything else invalid data (exit 1).
pub fn load_failure(path: &Path, e: LoadError) -> Fail {
    match e {
        LoadError::Io(io) | LoadError::Read { source: io, .. } => Fail::Usage(format!(
            "{}: cannot read the data file: {}",
            shown(path),
            lowercase_io(&io)
        )),
        other => Fail::Data(format!(
            "{}: {other} (`pactum validate` lists every problem)",
            shown(path)
        )),
    }
}

/// What `validate` learns from a file: the valid part (all of it when the
/// file is valid), every error, and the entities set aside.
pub struct Validation {
    part: Part,
    /// Every error found, with paths into the file.
    pub errors: Vec<Diagnostic>,
    /// The entities left out of the valid part, with why.
    pub rejected: Vec<Rejected>,
}

/// The valid part of a file.
enum Part {
    /// The file is valid: all of it.
    Whole(Registry),
    /// The file is invalid: what a quarantine load kept, which knows each
    /// entity's place in the file.
    Kept(Quarantine),
    /// No part could be read (a syntax error at the top level, an unknown
    /// format version).
    Nothing,
}

/// Loads a file for `validate`: strictly first (the fast path, and the
/// least memory, for a valid file), then, when it is invalid, in quarantine
/// for the valid part and every entity's errors.
pub fn load_for_validation(path: &Path) -> Result<Validation, Fail> {
    let limits = Limits::default();
    let progress = Progress::start(format!("checking {}", shown(path)));
    let (loaded, text) = if is_stdin(path) {
        let text = read_text(path)?;
        (Registry::from_json_str_with(&text, &limits), Some(text))
    } else {
        (Registry::from_path_with(path, &limits), None)
    };
    let err = match loaded {
        Ok(registry) => return Ok(Validation::of(Part::Whole(registry), Vec::new())),
        Err(e @ (LoadError::Io(_) | LoadError::Read { .. })) => return Err(load_failure(path, e)),
        Err(e) => e,
    };
    if !matches!(err, LoadError::Invalid(_) | LoadError::Syntax { .. }) {
        return Ok(Validation::of(Part::Nothing, err.diagnostics()));
    }
    let kept = match text {
        Some(text) => Registry::quarantine_json_str(&text, &limits),
        None => Registry::quarantine_path(path, &limits),
    };
    drop(progress);
    Ok(match kept {
        Ok(q) => Validation {
            errors: q.errors(),
            rejected: q.rejected().to_vec(),
            part: Part::Kept(q),
        },
        Err(e @ (LoadError::Io(_) | LoadError::Read { .. })) => return Err(load_failure(path, e)),
        Err(_) => Validation::of(Part::Nothing, err.diagnostics()),
    })
}

impl Validation {
    fn of(part: Part, errors: Vec<Diagnostic>) -> Validation {
        Validation {
            part,
            errors,
            rejected: Vec::new(),
        }
    }

    /// The valid part, when there is one.
    pub fn registry(&self) -> Option<&Registry> {
        match &self.part {
            Part::Whole(registry) => Some(registry),
            Part::Kept(q) => Some(q.registry()),
            Part::Nothing => None,
        }
    }

    /// The lints of the valid part as of `day`, with paths into the file.
    pub fn lint(&self, day: NaiveDate, selection: &LintSelection) -> Vec<Diagnostic> {
        match &self.part {
            Part::Whole(registry) => registry.lint_with(day, selection),
            Part::Kept(q) => q.lint_with(day, selection),
            Part::Nothing => Vec::new(),
        }
    }
}

/// The whole text of a file, or of standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, Fail> {
    let mut text = String::new();
    let read = if is_stdin(path) {
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
    };
    read.map_err(|e| {
        Fail::Usage(format!(
            "{}: cannot read the data file: {}",
            shown(path),
            lowercase_io(&e)
        ))
    })?;
    Ok(text)
}

/// A spinner on standard error, shown only when standard error is a
/// terminal and the work has already taken a second: short commands and
/// scripts see nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    done: Arc<AtomicBool>,
}

impl Progress {
    /// Starts timing `what`.
    pub fn start(what: String) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None, done };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(what);
        let (shown, finished) = (bar.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            for _ in 0..10 {
                std::thread::sleep(Duration::from_millis(100));
                if finished.load(Ordering::Acquire) {
                    return;
                }
            }
            shown.set_draw_target(ProgressDrawTarget::stderr());
            shown.enable_steady_tick(Duration::from_millis(120));
        });
        Progress {
            bar: Some(bar),
            done,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Release);
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_read_in_iso_form_only() {
        assert_eq!(
            parse_day("2024-06-01"),
            Ok(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default())
        );
        assert!(parse_day("2024-13-01").is_err());
        assert!(parse_day("01/06/2024").is_err());
        assert!(parse_day("2023-1-1").is_err());
        assert!(parse_day("+2023-01-01").is_err());
    }

    #[test]
    fn standard_input_is_named_as_such() {
        assert_eq!(shown(Path::new("-")), "<stdin>");
        assert_eq!(shown(Path::new("a.json")), "a.json");
    }
}
