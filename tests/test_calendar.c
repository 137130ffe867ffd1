/*
 * test_calendar.c - the event calendar: order, ties, cancel, nesting,
 * run_until, reset, bounded memory, and a randomized comparison against a
 * simple reference model.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "rr_calendar.h"
#include "rr_common.h"

/* ---- helpers ------------------------------------------------------------ */

/* splitmix64 - a small deterministic generator for test data. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double next_unit(void) /* [0, 1) */
{
    return (double)(next_u64() >> 11) * 0x1.0p-53;
}

static size_t next_below(size_t n)
{
    return (size_t)(next_u64() % n);
}

/* The log of events run: each event's id (the subject pointer, cast) and
 * the clock when it ran. */
#define LOG_MAX 400000
static long log_id[LOG_MAX];
static double log_time[LOG_MAX];
static size_t log_n;
static rr_calendar *log_cal; /* the calendar whose clock is logged */

static void log_event(void *subject, void *object)
{
    RR_UNUSED(object);
    if (log_n < LOG_MAX) {
        log_id[log_n] = (long)(intptr_t)subject;
        log_time[log_n] = rr_calendar_now(log_cal);
    }
    log_n++;
}

static void *id(long i)
{
    return (void *)(intptr_t)i;
}

static void log_start(rr_calendar *c)
{
    log_n = 0;
    log_cal = c;
}

static void noop(void *subject, void *object)
{
    RR_UNUSED(subject);
    RR_UNUSED(object);
}

/* ---- tests -------------------------------------------------------------- */

static void test_empty(void)
{
    rr_calendar *c = rr_calendar_create(2.5, 0);

    CHECK(c != NULL);
    CHECK_NEAR(rr_calendar_now(c), 2.5, 0);
    CHECK_EQ(rr_calendar_size(c), 0);
    CHECK(isinf(rr_calendar_next_time(c)) && rr_calendar_next_time(c) > 0);
    CHECK(!rr_calendar_step(c));
    CHECK_NEAR(rr_calendar_now(c), 2.5, 0);
    CHECK(rr_calendar_capacity(c) > 0);
    CHECK_EQ(rr_calendar_events_run(c), 0);
    CHECK_EQ(rr_calendar_run_until(c, 7.0), 0);
    CHECK_NEAR(rr_calendar_now(c), 7.0, 0);
    rr_calendar_destroy(c);
    rr_calendar_destroy(NULL);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Random times come out sorted, each event runs with the clock at its time,
 * and growth from a tiny initial size keeps everything. */
static void test_random_order(void)
{
    enum { N = 20000 };
    static double t[N], sorted[N];
    rr_calendar *c = rr_calendar_create(0.0, 1);
    size_t bad = 0, fails = 0;

    log_start(c);
    for (long i = 0; i < N; i++) {
        t[i] = next_unit() * 1000.0;
        sorted[i] = t[i];
        fails += rr_calendar_schedule(c, t[i], log_event, id(i), NULL) == 0;
    }
    CHECK_EQ(fails, 0);
    CHECK_EQ(rr_calendar_size(c), N);
    CHECK(rr_calendar_capacity(c) >= N);
    qsort(sorted, N, sizeof sorted[0], cmp_double);
    CHECK_NEAR(rr_calendar_next_time(c), sorted[0], 0);
    while (rr_calendar_step(c))
        ;
    CHECK_EQ(log_n, N);
    for (size_t i = 0; i < N && i < log_n; i++) {
        if (t[log_id[i]] != sorted[i] || log_time[i] != sorted[i])
            bad++;
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(rr_calendar_events_run(c), N);
    CHECK_EQ(rr_calendar_size(c), 0);
    CHECK_NEAR(rr_calendar_now(c), sorted[N - 1], 0);
    rr_calendar_destroy(c);
}

/* Equal times run in schedule order (libuv's timer_order test). */
static void test_ties(void)
{
    enum { M = 1000 };
    rr_calendar *c = rr_calendar_create(0.0, 0);
    long next_equal = 0;
    size_t bad = 0, seen = 0;

    log_start(c);
    rr_calendar_schedule(c, 1.0, log_event, id(1), NULL); /* A */
    rr_calendar_schedule(c, 1.0, log_event, id(2), NULL); /* B */
    rr_calendar_run_until(c, 1.0);
    CHECK_EQ(log_n, 2);
    CHECK_EQ(log_id[0], 1);
    CHECK_EQ(log_id[1], 2);

    log_start(c);
    rr_calendar_schedule(c, 2.0, log_event, id(2), NULL); /* B */
    rr_calendar_schedule(c, 2.0, log_event, id(1), NULL); /* A */
    rr_calendar_run_until(c, 2.0);
    CHECK_EQ(log_n, 2);
    CHECK_EQ(log_id[0], 2);
    CHECK_EQ(log_id[1], 1);

    /* Many events at t = 5 mixed with random times around it: those at 5
     * run in the order they were scheduled, after everything before 5. */
    log_start(c);
    for (long i = 0; i < 3 * M; i++) {
        if (i % 3 == 0)
            rr_calendar_schedule(c, 5.0, log_event, id(next_equal++), NULL);
        else
            rr_calendar_schedule(c, 3.0 + 4.0 * next_unit(), log_event,
                                 id(-1 - i), NULL);
    }
    rr_calendar_run_until(c, 10.0);
    CHECK_EQ(log_n, 3 * M);
    for (size_t i = 0; i < log_n; i++) {
        if (log_id[i] >= 0) {
            if (log_id[i] != (long)seen || log_time[i] != 5.0)
                bad++;
            seen++;
        } else if (i > 0 && log_time[i] < log_time[i - 1]) {
            bad++;
        }
    }
    CHECK_EQ(seen, M);
    CHECK_EQ(bad, 0);
    rr_calendar_destroy(c);
}

static void test_cancel(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 4);
    uint64_t a, b, h1, h2;

    log_start(c);
    CHECK(!rr_calendar_cancel(c, 0));
    CHECK(!rr_calendar_pending(c, 0));
    CHECK(isnan(rr_calendar_time_of(c, 0)));

    a = rr_calendar_schedule(c, 3.0, log_event, id(1), NULL);
    b = rr_calendar_schedule(c, 4.0, log_event, id(2), NULL);
    CHECK(a != 0 && b != 0 && a != b);
    CHECK(rr_calendar_pending(c, a));
    CHECK_NEAR(rr_calendar_time_of(c, a), 3.0, 0);
    CHECK_NEAR(rr_calendar_time_of(c, b), 4.0, 0);

    CHECK(rr_calendar_cancel(c, a));
    CHECK(!rr_calendar_pending(c, a));
    CHECK(isnan(rr_calendar_time_of(c, a)));
    CHECK(!rr_calendar_cancel(c, a)); /* stale: already cancelled */
    CHECK_EQ(rr_calendar_size(c), 1);
    CHECK_NEAR(rr_calendar_next_time(c), 4.0, 0);

    /* The freed slot is reused; the old handle must not reach the new
     * event. */
    h1 = rr_calendar_schedule(c, 5.0, log_event, id(3), NULL);
    CHECK(h1 != a);
    CHECK(!rr_calendar_cancel(c, a));
    CHECK(rr_calendar_pending(c, h1));

    /* A handle whose event has run is stale. */
    CHECK(rr_calendar_step(c));
    CHECK_EQ(log_id[0], 2);
    CHECK(!rr_calendar_pending(c, b));
    CHECK(!rr_calendar_cancel(c, b));
    CHECK(isnan(rr_calendar_time_of(c, b)));

    /* Handles never issued. */
    CHECK(!rr_calendar_cancel(c, UINT64_MAX));
    CHECK(!rr_calendar_cancel(c, ((uint64_t)1 << 32) | 1000000u));
    CHECK(!rr_calendar_cancel(c, (h1 & 0xffffffffu) | ((uint64_t)2 << 32)));
    CHECK(!rr_calendar_cancel(c, h1 & 0xffffffffu)); /* generation 0 */
    CHECK(!rr_calendar_pending(c, (h1 + ((uint64_t)2 << 32))));
    CHECK(rr_calendar_pending(c, h1));

    h2 = rr_calendar_schedule(c, 6.0, log_event, id(4), NULL);
    CHECK(rr_calendar_cancel(c, h1));
    CHECK_EQ(rr_calendar_size(c), 1);
    CHECK_EQ(rr_calendar_run_until(c, 100.0), 1);
    CHECK_EQ(log_n, 2);
    CHECK_EQ(log_id[1], 4);
    CHECK(!rr_calendar_cancel(c, h2));
    CHECK_EQ(rr_calendar_size(c), 0);
    rr_calendar_destroy(c);
}

/* run_all_ids - drain c and compare the run order with want[0..n-1]. */
static void run_all_ids(rr_calendar *c, const long *want, size_t n,
                        const char *what)
{
    size_t bad = 0;

    log_start(c);
    while (rr_calendar_step(c))
        ;
    for (size_t i = 0; i < n && i < log_n; i++)
        bad += log_id[i] != want[i];
    CHECK_MSG(log_n == n && bad == 0, "%s: %zu events, %zu out of place",
              what, log_n, bad);
}

/* Cancelling the root, a middle entry and the last entry keeps the heap in
 * order; one case forces the moved last entry to climb. */
static void test_cancel_positions(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    uint64_t h[16];

    /* Increasing inserts: heap[i] is the i-th time, the last entry is 15. */
    for (long i = 1; i <= 15; i++)
        h[i] = rr_calendar_schedule(c, (double)i, log_event, id(i), NULL);
    CHECK(rr_calendar_cancel(c, h[1]));  /* root */
    CHECK(rr_calendar_cancel(c, h[15])); /* last */
    CHECK(rr_calendar_cancel(c, h[8]));  /* middle (a leaf) */
    CHECK(rr_calendar_cancel(c, h[3]));  /* inner node */
    CHECK_NEAR(rr_calendar_next_time(c), 2.0, 0);
    {
        static const long want[] = {2, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14};
        run_all_ids(c, want, RR_COUNTOF(want), "increasing");
    }

    /* Decreasing inserts: every insert climbs to the root. */
    for (long i = 15; i >= 1; i--)
        h[i] = rr_calendar_schedule(c, 100.0 + (double)i, log_event, id(i),
                                    NULL);
    CHECK(rr_calendar_cancel(c, h[1]));
    CHECK(rr_calendar_cancel(c, h[2]));
    CHECK(rr_calendar_cancel(c, h[9]));
    CHECK(rr_calendar_cancel(c, h[15]));
    {
        static const long want[] = {3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14};
        run_all_ids(c, want, RR_COUNTOF(want), "decreasing");
    }

    /* Inserting 1, 10, 2, 11, 12, 3, 4 gives the heap [1 10 2 11 12 3 4].
     * Cancelling 11 (position 4) moves the last entry, 4, into position 4,
     * below 10: it has to sift up, not down. */
    {
        static const long ts[] = {1, 10, 2, 11, 12, 3, 4};
        static const long want[] = {1, 2, 3, 4, 10, 12};
        for (size_t i = 0; i < RR_COUNTOF(ts); i++)
            h[i] = rr_calendar_schedule(c, 200.0 + (double)ts[i], log_event,
                                        id(ts[i]), NULL);
        CHECK(rr_calendar_cancel(c, h[3]));
        CHECK_NEAR(rr_calendar_time_of(c, h[6]), 204.0, 0);
        run_all_ids(c, want, RR_COUNTOF(want), "sift-up after cancel");
    }
    rr_calendar_destroy(c);
}

/* ---- reference model ---------------------------------------------------- */

struct ref_event {
    double t;
    uint64_t seq;
    long id;
    uint64_t handle;
};

/* ref_min - index of the earliest pending reference event (by t, seq). */
static size_t ref_min(const struct ref_event *r, size_t n)
{
    size_t m = 0;
    for (size_t i = 1; i < n; i++) {
        if (r[i].t < r[m].t || (r[i].t == r[m].t && r[i].seq < r[m].seq))
            m = i;
    }
    return m;
}

/* A random mix of schedule / cancel (pending, stale, 0) / step, compared
 * operation by operation with a linear-scan reference.  Times are drawn
 * from a coarse grid half of the time so that ties are common. */
static void test_model(void)
{
    enum { OPS = 200000, LIVE_MAX = 1500, STALE_MAX = 4096 };
    static struct ref_event ref[LIVE_MAX + 1];
    static uint64_t stale[STALE_MAX];
    size_t n = 0, n_stale = 0;
    size_t bad_pop = 0, bad_cancel = 0, bad_query = 0, bad_size = 0;
    size_t pops = 0, cancels = 0;
    uint64_t seq = 0;
    long next_id = 0;
    rr_calendar *c = rr_calendar_create(0.0, 2);

    log_start(c);
    for (long op = 0; op < OPS; op++) {
        double u = next_unit();
        double now = rr_calendar_now(c);

        if (n == 0 || (n < LIVE_MAX && u < 0.45)) {
            double dt = next_unit() < 0.5 ? (double)next_below(4)
                                          : next_unit() * 10.0;
            uint64_t h = rr_calendar_schedule(c, now + dt, log_event,
                                              id(next_id), NULL);
            ref[n].t = now + dt;
            ref[n].seq = seq++;
            ref[n].id = next_id++;
            ref[n].handle = h;
            n++;
        } else if (u < 0.65) {
            size_t i = next_below(n);
            if (!rr_calendar_cancel(c, ref[i].handle))
                bad_cancel++;
            stale[n_stale++ % STALE_MAX] = ref[i].handle;
            ref[i] = ref[--n];
            cancels++;
        } else if (u < 0.70) {
            uint64_t h = n_stale ? stale[next_below(n_stale < STALE_MAX
                                                    ? n_stale : STALE_MAX)]
                                 : 0;
            if (rr_calendar_cancel(c, h) || rr_calendar_pending(c, h))
                bad_cancel++;
        } else {
            size_t m = ref_min(ref, n);
            size_t before = log_n;
            if (!rr_calendar_step(c) || log_n != before + 1 ||
                log_id[before] != ref[m].id || log_time[before] != ref[m].t)
                bad_pop++;
            stale[n_stale++ % STALE_MAX] = ref[m].handle;
            ref[m] = ref[--n];
            pops++;
            log_n = 0; /* only the last event matters */
        }
        if (rr_calendar_size(c) != n)
            bad_size++;
        if (n > 0) {
            size_t i = next_below(n), m = ref_min(ref, n);
            if (!rr_calendar_pending(c, ref[i].handle) ||
                rr_calendar_time_of(c, ref[i].handle) != ref[i].t ||
                rr_calendar_next_time(c) != ref[m].t)
                bad_query++;
        }
    }
    /* Drain and compare what is left. */
    while (n > 0) {
        size_t m = ref_min(ref, n);
        log_n = 0;
        if (!rr_calendar_step(c) || log_n != 1 || log_id[0] != ref[m].id)
            bad_pop++;
        ref[m] = ref[--n];
        pops++;
    }
    CHECK(!rr_calendar_step(c));
    CHECK_MSG(pops > OPS / 4 && cancels > OPS / 10,
              "model mix: %zu pops, %zu cancels", pops, cancels);
    CHECK_EQ(bad_pop, 0);
    CHECK_EQ(bad_cancel, 0);
    CHECK_EQ(bad_query, 0);
    CHECK_EQ(bad_size, 0);
    CHECK_EQ(rr_calendar_events_run(c), pops);
    rr_calendar_destroy(c);
}

/* ---- events that schedule and cancel ------------------------------------ */

static rr_calendar *nest_cal;
static uint64_t nest_victim, nest_self;
static int nest_self_cancel = -1;

/* chain - logs itself and schedules the next link one day later, plus a
 * zero-delay event that must run after everything already at this time. */
static void chain(void *subject, void *object)
{
    long k = (long)(intptr_t)subject;

    log_event(subject, object);
    if (k < 3) {
        rr_calendar_schedule(nest_cal, rr_calendar_now(nest_cal) + 1.0, chain,
                             id(k + 1), NULL);
        rr_calendar_schedule(nest_cal, rr_calendar_now(nest_cal), log_event,
                             id(100 + k), NULL);
    }
}

static void killer(void *subject, void *object)
{
    log_event(subject, object);
    nest_self_cancel = rr_calendar_cancel(nest_cal, nest_self);
    CHECK(rr_calendar_cancel(nest_cal, nest_victim));
}

/* spawner - schedules many events from inside an event, forcing the
 * calendar to grow while an event is running. */
static void spawner(void *subject, void *object)
{
    log_event(subject, object);
    for (long i = 0; i < 500; i++)
        rr_calendar_schedule(nest_cal, rr_calendar_now(nest_cal) + 1.0 + i,
                             noop, NULL, NULL);
}

static void test_nested(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 1);

    nest_cal = c;
    log_start(c);
    rr_calendar_schedule(c, 1.0, chain, id(0), NULL);
    rr_calendar_schedule(c, 1.0, log_event, id(50), NULL);
    rr_calendar_schedule(c, 2.0, log_event, id(51), NULL);
    CHECK_EQ(rr_calendar_run_until(c, 10.0), 9);
    {
        /* t=1: chain 0, 50 (scheduled before), 100 (zero delay from 0);
         * t=2: 51 (scheduled before chain 1 existed), chain 1, 101; ... */
        static const long want[] = {0, 50, 100, 51, 1, 101, 2, 102, 3};
        static const double when[] = {1, 1, 1, 2, 2, 2, 3, 3, 4};
        size_t bad = 0;
        for (size_t i = 0; i < RR_COUNTOF(want) && i < log_n; i++)
            bad += log_id[i] != want[i] || log_time[i] != when[i];
        CHECK_EQ(log_n, RR_COUNTOF(want));
        CHECK_EQ(bad, 0);
    }

    /* An event cancels a later one; its own handle is already stale. */
    log_start(c);
    nest_self = rr_calendar_schedule(c, 11.0, killer, id(1), NULL);
    nest_victim = rr_calendar_schedule(c, 12.0, log_event, id(2), NULL);
    rr_calendar_schedule(c, 13.0, log_event, id(3), NULL);
    CHECK_EQ(rr_calendar_run_until(c, 20.0), 2);
    CHECK_EQ(nest_self_cancel, 0);
    CHECK_EQ(log_n, 2);
    CHECK_EQ(log_id[0], 1);
    CHECK_EQ(log_id[1], 3);

    /* Growth while an event runs. */
    log_start(c);
    rr_calendar_schedule(c, 21.0, spawner, id(7), NULL);
    rr_calendar_schedule(c, 21.5, log_event, id(8), NULL);
    CHECK_EQ(rr_calendar_run_until(c, 1000.0), 502);
    CHECK_EQ(log_n, 2);
    CHECK_EQ(log_id[1], 8);
    CHECK(rr_calendar_capacity(c) >= 501);
    CHECK_EQ(rr_calendar_size(c), 0);
    rr_calendar_destroy(c);
}

/* ---- run_until ---------------------------------------------------------- */

static rr_calendar *ru_cal;

static void ru_spawn(void *subject, void *object)
{
    log_event(subject, object);
    rr_calendar_schedule(ru_cal, 3.0, log_event, id(30), NULL); /* in */
    rr_calendar_schedule(ru_cal, 3.5, log_event, id(35), NULL); /* out */
}

static void test_run_until(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    static const double ts[] = {1, 2, 3, 3, 4, 5};

    ru_cal = c;
    log_start(c);
    for (size_t i = 0; i < RR_COUNTOF(ts); i++)
        rr_calendar_schedule(c, ts[i], log_event, id((long)ts[i]), NULL);
    rr_calendar_schedule(c, 2.5, ru_spawn, id(25), NULL);

    /* Events at exactly t_end run, including one scheduled by an event. */
    CHECK_EQ(rr_calendar_run_until(c, 3.0), 6);
    CHECK_NEAR(rr_calendar_now(c), 3.0, 0);
    CHECK_EQ(log_n, 6);
    CHECK_EQ(log_id[5], 30);
    CHECK_EQ(rr_calendar_size(c), 3);
    CHECK_NEAR(rr_calendar_next_time(c), 3.5, 0);

    /* No events in the window: the clock still moves to t_end. */
    CHECK_EQ(rr_calendar_run_until(c, 3.25), 0);
    CHECK_NEAR(rr_calendar_now(c), 3.25, 0);

    /* An earlier t_end runs nothing and leaves the clock alone. */
    CHECK_EQ(rr_calendar_run_until(c, 1.0), 0);
    CHECK_NEAR(rr_calendar_now(c), 3.25, 0);

    CHECK_EQ(rr_calendar_run_until(c, 4.5), 2);
    CHECK_NEAR(rr_calendar_now(c), 4.5, 0);
    CHECK_EQ(rr_calendar_run_until(c, 9.0), 1);
    CHECK_NEAR(rr_calendar_now(c), 9.0, 0);
    CHECK_EQ(rr_calendar_size(c), 0);
    CHECK_EQ(rr_calendar_events_run(c), 9);

    /* step moves the clock to the event, not beyond. */
    rr_calendar_schedule(c, 9.0, log_event, id(90), NULL);
    rr_calendar_schedule(c, 12.0, log_event, id(120), NULL);
    CHECK(rr_calendar_step(c));
    CHECK_NEAR(rr_calendar_now(c), 9.0, 0);
    CHECK(rr_calendar_step(c));
    CHECK_NEAR(rr_calendar_now(c), 12.0, 0);
    rr_calendar_destroy(c);
}

/* ---- memory ------------------------------------------------------------- */

/* Millions of schedule/cancel/step cycles with a bounded number pending
 * must not grow the calendar: cancelled and run events leave nothing. */
static void test_bounded(void)
{
    enum { CYCLES = 5000000, RING = 64 };
    uint64_t ring[RING] = {0};
    rr_calendar *c = rr_calendar_create(0.0, 0);
    size_t cap0 = rr_calendar_capacity(c), cap_warm = 0, max_size = 0;
    uint64_t fails = 0, ran = 0;

    for (long i = 0; i < CYCLES; i++) {
        double now = rr_calendar_now(c);
        uint64_t h = rr_calendar_schedule(c, now + 10.0 * next_unit(), noop,
                                          NULL, NULL);
        fails += h == 0;
        ring[i % RING] = h;
        if (i % 3 == 0)
            rr_calendar_cancel(c, ring[next_below(RING)]);
        if (i % 2 == 0)
            rr_calendar_schedule(c, now, noop, NULL, NULL);
        while (rr_calendar_size(c) > 100) {
            rr_calendar_step(c);
            ran++;
        }
        if (rr_calendar_size(c) > max_size)
            max_size = rr_calendar_size(c);
        if (i == CYCLES / 10)
            cap_warm = rr_calendar_capacity(c);
    }
    CHECK_EQ(fails, 0);
    CHECK(max_size <= 101);
    CHECK_EQ(rr_calendar_capacity(c), cap_warm);
    CHECK_EQ(rr_calendar_capacity(c), cap0);
    CHECK_EQ(rr_calendar_events_run(c), ran);
    CHECK(ran > CYCLES);
    rr_calendar_destroy(c);
}

static long reset_calls;

static void count_call(void *subject, void *object)
{
    RR_UNUSED(subject);
    RR_UNUSED(object);
    reset_calls++;
}

static void test_reset(void)
{
    enum { N = 1000 };
    static uint64_t h[N];
    rr_calendar *c = rr_calendar_create(0.0, 16);
    size_t cap;
    size_t stale = 0;

    for (long i = 0; i < N; i++)
        h[i] = rr_calendar_schedule(c, 1.0 + (double)(i % 7), count_call,
                                    NULL, NULL);
    CHECK_EQ(rr_calendar_run_until(c, 1.0), (N + 6) / 7);
    cap = rr_calendar_capacity(c);
    reset_calls = 0;

    rr_calendar_reset(c, 50.0);
    CHECK_EQ(rr_calendar_size(c), 0);
    CHECK_NEAR(rr_calendar_now(c), 50.0, 0);
    CHECK_EQ(rr_calendar_events_run(c), 0);
    CHECK_EQ(rr_calendar_capacity(c), cap);
    CHECK(isinf(rr_calendar_next_time(c)));
    CHECK(!rr_calendar_step(c));
    CHECK_EQ(reset_calls, 0); /* dropped events are not called */
    for (size_t i = 0; i < N; i++)
        stale += rr_calendar_pending(c, h[i]) || rr_calendar_cancel(c, h[i]);
    CHECK_EQ(stale, 0);

    /* A second replication: same number of events, no growth, handles of
     * the first one stay stale while the slots are reused. */
    log_start(c);
    for (long i = 0; i < N; i++)
        rr_calendar_schedule(c, 50.0 + (double)(N - i), log_event, id(i),
                             NULL);
    CHECK_EQ(rr_calendar_capacity(c), cap);
    for (size_t i = 0; i < N; i++)
        stale += rr_calendar_pending(c, h[i]) || rr_calendar_cancel(c, h[i]);
    CHECK_EQ(stale, 0);
    CHECK_EQ(rr_calendar_size(c), N);
    CHECK_EQ(rr_calendar_run_until(c, 2000.0), N);
    CHECK_EQ(log_id[0], N - 1);
    CHECK_EQ(log_id[N - 1], 0);
    CHECK_EQ(reset_calls, 0);
    rr_calendar_destroy(c);
}

/* ---- assertions --------------------------------------------------------- */

#ifndef NDEBUG
/* run_child - run fn(t) in a child process; its termination status and
 * stderr (in err) come back. */
static int run_child(void (*fn)(double), double t, char *err, size_t errlen)
{
    int fd[2], status = 0;
    pid_t pid;
    size_t len = 0;
    ssize_t k;

    err[0] = '\0';
    fflush(stdout);
    if (pipe(fd) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 2);
        if (!freopen("/dev/null", "w", stdout))
            _exit(3);
        fn(t);
        _exit(0);
    }
    close(fd[1]);
    while (len + 1 < errlen && (k = read(fd[0], err + len, errlen - 1 - len)) > 0)
        len += (size_t)k;
    err[len] = '\0';
    close(fd[0]);
    waitpid(pid, &status, 0);
    return status;
}

static void schedule_at(double t)
{
    rr_calendar *c = rr_calendar_create(10.0, 0);
    rr_calendar_schedule(c, t, noop, NULL, NULL);
    rr_calendar_destroy(c);
}

static void test_assert(void)
{
    char err[512];
    int st;

    st = run_child(schedule_at, 9.0, err, sizeof err);
    CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
              "scheduling before now aborts (status %d)", st);
    CHECK_MSG(strncmp(err, "rrsim: internal error: ", 23) == 0 &&
                  strstr(err, "calendar.c:") &&
                  strstr(err, ": rr_calendar_schedule: assertion '") &&
                  strstr(err, "' failed\n"),
              "assertion message: %s", err);

    st = run_child(schedule_at, NAN, err, sizeof err);
    CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT,
              "scheduling at NaN aborts (status %d)", st);

    st = run_child(schedule_at, 10.0, err, sizeof err);
    CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0 && err[0] == '\0',
              "scheduling at now is fine (status %d, '%s')", st, err);
}
#endif

int main(void)
{
    test_empty();
    test_random_order();
    test_ties();
    test_cancel();
    test_cancel_positions();
    test_model();
    test_nested();
    test_run_until();
    test_bounded();
    test_reset();
#ifndef NDEBUG
    test_assert();
#endif
    return check_summary("test_calendar");
}
