//! Reading a data file in parts, on several threads.
//!
//! The top-level object and its arrays are read here by hand, a few bytes
//! of structure between values; every value (a key, the version, an
//! entity) is parsed by `serde_json`. That is what lets a reading start in
//! the middle of the text.
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

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::Duration;

use serde::de::{DeserializeOwned, IgnoredAny};

use super::{Field, Loader};
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

/// The text is not a data file this reader takes. The caller reads it
/// again with `serde_json` driving, which reports the error with its path.
#[derive(Debug)]
pub(super) struct Malformed;

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

/// How far past a guessed start a boundary is looked for.
const MAX_SEARCH: usize = 1 << 20;

/// Entities a worker sends at a time.
const RUN: usize = 256;

/// Where a reading stands, between two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the top-level object.
    Start,
    /// Before a member's key.
    Key,
    /// Before the entity at `index` in the array of `field`.
    Element { field: Field, index: usize },
    /// After a member's value.
    AfterMember,
    /// After the top-level object.
    Done,
}

/// A position in the text, read by hand between values.
struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Reader<'t> {
    fn skip_whitespace(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.text.as_bytes().get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Skips whitespace, then `null` if it comes next.
    fn eat_null(&mut self) -> bool {
        self.skip_whitespace();
        let found = self.text.as_bytes().get(self.at..self.at + 4) == Some(b"null");
        if found {
            self.at += 4;
        }
        found
    }

    /// Parses the value that comes next (after whitespace).
    fn value<T: DeserializeOwned>(&mut self) -> Result<T, Malformed> {
        let rest = self.text.get(self.at..).ok_or(Malformed)?;
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                self.at += values.byte_offset();
                Ok(value)
            }
            _ => Err(Malformed),
        }
    }

    /// The state after `{`.
    fn start(&mut self) -> Result<State, Malformed> {
        self.expect(b'{')?;
        Ok(if self.eat(b'}') {
            State::Done
        } else {
            State::Key
        })
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<Field, Malformed> {
        let field = self.value()?;
        self.expect(b':')?;
        Ok(field)
    }

    /// The state after the colon of an array of entities: `null` or `[`.
    fn open(&mut self, field: Field) -> Result<State, Malformed> {
        if self.eat_null() {
            return Ok(State::AfterMember);
        }
        self.expect(b'[')?;
        Ok(if self.eat(b']') {
            State::AfterMember
        } else {
            State::Element { field, index: 0 }
        })
    }

    /// The state after the entity at `index`.
    fn after_element(&mut self, field: Field, index: usize) -> Result<State, Malformed> {
        if self.eat(b',') {
            return Ok(State::Element {
                field,
                index: index + 1,
            });
        }
        self.expect(b']')?;
        Ok(State::AfterMember)
    }

    /// The state after a member's value.
    fn after_member(&mut self) -> Result<State, Malformed> {
        if self.eat(b',') {
            return Ok(State::Key);
        }
        self.expect(b'}')?;
        Ok(State::Done)
    }
}

/// An entity kind as a data file holds it.
trait Loaded: Stored + Send + Sized + 'static {
    type Raw: Raw<Entity = Self> + DeserializeOwned;
    const FIELD: Field;
    fn convert(raw: Self::Raw, ck: &mut Checker<'_>) -> Option<Self>;
}

/// Entities of one kind that a worker converted, in file order, kept by
/// the calling thread: the first is at the given position in its array.
type Run = Box<dyn FnOnce(&mut Loader, usize) + Send>;

macro_rules! loaded {
    ($($ty:ty, $raw:ty, $variant:ident;)*) => {$(
        impl Loaded for $ty {
            type Raw = $raw;
            const FIELD: Field = Field::$variant;
            fn convert(raw: $raw, ck: &mut Checker<'_>) -> Option<$ty> {
                <$ty>::from_raw(raw, ck)
            }
        }
    )*};
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

impl Loader {
    /// Reads `text` as `plan` says, the calling thread included in its
    /// threads; returns the format version.
    pub(super) fn read_in_parts(
        &mut self,
        text: &str,
        plan: Plan,
    ) -> Result<Option<u64>, Malformed> {
        let threads = plan.threads;
        let starts = plan.chunk_starts(text);
        let chunks = Chunks {
            text,
            dropped: starts.iter().map(|_| AtomicBool::new(false)).collect(),
            next: AtomicUsize::new(0),
            max_text: self.max_text,
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
                self.add(raw, index, E::convert);
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
                Message::Entities { run, index } => run(self, base + index),
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
        self.from_workers += entities.len();
        for (position, entity) in (first..).zip(entities) {
            if self.count < self.max_entities {
                self.keep(entity, position);
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

/// The first `{` at or after `from` (and not far past it) that follows a
/// `}` and a comma, with only whitespace between them.
fn boundary_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = from.saturating_add(MAX_SEARCH).min(bytes.len());
    let window = bytes.get(from..end)?;
    let before = |mut i: usize| {
        while i > 0 && matches!(bytes.get(i - 1), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            i -= 1;
        }
        i.checked_sub(1).map(|j| (j, bytes.get(j).copied()))
    };
    window
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'{')
        .map(|(i, _)| from + i)
        .find(|&at| match before(at) {
            Some((comma, Some(b','))) => matches!(before(comma), Some((_, Some(b'}')))),
            _ => false,
        })
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
        let run: Run = Box::new(move |loader: &mut Loader, first| loader.keep_all(run, first));
        self.send(Message::Entities { run, index })
    }

    /// Sends a message about this chunk; gives whether the calling thread
    /// still listens.
    fn send(&self, message: Message) -> bool {
        self.tx.send((self.chunk, message)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Plan;
    use crate::io::{load, Limits, Loader};
    use crate::Registry;

    /// `serde_json` driving the whole reading.
    const SERDE: Plan = Plan {
        threads: 0,
        chunk: 0,
    };

    /// Everything a load gives: each kind's keys in handle order and the
    /// saved file, or the error with every diagnostic.
    fn outcome(text: &str, limits: &Limits, plan: Plan) -> String {
        match load(text, limits, plan) {
            Ok(reg) => {
                fn keys<E: crate::Entity>(all: &[E]) -> String {
                    let keys: Vec<&str> = all.iter().map(|e| e.key().as_str()).collect();
                    keys.join(",")
                }
                format!(
                    "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
                    keys(reg.sources()),
                    keys(reg.tech_areas()),
                    keys(reg.institutions()),
                    keys(reg.partnerships()),
                    keys(reg.meetings()),
                    keys(reg.mous()),
                    keys(reg.commitments()),
                    reg.to_json_string()
                )
            }
            Err(e) => format!("{e}\n{:#?}", e.diagnostics()),
        }
    }

    /// Asserts that every plan gives what `serde_json` driving gives.
    fn same_for_every_plan(text: &str, limits: &Limits, plans: &[Plan]) {
        let expected = outcome(text, limits, SERDE);
        let alone = Plan {
            threads: 1,
            chunk: text.len(),
        };
        assert_eq!(outcome(text, limits, alone), expected, "one thread");
        for &plan in plans {
            assert_eq!(outcome(text, limits, plan), expected, "{plan:?}");
        }
    }

    fn plans() -> Vec<Plan> {
        let mut plans = Vec::new();
        for threads in 2..=4 {
            for chunk in [1, 7, 40, 97, 300, 1000, 4000] {
                plans.push(Plan { threads, chunk });
            }
        }
        plans
    }

    fn compact(text: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::to_string(&value).unwrap()
    }

    /// The seed file, pretty and compact, and a larger generated file.
    fn texts() -> Vec<String> {
        let mut texts = vec![crate::SEED_JSON.to_owned(), compact(crate::SEED_JSON)];
        texts.push(generated(120));
        texts
    }

    /// A valid file of `n` of each agreement kind with their sources,
    /// institutions and meetings, with notes that look like the structure
    /// between entities.
    fn generated(n: usize) -> String {
        let mut sources = Vec::new();
        let mut institutions = Vec::new();
        let mut partnerships = Vec::new();
        let mut meetings = Vec::new();
        let mut mous = Vec::new();
        for i in 0..n {
            sources.push(serde_json::json!({
                "key": format!("src-{i}"),
                "title": format!("Release {i}"),
                "publisher": "Ministry",
                "published": "2024-05-01",
            }));
            institutions.push(serde_json::json!({
                "key": format!("inst-{i}"),
                "name": format!("Institute {i} }}, {{\"key\": \"x\"}}"),
                "kind": "agency",
                "country": "KR",
            }));
        }
        for i in 0..n {
            let a = format!("inst-{i}");
            let b = format!("inst-{}", (i + 1) % n);
            partnerships.push(serde_json::json!({
                "key": format!("pact-{i}"),
                "name": format!("Partnership {i}"),
                "kind": "technology_cooperation",
                "parties": [a, b],
                "established": "2020-03",
                "sources": [format!("src-{i}")],
            }));
            meetings.push(serde_json::json!({
                "key": format!("meet-{i}"),
                "name": format!("Council {i}"),
                "kind": "council",
                "partnership": format!("pact-{i}"),
                "series": format!("series-{i}"),
                "session": 1,
                "date": format!("{}-06-1{}", 2021 + i % 5, i % 7),
                "status": "held",
                "chairs": [{"name": "A", "institution": a}, {"name": "B", "institution": b}],
                "sources": [{"source": format!("src-{i}"), "note": "}, {\"key\": \"meet-0\""}],
            }));
            mous.push(serde_json::json!({
                "key": format!("mou-{i}"),
                "title": format!("MOU {i}"),
                "signatories": [a, b],
                "signed": "2022",
                "sources": [format!("src-{i}")],
            }));
        }
        serde_json::to_string_pretty(&serde_json::json!({
            "pactum": 1,
            "sources": sources,
            "institutions": institutions,
            "partnerships": partnerships,
            "meetings": meetings,
            "mous": mous,
        }))
        .unwrap()
    }

    #[test]
    fn generated_file_is_valid() {
        let text = generated(120);
        let reg = Registry::from_json_str(&text).unwrap();
        assert_eq!(reg.meetings().len(), 120);
        // Every plan cuts it into chunks, most of them at entity starts.
        let plan = Plan {
            threads: 2,
            chunk: 300,
        };
        let starts = plan.chunk_starts(&text);
        assert!(starts.len() > 100, "{}", starts.len());
    }

    /// Workers convert most entities of a file in many chunks, and the
    /// calling thread takes them over.
    #[test]
    fn workers_convert_what_the_calling_thread_takes_over() {
        let text = generated(120);
        let mut from_workers = 0;
        // A worker that starts late finds its chunks read: try a few times.
        for _ in 0..20 {
            for (threads, chunk) in [(2, 300), (3, 1000), (4, 97)] {
                let mut loader = Loader::new(&Limits::default());
                let version = loader.read_in_parts(&text, Plan { threads, chunk });
                assert_eq!(version.ok(), Some(Some(1)));
                assert_eq!(loader.count, 600);
                assert_eq!(loader.reg.mous().len(), 120);
                // The first chunk is always the calling thread's.
                assert!(loader.from_workers < 600, "{threads} {chunk}");
                from_workers += loader.from_workers;
            }
            if from_workers > 0 {
                break;
            }
        }
        assert!(from_workers > 0);
    }

    /// Every well-formed file is read by hand, not handed back to serde:
    /// null and empty arrays, members in any order and escaped in their
    /// names, whitespace of every kind, the version anywhere.
    #[test]
    fn the_hand_reading_takes_every_well_formed_file() {
        let text = compact(&generated(30));
        let cases = [
            text.clone(),
            generated(30),
            text.replacen(
                "\"mous\":[",
                "\"tech_areas\":null,\"commitments\":[],\"mous\":[",
                1,
            ),
            text.replacen("\"mous\"", "\"m\\u006fus\"", 1),
            // Pretty-printed text has line breaks only between values.
            generated(30).replace('\n', " \r\n\t"),
            format!(
                "{},\"pactum\":1}}",
                text.replacen("\"pactum\":1,", "", 1).trim_end_matches('}')
            ),
            "{}".to_owned(),
            " { \"pactum\" : 1 } ".to_owned(),
            "{\"pactum\":null,\"sources\":null}".to_owned(),
        ];
        for case in cases {
            for plan in [
                Plan {
                    threads: 1,
                    chunk: case.len(),
                },
                Plan {
                    threads: 2,
                    chunk: 50,
                },
            ] {
                let mut loader = Loader::new(&Limits::default());
                let read = loader.read_in_parts(&case, plan);
                assert!(read.is_ok(), "{plan:?} {}", &case[..case.len().min(80)]);
            }
        }
    }

    #[test]
    fn valid_files_read_alike_whatever_the_plan() {
        for text in texts() {
            same_for_every_plan(&text, &Limits::default(), &plans());
        }
    }

    /// Files a worker must stop in, leaving the rest to the calling thread.
    #[test]
    fn invalid_files_read_alike_whatever_the_plan() {
        let text = generated(60);
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut cases = Vec::new();
        // An entity with a problem late in an array.
        let mut v = value.clone();
        v["mous"][50]["signatories"] = serde_json::json!(["inst-1"]);
        cases.push(v);
        // A key taken twice, far apart.
        let mut v = value.clone();
        v["meetings"][55]["key"] = serde_json::json!("meet-3");
        cases.push(v);
        // A key taken by an invalid entity, then by a valid one.
        let mut v = value.clone();
        v["mous"][10]["signatories"] = serde_json::json!([]);
        v["mous"][45]["key"] = serde_json::json!("mou-10");
        cases.push(v);
        // A dangling reference.
        let mut v = value.clone();
        v["partnerships"][40]["parties"][1] = serde_json::json!("inst-none");
        cases.push(v);
        // A text over the limit.
        let mut v = value.clone();
        v["institutions"][33]["name"] = serde_json::json!("n".repeat(300));
        cases.push(v);
        // A field no entity has.
        let mut v = value.clone();
        v["meetings"][44]["colour"] = serde_json::json!("red");
        cases.push(v);
        // The version missing, or last.
        let mut v = value.clone();
        v.as_object_mut().unwrap().remove("pactum");
        cases.push(v);
        value
            .as_object_mut()
            .unwrap()
            .insert("pactum".into(), 2.into());
        cases.push(value);
        let limits = Limits::default().max_text_bytes(200);
        for case in cases {
            for text in [
                serde_json::to_string(&case).unwrap(),
                serde_json::to_string_pretty(&case).unwrap(),
            ] {
                same_for_every_plan(&text, &limits, &plans());
            }
        }
    }

    #[test]
    fn texts_edited_by_hand_read_alike_whatever_the_plan() {
        let text = compact(&generated(40));
        let mous = text.find("\"mous\"").unwrap();
        let cases = [
            // A member twice, a later copy of an earlier one.
            text.replacen("\"mous\"", "\"sources\"", 1),
            // An array of null, and an empty one.
            text.replacen(
                "\"mous\":[",
                "\"tech_areas\":null,\"commitments\":[],\"mous\":[",
                1,
            ),
            // A trailing comma in an array, a missing one.
            text.replacen("}],\"mous\"", "},],\"mous\"", 1),
            text.replacen("},{\"key\":\"mou-30\"", "}{\"key\":\"mou-30\"", 1),
            // Text after the object.
            format!("{text} x"),
            // Whitespace everywhere it may be.
            text.replace(',', " ,\r\n\t").replace(':', " : "),
            // An unknown member late.
            format!("{},\"extra\":[]}}", &text[..text.len() - 1]),
            // The version last.
            format!(
                "{},\"pactum\":1}}",
                text.replacen("\"pactum\":1,", "", 1).trim_end_matches('}')
            ),
            // Cut short.
            text[..mous + 500].to_owned(),
        ];
        assert!(cases[7].ends_with(",\"pactum\":1}"));
        for case in cases {
            same_for_every_plan(&case, &Limits::default(), &plans());
        }
        // The entity limit reached inside a worker's chunk.
        same_for_every_plan(&text, &Limits::default().max_entities(150), &plans());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is broken where, a reading in chunks gives what
        /// `serde_json` driving gives.
        #[test]
        fn damaged_files_read_alike_whatever_the_plan(
            which in 0usize..3,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, 0u8..3), 0..4),
            threads in 2usize..=4,
            chunk in 1usize..600,
        ) {
            let texts = texts();
            let mut text = texts[which % texts.len()].clone();
            for (at, what, how) in edits {
                // Only ASCII is edited, so the text stays UTF-8.
                let at = at.index(text.len());
                if !text.is_char_boundary(at) || !text.is_char_boundary((at + 1).min(text.len())) {
                    continue;
                }
                let byte = b"{}[],:\" 0an-"[what];
                match how {
                    0 => text.insert(at, char::from(byte)),
                    1 if at < text.len() && text.as_bytes()[at].is_ascii() => {
                        text.replace_range(at..at + 1, &char::from(byte).to_string());
                    }
                    _ => {
                        let end = (at + what * 7).min(text.len());
                        if text.is_char_boundary(end) {
                            text.replace_range(at..end, "");
                        }
                    }
                }
            }
            let expected = outcome(&text, &Limits::default(), SERDE);
            prop_assert_eq!(outcome(&text, &Limits::default(), Plan { threads, chunk }), expected);
        }
    }
}
