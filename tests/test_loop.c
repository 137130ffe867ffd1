/*
 * test_loop.c - the benchmark's yardstick, bench/loop.c, simulates what it
 * claims: the mean wait in queue of M/M/10 at rho 0.9 (model m1), and of
 * the M/M/12 intake and the M/M/3 branch of model m2 (Poisson by Burke's
 * theorem and random splitting), against Erlang C, within a 99% t interval
 * over 10 replications (half with mt19937, half with taus2); and a fixed
 * seed gives a fixed count of events.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "check.h"

#define LOOP_NO_MAIN
#include "../bench/loop.c"

#define REPS 10
#define DAYS 20000.0

/* erlang_wq - mean wait in queue of M/M/c, arrival rate lambda, service
 * rate 1, by the Erlang B recursion. */
static double erlang_wq(int c, double lambda)
{
    double b = 1.0;
    for (int k = 1; k <= c; k++)
        b = lambda * b / (k + lambda * b);
    return c * b / (c - lambda * (1 - b)) / (c - lambda);
}

static void check_station(int m2, int st, int c, double lambda)
{
    double wq[REPS];
    for (int r = 0; r < REPS; r++) {
        lp_result res;
        CHECK_EQ(lp_run(m2, DAYS, 100u + (unsigned long)r,
                          r % 2 ? gsl_rng_taus2 : gsl_rng_mt19937, &res), 0);
        CHECK(res.served[st] > (uint64_t)(0.9 * lambda * DAYS));
        wq[r] = res.wq[st];
    }
    double mean = gsl_stats_mean(wq, 1, REPS);
    double half = gsl_cdf_tdist_Pinv(0.995, REPS - 1) *
                  gsl_stats_sd(wq, 1, REPS) / sqrt(REPS);
    double theory = erlang_wq(c, lambda);
    CHECK_MSG(fabs(mean - theory) <= half,
              "m%d station %d: Wq %.4f +- %.4f, Erlang C %.4f", m2 + 1, st,
              mean, half, theory);
}

int main(void)
{
    lp_result a, b;
    check_station(0, 0, 10, 9.0);
    check_station(1, 0, 12, 10.0);
    check_station(1, 2, 3, 2.0);
    /* about 2 events a customer; a seed fixes the run */
    CHECK_EQ(lp_run(0, 1000.0, 7, gsl_rng_mt19937, &a), 0);
    CHECK_EQ(lp_run(0, 1000.0, 7, gsl_rng_mt19937, &b), 0);
    CHECK_EQ(a.events, b.events);
    CHECK(a.events > 17000 && a.events < 19000);
    return check_summary("test_loop");
}
