# hostile_engine.sh - what the engine does with scenarios that would eat
# all memory or spin for ever, and with signals in the middle of a long
# reporting period: a clear runtime error (exit 1) or 130/143, and never a
# results folder or a hidden temporary one.  Scenarios in
# tests/hostile/engine-*.ini.  Works in $TMP/engine.
E=$TMP/engine
mkdir -p "$E"
H=tests/hostile

# eng_fail1 TEXT NAME -- CMD... - CMD exits 1 with exactly TEXT on stderr.
eng_fail1() {
    text=$1; name=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    got=$(cat "$TMP/err")
    if [ "$rc" -eq 1 ] && [ "$got" = "$text" ]; then ok "$name"; else
        fail "$name" "exit $rc; stderr '$got', expected '$text'"
    fi
}
# eng_empty NAME - nothing at all was left in $E (no results folder, no
# hidden temporary folder).
eng_empty() {
    left=$(ls -A "$E")
    if [ -z "$left" ]; then ok "$1"; else fail "$1" "left behind: $left"; fi
    rm -rf "$E" && mkdir -p "$E"
}
# eng_ms - a clock in milliseconds.
eng_ms() {
    echo $(($(date +%s%N) / 1000000))
}
# eng_signal SIG CODE NAME -- CMD... - start CMD, send SIG after 2 s (well
# inside its first reporting period), and expect CODE within 2 s of it.
eng_signal() {
    sig=$1; code=$2; name=$3; shift 4
    "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep 2
    t0=$(eng_ms)
    kill -s "$sig" "$pid"
    # a watchdog: if the signal is not honoured, kill it after 10 s
    ( sleep 10; kill -s KILL "$pid" 2>/dev/null ) &
    dog=$!
    wait "$pid"
    rc=$?
    t=$(($(eng_ms) - t0))
    kill "$dog" 2>/dev/null
    wait "$dog" 2>/dev/null
    if [ "$rc" -eq "$code" ] && [ "$t" -lt 2000 ]; then ok "$name"; else
        fail "$name" "exit $rc after $t ms, expected $code within 2000 ms; stderr: $(head -c 300 "$TMP/err")"
    fi
}

# ---- limit on cases in the system ---------------------------------------
MSG="more than 20000 cases in the system (stage 'intake' holds 20000); raise --max-cases or check the arrival rate"
eng_fail1 "rrsim: $H/engine-huge-rate.ini: $MSG" engine-max-cases-run -- \
    "$RRSIM" run $H/engine-huge-rate.ini --max-cases 20000 --plot none \
    --out "$E/r"
eng_empty engine-max-cases-run-nothing-left
eng_fail1 "rrsim: $H/engine-huge-rate.ini: $MSG" engine-max-cases-one-thread -- \
    "$RRSIM" run $H/engine-huge-rate.ini --max-cases 20000 --plot none \
    --threads 1 --reps 5 --out "$E/r"
eng_empty engine-max-cases-one-thread-nothing-left
eng_fail1 "rrsim: $H/engine-huge-rate.ini: design point 1 (arrivals.rate=5000000/day): $MSG" \
    engine-max-cases-sweep -- "$RRSIM" sweep $H/engine-huge-rate.ini \
    --vary arrivals.rate=5000000/day,2/day --max-cases 20000 --plot none \
    --out "$E/s"
eng_empty engine-max-cases-sweep-nothing-left
eng_fail1 "rrsim: $H/engine-huge-rate.ini: $MSG" engine-max-cases-compare -- \
    "$RRSIM" compare scenarios/mm1.ini $H/engine-huge-rate.ini --reps 2 \
    --set scenario.end=2024-12-31 --set scenario.report=month \
    --set scenario.warmup=0d --max-cases 20000 --plot none --out "$E/c"
eng_empty engine-max-cases-compare-nothing-left
eng_fail1 "rrsim: $H/engine-huge-rate.ini: $MSG" engine-max-cases-fit -- \
    "$RRSIM" fit $H/engine-huge-rate.ini scenarios/data/nl-observed.csv \
    --max-cases 20000 --plot none --out "$E/f"
eng_empty engine-max-cases-fit-nothing-left
# the starting caseload counts, and a limit it fits in is no error
eng_fail1 "rrsim: $H/engine-burst.ini: more than 19999 cases in the system (stage 'a' holds 19999); raise --max-cases or check the arrival rate" \
    engine-max-cases-caseload -- "$RRSIM" run $H/engine-burst.ini \
    --max-cases 19999 --plot none --out "$E/b"
eng_empty engine-max-cases-caseload-nothing-left
expect_exit 0 engine-max-cases-fits -- "$RRSIM" run $H/engine-burst.ini \
    --max-cases 20000 --plot none --quiet --out "$E/b"
rm -rf "$E/b"
for v in 0 -5 1e3 12x 250000001 ''; do
    expect_stderr "rrsim: --max-cases: expected a whole number from 1 to 250000000, got '$v'
(see 'rrsim run --help')" "engine-max-cases-bad-'$v'" -- \
        "$RRSIM" run scenarios/mm1.ini --max-cases "$v" --out "$E/x"
done
expect_stderr "rrsim: option '--max-cases' needs a value
(see 'rrsim run --help')" engine-max-cases-no-value -- \
    "$RRSIM" run scenarios/mm1.ini --max-cases
eng_empty engine-max-cases-bad-nothing-left

# ---- limit on pending events ---------------------------------------------
"$RRSIM" run $H/engine-returnees.ini --max-cases 1000 --plot none \
    --out "$E/p" >"$TMP/out" 2>"$TMP/err"
rc=$?
grep -q "^rrsim: $H/engine-returnees.ini: more than 4064 events pending (.* cases in the system, the most at stage 'talks'; .* departed cases awaiting their reintegration outcome); raise --max-cases or check the arrival rate$" "$TMP/err" &&
    [ "$rc" -eq 1 ] && ok engine-max-events ||
    fail engine-max-events "exit $rc; $(cat "$TMP/err")"
eng_empty engine-max-events-nothing-left

# ---- an arrival rate that overflows --------------------------------------
# refused when the scenario is read, before anything is simulated
eng_o=$("$RRSIM" run $H/engine-rate-overflow.ini --plot none --out "$E/o" 2>&1)
rc=$?
[ "$rc" -eq 2 ] && case "$eng_o" in
    *engine-rate-overflow-schedule.csv:3:*"1e10 times the arrival rate"*) true ;;
    *) false ;; esac && ok engine-rate-overflow ||
    fail engine-rate-overflow "exit $rc; $eng_o"
eng_empty engine-rate-overflow-nothing-left

# ---- a clock that no longer moves ----------------------------------------
# a route cycle through a stage that takes no time is refused by check ...
expect_exit 2 engine-tiny-cycle-refused -- "$RRSIM" check $H/engine-tiny-cycle.ini
grep -q "form a cycle that takes no time" "$TMP/err" && ok engine-tiny-cycle-message ||
    fail engine-tiny-cycle-message "$(cat "$TMP/err")"
# ... and what check cannot see, arrivals far too fast, is stopped at run time
t0=$(eng_ms)
"$RRSIM" run $H/engine-fast-arrivals.ini --plot none --out "$E/t" \
    >"$TMP/out" 2>"$TMP/err" &
pid=$!
( sleep 120; kill -s KILL "$pid" 2>/dev/null ) &
dog=$!
wait "$pid"
rc=$?
kill "$dog" 2>/dev/null
wait "$dog" 2>/dev/null
grep -q "^rrsim: $H/engine-fast-arrivals.ini: the simulated clock is stuck at day [0-9.]*: .* events moved it by [0-9]* seconds (more than 1.0 billion events per simulated day); stage 'loop', the arrivals keep firing: look for a route cycle through stages that take (almost) no time, or a rate far too high$" "$TMP/err" &&
    [ "$rc" -eq 1 ] && ok engine-stuck-clock ||
    fail engine-stuck-clock "exit $rc after $(($(eng_ms) - t0)) ms; $(cat "$TMP/err")"
eng_empty engine-stuck-clock-nothing-left

# ---- signals inside one long reporting period ------------------------------
eng_signal INT 130 engine-sigint-in-period -- "$RRSIM" run \
    $H/engine-long-period.ini --plot none --quiet --out "$E/l"
eng_empty engine-sigint-nothing-left
eng_signal TERM 143 engine-sigterm-in-period -- "$RRSIM" run \
    $H/engine-long-period.ini --plot none --quiet --out "$E/l"
eng_empty engine-sigterm-nothing-left
eng_signal INT 130 engine-sigint-compare -- "$RRSIM" compare \
    $H/engine-long-period.ini $H/engine-long-period.ini --plot none \
    --quiet --out "$E/l"
eng_empty engine-sigint-compare-nothing-left
grep -qx "rrsim: interrupted; no results written" "$TMP/err" &&
    ok engine-sigint-message || fail engine-sigint-message "$(cat "$TMP/err")"

# ---- out of memory: an error, not an abort ----------------------------------
# (not under AddressSanitizer, which needs more address space than this)
if ! grep -q __asan_init "$RRSIM" 2>/dev/null; then
    (ulimit -v 300000 && exec "$RRSIM" run $H/engine-huge-rate.ini \
        --max-cases 250000000 --threads 1 --reps 1 --plot none \
        --out "$E/m") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    grep -q "^rrsim: $H/engine-huge-rate.ini: out of memory with .* cases in the system (the most at stage 'intake') and .* events pending; lower --max-cases or check the arrival rate$" "$TMP/err" &&
        [ "$rc" -eq 1 ] && ok engine-out-of-memory ||
        fail engine-out-of-memory "exit $rc; $(cat "$TMP/err")"
    eng_empty engine-out-of-memory-nothing-left
fi
rm -rf "$E"
