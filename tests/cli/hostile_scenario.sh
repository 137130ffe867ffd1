# hostile_scenario.sh - scenario files and tables as an attacker or a
# careless colleague would send them (issue 7): every tests/hostile/scen-*.ini
# fails as its first line says ("; expect: MESSAGE") under `check` and `run`,
# with exit 2, that one line on stderr, nothing on stdout and no folder left;
# then the inputs that are made here (special files, huge or deep files,
# binary ones), --set values that could not be written back, the round trip
# of scenario.resolved.ini, and big scenarios that must pass `check` at all.
# Everything that could hang runs under `timeout`.

HS=tests/hostile
HT="$TMP/hs"
mkdir -p "$HT"

# hs_expect NAME RC MESSAGE - last command's exit code and stderr.
hs_expect() {
    if [ "$2" -ne 2 ]; then
        fail "$1" "exit $2, expected 2; stderr: $(head -c 300 "$TMP/err")"
    elif ! printf 'rrsim: %s\n' "$3" | cmp -s - "$TMP/err"; then
        fail "$1" "stderr '$(head -c 300 "$TMP/err")', expected 'rrsim: $3'"
    elif [ -s "$TMP/out" ]; then
        fail "$1" "printed on stdout: $(head -c 300 "$TMP/out")"
    else
        ok "$1"
    fi
}

# hs_run NAME MESSAGE SCENARIO [ARGS...] - `check` and `run` both fail
# with MESSAGE within 20 seconds, and `run` leaves nothing behind.
hs_run() {
    hs_name=$1 hs_msg=$2
    shift 2
    timeout 20 "$RRSIM" check "$@" >"$TMP/out" 2>"$TMP/err"
    hs_expect "check $hs_name" $? "$hs_msg"
    timeout 20 "$RRSIM" run "$@" --out "$HT/out" >"$TMP/out" 2>"$TMP/err"
    hs_expect "run $hs_name" $? "$hs_msg"
    if [ -n "$(ls -A "$HT" | grep -e '^out' -e '^\.out')" ]; then
        fail "run $hs_name" "left a results folder: $(ls -A "$HT")"
        rm -rf "$HT/out" "$HT"/.out*
    else
        ok "run $hs_name leaves nothing"
    fi
}

# the committed files
for hs_f in "$HS"/scen-*.ini; do
    hs_m=$(sed -n '1s/^; expect: //p' "$hs_f")
    [ -n "$hs_m" ] || continue
    hs_run "$hs_f" "$hs_m" "$hs_f"
done

# hs_scenario FILE [EXTRA] - a small valid scenario, EXTRA lines added.
hs_scenario() {
    printf '[scenario]\nname = h\nstart = 2020-01-01\nend = 2020-03-31\n' >"$1"
    printf 'replications = 1\n%s\n' "${2:-}" >>"$1"
    printf '[arrivals]\nrate = 10/day\n[stage.a]\n' >>"$1"
    printf 'service = exponential(mean=2d)\nroute.departed = 1\n' >>"$1"
}

# ---- special files: refused at once, never waited on or read without end
mkfifo "$HT/fifo.ini" "$HT/fifo.csv" 2>/dev/null
hs_run "fifo scenario" \
    "cannot read '$HT/fifo.ini': not a regular file (a FIFO)" "$HT/fifo.ini"
hs_scenario "$HT/fifo-base.ini" "base = fifo.ini"
hs_run "fifo base" \
    "$HT/fifo-base.ini:6: [scenario] base: cannot read '$HT/fifo.ini': not a regular file (a FIFO)" \
    "$HT/fifo-base.ini"
hs_scenario "$HT/fifo-table.ini"
printf '[countries]\nfile = fifo.csv\n' >>"$HT/fifo-table.ini"
hs_run "fifo table" \
    "$HT/fifo-table.ini:13: [countries] file: cannot read '$HT/fifo.csv': not a regular file (a FIFO)" \
    "$HT/fifo-table.ini"
printf '[scenario]\nname = h\nstart = 2020-01-01\nend = 2020-03-31\n[arrivals]\nrate = 1/day\nschedule = fifo.csv\n[stage.a]\nservice = exponential(mean=2d)\nroute.departed = 1\n' \
    >"$HT/fifo-sched.ini"
hs_run "fifo schedule" \
    "$HT/fifo-sched.ini:7: [arrivals] schedule: cannot read '$HT/fifo.csv': not a regular file (a FIFO)" \
    "$HT/fifo-sched.ini"
ln -sf /dev/zero "$HT/zero.csv"
hs_scenario "$HT/link-table.ini"
printf '[countries]\nfile = zero.csv\n' >>"$HT/link-table.ini"
hs_run "symlink to /dev/zero as a table" \
    "$HT/link-table.ini:13: [countries] file: cannot read '$HT/zero.csv': not a regular file (a character device)" \
    "$HT/link-table.ini"
hs_scenario "$HT/link-base.ini" "base = zero.csv"
hs_run "symlink to /dev/zero as a base" \
    "$HT/link-base.ini:6: [scenario] base: cannot read '$HT/zero.csv': not a regular file (a character device)" \
    "$HT/link-base.ini"
: >"$HT/big.csv"
if truncate -s 65M "$HT/big.csv" 2>/dev/null; then
    hs_scenario "$HT/big-table.ini"
    printf '[countries]\nfile = big.csv\n' >>"$HT/big-table.ini"
    hs_run "table over 64 MiB" \
        "$HT/big-table.ini:13: [countries] file: cannot read '$HT/big.csv': larger than 64 MiB (the limit for an input file)" \
        "$HT/big-table.ini"
fi
rm -f "$HT/big.csv"

# ---- deep, long and broken text
awk 'BEGIN { print "[scenario]\nname = deep\nstart = 2020-01-01\nend = 2020-01-31";
             print "[arrivals]\nrate = ${p0}/day\n[stage.a]";
             print "service = exponential(mean=1d)\nroute.departed = 1\n[parameters]";
             for (i = 0; i < 30000; i++) printf "p%d = ${p%d}\n", i, i + 1;
             print "p30000 = 1" }' >"$HT/deep.ini"
hs_run "30,000 nested parameters" \
    "$HT/deep.ini:11: [parameters] p0: \${...} nested more than 64 deep: p0 -> p1 -> p2 -> p3 -> ... -> p63 -> p64" \
    "$HT/deep.ini"
# written from the far end, each parameter is resolved from the one before:
# no deep stack, but the chain is as long
awk 'BEGIN { print "[scenario]\nname = deep\nstart = 2020-01-01\nend = 2020-01-31";
             print "[parameters]\np30000 = 1";
             for (i = 29999; i >= 0; i--) printf "p%d = ${p%d}\n", i, i + 1;
             print "[arrivals]\nrate = ${p0}/day\n[stage.a]";
             print "service = exponential(mean=1d)\nroute.departed = 1" }' >"$HT/deep2.ini"
hs_run "30,000 nested parameters, last first" \
    "$HT/deep2.ini:70: [parameters] p29936: \${...} nested more than 64 deep: p29936 -> p29937 -> p29938 -> p29939 -> ... -> p29999 -> p30000" \
    "$HT/deep2.ini"
awk 'BEGIN { print "[scenario]\nname = cont\nstart = 2020-01-01\nend = 2020-01-31";
             print "[arrivals]\nrate = 1/day\n[stage.a]";
             print "service = exponential(mean=1d)\nroute.departed = 1\n[parameters]\nx = a";
             for (i = 0; i < 200000; i++) print "    bbbbbbb" }' >"$HT/cont.ini"
hs_run "1.8 MB of continuation lines" \
    "$HT/cont.ini:8203: [parameters] x: value longer than 65536 characters" \
    "$HT/cont.ini"
awk 'BEGIN { print "[scenario]\nname = cont\nstart = 2020-01-01\nend = 2020-01-31";
             print "[arrivals]\nrate = 1/day\n[stage.a]";
             print "service = exponential(mean=1d)\nroute.departed = 1";
             print "[event.e]\nfrom = 2020-01-15\nlabel = ${x}\n[parameters]\nx = a";
             for (i = 0; i < 6000; i++) print "    bbbbbbbbb" }' >"$HT/cont-ok.ini"
expect_exit 0 "a value of 60,000 characters on 6,000 lines" -- \
    timeout 20 "$RRSIM" check "$HT/cont-ok.ini"
hs_scenario "$HT/long-comment.ini"
awk 'BEGIN { s = "; "; for (i = 0; i < 20; i++) s = s s; while (length(s) < 10000000) s = s s; print s }' \
    >>"$HT/long-comment.ini"
expect_exit 0 "a 10 MB comment line" -- \
    timeout 20 "$RRSIM" check "$HT/long-comment.ini"
hs_scenario "$HT/long-line.ini"
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s; print "[parameters]\np = " s }' \
    >>"$HT/long-line.ini"
hs_run "a 10 MB line" \
    "$HT/long-line.ini:13: line longer than 197 characters (continue a long value on an indented line)" \
    "$HT/long-line.ini"
: >"$HT/empty.ini"
hs_run "empty file" \
    "$HT/empty.ini: no sections (a scenario needs [scenario], [arrivals] and at least one [stage.NAME])" \
    "$HT/empty.ini"
printf '; only a comment\n\n   \n# and another\n' >"$HT/comments.ini"
hs_run "comments only" \
    "$HT/comments.ini: no sections (a scenario needs [scenario], [arrivals] and at least one [stage.NAME])" \
    "$HT/comments.ini"
printf '\037\213\010\000\000\000\000\000\000\003[scenario]\n' >"$HT/binary.ini"
hs_run "binary file" \
    "$HT/binary.ini:1: control character 0x1F; a scenario file must be UTF-8 text" \
    "$HT/binary.ini"
printf 'country,share\nAA,1\n\037\213\010\000\000,1\n' >"$HT/binary.csv"
hs_scenario "$HT/binary-table.ini"
printf '[countries]\nfile = binary.csv\n' >>"$HT/binary-table.ini"
hs_run "binary table" \
    "$HT/binary.csv:3: invalid UTF-8 (byte 0x8B); a table must be UTF-8 text" \
    "$HT/binary-table.ini"

# ---- --set values that a scenario file could not hold
hs_run "--set with a line break" \
    "--set scenario.title: a value is one line (it holds a line break)" \
    tests/fixtures/simple.ini --set "scenario.title=a
[stage.x]"
hs_run "--set with ' ;'" \
    "--set scenario.title: ' ;' would start a comment in a scenario file (write ';' without the space before it)" \
    tests/fixtures/simple.ini --set "scenario.title=a ;b"
hs_run "--set starting with ';'" \
    "--set scenario.source: a value cannot start with ';' (a scenario file would read it as a comment)" \
    tests/fixtures/simple.ini --set "scenario.source=;b"
hs_run "--set with a control character" \
    "--set scenario.source: expected text (UTF-8, no control characters), got control character 0x1B" \
    tests/fixtures/simple.ini --set "$(printf 'scenario.source=a\033[31mred')"
hs_run "--set with bytes that are not UTF-8" \
    "--set scenario.source: expected text (UTF-8, no control characters), got invalid UTF-8 (byte 0xE9)" \
    tests/fixtures/simple.ini --set "$(printf 'scenario.source=caf\351')"
hs_long=$(awk 'BEGIN { s = "x"; while (length(s) < 151) s = s "x"; print s }')
hs_run "--set with 151 characters that cannot be broken" \
    "--set scenario.source: more than 150 characters without a space where the value could go on over lines in a scenario file" \
    tests/fixtures/simple.ini --set "scenario.source=a $hs_long"

# ---- scenario.resolved.ini reads back as it was written: the same CSVs
rm -rf "$HT/rt1" "$HT/rt2"
if "$RRSIM" run "$HS/scen-roundtrip.ini" --reps 2 --set "scenario.source=x=1 #2 [3]; 4   # default" \
        --out "$HT/rt1" >"$TMP/out" 2>"$TMP/err" &&
    "$RRSIM" run "$HT/rt1/scenario.resolved.ini" --reps 2 --out "$HT/rt2" \
        >"$TMP/out" 2>"$TMP/err"; then
    hs_same=yes
    for hs_f in timeseries.csv timeseries_summary.csv summary.csv events.csv run.csv; do
        cmp -s "$HT/rt1/$hs_f" "$HT/rt2/$hs_f" || hs_same="no ($hs_f differs)"
    done
    if [ "$hs_same" = yes ]; then ok "resolved.ini reruns the run"; else
        fail "resolved.ini reruns the run" "$hs_same"
    fi
else
    fail "resolved.ini reruns the run" "$(head -c 300 "$TMP/err")"
fi
rm -rf "$HT/rt1" "$HT/rt2"

# ---- cycles that take time are fine
hs_scenario "$HT/loop-ok.ini"
sed -i 's/^route.departed = 1$/route.a = 0.5\nroute.departed = rest/' "$HT/loop-ok.ini"
expect_exit 0 "a loop with exponential service checks" -- \
    "$RRSIM" check "$HT/loop-ok.ini"

# ---- big scenarios: `check` passes, in time linear in their size
# (bench/bench_scenario.c measures the time)
awk 'BEGIN { print "[scenario]\nname = big\nstart = 2020-01-01\nend = 2020-01-10\nreplications = 1\n[parameters]";
             for (i = 0; i < 20000; i++) printf "p%d = %d\np%d.source = note %d\n", i, i, i, i;
             print "[arrivals]\nrate = ${p1}/day\n[stage.a]";
             print "service = deterministic(1d)\nroute.departed = 1";
             # every parameter used (one that no setting uses is an error)
             for (e = 0; e < 4; e++) {
                 printf "[event.e%d]\nfrom = 2020-01-05\nlabel =", e;
                 for (i = e * 5000; i < (e + 1) * 5000; i++) {
                     if (i % 15 == 0) printf "\n   ";
                     printf " ${p%d}", i }
                 print "" } }' >"$HT/params.ini"
expect_exit 0 "check 20,000 parameters" -- timeout 120 "$RRSIM" check "$HT/params.ini"
awk 'BEGIN { print "[scenario]\nname = big\nstart = 2020-01-01\nend = 2020-01-10\nreplications = 1";
             print "[arrivals]\nrate = 1/day\nstage = s0";
             for (i = 0; i < 10000; i++) {
                 printf "[stage.s%d]\nservice = deterministic(1d)\n", i;
                 if (i < 9999) printf "route.s%d = 0.9\nroute.closed = rest\n", i + 1;
                 else print "route.departed = 1" } }' >"$HT/stages.ini"
expect_exit 0 "check 10,000 stages" -- timeout 120 "$RRSIM" check "$HT/stages.ini"
awk 'BEGIN { print "country,share,x"; for (i = 0; i < 100000; i++) printf "C%d,1,0.5\n", i }' \
    >"$HT/countries.csv"
hs_scenario "$HT/countries.ini"
sed -i 's/^route.departed = 1$/route.departed = country.x\nroute.closed = rest/' "$HT/countries.ini"
printf '[countries]\nfile = countries.csv\n[event.e]\nfrom = 2020-02-01\nset.country.C7.x = 0.2\n' \
    >>"$HT/countries.ini"
expect_exit 0 "check 100,000 countries" -- timeout 120 "$RRSIM" check "$HT/countries.ini"
rm -rf "$HT"
