#!/usr/bin/env bash
# The Python package's checks, run by .ci/run and by hand from the
# repository root: a virtual environment under target/ (ignored, never
# committed), the test tools from the package index, one build of the
# module, then pytest, mypy --strict on a usage file and stubtest.
#
# The module is built in the debug profile by `maturin develop`: on two
# cores that is about twice as fast as the release build that
# `pip install ./python` makes, it reuses the dependencies that the
# workspace's own debug builds compiled, and the tests are small.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/target/py-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    maturin pytest pyarrow polars pandas duckdb mypy
(cd python && VIRTUAL_ENV="$venv" "$venv/bin/maturin" develop --quiet)
"$venv/bin/python" -m pytest python/tests
(cd python && "$venv/bin/python" -m mypy --strict --no-incremental tests/typing_usage.py)
(cd python && "$venv/bin/python" -m mypy.stubtest pactum --allowlist stubtest-allowlist.txt)
