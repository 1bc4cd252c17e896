#!/usr/bin/env bash
# The Python package's checks, run by .ci/run and by hand from the
# repository root: a virtual environment under target/ (ignored, never
# committed), the test tools from the package index, one build of the
# module, then pytest, mypy --strict on a usage file and stubtest.
#
# The module is built in the debug profile by `maturin develop`, not in
# the release profile that `pip install ./python` uses: here the debug
# build took 2m10s of CPU from cold against 7m05s for the release build
# with its dependencies already compiled, and the tests are small. The
# whole script took 1m41s here (new environment, the workspace's debug
# dependencies built by the steps before it, a load average of 12).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$PWD/target/py-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    maturin pytest pyarrow polars pandas duckdb mypy datafusion==55.0.0
(cd python && VIRTUAL_ENV="$venv" "$venv/bin/maturin" develop --quiet)
"$venv/bin/python" -m pytest python/tests
(cd python && "$venv/bin/python" -m mypy --strict --no-incremental tests/typing_usage.py)
(cd python && "$venv/bin/python" -m mypy.stubtest pactum --allowlist stubtest-allowlist.txt)
