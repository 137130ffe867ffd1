/*
 * main.c - the rrsim command line.
 *
 * Parses arguments, calls the layers below and maps their status to an
 * exit code: 0 ok, 1 runtime failure, 2 bad usage or bad input.  Nothing
 * else lives here.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_output.h"
#include "rr_scenario.h"

enum rr_exit { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

#define MAX_SETS 256

static volatile int g_stop;

static void on_signal(int sig)
{
    RR_UNUSED(sig);
    g_stop = 1;
}

static const char usage_text[] =
    "usage: rrsim COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      run the replications, write a results folder\n"
    "  check SCENARIO    validate; print every resolved parameter\n"
    "  sweep SCENARIO --vary KEY=FROM:TO:STEP|KEY=V1,V2,...\n"
    "                    run every design point with replications\n"
    "  compare BASELINE POLICY\n"
    "                    paired runs with common random numbers\n"
    "  plot RESULTS_DIR  redraw the charts of a results folder\n"
    "\n"
    "options of run (most apply to sweep and compare too):\n"
    "  --reps N          replications (default: the scenario's)\n"
    "  --seed S          base seed (default: the scenario's)\n"
    "  --set KEY=VALUE   override a setting or parameter (repeatable)\n"
    "  --out DIR         results folder (default output/NAME/TIMESTAMP)\n"
    "  --force           replace DIR if it exists\n"
    "  --plot FORMAT     png, svg, pdf or none (default png)\n"
    "  --trace           also write cases.csv, one row per case\n"
    "  --threads N       worker threads (default: all cores)\n"
    "  --quiet           no KPI table on stdout\n"
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
    char *owned[4];
    const char *out;
    bool force;
    const char *plot;
    bool trace;
    int threads;
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
            c->owned[0] = malloc(strlen(v) + 32);
            if (!c->owned[0])
                return EXIT_RUNTIME;
            sprintf(c->owned[0], "scenario.replications=%ld", n);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = c->owned[0];
        } else if (strcmp(a, "--seed") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 0, LONG_MAX, &n))
                return usage_error("--seed: expected a whole number >= 0, "
                                   "got '%s'", v);
            c->owned[1] = malloc(strlen(v) + 32);
            if (!c->owned[1])
                return EXIT_RUNTIME;
            sprintf(c->owned[1], "scenario.seed=%ld", n);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = c->owned[1];
        } else if (strcmp(a, "--set") == 0) {
            NEED_VALUE();
            if (!strchr(v, '=') || v[0] == '=')
                return usage_error("--set: expected KEY=VALUE, got '%s'", v);
            if (c->n_sets >= MAX_SETS)
                return usage_error("too many overrides");
            c->sets[c->n_sets++] = v;
        } else if (strcmp(a, "--out") == 0) {
            NEED_VALUE();
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
        } else if (strcmp(a, "--trace") == 0) {
            c->trace = true;
        } else if (strcmp(a, "--threads") == 0) {
            NEED_VALUE();
            if (!parse_int(v, 1, 4096, &n))
                return usage_error("--threads: expected a whole number >= 1, "
                                   "got '%s'", v);
            c->threads = (int)n;
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

/* load - a scenario and its plan; prints the message on failure. */
static int load(const char *path, const cli *c, rr_scenario **sc,
                const rr_plan **plan)
{
    char err[1024] = "";
    int rc = rr_scenario_load(path, c->sets, (size_t)c->n_sets, sc, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(*sc, plan, err, sizeof err);
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

static int write_results(const rr_run_result *r, rr_outdir *d, char *err,
                         size_t errlen)
{
    char path[4096];
    int rc;
    if ((rc = rr_write_timeseries(
             rr_outdir_path(d, "timeseries.csv", path, sizeof path), r, err,
             errlen)) != RR_OK)
        return rc;
    if ((rc = rr_write_timeseries_summary(
             rr_outdir_path(d, "timeseries_summary.csv", path, sizeof path),
             r, err, errlen)) != RR_OK)
        return rc;
    return rr_write_summary(rr_outdir_path(d, "summary.csv", path,
                                           sizeof path),
                            r, err, errlen);
}

static int cmd_run(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    const rr_config *cfg;
    rr_run_result res;
    rr_run_opts opts;
    rr_outdir dir;
    char target[4096];
    char err[1024] = "";
    int rc;

    if (c->n_pos != 1)
        return usage_error("run needs one scenario file");
    if ((rc = load(c->pos[0], c, &sc, &plan)) != EXIT_OK)
        return rc;
    cfg = plan->cfg[0];
    if (c->out)
        snprintf(target, sizeof target, "%s", c->out);
    else
        rr_outdir_default(cfg->name, target, sizeof target);
    if (rr_outdir_begin(&dir, target, c->force, err, sizeof err) != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err);
        rr_scenario_destroy(sc);
        return EXIT_USAGE;
    }
    memset(&opts, 0, sizeof opts);
    opts.reps = cfg->replications;
    opts.seed = cfg->seed;
    opts.threads = c->threads;
    opts.stop = &g_stop;
    rc = rr_run(plan, &opts, &res, err, sizeof err);
    if (rc != RR_OK) {
        rr_outdir_abort(&dir);
        rr_scenario_destroy(sc);
        fprintf(stderr, "rrsim: %s\n",
                rc == RR_EINTR ? "interrupted; no results written" : err);
        return EXIT_RUNTIME;
    }
    rc = write_results(&res, &dir, err, sizeof err);
    if (rc == RR_OK && g_stop)
        rc = RR_EINTR;
    if (rc == RR_OK)
        rc = rr_outdir_commit(&dir, err, sizeof err);
    if (rc != RR_OK) {
        rr_outdir_abort(&dir);
        fprintf(stderr, "rrsim: %s\n",
                rc == RR_EINTR ? "interrupted; no results written" : err);
        rr_run_result_fini(&res);
        rr_scenario_destroy(sc);
        return EXIT_RUNTIME;
    }
    if (!c->quiet) {
        rr_print_kpis(stdout, &res);
        printf("\nresults: %s\n", target);
    }
    rr_run_result_fini(&res);
    rr_scenario_destroy(sc);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

int main(int argc, char **argv)
{
    cli c;
    int rc;
    struct sigaction sa;

    gsl_set_error_handler_off();
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
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    rc = parse_args(argc, argv, &c);
    if (rc < 0) {
        if (strcmp(c.cmd, "run") == 0)
            rc = cmd_run(&c);
        else if (strcmp(c.cmd, "check") == 0)
            rc = cmd_check(&c);
        else
            rc = usage_error("unknown command '%s'", c.cmd);
    }
    for (size_t i = 0; i < RR_COUNTOF(c.owned); i++)
        free(c.owned[i]);
    return rc;
}
