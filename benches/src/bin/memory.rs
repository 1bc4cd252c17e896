//! Memory of a loaded registry, by component: the live heap (a counting
//! global allocator) and the resident set (Linux: `/proc/self/statm` and
//! `/proc/self/status`) after each step of a load and of the index build.
//!
//! ```text
//! cargo run --release -p pactum-bench --bin memory -- FILE [THREADS]
//! ```
//!
//! `THREADS` is the most threads the load may use (`Limits::max_threads`,
//! default 4). `memory --synth N FILE` writes the synthetic compact file of
//! N agreements that `pactum_bench::Fixture` loads (seed 42) to FILE;
//! `scripts/memory.sh` writes one and measures it, at each size given.
//!
//! The steps, each measured as the live heap it adds (what stays
//! allocated; a step's garbage is freed and not counted):
//!
//! - the load: the entities in their tables (split below into the entity
//!   arrays, inline size × count; the other large allocations, 64 KiB and
//!   more, which are the key tables and any unused capacity of the
//!   arrays; the small allocations, which are the texts, lists and boxed
//!   parts of entities);
//! - the timeline (with the hierarchies it keeps), built by a first query;
//! - the posting lists, built by a first query filtered by institution;
//! - the in-force index, built by a first `in_force_on`;
//! - the party index, built by a first `in_force_for`;
//! - what else `build_indexes` builds (nothing when the steps above cover
//!   it).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use pactum::{Commitment, Institution, Meeting, Mou, Partnership, Registry, Source, TechArea};

/// Allocations at least this large count as large: arrays and tables.
const LARGE: usize = 64 << 10;

/// The system allocator, counting the bytes live in small and large
/// allocations and the most ever live.
struct Counting;

static SMALL: AtomicIsize = AtomicIsize::new(0);
static BIG: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicIsize = AtomicIsize::new(0);

fn counter(size: usize) -> &'static AtomicIsize {
    if size >= LARGE {
        &BIG
    } else {
        &SMALL
    }
}

fn added(size: usize) {
    counter(size).fetch_add(size as isize, Ordering::Relaxed);
    COUNT.fetch_add(1, Ordering::Relaxed);
    PEAK.fetch_max(live(), Ordering::Relaxed);
}

fn removed(size: usize) {
    counter(size).fetch_sub(size as isize, Ordering::Relaxed);
    COUNT.fetch_sub(1, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; the
// counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            added(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        removed(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            removed(layout.size());
            added(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes live now.
fn live() -> usize {
    (SMALL.load(Ordering::Relaxed) + BIG.load(Ordering::Relaxed)).max(0) as usize
}

/// What is live at one point: small and large bytes, allocations, and the
/// resident set.
#[derive(Clone, Copy)]
struct Snapshot {
    small: isize,
    big: isize,
    allocations: isize,
    rss: u64,
}

impl Snapshot {
    fn now() -> Snapshot {
        Snapshot {
            small: SMALL.load(Ordering::Relaxed),
            big: BIG.load(Ordering::Relaxed),
            allocations: COUNT.load(Ordering::Relaxed),
            rss: rss_bytes(),
        }
    }

    fn heap(self) -> isize {
        self.small + self.big
    }
}

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

/// The peak resident set size so far (`VmHWM`).
fn peak_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// Prints one row: a component, its live bytes, and those bytes against
/// the file and per entity.
struct Table {
    file: usize,
    entities: usize,
}

impl Table {
    fn row(&self, what: &str, bytes: isize) {
        println!(
            "{what:<44} {bytes:>14} {:>7.3}x {:>8.1}",
            bytes as f64 / self.file as f64,
            bytes as f64 / self.entities.max(1) as f64
        );
    }
}

/// The bytes of the entity arrays, inline size × count.
fn entity_arrays(registry: &Registry) -> usize {
    fn of<E>(items: &[E]) -> usize {
        std::mem::size_of_val(items)
    }
    of::<Source>(registry.sources())
        + of::<TechArea>(registry.tech_areas())
        + of::<Institution>(registry.institutions())
        + of::<Partnership>(registry.partnerships())
        + of::<Meeting>(registry.meetings())
        + of::<Mou>(registry.mous())
        + of::<Commitment>(registry.commitments())
}

/// Builds the indexes step by step (see the crate docs), printing what
/// each adds; returns the live heap after the last.
fn indexes(registry: &Registry, table: &Table) -> Snapshot {
    let day = NaiveDate::from_ymd_opt(2010, 6, 1).unwrap_or_default();
    let institution = registry
        .institutions()
        .first()
        .map(|i| i.key().as_str().to_owned())
        .unwrap_or_default();
    let mut before = Snapshot::now();
    let mut step = |what: &str, f: &dyn Fn() -> usize| {
        let started = Instant::now();
        let answer = f();
        let after = Snapshot::now();
        table.row(
            &format!("  {what} ({:.2?}, answer {answer})", started.elapsed()),
            after.heap() - before.heap(),
        );
        before = after;
    };
    step("timeline", &|| {
        registry
            .timeline()
            .limit(1)
            .run()
            .map_or(0, |hits| hits.count())
    });
    step("posting lists", &|| {
        registry
            .timeline()
            .institution(&institution)
            .count()
            .unwrap_or(0)
    });
    step("in-force index", &|| registry.in_force_on(day).len());
    step("party index", &|| {
        registry
            .in_force_for(&institution, day)
            .map_or(0, |v| v.len())
    });
    step("the rest of build_indexes", &|| {
        registry.build_indexes();
        0
    });
    before
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--synth") {
        let n = std::env::args().nth(2).and_then(|n| n.parse().ok());
        let (Some(n), Some(out)) = (n, std::env::args().nth(3)) else {
            eprintln!("usage: memory --synth AGREEMENTS FILE");
            std::process::exit(2);
        };
        let json = pactum::synth::Synth::new(n).seed(42).json();
        if let Err(e) = std::fs::write(&out, json) {
            eprintln!("{out}: {e}");
            std::process::exit(2);
        }
        return;
    }
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE [THREADS]");
        std::process::exit(2);
    };
    let mut limits = pactum::Limits::default();
    if let Some(threads) = std::env::args().nth(2) {
        let Ok(threads) = threads.parse() else {
            eprintln!("THREADS must be a number, not {threads:?}");
            std::process::exit(2);
        };
        limits = limits.max_threads(threads);
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let start = Snapshot::now();
    PEAK.store(live(), Ordering::Relaxed);
    let started = Instant::now();
    let registry = match Registry::from_json_str_with(&text, &limits) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        }
    };
    let loaded = started.elapsed();
    let load_peak = PEAK.load(Ordering::Relaxed) as isize - start.heap();
    let load_rss_peak = peak_bytes();
    let load = Snapshot::now();
    let table = Table {
        file: text.len(),
        entities: registry.len(),
    };
    println!(
        "file: {} bytes, {} entities; load {loaded:.2?}",
        text.len(),
        registry.len()
    );
    println!(
        "{:<44} {:>14} {:>8} {:>8}",
        "live heap", "bytes", "/file", "/entity"
    );
    let arrays = entity_arrays(&registry) as isize;
    table.row("load: the registry", load.heap() - start.heap());
    table.row("  entity arrays (inline size x count)", arrays);
    table.row(
        "  other large allocations (key tables, slack)",
        load.big - start.big - arrays,
    );
    table.row(
        "  small allocations (texts, lists)",
        load.small - start.small,
    );
    println!(
        "  allocations live: {}",
        load.allocations - start.allocations
    );
    table.row("load: peak during the load", load_peak);
    let end = indexes(&registry, &table);
    table.row("indexes together", end.heap() - load.heap());
    table.row("registry with every index", end.heap() - start.heap());
    // Counted last: listing the events builds the timeline.
    println!("events: {}", registry.timeline().count().unwrap_or(0));
    println!(
        "resident: after load {} bytes ({:.3}x), peak during the load {} ({:.3}x), with indexes {} ({:.3}x), peak {} ({:.3}x); the file's text excluded",
        load.rss - start.rss,
        (load.rss - start.rss) as f64 / text.len() as f64,
        load_rss_peak.saturating_sub(start.rss),
        load_rss_peak.saturating_sub(start.rss) as f64 / text.len() as f64,
        end.rss.saturating_sub(start.rss),
        end.rss.saturating_sub(start.rss) as f64 / text.len() as f64,
        peak_bytes().saturating_sub(start.rss),
        peak_bytes().saturating_sub(start.rss) as f64 / text.len() as f64,
    );
}
