/*
 * plot_fan.c - the fan charts of an uncertainty study (plot_int.h):
 * uncertainty_departures and uncertainty_caseload, from
 * uncertainty_timeseries.csv (the baseline's rows), run.csv and
 * events.csv.
 *
 * Each is drawn in a run's frame (rri_run_fan: heading, the band of
 * policy events, the time axis): per period the median over the samples
 * of the verified departures in the period, or of the total caseload at
 * the period's end, as a line, the middle half of the samples and 90% of them
 * as bands.  The footer says how many samples of how many parameters, and
 * that each sample is a mean over its replications.  Every text goes
 * through rri_gp_str (in rri_run_fan); every number is checked finite.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_date.h"
#include "rr_indicator.h"
#include "rr_table.h"
#include "rr_util.h"
#include "plot_int.h"

/* What a fan reads: the periods and the five quantiles of one metric. */
typedef struct fan_data {
    rri_rundata d;
    double *q[5];
    size_t samples;
    size_t params;
} fan_data;

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

static void fan_fini(fan_data *f)
{
    rri_rundata_fini(&f->d);
    for (int i = 0; i < 5; i++)
        free(f->q[i]);
    memset(f, 0, sizeof *f);
}

/* day_of - a date cell as days since 1970. */
static int day_of(const rr_table *t, size_t r, int c, long *day, char *err,
                  size_t errlen)
{
    rr_date d;
    const char *s = rr_table_cell(t, r, (size_t)c);
    if (rr_date_parse(s, &d) != RR_OK)
        return rr_err_at(err, errlen, RR_EPARSE, t->path, (int)t->line[r],
                         "column '%s': expected a date YYYY-MM-DD, got '%s'",
                         t->header[c], s);
    *day = rr_date_days(d);
    return RR_OK;
}

/* fan_read - the baseline's rows of metric `name` in
 * uncertainty_timeseries.csv, in order of their periods, and the frame. */
static int fan_read(const char *dir, const char *name, fan_data *f,
                    char *err, size_t errlen)
{
    static const char *const need[] = {"period_start", "period_end",
                                       "indicator", "p05", "p25", "p50",
                                       "p75", "p95", "samples"};
    char path[PATH_MAX];
    int col[RR_COUNTOF(need)], cs, rc;
    rr_table *t = NULL;
    memset(f, 0, sizeof *f);
    snprintf(path, sizeof path, "%s/uncertainty_timeseries.csv", dir);
    if ((rc = rr_table_read(path, &t, err, errlen)) != RR_OK)
        return rc;
    for (size_t i = 0; i < RR_COUNTOF(need) && rc == RR_OK; i++)
        rc = rr_table_require(t, need[i], &col[i], err, errlen);
    cs = rr_table_col(t, "side");
    size_t n = t->n_rows + 1;
    if (rc == RR_OK &&
        (!(f->d.p0 = calloc(n, sizeof *f->d.p0)) ||
         !(f->d.p1 = calloc(n, sizeof *f->d.p1))))
        rc = oom(err, errlen);
    for (int i = 0; i < 5 && rc == RR_OK; i++)
        if (!(f->q[i] = calloc(n, sizeof *f->q[i])))
            rc = oom(err, errlen);
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++) {
        long a, b;
        double s;
        if (strcmp(rr_table_cell(t, r, (size_t)col[2]), name) != 0 ||
            (cs >= 0 &&
             strcmp(rr_table_cell(t, r, (size_t)cs), "baseline") != 0))
            continue;
        if ((rc = day_of(t, r, col[0], &a, err, errlen)) ||
            (rc = day_of(t, r, col[1], &b, err, errlen)))
            break;
        if (b < a || (f->d.np > 0 && a <= f->d.p0[f->d.np - 1]))
            rc = rr_err_at(err, errlen, RR_EPARSE, t->path, (int)t->line[r],
                           "the periods of '%s' are not in order", name);
        for (int i = 0; i < 5 && rc == RR_OK; i++) {
            const char *c = rr_table_cell(t, r, (size_t)col[3 + i]);
            if (strcmp(c, "NA") == 0)
                f->q[i][f->d.np] = NAN;
            else
                rc = rr_table_number(t, r, (size_t)col[3 + i],
                                     &f->q[i][f->d.np], err, errlen);
        }
        if (rc == RR_OK &&
            (rc = rr_table_number(t, r, (size_t)col[8], &s, err, errlen)) ==
                RR_OK &&
            s >= 0 && s < 1e9)
            f->samples = (size_t)s;
        if (rc != RR_OK)
            break;
        f->d.p0[f->d.np] = a;
        f->d.p1[f->d.np] = b + 1; /* end + 1 day, as a run's */
        f->d.np++;
    }
    rr_table_destroy(t);
    if (rc == RR_OK && f->d.np == 0)
        rc = rr_err_set(err, errlen, RR_EPARSE,
                        "%s: no rows of '%s'", path, name);
    if (rc == RR_OK)
        rc = rri_read_run_frame(dir, &f->d, err, errlen);
    if (rc == RR_OK) {
        /* the parameters drawn: rows of uncertainty_parameters.csv */
        snprintf(path, sizeof path, "%s/uncertainty_parameters.csv", dir);
        if (rr_table_read(path, &t, err, errlen) == RR_OK) {
            f->params = t->n_rows;
            rr_table_destroy(t);
        }
        err[0] = '\0';
        char foot[512];
        snprintf(foot, sizeof foot,
                 "Scenario %s · %zu samples of %zu assumption%s, each the "
                 "mean of %zu replication%s",
                 f->d.scenario, f->samples, f->params,
                 f->params == 1 ? "" : "s", f->d.reps,
                 f->d.reps == 1 ? "" : "s");
        if (!(f->d.foot = strdup(foot)))
            rc = oom(err, errlen);
    }
    return rc;
}

static const char *period_word(const rri_rundata *d)
{
    return *d->report ? d->report : "period";
}

static int draw(FILE *g, const char *results, rr_plot_format fmt,
                const char *out, bool caseload, char *err, size_t errlen)
{
    fan_data f;
    char title[256], sub[512], y[160], x[64];
    const char *name =
        rr_indicators[caseload ? RR_IND_CASELOAD_TOTAL
                               : RR_IND_DEPARTURES_VERIFIED]
            .name;
    int rc = fan_read(results, name, &f, err, errlen);
    if (rc != RR_OK) {
        fan_fini(&f);
        return rc;
    }
    const rri_rundata *d = &f.d;
    if (caseload) {
        snprintf(title, sizeof title,
                 "Caseload over the plausible range of assumptions");
        snprintf(y, sizeof y, "Caseload at the end of each %s",
                 period_word(d));
    } else {
        snprintf(title, sizeof title,
                 "Verified departures over the plausible range of "
                 "assumptions");
        snprintf(y, sizeof y, "Verified departures per %s", period_word(d));
    }
    snprintf(sub, sizeof sub,
             "%s · spread over the assumptions (each sample a mean over its "
             "replications)",
             d->title);
    snprintf(x, sizeof x, "%c%s", (char)(d->report[0] >= 'a' &&
                                                 d->report[0] <= 'z'
                                             ? d->report[0] - 32
                                             : d->report[0]),
             d->report[0] ? d->report + 1 : "");
    rri_fan fan = {title, sub, x, y, {f.q[0], f.q[1], f.q[2], f.q[3], f.q[4]},
                   caseload, "Median of the samples",
                   "Middle half of the samples (25–75%)",
                   "90% of the samples (5–95%)"};
    rc = rri_run_fan(g, d, fmt, out, &fan);
    if (rc == RR_ENOMEM)
        oom(err, errlen);
    fan_fini(&f);
    return rc;
}

int rri_chart_fan_departures(FILE *g, const char *results, rr_plot_format fmt,
                             const char *out, char *err, size_t errlen)
{
    return draw(g, results, fmt, out, false, err, errlen);
}

int rri_chart_fan_caseload(FILE *g, const char *results, rr_plot_format fmt,
                           const char *out, char *err, size_t errlen)
{
    return draw(g, results, fmt, out, true, err, errlen);
}

int rri_read_fan(const char *results, char *err, size_t errlen)
{
    fan_data f;
    int rc = fan_read(results, rr_indicators[RR_IND_DEPARTURES_VERIFIED].name,
                      &f, err, errlen);
    fan_fini(&f);
    if (rc == RR_OK) {
        rc = fan_read(results, rr_indicators[RR_IND_CASELOAD_TOTAL].name, &f,
                      err, errlen);
        fan_fini(&f);
    }
    return rc;
}
