//! The store: the entities of a dataset in plain vectors, one table per
//! kind, with their key and id maps, and the dataset-level checks that run
//! on the tables (references, cycles, council series).
//!
//! The store sits below the index and the registry: it knows entities, not
//! queries. [`Tables`] is what the index and the checks read; the registry
//! owns one and keeps its indexes in step with it.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use hashbrown::HashTable;
use uuid::Uuid;

use crate::event::Subject;
use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::{Entity, EntityKind, Id, Key};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;

pub(crate) mod check;
pub(crate) mod cycles;

use cycles::Cycles;

/// The entities of one kind, with their key and id maps.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Store<E> {
    items: Vec<E>,
    /// The handle of each item, found by its key's hash: the table holds
    /// handles and hashes only and compares keys in `items`, so no key is
    /// copied, and growing the table reads no key.
    by_key: HashTable<Slot>,
    /// Seeded at random per process so that keys from a hostile file cannot
    /// be chosen to collide.
    hasher: foldhash::fast::RandomState,
    /// Built on the first lookup by id: computing every id (a SHA-1 each)
    /// at load would cost more than most programs ever save by it.
    by_id: OnceLock<FastMap<Uuid, usize>>,
}

/// An entry of a store's key table: a handle and the hash of its key, in 8
/// bytes. A store holds at most `u32::MAX` entities of a kind (more than a
/// terabyte of memory would hold).
#[derive(Debug, Clone, Copy)]
struct Slot {
    handle: u32,
    hash: u32,
}

impl Slot {
    /// The table's hash of a key whose hash is `hash`: the 32 bits place it
    /// (low bits) and tag it (high bits), so a slot can be moved by its
    /// stored hash alone.
    fn table_hash(hash: u32) -> u64 {
        u64::from(hash) | (u64::from(hash) << 32)
    }

    fn handle(self) -> usize {
        // `u32` always fits the `usize` of the platforms pactum builds on.
        usize::try_from(self.handle).unwrap_or(usize::MAX)
    }
}

/// The hash of `key` in a key table: the low half of foldhash's, which
/// mixes every bit into it, of the key's bytes alone (every hash of a table
/// is of a whole key, so the end marker of `str`'s hash is not needed).
fn key_hash(hasher: &foldhash::fast::RandomState, key: &str) -> u32 {
    let mut state = hasher.build_hasher();
    state.write(key.as_bytes());
    state.finish() as u32
}

/// Whether a slot of the key table stands for the entity of `items` whose
/// key is `key`.
fn holds<'a, E: Entity>(items: &'a [E], key: &'a str) -> impl Fn(&Slot) -> bool + 'a {
    move |slot| {
        items
            .get(slot.handle())
            .is_some_and(|e| crate::model::id::same_text(e.key().as_str(), key))
    }
}

/// Why a store refused an entity.
pub(crate) enum Refused<E> {
    /// Another entity has its key.
    Taken(E),
    /// The store holds `u32::MAX` entities already.
    Full(E),
}

impl<E: Entity> Refused<E> {
    /// The problem, as a diagnostic.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        match self {
            Refused::Taken(e) => crate::store::check::duplicate_key(E::KIND, e.key().as_str()),
            Refused::Full(e) => Diagnostic::new(
                Rule::TooLarge,
                Some(E::KIND),
                Some(e.key().as_str()),
                String::new(),
                format!("a registry holds at most {} {}", u32::MAX, E::KIND.plural()),
            ),
        }
    }
}

/// A hash map with a fast hasher, seeded at random per process so that keys
/// from a hostile file cannot be chosen to collide.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

impl<E> Default for Store<E> {
    fn default() -> Self {
        Store {
            items: Vec::new(),
            by_key: HashTable::new(),
            hasher: foldhash::fast::RandomState::default(),
            by_id: OnceLock::new(),
        }
    }
}

impl<E: Entity> Store<E> {
    fn hash(&self, key: &str) -> u32 {
        key_hash(&self.hasher, key)
    }

    fn handle(&self, key: &str) -> Option<usize> {
        self.by_key
            .find(Slot::table_hash(self.hash(key)), holds(&self.items, key))
            .map(|slot| slot.handle())
    }

    /// Appends `entity` unless its key is taken; returns its handle.
    fn push(&mut self, entity: E) -> Result<usize, Refused<E>> {
        let Ok(handle) = u32::try_from(self.items.len()) else {
            return Err(Refused::Full(entity));
        };
        let key = entity.key().as_str();
        let hash = self.hash(key);
        // One probe finds the key or the place for it.
        match self
            .by_key
            .entry(Slot::table_hash(hash), holds(&self.items, key), |slot| {
                Slot::table_hash(slot.hash)
            }) {
            hashbrown::hash_table::Entry::Occupied(_) => return Err(Refused::Taken(entity)),
            hashbrown::hash_table::Entry::Vacant(place) => {
                place.insert(Slot { handle, hash });
            }
        }
        let h = self.items.len();
        if let Some(by_id) = self.by_id.get_mut() {
            by_id.insert(*entity.id().as_uuid(), h);
        }
        self.items.push(entity);
        Ok(h)
    }

    /// Appends every entity of `run` when none takes a key already taken
    /// (by an entity of the store or one before it in the run); otherwise
    /// changes nothing and gives the run back. The run is moved into the
    /// items in one copy, not entity by entity.
    fn push_run(&mut self, mut run: Vec<E>) -> Result<(), Vec<E>> {
        let start = self.items.len();
        if u32::try_from(start + run.len()).is_err() {
            return Err(run);
        }
        let Store {
            items,
            by_key,
            hasher,
            by_id,
        } = self;
        let key_at = |h: usize| match h.checked_sub(start) {
            None => items.get(h).map(|e| e.key().as_str()),
            Some(i) => run.get(i).map(|e| e.key().as_str()),
        };
        let mut taken = None;
        for (i, e) in run.iter().enumerate() {
            let key = e.key().as_str();
            let hash = key_hash(hasher, key);
            let Ok(handle) = u32::try_from(start + i) else {
                taken = Some(i);
                break;
            };
            let same = |slot: &Slot| {
                key_at(slot.handle()).is_some_and(|k| crate::model::id::same_text(k, key))
            };
            match by_key.entry(Slot::table_hash(hash), same, |slot| {
                Slot::table_hash(slot.hash)
            }) {
                hashbrown::hash_table::Entry::Occupied(_) => {
                    taken = Some(i);
                    break;
                }
                hashbrown::hash_table::Entry::Vacant(place) => {
                    place.insert(Slot { handle, hash });
                }
            }
        }
        if let Some(n) = taken {
            // Take back the slots of the entities before the one refused.
            for (i, e) in run.iter().enumerate().take(n) {
                let hash = Slot::table_hash(key_hash(hasher, e.key().as_str()));
                if let Ok(entry) = by_key.find_entry(hash, |slot| slot.handle() == start + i) {
                    entry.remove();
                }
            }
            return Err(run);
        }
        if let Some(by_id) = by_id.get_mut() {
            for (i, e) in run.iter().enumerate() {
                by_id.insert(*e.id().as_uuid(), start + i);
            }
        }
        items.append(&mut run);
        Ok(())
    }

    fn pop(&mut self) -> Option<E> {
        let e = self.items.pop()?;
        let h = self.items.len();
        let hash = Slot::table_hash(self.hash(e.key().as_str()));
        if let Ok(entry) = self.by_key.find_entry(hash, |slot| slot.handle() == h) {
            entry.remove();
        }
        if let Some(by_id) = self.by_id.get_mut() {
            by_id.remove(e.id().as_uuid());
        }
        Some(e)
    }

    /// The handle of the entity with `id`.
    fn handle_of_id(&self, id: &Uuid) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            let mut map = FastMap::default();
            map.reserve(self.items.len());
            for (h, e) in self.items.iter().enumerate() {
                map.insert(*e.id().as_uuid(), h);
            }
            map
        });
        by_id.get(id).copied()
    }

    /// Gives back what the item array and the key table hold beyond their
    /// entities: arrays grown by doubling during a load keep up to half
    /// their size unused.
    fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
        self.by_key
            .shrink_to_fit(|slot| Slot::table_hash(slot.hash));
    }

    /// Keeps the entities for which `keep` is true, in order.
    fn retain(&mut self, mut keep: impl FnMut(&E) -> bool) {
        let items = std::mem::take(&mut self.items);
        self.by_key.clear();
        self.by_id = OnceLock::new();
        for e in items {
            if keep(&e) {
                let _ = self.push(e);
            }
        }
    }

    /// Removes the entity at `h`, keeping the order of the others.
    fn remove(&mut self, h: usize) -> Option<E> {
        if h >= self.items.len() {
            return None;
        }
        let e = self.items.remove(h);
        let hash = Slot::table_hash(self.hash(e.key().as_str()));
        if let Ok(entry) = self.by_key.find_entry(hash, |slot| slot.handle() == h) {
            entry.remove();
        }
        self.by_id = OnceLock::new();
        for slot in self.by_key.iter_mut() {
            if slot.handle() > h {
                slot.handle -= 1;
            }
        }
        Some(e)
    }
}

/// An entity kind held by a [`Registry`](crate::Registry). Sealed:
/// implemented by the seven entity types, each of which also serializes
/// to and deserializes from (through the library's checks) its form in a
/// data file.
pub trait Stored:
    Entity + serde::Serialize + serde::de::DeserializeOwned + Clone + std::fmt::Debug + Send + Sync
{
    #[doc(hidden)]
    fn store(tables: &Tables) -> &Store<Self>;
    #[doc(hidden)]
    fn store_mut(tables: &mut Tables) -> &mut Store<Self>;
    /// What the indexes keep of the entity.
    #[doc(hidden)]
    fn indexed(&self) -> Indexed<'_>;
}

/// Code generic over the entity type, run for an [`EntityKind`] known only
/// at run time (a name read from a file or a command line):
/// [`EntityKind::visit`] calls [`visit`](KindVisitor::visit) with `E`, the
/// type that holds entities of that kind. The visitor carries what the
/// code needs (a registry, a key, an entity's JSON) and gives back its
/// output, as serde's visitors do.
///
/// ```
/// use pactum::{EntityKind, KindVisitor, Registry, Stored};
///
/// /// The JSON form of the entity of a kind with a key, as a data file
/// /// holds it.
/// struct AsJson<'a> {
///     registry: &'a Registry,
///     key: &'a str,
/// }
///
/// impl KindVisitor for AsJson<'_> {
///     type Output = Option<serde_json::Value>;
///     fn visit<E: Stored>(self) -> Self::Output {
///         let entity = self.registry.get::<E>(self.key)?;
///         serde_json::to_value(entity).ok()
///     }
/// }
///
/// let registry = pactum::seed();
/// // A kind named at run time.
/// let name = "partnerships";
/// let kind = EntityKind::ALL.into_iter().find(|k| k.plural() == name).expect("a kind");
/// let json = kind.visit(AsJson { registry: &registry, key: "eu-jp-digital" });
/// assert_eq!(json.expect("a partnership with that key")["name"], "EU-Japan Digital Partnership");
/// assert_eq!(EntityKind::Mou.visit(AsJson { registry: &registry, key: "eu-jp-digital" }), None);
/// ```
pub trait KindVisitor {
    /// What the visit gives back.
    type Output;

    /// Runs the visitor's code with `E`, the entity type of the kind
    /// visited.
    fn visit<E: Stored>(self) -> Self::Output;
}

impl EntityKind {
    /// Runs `visitor` with the entity type that holds entities of this
    /// kind (see [`KindVisitor`]): the one dispatch from a kind known at
    /// run time to the type.
    pub fn visit<V: KindVisitor>(self, visitor: V) -> V::Output {
        match self {
            EntityKind::Source => visitor.visit::<Source>(),
            EntityKind::TechArea => visitor.visit::<TechArea>(),
            EntityKind::Institution => visitor.visit::<Institution>(),
            EntityKind::Partnership => visitor.visit::<Partnership>(),
            EntityKind::Meeting => visitor.visit::<Meeting>(),
            EntityKind::Mou => visitor.visit::<Mou>(),
            EntityKind::Commitment => visitor.visit::<Commitment>(),
        }
    }
}

/// What the indexes keep of an entity: the hierarchy of an institution or
/// an area, the events of a partnership, meeting, MOU or commitment, or
/// nothing (a source). Lets the indexes forget an entity that has left its
/// table, whatever its kind.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Indexed<'a> {
    /// An entity the indexes do not hold.
    Nothing,
    /// An institution, a node of the hierarchy.
    Institution(&'a Institution),
    /// A technology area, a node of the taxonomy.
    TechArea(&'a TechArea),
    /// An entity with events.
    Events(Subject<'a>),
}

macro_rules! stored {
    ($ty:ty, $field:ident, $e:ident => $indexed:expr) => {
        impl Stored for $ty {
            fn store(tables: &Tables) -> &Store<Self> {
                &tables.$field
            }
            fn store_mut(tables: &mut Tables) -> &mut Store<Self> {
                &mut tables.$field
            }
            fn indexed(&self) -> Indexed<'_> {
                let $e = self;
                $indexed
            }
        }
    };
}

/// The seven tables of a dataset: the built-in taxonomy first in the areas,
/// then the dataset's own entities in insertion order.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Tables {
    sources: Store<Source>,
    tech_areas: Store<TechArea>,
    builtin_areas: usize,
    institutions: Store<Institution>,
    partnerships: Store<Partnership>,
    meetings: Store<Meeting>,
    mous: Store<Mou>,
    commitments: Store<Commitment>,
}

stored!(Source, sources, _e => Indexed::Nothing);
stored!(TechArea, tech_areas, e => Indexed::TechArea(e));
stored!(Institution, institutions, e => Indexed::Institution(e));
stored!(Partnership, partnerships, e => Indexed::Events(Subject::Partnership(e)));
stored!(Meeting, meetings, e => Indexed::Events(Subject::Meeting(e)));
stored!(Mou, mous, e => Indexed::Events(Subject::Mou(e)));
stored!(Commitment, commitments, e => Indexed::Events(Subject::Commitment(e)));

impl Tables {
    /// Tables holding only the built-in technology taxonomy.
    pub(crate) fn new() -> Tables {
        let mut tech_areas = Store::default();
        for area in crate::model::taxonomy::builtin() {
            let _ = tech_areas.push(area);
        }
        let builtin_areas = tech_areas.items.len();
        Tables {
            sources: Store::default(),
            tech_areas,
            builtin_areas,
            institutions: Store::default(),
            partnerships: Store::default(),
            meetings: Store::default(),
            mous: Store::default(),
            commitments: Store::default(),
        }
    }

    /// Every entity of kind `E`, in insertion order.
    pub(crate) fn all<E: Stored>(&self) -> &[E] {
        &E::store(self).items
    }

    /// The entity of kind `E` with `key`.
    pub(crate) fn get<E: Stored>(&self, key: &str) -> Option<&E> {
        let store = E::store(self);
        store.handle(key).and_then(|h| store.items.get(h))
    }

    /// The entity of kind `E` with `id`.
    pub(crate) fn get_by_id<E: Stored>(&self, id: Id<E>) -> Option<&E> {
        let store = E::store(self);
        store
            .handle_of_id(id.as_uuid())
            .and_then(|h| store.items.get(h))
    }

    /// The position of the entity of kind `E` with `key`.
    pub(crate) fn handle<E: Stored>(&self, key: &str) -> Option<usize> {
        E::store(self).handle(key)
    }

    /// Gives back the unused capacity of every table (after a load, whose
    /// tables grew by doubling).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.sources.shrink_to_fit();
        self.tech_areas.shrink_to_fit();
        self.institutions.shrink_to_fit();
        self.partnerships.shrink_to_fit();
        self.meetings.shrink_to_fit();
        self.mous.shrink_to_fit();
        self.commitments.shrink_to_fit();
    }

    /// The areas the dataset added to the built-in taxonomy.
    pub(crate) fn dataset_tech_areas(&self) -> &[TechArea] {
        self.tech_areas
            .items
            .get(self.builtin_areas..)
            .unwrap_or_default()
    }

    /// The number of technology areas that are built in.
    pub(crate) fn builtin_area_count(&self) -> usize {
        self.builtin_areas
    }

    /// Appends `entity` unless its key is taken; returns its handle.
    pub(crate) fn push<E: Stored>(&mut self, entity: E) -> Result<usize, Refused<E>> {
        E::store_mut(self).push(entity)
    }

    /// Appends a run of entities of kind `E` when none takes a key already
    /// taken; otherwise changes nothing and gives the run back.
    pub(crate) fn push_run<E: Stored>(&mut self, run: Vec<E>) -> Result<(), Vec<E>> {
        E::store_mut(self).push_run(run)
    }

    /// Removes the entity of kind `E` pushed last.
    pub(crate) fn pop<E: Stored>(&mut self) -> Option<E> {
        E::store_mut(self).pop()
    }

    /// Puts `entity` at `h`, returning what was there.
    pub(crate) fn swap<E: Stored>(&mut self, h: usize, entity: E) -> Result<E, E> {
        match E::store_mut(self).items.get_mut(h) {
            Some(slot) => Ok(std::mem::replace(slot, entity)),
            None => Err(entity),
        }
    }

    /// Removes the entity at `h`, keeping the order of the others.
    pub(crate) fn remove_at<E: Stored>(&mut self, h: usize) -> Option<E> {
        E::store_mut(self).remove(h)
    }

    /// Drops every dataset entity whose kind and key `drop` names. Built-in
    /// areas are kept.
    pub(crate) fn drop_entities(&mut self, drop: &std::collections::HashSet<(EntityKind, String)>) {
        fn keep<E: Entity>(
            drop: &std::collections::HashSet<(EntityKind, String)>,
        ) -> impl FnMut(&E) -> bool + '_ {
            move |e| !drop.contains(&(E::KIND, e.key().as_str().to_owned()))
        }
        self.sources.retain(keep(drop));
        // Built-in areas come first and are kept whatever `drop` says (a
        // rejected dataset area may have tried to reuse a built-in key).
        let builtin = self.builtin_areas;
        let mut dataset_area = keep(drop);
        let mut position = 0;
        self.tech_areas.retain(|area| {
            position += 1;
            position <= builtin || dataset_area(area)
        });
        self.institutions.retain(keep(drop));
        self.partnerships.retain(keep(drop));
        self.meetings.retain(keep(drop));
        self.mous.retain(keep(drop));
        self.commitments.retain(keep(drop));
    }

    /// Whether an entity of `kind` has `key`.
    pub(crate) fn contains_kind_key(&self, kind: EntityKind, key: &str) -> bool {
        struct Has<'a> {
            tables: &'a Tables,
            key: &'a str,
        }
        impl KindVisitor for Has<'_> {
            type Output = bool;
            fn visit<E: Stored>(self) -> bool {
                self.tables.handle::<E>(self.key).is_some()
            }
        }
        kind.visit(Has { tables: self, key })
    }

    /// Replaces the entity with the same key. Returns whether one was found.
    pub(crate) fn replace<E: Stored>(&mut self, entity: E) -> bool {
        let store = E::store_mut(self);
        match store
            .handle(entity.key().as_str())
            .and_then(|h| store.items.get_mut(h))
        {
            Some(slot) => {
                *slot = entity;
                true
            }
            None => false,
        }
    }

    /// Handles of the meetings of a partnership.
    pub(crate) fn meeting_handles_of(&self, partnership: &Key<Partnership>) -> Vec<usize> {
        self.meetings
            .items
            .iter()
            .enumerate()
            .filter(|(_, m)| m.partnership() == Some(partnership))
            .map(|(h, _)| h)
            .collect()
    }

    /// Handles of the meetings in a series.
    pub(crate) fn meeting_handles_in_series<'a>(
        &'a self,
        series: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.meetings
            .items
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.series().is_some_and(|s| s.as_str() == series))
            .map(|(h, _)| h)
    }

    /// A cycle in the institution hierarchy through the institution at `h`,
    /// named (see [`Cycles`]; `None` searches from `h` alone).
    pub(crate) fn institution_cycle(
        &self,
        h: usize,
        cycles: Option<&mut Cycles>,
    ) -> Option<String> {
        cycles::cycle_named(&self.institutions, h, cycles::institution_parent, cycles)
    }

    /// A cycle in the successions between institutions through the
    /// institution at `h`.
    pub(crate) fn succession_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycles::cycle_named(&self.institutions, h, cycles::predecessors, cycles)
    }

    /// A cycle in the taxonomy through the area at `h`.
    pub(crate) fn area_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycles::cycle_named(&self.tech_areas, h, cycles::area_parents, cycles)
    }

    /// A cycle in the relations between MOUs through the MOU at `h`.
    pub(crate) fn relation_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycles::cycle_named(&self.mous, h, cycles::relations, cycles)
    }

    /// The cycles of the institution hierarchy.
    pub(crate) fn institution_cycles(&self) -> Cycles {
        Cycles::of(&self.institutions, cycles::institution_parent)
    }

    /// The cycles of the successions between institutions.
    pub(crate) fn succession_cycles(&self) -> Cycles {
        Cycles::of(&self.institutions, cycles::predecessors)
    }

    /// The cycles of the taxonomy.
    pub(crate) fn area_cycles(&self) -> Cycles {
        Cycles::of(&self.tech_areas, cycles::area_parents)
    }

    /// The cycles of the relations between MOUs.
    pub(crate) fn relation_cycles(&self) -> Cycles {
        Cycles::of(&self.mous, cycles::relations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(key: &str) -> Source {
        Source::builder(key, format!("Source {key}"))
            .build()
            .expect("a valid source")
    }

    /// The key table finds every entity through pushes, pops, removals and
    /// enough growth to move every slot several times, and refuses a key
    /// already taken.
    #[test]
    fn the_key_table_follows_every_edit() {
        let mut store = Store::<Source>::default();
        let keys: Vec<String> = (0..2000).map(|i| format!("s-{i}")).collect();
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(store.push(source(key)).ok(), Some(i));
        }
        assert!(matches!(store.push(source("s-7")), Err(Refused::Taken(_))));
        assert_eq!(
            store.remove(10).map(|e| e.key().as_str().to_owned()),
            Some("s-10".into())
        );
        assert_eq!(
            store.pop().map(|e| e.key().as_str().to_owned()),
            Some("s-1999".into())
        );
        for (i, key) in keys.iter().enumerate() {
            let expected = match i {
                10 | 1999 => None,
                i if i > 10 => Some(i - 1),
                i => Some(i),
            };
            assert_eq!(store.handle(key), expected, "{key}");
        }
        assert_eq!(store.push(source("s-10")).ok(), Some(1998));
        assert_eq!(store.handle("s-10"), Some(1998));
        // No slot outlives its entity.
        assert_eq!(store.by_key.len(), store.items.len());
        assert_eq!(
            store.pop().map(|e| e.key().as_str().to_owned()),
            Some("s-10".into())
        );
        assert_eq!(
            store.remove(0).map(|e| e.key().as_str().to_owned()),
            Some("s-0".into())
        );
        assert_eq!(store.by_key.len(), store.items.len());
        assert_eq!(store.handle("s-1"), Some(0));
    }

    /// A run goes in whole, or, when one of its keys is taken (in the
    /// store or earlier in the run), not at all.
    #[test]
    fn a_run_is_kept_whole_or_not_at_all() {
        let mut store = Store::<Source>::default();
        let run = |keys: &[&str]| keys.iter().map(|k| source(k)).collect::<Vec<_>>();
        assert!(store.push_run(run(&["a", "b", "c"])).is_ok());
        assert_eq!(store.handle("c"), Some(2));
        for refused in [&["d", "e", "b"][..], &["d", "e", "d"], &["a"]] {
            let back = store.push_run(run(refused)).err().map(|r| r.len());
            assert_eq!(back, Some(refused.len()), "{refused:?}");
            assert_eq!(store.items.len(), 3);
            assert_eq!(store.by_key.len(), 3);
            assert_eq!(store.handle("d"), None);
        }
        assert!(store.push_run(run(&["d", "e"])).is_ok());
        assert_eq!(store.handle("e"), Some(4));
        assert_eq!(store.handle("a"), Some(0));
    }

    #[test]
    fn a_full_store_says_so() {
        let refused = Refused::Full(source("s-1"));
        let d = refused.diagnostic();
        assert_eq!(d.rule(), Rule::TooLarge);
        assert_eq!(d.key(), Some("s-1"));
        assert!(d.to_string().contains("at most 4294967295 sources"), "{d}");
    }
}
