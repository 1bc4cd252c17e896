#!/usr/bin/env bash
# Counts the instructions one execution of a fuzz target costs: runs the
# built target once on each of COUNT fixed pseudo-random inputs of LEN
# bytes (the same inputs every time, from a fixed seed) under callgrind,
# and prints the instructions of the target's body (LLVMFuzzerTestOneInput,
# libFuzzer's own work excluded) per input.
#
#   scripts/fuzz_cost.sh BINARY [COUNT] [LEN]
#
# BINARY is a built target, e.g.
#   $CARGO_TARGET_DIR/fuzz/nocmp/x86_64-unknown-linux-gnu/release/edits
# after `scripts/fuzz.sh` (or `cargo fuzz build`). Instruction counts do
# not depend on the load of the machine, so builds and harnesses can be
# compared on a shared one. Needs valgrind. Set FUZZ_COST_PROFILE=FILE to
# keep callgrind's profile, for `callgrind_annotate --inclusive=yes FILE`.
set -euo pipefail
binary="$1"
count="${2:-100}"
len="${3:-256}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/inputs"
python3 - "$dir/inputs" "$count" "$len" <<'PY'
import sys
out, count, length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
state = 0x9E3779B97F4A7C15
for i in range(count):
    data = bytearray()
    for _ in range(length):
        state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
        state ^= state >> 7
        state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
        data.append((state >> 24) & 0xFF)
    with open(f"{out}/input-{i:04}", "wb") as f:
        f.write(data)
PY
valgrind --tool=callgrind --callgrind-out-file="$dir/out" "$binary" -runs=0 "$dir/inputs" \
    >"$dir/log" 2>&1 || { tail -n 20 "$dir/log" >&2; exit 1; }
body=$(callgrind_annotate --inclusive=yes "$dir/out" 2>/dev/null |
    awk '/LLVMFuzzerTestOneInput/ && !found { gsub(",", "", $1); print $1; found = 1 }')
if [ -n "${FUZZ_COST_PROFILE:-}" ]; then
    cp "$dir/out" "$FUZZ_COST_PROFILE"
fi
echo "$(basename "$binary"): $count inputs of $len bytes, $((body / count)) instructions an input"
