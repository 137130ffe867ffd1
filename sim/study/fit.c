/*
 * fit.c - simulated against observed yearly figures (see rr_fit.h).
 *
 * Uses only the public headers.  A year counts only when the run covers it
 * whole: a partial first or last year would be compared with a full
 * year's figure.
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

/* year_periods - the periods that start in year y: [*k0, *k1).  false when
 * the run does not cover the whole year. */
static bool year_periods(const rr_run_result *r, int y, size_t *k0,
                         size_t *k1)
{
    const rr_config *c = r->plan->cfg[0];
    long d0 = rr_date_days(c->start);
    long y0 = rr_date_days((rr_date){y, 1, 1}) - d0;
    long y1 = rr_date_days((rr_date){y + 1, 1, 1}) - d0;
    const double *b = r->layout.periods.bounds;
    size_t n = r->layout.periods.n;

    if (y0 < 0 || (double)y1 > c->horizon)
        return false;
    *k0 = *k1 = n;
    for (size_t k = 0; k < n; k++) {
        if (b[k] >= (double)y0 && *k0 == n)
            *k0 = k;
        if (b[k] >= (double)y1) {
            *k1 = k;
            break;
        }
    }
    return *k0 < *k1;
}

/* yearly - the indicator's yearly figure per replication into x: a flow
 * of the time series summed over the year, a stock taken at the year's
 * end, or a derived indicator's signed sum of its parts (the registry's
 * terms).  -1 when ind is none of those in this run. */
static int yearly(const rr_run_result *r, const char *ind, size_t k0,
                  size_t k1, double *x)
{
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, NULL);
    bool stock, derived;
    long idx[8];
    int sign[8];
    size_t n = 0;

    if (!e || !rr_indicator_is_yearly(e))
        return -1; /* averages, shares, KPIs: not yearly figures */
    derived = (e->flags & RR_IND_DERIVED) != 0;
    stock = !derived && e->kind == RR_KIND_STOCK;
    if (derived) {
        if (e->n_parts > RR_COUNTOF(idx))
            return -1;
        for (; n < e->n_parts; n++) {
            idx[n] = metric_index(r, rr_indicators[e->parts[n].id].name);
            sign[n] = e->parts[n].sign;
        }
    } else {
        idx[0] = metric_index(r, ind);
        sign[0] = 1;
        n = 1;
    }
    for (size_t j = 0; j < n; j++)
        if (idx[j] < 0)
            return -1;
    for (size_t i = 0; i < r->reps; i++) {
        const double *v = r->rep[i].values;
        size_t nm = r->layout.n_metrics;
        double s = 0;
        if (stock) {
            s = v[(k1 - 1) * nm + (size_t)idx[0]];
        } else {
            /* the terms added period by period, then those taken off */
            for (size_t k = k0; k < k1; k++)
                for (size_t j = 0; j < n; j++)
                    if (sign[j] > 0)
                        s += v[k * nm + (size_t)idx[j]];
            for (size_t j = 0; j < n; j++)
                if (sign[j] < 0)
                    for (size_t k = k0; k < k1; k++)
                        s -= v[k * nm + (size_t)idx[j]];
        }
        x[i] = s;
    }
    return 0;
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

void rr_fit_fini(rr_fit *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->row[i].indicator);
        free(f->row[i].note);
    }
    free(f->row);
    memset(f, 0, sizeof *f);
}

int rr_fit_make(const rr_table *t, const rr_run_result *r, rr_fit *out,
                char *err, size_t errlen)
{
    int cy, ci, cv, rc;
    double *x = malloc((r->reps ? r->reps : 1) * sizeof *x);

    memset(out, 0, sizeof *out);
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
        size_t k0, k1;
        const char *ind = rr_table_cell(t, i, (size_t)ci);
        char note[512] = "";

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
        if (!year_periods(r, (int)y, &k0, &k1)) {
            snprintf(err, errlen, "%s:%zu: year %d is not wholly inside the "
                     "run", t->path, t->line[i], (int)y);
            rc = RR_ERANGE;
            goto fail;
        }
        if (yearly(r, ind, k0, k1, x) != 0) {
            char kinds[256];
            yearly_kinds(kinds, sizeof kinds);
            snprintf(err, errlen,
                     "%s:%zu: column 'indicator': '%s' is not a yearly "
                     "figure of this scenario (%s)",
                     t->path, t->line[i], ind, kinds);
            rc = RR_EPARSE;
            goto fail;
        }
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t len = strlen(note);
            if ((int)c == cy || (int)c == ci || (int)c == cv ||
                !*rr_table_cell(t, i, c))
                continue;
            snprintf(note + len, sizeof note - len, "%s%s", len ? "; " : "",
                     rr_table_cell(t, i, c));
        }
        row->year = (int)y;
        row->indicator = strdup(ind);
        row->note = strdup(note);
        row->observed = v;
        row->simulated = rr_ci95(x, r->reps);
        row->rel_error = v != 0 ? row->simulated.mean / v - 1 : NAN;
        out->n++;
        if (!row->indicator || !row->note) {
            rc = RR_ENOMEM;
            goto fail;
        }
    }
    free(x);
    return RR_OK;
fail:
    free(x);
    rr_fit_fini(out);
    return rc;
}
