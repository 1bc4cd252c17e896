//! The party workload: agreements in force for a party on a day, at a
//! size where a few institutions are party to many agreements.
//!
//! The data is `Synth::new(n).seed(42).multilateral(100)`: every MOU a
//! convention whose parties sign, ratify late or never, accede, withdraw
//! and rejoin, with parties beyond the signatories drawn so that the
//! institution of rank `r` is drawn about `r^-3/4` as often as the first
//! (a Zipf law of exponent 3/4).
//!
//! The peers are given the days each agreement is in force for each of its
//! members, worked out by `pactum::naive` (a scan that asks every date
//! directly) at every day where an answer can change: each date's earliest
//! and latest day and the days after them. So the peers' spans come from
//! the oracle, not from pactum's index, and the setup checks that every
//! peer answers as `Registry::in_force_for` does.

use std::collections::HashMap;

use coitrees::{COITree, Interval, IntervalTree};
use pactum::synth::Synth;
use pactum::{Agreement, Date, Registry};
use rusqlite::{params, Connection};
use rust_lapper::{Interval as LapInterval, Lapper};

use crate::{day, day_number, query_days, shift};

/// Days an agreement is in force for one member: inclusive day numbers
/// (`i32::MIN` and `i32::MAX` for open ends), the agreement's place in the
/// answer order (partnerships, then MOUs, each by key) and whether it is
/// certainly in force on those days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// First day.
    pub lo: i32,
    /// Last day.
    pub hi: i32,
    /// The agreement's place in the answer order.
    pub agreement: u32,
    /// Whether certainly in force.
    pub certain: bool,
}

impl Span {
    /// The agreement and its certainty packed as the peers store them.
    pub fn value(&self) -> u32 {
        self.agreement << 1 | u32::from(self.certain)
    }
}

/// An answer in a form every tool can give: (agreement's place, certain),
/// sorted.
pub type Answer = Vec<(u32, bool)>;

/// Unpacks and sorts the values a peer found.
pub fn answer(mut values: Vec<u32>) -> Answer {
    values.sort_unstable();
    values.into_iter().map(|v| (v >> 1, v & 1 == 1)).collect()
}

/// An interval tree per party over its closed spans, with the open-ended
/// ones kept apart as pactum keeps them: those with an open end sorted by
/// their first day, those with an open start by their last day, and those
/// open at both ends.
pub struct TreePeer<T> {
    closed: T,
    open_end: Vec<(i32, u32)>,
    open_start: Vec<(i32, u32)>,
    always: Vec<u32>,
}

impl<T> TreePeer<T> {
    fn new(spans: &[Span], tree: impl FnOnce(&[Span]) -> T) -> TreePeer<T> {
        let closed: Vec<Span> = spans
            .iter()
            .filter(|s| s.lo != i32::MIN && s.hi != i32::MAX)
            .copied()
            .collect();
        let mut open_end: Vec<(i32, u32)> = spans
            .iter()
            .filter(|s| s.lo != i32::MIN && s.hi == i32::MAX)
            .map(|s| (s.lo, s.value()))
            .collect();
        open_end.sort_unstable();
        let mut open_start: Vec<(i32, u32)> = spans
            .iter()
            .filter(|s| s.lo == i32::MIN && s.hi != i32::MAX)
            .map(|s| (s.hi, s.value()))
            .collect();
        open_start.sort_unstable();
        let always = spans
            .iter()
            .filter(|s| s.lo == i32::MIN && s.hi == i32::MAX)
            .map(Span::value)
            .collect();
        TreePeer {
            closed: tree(&closed),
            open_end,
            open_start,
            always,
        }
    }

    /// Adds the open-ended spans that hold day `n` to `out`.
    #[inline]
    fn open(&self, n: i32, out: &mut Vec<u32>) {
        let started = self.open_end.partition_point(|&(lo, _)| lo <= n);
        out.extend(self.open_end[..started].iter().map(|&(_, v)| v));
        let ended = self.open_start.partition_point(|&(hi, _)| hi < n);
        out.extend(self.open_start[ended..].iter().map(|&(_, v)| v));
        out.extend_from_slice(&self.always);
    }
}

impl TreePeer<COITree<u32, u32>> {
    /// The values of the spans that hold day `n`, in no particular order.
    pub fn on(&self, n: i32) -> Vec<u32> {
        let mut out = Vec::new();
        self.closed.query(n, n, |iv| out.push(iv.metadata));
        self.open(n, &mut out);
        out
    }
}

impl TreePeer<Lapper<u32, u32>> {
    /// The values of the spans that hold day `n`, in no particular order.
    pub fn on(&self, n: i32) -> Vec<u32> {
        let s = shift(n);
        let mut out: Vec<u32> = self.closed.find(s, s + 1).map(|iv| iv.val).collect();
        self.open(n, &mut out);
        out
    }
}

/// Everything the party workload needs.
pub struct PartyFixture {
    /// Agreements asked of the generator.
    pub agreements: usize,
    /// The registry, indexes built.
    pub registry: Registry,
    /// Every member's spans, with the member's key.
    pub spans: HashMap<String, Vec<Span>>,
    /// The institution party to the most agreements.
    pub busiest: String,
    /// An institution with the median number of spans among those with any.
    pub median: String,
    /// `coitrees` per party.
    pub coitrees: HashMap<String, TreePeer<COITree<u32, u32>>>,
    /// `rust-lapper` per party.
    pub lapper: HashMap<String, TreePeer<Lapper<u32, u32>>>,
    /// SQLite with every span and a B-tree on (party, first day, last day).
    pub sqlite: Connection,
    /// Each party's key as SQLite's integer.
    pub party_ids: HashMap<String, i64>,
    /// Each agreement's place in the answer order, by (is an MOU, key).
    pub places: HashMap<(bool, String), u32>,
}

/// The query days of the workload.
pub fn party_days() -> Vec<i32> {
    query_days(64).into_iter().map(day_number).collect()
}

impl PartyFixture {
    /// Generates and loads the dataset, works out every member's spans with
    /// the oracle, fills the peers and checks that they answer as pactum
    /// does.
    pub fn new(agreements: usize) -> PartyFixture {
        let registry = Synth::new(agreements)
            .seed(42)
            .multilateral(100)
            .registry()
            .expect("the generator writes valid data");
        registry.build_indexes();
        let places = places(&registry);
        let spans = spans(&registry, &places);
        let (busiest, median) = busiest_and_median(&registry);
        let coitrees = spans
            .iter()
            .map(|(k, v)| (k.clone(), TreePeer::new(v, coitree)))
            .collect();
        let lapper = spans
            .iter()
            .map(|(k, v)| (k.clone(), TreePeer::new(v, lapper)))
            .collect();
        let party_ids: HashMap<String, i64> = spans
            .keys()
            .enumerate()
            .map(|(i, k)| (k.clone(), i as i64))
            .collect();
        let sqlite = sqlite(&spans, &party_ids);
        let f = PartyFixture {
            agreements,
            registry,
            spans,
            busiest,
            median,
            coitrees,
            lapper,
            sqlite,
            party_ids,
            places,
        };
        f.check();
        f
    }

    /// pactum's answer for `party` on day `n`.
    pub fn pactum(&self, party: &str, n: i32) -> Answer {
        let hits = self
            .registry
            .in_force_for(party, day(n))
            .expect("a known institution");
        let mut out: Answer = hits
            .iter()
            .map(|h| {
                let is_mou = matches!(h.agreement(), Agreement::Mou(_));
                let place = self.places[&(is_mou, h.key().to_owned())];
                (place, h.is_certain())
            })
            .collect();
        // pactum answers in its own order, which is the order of the places.
        assert!(out.windows(2).all(|w| w[0].0 < w[1].0), "answer order");
        out.sort_unstable();
        out
    }

    /// SQLite's answer for `party` on day `n`, through `stmt`.
    pub fn sqlite_on(&self, stmt: &mut rusqlite::Statement<'_>, party: &str, n: i32) -> Vec<u32> {
        let id = self.party_ids.get(party).copied().unwrap_or(-1);
        stmt.query_map(params![id, n], |r| r.get::<_, u32>(0))
            .expect("rows")
            .map(|v| v.expect("a value"))
            .collect()
    }

    /// Asserts that every peer answers as pactum for the busiest and the
    /// median party on every query day, and for every 50th party on four.
    fn check(&self) {
        let days = party_days();
        let mut stmt = self.sqlite.prepare(PARTY_SQL).expect("prepared");
        let mut keys: Vec<&String> = self.spans.keys().collect();
        keys.sort_unstable();
        let mut asked: Vec<(&str, &[i32])> = vec![(&self.busiest, &days), (&self.median, &days)];
        asked.extend(keys.iter().step_by(50).map(|k| (k.as_str(), &days[..4])));
        for (party, days) in asked {
            for &n in days {
                let want = self.pactum(party, n);
                let coi = self.coitrees.get(party).map_or(Vec::new(), |t| t.on(n));
                let lap = self.lapper.get(party).map_or(Vec::new(), |t| t.on(n));
                let sql = self.sqlite_on(&mut stmt, party, n);
                assert_eq!(answer(coi), want, "coitrees, {party} on day {n}");
                assert_eq!(answer(lap), want, "rust-lapper, {party} on day {n}");
                assert_eq!(answer(sql), want, "sqlite, {party} on day {n}");
            }
        }
    }
}

/// The institution that is a member of the most agreements (a party, or a
/// signatory of an MOU, or a party of a partnership), and one with the
/// median number among those that are a member of any; ties go to the
/// first key.
pub fn busiest_and_median(registry: &Registry) -> (String, String) {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in registry.partnerships() {
        for k in p.parties() {
            *count.entry(k.as_str()).or_default() += 1;
        }
    }
    for m in registry.mous() {
        let parties = m.parties().iter().map(|p| p.institution().as_str());
        let others = m
            .signatories()
            .iter()
            .map(|k| k.as_str())
            .filter(|k| m.party(k).is_none());
        for k in parties.chain(others) {
            *count.entry(k).or_default() += 1;
        }
    }
    let mut by_count: Vec<(usize, &str)> = count.into_iter().map(|(k, n)| (n, k)).collect();
    by_count.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let pick = |i: usize| {
        by_count
            .get(i)
            .map_or_else(String::new, |(_, k)| (*k).to_owned())
    };
    (pick(0), pick(by_count.len() / 2))
}

/// The query of the SQLite peer: ?1 the party, ?2 the day.
pub const PARTY_SQL: &str =
    "SELECT value FROM party_force WHERE party = ?1 AND lo <= ?2 AND hi >= ?2";

/// Every agreement's place in the answer order.
fn places(registry: &Registry) -> HashMap<(bool, String), u32> {
    let mut all: Vec<(bool, String)> = registry
        .partnerships()
        .iter()
        .map(|p| (false, p.key().as_str().to_owned()))
        .chain(
            registry
                .mous()
                .iter()
                .map(|m| (true, m.key().as_str().to_owned())),
        )
        .collect();
    all.sort_unstable();
    all.into_iter().zip(0..).collect()
}

/// Every day on which the answer about a date can change: its earliest
/// and latest day and the days after each.
fn turns(date: Option<&Date>, out: &mut Vec<i32>) {
    let Some(date) = date else { return };
    for d in [date.earliest(), date.latest()].into_iter().flatten() {
        let n = day_number(d);
        out.extend([n, n + 1]);
    }
}

/// Every member's spans, worked out with the oracle at every turn.
fn spans(registry: &Registry, places: &HashMap<(bool, String), u32>) -> HashMap<String, Vec<Span>> {
    spans_of(registry, places, None)
}

/// The spans of `party` alone, worked out as [`PartyFixture::new`] works
/// out everyone's, from the agreements it is a member of: what the
/// instruction-count driver gives the interval trees without asking the
/// oracle about every agreement.
pub fn party_spans(registry: &Registry, party: &str) -> Vec<Span> {
    let places = places(registry);
    spans_of(registry, &places, Some(party))
        .remove(party)
        .unwrap_or_default()
}

/// An interval tree of `coitrees` over `spans`, open ends kept apart.
pub fn coitrees_peer(spans: &[Span]) -> TreePeer<COITree<u32, u32>> {
    TreePeer::new(spans, coitree)
}

/// An interval tree of `rust-lapper` over `spans`, open ends kept apart.
pub fn lapper_peer(spans: &[Span]) -> TreePeer<Lapper<u32, u32>> {
    TreePeer::new(spans, lapper)
}

/// The spans of every member of the agreements, or of `only` that member.
fn spans_of(
    registry: &Registry,
    places: &HashMap<(bool, String), u32>,
    only: Option<&str>,
) -> HashMap<String, Vec<Span>> {
    let mut out: HashMap<String, Vec<Span>> = HashMap::new();
    let mut each = |is_mou: bool, key: &str, turns: Vec<i32>| {
        let place = places[&(is_mou, key.to_owned())];
        for (member, spans) in agreement_spans(registry, key, turns) {
            if only.is_some_and(|o| o != member) {
                continue;
            }
            out.entry(member)
                .or_default()
                .extend(spans.into_iter().map(|(lo, hi, certain)| Span {
                    lo,
                    hi,
                    agreement: place,
                    certain,
                }));
        }
    };
    for p in registry.partnerships() {
        if !involves(only, p.parties().iter().map(|k| k.as_str())) {
            continue;
        }
        let mut t = Vec::new();
        turns(p.established(), &mut t);
        turns(p.ended(), &mut t);
        for a in p.party_records().iter().flat_map(|r| r.actions()) {
            turns(Some(a.date()), &mut t);
            turns(a.effective(), &mut t);
            turns(a.end(), &mut t);
        }
        each(false, p.key().as_str(), t);
    }
    for m in registry.mous() {
        let parties = m.parties().iter().map(|p| p.institution().as_str());
        let signatories = m.signatories().iter().map(|k| k.as_str());
        if !involves(only, parties.chain(signatories)) {
            continue;
        }
        let mut t = Vec::new();
        for d in [Some(m.signed()), Some(m.start()), m.entry_into_force()] {
            turns(d, &mut t);
        }
        turns(m.expiry(), &mut t);
        turns(m.termination(), &mut t);
        for a in m.parties().iter().flat_map(|r| r.actions()) {
            turns(Some(a.date()), &mut t);
            turns(a.effective(), &mut t);
            turns(a.end(), &mut t);
        }
        each(true, m.key().as_str(), t);
    }
    out
}

/// Whether `keys` has `only`, or `only` is none.
fn involves<'a>(only: Option<&str>, mut keys: impl Iterator<Item = &'a str>) -> bool {
    only.is_none_or(|o| keys.any(|k| k == o))
}

/// One member's spans: (first day, last day, certain), days as numbers.
type MemberSpans = (String, Vec<(i32, i32, bool)>);

/// The spans of each member of the agreement `key`, from the oracle's
/// answer on each stretch of days between two turns.
fn agreement_spans(registry: &Registry, key: &str, mut turns: Vec<i32>) -> Vec<MemberSpans> {
    turns.sort_unstable();
    turns.dedup();
    let Some(&first) = turns.first() else {
        return Vec::new();
    };
    // The stretch before the first turn is asked on its last day.
    let starts: Vec<i32> = std::iter::once(i32::MIN)
        .chain(turns.iter().copied())
        .collect();
    let mut members: Vec<MemberSpans> = Vec::new();
    for (s, &from) in starts.iter().enumerate() {
        let to = starts.get(s + 1).map_or(i32::MAX, |&t| t - 1);
        let ask = if from == i32::MIN { first - 1 } else { from };
        let parties = pactum::naive::parties_on(registry, key, day(ask)).expect("an agreement");
        if members.is_empty() {
            members = parties
                .iter()
                .map(|p| (p.institution().as_str().to_owned(), Vec::new()))
                .collect();
        }
        for (p, (_, spans)) in parties.iter().zip(&mut members) {
            if !p.possibly_in_force() {
                continue;
            }
            let certain = p.certainly_in_force();
            match spans.last_mut() {
                Some(last) if last.1.checked_add(1) == Some(from) && last.2 == certain => {
                    last.1 = to;
                }
                _ => spans.push((from, to, certain)),
            }
        }
    }
    members.retain(|(_, spans)| !spans.is_empty());
    members
}

fn coitree(spans: &[Span]) -> COITree<u32, u32> {
    let intervals: Vec<Interval<u32>> = spans
        .iter()
        .map(|s| Interval::new(s.lo, s.hi, s.value()))
        .collect();
    COITree::new(&intervals)
}

fn lapper(spans: &[Span]) -> Lapper<u32, u32> {
    Lapper::new(
        spans
            .iter()
            .map(|s| LapInterval {
                start: shift(s.lo),
                stop: shift(s.hi) + 1,
                val: s.value(),
            })
            .collect(),
    )
}

/// Every span in one table, clustered on its B-tree key (party, first day,
/// last day), so that a query reads the index alone.
fn sqlite(spans: &HashMap<String, Vec<Span>>, ids: &HashMap<String, i64>) -> Connection {
    let db = Connection::open_in_memory().expect("an in-memory database");
    db.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         CREATE TABLE party_force (party INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, value INTEGER NOT NULL,
           PRIMARY KEY (party, lo, hi, value)) WITHOUT ROWID;",
    )
    .expect("the schema");
    let tx = db.unchecked_transaction().expect("a transaction");
    {
        let mut insert = tx
            .prepare("INSERT INTO party_force VALUES (?1, ?2, ?3, ?4)")
            .expect("prepared");
        for (key, spans) in spans {
            for s in spans {
                insert
                    .execute(params![ids[key], s.lo, s.hi, s.value()])
                    .expect("inserted");
            }
        }
    }
    tx.commit().expect("committed");
    db.execute_batch("ANALYZE;").expect("analysed");
    db
}
