/*
 * calibrate_cmd.c - `rrsim calibrate` and `rrsim validate`: the parameters
 * fitted to observed yearly figures with a progress line on a terminal,
 * the calibrated scenario's fit; out-of-sample errors with prediction
 * intervals, and rolling-origin validation.  The study layer computes
 * (rr_calibrate.h, rr_validate.h); the results layer writes; this parses
 * nothing and prints the outcome.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "rr_calibrate.h"
#include "rr_common.h"
#include "rr_fit.h"
#include "rr_output.h"
#include "rr_plot.h"
#include "rr_points.h"
#include "rr_results.h"
#include "rr_scenario.h"
#include "rr_table.h"
#include "rr_util.h"
#include "rr_validate.h"

/* ---- calibrate ------------------------------------------------------------ */

/* The search's line on a terminal. */
typedef struct calib_line {
    bool show;
    bool shown;
    struct timespec t0;
} calib_line;

/* on_calib_progress - "iteration 12/100  23 evaluations  loss 0.0123
 * simplex size 0.041  0:12 elapsed" on stderr, rewritten in place after
 * every evaluation of the loss. */
static void on_calib_progress(void *ctx, const rr_calib_progress *p)
{
    calib_line *l = ctx;
    struct timespec now;
    long s;
    char size[32] = "";
    if (!l->show)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    s = (long)(now.tv_sec - l->t0.tv_sec);
    if (p->size >= 0) /* NAN before the first iteration */
        snprintf(size, sizeof size, "  simplex size %.3g", p->size);
    if (p->sensitivity)
        fprintf(stderr, "\rsensitivity  %zu evaluation%s  loss %.4g  "
                        "%ld:%02ld elapsed%20s",
                p->evaluations, p->evaluations == 1 ? "" : "s", p->best,
                s / 60, s % 60, "");
    else
        fprintf(stderr, "\riteration %zu/%zu  %zu evaluation%s  loss %.4g%s  "
                        "%ld:%02ld elapsed%4s",
                p->iteration, p->max_iter, p->evaluations,
                p->evaluations == 1 ? "" : "s", p->best, size, s / 60,
                s % 60, "");
    fflush(stderr);
    l->shown = true;
}

/* prepare_calibration - the problem read from the command line and checked
 * against the scenario and the observed figures, before anything is
 * simulated; EXIT_*, the message printed. */
static int prepare_calibration(const cli *c, rr_calibration *cal)
{
    char err[2048] = "";
    int rc = RR_OK;
    for (int i = 0; i < c->n_params && rc == RR_OK; i++)
        rc = rr_calibration_add(cal, c->params[i], err, sizeof err);
    if (rc == RR_OK && c->years)
        rc = rr_calibration_years(cal, c->years, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_calibration_prepare(
            cal, c->eval_reps,
            c->max_iter > 0 ? (size_t)c->max_iter : RR_CALIB_MAX_ITER_DEFAULT,
            c->tol > 0 ? c->tol : RR_CALIB_TOL_DEFAULT, err, sizeof err);
    if (rc == RR_OK)
        return EXIT_OK;
    fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
    return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* search - the calibration's search into the begun folder t (aborted on
 * failure); EXIT_*, the message printed. */
static int search(cli *c, rr_calibration *cal, rr_results *t)
{
    rr_run_opts opts = cli_run_opts(c);
    calib_line line = {!c->quiet && isatty(STDERR_FILENO), false, {0, 0}};
    char err[2048] = "";
    int rc;
    clock_gettime(CLOCK_MONOTONIC, &line.t0);
    rc = rr_calibration_run(cal, &opts, on_calib_progress, &line, err,
                            sizeof err);
    if (line.shown)
        fprintf(stderr, "\r%78s\r", "");
    if (rc == RR_OK)
        return EXIT_OK;
    rr_results_abort(t);
    if (rc == RR_EINTR)
        return cli_interrupted("results");
    fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
    return EXIT_RUNTIME;
}

typedef struct calibrate_ctx {
    rr_calibration *cal;
    const rr_fit *f;
    const rr_run_result *r;
    rr_scenario *sc;
    const char *scenario;
    const char *cmdline;
} calibrate_ctx;

static int write_calibrate_files(rr_results *t, void *ctx, char *err,
                                 size_t errlen)
{
    calibrate_ctx *s = ctx;
    return rr_results_write_calibrate(t, s->cal, s->f, s->r, s->sc,
                                      s->scenario, s->cmdline, err, errlen);
}

/* calibrated_fit - the calibrated scenario run with the final fit's
 * replications, compared, written and drawn into t, and printed. */
static int calibrated_fit(cli *c, rr_calibration *cal,
                          const rr_table *obs, rr_results *t,
                          const char *target)
{
    const char *const *ov;
    size_t n_ov;
    rr_points p;
    rr_run_result res;
    rr_fit fit;
    char err[1024] = "";
    int rc, charts;

    /* ov stays valid until the writing makes it again, after p is loaded */
    if (rr_calibration_overrides(cal, NULL, &ov, &n_ov) != RR_OK ||
        rr_points_init(&p, c->pos, 1, ov, n_ov) != RR_OK) {
        rr_results_abort(t);
        fprintf(stderr, "rrsim: %s\n", rr_strerror(RR_ENOMEM));
        return EXIT_RUNTIME;
    }
    if ((rc = cli_load_points(c, &p)) != EXIT_OK) {
        rr_results_abort(t);
        rr_points_fini(&p);
        return rc;
    }
    if ((rc = cli_run_points(c, &p, t, &res)) != EXIT_OK) {
        rr_points_fini(&p);
        return rc;
    }
    if ((rc = rr_fit_make(obs, &res, &fit, err, sizeof err)) != RR_OK) {
        rr_results_abort(t);
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rr_run_result_fini(&res);
        rr_points_fini(&p);
        return EXIT_RUNTIME;
    }
    {
        calibrate_ctx ctx = {cal, &fit, &res, p.sc[0], c->pos[0],
                             c->cmdline};
        rc = cli_finish(t, target, write_calibrate_files, &ctx, &charts);
    }
    if (rc == EXIT_OK && !c->quiet) {
        rr_print_calibrate(stdout, cal, &fit, &res);
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    rr_fit_fini(&fit);
    rr_run_result_fini(&res);
    rr_points_fini(&p);
    return rc;
}

int cli_cmd_calibrate(cli *c)
{
    rr_table *obs = NULL;
    rr_calibration cal;
    rr_results t;
    char target[4096], err[2048] = "";
    int rc;

    if (c->n_pos != 2)
        return cli_usage_error(c->cmd, "calibrate needs a scenario file and "
                               "a CSV of observed figures");
    if (c->n_params == 0)
        return cli_usage_error(c->cmd, "calibrate needs at least one --param "
                               "NAME=LOW:HIGH");
    /* bad input fails before anything is simulated */
    if ((rc = cli_read_observed(c->pos[1], &obs)) != EXIT_OK) {
        rr_table_destroy(obs);
        return rc;
    }
    rr_calibration_init(&cal, c->pos[0], c->sets, (size_t)c->n_sets, obs);
    rc = prepare_calibration(c, &cal);
    if (rc == EXIT_OK) {
        cli_target_of(c, target, sizeof target, "%s-calibrate", cal.base_name);
        rc = cli_begin(c, target, &t);
    }
    /* (an MPI worker has no folder: rank 0 checks) */
    if (rc == EXIT_OK && !cli_mpi_worker() &&
        (rc = rr_results_calibrate_check(&t, &cal, c->pos[0], err,
                                         sizeof err)) != RR_OK) {
        rr_results_abort(&t);
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rc = rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    if (rc == EXIT_OK && (rc = search(c, &cal, &t)) == EXIT_OK)
        rc = calibrated_fit(c, &cal, obs, &t, target);
    rr_calibration_fini(&cal);
    rr_table_destroy(obs);
    return cli_done(rc);
}

/* ---- validate ------------------------------------------------------------- */

typedef struct validate_ctx {
    const rr_validation *v;
    const rr_run_result *r;
} validate_ctx;

static int write_validate_files(rr_results *t, void *ctx, char *err,
                                size_t errlen)
{
    validate_ctx *s = ctx;
    return rr_results_write_validate(t, s->v, s->r, err, errlen);
}

/* validate_write - the rows of the validation years from res, written and
 * drawn into the begun folder t, and printed. */
static int validate_write(const cli *c, const rr_table *obs,
                          const rr_run_result *res, rr_results *t,
                          const char *target)
{
    rr_validation v;
    char err[1024] = "";
    int rc, charts, vrc = rr_validate_make(obs, res, &v, err, sizeof err);
    if (vrc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(vrc));
        rr_results_abort(t);
        return EXIT_RUNTIME;
    }
    {
        validate_ctx ctx = {&v, res};
        rc = cli_finish(t, target, write_validate_files, &ctx, &charts);
    }
    if (rc == EXIT_OK && !c->quiet) {
        rr_print_validate(stdout, &v, res);
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    rr_validate_fini(&v);
    return rc;
}

static int write_rolling_files(rr_results *t, void *ctx, char *err,
                               size_t errlen)
{
    return rr_results_write_rolling(t, ctx, err, errlen);
}

/* rolling - validate --rolling: every origin's calibration checked before
 * anything runs, then searched, its next year predicted; written, drawn
 * and printed.  EXIT_*, the message printed. */
static int rolling(cli *c, const rr_table *obs)
{
    rr_rolling ro;
    rr_results t;
    rr_run_opts opts = cli_run_opts(c);
    calib_line line = {!c->quiet && isatty(STDERR_FILENO), false, {0, 0}};
    char target[4096], err[2048] = "";
    int rc, charts;

    rc = rr_rolling_prepare(
        &ro, c->pos[0], c->sets, (size_t)c->n_sets, obs, c->params,
        (size_t)c->n_params, c->eval_reps,
        c->max_iter > 0 ? (size_t)c->max_iter : RR_CALIB_MAX_ITER_DEFAULT,
        c->tol > 0 ? c->tol : RR_CALIB_TOL_DEFAULT, err, sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rr_rolling_fini(&ro);
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    cli_target_of(c, target, sizeof target, "%s-rolling",
              ro.o[0].cal.base_name);
    if ((rc = cli_begin(c, target, &t)) != EXIT_OK) {
        rr_rolling_fini(&ro);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &line.t0);
    rc = rr_rolling_run(&ro, obs, &opts, on_calib_progress, &line, err,
                        sizeof err);
    if (line.shown)
        fprintf(stderr, "\r%78s\r", "");
    if (rc != RR_OK) {
        rr_results_abort(&t);
        rr_rolling_fini(&ro);
        if (rc == RR_EINTR)
            return cli_interrupted("results");
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        return EXIT_RUNTIME;
    }
    if ((rc = cli_runs_done(c, &t)) != EXIT_OK) {
        rr_rolling_fini(&ro); /* an MPI worker: the results are rank 0's */
        return rc;
    }
    rc = cli_finish(&t, target, write_rolling_files, &ro, &charts);
    if (rc == EXIT_OK && !c->quiet) {
        rr_print_rolling(stdout, &ro);
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    rr_rolling_fini(&ro);
    return rc;
}

int cli_cmd_validate(cli *c)
{
    rr_table *obs = NULL;
    rr_points p;
    rr_run_result res;
    rr_results t;
    char target[4096], err[1024] = "";
    int rc;

    if (c->n_pos != 2)
        return cli_usage_error(c->cmd, "validate needs a scenario file and a "
                               "CSV of observed figures");
    if (!c->rolling &&
        (c->n_params || c->eval_reps || c->max_iter || c->tol > 0))
        return cli_usage_error(c->cmd, "--param, --eval-reps, --max-iter and "
                               "--tol apply to validate with --rolling");
    if (c->rolling && c->n_params == 0)
        return cli_usage_error(c->cmd, "--rolling needs at least one --param "
                               "NAME=LOW:HIGH");
    /* bad input fails before anything is simulated */
    if ((rc = cli_read_observed(c->pos[1], &obs)) != EXIT_OK) {
        rr_table_destroy(obs);
        return rc;
    }
    if (c->rolling) {
        rc = rolling(c, obs);
        rr_table_destroy(obs);
        return cli_done(rc);
    }
    rc = rr_points_init(&p, c->pos, 1, c->sets, (size_t)c->n_sets);
    rc = rc == RR_OK ? cli_load_points(c, &p) : EXIT_RUNTIME;
    if (rc == EXIT_OK &&
        (rc = rr_validate_check(obs, p.plans[0], err, sizeof err)) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rc = rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    if (rc == EXIT_OK) {
        cli_target_of(c, target, sizeof target, "%s-validate",
                  p.plans[0]->cfg[0]->name);
        rc = cli_begin(c, target, &t);
    }
    if (rc == EXIT_OK && (rc = cli_run_points(c, &p, &t, &res)) == EXIT_OK) {
        rc = validate_write(c, obs, &res, &t, target);
        rr_run_result_fini(&res);
    }
    rr_points_fini(&p);
    rr_table_destroy(obs);
    return cli_done(rc);
}
