//! The party workload of BENCHMARKS.md: the agreements in force for one
//! institution on a day, pactum against an interval tree per party and
//! SQLite, on the same spans in the same run.
//!
//! `cargo bench -p pactum-bench --bench parties` runs 100k agreements;
//! `PACTUM_BENCH_SIZES=10000,100000` picks the sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pactum_bench::day;
use pactum_bench::parties::{party_days, PartyFixture, PARTY_SQL};

fn configure(c: &mut Criterion) -> Criterion {
    // Short queries on a shared machine: many samples.
    std::mem::take(c)
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

/// The sizes of this workload: 100k agreements unless
/// `PACTUM_BENCH_SIZES` says otherwise.
fn sizes() -> Vec<usize> {
    if std::env::var_os("PACTUM_BENCH_SIZES").is_some() {
        pactum_bench::sizes()
    } else {
        vec![100_000]
    }
}

fn parties(c: &mut Criterion) {
    let mut c = configure(c);
    for n in sizes() {
        let f = PartyFixture::new(n);
        for (who, party) in [("busiest", &f.busiest), ("median", &f.median)] {
            in_force_for(&mut c, &f, who, party);
        }
    }
}

/// One party's batch of 64 query days, every tool collecting its answer.
fn in_force_for(c: &mut Criterion, f: &PartyFixture, who: &str, party: &str) {
    let days = party_days();
    let hits: usize = days.iter().map(|&n| f.pactum(party, n).len()).sum();
    let certain: usize = days
        .iter()
        .map(|&n| f.pactum(party, n).iter().filter(|h| h.1).count())
        .sum();
    eprintln!(
        "p1 at {}: {who} party {party}, {} spans, {:.1} hits a day ({:.1} certain)",
        f.agreements,
        f.spans.get(party).map_or(0, Vec::len),
        hits as f64 / days.len() as f64,
        certain as f64 / days.len() as f64,
    );
    let mut g = c.benchmark_group(format!("p1_in_force_for_{who}/{}", f.agreements));
    g.throughput(Throughput::Elements(days.len() as u64));
    // pactum takes dates, the peers day numbers: each is made before the
    // timing.
    let dates: Vec<_> = days.iter().map(|&n| day(n)).collect();
    g.bench_function("pactum", |b| {
        b.iter(|| {
            let mut total = 0;
            for &d in &dates {
                total += f.registry.in_force_for(party, d).map_or(0, |v| v.len());
            }
            black_box(total)
        })
    });
    g.bench_function("coitrees", |b| {
        b.iter(|| {
            let mut total = 0;
            for &n in &days {
                total += f.coitrees.get(party).map_or(0, |t| t.on(n).len());
            }
            black_box(total)
        })
    });
    g.bench_function("rust_lapper", |b| {
        b.iter(|| {
            let mut total = 0;
            for &n in &days {
                total += f.lapper.get(party).map_or(0, |t| t.on(n).len());
            }
            black_box(total)
        })
    });
    let mut stmt = f.sqlite.prepare(PARTY_SQL).expect("prepared");
    g.bench_function("sqlite", |b| {
        b.iter(|| {
            let mut total = 0;
            for &n in &days {
                total += f.sqlite_on(&mut stmt, party, n).len();
            }
            black_box(total)
        })
    });
    g.finish();
}

criterion_group!(benches, parties);
criterion_main!(benches);
