/*
 * test_calendar.c - the event calendar: order, ties, cancel, nesting,
 * run_until, reset, bounded memory, a randomized comparison against a
 * simple reference model, and the edges of the radix heap: extreme and
 * negative times, -0, ties reaching the ring from different buckets,
 * tombstones in the ring, stopping before a bucket, and a large randomized
 * run checked for order and completeness; and the moves between the binary
 * heap that holds a few pending events and the radix heap that holds many:
 * a random mix that crosses both thresholds hundreds of times, ties that
 * straddle a move, and cancels right after one.  Also the limit on pending
 * events, running in slices (the same events in the same order), and
 * running out of address space (a refusal, not an abort).
 */
#include <float.h>
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

/* Cancelling the earliest, the latest and events in between keeps the
 * order, for increasing and decreasing inserts and an interleaved pattern
 * (which, in a binary heap, makes the entry moved into the hole climb). */
static void test_cancel_positions(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    uint64_t h[16];

    /* Increasing inserts, times 1..15. */
    for (long i = 1; i <= 15; i++)
        h[i] = rr_calendar_schedule(c, (double)i, log_event, id(i), NULL);
    CHECK(rr_calendar_cancel(c, h[1]));  /* the earliest */
    CHECK(rr_calendar_cancel(c, h[15])); /* the latest */
    CHECK(rr_calendar_cancel(c, h[8]));  /* two in between */
    CHECK(rr_calendar_cancel(c, h[3]));
    CHECK_NEAR(rr_calendar_next_time(c), 2.0, 0);
    {
        static const long want[] = {2, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14};
        run_all_ids(c, want, RR_COUNTOF(want), "increasing");
    }

    /* Decreasing inserts: each new event is the earliest. */
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

    /* Inserting 1, 10, 2, 11, 12, 3, 4 and cancelling 11: a binary heap
     * [1 10 2 11 12 3 4] moves 4 into the hole below 10, where it has to
     * climb. */
    {
        static const long ts[] = {1, 10, 2, 11, 12, 3, 4};
        static const long want[] = {1, 2, 3, 4, 10, 12};
        for (size_t i = 0; i < RR_COUNTOF(ts); i++)
            h[i] = rr_calendar_schedule(c, 200.0 + (double)ts[i], log_event,
                                        id(ts[i]), NULL);
        CHECK(rr_calendar_cancel(c, h[3]));
        CHECK_NEAR(rr_calendar_time_of(c, h[6]), 204.0, 0);
        run_all_ids(c, want, RR_COUNTOF(want), "interleaved");
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

/* ---- few and many pending events --------------------------------------- */

/* The calendar keeps a few pending events in a binary heap and many in the
 * radix heap, moving them when the count crosses a threshold (up) or falls
 * well below it (down).  A random mix whose target size swings between 0
 * and 90, so that the count crosses both thresholds hundreds of times in
 * both directions, compared operation by operation with the reference.
 * Times are on a coarse grid half of the time, so ties often straddle a
 * move, and every cancel, query and run_until may come right after one. */
static void test_switching(void)
{
    enum { OPS = 300000, LIVE_MAX = 100, STALE_MAX = 1024 };
    static struct ref_event ref[LIVE_MAX + 1];
    static uint64_t stale[STALE_MAX];
    size_t n = 0, n_stale = 0, target = 0, swings = 0, max_n = 0;
    size_t bad_pop = 0, bad_cancel = 0, bad_query = 0, bad_size = 0;
    uint64_t seq = 0;
    long next_id = 0;
    bool growing = true;
    rr_calendar *c = rr_calendar_create(0.0, 4);

    log_start(c);
    for (long op = 0; op < OPS; op++) {
        double u = next_unit();
        double now = rr_calendar_now(c);

        if (growing && n >= target) {
            growing = false;
            target = next_below(20);
        } else if (!growing && n <= target) {
            growing = true;
            target = 20 + next_below(71);
            swings++;
        }
        if (n == 0 || (n < LIVE_MAX && u < (growing ? 0.75 : 0.2))) {
            double dt = next_unit() < 0.5 ? (double)next_below(3)
                                          : next_unit() * 5.0;
            uint64_t h = rr_calendar_schedule(c, now + dt, log_event,
                                              id(next_id), NULL);
            ref[n].t = now + dt;
            ref[n].seq = seq++;
            ref[n].id = next_id++;
            ref[n].handle = h;
            n++;
        } else if (u < (growing ? 0.82 : 0.45)) {
            size_t i = next_below(n);
            if (!rr_calendar_cancel(c, ref[i].handle) ||
                rr_calendar_pending(c, ref[i].handle) ||
                rr_calendar_cancel(c, ref[i].handle))
                bad_cancel++;
            stale[n_stale++ % STALE_MAX] = ref[i].handle;
            ref[i] = ref[--n];
        } else if (u < (growing ? 0.85 : 0.5)) {
            uint64_t h = n_stale ? stale[next_below(n_stale < STALE_MAX
                                                    ? n_stale : STALE_MAX)]
                                 : 0;
            if (rr_calendar_cancel(c, h) || rr_calendar_pending(c, h))
                bad_cancel++;
        } else if (u < (growing ? 0.87 : 0.55)) {
            /* run_until the earliest time: every event at that time. */
            double t = ref[ref_min(ref, n)].t;
            size_t want = 0, got;
            for (size_t i = 0; i < n; i++)
                want += ref[i].t <= t;
            log_n = 0;
            got = (size_t)rr_calendar_run_until(c, t);
            if (got != want || log_n != want)
                bad_pop++;
            for (size_t k = 0; k < want && k < log_n; k++) {
                size_t m = ref_min(ref, n);
                if (log_id[k] != ref[m].id || log_time[k] != ref[m].t)
                    bad_pop++;
                stale[n_stale++ % STALE_MAX] = ref[m].handle;
                ref[m] = ref[--n];
            }
        } else {
            size_t m = ref_min(ref, n);
            log_n = 0;
            if (!rr_calendar_step(c) || log_n != 1 ||
                log_id[0] != ref[m].id || log_time[0] != ref[m].t)
                bad_pop++;
            stale[n_stale++ % STALE_MAX] = ref[m].handle;
            ref[m] = ref[--n];
        }
        if (n > max_n)
            max_n = n;
        if (rr_calendar_size(c) != n)
            bad_size++;
        if (n > 0) {
            size_t i = next_below(n), m = ref_min(ref, n);
            if (!rr_calendar_pending(c, ref[i].handle) ||
                rr_calendar_time_of(c, ref[i].handle) != ref[i].t ||
                rr_calendar_next_time(c) != ref[m].t)
                bad_query++;
        } else if (!isinf(rr_calendar_next_time(c))) {
            bad_query++;
        }
    }
    while (n > 0) {
        size_t m = ref_min(ref, n);
        log_n = 0;
        if (!rr_calendar_step(c) || log_n != 1 || log_id[0] != ref[m].id)
            bad_pop++;
        ref[m] = ref[--n];
    }
    CHECK(!rr_calendar_step(c));
    CHECK_MSG(swings > 500 && max_n >= 80,
              "switching mix: %zu swings, at most %zu pending", swings,
              max_n);
    CHECK_EQ(bad_pop, 0);
    CHECK_EQ(bad_cancel, 0);
    CHECK_EQ(bad_query, 0);
    CHECK_EQ(bad_size, 0);
    rr_calendar_destroy(c);
}

/* Events that share a time keep their schedule order across the moves:
 * for every count m, m events alternate between now (they tie with the
 * clock) and now + 1, then m more are scheduled at the same two times and
 * everything runs; the m at now must run first, in order, then the rest,
 * in order.  The same again with the count shrunk by cancels before the
 * second batch, and with a step between the batches. */
static void test_switch_ties(void)
{
    for (int variant = 0; variant < 3; variant++) {
        for (long m = 1; m <= 80; m++) {
            static uint64_t h[160];
            static long want[160];
            size_t bad = 0, k = 0;
            rr_calendar *c = rr_calendar_create(3.0, 0);
            long i, ran_first = 0;

            log_start(c);
            for (i = 0; i < m; i++)
                h[i] = rr_calendar_schedule(c, 3.0 + (double)(i & 1),
                                            log_event, id(i), NULL);
            if (variant == 1) /* cancel most of them: fewer than ever */
                for (i = 0; i < m - 3; i++)
                    CHECK(rr_calendar_cancel(c, h[i]));
            if (variant == 2 && rr_calendar_step(c))
                ran_first = 1;
            for (i = m; i < 2 * m; i++)
                h[i] = rr_calendar_schedule(c, 3.0 + (double)(i & 1),
                                            log_event, id(i), NULL);
            for (int odd = 0; odd < 2; odd++)
                for (i = 0; i < 2 * m; i++)
                    if ((i & 1) == odd && (variant != 1 || i >= m - 3))
                        want[k++] = i;
            while (rr_calendar_step(c))
                ;
            if (log_n != k)
                bad++;
            for (size_t j = 0; j < k && j < log_n; j++)
                if (log_id[j] != want[j] ||
                    log_time[j] != 3.0 + (double)(want[j] & 1))
                    bad++;
            CHECK_MSG(bad == 0 && ran_first == (variant == 2),
                      "ties across a move: variant %d, m = %ld: %zu wrong",
                      variant, m, bad);
            rr_calendar_destroy(c);
        }
    }
}

/* Cancel and query right after the count crosses a threshold, up or down:
 * for every count m, schedule m events at distinct times, cancel one of
 * them at once, then pop one at a time, cancelling the latest pending event
 * after every pop; each handle stays exact throughout. */
static void test_switch_cancel(void)
{
    for (long m = 2; m <= 90; m++) {
        static uint64_t h[90];
        size_t bad = 0;
        long lo = 0, hi = m - 1; /* ids lo..hi pending, except cancelled */
        static bool gone[90];
        rr_calendar *c = rr_calendar_create(0.0, 0);

        log_start(c);
        for (long i = 0; i < m; i++) {
            gone[i] = false;
            h[i] = rr_calendar_schedule(c, 1.0 + (double)i, log_event,
                                        id(i), NULL);
        }
        /* Right after the last schedule (which may have moved them all). */
        if (!rr_calendar_cancel(c, h[m / 2]) ||
            rr_calendar_pending(c, h[m / 2]))
            bad++;
        gone[m / 2] = true;
        while (lo <= hi) {
            long first = lo;
            while (first <= hi && gone[first])
                first++;
            if (first > hi)
                break;
            log_n = 0;
            if (!rr_calendar_step(c) || log_n != 1 || log_id[0] != first)
                bad++;
            gone[first] = true;
            lo = first + 1;
            /* Right after the pop (which may have moved them all). */
            while (hi >= lo && gone[hi])
                hi--;
            if (hi >= lo) {
                if (rr_calendar_time_of(c, h[hi]) != 1.0 + (double)hi ||
                    !rr_calendar_cancel(c, h[hi]))
                    bad++;
                gone[hi] = true;
            }
            for (long i = lo; i <= hi; i++)
                if (rr_calendar_pending(c, h[i]) == gone[i] ||
                    (!gone[i] &&
                     rr_calendar_time_of(c, h[i]) != 1.0 + (double)i))
                    bad++;
        }
        if (rr_calendar_size(c) != 0 || rr_calendar_step(c))
            bad++;
        CHECK_MSG(bad == 0, "cancel after a move: m = %ld: %zu wrong", m,
                  bad);
        rr_calendar_destroy(c);
    }
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

/* ---- events that act on the calendar while it runs them ----------------- */

/* Each event schedules successors (none, one, or a burst that takes the
 * count past the binary heap's limit), cancels pending and stale events,
 * and asks next_time, time_of and pending, every answer compared with a
 * reference kept beside: the running event has been taken, so the next
 * time is that of the earliest other pending event.  The count swings
 * between 0 and about 60, so the calendar moves between its two
 * structures many times, also from inside an event.  Events must run in
 * (time, schedule order), each once, none that was cancelled. */
enum { ACT_MAX = 200000, ACT_LIVE = 256 };
static struct act_ev {
    double t;
    uint64_t h;
    unsigned char ran, cancelled;
} act[ACT_MAX];
static long act_n, act_last, act_live[ACT_LIVE];
static size_t act_nlive, act_bad, act_bad_query;
static rr_calendar *act_cal;

static void act_event(void *subject, void *object);

static void act_schedule(double t)
{
    if (act_n == ACT_MAX || act_nlive == ACT_LIVE)
        return;
    act[act_n].t = t;
    act[act_n].h = rr_calendar_schedule(act_cal, t, act_event, id(act_n),
                                        NULL);
    act_live[act_nlive++] = act_n++;
}

/* act_drop - take event i out of the live list. */
static void act_drop(long i)
{
    for (size_t k = 0; k < act_nlive; k++)
        if (act_live[k] == i) {
            act_live[k] = act_live[--act_nlive];
            return;
        }
    act_bad++;
}

/* act_check - the calendar's answers against the reference. */
static void act_check(void)
{
    double want = INFINITY;
    for (size_t k = 0; k < act_nlive; k++)
        want = fmin(want, act[act_live[k]].t);
    act_bad_query += rr_calendar_next_time(act_cal) != want ||
                     rr_calendar_size(act_cal) != act_nlive;
    if (act_n > 0) {
        long v = (long)next_below((size_t)act_n);
        bool live = !act[v].ran && !act[v].cancelled;
        act_bad_query += rr_calendar_pending(act_cal, act[v].h) != live ||
                         (live && rr_calendar_time_of(act_cal, act[v].h) !=
                                      act[v].t);
    }
}

/* act_cancel_one - cancel a pending event (one at least), and check. */
static void act_cancel_one(void)
{
    long v = act_live[next_below(act_nlive)];
    act_bad += !rr_calendar_cancel(act_cal, act[v].h);
    act[v].cancelled = 1;
    act_drop(v);
    act_check();
}

static void act_event(void *subject, void *object)
{
    long i = (long)(intptr_t)subject;
    double now = rr_calendar_now(act_cal), u = next_unit();
    RR_UNUSED(object);

    if (act[i].ran || act[i].cancelled || now != act[i].t ||
        (act_last >= 0 && (act[i].t < act[act_last].t ||
                           (act[i].t == act[act_last].t && i < act_last))))
        act_bad++;
    act[i].ran = 1;
    act_last = i;
    act_drop(i);
    act_check(); /* before anything fills the running event's place */
    if (next_unit() < 0.3 && act_nlive > 0) /* cancel first */
        act_cancel_one();
    if (next_unit() < 0.1) { /* stale handles: its own, one run or cancelled */
        long v = (long)next_below((size_t)act_n);
        act_bad += rr_calendar_cancel(act_cal, act[i].h);
        if (act[v].ran || act[v].cancelled)
            act_bad += rr_calendar_cancel(act_cal, act[v].h);
    }
    /* successors, towards a target count that swings between 0 and 60
     * (past the heap's limit of 32 and below its way back at 16); now
     * and then a burst; whole days give ties */
    {
        double target = 30.0 + 30.0 * sin((double)act_n / 2000.0);
        int k = (double)act_nlive < target ? 2 + (u < 0.5) : (u < 0.5);
        if (u < 0.01)
            k = 40;
        if (act_nlive == 0 && k == 0)
            k = 1;
        while (k-- > 0)
            act_schedule(now + (next_unit() < 0.3 ? (double)next_below(3)
                                                  : 5.0 * next_unit()));
        if (next_unit() < 0.05)
            act_schedule(now); /* at once: after everything at this time */
    }
    act_check();
    if (next_unit() < 0.2 && act_nlive > 1) /* cancel after */
        act_cancel_one();
}

static void test_acting_events(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    size_t lost = 0;

    act_cal = c;
    act_n = act_nlive = 0;
    act_last = -1;
    act_bad = act_bad_query = 0;
    memset(act, 0, sizeof act);
    for (int i = 0; i < 10; i++)
        act_schedule(5.0 * next_unit());
    while (rr_calendar_size(c) > 0 && act_n < ACT_MAX)
        rr_calendar_step(c);
    while (rr_calendar_step(c))
        ;
    for (long i = 0; i < act_n; i++)
        lost += act[i].ran + act[i].cancelled != 1;
    CHECK_MSG(act_n > ACT_MAX / 2, "acting events: %ld scheduled", act_n);
    CHECK_EQ(act_bad, 0);
    CHECK_EQ(act_bad_query, 0);
    CHECK_EQ(lost, 0);
    CHECK_EQ(act_nlive, 0);
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

/* ---- times, ties and the ring ------------------------------------------- */

/* schedule_and_drain - schedule ts[0..n-1] (ids 0..n-1) in that order, then
 * run everything: the times must come back exactly from time_of(), and the
 * events must run sorted by time, ties in schedule order, with the clock at
 * each event's time. */
static void schedule_and_drain(rr_calendar *c, const double *ts, size_t n,
                               const char *what)
{
    static long want[512];
    static uint64_t h[512];
    size_t bad = 0, bad_time = 0;

    for (size_t i = 0; i < n; i++)
        h[i] = rr_calendar_schedule(c, ts[i], log_event, id((long)i), NULL);
    for (size_t i = 0; i < n; i++)
        bad_time += !(rr_calendar_time_of(c, h[i]) == ts[i]);
    for (size_t i = 0; i < n; i++) { /* stable insertion sort by time */
        size_t j = i;
        while (j > 0 && ts[i] < ts[want[j - 1]]) {
            want[j] = want[j - 1];
            j--;
        }
        want[j] = (long)i;
    }
    log_start(c);
    while (rr_calendar_step(c))
        ;
    for (size_t i = 0; i < n && i < log_n; i++)
        bad += log_id[i] != want[i] || !(log_time[i] == ts[log_id[i]]);
    CHECK_MSG(log_n == n && bad == 0 && bad_time == 0,
              "%s: %zu of %zu events run, %zu out of place, %zu time_of "
              "wrong", what, log_n, n, bad, bad_time);
}

/* Zero, subnormals, the extremes, infinity, -0 (a tie with 0, in schedule
 * order) and neighbours one ulp apart; then times spread over every
 * exponent so that nearly every bucket is used, at exactly the capacity
 * (the chunk pool must suffice without growing). */
static void test_extreme_times(void)
{
    const double ts[] = {
        1.0, DBL_MAX, 0.0, DBL_TRUE_MIN, INFINITY, 1e-300, -0.0, DBL_MIN,
        1e300, 2 * DBL_TRUE_MIN, 1.0, 0.0, 1e-10, nextafter(1.0, 2.0),
        nextafter(1.0, 0.0), 1e10, 0.5, nextafter(DBL_MAX, 0.0), -0.0,
    };
    enum { SPREAD = 400 };
    static double spread[SPREAD];
    rr_calendar *c = rr_calendar_create(0.0, 0);

    schedule_and_drain(c, ts, RR_COUNTOF(ts), "extreme times");
    CHECK(isinf(rr_calendar_now(c)));
    rr_calendar_destroy(c);

    c = rr_calendar_create(0.0, SPREAD);
    for (size_t i = 0; i < SPREAD; i++)
        spread[i] = i % 7 == 0 ? spread[i / 2]
                               : ldexp(1.0 + next_unit(),
                                       (int)next_below(2040) - 1020);
    schedule_and_drain(c, spread, SPREAD, "every exponent");
    CHECK_EQ(rr_calendar_capacity(c), SPREAD);
    rr_calendar_destroy(c);
}

static rr_calendar *cross_cal;

/* cross - logs itself and schedules id + 1 two days later, across 0. */
static void cross(void *subject, void *object)
{
    log_event(subject, object);
    rr_calendar_schedule(cross_cal, rr_calendar_now(cross_cal) + 2.0,
                         log_event, id((long)(intptr_t)subject + 1), NULL);
}

/* A clock that starts below zero: negative keys, -0, and events that
 * cross from negative to positive times. */
static void test_negative_times(void)
{
    const double ts[] = {
        -999.5, -1000.0, -1e-300, -0.0, 0.0, 5.0, -500.0, -DBL_MIN,
        -1000.0, -nextafter(500.0, 0.0), 1e-300, -0.0,
    };
    rr_calendar *c = rr_calendar_create(-1000.0, 0);

    schedule_and_drain(c, ts, RR_COUNTOF(ts), "negative times");
    rr_calendar_reset(c, -1.0);
    cross_cal = c;
    log_start(c);
    rr_calendar_schedule(c, -1.0, cross, id(1), NULL);
    rr_calendar_schedule(c, 0.5, log_event, id(9), NULL);
    CHECK_EQ(rr_calendar_run_until(c, 2.0), 3);
    CHECK_EQ(log_n, 3);
    CHECK_EQ(log_id[0], 1);
    CHECK_EQ(log_id[1], 9);
    CHECK_EQ(log_id[2], 2);
    CHECK_NEAR(log_time[2], 1.0, 0);
    rr_calendar_destroy(c);
}

static rr_calendar *tie_cal;
static uint64_t tie_victim;
static int tie_victim_cancelled = -1;

/* tie_first - the first event at the tied time: it cancels a later event
 * at the same time (already waiting with it) and schedules one more at
 * now, which must run after every event already at this time. */
static void tie_first(void *subject, void *object)
{
    log_event(subject, object);
    tie_victim_cancelled = rr_calendar_cancel(tie_cal, tie_victim);
    CHECK_NEAR(rr_calendar_next_time(tie_cal), rr_calendar_now(tie_cal), 0);
    rr_calendar_schedule(tie_cal, rr_calendar_now(tie_cal), log_event, id(7),
                         NULL);
}

/* Events at one time T, scheduled while the clock was at 0, 50 and just
 * below T (so they wait in different buckets until T comes near), run in
 * schedule order, among neighbours one ulp and 1e-9 away. */
static void test_ties_across_buckets(void)
{
    const double T = 100.0;
    rr_calendar *c = rr_calendar_create(0.0, 0);
    uint64_t e;
    size_t n = 0;

    tie_cal = c;
    log_start(c);
    rr_calendar_schedule(c, T, tie_first, id(1), NULL);                /* A */
    rr_calendar_schedule(c, nextafter(T, 200.0), log_event, id(10), NULL);
    for (long k = 1; k < 100; k++) /* fillers move the clock along */
        rr_calendar_schedule(c, (double)k - 0.5 * next_unit(), log_event,
                             id(-k), NULL);
    rr_calendar_run_until(c, 50.0);
    rr_calendar_schedule(c, T, log_event, id(2), NULL);                /* B */
    rr_calendar_schedule(c, nextafter(T, 0.0), log_event, id(11), NULL);
    rr_calendar_run_until(c, 99.999);
    tie_victim = rr_calendar_schedule(c, T, log_event, id(3), NULL);   /* C */
    rr_calendar_schedule(c, T - 1e-9, log_event, id(12), NULL);
    e = rr_calendar_schedule(c, T, log_event, id(4), NULL);            /* E */
    rr_calendar_schedule(c, T, log_event, id(5), NULL);                /* F */
    CHECK(rr_calendar_cancel(c, e));
    rr_calendar_run_until(c, nextafter(nextafter(T, 0.0), 0.0));
    CHECK_NEAR(rr_calendar_now(c), nextafter(nextafter(T, 0.0), 0.0), 0);
    rr_calendar_schedule(c, T, log_event, id(6), NULL);                /* G */
    CHECK_NEAR(rr_calendar_next_time(c), nextafter(T, 0.0), 0);
    rr_calendar_run_until(c, 200.0);
    {
        /* 12 (T - 1e-9), 11 (T - ulp), then at T: A, B, (C cancelled by
         * A), F, G, 7 (scheduled by A at T), then 10 (T + ulp). */
        static const long want[] = {12, 11, 1, 2, 5, 6, 7, 10};
        size_t bad = 0;
        for (size_t i = 0; i < log_n; i++) {
            if (log_id[i] < 0)
                continue;
            if (n < RR_COUNTOF(want))
                bad += log_id[i] != want[n] ||
                       (log_id[i] < 10 && log_time[i] != T);
            n++;
        }
        CHECK_EQ(n, RR_COUNTOF(want));
        CHECK_EQ(bad, 0);
    }
    CHECK_EQ(tie_victim_cancelled, 1);
    CHECK_EQ(rr_calendar_size(c), 0);
    rr_calendar_destroy(c);
}

static rr_calendar *ring_cal;
static uint64_t ring_y, ring_z;
static size_t ring_cap_before, ring_cap_after;

/* ring_churn - at time 5, with Y and Z still waiting at 5: many events at
 * now, each cancelled at once (tombstones, squeezed out again and again),
 * every 100th kept; then Z, moved by the squeezing, is cancelled. */
static void ring_churn(void *subject, void *object)
{
    rr_calendar *c = ring_cal;
    size_t bad = 0;

    log_event(subject, object);
    ring_cap_before = rr_calendar_capacity(c);
    for (long i = 0; i < 3000; i++) {
        uint64_t h = rr_calendar_schedule(c, 5.0, log_event,
                                          id(1000 + i / 100), NULL);
        if (i % 100 != 99)
            bad += !rr_calendar_cancel(c, h);
        bad += rr_calendar_time_of(c, ring_y) != 5.0;
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(rr_calendar_size(c), 3 + 30); /* Y, Z, the one at 6, kept */
    CHECK_NEAR(rr_calendar_next_time(c), 5.0, 0);
    CHECK(rr_calendar_cancel(c, ring_z));
    CHECK(!rr_calendar_pending(c, ring_z));
    CHECK(rr_calendar_pending(c, ring_y));
    ring_cap_after = rr_calendar_capacity(c);
}

/* Cancelled events at the current time leave tombstones that are skipped
 * and squeezed out without growing the calendar or breaking the order. */
static void test_ring(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    size_t bad = 0;

    ring_cal = c;
    log_start(c);
    rr_calendar_schedule(c, 5.0, ring_churn, id(1), NULL);
    ring_y = rr_calendar_schedule(c, 5.0, log_event, id(2), NULL);
    ring_z = rr_calendar_schedule(c, 5.0, log_event, id(3), NULL);
    rr_calendar_schedule(c, 6.0, log_event, id(4), NULL);
    CHECK_EQ(rr_calendar_run_until(c, 10.0), 1 + 1 + 30 + 1);
    CHECK_EQ(log_n, 33);
    CHECK_EQ(log_id[0], 1);
    CHECK_EQ(log_id[1], 2);
    for (size_t i = 2; i < 32 && i < log_n; i++)
        bad += log_id[i] != 1000 + (long)(i - 2) || log_time[i] != 5.0;
    CHECK_EQ(bad, 0);
    CHECK_EQ(log_id[32], 4);
    CHECK_EQ(ring_cap_after, ring_cap_before);
    rr_calendar_destroy(c);
}

/* run_until stops before a bucket of several events without disturbing
 * it: events scheduled afterwards between now and that bucket run first.
 * Cancelling the earliest of such a bucket, again and again, leaves
 * next_time() and the order right. */
static void test_stop_before_bucket(void)
{
    enum { K = 40 };
    static double ts[K];
    static uint64_t h[K];
    rr_calendar *c = rr_calendar_create(0.0, 0);
    size_t bad = 0;

    for (long i = 0; i < K; i++) {
        ts[i] = 10.0 + 1e-6 * next_unit();
        h[i] = rr_calendar_schedule(c, ts[i], log_event, id(i), NULL);
    }
    CHECK_EQ(rr_calendar_run_until(c, 5.0), 0);
    CHECK_NEAR(rr_calendar_now(c), 5.0, 0);
    rr_calendar_schedule(c, 7.0, log_event, id(100), NULL);
    rr_calendar_schedule(c, 5.0, log_event, id(101), NULL); /* at now */
    log_start(c);
    CHECK_EQ(rr_calendar_run_until(c, 8.0), 2);
    CHECK_EQ(log_id[0], 101);
    CHECK_EQ(log_id[1], 100);
    /* Cancel the earliest ten, one at a time. */
    for (int k = 0; k < 10; k++) {
        long m = -1;
        for (long i = 0; i < K; i++)
            if (rr_calendar_pending(c, h[i]) && (m < 0 || ts[i] < ts[m]))
                m = i;
        CHECK(rr_calendar_cancel(c, h[m]));
        m = -1;
        for (long i = 0; i < K; i++)
            if (rr_calendar_pending(c, h[i]) && (m < 0 || ts[i] < ts[m]))
                m = i;
        bad += rr_calendar_next_time(c) != ts[m];
    }
    CHECK_EQ(bad, 0);
    log_start(c);
    while (rr_calendar_step(c))
        ;
    CHECK_EQ(log_n, K - 10);
    for (size_t i = 1; i < log_n; i++)
        bad += log_time[i] < log_time[i - 1] || log_time[i] != ts[log_id[i]];
    CHECK_EQ(bad, 0);
    rr_calendar_destroy(c);
}

/* ---- a large randomized run --------------------------------------------- */

/* Tens of thousands pending, as in the baseline model: each event
 * schedules a successor - continuous delays (mean 90), whole days (ties
 * between events scheduled at different times), zero delays, and far
 * clocks (mean 800) - and sometimes cancels a random earlier event and
 * replaces it.  The check: events run in (time, schedule order) without
 * exception, each with the clock at its time; cancelled events never run;
 * at the end every event has run or been cancelled, once. */
enum { BIG_MAX = 500000 };
static struct big_ev {
    double t;
    uint64_t h;
    unsigned char ran, cancelled;
} big[BIG_MAX];
static long big_n, big_last;
static size_t big_bad;
static rr_calendar *big_cal;

static double expo(double mean)
{
    return -mean * log(1.0 - next_unit());
}

static void big_event(void *subject, void *object);

static void big_schedule(double t)
{
    if (big_n == BIG_MAX)
        return;
    big[big_n].t = t;
    big[big_n].h = rr_calendar_schedule(big_cal, t, big_event, id(big_n),
                                        NULL);
    big_n++;
}

static void big_successor(void)
{
    double now = rr_calendar_now(big_cal), u = next_unit();

    if (u < 0.6)
        big_schedule(now + expo(90.0));
    else if (u < 0.8)
        big_schedule(floor(now) + 1.0 + (double)next_below(5));
    else if (u < 0.85)
        big_schedule(now);
    else
        big_schedule(now + expo(800.0));
}

static void big_event(void *subject, void *object)
{
    long i = (long)(intptr_t)subject;
    struct big_ev *e = &big[i];
    RR_UNUSED(object);

    if (e->ran || e->cancelled || rr_calendar_now(big_cal) != e->t ||
        (big_last >= 0 &&
         (e->t < big[big_last].t || (e->t == big[big_last].t && i < big_last))))
        big_bad++;
    e->ran = 1;
    big_last = i;
    big_successor();
    if (next_unit() < 0.1 && big_n > 0) {
        long v = (long)next_below((size_t)big_n);
        bool was = !big[v].ran && !big[v].cancelled;
        bool did = rr_calendar_cancel(big_cal, big[v].h);
        if (did != was)
            big_bad++;
        if (did) {
            big[v].cancelled = 1;
            big_successor();
        }
    }
}

static void big_run(double t0, long pending)
{
    rr_calendar *c = rr_calendar_create(t0, 0);
    size_t bad_query = 0, lost = 0;
    long steps = 0;

    big_cal = c;
    big_n = 0;
    big_last = -1;
    big_bad = 0;
    memset(big, 0, sizeof big);
    for (long i = 0; i < pending; i++)
        big_schedule(t0 + expo(90.0));
    while (rr_calendar_size(c) > 0) {
        if (steps % 1000 == 999) { /* now and then, a stop between events */
            double now = rr_calendar_now(c);
            rr_calendar_run_until(c, now + 0.01 * next_unit());
            bad_query += !(rr_calendar_next_time(c) >= rr_calendar_now(c));
        } else {
            rr_calendar_step(c);
        }
        if (steps++ % 97 == 0) {
            long v = (long)next_below((size_t)big_n);
            bool live = !big[v].ran && !big[v].cancelled;
            bad_query += rr_calendar_pending(c, big[v].h) != live ||
                         (live && rr_calendar_time_of(c, big[v].h) != big[v].t);
        }
    }
    for (long i = 0; i < big_n; i++)
        lost += big[i].ran + big[i].cancelled != 1;
    CHECK_MSG(big_n == BIG_MAX, "large run from %g: %ld events", t0, big_n);
    CHECK_EQ(big_bad, 0);
    CHECK_EQ(bad_query, 0);
    CHECK_EQ(lost, 0);
    rr_calendar_destroy(c);
}

static void test_large(void)
{
    big_run(0.0, 45000);
    big_run(-200.0, 20000); /* times cross from negative to positive */
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

/* ---- limits, slices and out of memory ----------------------------------- */

/* The limit on pending events: schedule() beyond it returns 0 with status
 * RR_ERANGE, schedules nothing, and the calendar does not grow past it;
 * a slot freed by a run event may be used again; reset() clears the
 * status but keeps the limit. */
static void test_max_pending(void)
{
    rr_calendar *c = rr_calendar_create(0.0, 16);
    size_t zeros = 0;

    rr_calendar_set_max_pending(c, 100);
    for (long i = 0; i < 100; i++)
        zeros += rr_calendar_schedule(c, 1.0 + 10.0 * next_unit(), noop,
                                      NULL, NULL) == 0;
    CHECK_EQ(zeros, 0);
    CHECK_EQ(rr_calendar_status(c), RR_OK);
    CHECK_EQ(rr_calendar_schedule(c, 5.0, noop, NULL, NULL), 0);
    CHECK_EQ(rr_calendar_status(c), RR_ERANGE);
    CHECK_EQ(rr_calendar_size(c), 100);
    CHECK_EQ(rr_calendar_capacity(c), 100); /* 16, 32, 64, then the limit */
    CHECK(rr_calendar_step(c));
    CHECK(rr_calendar_schedule(c, 20.0, noop, NULL, NULL) != 0);
    CHECK_EQ(rr_calendar_schedule(c, 20.0, noop, NULL, NULL), 0);
    CHECK_EQ(rr_calendar_status(c), RR_ERANGE); /* still the first reason */
    CHECK_EQ(rr_calendar_run_until(c, 100.0), 100);
    CHECK_EQ(rr_calendar_size(c), 0);

    rr_calendar_reset(c, 0.0);
    CHECK_EQ(rr_calendar_status(c), RR_OK);
    for (long i = 0; i < 101; i++)
        zeros += rr_calendar_schedule(c, 1.0, noop, NULL, NULL) == 0;
    CHECK_EQ(zeros, 1);
    CHECK_EQ(rr_calendar_status(c), RR_ERANGE);

    /* 0 lifts the limit */
    rr_calendar_reset(c, 0.0);
    rr_calendar_set_max_pending(c, 0);
    for (long i = 0; i < 5000; i++)
        zeros += rr_calendar_schedule(c, 1.0 + (double)i, noop, NULL,
                                      NULL) == 0;
    CHECK_EQ(zeros, 1);
    CHECK_EQ(rr_calendar_status(c), RR_OK);
    rr_calendar_destroy(c);

    /* a limit below the capacity already there */
    c = rr_calendar_create(0.0, 1024);
    rr_calendar_set_max_pending(c, 10);
    for (long i = 0; i < 11; i++)
        zeros += rr_calendar_schedule(c, 1.0, noop, NULL, NULL) == 0;
    CHECK_EQ(zeros, 2);
    CHECK_EQ(rr_calendar_size(c), 10);
    CHECK_EQ(rr_calendar_status(c), RR_ERANGE);
    rr_calendar_destroy(c);
}

/* A tree of events, each scheduling up to two more from its id, with ties
 * and zero delays: run in one call and in slices of every size, the events
 * and their order must be the same, and a slice that stops early must
 * leave the clock where the last event put it. */
static rr_calendar *sl_cal;
static long sl_next;

static void sl_event(void *subject, void *object)
{
    long i = (long)(intptr_t)subject;
    double now = rr_calendar_now(sl_cal);

    log_event(subject, object);
    if (sl_next < 60000) {
        rr_calendar_schedule(sl_cal, now + (double)(i % 5) * 0.25,
                             sl_event, id(sl_next++), NULL);
        if (i % 3 == 0)
            rr_calendar_schedule(sl_cal, now + (double)(i % 7), sl_event,
                                 id(sl_next++), NULL);
    }
}

static size_t sl_run(uint64_t slice, long *ids, double *times, int *early)
{
    rr_calendar *c = rr_calendar_create(0.0, 0);
    uint64_t k, total = 0;

    sl_cal = c;
    sl_next = 40;
    log_start(c);
    for (long i = 0; i < 40; i++)
        rr_calendar_schedule(c, (double)(i % 4), sl_event, id(i), NULL);
    *early = 0;
    for (double t = 10.0; t <= 400.0; t += 10.0) {
        while ((k = rr_calendar_run_until_max(c, t, slice)) == slice) {
            total += k;
            if (!(rr_calendar_now(c) <= t) ||
                rr_calendar_now(c) != log_time[log_n - 1])
                *early = -1;
            else
                (*early)++;
        }
        total += k;
        if (rr_calendar_now(c) != t)
            *early = -1;
    }
    if (total != rr_calendar_events_run(c) || log_n > LOG_MAX)
        *early = -1;
    memcpy(ids, log_id, log_n * sizeof *ids);
    memcpy(times, log_time, log_n * sizeof *times);
    rr_calendar_destroy(c);
    return log_n;
}

static void test_slices(void)
{
    static long ids0[LOG_MAX], ids[LOG_MAX];
    static double t0[LOG_MAX], ts[LOG_MAX];
    static const uint64_t slices[] = {1, 2, 7, 64, 4096};
    int early;
    size_t n0 = sl_run(UINT64_MAX, ids0, t0, &early), n;

    CHECK(n0 > 50000);
    CHECK_EQ(early, 0);
    for (size_t k = 0; k < RR_COUNTOF(slices); k++) {
        n = sl_run(slices[k], ids, ts, &early);
        CHECK_MSG(n == n0 && memcmp(ids, ids0, n * sizeof *ids) == 0 &&
                      memcmp(ts, t0, n * sizeof *ts) == 0,
                  "slices of %" PRIu64 ": the same %zu events in the same "
                  "order at the same times (got %zu)",
                  slices[k], n0, n);
        CHECK_MSG(early > 0, "slices of %" PRIu64 ": %d stopped early, "
                  "clock kept", slices[k], early);
    }
    CHECK_EQ(rr_calendar_run_until_max(sl_cal = rr_calendar_create(0, 0),
                                       5.0, 0), 0);
    rr_calendar_destroy(sl_cal);
}

#if defined(__SANITIZE_ADDRESS__)
#define CAL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CAL_ASAN 1
#endif
#endif

#ifndef CAL_ASAN
#include <sys/resource.h>

/* oom_child - with little address space left, schedule until refused:
 * the refusal must be RR_ENOMEM, not an abort, and the calendar must go
 * on working.  Exit 0 when all is well, 1-4 for what was not. */
static void oom_child(void)
{
    struct rlimit rl = {256u << 20, 256u << 20};
    rr_calendar *c = rr_calendar_create(0.0, 0);
    size_t n = 0;

    if (!c || setrlimit(RLIMIT_AS, &rl) != 0)
        _exit(4);
    while (rr_calendar_schedule(c, 1.0 + (double)(n % 1000), noop, NULL,
                                NULL) != 0)
        n++;
    if (rr_calendar_status(c) != RR_ENOMEM)
        _exit(1);
    if (rr_calendar_size(c) != n || n < 1000)
        _exit(2);
    if (rr_calendar_run_until(c, 2000.0) != n || rr_calendar_size(c) != 0)
        _exit(3);
    rr_calendar_destroy(c);
    _exit(0);
}

static void test_out_of_memory(void)
{
    int st = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0)
        oom_child();
    CHECK(pid > 0);
    if (pid <= 0)
        return;
    waitpid(pid, &st, 0);
    CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "out of address space: schedule() returns 0 with RR_ENOMEM "
              "and the calendar goes on (status %d)", st);
}
#endif

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
    test_switching();
    test_switch_ties();
    test_switch_cancel();
    test_nested();
    test_acting_events();
    test_run_until();
    test_extreme_times();
    test_negative_times();
    test_ties_across_buckets();
    test_ring();
    test_stop_before_bucket();
    test_large();
    test_bounded();
    test_reset();
    test_max_pending();
    test_slices();
#ifndef CAL_ASAN
    test_out_of_memory();
#endif
#ifndef NDEBUG
    test_assert();
#endif
    return check_summary("test_calendar");
}
