#!/usr/bin/env bash
# The same SQL on three workers of datafusion-distributed and on one node:
# starts three `pactum-sql-worker` processes on free ports of 127.0.0.1,
# asks the cookbook's window and in-force questions (and a count by kind
# over every event, which the workers sum in parts) of a Parquet dataset
# written by sql/examples/generate.rs, with sql/examples/distributed.rs,
# which compares the rows of both sides and fails on any difference or on
# a plan that sends fewer than two tasks to the workers. The workers are
# stopped whatever happens (on exit, error or interrupt), and the run is
# bounded by TIMEOUT seconds (600 by default).
#
#     scripts/sql_distributed.sh [EVENTS [DIR]]
#
# EVENTS (1,000,000 by default) events are written to DIR
# (target/sqldata/EVENTS by default) unless DIR/events exists. PROFILE is
# cargo's profile (release by default), JOBS its -j (1 by default);
# CARGO_TARGET_DIR is honoured. Builds run under nice -n 10.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
target=${CARGO_TARGET_DIR:-target}
dir=${2:-$target/sqldata/$events}
profile=${PROFILE:-release}
timeout=${TIMEOUT:-600}
out=$([ "$profile" = dev ] && echo debug || echo "$profile")
nice -n 10 cargo build -q -j "${JOBS:-1}" -p pactum-sql --profile "$profile" \
  --features distributed --example generate --example distributed --bin pactum-sql-worker
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -d "$dir/events" ]; then
  "$target/$out/examples/generate" "$events" "$dir"
fi

logs=$(mktemp -d)
pids=()
# SIGTERM, then SIGKILL for any worker still there after 5 s.
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap stop EXIT
trap 'exit 130' INT TERM

urls=()
for n in 1 2 3; do
  "$target/$out/pactum-sql-worker" 127.0.0.1:0 >"$logs/$n.out" 2>"$logs/$n.err" &
  pids+=("$!")
done
for n in 1 2 3; do
  for _ in $(seq 300); do
    grep -q '^listening on ' "$logs/$n.out" && break
    kill -0 "${pids[$((n - 1))]}" 2>/dev/null || { cat "$logs/$n.err" >&2; exit 1; }
    sleep 0.1
  done
  url=$(sed -n 's/^listening on //p' "$logs/$n.out")
  [ -n "$url" ] || { echo "worker $n did not listen in 30 s" >&2; exit 1; }
  urls+=("$url")
done
workers=$(IFS=,; echo "${urls[*]}")
echo "workers: $workers"

timeout "$timeout" "$target/$out/examples/distributed" "$dir" "$workers" \
  "SELECT kind, key, certain FROM timeline('2023-06-01', '2023-06-30')" \
  "SELECT kind, key, certain FROM timeline('2023-01-01', '2023-12-31')" \
  "SELECT kind, key, certain FROM in_force_on('2024-06-01')" \
  "SELECT kind, count(*) AS events, sum(CAST(certain AS INT)) AS certain FROM timeline('1950-01-01', '2049-12-31') GROUP BY kind"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
