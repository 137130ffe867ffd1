/*
 * rr_stats.h - statistics for one replication and across replications.
 *
 * rr_running  running mean/variance/min/max of observations (Welford).
 * rr_timeavg  time-weighted average of a piecewise-constant quantity
 *             (queue length, occupancy): area under the path / elapsed time.
 * rr_ci95     Student-t 95% confidence interval of replication means
 *             (gsl_cdf_tdist_Pinv).
 * rr_quantile quantile of a sample (gsl_stats_quantile_from_sorted_data).
 *
 * All are plain structs the caller embeds; none allocates.
 */
#ifndef RR_STATS_H
#define RR_STATS_H

#include <stddef.h>

typedef struct rr_running {
    double n;
    double mean;
    double m2;
    double min, max;
} rr_running;

void rr_running_init(rr_running *s);
void rr_running_add(rr_running *s, double x);
double rr_running_mean(const rr_running *s);     /* NAN when n == 0 */
double rr_running_var(const rr_running *s);      /* sample variance; NAN when n < 2 */
double rr_running_sd(const rr_running *s);
/* rr_running_merge - fold b into a (parallel-combine formula). */
void rr_running_merge(rr_running *a, const rr_running *b);

typedef struct rr_timeavg {
    double t0;     /* start of the observation window */
    double t_last; /* time of the last change */
    double value;  /* current value */
    double area;   /* integral of value over [t0, t_last] */
} rr_timeavg;

void rr_timeavg_init(rr_timeavg *a, double t0, double value);
/* rr_timeavg_set - the value changes to v at time t (t >= t_last). */
void rr_timeavg_set(rr_timeavg *a, double t, double v);
/* rr_timeavg_add - the value changes by dv at time t. */
void rr_timeavg_add(rr_timeavg *a, double t, double dv);
/* rr_timeavg_mean - the time average over [t0, t]; the current value if
 * t == t0. */
double rr_timeavg_mean(const rr_timeavg *a, double t);
/* rr_timeavg_area - the integral over [t0, t]. */
double rr_timeavg_area(const rr_timeavg *a, double t);
/* rr_timeavg_restart - start a new window at t keeping the current value
 * (used to discard a warm-up period). */
void rr_timeavg_restart(rr_timeavg *a, double t);

typedef struct rr_ci {
    size_t n;     /* replications */
    double mean;
    double sd;    /* sample sd (0 when n < 2) */
    double half;  /* half-width of the 95% interval (NAN when n < 2) */
    double low, high;
} rr_ci;

/* rr_ci95 - mean and Student-t 95% CI of x[0..n-1] (stride 1).  NAN entries
 * are skipped and not counted. */
rr_ci rr_ci95(const double *x, size_t n);

/* rr_quantile - the p-quantile (0 <= p <= 1) of x[0..n-1]; sorts x in place.
 * NAN when n == 0. */
double rr_quantile(double *x, size_t n, double p);

#endif
