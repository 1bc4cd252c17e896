//! The event table of a whole registry, built once and kept: the answer to
//! a timeline question is then a slice of it, or its rows taken by number,
//! rather than a table built cell by cell per question.

use std::cmp::Ordering;
use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{Array, ArrayRef, RecordBatch, StringViewArray, UInt32Array};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use super::events;
use crate::event::{EventKind, OrderKey};
use crate::model::id::EntityKind;
use crate::query::{Agreement, Event, Hit, Subject};
use crate::registry::Registry;

/// Below this many events the table is built on the calling thread alone:
/// starting threads would cost more than they save.
const PARALLEL_FROM: usize = 1 << 16;
/// The most threads the build uses.
const MAX_THREADS: usize = 4;

/// What the table knows of a row's event, to find it again: its order key
/// less the key (read from the `key` column), and its identity.
#[derive(Debug, Clone, Copy)]
struct RowOrder {
    /// The sort day, the latest day, the event kind and the entity kind:
    /// the order key up to the key.
    head: (i32, i32, EventKind, EntityKind),
    /// The position of a party's action among its agreement's (0 for the
    /// other events): the order key after the key.
    action: u16,
    /// Where the event's entity (or agreement, for a party's action) is
    /// in memory: with the event kind and the action, which event this
    /// is, told without reading the entity.
    address: usize,
}

impl RowOrder {
    /// Whether `e` is this row's event (same entity, kind and action).
    fn is(&self, e: &Event<'_>) -> bool {
        let subject = e.subject();
        self.address == address(&subject)
            && self.head.2 == e.kind()
            && self.action == subject.action_index()
    }
}

/// The address of the entity an event belongs to (of the agreement, for a
/// party's action): entities do not move while the registry is borrowed.
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
/// It holds about 150 to 200 bytes an event (the arrays, see
/// [`EventTable::memory_size`], and 24 bytes an event to find a hit's
/// row).
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
    order: Vec<RowOrder>,
    keys: StringViewArray,
}

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
        let rows = u32::try_from(all.len()).map_err(|_| too_many())?;
        let mut by_place: Vec<(usize, u32)> = all
            .iter()
            .zip(0..rows)
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
            let events: Vec<Event<'_>> = chunk
                .iter()
                .filter_map(|&(_, i)| all.get(i as usize).copied())
                .collect();
            let batch = events::batch(registry, events.iter().map(|e| (*e, None)), false)?;
            let order: Vec<RowOrder> = events.iter().map(row_order).collect();
            Ok::<_, ArrowError>((batch, order))
        });
        let mut batches = Vec::with_capacity(parts.len());
        let mut placed_order = Vec::with_capacity(all.len());
        for part in parts {
            let (batch, part_order) = part?;
            batches.push(batch);
            placed_order.extend(part_order);
        }
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
        let to_place = UInt32Array::from(to_place);
        let batch = arrow_select::take::take_record_batch(&placed, &to_place)?;
        let order = to_place
            .values()
            .iter()
            .filter_map(|&j| placed_order.get(j as usize).copied())
            .collect();
        let keys = key_column(&batch)?;
        Ok(EventTable { batch, order, keys })
    }

    /// Every event as a row, in chronological order: the columns of
    /// [`events_batch`](super::events_batch).
    pub fn batch(&self) -> &RecordBatch {
        &self.batch
    }

    /// The bytes the table holds: its arrays and the order of its rows.
    pub fn memory_size(&self) -> usize {
        self.batch.get_array_memory_size() + self.order.capacity() * std::mem::size_of::<RowOrder>()
    }

    /// The table of `hits` (of the registry the table was built from) in
    /// their order, with the `certain` column: the same table as
    /// [`hits_batch`](super::hits_batch), made of the kept rows. Hits
    /// that are consecutive rows (the whole timeline, one stretch of it)
    /// are a slice, with nothing copied; others are taken row by row,
    /// copying 16 bytes a text cell and none of the text.
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
        let hits = hits.into_iter();
        let mut rows: Vec<u32> = Vec::with_capacity(hits.size_hint().0);
        let mut certain = BooleanBuilder::with_capacity(hits.size_hint().0);
        let mut last: Option<usize> = None;
        for hit in hits {
            let event = hit.event();
            let row = self.find(&event, last).ok_or_else(|| {
                ArrowError::InvalidArgumentError(format!(
                    "the {} event of \"{}\" is not in the event table; \
                     build the table again after an edit",
                    event.kind().as_str(),
                    event.key().escape_default()
                ))
            })?;
            rows.push(u32::try_from(row).map_err(|_| too_many())?);
            certain.append_value(hit.is_certain());
            last = Some(row);
        }
        let body = match consecutive(&rows) {
            Some(first) => self.batch.slice(first, rows.len()),
            None => arrow_select::take::take_record_batch(&self.batch, &UInt32Array::from(rows))?,
        };
        let mut fields: Vec<Field> = body
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        let mut arrays: Vec<ArrayRef> = body.columns().to_vec();
        fields.push(Field::new("certain", DataType::Boolean, false));
        arrays.push(Arc::new(certain.finish()));
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
    }

    /// The row of `event`: first the rows next to `last` (the row of the
    /// hit before, as hits come in order or in reverse), told by identity
    /// alone; then by halving, by the order key.
    fn find(&self, event: &Event<'_>, last: Option<usize>) -> Option<usize> {
        if let Some(last) = last {
            for near in [last.checked_add(1), last.checked_sub(1)]
                .into_iter()
                .flatten()
            {
                if self.order.get(near).is_some_and(|o| o.is(event)) {
                    return Some(near);
                }
            }
        }
        let key = &event.order_key();
        let (mut low, mut high) = (0, self.order.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.compare(mid, key)? {
                Ordering::Less => low = mid + 1,
                Ordering::Greater => high = mid,
                Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The order of row `row` against the event of order key `key`, or
    /// `None` past the last row.
    fn compare(&self, row: usize, key: &OrderKey<'_>) -> Option<Ordering> {
        let o = self.order.get(row)?;
        if row >= self.keys.len() {
            return None;
        }
        Some(
            o.head
                .cmp(&(key.0, key.1, key.2, key.3))
                .then_with(|| self.keys.value(row).cmp(key.4))
                .then_with(|| o.action.cmp(&key.5)),
        )
    }
}

fn row_order(e: &Event<'_>) -> RowOrder {
    let (sort, latest, kind, entity, _, action) = e.order_key();
    RowOrder {
        head: (sort, latest, kind, entity),
        action,
        address: address(&e.subject()),
    }
}

/// The `key` column of an event table.
fn key_column(batch: &RecordBatch) -> Result<StringViewArray, ArrowError> {
    batch
        .column_by_name("key")
        .and_then(|c| c.as_any().downcast_ref::<StringViewArray>())
        .cloned()
        .ok_or_else(|| ArrowError::SchemaError("an event table without its key column".to_owned()))
}

/// The first of `rows` when they are consecutive numbers (none or one
/// row included), else `None`.
fn consecutive(rows: &[u32]) -> Option<usize> {
    let first = rows.first().copied().unwrap_or(0);
    let ok = rows
        .iter()
        .zip(u64::from(first)..)
        .all(|(&row, want)| u64::from(row) == want);
    ok.then_some(first as usize)
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

    #[test]
    fn consecutive_rows_are_told_apart_from_others() {
        assert_eq!(consecutive(&[]), Some(0));
        assert_eq!(consecutive(&[4, 5, 6]), Some(4));
        assert_eq!(consecutive(&[4, 6]), None);
        assert_eq!(consecutive(&[5, 4]), None);
        assert_eq!(consecutive(&[u32::MAX]), Some(u32::MAX as usize));
    }

    #[cfg(feature = "synth")]
    #[test]
    fn the_kept_table_built_on_threads_answers_as_the_built_one() {
        let registry = crate::synth::Synth::new(30_000).seed(7).registry().unwrap();
        assert!(registry.events().len() > PARALLEL_FROM);
        answers_as_built(&registry);
    }
}
