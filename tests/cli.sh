#!/bin/sh
# cli.sh - command-line tests: runs every tests/cli/*.sh part with the
# helpers below and closes on "cli: N passed, N failed".
#
# Parts use:
#   ok NAME                 count a pass
#   fail NAME DETAIL        count a failure and print it
#   expect_exit CODE NAME -- CMD...   run CMD, check its exit code
#   expect_stderr TEXT NAME -- CMD... run CMD, check exit 2 and that stderr is
#                                     exactly "TEXT"
# $RRSIM is the program; $TMP a scratch folder removed at the end.
RRSIM=${RRSIM:-./rrsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cli_passed=0
cli_failed=0

ok() { cli_passed=$((cli_passed + 1)); }
fail() {
    cli_failed=$((cli_failed + 1))
    echo "  FAIL cli: $1: $2"
}
expect_exit() {
    code=$1; name=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok "$name"; else
        fail "$name" "exit $rc, expected $code; stderr: $(head -c 300 "$TMP/err")"
    fi
}
expect_stderr() {
    text=$1; name=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    got=$(cat "$TMP/err")
    if [ "$rc" -eq 2 ] && [ "$got" = "$text" ]; then ok "$name"; else
        fail "$name" "exit $rc; stderr '$got', expected '$text'"
    fi
}

for part in tests/cli/*.sh; do
    [ -f "$part" ] || continue
    . "$part"
done
echo "cli: $cli_passed passed, $cli_failed failed"
[ "$cli_failed" -eq 0 ]
