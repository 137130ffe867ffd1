# sweep.sh - rrsim sweep and rrsim compare.
expect_exit 0 sweep-runs -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1 --reps 3 --out "$TMP/sw" --quiet
if [ -f "$TMP/sw/sweep.csv" ]; then
    ok sweep-file
    head -n 1 "$TMP/sw/sweep.csv" | grep -qx 'scenario,point,lambda,indicator,unit,mean,sd,ci95_low,ci95_high,replications' &&
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
(see 'rrsim sweep --help')" sweep-no-vary -- "$RRSIM" sweep scenarios/mm1.ini --out "$TMP/bad2"
expect_stderr "rrsim: --vary: unknown key 'lambdaa' (did you mean 'lambda'?)" sweep-bad-key -- "$RRSIM" sweep scenarios/mm1.ini --vary lambdaa=1,2 --out "$TMP/bad3"
expect_stderr "rrsim: design point 2 (lambda=1.5x): scenarios/mm1.ini:28: [arrivals] rate: expected a rate such as 1500/month or 10/day, got '1.5x/day'" sweep-bad-point -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,1.5x --out "$TMP/bad4"
expect_stderr "rrsim: --set: unknown key 'bogus'" sweep-bad-set -- "$RRSIM" sweep scenarios/mm1.ini --set bogus=1 --vary lambda=0.5 --out "$TMP/bad5"
[ ! -e "$TMP/bad1" ] && [ ! -e "$TMP/bad3" ] && [ ! -e "$TMP/bad4" ] && [ ! -e "$TMP/bad5" ] && ok sweep-no-folder || fail sweep-no-folder "a failed sweep left a folder"

expect_exit 0 compare-runs -- "$RRSIM" compare scenarios/mm1.ini scenarios/mm1.ini --reps 3 --out "$TMP/cmp" --quiet --set lambda=0.6
# the same scenario against itself: a row for every KPI of a run with the
# same settings, its baseline mean the run's mean, the policy's the same,
# every paired difference and its CI 0 (NA where no replication has a
# value), and not all of it zero
expect_exit 0 compare-run-alone -- "$RRSIM" run scenarios/mm1.ini --reps 3 --out "$TMP/cmprun" --quiet \
    --plot none --set lambda=0.6
if [ -f "$TMP/cmp/compare.csv" ] && [ -f "$TMP/cmprun/summary.csv" ]; then
    # cmp_cols FILE NAME... - the values of the named columns (the
    # indicator column is kpi, metric or indicator), one row a line
    cmp_cols() {
        cmp_f=$1; shift
        awk -F, -v want="$*" 'NR == 1 {
                n = split(want, w, " ")
                for (i = 1; i <= NF; i++) {
                    h = $i
                    if (h == "kpi" || h == "metric" || h == "indicator") h = "KPI"
                    col[h] = i
                }
                for (k = 1; k <= n; k++) if (!(w[k] in col)) { print "no column " w[k]; exit 1 }
                next
            }
            { line = ""; for (k = 1; k <= n; k++) line = line (k > 1 ? "," : "") $col[w[k]]; print line }' "$cmp_f"
    }
    cmp_run=$(cmp_cols "$TMP/cmprun/summary.csv" KPI mean)
    cmp_got=$(cmp_cols "$TMP/cmp/compare.csv" KPI baseline_mean)
    cmp_n=$(echo "$cmp_run" | grep -c .)
    [ "$cmp_n" -ge 10 ] && [ "$cmp_got" = "$cmp_run" ] && ok compare-self-rows ||
        fail compare-self-rows "compare.csv has '$cmp_got', the run's summary.csv '$cmp_run'"
    bad=$(cmp_cols "$TMP/cmp/compare.csv" KPI baseline_mean policy_mean difference ci95_low ci95_high replications |
          awk -F, '!($2 == $3 && (($7 == 3 && $4 == 0 && $5 == 0 && $6 == 0) ||
                              ($7 == 0 && $2 == "NA" && $4 == "NA" && $5 == "NA" && $6 == "NA"))) { print $1 }')
    cmp_rows=$(($(wc -l <"$TMP/cmp/compare.csv") - 1))
    [ -z "$bad" ] && [ "$cmp_rows" -ge 10 ] && [ "$cmp_rows" -eq "$cmp_n" ] && ok compare-self-zero ||
        fail compare-self-zero "$cmp_rows rows for $cmp_n KPIs; not a zero difference: $bad"
    cmp_nz=$(cmp_cols "$TMP/cmp/compare.csv" KPI baseline_mean | awk -F, '$2 != "NA" && $2 > 0' | wc -l)
    [ "$cmp_nz" -ge 3 ] && ok compare-self-not-empty || fail compare-self-not-empty "$cmp_nz KPIs above 0"
else
    fail compare-file "no compare.csv or summary.csv"
fi
expect_stderr "rrsim: compare needs two scenario files, BASELINE POLICY, or one with --policy KEY=VALUE
(see 'rrsim compare --help')" compare-one-file -- "$RRSIM" compare scenarios/mm1.ini

# ---- run.csv and the charts ---------------------------------------------------
# sw_png NAME FILE - a pass when FILE is a 1280x720 PNG (signature, IHDR).
sw_png() {
    if [ "$(od -An -tx1 -N8 "$2" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
       [ "$(od -An -tu1 -j16 -N8 "$2" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ]; then
        ok "$1"
    else
        fail "$1" "'$2' is not a 1280x720 PNG"
    fi
}
[ "$(head -n 1 "$TMP/sw/run.csv")" = "scenario,title,source,start,end,report,warmup_days,replications,seed,overrides,precision_target,precision_indicators,precision_reached,precision_stop,events,version" ] &&
    [ "$(wc -l <"$TMP/sw/run.csv")" -eq 2 ] && ok sweep-run-csv ||
    fail sweep-run-csv "$(cat "$TMP/sw/run.csv")"
[ "$(cut -d, -f1 "$TMP/cmp/run.csv" | tr '\n' ' ')" = "scenario mm1 mm1 " ] &&
    ok compare-run-csv || fail compare-run-csv "$(cat "$TMP/cmp/run.csv")"
requires gnuplot
    sw_png sweep-chart "$TMP/sw/plots/sweep.png"
    [ "$(ls -A "$TMP/sw/plots")" = sweep.png ] && ok sweep-chart-only ||
        fail sweep-chart-only "$(ls -A "$TMP/sw/plots")"
    sw_png compare-chart "$TMP/cmp/plots/compare.png"
    # two keys (one series per value of the second), three keys (a panel
    # per value of the third), a list with a word, one replication
    expect_exit 0 sweep-two-keys -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1 \
        --vary mean_talk=0.8d,1d --reps 2 --out "$TMP/sw3" --quiet
    sw_png sweep-two-keys-chart "$TMP/sw3/plots/sweep.png"
    expect_exit 0 sweep-three-keys -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.7 \
        --vary mean_talk=0.8d,1d --vary stage.officer.servers=1,unlimited --reps 1 --out "$TMP/sw4" --quiet
    sw_png sweep-three-keys-chart "$TMP/sw4/plots/sweep.png"
    # rrsim plot redraws them from the CSV files alone
    rm -rf "$TMP/sw/plots" "$TMP/cmp/plots"
    expect_exit 0 sweep-plot -- "$RRSIM" plot "$TMP/sw"
    sw_png sweep-plot-chart "$TMP/sw/plots/sweep.png"
    expect_exit 0 compare-plot -- "$RRSIM" plot "$TMP/cmp" --plot svg
    [ -s "$TMP/cmp/plots/compare.svg" ] && [ ! -e "$TMP/cmp/plots/compare.png" ] &&
        ok compare-plot-svg || fail compare-plot-svg "$(ls -A "$TMP/cmp/plots")"
    cmp -s "$TMP/sw/sweep.csv" "$TMP/sw2/sweep.csv" && ok sweep-plot-keeps-csv ||
        fail sweep-plot-keeps-csv "sweep.csv changed"
requires -
expect_exit 0 sweep-plot-none -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 --reps 2 \
    --plot none --out "$TMP/sw5" --quiet
[ -s "$TMP/sw5/sweep.csv" ] && [ ! -e "$TMP/sw5/plots" ] && ok sweep-plot-none-no-charts ||
    fail sweep-plot-none-no-charts "$(ls -A "$TMP/sw5")"
expect_exit 0 compare-plot-none -- "$RRSIM" compare scenarios/mm1.ini scenarios/mm1.ini --reps 2 \
    --plot none --out "$TMP/cmp2" --quiet
[ -s "$TMP/cmp2/compare.csv" ] && [ ! -e "$TMP/cmp2/plots" ] && ok compare-plot-none-no-charts ||
    fail compare-plot-none-no-charts "$(ls -A "$TMP/cmp2")"
# without gnuplot: the CSV files and one warning line
RRSIM_GNUPLOT=/nonexistent/gnuplot "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 --reps 2 --quiet \
    --out "$TMP/sw6" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q 'apt-get install gnuplot-nox' "$TMP/err" &&
    [ -s "$TMP/sw6/sweep.csv" ] && [ ! -e "$TMP/sw6/plots" ] && ok sweep-no-gnuplot ||
    fail sweep-no-gnuplot "exit $rc: $(cat "$TMP/err")"
rm -rf "$TMP/sw" "$TMP/sw2" "$TMP/sw3" "$TMP/sw4" "$TMP/sw5" "$TMP/sw6" "$TMP/cmp" "$TMP/cmp2" "$TMP/cmprun"
