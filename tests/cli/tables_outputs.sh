# tables_outputs.sh - the stage and country tables of a run and the
# utilisation chart: the four files with their headers, units and rows;
# the country table's accounting and its sums against the time series,
# read from the files; the same bytes whatever --threads; the chart's
# script, its PNG, and `rrsim plot` of folders with and without
# stages_summary.csv, hostile stage names among them.
TB=$TMP/tables
TB_RRSIM=$(cd "$(dirname "$RRSIM")" && pwd)/$(basename "$RRSIM")
rm -rf "$TB"
mkdir -p "$TB"

tb_hdr() { head -n 1 "$1"; }
# tb_is NAME GOT WANT - a pass when the two texts are the same.
tb_is() {
    [ "$2" = "$3" ] && ok "$1" || fail "$1" "got '$2', expected '$3'"
}

# ---- the files --------------------------------------------------------------
expect_exit 0 tables-run -- "$RRSIM" run scenarios/mm1.ini --reps 3 \
    --plot none --quiet --out "$TB/m"
tb_is tables-stages-header "$(tb_hdr "$TB/m/stages.csv")" \
    "scenario,replication,period_start,period_end,stage,indicator,unit,value"
tb_is tables-stages-summary-header "$(tb_hdr "$TB/m/stages_summary.csv")" \
    "scenario,period_start,period_end,stage,indicator,unit,mean,ci95_low,ci95_high,replications"
tb_is tables-countries-header "$(tb_hdr "$TB/m/countries.csv")" \
    "scenario,replication,period_start,period_end,country,indicator,unit,value"
tb_is tables-countries-summary-header "$(tb_hdr "$TB/m/countries_summary.csv")" \
    "scenario,period_start,period_end,country,indicator,unit,mean,ci95_low,ci95_high,replications"
# mm1: 10 years, one stage and 12 measures; one country and 11 measures
tb_is tables-stages-rows "$(wc -l <"$TB/m/stages.csv")" 361
tb_is tables-stages-summary-rows "$(wc -l <"$TB/m/stages_summary.csv")" 121
tb_is tables-countries-rows "$(wc -l <"$TB/m/countries.csv")" 331
tb_is tables-countries-summary-rows "$(wc -l <"$TB/m/countries_summary.csv")" 111
tb_is tables-stage-measures "$(awk -F, 'NR > 1 && $2 == 1 && $3 == "2024-01-01" { printf "%s:%s ", $6, $7 }' "$TB/m/stages.csv")" \
    "entered:persons completions:persons absconded:persons max_stay_reached:persons left:persons servers_mean:servers utilisation:share in_service_mean:persons waiting_mean:persons present_mean:persons wait_mean_days:days time_in_stage_mean_days:days "
tb_is tables-country-measures "$(awk -F, 'NR > 1 && $2 == 1 && $3 == "2024-01-01" { printf "%s ", $6 }' "$TB/m/countries.csv")" \
    "caseload_start arrivals arrivals_remigration departures_voluntary_iom departures_voluntary_ngo departures_voluntary_self departures_forced departures_unsupervised departures_closed caseload_end reintegration_none "
# one server: utilisation = mean number in service, in every row
tb_bad=$(awk -F, 'NR > 1 && $6 == "utilisation" { u[$2 "," $3] = $8 }
                  NR > 1 && $6 == "in_service_mean" { s[$2 "," $3] = $8 }
                  END { for (k in u) if (u[k] != s[k]) n++; print n + 0 }' "$TB/m/stages.csv")
tb_is tables-mm1-utilisation "$tb_bad" 0

# ---- the baseline: accounting and sums, from the files -------------------------
expect_exit 0 tables-run-nl -- "$RRSIM" run scenarios/nl-baseline.ini \
    --reps 2 --plot none --quiet --threads 1 --out "$TB/n1"
# per replication, year and country: start + arrivals = departures + end
tb_bad=$(awk -F, 'NR > 1 {
        k = $2 "," $3 "," $5
        if ($6 == "caseload_start" || $6 == "arrivals") b[k] += $8
        else if ($6 ~ /^departures_/ || $6 == "caseload_end") b[k] -= $8
        seen[k] = 1 }
    END { for (k in seen) if (b[k] != 0) n++; print n + 0 }' "$TB/n1/countries.csv")
tb_is tables-country-identity "$tb_bad" 0
# summed over countries, a year's arrivals, forced departures and returnees
# without a provider are the time series' over its months
for m in arrivals departures_forced reintegration_none; do
    c=$(awk -F, -v m="$m" 'NR > 1 && $6 == m { s[$2 "," substr($3, 1, 4)] += $8 }
        END { for (k in s) print k "," s[k] }' "$TB/n1/countries.csv" | sort)
    t=$(awk -F, -v m="$m" 'NR > 1 && $5 == m { s[$2 "," substr($3, 1, 4)] += $7 }
        END { for (k in s) print k "," s[k] }' "$TB/n1/timeseries.csv" | sort)
    [ -n "$c" ] && [ "$c" = "$t" ] && ok "tables-country-sum-$m" ||
        fail "tables-country-sum-$m" "countries: $(echo $c | head -c 200); time series: $(echo $t | head -c 200)"
done
# the same bytes on two threads
expect_exit 0 tables-run-nl-2 -- "$RRSIM" run scenarios/nl-baseline.ini \
    --reps 2 --plot none --quiet --threads 2 --out "$TB/n2"
for f in stages.csv stages_summary.csv countries.csv countries_summary.csv; do
    cmp -s "$TB/n1/$f" "$TB/n2/$f" && ok "tables-threads-$f" ||
        fail "tables-threads-$f" "differs between --threads 1 and 2"
done
# unlimited stages have no utilisation; stages with places have one
tb_is tables-unlimited-na "$(awk -F, 'NR > 1 && $5 == "rds" && $6 == "utilisation" && $8 != "NA"' "$TB/n1/stages.csv" | wc -l)" 0
tb_is tables-detention-utilisation "$(awk -F, 'NR > 1 && $5 == "detention" && $6 == "utilisation" && ($8 == "NA" || $8 <= 0 || $8 > 1)' "$TB/n1/stages.csv" | wc -l)" 0

# ---- the chart ----------------------------------------------------------------
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run scenarios/nl-baseline.ini --reps 2 \
    --plot png --quiet --out "$TB/s" >"$TMP/out" 2>"$TMP/err"
tb_gp=$TB/s/plots/utilisation.gp
[ -s "$tb_gp" ] && ok tables-chart-script || fail tables-chart-script "$(ls "$TB/s/plots" 2>&1)"
grep -qx "set output 'utilisation.png'" "$tb_gp" && ok tables-chart-output ||
    fail tables-chart-output "$(grep '^set output' "$tb_gp")"
# one line per stage with places, in the legend by name; the others named
# in the note; the policy events drawn
for w in IOM 'NGO a' Flight Detention Escort 'All servers busy'; do
    grep -qF "set label '$w' at screen" "$tb_gp" && ok "tables-chart-key-$w" ||
        fail "tables-chart-key-$w" "no legend entry"
done
grep -qF "No utilisation (unlimited servers, or none in force): Intake, Police, Dublin, Dublin forced, Dublin self, Early, R&DS, Assisted, NGO, Self." "$tb_gp" &&
    ok tables-chart-note || fail tables-chart-note "$(grep -F 'No utilisation' "$tb_gp")"
grep -qF "'Flights -85%'" "$tb_gp" && ok tables-chart-events ||
    fail tables-chart-events "no event label"
tb_is tables-chart-lines "$(grep -c 'using 1:2 with lines lw 2.2' "$tb_gp")" 7
# a received folder of an earlier rrsim (no stages_summary.csv): its
# charts as they were, without this one
cp -R tests/hostile/plot-run "$TB/old"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TB/old" --quiet >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$TB/old/plots/departures.gp" ] &&
    [ ! -e "$TB/old/plots/utilisation.gp" ] && ok tables-plot-old-folder ||
    fail tables-plot-old-folder "exit $rc, $(ls "$TB/old/plots" 2>&1): $(cat "$TMP/err")"
# a stages_summary.csv whose stages are named like commands, macros and
# markup (the cells as CSV quotes them; in the script as rr_plot_quote
# writes them: single quotes, a quote in them as "\047")
tb_a='"x'\''.system(""touch pwned"")"'
tb_b='`touch pwned`@P{a}^b'
tb_a_label='set label '\''X'\''."\047".'\''.system("touch pwned")'\'' at screen'
tb_b_label='set label '\''`touch pwned`@P{a}^b'\'' at screen'
cp -R "$TB/n1" "$TB/h"
sed -e "s/,iom,/,$tb_a,/" -e "s/,flight,/,$tb_b,/" "$TB/n1/stages_summary.csv" \
    >"$TB/h/stages_summary.csv"
(cd "$TB/h" && RRSIM_GNUPLOT_SCRIPT=1 "$TB_RRSIM" plot . --quiet) >"$TMP/out" 2>"$TMP/err"
rc=$?
grep -qF -- "$tb_a_label" "$TB/h/plots/utilisation.gp" 2>/dev/null &&
    grep -qF -- "$tb_b_label" "$TB/h/plots/utilisation.gp" &&
    [ "$rc" -eq 0 ] && ok tables-plot-hostile-stage ||
    fail tables-plot-hostile-stage "exit $rc: $(cat "$TMP/err"); $(grep -F pwned "$TB/h/plots/utilisation.gp" | head -n 2)"
# a broken cell is reported with its file, line and column
cp -R "$TB/m" "$TB/b"
sed '8s/^mm1,2024-01-01,/mm1,2024-13-01,/' "$TB/m/stages_summary.csv" >"$TB/b/stages_summary.csv"
"$RRSIM" plot "$TB/b" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -ne 0 ] && grep -qF "stages_summary.csv:8: column 'period_start': expected a date YYYY-MM-DD, got '2024-13-01'" "$TMP/err" &&
    ok tables-plot-bad-cell || fail tables-plot-bad-cell "exit $rc: $(cat "$TMP/err")"
requires gnuplot
    rm -rf "$TB/h/plots"
    (cd "$TB/h" && "$TB_RRSIM" plot . --plot svg --quiet) >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 0 ] && grep -qF "X'.system(\"touch pwned\")" "$TB/h/plots/utilisation.svg" &&
        grep -qF -- "$tb_b" "$TB/h/plots/utilisation.svg" &&
        ok tables-chart-hostile-drawn || fail tables-chart-hostile-drawn "exit $rc: $(cat "$TMP/err")"
    found=$(find "$TB" -name 'pwned*'; ls -d pwned* 2>/dev/null)
    [ -z "$found" ] && ok tables-chart-hostile-inert || fail tables-chart-hostile-inert "$found"
    expect_exit 0 tables-chart-png -- "$RRSIM" run scenarios/nl-baseline.ini \
        --reps 2 --quiet --out "$TB/p"
    [ "$(od -An -tu1 -j16 -N8 "$TB/p/plots/utilisation.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ] &&
        ok tables-chart-png-size || fail tables-chart-png-size "no 1280x720 utilisation.png"
requires -
rm -rf "$TB"
