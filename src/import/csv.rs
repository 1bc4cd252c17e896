//! CSV tables read back (feature `csv`): the directory that
//! `pactum::export::csv::write_dir` writes.

use std::io::Read;
use std::path::Path;

use super::cells::Cells;
use super::{build, ImportError, ImportErrorKind, ImportProblem};
use crate::registry::Registry;

/// Reads the CSV tables in `dir` (`sources.csv`, `mous.csv`,
/// `citations.csv`, …; see `docs/tables.md`) back into a registry, checked
/// like a data file. A table that is missing is empty; `events.csv` and the
/// derived columns are ignored.
///
/// # Errors
///
/// An [`ImportError`] listing every problem, each with its file, row (from
/// 1, the header not counted) and column: a file that cannot be read or is
/// not CSV, a missing required column, a cell that does not hold what its
/// column holds, a row whose owner no table has, and every problem of the
/// dataset (a reference to an unknown key, a date out of order, …). A
/// directory that holds none of the tables is an error too.
///
/// # Example
///
/// ```no_run
/// let registry = pactum::import::csv::read_dir(std::path::Path::new("tables"))?;
/// println!("{} entities", registry.len());
/// # Ok::<(), pactum::import::ImportError>(())
/// ```
pub fn read_dir(dir: &Path) -> Result<Registry, ImportError> {
    build::read_dir(dir, "csv", |file, reader| {
        read(file, std::io::BufReader::new(reader))
    })
}

/// Reads one CSV table, its first record the header.
fn read<R: Read>(file: &str, reader: R) -> Result<Cells, ImportProblem> {
    let mut csv = ::csv::Reader::from_reader(reader);
    let malformed = |e: ::csv::Error| {
        let row = e
            .position()
            .and_then(|p| usize::try_from(p.record()).ok())
            .filter(|&r| r > 0);
        ImportProblem::new(
            ImportErrorKind::Format,
            file,
            format!("not a CSV table: {e}"),
        )
        .at(row, None)
    };
    let columns = csv
        .headers()
        .map_err(malformed)?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for record in csv.records() {
        let record = record.map_err(malformed)?;
        rows.push(record.iter().map(|c| Some(c.to_owned())).collect());
    }
    Ok(Cells {
        file: file.to_owned(),
        columns,
        rows,
    })
}
