# fit.sh - rrsim fit: simulated against observed yearly figures.
printf 'year,indicator,value\n2025,departures_voluntary_self,2000\n2026,caseload_officer,4\n' > "$TMP/obs.csv"
expect_exit 0 fit-runs -- "$RRSIM" fit scenarios/mm1.ini "$TMP/obs.csv" --reps 3 --out "$TMP/fit" --quiet
if [ -f "$TMP/fit/fit.csv" ]; then
    head -n 1 "$TMP/fit/fit.csv" | grep -qx 'scenario,year,role,indicator,period_start,period_end,observed,simulated_mean,ci95_low,ci95_high,relative_error,replications,note' &&
        ok fit-header || fail fit-header "$(head -n 1 "$TMP/fit/fit.csv")"
    # lambda 0.8 a day: about 292 departures a year
    sim=$(grep ',2025,validation,departures_voluntary_self,' "$TMP/fit/fit.csv" | cut -d, -f8)
    awk -v s="$sim" 'BEGIN { exit !(s > 270 && s < 315) }' && ok fit-value || fail fit-value "simulated $sim"
else
    fail fit-file "no fit.csv"
fi
printf 'year,indicator,value\n2025,departures_sideways,1\n' > "$TMP/bad1.csv"
expect_stderr "rrsim: $TMP/bad1.csv:2: column 'indicator': 'departures_sideways' is not a yearly figure of this scenario (a flow such as departures_forced, a caseload_STAGE, or departures_independent, departures_verified, departures_total, intake)" fit-bad-indicator -- "$RRSIM" fit scenarios/mm1.ini "$TMP/bad1.csv" --reps 2 --out "$TMP/fbad1"
printf 'year,indicator,value\n2050,arrivals,1\n' > "$TMP/bad2.csv"
expect_stderr "rrsim: $TMP/bad2.csv:2: year 2050 is not wholly inside the run" fit-bad-year -- "$RRSIM" fit scenarios/mm1.ini "$TMP/bad2.csv" --reps 2 --out "$TMP/fbad2"
printf 'year,what,value\n2025,arrivals,1\n' > "$TMP/bad3.csv"
expect_stderr "rrsim: $TMP/bad3.csv:1: missing column 'indicator' (columns: year, what, value)" fit-missing-column -- "$RRSIM" fit scenarios/mm1.ini "$TMP/bad3.csv" --out "$TMP/fbad3"
expect_stderr "rrsim: $TMP/none.csv: cannot open: No such file or directory" fit-no-file -- "$RRSIM" fit scenarios/mm1.ini "$TMP/none.csv" --out "$TMP/fbad4"
[ ! -e "$TMP/fbad1" ] && [ ! -e "$TMP/fbad2" ] && [ ! -e "$TMP/fbad3" ] && ok fit-no-folder || fail fit-no-folder "a failed fit left a folder"
expect_exit 0 fit-shipped -- "$RRSIM" check scenarios/nl-baseline.ini

# ---- run.csv and the chart ----------------------------------------------------
[ "$(wc -l <"$TMP/fit/run.csv")" -eq 2 ] &&
    grep -q '^mm1,M/M/1 teaching scenario,.*,year,365.25,3,1,' "$TMP/fit/run.csv" &&
    ok fit-run-csv || fail fit-run-csv "$(cat "$TMP/fit/run.csv")"
# fit_png NAME FILE - a pass when FILE is a 1280x720 PNG (signature, IHDR).
fit_png() {
    if [ "$(od -An -tx1 -N8 "$2" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
       [ "$(od -An -tu1 -j16 -N8 "$2" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ]; then
        ok "$1"
    else
        fail "$1" "'$2' is not a 1280x720 PNG"
    fi
}
requires gnuplot
    fit_png fit-chart "$TMP/fit/plots/fit.png"
    [ "$(ls -A "$TMP/fit/plots")" = fit.png ] && ok fit-chart-only ||
        fail fit-chart-only "$(ls -A "$TMP/fit/plots")"
    # rrsim plot redraws it from fit.csv and run.csv alone
    rm -rf "$TMP/fit/plots"
    expect_exit 0 fit-plot -- "$RRSIM" plot "$TMP/fit"
    fit_png fit-plot-chart "$TMP/fit/plots/fit.png"
    expect_exit 0 fit-plot-pdf -- "$RRSIM" plot "$TMP/fit" --plot pdf
    [ "$(head -c 5 "$TMP/fit/plots/fit.pdf")" = "%PDF-" ] && ok fit-plot-pdf-file ||
        fail fit-plot-pdf-file "$(ls -A "$TMP/fit/plots")"
    # without run.csv the chart still draws, from fit.csv alone
    rm "$TMP/fit/run.csv"
    expect_exit 0 fit-plot-no-run-csv -- "$RRSIM" plot "$TMP/fit"
    # no observed figures: a chart that says so
    printf 'year,indicator,value\n' > "$TMP/obs0.csv"
    expect_exit 0 fit-empty -- "$RRSIM" fit scenarios/mm1.ini "$TMP/obs0.csv" --reps 2 --out "$TMP/fit3" --quiet
    fit_png fit-empty-chart "$TMP/fit3/plots/fit.png"
requires -
expect_exit 0 fit-plot-none -- "$RRSIM" fit scenarios/mm1.ini "$TMP/obs.csv" --reps 2 --plot none \
    --out "$TMP/fit2" --quiet
[ -s "$TMP/fit2/fit.csv" ] && [ ! -e "$TMP/fit2/plots" ] && ok fit-plot-none-no-charts ||
    fail fit-plot-none-no-charts "$(ls -A "$TMP/fit2")"
# rrsim plot reads fit.csv only once it has found gnuplot (without it:
# "gnuplot not found", exit 1, whatever the file holds)
printf 'scenario,year\nmm1,2025\n' > "$TMP/fit2/fit.csv"
requires gnuplot
expect_stderr "rrsim: $TMP/fit2/fit.csv:1: missing column 'indicator' (columns: scenario, year)" \
    fit-plot-bad-csv -- "$RRSIM" plot "$TMP/fit2"
requires -
rm -rf "$TMP/fit" "$TMP/fit2" "$TMP/fit3" "$TMP/obs.csv" "$TMP/obs0.csv" "$TMP/bad1.csv" "$TMP/bad2.csv" "$TMP/bad3.csv"
