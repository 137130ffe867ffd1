/*
 * layout.c - what a replication reports, before it runs: the reporting
 * periods (and the calendar years of the country table), the names and
 * units of the metrics, KPIs and country measures in the order of the
 * results files (the indicator registry's), and the arrays of one
 * replication's results (all its rows, or with a spill the rows running:
 * spill.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_indicator.h"
#include "rr_model.h"
#include "rr_util.h"

/* ---- periods ------------------------------------------------------------- */

static rr_date next_bound(rr_date d, rr_report_period p)
{
    long days = rr_date_days(d);
    switch (p) {
    case RR_REPORT_DAY:
        return rr_date_from_days(days + 1);
    case RR_REPORT_WEEK: {
        /* 1970-01-01 was a Thursday: weekday 0 = Monday */
        long wd = ((days % 7) + 7 + 3) % 7;
        return rr_date_from_days(days + 7 - wd);
    }
    case RR_REPORT_MONTH:
        d.d = 1;
        if (++d.m > 12) {
            d.m = 1;
            d.y++;
        }
        return d;
    case RR_REPORT_QUARTER:
        d.d = 1;
        d.m = ((d.m - 1) / 3) * 3 + 4;
        if (d.m > 12) {
            d.m -= 12;
            d.y++;
        }
        return d;
    default:
        d.d = 1;
        d.m = 1;
        d.y++;
        return d;
    }
}

/* cut - the periods of cfg's run by `report`. */
static int cut(const rr_config *cfg, rr_report_period report,
               rr_periods *out)
{
    long d0 = rr_date_days(cfg->start);
    size_t cap = 16, n = 0;
    double *b = malloc(cap * sizeof *b);
    rr_date d = cfg->start;

    if (!b)
        return RR_ENOMEM;
    b[n++] = 0;
    for (;;) {
        double t;
        d = next_bound(d, report);
        t = (double)(rr_date_days(d) - d0);
        if (t >= cfg->horizon)
            t = cfg->horizon;
        if (n == cap) {
            double *nb = realloc(b, 2 * cap * sizeof *b);
            if (!nb) {
                free(b);
                return RR_ENOMEM;
            }
            b = nb;
            cap *= 2;
        }
        b[n++] = t;
        if (t >= cfg->horizon)
            break;
    }
    out->n = n - 1;
    out->bounds = b;
    return RR_OK;
}

int rr_periods_make(const rr_config *cfg, rr_periods *out)
{
    return cut(cfg, cfg->report, out);
}

int rr_periods_years(const rr_config *cfg, rr_periods *out)
{
    return cut(cfg, RR_REPORT_YEAR, out);
}

void rr_periods_fini(rr_periods *p)
{
    free(p->bounds);
    p->bounds = NULL;
    p->n = 0;
}

/* ---- layout -------------------------------------------------------------- */

void rr_layout_fini(rr_layout *l)
{
    if (l->metric)
        for (size_t i = 0; i < l->n_metrics; i++)
            free(l->metric[i]);
    if (l->kpi)
        for (size_t i = 0; i < l->n_kpis; i++)
            free(l->kpi[i]);
    free(l->metric);
    free(l->metric_unit);
    free(l->kpi);
    free(l->kpi_unit);
    if (l->cmeasure)
        for (size_t i = 0; i < l->n_cmeasures; i++)
            free(l->cmeasure[i]);
    free(l->cmeasure);
    free(l->cmeasure_unit);
    rr_periods_fini(&l->periods);
    rr_periods_fini(&l->years);
    memset(l, 0, sizeof *l);
}

/* n_members - how many names the registry entry stands for in cfg: one,
 * or one per stage or provider for a family. */
static size_t n_members(const rr_indicator *e, const rr_config *cfg)
{
    switch (e->member) {
    case RR_MEMBER_STAGE:
        return cfg->n_stages;
    case RR_MEMBER_PROVIDER:
        return cfg->n_providers;
    default:
        return 1;
    }
}

static const char *member_name(const rr_indicator *e, const rr_config *cfg,
                               size_t i)
{
    switch (e->member) {
    case RR_MEMBER_STAGE:
        return cfg->stages[i].name;
    case RR_MEMBER_PROVIDER:
        return cfg->providers[i].name;
    default:
        return NULL;
    }
}

/* fill - the names and units of the entries ids[0..n) into name[] and
 * unit[] from *k on; RR_EINVAL, with the message in err, when a stage or
 * provider would be named like a fixed indicator (a stage `total`: two
 * caseload_total). */
static int fill(const rr_ind_id *ids, size_t n, const rr_config *cfg,
                char **name, const char **unit, size_t *k, char *err,
                size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const rr_indicator *e = &rr_indicators[ids[i]];
        for (size_t j = 0; j < n_members(e, cfg); j++) {
            const char *mb = member_name(e, cfg, j);
            const rr_indicator *c = rr_indicator_clash(e, mb);
            size_t len = strlen(e->name) + (mb ? strlen(mb) : 0) + 1;
            if (c) {
                const char *what = e->member == RR_MEMBER_STAGE
                                       ? "stage"
                                       : "provider";
                rr_err_set(err, errlen, RR_EINVAL,
                           "[%s.%s]: the %s would be reported as '%s', "
                           "the name of another indicator; rename the %s",
                           what, mb, what, c->name, what);
                return RR_EINVAL;
            }
            if (!(name[*k] = malloc(len)))
                return RR_ENOMEM;
            rr_indicator_name(e, mb, name[*k], len);
            unit[(*k)++] = rr_indicator_unit_name(e->unit);
        }
    }
    return RR_OK;
}

static size_t count(const rr_ind_id *ids, size_t n, const rr_config *cfg)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += n_members(&rr_indicators[ids[i]], cfg);
    return c;
}

/* The measures of a country, in the order of RR_CM_* (the registry's
 * words; the family of providers at the place of its members). */
static const rr_ind_id country_ids[] = {
    RR_IND_CASELOAD_START,
    RR_IND_ARRIVALS,
    RR_IND_ARRIVALS_REMIGRATION,
    RR_IND_DEPARTURES_VOLUNTARY_IOM,
    RR_IND_DEPARTURES_VOLUNTARY_NGO,
    RR_IND_DEPARTURES_VOLUNTARY_SELF,
    RR_IND_DEPARTURES_FORCED,
    RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_DEPARTURES_CLOSED,
    RR_IND_CASELOAD_END,
    RR_IND_REINTEGRATION_PROVIDER,
    RR_IND_REINTEGRATION_NONE,
};

int rr_layout_check(const rr_plan *plan, rr_layout *l, char *err,
                    size_t errlen)
{
    const rr_config *cfg = plan->cfg[0];
    size_t m = 0, k = 0, c = 0;
    int rc;

    memset(l, 0, sizeof *l);
    l->n_metrics = count(rr_indicator_metrics, rr_indicator_n_metrics, cfg);
    l->n_kpis = count(rr_indicator_kpis, rr_indicator_n_kpis, cfg);
    l->n_cmeasures = count(country_ids, RR_COUNTOF(country_ids), cfg);
    l->n_stages = cfg->n_stages;
    l->n_countries = cfg->n_countries;
    l->metric = calloc(l->n_metrics + 1, sizeof *l->metric);
    l->metric_unit = calloc(l->n_metrics + 1, sizeof *l->metric_unit);
    l->kpi = calloc(l->n_kpis + 1, sizeof *l->kpi);
    l->kpi_unit = calloc(l->n_kpis + 1, sizeof *l->kpi_unit);
    l->cmeasure = calloc(l->n_cmeasures + 1, sizeof *l->cmeasure);
    l->cmeasure_unit = calloc(l->n_cmeasures + 1, sizeof *l->cmeasure_unit);
    rc = RR_ENOMEM;
    if (!l->metric || !l->metric_unit || !l->kpi || !l->kpi_unit ||
        !l->cmeasure || !l->cmeasure_unit)
        goto fail;
    if ((rc = fill(rr_indicator_metrics, rr_indicator_n_metrics, cfg,
                   l->metric, l->metric_unit, &m, err, errlen)) ||
        (rc = fill(rr_indicator_kpis, rr_indicator_n_kpis, cfg, l->kpi,
                   l->kpi_unit, &k, err, errlen)) ||
        (rc = fill(country_ids, RR_COUNTOF(country_ids), cfg, l->cmeasure,
                   l->cmeasure_unit, &c, err, errlen)))
        goto fail;
    rc = RR_ENOMEM;
    if (rr_periods_make(cfg, &l->periods) != RR_OK ||
        rr_periods_years(cfg, &l->years) != RR_OK)
        goto fail;
    return RR_OK;
fail:
    if (rc == RR_ENOMEM)
        rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    rr_layout_fini(l);
    return rc;
}

int rr_layout_make(const rr_plan *plan, rr_layout *l)
{
    char err[8];
    return rr_layout_check(plan, l, err, sizeof err);
}

int rr_rep_result_init_spill(rr_rep_result *r, const rr_layout *l,
                             rr_spill *spill, size_t slot)
{
    /* with a spill, one row of each table: the period and year running */
    size_t periods, years;
    memset(r, 0, sizeof *r);
    r->n_periods = l->periods.n;
    r->n_metrics = l->n_metrics;
    r->n_kpis = l->n_kpis;
    r->n_stages = l->n_stages;
    r->n_years = l->years.n;
    r->n_countries = l->n_countries;
    r->n_cmeasures = l->n_cmeasures;
    r->spill = spill;
    r->slot = slot;
    periods = spill ? 1 : r->n_periods;
    years = spill ? 1 : r->n_years;
    r->values = calloc(periods * r->n_metrics + 1, sizeof *r->values);
    r->kpi = calloc(r->n_kpis, sizeof *r->kpi);
    r->stages = calloc(periods * r->n_stages * RR_SM_COUNT + 1,
                       sizeof *r->stages);
    r->countries = calloc(years * r->n_countries * r->n_cmeasures + 1,
                          sizeof *r->countries);
    if (!r->values || !r->kpi || !r->stages || !r->countries) {
        rr_rep_result_fini(r);
        return RR_ENOMEM;
    }
    return RR_OK;
}

int rr_rep_result_init(rr_rep_result *r, const rr_layout *l)
{
    return rr_rep_result_init_spill(r, l, NULL, 0);
}

void rr_rep_result_fini(rr_rep_result *r)
{
    free(r->values);
    free(r->kpi);
    free(r->stages);
    free(r->countries);
    free(r->pending);
    r->values = r->kpi = r->stages = r->countries = r->pending = NULL;
    r->n_pending = 0;
}
