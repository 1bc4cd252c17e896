//! The indexed timeline queries against the naive oracle (`pactum::naive`)
//! on random registries: mixed date precisions, open ends, disputed dates,
//! unspecified digits anywhere, meetings of several days with exact and
//! vague ends, nested institutions and areas, parties' actions as events
//! of their own, and edits after the indexes were built.

use chrono::NaiveDate;
use pactum::naive;
use pactum::{
    ActionKind, Commitment, CommitmentState, CommitmentStatus, Country, Date, EventKind, Hit,
    Institution, InstitutionKind, Key, Meeting, MeetingKind, MeetingStatus, Mou, Origin,
    Partnership, PartnershipKind, PartyAction, QueryError, Registry, TechArea, Timeline, Window,
};
use proptest::prelude::*;

/// The countries of generated institutions, a former state among them; an
/// institution may also have none (index `COUNTRIES.len()`).
const COUNTRIES: [&str; 5] = ["KR", "US", "EU", "VN", "DDDE"];
const BUILTIN_AREAS: [&str; 5] = ["semiconductors", "quantum", "communications", "5g", "ai"];
const SERIES: [&str; 2] = ["s0", "s1"];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

/// A day from 2019 to 2026, with Feb 29 of 2020 and 2024 among the choices.
fn a_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (2019..2027i32, 1..13u32, 1..29u32).prop_map(|(y, m, d)| day(y, m, d)),
        prop::sample::select(vec![
            day(2020, 2, 29),
            day(2024, 2, 29),
            day(2023, 12, 31),
            day(2024, 1, 1),
        ]),
    ]
}

/// An EDTF date of any precision the model knows.
fn a_date() -> impl Strategy<Value = Date> {
    let text = prop_oneof![
        4 => a_day().prop_map(|d| d.format("%Y-%m-%d").to_string()),
        2 => (2019..2027i32, 1..13u32).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        2 => (2019..2027i32).prop_map(|y| format!("{y:04}")),
        1 => (2019..2027i32, 33..37u32).prop_map(|(y, q)| format!("{y:04}-{q}")),
        1 => (2019..2027i32, 40..42u32).prop_map(|(y, h)| format!("{y:04}-{h}")),
        1 => a_day().prop_map(|d| format!("[..{}]", d.format("%Y-%m-%d"))),
        1 => a_day().prop_map(|d| format!("[{}..]", d.format("%Y-%m-%d"))),
        1 => (a_day(), a_day()).prop_map(|(a, b)| {
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            format!("[{}..{}]", a.format("%Y-%m"), b.format("%Y-%m-%d"))
        }),
        1 => (a_day(), a_day()).prop_map(|(a, b)| {
            format!("[{},{}]", a.format("%Y-%m-%d"), b.format("%Y-%m-%d"))
        }),
        // Lists with an open member: their hull has an open side.
        1 => (a_day(), a_day()).prop_map(|(a, b)| {
            format!("[..{},{}]", a.format("%Y-%m-%d"), b.format("%Y-%m"))
        }),
        1 => (a_day(), a_day()).prop_map(|(a, b)| {
            format!("[{},{}..]", a.format("%Y"), b.format("%Y-%m-%d"))
        }),
        1 => Just("202X".to_owned()),
        1 => a_day().prop_map(|d| format!("{}~", d.format("%Y-%m"))),
        // Unspecified digits anywhere: days with gaps between them.
        1 => a_day().prop_map(|d| d.format("%Y-XX-%d").to_string()),
        1 => a_day().prop_map(|d| d.format("20%y-0X-1X").to_string()),
        1 => a_day().prop_map(|d| d.format("202X-%m-X5").to_string()),
        1 => (a_day(), a_day()).prop_map(|(a, b)| {
            format!("[{},{}]", a.format("%Y-XX-%d"), b.format("%Y-%m-%d"))
        }),
    ];
    text.prop_map(|t| Date::parse(&t).unwrap_or_else(|e| panic!("generated {t:?}: {e}")))
}

#[derive(Debug, Clone)]
struct InstitutionSpec {
    country: usize,
    parent: Option<usize>,
}

#[derive(Debug, Clone)]
struct PartnershipSpec {
    parties: (usize, usize),
    established: Option<Date>,
    ended: Option<Date>,
    areas: Vec<usize>,
}

#[derive(Debug, Clone)]
struct MeetingSpec {
    partnership: Option<usize>,
    series: Option<(usize, u32)>,
    date: Date,
    end: Option<Date>,
    status: usize,
    participants: Vec<usize>,
    areas: Vec<usize>,
}

#[derive(Debug, Clone)]
struct MouSpec {
    signatories: (usize, usize),
    signed: Date,
    entry: Option<Date>,
    expiry: Option<Date>,
    termination: Option<Date>,
    partnership: Option<usize>,
    areas: Vec<usize>,
    /// Parties, each with one action: (institution, kind, date).
    parties: Vec<(usize, u8, Date)>,
}

#[derive(Debug, Clone)]
struct CommitmentSpec {
    owner: usize,
    origin: (bool, usize),
    due: Option<Date>,
    status: usize,
    status_date: Option<Date>,
    areas: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Plan {
    institutions: Vec<InstitutionSpec>,
    area_parents: Vec<(usize, Option<usize>)>,
    partnerships: Vec<PartnershipSpec>,
    meetings: Vec<MeetingSpec>,
    mous: Vec<MouSpec>,
    commitments: Vec<CommitmentSpec>,
    /// Meetings replaced after the indexes were built: (which, new version).
    updates: Vec<(usize, MeetingSpec)>,
    /// Entities removed after the indexes were built: (kind, which).
    removals: Vec<(usize, usize)>,
}

/// Up to three distinct areas.
fn areas() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::btree_set(0..8usize, 0..3).prop_map(|s| s.into_iter().collect())
}

/// How to make a meeting's end from its date: a day, a month, a range, a
/// list, an open end or a pattern that many days after the date's first
/// (or, for an open start, last) day, or any date at all, which may be
/// one that validation rejects or one that could come before the start.
#[derive(Debug, Clone)]
enum EndSpec {
    After(u8, i64, i64),
    Any(Date),
}

fn an_end() -> impl Strategy<Value = Option<EndSpec>> {
    prop_oneof![
        3 => Just(None),
        3 => (0..6u8, 0..20i64, 0..12i64)
            .prop_map(|(shape, after, len)| Some(EndSpec::After(shape, after, len))),
        1 => a_date().prop_map(|d| Some(EndSpec::Any(d))),
    ]
}

/// The end that `spec` makes for a meeting on `date`.
fn end_of(date: &Date, spec: Option<EndSpec>) -> Option<Date> {
    let (shape, after, len) = match spec? {
        EndSpec::Any(d) => return Some(d),
        EndSpec::After(shape, after, len) => (shape, after, len),
    };
    let base = date
        .earliest()
        .or(date.latest())
        .unwrap_or(day(2023, 5, 15));
    let first = base + chrono::Duration::days(after);
    let last = first + chrono::Duration::days(len);
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let text = match shape {
        0 => ymd(first),
        1 => first.format("%Y-%m").to_string(),
        2 => format!("[{}..{}]", ymd(first), ymd(last)),
        3 => format!("[{},{}]", ymd(first), ymd(last)),
        4 => format!("[{}..]", ymd(first)),
        _ => first.format("%Y-XX-%d").to_string(),
    };
    Date::parse(&text).ok()
}

fn a_meeting() -> impl Strategy<Value = MeetingSpec> {
    (
        prop::option::of(0..4usize),
        prop::option::of((0..2usize, 1..5u32)),
        (a_date(), an_end()).prop_map(|(date, end)| {
            let end = end_of(&date, end);
            (date, end)
        }),
        0..4usize,
        prop::collection::btree_set(0..8usize, 0..3).prop_map(|s| s.into_iter().collect()),
        areas(),
    )
        .prop_map(
            |(partnership, series, (date, end), status, participants, areas)| MeetingSpec {
                partnership,
                series,
                date,
                end,
                status,
                participants,
                areas,
            },
        )
}

fn a_plan() -> impl Strategy<Value = Plan> {
    a_plan_of(0..14, 0..6)
}

/// A plan with a number of meetings and MOUs in the given ranges.
fn a_plan_of(
    meetings: std::ops::Range<usize>,
    mous: std::ops::Range<usize>,
) -> impl Strategy<Value = Plan> {
    let institutions = prop::collection::vec(
        (0..=COUNTRIES.len(), prop::option::of(0..8usize))
            .prop_map(|(country, parent)| InstitutionSpec { country, parent }),
        8,
    );
    let area_parents = prop::collection::vec((0..5usize, prop::option::of(0..3usize)), 3);
    let partnerships = prop::collection::vec(
        (
            (0..8usize, 0..8usize),
            prop::option::of(a_date()),
            prop::option::of(a_date()),
            areas(),
        )
            .prop_map(|(parties, established, ended, areas)| PartnershipSpec {
                parties,
                established,
                ended,
                areas,
            }),
        1..4,
    );
    let meetings = prop::collection::vec(a_meeting(), meetings);
    let mous = prop::collection::vec(
        (
            (0..8usize, 0..8usize),
            a_date(),
            prop::option::of(a_date()),
            prop::option::of(a_date()),
            prop::option::of(a_date()),
            prop::option::of(0..4usize),
            areas(),
            prop::collection::vec((0..8usize, 0..6u8, a_date()), 0..3),
        )
            .prop_map(
                |(signatories, signed, entry, expiry, termination, partnership, areas, parties)| {
                    MouSpec {
                        signatories,
                        signed,
                        entry,
                        expiry,
                        termination,
                        partnership,
                        areas,
                        parties,
                    }
                },
            ),
        mous,
    );
    let commitments = prop::collection::vec(
        (
            0..8usize,
            (any::<bool>(), 0..10usize),
            prop::option::of(a_date()),
            0..4usize,
            prop::option::of(a_date()),
            areas(),
        )
            .prop_map(
                |(owner, origin, due, status, status_date, areas)| CommitmentSpec {
                    owner,
                    origin,
                    due,
                    status,
                    status_date,
                    areas,
                },
            ),
        0..6,
    );
    let updates = prop::collection::vec((0..10usize, a_meeting()), 0..3);
    let removals = prop::collection::vec((0..4usize, 0..10usize), 0..3);
    (
        institutions,
        area_parents,
        partnerships,
        meetings,
        mous,
        commitments,
        updates,
        removals,
    )
        .prop_map(
            |(
                institutions,
                area_parents,
                partnerships,
                meetings,
                mous,
                commitments,
                updates,
                removals,
            )| Plan {
                institutions,
                area_parents,
                partnerships,
                meetings,
                mous,
                commitments,
                updates,
                removals,
            },
        )
}

fn institution_key(i: usize) -> String {
    format!("i{i}")
}

/// Area `i`: the built-in ones first, then the plan's own `d0`, `d1`, ….
fn area_key(i: usize) -> String {
    match BUILTIN_AREAS.get(i) {
        Some(k) => (*k).to_owned(),
        None => format!("d{}", i - BUILTIN_AREAS.len()),
    }
}

fn meeting(plan_index: usize, spec: &MeetingSpec, partnerships: usize) -> Option<Meeting> {
    let status = [
        MeetingStatus::Held,
        MeetingStatus::Scheduled,
        MeetingStatus::Postponed,
        MeetingStatus::Cancelled,
    ][spec.status % 4];
    let mut b = Meeting::builder(
        format!("m{plan_index}"),
        format!("meeting {plan_index}"),
        MeetingKind::Council,
        spec.date.clone(),
        status,
    );
    if let Some(p) = spec.partnership {
        b = b.partnership(format!("p{}", p % partnerships));
    }
    if let Some((s, n)) = spec.series {
        b = b.session(SERIES[s], n);
    }
    if let Some(end) = &spec.end {
        b = b.end(end.clone());
    }
    for &i in &spec.participants {
        b = b.participant(institution_key(i));
    }
    for &a in &spec.areas {
        b = b.tech_area(area_key(a));
    }
    b.build().ok()
}

/// Builds the registry entity by entity; whatever validation rejects is left
/// out. The indexes are built first, so every insert updates them.
fn build(plan: &Plan) -> Registry {
    let mut reg = Registry::new();
    assert!(reg.events().is_empty());
    for (i, spec) in plan.institutions.iter().enumerate() {
        let (key, name) = (institution_key(i), format!("institution {i}"));
        let mut b = match COUNTRIES.get(spec.country) {
            Some(country) => Institution::builder(key, name, InstitutionKind::Agency, *country),
            None => Institution::builder_without_country(key, name, InstitutionKind::Agency),
        };
        if let Some(parent) = spec.parent.filter(|&p| p < i) {
            b = b.parent(institution_key(parent));
        }
        if let Ok(inst) = b.build() {
            let _ = reg.insert(inst);
        }
    }
    for (i, (parent, second)) in plan.area_parents.iter().enumerate() {
        let mut b =
            TechArea::builder(format!("d{i}"), format!("area {i}")).parent(BUILTIN_AREAS[*parent]);
        if let Some(s) = second.filter(|&s| s < i) {
            b = b.parent(format!("d{s}"));
        }
        if let Ok(area) = b.build() {
            let _ = reg.insert(area);
        }
    }
    let kinds = [
        PartnershipKind::DigitalPartnership,
        PartnershipKind::StrategicPartnership,
    ];
    for (i, spec) in plan.partnerships.iter().enumerate() {
        let mut b = Partnership::builder(format!("p{i}"), format!("partnership {i}"), kinds[i % 2])
            .party(institution_key(spec.parties.0))
            .party(institution_key(spec.parties.1));
        if let Some(d) = &spec.established {
            b = b.established(d.clone());
        }
        if let Some(d) = &spec.ended {
            b = b.ended(d.clone());
        }
        for &a in &spec.areas {
            b = b.tech_area(area_key(a));
        }
        if let Ok(p) = b.build() {
            let _ = reg.insert(p);
        }
    }
    for (i, spec) in plan.meetings.iter().enumerate() {
        if let Some(m) = meeting(i, spec, plan.partnerships.len()) {
            let _ = reg.insert(m);
        }
    }
    for (i, spec) in plan.mous.iter().enumerate() {
        let mut b = Mou::builder(format!("mou{i}"), format!("mou {i}"), spec.signed.clone())
            .signatory(institution_key(spec.signatories.0))
            .signatory(institution_key(spec.signatories.1));
        if let Some(d) = &spec.entry {
            b = b.entry_into_force(d.clone());
        }
        if let Some(d) = &spec.expiry {
            b = b.expiry(d.clone());
        }
        if let Some(d) = &spec.termination {
            b = b.termination(d.clone());
        }
        if let Some(p) = spec.partnership {
            b = b.partnership(format!("p{}", p % plan.partnerships.len()));
        }
        for &a in &spec.areas {
            b = b.tech_area(area_key(a));
        }
        // One action a party, of a kind that needs no other before it: the
        // party's events are filtered like the agreement's.
        for (who, kind, date) in &spec.parties {
            let kinds = [
                ActionKind::Signature,
                ActionKind::Ratification,
                ActionKind::Accession,
                ActionKind::DefinitiveSignature,
                ActionKind::ProvisionalApplication,
                ActionKind::Declaration,
            ];
            let kind = kinds[usize::from(*kind) % kinds.len()];
            let mut action = PartyAction::builder(kind, date.clone());
            if kind == ActionKind::Declaration {
                action = action.text("A declaration");
            }
            if let Ok(action) = action.build() {
                b = b.party(institution_key(*who), [action]);
            }
        }
        if let Ok(m) = b.build() {
            let _ = reg.insert(m);
        }
    }
    let statuses = [
        CommitmentStatus::Open,
        CommitmentStatus::Met,
        CommitmentStatus::Missed,
        CommitmentStatus::Dropped,
    ];
    for (i, spec) in plan.commitments.iter().enumerate() {
        let origin = if spec.origin.0 {
            let n = plan.meetings.len().max(1);
            Origin::Meeting(Key::new(&format!("m{}", spec.origin.1 % n)).expect("a key"))
        } else {
            let n = plan.mous.len().max(1);
            Origin::Mou(Key::new(&format!("mou{}", spec.origin.1 % n)).expect("a key"))
        };
        let mut b = Commitment::builder(
            format!("c{i}"),
            format!("commitment {i}"),
            origin,
            statuses[spec.status % 4],
        )
        .owner(institution_key(spec.owner));
        if let Some(d) = &spec.due {
            b = b.due(d.clone());
        }
        if let Some(d) = &spec.status_date {
            b = b.status_date(d.clone());
        }
        for &a in &spec.areas {
            b = b.tech_area(area_key(a));
        }
        if let Ok(c) = b.build() {
            let _ = reg.insert(c);
        }
    }
    for (which, spec) in &plan.updates {
        if let Some(m) = meeting(*which, spec, plan.partnerships.len()) {
            let _ = reg.update(m);
        }
    }
    for &(kind, which) in &plan.removals {
        let _ = match kind {
            0 => reg.remove::<Meeting>(&format!("m{which}")).map(|_| ()),
            1 => reg.remove::<Mou>(&format!("mou{which}")).map(|_| ()),
            2 => reg.remove::<Commitment>(&format!("c{which}")).map(|_| ()),
            _ => reg.remove::<Partnership>(&format!("p{which}")).map(|_| ()),
        };
    }
    reg
}

#[derive(Debug, Clone)]
enum FilterSpec {
    Institution(usize, bool),
    Country(usize),
    Area(usize, bool),
    Partnership(usize),
    Series(usize),
    Kind(usize),
}

#[derive(Debug, Clone)]
struct QuerySpec {
    window: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    certainly: bool,
    filters: Vec<FilterSpec>,
    limit: Option<usize>,
    reverse: bool,
    after: Option<NaiveDate>,
    before: Option<NaiveDate>,
    /// Paging cursors: events of the registry, by position in its timeline.
    after_event: Option<usize>,
    before_event: Option<usize>,
}

fn a_query() -> impl Strategy<Value = QuerySpec> {
    let filter = prop_oneof![
        (0..8usize, any::<bool>()).prop_map(|(i, b)| FilterSpec::Institution(i, b)),
        (0..=COUNTRIES.len()).prop_map(FilterSpec::Country),
        (0..8usize, any::<bool>()).prop_map(|(i, b)| FilterSpec::Area(i, b)),
        (0..4usize).prop_map(FilterSpec::Partnership),
        (0..2usize).prop_map(FilterSpec::Series),
        (0..EventKind::ALL.len()).prop_map(FilterSpec::Kind),
    ];
    (
        prop::option::of((prop::option::of(a_day()), prop::option::of(a_day()))),
        any::<bool>(),
        prop::collection::vec(filter, 0..2),
        prop::option::of(0..6usize),
        any::<bool>(),
        prop::option::of(a_day()),
        prop::option::of(a_day()),
        (prop::option::of(0..64usize), prop::option::of(0..64usize)),
    )
        .prop_map(
            |(window, certainly, filters, limit, reverse, after, before, events)| QuerySpec {
                window,
                certainly,
                filters,
                limit,
                reverse,
                after,
                before,
                after_event: events.0,
                before_event: events.1,
            },
        )
}

fn query<'r>(reg: &'r Registry, spec: &QuerySpec) -> Timeline<'r> {
    let mut q = reg.timeline();
    if let Some((from, to)) = spec.window {
        let window = match (from, to) {
            (Some(a), Some(b)) => Window::new(a.min(b), a.max(b)).expect("ordered"),
            (Some(a), None) => Window::since(a),
            (None, Some(b)) => Window::until(b),
            (None, None) => Window::all(),
        };
        q = q.within(window);
    }
    if spec.certainly {
        q = q.certainly();
    }
    for f in &spec.filters {
        q = match *f {
            FilterSpec::Institution(i, false) => q.institution(&institution_key(i)),
            FilterSpec::Institution(i, true) => q.institution_or_below(&institution_key(i)),
            FilterSpec::Country(c) => match COUNTRIES.get(c) {
                Some(code) => q.country(Country::new(code).expect("a code")),
                None => q.without_country(),
            },
            FilterSpec::Area(a, false) => q.area(&area_key(a)),
            FilterSpec::Area(a, true) => q.area_or_below(&area_key(a)),
            FilterSpec::Partnership(p) => q.partnership(&format!("p{p}")),
            FilterSpec::Series(s) => q.series(SERIES[s]),
            FilterSpec::Kind(k) => q.kind(EventKind::ALL[k]),
        };
    }
    if let Some(n) = spec.limit {
        q = q.limit(n);
    }
    if spec.reverse {
        q = q.reverse();
    }
    if let Some(d) = spec.after {
        q = q.after(d);
    }
    if let Some(d) = spec.before {
        q = q.before(d);
    }
    let events = naive::events(reg);
    let pick = |i: usize| events.get(i % events.len().max(1));
    if let Some(e) = spec.after_event.and_then(pick) {
        q = q.after_event(e);
    }
    if let Some(e) = spec.before_event.and_then(pick) {
        q = q.before_event(e);
    }
    q
}

/// Hits as plain values, so that a failure prints readably.
fn plain(
    hits: Result<Vec<Hit<'_>>, QueryError>,
) -> Result<Vec<(String, EventKind, String, bool)>, String> {
    hits.map(|hits| {
        hits.iter()
            .map(|h| {
                let e = h.event();
                (e.key().to_owned(), e.kind(), e.to_string(), h.is_certain())
            })
            .collect()
    })
    .map_err(|e| e.to_string())
}

fn indexed<'r>(q: &Timeline<'r>) -> Result<Vec<Hit<'r>>, QueryError> {
    q.run().map(Iterator::collect)
}

/// What `count` says of the hits (the query's own, and the iterator's,
/// fresh and after some were taken), against the number that `next`
/// yields.
fn counts(q: &Timeline<'_>) -> Result<Vec<(usize, usize)>, QueryError> {
    let mut counts = vec![(q.count()?, q.run()?.fold(0, |n, _| n + 1))];
    for taken in [0, 1, 3] {
        let mut hits = q.run()?;
        let taken = hits.by_ref().take(taken).fold(0, |n, _| n + 1);
        let yielded = q.run()?.skip(taken).fold(0, |n, _| n + 1);
        counts.push((hits.count(), yielded));
    }
    Ok(counts)
}

/// Whether `count` agrees with `next` (a query that fails agrees).
fn counts_agree(q: &Timeline<'_>) -> bool {
    !counts(q).is_ok_and(|c| c.iter().any(|(counted, yielded)| counted != yielded))
}

proptest! {
    // 256 cases (proptest's default), or `PROPTEST_CASES`.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn indexed_timeline_queries_equal_the_naive_scan_in_order(
        plan in a_plan(),
        queries in prop::collection::vec(a_query(), 1..8),
    ) {
        let reg = build(&plan);
        // The same data loaded from JSON: indexes built in one pass.
        let loaded = Registry::from_json_str(&reg.to_json_string()).expect("a saved registry loads");
        prop_assert_eq!(
            reg.events().iter().map(|e| e.key()).collect::<Vec<_>>(),
            naive::events(&reg).iter().map(|e| e.key()).collect::<Vec<_>>()
        );
        for spec in &queries {
            for r in [&reg, &loaded] {
                let q = query(r, spec);
                prop_assert_eq!(plain(indexed(&q)), plain(naive::timeline(&q)), "{:?}", spec);
                prop_assert!(counts_agree(&q), "{:?}: {:?}", spec, counts(&q));
            }
        }
    }

    /// Registries large enough for several levels of block maxima, so that
    /// window queries skip blocks.
    #[test]
    fn indexed_queries_on_large_registries_equal_the_naive_scan(
        plan in a_plan_of(300..400, 50..100).prop_map(|mut plan| {
            // Most meetings stand alone, so that validation keeps them.
            for m in plan.meetings.iter_mut().skip(20) {
                m.partnership = None;
                m.series = None;
            }
            plan
        }),
        queries in prop::collection::vec(a_query(), 1..4),
    ) {
        let reg = build(&plan);
        prop_assert!(reg.events().len() > 256);
        for spec in &queries {
            let q = query(&reg, spec);
            prop_assert_eq!(plain(indexed(&q)), plain(naive::timeline(&q)), "{:?}", spec);
            prop_assert!(counts_agree(&q), "{:?}: {:?}", spec, counts(&q));
        }
    }

    #[test]
    fn meeting_commitment_and_force_queries_equal_the_naive_scan(
        plan in a_plan(),
        days in prop::collection::vec(a_day(), 1..4),
    ) {
        let reg = build(&plan);
        let keys = ["p0", "p1", "p2", "s0", "s1", "nope"];
        for &d in &days {
            for key in keys {
                let next = reg.next_meeting(key, d).map(|h| h.into_iter().collect::<Vec<_>>());
                let naive_next = naive::next_meeting(&reg, key, d).map(|h| h.into_iter().collect::<Vec<_>>());
                prop_assert_eq!(plain(next), plain(naive_next));
                let previous = reg.previous_meeting(key, d).map(|h| h.into_iter().collect::<Vec<_>>());
                let naive_previous = naive::previous_meeting(&reg, key, d).map(|h| h.into_iter().collect::<Vec<_>>());
                prop_assert_eq!(plain(previous), plain(naive_previous));
            }
            for state in [
                CommitmentState::Open,
                CommitmentState::Met,
                CommitmentState::Missed,
                CommitmentState::Dropped,
                CommitmentState::Overdue,
            ] {
                let view = |hits: Vec<pactum::CommitmentHit<'_>>| -> Vec<(String, bool)> {
                    hits.iter().map(|h| (h.commitment().key().to_string(), h.is_certain())).collect()
                };
                prop_assert_eq!(view(reg.commitments_as_of(state, d)), view(naive::commitments_as_of(&reg, state, d)));
            }
            let force = |v: Vec<pactum::InForce<'_>>| -> Vec<(String, bool)> {
                v.iter().map(|a| (a.key().to_owned(), a.is_certain())).collect()
            };
            prop_assert_eq!(force(reg.in_force_on(d)), force(naive::in_force_on(&reg, d)));
            let stale: Vec<&str> = reg.stale_meetings(d).map(|m| m.key().as_str()).collect();
            let naive_stale: Vec<&str> = naive::stale_meetings(&reg, d).iter().map(|m| m.key().as_str()).collect();
            prop_assert_eq!(stale, naive_stale);
            let overdue: Vec<&str> = reg.overdue_commitments(d).map(|c| c.key().as_str()).collect();
            let naive_overdue: Vec<&str> = naive::overdue_commitments(&reg, d).iter().map(|c| c.key().as_str()).collect();
            prop_assert_eq!(overdue, naive_overdue);
        }
        // A partnership, a series or neither, as for the next meeting.
        for key in keys {
            let gaps = |g: Result<Vec<pactum::Gap<'_>>, QueryError>| {
                g.map(|g| g.iter().map(|g| (g.from().key().to_string(), g.to().key().to_string(), g.days())).collect::<Vec<_>>())
                    .map_err(|e| e.to_string())
            };
            prop_assert_eq!(gaps(reg.cadence(key)), gaps(naive::cadence(&reg, key)));
        }
        for i in 0..8 {
            let key = institution_key(i);
            let keys = |events: Vec<pactum::Event<'_>>| events.iter().map(|e| (e.key().to_owned(), e.kind())).collect::<Vec<_>>();
            prop_assert_eq!(keys(reg.involving(&key).collect()), keys(naive::involving(&reg, &key)));
        }
    }
}

/// A meeting on the third of some month of 2023 is possibly in a window
/// that holds one such day, and in no window between two of them, though
/// the window lies inside its first and last days: the index asks the
/// date, as the naive scan does.
#[test]
fn a_date_with_unspecified_digits_is_only_on_the_days_it_allows() {
    let mut reg = Registry::new();
    let kr = Institution::builder("kr-msit", "Ministry", InstitutionKind::Ministry, "KR")
        .build()
        .expect("valid");
    reg.insert(kr).expect("inserted");
    let date = Date::parse("2023-XX-03").expect("a pattern");
    let meeting = Meeting::builder(
        "m-third",
        "on a third",
        MeetingKind::Council,
        date,
        MeetingStatus::Held,
    )
    .participant("kr-msit")
    .build()
    .expect("valid");
    reg.insert(meeting).expect("inserted");
    let around = Window::new(day(2023, 5, 1), day(2023, 5, 3)).expect("ordered");
    let between = Window::new(day(2023, 5, 4), day(2023, 5, 31)).expect("ordered");
    for (window, want) in [(around, vec![("m-third", false)]), (between, vec![])] {
        let q = reg.timeline().within(window);
        let got: Vec<(&str, bool)> = q
            .run()
            .expect("a valid query")
            .map(|h| (h.event().key(), h.is_certain()))
            .collect();
        assert_eq!(got, want, "{window:?}");
        assert_eq!(q.count().expect("a count"), want.len(), "{window:?}");
        assert_eq!(plain(indexed(&q)), plain(naive::timeline(&q)), "{window:?}");
        let certainly = reg.timeline().within(window).certainly();
        assert_eq!(certainly.count().expect("a count"), 0);
        // The index of the meeting's kind and participant ask the date too.
        let by_kind = reg.timeline().within(window).kind(EventKind::MeetingHeld);
        assert_eq!(by_kind.count().expect("a count"), want.len(), "{window:?}");
        assert_eq!(plain(indexed(&by_kind)), plain(naive::timeline(&by_kind)));
        let by_party = reg.timeline().within(window).institution("kr-msit");
        assert_eq!(plain(indexed(&by_party)), plain(naive::timeline(&by_party)));
    }
    // Saved as written, and loaded back to the same answers.
    let json = reg.to_json_string();
    assert!(json.contains("\"2023-XX-03\""), "{json}");
    let loaded = Registry::from_json_str(&json).expect("loads");
    assert_eq!(
        loaded.timeline().within(between).count().expect("a count"),
        0
    );
    assert_eq!(
        loaded.timeline().within(around).count().expect("a count"),
        1
    );
}

/// A ministerial held on 15–16 May, and one that ended on one of 16–18
/// May: the naive scan reads them as the index does, window by window,
/// and for the next and previous meeting, from the start.
#[test]
fn meetings_of_several_days_are_read_alike_by_the_index_and_the_naive_scan() {
    let mut reg = Registry::new();
    let kr = Institution::builder("kr-msit", "Ministry", InstitutionKind::Ministry, "KR")
        .build()
        .expect("valid");
    reg.insert(kr).expect("inserted");
    for (key, number, end) in [
        ("m-exact", 1, "2023-05-16"),
        ("m-vague", 2, "[2023-05-16..2023-05-18]"),
    ] {
        let start = Date::parse("2023-05-15").expect("a day");
        let meeting = Meeting::builder(key, key, MeetingKind::Council, start, MeetingStatus::Held)
            .session("s0", number)
            .participant("kr-msit")
            .end(Date::parse(end).expect("a date"))
            .build()
            .expect("valid");
        reg.insert(meeting).expect("inserted");
    }
    let may = |d| day(2023, 5, d);
    let windows = [
        (
            Window::day(may(16)),
            vec![("m-exact", true), ("m-vague", true)],
        ),
        (
            Window::new(may(17), may(20)).expect("ordered"),
            vec![("m-vague", false)],
        ),
        (Window::since(may(19)), vec![]),
    ];
    for (window, want) in windows {
        let q = reg.timeline().within(window);
        let got: Vec<(&str, bool)> = naive::timeline(&q)
            .expect("a valid query")
            .iter()
            .map(|h| (h.event().key(), h.is_certain()))
            .collect();
        assert_eq!(got, want, "{window:?}");
        assert_eq!(plain(indexed(&q)), plain(naive::timeline(&q)), "{window:?}");
        let certainly = q.certainly();
        assert_eq!(
            plain(indexed(&certainly)),
            plain(naive::timeline(&certainly))
        );
    }
    for d in [may(14), may(15), may(16), may(19)] {
        let next = |h: Option<Hit<'_>>| h.map(|h| (h.event().key().to_owned(), h.is_certain()));
        assert_eq!(
            next(reg.next_meeting("s0", d).expect("a series")),
            next(naive::next_meeting(&reg, "s0", d).expect("a series")),
            "{d}"
        );
        assert_eq!(
            next(reg.previous_meeting("s0", d).expect("a series")),
            next(naive::previous_meeting(&reg, "s0", d).expect("a series")),
            "{d}"
        );
    }
}
