#!/bin/sh
# check-layers.sh - every #include runs downward through the layers.
#
#   sh tests/check-layers.sh [ROOT]     (ROOT defaults to .)
#
# The layers, bottom to top, are the folders sim/engine, sim/scenario,
# sim/model, sim/study and sim/results, with sim/main.c and sim/cli/ on
# top.  A file
# belongs to the layer of its folder; a public header include/rr_*.h to the
# layer the table below gives it.  A file may include headers of its own
# layer and of the layers below; anything else fails, one line per include
# on stderr, and so does a source or header in no layer (a file straight
# in sim/ other than main.c, another folder, a public header missing from
# the table).  Headers found nowhere in ROOT (<stdio.h>, <gsl/...>) are
# system headers and not checked.  Silent, exit 0, when all is well.

# The public headers, by layer, bottom to top.  A new header goes on the
# line of the layer whose sources define what it declares.
HEADERS='
engine   rr_common.h rr_util.h rr_rng.h rr_calendar.h rr_pool.h rr_stats.h rr_dist.h rr_network.h rr_date.h rr_design.h
scenario rr_scenario.h rr_table.h rr_grammar.h
model    rr_model.h rr_indicator.h
study    rr_experiment.h rr_sweep.h rr_fit.h rr_points.h rr_compare.h rr_calibrate.h rr_validate.h rr_uncertainty.h rr_sobol.h rr_sensitivity.h
results  rr_output.h rr_plot.h rr_results.h rr_shard.h
'
LAYERS="engine scenario model study results main"
ORDER=$(echo "$LAYERS" | sed 's/ / < /g')

ROOT=${1:-.}
if [ ! -d "$ROOT/sim" ] || [ ! -d "$ROOT/include" ]; then
    echo "check-layers: '$ROOT' has no sim/ and include/ folders" >&2
    exit 2
fi
ROOT=$(cd "$ROOT" && pwd -P) || exit 2
bad=0

# rank LAYER - its height (engine 1 ... main 6), or nothing.
rank() {
    n=0
    for l in $LAYERS; do
        n=$((n + 1))
        if [ "$l" = "$1" ]; then echo "$n"; return; fi
    done
}

# header_layer NAME - the table's layer of a public header, or nothing.
header_layer() {
    echo "$HEADERS" | while read -r l names; do
        for h in $names; do
            if [ "$h" = "$1" ]; then echo "$l"; return; fi
        done
    done
}

# layer_of PATH - the layer of a file given relative to ROOT, or nothing.
layer_of() {
    case $1 in
    include/*/*) ;;
    include/*) header_layer "${1#include/}" ;;
    sim/main.c | sim/cli/*) echo main ;;
    sim/*/*)
        l=${1#sim/}
        l=${l%%/*}
        case " $LAYERS " in *" $l "*) [ "$l" != main ] && echo "$l" ;; esac
        ;;
    esac
}

# resolve FILE NAME - where #include NAME in FILE (both relative to ROOT)
# is found: beside FILE, in include/, in sim/, then in a layer folder (as
# the compiler's -I options may point there); nothing for a system header.
resolve() {
    for d in "$(dirname "$1")" include sim $(for l in $LAYERS; do
                                               echo "sim/$l"; done); do
        if [ -f "$ROOT/$d/$2" ]; then
            p=$(cd "$(dirname "$ROOT/$d/$2")" && pwd -P) || return
            p=${p#"$ROOT"/}
            if [ "$p" = "$ROOT" ]; then p=.; fi
            echo "$p/$(basename "$2")"
            return
        fi
    done
}

files=$(cd "$ROOT" && find sim include -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
for f in $files; do
    fl=$(layer_of "$f")
    if [ -z "$fl" ]; then
        case $f in
        include/*) echo "check-layers: $f: a public header in no layer; add it to the table in tests/check-layers.sh" >&2 ;;
        *) echo "check-layers: $f: in no layer; sources and headers go in sim/engine, sim/scenario, sim/model, sim/study or sim/results (main.c alone in sim/, the command line in sim/cli/)" >&2 ;;
        esac
        bad=1
        continue
    fi
    fr=$(rank "$fl")
    incs=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<][^">]*[">]' "$ROOT/$f" |
           sed 's/^\([0-9]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*["<]\([^">]*\)[">].*/\1 \2/')
    [ -n "$incs" ] || continue
    while read -r line name; do
        p=$(resolve "$f" "$name")
        [ -n "$p" ] || continue
        hl=$(layer_of "$p")
        [ -n "$hl" ] || continue # reported as a file of its own
        if [ "$(rank "$hl")" -gt "$fr" ]; then
            echo "check-layers: $f:$line: includes $name of the $hl layer; the $fl layer may include only its own and lower layers ($ORDER)" >&2
            bad=1
        fi
    done <<EOF
$incs
EOF
done
exit $bad
