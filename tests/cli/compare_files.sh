# compare_files.sh - the files, table and charts of rrsim compare, on the
# M/M/1 fixtures (tests/fixtures/compare: talks a fifth shorter from
# 2025): their columns, the window and dates every row carries, the
# effect from the policy's date and from --from, per year and per period,
# pro rata by days for periods that straddle a year, the derived names of
# a what-if, and the yearly chart.
CR=tests/fixtures/compare
CB=$CR/mm1-base.ini
CF=$CR/mm1-faster.ini
CO=$TMP/cf

# cf_col FILE COLUMN - the values of a column by its header, one a line.
cf_col() {
    awk -F, -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == want) c = i; next }
        c { print $c }' "$1"
}
# cf_rows FILE INDICATOR - the rows of one indicator.
cf_rows() {
    awk -F, -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "indicator") c = i; next }
        $c == want' "$1"
}

"$RRSIM" compare $CB $CF --reps 6 --out "$CO" >"$TMP/cf.out" 2>"$TMP/cf.err"
cf_rc=$?
[ $cf_rc -eq 0 ] && ok compare-files-run || fail compare-files-run "exit $cf_rc: $(head -c 300 "$TMP/cf.err")"
for cf_f in compare.csv compare_from.csv compare_years.csv compare_periods.csv run.csv; do
    [ -s "$CO/$cf_f" ] && ok "compare-writes-$cf_f" || fail "compare-writes-$cf_f" "$(ls -A "$CO")"
done
cf_effect=baseline_mean,policy_mean,difference,ci95_low,ci95_high,relative_change,replications
[ "$(head -n 1 "$CO/compare.csv")" = "baseline,policy,from,to,indicator,unit,$cf_effect" ] &&
    ok compare-csv-header || fail compare-csv-header "$(head -n 1 "$CO/compare.csv")"
[ "$(head -n 1 "$CO/compare_from.csv")" = "baseline,policy,from,to,reason,indicator,unit,$cf_effect" ] &&
    ok compare-from-header || fail compare-from-header "$(head -n 1 "$CO/compare_from.csv")"
[ "$(head -n 1 "$CO/compare_years.csv")" = "baseline,policy,year,from,to,days,effect_from,effect_from_note,indicator,unit,measure,$cf_effect" ] &&
    ok compare-years-header || fail compare-years-header "$(head -n 1 "$CO/compare_years.csv")"
[ "$(head -n 1 "$CO/compare_periods.csv")" = "baseline,policy,period_start,period_end,indicator,unit,measure,$cf_effect" ] &&
    ok compare-periods-header || fail compare-periods-header "$(head -n 1 "$CO/compare_periods.csv")"

# every row says what was compared over which days
[ "$(cf_col "$CO/compare.csv" from | sort -u)" = 2024-01-01 ] &&
    [ "$(cf_col "$CO/compare.csv" to | sort -u)" = 2029-12-31 ] &&
    [ "$(cf_col "$CO/compare.csv" policy | sort -u)" = mm1-faster ] &&
    ok compare-csv-window || fail compare-csv-window "$(cut -d, -f1-4 "$CO/compare.csv" | sort -u)"
[ "$(cf_col "$CO/compare_years.csv" year | sort -u | tr '\n' ' ')" = "2024 2025 2026 2027 2028 2029 " ] &&
    ok compare-years-every-year || fail compare-years-every-year "$(cf_col "$CO/compare_years.csv" year | sort -u | tr '\n' ' ')"
[ "$(cf_rows "$CO/compare_years.csv" departures_verified | cut -d, -f3-6 | head -n 1)" = "2024,2024-01-01,2024-12-31,366" ] &&
    ok compare-years-days || fail compare-years-days "$(cf_rows "$CO/compare_years.csv" departures_verified | head -n 1)"
[ "$(cf_col "$CO/compare_years.csv" effect_from | sort -u)" = 2025-01-01 ] &&
    [ "$(cf_col "$CO/compare_years.csv" effect_from_note | sort -u)" = "event faster" ] &&
    ok compare-years-policy-date || fail compare-years-policy-date "$(cut -d, -f7,8 "$CO/compare_years.csv" | sort -u)"
cf_bad=$(cf_col "$CO/compare_years.csv" measure | sort -u | grep -v -x -e sum -e end -e mean -e ratio)
[ -z "$cf_bad" ] && ok compare-years-measures || fail compare-years-measures "$cf_bad"
[ "$(cf_rows "$CO/compare_years.csv" caseload_total | cut -d, -f11 | sort -u)" = end ] &&
    [ "$(cf_rows "$CO/compare_years.csv" time_to_departure_mean_days | cut -d, -f11 | sort -u)" = mean ] &&
    [ "$(cf_rows "$CO/compare_years.csv" arrivals | cut -d, -f11 | sort -u)" = sum ] &&
    ok compare-years-kinds || fail compare-years-kinds "$(cut -d, -f9,11 "$CO/compare_years.csv" | sort -u | tr '\n' ' ')"
# before the policy's date the paired runs are the same: every 2024
# difference and its interval are 0 (NA where there is no value)
cf_bad=$(awk -F, 'NR > 1 && $3 == 2024 && !($14 == 0 && $15 == 0 && $16 == 0) && $14 != "NA"' "$CO/compare_years.csv")
[ -z "$cf_bad" ] && ok compare-years-zero-before || fail compare-years-zero-before "$cf_bad"
# after it, talks are shorter: the mean time to departure falls by about
# 2.8 days (M/M/1: 1/(1.25-0.8) - 1/(1-0.8)), its interval below zero
cf_bad=$(cf_rows "$CO/compare_years.csv" time_to_departure_mean_days |
    awk -F, '$3 >= 2025 && !($14 < -1.5 && $14 > -4 && $16 < 0)')
[ -z "$cf_bad" ] && ok compare-years-faster || fail compare-years-faster "$cf_bad"
# the effect from the date: the first difference, named
[ "$(cf_col "$CO/compare_from.csv" from | sort -u)" = 2025-01-01 ] &&
    [ "$(cf_col "$CO/compare_from.csv" reason | sort -u)" = "the scenarios first differ on 2025-01-01 (event faster)" ] &&
    ok compare-from-first-difference || fail compare-from-first-difference "$(cut -d, -f3-5 "$CO/compare_from.csv" | sort -u)"
# reported by year, the periods are the years
[ "$(cf_rows "$CO/compare_periods.csv" arrivals | wc -l)" -eq 6 ] &&
    [ "$(cf_rows "$CO/compare_periods.csv" arrivals | cut -d, -f8-)" = "$(cf_rows "$CO/compare_years.csv" arrivals | cut -d, -f12-)" ] &&
    ok compare-periods-years || fail compare-periods-years "$(cf_rows "$CO/compare_periods.csv" arrivals)"
# the table: the window, the first difference, the years
grep -q '^  compared over 2024-01-01 to 2029-12-31; the scenarios first differ on 2025-01-01 (event faster)$' "$TMP/cf.out" &&
    grep -q '^By year: policy minus baseline' "$TMP/cf.out" && grep -q '^2029 ' "$TMP/cf.out" &&
    grep -q '^From 2025-01-01 to 2029-12-31$' "$TMP/cf.out" &&
    ok compare-table || fail compare-table "$(head -c 600 "$TMP/cf.out")"

# --from: the effect from the date asked
expect_exit 0 compare-from-given -- "$RRSIM" compare $CB $CF --reps 6 --from 2026-07-01 \
    --plot none --quiet --out "$TMP/cf2"
[ "$(cf_col "$TMP/cf2/compare_from.csv" from | sort -u)" = 2026-07-01 ] &&
    [ "$(cf_col "$TMP/cf2/compare_from.csv" reason | sort -u)" = "measured from 2026-07-01 as asked (--from); the scenarios first differ on 2025-01-01 (event faster)" ] &&
    [ "$(cf_col "$TMP/cf2/compare_years.csv" effect_from | sort -u)" = 2026-07-01 ] &&
    [ "$(cf_col "$TMP/cf2/compare_years.csv" effect_from_note | sort -u)" = "--from" ] &&
    ok compare-from-given-files || fail compare-from-given-files "$(cut -d, -f3-5 "$TMP/cf2/compare_from.csv" | sort -u)"
# half of 2026 and the years after: the flows from mid-2026 are those of
# the periods from it, cut pro rata (2026 is one period: half of it)
cf_a=$(cf_rows "$TMP/cf2/compare_from.csv" arrivals | cut -d, -f8)
cf_y=$(cf_rows "$TMP/cf2/compare_years.csv" arrivals | awk -F, '$3 == 2026 { h = $12 * 184 / 365 } $3 > 2026 { s += $12 } END { printf "%.6f", s + h }')
awk -v a="$cf_a" -v b="$cf_y" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }' &&
    ok compare-from-pro-rata || fail compare-from-pro-rata "from 2026-07-01: $cf_a, from the years: $cf_y"

# --window: the totals recomputed over it, every file and the table say it
expect_exit 0 compare-window-run -- "$RRSIM" compare $CB $CF --reps 6 --window 2025-01-01:2028-12-31 \
    --plot none --out "$TMP/cf3"
[ "$(cf_col "$TMP/cf3/compare.csv" from | sort -u)$(cf_col "$TMP/cf3/compare.csv" to | sort -u)" = 2025-01-012028-12-31 ] &&
    [ "$(cf_col "$TMP/cf3/compare_years.csv" year | sort -u | tr '\n' ' ')" = "2025 2026 2027 2028 " ] &&
    [ "$(cf_col "$TMP/cf3/compare_periods.csv" period_start | sort -u | head -n 1)" = 2025-01-01 ] &&
    [ "$(cf_col "$TMP/cf3/compare_periods.csv" period_end | sort -u | tail -n 1)" = 2028-12-31 ] &&
    ok compare-window-files || fail compare-window-files "$(cut -d, -f3,4 "$TMP/cf3/compare.csv" | sort -u)"
# a quantile cannot be recomputed from the periods: NA over a window
[ "$(cf_rows "$TMP/cf3/compare.csv" time_to_departure_median_days | cut -d, -f7-9)" = "NA,NA,NA" ] &&
    [ "$(cf_rows "$TMP/cf3/compare.csv" arrivals | cut -d, -f7)" != NA ] &&
    ok compare-window-quantile-na || fail compare-window-quantile-na "$(cf_rows "$TMP/cf3/compare.csv" time_to_departure_median_days)"

# reported by week, weeks straddle the years: flows are cut pro rata by
# days, so the years add up to the window's total
expect_exit 0 compare-weekly -- "$RRSIM" compare $CB $CF --reps 3 --set scenario.report=week \
    --plot none --quiet --out "$TMP/cf4"
cf_t=$(cf_rows "$TMP/cf4/compare.csv" departures_verified | cut -d, -f7)
cf_s=$(cf_rows "$TMP/cf4/compare_years.csv" departures_verified | awk -F, '{ s += $12 } END { printf "%.6f", s }')
awk -v a="$cf_t" -v b="$cf_s" 'BEGIN { exit !(a - b < 1e-6 && b - a < 1e-6) }' &&
    ok compare-weekly-years-add-up || fail compare-weekly-years-add-up "total $cf_t, years $cf_s"
[ "$(cf_rows "$TMP/cf4/compare_periods.csv" arrivals | wc -l)" -gt 300 ] &&
    ok compare-weekly-periods || fail compare-weekly-periods "$(cf_rows "$TMP/cf4/compare_periods.csv" arrivals | wc -l) weeks"

# the same bytes whatever the number of threads
expect_exit 0 compare-one-thread -- "$RRSIM" compare $CB $CF --reps 6 --threads 1 \
    --plot none --quiet --out "$TMP/cf5"
cf_same=1
for cf_f in compare.csv compare_from.csv compare_years.csv compare_periods.csv; do
    cmp -s "$CO/$cf_f" "$TMP/cf5/$cf_f" || cf_same=0
done
[ $cf_same = 1 ] && ok compare-same-bytes || fail compare-same-bytes "the files differ between thread counts"

# a what-if: named after its change in the files, run.csv and the
# default folder
cf_abs=$(cd "$(dirname "$RRSIM")" && pwd)/$(basename "$RRSIM")
mkdir -p "$TMP/wd"
(cd "$TMP/wd" && "$cf_abs" compare "$OLDPWD/$CB" --policy mean_talk=0.8d --reps 2 --plot none --quiet)
cf_dir=$(ls "$TMP/wd/output" 2>/dev/null)
[ "$cf_dir" = mm1-base-vs-mm1-base-mean_talk-0_8d ] && ok compare-whatif-folder ||
    fail compare-whatif-folder "output/$cf_dir"
cf_run=$(ls -d "$TMP/wd/output/$cf_dir"/* 2>/dev/null | head -n 1)
sed -n 3p "$cf_run/run.csv" | grep -q '^mm1-base-mean_talk-0_8d,"M/M/1, talks of one day on average, mean_talk = 0.8d",' &&
    [ "$(cf_col "$cf_run/compare_years.csv" policy | sort -u)" = mm1-base-mean_talk-0_8d ] &&
    ok compare-whatif-names || fail compare-whatif-names "$(cat "$cf_run/run.csv")"
[ "$(cf_col "$cf_run/compare_from.csv" reason | sort -u)" = "the scenarios differ from the start (mean_talk)" ] &&
    ok compare-whatif-from-start || fail compare-whatif-from-start "$(cf_col "$cf_run/compare_from.csv" reason | sort -u)"
rm -rf "$TMP/wd"

# the yearly chart: drawn, redrawn from the files, its words
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" compare $CB $CF --reps 2 --quiet --out "$TMP/cf6" 2>/dev/null
cf_gp=$TMP/cf6/plots/compare_years.gp
grep -q "'Effect by year: M/M/1, talks a fifth shorter from 2025'" "$cf_gp" &&
    grep -q "'Against the baseline: M/M/1, talks of one day on average'" "$cf_gp" &&
    grep -q "Policy from 1 Jan 2025 (event faster)" "$cf_gp" &&
    grep -q "'Mean days from entry to departure, days'" "$cf_gp" &&
    ok compare-years-chart-words || fail compare-years-chart-words "$(grep -c label "$cf_gp") labels"
requires gnuplot
    for cf_p in compare compare_years; do
        if [ "$(od -An -tx1 -N8 "$CO/plots/$cf_p.png" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
           [ "$(od -An -tu1 -j16 -N8 "$CO/plots/$cf_p.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ]; then
            ok "compare-chart-$cf_p"
        else
            fail "compare-chart-$cf_p" "'$CO/plots/$cf_p.png' is not a 1280x720 PNG"
        fi
    done
    rm -rf "$CO/plots"
    expect_exit 0 compare-years-plot -- "$RRSIM" plot "$CO" --plot svg --quiet
    [ "$(ls "$CO/plots" | tr '\n' ' ')" = "compare.svg compare_years.svg " ] &&
        ok compare-years-redrawn || fail compare-years-redrawn "$(ls -A "$CO/plots")"
requires -
# leave the shared scratch folder as found (scenarios.sh checks it)
rm -rf "$CO" "$TMP"/cf2 "$TMP"/cf3 "$TMP"/cf4 "$TMP"/cf5 "$TMP"/cf6 "$TMP/cf.out" "$TMP/cf.err"
