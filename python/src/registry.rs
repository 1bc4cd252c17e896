//! The Python `Registry`: one dataset, shared safely between threads, with
//! the library's questions. Every method takes the registry's lock only
//! after releasing the GIL and builds its answer (a record batch, JSON
//! values) before taking the GIL again, so that a long question never
//! blocks other Python threads and a writer never waits on the GIL while
//! holding the lock.

use std::sync::{Arc, Mutex, RwLock};

use pactum::export::arrow::{events_batch, hits_batch, table_batch, EventTable};
use pactum::{
    CommitmentState, Country, EntityKind, EventKind, Hit, KindVisitor, Registry as Inner, Stored,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;

use crate::errors::{raise, Diagnostic, Failure, Outcome};
use crate::rows;
use crate::table::Table;
use crate::values::{day, from_py, opt_day, window, Date, Entity};

/// The entities of one kind with the given keys (those the registry
/// has), as Python values.
struct Entities<'a> {
    registry: &'a Inner,
    keys: &'a [String],
}

impl KindVisitor for Entities<'_> {
    type Output = Vec<Entity>;
    fn visit<E: Stored>(self) -> Vec<Entity> {
        self.keys
            .iter()
            .filter_map(|k| self.registry.get::<E>(k))
            .map(|e| Entity::new(E::KIND.as_str(), json_of(e)))
            .collect()
    }
}

/// Every entity of one kind, in the order of the data file.
struct All<'a>(&'a Inner);

impl KindVisitor for All<'_> {
    type Output = Vec<Entity>;
    fn visit<E: Stored>(self) -> Vec<Entity> {
        self.0
            .all::<E>()
            .iter()
            .map(|e| Entity::new(E::KIND.as_str(), json_of(e)))
            .collect()
    }
}

/// An edit of the registry: an entity of one kind, given in the form of
/// the data file, inserted or put in place of the one with its key; or
/// the one with a key removed. Gives the entity inserted, or the one
/// replaced or removed.
enum Edit<'a> {
    Insert(&'a mut Inner, Value),
    Update(&'a mut Inner, Value),
    Remove(&'a mut Inner, &'a str),
}

impl KindVisitor for Edit<'_> {
    type Output = Outcome<Entity>;
    fn visit<E: Stored>(self) -> Outcome<Entity> {
        let kind = E::KIND.as_str();
        match self {
            Edit::Insert(r, value) => {
                let e: E = entity_from(value)?;
                let json = json_of(&e);
                r.insert(e)?;
                Ok(Entity::new(kind, json))
            }
            Edit::Update(r, value) => {
                let old = r.update(entity_from::<E>(value)?)?;
                Ok(Entity::new(kind, json_of(&old)))
            }
            Edit::Remove(r, key) => Ok(Entity::new(kind, json_of(&r.remove::<E>(key)?))),
        }
    }
}

/// The kind named `name`, singular or plural (`mou`, `mous`).
fn entity_kind(name: &str) -> Outcome<EntityKind> {
    EntityKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == name || k.plural() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.plural()).collect();
            Failure::Value(format!(
                "unknown entity kind \"{}\"; expected one of {}",
                name.escape_default(),
                names.join(", ")
            ))
        })
}

/// The JSON form of an entity, as the data file holds it.
fn json_of<E: serde::Serialize>(entity: &E) -> Value {
    serde_json::to_value(entity).unwrap_or(Value::Null)
}

/// An entity read from its JSON form through the library's checks.
fn entity_from<E: Stored>(value: Value) -> Outcome<E> {
    let key = value.get("key").and_then(Value::as_str).map(str::to_owned);
    serde_path_to_error::deserialize::<_, E>(value).map_err(|e| {
        let path = e.path().to_string();
        let kind = E::KIND.as_str();
        let named = key
            .as_deref()
            .map(|k| format!("{kind} \"{}\"", k.escape_default()))
            .unwrap_or_else(|| kind.to_owned());
        let message = e.into_inner().to_string();
        let diagnostic = Diagnostic {
            rule: pactum::Rule::Syntax.code().to_owned(),
            severity: "error".to_owned(),
            entity: Some(kind.to_owned()),
            key: key.clone(),
            path: if path == "." {
                String::new()
            } else {
                path.clone()
            },
            message: message.clone(),
        };
        Failure::Invalid(format!("{named}, at {path}: {message}"), vec![diagnostic])
    })
}

/// A commitment state by name.
fn commitment_state(name: &str) -> Outcome<CommitmentState> {
    Ok(match name {
        "open" => CommitmentState::Open,
        "met" => CommitmentState::Met,
        "missed" => CommitmentState::Missed,
        "dropped" => CommitmentState::Dropped,
        "overdue" => CommitmentState::Overdue,
        other => {
            return Err(Failure::Value(format!(
                "unknown commitment state \"{}\"; expected open, met, missed, dropped or overdue",
                other.escape_default()
            )))
        }
    })
}

/// The options of a timeline question, read while the GIL is held.
pub(crate) struct TimelineArgs {
    pub(crate) start: Option<chrono::NaiveDate>,
    pub(crate) end: Option<chrono::NaiveDate>,
    pub(crate) certainly: bool,
    pub(crate) institution: Option<String>,
    pub(crate) institution_or_below: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) area: Option<String>,
    pub(crate) area_or_below: Option<String>,
    pub(crate) partnership: Option<String>,
    pub(crate) series: Option<String>,
    pub(crate) kinds: Vec<String>,
    pub(crate) limit: Option<usize>,
    pub(crate) reverse: bool,
}

/// The event table of the whole registry, kept once a question has built
/// it, and dropped by every edit.
type Kept = Mutex<Option<Arc<EventTable>>>;

/// A question returning at least this share (1/KEEP_FROM) of the events
/// builds the kept event table: it costs about as much as building the
/// answer's own table, and every later question takes its rows from it.
const KEEP_FROM: usize = 8;

/// The kept event table of `r`, built now if `rows` (the rows of the
/// answer asked for) are at least 1/KEEP_FROM of the events and none is
/// kept; `None` when the answer is better built on its own. Called with
/// `r` locked for reading, so no edit can come between the build and the
/// keeping.
fn kept_table(r: &Inner, kept: &Kept, rows: usize) -> Outcome<Option<Arc<EventTable>>> {
    let mut slot = kept.lock().map_err(|_| Failure::Poisoned)?;
    if let Some(table) = slot.as_ref() {
        return Ok(Some(Arc::clone(table)));
    }
    if rows.saturating_mul(KEEP_FROM) < r.timeline().count()? {
        return Ok(None);
    }
    keep(&mut slot, r).map(Some)
}

/// The kept event table of `r`, built now if none is kept: for the
/// questions whose answer is every event, which always keep it.
fn whole_table(r: &Inner, kept: &Kept) -> Outcome<Arc<EventTable>> {
    let mut slot = kept.lock().map_err(|_| Failure::Poisoned)?;
    match slot.as_ref() {
        Some(table) => Ok(Arc::clone(table)),
        None => keep(&mut slot, r),
    }
}

/// Builds the event table of `r` into `slot`, where it is kept.
fn keep(slot: &mut Option<Arc<EventTable>>, r: &Inner) -> Outcome<Arc<EventTable>> {
    let table = Arc::new(EventTable::new(r)?);
    *slot = Some(Arc::clone(&table));
    Ok(table)
}

/// The table of `hits`: rows of the kept event table when there is one
/// (or when they are many), else built for them alone.
fn hits_table(r: &Inner, kept: &Kept, hits: Vec<Hit<'_>>) -> Outcome<Table> {
    let batch = match kept_table(r, kept, hits.len())? {
        Some(table) => table.hits_batch(hits)?,
        None => hits_batch(r, hits)?,
    };
    Ok(Table::new("timeline", batch))
}

impl TimelineArgs {
    /// Whether the question is the whole timeline, in order: no window,
    /// no filter, no limit (with no window every event is certain, so
    /// `certainly` changes nothing).
    fn whole(&self) -> bool {
        self.start.is_none() && self.end.is_none() && self.only_window()
    }

    /// Whether the question asks for every event of its window (or of all
    /// days), possibly or certainly in it: no filter, no limit, in
    /// chronological order.
    fn only_window(&self) -> bool {
        let TimelineArgs {
            start: _,
            end: _,
            certainly: _,
            institution,
            institution_or_below,
            country,
            area,
            area_or_below,
            partnership,
            series,
            kinds,
            limit,
            reverse,
        } = self;
        institution.is_none()
            && institution_or_below.is_none()
            && country.is_none()
            && area.is_none()
            && area_or_below.is_none()
            && partnership.is_none()
            && series.is_none()
            && kinds.is_empty()
            && limit.is_none()
            && !reverse
    }
}

fn run_timeline(r: &Inner, kept: &Kept, a: &TimelineArgs) -> Outcome<Table> {
    if a.whole() {
        // The kept table is the whole timeline: taken as it is, without
        // walking the timeline's hits to find their rows.
        let table = whole_table(r, kept)?;
        return Ok(Table::new("timeline", table.timeline_batch()?));
    }
    let mut t = r.timeline();
    if a.start.is_some() || a.end.is_some() {
        let w = window(a.start, a.end).map_err(|_| {
            Failure::Value(format!(
                "the window's start {:?} is after its end {:?}",
                a.start, a.end
            ))
        })?;
        if a.only_window() {
            // A window alone is answered from the kept table's own rows,
            // when there is one, without the index's hits.
            let table = kept.lock().map_err(|_| Failure::Poisoned)?.clone();
            if let Some(table) = table {
                let batches = table.window_batches(&w, a.certainly)?;
                if let Some(table) = Table::of_batches("timeline", batches) {
                    return Ok(table);
                }
            }
        }
        t = t.within(w);
    }
    if a.certainly {
        t = t.certainly();
    }
    if let Some(k) = &a.institution {
        t = t.institution(k);
    }
    if let Some(k) = &a.institution_or_below {
        t = t.institution_or_below(k);
    }
    if let Some(code) = &a.country {
        let c = Country::new(code).map_err(|e| Failure::Value(e.to_string()))?;
        t = t.country(c);
    }
    if let Some(k) = &a.area {
        t = t.area(k);
    }
    if let Some(k) = &a.area_or_below {
        t = t.area_or_below(k);
    }
    if let Some(k) = &a.partnership {
        t = t.partnership(k);
    }
    if let Some(k) = &a.series {
        t = t.series(k);
    }
    for name in &a.kinds {
        t = t.kind(name.parse::<EventKind>()?);
    }
    if let Some(n) = a.limit {
        t = t.limit(n);
    }
    if a.reverse {
        t = t.reverse();
    }
    let hits: Vec<Hit<'_>> = t.run()?.collect();
    hits_table(r, kept, hits)
}

/// One dataset: entities, their checks and every question about them.
/// Safe to share between Python threads; questions run without the GIL.
#[pyclass(frozen, module = "pactum")]
pub struct Registry {
    inner: RwLock<Inner>,
    /// The whole event table once a question has built it (its arrays and
    /// 16 bytes an event, see `EventTable`), dropped by every edit.
    events: Kept,
}

impl Registry {
    /// Wraps a registry whose indexes are built.
    pub(crate) fn wrap(registry: Inner) -> Registry {
        Registry {
            inner: RwLock::new(registry),
            events: Mutex::new(None),
        }
    }

    /// Runs `f` on the registry with the GIL released.
    pub(crate) fn read<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Inner) -> Outcome<T> + Send,
    ) -> PyResult<T> {
        let out = py.detach(|| {
            let guard = self.inner.read().map_err(|_| Failure::Poisoned)?;
            f(&guard)
        });
        raise(py, out)
    }

    /// Runs `f` on the registry, locked for writing, with the GIL
    /// released. The library's edits are atomic: a failed one leaves the
    /// registry as it was.
    fn write<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Inner) -> Outcome<T> + Send,
    ) -> PyResult<T> {
        let out = py.detach(|| {
            let mut guard = self.inner.write().map_err(|_| Failure::Poisoned)?;
            // Dropped even if the edit fails: building it again is only
            // time, a stale one would be wrong rows.
            *self.events.lock().map_err(|_| Failure::Poisoned)? = None;
            f(&mut guard)
        });
        raise(py, out)
    }

    fn entities_of(
        &self,
        py: Python<'_>,
        kind: EntityKind,
        keys: Vec<String>,
    ) -> PyResult<Vec<Entity>> {
        self.read(py, move |r| {
            Ok(kind.visit(Entities {
                registry: r,
                keys: &keys,
            }))
        })
    }

    /// The entity of `kind` with `key`, or None: the one-kind getters.
    fn one(&self, py: Python<'_>, kind: EntityKind, key: &str) -> PyResult<Option<Entity>> {
        Ok(self.entities_of(py, kind, vec![key.to_owned()])?.pop())
    }
}

#[pymethods]
impl Registry {
    /// The number of entities (the built-in technology areas excluded).
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.read(py, |r| Ok(r.len()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |r| {
            Ok(format!(
                "<pactum.Registry: {} institutions, {} partnerships, {} meetings, {} mous, {} commitments, {} sources>",
                r.institutions().len(),
                r.partnerships().len(),
                r.meetings().len(),
                r.mous().len(),
                r.commitments().len(),
                r.sources().len()
            ))
        })
    }

    /// Builds every query index now (with the GIL released), so that the
    /// first questions do not pay for them; otherwise each is built by the
    /// first question that needs it.
    fn build_indexes(&self, py: Python<'_>) -> PyResult<()> {
        self.read(py, |r| {
            r.build_indexes();
            Ok(())
        })
    }

    /// Writes the dataset as a data file at `path`, atomically.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        self.read(py, move |r| Ok(r.save(&path)?))
    }

    /// The dataset as the text of a data file.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |r| Ok(r.to_json_string()))
    }

    /// The entity of `kind` (`meeting` or `meetings`, …) with `key`, or None.
    fn get(&self, py: Python<'_>, kind: &str, key: &str) -> PyResult<Option<Entity>> {
        let kind = raise(py, entity_kind(kind))?;
        Ok(self.entities_of(py, kind, vec![key.to_owned()])?.pop())
    }

    /// Every entity of `kind`, in the order of the data file.
    fn entities(&self, py: Python<'_>, kind: &str) -> PyResult<Vec<Entity>> {
        let kind = raise(py, entity_kind(kind))?;
        self.read(py, move |r| Ok(kind.visit(All(r))))
    }

    /// The source with `key`, or None.
    fn source(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Source, key)
    }

    /// The technology area with `key` (built-in or the dataset's), or None.
    fn tech_area(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::TechArea, key)
    }

    /// The institution with `key`, or None.
    fn institution(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Institution, key)
    }

    /// The partnership with `key`, or None.
    fn partnership(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Partnership, key)
    }

    /// The meeting with `key`, or None.
    fn meeting(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Meeting, key)
    }

    /// The MOU with `key`, or None.
    fn mou(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Mou, key)
    }

    /// The commitment with `key`, or None.
    fn commitment(&self, py: Python<'_>, key: &str) -> PyResult<Option<Entity>> {
        self.one(py, EntityKind::Commitment, key)
    }

    /// Adds an entity of `kind` given as a dictionary in the form of the
    /// data file; raises ValidationError (and changes nothing) when it
    /// breaks a rule.
    fn insert(&self, py: Python<'_>, kind: &str, entity: &Bound<'_, PyDict>) -> PyResult<Entity> {
        let kind = raise(py, entity_kind(kind))?;
        let value = from_py(entity.as_any(), kind.plural())?;
        self.write(py, move |r| kind.visit(Edit::Insert(r, value)))
    }

    /// Replaces the entity of `kind` with the same key; returns the old one.
    /// Raises ValidationError (and changes nothing) when the new one breaks
    /// a rule or no entity has that key.
    fn update(&self, py: Python<'_>, kind: &str, entity: &Bound<'_, PyDict>) -> PyResult<Entity> {
        let kind = raise(py, entity_kind(kind))?;
        let value = from_py(entity.as_any(), kind.plural())?;
        self.write(py, move |r| kind.visit(Edit::Update(r, value)))
    }

    /// Removes the entity of `kind` with `key` and returns it. Raises
    /// ValidationError (and changes nothing) when others refer to it or no
    /// entity has that key.
    fn remove(&self, py: Python<'_>, kind: &str, key: String) -> PyResult<Entity> {
        let kind = raise(py, entity_kind(kind))?;
        self.write(py, move |r| kind.visit(Edit::Remove(r, &key)))
    }

    /// The names of the tables `table()` gives.
    #[staticmethod]
    fn table_names() -> Vec<&'static str> {
        pactum::export::csv::FILES
            .iter()
            .map(|f| f.trim_end_matches(".csv"))
            .collect()
    }

    /// The table called `name` (`mous`, `events`, `party_actions`, …) in
    /// the columns of the CSV and Parquet export: every date as its EDTF
    /// text beside its earliest and latest day.
    fn table(&self, py: Python<'_>, name: String) -> PyResult<Table> {
        self.read(py, move |r| match table_batch(r, &name)? {
            Some(b) => Ok(Table::new(name, b)),
            None => Err(Failure::Value(format!(
                "unknown table \"{}\"; expected one of {}",
                name.escape_default(),
                Registry::table_names().join(", ")
            ))),
        })
    }

    /// Every event of the dataset in chronological order (the `events`
    /// table, its text as Arrow string views), from the registry's kept
    /// event table, built now if there is none.
    fn events(&self, py: Python<'_>) -> PyResult<Table> {
        let kept = &self.events;
        self.read(py, move |r| {
            let batch = whole_table(r, kept)?.batch().clone();
            Ok(Table::new("events", batch))
        })
    }

    /// The events possibly (with `certainly=True`, certainly) from `start`
    /// to `end` (days, both included; None leaves a side open) that match
    /// every filter given, in chronological order (`reverse` for the
    /// latest first), at most `limit`. The events table with a `certain`
    /// column. Raises QueryError for a key the registry does not have.
    /// An answer of an eighth of the events or more builds the registry's
    /// kept event table (its arrays, 16 bytes an event to find a hit's
    /// row and 8 for its days; dropped by an edit), and once it is built
    /// every answer takes its rows from it: a window with no filter and
    /// no limit is found from the table's own days, and its long
    /// stretches of rows are handed over as slices of the table (the
    /// answer's batches), nothing copied.
    #[pyo3(signature = (start=None, end=None, *, certainly=false, institution=None,
        institution_or_below=None, country=None, area=None, area_or_below=None,
        partnership=None, series=None, kinds=None, limit=None, reverse=false))]
    #[allow(clippy::too_many_arguments)]
    fn timeline(
        &self,
        py: Python<'_>,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
        certainly: bool,
        institution: Option<String>,
        institution_or_below: Option<String>,
        country: Option<String>,
        area: Option<String>,
        area_or_below: Option<String>,
        partnership: Option<String>,
        series: Option<String>,
        kinds: Option<Vec<String>>,
        limit: Option<usize>,
        reverse: bool,
    ) -> PyResult<Table> {
        let args = TimelineArgs {
            start: opt_day(start)?,
            end: opt_day(end)?,
            certainly,
            institution,
            institution_or_below,
            country,
            area,
            area_or_below,
            partnership,
            series,
            kinds: kinds.unwrap_or_default(),
            limit,
            reverse,
        };
        let kept = &self.events;
        self.read(py, move |r| run_timeline(r, kept, &args))
    }

    /// The MOUs and partnerships in force on `day`, possibly or certainly:
    /// `entity_kind,key,name,certain`.
    fn in_force_on(&self, py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<Table> {
        let d = self::day(day)?;
        self.read(py, move |r| {
            Ok(Table::new("in_force", rows::in_force(&r.in_force_on(d))?))
        })
    }

    /// The agreements in force for the party `institution` on `day`, by its
    /// own actions: `entity_kind,key,name,certain,through`.
    fn in_force_for(
        &self,
        py: Python<'_>,
        institution: String,
        day: &Bound<'_, PyAny>,
    ) -> PyResult<Table> {
        let d = self::day(day)?;
        self.read(py, move |r| {
            let rows = r.in_force_for(&institution, d)?;
            Ok(Table::new("in_force_for", rows::in_force_for(&rows)?))
        })
    }

    /// The first meeting of the partnership or series `key` possibly on or
    /// after `day`, or None.
    fn next_meeting(
        &self,
        py: Python<'_>,
        key: String,
        day: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Event>> {
        let d = self::day(day)?;
        self.read(py, move |r| Ok(r.next_meeting(&key, d)?.map(Event::of)))
    }

    /// The last meeting of the partnership or series `key` possibly before
    /// `day`, or None.
    fn previous_meeting(
        &self,
        py: Python<'_>,
        key: String,
        day: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Event>> {
        let d = self::day(day)?;
        self.read(py, move |r| Ok(r.previous_meeting(&key, d)?.map(Event::of)))
    }

    /// The gaps between consecutive meetings of a partnership or series:
    /// `from,to,from_date,to_date,min_days,max_days`.
    fn cadence(&self, py: Python<'_>, key: String) -> PyResult<Table> {
        self.read(py, move |r| {
            Ok(Table::new("cadence", rows::cadence(&r.cadence(&key)?)?))
        })
    }

    /// The meetings of a partnership, in date order.
    fn meetings_of(&self, py: Python<'_>, partnership: String) -> PyResult<Vec<Entity>> {
        let keys = self.read(py, move |r| {
            Ok(r.meetings_of(&partnership)
                .iter()
                .map(|m| m.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::Meeting, keys)
    }

    /// The meetings of a series, in session order.
    fn meetings_in_series(&self, py: Python<'_>, series: String) -> PyResult<Vec<Entity>> {
        let keys = self.read(py, move |r| {
            Ok(r.meetings_in_series(&series)
                .iter()
                .map(|m| m.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::Meeting, keys)
    }

    /// The commitments in `state` (`open`, `met`, `missed`, `dropped`,
    /// `overdue`) as of `day`, possibly or certainly:
    /// `key,description,state,certain,due`.
    fn commitments_as_of(
        &self,
        py: Python<'_>,
        state: String,
        day: &Bound<'_, PyAny>,
    ) -> PyResult<Table> {
        let d = self::day(day)?;
        self.read(py, move |r| {
            let s = commitment_state(&state)?;
            Ok(Table::new(
                "commitments_as_of",
                rows::commitments(&r.commitments_as_of(s, d), &state)?,
            ))
        })
    }

    /// The commitments certainly overdue on `day`.
    fn overdue_commitments(&self, py: Python<'_>, day: &Bound<'_, PyAny>) -> PyResult<Vec<Entity>> {
        let d = self::day(day)?;
        let keys = self.read(py, move |r| {
            Ok(r.overdue_commitments(d)
                .map(|c| c.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::Commitment, keys)
    }

    /// The lints of the dataset as of `as_of` (every rule on by default).
    fn lint(&self, py: Python<'_>, as_of: &Bound<'_, PyAny>) -> PyResult<Vec<Diagnostic>> {
        let d = day(as_of)?;
        self.read(py, move |r| {
            Ok(r.lint(d).iter().map(Diagnostic::from).collect())
        })
    }

    /// Every event involving `institution` or an institution below it, in
    /// chronological order (the events table).
    fn involving(&self, py: Python<'_>, institution: String) -> PyResult<Table> {
        self.read(py, move |r| {
            Ok(Table::new(
                "involving",
                events_batch(r, r.involving(&institution))?,
            ))
        })
    }

    /// The institution and every institution below it, in hierarchy order.
    fn institution_and_below(&self, py: Python<'_>, key: String) -> PyResult<Vec<Entity>> {
        let keys = self.read(py, move |r| {
            Ok(r.institution_and_below(&key)
                .iter()
                .map(|i| i.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::Institution, keys)
    }

    /// Whether `institution` is `ancestor` or below it.
    fn is_under(&self, py: Python<'_>, institution: String, ancestor: String) -> PyResult<bool> {
        self.read(py, move |r| Ok(r.is_under(&institution, &ancestor)))
    }

    /// The institutions called `name` (key, name, acronym, alias or former
    /// name, compared in normalized form), best match first.
    fn lookup_institution(&self, py: Python<'_>, name: String) -> PyResult<Vec<Entity>> {
        let keys = self.read(py, move |r| {
            Ok(r.lookup_institution(&name)
                .entities()
                .map(|i| i.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::Institution, keys)
    }

    /// The technology areas called `name` (key, name or alias), best match
    /// first.
    fn lookup_tech_area(&self, py: Python<'_>, name: String) -> PyResult<Vec<Entity>> {
        let keys = self.read(py, move |r| {
            Ok(r.lookup_tech_area(&name)
                .entities()
                .map(|a| a.key().as_str().to_owned())
                .collect())
        })?;
        self.entities_of(py, EntityKind::TechArea, keys)
    }

    /// Agreements, meetings and commitments by year, vague dates counted
    /// possibly and certainly.
    fn activity_by_year(&self, py: Python<'_>) -> PyResult<Table> {
        self.read(py, |r| {
            let a = pactum::analysis::activity_by_year(r.events());
            Ok(Table::new("activity_by_year", rows::activity(&a)?))
        })
    }

    /// Agreements, meetings and commitments by country of the institutions
    /// involved.
    fn count_by_country(&self, py: Python<'_>) -> PyResult<Table> {
        self.read(py, |r| {
            let t = pactum::analysis::count_by_country(r, pactum::analysis::subjects(r));
            Ok(Table::new("count_by_country", rows::tallies(&t)?))
        })
    }

    /// Agreements, meetings and commitments by kind of institution involved.
    fn count_by_institution_kind(&self, py: Python<'_>) -> PyResult<Table> {
        self.read(py, |r| {
            let t = pactum::analysis::count_by_institution_kind(r, pactum::analysis::subjects(r));
            Ok(Table::new("count_by_institution_kind", rows::tallies(&t)?))
        })
    }

    /// Agreements, meetings and commitments by technology area.
    fn count_by_tech_area(&self, py: Python<'_>) -> PyResult<Table> {
        self.read(py, |r| {
            let t = pactum::analysis::count_by_tech_area(pactum::analysis::subjects(r));
            Ok(Table::new("count_by_tech_area", rows::tallies(&t)?))
        })
    }
}

/// One event a question returned: what happened, to which entity, when,
/// and whether certainly in the window asked about.
#[pyclass(frozen, get_all, module = "pactum")]
pub struct Event {
    /// The event kind (`meeting_held`, `mou_signed`, …).
    pub kind: String,
    /// The kind of entity it belongs to.
    pub entity_kind: String,
    /// The entity's key.
    pub key: String,
    /// The entity's name or title.
    pub label: String,
    /// The date.
    pub date: Date,
    /// The last day of a meeting of several days.
    pub end: Option<Date>,
    /// Whether certainly, not only possibly, in the window asked about.
    pub certain: bool,
}

impl Event {
    fn of(hit: pactum::Hit<'_>) -> Event {
        let e = hit.event();
        Event {
            kind: e.kind().as_str().to_owned(),
            entity_kind: e.subject().kind().as_str().to_owned(),
            key: e.key().to_owned(),
            label: e.subject().label().to_owned(),
            date: Date {
                inner: e.date().clone(),
            },
            end: e.end().map(|d| Date { inner: d.clone() }),
            certain: hit.is_certain(),
        }
    }
}

#[pymethods]
impl Event {
    fn __repr__(&self) -> String {
        format!(
            "<{} {} {}: {} ({})>",
            self.kind,
            self.entity_kind,
            self.key,
            self.date.inner,
            if self.certain {
                "certainly"
            } else {
                "possibly"
            }
        )
    }
}
