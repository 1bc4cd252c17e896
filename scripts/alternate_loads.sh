#!/usr/bin/env bash
# Wall-clock load times of two builds of benches/src/bin/callgrind.rs,
# alternated so that both see the same machine, with the minimum of each:
#
#   scripts/alternate_loads.sh BEFORE_BINARY AFTER_BINARY [ROUNDS] [AGREEMENTS]
#
# Each round runs `json` (making the text) and `load` (making and loading
# it) with each binary; a load costs `load` - `json`. Minima are compared,
# since a busy machine only ever adds time.
set -euo pipefail
before=$1 after=$2 rounds=${3:-7} agreements=${4:-100000}
now() { date +%s%N; }
run() { local t0; t0=$(now); "$1" "$2" "$agreements" >/dev/null; echo $(( ($(now) - t0) / 1000000 )); }
declare -A best
for ((i = 0; i < rounds; i++)); do
    for build in before after; do
        bin=${!build}
        j=$(run "$bin" json)
        l=$(run "$bin" load)
        ms=$((l - j))
        key=$build
        if [ -z "${best[$key]:-}" ] || [ "$ms" -lt "${best[$key]}" ]; then best[$key]=$ms; fi
        echo "round $i $build: json ${j} ms, load ${l} ms, load - json ${ms} ms"
    done
done
echo "minimum load - json: before ${best[before]} ms, after ${best[after]} ms"
