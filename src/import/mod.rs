//! Imports: the tables of the CSV and Parquet exports read back into a
//! dataset.
//!
//! * `csv` (with the feature `csv`): [`csv::read_dir`] reads a directory
//!   that `pactum::export::csv::write_dir` wrote;
//! * `arrow` (with the feature `arrow`): [`arrow::read_parquet_dir`] reads
//!   one that `pactum::export::arrow::write_parquet_dir` wrote.
//!
//! The tables hold every field of a dataset (`docs/tables.md`), so an
//! export read back is the dataset exported: saved, it gives the same
//! bytes. Each entity is rebuilt through the checks of a JSON load, so
//! tables edited by hand or by other tools are held to the same rules as a
//! data file, and every problem is reported at once with the file, the row
//! (from 1, the header not counted) and the column it is in.
//!
//! Only the entity tables and the tables of their lists are read: the
//! event table and the day columns (`signed_earliest`, …), the `id`
//! columns and the `start` of an MOU are derived from the others, and are
//! ignored. A table that is missing is empty; a column that is missing is
//! an error when it holds a required field or names an owner, and empty
//! otherwise; a column the table does not have is an error.
//!
//! ```
//! # #[cfg(feature = "csv")] {
//! let registry = pactum::seed();
//! let dir = std::env::temp_dir().join(format!("pactum-import-doc-{}", std::process::id()));
//! pactum::export::csv::write_dir(&registry, &dir)?;
//! let back = pactum::import::csv::read_dir(&dir)?;
//! assert_eq!(back.to_json_string(), registry.to_json_string());
//! std::fs::remove_dir_all(&dir)?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use crate::model::diagnostic::Rule;

#[cfg(feature = "arrow")]
pub mod arrow;
mod build;
mod cells;
#[cfg(feature = "csv")]
pub mod csv;

/// Tables that could not be read back into a dataset: every problem found,
/// each with the file, row and column it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.problems))]
pub struct ImportError {
    problems: Vec<ImportProblem>,
}

impl ImportError {
    pub(crate) fn new(problems: Vec<ImportProblem>) -> ImportError {
        ImportError { problems }
    }

    /// Every problem, in the order of the tables and their rows.
    pub fn problems(&self) -> &[ImportProblem] {
        &self.problems
    }
}

fn summary(problems: &[ImportProblem]) -> String {
    match problems {
        [] => "the tables cannot be read".to_owned(),
        [one] => one.to_string(),
        [first, ..] => format!("{} problems; the first: {first}", problems.len()),
    }
}

/// What kind of problem an [`ImportProblem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImportErrorKind {
    /// A file could not be read (the message says why), or the directory
    /// holds none of the tables.
    Io,
    /// A file is not a table of the expected format (malformed CSV, not a
    /// Parquet file, a column of a type that cannot hold the field, a
    /// column the table does not have).
    Format,
    /// A column that holds a required field or names an owner is missing.
    MissingColumn,
    /// A cell does not hold what its column holds (a number, a JSON array,
    /// a known kind), or a row names an owner that no table has.
    Cell,
    /// The dataset the tables hold breaks a rule of the data file
    /// ([`ImportProblem::rule`] says which).
    Invalid,
}

/// One problem of a table: where it is and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImportProblem {
    kind: ImportErrorKind,
    file: String,
    row: Option<usize>,
    column: Option<String>,
    rule: Option<Rule>,
    entity: Option<String>,
    message: String,
}

impl ImportProblem {
    pub(crate) fn new(kind: ImportErrorKind, file: &str, message: impl Into<String>) -> Self {
        ImportProblem {
            kind,
            file: file.to_owned(),
            row: None,
            column: None,
            rule: None,
            entity: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(mut self, row: Option<usize>, column: Option<&str>) -> Self {
        self.row = row;
        self.column = column.map(str::to_owned);
        self
    }

    pub(crate) fn with_rule(mut self, rule: Rule, entity: Option<String>) -> Self {
        self.rule = Some(rule);
        self.entity = entity;
        self
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ImportErrorKind {
        self.kind
    }
    /// The file's name within the directory (`mous.csv`); empty for a
    /// problem of the directory itself.
    pub fn file(&self) -> &str {
        &self.file
    }
    /// The row, from 1 (the header is not counted); `None` for a problem of
    /// the whole file or column.
    pub fn row_number(&self) -> Option<usize> {
        self.row
    }
    /// The column's name; `None` for a problem of a whole file or row.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }
    /// The rule of the data file that the dataset breaks, for a problem of
    /// kind [`ImportErrorKind::Invalid`].
    pub fn rule(&self) -> Option<Rule> {
        self.rule
    }
    /// What was wrong and what was expected.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            f.write_str(&self.file)?;
            if let Some(row) = self.row {
                write!(f, ", row {row}")?;
            }
            if let Some(column) = &self.column {
                write!(f, ", column {column:?}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(entity) = &self.entity {
            write!(f, "{entity}: ")?;
        }
        f.write_str(&self.message)
    }
}
