#!/usr/bin/env bash
# Runs every fuzz target (or the ones named), one at a time, for at most
# SECONDS each, and prints a Markdown report: executions, executions a
# second of wall time and of CPU time, libFuzzer's coverage (cov: edges, ft:
# features), the corpus size and the load average of each target, with the
# date and the commit.
#
#   scripts/fuzz.sh [-r RUNS] [-o REPORT] SECONDS [TARGET...]
#
#   -r RUNS    also stop a target after RUNS executions (libFuzzer -runs),
#              e.g. -r 1000000 for a run of a million
#   -o REPORT  write the report to REPORT as well (fuzz/REPORT.md)
#
# The toolchain is stable with RUSTC_BOOTSTRAP=1 (what CI has); set
# FUZZ_TOOLCHAIN=+nightly to use nightly instead. The sanitizer is none by
# default: the crate forbids unsafe code, so AddressSanitizer would only
# watch the dependencies, at half the speed; set FUZZ_SANITIZER=address to
# have it. Overflow checks and debug assertions stay on (-a). The fuzzer
# runs under `nice -n 10` (FUZZ_NICE) so that it yields to other work on a
# shared machine; the executions a CPU second do not depend on that share.
# Logs go to fuzz/logs/ (ignored by git); the builds to fuzz/target/, or
# to $CARGO_TARGET_DIR/fuzz/ when it is set.
set -euo pipefail
here=$(pwd)
cd "$(dirname "$0")/../fuzz"

runs=""
report=""
while getopts "r:o:" opt; do
    case "$opt" in
        r) runs="$OPTARG" ;;
        o) case "$OPTARG" in /*) report="$OPTARG" ;; *) report="$here/$OPTARG" ;; esac ;;
        *) echo "usage: $0 [-r RUNS] [-o REPORT] SECONDS [TARGET...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ]; then
    echo "usage: $0 [-r RUNS] [-o REPORT] SECONDS [TARGET...]" >&2
    exit 2
fi
seconds="$1"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(date load query edits)
fi

toolchain=(${FUZZ_TOOLCHAIN:-})
sanitizer="${FUZZ_SANITIZER:-none}"
niceness="${FUZZ_NICE:-10}"
export RUSTC_BOOTSTRAP=1
base="target"
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
    base="$CARGO_TARGET_DIR/fuzz"
fi
mkdir -p logs

# How each target is built. `edits` and `query` turn their input into
# generated keys and dates (a byte picks one of a few), so no value the
# library compares is ever in the input: tracing comparisons, a third of
# their instructions, could not guide the fuzzer. They are built without
# it, in a target directory of their own (the flags differ).
build_flags() {
    case "$1" in
        edits | query) echo "--no-trace-compares --target-dir $base/nocmp" ;;
        *) echo "--target-dir $base" ;;
    esac
}

# Options of each target: the load target reads small files, with the
# names of the format as a dictionary; an edit script of 256 bytes is
# about thirty steps, past which a longer one mostly repeats the same
# kinds of step at a higher cost.
options() {
    case "$1" in
        load) echo "-max_len=4096 -dict=load.dict" ;;
        edits | query) echo "-max_len=256" ;;
        *) echo "" ;;
    esac
}

start=$(date +%s)
for t in "${targets[@]}"; do
    # shellcheck disable=SC2046
    cargo "${toolchain[@]}" fuzz build -O -a -s "$sanitizer" $(build_flags "$t") "$t"
done
build=$(( $(date +%s) - start ))

rows=""
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    limit=(-max_total_time="$seconds")
    if [ -n "$runs" ]; then
        limit+=(-runs="$runs")
    fi
    log="logs/$t.log"
    load0=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s)
    # shellcheck disable=SC2046
    /usr/bin/time -o "logs/$t.cpu" -f "%U %S" nice -n "$niceness" \
        cargo "${toolchain[@]}" fuzz run -O -a -s "$sanitizer" $(build_flags "$t") "$t" "corpus/$t" -- \
        "${limit[@]}" -print_final_stats=1 $(options "$t") >"$log" 2>&1 || {
        echo "$t failed: see fuzz/$log" >&2
        tail -n 30 "$log" >&2
        exit 1
    }
    elapsed=$(( $(date +%s) - t0 ))
    load1=$(cut -d' ' -f1 /proc/loadavg)
    cpu=$(awk '{printf "%d", $1 + $2 + 0.5}' "logs/$t.cpu")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    per_cpu=$(( execs / (cpu > 0 ? cpu : 1) ))
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(find "corpus/$t" -type f | wc -l)
    seeds=$(find "corpus/$t" -type f -name 'seed-*' | wc -l)
    rows+="| \`$t\` | $execs | $rate | $per_cpu | ${elapsed}s | ${cpu}s | $cov | $ft | $corpus ($seeds seeds) | $load0 → $load1 |"$'\n'
done

commit=$(git rev-parse --short HEAD)
dirty=""
if ! git diff --quiet HEAD -- ../src ../tests fuzz_targets 2>/dev/null; then
    dirty=" (with uncommitted changes)"
fi
out="## $(date -u +%Y-%m-%d) at commit $commit$dirty

\`scripts/fuzz.sh${runs:+ -r $runs} $seconds ${targets[*]}\`: one target at a time,
sanitizer $sanitizer, $(nproc) cores shared with other work, started
$(date -u -d "@$start" +%H:%MZ); the builds took ${build}s.

| target | executions | exec/s | exec/CPU s | time | CPU | cov | ft | corpus | load average |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
$rows"
printf '%s\n' "$out"
if [ -n "$report" ]; then
    printf '\n%s' "$out" >>"$report"
fi
