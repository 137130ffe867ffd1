# plot_scripts.sh - the charts' gnuplot scripts against golden copies.
#
# With RRSIM_GNUPLOT_SCRIPT=1 rrsim writes each chart's gnuplot script
# (plots/NAME.gp) instead of drawing it.  tests/golden_scripts.sh writes
# those of fixed runs, a sweep, a comparison, a fit and the received
# folders of tests/hostile/plot-*; each must equal its copy in
# tests/reference/scripts/ byte for byte (make test-update rewrites them
# after a reviewed change to the charts).  Then: script mode needs no
# gnuplot and writes scripts only; the scripts hold no path; the charts
# are the same whether the indicator column is called indicator, kpi or
# metric; and a script is the very text gnuplot is fed when it draws (a
# gnuplot that records its input).
PS=$TMP/ps
PS_REF=tests/reference/scripts
rm -rf "$PS"
mkdir -p "$PS"

if RRSIM="$RRSIM" sh tests/golden_scripts.sh "$PS/got" >"$PS/log" 2>&1; then
    ok plot-scripts-written
else
    fail plot-scripts-written "$(cat "$PS/log")"
fi
for f in "$PS_REF"/*/*.gp; do
    c=${f#"$PS_REF"/}
    if [ ! -f "$PS/got/$c" ]; then
        fail "plot-script-$c" "not written any more"
    elif cmp -s "$f" "$PS/got/$c"; then
        ok "plot-script-$c"
    else
        fail "plot-script-$c" "differs from $f (make test-update rewrites it):
$(diff "$f" "$PS/got/$c" | head -n 8)"
    fi
done
for f in "$PS/got"/*/*.gp; do
    c=${f#"$PS/got"/}
    [ -f "$PS_REF/$c" ] ||
        fail "plot-script-$c" "new script, not in $PS_REF (make test-update)"
done
# nine cases, twenty-one scripts (a comparison has two): a reference
# folder that lost some fails
n=$(ls "$PS_REF"/*/*.gp 2>/dev/null | wc -l)
[ "$n" -eq 21 ] && ok plot-scripts-all-there ||
    fail plot-scripts-all-there "$n scripts in $PS_REF, 21 expected"
# an event with chart = no (the baseline's yearly intake mix) is not drawn;
# the policy events are
ps_nl=$PS/got/nl-baseline/departures.gp
grep -qF "'Talks cut'" "$ps_nl" && grep -qF "'War in Ukraine'" "$ps_nl" &&
    ! grep -q "Mix 20" "$ps_nl" &&
    ok plot-script-event-chart-no || fail plot-script-event-chart-no "$(grep -n "Mix\|Talks" "$ps_nl" | head -n 5)"
# a received events.csv with a chart cell other than yes or no is refused,
# naming the file, line and column
mkdir -p "$PS/evbad"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run scenarios/mm1.ini --reps 2 --out "$PS/evbad/r" --quiet >/dev/null 2>&1
printf 'scenario,name,label,from,until,chart\nmm1,x,X,2024-01-01,NA,maybe\n' >"$PS/evbad/r/events.csv"
expect_stderr "rrsim: $PS/evbad/r/events.csv:2: column 'chart': expected yes or no, got 'maybe'" \
    plot-events-chart-bad -- "$RRSIM" plot "$PS/evbad/r"
# no path in a script: not the scratch folder, not the working folder
found=$(grep -l -F -e "$TMP" -e "$PWD" "$PS/got"/*/*.gp 2>/dev/null)
[ -z "$found" ] && ok plot-scripts-no-path ||
    fail plot-scripts-no-path "a path in: $found"

# ---- script mode needs no gnuplot and draws nothing ------------------------
RRSIM_GNUPLOT="$PS/no-such-gnuplot" RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run \
    scenarios/mm1.ini --reps 2 --seed 42 --plot svg --quiet --out "$PS/m" \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] &&
    [ "$(ls "$PS/m/plots" | tr '\n' ' ')" = "caseload.gp departures.gp reintegration.gp time_to_departure.gp utilisation.gp " ] &&
    ok plot-script-mode-run || fail plot-script-mode-run "exit $rc, $(ls "$PS/m/plots" 2>&1): $(cat "$TMP/err")"
grep -qx "set output 'departures.svg'" "$PS/m/plots/departures.gp" &&
    grep -q '^set terminal svg ' "$PS/m/plots/departures.gp" &&
    ok plot-script-mode-format || fail plot-script-mode-format "$(head -n 3 "$PS/m/plots/departures.gp")"
# ---- the indicator column under any of its names ---------------------------
# ps_rename FILE FROM TO - the header of FILE with column FROM called TO.
ps_rename() {
    sed -i "1s/\(^\|,\)$2\(,\|\$\)/\1$3\2/" "$1"
}
# ps_same NAME DIR REF - a pass when DIR/plots/*.gp are those of REF.
ps_same() {
    bad=
    for f in "$3"/*.gp; do
        cmp -s "$f" "$2/plots/$(basename "$f")" || bad="$bad $(basename "$f")"
    done
    [ -z "$bad" ] && [ "$(ls "$2/plots" | wc -l)" -eq "$(ls "$3" | wc -l)" ] &&
        ok "$1" || fail "$1" "differ:$bad ($(ls "$2/plots" | tr '\n' ' '))"
}
# a run folder of 0.1 (its indicator column called metric or kpi, no unit
# column in the time series) draws the same charts
for name in metric kpi; do
    rm -rf "$PS/syn"
    mkdir -p "$PS/syn"
    cp "$PS/m/"*.csv "$PS/m/.rrsim-results" "$PS/syn/"
    cut -d, -f1-5,7- "$PS/syn/timeseries.csv" >"$PS/syn/timeseries.csv.x" &&
        mv "$PS/syn/timeseries.csv.x" "$PS/syn/timeseries.csv"
    cut -d, -f1-4,6- "$PS/syn/timeseries_summary.csv" >"$PS/syn/timeseries_summary.csv.x" &&
        mv "$PS/syn/timeseries_summary.csv.x" "$PS/syn/timeseries_summary.csv"
    ps_rename "$PS/syn/timeseries.csv" indicator "$name"
    ps_rename "$PS/syn/timeseries_summary.csv" indicator "$name"
    ps_rename "$PS/syn/summary.csv" indicator "$name"
    if head -n 1 "$PS/syn/timeseries_summary.csv" | grep -q ",$name,mean,"; then :; else
        fail "plot-script-column-$name-run" "not renamed: $(head -n 1 "$PS/syn/timeseries_summary.csv")"
    fi
    RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$PS/syn" --plot svg --quiet \
        >"$TMP/out" 2>"$TMP/err"
    ps_same "plot-script-column-$name-run" "$PS/syn" "$PS/m/plots"
done
# the received folders: kpi, metric and indicator for one another
for k in sweep:sweep.csv:kpi:indicator compare:compare.csv:kpi:metric \
         fit:fit.csv:indicator:kpi; do
    kind=${k%%:*}; rest=${k#*:}
    file=${rest%%:*}; rest=${rest#*:}
    from=${rest%%:*}; to=${rest#*:}
    rm -rf "$PS/syn"
    cp -R "tests/hostile/plot-$kind" "$PS/syn"
    ps_rename "$PS/syn/$file" "$from" "$to"
    if head -n 1 "$PS/syn/$file" | grep -q ",$to,"; then
        RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$PS/syn" --plot svg --quiet \
            >"$TMP/out" 2>"$TMP/err"
        ps_same "plot-script-column-$to-$kind" "$PS/syn" "$PS_REF/plot-$kind"
    else
        fail "plot-script-column-$to-$kind" "not renamed: $(head -n 1 "$PS/syn/$file")"
    fi
done
# a sweep that varies a parameter called like an old name of the
# indicator column: the indicator column is the one after the keys
rm -rf "$PS/syn"
cp -R tests/hostile/plot-sweep "$PS/syn"
ps_rename "$PS/syn/sweep.csv" mean_talk metric
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$PS/syn" --plot svg --quiet \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && grep -qF "and metric' at screen" "$PS/syn/plots/sweep.gp" &&
    [ "$(grep -c '<< EOD$' "$PS/syn/plots/sweep.gp")" = \
      "$(grep -c '<< EOD$' "$PS_REF/plot-sweep/sweep.gp")" ] &&
    ok plot-script-sweep-key-metric ||
    fail plot-script-sweep-key-metric "exit $rc: $(cat "$TMP/err")"

rm -rf "$PS/m/plots"
RRSIM_GNUPLOT="$PS/no-such-gnuplot" RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot \
    "$PS/m" --plot pdf --quiet >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(ls "$PS/m/plots" | wc -l)" -eq 5 ] &&
    grep -qx "set output 'caseload.pdf'" "$PS/m/plots/caseload.gp" &&
    ok plot-script-mode-plot || fail plot-script-mode-plot "exit $rc: $(cat "$TMP/err")"
# only 1 switches it on: otherwise gnuplot is looked for as always
RRSIM_GNUPLOT="$PS/no-such-gnuplot" RRSIM_GNUPLOT_SCRIPT=yes "$RRSIM" run \
    scenarios/mm1.ini --reps 2 --quiet --out "$PS/m2" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -e "$PS/m2/plots" ] &&
    grep -q 'warning: gnuplot not found' "$TMP/err" &&
    ok plot-script-mode-only-1 || fail plot-script-mode-only-1 "exit $rc: $(cat "$TMP/err")"

# ---- a script is what gnuplot is fed ---------------------------------------
requires gnuplot
    mkdir -p "$PS/fed"
    printf '#!/bin/sh\nf=$(mktemp "%s/fed/in.XXXXXX")\ntee "$f" | "%s" "$@"\n' \
        "$PS" "$(command -v gnuplot)" >"$PS/tee-gnuplot"
    chmod +x "$PS/tee-gnuplot"
    RRSIM_GNUPLOT="$PS/tee-gnuplot" "$RRSIM" run scenarios/mm1.ini --reps 2 \
        --seed 42 --quiet --out "$PS/drawn" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$PS/drawn" --quiet \
        >>"$TMP/out" 2>>"$TMP/err" || rc=$?
    bad=
    for f in "$PS/fed"/in.*; do
        name=$(sed -n "s/^set output '\(.*\)\.png'\$/\1/p" "$f" | head -n 1)
        cmp -s "$f" "$PS/drawn/plots/$name.gp" || bad="$bad $name"
    done
    [ "$rc" -eq 0 ] && [ "$(ls "$PS/fed" | wc -l)" -eq 5 ] && [ -z "$bad" ] &&
        ok plot-script-is-what-gnuplot-reads ||
        fail plot-script-is-what-gnuplot-reads "exit $rc, differ:$bad; $(ls "$PS/fed"): $(cat "$TMP/err")"
requires -
# a run with settings changed on the command line says so under each chart,
# without the replications (stated anyway); the scenario's own run does not
rm -rf "$PS/ovr" "$PS/own"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run scenarios/mm1.ini --set arrivals.rate=0.8/day --reps 2 \
    --out "$PS/ovr" --quiet 2>"$PS/err"
grep -q "'Scenario mm1 with arrivals.rate=0.8/day · 2 replications · rrsim " "$PS/ovr/plots/departures.gp" &&
    ok plot-footer-overrides || fail plot-footer-overrides "$(grep -h Scenario "$PS/ovr/plots/departures.gp" "$PS/err" | head -3)"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run scenarios/mm1.ini --reps 2 --out "$PS/own" --quiet 2>"$PS/err"
grep -q "'Scenario mm1 · 2 replications · rrsim " "$PS/own/plots/departures.gp" &&
    ok plot-footer-own || fail plot-footer-own "$(grep -h Scenario "$PS/own/plots/departures.gp" "$PS/err" | head -3)"

rm -rf "$PS"
