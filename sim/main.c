/*
 * main.c - the rrsim command line.
 *
 * Parses arguments, calls one function per command and maps the status of
 * the layers below to an exit code and a message: 0 ok, 1 runtime failure,
 * 2 bad usage or bad input, 128 + the signal's number when SIGINT (130),
 * SIGTERM (143) or SIGHUP (129) stopped the work.  The results folder is a
 * transaction of the results layer (rr_results.h: begin before anything is
 * simulated, so a bad --out costs no simulation time; write, draw, commit;
 * abort on any failure); design points are loaded and run by the study
 * layer (rr_points.h).  A signal only sets g_stop, which the layers below
 * look at, and the temporary folder is removed on the way out.  The
 * options and help texts are sim/cli/options.c's, the lookup of scenarios
 * by name sim/cli/find.c's; calibrate and validate are in
 * sim/cli/calibrate_cmd.c, sharing the steps cli/cmd.h declares.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "rr_common.h"
#include "rr_compare.h"
#include "rr_design.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_plot.h"
#include "rr_points.h"
#include "rr_results.h"
#include "rr_scenario.h"
#include "rr_sweep.h"
#include "rr_table.h"
#include "rr_util.h"

/* g_stop: non-zero once a signal asked to stop (rr_run_opts.stop, read by
 * the worker threads: an atomic, lock-free so the handler may store it);
 * g_signal: the first such signal, for the exit code. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2,
               "the signal handler stores an atomic_int");
static atomic_int g_stop;
static volatile sig_atomic_t g_signal;

static void on_signal(int sig)
{
    if (!g_signal)
        g_signal = sig;
    atomic_store(&g_stop, 1);
}

int cli_caught(void)
{
    return (int)g_signal;
}

void cli_stop(int sig)
{
    if (!g_signal)
        g_signal = sig;
    atomic_store(&g_stop, 1);
}

/* interrupted - the message and exit code of work stopped by a signal. */
int cli_interrupted(const char *what)
{
    fprintf(stderr, "rrsim: interrupted; no %s written\n", what);
    return 128 + (g_signal ? (int)g_signal : SIGINT);
}

/* print_note - a note of the results folder's, on stderr. */
static void print_note(void *ctx, const char *msg)
{
    RR_UNUSED(ctx);
    fprintf(stderr, "rrsim: note: %s\n", msg);
}

/* load - a scenario and its plan; prints the message on failure. */
static int load(const char *path, const cli *c, rr_scenario **sc,
                const rr_plan **plan)
{
    char err[1024] = "";
    int rc = rr_scenario_load(path, c->sets, (size_t)c->n_sets, sc, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(*sc, plan, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_plan_check_layout(path, *plan, err, sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rr_scenario_destroy(*sc);
        *sc = NULL;
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    return EXIT_OK;
}

static int cmd_check(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc;
    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "check needs one scenario file");
    if ((rc = load(c->pos[0], c, &sc, &plan)) != EXIT_OK)
        return rc;
    if (c->keys)
        rr_scenario_print_keys(sc, stdout);
    else
        rr_scenario_print(sc, stdout);
    rr_scenario_destroy(sc);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- the results folder ---------------------------------------------------- */

/* target_of - --out, or output/NAME/TIMESTAMP with NAME from fmt. */
const char *cli_target_of(const cli *c, char *buf, size_t n,
                             const char *fmt, ...)
{
    char name[2 * RR_NAME_MAX + 16];
    va_list ap;
    if (c->out) {
        snprintf(buf, n, "%s", c->out);
        return buf;
    }
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    rr_outdir_default(name, buf, n);
    return buf;
}

/* begin - the results folder's checks and its temporary folder, before
 * anything is simulated.  EXIT_OK, or the exit code with the message
 * printed: a target refused is bad usage (2). */
int cli_begin(const cli *c, const char *target, rr_results *t)
{
    char err[1024] = "";
    unsigned flags = (c->force ? RR_OUTDIR_FORCE : 0) |
                     (c->out ? 0 : RR_OUTDIR_PARENTS);
    rr_plot_opts po = {RR_PLOT_PNG, c->plot_timeout, &g_stop};
    int rc;
    if (cli_mpi_worker()) {
        /* an MPI worker rank: rank 0 alone touches the results folder */
        memset(t, 0, sizeof *t);
        return EXIT_OK;
    }
    rr_plot_format_parse(c->plot, &po.format);
    rc = rr_results_begin(t, target, flags, &po, NULL, print_note, NULL, err,
                          sizeof err);
    if (rc == RR_EINTR)
        return cli_interrupted("results");
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        return rc == RR_EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* end - commit the folder after writing (rc: the writing's status), or
 * remove it; the message and exit code of a failure. */
static int end(rr_results *t, int rc, const char *err)
{
    char cerr[1024] = "";
    if (rc == RR_OK && (rc = rr_results_commit(t, cerr, sizeof cerr)) != RR_OK)
        err = cerr;
    if (rc == RR_OK)
        return EXIT_OK;
    rr_results_abort(t);
    if (rc == RR_EINTR)
        return cli_interrupted("results");
    fprintf(stderr, "rrsim: %s\n", err && *err ? err : rr_strerror(rc));
    return EXIT_RUNTIME;
}

/* report_charts - the line about charts that were not drawn: a warning
 * without gnuplot, an error when gnuplot failed.  Returns the exit code
 * the charts call for. */
static int report_charts(int prc, const char *plot_err, const char *target)
{
    if (prc == RR_ENOTFOUND)
        fprintf(stderr,
                "rrsim: warning: gnuplot not found, so no charts were drawn "
                "(install it with: apt-get install gnuplot-nox; then run "
                "'rrsim plot %s')\n",
                target);
    else if (prc != RR_OK)
        fprintf(stderr,
                "rrsim: %s; the CSV files are in '%s' (redraw the charts "
                "with 'rrsim plot %s')\n",
                plot_err, target, target);
    return prc == RR_OK || prc == RR_ENOTFOUND ? EXIT_OK : EXIT_RUNTIME;
}

/* finish - the files written by fn (its status; the folder must be begun),
 * the charts, the commit.  Returns the folder's exit code; *charts gets
 * the charts' (a chart that failed leaves the folder without plots/). */
int cli_finish(rr_results *t, const char *target, writer_fn *fn,
                  void *ctx, int *charts)
{
    char err[1024] = "", plot_err[8192] = "";
    int rc, prc = RR_OK;

    *charts = EXIT_OK;
    rc = fn(t, ctx, err, sizeof err);
    if (rc == RR_OK)
        prc = rr_results_draw(t, plot_err, sizeof plot_err);
    if ((rc = end(t, rc, err)) != EXIT_OK)
        return rc;
    *charts = report_charts(prc, plot_err, target);
    return EXIT_OK;
}

/* run_opts - the options every simulation takes from the command line. */
rr_run_opts cli_run_opts(cli *c)
{
    rr_run_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.threads = c->threads;
    opts.stop = &g_stop;
    opts.max_cases = (uint64_t)c->max_cases;
    opts.precision = c->precise ? &c->precision : NULL;
    opts.exec = c->exec ? c->exec : cli_mpi_exec(c);
    opts.shard = c->shard;
    opts.shards = c->shards;
    return opts;
}

/* ---- --precision ---------------------------------------------------------- */

/* check_precision - --precision-of against the n plans, before anything
 * is simulated; EXIT_*, the message printed. */
static int check_precision(cli *c, const rr_plan *const *plans,
                           const char *const *paths, size_t n)
{
    char err[1024] = "";
    int rc;
    if (!c->precise)
        return EXIT_OK;
    rc = rr_precision_check(&c->precision, plans, paths, n, err, sizeof err);
    if (rc == RR_OK)
        return EXIT_OK;
    if (rc == RR_ENOMEM) {
        fprintf(stderr, "rrsim: %s\n", err);
        return EXIT_RUNTIME;
    }
    return cli_usage_error(c->cmd, "--precision-of: %s", err);
}

/* report_precision - how --precision came out, once the folder is in
 * place: reached, on stdout with the table (unless --quiet); not reached
 * or not reachable, a warning on stderr.  The exit status is 0 in every
 * case: the results are right for the replications run, and run.csv
 * says what precision they have. */
static void report_precision(const cli *c, const rr_run_result *r,
                             void (*point_name)(void *, size_t, char *,
                                                size_t),
                             void *ctx)
{
    char line[4096];
    const rr_precision *p = r->precision;
    if (!p)
        return;
    rr_precision_describe(p, point_name, ctx, line, sizeof line);
    if (p->stop == RR_PRECISION_REACHED) {
        if (!c->quiet)
            printf("\n%s\n", line);
    } else {
        fflush(stdout);
        fprintf(stderr, "rrsim: warning: %s\n", line);
    }
}

/* done - the exit code after the terminal output: a failed stdout fails. */
int cli_done(int rc)
{
    if (rc == EXIT_OK && fflush(stdout) != 0)
        return EXIT_RUNTIME;
    return rc;
}

/* ---- run ------------------------------------------------------------------ */

typedef struct run_ctx {
    const rr_run_result *r;
    rr_scenario *sc;
    rr_trace *trace;
    const char *cmdline;
} run_ctx;

static int write_run_files(rr_results *t, void *ctx, char *err,
                           size_t errlen)
{
    run_ctx *s = ctx;
    return rr_results_write_run(t, s->r, s->sc, s->trace, s->cmdline, err,
                                errlen);
}

/* simulate - the replications of the run (with the trace of --trace);
 * EXIT_OK or the folder's exit code after aborting it. */
static int simulate(cli *c, const rr_plan *plan, rr_results *t,
                    rr_trace **trace, rr_run_result *res)
{
    rr_run_opts opts = cli_run_opts(c);
    rr_progress prog;
    char err[1024] = "", where[1200];
    int rc;

    opts.reps = plan->cfg[0]->replications;
    opts.seed = plan->cfg[0]->seed;
    /* the rows per period go to the folder being written as they are
     * produced: memory bounded by the cases, not the horizon */
    opts.spill_dir = t->dir.tmp;
    if (c->trace) {
        /* with --precision, room for as many as may be run */
        size_t most = opts.precision ? opts.precision->max_reps
                                     : (size_t)opts.reps;
        if ((rc = rr_trace_create(plan, t->dir.tmp, most, trace, err,
                                  sizeof err)) != RR_OK)
            return end(t, rc, err);
        opts.on_case = rr_trace_case;
        opts.case_ctx = rr_trace_contexts(*trace);
    }
    rr_progress_start(&prog, !c->quiet, &opts, (size_t)opts.reps);
    rc = rr_run(plan, &opts, res, err, sizeof err);
    rr_progress_clear(&prog);
    if (rc == RR_OK)
        return cli_after_run(c, &plan, 1, res, t);
    if (c->exec && rc != RR_EINTR && rc != RR_ENOMEM) {
        rr_results_abort(t);
        fprintf(stderr, "rrsim: merge: %s\n", err);
        return EXIT_USAGE;
    }
    /* the results folder could not take the rows: a write failure,
     * "cannot write 'PATH': ...", like the files' */
    if (rc == RR_EIO)
        return end(t, rc, err);
    /* a failure of the simulation names the scenario it ran */
    snprintf(where, sizeof where, "%s: %s", c->pos[0],
             err[0] ? err : rr_strerror(rc));
    return end(t, rc, where);
}

static int cmd_run(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_run_result res;
    rr_results t;
    rr_trace *trace = NULL;
    char target[4096];
    int rc, charts;

    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "run needs one scenario file");
    if ((rc = load(c->pos[0], c, &sc, &plan)) != EXIT_OK)
        return rc;
    if ((rc = check_precision(c, &plan, c->pos, 1)) != EXIT_OK) {
        rr_scenario_destroy(sc);
        return rc;
    }
    cli_target_of(c, target, sizeof target, "%s", plan->cfg[0]->name);
    if ((rc = cli_begin(c, target, &t)) == EXIT_OK &&
        (rc = simulate(c, plan, &t, &trace, &res)) == EXIT_OK) {
        run_ctx ctx = {&res, sc, trace, c->cmdline};
        rc = cli_finish(&t, target, write_run_files, &ctx, &charts);
        if (rc == EXIT_OK && !c->quiet)
            rr_print_kpis(stdout, &res);
        if (rc == EXIT_OK)
            report_precision(c, &res, NULL, NULL);
        if (rc == EXIT_OK && !c->quiet)
            printf("\nresults: %s\n", target);
        if (rc == EXIT_OK)
            rc = charts;
        rr_run_result_fini(&res);
    }
    rr_trace_destroy(trace);
    rr_scenario_destroy(sc);
    return cli_done(rc);
}

/* ---- design points: sweep, compare, fit ------------------------------------ */

/* point_name - a design point in words for the precision's sentence:
 * "iom_share=0.6, stage.iom.servers=400". */
static void point_name(void *ctx, size_t i, char *buf, size_t n)
{
    const rr_points *p = ctx;
    size_t at = 0;
    buf[0] = '\0';
    for (size_t j = 0; p->sets && j < p->n_sets && at + 1 < n; j++) {
        int w = snprintf(buf + at, n - at, "%s%s", j ? ", " : "",
                         p->sets[i][j]);
        if (w < 0)
            break;
        at += (size_t)w;
    }
}

static void print_point(const rr_points *p, size_t i)
{
    fprintf(stderr, "design point %zu (", i + 1);
    for (size_t j = 0; j < p->n_sets; j++)
        fprintf(stderr, "%s%s", j ? ", " : "", p->sets[i][j]);
    fprintf(stderr, ")");
}

/* point_label - how a point is named in the message of points that cannot
 * be compared: a sweep's design point, a what-if's policy, or the file. */
static void point_label(const rr_points *p, size_t i, char *buf, size_t n)
{
    if (p->sets)
        snprintf(buf, n, "design point %zu", i + 1);
    else if (p->policy && i == 1)
        snprintf(buf, n, "%s with --policy", p->paths[i]);
    else
        snprintf(buf, n, "%s", p->paths[i]);
}

/* print_mismatch - the message of points that cannot be compared, with
 * what would make them so. */
static void print_mismatch(const cli *c, const rr_points *p,
                           const rr_point_error *e)
{
    char a[600], b[600];
    point_label(p, 0, a, sizeof a);
    point_label(p, e->point, b, sizeof b);
    fprintf(stderr, "rrsim: %s: ", c->cmd);
    if (p->sets) {
        print_point(p, e->point);
        fprintf(stderr, " differs from design point 1 in %s: %s against "
                        "%s; the design points of a sweep must share "
                        "start, end, report, warmup and replications\n",
                e->field, e->first, e->other);
        return;
    }
    fprintf(stderr, "the runs differ in %s: %s (%s) against %s (%s)",
            e->field, e->first, a, e->other, b);
    if (strcmp(e->field, "replications") == 0)
        fprintf(stderr, "; give both the same with --reps N\n");
    else if (strcmp(e->field, "report") == 0)
        fprintf(stderr, "; give both the same with --set "
                        "scenario.report=%s\n", e->first);
    else if (*e->window)
        fprintf(stderr, "; compare them over their common years with "
                        "--window %s\n", e->window);
    else
        fprintf(stderr, "; they have no reporting periods in common to "
                        "compare over\n");
}

/* load_points - load and plan the points; EXIT_*, the message printed. */
int cli_load_points(const cli *c, rr_points *p)
{
    rr_point_error e;
    if (rr_points_load(p, &e) == RR_OK)
        return EXIT_OK;
    if (e.field) {
        print_mismatch(c, p, &e);
    } else if (e.override) {
        /* the settings were checked without the design: the offending
         * override is one of --vary's, or of --policy's */
        fprintf(stderr, "rrsim: %s%s\n", p->sets ? "--vary" : "--policy",
                e.msg);
    } else if (e.point != RR_NO_POINT && p->sets) {
        fputs("rrsim: ", stderr);
        print_point(p, e.point);
        fprintf(stderr, ": %s\n", e.msg);
    } else if (e.point != RR_NO_POINT) {
        fputs("rrsim: the policy (--policy", stderr);
        for (size_t j = 0; j < p->n_policy; j++)
            fprintf(stderr, " %s", p->policy[j]);
        fprintf(stderr, "): %s\n", e.msg);
    } else
        fprintf(stderr, "rrsim: %s\n", e.msg);
    return e.rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* run_points - run the points with common random numbers into res; on
 * failure the folder is aborted.  EXIT_*, the message printed. */
int cli_run_points(cli *c, const rr_points *p, rr_results *t,
                      rr_run_result *res)
{
    rr_run_opts opts = cli_run_opts(c);
    rr_point_error e;
    rr_progress prog;
    int rc;

    rr_progress_start(&prog, !c->quiet, &opts,
                      p->n * (size_t)p->plans[0]->cfg[0]->replications);
    rc = rr_points_run(p, &opts, res, &e);
    rr_progress_clear(&prog);
    if (rc == RR_OK)
        return cli_after_run(c, p->plans, p->n, res, t);
    rr_results_abort(t);
    if (rc == RR_EINTR)
        return cli_interrupted(c->shards ? "shard" : "results");
    if (c->exec && rc != RR_ENOMEM) {
        /* a merge: what failed is a shard's */
        fprintf(stderr, "rrsim: merge: %s\n", e.msg);
        return EXIT_USAGE;
    }
    /* which scenario and, in a sweep, which design point failed */
    fprintf(stderr, "rrsim: %s: ", e.path);
    if (e.point != RR_NO_POINT) {
        print_point(p, e.point);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", e.msg);
    return EXIT_RUNTIME;
}

typedef struct sweep_ctx {
    const rr_design *d;
    const rr_run_result *r;
} sweep_ctx;

static int write_sweep_files(rr_results *t, void *ctx, char *err,
                             size_t errlen)
{
    sweep_ctx *s = ctx;
    return rr_results_write_sweep(t, s->d, s->r, err, errlen);
}

/* describe_sweep - the settings' words and the indicators shown (checked
 * against what the scenario reports), before anything is simulated;
 * EXIT_*, the message printed. */
static int describe_sweep(const cli *c, rr_design *d, const rr_points *p)
{
    char err[2048] = "";
    int rc = rr_design_describe(d, p->sc[0]);
    if (rc == RR_OK)
        rc = rr_design_indicators(d, c->indicators, p->plans[0], err,
                                  sizeof err);
    if (rc == RR_OK)
        return EXIT_OK;
    fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
    return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* sweep_design - the grid of the --vary values, or with --design lhs or
 * sobol --samples points over their ranges, seeded from the scenario's
 * seed.  RR_OK, a status with the message in err, or RR_EINTR when the
 * message is printed already (a scenario that does not load). */
static int sweep_design(cli *c, rr_design *d, char *err, size_t errlen)
{
    bool sampled = c->design && strcmp(c->design, "grid") != 0;
    rr_design_kind kind;
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    uint64_t seed;
    int rc;

    memset(d, 0, sizeof *d);
    if (!sampled && c->samples)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--samples applies to --design lhs or sobol; a "
                          "grid runs every combination of the --vary "
                          "values");
    if (!sampled)
        return rr_design_parse(c->vary, (size_t)c->n_vary, d, err, errlen);
    if (!c->samples)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--design %s needs --samples N, the number of "
                          "design points",
                          c->design);
    rr_design_kind_parse(c->design, &kind);
    if (load(c->pos[0], c, &sc, &plan) != EXIT_OK)
        return RR_EINTR;
    seed = plan->cfg[0]->seed;
    rc = rr_design_space((int)kind, c->vary, (size_t)c->n_vary,
                         (size_t)c->samples, seed, sc, d, err, errlen);
    rr_scenario_destroy(sc);
    return rc;
}

static int cmd_sweep(cli *c)
{
    rr_design d;
    rr_points p;
    rr_run_result *res = NULL;
    rr_results t;
    char target[4096], err[1024] = "";
    int rc, charts;

    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "sweep needs one scenario file");
    if (c->n_vary == 0)
        return cli_usage_error(c->cmd, "sweep needs at least one --vary KEY=FROM:TO:STEP "
                           "or KEY=V1,V2,...");
    if ((rc = sweep_design(c, &d, err, sizeof err)) != RR_OK) {
        if (rc == RR_EINTR) /* the message is printed */
            return EXIT_USAGE;
        fprintf(stderr, "rrsim: %s\n", err);
        rr_design_fini(&d);
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    rc = rr_points_design(&p, &d, c->pos[0], c->sets, (size_t)c->n_sets);
    if (rc == RR_OK)
        res = calloc(p.n, sizeof *res);
    rc = rc == RR_OK && res ? cli_load_points(c, &p) : EXIT_RUNTIME;
    if (rc == EXIT_OK)
        rc = describe_sweep(c, &d, &p);
    if (rc == EXIT_OK)
        rc = check_precision(c, p.plans, p.paths, p.n);
    if (rc == EXIT_OK) {
        cli_target_of(c, target, sizeof target, "%s-sweep",
                  p.plans[0]->cfg[0]->name);
        rc = cli_begin(c, target, &t);
    }
    if (rc == EXIT_OK && (rc = cli_run_points(c, &p, &t, res)) == EXIT_OK) {
        sweep_ctx ctx = {&d, res};
        rc = cli_finish(&t, target, write_sweep_files, &ctx, &charts);
        if (rc == EXIT_OK && !c->quiet) {
            printf("%s: %zu design points x %zu replications, common random "
                   "numbers (mean ± 95%% CI half-width)\n\n",
                   res[0].plan->cfg[0]->name, p.n, res[0].reps);
            rr_print_sweep(stdout, &d, res);
        }
        if (rc == EXIT_OK)
            report_precision(c, &res[0], point_name, &p);
        if (rc == EXIT_OK && !c->quiet)
            printf("\nresults: %s\n", target);
        if (rc == EXIT_OK)
            rc = charts;
        for (size_t i = 0; i < p.n; i++)
            rr_run_result_fini(&res[i]);
    }
    free(res);
    rr_points_fini(&p);
    rr_design_fini(&d);
    return cli_done(rc);
}

static int write_compare_files(rr_results *t, void *ctx, char *err,
                               size_t errlen)
{
    return rr_results_write_compare(t, ctx, err, errlen);
}

/* compare_span - the window (--window, or the runs') and the day of
 * --from, checked before anything is simulated; EXIT_*, the message
 * printed. */
static int compare_span(const cli *c, const rr_points *p, rr_span *w,
                        bool *from_given, long *from)
{
    char err[1024] = "", b[600];
    int rc = RR_OK;
    *from_given = false;
    *w = rr_compare_run_window(p->plans[0]);
    if (c->window) {
        point_label(p, 1, b, sizeof b);
        rc = rr_compare_window_parse(c->window, p->plans[0], p->paths[0],
                                     p->plans[1], b, w, err, sizeof err);
    }
    if (rc == RR_OK && c->from) {
        rc = rr_compare_from_parse(c->from, *w, from, err, sizeof err);
        *from_given = rc == RR_OK;
    }
    if (rc == RR_OK)
        return EXIT_OK;
    fprintf(stderr, "rrsim: %s\n", err);
    return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
}

/* compare_write - the comparison of res made, written, drawn into the
 * begun folder t and printed. */
static int compare_write(cli *c, const rr_points *p,
                         const rr_run_result *res, const rr_span *w,
                         const long *from, rr_results *t, const char *target)
{
    const char *const shown[] = {
        rr_indicators[RR_IND_DEPARTURES_VERIFIED].name,
        rr_indicators[RR_IND_DEPARTURES_UNSUPERVISED].name,
        rr_indicators[RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY].name,
        rr_indicators[RR_IND_TIME_TO_DEPARTURE_MEAN].name,
        rr_indicators[RR_IND_CASELOAD_END].name,
        rr_indicators[RR_IND_CASELOAD_TOTAL].name};
    rr_comparison cmp;
    char err[1024] = "";
    int rc, charts;
    if (rr_compare_make(&res[0], &res[1], p->sc[0], p->sc[1],
                        c->window ? w : NULL, from, &cmp, err,
                        sizeof err) != RR_OK) {
        rr_compare_fini(&cmp);
        rr_results_abort(t);
        fprintf(stderr, "rrsim: %s\n", err);
        return EXIT_RUNTIME;
    }
    rc = cli_finish(t, target, write_compare_files, &cmp, &charts);
    if (rc == EXIT_OK && !c->quiet)
        rr_print_compare(stdout, &cmp, shown, RR_COUNTOF(shown));
    if (rc == EXIT_OK)
        report_precision(c, &res[0], NULL, NULL);
    if (rc == EXIT_OK && !c->quiet)
        printf("\nresults: %s\n", target);
    if (rc == EXIT_OK)
        rc = charts;
    rr_compare_fini(&cmp);
    return rc;
}

static int cmd_compare(cli *c)
{
    rr_points p;
    rr_run_result res[2];
    rr_results t;
    rr_span w;
    long from = 0;
    bool from_given = false;
    char target[4096];
    int rc;

    if (c->n_policy == 0 && c->n_pos != 2)
        return cli_usage_error(c->cmd, "compare needs two scenario files, "
                               "BASELINE POLICY, or one with --policy "
                               "KEY=VALUE");
    if (c->n_policy > 0 && c->n_pos != 1)
        return cli_usage_error(c->cmd, "compare --policy takes one scenario "
                               "file, compared with itself changed");
    if (c->samples > 0)
        return cli_cmd_compare_samples(c);
    if (c->n_policy > 0)
        rc = rr_points_whatif(&p, c->pos[0], c->sets, (size_t)c->n_sets,
                              c->policy, (size_t)c->n_policy);
    else
        rc = rr_points_init(&p, c->pos, 2, c->sets, (size_t)c->n_sets);
    p.window = c->window != NULL;
    rc = rc == RR_OK ? cli_load_points(c, &p) : EXIT_RUNTIME;
    if (rc == EXIT_OK)
        rc = compare_span(c, &p, &w, &from_given, &from);
    c->precision.of = RR_PRECISION_DIFF; /* of the paired differences */
    if (rc == EXIT_OK)
        rc = check_precision(c, p.plans, p.paths, p.n);
    if (rc == EXIT_OK) {
        cli_target_of(c, target, sizeof target, "%s-vs-%s",
                  p.plans[0]->cfg[0]->name, p.plans[1]->cfg[0]->name);
        rc = cli_begin(c, target, &t);
    }
    if (rc == EXIT_OK && (rc = cli_run_points(c, &p, &t, res)) == EXIT_OK) {
        rc = compare_write(c, &p, res, &w, from_given ? &from : NULL, &t,
                           target);
        rr_run_result_fini(&res[0]);
        rr_run_result_fini(&res[1]);
    }
    rr_points_fini(&p);
    return cli_done(rc);
}

typedef struct fit_ctx {
    const rr_fit *f;
    const rr_run_result *r;
} fit_ctx;

static int write_fit_files(rr_results *t, void *ctx, char *err,
                           size_t errlen)
{
    fit_ctx *s = ctx;
    return rr_results_write_fit(t, s->f, s->r, err, errlen);
}

/* read_observed - the observed figures, checked before anything is
 * simulated; EXIT_*, the message printed. */
int cli_read_observed(const char *path, rr_table **obs)
{
    char err[1024] = "";
    int rc = rr_table_read(path, obs, err, sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    if (rr_fit_columns(*obs, err, sizeof err) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* fit_write - the fit of res against obs, written and drawn into the
 * begun folder t, and printed. */
static int fit_write(const cli *c, const rr_table *obs,
                     const rr_run_result *res, rr_results *t,
                     const char *target)
{
    rr_fit fit;
    char err[1024] = "";
    int rc, charts, frc = rr_fit_make(obs, res, &fit, err, sizeof err);
    if (frc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(frc));
        rr_results_abort(t);
        return frc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    {
        fit_ctx ctx = {&fit, res};
        rc = cli_finish(t, target, write_fit_files, &ctx, &charts);
    }
    if (rc == EXIT_OK && !c->quiet) {
        rr_print_fit(stdout, &fit, res);
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    rr_fit_fini(&fit);
    return rc;
}

static int cmd_fit(cli *c)
{
    rr_table *obs = NULL;
    rr_points p;
    rr_run_result res;
    rr_results t;
    char target[4096];
    int rc;

    if (c->n_pos != 2)
        return cli_usage_error(c->cmd, "fit needs a scenario file and a CSV of observed "
                           "figures");
    /* bad input fails before anything is simulated */
    if ((rc = cli_read_observed(c->pos[1], &obs)) != EXIT_OK) {
        rr_table_destroy(obs);
        return rc;
    }
    rc = rr_points_init(&p, c->pos, 1, c->sets, (size_t)c->n_sets);
    rc = rc == RR_OK ? cli_load_points(c, &p) : EXIT_RUNTIME;
    if (rc == EXIT_OK) {
        cli_target_of(c, target, sizeof target, "%s-fit",
                  p.plans[0]->cfg[0]->name);
        rc = cli_begin(c, target, &t);
    }
    if (rc == EXIT_OK && (rc = cli_run_points(c, &p, &t, &res)) == EXIT_OK) {
        rc = fit_write(c, obs, &res, &t, target);
        rr_run_result_fini(&res);
    }
    rr_points_fini(&p);
    rr_table_destroy(obs);
    return cli_done(rc);
}

/* ---- plot ----------------------------------------------------------------- */

static int cmd_plot(cli *c)
{
    rr_plot_opts po = {RR_PLOT_PNG, c->plot_timeout, &g_stop};
    rr_results t;
    char path[4096], gp[4096], err[1024] = "";
    const char *res;
    int rc;

    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "plot needs one results folder");
    res = c->pos[0];
    rr_plot_format_parse(c->plot, &po.format);
    /* a run's, a sweep's, a comparison's or a fit's folder */
    snprintf(path, sizeof path, "%s/timeseries_summary.csv", res);
    if (!rr_plot_has_data(res) && access(path, R_OK) != 0) {
        int e = errno;
        fprintf(stderr, "rrsim: cannot open '%s': %s\n", path, strerror(e));
        return EXIT_USAGE;
    }
    if (po.format == RR_PLOT_NONE)
        return EXIT_OK;
    if (!rr_plot_script_mode() && !rr_plot_find_gnuplot(gp, sizeof gp)) {
        fprintf(stderr, "rrsim: gnuplot not found (install it with: "
                        "apt-get install gnuplot-nox)\n");
        return EXIT_RUNTIME;
    }
    snprintf(path, sizeof path, "%s/plots", res);
    /* plots/ is replaced only inside an rrsim results folder */
    rc = rr_results_begin(&t, path, RR_OUTDIR_FORCE | RR_OUTDIR_CHARTS, &po,
                          res, print_note, NULL, err, sizeof err);
    if (rc != RR_OK && rc != RR_EINTR) {
        fprintf(stderr, "rrsim: %s\n", err);
        return rc == RR_EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (rc == RR_OK && (rc = rr_results_draw(&t, err, sizeof err)) == RR_OK)
        rc = rr_results_commit(&t, err, sizeof err);
    if (rc != RR_OK) {
        rr_results_abort(&t);
        if (rc == RR_EINTR)
            return cli_interrupted("charts");
        fprintf(stderr, "rrsim: %s\n", err);
        return rc == RR_EPARSE || rc == RR_ENOTFOUND ? EXIT_USAGE
                                                     : EXIT_RUNTIME;
    }
    if (!c->quiet)
        printf("charts: %s\n", path);
    return cli_done(EXIT_OK);
}

/* ---- main ----------------------------------------------------------------- */

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* stop cleanly: the temporary folder is removed on the way out */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a failing gnuplot is reported by status */
    /* a file over the size limit fails its write (EFBIG) instead of
     * killing the process with the temporary folder left behind */
    signal(SIGXFSZ, SIG_IGN);
}

/* cmd_scenarios - `rrsim scenarios`. */
static int cmd_scenarios(cli *c)
{
    if (c->n_pos)
        return cli_usage_error(c->cmd, "scenarios takes no arguments");
    return cli_done(cli_list_scenarios(stdout));
}

/* find_scenarios - the scenario arguments of the command, found by name
 * where they are not files here (cli_find_scenario); EXIT_*. */
static int find_scenarios(cli *c)
{
    int n = c->cmd_bit & (CMD_RUN | CMD_CHECK | CMD_SWEEP | CMD_FIT |
                          CMD_CALIBRATE | CMD_VALIDATE | CMD_UNCERTAINTY |
                          CMD_SENSITIVITY)
                ? 1
            : c->cmd_bit & CMD_COMPARE                            ? 2
                                                                  : 0;
    for (int i = 0; i < n && i < c->n_pos; i++) {
        int rc = cli_find_scenario(c->pos[i], c->found[i],
                                   sizeof c->found[i]);
        if (rc != EXIT_OK)
            return rc;
        c->pos[i] = c->found[i];
    }
    return EXIT_OK;
}

/* cmd_help - `rrsim help [COMMAND]`. */
static int cmd_help(cli *c)
{
    if (c->n_pos > 1)
        return cli_usage_error(c->cmd, "help takes at most one command");
    if (!cli_help(stdout, c->n_pos ? c->pos[0] : NULL))
        return cli_usage_error(NULL, "unknown command '%s'", c->pos[0]);
    return cli_done(EXIT_OK);
}

static const struct {
    const char *name;
    int (*fn)(cli *c);
} commands[] = {{"run", cmd_run},         {"check", cmd_check},
                {"plot", cmd_plot},       {"sweep", cmd_sweep},
                {"compare", cmd_compare}, {"fit", cmd_fit},
                {"calibrate", cli_cmd_calibrate},
                {"validate", cli_cmd_validate},
                {"uncertainty", cli_cmd_uncertainty},
                {"sensitivity", cli_cmd_sensitivity},
                {"merge", cli_cmd_merge},
                {"scenarios", cmd_scenarios}, {"help", cmd_help}};

int cli_dispatch(cli *c)
{
    size_t i = 0;
    int rc;
    while (i < RR_COUNTOF(commands) && strcmp(c->cmd, commands[i].name))
        i++;
    if (i == RR_COUNTOF(commands))
        return cli_usage_error(NULL, "unknown command '%s'", c->cmd);
    if (c->trace && cli_mpi_size() > 1)
        return cli_usage_error(c->cmd, "--trace writes the case records as "
                               "the cases run, in one process: run it "
                               "without mpirun");
    if ((rc = find_scenarios(c)) != EXIT_OK)
        return rc;
    return commands[i].fn(c);
}

int main(int argc, char **argv)
{
    static cli c;
    int rc;

    gsl_set_error_handler_off();
    rr_keep_freed_memory();
    if (argc < 2) {
        cli_help(stderr, NULL);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_help(stdout, NULL);
        return cli_done(EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("rrsim %s\n", RR_VERSION);
        return cli_done(EXIT_OK);
    }
    if (!cli_command_bit(argv[1]))
        return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
    catch_signals();
    cli_mpi_init(&argc, &argv, &g_stop);
    /* under mpirun, a command that is not spread over the ranks is rank
     * 0's alone */
    if (cli_mpi_worker() && !(cli_command_bit(argv[1]) & CMD_DISTRIBUTED))
        return cli_mpi_finish(EXIT_ELSEWHERE);
    rc = cli_parse(argc, argv, &c);
    if (rc < 0 && c.help) {
        cli_help(stdout, c.cmd);
        rc = cli_done(EXIT_OK);
    } else if (rc < 0) {
        rc = cli_dispatch(&c);
    }
    /* stopped by a signal: 128 + its number, as a shell reports it */
    if (g_signal && rc != EXIT_OK && rc != EXIT_ELSEWHERE)
        rc = 128 + g_signal;
    return cli_mpi_finish(rc == EXIT_ELSEWHERE ? EXIT_OK : rc);
}
