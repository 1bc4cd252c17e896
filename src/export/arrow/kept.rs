//! The event table of a whole registry, built once and kept: the answer to
//! a timeline question is then a slice of it, or its rows taken by number,
//! rather than a table built cell by cell per question.

use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{Array, ArrayRef, RecordBatch, UInt32Array};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use super::events;
use crate::event::EventKind;
use crate::query::{Agreement, Event, Hit, Subject};
use crate::registry::Registry;

/// Below this many events the table is built on the calling thread alone:
/// starting threads would cost more than they save.
const PARALLEL_FROM: usize = 1 << 16;
/// The most threads the build uses.
const MAX_THREADS: usize = 4;

/// The row of one event of an entity: the event's kind and, for a
/// party's action, its place among its agreement's actions (0 for the
/// other events). `row` is [`NO_ROW`] in a place no event fills.
#[derive(Debug, Clone, Copy)]
struct Entry {
    row: u32,
    action: u16,
    kind: EventKind,
}

/// The row of a place that no event fills.
const NO_ROW: u32 = u32::MAX;

const EMPTY: Entry = Entry {
    row: NO_ROW,
    action: 0,
    kind: EventKind::PartnershipEstablished,
};

/// The kinds of entity that have events, in the order of
/// [`EventTable::kinds`].
const PARTNERSHIP: usize = 0;
const MEETING: usize = 1;
const MOU: usize = 2;
const COMMITMENT: usize = 3;

/// Where the events of one kind of entity are: the entities' table in the
/// registry (its first entity's address and its length), and for the
/// entity at place `h` of it, its entries
/// `entries[first[h]..first[h + 1]]` (its party actions first, by their
/// place among the agreement's, then its other events).
#[derive(Debug, Clone, Default)]
struct KindRows {
    base: usize,
    len: usize,
    first: Vec<u32>,
}

impl KindRows {
    fn of<T>(all: &[T]) -> KindRows {
        KindRows {
            base: all.as_ptr() as usize,
            len: all.len(),
            first: Vec::new(),
        }
    }

    /// The place of `entity` in the table: its offset from the first
    /// entity, or `None` when it is not one of the table's entities (of
    /// another registry).
    #[inline]
    fn place<T>(&self, entity: &T) -> Option<usize> {
        let size = std::mem::size_of::<T>().max(1);
        let offset = (std::ptr::from_ref(entity) as usize).checked_sub(self.base)?;
        let h = offset / size;
        (offset % size == 0 && h < self.len).then_some(h)
    }
}

/// Which entity's events hold an event: the kind (an index of
/// [`EventTable::kinds`]) and the entity's place among those of its kind,
/// found from its address without reading it (for a party's action, the
/// agreement's), and the action's place among its agreement's, if it is
/// one.
#[inline]
fn owner(kinds: &[KindRows; 4], subject: &Subject<'_>) -> Option<(usize, usize, Option<u16>)> {
    let action = matches!(subject, Subject::PartyAction(_)).then(|| subject.action_index());
    let (k, h) = match subject {
        Subject::Partnership(p) => (PARTNERSHIP, kinds[PARTNERSHIP].place(*p)?),
        Subject::Meeting(m) => (MEETING, kinds[MEETING].place(*m)?),
        Subject::Mou(m) => (MOU, kinds[MOU].place(*m)?),
        Subject::Commitment(c) => (COMMITMENT, kinds[COMMITMENT].place(*c)?),
        Subject::PartyAction(a) => match a.agreement() {
            Agreement::Partnership(p) => (PARTNERSHIP, kinds[PARTNERSHIP].place(p)?),
            Agreement::Mou(m) => (MOU, kinds[MOU].place(m)?),
        },
    };
    Some((k, h, action))
}

/// An event's identity as one number: the kind of its entity (an index of
/// [`EventTable::kinds`]), whether it is a party's action, the entity's
/// place, the event's kind and the action's place; numbers in the order of the first two read the
/// entities' entries in the order they lie in memory.
#[inline]
fn identity(k: usize, h: usize, kind: EventKind, action: Option<u16>) -> Option<u64> {
    let h = u32::try_from(h).ok()?;
    Some(
        ((k as u64) << 58)
            | (u64::from(action.is_some()) << 56)
            | (u64::from(h) << 24)
            | ((kind as u64) << 16)
            | u64::from(action.unwrap_or(0)),
    )
}

/// The address of the entity an event belongs to (of the agreement, for a
/// party's action).
fn address(subject: &Subject<'_>) -> usize {
    fn at<T>(r: &T) -> usize {
        std::ptr::from_ref(r) as usize
    }
    match subject {
        Subject::Partnership(p) => at(*p),
        Subject::Meeting(m) => at(*m),
        Subject::Mou(m) => at(*m),
        Subject::Commitment(c) => at(*c),
        Subject::PartyAction(a) => match a.agreement() {
            Agreement::Partnership(p) => at(p),
            Agreement::Mou(m) => at(m),
        },
    }
}

/// The event table of every event of a registry ([`events_batch`] of
/// [`Registry::events`]), built once and kept, so that the table of a
/// question's hits is a slice of it or its rows taken by number: the
/// columns' values are shared, not copied (text columns are `Utf8View`,
/// whose views point into the kept buffers).
///
/// It answers for the registry it was built from, as long as that
/// registry is not edited: build it again after an edit. A hit it cannot
/// find is an error, never a wrong row; an edit that keeps every event in
/// its place (a new label, say) goes unseen, so the owner of the registry
/// must drop the table when it edits it.
///
/// It holds its arrays and, to find a hit's row with no hashing,
/// 16 bytes an event and 4 an entity: where each event's row is, listed
/// by the place of its entity in the registry, and the identity of each
/// row's event (see [`EventTable::memory_size`]). The rows of the events
/// whose date has an open side are kept a second time, together (their
/// views, day numbers and null flags, not their text): they are in nearly
/// every window's answer.
///
/// [`events_batch`]: super::events_batch
///
/// # Example
///
/// ```
/// use pactum::export::arrow::{hits_batch, EventTable};
///
/// let registry = pactum::seed();
/// let table = EventTable::new(&registry)?;
/// assert_eq!(table.batch().num_rows(), registry.events().len());
/// let hits = registry.timeline().limit(3).run()?;
/// let kept = table.hits_batch(hits)?;
/// let built = hits_batch(&registry, registry.timeline().limit(3).run()?)?;
/// assert_eq!(kept, built);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct EventTable {
    batch: RecordBatch,
    /// Where the events of each kind of entity are listed in `entries`:
    /// partnerships, meetings, MOUs, commitments.
    kinds: [KindRows; 4],
    /// The rows of every entity's events, entity after entity.
    entries: Vec<Entry>,
    /// The identity of each row's event, in row order: a hit that follows
    /// its predecessor's row is told by one look at the next number.
    identities: Vec<u64>,
    /// The rows of the events whose date has an open start (`[..X]`),
    /// then of those with an open end (`[X..]`), a second time, in the
    /// table's order: see [`OpenRows`].
    open: [OpenRows; 2],
}

/// The rows of the events whose date has an open side, in the kept
/// table's order, kept a second time as a table of their own.
///
/// They are the events in nearly every window: one with an open end
/// (`[X..]`) is possibly in every window after X, one with an open start
/// (`[..X]`) in every window before X, and the timeline puts it at X, its
/// last possible day, so a window's answer ends with every open start
/// after the window's end. In the kept table they are rows scattered over
/// the whole timeline, a read at a random place each when a window's
/// answer is gathered; here they are together and in order, so a
/// window's open-dated hits are mostly rows one after another.
#[derive(Debug, Clone)]
struct OpenRows {
    /// Their rows: the columns of the kept table's batch (the text views
    /// point into its buffers, the text is not copied).
    batch: RecordBatch,
    /// The row of each in the kept table, rising.
    rows: Vec<u32>,
    /// The identity of each one's event, in their order.
    identities: Vec<u64>,
    /// Their identities with their places here, sorted by identity: where
    /// an open-dated hit is, found without reading the registry.
    by_identity: Vec<(u64, u32)>,
}

impl OpenRows {
    /// The rows of `batch` (the kept table, whose events have
    /// `identities`): first those whose date has an open start (a null
    /// `date_earliest`), then of the others those with an open end (a
    /// null `date_latest`, or an `end` with a null `end_latest`).
    fn of(batch: &RecordBatch, identities: &[u64]) -> Result<[OpenRows; 2], ArrowError> {
        let column = |name: &str| {
            batch.column_by_name(name).ok_or_else(|| {
                ArrowError::SchemaError(format!("the event table has no {name} column"))
            })
        };
        let (earliest, latest) = (column("date_earliest")?, column("date_latest")?);
        let (end, end_latest) = (column("end")?, column("end_latest")?);
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for (i, row) in (0..batch.num_rows()).zip(0u32..) {
            if earliest.is_null(i) {
                starts.push(row);
            } else if latest.is_null(i) || (end.is_valid(i) && end_latest.is_null(i)) {
                ends.push(row);
            }
        }
        Ok([
            OpenRows::at(batch, identities, starts)?,
            OpenRows::at(batch, identities, ends)?,
        ])
    }

    /// The rows `rows` of `batch` (the kept table, whose events have
    /// `identities`).
    fn at(batch: &RecordBatch, identities: &[u64], rows: Vec<u32>) -> Result<OpenRows, ArrowError> {
        let identities = rows
            .iter()
            .map(|&r| identities.get(r as usize).copied())
            .collect::<Option<Vec<u64>>>()
            .ok_or_else(|| {
                ArrowError::InvalidArgumentError(
                    "the event table has fewer identities than rows".to_owned(),
                )
            })?;
        let mut by_identity: Vec<(u64, u32)> = identities.iter().copied().zip(0u32..).collect();
        by_identity.sort_unstable();
        let batch = arrow_select::take::take_record_batch(batch, &UInt32Array::from(rows.clone()))?;
        Ok(OpenRows {
            batch,
            rows,
            identities,
            by_identity,
        })
    }

    /// The place here of the event of `identity`, if its date has an open side.
    #[inline]
    fn place(&self, identity: u64) -> Option<u32> {
        let i = self
            .by_identity
            .binary_search_by_key(&identity, |&(id, _)| id)
            .ok()?;
        self.by_identity.get(i).map(|&(_, p)| p)
    }

    /// The bytes they hold beside the kept table's: their views, day
    /// numbers and null flags (not the text the views point to), their
    /// rows and their identities twice.
    fn memory_size(&self) -> usize {
        let arrays: usize = self
            .batch
            .columns()
            .iter()
            .map(|c| {
                let data = c.to_data();
                data.buffers().first().map_or(0, |b| b.capacity())
                    + data.nulls().map_or(0, |n| n.buffer().capacity())
            })
            .sum();
        arrays
            + self.rows.capacity() * std::mem::size_of::<u32>()
            + self.identities.capacity() * std::mem::size_of::<u64>()
            + self.by_identity.capacity() * std::mem::size_of::<(u64, u32)>()
    }
}

/// Which of the tables a hit's row is in: the kept table's own rows, or
/// the copy of its rows with an open start, or of those with an open end.
const MAIN: u8 = 0;
const START: u8 = 1;
const END: u8 = 2;

/// Where a hit's row is: its table ([`MAIN`], [`START`] or [`END`]) and
/// its row there (8 bytes: the whole timeline's places are millions).
type Place = (u8, u32);

impl EventTable {
    /// The event table of every event of `registry`, in chronological
    /// order, built on up to four threads (as many as the machine has);
    /// see [`EventTable::with_threads`].
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] if the table cannot be built; pactum's events
    /// always can.
    pub fn new(registry: &Registry) -> Result<EventTable, ArrowError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
        EventTable::with_threads(registry, threads)
    }

    /// The event table of every event of `registry`, in chronological
    /// order, built on at most `threads` threads (the calling thread
    /// among them; below 65,536 events, on the calling thread alone).
    ///
    /// The rows are built in the order their entities lie in memory, then
    /// put in chronological order: read in chronological order, the
    /// entities are read at random, and waiting for memory was most of
    /// the cost (see BENCHMARKS.md, "From Python").
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] if the table cannot be built; pactum's events
    /// always can.
    pub fn with_threads(registry: &Registry, threads: usize) -> Result<EventTable, ArrowError> {
        let all = registry.events();
        let count = u32::try_from(all.len()).map_err(|_| too_many())?;
        let mut by_place: Vec<(usize, u32)> = all
            .iter()
            .zip(0..count)
            .map(|(e, i)| (address(&e.subject()), i))
            .collect();
        by_place.sort_unstable();
        let threads = if all.len() < PARALLEL_FROM {
            1
        } else {
            threads.max(1)
        };
        let chunks: Vec<&[(usize, u32)]> = by_place
            .chunks(all.len().div_ceil(threads).max(1))
            .collect();
        let parts = crate::threads::in_parts(chunks.len(), "pactum-export", |p| {
            let chunk = chunks.get(p).copied().unwrap_or_default();
            // Gathered first, so that the builders know their size.
            let events: Vec<Event<'_>> = chunk
                .iter()
                .filter_map(|&(_, i)| all.get(i as usize).copied())
                .collect();
            events::batch(registry, events.into_iter().map(|e| (e, None)), false)
        });
        let batches = parts.into_iter().collect::<Result<Vec<_>, _>>()?;
        let placed = match batches.as_slice() {
            [one] => one.clone(),
            _ => {
                let schema = match batches.first() {
                    Some(b) => b.schema(),
                    None => events::batch(registry, [], false)?.schema(),
                };
                arrow_select::concat::concat_batches(&schema, &batches)?
            }
        };
        // The place of each event in `placed`, in chronological order.
        let mut to_place = vec![0u32; all.len()];
        for (&(_, i), j) in by_place.iter().zip(0u32..) {
            if let Some(slot) = to_place.get_mut(i as usize) {
                *slot = j;
            }
        }
        let batch = arrow_select::take::take_record_batch(&placed, &UInt32Array::from(to_place))?;
        let (kinds, entries) = entries(registry, &all)?;
        let identities = all
            .iter()
            .map(|e| {
                let (k, h, action) = owner(&kinds, &e.subject())?;
                identity(k, h, e.kind(), action)
            })
            .collect::<Option<Vec<u64>>>()
            .ok_or_else(too_many)?;
        let open = OpenRows::of(&batch, &identities)?;
        Ok(EventTable {
            batch,
            kinds,
            entries,
            identities,
            open,
        })
    }

    /// Every event as a row, in chronological order: the columns of
    /// [`events_batch`](super::events_batch).
    pub fn batch(&self) -> &RecordBatch {
        &self.batch
    }

    /// The bytes the table holds: its arrays, the row of each event
    /// listed by its entity and the identity of each row's event (16
    /// bytes an event, 4 an entity), and the second copy of the rows of
    /// the events whose date has an open side (their views, day numbers
    /// and null flags, not their text, with their rows and identities).
    pub fn memory_size(&self) -> usize {
        self.batch.get_array_memory_size()
            + self.open.iter().map(OpenRows::memory_size).sum::<usize>()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.identities.capacity() * std::mem::size_of::<u64>()
            + self
                .kinds
                .iter()
                .map(|k| k.first.capacity() * std::mem::size_of::<u32>())
                .sum::<usize>()
    }

    /// The row of the event of `identity`, found from its entity's place
    /// in the registry and its kind: `None` when the event is not one of
    /// the table's registry.
    #[inline]
    fn row(&self, identity: u64) -> Option<u32> {
        let k = (identity >> 58) as usize;
        let h = ((identity >> 24) & u64::from(u32::MAX)) as usize;
        let action = (identity & 0xffff) as u16;
        let first = &self.kinds.get(k)?.first;
        let (from, to) = (*first.get(h)?, *first.get(h + 1)?);
        let listed = self.entries.get(from as usize..to as usize)?;
        let kind = ((identity >> 16) & 0xff) as u8;
        // A party action is at its place among its agreement's actions;
        // an entity's own events (at most four, each of its own kind)
        // follow them. Party actions and entities' own events are of
        // different kinds.
        let entry = if (identity >> 56) & 1 == 1 {
            listed
                .get(usize::from(action))
                .filter(|e| e.kind as u8 == kind && e.action == action)?
        } else {
            listed.iter().rev().find(|e| e.kind as u8 == kind)?
        };
        (entry.row != NO_ROW).then_some(entry.row)
    }

    /// The place of each hit's event, in their order: its table ([`MAIN`],
    /// the kept table, or [`START`] or [`END`], the copies of its
    /// open-dated rows) and its row there; or the place of the first hit not in the table.
    ///
    /// Reading an entity's entries is a look at a random place in memory,
    /// which on a large registry costs more than all else a hit needs. So
    /// a hit whose event is on the row after its predecessor's (or
    /// before it), in the kept table or among the open-dated rows, is
    /// told by its identity alone; an open-dated event is found among the
    /// few open-dated identities; the first hit, and a hit right after one told either
    /// way, is looked up at once (it may start a run of such rows); the
    /// others are looked up together, in the order their entities lie in
    /// memory.
    fn places(&self, hits: &[Hit<'_>]) -> Result<Vec<Place>, usize> {
        let mut places = vec![(MAIN, 0); hits.len()];
        let mut later: Vec<(u64, u32)> = Vec::new();
        let [starts, ends] = &self.open;
        let tables = [&self.identities, &starts.identities, &ends.identities];
        // The row of the last hit found in each table, and whether the
        // hit before was found without a look at the entries.
        let mut last: [Option<u32>; 3] = [None; 3];
        let mut told = true;
        for ((hit, place), i) in hits.iter().zip(&mut places).zip(0u32..) {
            let event = hit.event();
            let id = owner(&self.kinds, &event.subject())
                .and_then(|(k, h, action)| identity(k, h, event.kind(), action))
                .ok_or(i as usize)?;
            // The row after the last of a table, or before it (a reversed
            // timeline).
            let at = |t: u8, q: Option<u32>| {
                let q = q?;
                let ids = tables.get(usize::from(t))?;
                (ids.get(q as usize) == Some(&id)).then_some((t, q))
            };
            let last_of = |t: u8| last.get(usize::from(t)).copied().flatten();
            let after = |t: u8| at(t, last_of(t).and_then(|p| p.checked_add(1)));
            let before = |t: u8| at(t, last_of(t).and_then(|p| p.checked_sub(1)));
            let next = after(MAIN)
                .or_else(|| after(END))
                .or_else(|| after(START))
                .or_else(|| before(MAIN))
                .or_else(|| before(END))
                .or_else(|| before(START));
            let found = next
                .or_else(|| starts.place(id).map(|p| (START, p)))
                .or_else(|| ends.place(id).map(|p| (END, p)));
            let now = match found {
                Some(p) => Some(p),
                None if told => Some((MAIN, self.row(id).ok_or(i as usize)?)),
                None => {
                    later.push((id, i));
                    None
                }
            };
            told = found.is_some();
            if let Some((t, p)) = now {
                *place = (t, p);
                if let Some(at) = last.get_mut(usize::from(t)) {
                    *at = Some(p);
                }
            }
        }
        later.sort_unstable();
        for (id, i) in later {
            let found = self.row(id).ok_or(i as usize)?;
            if let Some(place) = places.get_mut(i as usize) {
                *place = (MAIN, found);
            }
        }
        Ok(places)
    }

    /// The table of `hits` (of the registry the table was built from) in
    /// their order, with the `certain` column: the same table as
    /// [`hits_batch`](super::hits_batch), made of the kept rows.
    ///
    /// Hits that are consecutive rows (the whole timeline, one stretch of
    /// it) are a slice, with nothing copied; others are gathered row by
    /// row, copying 16 bytes a text cell and none of the text. The events
    /// whose date has an open side (`[..X]`, `[X..]`), which are in nearly
    /// every window, are kept a second time, together and in the
    /// timeline's order: a window's open-dated hits are read from there,
    /// mostly one row after another, rather than at rows scattered over
    /// the timeline.
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] if a hit is not in the table: it comes from
    /// another registry, or the registry was edited since the table was
    /// built.
    pub fn hits_batch<'r>(
        &self,
        hits: impl IntoIterator<Item = Hit<'r>>,
    ) -> Result<RecordBatch, ArrowError> {
        let hits: Vec<Hit<'r>> = hits.into_iter().collect();
        let mut certain = BooleanBuilder::with_capacity(hits.len());
        for hit in &hits {
            certain.append_value(hit.is_certain());
        }
        let places = self.places(&hits).map_err(|i| match hits.get(i) {
            Some(hit) => not_in_table(&hit.event()),
            None => not_in_table_at_all(),
        })?;
        let schema = self.batch.schema();
        let [starts, ends] = &self.open;
        let tables = [&self.batch, &starts.batch, &ends.batch];
        let mut arrays: Vec<ArrayRef> = match consecutive(&places) {
            Some((t, first)) => match tables.get(usize::from(t)) {
                Some(table) => table.slice(first as usize, places.len()).columns().to_vec(),
                None => return Err(not_in_table_at_all()),
            },
            None => {
                let places: Vec<(usize, usize)> = places
                    .iter()
                    .map(|&(t, p)| (usize::from(t), p as usize))
                    .collect();
                let mut arrays = Vec::with_capacity(schema.fields().len() + 1);
                for (i, main) in self.batch.columns().iter().enumerate() {
                    let columns = [main.as_ref(), starts.batch.column(i), ends.batch.column(i)];
                    arrays.push(arrow_select::interleave::interleave(&columns, &places)?);
                }
                arrays
            }
        };
        arrays.push(Arc::new(certain.finish()));
        with_certain(&schema, arrays)
    }

    /// The table of the whole timeline: every row in chronological order,
    /// with the `certain` column, true throughout (every event is
    /// certainly in the window of all days). The same table that
    /// [`hits_batch`](EventTable::hits_batch) makes of every hit of
    /// `registry.timeline().run()`, for the registry as it was when the
    /// table was built, without walking the timeline: the kept columns,
    /// nothing copied.
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] only if the columns and the schema disagree,
    /// which a table built by [`EventTable::new`] never does.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::export::arrow::EventTable;
    ///
    /// let registry = pactum::seed();
    /// let table = EventTable::new(&registry)?;
    /// let whole = table.timeline_batch()?;
    /// assert_eq!(whole.num_rows(), registry.timeline().count()?);
    /// assert_eq!(whole, table.hits_batch(registry.timeline().run()?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn timeline_batch(&self) -> Result<RecordBatch, ArrowError> {
        let mut arrays = self.batch.columns().to_vec();
        let mut certain = BooleanBuilder::with_capacity(self.batch.num_rows());
        certain.append_n(self.batch.num_rows(), true);
        arrays.push(Arc::new(certain.finish()));
        with_certain(&self.batch.schema(), arrays)
    }
}

/// The batch of `arrays`: the columns of `schema`, then the `certain`
/// column.
fn with_certain(schema: &Schema, arrays: Vec<ArrayRef>) -> Result<RecordBatch, ArrowError> {
    let mut fields: Vec<Field> = schema.fields().iter().map(|f| f.as_ref().clone()).collect();
    fields.push(Field::new("certain", DataType::Boolean, false));
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// Where the row of each event of `all` (the registry's events, the
/// rows in their order) is listed: the entries of each entity's events,
/// its party actions first at their places among its agreement's, then
/// its other events.
fn entries(
    registry: &Registry,
    all: &[Event<'_>],
) -> Result<([KindRows; 4], Vec<Entry>), ArrowError> {
    use crate::{Commitment, Meeting, Mou, Partnership};
    let mut kinds = [
        KindRows::of(registry.all::<Partnership>()),
        KindRows::of(registry.all::<Meeting>()),
        KindRows::of(registry.all::<Mou>()),
        KindRows::of(registry.all::<Commitment>()),
    ];
    let not_listed = |e: &Event<'_>| {
        ArrowError::InvalidArgumentError(format!(
            "the {} event of \"{}\" belongs to no entity of the registry",
            e.kind().as_str(),
            e.key().escape_default()
        ))
    };
    // The number of each entity's party actions (one past the highest
    // place among them) and of its other events.
    let mut actions: [Vec<u32>; 4] = kinds.each_ref().map(|k| vec![0; k.len]);
    let mut own: [Vec<u32>; 4] = kinds.each_ref().map(|k| vec![0; k.len]);
    for e in all {
        let (k, h, action) = owner(&kinds, &e.subject()).ok_or_else(|| not_listed(e))?;
        let counted = match action {
            Some(i) => actions
                .get_mut(k)
                .and_then(|a| a.get_mut(h))
                .map(|n| *n = (*n).max(u32::from(i) + 1)),
            None => own.get_mut(k).and_then(|o| o.get_mut(h)).map(|n| *n += 1),
        };
        counted.ok_or_else(|| not_listed(e))?;
    }
    let mut total: u32 = 0;
    for ((rows, actions), own) in kinds.iter_mut().zip(&actions).zip(&own) {
        rows.first = Vec::with_capacity(rows.len + 1);
        rows.first.push(total);
        for (a, o) in actions.iter().zip(own) {
            total = a
                .checked_add(*o)
                .and_then(|n| total.checked_add(n))
                .filter(|&t| t < NO_ROW)
                .ok_or_else(too_many)?;
            rows.first.push(total);
        }
    }
    let mut entries = vec![EMPTY; total as usize];
    // Each entity's own events fill its last entries, in the order they
    // come.
    for (e, row) in all.iter().zip(0u32..) {
        let (k, h, action) = owner(&kinds, &e.subject()).ok_or_else(|| not_listed(e))?;
        let first = kinds.get(k).and_then(|r| r.first.get(h)).copied();
        let place = match action {
            Some(i) => first.map(|f| f + u32::from(i)),
            None => {
                let end = kinds.get(k).and_then(|r| r.first.get(h + 1)).copied();
                let left = own.get_mut(k).and_then(|o| o.get_mut(h));
                match (end, left) {
                    (Some(end), Some(left)) => {
                        let place = end.checked_sub(*left);
                        *left = left.saturating_sub(1);
                        place
                    }
                    _ => None,
                }
            }
        };
        let slot = place
            .and_then(|p| entries.get_mut(p as usize))
            .ok_or_else(|| not_listed(e))?;
        *slot = Entry {
            row,
            action: action.unwrap_or(0),
            kind: e.kind(),
        };
    }
    Ok((kinds, entries))
}

/// The table and first row of `places` when they are consecutive rows of
/// one table (none or one place included: the kept table's first row for
/// none), else `None`.
fn consecutive(places: &[Place]) -> Option<Place> {
    let first = places.first().copied().unwrap_or((MAIN, 0));
    let ok = places
        .iter()
        .zip(u64::from(first.1)..)
        .all(|(&(t, row), want)| t == first.0 && u64::from(row) == want);
    ok.then_some(first)
}

/// The error of a hit whose event is not in the table.
fn not_in_table(event: &Event<'_>) -> ArrowError {
    ArrowError::InvalidArgumentError(format!(
        "the {} event of \"{}\" is not in the event table; \
         build the table again after an edit",
        event.kind().as_str(),
        event.key().escape_default()
    ))
}

fn not_in_table_at_all() -> ArrowError {
    ArrowError::InvalidArgumentError(
        "an event is not in the event table; build the table again after an edit".to_owned(),
    )
}

fn too_many() -> ArrowError {
    ArrowError::InvalidArgumentError("more than 2^32 events in one table".to_owned())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::date::Window;
    use crate::export::arrow::hits_batch;

    fn window(from: (i32, u32, u32), to: (i32, u32, u32)) -> Window {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        Window::new(day(from), day(to)).unwrap()
    }

    /// A registry of two governments, `aa-gov` and `bb-gov`, and the MOUs
    /// of `mous`, a JSON array.
    fn two_governments_with(mous: &str) -> Registry {
        let text = [
            r#"{"pactum": 1,
              "institutions": [
                {"key": "aa-gov", "name": "Government of AA", "kind": "government", "country": "FR"},
                {"key": "bb-gov", "name": "Government of BB", "kind": "government", "country": "DE"}],
              "mous": "#,
            mous,
            "}",
        ]
        .concat();
        Registry::from_json_str(&text).unwrap()
    }

    /// Checks that the kept table answers every question below as the
    /// table built for the hits does.
    fn answers_as_built(registry: &Registry) {
        let table = EventTable::new(registry).unwrap();
        let all = crate::export::arrow::events_batch(registry, registry.events()).unwrap();
        assert_eq!(table.batch(), &all);
        let years = [(2000, 2030), (2019, 2019), (2023, 2024), (1990, 1990)];
        let mut questions = vec![registry.timeline(), registry.timeline().reverse()];
        for (from, to) in years {
            let w = window((from, 1, 1), (to, 12, 31));
            questions.push(registry.timeline().within(w));
            questions.push(registry.timeline().within(w).certainly().reverse());
            questions.push(registry.timeline().within(w).limit(5));
            questions.push(registry.timeline().within(w).kind(EventKind::MeetingHeld));
        }
        for q in questions {
            let built = hits_batch(registry, q.run().unwrap()).unwrap();
            let kept = table.hits_batch(q.run().unwrap()).unwrap();
            assert_eq!(kept, built);
        }
    }

    #[test]
    fn the_kept_table_answers_the_seed_questions_as_the_built_one() {
        answers_as_built(&crate::seed());
    }

    // Party actions are found by their place among their agreement's,
    // beside the agreement's own events.
    #[test]
    fn the_kept_table_answers_for_party_actions_as_the_built_one() {
        let registry = two_governments_with(
            r#"[
                {"key": "convention", "title": "Convention", "kind": "convention",
                 "signed": "1985-03-12", "entry_into_force": "1987-01-01",
                 "signatories": ["aa-gov", "bb-gov"],
                 "parties": [
                   {"institution": "aa-gov", "actions": [
                     {"kind": "signature", "date": "1985-03-12"},
                     {"kind": "ratification", "date": "1986-05"}]},
                   {"institution": "bb-gov", "actions": [{"kind": "signature", "date": "1985-03-12"}]}]},
                {"key": "plain", "title": "Plain", "kind": "mou", "signed": "[..1986-01-01]",
                 "signatories": ["aa-gov", "bb-gov"]}]"#,
        );
        let actions = registry
            .events()
            .iter()
            .filter(|e| matches!(e.subject(), Subject::PartyAction(_)))
            .count();
        assert_eq!(actions, 3);
        answers_as_built(&registry);
    }

    #[test]
    fn the_kept_table_of_an_empty_registry_has_no_rows() {
        let registry = Registry::new();
        let table = EventTable::new(&registry).unwrap();
        assert_eq!(table.batch().num_rows(), 0);
        let hits = table
            .hits_batch(registry.timeline().run().unwrap())
            .unwrap();
        assert_eq!(hits.num_rows(), 0);
        assert_eq!(hits.schema().fields().len(), 13);
    }

    #[test]
    fn a_hit_of_another_registry_is_an_error_not_a_wrong_row() {
        let empty = EventTable::new(&Registry::new()).unwrap();
        let seed = crate::seed();
        let err = empty
            .hits_batch(seed.timeline().run().unwrap())
            .unwrap_err();
        assert!(
            err.to_string().contains("is not in the event table"),
            "{err}"
        );
    }

    #[test]
    fn the_whole_timeline_is_a_slice_of_the_kept_table() {
        let registry = crate::seed();
        let table = EventTable::new(&registry).unwrap();
        let whole = table
            .hits_batch(registry.timeline().run().unwrap())
            .unwrap();
        let kept = table.batch().column(0).to_data();
        // A slice shares the kept buffers: the same views, not a copy.
        assert_eq!(
            whole.column(0).to_data().buffers()[0].as_ptr(),
            kept.buffers()[0].as_ptr()
        );
    }

    /// The whole timeline's table, made without the timeline's hits, is
    /// the one made of them: the same rows, columns and `certain` flags,
    /// the kept buffers shared.
    #[test]
    fn the_whole_timeline_without_its_hits_is_the_table_of_its_hits() {
        let registry = crate::seed();
        let table = EventTable::new(&registry).unwrap();
        let whole = table.timeline_batch().unwrap();
        let of_hits = table
            .hits_batch(registry.timeline().run().unwrap())
            .unwrap();
        assert_eq!(whole, of_hits);
        assert_eq!(whole.num_rows(), registry.events().len());
        assert_eq!(
            whole.column(0).to_data().buffers()[0].as_ptr(),
            table.batch().column(0).to_data().buffers()[0].as_ptr()
        );
    }

    #[test]
    fn consecutive_rows_are_told_apart_from_others() {
        assert_eq!(consecutive(&[]), Some((MAIN, 0)));
        assert_eq!(
            consecutive(&[(MAIN, 4), (MAIN, 5), (MAIN, 6)]),
            Some((MAIN, 4))
        );
        assert_eq!(consecutive(&[(START, 4), (START, 5)]), Some((START, 4)));
        assert_eq!(consecutive(&[(START, 4), (END, 5)]), None);
        assert_eq!(consecutive(&[(MAIN, 4), (MAIN, 6)]), None);
        assert_eq!(consecutive(&[(MAIN, 5), (MAIN, 4)]), None);
        assert_eq!(consecutive(&[(MAIN, 4), (END, 5)]), None);
        assert_eq!(consecutive(&[(END, 7)]), Some((END, 7)));
    }

    /// The kept table's second copy of the open-dated rows: each is the
    /// kept row it copies, in the kept order, found by its identity.
    fn open_rows_are_copies(table: &EventTable) {
        for open in &table.open {
            let rows = UInt32Array::from(open.rows.clone());
            let copied = arrow_select::take::take_record_batch(table.batch(), &rows).unwrap();
            assert_eq!(copied, open.batch);
            assert!(open.rows.windows(2).all(|w| w[0] < w[1]));
            for (p, &row) in open.rows.iter().enumerate() {
                let id = table.identities[row as usize];
                assert_eq!(open.identities[p], id);
                assert_eq!(open.place(id), Some(p as u32));
            }
        }
    }

    #[test]
    fn open_dated_events_are_kept_a_second_time_in_the_kept_order() {
        let registry = two_governments_with(
            r#"[
                {"key": "a", "title": "A", "kind": "mou", "signed": "[..1986-01-01]",
                 "signatories": ["aa-gov", "bb-gov"]},
                {"key": "b", "title": "B", "kind": "mou", "signed": "[1984-02-01..]",
                 "signatories": ["aa-gov", "bb-gov"]},
                {"key": "c", "title": "C", "kind": "mou", "signed": "1985-03-12",
                 "signatories": ["aa-gov", "bb-gov"]},
                {"key": "d", "title": "D", "kind": "mou", "signed": "[..1990-01-01]",
                 "signatories": ["aa-gov", "bb-gov"]},
                {"key": "e", "title": "E", "kind": "mou", "signed": "1987-05-05",
                 "signatories": ["aa-gov", "bb-gov"]}]"#,
        );
        let table = EventTable::new(&registry).unwrap();
        let keys = |b: &RecordBatch| {
            let c = b.column_by_name("key").unwrap();
            (0..b.num_rows())
                .map(|i| {
                    arrow_array::cast::AsArray::as_string_view(c)
                        .value(i)
                        .to_owned()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(table.batch()), ["b", "c", "a", "e", "d"]);
        assert_eq!(keys(&table.open[0].batch), ["a", "d"]);
        assert_eq!(keys(&table.open[1].batch), ["b"]);
        open_rows_are_copies(&table);
        answers_as_built(&registry);
        let places = |day| {
            let w = window(day, day);
            let hits: Vec<_> = registry.timeline().within(w).run().unwrap().collect();
            table.places(&hits).unwrap()
        };
        // "b", open-ended, is in every window after its day; the open
        // starts after a window's end ("d" after "e", not a hit) close
        // its answer: both are read from their copies.
        assert_eq!(
            places((1985, 3, 12)),
            [(END, 0), (MAIN, 1), (MAIN, 2), (START, 1)]
        );
        assert_eq!(places((1987, 1, 1)), [(END, 0), (START, 1)]);
        assert_eq!(places((1985, 6, 1)), [(END, 0), (START, 0), (START, 1)]);
        // Open-dated rows alone, one after another: a slice of their copy,
        // nothing copied.
        assert_eq!(places((1983, 1, 1)), [(START, 0), (START, 1)]);
        let w = window((1983, 1, 1), (1983, 1, 1));
        let answer = table
            .hits_batch(registry.timeline().within(w).run().unwrap())
            .unwrap();
        assert_eq!(keys(&answer), ["a", "d"]);
        assert_eq!(
            answer.column(2).to_data().buffers()[0].as_ptr(),
            table.open[0].batch.column(2).to_data().buffers()[0].as_ptr()
        );
    }

    #[cfg(feature = "synth")]
    #[test]
    fn windows_with_and_without_open_started_hits_last_answer_as_built() {
        let registry = crate::synth::Synth::new(3_000).seed(7).registry().unwrap();
        let table = EventTable::new(&registry).unwrap();
        assert!(table.open.iter().all(|o| o.rows.len() > 50));
        open_rows_are_copies(&table);
        // The whole timeline, with dates of every precision and open
        // sides, is the table of its hits too.
        assert_eq!(
            table.timeline_batch().unwrap(),
            table
                .hits_batch(registry.timeline().run().unwrap())
                .unwrap()
        );
        let (mut tails, mut others, mut from_open) = (0, 0, 0);
        for year in [1995, 2005, 2012, 2019, 2027, 2040] {
            let w = window((year, 6, 14), (year, 6, 14));
            let ends_open = |hits: &[Hit<'_>]| {
                hits.last()
                    .is_some_and(|h| h.event().date().earliest_day_number() == i32::MIN)
            };
            let whole: Vec<_> = registry.timeline().within(w).run().unwrap().collect();
            if ends_open(&whole) {
                tails += 1;
            } else {
                others += 1;
            }
            let places = table.places(&whole).unwrap();
            from_open += places.iter().filter(|p| p.0 != MAIN).count();
            let limit = whole.len() / 2 + 1;
            for q in [
                registry.timeline().within(w),
                registry.timeline().within(w).reverse(),
                registry.timeline().within(w).limit(limit),
                registry.timeline().within(w).reverse().limit(limit),
            ] {
                let built = hits_batch(&registry, q.run().unwrap()).unwrap();
                let kept = table.hits_batch(q.run().unwrap()).unwrap();
                assert_eq!(kept, built, "{year}");
            }
        }
        assert!(tails > 0 && others > 0, "{tails} {others}");
        assert!(from_open > 0);
    }

    #[cfg(feature = "synth")]
    #[test]
    fn the_kept_table_built_on_threads_answers_as_the_built_one() {
        let registry = crate::synth::Synth::new(30_000).seed(7).registry().unwrap();
        assert!(registry.events().len() > PARALLEL_FROM);
        answers_as_built(&registry);
    }
}
