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
//! ## Overview
//!
//! A [`Registry`] holds one dataset. Every entity in it is valid on its own
//! (fields are private; builders and `Deserialize` run the same checks) and
//! together with the others: references resolve, hierarchies have no
//! cycles, ends do not precede starts, council sessions are numbered in the
//! order of their dates. Entities have a human key (`kr-msit`) and a
//! [`Id`] derived from it, the same in every dataset.
//!
//! Dates are EDTF ([`date`]): `2023-09` is some day in September, `2022-41`
//! some day in the second half of 2022, `[..2023-08-06]` some day no later
//! than 6 August. Questions about time come in two strengths, *possibly* and
//! *certainly*, and always take the day to judge by as an argument.
//!
//! ## Questions about time
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
//! ## How do I…
//!
//! * **load a data file and report its problems?**
//!   [`Registry::from_path`] returns a [`LoadError`] whose
//!   [`diagnostics`](LoadError::diagnostics) list every problem, each with its
//!   [`Rule`], entity key and JSON path (`meetings[4].chairs[0].institution`).
//!   The format is in `docs/format.md`; `cargo run --example validate -- FILE`
//!   prints the report.
//! * **build a dataset in code?** Use the builders
//!   ([`Mou::builder`], [`Meeting::builder`], …) and [`Registry::insert`]; a
//!   failed insert leaves the registry unchanged. See
//!   `examples/build_in_code.rs`.
//! * **list what happened, in order?** [`Registry::timeline`] with filters
//!   (window, institution, country, area, partnership, series, kind); every
//!   event is [`Registry::events`]; for one institution and those under it,
//!   [`Registry::involving`].
//! * **know what was in force on a day?** [`Registry::in_force_on`], whose
//!   answers say whether they are certain.
//! * **follow a council series?** [`Registry::meetings_in_series`] and
//!   [`Date::days_until`] for the gaps, as ranges of days.
//! * **find what needs attention?** [`Registry::lint`] as of a day: meetings
//!   still scheduled after their date, overdue commitments, disputed facts.
//! * **load messy scraped data?** [`Registry::quarantine_json_str`] keeps
//!   every valid entity and returns the rejected ones with their errors;
//!   [`Limits`] bound what any load accepts.
//! * **combine datasets from several teams?** [`Registry::merge`] with a
//!   [`MergePolicy`]; conflicts are reported field by field.
//! * **count, compare, find gaps?** [`analysis`]: counts by year (vague dates
//!   counted as *possibly* and *certainly*), country, area and institution
//!   kind; coverage of areas by partnerships; the signing network; how
//!   commitments are kept; how regularly councils meet.
//! * **take the data to other tools?** [`export`]: CSV (feature `csv`),
//!   iCalendar, GraphViz DOT and the JSON Schema of the data file; SVG
//!   pictures with the `svg` feature (`picture`).
//! * **save?** [`Registry::save`] writes a canonical file (sorted, stable
//!   field order) through a temporary file, so a crash never leaves half a
//!   dataset.
//!
//! ## Names, areas and official lists
//!
//! - Find an institution or an area by whatever a source calls it, in any
//!   case, with or without diacritics or punctuation: [`Registry::lookup_institution`],
//!   [`Registry::lookup_tech_area`] (module [`names`]).
//! - Walk the taxonomy and the institution hierarchy: [`Registry::area_ancestors`],
//!   [`Registry::area_descendants`], [`Registry::institution_ancestors`],
//!   [`Registry::institution_descendants`].
//! - Follow renamed and reorganised institutions: [`Registry::lineage`],
//!   [`Registry::involving_with_predecessors`] (module [`history`]).
//! - Compare cooperation with the US, Korean and EU technology lists:
//!   [`Registry::partnership_coverage`], [`Registry::uncovered`] (module
//!   [`crosswalk`]).
//!
//! ```
//! use pactum::crosswalk::KR_NST_2022;
//!
//! let registry = pactum::seed();
//! let msit = registry.lookup_institution("Ministry of Science & ICT").unique().expect("one");
//! assert_eq!(msit.key().as_str(), "kr-msit");
//! let covered = registry.partnership_coverage(&KR_NST_2022, "eu-kr-digital");
//! assert_eq!(covered.len(), 5);
//! ```
//!
//! ## Design
//!
//! Sources disagree and report dates vaguely; pactum keeps both facts instead
//! of picking one. A citation can name the fields it supports, and when
//! sources disagree each [`Claim`] is kept and the recorded date becomes the
//! set of claimed days. Errors reject data; lints only warn; both carry
//! stable rule ids, listed in [`diagnostic`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod crosswalk;
pub mod date;
mod edit;
mod error;
mod event;
pub mod export;
mod index;
pub mod io;
mod lint;
mod model;
#[cfg(feature = "naive")]
pub mod naive;
pub mod names;
#[cfg(feature = "svg")]
pub mod picture;
mod quarantine;
pub mod query;
mod registry;
mod spelling;
mod store;
#[cfg(feature = "synth")]
pub mod synth;
mod threads;

pub use crosswalk::{Coverage, ListedArea, Mapping, TechList};
pub use date::{Date, DateError, DateErrorKind, Precision, Qualifier, Window};
pub use edit::{Conflict, FieldDifference, MergePolicy, MergeReport};
pub use error::{ValueError, ValueKind};
pub use io::{Limits, LoadError, FORMAT_VERSION};
pub use model::commitment::{Commitment, CommitmentBuilder, CommitmentStatus, Origin};
pub use model::country::{Country, Language};
pub use model::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
pub use model::id::{Entity, EntityKind, Id, Key, Series, SeriesKey, NAMESPACE};
pub use model::institution::{FormerName, Succession};
pub use model::institution::{Institution, InstitutionBuilder, InstitutionKind};
pub use model::meeting::{Meeting, MeetingBuilder, MeetingKind, MeetingStatus};
pub use model::mou::{Mou, MouBuilder, Relation, RelationKind};
pub use model::official::{Official, OfficialBuilder};
pub use model::partnership::{Partnership, PartnershipBuilder, PartnershipKind};
pub use model::source::{Citation, Claim, Provenance, Source, SourceBuilder};
pub use model::taxonomy::{TechArea, TechAreaBuilder};
pub use names::{Lookup, MatchedBy, NameIndex, NameMatch, Suggestion};
pub use quarantine::{Quarantine, Rejected};
pub use query::{
    Agreement, AgreementScope, CommitmentHit, CommitmentState, Event, EventKind, Gap, Hit, Hits,
    InForce, QueryError, QueryErrorKind, Side, Subject, Timeline,
};
pub use registry::Registry;
pub use store::Stored;

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

/// The code samples of README.md, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
