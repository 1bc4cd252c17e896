//! How a command ends: its exit code, and the message it leaves on
//! standard error.

use std::io;
use std::process::ExitCode;

/// A command that ran to its end: the data was fine, or it was not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: the command did its work; the data is valid.
    Success,
    /// Exit 1: the answer is "no": invalid data, a file not in canonical
    /// form, merge conflicts, a name that matches nothing.
    Negative,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Negative => ExitCode::from(1),
        }
    }
}

/// A command that could not finish.
#[derive(Debug)]
pub enum Fail {
    /// Exit 1 with a message: the data is invalid or the answer is empty.
    Data(String),
    /// Exit 2 with a message: bad arguments, or a file that cannot be read
    /// or written.
    Usage(String),
    /// Standard output was closed (piped to `head`): end quietly.
    ClosedPipe,
}

impl Fail {
    /// An I/O error on `what` (a file path, or "standard output"): a
    /// closed pipe ends quietly, anything else is exit 2 naming `what`.
    pub fn io(what: &str, e: &io::Error) -> Fail {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Fail::ClosedPipe;
        }
        Fail::Usage(format!("{what}: {}", lowercase_io(e)))
    }

    /// Prints the message and gives the exit code.
    pub fn report(self) -> ExitCode {
        let (code, message) = match self {
            Fail::Data(m) => (1, m),
            Fail::Usage(m) => (2, m),
            Fail::ClosedPipe => return ExitCode::SUCCESS,
        };
        // Standard error closed as well: nothing more can be said.
        let _ = writeln_stderr(&format!("error: {message}"));
        ExitCode::from(code)
    }
}

fn writeln_stderr(text: &str) -> io::Result<()> {
    use io::Write;
    let mut err = io::stderr().lock();
    writeln!(err, "{text}")
}

/// The operating system's message for an I/O error, in the library's style:
/// lowercase, without the "(os error 2)" suffix.
pub fn lowercase_io(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(at) => text.get(..at).unwrap_or(&text).to_owned(),
        None => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_messages_are_lowercase_without_the_os_error_number() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(lowercase_io(&e), "no such file or directory");
    }

    #[test]
    fn a_closed_pipe_is_not_an_error() {
        let e = io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(matches!(Fail::io("standard output", &e), Fail::ClosedPipe));
    }
}
