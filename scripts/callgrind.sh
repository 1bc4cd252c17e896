#!/usr/bin/env bash
# Instruction counts (callgrind's Ir) of the fixed workloads of
# benches/src/bin/callgrind.rs, one valgrind run each.
#
#   scripts/callgrind.sh [AGREEMENTS] [WORKLOAD...]
#
# AGREEMENTS defaults to 100000; the workloads default to all of them. The
# build goes to $CARGO_TARGET_DIR if set, else target/. Loading costs
# `load` - `json`, the index build `setup` - `load`. A query workload's own
# cost is its count minus `setup`'s, and exactly, the `queries(Ir)` column:
# a second run that counts inside `queries` (`party_queries` for the p1
# workloads, `day_counts` for q1_count_days, `certain_counts` for q2_count)
# alone (--toggle-collect). Counts are deterministic to within a few thousand
# instructions (the load and index build run on threads, which valgrind
# serialises).
set -euo pipefail

cd "$(dirname "$0")/.."
agreements=${1:-100000}
shift || true
workloads=("$@")
if [ ${#workloads[@]} -eq 0 ]; then
    workloads=(json load setup q1_count q1_visit q3 p_setup p1_busiest p1_median)
fi
target=${CARGO_TARGET_DIR:-target}

# CALLGRIND_BIN runs a binary built before (a copy kept from another
# commit, say) instead of building this checkout's.
if [ -n "${CALLGRIND_BIN:-}" ]; then
    bin=$CALLGRIND_BIN
else
    CARGO_PROFILE_RELEASE_DEBUG=false cargo build --release -p pactum-bench --bin callgrind >&2
    bin="$target/release/callgrind"
fi

if [ -n "${CALLGRIND_BIN:-}" ]; then
    echo "binary $bin"
else
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benches || echo ' (modified)')"
fi
echo "date   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "rustc  $(rustc --version)"
echo "$(valgrind --version), $agreements agreements"
echo
printf '%-10s %16s %14s %8s  %s\n' workload 'instructions(Ir)' 'queries(Ir)' seconds output
# Runs workload $1 under callgrind with the valgrind options that follow;
# prints the Ir count, then what the binary printed.
count() {
    local w=$1 log
    shift
    log=$(mktemp)
    if ! valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
        "$bin" "$w" "$agreements" >"$log.out" 2>"$log"; then
        echo "$w failed:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$log") $(cat "$log.out")"
    rm -f "$log" "$log.out"
}
for w in "${workloads[@]}"; do
    start=$(date +%s)
    read -r ir out < <(count "$w")
    queries=-
    case $w in
    q1_count_days) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::day_counts*') ;;
    q2_count) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::certain_counts*') ;;
    q*) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::queries*') ;;
    p1*) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::party_queries*') ;;
    esac
    printf '%-10s %16s %14s %8s  %s\n' "$w" "${ir:-?}" "${queries:-?}" "$(($(date +%s) - start))" "$out"
done
