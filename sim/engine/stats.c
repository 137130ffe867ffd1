/*
 * stats.c - running statistics, time averages, confidence intervals and
 * quantiles (see include/rr_stats.h).
 *
 * Nothing here allocates or prints.  The per-event updates are inline in the
 * header; this file holds the queries and the across-replication helpers.
 */
#include "rr_stats.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>

/* rr_running_init - no observations yet. */
void rr_running_init(rr_running *s)
{
    s->n = 0.0;
    s->mean = 0.0;
    s->m2 = 0.0;
    s->min = INFINITY;
    s->max = -INFINITY;
}

/* rr_running_mean - the mean, NAN before the first observation. */
double rr_running_mean(const rr_running *s)
{
    return s->n > 0.0 ? s->mean : NAN;
}

/* rr_running_var - the sample variance m2 / (n - 1). */
double rr_running_var(const rr_running *s)
{
    return s->n >= 2.0 ? s->m2 / (s->n - 1.0) : NAN;
}

/* rr_running_sd - the sample standard deviation. */
double rr_running_sd(const rr_running *s)
{
    return sqrt(rr_running_var(s));
}

/*
 * rr_running_merge - fold b into a.
 *
 * Chan, Golub and LeVeque's pairwise update: with d = mean_b - mean_a and
 * n = n_a + n_b,
 *     mean = mean_a + d n_b / n
 *     m2   = m2_a + m2_b + d^2 n_a n_b / n
 * The empty cases are handled apart so that min/max and the 0/0 never mix.
 */
void rr_running_merge(rr_running *a, const rr_running *b)
{
    double n, d;

    if (b->n == 0.0)
        return;
    if (a->n == 0.0) {
        *a = *b;
        return;
    }
    n = a->n + b->n;
    d = b->mean - a->mean;
    a->mean += d * (b->n / n);
    a->m2 += b->m2 + d * d * (a->n * b->n / n);
    a->n = n;
    if (b->min < a->min)
        a->min = b->min;
    if (b->max > a->max)
        a->max = b->max;
}

/* rr_timeavg_init - a window starting at t0 with the given value. */
void rr_timeavg_init(rr_timeavg *a, double t0, double value)
{
    a->t0 = t0;
    a->t_last = t0;
    a->value = value;
    a->area = 0.0;
}

/* rr_timeavg_area - area + value (t - t_last): the last piece is still open. */
double rr_timeavg_area(const rr_timeavg *a, double t)
{
    rr_assert(t >= a->t_last);
    return a->area + a->value * (t - a->t_last);
}

/* rr_timeavg_mean - area / elapsed time; an empty window has the current
 * value as its only sensible average. */
double rr_timeavg_mean(const rr_timeavg *a, double t)
{
    if (t <= a->t0)
        return a->value;
    return rr_timeavg_area(a, t) / (t - a->t0);
}

/* rr_timeavg_restart - forget the area before t, keep the current value. */
void rr_timeavg_restart(rr_timeavg *a, double t)
{
    rr_assert(t >= a->t_last);
    a->t0 = t;
    a->t_last = t;
    a->area = 0.0;
}

/*
 * rr_ci95 - mean +- t(0.975, n-1) s / sqrt(n) over the non-NAN entries.
 *
 * Two passes (mean, then squared deviations) rather than Welford: the input
 * is a short array of replication means, and two passes are the textbook
 * reference the running version is tested against.
 */
rr_ci rr_ci95(const double *x, size_t n)
{
    rr_ci ci = { 0, NAN, 0.0, NAN, NAN, NAN };
    double sum = 0.0, ss = 0.0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        ci.n++;
        sum += x[i];
    }
    if (ci.n == 0)
        return ci;
    ci.mean = sum / (double)ci.n;
    if (ci.n < 2)
        return ci;
    for (i = 0; i < n; i++) {
        if (isnan(x[i]))
            continue;
        ss += (x[i] - ci.mean) * (x[i] - ci.mean);
    }
    ci.sd = sqrt(ss / (double)(ci.n - 1));
    ci.half = gsl_cdf_tdist_Pinv(0.975, (double)(ci.n - 1)) * ci.sd /
              sqrt((double)ci.n);
    ci.low = ci.mean - ci.half;
    ci.high = ci.mean + ci.half;
    return ci;
}

/*
 * rr_quantile - NANs go to the tail (gsl_sort's order is undefined with
 * them), the rest is sorted and GSL interpolates:
 *     q = (1 - d) x[i] + d x[i+1],  i + d = p (m - 1).
 * p is checked because GSL would index outside the array for p > 1 or p < 0.
 */
double rr_quantile(double *x, size_t n, double p)
{
    size_t i, m = 0;

    if (!(p >= 0.0 && p <= 1.0))
        return NAN;
    for (i = 0; i < n; i++) {
        if (!isnan(x[i])) {
            double v = x[i];
            x[i] = x[m];
            x[m++] = v;
        }
    }
    if (m == 0)
        return NAN;
    /* a second quantile of the same sample finds it sorted: O(n), no sort */
    for (i = 1; i < m && x[i - 1] <= x[i]; i++)
        ;
    if (i < m)
        gsl_sort(x, 1, m);
    return gsl_stats_quantile_from_sorted_data(x, 1, m, p);
}
