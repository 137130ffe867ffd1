# strict_overrides.sh - --set and --vary cannot silently do nothing, and
# every override is recorded: an unknown key, or a parameter that no
# setting uses once the overrides apply, fails with exit 2 and the name
# meant (run, check, sweep); run.csv lists the overrides, and
# scenario.resolved.ini records them, with the overridden parameter's note
# replaced, so that a run of it writes the same CSV files byte for byte.
SO=$TMP/strict-overrides
mkdir -p "$SO"

# ---- refused ---------------------------------------------------------------
expect_stderr "rrsim: --set: unknown key 'iom_shar' (did you mean 'iom_share'?)" \
    strict-set-unknown -- "$RRSIM" run scenarios/nl-baseline.ini \
    --set iom_shar=0.6 --plot none --quiet --out "$SO/x"
expect_stderr "rrsim: --set abscond_mean: no setting uses this parameter (stage.rds.abscond used it, but is set by --set too)" \
    strict-set-unreferenced -- "$RRSIM" check scenarios/nl-baseline.ini \
    --set "stage.rds.abscond=exponential(mean=400d)" --set abscond_mean=500d
expect_stderr "rrsim: --set covid_flights: no setting in use uses this parameter: only event covid does, and it is switched off (enabled = no)" \
    strict-set-event-off -- "$RRSIM" check scenarios/nl-baseline.ini \
    --set event.covid.enabled=no --set covid_flights=0.3
expect_stderr "rrsim: --set stage.iom.release_to: never used: the stage has no 'max_stay'" \
    strict-set-unused-key -- "$RRSIM" check scenarios/nl-baseline.ini \
    --set stage.iom.release_to=rds
expect_stderr "rrsim: --vary: unknown key 'lambd' (did you mean 'lambda'?)" \
    strict-vary-unknown -- "$RRSIM" sweep scenarios/mm1.ini \
    --vary lambd=0.5,0.6 --reps 2 --plot none --quiet --out "$SO/x"
expect_stderr "rrsim: --vary lambda: no setting uses this parameter (arrivals.rate used it, but is set by --set too)" \
    strict-vary-unreferenced -- "$RRSIM" sweep scenarios/mm1.ini \
    --set arrivals.rate=0.7/day --vary lambda=0.5,0.6 --reps 2 --plot none \
    --quiet --out "$SO/x"
[ ! -e "$SO/x" ] && ok strict-refused-nothing-written ||
    fail strict-refused-nothing-written "a results folder was written"

# ---- recorded: run.csv ------------------------------------------------------
expect_exit 0 strict-set-run -- "$RRSIM" run scenarios/nl-baseline.ini \
    --reps 1 --set iom_share=0.6 --set stage.iom.servers=200 --plot none \
    --quiet --out "$SO/a"
so_row=$(sed -n 2p "$SO/a/run.csv")
[ "$(head -n 1 "$SO/a/run.csv")" = \
  "scenario,title,source,start,end,report,warmup_days,replications,seed,overrides,precision_target,precision_indicators,precision_reached,precision_stop,events,version" ] &&
  case $so_row in
  *",1,20190101,scenario.replications=1; iom_share=0.6; stage.iom.servers=200,"*) true ;;
  *) false ;;
  esac && ok strict-run-csv-overrides || fail strict-run-csv-overrides "$so_row"
# a run without overrides says so with an empty field
expect_exit 0 strict-plain-run -- "$RRSIM" run scenarios/mm1.ini \
    --plot none --quiet --out "$SO/p"
case $(sed -n 2p "$SO/p/run.csv") in
*,20,1,,*) ok strict-run-csv-none ;;
*) fail strict-run-csv-none "$(sed -n 2p "$SO/p/run.csv")" ;;
esac
# a value with a comma is quoted by the CSV writer
expect_exit 0 strict-set-comma -- "$RRSIM" run scenarios/mm1.ini --reps 2 \
    --set "scenario.title=M/M/1, faster" --set mean_talk=0.9d --plot none \
    --quiet --out "$SO/c"
grep -q ',"scenario.replications=2; scenario.title=M/M/1, faster; mean_talk=0.9d",' \
    "$SO/c/run.csv" && ok strict-run-csv-quoted ||
    fail strict-run-csv-quoted "$(sed -n 2p "$SO/c/run.csv")"

# ---- recorded: scenario.resolved.ini ---------------------------------------
R=$SO/a/scenario.resolved.ini
grep -q '^iom_share = 0.6$' "$R" && grep -q '^iom_share.source = set on the command line$' "$R" &&
    ok strict-resolved-note || fail strict-resolved-note "$(grep '^iom_share' "$R")"
grep -q 'IOM carries about 80%' "$R" &&
    fail strict-resolved-old-note "the note of the old value is still there" ||
    ok strict-resolved-old-note
grep -q '^override.iom_share = 0.6$' "$R" &&
    grep -q '^override.stage.iom.servers = 200$' "$R" &&
    ok strict-resolved-records || fail strict-resolved-records "$(grep '^override' "$R")"
sed -n '/^\[stage.iom\]/,/^\[/p' "$R" | grep -q '^servers = 200 ; set on the command line$' &&
    ok strict-resolved-marked ||
    fail strict-resolved-marked "$(sed -n '/^\[stage.iom\]/,/^\[/p' "$R")"
grep -q '^route.iom = \${iom_share} ; = 0.6$' "$R" && ok strict-resolved-live ||
    fail strict-resolved-live "$(grep '^route.iom' "$R")"

# a run of the resolved file writes the same CSV files, byte for byte,
# with the same options or none
so_same() {
    so_bad=
    so_n=0
    for so_f in "$SO/a"/*.csv; do
        so_n=$((so_n + 1))
        cmp -s "$so_f" "$2/$(basename "$so_f")" || so_bad="$so_bad $(basename "$so_f")"
    done
    if [ "$so_n" -lt 5 ]; then fail "$1" "only $so_n CSV files"
    elif [ -n "$so_bad" ]; then fail "$1" "differ:$so_bad"
    else ok "$1"; fi
}
expect_exit 0 strict-rerun -- "$RRSIM" run "$R" --plot none --quiet --out "$SO/b"
so_same strict-rerun-same-bytes "$SO/b"
expect_exit 0 strict-rerun-reps -- "$RRSIM" run "$R" --reps 1 --plot none \
    --quiet --out "$SO/b2"
so_same strict-rerun-reps-same-bytes "$SO/b2"
# --set on a parameter of the resolved file acts as on the scenario's
expect_exit 0 strict-rerun-set -- "$RRSIM" check "$R" --set iom_share=0.7
grep -q '^route.iom = 0.7 ' "$TMP/out" && ok strict-resolved-param-live ||
    fail strict-resolved-param-live "$(grep '^route.iom' "$TMP/out")"
# a record that does not agree with its value is refused
sed 's/^override.iom_share = 0.6$/override.iom_share = 0.5/' "$R" >"$SO/lie.ini"
mkdir -p "$SO/inputs" && cp "$SO/a/inputs/"* "$SO/inputs/"
expect_stderr "rrsim: $SO/lie.ini:$(grep -n '^override.iom_share' "$SO/lie.ini" | cut -d: -f1): [scenario] override.iom_share: records --set iom_share=0.5, but iom_share is '0.6' (a record that scenario.resolved.ini keeps; it changes nothing: to change iom_share, write it in its section or use --set)" \
    strict-record-checked -- "$RRSIM" check "$SO/lie.ini"

# ---- a sweep's run.csv: the --set ones, not the keys it varies --------------
expect_exit 0 strict-sweep -- "$RRSIM" sweep scenarios/mm1.ini \
    --set mean_talk=0.9d --vary lambda=0.5,0.6 --reps 2 --plot none --quiet \
    --out "$SO/s"
case $(sed -n 2p "$SO/s/run.csv") in
*,"mean_talk=0.9d; scenario.replications=2",*) ok strict-sweep-run-csv ;;
*) fail strict-sweep-run-csv "$(sed -n 2p "$SO/s/run.csv")" ;;
esac
rm -rf "$SO"
