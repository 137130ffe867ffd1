#!/bin/sh
# seeds.sh OUT [RRSIM] - build the seed corpora of the fuzz targets into
# OUT/TARGET/ from the scenario files and tables the repository ships
# (scenarios/, tests/) and, when RRSIM is given, from results folders it
# writes for the plot target.  Run from the repository root; only OUT is
# written (and a scratch folder inside it, removed at the end).
set -eu
out=$1
rrsim=${2:-}
rm -rf "$out"
for t in scenario resolved value csv tables observed set vary plot; do
    mkdir -p "$out/$t"
done

ini_files() {
    ls scenarios/*.ini tests/fixtures/*.ini tests/fixtures/variant/*.ini \
        tests/bad/*.ini tests/bad/base/*.ini tests/model/*.ini \
        tests/hostile/*.ini 2>/dev/null || true
}
csv_files() {
    ls scenarios/data/*.csv tests/fixtures/*.csv tests/fixtures/variant/*.csv \
        tests/bad/*.csv tests/model/*.csv tests/hostile/*.csv \
        2>/dev/null || true
}
# seed_name FILE - a corpus file name for FILE: its path, '/' as '_'
seed_name() { echo "$1" | tr '/' '_'; }
# small FILE - at most 64 KiB (larger hostile files are for the CLI tests)
small() { [ "$(wc -c <"$1")" -le 65536 ]; }

# settings FILE - "KEY=VALUE" for every setting of an INI file, the key
# dotted with its section as --set takes it (parameters by name alone),
# continuation lines joined
settings() {
    awk '
    function flush() { if (key != "") print key "=" val; key = "" }
    /^[ \t]*[;#]/ { next }
    /^[ \t]*\[/ {
        flush(); s = $0; sub(/^[ \t]*\[[ \t]*/, "", s); sub(/[ \t]*\].*/, "", s)
        sec = s; next
    }
    /^[ \t]+[^ \t]/ && key != "" {
        v = $0; sub(/^[ \t]+/, "", v); val = val " " v; next
    }
    /=/ {
        flush(); k = $0; sub(/[ \t]*=.*/, "", k); sub(/^[ \t]+/, "", k)
        v = $0; sub(/^[^=]*=[ \t]*/, "", v); sub(/[ \t]+;.*/, "", v)
        key = (sec == "parameters" ? k : sec "." k); val = v
    }
    END { flush() }' "$1"
}

for f in $(ini_files); do
    small "$f" || continue
    cp "$f" "$out/scenario/$(seed_name "$f")"
    cp "$f" "$out/resolved/$(seed_name "$f")"
done
# --set overrides in the round trip, as fuzz_resolved.c reads them
{ cat scenarios/mm1.ini; printf ';set lambda=0.7\n;set scenario.title=T\n'; } \
    >"$out/resolved/mm1-set.ini"

# every value written in a scenario, once
for f in $(ini_files); do
    small "$f" && settings "$f"
done | sed 's/^[^=]*=//' | sort -u | awk -v d="$out/value" '
    { n++; f = d "/value-" n; printf "%s", $0 > f; close(f) }'

for f in $(csv_files); do
    small "$f" || continue
    n=$(seed_name "$f")
    cp "$f" "$out/csv/$n"
    for k in 0 1 2 3; do
        { printf '%s' "$k"; cat "$f"; } >"$out/tables/$k-$n"
    done
done

cp scenarios/data/nl-observed.csv "$out/observed/nl-observed.csv"
cat >"$out/observed/made-up.csv" <<'CSV'
year,indicator,value,source
2021,departures_total,1500,made up
2021,departures_voluntary_iom,700,
2022,caseload_talks,40,"a note, with a comma"
2022,intake,1800,"a ""quoted"" note"
2020,departures_independent,900,partial year
CSV

# --set: every setting of the four scenarios fuzz_set.c reads, and the
# overrides the tests pass
k=0
for f in tests/fixtures/basic.ini scenarios/nl-baseline.ini scenarios/mm1.ini \
    tests/fixtures/variant/variant.ini; do
    { printf '%s\n' "$k"; settings "$f"; } >"$out/set/$k-$(seed_name "$f")"
    k=$((k + 1))
done
grep -h '^; set: ' tests/bad/*.ini 2>/dev/null | sed 's/^; set: //' |
    awk -v d="$out/set" '{ n++; f = d "/bad-" n; print "0\n" $0 > f; close(f) }'

# --vary: what the tests vary, and ranges over each numeric parameter
grep -ho -- '--vary [^ ]*' tests/cli/*.sh 2>/dev/null | sed 's/^--vary //' |
    awk -v d="$out/vary" '{ n++; f = d "/cli-" n; print "2\n" $0 > f; close(f) }'
k=0
for f in tests/fixtures/basic.ini scenarios/nl-baseline.ini scenarios/mm1.ini \
    tests/fixtures/variant/variant.ini; do
    settings "$f" | awk -F= -v k="$k" -v d="$out/vary" '
        $1 !~ /\./ && $2 ~ /^[0-9.]+$/ {
            n++; f = d "/" k "-param-" n
            print k > f
            print $1 "=" $2 ":" ($2 * 2) ":" ($2 / 2 > 0 ? $2 / 2 : 1) > f
            print $1 "=" $2 "," ($2 + 1) > f
            close(f)
        }'
    k=$((k + 1))
done

# plot: results folders written by rrsim, packed as fuzz_plot.c reads them
pack() {
    for n in run.csv timeseries_summary.csv events.csv summary.csv \
        time_to_departure.csv sweep.csv compare.csv fit.csv \
        stages_summary.csv; do
        if [ -f "$1/$n" ]; then
            echo "=== $n"
            cat "$1/$n"
        fi
    done >"$2"
}
if [ -n "$rrsim" ] && [ -x "$rrsim" ]; then
    w="$out/.work"
    mkdir -p "$w"
    o="--reps 2 --plot none --quiet --threads 1"
    # shellcheck disable=SC2086
    {
        "$rrsim" run scenarios/mm1.ini $o --out "$w/mm1" &&
            pack "$w/mm1" "$out/plot/run-mm1"
        "$rrsim" run tests/fixtures/basic.ini $o --trace --out "$w/basic" &&
            pack "$w/basic" "$out/plot/run-basic"
        "$rrsim" sweep scenarios/mm1.ini --vary lambda=0.5,0.6 \
            --vary mean_talk=0.8d,1d $o --out "$w/sweep" &&
            pack "$w/sweep" "$out/plot/sweep"
        "$rrsim" compare scenarios/mm1.ini scenarios/mm1.ini \
            --set lambda=0.6 $o --out "$w/compare" &&
            pack "$w/compare" "$out/plot/compare"
        "$rrsim" fit scenarios/nl-baseline.ini scenarios/data/nl-observed.csv \
            $o --out "$w/fit" && pack "$w/fit" "$out/plot/fit"
    } >/dev/null || {
        echo "seeds.sh: $rrsim could not write the results folders" >&2
        exit 1
    }
    rm -rf "$w"
fi
