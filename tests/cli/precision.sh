# precision.sh - replications to a target precision: --precision,
# --precision-of and --max-reps on run, compare and sweep; what the
# terminal says and what run.csv records; the same bytes whatever
# --threads; bad values refused before anything is simulated.
P=$TMP/pr
mkdir -p "$P"
pr_run() { "$RRSIM" run scenarios/mm1.ini --plot none "$@"; }
# pr_col DIR NAME - column NAME of run.csv's row ROW (default 2), by the
# header, counted from the end (the source holds a quoted comma).
pr_col() {
    awk -F, -v name="$2" -v row="${3:-2}" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; h = NF }
        NR == row { print (c ? $(c + NF - h) : "") }' "$1/run.csv"
}
# pr_same A B - every CSV file of two results folders has the same bytes
pr_same() {
    for f in "$1"/*.csv; do
        cmp -s "$f" "$2/$(basename "$f")" || return 1
    done
}

# ---- reached: a loose target on mm1, from a first batch of 4 ---------------
expect_exit 0 precision-run -- pr_run --reps 4 --precision 2% --out "$P/a"
pr_n=$(pr_col "$P/a" replications)
grep -q "^precision 2% reached after $pr_n replications: departures_verified ±[0-9.]*%; left out, as departures_unsupervised is 0 in every one of the $pr_n replications\$" "$TMP/out" &&
    [ ! -s "$TMP/err" ] && ok precision-run-says ||
    fail precision-run-says "$(cat "$TMP/out" "$TMP/err")"
# more than the first batch, and summary.csv's intervals are of them
[ "$pr_n" -gt 4 ] && [ "$(awk -F, '$2 == "departures_verified" { print $8 }' "$P/a/summary.csv")" = "$pr_n" ] &&
    ok precision-run-replications || fail precision-run-replications "$pr_n: $(grep departures_verified "$P/a/summary.csv")"
[ "$(head -n 1 "$P/a/run.csv")" = "scenario,title,source,start,end,report,warmup_days,replications,seed,overrides,precision_target,precision_indicators,precision_reached,precision_stop,events,version" ] &&
    [ "$(pr_col "$P/a" precision_target)" = 0.02 ] &&
    [ "$(pr_col "$P/a" precision_indicators)" = "departures_verified;departures_unsupervised" ] &&
    [ "$(pr_col "$P/a" precision_stop)" = reached ] &&
    awk -v r="$(pr_col "$P/a" precision_reached)" 'BEGIN { exit !(r > 0 && r <= 0.02) }' &&
    ok precision-run-csv || fail precision-run-csv "$(cat "$P/a/run.csv")"
# the reached precision is summary.csv's: half the interval over the mean
awk -F, -v r="$(pr_col "$P/a" precision_reached)" '$2 == "departures_verified" {
        d = ($7 - $6) / 2 / $4 - r; exit !(d < 1e-8 && d > -1e-8) }' "$P/a/summary.csv" &&
    ok precision-run-matches-summary || fail precision-run-matches-summary "$(grep departures_verified "$P/a/summary.csv")"
# 0.02 is 2%; one thread or two: the same replications and bytes
expect_exit 0 precision-fraction -- pr_run --reps 4 --precision 0.02 --threads 1 --quiet --out "$P/b"
pr_same "$P/a" "$P/b" && ok precision-threads-same ||
    fail precision-threads-same "$(diff "$P/a/run.csv" "$P/b/run.csv")"
[ ! -s "$TMP/out" ] && ok precision-quiet || fail precision-quiet "$(cat "$TMP/out")"
# and the same as a fixed run of that many replications, but for run.csv
pr_diff=
expect_exit 0 precision-fixed -- pr_run --reps "$pr_n" --quiet --out "$P/c"
for f in summary.csv timeseries.csv timeseries_summary.csv; do
    cmp -s "$P/a/$f" "$P/c/$f" || pr_diff="$pr_diff $f"
done
[ -z "$pr_diff" ] && [ "$(pr_col "$P/c" precision_target),$(pr_col "$P/c" precision_stop)" = "NA,NA" ] &&
    ok precision-as-fixed || fail precision-as-fixed "differ:$pr_diff; $(cat "$P/c/run.csv")"

# the resolved scenario with the same --precision reproduces every file
expect_exit 0 precision-resolved -- "$RRSIM" run "$P/a/scenario.resolved.ini" --precision 2% \
    --plot none --quiet --out "$P/r"
pr_same "$P/a" "$P/r" && ok precision-resolved-same ||
    fail precision-resolved-same "$(diff "$P/a/run.csv" "$P/r/run.csv")"

# ---- not reached: a warning, exit 0, run.csv says so ---------------------------
expect_exit 0 precision-max-reps -- pr_run --precision 0.1% --max-reps 6 --quiet --out "$P/d"
grep -q '^rrsim: warning: precision 0.1% not reached after 6 replications (--max-reps): departures_verified ±[0-9.]*%; left out, as departures_unsupervised is 0 in every one of the 6 replications$' "$TMP/err" &&
    [ "$(wc -l <"$TMP/err")" -eq 1 ] && ok precision-max-reps-warns ||
    fail precision-max-reps-warns "$(cat "$TMP/err")"
[ "$(pr_col "$P/d" replications),$(pr_col "$P/d" precision_stop)" = "6,max_reps" ] &&
    awk -v r="$(pr_col "$P/d" precision_reached)" 'BEGIN { exit !(r > 0.001) }' &&
    ok precision-max-reps-csv || fail precision-max-reps-csv "$(cat "$P/d/run.csv")"

# ---- an indicator that is 0 throughout, when named ---------------------------
expect_exit 0 precision-zero -- pr_run --reps 3 --precision 1% --precision-of departures_unsupervised --quiet --out "$P/e"
[ "$(cat "$TMP/err")" = "rrsim: warning: precision 1% cannot be reached: departures_unsupervised is 0 in every one of the 3 replications, and a relative half-width needs a mean other than 0; stopped after 3 replications (choose other indicators with --precision-of)" ] &&
    [ "$(pr_col "$P/e" replications),$(pr_col "$P/e" precision_reached),$(pr_col "$P/e" precision_stop)" = "3,NA,zero_mean" ] &&
    ok precision-zero-says || fail precision-zero-says "$(cat "$TMP/err" "$P/e/run.csv")"
# named ones are judged alone: the mean time to departure, to 5%
expect_exit 0 precision-named -- pr_run --reps 3 --precision 5% --precision-of time_to_departure_mean_days,arrivals --out "$P/f"
grep -q '^precision 5% reached after [0-9]* replications: time_to_departure_mean_days ±[0-9.]*%, arrivals ±[0-9.]*%$' "$TMP/out" &&
    [ "$(pr_col "$P/f" precision_indicators)" = "time_to_departure_mean_days;arrivals" ] &&
    ok precision-named-says || fail precision-named-says "$(cat "$TMP/out")"

# ---- compare: the paired differences; sweep: every design point ------------
printf '[scenario]\nbase = %s/scenarios/mm1.ini\nname = mm1-busier\n[parameters]\nlambda = 0.85\n' "$(pwd)" >"$P/busier.ini"
expect_exit 0 precision-compare -- "$RRSIM" compare scenarios/mm1.ini "$P/busier.ini" \
    --reps 4 --precision 10% --precision-of departures_verified --plot none --out "$P/g"
grep -q '^precision 10% of the differences reached after [0-9]* replications: departures_verified ±[0-9.]*%$' "$TMP/out" &&
    [ "$(pr_col "$P/g" precision_stop 2),$(pr_col "$P/g" precision_stop 3)" = "reached,reached" ] &&
    [ "$(pr_col "$P/g" replications 2)" = "$(pr_col "$P/g" replications 3)" ] &&
    ok precision-compare-says || fail precision-compare-says "$(cat "$TMP/out" "$P/g/run.csv")"
# the interval of compare.csv's difference is what was judged
awk -F, -v r="$(pr_col "$P/g" precision_reached)" '$3 == "departures_verified" {
        d = ($9 - $8) / 2 / $7 - r; exit !(d < 1e-8 && d > -1e-8 && r <= 0.1) }' "$P/g/compare.csv" &&
    ok precision-compare-difference || fail precision-compare-difference "$(cat "$P/g/compare.csv")"
expect_exit 0 precision-sweep -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.8 \
    --reps 4 --precision 2% --plot none --out "$P/h"
grep -q '^precision 2% at every design point reached after [0-9]* replications: departures_verified ±[0-9.]*% (lambda=0.[58]); left out, as departures_unsupervised is 0 in every one of the [0-9]* replications at every design point$' "$TMP/out" &&
    [ "$(pr_col "$P/h" precision_stop)" = reached ] && ok precision-sweep-says ||
    fail precision-sweep-says "$(cat "$TMP/out" "$P/h/run.csv")"

# ---- bad values: exit 2, a clear message, nothing written --------------------
pr_bad() {
    name=$1; text=$2; shift 2
    expect_stderr "$text
(see 'rrsim run --help')" "$name" -- pr_run --out "$P/bad" "$@"
    [ ! -e "$P/bad" ] || { fail "$name-nothing-written" "$(ls "$P/bad")"; rm -rf "$P/bad"; }
}
for pr_v in 0% -1 abc 150% 100% 0 "" 1%%; do
    pr_bad "precision-bad-'$pr_v'" "rrsim: --precision: expected a share more than 0 and less than 100%, as 1% or 0.01, got '$pr_v'" --precision "$pr_v"
done
pr_bad precision-bad-1 "rrsim: --precision: expected a share more than 0 and less than 100%, as 1% or 0.01, got '1' (did you mean '1%'?)" --precision 1
pr_bad precision-of-unknown "rrsim: --precision-of: 'departures_verifed' is not an indicator of summary.csv (did you mean 'departures_verified'?)" \
    --precision 1% --precision-of departures_verifed
pr_bad precision-of-metric "rrsim: --precision-of: 'caseload_officer' is reported per period only (timeseries.csv), not an indicator of summary.csv; a precision is judged on those" \
    --precision 1% --precision-of arrivals,caseload_officer
pr_bad precision-of-empty "rrsim: --precision-of: expected indicator names separated by commas, got 'arrivals,'" \
    --precision 1% --precision-of arrivals,
pr_bad precision-of-twice "rrsim: --precision-of: 'arrivals' is named twice" \
    --precision 1% --precision-of arrivals,arrivals
pr_bad max-reps-one "rrsim: --max-reps: expected a whole number from 2 to 1000000, got '1'" \
    --precision 1% --max-reps 1
pr_bad max-reps-alone "rrsim: --max-reps applies only with --precision" --max-reps 50
pr_bad precision-of-alone "rrsim: --precision-of applies only with --precision" --precision-of arrivals
expect_stderr "rrsim: --precision-of: 'departures_verifed' is not an indicator of summary.csv for scenarios/mm1.ini (did you mean 'departures_verified'?)
(see 'rrsim compare --help')" precision-compare-unknown -- "$RRSIM" compare scenarios/mm1.ini "$P/busier.ini" \
    --precision 1% --precision-of departures_verified,departures_verifed --out "$P/bad"
# fit compares yearly figures: --precision is not among its options
expect_stderr "rrsim: option '--precision' does not apply to fit
(see 'rrsim fit --help')" precision-not-fit -- "$RRSIM" fit scenarios/mm1.ini x.csv --precision 1%
rm -rf "$P"
