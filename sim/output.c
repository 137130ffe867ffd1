/*
 * output.c - the results folder and its CSV files.
 *
 * Uses only the public headers.  Every file is opened, written and closed
 * with its errors checked (ferror and fclose), so a full disk fails the run
 * instead of leaving a short file behind.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>

#include "rr_common.h"
#include "rr_output.h"

/* ---- the folder ---------------------------------------------------------- */

void rr_outdir_default(const char *name, char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    struct stat sb;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(buf, n, "output/%s/%s", name, stamp);
    /* two runs in the same second: number the later ones */
    for (int i = 2; stat(buf, &sb) == 0 && i < 1000; i++)
        snprintf(buf, n, "output/%s/%s-%d", name, stamp, i);
}

static int mkdir_p(const char *path, char *err, size_t errlen)
{
    char *p = strdup(path);
    if (!p) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            snprintf(err, errlen, "cannot create folder '%s': %s", p,
                     strerror(e));
            free(p);
            return RR_EIO;
        }
        *s = '/';
    }
    free(p);
    return RR_OK;
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    RR_UNUSED(sb);
    RR_UNUSED(flag);
    RR_UNUSED(ftw);
    remove(path);
    return 0;
}

void rr_remove_tree(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int rr_outdir_begin(rr_outdir *d, const char *target, bool force, char *err,
                    size_t errlen)
{
    struct stat sb;
    const char *slash;
    size_t n;
    int rc;

    memset(d, 0, sizeof *d);
    d->force = force;
    if (stat(target, &sb) == 0 && !force) {
        snprintf(err, errlen,
                 "results folder '%s' exists already (use --force to "
                 "replace it, or --out to choose another)",
                 target);
        return RR_EIO;
    }
    d->target = strdup(target);
    n = strlen(target) + 64;
    d->tmp = malloc(n);
    if (!d->target || !d->tmp) {
        rr_outdir_abort(d);
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    /* TARGET's folder + "/." + basename + ".tmp-PID" */
    while (n > 0 && d->target[strlen(d->target) - 1] == '/' &&
           strlen(d->target) > 1)
        d->target[strlen(d->target) - 1] = '\0';
    slash = strrchr(d->target, '/');
    if (slash)
        snprintf(d->tmp, n, "%.*s/.%s.tmp-%ld", (int)(slash - d->target),
                 d->target, slash + 1, (long)getpid());
    else
        snprintf(d->tmp, n, ".%s.tmp-%ld", d->target, (long)getpid());
    if ((rc = mkdir_p(d->tmp, err, errlen)) != RR_OK) {
        rr_outdir_abort(d);
        return rc;
    }
    rr_remove_tree(d->tmp); /* a leftover of a killed run with our pid */
    if (mkdir(d->tmp, 0777) != 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create folder '%s': %s", d->tmp,
                 strerror(e));
        free(d->tmp);
        d->tmp = NULL;
        rr_outdir_abort(d);
        return RR_EIO;
    }
    return RR_OK;
}

const char *rr_outdir_path(const rr_outdir *d, const char *name, char *buf,
                           size_t n)
{
    snprintf(buf, n, "%s/%s", d->tmp, name);
    return buf;
}

int rr_outdir_commit(rr_outdir *d, char *err, size_t errlen)
{
    struct stat sb;
    char *old = NULL;

    if (stat(d->target, &sb) == 0) {
        size_t n = strlen(d->target) + 32;
        if (!d->force) {
            snprintf(err, errlen, "results folder '%s' appeared meanwhile",
                     d->target);
            return RR_EIO;
        }
        old = malloc(n);
        if (!old)
            return RR_ENOMEM;
        snprintf(old, n, "%s.old-%ld", d->target, (long)getpid());
        if (rename(d->target, old) != 0) {
            int e = errno;
            snprintf(err, errlen, "cannot replace '%s': %s", d->target,
                     strerror(e));
            free(old);
            return RR_EIO;
        }
    }
    if (rename(d->tmp, d->target) != 0) {
        int e = errno;
        snprintf(err, errlen, "cannot rename '%s' to '%s': %s", d->tmp,
                 d->target, strerror(e));
        if (old)
            rename(old, d->target);
        free(old);
        return RR_EIO;
    }
    if (old) {
        rr_remove_tree(old);
        free(old);
    }
    free(d->tmp);
    d->tmp = NULL;
    free(d->target);
    d->target = NULL;
    return RR_OK;
}

void rr_outdir_abort(rr_outdir *d)
{
    if (d->tmp)
        rr_remove_tree(d->tmp);
    free(d->tmp);
    free(d->target);
    d->tmp = d->target = NULL;
}

/* ---- CSV ------------------------------------------------------------------ */

int rr_csv_field(FILE *f, const char *s)
{
    /* quote only what needs it, so plain names stay plain */
    if (s[strcspn(s, ",\"\r\n")] == '\0' && s[0] != ' ' &&
        (s[0] == '\0' || s[strlen(s) - 1] != ' '))
        return fputs(s, f) < 0 ? -1 : 0;
    return csv_fwrite(f, s, strlen(s));
}

int rr_csv_number(FILE *f, double x)
{
    if (isnan(x))
        return fputs("NA", f) < 0 ? -1 : 0;
    return fprintf(f, "%.10g", x) < 0 ? -1 : 0;
}

void rr_period_dates(const rr_run_result *r, size_t k, char *start,
                     char *end, size_t n)
{
    const rr_config *c = r->plan->cfg[0];
    long d0 = rr_date_days(c->start);
    double b0 = r->layout.periods.bounds[k];
    double b1 = r->layout.periods.bounds[k + 1];
    rr_date_format(rr_date_from_days(d0 + (long)floor(b0)), start, n);
    rr_date_format(rr_date_from_days(d0 + (long)ceil(b1) - 1), end, n);
}

static FILE *open_out(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        int e = errno;
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
    }
    return f;
}

static int close_out(FILE *f, const char *path, char *err, size_t errlen)
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
    FILE *f = open_out(path, err, errlen);
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
    return close_out(f, path, err, errlen);
}

int rr_write_timeseries_summary(const char *path, const rr_run_result *r,
                                char *err, size_t errlen)
{
    FILE *f = open_out(path, err, errlen);
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
    return close_out(f, path, err, errlen);
}

int rr_write_summary(const char *path, const rr_run_result *r, char *err,
                     size_t errlen)
{
    FILE *f = open_out(path, err, errlen);
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
        fputc(',', f);
        rr_csv_number(f, ci.mean);
        fputc(',', f);
        rr_csv_number(f, ci.n >= 2 ? ci.sd : NAN);
        fputc(',', f);
        rr_csv_number(f, ci.low);
        fputc(',', f);
        rr_csv_number(f, ci.high);
        fprintf(f, ",%zu\n", ci.n);
    }
    return close_out(f, path, err, errlen);
}

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
