/*
 * rr_calibrate.h - fitting named settings of a scenario to observed yearly
 * figures (`rrsim calibrate`).
 *
 * The problem.  A scenario, the overrides of the command line (--set,
 * --reps, --seed), an observed table (rr_fit.h: year, indicator, value,
 * and an optional `weight` column) and up to RR_CALIB_MAX_PARAMS settings
 * to fit, each given as NAME=LOW:HIGH: a parameter of [parameters] or a
 * dotted key (stage.rds.route.self) that the scenario writes, whose value
 * is a number, possibly with a unit (90d, 1500/month) or more text after
 * it (0.05 when forced_possible): the number is fitted, the rest kept.
 * LOW and HIGH are numbers in the unit of the value (a duration or a rate
 * may carry a unit of its own: 60d:4m, converted); LOW < HIGH, and the
 * scenario's value must lie in [LOW, HIGH], since the search starts from
 * it (from 1% of the range inside when it sits on a bound).
 *
 * The loss.  Over the observed rows of the calibration years (--years, by
 * default the scenario's calibrated_on) whose indicator the model produces
 * (inputs such as intake are left out, rr_fit_role):
 *
 *     loss = sum over rows of  w * (simulated mean / observed - 1)^2
 *
 * with w the row's `weight` (1 when the column is absent or the cell
 * empty; a row of weight 0 is not fitted).  An observed figure of 0 has no
 * relative error: such a row must have weight 0.
 *
 * The search.  GSL's Nelder-Mead simplex (gsl_multimin_fminimizer_
 * nmsimplex2) over unbounded coordinates u = logit((x - LOW) / (HIGH -
 * LOW)), so every point tried lies within the bounds; the first simplex
 * steps 1 in u from the start (about a quarter of the range from the
 * middle).  It stops when the simplex size (gsl_multimin_fminimizer_size:
 * the mean distance of its vertices from their centre, in u) falls below
 * tol, or after max_iter iterations.  Every evaluation runs the scenario
 * with the same seed and the same streams (common random numbers: stream
 * point 0, as `rrsim run` uses), so the loss is a deterministic function
 * of the values, and the whole search, and every file written from it, is
 * the same bytes whatever the number of threads.  An evaluation may use
 * fewer replications (eval_reps) than the final fit.  A point at which the
 * scenario is refused (two shares summing past 1, say) counts as a loss
 * of RR_CALIB_REFUSED_LOSS, so the simplex moves away from it.
 *
 * The outcome.  The fitted values are the best vertex's, rounded to six
 * significant digits (and kept in the bounds); the loss is evaluated there
 * again, and at each fitted value moved by -10% and +10% of itself (of
 * the range when it is 0), kept in the bounds, the others held: the
 * sensitivity.  rr_calibration_overrides gives the overrides that make the
 * calibrated scenario of the final fit.
 *
 * This is the study layer: it runs and computes, never prints; failures
 * come back as a status with one message ("--param NAME: ...", "TABLE:
 * LINE: ...") ready after "rrsim: ".  RR_EPARSE, RR_ERANGE, RR_EINVAL and
 * RR_ENOTFOUND from rr_calibration_prepare are bad input (nothing was
 * simulated yet); RR_EINTR: stopped by the flag of the run options.
 */
#ifndef RR_CALIBRATE_H
#define RR_CALIBRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_table.h"

#define RR_CALIB_MAX_PARAMS 16
#define RR_CALIB_MAX_YEARS 64
#define RR_CALIB_TOL_DEFAULT 1e-3
#define RR_CALIB_MAX_ITER_DEFAULT 100
/* The loss of a point where the scenario is refused. */
#define RR_CALIB_REFUSED_LOSS 1e12
/* The relative step of the sensitivity, and of the range for a value 0. */
#define RR_CALIB_SENS_STEP 0.10

/* How a setting's value is written, which LOW and HIGH follow. */
typedef enum rr_calib_kind {
    RR_CALIB_NUMBER,   /* a bare number */
    RR_CALIB_DURATION, /* a number with a unit of time: 90d, 6m */
    RR_CALIB_RATE,     /* a rate: 22550/year */
    RR_CALIB_OTHER     /* a number with other text after it */
} rr_calib_kind;

typedef struct rr_calib_param {
    char *key;        /* as given after --param */
    char *spec;       /* "NAME=LOW:HIGH" as given, for messages */
    char *low_text, *high_text;
    rr_calib_kind kind;
    char *suffix;     /* what follows the number in the value ("d",
                         "/year", " when forced_possible", "") */
    char *label;      /* the parameter's label (NAME.label), or NULL */
    double low, high; /* in the value's unit */
    double start;     /* the scenario's value */
    double fitted;    /* after rr_calibration_run */
    double sens_value[2], sens_loss[2]; /* at -10% and +10% */
} rr_calib_param;

/* One iteration of the simplex: its best vertex. */
typedef struct rr_calib_iter {
    size_t iteration;   /* 0: the starting point */
    size_t evaluations; /* of the loss so far */
    double loss;
    double size;        /* simplex size (in u) */
    double *value;      /* n values, in the values' units */
} rr_calib_iter;

/* Progress, after every evaluation of the loss. */
typedef struct rr_calib_progress {
    size_t iteration, max_iter; /* iterations done, allowed */
    size_t evaluations;
    double best;                /* the least loss so far */
    double size;                /* NAN before the first iteration */
    bool sensitivity;           /* the search is over: the sensitivity */
} rr_calib_progress;

typedef void rr_calib_progress_fn(void *ctx, const rr_calib_progress *p);

typedef struct rr_calibration {
    /* the problem (rr_calibration_init, rr_calibration_prepare) */
    const char *path;            /* the scenario file */
    const char *const *common;   /* overrides of every run (not copied) */
    size_t n_common;
    const rr_table *observed;    /* not owned */
    size_t n;                    /* parameters */
    rr_calib_param param[RR_CALIB_MAX_PARAMS];
    size_t n_years;
    int years[RR_CALIB_MAX_YEARS];
    bool years_given;            /* by --years, not calibrated_on */
    bool years_checked;          /* inside the run (prepare) */
    double *weight;              /* per observed row */
    size_t n_rows;               /* fitted rows: calibration, weight > 0 */
    int eval_reps;               /* replications of an evaluation */
    int reps;                    /* of the final fit */
    size_t max_iter;
    double tol;
    char name[80];               /* the calibrated scenario's name */
    char base_name[80];          /* the scenario's name */
    /* the outcome (rr_calibration_run) */
    size_t n_iter;
    rr_calib_iter *iter;
    size_t evaluations;
    size_t refused;              /* evaluations at a refused point */
    bool converged;              /* stopped on the size, not max_iter */
    double loss;                 /* at the fitted values, eval_reps */
    /* internal */
    char **ov;                   /* the overrides of a run being built */
    size_t n_ov;
    unsigned long long hash;     /* of the scenario's files, when read */
    double *values;              /* n_iter * n */
} rr_calibration;

/* rr_calibration_init - a problem on path with the overrides common[]
 * (--set, --reps, --seed; kept, not copied) and the observed table.
 * RR_OK; rr_calibration_fini in any case. */
int rr_calibration_init(rr_calibration *c, const char *path,
                        const char *const *common, size_t n_common,
                        const rr_table *observed);

/* rr_calibration_add - one "NAME=LOW:HIGH" (--param), read as text only
 * (prepare checks it against the scenario).  RR_EPARSE ("--param:
 * expected NAME=LOW:HIGH, got 'x'"), RR_EINVAL (the same NAME twice, too
 * many), RR_ENOMEM. */
int rr_calibration_add(rr_calibration *c, const char *spec, char *err,
                       size_t errlen);

/* rr_calibration_years - "2019,2022" (--years): whole years, increasing
 * or not, none twice.  RR_EPARSE with "--years: ..." otherwise. */
int rr_calibration_years(rr_calibration *c, const char *list, char *err,
                         size_t errlen);

/* rr_calibration_prepare - everything checked before anything is
 * simulated: the scenario with the common overrides loads; each NAME is a
 * setting it writes (did-you-mean otherwise), with a number for a value;
 * LOW and HIGH read, LOW < HIGH, the value in [LOW, HIGH]; the scenario
 * is accepted with each parameter at LOW, inside and at HIGH; the years
 * (given, or calibrated_on) lie wholly inside the run; every observed row
 * names a yearly figure of a year inside the run (as rr_fit_make checks
 * it); `weight` cells are numbers >= 0; there is at least one row to fit,
 * and none with an observed 0 and a weight.  eval_reps 0: the final
 * fit's replications.  RR_OK, or the status with one message. */
int rr_calibration_prepare(rr_calibration *c, int eval_reps,
                           size_t max_iter, double tol, char *err,
                           size_t errlen);

/* rr_calibration_loss - the loss of a fit made from c's observed table
 * (rows in the table's order; see above).  NAN when f has no such rows. */
double rr_calibration_loss(const rr_calibration *c, const rr_fit *f);

/* rr_calibration_run - the search and the sensitivity; opts gives the
 * threads, the stop flag and max_cases (reps, seed and point are set
 * here).  fn (may be NULL) is told the progress.  RR_OK; RR_EINTR; or the
 * failure of a run (RR_ENOMEM, RR_ERANGE: too many cases, RR_EIO: the
 * scenario's files changed while it ran) with a message. */
int rr_calibration_run(rr_calibration *c, const rr_run_opts *opts,
                       rr_calib_progress_fn *fn, void *ctx, char *err,
                       size_t errlen);

/* rr_calibration_overrides - the overrides of the calibrated scenario: the
 * common ones, then scenario.name (NAME-calibrated, when it fits),
 * scenario.calibrated_on (the years) and each parameter at `values` (n
 * entries; NULL: the fitted ones), as "KEY=VALUE".  *out (n_out entries)
 * stays valid until the next call or rr_calibration_fini.  RR_ENOMEM. */
int rr_calibration_overrides(rr_calibration *c, const double *values,
                             const char *const **out, size_t *n_out);

/* rr_calibration_value_text - a parameter's value as written in the
 * scenario: the number (%.10g) and the value's suffix ("0.05", "90d"). */
void rr_calibration_value_text(const rr_calib_param *p, double x, char *buf,
                               size_t n);

/* rr_calibration_years_text - "2019, 2022". */
void rr_calibration_years_text(const rr_calibration *c, char *buf,
                               size_t n);

/* rr_calib_to_u, rr_calib_from_u - the unbounded coordinate of x in
 * [low, high], and back (from_u is always within [low, high]). */
double rr_calib_to_u(double x, double low, double high);
double rr_calib_from_u(double u, double low, double high);

void rr_calibration_fini(rr_calibration *c);

#endif
