//! The indexes behind the timeline queries.
//!
//! Every event of the registry gets a *slot*: its day range, its kind and the
//! entity it belongs to. Slots are listed in *runs*: the whole timeline, and
//! one run per event kind, institution, technology area, partnership and
//! meeting series (posting lists). Every run keeps its slots in the total
//! order of events, so a query merges a few runs and yields events in order
//! without sorting them.
//!
//! A run is also an interval index. Its slots with a known start are sorted
//! by their earliest day (that is the total order); a few levels of block
//! maxima over their latest days let a window query skip, in order, every
//! block in which no event reaches the window: an implicit augmented
//! interval tree over the sorted array. Slots with an open start sort by
//! their latest day and live in a second sorted list, where a window is a
//! plain range.
//!
//! The index is built in one pass when the registry is first queried, and
//! kept up to date by every successful insert, update and remove.

use std::any::Any;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::commitment::Commitment;
use crate::country::Country;
use crate::id::{EntityKind, Key};
use crate::institution::Institution;
use crate::meeting::Meeting;
use crate::mou::Mou;
use crate::partnership::Partnership;
use crate::query::{Event, EventKind, Subject};
use crate::registry::Registry;
use crate::taxonomy::TechArea;

/// Slots per block of the block maxima, at every level.
const BLOCK: usize = 16;

/// The entity kinds that have events, in the order of their `owned` lists.
const SUBJECT_KINDS: [EntityKind; 4] = [
    EntityKind::Partnership,
    EntityKind::Meeting,
    EntityKind::Mou,
    EntityKind::Commitment,
];

fn subject_slot(kind: EntityKind) -> Option<usize> {
    SUBJECT_KINDS.iter().position(|&k| k == kind)
}

/// One event, as the index sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub(crate) earliest: i32,
    pub(crate) latest: i32,
    pub(crate) kind: EventKind,
    pub(crate) entity: EntityKind,
    pub(crate) handle: u32,
}

impl Slot {
    /// The day that orders the event (see [`Event`]).
    pub(crate) fn sort(&self) -> i32 {
        if self.earliest == i32::MIN {
            self.latest
        } else {
            self.earliest
        }
    }

    fn open_start(&self) -> bool {
        self.earliest == i32::MIN
    }

    /// The order key without the entity key.
    fn coarse(&self) -> (i32, i32, EventKind, EntityKind) {
        (self.sort(), self.latest, self.kind, self.entity)
    }
}

/// The entity an event slot belongs to.
pub(crate) fn subject_at(reg: &Registry, entity: EntityKind, handle: u32) -> Option<Subject<'_>> {
    let h = usize::try_from(handle).ok()?;
    match entity {
        EntityKind::Partnership => reg.partnerships().get(h).map(Subject::Partnership),
        EntityKind::Meeting => reg.meetings().get(h).map(Subject::Meeting),
        EntityKind::Mou => reg.mous().get(h).map(Subject::Mou),
        EntityKind::Commitment => reg.commitments().get(h).map(Subject::Commitment),
        _ => None,
    }
}

/// The event of a slot.
pub(crate) fn event_at<'r>(reg: &'r Registry, slot: &Slot) -> Option<Event<'r>> {
    let subject = subject_at(reg, slot.entity, slot.handle)?;
    Event::of(subject, slot.kind)
}

/// The full order key of a slot: its day range, kinds, then the entity key.
pub(crate) fn order_key<'r>(
    reg: &'r Registry,
    slot: &Slot,
) -> (i32, i32, EventKind, EntityKind, &'r str) {
    let key = subject_at(reg, slot.entity, slot.handle).map_or("", |s| s.key());
    (slot.sort(), slot.latest, slot.kind, slot.entity, key)
}

/// A slot in a run, with its latest day kept inline so that the block maxima
/// and the skipping walk read the run sequentially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    latest: i32,
    id: u32,
}

/// The slots of a subset of events, in the total order, with block maxima.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    /// Slots with a known start, by earliest day (the total order).
    closed: Vec<Entry>,
    /// Slots with an open start, by latest day (the total order).
    open: Vec<Entry>,
    /// `levels[l][b]`: the greatest latest day among the closed slots
    /// `b * BLOCK^(l+1) .. (b+1) * BLOCK^(l+1)`.
    levels: Vec<Vec<i32>>,
}

fn slot_of(slots: &[Slot], id: u32) -> Option<&Slot> {
    usize::try_from(id).ok().and_then(|i| slots.get(i))
}

impl Run {
    /// The number of events in the run.
    pub(crate) fn len(&self) -> usize {
        self.closed.len() + self.open.len()
    }

    fn list_mut(&mut self, slot: &Slot) -> &mut Vec<Entry> {
        if slot.open_start() {
            &mut self.open
        } else {
            &mut self.closed
        }
    }

    /// Appends a slot that comes after every slot of the run.
    fn push(&mut self, id: u32, slot: &Slot) {
        let latest = slot.latest;
        self.list_mut(slot).push(Entry { latest, id });
    }

    /// Rebuilds the block maxima of the closed slots.
    fn finish(&mut self) {
        self.levels.clear();
        self.refresh_from(0);
    }

    /// Recomputes the block maxima from the block holding closed position
    /// `pos` on: an edit at `pos` shifts only the slots after it.
    fn refresh_from(&mut self, pos: usize) {
        // No slot with a known start: no blocks, whichever way the run got
        // here (built in one pass, or edited down to nothing).
        if self.closed.is_empty() {
            self.levels.clear();
            return;
        }
        let mut first = pos / BLOCK;
        let mut level = 0;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
                first = 0;
            }
            let computed: Vec<i32> = if level == 0 {
                self.closed
                    .chunks(BLOCK)
                    .skip(first)
                    .map(|c| c.iter().map(|e| e.latest).max().unwrap_or(i32::MIN))
                    .collect()
            } else {
                self.levels
                    .get(level - 1)
                    .map(|below| {
                        below
                            .chunks(BLOCK)
                            .skip(first)
                            .map(|c| c.iter().copied().max().unwrap_or(i32::MIN))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let Some(current) = self.levels.get_mut(level) else {
                break;
            };
            current.truncate(first);
            current.extend(computed);
            if current.len() <= 1 {
                self.levels.truncate(level + 1);
                break;
            }
            first /= BLOCK;
            level += 1;
        }
    }

    /// Inserts a slot at its place in the total order.
    fn insert(&mut self, id: u32, slots: &[Slot], cmp: &impl Fn(u32, u32) -> Ordering) {
        let Some(slot) = slot_of(slots, id) else {
            return;
        };
        let entry = Entry {
            latest: slot.latest,
            id,
        };
        let list = self.list_mut(slot);
        let at = list.partition_point(|other| cmp(other.id, id) == Ordering::Less);
        list.insert(at, entry);
        if !slot.open_start() {
            self.refresh_from(at);
        }
    }

    /// Removes a slot, found by its cached order fields.
    fn remove(&mut self, id: u32, slots: &[Slot]) {
        let Some(slot) = slot_of(slots, id) else {
            return;
        };
        let target = slot.coarse();
        let list = self.list_mut(slot);
        let from = list
            .partition_point(|other| slot_of(slots, other.id).is_some_and(|s| s.coarse() < target));
        let found = list
            .get(from..)
            .and_then(|rest| rest.iter().position(|other| other.id == id));
        if let Some(offset) = found {
            list.remove(from + offset);
            if !slot.open_start() {
                self.refresh_from(from + offset);
            }
        }
    }

    /// The cursors that walk the run's candidates for `bounds`: one over the
    /// slots with a known start, one over those with an open start.
    pub(crate) fn cursors<'i>(&'i self, slots: &[Slot], bounds: &Bounds) -> [Cursor<'i>; 2] {
        let sort = |e: &Entry| slot_of(slots, e.id).map_or(i32::MAX, Slot::sort);
        // Known start: a candidate starts by the window's end; it must also
        // reach the window's start, which the block maxima check.
        let lo = if bounds.certainly {
            bounds.sort_from.max(bounds.from)
        } else {
            bounds.sort_from
        };
        let hi = bounds.sort_to.min(bounds.to);
        let closed = Cursor {
            list: &self.closed,
            levels: &self.levels,
            lo: self.closed.partition_point(|e| sort(e) < lo),
            hi: self.closed.partition_point(|e| sort(e) <= hi),
            reach: bounds.from,
            reverse: bounds.reverse,
            live: (0, 0),
        };
        // Open start: every slot starts before the window; it is a candidate
        // when its latest day (its sort day) reaches the window.
        let (lo, hi) = if bounds.certainly {
            if bounds.from == i32::MIN {
                (bounds.sort_from, bounds.sort_to.min(bounds.to))
            } else {
                (1, 0)
            }
        } else {
            (bounds.sort_from.max(bounds.from), bounds.sort_to)
        };
        let open = if lo <= hi {
            Cursor {
                list: &self.open,
                levels: &[],
                lo: self.open.partition_point(|e| e.latest < lo),
                hi: self.open.partition_point(|e| e.latest <= hi),
                reach: i32::MIN,
                reverse: bounds.reverse,
                live: (0, 0),
            }
        } else {
            Cursor::empty()
        };
        [closed, open]
    }
}

/// What a query asks of a run, as day numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// The window.
    pub(crate) from: i32,
    /// The window.
    pub(crate) to: i32,
    /// Whether the event must lie inside the window.
    pub(crate) certainly: bool,
    /// The range of sort days (the `after` and `before` cursors).
    pub(crate) sort_from: i32,
    /// The range of sort days.
    pub(crate) sort_to: i32,
    /// Whether to walk from the last event to the first.
    pub(crate) reverse: bool,
}

/// A walk over one sorted list of a run, yielding slots whose latest day
/// reaches `reach`, in order (or in reverse order).
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'i> {
    list: &'i [Entry],
    levels: &'i [Vec<i32>],
    lo: usize,
    hi: usize,
    reach: i32,
    reverse: bool,
    /// Positions whose blocks are known to hold a slot reaching `reach`:
    /// there is no need to ask the block maxima again.
    live: (usize, usize),
}

impl<'i> Cursor<'i> {
    fn empty() -> Cursor<'i> {
        Cursor {
            list: &[],
            levels: &[],
            lo: 0,
            hi: 0,
            reach: i32::MIN,
            reverse: false,
            live: (0, 0),
        }
    }

    /// Whether position `i` lies in a block, at some level, where no slot
    /// reaches `reach`: `Err` with the block's first and one-past-last
    /// positions; else `Ok` with those of its live block of level 0.
    fn block_at(&self, i: usize) -> Result<(usize, usize), (usize, usize)> {
        for (level, maxima) in self.levels.iter().enumerate().rev() {
            let width = u32::try_from(level + 1).map_or(usize::MAX, |l| BLOCK.saturating_pow(l));
            let b = i / width;
            if maxima.get(b).is_some_and(|&m| m < self.reach) {
                return Err((b * width, (b + 1).saturating_mul(width)));
            }
        }
        let b = i / BLOCK;
        Ok((b * BLOCK, (b + 1).saturating_mul(BLOCK)))
    }

    fn latest_at(&self, i: usize) -> i32 {
        self.list.get(i).map_or(i32::MIN, |e| e.latest)
    }

    /// The next slot in walking order.
    pub(crate) fn next(&mut self) -> Option<u32> {
        let skipping = self.reach != i32::MIN && !self.levels.is_empty();
        if self.reverse {
            while self.hi > self.lo {
                let j = self.hi - 1;
                if skipping && !(self.live.0..self.live.1).contains(&j) {
                    match self.block_at(j) {
                        Err((start, _)) => {
                            self.hi = start.max(self.lo);
                            continue;
                        }
                        Ok(live) => self.live = live,
                    }
                }
                self.hi = j;
                if self.latest_at(j) >= self.reach {
                    return self.list.get(j).map(|e| e.id);
                }
            }
        } else {
            while self.lo < self.hi {
                let i = self.lo;
                if skipping && !(self.live.0..self.live.1).contains(&i) {
                    match self.block_at(i) {
                        Err((_, end)) => {
                            self.lo = end.min(self.hi);
                            continue;
                        }
                        Ok(live) => self.live = live,
                    }
                }
                self.lo = i + 1;
                if self.latest_at(i) >= self.reach {
                    return self.list.get(i).map(|e| e.id);
                }
            }
        }
        None
    }
}

/// The index of a registry's events, with the hierarchies the filters expand.
#[derive(Clone, Default)]
pub(crate) struct Index {
    slots: Vec<Slot>,
    free: Vec<u32>,
    /// The slots of each entity, by subject kind (see `SUBJECT_KINDS`) and
    /// handle.
    owned: [Vec<Vec<u32>>; 4],
    all: Run,
    force: ForceIndex,
    by_kind: HashMap<EventKind, Run>,
    by_institution: HashMap<Box<str>, Run>,
    by_area: HashMap<Box<str>, Run>,
    by_partnership: HashMap<Box<str>, Run>,
    by_series: HashMap<Box<str>, Run>,
    child_institutions: HashMap<Box<str>, Vec<Box<str>>>,
    child_areas: HashMap<Box<str>, Vec<Box<str>>>,
    institutions_in: HashMap<Country, Vec<Box<str>>>,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("events", &self.all.len())
            .field("institutions", &self.by_institution.len())
            .field("areas", &self.by_area.len())
            .field("partnerships", &self.by_partnership.len())
            .field("series", &self.by_series.len())
            .finish_non_exhaustive()
    }
}

/// The posting lists an event belongs to, as keys.
struct Postings<'r> {
    institutions: Vec<&'r str>,
    areas: &'r [Key<TechArea>],
    partnership: Option<&'r str>,
    series: Option<&'r str>,
}

fn postings<'r>(event: &Event<'r>) -> Postings<'r> {
    Postings {
        institutions: event.institutions().into_iter().map(Key::as_str).collect(),
        areas: event.tech_areas(),
        partnership: event.partnership().map(Key::as_str),
        series: event.series().map(Key::as_str),
    }
}

impl Index {
    /// Builds the index of every event of the registry.
    pub(crate) fn build(reg: &Registry) -> Index {
        let mut ix = Index::default();
        for (k, &kind) in SUBJECT_KINDS.iter().enumerate() {
            let count = match kind {
                EntityKind::Partnership => reg.partnerships().len(),
                EntityKind::Meeting => reg.meetings().len(),
                EntityKind::Mou => reg.mous().len(),
                _ => reg.commitments().len(),
            };
            for h in 0..count {
                let ids = ix.new_slots(reg, kind, h);
                if let Some(owned) = ix.owned.get_mut(k) {
                    owned.push(ids);
                }
            }
        }
        let mut order: Vec<u32> = ix.owned.iter().flatten().flatten().copied().collect();
        let slots = &ix.slots;
        let key = |id: u32| {
            usize::try_from(id)
                .ok()
                .and_then(|i| slots.get(i))
                .map(|s| order_key(reg, s))
        };
        order.sort_by_cached_key(|&id| key(id));
        for id in order {
            ix.post(reg, id, |run, id, slot, _| run.push(id, slot));
        }
        ix.all.finish();
        for run in ix
            .by_kind
            .values_mut()
            .chain(ix.by_institution.values_mut())
            .chain(ix.by_area.values_mut())
            .chain(ix.by_partnership.values_mut())
            .chain(ix.by_series.values_mut())
        {
            run.finish();
        }
        ix.force = ForceIndex::build(reg);
        for inst in reg.institutions() {
            ix.link_institution(inst);
        }
        for area in reg.tech_areas() {
            ix.link_area(area);
        }
        ix
    }

    /// Makes slots for the events of the entity at `h`.
    fn new_slots(&mut self, reg: &Registry, kind: EntityKind, h: usize) -> Vec<u32> {
        let Ok(handle) = u32::try_from(h) else {
            return Vec::new();
        };
        let Some(subject) = subject_at(reg, kind, handle) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        for event in Event::all_of(subject) {
            let slot = Slot {
                earliest: event.date().earliest_day_number(),
                latest: event.date().latest_day_number(),
                kind: event.kind(),
                entity: kind,
                handle,
            };
            let id = match self.free.pop() {
                Some(id) => {
                    if let Some(s) = usize::try_from(id).ok().and_then(|i| self.slots.get_mut(i)) {
                        *s = slot;
                    }
                    id
                }
                None => {
                    let Ok(id) = u32::try_from(self.slots.len()) else {
                        continue;
                    };
                    self.slots.push(slot);
                    id
                }
            };
            ids.push(id);
        }
        ids
    }

    /// Applies `op` to every run the slot `id` belongs to.
    fn post(&mut self, reg: &Registry, id: u32, op: impl Fn(&mut Run, u32, &Slot, &[Slot])) {
        let Some(slot) = usize::try_from(id).ok().and_then(|i| self.slots.get(i)) else {
            return;
        };
        let Some(event) = event_at(reg, slot) else {
            return;
        };
        let slots = &self.slots;
        let p = postings(&event);
        op(&mut self.all, id, slot, slots);
        op(self.by_kind.entry(slot.kind).or_default(), id, slot, slots);
        // Lists are short: a linear check keeps each key once, without a set.
        for (i, &inst) in p.institutions.iter().enumerate() {
            if !p.institutions.iter().take(i).any(|&x| x == inst) {
                if let Some(run) = run_for(&mut self.by_institution, inst) {
                    op(run, id, slot, slots);
                }
            }
        }
        for (i, area) in p.areas.iter().enumerate() {
            if !p.areas.iter().take(i).any(|x| x == area) {
                if let Some(run) = run_for(&mut self.by_area, area.as_str()) {
                    op(run, id, slot, slots);
                }
            }
        }
        if let Some(partnership) = p.partnership {
            if let Some(run) = run_for(&mut self.by_partnership, partnership) {
                op(run, id, slot, slots);
            }
        }
        if let Some(series) = p.series {
            if let Some(run) = run_for(&mut self.by_series, series) {
                op(run, id, slot, slots);
            }
        }
    }

    /// Indexes the entity of kind `kind` that was just added at `h` or that
    /// replaced the one at `h`.
    pub(crate) fn link(&mut self, reg: &Registry, kind: EntityKind, h: usize) {
        match kind {
            EntityKind::Institution => {
                if let Some(inst) = reg.institutions().get(h) {
                    self.link_institution(inst);
                }
            }
            EntityKind::TechArea => {
                if let Some(area) = reg.tech_areas().get(h) {
                    self.link_area(area);
                }
            }
            _ => {
                let Some(k) = subject_slot(kind) else { return };
                self.force.link(reg, kind, h);
                let ids = self.new_slots(reg, kind, h);
                for &id in &ids {
                    self.post(reg, id, |run, id, _, slots| {
                        let key = |x: u32| {
                            usize::try_from(x)
                                .ok()
                                .and_then(|i| slots.get(i))
                                .map(|s| order_key(reg, s))
                        };
                        run.insert(id, slots, &|a, b| key(a).cmp(&key(b)));
                    });
                }
                if let Some(owned) = self.owned.get_mut(k) {
                    if owned.len() <= h {
                        owned.resize_with(h + 1, Vec::new);
                    }
                    if let Some(list) = owned.get_mut(h) {
                        *list = ids;
                    }
                }
            }
        }
    }

    /// Forgets the entity `old` of kind `kind` at `h` (before it is replaced
    /// or removed). Works from the slots and `old` alone.
    pub(crate) fn unlink(&mut self, kind: EntityKind, h: usize, old: &dyn Any) {
        match kind {
            EntityKind::Institution => {
                if let Some(inst) = old.downcast_ref::<Institution>() {
                    self.unlink_institution(inst);
                }
            }
            EntityKind::TechArea => {
                if let Some(area) = old.downcast_ref::<TechArea>() {
                    self.unlink_area(area);
                }
            }
            _ => {
                let Some(k) = subject_slot(kind) else { return };
                self.force.unlink(kind, h);
                let ids = self
                    .owned
                    .get_mut(k)
                    .and_then(|o| o.get_mut(h))
                    .map(std::mem::take)
                    .unwrap_or_default();
                let event = |id: u32| {
                    usize::try_from(id)
                        .ok()
                        .and_then(|i| self.slots.get(i))
                        .and_then(|s| Self::old_event(old, s))
                };
                let postings: Vec<(u32, Option<OwnedPostings>)> = ids
                    .iter()
                    .map(|&id| (id, event(id).as_ref().map(OwnedPostings::of)))
                    .collect();
                for (id, p) in postings {
                    self.unpost(id, p.as_ref());
                    self.free.push(id);
                }
            }
        }
    }

    /// The event of a slot, read from the entity it belonged to.
    fn old_event<'a>(old: &'a dyn Any, slot: &Slot) -> Option<Event<'a>> {
        let subject = if let Some(p) = old.downcast_ref::<Partnership>() {
            Subject::Partnership(p)
        } else if let Some(m) = old.downcast_ref::<Meeting>() {
            Subject::Meeting(m)
        } else if let Some(m) = old.downcast_ref::<Mou>() {
            Subject::Mou(m)
        } else {
            Subject::Commitment(old.downcast_ref::<Commitment>()?)
        };
        Event::of(subject, slot.kind)
    }

    fn unpost(&mut self, id: u32, p: Option<&OwnedPostings>) {
        let Some(slot) = usize::try_from(id).ok().and_then(|i| self.slots.get(i)) else {
            return;
        };
        let slots = &self.slots;
        self.all.remove(id, slots);
        remove_from(&mut self.by_kind, &slot.kind, id, slots);
        let Some(p) = p else { return };
        for inst in &p.institutions {
            remove_from(&mut self.by_institution, &**inst, id, slots);
        }
        for area in &p.areas {
            remove_from(&mut self.by_area, &**area, id, slots);
        }
        if let Some(partnership) = &p.partnership {
            remove_from(&mut self.by_partnership, &**partnership, id, slots);
        }
        if let Some(series) = &p.series {
            remove_from(&mut self.by_series, &**series, id, slots);
        }
    }

    /// Renumbers the entities of kind `kind` after the one at `h` was
    /// removed from its store.
    pub(crate) fn shift(&mut self, kind: EntityKind, h: usize) {
        self.force.shift(kind, h);
        let Some(owned) = subject_slot(kind).and_then(|k| self.owned.get_mut(k)) else {
            return;
        };
        if h < owned.len() {
            owned.remove(h);
        }
        for ids in owned.iter().skip(h) {
            for &id in ids {
                if let Some(s) = usize::try_from(id).ok().and_then(|i| self.slots.get_mut(i)) {
                    s.handle = s.handle.saturating_sub(1);
                }
            }
        }
    }

    fn link_institution(&mut self, inst: &Institution) {
        let key: Box<str> = inst.key().as_str().into();
        if let Some(parent) = inst.parent() {
            self.child_institutions
                .entry(parent.as_str().into())
                .or_default()
                .push(key.clone());
        }
        self.institutions_in
            .entry(inst.country())
            .or_default()
            .push(key);
    }

    fn unlink_institution(&mut self, inst: &Institution) {
        let key = inst.key().as_str();
        if let Some(parent) = inst.parent() {
            if let Some(children) = self.child_institutions.get_mut(parent.as_str()) {
                children.retain(|c| &**c != key);
            }
        }
        if let Some(members) = self.institutions_in.get_mut(&inst.country()) {
            members.retain(|c| &**c != key);
        }
    }

    fn link_area(&mut self, area: &TechArea) {
        for parent in area.parents() {
            self.child_areas
                .entry(parent.as_str().into())
                .or_default()
                .push(area.key().as_str().into());
        }
    }

    fn unlink_area(&mut self, area: &TechArea) {
        for parent in area.parents() {
            if let Some(children) = self.child_areas.get_mut(parent.as_str()) {
                children.retain(|c| &**c != area.key().as_str());
            }
        }
    }

    /// Every slot, by id.
    pub(crate) fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// The agreements whose time in force may include day `n`, with the
    /// slots that locate them.
    pub(crate) fn possibly_in_force(&self, n: i32) -> impl Iterator<Item = &Slot> {
        let slots = &self.force.slots;
        let bounds = Bounds {
            from: n,
            to: n,
            certainly: false,
            sort_from: i32::MIN,
            sort_to: i32::MAX,
            reverse: false,
        };
        self.force
            .run
            .cursors(slots, &bounds)
            .into_iter()
            .flat_map(move |mut cursor| std::iter::from_fn(move || cursor.next()))
            .filter_map(move |id| usize::try_from(id).ok().and_then(|i| slots.get(i)))
    }

    /// The run of every event.
    pub(crate) fn all(&self) -> &Run {
        &self.all
    }

    /// The run of an event kind.
    pub(crate) fn of_kind(&self, kind: EventKind) -> Option<&Run> {
        self.by_kind.get(&kind)
    }

    /// The run of the events that name an institution directly.
    pub(crate) fn of_institution(&self, key: &str) -> Option<&Run> {
        self.by_institution.get(key)
    }

    /// The run of the events that name a technology area directly.
    pub(crate) fn of_area(&self, key: &str) -> Option<&Run> {
        self.by_area.get(key)
    }

    /// The run of the events of a partnership.
    pub(crate) fn of_partnership(&self, key: &str) -> Option<&Run> {
        self.by_partnership.get(key)
    }

    /// The run of the meetings of a series.
    pub(crate) fn of_series(&self, key: &str) -> Option<&Run> {
        self.by_series.get(key).filter(|r| r.len() > 0)
    }

    /// Every series that has meetings.
    pub(crate) fn series_keys(&self) -> impl Iterator<Item = &str> {
        self.by_series.keys().map(|k| &**k)
    }

    /// The series key as the index holds it.
    pub(crate) fn series_key(&self, key: &str) -> Option<&str> {
        self.by_series.get_key_value(key).map(|(k, _)| &**k)
    }

    /// The institution and every institution under it, the institution
    /// first, each once.
    pub(crate) fn institution_and_below<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        descendants(&self.child_institutions, key)
    }

    /// The area and every area under it, the area first, each once.
    pub(crate) fn area_and_below<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        descendants(&self.child_areas, key)
    }

    /// The institutions of a country or bloc.
    pub(crate) fn institutions_in(&self, country: Country) -> &[Box<str>] {
        self.institutions_in
            .get(&country)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The run of `key`, made empty if there is none yet; the key is copied
/// only then.
fn run_for<'m>(map: &'m mut HashMap<Box<str>, Run>, key: &str) -> Option<&'m mut Run> {
    if !map.contains_key(key) {
        map.insert(key.into(), Run::default());
    }
    map.get_mut(key)
}

fn remove_from<K, Q>(map: &mut HashMap<K, Run>, key: &Q, id: u32, slots: &[Slot])
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
{
    let empty = match map.get_mut(key) {
        Some(run) => {
            run.remove(id, slots);
            run.len() == 0
        }
        None => false,
    };
    if empty {
        map.remove(key);
    }
}

fn descendants<'a>(children: &'a HashMap<Box<str>, Vec<Box<str>>>, root: &'a str) -> Vec<&'a str> {
    let mut out = vec![root];
    let mut seen: HashSet<&str> = HashSet::from([root]);
    let mut i = 0;
    while let Some(&current) = out.get(i) {
        for child in children.get(current).into_iter().flatten() {
            if seen.insert(child) {
                out.push(child);
            }
        }
        i += 1;
    }
    out
}

/// The posting keys of an event whose entity is about to go.
struct OwnedPostings {
    institutions: Vec<Box<str>>,
    areas: Vec<Box<str>>,
    partnership: Option<Box<str>>,
    series: Option<Box<str>>,
}

impl OwnedPostings {
    fn of(event: &Event<'_>) -> OwnedPostings {
        let p = postings(event);
        OwnedPostings {
            institutions: p.institutions.into_iter().map(Into::into).collect(),
            areas: p.areas.iter().map(|a| a.as_str().into()).collect(),
            partnership: p.partnership.map(Into::into),
            series: p.series.map(Into::into),
        }
    }
}

/// The days on which each partnership and MOU may be in force, as an
/// interval index of its own: from the earliest possible start to the last
/// day it may still be in force.
#[derive(Debug, Clone, Default)]
struct ForceIndex {
    slots: Vec<Slot>,
    free: Vec<u32>,
    /// The slot of each partnership (`[0]`) and MOU (`[1]`), by handle.
    owned: [Vec<Option<u32>>; 2],
    run: Run,
}

fn force_kind(kind: EntityKind) -> Option<usize> {
    match kind {
        EntityKind::Partnership => Some(0),
        EntityKind::Mou => Some(1),
        _ => None,
    }
}

/// The last day before `date` can have happened, or the open end.
fn day_before_latest(date: &crate::date::Date) -> i32 {
    match date.latest_day_number() {
        i32::MAX => i32::MAX,
        n => n.saturating_sub(1),
    }
}

/// The days an agreement may be in force: from its earliest possible start
/// through its expiry's latest day, and before its termination's or end's
/// latest day. `None` when no day qualifies.
fn force_slot(reg: &Registry, kind: EntityKind, h: usize) -> Option<Slot> {
    let handle = u32::try_from(h).ok()?;
    let (earliest, latest, event) = match subject_at(reg, kind, handle)? {
        Subject::Partnership(p) => (
            p.established()
                .map_or(i32::MIN, |d| d.earliest_day_number()),
            p.ended().map_or(i32::MAX, day_before_latest),
            EventKind::PartnershipEstablished,
        ),
        Subject::Mou(m) => {
            let expiry = m.expiry().map_or(i32::MAX, |d| d.latest_day_number());
            let termination = m.termination().map_or(i32::MAX, day_before_latest);
            (
                m.start().earliest_day_number(),
                expiry.min(termination),
                EventKind::MouSigned,
            )
        }
        _ => return None,
    };
    (earliest <= latest).then_some(Slot {
        earliest,
        latest,
        kind: event,
        entity: kind,
        handle,
    })
}

impl ForceIndex {
    fn build(reg: &Registry) -> ForceIndex {
        let mut fx = ForceIndex::default();
        for (kind, count) in [
            (EntityKind::Partnership, reg.partnerships().len()),
            (EntityKind::Mou, reg.mous().len()),
        ] {
            for h in 0..count {
                let id = fx.new_slot(reg, kind, h);
                if let Some(owned) = force_kind(kind).and_then(|k| fx.owned.get_mut(k)) {
                    owned.push(id);
                }
            }
        }
        let slots = &fx.slots;
        let mut order: Vec<u32> = fx.owned.iter().flatten().flatten().copied().collect();
        let key = |id: u32| {
            usize::try_from(id)
                .ok()
                .and_then(|i| slots.get(i))
                .map(|s| order_key(reg, s))
        };
        order.sort_by_cached_key(|&id| key(id));
        for id in order {
            if let Some(slot) = usize::try_from(id).ok().and_then(|i| slots.get(i)) {
                fx.run.push(id, slot);
            }
        }
        fx.run.finish();
        fx
    }

    fn new_slot(&mut self, reg: &Registry, kind: EntityKind, h: usize) -> Option<u32> {
        let slot = force_slot(reg, kind, h)?;
        match self.free.pop() {
            Some(id) => {
                let s = usize::try_from(id)
                    .ok()
                    .and_then(|i| self.slots.get_mut(i))?;
                *s = slot;
                Some(id)
            }
            None => {
                let id = u32::try_from(self.slots.len()).ok()?;
                self.slots.push(slot);
                Some(id)
            }
        }
    }

    fn link(&mut self, reg: &Registry, kind: EntityKind, h: usize) {
        let Some(k) = force_kind(kind) else { return };
        let id = self.new_slot(reg, kind, h);
        if let Some(id) = id {
            let slots = &self.slots;
            let key = |x: u32| {
                usize::try_from(x)
                    .ok()
                    .and_then(|i| slots.get(i))
                    .map(|s| order_key(reg, s))
            };
            self.run.insert(id, slots, &|a, b| key(a).cmp(&key(b)));
        }
        if let Some(owned) = self.owned.get_mut(k) {
            if owned.len() <= h {
                owned.resize(h + 1, None);
            }
            if let Some(entry) = owned.get_mut(h) {
                *entry = id;
            }
        }
    }

    fn unlink(&mut self, kind: EntityKind, h: usize) {
        let Some(k) = force_kind(kind) else { return };
        let id = self
            .owned
            .get_mut(k)
            .and_then(|o| o.get_mut(h))
            .and_then(Option::take);
        if let Some(id) = id {
            self.run.remove(id, &self.slots);
            self.free.push(id);
        }
    }

    fn shift(&mut self, kind: EntityKind, h: usize) {
        let Some(owned) = force_kind(kind).and_then(|k| self.owned.get_mut(k)) else {
            return;
        };
        if h < owned.len() {
            owned.remove(h);
        }
        for id in owned.iter().skip(h).flatten() {
            if let Some(s) = usize::try_from(*id)
                .ok()
                .and_then(|i| self.slots.get_mut(i))
            {
                s.handle = s.handle.saturating_sub(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slot(earliest: i32, latest: i32) -> Slot {
        Slot {
            earliest,
            latest,
            kind: EventKind::MeetingHeld,
            entity: EntityKind::Meeting,
            handle: 0,
        }
    }

    /// Runs built by inserts and removes, in any order, with mostly short
    /// spans (so that the block maxima prune), some long and some open.
    fn spans() -> impl Strategy<Value = Vec<(i32, i32, bool)>> {
        let span = prop_oneof![
            6 => (0..2000i32, 0..5i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32, 0..400i32).prop_map(|(a, len)| (a, a + len)),
            1 => (0..2000i32).prop_map(|a| (a, i32::MAX)),
            1 => (0..2000i32).prop_map(|b| (i32::MIN, b)),
        ];
        prop::collection::vec((span, any::<bool>()), 1..700)
            .prop_map(|v| v.into_iter().map(|((a, b), keep)| (a, b, keep)).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_run_kept_up_to_date_by_edits_yields_exactly_the_overlapping_slots_in_order(
            spans in spans(),
            windows in prop::collection::vec((0..2100i32, 0..300i32, any::<bool>(), any::<bool>()), 1..8),
        ) {
            let slots: Vec<Slot> = spans.iter().map(|&(a, b, _)| slot(a, b)).collect();
            let cmp = |a: u32, b: u32| {
                let key = |id: u32| slot_of(&slots, id).map(|s| (s.coarse(), id));
                key(a).cmp(&key(b))
            };
            let mut run = Run::default();
            for id in 0..slots.len() {
                run.insert(u32::try_from(id).unwrap(), &slots, &cmp);
            }
            for (id, &(_, _, keep)) in spans.iter().enumerate() {
                if !keep {
                    run.remove(u32::try_from(id).unwrap(), &slots);
                }
            }
            let mut built = Run::default();
            let mut order: Vec<u32> = (0..slots.len())
                .filter(|&i| spans[i].2)
                .map(|i| u32::try_from(i).unwrap())
                .collect();
            order.sort_by(|&a, &b| cmp(a, b));
            for &id in &order {
                built.push(id, &slots[id as usize]);
            }
            built.finish();
            prop_assert_eq!(&run.levels, &built.levels);
            for &(from, len, certainly, reverse) in &windows {
                let to = from + len;
                let bounds = Bounds {
                    from,
                    to,
                    certainly,
                    sort_from: i32::MIN,
                    sort_to: i32::MAX,
                    reverse,
                };
                let mut got: Vec<u32> = Vec::new();
                for mut cursor in run.cursors(&slots, &bounds) {
                    let walked: Vec<u32> = std::iter::from_fn(|| cursor.next()).collect();
                    let in_order = walked.windows(2).all(|w| {
                        let o = cmp(w[0], w[1]);
                        if reverse { o == Ordering::Greater } else { o == Ordering::Less }
                    });
                    prop_assert!(in_order, "a cursor walked out of order: {:?}", walked);
                    got.extend(walked);
                }
                got.sort_by(|&a, &b| cmp(a, b));
                let want: Vec<u32> = order
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let s = slots[id as usize];
                        // Candidates: the run may yield slots the exact
                        // check then drops, never miss one.
                        s.earliest <= to && s.latest >= from
                    })
                    .collect();
                let exact: Vec<u32> = got
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let s = slots[id as usize];
                        let overlaps = s.earliest <= to && s.latest >= from;
                        let inside = s.earliest >= from && s.latest <= to;
                        overlaps && (!certainly || inside)
                    })
                    .collect();
                let want_exact: Vec<u32> = want
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let s = slots[id as usize];
                        !certainly || (s.earliest >= from && s.latest <= to)
                    })
                    .collect();
                prop_assert_eq!(exact, want_exact);
            }
        }
    }
}
