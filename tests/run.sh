#!/bin/sh
# run.sh - run every test program given, then the command-line tests
# (tests/cli.sh) and the golden runs (tests/golden.sh), and
# close on one line "N passed, N failed" (", N skipped" added when a check
# was skipped; exit 1 if anything failed).  Each program, and tests/cli.sh,
# ends on "NAME: N passed, N failed" or "NAME: N passed, N failed, N skipped".
# With VALGRIND=1 each test program runs under valgrind's memcheck.
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
summary_re='[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'

# tally NAME RC - add up the summary line of NAME in $log; a missing line,
# or a non-zero exit with no failure counted, is one failure.
tally() {
    line=$(grep -E "^$1: $summary_re" "$log" | tail -n 1)
    grep -v -E "^$1: $summary_re" "$log"
    if [ -z "$line" ]; then
        echo "$1: crashed or printed no summary (exit $2)"
        failed=$((failed + 1))
        return
    fi
    echo "$line"
    p=$(echo "$line" | sed -E 's/^.*: ([0-9]+) passed.*$/\1/')
    f=$(echo "$line" | sed -E 's/^.* ([0-9]+) failed.*$/\1/')
    s=$(echo "$line" | sed -E -n 's/^.* ([0-9]+) skipped$/\1/p')
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + ${s:-0}))
}

for t in "$@"; do
    name=$(basename "$t")
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full "$t" >"$log" 2>&1
    else
        "$t" >"$log" 2>&1
    fi
    tally "$name" $?
done
if [ -x "${BUILD:-build/release}/rrsim" ]; then
    for part in cli golden; do
        [ -f "tests/$part.sh" ] || continue
        RRSIM="${BUILD:-build/release}/rrsim" sh "tests/$part.sh" >"$log" 2>&1
        tally "$part" $?
    done
fi
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
