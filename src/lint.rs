//! Lints: warnings about valid data that is worth a second look.
//!
//! A dataset with lints loads; [`Registry::lint`] lists them, each with its
//! [`Rule`] (`P-W…`), the entity, the path of the field and a message. Lints
//! that depend on time take the day to judge by: there is no implicit "today".

use chrono::NaiveDate;

use crate::model::commitment::Commitment;
use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::{Entity, Key};
use crate::model::institution::Institution;
use crate::model::meeting::{Meeting, MeetingStatus};
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::source::Provenance;
use crate::registry::Registry;

/// Collects lints for one entity at a time, prefixing paths with the entity's
/// place in the registry (`meetings[4]`).
struct Linter {
    out: Vec<Diagnostic>,
}

impl Linter {
    fn push<E: Entity>(
        &mut self,
        rule: Rule,
        index: usize,
        entity: &E,
        path: &str,
        message: String,
    ) {
        let prefix = format!("{}[{index}]", E::KIND.plural());
        self.out.push(
            Diagnostic::new(
                rule,
                Some(E::KIND),
                Some(entity.key().as_str()),
                path,
                message,
            )
            .at(&prefix),
        );
    }

    fn provenance<E: Entity>(&mut self, index: usize, entity: &E, provenance: &Provenance) {
        if provenance.source_keys().next().is_none() {
            self.push(
                Rule::NoSource,
                index,
                entity,
                "sources",
                "cites no source: expected at least 1 source key".to_owned(),
            );
        }
        for field in provenance.disputed_fields() {
            let values: Vec<String> = provenance
                .claims_about(field)
                .map(|c| {
                    let sources: Vec<&str> = c.sources().iter().map(Key::as_str).collect();
                    format!("{} ({})", c.value(), sources.join(", "))
                })
                .collect();
            self.push(
                Rule::DisputedClaim,
                index,
                entity,
                "claims",
                format!("sources disagree on {field}: {}", values.join(" vs ")),
            );
        }
    }
}

impl Registry {
    /// Every lint of the dataset as of `day`, in registry order by entity
    /// kind (sources, tech areas, institutions, partnerships, meetings, MOUs,
    /// commitments).
    ///
    /// | rule | warns about |
    /// | --- | --- |
    /// | `P-W001` | a meeting still scheduled although its date certainly passed before `day` |
    /// | `P-W002` | an open commitment whose due date certainly passed before `day` |
    /// | `P-W003` | a chair acting for an institution that is neither a party of the meeting's partnership nor under one |
    /// | `P-W004` | an entity that cites no source |
    /// | `P-W005` | an MOU or partnership with no technology area |
    /// | `P-W006` | an MOU that entered into force certainly before it was signed |
    /// | `P-W007` | a field on which sources disagree |
    /// | `P-W008` | a meeting that declares more agreements signed than the dataset lists |
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::Rule;
    ///
    /// let registry = pactum::seed();
    /// let lints = registry.lint(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// let stale: Vec<_> = lints
    ///     .iter()
    ///     .filter(|d| d.rule() == Rule::StaleScheduled)
    ///     .filter_map(|d| d.key())
    ///     .collect();
    /// assert_eq!(stale, ["eu-kr-dpc-3", "kr-us-industrial-tech-forum-2023"]);
    /// ```
    pub fn lint(&self, day: NaiveDate) -> Vec<Diagnostic> {
        let mut l = Linter { out: Vec::new() };
        for (i, a) in self.dataset_tech_areas().iter().enumerate() {
            l.provenance(i, a, a.provenance());
        }
        for (i, inst) in self.institutions().iter().enumerate() {
            l.provenance(i, inst, inst.provenance());
        }
        for (i, p) in self.partnerships().iter().enumerate() {
            l.provenance(i, p, p.provenance());
            if p.tech_areas().is_empty() {
                l.no_tech_area(i, p);
            }
        }
        for (i, m) in self.meetings().iter().enumerate() {
            l.meeting(self, day, i, m);
        }
        for (i, mou) in self.mous().iter().enumerate() {
            l.mou(i, mou);
        }
        for (i, c) in self.commitments().iter().enumerate() {
            l.commitment(day, i, c);
        }
        l.out
    }
}

impl Linter {
    /// Warns about an agreement with no technology area: questions by area miss it.
    fn no_tech_area<E: Entity>(&mut self, index: usize, entity: &E) {
        self.push(
            Rule::NoTechArea,
            index,
            entity,
            "tech_areas",
            "names no technology area: expected at least 1 tech area key".to_owned(),
        );
    }

    /// Lints meeting `i`: its sources, a stale status, its chairs and its declared agreements.
    fn meeting(&mut self, reg: &Registry, day: NaiveDate, i: usize, m: &Meeting) {
        self.provenance(i, m, m.provenance());
        // A meeting of several days has passed once its last day has.
        let (field, last) = match m.end() {
            Some(end) => ("end", end),
            None => ("date", m.date()),
        };
        if m.status() == MeetingStatus::Scheduled && last.certainly_before(day) {
            self.push(
                Rule::StaleScheduled,
                i,
                m,
                "status",
                format!(
                    "still scheduled although its {field} {last} certainly passed before {day}: expected held, postponed or cancelled",
                ),
            );
        }
        if let Some(partnership) = m.partnership().and_then(|k| reg.partnership(k.as_str())) {
            self.chairs(reg, i, m, partnership);
        }
        if let Some(declared) = m.agreements_signed() {
            self.agreements_signed(reg, i, m, declared);
        }
    }

    /// Warns about chairs acting for an institution outside `partnership`, most often a typo.
    fn chairs(&mut self, reg: &Registry, i: usize, m: &Meeting, partnership: &Partnership) {
        for (c, chair) in m.chairs().iter().enumerate() {
            let Some(inst) = chair.institution() else {
                continue;
            };
            let parties = partnership.parties();
            if !parties
                .iter()
                .any(|p| reg.is_under(inst.as_str(), p.as_str()))
            {
                self.push(
                    Rule::ChairNotParty,
                    i,
                    m,
                    &format!("chairs[{c}].institution"),
                    format!(
                        "{} acts for {inst}, which is neither a party of partnership {:?} nor under one: expected one of {}",
                        chair.name(),
                        partnership.key().as_str(),
                        join_keys(parties)
                    ),
                );
            }
        }
    }

    /// Warns when `m` declares more agreements than MOUs name it: the dataset misses some.
    fn agreements_signed(&mut self, reg: &Registry, i: usize, m: &Meeting, declared: u32) {
        let listed = reg
            .mous()
            .iter()
            .filter(|mou| mou.meeting().is_some_and(|k| k == m.key().as_str()))
            .count();
        if usize::try_from(declared).is_ok_and(|d| d > listed) {
            self.push(
                Rule::UnlistedAgreements,
                i,
                m,
                "agreements_signed",
                format!("declares {declared} agreements signed but the dataset lists {listed}"),
            );
        }
    }

    /// Lints MOU `i`: its sources, its areas, and an entry into force before its signature.
    fn mou(&mut self, i: usize, mou: &Mou) {
        self.provenance(i, mou, mou.provenance());
        if mou.tech_areas().is_empty() {
            self.no_tech_area(i, mou);
        }
        if let Some(entry) = mou.entry_into_force() {
            if entry.latest_day_number() < mou.signed().earliest_day_number() {
                self.push(
                    Rule::RetroactiveEntry,
                    i,
                    mou,
                    "entry_into_force",
                    format!(
                        "enters into force on {entry}, before it was signed on {}: applied retroactively",
                        mou.signed()
                    ),
                );
            }
        }
    }

    /// Lints commitment `i`: its sources, and a due date passed while it is still open.
    fn commitment(&mut self, day: NaiveDate, i: usize, c: &Commitment) {
        self.provenance(i, c, c.provenance());
        if c.is_overdue(day) {
            if let Some(due) = c.due() {
                self.push(
                    Rule::OverdueCommitment,
                    i,
                    c,
                    "status",
                    format!("still open although it was due by {due}, which certainly passed before {day}: expected met, missed or dropped"),
                );
            }
        }
    }
}

fn join_keys(keys: &[Key<Institution>]) -> String {
    keys.iter().map(Key::as_str).collect::<Vec<_>>().join(", ")
}
