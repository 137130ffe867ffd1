/*
 * plot_read.c - the CSV files the charts are drawn from (plot_int.h).
 *
 * Every file is read with libcsv (rr_table.h) and its columns bound by
 * one binder: a loader declares the columns it needs in a table - header
 * name, what the cells hold, whether the column may be absent, and the
 * field of the loader's row structure its value goes to - and bind()
 * finds them by name, read_row() and read_cell() read a row's cells into
 * the fields.  So a missing column, a cell that is not a number or not a
 * date, is reported one way for every file: "FILE:LINE: column 'x':
 * expected ..., got '...'".
 *
 * The indicator column has three names: `indicator`, and `kpi` and
 * `metric` of the files of 0.1 (summary.csv, sweep.csv, compare.csv and
 * the time series); any of them is accepted (IND_COL).  A column that a loader may do without, such as
 * a `unit` column where a file has one, is one line
 * COL_OPT("unit", COL_TEXT, row, unit) of its table.
 *
 * The files may come from anyone: nothing read is trusted beyond its
 * type.  Texts are kept as they are (the script quotes them); counts of
 * replications are clamped before they become integers.
 */
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_table.h"
#include "plot_int.h"

/* ---- the column binder ------------------------------------------------------ */

/* What a column's cells hold, and the type of the field they go to. */
typedef enum col_type {
    COL_TEXT,   /* const char *: the cell's text, valid while the table is */
    COL_NUMBER, /* double: a finite number; NaN for "NA" or an empty cell */
    COL_REAL,   /* double: a finite number, nothing else */
    COL_DATE,   /* long: YYYY-MM-DD as days since 1970-01-01 */
    COL_DATE_NA /* long: the same; LONG_MAX for "NA" or an empty cell */
} col_type;

/* A column a loader needs: its header name (synonyms separated by '|',
 * the first named when it is missing), its cells, whether it may be
 * absent (its field is then left as it was), and its field's offset in
 * the loader's row structure. */
typedef struct col_spec {
    const char *name;
    col_type type;
    bool optional;
    size_t offset;
} col_spec;

#define COL(name, type, row, field) {name, type, false, offsetof(row, field)}
#define COL_OPT(name, type, row, field) \
    {name, type, true, offsetof(row, field)}

/* The indicator column, by any of its names. */
#define IND_COL "indicator|kpi|metric"

#define MAX_COLS 16

/* A table and where each of a loader's columns is in it. */
typedef struct bound {
    const rr_table *t;
    const col_spec *spec;
    size_t n;
    int at[MAX_COLS]; /* the column of spec[i]; -1 when absent */
} bound;

/* find_col - the column of a spec's name or of one of its synonyms: the
 * rightmost present, for a sweep's varied keys come before its indicator
 * column and one of them may be called like an old name of it.  -1 when
 * none is there. */
static int find_col(const rr_table *t, const char *names)
{
    int best = -1;
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, "|");
        char one[64];
        int c;
        snprintf(one, sizeof one, "%.*s", (int)n, p);
        if ((c = rr_table_col(t, one)) > best)
            best = c;
        p += n + (p[n] == '|');
    }
    return best;
}

/* bind - the columns of spec[0..n) in t, in order; the first required one
 * missing is RR_ENOTFOUND, "FILE:1: missing column 'NAME' (columns: ...)"
 * naming its first name. */
static int bind(const rr_table *t, const col_spec *spec, size_t n, bound *b,
                char *err, size_t errlen)
{
    rr_assert_always(n <= MAX_COLS); /* a loader's table, not input */
    b->t = t;
    b->spec = spec;
    b->n = n;
    for (size_t i = 0; i < n; i++) {
        b->at[i] = find_col(t, spec[i].name);
        if (b->at[i] < 0 && !spec[i].optional) {
            char first[64];
            int c;
            snprintf(first, sizeof first, "%.*s",
                     (int)strcspn(spec[i].name, "|"), spec[i].name);
            return rr_table_require(t, first, &c, err, errlen);
        }
    }
    return RR_OK;
}

/* read_cell - the cell of row r under spec i into its field of `row`;
 * nothing when the column is absent. */
static int read_cell(const bound *b, size_t r, size_t i, void *row,
                     char *err, size_t errlen)
{
    const rr_table *t = b->t;
    char *field = (char *)row + b->spec[i].offset;
    col_type type = b->spec[i].type;
    int c = b->at[i];
    const char *s;
    bool na;
    rr_date dt;

    if (c < 0)
        return RR_OK;
    s = rr_table_cell(t, r, (size_t)c);
    na = !*s || strcmp(s, "NA") == 0;
    switch (type) {
    case COL_TEXT:
        memcpy(field, &s, sizeof s);
        return RR_OK;
    case COL_NUMBER:
    case COL_REAL: {
        double x = NAN;
        int rc = RR_OK;
        if (type == COL_REAL || !na)
            rc = rr_table_number(t, r, (size_t)c, &x, err, errlen);
        memcpy(field, &x, sizeof x);
        return rc;
    }
    case COL_DATE:
    case COL_DATE_NA: {
        long day = LONG_MAX;
        if (type == COL_DATE || !na) {
            if (rr_date_parse(s, &dt) != RR_OK) {
                snprintf(err, errlen,
                         "%s:%zu: column '%s': expected a date YYYY-MM-DD, "
                         "got '%s'",
                         t->path, t->line[r], t->header[c], s);
                return RR_EPARSE;
            }
            day = rr_date_days(dt);
        }
        memcpy(field, &day, sizeof day);
        return RR_OK;
    }
    }
    return RR_OK;
}

/* read_row - every cell of row r that a spec asks for, in spec order. */
static int read_row(const bound *b, size_t r, void *row, char *err,
                    size_t errlen)
{
    int rc = RR_OK;
    for (size_t i = 0; i < b->n && rc == RR_OK; i++)
        rc = read_cell(b, r, i, row, err, errlen);
    return rc;
}

/* read_csv - DIR/NAME; *t = NULL without an error when optional and
 * absent. */
static int read_csv(const char *dir, const char *name, bool optional,
                    rr_table **t, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (optional && access(path, F_OK) != 0)
        return RR_OK;
    return rr_table_read(path, t, err, errlen);
}

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

static int no_rows(const rr_table *t, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: no data rows", t->path);
    return RR_EPARSE;
}

/* count_of - a count of replications from a cell: 0 for none or NaN, and
 * no larger than a count can be (a cell of 1e300 would overflow). */
static size_t count_of(double x)
{
    return x >= 1 ? (size_t)fmin(x, 1e12) : 0;
}

/* dup_to - *out = a copy of s, unless s is NULL; false when out of
 * memory. */
static bool dup_to(char **out, const char *s)
{
    char *c;
    if (!s)
        return true;
    if (!(c = strdup(s)))
        return false;
    free(*out);
    *out = c;
    return true;
}

/* ---- a run's files ----------------------------------------------------------- */

void rri_rundata_fini(rri_rundata *d)
{
    free(d->scenario);
    free(d->title);
    free(d->source);
    free(d->report);
    free(d->version);
    free(d->overrides);
    free(d->p0);
    free(d->p1);
    for (size_t i = 0; i < d->nm; i++)
        free(d->metric[i]);
    free(d->metric);
    free(d->mean);
    free(d->lo);
    free(d->hi);
    for (size_t i = 0; i < d->ne; i++)
        free(d->ev[i].label);
    free(d->ev);
    for (int i = 0; i < 5; i++)
        free(d->tq[i]);
    for (size_t i = 0; i < d->ns; i++)
        free(d->stage[i]);
    free(d->stage);
    free(d->util);
    free(d->foot);
    memset(d, 0, sizeof *d);
}

long rri_metric_index(const rri_rundata *d, const char *name)
{
    for (size_t i = 0; i < d->nm; i++)
        if (strcmp(d->metric[i], name) == 0)
            return (long)i;
    return -1;
}

/* A row of timeseries_summary.csv. */
typedef struct series_row {
    const char *scenario, *metric;
    long start, end;
    double mean, lo, hi, reps;
} series_row;

static const col_spec series_cols[] = {
    COL("scenario", COL_TEXT, series_row, scenario),
    COL("period_start", COL_DATE, series_row, start),
    COL("period_end", COL_DATE, series_row, end),
    COL(IND_COL, COL_TEXT, series_row, metric),
    COL("mean", COL_NUMBER, series_row, mean),
    COL("ci95_low", COL_NUMBER, series_row, lo),
    COL("ci95_high", COL_NUMBER, series_row, hi),
    COL("replications", COL_NUMBER, series_row, reps)};

/* add_metric - the index of metric m, added when new. */
static long add_metric(rri_rundata *d, const char *m)
{
    long k = rri_metric_index(d, m);
    if (k >= 0)
        return k;
    if (d->nm == d->cap_m) {
        size_t cap = d->cap_m ? 2 * d->cap_m : 32;
        char **v = realloc(d->metric, cap * sizeof *v);
        if (!v)
            return -1;
        d->metric = v;
        d->cap_m = cap;
    }
    if (!(d->metric[d->nm] = strdup(m)))
        return -1;
    return (long)d->nm++;
}

/* place_series - the rows read into periods (a new one where the start
 * changes), metrics (in order of appearance) and the np * nm values. */
static int place_series(rri_rundata *d, const series_row *row, size_t n,
                        char *err, size_t errlen)
{
    size_t *pidx = calloc(n, sizeof *pidx);
    long *midx = calloc(n, sizeof *midx);
    int rc = RR_OK;

    d->p0 = calloc(n, sizeof *d->p0);
    d->p1 = calloc(n, sizeof *d->p1);
    if (!pidx || !midx || !d->p0 || !d->p1)
        goto nomem;
    for (size_t r = 0; r < n; r++) {
        if (d->np == 0 || d->p0[d->np - 1] != row[r].start) {
            d->p0[d->np] = row[r].start;
            d->p1[d->np++] = row[r].end + 1;
        }
        pidx[r] = d->np - 1;
        if ((midx[r] = add_metric(d, row[r].metric)) < 0)
            goto nomem;
    }
    d->mean = malloc(d->np * d->nm * sizeof *d->mean);
    d->lo = malloc(d->np * d->nm * sizeof *d->lo);
    d->hi = malloc(d->np * d->nm * sizeof *d->hi);
    if (!d->mean || !d->lo || !d->hi)
        goto nomem;
    for (size_t i = 0; i < d->np * d->nm; i++)
        d->mean[i] = d->lo[i] = d->hi[i] = NAN;
    for (size_t r = 0; r < n; r++) {
        size_t at = pidx[r] * d->nm + (size_t)midx[r];
        d->mean[at] = row[r].mean;
        d->lo[at] = row[r].lo;
        d->hi[at] = row[r].hi;
        if (row[r].reps > (double)d->reps)
            d->reps = count_of(row[r].reps);
    }
    goto out;
nomem:
    rc = oom(err, errlen);
out:
    free(pidx);
    free(midx);
    return rc;
}

/* read_series - timeseries_summary.csv: rows grouped by period. */
static int read_series(const char *dir, rri_rundata *d, char *err,
                       size_t errlen)
{
    rr_table *t;
    bound b;
    series_row *row = NULL;
    int rc = read_csv(dir, "timeseries_summary.csv", false, &t, err, errlen);

    if (rc != RR_OK)
        return rc;
    if ((rc = bind(t, series_cols, RR_COUNTOF(series_cols), &b, err,
                   errlen)) != RR_OK)
        goto out;
    if (t->n_rows == 0) {
        rc = no_rows(t, err, errlen);
        goto out;
    }
    if (!(row = calloc(t->n_rows, sizeof *row))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++)
        rc = read_row(&b, r, &row[r], err, errlen);
    if (rc == RR_OK && !d->scenario && !dup_to(&d->scenario, row[0].scenario))
        rc = oom(err, errlen);
    if (rc == RR_OK)
        rc = place_series(d, row, t->n_rows, err, errlen);
out:
    free(row);
    rr_table_destroy(t);
    return rc;
}

/* What a run's charts take from the first row of run.csv. */
typedef struct run_row {
    const char *scenario, *title, *source, *report, *version, *overrides;
    double warmup;
} run_row;

static const col_spec run_cols[] = {
    COL_OPT("scenario", COL_TEXT, run_row, scenario),
    COL_OPT("title", COL_TEXT, run_row, title),
    COL_OPT("source", COL_TEXT, run_row, source),
    COL_OPT("report", COL_TEXT, run_row, report),
    COL_OPT("version", COL_TEXT, run_row, version),
    COL_OPT("overrides", COL_TEXT, run_row, overrides),
    COL_OPT("warmup_days", COL_NUMBER, run_row, warmup)};

/* read_run_csv - run.csv, when there: scenario, title, source, report,
 * version, the settings changed on the command line and the warm-up in
 * days (0 without). */
static int read_run_csv(const char *dir, rri_rundata *d, double *warmup,
                        char *err, size_t errlen)
{
    rr_table *t;
    bound b;
    run_row row = {NULL, NULL, NULL, NULL, NULL, NULL, 0};
    int rc = read_csv(dir, "run.csv", true, &t, err, errlen);
    *warmup = 0;
    if (rc != RR_OK || !t)
        return rc;
    rc = bind(t, run_cols, RR_COUNTOF(run_cols), &b, err, errlen);
    if (rc == RR_OK && t->n_rows > 0)
        rc = read_row(&b, 0, &row, err, errlen);
    if (rc == RR_OK &&
        (!dup_to(&d->scenario, row.scenario) ||
         !dup_to(&d->title, row.title) || !dup_to(&d->source, row.source) ||
         !dup_to(&d->report, row.report) ||
         !dup_to(&d->version, row.version) ||
         !dup_to(&d->overrides, row.overrides)))
        rc = oom(err, errlen);
    *warmup = row.warmup;
    rr_table_destroy(t);
    return rc;
}

/* add_event - an event, its label cut to the chart's width (a label from
 * a file may be of any length). */
static int add_event(rri_rundata *d, const char *label, long from,
                     long until)
{
    char text[512];
    rri_event *v = realloc(d->ev, (d->ne + 1) * sizeof *v);
    if (!v)
        return RR_ENOMEM;
    d->ev = v;
    snprintf(text, sizeof text, "%s", label);
    rri_text_fit(text, sizeof text, FS_EVENT, W - 16);
    if (!(v[d->ne].label = strdup(text)))
        return RR_ENOMEM;
    v[d->ne].from = from;
    v[d->ne].until = until;
    d->ne++;
    return RR_OK;
}

typedef struct event_row {
    const char *name, *label;
    long from, until;
    const char *chart; /* "yes", "no"; absent before 0.2: drawn */
} event_row;

static const col_spec event_cols[] = {
    COL("name", COL_TEXT, event_row, name),
    COL("label", COL_TEXT, event_row, label),
    COL("from", COL_DATE, event_row, from),
    COL("until", COL_DATE_NA, event_row, until),
    COL_OPT("chart", COL_TEXT, event_row, chart)};

/* read_events - the warm-up, and events.csv when there. */
static int read_events(const char *dir, rri_rundata *d, double warmup,
                       char *err, size_t errlen)
{
    rr_table *t;
    bound b;
    int rc;
    if (warmup > 0 && d->np > 0 &&
        add_event(d, "Warm-up, left out of the KPIs", d->p0[0],
                  d->p0[0] + (long)ceil(warmup)) != RR_OK)
        return oom(err, errlen);
    if ((rc = read_csv(dir, "events.csv", true, &t, err, errlen)) != RR_OK ||
        !t)
        return rc;
    rc = bind(t, event_cols, RR_COUNTOF(event_cols), &b, err, errlen);
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++) {
        event_row e = {.chart = "yes"};
        if ((rc = read_row(&b, r, &e, err, errlen)) != RR_OK)
            break;
        if (strcmp(e.chart, "no") == 0)
            continue; /* listed, not drawn (chart = no) */
        if (strcmp(e.chart, "yes") != 0) {
            snprintf(err, errlen,
                     "%s:%zu: column 'chart': expected yes or no, got '%s'",
                     t->path, t->line[r], e.chart);
            rc = RR_EPARSE;
            break;
        }
        if (add_event(d, *e.label ? e.label : e.name, e.from, e.until) !=
            RR_OK)
            rc = oom(err, errlen);
    }
    rr_table_destroy(t);
    return rc;
}

typedef struct kpi_row {
    const char *name;
    double mean;
} kpi_row;

static const col_spec kpi_cols[] = {
    COL_OPT(IND_COL, COL_TEXT, kpi_row, name),
    COL_OPT("mean", COL_NUMBER, kpi_row, mean)};

/* read_kpis - the run's time to departure (mean, median, 90th
 * percentile) from summary.csv, when there and it has the columns. */
static int read_kpis(const char *dir, rri_rundata *d, char *err,
                     size_t errlen)
{
    static const rr_ind_id ids[3] = {RR_IND_TIME_TO_DEPARTURE_MEAN,
                                     RR_IND_TIME_TO_DEPARTURE_MEDIAN,
                                     RR_IND_TIME_TO_DEPARTURE_P90};
    double *to[3] = {&d->kpi_mean, &d->kpi_median, &d->kpi_p90};
    rr_table *t;
    bound b;
    int rc;
    d->kpi_mean = d->kpi_median = d->kpi_p90 = NAN;
    if ((rc = read_csv(dir, "summary.csv", true, &t, err, errlen)) !=
            RR_OK ||
        !t)
        return rc;
    rc = bind(t, kpi_cols, RR_COUNTOF(kpi_cols), &b, err, errlen);
    for (size_t r = 0; b.at[0] >= 0 && b.at[1] >= 0 && r < t->n_rows &&
                       rc == RR_OK;
         r++) {
        kpi_row k;
        read_cell(&b, r, 0, &k, err, errlen);
        for (size_t i = 0; i < 3 && rc == RR_OK; i++)
            if (strcmp(k.name, rr_indicators[ids[i]].name) == 0 &&
                (rc = read_cell(&b, r, 1, &k, err, errlen)) == RR_OK)
                *to[i] = k.mean;
    }
    rr_table_destroy(t);
    return rc;
}

typedef struct ttd_row {
    long start;
    double q[5];
} ttd_row;

static const col_spec ttd_cols[] = {
    COL("period_start", COL_DATE, ttd_row, start),
    COL("p10_days", COL_NUMBER, ttd_row, q[0]),
    COL("p25_days", COL_NUMBER, ttd_row, q[1]),
    COL("median_days", COL_NUMBER, ttd_row, q[2]),
    COL("p75_days", COL_NUMBER, ttd_row, q[3]),
    COL("p90_days", COL_NUMBER, ttd_row, q[4])};

/* read_ttd - time_to_departure.csv, when there, matched to the periods
 * (rows of other periods are passed over). */
static int read_ttd(const char *dir, rri_rundata *d, char *err,
                    size_t errlen)
{
    rr_table *t;
    bound b;
    int rc;
    if ((rc = read_csv(dir, "time_to_departure.csv", true, &t, err,
                       errlen)) != RR_OK ||
        !t)
        return rc;
    if ((rc = bind(t, ttd_cols, RR_COUNTOF(ttd_cols), &b, err, errlen)))
        goto out;
    for (int i = 0; i < 5; i++) {
        if (!(d->tq[i] = malloc((d->np ? d->np : 1) * sizeof(double)))) {
            rc = oom(err, errlen);
            goto out;
        }
        for (size_t k = 0; k < d->np; k++)
            d->tq[i][k] = NAN;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        ttd_row w;
        size_t k = 0;
        if ((rc = read_cell(&b, r, 0, &w, err, errlen)))
            goto out;
        while (k < d->np && d->p0[k] != w.start)
            k++;
        if (k == d->np)
            continue; /* not a period of the time series */
        for (size_t i = 1; i < RR_COUNTOF(ttd_cols); i++)
            if ((rc = read_cell(&b, r, i, &w, err, errlen)))
                goto out;
        for (int i = 0; i < 5; i++)
            d->tq[i][k] = w.q[i];
    }
    d->traced = true;
out:
    rr_table_destroy(t);
    return rc;
}

typedef struct stage_row {
    long start;
    const char *stage, *indicator;
    double mean;
} stage_row;

static const col_spec stage_cols[] = {
    COL("period_start", COL_DATE, stage_row, start),
    COL("stage", COL_TEXT, stage_row, stage),
    COL(IND_COL, COL_TEXT, stage_row, indicator),
    COL("mean", COL_NUMBER, stage_row, mean)};

/* stage_index - the index of stage name in d, added when new (NaN
 * utilisation in every period); -1 when there are RRI_MAX_STAGES
 * already, -2 when out of memory. */
static long stage_index(rri_rundata *d, const char *name)
{
    char *copy;
    for (size_t i = 0; i < d->ns; i++)
        if (strcmp(d->stage[i], name) == 0)
            return (long)i;
    if (d->ns == RRI_MAX_STAGES)
        return -1;
    if (!(copy = strdup(name)))
        return -2;
    d->stage[d->ns] = copy;
    for (size_t k = 0; k < d->np; k++)
        d->util[k * RRI_MAX_STAGES + d->ns] = NAN;
    return (long)d->ns++;
}

/* read_stages - the utilisation of each stage per period from
 * stages_summary.csv, when there (rows of other measures and periods
 * are passed over).  The rows come by period, so the period of a row is
 * looked for from the last one found. */
static int read_stages(const char *dir, rri_rundata *d, char *err,
                       size_t errlen)
{
    rr_table *t;
    bound b;
    size_t k = 0;
    int rc;
    if ((rc = read_csv(dir, "stages_summary.csv", true, &t, err,
                       errlen)) != RR_OK ||
        !t)
        return rc;
    if ((rc = bind(t, stage_cols, RR_COUNTOF(stage_cols), &b, err, errlen)))
        goto out;
    d->stage = calloc(RRI_MAX_STAGES, sizeof *d->stage);
    d->util = malloc((d->np ? d->np : 1) * RRI_MAX_STAGES * sizeof *d->util);
    if (!d->stage || !d->util) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        stage_row w;
        size_t tried = 0;
        long s;
        if ((rc = read_cell(&b, r, 2, &w, err, errlen)))
            goto out;
        if (strcmp(w.indicator, "utilisation") != 0)
            continue;
        if ((rc = read_row(&b, r, &w, err, errlen)))
            goto out;
        while (tried < d->np && d->p0[k] != w.start) {
            k = (k + 1) % d->np;
            tried++;
        }
        if (tried == d->np)
            continue; /* not a period of the time series */
        if ((s = stage_index(d, w.stage)) == -2) {
            rc = oom(err, errlen);
            goto out;
        }
        if (s >= 0)
            d->util[k * RRI_MAX_STAGES + (size_t)s] = w.mean;
    }
    d->staged = true;
out:
    rr_table_destroy(t);
    return rc;
}

/* report_word - the reporting period named by the typical period length
 * when run.csv does not name it. */
static const char *report_word(const rri_rundata *d)
{
    long len = d->np > 2 ? d->p1[1] - d->p0[1] : d->p1[0] - d->p0[0];
    return len <= 1    ? "day"
           : len <= 7  ? "week"
           : len <= 31 ? "month"
           : len <= 92 ? "quarter"
                       : "year";
}

int rri_read_run(const char *dir, rri_rundata *d, char *err, size_t errlen)
{
    double warmup = 0;
    int rc;
    memset(d, 0, sizeof *d);
    if ((rc = read_run_csv(dir, d, &warmup, err, errlen)) ||
        (rc = read_series(dir, d, err, errlen)) ||
        (rc = read_events(dir, d, warmup, err, errlen)) ||
        (rc = read_kpis(dir, d, err, errlen)) ||
        (rc = read_ttd(dir, d, err, errlen)) ||
        (rc = read_stages(dir, d, err, errlen)))
        return rc;
    if ((!d->title && !dup_to(&d->title, d->scenario)) ||
        (!d->source && !dup_to(&d->source, "")) ||
        (!d->version && !dup_to(&d->version, "")) ||
        (!d->overrides && !dup_to(&d->overrides, "")) ||
        (!d->report && !dup_to(&d->report, report_word(d))))
        return oom(err, errlen);
    return RR_OK;
}

int rri_read_run_frame(const char *dir, rri_rundata *d, char *err,
                       size_t errlen)
{
    double warmup = 0;
    rri_runrow rr[RRI_MAX_RUNROWS];
    size_t n = 0;
    int rc;
    if ((rc = read_run_csv(dir, d, &warmup, err, errlen)) ||
        (rc = read_events(dir, d, warmup, err, errlen)) ||
        (rc = rri_read_runrows(dir, rr, &n, err, errlen)))
        return rc;
    if (n > 0)
        d->reps = rr[0].reps;
    rri_runrows_fini(rr, n);
    if ((!d->scenario && !dup_to(&d->scenario, "")) ||
        (!d->title && !dup_to(&d->title, d->scenario)) ||
        (!d->source && !dup_to(&d->source, "")) ||
        (!d->version && !dup_to(&d->version, "")) ||
        (!d->report && !dup_to(&d->report, report_word(d))))
        return oom(err, errlen);
    return RR_OK;
}

/* ---- run.csv of a study --------------------------------------------------------- */

void rri_runrows_fini(rri_runrow *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].scenario);
        free(r[i].title);
        free(r[i].source);
        free(r[i].version);
    }
}

typedef struct study_row {
    const char *scenario, *title, *source, *version;
    long start, end;
    double warmup, reps;
} study_row;

static const col_spec study_cols[] = {
    COL_OPT("scenario", COL_TEXT, study_row, scenario),
    COL_OPT("title", COL_TEXT, study_row, title),
    COL_OPT("source", COL_TEXT, study_row, source),
    COL_OPT("version", COL_TEXT, study_row, version),
    COL_OPT("start", COL_DATE_NA, study_row, start),
    COL_OPT("end", COL_DATE_NA, study_row, end),
    COL_OPT("warmup_days", COL_NUMBER, study_row, warmup),
    COL_OPT("replications", COL_NUMBER, study_row, reps)};

int rri_read_runrows(const char *dir, rri_runrow *rr, size_t *n, char *err,
                     size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "run.csv", true, &t, err, errlen);
    *n = 0;
    if (rc != RR_OK || !t)
        return rc;
    rc = bind(t, study_cols, RR_COUNTOF(study_cols), &b, err, errlen);
    for (size_t r = 0; r < t->n_rows && *n < RRI_MAX_RUNROWS && rc == RR_OK;
         r++) {
        rri_runrow *w = &rr[(*n)++];
        study_row s = {"", "", "", "", LONG_MAX, LONG_MAX, 0, NAN};
        memset(w, 0, sizeof *w);
        if ((rc = read_row(&b, r, &s, err, errlen)) != RR_OK)
            break;
        if (!(w->scenario = strdup(s.scenario)) ||
            !(w->title = strdup(s.title)) ||
            !(w->source = strdup(s.source)) ||
            !(w->version = strdup(s.version))) {
            rc = oom(err, errlen);
            break;
        }
        w->start = s.start;
        w->end = s.end;
        w->warmup = isnan(s.warmup) ? 0 : s.warmup;
        w->reps = count_of(s.reps);
    }
    rr_table_destroy(t);
    return rc;
}

/* ---- sweep.csv -------------------------------------------------------------------- */

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void rri_sweep_fini(rri_sweep *s)
{
    free_list(s->key, s->key ? s->nk : 0);
    free_list(s->klabel, s->klabel ? s->nk : 0);
    free_list(s->val, s->val ? s->np * s->nk : 0);
    free_list(s->ind, s->ni);
    free_list(s->ilabel, s->ni);
    free(s->kshare);
    free(s->ishare);
    free(s->mean);
    free(s->lo);
    free(s->hi);
    free(s->scenario);
    free(s->design);
    memset(s, 0, sizeof *s);
}

typedef struct sweep_row {
    const char *scenario, *kpi;
    double point, mean, lo, hi, reps;
} sweep_row;

enum { SW_SCENARIO, SW_POINT, SW_KPI, SW_MEAN };
static const col_spec sweep_cols[] = {
    COL("scenario", COL_TEXT, sweep_row, scenario),
    COL("point", COL_REAL, sweep_row, point),
    COL(IND_COL, COL_TEXT, sweep_row, kpi),
    COL("mean", COL_NUMBER, sweep_row, mean),
    COL("ci95_low", COL_NUMBER, sweep_row, lo),
    COL("ci95_high", COL_NUMBER, sweep_row, hi),
    COL("replications", COL_NUMBER, sweep_row, reps)};

/* sweep_points - the points of a sweep: every row's a whole number from
 * 1 to 10^6; the largest into s->np. */
static int sweep_points(const bound *b, rri_sweep *s, char *err,
                        size_t errlen)
{
    const rr_table *t = b->t;
    double maxp = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        sweep_row w;
        int rc;
        if ((rc = read_cell(b, r, SW_POINT, &w, err, errlen)))
            return rc;
        if (w.point < 1 || w.point > 1e6 || w.point != floor(w.point)) {
            snprintf(err, errlen,
                     "%s:%zu: column 'point': expected a whole number >= 1, "
                     "got '%s'",
                     t->path, t->line[r],
                     rr_table_cell(t, r, (size_t)b->at[SW_POINT]));
            return RR_EPARSE;
        }
        maxp = fmax(maxp, w.point);
    }
    s->np = (size_t)maxp;
    return RR_OK;
}

/* sweep_keys - the keys' names (the columns between 'point' and the
 * indicator's), with room for their words. */
static int sweep_keys(const bound *b, rri_sweep *s, char *err, size_t errlen)
{
    size_t cp = (size_t)b->at[SW_POINT];
    if (!(s->scenario = strdup(rr_table_cell(b->t, 0,
                                             (size_t)b->at[SW_SCENARIO]))))
        return oom(err, errlen);
    s->key = calloc(s->nk, sizeof *s->key);
    s->klabel = calloc(s->nk, sizeof *s->klabel);
    s->kshare = calloc(s->nk, sizeof *s->kshare);
    if (!s->key || !s->klabel || !s->kshare)
        return oom(err, errlen);
    for (size_t k = 0; k < s->nk; k++)
        if (!(s->key[k] = strdup(b->t->header[cp + 1 + k])))
            return oom(err, errlen);
    return RR_OK;
}

/* add_indicator - one more indicator drawn, with its words (the
 * default's when label is empty). */
static int add_indicator(rri_sweep *s, const char *name, const char *label,
                         bool share)
{
    char words[256];
    if (!*label) {
        rr_sweep_indicator_label(name, words, sizeof words);
        label = words;
    }
    if (!(s->ind[s->ni] = strdup(name)))
        return RR_ENOMEM;
    if (!(s->ilabel[s->ni] = strdup(label))) {
        free(s->ind[s->ni]);
        return RR_ENOMEM;
    }
    s->ishare[s->ni++] = share;
    return RR_OK;
}

/* A row of sweep_chart.csv. */
typedef struct chart_row {
    const char *role, *name, *label, *unit;
} chart_row;

enum { CH_ROLE, CH_NAME };
static const col_spec chart_cols[] = {
    COL("role", COL_TEXT, chart_row, role),
    COL("name", COL_TEXT, chart_row, name),
    COL_OPT("label", COL_TEXT, chart_row, label),
    COL_OPT("unit", COL_TEXT, chart_row, unit)};

/* chart_row_in - row r of sweep_chart.csv: a varied key's words, or an
 * indicator to draw. */
static int chart_row_in(const bound *b, size_t r, rri_sweep *s, char *err,
                        size_t errlen)
{
    const rr_table *t = b->t;
    chart_row w = {"", "", "", ""};
    bool share;
    int rc;
    if ((rc = read_row(b, r, &w, err, errlen)))
        return rc;
    share = strcmp(w.unit, "share") == 0;
    if (strcmp(w.role, "setting") == 0) {
        long k = -1;
        for (size_t i = 0; i < s->nk && k < 0; i++)
            if (strcmp(s->key[i], w.name) == 0)
                k = (long)i;
        if (k < 0) {
            snprintf(err, errlen,
                     "%s:%zu: column 'name': '%.100s' is not a varied "
                     "setting of sweep.csv",
                     t->path, t->line[r], w.name);
            return RR_EPARSE;
        }
        s->kshare[k] = share;
        return *w.label && !dup_to(&s->klabel[k], w.label)
                   ? oom(err, errlen)
                   : RR_OK;
    }
    if (strcmp(w.role, "design") == 0) {
        /* the points are samples: lhs or sobol */
        if (strcmp(w.name, "lhs") != 0 && strcmp(w.name, "sobol") != 0) {
            snprintf(err, errlen,
                     "%s:%zu: column 'name': expected the design 'lhs' or "
                     "'sobol', got '%.100s'",
                     t->path, t->line[r], w.name);
            return RR_EPARSE;
        }
        s->sampled = true;
        return *w.label && !dup_to(&s->design, w.label) ? oom(err, errlen)
                                                        : RR_OK;
    }
    if (strcmp(w.role, "indicator") != 0) {
        snprintf(err, errlen,
                 "%s:%zu: column 'role': expected 'setting', 'indicator' "
                 "or 'design', got '%.100s'",
                 t->path, t->line[r], w.role);
        return RR_EPARSE;
    }
    for (size_t i = 0; i < s->ni; i++)
        if (strcmp(s->ind[i], w.name) == 0) {
            snprintf(err, errlen,
                     "%s:%zu: column 'name': the indicator '%.100s' is "
                     "listed twice",
                     t->path, t->line[r], w.name);
            return RR_EPARSE;
        }
    if (s->ni == RR_SWEEP_MAX_IND) {
        snprintf(err, errlen, "%s:%zu: more than %d indicators", t->path,
                 t->line[r], RR_SWEEP_MAX_IND);
        return RR_EPARSE;
    }
    return add_indicator(s, w.name, w.label, share) ? oom(err, errlen)
                                                    : RR_OK;
}

/* sweep_words - sweep_chart.csv when there; then the words and
 * indicators it did not give: labels by rr_design_label, the default
 * indicators. */
static int sweep_words(const char *dir, rri_sweep *s, char *err,
                       size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "sweep_chart.csv", true, &t, err, errlen);
    char words[256];
    bool given;

    s->ind = calloc(RR_SWEEP_MAX_IND, sizeof *s->ind);
    s->ilabel = calloc(RR_SWEEP_MAX_IND, sizeof *s->ilabel);
    s->ishare = calloc(RR_SWEEP_MAX_IND, sizeof *s->ishare);
    if (!s->ind || !s->ilabel || !s->ishare) {
        rr_table_destroy(t);
        return oom(err, errlen);
    }
    if (rc == RR_OK && t &&
        (rc = bind(t, chart_cols, RR_COUNTOF(chart_cols), &b, err,
                   errlen)) == RR_OK)
        for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++)
            rc = chart_row_in(&b, r, s, err, errlen);
    rr_table_destroy(t);
    given = s->ni > 0;
    for (size_t k = 0; k < s->nk && rc == RR_OK; k++)
        if (!s->klabel[k]) {
            rr_design_label(s->key[k], words, sizeof words);
            if (!dup_to(&s->klabel[k], words))
                rc = oom(err, errlen);
        }
    for (size_t i = 0; i < RR_SWEEP_N_DEFAULT && !given && rc == RR_OK;
         i++) {
        const rr_indicator *ind = &rr_indicators[rr_sweep_default_ind[i]];
        if (add_indicator(s, ind->name, "", ind->unit == RR_UNIT_SHARE))
            rc = oom(err, errlen);
    }
    return rc;
}

/* sweep_alloc - room for the values. */
static int sweep_alloc(rri_sweep *s, char *err, size_t errlen)
{
    size_t n = s->np * (s->ni ? s->ni : 1);
    s->val = calloc(s->np * s->nk, sizeof *s->val);
    s->mean = malloc(n * sizeof *s->mean);
    s->lo = malloc(n * sizeof *s->lo);
    s->hi = malloc(n * sizeof *s->hi);
    if (!s->val || !s->mean || !s->lo || !s->hi)
        return oom(err, errlen);
    for (size_t i = 0; i < n; i++)
        s->mean[i] = s->lo[i] = s->hi[i] = NAN;
    return RR_OK;
}

/* sweep_row_in - row r: the keys' values of its point (the first row of
 * the point gives them), and its indicator's values when it is one the
 * chart draws (shares as percentages). */
static int sweep_row_in(const bound *b, size_t r, rri_sweep *s, char *err,
                        size_t errlen)
{
    size_t cp = (size_t)b->at[SW_POINT], at;
    sweep_row w;
    long k = -1;
    double mul;
    int rc;
    read_cell(b, r, SW_POINT, &w, err, errlen); /* checked before */
    read_cell(b, r, SW_KPI, &w, err, errlen);
    at = (size_t)w.point - 1;
    for (size_t i = 0; i < s->nk; i++)
        if (!s->val[at * s->nk + i] &&
            !(s->val[at * s->nk + i] =
                  strdup(rr_table_cell(b->t, r, cp + 1 + i))))
            return oom(err, errlen);
    for (size_t i = 0; i < s->ni && k < 0; i++)
        if (strcmp(w.kpi, s->ind[i]) == 0)
            k = (long)i;
    if (k < 0)
        return RR_OK;
    for (size_t i = SW_MEAN; i < RR_COUNTOF(sweep_cols); i++)
        if ((rc = read_cell(b, r, i, &w, err, errlen)))
            return rc;
    mul = s->ishare[k] ? 100 : 1;
    at = at * s->ni + (size_t)k;
    /* none of the indicators can be negative: an interval reaching below
     * zero (a count near zero) is drawn from zero */
    s->mean[at] = w.mean * mul;
    s->lo[at] = w.lo < 0 ? 0 : w.lo * mul;
    s->hi[at] = w.hi * mul;
    if (w.reps > (double)s->reps)
        s->reps = count_of(w.reps);
    return RR_OK;
}

int rri_read_sweep(const char *dir, rri_sweep *s, char *err, size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "sweep.csv", false, &t, err, errlen);

    memset(s, 0, sizeof *s);
    if (rc != RR_OK)
        return rc;
    if ((rc = bind(t, sweep_cols, RR_COUNTOF(sweep_cols), &b, err, errlen)))
        goto out;
    if (b.at[SW_KPI] <= b.at[SW_POINT] + 1 || t->n_rows == 0) {
        if (t->n_rows)
            snprintf(err, errlen,
                     "%s: no column of a varied key between 'point' and "
                     "'%s'",
                     t->path, t->header[b.at[SW_KPI]]);
        else
            no_rows(t, err, errlen);
        rc = RR_EPARSE;
        goto out;
    }
    s->nk = (size_t)(b.at[SW_KPI] - b.at[SW_POINT] - 1);
    if ((rc = sweep_points(&b, s, err, errlen)) ||
        (rc = sweep_keys(&b, s, err, errlen)) ||
        (rc = sweep_words(dir, s, err, errlen)) ||
        (rc = sweep_alloc(s, err, errlen)))
        goto out;
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++)
        rc = sweep_row_in(&b, r, s, err, errlen);
out:
    rr_table_destroy(t);
    return rc;
}

/* ---- compare.csv ----------------------------------------------------------------- */

void rri_compare_fini(rri_compare *d)
{
    for (size_t i = 0; d->row && i < d->n; i++) {
        free(d->row[i].kpi);
        free(d->row[i].unit);
    }
    free(d->row);
    free(d->baseline);
    free(d->policy);
    memset(d, 0, sizeof *d);
}

typedef struct compare_row {
    const char *baseline, *policy, *kpi, *unit;
    double base, pol, diff, lo, hi, reps;
    long from, to;
} compare_row;

static const col_spec compare_cols[] = {
    COL("baseline", COL_TEXT, compare_row, baseline),
    COL("policy", COL_TEXT, compare_row, policy),
    COL(IND_COL, COL_TEXT, compare_row, kpi),
    COL("unit", COL_TEXT, compare_row, unit),
    COL("baseline_mean", COL_NUMBER, compare_row, base),
    COL("policy_mean", COL_NUMBER, compare_row, pol),
    COL("difference", COL_NUMBER, compare_row, diff),
    COL("ci95_low", COL_NUMBER, compare_row, lo),
    COL("ci95_high", COL_NUMBER, compare_row, hi),
    COL("replications", COL_NUMBER, compare_row, reps),
    COL_OPT("from", COL_DATE, compare_row, from),
    COL_OPT("to", COL_DATE, compare_row, to)};

int rri_read_compare(const char *dir, rri_compare *d, char *err,
                     size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "compare.csv", false, &t, err, errlen);
    memset(d, 0, sizeof *d);
    d->from = d->to = LONG_MAX;
    if (rc != RR_OK)
        return rc;
    if ((rc = bind(t, compare_cols, RR_COUNTOF(compare_cols), &b, err,
                   errlen)))
        goto out;
    if (t->n_rows == 0) {
        rc = no_rows(t, err, errlen);
        goto out;
    }
    if (!(d->row = calloc(t->n_rows, sizeof *d->row))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        rri_cmprow *w = &d->row[d->n++];
        compare_row c;
        c.from = c.to = LONG_MAX;
        if ((rc = read_row(&b, r, &c, err, errlen)))
            goto out;
        if (r == 0) {
            d->from = c.from;
            d->to = c.to;
        }
        if ((r == 0 && (!(d->baseline = strdup(c.baseline)) ||
                        !(d->policy = strdup(c.policy)))) ||
            !(w->kpi = strdup(c.kpi)) || !(w->unit = strdup(c.unit))) {
            rc = oom(err, errlen);
            goto out;
        }
        w->base = c.base;
        w->pol = c.pol;
        w->diff = c.diff;
        w->lo = c.lo;
        w->hi = c.hi;
        if (c.reps > (double)d->reps)
            d->reps = count_of(c.reps);
    }
out:
    rr_table_destroy(t);
    return rc;
}

/* ---- compare_years.csv ------------------------------------------------------------ */

void rri_years_fini(rri_years *d)
{
    for (size_t i = 0; d->row && i < d->n; i++) {
        free(d->row[i].ind);
        free(d->row[i].unit);
    }
    free(d->row);
    free(d->baseline);
    free(d->policy);
    free(d->note);
    memset(d, 0, sizeof *d);
}

typedef struct years_row {
    const char *baseline, *policy, *ind, *unit, *note;
    double year, days, base, pol, diff, lo, hi, reps;
    long effect_from, from, to;
} years_row;

enum { YR_BASELINE, YR_POLICY, YR_YEAR };
static const col_spec years_cols[] = {
    COL("baseline", COL_TEXT, years_row, baseline),
    COL("policy", COL_TEXT, years_row, policy),
    COL("year", COL_REAL, years_row, year),
    COL(IND_COL, COL_TEXT, years_row, ind),
    COL("unit", COL_TEXT, years_row, unit),
    COL("baseline_mean", COL_NUMBER, years_row, base),
    COL("policy_mean", COL_NUMBER, years_row, pol),
    COL("difference", COL_NUMBER, years_row, diff),
    COL("ci95_low", COL_NUMBER, years_row, lo),
    COL("ci95_high", COL_NUMBER, years_row, hi),
    COL("replications", COL_NUMBER, years_row, reps),
    COL_OPT("days", COL_NUMBER, years_row, days),
    COL_OPT("effect_from", COL_DATE_NA, years_row, effect_from),
    COL_OPT("effect_from_note", COL_TEXT, years_row, note),
    COL_OPT("from", COL_DATE_NA, years_row, from),
    COL_OPT("to", COL_DATE_NA, years_row, to)};

/* years_row_in - row r of compare_years.csv into w (the file's names, the
 * policy's date and its note from the first row). */
static int years_row_in(const bound *b, size_t r, rri_years *d, char *err,
                        size_t errlen)
{
    years_row y = {"", "", "", "", "", NAN, NAN, NAN, NAN, NAN, NAN,
                   NAN, NAN, LONG_MAX, LONG_MAX, LONG_MAX};
    rri_yearrow *w = &d->row[d->n];
    int rc;
    if ((rc = read_row(b, r, &y, err, errlen)))
        return rc;
    if (y.year != floor(y.year) || fabs(y.year) > 1e6) {
        snprintf(err, errlen,
                 "%s:%zu: column 'year': expected a year, got '%s'",
                 b->t->path, b->t->line[r],
                 rr_table_cell(b->t, r, (size_t)b->at[YR_YEAR]));
        return RR_EPARSE;
    }
    d->n++; /* freed by rri_years_fini whatever is copied */
    if (!(w->ind = strdup(y.ind)) || !(w->unit = strdup(y.unit)))
        return oom(err, errlen);
    if (r == 0 && (!(d->baseline = strdup(y.baseline)) ||
                   !(d->policy = strdup(y.policy)) ||
                   !(d->note = strdup(y.note))))
        return oom(err, errlen);
    if (r == 0)
        d->effect_from = y.effect_from;
    w->year = (long)y.year;
    w->from = y.from;
    w->to = y.to;
    w->days = y.days;
    w->base = y.base;
    w->pol = y.pol;
    w->diff = y.diff;
    w->lo = y.lo;
    w->hi = y.hi;
    if (y.reps > (double)d->reps)
        d->reps = count_of(y.reps);
    return RR_OK;
}

int rri_read_compare_years(const char *dir, rri_years *d, char *err,
                           size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "compare_years.csv", false, &t, err, errlen);
    memset(d, 0, sizeof *d);
    d->effect_from = LONG_MAX;
    if (rc != RR_OK)
        return rc;
    if ((rc = bind(t, years_cols, RR_COUNTOF(years_cols), &b, err, errlen)))
        goto out;
    if (t->n_rows == 0) {
        rc = no_rows(t, err, errlen);
        goto out;
    }
    if (!(d->row = calloc(t->n_rows, sizeof *d->row))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++)
        rc = years_row_in(&b, r, d, err, errlen);
out:
    rr_table_destroy(t);
    return rc;
}

/* ---- fit.csv -------------------------------------------------------------------- */

void rri_fit_fini(rri_fit *d)
{
    for (size_t i = 0; d->row && i < d->n; i++) {
        free(d->row[i].indicator);
        free(d->row[i].note);
    }
    free(d->row);
    free(d->scenario);
    memset(d, 0, sizeof *d);
}

typedef struct fit_row {
    const char *scenario, *indicator, *note, *role;
    double year, observed, mean, lo, hi, rel, reps;
} fit_row;

enum { FT_SCENARIO, FT_YEAR, FT_ROLE = 10 };
static const col_spec fit_cols[] = {
    COL("scenario", COL_TEXT, fit_row, scenario),
    COL("year", COL_REAL, fit_row, year),
    COL(IND_COL, COL_TEXT, fit_row, indicator),
    COL("observed", COL_NUMBER, fit_row, observed),
    COL("simulated_mean", COL_NUMBER, fit_row, mean),
    COL("ci95_low", COL_NUMBER, fit_row, lo),
    COL("ci95_high", COL_NUMBER, fit_row, hi),
    COL("relative_error", COL_NUMBER, fit_row, rel),
    COL("replications", COL_NUMBER, fit_row, reps),
    COL_OPT("note", COL_TEXT, fit_row, note),
    COL_OPT("role", COL_TEXT, fit_row, role)};

/* fit_role - a role's name as rr_fit_role_name writes it; -1 for "" (no
 * role column), -2 for anything else. */
static int fit_role(const char *s)
{
    if (!*s)
        return -1;
    for (int k = 0; k < RR_FIT_ROLES; k++)
        if (strcmp(s, rr_fit_role_name((rr_fit_role)k)) == 0)
            return k;
    return -2;
}

/* fit_row_in - row r of fit.csv into w. */
static int fit_row_in(const bound *b, size_t r, rri_fitrow *w, size_t *reps,
                      char *err, size_t errlen)
{
    fit_row f = {"", "", "", "", NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    int rc;
    if ((rc = read_row(b, r, &f, err, errlen)))
        return rc;
    if (!(w->indicator = strdup(f.indicator)) || !(w->note = strdup(f.note)))
        return oom(err, errlen);
    if ((w->role = fit_role(f.role)) < -1 ||
        (w->role == -1 && b->at[FT_ROLE] >= 0)) {
        snprintf(err, errlen,
                 "%s:%zu: column 'role': expected %s, %s or %s, got '%s'",
                 b->t->path, b->t->line[r],
                 rr_fit_role_name(RR_FIT_CALIBRATION),
                 rr_fit_role_name(RR_FIT_VALIDATION),
                 rr_fit_role_name(RR_FIT_INPUT), f.role);
        return RR_EPARSE;
    }
    if (f.year != floor(f.year) || fabs(f.year) > 1e6) {
        snprintf(err, errlen,
                 "%s:%zu: column 'year': expected a year, got '%s'",
                 b->t->path, b->t->line[r],
                 rr_table_cell(b->t, r, (size_t)b->at[FT_YEAR]));
        return RR_EPARSE;
    }
    w->year = (long)f.year;
    w->observed = f.observed;
    w->mean = f.mean;
    w->lo = f.lo;
    w->hi = f.hi;
    w->rel = f.rel;
    if (f.reps > (double)*reps)
        *reps = count_of(f.reps);
    return RR_OK;
}

int rri_read_fit(const char *dir, rri_fit *d, char *err, size_t errlen)
{
    rr_table *t;
    bound b;
    int rc = read_csv(dir, "fit.csv", false, &t, err, errlen);
    memset(d, 0, sizeof *d);
    if (rc != RR_OK)
        return rc;
    if ((rc = bind(t, fit_cols, RR_COUNTOF(fit_cols), &b, err, errlen)))
        goto out;
    if (!(d->row = calloc(t->n_rows + 1, sizeof *d->row)) ||
        !(d->scenario = strdup(t->n_rows ? rr_table_cell(
                                               t, 0, (size_t)b.at[FT_SCENARIO])
                                         : ""))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++)
        rc = fit_row_in(&b, r, &d->row[d->n++], &d->reps, err, errlen);
out:
    rr_table_destroy(t);
    return rc;
}
