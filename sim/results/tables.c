/*
 * tables.c - the stage and country tables of a run: stages.csv,
 * stages_summary.csv, countries.csv and countries_summary.csv (rr_output.h;
 * the columns are documented in docs/outputs.md).
 *
 * Long format like timeseries.csv: one row per replication, period, stage
 * (or country) and measure, with the measure's unit; the summaries give
 * the mean and the Student-t 95% interval over replications (rr_ci95, as
 * timeseries_summary.csv), one row per period, stage (country) and
 * measure.  Replications are written in order, so the files are the same
 * whatever the number of threads.  A summary gathers one value per
 * replication into a buffer of `reps` doubles, allocated once per file.
 * The rows are read through rr_rows: from the replications' arrays, or
 * back from the run's spill some at a time (a summary: row k of every
 * replication at once), so that writing holds no more of them than
 * running did.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "rr_common.h"
#include "rr_output.h"
#include "rr_stats.h"

/* The two tables as one shape: rows (periods or years) x items (stages or
 * countries) x measures, each with its names. */
typedef struct table {
    const rr_run_result *r;
    const rr_periods *rows;
    size_t n_items, n_measures;
    const char *item_col;             /* "stage", "country" */
    bool stages;                      /* else countries */
} table;

static const char *item_name(const table *t, size_t i)
{
    const rr_config *c = t->r->plan->cfg[0];
    return t->stages ? c->stages[i].name : c->country[i];
}

static const char *measure_name(const table *t, size_t m)
{
    return t->stages ? rr_stage_measures[m].name : t->r->layout.cmeasure[m];
}

static const char *measure_unit(const table *t, size_t m)
{
    return t->stages ? rr_stage_measures[m].unit
                     : t->r->layout.cmeasure_unit[m];
}

/* reader - a reader of the rows of replication rep of the table, cap at
 * a time. */
static int reader(const table *t, size_t rep, size_t cap, rr_rows *w)
{
    return rr_rows_open(w, &t->r->rep[rep], !t->stages, cap);
}

/* row_len - the doubles of a row as rr_rows reads it: a period's metrics
 * and then its stage measures, or a year's country measures. */
static size_t row_len(const table *t)
{
    const rr_layout *l = &t->r->layout;
    return t->stages ? l->n_metrics + l->n_stages * RR_SM_COUNT
                     : l->n_countries * l->n_cmeasures;
}

/* row_items - where the table's items start in a row of rr_rows (after
 * the metrics in a period's). */
static size_t row_items(const table *t)
{
    return t->stages ? t->r->layout.n_metrics : 0;
}

static table stage_table(const rr_run_result *r)
{
    return (table){r, &r->layout.periods, r->layout.n_stages, RR_SM_COUNT,
                   "stage", true};
}

static table country_table(const rr_run_result *r)
{
    return (table){r, &r->layout.years, r->layout.n_countries,
                   r->layout.n_cmeasures, "country", false};
}

/* row_dates - the first and last day of row k. */
static void row_dates(const table *t, size_t k, char *d0, char *d1, size_t n)
{
    long start = rr_date_days(t->r->plan->cfg[0]->start);
    const double *b = t->rows->bounds;
    rr_date_format(rr_date_from_days(start + (long)floor(b[k])), d0, n);
    rr_date_format(rr_date_from_days(start + (long)ceil(b[k + 1]) - 1), d1,
                   n);
}

/* item_keys - "item,measure,unit," of every item and measure, quoted
 * once (item-major, as the rows run); NULL when out of memory. */
static rr_csv_keys *item_keys(const table *t)
{
    rr_csv_keys *k = rr_csv_keys_new(t->n_items * t->n_measures);
    for (size_t i = 0; k && i < t->n_items; i++)
        for (size_t m = 0; m < t->n_measures; m++)
            if (rr_csv_keys_set(&k[i * t->n_measures + m],
                                (const char *const[]){item_name(t, i),
                                                      measure_name(t, m),
                                                      measure_unit(t, m)},
                                3) != RR_OK) {
                rr_csv_keys_free(k, t->n_items * t->n_measures);
                return NULL;
            }
    return k;
}

static void item_keys_free(const table *t, rr_csv_keys *k)
{
    rr_csv_keys_free(k, t->n_items * t->n_measures);
}

/* head_keys - "scenario,[replication,]start,end," of row k's block (rep
 * 0: no replication column). */
static int head_keys(rr_csv_keys *h, const table *t, size_t rep,
                     const char *d0, const char *d1)
{
    const char *name = t->r->plan->cfg[0]->name;
    char num[32];
    if (!rep)
        return rr_csv_keys_set(h, (const char *const[]){name, d0, d1}, 3);
    snprintf(num, sizeof num, "%zu", rep);
    return rr_csv_keys_set(h, (const char *const[]){name, num, d0, d1}, 4);
}

/* write_reps - one row per replication, row, item and measure. */
static int write_reps(const char *path, const table *t, char *err,
                      size_t errlen)
{
    FILE *f;
    size_t cap = rr_rows_cap(1, row_len(t)), at = row_items(t);
    rr_csv_keys head = {0}, *ik = item_keys(t);
    char d0[16], d1[16];
    int rc = RR_OK;
    if (!ik) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        item_keys_free(t, ik);
        return RR_EIO;
    }
    fprintf(f, "scenario,replication,period_start,period_end,%s,indicator,"
               "unit,value\n",
            t->item_col);
    for (size_t rep = 0; rep < t->r->reps && rc == RR_OK; rep++) {
        rr_rows w;
        if (reader(t, rep, cap, &w) != RR_OK) {
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            rc = RR_ENOMEM;
            break;
        }
        for (size_t k = 0; k < t->rows->n; k++) {
            const double *v = rr_rows_get(&w, k);
            if (!v) {
                rc = rr_out_rows_failed(path, rep, err, errlen);
                break;
            }
            v += at;
            row_dates(t, k, d0, d1, sizeof d0);
            if (head_keys(&head, t, rep + 1, d0, d1) != RR_OK) {
                snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
                rc = RR_ENOMEM;
                break;
            }
            for (size_t j = 0; j < t->n_items * t->n_measures; j++) {
                rr_csv_keys_put(f, &head);
                rr_csv_keys_put(f, &ik[j]);
                rr_csv_number(f, v[j]);
                fputc('\n', f);
            }
        }
        rr_rows_close(&w);
    }
    rr_csv_keys_fini(&head);
    item_keys_free(t, ik);
    if (rc != RR_OK) {
        fclose(f);
        return rc;
    }
    return rr_out_close(f, path, err, errlen);
}

/* write_summary - one row per row, item and measure: mean and 95% CI
 * over the replications that have a value.  Row k of every replication
 * is read once, through a reader per replication (together about the
 * memory of one). */
static int write_summary(const char *path, const table *t, char *err,
                         size_t errlen)
{
    size_t reps = t->r->reps, n = reps ? reps : 1, open = 0;
    size_t cap = rr_rows_cap(reps, row_len(t)), at = row_items(t);
    double *x = malloc(n * sizeof *x);
    rr_rows *w = calloc(n, sizeof *w);
    const double **v = calloc(n, sizeof *v);
    rr_csv_keys head = {0}, *ik = item_keys(t);
    char d0[16], d1[16];
    int rc = RR_OK;
    FILE *f = NULL;
    if (x && w && v && ik)
        for (; open < reps; open++)
            if (reader(t, open, cap, &w[open]) != RR_OK)
                break;
    if (!x || !w || !v || !ik || open < reps) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        rc = RR_ENOMEM;
        goto out;
    }
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        rc = RR_EIO;
        goto out;
    }
    fprintf(f, "scenario,period_start,period_end,%s,indicator,unit,mean,"
               "ci95_low,ci95_high,replications\n",
            t->item_col);
    for (size_t k = 0; k < t->rows->n && rc == RR_OK; k++) {
        for (size_t rep = 0; rep < reps; rep++)
            if (!(v[rep] = rr_rows_get(&w[rep], k))) {
                rc = rr_out_rows_failed(path, rep, err, errlen);
                break;
            }
        if (rc != RR_OK)
            break;
        row_dates(t, k, d0, d1, sizeof d0);
        if (head_keys(&head, t, 0, d0, d1) != RR_OK) {
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            rc = RR_ENOMEM;
            break;
        }
        for (size_t i = 0; i < t->n_items; i++)
            for (size_t m = 0; m < t->n_measures; m++) {
                rr_ci ci;
                for (size_t rep = 0; rep < reps; rep++)
                    x[rep] = v[rep][at + i * t->n_measures + m];
                ci = rr_ci95(x, reps);
                rr_csv_keys_put(f, &head);
                rr_csv_keys_put(f, &ik[i * t->n_measures + m]);
                rr_csv_interval(f, ci);
                fputc('\n', f);
            }
    }
out:
    for (size_t i = 0; i < open; i++)
        rr_rows_close(&w[i]);
    rr_csv_keys_fini(&head);
    item_keys_free(t, ik);
    free(x);
    free(w);
    free(v);
    if (!f)
        return rc;
    if (rc != RR_OK) {
        fclose(f);
        return rc;
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_stages(const char *path, const rr_run_result *r, char *err,
                    size_t errlen)
{
    table t = stage_table(r);
    return write_reps(path, &t, err, errlen);
}

int rr_write_stages_summary(const char *path, const rr_run_result *r,
                            char *err, size_t errlen)
{
    table t = stage_table(r);
    return write_summary(path, &t, err, errlen);
}

int rr_write_countries(const char *path, const rr_run_result *r, char *err,
                       size_t errlen)
{
    table t = country_table(r);
    return write_reps(path, &t, err, errlen);
}

int rr_write_countries_summary(const char *path, const rr_run_result *r,
                               char *err, size_t errlen)
{
    table t = country_table(r);
    return write_summary(path, &t, err, errlen);
}
