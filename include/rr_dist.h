/*
 * rr_dist.h - probability distributions of durations, sampled through GSL.
 *
 * Durations are in days.  A distribution is built by a constructor that
 * checks its parameters (as a scenario writes them: a mean and sd, a shape
 * and scale, ...) and derives once what sampling needs, so a draw is one
 * GSL call.  The written forms scenario files use ("lognormal(mean=21d,
 * sd=10d)", "2w", "1500/month") are read by the scenario layer
 * (rr_grammar.h), not here.
 *
 *   exponential(mean)            gsl_ran_exponential
 *   lognormal(mean, sd)          gsl_ran_lognormal
 *   gamma(mean, sd)              gsl_ran_gamma
 *   weibull(shape, scale)        gsl_ran_weibull
 *   uniform(min, max)            gsl_rng_uniform
 *   triangular(min, mode, max)   inverse cdf
 *   deterministic(value)         no draw
 *   empirical(values, weights)   gsl_ran_discrete (Walker's alias method)
 *
 * Under the random streams v3 (rr_dist_sample_v), exponential draws are
 * made by the ziggurat (rr_ran_exp_zig) and lognormal ones from
 * gsl_ran_gaussian_ziggurat.
 */
#ifndef RR_DIST_H
#define RR_DIST_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "rr_rng.h"

typedef enum rr_dist_kind {
    RR_DIST_EXPONENTIAL,
    RR_DIST_LOGNORMAL,
    RR_DIST_GAMMA,
    RR_DIST_WEIBULL,
    RR_DIST_UNIFORM,
    RR_DIST_TRIANGULAR,
    RR_DIST_DETERMINISTIC,
    RR_DIST_EMPIRICAL
} rr_dist_kind;

/* An empirical distribution: values with weights (equal when none given).
 * Created by rr_empirical_create(); shared read-only between threads. */
typedef struct rr_empirical rr_empirical;

typedef struct rr_dist {
    rr_dist_kind kind;
    double p[3];          /* as written: see rr_dist_* constructors */
    double a, b, c;       /* derived parameters ready for sampling */
    const rr_empirical *emp; /* RR_DIST_EMPIRICAL only; not owned */
} rr_dist;

/* Constructors: validate, fill *d, return RR_OK or RR_ERANGE. */
int rr_dist_exponential(rr_dist *d, double mean);            /* mean > 0 */
int rr_dist_lognormal(rr_dist *d, double mean, double sd);   /* mean > 0, sd >= 0 */
int rr_dist_gamma(rr_dist *d, double mean, double sd);       /* mean > 0, sd > 0 */
int rr_dist_weibull(rr_dist *d, double shape, double scale); /* both > 0 */
int rr_dist_uniform(rr_dist *d, double min, double max);     /* 0 <= min <= max */
int rr_dist_triangular(rr_dist *d, double min, double mode, double max);
int rr_dist_deterministic(rr_dist *d, double value);         /* value >= 0 */
int rr_dist_empirical(rr_dist *d, const rr_empirical *e);

/* rr_dist_sample - one draw (days, >= 0), as streams v1 and v2 draw. */
double rr_dist_sample(const rr_dist *d, gsl_rng *r);

/* rr_ran_exp_zig - an Exp(1) variate by Marsaglia and Tsang's ziggurat
 * (see dist.c): mostly one number from r, a table look-up and a multiply.
 * r must give 32 random bits a number (gsl_rng_min 0, gsl_rng_max
 * 2^32 - 1), as taus2 and mt19937 do.  Drawn for nearly every event, so
 * the common case (98.9% of draws: the point lies under the strip above)
 * is inline here, and the rest, with the tables' first building, is
 * rri_ran_exp_zig_rest in dist.c, which goes on from the number drawn. */
extern _Atomic int rri_zig_ready;  /* the tables are built */
extern uint32_t rri_zig_k[256];    /* the point is accepted at once below */
extern double rri_zig_w[256];      /* a point's value per grid step */
double rri_ran_exp_zig_rest(gsl_rng *r, uint32_t j);

static inline double rr_ran_exp_zig(gsl_rng *r)
{
    if (atomic_load_explicit(&rri_zig_ready, memory_order_acquire)) {
        uint32_t j = (uint32_t)gsl_rng_get(r);
        uint32_t i = j & 255, u = j >> 8;
        if (u < rri_zig_k[i])
            return u * rri_zig_w[i];
        return rri_ran_exp_zig_rest(r, j);
    }
    return rri_ran_exp_zig_rest(r, (uint32_t)gsl_rng_get(r));
}

/* rr_dist_sample_v - one draw under the random streams of version v: from
 * v3 on, an exponential is drawn by the ziggurat (rr_ran_exp_zig) and a
 * lognormal from GSL's ziggurat Gaussian (gsl_ran_gaussian_ziggurat)
 * instead of by logarithms; other kinds and older versions draw as
 * rr_dist_sample.  Inline for the exponential of v3, the draw of most
 * events. */
double rri_dist_sample_v_rest(const rr_dist *d, gsl_rng *r,
                              rr_rng_version v);

static inline double rr_dist_sample_v(const rr_dist *d, gsl_rng *r,
                                      rr_rng_version v)
{
    if (v >= RR_RNG_V3 && d->kind == RR_DIST_EXPONENTIAL)
        return d->a * rr_ran_exp_zig(r);
    return rri_dist_sample_v_rest(d, r, v);
}

/* rr_dist_mean, rr_dist_sd - theoretical moments (days). */
double rr_dist_mean(const rr_dist *d);
double rr_dist_sd(const rr_dist *d);

/* rr_empirical_create - copy n values (and weights, or NULL for equal
 * weights; all >= 0 with a positive sum).  NULL on bad input or no memory.
 * Free with rr_empirical_destroy(). */
rr_empirical *rr_empirical_create(const double *values, const double *weights,
                                  size_t n);
void rr_empirical_destroy(rr_empirical *e);
size_t rr_empirical_size(const rr_empirical *e);

#endif
