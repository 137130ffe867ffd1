/*
 * test_smooth.c - the smoother of a sampled sweep's scatter (smooth.c): a
 * line comes back exactly, a parabola closely and its noise averaged
 * out, a constant stays constant, points without a value are left out.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "results/plot_int.h"

#define N 400

static double x[N], y[N];

static void test_line(void)
{
    double at[5] = {0, 0.25, 0.5, 0.75, 1}, out[5];
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)((i * 37) % N) / (N - 1);
        y[i] = 3 - 2 * x[i];
    }
    CHECK_EQ(rri_loess(x, y, N, 0.3, at, 5, out), RR_OK);
    for (size_t j = 0; j < 5; j++)
        CHECK_NEAR(out[j], 3 - 2 * at[j], 1e-9);
}

static void test_noisy_parabola(gsl_rng *r)
{
    double at[11], out[11];
    for (size_t i = 0; i < N; i++) {
        x[i] = gsl_rng_uniform(r);
        y[i] = 10 * (x[i] - 0.5) * (x[i] - 0.5) + gsl_ran_gaussian(r, 0.3);
    }
    for (size_t j = 0; j < 11; j++)
        at[j] = 0.05 + 0.09 * (double)j;
    CHECK_EQ(rri_loess(x, y, N, 0.3, at, 11, out), RR_OK);
    /* the noise's sd 0.3 over ~120 points: about 0.03; the curvature's
     * bias with a span of 0.3 about 10 * 0.15^2 / 5 */
    for (size_t j = 0; j < 11; j++)
        CHECK_NEAR(out[j], 10 * (at[j] - 0.5) * (at[j] - 0.5), 0.15);
}

static void test_constant_and_gaps(void)
{
    double at[3] = {0, 0.5, 1}, out[3];
    for (size_t i = 0; i < N; i++) {
        x[i] = (double)i / N;
        y[i] = i % 7 == 0 ? NAN : 4.5;
    }
    x[3] = NAN;
    CHECK_EQ(rri_loess(x, y, N, 0.5, at, 3, out), RR_OK);
    for (size_t j = 0; j < 3; j++)
        CHECK_NEAR(out[j], 4.5, 1e-12);
    /* every x alike: the mean */
    for (size_t i = 0; i < N; i++) {
        x[i] = 2;
        y[i] = (double)(i % 2);
    }
    CHECK_EQ(rri_loess(x, y, N, 0.5, at, 1, out), RR_OK);
    CHECK_NEAR(out[0], 0.5, 1e-12);
    /* nothing to smooth */
    CHECK_EQ(rri_loess(x, y, 0, 0.5, at, 1, out), RR_OK);
    CHECK(isnan(out[0]));
}

int main(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return 1;
    gsl_rng_set(r, 4242);
    test_line();
    test_noisy_parabola(r);
    test_constant_and_gaps();
    gsl_rng_free(r);
    return check_summary("test_smooth");
}
