#!/usr/bin/env python3
"""Checks docs/in_force_on.sql against pactum's own in_force_on answer.

Runs the SQL with DuckDB over the Parquet export of a dataset, for several
days, and compares it row by row with `examples/in_force.rs`. Outside the
default build and CI; needs `pip install duckdb` and a release build:

    cargo build --release --features synth,arrow --example synth --example export --example in_force
    target/release/examples/synth --n 100000 --out /tmp/synth.json
    target/release/examples/export --format parquet --data /tmp/synth.json --out /tmp/pq
    python3 scripts/in_force_check.py /tmp/synth.json /tmp/pq 1995-01-01 2010-06-15 2024-06-01 2040-01-01
"""
import pathlib
import subprocess
import sys
import time

import duckdb

root = pathlib.Path(__file__).resolve().parent.parent
data, parquet, days = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
sql = (root / "docs" / "in_force_on.sql").read_text()
con = duckdb.connect()
for table in ("mous", "partnerships"):
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{parquet / (table + '.parquet')}')")
failed = False
for day in days:
    t = time.perf_counter()
    rows = con.execute(sql.replace("2024-06-01", day)).fetchall()
    took = time.perf_counter() - t
    duck = sorted(f"{k},{key},{str(c).lower()}" for k, key, c in rows)
    out = subprocess.run(
        [root / "target" / "release" / "examples" / "in_force", "--data", data, "--on", day],
        check=True, capture_output=True, text=True,
    ).stdout.split()[1:]
    pactum = sorted(out)
    same = duck == pactum
    failed |= not same
    certain = sum(r.endswith(",true") for r in pactum)
    print(f"{day}: pactum {len(pactum)} in force ({certain} certainly), duckdb {len(duck)} in {took * 1000:.0f} ms: {'same' if same else 'DIFFERENT'}")
    if not same:
        print("  only pactum:", sorted(set(pactum) - set(duck))[:5])
        print("  only duckdb:", sorted(set(duck) - set(pactum))[:5])
sys.exit(1 if failed else 0)
