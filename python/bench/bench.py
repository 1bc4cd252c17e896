"""pactum from Python against what an analyst does today (read the exported
events table with polars and filter it), on a synthetic dataset.

    cargo run --release --example synth --features synth -- --n 1000000 --out /tmp/py-bench/synth-1m.json
    cargo build --release -p pactum-bench --bin load
    (cd python && maturin develop --release)
    python python/bench/bench.py --data /tmp/py-bench/synth-1m.json --load-bin target/release/load --runs 3

(BENCHMARKS.md, "From Python", has the figures and the commit they were
measured at.)

Prints, for each comparison, the minimum over --runs runs (alternating the
two sides run by run) in seconds:

(a) the whole timeline to a polars DataFrame (`polars.DataFrame(r.timeline())`)
    against `polars.read_parquet` of the events table exported as Parquet;
    the first such question builds the registry's kept event table and is
    timed alone;
(b) a selective window (under 1% of the events) answered by pactum
    against the same filter in polars over the events table in memory
    (and, for reference, `scan_parquet` with the filter): pactum first on
    the registry as loaded (the table built for the hits), then after (a)
    (the rows taken from the kept table); then the events certainly in the
    window against the same filter in polars;
(c) `pactum.load` against the Rust load (`--load-bin`, the bench crate's
    `load`, a process of its own: its time includes starting and ending it).
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import polars
import pyarrow
import pyarrow.parquet

import pactum


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = f()
    return time.perf_counter() - started, value


def alternate(runs: int, a: Callable[[], Any], b: Callable[[], Any]) -> tuple[float, float, Any, Any]:
    """Runs a and b in turn `runs` times: the minimum time of each and their
    last values (a previous value is freed before the next run)."""
    best_a = best_b = float("inf")
    value_a = value_b = None
    for _ in range(runs):
        value_a = None
        t, value_a = timed(a)
        best_a = min(best_a, t)
        value_b = None
        t, value_b = timed(b)
        best_b = min(best_b, t)
    return best_a, best_b, value_a, value_b


def possibly_within(df: polars.DataFrame | polars.LazyFrame, start: datetime.date, end: datetime.date) -> Any:
    """The polars filter of pactum's 'possibly within [start, end]' over the
    exported columns: an open side (null) does not rule a day out."""
    earliest = polars.col("date_earliest")
    latest = polars.coalesce(polars.col("end_latest"), polars.col("date_latest"))
    return df.filter(
        (earliest.is_null() | (earliest <= end)) & (latest.is_null() | (latest >= start))
    )


def certainly_within(df: polars.DataFrame, start: datetime.date, end: datetime.date) -> Any:
    """The polars filter of pactum's 'certainly within [start, end]' over the
    exported columns, for events of one date (the synthetic file has no
    event of several days, whose 'certainly' asks more): both bounds known
    and inside the window."""
    earliest = polars.col("date_earliest")
    latest = polars.when(polars.col("end").is_not_null()).then(polars.col("end_latest")).otherwise(polars.col("date_latest"))
    return df.filter(earliest.is_not_null() & (earliest >= start) & latest.is_not_null() & (latest <= end))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/py-bench"))
    parser.add_argument("--load-bin", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    # One day of 24,431 events (0.866%) in the 1M-agreement file: any
    # window holds at least the 20,027 open-started events.
    parser.add_argument("--start", default="2027-06-14")
    parser.add_argument("--end", default="2027-06-14")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"python {platform.python_version()}, polars {polars.__version__}, pyarrow {pyarrow.__version__}")
    print(f"load average before: {os.getloadavg()}")

    # (c) the load, alternating with the Rust load.
    def rust_load() -> None:
        if args.load_bin is not None:
            subprocess.run([str(args.load_bin), str(args.data)], check=True, stdout=subprocess.DEVNULL)

    py_load, rs_load, registry, _ = alternate(args.runs, lambda: pactum.load(args.data), rust_load)
    print(f"registry: {len(registry)} entities")
    registry.build_indexes()

    parquet = args.work / "events.parquet"
    if not parquet.exists():
        pyarrow.parquet.write_table(pyarrow.table(registry.table("events")), parquet)
    events = polars.read_parquet(parquet)
    print(f"events: {events.height} rows; {parquet} {parquet.stat().st_size / 1e6:.0f} MB")

    start = datetime.date.fromisoformat(args.start)
    end = datetime.date.fromisoformat(args.end)

    # (b) first on the registry as loaded: a question this selective builds
    # its own table of the hits (the kept event table is built only by a
    # question returning an eighth of the events or more).
    built, filtered_b, hits, rows = alternate(
        args.runs,
        lambda: polars.DataFrame(registry.timeline(start, end)),
        lambda: possibly_within(events, start, end),
    )

    # (a) the whole timeline. The first question builds the registry's kept
    # event table (timed alone); the alternating runs take it from there.
    first, frame = timed(lambda: polars.DataFrame(registry.timeline()))
    assert frame.height == events.height, (frame.height, events.height)
    frame = None
    whole, read, frame, _ = alternate(
        args.runs,
        lambda: polars.DataFrame(registry.timeline()),
        lambda: polars.read_parquet(parquet),
    )
    assert frame.height == events.height, (frame.height, events.height)
    frame = None

    # (b) again, now that the kept event table exists.
    window, filtered, hits_kept, _ = alternate(
        args.runs,
        lambda: polars.DataFrame(registry.timeline(start, end)),
        lambda: possibly_within(events, start, end),
    )
    assert hits_kept.equals(hits)
    # Where (b)'s time goes: the question (the hits and their table, in
    # Rust, without the GIL) and the hand-over to polars.
    question = handover = float("inf")
    for _ in range(args.runs):
        t, table = timed(lambda: registry.timeline(start, end))
        question = min(question, t)
        t, _ = timed(lambda: polars.DataFrame(table))
        handover = min(handover, t)
        table = None
    filtered = min(filtered, filtered_b)
    # (b) certainly: the events certainly in the window (its closed dates
    # within it), as selective, and the same filter in polars.
    sure, sure_filtered, sure_kept, sure_rows = alternate(
        args.runs,
        lambda: polars.DataFrame(registry.timeline(start, end, certainly=True)),
        lambda: certainly_within(events, start, end),
    )
    assert sure_kept.height == sure_rows.height, (sure_kept.height, sure_rows.height)
    scan, _ = timed(lambda: possibly_within(polars.scan_parquet(parquet), start, end).collect())
    share = 100 * hits.height / events.height
    print(f"window {start}..{end}: pactum {hits.height} events ({share:.3f}%), polars filter {rows.height}")

    print()
    print(f"(a) whole timeline to polars: pactum {whole:.3f} s (the first question, which builds the kept table: {first:.3f} s), "
          f"polars.read_parquet {read:.3f} s, ratio {read / whole:.2f}")
    print(f"(b) window ({share:.3f}% of events): pactum {window * 1000:.2f} ms from the kept table, "
          f"{built * 1000:.2f} ms built for the hits; polars filter in memory {filtered * 1000:.2f} ms "
          f"(scan_parquet + filter {scan * 1000:.0f} ms); speed-up {filtered / window:.1f}x (kept), {filtered / built:.1f}x (built)")
    print(f"    of which: registry.timeline {question * 1000:.2f} ms, polars.DataFrame of its table {handover * 1000:.2f} ms")
    print(f"(b) certainly in the window: pactum {sure_kept.height} events ({100 * sure_kept.height / events.height:.4f}%) "
          f"{sure * 1000:.3f} ms, polars filter in memory {sure_filtered * 1000:.2f} ms; speed-up {sure_filtered / sure:.1f}x")
    if args.load_bin is not None:
        print(f"(c) load: pactum.load {py_load:.3f} s, Rust load {rs_load:.3f} s, ratio {py_load / rs_load:.3f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    sys.exit(main())
