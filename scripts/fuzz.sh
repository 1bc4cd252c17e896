#!/usr/bin/env bash
# Runs every fuzz target (or the ones named), one at a time, for at most
# SECONDS each, and prints a Markdown report: executions, executions a
# second, libFuzzer's coverage (cov: edges, ft: features) and the corpus
# size of each target, with the date and the commit.
#
#   scripts/fuzz.sh [-r RUNS] [-o REPORT] SECONDS [TARGET...]
#
#   -r RUNS    also stop a target after RUNS executions (libFuzzer -runs)
#   -o REPORT  write the report to REPORT as well (fuzz/REPORT.md)
#
# The toolchain is stable with RUSTC_BOOTSTRAP=1 (what CI has); set
# FUZZ_TOOLCHAIN=+nightly to use nightly instead. The sanitizer is none by
# default: the crate forbids unsafe code, so AddressSanitizer would only
# watch the dependencies, at half the speed; set FUZZ_SANITIZER=address to
# have it. Overflow checks and debug assertions stay on (-a). Logs go to
# fuzz/logs/ (ignored by git).
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
export RUSTC_BOOTSTRAP=1
mkdir -p logs

# Options of each target: the load target reads small files, with the
# names of the format as a dictionary.
options() {
    case "$1" in
        load) echo "-max_len=4096 -dict=load.dict" ;;
        *) echo "" ;;
    esac
}

start=$(date +%s)
cargo "${toolchain[@]}" fuzz build -O -a -s "$sanitizer"
build=$(( $(date +%s) - start ))

rows=""
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    limit=(-max_total_time="$seconds")
    if [ -n "$runs" ]; then
        limit+=(-runs="$runs")
    fi
    log="logs/$t.log"
    t0=$(date +%s)
    # shellcheck disable=SC2046
    cargo "${toolchain[@]}" fuzz run -O -a -s "$sanitizer" "$t" "corpus/$t" -- \
        "${limit[@]}" -print_final_stats=1 $(options "$t") >"$log" 2>&1 || {
        echo "$t failed: see fuzz/$log" >&2
        tail -n 30 "$log" >&2
        exit 1
    }
    elapsed=$(( $(date +%s) - t0 ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(find "corpus/$t" -type f | wc -l)
    seeds=$(find "corpus/$t" -type f -name 'seed-*' | wc -l)
    rows+="| \`$t\` | $execs | $rate | ${elapsed}s | $cov | $ft | $corpus ($seeds seeds) |"$'\n'
done

commit=$(git rev-parse --short HEAD)
dirty=""
if ! git diff --quiet HEAD -- ../src ../tests fuzz_targets 2>/dev/null; then
    dirty=" (with uncommitted changes)"
fi
out="## $(date -u +%Y-%m-%d) at commit $commit$dirty

\`scripts/fuzz.sh${runs:+ -r $runs} $seconds\`: one target at a time, sanitizer
$sanitizer, $(nproc) cores shared with other work; the build took ${build}s.

| target | executions | exec/s | time | cov | ft | corpus |
| --- | --- | --- | --- | --- | --- | --- |
$rows"
printf '%s\n' "$out"
if [ -n "$report" ]; then
    printf '\n%s' "$out" >>"$report"
fi
