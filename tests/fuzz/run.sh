#!/bin/sh
# run.sh TARGET... - run each fuzz target for $FUZZ_SECONDS seconds, one at
# a time, and say per target how many inputs it ran, the coverage it
# reached (libFuzzer's cov: edges, ft: features) and what it found.  Exit
# 1 when any target found something; the input that shows it is in
# $FUZZ/findings/TARGET/ and its report in $FUZZ/logs/TARGET.log.
#
# $FUZZ (build/fuzz) holds the built targets; the seed corpora are rebuilt
# from scenarios/ and tests/ into $FUZZ/seeds/, and what the fuzzer adds
# goes to $FUZZ/corpus/TARGET/, kept from run to run.  Nothing in the
# repository is written.  FUZZ_FLAGS adds libFuzzer options (for a long
# run past known findings, e.g. -fork=1 -ignore_crashes=1).
set -u
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
fuzz=${FUZZ:-build/fuzz}
seconds=${FUZZ_SECONDS:-60}
here=$(dirname "$0")

sh "$here/seeds.sh" "$fuzz/seeds" "${RRSIM:-}" || exit 1
mkdir -p "$fuzz/logs" "$fuzz/tmp"
rm -rf "$fuzz/tmp/"*
found=0
printf '%-9s %7s %10s %7s %7s  %s\n' target seconds runs cov ft result
for t in "$@"; do
    case $t in
        value | vary) dict=ini; len=4096 ;;
        set) dict=ini; len=16384 ;;
        scenario | resolved) dict=ini; len=65536 ;;
        *) dict=csv; len=65536 ;;
    esac
    mkdir -p "$fuzz/corpus/$t" "$fuzz/findings/$t"
    log="$fuzz/logs/$t.log"
    start=$(date +%s)
    # shellcheck disable=SC2086
    RRSIM_FUZZ_TMP="$fuzz/tmp" "$fuzz/$t" "$fuzz/corpus/$t" "$fuzz/seeds/$t" \
        -max_total_time="$seconds" -print_final_stats=1 -max_len="$len" \
        -timeout=30 -rss_limit_mb=2048 -dict="$here/$dict.dict" \
        -artifact_prefix="$fuzz/findings/$t/" ${FUZZ_FLAGS:-} >"$log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    # with -fork=N there are no final stats: the last "#RUNS: cov: ..." line
    [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
    forked=$(grep -o 'oom/timeout/crash: [0-9]*/[0-9]*/[0-9]*' "$log" | tail -n 1 |
        sed 's/.* //')
    cov=$(grep -o ' cov: [0-9]*' "$log" | tail -n 1 | sed 's/.* //')
    ft=$(grep -o ' ft: [0-9]*' "$log" | tail -n 1 | sed 's/.* //')
    units=$(sed -n 's/.*Test unit written to //p' "$log")
    if [ "$rc" -eq 0 ] && [ -z "$units" ] &&
        { [ -z "$forked" ] || [ "$forked" = 0/0/0 ]; }; then
        result="nothing found"
    else
        found=$((found + 1))
        what=$(grep -m 1 -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|ERROR: libFuzzer|^fuzz: ' "$log" |
            sed 's/^==[0-9]*==//' | cut -c 1-100)
        result="FOUND (exit $rc${forked:+, oom/timeout/crash $forked}): ${what:-see $log}"
    fi
    printf '%-9s %7s %10s %7s %7s  %s\n' "$t" "$took" "${runs:-?}" \
        "${cov:-?}" "${ft:-?}" "$result"
    for u in $units; do
        printf '%-9s   input: %s  (report: %s)\n' "" "$u" "$log"
    done
done
rm -rf "$fuzz/tmp/"*
if [ "$found" -gt 0 ]; then
    echo "fuzz: $found of $# targets found something"
    exit 1
fi
echo "fuzz: $# targets, nothing found"
