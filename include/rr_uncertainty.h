/*
 * rr_uncertainty.h - uncertainty over the assumptions: a scenario run at
 * many parameter sets drawn over its declared ranges (rr_scenario.h,
 * "uncertain parameters").
 *
 * A study draws n samples of the k uncertain parameters by a seeded Latin
 * hypercube or scrambled Sobol' design (rr_design.h) over [0,1)^k, mapped
 * through each parameter's inverse CDF.  Each sample is the scenario with
 * the values drawn given as --set overrides (after the common ones), so a
 * sample is a plan like any other, checked the same way.  Every sample
 * runs the scenario's replications with common random numbers: the same
 * streams (seed, point 0, replication) in every sample, so that samples
 * differ by their assumptions and not by their luck.  All (sample,
 * replication) work items go to rr_run_many at once, spread over threads.
 *
 * The design's seed is the scenario's seed (--seed): one seed gives the
 * same draws and the same runs, whatever the thread count.
 *
 * Randomness and assumptions are kept apart (DESIGN §3): a sample's value
 * of an indicator is its mean over the replications (the model's noise
 * averaged out); the quantiles are over samples of those means.  How much
 * noise is left in a sample's mean is reported beside them: the median
 * over samples of the 95% CI half-width of the replication mean.
 *
 * In a comparison (paired), each sample runs on both sides with the same
 * parameter draw and the same streams (a policy that sets a parameter
 * drawn keeps its own value: a policy file that writes it, as a variant
 * does, or a --policy override, which comes after the sample's): point 2i is the baseline of sample
 * i and 2i + 1 the policy.  The effect in a sample is the mean over the
 * replications of policy - baseline; its distribution over the samples is
 * the effect's spread over plausible assumptions.
 */
#ifndef RR_UNCERTAINTY_H
#define RR_UNCERTAINTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_design.h"
#include "rr_experiment.h"
#include "rr_points.h"
#include "rr_scenario.h"

/* The quantiles reported: 5, 25, 50, 75 and 95%. */
#define RR_UNC_NQ 5
extern const double rr_unc_q[RR_UNC_NQ];

/* Most samples a study takes. */
#define RR_UNC_MAX_SAMPLES 100000

typedef struct rr_unc_opts {
    const char *path;            /* the scenario (the baseline) */
    const char *policy_path;     /* a comparison of two files: the policy */
    const char *const *policy;   /* a what-if: the policy's overrides */
    size_t n_policy;
    const char *const *common;   /* --set, --reps, --seed */
    size_t n_common;
    size_t samples;              /* >= 1 */
    rr_design_kind design;
} rr_unc_opts;

typedef struct rr_uncertainty {
    size_t n;                    /* samples */
    size_t k;                    /* uncertain parameters */
    bool paired;                 /* a comparison: two points per sample */
    rr_design_kind design;
    uint64_t seed;               /* the design's (the scenario's seed) */
    rr_scenario *base;           /* the scenario with the common overrides:
                                    its parameters are the ones drawn */
    const rr_uncertain **param;  /* k, owned by base */
    double *u;                   /* n * k: the design's points */
    double *x;                   /* n * k: the values drawn (base units) */
    char ***sets;                /* per point, the k overrides
                                    "NAME=VALUE" (and a what-if's policy) */
    size_t n_sets;
    char **pol_fixed;            /* a policy file: per parameter its own
                                    "NAME=VALUE" where it fixes the value
                                    (a variant writing it), else NULL */
    rr_points pts;               /* n points (2n when paired) */
    rr_run_result *res;          /* per point, after rr_uncertainty_run */
    bool ran;
} rr_uncertainty;

/* rr_uncertainty_prepare - the design, the samples' overrides, every point
 * loaded and planned (rr_points_load: a sample's failure names it).
 * RR_OK; RR_EINVAL with a message in e->msg for a scenario that declares
 * no ranges, too many parameters for the design, or points that fail;
 * RR_ENOMEM.  rr_uncertainty_fini in any case. */
int rr_uncertainty_prepare(rr_uncertainty *u, const rr_unc_opts *o,
                           rr_point_error *e);

/* rr_uncertainty_run - every (point, replication) item at once (opts'
 * reps and seed are the scenario's; progress over all items).  RR_OK,
 * RR_EINTR, or a failure with *e filled. */
int rr_uncertainty_run(rr_uncertainty *u, const rr_run_opts *opts,
                       rr_point_error *e);

void rr_uncertainty_fini(rr_uncertainty *u);

/* rr_uncertainty_point - the point of sample i on side s (0 the
 * baseline, 1 the policy of a comparison). */
size_t rr_uncertainty_point(const rr_uncertainty *u, size_t i, int side);

/* rr_unc_quantiles - the RR_UNC_NQ quantiles of v[0..n) (NaN left out;
 * all NaN when none is left), GSL's interpolation between order
 * statistics (gsl_stats_quantile_from_sorted_data).  v is sorted in
 * place. */
void rr_unc_quantiles(double *v, size_t n, double q[RR_UNC_NQ]);

/* rr_uncertainty_kpi - the mean over the replications of KPI j in sample
 * i, side s (NaN where no replication has a value). */
double rr_uncertainty_kpi(const rr_uncertainty *u, size_t i, int side,
                          size_t j);

/* rr_uncertainty_effect - sample i's mean over the replications of the
 * paired difference policy - baseline of KPI j (NaN where none). */
double rr_uncertainty_effect(const rr_uncertainty *u, size_t i, size_t j);

/* A summary over the samples of one quantity. */
typedef struct rr_unc_stat {
    double q[RR_UNC_NQ];         /* over samples */
    double mean;                 /* over samples */
    double noise;                /* median over samples of the 95% CI
                                    half-width of the replication mean */
    size_t n;                    /* samples with a value */
} rr_unc_stat;

/* rr_uncertainty_kpi_stat - KPI j of side s over the samples. */
int rr_uncertainty_kpi_stat(const rr_uncertainty *u, int side, size_t j,
                            rr_unc_stat *out);

/* rr_uncertainty_metric_stat - metric m in period k of side s over the
 * samples. */
int rr_uncertainty_metric_stat(const rr_uncertainty *u, int side, size_t k,
                               size_t m, rr_unc_stat *out);

/* rr_uncertainty_sum_stat - the same for the sum of metrics m[0..nm) in
 * period k, summed in each replication (departures_verified: the
 * voluntary and forced departures). */
int rr_uncertainty_sum_stat(const rr_uncertainty *u, int side, size_t k,
                            const size_t *m, size_t nm, rr_unc_stat *out);

/* rr_uncertainty_rank - what matters most for KPI j of side s: for each
 * parameter, the Spearman rank correlation over the samples between the
 * value drawn and the sample's mean (gsl_stats_spearman), into rho[k];
 * NaN when fewer than 3 samples have a value or either does not vary.
 * A screening measure of monotone influence: the draws are independent
 * across parameters, so a parameter's correlation is its own; Sobol'
 * indices (rrsim sensitivity) apportion the variance.  RR_OK or
 * RR_ENOMEM. */
int rr_uncertainty_rank(const rr_uncertainty *u, int side, size_t j,
                        double *rho);

/* An effect over the samples: absolute, and relative to the sample's
 * baseline mean (NaN where that is 0); share_up, the share of samples in
 * which the effect is > 0. */
typedef struct rr_unc_effect {
    rr_unc_stat abs, rel;
    double share_up, share_down;
} rr_unc_effect;

int rr_uncertainty_effect_stat(const rr_uncertainty *u, size_t j,
                               rr_unc_effect *out);

#endif
