/*
 * test_stats.c - running statistics against a two-pass reference, merging,
 * a hand-computed time average, the t interval by hand and by its coverage
 * over many experiments, quantiles, and NAN handling.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "check.h"
#include "rr_stats.h"

#define N_DATA 10000

static double data[N_DATA];

/* fill - normal data far from zero, where a naive sum of squares loses
 * most of its digits and Welford should not. */
static void fill(gsl_rng *r)
{
    size_t i;

    for (i = 0; i < N_DATA; i++)
        data[i] = 1e6 + gsl_ran_gaussian(r, 3.0);
}

static double rel(double a, double b)
{
    return fabs(a - b) / fmax(fabs(b), 1e-300);
}

static void test_running_vs_two_pass(void)
{
    rr_running s;
    double mn, mx;
    size_t i;

    rr_running_init(&s);
    for (i = 0; i < N_DATA; i++)
        rr_running_add(&s, data[i]);
    gsl_stats_minmax(&mn, &mx, data, 1, N_DATA);

    CHECK_EQ(s.n, N_DATA);
    CHECK_NEAR(rel(rr_running_mean(&s), gsl_stats_mean(data, 1, N_DATA)),
               0.0, 1e-13);
    CHECK_NEAR(rel(rr_running_var(&s), gsl_stats_variance(data, 1, N_DATA)),
               0.0, 1e-9);
    CHECK_NEAR(rel(rr_running_sd(&s), gsl_stats_sd(data, 1, N_DATA)), 0.0,
               1e-9);
    CHECK(s.min == mn);
    CHECK(s.max == mx);
    /* the variance should be near the generating one, 9 */
    CHECK_NEAR(rr_running_var(&s), 9.0, 0.5);
}

/* rr_mean keeps the mean as rr_running does, bit for bit (the station
 * statistics and the time to departure moved to it, and their outputs
 * must not change), after every observation. */
static void test_mean(void)
{
    rr_running s;
    rr_mean m = {0, 0};
    size_t differ = 0;

    rr_running_init(&s);
    CHECK(isnan(rr_mean_value(&m)));
    for (size_t i = 0; i < N_DATA; i++) {
        double x = data[i] * (i % 7 == 0 ? 1e6 : 1.0);
        rr_running_add(&s, x);
        rr_mean_add(&m, x);
        differ += m.n != s.n || memcmp(&m.mean, &s.mean, sizeof m.mean) != 0;
    }
    CHECK_EQ(differ, 0);
    CHECK(rr_mean_value(&m) == rr_running_mean(&s));
}

static void test_running_small(void)
{
    rr_running s;

    rr_running_init(&s);
    CHECK(isnan(rr_running_mean(&s)));
    CHECK(isnan(rr_running_var(&s)));
    CHECK(isnan(rr_running_sd(&s)));
    rr_running_add(&s, 4.0);
    CHECK_NEAR(rr_running_mean(&s), 4.0, 0.0);
    CHECK(isnan(rr_running_var(&s)));
    CHECK(s.min == 4.0 && s.max == 4.0);
    rr_running_add(&s, 8.0);
    rr_running_add(&s, -3.0);
    /* mean 3, deviations 1, 5, -6: m2 = 62, var = 31 */
    CHECK_NEAR(rr_running_mean(&s), 3.0, 1e-15);
    CHECK_NEAR(rr_running_var(&s), 31.0, 1e-13);
    CHECK(s.min == -3.0 && s.max == 8.0);
}

static void test_running_merge(void)
{
    /* uneven parts, an empty one among them */
    static const size_t cut[] = { 0, 0, 1, 138, 5000, 5001, N_DATA };
    rr_running whole, merged, part, empty;
    size_t k, i;

    rr_running_init(&whole);
    for (i = 0; i < N_DATA; i++)
        rr_running_add(&whole, data[i]);

    rr_running_init(&merged);
    for (k = 0; k + 1 < RR_COUNTOF(cut); k++) {
        rr_running_init(&part);
        for (i = cut[k]; i < cut[k + 1]; i++)
            rr_running_add(&part, data[i]);
        rr_running_merge(&merged, &part);
    }
    CHECK_EQ(merged.n, whole.n);
    CHECK_NEAR(rel(merged.mean, whole.mean), 0.0, 1e-13);
    CHECK_NEAR(rel(rr_running_var(&merged), rr_running_var(&whole)), 0.0,
               1e-9);
    CHECK(merged.min == whole.min);
    CHECK(merged.max == whole.max);

    /* merging into an empty one copies; merging an empty one changes
     * nothing */
    rr_running_init(&empty);
    rr_running_merge(&empty, &whole);
    CHECK(memcmp(&empty, &whole, sizeof whole) == 0);
    rr_running_init(&empty);
    merged = whole;
    rr_running_merge(&merged, &empty);
    CHECK(memcmp(&merged, &whole, sizeof whole) == 0);
}

static void test_timeavg(void)
{
    rr_timeavg a;

    /* value 0 on [0,1), 2 on [1,3), 3 on [3,6), 0 on [6,10):
     * area 0 + 4 + 9 + 0 = 13 over 10 days */
    rr_timeavg_init(&a, 0.0, 0.0);
    CHECK_NEAR(rr_timeavg_mean(&a, 0.0), 0.0, 0.0);
    rr_timeavg_set(&a, 1.0, 2.0);
    rr_timeavg_add(&a, 3.0, 1.0);
    CHECK_NEAR(a.value, 3.0, 0.0);
    CHECK_NEAR(rr_timeavg_area(&a, 5.0), 10.0, 1e-12);
    rr_timeavg_set(&a, 6.0, 0.0);
    CHECK_NEAR(rr_timeavg_area(&a, 10.0), 13.0, 1e-12);
    CHECK_NEAR(rr_timeavg_mean(&a, 10.0), 1.3, 1e-12);
    /* the open last piece counts: up to t = 4, area 4 + 3 = 7 */
    rr_timeavg_init(&a, 0.0, 0.0);
    rr_timeavg_set(&a, 1.0, 2.0);
    rr_timeavg_add(&a, 3.0, 1.0);
    CHECK_NEAR(rr_timeavg_mean(&a, 4.0), 7.0 / 4.0, 1e-12);

    /* two changes at one instant leave no area */
    rr_timeavg_add(&a, 4.0, 1.0);
    rr_timeavg_add(&a, 4.0, -2.0);
    CHECK_NEAR(rr_timeavg_area(&a, 4.0), 7.0, 1e-12);
    CHECK_NEAR(a.value, 2.0, 0.0);

    /* restart drops the warm-up but keeps the value: 2 on [4,5),
     * 5 on [5,8) -> (2 + 15) / 4 */
    rr_timeavg_restart(&a, 4.0);
    CHECK_NEAR(rr_timeavg_mean(&a, 4.0), 2.0, 0.0);
    rr_timeavg_set(&a, 5.0, 5.0);
    CHECK_NEAR(rr_timeavg_mean(&a, 8.0), 17.0 / 4.0, 1e-12);
    CHECK_NEAR(rr_timeavg_area(&a, 8.0), 17.0, 1e-12);

    /* a window that does not start at 0 */
    rr_timeavg_init(&a, 100.0, 1.0);
    rr_timeavg_set(&a, 102.0, 4.0);
    CHECK_NEAR(rr_timeavg_mean(&a, 104.0), (2.0 + 8.0) / 4.0, 1e-12);
}

static void test_ci_by_hand(void)
{
    const double x[] = { 1, 2, 3, 4, 5 };
    const double y[] = { NAN, 1, 2, NAN, 3, 4, 5, NAN };
    const double one[] = { NAN, 7.5 };
    const double none[] = { NAN, NAN };
    /* t(0.975, 4) = 2.776445; s = sqrt(2.5); half = t s / sqrt(5) */
    const double half = 2.776445 * sqrt(2.5) / sqrt(5.0);
    rr_ci ci;

    CHECK_NEAR(gsl_cdf_tdist_Pinv(0.975, 4.0), 2.776445, 1e-6);
    ci = rr_ci95(x, 5);
    CHECK_EQ(ci.n, 5);
    CHECK_NEAR(ci.mean, 3.0, 1e-15);
    CHECK_NEAR(ci.sd, 1.5811388, 1e-7);
    CHECK_NEAR(ci.half, half, 1e-6);
    CHECK_NEAR(ci.half, 1.963243, 1e-6);
    CHECK_NEAR(ci.low, 3.0 - half, 1e-6);
    CHECK_NEAR(ci.high, 3.0 + half, 1e-6);

    ci = rr_ci95(y, RR_COUNTOF(y));
    CHECK_EQ(ci.n, 5);
    CHECK_NEAR(ci.mean, 3.0, 1e-15);
    CHECK_NEAR(ci.half, half, 1e-6);

    /* n = 2: t(0.975, 1) = 12.706205 */
    ci = rr_ci95(x, 2);
    CHECK_NEAR(ci.half, 12.706205 * sqrt(0.5) / sqrt(2.0), 1e-5);

    ci = rr_ci95(one, 2);
    CHECK_EQ(ci.n, 1);
    CHECK_NEAR(ci.mean, 7.5, 0.0);
    CHECK_NEAR(ci.sd, 0.0, 0.0);
    CHECK(isnan(ci.half) && isnan(ci.low) && isnan(ci.high));

    ci = rr_ci95(none, 2);
    CHECK_EQ(ci.n, 0);
    CHECK(isnan(ci.mean) && isnan(ci.half));
    ci = rr_ci95(NULL, 0);
    CHECK_EQ(ci.n, 0);
}

/*
 * test_ci_coverage - 2000 experiments of 5 normal draws each.  The share of
 * intervals covering the true mean is Binomial(2000, 0.95)/2000, sd 0.0049;
 * allow 4 sd.  A normal-quantile interval (1.96) covers only about 88% at
 * n = 5, so the check can tell t from z.
 */
static void test_ci_coverage(gsl_rng *r)
{
    const size_t experiments = 2000, n = 5;
    const double mu = 10.0, sigma = 2.0;
    const double tol = 4.0 * sqrt(0.95 * 0.05 / 2000.0);
    size_t e, i, hit = 0, hit_z = 0;
    double x[5];

    for (e = 0; e < experiments; e++) {
        rr_ci ci;
        double zhalf;

        for (i = 0; i < n; i++)
            x[i] = mu + gsl_ran_gaussian(r, sigma);
        ci = rr_ci95(x, n);
        if (ci.low <= mu && mu <= ci.high)
            hit++;
        zhalf = 1.959964 * ci.sd / sqrt((double)n);
        if (fabs(ci.mean - mu) <= zhalf)
            hit_z++;
    }
    CHECK_NEAR((double)hit / (double)experiments, 0.95, tol);
    CHECK_MSG((double)hit_z / (double)experiments < 0.95 - tol,
              "z interval coverage %.4f is told apart from 0.95",
              (double)hit_z / (double)experiments);
}

static void test_quantile(void)
{
    double a[] = { 5, 1, 4, 2, 3 };
    double b[] = { NAN, 3, 1, NAN, 2 };
    double c[] = { NAN, NAN };
    double d[] = { 7 };
    size_t i;

    CHECK_NEAR(rr_quantile(a, 5, 0.5), 3.0, 0.0);
    for (i = 0; i < 5; i++) /* sorted in place */
        CHECK_NEAR(a[i], (double)(i + 1), 0.0);
    CHECK_NEAR(rr_quantile(a, 5, 0.0), 1.0, 0.0);
    CHECK_NEAR(rr_quantile(a, 5, 1.0), 5.0, 0.0);
    CHECK_NEAR(rr_quantile(a, 5, 0.25), 2.0, 1e-15);
    /* 0.1 (5 - 1) = 0.4: 0.6 * 1 + 0.4 * 2 */
    CHECK_NEAR(rr_quantile(a, 5, 0.1), 1.4, 1e-15);
    CHECK_NEAR(rr_quantile(a, 5, 0.95), 4.8, 1e-15);

    CHECK_NEAR(rr_quantile(b, 5, 0.5), 2.0, 0.0);
    CHECK_NEAR(rr_quantile(b, 5, 1.0), 3.0, 0.0);
    CHECK(b[0] == 1.0 && b[1] == 2.0 && b[2] == 3.0);
    CHECK(isnan(b[3]) && isnan(b[4]));

    CHECK(isnan(rr_quantile(c, 2, 0.5)));
    CHECK(isnan(rr_quantile(NULL, 0, 0.5)));
    CHECK_NEAR(rr_quantile(d, 1, 0.3), 7.0, 0.0);
    CHECK(isnan(rr_quantile(a, 5, -0.1)));
    CHECK(isnan(rr_quantile(a, 5, 1.5)));
    CHECK(isnan(rr_quantile(a, 5, NAN)));
}

/* rr_qhist against the exact quantiles of the same values: within the
 * documented 2^-10 relative error, with zeros, ties and one value, and its
 * memory does not grow with the number of values. */
static void test_qhist(gsl_rng *r)
{
    static const double ps[] = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
    static double x[N_DATA], y[N_DATA];
    rr_qhist h;
    rr_qhist_init(&h);
    CHECK(isnan(rr_qhist_quantile(&h, 0.5)));
    for (size_t i = 0; i < N_DATA; i++) {
        /* times to departure: lognormal over five decades, some zeros */
        x[i] = i % 97 == 0 ? 0.0 : gsl_ran_lognormal(r, 4.0, 2.0);
        y[i] = x[i];
        CHECK_EQ(rr_qhist_add(&h, x[i]), RR_OK);
    }
    CHECK_EQ(h.n, N_DATA);
    double worst = 0;
    for (size_t k = 0; k < sizeof ps / sizeof *ps; k++) {
        double exact = rr_quantile(y, N_DATA, ps[k]);
        double got = rr_qhist_quantile(&h, ps[k]);
        double e = exact > 0 ? fabs(got - exact) / exact : fabs(got);
        worst = e > worst ? e : worst;
        CHECK_MSG(e <= 0x1p-10, "p %g: %.17g against %.17g (rel %.3g)",
                  ps[k], got, exact, e);
    }
    /* the bins are fine enough that the error is not always 0 */
    CHECK(worst > 0);
    CHECK(rr_qhist_quantile(&h, 0) == 0.0);
    CHECK(rr_qhist_quantile(&h, 1) == h.max);
    CHECK(isnan(rr_qhist_quantile(&h, 1.5)));
    CHECK(isnan(rr_qhist_quantile(&h, -0.1)));
    /* a million more in the same range: no new block beyond the 53 */
    size_t blocks = 0;
    for (size_t i = 0; i < 1000000; i++)
        rr_qhist_add(&h, gsl_ran_lognormal(r, 4.0, 2.0));
    for (size_t c = 0; c < RR_QHIST_CHUNKS; c++)
        blocks += h.chunk[c] != NULL;
    CHECK(blocks <= RR_QHIST_CHUNKS && blocks > 10);
    rr_qhist_fini(&h);
    CHECK_EQ(h.n, 0);
    /* one value, and ties: exact, as min and max clamp the bin */
    CHECK_EQ(rr_qhist_add(&h, 7.3), RR_OK);
    CHECK(rr_qhist_quantile(&h, 0.5) == 7.3);
    CHECK_EQ(rr_qhist_add(&h, 7.3), RR_OK);
    CHECK(rr_qhist_quantile(&h, 0.9) == 7.3);
    /* out of range: the extreme bins, clamped to min and max */
    CHECK_EQ(rr_qhist_add(&h, 1e-12), RR_OK);
    CHECK_EQ(rr_qhist_add(&h, 1e9), RR_OK);
    CHECK(rr_qhist_quantile(&h, 0) == 1e-12);
    CHECK(rr_qhist_quantile(&h, 1) == 1e9);
    rr_qhist_fini(&h);
}

int main(void)
{
    gsl_rng *r;

    gsl_set_error_handler_off();
    r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL) {
        printf("test_stats: cannot allocate a generator\n");
        return 1;
    }
    gsl_rng_set(r, 20240611);
    fill(r);

    test_running_vs_two_pass();
    test_mean();
    test_running_small();
    test_running_merge();
    test_timeavg();
    test_ci_by_hand();
    test_ci_coverage(r);
    test_quantile();
    test_qhist(r);

    gsl_rng_free(r);
    return check_summary("test_stats");
}
