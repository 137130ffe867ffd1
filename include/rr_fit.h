/*
 * rr_fit.h - simulated against observed yearly figures.
 *
 * An observed table is a CSV with columns year, indicator, value (and any
 * others, e.g. source, which are kept as notes).  An indicator is a metric
 * of timeseries.csv or one of the sums below; flows are summed over the
 * reporting periods that start in the year, stocks (caseload_*) are taken
 * at the year's last period end:
 *
 *   departures_independent  voluntary_iom + voluntary_ngo + voluntary_self
 *                           (DT&V's "independent verifiable departure")
 *   departures_verified     independent + forced
 *   departures_total        every kind of departure
 *   intake                  arrivals - arrivals_remigration
 *
 * For each row the comparison gives the mean over replications of the
 * simulated yearly figure, its Student-t 95% CI and the relative error
 * (simulated mean / observed - 1).
 */
#ifndef RR_FIT_H
#define RR_FIT_H

#include <stdio.h>

#include "rr_experiment.h"
#include "rr_table.h"

typedef struct rr_fit_row {
    int year;
    char *indicator;
    double observed;
    char *note;       /* the row's other cells, or "" */
    rr_ci simulated;
    double rel_error;
} rr_fit_row;

typedef struct rr_fit {
    size_t n;
    rr_fit_row *row;
} rr_fit;

/* rr_fit_columns - whether the observed table has the columns fit reads:
 * year, indicator (or the kpi or metric of files written for rrsim 0.1)
 * and value.  RR_OK, or RR_ENOTFOUND with the message in err. */
int rr_fit_columns(const rr_table *observed, char *err, size_t errlen);

/* rr_fit_make - compare the observed table with a run.  Unknown
 * indicators, years outside the run and bad numbers fail with
 * "TABLE:LINE: ..." in err (RR_EPARSE / RR_ERANGE). */
int rr_fit_make(const rr_table *observed, const rr_run_result *r,
                rr_fit *out, char *err, size_t errlen);
void rr_fit_fini(rr_fit *f);

#endif
