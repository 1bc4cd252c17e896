//! A [`Table`](crate::table::Table) as a DataFusion table provider (the
//! `datafusion` feature): the `datafusion` Python package registers it
//! with `SessionContext.register_table` and scans its Arrow arrays where
//! they are, through `datafusion-ffi`, the interface DataFusion's Python
//! package loads foreign tables by.
//!
//! The protocol: DataFusion calls `__datafusion_table_provider__(session)`
//! with its session (or its logical extension codec) and takes back a
//! PyCapsule named `datafusion_table_provider` holding an
//! `FFI_TableProvider`. Both sides must speak the same `datafusion-ffi`
//! major version: 55, that of the `datafusion` package 55.

// Reading the codec out of DataFusion's capsule is the one unsafe step of
// the package; the lint is denied everywhere else.
#![allow(unsafe_code)]

use std::sync::Arc;

use datafusion_catalog::MemTable;
use datafusion_ffi::proto::logical_extension_codec::FFI_LogicalExtensionCodec;
use datafusion_ffi::table_provider::FFI_TableProvider;
use pactum::export::arrow::arrow_array::RecordBatch;
use pactum::export::arrow::arrow_schema::SchemaRef;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// The name of the capsule DataFusion expects back.
const PROVIDER: &std::ffi::CStr = c"datafusion_table_provider";
/// The name of the capsule that holds a session's logical codec.
const CODEC: &std::ffi::CStr = c"datafusion_logical_extension_codec";

/// A capsule holding a provider that scans `batch` (its arrays shared,
/// not copied) for the session `session`.
pub(crate) fn capsule<'py>(
    py: Python<'py>,
    schema: SchemaRef,
    batches: &[RecordBatch],
    session: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let codec = codec(session)?;
    let table = MemTable::try_new(schema, vec![batches.to_vec()])
        .map_err(|e| PyValueError::new_err(format!("a DataFusion table: {e}")))?;
    // Filters are not pushed into an in-memory scan: DataFusion applies
    // them above it.
    let provider = FFI_TableProvider::new_with_ffi_codec(Arc::new(table), false, None, codec);
    PyCapsule::new_with_value(py, provider, PROVIDER)
}

/// The logical extension codec of `session`: a DataFusion session (which
/// offers `__datafusion_logical_extension_codec__`) or the codec's capsule
/// itself.
fn codec(session: &Bound<'_, PyAny>) -> PyResult<FFI_LogicalExtensionCodec> {
    let method = "__datafusion_logical_extension_codec__";
    let capsule = if session.hasattr(method)? {
        session.call_method0(method)?
    } else {
        session.clone()
    };
    if !capsule.is_instance_of::<PyCapsule>() {
        return Err(PyTypeError::new_err(format!(
            "expected a DataFusion session or its logical extension codec, got {}",
            capsule.get_type().name()?
        )));
    }
    let capsule = capsule.cast_into::<PyCapsule>()?;
    // Checks the name, so that the pointer is the codec DataFusion put there.
    let pointer = capsule.pointer_checked(Some(CODEC))?;
    // SAFETY: a capsule named `datafusion_logical_extension_codec` holds an
    // `FFI_LogicalExtensionCodec` (DataFusion's protocol, datafusion-ffi 55 on
    // both sides); the capsule is alive for this borrow, and the codec is
    // cloned through its own FFI clone function before the borrow ends.
    let codec = unsafe { pointer.cast::<FFI_LogicalExtensionCodec>().as_ref() };
    Ok(codec.clone())
}
