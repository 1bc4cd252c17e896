#!/usr/bin/env bash
# Memory of a loaded registry by component, with every index built, at
# each size given (agreements; default 100000 and 1000000): the synthetic
# compact file of `pactum_bench::Fixture` (seed 42) is written, then
# `benches/src/bin/memory.rs` loads it and prints the live heap of each
# component against the file's size, and the resident set. BENCHMARKS.md,
# "Memory", keeps the figures with the commit, date and load average.
#
#   scripts/memory.sh [AGREEMENTS...]
#
# MEMORY_BIN runs a binary built before (from another commit) instead of
# this checkout's. Needs about 3x the 1M file (1.1 GB) of free memory.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(100000 1000000)
fi
target=${CARGO_TARGET_DIR:-target}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ -n "${MEMORY_BIN:-}" ]; then
    bin=$MEMORY_BIN
    echo "binary $bin"
else
    CARGO_PROFILE_RELEASE_DEBUG=false cargo build --release -q -p pactum-bench --bin memory
    bin="$target/release/memory"
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benches || echo ' (modified)')"
fi
for n in "${sizes[@]}"; do
    "$bin" --synth "$n" "$dir/synth.json"
    echo
    echo "$n agreements, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    "$bin" "$dir/synth.json" "${MEMORY_THREADS:-4}"
    rm -f "$dir/synth.json"
done
