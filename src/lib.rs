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
//! Dates are EDTF (the section [Dates](#dates)): `2023-09` is some day in September, `2022-41`
//! some day in the second half of 2022, `[..2023-08-06]` some day no later
//! than 6 August. Questions about time come in two strengths, *possibly* and
//! *certainly*, and always take the day to judge by as an argument.
//!
//! ## Dates
//!
//! Every date field names one day that may be known only roughly. A [`Date`]
//! is that day's set of candidates, written in EDTF (the Extended Date/Time
//! Format of ISO 8601-2):
//!
//! | text | meaning |
//! | --- | --- |
//! | `2023-08-06` | that day |
//! | `2023-09` | some day in September 2023 |
//! | `2025` | some day in 2025 |
//! | `2022-33` … `2022-36` | some day in the first … fourth quarter |
//! | `2022-37` … `2022-39` | some day in the first … third four-month period |
//! | `2022-40`, `2022-41` | some day in the first or second half of the year |
//! | `2020-XX`, `202X`, `2020-05-XX` | unspecified digits: the range they span |
//! | `1971-XX-03`, `19X5`, `XXXX-12-25` | unspecified digits anywhere: exactly the days they allow |
//! | `[..2023-08-06]` | some day no later than 6 August 2023 |
//! | `[2023-09-01..]` | some day no earlier than 1 September 2023 |
//! | `[2023-01..2023-03]` | some day between January and March 2023 |
//! | `[2023-06-23,2023-06-30]` | one of the listed days (sources disagree) |
//! | `2023-08?`, `2023-08~`, `2023-08%` | uncertain, approximate, both |
//!
//! The interval forms `../X`, `X/..` and `A/B` are read as `[..X]`, `[X..]`
//! and `[A..B]`; a date is always written back in the bracket form, with list
//! members sorted and repeated members dropped, so that equal dates have equal
//! text. Qualifiers are kept and reported ([`Date::qualifier`]) but do not
//! widen the range: a query decides whether to trust them.
//!
//! Unspecified digits (`X`) may stand anywhere (EDTF level 2), but not for
//! every digit (`XXXX` says nothing). Trailing ones that stand for whole
//! parts (`202X`, `2020-XX-XX`) span one range; any others are a pattern,
//! whose candidates are exactly the days it allows: `1971-XX-03` is the
//! 3rd of some month of 1971, twelve candidate days, not every day between
//! the first and the last ([`Precision::Pattern`]). A pattern is saved as written; one
//! that allows no day (`2021-02-3X`) is an error. Qualifiers apply to the
//! whole date (`1971-XX-03?`), never to one part.
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::{Date, Window};
//!
//! let third = Date::parse("1971-XX-03")?;
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(third.earliest(), Some(day(1971, 1, 3)));
//! assert_eq!(third.latest(), Some(day(1971, 12, 3)));
//! assert!(third.possibly_on(day(1971, 5, 3)));
//! assert!(!third.possibly_within(&Window::new(day(1971, 5, 4), day(1971, 5, 31))?));
//! assert_eq!(third.to_string(), "1971-XX-03");
//! assert!(Date::parse("2021-02-3X").is_err());
//! # Ok::<(), pactum::DateError>(())
//! ```
//!
//! ### Possibly and certainly
//!
//! A date is *possibly* in a [`Window`] when one of its candidate days is in
//! it, and *certainly* in it when all of them are. The same pair of words is
//! used for `before`, `after` and `on` a day.
//!
//! ```
//! use chrono::NaiveDate;
//! use pactum::{Date, Window};
//!
//! let review = Date::parse("[..2023-08-06]")?;
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(review.certainly_before(day(2023, 8, 7)));
//! assert!(review.possibly_within(&Window::of(&Date::of_year(2023)?)));
//! assert!(!review.certainly_within(&Window::of(&Date::of_year(2023)?)));
//! # Ok::<(), pactum::DateError>(())
//! ```
//!
//! ## Questions about time
//!
//! A registry answers questions about time and involvement: the timeline of
//! events, what is in force on a day, the next and previous meetings of a
//! partnership or series and their cadence, commitments as of a day, and
//! everything an institution takes part in.
//!
//! Every time-dependent question takes the day as an argument: there is no
//! implicit "today". Answers borrow from the registry.
//!
//! Questions about time — what happened in a window, what is in force on a
//! day, the next meeting of a council, overdue commitments — are answered
//! from indexes by [`Registry::timeline`] and its siblings:
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
//! // "In 2022" is possibly in the window; 28 November and 5 December 2022
//! // certainly are.
//! assert_eq!(
//!     hits,
//!     [("eu-jp-digital", false), ("eu-kr-digital", true), ("vn-kr-csp", true)]
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ### Events and their order
//!
//! Every dated field of a partnership, meeting, MOU or commitment is an
//! [`Event`] of some [`EventKind`]. Events are totally ordered by the *sort
//! day* of their date (its earliest candidate; for an open start such as
//! `[..2023-08-06]`, its latest), then its latest candidate, then the event
//! kind, entity kind and key. A meeting of several days (with an
//! [`end`](Meeting::end)) is one event from its date to its end: it sorts
//! on its start like the others, then on the latest day of its end.
//!
//! ### Possibly and certainly
//!
//! A window query keeps an event when its date is *possibly* in the window
//! (some candidate day is in it); each [`Hit`] says whether it is also
//! *certainly* in it (every candidate is). [`Timeline::certainly`] keeps only
//! the certain ones. A disputed date `[2023-06-23,2023-06-30]` is possibly in
//! a window holding either day, and in none holding only the days between.
//! A meeting of several days is in a window when it overlaps it: possibly
//! when some reading of its start and end does, certainly when every one
//! does, so a meeting held on 15–16 May is certainly in a window of 16 May
//! alone (see [`Hit::is_certain`]).
//!
//! ### How do I…
//!
//! - list what happened in a window: [`Registry::timeline`] with
//!   [`Timeline::within`];
//! - narrow to an institution (with or without those under it), a country
//!   or bloc, a technology area (with or without its sub-areas), a
//!   partnership, a meeting series or event kinds: the other methods of
//!   [`Timeline`];
//! - page through the timeline: [`Timeline::after`], [`Timeline::before`],
//!   [`Timeline::limit`], [`Timeline::reverse`];
//! - ask what is in force: [`Registry::in_force_on`];
//! - find the next or previous meeting, or the gaps between sessions:
//!   [`Registry::next_meeting`], [`Registry::previous_meeting`],
//!   [`Registry::cadence`];
//! - find open, met or overdue commitments: [`Registry::commitments_as_of`];
//! - see everything an institution is involved in: [`Registry::involving`];
//! - see which values a source supports and which are inferred:
//!   [`Registry::provenance_coverage`] (and lint `P-W014` through
//!   [`Registry::lint_with`]).
//! - ask what a party did (signed, ratified, withdrew…) in a window: the
//!   party action kinds of [`EventKind`] (`EventKind::PartyRatification`)
//!   with [`Timeline::kind`], and [`Timeline::country`] or
//!   [`Timeline::institution`] for who acted ([`Event::party_action`] says
//!   which action a hit is);
//! - count the parties an agreement is in force for, over time:
//!   [`Registry::party_counts`].
//!
//! ```
//! use chrono::NaiveDate;
//!
//! let registry = pactum::seed();
//! let day = NaiveDate::from_ymd_opt(2023, 4, 25).unwrap();
//! let in_force = registry.in_force_on(day);
//! let csp = in_force.iter().find(|a| a.key() == "vn-kr-csp").expect("in force");
//! assert!(csp.is_certain());
//! ```
//!
//! ### Design
//!
//! The registry keeps indexes for these queries, each built when a query
//! first needs it (or all at once by [`Registry::build_indexes`]) and
//! updated by every successful edit (a failed edit leaves them as they
//! were): an interval index over the day ranges of the events, posting
//! lists by event kind, institution, technology area, partnership and
//! series, each kept in the events' total order, the days each
//! agreement is possibly and certainly in force, in the order
//! [`Registry::in_force_on`] answers, and, for each institution, the days
//! each agreement is in force *for* it ([`Registry::in_force_for`]). A query walks the smallest of the
//! posting lists its filters select (or the interval index of every event
//! when it has no filter), merges them in order and checks the other
//! filters on each candidate; the window skips, within each list, every
//! block of events that cannot reach it. The interval index is a sorted
//! array of 16-byte slots (day range, kind, entity) with a few levels of
//! block maxima of the events' latest days, an implicit augmented interval
//! tree that yields hits in order, forward or backward, and can stop after
//! the first few. A hit is decided from its slot; the entity is read only
//! for a date whose candidate days have gaps (a list of alternatives, or a
//! pattern of unspecified digits such as `1971-XX-03`), for a meeting of
//! several days (whose slot holds the days from its earliest start to its
//! latest end) or for a filter that needs it.
//! A count of the events possibly in a window ([`Timeline::count`]) walks
//! nothing: it reads how many events start by the window's end and how
//! many end before its start.
//!
//! Every query has a plain linear-scan counterpart in `pactum::naive` (with
//! the `naive` feature); property tests check that both agree, in order.
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
//! * **record international organisations or states that no longer
//!   exist?** An institution of kind
//!   [`InstitutionKind::IntergovernmentalOrganization`] recorded without a
//!   country is a side of its own ([`Registry::side_of_institution`],
//!   [`AgreementScope`]); a former state has its ISO 3166-3 code
//!   ([`Country`], `DDDE`, `SUHH`), and [`Registry::lint`] reports its
//!   institutions acting after it was dissolved.
//! * **list what happened, in order?** [`Registry::timeline`] with filters
//!   (window, institution, country, area, partnership, series, kind); every
//!   event is [`Registry::events`]; for one institution and those under it,
//!   [`Registry::involving`].
//! * **know what was in force on a day?** [`Registry::in_force_on`], whose
//!   answers say whether they are certain.
//! * **follow who signed, ratified, withdrew from or rejoined a
//!   multilateral agreement?** [`Mou::parties`] records each party's
//!   actions; [`Registry::parties_on`] gives each party's status on a day,
//!   [`Registry::in_force_for`] what is in force *for* an institution, and
//!   [`Registry::party_history`] its actions across agreements.
//! * **follow a council series?** [`Registry::meetings_in_series`] and
//!   [`Date::days_until`] for the gaps, as ranges of days.
//! * **find what needs attention?** [`Registry::lint`] as of a day: meetings
//!   still scheduled after their date, overdue commitments, disputed facts.
//! * **load messy scraped data?** [`Registry::quarantine_path`] (or
//!   [`Registry::quarantine_json_str`]) keeps every valid entity and
//!   returns the rejected ones with their errors; [`Quarantine::lint`]
//!   gives the lints of the valid part with paths into the file; [`Limits`]
//!   bound what any load accepts.
//! * **combine datasets from several teams?** [`Registry::merge`] with a
//!   [`MergePolicy`]; conflicts are reported field by field.
//! * **count, compare, find gaps?** [`analysis`]: counts by year (vague dates
//!   counted as *possibly* and *certainly*), country, area and institution
//!   kind; coverage of areas by partnerships; the signing network; how
//!   commitments are kept; how regularly councils meet.
//! * **take the data to other tools?** [`export`]: CSV (feature `csv`),
//!   iCalendar, GraphViz DOT and the JSON Schema of the data file; SVG
//!   pictures (the timeline, the coverage heatmap, the signing network, an
//!   agreement's parties over time) with the `svg` feature (`picture`),
//!   readable at any size of dataset; Arrow record batches and
//!   Parquet files with the `arrow` feature. The CSV and Parquet tables hold
//!   every field and read back with `import` (`docs/tables.md`).
//! * **save?** [`Registry::save`] writes a canonical file (sorted, stable
//!   field order) through a unique temporary file, flushed and renamed, so
//!   neither a crash, a power cut nor a second save at once leaves half a
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
//!   [`Registry::involving_with_predecessors`] ([`FormerName`], [`Succession`]).
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
//! ## Errors
//!
//! pactum has one error type per concern, each built with `thiserror` and
//! each with a message that names the entity key, the field and what was
//! expected:
//!
//! | type | raised when |
//! | --- | --- |
//! | [`DateError`] (kind [`DateErrorKind`]) | text is not a valid EDTF date |
//! | [`ValueError`] (kind [`ValueKind`]) | a key, country code, language tag or URL is malformed |
//! | [`ValidationError`] | an entity, an edit or a dataset breaks an invariant: every [`Diagnostic`] at once |
//! | [`LoadError`] | a data file cannot be read, parsed or validated |
//! | [`QueryError`] (kind [`QueryErrorKind`]) | a query names a key the registry does not have |
//!
//! ## Architecture
//!
//! The modules stand in layers, and a module imports only from its own layer
//! or below, never above, so each can be read without the ones over it:
//!
//! 1. **Ground**: `date` (the EDTF value type, its parser, calendar
//!    arithmetic and packed form), `error`, `spelling` (normal forms of names
//!    and "did you mean"), `threads`.
//! 2. **Model** (`model/`): ids and keys, countries, diagnostics, and one
//!    module per entity with its raw form and its own checks
//!    (`model/check.rs`). Imports the ground floor only.
//! 3. **Events** (`event.rs`): what happened on a date, whose event it is,
//!    and the events' total order.
//! 4. **Store** (`store/`): the seven entity tables and the checks that need
//!    more than one entity (references, cycles, council series).
//! 5. **Index** (`index/`): the interval-run engine and the posting lists
//!    built on it, over the store's tables.
//! 6. **Registry** (`registry.rs`): owns the tables and the indexes and
//!    applies every edit atomically.
//! 7. **Queries and edits** (`query/`, one `impl Registry` block a topic;
//!    `edit.rs`, `names.rs`, `lint.rs`, [`provenance`]), then **io** (`io/`,
//!    `quarantine.rs`).
//! 8. **On top**: [`analysis`], [`crosswalk`], [`export`], `import` (the
//!    exported tables read back; it may use `export`, never the other way),
//!    `picture` and the reference scans in `naive`.
//!
//! Every public type has one path: the domain types at the root, the rest in
//! the namespaces [`analysis`], [`crosswalk`], [`export`], `import`
//! (features `csv`, `arrow`), [`names`], [`provenance`],
//! `picture` (feature `svg`), `naive` (feature `naive`) and `synth`
//! (feature `synth`).
//!
//! ## Design
//!
//! Sources disagree and report dates vaguely; pactum keeps both facts instead
//! of picking one. A citation can name the fields it supports, and when
//! sources disagree each [`Claim`] is kept and the recorded date becomes the
//! set of claimed days. A value that no source states but the dataset infers
//! is a claim of kind [`ClaimKind::Inferred`] with a note saying from what,
//! and [`Registry::provenance_coverage`] tells cited values from inferred and
//! uncited ones. Errors reject data; lints only warn; both carry stable rule
//! ids, listed with [`Rule`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod analysis;
pub mod crosswalk;
mod date;
mod edit;
mod error;
mod event;
pub mod export;
#[cfg(any(feature = "csv", feature = "arrow"))]
pub mod import;
mod index;
mod io;
mod lint;
mod model;
#[cfg(feature = "naive")]
pub mod naive;
pub mod names;
#[cfg(feature = "svg")]
pub mod picture;
pub mod provenance;
mod quarantine;
mod query;
mod registry;
mod spelling;
mod store;
#[cfg(feature = "synth")]
pub mod synth;
mod threads;

pub use date::{Date, DateError, DateErrorKind, Precision, Qualifier, Window};
pub use edit::{Conflict, FieldDifference, MergePolicy, MergeReport};
pub use error::{ValueError, ValueKind};
pub use io::{Limits, LoadError, FORMAT_VERSION};
pub use lint::LintSelection;
pub use model::commitment::{Commitment, CommitmentBuilder, CommitmentStatus, Origin};
pub use model::country::{Country, Language};
pub use model::diagnostic::{Diagnostic, Rule, Severity, ValidationError};
pub use model::id::{Entity, EntityKind, Id, Key, Series, SeriesKey, MAX_KEY_LEN, NAMESPACE};
pub use model::institution::{FormerName, Succession};
pub use model::institution::{Institution, InstitutionBuilder, InstitutionKind};
pub use model::meeting::{Meeting, MeetingBuilder, MeetingKind, MeetingStatus};
pub use model::mou::{InstrumentKind, Mou, MouBuilder, Relation, RelationKind};
pub use model::official::{Official, OfficialBuilder};
pub use model::partnership::{Partnership, PartnershipBuilder, PartnershipKind};
pub use model::party::{
    ActionKind, Party, PartyAction, PartyActionBuilder, PartyStatus, Statuses, TakesEffect,
};
pub use model::source::{Citation, Claim, ClaimKind, Provenance, Source, SourceBuilder};
pub use model::taxonomy::{BuiltinArea, TechArea, TechAreaBuilder, BUILTIN_AREAS};
pub use quarantine::{Quarantine, Rejected};
pub use query::{
    Affiliation, Agreement, AgreementScope, CommitmentHit, CommitmentState, Event, EventKind, Gap,
    Hit, Hits, InForce, InForceFor, PartyActionHit, PartyActionRef, PartyCount, PartyCounts,
    PartyOn, QueryError, QueryErrorKind, Side, Subject, Timeline,
};
pub use registry::Registry;
pub use store::{KindVisitor, Stored};

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
