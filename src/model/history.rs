//! Institution history: renames and successions, with their dates.
//!
//! Ministries are reorganised and agencies renamed, and sources keep using
//! the names of their day. pactum records two kinds of change on the
//! institution that exists afterwards:
//!
//! - a **rename** keeps the institution and its key: the old name goes into
//!   its `former_names` with the day the new name took effect
//!   ([`FormerName`]);
//! - a **succession** ends one institution and hands its work to another:
//!   the successor lists the institution it took over in its `predecessors`
//!   with the day it took over ([`Succession`]). Several predecessors make a
//!   merger; an institution listed by several successors was split.
//!
//! An old name still resolves ([`Registry::lookup_institution`] matches former
//! names, and a predecessor keeps its own entry), and a question about the
//! institution of today can include what its predecessors did
//! ([`Registry::involving_with_predecessors`]).
//!
//! ```
//! let registry = pactum::seed();
//! let msip = registry.lookup_institution("MSIP").unique().expect("one match");
//! assert_eq!(msip.key().as_str(), "kr-msip");
//! let now: Vec<&str> = registry
//!     .current_successors("kr-msip")
//!     .iter()
//!     .map(|i| i.key().as_str())
//!     .collect();
//! assert_eq!(now, ["kr-msit"]);
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::model::check::{Checker, DateInput, RefPath};
use crate::model::id::Key;
use crate::model::institution::Institution;

/// A name an institution used before a rename, with the day the next name
/// took effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FormerName {
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acronym: Option<Box<str>>,
    pub(crate) renamed: Date,
}

impl FormerName {
    /// The former name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The acronym used with the former name (`KOTEF`).
    pub fn acronym(&self) -> Option<&str> {
        self.acronym.as_deref()
    }
    /// The day the institution was renamed: the former name was in use
    /// before it, the next name from it.
    pub fn renamed(&self) -> &Date {
        &self.renamed
    }
}

/// The taking over of one institution by another: recorded on the
/// successor, naming the predecessor and the day it took over.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Succession {
    pub(crate) institution: Key<Institution>,
    pub(crate) date: Date,
}

impl Succession {
    /// The predecessor: the institution that was taken over.
    pub fn institution(&self) -> &Key<Institution> {
        &self.institution
    }
    /// The day the successor took over: the predecessor no longer acts from
    /// that day.
    pub fn date(&self) -> &Date {
        &self.date
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFormerName {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) acronym: Option<String>,
    pub(crate) renamed: DateInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSuccession {
    pub(crate) institution: CompactString,
    pub(crate) date: DateInput,
}

/// Converts the former names of an institution, reporting every problem.
pub(crate) fn former_names(ck: &mut Checker<'_>, raws: Vec<RawFormerName>) -> Vec<FormerName> {
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let at = RefPath::item("former_names", i);
        let name = ck.text(at.sub("name"), raw.name);
        let acronym = ck.opt_text(at.sub("acronym"), raw.acronym);
        let renamed = ck.date(at.sub("renamed"), raw.renamed);
        if let (Some(name), Some(acronym), Some(renamed)) = (name, acronym, renamed) {
            out.push(FormerName {
                name,
                acronym,
                renamed,
            });
        }
    }
    out
}

/// Converts the predecessors of an institution, reporting every problem.
pub(crate) fn successions(
    ck: &mut Checker<'_>,
    own: Option<&Key<Institution>>,
    raws: Vec<RawSuccession>,
) -> Vec<Succession> {
    let mut out: Vec<Succession> = Vec::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let at = RefPath::item("predecessors", i);
        let key = ck.owned_key::<Institution>(at.sub("institution"), raw.institution);
        let date = ck.date(at.sub("date"), raw.date);
        let (Some(key), Some(date)) = (key, date) else {
            continue;
        };
        if own == Some(&key) {
            ck.report(
                crate::model::diagnostic::Rule::Cycle,
                at.sub("institution"),
                "an institution cannot be its own predecessor",
            );
        } else if out.iter().any(|s| s.institution == key) {
            ck.report(
                crate::model::diagnostic::Rule::DuplicateReference,
                at.sub("institution"),
                format!("{:?} is listed twice", key.as_str()),
            );
        } else {
            out.push(Succession {
                institution: key,
                date,
            });
        }
    }
    out
}

impl Institution {
    /// The names possibly in use on `day`: a former name until its rename
    /// certainly took effect, the current name once a rename possibly did.
    /// A vague rename date makes both names possible on the days it covers.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{Date, Institution, InstitutionKind};
    ///
    /// let agency = Institution::builder("xx-agency", "Agency for Digital Affairs", InstitutionKind::Agency, "KR")
    ///     .former_name("Office for Computing", Some("OFC"), Date::parse("2015-03-01")?)
    ///     .build()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(agency.names_on(day(2014, 1, 1)), ["Office for Computing"]);
    /// assert_eq!(agency.names_on(day(2015, 3, 1)), ["Agency for Digital Affairs"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn names_on(&self, day: NaiveDate) -> Vec<&str> {
        let mut former: Vec<&FormerName> = self.former_names().iter().collect();
        former.sort_by(|a, b| a.renamed.cmp(&b.renamed));
        let mut out = Vec::new();
        let mut previous: Option<&Date> = None;
        for f in &former {
            // In use from the previous rename (if any) until this one.
            let started = previous.map_or(true, |p| !p.certainly_after(day));
            if started && f.renamed.possibly_after(day) {
                out.push(f.name());
            }
            previous = Some(&f.renamed);
        }
        if previous.map_or(true, |p| !p.certainly_after(day)) {
            out.push(self.name());
        }
        out
    }
}
