//! The event table of a whole registry, built once and kept: the answer to
//! a timeline question is then a slice of it, or its rows taken by number,
//! rather than a table built cell by cell per question.

use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{make_array, Array, ArrayRef, BooleanArray, RecordBatch, UInt32Array};
use arrow_data::transform::MutableArrayData;
use arrow_schema::{ArrowError, DataType, Field, Schema};

use super::events;
use crate::date::Window;
use crate::event::EventKind;
use crate::query::{Agreement, Event, Hit, Subject};
use crate::registry::Registry;

mod window;

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
/// whose date has an open side are kept a second time, together, after
/// the others (their views, day numbers and null flags, not their text):
/// they are in nearly every window's answer. And it keeps each row's
/// days (8 bytes a row), to answer a window from its own rows
/// ([`EventTable::window_batch`]).
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
    /// Every row, in chronological order: the first rows of `rows`.
    batch: RecordBatch,
    /// The rows, then the copies of the open-dated ones (see [`OpenRows`]),
    /// in one table whose text views all point into the same buffers: the
    /// rows of an answer, wherever they are, are taken from it at once.
    rows: RecordBatch,
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
    /// Each row's days, to answer a window from the rows themselves (see
    /// [`EventTable::window_batch`]).
    days: window::Days,
}

/// The rows of the events whose date has an open side, in the kept
/// table's order, kept a second time as a table of their own (a stretch
/// of the rows that follow the kept table's own; dates with gaps and
/// events of several days are not among them).
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
    /// Where their first row is among the kept rows and copies (the text
    /// views point into the kept buffers, the text is not copied).
    offset: usize,
    /// The row of each in the kept table, rising.
    rows: Vec<u32>,
    /// The identity of each one's event, in their order.
    identities: Vec<u64>,
    /// Their identities with their places here, sorted by identity: where
    /// an open-dated hit is, found without reading the registry.
    by_identity: Vec<(u64, u32)>,
}

impl OpenRows {
    /// The open-dated rows `rows` of the kept table (whose events have
    /// `identities`), copied at `offset` of `all`, the kept rows and copies.
    fn at(
        all: &RecordBatch,
        offset: usize,
        identities: &[u64],
        rows: Vec<u32>,
    ) -> Result<OpenRows, ArrowError> {
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
        if offset + rows.len() > all.num_rows() {
            return Err(ArrowError::InvalidArgumentError(
                "the event table has fewer copies than open-dated rows".to_owned(),
            ));
        }
        Ok(OpenRows {
            offset,
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

    /// The bytes they hold beside the kept rows and copies: their rows
    /// and their identities twice.
    fn memory_size(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<u32>()
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
        // The rows, then the open-dated ones again, taken at once: the
        // copies' views point into the same buffers as the rows'.
        let (days, open_rows) = window::Days::of(&all);
        let copies = open_rows.starts.iter().chain(&open_rows.ends);
        let copied: Option<Vec<u32>> = copies.map(|&r| to_place.get(r as usize).copied()).collect();
        let order: Vec<u32> = to_place
            .iter()
            .copied()
            .chain(copied.ok_or_else(too_many)?)
            .collect();
        let rows = arrow_select::take::take_record_batch(&placed, &UInt32Array::from(order))?;
        drop(placed);
        let batch = rows.slice(0, all.len());
        let (kinds, entries) = entries(registry, &all)?;
        let identities = all
            .iter()
            .map(|e| {
                let (k, h, action) = owner(&kinds, &e.subject())?;
                identity(k, h, e.kind(), action)
            })
            .collect::<Option<Vec<u64>>>()
            .ok_or_else(too_many)?;
        let ends_at = all.len() + open_rows.starts.len();
        let open = [
            OpenRows::at(&rows, all.len(), &identities, open_rows.starts)?,
            OpenRows::at(&rows, ends_at, &identities, open_rows.ends)?,
        ];
        Ok(EventTable {
            batch,
            rows,
            kinds,
            entries,
            identities,
            open,
            days,
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
    /// and null flags, not their text, with their rows and identities),
    /// and each row's days.
    pub fn memory_size(&self) -> usize {
        self.rows.get_array_memory_size()
            + self.open.iter().map(OpenRows::memory_size).sum::<usize>()
            + self.days.memory_size()
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
        self.rows_batch(&places, certain.finish())
    }

    /// The table of the events in `window`: every event possibly in it
    /// (only those certainly in it when `certainly`), in chronological
    /// order, with the `certain` column. The same table as
    /// [`hits_batch`](EventTable::hits_batch) makes of the hits of
    /// `registry.timeline().within(window)` (with `.certainly()`), for the
    /// registry as it was when the table was built, found without the
    /// registry's index: the table keeps each row's days.
    ///
    /// The rows are found from the day that orders them and the greatest
    /// last day of each block of rows (the blocks that end before the
    /// window are skipped); the events whose date has an open side are
    /// one stretch of their copy each; a date with gaps, or an event of
    /// several days, is checked as the registry checks it. The answer's
    /// rows are then copied (16 bytes a text cell, none of the text), or
    /// sliced when they are consecutive rows.
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] only if the columns and the schema disagree,
    /// which a table built by [`EventTable::new`] never does.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::export::arrow::EventTable;
    /// use pactum::Window;
    ///
    /// let registry = pactum::seed();
    /// let table = EventTable::new(&registry)?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let w = Window::new(day(2023, 1, 1), day(2023, 12, 31))?;
    /// let rows = table.window_batch(&w, false)?;
    /// assert_eq!(rows, table.hits_batch(registry.timeline().within(w).run()?)?);
    /// assert_eq!(rows.num_rows(), registry.timeline().within(w).count()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn window_batch(
        &self,
        window: &Window,
        certainly: bool,
    ) -> Result<RecordBatch, ArrowError> {
        let (stretches, certain) = self.window_stretches(window, certainly)?;
        self.stretches_batch(&stretches, certain)
    }

    /// The table of the events in `window`, as
    /// [`window_batch`](EventTable::window_batch) makes it, in one or more
    /// batches, in order: each long stretch of the kept rows a slice of
    /// them, with nothing copied, and the short stretches between two
    /// long ones copied into one batch; one batch of copied rows when the
    /// answer has no long stretch or would take too many batches.
    ///
    /// A window's answer usually is such stretches: its open-ended events
    /// are one stretch of their copy, broken only where the events of the
    /// window's year, month and day (each a stretch of the kept rows) come
    /// between them. Readers that take a stream of batches (pyarrow,
    /// polars, DuckDB) take the slices as they are.
    ///
    /// # Errors
    ///
    /// As [`window_batch`](EventTable::window_batch).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::export::arrow::EventTable;
    /// use pactum::Window;
    ///
    /// let registry = pactum::seed();
    /// let table = EventTable::new(&registry)?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let w = Window::new(day(2023, 1, 1), day(2023, 12, 31))?;
    /// let batches = table.window_batches(&w, false)?;
    /// let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    /// assert_eq!(rows, table.window_batch(&w, false)?.num_rows());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn window_batches(
        &self,
        window: &Window,
        certainly: bool,
    ) -> Result<Vec<RecordBatch>, ArrowError> {
        let (stretches, certain) = self.window_stretches(window, certainly)?;
        // Each stretch of at least MIN_SLICE rows is a slice; the shorter
        // ones between two such are copied together into one batch.
        let mut groups: Vec<&[(usize, usize)]> = Vec::new();
        let mut from = 0;
        for (i, &(_, n)) in stretches.iter().enumerate() {
            if n >= MIN_SLICE {
                if let Some(short) = stretches.get(from..i).filter(|s| !s.is_empty()) {
                    groups.push(short);
                }
                groups.push(stretches.get(i..=i).unwrap_or_default());
                from = i + 1;
            }
        }
        if let Some(short) = stretches.get(from..).filter(|s| !s.is_empty()) {
            groups.push(short);
        }
        let long = from > 0;
        if groups.len() < 2 || groups.len() > MAX_SLICES || !long {
            return Ok(vec![self.stretches_batch(&stretches, certain)?]);
        }
        let mut at = 0;
        let mut batches = Vec::with_capacity(groups.len());
        for group in groups {
            let n: usize = group.iter().map(|&(_, n)| n).sum();
            batches.push(self.stretches_batch(group, certain.slice(at, n))?);
            at += n;
        }
        Ok(batches)
    }

    /// The rows of the events in `window` (possibly, or certainly) among
    /// the kept rows and copies, as stretches of consecutive rows
    /// (`(first row, rows)`), and whether each is certainly in it.
    fn window_stretches(
        &self,
        window: &Window,
        certainly: bool,
    ) -> Result<(Vec<(usize, usize)>, BooleanArray), ArrowError> {
        let (stretches, certain) = self.days.within(window, certainly, &self.open);
        if stretches
            .iter()
            .any(|&(first, n)| first + n > self.rows.num_rows())
        {
            return Err(not_in_table_at_all());
        }
        Ok((stretches, BooleanArray::from(certain)))
    }

    /// The rows at `places` among the kept rows and copies.
    fn kept_rows(&self, places: &[Place]) -> Result<Vec<u32>, ArrowError> {
        let [starts, ends] = &self.open;
        let offsets = [0, starts.offset, ends.offset];
        let rows: Vec<u32> = places
            .iter()
            .map(|&(t, p)| {
                let at = offsets.get(usize::from(t)).copied()? + p as usize;
                u32::try_from(at).ok()
            })
            .collect::<Option<_>>()
            .ok_or_else(not_in_table_at_all)?;
        if rows.iter().any(|&r| r as usize >= self.rows.num_rows()) {
            return Err(not_in_table_at_all());
        }
        Ok(rows)
    }

    /// The table of the rows at `places`, in their order, with the
    /// `certain` column `certain`.
    fn rows_batch(
        &self,
        places: &[Place],
        certain: BooleanArray,
    ) -> Result<RecordBatch, ArrowError> {
        let rows = self.kept_rows(places)?;
        self.stretches_batch(&stretches(&rows), certain)
    }

    /// The table of the kept rows and copies in `stretches` (`(first row,
    /// rows)`), in their order, with the `certain` column `certain`: a
    /// slice for one stretch, nothing copied; else the rows copied a
    /// stretch at a time, or a row at a time when the stretches are short
    /// (a text cell's view is copied as it is, its text not at all).
    fn stretches_batch(
        &self,
        stretches: &[(usize, usize)],
        certain: BooleanArray,
    ) -> Result<RecordBatch, ArrowError> {
        let schema = self.batch.schema();
        let rows = certain.len();
        let mut arrays: Vec<ArrayRef> = match stretches {
            [] => self.batch.slice(0, 0).columns().to_vec(),
            [(first, n)] => self.rows.slice(*first, *n).columns().to_vec(),
            _ if stretches.len().saturating_mul(STRETCH) > rows => {
                let rows: Vec<u32> = stretches
                    .iter()
                    .flat_map(|&(first, n)| first..first + n)
                    .map(|r| u32::try_from(r).map_err(|_| too_many()))
                    .collect::<Result<_, _>>()?;
                arrow_select::take::take_record_batch(&self.rows, &UInt32Array::from(rows))?
                    .columns()
                    .to_vec()
            }
            _ => self
                .rows
                .columns()
                .iter()
                .map(|c| copy_stretches(c.as_ref(), stretches))
                .collect::<Result<_, _>>()?,
        };
        arrays.push(Arc::new(certain));
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
        let rows = self.batch.num_rows();
        self.stretches_batch(&[(0, rows)], BooleanArray::from(vec![true; rows]))
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

/// Rows in stretches at least this long on average are copied a stretch
/// at a time; shorter, a row at a time.
const STRETCH: usize = 8;

/// The most batches [`EventTable::window_batches`] answers with: a reader
/// pays for each batch (polars about 20 µs), and copying the rows instead
/// costs about 20 ns a row.
const MAX_SLICES: usize = 16;

/// The fewest rows a slice of [`EventTable::window_batches`] holds:
/// shorter stretches are copied, those between two slices into one batch.
const MIN_SLICE: usize = 1024;

/// The values of `column` in `stretches` of consecutive rows, in their
/// order, copied a stretch at a time (a window's answer: its open-dated
/// rows, then a year's, a month's or a day's).
fn copy_stretches(
    column: &dyn Array,
    stretches: &[(usize, usize)],
) -> Result<ArrayRef, ArrowError> {
    let data = column.to_data();
    let len = stretches.iter().map(|&(_, n)| n).sum();
    let mut copied = MutableArrayData::new(vec![&data], false, len);
    for &(first, n) in stretches {
        // Checked: `try_extend` panics on rows out of range.
        if first + n > data.len() {
            return Err(not_in_table_at_all());
        }
        copied.try_extend(0, first, first + n)?;
    }
    Ok(make_array(copied.freeze()))
}

/// `rows` as stretches of consecutive rows: `(first row, rows)`.
fn stretches(rows: &[u32]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &row in rows {
        add_stretch(&mut out, row as usize, 1);
    }
    out
}

/// Adds the `n` rows from `first` to `stretches`: to the last stretch
/// when they follow it.
fn add_stretch(stretches: &mut Vec<(usize, usize)>, first: usize, n: usize) {
    match stretches.last_mut() {
        Some((f, m)) if *f + *m == first => *m += n,
        _ => stretches.push((first, n)),
    }
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
impl EventTable {
    /// The kept copy of the open-dated rows `open`.
    fn copy(&self, open: &OpenRows) -> RecordBatch {
        self.rows.slice(open.offset, open.rows.len())
    }
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

    /// Checks that [`EventTable::window_batch`] answers as the timeline
    /// does, possibly and certainly, for windows that begin or end on
    /// every first and last day of an event, a day either side of it, and
    /// windows open on either side or both.
    fn windows_answer_as_the_timeline(registry: &Registry, most: usize) {
        let table = EventTable::new(registry).unwrap();
        let mut days: Vec<i32> = registry
            .events()
            .iter()
            .flat_map(|e| {
                let (first, last) = e.days();
                [first, last]
            })
            .filter(|d| *d != i32::MIN && *d != i32::MAX)
            .flat_map(|d| [d - 1, d, d + 1])
            .collect();
        days.sort_unstable();
        days.dedup();
        let step = days.len().div_ceil(most).max(1);
        let days: Vec<i32> = days.into_iter().step_by(step).collect();
        let mut windows = vec![Window::all()];
        for (i, &from) in days.iter().enumerate() {
            let day = NaiveDate::from_num_days_from_ce_opt(from).unwrap();
            windows.push(Window::since(day));
            windows.push(Window::until(day));
            windows.push(Window::from_day_numbers(from, from).unwrap());
            for &to in days.get(i + 1..).unwrap_or_default().iter().step_by(7) {
                windows.push(Window::from_day_numbers(from, to).unwrap());
            }
        }
        let mut rows = 0;
        for w in &windows {
            for certainly in [false, true] {
                let mut q = registry.timeline().within(*w);
                if certainly {
                    q = q.certainly();
                }
                let want = table.hits_batch(q.run().unwrap()).unwrap();
                let got = table.window_batch(w, certainly).unwrap();
                assert_eq!(got, want, "{w}, certainly: {certainly}");
                let batches = table.window_batches(w, certainly).unwrap();
                let joined = arrow_select::concat::concat_batches(&got.schema(), &batches);
                assert_eq!(
                    joined.unwrap(),
                    want,
                    "{w}, certainly: {certainly}, in batches"
                );
                rows += got.num_rows();
            }
        }
        assert!(rows > 0, "{} windows", windows.len());
    }

    #[test]
    fn windows_of_the_seed_answer_as_the_timeline() {
        windows_answer_as_the_timeline(&crate::seed(), 120);
    }

    // Dates with gaps, events of several days (with an open side too),
    // open starts and ends and party actions: each kind of row of the
    // window's answer.
    #[test]
    fn windows_over_every_kind_of_date_answer_as_the_timeline() {
        let text = r#"{"pactum": 1,
          "institutions": [
            {"key": "aa-gov", "name": "Government of AA", "kind": "government", "country": "FR"},
            {"key": "bb-gov", "name": "Government of BB", "kind": "government", "country": "DE"}],
          "meetings": [
            {"key": "m1", "name": "Council", "kind": "council", "date": "[2021-06-23,2021-06-30]",
             "end": "2021-07-01", "status": "held"},
            {"key": "m2", "name": "Summit", "kind": "summit", "date": "2023-05-15",
             "end": "[2023-05-16..2023-05-18]", "status": "held"},
            {"key": "m3", "name": "Forum", "kind": "summit", "date": "2022-03",
             "end": "2022-04", "status": "held"},
            {"key": "m4", "name": "Talks", "kind": "summit", "date": "[2020-02-01,2020-09-01]",
             "status": "held"},
            {"key": "m5", "name": "Dialogue", "kind": "summit", "date": "2022-06-01",
             "end": "2022-06-03", "status": "held"},
            {"key": "m6", "name": "Round", "kind": "summit", "date": "2022-06-02",
             "status": "held"}],
          "mous": [
            {"key": "convention", "title": "Convention", "kind": "convention",
             "signed": "1985-03-12", "entry_into_force": "[1987-01-01..]",
             "signatories": ["aa-gov", "bb-gov"],
             "parties": [
               {"institution": "aa-gov", "actions": [
                 {"kind": "signature", "date": "1985-03-12"},
                 {"kind": "ratification", "date": "1986-05"}]}]},
            {"key": "old", "title": "Old", "kind": "mou", "signed": "[..1986-01-01]",
             "signatories": ["aa-gov", "bb-gov"]},
            {"key": "later", "title": "Later", "kind": "mou", "signed": "2022",
             "expiry": "[2030-01-01..]", "signatories": ["aa-gov", "bb-gov"]}]}"#;
        let registry = Registry::from_json_str(text).unwrap();
        let table = EventTable::new(&registry).unwrap();
        assert!(table.days.other_rows() >= 5, "{}", table.days.other_rows());
        assert!(table.open.iter().all(|o| !o.rows.is_empty()));
        windows_answer_as_the_timeline(&registry, 400);
    }

    #[test]
    fn a_window_of_an_empty_registry_has_no_rows() {
        let table = EventTable::new(&Registry::new()).unwrap();
        for certainly in [false, true] {
            let rows = table.window_batch(&Window::all(), certainly).unwrap();
            assert_eq!(rows.num_rows(), 0);
            assert_eq!(rows.schema().fields().len(), 13);
        }
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
    fn rows_in_stretches_are_told_apart() {
        assert_eq!(
            stretches(&[4, 5, 9, 10, 11, 6, 8]),
            vec![(4, 2), (9, 3), (6, 1), (8, 1)]
        );
        assert_eq!(stretches(&[]), vec![]);
    }

    /// The kept table's second copy of the open-dated rows: each is the
    /// kept row it copies, in the kept order, found by its identity.
    fn open_rows_are_copies(table: &EventTable) {
        for open in &table.open {
            let rows = UInt32Array::from(open.rows.clone());
            let copied = arrow_select::take::take_record_batch(table.batch(), &rows).unwrap();
            assert_eq!(copied, table.copy(open));
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
        assert_eq!(keys(&table.copy(&table.open[0])), ["a", "d"]);
        assert_eq!(keys(&table.copy(&table.open[1])), ["b"]);
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
            table.copy(&table.open[0]).column(2).to_data().buffers()[0].as_ptr()
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
    fn windows_of_a_generated_registry_answer_as_the_timeline() {
        let registry = crate::synth::Synth::new(2_000).seed(11).registry().unwrap();
        windows_answer_as_the_timeline(&registry, 60);
    }

    // A day's answer in a large registry: its open-ended events, broken
    // by the events of the day's year, month and day, are a few slices of
    // the kept rows, nothing copied.
    #[cfg(feature = "synth")]
    #[test]
    fn a_days_answer_is_a_few_slices_of_the_kept_rows() {
        let registry = crate::synth::Synth::new(200_000)
            .seed(7)
            .registry()
            .unwrap();
        let table = EventTable::new(&registry).unwrap();
        let w = window((2027, 6, 14), (2027, 6, 14));
        let batches = table.window_batches(&w, false).unwrap();
        assert!(
            (2..=MAX_SLICES).contains(&batches.len()),
            "{}",
            batches.len()
        );
        // The long stretches are slices of the kept views; the short ones
        // after them (the day's month and day) are one batch.
        let kept = table.rows.column(2).to_data().buffers()[0].as_ptr_range();
        let sliced = |b: &RecordBatch| kept.contains(&b.column(2).to_data().buffers()[0].as_ptr());
        let (long, short): (Vec<_>, Vec<_>) =
            batches.iter().partition(|b| b.num_rows() >= MIN_SLICE);
        assert!(!long.is_empty() && long.iter().all(|b| sliced(b)));
        assert!(short.len() <= 1, "{}", short.len());
        let whole = table.window_batch(&w, false).unwrap();
        let joined = arrow_select::concat::concat_batches(&whole.schema(), &batches).unwrap();
        assert_eq!(joined, whole);
        assert_eq!(
            whole.num_rows(),
            registry.timeline().within(w).count().unwrap()
        );
    }

    #[cfg(feature = "synth")]
    #[test]
    fn the_kept_table_built_on_threads_answers_as_the_built_one() {
        let registry = crate::synth::Synth::new(30_000).seed(7).registry().unwrap();
        assert!(registry.events().len() > PARALLEL_FROM);
        answers_as_built(&registry);
    }
}
