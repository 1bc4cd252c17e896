//! The questions a registry answers about time and involvement, one
//! `impl Registry` block a topic (the guide is in the crate docs, section
//! "Questions about time").

mod areas;
mod commitments;
mod history;
mod hits;
mod in_force;
mod institutions;
mod meetings;
mod parties;
mod plan;
mod timeline;

pub use crate::error::{QueryError, QueryErrorKind};
pub use crate::event::{
    Agreement, AgreementScope, Event, EventKind, InForce, PartyActionRef, Subject,
};
pub use commitments::{CommitmentHit, CommitmentState};
pub use hits::{Hit, Hits};
pub use institutions::{Affiliation, Side};
pub use meetings::Gap;
pub use parties::{InForceFor, PartyActionHit, PartyCount, PartyCounts, PartyOn};
pub use timeline::Timeline;

// The naive reference implementation answers with the same order and
// filters as the indexed queries.
#[cfg(feature = "naive")]
pub(crate) use commitments::{commitment_order, commitment_state};
#[cfg(feature = "naive")]
pub(crate) use meetings::meeting_order;
#[cfg(feature = "naive")]
pub(crate) use parties::{agreement_order, history_order};
#[cfg(feature = "naive")]
pub(crate) use plan::Filter;
