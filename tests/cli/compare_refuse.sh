# compare_refuse.sh - rrsim compare (and sweep) refuse runs that cannot be
# set side by side: each field that differs is named with both values and
# the files, with the way to compare them; a --window makes runs of other
# dates or warm-ups comparable, never other reporting or replications.
CR=tests/fixtures/compare
CB=$CR/mm1-base.ini

# cr_refused FIELD HINT - the base against mm1-FIELD.ini: exit 2, the
# message, no folder.
cr_refused() {
    expect_stderr "rrsim: compare: the runs differ in $1; $2" "compare-refuses-$3" -- \
        "$RRSIM" compare $CB $CR/mm1-$3.ini --reps 2 --out "$TMP/cr-$3"
    [ ! -e "$TMP/cr-$3" ] && ok "compare-refuses-$3-no-folder" ||
        fail "compare-refuses-$3-no-folder" "a refused comparison left $TMP/cr-$3"
}
cr_refused "start: 2024-01-01 ($CB) against 2025-01-01 ($CR/mm1-start.ini)" \
    "compare them over their common years with --window 2025-01-01:2029-12-31" start
cr_refused "end: 2029-12-31 ($CB) against 2028-12-31 ($CR/mm1-end.ini)" \
    "compare them over their common years with --window 2024-01-01:2028-12-31" end
cr_refused "report: year ($CB) against quarter ($CR/mm1-report.ini)" \
    "give both the same with --set scenario.report=year" report
cr_refused "warmup: 0 days ($CB) against 365.25 days ($CR/mm1-warmup.ini)" \
    "compare them over their common years with --window 2025-01-01:2029-12-31" warmup
# replications: --reps gives both the same; the files' own differ
expect_stderr "rrsim: compare: the runs differ in replications: 30 ($CB) against 40 ($CR/mm1-reps.ini); give both the same with --reps N" \
    compare-refuses-reps -- "$RRSIM" compare $CB $CR/mm1-reps.ini --out "$TMP/cr-reps"
expect_exit 0 compare-reps-given -- "$RRSIM" compare $CB $CR/mm1-reps.ini --reps 2 \
    --plot none --quiet --out "$TMP/cr-reps2"

# the analyst's case: a 2019-2025 policy against the 2019-2024 baseline
expect_stderr "rrsim: compare: the runs differ in end: 2024-12-31 (scenarios/nl-baseline.ini) against 2025-12-31 ($CR/nl-policy-2025.ini); compare them over their common years with --window 2019-01-01:2024-12-31" \
    compare-refuses-nl-end -- "$RRSIM" compare scenarios/nl-baseline.ini $CR/nl-policy-2025.ini --reps 2
# a what-if that moves the end is refused the same way
expect_stderr "rrsim: compare: the runs differ in end: 2029-12-31 ($CB) against 2027-12-31 ($CB with --policy); compare them over their common years with --window 2024-01-01:2027-12-31" \
    compare-refuses-policy-end -- "$RRSIM" compare $CB --policy scenario.end=2027-12-31 --reps 2

# following the advice: the window is accepted for dates and warm-ups
for cr_f in start end warmup; do
    cr_w=$("$RRSIM" compare $CB $CR/mm1-$cr_f.ini --reps 2 2>&1 | sed -n 's/.*--window //p')
    expect_exit 0 "compare-window-$cr_f" -- "$RRSIM" compare $CB $CR/mm1-$cr_f.ini --reps 2 \
        --window "$cr_w" --plot none --quiet --out "$TMP/cw-$cr_f"
done
# but not for reporting or replications
expect_stderr "rrsim: compare: the runs differ in report: year ($CB) against quarter ($CR/mm1-report.ini); give both the same with --set scenario.report=year" \
    compare-window-report -- "$RRSIM" compare $CB $CR/mm1-report.ini --reps 2 \
    --window 2024-01-01:2029-12-31
# a window outside a run, inside a warm-up, off the periods, or unreadable
expect_stderr "rrsim: --window 2024-01-01:2029-12-31: 2024-01-01 is before the start of $CR/mm1-start.ini (2025-01-01)" \
    compare-window-outside -- "$RRSIM" compare $CB $CR/mm1-start.ini --reps 2 --window 2024-01-01:2029-12-31
expect_stderr "rrsim: --window 2024-01-01:2029-12-31: 2024-01-01 is in the warm-up of $CR/mm1-warmup.ini, which ends on 2024-12-31" \
    compare-window-warmup -- "$RRSIM" compare $CB $CR/mm1-warmup.ini --reps 2 --window 2024-01-01:2029-12-31
expect_stderr "rrsim: --window 2025-03-01:2028-12-31: 2025-03-01 is not the first day of a reporting period (year) of both runs; the nearest that are: 2025-01-01 and 2026-01-01" \
    compare-window-aligned -- "$RRSIM" compare $CB $CR/mm1-end.ini --reps 2 --window 2025-03-01:2028-12-31
expect_stderr "rrsim: --window 2025: expected FROM:TO, two dates such as 2019-01-01:2023-12-31" \
    compare-window-form -- "$RRSIM" compare $CB $CR/mm1-end.ini --reps 2 --window 2025
expect_stderr "rrsim: --from 2030-01-01: outside the days compared (2024-01-01 to 2029-12-31)" \
    compare-from-outside -- "$RRSIM" compare $CB $CR/mm1-faster.ini --reps 2 --from 2030-01-01
# --policy: what it takes, and with what
expect_stderr "rrsim: --policy: unknown key 'mean_tlak' (did you mean 'mean_talk'?)" \
    compare-policy-unknown -- "$RRSIM" compare $CB --policy mean_tlak=0.8d --reps 2
expect_stderr "rrsim: --policy: expected KEY=VALUE, got 'mean_talk'
(see 'rrsim compare --help')" compare-policy-form -- "$RRSIM" compare $CB --policy mean_talk
expect_stderr "rrsim: compare --policy takes one scenario file, compared with itself changed
(see 'rrsim compare --help')" compare-policy-two-files -- "$RRSIM" compare $CB $CB --policy mean_talk=2d
expect_stderr "rrsim: option '--policy' does not apply to run
(see 'rrsim run --help')" compare-policy-run -- "$RRSIM" run $CB --policy mean_talk=2d

# a sweep's design points share their bounds too
expect_stderr "rrsim: sweep: design point 2 (scenario.end=2027-12-31) differs from design point 1 in end: 2029-12-31 against 2027-12-31; the design points of a sweep must share start, end, report, warmup and replications" \
    sweep-refuses-end -- "$RRSIM" sweep $CB --vary scenario.end=2029-12-31,2027-12-31 --reps 2
expect_stderr "rrsim: sweep: design point 2 (scenario.warmup=1y) differs from design point 1 in warmup: 0 days against 365.25 days; the design points of a sweep must share start, end, report, warmup and replications" \
    sweep-refuses-warmup -- "$RRSIM" sweep $CB --vary scenario.warmup=0d,1y --reps 2
# leave the shared scratch folder as found (scenarios.sh checks it)
rm -rf "$TMP"/cr-* "$TMP"/cw-*
