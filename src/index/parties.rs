//! The party index: for each institution, the days each agreement is
//! possibly and certainly in force *for it*, in the order
//! [`Registry::in_force_for`](crate::Registry::in_force_for) answers, and
//! the agreements whose parties record its actions.
//!
//! An institution's terms are a few disjoint day ranges an agreement (one
//! more after each rejoining), each in force for it possibly or certainly.
//! They are kept in blocks with the bounds of each block's days, so that a
//! day outside them skips the block: a state party to many agreements is
//! answered without a read of every term.

use super::force::ForceIndex;
use super::slot::subject_at;
use crate::event::Subject;
use crate::model::id::EntityKind;
use crate::model::mou::Mou;
use crate::model::partnership::Partnership;
use crate::model::standing::{
    in_force_ranges, members_of_mou, members_of_partnership, Member, Terms,
};
use crate::store::Tables;

/// Inclusive day ranges, each with whether it certainly holds.
type Ranges = Vec<(i32, i32, bool)>;

/// Terms per block of an institution's list.
const BLOCK: usize = 32;

/// Days an agreement is in force for one institution: an inclusive range
/// of day numbers, and whether it certainly is on each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartyTerm {
    from: i32,
    to: i32,
    handle: u32,
    entity: EntityKind,
    certain: bool,
}

impl PartyTerm {
    /// Whether the term holds day `n`.
    fn holds(&self, n: i32) -> bool {
        self.from <= n && n <= self.to
    }

    /// Whether the agreement is certainly in force for the institution on
    /// the days of this term.
    pub(crate) fn is_certain(&self) -> bool {
        self.certain
    }

    /// The agreement.
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        subject_at(reg, self.entity, self.handle)
    }
}

/// One institution's terms in answer order (partnerships first, each kind
/// in key order, each agreement's ranges in day order), with the bounds of
/// each block, and the agreements that record its actions.
#[derive(Debug, Clone, Default)]
struct Entry {
    terms: Vec<PartyTerm>,
    blocks: Vec<(i32, i32)>,
    records: Vec<(EntityKind, u32)>,
}

impl Entry {
    /// Recomputes the block bounds from the one holding `pos` on.
    fn refresh_from(&mut self, pos: usize) {
        let first = pos / BLOCK;
        self.blocks.truncate(first);
        let bounds = self.terms.chunks(BLOCK).skip(first).map(|c| {
            c.iter().fold((i32::MAX, i32::MIN), |(lo, hi), t| {
                (lo.min(t.from), hi.max(t.to))
            })
        });
        self.blocks.extend(bounds);
    }
}

/// The party index of a registry.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartyIndex {
    by_institution: hashbrown::HashMap<Box<str>, Entry, foldhash::fast::RandomState>,
}

/// Partnerships first, then MOUs.
fn rank(entity: EntityKind) -> u8 {
    u8::from(entity != EntityKind::Partnership)
}

/// The members of the agreement of kind `entity` at `handle`, each with
/// the days it is in force for them and whether its actions are recorded.
fn each_member<'r>(
    reg: &'r Tables,
    entity: EntityKind,
    handle: u32,
    mut f: impl FnMut(&'r str, &[(i32, i32, bool)], bool),
) {
    let (members, terms) = match subject_at(reg, entity, handle) {
        Some(Subject::Mou(m)) => (members_of_mou(m), Terms::of_mou(m)),
        Some(Subject::Partnership(p)) => (members_of_partnership(p), Terms::of_partnership(p)),
        _ => return,
    };
    // Every member bound by its signature or listing alone is in force on
    // the agreement's own days: they are worked out once.
    let mut implicit: Option<Ranges> = None;
    for member in &members {
        let institution = member.institution().as_str();
        match member {
            Member::Implicit { .. } => {
                let ranges = implicit.get_or_insert_with(|| in_force_ranges(member, &terms));
                f(institution, ranges, false);
            }
            _ => f(
                institution,
                &in_force_ranges(member, &terms),
                matches!(member, Member::Listed(_)),
            ),
        }
    }
}

impl PartyIndex {
    /// The party index of every partnership and MOU of the registry, whose
    /// agreements in force on some day `force` lists in answer order.
    pub(super) fn build(reg: &Tables, force: &ForceIndex) -> PartyIndex {
        let mut ix = PartyIndex::default();
        // An agreement is in force for a party only on days it is in force
        // itself: walking the in-force index's agreements, in the order of
        // the answers, leaves every institution's terms in that order.
        for (entity, handle) in force.agreements() {
            each_member(reg, entity, handle, |institution, ranges, _| {
                if ranges.is_empty() {
                    return;
                }
                let terms = &mut ix.entry(institution).terms;
                terms.extend(ranges.iter().map(|&(from, to, certain)| PartyTerm {
                    from,
                    to,
                    handle,
                    entity,
                    certain,
                }));
            });
        }
        for entry in ix.by_institution.values_mut() {
            entry.refresh_from(0);
        }
        // The recorded actions, of agreements in force or not.
        for (h, p) in reg.all::<Partnership>().iter().enumerate() {
            for party in p.party_records() {
                ix.record(party.institution().as_str(), EntityKind::Partnership, h);
            }
        }
        for (h, m) in reg.all::<Mou>().iter().enumerate() {
            for party in m.parties() {
                ix.record(party.institution().as_str(), EntityKind::Mou, h);
            }
        }
        ix
    }

    /// Notes that the agreement of kind `entity` at `h` records actions of
    /// `institution`.
    fn record(&mut self, institution: &str, entity: EntityKind, h: usize) {
        if let Ok(handle) = u32::try_from(h) {
            self.entry(institution).records.push((entity, handle));
        }
    }

    /// The entry of `institution`, made when it has none (without a copy
    /// of its key when it has one).
    fn entry(&mut self, institution: &str) -> &mut Entry {
        self.by_institution.entry_ref(institution).or_default()
    }

    /// Hands `hit` every term of `institution` that holds day `n`, in
    /// answer order.
    pub(crate) fn each_on(&self, institution: &str, n: i32, mut hit: impl FnMut(&PartyTerm)) {
        let Some(entry) = self.by_institution.get(institution) else {
            return;
        };
        for (terms, &(lo, hi)) in entry.terms.chunks(BLOCK).zip(&entry.blocks) {
            if n < lo || hi < n {
                continue;
            }
            for term in terms.iter().filter(|t| t.holds(n)) {
                hit(term);
            }
        }
    }

    /// The agreements whose parties record actions of `institution`, as
    /// (kind, handle), in no particular order.
    pub(crate) fn records_of(&self, institution: &str) -> &[(EntityKind, u32)] {
        self.by_institution
            .get(institution)
            .map_or(&[], |e| e.records.as_slice())
    }

    /// Indexes the partnership or MOU of kind `entity` just added at `h`,
    /// or that replaced the one at `h`.
    pub(super) fn link(&mut self, reg: &Tables, entity: EntityKind, h: usize) {
        let Ok(handle) = u32::try_from(h) else { return };
        let key_of = |e: EntityKind, h: u32| subject_at(reg, e, h).map_or("", |s| s.key());
        let key = key_of(entity, handle);
        let mut added: Vec<(&str, Ranges, bool)> = Vec::new();
        each_member(reg, entity, handle, |institution, ranges, recorded| {
            if recorded || !ranges.is_empty() {
                added.push((institution, ranges.to_vec(), recorded));
            }
        });
        for (institution, ranges, recorded) in added {
            let entry = self.entry(institution);
            if recorded {
                entry.records.push((entity, handle));
            }
            if ranges.is_empty() {
                continue;
            }
            let at = entry.terms.partition_point(|t| {
                (rank(t.entity), key_of(t.entity, t.handle)) < (rank(entity), key)
            });
            let terms = ranges.into_iter().map(|(from, to, certain)| PartyTerm {
                from,
                to,
                handle,
                entity,
                certain,
            });
            entry.terms.splice(at..at, terms);
            entry.refresh_from(at);
        }
    }

    /// Forgets the agreement `old` of kind `entity` at `h`.
    pub(super) fn unlink(&mut self, entity: EntityKind, h: usize, old: Subject<'_>) {
        let Ok(handle) = u32::try_from(h) else { return };
        let members = match old {
            Subject::Mou(m) => members_of_mou(m),
            Subject::Partnership(p) => members_of_partnership(p),
            _ => return,
        };
        for member in members {
            let Some(entry) = self.by_institution.get_mut(member.institution().as_str()) else {
                continue;
            };
            entry.records.retain(|&r| r != (entity, handle));
            if let Some(at) = entry
                .terms
                .iter()
                .position(|t| t.entity == entity && t.handle == handle)
            {
                entry
                    .terms
                    .retain(|t| !(t.entity == entity && t.handle == handle));
                entry.refresh_from(at);
            }
        }
    }

    /// Renumbers the agreements of kind `entity` after the one at `h`,
    /// which left its store.
    pub(super) fn shift(&mut self, entity: EntityKind, h: u32) {
        if !matches!(entity, EntityKind::Partnership | EntityKind::Mou) {
            return;
        }
        for entry in self.by_institution.values_mut() {
            for t in &mut entry.terms {
                if t.entity == entity && t.handle > h {
                    t.handle -= 1;
                }
            }
            for r in &mut entry.records {
                if r.0 == entity && r.1 > h {
                    r.1 -= 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::model::institution::{Institution, InstitutionKind};

    #[test]
    fn an_institution_finds_the_agreements_in_force_for_it_on_a_day() {
        let mut reg = Tables::new();
        for key in ["aa", "bb", "cc"] {
            let inst = Institution::builder(key, key, InstitutionKind::Government, "KR")
                .build()
                .expect("valid");
            assert!(reg.push(inst).is_ok());
        }
        for (key, signed) in [("u2", "2020"), ("u1", "2010"), ("u3", "2030")] {
            let m = Mou::builder(key, key, Date::parse(signed).expect("a date"))
                .signatory("aa")
                .signatory("bb")
                .build()
                .expect("valid");
            assert!(reg.push(m).is_ok());
        }
        let p = Partnership::builder("p", "P", crate::model::partnership::PartnershipKind::Other)
            .party("aa")
            .party("cc")
            .build()
            .expect("valid");
        assert!(reg.push(p).is_ok());
        let ix = PartyIndex::build(&reg, &ForceIndex::build(&reg));
        let n = Date::parse("2025-01-01")
            .expect("a date")
            .earliest_day_number();
        let mut found = Vec::new();
        ix.each_on("aa", n, |t| {
            found.push((t.subject(&reg).map(|s| s.key().to_owned()), t.is_certain()));
        });
        assert_eq!(
            found,
            [
                (Some("p".to_owned()), false),
                (Some("u1".to_owned()), true),
                (Some("u2".to_owned()), true)
            ]
        );
    }
}
