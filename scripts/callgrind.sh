#!/usr/bin/env bash
# Instruction counts (callgrind's Ir) of the fixed workloads of
# benches/src/bin/callgrind.rs, one valgrind run each.
#
#   scripts/callgrind.sh [AGREEMENTS] [WORKLOAD...]
#
# AGREEMENTS defaults to 100000; the workloads default to all of them (the
# list is in benches/src/bin/callgrind.rs). The build goes to
# $CARGO_TARGET_DIR if set, else target/. Loading costs `load` - `json`
# (the plain parse `json_plain` - `json`), the timeline `timeline` - `load`,
# every index `setup` - `load`. `all` runs every query workload and peer
# build once in one process and prints each one's own count (the inclusive
# count of its function, by callgrind_annotate), a row each. A query
# workload named alone gets its own cost in the
# `own(Ir)` column: a second run that counts inside `queries`
# (`party_queries` for the p1 workloads, `builds` for a peer's build
# `b1_*`) alone (--toggle-collect), with the windows and days made before.
# Counts are deterministic to within a few thousand instructions (the load
# and index build run on threads, which valgrind serialises and counts
# whole).
set -euo pipefail

cd "$(dirname "$0")/.."
agreements=${1:-100000}
shift || true
workloads=("$@")
if [ ${#workloads[@]} -eq 0 ]; then
    workloads=(json json_plain json_value load load_one timeline setup all p_setup p1_busiest p1_median)
fi
target=${CARGO_TARGET_DIR:-target}

# CALLGRIND_BIN runs a binary built before (a copy kept from another
# commit, say) instead of building this checkout's.
if [ -n "${CALLGRIND_BIN:-}" ]; then
    bin=$CALLGRIND_BIN
else
    CARGO_PROFILE_RELEASE_DEBUG=false cargo build --release -p pactum-bench --bin callgrind >&2
    bin="$target/release/callgrind"
fi

if [ -n "${CALLGRIND_BIN:-}" ]; then
    echo "binary $bin"
else
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benches || echo ' (modified)')"
fi
echo "date   $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "rustc  $(rustc --version)"
echo "$(valgrind --version), $agreements agreements"
echo
printf '%-22s %16s %14s %8s  %s\n' workload 'instructions(Ir)' 'own(Ir)' seconds output
# Runs workload $1 under callgrind with the valgrind options that follow;
# prints the Ir count, then what the binary printed.
count() {
    local w=$1 log
    shift
    log=$(mktemp)
    if ! valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
        "$bin" "$w" "$agreements" >"$log.out" 2>"$log"; then
        echo "$w failed:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$log") $(cat "$log.out")"
    rm -f "$log" "$log.out"
}
# Every measured function of `all`, with its count: callgrind dumps its
# counters on entering and leaving each function of `callgrind::measured`,
# and a workload's count is the sum of the parts from its entry to its
# exit, whichever threads ran them (an inclusive count by
# callgrind_annotate would leave out the index build's worker threads).
all() {
    local dir f trigger
    dir=$(mktemp -d)
    valgrind --tool=callgrind --callgrind-out-file="$dir/out" \
        --dump-before='callgrind::measured::*' --dump-after='*callgrind::measured::*' \
        "$bin" all "$agreements" >"$dir/answers" 2>/dev/null
    # (The two patterns differ: given the same one, valgrind dumps only
    # before.) A part's trigger is what ended it: "before NAME", "after
    # NAME", or "- -" for any other.
    for f in $(cd "$dir" && ls out.* | sort -t. -k2 -n); do
        trigger=$(sed -n 's/^desc: Trigger: --dump-\(before\|after\)=callgrind::measured::\([a-z0-9_]*\)$/\1 \2/p' "$dir/$f")
        echo "${trigger:-- -} $(sed -n 's/^summary: //p' "$dir/$f")"
    done | awk -v answers="$dir/answers" '
        BEGIN { while ((getline line < answers) > 0) { split(line, a, " "); if (a[1] != "all") { known[a[1]] = 1; said[a[1]] = line } } }
        NF == 3 {
            if (current != "") sum += $3
            if ($1 == "before" && current == "" && ($2 in known)) { current = $2; sum = 0 }
            else if ($1 == "after" && $2 == current) {
                printf "%-22s %16s %14s %8s  %s\n", "all:" current, "-", sum, "-", said[current]
                current = ""
            }
        }' | sort
    rm -rf "$dir"
}
for w in "${workloads[@]}"; do
    start=$(date +%s)
    if [ "$w" = all ]; then
        all
        continue
    fi
    read -r ir out < <(count "$w")
    queries=-
    case $w in
    q* | sel*) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::queries*') ;;
    p1*) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::party_queries*') ;;
    b1*) read -r queries _ < <(count "$w" '--toggle-collect=*callgrind::builds*') ;;
    esac
    printf '%-22s %16s %14s %8s  %s\n' "$w" "${ir:-?}" "${queries:-?}" "$(($(date +%s) - start))" "$out"
done
