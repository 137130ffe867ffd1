/*
 * uncertainty_cmd.c - `rrsim uncertainty` and `rrsim compare --samples`:
 * a scenario (or a pair) over its assumption ranges.  The study layer
 * draws and runs (rr_uncertainty.h), the results layer writes; this
 * checks the command line, runs the results folder's transaction and
 * prints the outcome.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "rr_common.h"
#include "rr_design.h"
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_results.h"
#include "rr_uncertainty.h"
#include "rr_util.h"

/* The indicators the terminal shows, and those it ranks the assumptions
 * for. */
static const rr_ind_id shown_ids[] = {
    RR_IND_DEPARTURES_VERIFIED, RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY, RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_CASELOAD_END};
static const rr_ind_id ranked_ids[] = {RR_IND_DEPARTURES_VERIFIED,
                                       RR_IND_CASELOAD_END};

typedef struct unc_ctx {
    const rr_uncertainty *u;
    const char *cmdline;
} unc_ctx;

static int write_files(rr_results *t, void *ctx, char *err, size_t errlen)
{
    unc_ctx *s = ctx;
    return rr_results_write_uncertainty(t, s->u, s->cmdline, err, errlen);
}

/* report - a failure of preparing or running, named as sweep names a
 * design point: the sample and its values. */
static int report(const rr_uncertainty *u, const rr_point_error *e, int rc,
                  bool running)
{
    if (rc == RR_EINTR)
        return cli_interrupted("results");
    fprintf(stderr, "rrsim: ");
    if (e->path && running)
        fprintf(stderr, "%s: ", e->path);
    if (e->point != RR_NO_POINT && u->sets) {
        size_t i = u->paired ? e->point / 2 : e->point;
        fprintf(stderr, "sample %zu%s (", i + 1,
                u->paired ? (e->point % 2 ? " of the policy" : " of the baseline")
                          : "");
        for (size_t j = 0; j < u->k; j++)
            fprintf(stderr, "%s%s", j ? ", " : "", u->sets[e->point][j]);
        fprintf(stderr, "): ");
    }
    fprintf(stderr, "%s\n", e->msg);
    if (running || rc == RR_ENOMEM)
        return EXIT_RUNTIME;
    return EXIT_USAGE;
}

/* study - prepare, check, begin, run, write, print; what both commands
 * share.  side names the what-if's policy for the target's name. */
static int study(cli *c, const rr_unc_opts *o)
{
    rr_uncertainty u;
    rr_point_error e;
    rr_results t;
    rr_progress prog;
    char target[4096];
    const char *shown_kpis[RR_COUNTOF(shown_ids)];
    const char *ranked[RR_COUNTOF(ranked_ids)];
    int rc, charts;

    for (size_t i = 0; i < RR_COUNTOF(shown_ids); i++)
        shown_kpis[i] = rr_indicators[shown_ids[i]].name;
    for (size_t i = 0; i < RR_COUNTOF(ranked_ids); i++)
        ranked[i] = rr_indicators[ranked_ids[i]].name;
    rc = rr_uncertainty_prepare(&u, o, &e);
    if (rc != RR_OK) {
        rc = report(&u, &e, rc, false);
        rr_uncertainty_fini(&u);
        return rc;
    }
    const rr_config *c0 = u.pts.plans[0]->cfg[0];
    if (u.paired)
        cli_target_of(c, target, sizeof target, "%s-vs-%s-uncertainty",
                      c0->name, u.pts.plans[1]->cfg[0]->name);
    else
        cli_target_of(c, target, sizeof target, "%s-uncertainty", c0->name);
    if ((rc = cli_begin(c, target, &t)) != EXIT_OK) {
        rr_uncertainty_fini(&u);
        return rc;
    }
    rr_run_opts opts = cli_run_opts(c);
    opts.precision = NULL;
    rr_progress_start(&prog, !c->quiet, &opts,
                      u.pts.n * (size_t)c0->replications);
    rc = rr_uncertainty_run(&u, &opts, &e);
    rr_progress_clear(&prog);
    if (rc != RR_OK) {
        rr_results_abort(&t);
        rc = report(&u, &e, rc, true);
        rr_uncertainty_fini(&u);
        return rc;
    }
    unc_ctx ctx = {&u, c->cmdline};
    rc = cli_finish(&t, target, write_files, &ctx, &charts);
    if (rc == EXIT_OK && !c->quiet) {
        printf("%s: %zu samples (%s design) of %zu uncertain parameter%s x "
               "%zu replications, common random numbers\n",
               c0->name, u.n, rr_design_kind_name(u.design), u.k,
               u.k == 1 ? "" : "s", u.res[0].reps);
        if (u.paired) {
            printf("effect of %s against %s over the assumption ranges "
                   "(median, and the range of 90%% of the samples):\n\n",
                   u.paired && o->n_policy ? "the policy"
                                           : u.pts.plans[1]->cfg[0]->name,
                   c0->name);
            rr_print_uncertainty_effects(stdout, &u, shown_kpis,
                                         RR_COUNTOF(shown_kpis));
        } else {
            printf("over the assumption ranges (noise: the randomness left "
                   "in one sample's mean, 95%% CI half-width):\n\n");
            rr_print_uncertainty(stdout, &u, shown_kpis,
                                 RR_COUNTOF(shown_kpis));
            printf("\nwhat matters most (rank correlation of each "
                   "assumption with the result over the samples):\n\n");
            rr_print_uncertainty_ranking(stdout, &u, ranked,
                                         RR_COUNTOF(ranked), 3);
        }
        printf("\nresults: %s\n", target);
    }
    if (rc == EXIT_OK)
        rc = charts;
    rr_uncertainty_fini(&u);
    return rc;
}

static void options_of(const cli *c, rr_unc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->path = c->pos[0];
    o->common = c->sets;
    o->n_common = (size_t)c->n_sets;
    o->samples = (size_t)c->samples;
    o->design = RR_DESIGN_LHS;
    if (c->design)
        rr_design_kind_parse(c->design, &o->design);
}

int cli_cmd_uncertainty(cli *c)
{
    rr_unc_opts o;
    if (c->n_pos != 1)
        return cli_usage_error(c->cmd, "uncertainty needs one scenario file");
    if (c->samples <= 0)
        return cli_usage_error(c->cmd, "uncertainty needs --samples N");
    options_of(c, &o);
    return cli_done(study(c, &o));
}

int cli_cmd_compare_samples(cli *c)
{
    rr_unc_opts o;
    if (c->window || c->from)
        return cli_usage_error(c->cmd, "--samples gives the effect over the "
                               "whole run; it does not take %s",
                               c->window ? "--window" : "--from");
    if (c->precise)
        return cli_usage_error(c->cmd, "--samples does not take "
                               "--precision: each sample runs the "
                               "scenario's replications (--reps)");
    options_of(c, &o);
    if (c->n_policy > 0) {
        o.policy = c->policy;
        o.n_policy = (size_t)c->n_policy;
    } else {
        o.policy_path = c->pos[1];
    }
    return cli_done(study(c, &o));
}
