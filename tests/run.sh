#!/bin/sh
# run.sh - run every test program given, then the command-line tests, and
# close on one line "N passed, N failed" (exit 1 if anything failed).
# With VALGRIND=1 each test program runs under valgrind's memcheck.
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    name=$(basename "$t")
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full "$t" >"$log" 2>&1
    else
        "$t" >"$log" 2>&1
    fi
    rc=$?
    line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$log" | tail -n 1)
    if [ -z "$line" ]; then
        cat "$log"
        echo "$name: crashed or printed no summary (exit $rc)"
        failed=$((failed + 1))
        continue
    fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    grep -v -E "^$name: [0-9]+ passed" "$log"
    echo "$line"
    passed=$((passed + p))
    failed=$((failed + f))
done
if [ -f tests/cli.sh ] && [ -x "${BUILD:-build/release}/rrsim" ]; then
    RRSIM="${BUILD:-build/release}/rrsim" sh tests/cli.sh >"$log" 2>&1
    rc=$?
    line=$(grep -E "^cli: [0-9]+ passed, [0-9]+ failed$" "$log" | tail -n 1)
    cat "$log"
    if [ -z "$line" ]; then
        failed=$((failed + 1))
    else
        p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
        f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        passed=$((passed + p))
        failed=$((failed + f))
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
