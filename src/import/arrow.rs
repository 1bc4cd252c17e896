//! Parquet files and Arrow record batches read back (feature `arrow`): the
//! tables that `pactum::export::arrow` writes.
//!
//! Files compressed with Snappy (pactum's own) or Zstandard (the default
//! of many other tools), or not compressed, all read. Text columns may be
//! `Utf8`, `LargeUtf8` or `Utf8View`, and whole numbers of any integer
//! type, so tables rewritten by DuckDB, Polars or pandas read back too.

use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::cells::Cells;
use super::{build, ImportError, ImportErrorKind, ImportProblem};
use crate::registry::Registry;

/// Reads the Parquet tables in `dir` (`sources.parquet`, `mous.parquet`,
/// `citations.parquet`, …; see `docs/tables.md`) back into a registry,
/// checked like a data file. A table that is missing is empty;
/// `events.parquet` and the derived columns are ignored.
///
/// # Errors
///
/// An [`ImportError`] listing every problem, each with its file, row
/// (counted from 1) and column: a file that cannot be read or is not
/// Parquet, a column
/// of a type that cannot hold its field, a missing required column, a
/// cell that does not hold what its column holds, a row whose owner no
/// table has, and every problem of the dataset. A directory that holds
/// none of the tables is an error too.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let dir = std::env::temp_dir().join(format!("pactum-parquet-doc-{}", std::process::id()));
/// pactum::export::arrow::write_parquet_dir(&registry, &dir)?;
/// let back = pactum::import::arrow::read_parquet_dir(&dir)?;
/// assert_eq!(back.to_json_string(), registry.to_json_string());
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_parquet_dir(dir: &Path) -> Result<Registry, ImportError> {
    build::read_dir(dir, "parquet", |file, reader| {
        let batches = read_parquet(reader).map_err(|message| {
            ImportProblem::new(
                ImportErrorKind::Format,
                file,
                format!("not a Parquet table: {message}"),
            )
        })?;
        cells(file, &batches)
    })
}

/// Reads tables given as record batches, each with its name (`mous`,
/// `citations`, …: the names of `pactum::export::arrow::batches`), back
/// into a registry, as [`read_parquet_dir`] reads files. A table may come
/// in several batches, given in order under the same name; names of no
/// table (and `events`) are ignored.
///
/// # Errors
///
/// As [`read_parquet_dir`]; a problem names the table as `NAME.parquet`
/// and the row within all the batches of that table.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let batches = pactum::export::arrow::batches(&registry)?;
/// let back = pactum::import::arrow::from_batches(batches.iter().map(|(n, b)| (*n, b)))?;
/// assert_eq!(back.to_json_string(), registry.to_json_string());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_batches<'a>(
    batches: impl IntoIterator<Item = (&'a str, &'a RecordBatch)>,
) -> Result<Registry, ImportError> {
    let mut by_table: Vec<(&'static str, Vec<RecordBatch>)> = Vec::new();
    for (name, batch) in batches {
        let Some(table) = build::table_names().find(|t| *t == name) else {
            continue;
        };
        match by_table.iter_mut().find(|(t, _)| *t == table) {
            Some((_, list)) => list.push(batch.clone()),
            None => by_table.push((table, vec![batch.clone()])),
        }
    }
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for (name, batches) in by_table {
        match cells(&format!("{name}.parquet"), &batches) {
            Ok(cells) => tables.push((name, cells)),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::new(problems));
    }
    build::registry(tables)
}

fn read_parquet(file: std::fs::File) -> Result<Vec<RecordBatch>, String> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(|e| e.to_string())?;
    reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())
}

/// The cells of a table given in batches, every value as text.
fn cells(file: &str, batches: &[RecordBatch]) -> Result<Cells, ImportProblem> {
    let Some(first) = batches.first() else {
        return Ok(Cells {
            file: file.to_owned(),
            columns: Vec::new(),
            rows: Vec::new(),
        });
    };
    let schema = first.schema();
    let columns: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let mut rows = Vec::new();
    for batch in batches {
        if batch.schema().fields() != schema.fields() {
            let message = "the batches of one table have different columns";
            return Err(ImportProblem::new(ImportErrorKind::Format, file, message));
        }
        let mut texts = Vec::with_capacity(columns.len());
        for (name, array) in columns.iter().zip(batch.columns()) {
            let column = texts_of(array.as_ref()).ok_or_else(|| {
                ImportProblem::new(
                    ImportErrorKind::Format,
                    file,
                    format!(
                        "a column of type {} cannot hold a field: expected text or whole numbers",
                        array.data_type()
                    ),
                )
                .at(None, Some(name))
            })?;
            texts.push(column);
        }
        for i in 0..batch.num_rows() {
            rows.push(texts.iter().map(|c| c.get(i).cloned().flatten()).collect());
        }
    }
    Ok(Cells {
        file: file.to_owned(),
        columns,
        rows,
    })
}

/// The values of a column as text, null as `None`; `None` for a type that
/// holds no field of pactum's.
fn texts_of(array: &dyn Array) -> Option<Vec<Option<String>>> {
    fn collect<T: ToString>(values: impl Iterator<Item = Option<T>>) -> Vec<Option<String>> {
        values.map(|v| v.map(|v| v.to_string())).collect()
    }
    let texts = match array.data_type() {
        DataType::Utf8 => collect(array.as_string::<i32>().iter()),
        DataType::LargeUtf8 => collect(array.as_string::<i64>().iter()),
        DataType::Utf8View => collect(array.as_string_view().iter()),
        DataType::Null => vec![None; array.len()],
        // The day columns are derived, and ignored; read them as days.
        DataType::Date32 => {
            let days = array.as_primitive::<arrow_array::types::Date32Type>();
            (0..days.len())
                .map(|i| {
                    days.value_as_date(i)
                        .filter(|_| days.is_valid(i))
                        .map(|d| d.to_string())
                })
                .collect()
        }
        DataType::Int8 => collect(array.as_primitive::<Int8Type>().iter()),
        DataType::Int16 => collect(array.as_primitive::<Int16Type>().iter()),
        DataType::Int32 => collect(array.as_primitive::<Int32Type>().iter()),
        DataType::Int64 => collect(array.as_primitive::<Int64Type>().iter()),
        DataType::UInt8 => collect(array.as_primitive::<UInt8Type>().iter()),
        DataType::UInt16 => collect(array.as_primitive::<UInt16Type>().iter()),
        DataType::UInt32 => collect(array.as_primitive::<UInt32Type>().iter()),
        DataType::UInt64 => collect(array.as_primitive::<UInt64Type>().iter()),
        _ => return None,
    };
    Some(texts)
}
