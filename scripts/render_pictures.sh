#!/usr/bin/env bash
# Draws every picture of the seed dataset and of synthetic datasets of 100,
# 2,000 and 20,000 agreements (30% multilateral conventions), and renders
# each SVG to PNG for a person to look at. The PNGs are never committed.
#
#   scripts/render_pictures.sh [OUT] [SIZES...]  # default /tmp/pactum-pictures 100 2000 20000
#   scripts/render_pictures.sh --docs            # regenerate the pictures in docs/
#
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin) for the PNGs.
# Prints each PNG with its canvas size. docs/ holds the seed dataset's
# pictures (`plot --out docs --on 2024-06-01`) and the parties chart of a
# convention of a synthetic dataset of 100 agreements
# (docs/parties-synthetic.svg), since the seed has no multilateral one. The
# convention is `u78`, the one with the most parties among those without an
# expiry: the conventions with more parties expire within months while
# their parties go on ratifying for years, which shows the generator's
# randomness rather than what the chart is for.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build -q --features svg,synth --example plot --example synth
plot="$target/debug/examples/plot"
synth="$target/debug/examples/synth"
if [ "${1:-}" = "--docs" ]; then
    "$plot" --out docs --on 2024-06-01
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    "$synth" --n 100 --multilateral 30 --out "$dir/synth.json" >/dev/null
    "$plot" --data "$dir/synth.json" --name "a synthetic dataset (100 agreements)" \
        --only parties --agreement u78 --out "$dir" --on 2024-06-01 >/dev/null
    mv "$dir/parties.svg" docs/parties-synthetic.svg
    echo docs/parties-synthetic.svg
    exit 0
fi
out=${1:-/tmp/pactum-pictures}
shift || true
sizes=${*:-100 2000 20000}
mkdir -p "$out/seed"
"$plot" --out "$out/seed" --on 2024-06-01 >/dev/null
for n in $sizes; do
    mkdir -p "$out/synth-$n"
    "$synth" --n "$n" --multilateral 30 --out "$out/synth-$n.json" >/dev/null
    "$plot" --data "$out/synth-$n.json" --name "a synthetic dataset of $n agreements" \
        --out "$out/synth-$n" --on 2024-06-01 >/dev/null
done
for svg in "$out"/*/*.svg; do
    png=${svg%.svg}.png
    rsvg-convert -o "$png" "$svg"
    echo "$png $(head -c 300 "$svg" | grep -o 'width="[0-9]*" height="[0-9]*"' | head -1)"
done
