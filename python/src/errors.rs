//! pactum's errors as Python exceptions: `ValidationError` with its
//! diagnostics, `QueryError` with its suggestion, `ValueError` for a bad
//! date, `OSError` for a file that cannot be read or written.

use pactum::import::{ImportError, ImportProblem};
use pactum::{LoadError, QueryError as RustQueryError, ValidationError as RustValidationError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyList;

create_exception!(
    pactum,
    ValidationError,
    PyException,
    "Data that breaks pactum's rules: `.diagnostics` lists every problem."
);
create_exception!(
    pactum,
    QueryError,
    PyException,
    "A question that names something the registry does not have: `.suggestion` is a close known key, or None."
);

/// One problem found in data: the rule it breaks (`P-E008`), how serious
/// it is, the entity and the JSON path it is at, and what was expected.
#[pyclass(frozen, get_all, module = "pactum")]
#[derive(Clone)]
pub struct Diagnostic {
    /// The rule's stable code, such as `P-E008` or `P-W001`.
    pub rule: String,
    /// `error` (the data is rejected) or `warning`.
    pub severity: String,
    /// The kind of entity (`meeting`), when the problem is in one.
    pub entity: Option<String>,
    /// The entity's key, when known.
    pub key: Option<String>,
    /// The JSON path of the field (`meetings[4].date`), or a file, row and
    /// column for tables.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

#[pymethods]
impl Diagnostic {
    fn __repr__(&self) -> String {
        let key = self
            .key
            .as_deref()
            .map(|k| format!(" {k}"))
            .unwrap_or_default();
        format!(
            "<{} {}{key} at {:?}: {}>",
            self.severity, self.rule, self.path, self.message
        )
    }

    fn __str__(&self) -> String {
        format!("{} {}: {}", self.severity, self.rule, self.message)
    }
}

impl From<&pactum::Diagnostic> for Diagnostic {
    fn from(d: &pactum::Diagnostic) -> Diagnostic {
        Diagnostic {
            rule: d.rule().code().to_owned(),
            severity: d.severity().to_string(),
            entity: d.entity().map(|e| e.as_str().to_owned()),
            key: d.key().map(str::to_owned),
            path: d.path().to_owned(),
            message: d.message().to_owned(),
        }
    }
}

impl From<&ImportProblem> for Diagnostic {
    fn from(p: &ImportProblem) -> Diagnostic {
        let mut path = p.file().to_owned();
        if let Some(row) = p.row_number() {
            path.push_str(&format!(", row {row}"));
        }
        if let Some(column) = p.column() {
            path.push_str(&format!(", column {column}"));
        }
        Diagnostic {
            rule: p.rule().map_or("import", |r| r.code()).to_owned(),
            severity: "error".to_owned(),
            entity: None,
            key: None,
            path,
            message: p.message().to_owned(),
        }
    }
}

/// Why an operation failed, held without the GIL and turned into a Python
/// exception once it is taken again.
pub(crate) enum Failure {
    /// Data that breaks rules, with its message and every diagnostic.
    Invalid(String, Vec<Diagnostic>),
    /// A question naming something unknown.
    Query(RustQueryError),
    /// A bad value (a day, a window, a kind name).
    Value(String),
    /// A file that cannot be read or written.
    Io(std::io::Error),
    /// The registry's lock was poisoned by a panic in another thread.
    Poisoned,
}

impl From<RustQueryError> for Failure {
    fn from(e: RustQueryError) -> Failure {
        Failure::Query(e)
    }
}

impl From<RustValidationError> for Failure {
    fn from(e: RustValidationError) -> Failure {
        Failure::Invalid(
            e.to_string(),
            e.diagnostics().iter().map(Diagnostic::from).collect(),
        )
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Failure {
        match e {
            LoadError::Io(io) => Failure::Io(io),
            LoadError::Read { path, source } => Failure::Io(std::io::Error::new(
                source.kind(),
                format!("cannot read {}: {source}", path.display()),
            )),
            other => Failure::Invalid(
                other.to_string(),
                other.diagnostics().iter().map(Diagnostic::from).collect(),
            ),
        }
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Failure {
        Failure::Invalid(
            e.to_string(),
            e.problems().iter().map(Diagnostic::from).collect(),
        )
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

impl From<pactum::export::arrow::arrow_schema::ArrowError> for Failure {
    fn from(e: pactum::export::arrow::arrow_schema::ArrowError) -> Failure {
        Failure::Value(format!("cannot build the table: {e}"))
    }
}

impl Failure {
    /// The Python exception.
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Invalid(message, diagnostics) => validation_error(py, message, diagnostics),
            Failure::Query(e) => query_error(py, &e),
            Failure::Value(message) => PyValueError::new_err(message),
            Failure::Io(e) => PyOSError::new_err(e.to_string()),
            Failure::Poisoned => PyRuntimeError::new_err(
                "the registry is unusable: an operation in another thread failed midway",
            ),
        }
    }
}

/// A `ValidationError` with its `.diagnostics`.
pub(crate) fn validation_error(
    py: Python<'_>,
    message: String,
    diagnostics: Vec<Diagnostic>,
) -> PyErr {
    let err = ValidationError::new_err(message);
    let list = diagnostics
        .into_iter()
        .map(|d| Py::new(py, d))
        .collect::<PyResult<Vec<_>>>()
        .and_then(|items| PyList::new(py, items));
    match list {
        Ok(list) => match err.value(py).setattr("diagnostics", list) {
            Ok(()) => err,
            Err(e) => e,
        },
        Err(e) => e,
    }
}

/// A `QueryError` with `.suggestion`, `.key` and `.what`.
fn query_error(py: Python<'_>, e: &RustQueryError) -> PyErr {
    let err = QueryError::new_err(e.to_string());
    let value = err.value(py);
    let set = value
        .setattr("suggestion", e.suggestion())
        .and_then(|()| value.setattr("key", e.key()))
        .and_then(|()| value.setattr("what", e.what()));
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A result whose failure is not yet a Python exception.
pub(crate) type Outcome<T> = Result<T, Failure>;

/// Turns an [`Outcome`] into a Python result.
pub(crate) fn raise<T>(py: Python<'_>, outcome: Outcome<T>) -> PyResult<T> {
    outcome.map_err(|f| f.into_py(py))
}
