/*
 * test_dist.c - distributions: moments and shape checked statistically,
 * constructors' limits, empirical tables.  The written form and its
 * messages are tested in test_grammar.c.
 *
 * Statistical checks use a fixed seed and N = 200000 draws.  The sample mean
 * must lie within 5 standard errors (sd / sqrt(N)) of the theoretical mean,
 * the sample sd within 5 standard errors of its own (estimated from the
 * sample's fourth central moment: se(s) ~ sqrt((m4 - s^4) / N) / (2 s)).
 * The shape is checked as in GSL's randist/test.c: the draws are binned into
 * 40 intervals of equal probability under the gsl_cdf_* (or closed-form)
 * cdf, each interval's share must lie within 5 binomial standard errors of
 * its probability, and the chi-square statistic below its 1 - 1e-4
 * quantile.  The parameters the cdf gets (zeta and sigma of the lognormal,
 * shape and scale of the gamma) are worked out here, not read from rr_dist.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "check.h"
#include "rr_common.h"
#include "rr_dist.h"
#include "rr_rng.h"

enum { N = 200000, BINS = 40 };
#define Z_TOL 5.0
#define CHISQ_ALPHA 1e-4

static double draws[N];

/* {===================================================================
 * Reference cdfs and quantiles
 * ==================================================================== */

typedef struct model {
    const char *name;
    double (*cdf)(double x, const double *q);
    double (*quantile)(double p, const double *q);
    double q[3];
    double mean, sd; /* theory, independent of rr_dist_mean/rr_dist_sd */
} model;

static double exp_cdf(double x, const double *q)
{
    return gsl_cdf_exponential_P(x, q[0]);
}
static double exp_quantile(double p, const double *q)
{
    return gsl_cdf_exponential_Pinv(p, q[0]);
}
static double lognormal_cdf(double x, const double *q)
{
    return gsl_cdf_lognormal_P(x, q[0], q[1]);
}
static double lognormal_quantile(double p, const double *q)
{
    return gsl_cdf_lognormal_Pinv(p, q[0], q[1]);
}
static double gamma_cdf(double x, const double *q)
{
    return gsl_cdf_gamma_P(x, q[0], q[1]);
}
static double gamma_quantile(double p, const double *q)
{
    return gsl_cdf_gamma_Pinv(p, q[0], q[1]);
}
static double weibull_cdf(double x, const double *q)
{
    return gsl_cdf_weibull_P(x, q[0], q[1]);
}
static double weibull_quantile(double p, const double *q)
{
    return gsl_cdf_weibull_Pinv(p, q[0], q[1]);
}
static double flat_cdf(double x, const double *q)
{
    return gsl_cdf_flat_P(x, q[0], q[1]);
}
static double flat_quantile(double p, const double *q)
{
    return gsl_cdf_flat_Pinv(p, q[0], q[1]);
}

/* Triangular(a, c, b) with mode c:
 *   F(x) = (x-a)^2 / ((b-a)(c-a))      a <= x <= c
 *        = 1 - (b-x)^2 / ((b-a)(b-c))  c <  x <= b
 * The order of the tests never divides by zero when c = a or c = b. */
static double tri_cdf(double x, const double *q)
{
    double a = q[0], c = q[1], b = q[2];
    if (x <= a)
        return 0;
    if (x >= b)
        return 1;
    if (x <= c)
        return (x - a) * (x - a) / ((b - a) * (c - a));
    return 1 - (b - x) * (b - x) / ((b - a) * (b - c));
}
static double tri_quantile(double p, const double *q)
{
    double a = q[0], c = q[1], b = q[2];
    double fc = (c - a) / (b - a);
    if (p <= fc)
        return a + sqrt(p * (b - a) * (c - a));
    return b - sqrt((1 - p) * (b - a) * (b - c));
}

static model exponential_model(double mean)
{
    return (model){"exponential", exp_cdf, exp_quantile, {mean, 0, 0},
                   mean, mean};
}

static model lognormal_model(double mean, double sd)
{
    double sigma2 = log(1 + (sd * sd) / (mean * mean));
    return (model){"lognormal",
                   lognormal_cdf,
                   lognormal_quantile,
                   {log(mean) - sigma2 / 2, sqrt(sigma2), 0},
                   mean,
                   sd};
}

static model gamma_model(double mean, double sd)
{
    return (model){"gamma", gamma_cdf, gamma_quantile,
                   {mean * mean / (sd * sd), sd * sd / mean, 0}, mean, sd};
}

static model weibull_model(double shape, double scale)
{
    double g1 = tgamma(1 + 1 / shape), g2 = tgamma(1 + 2 / shape);
    return (model){"weibull",
                   weibull_cdf,
                   weibull_quantile,
                   {scale, shape, 0},
                   scale * g1,
                   scale * sqrt(g2 - g1 * g1)};
}

static model uniform_model(double lo, double hi)
{
    return (model){"uniform", flat_cdf, flat_quantile, {lo, hi, 0},
                   (lo + hi) / 2, (hi - lo) / sqrt(12)};
}

static model triangular_model(double a, double c, double b)
{
    return (model){"triangular",
                   tri_cdf,
                   tri_quantile,
                   {a, c, b},
                   (a + b + c) / 3,
                   sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18)};
}

/* }=================================================================== */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* check_distribution - draw N from d, as the random streams of version v
 * draw, and compare with the model. */
static void check_distribution(const rr_dist *d, const model *m,
                               uint64_t stream, rr_rng_version v)
{
    char desc[128];
    snprintf(desc, sizeof desc, "%s(%g, %g, %g) v%d", m->name, d->p[0],
             d->p[1], d->p[2], (int)v);
    gsl_rng *r = rr_rng_create_v(v, 2024, 0, 0, stream);
    double lo = INFINITY, sum = 0;
    for (int i = 0; i < N; i++) {
        draws[i] = v == RR_RNG_V1 ? rr_dist_sample(d, r)
                                  : rr_dist_sample_v(d, r, v);
        sum += draws[i];
        lo = fmin(lo, draws[i]);
    }
    gsl_rng_free(r);
    CHECK_MSG(lo >= 0, "%s: every draw >= 0 (min %g)", desc, lo);

    /* moments */
    double mean = sum / N, m2 = 0, m4 = 0;
    for (int i = 0; i < N; i++) {
        double e = draws[i] - mean;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    m2 /= N;
    m4 /= N;
    double sd = sqrt(m2);
    double se_mean = m->sd / sqrt(N);
    double se_sd = sqrt((m4 - m2 * m2) / N) / (2 * sd);
    CHECK_MSG(fabs(mean - m->mean) <= Z_TOL * se_mean,
              "%s: sample mean %.6g vs %.6g (z = %.2f)", desc, mean, m->mean,
              (mean - m->mean) / se_mean);
    CHECK_MSG(fabs(sd - m->sd) <= Z_TOL * se_sd,
              "%s: sample sd %.6g vs %.6g (z = %.2f)", desc, sd, m->sd,
              (sd - m->sd) / se_sd);
    CHECK_NEAR(rr_dist_mean(d), m->mean, 1e-9 * m->mean);
    CHECK_NEAR(rr_dist_sd(d), m->sd, 1e-9 * m->sd);

    /* shape: equal-probability bins under the model's cdf */
    qsort(draws, N, sizeof draws[0], cmp_double);
    double chisq = 0, worst_z = 0, prev_cdf = 0;
    int worst = -1;
    size_t k = 0;
    for (int b = 0; b < BINS; b++) {
        double edge = b + 1 < BINS ? m->quantile((b + 1.0) / BINS, m->q)
                                   : INFINITY;
        double cdf = b + 1 < BINS ? m->cdf(edge, m->q) : 1.0;
        double p = cdf - prev_cdf;
        prev_cdf = cdf;
        size_t count = 0;
        while (k < N && draws[k] < edge) {
            k++;
            count++;
        }
        double expect = N * p;
        chisq += (count - expect) * (count - expect) / expect;
        double z = (count - expect) / sqrt(N * p * (1 - p));
        if (fabs(z) > fabs(worst_z)) {
            worst_z = z;
            worst = b;
        }
    }
    double limit = gsl_cdf_chisq_Qinv(CHISQ_ALPHA, BINS - 1);
    CHECK_MSG(fabs(worst_z) <= Z_TOL,
              "%s: every bin's share within %g se (worst bin %d, z = %.2f)",
              desc, Z_TOL, worst, worst_z);
    CHECK_MSG(chisq < limit, "%s: chi-square %.1f < %.1f (%d bins)", desc,
              chisq, limit, BINS);
}

/* test_statistics - every kind under the streams of version v (v3 draws
 * exponentials and lognormals by ziggurat methods). */
static void test_statistics(rr_rng_version v)
{
    rr_dist d;
    model m;

    CHECK_EQ(rr_dist_exponential(&d, 14), RR_OK);
    m = exponential_model(14);
    check_distribution(&d, &m, 1, v);

    CHECK_EQ(rr_dist_lognormal(&d, 21, 10), RR_OK);
    m = lognormal_model(21, 10);
    check_distribution(&d, &m, 2, v);

    CHECK_EQ(rr_dist_gamma(&d, 30, 15), RR_OK); /* shape 4 */
    m = gamma_model(30, 15);
    check_distribution(&d, &m, 3, v);

    CHECK_EQ(rr_dist_gamma(&d, 10, 15), RR_OK); /* shape 4/9 < 1 */
    m = gamma_model(10, 15);
    check_distribution(&d, &m, 4, v);

    CHECK_EQ(rr_dist_weibull(&d, 1.5, 40), RR_OK);
    m = weibull_model(1.5, 40);
    check_distribution(&d, &m, 5, v);

    CHECK_EQ(rr_dist_weibull(&d, 0.8, 10), RR_OK);
    m = weibull_model(0.8, 10);
    check_distribution(&d, &m, 6, v);

    CHECK_EQ(rr_dist_uniform(&d, 1, 5), RR_OK);
    m = uniform_model(1, 5);
    check_distribution(&d, &m, 7, v);

    CHECK_EQ(rr_dist_triangular(&d, 1, 2, 6), RR_OK);
    m = triangular_model(1, 2, 6);
    check_distribution(&d, &m, 8, v);

    CHECK_EQ(rr_dist_triangular(&d, 0, 0, 10), RR_OK); /* mode at min */
    m = triangular_model(0, 0, 10);
    check_distribution(&d, &m, 9, v);

    CHECK_EQ(rr_dist_triangular(&d, 2, 8, 8), RR_OK); /* mode at max */
    m = triangular_model(2, 8, 8);
    check_distribution(&d, &m, 10, v);
}

/* test_ziggurat - rr_ran_exp_zig against Exp(1), more finely than
 * check_distribution: 20,000,000 draws (one stream, fixed seed) counted in
 * 4096 bins of equal probability (each of the ziggurat's 256 strips spans
 * many bins, so an error in a strip's bounds or its wedge shows as a bias
 * in a run of bins): the chi-square statistic below its 1 - 1e-4 quantile
 * and every bin within 5 standard errors; the largest distance between
 * the counted and the exponential cdf at the bins' edges (a lower bound of
 * the Kolmogorov-Smirnov statistic) below 1.95 / sqrt(n), Kolmogorov's
 * 1 - 1e-4 point; the shares beyond r = 7.697 (the tail, drawn by
 * inversion), beyond 12 and below 0.001 within 5 binomial standard errors;
 * and the mean and variance within 5 standard errors of 1. */
enum { ZN = 20000000, ZBINS = 4096 };
static void test_ziggurat(void)
{
    static size_t count[ZBINS];
    gsl_rng *r = rr_rng_create_v(RR_RNG_V3, 7, 0, 0, 1);
    double sum = 0, sum2 = 0, d_ks = 0, chisq = 0, worst = 0, lo = INFINITY;
    size_t tail = 0, far = 0, near0 = 0, below = 0;
    for (int i = 0; i < ZN; i++) {
        double x = rr_ran_exp_zig(r);
        double f = -expm1(-x); /* the cdf */
        size_t b = (size_t)(f * ZBINS);
        count[b < ZBINS ? b : ZBINS - 1]++;
        sum += x;
        sum2 += x * x;
        lo = fmin(lo, x);
        tail += x > 7.69711747013104972;
        far += x > 12;
        near0 += x < 0.001;
    }
    gsl_rng_free(r);
    double mean = sum / ZN, var = sum2 / ZN - mean * mean;
    /* Exp(1): sd 1; the variance's sd is sqrt(mu4 - 1) / sqrt(n), mu4 = 9 */
    CHECK_MSG(lo >= 0, "zig: min %g >= 0", lo);
    CHECK_MSG(fabs(mean - 1) <= Z_TOL / sqrt(ZN), "zig: mean %.6f", mean);
    CHECK_MSG(fabs(var - 1) <= Z_TOL * sqrt(8.0 / ZN), "zig: variance %.6f",
              var);
    for (int b = 0; b < ZBINS; b++) {
        double p = 1.0 / ZBINS, expect = ZN * p;
        double z = (count[b] - expect) / sqrt(ZN * p * (1 - p));
        chisq += (count[b] - expect) * (count[b] - expect) / expect;
        worst = fabs(z) > fabs(worst) ? z : worst;
        below += count[b];
        d_ks = fmax(d_ks, fabs((double)below / ZN - (b + 1.0) / ZBINS));
    }
    CHECK_MSG(fabs(worst) <= Z_TOL, "zig: worst bin z = %.2f", worst);
    CHECK_MSG(chisq < gsl_cdf_chisq_Qinv(CHISQ_ALPHA, ZBINS - 1),
              "zig: chi-square %.1f < %.1f (%d bins)", chisq,
              gsl_cdf_chisq_Qinv(CHISQ_ALPHA, ZBINS - 1), ZBINS);
    CHECK_MSG(d_ks * sqrt(ZN) < 1.95, "zig: KS sqrt(n) D = %.3f < 1.95",
              d_ks * sqrt(ZN));
    const struct {
        const char *what;
        size_t n;
        double p;
    } share[] = {{"beyond r", tail, exp(-7.69711747013104972)},
                 {"beyond 12", far, exp(-12.0)},
                 {"below 0.001", near0, -expm1(-0.001)}};
    for (size_t i = 0; i < sizeof share / sizeof share[0]; i++) {
        double se = sqrt(ZN * share[i].p * (1 - share[i].p));
        double z = ((double)share[i].n - ZN * share[i].p) / se;
        CHECK_MSG(fabs(z) <= Z_TOL, "zig: share %s %zu vs %.1f (z = %.2f)",
                  share[i].what, share[i].n, ZN * share[i].p, z);
    }
}

/* Closed-form moments for cases simple enough to write down. */
static void test_moments(void)
{
    rr_dist d;
    rr_dist_weibull(&d, 1, 7); /* exponential with mean 7 */
    CHECK_NEAR(rr_dist_mean(&d), 7, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), 7, 1e-12);
    rr_dist_weibull(&d, 2, 10); /* Rayleigh */
    CHECK_NEAR(rr_dist_mean(&d), 10 * sqrt(M_PI) / 2, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), 10 * sqrt(1 - M_PI / 4), 1e-12);
    rr_dist_uniform(&d, 2, 8);
    CHECK_NEAR(rr_dist_mean(&d), 5, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), sqrt(3), 1e-12);
    rr_dist_triangular(&d, 0, 3, 6);
    CHECK_NEAR(rr_dist_mean(&d), 3, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), sqrt(1.5), 1e-12);
    rr_dist_lognormal(&d, 21, 10);
    CHECK_NEAR(rr_dist_mean(&d), 21, 0);
    CHECK_NEAR(rr_dist_sd(&d), 10, 0);
    rr_dist_deterministic(&d, 4);
    CHECK_NEAR(rr_dist_mean(&d), 4, 0);
    CHECK_NEAR(rr_dist_sd(&d), 0, 0);
}

/* Degenerate cases: no spread, and a deterministic draw uses no numbers. */
static void test_degenerate(void)
{
    rr_dist d;
    gsl_rng *r = rr_rng_create(1, 0, 0, 0);
    gsl_rng *ref = rr_rng_create(1, 0, 0, 0);

    CHECK_EQ(rr_dist_deterministic(&d, 3 * (365.25 / 12)), RR_OK);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += rr_dist_sample(&d, r) == 3 * (365.25 / 12);
    CHECK_EQ(same, 100);
    CHECK_EQ(gsl_rng_get(r), gsl_rng_get(ref));

    CHECK_EQ(rr_dist_lognormal(&d, 21, 0), RR_OK);
    CHECK_NEAR(rr_dist_sample(&d, r), 21, 1e-9);
    CHECK_EQ(rr_dist_uniform(&d, 4, 4), RR_OK);
    CHECK_NEAR(rr_dist_sample(&d, r), 4, 0);
    CHECK_EQ(rr_dist_triangular(&d, 5, 5, 5), RR_OK);
    CHECK_NEAR(rr_dist_sample(&d, r), 5, 0);
    CHECK_NEAR(rr_dist_sd(&d), 0, 0);

    /* same stream, same draws */
    rr_dist_gamma(&d, 30, 15);
    rr_rng_reseed(r, 9, 1, 2, RR_STREAM_SERVICE);
    rr_rng_reseed(ref, 9, 1, 2, RR_STREAM_SERVICE);
    same = 0;
    for (int i = 0; i < 1000; i++)
        same += rr_dist_sample(&d, r) == rr_dist_sample(&d, ref);
    CHECK_EQ(same, 1000);
    gsl_rng_free(r);
    gsl_rng_free(ref);
}

static void test_constructor_limits(void)
{
    rr_dist d;
    CHECK_EQ(rr_dist_exponential(&d, 0), RR_ERANGE);
    CHECK_EQ(rr_dist_exponential(&d, -1), RR_ERANGE);
    CHECK_EQ(rr_dist_exponential(&d, NAN), RR_ERANGE);
    CHECK_EQ(rr_dist_exponential(&d, INFINITY), RR_ERANGE);
    CHECK_EQ(rr_dist_lognormal(&d, 0, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_lognormal(&d, 1, -1), RR_ERANGE);
    CHECK_EQ(rr_dist_lognormal(&d, 1e-300, 1e300), RR_ERANGE);
    CHECK_EQ(rr_dist_gamma(&d, 10, 0), RR_ERANGE);
    CHECK_EQ(rr_dist_gamma(&d, -10, 1), RR_ERANGE);
    /* scale 1e308: a draw overflows, and inf * 0 is NaN */
    CHECK_EQ(rr_dist_gamma(&d, 1, 1e154), RR_ERANGE);
    CHECK_EQ(rr_dist_gamma(&d, 1e300, 1e300), RR_OK); /* scale 1e300 */
    CHECK_EQ(rr_dist_weibull(&d, 0, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_weibull(&d, 1, 0), RR_ERANGE);
    CHECK_EQ(rr_dist_weibull(&d, NAN, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_uniform(&d, -1, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_uniform(&d, 2, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_uniform(&d, 0, INFINITY), RR_ERANGE);
    CHECK_EQ(rr_dist_triangular(&d, 1, 0.5, 2), RR_ERANGE);
    CHECK_EQ(rr_dist_triangular(&d, 1, 3, 2), RR_ERANGE);
    CHECK_EQ(rr_dist_triangular(&d, -1, 0, 1), RR_ERANGE);
    CHECK_EQ(rr_dist_deterministic(&d, -0.5), RR_ERANGE);
    CHECK_EQ(rr_dist_deterministic(&d, NAN), RR_ERANGE);
    CHECK_EQ(rr_dist_empirical(&d, NULL), RR_EINVAL);
    CHECK_EQ(rr_dist_deterministic(&d, 0), RR_OK);
    CHECK_EQ(rr_dist_uniform(&d, 0, 0), RR_OK);
}

static void test_empirical(void)
{
    static const double values[] = {1, 2, 5, 10};
    static const double weights[] = {1, 2, 3, 4};
    rr_empirical *e = rr_empirical_create(values, weights, 4);
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK_EQ(rr_empirical_size(e), 4);
    rr_dist d;
    CHECK_EQ(rr_dist_empirical(&d, e), RR_OK);
    /* mean = (1 + 4 + 15 + 40) / 10, E[x^2] = (1 + 8 + 75 + 400) / 10 */
    CHECK_NEAR(rr_dist_mean(&d), 6, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), sqrt(48.4 - 36), 1e-12);

    gsl_rng *r = rr_rng_create(2024, 0, 0, 11);
    size_t count[4] = {0, 0, 0, 0}, other = 0;
    for (int i = 0; i < N; i++) {
        double x = rr_dist_sample(&d, r);
        size_t j = 0;
        while (j < 4 && values[j] != x)
            j++;
        if (j < 4)
            count[j]++;
        else
            other++;
    }
    CHECK_EQ(other, 0);
    double chisq = 0;
    for (int j = 0; j < 4; j++) {
        double p = weights[j] / 10, expect = N * p;
        double z = (count[j] - expect) / sqrt(N * p * (1 - p));
        CHECK_MSG(fabs(z) <= Z_TOL, "empirical: share of %g is %.5f vs %.5f"
                  " (z = %.2f)", values[j], (double)count[j] / N, p, z);
        chisq += (count[j] - expect) * (count[j] - expect) / expect;
    }
    CHECK_MSG(chisq < gsl_cdf_chisq_Qinv(CHISQ_ALPHA, 3),
              "empirical: chi-square %.2f", chisq);
    CHECK_EQ(d.p[0], 4);
    rr_empirical_destroy(e);

    /* equal weights; a zero weight is never drawn */
    static const double two[] = {3, 7};
    e = rr_empirical_create(two, NULL, 2);
    rr_dist_empirical(&d, e);
    CHECK_NEAR(rr_dist_mean(&d), 5, 1e-12);
    CHECK_NEAR(rr_dist_sd(&d), 2, 1e-12);
    size_t threes = 0;
    for (int i = 0; i < N; i++)
        threes += rr_dist_sample(&d, r) == 3;
    CHECK_MSG(fabs(threes - N / 2.0) <= Z_TOL * sqrt(N / 4.0),
              "empirical equal weights: %zu of %d", threes, N);
    rr_empirical_destroy(e);

    static const double w0[] = {0, 1};
    e = rr_empirical_create(two, w0, 2);
    rr_dist_empirical(&d, e);
    int sevens = 0;
    for (int i = 0; i < 10000; i++)
        sevens += rr_dist_sample(&d, r) == 7;
    CHECK_EQ(sevens, 10000);
    rr_empirical_destroy(e);

    static const double one[] = {12};
    e = rr_empirical_create(one, NULL, 1);
    rr_dist_empirical(&d, e);
    CHECK_NEAR(rr_dist_sample(&d, r), 12, 0);
    rr_empirical_destroy(e);
    gsl_rng_free(r);

    /* bad input */
    static const double neg[] = {1, -1};
    static const double wneg[] = {1, -1};
    static const double wzero[] = {0, 0};
    static const double vnan[] = {1, NAN};
    CHECK(rr_empirical_create(two, NULL, 0) == NULL);
    CHECK(rr_empirical_create(NULL, NULL, 2) == NULL);
    CHECK(rr_empirical_create(neg, NULL, 2) == NULL);
    CHECK(rr_empirical_create(two, wneg, 2) == NULL);
    CHECK(rr_empirical_create(two, wzero, 2) == NULL);
    CHECK(rr_empirical_create(vnan, NULL, 2) == NULL);
    CHECK(rr_empirical_create(two, vnan, 2) == NULL);
    rr_empirical_destroy(NULL);
    CHECK_EQ(rr_empirical_size(NULL), 0);
}


/* test_finite - nothing a distribution gives may be infinite: a huge
 * shape or range, values too large to average. */
static void test_finite(void)
{
    rr_dist d;
    CHECK_EQ(rr_dist_weibull(&d, 0.001, 1), RR_ERANGE); /* Gamma(1001) */
    CHECK_EQ(rr_dist_weibull(&d, 0.01, 1e300), RR_ERANGE);
    CHECK_EQ(rr_dist_weibull(&d, 0.5, 10), RR_OK);
    CHECK(isfinite(rr_dist_mean(&d)) && isfinite(rr_dist_sd(&d)));
    CHECK_EQ(rr_dist_triangular(&d, 0, 1e300, 1e308), RR_ERANGE);
    CHECK_EQ(rr_dist_triangular(&d, 0, 1e150, 1e150), RR_OK);
    double big[2] = {1e308, 1e308};
    CHECK(rr_empirical_create(big, NULL, 2) == NULL);
    double w[2] = {1e308, 1e308};
    double v[2] = {1, 2};
    CHECK(rr_empirical_create(v, w, 2) == NULL); /* weights sum to inf */
}

int main(void)
{
    test_statistics(RR_RNG_V1);
    test_statistics(RR_RNG_V3);
    test_ziggurat();
    test_moments();
    test_degenerate();
    test_constructor_limits();
    test_empirical();
    test_finite();
    return check_summary("test_dist");
}
