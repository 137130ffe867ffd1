# ranges.sh - assumption ranges beside parameters (NAME.range, NAME.dist):
# `rrsim check` lists them; bad ones fail with exit 2 at FILE:LINE, the
# key named; scenario.resolved.ini keeps them and reads back the same.
RG=$TMP/ranges
mkdir -p "$RG"
# rg_ini LINE... - mm1.ini with the lines after mean_talk's source note
rg_ini() {
    : >"$RG/add"
    for l in "$@"; do printf '%s\n' "$l" >>"$RG/add"; done
    sed "/^mean_talk.source/r $RG/add" scenarios/mm1.ini >"$RG/t.ini"
}
# line of mean_talk.source in mm1.ini, plus one
RL=$(($(grep -n '^mean_talk.source' scenarios/mm1.ini | cut -d: -f1) + 1))

rg_ini "mean_talk.range = 0.9d:0.7d"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_talk.range: low must be <= high, got 0.9d > 0.7d" \
    range-low-above-high -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_tak.range = 1d:2d"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_tak.range: range for 'mean_tak', which is not a parameter (did you mean 'mean_talk'? or declare 'mean_tak = VALUE' first)" \
    range-unknown-parameter -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_talk.range = 0.7x:2d"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_talk.range: expected a duration such as 21d, 2w or 3m, got '0.7x'" \
    range-bad-unit -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_talk.range = 1.2d:2d"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_talk.range: the value of 'mean_talk', 1d, lies outside its range [1.2d, 2d]" \
    range-excludes-value -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_talk.dist = triangular(0.5d, 1d)"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_talk.dist: expected triangular(low, mode, high) (3 values), got 'triangular(0.5d, 1d)'" \
    range-dist-arity -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_talk.dist = cauchy(1d, 2d)"
expect_exit 2 range-dist-unknown -- "$RRSIM" check "$RG/t.ini"
grep -q "t.ini:$RL: \[parameters\] mean_talk.dist: expected uniform(low, high)" "$TMP/err" &&
    ok range-dist-unknown-message || fail range-dist-unknown-message "$(cat "$TMP/err")"
rg_ini "mean_talk.dist = beta(2, 5)"
expect_stderr "rrsim: $RG/t.ini:$RL: [parameters] mean_talk.dist: beta(a, b) is for shares; the value is a duration such as 60d" \
    range-beta-not-share -- "$RRSIM" check "$RG/t.ini"
rg_ini "mean_talk.range = 0.5d:1.5d" "mean_talk.dist = uniform(0.5d, 1.5d)"
expect_stderr "rrsim: $RG/t.ini:$((RL + 1)): [parameters] mean_talk.dist: 'mean_talk' already has a range at line $RL (declare either mean_talk.range or mean_talk.dist)" \
    range-and-dist -- "$RRSIM" check "$RG/t.ini"
# a share: the route probabilities of nl-baseline
sed 's/^p_closed.range = .*/p_closed.range = 0.04:1.2/' scenarios/nl-baseline.ini >"$RG/share.ini"
sed -i 's|= data/|= '"$PWD"'/scenarios/data/|' "$RG/share.ini"
SL=$(grep -n '^p_closed.range' "$RG/share.ini" | cut -d: -f1)
expect_stderr "rrsim: $RG/share.ini:$SL: [parameters] p_closed.range: 'p_closed' is a share: its range must lie within [0, 1], got [0.04, 1.2]" \
    range-share-outside -- "$RRSIM" check "$RG/share.ini"

# ---- listed, kept -----------------------------------------------------------
rg_ini "mean_talk.dist = triangular(0.6d, 1d, 1.2d)"
sed -i '/^lambda.source/a lambda.range = 0.7:0.85' "$RG/t.ini"
expect_exit 0 range-check-ok -- "$RRSIM" check "$RG/t.ini"
grep -q '^# assumption ranges: 2 uncertain parameters$' "$TMP/out" &&
grep -q '^lambda  *0.8 range = 0.7:0.85: uniform on \[0.7, 0.85\], 90% within \[0.7075, 0.8425\]' "$TMP/out" &&
grep -q '^mean_talk  *1d dist = triangular(0.6d, 1d, 1.2d): triangular on \[0.6d, 1.2d\]' "$TMP/out" &&
    ok range-check-lists || fail range-check-lists "$(grep -A3 assumption "$TMP/out")"
expect_exit 0 range-run -- "$RRSIM" run "$RG/t.ini" --reps 2 --plot none \
    --quiet --out "$RG/r1"
grep -q '^mean_talk.dist = triangular(0.6d, 1d, 1.2d)$' "$RG/r1/scenario.resolved.ini" &&
grep -q '^lambda.range = 0.7:0.85$' "$RG/r1/scenario.resolved.ini" &&
    ok range-resolved-kept || fail range-resolved-kept "not in scenario.resolved.ini"
"$RRSIM" check "$RG/r1/scenario.resolved.ini" 2>&1 | grep '^lambda  *0.8 range' >/dev/null &&
    ok range-resolved-reads || fail range-resolved-reads "the resolved file's ranges"
# a --set, or a variant, may move the value outside the range (a sweep,
# a what-if, a policy): the value is then a choice, no longer uncertain
expect_exit 0 range-set-outside -- "$RRSIM" check "$RG/t.ini" --set lambda=0.5
grep -q '^lambda  *0.8 range' "$TMP/out" && fail range-set-fixes "still listed" ||
    ok range-set-fixes
printf '[scenario]\nbase = t.ini\n[parameters]\nlambda = 0.5\n' >"$RG/v.ini"
expect_exit 0 range-variant-outside -- "$RRSIM" check "$RG/v.ini"
grep -q '^# assumption ranges: 1 uncertain parameter$' "$TMP/out" &&
    ok range-variant-fixes || fail range-variant-fixes "$(grep -A3 assumption "$TMP/out")"
printf '[scenario]\nbase = t.ini\n[parameters]\nlambda = 0.5\nlambda.range = 0.4:0.6\n' >"$RG/v2.ini"
expect_exit 0 range-variant-own -- "$RRSIM" check "$RG/v2.ini"
grep -q '^lambda  *0.5 range = 0.4:0.6' "$TMP/out" &&
    ok range-variant-own-listed || fail range-variant-own-listed "$(grep -A3 assumption "$TMP/out")"
rm -rf "$RG"
