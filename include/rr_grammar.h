/*
 * rr_grammar.h - the written forms of a scenario's values: durations with
 * units, rates, and distributions (see docs/scenarios.md, "Units and forms
 * of values").
 *
 * Durations are in days.  Distributions (case-insensitive names, named or
 * positional arguments, each duration with an optional unit):
 *
 *   exponential(mean=2w)             exponential(2w)
 *   lognormal(mean=21d, sd=10d)      lognormal(21d, 10d)
 *   gamma(mean=30d, sd=15d)
 *   weibull(shape=1.5, scale=40d)
 *   uniform(min=1d, max=5d)
 *   triangular(min=1d, mode=2d, max=6d)
 *   deterministic(3m)                deterministic(value=3m)
 *   empirical(file=delays.csv, column=days [, weight=w])
 *
 * Units: d (day, the default), w (7 d), m (month, 365.25/12 d), y (365.25 d);
 * the long forms day(s), week(s), month(s), year(s) also work.  Rates:
 * "1500/month", "10/day", "3.5/w", "12000/y" or a bare number (per day).
 * Numbers are decimal: no hexadecimal, "inf" or "nan", and finite.
 *
 * The parsers build rr_dist values with the engine's constructors
 * (rr_dist.h); they never print.  Errors: RR_EPARSE or RR_ERANGE with a
 * message saying what was expected and quoting what was found, e.g.
 *   "expected a duration such as 21d, 2w or 3m, got '21x'".
 * On error the output is left as it was.
 */
#ifndef RR_GRAMMAR_H
#define RR_GRAMMAR_H

#include <stddef.h>

#include "rr_dist.h"

#define RR_DAYS_PER_WEEK 7.0
#define RR_DAYS_PER_YEAR 365.25
#define RR_DAYS_PER_MONTH (365.25 / 12.0)

/* Loader for empirical(...): called with the file and column as written and
 * the optional weight column (NULL when absent); returns RR_OK and sets *out,
 * or a status with a message in err.  ctx is passed through. */
typedef int rr_empirical_loader(void *ctx, const char *file,
                                const char *column, const char *weight,
                                const rr_empirical **out, char *err,
                                size_t errlen);

/* rr_dist_parse - read the written form.  loader may be NULL, in which case
 * empirical(...) is an error (RR_EINVAL). */
int rr_dist_parse(const char *text, rr_dist *out, rr_empirical_loader *loader,
                  void *ctx, char *err, size_t errlen);

/* rr_duration_parse - "21d", "2w", "3m", "1.5y", "10" (days) -> days >= 0. */
int rr_duration_parse(const char *text, double *days, char *err,
                      size_t errlen);

/* rr_rate_parse - "1500/month", "10/day", "3/w", "7" (per day) -> per day. */
int rr_rate_parse(const char *text, double *per_day, char *err,
                  size_t errlen);

/* rr_dist_format - the written form, in days, e.g.
 * "lognormal(mean=21d, sd=10d)", which rr_dist_parse reads back (to %g's
 * six digits); an empirical distribution, which does not know its file, is
 * described instead: "empirical(n=4, mean=6d, sd=3.52d)".  Returns what
 * snprintf returns. */
int rr_dist_format(const rr_dist *d, char *buf, size_t n);

#endif
