# shards.sh - --shard I/N and rrsim merge: the merged folder is the same
# bytes as one run; a merge refuses shards of another run, version or
# scenario, a shard missing or doubled, and damaged or hostile shard
# folders (exit 2, naming the file), leaving nothing behind.

# same_csv A B - every CSV file of results folder A is in B with the same
# bytes, and B has no other (scenario.resolved.ini records the time)
same_csv() {
    [ -d "$1" ] && [ -d "$2" ] || return 1
    for f in "$1"/*.csv "$2"/*.csv; do
        cmp -s "$1/${f##*/}" "$2/${f##*/}" || return 1
    done
    for f in "$1"/data/*; do
        [ -e "$f" ] || continue
        cmp -s "$f" "$2/data/${f##*/}" || return 1
    done
}

SH=$TMP/shards
mkdir -p "$SH"
SW="sweep scenarios/mm1.ini --vary lambda=0.5,0.6,0.7 --reps 4 --plot none --quiet"
expect_exit 0 shard-whole -- "$RRSIM" $SW --out "$SH/whole" --threads 2
for i in 1 2 3 4 5; do
    expect_exit 0 shard-$i-of-5 -- "$RRSIM" $SW --shard $i/5 --out "$SH/s$i" --threads 1
done
grep -qx 'shard 3/5' "$SH/s3/shard.txt" && grep -qx 'items 12' "$SH/s3/shard.txt" &&
    ! grep -q -- '--out\|--quiet\|--threads\|--shard\|--plot' "$SH/s3/shard.txt" &&
    ok shard-header || fail shard-header "$(cat "$SH/s3/shard.txt")"
# shards in any order
expect_exit 0 merge-runs -- "$RRSIM" merge "$SH/s4" "$SH/s2" "$SH/s5" "$SH/s1" "$SH/s3" --out "$SH/merged" --plot none --quiet
same_csv "$SH/whole" "$SH/merged" && ok merge-same-bytes || fail merge-same-bytes "merged sweep differs from one run"

# a run, a comparison, a fit and an uncertainty study, in 2 and 7 shards
# (more than items)
printf 'year,indicator,value\n2026,departures_total,290\n2027,departures_total,300\n' >"$SH/obs.csv"
sed -e 's/^mean_talk = 1d$/mean_talk = 0.7d/' \
    -e '/^mean_talk.source/a mean_talk.range = 0.5d:0.9d' scenarios/mm1.ini >"$SH/mm1u.ini"
for cmd in "run scenarios/mm1.ini" "compare scenarios/mm1.ini --policy lambda=0.6" \
           "fit scenarios/mm1.ini $SH/obs.csv" "uncertainty $SH/mm1u.ini --samples 4"; do
    name=${cmd%% *}
    "$RRSIM" $cmd --reps 3 --plot none --quiet --out "$SH/$name-1" || fail merge-$name "one run failed"
    for n in 2 7; do
        dirs=
        i=1
        while [ $i -le $n ]; do
            "$RRSIM" $cmd --reps 3 --plot none --quiet --shard $i/$n --out "$SH/$name-$n-$i" ||
                fail merge-$name-$n "shard $i/$n failed"
            dirs="$dirs $SH/$name-$n-$i"
            i=$((i + 1))
        done
        "$RRSIM" merge $dirs --out "$SH/$name-$n-m" --plot none --quiet
        same_csv "$SH/$name-1" "$SH/$name-$n-m" && ok merge-$name-$n ||
            fail merge-$name-$n "merged $name of $n shards differs from one run"
    done
done

# a sensitivity study runs its design points in batches (256 points a
# batch: 70 x (2 + 2) = 280 points make two): a shard's slice is of all
# the study's items, across the batches (shard 3/3 holds the end of the
# first and all of the second), and the merge gives every file the same
# bytes as one run, charts too
SE="sensitivity $SH/mm1u.ini --vary lambda=0.5:0.8 --vary mean_talk=0.5d:0.9d --samples 70 --reps 2 --quiet"
"$RRSIM" $SE --plot svg --out "$SH/sens-1" || fail merge-sensitivity "one run failed"
for i in 1 2 3; do
    expect_exit 0 sensitivity-shard-$i -- "$RRSIM" $SE --shard $i/3 --out "$SH/sens-s$i" --threads 1
done
grep -qx 'points 280' "$SH/sens-s3/shard.txt" && grep -qx 'items 560' "$SH/sens-s3/shard.txt" &&
    grep -qx 'first 373' "$SH/sens-s3/shard.txt" && grep -qx 'count 187' "$SH/sens-s3/shard.txt" &&
    ok sensitivity-shard-header || fail sensitivity-shard-header "$(cat "$SH/sens-s3/shard.txt")"
expect_exit 0 merge-sensitivity -- "$RRSIM" merge "$SH/sens-s2" "$SH/sens-s3" "$SH/sens-s1" --out "$SH/sens-m" --plot svg --quiet
same=1
for f in $(cd "$SH/sens-1" && find . -type f) $(cd "$SH/sens-m" && find . -type f); do
    case $f in ./run.csv | ./scenario.resolved.ini) continue ;; esac
    cmp -s "$SH/sens-1/$f" "$SH/sens-m/$f" || { same=0; echo "  differs: $f"; }
done
[ -s "$SH/sens-m/sensitivity.csv" ] && [ $same = 1 ] && ok merge-sensitivity-same ||
    fail merge-sensitivity-same "merged sensitivity differs from one run"
expect_stderr "rrsim: merge: shard 2/3 is missing (2 of 3 given)" merge-sensitivity-missing -- \
    "$RRSIM" merge "$SH/sens-s1" "$SH/sens-s3" --out "$SH/bad13"
expect_stderr "rrsim: merge: shard 3/3 is given twice: $SH/sens-s3 and $SH/sens-s3" merge-sensitivity-doubled -- \
    "$RRSIM" merge "$SH/sens-s1" "$SH/sens-s3" "$SH/sens-s2" "$SH/sens-s3" --out "$SH/bad14"
# the scenario changed since the shards ran: a merge of a study in
# batches checks the model of them all before anything is written
sed -i 's/^mean_talk.range = .*/mean_talk.range = 0.5d:0.8d/' "$SH/mm1u.ini"
SE2="sensitivity $SH/mm1u.ini --samples 70 --reps 2 --quiet"
for i in 1 2; do
    "$RRSIM" $SE2 --shard $i/2 --out "$SH/sens-c$i" || fail merge-sensitivity-changed "shard failed"
done
sed -i 's/^mean_talk.range = .*/mean_talk.range = 0.5d:0.9d/' "$SH/mm1u.ini"
expect_exit 2 merge-sensitivity-changed -- "$RRSIM" merge "$SH/sens-c1" "$SH/sens-c2" --out "$SH/bad15"
grep -q "another model" "$TMP/err" && ok merge-sensitivity-changed-message ||
    fail merge-sensitivity-changed-message "$(cat "$TMP/err")"

# the set: missing, doubled, another run, another version
expect_stderr "rrsim: merge: shard 3/5 is missing (4 of 5 given)" merge-missing -- \
    "$RRSIM" merge "$SH/s1" "$SH/s2" "$SH/s4" "$SH/s5" --out "$SH/bad1"
expect_stderr "rrsim: merge: shard 2/5 is given twice: $SH/s2 and $SH/s2" merge-doubled -- \
    "$RRSIM" merge "$SH/s1" "$SH/s2" "$SH/s2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad2"
"$RRSIM" $SW --shard 2/5 --set lambda=0.4 --out "$SH/other2" || fail merge-other "shard failed"
expect_stderr "rrsim: merge: $SH/other2 is not a shard of the run of $SH/s1: its arguments differs" merge-other -- \
    "$RRSIM" merge "$SH/s1" "$SH/other2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad3"
cp -r "$SH/s1" "$SH/v1"
sed -i 's/^version .*/version 9.9.9/' "$SH/v1/shard.txt"
expect_exit 2 merge-version -- "$RRSIM" merge "$SH/v1" "$SH/s2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad4"
grep -q "written by rrsim 9.9.9" "$TMP/err" && ok merge-version-message || fail merge-version-message "$(cat "$TMP/err")"
# the scenario changed since the shards ran
cp scenarios/mm1.ini "$SH/m.ini"
"$RRSIM" run "$SH/m.ini" --reps 2 --shard 1/2 --plot none --quiet --out "$SH/c1" &&
    "$RRSIM" run "$SH/m.ini" --reps 2 --shard 2/2 --plot none --quiet --out "$SH/c2" || fail merge-changed "shards failed"
sed -i 's/^lambda = 0.8/lambda = 0.7/' "$SH/m.ini"
expect_exit 2 merge-changed -- "$RRSIM" merge "$SH/c1" "$SH/c2" --out "$SH/bad5"
grep -q "another model" "$TMP/err" && ok merge-changed-message || fail merge-changed-message "$(cat "$TMP/err")"

# damaged and hostile shard folders
cp -r "$SH/s2" "$SH/t2"
head -c 100 "$SH/s2/items.bin" >"$SH/t2/items.bin"
expect_exit 2 merge-truncated -- "$RRSIM" merge "$SH/s1" "$SH/t2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad6"
grep -q "t2/items.bin: 100 bytes where shard.txt says" "$TMP/err" && ok merge-truncated-message || fail merge-truncated-message "$(cat "$TMP/err")"
cp -r "$SH/s2" "$SH/x2"
printf '\377' | dd of="$SH/x2/items.bin" bs=1 seek=300 conv=notrunc 2>/dev/null
expect_exit 2 merge-flipped -- "$RRSIM" merge "$SH/s1" "$SH/x2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad7"
grep -q "x2/items.bin: its hash" "$TMP/err" && ok merge-flipped-message || fail merge-flipped-message "$(cat "$TMP/err")"
cp -r "$SH/s2" "$SH/l2"
rm "$SH/l2/items.bin"
ln -s /dev/zero "$SH/l2/items.bin"
expect_exit 2 merge-link -- "$RRSIM" merge "$SH/s1" "$SH/l2" "$SH/s3" "$SH/s4" "$SH/s5" --out "$SH/bad8"
cp -r "$SH/s2" "$SH/f2"
rm "$SH/f2/shard.txt"
mkfifo "$SH/f2/shard.txt"
expect_exit 2 merge-fifo -- timeout 20 "$RRSIM" merge "$SH/s1" "$SH/f2" --out "$SH/bad9"
for bad in 's/^count .*/count 99/' 's/^arg --vary/arg --vary%00/' 's/^items .*/items 13/' \
           's/^hash .*/hash xyz/' '/^seed/d' 's/^shard .*/shard 6\/5/'; do
    cp -r "$SH/s2" "$SH/h2"
    sed -i "$bad" "$SH/h2/shard.txt"
    expect_exit 2 "merge-header-$bad" -- "$RRSIM" merge "$SH/s1" "$SH/h2" --out "$SH/bad10"
    grep -q "h2/shard.txt" "$TMP/err" && ok "merge-header-names-$bad" || fail "merge-header-names-$bad" "$(cat "$TMP/err")"
    rm -rf "$SH/h2"
done
# a shard's arguments are a command line like any other: read by the parser
cp -r "$SH/c1" "$SH/a1"
cp -r "$SH/c2" "$SH/a2"
for d in a1 a2; do sed -i 's/^arg --reps/arg --bogus/' "$SH/$d/shard.txt"; done
expect_exit 2 merge-bad-args -- "$RRSIM" merge "$SH/a1" "$SH/a2" --out "$SH/bad11"
# nor may they say where the results go
for d in a1 a2; do
    cp "$SH/c${d#a}/shard.txt" "$SH/$d/shard.txt"
    sed -i "s|^arg --reps|arg --out\narg $SH/bad12\narg --reps|" "$SH/$d/shard.txt"
done
expect_exit 2 merge-own-out -- "$RRSIM" merge "$SH/a1" "$SH/a2"
grep -q "argument '--out' is not one a shard records" "$TMP/err" && ok merge-own-out-message ||
    fail merge-own-out-message "$(cat "$TMP/err")"
ok=1
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do [ -e "$SH/bad$i" ] && ok=0; done
[ $ok = 1 ] && ok merge-nothing-left || fail merge-nothing-left "a refused merge left a folder"

# --shard itself
for v in 0/4 5/4 1/0 a/b 1/2/3 2 1/1000001; do
    expect_exit 2 "shard-bad-$v" -- "$RRSIM" run scenarios/mm1.ini --shard "$v" --out "$SH/bad"
done
expect_exit 2 shard-precision -- "$RRSIM" run scenarios/mm1.ini --shard 1/2 --precision 5% --out "$SH/bad"
expect_exit 2 shard-trace -- "$RRSIM" run scenarios/mm1.ini --shard 1/2 --trace --out "$SH/bad"
# calibrate and validate choose each run from the ones before: no shards
for cmd in "calibrate scenarios/mm1.ini x.csv --param lambda=0.5:0.9" "validate scenarios/mm1.ini x.csv"; do
    expect_exit 2 "shard-${cmd%% *}" -- "$RRSIM" $cmd --shard 1/2
    grep -q "rrsim: option '--shard' does not apply to ${cmd%% *}: each of its runs is chosen from the results of the ones before" "$TMP/err" &&
        ok "shard-${cmd%% *}-message" || fail "shard-${cmd%% *}-message" "$(cat "$TMP/err")"
done
expect_exit 2 merge-nothing -- "$RRSIM" merge --out "$SH/bad"
# a shard that fails is no shard
expect_exit 1 shard-fails -- "$RRSIM" run scenarios/mm1.ini --reps 2 --max-cases 2 --shard 1/2 --out "$SH/bad"
[ ! -e "$SH/bad" ] && ok shard-fails-nothing || fail shard-fails-nothing "a failed shard left a folder"
rm -rf "$SH"
