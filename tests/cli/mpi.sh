# mpi.sh - under mpirun (make test MPI=1 only): the same bytes as the
# threaded run whatever the ranks, every rank given work, and the faults:
# a failing item or rank fails the run (exit 1, nothing written), a signal
# stops every rank and leaves nothing behind.
if [ "${MPI:-}" = 1 ]; then
requires mpirun
# as root in CI, more ranks than cores on a small machine
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
MP=$TMP/mpi
mkdir -p "$MP"
case $RRSIM in /*) MPI_RRSIM=$RRSIM ;; *) MPI_RRSIM=$PWD/$RRSIM ;; esac
mpi() {
    k=$1
    shift
    timeout 300 mpirun -n "$k" --oversubscribe "$RRSIM" "$@"
}
# same_csv A B - every CSV file of A is in B with the same bytes and back
mpi_same() {
    [ -d "$1" ] && [ -d "$2" ] || return 1
    for f in "$1"/*.csv "$2"/*.csv; do
        cmp -s "$1/${f##*/}" "$2/${f##*/}" || return 1
    done
}

# items long enough (a century of M/M/1) that every rank asks for some
SW="sweep scenarios/mm1.ini --vary lambda=0.5,0.6,0.7 --reps 4 --set scenario.end=2123-12-31 --plot none"
expect_exit 0 mpi-threaded -- "$RRSIM" $SW --quiet --out "$MP/threads" --threads 2
for k in 2 3; do
    expect_exit 0 mpi-sweep-$k -- mpi $k $SW --out "$MP/sweep$k" --threads 1
    mpi_same "$MP/threads" "$MP/sweep$k" && ok mpi-same-bytes-$k ||
        fail mpi-same-bytes-$k "sweep under mpirun -n $k differs from the threaded run"
    # "rrsim: K ranks; results received from the other ranks: 1: N 2: M"
    line=$(grep 'results received' "$TMP/err")
    echo "$line" | awk -v k=$k '{ for (i = 1; i < k; i++) if ($(NF - 2 * (k - 1 - i)) + 0 < 1) exit 1 }' &&
        [ -n "$line" ] && ok mpi-every-rank-$k || fail mpi-every-rank-$k "$line"
    [ -z "$(ls -A "$MP" | grep '^\.rrsim')" ] && ok mpi-no-staging-$k || fail mpi-no-staging-$k "$(ls -A "$MP")"
done
# a comparison, and replications to a precision (batches decided by rank 0)
CM="compare scenarios/mm1.ini --policy lambda=0.7 --reps 3 --plot none --quiet"
"$RRSIM" $CM --out "$MP/cmp1" || fail mpi-compare "threaded run failed"
expect_exit 0 mpi-compare -- mpi 3 $CM --out "$MP/cmp3" --threads 1
mpi_same "$MP/cmp1" "$MP/cmp3" && ok mpi-compare-same || fail mpi-compare-same "compare under mpirun differs"
# an uncertainty study: samples x replications spread over the ranks
sed -e 's/^mean_talk = 1d$/mean_talk = 0.7d/' \
    -e '/^mean_talk.source/a mean_talk.range = 0.5d:0.9d' scenarios/mm1.ini >"$MP/mm1u.ini"
UN="uncertainty $MP/mm1u.ini --samples 6 --reps 3 --plot none --quiet"
"$RRSIM" $UN --out "$MP/unc1" || fail mpi-uncertainty "threaded run failed"
expect_exit 0 mpi-uncertainty -- mpi 2 $UN --out "$MP/unc2" --threads 1
mpi_same "$MP/unc1" "$MP/unc2" && ok mpi-uncertainty-same || fail mpi-uncertainty-same "uncertainty under mpirun differs"
# a sensitivity study: every batch of its design points (256 a batch:
# 70 x (2 + 2) = 280 points make two) spread over the ranks, every output
# file (charts too) the same bytes as the threaded run's
SE="sensitivity $MP/mm1u.ini --vary lambda=0.5:0.8 --vary mean_talk=0.5d:0.9d --samples 70 --reps 2 --plot svg"
"$RRSIM" $SE --quiet --out "$MP/sens1" --threads 2 || fail mpi-sensitivity "threaded run failed"
for k in 2 3; do
    expect_exit 0 mpi-sensitivity-$k -- mpi $k $SE --out "$MP/sens$k" --threads 1
    same=1
    for f in $(cd "$MP/sens1" && find . -type f) $(cd "$MP/sens$k" && find . -type f); do
        case $f in ./run.csv | ./scenario.resolved.ini) continue ;; esac
        cmp -s "$MP/sens1/$f" "$MP/sens$k/$f" || { same=0; echo "  differs: $f"; }
    done
    [ -s "$MP/sens1/sensitivity.csv" ] && [ $same = 1 ] && ok mpi-sensitivity-same-$k ||
        fail mpi-sensitivity-same-$k "sensitivity under mpirun -n $k differs from the threaded run"
    # both batches reached every rank
    line=$(grep 'results received' "$TMP/err")
    echo "$line" | awk -v k=$k '{ for (i = 1; i < k; i++) if ($(NF - 2 * (k - 1 - i)) + 0 < 1) exit 1 }' &&
        [ -n "$line" ] && ok mpi-sensitivity-every-rank-$k || fail mpi-sensitivity-every-rank-$k "$line"
    grep -q '^results: ' "$TMP/out" && [ "$(grep -c '^results: ' "$TMP/out")" = 1 ] &&
        ok mpi-sensitivity-once-$k || fail mpi-sensitivity-once-$k "$(cat "$TMP/out")"
done
# faults: an item failing; a rank failing before its work; a rank whose
# command ends after the first batch (its --samples make one batch only)
SEQ="sensitivity $MP/mm1u.ini --vary lambda=0.5:0.8 --vary mean_talk=0.5d:0.9d --reps 2 --plot none --quiet --threads 1"
expect_exit 1 mpi-sensitivity-item-fails -- mpi 2 $SEQ --samples 70 --max-cases 2 --out "$MP/bad3"
grep -q "more than 2 cases" "$TMP/err" && ok mpi-sensitivity-item-message || fail mpi-sensitivity-item-message "$(head -c 300 "$TMP/err")"
timeout 300 mpirun -n 1 "$RRSIM" $SEQ --samples 70 --out "$MP/bad4" : \
    -n 1 "$RRSIM" $SEQ --samples 70 --vary nokey=1:2 --out "$MP/bad4" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "rank 1 failed before its work started: rrsim: --vary: unknown key 'nokey'" "$TMP/err" &&
    ok mpi-sensitivity-rank-fails || fail mpi-sensitivity-rank-fails "exit $rc: $(head -c 300 "$TMP/err")"
timeout 300 mpirun -n 1 "$RRSIM" $SEQ --samples 70 --out "$MP/bad5" : \
    -n 1 "$RRSIM" $SEQ --samples 64 --out "$MP/bad5" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "rank 1 had ended the command when rank 0 began its batch 2 of runs" "$TMP/err" &&
    ok mpi-sensitivity-rank-ends || fail mpi-sensitivity-rank-ends "exit $rc: $(head -c 300 "$TMP/err")"
# calibrate and validate --rolling: each run is chosen from the results
# of the ones before, so rank 0 sends every run's results to every rank
# and all take the search's path together; the files as the threaded
# run's (calibrated.ini but for its manifest: the command line and time)
CS=tests/fixtures/calibrate/two-route.ini
"$RRSIM" run "$CS" --set p_self=0.1 --set abscond_mean=400d --seed 99 --reps 4 --out "$MP/ca-true" --plot none --quiet ||
    fail mpi-calibrate "the observed run failed"
awk -F, 'NR > 1 { y = substr($2, 1, 4)
    if ($4 == "departures_voluntary_self") s[y] += $6
    if ($4 == "departures_unsupervised") u[y] += $6 }
    END { print "year,indicator,value"
          for (y = 2020; y <= 2023; y++)
              printf "%d,departures_independent,%.1f\n%d,departures_unsupervised,%.1f\n", y, s[y], y, u[y] }' \
    "$MP/ca-true/timeseries_summary.csv" >"$MP/ca-obs.csv"
CA="calibrate $CS $MP/ca-obs.csv --param p_self=0.02:0.5 --param abscond_mean=100d:1000d --tol 0.01 --plot none"
"$RRSIM" $CA --quiet --out "$MP/ca1" --threads 2 || fail mpi-calibrate "threaded run failed"
for k in 2 3; do
    expect_exit 0 mpi-calibrate-$k -- mpi $k $CA --out "$MP/ca$k" --threads 1
    line=$(grep 'results received' "$TMP/err")
    echo "$line" | awk -v k=$k '{ for (i = 1; i < k; i++) if ($(NF - 2 * (k - 1 - i)) + 0 < 1) exit 1 }' &&
        [ -n "$line" ] && ok mpi-calibrate-every-rank-$k || fail mpi-calibrate-every-rank-$k "$line"
    for d in ca1 ca$k; do
        grep -v '^; manifest: \(command\|created\)' "$MP/$d/calibrated.ini" >"$MP/$d.ini"
    done
    mpi_same "$MP/ca1" "$MP/ca$k" && cmp -s "$MP/ca1/calibrate.csv" "$MP/ca$k/calibrate.csv" &&
        [ -s "$MP/ca1.ini" ] && cmp -s "$MP/ca1.ini" "$MP/ca$k.ini" &&
        ok mpi-calibrate-same-$k || fail mpi-calibrate-same-$k "calibrate under mpirun -n $k differs from the threaded run"
done
VR="validate $CS $MP/ca-obs.csv --rolling --param p_self=0.02:0.5 --param abscond_mean=100d:1000d --tol 0.02 --eval-reps 2 --reps 4 --plot none --quiet"
"$RRSIM" $VR --out "$MP/vr1" --threads 2 || fail mpi-rolling "threaded run failed"
expect_exit 0 mpi-rolling -- mpi 2 $VR --out "$MP/vr2" --threads 1
mpi_same "$MP/vr1" "$MP/vr2" && ok mpi-rolling-same || fail mpi-rolling-same "validate --rolling under mpirun differs"
# a rank that cannot read the observed figures fails the calibration
timeout 300 mpirun -n 1 "$RRSIM" $CA --out "$MP/bad6" --quiet : \
    -n 1 "$RRSIM" calibrate $CS "$MP/nowhere.csv" --param p_self=0.02:0.5 --param abscond_mean=100d:1000d \
    --tol 0.01 --plot none --out "$MP/bad6" --quiet >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "rank 1 failed before its work started: rrsim: .*nowhere.csv" "$TMP/err" &&
    ok mpi-calibrate-rank-fails || fail mpi-calibrate-rank-fails "exit $rc: $(head -c 300 "$TMP/err")"
PR="run scenarios/mm1.ini --reps 3 --precision 20% --max-reps 40 --plot none --quiet"
"$RRSIM" $PR --out "$MP/pr1" || fail mpi-precision "threaded run failed"
expect_exit 0 mpi-precision -- mpi 2 $PR --out "$MP/pr2" --threads 1
mpi_same "$MP/pr1" "$MP/pr2" && ok mpi-precision-same || fail mpi-precision-same "--precision under mpirun differs"
# a command that is not spread runs on rank 0 alone, once
expect_exit 0 mpi-check -- mpi 2 check scenarios/mm1.ini
[ "$(grep -c '^\[scenario\]' "$TMP/out")" -le 1 ] && ok mpi-check-once || fail mpi-check-once "printed by more than one rank"
expect_exit 2 mpi-trace -- mpi 2 run scenarios/mm1.ini --trace --out "$MP/bad0"

# faults: an item failing, a rank that cannot start
expect_exit 1 mpi-item-fails -- mpi 2 run scenarios/mm1.ini --reps 4 --max-cases 2 --threads 1 --out "$MP/bad1"
grep -q "more than 2 cases" "$TMP/err" && ok mpi-item-fails-message || fail mpi-item-fails-message "$(head -c 300 "$TMP/err")"
timeout 300 mpirun -n 1 "$RRSIM" run scenarios/mm1.ini --reps 4 --out "$MP/bad2" --quiet : \
    -n 1 "$RRSIM" run "$MP/nowhere.ini" --reps 4 --out "$MP/bad2" --quiet >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -ne 0 ] && grep -q "rank 1 failed before its work started: rrsim: cannot open '$MP/nowhere.ini'" "$TMP/err" &&
    ok mpi-rank-fails || fail mpi-rank-fails "exit $rc: $(head -c 300 "$TMP/err")"
# a rank whose scenario says otherwise (another copy, another lambda)
# would simulate another model: it is refused, not given items
sed 's/^lambda = 0.8/lambda = 0.7/' scenarios/mm1.ini >"$MP/other.ini"
timeout 300 mpirun -n 1 "$RRSIM" run scenarios/mm1.ini --reps 4 --out "$MP/bad9" --quiet : \
    -n 1 "$RRSIM" run "$MP/other.ini" --reps 4 --out "$MP/bad9" --quiet >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "rank 1 planned other runs than rank 0 for batch 1" "$TMP/err" &&
    ok mpi-rank-other-model || fail mpi-rank-other-model "exit $rc: $(head -c 300 "$TMP/err")"
# mp_target WHO COMMAND DIR - once the run started in the background as
# $pid has begun (its staging folder in DIR is there), the process to
# signal: mpirun under $pid when WHO is mpirun, else the `rrsim COMMAND`
# of rank WHO; empty when there is none after 20 s.
mp_target() {
    mp_t=
    mp_n=0
    while [ -z "$mp_t" ] && [ $mp_n -lt 100 ]; do
        sleep 0.2
        mp_n=$((mp_n + 1))
        if [ "$1" = mpirun ]; then
            mp_t=$(pgrep -P $pid -x mpirun || pgrep -P $pid)
        else
            for mp_p in $(pgrep -f "rrsim $2"); do
                grep -qa "OMPI_COMM_WORLD_RANK=$1" /proc/$mp_p/environ 2>/dev/null &&
                    mp_t=$mp_p
            done
        fi
        [ -n "$(ls -A "$3")" ] || mp_t=
    done
    echo "$mp_t"
}
# a signal: to a worker rank, to rank 0, to mpirun
LONG="sweep scenarios/mm1.ini --vary lambda=0.5,0.6 --reps 50 --set scenario.end=2523-12-31 --plot none --quiet --threads 1"
for who in 1 0 mpirun; do
    mkdir -p "$MP/sig$who"
    (cd "$MP/sig$who" && exec timeout 300 mpirun -n 2 "$MPI_RRSIM" $(echo "$LONG" | sed "s|scenarios/|$OLDPWD/scenarios/|") --out res) \
        >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    target=$(mp_target $who sweep "$MP/sig$who")
    if [ -z "$target" ]; then
        fail mpi-signal-$who "no process to signal"
        kill $pid 2>/dev/null
        wait $pid
        continue
    fi
    kill -TERM "$target"
    wait $pid
    rc=$?
    [ -z "$(ls -A "$MP/sig$who")" ] && ok mpi-signal-$who-nothing-left ||
        fail mpi-signal-$who-nothing-left "$(ls -A "$MP/sig$who")"
    if [ $who = mpirun ]; then
        [ $rc -ne 0 ] && ok mpi-signal-$who-fails || fail mpi-signal-$who-fails "exit 0"
    else
        [ $rc -eq 143 ] && grep -q "interrupted; no results written" "$TMP/err" &&
            ok mpi-signal-$who-143 || fail mpi-signal-$who-143 "exit $rc: $(head -c 300 "$TMP/err")"
    fi
done
# a signal to a worker rank of a study in batches (600 design points: 3)
mkdir -p "$MP/sigs"
(cd "$MP/sigs" && exec timeout 300 mpirun -n 2 "$MPI_RRSIM" sensitivity "$MP/mm1u.ini" --samples 150 --reps 4 \
    --set scenario.end=2090-12-31 --plot none --quiet --threads 1 --out res) >"$TMP/out" 2>"$TMP/err" &
pid=$!
target=$(mp_target 1 sensitivity "$MP/sigs")
if [ -n "$target" ]; then
    sleep 1
    kill -TERM "$target"
    wait $pid
    rc=$?
    [ $rc -eq 143 ] && [ -z "$(ls -A "$MP/sigs")" ] && grep -q "interrupted; no results written" "$TMP/err" &&
        ok mpi-signal-sensitivity || fail mpi-signal-sensitivity "exit $rc: $(ls -A "$MP/sigs") $(head -c 300 "$TMP/err")"
else
    fail mpi-signal-sensitivity "no process to signal"
    kill $pid 2>/dev/null
    wait $pid
fi
ls "$MP" | grep -q '^bad' && fail mpi-nothing-left "$(ls "$MP")" || ok mpi-nothing-left
rm -rf "$MP"
unset OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM OMPI_MCA_rmaps_base_oversubscribe
requires -
fi
