/*
 * test_dist.c - distributions: moments and shape checked statistically,
 * constructors' limits, the written form and its error messages.
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

/* check_distribution - draw N from d and compare with the model. */
static void check_distribution(const rr_dist *d, const model *m,
                               uint64_t stream)
{
    char desc[128];
    rr_dist_format(d, desc, sizeof desc);
    gsl_rng *r = rr_rng_create(2024, 0, 0, stream);
    double lo = INFINITY, sum = 0;
    for (int i = 0; i < N; i++) {
        draws[i] = rr_dist_sample(d, r);
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

static void test_statistics(void)
{
    rr_dist d;
    model m;

    CHECK_EQ(rr_dist_exponential(&d, 14), RR_OK);
    m = exponential_model(14);
    check_distribution(&d, &m, 1);

    CHECK_EQ(rr_dist_lognormal(&d, 21, 10), RR_OK);
    m = lognormal_model(21, 10);
    check_distribution(&d, &m, 2);

    CHECK_EQ(rr_dist_gamma(&d, 30, 15), RR_OK); /* shape 4 */
    m = gamma_model(30, 15);
    check_distribution(&d, &m, 3);

    CHECK_EQ(rr_dist_gamma(&d, 10, 15), RR_OK); /* shape 4/9 < 1 */
    m = gamma_model(10, 15);
    check_distribution(&d, &m, 4);

    CHECK_EQ(rr_dist_weibull(&d, 1.5, 40), RR_OK);
    m = weibull_model(1.5, 40);
    check_distribution(&d, &m, 5);

    CHECK_EQ(rr_dist_weibull(&d, 0.8, 10), RR_OK);
    m = weibull_model(0.8, 10);
    check_distribution(&d, &m, 6);

    CHECK_EQ(rr_dist_uniform(&d, 1, 5), RR_OK);
    m = uniform_model(1, 5);
    check_distribution(&d, &m, 7);

    CHECK_EQ(rr_dist_triangular(&d, 1, 2, 6), RR_OK);
    m = triangular_model(1, 2, 6);
    check_distribution(&d, &m, 8);

    CHECK_EQ(rr_dist_triangular(&d, 0, 0, 10), RR_OK); /* mode at min */
    m = triangular_model(0, 0, 10);
    check_distribution(&d, &m, 9);

    CHECK_EQ(rr_dist_triangular(&d, 2, 8, 8), RR_OK); /* mode at max */
    m = triangular_model(2, 8, 8);
    check_distribution(&d, &m, 10);
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

    CHECK_EQ(rr_dist_deterministic(&d, 3 * RR_DAYS_PER_MONTH), RR_OK);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += rr_dist_sample(&d, r) == 3 * RR_DAYS_PER_MONTH;
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
    char buf[96];
    rr_dist_format(&d, buf, sizeof buf);
    CHECK_STR(buf, "empirical(n=4, mean=6d, sd=3.52136d)");
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

/* {===================================================================
 * The written form
 * ==================================================================== */

static void check_duration(const char *text, double want)
{
    double x = -1;
    char err[160] = "";
    int rc = rr_duration_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == RR_OK && fabs(x - want) <= 1e-12 * fmax(1, want),
              "duration '%s' -> %.12g (want %.12g, rc %d, %s)", text, x, want,
              rc, err);
}

static void check_rate(const char *text, double want)
{
    double x = -1;
    char err[160] = "";
    int rc = rr_rate_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == RR_OK && fabs(x - want) <= 1e-12 * fmax(1, want),
              "rate '%s' -> %.12g (want %.12g, rc %d, %s)", text, x, want,
              rc, err);
}

static void test_duration_accepted(void)
{
    check_duration("21d", 21);
    check_duration("21", 21);
    check_duration("1 day", 1);
    check_duration("10days", 10);
    check_duration("2w", 14);
    check_duration("1 week", 7);
    check_duration("3 weeks", 21);
    check_duration("3m", 3 * 365.25 / 12);
    check_duration("1 month", 30.4375);
    check_duration("6 months", 182.625);
    check_duration("1.5y", 547.875);
    check_duration("1 year", 365.25);
    check_duration("2years", 730.5);
    check_duration("  7 D  ", 7);
    check_duration("2 Weeks", 14);
    check_duration("1M", 30.4375);
    check_duration("0", 0);
    check_duration(".5w", 3.5);
    check_duration("+3d", 3);
    check_duration("1e1d", 10);
    check_duration("2.5e-1y", 91.3125);
}

static void test_rate_accepted(void)
{
    check_rate("1500/month", 1500 / 30.4375);
    check_rate("10/day", 10);
    check_rate("3/w", 3 / 7.0);
    check_rate("3.5/w", 0.5);
    check_rate("12000/y", 12000 / 365.25);
    check_rate("7", 7);
    check_rate("5/d", 5);
    check_rate("10/days", 10);
    check_rate("2/week", 2 / 7.0);
    check_rate("14/weeks", 2);
    check_rate("100/year", 100 / 365.25);
    check_rate("730.5/years", 2);
    check_rate("50/months", 50 / 30.4375);
    check_rate("30.4375/m", 1);
    check_rate(" 1500 / Month ", 1500 / 30.4375);
    check_rate("0", 0);
    check_rate("0/y", 0);
}

/* check_dist - parse text, expect kind and p[] as written. */
static void check_dist(const char *text, rr_dist_kind kind, double p0,
                       double p1, double p2)
{
    rr_dist d;
    char err[200] = "";
    int rc = rr_dist_parse(text, &d, NULL, NULL, err, sizeof err);
    CHECK_MSG(rc == RR_OK && d.kind == kind &&
                  fabs(d.p[0] - p0) <= 1e-12 * fmax(1, p0) &&
                  fabs(d.p[1] - p1) <= 1e-12 * fmax(1, p1) &&
                  fabs(d.p[2] - p2) <= 1e-12 * fmax(1, p2),
              "parse '%s' (rc %d, %s; kind %d, p = %g, %g, %g)", text, rc,
              err, (int)d.kind, d.p[0], d.p[1], d.p[2]);
}

static void test_dist_accepted(void)
{
    check_dist("exponential(mean=2w)", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("exponential(2w)", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("Exponential( Mean = 14 )", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("lognormal(mean=21d, sd=10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21d, 10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(sd=10d, mean=21d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21d, sd=10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("LOGNORMAL(MEAN=3 weeks,SD=1 Week)", RR_DIST_LOGNORMAL, 21, 7,
               0);
    check_dist(" \t lognormal ( mean = 21 d , sd = 10 days ) \n",
               RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21, 0)", RR_DIST_LOGNORMAL, 21, 0, 0);
    check_dist("gamma(mean=1m, sd=0.5m)", RR_DIST_GAMMA, 30.4375, 15.21875,
               0);
    check_dist("gamma(30d,15d)", RR_DIST_GAMMA, 30, 15, 0);
    check_dist("weibull(shape=1.5, scale=40d)", RR_DIST_WEIBULL, 1.5, 40, 0);
    check_dist("weibull(scale=1y, shape=2)", RR_DIST_WEIBULL, 2, 365.25, 0);
    check_dist("weibull(1.5, 40)", RR_DIST_WEIBULL, 1.5, 40, 0);
    check_dist("uniform(min=1d, max=5d)", RR_DIST_UNIFORM, 1, 5, 0);
    check_dist("uniform(0, 1y)", RR_DIST_UNIFORM, 0, 365.25, 0);
    check_dist("Uniform(max = 2 months, min = 1 month)", RR_DIST_UNIFORM,
               30.4375, 60.875, 0);
    check_dist("triangular(min=1d, mode=2d, max=6d)", RR_DIST_TRIANGULAR, 1,
               2, 6);
    check_dist("triangular(1, 2, 6)", RR_DIST_TRIANGULAR, 1, 2, 6);
    check_dist("triangular(1w, mode=2w, max=1y)", RR_DIST_TRIANGULAR, 7, 14,
               365.25);
    check_dist("deterministic(3m)", RR_DIST_DETERMINISTIC, 91.3125, 0, 0);
    check_dist("deterministic(value=3m)", RR_DIST_DETERMINISTIC, 91.3125, 0,
               0);
    check_dist("DETERMINISTIC( 0 )", RR_DIST_DETERMINISTIC, 0, 0, 0);
}

/* Formatting writes what the parser reads back. */
static void test_format(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"exponential(2w)", "exponential(mean=14d)"},
        {"lognormal(3w, 10d)", "lognormal(mean=21d, sd=10d)"},
        {"gamma(1m, 2w)", "gamma(mean=30.4375d, sd=14d)"},
        {"weibull(1.5, 40)", "weibull(shape=1.5, scale=40d)"},
        {"uniform(1d, 5d)", "uniform(min=1d, max=5d)"},
        {"triangular(1, 2, 6)", "triangular(min=1d, mode=2d, max=6d)"},
        {"deterministic(1y)", "deterministic(value=365.25d)"},
    };
    for (size_t i = 0; i < RR_COUNTOF(cases); i++) {
        rr_dist d, back;
        char buf[96] = "", err[160] = "";
        CHECK_EQ(rr_dist_parse(cases[i].in, &d, NULL, NULL, err, sizeof err),
                 RR_OK);
        int n = rr_dist_format(&d, buf, sizeof buf);
        CHECK_STR(buf, cases[i].out);
        CHECK_EQ(n, strlen(cases[i].out));
        CHECK_EQ(rr_dist_parse(buf, &back, NULL, NULL, err, sizeof err),
                 RR_OK);
        CHECK(back.kind == d.kind && back.p[0] == d.p[0] &&
              back.p[1] == d.p[1] && back.p[2] == d.p[2]);
    }
    /* truncated like snprintf */
    rr_dist d;
    char small[10];
    rr_dist_lognormal(&d, 21, 10);
    CHECK_EQ(rr_dist_format(&d, small, sizeof small), 27);
    CHECK_STR(small, "lognormal");
}

typedef struct fake_loader {
    int calls;
    int status;
    char file[64], column[64], weight[64];
    const rr_empirical *e;
} fake_loader;

static int load_fake(void *ctx, const char *file, const char *column,
                     const char *weight, const rr_empirical **out, char *err,
                     size_t errlen)
{
    fake_loader *f = ctx;
    f->calls++;
    snprintf(f->file, sizeof f->file, "%s", file);
    snprintf(f->column, sizeof f->column, "%s", column);
    snprintf(f->weight, sizeof f->weight, "%s", weight ? weight : "(none)");
    if (f->status != RR_OK) {
        snprintf(err, errlen, "no column '%s' in '%s'", column, file);
        return f->status;
    }
    *out = f->e;
    return RR_OK;
}

static void test_empirical_parse(void)
{
    static const double values[] = {2, 4};
    rr_empirical *e = rr_empirical_create(values, NULL, 2);
    fake_loader f = {0, RR_OK, "", "", "", e};
    rr_dist d;
    char err[200] = "";

    CHECK_EQ(rr_dist_parse("empirical(file=delays.csv, column=days)", &d,
                           load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_EQ(f.calls, 1);
    CHECK_STR(f.file, "delays.csv");
    CHECK_STR(f.column, "days");
    CHECK_STR(f.weight, "(none)");
    CHECK_EQ(d.kind, RR_DIST_EMPIRICAL);
    CHECK(d.emp == e);
    CHECK_NEAR(rr_dist_mean(&d), 3, 1e-12);

    CHECK_EQ(rr_dist_parse("Empirical( data/nl.csv , Days , W )", &d,
                           load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_STR(f.file, "data/nl.csv");
    CHECK_STR(f.column, "Days");
    CHECK_STR(f.weight, "W");

    CHECK_EQ(rr_dist_parse("empirical(column=\"delay, days\", "
                           "file=\"my data (2024).csv\", weight=n)",
                           &d, load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_STR(f.file, "my data (2024).csv");
    CHECK_STR(f.column, "delay, days");
    CHECK_STR(f.weight, "n");

    /* the loader's own failure comes through unchanged */
    f.status = RR_ENOTFOUND;
    CHECK_EQ(rr_dist_parse("empirical(file=delays.csv, column=dayz)", &d,
                           load_fake, &f, err, sizeof err),
             RR_ENOTFOUND);
    CHECK_STR(err, "no column 'dayz' in 'delays.csv'");
    rr_empirical_destroy(e);
}

/* Rejected input, by exact message.  Each also leaves *out untouched. */
static void check_bad_dist(const char *text, int status, const char *msg)
{
    rr_dist d;
    memset(&d, 0xab, sizeof d);
    unsigned char before[sizeof d];
    memcpy(before, &d, sizeof d);
    char err[300] = "";
    int rc = rr_dist_parse(text, &d, NULL, NULL, err, sizeof err);
    CHECK_MSG(rc == status, "parse '%s': status %d (want %d)", text, rc,
              status);
    CHECK_MSG(strcmp(err, msg) == 0, "parse '%s':\n    got  '%s'\n    want '%s'",
              text, err, msg);
    CHECK_MSG(memcmp(before, &d, sizeof d) == 0, "parse '%s' left *out", text);
}

static void check_bad_duration(const char *text, int status, const char *msg)
{
    double x = -7;
    char err[300] = "";
    int rc = rr_duration_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == status && x == -7, "duration '%s': status %d (want %d)",
              text, rc, status);
    CHECK_MSG(strcmp(err, msg) == 0,
              "duration '%s':\n    got  '%s'\n    want '%s'", text, err, msg);
}

static void check_bad_rate(const char *text, int status, const char *msg)
{
    double x = -7;
    char err[300] = "";
    int rc = rr_rate_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == status && x == -7, "rate '%s': status %d (want %d)", text,
              rc, status);
    CHECK_MSG(strcmp(err, msg) == 0,
              "rate '%s':\n    got  '%s'\n    want '%s'", text, err, msg);
}

#define DUR "expected a duration such as 21d, 2w or 3m, got "
#define RATE "expected a rate such as 1500/month or 10/day, got "
#define DIST "expected a distribution such as lognormal(mean=21d, sd=10d), got "

static void test_rejected(void)
{
    check_bad_duration("21x", RR_EPARSE, DUR "'21x'");
    check_bad_duration("", RR_EPARSE, DUR "''");
    check_bad_duration("   ", RR_EPARSE, DUR "''");
    check_bad_duration("d", RR_EPARSE, DUR "'d'");
    check_bad_duration("21dd", RR_EPARSE, DUR "'21dd'");
    check_bad_duration("2 w w", RR_EPARSE, DUR "'2 w w'");
    check_bad_duration("nan", RR_EPARSE, DUR "'nan'");
    check_bad_duration("inf", RR_EPARSE, DUR "'inf'");
    check_bad_duration("1e999d", RR_EPARSE, DUR "'1e999d'");
    check_bad_duration("0x10", RR_EPARSE, DUR "'0x10'");
    check_bad_duration("1,5d", RR_EPARSE, DUR "'1,5d'");
    check_bad_duration("-1d", RR_ERANGE, "duration must be >= 0, got '-1d'");

    check_bad_rate("many", RR_EPARSE, RATE "'many'");
    check_bad_rate("", RR_EPARSE, RATE "''");
    check_bad_rate("10/fortnight", RR_EPARSE, RATE "'10/fortnight'");
    check_bad_rate("10d/month", RR_EPARSE, RATE "'10d/month'");
    check_bad_rate("/month", RR_EPARSE, RATE "'/month'");
    check_bad_rate("10/", RR_EPARSE, RATE "'10/'");
    check_bad_rate("10/2w", RR_EPARSE, RATE "'10/2w'");
    check_bad_rate("nan/d", RR_EPARSE, RATE "'nan/d'");
    check_bad_rate("-3/d", RR_ERANGE, "rate must be >= 0, got '-3/d'");

    check_bad_dist("lognorml(mean=21d, sd=10d)", RR_EPARSE,
                   "unknown distribution 'lognorml' (did you mean "
                   "'lognormal'?)");
    check_bad_dist("Gama(30d, 15d)", RR_EPARSE,
                   "unknown distribution 'Gama' (did you mean 'gamma'?)");
    check_bad_dist("exp(2w)", RR_EPARSE,
                   "unknown distribution 'exp' (did you mean "
                   "'exponential'?)");
    check_bad_dist("wiebull(1.5, 40d)", RR_EPARSE,
                   "unknown distribution 'wiebull' (did you mean "
                   "'weibull'?)");
    check_bad_dist("normal(1d, 2d)", RR_EPARSE,
                   "unknown distribution 'normal' (expected exponential, "
                   "lognormal, gamma, weibull, uniform, triangular, "
                   "deterministic or empirical)");
    check_bad_dist("lognormal(mean=21d)", RR_EPARSE,
                   "lognormal needs mean and sd, got 'mean=21d'");
    check_bad_dist("triangular(1d, 2d)", RR_EPARSE,
                   "triangular needs min, mode and max, got '1d, 2d'");
    check_bad_dist("exponential()", RR_EPARSE,
                   "exponential needs mean, got ''");
    check_bad_dist("empirical(file=x.csv)", RR_EPARSE,
                   "empirical needs file and column, got 'file=x.csv'");
    check_bad_dist("lognormal(mean=21d, sd=-1d)", RR_ERANGE,
                   "sd must be >= 0, got '-1d'");
    check_bad_dist("lognormal(mean=21d, sdev=10d)", RR_EPARSE,
                   "unknown argument 'sdev' for lognormal (expected mean, "
                   "sd)");
    check_bad_dist("lognormal(mean=21x, sd=10d)", RR_EPARSE, DUR "'21x'");
    check_bad_dist("exponential(mean=nan)", RR_EPARSE, DUR "'nan'");
    check_bad_dist("exponential(mean=0d)", RR_ERANGE,
                   "mean must be > 0, got '0d'");
    check_bad_dist("gamma(30d, 0d)", RR_ERANGE, "sd must be > 0, got '0d'");
    check_bad_dist("weibull(shape=1.5d, scale=40d)", RR_EPARSE,
                   "expected a number for shape, got '1.5d'");
    check_bad_dist("weibull(0, 40d)", RR_ERANGE,
                   "shape must be > 0, got '0'");
    check_bad_dist("weibull(2, scale=0w)", RR_ERANGE,
                   "scale must be > 0, got '0w'");
    check_bad_dist("uniform(5d, 1d)", RR_ERANGE,
                   "uniform needs min <= max, got min=5d, max=1d");
    check_bad_dist("uniform(-1d, 1d)", RR_ERANGE,
                   "min must be >= 0, got '-1d'");
    check_bad_dist("triangular(1d, 7d, 6d)", RR_ERANGE,
                   "triangular needs min <= mode <= max, got min=1d, "
                   "mode=7d, max=6d");
    check_bad_dist("deterministic(-2d)", RR_ERANGE,
                   "value must be >= 0, got '-2d'");
    check_bad_dist("lognormal(21d, 10d, 5d)", RR_EPARSE,
                   "too many arguments for lognormal (expected mean, sd), "
                   "got '21d, 10d, 5d'");
    check_bad_dist("lognormal(mean=21d, mean=22d)", RR_EPARSE,
                   "mean given twice in 'lognormal(mean=21d, mean=22d)'");
    check_bad_dist("lognormal(21d, mean=22d)", RR_EPARSE,
                   "mean given twice in 'lognormal(21d, mean=22d)'");
    check_bad_dist("lognormal(sd=10d, 21d)", RR_EPARSE,
                   "positional argument '21d' after named ones in "
                   "'lognormal(sd=10d, 21d)'");
    check_bad_dist("lognormal(mean=, sd=10d)", RR_EPARSE,
                   "missing value for mean in 'lognormal(mean=, sd=10d)'");
    check_bad_dist("lognormal(21d, 10d", RR_EPARSE,
                   "missing ')' at the end of 'lognormal(21d, 10d'");
    check_bad_dist("lognormal(21d,,10d)", RR_EPARSE,
                   "empty argument in 'lognormal(21d,,10d)'");
    check_bad_dist("lognormal(21d, 10d,)", RR_EPARSE,
                   "empty argument in 'lognormal(21d, 10d,)'");
    check_bad_dist("21d", RR_EPARSE, DIST "'21d'");
    check_bad_dist("lognormal", RR_EPARSE, DIST "'lognormal'");
    check_bad_dist("", RR_EPARSE, DIST "''");
    check_bad_dist("(21d, 10d)", RR_EPARSE, DIST "'(21d, 10d)'");
    check_bad_dist("log normal(21d, 10d)", RR_EPARSE,
                   DIST "'log normal(21d, 10d)'");
    check_bad_dist("empirical(file=x.csv, column=days)", RR_EINVAL,
                   "empirical distributions need a scenario file to load "
                   "their CSV");
    check_bad_dist("empirical(file=\"x.csv, column=days)", RR_EPARSE,
                   "unterminated quote in 'empirical(file=\"x.csv, "
                   "column=days)'");
    check_bad_dist("empirical(file=\"\", column=days)", RR_EPARSE,
                   "missing value for file in 'empirical(file=\"\", "
                   "column=days)'");
    check_bad_dist("lognormal(mean=1e-300d, sd=1e300d)", RR_ERANGE,
                   "parameters out of range in 'lognormal(mean=1e-300d, "
                   "sd=1e300d)'");

    /* no error buffer, or a short one */
    double x;
    rr_dist d;
    CHECK_EQ(rr_duration_parse("x", &x, NULL, 0), RR_EPARSE);
    CHECK_EQ(rr_rate_parse(NULL, &x, NULL, 0), RR_EPARSE);
    CHECK_EQ(rr_dist_parse(NULL, &d, NULL, NULL, NULL, 0), RR_EPARSE);
    char small[9];
    CHECK_EQ(rr_duration_parse("21x", &x, small, sizeof small), RR_EPARSE);
    CHECK_STR(small, "expected");
}

/* }=================================================================== */

/* test_finite - nothing a distribution gives or a duration reads may be
 * infinite: a huge shape or range, a duration that overflows in days,
 * values too large to average. */
static void test_finite(void)
{
    rr_dist d;
    CHECK_EQ(rr_dist_weibull(&d, 0.001, 1), RR_ERANGE); /* Gamma(1001) */
    CHECK_EQ(rr_dist_weibull(&d, 0.01, 1e300), RR_ERANGE);
    CHECK_EQ(rr_dist_weibull(&d, 0.5, 10), RR_OK);
    CHECK(isfinite(rr_dist_mean(&d)) && isfinite(rr_dist_sd(&d)));
    CHECK_EQ(rr_dist_triangular(&d, 0, 1e300, 1e308), RR_ERANGE);
    CHECK_EQ(rr_dist_triangular(&d, 0, 1e150, 1e150), RR_OK);
    check_bad_duration("1e307y", RR_ERANGE,
                       "duration '1e307y' is too long (more than "
                       "1.79769e+308 days)");
    check_bad_dist("deterministic(1e308w)", RR_ERANGE,
                   "duration '1e308w' is too long (more than 1.79769e+308 "
                   "days)");
    check_bad_dist("weibull(shape=0.001, scale=1d)", RR_ERANGE,
                   "parameters out of range in 'weibull(shape=0.001, "
                   "scale=1d)'");
    check_duration("-0", 0);
    double x = -1;
    CHECK_EQ(rr_duration_parse("-0d", &x, NULL, 0), RR_OK);
    CHECK(x == 0 && !signbit(x));
    double big[2] = {1e308, 1e308};
    CHECK(rr_empirical_create(big, NULL, 2) == NULL);
    double w[2] = {1e308, 1e308};
    double v[2] = {1, 2};
    CHECK(rr_empirical_create(v, w, 2) == NULL); /* weights sum to inf */
}

int main(void)
{
    test_statistics();
    test_moments();
    test_degenerate();
    test_constructor_limits();
    test_empirical();
    test_duration_accepted();
    test_rate_accepted();
    test_dist_accepted();
    test_format();
    test_empirical_parse();
    test_rejected();
    test_finite();
    return check_summary("test_dist");
}
