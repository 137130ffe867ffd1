/*
 * compare.c - paired comparisons of two runs (rr_compare.h): the window,
 * the effects over it, from a date, per calendar year and per reporting
 * period.
 *
 * An indicator over a span is read from a run's reporting periods by a
 * reader: the registry's rule for it (rr_indicator_span) with the indices
 * of the metrics it needs in that run's layout, found once per run, so
 * that evaluating it for one replication and span costs a pass over the
 * periods the span overlaps.  The periods of a span are found by binary
 * search on the layout's bounds.  A table of every reporting period of a
 * daily ten-year run with a hundred replications is some thirty million
 * such evaluations of a few periods each: about a second.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_compare.h"
#include "rr_model.h"
#include "rr_util.h"

/* ---- paired KPIs ------------------------------------------------------------ */

long rr_run_kpi_find(const rr_run_result *r, const char *name)
{
    for (size_t k = 0; k < r->layout.n_kpis; k++)
        if (strcmp(r->layout.kpi[k], name) == 0)
            return (long)k;
    return -1;
}

static rr_ci no_ci(void)
{
    rr_ci ci;
    memset(&ci, 0, sizeof ci);
    ci.mean = ci.sd = ci.half = ci.low = ci.high = NAN;
    return ci;
}

rr_ci rr_compare_diff_ci(const rr_run_result *base,
                         const rr_run_result *pol, size_t k, long kp)
{
    size_t n = base->reps < pol->reps ? base->reps : pol->reps;
    double *x = malloc((n ? n : 1) * sizeof *x);
    rr_ci ci;
    if (!x || kp < 0) {
        free(x);
        return no_ci();
    }
    for (size_t i = 0; i < n; i++)
        x[i] = pol->rep[i].kpi[kp] - base->rep[i].kpi[k];
    ci = rr_ci95(x, n);
    free(x);
    return ci;
}

/* ---- windows ------------------------------------------------------------------ */

static long start_day(const rr_plan *p)
{
    return rr_date_days(p->cfg[0]->start);
}

static long end_day(const rr_plan *p)
{
    return rr_date_days(p->cfg[0]->end);
}

rr_span rr_compare_run_window(const rr_plan *p)
{
    rr_span w;
    w.from = start_day(p) + (long)ceil(p->cfg[0]->warmup);
    w.to = end_day(p);
    return w;
}

/* The reporting boundaries of a plan as days: b[0] its start, b[n-1] the
 * day after its end; a period starts at each but the last and ends the
 * day before each but the first. */
typedef struct bounds {
    long *b;
    size_t n;
} bounds;

static int bounds_of(const rr_plan *p, bounds *out)
{
    rr_periods per;
    long s = start_day(p);
    out->b = NULL;
    out->n = 0;
    if (rr_periods_make(p->cfg[0], &per) != RR_OK)
        return RR_ENOMEM;
    if ((out->b = malloc((per.n + 1) * sizeof *out->b)) != NULL) {
        out->n = per.n + 1;
        for (size_t k = 0; k <= per.n; k++)
            out->b[k] = s + (long)llround(per.bounds[k]);
    }
    rr_periods_fini(&per);
    return out->b ? RR_OK : RR_ENOMEM;
}

/* has - whether day is among b[lo..hi). */
static bool has(const bounds *x, size_t lo, size_t hi, long day)
{
    for (size_t k = lo; k < hi && k < x->n; k++)
        if (x->b[k] == day)
            return true;
    return false;
}

/* is_start, is_end - whether day is the first (last) day of a reporting
 * period of both. */
static bool is_start(const bounds *a, const bounds *b, long day)
{
    return has(a, 0, a->n - 1, day) && has(b, 0, b->n - 1, day);
}

static bool is_end(const bounds *a, const bounds *b, long day)
{
    return has(a, 1, a->n, day + 1) && has(b, 1, b->n, day + 1);
}

/* open_window - the days of a plan a window may cover: from the day its
 * warm-up ends (a warm-up of "1y", 365.25 days, ends six hours into a
 * day; that day may start a window) to its end. */
static rr_span open_window(const rr_plan *p)
{
    rr_span w;
    w.from = start_day(p) + (long)floor(p->cfg[0]->warmup);
    w.to = end_day(p);
    return w;
}

/* span_of_both - the days both can be compared over: after both
 * warm-ups, within both runs. */
static rr_span span_of_both(const rr_plan *a, const rr_plan *b)
{
    rr_span x = open_window(a), y = open_window(b), w;
    w.from = x.from > y.from ? x.from : y.from;
    w.to = x.to < y.to ? x.to : y.to;
    return w;
}

/* nearest - the aligned days (starts, or with ends the last days) of both
 * nearest to day within w: *below the last one before it, *above the
 * first one after (LONG_MIN / LONG_MAX when there is none). */
static void nearest(const bounds *a, const bounds *b, bool ends, rr_span w,
                    long day, long *below, long *above)
{
    *below = LONG_MIN;
    *above = LONG_MAX;
    for (size_t k = 0; k < a->n; k++) {
        long d = ends ? a->b[k] - 1 : a->b[k];
        bool ok = ends ? is_end(a, b, d) : is_start(a, b, d);
        if (!ok || d < w.from || d > w.to)
            continue;
        if (d < day && d > *below)
            *below = d;
        if (d > day && d < *above)
            *above = d;
    }
}

bool rr_compare_common_window(const rr_plan *a, const rr_plan *b,
                              rr_span *out)
{
    bounds x, y;
    rr_span w = span_of_both(a, b);
    long from = LONG_MAX, to = LONG_MIN;
    bool ok;
    if (bounds_of(a, &x) != RR_OK || bounds_of(b, &y) != RR_OK) {
        free(x.b);
        return false;
    }
    for (size_t k = 0; k < x.n; k++) {
        long d = x.b[k];
        if (d >= w.from && d <= w.to && is_start(&x, &y, d) && d < from)
            from = d;
        if (d - 1 >= w.from && d - 1 <= w.to && is_end(&x, &y, d - 1) &&
            d - 1 > to)
            to = d - 1;
    }
    free(x.b);
    free(y.b);
    ok = from != LONG_MAX && to != LONG_MIN && from <= to;
    if (ok) {
        out->from = from;
        out->to = to;
    }
    return ok;
}

static void date_text(long day, char *buf, size_t n)
{
    rr_date_format(rr_date_from_days(day), buf, n);
}

static const char *report_word(rr_report_period r)
{
    switch (r) {
    case RR_REPORT_DAY:
        return "day";
    case RR_REPORT_WEEK:
        return "week";
    case RR_REPORT_MONTH:
        return "month";
    case RR_REPORT_QUARTER:
        return "quarter";
    default:
        return "year";
    }
}

/* inside - whether the window's dates lie inside run p (named name) after
 * its warm-up; a message otherwise. */
static int inside(const char *spec, rr_span w, const rr_plan *p,
                  const char *name, char *err, size_t errlen)
{
    rr_span r = open_window(p);
    char a[16], b[16];
    if (w.from < start_day(p)) {
        date_text(w.from, a, sizeof a);
        date_text(start_day(p), b, sizeof b);
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--window %s: %s is before the start of %s (%s)",
                          spec, a, name, b);
    }
    if (w.from < r.from) {
        date_text(w.from, a, sizeof a);
        date_text(r.from, b, sizeof b);
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--window %s: %s is in the warm-up of %s, which "
                          "ends on %s",
                          spec, a, name, b);
    }
    if (w.to > r.to) {
        date_text(w.to, a, sizeof a);
        date_text(r.to, b, sizeof b);
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--window %s: %s is after the end of %s (%s)",
                          spec, a, name, b);
    }
    return RR_OK;
}

/* misaligned - the message of a date that is not on the boundaries. */
static int misaligned(const char *spec, const bounds *x, const bounds *y,
                      const rr_plan *p, rr_span w, long day, bool ends,
                      char *err, size_t errlen)
{
    long below, above;
    char d[16], lo[16], hi[16], near[64];
    nearest(x, y, ends, w, day, &below, &above);
    date_text(day, d, sizeof d);
    date_text(below, lo, sizeof lo);
    date_text(above, hi, sizeof hi);
    if (below != LONG_MIN && above != LONG_MAX)
        snprintf(near, sizeof near, "the nearest that are: %s and %s", lo,
                 hi);
    else if (below != LONG_MIN || above != LONG_MAX)
        snprintf(near, sizeof near, "the nearest that is: %s",
                 below != LONG_MIN ? lo : hi);
    else
        snprintf(near, sizeof near, "none is, within both runs");
    return rr_err_set(err, errlen, RR_EINVAL,
                      "--window %s: %s is not the %s day of a reporting "
                      "period (%s) of both runs; %s",
                      spec, d, ends ? "last" : "first",
                      report_word(p->cfg[0]->report), near);
}

int rr_compare_window_parse(const char *spec, const rr_plan *a,
                            const char *name_a, const rr_plan *b,
                            const char *name_b, rr_span *out, char *err,
                            size_t errlen)
{
    const char *colon = strchr(spec, ':');
    char from[16] = "", to[16] = "";
    rr_date df, dt;
    rr_span w;
    bounds x, y;
    int rc;

    if (colon && (size_t)(colon - spec) < sizeof from &&
        strlen(colon + 1) < sizeof to) {
        memcpy(from, spec, (size_t)(colon - spec));
        snprintf(to, sizeof to, "%s", colon + 1);
    }
    if (!colon || rr_date_parse(from, &df) != RR_OK ||
        rr_date_parse(to, &dt) != RR_OK)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--window %s: expected FROM:TO, two dates such as "
                          "2019-01-01:2023-12-31",
                          spec);
    w.from = rr_date_days(df);
    w.to = rr_date_days(dt);
    if (w.to < w.from)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--window %s: %s is before %s", spec, to, from);
    if ((rc = inside(spec, w, a, name_a, err, errlen)) != RR_OK ||
        (rc = inside(spec, w, b, name_b, err, errlen)) != RR_OK)
        return rc;
    if (bounds_of(a, &x) != RR_OK || bounds_of(b, &y) != RR_OK) {
        free(x.b);
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    }
    rc = RR_OK;
    if (!is_start(&x, &y, w.from))
        rc = misaligned(spec, &x, &y, a, span_of_both(a, b), w.from, false,
                        err, errlen);
    else if (!is_end(&x, &y, w.to))
        rc = misaligned(spec, &x, &y, a, span_of_both(a, b), w.to, true, err,
                        errlen);
    free(x.b);
    free(y.b);
    if (rc == RR_OK)
        *out = w;
    return rc;
}

int rr_compare_from_parse(const char *spec, rr_span w, long *out, char *err,
                          size_t errlen)
{
    rr_date d;
    char a[16], b[16];
    long day;
    if (rr_date_parse(spec, &d) != RR_OK)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--from %s: expected a date such as 2021-01-01",
                          spec);
    day = rr_date_days(d);
    if (day < w.from || day > w.to) {
        date_text(w.from, a, sizeof a);
        date_text(w.to, b, sizeof b);
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--from %s: outside the days compared (%s to %s)",
                          spec, a, b);
    }
    *out = day;
    return RR_OK;
}

/* ---- reading an indicator from the periods ------------------------------------ */

/* A metric of the layout with the sign it is added with. */
typedef struct term {
    size_t m;
    double sign;
} term;

/* An indicator as read from one run's periods. */
typedef struct reader {
    rr_span_rule rule;
    bool ok;         /* every metric it needs is in the run */
    long m;          /* the metric, -1 */
    term *num, *den;
    size_t n_num, n_den;
    long kpi;        /* RR_SPAN_START: the KPI at the run's start, -1 */
} reader;

static void reader_fini(reader *r)
{
    free(r->num);
    free(r->den);
    memset(r, 0, sizeof *r);
}

static long metric_find(const rr_run_result *r, const char *name)
{
    for (size_t k = 0; k < r->layout.n_metrics; k++)
        if (strcmp(r->layout.metric[k], name) == 0)
            return (long)k;
    return -1;
}

/* terms_of - the metrics of parts (a family's part: every member) into
 * *out; false when a fixed part is missing.  RR_ENOMEM through *rc. */
static bool terms_of(const rr_run_result *r, const rr_ind_part *parts,
                     size_t n, term **out, size_t *n_out, int *rc)
{
    size_t cap = n + r->layout.n_metrics;
    bool ok = true;
    *n_out = 0;
    if (!(*out = malloc((cap ? cap : 1) * sizeof **out))) {
        *rc = RR_ENOMEM;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const rr_indicator *e = &rr_indicators[parts[i].id];
        if (e->member != RR_MEMBER_NONE) {
            for (size_t k = 0; k < r->layout.n_metrics; k++)
                if (rr_indicator_find_in(r->layout.metric[k], RR_IND_METRIC,
                                         NULL) == e &&
                    *n_out < cap)
                    (*out)[(*n_out)++] = (term){k, parts[i].sign};
        } else {
            long m = metric_find(r, e->name);
            if (m < 0)
                ok = false;
            else if (*n_out < cap)
                (*out)[(*n_out)++] = (term){(size_t)m, parts[i].sign};
        }
    }
    return ok;
}

/* reader_make - how ind (member: a family's member, else NULL) is read
 * from run r.  RR_OK (rd->ok false when it cannot be) or RR_ENOMEM. */
static int reader_make(const rr_run_result *r, const rr_indicator *ind,
                       const char *member, reader *rd)
{
    rr_ind_span sp = rr_indicator_span(ind);
    char name[160];
    int rc = RR_OK;

    memset(rd, 0, sizeof *rd);
    rd->rule = sp.rule;
    rd->m = rd->kpi = -1;
    if (sp.rule == RR_SPAN_NONE)
        return RR_OK;
    rd->ok = true;
    if (sp.rule != RR_SPAN_RATIO && !(sp.rule == RR_SPAN_SUM && sp.num)) {
        if (sp.metric == ind->id)
            rr_indicator_name(ind, member, name, sizeof name);
        else
            snprintf(name, sizeof name, "%s", rr_indicators[sp.metric].name);
        rd->m = metric_find(r, name);
        rd->ok = rd->m >= 0;
    }
    if (sp.num && !terms_of(r, sp.num, sp.n_num, &rd->num, &rd->n_num, &rc))
        rd->ok = false;
    if (sp.den && !terms_of(r, sp.den, sp.n_den, &rd->den, &rd->n_den, &rc))
        rd->ok = false;
    if (sp.rule == RR_SPAN_START)
        rd->kpi = rr_run_kpi_find(r, ind->name);
    return rc;
}

/* A span in a run's clock: days since its start, [a, b). */
typedef struct clock_span {
    double a, b;
} clock_span;

static clock_span clock_of(const rr_run_result *r, rr_span s)
{
    long s0 = start_day(r->plan);
    clock_span c = {(double)(s.from - s0), (double)(s.to + 1 - s0)};
    return c;
}

/* first_period - the first period ending after a (binary search). */
static size_t first_period(const rr_periods *p, double a)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->bounds[mid + 1] > a + 1e-9)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static double terms_sum(const double *row, const term *t, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += t[i].sign * row[t[i].m];
    return s;
}

/* evaluate - the indicator read by rd over span c of replication i. */
static double evaluate(const rr_run_result *r, size_t i, const reader *rd,
                       clock_span c)
{
    const rr_periods *p = &r->layout.periods;
    const double *v = r->rep[i].values;
    size_t nm = r->layout.n_metrics, k0;
    double s = 0, w = 0, num = 0, den = 0;
    long last = -1;

    if (!rd->ok || p->n == 0 || !(c.b > c.a))
        return NAN;
    if (rd->rule == RR_SPAN_START) {
        if (c.a <= p->bounds[0] + 1e-9)
            return rd->kpi >= 0 ? r->rep[i].kpi[rd->kpi] : NAN;
        k0 = first_period(p, c.a);
        /* the period that ends where the span starts, or the one before
         * the period it starts in */
        return k0 > 0 ? v[(k0 - 1) * nm + (size_t)rd->m] : NAN;
    }
    k0 = first_period(p, c.a);
    for (size_t k = k0; k < p->n && p->bounds[k] < c.b - 1e-9; k++) {
        const double *row = v + k * nm;
        double len = p->bounds[k + 1] - p->bounds[k];
        double ov = fmin(c.b, p->bounds[k + 1]) - fmax(c.a, p->bounds[k]);
        double f = len > 0 ? ov / len : 0;
        if (f <= 0)
            continue;
        switch (rd->rule) {
        case RR_SPAN_SUM:
            s += f * (rd->num ? terms_sum(row, rd->num, rd->n_num)
                              : row[rd->m]);
            break;
        case RR_SPAN_END:
            /* the last period that ends in the span; else the one the
             * span ends in */
            if (p->bounds[k + 1] <= c.b + 1e-9 || last < 0)
                last = (long)k;
            break;
        case RR_SPAN_MEAN: {
            double x = row[rd->m];
            double wk = f * (rd->den ? terms_sum(row, rd->den, rd->n_den)
                                     : len);
            if (isfinite(x) && wk > 0) {
                s += wk * x;
                w += wk;
            }
            break;
        }
        case RR_SPAN_RATIO:
            num += f * terms_sum(row, rd->num, rd->n_num);
            den += f * terms_sum(row, rd->den, rd->n_den);
            break;
        default:
            return NAN;
        }
    }
    switch (rd->rule) {
    case RR_SPAN_SUM:
        return s;
    case RR_SPAN_END:
        return last >= 0 ? v[(size_t)last * nm + (size_t)rd->m] : NAN;
    case RR_SPAN_MEAN:
        return w > 0 ? s / w : NAN;
    case RR_SPAN_RATIO:
        return den > 0 ? num / den : NAN;
    default:
        return NAN;
    }
}

/* ---- effects ------------------------------------------------------------------ */

/* An indicator of a list: its name and unit, read from each run. */
typedef struct item {
    const char *name, *unit;
    rr_span_rule rule;
    reader rb, rp;
    long kb, kp;     /* the run's KPI (totals without a window), -1 */
} item;

typedef struct work {
    size_t n;        /* paired replications */
    double *xb, *xp, *xd;
} work;

static void effect_of(rr_effect *e, const item *it, const work *w)
{
    rr_ci b = rr_ci95(w->xb, w->n), p = rr_ci95(w->xp, w->n);
    for (size_t i = 0; i < w->n; i++)
        w->xd[i] = w->xp[i] - w->xb[i];
    e->indicator = it->name;
    e->unit = it->unit;
    e->rule = it->rule;
    e->base = b.mean;
    e->pol = p.mean;
    e->diff = rr_ci95(w->xd, w->n);
    e->rel = isfinite(b.mean) && b.mean != 0 && isfinite(e->diff.mean)
                 ? e->diff.mean / fabs(b.mean)
                 : NAN;
}

/* effects_over - the effects of items over span s (kpi: from the runs'
 * KPIs instead). */
static int effects_over(const rr_comparison *c, const item *items, size_t n,
                        rr_span s, bool kpi, const work *w, rr_effects *out)
{
    clock_span cb = clock_of(c->base, s), cp = clock_of(c->pol, s);
    out->span = s;
    out->n = n;
    if (!(out->e = calloc(n ? n : 1, sizeof *out->e)))
        return RR_ENOMEM;
    for (size_t j = 0; j < n; j++) {
        const item *it = &items[j];
        for (size_t i = 0; i < w->n; i++) {
            if (kpi) {
                w->xb[i] = it->kb >= 0 ? c->base->rep[i].kpi[it->kb] : NAN;
                w->xp[i] = it->kp >= 0 ? c->pol->rep[i].kpi[it->kp] : NAN;
            } else {
                w->xb[i] = evaluate(c->base, i, &it->rb, cb);
                w->xp[i] = evaluate(c->pol, i, &it->rp, cp);
            }
        }
        effect_of(&out->e[j], it, w);
        if (kpi)
            out->e[j].rule = RR_SPAN_NONE;
    }
    return RR_OK;
}

static void items_fini(item *items, size_t n)
{
    for (size_t j = 0; items && j < n; j++) {
        reader_fini(&items[j].rb);
        reader_fini(&items[j].rp);
    }
    free(items);
}

/* item_make - the indicator called name (ind: its entry in the registry,
 * member the member of a family's; ind NULL when the registry does not
 * know it) read from both runs. */
static int item_make(const rr_comparison *c, item *it, const char *name,
                     const char *unit, const rr_indicator *ind,
                     const char *member)
{
    int rc;
    memset(it, 0, sizeof *it);
    it->name = name;
    it->unit = unit;
    it->kb = rr_run_kpi_find(c->base, name);
    it->kp = rr_run_kpi_find(c->pol, name);
    it->rb.m = it->rp.m = it->rb.kpi = it->rp.kpi = -1;
    if (!ind)
        return RR_OK;
    it->rule = rr_indicator_span(ind).rule;
    if ((rc = reader_make(c->base, ind, member, &it->rb)) != RR_OK)
        return rc;
    return reader_make(c->pol, ind, member, &it->rp);
}

/* kpi_items - the baseline's KPIs, in its order. */
static int kpi_items(const rr_comparison *c, item **out, size_t *n)
{
    const rr_layout *l = &c->base->layout;
    int rc = RR_OK;
    *n = 0;
    if (!(*out = calloc(l->n_kpis ? l->n_kpis : 1, sizeof **out)))
        return RR_ENOMEM;
    for (size_t k = 0; k < l->n_kpis && rc == RR_OK; k++, (*n)++) {
        const char *member;
        const rr_indicator *ind =
            rr_indicator_find_in(l->kpi[k], RR_IND_KPI, &member);
        rc = item_make(c, &(*out)[k], l->kpi[k], l->kpi_unit[k], ind, member);
    }
    return rc;
}

/* keep_name - a copy of name kept by the comparison. */
static const char *keep_name(rr_comparison *c, const char *name)
{
    char **nn = realloc(c->names, (c->n_names + 1) * sizeof *nn);
    if (!nn)
        return NULL;
    c->names = nn;
    if (!(nn[c->n_names] = strdup(name)))
        return NULL;
    return nn[c->n_names++];
}

static bool listed(const item *items, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (strcmp(items[j].name, name) == 0)
            return true;
    return false;
}

/* add_item - the indicator called name, entry e of the registry (member:
 * a family's member), to the list once. */
static int add_item(rr_comparison *c, item *items, size_t *n,
                    const char *name, const rr_indicator *e,
                    const char *member)
{
    const char *kept;
    if (listed(items, *n, name))
        return RR_OK;
    if (!(kept = keep_name(c, name)))
        return RR_ENOMEM;
    (*n)++;
    return item_make(c, &items[*n - 1], kept,
                     rr_indicator_unit_name(e->unit), e, member);
}

/* span_items - the indicators of the years and periods: in the
 * registry's reading order, the metrics (a family's members of both runs,
 * the baseline's first), the derived sums and the shares recomputed from
 * their parts. */
static int span_items(rr_comparison *c, item **out, size_t *n)
{
    const rr_run_result *runs[2] = {c->base, c->pol};
    size_t cap = RR_IND_COUNT + c->base->layout.n_metrics +
                 c->pol->layout.n_metrics;
    int rc = RR_OK;
    *n = 0;
    if (!(*out = calloc(cap, sizeof **out)))
        return RR_ENOMEM;
    for (size_t i = 0; i < RR_IND_COUNT && rc == RR_OK; i++) {
        const rr_indicator *e = &rr_indicators[i];
        rr_span_rule rule = rr_indicator_span(e).rule;
        if (rule == RR_SPAN_NONE ||
            !((e->flags & (RR_IND_METRIC | RR_IND_DERIVED)) ||
              rule == RR_SPAN_RATIO))
            continue;
        if (e->member == RR_MEMBER_NONE) {
            rc = add_item(c, *out, n, e->name, e, NULL);
            continue;
        }
        for (int r = 0; r < 2 && rc == RR_OK; r++)
            for (size_t k = 0; k < runs[r]->layout.n_metrics && rc == RR_OK;
                 k++) {
                const char *name = runs[r]->layout.metric[k], *member;
                if (rr_indicator_find_in(name, RR_IND_METRIC, &member) == e)
                    rc = add_item(c, *out, n, name, e, member);
            }
    }
    return rc;
}

/* ---- the comparison ------------------------------------------------------------ */

static int year_of(long day)
{
    return rr_date_from_days(day).y;
}

static long jan1(int y)
{
    rr_date d = {y, 1, 1};
    return rr_date_days(d);
}

/* choose_from - where the effect from a date starts, and why. */
static int choose_from(rr_comparison *c, const rr_scenario *sb,
                       const rr_scenario *sp, const long *from)
{
    int rc;
    c->from = c->window.from;
    if (from) {
        c->basis = RR_FROM_GIVEN;
        c->from = *from;
    }
    rc = rr_plan_first_difference(sb, c->base->plan, sp, c->pol->plan,
                                  &c->first);
    if (rc != RR_OK || from)
        return rc;
    if (!c->first.differ) {
        c->basis = RR_FROM_SAME;
    } else if (c->first.from_start) {
        c->basis = RR_FROM_START;
    } else {
        c->basis = RR_FROM_DIFFERENCE;
        c->from = c->first.day;
        if (c->from < c->window.from) {
            c->from_outside = true;
            c->from = c->window.from;
        } else if (c->from > c->window.to) {
            c->from_outside = true;
        }
    }
    return RR_OK;
}

/* period_spans - the base's reporting periods overlapping the window, cut
 * to it. */
static int period_spans(const rr_comparison *c, rr_span **out, size_t *n)
{
    const rr_periods *p = &c->base->layout.periods;
    long s0 = start_day(c->base->plan);
    *n = 0;
    if (!(*out = calloc(p->n ? p->n : 1, sizeof **out)))
        return RR_ENOMEM;
    for (size_t k = 0; k < p->n; k++) {
        long a = s0 + (long)llround(p->bounds[k]);
        long b = s0 + (long)llround(p->bounds[k + 1]) - 1;
        if (b < c->window.from || a > c->window.to)
            continue;
        (*out)[*n].from = a > c->window.from ? a : c->window.from;
        (*out)[*n].to = b < c->window.to ? b : c->window.to;
        (*n)++;
    }
    return RR_OK;
}

static int tables(rr_comparison *c, const work *w)
{
    item *kpis = NULL, *spans = NULL;
    size_t nk = 0, ns = 0, np = 0;
    rr_span *ps = NULL;
    int rc;

    if ((rc = kpi_items(c, &kpis, &nk)) != RR_OK ||
        (rc = span_items(c, &spans, &ns)) != RR_OK)
        goto out;
    if ((rc = effects_over(c, kpis, nk, c->window, !c->windowed, w,
                           &c->total)) != RR_OK)
        goto out;
    if (c->from <= c->window.to) {
        rr_span s = {c->from, c->window.to};
        if ((rc = effects_over(c, kpis, nk, s, false, w, &c->since)) !=
            RR_OK)
            goto out;
    } else {
        c->since.span.from = c->from;
        c->since.span.to = c->window.to;
    }
    {
        int y0 = year_of(c->window.from), y1 = year_of(c->window.to);
        if (!(c->years = calloc((size_t)(y1 - y0 + 1), sizeof *c->years))) {
            rc = RR_ENOMEM;
            goto out;
        }
        for (int y = y0; y <= y1 && rc == RR_OK; y++) {
            rr_span s = {jan1(y), jan1(y + 1) - 1};
            if (s.from < c->window.from)
                s.from = c->window.from;
            if (s.to > c->window.to)
                s.to = c->window.to;
            rc = effects_over(c, spans, ns, s, false, w,
                              &c->years[c->n_years]);
            c->years[c->n_years++].year = y;
        }
    }
    if (rc == RR_OK && (rc = period_spans(c, &ps, &np)) == RR_OK) {
        if (!(c->periods = calloc(np ? np : 1, sizeof *c->periods)))
            rc = RR_ENOMEM;
        for (size_t k = 0; k < np && rc == RR_OK; k++)
            rc = effects_over(c, spans, ns, ps[k], false, w,
                              &c->periods[c->n_periods++]);
    }
out:
    free(ps);
    items_fini(kpis, nk);
    items_fini(spans, ns);
    return rc;
}

int rr_compare_make(const rr_run_result *base, const rr_run_result *pol,
                    const rr_scenario *sb, const rr_scenario *sp,
                    const rr_span *window, const long *from,
                    rr_comparison *out, char *err, size_t errlen)
{
    work w;
    int rc;

    memset(out, 0, sizeof *out);
    out->base = base;
    out->pol = pol;
    out->reps = base->reps < pol->reps ? base->reps : pol->reps;
    out->windowed = window != NULL;
    out->window = window ? *window : rr_compare_run_window(base->plan);
    w.n = out->reps;
    w.xb = malloc((w.n ? w.n : 1) * sizeof *w.xb);
    w.xp = malloc((w.n ? w.n : 1) * sizeof *w.xp);
    w.xd = malloc((w.n ? w.n : 1) * sizeof *w.xd);
    rc = w.xb && w.xp && w.xd ? RR_OK : RR_ENOMEM;
    if (rc == RR_OK)
        rc = choose_from(out, sb, sp, from);
    if (rc == RR_OK)
        rc = tables(out, &w);
    free(w.xb);
    free(w.xp);
    free(w.xd);
    if (rc != RR_OK)
        rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
    return rc;
}

static void effects_fini(rr_effects *e)
{
    free(e->e);
    memset(e, 0, sizeof *e);
}

void rr_compare_fini(rr_comparison *c)
{
    effects_fini(&c->total);
    effects_fini(&c->since);
    for (size_t y = 0; c->years && y < c->n_years; y++)
        effects_fini(&c->years[y]);
    for (size_t k = 0; c->periods && k < c->n_periods; k++)
        effects_fini(&c->periods[k]);
    free(c->years);
    free(c->periods);
    for (size_t i = 0; i < c->n_names; i++)
        free(c->names[i]);
    free(c->names);
    memset(c, 0, sizeof *c);
}

const rr_effect *rr_compare_find(const rr_effects *e, const char *name)
{
    for (size_t j = 0; j < e->n; j++)
        if (strcmp(e->e[j].indicator, name) == 0)
            return &e->e[j];
    return NULL;
}
