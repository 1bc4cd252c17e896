//! The workloads of BENCHMARKS.md, each with its peers side by side on the
//! same generated data in the same run.
//!
//! `cargo bench -p pactum-bench` runs the 1k, 10k and 100k datasets;
//! `PACTUM_BENCH_1M=1` adds 1M agreements, `PACTUM_BENCH_SIZES=100000`
//! picks the sizes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
use pactum::{CommitmentState, Registry, Window};
use pactum_bench::peers::{window, CoitreesPeer, LapperPeer, Peers, Scan, VisitDay, VisitWindow};
use pactum_bench::{day_number, query_days, sizes, Fixture, PlainDataset};

/// Thirty samples of two seconds: the shared machine moves short runs by
/// tens of percent, and ten samples of 1.2 s did not hold a ratio.
/// `PACTUM_BENCH_SAMPLES` sets another number (at least 10), for the long
/// loads of 1M agreements.
fn configure(c: &mut Criterion) -> Criterion {
    let samples = std::env::var("PACTUM_BENCH_SAMPLES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(30, |n| n.max(10));
    std::mem::take(c)
        .sample_size(samples)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

/// 64 windows of `len` days spread over the dataset's span.
fn windows(len: i32) -> Vec<(i32, i32)> {
    query_days(64)
        .into_iter()
        .map(|d| {
            let from = day_number(d);
            (from, from + len - 1)
        })
        .collect()
}

/// The hits of the windows, each visited in timeline order (a count alone
/// would not say what a hit costs).
fn hits_in(r: &Registry, ws: &[Window]) -> usize {
    ws.iter()
        .map(|&w| r.timeline().within(w).run().map_or(0, visit))
        .sum()
}

/// Takes every hit in timeline order; returns how many there were.
fn visit(hits: pactum::Hits<'_>) -> usize {
    hits.fold(0, |n, hit| {
        black_box(hit);
        n + 1
    })
}

/// A batch of counts by a peer, as criterion's routine.
fn counted<'a>(
    ws: &'a [(i32, i32)],
    count: &'a dyn Fn(i32, i32) -> usize,
) -> impl FnMut() -> usize + 'a {
    move || black_box(ws.iter().map(|&(a, z)| count(a, z)).sum::<usize>())
}

/// A batch of visits by a peer, each hit handed to `black_box`.
fn visited<'a>(ws: &'a [(i32, i32)], each: VisitWindow<'a>) -> impl FnMut() -> usize + 'a {
    move || {
        let mut total = 0;
        for &(a, z) in ws {
            each(a, z, &mut |id| {
                black_box(id);
                total += 1;
            });
        }
        black_box(total)
    }
}

/// pactum's windows for `ws`, made before any timing as the peers' day
/// numbers are.
fn pactum_windows(ws: &[(i32, i32)]) -> Vec<Window> {
    ws.iter().map(|&(a, z)| window(a, z)).collect()
}

fn queries(c: &mut Criterion) {
    let mut c = configure(c);
    for n in sizes() {
        let f = Fixture::new(n);
        eprintln!(
            "{n} agreements: {} entities, {} events, {} in-force ranges, {} bytes compact, {} bytes pretty",
            f.registry.len(),
            f.peers.events.len(),
            f.peers.force.len(),
            f.json.len(),
            f.pretty.len()
        );
        // Every peer answers as pactum does, or the run stops here.
        let days: Vec<i32> = query_days(16).into_iter().map(day_number).collect();
        let mut possibly = windows(1);
        possibly.extend(windows(30));
        if let Err(e) = f.peers.check(&f.registry, &possibly, &windows(365), &days) {
            panic!("{} agreements: {e}", f.agreements);
        }
        window_queries(&mut c, &f, "q1_possibly_1_day", 1, false);
        window_queries(&mut c, &f, "q1_possibly_30_days", 30, false);
        window_queries(&mut c, &f, "q2_certainly_1_year", 365, true);
        precision(&mut c, &f);
        in_force(&mut c, &f);
        involving(&mut c, &f);
        next_meeting(&mut c, &f);
        overdue(&mut c, &f);
        build(&mut c, &f);
        load_and_save(&mut c, &f);
    }
}

fn window_queries(c: &mut Criterion, f: &Fixture, name: &str, len: i32, certainly: bool) {
    let ws = windows(len);
    let wins = pactum_windows(&ws);
    let query = |w: Window| {
        let q = f.registry.timeline().within(w);
        if certainly {
            q.certainly()
        } else {
            q
        }
    };
    let hits: usize = wins
        .iter()
        .map(|&w| query(w).run().map_or(0, Iterator::count))
        .sum();
    eprintln!(
        "{name} at {}: {:.3}% of events hit per window, {hits} hits a batch",
        f.agreements,
        hits as f64 * 100.0 / (ws.len() * f.peers.events.len().max(1)) as f64
    );
    let mut g = c.benchmark_group(format!("{name}/{}", f.agreements));
    g.throughput(Throughput::Elements(ws.len() as u64));
    // Two ways to answer, each against the peers' same way: count the
    // hits, or visit every hit (pactum and the scans in timeline order,
    // the sorted array by first day, the trees in their own order).
    g.bench_function("pactum", |b| {
        b.iter(|| {
            let mut total = 0;
            for &w in &wins {
                total += query(w).count().unwrap_or(0);
            }
            black_box(total)
        })
    });
    if !certainly {
        // The same count through the iterator that `run` returns.
        g.bench_function("pactum_run_count", |b| {
            b.iter(|| {
                let mut total = 0;
                for &w in &wins {
                    total += query(w).run().map_or(0, Iterator::count);
                }
                black_box(total)
            })
        });
    }
    g.bench_function("pactum_visit", |b| {
        b.iter(|| {
            let mut total = 0;
            for &w in &wins {
                total += query(w).run().map_or(0, visit);
            }
            black_box(total)
        })
    });
    window_peers(&mut g, &f.peers, &ws, certainly);
    let sql = if certainly {
        "SELECT count(*) FROM event_rtree WHERE lo >= ?1 AND hi <= ?2"
    } else {
        "SELECT count(*) FROM event_rtree WHERE hi >= ?1 AND lo <= ?2"
    };
    let mut stmt = f.sqlite.prepare(sql).expect("prepared");
    g.bench_function("sqlite_rtree", |b| {
        b.iter(|| {
            let mut total: i64 = 0;
            for &(a, z) in &ws {
                total += stmt
                    .query_row([a, z], |r| r.get::<_, i64>(0))
                    .expect("a count");
            }
            black_box(total)
        })
    });
    g.finish();
}

/// The peers of a window question, counting and visiting.
fn window_peers(
    g: &mut BenchmarkGroup<'_, WallTime>,
    p: &Peers,
    ws: &[(i32, i32)],
    certainly: bool,
) {
    if certainly {
        g.bench_function("scan", |b| {
            b.iter(counted(ws, &|a, z| p.scan.count_within(a, z)))
        });
        g.bench_function("sorted", |b| {
            b.iter(counted(ws, &|a, z| p.sorted.count_within(a, z)))
        });
        g.bench_function("sorted_visit", |b| {
            b.iter(visited(ws, &|a, z, h| p.sorted.visit_within(a, z, h)))
        });
        g.bench_function("coitrees_visit", |b| {
            b.iter(visited(ws, &|a, z, h| p.coitrees.visit_within(a, z, h)))
        });
        g.bench_function("rust_lapper_visit", |b| {
            b.iter(visited(ws, &|a, z, h| p.lapper.visit_within(a, z, h)))
        });
    } else {
        g.bench_function("scan", |b| {
            b.iter(counted(ws, &|a, z| p.scan.count_overlapping(a, z)))
        });
        g.bench_function("scan_visit", |b| {
            b.iter(visited(ws, &|a, z, h| p.scan.visit_overlapping(a, z, h)))
        });
        g.bench_function("coitrees", |b| {
            b.iter(counted(ws, &|a, z| p.coitrees.count_overlapping(a, z)))
        });
        g.bench_function("coitrees_visit", |b| {
            b.iter(visited(ws, &|a, z, h| {
                p.coitrees.visit_overlapping(a, z, h)
            }))
        });
        g.bench_function("rust_lapper", |b| {
            b.iter(counted(ws, &|a, z| p.lapper.count_overlapping(a, z)))
        });
        g.bench_function("rust_lapper_visit", |b| {
            b.iter(visited(ws, &|a, z, h| p.lapper.visit_overlapping(a, z, h)))
        });
    }
}

/// The same 30-day windows over two datasets that differ only in the
/// precision of their dates: the generated one (half of its dates months,
/// years, approximate or open) and its twin with every date a day.
fn precision(c: &mut Criterion, f: &Fixture) {
    let precise = pactum::synth::Synth::new(f.agreements)
        .seed(42)
        .precise(true)
        .registry()
        .expect("generated data is valid");
    precise.build_indexes();
    let ws = pactum_windows(&windows(30));
    let run = |r: &Registry| hits_in(r, &ws);
    eprintln!(
        "q1_precision at {}: {} hits with imprecise dates, {} with days only",
        f.agreements,
        run(&f.registry),
        run(&precise)
    );
    let mut g = c.benchmark_group(format!("q1_precision_30_days/{}", f.agreements));
    g.throughput(Throughput::Elements(ws.len() as u64));
    g.bench_function("pactum", |b| b.iter(|| black_box(run(&f.registry))));
    g.bench_function("pactum_days_only", |b| b.iter(|| black_box(run(&precise))));
    g.finish();
    selective(c, f, &precise);
}

/// Where every date is a day, a one-day window meets few events: the
/// selective case, against the plain scans of the same days-only data.
fn selective(c: &mut Criterion, f: &Fixture, precise: &Registry) {
    let days = windows(1);
    let wins = pactum_windows(&days);
    let scan = Scan::new(&pactum_bench::peers::event_ranges(precise));
    let peers = Peers::new(precise);
    if let Err(e) = peers.check(precise, &days, &[], &[]) {
        panic!("days only, {} agreements: {e}", f.agreements);
    }
    let hits = hits_in(precise, &wins);
    eprintln!(
        "q1_selective_1_day at {}: {:.4}% of events hit per window, {hits} hits a batch",
        f.agreements,
        hits as f64 * 100.0 / (days.len() * peers.events.len().max(1)) as f64
    );
    drop(peers);
    let mut g = c.benchmark_group(format!("q1_selective_1_day/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            let counts = wins.iter().map(|&w| precise.timeline().within(w).count());
            black_box(counts.map(|n| n.unwrap_or(0)).sum::<usize>())
        })
    });
    g.bench_function("pactum_visit", |b| {
        b.iter(|| black_box(hits_in(precise, &wins)))
    });
    g.bench_function("scan", |b| {
        b.iter(|| {
            let counts = days.iter().map(|&(a, z)| scan.count_overlapping(a, z));
            black_box(counts.sum::<usize>())
        })
    });
    g.bench_function("scan_visit", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &days {
                scan.visit_overlapping(a, z, |id| {
                    black_box(id);
                    total += 1;
                });
            }
            black_box(total)
        })
    });
    g.finish();
}

fn in_force(c: &mut Criterion, f: &Fixture) {
    let days = query_days(16);
    let numbers: Vec<i32> = days.iter().map(|&d| day_number(d)).collect();
    let hits: usize = days.iter().map(|&d| f.registry.in_force_on(d).len()).sum();
    eprintln!(
        "q3_in_force at {}: {} hits per day on average",
        f.agreements,
        hits / days.len()
    );
    let mut g = c.benchmark_group(format!("q3_in_force/{}", f.agreements));
    g.throughput(Throughput::Elements(hits as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| f.registry.in_force_on(d).len())
                .sum::<usize>()
        })
    });
    // Each peer hands back the places of the agreements in force, in a
    // vector as pactum does.
    let collect = |each: VisitDay<'_>| {
        numbers
            .iter()
            .map(|&n| {
                let mut hits = Vec::new();
                each(n, &mut |id| hits.push(id));
                hits.len()
            })
            .sum::<usize>()
    };
    let p = &f.peers;
    g.bench_function("scan", |b| {
        b.iter(|| collect(&|n, h| p.scan_force.visit_overlapping(n, n, h)))
    });
    g.bench_function("coitrees", |b| {
        b.iter(|| collect(&|n, h| p.coitrees_force.visit_overlapping(n, n, h)))
    });
    g.bench_function("rust_lapper", |b| {
        b.iter(|| collect(&|n, h| p.lapper_force.visit_overlapping(n, n, h)))
    });
    let mut stmt = f
        .sqlite
        .prepare("SELECT id FROM force_rtree WHERE lo <= ?1 AND hi >= ?1")
        .expect("prepared");
    g.bench_function("sqlite_rtree", |b| {
        b.iter(|| {
            numbers
                .iter()
                .map(|&n| {
                    let rows = stmt.query_map([n], |r| r.get::<_, i64>(0)).expect("rows");
                    rows.count()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

/// Times a slow peer (SQLite's recursive query of Q4) on a share of the
/// batch, an eighth (a thirty-second from 100k agreements on), and reports
/// the time scaled to the whole batch: the run stays within minutes, and
/// since the queries of a batch are alike, the ratio to the tools that ran
/// the whole batch holds.
fn bench_share<T>(
    b: &mut criterion::Bencher<'_>,
    f: &Fixture,
    batch: &[T],
    mut run: impl FnMut(&[T]) -> usize,
) {
    let share = if f.agreements >= 100_000 { 32 } else { 8 };
    let part = &batch[..(batch.len() / share).max(1)];
    let scale = u32::try_from(batch.len() / part.len()).unwrap_or(1);
    b.iter_custom(|iters| {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(run(part));
        }
        start.elapsed() * scale
    });
}

fn involving(c: &mut Criterion, f: &Fixture) {
    let ws = windows(365);
    let wins = pactum_windows(&ws);
    let mut g = c.benchmark_group(format!("q4_involving_in_window/{}", f.agreements));
    g.throughput(Throughput::Elements(ws.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            wins.iter()
                .map(|&w| {
                    f.registry
                        .timeline()
                        .institution_or_below(&f.institution)
                        .within(w)
                        .run()
                        .map_or(0, Iterator::count)
                })
                .sum::<usize>()
        })
    });
    let mut stmt = f
        .sqlite
        .prepare(
            "WITH RECURSIVE below(key) AS (SELECT ?1 UNION ALL SELECT i.key FROM institution i JOIN below ON i.parent = below.key)
             SELECT count(DISTINCT e.id) FROM below
               JOIN event_institution ei ON ei.institution = below.key
               JOIN event e ON e.id = ei.event
             WHERE e.hi >= ?2 AND e.lo <= ?3",
        )
        .expect("prepared");
    g.bench_function("sqlite", |b| {
        bench_share(b, f, &ws, |part| {
            part.iter()
                .map(|&(a, z)| {
                    stmt.query_row(rusqlite::params![f.institution, a, z], |r| {
                        r.get::<_, usize>(0)
                    })
                    .expect("a count")
                })
                .sum()
        })
    });
    g.finish();
}

fn next_meeting(c: &mut Criterion, f: &Fixture) {
    let days = query_days(64);
    let numbers: Vec<i32> = days.iter().map(|&d| day_number(d)).collect();
    let mut g = c.benchmark_group(format!("q5_next_meeting/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            days.iter()
                .filter(|&&d| matches!(f.registry.next_meeting(&f.series, d), Ok(Some(_))))
                .count()
        })
    });
    let mut stmt = f
        .sqlite
        .prepare(
            "SELECT key FROM event WHERE series = ?1 AND hi > ?2 ORDER BY sort, hi, key LIMIT 1",
        )
        .expect("prepared");
    g.bench_function("sqlite", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter(|&&n| {
                    let mut rows = stmt.query(rusqlite::params![f.series, n]).expect("rows");
                    matches!(rows.next(), Ok(Some(_)))
                })
                .count()
        })
    });
    g.finish();
}

fn overdue(c: &mut Criterion, f: &Fixture) {
    let days = query_days(16);
    let numbers: Vec<i32> = days.iter().map(|&d| day_number(d)).collect();
    let mut g = c.benchmark_group(format!("q6_overdue/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| {
                    f.registry
                        .commitments_as_of(CommitmentState::Overdue, d)
                        .len()
                })
                .sum::<usize>()
        })
    });
    let mut stmt = f
        .sqlite
        .prepare("SELECT key FROM commitment WHERE status = 'open' AND due_hi < ?1")
        .expect("prepared");
    g.bench_function("sqlite", |b| {
        b.iter(|| {
            numbers
                .iter()
                .map(|&n| {
                    stmt.query_map([n], |r| r.get::<_, String>(0))
                        .expect("rows")
                        .count()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

fn build(c: &mut Criterion, f: &Fixture) {
    let mut g = c.benchmark_group(format!("b1_build_indexes/{}", f.agreements));
    g.throughput(Throughput::Elements(f.peers.events.len() as u64));
    // The timeline alone: what the first window query builds, and what an
    // interval tree over the same events is.
    g.bench_function("pactum_timeline", |b| {
        b.iter_batched(
            || f.unindexed.clone(),
            |r| {
                let first = r.timeline().limit(1).run().map(|mut h| h.next().is_some());
                black_box(first.ok());
                r
            },
            BatchSize::LargeInput,
        )
    });
    // Every index: the timeline, the posting lists of every kind,
    // institution, area, partnership and series, and the in-force index.
    g.bench_function("pactum", |b| {
        b.iter_batched(
            || f.unindexed.clone(),
            |r| {
                r.build_indexes();
                r
            },
            BatchSize::LargeInput,
        )
    });
    // The trees from the event ranges (the open ones sorted apart), each
    // handed out to be dropped after the timing as pactum's indexes are.
    let ranges = &f.peers.events;
    g.bench_function("coitrees", |b| {
        b.iter_with_large_drop(|| CoitreesPeer::new(ranges))
    });
    g.bench_function("rust_lapper", |b| {
        b.iter_with_large_drop(|| LapperPeer::new(ranges))
    });
    g.finish();
}

fn load_and_save(c: &mut Criterion, f: &Fixture) {
    for (name, text) in [("compact", &f.json), ("pretty", &f.pretty)] {
        let mut g = c.benchmark_group(format!("l1_load_{name}/{}", f.agreements));
        g.throughput(Throughput::Bytes(text.len() as u64));
        // Every load hands its result out to be dropped after the timing:
        // freeing a dataset is not part of loading it.
        g.bench_with_input(BenchmarkId::new("pactum", text.len()), text, |b, t| {
            b.iter_with_large_drop(|| Registry::from_json_str(t))
        });
        // The same load on the calling thread alone.
        let one = pactum::Limits::default().max_threads(1);
        g.bench_with_input(
            BenchmarkId::new("pactum_one_thread", text.len()),
            text,
            |b, t| b.iter_with_large_drop(|| Registry::from_json_str_with(t, &one)),
        );
        g.bench_with_input(
            BenchmarkId::new("serde_json_plain", text.len()),
            text,
            |b, t| b.iter_with_large_drop(|| serde_json::from_str::<PlainDataset>(t)),
        );
        g.bench_with_input(
            BenchmarkId::new("serde_json_value", text.len()),
            text,
            |b, t| b.iter_with_large_drop(|| serde_json::from_str::<serde_json::Value>(t)),
        );
        g.finish();
    }
    let plain: PlainDataset = serde_json::from_str(&f.pretty).expect("plain structs read the file");
    let mut g = c.benchmark_group(format!("s1_save/{}", f.agreements));
    g.throughput(Throughput::Bytes(f.pretty.len() as u64));
    g.bench_function("pactum", |b| b.iter(|| f.registry.to_json_string().len()));
    g.bench_function("serde_json_plain", |b| {
        b.iter(|| serde_json::to_string_pretty(&plain).map(|s| s.len()))
    });
    g.finish();
}

criterion_group!(benches, queries);
criterion_main!(benches);
