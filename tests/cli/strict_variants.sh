# strict_variants.sh - a variant of the shipped baseline cannot silently do
# nothing: a misspelt parameter, a misspelt section ([stage.ngoa],
# [event.covd]) and a parameter no setting uses fail with exit 2, the
# file and line, and the name most likely meant, under `check` and `run`
# (which leaves no results folder); variants that say what they mean,
# new sections written in full among them, still run.
SV=$TMP/strict-variants
mkdir -p "$SV"
SV_BASE=$(pwd)/scenarios/nl-baseline.ini

# sv_variant NAME LINE... - $SV/NAME.ini: [scenario] with the baseline as
# its base (lines 1-3), then the lines given (from line 4).
sv_variant() {
    sv_n=$1
    shift
    { printf '[scenario]\nbase = %s\nname = %s\n' "$SV_BASE" "$sv_n"
      printf '%s\n' "$@"; } >"$SV/$sv_n.ini"
}

# sv_bad NAME MESSAGE - check and run of $SV/NAME.ini fail with exactly
# "rrsim: MESSAGE", and the run leaves nothing.
sv_bad() {
    expect_stderr "rrsim: $2" "strict-check-$1" -- "$RRSIM" check "$SV/$1.ini"
    expect_stderr "rrsim: $2" "strict-run-$1" -- "$RRSIM" run "$SV/$1.ini" \
        --reps 1 --plot none --quiet --out "$SV/$1.out"
    [ ! -e "$SV/$1.out" ] && ok "strict-run-$1-nothing" ||
        fail "strict-run-$1-nothing" "a results folder was written"
}

# the issue's case: iom_share misspelt in a variant ran as the baseline
sv_variant more-iom '[parameters]' 'iom_shar = 0.6'
sv_bad more-iom "$SV/more-iom.ini:5: [parameters] iom_shar: no setting uses this parameter (did you mean 'iom_share'?)"

# a misspelt section is a new one, and incomplete: the one meant is named
sv_variant more-ngo '[stage.ngoa]' 'servers = 400'
sv_bad more-ngo "$SV/more-ngo.ini:4: [stage.ngoa]: unknown stage 'ngoa' (did you mean [stage.ngo_a]?); a new stage needs 'service = ...'"
sv_variant no-covid '[event.covd]' 'enabled = no'
sv_bad no-covid "$SV/no-covid.ini:4: [event.covd]: unknown event 'covd' (did you mean [event.covid]?); a new event needs 'from = ...'"
# ... and one written in full under the misspelt name reaches no case
sv_variant ngo-copy '[stage.ngoa]' 'servers = 400' \
    'service = lognormal(mean=8w, sd=4w)' 'channel = ngo' \
    'route.flight = ${assisted_success}' 'route.rds = rest'
sv_bad ngo-copy "$SV/ngo-copy.ini:4: [stage.ngoa]: no case ever reaches this stage: no route, abscond_to or release_to leads here, and cases neither arrive nor start here (did you mean [stage.ngo_a]?)"

# a parameter that nothing uses, declared in the variant
sv_variant spare '[parameters]' 'spare_capacity = 50'
sv_bad spare "$SV/spare.ini:5: [parameters] spare_capacity: no setting uses this parameter (use it in a value as \${spare_capacity}, or delete it)"
# a key its stage does not use
sv_variant release '[stage.iom]' 'release_to = rds'
sv_bad release "$SV/release.ini:5: [stage.iom] release_to: never used: the stage has no 'max_stay'"

# ---- variants that say what they mean run ---------------------------------
sv_variant iom60 '[parameters]' 'iom_share = 0.6' \
    'iom_share.source = assumption: a briefing scenario'
expect_exit 0 strict-variant-param-ok -- "$RRSIM" check "$SV/iom60.ini"
grep -q '^route.iom = 0.6 *\[${iom_share}\]' "$TMP/out" &&
    ok strict-variant-param-used ||
    fail strict-variant-param-used "$(grep '^route.iom' "$TMP/out")"
sv_variant ngo-big '[stage.ngo_a]' 'servers = 400'
expect_exit 0 strict-variant-stage-ok -- "$RRSIM" check "$SV/ngo-big.ini"
# a new stage, in full, that a route of the base's is pointed to
sv_variant ngo-d '[stage.ngo]' 'route.ngo_c = 0.1' 'route.ngo_d = rest' \
    '[stage.ngo_d]' 'servers = 40' 'service = lognormal(mean=8w, sd=4w)' \
    'channel = ngo' 'route.flight = ${assisted_success}' 'route.rds = rest'
expect_exit 0 strict-variant-new-stage -- "$RRSIM" check "$SV/ngo-d.ini"
# a new event, in full
sv_variant subsidy '[event.subsidy]' 'from = 2021-01-01' \
    'scale.stage.ngo_a.servers = 2'
expect_exit 0 strict-variant-new-event -- "$RRSIM" check "$SV/subsidy.ini"
# what a variant leaves unused in its base is not its error: no
# remigration leaves the base's remigration_delay unused, no COVID-19 the
# events' parameters
sv_variant no-remig '[reintegration]' 'remigration_share = 0'
expect_exit 0 strict-variant-leaves-base -- "$RRSIM" check "$SV/no-remig.ini"
expect_exit 0 strict-variant-events-off -- "$RRSIM" check \
    scenarios/nl-no-covid.ini
# ... but changing a parameter of an event it switches off changes nothing
sv_variant no-covid2 '[event.covid]' 'enabled = no' '[parameters]' \
    'covid_flights = 0.3'
sv_bad no-covid2 "$SV/no-covid2.ini:7: [parameters] covid_flights: no setting in use uses this parameter: only event covid does, and it is switched off (enabled = no)"
rm -rf "$SV"
