//! The registry: every entity of a dataset, validated together.
//!
//! Entities live in plain vectors in insertion order (a loaded file's order);
//! keys and ids map to positions. Every edit is atomic: it validates fully,
//! then applies, or returns a [`ValidationError`] and leaves the registry
//! exactly as it was.

use std::sync::OnceLock;

use crate::index::Index;
use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule, ValidationError};
use crate::model::id::{Entity, EntityKind, Id};
use crate::model::institution::Institution;
use crate::model::meeting::Meeting;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Source;
use crate::model::taxonomy::TechArea;
use crate::store::check::{check_registry, Scope};
use crate::store::{Stored, Tables};

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
    tables: Tables,
    /// The query indexes: built on the first query, then kept up to date by
    /// every successful edit.
    index: OnceLock<Index>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// An empty registry holding only the built-in technology taxonomy.
    pub fn new() -> Registry {
        Registry {
            tables: Tables::new(),
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
        self.index().build_all(&self.tables);
    }

    /// The query indexes, built on first use.
    pub(crate) fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.tables))
    }

    /// Applies an edit to the indexes, if they are built.
    fn reindex(&mut self, edit: impl FnOnce(&mut Index, &Tables)) {
        if let Some(mut index) = self.index.take() {
            edit(&mut index, &self.tables);
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
        self.tables.all()
    }

    /// The entity of kind `E` with `key`.
    pub fn get<E: Stored>(&self, key: &str) -> Option<&E> {
        self.tables.get(key)
    }

    /// The entity of kind `E` with `id`.
    pub fn get_by_id<E: Stored>(&self, id: Id<E>) -> Option<&E> {
        self.tables.get_by_id(id)
    }

    /// Whether an entity of kind `E` has `key`.
    pub fn contains_key<E: Stored>(&self, key: &str) -> bool {
        self.tables.handle::<E>(key).is_some()
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
        self.tables.dataset_tech_areas()
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
        let h = match self.tables.push(entity) {
            Ok(h) => h,
            Err(refused) => return Err(ValidationError::new(vec![refused.diagnostic()])),
        };
        let problems = check_registry(&self.tables, Scope::Entities(E::KIND, &[h]), &|_, _| {
            String::new()
        });
        if problems.is_empty() {
            self.reindex(|index, reg| index.link(reg, E::KIND, h));
            Ok(id)
        } else {
            self.tables.pop::<E>();
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
        let Some(h) = self.tables.handle::<E>(&key) else {
            return Err(not_found::<E>(&key));
        };
        let Ok(old) = self.tables.swap(h, entity) else {
            return Err(not_found::<E>(&key));
        };
        let problems = check_registry(&self.tables, Scope::Entities(E::KIND, &[h]), &|_, _| {
            String::new()
        });
        if problems.is_empty() {
            self.reindex(|index, reg| {
                index.unlink(E::KIND, h, old.indexed());
                index.link(reg, E::KIND, h);
            });
            Ok(old)
        } else {
            let _ = self.tables.swap(h, old);
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
        let Some(h) = self.tables.handle::<E>(key) else {
            return Err(not_found::<E>(key));
        };
        if E::KIND == EntityKind::TechArea && h < self.tables.builtin_area_count() {
            return Err(ValidationError::new(vec![Diagnostic::new(
                Rule::StillReferenced,
                Some(E::KIND),
                Some(key),
                "",
                "a built-in technology area cannot be removed",
            )]));
        }
        let referrers = crate::store::check::referrers(&self.tables, E::KIND, key);
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
        let removed = self
            .tables
            .remove_at::<E>(h)
            .ok_or_else(|| not_found::<E>(key))?;
        self.reindex(|index, _| {
            index.unlink(E::KIND, h, removed.indexed());
            index.shift(E::KIND, h);
        });
        Ok(removed)
    }

    /// The tables the indexes and the dataset checks read.
    pub(crate) fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The tables, for an edit that checks the whole registry afterwards
    /// (a load, a merge, a quarantine): the indexes are built again on the
    /// next query.
    pub(crate) fn tables_mut(&mut self) -> &mut Tables {
        self.index = OnceLock::new();
        &mut self.tables
    }
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
