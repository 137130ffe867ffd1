/*
 * design.c - Latin hypercube and scrambled Sobol' designs over [0,1)^k,
 * and the inverse CDFs of the assumption distributions (rr_design.h).
 *
 * Everything is a pure function of its arguments: the generators are
 * local, seeded through rr_rng_seed, and freed before returning.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rr_common.h"
#include "rr_design.h"
#include "rr_rng.h"
#include "rr_util.h"

/* Which design a generator is for: the replication argument of
 * rr_rng_seed, so that a Latin hypercube and a Sobol' shift of one seed
 * are unrelated. */
enum { STREAM_LHS = 1, STREAM_SOBOL = 2 };

/* The bits of gsl_qrng_sobol's fractions (SOBOL_BIT_COUNT in GSL's
 * qrng/sobol.c): every coordinate is an integer over 2^30. */
#define SOBOL_BITS 30

const char *rr_design_kind_name(rr_design_kind k)
{
    return k == RR_DESIGN_SOBOL ? "sobol" : "lhs";
}

bool rr_design_kind_parse(const char *s, rr_design_kind *out)
{
    if (strcmp(s, "lhs") == 0)
        *out = RR_DESIGN_LHS;
    else if (strcmp(s, "sobol") == 0)
        *out = RR_DESIGN_SOBOL;
    else
        return false;
    return true;
}

/* check_size - n and k at least 1, n*k representable as doubles. */
static int check_size(size_t n, size_t k, char *err, size_t errlen)
{
    if (n == 0 || k == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "a design needs at least one sample and one "
                          "parameter, got %zu x %zu",
                          n, k);
    if (n > SIZE_MAX / sizeof(double) / k)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "a design of %zu x %zu points is too large", n, k);
    return RR_OK;
}

static gsl_rng *design_rng(uint64_t seed, int which)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r)
        gsl_rng_set(r, rr_rng_seed(seed, RR_DESIGN_STREAM, (uint64_t)which, 0));
    return r;
}

int rr_design_lhs(size_t n, size_t k, uint64_t seed, double *out, char *err,
                  size_t errlen)
{
    int rc = check_size(n, k, err, errlen);
    if (rc)
        return rc;
    gsl_rng *r = design_rng(seed, STREAM_LHS);
    size_t *perm = malloc(n * sizeof *perm);
    if (!r || !perm) {
        gsl_rng_free(r);
        free(perm);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    /* dimension by dimension: a permutation of the strata, then a point
     * within each, so that a dimension's numbers do not depend on n's
     * factorisation into rows */
    for (size_t j = 0; j < k; j++) {
        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        gsl_ran_shuffle(r, perm, n, sizeof *perm);
        for (size_t i = 0; i < n; i++) {
            double x = ((double)perm[i] + gsl_rng_uniform(r)) / (double)n;
            /* (s + u)/n may round up to the next stratum's edge */
            double top = (double)(perm[i] + 1) / (double)n;
            if (x >= top)
                x = nextafter(top, 0.0);
            out[i * k + j] = x;
        }
    }
    free(perm);
    gsl_rng_free(r);
    return RR_OK;
}

int rr_design_sobol(size_t n, size_t k, uint64_t seed, double *out,
                    char *err, size_t errlen)
{
    int rc = check_size(n, k, err, errlen);
    if (rc)
        return rc;
    if (k > RR_DESIGN_SOBOL_MAX_DIM)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "the Sobol design supports at most %d uncertain "
                          "parameters, got %zu (use the lhs design)",
                          RR_DESIGN_SOBOL_MAX_DIM, k);
    if (n > (size_t)1 << SOBOL_BITS)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "the Sobol design has at most 2^%d points, got %zu",
                          SOBOL_BITS, n);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)k);
    gsl_rng *r = design_rng(seed, STREAM_SOBOL);
    double *x = malloc(k * sizeof *x);
    uint32_t *shift = malloc(k * sizeof *shift);
    if (!q || !r || !x || !shift) {
        gsl_qrng_free(q);
        gsl_rng_free(r);
        free(x);
        free(shift);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    const double scale = (double)((uint32_t)1 << SOBOL_BITS);
    const uint32_t mask = ((uint32_t)1 << SOBOL_BITS) - 1;
    for (size_t j = 0; j < k; j++)
        shift[j] = (uint32_t)gsl_rng_get(r) & mask; /* mt19937: 32 bits */
    /* GSL's sequence starts after the origin; the origin is point 0 of the
     * net, so it is taken first to keep the first 2^m points a net */
    for (size_t i = 0; i < n; i++) {
        if (i == 0)
            memset(x, 0, k * sizeof *x);
        else
            gsl_qrng_get(q, x);
        for (size_t j = 0; j < k; j++) {
            uint32_t v = (uint32_t)(x[j] * scale) & mask;
            out[i * k + j] = (double)(v ^ shift[j]) / scale;
        }
    }
    free(shift);
    free(x);
    gsl_rng_free(r);
    gsl_qrng_free(q);
    return RR_OK;
}

int rr_design_fill(rr_design_kind kind, size_t n, size_t k, uint64_t seed,
                   double *out, char *err, size_t errlen)
{
    return kind == RR_DESIGN_SOBOL ? rr_design_sobol(n, k, seed, out, err, errlen)
                                   : rr_design_lhs(n, k, seed, out, err, errlen);
}

/* {===================================================================
 * Assumption distributions
 * ==================================================================== */

const char *rr_udist_name(rr_udist_kind k)
{
    static const char *const names[] = {"uniform", "triangular", "normal",
                                        "lognormal", "beta"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

int rr_udist_nparams(rr_udist_kind k)
{
    static const int np[] = {2, 3, 4, 2, 2};
    return (unsigned)k < sizeof np / sizeof *np ? np[k] : 0;
}

int rr_udist_init(rr_udist *d, rr_udist_kind kind, const double *p,
                  char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    int np = rr_udist_nparams(kind);
    if (np == 0)
        return rr_err_set(err, errlen, RR_EINVAL, "unknown distribution");
    for (int i = 0; i < np; i++) {
        if (!isfinite(p[i]))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "parameters must be finite numbers");
        d->p[i] = p[i];
    }
    switch (kind) {
    case RR_UDIST_UNIFORM:
        if (p[0] > p[1])
            return rr_err_set(err, errlen, RR_ERANGE,
                              "low must be <= high, got %g > %g", p[0], p[1]);
        d->lo = p[0];
        d->hi = p[1];
        break;
    case RR_UDIST_TRIANGULAR:
        if (p[0] > p[2])
            return rr_err_set(err, errlen, RR_ERANGE,
                              "low must be <= high, got %g > %g", p[0], p[2]);
        if (p[1] < p[0] || p[1] > p[2])
            return rr_err_set(err, errlen, RR_ERANGE,
                              "the mode must lie in [low, high], got %g "
                              "outside [%g, %g]",
                              p[1], p[0], p[2]);
        d->lo = p[0];
        d->hi = p[2];
        /* F(mode): where the two branches of the inverse meet */
        d->d[0] = p[2] > p[0] ? (p[1] - p[0]) / (p[2] - p[0]) : 0.0;
        break;
    case RR_UDIST_NORMAL:
        if (!(p[1] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "sd must be > 0, got %g", p[1]);
        if (p[2] > p[3])
            return rr_err_set(err, errlen, RR_ERANGE,
                              "low must be <= high, got %g > %g", p[2], p[3]);
        d->lo = p[2];
        d->hi = p[3];
        {
            double za = (p[2] - p[0]) / p[1], zb = (p[3] - p[0]) / p[1];
            /* in the upper tail, work with Q to keep digits */
            d->d[2] = za > 0 ? 1.0 : 0.0;
            if (za > 0) {
                d->d[0] = gsl_cdf_ugaussian_Q(za);
                d->d[1] = gsl_cdf_ugaussian_Q(zb);
            } else {
                d->d[0] = gsl_cdf_ugaussian_P(za);
                d->d[1] = gsl_cdf_ugaussian_P(zb);
            }
            if (!(fabs(d->d[1] - d->d[0]) > 0) && p[2] < p[3])
                return rr_err_set(err, errlen, RR_ERANGE,
                                  "[%g, %g] lies too far in the tail of "
                                  "normal(%g, %g)",
                                  p[2], p[3], p[0], p[1]);
        }
        break;
    case RR_UDIST_LOGNORMAL:
        if (!(p[0] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "mean must be > 0, got %g", p[0]);
        if (!(p[1] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "sd must be > 0, got %g", p[1]);
        d->d[1] = sqrt(log1p((p[1] / p[0]) * (p[1] / p[0]))); /* sigma */
        d->d[0] = log(p[0]) - d->d[1] * d->d[1] / 2;           /* zeta */
        d->lo = 0;
        d->hi = INFINITY;
        break;
    case RR_UDIST_BETA:
        if (!(p[0] > 0) || !(p[1] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "beta shapes must be > 0, got %g and %g", p[0],
                              p[1]);
        d->lo = 0;
        d->hi = 1;
        break;
    }
    return RR_OK;
}

double rr_udist_quantile(const rr_udist *d, double u)
{
    if (!(u >= 0))
        u = 0;
    if (u >= 1)
        u = nextafter(1.0, 0.0);
    double x = d->lo;
    switch (d->kind) {
    case RR_UDIST_UNIFORM:
        x = d->p[0] + u * (d->p[1] - d->p[0]);
        break;
    case RR_UDIST_TRIANGULAR: {
        double a = d->p[0], c = d->p[1], b = d->p[2];
        if (b <= a)
            x = a;
        else if (u < d->d[0])
            x = a + sqrt(u * (b - a) * (c - a));
        else
            x = b - sqrt((1 - u) * (b - a) * (b - c));
        break;
    }
    case RR_UDIST_NORMAL:
        if (d->lo >= d->hi) {
            x = d->lo;
        } else if (d->d[2] > 0) {
            double q = d->d[0] - u * (d->d[0] - d->d[1]);
            x = d->p[0] + d->p[1] * gsl_cdf_ugaussian_Qinv(q);
        } else {
            double q = d->d[0] + u * (d->d[1] - d->d[0]);
            x = d->p[0] + d->p[1] * gsl_cdf_ugaussian_Pinv(q);
        }
        break;
    case RR_UDIST_LOGNORMAL:
        x = u > 0 ? gsl_cdf_lognormal_Pinv(u, d->d[0], d->d[1]) : 0.0;
        break;
    case RR_UDIST_BETA:
        x = gsl_cdf_beta_Pinv(u, d->p[0], d->p[1]);
        break;
    }
    if (!(x >= d->lo)) /* NaN too */
        x = d->lo;
    if (x > d->hi)
        x = d->hi;
    return x;
}

double rr_udist_mean(const rr_udist *d)
{
    switch (d->kind) {
    case RR_UDIST_UNIFORM:
        return (d->p[0] + d->p[1]) / 2;
    case RR_UDIST_TRIANGULAR:
        return (d->p[0] + d->p[1] + d->p[2]) / 3;
    case RR_UDIST_NORMAL: {
        if (d->lo >= d->hi)
            return d->lo;
        double za = (d->lo - d->p[0]) / d->p[1];
        double zb = (d->hi - d->p[0]) / d->p[1];
        double z = fabs(d->d[1] - d->d[0]);
        return d->p[0] +
               d->p[1] * (gsl_ran_ugaussian_pdf(za) - gsl_ran_ugaussian_pdf(zb)) / z;
    }
    case RR_UDIST_LOGNORMAL:
        return d->p[0];
    case RR_UDIST_BETA:
        return d->p[0] / (d->p[0] + d->p[1]);
    }
    return d->lo;
}

/* }=================================================================== */
