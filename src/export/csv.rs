//! CSV tables (feature `csv`): one per entity kind plus the event table.
//!
//! Every date appears three times: its EDTF text (`signed`), and its first
//! and last candidate days (`signed_earliest`, `signed_latest`), empty on an
//! open side. Tools that know nothing of EDTF can filter on the day columns:
//! a date is *possibly* in a window when `earliest <= to` and
//! `latest >= from`, *certainly* when `earliest >= from` and `latest <= to`.
//! Lists of keys (parties, owners, areas) are joined with `;`, which a key
//! never contains; lists of free text (authors, aliases) are written as a
//! JSON array of strings.
//!
//! ```
//! let registry = pactum::seed();
//! let mut out = Vec::new();
//! pactum::export::csv::write_meetings(registry.meetings(), &mut out)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("key,id,name,kind,partnership,series,session,date,date_earliest,date_latest,status,"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::commitment::{Commitment, Origin};
use crate::date::Date;
use crate::id::{Entity, Key};
use crate::institution::Institution;
use crate::meeting::Meeting;
use crate::mou::Mou;
use crate::partnership::Partnership;
use crate::query::Event;
use crate::registry::Registry;
use crate::source::Source;
use crate::taxonomy::TechArea;

/// The file names [`write_dir`] writes, in the order it writes them.
pub const FILES: [&str; 8] = [
    "sources.csv",
    "tech_areas.csv",
    "institutions.csv",
    "partnerships.csv",
    "meetings.csv",
    "mous.csv",
    "commitments.csv",
    "events.csv",
];

/// A row under construction.
#[derive(Default)]
struct Row(Vec<String>);

impl Row {
    fn text(mut self, value: &str) -> Self {
        self.0.push(value.to_owned());
        self
    }
    fn opt(self, value: Option<&str>) -> Self {
        self.text(value.unwrap_or(""))
    }
    fn keys<E>(self, keys: &[Key<E>]) -> Self {
        let joined: Vec<&str> = keys.iter().map(Key::as_str).collect();
        self.text(&joined.join(";"))
    }
    /// A list of free texts, as a JSON array: unlike keys, texts may contain
    /// any separator.
    fn texts<'a>(self, texts: impl Iterator<Item = &'a str>) -> Self {
        let texts: Vec<&str> = texts.collect();
        if texts.is_empty() {
            return self.text("");
        }
        self.text(&serde_json::to_string(&texts).unwrap_or_default())
    }
    fn date(mut self, date: Option<&Date>) -> Self {
        let show = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.0.push(date.map(Date::to_string).unwrap_or_default());
        self.0
            .push(date.map(|d| show(d.earliest())).unwrap_or_default());
        self.0
            .push(date.map(|d| show(d.latest())).unwrap_or_default());
        self
    }
}

/// A header with the three columns of each date field.
fn header(columns: &[&str], dates: &[&str]) -> Vec<String> {
    columns
        .iter()
        .flat_map(|c| {
            if dates.contains(c) {
                vec![
                    (*c).to_owned(),
                    format!("{c}_earliest"),
                    format!("{c}_latest"),
                ]
            } else {
                vec![(*c).to_owned()]
            }
        })
        .collect()
}

fn table<W: Write>(
    out: W,
    columns: &[&str],
    dates: &[&str],
    rows: impl Iterator<Item = Row>,
) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(header(columns, dates))?;
    for row in rows {
        w.write_record(&row.0)?;
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
    let columns = [
        "key",
        "id",
        "title",
        "publisher",
        "authors",
        "url",
        "published",
        "language",
        "note",
    ];
    let rows = sources.into_iter().map(|s| {
        Row::default()
            .text(s.key().as_str())
            .text(&s.id().to_string())
            .text(s.title())
            .opt(s.publisher())
            .texts(s.authors())
            .opt(s.url())
            .date(s.published())
            .opt(s.language().map(|l| l.as_str()))
            .opt(s.note())
    });
    table(out, &columns, &["published"], rows)
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
    let columns = ["key", "id", "name", "parents", "aliases", "definition"];
    let rows = areas.into_iter().map(|a| {
        Row::default()
            .text(a.key().as_str())
            .text(&a.id().to_string())
            .text(a.name())
            .keys(a.parents())
            .texts(a.aliases())
            .opt(a.definition())
    });
    table(out, &columns, &[], rows)
}

/// Writes the institutions table: `key,id,name,acronym,kind,country,parent`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_institutions<'r, W: Write>(
    institutions: impl IntoIterator<Item = &'r Institution>,
    out: W,
) -> io::Result<()> {
    let columns = ["key", "id", "name", "acronym", "kind", "country", "parent"];
    let rows = institutions.into_iter().map(|i| {
        Row::default()
            .text(i.key().as_str())
            .text(&i.id().to_string())
            .text(i.name())
            .opt(i.acronym())
            .text(&crate::analysis::snake_name(&i.kind()))
            .text(i.country().code())
            .opt(i.parent().map(Key::as_str))
    });
    table(out, &columns, &[], rows)
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
    let columns = [
        "key",
        "id",
        "name",
        "kind",
        "parties",
        "established",
        "ended",
        "tech_areas",
    ];
    let rows = partnerships.into_iter().map(|p| {
        Row::default()
            .text(p.key().as_str())
            .text(&p.id().to_string())
            .text(p.name())
            .text(&crate::analysis::snake_name(&p.kind()))
            .keys(p.parties())
            .date(p.established())
            .date(p.ended())
            .keys(p.tech_areas())
    });
    table(out, &columns, &["established", "ended"], rows)
}

/// Writes the meetings table: `key,id,name,kind,partnership,series,session,
/// date` (three columns), `status,place,organizers,participants,tech_areas,
/// agreements_signed`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_meetings<'r, W: Write>(
    meetings: impl IntoIterator<Item = &'r Meeting>,
    out: W,
) -> io::Result<()> {
    let columns = [
        "key",
        "id",
        "name",
        "kind",
        "partnership",
        "series",
        "session",
        "date",
        "status",
        "place",
        "organizers",
        "participants",
        "tech_areas",
        "agreements_signed",
    ];
    let rows = meetings.into_iter().map(|m| {
        Row::default()
            .text(m.key().as_str())
            .text(&m.id().to_string())
            .text(m.name())
            .text(&crate::analysis::snake_name(&m.kind()))
            .opt(m.partnership().map(Key::as_str))
            .opt(m.series().map(Key::as_str))
            .text(&m.session().map(|s| s.to_string()).unwrap_or_default())
            .date(Some(m.date()))
            .text(&crate::analysis::snake_name(&m.status()))
            .opt(m.place())
            .keys(m.organizers())
            .keys(m.participants())
            .keys(m.tech_areas())
            .text(
                &m.agreements_signed()
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            )
    });
    table(out, &columns, &["date"], rows)
}

/// Writes the MOUs table: `key,id,title,signatories`, then `signed`,
/// `entry_into_force`, `start`, `expiry` and `termination` (three columns
/// each; `start` is the entry into force, or the signature when none is
/// recorded), then `partnership,meeting,tech_areas`.
///
/// # Errors
///
/// An I/O error from the writer.
pub fn write_mous<'r, W: Write>(mous: impl IntoIterator<Item = &'r Mou>, out: W) -> io::Result<()> {
    let columns = [
        "key",
        "id",
        "title",
        "signatories",
        "signed",
        "entry_into_force",
        "start",
        "expiry",
        "termination",
        "partnership",
        "meeting",
        "tech_areas",
    ];
    let dates = [
        "signed",
        "entry_into_force",
        "start",
        "expiry",
        "termination",
    ];
    let rows = mous.into_iter().map(|m| {
        Row::default()
            .text(m.key().as_str())
            .text(&m.id().to_string())
            .text(m.title())
            .keys(m.signatories())
            .date(Some(m.signed()))
            .date(m.entry_into_force())
            .date(Some(m.start()))
            .date(m.expiry())
            .date(m.termination())
            .opt(m.partnership().map(Key::as_str))
            .opt(m.meeting().map(Key::as_str))
            .keys(m.tech_areas())
    });
    table(out, &columns, &dates, rows)
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
    let columns = [
        "key",
        "id",
        "description",
        "owners",
        "origin_kind",
        "origin",
        "due",
        "status",
        "status_date",
        "tech_areas",
    ];
    let rows = commitments.into_iter().map(|c| {
        let (kind, origin) = match c.origin() {
            Origin::Meeting(k) => ("meeting", k.as_str()),
            Origin::Mou(k) => ("mou", k.as_str()),
        };
        Row::default()
            .text(c.key().as_str())
            .text(&c.id().to_string())
            .text(c.description())
            .keys(c.owners())
            .text(kind)
            .text(origin)
            .date(c.due())
            .text(&crate::analysis::snake_name(&c.status()))
            .date(c.status_date())
            .keys(c.tech_areas())
    });
    table(out, &columns, &["due", "status_date"], rows)
}

/// The snake_case name of an event kind: `mou_signed`.
pub(crate) fn event_kind_name(kind: crate::EventKind) -> String {
    kind.label().replace(' ', "_")
}

/// Writes the event table, one row per event in the order given:
/// `kind,entity_kind,key,partnership,label,date` (three columns),
/// `qualifier`.
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
    let columns = [
        "kind",
        "entity_kind",
        "key",
        "partnership",
        "label",
        "date",
        "qualifier",
    ];
    let rows = events.into_iter().map(|e| {
        let subject = e.subject();
        let qualifier = e.date().qualifier().map(|q| q.symbol().to_string());
        Row::default()
            .text(&event_kind_name(e.kind()))
            .text(subject.kind().as_str())
            .text(e.key())
            .opt(crate::analysis::partnership_of(registry, &subject))
            .text(subject.label())
            .date(Some(e.date()))
            .opt(qualifier.as_deref())
    });
    table(out, &columns, &["date"], rows)
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
/// assert_eq!(written.len(), 8);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_dir(registry: &Registry, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        let file = io::BufWriter::new(std::fs::File::create(&path)?);
        match name {
            "sources.csv" => write_sources(sorted(registry.sources()), file)?,
            "tech_areas.csv" => write_tech_areas(sorted(registry.tech_areas()), file)?,
            "institutions.csv" => write_institutions(sorted(registry.institutions()), file)?,
            "partnerships.csv" => write_partnerships(sorted(registry.partnerships()), file)?,
            "meetings.csv" => write_meetings(sorted(registry.meetings()), file)?,
            "mous.csv" => write_mous(sorted(registry.mous()), file)?,
            "commitments.csv" => write_commitments(sorted(registry.commitments()), file)?,
            _ => write_events(registry, registry.events(), file)?,
        }
        written.push(path);
    }
    Ok(written)
}

fn sorted<E: Entity>(entities: &[E]) -> Vec<&E> {
    let mut v: Vec<&E> = entities.iter().collect();
    v.sort_by(|a, b| a.key().cmp(b.key()));
    v
}
