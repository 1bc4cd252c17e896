//! The workloads of BENCHMARKS.md, each with its peers side by side on the
//! same generated data in the same run.
//!
//! `cargo bench -p pactum-bench` runs the 1k, 10k and 100k datasets;
//! `PACTUM_BENCH_1M=1` adds 1M agreements, `PACTUM_BENCH_SIZES=100000`
//! picks the sizes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use coitrees::IntervalTree;
use criterion::{
    criterion_group, criterion_main, BatchSize, Bencher, BenchmarkId, Criterion, Throughput,
};
use pactum::{CommitmentState, Registry, Window};
use pactum_bench::{day, day_number, query_days, shift, sizes, Fixture, PlainDataset};

fn configure(c: &mut Criterion) -> Criterion {
    std::mem::take(c)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1200))
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

/// Times a slow peer (a linear scan, or SQLite without a fitting index) on
/// a share of the batch, an eighth (a thirty-second from 100k agreements
/// on), and reports the time scaled to the whole batch: the run stays
/// within minutes, and since the queries of a batch are alike, the ratio
/// to the tools that ran the whole batch holds.
fn bench_share<T>(
    b: &mut Bencher<'_>,
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

/// The number of events possibly in each window, summed.
/// The hits of the windows, each visited in timeline order (a count alone
/// would not say what a hit costs).
fn hits_in(r: &Registry, ws: &[(i32, i32)]) -> usize {
    ws.iter()
        .map(|&(a, z)| r.timeline().within(window(a, z)).run().map_or(0, visit))
        .sum()
}

/// Takes every hit in timeline order; returns how many there were.
fn visit(hits: pactum::Hits<'_>) -> usize {
    hits.fold(0, |n, hit| {
        black_box(hit);
        n + 1
    })
}

fn window(from: i32, to: i32) -> Window {
    Window::new(day(from), day(to)).expect("an ordered window")
}

fn queries(c: &mut Criterion) {
    let mut c = configure(c);
    for n in sizes() {
        let f = Fixture::new(n);
        eprintln!(
            "{n} agreements: {} entities, {} events, {} in-force ranges, {} bytes compact, {} bytes pretty",
            f.registry.len(),
            f.event_ranges.len(),
            f.force_ranges.len(),
            f.json.len(),
            f.pretty.len()
        );
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
    let query = |a, z| {
        let q = f.registry.timeline().within(window(a, z));
        if certainly {
            q.certainly()
        } else {
            q
        }
    };
    let hits: usize = ws
        .iter()
        .map(|&(a, z)| query(a, z).run().map_or(0, Iterator::count))
        .sum();
    eprintln!(
        "{name} at {}: {:.3}% of events hit per window",
        f.agreements,
        hits as f64 * 100.0 / (ws.len() * f.event_ranges.len().max(1)) as f64
    );
    let mut g = c.benchmark_group(format!("{name}/{}", f.agreements));
    g.throughput(Throughput::Elements(ws.len() as u64));
    // Two ways to answer, each against the peers' same way: count the
    // hits, or visit every hit (pactum in timeline order, the interval
    // trees in their own order).
    g.bench_function("pactum", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                total += query(a, z).count().unwrap_or(0);
            }
            black_box(total)
        })
    });
    if !certainly {
        // The same count through the iterator that `run` returns.
        g.bench_function("pactum_run_count", |b| {
            b.iter(|| {
                let mut total = 0;
                for &(a, z) in &ws {
                    total += query(a, z).run().map_or(0, Iterator::count);
                }
                black_box(total)
            })
        });
    }
    g.bench_function("pactum_visit", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                total += query(a, z).run().map_or(0, visit);
            }
            black_box(total)
        })
    });
    if f.agreements <= 100_000 {
        g.bench_function("naive_visit", |b| {
            bench_share(b, f, &ws, |part| {
                let mut total = 0;
                for &(a, z) in part {
                    total += pactum::naive::timeline(&query(a, z)).map_or(0, |v| v.len());
                }
                total
            })
        });
    }
    g.bench_function("coitrees", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                if certainly {
                    f.coitree.query(a, z, |iv| {
                        if iv.first >= a && iv.last <= z {
                            total += 1;
                        }
                    });
                } else {
                    total += f.coitree.query_count(a, z);
                }
            }
            black_box(total)
        })
    });
    g.bench_function("coitrees_visit", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                f.coitree.query(a, z, |iv| {
                    if !certainly || (iv.first >= a && iv.last <= z) {
                        black_box(iv.metadata);
                        total += 1;
                    }
                });
            }
            black_box(total)
        })
    });
    g.bench_function("rust_lapper", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                let (sa, sz) = (shift(a), shift(z).saturating_add(1));
                if certainly {
                    total += f
                        .lapper
                        .find(sa, sz)
                        .filter(|iv| iv.start >= sa && iv.stop <= sz)
                        .count();
                } else {
                    total += f.lapper.count(sa, sz);
                }
            }
            black_box(total)
        })
    });
    g.bench_function("rust_lapper_visit", |b| {
        b.iter(|| {
            let mut total = 0;
            for &(a, z) in &ws {
                let (sa, sz) = (shift(a), shift(z).saturating_add(1));
                total += f
                    .lapper
                    .find(sa, sz)
                    .filter(|iv| !certainly || (iv.start >= sa && iv.stop <= sz))
                    .fold(0, |n, iv| {
                        black_box(iv.val);
                        n + 1
                    });
            }
            black_box(total)
        })
    });
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
    let ws = windows(30);
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
    // Where every date is a day, a one-day window meets few events: the
    // selective case of the scan comparison.
    let days = windows(1);
    let events = precise.events().len().max(1);
    let one_day = hits_in;
    eprintln!(
        "q1_selective_1_day at {}: {:.4}% of events hit per window",
        f.agreements,
        one_day(&precise, &days) as f64 * 100.0 / (days.len() * events) as f64
    );
    let mut g = c.benchmark_group(format!("q1_selective_1_day/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("pactum", |b| b.iter(|| black_box(one_day(&precise, &days))));
    if f.agreements <= 100_000 {
        g.bench_function("naive", |b| {
            bench_share(b, f, &days, |part| {
                part.iter()
                    .map(|&(a, z)| {
                        let q = precise.timeline().within(window(a, z));
                        pactum::naive::timeline(&q).map_or(0, |v| v.len())
                    })
                    .sum()
            })
        });
    }
    g.finish();
}

fn in_force(c: &mut Criterion, f: &Fixture) {
    let days = query_days(16);
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
    if f.agreements <= 100_000 {
        g.bench_function("naive", |b| {
            b.iter(|| {
                days.iter()
                    .map(|&d| pactum::naive::in_force_on(&f.registry, d).len())
                    .sum::<usize>()
            })
        });
    }
    g.bench_function("coitrees", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| {
                    let n = day_number(d);
                    let mut hits = Vec::new();
                    f.coitree_force.query(n, n, |iv| hits.push(iv.metadata));
                    hits.len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("rust_lapper", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| {
                    let n = shift(day_number(d));
                    f.lapper_force
                        .find(n, n + 1)
                        .map(|iv| iv.val)
                        .collect::<Vec<_>>()
                        .len()
                })
                .sum::<usize>()
        })
    });
    let mut stmt = f
        .sqlite
        .prepare("SELECT id FROM force_rtree WHERE lo <= ?1 AND hi >= ?1")
        .expect("prepared");
    g.bench_function("sqlite_rtree", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| {
                    let rows = stmt
                        .query_map([day_number(d)], |r| r.get::<_, i64>(0))
                        .expect("rows");
                    rows.count()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

fn involving(c: &mut Criterion, f: &Fixture) {
    let ws = windows(365);
    let mut g = c.benchmark_group(format!("q4_involving_in_window/{}", f.agreements));
    g.throughput(Throughput::Elements(ws.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            ws.iter()
                .map(|&(a, z)| {
                    f.registry
                        .timeline()
                        .institution_or_below(&f.institution)
                        .within(window(a, z))
                        .run()
                        .map_or(0, Iterator::count)
                })
                .sum::<usize>()
        })
    });
    if f.agreements <= 100_000 {
        g.bench_function("naive", |b| {
            bench_share(b, f, &ws, |part| {
                part.iter()
                    .map(|&(a, z)| {
                        let q = f
                            .registry
                            .timeline()
                            .institution_or_below(&f.institution)
                            .within(window(a, z));
                        pactum::naive::timeline(&q).map_or(0, |v| v.len())
                    })
                    .sum()
            })
        });
    }
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
    let mut g = c.benchmark_group(format!("q5_next_meeting/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    g.bench_function("pactum", |b| {
        b.iter(|| {
            days.iter()
                .filter(|&&d| matches!(f.registry.next_meeting(&f.series, d), Ok(Some(_))))
                .count()
        })
    });
    g.bench_function("naive", |b| {
        bench_share(b, f, &days, |part| {
            part.iter()
                .filter(|&&d| {
                    matches!(
                        pactum::naive::next_meeting(&f.registry, &f.series, d),
                        Ok(Some(_))
                    )
                })
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
            days.iter()
                .filter(|&&d| {
                    let mut rows = stmt
                        .query(rusqlite::params![f.series, day_number(d)])
                        .expect("rows");
                    matches!(rows.next(), Ok(Some(_)))
                })
                .count()
        })
    });
    g.finish();
}

fn overdue(c: &mut Criterion, f: &Fixture) {
    let days = query_days(16);
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
    if f.agreements <= 100_000 {
        g.bench_function("naive", |b| {
            b.iter(|| {
                days.iter()
                    .map(|&d| {
                        pactum::naive::commitments_as_of(&f.registry, CommitmentState::Overdue, d)
                            .len()
                    })
                    .sum::<usize>()
            })
        });
    }
    let mut stmt = f
        .sqlite
        .prepare("SELECT key FROM commitment WHERE status = 'open' AND due_hi < ?1")
        .expect("prepared");
    g.bench_function("sqlite", |b| {
        b.iter(|| {
            days.iter()
                .map(|&d| {
                    stmt.query_map([day_number(d)], |r| r.get::<_, String>(0))
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
    g.throughput(Throughput::Elements(f.event_ranges.len() as u64));
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
    let intervals: Vec<coitrees::Interval<u32>> = f
        .event_ranges
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| coitrees::Interval::new(lo, hi, i as u32))
        .collect();
    g.bench_function("coitrees", |b| {
        b.iter(|| coitrees::COITree::<u32, u32>::new(&intervals))
    });
    let laps: Vec<rust_lapper::Interval<u32, u32>> = f
        .event_ranges
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| rust_lapper::Interval {
            start: shift(lo),
            stop: shift(hi) + 1,
            val: i as u32,
        })
        .collect();
    g.bench_function("rust_lapper", |b| {
        b.iter_batched(
            || laps.clone(),
            rust_lapper::Lapper::new,
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn load_and_save(c: &mut Criterion, f: &Fixture) {
    for (name, text) in [("compact", &f.json), ("pretty", &f.pretty)] {
        let mut g = c.benchmark_group(format!("l1_load_{name}/{}", f.agreements));
        g.throughput(Throughput::Bytes(text.len() as u64));
        // Both loads hand their result out to be dropped after the timing:
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
