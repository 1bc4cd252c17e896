//! The in-force index: the days each partnership and MOU is possibly and
//! certainly in force, with the day sets that find the agreements
//! possibly in force on a day from a checkpoint near it.

use super::days::DaySets;
use super::run::build_parts;
use super::slot::{key_ranks, subject_at, subjects, Agreements};
use crate::date::Date;
use crate::event::{Agreement, Subject};
use crate::model::id::EntityKind;
use crate::store::Tables;

/// Terms per word of a day's set: the bits of a `u64`.
const TERM_BLOCK: usize = 64;

/// The days an agreement may be in force, as an inclusive range of day
/// numbers.
type Span = (i32, i32);

/// The days an agreement certainly is in force (inclusive day numbers, an
/// empty range when `from > to`), and the agreement: 16 bytes. The days it
/// may be in force are its [`Span`], kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    certainly_from: i32,
    certainly_to: i32,
    handle: u32,
    entity: EntityKind,
}

impl Term {
    /// The term of the partnership or MOU of kind `entity` at `h`; `None`
    /// when it is in force on no day.
    ///
    /// An agreement is possibly in force on day `n` when its start possibly
    /// came by `n`, its last day in force possibly is `n` or later and the
    /// day it stopped possibly is after `n`; certainly, when all three are
    /// certain. Each condition bounds `n` by a day of the date's range.
    fn of(reg: &Tables, entity: EntityKind, h: usize) -> Option<(Span, Term)> {
        let handle = u32::try_from(h).ok()?;
        match subject_at(reg, entity, handle)? {
            Subject::Partnership(p) => {
                Term::from_dates(p.established(), None, p.ended(), entity, handle)
            }
            // Consents without an entry into force: not in force on record.
            Subject::Mou(m) if !m.in_force_on_record() => None,
            Subject::Mou(m) => {
                Term::from_dates(Some(m.start()), m.expiry(), m.termination(), entity, handle)
            }
            _ => None,
        }
    }

    /// The term of an agreement with start `start` (`None`: unknown), last
    /// day in force `last` and first day no longer in force `gone`.
    fn from_dates(
        start: Option<&Date>,
        last: Option<&Date>,
        gone: Option<&Date>,
        entity: EntityKind,
        handle: u32,
    ) -> Option<(Span, Term)> {
        let earliest = |d: Option<&Date>| d.map(Date::earliest_day_number);
        let latest = |d: Option<&Date>| d.map(Date::latest_day_number);
        let before = |n: i32| n.saturating_sub(1);
        let possibly_from = earliest(start).unwrap_or(i32::MIN);
        let possibly_to = latest(last)
            .unwrap_or(i32::MAX)
            .min(latest(gone).map_or(i32::MAX, before));
        // An unknown start is never certainly past.
        let certainly_from = latest(start).unwrap_or(i32::MAX);
        let certainly_to = earliest(last)
            .unwrap_or(i32::MAX)
            .min(earliest(gone).map_or(i32::MAX, before));
        (possibly_from <= possibly_to).then_some((
            (possibly_from, possibly_to),
            Term {
                certainly_from,
                certainly_to,
                handle,
                entity,
            },
        ))
    }

    /// Whether the agreement with this term and span is possibly and
    /// certainly in force on day `n` (a day of the calendar: never
    /// `i32::MIN` or `i32::MAX`).
    #[cfg(test)]
    pub(crate) fn on(&self, (from, to): Span, n: i32) -> (bool, bool) {
        let possibly = from <= n && n <= to;
        (possibly, possibly && self.certainly_on(n))
    }

    /// Whether the agreement is certainly in force on day `n`, given that
    /// it possibly is.
    pub(crate) fn certainly_on(&self, n: i32) -> bool {
        self.certainly_from <= n && n <= self.certainly_to
    }

    /// The agreement.
    pub(crate) fn subject<'r>(&self, reg: &'r Tables) -> Option<Subject<'r>> {
        subject_at(reg, self.entity, self.handle)
    }

    /// Partnerships first, then MOUs.
    fn rank(entity: EntityKind) -> u8 {
        u8::from(entity != EntityKind::Partnership)
    }
}

/// The terms of every partnership and MOU, in the order the in-force answer
/// lists them (partnerships first, each kind in key order), with the days
/// each is possibly in force as [`DaySets`] by the same places: a day's
/// answer reads a checkpoint of a bit a term, the changes since, and the
/// terms of its hits, never every term.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForceIndex {
    terms: Vec<Term>,
    days: DaySets,
}

impl ForceIndex {
    /// The terms of every partnership and MOU of the registry.
    pub(super) fn build(reg: &Tables) -> ForceIndex {
        // Partnerships, then MOUs, each in key order, as one number.
        let mut order: Vec<(u64, Span, Term)> = Vec::new();
        let kinds = [EntityKind::Partnership, EntityKind::Mou];
        let parts = build_parts(kinds.iter().map(|&k| subjects(reg, k)).sum());
        for entity in kinds {
            let ranks = key_ranks(reg, entity, parts);
            order.reserve(ranks.len());
            for (h, &key_rank) in ranks.iter().enumerate() {
                if let Some((span, term)) = Term::of(reg, entity, h) {
                    let rank = (u64::from(Term::rank(entity)) << 32) | u64::from(key_rank);
                    order.push((rank, span, term));
                }
            }
        }
        order.sort_unstable_by_key(|o| o.0);
        ForceIndex {
            days: DaySets::new(order.iter().map(|o| o.1).collect()),
            terms: order.into_iter().map(|o| o.2).collect(),
        }
    }

    /// What `hit` makes of each agreement of `agreements` in force on day
    /// `n`, with whether it certainly is, in answer order; allocated once,
    /// at the answer's size.
    pub(crate) fn collect_on<'r, T>(
        &self,
        agreements: Agreements<'r>,
        n: i32,
        mut hit: impl FnMut(Agreement<'r>, bool) -> T,
    ) -> Vec<T> {
        let (masks, count) = self.days.on(n);
        let mut out = Vec::with_capacity(count);
        for (&mask, terms) in masks.iter().zip(self.terms.chunks(TERM_BLOCK)) {
            // As the party index's answer: the set bits by hand, the
            // look-up with the two lists read once. The loop is not shared
            // with the party index: a helper that called a closure for
            // each set bit, the closure pushing to this answer, cost Q3
            // 5.9% more instructions (688.1 M against 728.9 M for 1,000
            // days at 100k), the answer then being reached through a
            // reference at every push.
            let mut bits = mask;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let Some(t) = terms.get(i) else { continue };
                if let Some(a) = agreements.get(t.entity, t.handle) {
                    out.push(hit(a, t.certainly_on(n)));
                }
            }
        }
        out
    }

    /// Every agreement in force on some day, as (kind, handle), in the
    /// order of the answers: partnerships first, each kind in key order.
    pub(crate) fn agreements(&self) -> impl Iterator<Item = (EntityKind, u32)> + '_ {
        self.terms.iter().map(|t| (t.entity, t.handle))
    }

    /// The number of agreements in force on some day.
    pub(crate) fn len(&self) -> usize {
        self.terms.len()
    }

    /// Indexes the partnership or MOU of kind `entity` just added at `h`,
    /// or that replaced the one at `h`.
    pub(super) fn link(&mut self, reg: &Tables, entity: EntityKind, h: usize) {
        let Some((span, term)) = Term::of(reg, entity, h) else {
            return;
        };
        let key = term.subject(reg).map_or("", |s| s.key());
        let rank = Term::rank(entity);
        let at = self.terms.partition_point(|t| {
            (Term::rank(t.entity), t.subject(reg).map_or("", |s| s.key())) < (rank, key)
        });
        self.terms.insert(at, term);
        self.days.insert(at, span);
    }

    /// Forgets the partnership or MOU of kind `entity` at `h`.
    pub(super) fn unlink(&mut self, entity: EntityKind, h: usize) {
        let Ok(handle) = u32::try_from(h) else { return };
        if let Some(at) = self
            .terms
            .iter()
            .position(|t| t.entity == entity && t.handle == handle)
        {
            self.terms.remove(at);
            self.days.remove(at);
        }
    }

    /// Renumbers the entities of kind `entity` after the one at `h`, which
    /// left its store.
    pub(super) fn shift(&mut self, entity: EntityKind, h: u32) {
        for t in &mut self.terms {
            if t.entity == entity && t.handle > h {
                t.handle -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::day_number;

    #[test]
    fn the_index_counts_each_agreement_in_force_on_some_day_once() {
        use crate::model::institution::{Institution, InstitutionKind};
        use crate::model::mou::Mou;
        let mut reg = Tables::new();
        for key in ["kr-a", "us-b"] {
            let inst = Institution::builder(key, "An institution", InstitutionKind::Ministry, "KR")
                .build()
                .expect("valid");
            assert!(reg.push(inst).is_ok());
        }
        for (key, force) in [("u1", "2021-03"), ("u2", "2022")] {
            let signed = Date::parse("2021-01-05").expect("a date");
            let mou = Mou::builder(key, "An MOU", signed)
                .signatory("kr-a")
                .signatory("us-b")
                .entry_into_force(Date::parse(force).expect("a date"))
                .build()
                .expect("valid");
            assert!(reg.push(mou).is_ok());
        }
        let index = ForceIndex::build(&reg);
        assert_eq!(index.len(), 2);
        assert_eq!(index.agreements().count(), 2);
    }

    #[test]
    fn a_term_bounds_the_days_in_force_by_each_date_of_the_agreement() {
        let term = Term {
            certainly_from: 12,
            certainly_to: 18,
            handle: 0,
            entity: EntityKind::Mou,
        };
        let on: Vec<(bool, bool)> = [9, 10, 11, 12, 18, 19, 20, 21]
            .into_iter()
            .map(|n| term.on((10, 20), n))
            .collect();
        assert_eq!(
            on,
            [
                (false, false),
                (true, false),
                (true, false),
                (true, true),
                (true, true),
                (true, false),
                (true, false),
                (false, false),
            ]
        );
    }

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Whether an agreement with these dates is possibly and certainly in
    /// force on day `n`.
    fn in_force(
        n: i32,
        start: Option<&Date>,
        last: Option<&Date>,
        gone: Option<&Date>,
    ) -> (bool, bool) {
        Term::from_dates(start, last, gone, EntityKind::Mou, 0)
            .map_or((false, false), |(span, t)| t.on(span, n))
    }

    #[test]
    fn an_agreement_is_in_force_through_its_expiry_day_and_not_on_termination_day() {
        let n = day(2024, 1, 1);
        let start = date("2023-01-01");
        assert_eq!(
            in_force(n, Some(&start), Some(&date("2024-01-01")), None),
            (true, true)
        );
        assert_eq!(
            in_force(n, Some(&start), Some(&date("2023-12-31")), None),
            (false, false)
        );
        assert_eq!(
            in_force(n, Some(&start), None, Some(&date("2024-01-01"))),
            (false, false)
        );
        assert_eq!(
            in_force(n, Some(&start), None, Some(&date("2024-01-02"))),
            (true, true)
        );
    }

    #[test]
    fn a_rough_start_or_end_makes_force_only_possible() {
        let n = day(2023, 6, 15);
        assert_eq!(in_force(n, Some(&date("2023")), None, None), (true, false));
        assert_eq!(
            in_force(n, Some(&date("2022")), Some(&date("2023")), None),
            (true, false)
        );
        assert_eq!(in_force(n, None, None, None), (true, false));
        assert_eq!(in_force(n, Some(&date("2024")), None, None), (false, false));
        assert_eq!(
            in_force(n, Some(&date("[..2023-01-01]")), None, None),
            (true, true)
        );
    }
}
