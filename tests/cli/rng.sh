# rng.sh - versions of the random streams ([scenario] rng).
#   - rng = v1 reproduces the numbers of rrsim before the key existed: the
#     golden run of mm1 (2 replications, seed 42, traced) made then, kept in
#     tests/reference/mm1-rng-v1 (no run.csv: it gained a column since; its
#     events.csv, which has no rows, has the chart column added since),
#     byte for byte; and so does the scenario.resolved.ini that run wrote,
#     which records rng = v1.
#   - the default is v1 (the golden runs of tests/golden.sh are v1 too);
#     v2 is recorded in the resolved file; v1 and v2 differ.
#   - under v2 a trace does not change the results (the outcomes nothing
#     else sees are drawn from the trace's own stream).
#   - v3 (ziggurat exponentials and lognormals) is recorded, differs from
#     v2, is reproduced by its resolved file and is not changed by a trace.
#   - a bad version is refused with exit 2 naming the key.
RG=$TMP/rng
rm -rf "$RG"
mkdir -p "$RG"
# rg_same REF DIR - every file of REF has a byte-identical twin in DIR
# (cases.csv through its SHA-256); prints the names that differ.
rg_same() {
    for rg_f in "$1"/*; do
        rg_b=$(basename "$rg_f")
        case $rg_b in
        cases.csv.sha256)
            [ "$(cd "$2" && sha256sum cases.csv)" = "$(cat "$rg_f")" ] ||
                printf ' %s' "$rg_b" ;;
        *) cmp -s "$rg_f" "$2/$rg_b" || printf ' %s' "$rg_b" ;;
        esac
    done
}
if "$RRSIM" run scenarios/mm1.ini --reps 2 --seed 42 --trace --plot none \
        --quiet --set scenario.rng=v1 --out "$RG/v1" >"$TMP/out" 2>"$TMP/err"; then
    rg_bad=$(rg_same tests/reference/mm1-rng-v1 "$RG/v1")
    [ -z "$rg_bad" ] && ok rng-v1-golden || fail rng-v1-golden "differ:$rg_bad"
    grep -q '^rng = v1' "$RG/v1/scenario.resolved.ini" &&
        ok rng-v1-resolved-records || fail rng-v1-resolved-records \
            "$(grep '^rng' "$RG/v1/scenario.resolved.ini")"
    if "$RRSIM" run "$RG/v1/scenario.resolved.ini" --trace --plot none \
            --quiet --out "$RG/v1b" >"$TMP/out" 2>"$TMP/err"; then
        rg_bad=$(rg_same tests/reference/mm1-rng-v1 "$RG/v1b")
        [ -z "$rg_bad" ] && ok rng-v1-resolved-reruns ||
            fail rng-v1-resolved-reruns "differ:$rg_bad"
    else
        fail rng-v1-resolved-reruns "$(head -c 300 "$TMP/err")"
    fi
else
    fail rng-v1-golden "run: $(head -c 300 "$TMP/err")"
fi
if "$RRSIM" run scenarios/mm1.ini --reps 2 --seed 42 --plot none --quiet \
        --set scenario.rng=v2 --out "$RG/v2" >"$TMP/out" 2>"$TMP/err" &&
    "$RRSIM" run scenarios/mm1.ini --reps 2 --seed 42 --plot none --quiet \
        --set scenario.rng=v2 --trace --out "$RG/v2t" >"$TMP/out" 2>"$TMP/err"; then
    grep -q '^rng = v2' "$RG/v2/scenario.resolved.ini" &&
        ok rng-v2-resolved-records || fail rng-v2-resolved-records \
            "$(grep '^rng' "$RG/v2/scenario.resolved.ini")"
    ! cmp -s "$RG/v2/summary.csv" "$RG/v1/summary.csv" &&
        ok rng-versions-differ || fail rng-versions-differ "same summary.csv"
    rg_bad=
    for rg_b in summary.csv timeseries.csv stages.csv countries.csv events.csv; do
        cmp -s "$RG/v2/$rg_b" "$RG/v2t/$rg_b" || rg_bad="$rg_bad $rg_b"
    done
    [ -z "$rg_bad" ] && ok rng-v2-trace-neutral ||
        fail rng-v2-trace-neutral "differ with --trace:$rg_bad"
else
    fail rng-v2-resolved-records "run: $(head -c 300 "$TMP/err")"
fi
# v3: ziggurat draws; recorded, different from v2, reproduced by its
# resolved file byte for byte, and a trace changes no result
if "$RRSIM" run scenarios/mm1.ini --reps 2 --seed 42 --plot none --quiet \
        --set scenario.rng=v3 --out "$RG/v3" >"$TMP/out" 2>"$TMP/err" &&
    "$RRSIM" run scenarios/mm1.ini --reps 2 --seed 42 --plot none --quiet \
        --set scenario.rng=v3 --trace --out "$RG/v3t" >"$TMP/out" 2>"$TMP/err" &&
    "$RRSIM" run "$RG/v3/scenario.resolved.ini" --plot none --quiet \
        --out "$RG/v3r" >"$TMP/out" 2>"$TMP/err"; then
    grep -q '^rng = v3' "$RG/v3/scenario.resolved.ini" &&
        ok rng-v3-resolved-records || fail rng-v3-resolved-records \
            "$(grep '^rng' "$RG/v3/scenario.resolved.ini")"
    ! cmp -s "$RG/v3/summary.csv" "$RG/v2/summary.csv" &&
        ok rng-v3-differs-from-v2 || fail rng-v3-differs-from-v2 "same summary.csv"
    rg_bad=
    rg_bad_r=
    for rg_b in summary.csv timeseries.csv stages.csv countries.csv events.csv; do
        cmp -s "$RG/v3/$rg_b" "$RG/v3t/$rg_b" || rg_bad="$rg_bad $rg_b"
        cmp -s "$RG/v3/$rg_b" "$RG/v3r/$rg_b" || rg_bad_r="$rg_bad_r $rg_b"
    done
    [ -z "$rg_bad" ] && ok rng-v3-trace-neutral ||
        fail rng-v3-trace-neutral "differ with --trace:$rg_bad"
    [ -z "$rg_bad_r" ] && ok rng-v3-resolved-reruns ||
        fail rng-v3-resolved-reruns "differ:$rg_bad_r"
else
    fail rng-v3-resolved-records "run: $(head -c 300 "$TMP/err")"
fi
expect_stderr "rrsim: --set scenario.rng: expected v1, v2 or v3, got 'v4' (did you mean 'v1'?)" rng-bad-version -- \
    "$RRSIM" check scenarios/mm1.ini --set scenario.rng=v4
if "$RRSIM" run scenarios/mm1.ini --reps 1 --plot none --quiet \
        --out "$RG/d" >"$TMP/out" 2>"$TMP/err"; then
    grep -q '^rng = v1 ; default' "$RG/d/scenario.resolved.ini" &&
        ok rng-default-v1 || fail rng-default-v1 \
            "$(grep '^rng' "$RG/d/scenario.resolved.ini")"
else
    fail rng-default-v1 "run: $(head -c 300 "$TMP/err")"
fi
rm -rf "$RG"
