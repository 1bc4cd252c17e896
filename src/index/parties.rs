//! The party index: for each institution, the days each agreement is
//! possibly and certainly in force *for it*, in the order
//! [`Registry::in_force_for`](crate::Registry::in_force_for) answers, and
//! the agreements whose parties record its actions.
//!
//! An institution's terms are a few disjoint day ranges an agreement (one
//! more after each rejoining), each in force for it possibly or certainly.
//! They are kept in blocks with the bounds of each block's days, so that a
//! day outside them skips the block. The answer order (by agreement key)
//! has nothing to do with the days, so a state party to many agreements
//! has terms on every day in nearly every block: from [`MARKED`] terms
//! on, an institution's terms also get [`DaySets`], which find the terms
//! holding a day from a checkpoint near it, a bit a term, so that a day
//! reads the terms in force and no others, and its answer comes out in
//! order without a sort.

use std::sync::OnceLock;

use super::days::DaySets;
use super::force::ForceIndex;
use super::slot::{subject_at, Agreements};
use crate::event::{Agreement, Subject};
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

/// Terms from which an institution's terms get day sets: one block is
/// scanned about as fast as a day's set is made.
const MARKED: usize = BLOCK + 1;

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

    /// The agreement.
    #[cfg(test)]
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        subject_at(reg, self.entity, self.handle)
    }
}

/// One institution's terms in answer order (partnerships first, each kind
/// in key order, each agreement's ranges in day order), with the bounds of
/// each block, its day sets when it has many terms, and the agreements
/// that record its actions.
#[derive(Debug, Clone, Default)]
struct Entry {
    terms: Vec<PartyTerm>,
    blocks: Vec<(i32, i32)>,
    /// Made by the first query that needs them, so that building every
    /// index pays nothing for institutions never asked about.
    days: OnceLock<DaySets>,
    records: Vec<(EntityKind, u32)>,
}

impl Entry {
    /// Recomputes the block bounds from the one holding `pos` on, and
    /// drops the day sets.
    fn refresh_from(&mut self, pos: usize) {
        let first = pos / BLOCK;
        self.blocks.truncate(first);
        let bounds = self.terms.chunks(BLOCK).skip(first).map(|c| {
            c.iter().fold((i32::MAX, i32::MIN), |(lo, hi), t| {
                (lo.min(t.from), hi.max(t.to))
            })
        });
        self.blocks.extend(bounds);
        self.days = OnceLock::new();
    }

    /// Hands `hit` every term that holds day `n`, in answer order, by the
    /// blocks.
    fn scan(&self, n: i32, mut hit: impl FnMut(&PartyTerm)) {
        for (terms, &(lo, hi)) in self.terms.chunks(BLOCK).zip(&self.blocks) {
            if n < lo || hi < n {
                continue;
            }
            for term in terms.iter().filter(|t| t.holds(n)) {
                hit(term);
            }
        }
    }

    /// The day sets of the institution's terms, when it has enough terms
    /// for them; made by the first query that asks.
    fn days(&self) -> Option<&DaySets> {
        if self.terms.len() < MARKED {
            return None;
        }
        Some(
            self.days
                .get_or_init(|| DaySets::new(self.terms.iter().map(|t| (t.from, t.to)).collect())),
        )
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

    /// What `hit` makes of each agreement in force for `institution` on
    /// day `n` (of `agreements`, with whether it certainly is), in answer
    /// order; `None` when none is in force for it on any day. The answer is
    /// allocated once, at its size when the institution has day sets.
    pub(crate) fn collect_on<'r, T>(
        &self,
        agreements: Agreements<'r>,
        institution: &str,
        n: i32,
        mut hit: impl FnMut(Agreement<'r>, bool) -> T,
    ) -> Option<Vec<T>> {
        let entry = self
            .by_institution
            .get(institution)
            .filter(|e| !e.terms.is_empty())?;
        let Some(days) = entry.days() else {
            let mut out = Vec::new();
            entry.scan(n, |t| {
                if let Some(a) = agreements.get(t.entity, t.handle) {
                    out.push(hit(a, t.certain));
                }
            });
            return Some(out);
        };
        // Everything the loop reads moved into the closure, so that it
        // stays in registers rather than behind a reference read on every
        // hit.
        Some(days.with_on(n, move |words, count| {
            let mut out = Vec::with_capacity(count);
            for (&word, terms) in words.iter().zip(entry.terms.chunks(64)) {
                // The set bits by hand, the agreement looked up in the
                // lists read once and the hit made by the caller's inlined
                // closure: nothing a hit needs is read through a reference.
                let mut bits = word;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let Some(t) = terms.get(i) else { continue };
                    if let Some(a) = agreements.get(t.entity, t.handle) {
                        out.push(hit(a, t.certain));
                    }
                }
            }
            out
        }))
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
        let found = ix.collect_on(Agreements::of(&reg), "aa", n, |a, certain| {
            (a.key().to_owned(), certain)
        });
        let found = found.unwrap_or_default();
        assert_eq!(
            found,
            [
                ("p".to_owned(), false),
                ("u1".to_owned(), true),
                ("u2".to_owned(), true)
            ]
        );
    }

    /// An agreement's key and whether it is certainly in force.
    type KeyAndCertain = (String, bool);

    /// The agreements in force for `institution` on day `n`, by the day
    /// sets when it has them, and by the blocks.
    fn both_ways(
        ix: &PartyIndex,
        reg: &Tables,
        institution: &str,
        n: i32,
    ) -> (Vec<KeyAndCertain>, Vec<KeyAndCertain>) {
        let near = ix
            .collect_on(Agreements::of(reg), institution, n, |a, certain| {
                (a.key().to_owned(), certain)
            })
            .unwrap_or_default();
        let mut scanned = Vec::new();
        if let Some(entry) = ix.by_institution.get(institution) {
            entry.scan(n, |t| {
                let key = t.subject(reg).map_or(String::new(), |s| s.key().to_owned());
                scanned.push((key, t.certain));
            });
        }
        (near, scanned)
    }

    /// An MOU signed by `aa` and `bb` in a year, month or on a day, with
    /// an expiry or none (open-ended), drawn from `x`.
    fn an_mou(i: u64, x: u64) -> Mou {
        let year = 1990 + x % 30;
        let month = 1 + (x >> 8) % 12;
        let signed = match (x >> 16) % 3 {
            0 => format!("{year}"),
            1 => format!("{year}-{month:02}"),
            _ => format!("{year}-{month:02}-{:02}", 1 + (x >> 24) % 28),
        };
        let mut m = Mou::builder(format!("u{i}"), "M", Date::parse(&signed).expect("a date"))
            .signatory("aa")
            .signatory("bb");
        if (x >> 32) % 10 != 0 {
            let end = format!("{}-{month:02}", year + 1 + (x >> 40) % 12);
            m = m.expiry(Date::parse(&end).expect("a date"));
        }
        m.build().expect("valid")
    }

    #[test]
    fn the_day_sets_of_a_busy_institution_find_what_a_scan_of_its_terms_finds() {
        let mut reg = Tables::new();
        for key in ["aa", "bb"] {
            let inst = Institution::builder(key, key, InstitutionKind::Government, "KR")
                .build()
                .expect("valid");
            assert!(reg.push(inst).is_ok());
        }
        let mut x: u64 = 7;
        let mut draw = || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 11
        };
        for i in 0..400 {
            assert!(reg.push(an_mou(i, draw())).is_ok());
        }
        let mut ix = PartyIndex::build(&reg, &ForceIndex::build(&reg));
        let day = |text: &str| Date::parse(text).expect("a date").earliest_day_number();
        let (from, to) = (day("1985-01-01"), day("2050-01-01"));
        let check = |ix: &PartyIndex, reg: &Tables| {
            let mut hits = 0;
            for n in (from..to).step_by(3) {
                let (near, scanned) = both_ways(ix, reg, "aa", n);
                assert_eq!(near, scanned, "day {n}");
                hits += near.len();
            }
            let built = ix.by_institution.get("aa").and_then(|e| e.days.get());
            assert!(built.is_some());
            assert!(hits > 10_000, "{hits}");
        };
        check(&ix, &reg);
        // An MOU added, then one replaced, keep the day sets right.
        assert!(reg.push(an_mou(400, draw())).is_ok());
        ix.link(&reg, EntityKind::Mou, 400);
        check(&ix, &reg);
        let old = reg.all::<Mou>().get(3).cloned().expect("an mou");
        ix.unlink(EntityKind::Mou, 3, Subject::Mou(&old));
        check(&ix, &reg);
    }
}
