/*
 * bench_model.c - speed of the case-flow model on the shipped baseline.
 *
 * Runs scenarios/nl-baseline.ini with 30 replications on one thread (model
 * events per second on one core), then on all cores (wall time), and
 * prints events, events per second, wall seconds and peak RSS.  On Linux
 * the one-thread run is repeated pinned to each processor in turn, because
 * on a shared virtual machine the cores can differ in speed by a factor of
 * two; every figure is printed and the target is checked against the
 * fastest core.  A report, not a test: the exit status is 0 whatever the
 * figures, 1 only when the scenario cannot be run.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include <sched.h>
#endif
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gsl/gsl_errno.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_scenario.h"


#define SCENARIO "scenarios/nl-baseline.ini"
#define REPS 30
#define TARGET_EVENTS_PER_S 5e6

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static int run(const rr_plan *plan, int threads, const char *label,
               double *rate_out)
{
    rr_run_opts o = {.reps = REPS, .seed = plan->cfg[0]->seed,
                     .threads = threads};
    rr_run_result r;
    char err[512];
    double rate;
    if (rr_run(plan, &o, &r, err, sizeof err) != RR_OK) {
        fprintf(stderr, "bench_model: %s\n", err);
        return 1;
    }
    rate = (double)r.events / r.wall_seconds;
    if (rate_out)
        *rate_out = rate;
    printf("  %-22s %" PRIu64 " events, %.2f s wall, %.2f M events/s",
           label, r.events, r.wall_seconds, rate / 1e6);
    printf("\n");
    rr_run_result_fini(&r);
    return 0;
}

int main(void)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    char err[1024];
    int rc = 0;

    gsl_set_error_handler_off();
    rr_keep_freed_memory();
    if (rr_scenario_load(SCENARIO, NULL, 0, &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        fprintf(stderr, "bench_model: %s\n", err);
        rr_scenario_destroy(sc);
        return 1;
    }
    printf("model: %s, %d replications\n", SCENARIO, REPS);
    {
        double best = 0, rate = 0;
#ifdef __linux__
        cpu_set_t all, one;
        int pinned = 0;
        CPU_ZERO(&all);
        if (sched_getaffinity(0, sizeof all, &all) == 0) {
            for (int cpu = 0; cpu < CPU_SETSIZE && rc == 0; cpu++) {
                char label[48];
                if (!CPU_ISSET(cpu, &all))
                    continue;
                CPU_ZERO(&one);
                CPU_SET(cpu, &one);
                if (sched_setaffinity(0, sizeof one, &one) != 0)
                    continue;
                snprintf(label, sizeof label, "one thread, cpu %d:", cpu);
                rc = run(plan, 1, label, &rate);
                best = rate > best ? rate : best;
                pinned++;
            }
            sched_setaffinity(0, sizeof all, &all);
        }
        if (pinned == 0)
#endif
        {
            rc = run(plan, 1, "one thread:", &rate);
            best = rate;
        }
        if (rc == 0)
            printf("  one core, fastest:     %.2f M events/s  (target >= %.0f "
                   "M/s: %s)\n",
                   best / 1e6, TARGET_EVENTS_PER_S / 1e6,
                   best >= TARGET_EVENTS_PER_S ? "ok" : "BELOW TARGET");
    }
    if (rc == 0)
        rc = run(plan, rr_cpu_count(), "all cores:", NULL);
    printf("  peak RSS               %.1f MB\n", peak_rss_mb());
    rr_scenario_destroy(sc);
    return rc;
}
