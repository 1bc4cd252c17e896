#!/usr/bin/env bash
# The "SQL on DataFusion" figures of BENCHMARKS.md: writes EVENTS synthetic
# events (and EVENTS / 20 MOUs) as partitioned Parquet with
# sql/examples/generate.rs, then asks a one-month window, a one-year window
# and what is in force on a day, with pactum-sql (DataFusion) and with
# DuckDB (python3 -m duckdb) on the same files, each under
# /usr/bin/time -v for its peak memory.
#
#     scripts/sql_bench.sh 10000000 /tmp/pq10m
#
# Needs python3 with duckdb; CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:?usage: sql_bench.sh EVENTS DIR}
dir=${2:?usage: sql_bench.sh EVENTS DIR}
target=${CARGO_TARGET_DIR:-target}
cargo build -q -p pactum-sql --release --example generate --example query
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
if [ ! -d "$dir/events" ]; then
  /usr/bin/time -f "generate: %e s, peak %M KB" "$target/release/examples/generate" "$events" "$dir"
fi
du -sh "$dir/events" "$dir/mous"
month="SELECT count(*) AS events, sum(CAST(certain AS INT)) AS certain FROM timeline('2023-06-01', '2023-06-30')"
year="SELECT count(*) AS events, sum(CAST(certain AS INT)) AS certain FROM timeline('2023-01-01', '2023-12-31')"
force="SELECT count(*) AS agreements, sum(CAST(certain AS INT)) AS certain FROM in_force_on('2024-06-01')"
for sql in "$month" "$year" "$force"; do
  /usr/bin/time -f "  datafusion: %e s wall, peak %M KB" "$target/release/examples/query" "$dir" "$sql"
done
python3 - "$dir" <<'PY'
import pathlib, resource, sys, time
import duckdb
root = pathlib.Path("sql/recipes")
d = pathlib.Path(sys.argv[1])
con = duckdb.connect()
for t in ("events", "mous"):
    con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{d / t}/**/*.parquet')")
con.execute("CREATE VIEW partnerships AS SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS established, "
            "NULL::DATE AS established_earliest, NULL::DATE AS established_latest, NULL::VARCHAR AS ended, "
            "NULL::DATE AS ended_earliest, NULL::DATE AS ended_latest WHERE false")
timeline = (root / "timeline.sql").read_text()
force = pathlib.Path("docs/in_force_on.sql").read_text().rstrip().rstrip(";")
queries = {
    "month": timeline.replace("2023-12-31", "2023-06-30").replace("2023-01-01", "2023-06-01"),
    "year": timeline,
    "in force": force,
}
for name, sql in queries.items():
    t = time.perf_counter()
    rows = con.execute(f"SELECT count(*), sum(CAST(certain AS INT)) FROM ({sql})").fetchall()
    took = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"duckdb {name}: {rows[0]} in {took * 1000:.0f} ms; process peak so far {peak} KB")
PY
