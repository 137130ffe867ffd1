# calibrate.sh - rrsim calibrate on tests/fixtures/calibrate/two-route.ini:
# figures made by `rrsim run` at known values (p_self 0.10, abscond_mean
# 400d, another seed) are fitted from the scenario's 0.15 and 300d and the
# values come back; the files, the same bytes whatever the threads;
# calibrated.ini runs and reproduces the fit, also after the folder moved
# with its scenario; every bad input is refused before anything runs,
# with its message and no folder; the chart.
ca_sc=tests/fixtures/calibrate/two-route.ini
ca_obs=$TMP/ca-obs.csv

# the "observed" figures: yearly sums of the monthly means of a run at the
# known values, the caseload at December's end
"$RRSIM" run "$ca_sc" --set p_self=0.1 --set abscond_mean=400d --seed 99 \
    --reps 8 --out "$TMP/ca-true" --plot none --quiet >/dev/null 2>&1
awk -F, 'NR > 1 { y = substr($2, 1, 4); m = substr($2, 6, 2)
    if ($4 == "departures_voluntary_self") s[y] += $6
    if ($4 == "departures_unsupervised") u[y] += $6
    if ($4 == "caseload_talks" && m == "12") c[y] = $6 }
    END { print "year,indicator,value,source"
          for (y = 2020; y <= 2023; y++)
              printf "%d,departures_independent,%.1f,made\n%d,departures_unsupervised,%.1f,made\n%d,caseload_talks,%.1f,made\n%d,intake,3000,made\n", y, s[y], y, u[y], y, c[y], y }' \
    "$TMP/ca-true/timeseries_summary.csv" >"$ca_obs" 2>/dev/null
[ "$(wc -l <"$ca_obs")" -eq 17 ] && ok calibrate-observed-made ||
    fail calibrate-observed-made "$(head -c 300 "$ca_obs")"

ca_args="--param p_self=0.02:0.5 --param abscond_mean=100d:1000d --tol 0.01 --plot none"
expect_exit 0 calibrate-runs -- "$RRSIM" calibrate "$ca_sc" "$ca_obs" $ca_args --out "$TMP/ca"
cp "$TMP/out" "$TMP/ca-stdout"
ca_r=$TMP/ca
if [ -f "$ca_r/calibrate_report.csv" ]; then
    # the values the figures were made with come back within 5%
    ca_bad=$(awk -F, 'NR > 1 {
        want = ($2 == "p_self") ? 0.1 : 400
        d = $7 / want - 1; if (d < 0) d = -d
        if (d > 0.05) print $2 ": fitted " $7 ", made with " want }' "$ca_r/calibrate_report.csv")
    [ -z "$ca_bad" ] && [ "$(wc -l <"$ca_r/calibrate_report.csv")" -eq 3 ] &&
        ok calibrate-recovers || fail calibrate-recovers "$ca_bad $(cat "$ca_r/calibrate_report.csv")"
    [ "$(head -n 1 "$ca_r/calibrate_report.csv")" = 'scenario,parameter,label,low,high,start,fitted,written,at_bound,loss,value_minus,loss_minus,value_plus,loss_plus,years,figures,iterations,evaluations,converged,eval_replications,fit_replications,fit_loss' ] &&
        grep -q '^two-route,abscond_mean,abscond_mean,100,1000,300,[0-9.]*,[0-9.]*d,no,.*,"2020, 2021, 2022",9,[0-9]*,[0-9]*,yes,4,4,' "$ca_r/calibrate_report.csv" &&
        ok calibrate-report || fail calibrate-report "$(cat "$ca_r/calibrate_report.csv")"
    # every iteration, every point within the bounds, the loss never rises
    [ "$(head -n 1 "$ca_r/calibrate.csv")" = 'scenario,iteration,evaluations,loss,simplex_size,parameter,value' ] &&
        ok calibrate-csv-header || fail calibrate-csv-header "$(head -n 1 "$ca_r/calibrate.csv")"
    ca_trail=$(awk -F, 'NR > 1 {
        if ($6 == "p_self" && ($7 < 0.02 || $7 > 0.5)) print "out of bounds: " $0
        if ($6 == "abscond_mean" && ($7 < 100 || $7 > 1000)) print "out of bounds: " $0
        if (NR == 2 && ($2 != 0 || $7 != 0.15)) print "not the start: " $0
        if (seen && $4 > last + 1e-12) print "loss rose: " $0
        last = $4; seen = 1 }' "$ca_r/calibrate.csv")
    [ -z "$ca_trail" ] && [ "$(wc -l <"$ca_r/calibrate.csv")" -ge 5 ] &&
        ok calibrate-trail || fail calibrate-trail "$ca_trail"
    # the fit of the calibrated scenario: roles from the years fitted
    ca_roles=$(awk -F, 'NR > 1 {
        want = ($4 == "intake") ? "input" : ($2 <= 2022) ? "calibration" : "validation"
        if ($3 != want || $1 != "two-route-calibrated") print $1 " " $2 " " $4 ": " $3 }' "$ca_r/fit.csv")
    [ -z "$ca_roles" ] && ok calibrate-fit-roles || fail calibrate-fit-roles "$ca_roles"
    # calibrated.ini: a variant of the scenario, the values with notes
    grep -q '^base = \.\./\.\./.*tests/fixtures/calibrate/two-route\.ini$' "$ca_r/calibrated.ini" ||
        grep -q "^base = $(cd "$(dirname "$ca_sc")" && pwd -P)/two-route.ini\$" "$ca_r/calibrated.ini"
    ca_base=$?
    [ "$ca_base" -eq 0 ] &&
        grep -q '^name = two-route-calibrated$' "$ca_r/calibrated.ini" &&
        grep -q '^calibrated_on = 2020, 2021, 2022$' "$ca_r/calibrated.ini" &&
        grep -Eq '^abscond_mean = [0-9.]+d$' "$ca_r/calibrated.ini" &&
        grep -Eq '^p_self\.source = calibrated by rrsim calibrate on 2020, 2021, 2022, loss [0-9.e-]+ \(range 0\.02:0\.5, was 0\.15\); before: invented for the tests$' "$ca_r/calibrated.ini" &&
        ok calibrate-ini || fail calibrate-ini "$(cat "$ca_r/calibrated.ini")"
    # the terminal's table
    grep -Eq '^two-route: 2 settings fitted to 9 observed figures of 2020, 2021, 2022$' "$TMP/ca-stdout" &&
        grep -Eq '^converged after [0-9]+ iterations, [0-9]+ evaluations of 4 replications$' "$TMP/ca-stdout" &&
        grep -Eq '^abscond_mean +100d:1000d +300d +[0-9.]+d ' "$TMP/ca-stdout" &&
        grep -q "^results: $ca_r\$" "$TMP/ca-stdout" &&
        ok calibrate-terminal || fail calibrate-terminal "$(cat "$TMP/ca-stdout")"
    [ -f "$ca_r/scenario.resolved.ini" ] && [ -f "$ca_r/run.csv" ] && [ ! -e "$ca_r/plots" ] &&
        ok calibrate-files || fail calibrate-files "$(ls -A "$ca_r")"

    # calibrated.ini runs, and reproduces the fitted figures: its fit is
    # the same bytes but for the command line (same seed, replications)
    expect_exit 0 calibrate-ini-runs -- "$RRSIM" run "$ca_r/calibrated.ini" --out "$TMP/ca-run" --plot none --quiet
    expect_exit 0 calibrate-ini-fit -- "$RRSIM" fit "$ca_r/calibrated.ini" "$ca_obs" --out "$TMP/ca-refit" --plot none --quiet
    cmp -s "$ca_r/fit.csv" "$TMP/ca-refit/fit.csv" && ok calibrate-ini-reproduces ||
        fail calibrate-ini-reproduces "$(diff "$ca_r/fit.csv" "$TMP/ca-refit/fit.csv" | head -5)"
    expect_exit 0 calibrate-resolved-fit -- "$RRSIM" fit "$ca_r/scenario.resolved.ini" "$ca_obs" --out "$TMP/ca-refit2" --plot none --quiet
    cmp -s "$ca_r/fit.csv" "$TMP/ca-refit2/fit.csv" && ok calibrate-resolved-reproduces ||
        fail calibrate-resolved-reproduces "$(diff "$ca_r/fit.csv" "$TMP/ca-refit2/fit.csv" | head -5)"

    # the same bytes with one thread (the manifests name the command)
    expect_exit 0 calibrate-threads-runs -- "$RRSIM" calibrate "$ca_sc" "$ca_obs" $ca_args --threads 1 --out "$TMP/ca1" --quiet
    ca_diff=
    for f in calibrate.csv calibrate_report.csv fit.csv; do
        cmp -s "$ca_r/$f" "$TMP/ca1/$f" || ca_diff="$ca_diff $f"
    done
    grep -v '^; manifest: command' "$ca_r/calibrated.ini" >"$TMP/ca-i1"
    grep -v '^; manifest: command' "$TMP/ca1/calibrated.ini" >"$TMP/ca-i2"
    cmp -s "$TMP/ca-i1" "$TMP/ca-i2" || ca_diff="$ca_diff calibrated.ini"
    [ -z "$ca_diff" ] && ok calibrate-threads-same || fail calibrate-threads-same "differ:$ca_diff"
else
    fail calibrate-report "no calibrate_report.csv: $(head -c 300 "$TMP/err")"
fi

# ---- the folder moves with its scenario ------------------------------------------
mkdir -p "$TMP/ca-proj/scenarios" "$TMP/ca-proj/output"
cp "$ca_sc" "$TMP/ca-proj/scenarios/"
expect_exit 0 calibrate-project -- "$RRSIM" calibrate "$TMP/ca-proj/scenarios/two-route.ini" "$ca_obs" \
    --param p_self=0.02:0.5 --max-iter 2 --eval-reps 2 --reps 2 --out "$TMP/ca-proj/output/cal" --plot none --quiet
grep -qx 'base = ../../scenarios/two-route.ini' "$TMP/ca-proj/output/cal/calibrated.ini" &&
    grep -qx 'replications = 2' "$TMP/ca-proj/output/cal/calibrated.ini" &&
    ok calibrate-base-relative || fail calibrate-base-relative "$(grep -e '^base' -e '^repl' "$TMP/ca-proj/output/cal/calibrated.ini")"
mv "$TMP/ca-proj" "$TMP/ca-moved"
expect_exit 0 calibrate-moved-runs -- "$RRSIM" run "$TMP/ca-moved/output/cal/calibrated.ini" --out "$TMP/ca-moved-run" --plot none --quiet

# ---- bad input: exit 2 before anything runs, no folder ------------------------------
# ca_bad NAME MESSAGE ARGS... - calibrate with ARGS fails with MESSAGE
ca_bad() {
    n=$1; m=$2; shift 2
    expect_stderr "rrsim: $m" "calibrate-bad-$n" -- "$RRSIM" calibrate "$@" --out "$TMP/ca-bad"
    [ ! -e "$TMP/ca-bad" ] && ok "calibrate-bad-$n-no-folder" ||
        fail "calibrate-bad-$n-no-folder" "$(ls -A "$TMP/ca-bad")"
    rm -rf "$TMP/ca-bad"
}
ca_bad unknown "--param p_slef: the scenario has no parameter or setting of that name (did you mean 'p_self'?)" \
    "$ca_sc" "$ca_obs" --param p_slef=0.02:0.5
ca_bad order "--param p_self=0.5:0.02: LOW (0.5) must be less than HIGH (0.02)" \
    "$ca_sc" "$ca_obs" --param p_self=0.5:0.02
ca_bad number "--param p_self=low:0.5: expected a number for LOW, got 'low'" \
    "$ca_sc" "$ca_obs" --param p_self=low:0.5
ca_bad outside "--param abscond_mean=1y:2y: the scenario's value 300d lies outside 365.25d:730.5d; the search starts from it, so the range must hold it" \
    "$ca_sc" "$ca_obs" --param abscond_mean=1y:2y
ca_bad refused "--param p_self=0.02:2: the scenario is refused with p_self = 2: $ca_sc:38: [stage.talks] route.self: expected a probability in [0,1], got 2" \
    "$ca_sc" "$ca_obs" --param p_self=0.02:2
ca_bad form "--param: expected NAME=LOW:HIGH, got 'p_self=0.1'" \
    "$ca_sc" "$ca_obs" --param p_self=0.1
ca_bad years "--years: year 2024 is not wholly inside the run (2020-01-01 to 2023-12-31)" \
    "$ca_sc" "$ca_obs" --param p_self=0.02:0.5 --years 2022,2024
printf 'year,indicator,value\n2020,departures_sideways,1\n' >"$TMP/ca-b1.csv"
ca_bad indicator "$TMP/ca-b1.csv:2: column 'indicator': 'departures_sideways' is not a yearly figure of this scenario (a flow such as departures_forced, a caseload_STAGE, or departures_independent, departures_verified, departures_total, intake)" \
    "$ca_sc" "$TMP/ca-b1.csv" --param p_self=0.02:0.5
printf 'year,indicator,value\n2019,departures_independent,1\n' >"$TMP/ca-b2.csv"
ca_bad obs-year "$TMP/ca-b2.csv:2: year 2019 is not wholly inside the run" \
    "$ca_sc" "$TMP/ca-b2.csv" --param p_self=0.02:0.5
printf 'year,indicator,value,weight\n2020,departures_independent,10,heavy\n' >"$TMP/ca-b3.csv"
ca_bad weight "$TMP/ca-b3.csv:2: column 'weight': expected a number, got 'heavy'" \
    "$ca_sc" "$TMP/ca-b3.csv" --param p_self=0.02:0.5
printf 'year,indicator,value\n2021,intake,3000\n2023,departures_independent,5\n' >"$TMP/ca-b4.csv"
ca_bad nothing "$TMP/ca-b4.csv: no observed figure of years 2020, 2021, 2022 to fit (inputs such as intake are not fitted, nor rows of weight 0)" \
    "$ca_sc" "$TMP/ca-b4.csv" --param p_self=0.02:0.5
printf 'year,what,value\n' >"$TMP/ca-b5.csv"
ca_bad column "$TMP/ca-b5.csv:1: missing column 'indicator' (columns: year, what, value)" \
    "$ca_sc" "$TMP/ca-b5.csv" --param p_self=0.02:0.5
ca_bad no-param "calibrate needs at least one --param NAME=LOW:HIGH
(see 'rrsim calibrate --help')" "$ca_sc" "$ca_obs"
ca_bad tol "--tol: expected a number more than 0 and at most 1, got '0'
(see 'rrsim calibrate --help')" "$ca_sc" "$ca_obs" --param p_self=0.02:0.5 --tol 0

# ---- the chart ------------------------------------------------------------------------
ca_png() {
    if [ "$(od -An -tx1 -N8 "$2" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ]; then ok "$1"; else
        fail "$1" "'$2' is not a PNG"
    fi
}
if [ -d "$ca_r" ]; then
    requires gnuplot
    expect_exit 0 calibrate-plot -- "$RRSIM" plot "$ca_r"
    ca_png calibrate-chart "$ca_r/plots/calibrate.png"
    ca_png calibrate-fit-chart "$ca_r/plots/fit.png"
    [ "$(ls "$ca_r/plots" | tr '\n' ' ')" = "calibrate.png fit.png " ] &&
        ok calibrate-charts-only || fail calibrate-charts-only "$(ls -A "$ca_r/plots")"
    requires -
    # hostile names reach gnuplot quoted: nothing runs
    cp -r "$ca_r" "$TMP/ca-evil"
    rm -rf "$TMP/ca-evil/plots"
    sed -i "s/,p_self,/,\"p\`touch $(echo "$TMP" | sed 's/\//\\\//g')\\/ca-pwned\`'\"\"; system(\"\"touch x\"\")\",/" "$TMP/ca-evil/calibrate.csv"
    expect_exit 0 calibrate-evil-script -- env RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/ca-evil" --quiet
    [ -f "$TMP/ca-evil/plots/calibrate.gp" ] && grep -q 'touch' "$TMP/ca-evil/plots/calibrate.gp" &&
        ok calibrate-evil-in-script || fail calibrate-evil-in-script "$(ls -A "$TMP/ca-evil/plots" 2>&1)"
    requires gnuplot
    rm -rf "$TMP/ca-evil/plots"
    expect_exit 0 calibrate-evil-plot -- "$RRSIM" plot "$TMP/ca-evil" --quiet
    [ ! -e "$TMP/ca-pwned" ] && [ ! -e "$TMP/ca-evil/plots/x" ] && ok calibrate-evil-inert ||
        fail calibrate-evil-inert "a name in calibrate.csv ran a command"
    requires -
    printf 'scenario,iteration\nx,0\n' >"$TMP/ca-evil/calibrate.csv"
    requires gnuplot
    expect_stderr "rrsim: $TMP/ca-evil/calibrate.csv:1: missing column 'loss' (columns: scenario, iteration)" \
        calibrate-plot-bad-csv -- "$RRSIM" plot "$TMP/ca-evil"
    printf 'scenario,iteration,evaluations,loss,simplex_size,parameter,value\nx,-1,1,1,1,a,1\n' >"$TMP/ca-evil/calibrate.csv"
    expect_stderr "rrsim: $TMP/ca-evil/calibrate.csv:2: column 'iteration': expected a whole number from 0 to 1000000000, got '-1'" \
        calibrate-plot-bad-iteration -- "$RRSIM" plot "$TMP/ca-evil"
    requires -
fi
rm -rf "$TMP"/ca*
