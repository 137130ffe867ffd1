/*
 * output.c - the results folder and its files.
 *
 * Uses only the public headers.  Every file is opened, written and closed
 * with its errors checked (ferror and fclose), so a full disk fails the run
 * instead of leaving a short file behind.  The folder they go into is
 * outdir.c's.  Parts:
 *   - CSV writers for the results of a run;
 *   - the trace (cases.csv), written per replication and concatenated;
 *   - scenario.resolved.ini and inputs/, a scenario that reruns the run.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>

#include "rr_common.h"
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_stats.h"

static void nomem(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
}

/* {===================================================================
 * CSV files of a run
 * ==================================================================== */

/* plain - whether field s is written as it is: nothing to quote, so
 * plain names stay plain. */
static bool plain(const char *s)
{
    return s[strcspn(s, ",\"\r\n")] == '\0' && s[0] != ' ' &&
           (s[0] == '\0' || s[strlen(s) - 1] != ' ');
}

int rr_csv_field(FILE *f, const char *s)
{
    if (plain(s))
        return fputs(s, f) < 0 ? -1 : 0;
    return csv_fwrite(f, s, strlen(s));
}

void rr_csv_ci(FILE *f, rr_ci ci)
{
    fputc(',', f);
    rr_csv_number(f, ci.mean);
    fputc(',', f);
    rr_csv_number(f, ci.n >= 2 ? ci.sd : NAN);
    fputc(',', f);
    rr_csv_number(f, ci.low);
    fputc(',', f);
    rr_csv_number(f, ci.high);
    fputc(',', f);
    rr_csv_number(f, (double)ci.n);
}

int rr_csv_keys_set(rr_csv_keys *k, const char *const *fields, size_t n)
{
    size_t need = 0, at = 0;
    char *buf;
    /* the length first (csv_write, like snprintf, says what it needs),
     * then the text; quoted as rr_csv_field quotes, by the same libcsv */
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(fields[i]);
        need += (plain(fields[i]) ? len : csv_write(NULL, 0, fields[i], len)) +
                1;
    }
    if (!(buf = malloc(need + 1)))
        return RR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(fields[i]);
        if (plain(fields[i])) {
            memcpy(buf + at, fields[i], len);
            at += len;
        } else {
            at += csv_write(buf + at, need - at, fields[i], len);
        }
        buf[at++] = ',';
    }
    buf[at] = '\0';
    free(k->s);
    k->s = buf;
    k->len = at;
    return RR_OK;
}

void rr_csv_keys_put(FILE *f, const rr_csv_keys *k)
{
    if (k->len)
        fwrite(k->s, 1, k->len, f);
}

void rr_csv_keys_fini(rr_csv_keys *k)
{
    free(k->s);
    k->s = NULL;
    k->len = 0;
}

rr_csv_keys *rr_csv_keys_new(size_t n)
{
    return calloc(n ? n : 1, sizeof(rr_csv_keys));
}

void rr_csv_keys_free(rr_csv_keys *k, size_t n)
{
    for (size_t i = 0; k && i < n; i++)
        rr_csv_keys_fini(&k[i]);
    free(k);
}

/* metric_keys - "indicator,unit," of every metric of r; NULL when out of
 * memory. */
static rr_csv_keys *metric_keys(const rr_run_result *r)
{
    size_t nm = r->layout.n_metrics;
    rr_csv_keys *mk = rr_csv_keys_new(nm);
    for (size_t m = 0; mk && m < nm; m++)
        if (rr_csv_keys_set(&mk[m],
                            (const char *const[]){r->layout.metric[m],
                                                  r->layout.metric_unit[m]},
                            2) != RR_OK) {
            rr_csv_keys_free(mk, nm);
            return NULL;
        }
    return mk;
}

void rr_csv_interval(FILE *f, rr_ci ci)
{
    rr_csv_number(f, ci.mean);
    fputc(',', f);
    rr_csv_number(f, ci.low);
    fputc(',', f);
    rr_csv_number(f, ci.high);
    fputc(',', f);
    rr_csv_number(f, (double)ci.n);
}

int rr_csv_number(FILE *f, double x)
{
    if (isnan(x))
        return fputs("NA", f) < 0 ? -1 : 0;
    /* Most numbers written are counts.  A whole number below 10^10 in
     * magnitude is printed by %.10g as its digits alone, so it is written
     * so directly, without the cost of formatting a double (-0 keeps its
     * sign through printf). */
    if (fabs(x) < 1e10 && x == (double)(long long)x &&
        !(x == 0 && signbit(x))) {
        char buf[24], *p = buf + sizeof buf;
        long long v = (long long)x;
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                     : (unsigned long long)v;
        do
            *--p = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        if (v < 0)
            *--p = '-';
        return fwrite(p, 1, (size_t)(buf + sizeof buf - p), f) ==
                       (size_t)(buf + sizeof buf - p)
                   ? 0
                   : -1;
    }
    return fprintf(f, "%.10g", x) < 0 ? -1 : 0;
}

/* day_date - the date of day t of a run starting on d0 (days since
 * 1970-01-01), "NA" when t is not a number. */
static void day_date(long d0, double t, char *buf, size_t n)
{
    if (isnan(t) || isinf(t))
        snprintf(buf, n, "NA");
    else
        rr_date_format(rr_date_from_days(d0 + (long)floor(t)), buf, n);
}

static void bounds_dates(long d0, const rr_periods *p, size_t k, char *start,
                         char *end, size_t n)
{
    rr_date_format(rr_date_from_days(d0 + (long)floor(p->bounds[k])), start,
                   n);
    rr_date_format(rr_date_from_days(d0 + (long)ceil(p->bounds[k + 1]) - 1),
                   end, n);
}

void rr_period_dates(const rr_run_result *r, size_t k, char *start,
                     char *end, size_t n)
{
    bounds_dates(rr_date_days(r->plan->cfg[0]->start), &r->layout.periods, k,
                 start, end, n);
}

FILE *rr_out_open(const char *path, const char *mode, char *err,
                  size_t errlen)
{
    FILE *f = fopen(path, mode);
    if (!f) {
        int e = errno;
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
    }
    return f;
}

int rr_out_close(FILE *f, const char *path, char *err, size_t errlen)
{
    int bad = ferror(f);
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        snprintf(err, errlen, "cannot write '%s': %s", path,
                 strerror(e ? e : EIO));
        return RR_EIO;
    }
    return RR_OK;
}

int rr_out_rows_failed(const char *path, size_t rep, char *err,
                       size_t errlen)
{
    int e = errno ? errno : EIO;
    snprintf(err, errlen, "cannot write '%s': the rows of replication %zu "
             "could not be read back: %s", path, rep + 1, strerror(e));
    return RR_EIO;
}

int rr_write_timeseries(const char *path, const rr_run_result *r, char *err,
                        size_t errlen)
{
    FILE *f;
    const char *name = r->plan->cfg[0]->name;
    size_t nm = r->layout.n_metrics;
    rr_csv_keys head = {0}, *mk = metric_keys(r);
    char d0[16], d1[16], num[32];
    int rc = RR_OK;
    if (!mk) {
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        rr_csv_keys_free(mk, nm);
        return RR_EIO;
    }
    fputs("scenario,replication,period_start,period_end,indicator,unit,value\n", f);
    for (size_t rep = 0; rep < r->reps && rc == RR_OK; rep++) {
        const rr_rep_result *x = &r->rep[rep];
        rr_rows w;
        if (rr_rows_open(&w, x, 0, rr_rows_cap(1, rr_rep_period_len(x))) !=
            RR_OK) {
            nomem(err, errlen);
            rc = RR_ENOMEM;
            break;
        }
        for (size_t k = 0; k < x->n_periods; k++) {
            const double *v = rr_rows_get(&w, k);
            if (!v) {
                rc = rr_out_rows_failed(path, rep, err, errlen);
                break;
            }
            rr_period_dates(r, k, d0, d1, sizeof d0);
            snprintf(num, sizeof num, "%zu", rep + 1);
            if (rr_csv_keys_set(&head,
                                (const char *const[]){name, num, d0, d1},
                                4) != RR_OK) {
                nomem(err, errlen);
                rc = RR_ENOMEM;
                break;
            }
            for (size_t m = 0; m < x->n_metrics && m < nm; m++) {
                rr_csv_keys_put(f, &head);
                rr_csv_keys_put(f, &mk[m]);
                rr_csv_number(f, v[m]);
                fputc('\n', f);
            }
        }
        rr_rows_close(&w);
    }
    rr_csv_keys_fini(&head);
    rr_csv_keys_free(mk, nm);
    if (rc != RR_OK) {
        fclose(f);
        return rc;
    }
    return rr_out_close(f, path, err, errlen);
}

/* period_rows - a reader of the period rows of each replication (they
 * hold about the same memory together as one does alone), and one
 * indicator gathered across them. */
typedef struct period_rows {
    size_t reps, open;
    rr_rows *w;            /* reps */
    const double **row;    /* reps: period k of each */
    double *x;             /* reps */
} period_rows;

static void period_rows_fini(period_rows *p)
{
    for (size_t i = 0; i < p->open; i++)
        rr_rows_close(&p->w[i]);
    free(p->w);
    free(p->row);
    free(p->x);
}

static int period_rows_init(period_rows *p, const rr_run_result *r)
{
    size_t n = r->reps ? r->reps : 1, cap;
    memset(p, 0, sizeof *p);
    p->reps = r->reps;
    p->w = calloc(n, sizeof *p->w);
    p->row = calloc(n, sizeof *p->row);
    p->x = calloc(n, sizeof *p->x);
    if (!p->w || !p->row || !p->x) {
        period_rows_fini(p);
        return RR_ENOMEM;
    }
    cap = r->reps ? rr_rows_cap(r->reps, rr_rep_period_len(&r->rep[0])) : 1;
    for (; p->open < p->reps; p->open++)
        if (rr_rows_open(&p->w[p->open], &r->rep[p->open], 0, cap) !=
            RR_OK) {
            period_rows_fini(p);
            return RR_ENOMEM;
        }
    return RR_OK;
}

/* period_rows_read - period k of every replication; RR_OK, or RR_EIO
 * with the failing replication in *rep. */
static int period_rows_read(period_rows *p, size_t k, size_t *rep)
{
    for (size_t i = 0; i < p->reps; i++)
        if (!(p->row[i] = rr_rows_get(&p->w[i], k))) {
            *rep = i;
            return RR_EIO;
        }
    return RR_OK;
}

int rr_write_timeseries_summary(const char *path, const rr_run_result *r,
                                char *err, size_t errlen)
{
    FILE *f;
    const char *name = r->plan->cfg[0]->name;
    size_t nm = r->layout.n_metrics;
    rr_csv_keys head = {0}, *mk = metric_keys(r);
    period_rows p;
    char d0[16], d1[16];
    int rc = RR_OK;
    if (!mk || period_rows_init(&p, r) != RR_OK) {
        rr_csv_keys_free(mk, nm);
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        rr_csv_keys_free(mk, nm);
        period_rows_fini(&p);
        return RR_EIO;
    }
    fputs("scenario,period_start,period_end,indicator,unit,mean,ci95_low,"
          "ci95_high,replications\n",
          f);
    for (size_t k = 0; k < r->layout.periods.n && rc == RR_OK; k++) {
        size_t bad;
        if (period_rows_read(&p, k, &bad) != RR_OK) {
            rc = rr_out_rows_failed(path, bad, err, errlen);
            break;
        }
        rr_period_dates(r, k, d0, d1, sizeof d0);
        if (rr_csv_keys_set(&head, (const char *const[]){name, d0, d1}, 3) !=
            RR_OK) {
            nomem(err, errlen);
            rc = RR_ENOMEM;
            break;
        }
        for (size_t m = 0; m < nm; m++) {
            rr_ci ci;
            /* as rr_run_metric_ci, from the rows read once */
            for (size_t i = 0; i < p.reps; i++)
                p.x[i] = p.row[i][m];
            ci = rr_ci95(p.x, p.reps);
            rr_csv_keys_put(f, &head);
            rr_csv_keys_put(f, &mk[m]);
            rr_csv_interval(f, ci);
            fputc('\n', f);
        }
    }
    period_rows_fini(&p);
    rr_csv_keys_fini(&head);
    rr_csv_keys_free(mk, nm);
    if (rc != RR_OK) {
        fclose(f);
        return rc;
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_summary(const char *path, const rr_run_result *r, char *err,
                     size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const char *name = r->plan->cfg[0]->name;
    if (!f)
        return RR_EIO;
    fputs("scenario,indicator,unit,mean,sd,ci95_low,ci95_high,replications\n", f);
    for (size_t k = 0; k < r->layout.n_kpis; k++) {
        rr_ci ci = rr_run_kpi_ci(r, k);
        rr_csv_field(f, name);
        fputc(',', f);
        rr_csv_field(f, r->layout.kpi[k]);
        fputc(',', f);
        rr_csv_field(f, r->layout.kpi_unit[k]);
        rr_csv_ci(f, ci);
        fputc('\n', f);
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_events(const char *path, const rr_plan *plan, char *err,
                    size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_config *c = plan->cfg[0];
    long d0 = rr_date_days(c->start);
    char from[16], until[16];
    if (!f)
        return RR_EIO;
    fputs("scenario,name,label,from,until,chart\n", f);
    for (size_t i = 0; i < plan->n_events; i++) {
        const rr_event_info *ev = &plan->events[i];
        day_date(d0, ev->from, from, sizeof from);
        day_date(d0, ev->until, until, sizeof until);
        rr_csv_field(f, c->name);
        fputc(',', f);
        rr_csv_field(f, ev->name);
        fputc(',', f);
        rr_csv_field(f, ev->label);
        fprintf(f, ",%s,%s,%s\n", from, until, ev->chart ? "yes" : "no");
    }
    return rr_out_close(f, path, err, errlen);
}

static const char *report_name(rr_report_period p)
{
    static const char *const names[] = {"day", "week", "month", "quarter",
                                        "year"};
    return (unsigned)p < RR_COUNTOF(names) ? names[p] : "?";
}

/* precision_fields - run.csv's precision_target, precision_indicators
 * (";"-separated), precision_reached (the largest relative half-width of
 * those judged; NA when none has one) and precision_stop (reached,
 * max_reps, zero_mean), each followed by a comma; NA without --precision. */
static void precision_fields(FILE *f, const rr_precision *p)
{
    static const char *const stop[] = {"reached", "max_reps", "zero_mean"};
    char names[RR_PRECISION_NAMES_LEN];
    size_t at = 0;
    if (!p) {
        fputs("NA,NA,NA,NA,", f);
        return;
    }
    names[0] = '\0';
    for (size_t k = 0; k < p->n_names && at + 1 < sizeof names; k++) {
        int w = snprintf(names + at, sizeof names - at, "%s%s", k ? ";" : "",
                         p->names[k]);
        if (w < 0)
            break;
        at += (size_t)w;
    }
    rr_csv_number(f, p->target);
    fputc(',', f);
    rr_csv_field(f, names);
    fputc(',', f);
    rr_csv_number(f, isfinite(p->worst) ? p->worst : NAN);
    fprintf(f, ",%s,", (unsigned)p->stop < RR_COUNTOF(stop) ? stop[p->stop]
                                                           : "NA");
}

/* is_varied - key is one a sweep's design varies. */
static bool is_varied(const rr_design *d, const char *key)
{
    for (size_t i = 0; d && i < d->n_vary; i++)
        if (strcmp(d->vary[i].key, key) == 0)
            return true;
    return false;
}

/* overrides_field - "k=v; k2=v2" of a plan's overrides (but those a
 * design varies), CSV-quoted; false when out of memory. */
static bool overrides_field(FILE *f, const rr_plan *plan, const rr_design *d)
{
    size_t len = 1;
    for (size_t i = 0; i < plan->n_overrides; i++)
        len += strlen(plan->overrides[i].key) +
               strlen(plan->overrides[i].value) + 3;
    char *s = malloc(len), *p = s;
    if (!s)
        return false;
    *p = '\0';
    for (size_t i = 0; i < plan->n_overrides; i++) {
        const rr_override *o = &plan->overrides[i];
        if (is_varied(d, o->key))
            continue;
        p += sprintf(p, "%s%s=%s", p > s ? "; " : "", o->key, o->value);
    }
    rr_csv_field(f, s);
    free(s);
    return true;
}

int rr_write_run_info(const char *path, const rr_run_result *r, size_t n,
                      const rr_design *varied, const char *version,
                      uint64_t seed, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    bool oom = false;
    if (!f)
        return RR_EIO;
    fputs("scenario,title,source,start,end,report,warmup_days,replications,"
          "seed,overrides,precision_target,precision_indicators,"
          "precision_reached,precision_stop,events,version\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const rr_config *c = r[i].plan->cfg[0];
        char s[16], e[16];
        rr_date_format(c->start, s, sizeof s);
        rr_date_format(c->end, e, sizeof e);
        rr_csv_field(f, c->name);
        fputc(',', f);
        rr_csv_field(f, c->title);
        fputc(',', f);
        rr_csv_field(f, c->source);
        fprintf(f, ",%s,%s,%s,", s, e, report_name(c->report));
        rr_csv_number(f, c->warmup);
        fprintf(f, ",%zu,%llu,", r[i].reps, (unsigned long long)seed);
        oom = oom || !overrides_field(f, r[i].plan, varied);
        fputc(',', f);
        precision_fields(f, r[i].precision);
        fprintf(f, "%llu,", (unsigned long long)r[i].events);
        rr_csv_field(f, version);
        fputc('\n', f);
    }
    if (oom) {
        fclose(f);
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    return rr_out_close(f, path, err, errlen);
}

/* }=================================================================== */

/* {===================================================================
 * The trace: cases.csv and time_to_departure.csv
 * ==================================================================== */

/* Bytes a replication keeps before appending them to its part file: small
 * enough that many replications held at once stay cheap, large enough
 * that the file is opened rarely. */
#define TRACE_FLUSH 65536

typedef struct trace_rep {
    rr_trace *t;
    size_t rep;
    char *buf;
    size_t len, cap;
    bool started;      /* its part file exists */
    int err;           /* errno of the first failure (ENOMEM for memory) */
    uint32_t *ttd_k;   /* verified departures: period of departure */
    double *ttd;       /* ... and days from entry */
    size_t n_ttd, cap_ttd;
} trace_rep;

struct rr_trace {
    const rr_config *cfg;
    long d0;
    rr_periods periods;
    size_t reps;
    char *folder;
    trace_rep *rep;
    void **ctx;
};

static void part_path(const rr_trace *t, size_t rep, char *buf, size_t n)
{
    snprintf(buf, n, "%s/.cases-%06zu.part", t->folder, rep + 1);
}

int rr_trace_create(const rr_plan *plan, const char *folder, size_t reps,
                    rr_trace **out, char *err, size_t errlen)
{
    rr_trace *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t)
        goto nomem;
    t->cfg = plan->cfg[0];
    t->d0 = rr_date_days(t->cfg->start);
    t->reps = reps;
    t->folder = strdup(folder);
    t->rep = calloc(reps ? reps : 1, sizeof *t->rep);
    t->ctx = calloc(reps ? reps : 1, sizeof *t->ctx);
    if (!t->folder || !t->rep || !t->ctx ||
        rr_periods_make(t->cfg, &t->periods) != RR_OK)
        goto nomem;
    for (size_t i = 0; i < reps; i++) {
        t->rep[i].t = t;
        t->rep[i].rep = i;
        t->ctx[i] = &t->rep[i];
    }
    *out = t;
    return RR_OK;
nomem:
    rr_trace_destroy(t);
    nomem(err, errlen);
    return RR_ENOMEM;
}

void **rr_trace_contexts(rr_trace *t)
{
    return t->ctx;
}

void rr_trace_destroy(rr_trace *t)
{
    char path[PATH_MAX];
    if (!t)
        return;
    if (t->rep)
        for (size_t i = 0; i < t->reps; i++) {
            trace_rep *r = &t->rep[i];
            if (r->started) {
                part_path(t, i, path, sizeof path);
                remove(path);
            }
            free(r->buf);
            free(r->ttd);
            free(r->ttd_k);
        }
    rr_periods_fini(&t->periods);
    free(t->rep);
    free(t->ctx);
    free(t->folder);
    free(t);
}

/* trace_flush - append the buffer to the replication's part file. */
static void trace_flush(trace_rep *r)
{
    char path[PATH_MAX];
    FILE *f;
    if (r->len == 0 || r->err)
        return;
    part_path(r->t, r->rep, path, sizeof path);
    f = fopen(path, r->started ? "a" : "w");
    if (!f) {
        r->err = errno ? errno : EIO;
        return;
    }
    r->started = true;
    if (fwrite(r->buf, 1, r->len, f) != r->len) {
        r->err = errno ? errno : EIO;
        fclose(f);
        return;
    }
    if (fclose(f) != 0)
        r->err = errno ? errno : EIO;
    r->len = 0;
}

static size_t period_of(const rr_periods *p, double t)
{
    size_t lo = 0, hi = p->n; /* bounds[lo] <= t < bounds[hi] */
    if (t <= p->bounds[0])
        return 0;
    if (t >= p->bounds[p->n])
        return p->n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->bounds[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void ttd_push(trace_rep *r, size_t k, double days)
{
    if (r->n_ttd == r->cap_ttd) {
        size_t cap = r->cap_ttd ? 2 * r->cap_ttd : 1024;
        double *v = realloc(r->ttd, cap * sizeof *v);
        uint32_t *kk;
        if (!v) {
            r->err = ENOMEM;
            return;
        }
        r->ttd = v;
        kk = realloc(r->ttd_k, cap * sizeof *kk);
        if (!kk) {
            r->err = ENOMEM;
            return;
        }
        r->ttd_k = kk;
        r->cap_ttd = cap;
    }
    r->ttd_k[r->n_ttd] = (uint32_t)k;
    r->ttd[r->n_ttd++] = days;
}

static const char *origin_name(int o)
{
    switch (o) {
    case 0: return "arrival";
    case 1: return "caseload";
    case 2: return "remigration";
    default: return "NA";
    }
}

static bool verified(int departure)
{
    return departure == RR_DEP_VOLUNTARY_IOM ||
           departure == RR_DEP_VOLUNTARY_NGO ||
           departure == RR_DEP_VOLUNTARY_SELF || departure == RR_DEP_FORCED;
}

void rr_trace_case(void *ctx, const rr_case_record *c)
{
    trace_rep *r = ctx;
    const rr_trace *t = r->t;
    const rr_config *cfg = t->cfg;
    char entered[16], chan[16], dep[16], out[16];
    char line[1024];
    const char *provider = "NA", *outcome = "NA", *stage = "NA";
    int n;

    if (r->err)
        return;
    day_date(t->d0, c->t_entry, entered, sizeof entered);
    day_date(t->d0, c->t_channel, chan, sizeof chan);
    day_date(t->d0, c->departure >= 0 ? c->t_departure : NAN, dep,
             sizeof dep);
    day_date(t->d0, c->outcome >= 0 ? c->t_outcome : NAN, out, sizeof out);
    if (c->provider >= 0 && (size_t)c->provider < cfg->n_providers)
        provider = cfg->providers[c->provider].name;
    else if (verified(c->departure))
        provider = "none";
    if (c->outcome == 1)
        outcome = "sustainable";
    else if (c->outcome == 0)
        outcome = "not_sustainable";
    if (c->departure < 0 && c->last_stage < cfg->n_stages)
        stage = cfg->stages[c->last_stage].name;
    n = snprintf(line, sizeof line,
                 "%s,%zu,%lu,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s\n",
                 cfg->name, r->rep + 1, (unsigned long)c->id,
                 c->country < cfg->n_countries ? cfg->country[c->country]
                                               : "NA",
                 c->vulnerable ? 1 : 0, origin_name(c->origin), entered,
                 chan, rr_channel_name((rr_channel)c->channel),
                 c->departure >= 0
                     ? rr_departure_name((rr_departure)c->departure)
                     : "NA",
                 dep, provider, outcome, out, c->remigrates ? 1 : 0, stage);
    if (n < 0 || (size_t)n >= sizeof line) {
        r->err = EOVERFLOW;
        return;
    }
    if (r->len + (size_t)n > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : TRACE_FLUSH + sizeof line;
        char *b = realloc(r->buf, cap);
        if (!b) {
            r->err = ENOMEM;
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, line, (size_t)n);
    r->len += (size_t)n;
    if (r->len >= TRACE_FLUSH)
        trace_flush(r);
    if (verified(c->departure) && !isnan(c->t_departure))
        ttd_push(r, period_of(&t->periods, c->t_departure),
                 c->t_departure - c->t_entry);
}

/* copy_file - append the bytes of path to f. */
static int copy_into(FILE *f, const char *path, int *e)
{
    char buf[65536];
    size_t n;
    FILE *in = fopen(path, "r");
    if (!in) {
        *e = errno;
        return -1;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, f) != n) {
            *e = errno ? errno : EIO;
            fclose(in);
            return -2;
        }
    if (ferror(in)) {
        *e = errno ? errno : EIO;
        fclose(in);
        return -1;
    }
    fclose(in);
    return 0;
}

static int write_ttd(rr_trace *t, const char *path, char *err,
                     size_t errlen)
{
    size_t np = t->periods.n, total = 0;
    size_t *start = calloc(np + 1, sizeof *start);
    size_t *fill = calloc(np + 1, sizeof *fill);
    double *v = NULL;
    char d0[16], d1[16];
    FILE *f;
    int rc;

    for (size_t i = 0; i < t->reps; i++)
        total += t->rep[i].n_ttd;
    v = malloc((total ? total : 1) * sizeof *v);
    if (!start || !fill || !v) {
        free(start);
        free(fill);
        free(v);
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    /* counting sort by period, replications in order */
    for (size_t i = 0; i < t->reps; i++)
        for (size_t j = 0; j < t->rep[i].n_ttd; j++)
            start[t->rep[i].ttd_k[j] + 1]++;
    for (size_t k = 0; k < np; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < t->reps; i++)
        for (size_t j = 0; j < t->rep[i].n_ttd; j++) {
            size_t k = t->rep[i].ttd_k[j];
            v[start[k] + fill[k]++] = t->rep[i].ttd[j];
        }
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        free(start);
        free(fill);
        free(v);
        return RR_EIO;
    }
    fputs("scenario,period_start,period_end,replications,departures,"
          "mean_days,p10_days,p25_days,median_days,p75_days,p90_days\n",
          f);
    for (size_t k = 0; k < np; k++) {
        double *x = v + start[k];
        size_t n = start[k + 1] - start[k];
        static const double q[] = {0.10, 0.25, 0.50, 0.75, 0.90};
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += x[i];
        bounds_dates(t->d0, &t->periods, k, d0, d1, sizeof d0);
        rr_csv_field(f, t->cfg->name);
        fprintf(f, ",%s,%s,%zu,%zu,", d0, d1, t->reps, n);
        rr_csv_number(f, n ? sum / (double)n : NAN);
        for (size_t i = 0; i < RR_COUNTOF(q); i++) {
            fputc(',', f);
            rr_csv_number(f, n ? rr_quantile(x, n, q[i]) : NAN);
        }
        fputc('\n', f);
    }
    rc = rr_out_close(f, path, err, errlen);
    free(start);
    free(fill);
    free(v);
    return rc;
}

int rr_trace_finish(rr_trace *t, const char *cases_path,
                    const char *ttd_path, char *err, size_t errlen)
{
    char part[PATH_MAX];
    FILE *f;
    int rc;

    for (size_t i = 0; i < t->reps; i++) {
        trace_rep *r = &t->rep[i];
        if (r->err == ENOMEM) {
            nomem(err, errlen);
            return RR_ENOMEM;
        }
        if (r->err) {
            part_path(t, i, part, sizeof part);
            snprintf(err, errlen, "cannot write '%s': %s", part,
                     strerror(r->err));
            return RR_EIO;
        }
    }
    if (!(f = rr_out_open(cases_path, "w", err, errlen)))
        return RR_EIO;
    fputs("scenario,replication,case_id,country,vulnerable,origin,entered,"
          "channel_entered,channel,departure,departed,provider,outcome,"
          "outcome_date,remigrates,last_stage\n",
          f);
    for (size_t i = 0; i < t->reps; i++) {
        trace_rep *r = &t->rep[i];
        int e = 0;
        if (r->started) {
            part_path(t, i, part, sizeof part);
            int bad = copy_into(f, part, &e);
            if (bad) {
                snprintf(err, errlen, "cannot %s '%s': %s",
                         bad == -1 ? "read" : "write",
                         bad == -1 ? part : cases_path, strerror(e));
                fclose(f);
                return RR_EIO;
            }
            remove(part);
            r->started = false;
        }
        if (r->len && fwrite(r->buf, 1, r->len, f) != r->len)
            break; /* ferror reports it */
        r->len = 0;
    }
    if ((rc = rr_out_close(f, cases_path, err, errlen)) != RR_OK)
        return rc;
    return write_ttd(t, ttd_path, err, errlen);
}

/* }=================================================================== */

/* {===================================================================
 * scenario.resolved.ini and inputs/
 * ==================================================================== */

/* The scenario layer writes the resolved scenario and the text of each
 * table's copy (rr_scenario_write_resolved, rr_scenario_input_copy); the
 * results folder only says where the copies go and writes the files. */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void copies_fini(char **copy, size_t n)
{
    for (size_t i = 0; copy && i < n; i++)
        free(copy[i]);
    free(copy);
}

/* copy_names - "inputs/NAME" for every table the scenario read, made
 * unique with "-2", "-3", ...; NULL when out of memory. */
static char **copy_names(rr_scenario *sc)
{
    size_t n = rr_scenario_n_inputs(sc);
    char **copy = calloc(n + 1, sizeof *copy);
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *base = base_name(rr_scenario_input_path(sc, i));
        const char *dot = strrchr(base, '.');
        size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        char name[PATH_MAX];
        snprintf(name, sizeof name, "inputs/%s", base);
        for (int k = 2;; k++) {
            size_t j = 0;
            while (j < i && strcmp(copy[j], name) != 0)
                j++;
            if (j == i)
                break;
            snprintf(name, sizeof name, "inputs/%.*s-%d%s", (int)stem, base,
                     k, base + stem);
        }
        if (!(copy[i] = strdup(name))) {
            copies_fini(copy, n);
            return NULL;
        }
    }
    return copy;
}

/* copy_inputs - FOLDER/inputs/NAME for every table read; tables whose
 * cells name empirical tables get those paths pointed at the copies too. */
static int copy_inputs(const char *folder, rr_scenario *sc,
                       const char *const *copy, char *err, size_t errlen)
{
    size_t n = rr_scenario_n_inputs(sc);
    char path[PATH_MAX];
    int rc = RR_OK;
    if (n == 0)
        return RR_OK;
    snprintf(path, sizeof path, "%s/inputs", folder);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        snprintf(err, errlen, "cannot create folder '%s': %s", path,
                 strerror(e));
        return RR_EIO;
    }
    for (size_t i = 0; i < n && rc == RR_OK; i++) {
        char *text;
        size_t len;
        FILE *f;
        if ((rc = rr_scenario_input_copy(sc, i, copy, &text, &len, err,
                                         errlen)) != RR_OK)
            break;
        snprintf(path, sizeof path, "%s/%s", folder, copy[i]);
        if (!(f = rr_out_open(path, "wb", err, errlen))) {
            free(text);
            rc = RR_EIO;
            break;
        }
        fwrite(text, 1, len, f);
        free(text);
        rc = rr_out_close(f, path, err, errlen);
    }
    return rc;
}

void rr_manifest_now(rr_manifest *m, const char *command,
                     char created[RR_MANIFEST_TIME])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, RR_MANIFEST_TIME, "%Y-%m-%dT%H:%M:%SZ", &tm);
    m->version = RR_VERSION;
    m->command = command;
    m->created = created;
}

int rr_write_resolved(const char *folder, rr_scenario *sc,
                      const rr_manifest *m, char *err, size_t errlen)
{
    const rr_plan *plan;
    char path[PATH_MAX], **copy;
    size_t n = rr_scenario_n_inputs(sc);
    int rc;
    FILE *f;

    if ((rc = rr_scenario_plan(sc, &plan, err, errlen)) != RR_OK)
        return rc;
    if (!(copy = copy_names(sc))) {
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    rr_resolved_info info = {m ? m->version : NULL, m ? m->command : NULL,
                             m ? m->created : NULL,
                             (const char *const *)copy};
    rc = copy_inputs(folder, sc, info.input_copy, err, errlen);
    snprintf(path, sizeof path, "%s/scenario.resolved.ini", folder);
    if (rc == RR_OK && !(f = rr_out_open(path, "w", err, errlen)))
        rc = RR_EIO;
    else if (rc == RR_OK) {
        rc = rr_scenario_write_resolved(sc, f, &info, err, errlen);
        if (rc == RR_OK)
            rc = rr_out_close(f, path, err, errlen);
        else
            fclose(f);
    }
    copies_fini(copy, n);
    return rc;
}

/* }=================================================================== */

static void print_num(FILE *f, double x, bool share)
{
    if (isnan(x))
        fprintf(f, "%12s", "n/a");
    else if (share)
        fprintf(f, "%12.3f", x);
    else if (fabs(x) >= 100)
        fprintf(f, "%12.0f", x);
    else
        fprintf(f, "%12.1f", x);
}

void rr_print_kpis(FILE *f, const rr_run_result *r)
{
    const rr_config *c = r->plan->cfg[0];
    char s[16], e[16];
    rr_date_format(c->start, s, sizeof s);
    rr_date_format(c->end, e, sizeof e);
    fprintf(f, "%s: %s to %s, %zu replications", c->name, s, e, r->reps);
    if (c->warmup > 0)
        fprintf(f, ", first %g days discarded", c->warmup);
    fprintf(f, "\n\n%-34s %-8s %12s %12s %12s\n", "indicator", "unit",
            "mean", "95% CI low", "95% CI high");
    for (size_t k = 0; k < r->layout.n_kpis; k++) {
        rr_ci ci = rr_run_kpi_ci(r, k);
        const rr_indicator *ind =
            rr_indicator_find_in(r->layout.kpi[k], RR_IND_KPI, NULL);
        bool share = ind && ind->unit == RR_UNIT_SHARE;
        fprintf(f, "%-34s %-8s ", r->layout.kpi[k], r->layout.kpi_unit[k]);
        print_num(f, ci.mean, share);
        fputc(' ', f);
        print_num(f, ci.low, share);
        fputc(' ', f);
        print_num(f, ci.high, share);
        fputc('\n', f);
    }
}
