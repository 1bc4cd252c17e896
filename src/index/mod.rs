//! The indexes behind the timeline queries.
//!
//! Every event of the registry gets a *slot*: its day range, its kind, the
//! entity it belongs to and its shape (whether its date has gaps, or the
//! event lasts several days and the range runs from its earliest start to
//! its latest end). Slots are small (16 bytes) and stored by value in
//! *runs*: the whole timeline, and one run per event kind, institution,
//! technology area, partnership and meeting series (posting lists). Every
//! run keeps its slots in the total order of events, so a query merges a
//! few runs and yields events in order without sorting them, and decides
//! whether an event is in a window from the slot alone: the entity is read
//! only for a date whose candidate days have gaps (a list of alternatives,
//! or a pattern of unspecified digits such as `1971-XX-03`), to tell
//! whether an event of several days is certainly in the window, or for a
//! filter that needs it.
//!
//! The timeline run is built in one pass when the registry is first
//! queried; the posting lists when a query first filters, and the index of
//! the days agreements are in force when that is first asked. Each is kept
//! up to date by every successful insert, update and remove once built.
//!
//! # Layout
//!
//! - `run` (with `run/sort.rs` and `run/tally.rs`): the interval-run
//!   engine. It knows only day numbers and imports nothing of the domain:
//!   runs with block maxima, their cursors and counts, sorting in parts.
//! - `slot`: the event [`Slot`], the item the engine stores, and the
//!   entities slots point to.
//! - `postings`: the posting lists; `force`: the in-force index; `parties`:
//!   the index of what is in force for each institution.
//! - `days`: the day sets behind both in-force indexes, which find the
//!   members of a list that hold a day from a checkpoint near it, so that
//!   a day's answer costs about its size, not the list's.
//! - this file: the [`Index`] the registry keeps, which ties them together.
//!
//! The engine is generic over its item, which it reads through the
//! `Interval` trait: earliest day, latest day, and whether that range is
//! only a hull. `Slot` stays on the domain side with its event kind and
//! entity kind as typed fields, and `slot` names the engine's types at it
//! ([`Run`], [`Cursor`]), so that queries read slots and walk runs as they
//! did; a `Slot` of plain integers inside the engine would have turned
//! every read of `slot.kind` into a conversion. An engine edit that must
//! know what a slot stands for gets that from the caller: the order to
//! insert by and the fields to find a slot by as closures, a renumbering of
//! handles as an in-place edit. All of it is monomorphised, so the hot
//! loops compile as they did when the engine knew only slots.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

mod days;
mod force;
mod parties;
mod postings;
mod run;
mod slot;

pub(crate) use run::Bounds;
pub(crate) use slot::{Agreements, Cursor, Run, Shape, Slot, Subjects};

use force::ForceIndex;
pub(crate) use parties::PartyIndex;
use postings::{posting_keys, KeyMap, Postings};
use run::build_parts;
use slot::{key_ranks, slot_order, slots_of, subject_at, subjects, SUBJECT_KINDS};

use crate::model::country::Country;
use crate::model::id::EntityKind;
use crate::model::institution::Institution;
use crate::model::taxonomy::TechArea;
use crate::store::{Indexed, Tables};

/// The index of a registry's events, with the hierarchies the filters expand.
#[derive(Clone, Default)]
pub(crate) struct Index {
    all: Run,
    postings: OnceLock<Postings>,
    force: OnceLock<ForceIndex>,
    parties: OnceLock<PartyIndex>,
    child_institutions: KeyMap<Vec<Box<str>>>,
    child_areas: KeyMap<Vec<Box<str>>>,
    /// The institutions of each country, and under `None` those recorded
    /// without one.
    institutions_in: HashMap<Option<Country>, Vec<Box<str>>>,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("events", &self.all.len())
            .field("postings", &self.postings.get().is_some())
            .field("in_force", &self.force.get().map(ForceIndex::len))
            .field("parties", &self.parties.get().is_some())
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Builds the timeline of every event of the registry, and the
    /// hierarchies of institutions and areas.
    pub(crate) fn build(reg: &Tables) -> Index {
        // A large registry's keys and slots are sorted in parts, one a
        // thread, then merged.
        Index::build_in(
            reg,
            build_parts(SUBJECT_KINDS.iter().map(|&k| subjects(reg, k)).sum()),
        )
    }

    /// [`Index::build`], sorting in `parts` parts.
    fn build_in(reg: &Tables, parts: usize) -> Index {
        let mut ix = Index {
            all: timeline(reg, parts),
            ..Index::default()
        };
        for inst in reg.all::<Institution>() {
            ix.link_institution(inst);
        }
        for area in reg.all::<TechArea>() {
            ix.link_area(area);
        }
        ix
    }

    /// Builds the posting lists and the in-force index now rather than on
    /// first use.
    pub(crate) fn build_all(&self, reg: &Tables) {
        self.postings(reg);
        self.force(reg);
        self.parties(reg);
    }

    /// The posting lists, built on first use.
    pub(crate) fn postings(&self, reg: &Tables) -> &Postings {
        self.postings
            .get_or_init(|| Postings::build(reg, &self.all))
    }

    /// The index of the days agreements are in force, built on first use.
    pub(crate) fn force(&self, reg: &Tables) -> &ForceIndex {
        self.force.get_or_init(|| ForceIndex::build(reg))
    }

    /// The index of the days agreements are in force for each institution,
    /// built on first use.
    pub(crate) fn parties(&self, reg: &Tables) -> &PartyIndex {
        self.parties
            .get_or_init(|| PartyIndex::build(reg, self.force(reg)))
    }

    /// Indexes the entity of kind `kind` that was just added at `h` or that
    /// replaced the one at `h`.
    pub(crate) fn link(&mut self, reg: &Tables, kind: EntityKind, h: usize) {
        match kind {
            EntityKind::Institution => {
                if let Some(inst) = reg.all::<Institution>().get(h) {
                    self.link_institution(inst);
                }
            }
            EntityKind::TechArea => {
                if let Some(area) = reg.all::<TechArea>().get(h) {
                    self.link_area(area);
                }
            }
            _ => {
                let Some(subject) = u32::try_from(h)
                    .ok()
                    .and_then(|handle| subject_at(reg, kind, handle))
                else {
                    return;
                };
                if let Some(force) = self.force.get_mut() {
                    force.link(reg, kind, h);
                }
                if let Some(parties) = self.parties.get_mut() {
                    parties.link(reg, kind, h);
                }
                let order = slot_order(reg);
                for (slot, _) in slots_of(subject, h) {
                    self.all.insert(slot, &order);
                    if let Some(postings) = self.postings.get_mut() {
                        postings.post(reg, slot, |run, s| run.insert(s, &order));
                    }
                }
            }
        }
    }

    /// Forgets the entity `old` of kind `kind` at `h` (before it is replaced
    /// or removed). Works from `old` alone: its slots are made again from
    /// its dates.
    pub(crate) fn unlink(&mut self, kind: EntityKind, h: usize, old: Indexed<'_>) {
        match old {
            Indexed::Nothing => {}
            Indexed::Institution(inst) => self.unlink_institution(inst),
            Indexed::TechArea(area) => self.unlink_area(area),
            Indexed::Events(subject) => {
                if let Some(force) = self.force.get_mut() {
                    force.unlink(kind, h);
                }
                if let Some(parties) = self.parties.get_mut() {
                    parties.unlink(kind, h, subject);
                }
                for (slot, of) in slots_of(subject, h) {
                    self.all.remove_slot(&slot);
                    if let Some(postings) = self.postings.get_mut() {
                        postings.unpost(&slot, &posting_keys(of));
                    }
                }
            }
        }
    }

    /// Renumbers the entities of kind `kind` after the one at `h` was
    /// removed from its store.
    pub(crate) fn shift(&mut self, kind: EntityKind, h: usize) {
        let Ok(handle) = u32::try_from(h) else { return };
        if let Some(force) = self.force.get_mut() {
            force.shift(kind, handle);
        }
        if let Some(parties) = self.parties.get_mut() {
            parties.shift(kind, handle);
        }
        self.all.shift(kind, handle);
        if let Some(postings) = self.postings.get_mut() {
            for run in postings.runs_mut() {
                run.shift(kind, handle);
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

    /// The run of every event.
    pub(crate) fn all(&self) -> &Run {
        &self.all
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

    /// The institutions of a country or bloc, or with `None` those recorded
    /// without a country.
    pub(crate) fn institutions_in(&self, country: Option<Country>) -> &[Box<str>] {
        self.institutions_in
            .get(&country)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The run of every event of the registry, its slots sorted in `parts`
/// parts, each on a thread, and merged.
fn timeline(reg: &Tables, parts: usize) -> Run {
    let parts = parts.max(1);
    // Each slot with its whole order key as one number: the entity's key
    // enters as its position in key order, so the sort compares numbers
    // only.
    let ranks = SUBJECT_KINDS.map(|kind| (kind, key_ranks(reg, kind, parts)));
    let part = |p: usize| {
        let mut order: Vec<(u128, Slot)> = Vec::new();
        for (kind, ranks) in &ranks {
            let n = ranks.len();
            let (from, to) = (n * p / parts, n * (p + 1) / parts);
            order.reserve((to - from) * 2);
            for (h, &key_rank) in ranks.iter().enumerate().take(to).skip(from) {
                let Some(subject) = u32::try_from(h)
                    .ok()
                    .and_then(|handle| subject_at(reg, *kind, handle))
                else {
                    continue;
                };
                order.extend(slots_of(subject, h).map(|(s, _)| (s.full_rank(key_rank), s)));
            }
        }
        order.sort_unstable_by_key(|&(rank, _)| rank);
        order
    };
    // No two slots share an order key: an entity has one event a kind,
    // and a party action its own place among its agreement's.
    Run::from_sorted(crate::threads::in_parts(parts, "pactum-index", part))
}

/// The key and the keys of every entity under it, the key first, each
/// once, given each key's children.
fn descendants<'a>(children: &'a KeyMap<Vec<Box<str>>>, root: &'a str) -> Vec<&'a str> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn an_index_debugs_as_its_sizes_and_what_it_has_built() {
        let index = Index::build_in(&Tables::new(), 1);
        assert_eq!(
            format!("{index:?}"),
            "Index { events: 0, postings: false, in_force: None, parties: false, .. }"
        );
        // Built now rather than on first use: every lazy part is there.
        index.build_all(&Tables::new());
        assert_eq!(
            format!("{index:?}"),
            "Index { events: 0, postings: true, in_force: Some(0), parties: true, .. }"
        );
    }

    /// The timeline and the key order come out the same whether sorted
    /// whole or in parts (as a large registry's are, one a thread): keys
    /// that share their first eight bytes, dates of every shape.
    #[test]
    fn a_timeline_built_in_parts_is_the_one_built_whole() {
        use crate::model::institution::{Institution, InstitutionKind};
        use crate::model::meeting::{Meeting, MeetingKind, MeetingStatus};
        let mut reg = Tables::new();
        let gov = Institution::builder("kr-gov", "Gov", InstitutionKind::Government, "KR")
            .build()
            .expect("valid");
        assert!(reg.push(gov).is_ok());
        let dates = [
            "2023",
            "2023-06",
            "2023-06-12",
            "[..2023-08-06]",
            "[2023-09-01..]",
            "[2023-06-23,2023-06-30]",
            "2024-02-29",
            "2023-06-12~",
        ];
        for i in 0..300 {
            let key = format!("meeting-of-the-council-{:03}", (i * 7919) % 300);
            let date = Date::parse(dates[i % dates.len()]).expect("a date");
            let meeting =
                Meeting::builder(key, "M", MeetingKind::Conference, date, MeetingStatus::Held)
                    .participant("kr-gov")
                    .build()
                    .expect("valid");
            assert!(reg.push(meeting).is_ok());
        }
        let whole = Index::build_in(&reg, 1);
        assert_eq!(whole.all.len(), 300);
        for parts in 0..=5 {
            let split = Index::build_in(&reg, parts);
            assert_eq!(split.all, whole.all, "{parts} parts");
        }
        let keys: Vec<&str> = reg
            .all::<Meeting>()
            .iter()
            .map(|m| m.key().as_str())
            .collect();
        for parts in 0..=5 {
            let ranks = key_ranks(&reg, EntityKind::Meeting, parts);
            let mut each_once = ranks.clone();
            each_once.sort_unstable();
            assert!(each_once.iter().copied().eq(0..300), "{parts} parts");
            let mut by_rank: Vec<(u32, &str)> =
                ranks.iter().copied().zip(keys.iter().copied()).collect();
            by_rank.sort_unstable();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            let in_rank_order: Vec<&str> = by_rank.iter().map(|&(_, k)| k).collect();
            assert_eq!(in_rank_order, sorted, "{parts} parts");
        }
    }
}
