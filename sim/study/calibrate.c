/*
 * calibrate.c - fitting named settings of a scenario to observed yearly
 * figures with GSL's Nelder-Mead simplex under common random numbers (see
 * rr_calibrate.h for the problem, the loss and the search).
 *
 * An evaluation of the loss is one design point (rr_points.h): the
 * scenario with the common overrides, the calibration years, the
 * evaluation's replications and the parameters as overrides, loaded,
 * planned and run with stream point 0, then compared with the observed
 * table by rr_fit_make.  Loading again for every evaluation costs a few
 * milliseconds against the seconds of the replications, and keeps the
 * scenario's own checks on every point tried; the files' content hash is
 * compared with the first reading's, so that a scenario edited while the
 * search runs fails it instead of mixing two models.
 *
 * Cost: (n + 1) evaluations for the first simplex, one or two per
 * iteration (n + 1 when it shrinks), 1 + 2n for the sensitivity.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "rr_calibrate.h"
#include "rr_common.h"
#include "rr_grammar.h"
#include "rr_points.h"
#include "rr_scenario.h"
#include "rr_util.h"

/* ---- the problem as text ------------------------------------------------ */

int rr_calibration_init(rr_calibration *c, const char *path,
                        const char *const *common, size_t n_common,
                        const rr_table *observed)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->common = common;
    c->n_common = n_common;
    c->observed = observed;
    c->max_iter = RR_CALIB_MAX_ITER_DEFAULT;
    c->tol = RR_CALIB_TOL_DEFAULT;
    return RR_OK;
}

static void param_fini(rr_calib_param *p)
{
    free(p->key);
    free(p->spec);
    free(p->low_text);
    free(p->high_text);
    free(p->suffix);
    free(p->label);
    memset(p, 0, sizeof *p);
}

static void free_overrides(rr_calibration *c)
{
    for (size_t i = 0; i < c->n_ov; i++)
        free(c->ov[i]);
    free(c->ov);
    c->ov = NULL;
    c->n_ov = 0;
}

void rr_calibration_fini(rr_calibration *c)
{
    for (size_t i = 0; i < c->n; i++)
        param_fini(&c->param[i]);
    free(c->weight);
    free(c->iter);
    free(c->values);
    free_overrides(c);
    memset(c, 0, sizeof *c);
}

static char *dup_span(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

int rr_calibration_add(rr_calibration *c, const char *spec, char *err,
                       size_t errlen)
{
    const char *eq = strchr(spec, '='), *colon;
    size_t kn, ln, hn;
    const char *k, *l, *h;
    rr_calib_param *p;

    if (c->n >= RR_CALIB_MAX_PARAMS)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--param: at most %d parameters can be fitted at "
                          "once", RR_CALIB_MAX_PARAMS);
    colon = eq ? strchr(eq + 1, ':') : NULL;
    if (!eq || !colon || strchr(colon + 1, ':'))
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--param: expected NAME=LOW:HIGH, got '%s'", spec);
    kn = (size_t)(eq - spec);
    ln = (size_t)(colon - eq - 1);
    hn = strlen(colon + 1);
    k = rr_trim_span(spec, &kn);
    l = rr_trim_span(eq + 1, &ln);
    h = rr_trim_span(colon + 1, &hn);
    if (!kn || !ln || !hn)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--param: expected NAME=LOW:HIGH, got '%s'", spec);
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->param[i].key) == kn &&
            strncmp(c->param[i].key, k, kn) == 0)
            return rr_err_set(err, errlen, RR_EINVAL,
                              "--param %.*s: given twice", (int)kn, k);
    p = &c->param[c->n];
    memset(p, 0, sizeof *p);
    p->key = dup_span(k, kn);
    p->spec = dup_span(spec, strlen(spec));
    p->low_text = dup_span(l, ln);
    p->high_text = dup_span(h, hn);
    c->n++;
    if (!p->key || !p->spec || !p->low_text || !p->high_text)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    return RR_OK;
}

int rr_calibration_years(rr_calibration *c, const char *list, char *err,
                         size_t errlen)
{
    const char *s = list;
    c->n_years = 0;
    c->years_given = true;
    for (;;) {
        size_t n = strcspn(s, ",");
        const char *w = rr_trim_span(s, &n);
        char buf[16];
        char *end;
        long y;
        if (n == 0 || n >= sizeof buf)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "--years: expected years separated by commas "
                              "(2019,2022), got '%s'", list);
        memcpy(buf, w, n);
        buf[n] = '\0';
        errno = 0;
        y = strtol(buf, &end, 10);
        if (errno || *end || !isdigit((unsigned char)buf[0]) || y < 1 ||
            y > 9999)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "--years: expected a year, got '%s'", buf);
        for (size_t i = 0; i < c->n_years; i++)
            if (c->years[i] == (int)y)
                return rr_err_set(err, errlen, RR_EPARSE,
                                  "--years: %ld given twice", y);
        if (c->n_years >= RR_CALIB_MAX_YEARS)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "--years: at most %d years",
                              RR_CALIB_MAX_YEARS);
        c->years[c->n_years++] = (int)y;
        s += strcspn(s, ",");
        if (!*s)
            break;
        s++;
    }
    /* in increasing order, as calibrated_on is */
    for (size_t i = 1; i < c->n_years; i++)
        for (size_t j = i; j > 0 && c->years[j - 1] > c->years[j]; j--) {
            int t = c->years[j];
            c->years[j] = c->years[j - 1];
            c->years[j - 1] = t;
        }
    return RR_OK;
}

void rr_calibration_years_text(const rr_calibration *c, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->n_years && o + 8 < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%d", i ? ", " : "",
                              c->years[i]);
}

/* ---- values --------------------------------------------------------------- */

/* number_len - the length of the decimal number at the start of s (sign,
 * digits, point, exponent), 0 when none: no "inf", "nan" or hexadecimal,
 * which strtod would take. */
static size_t number_len(const char *s)
{
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    while (isdigit((unsigned char)s[i])) {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (isdigit((unsigned char)s[i])) {
            i++;
            digits++;
        }
    }
    if (!digits)
        return 0;
    if (s[i] == 'e' || s[i] == 'E') {
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            j++;
        if (isdigit((unsigned char)s[j])) {
            while (isdigit((unsigned char)s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

/* plain_number - the whole of s as a finite decimal number. */
static bool plain_number(const char *s, double *x)
{
    size_t n = number_len(s);
    if (!n || s[n])
        return false;
    errno = 0;
    *x = strtod(s, NULL);
    return errno == 0 && isfinite(*x);
}

/* unit_factor - the value of "1" + suffix as a duration in days or a rate
 * per day, per kind; false when it reads as neither. */
static bool unit_factor(const char *suffix, rr_calib_kind *kind,
                        double *factor)
{
    char buf[128];
    snprintf(buf, sizeof buf, "1%s", suffix);
    if (rr_duration_parse(buf, factor, NULL, 0) == RR_OK && *factor > 0) {
        *kind = RR_CALIB_DURATION;
        return true;
    }
    if (rr_rate_parse(buf, factor, NULL, 0) == RR_OK && *factor > 0) {
        *kind = RR_CALIB_RATE;
        return true;
    }
    return false;
}

/* bound_value - LOW or HIGH in the unit of the value: a bare number, or a
 * duration or rate with a unit of its own. */
static bool bound_value(const char *text, rr_calib_kind kind, double factor,
                        double *x)
{
    double v;
    if (plain_number(text, x))
        return true;
    if (kind == RR_CALIB_DURATION &&
        rr_duration_parse(text, &v, NULL, 0) == RR_OK) {
        *x = v / factor;
        return true;
    }
    if (kind == RR_CALIB_RATE && rr_rate_parse(text, &v, NULL, 0) == RR_OK) {
        *x = v / factor;
        return true;
    }
    return false;
}

void rr_calibration_value_text(const rr_calib_param *p, double x, char *buf,
                               size_t n)
{
    if (x == 0)
        x = 0; /* no "-0" */
    snprintf(buf, n, "%.10g%s", x, p->suffix ? p->suffix : "");
}

/* round6 - x to six significant digits. */
static double round6(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.6g", x);
    return strtod(buf, NULL);
}

double rr_calib_to_u(double x, double low, double high)
{
    double q = (x - low) / (high - low);
    return log(q / (1 - q));
}

double rr_calib_from_u(double u, double low, double high)
{
    /* the logistic function, written so that neither branch overflows */
    double q = u >= 0 ? 1 / (1 + exp(-u)) : exp(u) / (1 + exp(u));
    double x = low + (high - low) * q;
    return x < low ? low : x > high ? high : x;
}

/* ---- the overrides of a run ------------------------------------------------ */

/* add_ov - one more override, formatted (any length: a --set value may
 * be long). */
RR_PRINTF(2, 3)
static int add_ov(rr_calibration *c, const char *fmt, ...)
{
    rr_sb b = RR_SB_INIT;
    char **ov, *text;
    va_list ap;
    va_start(ap, fmt);
    rr_sb_vaddf(&b, fmt, ap);
    va_end(ap);
    if (!(text = rr_sb_take(&b, NULL)))
        return RR_ENOMEM;
    if (!(ov = realloc(c->ov, (c->n_ov + 1) * sizeof *ov))) {
        free(text);
        return RR_ENOMEM;
    }
    c->ov = ov;
    c->ov[c->n_ov++] = text;
    return RR_OK;
}

/* build - the overrides of a run into c->ov: the common ones, the name
 * (when `named`), the calibration years (once they are checked), the
 * replications (reps > 0) and the parameters at x (n of them; NULL:
 * none). */
static int build(rr_calibration *c, bool named, int reps, const double *x)
{
    char years[RR_CALIB_MAX_YEARS * 6 + 8];
    int rc = RR_OK;
    free_overrides(c);
    for (size_t i = 0; i < c->n_common && rc == RR_OK; i++)
        rc = add_ov(c, "%s", c->common[i]);
    if (rc == RR_OK && named && strcmp(c->name, c->base_name) != 0)
        rc = add_ov(c, "scenario.name=%s", c->name);
    rr_calibration_years_text(c, years, sizeof years);
    if (rc == RR_OK && c->n_years && c->years_checked)
        rc = add_ov(c, "scenario.calibrated_on=%s", years);
    if (rc == RR_OK && reps > 0)
        rc = add_ov(c, "scenario.replications=%d", reps);
    for (size_t i = 0; x && i < c->n && rc == RR_OK; i++) {
        char v[96];
        rr_calibration_value_text(&c->param[i], x[i], v, sizeof v);
        rc = add_ov(c, "%s=%s", c->param[i].key, v);
    }
    return rc;
}

int rr_calibration_overrides(rr_calibration *c, const double *values,
                             const char *const **out, size_t *n_out)
{
    double x[RR_CALIB_MAX_PARAMS];
    int rc;
    for (size_t i = 0; i < c->n; i++)
        x[i] = values ? values[i] : c->param[i].fitted;
    rc = build(c, true, 0, x);
    *out = (const char *const *)c->ov;
    *n_out = rc == RR_OK ? c->n_ov : 0;
    return rc;
}

/* ---- checks before anything runs ------------------------------------------ */

/* load_with - the scenario with the overrides built into c->ov, planned;
 * into *p (rr_points_fini by the caller in any case). */
static int load_with(rr_calibration *c, rr_points *p, rr_point_error *e)
{
    int rc = rr_points_init(p, &c->path, 1, (const char *const *)c->ov,
                            c->n_ov);
    if (rc != RR_OK) {
        memset(e, 0, sizeof *e);
        e->rc = rc;
        snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(rc));
        return rc;
    }
    return rr_points_load(p, e);
}

/* find_setting - the index of the setting named key, or -1. */
static long find_setting(const rr_scenario *sc, const char *key)
{
    size_t n = rr_scenario_n_settings(sc);
    for (size_t i = 0; i < n; i++)
        if (strcmp(rr_scenario_setting(sc, i)->key, key) == 0)
            return (long)i;
    return -1;
}

/* unknown_param - "--param NAME: ..." for a name the scenario does not
 * write, with the nearest one it does. */
static int unknown_param(const rr_scenario *sc, const rr_calib_param *p,
                         char *err, size_t errlen)
{
    size_t n = rr_scenario_n_settings(sc);
    const char **cand = malloc((n ? n : 1) * sizeof *cand);
    const char *near = NULL;
    if (cand) {
        for (size_t i = 0; i < n; i++)
            cand[i] = rr_scenario_setting(sc, i)->key;
        near = rr_did_you_mean(p->key, strlen(p->key), cand, n, RR_DYM_AUTO,
                               0);
    }
    if (near)
        rr_err_set(err, errlen, RR_ENOTFOUND,
                   "--param %s: the scenario has no parameter or setting "
                   "of that name (did you mean '%s'?)",
                   p->key, near);
    else
        rr_err_set(err, errlen, RR_ENOTFOUND,
                   "--param %s: the scenario has no parameter or setting "
                   "of that name ('rrsim check --keys' lists them; a "
                   "setting left at its default must be written, or given "
                   "with --set, to be calibrated)",
                   p->key);
    free(cand);
    return RR_ENOTFOUND;
}

/* read_param - the parameter's value in the scenario, its unit, LOW and
 * HIGH. */
static int read_param(const rr_scenario *sc, rr_calib_param *p, char *err,
                      size_t errlen)
{
    long i = find_setting(sc, p->key);
    char val[512], lo[96], hi[96], cur[96];
    const rr_setting *s;
    size_t nl;
    double factor = 1;

    if (i < 0)
        return unknown_param(sc, p, err, errlen);
    s = rr_scenario_setting(sc, (size_t)i);
    rr_scenario_resolved_value(sc, (size_t)i, val, sizeof val);
    if (strlen(val) >= sizeof val - 1)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--param %s: its value is longer than %zu "
                          "characters; only a number (with a unit or not) "
                          "can be calibrated",
                          p->key, sizeof val - 2);
    if (s->label && !(p->label = dup_span(s->label, strlen(s->label))))
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    nl = number_len(val);
    if (!nl)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--param %s: its value '%s' is not a number; only "
                          "a number (with a unit or not: 0.05, 90d, "
                          "1500/month) can be calibrated",
                          p->key, val);
    errno = 0;
    p->start = strtod(val, NULL);
    if (errno || !isfinite(p->start))
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--param %s: its value '%s' is not a finite "
                          "number", p->key, val);
    if (!(p->suffix = dup_span(val + nl, strlen(val + nl))))
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    p->kind = !*p->suffix ? RR_CALIB_NUMBER : RR_CALIB_OTHER;
    if (*p->suffix && !unit_factor(p->suffix, &p->kind, &factor))
        p->kind = RR_CALIB_OTHER;
    if (!bound_value(p->low_text, p->kind, factor, &p->low) ||
        !bound_value(p->high_text, p->kind, factor, &p->high)) {
        const char *bad = bound_value(p->low_text, p->kind, factor, &p->low)
                              ? p->high_text
                              : p->low_text;
        return rr_err_set(
            err, errlen, RR_EPARSE,
            "--param %s: expected a number for %s%s, got '%s'", p->spec,
            bad == p->low_text ? "LOW" : "HIGH",
            p->kind == RR_CALIB_DURATION ? " (a duration such as 60d or 3m)"
            : p->kind == RR_CALIB_RATE   ? " (a rate such as 1500/month)"
                                         : "",
            bad);
    }
    rr_calibration_value_text(p, p->low, lo, sizeof lo);
    rr_calibration_value_text(p, p->high, hi, sizeof hi);
    rr_calibration_value_text(p, p->start, cur, sizeof cur);
    if (!(p->low < p->high))
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--param %s: LOW (%s) must be less than HIGH (%s)",
                          p->spec, lo, hi);
    if (p->start < p->low || p->start > p->high)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--param %s: the scenario's value %s lies outside "
                          "%s:%s; the search starts from it, so the range "
                          "must hold it",
                          p->spec, cur, lo, hi);
    return RR_OK;
}

/* try_values - the scenario is accepted with parameter k at LOW, at a
 * point inside and at HIGH, the others at their values. */
static int try_values(rr_calibration *c, size_t k, char *err, size_t errlen)
{
    rr_calib_param *p = &c->param[k];
    /* inside: a point no whole number falls on by chance when the range
     * is, so that a setting that takes whole numbers only is found out */
    double at[3] = {p->low, p->low + 0.3819660113 * (p->high - p->low),
                    p->high};
    double x[RR_CALIB_MAX_PARAMS];
    for (size_t i = 0; i < c->n; i++)
        x[i] = c->param[i].start;
    for (size_t j = 0; j < 3; j++) {
        rr_points pt;
        rr_point_error e;
        char v[96];
        int rc;
        x[k] = at[j];
        if ((rc = build(c, false, 0, x)) != RR_OK)
            return rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
        rc = load_with(c, &pt, &e);
        rr_points_fini(&pt);
        if (rc == RR_OK)
            continue;
        if (rc == RR_ENOMEM)
            return rr_err_set(err, errlen, rc, "%s", e.msg);
        rr_calibration_value_text(p, at[j], v, sizeof v);
        /* the loader names the override "--set KEY": it is --param's */
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--param %s: the scenario is refused with %s = "
                          "%s: %s",
                          p->spec, p->key, v,
                          strncmp(e.msg, "--set ", 6) == 0 ? e.msg + 6
                                                          : e.msg);
    }
    return RR_OK;
}

/* check_years - the years, each wholly inside the run. */
static int check_years(rr_calibration *c, const rr_config *cfg, char *err,
                       size_t errlen)
{
    long d0 = rr_date_days(cfg->start);
    char a[16], b[16];
    if (!c->years_given) {
        if (cfg->n_calibrated == 0)
            return rr_err_set(err, errlen, RR_EINVAL,
                              "%s: no years to calibrate on: the scenario "
                              "names none ([scenario] calibrated_on) and "
                              "--years was not given",
                              c->path);
        if (cfg->n_calibrated > RR_CALIB_MAX_YEARS)
            return rr_err_set(err, errlen, RR_EINVAL,
                              "%s: [scenario] calibrated_on: more than %d "
                              "years", c->path, RR_CALIB_MAX_YEARS);
        c->n_years = cfg->n_calibrated;
        for (size_t i = 0; i < c->n_years; i++)
            c->years[i] = cfg->calibrated_on[i];
    }
    rr_date_format(cfg->start, a, sizeof a);
    rr_date_format(cfg->end, b, sizeof b);
    for (size_t i = 0; i < c->n_years; i++) {
        int y = c->years[i];
        double y0 = (double)(rr_date_days((rr_date){y, 1, 1}) - d0);
        double y1 = (double)(rr_date_days((rr_date){y + 1, 1, 1}) - d0);
        if (y0 < 0 || y1 > cfg->horizon)
            return rr_err_set(err, errlen, RR_ERANGE,
                              "%s: year %d is not wholly inside the run "
                              "(%s to %s)",
                              c->years_given ? "--years" : c->path, y, a, b);
    }
    return RR_OK;
}

/* in_years - whether y is a calibration year. */
static bool in_years(const rr_calibration *c, int y)
{
    for (size_t i = 0; i < c->n_years; i++)
        if (c->years[i] == y)
            return true;
    return false;
}

/* check_observed - the observed table against the run's layout, before
 * anything runs (rr_fit_make on a run of no replications), its weights,
 * and the rows to fit. */
static int check_observed(rr_calibration *c, const rr_plan *plan, char *err,
                          size_t errlen)
{
    const rr_table *t = c->observed;
    rr_run_result r;
    rr_fit f;
    int rc, wcol = rr_table_col(t, "weight");
    char years[RR_CALIB_MAX_YEARS * 6 + 8];

    memset(&r, 0, sizeof r);
    r.plan = plan;
    if ((rc = rr_layout_check(plan, &r.layout, err, errlen)) != RR_OK)
        return rc;
    rc = rr_fit_make(t, &r, &f, err, errlen);
    rr_layout_fini(&r.layout);
    if (rc != RR_OK)
        return rc;
    c->weight = calloc(t->n_rows ? t->n_rows : 1, sizeof *c->weight);
    if (!c->weight) {
        rr_fit_fini(&f);
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    }
    c->n_rows = 0;
    for (size_t i = 0; i < t->n_rows && rc == RR_OK; i++) {
        const rr_fit_row *w = &f.row[i];
        double wt = 1;
        if (wcol >= 0 && *rr_table_cell(t, i, (size_t)wcol)) {
            rc = rr_table_number(t, i, (size_t)wcol, &wt, err, errlen);
            if (rc == RR_OK && wt < 0)
                rc = rr_err_at(err, errlen, RR_ERANGE, t->path,
                               (int)t->line[i],
                               "column 'weight': expected a number >= 0, "
                               "got '%s'",
                               rr_table_cell(t, i, (size_t)wcol));
            if (rc != RR_OK)
                break;
        }
        c->weight[i] = wt;
        if (w->role != RR_FIT_CALIBRATION || !in_years(c, w->year) ||
            wt == 0)
            continue;
        if (w->observed == 0)
            rc = rr_err_at(err, errlen, RR_EINVAL, t->path, (int)t->line[i],
                           "the observed %s of %d is 0, which has no "
                           "relative error to fit (give the row weight 0, "
                           "or leave it out)",
                           w->indicator, w->year);
        c->n_rows++;
    }
    rr_fit_fini(&f);
    if (rc != RR_OK)
        return rc;
    rr_calibration_years_text(c, years, sizeof years);
    if (c->n_rows == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "%s: no observed figure of %s %s to fit (inputs "
                          "such as intake are not fitted, nor rows of "
                          "weight 0)",
                          t->path, c->n_years == 1 ? "year" : "years",
                          years);
    return RR_OK;
}

int rr_calibration_prepare(rr_calibration *c, int eval_reps,
                           size_t max_iter, double tol, char *err,
                           size_t errlen)
{
    rr_points pt;
    rr_point_error e;
    const rr_config *cfg;
    int rc;

    c->max_iter = max_iter;
    c->tol = tol;
    if (c->n == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "calibrate needs at least one --param "
                          "NAME=LOW:HIGH");
    /* the scenario as given first: its own errors are told as such */
    if ((rc = build(c, false, 0, NULL)) != RR_OK)
        return rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
    if ((rc = load_with(c, &pt, &e)) != RR_OK) {
        rr_points_fini(&pt);
        return rr_err_set(err, errlen, rc, "%s", e.msg);
    }
    cfg = pt.plans[0]->cfg[0];
    c->hash = rr_scenario_hash(pt.sc[0]);
    c->reps = cfg->replications;
    c->eval_reps = eval_reps > 0 ? eval_reps : c->reps;
    snprintf(c->base_name, sizeof c->base_name, "%s", cfg->name);
    /* NAME-calibrated when it is a name the scenario can hold */
    if (strlen(cfg->name) + strlen("-calibrated") < RR_NAME_MAX)
        snprintf(c->name, sizeof c->name, "%s-calibrated", cfg->name);
    else
        snprintf(c->name, sizeof c->name, "%s", cfg->name);
    for (size_t i = 0; i < c->n && rc == RR_OK; i++)
        rc = read_param(pt.sc[0], &c->param[i], err, errlen);
    if (rc == RR_OK)
        rc = check_years(c, cfg, err, errlen);
    rr_points_fini(&pt);
    c->years_checked = rc == RR_OK;
    for (size_t i = 0; i < c->n && rc == RR_OK; i++)
        rc = try_values(c, i, err, errlen);
    if (rc != RR_OK)
        return rc;
    /* the roles of the observed rows follow the calibration years */
    if ((rc = build(c, false, 0, NULL)) != RR_OK)
        return rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
    if ((rc = load_with(c, &pt, &e)) != RR_OK) {
        rr_points_fini(&pt);
        return rr_err_set(err, errlen, rc, "%s", e.msg);
    }
    rc = check_observed(c, pt.plans[0], err, errlen);
    rr_points_fini(&pt);
    return rc;
}

double rr_calibration_loss(const rr_calibration *c, const rr_fit *f)
{
    double sum = 0;
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        double wt = c->weight && i < c->observed->n_rows ? c->weight[i] : 1;
        if (w->role != RR_FIT_CALIBRATION || !in_years(c, w->year) ||
            wt == 0 || isnan(w->rel_error))
            continue;
        sum += wt * w->rel_error * w->rel_error;
        k++;
    }
    return k ? sum : NAN;
}

/* ---- the search ---------------------------------------------------------- */

/* The state of a search, for the objective GSL calls. */
typedef struct search {
    rr_calibration *c;
    const rr_run_opts *opts;
    rr_calib_progress_fn *fn;
    void *ctx;
    rr_calib_progress prog;
    double first;     /* the loss of the first evaluation: the start */
    int rc;           /* the first failure; the objective then gives NAN */
    char *err;
    size_t errlen;
} search;

static void tell(search *s)
{
    if (s->fn)
        s->fn(s->ctx, &s->prog);
}

/* evaluate - the loss with the parameters at x (eval_reps replications):
 * RR_OK with *loss; RR_CALIB_REFUSED_LOSS where the scenario is refused;
 * otherwise the failure, with its message. */
static int evaluate(search *s, const double *x, double *loss)
{
    rr_calibration *c = s->c;
    rr_points pt;
    rr_point_error e;
    rr_run_result res;
    rr_fit f;
    int rc;

    *loss = NAN;
    if ((rc = build(c, false, c->eval_reps, x)) != RR_OK)
        return rr_err_set(s->err, s->errlen, rc, "%s", rr_strerror(rc));
    rc = load_with(c, &pt, &e);
    c->evaluations++;
    s->prog.evaluations = c->evaluations;
    if (rc == RR_OK && rr_scenario_hash(pt.sc[0]) != c->hash)
        rc = rr_err_set(s->err, s->errlen, RR_EIO,
                        "%s: the scenario's files changed while it was "
                        "being calibrated",
                        c->path);
    else if (rc != RR_OK && rc != RR_EPARSE && rc != RR_ERANGE &&
             rc != RR_EINVAL)
        rr_err_set(s->err, s->errlen, rc, "%s", e.msg);
    else if (rc != RR_OK) {
        /* a point where the scenario is refused: not a failure of the
         * search, which moves away from it */
        rr_points_fini(&pt);
        c->refused++;
        *loss = RR_CALIB_REFUSED_LOSS;
        return RR_OK;
    }
    if (rc != RR_OK) {
        rr_points_fini(&pt);
        return rc;
    }
    rc = rr_points_run(&pt, s->opts, &res, &e);
    if (rc != RR_OK) {
        rr_points_fini(&pt);
        if (rc == RR_EINTR)
            return rr_err_set(s->err, s->errlen, rc, "%s", rr_strerror(rc));
        return rr_err_set(s->err, s->errlen, rc, "%s: %s", c->path, e.msg);
    }
    rc = rr_fit_make(c->observed, &res, &f, s->err, s->errlen);
    if (rc == RR_OK) {
        *loss = rr_calibration_loss(c, &f);
        rr_fit_fini(&f);
    }
    rr_run_result_fini(&res);
    rr_points_fini(&pt);
    return rc;
}

/* to_values - the point of the unbounded coordinates u. */
static void to_values(const rr_calibration *c, const gsl_vector *u,
                      double *x)
{
    for (size_t i = 0; i < c->n; i++)
        x[i] = rr_calib_from_u(gsl_vector_get(u, i), c->param[i].low,
                               c->param[i].high);
}

/* objective - GSL's view of the loss; NAN after a failure, which stops
 * the minimiser (GSL_EBADFUNC) with s->rc telling why. */
static double objective(const gsl_vector *u, void *params)
{
    search *s = params;
    double x[RR_CALIB_MAX_PARAMS], loss;
    if (s->rc != RR_OK)
        return NAN;
    to_values(s->c, u, x);
    if ((s->rc = evaluate(s, x, &loss)) != RR_OK)
        return NAN;
    if (isnan(loss))
        loss = RR_CALIB_REFUSED_LOSS; /* cannot happen: rows were checked */
    if (s->c->evaluations == 1)
        s->first = loss;
    if (isnan(s->prog.best) || loss < s->prog.best)
        s->prog.best = loss;
    tell(s);
    return loss;
}

/* record - the best vertex of the simplex as iteration `it`. */
static int record(rr_calibration *c, size_t it, double loss, double size,
                  const double *x)
{
    rr_calib_iter *iter = realloc(c->iter, (c->n_iter + 1) * sizeof *iter);
    double *v;
    if (!iter)
        return RR_ENOMEM;
    c->iter = iter;
    v = realloc(c->values, (c->n_iter + 1) * c->n * sizeof *v);
    if (!v)
        return RR_ENOMEM;
    c->values = v;
    memcpy(v + c->n_iter * c->n, x, c->n * sizeof *v);
    iter[c->n_iter] = (rr_calib_iter){it, c->evaluations, loss, size, NULL};
    c->n_iter++;
    /* the values move with the array: point into it again */
    for (size_t i = 0; i < c->n_iter; i++)
        c->iter[i].value = c->values + i * c->n;
    return RR_OK;
}

/* simplex - the Nelder-Mead search; the best point into best[]. */
static int simplex(search *s, double *best)
{
    rr_calibration *c = s->c;
    const size_t n = c->n;
    gsl_multimin_function fn = {objective, n, s};
    gsl_multimin_fminimizer *m =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n);
    gsl_vector *u = gsl_vector_alloc(n), *step = gsl_vector_alloc(n);
    int rc = RR_OK, st;

    if (!m || !u || !step) {
        rc = rr_err_set(s->err, s->errlen, RR_ENOMEM, "%s",
                        rr_strerror(RR_ENOMEM));
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        const rr_calib_param *p = &c->param[i];
        double span = p->high - p->low, x0 = p->start;
        /* a start on a bound moves 1% of the range inside */
        if (x0 < p->low + 0.01 * span)
            x0 = p->low + 0.01 * span;
        if (x0 > p->high - 0.01 * span)
            x0 = p->high - 0.01 * span;
        gsl_vector_set(u, i, rr_calib_to_u(x0, p->low, p->high));
        gsl_vector_set(step, i, 1.0);
    }
    st = gsl_multimin_fminimizer_set(m, &fn, u, step);
    if (s->rc != RR_OK) {
        rc = s->rc;
        goto out;
    }
    if (st != GSL_SUCCESS) {
        rc = rr_err_set(s->err, s->errlen, RR_EINVAL,
                        "the simplex could not start: %s",
                        gsl_strerror(st));
        goto out;
    }
    /* iteration 0: the start, GSL's first evaluation */
    to_values(c, gsl_multimin_fminimizer_x(m), best);
    s->prog.size = gsl_multimin_fminimizer_size(m);
    if ((rc = record(c, 0, s->first, s->prog.size, best)) != RR_OK) {
        rr_err_set(s->err, s->errlen, rc, "%s", rr_strerror(rc));
        goto out;
    }
    for (size_t it = 1; it <= c->max_iter; it++) {
        if (s->prog.size < c->tol) {
            c->converged = true;
            break;
        }
        st = gsl_multimin_fminimizer_iterate(m);
        if (s->rc != RR_OK) {
            rc = s->rc;
            goto out;
        }
        if (st != GSL_SUCCESS)
            break; /* no further progress possible: keep the best */
        s->prog.iteration = it;
        s->prog.size = gsl_multimin_fminimizer_size(m);
        to_values(c, gsl_multimin_fminimizer_x(m), best);
        if ((rc = record(c, it, gsl_multimin_fminimizer_minimum(m),
                         s->prog.size, best)) != RR_OK) {
            rr_err_set(s->err, s->errlen, rc, "%s", rr_strerror(rc));
            goto out;
        }
        tell(s);
    }
    if (s->prog.size < c->tol)
        c->converged = true;
out:
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(u);
    gsl_vector_free(step);
    return rc;
}

/* sensitivity - the loss at the fitted values, and at each moved by
 * -10% and +10% (of itself; of the range when it is 0), the others held. */
static int sensitivity(search *s)
{
    rr_calibration *c = s->c;
    double x[RR_CALIB_MAX_PARAMS];
    int rc;

    s->prog.sensitivity = true;
    for (size_t i = 0; i < c->n; i++)
        x[i] = c->param[i].fitted;
    if ((rc = evaluate(s, x, &c->loss)) != RR_OK)
        return rc;
    tell(s);
    for (size_t i = 0; i < c->n; i++) {
        rr_calib_param *p = &c->param[i];
        double d = p->fitted != 0 ? fabs(p->fitted) * RR_CALIB_SENS_STEP
                                  : (p->high - p->low) * RR_CALIB_SENS_STEP;
        for (int k = 0; k < 2; k++) {
            double v = p->fitted + (k ? d : -d);
            v = v < p->low ? p->low : v > p->high ? p->high : v;
            p->sens_value[k] = v;
            if (v == p->fitted) {
                p->sens_loss[k] = c->loss; /* on a bound: nowhere to go */
                continue;
            }
            x[i] = v;
            if ((rc = evaluate(s, x, &p->sens_loss[k])) != RR_OK)
                return rc;
            tell(s);
        }
        x[i] = p->fitted;
    }
    return RR_OK;
}

int rr_calibration_run(rr_calibration *c, const rr_run_opts *opts,
                       rr_calib_progress_fn *fn, void *ctx, char *err,
                       size_t errlen)
{
    rr_run_opts o = *opts;
    double best[RR_CALIB_MAX_PARAMS];
    search s;
    int rc;

    o.progress = NULL; /* an evaluation's replications are not shown */
    o.progress_ctx = NULL;
    o.on_case = NULL;
    o.case_ctx = NULL;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.opts = &o;
    s.fn = fn;
    s.ctx = ctx;
    s.err = err;
    s.errlen = errlen;
    s.prog.max_iter = c->max_iter;
    s.prog.best = NAN;
    s.prog.size = NAN;
    c->n_iter = 0;
    c->evaluations = 0;
    c->refused = 0;
    c->converged = false;
    if ((rc = simplex(&s, best)) != RR_OK)
        return rc;
    for (size_t i = 0; i < c->n; i++) {
        rr_calib_param *p = &c->param[i];
        double v = round6(best[i]);
        p->fitted = v < p->low ? p->low : v > p->high ? p->high : v;
    }
    return sensitivity(&s);
}
