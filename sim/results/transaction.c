/*
 * transaction.c - the results folder as one transaction: begin, write,
 * draw, commit or abort (rr_results.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "rr_common.h"
#include "rr_results.h"
#include "rr_util.h"

#define PATH_LEN 4096

static bool stopped(const rr_results *t)
{
    return t->plot.stop && atomic_load(t->plot.stop);
}

int rr_results_begin(rr_results *t, const char *target, unsigned flags,
                     const rr_plot_opts *po, const char *charts_of,
                     rr_note_fn *fn, void *ctx, char *err, size_t errlen)
{
    int rc;
    memset(t, 0, sizeof *t);
    t->plot = *po;
    t->charts_of = charts_of;
    if (stopped(t))
        return RR_EINTR;
    rc = rr_outdir_begin(&t->dir, target, flags, fn, ctx, err, errlen);
    t->open = rc == RR_OK;
    return rc;
}

int rr_results_draw(rr_results *t, char *err, size_t errlen)
{
    char gp[PATH_LEN], plots[PATH_LEN];
    int rc;
    if (t->plot.format == RR_PLOT_NONE || stopped(t))
        return RR_OK;
    if (!rr_plot_script_mode() && !rr_plot_find_gnuplot(gp, sizeof gp))
        return RR_ENOTFOUND;
    if (t->charts_of)
        return rr_plot_results(t->charts_of, t->dir.tmp, &t->plot, err,
                               errlen);
    rr_outdir_path(&t->dir, "plots", plots, sizeof plots);
    if (mkdir(plots, 0777) != 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create folder '%s': %s", plots,
                 strerror(e));
        return RR_EIO;
    }
    rc = rr_plot_results(t->dir.tmp, plots, &t->plot, err, errlen);
    if (rc != RR_OK)
        rr_remove_tree(plots); /* no half set of charts */
    return rc;
}

int rr_results_commit(rr_results *t, char *err, size_t errlen)
{
    int rc = stopped(t) ? RR_EINTR : rr_outdir_commit(&t->dir, err, errlen);
    if (rc != RR_OK)
        rr_results_abort(t);
    t->open = false;
    return rc;
}

void rr_results_abort(rr_results *t)
{
    if (t->open)
        rr_outdir_abort(&t->dir);
    t->open = false;
}

/* ---- the files of each command ------------------------------------------- */

static const char *path_of(const rr_results *t, const char *name, char *buf)
{
    return rr_outdir_path(&t->dir, name, buf, PATH_LEN);
}

static int write_runs(rr_results *t, const rr_run_result *r, size_t n,
                      const rr_design *varied, char *err, size_t errlen)
{
    char path[PATH_LEN];
    return rr_write_run_info(path_of(t, "run.csv", path), r, n, varied,
                             RR_VERSION, r[0].plan->cfg[0]->seed, err, errlen);
}

int rr_results_write_run(rr_results *t, const rr_run_result *r,
                         rr_scenario *sc, rr_trace *trace,
                         const char *cmdline, char *err, size_t errlen)
{
    char path[PATH_LEN], path2[PATH_LEN], created[RR_MANIFEST_TIME];
    rr_manifest m;
    int rc;

    rr_manifest_now(&m, cmdline, created);
    if ((rc = rr_write_timeseries(path_of(t, "timeseries.csv", path), r, err,
                                  errlen)) ||
        (rc = rr_write_timeseries_summary(
             path_of(t, "timeseries_summary.csv", path), r, err, errlen)) ||
        (rc = rr_write_summary(path_of(t, "summary.csv", path), r, err,
                               errlen)) ||
        (rc = rr_write_events(path_of(t, "events.csv", path), r->plan, err,
                              errlen)) ||
        (rc = rr_write_stages(path_of(t, "stages.csv", path), r, err,
                              errlen)) ||
        (rc = rr_write_stages_summary(
             path_of(t, "stages_summary.csv", path), r, err, errlen)) ||
        (rc = rr_write_countries(path_of(t, "countries.csv", path), r, err,
                                 errlen)) ||
        (rc = rr_write_countries_summary(
             path_of(t, "countries_summary.csv", path), r, err, errlen)) ||
        (rc = write_runs(t, r, 1, NULL, err, errlen)))
        return rc;
    if (trace &&
        (rc = rr_trace_finish(trace, path_of(t, "cases.csv", path),
                              path_of(t, "time_to_departure.csv", path2), err,
                              errlen)))
        return rc;
    return rr_write_resolved(t->dir.tmp, sc, &m, err, errlen);
}

int rr_results_write_sweep(rr_results *t, const rr_design *d,
                           const rr_run_result *r, char *err, size_t errlen)
{
    char path[PATH_LEN];
    int rc = rr_write_sweep(path_of(t, "sweep.csv", path), d, r, err, errlen);
    if (rc == RR_OK)
        rc = rr_write_sweep_chart(path_of(t, "sweep_chart.csv", path), d, err,
                                  errlen);
    return rc != RR_OK ? rc : write_runs(t, r, 1, d, err, errlen);
}

int rr_results_write_compare(rr_results *t, const rr_comparison *c,
                             char *err, size_t errlen)
{
    const rr_run_result r2[2] = {*c->base, *c->pol};
    char path[PATH_LEN];
    int rc;
    if ((rc = rr_write_compare(path_of(t, "compare.csv", path), c, err,
                               errlen)) ||
        (rc = rr_write_compare_from(path_of(t, "compare_from.csv", path), c,
                                    err, errlen)) ||
        (rc = rr_write_compare_years(path_of(t, "compare_years.csv", path),
                                     c, err, errlen)) ||
        (rc = rr_write_compare_periods(
             path_of(t, "compare_periods.csv", path), c, err, errlen)))
        return rc;
    return write_runs(t, r2, 2, NULL, err, errlen);
}

int rr_results_write_fit(rr_results *t, const rr_fit *f,
                         const rr_run_result *r, char *err, size_t errlen)
{
    char path[PATH_LEN];
    int rc = rr_write_fit(path_of(t, "fit.csv", path), f, r, err, errlen);
    return rc != RR_OK ? rc : write_runs(t, r, 1, NULL, err, errlen);
}
