# completion.sh - the bash completion (docs/completion/rrsim.bash) offers
# the commands, a command's options, scenario names and the keys of --set
# and --vary read from `rrsim check --keys`.
requires bash

co_bin=$TMP/co-bin
mkdir -p "$co_bin"
case $RRSIM in /*) co_r=$RRSIM ;; *) co_r=$PWD/$RRSIM ;; esac
ln -sf "$co_r" "$co_bin/rrsim"

# co_complete EXPECTED-WORD NAME WORD... - complete the last word of the
# line; EXPECTED-WORD must be among the offers (one per line in $TMP/co).
co_complete() {
    co_want=$1; co_name=$2; shift 2
    PATH="$co_bin:$PATH" bash -c '
        . docs/completion/rrsim.bash
        compopt() { :; }
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _rrsim
        printf "%s\n" "${COMPREPLY[@]}"' co "$@" >"$TMP/co" 2>&1
    if grep -qx -- "$co_want" "$TMP/co"; then ok "$co_name"; else
        fail "$co_name" "'$co_want' not offered for '$*': $(head -c 300 "$TMP/co" | tr '\n' ' ')"
    fi
}
co_complete run completion-command rrsim ru
co_complete scenarios completion-command-scenarios rrsim sc
co_complete --reps completion-run-option rrsim run scenarios/mm1.ini --re
co_complete --vary completion-sweep-option rrsim sweep scenarios/mm1.ini --va
co_complete --keys completion-check-option rrsim check --k
co_complete stage.officer.servers= completion-set-key rrsim run scenarios/mm1.ini --set stage.off
co_complete lambda= completion-set-parameter rrsim run scenarios/mm1.ini --reps 3 --set la
co_complete iom_share= completion-vary-key rrsim sweep scenarios/nl-baseline.ini --vary iom_s
co_complete svg completion-plot-format rrsim run x --plot s
co_complete scenarios/mm1.ini completion-scenario-file rrsim run scenarios/mm
co_complete compare completion-help-command rrsim help comp
# a command's help lists no option the completion would not offer
co_complete --out completion-out rrsim compare a b --o
# nothing offered for an option the command does not take
PATH="$co_bin:$PATH" bash -c '. docs/completion/rrsim.bash; compopt() { :; }
    COMP_WORDS=(rrsim sweep x --tra); COMP_CWORD=3; _rrsim; printf "%s\n" "${COMPREPLY[@]}"' >"$TMP/co" 2>&1
grep -q -- --trace "$TMP/co" && fail completion-no-foreign-option "sweep offers --trace" ||
    ok completion-no-foreign-option
# a scenario's file name is data: offered as written, never expanded or
# run, here and in a folder of RRSIM_PATH
co_dir=$TMP/co-evil
co_src=$PWD
mkdir -p "$co_dir"
cp scenarios/mm1.ini "$co_dir/\$(touch co-ran).ini"
cp scenarios/mm1.ini "$co_dir/two words.ini"
(cd "$co_dir" && PATH="$co_bin:$PATH" RRSIM_PATH="$co_dir" bash -c '
    . "$1"/docs/completion/rrsim.bash
    compopt() { :; }
    COMP_WORDS=(rrsim run ""); COMP_CWORD=2
    _rrsim
    printf "%s\n" "${COMPREPLY[@]}"' co "$co_src") >"$TMP/co" 2>&1
if [ -e "$co_dir/co-ran" ] || [ -e co-ran ]; then
    fail completion-name-not-run "a scenario's file name ran as a command"
elif grep -qxF '$(touch co-ran).ini' "$TMP/co" &&
    grep -qxF 'two words.ini' "$TMP/co"; then
    ok completion-name-not-run
else
    fail completion-name-not-run "offered: $(tr '\n' '|' <"$TMP/co")"
fi
rm -rf "$co_dir" co-ran
co_complete --samples completion-uncertainty-option rrsim uncertainty scenarios/mm1.ini --sa
co_complete sobol completion-design rrsim uncertainty scenarios/mm1.ini --samples 8 --design so
co_complete talk_interval= completion-uncertainty-set rrsim uncertainty scenarios/nl-baseline.ini --samples 8 --set talk_
rm -rf "$co_bin" "$TMP/co"
requires -
