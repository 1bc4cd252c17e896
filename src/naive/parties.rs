//! The party queries by a scan of every agreement, asking each date
//! directly, day by day: no index, no day ranges.
//!
//! Each answer is a pair (possibly, certainly), combined as such pairs
//! are: both for "and", either for "or", swapped and negated for "not".

use chrono::NaiveDate;

use crate::date::Date;
use crate::error::QueryError;
use crate::event::Agreement;
use crate::model::id::Key;
use crate::model::institution::Institution;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::party::{ActionKind, PartyAction, PartyStatus, Statuses};
use crate::query::{
    agreement_order, history_order, InForceFor, PartyActionHit, PartyCount, PartyOn,
};
use crate::registry::Registry;

/// An answer's strength: (possibly, certainly).
type Pair = (bool, bool);

const YES: Pair = (true, true);
const NO: Pair = (false, false);

fn and(a: Pair, b: Pair) -> Pair {
    (a.0 && b.0, a.1 && b.1)
}

fn or(a: Pair, b: Pair) -> Pair {
    (a.0 || b.0, a.1 || b.1)
}

fn not(a: Pair) -> Pair {
    (!a.1, !a.0)
}

/// Whether the day of `date` has come by `day`.
fn came(date: &Date, day: NaiveDate) -> Pair {
    (!date.certainly_after(day), !date.possibly_after(day))
}

/// Whether an MOU is in force on `day`.
fn mou_force(m: &Mou, day: NaiveDate) -> Pair {
    if !m.in_force_on_record() {
        return NO;
    }
    let started = came(m.start(), day);
    // In force through the expiry day; gone from the termination day.
    let expired = m
        .expiry()
        .map_or(NO, |d| (d.possibly_before(day), d.certainly_before(day)));
    let gone = m.termination().map_or(NO, |d| came(d, day));
    and(started, and(not(expired), not(gone)))
}

/// Whether a partnership is in force on `day`.
fn partnership_force(p: &Partnership, day: NaiveDate) -> Pair {
    let started = p.established().map_or((true, false), |d| came(d, day));
    let gone = p.ended().map_or(NO, |d| came(d, day));
    and(started, not(gone))
}

/// One member's standing: its statuses, in force for it, provisional.
struct Standing {
    statuses: Statuses,
    in_force: Pair,
    provisional: Pair,
}

/// Adds `yes` when `t` is possibly true and `no` when possibly false.
fn either(statuses: &mut Statuses, t: Pair, yes: PartyStatus, no: PartyStatus) {
    if t.0 {
        statuses.add(yes);
    }
    if !t.1 {
        statuses.add(no);
    }
}

/// The standing of a member bound by its signature or listing alone.
fn implicit(force: Pair, since: Option<&Date>, day: NaiveDate) -> Standing {
    let mut statuses = Statuses::NONE;
    if force.0 {
        statuses.add(PartyStatus::Party);
    }
    if !force.1 {
        let signed = since.map_or((true, false), |d| came(d, day));
        either(
            &mut statuses,
            signed,
            PartyStatus::Bound,
            PartyStatus::NotAParty,
        );
    }
    Standing {
        statuses,
        in_force: force,
        provisional: NO,
    }
}

/// The standing of a party with `actions` on `day`: every way its status
/// actions may have happened by then, in their order.
fn listed(actions: &[PartyAction], start: Option<&Date>, force: Pair, day: NaiveDate) -> Standing {
    let moves: Vec<&PartyAction> = actions
        .iter()
        .filter(|a| {
            a.kind().is_signature() || a.kind().is_consent() || a.kind() == ActionKind::Withdrawal
        })
        .collect();
    let mut statuses = Statuses::NONE;
    let mut in_force: Option<Pair> = None;
    for p in 0..=moves.len() {
        let (done, rest) = moves.split_at(p);
        let possible = done.iter().all(|a| !a.date().certainly_after(day))
            && rest.iter().all(|a| a.date().possibly_after(day));
        if !possible {
            continue;
        }
        let (s, f) = after(done, start, force, day);
        statuses.extend(s);
        in_force = Some(in_force.map_or(f, |g| (g.0 || f.0, g.1 && f.1)));
    }
    let mut provisional = NO;
    for a in actions
        .iter()
        .filter(|a| a.kind() == ActionKind::ProvisionalApplication)
    {
        let ended = a
            .end()
            .map_or(NO, |e| (e.possibly_before(day), e.certainly_before(day)));
        provisional = or(provisional, and(came(a.date(), day), not(ended)));
    }
    Standing {
        statuses,
        in_force: in_force.unwrap_or(NO),
        provisional,
    }
}

/// Whether a consent among `done` has taken effect by `day`.
fn effect(done: &[&PartyAction], start: Option<&Date>, day: NaiveDate) -> Pair {
    done.iter()
        .filter(|a| a.kind().is_consent())
        .fold(NO, |acc, a| {
            let e = match a.effective() {
                Some(d) => came(d, day),
                None => start.map_or((true, false), |d| came(d, day)),
            };
            or(acc, e)
        })
}

/// The statuses after the actions `done`, and whether in force for it,
/// walking them in order.
fn after(
    done: &[&PartyAction],
    start: Option<&Date>,
    force: Pair,
    day: NaiveDate,
) -> (Statuses, Pair) {
    // The consents since the last withdrawal, those of the membership the
    // last withdrawal ended, that withdrawal, and a signature since it.
    let mut current: Vec<&PartyAction> = Vec::new();
    let mut ended: Vec<&PartyAction> = Vec::new();
    let mut withdrawal: Option<&PartyAction> = None;
    let mut signed_since = false;
    for &a in done {
        match a.kind() {
            ActionKind::Withdrawal => {
                if !current.is_empty() {
                    ended = std::mem::take(&mut current);
                }
                withdrawal = Some(a);
                signed_since = false;
            }
            k if k.is_consent() => current.push(a),
            k if k.is_signature() => signed_since = true,
            _ => {}
        }
    }
    let mut statuses = Statuses::NONE;
    if !current.is_empty() {
        let f = and(force, effect(&current, start, day));
        either(&mut statuses, f, PartyStatus::Party, PartyStatus::Bound);
        return (statuses, f);
    }
    let Some(withdrawal) = withdrawal else {
        statuses.add(if signed_since {
            PartyStatus::Signatory
        } else {
            PartyStatus::NotAParty
        });
        return (statuses, NO);
    };
    let still = and(force, effect(&ended, start, day));
    let gone = withdrawal.effective().map_or(YES, |d| came(d, day));
    if gone.0 {
        statuses.add(if signed_since {
            PartyStatus::Signatory
        } else {
            PartyStatus::FormerParty
        });
    }
    if !gone.1 {
        either(
            &mut statuses,
            still,
            PartyStatus::Withdrawing,
            PartyStatus::Bound,
        );
    }
    (statuses, and(not(gone), still))
}

/// Every member of an agreement with its standing on `day`.
fn standings<'r>(agreement: Agreement<'r>, day: NaiveDate) -> Vec<PartyOn<'r>> {
    let mut out = Vec::new();
    let mut push = |institution: &'r Key<Institution>, record, s: Standing| {
        out.push(PartyOn {
            institution,
            record,
            statuses: s.statuses,
            in_force: s.in_force,
            provisional: s.provisional,
        });
    };
    match agreement {
        Agreement::Mou(m) => {
            let force = mou_force(m, day);
            if m.parties().is_empty() {
                for k in m.signatories() {
                    push(k, None, implicit(force, Some(m.signed()), day));
                }
                return out;
            }
            for p in m.parties() {
                push(
                    p.institution(),
                    Some(p),
                    listed(p.actions(), m.entry_into_force(), force, day),
                );
            }
            for k in m
                .signatories()
                .iter()
                .filter(|k| m.party(k.as_str()).is_none())
            {
                let mut statuses = Statuses::NONE;
                either(
                    &mut statuses,
                    came(m.signed(), day),
                    PartyStatus::Signatory,
                    PartyStatus::NotAParty,
                );
                push(
                    k,
                    None,
                    Standing {
                        statuses,
                        in_force: NO,
                        provisional: NO,
                    },
                );
            }
        }
        Agreement::Partnership(p) => {
            let force = partnership_force(p, day);
            for k in p.parties() {
                match p.party_record(k.as_str()) {
                    Some(r) => push(k, Some(r), listed(r.actions(), p.established(), force, day)),
                    None => push(k, None, implicit(force, p.established(), day)),
                }
            }
        }
    }
    out
}

/// Every agreement: partnerships, then MOUs, each in key order.
fn agreements(registry: &Registry) -> Vec<Agreement<'_>> {
    let mut all: Vec<Agreement<'_>> = registry
        .partnerships()
        .iter()
        .map(Agreement::Partnership)
        .chain(registry.mous().iter().map(Agreement::Mou))
        .collect();
    all.sort_by(|a, b| agreement_order(a).cmp(&agreement_order(b)));
    all
}

/// The parties of an agreement on a day.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::parties_on`].
pub fn parties_on<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
) -> Result<Vec<PartyOn<'r>>, QueryError> {
    let agreement = match (registry.mou(key), registry.partnership(key)) {
        (Some(m), _) => Agreement::Mou(m),
        (None, Some(p)) => Agreement::Partnership(p),
        (None, None) => {
            // Reuse the indexed query for the error and its suggestion.
            registry.parties_on(key, day)?;
            return Ok(Vec::new());
        }
    };
    Ok(standings(agreement, day))
}

/// How many parties an agreement is in force for on a day, possibly and
/// certainly: its parties on that day, counted.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::party_counts`].
pub fn party_count_on(
    registry: &Registry,
    key: &str,
    day: NaiveDate,
) -> Result<PartyCount, QueryError> {
    let parties = parties_on(registry, key, day)?;
    Ok(PartyCount {
        from: Some(day),
        possibly: parties.iter().filter(|p| p.in_force.0).count(),
        certainly: parties.iter().filter(|p| p.in_force.1).count(),
    })
}

/// The agreements in force for an institution on a day, by its own actions.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::in_force_for`].
pub fn in_force_for<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
) -> Result<Vec<InForceFor<'r>>, QueryError> {
    if registry.institution(key).is_none() {
        registry.in_force_for(key, day)?;
    }
    Ok(own(registry, key, day, YES, None))
}

/// The agreements in force for `key` on `day`, certain only when `chain` is.
fn own<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
    chain: Pair,
    through: Option<&'r Key<Institution>>,
) -> Vec<InForceFor<'r>> {
    let mut out = Vec::new();
    for agreement in agreements(registry) {
        for party in standings(agreement, day) {
            if party.institution.as_str() == key && party.in_force.0 {
                out.push(InForceFor {
                    agreement,
                    certain: party.in_force.1 && chain.1,
                    through,
                });
            }
        }
    }
    out
}

/// The agreements in force for an institution on a day, following its
/// succession history.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::in_force_for_with_predecessors`].
pub fn in_force_for_with_predecessors<'r>(
    registry: &'r Registry,
    key: &str,
    day: NaiveDate,
) -> Result<Vec<InForceFor<'r>>, QueryError> {
    let mut out = in_force_for(registry, key, day)?;
    let mut seen: Vec<String> = vec![key.to_owned()];
    let mut stack: Vec<(&str, Pair)> = vec![(key, YES)];
    while let Some((successor, chain)) = stack.pop() {
        let Some(inst) = registry.institution(successor) else {
            continue;
        };
        for s in inst.predecessors() {
            let chain = and(chain, came(s.date(), day));
            let predecessor = s.institution().as_str();
            if !chain.0 || seen.iter().any(|k| k == predecessor) {
                continue;
            }
            seen.push(predecessor.to_owned());
            for hit in own(registry, predecessor, day, chain, Some(s.institution())) {
                let same = out
                    .iter_mut()
                    .find(|o| agreement_order(&o.agreement) == agreement_order(&hit.agreement));
                match same {
                    Some(o) => o.certain |= hit.certain && o.through.is_some(),
                    None => out.push(hit),
                }
            }
            stack.push((predecessor, chain));
        }
    }
    out.sort_by(|a, b| agreement_order(&a.agreement).cmp(&agreement_order(&b.agreement)));
    Ok(out)
}

/// Every action of an institution as a party, in date order.
///
/// # Errors
///
/// The same [`QueryError`] as [`Registry::party_history`].
pub fn party_history<'r>(
    registry: &'r Registry,
    key: &str,
) -> Result<Vec<PartyActionHit<'r>>, QueryError> {
    if registry.institution(key).is_none() {
        registry.party_history(key)?;
    }
    let mut out = Vec::new();
    for agreement in agreements(registry) {
        let party = match agreement {
            Agreement::Mou(m) => m.party(key),
            Agreement::Partnership(p) => p.party_record(key),
        };
        for (position, action) in party.iter().flat_map(|p| p.actions().iter().enumerate()) {
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
