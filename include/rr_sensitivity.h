/*
 * rr_sensitivity.h - which uncertain assumptions drive each indicator: the
 * Sobol indices (rr_sobol.h) of a scenario's indicators over its uncertain
 * parameters.
 *
 * k inputs, each a key of the scenario with a distribution (a quantile
 * function of u in [0,1)).  N base points in [0,1)^2k, seeded from the
 * scenario's seed, give Saltelli's N (k + 2) evaluation points; each is
 * mapped through the inputs' quantiles into "key=value" overrides and run
 * as a design point of a sampled design (rr_sweep.h), with the scenario's
 * replications under common random numbers: every point draws the same
 * streams, so the differences between points are the inputs', not noise.
 * An indicator's value at a point is its mean over the replications.
 *
 * The points are run in batches of RR_SENS_BATCH through rr_run_many, so
 * that memory stays that of one batch; every work item is still a
 * (point, replication) pair with streams of (seed, 0, replication), and a
 * point's result does not depend on its batch or the number of threads.
 * Progress is reported over all N (k + 2) x replications items.
 */
#ifndef RR_SENSITIVITY_H
#define RR_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "rr_experiment.h"
#include "rr_points.h"
#include "rr_sobol.h"
#include "rr_sweep.h"

#define RR_SENS_BATCH 256      /* design points per rr_run_many */
#define RR_SENS_MAX_INPUTS 20  /* Sobol base points in 2k <= 40 dims */
#define RR_SENS_MAX_EVAL 200000

/* value - the override's value at u in [0,1) into buf ("412.5d"). */
typedef void rr_sens_value_fn(const void *ctx, double u, char *buf,
                              size_t n);

typedef struct rr_sens_input {
    const char *key;          /* the scenario key or parameter (not owned) */
    rr_sens_value_fn *value;
    const void *ctx;
    const char *dist;         /* the distribution in words, for the files
                                 ("uniform(0.6, 0.9)"); not owned */
} rr_sens_input;

typedef struct rr_sensitivity {
    /* asked */
    size_t k;
    const rr_sens_input *in;  /* k, not owned */
    size_t n;                 /* base points N */
    uint64_t seed;
    /* made by rr_sensitivity_init */
    size_t n_eval;            /* N (k + 2) */
    double *u;                /* n_eval x k: the points in [0,1)^k */
    rr_design d;              /* the points as a sampled design, with the
                                 inputs' words and the indicators shown
                                 (rr_design_describe, _indicators) */
    /* found by rr_sensitivity_run */
    size_t reps;
    double *y;                /* n_eval x d.n_ind: the indicators' means */
    char **unit;              /* d.n_ind: their units (the registry's) */
    uint64_t events;
    /* may be set after rr_sensitivity_init: each batch's results, before
     * they are released, with the number of its first item (point-major
     * over every evaluation, as rr_run_many numbers them) and the items
     * of the whole study (a shard saves its part of them); RR_OK, or the
     * status that stops the study (with its message printed) */
    int (*on_batch)(void *ctx, const rr_plan *const *plans, size_t n,
                    const rr_run_result *res, uint64_t first_item,
                    uint64_t items);
    void *batch_ctx;
    /* by rr_sensitivity_analyse */
    size_t n_boot;
    rr_sobol_result *res;     /* d.n_ind */
    rr_sobol_index *idx;      /* d.n_ind x k */
} rr_sensitivity;

/* rr_sensitivity_init - the N (k + 2) points of k inputs from N base
 * points (rr_design_sobol in 2k dimensions, digitally shifted from
 * seed), their values and the design.  RR_EINVAL / RR_ERANGE with a
 * message for k = 0 or above RR_SENS_MAX_INPUTS, N < 2 or more than
 * RR_SENS_MAX_EVAL evaluations; RR_ENOMEM.  rr_sensitivity_fini in any
 * case. */
int rr_sensitivity_init(rr_sensitivity *s, const rr_sens_input *in,
                        size_t k, size_t n, uint64_t seed, char *err,
                        size_t errlen);
void rr_sensitivity_fini(rr_sensitivity *s);

/* rr_sensitivity_check - before anything is simulated: the scenario path
 * with the common overrides, and with the values of the first base point's
 * k + 2 evaluations, loaded and planned (so a bad key or value is found
 * now), the inputs' words and the indicators (list as for
 * rr_design_indicators, NULL for the default ones).  RR_OK or the failure
 * with *e filled (e->point: an evaluation, from 0). */
int rr_sensitivity_check(rr_sensitivity *s, const char *path,
                         const char *const *common, size_t n_common,
                         const char *list, rr_point_error *e);

/* rr_sensitivity_run - every evaluation, in batches, with opts (progress
 * over all of them; reps and seed the scenario's).  With opts->shards,
 * only the shard's slice of all the study's items is run (the others are
 * left at zero: s->y then means nothing; on_batch saves the slice).
 * RR_OK, RR_EINTR, or the failure with *e filled (e->point: the
 * evaluation, from 0; RR_NO_POINT and an empty message for on_batch's
 * status). */
int rr_sensitivity_run(rr_sensitivity *s, const char *path,
                       const char *const *common, size_t n_common,
                       const rr_run_opts *opts, rr_point_error *e);

/* rr_sensitivity_analyse - the indices of each indicator, with n_boot
 * bootstrap resamples (seeded from s->seed and the indicator's place).
 * RR_OK or RR_ENOMEM. */
int rr_sensitivity_analyse(rr_sensitivity *s, size_t n_boot);

#endif
