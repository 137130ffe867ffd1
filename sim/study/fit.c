/*
 * fit.c - simulated against observed yearly figures (see rr_fit.h).
 *
 * Uses only the public headers.  A year counts only when the run covers it
 * whole: a partial first or last year would be compared with a full
 * year's figure.  Cost: per row, one pass over the reporting periods per
 * term and replication (a weekly run of five years: 260 periods).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_fit.h"
#include "rr_indicator.h"
#include "rr_scenario.h"

static long metric_index(const rr_run_result *r, const char *name)
{
    for (size_t m = 0; m < r->layout.n_metrics; m++)
        if (strcmp(r->layout.metric[m], name) == 0)
            return (long)m;
    return -1;
}

/* A calendar year in the run's clock: days [y0, y1) since its start. */
typedef struct span {
    double y0, y1;
} span;

/* year_span - year y as days since the run's start; false when the run
 * does not cover the whole year. */
static bool year_span(const rr_run_result *r, int y, span *s)
{
    const rr_config *c = r->plan->cfg[0];
    long d0 = rr_date_days(c->start);
    s->y0 = (double)(rr_date_days((rr_date){y, 1, 1}) - d0);
    s->y1 = (double)(rr_date_days((rr_date){y + 1, 1, 1}) - d0);
    return s->y0 >= 0 && s->y1 <= c->horizon;
}

/* share_in - the share of period k's days that lie in the year. */
static double share_in(const rr_periods *p, size_t k, const span *s)
{
    double a = p->bounds[k], b = p->bounds[k + 1];
    double lo = a > s->y0 ? a : s->y0, hi = b < s->y1 ? b : s->y1;
    if (hi <= lo || b <= a)
        return 0;
    return hi - lo == b - a ? 1 : (hi - lo) / (b - a);
}

/* stock_period - the last period that ends within the year, or -1. */
static long stock_period(const rr_periods *p, const span *s)
{
    long k = -1;
    for (size_t i = 0; i < p->n; i++)
        if (p->bounds[i + 1] > s->y0 && p->bounds[i + 1] <= s->y1)
            k = (long)i;
    return k;
}

/* The terms of a yearly figure: columns of the time series with signs. */
typedef struct terms {
    bool stock;
    size_t n;
    long idx[8];
    int sign[8];
} terms;

/* terms_of - the terms of indicator ind in this run: a metric of the time
 * series, or a derived indicator's signed parts (the registry's).  -1 when
 * ind is none of those in this run, or not a yearly figure (averages,
 * shares, KPIs). */
static int terms_of(const rr_run_result *r, const char *ind, terms *t)
{
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, NULL);
    bool derived;

    memset(t, 0, sizeof *t);
    if (!e || !rr_indicator_is_yearly(e))
        return -1;
    derived = (e->flags & RR_IND_DERIVED) != 0;
    t->stock = !derived && e->kind == RR_KIND_STOCK;
    if (derived) {
        if (e->n_parts > RR_COUNTOF(t->idx))
            return -1;
        for (; t->n < e->n_parts; t->n++) {
            const rr_ind_part *q = &e->parts[t->n];
            t->idx[t->n] = metric_index(r, rr_indicators[q->id].name);
            t->sign[t->n] = q->sign;
        }
    } else {
        t->idx[0] = metric_index(r, ind);
        t->sign[0] = 1;
        t->n = 1;
    }
    for (size_t j = 0; j < t->n; j++)
        if (t->idx[j] < 0)
            return -1;
    return 0;
}

/* yearly - the figure of the terms in the year, per replication, into x:
 * a flow summed over the periods that overlap the year, each by the share
 * of its days inside it; a stock at the end of period ks (stock_period). */
static void yearly(const rr_run_result *r, const terms *t, const span *s,
                   long ks, double *x)
{
    const rr_periods *p = &r->layout.periods;
    size_t nm = r->layout.n_metrics;
    for (size_t i = 0; i < r->reps; i++) {
        const double *v = r->rep[i].values;
        double sum = 0;
        if (t->stock) {
            sum = v[(size_t)ks * nm + (size_t)t->idx[0]];
        } else {
            /* the terms added, then those taken off: sums of counts,
             * in a fixed order so that a figure is the same bytes on
             * every machine */
            for (int pass = 1; pass >= -1; pass -= 2)
                for (size_t j = 0; j < t->n; j++) {
                    if (t->sign[j] != pass)
                        continue;
                    for (size_t k = 0; k < p->n; k++) {
                        double w = share_in(p, k, s);
                        if (w > 0)
                            sum += pass * w * v[k * nm + (size_t)t->idx[j]];
                    }
                }
        }
        x[i] = sum;
    }
}

/* yearly_kinds - what a yearly figure may be, for the message: "a flow
 * such as departures_forced, a caseload_STAGE, or" the derived ones. */
static void yearly_kinds(char *buf, size_t len)
{
    const rr_indicator *fam = &rr_indicators[RR_IND_CASELOAD_STAGE];
    const char *pct = strstr(fam->name, "%s");
    size_t o;
    snprintf(buf, len, "a flow such as %s, a %.*sSTAGE, or",
             rr_indicators[RR_IND_DEPARTURES_FORCED].name,
             (int)(pct ? pct - fam->name : 0), fam->name);
    for (size_t i = 0, first = 1; i < RR_IND_COUNT; i++) {
        if (!(rr_indicators[i].flags & RR_IND_DERIVED))
            continue;
        o = strlen(buf);
        snprintf(buf + o, len - o, "%s %s", first ? "" : ",",
                 rr_indicators[i].name);
        first = 0;
    }
}

/* indicator_col - the column of the indicator names: `indicator`, or the
 * `kpi` or `metric` of files written for rrsim 0.1. */
static int indicator_col(const rr_table *t, int *col, char *err,
                         size_t errlen)
{
    static const char *const old[] = {"kpi", "metric"};
    for (size_t i = 0; i < RR_COUNTOF(old); i++)
        if (rr_table_col(t, "indicator") < 0 &&
            (*col = (int)rr_table_col(t, old[i])) >= 0)
            return RR_OK;
    return rr_table_require(t, "indicator", col, err, errlen);
}

int rr_fit_columns(const rr_table *t, char *err, size_t errlen)
{
    int col;
    int rc = rr_table_require(t, "year", &col, err, errlen);
    if (!rc)
        rc = indicator_col(t, &col, err, errlen);
    if (!rc)
        rc = rr_table_require(t, "value", &col, err, errlen);
    return rc;
}

const char *rr_fit_role_name(rr_fit_role role)
{
    static const char *const names[RR_FIT_ROLES] = {"calibration",
                                                    "validation", "input"};
    return (unsigned)role < RR_FIT_ROLES ? names[role] : "?";
}

/* role_of - the role of indicator ind in year y for the scenario c. */
static rr_fit_role role_of(const rr_config *c, const char *ind, int y)
{
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, NULL);
    if (e && rr_indicator_is_input(e))
        return RR_FIT_INPUT;
    for (size_t i = 0; i < c->n_calibrated; i++)
        if (c->calibrated_on[i] == y)
            return RR_FIT_CALIBRATION;
    return RR_FIT_VALIDATION;
}

/* errors - the mean absolute relative error of each role's rows. */
static void errors(rr_fit *f)
{
    double sum[RR_FIT_ROLES] = {0};
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        if (isnan(w->rel_error))
            continue;
        sum[w->role] += fabs(w->rel_error);
        f->error[w->role].n++;
    }
    for (int k = 0; k < RR_FIT_ROLES; k++)
        f->error[k].mean_abs =
            f->error[k].n ? sum[k] / (double)f->error[k].n : NAN;
}

/* clear - an empty fit: no rows, no errors. */
static void clear(rr_fit *f)
{
    memset(f, 0, sizeof *f);
    for (int k = 0; k < RR_FIT_ROLES; k++)
        f->error[k].mean_abs = NAN;
}

void rr_fit_fini(rr_fit *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->row[i].indicator);
        free(f->row[i].note);
    }
    free(f->row);
    clear(f);
}

/* row_note - the row's cells other than year, indicator and value, joined
 * with "; ". */
static void row_note(const rr_table *t, size_t i, const int skip[3],
                     char *note, size_t len)
{
    note[0] = '\0';
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t o = strlen(note);
        if ((int)c == skip[0] || (int)c == skip[1] || (int)c == skip[2] ||
            !*rr_table_cell(t, i, c))
            continue;
        snprintf(note + o, len - o, "%s%s", o ? "; " : "",
                 rr_table_cell(t, i, c));
    }
}

int rr_fit_make(const rr_table *t, const rr_run_result *r, rr_fit *out,
                char *err, size_t errlen)
{
    int cy, ci, cv, rc;
    double *x = malloc((r->reps ? r->reps : 1) * sizeof *x);
    const rr_config *cfg = r->plan->cfg[0];
    long d0 = rr_date_days(cfg->start);

    clear(out);
    if (!x)
        return RR_ENOMEM;
    if ((rc = rr_table_require(t, "year", &cy, err, errlen)) ||
        (rc = indicator_col(t, &ci, err, errlen)) ||
        (rc = rr_table_require(t, "value", &cv, err, errlen))) {
        free(x);
        return rc;
    }
    out->row = calloc(t->n_rows ? t->n_rows : 1, sizeof *out->row);
    if (!out->row) {
        free(x);
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < t->n_rows; i++) {
        rr_fit_row *row = &out->row[out->n];
        double y, v;
        span s;
        terms tm;
        long ks = -1;
        const char *ind = rr_table_cell(t, i, (size_t)ci);
        const int skip[3] = {cy, ci, cv};
        char note[512];

        if ((rc = rr_table_number(t, i, (size_t)cy, &y, err, errlen)) ||
            (rc = rr_table_number(t, i, (size_t)cv, &v, err, errlen)))
            goto fail;
        if (y != floor(y) || y < 1 || y > 9999) {
            snprintf(err, errlen, "%s:%zu: column 'year': expected a year, "
                     "got '%s'", t->path, t->line[i],
                     rr_table_cell(t, i, (size_t)cy));
            rc = RR_EPARSE;
            goto fail;
        }
        if (!year_span(r, (int)y, &s)) {
            snprintf(err, errlen, "%s:%zu: year %d is not wholly inside the "
                     "run", t->path, t->line[i], (int)y);
            rc = RR_ERANGE;
            goto fail;
        }
        if (terms_of(r, ind, &tm) != 0) {
            char kinds[256];
            yearly_kinds(kinds, sizeof kinds);
            snprintf(err, errlen,
                     "%s:%zu: column 'indicator': '%s' is not a yearly "
                     "figure of this scenario (%s)",
                     t->path, t->line[i], ind, kinds);
            rc = RR_EPARSE;
            goto fail;
        }
        if (tm.stock && (ks = stock_period(&r->layout.periods, &s)) < 0) {
            snprintf(err, errlen, "%s:%zu: no reporting period of the run "
                     "ends within %d", t->path, t->line[i], (int)y);
            rc = RR_ERANGE;
            goto fail;
        }
        yearly(r, &tm, &s, ks, x);
        row_note(t, i, skip, note, sizeof note);
        row->year = (int)y;
        row->indicator = strdup(ind);
        row->note = strdup(note);
        row->role = role_of(cfg, ind, (int)y);
        row->observed = v;
        row->simulated = rr_ci95(x, r->reps);
        row->rel_error = v != 0 ? row->simulated.mean / v - 1 : NAN;
        if (tm.stock) {
            const double *b = r->layout.periods.bounds;
            row->first = rr_date_from_days(d0 + (long)floor(b[ks]));
            row->last = rr_date_from_days(d0 + (long)ceil(b[ks + 1]) - 1);
        } else {
            row->first = (rr_date){(int)y, 1, 1};
            row->last = (rr_date){(int)y, 12, 31};
        }
        out->n++;
        if (!row->indicator || !row->note) {
            rc = RR_ENOMEM;
            goto fail;
        }
    }
    free(x);
    errors(out);
    return RR_OK;
fail:
    free(x);
    rr_fit_fini(out);
    return rc;
}
