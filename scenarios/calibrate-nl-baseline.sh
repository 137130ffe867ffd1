#!/bin/sh
# calibrate-nl-baseline.sh - repeat the calibration of nl-baseline.ini:
# the settings marked "calibrated" in it are fitted with rrsim calibrate to
# DT&V's departures by kind in 2019 and 2022 and IOM's assisted departures
# in 2019 (data/nl-observed.csv), nothing else.  Run from the project's top
# folder:
#   sh scenarios/calibrate-nl-baseline.sh [RESULTS-FOLDER]
# The fitted values are in RESULTS-FOLDER/calibrate_report.csv and
# RESULTS-FOLDER/calibrated.ini; copy them into [parameters] of
# nl-baseline.ini.  The starting caseload (data/nl-caseload-2019.csv) was
# made with the calibrated values (docs/sources.md [A16]).
set -eu
RRSIM=${RRSIM:-./rrsim}
out=${1:-output/nl-baseline-calibration}
exec "$RRSIM" calibrate scenarios/nl-baseline.ini scenarios/data/nl-observed.csv \
    --years 2019,2022 --eval-reps 2 --reps 20 --max-iter 150 \
    --param p_assisted=0.02:0.15 --param p_self=0.0005:0.08 \
    --param p_forced=0.01:0.15 --param abscond_mean=200d:4000d \
    --param early_abscond=30d:2000d --param talk_interval=30d:720d \
    --param post_abscond=0.5:4 --param iom_share=0.6:0.98 \
    --param p_police_detention=0.01:0.8 --param long_voluntary=0.05:1 \
    --param p_dublin_transfer=0.05:0.15 \
    --out "$out"
