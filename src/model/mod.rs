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

/// Runs `$body` with the type name `$E` standing for the entity type of
/// `$kind` (an [`EntityKind`](id::EntityKind)): the one dispatch from a kind
/// known at run time to the type that holds it.
macro_rules! for_each_kind {
    ($kind:expr, $E:ident => $body:expr) => {
        match $kind {
            $crate::model::id::EntityKind::Source => {
                type $E = $crate::model::source::Source;
                $body
            }
            $crate::model::id::EntityKind::TechArea => {
                type $E = $crate::model::taxonomy::TechArea;
                $body
            }
            $crate::model::id::EntityKind::Institution => {
                type $E = $crate::model::institution::Institution;
                $body
            }
            $crate::model::id::EntityKind::Partnership => {
                type $E = $crate::model::partnership::Partnership;
                $body
            }
            $crate::model::id::EntityKind::Meeting => {
                type $E = $crate::model::meeting::Meeting;
                $body
            }
            $crate::model::id::EntityKind::Mou => {
                type $E = $crate::model::mou::Mou;
                $body
            }
            $crate::model::id::EntityKind::Commitment => {
                type $E = $crate::model::commitment::Commitment;
                $body
            }
        }
    };
}
pub(crate) use for_each_kind;
