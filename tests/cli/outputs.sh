# outputs.sh - the results folder: its files, byte-identical reruns, the
# resolved scenario, interrupted and failed runs, charts and `rrsim plot`.
# Uses mm1 and nl-baseline with few replications; charts only where tested.
# Works in $TMP/outputs and removes it at the end.
O=$TMP/outputs
mkdir -p "$O"

# out_check NAME CONDITION-COMMAND... - a pass when the command succeeds.
out_check() {
    name=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "failed: $*"; fi
}
# out_same NAME DIR1 DIR2 - every CSV file of DIR1 is in DIR2, byte for byte.
out_same() {
    name=$1; d1=$2; d2=$3; bad=
    for f in "$d1"/*.csv; do
        cmp -s "$f" "$d2/$(basename "$f")" || bad="$bad $(basename "$f")"
    done
    if [ -z "$bad" ]; then ok "$name"; else fail "$name" "differ:$bad"; fi
}
# out_none_hidden NAME DIR - no temporary folder left in DIR.
out_none_hidden() {
    left=$(ls -A "$2" | grep -E '^\..*\.(tmp|old)-[0-9]+$')
    if [ -z "$left" ]; then ok "$1"; else fail "$1" "left behind: $left"; fi
}

# ---- the folder and its files -------------------------------------------
expect_exit 0 out-run -- "$RRSIM" run scenarios/mm1.ini --reps 3 \
    --plot none --out "$O/m1"
for f in timeseries.csv timeseries_summary.csv summary.csv events.csv \
         stages.csv stages_summary.csv countries.csv countries_summary.csv \
         run.csv scenario.resolved.ini; do
    out_check "out-file-$f" test -s "$O/m1/$f"
done
out_check out-no-trace test ! -e "$O/m1/cases.csv"
out_check out-no-plots test ! -e "$O/m1/plots"
out_check out-no-inputs-without-tables test ! -e "$O/m1/inputs"
out_none_hidden out-no-temp "$O"
[ "$(head -n 1 "$O/m1/timeseries_summary.csv")" = \
  "scenario,period_start,period_end,indicator,unit,mean,ci95_low,ci95_high,replications" ] &&
    ok out-summary-header || fail out-summary-header "$(head -n 1 "$O/m1/timeseries_summary.csv")"
[ "$(head -n 1 "$O/m1/run.csv")" = "scenario,title,source,start,end,report,warmup_days,replications,seed,overrides,precision_target,precision_indicators,precision_reached,precision_stop,events,version" ] &&
    [ "$(sed -n 2p "$O/m1/run.csv" | sed 's/,[1-9][0-9]*,\([^,]*\)$/,EVENTS,\1/')" = "mm1,M/M/1 teaching scenario,\"Theory: M/M/1 queue (lambda 0.8/day, mu 1/day)\",2024-01-01,2033-12-31,year,365.25,3,1,scenario.replications=3,NA,NA,NA,NA,EVENTS,$("$RRSIM" --version | cut -d' ' -f2)" ] &&
    ok out-run-csv || fail out-run-csv "$(cat "$O/m1/run.csv")"
[ "$(cat "$O/m1/events.csv")" = "scenario,name,label,from,until,chart" ] &&
    ok out-events-empty || fail out-events-empty "$(cat "$O/m1/events.csv")"
# a KPI table on stdout and nothing on stderr when stderr is no terminal
expect_exit 0 out-stdout -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
    --plot none --out "$O/m2"
grep -q "^results: $O/m2\$" "$TMP/out" && ok out-results-line ||
    fail out-results-line "$(tail -n 1 "$TMP/out")"
[ ! -s "$TMP/err" ] && ok out-no-progress-off-tty ||
    fail out-no-progress-off-tty "$(head -c 200 "$TMP/err")"
expect_exit 0 out-quiet -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
    --plot none --quiet --out "$O/m3"
[ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] && ok out-quiet-silent ||
    fail out-quiet-silent "stdout or stderr not empty"

# an existing folder is kept unless --force
printf 'keep\n' >"$O/m1/mine.txt"
expect_stderr "rrsim: results folder '$O/m1' exists already (use --force to replace it, or --out to choose another)" \
    out-exists -- "$RRSIM" run scenarios/mm1.ini --reps 2 --plot none --out "$O/m1"
out_check out-exists-untouched test -f "$O/m1/mine.txt"
expect_exit 0 out-force -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
    --plot none --quiet --force --out "$O/m1"
out_check out-force-replaced test ! -e "$O/m1/mine.txt"
out_none_hidden out-force-no-temp "$O"
# a bad scenario makes no folder
expect_exit 2 out-bad-input -- "$RRSIM" run scenarios/mm1.ini --set \
    scenario.replications=0 --out "$O/bad"
out_check out-bad-no-folder test ! -e "$O/bad"

# ---- the same seed and inputs give the same bytes --------------------------
expect_exit 0 out-trace-1 -- "$RRSIM" run scenarios/nl-baseline.ini --reps 2 \
    --trace --threads 1 --plot none --quiet --out "$O/d1"
expect_exit 0 out-trace-2 -- "$RRSIM" run scenarios/nl-baseline.ini --reps 2 \
    --trace --threads 2 --plot none --quiet --out "$O/d2"
out_same out-same-bytes-threads "$O/d1" "$O/d2"
out_check out-cases-written test -s "$O/d1/cases.csv"
out_check out-ttd-written test -s "$O/d1/time_to_departure.csv"
[ "$(head -n 1 "$O/d1/cases.csv")" = \
  "scenario,replication,case_id,country,vulnerable,origin,entered,channel_entered,channel,departure,departed,provider,outcome,outcome_date,remigrates,last_stage" ] &&
    ok out-cases-header || fail out-cases-header "$(head -n 1 "$O/d1/cases.csv")"
bad=$(awk -F, 'NR > 1 && (NF != 16 || $2 < 1 || $2 > 2) { print NR; exit }' "$O/d1/cases.csv")
[ -z "$bad" ] && ok out-cases-rows || fail out-cases-rows "line $bad"
# replication 1 first, then 2: concatenated in order
[ "$(cut -d, -f2 "$O/d1/cases.csv" | uniq | tr '\n' ' ')" = "replication 1 2 " ] &&
    ok out-cases-order || fail out-cases-order "replications not in order"
out_none_hidden out-no-part-files "$O/d1"
[ "$(sed -n 2p "$O/d1/events.csv")" = \
  "nl-baseline,covid_talks,Talks cut,2020-03-16,2020-07-01,yes" ] &&
    ok out-events-row || fail out-events-row "$(sed -n 2p "$O/d1/events.csv")"
# chart = no: the yearly intake mix is listed, acts, and is not drawn
[ "$(grep -c ',intake_mix_20[0-9]*,Mix 20[0-9]*,.*,no$' "$O/d1/events.csv")" = 5 ] &&
    [ "$(grep -c ',yes$' "$O/d1/events.csv")" = "$(($(wc -l <"$O/d1/events.csv") - 6))" ] &&
    ok out-events-chart-column || fail out-events-chart-column "$(cat "$O/d1/events.csv")"

# scenario.resolved.ini is a scenario that reproduces the run
R=$O/d1/scenario.resolved.ini
for k in version scenario scenario_hash command seed; do
    grep -q "^; manifest: $k = ." "$R" && ok "out-manifest-$k" ||
        fail "out-manifest-$k" "no '; manifest: $k' line"
done
long=$(grep -v '^;' "$R" | awk 'length > 197 { print NR; exit }')
[ -z "$long" ] && ok out-resolved-line-limit || fail out-resolved-line-limit "line $long"
# values keep their ${...}, with what they resolve to in a comment
grep -q '^rate = \${intake_2019}/year ; = 22550/year$' "$R" &&
    ok out-resolved-refs || fail out-resolved-refs "no 'rate = \${intake_2019}/year ; = 22550/year'"
grep -q '^schedule = inputs/nl-intake.csv' "$R" && ok out-resolved-inputs ||
    fail out-resolved-inputs "schedule not pointing into inputs/"
grep -q '^iom_share.source = ' "$R" && ok out-resolved-notes ||
    fail out-resolved-notes "no source note"
for t in nl-intake.csv nl-countries.csv nl-caseload-2019.csv; do
    cmp -s "scenarios/data/$t" "$O/d1/inputs/$t" && ok "out-input-$t" ||
        fail "out-input-$t" "not a copy"
done
expect_exit 0 out-rerun -- "$RRSIM" run "$R" --trace --threads 2 \
    --plot none --quiet --out "$O/d3"
out_same out-rerun-same-bytes "$O/d1" "$O/d3"
# events that scale a parameter, empirical tables, a long --set value
expect_exit 0 out-fixture -- "$RRSIM" run tests/fixtures/basic.ini --trace \
    --plot none --quiet --out "$O/f1" --set "scenario.title=A title long \
enough to be continued on an indented line of the resolved scenario, since \
the reader takes at most one hundred and ninety-seven characters on a line"
expect_exit 0 out-fixture-rerun -- "$RRSIM" run "$O/f1/scenario.resolved.ini" \
    --trace --plot none --quiet --out "$O/f2"
out_same out-fixture-same-bytes "$O/f1" "$O/f2"
grep -q '^route.iom = \${iom_share}' "$O/f1/scenario.resolved.ini" &&
    ok out-resolved-event-param || fail out-resolved-event-param "not kept"

# ---- interrupted runs leave no results folder -------------------------------
mkdir -p "$O/sig"
for s in INT TERM KILL; do
    timeout -s $s 1 "$RRSIM" run scenarios/nl-baseline.ini --reps 400 \
        --threads 1 --plot none --quiet --out "$O/sig/r$s" >/dev/null 2>&1
    out_check "out-$s-no-folder" test ! -e "$O/sig/r$s"
done
[ -z "$(ls -A "$O/sig" | grep -E '^\.rrsim-r(INT|TERM)\.tmp-')" ] &&
    ok out-signal-cleaned || fail out-signal-cleaned "$(ls -A "$O/sig")"
[ -n "$(ls -A "$O/sig" | grep -E '^\.rrsim-rKILL\.tmp-[0-9]+$')" ] &&
    ok out-kill-hidden-temp || fail out-kill-hidden-temp "$(ls -A "$O/sig")"
expect_exit 0 out-after-kill -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
    --plot none --quiet --out "$O/sig/next"
out_none_hidden out-stale-removed "$O/sig"

# ---- charts -----------------------------------------------------------------
png_size() { od -An -tu1 -j16 -N8 "$1" | tr -s ' ' | sed 's/^ //'; }
requires gnuplot
    expect_exit 0 out-charts -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
        --quiet --out "$O/p1"
    for c in departures caseload time_to_departure reintegration utilisation; do
        [ "$(png_size "$O/p1/plots/$c.png" 2>/dev/null)" = "0 0 5 0 0 0 2 208" ] &&
            ok "out-chart-$c" || fail "out-chart-$c" "no 1280x720 PNG"
    done
    [ "$(ls -A "$O/p1/plots" | wc -l)" -eq 5 ] && ok out-charts-only ||
        fail out-charts-only "$(ls -A "$O/p1/plots")"
    out_none_hidden out-charts-no-temp "$O"
    # rrsim plot redraws from the CSV files alone
    rm -rf "$O/p1/plots"
    expect_exit 0 out-plot -- "$RRSIM" plot "$O/p1" --plot svg
    out_check out-plot-svg test -s "$O/p1/plots/departures.svg"
    out_none_hidden out-plot-no-temp "$O/p1"
    expect_exit 0 out-plot-traced -- "$RRSIM" plot "$O/d1" --plot pdf
    out_check out-plot-pdf test -s "$O/d1/plots/time_to_departure.pdf"
    # a gnuplot that fails is reported; the CSV files are still written
    mkdir -p "$O/bin"
    printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' >"$O/bin/gnuplot"
    chmod +x "$O/bin/gnuplot"
    RRSIM_GNUPLOT="$O/bin/gnuplot" "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
        --out "$O/p2" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 1 ] && grep -q "rrsim: gnuplot failed drawing 'departures.png' (exit status 3); the CSV files are in '$O/p2'" "$TMP/err" &&
        ok out-gnuplot-fails || fail out-gnuplot-fails "exit $rc: $(cat "$TMP/err")"
    out_check out-gnuplot-fails-csv test -s "$O/p2/summary.csv"
    out_check out-gnuplot-fails-no-plots test ! -e "$O/p2/plots"
requires -
# without gnuplot: the CSV files and one warning line
RRSIM_GNUPLOT=/nonexistent/gnuplot "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
    --out "$O/p3" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
    grep -q 'apt-get install gnuplot-nox' "$TMP/err" && ok out-no-gnuplot ||
    fail out-no-gnuplot "exit $rc: $(cat "$TMP/err")"
out_check out-no-gnuplot-csv test -s "$O/p3/timeseries.csv"
out_check out-no-gnuplot-no-plots test ! -e "$O/p3/plots"
expect_stderr "rrsim: cannot open '$O/none/timeseries_summary.csv': No such file or directory" \
    out-plot-missing -- "$RRSIM" plot "$O/none"
expect_stderr "rrsim: plot needs one results folder
(see 'rrsim plot --help')" out-plot-usage -- "$RRSIM" plot

# ---- the progress bar, on a terminal --------------------------------------
requires script
    script -qec "$RRSIM run scenarios/mm1.ini --reps 3 --plot none --out $O/tty" \
        /dev/null >"$O/tty.log" 2>&1
    grep -q '3/3 replications' "$O/tty.log" && ok out-progress-tty ||
        fail out-progress-tty "$(head -c 300 "$O/tty.log")"
requires -
rm -rf "$O" # the other parts expect an empty scratch folder
