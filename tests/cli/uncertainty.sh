# uncertainty.sh - rrsim uncertainty and compare --samples: the files are
# the same byte for byte whatever the number of threads; on M/M/1 with a
# range on the mean talk time the quantiles over samples contain queueing
# theory (W = m / (1 - lambda m) is increasing in m, so its q-quantile is
# W at the q-quantile of m); a what-if's effect over the samples has the
# sign and size theory gives; refusals exit 2 with nothing written; an
# interrupted study exits 130 and leaves nothing.
U=$TMP/uncertainty
mkdir -p "$U"
# M/M/1, lambda 0.8, mean talk 0.7 days, plausibly 0.5 to 0.9 days
sed -e 's/^mean_talk = 1d$/mean_talk = 0.7d/' \
    -e '/^mean_talk.source/a mean_talk.range = 0.5d:0.9d' scenarios/mm1.ini >"$U/mm1u.ini"

expect_exit 0 unc-threads-1 -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 24 \
    --reps 8 --threads 1 --plot none --quiet --out "$U/t1"
expect_exit 0 unc-threads-2 -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 24 \
    --reps 8 --threads 2 --plot none --quiet --out "$U/t2"
unc_same=1
for f in samples.csv uncertainty_parameters.csv uncertainty_summary.csv \
    uncertainty_timeseries.csv run.csv events.csv; do
    cmp -s "$U/t1/$f" "$U/t2/$f" || { unc_same=0; echo "  differ: $f"; }
done
[ "$unc_same" -eq 1 ] && ok unc-same-bytes-any-threads ||
    fail unc-same-bytes-any-threads "1 and 2 threads wrote different files"
[ "$(wc -l <"$U/t1/samples.csv")" -eq 25 ] && ok unc-samples-rows ||
    fail unc-samples-rows "$(wc -l <"$U/t1/samples.csv") lines"
# LHS: each of 24 strata of [0.5, 0.9] holds one value drawn
awk -F, 'NR > 1 { s = int(($2 - 0.5) / 0.4 * 24); n[s]++ }
    END { for (i = 0; i < 24; i++) if (n[i] != 1) exit 1 }' "$U/t1/samples.csv" &&
    ok unc-lhs-strata || fail unc-lhs-strata "$(cut -d, -f2 "$U/t1/samples.csv" | tr '\n' ' ')"
# another seed, other draws
expect_exit 0 unc-seed -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 24 \
    --reps 8 --seed 7 --plot none --quiet --out "$U/t3"
cmp -s "$U/t1/samples.csv" "$U/t3/samples.csv" && fail unc-seed-differs "same draws" ||
    ok unc-seed-differs

# ---- theory: W = m / (1 - 0.8 m) at the quantiles of m ~ U(0.5, 0.9) -------
expect_exit 0 unc-theory-run -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 40 \
    --reps 10 --plot none --quiet --out "$U/th"
# tolerance: the sample quantile of 40 stratified points is within one
# stratum of the true one (W at m +- 0.01), plus 3 noise half-widths
awk -F, '$3 == "time_to_departure_mean_days" {
    split("0.05 0.25 0.5 0.75 0.95", q, " ")
    bad = 0
    for (i = 1; i <= 5; i++) {
        m = 0.5 + 0.4 * q[i]
        lo = (m - 0.01) / (1 - 0.8 * (m - 0.01)) - 3 * $12
        hi = (m + 0.01) / (1 - 0.8 * (m + 0.01)) + 3 * $12
        v = $(5 + i)
        if (v < lo || v > hi) { bad = 1; printf "  q%s: %s outside [%g, %g]\n", q[i], v, lo, hi }
    }
    found = 1
    exit bad
} END { if (!found) exit 1 }' "$U/th/uncertainty_summary.csv" &&
    ok unc-quantiles-contain-theory ||
    fail unc-quantiles-contain-theory "$(grep time_to_departure_mean "$U/th/uncertainty_summary.csv")"
# the fan per period holds the theory as well: in every year after the
# warm-up, theory's median W(0.7) lies within the 25-75% band widened by
# the noise
awk -F, -v w="$(awk 'BEGIN { print 0.7 / (1 - 0.8 * 0.7) }')" '
    $5 == "time_to_departure_mean_days" && $2 == "baseline" && NR > 1 {
        n++
        if (w < $9 - 3 * $14 || w > $11 + 3 * $14) { bad++; print "  " $3 ": " $9 " to " $11 }
    } END { exit !(n >= 9 && bad == 0) }' "$U/th/uncertainty_timeseries.csv" &&
    ok unc-fan-contains-theory || fail unc-fan-contains-theory "median W outside the band"

# ---- compare --samples: lambda 0.8 -> 0.7 shortens W in every sample --------
expect_exit 0 unc-compare -- "$RRSIM" compare "$U/mm1u.ini" --policy lambda=0.7 \
    --samples 16 --reps 8 --plot none --out "$U/cmp"
grep -q "^time_to_departure_mean_days .*in 90% of plausible worlds" "$TMP/out" &&
    ok unc-compare-line || fail unc-compare-line "$(head -c 600 "$TMP/out")"
# effect at the median m = 0.7: 0.7/0.51 - 0.7/0.44 = -0.218 days
awk -F, '$3 == "time_to_departure_mean_days" {
    found = 1; exit !($20 == 0 && $21 == 1 && $8 > -0.30 && $8 < -0.15) }
    END { if (!found) exit 1 }' "$U/cmp/uncertainty_effects.csv" &&
    ok unc-compare-effect || fail unc-compare-effect "$(grep time_to_departure_mean "$U/cmp/uncertainty_effects.csv")"

# a policy file that changes lambda (a variant) gives the what-if's effect
# exactly; one that fixes the mean talk time keeps its own value in every
# sample, so its side is the same in all of them
printf '[scenario]\nbase = mm1u.ini\nname = mm1p\n[parameters]\nlambda = 0.7\n' >"$U/pol.ini"
printf '[scenario]\nbase = mm1u.ini\nname = mm1f\n[parameters]\nmean_talk = 0.6d\n' >"$U/fix.ini"
expect_exit 0 unc-compare-file -- "$RRSIM" compare "$U/mm1u.ini" "$U/pol.ini" \
    --samples 16 --reps 8 --plot none --quiet --out "$U/cmpf"
cut -d, -f3- "$U/cmp/uncertainty_effects.csv" >"$U/e1"
cut -d, -f3- "$U/cmpf/uncertainty_effects.csv" >"$U/e2"
cmp -s "$U/e1" "$U/e2" && ok unc-compare-file-as-whatif ||
    fail unc-compare-file-as-whatif "the variant's effects differ from --policy's"
expect_exit 0 unc-compare-fixed -- "$RRSIM" compare "$U/mm1u.ini" "$U/fix.ini" \
    --samples 16 --reps 8 --plot none --quiet --out "$U/cmpx"
unc_col=$(head -n 1 "$U/cmpx/samples.csv" | tr ',' '\n' | grep -n -x time_to_departure_mean_days_policy | cut -d: -f1)
[ -n "$unc_col" ] && [ "$(sed 1d "$U/cmpx/samples.csv" | cut -d, -f"$unc_col" | sort -u | wc -l)" -eq 1 ] &&
[ "$(sed 1d "$U/cmpx/samples.csv" | cut -d, -f"$((unc_col - 1))" | sort -u | wc -l)" -gt 1 ] &&
    ok unc-compare-policy-keeps-its-value ||
    fail unc-compare-policy-keeps-its-value "column $unc_col of samples.csv"

# ---- refused: exit 2, nothing written -------------------------------------
expect_stderr "rrsim: scenarios/mm1.ini declares no assumption ranges: give parameters a range or distribution in [parameters] (talk_interval.range = 60d:120d; see rrsim-scenario(5))" \
    unc-no-ranges -- "$RRSIM" uncertainty scenarios/mm1.ini --samples 4 \
    --plot none --quiet --out "$U/x"
expect_exit 2 unc-needs-samples -- "$RRSIM" uncertainty "$U/mm1u.ini" --out "$U/x"
expect_exit 2 unc-design-without-samples -- "$RRSIM" compare "$U/mm1u.ini" \
    --policy lambda=0.7 --design sobol --out "$U/x"
expect_exit 2 unc-bad-design -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 4 \
    --design grid --out "$U/x"
expect_exit 2 unc-compare-window -- "$RRSIM" compare "$U/mm1u.ini" \
    --policy lambda=0.7 --samples 4 --window 2025-01-01:2026-12-31 --out "$U/x"
[ ! -e "$U/x" ] && ok unc-refused-nothing-written ||
    fail unc-refused-nothing-written "a results folder was written"
expect_exit 0 unc-sobol -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 8 \
    --reps 2 --design sobol --plot none --quiet --out "$U/sobol"

# ---- interrupted: 130, nothing left -----------------------------------------
mkdir -p "$U/sig"
timeout --preserve-status -s INT 2 "$RRSIM" uncertainty scenarios/nl-baseline.ini --samples 400 \
    --threads 1 --plot none --quiet --out "$U/sig/r" >/dev/null 2>&1
unc_rc=$?
[ "$unc_rc" -eq 130 ] && ok unc-sigint-130 || fail unc-sigint-130 "exit $unc_rc"
[ -z "$(ls -A "$U/sig")" ] && ok unc-sigint-nothing-left ||
    fail unc-sigint-nothing-left "$(ls -A "$U/sig")"

# ---- charts ------------------------------------------------------------------
requires gnuplot
    expect_exit 0 unc-charts -- "$RRSIM" uncertainty "$U/mm1u.ini" --samples 8 \
        --reps 2 --quiet --out "$U/p"
    [ -s "$U/p/plots/uncertainty_departures.png" ] &&
    [ -s "$U/p/plots/uncertainty_caseload.png" ] && ok unc-charts-drawn ||
        fail unc-charts-drawn "$(ls "$U/p/plots" 2>&1)"
    expect_exit 0 unc-replot -- "$RRSIM" plot "$U/p"
requires -
rm -rf "$U"
