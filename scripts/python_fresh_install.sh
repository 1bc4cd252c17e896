#!/usr/bin/env bash
# What a new user of the Python package does: clone the repository, make a
# virtual environment, `pip install ./python polars` (a release build of
# the module, DataFusion's table-provider interface with it), and print the
# seed's timeline as a polars DataFrame, checking that it has a row for
# every event.
#
#   scripts/python_fresh_install.sh [COMMIT] [DIR]
#
# COMMIT (default HEAD) is cloned from this repository into DIR (default a
# new temporary directory), so nothing built here is reused. Prints the
# time the install took, the DataFrame and the row and event counts.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse --short "${1:-HEAD}")"
dir="${2:-$(mktemp -d)}"
unset CARGO_TARGET_DIR
git clone --quiet "$repo" "$dir/pactum"
cd "$dir/pactum"
git checkout --quiet --detach "$commit"
echo "commit $commit, $(date -u +%FT%TZ), in $dir/pactum"
started=$(date +%s)
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check ./python polars
echo "installed in $(($(date +%s) - started)) s"
.venv/bin/python -c '
import pactum, polars
r = pactum.seed()
frame = polars.DataFrame(r.timeline())
print(frame)
print(f"{frame.height} rows, {len(r.events())} events")
assert frame.height == len(r.events())
'
