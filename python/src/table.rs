//! The rows a question returns, as an Arrow table that pyarrow, polars,
//! pandas and DuckDB read through the Arrow PyCapsule interface.

use std::sync::Arc;

use pactum::export::arrow::arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use pactum::export::arrow::arrow_schema::{Field, SchemaRef};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};
use pyo3_arrow::ffi::{to_schema_pycapsule, to_stream_pycapsule, ArrayIterator};

/// A table of rows: read it with `polars.DataFrame(t)`, `pyarrow.table(t)`,
/// DuckDB, or `to_pandas()` / `to_polars()` / `to_pyarrow()`. The data is
/// handed over without a copy through Python objects.
#[pyclass(frozen, module = "pactum")]
pub struct Table {
    name: String,
    schema: SchemaRef,
    /// The rows, in one batch or a few (slices of the registry's kept
    /// event table, for a window's answer), in order.
    batches: Vec<RecordBatch>,
}

impl Table {
    /// A table called `name` holding `batch`.
    pub(crate) fn new(name: impl Into<String>, batch: RecordBatch) -> Table {
        Table {
            name: name.into(),
            schema: batch.schema(),
            batches: vec![batch],
        }
    }

    /// A table called `name` holding `batches` in order, all of the
    /// schema of `first`; `None` when there is no batch.
    pub(crate) fn of_batches(name: impl Into<String>, batches: Vec<RecordBatch>) -> Option<Table> {
        let schema = batches.first()?.schema();
        Some(Table {
            name: name.into(),
            schema,
            batches,
        })
    }

    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    fn rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

#[pymethods]
impl Table {
    /// The table's name (`events`, `mous`, `timeline`, ...).
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.rows()
    }

    /// The names of the columns, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// The values of one column as a Python list (None for a null).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let Some(i) = self.schema().index_of(name).ok() else {
            return Err(PyValueError::new_err(format!(
                "unknown column \"{}\"; expected one of {}",
                name.escape_default(),
                self.column_names().join(", ")
            )));
        };
        let mut values = Vec::with_capacity(self.rows());
        for batch in &self.batches {
            values.extend(column_values(py, batch.column(i).as_ref())?);
        }
        PyList::new(py, values)
    }

    /// The Arrow schema, as a PyCapsule (the Arrow PyCapsule interface).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.schema().as_ref())?)
    }

    /// The rows as an Arrow C stream, as a PyCapsule (the Arrow PyCapsule
    /// interface); `requested_schema` may ask for castable column types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = self.schema();
        let field = Field::new_struct("", schema.fields().clone(), false)
            .with_metadata(schema.metadata().clone());
        let arrays: Vec<ArrayRef> = self
            .batches
            .iter()
            .map(|b| Arc::new(StructArray::from(b.clone())) as ArrayRef)
            .collect();
        let reader = Box::new(ArrayIterator::new(arrays.into_iter().map(Ok), field.into()));
        Ok(to_stream_pycapsule(py, reader, requested_schema)?)
    }

    /// The table as a DataFusion table provider, for the `datafusion`
    /// package's `SessionContext.register_table(name, table)`: DataFusion
    /// scans the table's Arrow arrays where they are, without a copy.
    #[cfg(feature = "datafusion")]
    fn __datafusion_table_provider__<'py>(
        &self,
        py: Python<'py>,
        session: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        crate::provider::capsule(py, self.schema(), &self.batches, session)
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_pyarrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("pyarrow")?.call_method1("table", (slf,))
    }

    /// The table as a `polars.DataFrame` (needs polars).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.call_method1("DataFrame", (slf,))
    }

    /// The table as a `pandas.DataFrame` (needs pandas and pyarrow).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Table::to_pyarrow(slf)?.call_method0("to_pandas")
    }

    fn __len__(&self) -> usize {
        self.rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<pactum.Table {} ({} rows): {}>",
            self.name,
            self.rows(),
            self.column_names().join(", ")
        )
    }
}

/// The values of an array as Python objects, through pyarrow-free
/// conversions of the few types pactum's tables hold.
fn column_values<'py>(py: Python<'py>, array: &dyn Array) -> PyResult<Vec<Bound<'py, PyAny>>> {
    use pactum::export::arrow::arrow_array::cast::AsArray;
    use pactum::export::arrow::arrow_array::types::{Date32Type, Int64Type, UInt32Type};
    use pactum::export::arrow::arrow_schema::DataType;
    let none = || py.None().into_bound(py);
    let mut out = Vec::with_capacity(array.len());
    for i in 0..array.len() {
        if array.is_null(i) {
            out.push(none());
            continue;
        }
        let value = match array.data_type() {
            DataType::Utf8 => array
                .as_string::<i32>()
                .value(i)
                .into_pyobject(py)?
                .into_any(),
            DataType::Utf8View => array
                .as_string_view()
                .value(i)
                .into_pyobject(py)?
                .into_any(),
            DataType::Boolean => array
                .as_boolean()
                .value(i)
                .into_pyobject(py)?
                .to_owned()
                .into_any(),
            DataType::UInt32 => array
                .as_primitive::<UInt32Type>()
                .value(i)
                .into_pyobject(py)?
                .into_any(),
            DataType::Int64 => array
                .as_primitive::<Int64Type>()
                .value(i)
                .into_pyobject(py)?
                .into_any(),
            DataType::Date32 => match array.as_primitive::<Date32Type>().value_as_date(i) {
                Some(d) => d.into_pyobject(py)?.into_any(),
                None => none(),
            },
            other => {
                return Err(PyValueError::new_err(format!(
                    "cannot show a column of {other} as Python values; use to_pyarrow()"
                )))
            }
        };
        out.push(value);
    }
    Ok(out)
}
