# man.sh - the manual pages in docs/man/:
#   - each renders without a warning: `mandoc -T lint -W warning` and
#     `groff -ww -mandoc -z` print nothing (skipped only when neither tool
#     is installed);
#   - rrsim.1 has an entry for every command and every option that the
#     help lists (`rrsim --help`, and each command's help where there is
#     one), and the version rrsim prints;
#   - rrsim-results.5 has an entry for every file, column and indicator of
#     a run, a sweep, a comparison and a fit;
#   - `make install DESTDIR=... PREFIX=/usr` puts the pages where man finds
#     them, naming the scenarios' folder under that prefix, and `make
#     uninstall` leaves no file behind (the program already built is
#     installed: nothing is compiled).
M=$TMP/man
mkdir -p "$M"
MAN_PAGES="docs/man/rrsim.1 docs/man/rrsim-scenario.5 docs/man/rrsim-results.5"

# ---- rendering ---------------------------------------------------------------

# man_quiet NAME CMD... - CMD must exit 0 and print nothing at all.
man_quiet() {
    n=$1; shift
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ] && [ -z "$out" ]; then ok "$n"; else
        fail "$n" "exit $rc: $(printf '%s' "$out" | head -c 600)"
    fi
}

# a page with a bad date and a list without -width: each tool must say so,
# or its silence on the real pages proves nothing
printf '.Dd someday\n.Dt X 1\n.Os\n.Sh NAME\n.Nm x\n.Nd y\n.Sh DESCRIPTION\n.Bl -tag\n.It a\nb\n.El\n.Bogus\n' >"$M/bad.1"
man_tools=0
if command -v mandoc >/dev/null 2>&1; then
    man_tools=1
    for p in $MAN_PAGES; do
        man_quiet "man-mandoc-lint-${p##*/}" mandoc -T lint -W warning "$p"
    done
    [ -n "$(mandoc -T lint -W warning "$M/bad.1" 2>&1)" ] && ok man-mandoc-lint-catches ||
        fail man-mandoc-lint-catches "mandoc said nothing about a bad page"
fi
if command -v groff >/dev/null 2>&1; then
    man_tools=1
    for p in $MAN_PAGES; do
        man_quiet "man-groff-${p##*/}" groff -ww -mandoc -z "$p"
    done
    [ -n "$(groff -ww -mandoc -z "$M/bad.1" 2>&1)" ] && ok man-groff-catches ||
        fail man-groff-catches "groff said nothing about a bad page"
fi
[ "$man_tools" -eq 1 ] ||
    skip man-lint "neither mandoc nor groff is installed"

# ---- entries -------------------------------------------------------------------

# man_section PAGE SECTION - the source lines of one section (.Sh SECTION).
man_section() {
    awk -v s="$2" '/^\.Sh / { on = (substr($0, 5) == s); next } on' "$1"
}

# man_missing LINES PREFIX NAME... - the names that have no entry in
# LINES (a file): an .It line holding PREFIX and the name as a whole word.
# With PREFIX "Fl ", mdoc's flag macro, the name's first dash is the
# macro's: --reps is "Fl -reps" or "Fl \-reps".
man_missing() {
    f=$1; pre=$2; shift 2
    for nm in "$@"; do
        re=$nm
        [ "$pre" = "Fl " ] && re=${re#-}
        re=$(printf '%s' "$re" | sed -e 's/[][\.*^$+?(){}|/]/\\&/g' -e 's/^-/\\\\?-/')
        grep -Eq "^\.It (.* )?$pre$re( |\$)" "$f" || printf '%s ' "$nm"
    done
}

# the commands and options the help lists
"$RRSIM" --help >"$M/help" 2>&1
man_cmds=$(sed -n '/^[Cc]ommands:/,/^$/p' "$M/help" |
    sed -n -E 's/^  ([a-z][a-z-]*)( .*)?$/\1/p' | sort -u)
case " $(echo $man_cmds) " in
*" run "*) ok man-help-commands-parsed ;;
*) fail man-help-commands-parsed "no commands found in 'rrsim --help': $(head -c 300 "$M/help")" ;;
esac
for c in $man_cmds; do
    # a command's own help, where rrsim has one
    "$RRSIM" "$c" --help >>"$M/help" 2>/dev/null || true
    "$RRSIM" help "$c" >>"$M/help" 2>/dev/null || true
done
man_opts=$(grep -oE -- '--[a-z][a-z0-9-]*' "$M/help" | sort -u)
case " $(echo $man_opts) " in
*" --reps "*" --set "*) ok man-help-options-parsed ;;
*) fail man-help-options-parsed "options found in the help: $man_opts" ;;
esac

man_section docs/man/rrsim.1 COMMANDS >"$M/commands"
man_section docs/man/rrsim.1 OPTIONS >"$M/options"
miss=$(man_missing "$M/commands" "Cm " $man_cmds help)
[ -z "$miss" ] && ok man-rrsim1-commands ||
    fail man-rrsim1-commands "no entry under COMMANDS in docs/man/rrsim.1 for: $miss"
miss=$(man_missing "$M/options" "Fl " $man_opts)
[ -z "$miss" ] && ok man-rrsim1-options ||
    fail man-rrsim1-options "no entry under OPTIONS in docs/man/rrsim.1 for: $miss"

# each option's "Used by" names exactly the commands whose help lists it
# man_used OPTION - the commands its entry's "Used by" names, sorted
man_used() {
    awk -v o="$1" '
        /^\.It Fl / { f = $3; sub(/^\\/, "", f); on = ("-" f == o); by = 0; next }
        on && /^Used by$/ { by = 1; next }
        on && by && /^\.Cm / { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+$/) print $i; next }
        on && by && /^and$/ { next }
        on && by { by = 0 }' "$M/options" | sort -u | tr '\n' ' '
}
man_bad=
for o in $man_opts; do
    [ "$o" = --help ] && continue
    want=$(for c in $man_cmds; do
        "$RRSIM" "$c" --help 2>/dev/null | grep -qE -- "^  $o( |\$)" && echo "$c"
    done | sort -u | tr '\n' ' ')
    got=$(man_used "$o")
    [ "$got" = "$want" ] || man_bad="$man_bad
$o: the page says '$got', the help '$want'"
done
[ -z "$man_bad" ] && ok man-rrsim1-used-by || fail man-rrsim1-used-by "$man_bad"

# the check itself finds an option without an entry, in either spelling
grep -v -e '^\.It Fl -reps' "$M/options" >"$M/options-1"
[ "$(man_missing "$M/options-1" "Fl " --reps --seed)" = "--reps " ] &&
    ok man-missing-option-found ||
    fail man-missing-option-found "a page without --reps passed"
printf '.It Fl \\-reps Ar N\n.It Fl h , Fl -help\n' >"$M/options-2"
[ -z "$(man_missing "$M/options-2" "Fl " --reps --help)" ] &&
    ok man-option-spellings || fail man-option-spellings "'Fl \\-reps' or 'Fl h , Fl -help' not seen"

# every page carries the version rrsim prints
man_version=$("$RRSIM" --version 2>&1 | sed -n 's/^rrsim //p')
for p in $MAN_PAGES; do
    [ -n "$man_version" ] && grep -qx ".Os rrsim $man_version" "$p" &&
        ok "man-version-${p##*/}" ||
        fail "man-version-${p##*/}" "$p: no '.Os rrsim $man_version'"
done

# ---- rrsim-results.5: every file, column and indicator -------------------------

printf 'year,indicator,value,source\n2020,departures_forced,10,x\n' >"$M/obs.csv"
man_ok=1
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" run tests/fixtures/basic.ini --reps 2 --trace \
    --quiet --out "$M/run" >/dev/null 2>"$M/err" || man_ok=0
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" sweep tests/fixtures/basic.ini --reps 2 \
    --vary scenario.seed=1,2 --quiet --out "$M/sweep" >/dev/null 2>>"$M/err" || man_ok=0
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" compare tests/fixtures/basic.ini \
    tests/fixtures/basic.ini --reps 2 --quiet --out "$M/compare" >/dev/null 2>>"$M/err" || man_ok=0
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" fit tests/fixtures/basic.ini "$M/obs.csv" \
    --reps 2 --quiet --out "$M/fit" >/dev/null 2>>"$M/err" || man_ok=0
sed '/^mean_talk.source/a mean_talk.range = 0.8d:1.1d' scenarios/mm1.ini >"$M/unc.ini"
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" uncertainty "$M/unc.ini" --samples 3 --reps 2 \
    --quiet --out "$M/uncertainty" >/dev/null 2>>"$M/err" || man_ok=0
RRSIM_GNUPLOT_SCRIPT=1 "$RRSIM" compare "$M/unc.ini" --policy lambda=0.7 \
    --samples 3 --reps 2 --quiet --out "$M/ucompare" >/dev/null 2>>"$M/err" || man_ok=0
if [ "$man_ok" -eq 1 ]; then ok man-results-runs; else
    fail man-results-runs "$(head -c 300 "$M/err")"
fi

R=docs/man/rrsim-results.5
# files and folders: a subsection each (.Ss NAME, maybe with a note after)
miss=
for d in run sweep compare fit uncertainty ucompare; do
    for f in $(ls -A "$M/$d"); do
        [ -d "$M/$d/$f" ] && f="$f/"
        grep -Eq "^\.Ss $(printf '%s' "$f" | sed 's/\./\\./g')( |\$)" "$R" ||
            miss="$miss $d/$f"
    done
done
[ -z "$miss" ] && ok man-results-files ||
    fail man-results-files "no subsection in $R for:$miss"
# charts: an entry each (the scripts stand for the PNG files)
miss=$(man_missing "$R" "Pa " $(ls "$M"/*/plots | sed -n 's/\.gp$/.png/p' | sort -u))
[ -z "$miss" ] && ok man-results-charts ||
    fail man-results-charts "no entry in $R for: $miss"
# columns: an entry each, but for the sweep's column of the varied key
# and samples.csv's columns of parameters and indicators
man_cols=$(for f in "$M"/*/*.csv; do
        [ "${f##*/}" = samples.csv ] || head -n 1 "$f" | tr ',' '\n'; done |
    grep -vx 'scenario.seed' | sort -u)
miss=$(man_missing "$R" "" $man_cols)
[ -z "$miss" ] && ok man-results-columns ||
    fail man-results-columns "no entry in $R for the columns: $miss"
# indicators: an entry each; those of a stage or a provider as
# caseload_STAGE and reintegration_PROVIDER
man_stages=$(sed -n 's/^\[stage\.\(.*\)\]$/\1/p' tests/fixtures/basic.ini)
man_provs=$(sed -n 's/^\[provider\.\(.*\)\]$/\1/p' tests/fixtures/basic.ini)
man_inds=$({ cut -d, -f2 "$M/run/summary.csv"; cut -d, -f5 "$M/run/timeseries.csv"; } |
    grep -vx indicator | sort -u)
miss=
for i in $man_inds; do
    e=
    for s in $man_stages; do [ "$i" = "caseload_$s" ] && e="caseload_ Ns Ar STAGE"; done
    for s in $man_provs; do [ "$i" = "reintegration_$s" ] && e="reintegration_ Ns Ar PROVIDER"; done
    if [ -n "$e" ]; then
        grep -q "^\.It .*Li $e" "$R" || miss="$miss $i"
    else
        miss="$miss$(man_missing "$R" "" "$i" | sed 's/^/ /')"
    fi
done
[ -n "$man_inds" ] && [ -z "$(echo $miss)" ] && ok man-results-indicators ||
    fail man-results-indicators "no entry in $R for the indicators:$miss"

# ---- make install and make uninstall ------------------------------------------

requires make
# a scratch copy of the tree's Makefile, pages and scenarios with the
# program already built as ./rrsim; -o rrsim: install it as it is
S=$M/src
mkdir -p "$S"
for f in Makefile docs scenarios; do ln -s "$PWD/$f" "$S/$f"; done
cp "$RRSIM" "$S/rrsim"
D=$M/dest
man_make() {
    env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MANDIR \
        make -s -C "$S" -o rrsim "$@" DESTDIR="$D" PREFIX=/usr >"$M/make.log" 2>&1
}
if man_make install; then ok man-make-install; else
    fail man-make-install "$(head -c 600 "$M/make.log")"
fi
miss=
for p in man1/rrsim.1 man5/rrsim-scenario.5 man5/rrsim-results.5; do
    [ -f "$D/usr/share/man/$p" ] || miss="$miss $p"
done
[ -z "$miss" ] && ok man-installed ||
    fail man-installed "not in $D/usr/share/man:$miss"
grep -q '^\.It Pa /usr/share/rrsim/scenarios/$' "$D/usr/share/man/man1/rrsim.1" 2>/dev/null &&
    ! grep -q /usr/local/share/rrsim "$D/usr/share/man/man1/rrsim.1" && ok man-installed-prefix ||
    fail man-installed-prefix "the installed rrsim.1 does not name /usr/share/rrsim/scenarios"
[ -x "$D/usr/bin/rrsim" ] && [ -f "$D/usr/share/rrsim/scenarios/nl-baseline.ini" ] &&
    ok man-installed-program || fail man-installed-program "no program or scenarios in $D/usr"
requires man
for p in man1/rrsim.1 man5/rrsim-scenario.5 man5/rrsim-results.5; do
    n=${p##*/}
    MANWIDTH=80 man -l "$D/usr/share/man/$p" >"$M/page" 2>"$M/page.err"
    rc=$?
    if [ "$rc" -eq 0 ] && [ ! -s "$M/page.err" ] && grep -q '^NAME' "$M/page" &&
        grep -q "^ *${n%.*} " "$M/page"; then ok "man-l-$n"; else
        fail "man-l-$n" "exit $rc: $(head -c 300 "$M/page.err")"
    fi
done
requires make
if man_make uninstall; then ok man-make-uninstall; else
    fail man-make-uninstall "$(head -c 600 "$M/make.log")"
fi
left=$(cd "$D" 2>/dev/null && find . ! -type d)
[ -d "$D/usr" ] && [ -z "$left" ] && [ ! -e "$D/usr/share/rrsim" ] &&
    ok man-uninstall-clean || fail man-uninstall-clean "left in $D: $left"
requires -
rm -rf "$M"
