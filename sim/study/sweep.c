/*
 * sweep.c - design points of a parameter sweep (rr_sweep.h), and the words
 * a sweep's table and chart show them in; paired comparisons are
 * compare.c's.
 *
 * Uses only the public headers.  Values of a range are computed as
 * from + i * step (never by repeated addition, which drifts) and written
 * with %.10g, followed by the unit the range was written with.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_design.h"
#include "rr_sweep.h"
#include "rr_util.h"

#define MAX_RANGE 1000

static char *trimmed(const char *s, size_t n)
{
    char *r;
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* number_unit - a number and what follows it ("30d" -> 30, "d"). */
static bool number_unit(const char *s, double *x, const char **unit)
{
    char *end;
    errno = 0;
    *x = strtod(s, &end);
    if (end == s || errno || !isfinite(*x))
        return false;
    *unit = end;
    return true;
}

void rr_vary_fini(rr_vary *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->values[i]);
    free(v->values);
    free(v->key);
    free(v->label);
    memset(v, 0, sizeof *v);
}

static int push(rr_vary *v, char *s)
{
    char **nv;
    if (!s)
        return RR_ENOMEM;
    nv = realloc(v->values, (v->n + 1) * sizeof *nv);
    if (!nv) {
        free(s);
        return RR_ENOMEM;
    }
    v->values = nv;
    v->values[v->n++] = s;
    return RR_OK;
}

static int parse_range(const char *spec, const char *text, rr_vary *v,
                       char *err, size_t errlen)
{
    char *a = trimmed(text, strlen(text));
    char *p1, *p2;
    double from, to, step;
    const char *u1, *u2, *u3;
    long n;
    int rc = RR_OK;

    if (!a)
        return RR_ENOMEM;
    p1 = strchr(a, ':');
    p2 = p1 ? strchr(p1 + 1, ':') : NULL;
    if (!p1 || !p2 || strchr(p2 + 1, ':')) {
        snprintf(err, errlen,
                 "--vary %s: expected KEY=FROM:TO:STEP or KEY=V1,V2,...",
                 spec);
        free(a);
        return RR_EPARSE;
    }
    *p1 = *p2 = '\0';
    if (!number_unit(a, &from, &u1) || !number_unit(p1 + 1, &to, &u2) ||
        !number_unit(p2 + 1, &step, &u3)) {
        snprintf(err, errlen,
                 "--vary %s: FROM, TO and STEP must be numbers (with the "
                 "same unit, if any)",
                 spec);
        free(a);
        return RR_EPARSE;
    }
    if (strcmp(u1, u2) != 0 || strcmp(u1, u3) != 0) {
        snprintf(err, errlen,
                 "--vary %s: FROM, TO and STEP must have the same unit",
                 spec);
        free(a);
        return RR_EPARSE;
    }
    if (!(step > 0) || to < from) {
        snprintf(err, errlen,
                 "--vary %s: needs FROM <= TO and a STEP > 0", spec);
        free(a);
        return RR_ERANGE;
    }
    /* count in double first: (TO - FROM) / STEP may not fit a long */
    double count = floor((to - from) / step + 1e-9) + 1;
    if (!(count <= MAX_RANGE)) {
        snprintf(err, errlen, "--vary %s: %.4g values, at most %d", spec,
                 count, MAX_RANGE);
        free(a);
        return RR_ERANGE;
    }
    n = (long)count;
    for (long i = 0; i < n && rc == RR_OK; i++) {
        char buf[64];
        double x = from + (double)i * step;
        if (fabs(x) < 1e-12 * step)
            x = 0; /* -0 and 1e-17 are 0 */
        snprintf(buf, sizeof buf, "%.10g%s", x, u1);
        rc = push(v, strdup(buf));
    }
    free(a);
    return rc;
}

int rr_vary_parse(const char *spec, rr_vary *out, char *err, size_t errlen)
{
    const char *eq = strchr(spec, '=');
    const char *rest;
    int rc = RR_OK;

    memset(out, 0, sizeof *out);
    if (!eq || eq == spec || !eq[1]) {
        snprintf(err, errlen,
                 "--vary %s: expected KEY=FROM:TO:STEP or KEY=V1,V2,...",
                 spec);
        return RR_EPARSE;
    }
    out->key = trimmed(spec, (size_t)(eq - spec));
    if (!out->key)
        return RR_ENOMEM;
    rest = eq + 1;
    if (strchr(rest, ':')) {
        rc = parse_range(spec, rest, out, err, errlen);
    } else {
        const char *p = rest;
        for (;;) {
            const char *c = strchr(p, ',');
            size_t n = c ? (size_t)(c - p) : strlen(p);
            char *s = trimmed(p, n);
            if (s && !*s) {
                free(s);
                snprintf(err, errlen, "--vary %s: an empty value in the list",
                         spec);
                rc = RR_EPARSE;
                break;
            }
            if (out->n >= RR_SWEEP_MAX_POINTS) {
                free(s);
                snprintf(err, errlen, "--vary %.200s...: more than %d values",
                         spec, RR_SWEEP_MAX_POINTS);
                rc = RR_ERANGE;
                break;
            }
            if ((rc = push(out, s)) != RR_OK)
                break;
            if (!c)
                break;
            p = c + 1;
        }
    }
    if (rc != RR_OK) {
        if (rc == RR_ENOMEM)
            snprintf(err, errlen, "%s", rr_strerror(rc));
        rr_vary_fini(out);
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* repeated - a value listed twice in v (sorted copy, n log n), or NULL. */
static const char *repeated(const rr_vary *v, int *rc)
{
    const char *dup = NULL;
    char **s;
    *rc = RR_OK;
    if (v->n < 2)
        return NULL;
    if (!(s = malloc(v->n * sizeof *s))) {
        *rc = RR_ENOMEM;
        return NULL;
    }
    memcpy(s, v->values, v->n * sizeof *s);
    qsort(s, v->n, sizeof *s, cmp_str);
    for (size_t i = 1; i < v->n && !dup; i++)
        if (strcmp(s[i - 1], s[i]) == 0)
            dup = s[i];
    free(s);
    return dup;
}

void rr_design_fini(rr_design *d)
{
    for (size_t i = 0; i < d->n_vary; i++)
        rr_vary_fini(&d->vary[i]);
    free(d->vary);
    free(d->index);
    for (size_t i = 0; i < d->n_ind; i++)
        free(d->ind[i]);
    free(d->ind);
    memset(d, 0, sizeof *d);
}

int rr_design_grid(rr_vary *vary, size_t n, rr_design *d, char *err,
                   size_t errlen)
{
    size_t points = 1;
    memset(d, 0, sizeof *d);
    d->vary = vary;
    d->n_vary = n;
    /* a key varied twice: the later --set would win at every point and
     * the points would be labelled with values they did not run with */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(vary[i].key, vary[j].key) == 0) {
                snprintf(err, errlen,
                         "--vary %s: the key is varied twice (give all its "
                         "values in one --vary)",
                         vary[i].key);
                return RR_EINVAL;
            }
    for (size_t i = 0; i < n; i++) {
        int rc;
        const char *dup = repeated(&vary[i], &rc);
        if (rc != RR_OK) {
            snprintf(err, errlen, "%s", rr_strerror(rc));
            return rc;
        }
        if (dup) {
            snprintf(err, errlen,
                     "--vary %s: the value '%s' is listed twice",
                     vary[i].key, dup);
            return RR_EINVAL;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (vary[i].n == 0 || points > RR_SWEEP_MAX_POINTS / vary[i].n) {
            snprintf(err, errlen, "the sweep has more than %d design points",
                     RR_SWEEP_MAX_POINTS);
            return RR_ERANGE;
        }
        points *= vary[i].n;
    }
    d->index = malloc((points * (n ? n : 1)) * sizeof *d->index);
    if (!d->index) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    d->n_points = points;
    for (size_t p = 0; p < points; p++) {
        size_t rem = p;
        for (size_t i = n; i-- > 0;) {
            d->index[p * n + i] = rem % vary[i].n;
            rem /= vary[i].n;
        }
    }
    return RR_OK;
}

/* key_twice - a key varied twice: the later --set would win at every
 * point and the points would be labelled with values they did not run
 * with.  RR_EINVAL with the message, or RR_OK. */
static int key_twice(const rr_vary *vary, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(vary[i].key, vary[j].key) == 0)
                return rr_err_set(err, errlen, RR_EINVAL,
                                  "--vary %s: the key is varied twice",
                                  vary[i].key);
    return RR_OK;
}

int rr_design_sampled(rr_vary *vary, size_t n, size_t n_points, rr_design *d,
                      char *err, size_t errlen)
{
    int rc;
    memset(d, 0, sizeof *d);
    d->vary = vary;
    d->n_vary = n;
    d->sampled = true;
    if ((rc = key_twice(vary, n, err, errlen)) != RR_OK)
        return rc;
    if (n_points == 0)
        return rr_err_set(err, errlen, RR_ERANGE, "a design of no points");
    for (size_t i = 0; i < n; i++)
        if (vary[i].n != n_points)
            return rr_err_set(err, errlen, RR_EINVAL,
                              "--vary %s: %zu values for %zu points",
                              vary[i].key, vary[i].n, n_points);
    d->index = malloc(n_points * (n ? n : 1) * sizeof *d->index);
    if (!d->index)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    d->n_points = n_points;
    for (size_t p = 0; p < n_points; p++)
        for (size_t i = 0; i < n; i++)
            d->index[p * n + i] = p;
    return RR_OK;
}

int rr_interval_parse(const char *spec, rr_interval *out, char *err,
                      size_t errlen)
{
    const char *eq = strchr(spec, '=');
    const char *u1, *u2;
    char *a, *colon;
    int rc = RR_OK;

    memset(out, 0, sizeof *out);
    if (!eq || eq == spec || !eq[1])
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--vary %s: expected KEY=LOW:HIGH", spec);
    if (!(a = trimmed(eq + 1, strlen(eq + 1))))
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    colon = strchr(a, ':');
    if (!colon || strchr(colon + 1, ':')) {
        free(a);
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--vary %s: expected KEY=LOW:HIGH (a sampled "
                          "design draws values from a range)",
                          spec);
    }
    *colon = '\0';
    if (!number_unit(a, &out->lo, &u1) ||
        !number_unit(colon + 1, &out->hi, &u2))
        rc = rr_err_set(err, errlen, RR_EPARSE,
                        "--vary %s: LOW and HIGH must be numbers (with the "
                        "same unit, if any)",
                        spec);
    else if (strcmp(u1, u2) != 0 || strlen(u1) >= sizeof out->unit)
        rc = rr_err_set(err, errlen, RR_EPARSE,
                        "--vary %s: LOW and HIGH must have the same unit",
                        spec);
    else if (!(out->lo < out->hi))
        rc = rr_err_set(err, errlen, RR_ERANGE,
                        "--vary %s: needs LOW < HIGH", spec);
    else
        snprintf(out->unit, sizeof out->unit, "%s", u1);
    /* whole numbers as written: no point, no exponent */
    out->whole_bounds = rc == RR_OK && !strpbrk(a, ".eE") &&
                        !strpbrk(colon + 1, ".eE");
    free(a);
    if (rc == RR_OK && !(out->key = trimmed(spec, (size_t)(eq - spec))))
        rc = rr_err_set(err, errlen, RR_ENOMEM, "%s",
                        rr_strerror(RR_ENOMEM));
    return rc;
}

void rr_interval_fini(rr_interval *r)
{
    free(r->key);
    r->key = NULL;
}

void rr_interval_whole(rr_interval *r, const rr_scenario *sc)
{
    const char *v = NULL;
    r->whole = false;
    if (!r->whole_bounds || !sc)
        return;
    for (size_t s = 0; s < rr_scenario_n_settings(sc); s++) {
        const rr_setting *st = rr_scenario_setting(sc, s);
        if (strcmp(st->key, r->key) == 0)
            v = st->value; /* the last one counts */
    }
    if (v) {
        char *end;
        double x;
        errno = 0;
        x = strtod(v, &end);
        r->whole = end != v && !errno && x == floor(x) &&
                   !strpbrk(v, ".eE");
    }
}

void rr_interval_value(const rr_interval *r, double u, char *buf, size_t n)
{
    double x = r->lo + u * (r->hi - r->lo);
    if (r->whole) {
        x = floor(r->lo + u * (r->hi - r->lo + 1));
        snprintf(buf, n, "%.0f%s", fmin(x, r->hi), r->unit);
        return;
    }
    if (fabs(x) < 1e-12 * (r->hi - r->lo))
        x = 0;
    snprintf(buf, n, "%.6g%s", x, r->unit);
}

int rr_design_space(int kind, const char *const *specs, size_t k, size_t n,
                    uint64_t seed, const rr_scenario *sc, rr_design *d,
                    char *err, size_t errlen)
{
    rr_interval *iv = calloc(k ? k : 1, sizeof *iv);
    rr_vary *vary = calloc(k ? k : 1, sizeof *vary);
    double *u = NULL;
    int rc = RR_OK;

    memset(d, 0, sizeof *d);
    if (!iv || !vary) {
        free(iv);
        free(vary);
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    }
    if (n < 2 || n > RR_SWEEP_MAX_POINTS)
        rc = rr_err_set(err, errlen, RR_ERANGE,
                        "--samples %zu: a design of 2 to %d points", n,
                        RR_SWEEP_MAX_POINTS);
    for (size_t i = 0; i < k && rc == RR_OK; i++) {
        rc = rr_interval_parse(specs[i], &iv[i], err, errlen);
        if (rc == RR_OK)
            rr_interval_whole(&iv[i], sc);
    }
    if (rc == RR_OK && !(u = malloc(n * k * sizeof *u)))
        rc = rr_err_set(err, errlen, RR_ENOMEM, "%s",
                        rr_strerror(RR_ENOMEM));
    if (rc == RR_OK)
        rc = rr_design_fill((rr_design_kind)kind, n, k, seed, u, err,
                            errlen);
    for (size_t i = 0; i < k && rc == RR_OK; i++) {
        rr_vary *v = &vary[i];
        if (!(v->key = strdup(iv[i].key)) ||
            !(v->values = calloc(n, sizeof *v->values)))
            rc = RR_ENOMEM;
        for (size_t p = 0; p < n && rc == RR_OK; p++) {
            char buf[64];
            rr_interval_value(&iv[i], u[p * k + i], buf, sizeof buf);
            if (!(v->values[p] = strdup(buf)))
                rc = RR_ENOMEM;
            else
                v->n = p + 1;
        }
        if (rc == RR_ENOMEM)
            rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
    }
    for (size_t i = 0; i < k; i++)
        rr_interval_fini(&iv[i]);
    free(iv);
    free(u);
    if (rc != RR_OK) {
        for (size_t i = 0; i < k; i++)
            rr_vary_fini(&vary[i]);
        free(vary);
        return rc;
    }
    rc = rr_design_sampled(vary, k, n, d, err, errlen);
    d->kind = rr_design_kind_name((rr_design_kind)kind);
    return rc;
}

int rr_design_parse(const char *const *specs, size_t n, rr_design *d,
                    char *err, size_t errlen)
{
    rr_vary *vary = calloc(n ? n : 1, sizeof *vary);
    memset(d, 0, sizeof *d);
    if (!vary)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    for (size_t i = 0; i < n; i++) {
        int rc = rr_vary_parse(specs[i], &vary[i], err, errlen);
        if (rc != RR_OK) {
            for (size_t j = 0; j < i; j++)
                rr_vary_fini(&vary[j]);
            free(vary);
            return rc;
        }
    }
    return rr_design_grid(vary, n, d, err, errlen);
}

int rr_design_overrides(const rr_design *d, size_t p, char **buf)
{
    for (size_t i = 0; i < d->n_vary; i++) {
        const rr_vary *v = &d->vary[i];
        const char *val = v->values[d->index[p * d->n_vary + i]];
        size_t len = strlen(v->key) + strlen(val) + 2;
        buf[i] = malloc(len);
        if (!buf[i]) {
            for (size_t j = 0; j < i; j++)
                free(buf[j]);
            return RR_ENOMEM;
        }
        snprintf(buf[i], len, "%s=%s", v->key, val);
    }
    return RR_OK;
}

void rr_design_overrides_free(const rr_design *d, char **buf)
{
    for (size_t i = 0; i < d->n_vary; i++)
        free(buf[i]);
}

/* ---- words ------------------------------------------------------------------ */

void rr_design_label(const char *key, char *buf, size_t n)
{
    char words[256];
    size_t o = 0;
    if (!n)
        return;
    if (strncmp(key, "stage.", 6) == 0 && key[6])
        key += 6; /* a stage is named by its name */
    for (const char *p = key; *p && o + 1 < sizeof words; p++)
        words[o++] = *p == '.' ? '_' : *p;
    words[o] = '\0';
    rr_indicator_member_words(words, buf, n);
}

void rr_share_text(double x, char *buf, size_t n)
{
    double pct = 100 * x;
    if (fabs(pct) < 5e-7)
        pct = 0; /* no "-0%", no "1e-15%" */
    snprintf(buf, n, "%.6g%%", pct);
}

const char *rr_design_value_text(const char *value, bool share, char *buf,
                                 size_t n)
{
    double x;
    char *end;
    if (share) {
        errno = 0;
        x = strtod(value, &end);
        while (end != value && isspace((unsigned char)*end))
            end++;
        if (end != value && !*end && !errno && isfinite(x)) {
            rr_share_text(x, buf, n);
            return buf;
        }
    }
    snprintf(buf, n, "%s", value);
    return buf;
}

int rr_design_describe(rr_design *d, const rr_scenario *sc)
{
    for (size_t i = 0; i < d->n_vary; i++) {
        rr_vary *v = &d->vary[i];
        const char *own = NULL;
        char words[256];
        for (size_t s = 0; s < rr_scenario_n_settings(sc) && !own; s++) {
            const rr_setting *st = rr_scenario_setting(sc, s);
            if (strcmp(st->key, v->key) == 0 && st->label && *st->label)
                own = st->label;
        }
        if (!own) {
            rr_design_label(v->key, words, sizeof words);
            own = words;
        }
        free(v->label);
        if (!(v->label = strdup(own)))
            return RR_ENOMEM;
        v->share = rr_scenario_key_is_share(sc, v->key);
    }
    return RR_OK;
}

const rr_ind_id rr_sweep_default_ind[RR_SWEEP_N_DEFAULT] = {
    RR_IND_DEPARTURES_VERIFIED,          RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY, RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_TIME_TO_DEPARTURE_P90,        RR_IND_CASELOAD_END};

void rr_sweep_indicator_label(const char *name, char *buf, size_t n)
{
    const char *member;
    const rr_indicator *ind = rr_indicator_find_in(name, RR_IND_KPI, &member);
    if (!ind) {
        rr_indicator_label(name, buf, n); /* the name, if no indicator */
        return;
    }
    rr_indicator_entry_label(ind, member,
                             ind->unit == RR_UNIT_SHARE ? RR_LABEL_PLAIN
                                                        : RR_LABEL_PANEL,
                             buf, n);
}

/* ind_fail - the message of a name that is not an indicator of the run:
 * the nearest KPI, or all of them (an indicator of the registry that is
 * not one of the whole run, such as a metric of the time series, is told
 * as such). */
static int ind_fail(const char *name, size_t len, const rr_layout *l,
                    char *err, size_t errlen)
{
    const char *near = rr_did_you_mean(name, len, (const char *const *)l->kpi,
                                       l->n_kpis, RR_DYM_AUTO, RR_DYM_NOCASE);
    const rr_indicator *ind;
    char word[128];
    size_t o;
    snprintf(word, sizeof word, "%.*s", (int)(len < 100 ? len : 100), name);
    ind = rr_indicator_find(word);
    if (ind && ((ind->flags & RR_IND_KPI) || ind->member != RR_MEMBER_NONE))
        ind = NULL; /* a family's member is told by the name's likeness */
    if (near && !ind)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--indicators: unknown indicator '%s' (did you "
                          "mean '%s'?)",
                          word, near);
    if (ind)
        o = (size_t)snprintf(err, errlen,
                             "--indicators: '%s' is not an indicator of the "
                             "whole run (one of: ",
                             word);
    else
        o = (size_t)snprintf(err, errlen,
                             "--indicators: unknown indicator '%s' (one of: ",
                             word);
    for (size_t k = 0; k < l->n_kpis && o < errlen; k++)
        o += (size_t)snprintf(err + o, errlen - o, "%s%s", k ? ", " : "",
                              l->kpi[k]);
    if (o < errlen)
        snprintf(err + o, errlen - o, ")");
    return RR_EPARSE;
}

/* add_ind - name[0..len) to the indicators shown. */
static int add_ind(rr_design *d, const char *name, size_t len)
{
    char **v = realloc(d->ind, (d->n_ind + 1) * sizeof *v);
    if (!v)
        return RR_ENOMEM;
    d->ind = v;
    if (!(d->ind[d->n_ind] = malloc(len + 1)))
        return RR_ENOMEM;
    memcpy(d->ind[d->n_ind], name, len);
    d->ind[d->n_ind++][len] = '\0';
    return RR_OK;
}

/* pick - one name of the list: checked against the run's KPIs, added. */
static int pick(rr_design *d, const char *name, size_t len,
                const rr_layout *l, char *err, size_t errlen)
{
    long k = -1;
    for (size_t i = 0; i < l->n_kpis && k < 0; i++)
        if (strlen(l->kpi[i]) == len && strncmp(l->kpi[i], name, len) == 0)
            k = (long)i;
    if (len == 0)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--indicators: an empty name in the list");
    if (k < 0)
        return ind_fail(name, len, l, err, errlen);
    for (size_t i = 0; i < d->n_ind; i++)
        if (strcmp(d->ind[i], l->kpi[k]) == 0)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "--indicators: '%s' is listed twice",
                              l->kpi[k]);
    if (d->n_ind == RR_SWEEP_MAX_IND)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--indicators: at most %d indicators",
                          RR_SWEEP_MAX_IND);
    if (add_ind(d, name, len) != RR_OK)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    return RR_OK;
}

int rr_design_indicators(rr_design *d, const char *list, const rr_plan *plan,
                         char *err, size_t errlen)
{
    rr_layout l;
    int rc = RR_OK;
    for (size_t i = 0; i < d->n_ind; i++)
        free(d->ind[i]);
    free(d->ind);
    d->ind = NULL;
    d->n_ind = 0;
    if (rr_layout_make(plan, &l) != RR_OK)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    if (!list) {
        for (size_t i = 0; i < RR_SWEEP_N_DEFAULT && rc == RR_OK; i++) {
            const char *nm = rr_indicators[rr_sweep_default_ind[i]].name;
            rc = pick(d, nm, strlen(nm), &l, err, errlen);
        }
    } else {
        const char *p = list;
        for (;;) {
            size_t len = strcspn(p, ",");
            const char *w = rr_trim_span(p, &len);
            if ((rc = pick(d, w, len, &l, err, errlen)) != RR_OK ||
                !p[strcspn(p, ",")])
                break;
            p += strcspn(p, ",") + 1;
        }
    }
    rr_layout_fini(&l);
    return rc;
}
