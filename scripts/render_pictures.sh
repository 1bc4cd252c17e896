#!/usr/bin/env bash
# Draws every picture of the seed dataset and of synthetic datasets of 100,
# 2,000 and 20,000 agreements (30% multilateral conventions), and renders
# each SVG to PNG for a person to look at. The PNGs are never committed.
#
#   scripts/render_pictures.sh [OUT] [SIZES...]   # default /tmp/pactum-pictures 100 2000 20000
#
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin). Prints each PNG
# with its size in pixels. The pictures committed in docs/ are
# `plot --out docs --on 2024-06-01` on the seed dataset, and
# docs/parties-synthetic.svg is the parties chart of `synth-100`, drawn
# by `scripts/render_pictures.sh docs-synthetic` below (see --docs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/pactum-pictures}
shift || true
sizes=${*:-100 2000 20000}
target=${CARGO_TARGET_DIR:-target}
cargo build -q --features svg,synth --example plot --example synth
plot="$target/debug/examples/plot"
synth="$target/debug/examples/synth"
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
    echo "$png $(head -c 200 "$svg" | grep -o 'width="[0-9]*" height="[0-9]*"' | head -1)"
done
