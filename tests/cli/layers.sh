# layers.sh - tests/check-layers.sh on small made-up trees: one whose
# includes all run downward, then one upward include at a time.
L=$TMP/layers

# ly_tree DIR - a tree that keeps the rule: each layer includes its own
# and lower layers, a private header beside its sources, main.c on top.
ly_tree() {
    rm -rf "$1"
    mkdir -p "$1/include" "$1/sim/engine" "$1/sim/scenario" "$1/sim/model" \
        "$1/sim/study" "$1/sim/results"
    printf '#include <stdio.h>\n' >"$1/include/rr_common.h"
    printf '#include "rr_common.h"\n' >"$1/include/rr_calendar.h"
    printf '#include "rr_calendar.h"\n' >"$1/include/rr_scenario.h"
    printf '#include "rr_scenario.h"\n' >"$1/include/rr_model.h"
    printf '#include "rr_model.h"\n' >"$1/include/rr_experiment.h"
    printf '#include "rr_experiment.h"\n' >"$1/include/rr_output.h"
    printf '#include "rr_common.h"\n#include "rr_calendar.h"\n#include <gsl/gsl_rng.h>\n' \
        >"$1/sim/engine/calendar.c"
    printf '#include "rr_scenario.h"\n' >"$1/sim/scenario/scenario_int.h"
    printf '#include "scenario_int.h"\n#include "rr_calendar.h"\n' \
        >"$1/sim/scenario/scenario.c"
    printf '# include "rr_model.h"\n#include "rr_scenario.h"\n' >"$1/sim/model/model.c"
    printf '#include "rr_experiment.h"\n' >"$1/sim/study/experiment.c"
    printf '#include "rr_output.h"\n#include "rr_model.h"\n' >"$1/sim/results/output.c"
    printf '#include "rr_output.h"\n#include "rr_common.h"\n' >"$1/sim/main.c"
}

# ly_expect NAME DIR MESSAGE - check-layers fails on DIR with exactly
# MESSAGE (one line per fault) on stderr.
ly_expect() {
    sh tests/check-layers.sh "$2" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq 1 ] && [ "$(cat "$TMP/err")" = "$3" ] && [ ! -s "$TMP/out" ]; then
        ok "$1"
    else
        fail "$1" "exit $rc; stderr '$(cat "$TMP/err")', expected '$3'"
    fi
}
ly_rule='(engine < scenario < model < study < results < main)'

ly_tree "$L/good"
sh tests/check-layers.sh "$L/good" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] && ok layers-pass ||
    fail layers-pass "exit $rc: $(cat "$TMP/err")"

# an engine source including a scenario header
ly_tree "$L/up"
printf '#include "rr_common.h"\n#include "rr_scenario.h"\n' >"$L/up/sim/engine/date.c"
ly_expect layers-upward "$L/up" \
    "check-layers: sim/engine/date.c:2: includes rr_scenario.h of the scenario layer; the engine layer may include only its own and lower layers $ly_rule"

# a private header of a higher layer, by name and by relative path
ly_tree "$L/private"
printf '#include "../scenario/scenario_int.h"\n' >"$L/private/sim/engine/dist.c"
ly_expect layers-private "$L/private" \
    "check-layers: sim/engine/dist.c:1: includes ../scenario/scenario_int.h of the scenario layer; the engine layer may include only its own and lower layers $ly_rule"

# a public header reaching up; a study source including a results header
ly_tree "$L/public"
printf '#include "rr_common.h"\n#include "rr_model.h"\n' >"$L/public/include/rr_calendar.h"
printf '#include "rr_experiment.h"\n  #  include <rr_output.h>\n' >"$L/public/sim/study/fit.c"
ly_expect layers-public "$L/public" \
    "check-layers: include/rr_calendar.h:2: includes rr_model.h of the model layer; the engine layer may include only its own and lower layers $ly_rule
check-layers: sim/study/fit.c:2: includes rr_output.h of the results layer; the study layer may include only its own and lower layers $ly_rule"

# files in no layer: straight in sim/, in another folder, a header not in the table
ly_tree "$L/none"
printf '#include "rr_common.h"\n' >"$L/none/sim/util.c"
mkdir -p "$L/none/sim/misc"
printf '\n' >"$L/none/sim/misc/x.h"
printf '\n' >"$L/none/include/rr_new.h"
ly_expect layers-no-layer "$L/none" \
    "check-layers: include/rr_new.h: a public header in no layer; add it to the table in tests/check-layers.sh
check-layers: sim/misc/x.h: in no layer; sources and headers go in sim/engine, sim/scenario, sim/model, sim/study or sim/results (main.c alone in sim/, the command line in sim/cli/)
check-layers: sim/util.c: in no layer; sources and headers go in sim/engine, sim/scenario, sim/model, sim/study or sim/results (main.c alone in sim/, the command line in sim/cli/)"

expect_exit 2 layers-no-tree -- sh tests/check-layers.sh "$L/nothing"
rm -rf "$L"

# the project's own tree keeps the rule (make test also runs this first)
sh tests/check-layers.sh . >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] && ok layers-project ||
    fail layers-project "exit $rc: $(cat "$TMP/err")"
