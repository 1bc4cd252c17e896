//! The registry: every entity of a dataset, validated together.
//!
//! Entities live in plain vectors in insertion order (a loaded file's order);
//! keys and ids map to positions. Every edit is atomic: it validates fully,
//! then applies, or returns a [`ValidationError`] and leaves the registry
//! exactly as it was.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::HashTable;

use uuid::Uuid;

use crate::commitment::Commitment;
use crate::diagnostic::{Diagnostic, Rule, ValidationError};
use crate::id::{Entity, EntityKind, Id, Key};
use crate::index::Index;
use crate::institution::Institution;
use crate::meeting::Meeting;
use crate::mou::Mou;
use crate::partnership::Partnership;
use crate::source::Source;
use crate::taxonomy::TechArea;
use crate::validate::{check_registry, Scope};

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

/// Whether a slot of the key table stands for the entity of `items` whose
/// key is `key`.
fn holds<'a, E: Entity>(items: &'a [E], key: &'a str) -> impl Fn(&Slot) -> bool + 'a {
    move |slot| {
        items
            .get(slot.handle())
            .is_some_and(|e| e.key().as_str() == key)
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
            Refused::Taken(e) => crate::validate::duplicate_key(E::KIND, e.key().as_str()),
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
        // The low half of the hash: foldhash mixes every bit into it.
        self.hasher.hash_one(key) as u32
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

/// An entity kind held by a [`Registry`]. Sealed: implemented by the seven
/// entity types.
pub trait Stored: Entity {
    #[doc(hidden)]
    fn store(reg: &Registry) -> &Store<Self>;
    #[doc(hidden)]
    fn store_mut(reg: &mut Registry) -> &mut Store<Self>;
}

macro_rules! stored {
    ($ty:ty, $field:ident) => {
        impl Stored for $ty {
            fn store(reg: &Registry) -> &Store<Self> {
                &reg.$field
            }
            fn store_mut(reg: &mut Registry) -> &mut Store<Self> {
                &mut reg.$field
            }
        }
    };
}

/// Every entity of a dataset, validated together: sources, technology areas
/// (the built-in taxonomy plus the dataset's own), institutions,
/// partnerships, meetings, MOUs and commitments.
///
/// A registry only ever holds valid data: every reference resolves and every
/// invariant holds. Build one from a file ([`Registry::from_json_str`]), from
/// the embedded seed dataset ([`crate::seed`]), or entity by entity with
/// [`Registry::insert`].
#[derive(Debug, Clone)]
pub struct Registry {
    sources: Store<Source>,
    tech_areas: Store<TechArea>,
    builtin_areas: usize,
    institutions: Store<Institution>,
    partnerships: Store<Partnership>,
    meetings: Store<Meeting>,
    mous: Store<Mou>,
    commitments: Store<Commitment>,
    /// The query indexes: built on the first query, then kept up to date by
    /// every successful edit.
    index: OnceLock<Index>,
}

stored!(Source, sources);
stored!(TechArea, tech_areas);
stored!(Institution, institutions);
stored!(Partnership, partnerships);
stored!(Meeting, meetings);
stored!(Mou, mous);
stored!(Commitment, commitments);

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// An empty registry holding only the built-in technology taxonomy.
    pub fn new() -> Registry {
        let mut tech_areas = Store::default();
        for area in crate::taxonomy::builtin() {
            let _ = tech_areas.push(area);
        }
        let builtin_areas = tech_areas.items.len();
        Registry {
            sources: Store::default(),
            tech_areas,
            builtin_areas,
            institutions: Store::default(),
            partnerships: Store::default(),
            meetings: Store::default(),
            mous: Store::default(),
            commitments: Store::default(),
            index: OnceLock::new(),
        }
    }

    /// Builds every query index now rather than on first use, so that a
    /// server pays for it at load, not on its first requests. Without it,
    /// the first query builds the timeline, the first filtered query (by
    /// institution, area, partnership, series or kind) the posting lists,
    /// and the first [`in_force_on`](Registry::in_force_on) the index of
    /// terms. Later edits keep what is built up to date; calling it again
    /// does nothing.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// registry.build_indexes();
    /// assert!(registry.timeline().run()?.next().is_some());
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn build_indexes(&self) {
        self.index().build_all(self);
    }

    /// The query indexes, built on first use.
    pub(crate) fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self))
    }

    /// Applies an edit to the indexes, if they are built.
    fn reindex(&mut self, edit: impl FnOnce(&mut Index, &Registry)) {
        if let Some(mut index) = self.index.take() {
            edit(&mut index, self);
            let _ = self.index.set(index);
        }
    }

    /// The number of entities in the dataset, not counting the built-in
    /// technology areas.
    pub fn len(&self) -> usize {
        self.sources().len()
            + self.dataset_tech_areas().len()
            + self.institutions().len()
            + self.partnerships().len()
            + self.meetings().len()
            + self.mous().len()
            + self.commitments().len()
    }

    /// Whether the dataset has no entities of its own.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entity of kind `E`, in insertion order.
    pub fn all<E: Stored>(&self) -> &[E] {
        &E::store(self).items
    }

    /// The entity of kind `E` with `key`.
    pub fn get<E: Stored>(&self, key: &str) -> Option<&E> {
        let store = E::store(self);
        store.handle(key).and_then(|h| store.items.get(h))
    }

    /// The entity of kind `E` with `id`.
    pub fn get_by_id<E: Stored>(&self, id: Id<E>) -> Option<&E> {
        let store = E::store(self);
        store
            .handle_of_id(id.as_uuid())
            .and_then(|h| store.items.get(h))
    }

    /// Whether an entity of kind `E` has `key`.
    pub fn contains_key<E: Stored>(&self, key: &str) -> bool {
        E::store(self).handle(key).is_some()
    }

    /// Every source.
    pub fn sources(&self) -> &[Source] {
        self.all()
    }
    /// Every technology area: the built-in taxonomy, then the dataset's own.
    pub fn tech_areas(&self) -> &[TechArea] {
        self.all()
    }
    /// The areas the dataset added to the built-in taxonomy.
    pub fn dataset_tech_areas(&self) -> &[TechArea] {
        self.tech_areas
            .items
            .get(self.builtin_areas..)
            .unwrap_or_default()
    }
    /// Every institution.
    pub fn institutions(&self) -> &[Institution] {
        self.all()
    }
    /// Every partnership.
    pub fn partnerships(&self) -> &[Partnership] {
        self.all()
    }
    /// Every meeting.
    pub fn meetings(&self) -> &[Meeting] {
        self.all()
    }
    /// Every MOU.
    pub fn mous(&self) -> &[Mou] {
        self.all()
    }
    /// Every commitment.
    pub fn commitments(&self) -> &[Commitment] {
        self.all()
    }

    /// The source with `key`.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.get(key)
    }
    /// The technology area with `key`.
    pub fn tech_area(&self, key: &str) -> Option<&TechArea> {
        self.get(key)
    }
    /// The institution with `key`.
    pub fn institution(&self, key: &str) -> Option<&Institution> {
        self.get(key)
    }
    /// The partnership with `key`.
    pub fn partnership(&self, key: &str) -> Option<&Partnership> {
        self.get(key)
    }
    /// The meeting with `key`.
    pub fn meeting(&self, key: &str) -> Option<&Meeting> {
        self.get(key)
    }
    /// The MOU with `key`.
    pub fn mou(&self, key: &str) -> Option<&Mou> {
        self.get(key)
    }
    /// The commitment with `key`.
    pub fn commitment(&self, key: &str) -> Option<&Commitment> {
        self.get(key)
    }

    /// Adds an entity after checking every invariant it touches.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when the key is taken, a reference does not
    /// resolve, or an invariant breaks (a session number taken, a meeting
    /// before its partnership's start); the registry is left unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Institution, InstitutionKind, Registry, Rule};
    ///
    /// let mut reg = Registry::new();
    /// reg.insert(Institution::builder("kr-gov", "Government of the Republic of Korea", InstitutionKind::Government, "KR").build()?)?;
    /// let orphan = Institution::builder("kr-msit", "Ministry of Science and ICT", InstitutionKind::Ministry, "KR")
    ///     .parent("kr-gvo")
    ///     .build()?;
    /// let err = reg.insert(orphan).unwrap_err();
    /// assert_eq!(err.diagnostics()[0].rule(), Rule::DanglingReference);
    /// assert_eq!(reg.institutions().len(), 1);
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn insert<E: Stored>(&mut self, entity: E) -> Result<Id<E>, ValidationError> {
        let id = entity.id();
        let h = match E::store_mut(self).push(entity) {
            Ok(h) => h,
            Err(refused) => return Err(ValidationError::new(vec![refused.diagnostic()])),
        };
        let problems = check_registry(self, Scope::Entities(E::KIND, &[h]), &|_, _| String::new());
        if problems.is_empty() {
            self.reindex(|index, reg| index.link(reg, E::KIND, h));
            Ok(id)
        } else {
            E::store_mut(self).pop();
            Err(ValidationError::new(problems))
        }
    }

    /// Replaces the entity with the same key, returning the old one.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when no entity has the key, or the new version
    /// breaks an invariant; the registry is left unchanged.
    pub fn update<E: Stored>(&mut self, entity: E) -> Result<E, ValidationError> {
        let key = entity.key().as_str().to_owned();
        let Some(h) = E::store(self).handle(&key) else {
            return Err(not_found::<E>(&key));
        };
        let Some(slot) = E::store_mut(self).items.get_mut(h) else {
            return Err(not_found::<E>(&key));
        };
        let old = std::mem::replace(slot, entity);
        let problems = check_registry(self, Scope::Entities(E::KIND, &[h]), &|_, _| String::new());
        if problems.is_empty() {
            self.reindex(|index, reg| {
                index.unlink(E::KIND, h, &old);
                index.link(reg, E::KIND, h);
            });
            Ok(old)
        } else {
            if let Some(slot) = E::store_mut(self).items.get_mut(h) {
                *slot = old;
            }
            Err(ValidationError::new(problems))
        }
    }

    /// Removes the entity with `key`, returning it.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] when no entity has the key, when other entities
    /// refer to it (every referrer is listed), or when it is a built-in
    /// technology area; the registry is left unchanged.
    pub fn remove<E: Stored>(&mut self, key: &str) -> Result<E, ValidationError> {
        let Some(h) = E::store(self).handle(key) else {
            return Err(not_found::<E>(key));
        };
        if E::KIND == EntityKind::TechArea && h < self.builtin_areas {
            return Err(ValidationError::new(vec![Diagnostic::new(
                Rule::StillReferenced,
                Some(E::KIND),
                Some(key),
                "",
                "a built-in technology area cannot be removed",
            )]));
        }
        let referrers = crate::validate::referrers(self, E::KIND, key);
        if !referrers.is_empty() {
            return Err(ValidationError::new(
                referrers
                    .into_iter()
                    .map(|(kind, by, path)| {
                        Diagnostic::new(
                            Rule::StillReferenced,
                            Some(E::KIND),
                            Some(key),
                            "",
                            format!("still referenced by {kind} {by:?} at {path}"),
                        )
                    })
                    .collect(),
            ));
        }
        let removed = E::store_mut(self)
            .remove(h)
            .ok_or_else(|| not_found::<E>(key))?;
        self.reindex(|index, _| {
            index.unlink(E::KIND, h, &removed);
            index.shift(E::KIND, h);
        });
        Ok(removed)
    }

    /// The number of technology areas that are built in.
    pub(crate) fn builtin_area_count(&self) -> usize {
        self.builtin_areas
    }

    /// Appends without checks; the loader validates everything afterwards.
    pub(crate) fn push_unchecked<E: Stored>(&mut self, entity: E) -> Result<usize, Refused<E>> {
        // The indexes are built again on the next query.
        self.index = OnceLock::new();
        E::store_mut(self).push(entity)
    }

    /// Drops every dataset entity whose kind and key `drop` names, without
    /// checks (the caller checks the rest). Built-in areas are kept.
    pub(crate) fn drop_unchecked(
        &mut self,
        drop: &std::collections::HashSet<(EntityKind, String)>,
    ) {
        fn keep<E: Entity>(
            drop: &std::collections::HashSet<(EntityKind, String)>,
        ) -> impl FnMut(&E) -> bool + '_ {
            move |e| !drop.contains(&(E::KIND, e.key().as_str().to_owned()))
        }
        // The indexes are built again on the next query.
        self.index = OnceLock::new();
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
        match kind {
            EntityKind::Source => self.contains_key::<Source>(key),
            EntityKind::TechArea => self.contains_key::<TechArea>(key),
            EntityKind::Institution => self.contains_key::<Institution>(key),
            EntityKind::Partnership => self.contains_key::<Partnership>(key),
            EntityKind::Meeting => self.contains_key::<Meeting>(key),
            EntityKind::Mou => self.contains_key::<Mou>(key),
            EntityKind::Commitment => self.contains_key::<Commitment>(key),
        }
    }

    /// Replaces the entity with the same key, without checks (the caller
    /// checks the whole registry afterwards). Returns whether one was found.
    pub(crate) fn replace_unchecked<E: Stored>(&mut self, entity: E) -> bool {
        // The indexes are built again on the next query.
        self.index = OnceLock::new();
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

    /// Keys of kind `E` close to `key`, for "did you mean" hints.
    pub(crate) fn suggest<E: Stored>(&self, key: &str) -> Option<&str> {
        let store = E::store(self);
        // Bounded work: a suggestion is a courtesy, not worth a scan of a
        // very large store for every dangling reference.
        if store.items.len() > 50_000 {
            return None;
        }
        store
            .items
            .iter()
            .map(|e| (strsim::levenshtein(key, e.key().as_str()), e.key().as_str()))
            .filter(|&(d, k)| d <= 2.max(k.len() / 4))
            .min()
            .map(|(_, k)| k)
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
        cycle_named(&self.institutions, h, institution_parent, cycles)
    }

    /// A cycle in the successions between institutions through the
    /// institution at `h`.
    pub(crate) fn succession_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycle_named(&self.institutions, h, predecessors, cycles)
    }

    /// A cycle in the taxonomy through the area at `h`.
    pub(crate) fn area_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycle_named(&self.tech_areas, h, area_parents, cycles)
    }

    /// A cycle in the relations between MOUs through the MOU at `h`.
    pub(crate) fn relation_cycle(&self, h: usize, cycles: Option<&mut Cycles>) -> Option<String> {
        cycle_named(&self.mous, h, relations, cycles)
    }

    /// The cycles of the institution hierarchy.
    pub(crate) fn institution_cycles(&self) -> Cycles {
        Cycles::of(&self.institutions, institution_parent)
    }

    /// The cycles of the successions between institutions.
    pub(crate) fn succession_cycles(&self) -> Cycles {
        Cycles::of(&self.institutions, predecessors)
    }

    /// The cycles of the taxonomy.
    pub(crate) fn area_cycles(&self) -> Cycles {
        Cycles::of(&self.tech_areas, area_parents)
    }

    /// The cycles of the relations between MOUs.
    pub(crate) fn relation_cycles(&self) -> Cycles {
        Cycles::of(&self.mous, relations)
    }
}

fn institution_parent(e: &Institution, link: &mut dyn FnMut(&str)) {
    if let Some(p) = e.parent() {
        link(p.as_str());
    }
}

fn predecessors(e: &Institution, link: &mut dyn FnMut(&str)) {
    for s in e.predecessors() {
        link(s.institution().as_str());
    }
}

fn area_parents(e: &TechArea, link: &mut dyn FnMut(&str)) {
    for p in e.parents() {
        link(p.as_str());
    }
}

fn relations(e: &Mou, link: &mut dyn FnMut(&str)) {
    for r in e.relations() {
        link(r.mou().as_str());
    }
}

/// The state of a search for strongly connected components.
struct Tarjan {
    /// The order in which each entity was reached.
    index: Vec<u32>,
    /// The least order reached from each entity while it is on the stack.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The depth-first path: each entity with the position of its next
    /// link.
    path: Vec<(u32, usize)>,
    counter: u32,
}

impl Tarjan {
    /// Reaches `v`, whose links start at `first`.
    fn visit(&mut self, v: u32, first: usize) {
        let i = v as usize;
        if let (Some(index), Some(low), Some(on)) = (
            self.index.get_mut(i),
            self.low.get_mut(i),
            self.on_stack.get_mut(i),
        ) {
            (*index, *low, *on) = (self.counter, self.counter, true);
        }
        self.counter += 1;
        self.stack.push(v);
        self.path.push((v, first));
    }

    /// Lowers the least order reached from `v` to `order`.
    fn lower(&mut self, v: u32, order: u32) {
        if let Some(low) = self.low.get_mut(v as usize) {
            *low = (*low).min(order);
        }
    }
}

/// The entities of one kind that lie on a cycle of their links, by the
/// strongly connected component they are in, and one cycle of each
/// component once it is asked for: every entity on a cycle is named with
/// one, and the whole takes time linear in the entities and links, where a
/// search from each entity of a long cycle would take its square.
#[derive(Debug, Default)]
pub(crate) struct Cycles {
    /// The component of each entity on a cycle, by handle; [`NONE`] for
    /// the others.
    component: Vec<u32>,
    /// One cycle of each component asked about, in link order.
    found: HashMap<u32, Vec<usize>>,
    /// The place of each entity on its component's found cycle, by handle;
    /// [`NONE`] off it.
    place: Vec<u32>,
}

/// No component, no place.
const NONE: u32 = u32::MAX;

impl Cycles {
    /// The component of the entity at `h`, if it lies on a cycle.
    fn component(&self, h: usize) -> Option<u32> {
        self.component.get(h).copied().filter(|&c| c != NONE)
    }

    /// The entities on a cycle of the links `links` names, with their
    /// components: an entity is on one when its strongly connected
    /// component has more than one entity, or when it links to itself.
    /// Linear in entities and links (Tarjan's algorithm, iterative so that
    /// a deep chain cannot overflow the stack); only entities with links
    /// take part, numbered apart, so that a large store with few links
    /// costs little.
    fn of<E: Entity>(store: &Store<E>, links: Links<E>) -> Cycles {
        let n = store.items.len();
        let mut on = vec![NONE; n];
        let components = components(store, links, &mut on);
        Cycles {
            component: on,
            found: HashMap::with_capacity(components),
            place: vec![NONE; if components == 0 { 0 } else { n }],
        }
    }
}

/// Numbers, in `on`, the strongly connected components of the links that
/// hold a cycle (see [`Cycles::of`]), and returns how many there are.
fn components<E: Entity>(store: &Store<E>, links: Links<E>, on: &mut [u32]) -> usize {
    let n = store.items.len();
    let mut count = 0;
    // The entities with links, their handles, and the links among them as
    // lists of their numbers.
    let mut number = vec![NONE; n];
    let mut handles: Vec<usize> = Vec::new();
    for (h, e) in store.items.iter().enumerate() {
        let mut any = false;
        links(e, &mut |_| any = true);
        if let (true, Some(slot)) = (any, number.get_mut(h)) {
            *slot = u32::try_from(handles.len()).unwrap_or(NONE);
            handles.push(h);
        }
    }
    let mut starts: Vec<usize> = Vec::with_capacity(handles.len() + 1);
    let mut targets: Vec<u32> = Vec::new();
    for &h in &handles {
        starts.push(targets.len());
        if let Some(e) = store.items.get(h) {
            links(e, &mut |key| {
                let target = store.handle(key).and_then(|t| number.get(t).copied());
                if let Some(t) = target.filter(|&t| t != NONE) {
                    targets.push(t);
                }
            });
        }
    }
    starts.push(targets.len());
    let m = handles.len();
    let edges = |v: u32| {
        let v = v as usize;
        starts.get(v).copied().unwrap_or_default()..starts.get(v + 1).copied().unwrap_or_default()
    };
    let mut t = Tarjan {
        index: vec![NONE; m],
        low: vec![NONE; m],
        on_stack: vec![false; m],
        stack: Vec::new(),
        path: Vec::new(),
        counter: 0,
    };
    for root in 0..u32::try_from(m).unwrap_or(NONE) {
        if t.index.get(root as usize) != Some(&NONE) {
            continue;
        }
        t.visit(root, edges(root).start);
        while let Some(&mut (v, ref mut next)) = t.path.last_mut() {
            if *next < edges(v).end {
                let w = targets.get(*next).copied().unwrap_or(v);
                *next += 1;
                let seen = t.index.get(w as usize).copied().unwrap_or_default();
                if seen == NONE {
                    t.visit(w, edges(w).start);
                } else if t.on_stack.get(w as usize) == Some(&true) {
                    t.lower(v, seen);
                }
                continue;
            }
            t.path.pop();
            let low_v = t.low.get(v as usize).copied().unwrap_or_default();
            if let Some(&(u, _)) = t.path.last() {
                t.lower(u, low_v);
            }
            if Some(&low_v) == t.index.get(v as usize) {
                // `v` roots a component: it is what the stack holds from `v`.
                let from = t.stack.iter().rposition(|&x| x == v).unwrap_or_default();
                let size = t.stack.len() - from;
                let component = u32::try_from(count).unwrap_or(NONE);
                let mut cyclic = false;
                for x in t.stack.drain(from..) {
                    if let Some(s) = t.on_stack.get_mut(x as usize) {
                        *s = false;
                    }
                    let linked_to_itself = edges(x).any(|i| targets.get(i) == Some(&x));
                    if size > 1 || linked_to_itself {
                        if let Some(c) = handles.get(x as usize).and_then(|&h| on.get_mut(h)) {
                            *c = component;
                            cyclic = true;
                        }
                    }
                }
                count += usize::from(cyclic);
            }
        }
    }
    count
}

/// Calls its second argument with the key of every entity of the same kind
/// that an entity links to.
type Links<E> = fn(&E, &mut dyn FnMut(&str));

/// A cycle through the entity at `h` along the links `links` names, among
/// the entities `within` takes (unknown keys lead nowhere), as handles in
/// link order from `h`.
fn cycle_in<E: Entity>(
    store: &Store<E>,
    h: usize,
    links: Links<E>,
    within: impl Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    crate::validate::cycle_through(h, |i| {
        // No allocation for an entity without links.
        let mut out = Vec::new();
        if let Some(e) = store.items.get(i) {
            links(e, &mut |key| {
                out.extend(store.handle(key).filter(|&t| within(t)))
            });
        }
        out
    })
}

/// Names a cycle through the entity at `h`: `a -> b -> a`, cut short when
/// long. With `cycles` (a load), the cycle of each component is searched
/// for once, and named from each entity on it; an entity of the component
/// off that cycle is named as reaching it and reached from it. Without
/// (an edit), the search starts from `h`.
fn cycle_named<E: Entity>(
    store: &Store<E>,
    h: usize,
    links: Links<E>,
    cycles: Option<&mut Cycles>,
) -> Option<String> {
    let key = |i: usize| key_text(store, i);
    let Some(cycles) = cycles else {
        let path = cycle_in(store, h, links, |_| true)?;
        return Some(crate::validate::cycle_text(&path, 0, key));
    };
    let component = cycles.component(h)?;
    if !cycles.found.contains_key(&component) {
        let path = cycle_in(store, h, links, |i| cycles.component(i) == Some(component))?;
        for (at, &x) in path.iter().enumerate() {
            if let Some(place) = cycles.place.get_mut(x) {
                *place = u32::try_from(at).unwrap_or(NONE);
            }
        }
        cycles.found.insert(component, path);
    }
    let path = cycles.found.get(&component)?;
    match cycles.place.get(h).copied().filter(|&p| p != NONE) {
        Some(at) => Some(crate::validate::cycle_text(path, at as usize, key)),
        None => Some(format!(
            "{} reaches {}, which reaches it back",
            key(h),
            crate::validate::cycle_text(path, 0, key)
        )),
    }
}

fn key_text<E: Entity>(store: &Store<E>, h: usize) -> String {
    store
        .items
        .get(h)
        .map(|e| e.key().as_str().to_owned())
        .unwrap_or_default()
}

fn not_found<E: Entity>(key: &str) -> ValidationError {
    ValidationError::new(vec![Diagnostic::new(
        Rule::NotFound,
        Some(E::KIND),
        Some(key),
        "",
        format!("no {} has this key", E::KIND),
    )])
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

    #[test]
    fn a_full_store_says_so() {
        let refused = Refused::Full(source("s-1"));
        let d = refused.diagnostic();
        assert_eq!(d.rule(), Rule::TooLarge);
        assert_eq!(d.key(), Some("s-1"));
        assert!(d.to_string().contains("at most 4294967295 sources"), "{d}");
    }
}
