/*
 * api.c - a benchmark model run through the C API: load the scenario, plan
 * it and rr_run its replications on one thread, writing nothing.  Prints
 * "events N" for bench_speed.  Usage: api SCENARIO [KEY=VALUE ...] (the
 * overrides of --set).
 */
#include <inttypes.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_scenario.h"

int main(int argc, char **argv)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_run_result r;
    char err[1024];
    if (argc < 2) {
        fprintf(stderr, "usage: api SCENARIO [KEY=VALUE ...]\n");
        return 2;
    }
    gsl_set_error_handler_off();
    if (rr_scenario_load(argv[1], (const char *const *)argv + 2,
                         (size_t)argc - 2, &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        fprintf(stderr, "api: %s\n", err);
        rr_scenario_destroy(sc);
        return 1;
    }
    rr_run_opts o = {.reps = plan->cfg[0]->replications,
                     .seed = plan->cfg[0]->seed, .threads = 1};
    if (rr_run(plan, &o, &r, err, sizeof err) != RR_OK) {
        fprintf(stderr, "api: %s\n", err);
        rr_scenario_destroy(sc);
        return 1;
    }
    printf("events %" PRIu64 "\n", r.events);
    rr_run_result_fini(&r);
    rr_scenario_destroy(sc);
    return 0;
}
