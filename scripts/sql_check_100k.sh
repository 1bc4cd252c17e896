#!/usr/bin/env bash
# Every recipe of docs/sql.md against pactum's own answers on a synthetic
# dataset of 100,000 agreements (30% multilateral): the table functions in
# DataFusion, from memory and from Parquet (sql/tests/library.rs), and the
# recipes in DuckDB (sql/tests/duckdb.rs, python3 with duckdb). These
# tests are #[ignore]d, too long for every `cargo test`; BENCHMARKS.md
# ("SQL on DataFusion") has their time.
#
#     scripts/sql_check_100k.sh
#
# CARGO_TARGET_DIR is honoured; the tests build in the dev profile, as CI's.
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 10 cargo test -q -p pactum-sql --test library --test duckdb --no-run
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 10 /usr/bin/time -f "library (DataFusion): %e s wall, peak %M KB" \
  cargo test -q -p pactum-sql --test library -- --ignored 100k
nice -n 10 /usr/bin/time -f "duckdb: %e s wall, peak %M KB" \
  cargo test -q -p pactum-sql --test duckdb -- --ignored 100k
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
