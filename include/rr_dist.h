/*
 * rr_dist.h - probability distributions of durations, sampled through GSL,
 * and the written form scenario files use for them.
 *
 * Durations are in days.  Written forms (case-insensitive names, named or
 * positional arguments, each with an optional time unit):
 *
 *   exponential(mean=2w)             exponential(2w)        gsl_ran_exponential
 *   lognormal(mean=21d, sd=10d)      lognormal(21d, 10d)    gsl_ran_lognormal
 *   gamma(mean=30d, sd=15d)                                 gsl_ran_gamma
 *   weibull(shape=1.5, scale=40d)                           gsl_ran_weibull
 *   uniform(min=1d, max=5d)                                 gsl_rng_uniform
 *   triangular(min=1d, mode=2d, max=6d)                     inverse cdf
 *   deterministic(3m)                deterministic(value=3m)
 *   empirical(file=delays.csv, column=days [, weight=w])    gsl_ran_discrete
 *
 * Units: d (day, the default), w (7 d), m (month, 365.25/12 d), y (365.25 d);
 * the long forms day(s), week(s), month(s), year(s) also work.  Rates:
 * "1500/month", "10/day", "3.5/w", "12000/y" or a bare number (per day).
 *
 * Errors: parse functions return RR_EPARSE or RR_ERANGE and write a message
 * saying what was expected and what was found into err, e.g.
 *   "expected a duration such as 21d, 2w or 3m, got '21x'".
 */
#ifndef RR_DIST_H
#define RR_DIST_H

#include <stddef.h>
#include <gsl/gsl_rng.h>

#define RR_DAYS_PER_WEEK 7.0
#define RR_DAYS_PER_YEAR 365.25
#define RR_DAYS_PER_MONTH (365.25 / 12.0)

typedef enum rr_dist_kind {
    RR_DIST_EXPONENTIAL,
    RR_DIST_LOGNORMAL,
    RR_DIST_GAMMA,
    RR_DIST_WEIBULL,
    RR_DIST_UNIFORM,
    RR_DIST_TRIANGULAR,
    RR_DIST_DETERMINISTIC,
    RR_DIST_EMPIRICAL
} rr_dist_kind;

/* An empirical distribution: values with weights (equal when none given).
 * Created by rr_empirical_create(); shared read-only between threads. */
typedef struct rr_empirical rr_empirical;

typedef struct rr_dist {
    rr_dist_kind kind;
    double p[3];          /* as written: see rr_dist_* constructors */
    double a, b, c;       /* derived parameters ready for sampling */
    const rr_empirical *emp; /* RR_DIST_EMPIRICAL only; not owned */
} rr_dist;

/* Constructors: validate, fill *d, return RR_OK or RR_ERANGE. */
int rr_dist_exponential(rr_dist *d, double mean);            /* mean > 0 */
int rr_dist_lognormal(rr_dist *d, double mean, double sd);   /* mean > 0, sd >= 0 */
int rr_dist_gamma(rr_dist *d, double mean, double sd);       /* mean > 0, sd > 0 */
int rr_dist_weibull(rr_dist *d, double shape, double scale); /* both > 0 */
int rr_dist_uniform(rr_dist *d, double min, double max);     /* 0 <= min <= max */
int rr_dist_triangular(rr_dist *d, double min, double mode, double max);
int rr_dist_deterministic(rr_dist *d, double value);         /* value >= 0 */
int rr_dist_empirical(rr_dist *d, const rr_empirical *e);

/* rr_dist_sample - one draw (days, >= 0). */
double rr_dist_sample(const rr_dist *d, gsl_rng *r);

/* rr_dist_mean, rr_dist_sd - theoretical moments (days). */
double rr_dist_mean(const rr_dist *d);
double rr_dist_sd(const rr_dist *d);

/* rr_dist_format - the written form, in days, e.g.
 * "lognormal(mean=21d, sd=10d)"; returns what snprintf returns. */
int rr_dist_format(const rr_dist *d, char *buf, size_t n);

/* Loader for empirical(...): called with the file and column as written and
 * the optional weight column (NULL when absent); returns RR_OK and sets *out,
 * or a status with a message in err.  ctx is passed through. */
typedef int rr_empirical_loader(void *ctx, const char *file,
                                const char *column, const char *weight,
                                const rr_empirical **out, char *err,
                                size_t errlen);

/* rr_dist_parse - read the written form.  loader may be NULL, in which case
 * empirical(...) is an error. */
int rr_dist_parse(const char *text, rr_dist *out, rr_empirical_loader *loader,
                  void *ctx, char *err, size_t errlen);

/* rr_duration_parse - "21d", "2w", "3m", "1.5y", "10" (days) -> days >= 0. */
int rr_duration_parse(const char *text, double *days, char *err,
                      size_t errlen);

/* rr_rate_parse - "1500/month", "10/day", "3/w", "7" (per day) -> per day. */
int rr_rate_parse(const char *text, double *per_day, char *err,
                  size_t errlen);

/* rr_empirical_create - copy n values (and weights, or NULL for equal
 * weights; all >= 0 with a positive sum).  NULL on bad input or no memory.
 * Free with rr_empirical_destroy(). */
rr_empirical *rr_empirical_create(const double *values, const double *weights,
                                  size_t n);
void rr_empirical_destroy(rr_empirical *e);
size_t rr_empirical_size(const rr_empirical *e);

#endif
