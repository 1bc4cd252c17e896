//! Lints: warnings about valid data that is worth a second look.
//!
//! A dataset with lints loads; [`Registry::lint`] lists them, each with its
//! [`Rule`] (`P-W…`), the entity, the path of the field and a message. Lints
//! that depend on time take the day to judge by: there is no implicit "today".

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::date::Date;
use crate::model::commitment::{Commitment, Origin};
use crate::model::country::Country;
use crate::model::diagnostic::{Diagnostic, Rule};
use crate::model::id::{Entity, Key};
use crate::model::institution::Institution;
use crate::model::meeting::{Meeting, MeetingStatus};
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::party::{ActionKind, PartyAction};
use crate::model::source::Provenance;
use crate::query::Affiliation;
use crate::registry::Registry;

/// Which lints to report: the rules on by default
/// ([`Rule::is_on_by_default`]: every lint but `P-W014`), with rules turned
/// on or off by the caller.
///
/// A command-line tool maps its rule selection onto it: `--rule P-W014`
/// turns a rule on ([`with`](LintSelection::with), after
/// [`Rule::from_code`]), and a selection that names rules to show only
/// those is [`only`](LintSelection::only).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use pactum::{LintSelection, Rule};
///
/// let registry = pactum::seed();
/// let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let uncited = |lints: &[pactum::Diagnostic]| {
///     lints.iter().filter(|d| d.rule() == Rule::UncitedValue).count()
/// };
/// // Off by default, and the seed cites every value anyway.
/// assert_eq!(uncited(&registry.lint(day)), 0);
/// let selection = LintSelection::default().with("P-W014".parse::<Rule>()?);
/// assert!(selection.is_on(Rule::UncitedValue));
/// assert_eq!(uncited(&registry.lint_with(day, &selection)), 0);
/// # Ok::<(), pactum::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintSelection {
    on: BTreeSet<Rule>,
}

impl Default for LintSelection {
    /// The lints on by default: all but `P-W014`.
    fn default() -> LintSelection {
        LintSelection {
            on: lints().filter(|r| r.is_on_by_default()).collect(),
        }
    }
}

/// Every lint rule.
fn lints() -> impl Iterator<Item = Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(|r| r.severity() == crate::model::diagnostic::Severity::Warning)
}

impl LintSelection {
    /// Every lint, those off by default included.
    pub fn all() -> LintSelection {
        LintSelection {
            on: lints().collect(),
        }
    }
    /// Only the lints among `rules` (errors among them are ignored: they
    /// are not lints).
    pub fn only(rules: impl IntoIterator<Item = Rule>) -> LintSelection {
        let on = rules
            .into_iter()
            .filter(|r| r.severity() == crate::model::diagnostic::Severity::Warning)
            .collect();
        LintSelection { on }
    }
    /// The same selection with `rule` turned on.
    pub fn with(mut self, rule: Rule) -> LintSelection {
        if rule.severity() == crate::model::diagnostic::Severity::Warning {
            self.on.insert(rule);
        }
        self
    }
    /// The same selection with `rule` turned off.
    pub fn without(mut self, rule: Rule) -> LintSelection {
        self.on.remove(&rule);
        self
    }
    /// Whether `rule` is reported.
    pub fn is_on(&self, rule: Rule) -> bool {
        self.on.contains(&rule)
    }
    /// The rules reported, in code order.
    pub fn rules(&self) -> impl Iterator<Item = Rule> + '_ {
        self.on.iter().copied()
    }
}

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
    /// | `P-W002` | a commitment past due, no outcome on record: open, and its due date certainly passed before `day` |
    /// | `P-W003` | a chair acting for an institution that is neither a party of the meeting's partnership nor under one |
    /// | `P-W004` | an entity that cites no source |
    /// | `P-W005` | an MOU or partnership with no technology area |
    /// | `P-W006` | an MOU that entered into force, expired or was terminated certainly before it was signed |
    /// | `P-W007` | a field on which sources disagree |
    /// | `P-W008` | a meeting that declares more agreements signed than the dataset lists |
    /// | `P-W009` | a succession that takes effect before its notification |
    /// | `P-W010` | a ratification, acceptance, approval or formal confirmation with no earlier signature |
    /// | `P-W011` | an agreement-level signature date that no party's signature supports |
    /// | `P-W012` | a signatory with no entry in the agreement's parties |
    /// | `P-W013` | consent actions with no entry into force: not in force on record |
    /// | `P-W014` | a value no citation supports and no claim marks inferred (off by default: see [`lint_with`](Registry::lint_with)) |
    /// | `P-W015` | an institution of a former state that signs an MOU, takes part in a meeting or owns a commitment made on or after the day it ceased to exist: its own succession date where a successor records one, else its state's dissolution day ([`Country::dissolved`](crate::Country::dissolved)) |
    /// | `P-W016` | a citation or claim naming a path inside a field (`chairs[3].title`) at which the entity holds no value |
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
        self.lint_with(day, &LintSelection::default())
    }

    /// The lints of the dataset as of `day` that `selection` turns on, in
    /// the order of [`lint`](Registry::lint), then the provenance lints
    /// `P-W016` and `P-W014` (see [`provenance`](crate::provenance)).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::{LintSelection, Rule};
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let stale_only = LintSelection::only([Rule::StaleScheduled]);
    /// let lints = registry.lint_with(day, &stale_only);
    /// assert!(lints.iter().all(|d| d.rule() == Rule::StaleScheduled));
    /// assert_eq!(lints.len(), 2);
    /// ```
    pub fn lint_with(&self, day: NaiveDate, selection: &LintSelection) -> Vec<Diagnostic> {
        let mut out = self.lint_all(day);
        out.retain(|d| selection.is_on(d.rule()));
        out.extend(self.provenance_lints(
            selection.is_on(Rule::UncitedValue),
            selection.is_on(Rule::UnknownProvenancePath),
        ));
        out
    }

    /// Every lint but the provenance ones.
    fn lint_all(&self, day: NaiveDate) -> Vec<Diagnostic> {
        let mut l = Linter { out: Vec::new() };
        let ends = Ends::of(self);
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
            for (at, key) in p.parties().iter().enumerate() {
                if let Some(record) = p.party_record(key.as_str()) {
                    l.party_actions(i, p, at, record.actions());
                }
            }
        }
        for (i, m) in self.meetings().iter().enumerate() {
            l.meeting(self, day, i, m);
            l.meeting_after_end(&ends, i, m);
        }
        for (i, mou) in self.mous().iter().enumerate() {
            l.mou(i, mou);
            l.mou_after_end(&ends, i, mou);
        }
        for (i, c) in self.commitments().iter().enumerate() {
            l.commitment(day, i, c);
            l.commitment_after_end(self, &ends, i, c);
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

    /// Lints MOU `i`: its sources, its areas, terms before its signature, and its parties.
    fn mou(&mut self, i: usize, mou: &Mou) {
        self.provenance(i, mou, mou.provenance());
        if mou.tech_areas().is_empty() {
            self.no_tech_area(i, mou);
        }
        let signed = mou.signed();
        let terms = [
            (
                "entry_into_force",
                "enters into force",
                mou.entry_into_force(),
            ),
            ("expiry", "expires", mou.expiry()),
            ("termination", "is terminated", mou.termination()),
        ];
        for (field, what, date) in terms {
            if let Some(date) =
                date.filter(|d| d.latest_day_number() < signed.earliest_day_number())
            {
                self.push(
                    Rule::RetroactiveEntry,
                    i,
                    mou,
                    field,
                    format!(
                        "{what} on {date}, before it was signed on {signed}: applied retroactively"
                    ),
                );
            }
        }
        if !mou.parties().is_empty() {
            self.mou_parties(i, mou);
        }
    }

    /// Lints the parties of MOU `i`: unusual sequences and gaps in the record.
    fn mou_parties(&mut self, i: usize, mou: &Mou) {
        for (p, party) in mou.parties().iter().enumerate() {
            self.party_actions(i, mou, p, party.actions());
        }
        for (s, signatory) in mou.signatories().iter().enumerate() {
            if mou.party(signatory.as_str()).is_none() {
                self.push(
                    Rule::SignatoryWithoutEntry,
                    i,
                    mou,
                    &format!("signatories[{s}]"),
                    format!(
                        "{signatory} has no entry in parties: it counts as a signatory, not bound"
                    ),
                );
            }
        }
        let signatures: Vec<&PartyAction> = mou
            .parties()
            .iter()
            .flat_map(|p| p.actions())
            .filter(|a| a.kind().is_signature())
            .collect();
        if !signatures.is_empty()
            && !signatures
                .iter()
                .any(|a| a.date().possibly_same_day(mou.signed()))
        {
            self.push(
                Rule::UnsupportedSigned,
                i,
                mou,
                "signed",
                format!(
                    "signed on {} agrees with no party's signature",
                    mou.signed()
                ),
            );
        }
        if !mou.in_force_on_record() {
            self.push(
                Rule::NotInForceOnRecord,
                i,
                mou,
                "entry_into_force",
                "parties consent to be bound but no entry into force is recorded: not in force on record".to_owned(),
            );
        }
    }

    /// Lints the actions of party `p` of agreement `i`.
    fn party_actions<E: Entity>(&mut self, i: usize, mou: &E, p: usize, actions: &[PartyAction]) {
        let mut signed = false;
        for (j, a) in actions.iter().enumerate() {
            let needs_signature = matches!(
                a.kind(),
                ActionKind::Ratification
                    | ActionKind::Acceptance
                    | ActionKind::Approval
                    | ActionKind::FormalConfirmation
            );
            if needs_signature && !signed {
                self.push(
                    Rule::ConsentWithoutSignature,
                    i,
                    mou,
                    &format!("parties[{p}].actions[{j}]"),
                    format!("{} with no earlier signature on record", a.kind()),
                );
            }
            signed |= a.kind().is_signature();
            if let (ActionKind::Succession, Some(effective)) = (a.kind(), a.effective()) {
                if effective.latest_day_number() < a.date().earliest_day_number() {
                    self.push(
                        Rule::SuccessionBeforeNotification,
                        i,
                        mou,
                        &format!("parties[{p}].actions[{j}].effective"),
                        format!(
                            "takes effect on {effective}, before its notification on {}",
                            a.date()
                        ),
                    );
                }
            }
        }
    }

    /// Lints commitment `i`: its sources, and a due date passed with no outcome on record.
    fn commitment(&mut self, day: NaiveDate, i: usize, c: &Commitment) {
        self.provenance(i, c, c.provenance());
        if c.is_overdue(day) {
            if let Some(due) = c.due() {
                self.push(
                    Rule::OverdueCommitment,
                    i,
                    c,
                    "status",
                    format!("past due, no outcome on record: due by {due}, which certainly passed before {day}; expected met, missed or dropped once a source reports it"),
                );
            }
        }
    }
}

fn join_keys(keys: &[Key<Institution>]) -> String {
    keys.iter().map(Key::as_str).collect::<Vec<_>>().join(", ")
}

/// Why and from when an institution of a former state no longer acts.
enum End<'r> {
    /// A successor records taking it over: it no longer acts from the last
    /// candidate day of `date`.
    TakenOver {
        by: &'r Key<Institution>,
        date: &'r Date,
        from: NaiveDate,
    },
    /// Its state was dissolved: it no longer acts from the first day the
    /// state no longer existed.
    Dissolved { country: Country, from: NaiveDate },
}

impl End<'_> {
    /// The first day on which it certainly no longer existed.
    fn from(&self) -> NaiveDate {
        match self {
            End::TakenOver { from, .. } | End::Dissolved { from, .. } => *from,
        }
    }

    /// Why, for a message.
    fn reason(&self, key: &str) -> String {
        match self {
            End::TakenOver { by, date, .. } => {
                format!("{key:?} was taken over by {:?} on {date}", by.as_str())
            }
            End::Dissolved { country, from } => format!(
                "{key:?} belongs to {} ({country}), which no longer existed from {from}",
                country.name()
            ),
        }
    }
}

/// When each institution of a former state ceased to act, by key: its own
/// succession date where a successor records one (an institution may
/// outlive its state, as some academies did), else its state's dissolution
/// day. Institutions of states that exist are not in it.
struct Ends<'r>(HashMap<&'r str, End<'r>>);

impl<'r> Ends<'r> {
    fn of(reg: &'r Registry) -> Ends<'r> {
        let mut ends = HashMap::new();
        // Most datasets name no former state: one pass finds out.
        if !reg
            .institutions()
            .iter()
            .any(|i| i.country().is_some_and(|c| c.is_former()))
        {
            return Ends(ends);
        }
        for inst in reg.institutions() {
            let key = inst.key().as_str();
            if let Some(Affiliation::Country(country)) = reg.side_of_institution(key) {
                if let Some(from) = country.dissolved() {
                    ends.insert(key, End::Dissolved { country, from });
                }
            }
        }
        for successor in reg.institutions() {
            for s in successor.predecessors() {
                let Some(end) = ends.get_mut(s.institution().as_str()) else {
                    continue;
                };
                // An open end leaves the takeover day uncertain for ever.
                let Some(from) = s.date().latest() else {
                    continue;
                };
                let earlier = match end {
                    End::TakenOver { from: other, .. } => from < *other,
                    End::Dissolved { .. } => true,
                };
                if earlier {
                    *end = End::TakenOver {
                        by: successor.key(),
                        date: s.date(),
                        from,
                    };
                }
            }
        }
        Ends(ends)
    }
}

impl Linter {
    /// Warns when `institution` acts on `date` certainly on or after the
    /// day it ceased to exist (see [`Ends`]); `path` is the field of
    /// `entity` that names it. Every kind of act goes through here: MOU
    /// signatures, meetings and commitments today, and any other dated act
    /// of an institution (such as a party's action on an agreement) by
    /// calling it with that act's date and path.
    fn act_after_end<E: Entity>(
        &mut self,
        ends: &Ends<'_>,
        index: usize,
        entity: &E,
        institution: &Key<Institution>,
        date: &Date,
        path: &str,
    ) {
        let Some(end) = ends.0.get(institution.as_str()) else {
            return;
        };
        if date.possibly_before(end.from()) {
            return;
        }
        self.push(
            Rule::ActsAfterDissolution,
            index,
            entity,
            path,
            format!(
                "acts on {date}, after it ceased to exist: {}; expected an institution that existed then, such as a successor",
                end.reason(institution.as_str())
            ),
        );
    }

    /// Checks the signatories and signers of MOU `i` on the day it was
    /// signed, and its parties on the days of their actions.
    fn mou_after_end(&mut self, ends: &Ends<'_>, i: usize, mou: &Mou) {
        if ends.0.is_empty() {
            return;
        }
        for (s, key) in mou.signatories().iter().enumerate() {
            self.act_after_end(
                ends,
                i,
                mou,
                key,
                mou.signed(),
                &format!("signatories[{s}]"),
            );
        }
        for (s, signer) in mou.signed_by().iter().enumerate() {
            if let Some(key) = signer.institution() {
                let path = format!("signed_by[{s}].institution");
                self.act_after_end(ends, i, mou, key, mou.signed(), &path);
            }
        }
        for (p, party) in mou.parties().iter().enumerate() {
            let key = party.institution();
            for (j, action) in party.actions().iter().enumerate() {
                // A signature on the day of the agreement's is reported
                // with the signatories.
                let reported = action.kind().is_signature()
                    && action.date() == mou.signed()
                    && mou.signatories().contains(key);
                if !reported {
                    let path = format!("parties[{p}].actions[{j}].date");
                    self.act_after_end(ends, i, mou, key, action.date(), &path);
                }
            }
        }
    }

    /// Checks the organizers, chairs, attendees and participants of meeting
    /// `i` on its date, unless it was cancelled.
    fn meeting_after_end(&mut self, ends: &Ends<'_>, i: usize, m: &Meeting) {
        if ends.0.is_empty() || m.status() == MeetingStatus::Cancelled {
            return;
        }
        let date = m.date();
        for (n, key) in m.organizers().iter().enumerate() {
            self.act_after_end(ends, i, m, key, date, &format!("organizers[{n}]"));
        }
        for (field, officials) in [("chairs", m.chairs()), ("attendees", m.attendees())] {
            for (n, official) in officials.iter().enumerate() {
                if let Some(key) = official.institution() {
                    let path = format!("{field}[{n}].institution");
                    self.act_after_end(ends, i, m, key, date, &path);
                }
            }
        }
        for (n, key) in m.participants().iter().enumerate() {
            self.act_after_end(ends, i, m, key, date, &format!("participants[{n}]"));
        }
    }

    /// Checks the owners of commitment `i` on the day it was made: the date
    /// of the meeting or MOU it comes from.
    fn commitment_after_end(&mut self, reg: &Registry, ends: &Ends<'_>, i: usize, c: &Commitment) {
        if ends.0.is_empty() {
            return;
        }
        let made = match c.origin() {
            Origin::Meeting(k) => reg.meeting(k.as_str()).map(Meeting::date),
            Origin::Mou(k) => reg.mou(k.as_str()).map(Mou::signed),
        };
        let Some(made) = made else {
            return;
        };
        for (n, key) in c.owners().iter().enumerate() {
            self.act_after_end(ends, i, c, key, made, &format!("owners[{n}]"));
        }
    }
}
