//! Exports: a dataset leaving pactum in the formats other tools read.
//!
//! * `csv` (with the feature `csv`): one table per entity kind, the event
//!   table and one table per kind of list an entity holds, every date as
//!   its EDTF text beside `earliest` and `latest` day columns, for
//!   spreadsheets, pandas, R and SQL engines; the tables hold every field
//!   and read back (`pactum::import`);
//! * `arrow` (with the feature `arrow`): the same tables as Arrow record
//!   batches and Parquet files, for DataFusion, DuckDB, Polars and Spark;
//! * [`ics`]: an iCalendar file of meetings and commitment deadlines, for
//!   calendar programs;
//! * [`dot`]: GraphViz pictures of the institution hierarchy and the signing
//!   network;
//! * [`SCHEMA`]: the JSON Schema of the data file, for editors that validate
//!   and complete datasets as they are typed.
//!
//! Exports write text; they never change the registry.
//!
//! ```
//! use chrono::NaiveDate;
//!
//! let registry = pactum::seed();
//! let stamp = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let calendar = pactum::export::ics::calendar(registry.meetings(), registry.commitments(), stamp);
//! assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(feature = "csv")]
pub mod csv;
pub mod dot;
pub mod ics;
#[cfg(any(feature = "csv", feature = "arrow"))]
mod links;
#[cfg(any(feature = "csv", feature = "arrow"))]
pub(crate) mod row;
#[cfg(any(feature = "csv", feature = "arrow"))]
pub(crate) mod table;

/// The JSON Schema (draft 2020-12) of the pactum data file, format version 1:
/// the text of `docs/pactum.schema.json`.
///
/// It describes the shape of a file (members, fields, types, enum values,
/// key and date syntax); the checks across entities (references resolve, no
/// cycles, dates in order) are pactum's own.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(pactum::export::SCHEMA).unwrap();
/// assert_eq!(schema["properties"]["pactum"]["const"], 1);
/// ```
pub const SCHEMA: &str = include_str!("../../docs/pactum.schema.json");
