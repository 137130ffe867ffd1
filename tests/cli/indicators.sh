# indicators.sh - the indicator vocabulary of the results files.

# a stage whose caseload would be named like another indicator
# (caseload_total) is refused before anything runs
ind_msg="rrsim: tests/hostile/ind-stage-total.ini: [stage.total]: the stage would be reported as 'caseload_total', the name of another indicator; rename the stage"
expect_stderr "$ind_msg" ind-stage-total-check -- "$RRSIM" check tests/hostile/ind-stage-total.ini
expect_stderr "$ind_msg" ind-stage-total-run -- "$RRSIM" run tests/hostile/ind-stage-total.ini --reps 1 --out "$TMP/ind-total" --quiet --plot none
[ ! -e "$TMP/ind-total" ] && ok ind-stage-total-no-folder || fail ind-stage-total-no-folder "a results folder was left"

# every CSV file calls its indicator column `indicator`; the time series
# and the summary carry the unit
expect_exit 0 ind-run -- "$RRSIM" run scenarios/mm1.ini --reps 2 --out "$TMP/ind" --quiet --plot none
ind_hdr() { head -n 1 "$TMP/ind/$1"; }
[ "$(ind_hdr timeseries.csv)" = "scenario,replication,period_start,period_end,indicator,unit,value" ] &&
    ok ind-timeseries-header || fail ind-timeseries-header "$(ind_hdr timeseries.csv)"
[ "$(ind_hdr summary.csv)" = "scenario,indicator,unit,mean,sd,ci95_low,ci95_high,replications" ] &&
    ok ind-summary-header || fail ind-summary-header "$(ind_hdr summary.csv)"
# the units are the registry's: persons for counts, days for times
ind_units=$(awk -F, 'NR > 1 && $5 == "time_to_departure_mean_days" { print $6 } NR > 1 && $5 == "arrivals" { print $6 }' "$TMP/ind/timeseries.csv" | sort -u | tr '\n' ' ')
[ "$ind_units" = "days persons " ] && ok ind-timeseries-units || fail ind-timeseries-units "units: '$ind_units'"
ind_bad=$(grep -l '^[^#]*\(^\|,\)\(kpi\|metric\)\(,\|$\)' "$TMP/ind/"*.csv 2>/dev/null | head -n 1)
[ -z "$ind_bad" ] && ok ind-no-old-names || fail ind-no-old-names "$ind_bad has a kpi or metric column"

# observed figures of 0.1 with a `kpi` column are still read by fit
if [ -f scenarios/data/nl-observed.csv ]; then
    sed 's/^year,indicator,/year,kpi,/' scenarios/data/nl-observed.csv >"$TMP/ind-obs-kpi.csv"
    if grep -q '^year,kpi,' "$TMP/ind-obs-kpi.csv"; then
        expect_exit 0 ind-fit-old-column -- "$RRSIM" fit scenarios/nl-baseline.ini "$TMP/ind-obs-kpi.csv" --reps 1 --out "$TMP/ind-fit" --quiet --plot none
    else
        fail ind-fit-old-column "no 'year,indicator,' header in nl-observed.csv: $(grep -v '^#' scenarios/data/nl-observed.csv | head -n 1)"
    fi
fi
rm -rf "$TMP/ind" "$TMP/ind-total" "$TMP/ind-fit" "$TMP/ind-obs-kpi.csv"
