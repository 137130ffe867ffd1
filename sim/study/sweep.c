/*
 * sweep.c - design points of a parameter sweep (rr_sweep.h); paired
 * comparisons are compare.c's.
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
