//! pactum's tables and questions in SQL on Apache DataFusion.
//!
//! [`register_registry`] puts a loaded [`Registry`](pactum::Registry) into a DataFusion
//! [`SessionContext`](datafusion::prelude::SessionContext) as in-memory record batches, and
//! [`register_parquet_dir`] a directory of exported Parquet files (one file
//! a table, or one subdirectory a table, partitioned as you like, by year
//! for instance): the same sixteen tables under the same names and columns
//! (`events`, `mous`, `partnerships`, `party_actions`, `commitments`, …,
//! listed in `docs/tables.md`). Every date is three columns: its EDTF text
//! and its earliest and latest candidate days.
//!
//! Both also register pactum's questions as table functions, whose rows
//! carry a `certain` column (possibly in the answer, and whether
//! certainly), and scalar functions over EDTF text:
//!
//! | function | answers as |
//! | --- | --- |
//! | `timeline('2023-01-01', '2023-12-31')` | `Registry::timeline().within(window)` |
//! | `in_force_on('2024-06-01')` | `Registry::in_force_on` |
//! | `in_force_for('kr-gov', '2024-06-01')` | `Registry::in_force_for` |
//! | `overdue('2024-06-01')` | `Registry::commitments_as_of(Overdue, day)` |
//! | `next_meeting('eu-kr-dpc', '2024-06-01')` | `Registry::next_meeting` |
//! | `previous_meeting('eu-kr-dpc', '2024-06-01')` | `Registry::previous_meeting` |
//! | `cadence('eu-kr-dpc')` | `Registry::cadence` (`min_days`, `max_days`; no `certain`) |
//! | `edtf_earliest(text)`, `edtf_latest(text)` | `Date::earliest`, `Date::latest` (null when open or invalid) |
//! | `edtf_valid(text)` | `Date::parse(text).is_ok()` |
//! | `edtf_possibly_within(date, end, first, last)` | whether an event is possibly in a window |
//! | `edtf_certainly_within(date, end, first, last)` | whether certainly |
//!
//! The table functions are the recipes of `docs/sql.md`: plain
//! inequalities over the earliest and latest day columns, so that Parquet
//! row groups are skipped by their statistics, then, for the timeline, the
//! exact test of dates with gaps (one-of lists, unspecified digits) by
//! pactum's own parser.
//!
//! With the `distributed` feature, `distributed` runs the same SQL on
//! workers of `datafusion-distributed`, processes on other machines
//! (`docs/distributed.md`).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! use datafusion::prelude::SessionContext;
//!
//! let ctx = SessionContext::new();
//! pactum_sql::register_registry(&ctx, &pactum::seed()).await?;
//! let batches = ctx
//!     .sql("SELECT key, certain FROM in_force_on('2024-06-01') ORDER BY key")
//!     .await?
//!     .collect()
//!     .await?;
//! assert!(batches.iter().map(|b| b.num_rows()).sum::<usize>() > 0);
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "distributed")]
pub mod distributed;
mod functions;
mod tables;
mod udf;

pub use datafusion;
pub use functions::register_functions;
pub use tables::{register_parquet_dir, register_registry};
pub use udf::register_udfs;

/// The recipes of `docs/sql.md`, as SQL text that DataFusion and DuckDB
/// both run, with their example parameters in place: the window
/// `DATE '2023-01-01'` to `DATE '2023-12-31'`, the day `DATE '2024-06-01'`,
/// the institution `'i00001'` and the partnership or series `'eu-kr-dpc'`.
pub mod recipes {
    /// Every event possibly in a window, with `certain`.
    pub const TIMELINE: &str = include_str!("../recipes/timeline.sql");
    /// The agreements possibly in force on a day, with `certain`.
    pub const IN_FORCE_ON: &str = include_str!("../../docs/in_force_on.sql");
    /// The agreements possibly in force for an institution on a day, with
    /// `certain`.
    pub const IN_FORCE_FOR: &str = include_str!("../../docs/in_force_for_party.sql");
    /// The commitments possibly overdue on a day, with `certain`.
    pub const OVERDUE: &str = include_str!("../recipes/overdue.sql");
    /// The next meeting of the partnership or series `'eu-kr-dpc'` after
    /// the day, with `certain`.
    pub const NEXT_MEETING: &str = include_str!("../recipes/next_meeting.sql");
    /// The previous meeting of the partnership or series `'eu-kr-dpc'`
    /// before the day, with `certain`.
    pub const PREVIOUS_MEETING: &str = include_str!("../recipes/previous_meeting.sql");
    /// The gaps in days between consecutive meetings of the partnership or
    /// series `'eu-kr-dpc'`.
    pub const CADENCE: &str = include_str!("../recipes/cadence.sql");
}
