#!/usr/bin/env python3
"""Asks one of the questions of scripts/sql_bench.sh in DuckDB over a
dataset written by sql/examples/generate.rs, and prints its answer and
time; scripts/sql_bench.sh runs it under /usr/bin/time for its peak memory.

    python3 scripts/sql_bench_duckdb.py DIR month|year|in_force
"""
import pathlib
import sys
import time

import duckdb

root = pathlib.Path(__file__).resolve().parent.parent
data = pathlib.Path(sys.argv[1])
question = sys.argv[2]
con = duckdb.connect()
for table in ("events", "mous"):
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{data / table}/**/*.parquet')")
# The generator writes no partnerships: an empty table of their columns.
con.execute("CREATE VIEW partnerships AS SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS established, "
            "NULL::DATE AS established_earliest, NULL::DATE AS established_latest, "
            "NULL::VARCHAR AS ended, NULL::DATE AS ended_earliest, NULL::DATE AS ended_latest "
            "WHERE false")
timeline = (root / "sql" / "recipes" / "timeline.sql").read_text()
sql = {
    "month": timeline.replace("DATE '2023-12-31'", "DATE '2023-06-30'")
                     .replace("DATE '2023-01-01'", "DATE '2023-06-01'"),
    "year": timeline,
    "in_force": (root / "docs" / "in_force_on.sql").read_text().rstrip().rstrip(";"),
}[question]
started = time.perf_counter()
rows = con.execute(f"SELECT count(*), sum(CAST(certain AS INT)) FROM ({sql})").fetchall()
took = time.perf_counter() - started
print(f"duckdb {duckdb.__version__} {question}: {rows[0][0]} rows, {rows[0][1]} certain, "
      f"in {took * 1000:.0f} ms")
