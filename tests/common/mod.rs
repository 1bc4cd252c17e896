//! Code shared by the integration tests (and the fuzz targets).

pub mod edits;
#[cfg(feature = "naive")]
pub mod queries;
