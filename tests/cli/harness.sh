# harness.sh - the test harness itself: tests/run.sh adds up passes,
# failures and skips; tests/cli.sh counts skips and `requires` regions.
H=$TMP/harness
mkdir -p "$H"

# hs_prog NAME EXIT LINE... - a fake test program printing the lines.
hs_prog() {
    n=$1; rc=$2; shift 2
    { echo '#!/bin/sh'
      for l in "$@"; do printf "echo '%s'\n" "$l"; done
      echo "exit $rc"
    } >"$H/$n"
    chmod +x "$H/$n"
}
# hs_run NAME EXPECTED-EXIT EXPECTED-LAST-LINE PROGRAM... - run.sh on the
# programs (no CLI tests: BUILD has no rrsim).
hs_run() {
    n=$1; want_rc=$2; want=$3; shift 3
    BUILD=$H/none sh tests/run.sh "$@" >"$H/log" 2>&1
    rc=$?
    last=$(tail -n 1 "$H/log")
    if [ "$rc" -eq "$want_rc" ] && [ "$last" = "$want" ]; then ok "$n"; else
        fail "$n" "exit $rc, last line '$last'; expected exit $want_rc, '$want'"
    fi
}

hs_prog t_a 0 '  skip tests/t_a.c:3: no terminal' 't_a: 3 passed, 0 failed, 2 skipped'
hs_prog t_b 0 't_b: 1 passed, 0 failed'
hs_prog t_c 1 '  FAIL tests/t_c.c:9: x == 1 (0 vs 1)' 't_c: 4 passed, 1 failed'
hs_prog t_d 139 'half a line'
hs_prog t_e 3 't_e: 2 passed, 0 failed'
hs_prog t_f 0 't_f: 5 passed, 0 failed' 't_f: 1 passed'
hs_run harness-sum-skips 0 '4 passed, 0 failed, 2 skipped' "$H/t_a" "$H/t_b"
grep -q '^  skip tests/t_a.c:3: no terminal$' "$H/log" && ok harness-skip-shown ||
    fail harness-skip-shown "$(cat "$H/log")"
hs_run harness-no-skips 0 '1 passed, 0 failed' "$H/t_b"
hs_run harness-failure 1 '8 passed, 1 failed, 2 skipped' "$H/t_a" "$H/t_b" "$H/t_c"
hs_run harness-crash 1 '1 passed, 1 failed' "$H/t_b" "$H/t_d"
grep -q '^t_d: crashed or printed no summary (exit 139)$' "$H/log" && ok harness-crash-named ||
    fail harness-crash-named "$(cat "$H/log")"
hs_run harness-exit-code 1 '2 passed, 1 failed' "$H/t_e"
hs_run harness-last-summary 0 '5 passed, 0 failed' "$H/t_f"

# cli.sh: skip counts apart; a requires region turns ok and fail into
# skips when the tool is missing, and ends with the part
cat >"$H/p1.sh" <<'EOF'
ok a
requires rrsim-no-such-tool
ok b
fail c "not counted"
requires -
ok d
skip e "no terminal"
requires rrsim-no-such-tool
EOF
printf 'ok f\nrequires sh\nok g\n' >"$H/p2.sh"
RRSIM=$RRSIM sh tests/cli.sh "$H/p1.sh" "$H/p2.sh" >"$H/log" 2>&1
rc=$?
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$H/log")" = "cli: 4 passed, 0 failed, 3 skipped" ] &&
    ok harness-cli-skips || fail harness-cli-skips "exit $rc: $(cat "$H/log")"
[ "$(grep -c '^  skip cli: [bc]: rrsim-no-such-tool is not installed$' "$H/log")" -eq 2 ] &&
    grep -q '^  skip cli: e: no terminal$' "$H/log" && ok harness-cli-skip-lines ||
    fail harness-cli-skip-lines "$(cat "$H/log")"
printf 'ok a\nfail b "broken"\n' >"$H/p3.sh"
RRSIM=$RRSIM sh tests/cli.sh "$H/p3.sh" >"$H/log" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ "$(tail -n 1 "$H/log")" = "cli: 1 passed, 1 failed" ] &&
    grep -q '^  FAIL cli: b: broken$' "$H/log" && ok harness-cli-fail ||
    fail harness-cli-fail "exit $rc: $(cat "$H/log")"
rm -rf "$H"
