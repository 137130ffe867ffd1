#!/bin/sh
# golden_scripts.sh - the gnuplot scripts of the charts of fixed runs, a
# sweep, a comparison, a fit and the received folders of
# tests/hostile/plot-*, as rrsim writes them with RRSIM_GNUPLOT_SCRIPT=1
# (the script it would feed gnuplot, byte for byte; no gnuplot needed).
#
#   sh tests/golden_scripts.sh DIR       write them into DIR/CASE/NAME.gp
#   sh tests/golden_scripts.sh --update  rewrite tests/reference/scripts/
#                                        (make test-update); review the
#                                        diff: it is what the change does
#                                        to the charts
#
# tests/cli/plot_scripts.sh compares them with tests/reference/scripts/.
# $RRSIM is the program (default ./rrsim); GOLDEN_SCRIPTS_REF may name
# another reference folder.  The version in the footers ("· rrsim 0.1.0")
# changes with every release: it is written VERSION.  The cases:
#   mm1          rrsim run scenarios/mm1.ini --reps 2 --seed 42
#   nl-baseline  rrsim run scenarios/nl-baseline.ini --reps 2 --seed 42 --trace
#   sweep        rrsim sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1
#                  --vary mean_talk=1d,1.2d --reps 2 --seed 42
#   compare      rrsim compare scenarios/nl-baseline.ini
#                  scenarios/nl-ngo-expansion.ini --reps 2 --seed 42
#   fit          rrsim fit scenarios/nl-baseline.ini
#                  scenarios/data/nl-observed.csv --reps 2 --seed 42
#   plot-KIND    rrsim plot (a copy of) tests/hostile/plot-KIND --plot svg,
#                  for KIND run, sweep, compare and fit
RRSIM=${RRSIM:-./rrsim}
REF=${GOLDEN_SCRIPTS_REF:-tests/reference/scripts}
case ${1-} in
--update) update=1 ;;
'' | -*) echo "usage: sh tests/golden_scripts.sh DIR | --update" >&2; exit 2 ;;
*) update=0; OUT=$1 ;;
esac

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ "$update" = 1 ] && OUT=$TMP/scripts
mkdir -p "$OUT" || exit 1
version=$("$RRSIM" --version | cut -d' ' -f2)
version_re=$(printf '%s' "$version" | sed 's/[].[\*^$/]/\\&/g')

# gs_keep NAME FOLDER - FOLDER/plots/*.gp into $OUT/NAME, version masked.
gs_keep() {
    mkdir -p "$OUT/$1" || return 1
    for f in "$2"/plots/*.gp; do
        [ -f "$f" ] || { echo "golden_scripts: $1: no script written" >&2; return 1; }
        sed "s/ · rrsim $version_re'/ · rrsim VERSION'/" "$f" \
            >"$OUT/$1/$(basename "$f")" || return 1
    done
}
# gs_run NAME ARGS... - rrsim ARGS --quiet --out $TMP/NAME.run in script
# mode, its scripts kept as NAME.
gs_run() {
    name=$1; shift
    if ! RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" "$@" --quiet --out "$TMP/$name.run" \
        >"$TMP/out" 2>"$TMP/err"; then
        echo "golden_scripts: $name: rrsim $1 failed: $(head -c 300 "$TMP/err")" >&2
        return 1
    fi
    gs_keep "$name" "$TMP/$name.run"
}
# gs_plot NAME FOLDER - rrsim plot a copy of FOLDER as SVG in script mode.
gs_plot() {
    cp -R "$2" "$TMP/$1.run" || return 1
    if ! RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" plot "$TMP/$1.run" --plot svg --quiet \
        >"$TMP/out" 2>"$TMP/err"; then
        echo "golden_scripts: $1: rrsim plot failed: $(head -c 300 "$TMP/err")" >&2
        return 1
    fi
    gs_keep "$1" "$TMP/$1.run"
}

gs_run mm1 run scenarios/mm1.ini --reps 2 --seed 42 &&
gs_run nl-baseline run scenarios/nl-baseline.ini --reps 2 --seed 42 --trace &&
gs_run sweep sweep scenarios/mm1.ini --vary lambda=0.5:0.7:0.1 \
    --vary mean_talk=1d,1.2d --reps 2 --seed 42 &&
gs_run compare compare scenarios/nl-baseline.ini \
    scenarios/nl-ngo-expansion.ini --reps 2 --seed 42 &&
gs_run fit fit scenarios/nl-baseline.ini scenarios/data/nl-observed.csv \
    --reps 2 --seed 42 &&
gs_plot plot-run tests/hostile/plot-run &&
gs_plot plot-sweep tests/hostile/plot-sweep &&
gs_plot plot-compare tests/hostile/plot-compare &&
gs_plot plot-fit tests/hostile/plot-fit || exit 1

if [ "$update" = 1 ]; then
    rm -rf "${REF:?}" && mkdir -p "$(dirname "$REF")" && cp -R "$OUT" "$REF" ||
        exit 1
    echo "golden_scripts: $REF: $(ls "$REF" | tr '\n' ' ')"
fi
exit 0
