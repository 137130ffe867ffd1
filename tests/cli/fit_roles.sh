# fit_roles.sh - rrsim fit on the shipped baseline: calibration and
# validation years and inputs told apart, departures_total as DT&V counts
# it, year sums that do not depend on the reporting period, the chart.

fr_obs=scenarios/data/nl-observed.csv
expect_exit 0 fit-nl-runs -- "$RRSIM" fit scenarios/nl-baseline.ini "$fr_obs" --reps 3 --out "$TMP/fr"
cp "$TMP/out" "$TMP/fr-stdout"
if [ -f "$TMP/fr/fit.csv" ]; then
    [ "$(head -n 1 "$TMP/fr/fit.csv")" = 'scenario,year,role,indicator,period_start,period_end,observed,simulated_mean,ci95_low,ci95_high,relative_error,replications,note' ] &&
        ok fit-nl-header || fail fit-nl-header "$(head -n 1 "$TMP/fr/fit.csv")"
    # nl-baseline says calibrated_on = 2019, 2022: those years are
    # calibration, 2023 validation, intake (taken from data) an input
    fr_bad=$(awk -F, 'NR > 1 {
        want = ($4 == "intake") ? "input" : ($2 == 2019 || $2 == 2022) ? "calibration" : "validation"
        if ($3 != want) print $2 " " $4 ": " $3 ", expected " want }' "$TMP/fr/fit.csv")
    fr_roles=$(awk -F, 'NR > 1 { print $3 }' "$TMP/fr/fit.csv" | sort -u | tr '\n' ' ')
    [ -z "$fr_bad" ] && [ "$fr_roles" = "calibration input validation " ] &&
        ok fit-nl-roles || fail fit-nl-roles "$fr_bad; roles: $fr_roles"
    # every row of the observed file is there, each once
    [ "$(awk -F, 'NR > 1' "$TMP/fr/fit.csv" | wc -l)" -eq "$(grep -v '^#' "$fr_obs" | awk 'NR > 1' | wc -l)" ] &&
        ok fit-nl-rows || fail fit-nl-rows "$(wc -l <"$TMP/fr/fit.csv") lines"
    # departures_total is the three kinds, no closed cases: the sum of
    # the means of independent, forced and unsupervised in each year
    fr_sum=$(awk -F, 'NR > 1 {
        if ($4 == "departures_independent" || $4 == "departures_forced" || $4 == "departures_unsupervised") s[$2] += $8
        if ($4 == "departures_total") t[$2] = $8 }
        END { for (y in t) { d = t[y] - s[y]; if (d < -0.01 || d > 0.01) print y ": " t[y] " vs " s[y] } }' "$TMP/fr/fit.csv")
    [ -z "$fr_sum" ] && grep -q ',departures_total,' "$TMP/fr/fit.csv" &&
        ok fit-nl-total-three-kinds || fail fit-nl-total-three-kinds "$fr_sum"
    # a flow covers its calendar year
    fr_days=$(awk -F, 'NR > 1 && ($5 != $2 "-01-01" || $6 != $2 "-12-31") { print $2 " " $4 ": " $5 " to " $6 }' "$TMP/fr/fit.csv")
    [ -z "$fr_days" ] && ok fit-nl-year-days || fail fit-nl-year-days "$fr_days"
    # the terminal shows the errors of calibration and validation years
    # apart, inputs not counted
    grep -q '^mean absolute relative error (inputs not counted):$' "$TMP/fr-stdout" &&
        grep -Eq '^  calibration +[0-9.]+% over 9 figures \(2019, 2022\)$' "$TMP/fr-stdout" &&
        grep -Eq '^  validation +[0-9.]+% over 4 figures \(2023\)$' "$TMP/fr-stdout" &&
        grep -Eq '^2019  input +intake .* input$' "$TMP/fr-stdout" &&
        ok fit-nl-summary || fail fit-nl-summary "$(cat "$TMP/fr-stdout")"
else
    fail fit-nl-file "no fit.csv"
fi

# The same run reported by week, quarter and year: a year's flows are the
# same days whatever the periods.  Months, quarters and years end with the
# calendar year, so their figures are the month's to the digit; weeks
# straddle the new year and give a share of their count by days, close to
# the month's (the weeks that start in 2019 run to 5 January 2020: counting
# them whole would add 1.4%).
fr_cols() { awk -F, 'NR > 1 { print $2, $4, $5, $6, $8 }' "$1"; }
for fr_p in week quarter year; do
    expect_exit 0 "fit-nl-report-$fr_p" -- "$RRSIM" fit scenarios/nl-baseline.ini "$fr_obs" --reps 3 \
        --set "scenario.report=$fr_p" --plot none --quiet --out "$TMP/fr-$fr_p"
done
if [ -f "$TMP/fr/fit.csv" ] && [ -f "$TMP/fr-quarter/fit.csv" ] && [ -f "$TMP/fr-year/fit.csv" ]; then
    [ "$(fr_cols "$TMP/fr/fit.csv")" = "$(fr_cols "$TMP/fr-quarter/fit.csv")" ] &&
        [ "$(fr_cols "$TMP/fr/fit.csv")" = "$(fr_cols "$TMP/fr-year/fit.csv")" ] &&
        ok fit-nl-report-same || fail fit-nl-report-same "$(fr_cols "$TMP/fr-quarter/fit.csv" | head -n 3)"
fi
if [ -f "$TMP/fr/fit.csv" ] && [ -f "$TMP/fr-week/fit.csv" ]; then
    fr_week=$(awk -F, 'FNR == 1 { next } NR == FNR { m[$2 "," $4] = $8; next }
        { k = $2 "," $4; r = $8 / m[k] - 1
          if (r < -0.005 || r > 0.005 || $5 != $2 "-01-01" || $6 != $2 "-12-31") print k ": " $8 " vs " m[k] " (" $5 " to " $6 ")" }' \
        "$TMP/fr/fit.csv" "$TMP/fr-week/fit.csv")
    [ -z "$fr_week" ] && ok fit-nl-report-week || fail fit-nl-report-week "$fr_week"
fi

# The chart: drawn, and its script tells the roles apart in the legend and
# under the years
requires gnuplot
    if [ "$(od -An -tx1 -N8 "$TMP/fr/plots/fit.png" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
       [ "$(od -An -tu1 -j16 -N8 "$TMP/fr/plots/fit.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ]; then
        ok fit-nl-chart
    else
        fail fit-nl-chart "no 1280x720 fit.png: $(ls -A "$TMP/fr/plots" 2>&1)"
    fi
requires -
if [ -f "$TMP/fr/fit.csv" ]; then
    mkdir -p "$TMP/fr-gp" && cp "$TMP/fr/fit.csv" "$TMP/fr/run.csv" "$TMP/fr-gp/"
    expect_exit 0 fit-nl-script -- env RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/fr-gp" --quiet
    fr_gp="$TMP/fr-gp/plots/fit.gp"
    if [ -f "$fr_gp" ] && grep -q "Simulated, calibration year" "$fr_gp" &&
       grep -q "Simulated, validation year" "$fr_gp" &&
       grep -q "Simulated input (not fitted)" "$fr_gp" &&
       grep -q 'set label "validation" at first 3' "$fr_gp" &&
       grep -q 'set label "calibration" at first 1' "$fr_gp" &&
       grep -q "mean absolute error [0-9.]*% in calibration years (2019, 2022), [0-9.]*% in validation year (2023)" "$fr_gp"; then
        ok fit-nl-script-roles
    else
        fail fit-nl-script-roles "$(grep -c . "$fr_gp" 2>&1) lines in $fr_gp"
    fi
fi

# a received fit.csv whose role is none of the three is refused, by line
if [ -f "$TMP/fr/fit.csv" ]; then
    mkdir -p "$TMP/fr-hostile" && cp "$TMP/fr/run.csv" "$TMP/fr-hostile/"
    awk -F, -v OFS=, 'NR == 3 { $3 = "calibrated`touch pwned`" } { print }' "$TMP/fr/fit.csv" >"$TMP/fr-hostile/fit.csv"
    requires gnuplot
    expect_stderr "rrsim: $TMP/fr-hostile/fit.csv:3: column 'role': expected calibration, validation or input, got 'calibrated\`touch pwned\`'" \
        fit-plot-bad-role -- "$RRSIM" plot "$TMP/fr-hostile"
    requires -
    [ ! -e pwned ] && [ ! -e "$TMP/fr-hostile/pwned" ] && ok fit-plot-bad-role-inert || fail fit-plot-bad-role-inert "a command ran"
fi

# calibrated_on is checked: a year outside the run, one named twice, a
# word that is no year; nothing is run and no folder is left
fr_ini() {
    printf '[scenario]\nbase = %s/scenarios/nl-baseline.ini\nname = fr\ncalibrated_on = %s\n' "$PWD" "$1" >"$TMP/fr-bad.ini"
}
fr_ini "2019, 2025"
expect_stderr "rrsim: $TMP/fr-bad.ini:4: [scenario] calibrated_on: year 2025 is outside the run (2019 to 2024)" \
    fit-calibrated-out-of-run -- "$RRSIM" fit "$TMP/fr-bad.ini" "$fr_obs" --reps 1 --out "$TMP/fr-bad1"
fr_ini "2022, 2019, 2022"
expect_stderr "rrsim: $TMP/fr-bad.ini:4: [scenario] calibrated_on: year 2022 is named twice" \
    fit-calibrated-twice -- "$RRSIM" fit "$TMP/fr-bad.ini" "$fr_obs" --reps 1 --out "$TMP/fr-bad2"
fr_ini "2019 and 2022"
expect_stderr "rrsim: $TMP/fr-bad.ini:4: [scenario] calibrated_on: expected years separated by commas (e.g. 2019, 2022) or none, got '2019 and 2022'" \
    fit-calibrated-bad-year -- "$RRSIM" check "$TMP/fr-bad.ini"
[ ! -e "$TMP/fr-bad1" ] && [ ! -e "$TMP/fr-bad2" ] && ok fit-calibrated-no-folder ||
    fail fit-calibrated-no-folder "a failed fit left a folder"
# with none, every year is validation
fr_ini none
expect_exit 0 fit-calibrated-none -- "$RRSIM" fit "$TMP/fr-bad.ini" "$fr_obs" --reps 1 --plot none --quiet --out "$TMP/fr-none"
[ -f "$TMP/fr-none/fit.csv" ] &&
    [ "$(awk -F, 'NR > 1 && $4 != "intake" { print $3 }' "$TMP/fr-none/fit.csv" | sort -u)" = validation ] &&
    ok fit-calibrated-none-validation || fail fit-calibrated-none-validation "$(cut -d, -f2-4 "$TMP/fr-none/fit.csv" 2>&1 | head -n 4)"
rm -rf "$TMP/fr" "$TMP/fr-hostile" "$TMP/fr-week" "$TMP/fr-quarter" "$TMP/fr-year" "$TMP/fr-gp" "$TMP/fr-none" "$TMP/fr-bad.ini" "$TMP/fr-stdout"
