#!/usr/bin/env python3
"""Row groups a one-month window reads, by the timeline recipe's bound on
the latest day before and after issue 25's fix, in the `datafusion`
Python package (the pruning code of the Rust crate of the same major):
28,000 events of one day, sorted by earliest day, in row groups of 500,
with 20% of events of several days mixed in ("mixed") or none ("no
ends"). BENCHMARKS.md, "SQL on DataFusion", quotes its output.

    .venv/bin/python scripts/sql_pruning.py    # pip install datafusion==55.0.0 pyarrow
"""
import datetime
import random
import re
import tempfile

import datafusion
import pyarrow as pa
import pyarrow.parquet as pq

FIRST, LAST = "DATE '2023-06-01'", "DATE '2023-06-30'"
OLD = (f"(date_latest IS NULL OR date_latest >= {FIRST} OR end_latest >= {FIRST} "
       f"OR (\"end\" IS NOT NULL AND end_latest IS NULL))")
NEW = (f"(date_latest IS NULL OR date_latest >= {FIRST} "
       f"OR (\"end\" IS NOT NULL AND end_latest >= {FIRST}) "
       f"OR (\"end\" IS NOT NULL AND \"end\" >= '[' AND end_latest IS NULL))")


def events(path, share):
    rng = random.Random(1)
    base = datetime.date(1990, 1, 1)
    rows = []
    for _ in range(28_000):
        day = base + datetime.timedelta(rng.randrange(0, 365 * 40))
        end = day + datetime.timedelta(rng.randrange(1, 4)) if rng.random() < share else None
        rows.append((day, end))
    rows.sort(key=lambda r: r[0])
    days = pa.array([r[0] for r in rows], pa.date32())
    ends = pa.array([r[1] for r in rows], pa.date32())
    table = pa.table({
        "date": [r[0].isoformat() for r in rows],
        "date_earliest": days, "date_latest": days,
        "end": pa.array([r[1] and r[1].isoformat() for r in rows], pa.string()),
        "end_earliest": ends, "end_latest": ends,
    })
    pq.write_table(table, path, row_group_size=500)


def read(path, bound):
    ctx = datafusion.SessionContext()
    ctx.register_parquet("events", path)
    sql = f"EXPLAIN ANALYZE SELECT count(*) FROM events WHERE {bound} AND date_earliest <= {LAST}"
    for batch in ctx.sql(sql).collect():
        for text in batch.column(1).to_pylist():
            found = re.search(r"row_groups_pruned_statistics=(\d+) total → (\d+) matched", text)
            if found:
                return f"{found.group(2)} of {found.group(1)}"
    return "no metric"


with tempfile.TemporaryDirectory() as tmp:
    print(f"datafusion {datafusion.__version__}, pyarrow {pa.__version__}")
    for name, share in (("mixed", 0.2), ("no ends", 0.0)):
        path = f"{tmp}/{name.replace(' ', '_')}.parquet"
        events(path, share)
        print(f"{name}: old bound reads {read(path, OLD)} row groups, new {read(path, NEW)}")
