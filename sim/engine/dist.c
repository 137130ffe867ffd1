/*
 * dist.c - duration distributions: construction, sampling through GSL and
 * theoretical moments.  The written form scenario files use is read by the
 * scenario layer (sim/scenario/grammar.c).
 *
 * A constructor validates the parameters as written (kept in d->p) and
 * derives once what the sampler needs (d->a, d->b, d->c), so that
 * rr_dist_sample() is a switch and one GSL call: no allocation, no logs or
 * square roots of the parameters per draw.  An rr_dist is a plain value;
 * copying it is fine.  An empirical rr_dist points at an rr_empirical it does
 * not own.
 */
#include "rr_dist.h"
#include "rr_common.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

struct rr_empirical {
    size_t n;
    double *values;
    gsl_ran_discrete_t *table; /* Walker alias table over the weights */
    double mean, sd;           /* weighted, computed once */
};

/* {===================================================================
 * Constructors
 * ==================================================================== */

static void dist_set(rr_dist *d, rr_dist_kind kind, double p0, double p1,
                     double p2)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->p[0] = p0;
    d->p[1] = p1;
    d->p[2] = p2;
}

/* rr_dist_exponential - mean > 0; gsl_ran_exponential takes the mean. */
int rr_dist_exponential(rr_dist *d, double mean)
{
    if (!(isfinite(mean) && mean > 0))
        return RR_ERANGE;
    dist_set(d, RR_DIST_EXPONENTIAL, mean, 0, 0);
    d->a = mean;
    return RR_OK;
}

/* rr_dist_lognormal - from the mean m and sd s of the duration itself:
 * sigma^2 = ln(1 + s^2/m^2), zeta = ln m - sigma^2/2. */
int rr_dist_lognormal(rr_dist *d, double mean, double sd)
{
    if (!(isfinite(mean) && mean > 0 && isfinite(sd) && sd >= 0))
        return RR_ERANGE;
    double cv = sd / mean;
    double sigma2 = log1p(cv * cv);
    double zeta = log(mean) - sigma2 / 2;
    if (!isfinite(sigma2) || !isfinite(zeta))
        return RR_ERANGE;
    dist_set(d, RR_DIST_LOGNORMAL, mean, sd, 0);
    d->a = zeta;
    d->b = sqrt(sigma2);
    return RR_OK;
}

/* rr_dist_gamma - shape k = m^2/s^2, scale theta = s^2/m. */
int rr_dist_gamma(rr_dist *d, double mean, double sd)
{
    if (!(isfinite(mean) && mean > 0 && isfinite(sd) && sd > 0))
        return RR_ERANGE;
    double cv = sd / mean;
    double shape = 1.0 / (cv * cv);
    double scale = sd * cv;
    /* An extreme ratio under- or overflows; GSL cannot sample shape 0. */
    if (!(isfinite(shape) && shape > 0 && isfinite(scale) && scale > 0))
        return RR_ERANGE;
    /* A draw is scale times a Gamma(shape) variate (for shape < 1, times
     * u^(1/shape) as well).  Where scale times a high quantile of that
     * variate overflows, the draw is inf, and inf * 0 when u^(1/shape)
     * underflows is NaN (mean 1, sd 1e154).  Refuse what cannot be drawn. */
    if (!(scale < DBL_MAX / (shape + 64 * sqrt(shape) + 64)))
        return RR_ERANGE;
    dist_set(d, RR_DIST_GAMMA, mean, sd, 0);
    d->a = shape;
    d->b = scale;
    return RR_OK;
}

/* rr_dist_weibull - shape k > 0, scale lambda > 0 (days), with a finite
 * mean and sd: a tiny shape (1e-3) makes Gamma(1 + 1/k) overflow, and the
 * draws with it. */
int rr_dist_weibull(rr_dist *d, double shape, double scale)
{
    if (!(isfinite(shape) && shape > 0 && isfinite(scale) && scale > 0))
        return RR_ERANGE;
    if (!isfinite(scale * tgamma(1 + 2 / shape)))
        return RR_ERANGE;
    dist_set(d, RR_DIST_WEIBULL, shape, scale, 0);
    d->a = scale; /* gsl_ran_weibull(r, a = scale, b = shape) */
    d->b = shape;
    return RR_OK;
}

/* rr_dist_uniform - 0 <= min <= max; a = min, b = width. */
int rr_dist_uniform(rr_dist *d, double min, double max)
{
    if (!(isfinite(min) && isfinite(max) && min >= 0 && max >= min))
        return RR_ERANGE;
    dist_set(d, RR_DIST_UNIFORM, min, max, 0);
    d->a = min;
    d->b = max - min;
    return RR_OK;
}

/* rr_dist_triangular - 0 <= min <= mode <= max.  Derived for the inverse
 * cdf: a = F(mode) = (mode-min)/(max-min), b = (max-min)(mode-min),
 * c = (max-min)(max-mode). */
int rr_dist_triangular(rr_dist *d, double min, double mode, double max)
{
    if (!(isfinite(min) && isfinite(mode) && isfinite(max) && min >= 0 &&
          mode >= min && max >= mode))
        return RR_ERANGE;
    double w = max - min;
    if (!isfinite(w * (max - mode)) || !isfinite(w * (mode - min)))
        return RR_ERANGE; /* the inverse cdf below would overflow */
    dist_set(d, RR_DIST_TRIANGULAR, min, mode, max);
    d->a = w > 0 ? (mode - min) / w : 0; /* min == max: always max */
    d->b = w * (mode - min);
    d->c = w * (max - mode);
    return RR_OK;
}

/* rr_dist_deterministic - always value >= 0. */
int rr_dist_deterministic(rr_dist *d, double value)
{
    if (!(isfinite(value) && value >= 0))
        return RR_ERANGE;
    dist_set(d, RR_DIST_DETERMINISTIC, value, 0, 0);
    d->a = value;
    return RR_OK;
}

/* rr_dist_empirical - p[0] = number of values, a = mean, b = sd. */
int rr_dist_empirical(rr_dist *d, const rr_empirical *e)
{
    if (!e)
        return RR_EINVAL;
    dist_set(d, RR_DIST_EMPIRICAL, (double)e->n, 0, 0);
    d->a = e->mean;
    d->b = e->sd;
    d->emp = e;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Sampling - one inline helper per kind, each under its density
 * ==================================================================== */

/* p(x) = 1/mu exp(-x/mu), x >= 0;  a = mu. */
static inline double sample_exponential(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_exponential(r, d->a);
}

/* p(x) = 1/(x sigma sqrt(2 pi)) exp(-(ln x - zeta)^2 / (2 sigma^2)), x > 0;
 * a = zeta, b = sigma. */
static inline double sample_lognormal(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_lognormal(r, d->a, d->b);
}

/* p(x) = x^(k-1) exp(-x/theta) / (Gamma(k) theta^k), x > 0;
 * a = k, b = theta. */
static inline double sample_gamma(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_gamma(r, d->a, d->b);
}

/* p(x) = (k/lambda) (x/lambda)^(k-1) exp(-(x/lambda)^k), x >= 0;
 * a = lambda, b = k. */
static inline double sample_weibull(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_weibull(r, d->a, d->b);
}

/* p(x) = 1/(max-min), min <= x < max;  a = min, b = max - min. */
static inline double sample_uniform(const rr_dist *d, gsl_rng *r)
{
    return d->a + d->b * gsl_rng_uniform(r);
}

/* p(x) = 2(x-min) / ((max-min)(mode-min)),  min <= x < mode,
 *        2(max-x) / ((max-min)(max-mode)),  mode <= x <= max.
 * Inverse cdf of u ~ U[0,1): min + sqrt(u b) below F(mode) = a, else
 * max - sqrt((1-u) c). */
static inline double sample_triangular(const rr_dist *d, gsl_rng *r)
{
    double u = gsl_rng_uniform(r);
    if (u < d->a)
        return d->p[0] + sqrt(u * d->b);
    return d->p[2] - sqrt((1.0 - u) * d->c);
}

/* P(x = value) = 1.  Draws nothing from r. */
static inline double sample_deterministic(const rr_dist *d)
{
    return d->a;
}

/* P(x = v_i) = w_i / sum_j w_j, by Walker's alias method. */
static inline double sample_empirical(const rr_dist *d, gsl_rng *r)
{
    const rr_empirical *e = d->emp;
    return e->values[gsl_ran_discrete(r, e->table)];
}

/* {===================================================================
 * The ziggurat exponential (streams v3)
 *
 * Marsaglia and Tsang, "The ziggurat method for generating random
 * variables", J. Stat. Softw. 5(8), 2000, REXP: the density e^-x is
 * covered by 255 horizontal strips of equal area v and a base strip (a
 * rectangle of area v over [0, r] plus the tail beyond r, also of area v),
 * r = 7.69711747013104972 and v = (r + 1) e^-r.  Strip i >= 1 spans
 * [0, x_i], x_255 = r, x_(i-1) = -log(v / x_i + e^-x_i).  One 32-bit number
 * from the generator picks the strip (its low 8 bits) and a point in it
 * (its high 24 bits: separate bits, so the strip and the point are
 * independent, unlike REXP, which reuses the strip's bits).  The point is
 * returned at once when it lies left of the strip above (x < x_(i-1)),
 * which is 98.9% of draws; otherwise it is kept if a uniform height under
 * the strip falls below e^-x (a wedge), or, in the base strip, a draw
 * from the tail r + Exp(1) is made by inversion.  The result has the
 * exponential distribution exactly (up to the 24-bit grid of the point
 * within its strip, 2^-24 of the strip's width).  tests/test_dist.c checks
 * it with a Kolmogorov-Smirnov test, the tail's share and the moments.
 * ==================================================================== */

#define ZIG_R 7.69711747013104972
#define ZIG_V 3.949659822581572e-3 /* (r + 1) e^-r */

/* rri_zig_k and rri_zig_w are read by the inline rr_ran_exp_zig (rr_dist.h) */
uint32_t rri_zig_k[256]; /* the point is accepted at once below this */
double rri_zig_w[256];   /* x_i / 2^24: a point's value per grid step */
_Atomic int rri_zig_ready;
static double zig_f[256]; /* e^-x_i; f[0] = 1 */
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

static void zig_init(void)
{
    const double m = 16777216.0; /* 2^24 */
    double x = ZIG_R, above;
    double q = ZIG_V / exp(-ZIG_R); /* the base strip's width */
    rri_zig_k[0] = (uint32_t)(ZIG_R / q * m);
    rri_zig_k[1] = 0;
    rri_zig_w[0] = q / m;
    rri_zig_w[255] = ZIG_R / m;
    zig_f[0] = 1;
    zig_f[255] = exp(-ZIG_R);
    for (int i = 254; i >= 1; i--) {
        above = -log(ZIG_V / x + exp(-x));
        rri_zig_k[i + 1] = (uint32_t)(above / x * m);
        x = above;
        zig_f[i] = exp(-x);
        rri_zig_w[i] = x / m;
    }
    atomic_store_explicit(&rri_zig_ready, 1, memory_order_release);
}

/* rri_ran_exp_zig_rest - the ziggurat from the number j already drawn:
 * the tables built first if need be, then the whole test, and new numbers
 * until a point is accepted (rr_ran_exp_zig in rr_dist.h has returned
 * the points accepted at once when the tables were there). */
double rri_ran_exp_zig_rest(gsl_rng *r, uint32_t j)
{
    if (!atomic_load_explicit(&rri_zig_ready, memory_order_acquire))
        pthread_once(&zig_once, zig_init);
    for (;;) {
        uint32_t i = j & 255, u = j >> 8;
        double x = u * rri_zig_w[i];
        if (u < rri_zig_k[i])
            return x;
        if (i == 0) /* the tail beyond r */
            return ZIG_R - log(gsl_rng_uniform_pos(r));
        if (zig_f[i] + gsl_rng_uniform(r) * (zig_f[i - 1] - zig_f[i]) <
            exp(-x))
            return x;
        j = (uint32_t)gsl_rng_get(r);
    }
}

/* }=================================================================== */

/* rri_dist_sample_v_rest - rr_dist_sample_v but for the exponential of
 * v3, which rr_dist.h draws inline. */
double rri_dist_sample_v_rest(const rr_dist *d, gsl_rng *r,
                              rr_rng_version v)
{
    if (v >= RR_RNG_V3) {
        if (d->kind == RR_DIST_EXPONENTIAL)
            return d->a * rr_ran_exp_zig(r);
        if (d->kind == RR_DIST_LOGNORMAL)
            return exp(d->a + gsl_ran_gaussian_ziggurat(r, d->b));
    }
    return rr_dist_sample(d, r);
}

/* rr_dist_sample - one draw in days. */
double rr_dist_sample(const rr_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL: return sample_exponential(d, r);
    case RR_DIST_LOGNORMAL: return sample_lognormal(d, r);
    case RR_DIST_GAMMA: return sample_gamma(d, r);
    case RR_DIST_WEIBULL: return sample_weibull(d, r);
    case RR_DIST_UNIFORM: return sample_uniform(d, r);
    case RR_DIST_TRIANGULAR: return sample_triangular(d, r);
    case RR_DIST_DETERMINISTIC: return sample_deterministic(d);
    case RR_DIST_EMPIRICAL: return sample_empirical(d, r);
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* }=================================================================== */

/* rr_dist_mean - the theoretical mean. */
double rr_dist_mean(const rr_dist *d)
{
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL:
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
    case RR_DIST_DETERMINISTIC:
        return d->p[0];
    case RR_DIST_WEIBULL: /* lambda Gamma(1 + 1/k) */
        return d->p[1] * tgamma(1 + 1 / d->p[0]);
    case RR_DIST_UNIFORM:
        return (d->p[0] + d->p[1]) / 2;
    case RR_DIST_TRIANGULAR:
        return (d->p[0] + d->p[1] + d->p[2]) / 3;
    case RR_DIST_EMPIRICAL:
        return d->a;
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* rr_dist_sd - the theoretical standard deviation. */
double rr_dist_sd(const rr_dist *d)
{
    double lo, mo, hi, g1, g2;
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL:
        return d->p[0];
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
        return d->p[1];
    case RR_DIST_DETERMINISTIC:
        return 0;
    case RR_DIST_WEIBULL: /* lambda sqrt(Gamma(1 + 2/k) - Gamma(1 + 1/k)^2) */
        g1 = tgamma(1 + 1 / d->p[0]);
        g2 = tgamma(1 + 2 / d->p[0]);
        return d->p[1] * sqrt(fmax(g2 - g1 * g1, 0));
    case RR_DIST_UNIFORM: /* (max - min) / sqrt(12) */
        return (d->p[1] - d->p[0]) / sqrt(12.0);
    case RR_DIST_TRIANGULAR:
        /* sqrt((a^2 + b^2 + c^2 - ab - ac - bc) / 18) */
        lo = d->p[0];
        mo = d->p[1];
        hi = d->p[2];
        return sqrt(fmax(lo * lo + mo * mo + hi * hi - lo * mo - lo * hi -
                             mo * hi,
                         0) /
                    18);
    case RR_DIST_EMPIRICAL:
        return d->b;
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* {===================================================================
 * Empirical distributions
 * ==================================================================== */

/* rr_empirical_create - copy the values; weights only feed the alias table
 * and the moments, so they are not kept. */
rr_empirical *rr_empirical_create(const double *values, const double *weights,
                                  size_t n)
{
    if (!values || n == 0 || n > SIZE_MAX / sizeof(double))
        return NULL;
    double wsum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(isfinite(values[i]) && values[i] >= 0))
            return NULL;
        if (weights) {
            if (!(isfinite(weights[i]) && weights[i] >= 0))
                return NULL;
            wsum += weights[i];
        }
    }
    if (weights && !(isfinite(wsum) && wsum > 0))
        return NULL;
    if (!weights)
        wsum = (double)n;

    rr_empirical *e = calloc(1, sizeof *e);
    double *ones = NULL;
    if (!e)
        return NULL;
    e->n = n;
    e->values = malloc(n * sizeof *e->values);
    if (!weights) {
        ones = malloc(n * sizeof *ones);
        if (ones)
            for (size_t i = 0; i < n; i++)
                ones[i] = 1.0;
    }
    const double *w = weights ? weights : ones;
    if (!e->values || !w)
        goto fail;
    memcpy(e->values, values, n * sizeof *e->values);
    e->table = gsl_ran_discrete_preproc(n, w);
    if (!e->table)
        goto fail;

    /* Two passes: the mean first, then squared deviations from it, which
     * keeps the variance accurate when the values are large and close. */
    double mean = 0, var = 0;
    for (size_t i = 0; i < n; i++)
        mean += w[i] * values[i];
    mean /= wsum;
    for (size_t i = 0; i < n; i++)
        var += w[i] * (values[i] - mean) * (values[i] - mean);
    e->mean = mean;
    e->sd = sqrt(var / wsum);
    free(ones);
    if (!isfinite(e->mean) || !isfinite(e->sd)) {
        /* values too large to average (two of 1e308) */
        rr_empirical_destroy(e);
        return NULL;
    }
    return e;

fail:
    free(ones);
    rr_empirical_destroy(e);
    return NULL;
}

/* rr_empirical_destroy - free the values and the alias table; NULL is a
 * no-op. */
void rr_empirical_destroy(rr_empirical *e)
{
    if (!e)
        return;
    if (e->table)
        gsl_ran_discrete_free(e->table);
    free(e->values);
    free(e);
}

/* rr_empirical_size - the number of values (0 for NULL). */
size_t rr_empirical_size(const rr_empirical *e)
{
    return e ? e->n : 0;
}

/* }=================================================================== */

