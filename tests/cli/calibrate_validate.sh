# calibrate_validate.sh - rrsim validate on tests/fixtures/calibrate/two-route.ini
# (calibrated on 2020-2022): the rows of 2023 only, inputs left out, the
# interval the replications' 2.5% and 97.5% quantiles (checked against the
# replications' own yearly figures of a run with --trace-free sums), a
# figure made far off lies outside; refusals before anything runs; the
# chart, and its texts quoted; --rolling: each year predicted by a fit on
# the years before it.
cv_sc=tests/fixtures/calibrate/two-route.ini
cv_obs=$TMP/cv-obs.csv
printf 'year,indicator,value,source\n2020,departures_independent,580,a\n2023,departures_independent,1290,b\n2023,departures_unsupervised,99999,c\n2023,intake,3000,d\n' >"$cv_obs"
expect_exit 0 validate-runs -- "$RRSIM" validate "$cv_sc" "$cv_obs" --reps 40 --out "$TMP/cv" --plot none
cp "$TMP/out" "$TMP/cv-stdout"
if [ -f "$TMP/cv/validate.csv" ]; then
    [ "$(head -n 1 "$TMP/cv/validate.csv")" = 'scenario,year,indicator,observed,simulated_mean,pi95_low,pi95_high,inside,relative_error,replications,note' ] &&
        ok validate-header || fail validate-header "$(head -n 1 "$TMP/cv/validate.csv")"
    # 2023 only (2020 is a calibration year, intake an input)
    [ "$(cut -d, -f2,3 "$TMP/cv/validate.csv" | tail -n +2 | tr '\n' ' ')" = "2023,departures_independent 2023,departures_unsupervised " ] &&
        ok validate-rows || fail validate-rows "$(cat "$TMP/cv/validate.csv")"
    # a figure near the model's is inside, one far off is not; the
    # interval holds the mean
    cv_bad=$(awk -F, 'NR > 1 {
        if (!($6 <= $5 && $5 <= $7)) print "mean outside: " $0
        want = ($4 >= $6 && $4 <= $7) ? "yes" : "no"
        if ($8 != want) print "inside wrong: " $0
        if ($3 == "departures_independent" && $8 != "yes") print "near figure outside: " $0
        if ($3 == "departures_unsupervised" && $8 != "no") print "far figure inside: " $0
        if ($10 != 40) print "replications: " $0 }' "$TMP/cv/validate.csv")
    [ -z "$cv_bad" ] && ok validate-inside || fail validate-inside "$cv_bad"
    # the interval is the prediction interval of the replications' own 2023
    # sums, mean +- t(0.975, 39) s sqrt(1 + 1/40): timeseries.csv of the
    # same run, summed by year per replication
    "$RRSIM" run "$cv_sc" --reps 40 --out "$TMP/cv-run" --plot none --quiet >/dev/null 2>&1
    cv_q=$(awk -F, 'NR > 1 && $5 == "departures_voluntary_self" && substr($3, 1, 4) == "2023" { s[$2] += $7 }
        END { for (r in s) print s[r] }' "$TMP/cv-run/timeseries.csv" | sort -n |
        awk '{ x[NR] = $1; s += $1 } END { m = s / NR; for (i = 1; i <= NR; i++) v += (x[i] - m)^2;
            h = 2.022690901 * sqrt(v / (NR - 1)) * sqrt(1 + 1 / NR); printf "%.4f %.4f\n", m - h, m + h }')
    cv_got=$(awk -F, '$3 == "departures_independent" { printf "%.4f %.4f\n", $6, $7 }' "$TMP/cv/validate.csv")
    [ -n "$cv_q" ] && [ "$cv_q" = "$cv_got" ] && ok validate-interval ||
        fail validate-interval "validate.csv $cv_got, from timeseries.csv $cv_q"
    grep -q '^1 of 2 observed figures inside the interval; mean absolute relative error ' "$TMP/cv-stdout" &&
        grep -q '^(when the model is right, a figure falls inside with probability 95%: the interval is$' "$TMP/cv-stdout" &&
        grep -q "^where one more replication's yearly figure would fall,\$" "$TMP/cv-stdout" &&
        grep -q '^from the spread of 40 replications)$' "$TMP/cv-stdout" &&
        grep -q '^simulated 95% prediction interval (from 40 replications)$' "$TMP/cv-stdout" &&
        ok validate-terminal || fail validate-terminal "$(cat "$TMP/cv-stdout")"
else
    fail validate-header "no validate.csv: $(head -c 300 "$TMP/err")"
fi
head -n 1 "$TMP/cv-run/timeseries.csv" | grep -q '^scenario,replication,period_start,period_end,indicator,unit,value$' &&
    ok validate-timeseries-columns || fail validate-timeseries-columns "$(head -n 1 "$TMP/cv-run/timeseries.csv")"

# refusals, before anything runs, no folder
printf 'year,indicator,value\n2020,departures_independent,580\n2023,intake,3000\n' >"$TMP/cv-b1.csv"
expect_stderr "rrsim: $TMP/cv-b1.csv: no observed figure of a year the scenario was not calibrated on ([scenario] calibrated_on), other than inputs such as intake: nothing to validate" \
    validate-nothing -- "$RRSIM" validate "$cv_sc" "$TMP/cv-b1.csv" --out "$TMP/cv-bad"
printf 'year,indicator,value\n2024,departures_independent,580\n' >"$TMP/cv-b2.csv"
expect_stderr "rrsim: $TMP/cv-b2.csv:2: year 2024 is not wholly inside the run" \
    validate-year -- "$RRSIM" validate "$cv_sc" "$TMP/cv-b2.csv" --out "$TMP/cv-bad"
expect_stderr "rrsim: validate needs a scenario file and a CSV of observed figures
(see 'rrsim validate --help')" validate-args -- "$RRSIM" validate "$cv_sc"
[ ! -e "$TMP/cv-bad" ] && ok validate-bad-no-folder || fail validate-bad-no-folder "$(ls -A "$TMP/cv-bad")"

# the chart
if [ -d "$TMP/cv" ]; then
    requires gnuplot
    expect_exit 0 validate-plot -- "$RRSIM" plot "$TMP/cv"
    [ "$(od -An -tx1 -N8 "$TMP/cv/plots/validate.png" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
        [ "$(ls "$TMP/cv/plots")" = validate.png ] &&
        ok validate-chart || fail validate-chart "$(ls -A "$TMP/cv/plots" 2>&1)"
    requires -
    sed -i "s/,departures_independent,/,\"\`touch $(echo "$TMP" | sed 's/\//\\\//g')\\/cv-pwned\`'\",/" "$TMP/cv/validate.csv"
    rm -rf "$TMP/cv/plots"
    expect_exit 0 validate-evil-script -- env RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/cv" --quiet
    grep -q "touch" "$TMP/cv/plots/validate.gp" 2>/dev/null && ok validate-evil-in-script ||
        fail validate-evil-in-script "$(ls -A "$TMP/cv/plots" 2>&1)"
    requires gnuplot
    rm -rf "$TMP/cv/plots"
    expect_exit 0 validate-evil-plot -- "$RRSIM" plot "$TMP/cv" --quiet
    [ ! -e "$TMP/cv-pwned" ] && ok validate-evil-inert || fail validate-evil-inert "a name in validate.csv ran a command"
    printf 'scenario,year,indicator,observed,simulated_mean,pi95_low,pi95_high,inside\nx,2023,a,1,1,0,2,maybe\n' >"$TMP/cv/validate.csv"
    expect_stderr "rrsim: $TMP/cv/validate.csv:2: column 'inside': expected yes or no, got 'maybe'" \
        validate-plot-bad-csv -- "$RRSIM" plot "$TMP/cv"
    requires -
fi

# ---- rolling origin ------------------------------------------------------------------
# figures made at p_self 0.10, abscond_mean 400d (seed 99, 8 replications):
# each origin's fit comes back near them, each year is predicted by the
# fit on the years before it
"$RRSIM" run "$cv_sc" --set p_self=0.1 --set abscond_mean=400d --seed 99 \
    --reps 8 --out "$TMP/cv-true" --plot none --quiet >/dev/null 2>&1
awk -F, 'NR > 1 { y = substr($2, 1, 4); m = substr($2, 6, 2)
    if ($4 == "departures_voluntary_self") s[y] += $6
    if ($4 == "departures_unsupervised") u[y] += $6
    if ($4 == "caseload_talks" && m == "12") c[y] = $6 }
    END { print "year,indicator,value"
          for (y = 2020; y <= 2023; y++)
              printf "%d,departures_independent,%.1f\n%d,departures_unsupervised,%.1f\n%d,caseload_talks,%.1f\n%d,intake,3000\n", y, s[y], y, u[y], y, c[y], y }' \
    "$TMP/cv-true/timeseries_summary.csv" >"$TMP/cv-made.csv" 2>/dev/null
expect_exit 0 validate-rolling-runs -- "$RRSIM" validate "$cv_sc" "$TMP/cv-made.csv" --rolling \
    --param p_self=0.02:0.5 --param abscond_mean=100d:1000d --tol 0.01 --eval-reps 4 --reps 20 \
    --out "$TMP/cv-roll" --plot none
cp "$TMP/out" "$TMP/cv-roll-stdout"
if [ -f "$TMP/cv-roll/rolling_fits.csv" ]; then
    [ "$(head -n 1 "$TMP/cv-roll/validate.csv")" = 'scenario,year,origin,indicator,observed,simulated_mean,pi95_low,pi95_high,inside,relative_error,replications,note' ] &&
        ok validate-rolling-header || fail validate-rolling-header "$(head -n 1 "$TMP/cv-roll/validate.csv")"
    # the years 2021-2023, each from the origin before it, three figures
    # each (intake is an input), 20 replications
    cv_r=$(awk -F, 'NR > 1 { if ($3 != $2 - 1 || $11 != 20) print; n[$2]++ }
        END { for (y = 2021; y <= 2023; y++) if (n[y] != 3) print y ": " n[y] " rows" }' "$TMP/cv-roll/validate.csv")
    [ -z "$cv_r" ] && [ "$(wc -l <"$TMP/cv-roll/validate.csv")" -eq 10 ] &&
        ok validate-rolling-rows || fail validate-rolling-rows "$cv_r $(cat "$TMP/cv-roll/validate.csv")"
    # each origin's fit on the years up to it, near the values the
    # figures were made with (within 5%; fields counted from the end, the
    # years being quoted with commas)
    cv_f=$(awk -F, 'NR > 1 {
        want = ($(NF - 10) == "p_self") ? 0.1 : 400
        d = $(NF - 6) / want - 1; if (d < 0) d = -d
        if (d > 0.05) print "origin " $2 ": " $(NF - 10) " " $(NF - 6) }' "$TMP/cv-roll/rolling_fits.csv")
    [ -z "$cv_f" ] && [ "$(cut -d, -f2 "$TMP/cv-roll/rolling_fits.csv" | tail -n +2 | sort -u | tr '\n' ' ')" = "2020 2021 2022 " ] &&
        grep -q '^two-route,2021,"2020, 2021",abscond_mean,100,1000,300,' "$TMP/cv-roll/rolling_fits.csv" &&
        ok validate-rolling-fits || fail validate-rolling-fits "$cv_f $(cat "$TMP/cv-roll/rolling_fits.csv")"
    grep -q '^fitted on 2020, 2021: p_self 0\.[0-9]*, abscond_mean [0-9.]*d (loss ' "$TMP/cv-roll-stdout" &&
        ok validate-rolling-terminal || fail validate-rolling-terminal "$(cat "$TMP/cv-roll-stdout")"
    grep -q '^two-route-calibrated,Two routes out of the caseload,' "$TMP/cv-roll/run.csv" &&
        ok validate-rolling-run-csv || fail validate-rolling-run-csv "$(cat "$TMP/cv-roll/run.csv")"
    requires gnuplot
    expect_exit 0 validate-rolling-plot -- "$RRSIM" plot "$TMP/cv-roll"
    [ -s "$TMP/cv-roll/plots/validate.png" ] && ok validate-rolling-chart ||
        fail validate-rolling-chart "$(ls -A "$TMP/cv-roll/plots" 2>&1)"
    requires -
else
    fail validate-rolling-rows "no rolling_fits.csv: $(head -c 300 "$TMP/err")"
fi
expect_stderr "rrsim: --rolling needs at least one --param NAME=LOW:HIGH
(see 'rrsim validate --help')" validate-rolling-no-param -- "$RRSIM" validate "$cv_sc" "$cv_obs" --rolling
expect_stderr "rrsim: --param, --eval-reps, --max-iter and --tol apply to validate with --rolling
(see 'rrsim validate --help')" validate-param-no-rolling -- "$RRSIM" validate "$cv_sc" "$cv_obs" --param p_self=0.02:0.5
printf 'year,indicator,value\n2020,departures_independent,580\n2022,departures_independent,1200\n' >"$TMP/cv-b3.csv"
expect_stderr "rrsim: $TMP/cv-b3.csv: no two consecutive years of observed figures (inputs such as intake left out): no year to predict from a fit on the years before it" \
    validate-rolling-apart -- "$RRSIM" validate "$cv_sc" "$TMP/cv-b3.csv" --rolling --param p_self=0.02:0.5 --out "$TMP/cv-bad"
expect_stderr "rrsim: --param p_slef: the scenario has no parameter or setting of that name (did you mean 'p_self'?)" \
    validate-rolling-unknown -- "$RRSIM" validate "$cv_sc" "$TMP/cv-made.csv" --rolling --param p_slef=0.02:0.5 --out "$TMP/cv-bad"
[ ! -e "$TMP/cv-bad" ] && ok validate-rolling-bad-no-folder || fail validate-rolling-bad-no-folder "$(ls -A "$TMP/cv-bad")"
rm -rf "$TMP"/cv*
