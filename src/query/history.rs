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

use crate::date::Date;
use crate::event::Event;
use crate::model::institution::FormerName;
use crate::model::institution::Institution;
use crate::registry::Registry;
use chrono::NaiveDate;

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
    /// assert_eq!(reg.involving("new").count(), 0);
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
        // Institutions certainly taken over by `day`, found in one pass.
        let gone: std::collections::HashSet<&str> = self
            .institutions()
            .iter()
            .flat_map(|i| i.predecessors())
            .filter(|s| !s.date.possibly_after(day))
            .map(|s| s.institution.as_str())
            .collect();
        let mut out: Vec<&Institution> = self
            .institutions()
            .iter()
            .filter(|i| !gone.contains(i.key().as_str()) && called_on(i, &wanted, day))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Rule;
    use crate::{InstitutionKind, LoadError, Mou};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn ministry(key: &str, name: &str) -> crate::InstitutionBuilder {
        Institution::builder(key, name, InstitutionKind::Ministry, "KR")
    }

    fn keys(list: &[&Institution]) -> Vec<String> {
        list.iter().map(|i| i.key().to_string()).collect()
    }

    fn load_error(text: &str) -> Vec<String> {
        match Registry::from_json_str(text) {
            Err(LoadError::Invalid(e)) => e.diagnostics().iter().map(|d| d.to_string()).collect(),
            other => panic!("expected an invalid dataset, got {other:?}"),
        }
    }

    #[test]
    fn msit_succeeded_msip_on_2017_07_26_in_the_seed() {
        let reg = crate::seed();
        let msit = reg.institution("kr-msit").unwrap();
        let [succession] = msit.predecessors() else {
            panic!("one predecessor");
        };
        assert_eq!(succession.institution().as_str(), "kr-msip");
        assert_eq!(succession.date().to_string(), "2017-07-26");
        assert_eq!(keys(&reg.successors("kr-msip")), ["kr-msit"]);
        assert_eq!(keys(&reg.current_successors("kr-msit")), ["kr-msit"]);
        let called = |d| keys(&reg.institutions_called_on("MSIP", d));
        assert_eq!(called(day(2017, 7, 25)), ["kr-msip"]);
        assert!(called(day(2017, 7, 26)).is_empty());
        let called = |d| keys(&reg.institutions_called_on("Ministry of Science and ICT", d));
        assert_eq!(called(day(2017, 7, 26)), ["kr-msit"]);
    }

    #[test]
    fn a_rename_changes_the_name_in_use_on_its_day() {
        let inst = ministry("xx", "Third Name")
            .former_name("Second Name", None, date("2012-01-01"))
            .former_name("First Name", Some("FN"), date("2005-06-01"))
            .build()
            .unwrap();
        assert_eq!(inst.names_on(day(2005, 5, 31)), ["First Name"]);
        assert_eq!(inst.names_on(day(2005, 6, 1)), ["Second Name"]);
        assert_eq!(inst.names_on(day(2011, 12, 31)), ["Second Name"]);
        assert_eq!(inst.names_on(day(2012, 1, 1)), ["Third Name"]);
    }

    /// A former name is found on the days it was in use: after the
    /// rename before it and before its own, not before the body bore it.
    #[test]
    fn a_body_is_called_by_a_former_name_only_while_it_bore_it() {
        let mut reg = Registry::new();
        let inst = ministry("xx", "Third Name")
            .former_name("Second Name", None, date("2012-01-01"))
            .former_name("First Name", Some("FN"), date("2005-06-01"))
            .build()
            .unwrap();
        reg.insert(inst).unwrap();
        let called = |name: &str, d| keys(&reg.institutions_called_on(name, d));
        assert_eq!(called("First Name", day(2005, 5, 31)), ["xx"]);
        assert!(called("First Name", day(2005, 6, 1)).is_empty());
        assert!(called("Second Name", day(2004, 1, 1)).is_empty());
        assert_eq!(called("Second Name", day(2010, 1, 1)), ["xx"]);
        assert!(called("Second Name", day(2012, 1, 1)).is_empty());
        assert_eq!(called("Third Name", day(2012, 1, 1)), ["xx"]);
    }

    #[test]
    fn a_vague_rename_leaves_both_names_possible_within_its_range() {
        let inst = ministry("xx", "New Name")
            .former_name("Old Name", None, date("2015"))
            .build()
            .unwrap();
        assert_eq!(inst.names_on(day(2014, 12, 31)), ["Old Name"]);
        assert_eq!(inst.names_on(day(2015, 6, 1)), ["Old Name", "New Name"]);
        assert_eq!(inst.names_on(day(2016, 1, 1)), ["New Name"]);
    }

    #[test]
    fn a_former_name_resolves_only_for_days_it_was_in_use() {
        let mut reg = Registry::new();
        let inst = ministry("xx-agency", "Agency for Digital Affairs")
            .former_name("Office for Computing", Some("OFC"), date("2015-03-01"))
            .build()
            .unwrap();
        reg.insert(inst).unwrap();
        let called = |name, d| keys(&reg.institutions_called_on(name, d));
        assert_eq!(called("OFC", day(2015, 2, 28)), ["xx-agency"]);
        assert!(called("OFC", day(2015, 3, 1)).is_empty());
        assert!(called("Agency for Digital Affairs", day(2015, 2, 28)).is_empty());
        assert_eq!(
            called("agency for digital affairs", day(2015, 3, 1)),
            ["xx-agency"]
        );
        // The key names the institution whatever the day.
        assert_eq!(called("xx-agency", day(1990, 1, 1)), ["xx-agency"]);
    }

    #[test]
    fn an_institution_cannot_be_its_own_predecessor() {
        let err = ministry("xx", "X")
            .predecessor("xx", date("2017"))
            .build()
            .unwrap_err();
        assert_eq!(err.diagnostics()[0].rule(), Rule::Cycle);
        assert_eq!(
            err.diagnostics()[0].to_string(),
            r#"institution "xx": predecessors[0].institution: an institution cannot be its own predecessor"#
        );
    }

    #[test]
    fn a_predecessor_listed_twice_is_rejected() {
        let err = ministry("xx", "X")
            .predecessor("old", date("2017"))
            .predecessor("old", date("2018"))
            .build()
            .unwrap_err();
        assert_eq!(err.diagnostics()[0].rule(), Rule::DuplicateReference);
        assert_eq!(err.diagnostics()[0].path(), "predecessors[1].institution");
    }

    #[test]
    fn a_cycle_of_successions_is_rejected() {
        let problems = load_error(
            r#"{"pactum": 1, "institutions": [
                {"key": "a", "name": "A", "kind": "ministry", "country": "KR", "predecessors": [{"institution": "b", "date": "2001"}]},
                {"key": "b", "name": "B", "kind": "ministry", "country": "KR", "predecessors": [{"institution": "a", "date": "2002"}]}
            ]}"#,
        );
        assert_eq!(
            problems,
            [
                r#"institution "a": institutions[0].predecessors: the successions between institutions have a cycle: a -> b -> a"#,
                r#"institution "b": institutions[1].predecessors: the successions between institutions have a cycle: b -> a -> b"#,
            ]
        );
    }

    #[test]
    fn a_dangling_predecessor_and_a_bad_rename_date_are_reported_with_their_paths() {
        let problems = load_error(
            r#"{"pactum": 1, "institutions": [
                {"key": "kr-msip", "name": "MSIP", "kind": "ministry", "country": "KR"},
                {"key": "kr-msit", "name": "MSIT", "kind": "ministry", "country": "KR",
                 "predecessors": [{"institution": "kr-msiq", "date": "2017-07-26"}]},
                {"key": "kr-x", "name": "X", "kind": "agency", "country": "KR",
                 "former_names": [{"name": "Y", "renamed": "2017-02-30"}]}
            ]}"#,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0]
            .starts_with(r#"institution "kr-x": institutions[2].former_names[0].renamed: "#));
        assert_eq!(
            problems[1],
            r#"institution "kr-msit": institutions[1].predecessors[0].institution: unknown institution "kr-msiq"; did you mean "kr-msip"?"#
        );
    }

    #[test]
    fn a_predecessor_cannot_be_removed_while_its_successor_names_it() {
        let mut reg = crate::seed();
        let err = reg.remove::<Institution>("kr-msip").unwrap_err();
        assert_eq!(err.diagnostics()[0].rule(), Rule::StillReferenced);
        assert!(reg.institution("kr-msip").is_some());
    }

    #[test]
    fn history_is_saved_and_loaded_without_loss() {
        let mut reg = Registry::new();
        reg.insert(ministry("old", "Old Ministry").build().unwrap())
            .unwrap();
        reg.insert(
            ministry("new", "New Ministry")
                .former_name("Interim Ministry", Some("IM"), date("2019-03"))
                .predecessor("old", date("2018~"))
                .build()
                .unwrap(),
        )
        .unwrap();
        let saved = reg.to_json_string();
        assert!(saved.contains(r#""renamed": "2019-03""#), "{saved}");
        assert!(saved.contains(r#""date": "2018~""#), "{saved}");
        let again = Registry::from_json_str(&saved).unwrap();
        assert_eq!(again.institution("new"), reg.institution("new"));
        assert_eq!(again.to_json_string(), saved);
    }

    #[test]
    fn a_merger_joins_lineages_and_a_split_gives_two_successors() {
        let mut reg = Registry::new();
        for key in ["a", "b", "other"] {
            reg.insert(ministry(key, "M").build().unwrap()).unwrap();
        }
        let merged = ministry("ab", "Merged")
            .predecessor("a", date("2010"))
            .predecessor("b", date("2010"))
            .build()
            .unwrap();
        reg.insert(merged).unwrap();
        for key in ["ab-1", "ab-2"] {
            let part = ministry(key, "Part").predecessor("ab", date("2020"));
            reg.insert(part.build().unwrap()).unwrap();
        }
        assert_eq!(keys(&reg.lineage("ab-1")), ["ab-1", "ab", "a", "b"]);
        assert_eq!(keys(&reg.current_successors("a")), ["ab-1", "ab-2"]);
        assert!(reg.current_successors("nope").is_empty());
        reg.insert(
            Mou::builder("m", "An MOU", date("2005-01-01"))
                .signatory("b")
                .signatory("other")
                .build()
                .unwrap(),
        )
        .unwrap();
        let events: Vec<&str> = reg
            .involving_with_predecessors("ab-2")
            .iter()
            .map(|e| e.key())
            .collect();
        assert_eq!(events, ["m"]);
        assert!(reg.involving_with_predecessors("a").is_empty());
    }

    #[test]
    fn an_institution_taken_over_no_longer_answers_to_its_name() {
        let mut reg = Registry::new();
        reg.insert(ministry("old", "Ministry of Things").build().unwrap())
            .unwrap();
        reg.insert(
            ministry("new", "Ministry of Things")
                .predecessor("old", date("2010-01-01"))
                .build()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            keys(&reg.institutions_called_on("Ministry of Things", day(2009, 12, 31))),
            ["new", "old"]
        );
        assert_eq!(
            keys(&reg.institutions_called_on("Ministry of Things", day(2010, 1, 1))),
            ["new"]
        );
    }
}
