/*
 * main.c - the rrsim command line.
 *
 * Parses arguments, calls the layers below and maps their status to an
 * exit code: 0 ok, 1 runtime failure, 2 bad usage or bad input, 128 + the
 * signal's number when SIGINT (130), SIGTERM (143) or SIGHUP (129) stopped
 * the work.  Nothing else lives here.
 *
 * The results folder is checked and its temporary folder made before
 * anything is simulated, so a bad --out costs no simulation time; a
 * signal only sets g_stop, which the layers below look at, and the
 * temporary folder is removed on the way out.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_indicator.h"
#include "rr_model.h"
#include "rr_output.h"
#include "rr_plot.h"
#include "rr_scenario.h"
#include "rr_sweep.h"
#include "rr_table.h"


enum rr_exit { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

#define MAX_SETS 256

/* g_stop: non-zero once a signal asked to stop (rr_run_opts.stop);
 * g_signal: the first such signal, for the exit code. */
static volatile int g_stop;
static volatile sig_atomic_t g_signal;

static void on_signal(int sig)
{
    if (!g_signal)
        g_signal = sig;
    g_stop = 1;
}

/* interrupted - the message and exit code of work stopped by a signal. */
static int interrupted(const char *what)
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

static const char usage_text[] =
    "usage: rrsim COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      run the replications, write a results folder\n"
    "  check SCENARIO    validate; print every resolved parameter\n"
    "  sweep SCENARIO --vary KEY=FROM:TO:STEP|KEY=V1,V2,... [--vary ...]\n"
    "                    run every combination (grid) with replications and\n"
    "                    common random numbers; writes sweep.csv and a chart\n"
    "  compare BASELINE POLICY\n"
    "                    paired runs with common random numbers: KPI\n"
    "                    differences with 95% CI; writes compare.csv and a\n"
    "                    chart\n"
    "  fit SCENARIO OBSERVED.csv\n"
    "                    simulated against observed yearly figures: relative\n"
    "                    error per indicator and year; writes fit.csv and a\n"
    "                    chart\n"
    "  plot RESULTS_DIR  redraw the charts of a run, sweep, comparison or fit\n"
    "\n"
    "options of run (all but --trace apply to sweep, compare and fit too):\n"
    "  --reps N          replications (default: the scenario's)\n"
    "  --seed S          base seed (default: the scenario's)\n"
    "  --set KEY=VALUE   override a setting or parameter (repeatable)\n"
    "  --out DIR         results folder (default output/NAME/TIMESTAMP); its\n"
    "                    parent folder must exist\n"
    "  --force           replace DIR if it is an rrsim results folder\n"
    "  --plot FORMAT     png, svg, pdf or none (default png)\n"
    "  --plot-timeout S  seconds gnuplot may take per chart (default 60)\n"
    "  --trace           also write cases.csv, one row per case (run)\n"
    "  --threads N       worker threads (default: all cores)\n"
    "  --max-cases N     stop with an error when a replication holds more\n"
    "                    than N cases in the system (default 10000000)\n"
    "  --quiet           no progress bar, no KPI table\n"
    "  An option given twice counts as given last; --set and --vary count\n"
    "  each time, and a key may be varied only once.\n"
    "\n"
    "exit status: 0 done, 1 failed, 2 bad usage or input, 130 on SIGINT,\n"
    "143 on SIGTERM\n"
    "\n"
    "  rrsim --help      this text\n"
    "  rrsim --version   the version\n";

#include <stdarg.h>

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("rrsim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(see 'rrsim --help')\n", stderr);
    return EXIT_USAGE;
}

typedef struct cli {
    const char *cmd;
    const char *pos[2];
    int n_pos;
    const char *sets[MAX_SETS];
    int n_sets;
    char reps_set[48];  /* "scenario.replications=N" of the last --reps */
    char seed_set[48];  /* "scenario.seed=S" of the last --seed */
    const char *out;
    bool force;
    const char *plot;
    double plot_timeout;
    bool trace;
    int threads;
    long max_cases;
    bool quiet;
    const char *vary[16];
    int n_vary;
    char cmdline[4096];
} cli;

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* parse_args - returns -1 when fine, or an exit code. */
static int parse_args(int argc, char **argv, cli *c)
{
    size_t len = 0;
    for (int i = 0; i < argc; i++) {
        int w = snprintf(c->cmdline + len, sizeof c->cmdline - len, "%s%s",
                         i ? " " : "", argv[i]);
        if (w < 0 || (size_t)w >= sizeof c->cmdline - len)
            break;
        len += (size_t)w;
    }
    c->cmd = argv[1];
    c->plot = "png";
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
#define NEED_VALUE()                                                       \
    do {                                                                   \
        if (!v)                                                            \
            return usage_error("option '%s' needs a value", a);            \
        i++;                                                               \
    } while (0)
        if (strcmp(a, "--reps") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 1, 1000000, &n))
                return usage_error("--reps: expected a whole number >= 1, "
                                   "got '%s'", v);
            /* given twice: each entry shows the last value, and the last
             * entry comes after any --set of the same key before it */
            snprintf(c->reps_set, sizeof c->reps_set,
                     "scenario.replications=%ld", n);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = c->reps_set;
        } else if (strcmp(a, "--seed") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 0, LONG_MAX, &n))
                return usage_error("--seed: expected a whole number >= 0, "
                                   "got '%s'", v);
            snprintf(c->seed_set, sizeof c->seed_set, "scenario.seed=%ld", n);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = c->seed_set;
        } else if (strcmp(a, "--set") == 0) {
            NEED_VALUE();
            if (!strchr(v, '=') || v[0] == '=')
                return usage_error("--set: expected KEY=VALUE, got '%s'", v);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = v;
        } else if (strcmp(a, "--out") == 0) {
            NEED_VALUE();
            if (!*v)
                return usage_error("--out: expected a folder name, got ''");
            c->out = v;
        } else if (strcmp(a, "--force") == 0) {
            c->force = true;
        } else if (strcmp(a, "--plot") == 0) {
            NEED_VALUE();
            if (strcmp(v, "png") && strcmp(v, "svg") && strcmp(v, "pdf") &&
                strcmp(v, "none"))
                return usage_error("--plot: expected png, svg, pdf or none, "
                                   "got '%s'", v);
            c->plot = v;
        } else if (strcmp(a, "--plot-timeout") == 0) {
            char *end;
            NEED_VALUE();
            errno = 0;
            c->plot_timeout = strtod(v, &end);
            if (errno || end == v || *end || !(c->plot_timeout > 0) ||
                c->plot_timeout > 86400)
                return usage_error("--plot-timeout: expected seconds, more "
                                   "than 0 and at most 86400, got '%s'", v);
        } else if (strcmp(a, "--trace") == 0) {
            c->trace = true;
        } else if (strcmp(a, "--threads") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 1, 4096, &n))
                return usage_error("--threads: expected a whole number >= 1, "
                                   "got '%s'", v);
            c->threads = (int)n;
        } else if (strcmp(a, "--max-cases") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 1, RR_MAX_CASES_LIMIT, &n))
                return usage_error("--max-cases: expected a whole number "
                                   "from 1 to %u, got '%s'",
                                   RR_MAX_CASES_LIMIT, v);
            c->max_cases = n;
        } else if (strcmp(a, "--quiet") == 0) {
            c->quiet = true;
        } else if (strcmp(a, "--vary") == 0) {
            NEED_VALUE();
            if ((size_t)c->n_vary >= RR_COUNTOF(c->vary))
                return usage_error("too many --vary options");
            c->vary[c->n_vary++] = v;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option '%s'", a);
        } else {
            if (c->n_pos >= 2)
                return usage_error("unexpected argument '%s'", a);
            c->pos[c->n_pos++] = a;
        }
#undef NEED_VALUE
    }
    return -1;
}

/* layout_check - whether the plan's stages and providers give indicator
 * names of their own (a stage `total` would make a second caseload_total):
 * RR_OK, or the status with "PATH: message" in err. */
static int layout_check(const char *path, const rr_plan *plan, char *err,
                        size_t errlen)
{
    rr_layout l;
    char msg[512] = "";
    int rc = rr_layout_check(plan, &l, msg, sizeof msg);
    if (rc == RR_OK)
        rr_layout_fini(&l);
    else
        snprintf(err, errlen, "%s: %s", path, msg);
    return rc;
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
        rc = layout_check(path, *plan, err, sizeof err);
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
        return usage_error("check needs one scenario file");
    if ((rc = load(c->pos[0], c, &sc, &plan)) != EXIT_OK)
        return rc;
    rr_scenario_print(sc, stdout);
    rr_scenario_destroy(sc);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- progress on a terminal ------------------------------------------- */

typedef struct progress {
    double t0, last;
    bool shown;
} progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void clock_text(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* on_progress - "[#####.....] 12/20 replications  0:04 elapsed, about 0:03
 * left" on stderr, redrawn at most ten times a second (called from the
 * worker threads, one at a time). */
static void on_progress(void *ctx, size_t done, size_t total)
{
    progress *p = ctx;
    double t = now_seconds(), el = t - p->t0;
    char bar[32], a[32], b[32];
    size_t fill = total ? done * 24 / total : 24;
    if (done > 0 && done < total && t - p->last < 0.1)
        return;
    p->last = t;
    for (size_t i = 0; i < 24; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[24] = '\0';
    clock_text(el, a, sizeof a);
    if (done > 0 && done < total)
        clock_text(el / (double)done * (double)(total - done), b, sizeof b);
    fprintf(stderr, "\r[%s] %zu/%zu replications  %s elapsed%s%s ", bar,
            done, total, a, done > 0 && done < total ? ", about " : "",
            done > 0 && done < total ? b : "");
    if (done > 0 && done < total)
        fputs("left ", stderr);
    fflush(stderr);
    p->shown = true;
}

static void progress_clear(progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r%78s\r", "");
    p->shown = false;
}

/* ---- run ------------------------------------------------------------------ */

static const char *out_path(const rr_outdir *d, const char *name, char *buf,
                            size_t n)
{
    return rr_outdir_path(d, name, buf, n);
}

/* write_results - every file of the results folder but the charts. */
static int write_results(const rr_run_result *r, rr_scenario *sc,
                         rr_trace *trace, const cli *c, rr_outdir *d,
                         char *err, size_t errlen)
{
    char path[4096], path2[4096], created[32];
    const rr_config *cfg = r->plan->cfg[0];
    rr_manifest m;
    time_t now = time(NULL);
    struct tm tm;
    int rc;

    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    m.version = RR_VERSION;
    m.command = c->cmdline;
    m.created = created;
    if ((rc = rr_write_timeseries(out_path(d, "timeseries.csv", path,
                                           sizeof path),
                                  r, err, errlen)) ||
        (rc = rr_write_timeseries_summary(
             out_path(d, "timeseries_summary.csv", path, sizeof path), r,
             err, errlen)) ||
        (rc = rr_write_summary(out_path(d, "summary.csv", path, sizeof path),
                               r, err, errlen)) ||
        (rc = rr_write_events(out_path(d, "events.csv", path, sizeof path),
                              r->plan, err, errlen)) ||
        (rc = rr_write_run_info(out_path(d, "run.csv", path, sizeof path), r,
                                RR_VERSION, cfg->seed, err, errlen)))
        return rc;
    if (trace &&
        (rc = rr_trace_finish(
             trace, out_path(d, "cases.csv", path, sizeof path),
             out_path(d, "time_to_departure.csv", path2, sizeof path2), err,
             errlen)))
        return rc;
    return rr_write_resolved(d->tmp, sc, &m, err, errlen);
}

/* draw - the charts into TMP/plots.  RR_ENOTFOUND without gnuplot (the
 * caller warns); otherwise the plotting status. */
static int draw(rr_outdir *d, rr_plot_format fmt, double timeout, char *err,
                size_t errlen)
{
    rr_plot_opts po = {fmt, timeout, &g_stop};
    char gp[4096], plots[4096];
    int rc;
    if (!rr_plot_script_mode() && !rr_plot_find_gnuplot(gp, sizeof gp))
        return RR_ENOTFOUND;
    out_path(d, "plots", plots, sizeof plots);
    if (mkdir(plots, 0777) != 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create folder '%s': %s", plots,
                 strerror(e));
        return RR_EIO;
    }
    rc = rr_plot_results(d->tmp, plots, &po, err, errlen);
    if (rc != RR_OK)
        rr_remove_tree(plots); /* no half set of charts */
    return rc;
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

/* begin_dir - the results folder's checks and its temporary folder, before
 * anything is simulated.  EXIT_OK, or the exit code with the message
 * printed: a target refused is bad usage (2). */
static int begin_dir(const cli *c, const char *target, rr_outdir *d)
{
    char err[1024] = "";
    unsigned flags = (c->force ? RR_OUTDIR_FORCE : 0) |
                     (c->out ? 0 : RR_OUTDIR_PARENTS);
    int rc;
    if (g_stop)
        return interrupted("results");
    rc = rr_outdir_begin(d, target, flags, print_note, NULL, err, sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        return rc == RR_EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* end_dir - commit the folder after writing (rc: the writing's status),
 * or remove it; the message and exit code of a failure. */
static int end_dir(rr_outdir *d, int rc, const char *err)
{
    char cerr[1024] = "";
    if (rc == RR_OK && g_stop)
        rc = RR_EINTR;
    if (rc == RR_OK && (rc = rr_outdir_commit(d, cerr, sizeof cerr)) != RR_OK)
        err = cerr;
    if (rc == RR_OK)
        return EXIT_OK;
    rr_outdir_abort(d);
    if (rc == RR_EINTR)
        return interrupted("results");
    fprintf(stderr, "rrsim: %s\n", err && *err ? err : rr_strerror(rc));
    return EXIT_RUNTIME;
}

static int cmd_run(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    const rr_config *cfg;
    rr_run_result res;
    rr_run_opts opts;
    rr_outdir dir;
    rr_trace *trace = NULL;
    rr_plot_format fmt = RR_PLOT_PNG;
    progress prog;
    char target[4096];
    char err[1024] = "", plot_err[8192] = "";
    int rc, prc = RR_OK;

    if (c->n_pos != 1)
        return usage_error("run needs one scenario file");
    if ((rc = load(c->pos[0], c, &sc, &plan)) != EXIT_OK)
        return rc;
    rr_plot_format_parse(c->plot, &fmt);
    cfg = plan->cfg[0];
    if (c->out)
        snprintf(target, sizeof target, "%s", c->out);
    else
        rr_outdir_default(cfg->name, target, sizeof target);
    if ((rc = begin_dir(c, target, &dir)) != EXIT_OK) {
        rr_scenario_destroy(sc);
        return rc;
    }
    memset(&opts, 0, sizeof opts);
    opts.reps = cfg->replications;
    opts.seed = cfg->seed;
    opts.threads = c->threads;
    opts.stop = &g_stop;
    opts.max_cases = (uint64_t)c->max_cases;
    if (c->trace) {
        if ((rc = rr_trace_create(plan, dir.tmp, (size_t)opts.reps, &trace,
                                  err, sizeof err)) != RR_OK) {
            rr_scenario_destroy(sc);
            return end_dir(&dir, rc, err);
        }
        opts.on_case = rr_trace_case;
        opts.case_ctx = rr_trace_contexts(trace);
    }
    memset(&prog, 0, sizeof prog);
    if (!c->quiet && isatty(STDERR_FILENO)) {
        prog.t0 = now_seconds();
        opts.progress = on_progress;
        opts.progress_ctx = &prog;
        on_progress(&prog, 0, (size_t)opts.reps);
    }
    rc = rr_run(plan, &opts, &res, err, sizeof err);
    progress_clear(&prog);
    if (rc != RR_OK) {
        char where[1200];
        rr_trace_destroy(trace);
        rr_scenario_destroy(sc);
        /* a failure of the simulation names the scenario it ran */
        snprintf(where, sizeof where, "%s: %s", c->pos[0],
                 err[0] ? err : rr_strerror(rc));
        return end_dir(&dir, rc, where);
    }
    rc = write_results(&res, sc, trace, c, &dir, err, sizeof err);
    rr_trace_destroy(trace);
    if (rc == RR_OK && !g_stop && fmt != RR_PLOT_NONE)
        prc = draw(&dir, fmt, c->plot_timeout, plot_err, sizeof plot_err);
    if ((rc = end_dir(&dir, rc, err)) != EXIT_OK) {
        rr_run_result_fini(&res);
        rr_scenario_destroy(sc);
        return rc;
    }
    rc = report_charts(prc, plot_err, target);
    if (!c->quiet) {
        rr_print_kpis(stdout, &res);
        printf("\nresults: %s\n", target);
    }
    rr_run_result_fini(&res);
    rr_scenario_destroy(sc);
    if (fflush(stdout) != 0)
        return EXIT_RUNTIME;
    return rc;
}

/* ---- sweep and compare --------------------------------------------------- */

/* load_points - load and plan each scenario with its own overrides (on
 * top of the --set ones) into sc[] and plans[] (n entries; the caller
 * destroys sc[] whatever the outcome).  EXIT_*, with the message printed. */
static int load_points(const cli *c, const char *const *paths,
                       char ***point_sets, size_t n_point_sets, size_t n,
                       rr_scenario **sc, const rr_plan **plans)
{
    const char **sets = calloc((size_t)c->n_sets + n_point_sets + 1,
                               sizeof *sets);
    char err[1024] = "";
    int rc = EXIT_OK;

    if (!sets) {
        fprintf(stderr, "rrsim: %s\n", rr_strerror(RR_ENOMEM));
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        size_t k = 0;
        for (int j = 0; j < c->n_sets; j++)
            sets[k++] = c->sets[j];
        for (size_t j = 0; point_sets && j < n_point_sets; j++)
            sets[k++] = point_sets[i][j];
        rc = rr_scenario_load(paths[i], sets, k, &sc[i], err, sizeof err);
        if (rc == RR_OK)
            rc = rr_scenario_plan(sc[i], &plans[i], err, sizeof err);
        if (rc == RR_OK)
            rc = layout_check(paths[i], plans[i], err, sizeof err);
        if (rc != RR_OK) {
            if (point_sets && strncmp(err, "--set", 5) == 0) {
                /* the settings were checked without the design: the
                 * offending override is one of --vary's */
                fprintf(stderr, "rrsim: --vary%s\n", err + 5);
            } else if (point_sets) {
                fprintf(stderr, "rrsim: design point %zu (", i + 1);
                for (size_t j = 0; j < n_point_sets; j++)
                    fprintf(stderr, "%s%s", j ? ", " : "", point_sets[i][j]);
                fprintf(stderr, "): %s\n", err);
            } else
                fprintf(stderr, "rrsim: %s\n", err);
            rc = rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
        }
    }
    free(sets);
    return rc;
}

/* sim_points - run the n plans with common random numbers into res.
 * EXIT_*, with the message printed. */
static int sim_points(const cli *c, const char *const *paths,
                      char ***point_sets, size_t n_point_sets,
                      const rr_plan **plans, size_t n, rr_run_result *res)
{
    rr_run_opts opts;
    progress prog;
    char err[1024] = "";
    size_t failed = 0;
    int rc;

    memset(&opts, 0, sizeof opts);
    opts.reps = plans[0]->cfg[0]->replications;
    opts.seed = plans[0]->cfg[0]->seed;
    opts.threads = c->threads;
    opts.stop = &g_stop;
    opts.max_cases = (uint64_t)c->max_cases;
    opts.failed_plan = &failed;
    memset(&prog, 0, sizeof prog);
    if (!c->quiet && isatty(STDERR_FILENO)) {
        prog.t0 = now_seconds();
        opts.progress = on_progress;
        opts.progress_ctx = &prog;
        on_progress(&prog, 0, n * (size_t)opts.reps);
    }
    rc = rr_run_many(plans, n, 1, &opts, res, err, sizeof err);
    progress_clear(&prog);
    if (rc == RR_EINTR)
        return interrupted("results");
    if (rc != RR_OK) {
        /* which scenario and, in a sweep, which design point failed */
        fprintf(stderr, "rrsim: %s: ", paths[failed < n ? failed : 0]);
        if (point_sets && failed < n) {
            fprintf(stderr, "design point %zu (", failed + 1);
            for (size_t j = 0; j < n_point_sets; j++)
                fprintf(stderr, "%s%s", j ? ", " : "", point_sets[failed][j]);
            fprintf(stderr, "): ");
        }
        fprintf(stderr, "%s\n", err[0] ? err : rr_strerror(rc));
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* finish_dir - write the files of a sweep, comparison or fit into the
 * begun folder (fn writes the CSV files into the temporary folder), draw
 * its chart there and commit it.  Returns the folder's exit code; *charts
 * gets the charts' (a chart that failed leaves the folder without plots/,
 * as in run). */
typedef int writer_fn(const rr_outdir *d, void *ctx, char *err,
                      size_t errlen);

static int finish_dir(const cli *c, rr_outdir *dir, const char *target,
                      writer_fn *fn, void *ctx, int *charts)
{
    rr_plot_format fmt = RR_PLOT_PNG;
    char err[1024] = "", plot_err[8192] = "";
    int rc, prc = RR_OK;

    *charts = EXIT_OK;
    rr_plot_format_parse(c->plot, &fmt);
    rc = fn(dir, ctx, err, sizeof err);
    if (rc == RR_OK && !g_stop && fmt != RR_PLOT_NONE)
        prc = draw(dir, fmt, c->plot_timeout, plot_err, sizeof plot_err);
    if ((rc = end_dir(dir, rc, err)) != EXIT_OK)
        return rc;
    *charts = report_charts(prc, plot_err, target);
    return EXIT_OK;
}

/* write_runs - run.csv with one row per result, in order (a comparison
 * has two: the baseline, then the policy), all with the seed used.
 * rr_write_run_info writes one row with its header; the rows after the
 * first are written beside it and appended without the header. */
static int write_runs(const rr_outdir *d, const rr_run_result *r, size_t n,
                      char *err, size_t errlen)
{
    char path[4096], part[4096], line[8192];
    uint64_t seed = r[0].plan->cfg[0]->seed;
    int rc = rr_write_run_info(rr_outdir_path(d, "run.csv", path,
                                              sizeof path),
                               &r[0], RR_VERSION, seed, err, errlen);
    for (size_t i = 1; i < n && rc == RR_OK; i++) {
        FILE *in, *out;
        bool header = true;
        int bad;
        rr_outdir_path(d, ".run-row.csv", part, sizeof part);
        if ((rc = rr_write_run_info(part, &r[i], RR_VERSION, seed, err,
                                    errlen)) != RR_OK)
            break;
        in = fopen(part, "r");
        out = fopen(path, "a");
        if (!in || !out) {
            int e = errno;
            snprintf(err, errlen, "cannot write '%s': %s", path,
                     strerror(e));
            if (in)
                fclose(in);
            if (out)
                fclose(out);
            remove(part);
            return RR_EIO;
        }
        while (fgets(line, sizeof line, in)) {
            if (!header)
                fputs(line, out);
            header = header && !strchr(line, '\n');
        }
        bad = ferror(in) | ferror(out);
        fclose(in);
        if (fclose(out) != 0 || bad) {
            snprintf(err, errlen, "cannot write '%s': %s", path,
                     strerror(errno ? errno : EIO));
            rc = RR_EIO;
        }
        remove(part);
    }
    return rc;
}

typedef struct sweep_ctx {
    const rr_design *d;
    const rr_run_result *r;
} sweep_ctx;

static int write_sweep_files(const rr_outdir *d, void *ctx, char *err,
                             size_t errlen)
{
    sweep_ctx *s = ctx;
    char path[4096];
    int rc = rr_write_sweep(rr_outdir_path(d, "sweep.csv", path, sizeof path),
                            s->d, s->r, err, errlen);
    return rc != RR_OK ? rc : write_runs(d, s->r, 1, err, errlen);
}

static int cmd_sweep(cli *c)
{
    const char *const shown[] = {
        rr_indicators[RR_IND_DEPARTURES_VERIFIED].name,
        rr_indicators[RR_IND_DEPARTURES_UNSUPERVISED].name,
        rr_indicators[RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY].name,
        rr_indicators[RR_IND_TIME_TO_DEPARTURE_MEAN].name,
        rr_indicators[RR_IND_CASELOAD_END].name};
    rr_vary *vary;
    rr_design d;
    rr_scenario **sc = NULL;
    const rr_plan **plans = NULL;
    rr_run_result *res = NULL;
    char ***psets = NULL;
    const char **paths = NULL;
    char err[1024] = "", target[4096];
    rr_outdir dir;
    int rc = EXIT_OK, charts = EXIT_OK;
    size_t n = 0, got = 0;

    if (c->n_pos != 1)
        return usage_error("sweep needs one scenario file");
    if (c->n_vary == 0)
        return usage_error("sweep needs at least one --vary KEY=FROM:TO:STEP "
                           "or KEY=V1,V2,...");
    vary = calloc((size_t)c->n_vary, sizeof *vary);
    if (!vary)
        return EXIT_RUNTIME;
    for (int i = 0; i < c->n_vary; i++) {
        int prc = rr_vary_parse(c->vary[i], &vary[i], err, sizeof err);
        if (prc != RR_OK) {
            for (int j = 0; j < i; j++)
                rr_vary_fini(&vary[j]);
            free(vary);
            fprintf(stderr, "rrsim: %s\n", err);
            return prc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
        }
    }
    if ((rc = rr_design_grid(vary, (size_t)c->n_vary, &d, err,
                             sizeof err)) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        rr_design_fini(&d);
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    n = d.n_points;
    sc = calloc(n, sizeof *sc);
    plans = calloc(n, sizeof *plans);
    res = calloc(n, sizeof *res);
    psets = calloc(n, sizeof *psets);
    paths = calloc(n, sizeof *paths);
    if (!sc || !plans || !res || !psets || !paths) {
        rc = EXIT_RUNTIME;
        goto done;
    }
    for (got = 0; got < n; got++) {
        paths[got] = c->pos[0];
        psets[got] = calloc(d.n_vary, sizeof(char *));
        if (!psets[got] || rr_design_overrides(&d, got, psets[got]) != RR_OK) {
            free(psets[got]);
            psets[got] = NULL;
            rc = EXIT_RUNTIME;
            goto done;
        }
    }
    {
        /* the scenario and --set alone first, so that their errors are
         * told as such and not blamed on a design point */
        rr_scenario *plain = NULL;
        const rr_plan *pp;
        rc = load(c->pos[0], c, &plain, &pp);
        rr_scenario_destroy(plain);
        if (rc != EXIT_OK)
            goto done;
    }
    if ((rc = load_points(c, paths, psets, d.n_vary, n, sc, plans)) !=
        EXIT_OK)
        goto done;
    if (c->out)
        snprintf(target, sizeof target, "%s", c->out);
    else {
        char name[RR_NAME_MAX + 8];
        snprintf(name, sizeof name, "%s-sweep", plans[0]->cfg[0]->name);
        rr_outdir_default(name, target, sizeof target);
    }
    if ((rc = begin_dir(c, target, &dir)) != EXIT_OK)
        goto done;
    if ((rc = sim_points(c, paths, psets, d.n_vary, plans, n, res)) !=
        EXIT_OK) {
        rr_outdir_abort(&dir);
        goto done;
    }
    {
        sweep_ctx ctx = {&d, res};
        rc = finish_dir(c, &dir, target, write_sweep_files, &ctx, &charts);
    }
    if (rc == EXIT_OK && !c->quiet) {
        printf("%s: %zu design points x %zu replications, common random "
               "numbers (mean +- 95%% CI half-width)\n\n",
               res[0].plan->cfg[0]->name, n, res[0].reps);
        rr_print_sweep(stdout, &d, res, shown, RR_COUNTOF(shown));
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    for (size_t i = 0; i < n; i++)
        rr_run_result_fini(&res[i]);
done:
    if (psets)
        for (size_t i = 0; i < got; i++) {
            rr_design_overrides_free(&d, psets[i]);
            free(psets[i]);
        }
    if (sc)
        for (size_t i = 0; i < n; i++)
            rr_scenario_destroy(sc[i]);
    free(sc);
    free(plans);
    free(res);
    free(psets);
    free(paths);
    rr_design_fini(&d);
    if (rc == EXIT_OK && fflush(stdout) != 0)
        rc = EXIT_RUNTIME;
    return rc;
}

typedef struct compare_ctx {
    const rr_run_result *r;
} compare_ctx;

static int write_compare_files(const rr_outdir *d, void *ctx, char *err,
                               size_t errlen)
{
    compare_ctx *s = ctx;
    char path[4096];
    int rc = rr_write_compare(rr_outdir_path(d, "compare.csv", path,
                                             sizeof path),
                              &s->r[0], &s->r[1], err, errlen);
    return rc != RR_OK ? rc : write_runs(d, s->r, 2, err, errlen);
}

static int cmd_compare(cli *c)
{
    rr_scenario *sc[2] = {NULL, NULL};
    const rr_plan *plans[2];
    rr_run_result res[2];
    rr_outdir dir;
    char target[4096];
    int rc, charts = EXIT_OK;

    if (c->n_pos != 2)
        return usage_error("compare needs two scenario files: BASELINE "
                           "POLICY");
    rc = load_points(c, c->pos, NULL, 0, 2, sc, plans);
    if (rc == EXIT_OK) {
        if (c->out)
            snprintf(target, sizeof target, "%s", c->out);
        else {
            char name[2 * RR_NAME_MAX + 8];
            snprintf(name, sizeof name, "%s-vs-%s", plans[0]->cfg[0]->name,
                     plans[1]->cfg[0]->name);
            rr_outdir_default(name, target, sizeof target);
        }
        rc = begin_dir(c, target, &dir);
    }
    if (rc == EXIT_OK &&
        (rc = sim_points(c, c->pos, NULL, 0, plans, 2, res)) != EXIT_OK)
        rr_outdir_abort(&dir);
    if (rc == EXIT_OK) {
        compare_ctx ctx = {res};
        rc = finish_dir(c, &dir, target, write_compare_files, &ctx, &charts);
        if (rc == EXIT_OK && !c->quiet) {
            rr_print_compare(stdout, &res[0], &res[1]);
            printf("\nresults: %s\n", target);
        }
        if (rc == EXIT_OK)
            rc = charts;
        rr_run_result_fini(&res[0]);
        rr_run_result_fini(&res[1]);
    }
    rr_scenario_destroy(sc[0]);
    rr_scenario_destroy(sc[1]);
    if (rc == EXIT_OK && fflush(stdout) != 0)
        rc = EXIT_RUNTIME;
    return rc;
}

typedef struct fit_ctx {
    const rr_fit *f;
    const rr_run_result *r;
} fit_ctx;

static int write_fit_files(const rr_outdir *d, void *ctx, char *err,
                           size_t errlen)
{
    fit_ctx *s = ctx;
    char path[4096];
    int rc = rr_write_fit(rr_outdir_path(d, "fit.csv", path, sizeof path),
                          s->f, s->r, err, errlen);
    return rc != RR_OK ? rc : write_runs(d, s->r, 1, err, errlen);
}

static int cmd_fit(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_table *obs = NULL;
    rr_run_result res;
    rr_outdir dir;
    rr_fit fit;
    char err[1024] = "", target[4096];
    int rc, trc, charts = EXIT_OK;

    if (c->n_pos != 2)
        return usage_error("fit needs a scenario file and a CSV of observed "
                           "figures");
    /* bad input fails before anything is simulated */
    trc = rr_table_read(c->pos[1], &obs, err, sizeof err);
    if (trc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        return trc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    if (rr_fit_columns(obs, err, sizeof err) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        rr_table_destroy(obs);
        return EXIT_USAGE;
    }
    rc = load_points(c, c->pos, NULL, 0, 1, &sc, &plan);
    if (rc == EXIT_OK) {
        if (c->out)
            snprintf(target, sizeof target, "%s", c->out);
        else {
            char name[RR_NAME_MAX + 8];
            snprintf(name, sizeof name, "%s-fit", plan->cfg[0]->name);
            rr_outdir_default(name, target, sizeof target);
        }
        rc = begin_dir(c, target, &dir);
    }
    if (rc == EXIT_OK &&
        (rc = sim_points(c, c->pos, NULL, 0, &plan, 1, &res)) != EXIT_OK)
        rr_outdir_abort(&dir);
    if (rc != EXIT_OK) {
        rr_table_destroy(obs);
        rr_scenario_destroy(sc);
        return rc;
    }
    trc = rr_fit_make(obs, &res, &fit, err, sizeof err);
    if (trc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(trc));
        rc = trc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
        rr_outdir_abort(&dir);
    } else {
        fit_ctx ctx = {&fit, &res};
        rc = finish_dir(c, &dir, target, write_fit_files, &ctx, &charts);
        if (rc == EXIT_OK && !c->quiet) {
            rr_print_fit(stdout, &fit, &res);
            printf("\nresults: %s\n", target);
        }
        if (rc == EXIT_OK)
            rc = charts;
        rr_fit_fini(&fit);
    }
    rr_run_result_fini(&res);
    rr_table_destroy(obs);
    rr_scenario_destroy(sc);
    if (rc == EXIT_OK && fflush(stdout) != 0)
        rc = EXIT_RUNTIME;
    return rc;
}

/* ---- plot ----------------------------------------------------------------- */

static int cmd_plot(cli *c)
{
    rr_plot_format fmt = RR_PLOT_PNG;
    rr_outdir dir;
    char path[4096], gp[4096], err[1024] = "";
    const char *res;
    int rc;

    if (c->n_pos != 1)
        return usage_error("plot needs one results folder");
    res = c->pos[0];
    rr_plot_format_parse(c->plot, &fmt);
    /* a run's, a sweep's, a comparison's or a fit's folder */
    snprintf(path, sizeof path, "%s/timeseries_summary.csv", res);
    if (!rr_plot_has_data(res) && access(path, R_OK) != 0) {
        int e = errno;
        fprintf(stderr, "rrsim: cannot open '%s': %s\n", path, strerror(e));
        return EXIT_USAGE;
    }
    if (fmt == RR_PLOT_NONE)
        return EXIT_OK;
    if (!rr_plot_script_mode() && !rr_plot_find_gnuplot(gp, sizeof gp)) {
        fprintf(stderr, "rrsim: gnuplot not found (install it with: "
                        "apt-get install gnuplot-nox)\n");
        return EXIT_RUNTIME;
    }
    snprintf(path, sizeof path, "%s/plots", res);
    /* plots/ is replaced only inside an rrsim results folder */
    if ((rc = rr_outdir_begin(&dir, path, RR_OUTDIR_FORCE | RR_OUTDIR_CHARTS,
                              print_note, NULL, err, sizeof err)) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        return rc == RR_EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
    }
    {
        rr_plot_opts po = {fmt, c->plot_timeout, &g_stop};
        rc = rr_plot_results(res, dir.tmp, &po, err, sizeof err);
    }
    if (rc == RR_OK && g_stop)
        rc = RR_EINTR;
    if (rc == RR_OK)
        rc = rr_outdir_commit(&dir, err, sizeof err);
    if (rc != RR_OK) {
        rr_outdir_abort(&dir);
        if (rc == RR_EINTR)
            return interrupted("charts");
        fprintf(stderr, "rrsim: %s\n", err);
        return rc == RR_EPARSE || rc == RR_ENOTFOUND ? EXIT_USAGE
                                                     : EXIT_RUNTIME;
    }
    if (!c->quiet)
        printf("charts: %s\n", path);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

int main(int argc, char **argv)
{
    cli c;
    int rc;
    struct sigaction sa;

    gsl_set_error_handler_off();
    rr_keep_freed_memory();
    memset(&c, 0, sizeof c);
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("rrsim %s\n", RR_VERSION);
        return EXIT_OK;
    }
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

    rc = parse_args(argc, argv, &c);
    if (rc < 0) {
        if (strcmp(c.cmd, "run") == 0)
            rc = cmd_run(&c);
        else if (strcmp(c.cmd, "check") == 0)
            rc = cmd_check(&c);
        else if (strcmp(c.cmd, "plot") == 0)
            rc = cmd_plot(&c);
        else if (strcmp(c.cmd, "sweep") == 0)
            rc = cmd_sweep(&c);
        else if (strcmp(c.cmd, "compare") == 0)
            rc = cmd_compare(&c);
        else if (strcmp(c.cmd, "fit") == 0)
            rc = cmd_fit(&c);
        else
            rc = usage_error("unknown command '%s'", c.cmd);
    }
    /* stopped by a signal: 128 + its number, as a shell reports it */
    if (g_signal && rc != EXIT_OK)
        rc = 128 + g_signal;
    return rc;
}
