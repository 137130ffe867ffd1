/*
 * sweep.c - design points of a parameter sweep, and the files and tables
 * of sweeps and paired comparisons.
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
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_sweep.h"

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

/* ---- files ------------------------------------------------------------------- */

int rr_write_sweep(const char *path, const rr_design *d,
                   const rr_run_result *r, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("scenario,point", f);
    for (size_t i = 0; i < d->n_vary; i++) {
        fputc(',', f);
        rr_csv_field(f, d->vary[i].key);
    }
    fputs(",indicator,unit,mean,sd,ci95_low,ci95_high,replications\n", f);
    for (size_t p = 0; p < d->n_points; p++) {
        const rr_run_result *x = &r[p];
        for (size_t k = 0; k < x->layout.n_kpis; k++) {
            rr_csv_field(f, x->plan->cfg[0]->name);
            fprintf(f, ",%zu", p + 1);
            for (size_t i = 0; i < d->n_vary; i++) {
                fputc(',', f);
                rr_csv_field(f, d->vary[i].values[d->index[p * d->n_vary + i]]);
            }
            fputc(',', f);
            rr_csv_field(f, x->layout.kpi[k]);
            fputc(',', f);
            rr_csv_field(f, x->layout.kpi_unit[k]);
            rr_csv_ci(f, rr_run_kpi_ci(x, k));
            fputc('\n', f);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

/* kpi_in - index of KPI `name` in r, or -1 (the two runs of a comparison
 * may have different providers or stages). */
static long kpi_in(const rr_run_result *r, const char *name)
{
    for (size_t k = 0; k < r->layout.n_kpis; k++)
        if (strcmp(r->layout.kpi[k], name) == 0)
            return (long)k;
    return -1;
}

/* paired - the CI of policy - baseline for KPI k of base, pairing
 * replications (common random numbers). */
static rr_ci paired(const rr_run_result *base, const rr_run_result *pol,
                    size_t k, long kp)
{
    size_t n = base->reps < pol->reps ? base->reps : pol->reps;
    double *x = malloc((n ? n : 1) * sizeof *x);
    rr_ci ci;
    if (!x || kp < 0) {
        free(x);
        memset(&ci, 0, sizeof ci);
        ci.mean = ci.sd = ci.half = ci.low = ci.high = NAN;
        return ci;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = pol->rep[i].kpi[kp] - base->rep[i].kpi[k];
    ci = rr_ci95(x, n);
    free(x);
    return ci;
}

int rr_write_compare(const char *path, const rr_run_result *base,
                     const rr_run_result *pol, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("baseline,policy,indicator,unit,baseline_mean,policy_mean,difference,"
          "ci95_low,ci95_high,replications\n",
          f);
    for (size_t k = 0; k < base->layout.n_kpis; k++) {
        long kp = kpi_in(pol, base->layout.kpi[k]);
        rr_ci d = paired(base, pol, k, kp);
        rr_csv_field(f, base->plan->cfg[0]->name);
        fputc(',', f);
        rr_csv_field(f, pol->plan->cfg[0]->name);
        fputc(',', f);
        rr_csv_field(f, base->layout.kpi[k]);
        fputc(',', f);
        rr_csv_field(f, base->layout.kpi_unit[k]);
        fputc(',', f);
        rr_csv_number(f, rr_run_kpi_ci(base, k).mean);
        fputc(',', f);
        rr_csv_number(f, kp >= 0 ? rr_run_kpi_ci(pol, (size_t)kp).mean : NAN);
        fputc(',', f);
        rr_csv_number(f, d.mean);
        fputc(',', f);
        rr_csv_number(f, d.low);
        fputc(',', f);
        rr_csv_number(f, d.high);
        fprintf(f, ",%zu\n", d.n);
    }
    return rr_out_close(f, path, err, errlen);
}

/* ---- tables -------------------------------------------------------------------- */

/* is_share - whether the KPI called name is a share (the registry's unit). */
static bool is_share(const char *name)
{
    const rr_indicator *ind = rr_indicator_find_in(name, RR_IND_KPI, NULL);
    return ind && ind->unit == RR_UNIT_SHARE;
}

static void num(FILE *f, double x, bool share, int w)
{
    if (isnan(x))
        fprintf(f, " %*s", w, "n/a");
    else if (share)
        fprintf(f, " %*.3f", w, x);
    else if (fabs(x) >= 100)
        fprintf(f, " %*.0f", w, x);
    else
        fprintf(f, " %*.1f", w, x);
}

void rr_print_sweep(FILE *f, const rr_design *d, const rr_run_result *r,
                    const char *const *kpis, size_t n_kpis)
{
    fprintf(f, "%-6s", "point");
    for (size_t i = 0; i < d->n_vary; i++)
        fprintf(f, " %-18s", d->vary[i].key);
    for (size_t k = 0; k < n_kpis; k++)
        fprintf(f, " %24s", kpis[k]);
    fputc('\n', f);
    for (size_t p = 0; p < d->n_points; p++) {
        fprintf(f, "%-6zu", p + 1);
        for (size_t i = 0; i < d->n_vary; i++)
            fprintf(f, " %-18s",
                    d->vary[i].values[d->index[p * d->n_vary + i]]);
        for (size_t k = 0; k < n_kpis; k++) {
            long ki = kpi_in(&r[p], kpis[k]);
            rr_ci ci;
            char cell[64];
            if (ki < 0) {
                fprintf(f, " %24s", "n/a");
                continue;
            }
            ci = rr_run_kpi_ci(&r[p], (size_t)ki);
            if (is_share(kpis[k]))
                snprintf(cell, sizeof cell, "%.3f ±%.3f", ci.mean, ci.half);
            else
                snprintf(cell, sizeof cell, "%.1f ±%.1f", ci.mean, ci.half);
            fprintf(f, " %25s", cell); /* the ± takes two bytes */
        }
        fputc('\n', f);
    }
}

void rr_print_compare(FILE *f, const rr_run_result *base,
                      const rr_run_result *pol)
{
    fprintf(f, "%s (baseline) vs %s (policy), %zu paired replications\n\n",
            base->plan->cfg[0]->name, pol->plan->cfg[0]->name,
            base->reps < pol->reps ? base->reps : pol->reps);
    fprintf(f, "%-34s %-8s %12s %12s %12s %12s %12s\n", "indicator", "unit",
            "baseline", "policy", "difference", "95% CI low", "95% CI high");
    for (size_t k = 0; k < base->layout.n_kpis; k++) {
        const char *u = base->layout.kpi_unit[k];
        bool sh = is_share(base->layout.kpi[k]);
        long kp = kpi_in(pol, base->layout.kpi[k]);
        rr_ci d = paired(base, pol, k, kp);
        fprintf(f, "%-34s %-8s", base->layout.kpi[k], u);
        num(f, rr_run_kpi_ci(base, k).mean, sh, 12);
        num(f, kp >= 0 ? rr_run_kpi_ci(pol, (size_t)kp).mean : NAN, sh, 12);
        num(f, d.mean, sh, 12);
        num(f, d.low, sh, 12);
        num(f, d.high, sh, 12);
        fputc('\n', f);
    }
}
