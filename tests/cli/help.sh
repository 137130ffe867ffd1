# help.sh - every command answers --help, `rrsim help COMMAND` and -h alike;
# the options a command's help lists are exactly those its parser takes.

# help_cmds - the commands `rrsim --help` lists, one per line.
help_cmds() {
    "$RRSIM" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}
# help_opts CMD - the options CMD's help lists, one per line.
help_opts() {
    "$RRSIM" "$1" --help | sed -n '/^options:$/,/^$/s/^  \(--[a-z][a-z-]*\).*/\1/p'
}

hp_cmds=$(help_cmds)
[ "$(echo "$hp_cmds" | wc -l)" -ge 7 ] && ok help-lists-commands ||
    fail help-lists-commands "rrsim --help lists: $hp_cmds"
"$RRSIM" help >"$TMP/h1" 2>&1 && "$RRSIM" --help >"$TMP/h2" 2>&1 &&
    cmp -s "$TMP/h1" "$TMP/h2" && ok help-same-as-dash-help ||
    fail help-same-as-dash-help "rrsim help differs from rrsim --help"

# the general options, on the usage lines of rrsim --help
hp_gen=$("$RRSIM" --help | sed -n '/^usage:/,/^$/p' | grep -o -e '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
hp_all=
for hp_c in $hp_cmds; do
    "$RRSIM" "$hp_c" --help >"$TMP/h1" 2>"$TMP/err"
    hp_rc=$?
    if [ $hp_rc -ne 0 ] || [ -s "$TMP/err" ]; then
        fail "help-$hp_c" "exit $hp_rc: $(head -c 200 "$TMP/err")"
        continue
    fi
    # usage first, then what it does, its options, examples, exit codes
    if head -1 "$TMP/h1" | grep -q "^usage: rrsim $hp_c" &&
        grep -q '^options:$' "$TMP/h1" && grep -q '^examples:$' "$TMP/h1" &&
        grep -q '^exit status:$' "$TMP/h1" &&
        [ "$(sed -n '/^examples:$/,/^$/p' "$TMP/h1" | grep -c "^  rrsim $hp_c")" -ge 1 ]; then
        ok "help-$hp_c-sections"
    else
        fail "help-$hp_c-sections" "$(head -c 300 "$TMP/h1")"
    fi
    "$RRSIM" help "$hp_c" >"$TMP/h2" 2>&1
    "$RRSIM" "$hp_c" -h >"$TMP/h3" 2>&1
    cmp -s "$TMP/h1" "$TMP/h2" && cmp -s "$TMP/h1" "$TMP/h3" &&
        ok "help-$hp_c-three-ways" ||
        fail "help-$hp_c-three-ways" "rrsim help $hp_c or -h differs from --help"
    # --help wins over a mistake elsewhere on the line
    expect_exit 0 "help-$hp_c-wins" -- "$RRSIM" "$hp_c" --bogus --help
    # no line is wider than a terminal
    hp_wide=$(awk 'length > 79' "$TMP/h1")
    [ -z "$hp_wide" ] && ok "help-$hp_c-width" ||
        fail "help-$hp_c-width" "over 79 columns: $hp_wide"
    # every option has a default or says it is required
    hp_nodef=$(sed -n '/^options:$/,/^$/p' "$TMP/h1" |
        awk '/^  --/ { if (o != "" && t !~ /default|required|this help/) print o; o = $1; t = $0; next }
             /^      / { t = t $0 } END { if (o != "" && t !~ /default|required|this help/) print o }')
    [ -z "$hp_nodef" ] && ok "help-$hp_c-defaults" ||
        fail "help-$hp_c-defaults" "options without a default: $hp_nodef"
    # every option in the help is accepted by the parser
    for hp_o in $(help_opts "$hp_c"); do
        hp_all="$hp_all $hp_o"
        "$RRSIM" "$hp_c" "$hp_o" x x x >/dev/null 2>"$TMP/err"
        if grep -q -e 'unknown option' -e 'does not apply' "$TMP/err"; then
            fail "help-$hp_c$hp_o-accepted" "$(head -c 200 "$TMP/err")"
        else
            ok "help-$hp_c$hp_o-accepted"
        fi
    done
    # an example uses only options of its command and files that exist
    sed -n '/^examples:$/,/^$/p' "$TMP/h1" | sed -e :a -e '/\\$/N; s/\\\n//; ta' |
        sed -n 's/^  rrsim //p' | while read -r hp_line; do
        for hp_w in $hp_line; do
            case $hp_w in
            --*) help_opts "$hp_c" | grep -qx -- "$hp_w" ||
                     echo "$hp_line: $hp_w is not an option of $hp_c" ;;
            scenarios/*) [ -f "$hp_w" ] || echo "$hp_line: no file $hp_w" ;;
            esac
        done
    done >"$TMP/hp_bad"
    [ -s "$TMP/hp_bad" ] && fail "help-$hp_c-examples" "$(cat "$TMP/hp_bad")" ||
        ok "help-$hp_c-examples"
done

# every option the parser knows is in some command's help, and a command
# refuses the options its help does not list
for hp_o in $(echo "$hp_all" | tr ' ' '\n' | sort -u); do
    for hp_c in $hp_cmds; do
        help_opts "$hp_c" | grep -qx -- "$hp_o" && continue
        "$RRSIM" "$hp_c" "$hp_o" x x x >/dev/null 2>"$TMP/err"
        if [ $? -eq 2 ] && grep -q "option '$hp_o' does not apply to $hp_c" "$TMP/err"; then
            ok "help-$hp_c-refuses$hp_o"
        else
            fail "help-$hp_c-refuses$hp_o" "accepted: $(head -c 200 "$TMP/err")"
        fi
    done
done
# the sources name no option that is in no help
for hp_o in $(grep -oh '"--[a-z][a-z-]*' sim/main.c sim/cli/*.c | tr -d '"' | sort -u); do
    case " $hp_all $hp_gen " in
    *" $hp_o "*) ok "help-lists$hp_o" ;;
    *) fail "help-lists$hp_o" "the sources parse $hp_o but no help lists it" ;;
    esac
done

expect_stderr "rrsim: unknown option '--rep' (did you mean '--reps'?)
(see 'rrsim run --help')" help-did-you-mean -- "$RRSIM" run scenarios/mm1.ini --rep 3
expect_stderr "rrsim: unknown command 'frobnicate'
(see 'rrsim --help')" help-unknown-command -- "$RRSIM" help frobnicate
expect_stderr "rrsim: option '--force' takes no value, got '--force=yes'
(see 'rrsim run --help')" help-flag-value -- "$RRSIM" run scenarios/mm1.ini --force=yes
# --name=value is --name value
"$RRSIM" check scenarios/mm1.ini --reps=7 --seed=99 >"$TMP/out" 2>&1 &&
    grep -q '^replications = 7\b' "$TMP/out" && grep -q '^seed = 99\b' "$TMP/out" &&
    ok help-equals-form || fail help-equals-form "$(head -c 300 "$TMP/out")"
# leave the shared scratch folder as found (scenarios.sh checks it)
rm -f "$TMP/h1" "$TMP/h2" "$TMP/h3" "$TMP/hp_bad" "$TMP/bad"
