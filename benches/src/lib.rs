//! Fixtures for the pactum benchmarks: one synthetic dataset per size, and
//! the same data loaded into each peer (flat scans, a sorted array, two
//! interval-tree crates, SQLite in memory, and plain serde structs).

pub mod parties;
pub mod peers;

use chrono::{Datelike, NaiveDate};
use pactum::synth::Synth;
use pactum::{Registry, Subject};
pub use peers::{shift, Peers, OPEN_START};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// Sizes benchmarked by default (agreements); `PACTUM_BENCH_1M=1` adds 1M,
/// and `PACTUM_BENCH_SIZES=100000,1000000` picks the sizes instead.
pub fn sizes() -> Vec<usize> {
    if let Some(list) = std::env::var_os("PACTUM_BENCH_SIZES") {
        return list
            .to_string_lossy()
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect();
    }
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("PACTUM_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    sizes
}

/// A day as the number pactum and the peers use: days from the common era.
pub fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// The day with that number.
pub fn day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

/// Evenly spread query days over the span the generator uses.
pub fn query_days(count: usize) -> Vec<NaiveDate> {
    let first = day_number(NaiveDate::from_ymd_opt(1992, 1, 1).unwrap_or_default());
    let last = day_number(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default());
    let step = (last - first) / count.max(1) as i32;
    (0..count)
        .map(|i| day(first + step * i as i32 + 7))
        .collect()
}

/// Everything a benchmark needs for one size.
pub struct Fixture {
    /// Agreements asked of the generator.
    pub agreements: usize,
    /// The dataset as compact JSON.
    pub json: String,
    /// The dataset as pactum saves it (pretty-printed).
    pub pretty: String,
    /// The loaded registry, indexes built.
    pub registry: Registry,
    /// The same registry, indexes not built yet (for timing the build).
    pub unindexed: Registry,
    /// Every peer of the window and in-force questions, over the same
    /// ranges (`Peers::events`, `Peers::force`).
    pub peers: Peers,
    /// The same data in SQLite tables with B-tree and rtree indexes.
    pub sqlite: Connection,
    /// An institution with sub-institutions (a government).
    pub institution: String,
    /// A council series with several sessions.
    pub series: String,
}

impl Fixture {
    /// Generates and loads the dataset, and fills every peer.
    pub fn new(agreements: usize) -> Fixture {
        let json = Synth::new(agreements).seed(42).json();
        let registry = Registry::from_json_str(&json).expect("the generator writes valid data");
        let unindexed = registry.clone();
        registry.build_indexes();
        let pretty = registry.to_json_string();
        let peers = Peers::new(&registry);
        let sqlite = sqlite(&registry, &peers.events, &peers.force);
        let institution = registry
            .institutions()
            .iter()
            .find(|i| i.parent().is_none())
            .map(|i| i.key().as_str().to_owned())
            .unwrap_or_default();
        let series = registry
            .meetings()
            .iter()
            .filter_map(|m| m.series())
            .max_by_key(|s| registry.meetings_in_series(s.as_str()).len())
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default();
        Fixture {
            agreements,
            json,
            pretty,
            registry,
            unindexed,
            peers,
            sqlite,
            institution,
            series,
        }
    }
}

fn sqlite(registry: &Registry, events: &[(i32, i32)], force: &[(i32, i32)]) -> Connection {
    let db = Connection::open_in_memory().expect("an in-memory database");
    db.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         CREATE TABLE event (id INTEGER PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL, sort INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, series TEXT);
         CREATE VIRTUAL TABLE event_rtree USING rtree_i32(id, lo, hi);
         CREATE VIRTUAL TABLE force_rtree USING rtree_i32(id, lo, hi);
         CREATE TABLE event_institution (event INTEGER NOT NULL, institution TEXT NOT NULL);
         CREATE TABLE institution (key TEXT PRIMARY KEY, parent TEXT);
         CREATE TABLE commitment (key TEXT PRIMARY KEY, status TEXT NOT NULL, due_hi INTEGER);",
    )
    .expect("the schema");
    let tx = db.unchecked_transaction().expect("a transaction");
    {
        let mut inst = tx
            .prepare("INSERT INTO institution VALUES (?1, ?2)")
            .expect("prepared");
        for i in registry.institutions() {
            inst.execute(params![i.key().as_str(), i.parent().map(|p| p.as_str())])
                .expect("inserted");
        }
        let mut ev = tx
            .prepare("INSERT INTO event VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .expect("prepared");
        let mut rt = tx
            .prepare("INSERT INTO event_rtree VALUES (?1, ?2, ?3)")
            .expect("prepared");
        let mut ei = tx
            .prepare("INSERT INTO event_institution VALUES (?1, ?2)")
            .expect("prepared");
        for (id, (e, &(lo, hi))) in registry.events().iter().zip(events).enumerate() {
            let sort = if lo == OPEN_START { hi } else { lo };
            let series = match e.subject() {
                Subject::Meeting(m) => m.series().map(|s| s.as_str().to_owned()),
                _ => None,
            };
            ev.execute(params![
                id as i64,
                lo,
                hi,
                sort,
                e.kind().as_str(),
                e.key(),
                series
            ])
            .expect("inserted");
            rt.execute(params![id as i64, lo, hi]).expect("inserted");
            for i in e.institutions() {
                ei.execute(params![id as i64, i.as_str()])
                    .expect("inserted");
            }
        }
        let mut fr = tx
            .prepare("INSERT INTO force_rtree VALUES (?1, ?2, ?3)")
            .expect("prepared");
        for (id, &(lo, hi)) in force.iter().enumerate() {
            fr.execute(params![id as i64, lo, hi]).expect("inserted");
        }
        let mut c = tx
            .prepare("INSERT INTO commitment VALUES (?1, ?2, ?3)")
            .expect("prepared");
        for k in registry.commitments() {
            let due = k.due().and_then(|d| d.latest()).map(day_number);
            let status = format!("{:?}", k.status()).to_lowercase();
            c.execute(params![k.key().as_str(), status, due])
                .expect("inserted");
        }
    }
    tx.commit().expect("committed");
    db.execute_batch(
        "CREATE INDEX event_series ON event (series, sort);
         CREATE INDEX event_institution_by_institution ON event_institution (institution, event);
         CREATE INDEX institution_by_parent ON institution (parent);
         CREATE INDEX commitment_due ON commitment (status, due_hi);
         ANALYZE;",
    )
    .expect("indexes");
    db
}

/// The data file as plain structs: what `serde_json` alone reads, with no
/// validation, no references resolved, dates left as text. The floor for a
/// validating loader.
#[derive(Serialize, Deserialize)]
pub struct PlainDataset {
    /// Format version.
    pub pactum: u32,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Dataset tech areas.
    #[serde(default)]
    pub tech_areas: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Institutions.
    #[serde(default)]
    pub institutions: Vec<PlainInstitution>,
    /// Partnerships.
    #[serde(default)]
    pub partnerships: Vec<PlainPartnership>,
    /// Meetings.
    #[serde(default)]
    pub meetings: Vec<PlainMeeting>,
    /// MOUs.
    #[serde(default)]
    pub mous: Vec<PlainMou>,
    /// Commitments.
    #[serde(default)]
    pub commitments: Vec<PlainCommitment>,
}

/// A citation: a key or an object.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub enum PlainCitation {
    /// A source key.
    Key(String),
    /// A full citation.
    Full(serde_json::Map<String, serde_json::Value>),
}

/// An official.
#[derive(Serialize, Deserialize)]
pub struct PlainOfficial {
    /// Name.
    pub name: String,
    /// Title.
    pub title: Option<String>,
    /// Institution key.
    pub institution: Option<String>,
    /// Country code.
    pub country: Option<String>,
}

/// An institution.
#[derive(Serialize, Deserialize)]
pub struct PlainInstitution {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Aliases.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Kind.
    pub kind: String,
    /// Country (absent for an international organisation).
    pub country: Option<String>,
    /// Parent key.
    pub parent: Option<String>,
    /// Citations.
    #[serde(default)]
    pub sources: Vec<PlainCitation>,
}

/// A partnership.
#[derive(Serialize, Deserialize)]
pub struct PlainPartnership {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Party keys.
    pub parties: Vec<String>,
    /// Established date.
    pub established: Option<String>,
    /// End date.
    pub ended: Option<String>,
    /// Area keys.
    #[serde(default)]
    pub tech_areas: Vec<String>,
    /// Citations.
    #[serde(default)]
    pub sources: Vec<PlainCitation>,
}

/// A meeting.
#[derive(Serialize, Deserialize)]
pub struct PlainMeeting {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Partnership key.
    pub partnership: Option<String>,
    /// Series key.
    pub series: Option<String>,
    /// Session number.
    pub session: Option<u32>,
    /// Date.
    pub date: String,
    /// Status.
    pub status: String,
    /// Place.
    pub place: Option<String>,
    /// Chairs.
    #[serde(default)]
    pub chairs: Vec<PlainOfficial>,
    /// Participant keys.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Citations.
    #[serde(default)]
    pub sources: Vec<PlainCitation>,
}

/// An MOU.
#[derive(Serialize, Deserialize)]
pub struct PlainMou {
    /// Key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Signatory keys.
    pub signatories: Vec<String>,
    /// Signature date.
    pub signed: String,
    /// Entry into force.
    pub entry_into_force: Option<String>,
    /// Expiry.
    pub expiry: Option<String>,
    /// Termination.
    pub termination: Option<String>,
    /// Partnership key.
    pub partnership: Option<String>,
    /// Relations.
    #[serde(default)]
    pub relations: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Area keys.
    #[serde(default)]
    pub tech_areas: Vec<String>,
    /// Citations.
    #[serde(default)]
    pub sources: Vec<PlainCitation>,
}

/// A commitment.
#[derive(Serialize, Deserialize)]
pub struct PlainCommitment {
    /// Key.
    pub key: String,
    /// Description.
    pub description: String,
    /// Owner keys.
    pub owners: Vec<String>,
    /// Origin.
    pub origin: serde_json::Map<String, serde_json::Value>,
    /// Due date.
    pub due: Option<String>,
    /// Status.
    pub status: String,
    /// Status date.
    pub status_date: Option<String>,
    /// Citations.
    #[serde(default)]
    pub sources: Vec<PlainCitation>,
}
