# sweep_words.sh - sweeps a briefing can use: settings named by their
# labels (a parameter's NAME.label, or the key's words) in the chart's
# title, axis and legend and in the table; shares as percentages on both
# axes; --indicators choosing what is drawn and shown, and refusing a name
# that is not an indicator of the run; with three settings or more small
# multiples (a panel per value of the third) instead of numbered points.
# The charts are checked as gnuplot scripts (RRSIM_GNUPLOT_SCRIPT=1), so
# no gnuplot is needed but for the last part.

# A scenario with a share the sweep varies (p_iom, the IOM route of the
# assisted stage, labelled) and IOM's share of assisted returns as its
# outcome; and mm1 with a label on lambda, through a base.
cat >"$TMP/sww-share.ini" <<'EOF'
[scenario]
name = sww-share
start = 2024-01-01
end = 2025-12-31
report = year
replications = 2

[parameters]
p_iom = 0.6
p_iom.label = IOM share of assisted voluntary returns
p_iom.source = a test value
officers = 2

[arrivals]
rate = 3/day
stage = choose

[stage.choose]
service = deterministic(0d)
route.iom = ${p_iom}
route.ngo = rest

[stage.iom]
servers = ${officers}
service = exponential(mean=1d)
channel = iom
route.departed = 1

[stage.ngo]
servers = 2
service = exponential(mean=1d)
channel = ngo
route.departed = 1
EOF
cat >"$TMP/sww-mm1.ini" <<EOF
[scenario]
base = $PWD/scenarios/mm1.ini
name = sww-mm1

[parameters]
lambda.label = Arrivals per day
EOF

# sww_sweep NAME ARGS... - rrsim sweep ARGS in script mode into
# $TMP/NAME, the table in $TMP/NAME.out; a pass when it exits 0.
sww_sweep() {
    sww_n=$1; shift
    RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" sweep "$@" --out "$TMP/$sww_n" \
        >"$TMP/$sww_n.out" 2>"$TMP/err"
    sww_rc=$?
    [ "$sww_rc" -eq 0 ] && [ -f "$TMP/$sww_n/plots/sweep.gp" ] && ok "sww-$sww_n" ||
        fail "sww-$sww_n" "exit $sww_rc: $(head -c 300 "$TMP/err")"
}
# sww_has NAME TEXT... - each TEXT is in NAME's chart script
sww_has() {
    sww_n=$1; shift
    for sww_t in "$@"; do
        grep -qF -- "$sww_t" "$TMP/$sww_n/plots/sweep.gp" 2>/dev/null &&
            ok "sww-$sww_n-has-$sww_t" ||
            fail "sww-$sww_n-has-$sww_t" "not in the script"
    done
}
# sww_lacks NAME TEXT... - no TEXT is in NAME's chart script
sww_lacks() {
    sww_n=$1; shift
    for sww_t in "$@"; do
        grep -qF -- "$sww_t" "$TMP/$sww_n/plots/sweep.gp" 2>/dev/null &&
            fail "sww-$sww_n-lacks-$sww_t" "in the script: $(grep -F -- "$sww_t" "$TMP/$sww_n/plots/sweep.gp" | head -n 1)" ||
            ok "sww-$sww_n-lacks-$sww_t"
    done
}
# sww_plots NAME - the number of plot commands (panels) in NAME's script
sww_plots() { grep -c '^plot ' "$TMP/$1/plots/sweep.gp"; }

# ---- three settings: small multiples ------------------------------------------
sww_sweep three scenarios/mm1.ini --vary lambda=0.5,0.6,0.7 \
    --vary mean_talk=0.8d,1d --vary stage.officer.servers=1,2 --reps 2 --quiet
# 4 indicators of mm1 have values (no absconding, no IOM): 2 panels each
[ "$(grep -c '^set multiplot$' "$TMP/three/plots/sweep.gp")" = 1 ] &&
    [ "$(sww_plots three)" = 8 ] && ok sww-three-panels ||
    fail sww-three-panels "$(sww_plots three) plot commands, expected 8"
sww_has three "'Indicators against lambda, mean talk and officer servers'" \
    "a line per mean talk, a panel per officer servers" \
    "'Officer servers: 1'" "'Mean talk: 0.8 days'" "'Mean talk: 1 day'" \
    "'Verified departures, persons'" "The panels of an indicator share its scale"
sww_lacks three "Design point" "numbered" "stage.officer.servers" \
    "mean_talk" "Officer servers: 1 ·"
# a panel's three x values, as given
grep -q "^set xtics ('0.5' 0.5, '0.6' 0.6, '0.7' 0.7)$" "$TMP/three/plots/sweep.gp" &&
    ok sww-three-xtics || fail sww-three-xtics "$(grep -m1 '^set xtics' "$TMP/three/plots/sweep.gp")"
# the panels of an indicator share one y range, the first labelled
sww_y=$(grep '^set yrange' "$TMP/three/plots/sweep.gp" | sed -n '1p;2p' | sort -u | wc -l)
sww_l=$(grep '^set ytics' "$TMP/three/plots/sweep.gp" | sed -n 2p)
[ "$sww_y" = 1 ] && echo "$sww_l" | grep -q "^set ytics ('' " &&
    ok sww-three-one-scale || fail sww-three-one-scale "$sww_y ranges; $sww_l"
# four settings: a panel per combination of the third and fourth
sww_sweep four scenarios/mm1.ini --vary lambda=0.5,0.7 \
    --vary arrivals.vulnerable_share=0,0.1 --vary stage.officer.servers=1,2 \
    --vary stage.officer.service=exponential\(mean=1d\),deterministic\(1d\) \
    --reps 2 --quiet --indicators time_to_departure_mean_days
[ "$(sww_plots four)" = 4 ] && ok sww-four-panels ||
    fail sww-four-panels "$(sww_plots four) plot commands, expected 4"
sww_lacks four "Design point"

# ---- labels instead of dotted keys ----------------------------------------------
sww_sweep label "$TMP/sww-mm1.ini" --vary lambda=0.5:0.7:0.1 \
    --vary stage.officer.servers=1,2 --reps 2
sww_has label "'Indicators against arrivals per day and officer servers'" \
    "'Arrivals per day'" "'Officer servers: 1'" "'Officer servers: 2'"
sww_lacks label "Lambda" "stage.officer"
[ "$(grep -c '^setting,' "$TMP/label/sweep_chart.csv")" = 2 ] &&
    grep -qx 'setting,lambda,Arrivals per day,NA' "$TMP/label/sweep_chart.csv" &&
    grep -qx 'setting,stage.officer.servers,Officer servers,NA' "$TMP/label/sweep_chart.csv" &&
    ok sww-label-file || fail sww-label-file "$(cat "$TMP/label/sweep_chart.csv")"
# the table: the labels head the columns, no dotted key in it
head -n 4 "$TMP/label.out" | grep -q 'Arrivals per day' &&
    head -n 4 "$TMP/label.out" | grep -q 'Officer servers' &&
    ! grep -q 'stage\.officer\|lambda' "$TMP/label.out" &&
    ok sww-label-table || fail sww-label-table "$(head -n 5 "$TMP/label.out")"
# sweep.csv keeps the keys as its columns
head -n 1 "$TMP/label/sweep.csv" | grep -q '^scenario,point,lambda,stage.officer.servers,indicator,' &&
    ok sww-label-csv-keys || fail sww-label-csv-keys "$(head -n 1 "$TMP/label/sweep.csv")"
# a label is part of the scenario: check lists it, a run keeps it in
# scenario.resolved.ini, --set replaces it
expect_exit 0 sww-label-run -- "$RRSIM" run "$TMP/sww-mm1.ini" --reps 1 --plot none --quiet \
    --out "$TMP/label-run"
grep -qx 'lambda.label = Arrivals per day' "$TMP/label-run/scenario.resolved.ini" &&
    ok sww-label-resolved || fail sww-label-resolved "$(grep -n lambda "$TMP/label-run/scenario.resolved.ini")"
sww_sweep relabel "$TMP/sww-mm1.ini" --vary lambda=0.5,0.6 --reps 2 --quiet \
    --set 'lambda.label=New arrivals a day'
sww_has relabel "'Indicators against new arrivals a day'"
expect_stderr "rrsim: $TMP/sww-label-bad.ini:4: [parameters] lambdaa.label: label for 'lambdaa', which is not a parameter (did you mean 'lambda'? or declare 'lambdaa = VALUE' first)" \
    sww-label-unknown -- sh -c "printf '[scenario]\nbase = $PWD/scenarios/mm1.ini\n[parameters]\nlambdaa.label = x\n' >'$TMP/sww-label-bad.ini' && exec \"\$0\" check '$TMP/sww-label-bad.ini'" "$RRSIM"
# a folder edited by hand: its labels are drawn by rrsim plot
sed 's/^setting,lambda,Arrivals per day,NA$/setting,lambda,Cases a day,NA/' \
    "$TMP/label/sweep_chart.csv" >"$TMP/label/x.csv" && mv "$TMP/label/x.csv" "$TMP/label/sweep_chart.csv"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/label" --quiet >"$TMP/out" 2>"$TMP/err"
sww_has label "'Indicators against cases a day and officer servers'"

# ---- shares in percent on both axes ---------------------------------------------
sww_sweep share "$TMP/sww-share.ini" --vary p_iom=0.6:0.8:0.1 --vary officers=3,5 \
    --indicators iom_share_assisted_voluntary,departures_verified
# x: the share setting; y: the share indicator; both with % (doubled in
# a tic label, which gnuplot reads as a format)
grep -q "^set xtics ('60%%' 60, '70%%' 70, '80%%' 80)$" "$TMP/share/plots/sweep.gp" &&
    ok sww-share-x-percent || fail sww-share-x-percent "$(grep -m1 '^set xtics' "$TMP/share/plots/sweep.gp")"
sww_yt=$(grep '^set ytics' "$TMP/share/plots/sweep.gp" | head -n 1)
echo "$sww_yt" | grep -q "^set ytics ('[0-9.]*%%' [0-9.]*, '[0-9.]*%%' " &&
    ! echo "$sww_yt" | grep -q "'0\.[0-9]" && ok sww-share-y-percent ||
    fail sww-share-y-percent "$sww_yt"
# the values drawn are percentages: IOM's share of assisted returns near
# the route's 60, 70, 80%, not 0.6
sww_v=$(awk '/^\$p0s0 << EOD$/ { on = 1; next } /^EOD$/ { on = 0 } on { print $2 }' "$TMP/share/plots/sweep.gp" | tr '\n' ' ')
echo "$sww_v" | awk '{ exit !(NF == 3 && $1 > 45 && $1 < 75 && $2 > 55 && $2 < 85 && $3 > 65 && $3 < 95 && $1 < $3) }' &&
    ok sww-share-values || fail sww-share-values "IOM share by p_iom: $sww_v"
sww_has share "'IOM share of assisted voluntary returns'" "'Officers: 3'" \
    "'IOM share of assisted returns'"
grep -qx 'setting,p_iom,IOM share of assisted voluntary returns,share' "$TMP/share/sweep_chart.csv" &&
    grep -qx 'setting,officers,Officers,NA' "$TMP/share/sweep_chart.csv" &&
    grep -qx 'indicator,iom_share_assisted_voluntary,IOM share of assisted returns,share' "$TMP/share/sweep_chart.csv" &&
    ok sww-share-file || fail sww-share-file "$(cat "$TMP/share/sweep_chart.csv")"
# the table: the setting in percent, the share in percent
awk 'NR > 3 && NF > 2' "$TMP/share.out" | grep -q '^1 *60% *3 *[0-9.]*% ±' &&
    ok sww-share-table || fail sww-share-table "$(head -n 6 "$TMP/share.out")"
# the share as the series: the legend in percent
sww_sweep share2 "$TMP/sww-share.ini" --vary officers=1,3 --vary p_iom=0.6,0.8 \
    --reps 2 --quiet --indicators iom_share_assisted_voluntary
sww_has share2 "'IOM share of assisted voluntary returns: 60%'" \
    "'IOM share of assisted voluntary returns: 80%'"
sww_lacks share2 ": 0.6'"

# ---- --indicators ---------------------------------------------------------------
sww_sweep ind scenarios/mm1.ini --vary lambda=0.5,0.6 --reps 2 \
    --indicators caseload_end,time_to_departure_median_days
[ "$(sww_plots ind)" = 2 ] && ok sww-ind-panels || fail sww-ind-panels "$(sww_plots ind) panels"
sww_has ind "'Caseload at the end, persons'" "'Median days from entry to departure'"
sww_lacks ind "Verified departures" "Mean days"
[ "$(grep -c '^indicator,' "$TMP/ind/sweep_chart.csv")" = 2 ] &&
    [ "$(grep '^indicator,' "$TMP/ind/sweep_chart.csv" | cut -d, -f2 | tr '\n' ' ')" = "caseload_end time_to_departure_median_days " ] &&
    ok sww-ind-file || fail sww-ind-file "$(cat "$TMP/ind/sweep_chart.csv")"
# the table shows them alone; sweep.csv keeps every indicator
head -n 3 "$TMP/ind.out" | grep -q 'Caseload at the' && head -n 4 "$TMP/ind.out" | grep -q 'Median days' &&
    ! grep -q 'Verified' "$TMP/ind.out" && ok sww-ind-table || fail sww-ind-table "$(head -n 5 "$TMP/ind.out")"
grep -q ',departures_verified,' "$TMP/ind/sweep.csv" && ok sww-ind-csv-all ||
    fail sww-ind-csv-all "sweep.csv lacks departures_verified"
# rrsim plot draws the same from the files alone
cp "$TMP/ind/plots/sweep.gp" "$TMP/ind-first.gp"
rm -rf "$TMP/ind/plots"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/ind" --quiet >"$TMP/out" 2>"$TMP/err"
cmp -s "$TMP/ind-first.gp" "$TMP/ind/plots/sweep.gp" && ok sww-ind-replot ||
    fail sww-ind-replot "rrsim plot drew another chart"
# a name that is not an indicator: refused before anything runs
expect_stderr "rrsim: --indicators: unknown indicator 'caseload_ned' (did you mean 'caseload_end'?)" \
    sww-ind-unknown -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 \
    --indicators departures_verified,caseload_ned --out "$TMP/ind-bad"
expect_stderr "rrsim: --indicators: 'arrivals' is listed twice" sww-ind-twice -- \
    "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 --indicators arrivals,arrivals \
    --out "$TMP/ind-bad"
"$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 --indicators caseload_total \
    --out "$TMP/ind-bad" >"$TMP/out" 2>"$TMP/err"
sww_rc=$?
[ "$sww_rc" -eq 2 ] && grep -q "^rrsim: --indicators: 'caseload_total' is not an indicator of the whole run (one of: departures_voluntary_iom, .*, caseload_end, .*)$" "$TMP/err" &&
    ok sww-ind-metric || fail sww-ind-metric "exit $sww_rc: $(cat "$TMP/err")"
[ ! -e "$TMP/ind-bad" ] && ok sww-ind-no-folder || fail sww-ind-no-folder "a refused sweep left a folder"

# ---- the analyst's question: IOM capacity against IOM's share ----------------------
# rrsim sweep nl-baseline --vary stage.iom.servers=... --vary iom_share=...
"$RRSIM" sweep scenarios/nl-baseline.ini --vary stage.iom.servers=200,800 \
    --vary iom_share=0.6,0.8 --reps 2 --out "$TMP/iom" >"$TMP/iom.out" 2>"$TMP/err"
sww_rc=$?
[ "$sww_rc" -eq 0 ] && ok sww-iom-runs || fail sww-iom-runs "exit $sww_rc: $(head -c 300 "$TMP/err")"
[ "$(ls "$TMP/iom" | tr '\n' ' ')" = "plots run.csv sweep.csv sweep_chart.csv " ] &&
    ok sww-iom-files || fail sww-iom-files "$(ls "$TMP/iom")"
[ "$(printf '%s\n' role,name,label,unit \
      'setting,stage.iom.servers,IOM servers,NA' 'setting,iom_share,IOM share,share' \
      'indicator,departures_verified,"Verified departures, persons",persons' \
      'indicator,departures_unsupervised,"Departures without supervision, persons",persons' \
      'indicator,iom_share_assisted_voluntary,IOM share of assisted returns,share' \
      'indicator,time_to_departure_mean_days,Mean days from entry to departure,days' \
      'indicator,time_to_departure_p90_days,Days until 90% have departed,days' \
      'indicator,caseload_end,"Caseload at the end, persons",persons')" = "$(cat "$TMP/iom/sweep_chart.csv")" ] &&
    ok sww-iom-chart-file || fail sww-iom-chart-file "$(cat "$TMP/iom/sweep_chart.csv")"
# four points; IOM's share of assisted returns follows the setting
sww_n=$(grep -c ',iom_share_assisted_voluntary,' "$TMP/iom/sweep.csv")
sww_s=$(awk -F, '$5 == "iom_share_assisted_voluntary" { print $4 "=" $7 }' "$TMP/iom/sweep.csv" | tr '\n' ' ')
[ "$sww_n" = 4 ] && echo "$sww_s" | awk '{
        for (i = 1; i <= NF; i++) { split($i, a, "="); m[a[1]] += a[2]; c[a[1]]++ }
        exit !(m["0.8"] / c["0.8"] > m["0.6"] / c["0.6"] + 0.05) }' &&
    ok sww-iom-share-follows || fail sww-iom-share-follows "$sww_n rows: $sww_s"
# the table in words and percent
sww_h=$(sed -n 3,4p "$TMP/iom.out")
echo "$sww_h" | grep -q 'IOM servers' && echo "$sww_h" | grep -q 'IOM share' &&
    sed -n '5,8p' "$TMP/iom.out" | awk '{ print $2, $3 }' | tr '\n' ' ' | grep -qx '200 60% 200 80% 800 60% 800 80% ' &&
    ! grep -q 'stage.iom.servers\|[[:space:]]0\.[68][[:space:]]' "$TMP/iom.out" &&
    ok sww-iom-table || fail sww-iom-table "$(head -n 9 "$TMP/iom.out")"
requires gnuplot
    sw_png_ok=$(od -An -tx1 -N8 "$TMP/iom/plots/sweep.png" 2>/dev/null | tr -d ' \n')
    [ "$sw_png_ok" = 89504e470d0a1a0a ] && ok sww-iom-png || fail sww-iom-png "no PNG"
    RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/iom" --quiet >"$TMP/out" 2>"$TMP/err"
    sww_has iom "'Indicators against IOM servers and IOM share'" "'IOM share: 60%'" \
        "'IOM share: 80%'" "a line per IOM share" "'IOM servers'"
    sww_lacks iom "stage.iom" "iom_share" "'0.6" "= 0.8"
    # a received folder whose labels are commands, quotes and formats: drawn
    # as they are, nothing run
    sww_hostile='`touch pwned` $(touch pwned) 100% %s '"'q'"' @x'
    printf 'role,name,label,unit\nsetting,iom_share,"%s",share\nindicator,caseload_end,"%s",persons\n' \
        "$sww_hostile" "$sww_hostile" >"$TMP/iom/sweep_chart.csv"
    mkdir -p "$TMP/iom-cwd"
    sww_abs=$(cd "$(dirname "$RRSIM")" && pwd)/$(basename "$RRSIM")
    (cd "$TMP/iom-cwd" && "$sww_abs" plot "$TMP/iom" --plot svg) >"$TMP/out" 2>"$TMP/err"
    sww_rc=$?
    [ "$sww_rc" -eq 0 ] && [ -z "$(ls -A "$TMP/iom-cwd")" ] && [ ! -e "$TMP/iom/pwned" ] &&
        grep -qF '100% %s' "$TMP/iom/plots/sweep.svg" && ok sww-hostile-labels ||
        fail sww-hostile-labels "exit $sww_rc: $(cat "$TMP/err")"
requires -
rm -rf "$TMP/three" "$TMP/four" "$TMP/label" "$TMP/label-run" "$TMP/relabel" \
    "$TMP/share" "$TMP/share2" "$TMP/ind" "$TMP/iom" "$TMP/iom-cwd" \
    "$TMP"/sww-*.ini "$TMP"/*.out "$TMP/ind-first.gp"
