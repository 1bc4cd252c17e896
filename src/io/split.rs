//! Reading a data file in parts, on several threads.
//!
//! The top-level object and its arrays are read by hand (see `scan`), a
//! few bytes of structure between values; every value (a key, the version,
//! an entity) is parsed by `serde_json`. That is what lets a reading start
//! in the middle of the text.
//!
//! A file of more than 256 KiB is cut into chunks at guessed points: for
//! each, the first `{` after it that follows a `}` and a comma, most likely
//! the start of an entity in one of the arrays. Worker threads claim chunks
//! in order; a worker reads its chunk from its start, taking the kind of
//! its first entity to be the one whose fields that entity parses as, and
//! converts what it finds until the next chunk. The calling thread reads
//! from the start of the text. When it reaches a chunk's start exactly,
//! before an entity of the kind the worker took, the worker's reading is
//! what its own would have been: it takes the worker's entities in order
//! and goes on from where the worker stopped. When it passes a chunk's
//! start without landing on it (the guess was inside a string or an
//! entity, or the worker took the wrong kind), that reading is dropped.
//! While the chunk it has reached is still being read, the calling thread
//! claims one ahead and reads it as a worker would.
//!
//! A worker keeps only entities that convert with no problem, and stops
//! before anything else: an entity with a problem, a syntax error, the
//! version, a member it has already read. The calling thread reads those
//! itself, so every diagnostic, limit, duplicate key and error is found by
//! the one reading from the start, and the result is the same whatever the
//! number of threads.
//!
//! The reading knows nothing of the loader that called it: it is given the
//! limits as plain values and a [`Sink`] to hand each entity to, in file
//! order, so the loader's bookkeeping stays in one place.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::io::scan::{boundary_after, Field, Malformed, Reader, State};
use crate::model::check::{Checker, Raw};
use crate::model::commitment::{Commitment, RawCommitment};
use crate::model::diagnostic::Diagnostic;
use crate::model::institution::{Institution, RawInstitution};
use crate::model::meeting::{Meeting, RawMeeting};
use crate::model::mou::{Mou, RawMou};
use crate::model::partnership::{Partnership, RawPartnership};
use crate::model::source::{RawSource, Source};
use crate::model::taxonomy::{RawTechArea, TechArea};
use crate::store::Stored;

/// The least text a chunk is given: below it, a thread costs more than it
/// saves.
const MIN_CHUNK: usize = 128 << 10;

/// The most text a chunk is given: the entities a worker has converted
/// wait until the calling thread reaches its chunk, so a chunk bounds the
/// memory they hold.
const MAX_CHUNK: usize = 2 << 20;

/// Chunks a thread reads, about: enough for the threads to share the work
/// evenly, each taking the next chunk when it is done with one.
const CHUNKS_PER_THREAD: usize = 8;

/// Entities a worker sends at a time.
const RUN: usize = 256;

/// Where a reading in parts hands the entities, in file order: the loader,
/// which keeps them and records their problems. Static dispatch keeps the
/// hot loop free of calls through a pointer.
pub(super) trait Sink {
    /// Converts the entity at `position` in its array and keeps it, or
    /// records its problems: an entity no worker converted is converted
    /// here, by the calling thread.
    fn add<R: Raw>(&mut self, raw: R, position: usize)
    where
        R::Entity: Stored;

    /// Keeps the entity at `position` in its array, which a worker
    /// converted with no problem: it may still take a key already taken.
    fn keep<E: Stored>(&mut self, entity: E, position: usize);

    /// Keeps every entity of a run a worker converted, the first at
    /// `first` in its array, when none can be refused; otherwise keeps
    /// none and gives the run back, to be kept one by one.
    fn keep_run<E: Stored>(&mut self, entities: Vec<E>, first: usize) -> Result<(), Vec<E>>;
}

/// The limits a reading in parts keeps to, taken from the load's limits.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bounds {
    /// The longest text, in bytes, that a worker lets through: a longer one
    /// is left to the calling thread, which reports it.
    pub(super) max_text: usize,
    /// The most entities converted; past it they are only counted, for the
    /// error.
    pub(super) max_entities: u64,
}

/// What a reading in parts found, besides the entities given to its sink.
#[derive(Debug)]
pub(super) struct Outcome {
    /// The format version, if the file gives one.
    pub(super) version: Option<u64>,
    /// Entities read, past the limit included.
    pub(super) count: u64,
    /// Entities converted by workers rather than the calling thread.
    pub(super) from_workers: usize,
}

/// An entity kind as a data file holds it.
trait Loaded: Stored + Send + Sized + 'static {
    type Raw: Raw<Entity = Self> + DeserializeOwned;
    const FIELD: Field;
    fn convert(raw: Self::Raw, ck: &mut Checker<'_>) -> Option<Self>;
    /// Entities of this kind as a worker sends them.
    fn run(entities: Vec<Self>) -> Run;
}

macro_rules! loaded {
    ($($ty:ty, $raw:ty, $variant:ident;)*) => {
        $(impl Loaded for $ty {
            type Raw = $raw;
            const FIELD: Field = Field::$variant;
            fn convert(raw: $raw, ck: &mut Checker<'_>) -> Option<$ty> {
                <$ty>::from_raw(raw, ck)
            }
            fn run(entities: Vec<$ty>) -> Run {
                Run::$variant(entities)
            }
        })*

        /// Entities of one kind that a worker converted, in file order, kept
        /// by the calling thread. One variant per kind lets the calling
        /// thread hand them to its sink with no call through a pointer.
        enum Run {
            $($variant(Vec<$ty>),)*
        }

        impl Run {
            /// Hands the entities to `caller`, the first at `first` in its
            /// array.
            fn keep<S: Sink>(self, caller: &mut Caller<'_, S>, first: usize) {
                match self {
                    $(Run::$variant(entities) => caller.keep_all(entities, first),)*
                }
            }
        }
    };
}

loaded! {
    Source, RawSource, Sources;
    TechArea, RawTechArea, TechAreas;
    Institution, RawInstitution, Institutions;
    Partnership, RawPartnership, Partnerships;
    Meeting, RawMeeting, Meetings;
    Mou, RawMou, Mous;
    Commitment, RawCommitment, Commitments;
}

/// Runs `$body` with `$e` the entity type of the array member `$field`,
/// or gives `$pactum` for the version.
macro_rules! by_field {
    ($field:expr, $e:ident => $body:expr, pactum => $pactum:expr) => {
        by_field!(@arms $field, $e, $body, $pactum;
            Sources Source, TechAreas TechArea, Institutions Institution,
            Partnerships Partnership, Meetings Meeting, Mous Mou, Commitments Commitment)
    };
    (@arms $field:expr, $e:ident, $body:expr, $pactum:expr; $($variant:ident $ty:ty),*) => {
        match $field {
            Field::Pactum => $pactum,
            $(Field::$variant => {
                type $e = $ty;
                $body
            })*
        }
    };
}

/// What a worker tells the calling thread about a chunk, in order.
enum Message {
    /// The kind taken for the entity at the chunk's start.
    Start(Field),
    /// The worker read the key of this member and opened its array.
    Open(Field),
    /// Entities that converted with no problem; `index` is the position of
    /// the first in its array, counted from the chunk's start while in the
    /// chunk's first array.
    Entities { run: Run, index: usize },
    /// The worker stopped: the reading goes on from `at` in `state`.
    Stop { state: State, at: usize },
}

/// The chunks a text is cut into, shared by the threads that read it.
struct Chunks<'t> {
    text: &'t str,
    /// The start of each chunk after the first, which the calling thread
    /// reads from the start of the text. A chunk ends where the next
    /// starts.
    starts: Vec<usize>,
    /// The first chunk no thread has claimed.
    next: AtomicUsize,
    /// The chunks whose reading is no longer wanted.
    dropped: Vec<AtomicBool>,
    max_text: usize,
}

impl Chunks<'_> {
    /// Claims the chunk after the last claimed, for a worker.
    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::AcqRel);
        (i < self.starts.len()).then_some(i)
    }

    /// Claims chunk `i` for the calling thread, unless a worker has it.
    fn claim_for_caller(&self, i: usize) -> bool {
        self.next
            .compare_exchange(i, i + 1, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// Tells the worker reading chunk `i`, if any, to stop.
    fn drop_reading(&self, i: usize) {
        if let Some(dropped) = self.dropped.get(i) {
            dropped.store(true, Ordering::Relaxed);
        }
    }

    fn is_dropped(&self, i: usize) -> bool {
        self.dropped
            .get(i)
            .map_or(true, |dropped| dropped.load(Ordering::Relaxed))
    }

    /// Ends every reading: no chunk is claimed or read any more.
    fn finish(&self) {
        self.next.fetch_max(self.starts.len(), Ordering::AcqRel);
        for dropped in &self.dropped {
            dropped.store(true, Ordering::Relaxed);
        }
    }
}

/// The calling thread's view of the workers' readings.
struct Takeover<'c, 't> {
    chunks: &'c Chunks<'t>,
    /// The first chunk the calling thread has not reached.
    chunk: usize,
    messages: Receiver<(usize, Message)>,
    /// Messages received for chunks the calling thread has yet to reach.
    early: Vec<VecDeque<Message>>,
    /// The calling thread's own reading of a chunk ahead, done while the
    /// one it has reached is still being read.
    helper: Option<Part<'c, 't>>,
    /// The workers still running.
    live: &'c AtomicUsize,
}

impl Takeover<'_, '_> {
    /// The next message about chunk `i`, once it comes; `None` when every
    /// worker is gone. While none has come, the calling thread reads a chunk
    /// no thread has claimed yet.
    fn message(&mut self, i: usize) -> Option<Message> {
        loop {
            if let Some(message) = self.early.get_mut(i).and_then(VecDeque::pop_front) {
                return Some(message);
            }
            let received = match self.messages.try_recv() {
                Ok(received) => received,
                Err(TryRecvError::Disconnected) => return None,
                Err(TryRecvError::Empty) => {
                    if let Some(helper) = &mut self.helper {
                        if helper.read_next() {
                            continue;
                        }
                    }
                    match self.messages.recv_timeout(Duration::from_millis(5)) {
                        Ok(received) => received,
                        // A worker that is gone sends nothing more (what it
                        // sent before it went is taken first).
                        Err(_) if self.live.load(Ordering::Acquire) == 0 => {
                            self.messages.try_recv().ok()?
                        }
                        Err(_) => continue,
                    }
                }
            };
            let (j, message) = received;
            if j == i {
                return Some(message);
            }
            // Messages about chunks already passed are dropped.
            if j > i {
                if let Some(early) = self.early.get_mut(j) {
                    early.push_back(message);
                }
            }
        }
    }

    /// The chunk whose start the calling thread has reached exactly at
    /// `at` and that a worker has read or is reading. Chunks it has passed
    /// are dropped, or claimed so that no worker reads them.
    fn reached(&mut self, at: usize) -> Option<usize> {
        while let Some(&start) = self.chunks.starts.get(self.chunk) {
            if start > at {
                break;
            }
            let i = self.chunk;
            self.chunk += 1;
            if self.chunks.claim_for_caller(i) {
                continue;
            }
            if start == at {
                return Some(i);
            }
            self.drop_chunk(i);
        }
        None
    }

    /// Drops the worker's reading of chunk `i`, and what came of it.
    fn drop_chunk(&mut self, i: usize) {
        self.chunks.drop_reading(i);
        if let Some(early) = self.early.get_mut(i) {
            *early = VecDeque::new();
        }
    }
}

/// Reads `text` as `plan` says, the calling thread included in its
/// threads, handing every entity to `sink` in file order.
pub(super) fn read_in_parts<S: Sink>(
    text: &str,
    plan: Plan,
    bounds: Bounds,
    sink: &mut S,
) -> Result<Outcome, Malformed> {
    let mut caller = Caller {
        sink,
        max_entities: bounds.max_entities,
        count: 0,
        from_workers: 0,
    };
    let version = caller.read_in_parts(text, plan, bounds.max_text)?;
    Ok(Outcome {
        version,
        count: caller.count,
        from_workers: caller.from_workers,
    })
}

/// The calling thread's reading, from the start of the text: whichever
/// thread converted an entity, this one hands it to the sink, so the
/// sink sees the file's order.
struct Caller<'s, S> {
    sink: &'s mut S,
    /// Past this many entities, entities are only counted.
    max_entities: u64,
    /// Entities read so far, past the limit included.
    count: u64,
    /// Entities converted by workers.
    from_workers: usize,
}

impl<S: Sink> Caller<'_, S> {
    /// Reads `text` as `plan` says, workers letting through texts of at
    /// most `max_text` bytes; returns the format version.
    fn read_in_parts(
        &mut self,
        text: &str,
        plan: Plan,
        max_text: usize,
    ) -> Result<Option<u64>, Malformed> {
        let threads = plan.threads;
        let starts = plan.chunk_starts(text);
        let chunks = Chunks {
            text,
            dropped: starts.iter().map(|_| AtomicBool::new(false)).collect(),
            next: AtomicUsize::new(0),
            max_text,
            starts,
        };
        let live = AtomicUsize::new(threads.saturating_sub(1));
        let (tx, rx) = mpsc::channel();
        let mut takeover = Takeover {
            chunks: &chunks,
            chunk: 0,
            messages: rx,
            early: chunks.starts.iter().map(|_| VecDeque::new()).collect(),
            helper: None,
            live: &live,
        };
        if chunks.starts.is_empty() {
            return self.read_from(text, &mut takeover);
        }
        takeover.helper = Some(Part::new(&chunks, tx.clone()));
        std::thread::scope(|scope| {
            for _ in 1..threads {
                let mut part = Part::new(&chunks, tx.clone());
                let live = &live;
                let spawned = std::thread::Builder::new()
                    .name("pactum-load".into())
                    .spawn_scoped(scope, move || {
                        /// Counts the worker out however it ends.
                        struct Out<'a>(&'a AtomicUsize);
                        impl Drop for Out<'_> {
                            fn drop(&mut self) {
                                self.0.fetch_sub(1, Ordering::AcqRel);
                            }
                        }
                        let _out = Out(live);
                        while part.read_next() {}
                    });
                // A thread the system refuses is one worker less.
                if spawned.is_err() {
                    live.fetch_sub(1, Ordering::AcqRel);
                }
            }
            drop(tx);
            let version = self.read_from(text, &mut takeover);
            chunks.finish();
            version
        })
    }

    /// Reads the whole text from its start, taking over the workers'
    /// readings of the chunks whose starts it lands on.
    fn read_from(
        &mut self,
        text: &str,
        takeover: &mut Takeover<'_, '_>,
    ) -> Result<Option<u64>, Malformed> {
        let mut r = Reader { text, at: 0 };
        let mut state = State::Start;
        let mut version = None;
        let mut seen = [false; 8];
        loop {
            state = match state {
                State::Start => r.start()?,
                State::Key => {
                    let field = r.key()?;
                    if std::mem::replace(&mut seen[field as usize], true) {
                        return Err(Malformed);
                    }
                    if field == Field::Pactum {
                        version = r.value()?;
                        State::AfterMember
                    } else {
                        r.open(field)?
                    }
                }
                State::Element { field, index } => by_field!(
                    field,
                    E => self.array::<E>(&mut r, field, index, takeover, &mut seen)?,
                    pactum => return Err(Malformed)
                ),
                State::AfterMember => r.after_member()?,
                State::Done => {
                    r.skip_whitespace();
                    return if r.at == text.len() {
                        Ok(version)
                    } else {
                        Err(Malformed)
                    };
                }
            };
        }
    }

    /// Reads the array of `field` from its entity at `index`; gives the
    /// state after it, or where a worker's reading that it took over ended.
    fn array<E: Loaded>(
        &mut self,
        r: &mut Reader<'_>,
        field: Field,
        mut index: usize,
        takeover: &mut Takeover<'_, '_>,
        seen: &mut [bool; 8],
    ) -> Result<State, Malformed> {
        loop {
            r.skip_whitespace();
            if let Some(i) = takeover.reached(r.at) {
                if let Some((state, at)) = self.take_over(takeover, i, field, index, seen)? {
                    r.at = at;
                    return Ok(state);
                }
            }
            if self.count < self.max_entities {
                let raw: E::Raw = r.value()?;
                self.sink.add(raw, index);
            } else {
                // Past the limit entities are only counted, for the error.
                r.value::<IgnoredAny>()?;
            }
            self.count += 1;
            match r.after_element(field, index)? {
                State::Element { index: next, .. } => index = next,
                other => return Ok(other),
            }
        }
    }

    /// Takes the entities of the worker's reading of chunk `i`, whose start
    /// this reading has reached, before the entity at `index` of `field`.
    /// Gives where to go on from, or `None` when the worker took another
    /// kind for that entity.
    fn take_over(
        &mut self,
        takeover: &mut Takeover<'_, '_>,
        i: usize,
        field: Field,
        index: usize,
        seen: &mut [bool; 8],
    ) -> Result<Option<(State, usize)>, Malformed> {
        match takeover.message(i) {
            Some(Message::Start(taken)) if taken == field => {}
            _ => {
                takeover.drop_chunk(i);
                return Ok(None);
            }
        }
        // Positions in the chunk's first array count from its start.
        let mut base = index;
        loop {
            // A worker gone before it said where it stopped leaves no place
            // to go on from: the text is read again from the start.
            match takeover.message(i).ok_or(Malformed)? {
                Message::Start(_) => return Err(Malformed),
                Message::Open(opened) => {
                    if std::mem::replace(&mut seen[opened as usize], true) {
                        return Err(Malformed);
                    }
                    base = 0;
                }
                Message::Entities { run, index } => run.keep(self, base + index),
                Message::Stop { state, at } => {
                    let state = match state {
                        State::Element { field, index } => State::Element {
                            field,
                            index: base + index,
                        },
                        other => other,
                    };
                    return Ok(Some((state, at)));
                }
            }
        }
    }

    /// Keeps entities a worker converted, the first at `first` in its array.
    fn keep_all<E: Stored>(&mut self, entities: Vec<E>, first: usize) {
        let n = entities.len();
        self.from_workers += n;
        let within = u64::try_from(n)
            .ok()
            .and_then(|n| self.count.checked_add(n))
            .is_some_and(|end| end <= self.max_entities);
        let entities = if within {
            match self.sink.keep_run(entities, first) {
                Ok(()) => {
                    self.count += n as u64;
                    return;
                }
                Err(entities) => entities,
            }
        } else {
            entities
        };
        for (position, entity) in (first..).zip(entities) {
            if self.count < self.max_entities {
                self.sink.keep(entity, position);
            }
            self.count += 1;
        }
    }
}

/// How a text is read: by how many threads, in chunks of about how many
/// bytes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Plan {
    /// Threads, the calling one included; none to let `serde_json` drive
    /// the whole reading (what the reading by hand is tested against).
    pub(super) threads: usize,
    chunk: usize,
}

impl Plan {
    /// The plan for a text of `len` bytes and at most `max` threads: at
    /// most the machine's parallelism, one thread for each [`MIN_CHUNK`]
    /// bytes, and about [`CHUNKS_PER_THREAD`] chunks each.
    pub(super) fn for_text(len: usize, max: usize) -> Plan {
        let one = Plan {
            threads: 1,
            chunk: len,
        };
        if max <= 1 || len < 2 * MIN_CHUNK {
            return one;
        }
        let machine = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = max.min(machine).min(len / MIN_CHUNK);
        if threads <= 1 {
            return one;
        }
        let chunk = (len / (threads * CHUNKS_PER_THREAD)).clamp(MIN_CHUNK, MAX_CHUNK);
        Plan { threads, chunk }
    }

    /// The starts of the chunks after the first: entity starts, most
    /// likely, in increasing order. None for one thread.
    fn chunk_starts(self, text: &str) -> Vec<usize> {
        if self.threads <= 1 || self.chunk == 0 {
            return Vec::new();
        }
        let mut starts: Vec<usize> = Vec::new();
        let mut guess = self.chunk;
        while guess < text.len() {
            let from = starts.last().map_or(guess, |&last| guess.max(last + 1));
            if let Some(at) = boundary_after(text, from) {
                starts.push(at);
            }
            guess = guess.saturating_add(self.chunk);
        }
        starts
    }
}

/// A worker's reading of one chunk.
struct Part<'c, 't> {
    chunks: &'c Chunks<'t>,
    chunk: usize,
    /// Where the next chunk starts: the reading stops at the first entity
    /// at or past it.
    end: usize,
    tx: Sender<(usize, Message)>,
    key: String,
    problems: Vec<Diagnostic>,
}

/// Why a worker's reading of an array ended.
enum Ended {
    /// It reached the end of the array.
    Array,
    /// It stopped before the entity at `index`, at `at`.
    Before { index: usize, at: usize },
    /// It was dropped, or the calling thread is gone.
    Dropped,
}

impl<'c, 't> Part<'c, 't> {
    fn new(chunks: &'c Chunks<'t>, tx: Sender<(usize, Message)>) -> Part<'c, 't> {
        Part {
            chunks,
            chunk: 0,
            end: 0,
            tx,
            key: String::new(),
            problems: Vec::new(),
        }
    }

    /// Claims the next chunk no thread has claimed and reads it. Gives
    /// whether there was one and the calling thread still listens.
    fn read_next(&mut self) -> bool {
        let Some(i) = self.chunks.claim() else {
            return false;
        };
        self.chunk = i;
        self.end = self.chunks.starts.get(i + 1).copied().unwrap_or(usize::MAX);
        let start = self.chunks.starts.get(i).copied().unwrap_or(usize::MAX);
        self.read(start)
    }

    /// Reads the chunk from `at`, taken to start an entity. Gives whether
    /// the calling thread still listens.
    fn read(&mut self, at: usize) -> bool {
        let Some(field) = self.kind_at(at) else {
            return self.send(Message::Stop {
                state: State::Start,
                at,
            });
        };
        if !self.send(Message::Start(field)) {
            return false;
        }
        let mut r = Reader {
            text: self.chunks.text,
            at,
        };
        let mut opened = [false; 8];
        opened[field as usize] = true;
        let mut state = State::Element { field, index: 0 };
        let (state, at) = loop {
            let here = r.at;
            state = match state {
                State::Element { field, index } => {
                    let ended = by_field!(
                        field,
                        E => self.array::<E>(&mut r, index),
                        pactum => Ended::Before { index, at: here }
                    );
                    match ended {
                        Ended::Array => State::AfterMember,
                        Ended::Before { index, at } => break (State::Element { field, index }, at),
                        // The worker goes on to the next chunk, if any.
                        Ended::Dropped => return true,
                    }
                }
                State::AfterMember => match r.after_member() {
                    Ok(next) => next,
                    Err(Malformed) => break (state, here),
                },
                State::Key => {
                    r.skip_whitespace();
                    let key_at = r.at;
                    let next = r.key().and_then(|field| match field {
                        Field::Pactum => Err(Malformed),
                        _ if opened[field as usize] => Err(Malformed),
                        _ => Ok((field, r.open(field)?)),
                    });
                    match next {
                        Ok((field, next)) => {
                            opened[field as usize] = true;
                            if !self.send(Message::Open(field)) {
                                return false;
                            }
                            next
                        }
                        // The calling thread reads this member itself.
                        Err(Malformed) => break (State::Key, key_at),
                    }
                }
                State::Start | State::Done => break (state, here),
            };
        };
        self.send(Message::Stop { state, at })
    }

    /// The kind of the entity at `at`: the first whose fields it parses as.
    fn kind_at(&self, at: usize) -> Option<Field> {
        fn parses<E: Loaded>(text: &str, at: usize) -> bool {
            Reader { text, at }.value::<E::Raw>().is_ok()
        }
        let text = self.chunks.text;
        [
            Field::Sources,
            Field::TechAreas,
            Field::Institutions,
            Field::Partnerships,
            Field::Meetings,
            Field::Mous,
            Field::Commitments,
        ]
        .into_iter()
        .find(|&field| by_field!(field, E => parses::<E>(text, at), pactum => false))
    }

    /// Reads the array of `E` from its entity at `index`, sending the
    /// entities in runs.
    fn array<E: Loaded>(&mut self, r: &mut Reader<'_>, mut index: usize) -> Ended {
        let mut run: Vec<E> = Vec::with_capacity(RUN);
        let mut first = index;
        let ended = loop {
            if self.chunks.is_dropped(self.chunk) {
                return Ended::Dropped;
            }
            r.skip_whitespace();
            let at = r.at;
            if at >= self.end {
                break Ended::Before { index, at };
            }
            let Some((entity, next)) = self.entity::<E>(r, index) else {
                r.at = at;
                break Ended::Before { index, at };
            };
            run.push(entity);
            if run.len() == RUN {
                let full = std::mem::replace(&mut run, Vec::with_capacity(RUN));
                if !self.send_run(full, first) {
                    return Ended::Dropped;
                }
                first = index + 1;
            }
            match next {
                State::Element { index: next, .. } => index = next,
                _ => break Ended::Array,
            }
        };
        if !run.is_empty() && !self.send_run(run, first) {
            return Ended::Dropped;
        }
        ended
    }

    /// The entity at `r` and the state after it, if it parses and converts
    /// with no problem.
    fn entity<E: Loaded>(&mut self, r: &mut Reader<'_>, index: usize) -> Option<(E, State)> {
        let raw: E::Raw = r.value().ok()?;
        self.key.clear();
        self.key.push_str(raw.key_text());
        self.problems.clear();
        let mut ck = Checker::new(Some(E::KIND), &self.key, &mut self.problems)
            .with_max_text(self.chunks.max_text);
        let entity = E::convert(raw, &mut ck)?;
        if !self.problems.is_empty() {
            return None;
        }
        let next = r.after_element(E::FIELD, index).ok()?;
        Some((entity, next))
    }

    fn send_run<E: Loaded>(&self, run: Vec<E>, index: usize) -> bool {
        self.send(Message::Entities {
            run: E::run(run),
            index,
        })
    }

    /// Sends a message about this chunk; gives whether the calling thread
    /// still listens.
    fn send(&self, message: Message) -> bool {
        self.tx.send((self.chunk, message)).is_ok()
    }
}

#[cfg(test)]
mod tests;
