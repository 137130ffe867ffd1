# fuzz_replay.sh - the fuzz targets of tests/fuzz/, built as plain programs
# (BUILD/fuzz/replay_TARGET), run on their seed corpora (made from
# scenarios/ and tests/ by tests/fuzz/seeds.sh) and on every input a fuzzer
# ever found a defect with (tests/fuzz/crashes/TARGET/), one test per
# input: each must now run clean, under the sanitizers in a SANITIZE
# build.  Inputs of defects not fixed yet wait in tests/fuzz/pending/.
fz_bin=$(dirname "$RRSIM")/fuzz
if [ -d "$fz_bin" ]; then
    if sh tests/fuzz/seeds.sh "$TMP/fuzz-seeds" "$RRSIM" >"$TMP/out" 2>&1; then
        ok fuzz-seeds
    else
        fail fuzz-seeds "tests/fuzz/seeds.sh: $(head -c 300 "$TMP/out")"
    fi
    mkdir -p "$TMP/fuzz-tmp"
    for fz_src in tests/fuzz/fuzz_*.c; do
        fz_t=${fz_src#tests/fuzz/fuzz_}
        fz_t=${fz_t%.c}
        fz_prog=$fz_bin/replay_$fz_t
        if [ ! -x "$fz_prog" ]; then
            fail "fuzz-$fz_t" "$fz_prog is not built"
            continue
        fi
        expect_exit 0 "fuzz-$fz_t-seeds" -- env RRSIM_FUZZ_TMP="$TMP/fuzz-tmp" \
            timeout 600 "$fz_prog" "$TMP/fuzz-seeds/$fz_t"
        for fz_in in tests/fuzz/crashes/"$fz_t"/*; do
            [ -f "$fz_in" ] || continue
            expect_exit 0 "fuzz-$fz_t-$(basename "$fz_in")" -- \
                env RRSIM_FUZZ_TMP="$TMP/fuzz-tmp" timeout 60 "$fz_prog" "$fz_in"
        done
    done
    rm -rf "$TMP/fuzz-seeds" "$TMP/fuzz-tmp" # the other parts expect an empty scratch folder
fi
