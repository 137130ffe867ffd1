/*
 * sensitivity_cmd.c - `rrsim sensitivity`: the Sobol indices of the
 * scenario's indicators over its uncertain parameters (or the --vary
 * ranges), with a progress bar over every run, the ranking on the
 * terminal and the files and charts in one results folder.  The study
 * layer computes (rr_sensitivity.h); the results layer writes; this
 * checks the command line and prints the outcome.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_points.h"
#include "rr_results.h"
#include "rr_scenario.h"
#include "rr_sensitivity.h"
#include "rr_sweep.h"

/* The inputs of the study: the --vary ranges, or the scenario's own. */
typedef struct inputs {
    size_t k;
    rr_interval range[CLI_MAX_VARY];  /* of --vary, or none */
    char dist[RR_SENS_MAX_INPUTS][96];
    rr_sens_input in[RR_SENS_MAX_INPUTS];
} inputs;

static void interval_value(const void *ctx, double u, char *buf, size_t n)
{
    rr_interval_value(ctx, u, buf, n);
}

/* uncertain_value - a declared parameter's value at u, by its
 * distribution, as --set writes it. */
static void uncertain_value(const void *ctx, double u, char *buf, size_t n)
{
    const rr_uncertain *p = ctx;
    rr_uncertain_text(p, rr_uncertain_draw(p, u), buf, n);
}

/* inputs_of_scenario - the parameters the scenario declares uncertain
 * (sc must outlive x); EXIT_*, the message printed. */
static int inputs_of_scenario(const char *path, const rr_scenario *sc,
                              inputs *x)
{
    size_t k = rr_scenario_n_uncertain(sc);
    if (k > RR_SENS_MAX_INPUTS) {
        fprintf(stderr, "rrsim: %s: %zu uncertain parameters, at most %d "
                        "for a sensitivity study (give the ones to study "
                        "with --vary KEY=LOW:HIGH)\n",
                path, k, RR_SENS_MAX_INPUTS);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < k; i++) {
        const rr_uncertain *p = rr_scenario_uncertain(sc, i);
        if (p->dist)
            snprintf(x->dist[i], sizeof x->dist[i], "%s", p->written);
        else {
            /* a range LOW:HIGH is uniform over it */
            const char *colon = strchr(p->written, ':');
            if (colon)
                snprintf(x->dist[i], sizeof x->dist[i], "uniform(%.*s, %s)",
                         (int)(colon - p->written), p->written, colon + 1);
            else
                snprintf(x->dist[i], sizeof x->dist[i], "%s", p->written);
        }
        x->in[i] = (rr_sens_input){p->name, uncertain_value, p, x->dist[i]};
    }
    x->k = k;
    return EXIT_OK;
}

static void inputs_fini(inputs *x)
{
    for (size_t i = 0; i < x->k && i < CLI_MAX_VARY; i++)
        rr_interval_fini(&x->range[i]);
}

/* inputs_of_vary - the --vary ranges, uniform; EXIT_*, the message
 * printed. */
static int inputs_of_vary(const cli *c, inputs *x)
{
    char err[1024] = "";
    for (int i = 0; i < c->n_vary; i++) {
        rr_interval *r = &x->range[i];
        int rc = rr_interval_parse(c->vary[i], r, err, sizeof err);
        if (rc != RR_OK) {
            fprintf(stderr, "rrsim: %s\n", err);
            return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
        }
        x->k = (size_t)i + 1;
        snprintf(x->dist[i], sizeof x->dist[i], "uniform(%.6g%s, %.6g%s)",
                 r->lo, r->unit, r->hi, r->unit);
        x->in[i] = (rr_sens_input){r->key, interval_value, r, x->dist[i]};
    }
    return EXIT_OK;
}

/* print_failure - a failure of the study's points: an override refused
 * as such (an unknown key of --vary), or which run, with its values, and
 * why. */
static void print_failure(const rr_sensitivity *s, const rr_point_error *e)
{
    if (e->override) {
        fprintf(stderr, "rrsim: --vary%s\n", e->msg);
        return;
    }
    fputs("rrsim: ", stderr);
    if (e->point != RR_NO_POINT && e->point < s->n_eval) {
        fprintf(stderr, "%s: run %zu (", e->path ? e->path : "",
                e->point + 1);
        for (size_t i = 0; i < s->k; i++)
            fprintf(stderr, "%s%s=%s", i ? ", " : "", s->in[i].key,
                    s->d.vary[i].values[e->point]);
        fputs("): ", stderr);
    }
    fprintf(stderr, "%s\n", e->msg[0] ? e->msg : rr_strerror(e->rc));
}

typedef struct sens_ctx {
    const rr_sensitivity *s;
    const rr_plan *base;
} sens_ctx;

static int write_sens_files(rr_results *t, void *ctx, char *err,
                            size_t errlen)
{
    sens_ctx *x = ctx;
    return rr_results_write_sensitivity(t, x->s, x->base, err, errlen);
}

/* What each batch's results are given to beyond this process: a
 * shard's part of them saved (cli_call_done). */
typedef struct batch_ctx {
    cli *c;
    rr_results *t;
    int exit;               /* of the first batch that failed so */
} batch_ctx;

static int on_batch(void *ctx, const rr_plan *const *plans, size_t n,
                    const rr_run_result *res, uint64_t first, uint64_t items)
{
    batch_ctx *b = ctx;
    b->exit = cli_call_done(b->c, b->t, plans, n, res, first, items);
    return b->exit == EXIT_OK ? RR_OK : RR_EIO;
}

/* study - run, analyse, write; EXIT_*, the message printed.  Its batches
 * are spread as those of any distributed command (--shard, mpirun). */
static int study(cli *c, rr_sensitivity *s, const rr_plan *base)
{
    rr_run_opts opts = cli_run_opts(c);
    rr_point_error e;
    rr_progress prog;
    rr_results t;
    batch_ctx b = {c, &t, EXIT_OK};
    char target[4096];
    const char *name = base->cfg[0]->name;
    int rc, charts;

    opts.precision = NULL;
    cli_target_of(c, target, sizeof target, "%s-sensitivity", name);
    if ((rc = cli_begin(c, target, &t)) != EXIT_OK)
        return rc;
    s->on_batch = on_batch;
    s->batch_ctx = &b;
    rr_progress_start(&prog, !c->quiet, &opts, s->n_eval * s->reps);
    rc = rr_sensitivity_run(s, c->pos[0], c->sets, (size_t)c->n_sets, &opts,
                            &e);
    rr_progress_clear(&prog);
    if (rc == RR_OK) {
        /* a shard saved, an MPI worker done, a merge checked */
        int done = cli_runs_done(c, &t);
        if (done != EXIT_OK)
            return done;
    }
    if (rc == RR_OK)
        rc = rr_sensitivity_analyse(s, c->bootstrap < 0
                                           ? RR_SOBOL_DEFAULT_BOOT
                                           : (size_t)c->bootstrap);
    else if (b.exit != EXIT_OK) {
        rr_results_abort(&t); /* the message is printed */
        return b.exit;
    } else if (rc != RR_EINTR && c->exec && e.rc != RR_ENOMEM) {
        /* a merge: what failed is a shard's */
        rr_results_abort(&t);
        fprintf(stderr, "rrsim: merge: %s\n", e.msg);
        return EXIT_USAGE;
    } else if (rc != RR_EINTR)
        print_failure(s, &e);
    if (rc != RR_OK) {
        rr_results_abort(&t);
        if (rc == RR_EINTR)
            return cli_interrupted(c->shards ? "shard" : "results");
        if (rc == RR_ENOMEM && e.rc != RR_ENOMEM)
            fprintf(stderr, "rrsim: %s\n", rr_strerror(rc));
        return EXIT_RUNTIME;
    }
    {
        sens_ctx ctx = {s, base};
        rc = cli_finish(&t, target, write_sens_files, &ctx, &charts);
    }
    if (rc == EXIT_OK && !c->quiet) {
        rr_print_sensitivity(stdout, s, name);
        printf("\nresults: %s\n", target);
    }
    return rc == EXIT_OK ? charts : rc;
}

int cli_cmd_sensitivity(cli *c)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_sensitivity s;
    rr_point_error e;
    inputs *x;
    char err[2048] = "";
    uint64_t seed;
    int rc;

    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "sensitivity needs one scenario file");
    if (c->samples == 0)
        return cli_usage_error(c->cmd, "sensitivity needs --samples N, the "
                               "number of base samples (64 to 1024 is "
                               "usual)");
    if (!(x = calloc(1, sizeof *x))) {
        fprintf(stderr, "rrsim: %s\n", rr_strerror(RR_ENOMEM));
        return EXIT_RUNTIME;
    }
    if ((rc = inputs_of_vary(c, x)) != EXIT_OK) {
        inputs_fini(x);
        free(x);
        return rc;
    }
    /* the scenario with the common overrides: its seed and name */
    rc = rr_scenario_load(c->pos[0], c->sets, (size_t)c->n_sets, &sc, err,
                          sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rr_scenario_destroy(sc);
        inputs_fini(x);
        free(x);
        return rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    seed = plan->cfg[0]->seed;
    if (c->n_vary == 0)
        rc = inputs_of_scenario(c->pos[0], sc, x);
    for (size_t i = 0; c->n_vary > 0 && i < x->k; i++)
        rr_interval_whole(&x->range[i], sc); /* a count stays whole */
    if (rc == EXIT_OK && x->k == 0) {
        fprintf(stderr, "rrsim: %s: the scenario declares no uncertain "
                        "parameters (NAME.range = LOW:HIGH or NAME.dist in "
                        "[parameters]); declare some, or give ranges with "
                        "--vary KEY=LOW:HIGH\n",
                c->pos[0]);
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        rr_scenario_destroy(sc);
        inputs_fini(x);
        free(x);
        return rc;
    }
    rc = rr_sensitivity_init(&s, x->in, x->k, (size_t)c->samples, seed, err,
                             sizeof err);
    if (rc != RR_OK) {
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        rc = rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    } else if ((rc = rr_sensitivity_check(&s, c->pos[0], c->sets,
                                          (size_t)c->n_sets, c->indicators,
                                          &e)) != RR_OK) {
        print_failure(&s, &e);
        rc = rc == RR_ENOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    } else {
        rc = study(c, &s, plan);
    }
    rr_sensitivity_fini(&s);
    rr_scenario_destroy(sc); /* after the study: the inputs are its */
    inputs_fini(x);
    free(x);
    return cli_done(rc);
}
