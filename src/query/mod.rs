//! Questions a registry answers about time and involvement: the timeline of
//! events, what is in force on a day, the next and previous meetings of a
//! partnership or series and their cadence, commitments as of a day, and
//! everything an institution takes part in.
//!
//! Every time-dependent question takes the day as an argument: there is no
//! implicit "today". Answers borrow from the registry.
//!
//! # Events and their order
//!
//! Every dated field of a partnership, meeting, MOU or commitment is an
//! [`Event`] of some [`EventKind`]. Events are totally ordered by the *sort
//! day* of their date (its earliest candidate; for an open start such as
//! `[..2023-08-06]`, its latest), then its latest candidate, then the event
//! kind, entity kind and key.
//!
//! # Possibly and certainly
//!
//! A window query keeps an event when its date is *possibly* in the window
//! (some candidate day is in it); each [`Hit`] says whether it is also
//! *certainly* in it (every candidate is). [`Timeline::certainly`] keeps only
//! the certain ones. A disputed date `[2023-06-23,2023-06-30]` is possibly in
//! a window holding either day, and in none holding only the days between.
//!
//! # How do I…
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
//! - see everything an institution is involved in: [`Registry::involving`].
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
//! # Design
//!
//! The registry keeps indexes for these queries, each built when a query
//! first needs it (or all at once by [`Registry::build_indexes`]) and
//! updated by every successful edit (a failed edit leaves them as they
//! were): an interval index over the day ranges of the events, posting
//! lists by event kind, institution, technology area, partnership and
//! series, each kept in the events' total order, and the days each
//! agreement is possibly and certainly in force, in the order
//! [`Registry::in_force_on`] answers. A query walks the smallest of the
//! posting lists its filters select (or the interval index of every event
//! when it has no filter), merges them in order and checks the other
//! filters on each candidate; the window skips, within each list, every
//! block of events that cannot reach it. The interval index is a sorted
//! array of 16-byte slots (day range, kind, entity) with a few levels of
//! block maxima of the events' latest days, an implicit augmented interval
//! tree that yields hits in order, forward or backward, and can stop after
//! the first few. A hit is decided from its slot; the entity is read only
//! for a date that is a list of alternatives or for a filter that needs it.
//! A count of the events possibly in a window ([`Timeline::count`]) walks
//! nothing: it reads how many events start by the window's end and how
//! many end before its start.
//!
//! Every query has a plain linear-scan counterpart in `pactum::naive` (with
//! the `naive` feature); property tests check that both agree, in order.

mod areas;
mod commitments;
mod history;
mod hits;
mod in_force;
mod institutions;
mod meetings;
mod plan;
mod timeline;

pub use crate::error::{QueryError, QueryErrorKind};
pub use crate::event::{Agreement, AgreementScope, Event, EventKind, InForce, Subject};
pub use commitments::{CommitmentHit, CommitmentState};
pub use hits::{Hit, Hits};
pub use institutions::Side;
pub use meetings::Gap;
pub use timeline::Timeline;

// The naive reference implementation answers with the same order and
// filters as the indexed queries.
#[cfg(feature = "naive")]
pub(crate) use commitments::{commitment_order, commitment_state};
#[cfg(feature = "naive")]
pub(crate) use meetings::meeting_order;
#[cfg(feature = "naive")]
pub(crate) use plan::Filter;
