//! What every example shares: reading its command line the same way
//! (`--help`, `--flag value`, `--switch`, plain arguments), saying errors
//! in words rather than as debug output, and ending quietly when its
//! output is piped into a command that stops reading (`| head`).
//!
//! This is not part of the library: the `pactum` command (`cli/`) is the
//! full command-line tool; the examples show the library.

#![allow(dead_code)] // each example uses part of it

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

/// A parsed command line.
pub struct Args {
    usage: &'static str,
    values: HashMap<&'static str, Vec<String>>,
    switches: Vec<&'static str>,
    plain: Vec<String>,
}

impl Args {
    /// Reads the command line: `valued` flags take a value (and may
    /// repeat), `switches` do not; anything else starting with `--` is an
    /// error. `--help` prints `usage` and exits.
    pub fn parse(usage: &'static str, valued: &[&'static str], switches: &[&'static str]) -> Args {
        let mut args = Args {
            usage,
            values: HashMap::new(),
            switches: Vec::new(),
            plain: Vec::new(),
        };
        let mut raw = std::env::args().skip(1);
        while let Some(arg) = raw.next() {
            if arg == "--help" || arg == "-h" {
                say(format_args!("{}", usage.trim_end()));
                std::process::exit(0);
            }
            if let Some(&flag) = valued.iter().find(|f| **f == arg) {
                match raw.next() {
                    Some(value) => args.values.entry(flag).or_default().push(value),
                    None => args.usage_error(&format!("{flag} needs a value")),
                }
            } else if let Some(&switch) = switches.iter().find(|s| **s == arg) {
                args.switches.push(switch);
            } else if arg.starts_with('-') && arg != "-" {
                args.usage_error(&format!("unknown flag {arg:?}"));
            } else {
                args.plain.push(arg);
            }
        }
        args
    }

    /// Ends the program with a usage error (exit code 2).
    pub fn usage_error(&self, problem: &str) -> ! {
        eprintln!("error: {problem}\n\n{}", self.usage.trim_end());
        std::process::exit(2)
    }

    /// The last value of a flag.
    pub fn value(&self, flag: &str) -> Option<&str> {
        self.values
            .get(flag)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a repeated flag.
    pub fn values(&self, flag: &str) -> &[String] {
        self.values.get(flag).map_or(&[], Vec::as_slice)
    }

    /// Whether a switch was given.
    pub fn switch(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }

    /// The arguments that are not flags.
    pub fn plain(&self) -> &[String] {
        &self.plain
    }

    /// The value of a flag, read with `FromStr`; a usage error when it
    /// does not read.
    pub fn parsed<T: std::str::FromStr>(&self, flag: &str) -> Option<T>
    where
        T::Err: fmt::Display,
    {
        let text = self.value(flag)?;
        match text.parse() {
            Ok(v) => Some(v),
            Err(e) => self.usage_error(&format!("{flag} {text:?}: {e}")),
        }
    }

    /// A day given as `YYYY-MM-DD`; a usage error otherwise.
    pub fn day(&self, flag: &str) -> Option<NaiveDate> {
        let text = self.value(flag)?;
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => self.usage_error(&format!(
                "{flag} {text:?}: expected a day such as 2024-06-01"
            )),
        }
    }

    /// The day of `--on`, or today (UTC) without it.
    pub fn on(&self) -> NaiveDate {
        self.day("--on").unwrap_or_else(today)
    }

    /// The dataset of `--data FILE`, or the seed dataset without it.
    pub fn registry(&self) -> Result<pactum::Registry, String> {
        match self.value("--data") {
            Some(path) => pactum::Registry::from_path(path).map_err(|e| format!("{path}: {e}")),
            None => Ok(pactum::seed()),
        }
    }
}

/// Today in UTC, from the system clock.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(secs / 86_400)))
        .unwrap_or_default()
}

/// Prints one line on standard output; ends the program quietly when
/// standard output was closed (the reader of a pipe stopped).
pub fn say(line: fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(2);
        }
        std::process::exit(0);
    }
}

/// `println!` that ends quietly on a closed pipe.
macro_rules! say {
    () => { $crate::common::say(format_args!("")) };
    ($($arg:tt)*) => { $crate::common::say(format_args!($($arg)*)) };
}

/// The exit code of a run: 0, or 1 with the error said in words.
pub fn finish<E: fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
