# scenarios.sh - every scenario in tests/bad/ fails as its first line says
# ("; expect: MESSAGE", then "; set: KEY=VALUE" lines passed as --set),
# under both `check` and `run`: exit 2, exactly "rrsim: MESSAGE" on stderr,
# nothing on stdout, and `run` leaves no results folder and no temporary
# folder behind.  An override without '=' is refused by the command line
# itself, as a usage error: the same message followed by the hint line.
# Every shipped scenario checks.

# sc_expect NAME RC MESSAGE - the last command's exit code, stderr and
# stdout (in $TMP/err and $TMP/out) against a bad scenario's message
# (followed by the usage hint when $sc_usage is set).
sc_expect() {
    if [ "$2" -ne 2 ]; then
        fail "$1" "exit $2, expected 2; stderr: $(head -c 300 "$TMP/err")"
    elif ! { printf 'rrsim: %s\n' "$3"
             [ -z "$sc_usage" ] || printf "(see 'rrsim %s --help')\n" "${1%% *}"
           } | cmp -s - "$TMP/err"; then
        fail "$1" "stderr '$(head -c 300 "$TMP/err")', expected 'rrsim: $3'"
    elif [ -s "$TMP/out" ]; then
        fail "$1" "printed on stdout: $(head -c 300 "$TMP/out")"
    else
        ok "$1"
    fi
}

# sc_bad FILE - check and run one bad scenario.
sc_bad() {
    sc_file=$1
    sc_msg=$(sed -n '1s/^; expect: //p' "$sc_file")
    if [ -z "$sc_msg" ]; then
        fail "$sc_file" "first line is not '; expect: MESSAGE'"
        return
    fi
    set --
    sc_usage=
    while IFS= read -r sc_line; do
        case $sc_line in
        "; set: "*=*) set -- "$@" --set "${sc_line#; set: }" ;;
        "; set: "*) set -- "$@" --set "${sc_line#; set: }"; sc_usage=1 ;;
        *) break ;;
        esac
    done <<SC_EOF
$(sed -n '2,$p' "$sc_file")
SC_EOF
    "$RRSIM" check "$sc_file" "$@" >"$TMP/out" 2>"$TMP/err"
    sc_expect "check $sc_file" $? "$sc_msg"
    "$RRSIM" run "$sc_file" "$@" --out "$TMP/x" >"$TMP/out" 2>"$TMP/err"
    sc_expect "run $sc_file" $? "$sc_msg"
    sc_left=$(ls -A "$TMP" | grep -v -x -e out -e err)
    if [ -n "$sc_left" ]; then
        fail "run $sc_file" "left in the folder of --out: $sc_left"
        for sc_x in $sc_left; do rm -rf "${TMP:?}/$sc_x"; done
    else
        ok "run $sc_file leaves nothing"
    fi
}

for sc_f in tests/bad/*.ini; do
    sc_bad "$sc_f"
done

for sc_f in scenarios/*.ini; do
    expect_exit 0 "check $sc_f" -- "$RRSIM" check "$sc_f"
done

# a variant lists where the settings of its base come from
"$RRSIM" check tests/fixtures/variant/variant.ini >"$TMP/out" 2>"$TMP/err"
if [ $? -eq 0 ] && grep -q '^service = lognormal(mean=40d, sd=10d) .*# from \.\./basic\.ini:35$' "$TMP/out"; then
    ok "check variant"
else
    fail "check variant" "no '# from ../basic.ini:35' on stage.talks service; stderr: $(head -c 300 "$TMP/err")"
fi
