# compare_answers.sh - the analysts' questions, as they ask them, with few
# replications: the commands, the files they read and whether the answers
# are sensible.
#   "IOM's share falls to 60%":
#       rrsim compare scenarios/nl-baseline.ini --policy iom_share=0.6
#   "the NGO subsidy doubles":
#       rrsim compare scenarios/nl-baseline.ini scenarios/nl-ngo-expansion.ini
#   "a 2019-2025 policy against the 2019-2024 baseline": over the common
#       years with --window
CA=$TMP/ca

# ca_rows FILE INDICATOR - the rows of one indicator.
ca_rows() {
    awk -F, -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "indicator") c = i; next }
        $c == want' "$1"
}

# ---- IOM's share falls to 60% (from 94.5%) ---------------------------------------
"$RRSIM" compare scenarios/nl-baseline.ini --policy iom_share=0.6 --reps 3 --plot none \
    --out "$CA-iom" >"$TMP/ca.out" 2>"$TMP/ca.err"
ca_rc=$?
[ $ca_rc -eq 0 ] && ok answer-iom-runs || fail answer-iom-runs "exit $ca_rc: $(head -c 300 "$TMP/ca.err")"
# IOM's share of assisted returns falls by about 35 points over the run (0.945 to 0.6)
ca_d=$(ca_rows "$CA-iom/compare.csv" iom_share_assisted_voluntary | cut -d, -f2,9,10,11)
echo "$ca_d" | awk -F, '{ exit !($1 == "nl-baseline-iom_share-0_6" && $2 > -0.40 && $2 < -0.30 && $4 < 0) }' &&
    ok answer-iom-share-35-points || fail answer-iom-share-35-points "$ca_d"
# and in every year, from the start
ca_y=$(ca_rows "$CA-iom/compare_years.csv" iom_share_assisted_voluntary | cut -d, -f3,14)
[ "$(echo "$ca_y" | cut -d, -f1 | tr '\n' ' ')" = "2019 2020 2021 2022 2023 2024 " ] &&
    echo "$ca_y" | awk -F, '{ if (!($2 < -0.1)) bad = 1 } END { exit bad }' &&
    ok answer-iom-every-year || fail answer-iom-every-year "$ca_y"
[ "$(ca_rows "$CA-iom/compare_from.csv" departures_voluntary_iom | cut -d, -f3,5)" = "2019-01-01,the scenarios differ from the start (iom_share)" ] &&
    ok answer-iom-from-start || fail answer-iom-from-start "$(ca_rows "$CA-iom/compare_from.csv" departures_voluntary_iom)"
grep -q '^  policy:   Netherlands baseline 2019-2024, iom_share = 0.6$' "$TMP/ca.out" &&
    grep -q 'the scenarios differ from the start (iom_share)$' "$TMP/ca.out" &&
    ok answer-iom-table || fail answer-iom-table "$(head -n 5 "$TMP/ca.out")"

# ---- the NGO subsidy doubles (from 2021) ------------------------------------------
expect_exit 0 answer-ngo-runs -- "$RRSIM" compare scenarios/nl-baseline.ini \
    scenarios/nl-ngo-expansion.ini --reps 3 --plot none --quiet --out "$CA-ngo"
[ "$(ca_rows "$CA-ngo/compare_from.csv" departures_voluntary_ngo | cut -d, -f3,4,5)" = "2021-01-01,2024-12-31,the scenarios first differ on 2021-01-01 (event ngo_subsidy)" ] &&
    ok answer-ngo-first-difference || fail answer-ngo-first-difference "$(ca_rows "$CA-ngo/compare_from.csv" departures_voluntary_ngo)"
# before its start the effect's interval covers 0, for every indicator
ca_bad=$(awk -F, 'NR > 1 && ($3 == 2019 || $3 == 2020) && $15 != "NA" && !($15 <= 0 && $16 >= 0)' "$CA-ngo/compare_years.csv")
[ -z "$ca_bad" ] && ok answer-ngo-nothing-before || fail answer-ngo-nothing-before "$(echo "$ca_bad" | head -n 3)"
# after it more NGO departures, every year clearly; IOM's share lower
ca_y=$(ca_rows "$CA-ngo/compare_years.csv" departures_voluntary_ngo | cut -d, -f3,14,15)
[ "$(echo "$ca_y" | cut -d, -f1 | tr '\n' ' ')" = "2019 2020 2021 2022 2023 2024 " ] &&
    echo "$ca_y" | awk -F, '$1 >= 2021 && !($2 > 0 && $3 > 0) { bad = 1 } END { exit bad }' &&
    ok answer-ngo-more-ngo-returns || fail answer-ngo-more-ngo-returns "$ca_y"
ca_y=$(ca_rows "$CA-ngo/compare_years.csv" iom_share_assisted_voluntary | awk -F, '$3 >= 2021 { print $3 "," $14 }')
echo "$ca_y" | awk -F, '{ if (!($2 < -0.03)) bad = 1 } END { exit bad || NR != 4 }' &&
    ok answer-ngo-iom-share-falls || fail answer-ngo-iom-share-falls "$ca_y"
# measured from 2021 the change is not diluted by the two years before
ca_w=$(ca_rows "$CA-ngo/compare.csv" departures_voluntary_ngo | cut -d, -f12)
ca_f=$(ca_rows "$CA-ngo/compare_from.csv" departures_voluntary_ngo | cut -d, -f13)
awk -v w="$ca_w" -v f="$ca_f" 'BEGIN { exit !(f > w * 1.3 && w > 0) }' &&
    ok answer-ngo-undiluted || fail answer-ngo-undiluted "relative change: whole run $ca_w, from 2021 $ca_f"

# ---- a 2019-2025 policy over the baseline's years ----------------------------------
expect_exit 0 answer-window-runs -- "$RRSIM" compare scenarios/nl-baseline.ini \
    tests/fixtures/compare/nl-policy-2025.ini --reps 2 --window 2019-01-01:2023-12-31 \
    --out "$CA-win"
[ "$(cut -d, -f3,4 "$CA-win/compare.csv" | sed 1d | sort -u)" = "2019-01-01,2023-12-31" ] &&
    [ "$(awk -F, 'NR > 1 { print $3 }' "$CA-win/compare_years.csv" | sort -u | tr '\n' ' ')" = "2019 2020 2021 2022 2023 " ] &&
    ok answer-window-files || fail answer-window-files "$(cut -d, -f3,4 "$CA-win/compare.csv" | sort -u)"
# the same model on the common years: no effect at all
ca_bad=$(awk -F, 'NR > 1 && $9 != "NA" && $9 != 0' "$CA-win/compare.csv")
[ -z "$ca_bad" ] && ok answer-window-no-effect || fail answer-window-no-effect "$(echo "$ca_bad" | head -n 2)"
requires gnuplot
    [ -s "$CA-win/plots/compare.png" ] && [ -s "$CA-win/plots/compare_years.png" ] &&
        ok answer-window-charts || fail answer-window-charts "$(ls -A "$CA-win/plots" 2>&1)"
requires -
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" compare scenarios/nl-baseline.ini tests/fixtures/compare/nl-policy-2025.ini \
    --reps 2 --window 2020-01-01:2022-12-31 --quiet --out "$CA-win2" 2>/dev/null
grep -q "'Policy minus baseline over 1 Jan 2020 – 31 Dec 2022 · mean of 2 paired replications" "$CA-win2/plots/compare.gp" &&
    ok answer-window-chart-says-window || fail answer-window-chart-says-window "$(grep -o "'Policy minus[^']*'" "$CA-win2/plots/compare.gp")"
# leave the shared scratch folder as found (scenarios.sh checks it)
rm -rf "$CA"-iom "$CA"-ngo "$CA"-win "$CA"-win2 "$TMP/ca.out" "$TMP/ca.err"
