/*
 * uncertain.c - the parameters' declared uncertainty: NAME.range = LOW:HIGH
 * and NAME.dist = uniform(...) | triangular(...) | normal(...) |
 * lognormal(...) | beta(...), read in the units of the parameter's value.
 *
 * The unit of a parameter is that of its value as written (after ${...}):
 * a plain number, a duration ("90d", "6m": bounds in days, a bare number
 * meaning days as in any duration) or a rate ("1500/month": bounds per
 * day).  Checked here, each failure at the note's FILE:LINE: the form, the
 * distribution's own conditions (rr_udist_init), a share's support within
 * [0, 1], a duration's or a rate's >= 0, and the value as written within
 * the support (a range that excludes its own central value is a typo).
 * A value given after its range (--set, or a variant above the range's
 * file) is a choice: the parameter is not uncertain there (fixed()).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* A failure at the note: "FILE:LINE: [parameters] NAME.range: msg". */
typedef struct at_note {
    const char *file;
    int line;
    const char *key; /* "talk_interval.range" */
} at_note;

static int fail(char *err, size_t errlen, const at_note *at, int rc,
                const char *fmt, ...) RR_PRINTF(5, 6);
static int fail(char *err, size_t errlen, const at_note *at, int rc,
                const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    rr_err_vset(msg, sizeof msg, rc, fmt, ap);
    va_end(ap);
    return rr_err_at(err, errlen, rc, at->file, at->line, "[parameters] %s: %s",
                     at->key, msg);
}

/* bound - one number of a range in the parameter's unit. */
static int bound(rr_param_unit unit, const char *text, double *x, char *msg,
                 size_t n)
{
    switch (unit) {
    case RR_UNIT_DURATION:
        return rr_duration_parse(text, x, msg, n);
    case RR_UNIT_RATE:
        return rr_rate_parse(text, x, msg, n);
    case RR_UNIT_NUMBER:
        break;
    }
    if (!rri_number(text, x))
        return rr_err_set(msg, n, RR_EPARSE, "expected a number, got '%s'",
                          text);
    return RR_OK;
}

/* unit_of - the unit of the value v as written, with the scale and name of
 * the unit it is written in, for showing values to people. */
static bool unit_of(const char *v, rr_uncertain *u)
{
    double x;
    char msg[200];
    const char *p = v;
    while (isspace((unsigned char)*p))
        p++;
    while (*p && strchr("0123456789.eE+-", *p))
        p++;
    while (isspace((unsigned char)*p))
        p++;
    u->show_scale = 1;
    u->show_unit[0] = '\0';
    if (rri_number(v, &x)) {
        u->unit = RR_UNIT_NUMBER;
        u->integer = !strpbrk(v, ".eE");
    } else if (rr_duration_parse(v, &x, msg, sizeof msg) == RR_OK) {
        char one[40];
        snprintf(one, sizeof one, "1%s", p);
        u->unit = RR_UNIT_DURATION;
        if (rr_duration_parse(one, &u->show_scale, msg, sizeof msg) != RR_OK)
            u->show_scale = 1;
        snprintf(u->show_unit, sizeof u->show_unit, "%s", *p ? p : "d");
        if (strlen(p) >= sizeof u->show_unit) {
            u->show_scale = 1;
            strcpy(u->show_unit, "d");
        }
    } else if (strchr(v, '/') &&
               rr_rate_parse(v, &x, msg, sizeof msg) == RR_OK) {
        char one[40];
        snprintf(one, sizeof one, "1%s", p);
        u->unit = RR_UNIT_RATE;
        if (strlen(p) < sizeof u->show_unit &&
            rr_rate_parse(one, &u->show_scale, msg, sizeof msg) == RR_OK)
            snprintf(u->show_unit, sizeof u->show_unit, "%s", p);
        else {
            u->show_scale = 1;
            strcpy(u->show_unit, "/day");
        }
    } else {
        return false;
    }
    u->value = x;
    return true;
}

static const char *unit_word(rr_param_unit u)
{
    return u == RR_UNIT_DURATION ? "a duration such as 60d"
           : u == RR_UNIT_RATE   ? "a rate such as 1200/month"
                                 : "a number";
}

/* parse_dist - "name(a, b, ...)" into d, the arguments in unit. */
static int parse_dist(const char *text, rr_param_unit unit, rr_udist *d,
                      char *msg, size_t n)
{
    static const rr_udist_kind kinds[] = {RR_UDIST_UNIFORM,
                                          RR_UDIST_TRIANGULAR, RR_UDIST_NORMAL,
                                          RR_UDIST_LOGNORMAL, RR_UDIST_BETA};
    static const char *const forms[] = {
        "uniform(low, high)", "triangular(low, mode, high)",
        "normal(mean, sd, low, high)", "lognormal(mean, sd)", "beta(a, b)"};
    const char *open = strchr(text, '(');
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    const char *name = text;
    while (isspace((unsigned char)*name))
        name++;
    size_t nl = open ? (size_t)(open - name) : 0;
    while (nl && isspace((unsigned char)name[nl - 1]))
        nl--;
    int k = -1;
    for (size_t i = 0; open && i < RR_COUNTOF(kinds); i++)
        if (strlen(rr_udist_name(kinds[i])) == nl &&
            strncasecmp(name, rr_udist_name(kinds[i]), nl) == 0)
            k = (int)i;
    if (k < 0 || len == 0 || text[len - 1] != ')')
        return rr_err_set(msg, n, RR_EPARSE,
                          "expected uniform(low, high), triangular(low, mode, "
                          "high), normal(mean, sd, low, high), lognormal(mean, "
                          "sd) or beta(a, b), got '%s'",
                          text);
    int want = rr_udist_nparams(kinds[k]);
    double p[4] = {0, 0, 0, 0};
    int got = 0;
    const char *s = open + 1, *end = text + len - 1;
    while (s <= end) {
        const char *c = memchr(s, ',', (size_t)(end - s));
        const char *e = c ? c : end;
        char arg[64];
        size_t an = (size_t)(e - s);
        const char *a = rr_trim_span(s, &an);
        if (an == 0 || an >= sizeof arg || got == 4)
            return rr_err_set(msg, n, RR_EPARSE, "expected %s, got '%s'",
                              forms[k], text);
        memcpy(arg, a, an);
        arg[an] = '\0';
        /* beta's shapes are plain numbers; the others in the unit */
        int rc = kinds[k] == RR_UDIST_BETA
                     ? bound(RR_UNIT_NUMBER, arg, &p[got], msg, n)
                     : bound(unit, arg, &p[got], msg, n);
        if (rc)
            return rc;
        got++;
        if (!c)
            break;
        s = c + 1;
    }
    if (got != want)
        return rr_err_set(msg, n, RR_EPARSE,
                          "expected %s (%d values), got '%s'", forms[k], want,
                          text);
    if (kinds[k] == RR_UDIST_BETA && unit != RR_UNIT_NUMBER)
        return rr_err_set(msg, n, RR_EINVAL,
                          "beta(a, b) is for shares; the value is %s",
                          unit_word(unit));
    return rr_udist_init(d, kinds[k], p, msg, n);
}

/* parse_range - "LOW:HIGH" into a uniform distribution. */
static int parse_range(const char *text, rr_param_unit unit, rr_udist *d,
                       char *msg, size_t n)
{
    const char *colon = strchr(text, ':');
    if (!colon || strchr(colon + 1, ':'))
        return rr_err_set(msg, n, RR_EPARSE,
                          "expected LOW:HIGH in the value's unit (%s), got "
                          "'%s'",
                          unit_word(unit), text);
    char lo[64], hi[64];
    size_t ln = (size_t)(colon - text), hn = strlen(colon + 1);
    const char *l = rr_trim_span(text, &ln), *h = rr_trim_span(colon + 1, &hn);
    if (ln == 0 || hn == 0 || ln >= sizeof lo || hn >= sizeof hi)
        return rr_err_set(msg, n, RR_EPARSE,
                          "expected LOW:HIGH in the value's unit (%s), got "
                          "'%s'",
                          unit_word(unit), text);
    memcpy(lo, l, ln);
    lo[ln] = '\0';
    memcpy(hi, h, hn);
    hi[hn] = '\0';
    double p[2];
    int rc;
    if ((rc = bound(unit, lo, &p[0], msg, n)) ||
        (rc = bound(unit, hi, &p[1], msg, n)))
        return rc;
    if (p[0] > p[1])
        return rr_err_set(msg, n, RR_ERANGE,
                          "low must be <= high, got %s > %s", lo, hi);
    return rr_udist_init(d, RR_UDIST_UNIFORM, p, msg, n);
}

/* one - the uncertainty of parameter setting st. */
static int one(rr_scenario *sc, rri_setting *st, rr_uncertain *u, char *err,
               size_t errlen)
{
    at_note at = {sc->files[st->range_file].path, st->range_line,
                  rri_printf(&sc->arena, "%s.%s", st->name,
                             st->range_dist ? "dist" : "range")};
    if (!at.key)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    char msg[512];
    const char *v = rri_subst_plain(sc, st->pub.value, msg, sizeof msg);
    if (!v)
        return rr_err_set(err, errlen, RR_EPARSE, "%s", msg);
    memset(u, 0, sizeof *u);
    u->name = st->name;
    u->label = st->pub.label;
    u->note = st->pub.note;
    u->written = st->range;
    u->dist = st->range_dist;
    u->file = at.file;
    u->line = at.line;
    if (!unit_of(v, u))
        return fail(err, errlen, &at, RR_EINVAL,
                    "a range needs a number, a duration or a rate as the "
                    "value of '%s', got '%s'",
                    st->name, v);
    int rc = st->range_dist
                 ? parse_dist(st->range, u->unit, &u->dist_of, msg, sizeof msg)
                 : parse_range(st->range, u->unit, &u->dist_of, msg,
                               sizeof msg);
    if (rc)
        return fail(err, errlen, &at, rc, "%s", msg);
    u->share = rr_scenario_key_is_share(sc, st->name);
    const rr_udist *d = &u->dist_of;
    char lo[48], hi[48];
    rr_uncertain_show(u, d->lo, lo, sizeof lo);
    rr_uncertain_show(u, d->hi, hi, sizeof hi);
    if (u->share && (d->lo < 0 || d->hi > 1))
        return fail(err, errlen, &at, RR_ERANGE,
                    "'%s' is a share: its range must lie within [0, 1], got "
                    "[%s, %s]",
                    st->name, lo, hi);
    if (u->unit != RR_UNIT_NUMBER && d->lo < 0)
        return fail(err, errlen, &at, RR_ERANGE,
                    "a %s cannot be negative, got low %s",
                    u->unit == RR_UNIT_RATE ? "rate" : "duration", lo);
    if (u->value < d->lo || u->value > d->hi) {
        char val[48];
        rr_uncertain_show(u, u->value, val, sizeof val);
        return fail(err, errlen, &at, RR_ERANGE,
                    "the value of '%s', %s, lies outside its range [%s, %s]",
                    st->name, val, lo, hi);
    }
    return RR_OK;
}

/* fixed - the parameter's value was given after its range: by a --set (a
 * sweep's point, a what-if, a sample of an uncertainty study) or by a
 * variant above the file of the range.  A range is the uncertainty of
 * the value written beside it; a value given later is a choice, and the
 * parameter is not uncertain (nor held to the range) there. */
static bool fixed(const rr_scenario *sc, const rri_setting *st)
{
    for (size_t i = 0; i < sc->n_ov; i++)
        if (strcmp(sc->ov[i].key, st->name) == 0)
            return true;
    return st->pub.line > 0 && st->file < st->range_file;
}

int rri_build_uncertain(rr_scenario *sc, char *err, size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n_params; i++)
        n += sc->settings[sc->params[i]].range != NULL;
    sc->n_unc = 0;
    if (n == 0)
        return RR_OK;
    sc->unc = rri_alloc(&sc->arena, n * sizeof *sc->unc);
    if (!sc->unc)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n_params; i++) {
        rri_setting *st = &sc->settings[sc->params[i]];
        if (!st->range || fixed(sc, st))
            continue;
        int rc = one(sc, st, &sc->unc[sc->n_unc], err, errlen);
        if (rc)
            return rc;
        sc->n_unc++;
    }
    return RR_OK;
}

/* {===================================================================
 * Public accessors
 * ==================================================================== */

size_t rr_scenario_n_uncertain(const rr_scenario *sc)
{
    return sc->n_unc;
}

const rr_uncertain *rr_scenario_uncertain(const rr_scenario *sc, size_t i)
{
    return i < sc->n_unc ? &sc->unc[i] : NULL;
}

double rr_uncertain_draw(const rr_uncertain *p, double u)
{
    double x = rr_udist_quantile(&p->dist_of, u);
    if (p->integer) {
        x = round(x);
        /* rounding may step out of a support with fractional ends */
        if (x < p->dist_of.lo)
            x += 1;
        if (x > p->dist_of.hi)
            x -= 1;
    }
    return x;
}

int rr_uncertain_text(const rr_uncertain *p, double x, char *buf, size_t n)
{
    switch (p->unit) {
    case RR_UNIT_DURATION:
        return snprintf(buf, n, "%.17gd", x);
    case RR_UNIT_RATE:
        return snprintf(buf, n, "%.17g/day", x);
    case RR_UNIT_NUMBER:
        break;
    }
    if (p->integer)
        return snprintf(buf, n, "%.0f", x);
    return snprintf(buf, n, "%.17g", x);
}

int rr_uncertain_show(const rr_uncertain *p, double x, char *buf, size_t n)
{
    double s = p->show_scale > 0 ? p->show_scale : 1;
    return snprintf(buf, n, "%.4g%s", x / s, p->show_unit);
}

/* }=================================================================== */
