# resolved.sh - every shipped scenario reruns from its scenario.resolved.ini:
# a short run (one replication) of the scenario and one of the resolved
# file its run wrote give the same CSV files, byte for byte.  (That both
# have plans with the same hash, and that writing a resolved file read
# back writes it again unchanged, is test_scenario.c's
# test_roundtrip_scenarios.)
RS=$TMP/resolved
for rs_s in scenarios/*.ini; do
    rs_n=roundtrip-$(basename "$rs_s" .ini)
    rm -rf "$RS"
    mkdir -p "$RS"
    if ! "$RRSIM" run "$rs_s" --reps 1 --plot none --quiet --out "$RS/a" \
            >"$TMP/out" 2>"$TMP/err"; then
        fail "$rs_n" "run: $(head -c 300 "$TMP/err")"
        continue
    fi
    if ! "$RRSIM" run "$RS/a/scenario.resolved.ini" --reps 1 --plot none \
            --quiet --out "$RS/b" >"$TMP/out" 2>"$TMP/err"; then
        fail "$rs_n" "rerun: $(head -c 300 "$TMP/err")"
        continue
    fi
    rs_bad=
    rs_count=0
    for rs_f in "$RS/a"/*.csv "$RS/b"/*.csv; do
        [ -f "$rs_f" ] || continue
        rs_b=$(basename "$rs_f")
        rs_count=$((rs_count + 1))
        cmp -s "$RS/a/$rs_b" "$RS/b/$rs_b" || rs_bad="$rs_bad $rs_b"
    done
    if [ "$rs_count" -lt 10 ]; then
        fail "$rs_n" "only $rs_count CSV files in the two runs"
    elif [ -n "$rs_bad" ]; then
        fail "$rs_n" "differ:$rs_bad"
    else
        ok "$rs_n"
    fi
done
rm -rf "$RS"
