//! Parties: who is a party of an agreement on a day, what is in force for
//! an institution on a day, and an institution's actions across agreements.

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::error::QueryError;
use crate::event::{day_number, Agreement};
use crate::index::Agreements;
use crate::model::id::{EntityKind, Key};
use crate::model::institution::Institution;
use crate::model::party::{Party, PartyAction, Statuses, TakesEffect};
use crate::model::standing::{
    by, in_force_ranges, members_of_mou, members_of_partnership, standing, Member, Terms, Tri,
};
use crate::registry::Registry;
use crate::spelling::closest;

/// A party of an agreement on a day: the statuses it may have, whether the
/// agreement is in force for it and whether it applies it provisionally,
/// each possibly or certainly.
#[derive(Debug, Clone, Copy)]
pub struct PartyOn<'r> {
    pub(crate) institution: &'r Key<Institution>,
    pub(crate) record: Option<&'r Party>,
    pub(crate) statuses: Statuses,
    pub(crate) in_force: (bool, bool),
    pub(crate) provisional: (bool, bool),
}

impl<'r> PartyOn<'r> {
    /// The institution.
    pub fn institution(&self) -> &'r Key<Institution> {
        self.institution
    }
    /// Its entry in the agreement's parties, when it has one (a signatory
    /// of an agreement without parties, or a party of a partnership listed
    /// by its key alone, has none).
    pub fn record(&self) -> Option<&'r Party> {
        self.record
    }
    /// The statuses it may have that day.
    pub fn statuses(&self) -> Statuses {
        self.statuses
    }
    /// Whether its status that day is certain (one status is possible).
    pub fn is_certain(&self) -> bool {
        self.statuses.is_certain()
    }
    /// Whether the agreement is possibly in force for it that day.
    pub fn possibly_in_force(&self) -> bool {
        self.in_force.0
    }
    /// Whether the agreement is certainly in force for it that day.
    pub fn certainly_in_force(&self) -> bool {
        self.in_force.1
    }
    /// Whether it possibly applies the agreement provisionally that day.
    pub fn possibly_provisional(&self) -> bool {
        self.provisional.0
    }
    /// Whether it certainly applies the agreement provisionally that day.
    pub fn certainly_provisional(&self) -> bool {
        self.provisional.1
    }
}

impl Serialize for PartyOn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PartyOn", 5)?;
        s.serialize_field("institution", self.institution)?;
        s.serialize_field("statuses", &self.statuses)?;
        s.serialize_field("certain", &self.is_certain())?;
        s.serialize_field("possibly_in_force", &self.in_force.0)?;
        s.serialize_field("certainly_in_force", &self.in_force.1)?;
        s.end()
    }
}

/// An agreement in force for an institution on a day, possibly or
/// certainly; derived when it is in force for a predecessor the
/// institution succeeded.
#[derive(Debug, Clone, Copy)]
pub struct InForceFor<'r> {
    pub(crate) agreement: Agreement<'r>,
    pub(crate) certain: bool,
    pub(crate) through: Option<&'r Key<Institution>>,
}

impl<'r> InForceFor<'r> {
    /// The agreement.
    pub fn agreement(&self) -> Agreement<'r> {
        self.agreement
    }
    /// The agreement's key.
    pub fn key(&self) -> &'r str {
        self.agreement.key()
    }
    /// Whether it is certainly in force for the institution that day.
    pub fn is_certain(&self) -> bool {
        self.certain
    }
    /// The predecessor whose own actions make it in force, when the answer
    /// followed the succession history.
    pub fn through(&self) -> Option<&'r Key<Institution>> {
        self.through
    }
    /// Whether pactum derived the answer from the succession history
    /// rather than from the institution's own actions.
    pub fn is_derived(&self) -> bool {
        self.through.is_some()
    }
}

impl Serialize for InForceFor<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entity = match self.agreement {
            Agreement::Partnership(_) => EntityKind::Partnership,
            Agreement::Mou(_) => EntityKind::Mou,
        };
        let mut s = serializer.serialize_struct("InForceFor", 4)?;
        s.serialize_field("entity", &entity)?;
        s.serialize_field("key", self.key())?;
        s.serialize_field("certain", &self.certain)?;
        s.serialize_field("through", &self.through)?;
        s.end()
    }
}

/// One action of an institution as a party of an agreement.
#[derive(Debug, Clone, Copy)]
pub struct PartyActionHit<'r> {
    pub(crate) agreement: Agreement<'r>,
    pub(crate) position: usize,
    pub(crate) action: &'r PartyAction,
}

impl<'r> PartyActionHit<'r> {
    /// The agreement.
    pub fn agreement(&self) -> Agreement<'r> {
        self.agreement
    }
    /// Its place among the party's actions (from 0): with the agreement and
    /// the institution, it names the action.
    pub fn position(&self) -> usize {
        self.position
    }
    /// The action.
    pub fn action(&self) -> &'r PartyAction {
        self.action
    }
    /// When it takes effect for the party (see
    /// [`PartyAction::takes_effect`]), against the agreement's entry into
    /// force (a partnership's establishment).
    pub fn takes_effect(&self) -> TakesEffect<'r> {
        let start = match self.agreement {
            Agreement::Mou(m) => m.entry_into_force(),
            Agreement::Partnership(p) => p.established(),
        };
        self.action.takes_effect(start)
    }
}

/// How many parties an agreement is in force for, from a day on: at
/// least [`certainly`](PartyCount::certainly), at most
/// [`possibly`](PartyCount::possibly). One step of [`PartyCounts`].
///
/// It serializes as `{"from": "1987-01-01", "possibly": 2, "certainly":
/// 1}`, `from` `null` for a step that holds from before any day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartyCount {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) possibly: usize,
    pub(crate) certainly: usize,
}

impl PartyCount {
    /// The first day the counts hold; `None` when they hold from before
    /// any day (a party whose term has an open start).
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }
    /// The parties the agreement is possibly in force for: an upper bound.
    pub fn possibly(&self) -> usize {
        self.possibly
    }
    /// The parties the agreement is certainly in force for: a lower bound.
    pub fn certainly(&self) -> usize {
        self.certainly
    }
    /// Whether the count is known exactly: every party that possibly
    /// counts certainly does.
    pub fn is_certain(&self) -> bool {
        self.possibly == self.certainly
    }
}

impl Serialize for PartyCount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PartyCount", 3)?;
        s.serialize_field("from", &self.from.map(|d| d.to_string()))?;
        s.serialize_field("possibly", &self.possibly)?;
        s.serialize_field("certainly", &self.certainly)?;
        s.end()
    }
}

/// The number of parties an agreement is in force for, over time
/// ([`Registry::party_counts`]): a step series, one step a day on which
/// either count changes, in day order. Before the first step, and where
/// there is none, both counts are 0.
///
/// It serializes as the list of its steps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyCounts {
    steps: Vec<PartyCount>,
}

impl PartyCounts {
    /// The steps, in day order; two steps in a row never have the same
    /// counts.
    pub fn steps(&self) -> &[PartyCount] {
        &self.steps
    }

    /// The step that holds on `day`: the last one from `day` or before
    /// (its [`from`](PartyCount::from) says since when), or before the
    /// first, counts of 0 since before any day.
    pub fn on(&self, day: NaiveDate) -> PartyCount {
        let at = self
            .steps
            .partition_point(|s| s.from.map_or(true, |f| f <= day));
        at.checked_sub(1)
            .and_then(|i| self.steps.get(i))
            .copied()
            .unwrap_or(PartyCount {
                from: None,
                possibly: 0,
                certainly: 0,
            })
    }

    /// The most parties the agreement is possibly in force for on any day.
    pub fn peak(&self) -> usize {
        self.steps.iter().map(|s| s.possibly).max().unwrap_or(0)
    }
}

impl Serialize for PartyCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.steps.serialize(serializer)
    }
}

/// The step series of the counts of the in-force days `ranges` of each
/// party (disjoint inclusive day ranges, each certain or not).
fn count_steps<'a>(ranges: impl IntoIterator<Item = &'a (i32, i32, bool)>) -> Vec<PartyCount> {
    // (day, change of possibly, change of certainly): a range counts from
    // its first day and stops the day after its last.
    let mut changes: Vec<(i32, i64, i64)> = Vec::new();
    for &(from, to, certain) in ranges {
        let c = i64::from(certain);
        changes.push((from, 1, c));
        if let Some(after) = to.checked_add(1) {
            changes.push((after, -1, -c));
        }
    }
    changes.sort_unstable();
    let mut steps: Vec<PartyCount> = Vec::new();
    let (mut possibly, mut certainly) = (0i64, 0i64);
    let mut i = 0;
    while let Some(&(day, _, _)) = changes.get(i) {
        while let Some(&(_, p, c)) = changes.get(i).filter(|ch| ch.0 == day) {
            possibly += p;
            certainly += c;
            i += 1;
        }
        // Days before the calendar count from before any day; a change
        // after it (the end of an open term) is never seen.
        let from = match NaiveDate::from_num_days_from_ce_opt(day) {
            Some(d) => Some(d),
            None if day < 0 => None,
            None => break,
        };
        if from.is_none() && steps.last().is_some_and(|l| l.from.is_none()) {
            steps.pop();
        }
        let count = PartyCount {
            from,
            possibly: usize::try_from(possibly).unwrap_or(0),
            certainly: usize::try_from(certainly).unwrap_or(0),
        };
        let same = match steps.last() {
            Some(l) => (l.possibly, l.certainly) == (count.possibly, count.certainly),
            // The first step of nothing says nothing.
            None => count.possibly == 0,
        };
        if !same {
            steps.push(count);
        }
    }
    steps
}

/// Partnerships first, then MOUs, each in key order: the order of the
/// answers about agreements.
pub(crate) fn agreement_order<'r>(a: &Agreement<'r>) -> (u8, &'r str) {
    (u8::from(matches!(a, Agreement::Mou(_))), a.key())
}

impl Registry {
    /// The agreement with `key`: the MOU, or else the partnership.
    fn agreement(&self, key: &str) -> Result<Agreement<'_>, QueryError> {
        if let Some(m) = self.mou(key) {
            return Ok(Agreement::Mou(m));
        }
        if let Some(p) = self.partnership(key) {
            return Ok(Agreement::Partnership(p));
        }
        let keys = self
            .mous()
            .iter()
            .map(|m| m.key().as_str())
            .chain(self.partnerships().iter().map(|p| p.key().as_str()));
        Err(QueryError::unknown(
            "mou or partnership",
            key,
            closest(key, keys),
        ))
    }

    /// Checks that an institution has `key`.
    fn known_institution(&self, key: &str) -> Result<(), QueryError> {
        if self.institution(key).is_some() {
            return Ok(());
        }
        let keys = self.institutions().iter().map(|i| i.key().as_str());
        Err(QueryError::unknown("institution", key, closest(key, keys)))
    }

    /// Every party of the agreement with `key` (an MOU, or else a
    /// partnership) on `day`, with the statuses it may have: its parties in
    /// their order, then the signatories without an entry. Without
    /// `parties`, every signatory is bound by its signature.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no MOU or partnership has the key.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pactum::PartyStatus;
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let parties = registry.parties_on("kr-mnd-msit-2021", day)?;
    /// assert!(parties.iter().all(|p| p.statuses().certain() == Some(PartyStatus::Party)));
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn parties_on(&self, key: &str, day: NaiveDate) -> Result<Vec<PartyOn<'_>>, QueryError> {
        let agreement = self.agreement(key)?;
        let (members, terms) = match agreement {
            Agreement::Mou(m) => (members_of_mou(m), Terms::of_mou(m)),
            Agreement::Partnership(p) => (members_of_partnership(p), Terms::of_partnership(p)),
        };
        let n = day_number(day);
        Ok(members
            .iter()
            .map(|member| {
                let s = standing(member, &terms, n);
                let pair = |t: Tri| (t.possibly(), t.certainly());
                PartyOn {
                    institution: member.institution(),
                    record: match member {
                        Member::Listed(p) => Some(*p),
                        _ => None,
                    },
                    statuses: s.statuses,
                    in_force: pair(s.in_force),
                    provisional: pair(s.provisional),
                }
            })
            .collect())
    }

    /// The number of parties the agreement with `key` (an MOU, or else a
    /// partnership) is in force for, over time: a step series of the
    /// counts that possibly and certainly hold from each day on which one
    /// of them changes.
    ///
    /// A party counts on the days [`Registry::parties_on`] finds the
    /// agreement possibly (certainly) in force for it; the series is worked
    /// out from the agreement's own record, not from a scan of the
    /// registry. Ask [`PartyCounts::on`] for the counts on a day.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no MOU or partnership has the key.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let registry = pactum::seed();
    /// let counts = registry.party_counts("kr-mnd-msit-2021")?;
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// assert_eq!(counts.on(day).certainly(), 2);
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn party_counts(&self, key: &str) -> Result<PartyCounts, QueryError> {
        let agreement = self.agreement(key)?;
        let (members, terms) = match agreement {
            Agreement::Mou(m) => (members_of_mou(m), Terms::of_mou(m)),
            Agreement::Partnership(p) => (members_of_partnership(p), Terms::of_partnership(p)),
        };
        let ranges: Vec<(i32, i32, bool)> = members
            .iter()
            .flat_map(|member| in_force_ranges(member, &terms))
            .collect();
        Ok(PartyCounts {
            steps: count_steps(&ranges),
        })
    }

    /// The MOUs and partnerships in force for the institution with `key`
    /// on `day`, possibly or certainly, by its own actions, partnerships
    /// first, each kind in key order.
    ///
    /// An agreement is in force for a party when it is in force that day,
    /// the party's consent has taken effect and no withdrawal of it has
    /// (see [`Registry::parties_on`]). A signatory of an MOU without
    /// `parties` and a party of a partnership listed by its key are bound
    /// whenever the agreement is in force. Provisional application does
    /// not count.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no institution has the key.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let registry = pactum::seed();
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let keys: Vec<&str> = registry.in_force_for("kr-mnd", day)?.iter().map(|a| a.key()).collect();
    /// assert!(keys.contains(&"kr-mnd-msit-2021"));
    /// # Ok::<(), pactum::QueryError>(())
    /// ```
    pub fn in_force_for(
        &self,
        key: &str,
        day: NaiveDate,
    ) -> Result<Vec<InForceFor<'_>>, QueryError> {
        // An institution with terms in the party index is a member of an
        // agreement, and so one the registry knows (every reference is
        // checked): only one without needs the look-up of its key.
        match self.own_in_force_for(key, day_number(day), Tri::Yes, None) {
            Some(hits) => Ok(hits),
            None => self.known_institution(key).map(|()| Vec::new()),
        }
    }

    /// The agreements in force for `key` on day `n` by its own actions,
    /// each certain only when `chain` (the succession that leads to it) is;
    /// `None` when `key` is in force for it on no day.
    fn own_in_force_for<'r>(
        &'r self,
        key: &str,
        n: i32,
        chain: Tri,
        through: Option<&'r Key<Institution>>,
    ) -> Option<Vec<InForceFor<'r>>> {
        let index = self.index().parties(self.tables());
        let agreements = Agreements::of(self.tables());
        if through.is_none() && chain.certainly() {
            // The institution's own answer, made with constants: a hit
            // is built from its term alone.
            return index.collect_on(agreements, key, n, |agreement, certain| InForceFor {
                agreement,
                certain,
                through: None,
            });
        }
        let certainly = chain.certainly();
        index.collect_on(agreements, key, n, move |agreement, certain| InForceFor {
            agreement,
            certain: certain && certainly,
            through,
        })
    }

    /// As [`Registry::in_force_for`], following the succession history as
    /// well: an agreement in force for a predecessor (or its predecessors)
    /// on a day its successor had possibly taken over counts, marked
    /// derived ([`InForceFor::through`]); it is certain only when the hit
    /// and every succession on the way certainly are. State succession to
    /// treaties is not automatic, so this is an option, never the default.
    /// An agreement in force for the institution by its own actions is
    /// reported as its own.
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no institution has the key.
    pub fn in_force_for_with_predecessors(
        &self,
        key: &str,
        day: NaiveDate,
    ) -> Result<Vec<InForceFor<'_>>, QueryError> {
        self.known_institution(key)?;
        let n = day_number(day);
        let mut out = self
            .own_in_force_for(key, n, Tri::Yes, None)
            .unwrap_or_default();
        let mut seen: Vec<&str> = vec![key];
        // (institution, how surely its successor chain had taken over by n)
        let mut queue: Vec<(&Institution, Tri)> = self
            .institution(key)
            .into_iter()
            .map(|i| (i, Tri::Yes))
            .collect();
        while let Some((successor, chain)) = queue.pop() {
            for s in successor.predecessors() {
                let chain = chain.and(by(s.date(), n));
                let key = s.institution().as_str();
                if !chain.possibly() || seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let hits = self.own_in_force_for(key, n, chain, Some(s.institution()));
                for hit in hits.into_iter().flatten() {
                    match out
                        .iter_mut()
                        .find(|o| o.key() == hit.key() && same_kind(o, &hit))
                    {
                        Some(o) => o.certain |= hit.certain && o.through.is_some(),
                        None => out.push(hit),
                    }
                }
                if let Some(p) = self.institution(key) {
                    queue.push((p, chain));
                }
            }
        }
        out.sort_by(|a, b| agreement_order(&a.agreement).cmp(&agreement_order(&b.agreement)));
        Ok(out)
    }

    /// Every action of the institution with `key` as a party of an MOU or
    /// partnership, in the order of their dates (then by agreement and
    /// place in the list).
    ///
    /// # Errors
    ///
    /// A [`QueryError`] when no institution has the key.
    pub fn party_history(&self, key: &str) -> Result<Vec<PartyActionHit<'_>>, QueryError> {
        self.known_institution(key)?;
        let index = self.index().parties(self.tables());
        let mut out = Vec::new();
        for &(entity, handle) in index.records_of(key) {
            let h = handle as usize;
            let (agreement, party) = match entity {
                EntityKind::Mou => match self.mous().get(h) {
                    Some(m) => (Agreement::Mou(m), m.party(key)),
                    None => continue,
                },
                EntityKind::Partnership => match self.partnerships().get(h) {
                    Some(p) => (Agreement::Partnership(p), p.party_record(key)),
                    None => continue,
                },
                _ => continue,
            };
            for (position, action) in party
                .into_iter()
                .flat_map(|p| p.actions().iter().enumerate())
            {
                out.push(PartyActionHit {
                    agreement,
                    position,
                    action,
                });
            }
        }
        out.sort_by(|a, b| history_order(a).cmp(&history_order(b)));
        Ok(out)
    }
}

/// Whether two hits are of the same kind of agreement.
fn same_kind(a: &InForceFor<'_>, b: &InForceFor<'_>) -> bool {
    matches!(
        (a.agreement, b.agreement),
        (Agreement::Mou(_), Agreement::Mou(_))
            | (Agreement::Partnership(_), Agreement::Partnership(_))
    )
}

/// The order of a party's history: by the sort day of the date, its latest
/// day, the agreement and the place in the list.
pub(crate) fn history_order<'a>(h: &PartyActionHit<'a>) -> (i32, i32, (u8, &'a str), usize) {
    let date = h.action.date();
    (
        date.sort_day_number(),
        date.latest_day_number(),
        agreement_order(&h.agreement),
        h.position,
    )
}
