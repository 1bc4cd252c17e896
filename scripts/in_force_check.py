#!/usr/bin/env python3
"""Checks docs/in_force_on.sql and docs/in_force_for_party.sql against
pactum's own in_force_on and in_force_for answers.

Runs the SQL with DuckDB over the Parquet export of a dataset, for several
days (and, with --parties, for the institutions named, each on every day),
and compares it row by row with `examples/in_force.rs`. Outside the
default build and CI; needs `pip install duckdb` and a build of the
examples (release by default; PACTUM_EXAMPLES names another directory):

    cargo build --release --features synth,arrow --example synth --example export --example in_force
    target/release/examples/synth --n 100000 --multilateral 30 --out /tmp/synth.json
    target/release/examples/export --format parquet --data /tmp/synth.json --out /tmp/pq
    python3 scripts/in_force_check.py /tmp/synth.json /tmp/pq 1995-01-01 2010-06-15 2024-06-01 2040-01-01
    python3 scripts/in_force_check.py /tmp/synth.json /tmp/pq 1995-01-01 2010-06-15 --parties i00000 i00001 i00042
"""
import os
import pathlib
import subprocess
import sys
import time

import duckdb

root = pathlib.Path(__file__).resolve().parent.parent
examples = pathlib.Path(os.environ.get("PACTUM_EXAMPLES", root / "target" / "release" / "examples"))
args = sys.argv[1:]
parties = []
if "--parties" in args:
    at = args.index("--parties")
    args, parties = args[:at], args[at + 1:]
data, parquet, days = args[0], pathlib.Path(args[1]), args[2:]
sql = (root / "docs" / "in_force_on.sql").read_text()
party_sql = (root / "docs" / "in_force_for_party.sql").read_text()
con = duckdb.connect()
for table in ("mous", "partnerships", "party_actions"):
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{parquet / (table + '.parquet')}')")


def compare(label, duck, command):
    """Compares DuckDB's rows with the example's; returns the rows compared and whether all agree."""
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout.split()[1:]
    pactum = sorted(out)
    same = duck == pactum
    certain = sum(r.endswith(",true") for r in pactum)
    print(f"{label}: pactum {len(pactum)} in force ({certain} certainly), duckdb {len(duck)}: {'same' if same else 'DIFFERENT'}")
    if not same:
        print("  only pactum:", sorted(set(pactum) - set(duck))[:5])
        print("  only duckdb:", sorted(set(duck) - set(pactum))[:5])
    return len(pactum), same


failed = False
rows_compared = 0
for who in parties:
    for day in days:
        t = time.perf_counter()
        rows = con.execute(party_sql.replace("2024-06-01", day).replace("'i00001'", f"'{who}'")).fetchall()
        took = time.perf_counter() - t
        duck = sorted(f"{k},{key},{str(c).lower()}" for k, key, c in rows)
        n, same = compare(f"{who} on {day} ({took * 1000:.0f} ms)", duck,
                          [examples / "in_force", "--data", data, "--on", day, "--party", who])
        rows_compared += n
        failed |= not same
if parties:
    print(f"in force for a party: {rows_compared} rows compared, {'all equal' if not failed else 'SOME DIFFER'}")
for day in days if not parties else []:
    t = time.perf_counter()
    rows = con.execute(sql.replace("2024-06-01", day)).fetchall()
    took = time.perf_counter() - t
    duck = sorted(f"{k},{key},{str(c).lower()}" for k, key, c in rows)
    out = subprocess.run(
        [examples / "in_force", "--data", data, "--on", day],
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
