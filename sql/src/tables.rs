//! pactum's tables in a DataFusion session.

use std::path::Path;
use std::sync::Arc;

use datafusion::datasource::MemTable;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use pactum::export::arrow::batches;
use pactum::Registry;

use crate::functions::register_functions;
use crate::udf::register_udfs;

fn arrow_error(e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::Execution(format!("pactum tables: {e}"))
}

/// Registers every table of `registry` in `ctx` as in-memory record
/// batches, under the names of the export (`events`, `mous`, …;
/// `docs/tables.md`), then pactum's
/// table and scalar functions ([`register_functions`], [`register_udfs`]).
/// A table of that name already in `ctx` is replaced.
///
/// # Errors
///
/// A [`DataFusionError`] if a table cannot be built or registered.
pub async fn register_registry(ctx: &SessionContext, registry: &Registry) -> Result<()> {
    for (name, batch) in batches(registry).map_err(arrow_error)? {
        let table = MemTable::try_new(batch.schema(), vec![vec![batch]])?;
        ctx.register_table(name, Arc::new(table))?;
    }
    register_udfs(ctx);
    register_functions(ctx);
    Ok(())
}

/// Registers the Parquet tables of `dir` in `ctx`, then pactum's table
/// and scalar functions: each table is the file `NAME.parquet` (as
/// `pactum export --format parquet` writes it) or, failing that, the
/// directory `NAME/` and every Parquet file under it (partitioned as you
/// like, by year for instance: `events/year=2023/part-0.parquet`). A table
/// with neither is registered empty, with the export's columns, as an
/// import reads a missing table.
///
/// # Errors
///
/// A [`DataFusionError`] if a file cannot be read as Parquet.
pub async fn register_parquet_dir(ctx: &SessionContext, dir: &Path) -> Result<()> {
    let empty = batches(&Registry::new()).map_err(arrow_error)?;
    for (name, batch) in empty {
        let file = dir.join(format!("{name}.parquet"));
        let subdir = dir.join(name);
        let path = if file.is_file() {
            Some(file)
        } else if subdir.is_dir() {
            Some(subdir)
        } else {
            None
        };
        if ctx.table_exist(name)? {
            ctx.deregister_table(name)?;
        }
        match path {
            Some(path) => {
                let text = path.to_str().ok_or_else(|| {
                    arrow_error(format!("{}: expected a path in UTF-8", path.display()))
                })?;
                ctx.register_parquet(name, text, ParquetReadOptions::default())
                    .await?;
            }
            None => {
                let table = MemTable::try_new(batch.schema(), vec![vec![batch]])?;
                ctx.register_table(name, Arc::new(table))?;
            }
        }
    }
    register_udfs(ctx);
    register_functions(ctx);
    Ok(())
}
