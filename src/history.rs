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
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::id::Key;
use crate::institution::Institution;
use crate::query::Event;
use crate::registry::Registry;
use crate::validate::{Checker, DateInput};

/// A name an institution used before a rename, with the day the next name
/// took effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FormerName {
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acronym: Option<Box<str>>,
    renamed: Date,
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
    institution: Key<Institution>,
    date: Date,
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
    pub(crate) institution: String,
    pub(crate) date: DateInput,
}

/// Converts the former names of an institution, reporting every problem.
pub(crate) fn former_names(ck: &mut Checker<'_>, raws: Vec<RawFormerName>) -> Vec<FormerName> {
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.into_iter().enumerate() {
        let path = format!("former_names[{i}]");
        let name = ck.text(&format!("{path}.name"), raw.name);
        let acronym = ck.opt_text(&format!("{path}.acronym"), raw.acronym);
        let renamed = ck.date(&format!("{path}.renamed"), raw.renamed);
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
        let path = format!("predecessors[{i}]");
        let key = ck.key::<Institution>(&format!("{path}.institution"), &raw.institution);
        let date = ck.date(&format!("{path}.date"), raw.date);
        let (Some(key), Some(date)) = (key, date) else {
            continue;
        };
        if own == Some(&key) {
            ck.report(
                crate::diagnostic::Rule::Cycle,
                format!("{path}.institution"),
                "an institution cannot be its own predecessor",
            );
        } else if out.iter().any(|s| s.institution == key) {
            ck.report(
                crate::diagnostic::Rule::DuplicateReference,
                format!("{path}.institution"),
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

impl Registry {
    /// The institutions that took over the institution with `key`, directly,
    /// in key order. Empty when it was never succeeded or the key is unknown.
    pub fn successors(&self, key: &str) -> Vec<&Institution> {
        let mut out: Vec<&Institution> = self
            .institutions()
            .iter()
            .filter(|i| i.predecessors().iter().any(|s| s.institution == key))
            .collect();
        out.sort_by(|a, b| a.key().cmp(b.key()));
        out
    }

    /// The institutions the institution with `key` took over, directly, in
    /// the order recorded.
    pub fn predecessors_of(&self, key: &str) -> Vec<&Institution> {
        self.institution(key)
            .map(|i| {
                i.predecessors()
                    .iter()
                    .filter_map(|s| self.institution(s.institution.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The institution with `key` and every institution it took over,
    /// directly or through earlier successions, nearest first. Empty for an
    /// unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.lineage("kr-msit").iter().map(|i| i.key().as_str()).collect();
    /// assert_eq!(keys, ["kr-msit", "kr-msip"]);
    /// ```
    pub fn lineage(&self, key: &str) -> Vec<&Institution> {
        let Some(root) = self.institution(key) else {
            return Vec::new();
        };
        let mut out = vec![root];
        let mut i = 0;
        while let Some(current) = out.get(i) {
            let next: Vec<&Institution> = self
                .predecessors_of(current.key().as_str())
                .into_iter()
                .filter(|p| !out.iter().any(|o| o.key() == p.key()))
                .collect();
            for p in next {
                // A merger can reach one predecessor twice.
                if !out.iter().any(|o| o.key() == p.key()) {
                    out.push(p);
                }
            }
            i += 1;
        }
        out
    }

    /// The institutions that carry on the work of the institution with
    /// `key` today: following successions forward to institutions nobody has
    /// taken over. The institution itself when it was never succeeded; empty
    /// for an unknown key.
    pub fn current_successors(&self, key: &str) -> Vec<&Institution> {
        let Some(start) = self.institution(key) else {
            return Vec::new();
        };
        let mut seen: Vec<&Institution> = vec![start];
        let mut out: Vec<&Institution> = Vec::new();
        let mut i = 0;
        while let Some(current) = seen.get(i).copied() {
            let next = self.successors(current.key().as_str());
            if next.is_empty() {
                out.push(current);
            }
            for s in next {
                if !seen.iter().any(|o| o.key() == s.key()) {
                    seen.push(s);
                }
            }
            i += 1;
        }
        out.sort_by(|a, b| a.key().cmp(b.key()));
        out
    }

    /// The events that involve the institution with `key`, its
    /// sub-institutions, or any institution in its [lineage](Self::lineage)
    /// and theirs, in chronological order: what a ministry of today and the
    /// ministries it succeeded did.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Date, Institution, InstitutionKind, Mou, Registry};
    ///
    /// let mut reg = Registry::new();
    /// reg.insert(Institution::builder("old", "Ministry of Old Affairs", InstitutionKind::Ministry, "KR").build()?)?;
    /// reg.insert(Institution::builder("other", "Other Ministry", InstitutionKind::Ministry, "KR").build()?)?;
    /// reg.insert(Institution::builder("new", "Ministry of New Affairs", InstitutionKind::Ministry, "KR")
    ///     .predecessor("old", Date::parse("2017-07-26")?)
    ///     .build()?)?;
    /// reg.insert(Mou::builder("mou-2016", "An MOU of 2016", Date::parse("2016-05-02")?)
    ///     .signatory("old").signatory("other").build()?)?;
    /// let keys: Vec<&str> = reg.involving_with_predecessors("new").iter().map(|e| e.key()).collect();
    /// assert_eq!(keys, ["mou-2016"]);
    /// assert!(reg.involving("new").is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn involving_with_predecessors(&self, key: &str) -> Vec<Event<'_>> {
        let mut events: Vec<Event<'_>> = self
            .lineage(key)
            .iter()
            .flat_map(|i| self.involving(i.key().as_str()))
            .collect();
        events.sort_unstable();
        events.dedup();
        events
    }

    /// The institutions that were possibly called `name` on `day`: a lookup
    /// ([`Registry::lookup_institution`]) limited to the names possibly in
    /// use that day, and to institutions not certainly taken over before it.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let registry = pactum::seed();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let keys = |d| -> Vec<String> {
    ///     registry.institutions_called_on("Ministry of Science, ICT and Future Planning", d)
    ///         .iter().map(|i| i.key().to_string()).collect()
    /// };
    /// assert_eq!(keys(day(2016, 1, 1)), ["kr-msip"]);
    /// assert!(keys(day(2018, 1, 1)).is_empty());
    /// ```
    pub fn institutions_called_on(&self, name: &str, day: NaiveDate) -> Vec<&Institution> {
        let wanted = crate::names::normalize(name);
        let mut out: Vec<&Institution> = self
            .institutions()
            .iter()
            .filter(|i| {
                let gone = self
                    .successors(i.key().as_str())
                    .iter()
                    .filter_map(|s| s.predecessors().iter().find(|p| p.institution == *i.key()))
                    .any(|p| !p.date.possibly_after(day));
                !gone && called_on(i, &wanted, day)
            })
            .collect();
        out.sort_by(|a, b| a.key().cmp(b.key()));
        out
    }
}

/// Whether `normalized` names `inst` (key, a name or an acronym in use) on `day`.
fn called_on(inst: &Institution, normalized: &str, day: NaiveDate) -> bool {
    use crate::names::normalize;
    if normalize(inst.key().as_str()) == normalized {
        return true;
    }
    let current = inst.names_on(day).contains(&inst.name());
    if current
        && (std::iter::once(inst.name())
            .chain(inst.acronym())
            .chain(inst.aliases())
            .any(|n| normalize(n) == normalized))
    {
        return true;
    }
    let mut former: Vec<&FormerName> = inst.former_names().iter().collect();
    former.sort_by(|a, b| a.renamed.cmp(&b.renamed));
    let mut previous: Option<&Date> = None;
    for f in former {
        let started = previous.map_or(true, |p| !p.certainly_after(day));
        if started
            && f.renamed.possibly_after(day)
            && std::iter::once(f.name())
                .chain(f.acronym())
                .any(|n| normalize(n) == normalized)
        {
            return true;
        }
        previous = Some(&f.renamed);
    }
    false
}
