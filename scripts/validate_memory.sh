#!/usr/bin/env bash
# `pactum validate` against the library's load alone, on the 1M-agreement
# synthetic file in its pretty form: wall clock and peak resident memory
# (GNU time), for a valid file and for the same file with three bad
# entities (the quarantine path). Prints one line a run; BENCHMARKS.md,
# "The `pactum` command", keeps the figures with the commit and date.
#
#   scripts/validate_memory.sh [N]      # N agreements, default 1000000
#
# Needs GNU time at /usr/bin/time and about 3 GB of free memory and disk.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target=${CARGO_TARGET_DIR:-target}
cargo build --release -q --features synth --example synth
cargo build --release -q -p pactum-cli
cargo build --release -q -p pactum-bench --bin load
"$target/release/examples/synth" --n "$n" --out "$dir/valid.json" --pretty >/dev/null
python3 - "$dir/valid.json" "$dir/invalid.json" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Three problems in three entities, the first of each kind in the file: an
# unknown field, a day that does not exist, a reference to no institution.
text = text.replace('"kind": "technology_cooperation",', '"kind": "technology_cooperation", "colour": "red",', 1)
text = re.sub(r'"signed": "[^"]*"', '"signed": "2021-02-30"', text, count=1)
text = re.sub(r'"owners": \[', '"owners": ["zz-nowhere", ', text, count=1)
open(sys.argv[2], "w").write(text)
PY
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/err" || true
  # GNU time writes a line of its own first when the command fails.
  read -r secs kib < <(tail -n 1 "$dir/time")
  echo "$label: ${secs} s, peak $((kib / 1024)) MiB ($(python3 -c "print(f'{$kib * 1024 / $bytes:.2f}')")x the file)"
}
for f in valid invalid; do
  bytes=$(stat -c %s "$dir/$f.json")
  echo "$f file: $bytes bytes"
  run "library load ($f)" "$target/release/load" "$dir/$f.json"
  run "pactum validate ($f)" "$target/release/pactum" validate "$dir/$f.json" --on 2024-06-01 --summary
done
