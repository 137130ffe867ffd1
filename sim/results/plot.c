/*
 * plot.c - charts of a results folder through gnuplot (rr_plot.h): which
 * charts a folder gets, and each made in turn.
 *
 * Uses only the public headers below the results layer and the charts'
 * private one, plot_int.h, which says which file does what.  A folder
 * with timeseries_summary.csv gets a run's charts (four, and the
 * utilisation of the stages when stages_summary.csv is there); one with
 * sweep.csv, compare.csv or fit.csv the chart of that study, and one
 * with compare_years.csv the chart of the yearly effects, one with
 * uncertainty_timeseries.csv the fan charts of an uncertainty study.  For each
 * chart the data are read (plot_read.c), its script is written into
 * memory (plot_run.c, plot_sweep.c, plot_compare.c, plot_fit.c) and fed to
 * gnuplot in the charts' folder, or written there in script mode
 * (plot_gnuplot.c); the data go inline as datablocks, so nothing else is
 * written.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr_common.h"
#include "plot_int.h"

int rr_plot_format_parse(const char *s, rr_plot_format *out)
{
    static const char *const names[] = {"none", "png", "svg", "pdf"};
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (rr_plot_format)i;
            return RR_OK;
        }
    return RR_EINVAL;
}

static const char *const ext_of[] = {"", "png", "svg", "pdf"};

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

static int stopped(const rr_plot_opts *o, char *err, size_t errlen)
{
    if (!o->stop || !*o->stop)
        return RR_OK;
    snprintf(err, errlen, "%s", rr_strerror(RR_EINTR));
    return RR_EINTR;
}

/* A chart's script being written into memory. */
typedef struct script {
    FILE *g;
    char *text;
    size_t len;
} script;

/* script_open - a memory stream for a script; NULL when out of memory. */
static FILE *script_open(script *s)
{
    memset(s, 0, sizeof *s);
    return s->g = open_memstream(&s->text, &s->len);
}

/* script_draw - end the script (rc the status of writing it), then draw
 * it as job says; the script is freed. */
static int script_draw(script *s, int rc, const rri_gp_job *job, char *err,
                       size_t errlen)
{
    fputs("unset output\n", s->g);
    if (fclose(s->g) != 0 || !s->text)
        rc = RR_ENOMEM;
    if (rc == RR_ENOMEM)
        oom(err, errlen);
    if (rc == RR_OK)
        rc = rri_gp_draw(job, s->text, s->len, err, errlen);
    free(s->text);
    return rc;
}

/* plot_run - the charts of a run, from timeseries_summary.csv and the
 * files beside it. */
static int plot_run(const char *results, const char *plots,
                    const rr_plot_opts *o, char *err, size_t errlen)
{
    rri_rundata d;
    char gnuplot[PATH_MAX], out[64];
    rri_gp_job job = {gnuplot, plots, out, o->format, o->timeout, o->stop,
                      rr_plot_script_mode()};
    int rc;

    if ((rc = rri_read_run(results, &d, err, errlen)) == RR_OK)
        rc = rri_gp_need(gnuplot, sizeof gnuplot, err, errlen);
    for (size_t i = 0; i < RRI_RUN_CHARTS && rc == RR_OK; i++) {
        script s;
        if ((rc = stopped(o, err, errlen)) != RR_OK)
            break;
        if (!rri_run_chart_has(i, &d))
            continue;
        snprintf(out, sizeof out, "%s.%s", rri_run_chart_name(i),
                 ext_of[o->format]);
        if (!script_open(&s)) {
            rc = oom(err, errlen);
            break;
        }
        rc = script_draw(&s, rri_run_chart(i, s.g, &d, o->format, out),
                         &job, err, errlen);
    }
    rri_rundata_fini(&d);
    return rc;
}

/* The chart of a sweep, comparison or fit folder. */
typedef enum study_kind { STUDY_SWEEP, STUDY_COMPARE, STUDY_FIT } study_kind;

static const char *const study_name[] = {"sweep", "compare", "fit"};

/* The data of a study's chart. */
typedef struct study {
    study_kind kind;
    rri_runrow ri[RRI_MAX_RUNROWS];
    size_t nri;
    rri_sweep sw;
    rri_compare cmp;
    rri_fit ft;
} study;

/* study_read - NAME.csv and run.csv. */
static int study_read(const char *results, study *st, study_kind kind,
                      char *err, size_t errlen)
{
    int rc;
    memset(st, 0, sizeof *st);
    st->kind = kind;
    rc = kind == STUDY_SWEEP     ? rri_read_sweep(results, &st->sw, err, errlen)
         : kind == STUDY_COMPARE ? rri_read_compare(results, &st->cmp, err,
                                                    errlen)
                                 : rri_read_fit(results, &st->ft, err, errlen);
    if (rc == RR_OK)
        rc = rri_read_runrows(results, st->ri, &st->nri, err, errlen);
    return rc;
}

static void study_fini(study *st)
{
    rri_runrows_fini(st->ri, st->nri);
    rri_sweep_fini(&st->sw);
    rri_compare_fini(&st->cmp);
    rri_fit_fini(&st->ft);
}

/* study_chart - the script of the study's chart into g. */
static int study_chart(FILE *g, const study *st, rr_plot_format fmt,
                       const char *out)
{
    switch (st->kind) {
    case STUDY_SWEEP:
        return rri_draw_sweep(g, fmt, out, &st->sw, st->ri, st->nri);
    case STUDY_COMPARE:
        return rri_draw_compare(g, fmt, out, &st->cmp, st->ri, st->nri);
    default:
        return rri_draw_fit(g, fmt, out, &st->ft, st->ri, st->nri);
    }
}

/* plot_study - NAME.EXT from NAME.csv and run.csv. */
static int plot_study(const char *results, const char *plots,
                      const rr_plot_opts *o, study_kind kind, char *err,
                      size_t errlen)
{
    study *st = malloc(sizeof *st);
    char gnuplot[PATH_MAX], out[128];
    rri_gp_job job = {gnuplot, plots, out, o->format, o->timeout, o->stop,
                      rr_plot_script_mode()};
    script s;
    int rc;

    if (!st)
        return oom(err, errlen);
    if ((rc = stopped(o, err, errlen)) != RR_OK) {
        free(st);
        return rc;
    }
    if ((rc = study_read(results, st, kind, err, errlen)) == RR_OK)
        rc = rri_gp_need(gnuplot, sizeof gnuplot, err, errlen);
    if (rc == RR_OK && kind == STUDY_SWEEP && st->sw.sampled) {
        /* a space-filling design: a chart per varied setting */
        for (size_t k = 0; k < st->sw.nk && rc == RR_OK; k++) {
            char name[96];
            if ((rc = stopped(o, err, errlen)) != RR_OK)
                break;
            rri_sweep_sampled_name(&st->sw, k, name, sizeof name);
            snprintf(out, sizeof out, "%s.%s", name, ext_of[o->format]);
            if (!script_open(&s)) {
                rc = oom(err, errlen);
                break;
            }
            rc = script_draw(&s,
                             rri_draw_sweep_sampled(s.g, o->format, out,
                                                    &st->sw, k, st->ri,
                                                    st->nri),
                             &job, err, errlen);
        }
        study_fini(st);
        free(st);
        return rc;
    }
    if (rc == RR_OK && !script_open(&s))
        rc = oom(err, errlen);
    if (rc == RR_OK) {
        snprintf(out, sizeof out, "%s.%s", study_name[kind],
                 ext_of[o->format]);
        rc = script_draw(&s, study_chart(s.g, st, o->format, out), &job, err,
                         errlen);
    }
    study_fini(st);
    free(st);
    return rc;
}

static bool has_file(const char *dir, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* The yearly effects of a comparison: compare_years.csv and run.csv. */
typedef struct years_data {
    rri_years d;
    rri_runrow ri[RRI_MAX_RUNROWS];
    size_t nri;
} years_data;

static int years_read(const char *results, years_data *y, char *err,
                      size_t errlen)
{
    int rc;
    memset(y, 0, sizeof *y);
    rc = rri_read_compare_years(results, &y->d, err, errlen);
    if (rc == RR_OK)
        rc = rri_read_runrows(results, y->ri, &y->nri, err, errlen);
    return rc;
}

static void years_fini(years_data *y)
{
    rri_runrows_fini(y->ri, y->nri);
    rri_years_fini(&y->d);
}

/* plot_years - compare_years.EXT, when the folder has compare_years.csv. */
static int plot_years(const char *results, const char *plots,
                      const rr_plot_opts *o, char *err, size_t errlen)
{
    years_data *y = malloc(sizeof *y);
    char gnuplot[PATH_MAX], out[64];
    rri_gp_job job = {gnuplot, plots, out, o->format, o->timeout, o->stop,
                      rr_plot_script_mode()};
    script s;
    int rc;

    if (!y)
        return oom(err, errlen);
    if ((rc = stopped(o, err, errlen)) == RR_OK &&
        (rc = years_read(results, y, err, errlen)) == RR_OK)
        rc = rri_gp_need(gnuplot, sizeof gnuplot, err, errlen);
    if (rc == RR_OK && !script_open(&s))
        rc = oom(err, errlen);
    if (rc == RR_OK) {
        snprintf(out, sizeof out, "compare_years.%s", ext_of[o->format]);
        rc = script_draw(&s,
                         rri_draw_compare_years(s.g, o->format, out, &y->d,
                                                y->ri, y->nri),
                         &job, err, errlen);
    }
    years_fini(y);
    free(y);
    return rc;
}

/* plot_module - NAME.EXT, drawn by a chart module of its own that reads
 * the folder's files and writes the script (rri_chart_fn). */
static int plot_module(const char *results, const char *plots,
                       const rr_plot_opts *o, const char *name,
                       rri_chart_fn *fn, char *err, size_t errlen)
{
    char gnuplot[PATH_MAX], out[64];
    rri_gp_job job = {gnuplot, plots, out, o->format, o->timeout, o->stop,
                      rr_plot_script_mode()};
    script s;
    int rc;

    if ((rc = stopped(o, err, errlen)) != RR_OK)
        return rc;
    if (!script_open(&s))
        return oom(err, errlen);
    snprintf(out, sizeof out, "%s.%s", name, ext_of[o->format]);
    rc = fn(s.g, results, o->format, out, err, errlen);
    if (rc == RR_OK)
        rc = rri_gp_need(gnuplot, sizeof gnuplot, err, errlen);
    return script_draw(&s, rc, &job, err, errlen);
}

/* plot_sensitivity - a chart per indicator of sensitivity.csv. */
static int plot_sensitivity(const char *results, const char *plots,
                            const rr_plot_opts *o, char *err, size_t errlen)
{
    rri_sens *d = NULL;
    rri_runrow ri[RRI_MAX_RUNROWS];
    size_t nri = 0;
    char gnuplot[PATH_MAX], out[96];
    rri_gp_job job = {gnuplot, plots, out, o->format, o->timeout, o->stop,
                      rr_plot_script_mode()};
    int rc = rri_read_sensitivity(results, &d, err, errlen);

    if (rc == RR_OK)
        rc = rri_read_runrows(results, ri, &nri, err, errlen);
    if (rc == RR_OK)
        rc = rri_gp_need(gnuplot, sizeof gnuplot, err, errlen);
    for (size_t i = 0; rc == RR_OK && i < rri_sens_charts(d); i++) {
        script s;
        if ((rc = stopped(o, err, errlen)) != RR_OK)
            break;
        snprintf(out, sizeof out, "%s.%s", rri_sens_chart_name(d, i),
                 ext_of[o->format]);
        if (!script_open(&s)) {
            rc = oom(err, errlen);
            break;
        }
        rc = script_draw(&s,
                         rri_draw_sensitivity(s.g, d, i, nri ? ri : NULL,
                                              o->format, out),
                         &job, err, errlen);
    }
    rri_runrows_fini(ri, nri);
    rri_sens_free(d);
    return rc;
}

bool rr_plot_has_data(const char *results)
{
    return has_file(results, "timeseries_summary.csv") ||
           has_file(results, "sweep.csv") ||
           has_file(results, "compare.csv") || has_file(results, "fit.csv") ||
           has_file(results, "calibrate.csv") ||
           has_file(results, "validate.csv") ||
           has_file(results, "sensitivity.csv") ||
           has_file(results, "uncertainty_timeseries.csv");
}

/* is_study - whether the folder holds the CSV file of a study kind. */
static bool is_study(const char *results, study_kind kind)
{
    char name[32];
    snprintf(name, sizeof name, "%s.csv", study_name[kind]);
    return has_file(results, name);
}

/* is_run - whether the folder gets a run's charts: a run's folder, or one
 * that holds nothing (the run's charts say what is missing). */
static bool is_run(const char *results)
{
    return has_file(results, "timeseries_summary.csv") ||
           (!is_study(results, STUDY_SWEEP) &&
            !is_study(results, STUDY_COMPARE) &&
            !is_study(results, STUDY_FIT) &&
            !has_file(results, "calibrate.csv") &&
            !has_file(results, "validate.csv") &&
            !has_file(results, "sensitivity.csv") &&
            !has_file(results, "uncertainty_timeseries.csv"));
}

int rr_plot_results(const char *results, const char *plots,
                    const rr_plot_opts *opts, char *err, size_t errlen)
{
    rr_plot_opts o = *opts;
    int rc = RR_OK;

    if (o.format <= RR_PLOT_NONE || o.format > RR_PLOT_PDF)
        return RR_OK;
    if (!(o.timeout > 0))
        o.timeout = RR_PLOT_TIMEOUT_DEFAULT;
    if (is_run(results))
        rc = plot_run(results, plots, &o, err, errlen);
    for (int k = STUDY_SWEEP; k <= STUDY_FIT && rc == RR_OK; k++)
        if (is_study(results, (study_kind)k))
            rc = plot_study(results, plots, &o, (study_kind)k, err, errlen);
    if (rc == RR_OK && has_file(results, "compare_years.csv"))
        rc = plot_years(results, plots, &o, err, errlen);
    if (rc == RR_OK && has_file(results, "calibrate.csv"))
        rc = plot_module(results, plots, &o, "calibrate", rri_chart_calibrate,
                         err, errlen);
    if (rc == RR_OK && has_file(results, "validate.csv"))
        rc = plot_module(results, plots, &o, "validate", rri_chart_validate,
                         err, errlen);
    if (rc == RR_OK && has_file(results, "uncertainty_timeseries.csv"))
        rc = plot_module(results, plots, &o, "uncertainty_departures",
                         rri_chart_fan_departures, err, errlen);
    if (rc == RR_OK && has_file(results, "uncertainty_timeseries.csv"))
        rc = plot_module(results, plots, &o, "uncertainty_caseload",
                         rri_chart_fan_caseload, err, errlen);
    if (rc == RR_OK && has_file(results, "sensitivity.csv"))
        rc = plot_sensitivity(results, plots, &o, err, errlen);
    return rc;
}

/* rr_plot_read - the reading half of rr_plot_results: every CSV file it
 * would read, read and checked in the same order, nothing drawn. */
int rr_plot_read(const char *results, char *err, size_t errlen)
{
    int rc = RR_OK;
    if (is_run(results)) {
        rri_rundata d;
        rc = rri_read_run(results, &d, err, errlen);
        rri_rundata_fini(&d);
    }
    for (int k = STUDY_SWEEP; k <= STUDY_FIT && rc == RR_OK; k++) {
        study *st;
        if (!is_study(results, (study_kind)k))
            continue;
        if (!(st = malloc(sizeof *st)))
            return oom(err, errlen);
        rc = study_read(results, st, (study_kind)k, err, errlen);
        study_fini(st);
        free(st);
    }
    if (rc == RR_OK && has_file(results, "compare_years.csv")) {
        years_data *y = malloc(sizeof *y);
        if (!y)
            return oom(err, errlen);
        rc = years_read(results, y, err, errlen);
        years_fini(y);
        free(y);
    }
    if (rc == RR_OK && has_file(results, "calibrate.csv")) {
        void *cal = NULL;
        rc = rri_read_calibrate(results, &cal, err, errlen);
        rri_calibrate_free(cal);
    }
    if (rc == RR_OK && has_file(results, "validate.csv"))
        rc = rri_read_validate(results, err, errlen);
    if (rc == RR_OK && has_file(results, "uncertainty_timeseries.csv"))
        rc = rri_read_fan(results, err, errlen);
    if (rc == RR_OK && has_file(results, "sensitivity.csv")) {
        rri_sens *d = NULL;
        rc = rri_read_sensitivity(results, &d, err, errlen);
        rri_sens_free(d);
    }
    return rc;
}
