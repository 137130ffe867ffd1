# bash completion for rrsim: commands, each command's options (read from
# `rrsim COMMAND --help`), scenario files and installed scenario names,
# results folders for `rrsim plot` and shard folders for `rrsim merge`, and the keys of --set, --vary and
# --policy (read from `rrsim check --keys SCENARIO`).  Installed by
# `make install` as share/bash-completion/completions/rrsim.

# _rrsim_scenario - the first argument after the command that is not an
# option or an option's value: the scenario whose keys --set completes.
_rrsim_scenario() {
    local i w prev=
    for ((i = 2; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $prev in
        --reps | --seed | --set | --vary | --out | --plot | --plot-timeout | \
            --threads | --max-cases | --policy | --window | --from | \
            --indicators | --precision | --precision-of | --max-reps | \
            --param | --years | --eval-reps | --max-iter | --tol | \
            --samples | --bootstrap | --design | --shard)
            prev=
            continue
            ;;
        esac
        case $w in
        -*) prev=$w ;;
        *)
            printf '%s\n' "$w"
            return
            ;;
        esac
    done
}

# _rrsim_offer CUR - offer the lines of standard input that begin with
# CUR, each taken literally.  (compgen -W would expand its words, and a
# scenario's file name is data: "$(...)" in one must never run.)
_rrsim_offer() {
    local w
    while IFS= read -r w; do
        [[ -n $w && $w == "$1"* ]] && COMPREPLY+=("$w")
    done
}

# _rrsim_files CUR ARGS... - offer what `compgen ARGS -- CUR` lists (file
# and folder names, one per line), without splitting or globbing them.
_rrsim_files() {
    local cur=$1
    shift
    _rrsim_offer "$cur" < <(compgen "$@" -- "$cur")
}

# _rrsim_commands - the commands `rrsim --help` lists, one per line.
_rrsim_commands() {
    rrsim --help 2>/dev/null |
        sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

# _rrsim_names - the names `rrsim scenarios` lists, one per line.
_rrsim_names() {
    rrsim scenarios 2>/dev/null | sed -n 's/^  \([^ ]*\).*/\1/p'
}

_rrsim() {
    local cur prev cmd sc
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    if ((COMP_CWORD == 1)); then
        _rrsim_offer "$cur" < <(_rrsim_commands; printf '%s\n' --help --version)
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
    --set | --vary | --policy)
        sc=$(_rrsim_scenario)
        [ -n "$sc" ] || return
        # "KEY=" so the value follows; keys of the scenario as named
        compopt -o nospace 2>/dev/null
        _rrsim_offer "$cur" < <(rrsim check --keys "$sc" 2>/dev/null | sed 's/$/=/')
        return
        ;;
    --plot)
        _rrsim_offer "$cur" < <(printf '%s\n' png svg pdf none)
        return
        ;;
    --design)
        if [ "$cmd" = sweep ]; then
            _rrsim_offer "$cur" < <(printf '%s\n' grid lhs sobol)
        else
            _rrsim_offer "$cur" < <(printf '%s\n' lhs sobol)
        fi
        return
        ;;
    --out)
        _rrsim_files "$cur" -d
        return
        ;;
    --reps | --seed | --threads | --max-cases | --plot-timeout | --window | \
        --from | --precision | --max-reps | --precision-of | --indicators | \
        --param | --years | --eval-reps | --max-iter | --tol | --samples | \
        --bootstrap | --shard)
        return
        ;;
    help)
        _rrsim_offer "$cur" < <(_rrsim_commands)
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        _rrsim_offer "$cur" < <(rrsim "$cmd" --help 2>/dev/null |
            sed -n '/^options:$/,/^$/s/^  \(--[a-z][a-z-]*\).*/\1/p')
        return
    fi
    case $cmd in
    plot | merge)
        _rrsim_files "$cur" -d
        ;;
    fit | calibrate | validate)
        if [ -n "$(_rrsim_scenario)" ]; then
            _rrsim_files "$cur" -f -X '!*.csv'
            _rrsim_files "$cur" -d
        else
            _rrsim_files "$cur" -f -X '!*.ini'
            _rrsim_files "$cur" -d
            _rrsim_offer "$cur" < <(_rrsim_names)
        fi
        ;;
    run | check | sweep | compare | uncertainty)
        _rrsim_files "$cur" -f -X '!*.ini'
        _rrsim_files "$cur" -d
        _rrsim_offer "$cur" < <(_rrsim_names)
        ;;
    esac
}
complete -o filenames -F _rrsim rrsim
