# golden.sh - tests/golden.sh (run by make test after the CLI tests) names
# what differs from the reference, and --update writes what it compares.
G=$TMP/golden
mkdir -p "$G"
cp -R tests/reference/mm1 "$G/mm1"
# one changed number, one file no longer written, one new file
sed -i '2s/,[0-9]*$/,999/' "$G/mm1/summary.csv"
rm "$G/mm1/events.csv"
mv "$G/mm1/time_to_departure.csv" "$G/mm1/old.csv"
GOLDEN_REF=$G GOLDEN_RUNS=mm1 sh tests/golden.sh >"$G/log" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ "$(tail -n 1 "$G/log")" = "golden: 8 passed, 4 failed" ] &&
    ok golden-detects || fail golden-detects "exit $rc: $(cat "$G/log")"
grep -q "^  FAIL golden: mm1/summary.csv: differs from $G/mm1/summary.csv:\$" "$G/log" &&
    grep -q '^> mm1,departures_voluntary_iom,persons,0,0,0,0,2$' "$G/log" &&
    ok golden-names-diff || fail golden-names-diff "$(cat "$G/log")"
grep -q "^  FAIL golden: mm1/old.csv: not written any more\$" "$G/log" &&
    grep -q "^  FAIL golden: mm1/events.csv: new file, not in $G/mm1 (make test-update)\$" "$G/log" &&
    grep -q "^  FAIL golden: mm1/time_to_departure.csv: new file" "$G/log" &&
    ok golden-names-files || fail golden-names-files "$(cat "$G/log")"
# --update writes the reference back as it was, version masked
GOLDEN_REF=$G GOLDEN_RUNS=mm1 sh tests/golden.sh --update >"$G/log" 2>&1
rc=$?
[ "$rc" -eq 0 ] && diff -r tests/reference/mm1 "$G/mm1" >/dev/null &&
    ok golden-update || fail golden-update "exit $rc: $(cat "$G/log"; diff -r tests/reference/mm1 "$G/mm1" | head -n 5)"
grep -q ',2,42,scenario.replications=2; scenario.seed=42,NA,NA,NA,NA,[0-9][0-9]*,VERSION$' "$G/mm1/run.csv" && ok golden-version-masked ||
    fail golden-version-masked "$(cat "$G/mm1/run.csv")"
GOLDEN_REF=$G GOLDEN_RUNS=mm1 sh tests/golden.sh >"$G/log" 2>&1 &&
    [ "$(tail -n 1 "$G/log")" = "golden: 11 passed, 0 failed" ] && ok golden-after-update ||
    fail golden-after-update "$(cat "$G/log")"
# a run that fails writes nothing
GOLDEN_REF=$G GOLDEN_RUNS=no-such-scenario sh tests/golden.sh --update >"$G/log" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$G/no-such-scenario" ] && grep -q '^golden: no-such-scenario: rrsim run failed: ' "$G/log" &&
    ok golden-update-fails || fail golden-update-fails "exit $rc: $(cat "$G/log")"
rm -rf "$G"
