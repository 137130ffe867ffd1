# sensitivity.sh - rrsim sensitivity on the M/M/1 scenario with ranges
# given by --vary: the files and their columns, the ranking where the
# answer is known (arrivals depend on the arrival rate alone: ST of the
# talks' length exactly 0), the same bytes whatever the threads, the
# charts and their redrawing; every bad input refused before anything
# runs, with its message and no folder; a signal leaves nothing.
se_args="scenarios/mm1.ini --samples 32 --reps 2 --vary lambda=0.5:0.9 --vary mean_talk=0.5d:1d --indicators arrivals,time_to_departure_mean_days --bootstrap 200"

expect_exit 0 sensitivity-runs -- "$RRSIM" sensitivity $se_args --out "$TMP/se1" --threads 1 --plot none
cp "$TMP/out" "$TMP/se-stdout"
se=$TMP/se1
if [ -f "$se/sensitivity.csv" ]; then
    [ "$(head -n 1 "$se/sensitivity.csv")" = 'scenario,indicator,indicator_label,unit,parameter,parameter_label,distribution,S1,S1_low,S1_high,ST,ST_low,ST_high,rank,samples,evaluations,replications,bootstrap,seed,mean,sd,note' ] &&
        [ "$(wc -l <"$se/sensitivity.csv")" -eq 5 ] &&
        ok sensitivity-csv || fail sensitivity-csv "$(cat "$se/sensitivity.csv")"
    # arrivals: the rate explains all of it, the talks' length nothing
    # quoted fields (labels with commas) as one word, for awk
    sed 's/"[^"]*"/Q/g' "$se/sensitivity.csv" >"$TMP/se-plain.csv"
    se_arr=$(awk -F, 'NR > 1 && $2 == "arrivals" {
        if ($5 == "lambda" && !($14 == 1 && $11 > 0.8 && $8 > 0.8 && $9 <= $8 && $8 <= $10 && $12 <= $11 && $11 <= $13)) print "lambda: " $0
        if ($5 == "mean_talk" && !($14 == 2 && $11 == 0 && $8 == 0)) print "mean_talk: " $0
        if ($15 != 32 || $16 != 128 || $17 != 2 || $18 != 200) print "counts: " $0 }' "$TMP/se-plain.csv")
    [ -z "$se_arr" ] && ok sensitivity-known-ranking || fail sensitivity-known-ranking "$se_arr"
    grep -q '^mm1,arrivals,"Arrivals, re-migrants included",persons,lambda,Lambda,"uniform(0.5, 0.9)",' "$se/sensitivity.csv" &&
        grep -q ',mean_talk,Mean talk,"uniform(0.5d, 1d)",' "$se/sensitivity.csv" &&
        ok sensitivity-words || fail sensitivity-words "$(cat "$se/sensitivity.csv")"
    # the time in the system depends on both: ranks 1 and 2, ST >= S1 - noise
    se_ttd=$(awk -F, 'NR > 1 && $2 == "time_to_departure_mean_days" { r[$14]++; if ($11 <= 0) print "ST <= 0: " $0 }
        END { if (r[1] != 1 || r[2] != 1) print "ranks" }' "$TMP/se-plain.csv")
    [ -z "$se_ttd" ] && ok sensitivity-ranks || fail sensitivity-ranks "$se_ttd"
    # every run: A, AB1, AB2, B per sample, values inside the ranges
    [ "$(head -n 1 "$se/sensitivity_samples.csv")" = 'evaluation,sample,matrix,lambda,mean_talk,arrivals,time_to_departure_mean_days' ] &&
        [ "$(wc -l <"$se/sensitivity_samples.csv")" -eq 129 ] &&
        ok sensitivity-samples || fail sensitivity-samples "$(head -n 3 "$se/sensitivity_samples.csv")"
    se_smp=$(awk -F, 'NR > 1 {
        m = (NR - 2) % 4; want = (m == 0) ? "A" : (m == 3) ? "B" : "AB" m
        if ($3 != want || $2 != int((NR - 2) / 4) + 1) print "order: " $0
        if ($4 < 0.5 || $4 > 0.9) print "lambda: " $0
        t = $5; sub(/d$/, "", t); if (t < 0.5 || t > 1 || $5 !~ /d$/) print "mean_talk: " $0 }
        # AB1 takes lambda from B, the rest from A
        NR > 1 && (NR - 2) % 4 == 0 { a4 = $4; a5 = $5 }
        NR > 1 && (NR - 2) % 4 == 1 { ab4 = $4; ab5 = $5 }
        NR > 1 && (NR - 2) % 4 == 3 { if (ab4 != $4 || ab5 != a5) print "AB1: " $0 }' "$se/sensitivity_samples.csv")
    [ -z "$se_smp" ] && ok sensitivity-saltelli || fail sensitivity-saltelli "$se_smp"
    grep -q '^mm1: Sobol indices of 2 uncertain parameters from 32 samples (128 evaluations x 2 replications, common random numbers); 95% bootstrap intervals$' "$TMP/se-stdout" &&
        grep -Eq '^  1    Lambda +0\.9[0-9] \[' "$TMP/se-stdout" &&
        grep -q "^results: $se\$" "$TMP/se-stdout" &&
        ok sensitivity-terminal || fail sensitivity-terminal "$(cat "$TMP/se-stdout")"
    # a long label is shown whole, its column as wide as it; one
    # replication is "1 replication"
    expect_exit 0 sensitivity-long-label -- "$RRSIM" sensitivity scenarios/mm1.ini --samples 8 --reps 1 \
        --vary lambda=0.5:0.9 --vary mean_talk=0.5d:1d --indicators arrivals --bootstrap 50 \
        --set 'lambda.label=Arrival rate of cases referred to the return service' \
        --out "$TMP/se-label" --plot none
    grep -Eq '^  1    Arrival rate of cases referred to the return service  [0-9]' "$TMP/out" &&
        grep -Eq '^  2    Mean talk {45}[0-9]' "$TMP/out" &&
        grep -q '(32 evaluations x 1 replication, common random numbers)' "$TMP/out" &&
        ok sensitivity-label-whole || fail sensitivity-label-whole "$(cat "$TMP/out")"
    # run.csv: the scenario as given, each evaluation's replications,
    # the events of all 128 x 2 runs (more than 0), the varied keys left
    # out of the overrides
    # (quoted fields, with their commas, as one word for awk)
    se_run=$(sed 's/"[^"]*"/Q/g' "$se/run.csv" | awk -F, '
        NR == 2 { if ($1 != "mm1" || $2 != "M/M/1 teaching scenario" || $8 != 2 || $9 != 1 || $(NF - 1) <= 0) print }
        END { if (NR != 2) print "rows: " NR }' 2>&1)
    [ -z "$se_run" ] && ! grep -q 'lambda=\|mean_talk=' "$se/run.csv" &&
        ok sensitivity-run-csv || fail sensitivity-run-csv "$se_run $(cat "$se/run.csv" 2>&1)"
    # the same bytes with two threads
    expect_exit 0 sensitivity-threads -- "$RRSIM" sensitivity $se_args --out "$TMP/se2" --threads 2 --plot none --quiet
    cmp -s "$se/sensitivity.csv" "$TMP/se2/sensitivity.csv" &&
        cmp -s "$se/sensitivity_samples.csv" "$TMP/se2/sensitivity_samples.csv" &&
        cmp -s "$se/run.csv" "$TMP/se2/run.csv" &&
        ok sensitivity-same-bytes || fail sensitivity-same-bytes "1 and 2 threads differ"
    # another seed, other samples
    expect_exit 0 sensitivity-seed -- "$RRSIM" sensitivity $se_args --seed 7 --out "$TMP/se3" --plot none --quiet
    ! cmp -s "$se/sensitivity_samples.csv" "$TMP/se3/sensitivity_samples.csv" &&
        ok sensitivity-seed-differs || fail sensitivity-seed-differs "the seed changed nothing"
else
    fail sensitivity-csv "no sensitivity.csv: $(cat "$TMP/err")"
fi

requires gnuplot
expect_exit 0 sensitivity-charts -- "$RRSIM" sensitivity $se_args --out "$TMP/se4" --quiet
[ -s "$TMP/se4/plots/sensitivity_arrivals.png" ] &&
    [ -s "$TMP/se4/plots/sensitivity_time_to_departure_mean_days.png" ] &&
    [ "$(ls "$TMP/se4/plots" | wc -l)" -eq 2 ] &&
    ok sensitivity-chart-files || fail sensitivity-chart-files "$(ls -A "$TMP/se4/plots" 2>&1)"
rm -rf "$TMP/se4/plots"
expect_exit 0 sensitivity-redraw -- "$RRSIM" plot "$TMP/se4"
[ -s "$TMP/se4/plots/sensitivity_arrivals.png" ] && ok sensitivity-redrawn ||
    fail sensitivity-redrawn "$(ls -A "$TMP/se4" 2>&1)"
# a hostile indicator name cannot make a path: the chart is numbered
sed 's/^mm1,arrivals,/mm1,..\/..\/x,/' "$TMP/se4/sensitivity.csv" >"$TMP/se4/s.csv" &&
    mv "$TMP/se4/s.csv" "$TMP/se4/sensitivity.csv"
rm -rf "$TMP/se4/plots"
expect_exit 0 sensitivity-hostile-name -- "$RRSIM" plot "$TMP/se4"
[ -s "$TMP/se4/plots/sensitivity_1.png" ] && [ ! -e "$TMP/x.png" ] &&
    ok sensitivity-hostile-numbered || fail sensitivity-hostile-numbered "$(ls -A "$TMP/se4/plots" 2>&1)"
# a scenario's title and sources reach the charts through run.csv: shell,
# gnuplot and macro syntax in them stay text (nothing runs, the chart is
# drawn, the words are in its script)
mkdir -p "$TMP/se-evil"
sed "s|^title = .*|title = x'; system(\"touch $TMP/se-evil/pwned1\"); print '\` touch $TMP/se-evil/pwned2\` @x \$(touch $TMP/se-evil/pwned3)|
s|^source = .*|source = \"; system('touch $TMP/se-evil/pwned4') #|" scenarios/mm1.ini >"$TMP/se-evil/evil.ini"
expect_exit 0 sensitivity-hostile-title -- "$RRSIM" sensitivity "$TMP/se-evil/evil.ini" \
    --samples 4 --reps 1 --vary lambda=0.5:0.9 --indicators arrivals --bootstrap 20 --out "$TMP/se-evil/out" --quiet
se_png=no
[ -s "$TMP/se-evil/out/plots/sensitivity_arrivals.png" ] && se_png=yes
expect_exit 0 sensitivity-hostile-script -- env RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/se-evil/out" --quiet
[ -z "$(ls "$TMP/se-evil" | grep pwned)" ] && [ "$se_png" = yes ] &&
    grep -q 'touch' "$TMP/se-evil/out/plots/sensitivity_arrivals.gp" &&
    ok sensitivity-hostile-title-text || fail sensitivity-hostile-title-text "$(ls -A "$TMP/se-evil" "$TMP/se-evil/out/plots" 2>&1)"
requires -

# ---- refused before anything runs: exit 2, the message, no folder ---------
se_bad() {
    name=$1 want=$2; shift 2
    "$RRSIM" sensitivity "$@" --plot none --quiet --out "$TMP/se-bad" >/dev/null 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 2 ] && grep -qF -- "$want" "$TMP/err" && [ ! -e "$TMP/se-bad" ] &&
        ok "sensitivity-bad-$name" || fail "sensitivity-bad-$name" "exit $rc: $(cat "$TMP/err")"
}
se_bad no-samples "sensitivity needs --samples N" scenarios/mm1.ini --vary lambda=0.5:0.9
se_bad one-sample "--samples 1: expected 2 to 66666 base samples for 1 parameters (each costs 3 runs)" scenarios/mm1.ini --samples 1 --vary lambda=0.5:0.9
se_bad no-ranges "the scenario declares no uncertain parameters" scenarios/mm1.ini --samples 8
se_bad step "--vary lambda=0.5:0.9:0.1: expected KEY=LOW:HIGH" scenarios/mm1.ini --samples 8 --vary lambda=0.5:0.9:0.1
se_bad order "--vary lambda=0.9:0.5: needs LOW < HIGH" scenarios/mm1.ini --samples 8 --vary lambda=0.9:0.5
se_bad units "LOW and HIGH must have the same unit" scenarios/mm1.ini --samples 8 --vary mean_talk=1d:2m
se_bad twice "the key is varied twice" scenarios/mm1.ini --samples 8 --vary lambda=0.5:0.9 --vary lambda=0.6:0.7
se_bad unknown-key "rrsim: --vary: unknown key 'lambd' (did you mean 'lambda'?)" scenarios/mm1.ini --samples 8 --vary lambd=0.5:0.9
se_bad indicator "--indicators: unknown indicator 'arrivalz'" scenarios/mm1.ini --samples 8 --vary lambda=0.5:0.9 --indicators arrivalz
se_bad too-many "--samples 100000: expected 2 to 66666 base samples" scenarios/mm1.ini --samples 100000 --vary lambda=0.5:0.9

# ---- a signal: 130, nothing left -------------------------------------------
mkdir -p "$TMP/se-sig"
timeout --preserve-status -s INT 0.5 "$RRSIM" sensitivity scenarios/nl-baseline.ini \
    --samples 64 --reps 20 --vary iom_share=0.6:0.9 --vary talk_interval=60d:120d \
    --plot none --quiet --out "$TMP/se-sig/r" >/dev/null 2>"$TMP/err"
rc=$?
[ "$rc" -eq 130 ] && grep -qx 'rrsim: interrupted; no results written' "$TMP/err" &&
    [ -z "$(ls -A "$TMP/se-sig")" ] &&
    ok sensitivity-sigint || fail sensitivity-sigint "exit $rc: $(cat "$TMP/err"; ls -A "$TMP/se-sig")"

# ---- the scenario's own ranges and distributions ---------------------------
se_fx=tests/fixtures/sensitivity/mm1-ranges.ini
expect_exit 0 sensitivity-declared -- "$RRSIM" sensitivity "$se_fx" --samples 32 --reps 2 \
    --indicators arrivals,time_to_departure_mean_days --bootstrap 200 --out "$TMP/se6" --plot none --quiet
if [ -f "$TMP/se6/sensitivity.csv" ]; then
    grep -q '^mm1-ranges,arrivals,"Arrivals, re-migrants included",persons,lambda,Arrivals a day,"uniform(0.5, 0.9)",[0-9.]*,.*,1,32,128,2,200,1,' "$TMP/se6/sensitivity.csv" &&
        grep -q '^mm1-ranges,arrivals,"Arrivals, re-migrants included",persons,mean_talk,Mean length of a talk,"triangular(0.5d, 0.8d, 1d)",0,0,0,0,0,0,2,' "$TMP/se6/sensitivity.csv" &&
        ok sensitivity-declared-rows || fail sensitivity-declared-rows "$(cat "$TMP/se6/sensitivity.csv")"
    # the triangular draws: inside [0.5, 1] days, their mean near (0.5 + 0.8 + 1) / 3
    se_tri=$(awk -F, 'NR > 1 && ($3 == "A" || $3 == "B") { t = $5; sub(/d$/, "", t)
        if (t < 0.5 || t > 1) print "outside: " $0; s += t; n++ }
        END { m = s / n; if (m < 0.74 || m > 0.79) print "mean " m }' "$TMP/se6/sensitivity_samples.csv")
    [ -z "$se_tri" ] && ok sensitivity-declared-dist || fail sensitivity-declared-dist "$se_tri"
else
    fail sensitivity-declared-rows "no sensitivity.csv: $(cat "$TMP/err")"
fi
# --vary replaces the declared ranges
expect_exit 0 sensitivity-vary-replaces -- "$RRSIM" sensitivity "$se_fx" --samples 8 --reps 1 \
    --vary lambda=0.6:0.7 --indicators arrivals --out "$TMP/se7" --plot none --quiet
[ "$(head -n 1 "$TMP/se7/sensitivity_samples.csv" 2>/dev/null)" = 'evaluation,sample,matrix,lambda,arrivals' ] &&
    ok sensitivity-vary-only || fail sensitivity-vary-only "$(head -n 2 "$TMP/se7/sensitivity_samples.csv" 2>&1)"
