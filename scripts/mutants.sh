#!/usr/bin/env bash
# Mutation testing of one group of modules with cargo-mutants, as recorded in
# docs/mutants.md: each mutant is built and tested by the tests that cover
# the group (the library's unit tests and a few fast integration tests), so
# that a mutant costs one incremental build and a few seconds of tests.
#
#   scripts/mutants.sh GROUP [SHARD]     GROUP: date, validation or query
#                                        SHARD: k/n, a part of the group
#
# The tests are chosen with --cargo-arg, which reaches the build as well as
# the test run, so that only their binaries are built for each mutant; the
# unit tests of io::split (a minute of reading files in every plan, which
# none of the groups is in) are skipped.
#
# The outcome is in mutants-GROUP/mutants.out/ (caught.txt, missed.txt,
# unviable.txt, timeout.txt, outcomes.json), and a summary line is printed:
#   GROUP[ shard k/n]: N mutants: caught C, missed M, unviable U, timeouts T
#
# The tree is mutated in place, so run it in a checkout of its own (the
# script refuses a tree with uncommitted changes): for example
#   git worktree add --detach ../pactum-mutants && ../pactum-mutants/scripts/mutants.sh date
# cargo-mutants is installed with `cargo install cargo-mutants --locked`.
# Set MUTANTS_ITERATE=1 to test again only the mutants that the last run of
# the same group and shard missed (after tests were added for them).
# Set MUTANTS_RE to a regular expression to test only the mutants whose
# names (as `cargo mutants --list` shows them) match it, for example the
# ones a run missed, after tests were added for them. Set
# MUTANTS_TIMEOUT to a number of seconds to skip the baseline run (the
# unmutated tree's build and tests, which then must pass) and give each
# mutant's tests that long instead of three times the baseline's.
# Set MUTANTS_JOBS (default 1) for parallel jobs in copies of the tree
# instead. The build uses CARGO_TARGET_DIR if it is set.
# Set MUTANTS_FILTER to the test-name filter of the group's test binaries
# (the date group's default is `date::`, the tests in src/date/; the other
# groups have none), or to nothing (MUTANTS_FILTER=) to run all their tests,
# as when the mutants a narrow run missed are run again. The run is at
# `nice -n 19` unless MUTANTS_NICE says otherwise. MUTANTS_FEATURES (default
# `naive`) names the features built: a function compiled only with another
# feature (`svg`, `arrow`) is missed without it, whatever the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

group="${1:-}"
shard="${2:-}"
case "$group" in
    date)
        files=(-f 'src/date/*.rs' -e src/date/tests.rs)
        # The unit tests of src/date/ cover it; one test binary keeps each
        # mutant to one incremental build, and the name filter runs only the
        # tests in src/date/ (the other unit tests are most of the run's
        # time, and a date mutant they alone would catch is found by running
        # the missed mutants again with MUTANTS_FILTER= ).
        tests=(--lib)
        filter="${MUTANTS_FILTER-date::}"
        ;;
    validation)
        # Every check that rejects data: an entity's own checks, the
        # dataset's (references, duplicates, series, cycles), keys and text,
        # and the party actions' order and fields.
        files=(-f src/model/check.rs -f src/store/check.rs -f src/store/cycles.rs
            -f src/model/id.rs -f src/model/party.rs)
        tests=(--lib --test invalid_files --test every_problem --test registry_edits
            --test parties --test control_characters)
        filter="${MUTANTS_FILTER-}"
        ;;
    query)
        # The queries and the indexes that answer them, and the edits'
        # tests, as edits keep the indexes up to date.
        files=(-f 'src/query/*.rs' -f 'src/index/*.rs' -f 'src/index/**/*.rs')
        tests=(--lib --test timeline_oracle --test query_scripts --test party_oracle
            --test timeline_boundaries --test parties --test registry_edits)
        # The oracles' property tests run 256 cases each, two minutes in
        # all: 32 cases keep a mutant to about twenty seconds of tests.
        export PROPTEST_CASES="${PROPTEST_CASES:-32}"
        filter="${MUTANTS_FILTER-}"
        ;;
    *)
        echo "usage: $0 date|validation|query [k/n]" >&2
        exit 2
        ;;
esac

# No debug info: each mutant is a link, and nothing is debugged. The build
# is incremental (CI turns that off): a mutant changes one function, and the
# code of the rest of the crate is reused from the last build.
export CARGO_PROFILE_DEV_DEBUG=0
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-1}"
# A property test that fails has caught the mutant: no shrinking, and no
# regression file written into the tree (it would be read by the next
# mutants' tests and left as a change).
export PROPTEST_MAX_SHRINK_ITERS="${PROPTEST_MAX_SHRINK_ITERS:-0}"
export PROPTEST_DISABLE_FAILURE_PERSISTENCE=1
jobs="${MUTANTS_JOBS:-1}"
place=(--in-place)
if [ "$jobs" != 1 ]; then
    place=(-j "$jobs")
elif ! git diff --quiet HEAD; then
    echo "$0: the tree has uncommitted changes and would be mutated in place" >&2
    exit 2
fi
shard_args=()
label="$group"
if [ -n "$shard" ]; then
    shard_args=(--shard "$shard" --sharding round-robin)
    label="$group shard $shard"
fi

if [ -n "${MUTANTS_ITERATE:-}" ]; then
    shard_args+=(--iterate)
fi
if [ -n "${MUTANTS_RE:-}" ]; then
    shard_args+=(--re "$MUTANTS_RE")
    label="$label matching /$MUTANTS_RE/"
fi
timing=(--timeout-multiplier 3)
if [ -n "${MUTANTS_TIMEOUT:-}" ]; then
    timing=(--baseline skip --timeout "$MUTANTS_TIMEOUT")
fi

# The arguments of each test binary: the name filter, if any, and the skip.
test_args=(--)
if [ -n "$filter" ]; then
    test_args+=("$filter")
fi
test_args+=(--skip io::split::)
echo "tests: cargo test ${tests[*]} --features ${MUTANTS_FEATURES:-naive} ${test_args[*]}"

out="mutants-$group"
mkdir -p "$out"
# cargo-mutants exits non-zero when a mutant is missed: the summary below is
# the result either way. The run is niced (MUTANTS_NICE, 19 by default) so
# that it takes only the CPU other work leaves.
nice -n "${MUTANTS_NICE:-19}" cargo mutants "${place[@]}" "${files[@]}" "${shard_args[@]}" \
    --features "${MUTANTS_FEATURES:-naive}" "${timing[@]}" --output "$out" --no-shuffle \
    "${tests[@]/#/--cargo-arg=}" "${test_args[@]/#/--cargo-test-arg=}" || true

count() {
    local file="$out/mutants.out/$1.txt"
    if [ -f "$file" ]; then grep -c . "$file" || true; else echo 0; fi
}
caught=$(count caught)
missed=$(count missed)
unviable=$(count unviable)
timeouts=$(count timeout)
total=$((caught + missed + unviable + timeouts))
viable=$((caught + missed + timeouts))
echo "$label: $total mutants: caught $caught, missed $missed, unviable $unviable, timeouts $timeouts" \
    "($(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ))"
if [ "$viable" -gt 0 ]; then
    echo "caught of viable: $((100 * (caught + timeouts) / viable))% (timeouts count as caught)"
fi
# The mean wall-clock seconds of a mutant's build and tests (the baseline
# left out), and the load average they ran under.
jq -r '[.outcomes[] | select(.scenario != "Baseline")] as $m
    | ($m | length) as $n
    | if $n == 0 then empty else
        ([$m[].phase_results[] | select(.phase == "Build") | .duration] | add // 0) as $b
        | ([$m[].phase_results[] | select(.phase == "Test") | .duration] | add // 0) as $t
        | "a mutant: \(($b / $n * 10 | round) / 10) s build + \(($t / $n * 10 | round) / 10) s tests (mean of \($n))"
      end' "$out/mutants.out/outcomes.json" 2>/dev/null || true
uptime
