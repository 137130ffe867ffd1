/*
 * grammar.c - the written forms of a scenario's values: durations with
 * units, rates and distributions (see include/rr_grammar.h).
 *
 * The parser reads one distribution, duration or rate at a time and never
 * prints: a bad text gives RR_EPARSE or RR_ERANGE and a message in err that
 * quotes what was found and says what was expected.  Numbers go through
 * strtod with checks it does not make itself: the whole token must be used,
 * only decimal notation is accepted (no hex, "inf" or "nan") and the value
 * must be finite.  A distribution is built by the engine's constructors
 * (rr_dist.h), which check its limits once more.
 */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rr_common.h"
#include "rr_dist.h"
#include "rr_grammar.h"
#include "rr_util.h"

/* Indexed by rr_dist_kind. */
static const char *const kind_names[] = {
    "exponential", "lognormal",  "gamma",         "weibull",
    "uniform",     "triangular", "deterministic", "empirical",
};

/* {===================================================================
 * Parsing
 * ==================================================================== */

/* A piece of the input: not NUL-terminated. */
typedef struct {
    const char *p;
    size_t n;
} slice;

/* trim - p[0..n) without blanks at its ends. */
static slice trim(const char *p, size_t n)
{
    p = rr_trim_span(p, &n);
    return (slice){p, n};
}

static bool slice_ieq(slice s, const char *word)
{
    return strlen(word) == s.n && strncasecmp(s.p, word, s.n) == 0;
}

/* Quoted pieces of input in messages are cut at this length. */
#define QUOTE_MAX 200
#define QUOTE(s) (int)((s).n < QUOTE_MAX ? (s).n : QUOTE_MAX), (s).p

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
int rr_duration_parse(const char *text, double *days, char *err, size_t errlen)
{
    slice s = trim(text ? text : "", text ? strlen(text) : 0);
    double x;
    bool big;
    if (!duration_signed(s, &x, &big))
        return big ? rr_err_set(err, errlen, RR_ERANGE, TOO_LONG(s))
                   : rr_err_set(err, errlen, RR_EPARSE,
                                DURATION_EXPECTED ", got '%.*s'", QUOTE(s));
    if (x < 0)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "duration must be >= 0, got '%.*s'", QUOTE(s));
    *days = x;
    return RR_OK;
}

/* rr_rate_parse - "1500/month", "10 / day", "3/w", "7" (per day). */
int rr_rate_parse(const char *text, double *per_day, char *err, size_t errlen)
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
        return rr_err_set(err, errlen, RR_EPARSE,
                          "expected a rate such as 1500/month or 10/day, got "
                          "'%.*s'",
                          QUOTE(s));
    if (x < 0)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "rate must be >= 0, got '%.*s'", QUOTE(s));
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

/* suggest - the distribution `name` most likely meant: a name it begins
 * (three letters or more), or one within an edit for short words, two for
 * longer ones; NULL if nothing is close. */
static const char *suggest(slice name)
{
    return rr_did_you_mean(name.p, name.n, kind_names,
                           RR_COUNTOF(kind_names), name.n <= 4 ? 1 : 2,
                           RR_DYM_NOCASE | RR_DYM_PREFIX);
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
static int call_loader(rr_empirical_loader *loader, void *ctx, const slice *val,
                       const bool *have, const rr_empirical **emp, char *err,
                       size_t errlen)
{
    char *file = strndup(val[0].p, val[0].n);
    char *column = strndup(val[1].p, val[1].n);
    char *weight = have[2] ? strndup(val[2].p, val[2].n) : NULL;
    int rc;
    if (!file || !column || (have[2] && !weight))
        rc = rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    else
        rc = loader(ctx, file, column, weight, emp, err, errlen);
    free(file);
    free(column);
    free(weight);
    return rc;
}

/* check_ranges - the constructor's limits, with messages that quote the
 * arguments as written. */
static int check_ranges(const dist_spec *sp, const double *v, const slice *val,
                        char *err, size_t errlen)
{
    switch (sp->kind) {
    case RR_DIST_EXPONENTIAL:
    case RR_DIST_LOGNORMAL:
    case RR_DIST_GAMMA:
        if (!(v[0] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "mean must be > 0, got '%.*s'", QUOTE(val[0]));
        if (sp->kind == RR_DIST_LOGNORMAL && !(v[1] >= 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "sd must be >= 0, got '%.*s'", QUOTE(val[1]));
        if (sp->kind == RR_DIST_GAMMA && !(v[1] > 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "sd must be > 0, got '%.*s'", QUOTE(val[1]));
        break;
    case RR_DIST_WEIBULL:
        for (int i = 0; i < 2; i++)
            if (!(v[i] > 0))
                return rr_err_set(err, errlen, RR_ERANGE,
                                  "%s must be > 0, got '%.*s'",
                                  sp->args[i].name, QUOTE(val[i]));
        break;
    case RR_DIST_UNIFORM:
    case RR_DIST_TRIANGULAR:
        if (!(v[0] >= 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "min must be >= 0, got '%.*s'", QUOTE(val[0]));
        if (sp->kind == RR_DIST_UNIFORM && !(v[1] >= v[0]))
            return rr_err_set(
                err, errlen, RR_ERANGE,
                "uniform needs min <= max, got min=%.*s, max=%.*s",
                QUOTE(val[0]), QUOTE(val[1]));
        if (sp->kind == RR_DIST_TRIANGULAR && !(v[0] <= v[1] && v[1] <= v[2]))
            return rr_err_set(
                err, errlen, RR_ERANGE,
                "triangular needs min <= mode <= max, got min=%.*s, "
                "mode=%.*s, max=%.*s",
                QUOTE(val[0]), QUOTE(val[1]), QUOTE(val[2]));
        break;
    case RR_DIST_DETERMINISTIC:
        if (!(v[0] >= 0))
            return rr_err_set(err, errlen, RR_ERANGE,
                              "value must be >= 0, got '%.*s'", QUOTE(val[0]));
        break;
    case RR_DIST_EMPIRICAL: break;
    }
    return RR_OK;
}

#define DIST_EXPECTED                                                      \
    "expected a distribution such as lognormal(mean=21d, sd=10d)"

/* find_spec - the distribution named by name (the text before '('), or
 * NULL with a message that quotes all and suggests a near name. */
static const dist_spec *find_spec(slice name, slice all, char *err,
                                  size_t errlen)
{
    bool word = name.n > 0;
    for (size_t i = 0; i < name.n; i++)
        if (!isalpha((unsigned char)name.p[i]))
            word = false;
    if (!word) {
        rr_err_set(err, errlen, RR_EPARSE, DIST_EXPECTED ", got '%.*s'",
                   QUOTE(all));
        return NULL;
    }
    for (size_t i = 0; i < RR_COUNTOF(specs); i++)
        if (slice_ieq(name, kind_names[specs[i].kind]))
            return &specs[i];
    const char *guess = suggest(name);
    if (guess)
        rr_err_set(err, errlen, RR_EPARSE,
                   "unknown distribution '%.*s' (did you mean '%s'?)",
                   QUOTE(name), guess);
    else
        rr_err_set(err, errlen, RR_EPARSE,
                   "unknown distribution '%.*s' (expected exponential, "
                   "lognormal, gamma, weibull, uniform, triangular, "
                   "deterministic or empirical)",
                   QUOTE(name));
    return NULL;
}

/* The arguments of a distribution as written: val[i] the text of the i-th
 * (in sp->args order), have[i] whether it was given. */
typedef struct args {
    slice val[3];
    bool have[3];
} args;

/* one_arg - argument `arg` (named, or the next positional one) into ar. */
static int one_arg(const dist_spec *sp, slice arg, slice all, slice inner,
                   bool *named_seen, int *npos, args *ar, char *err,
                   size_t errlen)
{
    const char *dname = kind_names[sp->kind];
    char expected[64];
    const char *eq = find_outside_quotes(arg, '=');
    int idx;
    slice v;
    arg_list(sp, false, expected, sizeof expected);
    if (eq) {
        slice key = trim(arg.p, (size_t)(eq - arg.p));
        v = trim(eq + 1, arg.n - (size_t)(eq + 1 - arg.p));
        for (idx = 0; idx < sp->nargs; idx++)
            if (slice_ieq(key, sp->args[idx].name))
                break;
        if (idx == sp->nargs)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "unknown argument '%.*s' for %s (expected %s)",
                              QUOTE(key), dname, expected);
        if (!v.n)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "missing value for %s in '%.*s'",
                              sp->args[idx].name, QUOTE(all));
        *named_seen = true;
    } else {
        v = arg;
        if (*named_seen)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "positional argument '%.*s' after named ones "
                              "in '%.*s'",
                              QUOTE(arg), QUOTE(all));
        idx = (*npos)++;
        if (idx >= sp->nargs)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "too many arguments for %s (expected %s), got "
                              "'%.*s'",
                              dname, expected, QUOTE(inner));
    }
    if (ar->have[idx])
        return rr_err_set(err, errlen, RR_EPARSE, "%s given twice in '%.*s'",
                          sp->args[idx].name, QUOTE(all));
    ar->have[idx] = true;
    ar->val[idx] = v;
    return RR_OK;
}

/* split_args - the text between the parentheses, split at commas outside
 * quotes, into ar; every required argument must be there. */
static int split_args(const dist_spec *sp, slice all, slice inner, args *ar,
                      char *err, size_t errlen)
{
    bool named_seen = false;
    int npos = 0;
    size_t quotes = 0;
    for (size_t i = 0; i < inner.n; i++)
        quotes += inner.p[i] == '"';
    if (quotes % 2)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "unterminated quote in '%.*s'", QUOTE(all));
    const char *p = inner.p, *stop = inner.p + inner.n;
    while (inner.n && p <= stop) {
        slice rest = {p, (size_t)(stop - p)};
        const char *comma = find_outside_quotes(rest, ',');
        const char *end = comma ? comma : stop;
        slice arg = trim(p, (size_t)(end - p));
        p = end + 1;
        if (!arg.n)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "empty argument in '%.*s'", QUOTE(all));
        int rc = one_arg(sp, arg, all, inner, &named_seen, &npos, ar, err,
                         errlen);
        if (rc != RR_OK)
            return rc;
        if (!comma)
            break;
    }
    for (int i = 0; i < sp->nargs; i++) {
        if (!ar->have[i] && !sp->args[i].optional) {
            char needed[64];
            arg_list(sp, true, needed, sizeof needed);
            return rr_err_set(err, errlen, RR_EPARSE,
                              "%s needs %s, got '%.*s'",
                              kind_names[sp->kind], needed, QUOTE(inner));
        }
    }
    return RR_OK;
}

/* arg_values - each argument given as a number of days, a plain number or
 * a text (unquoted in ar), into v. */
static int arg_values(const dist_spec *sp, slice all, args *ar, double *v,
                      char *err, size_t errlen)
{
    for (int i = 0; i < sp->nargs; i++) {
        slice *val = &ar->val[i];
        bool big;
        if (!ar->have[i])
            continue;
        switch (sp->args[i].type) {
        case ARG_DURATION:
            if (!duration_signed(*val, &v[i], &big))
                return big ? rr_err_set(err, errlen, RR_ERANGE,
                                        TOO_LONG(*val))
                           : rr_err_set(err, errlen, RR_EPARSE,
                                        DURATION_EXPECTED ", got '%.*s'",
                                        QUOTE(*val));
            break;
        case ARG_NUMBER:
            if (!number_only(*val, &v[i]))
                return rr_err_set(err, errlen, RR_EPARSE,
                                  "expected a number for %s, got '%.*s'",
                                  sp->args[i].name, QUOTE(*val));
            break;
        case ARG_TEXT:
            *val = unquote(*val);
            if (!val->n)
                return rr_err_set(err, errlen, RR_EPARSE,
                                  "missing value for %s in '%.*s'",
                                  sp->args[i].name, QUOTE(all));
            break;
        }
    }
    return RR_OK;
}

/* build - the distribution of kind sp with values v (and, for an empirical
 * one, the table the loader gives) into *d. */
static int build(const dist_spec *sp, const double *v, const args *ar,
                 slice all, rr_empirical_loader *loader, void *ctx,
                 rr_dist *d, char *err, size_t errlen)
{
    const rr_empirical *emp = NULL;
    int rc = RR_OK;
    switch (sp->kind) {
    case RR_DIST_EXPONENTIAL: rc = rr_dist_exponential(d, v[0]); break;
    case RR_DIST_LOGNORMAL: rc = rr_dist_lognormal(d, v[0], v[1]); break;
    case RR_DIST_GAMMA: rc = rr_dist_gamma(d, v[0], v[1]); break;
    case RR_DIST_WEIBULL: rc = rr_dist_weibull(d, v[0], v[1]); break;
    case RR_DIST_UNIFORM: rc = rr_dist_uniform(d, v[0], v[1]); break;
    case RR_DIST_TRIANGULAR:
        rc = rr_dist_triangular(d, v[0], v[1], v[2]);
        break;
    case RR_DIST_DETERMINISTIC: rc = rr_dist_deterministic(d, v[0]); break;
    case RR_DIST_EMPIRICAL:
        if (!loader)
            return rr_err_set(err, errlen, RR_EINVAL,
                              "empirical distributions need a scenario file "
                              "to load their CSV");
        rc = call_loader(loader, ctx, ar->val, ar->have, &emp, err, errlen);
        if (rc != RR_OK)
            return rc;
        rc = rr_dist_empirical(d, emp);
        if (rc != RR_OK)
            return rr_err_set(err, errlen, rc, "no values loaded for '%.*s'",
                              QUOTE(all));
        break;
    }
    /* Each limit is checked before with its own message; what is left is
     * an extreme ratio such as lognormal(1e-300d, 1e300d). */
    if (rc != RR_OK)
        return rr_err_set(err, errlen, rc,
                          "parameters out of range in '%.*s'", QUOTE(all));
    return RR_OK;
}

/* rr_dist_parse - name(arg, ...) with named or positional arguments.  On
 * error *out is left as it was. */
int rr_dist_parse(const char *text, rr_dist *out, rr_empirical_loader *loader,
                  void *ctx, char *err, size_t errlen)
{
    slice all = trim(text ? text : "", text ? strlen(text) : 0);
    const char *open = memchr(all.p, '(', all.n);
    if (!open)
        return rr_err_set(err, errlen, RR_EPARSE,
                          DIST_EXPECTED ", got '%.*s'", QUOTE(all));
    const dist_spec *sp =
        find_spec(trim(all.p, (size_t)(open - all.p)), all, err, errlen);
    if (!sp)
        return RR_EPARSE;
    if (all.p[all.n - 1] != ')')
        return rr_err_set(err, errlen, RR_EPARSE,
                          "missing ')' at the end of '%.*s'", QUOTE(all));
    const char *inner_end = all.p + all.n - 1;
    slice inner = trim(open + 1, (size_t)(inner_end - (open + 1)));
    args ar;
    memset(&ar, 0, sizeof ar);
    double v[3] = {0, 0, 0};
    rr_dist d;
    int rc;
    if ((rc = split_args(sp, all, inner, &ar, err, errlen)) ||
        (rc = arg_values(sp, all, &ar, v, err, errlen)) ||
        (rc = check_ranges(sp, v, ar.val, err, errlen)) ||
        (rc = build(sp, v, &ar, all, loader, ctx, &d, err, errlen)))
        return rc;
    *out = d;
    return RR_OK;
}

/* }=================================================================== */

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
                        rr_empirical_size(d->emp), d->a, d->b);
    }
    rr_assert_always(!"unknown distribution kind");
    return 0;
}
