/*
 * dist.c - duration distributions: construction, sampling through GSL,
 * theoretical moments, and the written form scenario files use.
 *
 * A constructor validates the parameters as written (kept in d->p) and
 * derives once what the sampler needs (d->a, d->b, d->c), so that
 * rr_dist_sample() is a switch and one GSL call: no allocation, no logs or
 * square roots of the parameters per draw.  An rr_dist is a plain value;
 * copying it is fine.  An empirical rr_dist points at an rr_empirical it does
 * not own.
 *
 * The parser reads one distribution, duration or rate at a time and never
 * prints: a bad text gives RR_EPARSE or RR_ERANGE and a message in err that
 * quotes what was found and says what was expected.  Numbers go through
 * strtod with checks it does not make itself: the whole token must be used,
 * only decimal notation is accepted (no hex, "inf" or "nan") and the value
 * must be finite.
 */
#include "rr_dist.h"
#include "rr_common.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_randist.h>

#if defined(__GNUC__)
#define RR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RR_PRINTF(f, a)
#endif

struct rr_empirical {
    size_t n;
    double *values;
    gsl_ran_discrete_t *table; /* Walker alias table over the weights */
    double mean, sd;           /* weighted, computed once */
};

/* Indexed by rr_dist_kind. */
static const char *const kind_names[] = {
    "exponential", "lognormal",  "gamma",         "weibull",
    "uniform",     "triangular", "deterministic", "empirical",
};

/* {===================================================================
 * Constructors
 * ==================================================================== */

static void dist_set(rr_dist *d, rr_dist_kind kind, double p0, double p1,
                     double p2)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    d->p[0] = p0;
    d->p[1] = p1;
    d->p[2] = p2;
}

/* rr_dist_exponential - mean > 0; gsl_ran_exponential takes the mean. */
int rr_dist_exponential(rr_dist *d, double mean)
{
    if (!(isfinite(mean) && mean > 0))
        return RR_ERANGE;
    dist_set(d, RR_DIST_EXPONENTIAL, mean, 0, 0);
    d->a = mean;
    return RR_OK;
}

/* rr_dist_lognormal - from the mean m and sd s of the duration itself:
 * sigma^2 = ln(1 + s^2/m^2), zeta = ln m - sigma^2/2. */
int rr_dist_lognormal(rr_dist *d, double mean, double sd)
{
    if (!(isfinite(mean) && mean > 0 && isfinite(sd) && sd >= 0))
        return RR_ERANGE;
    double cv = sd / mean;
    double sigma2 = log1p(cv * cv);
    double zeta = log(mean) - sigma2 / 2;
    if (!isfinite(sigma2) || !isfinite(zeta))
        return RR_ERANGE;
    dist_set(d, RR_DIST_LOGNORMAL, mean, sd, 0);
    d->a = zeta;
    d->b = sqrt(sigma2);
    return RR_OK;
}

/* rr_dist_gamma - shape k = m^2/s^2, scale theta = s^2/m. */
int rr_dist_gamma(rr_dist *d, double mean, double sd)
{
    if (!(isfinite(mean) && mean > 0 && isfinite(sd) && sd > 0))
        return RR_ERANGE;
    double cv = sd / mean;
    double shape = 1.0 / (cv * cv);
    double scale = sd * cv;
    /* An extreme ratio under- or overflows; GSL cannot sample shape 0. */
    if (!(isfinite(shape) && shape > 0 && isfinite(scale) && scale > 0))
        return RR_ERANGE;
    dist_set(d, RR_DIST_GAMMA, mean, sd, 0);
    d->a = shape;
    d->b = scale;
    return RR_OK;
}

/* rr_dist_weibull - shape k > 0, scale lambda > 0 (days), with a finite
 * mean and sd: a tiny shape (1e-3) makes Gamma(1 + 1/k) overflow, and the
 * draws with it. */
int rr_dist_weibull(rr_dist *d, double shape, double scale)
{
    if (!(isfinite(shape) && shape > 0 && isfinite(scale) && scale > 0))
        return RR_ERANGE;
    if (!isfinite(scale * tgamma(1 + 2 / shape)))
        return RR_ERANGE;
    dist_set(d, RR_DIST_WEIBULL, shape, scale, 0);
    d->a = scale; /* gsl_ran_weibull(r, a = scale, b = shape) */
    d->b = shape;
    return RR_OK;
}

/* rr_dist_uniform - 0 <= min <= max; a = min, b = width. */
int rr_dist_uniform(rr_dist *d, double min, double max)
{
    if (!(isfinite(min) && isfinite(max) && min >= 0 && max >= min))
        return RR_ERANGE;
    dist_set(d, RR_DIST_UNIFORM, min, max, 0);
    d->a = min;
    d->b = max - min;
    return RR_OK;
}

/* rr_dist_triangular - 0 <= min <= mode <= max.  Derived for the inverse
 * cdf: a = F(mode) = (mode-min)/(max-min), b = (max-min)(mode-min),
 * c = (max-min)(max-mode). */
int rr_dist_triangular(rr_dist *d, double min, double mode, double max)
{
    if (!(isfinite(min) && isfinite(mode) && isfinite(max) && min >= 0 &&
          mode >= min && max >= mode))
        return RR_ERANGE;
    double w = max - min;
    if (!isfinite(w * (max - mode)) || !isfinite(w * (mode - min)))
        return RR_ERANGE; /* the inverse cdf below would overflow */
    dist_set(d, RR_DIST_TRIANGULAR, min, mode, max);
    d->a = w > 0 ? (mode - min) / w : 0; /* min == max: always max */
    d->b = w * (mode - min);
    d->c = w * (max - mode);
    return RR_OK;
}

/* rr_dist_deterministic - always value >= 0. */
int rr_dist_deterministic(rr_dist *d, double value)
{
    if (!(isfinite(value) && value >= 0))
        return RR_ERANGE;
    dist_set(d, RR_DIST_DETERMINISTIC, value, 0, 0);
    d->a = value;
    return RR_OK;
}

/* rr_dist_empirical - p[0] = number of values, a = mean, b = sd. */
int rr_dist_empirical(rr_dist *d, const rr_empirical *e)
{
    if (!e)
        return RR_EINVAL;
    dist_set(d, RR_DIST_EMPIRICAL, (double)e->n, 0, 0);
    d->a = e->mean;
    d->b = e->sd;
    d->emp = e;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Sampling - one inline helper per kind, each under its density
 * ==================================================================== */

/* p(x) = 1/mu exp(-x/mu), x >= 0;  a = mu. */
static inline double sample_exponential(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_exponential(r, d->a);
}

/* p(x) = 1/(x sigma sqrt(2 pi)) exp(-(ln x - zeta)^2 / (2 sigma^2)), x > 0;
 * a = zeta, b = sigma. */
static inline double sample_lognormal(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_lognormal(r, d->a, d->b);
}

/* p(x) = x^(k-1) exp(-x/theta) / (Gamma(k) theta^k), x > 0;
 * a = k, b = theta. */
static inline double sample_gamma(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_gamma(r, d->a, d->b);
}

/* p(x) = (k/lambda) (x/lambda)^(k-1) exp(-(x/lambda)^k), x >= 0;
 * a = lambda, b = k. */
static inline double sample_weibull(const rr_dist *d, gsl_rng *r)
{
    return gsl_ran_weibull(r, d->a, d->b);
}

/* p(x) = 1/(max-min), min <= x < max;  a = min, b = max - min. */
static inline double sample_uniform(const rr_dist *d, gsl_rng *r)
{
    return d->a + d->b * gsl_rng_uniform(r);
}

/* p(x) = 2(x-min) / ((max-min)(mode-min)),  min <= x < mode,
 *        2(max-x) / ((max-min)(max-mode)),  mode <= x <= max.
 * Inverse cdf of u ~ U[0,1): min + sqrt(u b) below F(mode) = a, else
 * max - sqrt((1-u) c). */
static inline double sample_triangular(const rr_dist *d, gsl_rng *r)
{
    double u = gsl_rng_uniform(r);
    if (u < d->a)
        return d->p[0] + sqrt(u * d->b);
    return d->p[2] - sqrt((1.0 - u) * d->c);
}

/* P(x = value) = 1.  Draws nothing from r. */
static inline double sample_deterministic(const rr_dist *d)
{
    return d->a;
}

/* P(x = v_i) = w_i / sum_j w_j, by Walker's alias method. */
static inline double sample_empirical(const rr_dist *d, gsl_rng *r)
{
    const rr_empirical *e = d->emp;
    return e->values[gsl_ran_discrete(r, e->table)];
}

/* rr_dist_sample - one draw in days. */
double rr_dist_sample(const rr_dist *d, gsl_rng *r)
{
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL: return sample_exponential(d, r);
    case RR_DIST_LOGNORMAL: return sample_lognormal(d, r);
    case RR_DIST_GAMMA: return sample_gamma(d, r);
    case RR_DIST_WEIBULL: return sample_weibull(d, r);
    case RR_DIST_UNIFORM: return sample_uniform(d, r);
    case RR_DIST_TRIANGULAR: return sample_triangular(d, r);
    case RR_DIST_DETERMINISTIC: return sample_deterministic(d);
    case RR_DIST_EMPIRICAL: return sample_empirical(d, r);
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* }=================================================================== */

/* rr_dist_mean - the theoretical mean. */
double rr_dist_mean(const rr_dist *d)
{
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL:
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
    case RR_DIST_DETERMINISTIC:
        return d->p[0];
    case RR_DIST_WEIBULL: /* lambda Gamma(1 + 1/k) */
        return d->p[1] * tgamma(1 + 1 / d->p[0]);
    case RR_DIST_UNIFORM:
        return (d->p[0] + d->p[1]) / 2;
    case RR_DIST_TRIANGULAR:
        return (d->p[0] + d->p[1] + d->p[2]) / 3;
    case RR_DIST_EMPIRICAL:
        return d->a;
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* rr_dist_sd - the theoretical standard deviation. */
double rr_dist_sd(const rr_dist *d)
{
    double lo, mo, hi, g1, g2;
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL:
        return d->p[0];
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
        return d->p[1];
    case RR_DIST_DETERMINISTIC:
        return 0;
    case RR_DIST_WEIBULL: /* lambda sqrt(Gamma(1 + 2/k) - Gamma(1 + 1/k)^2) */
        g1 = tgamma(1 + 1 / d->p[0]);
        g2 = tgamma(1 + 2 / d->p[0]);
        return d->p[1] * sqrt(fmax(g2 - g1 * g1, 0));
    case RR_DIST_UNIFORM: /* (max - min) / sqrt(12) */
        return (d->p[1] - d->p[0]) / sqrt(12.0);
    case RR_DIST_TRIANGULAR:
        /* sqrt((a^2 + b^2 + c^2 - ab - ac - bc) / 18) */
        lo = d->p[0];
        mo = d->p[1];
        hi = d->p[2];
        return sqrt(fmax(lo * lo + mo * mo + hi * hi - lo * mo - lo * hi -
                             mo * hi,
                         0) /
                    18);
    case RR_DIST_EMPIRICAL:
        return d->b;
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* rr_dist_format - the written form in days, which rr_dist_parse reads back
 * (to %g's six digits).  Empirical distributions do not know their file, so
 * they are described rather than written. */
int rr_dist_format(const rr_dist *d, char *buf, size_t n)
{
    const double *p = d->p;
    switch (d->kind) {
    case RR_DIST_EXPONENTIAL:
        return snprintf(buf, n, "exponential(mean=%gd)", p[0]);
    case RR_DIST_LOGNORMAL:
        return snprintf(buf, n, "lognormal(mean=%gd, sd=%gd)", p[0], p[1]);
    case RR_DIST_GAMMA:
        return snprintf(buf, n, "gamma(mean=%gd, sd=%gd)", p[0], p[1]);
    case RR_DIST_WEIBULL:
        return snprintf(buf, n, "weibull(shape=%g, scale=%gd)", p[0], p[1]);
    case RR_DIST_UNIFORM:
        return snprintf(buf, n, "uniform(min=%gd, max=%gd)", p[0], p[1]);
    case RR_DIST_TRIANGULAR:
        return snprintf(buf, n, "triangular(min=%gd, mode=%gd, max=%gd)",
                        p[0], p[1], p[2]);
    case RR_DIST_DETERMINISTIC:
        return snprintf(buf, n, "deterministic(value=%gd)", p[0]);
    case RR_DIST_EMPIRICAL:
        return snprintf(buf, n, "empirical(n=%zu, mean=%gd, sd=%gd)",
                        d->emp ? d->emp->n : (size_t)0, d->a, d->b);
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}

/* {===================================================================
 * Empirical distributions
 * ==================================================================== */

/* rr_empirical_create - copy the values; weights only feed the alias table
 * and the moments, so they are not kept. */
rr_empirical *rr_empirical_create(const double *values, const double *weights,
                                  size_t n)
{
    if (!values || n == 0 || n > SIZE_MAX / sizeof(double))
        return NULL;
    double wsum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(isfinite(values[i]) && values[i] >= 0))
            return NULL;
        if (weights) {
            if (!(isfinite(weights[i]) && weights[i] >= 0))
                return NULL;
            wsum += weights[i];
        }
    }
    if (weights && !(isfinite(wsum) && wsum > 0))
        return NULL;
    if (!weights)
        wsum = (double)n;

    rr_empirical *e = calloc(1, sizeof *e);
    double *ones = NULL;
    if (!e)
        return NULL;
    e->n = n;
    e->values = malloc(n * sizeof *e->values);
    if (!weights) {
        ones = malloc(n * sizeof *ones);
        if (ones)
            for (size_t i = 0; i < n; i++)
                ones[i] = 1.0;
    }
    const double *w = weights ? weights : ones;
    if (!e->values || !w)
        goto fail;
    memcpy(e->values, values, n * sizeof *e->values);
    e->table = gsl_ran_discrete_preproc(n, w);
    if (!e->table)
        goto fail;

    /* Two passes: the mean first, then squared deviations from it, which
     * keeps the variance accurate when the values are large and close. */
    double mean = 0, var = 0;
    for (size_t i = 0; i < n; i++)
        mean += w[i] * values[i];
    mean /= wsum;
    for (size_t i = 0; i < n; i++)
        var += w[i] * (values[i] - mean) * (values[i] - mean);
    e->mean = mean;
    e->sd = sqrt(var / wsum);
    free(ones);
    if (!isfinite(e->mean) || !isfinite(e->sd)) {
        /* values too large to average (two of 1e308) */
        rr_empirical_destroy(e);
        return NULL;
    }
    return e;

fail:
    free(ones);
    rr_empirical_destroy(e);
    return NULL;
}

/* rr_empirical_destroy - free the values and the alias table; NULL is a
 * no-op. */
void rr_empirical_destroy(rr_empirical *e)
{
    if (!e)
        return;
    if (e->table)
        gsl_ran_discrete_free(e->table);
    free(e->values);
    free(e);
}

/* rr_empirical_size - the number of values (0 for NULL). */
size_t rr_empirical_size(const rr_empirical *e)
{
    return e ? e->n : 0;
}

/* }=================================================================== */

/* {===================================================================
 * Parsing
 * ==================================================================== */

/* A piece of the input: not NUL-terminated. */
typedef struct {
    const char *p;
    size_t n;
} slice;

static slice trim(const char *p, size_t n)
{
    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    return (slice){p, n};
}

static bool slice_ieq(slice s, const char *word)
{
    return strlen(word) == s.n && strncasecmp(s.p, word, s.n) == 0;
}

/* Quoted pieces of input in messages are cut at this length. */
#define QUOTE_MAX 200
#define QUOTE(s) (int)((s).n < QUOTE_MAX ? (s).n : QUOTE_MAX), (s).p

RR_PRINTF(4, 5)
static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return status;
}

static const struct {
    const char *name;
    double days;
} units[] = {
    {"d", 1}, {"day", 1}, {"days", 1},
    {"w", RR_DAYS_PER_WEEK}, {"week", RR_DAYS_PER_WEEK},
    {"weeks", RR_DAYS_PER_WEEK},
    {"m", RR_DAYS_PER_MONTH}, {"month", RR_DAYS_PER_MONTH},
    {"months", RR_DAYS_PER_MONTH},
    {"y", RR_DAYS_PER_YEAR}, {"year", RR_DAYS_PER_YEAR},
    {"years", RR_DAYS_PER_YEAR},
};

/* unit_days - days in the unit named by s (case-insensitive); 0 if none. */
static double unit_days(slice s)
{
    for (size_t i = 0; i < RR_COUNTOF(units); i++)
        if (slice_ieq(s, units[i].name))
            return units[i].days;
    return 0;
}

/* scan_number - read a decimal number at the start of s; returns how many
 * characters it took, 0 if s does not start with one.  strtod alone would
 * also take "inf", "nan", hex and leading spaces, and needs a terminated
 * string, hence the copy and the checks. */
static size_t scan_number(slice s, double *x)
{
    char buf[64];
    size_t i = 0;
    if (s.n >= sizeof buf)
        return 0;
    memcpy(buf, s.p, s.n);
    buf[s.n] = '\0';
    if (buf[i] == '+' || buf[i] == '-')
        i++;
    if (!isdigit((unsigned char)buf[i]) &&
        !(buf[i] == '.' && isdigit((unsigned char)buf[i + 1])))
        return 0;
    char *end;
    double v = strtod(buf, &end);
    for (const char *q = buf; q < end; q++)
        if (!strchr("0123456789.eE+-", *q))
            return 0; /* "0x1p3" */
    if (end == buf || !isfinite(v))
        return 0; /* "1e999" overflows to inf */
    *x = v;
    return (size_t)(end - buf);
}

/* number_only - s is exactly one number. */
static bool number_only(slice s, double *x)
{
    return s.n && scan_number(s, x) == s.n;
}

/* duration_signed - a number with an optional unit, spaces between allowed;
 * sign not checked here, so callers can name the limit in their message.
 * *big is set when the form is right but the days overflow ("1e308y"). */
static bool duration_signed(slice s, double *days, bool *big)
{
    double x;
    size_t k = scan_number(s, &x);
    *big = false;
    if (!k)
        return false;
    slice unit = trim(s.p + k, s.n - k);
    double f = unit.n ? unit_days(unit) : 1;
    if (f == 0)
        return false;
    *days = x * f + 0.0; /* "-0" reads as 0 */
    *big = !isfinite(*days);
    return !*big;
}

#define TOO_LONG(s)                                                         \
    "duration '%.*s' is too long (more than %g days)", QUOTE(s), DBL_MAX

#define DURATION_EXPECTED "expected a duration such as 21d, 2w or 3m"

/* rr_duration_parse - "21d", "2 weeks", "1.5y", "10" (days). */
int rr_duration_parse(const char *text, double *days, char *err,
                      size_t errlen)
{
    slice s = trim(text ? text : "", text ? strlen(text) : 0);
    double x;
    bool big;
    if (!duration_signed(s, &x, &big))
        return big ? fail(err, errlen, RR_ERANGE, TOO_LONG(s))
                   : fail(err, errlen, RR_EPARSE,
                          DURATION_EXPECTED ", got '%.*s'", QUOTE(s));
    if (x < 0)
        return fail(err, errlen, RR_ERANGE,
                    "duration must be >= 0, got '%.*s'", QUOTE(s));
    *days = x;
    return RR_OK;
}

/* rr_rate_parse - "1500/month", "10 / day", "3/w", "7" (per day). */
int rr_rate_parse(const char *text, double *per_day, char *err,
                  size_t errlen)
{
    slice s = trim(text ? text : "", text ? strlen(text) : 0);
    const char *slash = memchr(s.p, '/', s.n);
    slice num = slash ? trim(s.p, (size_t)(slash - s.p)) : s;
    double x, days = 1;
    bool ok = number_only(num, &x);
    if (ok && slash) {
        slice unit = trim(slash + 1, s.n - (size_t)(slash + 1 - s.p));
        days = unit_days(unit);
        ok = days > 0;
    }
    if (!ok)
        return fail(err, errlen, RR_EPARSE,
                    "expected a rate such as 1500/month or 10/day, got "
                    "'%.*s'",
                    QUOTE(s));
    if (x < 0)
        return fail(err, errlen, RR_ERANGE, "rate must be >= 0, got '%.*s'",
                    QUOTE(s));
    *per_day = x / days + 0.0;
    return RR_OK;
}

enum arg_type {
    ARG_DURATION, /* number with an optional unit, in days */
    ARG_NUMBER,   /* plain number, no unit */
    ARG_TEXT      /* a name, optionally in double quotes */
};

typedef struct {
    const char *name;
    enum arg_type type;
    bool optional;
} arg_spec;

typedef struct {
    rr_dist_kind kind;
    int nargs;
    arg_spec args[3]; /* positional order */
} dist_spec;

static const dist_spec specs[] = {
    {RR_DIST_EXPONENTIAL, 1, {{"mean", ARG_DURATION, false}}},
    {RR_DIST_LOGNORMAL, 2,
     {{"mean", ARG_DURATION, false}, {"sd", ARG_DURATION, false}}},
    {RR_DIST_GAMMA, 2,
     {{"mean", ARG_DURATION, false}, {"sd", ARG_DURATION, false}}},
    {RR_DIST_WEIBULL, 2,
     {{"shape", ARG_NUMBER, false}, {"scale", ARG_DURATION, false}}},
    {RR_DIST_UNIFORM, 2,
     {{"min", ARG_DURATION, false}, {"max", ARG_DURATION, false}}},
    {RR_DIST_TRIANGULAR, 3,
     {{"min", ARG_DURATION, false},
      {"mode", ARG_DURATION, false},
      {"max", ARG_DURATION, false}}},
    {RR_DIST_DETERMINISTIC, 1, {{"value", ARG_DURATION, false}}},
    {RR_DIST_EMPIRICAL, 3,
     {{"file", ARG_TEXT, false},
      {"column", ARG_TEXT, false},
      {"weight", ARG_TEXT, true}}},
};

/* arg_list - "mean, sd" (all), or with `and` the required ones as
 * "min, mode and max". */
static void arg_list(const dist_spec *sp, bool required_and, char *buf,
                     size_t n)
{
    const char *names[3];
    int k = 0;
    for (int i = 0; i < sp->nargs; i++)
        if (!required_and || !sp->args[i].optional)
            names[k++] = sp->args[i].name;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < k && used < n; i++) {
        const char *sep = i == 0                       ? ""
                          : (required_and && i == k - 1) ? " and "
                                                         : ", ";
        int w = snprintf(buf + used, n - used, "%s%s", sep, names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* edit_distance - optimal string alignment distance (insertions, deletions,
 * substitutions, adjacent swaps), case-insensitive; SIZE_MAX if too long to
 * be worth comparing. */
static size_t edit_distance(slice a, const char *b)
{
    enum { MAXLEN = 24 };
    size_t na = a.n, nb = strlen(b);
    size_t dp[MAXLEN + 1][MAXLEN + 1];
    if (na > MAXLEN || nb > MAXLEN)
        return SIZE_MAX;
    for (size_t i = 0; i <= na; i++)
        dp[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        dp[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            int ca = tolower((unsigned char)a.p[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            size_t best = dp[i - 1][j - 1] + (ca != cb);
            if (dp[i - 1][j] + 1 < best)
                best = dp[i - 1][j] + 1;
            if (dp[i][j - 1] + 1 < best)
                best = dp[i][j - 1] + 1;
            if (i > 1 && j > 1 &&
                ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a.p[i - 2]) == cb &&
                dp[i - 2][j - 2] + 1 < best)
                best = dp[i - 2][j - 2] + 1;
            dp[i][j] = best;
        }
    }
    return dp[na][nb];
}

/* suggest - the known name `name` most likely meant: a close spelling (one
 * edit for short words, two for longer) or a prefix of three or more
 * letters; NULL if nothing is close. */
static const char *suggest(slice name)
{
    const char *best = NULL;
    size_t best_d = name.n <= 4 ? 1 : 2;
    for (size_t i = 0; i < RR_COUNTOF(kind_names); i++) {
        if (name.n >= 3 && name.n < strlen(kind_names[i]) &&
            strncasecmp(name.p, kind_names[i], name.n) == 0)
            return kind_names[i];
        size_t dist = edit_distance(name, kind_names[i]);
        if (dist <= best_d && (!best || dist < best_d)) {
            best = kind_names[i];
            best_d = dist;
        }
    }
    return best;
}

/* find_outside_quotes - first c in s not inside "..."; NULL if none. */
static const char *find_outside_quotes(slice s, char c)
{
    bool quoted = false;
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] == '"')
            quoted = !quoted;
        else if (s.p[i] == c && !quoted)
            return s.p + i;
    }
    return NULL;
}

/* unquote - strip one pair of surrounding double quotes. */
static slice unquote(slice s)
{
    if (s.n >= 2 && s.p[0] == '"' && s.p[s.n - 1] == '"')
        return (slice){s.p + 1, s.n - 2};
    return s;
}

/* call_loader - NUL-terminate the empirical arguments for the loader. */
static int call_loader(rr_empirical_loader *loader, void *ctx,
                       const slice *val, const bool *have,
                       const rr_empirical **emp, char *err, size_t errlen)
{
    char *file = strndup(val[0].p, val[0].n);
    char *column = strndup(val[1].p, val[1].n);
    char *weight = have[2] ? strndup(val[2].p, val[2].n) : NULL;
    int rc;
    if (!file || !column || (have[2] && !weight))
        rc = fail(err, errlen, RR_ENOMEM, "out of memory");
    else
        rc = loader(ctx, file, column, weight, emp, err, errlen);
    free(file);
    free(column);
    free(weight);
    return rc;
}

/* check_ranges - the constructor's limits, with messages that quote the
 * arguments as written. */
static int check_ranges(const dist_spec *sp, const double *v,
                        const slice *val, char *err, size_t errlen)
{
    switch (sp->kind) {
    case RR_DIST_EXPONENTIAL:
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
        if (!(v[0] > 0))
            return fail(err, errlen, RR_ERANGE,
                        "mean must be > 0, got '%.*s'", QUOTE(val[0]));
        if (sp->kind == RR_DIST_LOGNORMAL && !(v[1] >= 0))
            return fail(err, errlen, RR_ERANGE,
                        "sd must be >= 0, got '%.*s'", QUOTE(val[1]));
        if (sp->kind == RR_DIST_GAMMA && !(v[1] > 0))
            return fail(err, errlen, RR_ERANGE,
                        "sd must be > 0, got '%.*s'", QUOTE(val[1]));
        break;
    case RR_DIST_WEIBULL:
        for (int i = 0; i < 2; i++)
            if (!(v[i] > 0))
                return fail(err, errlen, RR_ERANGE,
                            "%s must be > 0, got '%.*s'", sp->args[i].name,
                            QUOTE(val[i]));
        break;
    case RR_DIST_UNIFORM:
    case RR_DIST_TRIANGULAR:
        if (!(v[0] >= 0))
            return fail(err, errlen, RR_ERANGE,
                        "min must be >= 0, got '%.*s'", QUOTE(val[0]));
        if (sp->kind == RR_DIST_UNIFORM && !(v[1] >= v[0]))
            return fail(err, errlen, RR_ERANGE,
                        "uniform needs min <= max, got min=%.*s, max=%.*s",
                        QUOTE(val[0]), QUOTE(val[1]));
        if (sp->kind == RR_DIST_TRIANGULAR && !(v[0] <= v[1] && v[1] <= v[2]))
            return fail(err, errlen, RR_ERANGE,
                        "triangular needs min <= mode <= max, got min=%.*s, "
                        "mode=%.*s, max=%.*s",
                        QUOTE(val[0]), QUOTE(val[1]), QUOTE(val[2]));
        break;
    case RR_DIST_DETERMINISTIC:
        if (!(v[0] >= 0))
            return fail(err, errlen, RR_ERANGE,
                        "value must be >= 0, got '%.*s'", QUOTE(val[0]));
        break;
    case RR_DIST_EMPIRICAL:
        break;
    }
    return RR_OK;
}

#define DIST_EXPECTED                                                      \
    "expected a distribution such as lognormal(mean=21d, sd=10d)"

/* rr_dist_parse - name(arg, ...) with named or positional arguments.  On
 * error *out is left as it was. */
int rr_dist_parse(const char *text, rr_dist *out, rr_empirical_loader *loader,
                  void *ctx, char *err, size_t errlen)
{
    slice all = trim(text ? text : "", text ? strlen(text) : 0);
    const char *open = memchr(all.p, '(', all.n);
    if (!open)
        return fail(err, errlen, RR_EPARSE, DIST_EXPECTED ", got '%.*s'",
                    QUOTE(all));

    /* The name. */
    slice name = trim(all.p, (size_t)(open - all.p));
    bool word = name.n > 0;
    for (size_t i = 0; i < name.n; i++)
        if (!isalpha((unsigned char)name.p[i]))
            word = false;
    if (!word)
        return fail(err, errlen, RR_EPARSE, DIST_EXPECTED ", got '%.*s'",
                    QUOTE(all));
    const dist_spec *sp = NULL;
    for (size_t i = 0; i < RR_COUNTOF(specs); i++)
        if (slice_ieq(name, kind_names[specs[i].kind]))
            sp = &specs[i];
    if (!sp) {
        const char *guess = suggest(name);
        if (guess)
            return fail(err, errlen, RR_EPARSE,
                        "unknown distribution '%.*s' (did you mean '%s'?)",
                        QUOTE(name), guess);
        return fail(err, errlen, RR_EPARSE,
                    "unknown distribution '%.*s' (expected exponential, "
                    "lognormal, gamma, weibull, uniform, triangular, "
                    "deterministic or empirical)",
                    QUOTE(name));
    }
    const char *dname = kind_names[sp->kind];
    char expected[64];
    arg_list(sp, false, expected, sizeof expected);

    if (all.p[all.n - 1] != ')')
        return fail(err, errlen, RR_EPARSE, "missing ')' at the end of '%.*s'",
                    QUOTE(all));
    const char *inner_end = all.p + all.n - 1;
    slice inner = trim(open + 1, (size_t)(inner_end - (open + 1)));

    /* The arguments: split at commas outside quotes. */
    slice val[3] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
    bool have[3] = {false, false, false};
    bool named_seen = false;
    int npos = 0;
    {
        size_t quotes = 0;
        for (size_t i = 0; i < inner.n; i++)
            quotes += inner.p[i] == '"';
        if (quotes % 2)
            return fail(err, errlen, RR_EPARSE,
                        "unterminated quote in '%.*s'", QUOTE(all));
    }
    const char *p = inner.p, *stop = inner.p + inner.n;
    while (inner.n && p <= stop) {
        slice rest = {p, (size_t)(stop - p)};
        const char *comma = find_outside_quotes(rest, ',');
        const char *end = comma ? comma : stop;
        slice arg = trim(p, (size_t)(end - p));
        p = end + 1;
        if (!arg.n)
            return fail(err, errlen, RR_EPARSE, "empty argument in '%.*s'",
                        QUOTE(all));
        const char *eq = find_outside_quotes(arg, '=');
        int idx;
        slice v;
        if (eq) {
            slice key = trim(arg.p, (size_t)(eq - arg.p));
            v = trim(eq + 1, arg.n - (size_t)(eq + 1 - arg.p));
            for (idx = 0; idx < sp->nargs; idx++)
                if (slice_ieq(key, sp->args[idx].name))
                    break;
            if (idx == sp->nargs)
                return fail(err, errlen, RR_EPARSE,
                            "unknown argument '%.*s' for %s (expected %s)",
                            QUOTE(key), dname, expected);
            if (!v.n)
                return fail(err, errlen, RR_EPARSE,
                            "missing value for %s in '%.*s'",
                            sp->args[idx].name, QUOTE(all));
            named_seen = true;
        } else {
            v = arg;
            if (named_seen)
                return fail(err, errlen, RR_EPARSE,
                            "positional argument '%.*s' after named ones in "
                            "'%.*s'",
                            QUOTE(arg), QUOTE(all));
            idx = npos++;
            if (idx >= sp->nargs)
                return fail(err, errlen, RR_EPARSE,
                            "too many arguments for %s (expected %s), got "
                            "'%.*s'",
                            dname, expected, QUOTE(inner));
        }
        if (have[idx])
            return fail(err, errlen, RR_EPARSE, "%s given twice in '%.*s'",
                        sp->args[idx].name, QUOTE(all));
        have[idx] = true;
        val[idx] = v;
        if (!comma)
            break;
    }
    for (int i = 0; i < sp->nargs; i++) {
        if (!have[i] && !sp->args[i].optional) {
            char needed[64];
            arg_list(sp, true, needed, sizeof needed);
            return fail(err, errlen, RR_EPARSE, "%s needs %s, got '%.*s'",
                        dname, needed, QUOTE(inner));
        }
    }

    /* The values. */
    double v[3] = {0, 0, 0};
    for (int i = 0; i < sp->nargs; i++) {
        if (!have[i])
            continue;
        bool big;
        switch (sp->args[i].type) {
        case ARG_DURATION:
            if (!duration_signed(val[i], &v[i], &big))
                return big ? fail(err, errlen, RR_ERANGE, TOO_LONG(val[i]))
                           : fail(err, errlen, RR_EPARSE,
                                  DURATION_EXPECTED ", got '%.*s'",
                                  QUOTE(val[i]));
            break;
        case ARG_NUMBER:
            if (!number_only(val[i], &v[i]))
                return fail(err, errlen, RR_EPARSE,
                            "expected a number for %s, got '%.*s'",
                            sp->args[i].name, QUOTE(val[i]));
            break;
        case ARG_TEXT:
            val[i] = unquote(val[i]);
            if (!val[i].n)
                return fail(err, errlen, RR_EPARSE,
                            "missing value for %s in '%.*s'",
                            sp->args[i].name, QUOTE(all));
            break;
        }
    }
    int rc = check_ranges(sp, v, val, err, errlen);
    if (rc != RR_OK)
        return rc;

    rr_dist d;
    const rr_empirical *emp = NULL;
    switch (sp->kind) {
    case RR_DIST_EXPONENTIAL: rc = rr_dist_exponential(&d, v[0]); break;
    case RR_DIST_LOGNORMAL: rc = rr_dist_lognormal(&d, v[0], v[1]); break;
    case RR_DIST_GAMMA: rc = rr_dist_gamma(&d, v[0], v[1]); break;
    case RR_DIST_WEIBULL: rc = rr_dist_weibull(&d, v[0], v[1]); break;
    case RR_DIST_UNIFORM: rc = rr_dist_uniform(&d, v[0], v[1]); break;
    case RR_DIST_TRIANGULAR:
        rc = rr_dist_triangular(&d, v[0], v[1], v[2]);
        break;
    case RR_DIST_DETERMINISTIC: rc = rr_dist_deterministic(&d, v[0]); break;
    case RR_DIST_EMPIRICAL:
        if (!loader)
            return fail(err, errlen, RR_EINVAL,
                        "empirical distributions need a scenario file to "
                        "load their CSV");
        rc = call_loader(loader, ctx, val, have, &emp, err, errlen);
        if (rc != RR_OK)
            return rc;
        rc = rr_dist_empirical(&d, emp);
        if (rc != RR_OK)
            return fail(err, errlen, rc, "no values loaded for '%.*s'",
                        QUOTE(all));
        break;
    }
    /* Each limit is checked above with its own message; what is left is an
     * extreme ratio such as lognormal(1e-300d, 1e300d). */
    if (rc != RR_OK)
        return fail(err, errlen, rc, "parameters out of range in '%.*s'",
                    QUOTE(all));
    *out = d;
    return RR_OK;
}

/* }=================================================================== */
