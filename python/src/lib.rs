//! pactum for Python: the native module `pactum._pactum`, re-exported by
//! the `pactum` package (`python/pactum/__init__.py`).
//!
//! Every library error becomes a Python exception (`ValidationError`,
//! `QueryError`, `ValueError`, `OSError`), never a panic; loads, index
//! builds and questions run with the GIL released; answers with rows are
//! Arrow tables (`Table`) built by the library's own export code.

mod errors;
#[cfg(feature = "datafusion")]
mod provider;
mod registry;
mod rows;
mod table;
mod values;

use std::path::PathBuf;

use pactum::export::arrow::arrow_array::RecordBatch;
use pactum::{Limits, Registry as Inner};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use pyo3_arrow::PyTable;

use errors::{raise, Diagnostic, Outcome};
use registry::{Event, Registry};
use table::Table;
use values::{Date, Entity};

/// A loaded registry for Python. Its indexes are built by the first
/// question that needs them (with the GIL released, as every question
/// runs), or all at once by `Registry.build_indexes()`: a load costs what
/// the library's load costs.
fn ready(registry: Inner) -> Registry {
    Registry::wrap(registry)
}

/// Loads the data file at `path`; raises ValidationError with every
/// problem when it breaks a rule, OSError when it cannot be read.
#[pyfunction]
fn load(py: Python<'_>, path: PathBuf) -> PyResult<Registry> {
    let out: Outcome<Registry> =
        py.detach(|| Ok(ready(Inner::from_path_with(&path, &Limits::default())?)));
    raise(py, out)
}

/// Loads a dataset from the text of a data file; raises ValidationError
/// with every problem when it breaks a rule.
#[pyfunction]
fn loads(py: Python<'_>, text: &str) -> PyResult<Registry> {
    let text = text.to_owned();
    let out: Outcome<Registry> = py.detach(move || Ok(ready(Inner::from_json_str(&text)?)));
    raise(py, out)
}

/// The embedded seed dataset.
#[pyfunction]
fn seed(py: Python<'_>) -> Registry {
    py.detach(|| ready(pactum::seed()))
}

/// An entity left out of a quarantined dataset, with why.
#[pyclass(frozen, get_all, module = "pactum")]
pub struct Rejected {
    /// The kind of entity (`meeting`).
    pub kind: String,
    /// Its position in its array of the file (0-based).
    pub index: usize,
    /// Its key, when it has a readable one.
    pub key: Option<String>,
    /// Every problem that rejects it.
    pub diagnostics: Vec<Diagnostic>,
}

#[pymethods]
impl Rejected {
    fn __repr__(&self) -> String {
        format!(
            "<rejected {} {} ({} problems)>",
            self.kind,
            self.key.as_deref().unwrap_or("without a key"),
            self.diagnostics.len()
        )
    }
}

/// The valid part of a data file and the entities left out.
#[pyclass(frozen, get_all, module = "pactum")]
pub struct Quarantine {
    /// The entities that passed every check, as a registry.
    pub registry: Py<Registry>,
    /// The entities left out, each with its problems.
    pub rejected: Vec<Py<Rejected>>,
}

#[pymethods]
impl Quarantine {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<pactum.Quarantine: {} entities kept, {} rejected>",
            self.registry.get().read(py, |r| Ok(r.len()))?,
            self.rejected.len()
        ))
    }
}

/// Loads what is valid of the data file at `path` and sets aside every
/// entity that breaks a rule (or that refers to one that does). Raises
/// ValidationError only when the file as a whole cannot be read (not
/// JSON, wrong version).
#[pyfunction]
fn quarantine(py: Python<'_>, path: PathBuf) -> PyResult<Quarantine> {
    let out: Outcome<_> = py.detach(|| {
        let q = Inner::quarantine_path(&path, &Limits::default())?;
        let rejected: Vec<Rejected> = q
            .rejected()
            .iter()
            .map(|r| Rejected {
                kind: r.kind().as_str().to_owned(),
                index: r.index(),
                key: r.key().map(str::to_owned),
                diagnostics: r.diagnostics().iter().map(Diagnostic::from).collect(),
            })
            .collect();
        Ok((ready(q.into_registry()), rejected))
    });
    let (registry, rejected) = raise(py, out)?;
    Ok(Quarantine {
        registry: Py::new(py, registry)?,
        rejected: rejected
            .into_iter()
            .map(|r| Py::new(py, r))
            .collect::<PyResult<_>>()?,
    })
}

/// Reads a dataset back from its exported tables: a directory of Parquet
/// files (`mous.parquet`, …) or of CSV files (`mous.csv`, …), or a mapping
/// from table name to any Arrow table (a pyarrow Table, a polars
/// DataFrame, a pactum Table). Raises ValidationError with every problem.
#[pyfunction]
fn from_tables(py: Python<'_>, tables: &Bound<'_, PyAny>) -> PyResult<Registry> {
    if let Ok(dict) = tables.cast::<PyDict>() {
        let mut named: Vec<(String, Vec<RecordBatch>)> = Vec::new();
        for (name, table) in dict.iter() {
            let name: String = name
                .extract()
                .map_err(|_| PyTypeError::new_err("expected table names as str keys"))?;
            let (batches, _schema) = table.extract::<PyTable>()?.into_inner();
            named.push((name, batches));
        }
        let out: Outcome<Registry> = py.detach(move || {
            let pairs = named
                .iter()
                .flat_map(|(n, bs)| bs.iter().map(move |b| (n.as_str(), b)));
            Ok(ready(pactum::import::arrow::from_batches(pairs)?))
        });
        return raise(py, out);
    }
    if tables.cast::<PyString>().is_err() && !tables.hasattr("__fspath__")? {
        return Err(PyTypeError::new_err(
            "expected a directory path or a dict of table name to Arrow table",
        ));
    }
    let dir: PathBuf = tables.extract()?;
    let out: Outcome<Registry> = py.detach(move || {
        let parquet = std::fs::read_dir(&dir)?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "parquet"));
        let registry = if parquet {
            pactum::import::arrow::read_parquet_dir(&dir)?
        } else {
            pactum::import::csv::read_dir(&dir)?
        };
        Ok(ready(registry))
    });
    raise(py, out)
}

/// The native module.
#[pymodule]
fn _pactum(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(seed, m)?)?;
    m.add_function(wrap_pyfunction!(quarantine, m)?)?;
    m.add_function(wrap_pyfunction!(from_tables, m)?)?;
    m.add_class::<Registry>()?;
    m.add_class::<Table>()?;
    m.add_class::<Date>()?;
    m.add_class::<Entity>()?;
    m.add_class::<Event>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Rejected>()?;
    m.add_class::<Quarantine>()?;
    m.add("ValidationError", py.get_type::<errors::ValidationError>())?;
    m.add("QueryError", py.get_type::<errors::QueryError>())?;
    m.add("FORMAT_VERSION", pactum::FORMAT_VERSION)?;
    Ok(())
}
