#!/usr/bin/env bash
# L1 by wall clock: pactum's load against the plain serde_json parse of
# the same compact file (`pactum_bench::PlainDataset`), for one or more
# builds of benches/src/bin/callgrind.rs, alternated round by round so
# that every build sees the same machine:
#
#   scripts/load_ratio.sh ROUNDS AGREEMENTS BINARY...
#
# LOAD_RATIO_FILE=pretty times the pretty-printed file instead (the
# `_pretty` workloads: `json_pretty` makes the text by a load and a save).
#
# Each round runs, for each binary, `json` (making the text alone),
# `json_plain`, `load` (two threads on this machine) and `load_one` (one
# thread); a cost is the run's time less `json`'s. Minima over the rounds
# are compared, since a busy machine only ever adds time; the ratio is
# plain ÷ pactum (L1's target: at least 0.9).
set -euo pipefail
rounds=$1 agreements=$2
shift 2
now() { date +%s%N; }
suffix=${LOAD_RATIO_FILE:+_$LOAD_RATIO_FILE}
ms() { local t0; t0=$(now); "$1" "$2$suffix" "$agreements" >/dev/null; echo $((($(now) - t0) / 1000000)); }
declare -A best
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $agreements agreements, ${LOAD_RATIO_FILE:-compact} file, $rounds rounds, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < rounds; i++)); do
    for bin in "$@"; do
        j=$(ms "$bin" json)
        line="round $i $bin: json $j ms"
        for w in json_plain load load_one; do
            t=$(($(ms "$bin" "$w") - j))
            key="$bin $w"
            if [ -z "${best[$key]:-}" ] || [ "$t" -lt "${best[$key]}" ]; then best[$key]=$t; fi
            line="$line, $w - json $t ms"
        done
        echo "$line"
    done
done
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "$@"; do
    p=${best[$bin json_plain]} l=${best[$bin load]} o=${best[$bin load_one]}
    echo "$bin: minimum plain $p ms, load $l ms (ratio $(python3 -c "print(f'{$p / max($l, 1):.2f}')")), load_one $o ms (ratio $(python3 -c "print(f'{$p / max($o, 1):.2f}')"))"
done
