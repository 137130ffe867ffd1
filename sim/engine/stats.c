/*
 * stats.c - running statistics, time averages, confidence intervals and
 * quantiles, exact (rr_quantile) and in bounded memory (rr_qhist); see
 * include/rr_stats.h.
 *
 * Nothing here prints; only rr_qhist allocates (its blocks).  The per-event updates are inline in the
 * header; this file holds the queries and the across-replication helpers.
 */
#include "rr_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * rr_qhist.  For x > 0 the bit pattern of a double, shifted right by
 * 52 - RR_QHIST_SUB, is (biased exponent << SUB) | the top SUB bits of the
 * mantissa: a bin number that grows with x, 512 bins an octave.  QH_BASE is
 * that number for 2^-30; bins run from 0 to QH_BINS - 1 (2^23 excluded).
 * A bin [a, b) has b - a = 2^(e - 9) for a >= 2^e, so its middle is within
 * (b - a) / 2 / a <= 2^-10 of any value in it.
 */
#define QH_SHIFT (52 - RR_QHIST_SUB)
#define QH_PER ((size_t)1 << RR_QHIST_SUB)
#define QH_BASE ((uint64_t)(1023 - 30) << RR_QHIST_SUB)
#define QH_BINS ((size_t)RR_QHIST_CHUNKS * QH_PER)

static uint64_t qh_bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static double qh_double(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

void rr_qhist_init(rr_qhist *h)
{
    memset(h, 0, sizeof *h);
    h->min = INFINITY;
    h->max = -INFINITY;
}

int rr_qhist_add(rr_qhist *h, double x)
{
    rr_assert(x >= 0);
    if (x > 0) {
        uint64_t b = qh_bits(x) >> QH_SHIFT;
        size_t i = b < QH_BASE ? 0
                   : b - QH_BASE >= QH_BINS ? QH_BINS - 1
                                            : (size_t)(b - QH_BASE);
        uint64_t **c = &h->chunk[i / QH_PER];
        if (!*c && !(*c = calloc(QH_PER, sizeof **c)))
            return RR_ENOMEM;
        (*c)[i % QH_PER]++;
    } else {
        h->zeros++;
    }
    h->n++;
    if (x < h->min)
        h->min = x;
    if (x > h->max)
        h->max = x;
    return RR_OK;
}

/* qh_order - the k-th smallest value (0-based, k < n) as its bin's middle,
 * clamped to [min, max]; the smallest and the largest are exact. */
static double qh_order(const rr_qhist *h, uint64_t k)
{
    uint64_t seen = h->zeros;
    if (k == 0)
        return h->min;
    if (k + 1 == h->n)
        return h->max;
    if (k < seen)
        return 0.0;
    for (size_t c = 0; c < RR_QHIST_CHUNKS; c++) {
        if (!h->chunk[c])
            continue;
        for (size_t j = 0; j < QH_PER; j++) {
            seen += h->chunk[c][j];
            if (k < seen) {
                uint64_t b = QH_BASE + c * QH_PER + j;
                double lo = qh_double(b << QH_SHIFT),
                       hi = qh_double((b + 1) << QH_SHIFT);
                double mid = 0.5 * (lo + hi);
                return mid < h->min ? h->min : mid > h->max ? h->max : mid;
            }
        }
    }
    return h->max;
}

double rr_qhist_quantile(const rr_qhist *h, double p)
{
    if (!(p >= 0.0 && p <= 1.0) || h->n == 0)
        return NAN;
    double idx = p * (double)(h->n - 1);
    uint64_t i = (uint64_t)floor(idx);
    double d = idx - (double)i;
    double lo = qh_order(h, i);
    if (d == 0.0 || i + 1 >= h->n)
        return lo;
    return (1 - d) * lo + d * qh_order(h, i + 1);
}

void rr_qhist_fini(rr_qhist *h)
{
    for (size_t c = 0; c < RR_QHIST_CHUNKS; c++)
        free(h->chunk[c]);
    rr_qhist_init(h);
}
