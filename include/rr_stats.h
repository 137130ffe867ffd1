/*
 * rr_stats.h - statistics for one replication and across replications.
 *
 * rr_running  running mean/variance/min/max of observations (Welford).
 * rr_mean     running mean alone, by the same update (same bits).
 * rr_timeavg  time-weighted average of a piecewise-constant quantity
 *             (queue length, occupancy): area under the path / elapsed time.
 * rr_ci95     Student-t 95% confidence interval of replication means
 *             (gsl_cdf_tdist_Pinv).
 * rr_quantile quantile of a sample (gsl_stats_quantile_from_sorted_data).
 * rr_qhist    quantiles of a stream of values >= 0 in bounded memory: a
 *             histogram with log-spaced bins, relative error <= 0.098%.
 *
 * All are plain structs the caller embeds; only rr_qhist allocates (at most
 * RR_QHIST_CHUNKS blocks of 4 KB, whatever the number of values).
 *
 * rr_running_add, rr_timeavg_set and rr_timeavg_add run once per event, so
 * they are static inline here: a handful of flops and no call.  The rest
 * lives in sim/stats.c.
 */
#ifndef RR_STATS_H
#define RR_STATS_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_common.h"

/* ---- running mean and variance ------------------------------------------ */

/* Invariant: after n observations, mean is their mean and m2 the sum of
 * squared deviations from it; min/max are +INFINITY/-INFINITY while n == 0. */
typedef struct rr_running {
    double n;
    double mean;
    double m2;
    double min, max;
} rr_running;

void rr_running_init(rr_running *s);

/* rr_running_add - one observation (Welford's update, O(1)).  A NAN
 * observation makes mean and variance NAN; callers filter first. */
static inline void rr_running_add(rr_running *s, double x)
{
    double d;

    s->n += 1.0;
    d = x - s->mean;
    s->mean += d / s->n;
    s->m2 += d * (x - s->mean);
    if (x < s->min)
        s->min = x;
    if (x > s->max)
        s->max = x;
}

double rr_running_mean(const rr_running *s);     /* NAN when n == 0 */
double rr_running_var(const rr_running *s);      /* sample variance; NAN when n < 2 */
double rr_running_sd(const rr_running *s);
/* rr_running_merge - fold b into a (parallel-combine formula). */
void rr_running_merge(rr_running *a, const rr_running *b);

/* ---- running mean alone ------------------------------------------------- */

/* rr_mean - the count and mean of observations, updated exactly as
 * rr_running updates them (so the mean has the same bits), without the
 * variance, minimum and maximum.  Where only the mean (or the sum, mean
 * times count) is read, per event: the variance's update waits for the
 * division of the mean's, and that chain from one observation to the
 * next was most of the cost of a station's statistics.  Zeroed: no
 * observations. */
typedef struct rr_mean {
    double n;
    double mean;
} rr_mean;

static inline void rr_mean_add(rr_mean *s, double x)
{
    s->n += 1.0;
    s->mean += (x - s->mean) / s->n;
}

/* rr_mean_value - the mean, NAN before the first observation. */
static inline double rr_mean_value(const rr_mean *s)
{
    return s->n > 0.0 ? s->mean : (double)NAN;
}

/* ---- time-weighted average ---------------------------------------------- */

typedef struct rr_timeavg {
    double t0;     /* start of the observation window */
    double t_last; /* time of the last change */
    double value;  /* current value */
    double area;   /* integral of value over [t0, t_last] */
} rr_timeavg;

void rr_timeavg_init(rr_timeavg *a, double t0, double value);

/* rr_timeavg_set - the value changes to v at time t (t >= t_last; earlier is
 * a bug and trips rr_assert). */
static inline void rr_timeavg_set(rr_timeavg *a, double t, double v)
{
    rr_assert(t >= a->t_last);
    a->area += a->value * (t - a->t_last);
    a->t_last = t;
    a->value = v;
}

/* rr_timeavg_add - the value changes by dv at time t. */
static inline void rr_timeavg_add(rr_timeavg *a, double t, double dv)
{
    rr_timeavg_set(a, t, a->value + dv);
}

/* rr_timeavg_mean - the time average over [t0, t]; the current value if
 * t == t0. */
double rr_timeavg_mean(const rr_timeavg *a, double t);
/* rr_timeavg_area - the integral over [t0, t]. */
double rr_timeavg_area(const rr_timeavg *a, double t);
/* rr_timeavg_restart - start a new window at t keeping the current value
 * (used to discard a warm-up period). */
void rr_timeavg_restart(rr_timeavg *a, double t);

/* ---- across replications ------------------------------------------------ */

typedef struct rr_ci {
    size_t n;     /* replications */
    double mean;
    double sd;    /* sample sd (0 when n < 2) */
    double half;  /* half-width of the 95% interval (NAN when n < 2) */
    double low, high;
} rr_ci;

/* rr_ci95 - mean and Student-t 95% CI of x[0..n-1] (stride 1).  NAN entries
 * are skipped and not counted.  With no usable entry mean, low and high are
 * NAN; with one, low == high == NAN too (the interval is unknown). */
rr_ci rr_ci95(const double *x, size_t n);

/* rr_quantile - the p-quantile (0 <= p <= 1) of x[0..n-1], interpolated
 * between order statistics as GSL does; reorders x in place (NAN entries
 * moved to the end and ignored, the rest sorted ascending).  NAN when no
 * entry is usable or p is outside [0, 1]. */
double rr_quantile(double *x, size_t n, double p);

/* ---- quantiles in bounded memory ---------------------------------------- */

/*
 * rr_qhist - the values x >= 0 of a stream, counted in bins that split each
 * binary octave [2^e, 2^(e+1)) into 512 equal parts, for 2^-30 <= x < 2^23
 * (2^-30 days is 80 microseconds, 2^23 days 23,000 years); 0 has a bin of
 * its own, smaller values share the lowest bin, larger ones the highest.
 * A bin stands for its middle, which is within 2^-10 (0.098%) of every
 * value in it, and quantiles are taken from the bins as rr_quantile takes
 * them from the sorted values (interpolated between the order statistics
 * i and i + 1, i + d = p (n - 1)), each order statistic replaced by its
 * bin's middle clamped to the exact [min, max] (the smallest and the
 * largest value are kept exactly): so a quantile is within 0.098% of the
 * exact one (plus 2^-30 absolutely below 2^-30, or 2^23 and over).  Memory is
 * one 4 KB block per octave a value fell in, allocated when first needed,
 * at most RR_QHIST_CHUNKS (216 KB), however many values are added.
 */
#define RR_QHIST_SUB 9 /* 2^9 bins per octave */
#define RR_QHIST_CHUNKS 53

typedef struct rr_qhist {
    uint64_t *chunk[RR_QHIST_CHUNKS]; /* NULL until a value falls in it */
    uint64_t n, zeros;                /* values; values equal to 0 */
    double min, max;                  /* +INF / -INF while n == 0 */
} rr_qhist;

void rr_qhist_init(rr_qhist *h);
/* rr_qhist_add - count x (x >= 0 and not NAN: else a bug, rr_assert).
 * RR_OK, or RR_ENOMEM (x not counted) when a block cannot be allocated. */
int rr_qhist_add(rr_qhist *h, double x);
/* rr_qhist_quantile - the p-quantile (0 <= p <= 1) of the values added;
 * NAN when none was or p is outside [0, 1]. */
double rr_qhist_quantile(const rr_qhist *h, double p);
/* rr_qhist_fini - free the blocks; the histogram is then empty. */
void rr_qhist_fini(rr_qhist *h);

#endif
