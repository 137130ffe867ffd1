# sweep_design.sh - rrsim sweep --design lhs|sobol --samples N over
# --vary KEY=LOW:HIGH: the points are N samples inside the ranges (a Latin
# hypercube hits every Nth of each range once), seeded, the same bytes
# whatever the threads; sweep_chart.csv names the design and the charts
# are a scatter per varied setting; bad combinations are refused.
sd_args="scenarios/mm1.ini --samples 20 --reps 2 --vary lambda=0.5:0.9 --vary mean_talk=0.5d:1d --indicators arrivals,time_to_departure_mean_days"

expect_exit 0 sweep-lhs-runs -- "$RRSIM" sweep $sd_args --design lhs --out "$TMP/sd1" --threads 1 --plot none --quiet
if [ -f "$TMP/sd1/sweep.csv" ]; then
    # one row per point and indicator; 20 points, each value in its range,
    # every twentieth of each range hit exactly once
    sd_bad=$(awk -F, 'NR > 1 && $5 == "arrivals" {
        n++; if ($2 != n) print "point " $2 " in place " n
        t = $4; sub(/d$/, "", t)
        if ($3 < 0.5 || $3 >= 0.9 || t < 0.5 || t >= 1 || $4 !~ /d$/) print "outside: " $0
        a[int(($3 - 0.5) / 0.4 * 20)]++; b[int((t - 0.5) / 0.5 * 20)]++ }
        END { if (n != 20) print n " points"
              for (i = 0; i < 20; i++) if (a[i] != 1 || b[i] != 1) print "stratum " i ": " a[i] " " b[i] }' "$TMP/sd1/sweep.csv")
    [ -z "$sd_bad" ] && ok sweep-lhs-points || fail sweep-lhs-points "$sd_bad"
    grep -qx 'design,lhs,Latin hypercube,NA' "$TMP/sd1/sweep_chart.csv" &&
        ok sweep-lhs-chart-csv || fail sweep-lhs-chart-csv "$(cat "$TMP/sd1/sweep_chart.csv")"
    expect_exit 0 sweep-lhs-threads -- "$RRSIM" sweep $sd_args --design lhs --out "$TMP/sd2" --threads 2 --plot none --quiet
    cmp -s "$TMP/sd1/sweep.csv" "$TMP/sd2/sweep.csv" && ok sweep-lhs-same-bytes ||
        fail sweep-lhs-same-bytes "1 and 2 threads differ"
    expect_exit 0 sweep-lhs-seed -- "$RRSIM" sweep $sd_args --design lhs --seed 5 --out "$TMP/sd3" --plot none --quiet
    ! cmp -s "$TMP/sd1/sweep.csv" "$TMP/sd3/sweep.csv" && ok sweep-lhs-seed-differs ||
        fail sweep-lhs-seed-differs "the seed changed nothing"
else
    fail sweep-lhs-points "no sweep.csv: $(cat "$TMP/err")"
fi
expect_exit 0 sweep-sobol-runs -- "$RRSIM" sweep $sd_args --design sobol --out "$TMP/sd4" --plot none --quiet
[ "$(grep -c ',arrivals,' "$TMP/sd4/sweep.csv" 2>/dev/null)" -eq 20 ] &&
    grep -qx 'design,sobol,Sobol points,NA' "$TMP/sd4/sweep_chart.csv" &&
    ! cmp -s "$TMP/sd1/sweep.csv" "$TMP/sd4/sweep.csv" &&
    ok sweep-sobol-points || fail sweep-sobol-points "$(head -n 3 "$TMP/sd4/sweep.csv" 2>&1)"

requires gnuplot
expect_exit 0 sweep-lhs-charts -- "$RRSIM" sweep $sd_args --design lhs --out "$TMP/sd5" --quiet
[ -s "$TMP/sd5/plots/sweep_lambda.png" ] && [ -s "$TMP/sd5/plots/sweep_mean_talk.png" ] &&
    [ ! -e "$TMP/sd5/plots/sweep.png" ] &&
    ok sweep-lhs-chart-files || fail sweep-lhs-chart-files "$(ls -A "$TMP/sd5/plots" 2>&1)"
rm -rf "$TMP/sd5/plots"
expect_exit 0 sweep-lhs-redraw -- "$RRSIM" plot "$TMP/sd5"
[ -s "$TMP/sd5/plots/sweep_mean_talk.png" ] && ok sweep-lhs-redrawn ||
    fail sweep-lhs-redrawn "$(ls -A "$TMP/sd5" 2>&1)"
# a panel whose indicator has no value at any point says so (mm1 has no
# assisted returns, so no IOM share); the others do not
expect_exit 0 sweep-lhs-empty-panel -- "$RRSIM" sweep scenarios/mm1.ini --design lhs --samples 8 --reps 1 \
    --vary lambda=0.5:0.9 --indicators arrivals,iom_share_assisted_voluntary --out "$TMP/sd-none" --plot none --quiet
expect_exit 0 sweep-lhs-empty-script -- env RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/sd-none" --quiet
[ "$(grep -c 'no value at any design point' "$TMP/sd-none/plots/sweep_lambda.gp" 2>&1)" = 1 ] &&
    ok sweep-lhs-empty-said || fail sweep-lhs-empty-said "$(ls -A "$TMP/sd-none/plots" 2>&1)"
requires -

sd_bad() {
    name=$1 want=$2; shift 2
    "$RRSIM" sweep "$@" --plot none --quiet --out "$TMP/sd-bad" >/dev/null 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 2 ] && grep -qF -- "$want" "$TMP/err" && [ ! -e "$TMP/sd-bad" ] &&
        ok "sweep-design-bad-$name" || fail "sweep-design-bad-$name" "exit $rc: $(cat "$TMP/err")"
}
sd_bad no-samples "--design applies only with --samples" scenarios/mm1.ini --design lhs --vary lambda=0.5:0.9
sd_bad grid-samples "--samples applies to --design lhs or sobol" scenarios/mm1.ini --samples 8 --vary lambda=0.5,0.9
sd_bad step "--vary lambda=0.5:0.9:0.1: expected KEY=LOW:HIGH" scenarios/mm1.ini --design sobol --samples 8 --vary lambda=0.5:0.9:0.1
sd_bad list "expected KEY=LOW:HIGH" scenarios/mm1.ini --design lhs --samples 8 --vary lambda=0.5,0.9
sd_bad kind "--design: expected grid, lhs or sobol, got 'random'" scenarios/mm1.ini --design random --samples 8 --vary lambda=0.5:0.9
sd_bad many "--samples 20000: a design of 2 to 10000 points" scenarios/mm1.ini --design lhs --samples 20000 --vary lambda=0.5:0.9

# a count stays whole: servers 1 to 3, each value 1, 2 or 3
expect_exit 0 sweep-lhs-whole -- "$RRSIM" sweep scenarios/mm1.ini --design lhs --samples 12 \
    --vary stage.officer.servers=1:3 --vary lambda=0.5:0.9 --reps 1 --indicators arrivals \
    --out "$TMP/sd6" --plot none --quiet
sd_whole=$(awk -F, 'NR > 1 && $5 == "arrivals" { n++; if ($3 != 1 && $3 != 2 && $3 != 3) print "servers " $3; s[$3]++ }
    END { if (n != 12 || s[1] != 4 || s[2] != 4 || s[3] != 4) print n " points: " s[1] " " s[2] " " s[3] }' "$TMP/sd6/sweep.csv" 2>&1)
[ -z "$sd_whole" ] && ok sweep-lhs-whole-values || fail sweep-lhs-whole-values "$sd_whole"
