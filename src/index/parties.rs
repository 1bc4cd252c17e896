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
//! has terms on every day in nearly every block: from [`BUCKETED`] terms
//! on, an institution's days are also cut into buckets, each listing, in
//! answer order, the terms that hold some day of it, so that a day reads
//! the terms in force near it and no others, and its answer comes out in
//! order without a sort.

use std::sync::OnceLock;

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

/// Terms from which an institution's days are cut into buckets: one block
/// is scanned about as fast as a bucket is found.
const BUCKETED: usize = BLOCK + 1;

/// At most this many entries a term in an institution's buckets (a term
/// is listed in every bucket it overlaps): the buckets are made as narrow
/// as that allows.
const ENTRIES_PER_TERM: usize = 8;

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
/// each block, its buckets when it has many terms, and the agreements that
/// record its actions.
#[derive(Debug, Clone, Default)]
struct Entry {
    terms: Vec<PartyTerm>,
    blocks: Vec<(i32, i32)>,
    /// Made by the first query that needs them, so that building every
    /// index pays nothing for institutions never asked about.
    buckets: OnceLock<Option<Buckets>>,
    records: Vec<(EntityKind, u32)>,
}

impl Entry {
    /// Recomputes the block bounds from the one holding `pos` on, and the
    /// buckets.
    fn refresh_from(&mut self, pos: usize) {
        let first = pos / BLOCK;
        self.blocks.truncate(first);
        let bounds = self.terms.chunks(BLOCK).skip(first).map(|c| {
            c.iter().fold((i32::MAX, i32::MIN), |(lo, hi), t| {
                (lo.min(t.from), hi.max(t.to))
            })
        });
        self.blocks.extend(bounds);
        self.buckets = OnceLock::new();
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

    /// The places of the terms that may hold day `n`, in answer order,
    /// when the buckets cover it.
    fn near(&self, n: i32) -> Option<&[u32]> {
        if self.terms.len() < BUCKETED {
            return None;
        }
        self.buckets
            .get_or_init(|| Buckets::of(&self.terms))
            .as_ref()?
            .near(n)
    }
}

/// An institution's days from `first` to `last` cut into buckets of
/// `1 << shift` days, each listing the places of the terms that hold a day
/// of it, in answer order. A day outside them is answered by the blocks.
#[derive(Debug, Clone)]
struct Buckets {
    first: i32,
    last: i32,
    shift: u32,
    /// Where each bucket's list starts in `places`, and where the last ends.
    starts: Vec<u32>,
    places: Vec<u32>,
}

impl Buckets {
    /// The buckets of `terms`: from the first to the last day any term
    /// names (open ends stop there), as narrow as [`ENTRIES_PER_TERM`]
    /// allows. `None` when the terms name no day or are too many.
    fn of(terms: &[PartyTerm]) -> Option<Buckets> {
        let days = terms
            .iter()
            .flat_map(|t| [t.from, t.to])
            .filter(|&d| d != i32::MIN && d != i32::MAX);
        let (first, last) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        if first > last {
            return None;
        }
        let budget = terms.len().checked_mul(ENTRIES_PER_TERM)?;
        // Each term's first and last bucket, at a width of 1 << shift days.
        let span = |t: &PartyTerm, shift: u32| -> Option<(usize, usize)> {
            if t.to < first || last < t.from {
                return None;
            }
            let at =
                |d: i32| ((i64::from(d.clamp(first, last)) - i64::from(first)) >> shift) as usize;
            Some((at(t.from), at(t.to)))
        };
        let entries = |shift: u32| -> usize {
            terms
                .iter()
                .filter_map(|t| span(t, shift))
                .map(|(a, z)| z - a + 1)
                .sum()
        };
        let buckets = |shift: u32| ((i64::from(last) - i64::from(first)) >> shift) as usize + 1;
        // No more buckets than terms either, so that a few terms far apart
        // in time make no long list of empty buckets (a count known at
        // once; the entries take a pass).
        let shift = (0..32)
            .filter(|&s| buckets(s) <= terms.len())
            .find(|&s| entries(s) <= budget)?;
        let mut starts = vec![0u32; buckets(shift) + 1];
        for (a, z) in terms.iter().filter_map(|t| span(t, shift)) {
            for c in starts.get_mut(a + 1..=z + 1)? {
                *c += 1;
            }
        }
        let mut sum = 0;
        for c in &mut starts {
            sum += *c;
            *c = sum;
        }
        let mut fill: Vec<u32> = starts.clone();
        let mut places = vec![0u32; entries(shift)];
        for (p, t) in terms.iter().enumerate() {
            let Some((a, z)) = span(t, shift) else {
                continue;
            };
            let place = u32::try_from(p).ok()?;
            for f in fill.get_mut(a..=z)? {
                *places.get_mut(*f as usize)? = place;
                *f += 1;
            }
        }
        Some(Buckets {
            first,
            last,
            shift,
            starts,
            places,
        })
    }

    /// The places listed in the bucket of day `n`, if the buckets cover it.
    fn near(&self, n: i32) -> Option<&[u32]> {
        if n < self.first || self.last < n {
            return None;
        }
        let b = ((i64::from(n) - i64::from(self.first)) >> self.shift) as usize;
        let from = *self.starts.get(b)? as usize;
        let to = *self.starts.get(b + 1)? as usize;
        self.places.get(from..to)
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

    /// What `hit` makes of each term of `institution` that holds day `n`,
    /// in answer order (`None`s left out). The answer is allocated once,
    /// at the size of the bucket read, when the institution has buckets.
    pub(crate) fn collect_on<T>(
        &self,
        institution: &str,
        n: i32,
        mut hit: impl FnMut(&PartyTerm) -> Option<T>,
    ) -> Vec<T> {
        let Some(entry) = self.by_institution.get(institution) else {
            return Vec::new();
        };
        let Some(near) = entry.near(n) else {
            let mut out = Vec::new();
            entry.scan(n, |t| {
                if let Some(x) = hit(t) {
                    out.push(x);
                }
            });
            return out;
        };
        let mut out = Vec::with_capacity(near.len());
        for &p in near {
            let Some(term) = entry.terms.get(p as usize) else {
                continue;
            };
            // A push, not `extend` with an `Option`, which was not inlined
            // and cost about as much as the rest of a hit.
            if term.holds(n) {
                if let Some(x) = hit(term) {
                    out.push(x);
                }
            }
        }
        out
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
        let found = ix.collect_on("aa", n, |t| {
            Some((t.subject(&reg).map(|s| s.key().to_owned()), t.is_certain()))
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

    /// Every term of `institution` holding day `n`, by the buckets where
    /// they cover it, and by the blocks.
    fn both_ways(ix: &PartyIndex, institution: &str, n: i32) -> (Vec<PartyTerm>, Vec<PartyTerm>) {
        let near = ix.collect_on(institution, n, |t| Some(*t));
        let mut scanned = Vec::new();
        if let Some(entry) = ix.by_institution.get(institution) {
            entry.scan(n, |t| scanned.push(*t));
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
    fn the_buckets_of_a_busy_institution_find_what_a_scan_of_its_terms_finds() {
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
        let check = |ix: &PartyIndex| {
            let mut hits = 0;
            for n in (from..to).step_by(3) {
                let (near, scanned) = both_ways(ix, "aa", n);
                assert_eq!(near, scanned, "day {n}");
                hits += near.len();
            }
            let built = ix.by_institution.get("aa").and_then(|e| e.buckets.get());
            assert!(built.is_some_and(Option::is_some));
            assert!(hits > 10_000, "{hits}");
        };
        check(&ix);
        // An MOU added, then one replaced, keep the buckets right.
        assert!(reg.push(an_mou(400, draw())).is_ok());
        ix.link(&reg, EntityKind::Mou, 400);
        check(&ix);
        let old = reg.all::<Mou>().get(3).cloned().expect("an mou");
        ix.unlink(EntityKind::Mou, 3, Subject::Mou(&old));
        check(&ix);
    }
}
