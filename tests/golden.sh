#!/bin/sh
# golden.sh - golden runs: the CSV files of fixed runs against the copies in
# tests/reference/, byte for byte.
#
#   sh tests/golden.sh           compare; closes on "golden: N passed, N failed"
#   sh tests/golden.sh --update  rerun and replace tests/reference/ (make
#                                test-update); review the diff before
#                                committing it
#
# $RRSIM is the program (default ./rrsim); GOLDEN_REF and GOLDEN_RUNS may
# name another reference folder and fewer runs (for testing this script).
# Each run is
#   rrsim run SCENARIO --reps 2 --seed 42 --trace --plot none --quiet
# and every *.csv it writes at the top of its folder is compared, except:
#   - run.csv's last column, version, which changes with every release: it
#     is written as VERSION in the reference and compared so;
#   - cases.csv (tens of MB for the baseline) is kept as its SHA-256 digest,
#     cases.csv.sha256.
# Not compared: scenario.resolved.ini (it records the time and command of
# the run), the copies of the input tables in inputs/ and the charts.
# A CSV file that appears or disappears fails too.
RRSIM=${RRSIM:-./rrsim}
REF=${GOLDEN_REF:-tests/reference}
RUNS=${GOLDEN_RUNS:-mm1 nl-baseline}
update=0
case ${1-} in
--update) update=1 ;;
'') ;;
*) echo "usage: sh tests/golden.sh [--update]" >&2; exit 2 ;;
esac

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
g_passed=0
g_failed=0
g_ok() { g_passed=$((g_passed + 1)); }
g_fail() {
    g_failed=$((g_failed + 1))
    echo "  FAIL golden: $1: $2"
}

# normalise DIR OUT - the comparable form of DIR's CSV files into OUT.
normalise() {
    mkdir -p "$2" || return 1
    for f in "$1"/*.csv; do
        [ -f "$f" ] || continue
        b=$(basename "$f")
        case $b in
        cases.csv)
            (cd "$1" && sha256sum cases.csv) >"$2/cases.csv.sha256" || return 1
            ;;
        run.csv)
            if [ "$(head -n 1 "$f" | sed 's/.*,//')" != version ]; then
                echo "golden: $f: the last column is no longer 'version';" \
                     "adapt tests/golden.sh" >&2
                return 1
            fi
            sed '1!s/,[^,]*$/,VERSION/' "$f" >"$2/$b" || return 1
            ;;
        *) cp "$f" "$2/$b" || return 1 ;;
        esac
    done
}

# golden_run NAME - run scenarios/NAME.ini into $TMP/NAME.run and its
# comparable form into $TMP/NAME.
golden_run() {
    if ! "$RRSIM" run "scenarios/$1.ini" --reps 2 --seed 42 --trace \
        --plot none --quiet --out "$TMP/$1.run" >"$TMP/out" 2>"$TMP/err"; then
        echo "golden: $1: rrsim run failed: $(head -c 300 "$TMP/err")" >&2
        return 1
    fi
    normalise "$TMP/$1.run" "$TMP/$1"
}

if [ "$update" = 1 ]; then
    for r in $RUNS; do
        golden_run "$r" || exit 1
    done
    for r in $RUNS; do
        rm -rf "${REF:?}/$r" && mkdir -p "$REF" && cp -R "$TMP/$r" "$REF/$r" ||
            exit 1
        echo "golden: $REF/$r: $(ls "$REF/$r" | tr '\n' ' ')"
    done
    exit 0
fi

for r in $RUNS; do
    if [ ! -d "$REF/$r" ]; then
        g_fail "$r" "no $REF/$r (make test-update writes it)"
        continue
    fi
    if ! golden_run "$r"; then
        g_fail "$r" "the run failed"
        continue
    fi
    for f in "$REF/$r"/*; do
        b=$(basename "$f")
        if [ ! -f "$TMP/$r/$b" ]; then
            g_fail "$r/$b" "not written any more"
        elif cmp -s "$f" "$TMP/$r/$b"; then
            g_ok
        else
            g_fail "$r/$b" "differs from $REF/$r/$b:
$(diff "$f" "$TMP/$r/$b" | head -n 8)"
        fi
    done
    for f in "$TMP/$r"/*; do
        b=$(basename "$f")
        [ -e "$REF/$r/$b" ] || g_fail "$r/$b" "new file, not in $REF/$r (make test-update)"
    done
done
echo "golden: $g_passed passed, $g_failed failed"
[ "$g_failed" -eq 0 ]
