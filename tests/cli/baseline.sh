# baseline.sh - the starting caseload's age and the nl-baseline's claims:
# time to departure counts from entry into the caseload (the caseload
# table's age column), the starting channel mix follows the scenario's
# shares, and the baseline's first months show no start-up transient.

# age: 200 cases entered 100 days before the start, none of it at their
# stage; a deterministic 10-day stage: every time to departure is 110 days
"$RRSIM" run tests/fixtures/caseload-age.ini --out "$TMP/age" --plot none \
    --quiet 2>"$TMP/err"
bl_ttd=$(awk -F, '$2 == "time_to_departure_mean_days" { print $4 }' \
    "$TMP/age/summary.csv" 2>/dev/null)
[ "$bl_ttd" = 110 ] && ok baseline-age-counts ||
    fail baseline-age-counts "time to departure '$bl_ttd', expected 110 (age 100d + 10d)"
rm -rf "$TMP/age"
