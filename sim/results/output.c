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
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
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
#include "rr_output.h"
#include "rr_stats.h"
#include "rr_table.h"

static void nomem(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
}

/* {===================================================================
 * CSV files of a run
 * ==================================================================== */

int rr_csv_field(FILE *f, const char *s)
{
    /* quote only what needs it, so plain names stay plain */
    if (s[strcspn(s, ",\"\r\n")] == '\0' && s[0] != ' ' &&
        (s[0] == '\0' || s[strlen(s) - 1] != ' '))
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
    fprintf(f, ",%zu", ci.n);
}

int rr_csv_number(FILE *f, double x)
{
    if (isnan(x))
        return fputs("NA", f) < 0 ? -1 : 0;
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

int rr_write_timeseries(const char *path, const rr_run_result *r, char *err,
                        size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const char *name = r->plan->cfg[0]->name;
    char d0[16], d1[16];
    if (!f)
        return RR_EIO;
    fputs("scenario,replication,period_start,period_end,metric,value\n", f);
    for (size_t rep = 0; rep < r->reps; rep++) {
        const rr_rep_result *x = &r->rep[rep];
        for (size_t k = 0; k < x->n_periods; k++) {
            rr_period_dates(r, k, d0, d1, sizeof d0);
            for (size_t m = 0; m < x->n_metrics; m++) {
                rr_csv_field(f, name);
                fprintf(f, ",%zu,%s,%s,", rep + 1, d0, d1);
                rr_csv_field(f, r->layout.metric[m]);
                fputc(',', f);
                rr_csv_number(f, x->values[k * x->n_metrics + m]);
                fputc('\n', f);
            }
        }
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_timeseries_summary(const char *path, const rr_run_result *r,
                                char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const char *name = r->plan->cfg[0]->name;
    char d0[16], d1[16];
    if (!f)
        return RR_EIO;
    fputs("scenario,period_start,period_end,metric,mean,ci95_low,ci95_high,"
          "replications\n",
          f);
    for (size_t k = 0; k < r->layout.periods.n; k++) {
        rr_period_dates(r, k, d0, d1, sizeof d0);
        for (size_t m = 0; m < r->layout.n_metrics; m++) {
            rr_ci ci = rr_run_metric_ci(r, k, m);
            rr_csv_field(f, name);
            fprintf(f, ",%s,%s,", d0, d1);
            rr_csv_field(f, r->layout.metric[m]);
            fputc(',', f);
            rr_csv_number(f, ci.mean);
            fputc(',', f);
            rr_csv_number(f, ci.low);
            fputc(',', f);
            rr_csv_number(f, ci.high);
            fprintf(f, ",%zu\n", ci.n);
        }
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
    fputs("scenario,kpi,unit,mean,sd,ci95_low,ci95_high,replications\n", f);
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
    fputs("scenario,name,label,from,until\n", f);
    for (size_t i = 0; i < plan->n_events; i++) {
        const rr_event_info *ev = &plan->events[i];
        day_date(d0, ev->from, from, sizeof from);
        day_date(d0, ev->until, until, sizeof until);
        rr_csv_field(f, c->name);
        fputc(',', f);
        rr_csv_field(f, ev->name);
        fputc(',', f);
        rr_csv_field(f, ev->label);
        fprintf(f, ",%s,%s\n", from, until);
    }
    return rr_out_close(f, path, err, errlen);
}

static const char *report_name(rr_report_period p)
{
    static const char *const names[] = {"day", "week", "month", "quarter",
                                        "year"};
    return (unsigned)p < RR_COUNTOF(names) ? names[p] : "?";
}

int rr_write_run_info(const char *path, const rr_run_result *r,
                      const char *version, uint64_t seed, char *err,
                      size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_config *c = r->plan->cfg[0];
    char s[16], e[16];
    if (!f)
        return RR_EIO;
    rr_date_format(c->start, s, sizeof s);
    rr_date_format(c->end, e, sizeof e);
    fputs("scenario,title,source,start,end,report,warmup_days,replications,"
          "seed,version\n",
          f);
    rr_csv_field(f, c->name);
    fputc(',', f);
    rr_csv_field(f, c->title);
    fputc(',', f);
    rr_csv_field(f, c->source);
    fprintf(f, ",%s,%s,%s,", s, e, report_name(c->report));
    rr_csv_number(f, c->warmup);
    fprintf(f, ",%zu,%llu,", r->reps, (unsigned long long)seed);
    rr_csv_field(f, version);
    fputc('\n', f);
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

/* The scenario reader takes lines of at most RR_LINE_MAX (197)
 * characters; keep a margin where there is a choice. */
#define INI_LINE 190

typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool oom;
} sbuf;

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;
        while (b->n + n + 1 > cap)
            cap *= 2;
        if (!(p = realloc(b->p, cap))) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_add(sbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

/* sb_take - the text (an empty string when nothing was added); NULL when
 * out of memory.  The caller frees it. */
static char *sb_take(sbuf *b)
{
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    if (!b->p)
        return strdup("");
    return b->p;
}

/* dir_of - "FOLDER/" of a path, "" when it has none; caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? strndup(path, (size_t)(slash - path + 1)) : strdup("");
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The tables a scenario read, with where their copies go. */
typedef struct input_map {
    size_t n;
    const char **written; /* as written in the scenario */
    char **real;          /* canonical path of the file read, or NULL */
    char **copy;          /* "inputs/NAME" */
} input_map;

static void input_map_fini(input_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        if (m->real)
            free(m->real[i]);
        if (m->copy)
            free(m->copy[i]);
    }
    free(m->written);
    free(m->real);
    free(m->copy);
    memset(m, 0, sizeof *m);
}

/* find_input - the table a path written in a file of folder `dir` names,
 * or -1: by the text as written, else by the file it resolves to. */
static long find_input(const input_map *m, const char *dir, const char *s,
                       size_t n)
{
    char *tok, *joined, *real;
    long found = -1;
    size_t len;
    if (!n)
        return -1;
    if (!(tok = strndup(s, n)))
        return -2;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->written[i], tok) == 0) {
            free(tok);
            return (long)i;
        }
    len = strlen(dir) + n + 1;
    if ((joined = malloc(len)) != NULL) {
        snprintf(joined, len, "%s%s", tok[0] == '/' ? "" : dir, tok);
        errno = 0;
        if ((real = realpath(joined, NULL)) != NULL) {
            for (size_t i = 0; i < m->n && found < 0; i++)
                if (m->real[i] && strcmp(m->real[i], real) == 0)
                    found = (long)i;
            free(real);
        } else if (errno == ENOMEM) {
            found = -2;
        }
        free(joined);
    } else {
        found = -2;
    }
    free(tok);
    return found;
}

/* match_word - s starts with word w (case-insensitive) at a word start. */
static bool match_word(const char *text, const char *s, const char *w)
{
    size_t n = strlen(w);
    if (s > text && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return false;
    return true;
}

/*
 * rewrite_paths - text with the file argument of every empirical(...) (the
 * named `file=` one, or the first positional one) pointed at the copy of
 * the table it names; a whole value that names a table becomes its copy.
 * Paths that name no table read are left alone.  Caller frees; NULL when
 * out of memory (find_input's -2).
 */
static char *rewrite_paths(const char *text, const input_map *m,
                           const char *dir)
{
    sbuf b = {0};
    const char *p = text, *done = text;
    size_t len = strlen(text);
    long whole;

    if (len && strcspn(text, " \t(,") == len &&
        (whole = find_input(m, dir, text, len)) != -1)
        return whole >= 0 ? strdup(m->copy[whole]) : NULL;
    while (*p) {
        const char *q;
        int ai = 0;
        bool quoted = false;
        if (!match_word(text, p, "empirical")) {
            p++;
            continue;
        }
        q = p + 9;
        while (is_space(*q))
            q++;
        if (*q != '(') {
            p++;
            continue;
        }
        q++;
        /* the arguments, split at commas outside quotes */
        for (;;) {
            const char *a = q, *e, *eq = NULL, *v, *ve;
            while (*q && (quoted || (*q != ',' && *q != ')'))) {
                if (*q == '"')
                    quoted = !quoted;
                else if (*q == '=' && !quoted && !eq)
                    eq = q;
                q++;
            }
            e = q;
            v = eq ? eq + 1 : a;
            ve = e;
            while (v < ve && is_space(*v))
                v++;
            while (ve > v && is_space(ve[-1]))
                ve--;
            if (eq) {
                const char *k = a, *ke = eq;
                while (k < ke && is_space(*k))
                    k++;
                while (ke > k && is_space(ke[-1]))
                    ke--;
                if (!(ke - k == 4 && match_word(k, k, "file")))
                    v = ve; /* another argument */
            } else if (ai != 0) {
                v = ve;
            }
            if (v < ve) {
                /* quotes around it: "x", or ""x"" inside a CSV cell */
                const char *pv = v, *pe = ve;
                while (pe - pv >= 2 && *pv == '"' && pe[-1] == '"')
                    pv++, pe--;
                long i = find_input(m, dir, pv, (size_t)(pe - pv));
                if (i == -2)
                    b.oom = true;
                if (i >= 0) {
                    sb_addn(&b, done, (size_t)(pv - done));
                    sb_add(&b, m->copy[i]);
                    done = pe;
                }
            }
            ai++;
            if (*q != ',')
                break;
            q++;
        }
        p = *q ? q + 1 : q;
    }
    sb_add(&b, done);
    return sb_take(&b);
}

static bool contains_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == w[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

/* copy_inputs - FOLDER/inputs/NAME for every table read (names made unique
 * with "-2", "-3", ...); tables whose cells name empirical tables get those
 * paths pointed at the copies too. */
static int copy_inputs(const char *folder, rr_scenario *sc, input_map *m,
                       char *err, size_t errlen)
{
    size_t n = rr_scenario_n_inputs(sc);
    char path[PATH_MAX];
    char *sdir;
    int rc = RR_OK;

    memset(m, 0, sizeof *m);
    if (n == 0)
        return RR_OK;
    m->written = calloc(n, sizeof *m->written);
    m->real = calloc(n, sizeof *m->real);
    m->copy = calloc(n, sizeof *m->copy);
    if (!m->written || !m->real || !m->copy) {
        input_map_fini(m);
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    m->n = n;
    for (size_t i = 0; i < n; i++) {
        const char *base = base_name(rr_scenario_input_path(sc, i));
        const char *dot = strrchr(base, '.');
        size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        char name[PATH_MAX];
        m->written[i] = rr_scenario_input_written(sc, i);
        m->real[i] = realpath(rr_scenario_input_path(sc, i), NULL);
        snprintf(name, sizeof name, "inputs/%s", base);
        for (int k = 2;; k++) {
            size_t j = 0;
            while (j < i && strcmp(m->copy[j], name) != 0)
                j++;
            if (j == i)
                break;
            snprintf(name, sizeof name, "inputs/%.*s-%d%s", (int)stem, base,
                     k, base + stem);
        }
        if (!(m->copy[i] = strdup(name))) {
            input_map_fini(m);
            nomem(err, errlen);
            return RR_ENOMEM;
        }
    }
    snprintf(path, sizeof path, "%s/inputs", folder);
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        snprintf(err, errlen, "cannot create folder '%s': %s", path,
                 strerror(e));
        input_map_fini(m);
        return RR_EIO;
    }
    if (!(sdir = dir_of(rr_scenario_path(sc)))) {
        input_map_fini(m);
        nomem(err, errlen);
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < n && rc == RR_OK; i++) {
        const char *src = rr_scenario_input_path(sc, i);
        size_t len = 0;
        char *bytes, *text = NULL, why[256];
        const char *verb;
        FILE *f;
        /* read again as when the scenario was loaded: a regular file only
         * (it may have been swapped for a FIFO since) */
        rc = rr_input_read(src, &bytes, &len, NULL, &verb, why, sizeof why);
        if (rc != RR_OK) {
            if (rc == RR_ENOMEM) {
                nomem(err, errlen);
            } else {
                snprintf(err, errlen, "cannot %s '%s': %s", verb, src, why);
                rc = RR_EIO;
            }
            break;
        }
        if (contains_ci(bytes, len, "empirical") && !memchr(bytes, 0, len)) {
            if (!(text = rewrite_paths(bytes, m, sdir))) {
                free(bytes);
                nomem(err, errlen);
                rc = RR_ENOMEM;
                break;
            }
            free(bytes);
            bytes = text;
            len = strlen(text);
        }
        snprintf(path, sizeof path, "%s/%s", folder, m->copy[i]);
        if (!(f = rr_out_open(path, "wb", err, errlen))) {
            free(bytes);
            rc = RR_EIO;
            break;
        }
        fwrite(bytes, 1, len, f);
        free(bytes);
        rc = rr_out_close(f, path, err, errlen);
    }
    free(sdir);
    if (rc != RR_OK)
        input_map_fini(m);
    return rc;
}

/* ---- sorted names: lookups in n log n --------------------------------------- */

/* The writer looks names up (parameters, sections, written keys) once per
 * setting; sorted arrays and binary search keep `run` on a scenario of
 * 20,000 parameters or 10,000 stages at n log n instead of n^2. */
typedef struct name_ix {
    const char *name;
    size_t i;
} name_ix;

static int cmp_name_ix(const void *a, const void *b)
{
    const name_ix *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* find_name - the index stored with the n bytes at s in the sorted v (the
 * first of equal names), or -1. */
static long find_name(const name_ix *v, size_t nv, const char *s, size_t n)
{
    size_t lo = 0, hi = nv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(v[mid].name, s, n);
        if (c == 0 && v[mid].name[n] != '\0')
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < nv && strncmp(v[lo].name, s, n) == 0 && v[lo].name[n] == '\0')
        return (long)v[lo].i;
    return -1;
}

/* ---- which values keep their ${...} -------------------------------------- */

/* An event may set or scale a parameter; a value that uses such a
 * parameter, directly or through others, must keep its ${...} so that it
 * still follows the event.  Every other value is written substituted. */
typedef struct params {
    size_t n;
    const char **name;
    const char **raw;
    bool *dynamic;
    name_ix *sorted;
} params;

static long param_index(const params *p, const char *s, size_t n)
{
    return find_name(p->sorted, p->n, s, n);
}

/* uses_dynamic - text refers to a parameter an event changes. */
static bool uses_dynamic(const params *p, const char *text)
{
    const char *s = text;
    while ((s = strstr(s, "${")) != NULL) {
        const char *e = strchr(s + 2, '}');
        long i;
        if (!e)
            break;
        i = param_index(p, s + 2, (size_t)(e - s - 2));
        if (i >= 0 && p->dynamic[i])
            return true;
        s = e + 1;
    }
    return false;
}

/* params_make - the parameters, those events change, and those that use
 * them: a walk over the "is used by" links from the changed ones, each
 * link once (linear in the ${...} written). */
static int params_make(rr_scenario *sc, params *p)
{
    size_t n = rr_scenario_n_settings(sc), nref = 0;
    size_t *start = NULL, *user = NULL, *fill = NULL, *queue = NULL;
    int rc = RR_ENOMEM;
    memset(p, 0, sizeof *p);
    p->name = calloc(n + 1, sizeof *p->name);
    p->raw = calloc(n + 1, sizeof *p->raw);
    p->dynamic = calloc(n + 1, sizeof *p->dynamic);
    p->sorted = calloc(n + 1, sizeof *p->sorted);
    if (!p->name || !p->raw || !p->dynamic || !p->sorted)
        return RR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const rr_setting *s = rr_scenario_setting(sc, i);
        if (!strchr(s->key, '.')) {
            p->sorted[p->n] = (name_ix){s->key, p->n};
            p->name[p->n] = s->key;
            p->raw[p->n++] = s->value;
        }
    }
    qsort(p->sorted, p->n, sizeof *p->sorted, cmp_name_ix);
    /* targets of events: event.NAME.set.PARAM / event.NAME.scale.PARAM */
    for (size_t i = 0; i < n; i++) {
        const char *k = rr_scenario_setting(sc, i)->key, *t;
        long j;
        if (strncmp(k, "event.", 6) != 0 || !(t = strchr(k + 6, '.')))
            continue;
        t++;
        if (strncmp(t, "set.", 4) == 0)
            t += 4;
        else if (strncmp(t, "scale.", 6) == 0)
            t += 6;
        else
            continue;
        if (!strchr(t, '.') && (j = param_index(p, t, strlen(t))) >= 0)
            p->dynamic[j] = true;
    }
    /* links j -> i for every ${j} in parameter i, grouped by j */
    start = calloc(p->n + 2, sizeof *start);
    fill = calloc(p->n + 1, sizeof *fill);
    queue = calloc(p->n + 1, sizeof *queue);
    if (!start || !fill || !queue)
        goto out;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < p->n; i++)
            for (const char *s = p->raw[i]; (s = strstr(s, "${")) != NULL;) {
                const char *e = strchr(s + 2, '}');
                long j;
                if (!e)
                    break;
                j = param_index(p, s + 2, (size_t)(e - s - 2));
                if (j >= 0 && pass == 0)
                    start[j + 1]++;
                else if (j >= 0)
                    user[fill[j]++] = i;
                s = e + 1;
            }
        if (pass == 0) {
            for (size_t j = 0; j < p->n; j++)
                start[j + 1] += start[j];
            nref = start[p->n];
            if (!(user = calloc(nref + 1, sizeof *user)))
                goto out;
            for (size_t j = 0; j < p->n; j++)
                fill[j] = start[j];
        }
    }
    {
        size_t head = 0, tail = 0;
        for (size_t j = 0; j < p->n; j++)
            if (p->dynamic[j])
                queue[tail++] = j;
        while (head < tail) {
            size_t j = queue[head++];
            for (size_t k = start[j]; k < start[j + 1]; k++)
                if (!p->dynamic[user[k]]) {
                    p->dynamic[user[k]] = true;
                    queue[tail++] = user[k];
                }
        }
    }
    rc = RR_OK;
out:
    free(start);
    free(user);
    free(fill);
    free(queue);
    return rc;
}

static void params_fini(params *p)
{
    free(p->name);
    free(p->raw);
    free(p->dynamic);
    free(p->sorted);
}

/* ---- the listing: section order and defaults ------------------------------ */

typedef struct listing {
    char *text;           /* rr_scenario_print output, cut into lines */
    size_t n_sec;
    const char **sec;     /* section names in listing order */
    name_ix *sec_sorted;  /* the same, sorted */
    size_t n_def;
    size_t *def_sec;      /* defaults: section index, key, value */
    const char **def_key;
    const char **def_value;
} listing;

static void listing_fini(listing *l)
{
    free(l->text);
    free(l->sec);
    free(l->sec_sorted);
    free(l->def_sec);
    free(l->def_key);
    free(l->def_value);
    memset(l, 0, sizeof *l);
}

/* written_keys - the dotted keys of the settings, sorted, to tell a
 * default in the listing from a written setting whose value or note
 * happens to end in "# default". */
static name_ix *written_keys(rr_scenario *sc, size_t *n)
{
    *n = rr_scenario_n_settings(sc);
    name_ix *v = calloc(*n + 1, sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < *n; i++)
        v[i] = (name_ix){rr_scenario_setting(sc, i)->key, i};
    qsort(v, *n, sizeof *v, cmp_name_ix);
    return v;
}

/* is_written - key (in section sec of the listing) is a written setting. */
static bool is_written(const name_ix *w, size_t nw, const char *sec,
                       const char *key, sbuf *tmp)
{
    if (strcmp(sec, "parameters") == 0)
        return find_name(w, nw, key, strlen(key)) >= 0;
    tmp->n = 0;
    sb_add(tmp, sec);
    sb_add(tmp, ".");
    sb_add(tmp, key);
    return !tmp->oom && find_name(w, nw, tmp->p, tmp->n) >= 0;
}

/* listing_make - read the sections in order and the defaults of keys not
 * written ("key = value   # default") from the `rrsim check` listing. */
static int listing_make(rr_scenario *sc, listing *l)
{
    size_t len = 0, lines = 1, nw;
    FILE *f;
    char *p;
    sbuf tmp = {0};
    name_ix *w;
    memset(l, 0, sizeof *l);
    if (!(f = open_memstream(&l->text, &len)))
        return RR_ENOMEM;
    rr_scenario_print(sc, f);
    if (fclose(f) != 0 || !l->text)
        return RR_ENOMEM;
    for (p = l->text; *p; p++)
        lines += *p == '\n';
    l->sec = calloc(lines, sizeof *l->sec);
    l->sec_sorted = calloc(lines, sizeof *l->sec_sorted);
    l->def_sec = calloc(lines, sizeof *l->def_sec);
    l->def_key = calloc(lines, sizeof *l->def_key);
    l->def_value = calloc(lines, sizeof *l->def_value);
    w = written_keys(sc, &nw);
    if (!l->sec || !l->sec_sorted || !l->def_sec || !l->def_key ||
        !l->def_value || !w) {
        free(w);
        return RR_ENOMEM;
    }
    for (p = l->text; *p;) {
        char *line = p, *nl = strchr(p, '\n'), *eq, *mark, *e;
        size_t n;
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        } else {
            p += strlen(p);
        }
        n = strlen(line);
        if (line[0] == '[' && n > 2 && line[n - 1] == ']') {
            line[n - 1] = '\0';
            l->sec_sorted[l->n_sec] = (name_ix){line + 1, l->n_sec};
            l->sec[l->n_sec++] = line + 1;
            continue;
        }
        if (l->n_sec == 0 || !(eq = strstr(line, " = ")) ||
            n < 9 || strcmp(line + n - 9, "# default") != 0)
            continue;
        mark = line + n - 9;
        e = mark;
        while (e > eq + 3 && is_space(e[-1]))
            e--;
        if (e == mark) /* no space before the mark: not a listing note */
            continue;
        *e = '\0';
        *eq = '\0';
        if (eq[3] == '(' || strchr(line, ' ')) /* "(keep)", "(the name)" */
            continue;
        if (is_written(w, nw, l->sec[l->n_sec - 1], line, &tmp))
            continue; /* a value or a note that ends in "# default" */
        l->def_sec[l->n_def] = l->n_sec - 1;
        l->def_key[l->n_def] = line;
        l->def_value[l->n_def++] = eq + 3;
    }
    free(w);
    free(tmp.p);
    if (tmp.oom)
        return RR_ENOMEM;
    qsort(l->sec_sorted, l->n_sec, sizeof *l->sec_sorted, cmp_name_ix);
    return RR_OK;
}

/* section_of - the listing section a dotted key belongs to, or -1: the
 * longest section name that is the key up to one of its dots. */
static long section_of(const listing *l, const char *key)
{
    if (!strchr(key, '.'))
        return find_name(l->sec_sorted, l->n_sec, "parameters", 10);
    for (size_t n = strlen(key); n-- > 0;) {
        long i;
        if (key[n] == '.' &&
            (i = find_name(l->sec_sorted, l->n_sec, key, n)) >= 0)
            return i;
    }
    return -1;
}

/* fallback_section - "stage.X" for stage/provider/event keys, else the
 * first word ("parameters" for a bare name), into buf. */
static void fallback_section(const char *key, char *buf, size_t n)
{
    const char *d1 = strchr(key, '.'), *d2;
    if (!d1) {
        snprintf(buf, n, "parameters");
        return;
    }
    if ((strncmp(key, "stage.", 6) == 0 || strncmp(key, "provider.", 9) == 0 ||
         strncmp(key, "event.", 6) == 0) &&
        (d2 = strchr(d1 + 1, '.')) != NULL)
        snprintf(buf, n, "%.*s", (int)(d2 - key), key);
    else
        snprintf(buf, n, "%.*s", (int)(d1 - key), key);
}

/* ---- writing lines ------------------------------------------------------- */

/* lead_ok - a value may start a continuation line with v: the reader would
 * not take it for a comment, a section or a new setting. */
static bool lead_ok(const char *v)
{
    size_t i = 0;
    if (!*v || strchr(" \t;#[", *v))
        return false;
    /* "name =" (rr_scenario_break_ok's test, for the value's start) */
    while (isalnum((unsigned char)v[i]) || strchr("_.-${}", v[i]))
        i++;
    if (i == 0)
        return true;
    while (v[i] == ' ' || v[i] == '\t')
        i++;
    return v[i] != '=';
}

/* plain - v reads back as itself after "key = ": no control character (a
 * tab aside), no ';' at its start or after a blank (a comment). */
static bool plain(const char *v)
{
    if (v[0] == ';')
        return false;
    for (size_t i = 0; v[i]; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return false;
        if (c == ';' && (v[i - 1] == ' ' || v[i - 1] == '\t'))
            return false;
    }
    return true;
}

/* put_setting - "key = value", continued on indented lines when longer
 * than INI_LINE, breaking only where rr_scenario_break_ok() allows (the
 * reader joins the lines with one space, so the value reads back the same);
 * a piece that does not fit a line of INI_LINE gets one of its own, up to
 * RR_LINE_MAX.  The comment goes after " ; " when all fits on one line.
 * False, with nothing written, when the value cannot be written so (a
 * control character, a comment mark, a piece too long for any line). */
static bool put_setting(sbuf *out, const char *key, const char *v,
                        const char *comment)
{
    size_t n = strlen(v), klen = strlen(key), pos = 0;
    sbuf b = {0};
    bool ok = true, first = true;
    if (!plain(v))
        return false;
    if (n == 0 || klen + 3 + n <= INI_LINE) {
        sb_add(&b, key);
        sb_add(&b, n ? " = " : " =");
        sb_add(&b, v);
        if (comment && klen + 3 + n + 3 + strlen(comment) <= INI_LINE) {
            sb_add(&b, " ; ");
            sb_add(&b, comment);
        }
        sb_add(&b, "\n");
        goto done;
    }
    sb_add(&b, key);
    while (pos < n && ok) {
        /* the pieces that fit on this line, at least one */
        size_t end = pos, i;
        size_t room = !first               ? INI_LINE - 4
                      : klen + 3 < INI_LINE ? INI_LINE - (klen + 3)
                                            : 0;
        for (i = pos + 1; i <= n; i++)
            if (i == n || rr_scenario_break_ok(v, i)) {
                if (end == pos || i - pos <= room)
                    end = i;
                if (i - pos > room)
                    break;
            }
        size_t len = end - pos;
        if (first) {
            if (klen + 3 + len <= RR_LINE_MAX) {
                sb_add(&b, " = ");
            } else if (lead_ok(v)) {
                /* the key alone, the value from the next line */
                sb_add(&b, " =\n");
                first = false;
                continue;
            } else if (klen + 1 + len <= RR_LINE_MAX) {
                sb_add(&b, "=");
            } else {
                ok = false;
                break;
            }
        } else if (4 + len <= RR_LINE_MAX) {
            sb_add(&b, "    ");
        } else if (1 + len <= RR_LINE_MAX) {
            sb_add(&b, " ");
        } else {
            ok = false;
            break;
        }
        sb_addn(&b, v + pos, len);
        sb_add(&b, "\n");
        first = false;
        pos = end < n ? end + 1 : n;
    }
done:
    if (ok && !b.oom)
        sb_addn(out, b.p, b.n);
    else if (b.oom)
        out->oom = true;
    free(b.p);
    return ok || b.oom;
}

/* utf8_seq - length of the valid UTF-8 sequence at s, 0 if none. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t k = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                             : s[0] >= 0xE0 && s[0] <= 0xEF   ? 3
                             : s[0] >= 0xF0 && s[0] <= 0xF4   ? 4
                                                              : 0;
    for (size_t i = 1; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return k;
}

/* put_comment - a manifest line; text from the command line or the file
 * system (a path, the command) may hold line breaks, control characters
 * or bytes that are not UTF-8, which the reader would refuse: they become
 * '?'. */
static void put_comment(sbuf *b, const char *key, const char *value)
{
    sb_add(b, "; manifest: ");
    sb_add(b, key);
    sb_add(b, " = ");
    for (const unsigned char *s = (const unsigned char *)value; *s;) {
        size_t k = utf8_seq(s);
        if (k == 0 || (k == 1 && ((*s < 0x20 && *s != '\t') || *s == 0x7F))) {
            sb_add(b, *s == '\n' || *s == '\r' ? " " : "?");
            s++;
        } else {
            sb_addn(b, (const char *)s, k);
            s += k;
        }
    }
    sb_add(b, "\n");
}

typedef struct resolved_ctx {
    rr_scenario *sc;
    const input_map *in;
    const params *pa;
    char *sdir;        /* the scenario file's folder */
    char *vbuf;        /* resolved values */
    size_t vlen;
} resolved_ctx;

/* put_one - setting i as used, and its source note.  The value is written
 * substituted, unless it uses a parameter an event changes, or its
 * substituted text could not be read back the same (it holds "${" from a
 * parameter's text, or a parameter put " ;" or a piece too long for a line
 * into it): then as written, ${...} and all, which reads back the same
 * since the parameters are written too. */
static void put_one(sbuf *b, resolved_ctx *x, size_t i, const char *name)
{
    const rr_setting *s = rr_scenario_setting(x->sc, i);
    bool keep = uses_dynamic(x->pa, s->value);
    const char *v = keep ? s->value
                         : rr_scenario_resolved_value(x->sc, i, x->vbuf,
                                                      x->vlen);
    char *dir = s->line > 0 ? dir_of(s->file) : NULL;
    char *out, *note = NULL;
    if (!keep && strstr(v, "${"))
        v = s->value;
    if ((s->line > 0 && !dir) ||
        !(out = rewrite_paths(v, x->in, dir ? dir : x->sdir))) {
        b->oom = true;
        free(dir);
        return;
    }
    if (strcmp(out, s->value) != 0 && strlen(s->value) < 120) {
        size_t n = strlen(s->value) + 16;
        if ((note = malloc(n)) != NULL)
            snprintf(note, n, "written %s", s->value);
        else
            b->oom = true;
    }
    if (!put_setting(b, name, out, note) &&
        !put_setting(b, name, s->value, NULL))
        put_setting(b, name, "", "value not writable"); /* cannot happen */
    if (s->note && *s->note) {
        size_t n = strlen(name) + 8;
        char *k = malloc(n);
        if (!k) {
            b->oom = true;
        } else {
            snprintf(k, n, "%s.source", name);
            put_setting(b, k, s->note, NULL);
            free(k);
        }
    }
    free(note);
    free(out);
    free(dir);
}

static void put_section(sbuf *b, const char *name)
{
    sb_add(b, "\n[");
    sb_add(b, name);
    sb_add(b, "]\n");
}

/* key_in - the name of a dotted key inside its section. */
static const char *key_in(const char *key, const char *section)
{
    size_t n = strlen(section);
    if (!strchr(key, '.'))
        return key;
    return strncmp(key, section, n) == 0 && key[n] == '.' ? key + n + 1
                                                          : key;
}

static bool skipped(const char *key)
{
    /* flattened: what a base file said is in the settings already */
    return strcmp(key, "scenario.base") == 0;
}

int rr_write_resolved(const char *folder, rr_scenario *sc,
                      const rr_manifest *m, char *err, size_t errlen)
{
    const rr_plan *plan;
    const rr_config *c;
    input_map in;
    params pa;
    listing li;
    resolved_ctx x;
    sbuf b = {0};
    size_t ns = rr_scenario_n_settings(sc);
    bool *done = NULL;
    long *sidx = NULL;
    size_t *order = NULL, *first = NULL;
    char path[PATH_MAX], num[64];
    int rc;
    FILE *f;

    if ((rc = rr_scenario_plan(sc, &plan, err, errlen)) != RR_OK)
        return rc;
    if ((rc = copy_inputs(folder, sc, &in, err, errlen)) != RR_OK)
        return rc;
    memset(&x, 0, sizeof x);
    x.vlen = RR_VALUE_MAX + 1;
    x.vbuf = malloc(x.vlen);
    x.sc = sc;
    x.in = &in;
    x.pa = &pa;
    x.sdir = dir_of(rr_scenario_path(sc));
    done = calloc(ns + 1, sizeof *done);
    sidx = calloc(ns + 1, sizeof *sidx);
    order = calloc(ns + 1, sizeof *order);
    rc = params_make(sc, &pa);
    if (rc == RR_OK)
        rc = listing_make(sc, &li);
    else
        memset(&li, 0, sizeof li);
    first = calloc(li.n_sec + 2, sizeof *first);
    if (rc != RR_OK || !x.vbuf || !x.sdir || !done || !sidx || !order ||
        !first) {
        rc = RR_ENOMEM;
        goto out;
    }

    /* manifest */
    c = plan->cfg[0];
    put_comment(&b, "version", m && m->version ? m->version : "?");
    put_comment(&b, "scenario", rr_scenario_path(sc));
    for (size_t i = 1; i < rr_scenario_n_files(sc); i++)
        put_comment(&b, "base", rr_scenario_file(sc, i));
    snprintf(num, sizeof num, "%016llx",
             (unsigned long long)rr_scenario_hash(sc));
    put_comment(&b, "scenario_hash", num);
    if (m && m->command)
        put_comment(&b, "command", m->command);
    snprintf(num, sizeof num, "%llu", (unsigned long long)c->seed);
    put_comment(&b, "seed", num);
    snprintf(num, sizeof num, "%d", c->replications);
    put_comment(&b, "replications", num);
    if (m && m->created)
        put_comment(&b, "created", m->created);
    for (size_t i = 0; i < in.n; i++) {
        char line[PATH_MAX * 2];
        snprintf(line, sizeof line, "%s -> %s",
                 rr_scenario_input_path(sc, i), in.copy[i]);
        put_comment(&b, "input", line);
    }
    sb_add(&b,
           ";\n"
           "; Every setting of this run as it was used: ${...} substituted\n"
           "; (except where an event changes the parameter), defaults\n"
           "; written out, tables read from the copies in inputs/.  Running\n"
           "; this file reproduces the run's CSV files.  [parameters] keep\n"
           "; their values and source notes as the assumption register; the\n"
           "; settings that used them hold the values already, so --set the\n"
           "; settings themselves, or use the original scenario.\n");

    /* each setting's listing section, then the settings grouped by it in
     * file order (a counting sort: linear) */
    for (size_t i = 0; i < ns; i++) {
        const char *key = rr_scenario_setting(sc, i)->key;
        sidx[i] = skipped(key) ? -1 : section_of(&li, key);
        if (sidx[i] >= 0)
            first[sidx[i] + 1]++;
    }
    for (size_t si = 0; si < li.n_sec; si++)
        first[si + 1] += first[si];
    for (size_t i = 0; i < ns; i++)
        if (sidx[i] >= 0)
            order[first[sidx[i]]++] = i;
    for (size_t si = li.n_sec; si-- > 0;)
        first[si + 1] = first[si];
    first[0] = 0;

    /* sections in listing order, with their settings and defaults (which
     * the listing gives in section order) */
    for (size_t si = 0, d = 0; si < li.n_sec; si++) {
        bool header = false;
        for (size_t k = first[si]; k < first[si + 1]; k++) {
            size_t i = order[k];
            const char *key = rr_scenario_setting(sc, i)->key;
            if (!header)
                put_section(&b, li.sec[si]);
            header = true;
            put_one(&b, &x, i, key_in(key, li.sec[si]));
            done[i] = true;
        }
        for (; d < li.n_def && li.def_sec[d] <= si; d++) {
            if (li.def_sec[d] != si)
                continue;
            if (!header)
                put_section(&b, li.sec[si]);
            header = true;
            put_setting(&b, li.def_key[d], li.def_value[d], "default");
        }
    }
    /* settings of sections the listing did not show, if any */
    for (size_t first_i = 0; first_i < ns; first_i++) {
        char sec[256], fs[256];
        if (done[first_i] || skipped(rr_scenario_setting(sc, first_i)->key))
            continue;
        fallback_section(rr_scenario_setting(sc, first_i)->key, sec,
                         sizeof sec);
        put_section(&b, sec);
        for (size_t i = first_i; i < ns; i++) {
            const char *key = rr_scenario_setting(sc, i)->key;
            if (done[i] || skipped(key))
                continue;
            fallback_section(key, fs, sizeof fs);
            if (strcmp(fs, sec) != 0)
                continue;
            put_one(&b, &x, i, key_in(key, sec));
            done[i] = true;
        }
    }
    if (b.oom) {
        rc = RR_ENOMEM;
        goto out;
    }
    snprintf(path, sizeof path, "%s/scenario.resolved.ini", folder);
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        rc = RR_EIO;
        goto out;
    }
    fwrite(b.p, 1, b.n, f);
    rc = rr_out_close(f, path, err, errlen);
out:
    if (rc == RR_ENOMEM)
        nomem(err, errlen);
    free(b.p);
    free(done);
    free(sidx);
    free(order);
    free(first);
    free(x.vbuf);
    free(x.sdir);
    listing_fini(&li);
    params_fini(&pa);
    input_map_fini(&in);
    return rc;
}

/* }=================================================================== */

static void print_num(FILE *f, double x, const char *unit)
{
    if (isnan(x))
        fprintf(f, "%12s", "n/a");
    else if (strcmp(unit, "share") == 0)
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
        const char *u = r->layout.kpi_unit[k];
        fprintf(f, "%-34s %-8s ", r->layout.kpi[k], u);
        print_num(f, ci.mean, u);
        fputc(' ', f);
        print_num(f, ci.low, u);
        fputc(' ', f);
        print_num(f, ci.high, u);
        fputc('\n', f);
    }
}
