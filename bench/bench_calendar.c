/*
 * bench_calendar.c - speed of the event calendar on its own.
 *
 *   hold N        N events pending; each, when it runs, schedules itself
 *                 again at now + Exp(mean 90 days): the classic hold model,
 *                 at N = 100, 10,000, 45,000 (the baseline model's calendar)
 *                 and 200,000.
 *   hold N, days  the same with delays rounded up to whole days, so that
 *                 hundreds of events share each time.
 *   cases C       C cases, each with a talk event (mean 90 days, schedules
 *                 itself again) and an absconding clock (mean 800 days).  A
 *                 talk ends its case with probability 0.1: the clock is
 *                 cancelled and a new case starts with a new clock and talk;
 *                 a clock that runs cancels the talk and starts a new case.
 *                 2C events pending, most far-future ones cancelled.
 *
 * Each model first runs 5N events (at least 10^6) so that the pending times
 * reach their steady spread, then times 4 * 10^6 events on user CPU time
 * (getrusage).  Printed per model: events, CPU seconds, millions of events
 * per CPU second and the final clock, a checksum that any two correct
 * calendars must agree on exactly.
 *
 * Usage: bench_calendar [SCALE [MODEL]]   SCALE (default 1) multiplies the
 * number of events, e.g. 0.05 for a quick run under valgrind; MODEL (1-6)
 * runs only that line of the report.  A report, not a test: the exit status
 * is 0 whatever the figures, 1 on bad usage or no memory.
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "rr_calendar.h"
#include "rr_common.h"

#define TIMED_EVENTS 4000000.0
#define WARM_PER_PENDING 5.0
#define WARM_MIN 1000000.0

static rr_calendar *cal;
static uint64_t rng_state;

/* next_u64 - splitmix64: cheap, so that the calendar dominates. */
static inline uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* unit - uniform on (0, 1]. */
static inline double unit(void)
{
    return (double)((next_u64() >> 11) + 1) * 0x1.0p-53;
}

/* expo - exponential with the given mean: f(x) = exp(-x / mean) / mean. */
static inline double expo(double mean)
{
    return -mean * log(unit());
}

/* ---- models ---------------------------------------------------------------- */

static void ev_hold(void *subject, void *object)
{
    RR_UNUSED(object);
    RR_UNUSED(subject);
    rr_calendar_schedule(cal, rr_calendar_now(cal) + expo(90.0), ev_hold,
                         NULL, NULL);
}

static void ev_hold_days(void *subject, void *object)
{
    RR_UNUSED(object);
    RR_UNUSED(subject);
    rr_calendar_schedule(cal, rr_calendar_now(cal) + ceil(expo(90.0)),
                         ev_hold_days, NULL, NULL);
}

typedef struct bcase {
    uint64_t talk, clock;
} bcase;

static void ev_talk(void *subject, void *object);
static void ev_clock(void *subject, void *object);

static void start_case(bcase *k)
{
    double now = rr_calendar_now(cal);
    k->clock = rr_calendar_schedule(cal, now + expo(800.0), ev_clock, NULL, k);
    k->talk = rr_calendar_schedule(cal, now + expo(90.0), ev_talk, NULL, k);
}

static void ev_talk(void *subject, void *object)
{
    bcase *k = object;
    RR_UNUSED(subject);
    if (unit() < 0.1) {
        rr_calendar_cancel(cal, k->clock);
        start_case(k);
    } else {
        k->talk = rr_calendar_schedule(cal, rr_calendar_now(cal) + expo(90.0),
                                       ev_talk, NULL, k);
    }
}

static void ev_clock(void *subject, void *object)
{
    bcase *k = object;
    RR_UNUSED(subject);
    rr_calendar_cancel(cal, k->talk);
    start_case(k);
}

/* ---- running ---------------------------------------------------------------- */

static double user_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec;
}

/* run_n - run exactly n events. */
static void run_n(uint64_t n)
{
    while (n-- > 0 && rr_calendar_step(cal))
        ;
}

enum kind { HOLD, HOLD_DAYS, CASES };

/* bench - set up one model with `pending` events, warm it up, time it. */
static int bench(enum kind kind, uint32_t pending, double scale)
{
    static const char *const name[] = {"hold", "hold, days", "cases"};
    uint64_t warm, timed, ran;
    bcase *k = NULL;
    double t0, cpu;

    rng_state = 0x2545f4914f6cdd1du ^ pending ^ ((uint64_t)kind << 40);
    cal = rr_calendar_create(0.0, 0);
    if (!cal)
        return 1;
    if (kind == CASES) {
        k = calloc(pending / 2, sizeof *k);
        if (!k) {
            rr_calendar_destroy(cal);
            return 1;
        }
        for (uint32_t i = 0; i < pending / 2; i++)
            start_case(&k[i]);
    } else {
        for (uint32_t i = 0; i < pending; i++)
            rr_calendar_schedule(cal, kind == HOLD ? expo(90.0)
                                                   : ceil(expo(90.0)),
                                 kind == HOLD ? ev_hold : ev_hold_days, NULL,
                                 NULL);
    }
    warm = (uint64_t)(scale * fmax(WARM_PER_PENDING * pending, WARM_MIN));
    timed = (uint64_t)(scale * TIMED_EVENTS);
    run_n(warm);
    ran = rr_calendar_events_run(cal);
    t0 = user_seconds();
    run_n(timed);
    cpu = user_seconds() - t0;
    ran = rr_calendar_events_run(cal) - ran;
    printf("  %-11s %7" PRIu32 " pending  %9" PRIu64 " events  %6.3f s"
           "  %6.2f M events/s  (clock %.17g)\n",
           name[kind], pending, ran, cpu,
           cpu > 0 ? (double)ran / cpu / 1e6 : 0.0, rr_calendar_now(cal));
    fflush(stdout);
    rr_calendar_destroy(cal);
    free(k);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
        enum kind kind;
        uint32_t pending;
    } model[] = {
        {HOLD, 100},    {HOLD, 10000},      {HOLD, 45000},
        {HOLD, 200000}, {HOLD_DAYS, 45000}, {CASES, 45000},
    };
    double scale = 1.0;
    long only = 0;
    int rc = 0;

    if (argc > 3 || (argc >= 2 && !((scale = atof(argv[1])) > 0)) ||
        (argc == 3 && ((only = atol(argv[2])) < 1 ||
                       only > (long)RR_COUNTOF(model)))) {
        fprintf(stderr, "usage: bench_calendar [SCALE [MODEL]]\n");
        return 1;
    }
    printf("calendar: events per user CPU second\n");
    for (size_t i = 0; i < RR_COUNTOF(model) && rc == 0; i++)
        if (only == 0 || (size_t)only == i + 1)
            rc = bench(model[i].kind, model[i].pending, scale);
    if (rc != 0)
        fprintf(stderr, "bench_calendar: out of memory\n");
    return rc;
}
