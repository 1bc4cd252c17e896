//! One module a subcommand (`in-force` and `commitments` share one: both
//! ask what stands on a day).

pub mod agreements;
pub mod export;
pub mod fmt;
pub mod import;
pub mod lookup;
pub mod meetings;
pub mod merge;
pub mod plot;
pub mod stats;
pub mod timeline;
pub mod validate;
