//! The posting lists: a [`Run`] of the events of each kind, institution,
//! technology area, partnership and meeting series, so that a filtered
//! query merges a few short runs instead of filtering the timeline.

use std::collections::HashMap;

use super::run::{List, LISTS};
use super::slot::{subject_at, Run, Slot, SUBJECT_KINDS};
use crate::event::{actions_of, EventKind, Subject};
use crate::model::id::Key;
use crate::model::taxonomy::TechArea;
use crate::store::Tables;

/// Maps keyed by text from a file: hashed with a per-process random seed, so
/// a file cannot choose colliding keys.
pub(super) type KeyMap<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

/// The posting lists an event belongs to, as keys.
pub(super) struct PostingKeys<'r> {
    institutions: Vec<&'r str>,
    areas: &'r [Key<TechArea>],
    partnership: Option<&'r str>,
    series: Option<&'r str>,
}

pub(super) fn posting_keys(subject: Subject<'_>) -> PostingKeys<'_> {
    PostingKeys {
        institutions: subject
            .institutions()
            .into_iter()
            .map(Key::as_str)
            .collect(),
        areas: subject.tech_areas(),
        partnership: subject.partnership().map(Key::as_str),
        series: subject.series().map(Key::as_str),
    }
}

/// The items of `items` that no earlier item equals. Lists of keys are
/// short: a linear check keeps each key once, without a set.
fn once<T: PartialEq>(items: &[T]) -> impl Iterator<Item = &T> {
    items
        .iter()
        .enumerate()
        .filter(move |&(i, item)| !items.iter().take(i).any(|x| x == item))
        .map(|(_, item)| item)
}

/// The posting lists: the events of each kind, institution, technology area,
/// partnership and meeting series, each a [`Run`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Postings {
    by_kind: HashMap<EventKind, Run>,
    by_institution: KeyMap<Run>,
    by_area: KeyMap<Run>,
    by_partnership: KeyMap<Run>,
    by_series: KeyMap<Run>,
}

/// The families of posting lists keyed by an entity's keys, in the order
/// of [`Postings::build`]: institutions, areas, partnerships, series.
const FAMILIES: usize = 4;

/// The posting lists of one family, numbered in order of first use, while
/// they are built.
#[derive(Default)]
struct Family<'r> {
    ids: HashMap<&'r str, u32, foldhash::fast::RandomState>,
    runs: Vec<Run>,
}

impl<'r> Family<'r> {
    /// The number of the list of `key`, made empty if there is none yet.
    // Asked for every key of every entity: left out of line (as LLVM leaves
    // it since the build is split in steps), it costs 3% of the index build.
    #[inline(always)]
    fn id(&mut self, key: &'r str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.runs.len()).unwrap_or(u32::MAX);
        self.ids.insert(key, id);
        self.runs.push(Run::default());
        id
    }

    /// The lists that got slots, finished, by key.
    fn into_map(self) -> KeyMap<Run> {
        let mut runs: Vec<Option<Run>> = self.runs.into_iter().map(Some).collect();
        let mut map = KeyMap::default();
        for (key, id) in self.ids {
            let run = usize::try_from(id)
                .ok()
                .and_then(|i| runs.get_mut(i)?.take());
            if let Some(mut run) = run.filter(|r| r.len() > 0) {
                run.finish();
                map.insert(key.into(), run);
            }
        }
        map
    }
}

/// The posting lists of every entity with events, as (family, list)
/// numbers. An entity's lists are the same for all its events, so they are
/// found once per entity; a walk of the timeline then only appends slots.
/// The event of a party action is listed under its agreement's areas and
/// partnership, and under the institution that acted alone.
struct EntityLists {
    /// For each subject kind, `starts[h]..starts[h + 1]` indexes the
    /// (family, list) pairs of the entity at `h` in `pairs`.
    starts: [Vec<usize>; SUBJECT_KINDS.len()],
    pairs: Vec<(usize, u32)>,
    /// For each subject kind, `actors[h] + part` indexes in `actor_lists`
    /// the institution list of the action at `part` of the agreement at
    /// `h`.
    actors: [Vec<usize>; SUBJECT_KINDS.len()],
    actor_lists: Vec<u32>,
}

impl EntityLists {
    /// Numbers the lists of every entity in `families`, walking the stores
    /// in order: entities are read where they lie, not in timeline order.
    fn number<'r>(reg: &'r Tables, families: &mut [Family<'r>; FAMILIES]) -> EntityLists {
        let mut starts: [Vec<usize>; SUBJECT_KINDS.len()] = Default::default();
        let mut actors: [Vec<usize>; SUBJECT_KINDS.len()] = Default::default();
        let mut actor_lists: Vec<u32> = Vec::new();
        let mut pairs: Vec<(usize, u32)> = Vec::new();
        let [institutions, areas, partnerships, series] = families;
        for ((starts, actors), kind) in starts.iter_mut().zip(&mut actors).zip(SUBJECT_KINDS) {
            let mut h = 0;
            while let Some(subject) = u32::try_from(h)
                .ok()
                .and_then(|handle| subject_at(reg, kind, handle))
            {
                starts.push(pairs.len());
                actors.push(actor_lists.len());
                for action in subject.agreement().into_iter().flat_map(actions_of) {
                    actor_lists.push(institutions.id(action.institution().as_str()));
                }
                let keys = posting_keys(subject);
                for &inst in once(&keys.institutions) {
                    pairs.push((0, institutions.id(inst)));
                }
                for area in once(keys.areas) {
                    pairs.push((1, areas.id(area.as_str())));
                }
                if let Some(p) = keys.partnership {
                    pairs.push((2, partnerships.id(p)));
                }
                if let Some(s) = keys.series {
                    pairs.push((3, series.id(s)));
                }
                h += 1;
            }
            starts.push(pairs.len());
        }
        EntityLists {
            starts,
            pairs,
            actors,
            actor_lists,
        }
    }

    /// Calls `f` with each slot of `all`, in order, and every (family,
    /// list) it belongs to.
    fn each(&self, all: &Run, mut f: impl FnMut(Slot, usize, usize)) {
        for &slot in all.items() {
            let Some(k) = SUBJECT_KINDS.iter().position(|&kind| kind == slot.entity()) else {
                continue;
            };
            let h = usize::try_from(slot.handle).unwrap_or(usize::MAX);
            let range = self
                .starts
                .get(k)
                .and_then(|s| Some(*s.get(h)?..*s.get(h + 1)?));
            let pairs = range.and_then(|r| self.pairs.get(r)).unwrap_or(&[]);
            if !slot.kind.is_party_action() {
                for &(family, id) in pairs {
                    f(slot, family, usize::try_from(id).unwrap_or(usize::MAX));
                }
                continue;
            }
            let actor = self
                .actors
                .get(k)
                .and_then(|a| a.get(h))
                .and_then(|&at| self.actor_lists.get(at + usize::from(slot.part)));
            if let Some(&id) = actor {
                f(slot, 0, usize::try_from(id).unwrap_or(usize::MAX));
            }
            for &(family, id) in pairs.iter().filter(|&&(family, _)| family != 0) {
                f(slot, family, usize::try_from(id).unwrap_or(usize::MAX));
            }
        }
    }

    /// Appends each slot of `all` to its lists in `families`, counting
    /// first so that every list is allocated once at its size.
    fn fill(&self, all: &Run, families: &mut [Family<'_>; FAMILIES]) {
        let mut sizes: [Vec<[usize; LISTS]>; FAMILIES] = Default::default();
        for (size, family) in sizes.iter_mut().zip(families.iter()) {
            *size = vec![[0; LISTS]; family.runs.len()];
        }
        self.each(all, |slot, family, id| {
            let list = List::of(&slot) as usize;
            if let Some(n) = sizes
                .get_mut(family)
                .and_then(|s| s.get_mut(id)?.get_mut(list))
            {
                *n += 1;
            }
        });
        for (size, family) in sizes.iter().zip(families.iter_mut()) {
            for (&size, run) in size.iter().zip(&mut family.runs) {
                run.reserve(size);
            }
        }
        self.each(all, |slot, family, id| {
            if let Some(run) = families.get_mut(family).and_then(|f| f.runs.get_mut(id)) {
                run.push(slot);
            }
        });
    }
}

impl Postings {
    /// Sorts the slots of the timeline into posting lists. The timeline is
    /// in order, so every list is too.
    pub(super) fn build(reg: &Tables, all: &Run) -> Postings {
        let mut families: [Family<'_>; FAMILIES] = Default::default();
        EntityLists::number(reg, &mut families).fill(all, &mut families);
        let mut by_kind: HashMap<EventKind, Run> = HashMap::new();
        for &slot in all.items() {
            by_kind.entry(slot.kind).or_default().push(slot);
        }
        for run in by_kind.values_mut() {
            run.finish();
        }
        let [institutions, areas, partnerships, series] = families;
        Postings {
            by_kind,
            by_institution: institutions.into_map(),
            by_area: areas.into_map(),
            by_partnership: partnerships.into_map(),
            by_series: series.into_map(),
        }
    }

    /// Every posting list.
    pub(super) fn runs_mut(&mut self) -> impl Iterator<Item = &mut Run> {
        self.by_kind
            .values_mut()
            .chain(self.by_institution.values_mut())
            .chain(self.by_area.values_mut())
            .chain(self.by_partnership.values_mut())
            .chain(self.by_series.values_mut())
    }

    /// Applies `op` to every run the slot belongs to.
    pub(super) fn post(&mut self, reg: &Tables, slot: Slot, op: impl Fn(&mut Run, Slot)) {
        let Some(subject) = slot.subject(reg) else {
            return;
        };
        let p = posting_keys(subject);
        op(self.by_kind.entry(slot.kind).or_default(), slot);
        for &inst in once(&p.institutions) {
            if let Some(run) = run_for(&mut self.by_institution, inst) {
                op(run, slot);
            }
        }
        for area in once(p.areas) {
            if let Some(run) = run_for(&mut self.by_area, area.as_str()) {
                op(run, slot);
            }
        }
        if let Some(partnership) = p.partnership {
            if let Some(run) = run_for(&mut self.by_partnership, partnership) {
                op(run, slot);
            }
        }
        if let Some(series) = p.series {
            if let Some(run) = run_for(&mut self.by_series, series) {
                op(run, slot);
            }
        }
    }

    /// Removes the slot from every run it belongs to, given its entity's
    /// posting keys; a run left empty goes.
    pub(super) fn unpost(&mut self, slot: &Slot, keys: &PostingKeys<'_>) {
        remove_from(&mut self.by_kind, &slot.kind, slot);
        for &inst in &keys.institutions {
            remove_from(&mut self.by_institution, inst, slot);
        }
        for area in keys.areas {
            remove_from(&mut self.by_area, area.as_str(), slot);
        }
        if let Some(partnership) = keys.partnership {
            remove_from(&mut self.by_partnership, partnership, slot);
        }
        if let Some(series) = keys.series {
            remove_from(&mut self.by_series, series, slot);
        }
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
}

/// The run of `key`, made empty if there is none yet; the key is copied
/// only then.
fn run_for<'m>(map: &'m mut KeyMap<Run>, key: &str) -> Option<&'m mut Run> {
    if !map.contains_key(key) {
        map.insert(key.into(), Run::default());
    }
    map.get_mut(key)
}

/// Removes the slot from the run of `key`, and the run if it is left
/// empty.
fn remove_from<K, Q, S>(map: &mut HashMap<K, Run, S>, key: &Q, slot: &Slot)
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
    S: std::hash::BuildHasher,
{
    let empty = match map.get_mut(key) {
        Some(run) => {
            run.remove_slot(slot);
            run.len() == 0
        }
        None => false,
    };
    if empty {
        map.remove(key);
    }
}
