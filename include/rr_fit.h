/*
 * rr_fit.h - simulated against observed yearly figures.
 *
 * An observed table is a CSV with columns year, indicator, value (and any
 * others, e.g. source, which are kept as notes).  An indicator is a metric
 * of timeseries.csv or one of the registry's sums (rr_indicator.h):
 *
 *   departures_independent  voluntary_iom + voluntary_ngo + voluntary_self
 *                           (DT&V's "independent verifiable departure")
 *   departures_verified     independent + forced
 *   departures_total        independent + forced + unsupervised: DT&V's
 *                           total of its three kinds; cases closed
 *                           otherwise are departures_closed, on their own
 *   intake                  arrivals - arrivals_remigration
 *
 * A year's figure, whatever the reporting period:
 *
 *   a flow    the sum over the periods that overlap the calendar year,
 *             each weighted by the share of its days inside the year (a
 *             week from 30 December to 5 January gives 2/7 of its count
 *             to the first year and 5/7 to the next), so that the figure
 *             covers the year's 365 or 366 days exactly;
 *   a stock   (caseload_*) the value at the end of the last reporting
 *             period that ends within the year (31 December for months,
 *             quarters and years; the last Sunday of the year for weeks).
 *
 * Only years the run covers whole are compared.  Each row has a role:
 * `input` when the indicator is one the scenario sets rather than the
 * model produces (rr_indicator_is_input: intake, arrivals), else
 * `calibration` when its year is one the scenario names in `[scenario]
 * calibrated_on`, else `validation` (an out-of-sample year).
 *
 * For each row the comparison gives the mean over replications of the
 * simulated yearly figure, its Student-t 95% CI and the relative error
 * (simulated mean / observed - 1); for the fit as a whole the mean
 * absolute relative error per role.
 */
#ifndef RR_FIT_H
#define RR_FIT_H

#include <stdio.h>

#include "rr_experiment.h"
#include "rr_table.h"

typedef enum rr_fit_role {
    RR_FIT_CALIBRATION, /* a year the scenario was calibrated on */
    RR_FIT_VALIDATION,  /* any other year: out of sample */
    RR_FIT_INPUT,       /* an indicator the scenario sets (intake) */
    RR_FIT_ROLES
} rr_fit_role;

/* rr_fit_role_name - "calibration", "validation", "input" ("?" for
 * anything else). */
const char *rr_fit_role_name(rr_fit_role role);

typedef struct rr_fit_row {
    int year;
    char *indicator;
    rr_fit_role role;
    double observed;
    char *note;       /* the row's other cells, or "" */
    rr_ci simulated;
    double rel_error; /* NAN when observed is 0 */
    rr_date first, last; /* the days the simulated figure covers: the year
                            for a flow; for a stock the reporting period
                            at whose end it is counted */
} rr_fit_row;

/* The errors of the rows of one role: how many have a relative error, and
 * the mean of its absolute value (NAN when none). */
typedef struct rr_fit_error {
    size_t n;
    double mean_abs;
} rr_fit_error;

typedef struct rr_fit {
    size_t n;
    rr_fit_row *row;
    rr_fit_error error[RR_FIT_ROLES];
} rr_fit;

/* rr_fit_columns - whether the observed table has the columns fit reads:
 * year, indicator (or the kpi or metric of files written for rrsim 0.1)
 * and value.  RR_OK, or RR_ENOTFOUND with the message in err. */
int rr_fit_columns(const rr_table *observed, char *err, size_t errlen);

/* rr_fit_make - compare the observed table with a run (the roles from the
 * run's scenario, r->plan->cfg[0]).  Unknown indicators, years outside the
 * run and bad numbers fail with "TABLE:LINE: ..." in err (RR_EPARSE /
 * RR_ERANGE), leaving out empty. */
int rr_fit_make(const rr_table *observed, const rr_run_result *r,
                rr_fit *out, char *err, size_t errlen);
void rr_fit_fini(rr_fit *f);

#endif
