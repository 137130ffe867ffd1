/*
 * bench_queues.c - speed and memory of the station network on two models.
 *
 *   (a) M/M/c: c = 10, arrival rate 9, service rate 1; 1,000,000 customers.
 *   (b) Poisson arrivals 10/day -> intake (c = 12, exponential mean 1 day)
 *       -> 80% to a station with c = 9 and lognormal service (mean 1 day,
 *       sd 0.5 day), 20% to one with c = 3 and exponential mean 1 day
 *       -> exit; 500,000 cases.
 *
 * A model stops when its customers have arrived (the on_create hook sets
 * the source rate to 0) and the calendar has emptied.  Each model runs in a
 * child process so that its peak RSS (getrusage ru_maxrss) is its own.
 * Printed per model: events, events per second and wall seconds (monotonic
 * clock around start and run; the median of five identical runs) and peak
 * RSS, each target beside its figure.
 * This is a report, not a test: the exit status is 0 whatever the figures.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include <sched.h>
#endif
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rr_calendar.h"
#include "rr_common.h"
#include "rr_dist.h"
#include "rr_network.h"
#include "rr_rng.h"

#define SEED 1u
#define TARGET_EVENTS_PER_S 8e6
#define TARGET_RSS_MB 50.0
#define REPEAT 5

typedef struct counter {
    uint64_t created, limit;
} counter;

/* stop_at_limit - on_create: close the source once `limit` have arrived. */
static void stop_at_limit(void *ctx, rr_net *net, rr_entity *e,
                          uint32_t src)
{
    counter *c = ctx;
    RR_UNUSED(e);
    if (++c->created == c->limit)
        rr_net_set_source_rate(net, src, 0);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

static const uint32_t to_exit0[1] = {RR_TO_EXIT(0)};
static const double p_one[1] = {1.0};
static const uint32_t split_target[2] = {1, 2};
static const double split_p[2] = {0.8, 0.2};

static rr_station_spec station(const char *name, int servers, rr_dist d)
{
    rr_station_spec s;
    memset(&s, 0, sizeof s);
    s.name = name;
    s.servers = servers;
    s.service = d;
    s.route[RR_OUT_DONE].n = 1;
    s.route[RR_OUT_DONE].target = to_exit0;
    s.route[RR_OUT_DONE].p = p_one;
    return s;
}

/* one_run - one simulation of the model; its wall time and events. */
static int one_run(const char *title, const rr_net_spec *spec0,
                   uint64_t customers, double *wall, uint64_t *events,
                   uint64_t *arrived, uint64_t *left)
{
    rr_net_spec spec = *spec0;
    counter cnt = {0, customers};
    gsl_rng *rng[RR_STREAM_COUNT] = {0};
    rr_calendar *cal = rr_calendar_create(0, 0);
    rr_net *net = NULL;
    char err[256] = "";
    double t0;
    int rc = 1;

    for (int i = 0; i < RR_STREAM_COUNT; i++)
        if (!(rng[i] = rr_rng_create(SEED, 0, 0, (uint64_t)i)))
            goto out;
    spec.hooks.ctx = &cnt;
    spec.hooks.on_create = stop_at_limit;
    if (!cal || !(net = rr_net_create(&spec, cal, rng, err, sizeof err))) {
        fprintf(stderr, "bench_queues: %s: %s\n", title,
                err[0] ? err : "out of memory");
        goto out;
    }
    t0 = seconds_now();
    if (rr_net_start(net) != RR_OK)
        goto out;
    while (rr_calendar_step(cal))
        ;
    *wall = seconds_now() - t0;
    *events = rr_calendar_events_run(cal);
    *arrived = rr_net_arrivals(net);
    *left = rr_net_exited(net, 0);
    rc = 0;
out:
    rr_net_destroy(net);
    rr_calendar_destroy(cal);
    for (int i = 0; i < RR_STREAM_COUNT; i++)
        if (rng[i])
            gsl_rng_free(rng[i]);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* run_model - REPEAT identical runs (same seed, so the same events); the
 * median wall time is reported with the fastest and slowest, since a
 * shared machine makes single timings of a fraction of a second noisy. */
static int run_model(const char *title, const rr_net_spec *spec0,
                     uint64_t customers)
{
    double wall[REPEAT], rss, rate;
    uint64_t events = 0, arrived = 0, left = 0;

    for (int i = 0; i < REPEAT; i++)
        if (one_run(title, spec0, customers, &wall[i], &events, &arrived,
                    &left) != 0)
            return 1;
    qsort(wall, REPEAT, sizeof wall[0], cmp_double);
    rate = (double)events / wall[REPEAT / 2];
    rss = peak_rss_mb();
    printf("%s\n", title);
    printf("  customers   %" PRIu64 " arrived, %" PRIu64 " left\n", arrived,
           left);
    printf("  events      %" PRIu64 "\n", events);
    printf("  wall        %.3f s  (median of %d runs; %.3f to %.3f s)\n",
           wall[REPEAT / 2], REPEAT, wall[0], wall[REPEAT - 1]);
    printf("  events/s    %.2f M   (target >= %.0f M)  %s\n", rate / 1e6,
           TARGET_EVENTS_PER_S / 1e6,
           rate >= TARGET_EVENTS_PER_S ? "ok" : "BELOW TARGET");
    printf("  peak RSS    %.1f MB  (target < %.0f MB)  %s\n", rss,
           TARGET_RSS_MB, rss < TARGET_RSS_MB ? "ok" : "BELOW TARGET");
    fflush(stdout);
    return 0;
}

static int model_mmc(void)
{
    rr_dist d;
    rr_station_spec st;
    rr_source_spec so = {"in", 9.0, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    rr_dist_exponential(&d, 1.0);
    st = station("servers", 10, d);
    return run_model("(a) M/M/10, arrival rate 9, service rate 1, "
                     "1,000,000 customers", &spec, 1000000);
}

static int model_chain(void)
{
    rr_dist e1, ln;
    rr_station_spec st[3];
    rr_source_spec so = {"in", 10.0, 0, 0, NULL};
    rr_net_spec spec = {3, st, 1, &so, 1, 1, 0, {0}, 0};
    rr_dist_exponential(&e1, 1.0);
    rr_dist_lognormal(&ln, 1.0, 0.5);
    st[0] = station("intake", 12, e1);
    st[0].route[RR_OUT_DONE].n = 2;
    st[0].route[RR_OUT_DONE].target = split_target;
    st[0].route[RR_OUT_DONE].p = split_p;
    st[1] = station("main", 9, ln);
    st[2] = station("side", 3, e1);
    return run_model("(b) intake c=12 -> 80% c=9 lognormal(1d, 0.5d) | "
                     "20% c=3 exponential(1d), 500,000 cases", &spec,
                     500000);
}

/* in_child - run fn in a child process so that ru_maxrss is the model's
 * own; run it here if fork fails. */
static void in_child(int (*fn)(void))
{
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        int rc = fn();
        fflush(stdout);
        _exit(rc);
    }
    if (pid < 0) {
        fn();
        return;
    }
    waitpid(pid, NULL, 0);
}

int main(void)
{
#ifdef __linux__
    /* On a shared virtual machine the cores can differ in speed by a factor
     * of two: measure on each in turn, and say which. */
    cpu_set_t all, one;
    int pinned = 0;
    CPU_ZERO(&all);
    if (sched_getaffinity(0, sizeof all, &all) == 0) {
        for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
            if (!CPU_ISSET(cpu, &all))
                continue;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            if (sched_setaffinity(0, sizeof one, &one) != 0)
                continue;
            printf("on cpu %d:\n", cpu);
            in_child(model_mmc);
            in_child(model_chain);
            pinned++;
        }
        sched_setaffinity(0, sizeof all, &all);
    }
    if (pinned > 0)
        return 0;
#endif
    in_child(model_mmc);
    in_child(model_chain);
    return 0;
}
