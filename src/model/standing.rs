//! The standing of a party on a day: the statuses it may have, whether the
//! agreement is in force for it, and whether it applies the agreement
//! provisionally, each *possibly* or *certainly*.
//!
//! # The rule
//!
//! A party's actions are in the order they happened. On a day, the actions
//! that move its status (signatures, consents, withdrawals) that have
//! happened are a prefix of that list: with vague dates, every prefix from
//! the actions that certainly happened to those that possibly did. After a
//! prefix:
//!
//! - with a consent since the last withdrawal, the party is *bound*; the
//!   agreement is in force for it (*party*) when the agreement is in force
//!   and one of those consents has taken effect: on its `effective` day, or
//!   else on the later of its date and the agreement's entry into force;
//! - else, after a withdrawal: *former party* once it took effect (its
//!   `effective` day, or else its date), or *signatory* when it signed again
//!   since; before that, *withdrawing* while the agreement is still in force
//!   for it by the consents before the withdrawal, else *bound*;
//! - else *signatory* after a signature, or *not a party*.
//!
//! Each question on a date is three-valued (every candidate day has come,
//! some has, none has); the statuses of a day are those of every prefix
//! and every answer, so they may be several. Provisional application is a
//! flag of its own: from its date through its `end`, if any.
//!
//! Without `parties`, a signatory of an MOU (and a party of a partnership
//! listed by its key alone) is bound by its signature: a *party* whenever
//! the agreement is in force, *bound* after it signed on other days. With
//! `parties`, a signatory without an entry is a *signatory* from the
//! agreement's signature, never bound.

use crate::date::Date;
use crate::model::id::Key;
use crate::model::institution::Institution;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::party::{ActionKind, Party, PartyAction, PartyStatus, Statuses};

/// A truth value with a middle: some readings of the dates say yes, others
/// no. Ordered no < maybe < yes, so that "and" is the least and "or" the
/// greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tri {
    No,
    Maybe,
    Yes,
}

impl Tri {
    pub(crate) fn and(self, other: Tri) -> Tri {
        self.min(other)
    }

    pub(crate) fn or(self, other: Tri) -> Tri {
        self.max(other)
    }

    pub(crate) fn not(self) -> Tri {
        match self {
            Tri::No => Tri::Yes,
            Tri::Maybe => Tri::Maybe,
            Tri::Yes => Tri::No,
        }
    }

    /// What two sets of readings say together: the same, or maybe.
    pub(crate) fn join(self, other: Tri) -> Tri {
        if self == other {
            self
        } else {
            Tri::Maybe
        }
    }

    /// Whether some reading says yes.
    pub(crate) fn possibly(self) -> bool {
        self != Tri::No
    }

    /// Whether every reading says yes.
    pub(crate) fn certainly(self) -> bool {
        self == Tri::Yes
    }
}

/// Whether the day `date` names has come by day `n` (inclusive).
pub(crate) fn by(date: &Date, n: i32) -> Tri {
    if date.latest_day_number() <= n {
        Tri::Yes
    } else if date.earliest_day_number() <= n {
        Tri::Maybe
    } else {
        Tri::No
    }
}

/// The days an agreement is possibly and certainly in force, as inclusive
/// ranges of day numbers (empty when the first exceeds the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Force {
    possibly: (i32, i32),
    certainly: (i32, i32),
}

impl Force {
    /// The days of an agreement with start `start` (`None`: unknown), last
    /// day in force `last` and first day no longer in force `gone`: possibly
    /// in force on a day when each of the three possibly allows it,
    /// certainly when each certainly does.
    pub(crate) fn of_dates(
        start: Option<&Date>,
        last: Option<&Date>,
        gone: Option<&Date>,
    ) -> Force {
        let earliest = |d: Option<&Date>| d.map(Date::earliest_day_number);
        let latest = |d: Option<&Date>| d.map(Date::latest_day_number);
        let before = |n: i32| n.saturating_sub(1);
        let possibly_to = latest(last)
            .unwrap_or(i32::MAX)
            .min(latest(gone).map_or(i32::MAX, before));
        let certainly_to = earliest(last)
            .unwrap_or(i32::MAX)
            .min(earliest(gone).map_or(i32::MAX, before));
        Force {
            possibly: (earliest(start).unwrap_or(i32::MIN), possibly_to),
            // An unknown start is never certainly past.
            certainly: (latest(start).unwrap_or(i32::MAX), certainly_to),
        }
    }

    /// The days of an MOU: none when it is not in force on record.
    pub(crate) fn of_mou(m: &Mou) -> Force {
        if m.in_force_on_record() {
            Force::of_dates(Some(m.start()), m.expiry(), m.termination())
        } else {
            Force {
                possibly: (i32::MAX, i32::MIN),
                certainly: (i32::MAX, i32::MIN),
            }
        }
    }

    /// The days of a partnership.
    pub(crate) fn of_partnership(p: &Partnership) -> Force {
        Force::of_dates(p.established(), None, p.ended())
    }

    /// Whether the agreement is in force on day `n`.
    pub(crate) fn on(&self, n: i32) -> Tri {
        let inside = |(from, to): (i32, i32)| from <= n && n <= to;
        if inside(self.certainly) && inside(self.possibly) {
            Tri::Yes
        } else if inside(self.possibly) {
            Tri::Maybe
        } else {
            Tri::No
        }
    }

    /// The days the agreement is in force, as disjoint inclusive ranges in
    /// order, each with whether it certainly is: the days it certainly is
    /// (within those it possibly is), and the days before and after them
    /// that it possibly is.
    fn ranges(&self) -> Vec<(i32, i32, bool)> {
        let (from, to) = self.possibly;
        if from > to {
            return Vec::new();
        }
        let sure = (from.max(self.certainly.0), to.min(self.certainly.1));
        if sure.0 > sure.1 {
            return vec![(from, to, false)];
        }
        let mut out = Vec::with_capacity(3);
        if from < sure.0 {
            out.push((from, sure.0 - 1, false));
        }
        out.push((sure.0, sure.1, true));
        if sure.1 < to {
            out.push((sure.1 + 1, to, false));
        }
        out
    }

    /// The days on which [`Force::on`] may change.
    fn breakpoints(&self, out: &mut Vec<i32>) {
        for (from, to) in [self.possibly, self.certainly] {
            out.push(from);
            out.extend(to.checked_add(1));
        }
    }
}

/// What a party's consent takes effect after, besides its own date: the
/// agreement's entry into force (an MOU) or establishment (a partnership).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Terms<'a> {
    pub(crate) force: Force,
    pub(crate) start: Option<&'a Date>,
}

impl<'a> Terms<'a> {
    pub(crate) fn of_mou(m: &'a Mou) -> Terms<'a> {
        Terms {
            force: Force::of_mou(m),
            start: m.entry_into_force(),
        }
    }

    pub(crate) fn of_partnership(p: &'a Partnership) -> Terms<'a> {
        Terms {
            force: Force::of_partnership(p),
            start: p.established(),
        }
    }
}

/// One institution that takes part in an agreement, as its record has it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Member<'a> {
    /// Bound by its signature or listing alone: a party whenever the
    /// agreement is in force, bound after `since` on other days.
    Implicit {
        institution: &'a Key<Institution>,
        since: Option<&'a Date>,
    },
    /// A signatory of an agreement whose parties list has no entry for it.
    SignatoryOnly {
        institution: &'a Key<Institution>,
        signed: &'a Date,
    },
    /// A party with its actions.
    Listed(&'a Party),
}

impl<'a> Member<'a> {
    /// The institution.
    pub(crate) fn institution(&self) -> &'a Key<Institution> {
        match self {
            Member::Implicit { institution, .. } | Member::SignatoryOnly { institution, .. } => {
                institution
            }
            Member::Listed(p) => p.institution(),
        }
    }

    /// Its actions on record (none for an implicit member).
    pub(crate) fn actions(&self) -> &'a [PartyAction] {
        match self {
            Member::Listed(p) => p.actions(),
            _ => &[],
        }
    }
}

/// Every member of an MOU: its parties in their order, then the signatories
/// without an entry; or, with no parties, every signatory bound by its
/// signature.
pub(crate) fn members_of_mou(m: &Mou) -> Vec<Member<'_>> {
    if m.parties().is_empty() {
        return m
            .signatories()
            .iter()
            .map(|institution| Member::Implicit {
                institution,
                since: Some(m.signed()),
            })
            .collect();
    }
    let mut out: Vec<Member<'_>> = m.parties().iter().map(Member::Listed).collect();
    for institution in m.signatories() {
        if m.party(institution.as_str()).is_none() {
            out.push(Member::SignatoryOnly {
                institution,
                signed: m.signed(),
            });
        }
    }
    out
}

/// Every member of a partnership: each party, with its actions when it has
/// any.
pub(crate) fn members_of_partnership(p: &Partnership) -> Vec<Member<'_>> {
    p.parties()
        .iter()
        .map(|institution| match p.party_record(institution.as_str()) {
            Some(party) => Member::Listed(party),
            None => Member::Implicit {
                institution,
                since: p.established(),
            },
        })
        .collect()
}

/// A member's standing on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    pub(crate) statuses: Statuses,
    pub(crate) in_force: Tri,
    pub(crate) provisional: Tri,
}

/// The standing of `member` of an agreement with `terms` on day `n`.
pub(crate) fn standing(member: &Member<'_>, terms: &Terms<'_>, n: i32) -> Standing {
    let mut statuses = Statuses::NONE;
    match member {
        Member::Implicit { since, .. } => {
            let in_force = terms.force.on(n);
            if in_force.possibly() {
                statuses.add(PartyStatus::Party);
            }
            if !in_force.certainly() {
                let signed = since.map_or(Tri::Maybe, |d| by(d, n));
                add_either(
                    &mut statuses,
                    signed,
                    PartyStatus::Bound,
                    PartyStatus::NotAParty,
                );
            }
            Standing {
                statuses,
                in_force,
                provisional: Tri::No,
            }
        }
        Member::SignatoryOnly { signed, .. } => {
            let signed = by(signed, n);
            add_either(
                &mut statuses,
                signed,
                PartyStatus::Signatory,
                PartyStatus::NotAParty,
            );
            Standing {
                statuses,
                in_force: Tri::No,
                provisional: Tri::No,
            }
        }
        Member::Listed(party) => listed(party.actions(), terms, n),
    }
}

/// Adds `yes` when `t` is possibly true and `no` when it is possibly false.
fn add_either(statuses: &mut Statuses, t: Tri, yes: PartyStatus, no: PartyStatus) {
    if t.possibly() {
        statuses.add(yes);
    }
    if !t.certainly() {
        statuses.add(no);
    }
}

/// The standing of a party with `actions` on day `n`: the union over every
/// prefix of its status actions that may have happened by then.
fn listed(actions: &[PartyAction], terms: &Terms<'_>, n: i32) -> Standing {
    let moves: Vec<&PartyAction> = actions.iter().filter(|a| a.kind().moves_status()).collect();
    let hi = moves
        .iter()
        .take_while(|a| a.date().earliest_day_number() <= n)
        .count();
    let lo = moves
        .iter()
        .rposition(|a| a.date().latest_day_number() <= n)
        .map_or(0, |i| i + 1)
        .min(hi);
    let mut statuses = Statuses::NONE;
    let mut in_force: Option<Tri> = None;
    for p in lo..=hi {
        let (s, f) = after_prefix(moves.get(..p).unwrap_or_default(), terms, n);
        statuses.extend(s);
        in_force = Some(in_force.map_or(f, |g| g.join(f)));
    }
    let provisional = actions
        .iter()
        .filter(|a| a.kind() == ActionKind::ProvisionalApplication)
        .fold(Tri::No, |acc, a| {
            let ended = a.end().map_or(Tri::No, |end| by(end, n.saturating_sub(1)));
            acc.or(by(a.date(), n).and(ended.not()))
        });
    Standing {
        statuses,
        in_force: in_force.unwrap_or(Tri::No),
        provisional,
    }
}

/// The statuses after the status actions `prefix` have happened, and
/// whether the agreement is in force for the party on day `n`.
fn after_prefix(prefix: &[&PartyAction], terms: &Terms<'_>, n: i32) -> (Statuses, Tri) {
    let mut statuses = Statuses::NONE;
    let last_withdrawal = prefix
        .iter()
        .rposition(|a| a.kind() == ActionKind::Withdrawal);
    let since = prefix
        .get(last_withdrawal.map_or(0, |j| j + 1)..)
        .unwrap_or_default();
    if since.iter().any(|a| a.kind().is_consent()) {
        let f = terms.force.on(n).and(any_effect(since, terms, n));
        add_either(&mut statuses, f, PartyStatus::Party, PartyStatus::Bound);
        return (statuses, f);
    }
    let signed = since.iter().any(|a| a.kind().is_signature());
    let Some((j, withdrawal)) = last_withdrawal.and_then(|j| prefix.get(j).map(|w| (j, w))) else {
        statuses.add(if signed {
            PartyStatus::Signatory
        } else {
            PartyStatus::NotAParty
        });
        return (statuses, Tri::No);
    };
    // Without an effective day it takes effect on its date, which has come:
    // the withdrawal is in the prefix.
    let gone = withdrawal.effective().map_or(Tri::Yes, |day| by(day, n));
    let episode = episode_before(prefix.get(..j).unwrap_or_default());
    let still = terms.force.on(n).and(any_effect(episode, terms, n));
    if gone.possibly() {
        statuses.add(if signed {
            PartyStatus::Signatory
        } else {
            PartyStatus::FormerParty
        });
    }
    if !gone.certainly() {
        add_either(
            &mut statuses,
            still,
            PartyStatus::Withdrawing,
            PartyStatus::Bound,
        );
    }
    (statuses, gone.not().and(still))
}

/// The actions of the last membership before a withdrawal: from the last
/// withdrawal before the last consent, through that consent.
fn episode_before<'p, 'a>(before: &'p [&'a PartyAction]) -> &'p [&'a PartyAction] {
    let Some(last) = before.iter().rposition(|a| a.kind().is_consent()) else {
        return &[];
    };
    let from = before
        .get(..last)
        .and_then(|b| b.iter().rposition(|a| a.kind() == ActionKind::Withdrawal))
        .map_or(0, |w| w + 1);
    before.get(from..=last).unwrap_or_default()
}

/// Whether one of the consents among `actions` (all happened by `n`) has
/// taken effect by day `n`.
fn any_effect(actions: &[&PartyAction], terms: &Terms<'_>, n: i32) -> Tri {
    actions
        .iter()
        .filter(|a| a.kind().is_consent())
        .fold(Tri::No, |acc, a| {
            let effect = match a.effective() {
                Some(day) => by(day, n),
                // The later of its date (come: it is in the prefix) and
                // the agreement's start.
                None => terms.start.map_or(Tri::Maybe, |d| by(d, n)),
            };
            acc.or(effect)
        })
}

/// The days the agreement is in force for `member`, as disjoint inclusive
/// ranges in order, each with whether it certainly is: the standing is
/// constant between the days any of its dates may change it, so it is
/// asked once on each.
pub(crate) fn in_force_ranges(member: &Member<'_>, terms: &Terms<'_>) -> Vec<(i32, i32, bool)> {
    match member {
        // In force for it exactly when the agreement is: no need to ask.
        Member::Implicit { .. } => return terms.force.ranges(),
        Member::SignatoryOnly { .. } => return Vec::new(),
        Member::Listed(_) => {}
    }
    let mut days = vec![i32::MIN];
    terms.force.breakpoints(&mut days);
    let mut date = |d: &Date| {
        days.push(d.earliest_day_number());
        days.push(d.latest_day_number());
    };
    if let Some(start) = terms.start {
        date(start);
    }
    for a in member.actions() {
        date(a.date());
        if let Some(e) = a.effective() {
            date(e);
        }
    }
    days.sort_unstable();
    days.dedup();
    let mut out: Vec<(i32, i32, bool)> = Vec::new();
    for (i, &from) in days.iter().enumerate() {
        let to = days
            .get(i + 1)
            .map_or(i32::MAX, |next| next.saturating_sub(1));
        let f = standing(member, terms, from).in_force;
        if !f.possibly() {
            continue;
        }
        let certain = f.certainly();
        match out.last_mut() {
            Some(last) if last.2 == certain && last.1.checked_add(1) == Some(from) => last.1 = to,
            _ => out.push((from, to, certain)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::party::ActionKind as K;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn day(text: &str) -> i32 {
        date(text).earliest_day_number()
    }

    fn action(kind: K, on: &str, effective: Option<&str>) -> PartyAction {
        let mut b = PartyAction::builder(kind, date(on));
        if let Some(e) = effective {
            b = b.effective(date(e));
        }
        b.build().expect("a valid action")
    }

    fn convention() -> Mou {
        Mou::builder("c", "Convention", date("1985-03-12"))
            .signatory("aa-gov")
            .signatory("bb-gov")
            .signatory("cc-gov")
            .entry_into_force(date("1987-01-01"))
            .party(
                "bb-gov",
                [
                    action(K::Signature, "1985-03-12", None),
                    action(K::Ratification, "1986-05-20", None),
                    action(K::Withdrawal, "1993-06-30", Some("1994-06-30")),
                    action(K::Accession, "2001-02-14", None),
                ],
            )
            .party("cc-gov", [action(K::Signature, "1985-03-12", None)])
            .build()
            .expect("valid")
    }

    fn statuses_of(m: &Mou, who: &str, on: &str) -> (Vec<PartyStatus>, Tri) {
        let terms = Terms::of_mou(m);
        let members = members_of_mou(m);
        let member = members
            .iter()
            .find(|x| x.institution().as_str() == who)
            .expect("a member");
        let s = standing(member, &terms, day(on));
        (s.statuses.iter().collect(), s.in_force)
    }

    #[test]
    fn a_party_passes_through_every_status_and_again_on_rejoining() {
        let m = convention();
        let cases = [
            ("1985-01-01", PartyStatus::NotAParty, Tri::No),
            ("1985-06-01", PartyStatus::Signatory, Tri::No),
            ("1986-06-01", PartyStatus::Bound, Tri::No),
            ("1990-01-01", PartyStatus::Party, Tri::Yes),
            ("1994-01-01", PartyStatus::Withdrawing, Tri::Yes),
            ("1998-01-01", PartyStatus::FormerParty, Tri::No),
            ("2002-01-01", PartyStatus::Party, Tri::Yes),
        ];
        for (on, status, in_force) in cases {
            assert_eq!(
                statuses_of(&m, "bb-gov", on),
                (vec![status], in_force),
                "{on}"
            );
        }
        assert_eq!(
            statuses_of(&m, "cc-gov", "2002-01-01"),
            (vec![PartyStatus::Signatory], Tri::No)
        );
        assert_eq!(
            statuses_of(&m, "aa-gov", "2002-01-01"),
            (vec![PartyStatus::Signatory], Tri::No)
        );
    }

    #[test]
    fn a_vague_withdrawal_makes_the_status_uncertain_only_while_it_may_have_happened() {
        let m = Mou::builder("c", "C", date("2000-01-01"))
            .signatory("aa")
            .signatory("bb")
            .entry_into_force(date("2000-06-01"))
            .party(
                "aa",
                [
                    action(K::Ratification, "2000-03-01", None),
                    action(K::Withdrawal, "2005", None),
                ],
            )
            .build()
            .expect("valid");
        assert_eq!(
            statuses_of(&m, "aa", "2005-06-01"),
            (
                vec![PartyStatus::Party, PartyStatus::FormerParty],
                Tri::Maybe
            )
        );
        assert_eq!(
            statuses_of(&m, "aa", "2006-01-01"),
            (vec![PartyStatus::FormerParty], Tri::No)
        );
    }

    /// A declaration is no step of a party's status: one dated on a day
    /// within a vague ratification's year does not make the ratification
    /// certain by then.
    #[test]
    fn a_declaration_does_not_date_the_ratification_listed_before_it() {
        let declaration = PartyAction::builder(K::Declaration, date("1991-03-05"))
            .text("Applies to its territory")
            .build()
            .expect("a valid action");
        let m = Mou::builder("c", "C", date("1990-01-01"))
            .signatory("aa")
            .signatory("bb")
            .entry_into_force(date("1990-06-01"))
            .party(
                "aa",
                [
                    action(K::Signature, "1990-01-01", None),
                    action(K::Ratification, "1991", None),
                    declaration,
                ],
            )
            .build()
            .expect("valid");
        assert_eq!(
            statuses_of(&m, "aa", "1991-06-01"),
            (vec![PartyStatus::Signatory, PartyStatus::Party], Tri::Maybe)
        );
        assert_eq!(
            statuses_of(&m, "aa", "1992-01-01"),
            (vec![PartyStatus::Party], Tri::Yes)
        );
    }

    #[test]
    fn the_ranges_in_force_are_the_days_the_standing_says_so() {
        let m = convention();
        let terms = Terms::of_mou(&m);
        let members = members_of_mou(&m);
        let bb = members
            .iter()
            .find(|x| x.institution().as_str() == "bb-gov")
            .expect("bb-gov");
        assert_eq!(
            in_force_ranges(bb, &terms),
            [
                (day("1987-01-01"), day("1994-06-29"), true),
                (day("2001-02-14"), i32::MAX, true)
            ]
        );
        let cc = members
            .iter()
            .find(|x| x.institution().as_str() == "cc-gov")
            .expect("cc-gov");
        assert_eq!(in_force_ranges(cc, &terms), []);
    }

    #[test]
    fn without_parties_every_signatory_is_in_force_whenever_the_agreement_is() {
        let m = Mou::builder("u", "U", date("2021-08"))
            .signatory("aa")
            .signatory("bb")
            .expiry(date("2024"))
            .build()
            .expect("valid");
        let terms = Terms::of_mou(&m);
        for member in members_of_mou(&m) {
            let ranges = in_force_ranges(&member, &terms);
            assert_eq!(
                ranges,
                [
                    (day("2021-08-01"), day("2021-08-30"), false),
                    (day("2021-08-31"), day("2024-01-01"), true),
                    (day("2024-01-02"), day("2024-12-31"), false),
                ]
            );
        }
    }
}
