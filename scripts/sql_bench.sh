#!/usr/bin/env bash
# The "SQL on DataFusion" figures of BENCHMARKS.md: writes EVENTS synthetic
# events (and EVENTS / 20 MOUs) as partitioned Parquet with
# sql/examples/generate.rs (skipped when DIR/events exists), then asks a
# one-month window, a one-year window and what is in force on a day, with
# pactum-sql (DataFusion, sql/examples/query.rs: time, rows, row groups
# read of all) and with DuckDB (scripts/sql_bench_duckdb.py) on the same
# files, each question in a process of its own under /usr/bin/time for its
# peak memory.
#
#     scripts/sql_bench.sh 100000000 /work/sqldata/pq100m
#
# PYTHON names a python with duckdb (default: .venv/bin/python if there,
# else python3); CARGO_TARGET_DIR is honoured; JOBS sets cargo's -j (1 by
# default) and FEATURES the features of pactum-sql to build with (those
# of another build in the same target directory, so that DataFusion is
# compiled once for both).
# Everything runs under nice -n 10.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:?usage: sql_bench.sh EVENTS DIR}
dir=${2:?usage: sql_bench.sh EVENTS DIR}
target=${CARGO_TARGET_DIR:-target}
python=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
nice -n 10 cargo build -q -j "${JOBS:-1}" -p pactum-sql --release \
  ${FEATURES:+--features "$FEATURES"} --example generate --example query
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -d "$dir/events" ]; then
  nice -n 10 /usr/bin/time -f "generate: %e s wall, %U s user, peak %M KB" \
    "$target/release/examples/generate" "$events" "$dir"
fi
du -sh "$dir/events" "$dir/mous"
month="SELECT count(*) AS events, sum(CAST(certain AS INT)) AS certain FROM timeline('2023-06-01', '2023-06-30')"
year="SELECT count(*) AS events, sum(CAST(certain AS INT)) AS certain FROM timeline('2023-01-01', '2023-12-31')"
force="SELECT count(*) AS agreements, sum(CAST(certain AS INT)) AS certain FROM in_force_on('2024-06-01')"
for sql in "$month" "$year" "$force"; do
  nice -n 10 /usr/bin/time -f "  datafusion: %e s wall, peak %M KB" \
    "$target/release/examples/query" "$dir" "$sql"
done
for question in month year in_force; do
  nice -n 10 /usr/bin/time -f "  duckdb: %e s wall, peak %M KB" \
    "$python" scripts/sql_bench_duckdb.py "$dir" "$question"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
