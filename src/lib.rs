//! # pactum
//!
//! Technology-cooperation agreements between states, ministries, agencies,
//! universities and companies, as a typed and validated domain:
//! [`Partnership`]s, council [`Meeting`]s, [`Mou`]s, [`Institution`]s,
//! technology areas ([`TechArea`]), [`Commitment`]s and the [`Source`]s every
//! fact comes from, with dates that say only what the sources say ([`Date`]).
//!
//! ```
//! let registry = pactum::seed();
//! let council = registry.meeting("eu-kr-dpc-2").expect("in the seed dataset");
//! assert_eq!(council.place(), Some("Brussels"));
//! assert_eq!(council.date().to_string(), "2024-03-26");
//! ```
//!
//! Questions about time — what happened in a window, what is in force on a
//! day, the next meeting of a council, overdue commitments — are answered
//! from indexes by [`Registry::timeline`] and its siblings (see [`query`]):
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::{EventKind, Window};
//!
//! let registry = pactum::seed();
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let late_2022 = Window::new(day(2022, 10, 1), day(2022, 12, 31))?;
//! let hits: Vec<(&str, bool)> = registry
//!     .timeline()
//!     .within(late_2022)
//!     .kind(EventKind::PartnershipEstablished)
//!     .run()?
//!     .map(|h| (h.event().key(), h.is_certain()))
//!     .collect();
//! // "In 2022" and "late 2022" (its second half) are possibly in the window;
//! // 28 November 2022 certainly is.
//! assert_eq!(
//!     hits,
//!     [("eu-jp-digital", false), ("vn-kr-csp", false), ("eu-kr-digital", true)]
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The data file format is described in `docs/format.md`; the rules that data
//! can break, with their stable ids, in [`diagnostic`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod commitment;
pub mod country;
pub mod date;
pub mod diagnostic;
pub mod error;
pub mod id;
mod index;
pub mod institution;
pub mod io;
mod lint;
pub mod meeting;
pub mod mou;
#[cfg(feature = "naive")]
pub mod naive;
pub mod official;
pub mod partnership;
pub mod query;
pub mod registry;
pub mod source;
pub mod taxonomy;
mod validate;

pub use commitment::{Commitment, CommitmentBuilder, CommitmentStatus, Origin};
pub use country::{Country, Language};
pub use date::{Date, DateError, DateErrorKind, Precision, Qualifier, Window};
pub use diagnostic::{Diagnostic, Rule, Severity, ValidationError};
pub use error::{ValueError, ValueKind};
pub use id::{Entity, EntityKind, Id, Key, Series, SeriesKey, NAMESPACE};
pub use institution::{Institution, InstitutionBuilder, InstitutionKind};
pub use io::{LoadError, FORMAT_VERSION};
pub use meeting::{Meeting, MeetingBuilder, MeetingKind, MeetingStatus};
pub use mou::{Mou, MouBuilder, Relation, RelationKind};
pub use official::{Official, OfficialBuilder};
pub use partnership::{Partnership, PartnershipBuilder, PartnershipKind};
pub use query::{
    Agreement, AgreementScope, CommitmentHit, CommitmentState, Event, EventKind, Gap, Hit, Hits,
    InForce, QueryError, QueryErrorKind, Subject, Timeline,
};
pub use registry::{Registry, Stored};
pub use source::{Citation, Claim, Provenance, Source, SourceBuilder};
pub use taxonomy::{TechArea, TechAreaBuilder};

/// The id of an [`Institution`].
pub type InstitutionId = Id<Institution>;
/// The id of a [`Partnership`].
pub type PartnershipId = Id<Partnership>;
/// The id of a [`Meeting`].
pub type MeetingId = Id<Meeting>;
/// The id of a [`Mou`].
pub type MouId = Id<Mou>;
/// The id of a [`Commitment`].
pub type CommitmentId = Id<Commitment>;
/// The id of a [`Source`].
pub type SourceId = Id<Source>;
/// The id of a [`TechArea`].
pub type TechAreaId = Id<TechArea>;

/// The seed dataset as JSON text: facts from five news articles and the
/// published sources that correct them (`data/seed.json`).
pub const SEED_JSON: &str = include_str!("../data/seed.json");

/// The embedded seed dataset, loaded: a registry to try pactum on with no data
/// of your own.
///
/// # Panics
///
/// Never in a released crate: the embedded file is loaded and checked by the
/// crate's own tests.
pub fn seed() -> Registry {
    match Registry::from_json_str(SEED_JSON) {
        Ok(registry) => registry,
        Err(e) => panic!("the embedded seed dataset is invalid: {e}"),
    }
}
