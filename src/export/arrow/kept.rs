//! The event table of a whole registry, built once and kept: the answer to
//! a timeline question is then a slice of it, or its rows taken by number,
//! rather than a table built cell by cell per question.

use std::sync::Arc;

use arrow_array::builder::BooleanBuilder;
use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
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

/// Which event a row holds, told without reading the entity: where the
/// event's entity (or agreement, for a party's action) is in memory, the
/// event's kind, and the position of a party's action among its
/// agreement's (0 for the other events). Entities do not move while the
/// registry is borrowed, and the table answers only for a registry left
/// unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Identity {
    address: usize,
    kind: EventKind,
    action: u16,
}

impl Identity {
    fn of(e: &Event<'_>) -> Identity {
        let subject = e.subject();
        Identity {
            address: address(&subject),
            kind: e.kind(),
            action: subject.action_index(),
        }
    }
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
/// It holds about 250 bytes an event (measured on the synthetic dataset
/// of 1M agreements, see [`EventTable::memory_size`]): the arrays, and
/// the identity of each row's event with a hash map from it to the row.
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
    /// The identity of each row's event, in row order.
    rows: Vec<Identity>,
    /// The row of each identity.
    row_of: foldhash::HashMap<Identity, u32>,
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
        let count = u32::try_from(all.len()).map_err(|_| too_many())?;
        let rows: Vec<Identity> = all.iter().map(Identity::of).collect();
        let mut by_place: Vec<(usize, u32)> = rows
            .iter()
            .zip(0..count)
            .map(|(id, i)| (id.address, i))
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
        let mut row_of =
            foldhash::HashMap::with_capacity_and_hasher(rows.len(), Default::default());
        row_of.extend(rows.iter().copied().zip(0u32..));
        Ok(EventTable {
            batch,
            rows,
            row_of,
        })
    }

    /// Every event as a row, in chronological order: the columns of
    /// [`events_batch`](super::events_batch).
    pub fn batch(&self) -> &RecordBatch {
        &self.batch
    }

    /// The bytes the table holds: its arrays, the identities of its rows'
    /// events and the map from them to rows (its buckets, estimated).
    pub fn memory_size(&self) -> usize {
        let entry = std::mem::size_of::<(Identity, u32)>() + 1;
        self.batch.get_array_memory_size()
            + self.rows.capacity() * std::mem::size_of::<Identity>()
            + self.row_of.capacity() * entry
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
        let mut next: Option<u32> = None;
        for hit in hits {
            let event = hit.event();
            let id = Identity::of(&event);
            // Hits in order are mostly consecutive rows: the next row is
            // tried before the map.
            let at_next = next.filter(|&n| self.rows.get(n as usize) == Some(&id));
            let row = at_next
                .or_else(|| self.row_of.get(&id).copied())
                .ok_or_else(|| {
                    ArrowError::InvalidArgumentError(format!(
                        "the {} event of \"{}\" is not in the event table; \
                     build the table again after an edit",
                        event.kind().as_str(),
                        event.key().escape_default()
                    ))
                })?;
            rows.push(row);
            certain.append_value(hit.is_certain());
            next = row.checked_add(1);
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
