# bash completion for rrsim: commands, each command's options (read from
# `rrsim COMMAND --help`), scenario files and installed scenario names,
# results folders for `rrsim plot`, and the keys of --set, --vary and
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
            --indicators | --precision | --precision-of | --max-reps)
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

_rrsim() {
    local cur prev cmd words opts sc
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    if ((COMP_CWORD == 1)); then
        words=$(rrsim --help 2>/dev/null |
            sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$words --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
    --set | --vary | --policy)
        sc=$(_rrsim_scenario)
        [ -n "$sc" ] || return
        # "KEY=" so the value follows; keys of the scenario as named
        words=$(rrsim check --keys "$sc" 2>/dev/null | sed 's/$/=/')
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
        ;;
    --plot)
        COMPREPLY=($(compgen -W "png svg pdf none" -- "$cur"))
        return
        ;;
    --out)
        COMPREPLY=($(compgen -d -- "$cur"))
        return
        ;;
    --reps | --seed | --threads | --max-cases | --plot-timeout | --window | \
        --from | --precision | --max-reps | --precision-of | --indicators | \
        --param | --years | --eval-reps | --max-iter | --tol)
        return
        ;;
    help)
        words=$(rrsim --help 2>/dev/null |
            sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        opts=$(rrsim "$cmd" --help 2>/dev/null |
            sed -n '/^options:$/,/^$/s/^  \(--[a-z][a-z-]*\).*/\1/p')
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
    plot)
        COMPREPLY=($(compgen -d -- "$cur"))
        ;;
    fit | calibrate | validate)
        if [ -n "$(_rrsim_scenario)" ]; then
            COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
        else
            words=$(rrsim scenarios 2>/dev/null | sed -n 's/^  \([^ ]*\).*/\1/p')
            COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur")
                $(compgen -W "$words" -- "$cur"))
        fi
        ;;
    run | check | sweep | compare)
        words=$(rrsim scenarios 2>/dev/null | sed -n 's/^  \([^ ]*\).*/\1/p')
        COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur")
            $(compgen -W "$words" -- "$cur"))
        ;;
    esac
}
complete -o filenames -F _rrsim rrsim
