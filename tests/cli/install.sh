# install.sh - `make install` and `make uninstall` into a staging folder
# (DESTDIR): the program, the scenarios with their data found by name from
# anywhere, `rrsim scenarios`, the bash completion; uninstall leaves nothing.

in_d=$TMP/install
in_bin=$in_d/usr/bin/rrsim
rm -rf "$in_d"
if make -s install DESTDIR="$in_d" PREFIX=/usr INSTALL_PROG="$RRSIM" >"$TMP/out" 2>&1; then
    ok install-runs
else
    fail install-runs "$(head -c 400 "$TMP/out")"
fi
for in_f in usr/bin/rrsim usr/share/bash-completion/completions/rrsim \
    usr/share/rrsim/scenarios/nl-baseline.ini usr/share/rrsim/scenarios/mm1.ini \
    usr/share/rrsim/scenarios/data/nl-intake.csv; do
    [ -f "$in_d/$in_f" ] && ok "install-has-$in_f" || fail "install-has-$in_f" "not installed"
done
# every shipped scenario and data file, and nothing writable by others
in_n=$(ls scenarios/*.ini scenarios/data/* | wc -l)
in_m=$(find "$in_d/usr/share/rrsim" -type f | wc -l)
[ "$in_n" -eq "$in_m" ] && ok install-all-scenarios ||
    fail install-all-scenarios "$in_m files installed, $in_n shipped"
in_w=$(find "$in_d" -perm -o+w ! -type l)
[ -z "$in_w" ] && ok install-modes || fail install-modes "writable by others: $in_w"

# found by name from another folder, with or without .ini, and run there
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && "$in_bin" check nl-baseline >"$TMP/out" 2>"$TMP/err") &&
    grep -q "^# $in_d/usr/bin/../share/rrsim/scenarios/nl-baseline.ini\$\|^# .*/usr/share/rrsim/scenarios/nl-baseline.ini\$" "$TMP/out" &&
    ok install-found-by-name || fail install-found-by-name "$(head -c 300 "$TMP/err") $(head -2 "$TMP/out")"
(cd "$TMP/elsewhere" && "$in_bin" check mm1.ini >/dev/null 2>"$TMP/err") &&
    ok install-found-with-ini || fail install-found-with-ini "$(head -c 300 "$TMP/err")"
(cd "$TMP/elsewhere" && "$in_bin" run mm1 --reps 2 --plot none --quiet --out "$TMP/elsewhere/r" 2>"$TMP/err") &&
    [ -f "$TMP/elsewhere/r/summary.csv" ] && ok install-run-by-name ||
    fail install-run-by-name "$(head -c 300 "$TMP/err")"
# a file in the current folder wins over an installed one of that name
printf '[scenario]\nname = here\n' >"$TMP/elsewhere/mm1.ini"
(cd "$TMP/elsewhere" && "$in_bin" check mm1.ini >/dev/null 2>"$TMP/err")
grep -q "mm1.ini:" "$TMP/err" && ! grep -q share/rrsim "$TMP/err" && ok install-here-wins ||
    fail install-here-wins "$(head -c 300 "$TMP/err")"
rm -f "$TMP/elsewhere/mm1.ini"

# RRSIM_PATH comes first, in order; a missing name says where it looked
mkdir -p "$TMP/mine" "$TMP/mine2"
sed 's/^name = mm1$/name = mine/; s/^title = .*/title = My queue/' scenarios/mm1.ini >"$TMP/mine/mm1.ini"
sed 's/^title = .*/title = Other queue/' scenarios/mm1.ini >"$TMP/mine2/queue2.ini"
(cd "$TMP/elsewhere" && RRSIM_PATH="$TMP/mine:$TMP/mine2" "$in_bin" check mm1 >"$TMP/out" 2>&1) &&
    grep -q '^name = mine$' "$TMP/out" && ok install-rrsim-path-first ||
    fail install-rrsim-path-first "$(head -c 300 "$TMP/out")"
(cd "$TMP/elsewhere" && RRSIM_PATH="$TMP/mine:$TMP/mine2" "$in_bin" scenarios >"$TMP/out" 2>&1)
if grep -q "^$TMP/mine:\$" "$TMP/out" && grep -q '^  mm1  *My queue$' "$TMP/out" &&
    grep -q '^  queue2  *Other queue$' "$TMP/out" &&
    grep -q '^  nl-baseline  *Netherlands baseline' "$TMP/out" &&
    [ "$(grep -n "^$TMP/mine:" "$TMP/out" | cut -d: -f1)" -lt "$(grep -n 'share/rrsim/scenarios:$' "$TMP/out" | cut -d: -f1)" ]; then
    ok install-scenarios-list
else
    fail install-scenarios-list "$(head -c 600 "$TMP/out")"
fi
(cd "$TMP/elsewhere" && RRSIM_PATH="$TMP/mine" "$in_bin" run nl-basline --out "$TMP/x" >"$TMP/out" 2>"$TMP/err")
in_rc=$?
if [ $in_rc -eq 2 ] && grep -q "^rrsim: cannot find scenario 'nl-basline': looked in the current folder, $TMP/mine, .*share/rrsim/scenarios (did you mean 'nl-baseline'?)\$" "$TMP/err" &&
    [ ! -e "$TMP/x" ]; then
    ok install-missing-names-places
else
    fail install-missing-names-places "exit $in_rc: $(cat "$TMP/err")"
fi
# a name is never a path: no lookup leaves the folders
expect_exit 2 install-name-dotdot -- env RRSIM_PATH="$TMP/mine" "$in_bin" check ..
# a broken scenario in a folder is listed as such, the others still are
printf '[scenario]\nname = broken\nbogus = 1\n' >"$TMP/mine/broken.ini"
RRSIM_PATH="$TMP/mine" "$in_bin" scenarios >"$TMP/out" 2>&1
grep -q '^  broken  *(does not load: ' "$TMP/out" && grep -q '^  mm1  *My queue$' "$TMP/out" &&
    ok install-scenarios-broken || fail install-scenarios-broken "$(head -c 400 "$TMP/out")"

# the program of a source checkout finds the checkout's scenarios by name,
# from any folder, before any install (a copy elsewhere does not)
in_rr=$(cd "$(dirname "$RRSIM")" && pwd -P)/$(basename "$RRSIM")
(cd "$TMP/elsewhere" && "$in_rr" check nl-baseline >"$TMP/out" 2>"$TMP/err") &&
    grep -q "^# $(pwd -P)/scenarios/nl-baseline.ini\$" "$TMP/out" &&
    ok checkout-found-by-name || fail checkout-found-by-name "$(head -c 300 "$TMP/err") $(head -1 "$TMP/out")"
mkdir -p "$TMP/elsewhere/bin" && cp "$in_rr" "$TMP/elsewhere/bin/rrsim"
(cd "$TMP/elsewhere" && env -u RRSIM_PATH "$TMP/elsewhere/bin/rrsim" check nl-baseline >"$TMP/out" 2>"$TMP/err")
! grep -q "$(pwd -P)/scenarios" "$TMP/out" "$TMP/err" && ok checkout-copy-elsewhere ||
    fail checkout-copy-elsewhere "$(head -c 300 "$TMP/err") $(head -1 "$TMP/out")"

# the completion script installed is the one shipped and parses
cmp -s docs/completion/rrsim.bash "$in_d/usr/share/bash-completion/completions/rrsim" &&
    ok install-completion || fail install-completion "differs from docs/completion/rrsim.bash"

if make -s uninstall DESTDIR="$in_d" PREFIX=/usr >"$TMP/out" 2>&1; then
    in_left=$(find "$in_d" -type f)
    [ -z "$in_left" ] && ok uninstall-removes-all || fail uninstall-removes-all "left: $in_left"
    [ ! -e "$in_d/usr/share/rrsim" ] && ok uninstall-removes-folder ||
        fail uninstall-removes-folder "share/rrsim left"
else
    fail uninstall-runs "$(head -c 400 "$TMP/out")"
fi
rm -rf "$in_d" "$TMP/elsewhere" "$TMP/mine" "$TMP/mine2"
