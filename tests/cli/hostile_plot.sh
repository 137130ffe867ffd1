# hostile_plot.sh - charts from hostile inputs and a hostile gnuplot.
#
# Titles, sources, event labels, stage, indicator and key names, observed
# figures' notes and folder names that are shell commands, gnuplot macros
# and markup (tests/hostile/plot-*): the charts are drawn, show the texts
# as written, and nothing runs.  Then fake gnuplots (RRSIM_GNUPLOT): found
# only there or in the fixed list, never through PATH; one that hangs
# (the time limit, SIGTERM and SIGINT while it draws: killed, reaped, exit
# 143 / 130 at once, no folder); one that writes a cut chart and exits 0
# (refused: never committed).
HP="$TMP/hp"
HOST="$PWD/tests/hostile"
HP_RRSIM=$(cd "$(dirname "$RRSIM")" && pwd)/$(basename "$RRSIM")
MM1="$PWD/scenarios/mm1.ini"
rm -rf "$HP"
mkdir -p "$HP/cwd" "$HP/bin"

# hp_pwned NAME - a pass when no file named pwned* exists under $HP (nor in
# the folder the tests run in).
hp_pwned() {
    found=$(find "$HP" -name 'pwned*' 2>/dev/null; ls -d pwned* 2>/dev/null)
    [ -z "$found" ] && ok "$1" || fail "$1" "a command ran: $found"
}
# hp_has NAME FILE TEXT - a pass when FILE holds TEXT (as it is).
hp_has() {
    grep -qF -- "$3" "$2" 2>/dev/null && ok "$1" ||
        fail "$1" "'$2' lacks [$3]"
}
# hp_alive PIDFILE - whether that process still runs a second later (a
# zombie nobody reaps counts as ended).
hp_alive() {
    p=$(cat "$1" 2>/dev/null)
    [ -n "$p" ] || return 1
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        s=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -c1)
        case "$s" in '' | Z | X) return 1 ;; esac
        sleep 0.1
    done
    return 0
}
hp_ms() { date +%s%3N; }
# hp_wait FILE - wait up to 10 s for FILE to exist.
hp_wait() {
    for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
    return 1
}

if command -v gnuplot >/dev/null 2>&1; then
    # ---- a hostile scenario: title, source, event label --------------------
    (cd "$HP/cwd" && "$HP_RRSIM" run "$HOST/plot-title.ini" --plot svg --quiet \
        --out "$HP/title") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 0 ] && [ -s "$HP/title/plots/departures.svg" ] &&
        ok plot-hostile-title || fail plot-hostile-title "exit $rc: $(cat "$TMP/err")"
    hp_pwned plot-hostile-title-inert
    hp_has plot-hostile-title-shown "$HP/title/plots/departures.svg" \
        "system(\"touch pwned\") 'q' \\ {a}^b_c &amp;d ~e |f"
    hp_has plot-hostile-source-shown "$HP/title/plots/departures.svg" \
        "Source \`touch pwned\`' . system('touch pwned') . '\"@GPVAL_PWD"
    hp_has plot-hostile-label-shown "$HP/title/plots/departures.svg" \
        "Ev \`touch pwned\` @x '' \" \\ {b}"
    # the same through --set, as PNG
    (cd "$HP/cwd" && "$HP_RRSIM" run "$MM1" --reps 2 --quiet --out "$HP/set" \
        --set "scenario.title='\`touch pwned\`' @x system(\"touch pwned\")") \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 0 ] && [ -s "$HP/set/plots/caseload.png" ] && ok plot-hostile-set ||
        fail plot-hostile-set "exit $rc: $(cat "$TMP/err")"
    hp_pwned plot-hostile-set-inert

    # ---- received folders: run, sweep, comparison, fit -----------------------
    for k in run sweep compare fit; do
        cp -R "$HOST/plot-$k" "$HP/$k"
        (cd "$HP/cwd" && "$HP_RRSIM" plot "$HP/$k" --plot svg) >"$TMP/out" 2>"$TMP/err"
        rc=$?
        [ "$rc" -eq 0 ] && ok "plot-received-$k" ||
            fail "plot-received-$k" "exit $rc: $(cat "$TMP/err")"
    done
    hp_pwned plot-received-inert
    # newline, CR and ESC of run.csv's title drawn as spaces
    hp_has plot-received-run-title "$HP/run/plots/departures.svg" \
        "'q' '' \\ {a}^b_c &amp;d ~e |f ; #g line two  [31mred"
    ! grep -q "$(printf '\033')" "$HP/run/plots/departures.svg" &&
        ok plot-received-run-no-escape || fail plot-received-run-no-escape "ESC in the chart"
    hp_has plot-received-run-event "$HP/run/plots/departures.svg" \
        "Ev \`touch pwned\` @x 'q' \"d\" \\ {b}^c_d ; #x"
    hp_has plot-received-run-event-name "$HP/run/plots/departures.svg" \
        "name\`touch pwned\`'@x"
    hp_has plot-received-run-stage "$HP/run/plots/caseload.svg" \
        "Off\`touch pwned\`'@x"
    hp_has plot-received-run-utf8 "$HP/run/plots/departures.svg" \
        "@GPVAL_PWD $(printf '\303\251\342\202\254') end"
    # a received folder whose text is not UTF-8 is refused before drawing
    cp -R "$HOST/plot-run" "$HP/badutf8"
    perl -pi -e 's/\xc3\xa9\xe2\x82\xac/\xff\xc0\xaf/g' "$HP/badutf8/run.csv"
    (cd "$HP/cwd" && "$HP_RRSIM" plot "$HP/badutf8" --plot svg) >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 2 ] && grep -q 'run.csv:4: invalid UTF-8' "$TMP/err" &&
        [ ! -e "$HP/badutf8/plots" ] && ok plot-received-bad-utf8-refused ||
        fail plot-received-bad-utf8-refused "exit $rc: $(cat "$TMP/err")"
    hp_has plot-received-sweep-key "$HP/sweep/plots/sweep.svg" \
        "Indicators against lam\`touch pwned\`'@x and mean talk"
    hp_has plot-received-sweep-value "$HP/sweep/plots/sweep.svg" "hi'@x ''"
    hp_has plot-received-compare-names "$HP/compare/plots/compare.svg" \
        "pol'@x' compared with base\`touch pwned\`"
    hp_has plot-received-compare-kpi "$HP/compare/plots/compare.svg" \
        "zz_\`touch pwned\`'@x"
    hp_has plot-received-fit-note "$HP/fit/plots/fit.svg" \
        "note \`touch pwned\`' . system('touch pwned') . '@x second line"
    hp_has plot-received-fit-indicator "$HP/fit/plots/fit.svg" \
        "Caseload at the year's end: \`touch pwned\`'@x"

    # ---- observed figures with hostile notes ---------------------------------
    (cd "$HP/cwd" && "$HP_RRSIM" fit "$MM1" "$HOST/plot-observed.csv" --reps 2 \
        --plot svg --quiet --out "$HP/obs") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 0 ] && ok plot-observed || fail plot-observed "exit $rc: $(cat "$TMP/err")"
    hp_pwned plot-observed-inert
    hp_has plot-observed-note "$HP/obs/plots/fit.svg" \
        "\`touch pwned\` 'q' @x; system(\"touch pwned\") ; #n \\ {a}"

    # ---- a folder whose name is a pipe to a shell ('|' in set output) -------
    mkdir -p "$HP/cwd/| touch pwned ;"
    cp "$HOST/plot-run/"*.csv "$HP/cwd/| touch pwned ;/"
    (cd "$HP/cwd" && "$HP_RRSIM" plot "| touch pwned ;") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 0 ] && [ -s "$HP/cwd/| touch pwned ;/plots/departures.png" ] &&
        ok plot-pipe-folder || fail plot-pipe-folder "exit $rc: $(cat "$TMP/err")"
    hp_pwned plot-pipe-folder-inert
fi

# ---- the program: never from PATH -------------------------------------------
printf '#!/bin/sh\ntouch "%s/from-path"\ncat >/dev/null\nexit 1\n' "$HP" >"$HP/bin/gnuplot"
chmod +x "$HP/bin/gnuplot"
cp "$HP/bin/gnuplot" "$HP/cwd/gnuplot"
(cd "$HP/cwd" && env -u RRSIM_GNUPLOT PATH="$HP/bin::/usr/bin:/bin" \
    "$HP_RRSIM" run "$MM1" --reps 2 --quiet --out "$HP/path") >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -e "$HP/from-path" ] && ok plot-not-from-path ||
    fail plot-not-from-path "exit $rc, $(ls "$HP"): $(cat "$TMP/err")"

# ---- a gnuplot that hangs ------------------------------------------------------
printf '#!/bin/sh\necho $$ >"%s/fake.pid"\nsleep 300 &\necho $! >"%s/kid.pid"\nwait\n' \
    "$HP" "$HP" >"$HP/bin/hang"
chmod +x "$HP/bin/hang"
rm -f "$HP/fake.pid" "$HP/kid.pid"
t0=$(hp_ms)
RRSIM_GNUPLOT="$HP/bin/hang" "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
    --plot-timeout 1 --out "$HP/late" >"$TMP/out" 2>"$TMP/err"
rc=$?
t=$(($(hp_ms) - t0))
[ "$rc" -eq 1 ] && [ "$t" -lt 8000 ] &&
    grep -qF "rrsim: gnuplot took more than 1 second over 'departures.png' and was stopped (allow more with --plot-timeout SECONDS); the CSV files are in '$HP/late'" "$TMP/err" &&
    ok plot-timeout || fail plot-timeout "exit $rc after $t ms: $(cat "$TMP/err")"
# the charts are optional: the CSV files are kept, no plots/ at all
[ -s "$HP/late/summary.csv" ] && [ ! -e "$HP/late/plots" ] &&
    ok plot-timeout-no-charts || fail plot-timeout-no-charts "$(ls -A "$HP/late" 2>&1)"
! hp_alive "$HP/fake.pid" && ! hp_alive "$HP/kid.pid" && ok plot-timeout-killed ||
    fail plot-timeout-killed "gnuplot or its child still runs"

# hp_signal NAME SIG CODE CMD... - CMD with the hanging gnuplot; SIG once it
# has started: exit CODE within 3 s and both processes gone.
hp_signal() {
    name=$1 sig=$2 code=$3
    shift 3
    rm -f "$HP/fake.pid" "$HP/kid.pid"
    RRSIM_GNUPLOT="$HP/bin/hang" "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    if ! hp_wait "$HP/kid.pid"; then
        kill -KILL $pid 2>/dev/null
        wait $pid
        fail "$name" "gnuplot never started: $(cat "$TMP/err")"
        return
    fi
    t0=$(hp_ms)
    kill -"$sig" $pid
    wait $pid
    rc=$?
    t=$(($(hp_ms) - t0))
    [ "$rc" -eq "$code" ] && [ "$t" -lt 3000 ] &&
        grep -q 'interrupted; no' "$TMP/err" && ok "$name" ||
        fail "$name" "exit $rc after $t ms: $(cat "$TMP/err")"
    ! hp_alive "$HP/fake.pid" && ! hp_alive "$HP/kid.pid" && ok "$name-killed" ||
        fail "$name-killed" "gnuplot or its child still runs"
}
mkdir -p "$HP/sig"
hp_signal plot-sigterm TERM 143 "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
    --out "$HP/sig/term"
hp_signal plot-sigint INT 130 "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
    --out "$HP/sig/int"
[ -z "$(ls -A "$HP/sig")" ] && ok plot-signal-no-folder ||
    fail plot-signal-no-folder "$(ls -A "$HP/sig")"
# rrsim plot: stopped the same way; the charts already there stay
"$RRSIM" run scenarios/mm1.ini --reps 2 --quiet --plot none --out "$HP/redraw" \
    >/dev/null 2>&1
mkdir -p "$HP/redraw/plots"
echo old >"$HP/redraw/plots/departures.png"
hp_signal plot-redraw-sigterm TERM 143 "$RRSIM" plot "$HP/redraw"
[ "$(cat "$HP/redraw/plots/departures.png")" = old ] &&
    [ "$(ls -A "$HP/redraw" | grep -v '^\.rrsim-results$' | grep -c '^\.')" -eq 0 ] &&
    ok plot-redraw-sigterm-kept || fail plot-redraw-sigterm-kept "$(ls -A "$HP/redraw")"

# ---- a gnuplot that writes a cut chart and exits 0 (a full disk) ------------
# hp_cut NAME FORMAT BYTES - a fake writing BYTES (printf) as the chart
hp_cut() {
    printf '#!/bin/sh\nname=$(sed -n "s/^set output %s\\(.*\\)%s$/\\\\1/p")\nprintf %s >"$name"\nexit 0\n' \
        "'" "'" "'$3'" >"$HP/bin/cut-$2"
    chmod +x "$HP/bin/cut-$2"
}
hp_cut png png '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\005\000\000\000\002\320\010\002\000\000\000'
hp_cut svg svg '<?xml version="1.0"?>\n<svg width="1280">\n<text>cut here'
hp_cut pdf pdf '%%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'
RRSIM_GNUPLOT="$HP/bin/cut-png" "$RRSIM" run scenarios/mm1.ini --reps 2 --quiet \
    --out "$HP/cut" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 1 ] &&
    grep -qF "rrsim: gnuplot wrote an incomplete chart 'departures.png' (it ends inside a chunk; is the disk full?); the CSV files are in '$HP/cut'" "$TMP/err" &&
    ok plot-cut-png || fail plot-cut-png "exit $rc: $(cat "$TMP/err")"
[ -s "$HP/cut/summary.csv" ] && [ ! -e "$HP/cut/plots" ] && ok plot-cut-png-not-kept ||
    fail plot-cut-png-not-kept "$(ls -AR "$HP/cut" 2>&1)"
for f in svg pdf; do
    RRSIM_GNUPLOT="$HP/bin/cut-$f" "$RRSIM" plot "$HP/redraw" --plot $f \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 1 ] && grep -qF "incomplete chart 'departures.$f'" "$TMP/err" &&
        [ ! -e "$HP/redraw/plots/departures.$f" ] && ok "plot-cut-$f" ||
        fail "plot-cut-$f" "exit $rc: $(cat "$TMP/err")"
done
[ "$(ls -A "$HP/redraw/plots")" = departures.png ] && ok plot-cut-old-charts-kept ||
    fail plot-cut-old-charts-kept "$(ls -A "$HP/redraw/plots")"

# ---- --plot-timeout ------------------------------------------------------------
for v in 0 -1 abc 1e9 nan; do
    expect_stderr "rrsim: --plot-timeout: expected seconds, more than 0 and at most 86400, got '$v'
(see 'rrsim run --help')" "plot-timeout-bad-$v" -- "$RRSIM" run scenarios/mm1.ini --plot-timeout "$v"
done
rm -rf "$HP"
