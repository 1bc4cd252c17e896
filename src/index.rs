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

/// The slots of a subset of events, in the total order, with block maxima.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    /// Slots with a known start, by earliest day (the total order).
    closed: Vec<u32>,
    /// Slots with an open start, by latest day (the total order).
    open: Vec<u32>,
    /// `levels[l][b]`: the greatest latest day among the closed slots
    /// `b * BLOCK^(l+1) .. (b+1) * BLOCK^(l+1)`.
    levels: Vec<Vec<i32>>,
}

impl Run {
    /// The number of events in the run.
    pub(crate) fn len(&self) -> usize {
        self.closed.len() + self.open.len()
    }

    fn list_mut(&mut self, slot: &Slot) -> &mut Vec<u32> {
        if slot.open_start() {
            &mut self.open
        } else {
            &mut self.closed
        }
    }

    /// Appends a slot that comes after every slot of the run.
    fn push(&mut self, id: u32, slot: &Slot) {
        self.list_mut(slot).push(id);
    }

    /// Rebuilds the block maxima of the closed slots.
    fn finish(&mut self, slots: &[Slot]) {
        self.levels.clear();
        let latest = |id: &u32| {
            usize::try_from(*id)
                .ok()
                .and_then(|i| slots.get(i))
                .map_or(i32::MAX, |s| s.latest)
        };
        let mut below: Vec<i32> = self
            .closed
            .chunks(BLOCK)
            .map(|c| c.iter().map(latest).max().unwrap_or(i32::MIN))
            .collect();
        while below.len() > 1 {
            let up: Vec<i32> = below
                .chunks(BLOCK)
                .map(|c| c.iter().copied().max().unwrap_or(i32::MIN))
                .collect();
            self.levels.push(below);
            below = up;
        }
        self.levels.push(below);
    }

    /// Inserts a slot at its place in the total order.
    fn insert(&mut self, id: u32, slots: &[Slot], cmp: &impl Fn(u32, u32) -> Ordering) {
        let Some(slot) = usize::try_from(id).ok().and_then(|i| slots.get(i)) else {
            return;
        };
        let list = self.list_mut(slot);
        let at = list.partition_point(|&other| cmp(other, id) == Ordering::Less);
        list.insert(at, id);
        if !slot.open_start() {
            self.finish(slots);
        }
    }

    /// Removes a slot, found by its cached order fields.
    fn remove(&mut self, id: u32, slots: &[Slot]) {
        let Some(slot) = usize::try_from(id).ok().and_then(|i| slots.get(i)) else {
            return;
        };
        let target = slot.coarse();
        let coarse = |other: &u32| {
            usize::try_from(*other)
                .ok()
                .and_then(|i| slots.get(i))
                .map(Slot::coarse)
        };
        let list = self.list_mut(slot);
        let from = list.partition_point(|other| coarse(other).is_some_and(|c| c < target));
        let found = list
            .get(from..)
            .and_then(|rest| rest.iter().position(|&other| other == id));
        if let Some(offset) = found {
            list.remove(from + offset);
            if !slot.open_start() {
                self.finish(slots);
            }
        }
    }

    /// The cursors that walk the run's candidates for `bounds`: one over the
    /// slots with a known start, one over those with an open start.
    pub(crate) fn cursors<'i>(&'i self, slots: &[Slot], bounds: &Bounds) -> [Cursor<'i>; 2] {
        let sort = |id: &u32| {
            usize::try_from(*id)
                .ok()
                .and_then(|i| slots.get(i))
                .map_or(i32::MAX, Slot::sort)
        };
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
            lo: self.closed.partition_point(|id| sort(id) < lo),
            hi: self.closed.partition_point(|id| sort(id) <= hi),
            reach: bounds.from,
            reverse: bounds.reverse,
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
                lo: self.open.partition_point(|id| sort(id) < lo),
                hi: self.open.partition_point(|id| sort(id) <= hi),
                reach: i32::MIN,
                reverse: bounds.reverse,
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
    list: &'i [u32],
    levels: &'i [Vec<i32>],
    lo: usize,
    hi: usize,
    reach: i32,
    reverse: bool,
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
        }
    }

    /// Whether the block of level `level` holding position `i` has no slot
    /// reaching `reach`; returns the block's first and one-past-last position.
    fn dead_block(&self, level: usize, i: usize) -> Option<(usize, usize)> {
        let width = BLOCK.checked_pow(u32::try_from(level + 1).ok()?)?;
        let b = i / width;
        let max = *self.levels.get(level)?.get(b)?;
        (max < self.reach).then(|| (b * width, (b + 1).saturating_mul(width)))
    }

    fn latest_at(&self, i: usize, slots: &[Slot]) -> i32 {
        self.list
            .get(i)
            .and_then(|&id| usize::try_from(id).ok())
            .and_then(|id| slots.get(id))
            .map_or(i32::MIN, |s| s.latest)
    }

    /// The next slot in walking order.
    pub(crate) fn next(&mut self, slots: &[Slot]) -> Option<u32> {
        let skipping = self.reach != i32::MIN;
        if self.reverse {
            'down: while self.hi > self.lo {
                let j = self.hi - 1;
                if skipping {
                    for level in (0..self.levels.len()).rev() {
                        if let Some((start, _)) = self.dead_block(level, j) {
                            self.hi = start.max(self.lo);
                            continue 'down;
                        }
                    }
                }
                self.hi = j;
                if !skipping || self.latest_at(j, slots) >= self.reach {
                    return self.list.get(j).copied();
                }
            }
        } else {
            'up: while self.lo < self.hi {
                let i = self.lo;
                if skipping {
                    for level in (0..self.levels.len()).rev() {
                        if let Some((_, end)) = self.dead_block(level, i) {
                            self.lo = end.min(self.hi);
                            continue 'up;
                        }
                    }
                }
                self.lo = i + 1;
                if !skipping || self.latest_at(i, slots) >= self.reach {
                    return self.list.get(i).copied();
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
        order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        for id in order {
            ix.post(reg, id, |run, id, slot, _| run.push(id, slot));
        }
        let slots = &ix.slots;
        ix.all.finish(slots);
        for run in ix
            .by_kind
            .values_mut()
            .chain(ix.by_institution.values_mut())
            .chain(ix.by_area.values_mut())
            .chain(ix.by_partnership.values_mut())
            .chain(ix.by_series.values_mut())
        {
            run.finish(slots);
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
        let mut seen: HashSet<&str> = HashSet::new();
        for inst in p.institutions {
            if seen.insert(inst) {
                op(
                    self.by_institution.entry(inst.into()).or_default(),
                    id,
                    slot,
                    slots,
                );
            }
        }
        seen.clear();
        for area in p.areas {
            if seen.insert(area.as_str()) {
                op(
                    self.by_area.entry(area.as_str().into()).or_default(),
                    id,
                    slot,
                    slots,
                );
            }
        }
        if let Some(partnership) = p.partnership {
            op(
                self.by_partnership.entry(partnership.into()).or_default(),
                id,
                slot,
                slots,
            );
        }
        if let Some(series) = p.series {
            op(
                self.by_series.entry(series.into()).or_default(),
                id,
                slot,
                slots,
            );
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
            .flat_map(move |mut cursor| std::iter::from_fn(move || cursor.next(slots)))
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
        order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        for id in order {
            if let Some(slot) = usize::try_from(id).ok().and_then(|i| slots.get(i)) {
                fx.run.push(id, slot);
            }
        }
        fx.run.finish(&fx.slots);
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
