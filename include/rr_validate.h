/*
 * rr_validate.h - out-of-sample checks of a scenario against observed
 * yearly figures (`rrsim validate`).
 *
 * For each observed figure of a validation year (a year the scenario does
 * not name in calibrated_on; rr_fit_role) whose indicator the model
 * produces (inputs such as intake are left out), the relative error of the
 * simulated mean and whether the observed figure lies inside the simulated
 * 95% prediction interval for one more replication's yearly figure:
 * mean ± t(0.975, n-1) s sqrt(1 + 1/n) over the n replications' own
 * yearly figures (normal theory; the figures are sums of many events).
 * That interval is the spread of one year as the model makes it, not the
 * confidence interval of the mean: 95% of observed figures should fall
 * inside it when the model is right, whatever the number of replications
 * (the replications' own 2.5% and 97.5% quantiles would cover less, about
 * (n-1)/(n+1) of that with n replications).  Needs 2 replications.
 *
 * A year's figure is rr_fit.h's (flows summed over the year by the days
 * of each period inside it, stocks at the year's end): the per-replication
 * figures are rr_fit_make's, on each replication alone.
 */
#ifndef RR_VALIDATE_H
#define RR_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "rr_calibrate.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_table.h"


typedef struct rr_validate_row {
    int year;
    int origin;         /* rolling origin: the last year fitted; 0 else */
    char *indicator;
    char *note;         /* the observed row's other cells */
    double observed;
    double mean;        /* over replications */
    double pi_low;      /* the 95% prediction interval (above) */
    double pi_high;
    double rel_error;   /* mean / observed - 1; NAN when observed is 0 */
    bool inside;        /* pi_low <= observed <= pi_high */
} rr_validate_row;

typedef struct rr_validation {
    size_t n;
    rr_validate_row *row;
    size_t reps;
    size_t inside;      /* rows inside their interval */
    size_t n_err;       /* rows with a relative error */
    double mean_abs;    /* mean absolute relative error, NAN when none */
} rr_validation;

/* rr_validate_check - before anything runs: every observed row names a
 * yearly figure of a year wholly inside the run of plan (as rr_fit_make
 * checks it), and at least one is of a validation year and not an input.
 * RR_OK, or the status with "TABLE:LINE: ..." / "TABLE: no observed
 * figure of a year the scenario was not calibrated on ..." in err. */
int rr_validate_check(const rr_table *observed, const rr_plan *plan,
                      char *err, size_t errlen);

/* rr_validate_make - the rows of the validation years from a run.  RR_OK,
 * or rr_fit_make's failure, RR_ENOMEM; out is empty then.  rr_validate_fini
 * frees it. */
int rr_validate_make(const rr_table *observed, const rr_run_result *r,
                     rr_validation *out, char *err, size_t errlen);
void rr_validate_fini(rr_validation *v);

/*
 * Rolling origin.  For each year T with observed figures (inputs left
 * out) whose next year T + 1 has some too, the settings named are fitted
 * (rr_calibrate.h) on the observed years up to T alone, the calibrated
 * scenario is run, and the figures of T + 1 are checked as above: each
 * year is predicted by a model that never saw it nor any later year.
 * The origins are independent; each search starts from the scenario's
 * values.
 */
typedef struct rr_rolling_origin {
    int origin;          /* T: the last year fitted */
    rr_calibration cal;  /* the fit on the observed years up to T */
} rr_rolling_origin;

typedef struct rr_rolling {
    size_t n;            /* origins */
    rr_rolling_origin *o;
    rr_validation v;     /* the rows of every T + 1, origin set */
    size_t reps;         /* of the predictions */
    /* the last origin's prediction, kept for run.csv: its run and the
     * points that own its plan (internal) */
    bool has_last;
    rr_run_result last;
    void *last_points;
} rr_rolling;

/* rr_rolling_prepare - the origins of the observed table and, for each,
 * a calibration of params[] (n_params "NAME=LOW:HIGH") checked by
 * rr_calibration_prepare, all before anything runs.  RR_OK, or the
 * status with one message ("OBSERVED: no two consecutive years ..." when
 * there is no origin).  rr_rolling_fini in any case. */
int rr_rolling_prepare(rr_rolling *r, const char *path,
                       const char *const *common, size_t n_common,
                       const rr_table *observed,
                       const char *const *params, size_t n_params,
                       int eval_reps, size_t max_iter, double tol,
                       char *err, size_t errlen);

/* rr_rolling_run - each origin's search, the run of its calibrated
 * scenario with the final fit's replications, and the rows of T + 1 into
 * r->v (in the order of the origins).  fn is told each search's progress
 * (ctx as given; the origin is r->o[i] in turn).  RR_OK, RR_EINTR, or the
 * failure with its message. */
int rr_rolling_run(rr_rolling *r, const rr_table *observed,
                   const rr_run_opts *opts, rr_calib_progress_fn *fn,
                   void *ctx, char *err, size_t errlen);

void rr_rolling_fini(rr_rolling *r);

#endif
