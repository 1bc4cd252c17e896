//! A fixed, deterministic workload for counting instructions with
//! callgrind (`scripts/callgrind.sh` runs every one):
//!
//! ```text
//! cargo build --release -p pactum-bench --bin callgrind
//! valgrind --tool=callgrind target/release/callgrind WORKLOAD [AGREEMENTS]
//! ```
//!
//! Every workload generates the dataset as `pactum_bench::Fixture` does
//! (`Synth::new(n).seed(42)`, default 100000 agreements) and builds on the
//! one before it, so a cost is the difference of two counts:
//!
//! - `json`: only generates the JSON text;
//! - `json_plain`, `json_value`: `json`, then `serde_json` into the plain
//!   structs of `pactum_bench::PlainDataset` or into a `Value` (the L1
//!   peers: parse = json_plain - json);
//! - `load`: `json`, then `Registry::from_json_str` (load = load - json);
//!   `load_one` the same on one thread;
//! - `json_pretty`, `json_plain_pretty`, `load_pretty`,
//!   `load_one_pretty`: the same over the pretty-printed file (the
//!   generated registry saved by `Registry::to_json_string`, as the
//!   benchmark's pretty file is made; its cost is in `json_pretty`);
//! - `timeline`: `load`, then the timeline alone, as the first window
//!   query builds it (timeline = timeline - load);
//! - `setup`: `load`, then `build_indexes` (indexes = setup - load);
//! - `q1_count`, `q1_visit`: `setup`, then `timeline().within(w).count()`
//!   or every hit visited, for 1000 windows of 30 days spread like the
//!   benchmark's `windows(30)`; `q1_count_lapper`, `q1_count_coitrees`,
//!   `q1_count_scan`, `q1_visit_lapper`, `q1_visit_coitrees`,
//!   `q1_visit_scan`: the peers of `pactum_bench::peers` on the same
//!   windows;
//! - `q1_count_days`: `setup` and one count (which builds the day
//!   tallies), then the counts of `q1_count`, each window made inside the
//!   loop from day numbers (`Window::from_day_numbers`);
//! - `q2_count`, `q2_visit`: the same for 1000 one-year windows,
//!   `certainly()`; `q2_count_sorted`, `q2_visit_sorted`,
//!   `q2_visit_lapper`, `q2_visit_coitrees`: the peers;
//! - `q3`: `setup`, then `in_force_on` for 1000 query days; `q3_lapper`,
//!   `q3_coitrees`, `q3_scan`: the peers, each collecting the places of
//!   the agreements in force in a vector;
//! - `sel_count`, `sel_visit`, `sel_scan`, `sel_scan_visit`: 1000 one-day
//!   windows over the days-only twin (`Synth::precise(true)`), pactum and
//!   the scans;
//! - `b1_coitrees`, `b1_lapper`: `load`, then the peers' trees built from
//!   the event ranges (the open ones sorted apart);
//! - `p_setup`: the same with `Synth::multilateral(100)` (every MOU a
//!   convention with party actions), then the choice of the busiest and
//!   the median party as `pactum_bench::parties` makes it;
//! - `p1_busiest`, `p1_median`: `p_setup` and one query about that party
//!   (which makes its day sets), then `in_force_for` that party on 1000
//!   query days; `p1_busiest_coitrees`, `p1_busiest_lapper`,
//!   `p1_median_coitrees`, `p1_median_lapper`: the same party's interval
//!   tree (its spans worked out by the oracle, open ends kept apart) on the
//!   same days.
//!
//! - `all`: every query workload and peer build above (not the p
//!   workloads) in one process, each in a function of its own,
//!   `callgrind::measured::NAME`, whose count from entry to exit, every
//!   thread's instructions (`scripts/callgrind.sh` has callgrind dump its
//!   counters there), is its cost: one run under valgrind instead of one
//!   per workload. Each of pactum's query
//!   workloads runs once before it is measured, so that what a first
//!   query builds and keeps is not counted (a peer's keeps nothing).
//!   `all` also measures `b1_timeline`, the timeline's build on a copy of
//!   the loaded registry made before (as the first window query builds
//!   it; the copy is dropped after). `CALLGRIND_ONLY=q1_count,q3,...`
//!   runs only the workloads named (the days-only twin is generated only
//!   for a `sel` workload): at 1M agreements one workload of `all` costs
//!   minutes under valgrind.
//!
//! A query's cost is its count minus `setup`, or exactly, the count with
//! `--toggle-collect=*callgrind::queries*`; a peer's build, the count with
//! `--toggle-collect=*callgrind::builds*`. Windows and day numbers are made
//! before either. The sum of hits goes to stdout so that no work can be
//! optimised away. Only root-level items of `pactum` (and
//! `pactum::synth`) are used.

use std::cell::RefCell;
use std::error::Error;
use std::hint::black_box;

use chrono::NaiveDate;
use pactum::synth::Synth;
use pactum::{Registry, Window};
use pactum_bench::parties::{busiest_and_median, coitrees_peer, lapper_peer, party_spans};
use pactum_bench::peers::{window, CoitreesPeer, LapperPeer, Peers, VisitDay};
use pactum_bench::{day_number, query_days, PlainDataset};

/// Queries (windows or days) each query workload runs.
const QUERIES: usize = 1000;
/// Agreements generated when no size is given.
const DEFAULT_AGREEMENTS: usize = 100_000;

/// The workloads, in the order the script runs them.
const WORKLOADS: [&str; 44] = [
    "json",
    "json_plain",
    "json_value",
    "load",
    "load_one",
    "json_pretty",
    "json_plain_pretty",
    "load_pretty",
    "load_one_pretty",
    "timeline",
    "setup",
    "q1_count",
    "q1_count_days",
    "q1_count_lapper",
    "q1_count_coitrees",
    "q1_count_scan",
    "q1_visit",
    "q1_visit_lapper",
    "q1_visit_coitrees",
    "q1_visit_scan",
    "q2_count",
    "q2_count_sorted",
    "q2_visit",
    "q2_visit_sorted",
    "q2_visit_lapper",
    "q2_visit_coitrees",
    "q3",
    "q3_lapper",
    "q3_coitrees",
    "q3_scan",
    "sel_count",
    "sel_visit",
    "sel_scan",
    "sel_scan_visit",
    "b1_coitrees",
    "b1_lapper",
    "p_setup",
    "p1_busiest",
    "p1_median",
    "p1_busiest_coitrees",
    "p1_busiest_lapper",
    "p1_median_coitrees",
    "p1_median_lapper",
    "all",
];

/// What the queries ask, made before any is counted: the windows of `len`
/// days as pactum takes them and as day numbers, and the query days.
struct Asks {
    windows: Vec<Window>,
    numbers: Vec<(i32, i32)>,
    days: Vec<NaiveDate>,
    day_numbers: Vec<i32>,
}

impl Asks {
    fn new(len: i32) -> Asks {
        let days = query_days(QUERIES);
        let numbers: Vec<(i32, i32)> = days
            .iter()
            .map(|&d| (day_number(d), day_number(d) + len - 1))
            .collect();
        Asks {
            windows: numbers.iter().map(|&(a, z)| window(a, z)).collect(),
            numbers,
            day_numbers: days.iter().map(|&d| day_number(d)).collect(),
            days,
        }
    }
}

/// Runs one workload over `agreements` agreements; returns the sum of hits
/// (or, for the workloads without queries, a size of what they built).
fn run(workload: &str, agreements: usize) -> Result<usize, Box<dyn Error>> {
    if !WORKLOADS.contains(&workload) {
        return Err(format!("unknown workload {workload:?}; one of {WORKLOADS:?}").into());
    }
    if workload == "all" {
        return measured::all(agreements);
    }
    let parties = workload.starts_with('p');
    let synth = Synth::new(agreements).seed(42);
    let mut json = if parties {
        synth.multilateral(100).json()
    } else if workload.starts_with("sel") {
        synth.precise(true).json()
    } else {
        synth.json()
    };
    // The pretty file's workloads are the compact ones over the saved text.
    let workload = match workload.strip_suffix("_pretty") {
        Some(compact) => {
            json = Registry::from_json_str(&json)?.to_json_string();
            compact
        }
        None => workload,
    };
    match workload {
        "json" => return Ok(json.len()),
        "json_plain" => return Ok(serde_json::from_str::<PlainDataset>(&json)?.mous.len()),
        "json_value" => {
            return Ok(serde_json::from_str::<serde_json::Value>(&json)?["mous"]
                .as_array()
                .map_or(0, Vec::len))
        }
        "load_one" => {
            let one = pactum::Limits::default().max_threads(1);
            return Ok(Registry::from_json_str_with(&json, &one)?.len());
        }
        _ => {}
    }
    let registry = Registry::from_json_str(&json)?;
    match workload {
        "load" => return Ok(registry.len()),
        // The first hit only: counting the hits would build the day
        // tallies of a count as well.
        "timeline" => return first_hit(&registry),
        "b1_coitrees" | "b1_lapper" => {
            let ranges = pactum_bench::peers::event_ranges(&registry);
            return Ok(builds(&ranges, workload));
        }
        _ => {}
    }
    registry.build_indexes();
    if parties {
        let (busiest, median) = busiest_and_median(&registry);
        let party = if workload.starts_with("p1_busiest") {
            &busiest
        } else {
            &median
        };
        return match workload {
            "p1_busiest" | "p1_median" => {
                // The first query about an institution makes its day sets:
                // outside the counted part, as the trees are built outside.
                if let Some(&d) = query_days(1).first() {
                    registry.in_force_for(party, d)?;
                }
                party_queries(&registry, party)
            }
            "p1_busiest_coitrees" | "p1_median_coitrees" => {
                let peer = coitrees_peer(&party_spans(&registry, party));
                Ok(party_queries_peer(|n| peer.on(n)))
            }
            "p1_busiest_lapper" | "p1_median_lapper" => {
                let peer = lapper_peer(&party_spans(&registry, party));
                Ok(party_queries_peer(|n| peer.on(n)))
            }
            _ => Ok(busiest.len() + median.len()),
        };
    }
    // The peers only for the workloads that ask them.
    let pactum_only = matches!(
        workload,
        "setup"
            | "q1_count"
            | "q1_count_days"
            | "q1_visit"
            | "q2_count"
            | "q2_visit"
            | "q3"
            | "sel_count"
            | "sel_visit"
    );
    let peers = (!pactum_only).then(|| Peers::new(&registry));
    if workload == "q1_count_days" {
        // The first count builds the day tallies: outside the counted part.
        registry.timeline().within(Window::all()).count()?;
    }
    let len = match workload.get(..2) {
        Some("q1") => 30,
        Some("q2") => 365,
        _ => 1,
    };
    queries(&registry, peers.as_ref(), &Asks::new(len), workload)
}

/// Whether the registry has an event, from a first window query: what
/// builds the timeline, and nothing else (a count would build the day
/// tallies as well).
fn first_hit(registry: &Registry) -> Result<usize, Box<dyn Error>> {
    Ok(usize::from(
        registry.timeline().limit(1).run()?.next().is_some(),
    ))
}

/// A peer's trees over `ranges`. Never inlined, so that
/// `--toggle-collect=*callgrind::builds*` counts it alone.
#[inline(never)]
fn builds(ranges: &[(i32, i32)], workload: &str) -> usize {
    if workload == "b1_coitrees" {
        black_box(CoitreesPeer::new(ranges));
    } else {
        black_box(LapperPeer::new(ranges));
    }
    ranges.len()
}

/// The agreements in force for `party` on each query day. Never inlined,
/// so that `--toggle-collect=*callgrind::party_queries*` counts them alone.
#[inline(never)]
fn party_queries(registry: &Registry, party: &str) -> Result<usize, Box<dyn Error>> {
    let mut total = 0;
    for d in query_days(QUERIES) {
        total += registry
            .in_force_for(party, d)?
            .into_iter()
            .fold(0, |n, hit| {
                black_box(hit);
                n + 1
            });
    }
    Ok(total)
}

/// An interval tree's answers for the p1 workloads' query days, as
/// [`party_queries`] asks pactum's (the days made inside alike);
/// `--toggle-collect=*callgrind::party_queries*` counts them alone too (one
/// function: a nested one would toggle the count off).
#[inline(never)]
fn party_queries_peer(on: impl Fn(i32) -> Vec<u32>) -> usize {
    let mut total = 0;
    for d in query_days(QUERIES) {
        total += visit(on(day_number(d)).into_iter());
    }
    total
}

/// Visits every hit of `hits`; returns how many there were.
fn visit<T>(hits: impl Iterator<Item = T>) -> usize {
    hits.fold(0, |n, hit| {
        black_box(hit);
        n + 1
    })
}

/// Calls `each` for every window of `asks` with a visitor that counts.
fn peer_visits(asks: &Asks, each: impl Fn(i32, i32, &mut dyn FnMut(u32))) -> usize {
    let mut total = 0;
    for &(a, z) in &asks.numbers {
        each(a, z, &mut |id| {
            black_box(id);
            total += 1;
        });
    }
    total
}

/// The queries of `workload` on a registry with its indexes built (none
/// for `setup`). Never inlined, so that `--toggle-collect=*callgrind::queries*`
/// counts them alone.
#[inline(never)]
fn queries(
    registry: &Registry,
    peers: Option<&Peers>,
    asks: &Asks,
    workload: &str,
) -> Result<usize, Box<dyn Error>> {
    // No closure here: a closure of this function that is not inlined
    // would match the toggle's pattern and turn the count off inside it.
    let mut total = 0;
    let certainly = workload.starts_with("q2");
    match (workload, peers) {
        ("q1_count" | "q2_count" | "sel_count", _) => {
            for &w in &asks.windows {
                total += ask(registry, w, certainly).count()?;
            }
        }
        ("q1_count_days", _) => {
            for &(a, z) in &asks.numbers {
                total += registry
                    .timeline()
                    .within(Window::from_day_numbers(a, z)?)
                    .count()?;
            }
        }
        ("q1_visit" | "q2_visit" | "sel_visit", _) => {
            for &w in &asks.windows {
                total += visit(ask(registry, w, certainly).run()?);
            }
        }
        ("q3", _) => {
            for &d in &asks.days {
                total += visit(registry.in_force_on(d).into_iter());
            }
        }
        (_, Some(p)) => total = peer_queries(p, asks, workload),
        // Not `events()`: it collects every event (about 1% of setup).
        _ => total = registry.len(),
    }
    Ok(total)
}

/// The query of a window, possibly or certainly in it.
fn ask(registry: &Registry, w: Window, certainly: bool) -> pactum::Timeline<'_> {
    let q = registry.timeline().within(w);
    if certainly {
        q.certainly()
    } else {
        q
    }
}

/// The peers' answers to `workload` (called from `queries`, so counted).
fn peer_queries(p: &Peers, asks: &Asks, workload: &str) -> usize {
    let counts = |count: &dyn Fn(i32, i32) -> usize| -> usize {
        asks.numbers.iter().map(|&(a, z)| count(a, z)).sum()
    };
    let in_force = |each: VisitDay<'_>| -> usize {
        asks.day_numbers
            .iter()
            .map(|&n| {
                let mut hits = Vec::new();
                each(n, &mut |id| hits.push(id));
                visit(hits.into_iter())
            })
            .sum()
    };
    match workload {
        "q1_count_lapper" => counts(&|a, z| p.lapper.count_overlapping(a, z)),
        "q1_count_coitrees" => counts(&|a, z| p.coitrees.count_overlapping(a, z)),
        "q1_count_scan" | "sel_scan" => counts(&|a, z| p.scan.count_overlapping(a, z)),
        "q1_visit_lapper" => peer_visits(asks, |a, z, h| p.lapper.visit_overlapping(a, z, h)),
        "q1_visit_coitrees" => peer_visits(asks, |a, z, h| p.coitrees.visit_overlapping(a, z, h)),
        "q1_visit_scan" | "sel_scan_visit" => {
            peer_visits(asks, |a, z, h| p.scan.visit_overlapping(a, z, h))
        }
        "q2_count_sorted" => counts(&|a, z| p.sorted.count_within(a, z)),
        "q2_visit_sorted" => peer_visits(asks, |a, z, h| p.sorted.visit_within(a, z, h)),
        "q2_visit_lapper" => peer_visits(asks, |a, z, h| p.lapper.visit_within(a, z, h)),
        "q2_visit_coitrees" => peer_visits(asks, |a, z, h| p.coitrees.visit_within(a, z, h)),
        "q3_lapper" => in_force(&|n, h| p.lapper_force.visit_overlapping(n, n, h)),
        "q3_coitrees" => in_force(&|n, h| p.coitrees_force.visit_overlapping(n, n, h)),
        "q3_scan" => in_force(&|n, h| p.scan_force.visit_overlapping(n, n, h)),
        _ => 0,
    }
}

/// The workloads of `all`, each in a function named after it.
mod measured {
    use super::*;

    /// What the measured functions read, all made before any of them runs.
    pub struct Ctx {
        registry: Registry,
        peers: Peers,
        /// The days-only twin and its peers, for the `sel` workloads.
        precise: Option<(Registry, Peers)>,
        q1: Asks,
        q2: Asks,
        days: Asks,
        /// A copy of the loaded registry with no index, for `b1_timeline`,
        /// made before it.
        unindexed: RefCell<Vec<Registry>>,
        /// The copies `b1_timeline` built the timeline of, dropped after.
        built: RefCell<Vec<Registry>>,
    }

    macro_rules! measured {
        ($($name:ident),* $(,)?) => {
            $(
                /// The workload of this name, counted whole.
                #[inline(never)]
                pub fn $name(x: &Ctx) -> Result<usize, Box<dyn Error>> {
                    answer(x, stringify!($name))
                }
            )*
            /// Every measured workload, in order.
            const ALL: &[(&str, fn(&Ctx) -> Result<usize, Box<dyn Error>>)] =
                &[$((stringify!($name), $name)),*];
        };
    }

    measured!(
        q1_count,
        q1_count_lapper,
        q1_count_coitrees,
        q1_count_scan,
        q1_visit,
        q1_visit_lapper,
        q1_visit_coitrees,
        q1_visit_scan,
        q2_count,
        q2_count_sorted,
        q2_visit,
        q2_visit_sorted,
        q2_visit_lapper,
        q2_visit_coitrees,
        q3,
        q3_lapper,
        q3_coitrees,
        q3_scan,
        sel_count,
        sel_visit,
        sel_scan,
        sel_scan_visit,
        b1_coitrees,
        b1_lapper,
        b1_timeline,
    );

    /// The workload `name` against the context.
    fn answer(x: &Ctx, name: &str) -> Result<usize, Box<dyn Error>> {
        let (registry, peers) = match &x.precise {
            Some((precise, peers)) if name.starts_with("sel") => (precise, peers),
            _ if name.starts_with("sel") => return Err("no days-only twin".into()),
            _ => (&x.registry, &x.peers),
        };
        let asks = match name.get(..2) {
            Some("q1") => &x.q1,
            Some("q2") => &x.q2,
            _ => &x.days,
        };
        match name {
            "b1_coitrees" | "b1_lapper" => Ok(builds(&peers.events, name)),
            "b1_timeline" => {
                let copy = x.unindexed.borrow_mut().pop();
                let Some(copy) = copy else {
                    return Err("no unindexed copy left for b1_timeline".into());
                };
                let first = first_hit(&copy)?;
                x.built.borrow_mut().push(copy);
                Ok(first)
            }
            _ if name.contains("count_")
                || name.contains("visit_")
                || name.contains("_scan")
                || name.starts_with("q3_") =>
            {
                Ok(peer_queries(peers, asks, name))
            }
            _ => queries(registry, None, asks, name),
        }
    }

    /// Whether a workload keeps nothing from one run to the next: a
    /// peer's queries, or a build.
    fn stateless(name: &str) -> bool {
        name.starts_with("b1_")
            || ["_lapper", "_coitrees", "_scan", "_sorted"]
                .iter()
                .any(|peer| name.contains(peer))
    }

    /// The workloads `CALLGRIND_ONLY` names (comma-separated), or all.
    fn chosen() -> Result<Vec<&'static str>, Box<dyn Error>> {
        let names: Vec<&str> = ALL.iter().map(|&(name, _)| name).collect();
        let Ok(only) = std::env::var("CALLGRIND_ONLY") else {
            return Ok(names);
        };
        let wanted: Vec<&str> = only.split(',').map(str::trim).collect();
        if let Some(unknown) = wanted.iter().find(|w| !names.contains(w)) {
            return Err(
                format!("CALLGRIND_ONLY: unknown workload {unknown:?}; one of {names:?}").into(),
            );
        }
        Ok(names.into_iter().filter(|n| wanted.contains(n)).collect())
    }

    /// Runs every measured workload once; prints each one's answer.
    pub fn all(agreements: usize) -> Result<usize, Box<dyn Error>> {
        let chosen = chosen()?;
        let registry = Registry::from_json_str(&Synth::new(agreements).seed(42).json())?;
        let timelines = usize::from(chosen.contains(&"b1_timeline"));
        let unindexed = (0..timelines).map(|_| registry.clone()).collect();
        if chosen.iter().any(|n| !n.starts_with("b1_")) {
            registry.build_indexes();
        }
        let precise = if chosen.iter().any(|n| n.starts_with("sel")) {
            let precise = Synth::new(agreements).seed(42).precise(true).registry()?;
            precise.build_indexes();
            let peers = Peers::new(&precise);
            Some((precise, peers))
        } else {
            None
        };
        let x = Ctx {
            peers: Peers::new(&registry),
            registry,
            precise,
            q1: Asks::new(30),
            q2: Asks::new(365),
            days: Asks::new(1),
            unindexed: RefCell::new(unindexed),
            built: RefCell::new(Vec::new()),
        };
        let mut total = 0;
        for &(name, run) in ALL {
            if !chosen.contains(&name) {
                continue;
            }
            // pactum's queries once outside the measured function first:
            // what the first query builds and keeps (the count's table of
            // days, say) is not what a query costs, and criterion's
            // warm-up leaves it built too. The peers keep nothing, and a
            // build starts from nothing each time.
            if !stateless(name) {
                answer(&x, name)?;
            }
            let n = run(&x)?;
            println!("{name} {n}");
            total += n;
        }
        Ok(total)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = format!("usage: callgrind WORKLOAD [AGREEMENTS]; WORKLOAD is one of {WORKLOADS:?}");
    let Some(workload) = args.first() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let agreements = match args.get(1).map(|n| n.parse::<usize>()) {
        None => DEFAULT_AGREEMENTS,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("AGREEMENTS {:?}: {e}\n{usage}", args[1]);
            std::process::exit(2);
        }
    };
    match run(workload, agreements) {
        Ok(total) => println!("{workload} {agreements}: {total}"),
        Err(e) => {
            eprintln!("callgrind {workload} {agreements}: {e}");
            std::process::exit(1);
        }
    }
}
