//! CSV tables (feature `csv`): one per entity kind plus the event table.
//!
//! Every date appears three times: its EDTF text (`signed`), and its first
//! and last candidate days (`signed_earliest`, `signed_latest`), empty on an
//! open side. Tools that know nothing of EDTF can filter on the day columns:
//! a date is *possibly* in a window when `earliest <= to` and
//! `latest >= from`, *certainly* when `earliest >= from` and `latest <= to`.
//! A meeting of several days also has its `end` (empty for one day): it is
//! possibly in a window when `date_earliest <= to` and `end_latest >= from`.
//! Lists of keys (parties, owners, areas) are joined with `;`, which a key
//! never contains; lists of free text (authors, aliases, outcomes) are
//! written as a JSON array of strings. Lists of structured items
//! (officials, citations, claims, former names, …) have tables of their
//! own, one row per item, so that the tables hold every field of the
//! dataset and read back (`pactum::import::csv::read_dir`). The tables and
//! their columns are listed in `docs/tables.md`.
//!
//! ```
//! let registry = pactum::seed();
//! let mut out = Vec::new();
//! pactum::export::csv::write_meetings(registry.meetings(), &mut out)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with(
//!     "key,id,name,kind,partnership,series,session,date,date_earliest,date_latest,end,end_earliest,end_latest,status,"
//! ));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::row::Table;
use super::table;
use crate::model::commitment::Commitment;
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;
use crate::query::Event;
use crate::registry::Registry;

/// The file names [`write_dir`] writes, in the order it writes them: the
/// entity tables, the event table, then one table for each kind of list an
/// entity holds (see `docs/tables.md`).
pub const FILES: [&str; 16] = [
    "sources.csv",
    "tech_areas.csv",
    "institutions.csv",
    "partnerships.csv",
    "meetings.csv",
    "mous.csv",
    "commitments.csv",
    "events.csv",
    "party_actions.csv",
    "mou_parties.csv",
    "officials.csv",
    "former_names.csv",
    "predecessors.csv",
    "relations.csv",
    "citations.csv",
    "claims.csv",
];

fn write<W: Write>(table: &Table, out: W) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(table.columns.iter().map(|(name, _)| name))?;
    for row in &table.rows {
        w.write_record(row)?;
    }
    w.flush()
}

/// Writes the sources table: `key,id,title,publisher,authors,url,published,
/// published_earliest,published_latest,language,note`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_sources<'r, W: Write>(
    sources: impl IntoIterator<Item = &'r Source>,
    out: W,
) -> io::Result<()> {
    write(&table::sources(sources), out)
}

/// Writes the technology areas table (built-in and the dataset's own):
/// `key,id,name,parents,aliases,definition`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_tech_areas<'r, W: Write>(
    areas: impl IntoIterator<Item = &'r TechArea>,
    out: W,
) -> io::Result<()> {
    write(&table::tech_areas(areas), out)
}

/// Writes the institutions table: `key,id,name,acronym,kind,country,parent,
/// aliases`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_institutions<'r, W: Write>(
    institutions: impl IntoIterator<Item = &'r Institution>,
    out: W,
) -> io::Result<()> {
    write(&table::institutions(institutions), out)
}

/// Writes the partnerships table: `key,id,name,kind,parties,established`
/// (three columns), `ended` (three columns), `tech_areas`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_partnerships<'r, W: Write>(
    partnerships: impl IntoIterator<Item = &'r Partnership>,
    out: W,
) -> io::Result<()> {
    write(&table::partnerships(partnerships), out)
}

/// Writes the meetings table: `key,id,name,kind,partnership,series,session,
/// date` (three columns), `end` (three columns), `status,place,organizers,
/// participants,tech_areas,agreements_signed,outcomes`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_meetings<'r, W: Write>(
    meetings: impl IntoIterator<Item = &'r Meeting>,
    out: W,
) -> io::Result<()> {
    write(&table::meetings(meetings), out)
}

/// Writes the MOUs table: `key,id,title,signatories`, then `signed`,
/// `entry_into_force`, `start`, `expiry` and `termination` (three columns
/// each; `start` is the entry into force, or the signature when none is
/// recorded), then `partnership,meeting,tech_areas,kind`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_mous<'r, W: Write>(mous: impl IntoIterator<Item = &'r Mou>, out: W) -> io::Result<()> {
    write(&table::mous(mous), out)
}

/// Writes the commitments table: `key,id,description,owners,origin_kind,
/// origin,due` (three columns), `status,status_date` (three columns),
/// `tech_areas`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_commitments<'r, W: Write>(
    commitments: impl IntoIterator<Item = &'r Commitment>,
    out: W,
) -> io::Result<()> {
    write(&table::commitments(commitments), out)
}

/// Writes the event table, one row per event in the order given:
/// `kind,entity_kind,key,partnership,label,date` (three columns), `end`
/// (three columns), `qualifier`.
///
/// `partnership` is the partnership the event belongs to (for a commitment,
/// the partnership of the meeting or MOU it comes from), looked up in
/// `registry`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_events<'r, W: Write>(
    registry: &'r Registry,
    events: impl IntoIterator<Item = Event<'r>>,
    out: W,
) -> io::Result<()> {
    write(&table::events(registry, events), out)
}

/// Writes the table called `name` (a file name of [`FILES`] without
/// `.csv`, such as `citations`) of the whole registry. Returns `false`,
/// writing nothing, when no table has that name.
///
/// # Errors
///
/// An I/O error from the writer.
///
/// # Example
///
/// ```
/// let registry = pactum::seed();
/// let mut out = Vec::new();
/// assert!(pactum::export::csv::write_table(&registry, "citations", &mut out)?);
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("owner_kind,owner,party,action,position,source,fields,note\n"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_table<W: Write>(registry: &Registry, name: &str, out: W) -> io::Result<bool> {
    match table::one(registry, name) {
        Some(t) => write(&t, out).map(|()| true),
        None => Ok(false),
    }
}

/// Writes every table of the registry into `dir` (created if missing), one
/// file each (see [`FILES`]), entities in key order and events in
/// chronological order. Returns the paths written.
///
/// # Errors
///
/// An I/O error creating the directory or writing a file.
///
/// # Example
///
/// ```no_run
/// let registry = pactum::seed();
/// let written = pactum::export::csv::write_dir(&registry, std::path::Path::new("out"))?;
/// assert_eq!(written.len(), 16);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_dir(registry: &Registry, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (stem, table) in table::all(registry) {
        let path = dir.join(format!("{stem}.csv"));
        let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
        write(&table, &mut file)?;
        file.flush()?;
        written.push(path);
    }
    Ok(written)
}
