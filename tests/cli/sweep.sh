# sweep.sh - rrsim sweep and rrsim compare.
expect_exit 0 sweep-runs -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1 --reps 3 --out "$TMP/sw" --quiet
if [ -f "$TMP/sw/sweep.csv" ]; then
    ok sweep-file
    head -n 1 "$TMP/sw/sweep.csv" | grep -qx 'scenario,point,lambda,kpi,unit,mean,sd,ci95_low,ci95_high,replications' &&
        ok sweep-header || fail sweep-header "$(head -n 1 "$TMP/sw/sweep.csv")"
    n=$(grep -c ',time_to_departure_mean_days,' "$TMP/sw/sweep.csv")
    [ "$n" -eq 3 ] && ok sweep-points || fail sweep-points "$n rows for 3 points"
    # M/M/1 with mu = 1: W = 1/(1 - lambda) grows with lambda
    w=$(grep ',time_to_departure_mean_days,' "$TMP/sw/sweep.csv" | cut -d, -f6 | tr '\n' ' ')
    echo "$w" | awk '{ exit !($1 < $2 && $2 < $3) }' && ok sweep-monotone || fail sweep-monotone "W by lambda: $w"
else
    fail sweep-file "no sweep.csv"
fi
expect_exit 0 sweep-again -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1 --reps 3 --out "$TMP/sw2" --quiet --threads 1
cmp -s "$TMP/sw/sweep.csv" "$TMP/sw2/sweep.csv" && ok sweep-same-bytes || fail sweep-same-bytes "sweep.csv differs between thread counts"
expect_stderr "rrsim: --vary lambda=0.5:0.7: expected KEY=FROM:TO:STEP or KEY=V1,V2,..." sweep-bad-range -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5:0.7 --out "$TMP/bad1"
expect_stderr "rrsim: sweep needs at least one --vary KEY=FROM:TO:STEP or KEY=V1,V2,...
(see 'rrsim --help')" sweep-no-vary -- "$RRSIM" sweep scenarios/mm1.ini --out "$TMP/bad2"
expect_stderr "rrsim: design point 1: --set: unknown key 'lambdaa' (did you mean 'lambda'?)" sweep-bad-key -- "$RRSIM" sweep scenarios/mm1.ini --vary lambdaa=1,2 --out "$TMP/bad3"
[ ! -e "$TMP/bad1" ] && [ ! -e "$TMP/bad3" ] && ok sweep-no-folder || fail sweep-no-folder "a failed sweep left a folder"

expect_exit 0 compare-runs -- "$RRSIM" compare scenarios/mm1.ini scenarios/mm1.ini --reps 3 --out "$TMP/cmp" --quiet --set lambda=0.6
if [ -f "$TMP/cmp/compare.csv" ]; then
    # the same scenario against itself: every paired difference is 0
    nz=$(tail -n +2 "$TMP/cmp/compare.csv" | cut -d, -f7 | grep -v -x -e 0 -e NA | wc -l)
    [ "$nz" -eq 0 ] && ok compare-self-zero || fail compare-self-zero "$nz non-zero differences"
else
    fail compare-file "no compare.csv"
fi
expect_stderr "rrsim: compare needs two scenario files: BASELINE POLICY
(see 'rrsim --help')" compare-one-file -- "$RRSIM" compare scenarios/mm1.ini
rm -rf "$TMP/sw" "$TMP/sw2" "$TMP/cmp"
