/*
 * rr_design.h - sampling designs over the unit cube, and the assumption
 * distributions their points are mapped through.
 *
 * An uncertainty or sensitivity study draws n parameter sets over k
 * uncertain parameters.  It fills an n x k matrix of points in [0,1)^k
 * (row i is sample i, column j parameter j, row-major) with one of two
 * designs, then maps each coordinate to a value by the parameter's declared
 * distribution through its inverse CDF (rr_udist_quantile):
 *
 *   rr_design_lhs    Latin hypercube (McKay, Beckman and Conover 1979):
 *                    for each dimension, the n strata [s/n, (s+1)/n) in a
 *                    random order (gsl_ran_shuffle), a uniform point within
 *                    each (gsl_rng_uniform).  Every stratum of every
 *                    dimension is hit exactly once.
 *   rr_design_sobol  Sobol' points (gsl_qrng_sobol, Joe-Kuo/Bratley-Fox
 *                    direction numbers as GSL has them), scrambled by a
 *                    random digital shift: each dimension's 30-bit binary
 *                    fraction XORed with a random 30-bit word.  The shift
 *                    keeps the (t,m,s)-net structure (equidistribution in
 *                    dyadic boxes) and makes every point uniform on
 *                    [0,1)^k, so estimates over the points are unbiased.
 *                    n is best a power of two.  k is at most
 *                    RR_DESIGN_SOBOL_MAX_DIM (GSL's limit, 40).
 *
 * Both are seeded: the generator is gsl_rng_mt19937 seeded with
 * rr_rng_seed(seed, RR_DESIGN_STREAM, design, 0), a stream of its own apart
 * from the model's replication streams.  Same (n, k, seed), same matrix, on
 * any machine.  No global state: both may run in parallel.
 *
 * Assumption distributions (the written forms are the scenario layer's,
 * `NAME.range = LOW:HIGH` and `NAME.dist = ...`; values here are in the
 * parameter's base unit: days, per day, or a plain number):
 *
 *   uniform(low, high)               low + u (high - low)
 *   triangular(low, mode, high)      closed-form inverse CDF
 *   normal(mean, sd, low, high)      normal truncated to [low, high]:
 *                                    gsl_cdf_ugaussian_P / _Pinv (the
 *                                    upper tail through _Q / _Qinv)
 *   lognormal(mean, sd)              gsl_cdf_lognormal_Pinv with
 *                                    sigma^2 = ln(1 + sd^2/mean^2),
 *                                    zeta = ln(mean) - sigma^2/2
 *   beta(a, b)                       gsl_cdf_beta_Pinv, on [0, 1] (shares)
 */
#ifndef RR_DESIGN_H
#define RR_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* GSL's gsl_qrng_sobol supports at most 40 dimensions. */
#define RR_DESIGN_SOBOL_MAX_DIM 40

/* The point argument of rr_rng_seed for design streams: far from any
 * design point a study numbers from 0. */
#define RR_DESIGN_STREAM UINT64_C(0xde5167a5de5167a5)

typedef enum rr_design_kind {
    RR_DESIGN_LHS = 0,
    RR_DESIGN_SOBOL = 1
} rr_design_kind;

/* rr_design_kind_name - "lhs", "sobol" (rr_design and rr_design_parse are
 * the sweep's grid of --vary values, rr_sweep.h). */
const char *rr_design_kind_name(rr_design_kind k);
/* rr_design_kind_parse - "lhs" or "sobol" (case-sensitive); false otherwise. */
bool rr_design_kind_parse(const char *s, rr_design_kind *out);

/* rr_design_lhs - fill out[n*k] (row-major) with a seeded Latin hypercube.
 * RR_OK; RR_EINVAL when n or k is 0 or n*k overflows; RR_ENOMEM. */
int rr_design_lhs(size_t n, size_t k, uint64_t seed, double *out,
                  char *err, size_t errlen);

/* rr_design_sobol - fill out[n*k] with the first n points of the Sobol'
 * sequence in k dimensions, digitally shifted by a seeded random word per
 * dimension.  RR_EINVAL with "the Sobol design supports at most 40
 * uncertain parameters, got K (use --design lhs)" when k is larger;
 * RR_EINVAL for n or k 0; RR_ENOMEM. */
int rr_design_sobol(size_t n, size_t k, uint64_t seed, double *out,
                    char *err, size_t errlen);

/* rr_design_fill - rr_design_lhs or rr_design_sobol by kind. */
int rr_design_fill(rr_design_kind kind, size_t n, size_t k, uint64_t seed,
                   double *out, char *err, size_t errlen);

/* ---- assumption distributions ----------------------------------------- */

typedef enum rr_udist_kind {
    RR_UDIST_UNIFORM = 0,   /* p[0] low, p[1] high */
    RR_UDIST_TRIANGULAR,    /* p[0] low, p[1] mode, p[2] high */
    RR_UDIST_NORMAL,        /* p[0] mean, p[1] sd, p[2] low, p[3] high */
    RR_UDIST_LOGNORMAL,     /* p[0] mean, p[1] sd */
    RR_UDIST_BETA           /* p[0] a, p[1] b (shapes) */
} rr_udist_kind;

typedef struct rr_udist {
    rr_udist_kind kind;
    double p[4];            /* as written (see the kinds) */
    double lo, hi;          /* support: [lo, hi] (hi = INFINITY for
                               lognormal) */
    double d[4];            /* derived once by rr_udist_init */
} rr_udist;

/* rr_udist_init - check the parameters of a kind and derive what the
 * quantile needs.  RR_OK, or RR_ERANGE with a message in err that says
 * what was expected ("low must be <= high, got 120 > 60", "sd must be >
 * 0", "beta shapes must be > 0", ...); *d is then unusable. */
int rr_udist_init(rr_udist *d, rr_udist_kind kind, const double *p,
                  char *err, size_t errlen);

/* rr_udist_quantile - the value at probability u in [0, 1) (inverse CDF);
 * u outside is clamped. Always within [lo, hi]. */
double rr_udist_quantile(const rr_udist *d, double u);

/* rr_udist_mean - the distribution's mean (truncated normal: the mean of
 * the truncated distribution). */
double rr_udist_mean(const rr_udist *d);

/* rr_udist_name - "uniform", "triangular", "normal", "lognormal", "beta". */
const char *rr_udist_name(rr_udist_kind k);
/* rr_udist_nparams - 2, 3, 4, 2, 2. */
int rr_udist_nparams(rr_udist_kind k);

#endif
