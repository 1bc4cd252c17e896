//! Apache Arrow record batches and Parquet files (feature `arrow`): the
//! same tables as the CSV export, typed, so data that outgrows one process
//! can be queried by DataFusion, DuckDB, Polars or Spark.
//!
//! Text columns are `Utf8` (in the event tables of [`events_batch`],
//! [`hits_batch`] and [`EventTable`], `Utf8View`), day columns (`signed_earliest`,
//! `signed_latest`, …) are `Date32`, `session`, `agreements_signed`,
//! `position` and `action` are `UInt32`; an absent value (or an open side
//! of a date) is null. Lists of keys are joined with `;` and lists of free
//! text written as JSON arrays, as in the CSV tables; the tables and their
//! columns are listed in `docs/tables.md`. Parquet files read back with
//! `pactum::import::arrow::read_parquet_dir`.
//!
//! # One arrow for every tool
//!
//! pactum builds on arrow and parquet 59, the major that the Python
//! bindings (`pyo3-arrow` 0.20) and DataFusion 55 use, and re-exports them
//! as [`arrow_array`], [`arrow_schema`] and [`parquet`]: use these paths
//! (or depend on the same major) so that the record batches pactum gives
//! are the types your code names. A second major of arrow in one build is
//! a second set of types, which the compiler does not mix.
//!
//! # In force on a day, in SQL
//!
//! pactum's [`Registry::in_force_on`] over the exported columns, for a day
//! `D` (possibly in force; `certain` says whether certainly):
//!
//! ```sql
//! SELECT 'mou' AS kind, key,
//!        coalesce(start_latest <= D
//!          AND (expiry IS NULL OR expiry_earliest >= D)
//!          AND (termination IS NULL OR termination_earliest > D), false) AS certain
//! FROM mous
//! WHERE (start_earliest IS NULL OR start_earliest <= D)
//!   AND (expiry_latest IS NULL OR expiry_latest >= D)
//!   AND (termination_latest IS NULL OR termination_latest > D)
//! UNION ALL
//! SELECT 'partnership', key,
//!        coalesce(established_latest <= D
//!          AND (ended IS NULL OR ended_earliest > D), false)
//! FROM partnerships
//! WHERE (established_earliest IS NULL OR established_earliest <= D)
//!   AND (ended_latest IS NULL OR ended_latest > D)
//! ```
//!
//! A null `*_earliest` is an open start (`[..X]`) and a null `*_latest` an
//! open end (`[X..]`); a null text column is a date not recorded. A
//! comparison with null is not true, so an unknown start makes force
//! possible but never certain, as in pactum. The file `docs/in_force_on.sql`
//! holds this query; `scripts/in_force_check.py` runs it with DuckDB over the
//! Parquet export of a dataset and compares it with pactum's answer (on a
//! synthetic dataset of 100,000 agreements the two agree on every day
//! tried).
//!
//! [`Registry::in_force_on`]: crate::Registry::in_force_on
//!
//! ```
//! let registry = pactum::seed();
//! let batches = pactum::export::arrow::batches(&registry)?;
//! let (name, events) = &batches[7];
//! assert_eq!(*name, "events");
//! assert_eq!(events.num_rows(), registry.events().len());
//! # Ok::<(), pactum::export::arrow::arrow_schema::ArrowError>(())
//! ```

pub use arrow_array;
pub use arrow_schema;
pub use parquet;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, Date32Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::row::{Kind, Table};
use super::table;
use crate::query::{Event, Hit};
use crate::registry::Registry;

mod events;
mod kept;

pub use kept::EventTable;

/// Days from 0001-01-01 to 1970-01-01, the epoch of `Date32`.
const EPOCH_FROM_CE: i32 = 719_163;

fn to_batch(table: &Table) -> Result<RecordBatch, ArrowError> {
    let mut fields = Vec::with_capacity(table.columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(table.columns.len());
    for (i, (name, kind)) in table.columns.iter().enumerate() {
        let cells = table
            .rows
            .iter()
            .map(|r| r.get(i).map(String::as_str).filter(|c| !c.is_empty()));
        match kind {
            Kind::Text => {
                fields.push(Field::new(name, DataType::Utf8, true));
                arrays.push(Arc::new(cells.collect::<StringArray>()));
            }
            Kind::Day => {
                fields.push(Field::new(name, DataType::Date32, true));
                let days = cells
                    .map(|c| c.map(day_number).transpose())
                    .collect::<Result<Date32Array, ArrowError>>()?;
                arrays.push(Arc::new(days));
            }
            Kind::Count => {
                fields.push(Field::new(name, DataType::UInt32, true));
                let counts = cells
                    .map(|c| {
                        c.map(|c| {
                            c.parse::<u32>()
                                .map_err(|e| ArrowError::ParseError(format!("{name}: {c}: {e}")))
                        })
                        .transpose()
                    })
                    .collect::<Result<UInt32Array, ArrowError>>()?;
                arrays.push(Arc::new(counts));
            }
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

fn day_number(text: &str) -> Result<i32, ArrowError> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.num_days_from_ce() - EPOCH_FROM_CE)
        .map_err(|e| ArrowError::ParseError(format!("day {text}: {e}")))
}

/// Every table of the registry as an Arrow record batch, with its name:
/// `sources`, `tech_areas`, `institutions`, `partnerships`, `meetings`,
/// `mous`, `commitments`, `events`, then `party_actions` and the tables of
/// the lists entities hold, in the order of [`csv::FILES`] (entities in key
/// order, events in chronological order). The columns are those of the CSV
/// export.
///
/// [`csv::FILES`]: crate::export::csv::FILES
///
/// # Errors
///
/// An [`ArrowError`] if a batch cannot be built; pactum's own tables always
/// can.
pub fn batches(registry: &Registry) -> Result<Vec<(&'static str, RecordBatch)>, ArrowError> {
    table::all(registry)
        .into_iter()
        .map(|(name, t)| Ok((name, to_batch(&t)?)))
        .collect()
}

/// The event table of the given events as an Arrow record batch:
/// `kind,entity_kind,key,partnership,label,date,date_earliest,date_latest,
/// end,end_earliest,end_latest,qualifier`. The cells are those of the
/// `events` table of [`batches`]; its text columns are `Utf8View` rather
/// than `Utf8`, which readers such as polars take without a copy. For many
/// questions over one registry, [`EventTable`] builds it once.
///
/// # Errors
///
/// An [`ArrowError`] if the batch cannot be built.
pub fn events_batch<'r>(
    registry: &'r Registry,
    events: impl IntoIterator<Item = Event<'r>>,
) -> Result<RecordBatch, ArrowError> {
    events::batch(registry, events.into_iter().map(|e| (e, None)), false)
}

/// The event table of the hits a query returned (a [`Timeline`] run,
/// [`Registry::next_meeting`], …), in their order, with one more column,
/// `certain`: whether the event is certainly in the window asked about,
/// not only possibly. The other columns are those of [`events_batch`].
///
/// [`Timeline`]: crate::Timeline
/// [`Registry::next_meeting`]: crate::Registry::next_meeting
///
/// # Errors
///
/// An [`ArrowError`] if the batch cannot be built.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let hits = registry.timeline().limit(3).run()?;
/// let batch = pactum::export::arrow::hits_batch(&registry, hits)?;
/// assert_eq!(batch.num_rows(), 3);
/// assert_eq!(batch.schema().field(batch.num_columns() - 1).name(), "certain");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hits_batch<'r>(
    registry: &'r Registry,
    hits: impl IntoIterator<Item = Hit<'r>>,
) -> Result<RecordBatch, ArrowError> {
    let events = hits.into_iter().map(|h| (h.event(), Some(h.is_certain())));
    events::batch(registry, events, true)
}

/// The table called `name` (`citations`, `mous`, …; the names of
/// [`batches`]) of the whole registry as an Arrow record batch, or `None`
/// when no table has that name.
///
/// # Errors
///
/// An [`ArrowError`] if the batch cannot be built; pactum's own tables
/// always can.
pub fn table_batch(registry: &Registry, name: &str) -> Result<Option<RecordBatch>, ArrowError> {
    table::one(registry, name).map(|t| to_batch(&t)).transpose()
}

/// Writes one record batch as a Snappy-compressed Parquet file at `path`
/// (created or replaced): a table of [`batches`], [`table_batch`] or
/// [`events_batch`], or any batch of your own.
///
/// # Errors
///
/// An I/O error creating the file or writing Parquet.
///
/// # Example
///
/// The meetings of the seed dataset in one file, read back with the
/// re-exported `parquet`:
///
/// ```
/// use pactum::export::arrow::{parquet, table_batch, write_parquet_table};
/// use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
///
/// let registry = pactum::seed();
/// let meetings = table_batch(&registry, "meetings")?.expect("a table of that name");
/// let path = std::env::temp_dir().join(format!("pactum-doc-{}.parquet", std::process::id()));
/// write_parquet_table(&meetings, &path)?;
/// let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path)?)?.build()?;
/// let rows: usize = reader.map(|b| b.map(|b| b.num_rows())).sum::<Result<_, _>>()?;
/// assert_eq!(rows, registry.meetings().len());
/// std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_parquet_table(batch: &RecordBatch, path: &Path) -> io::Result<()> {
    let file = std::fs::File::create(path)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer =
        ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(io::Error::other)?;
    writer.write(batch).map_err(io::Error::other)?;
    writer.close().map_err(io::Error::other)?;
    Ok(())
}

/// Writes every table of the registry as a Parquet file (Snappy-compressed)
/// into `dir`, created if missing: `sources.parquet` … `claims.parquet`
/// (the names of [`batches`]). Returns the paths written.
///
/// # Errors
///
/// An I/O error creating the directory or a file, or writing Parquet.
///
/// # Example
///
/// ```no_run
/// let registry = pactum::seed();
/// let written = pactum::export::arrow::write_parquet_dir(&registry, std::path::Path::new("out"))?;
/// assert_eq!(written.len(), 16);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_parquet_dir(registry: &Registry, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, batch) in batches(registry).map_err(io::Error::other)? {
        let path = dir.join(format!("{name}.parquet"));
        write_parquet_table(&batch, &path)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `batch` with its `Utf8` columns as `Utf8View`, the type of the
    /// typed event table's text.
    fn as_views(batch: &RecordBatch) -> RecordBatch {
        use arrow_array::{Array, StringViewArray};
        let mut fields = Vec::new();
        let mut arrays: Vec<ArrayRef> = Vec::new();
        for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
            match column.as_any().downcast_ref::<StringArray>() {
                Some(text) => {
                    fields.push(Field::new(field.name(), DataType::Utf8View, true));
                    arrays.push(Arc::new(text.iter().collect::<StringViewArray>()));
                }
                None => {
                    fields.push(field.as_ref().clone());
                    arrays.push(column.clone());
                }
            }
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).unwrap()
    }

    // The text table (a cell per value, as in the CSV export) is the
    // reference; the typed table differs only in its text columns being
    // views, the type polars reads without a copy.
    #[test]
    fn the_event_batch_holds_the_cells_of_the_text_table() {
        let registry = crate::seed();
        let typed = events_batch(&registry, registry.events()).unwrap();
        let text = as_views(&to_batch(&table::events(&registry, registry.events())).unwrap());
        assert_eq!(typed, text);
        let hits = hits_batch(&registry, registry.timeline().run().unwrap()).unwrap();
        assert_eq!(hits.num_columns(), text.num_columns() + 1);
        assert_eq!(
            hits.project(&(0..text.num_columns()).collect::<Vec<_>>())
                .unwrap(),
            text
        );
    }

    #[test]
    fn the_arrow_epoch_is_1970_01_01() {
        assert_eq!(day_number("1970-01-01").unwrap(), 0);
        assert_eq!(day_number("2024-03-26").unwrap(), 19_808);
    }
}
