#!/bin/sh
# cli.sh - command-line tests: runs every tests/cli/*.sh part (or only the
# parts named as arguments: sh tests/cli.sh tests/cli/fit.sh) with the
# helpers below and closes on "cli: N passed, N failed" (", N skipped"
# added when a test was skipped).
#
# Parts use:
#   ok NAME                 count a pass
#   fail NAME DETAIL        count a failure and print it
#   skip NAME REASON        count a test that cannot run here (a missing
#                           tool) and print why; never a pass
#   requires TOOL           until "requires -" (or the end of the part),
#                           every ok and fail counts as a skip, "TOOL is not
#                           installed", when TOOL is not on PATH.  The
#                           commands between still run (rrsim without
#                           gnuplot writes its CSV files and warns), their
#                           stderr sent to /dev/null, so each check is
#                           counted by its own name.
#   expect_exit CODE NAME -- CMD...   run CMD, check its exit code
#   expect_stderr TEXT NAME -- CMD... run CMD, check exit 2 and that stderr is
#                                     exactly "TEXT"
# $RRSIM is the program; $TMP a scratch folder removed at the end.
RRSIM=${RRSIM:-./rrsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cli_passed=0
cli_failed=0
cli_skipped=0

cli_missing=

skip() {
    cli_skipped=$((cli_skipped + 1))
    echo "  skip cli: $1: $2"
}
ok() {
    if [ -n "$cli_missing" ]; then skip "$1" "$cli_missing"; return; fi
    cli_passed=$((cli_passed + 1))
}
fail() {
    if [ -n "$cli_missing" ]; then skip "$1" "$cli_missing"; return; fi
    cli_failed=$((cli_failed + 1))
    echo "  FAIL cli: $1: $2"
}
requires() {
    if [ -n "$cli_missing" ]; then
        exec 2>&8 8>&- # the region's commands wrote to /dev/null
        cli_missing=
    fi
    if [ "$1" != - ] && ! command -v "$1" >/dev/null 2>&1; then
        cli_missing="$1 is not installed"
        exec 8>&2 2>/dev/null
    fi
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

[ $# -gt 0 ] || set -- tests/cli/*.sh
for part in "$@"; do
    [ -f "$part" ] || { fail "$part" "no such part"; continue; }
    . "$part"
    requires -
done
if [ "$cli_skipped" -gt 0 ]; then
    echo "cli: $cli_passed passed, $cli_failed failed, $cli_skipped skipped"
else
    echo "cli: $cli_passed passed, $cli_failed failed"
fi
[ "$cli_failed" -eq 0 ]
