//! The model: every entity kind with its raw form and its own checks, and
//! the value types they are made of (ids and keys, countries, diagnostics).
//!
//! A model file imports only from the model and the ground floor (dates,
//! errors, spelling): never from the store, the index, the registry, the
//! queries or io. Checks that need more than one entity (references,
//! cycles, council series) are the store's.

pub(crate) mod check;
pub(crate) mod commitment;
pub(crate) mod country;
pub(crate) mod diagnostic;
pub(crate) mod id;
pub(crate) mod institution;
pub(crate) mod meeting;
pub(crate) mod mou;
pub(crate) mod official;
pub(crate) mod partnership;
pub(crate) mod party;
pub(crate) mod source;
pub(crate) mod standing;
pub(crate) mod taxonomy;
