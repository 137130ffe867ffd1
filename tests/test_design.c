/*
 * test_design.c - Latin hypercube stratification, the scrambled Sobol'
 * points' net property and uniformity, and the assumption distributions'
 * inverse CDFs against GSL's CDFs.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "check.h"
#include "rr_common.h"
#include "rr_design.h"

/* Each of the n strata of each dimension holds exactly one point. */
static void test_lhs_strata(void)
{
    const size_t n = 37, k = 6;
    double *x = malloc(n * k * sizeof *x), *y = malloc(n * k * sizeof *y);
    char err[256];
    CHECK_EQ(rr_design_lhs(n, k, 42, x, err, sizeof err), RR_OK);
    for (size_t j = 0; j < k; j++) {
        int hit[37] = {0};
        for (size_t i = 0; i < n; i++) {
            double v = x[i * k + j];
            CHECK(v >= 0 && v < 1);
            size_t s = (size_t)floor(v * (double)n);
            if (s < n)
                hit[s]++;
        }
        int once = 0;
        for (size_t s = 0; s < n; s++)
            once += hit[s] == 1;
        CHECK_EQ(once, 37);
    }
    /* same seed, same design; another seed, another */
    CHECK_EQ(rr_design_lhs(n, k, 42, y, err, sizeof err), RR_OK);
    CHECK(memcmp(x, y, n * k * sizeof *x) == 0);
    CHECK_EQ(rr_design_lhs(n, k, 43, y, err, sizeof err), RR_OK);
    CHECK(memcmp(x, y, n * k * sizeof *x) != 0);
    /* the dimensions are not one permutation repeated */
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        same += floor(x[i * k] * (double)n) == floor(x[i * k + 1] * (double)n);
    CHECK(same < n / 2);
    free(x);
    free(y);
}

/* L2-star discrepancy by Warnock's formula. */
static double l2_star(const double *x, size_t n, size_t k)
{
    double a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        double p = 1;
        for (size_t j = 0; j < k; j++)
            p *= 1 - x[i * k + j] * x[i * k + j];
        a += p;
        for (size_t m = 0; m < n; m++) {
            double q = 1;
            for (size_t j = 0; j < k; j++)
                q *= 1 - fmax(x[i * k + j], x[m * k + j]);
            b += q;
        }
    }
    double t2 = pow(3.0, -(double)k) - pow(2.0, 1 - (double)k) * a / (double)n +
                b / ((double)n * (double)n);
    return sqrt(fmax(t2, 0));
}

static void test_sobol(void)
{
    const size_t n = 1024, k = 8;
    double *x = malloc(n * k * sizeof *x), *y = malloc(n * k * sizeof *y);
    char err[256];
    CHECK_EQ(rr_design_sobol(n, k, 7, x, err, sizeof err), RR_OK);
    /* each one-dimensional projection of 2^m points is a (0,m,1)-net, and
     * the digital shift keeps it one: every 1/n interval holds one point */
    for (size_t j = 0; j < k; j++) {
        static int hit[1024];
        memset(hit, 0, sizeof hit);
        double mean = 0;
        for (size_t i = 0; i < n; i++) {
            double v = x[i * k + j];
            CHECK(v >= 0 && v < 1);
            hit[(size_t)(v * (double)n)]++;
            mean += v / (double)n;
        }
        int once = 0;
        for (size_t s = 0; s < n; s++)
            once += hit[s] == 1;
        CHECK_EQ(once, 1024);
        CHECK_NEAR(mean, 0.5, 1.0 / (double)n);
    }
    /* the first two dimensions form a (0,m,2)-net: every dyadic box of
     * volume 1/n (2^-a by 2^-(10-a)) holds exactly one point */
    for (int a = 0; a <= 10; a++) {
        static int box[1024];
        memset(box, 0, sizeof box);
        for (size_t i = 0; i < n; i++) {
            size_t u = (size_t)(x[i * k] * (double)(1 << a));
            size_t v = (size_t)(x[i * k + 1] * (double)(1 << (10 - a)));
            box[(u << (10 - a)) | v]++;
        }
        int once = 0;
        for (size_t s = 0; s < n; s++)
            once += box[s] == 1;
        CHECK_EQ(once, 1024);
    }
    /* L2-star discrepancy of 256 points in 4 dimensions: far below the
     * root-mean-square of random points, sqrt((2^-k - 3^-k)/n) */
    double *z = malloc(256 * 4 * sizeof *z);
    CHECK_EQ(rr_design_sobol(256, 4, 7, z, err, sizeof err), RR_OK);
    double rnd = sqrt((pow(2, -4) - pow(3, -4)) / 256);
    CHECK(l2_star(z, 256, 4) < 0.4 * rnd); /* about 0.3: seeds 0..4 */
    /* a Latin hypercube is better than random in one dimension only */
    CHECK_EQ(rr_design_lhs(256, 4, 7, z, err, sizeof err), RR_OK);
    CHECK(l2_star(z, 256, 4) < rnd);
    free(z);
    /* seeded: same seed same points, another seed another shift */
    CHECK_EQ(rr_design_sobol(n, k, 7, y, err, sizeof err), RR_OK);
    CHECK(memcmp(x, y, n * k * sizeof *x) == 0);
    CHECK_EQ(rr_design_sobol(n, k, 8, y, err, sizeof err), RR_OK);
    CHECK(memcmp(x, y, n * k * sizeof *x) != 0);
    /* 40 dimensions work, 41 fail with a message */
    double *w = malloc(16 * 41 * sizeof *w);
    CHECK_EQ(rr_design_sobol(16, 40, 1, w, err, sizeof err), RR_OK);
    CHECK_EQ(rr_design_sobol(16, 41, 1, w, err, sizeof err), RR_EINVAL);
    CHECK(strstr(err, "at most 40") != NULL);
    CHECK_EQ(rr_design_lhs(0, 3, 1, w, err, sizeof err), RR_EINVAL);
    free(w);
    free(x);
    free(y);
}

static rr_udist make(rr_udist_kind k, double a, double b, double c, double d)
{
    rr_udist u;
    double p[4] = {a, b, c, d};
    char err[256];
    int rc = rr_udist_init(&u, k, p, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc)
        printf("  %s\n", err);
    return u;
}

static const double us[] = {0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999};
#define NU (sizeof us / sizeof us[0])

static void test_quantiles(void)
{
    /* uniform and triangular in closed form */
    rr_udist u = make(RR_UDIST_UNIFORM, 60, 120, 0, 0);
    CHECK_NEAR(rr_udist_quantile(&u, 0.25), 75, 1e-12);
    CHECK_EQ(rr_udist_quantile(&u, 0), 60);
    rr_udist t = make(RR_UDIST_TRIANGULAR, 60, 90, 120, 0);
    CHECK_NEAR(rr_udist_quantile(&t, 0.5), 90, 1e-12);
    CHECK_NEAR(rr_udist_quantile(&t, 0.125), 75, 1e-12); /* 60+sqrt(.125*60*30) */
    CHECK_NEAR(rr_udist_quantile(&t, 0.875), 105, 1e-12);
    CHECK_NEAR(rr_udist_mean(&t), 90, 1e-12);
    rr_udist t2 = make(RR_UDIST_TRIANGULAR, 0, 0, 1, 0); /* mode at the edge */
    CHECK_NEAR(rr_udist_quantile(&t2, 0.75), 0.5, 1e-12);

    /* lognormal(mean, sd) against gsl_cdf_lognormal_P */
    rr_udist l = make(RR_UDIST_LOGNORMAL, 90, 30, 0, 0);
    double s2 = log(1 + (30.0 / 90) * (30.0 / 90));
    for (size_t i = 0; i < NU; i++) {
        double x = rr_udist_quantile(&l, us[i]);
        CHECK_NEAR(gsl_cdf_lognormal_P(x, log(90) - s2 / 2, sqrt(s2)), us[i],
                   1e-9);
    }
    CHECK_NEAR(rr_udist_mean(&l), 90, 1e-12);

    /* beta against gsl_cdf_beta_P */
    rr_udist be = make(RR_UDIST_BETA, 8, 2, 0, 0);
    for (size_t i = 0; i < NU; i++) {
        double x = rr_udist_quantile(&be, us[i]);
        CHECK(x >= 0 && x <= 1);
        CHECK_NEAR(gsl_cdf_beta_P(x, 8, 2), us[i], 1e-9);
    }

    /* truncated normal: the truncated CDF at the quantile is u, in the
     * body and far in the upper and lower tails */
    static const double tn[][4] = {
        {90, 20, 60, 120}, {0, 1, 5, 6}, {0, 1, -7, -6}, {0.8, 0.1, 0, 1}};
    for (size_t c = 0; c < 4; c++) {
        rr_udist nd = make(RR_UDIST_NORMAL, tn[c][0], tn[c][1], tn[c][2],
                           tn[c][3]);
        double sd = tn[c][1];
        double za = (tn[c][2] - tn[c][0]) / sd, zb = (tn[c][3] - tn[c][0]) / sd;
        for (size_t i = 0; i < NU; i++) {
            double x = rr_udist_quantile(&nd, us[i]);
            CHECK(x >= tn[c][2] && x <= tn[c][3]);
            double z = (x - tn[c][0]) / sd, f;
            if (za > 0)
                f = (gsl_cdf_ugaussian_Q(za) - gsl_cdf_ugaussian_Q(z)) /
                    (gsl_cdf_ugaussian_Q(za) - gsl_cdf_ugaussian_Q(zb));
            else
                f = (gsl_cdf_ugaussian_P(z) - gsl_cdf_ugaussian_P(za)) /
                    (gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za));
            CHECK_NEAR(f, us[i], 1e-7);
        }
    }
    /* symmetric truncation: the median is the mean */
    rr_udist ns = make(RR_UDIST_NORMAL, 90, 20, 60, 120);
    CHECK_NEAR(rr_udist_quantile(&ns, 0.5), 90, 1e-9);
    CHECK_NEAR(rr_udist_mean(&ns), 90, 1e-9);

    /* quantiles increase with u */
    for (size_t i = 1; i < NU; i++)
        CHECK(rr_udist_quantile(&l, us[i]) > rr_udist_quantile(&l, us[i - 1]));
}

static void test_bad_params(void)
{
    rr_udist d;
    char err[256];
    double lohi[] = {120, 60};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_UNIFORM, lohi, err, sizeof err),
             RR_ERANGE);
    CHECK(strstr(err, "low must be <= high") != NULL);
    double tri[] = {60, 130, 120};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_TRIANGULAR, tri, err, sizeof err),
             RR_ERANGE);
    CHECK(strstr(err, "mode") != NULL);
    double nor[] = {90, 0, 60, 120};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_NORMAL, nor, err, sizeof err),
             RR_ERANGE);
    double nan_[] = {NAN, 1};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_UNIFORM, nan_, err, sizeof err),
             RR_ERANGE);
    double bet[] = {0, 2};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_BETA, bet, err, sizeof err),
             RR_ERANGE);
    double lgn[] = {-1, 2};
    CHECK_EQ(rr_udist_init(&d, RR_UDIST_LOGNORMAL, lgn, err, sizeof err),
             RR_ERANGE);
    rr_design_kind k;
    CHECK(rr_design_kind_parse("sobol", &k) && k == RR_DESIGN_SOBOL);
    CHECK(rr_design_kind_parse("lhs", &k) && k == RR_DESIGN_LHS);
    CHECK(!rr_design_kind_parse("grid", &k));
}

int main(void)
{
    gsl_set_error_handler_off();
    test_lhs_strata();
    test_sobol();
    test_quantiles();
    test_bad_params();
    return check_summary("test_design");
}
