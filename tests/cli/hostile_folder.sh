# hostile_folder.sh - the results folder against hostile and careless use:
# --force on what is not rrsim's, symbolic links, look-alikes of stale
# folders beside the target, a kill at every step of a replacement,
# signals and exit codes of every command, failures, concurrent runs into
# one folder, bad --out values, options given twice, a key varied twice.
# Works in $TMP/hf and removes it at the end.
F=$TMP/hf
mkdir -p "$F"

# hf_mm ARGS... - a quick run of mm1 (2 replications, no charts).
hf_mm() { "$RRSIM" run scenarios/mm1.ini --reps 2 --plot none --quiet "$@"; }
# hf_check NAME COMMAND... - a pass when the command succeeds.
hf_check() {
    name=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "failed: $*"; fi
}
# hf_hidden DIR - the temporary folders of rrsim in DIR, one a line.
hf_hidden() { ls -A "$1" | grep -E '^\.rrsim-.*\.(tmp|old)-[0-9]+$'; }
# hf_no_hidden NAME DIR - a pass when DIR holds no temporary folder.
hf_no_hidden() {
    left=$(hf_hidden "$2")
    if [ -z "$left" ]; then ok "$1"; else fail "$1" "left behind: $left"; fi
}
# hf_which DIR REF1 REF2 - "1" or "2" when every CSV file of DIR is REFn's,
# byte for byte (and DIR has all of them and the marker); else "mixed".
hf_which() {
    for w in 1 2; do
        eval "ref=\$$((w + 1))"
        same=yes
        for f in "$ref"/*.csv "$ref/.rrsim-results"; do
            cmp -s "$f" "$1/$(basename "$f")" || same=no
        done
        [ "$same" = yes ] && { echo "$w"; return; }
    done
    echo mixed
}
# hf_field DIR NAME - column NAME of run.csv's first row, found by the
# header (so new columns do not move it) and counted from the row's end
# (the source before it holds a quoted comma; nothing after it does).
hf_field() {
    awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; h = NF }
        NR == 2 { print (c ? $(c + NF - h) : "") }' "$1/run.csv"
}

# ---- --force replaces only an rrsim results folder --------------------------
hf_mm --seed 1 --out "$F/ref1" >/dev/null 2>&1
hf_mm --seed 2 --out "$F/ref2" >/dev/null 2>&1
hf_check folder-marker-written test -f "$F/ref1/.rrsim-results"
[ "$(head -n 1 "$F/ref1/.rrsim-results")" = "rrsim results folder" ] &&
    ok folder-marker-line || fail folder-marker-line "$(head -n 1 "$F/ref1/.rrsim-results")"
printf 'my notes\n' >"$F/notes.txt"
expect_stderr "rrsim: '$F/notes.txt' exists and is a file, not an rrsim results folder; --force replaces only those: choose another --out" \
    folder-force-file -- hf_mm --force --out "$F/notes.txt"
hf_check folder-force-file-kept grep -qx 'my notes' "$F/notes.txt"
# a home folder, and the folder holding the scenario
mkdir -p "$F/home/scen"
printf 'alias ll=ls\n' >"$F/home/.bashrc"
cp scenarios/mm1.ini "$F/home/scen/mm1.ini"
expect_stderr "rrsim: '$F/home' exists and is not an rrsim results folder (it has no .rrsim-results file); --force replaces only those: choose another --out" \
    folder-force-home -- hf_mm --force --out "$F/home"
expect_exit 2 folder-force-scenario-folder -- "$RRSIM" run "$F/home/scen/mm1.ini" \
    --reps 2 --plot none --quiet --force --out "$F/home/scen"
hf_check folder-force-home-kept test -f "$F/home/.bashrc" -a -f "$F/home/scen/mm1.ini"
# a marker that only looks like one: another first line, or a link to a
# real marker
printf 'rrsim results folder?\n' >"$F/home/.rrsim-results"
expect_exit 2 folder-force-bad-marker -- hf_mm --force --out "$F/home"
rm -f "$F/home/.rrsim-results"
ln -s "$F/ref1/.rrsim-results" "$F/home/.rrsim-results"
expect_exit 2 folder-force-linked-marker -- hf_mm --force --out "$F/home"
hf_check folder-force-marker-kept test -f "$F/home/.bashrc"
rm -f "$F/home/.rrsim-results"
# a symbolic link to a results folder: neither the link nor the folder
ln -s "$F/ref1" "$F/link"
expect_stderr "rrsim: '$F/link' exists and is a symbolic link, not an rrsim results folder; --force replaces only those: choose another --out" \
    folder-force-link -- hf_mm --seed 2 --force --out "$F/link"
hf_check folder-force-link-kept test -L "$F/link"
[ "$(hf_which "$F/ref1" "$F/ref1" "$F/ref2")" = 1 ] && ok folder-force-link-target-kept ||
    fail folder-force-link-target-kept "ref1 changed"
# a results folder holding links out of it: replaced, what they point to kept
mkdir -p "$F/outside"
printf 'keep\n' >"$F/outside/keep.txt"
cp -R "$F/ref1" "$F/res"
ln -s "$F/outside" "$F/res/evil"
ln -s "$F/outside/keep.txt" "$F/res/evil.csv"
expect_exit 0 folder-force-links-inside -- hf_mm --seed 2 --force --out "$F/res"
hf_check folder-force-links-not-followed grep -qx keep "$F/outside/keep.txt"
[ "$(hf_which "$F/res" "$F/ref1" "$F/ref2")" = 2 ] && [ ! -e "$F/res/evil" ] &&
    ok folder-force-replaced || fail folder-force-replaced "$(ls -A "$F/res")"
hf_no_hidden folder-force-no-temp "$F"
# another file system: a mount point inside a replaced folder is not
# entered, a mount point as the target is not replaced (where a private
# mount namespace can be made, so nothing outlives the test)
if unshare -m true 2>/dev/null; then
    cp -R "$F/ref1" "$F/mres"
    mkdir "$F/mres/sub" "$F/mnt"
    RRSIM="$RRSIM" F="$F" unshare -m sh -c '
        mount -t tmpfs none "$F/mres/sub" && mount -t tmpfs none "$F/mnt" || exit
        echo keep >"$F/mres/sub/keep.txt"
        cp "$F/ref1/.rrsim-results" "$F/mnt/"
        "$RRSIM" run scenarios/mm1.ini --reps 2 --plot none --quiet --force \
            --out "$F/mres" 2>"$F/err-m1"
        echo $? >"$F/rc-m1"
        cat "$F"/.rrsim-mres.tmp-*/sub/keep.txt >"$F/keep-m1"
        "$RRSIM" run scenarios/mm1.ini --reps 2 --plot none --quiet --force \
            --out "$F/mnt" 2>"$F/err-m2"
        echo $? >"$F/rc-m2"'
    [ "$(cat "$F/rc-m1" 2>/dev/null)" = 0 ] &&
        grep -q "^rrsim: note: the old results were replaced, but '$F/.rrsim-mres.tmp-[0-9]*' could not be removed completely: it holds another file system (a mount point), which rrsim does not enter\$" "$F/err-m1" &&
        ok folder-force-mount-inside || fail folder-force-mount-inside "$(cat "$F/err-m1" 2>/dev/null)"
    [ "$(cat "$F/keep-m1" 2>/dev/null)" = keep ] && ok folder-force-mount-inside-kept ||
        fail folder-force-mount-inside-kept "the mounted file system was entered"
    [ "$(cat "$F/rc-m2" 2>/dev/null)" = 2 ] &&
        grep -qx "rrsim: '$F/mnt' exists and is a folder on another file system, not an rrsim results folder; --force replaces only those: choose another --out" "$F/err-m2" &&
        ok folder-force-mount-target || fail folder-force-mount-target "$(cat "$F/err-m2" 2>/dev/null)"
    # the mounts are gone with their namespace: the next run clears the rest
    expect_exit 0 folder-force-mount-next -- hf_mm --out "$F/mnext"
    hf_no_hidden folder-force-mount-cleared "$F"
    rm -rf "$F/mres" "$F/mnt" "$F/mnext"
fi

# ---- --out checked before anything is simulated ----------------------------
# (1000 replications of nl-baseline take minutes: a refusal within the time
# limit was made before simulating)
hf_slow_run() {
    timeout 60 "$RRSIM" run scenarios/nl-baseline.ini --reps 1000 --plot none --quiet "$@"
}
ln -s "$F/nowhere" "$F/dangling"
expect_stderr "rrsim: '$F/dangling' exists and is a symbolic link to nothing, not an rrsim results folder: choose another --out" \
    folder-out-dangling -- hf_slow_run --out "$F/dangling"
hf_check folder-out-dangling-kept test -L "$F/dangling" -a ! -e "$F/nowhere"
expect_stderr "rrsim: --out: expected a folder name, got ''
(see 'rrsim run --help')" folder-out-empty -- hf_slow_run --out ""
expect_stderr "rrsim: cannot write results to '$F/no/such': folder '$F/no' does not exist" \
    folder-out-no-parent -- hf_slow_run --out "$F/no/such"
hf_check folder-out-no-parent-made test ! -e "$F/no"
expect_stderr "rrsim: cannot write results to '$F/notes.txt/r': '$F/notes.txt' is not a folder" \
    folder-out-parent-file -- hf_slow_run --out "$F/notes.txt/r"
expect_stderr "rrsim: cannot write results to '$F/..': name a new folder (not '.', '..' or '/')" \
    folder-out-dotdot -- hf_slow_run --force --out "$F/.."
expect_stderr "rrsim: cannot write results to '$F/.rrsim-x.tmp-1': names starting with '.rrsim-' are rrsim's temporary folders" \
    folder-out-reserved -- hf_slow_run --out "$F/.rrsim-x.tmp-1"
# sweep, compare and fit check it before simulating too
printf 'year,indicator,value\n2025,departures_voluntary_self,2000\n' >"$F/obs.csv"
expect_exit 2 folder-out-sweep -- timeout 60 "$RRSIM" sweep scenarios/nl-baseline.ini \
    --vary iom_share=0.5,0.6 --reps 1000 --plot none --quiet --out "$F/no/such"
expect_exit 2 folder-out-compare -- timeout 60 "$RRSIM" compare scenarios/nl-baseline.ini \
    scenarios/nl-no-covid.ini --reps 1000 --plot none --quiet --out "$F/dangling"
expect_exit 2 folder-out-fit -- timeout 60 "$RRSIM" fit scenarios/nl-baseline.ini \
    "$F/obs.csv" --reps 1000 --plot none --quiet --force --out "$F/home"
# an unwritable parent (as another user when we are root: root writes
# anywhere)
RO=$(mktemp -d /tmp/rrsim-hf-XXXXXX)
chmod 755 "$RO"
mkdir "$RO/ro"
chmod 555 "$RO/ro"
if [ "$(id -u)" -ne 0 ]; then
    expect_exit 2 folder-out-unwritable -- hf_slow_run --out "$RO/ro/r"
    grep -q "^rrsim: cannot write results into '$RO/ro': Permission denied\$" "$TMP/err" &&
        ok folder-out-unwritable-message || fail folder-out-unwritable-message "$(cat "$TMP/err")"
elif command -v setpriv >/dev/null 2>&1; then
    expect_exit 2 folder-out-unwritable -- setpriv --reuid=65534 --regid=65534 \
        --clear-groups "$RRSIM" run scenarios/mm1.ini --reps 2 --plot none --out "$RO/ro/r"
    grep -q "^rrsim: cannot write results into '$RO/ro': Permission denied\$" "$TMP/err" &&
        ok folder-out-unwritable-message || fail folder-out-unwritable-message "$(cat "$TMP/err")"
fi
hf_check folder-out-unwritable-empty test -z "$(ls -A "$RO/ro")"
chmod 755 "$RO/ro"
rm -rf "$RO"

# ---- stale folders: only what rrsim made -------------------------------------
# a killed run's leftovers beside look-alikes of the user's own files
mkdir -p "$F/h"
printf 'export A=1\n' >"$F/h/.bashrc.old-2023"
mkdir "$F/h/.thesis.old-2024"
printf 'chapter 1\n' >"$F/h/.thesis.old-2024/ch1.tex"
mkdir "$F/h/.results.tmp-99999999"          # the old naming, not rrsim's now
mkdir "$F/h/.rrsim-results.tmp-99999999"    # rrsim's name, the user's files
printf 'mine\n' >"$F/h/.rrsim-results.tmp-99999999/mine.txt"
printf 'x\n' >"$F/h/.rrsim-plain.tmp-99999999" # a plain file
ln -s "$F/ref1" "$F/h/.rrsim-link.tmp-99999999" # a link to a results folder
RRSIM_TEST_KILL_AT=begun hf_mm --out "$F/h/results" >/dev/null 2>&1
killed=$(hf_hidden "$F/h" | grep -E '^\.rrsim-results\.tmp-[0-9]+$' | grep -v 99999999)
[ -n "$killed" ] && ok folder-kill-leaves-temp || fail folder-kill-leaves-temp "$(ls -A "$F/h")"
expect_exit 0 folder-stale-next-run -- hf_mm --out "$F/h/results"
grep -qx "rrsim: note: removed '$F/h/$killed', left behind by process ${killed##*-}, which no longer runs" "$TMP/err" &&
    ok folder-stale-note || fail folder-stale-note "$(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && ok folder-stale-one-note || fail folder-stale-one-note "$(cat "$TMP/err")"
hf_check folder-stale-removed test ! -e "$F/h/$killed"
hf_check folder-stale-bashrc-kept grep -qx 'export A=1' "$F/h/.bashrc.old-2023"
hf_check folder-stale-thesis-kept grep -qx 'chapter 1' "$F/h/.thesis.old-2024/ch1.tex"
hf_check folder-stale-old-name-kept test -d "$F/h/.results.tmp-99999999"
hf_check folder-stale-no-marker-kept grep -qx mine "$F/h/.rrsim-results.tmp-99999999/mine.txt"
hf_check folder-stale-file-kept test -f "$F/h/.rrsim-plain.tmp-99999999"
hf_check folder-stale-link-kept test -L "$F/h/.rrsim-link.tmp-99999999" -a -f "$F/ref1/.rrsim-results"

# ---- a PID is not an owner: reused PIDs, other hosts, earlier boots -------
# The killed run's folder holds its OWNER (host, boot, start time); a live
# process with the folder's PID is its writer only when it started then.
hf_own=$(cat "$F/h/results/.rrsim-owner" 2>/dev/null)
[ -z "$hf_own" ] && ok folder-owner-not-in-results || fail folder-owner-not-in-results "$hf_own"
mkdir -p "$F/o"
RRSIM_TEST_KILL_AT=begun hf_mm --out "$F/o/mine" >/dev/null 2>&1
hf_t=$(hf_hidden "$F/o")
if grep -q "^host $(hostname)\$" "$F/o/$hf_t/.rrsim-owner" && grep -q '^start [1-9][0-9]*$' "$F/o/$hf_t/.rrsim-owner"; then
    ok folder-owner-written
else
    fail folder-owner-written "$(cat "$F/o/$hf_t/.rrsim-owner" 2>&1)"
fi
rm -rf "$F/o"; mkdir -p "$F/o"
sleep 60 & hf_live=$!
hf_start=$(sed 's/.*) //' "/proc/$hf_live/stat" | cut -d' ' -f20)
hf_boot=$(cat /proc/sys/kernel/random/boot_id)
# hf_stale NAME PID HOST BOOT START - a killed run's folder with that owner
hf_stale() {
    mkdir "$F/o/.rrsim-$1.tmp-$2"
    printf 'rrsim results folder\nformat 1\n' >"$F/o/.rrsim-$1.tmp-$2/.rrsim-results"
    printf 'host %s\nboot %s\nstart %s\n' "$3" "$4" "$5" >"$F/o/.rrsim-$1.tmp-$2/.rrsim-owner"
}
hf_stale reused "$hf_live" "$(hostname)" "$hf_boot" 1              # PID reused since
hf_stale alive "$hf_live" "$(hostname)" "$hf_boot" "$hf_start"     # its writer runs
hf_stale rebooted "$hf_live" "$(hostname)" 00000000-dead "$hf_start" # an earlier boot
hf_stale remote 99999999 other-host.example "$hf_boot" 5           # another machine's
expect_exit 0 folder-owner-run -- hf_mm --out "$F/o/res"
hf_check folder-owner-reused-removed test ! -e "$F/o/.rrsim-reused.tmp-$hf_live"
hf_check folder-owner-rebooted-removed test ! -e "$F/o/.rrsim-rebooted.tmp-$hf_live"
hf_check folder-owner-alive-kept test -f "$F/o/.rrsim-alive.tmp-$hf_live/.rrsim-results"
hf_check folder-owner-remote-kept test -f "$F/o/.rrsim-remote.tmp-99999999/.rrsim-results"
[ "$(grep -c '^rrsim: note: removed ' "$TMP/err")" -eq 2 ] && ok folder-owner-notes ||
    fail folder-owner-notes "$(cat "$TMP/err")"
kill "$hf_live" 2>/dev/null; wait "$hf_live" 2>/dev/null
rm -rf "$F/o"

# ---- a replacement killed at every step ------------------------------------
# After each kill the old or the new results are at the target (the path
# without an exchange may need the next run to put the old one back); the
# next run into the same folder clears what is left, with one note each,
# and nothing of the user's is touched.
for hf_ex in 0 1; do
    for hf_step in begun commit exchanged aside renamed removing; do
        n="folder-kill-$hf_step-$([ $hf_ex = 1 ] && echo plain || echo exchange)"
        rm -rf "$F/k"
        mkdir "$F/k"
        cp -R "$F/ref1" "$F/k/res"
        printf 'mine\n' >"$F/k/.bashrc.old-2023"
        RRSIM_TEST_NO_EXCHANGE=$hf_ex RRSIM_TEST_KILL_AT=$hf_step \
            hf_mm --seed 2 --force --out "$F/k/res" >/dev/null 2>&1
        rc=$?
        case $hf_ex$hf_step in
        0aside | 0renamed | 1exchanged) want=0 ;; # not on this path
        *) want=137 ;;
        esac
        [ "$rc" -eq "$want" ] && ok "$n-reached" || fail "$n-reached" "exit $rc, expected $want"
        now=$(hf_which "$F/k/res" "$F/ref1" "$F/ref2")
        if [ "$hf_ex$hf_step" = 1aside ]; then
            [ ! -e "$F/k/res" ] && ok "$n-now" || fail "$n-now" "$now"
        else
            [ "$now" != mixed ] && ok "$n-now" || fail "$n-now" "not the old nor the new results"
        fi
        left=$(hf_hidden "$F/k" | wc -l)
        hf_mm --out "$F/k/next" >/dev/null 2>"$F/err"
        rc=$?
        [ "$rc" -eq 0 ] && [ "$(grep -c '^rrsim: note: ' "$F/err")" -eq "$left" ] &&
            ok "$n-notes" || fail "$n-notes" "exit $rc, $left left: $(cat "$F/err")"
        later=$(hf_which "$F/k/res" "$F/ref1" "$F/ref2")
        [ "$later" != mixed ] && ok "$n-later" || fail "$n-later" "$(ls -A "$F/k/res")"
        [ "$hf_ex$hf_step" != 1aside ] || [ "$later" = 1 ] && ok "$n-restored" ||
            fail "$n-restored" "$later"
        hf_no_hidden "$n-cleared" "$F/k"
        hf_check "$n-mine" grep -qx mine "$F/k/.bashrc.old-2023"
    done
done
rm -rf "$F/k"

# ---- exit codes and no temporary folder after a failure or a signal --------
# a signal: 128 + its number, no results folder, no temporary folder
mkdir -p "$F/sig"
hf_signal() {
    sig=$1 code=$2 name=$3; shift 3
    timeout --preserve-status -s "$sig" 0.5 "$RRSIM" "$@" --plot none --quiet \
        --out "$F/sig/$name" >/dev/null 2>"$F/err"
    rc=$?
    [ "$rc" -eq "$code" ] && grep -qx 'rrsim: interrupted; no results written' "$F/err" &&
        ok "folder-$name" || fail "folder-$name" "exit $rc, expected $code: $(cat "$F/err")"
    hf_check "folder-$name-no-folder" test ! -e "$F/sig/$name"
}
hf_signal INT 130 run-sigint run scenarios/nl-baseline.ini --reps 400 --threads 1
hf_signal TERM 143 run-sigterm run scenarios/nl-baseline.ini --reps 400 --threads 1
hf_signal HUP 129 run-sighup run scenarios/nl-baseline.ini --reps 400
hf_signal INT 130 sweep-sigint sweep scenarios/nl-baseline.ini --vary iom_share=0.5,0.6 --reps 200
hf_signal TERM 143 compare-sigterm compare scenarios/nl-baseline.ini scenarios/nl-no-covid.ini --reps 200
hf_signal INT 130 fit-sigint fit scenarios/nl-baseline.ini "$F/obs.csv" --reps 200
hf_no_hidden folder-signal-no-temp "$F/sig"
# a failure (a file over the size limit: EFBIG, not SIGXFSZ): exit 1
hf_fail() {
    name=$1; shift
    (ulimit -f 1; "$RRSIM" "$@" --reps 2 --plot none --quiet --out "$F/sig/$name") \
        >/dev/null 2>"$F/err"
    rc=$?
    [ "$rc" -eq 1 ] && grep -q "^rrsim: cannot write '.*': File too large\$" "$F/err" &&
        ok "folder-$name" || fail "folder-$name" "exit $rc: $(cat "$F/err")"
    hf_check "folder-$name-no-folder" test ! -e "$F/sig/$name"
}
hf_fail run-fails run scenarios/mm1.ini
hf_fail sweep-fails sweep scenarios/mm1.ini --vary lambda=0.5,0.6
hf_fail compare-fails compare scenarios/mm1.ini scenarios/mm1.ini
{
    echo year,indicator,value
    for y in 2024 2025 2026 2027 2028 2029 2030 2031 2032 2033; do
        printf '%s,departures_voluntary_self,2000\n%s,caseload_officer,4\n' $y $y
    done
} >"$F/obs-years.csv"
hf_fail fit-fails fit scenarios/mm1.ini "$F/obs-years.csv"
# bad input found after simulating (an unknown indicator): exit 2
printf 'year,indicator,value\n2025,departures_sideways,1\n' >"$F/obs-bad.csv"
expect_exit 2 folder-fit-bad-input -- "$RRSIM" fit scenarios/mm1.ini "$F/obs-bad.csv" \
    --reps 2 --plot none --quiet --out "$F/sig/fit-bad"
hf_check folder-fit-bad-input-no-folder test ! -e "$F/sig/fit-bad"
# and success: 0
expect_exit 0 folder-sweep-ok -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 \
    --reps 2 --plot none --quiet --out "$F/sig/sweep-ok"
expect_exit 0 folder-compare-ok -- "$RRSIM" compare scenarios/mm1.ini scenarios/mm1.ini \
    --reps 2 --plot none --quiet --out "$F/sig/compare-ok"
expect_exit 0 folder-fit-ok -- "$RRSIM" fit scenarios/mm1.ini "$F/obs.csv" \
    --reps 2 --plot none --quiet --out "$F/sig/fit-ok"
for d in sweep-ok compare-ok fit-ok; do
    hf_check "folder-$d-marker" test -f "$F/sig/$d/.rrsim-results"
done
hf_no_hidden folder-failure-no-temp "$F/sig"
rm -rf "$F/sig"

# ---- two runs into one folder at once ---------------------------------------
# each makes its temporary folder before simulating; the first to finish
# writes the folder, the second fails cleanly; never a mixed folder
hf_big() { "$RRSIM" run scenarios/mm1.ini --reps 150 --threads 1 --plot none --quiet "$@"; }
hf_big --seed 1 --out "$F/big1" >/dev/null 2>&1
hf_big --seed 2 --out "$F/big2" >/dev/null 2>&1
for hf_force in "" --force; do
    n=folder-concurrent${hf_force:+-force}
    mkdir -p "$F/c"
    [ -n "$hf_force" ] && cp -R "$F/big1" "$F/c/res"
    hf_big --seed 1 $hf_force --out "$F/c/res" >/dev/null 2>"$F/err1" &
    p1=$!
    hf_big --seed 2 $hf_force --out "$F/c/res" >/dev/null 2>"$F/err2" &
    p2=$!
    wait $p1
    rc1=$?
    wait $p2
    rc2=$?
    if [ -z "$hf_force" ]; then
        case "$rc1$rc2" in
        01 | 10 | 02 | 20) ok "$n-one-wins" ;;
        *) fail "$n-one-wins" "exits $rc1 and $rc2: $(cat "$F/err1" "$F/err2")" ;;
        esac
        grep -q "was written by another run meanwhile\|exists already" "$F/err1" "$F/err2" &&
            ok "$n-told" || fail "$n-told" "$(cat "$F/err1" "$F/err2")"
    else
        [ "$rc1" -eq 0 ] || [ "$rc2" -eq 0 ] && ok "$n-one-wins" ||
            fail "$n-one-wins" "exits $rc1 and $rc2"
    fi
    [ "$(hf_which "$F/c/res" "$F/big1" "$F/big2")" != mixed ] && ok "$n-not-mixed" ||
        fail "$n-not-mixed" "$(ls -A "$F/c/res")"
    hf_no_hidden "$n-no-temp" "$F/c"
    rm -rf "$F/c"
done

# ---- options given twice: the last one counts, nothing leaks --------------
expect_exit 0 folder-reps-twice -- "$RRSIM" run scenarios/mm1.ini --reps 2 --reps 3 \
    --seed 1 --seed 5 --plot none --quiet --out "$F/twice"
[ "$(hf_field "$F/twice" replications) $(hf_field "$F/twice" seed)" = "3 5" ] && ok folder-reps-twice-last ||
    fail folder-reps-twice-last "$(sed -n 2p "$F/twice/run.csv")"
expect_exit 0 folder-reps-then-set -- "$RRSIM" run scenarios/mm1.ini --reps 3 \
    --set scenario.replications=4 --plot none --quiet --out "$F/twice2" --out "$F/twice3"
[ "$(hf_field "$F/twice3" replications)" = 4 ] && [ ! -e "$F/twice2" ] && ok folder-last-out-and-set ||
    fail folder-last-out-and-set "$(ls "$F")"

# ---- a key varied twice -------------------------------------------------------
expect_stderr "rrsim: --vary lambda: the key is varied twice (give all its values in one --vary)" \
    folder-vary-twice -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.1,0.2 --vary lambda=0.3 \
    --reps 2 --plot none --out "$F/vary"
expect_stderr "rrsim: --vary lambda: the key is varied twice (give all its values in one --vary)" \
    folder-vary-twice-spaced -- "$RRSIM" sweep scenarios/mm1.ini --vary 'lambda =0.1,0.2' \
    --vary ' lambda=0.3:0.5:0.1' --reps 2 --plot none --out "$F/vary"
expect_stderr "rrsim: --vary lambda: the value '0.1' is listed twice" \
    folder-vary-value-twice -- "$RRSIM" sweep scenarios/mm1.ini --vary lambda=0.1,0.2,0.1 \
    --reps 2 --plot none --out "$F/vary"
hf_check folder-vary-no-folder test ! -e "$F/vary"

# ---- rrsim plot replaces plots/ only inside a results folder ----------------
if command -v gnuplot >/dev/null 2>&1; then
    cp -R "$F/ref1" "$F/pl"
    mkdir "$F/pl/plots"
    printf 'old\n' >"$F/pl/plots/old.png"
    expect_exit 0 folder-plot-replaces -- "$RRSIM" plot "$F/pl" --quiet
    hf_check folder-plot-replaced test ! -e "$F/pl/plots/old.png" -a -s "$F/pl/plots/departures.png"
    hf_check folder-plot-no-marker-inside test ! -e "$F/pl/plots/.rrsim-results"
    rm "$F/pl/.rrsim-results"
    expect_stderr "rrsim: '$F/pl/plots' is not replaced: the folder it is in has no .rrsim-results file, so it is not known as rrsim's (move '$F/pl/plots' away first)" \
        folder-plot-unmarked -- "$RRSIM" plot "$F/pl" --quiet
    hf_check folder-plot-unmarked-kept test -s "$F/pl/plots/departures.png"
    cp "$F/ref1/.rrsim-results" "$F/pl/"
    rm -rf "$F/pl/plots"
    ln -s "$F/outside" "$F/pl/plots"
    expect_exit 2 folder-plot-link -- "$RRSIM" plot "$F/pl" --quiet
    hf_check folder-plot-link-kept test -L "$F/pl/plots" -a -f "$F/outside/keep.txt"
    hf_no_hidden folder-plot-no-temp "$F/pl"
fi
rm -rf "$F"
