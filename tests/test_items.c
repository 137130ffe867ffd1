/*
 * test_items.c - work items beyond one process: rr_slice cuts the items
 * into contiguous, even shards that tile them; a replication's result
 * survives rr_item_encode / rr_item_decode bit for bit (NaN and -0 too)
 * and a decode refuses bytes of another layout, cut short or with more;
 * an executor that brings every result from elsewhere gives rr_run_many
 * the same results as threads, one that brings an item twice or not at
 * all fails the run; a worker's rr_items_run gives the bytes of the
 * threaded run's item.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_scenario.h"

static void test_slice(void)
{
    int bad = 0;
    for (uint64_t total = 0; total <= 60; total++)
        for (uint64_t n = 1; n <= 13; n++) {
            uint64_t next = 0, lo = UINT64_MAX, hi = 0;
            for (uint64_t i = 0; i < n; i++) {
                uint64_t first, count;
                rr_slice(total, i, n, &first, &count);
                if (first != next)
                    bad++;
                next = first + count;
                lo = count < lo ? count : lo;
                hi = count > hi ? count : hi;
            }
            if (next != total || hi - lo > 1)
                bad++;
        }
    CHECK_EQ(bad, 0);
    {
        uint64_t first, count;
        /* large counts do not overflow */
        rr_slice(UINT64_MAX / 2, 999999, 1000000, &first, &count);
        CHECK(first + count == UINT64_MAX / 2);
    }
}

typedef struct loaded {
    rr_scenario *sc;
    const rr_plan *plan;
} loaded;

static int load(const char *set, loaded *l)
{
    char err[1024] = "";
    const char *sets[] = {set};
    if (rr_scenario_load("scenarios/mm1.ini", sets, set ? 1 : 0, &l->sc,
                         err, sizeof err) != RR_OK ||
        rr_scenario_plan(l->sc, &l->plan, err, sizeof err) != RR_OK) {
        printf("  cannot load scenarios/mm1.ini: %s\n", err);
        return -1;
    }
    return 0;
}

static bool same_rep(const rr_rep_result *a, const rr_rep_result *b)
{
    return a->events == b->events &&
           memcmp(a->values, b->values,
                  a->n_periods * a->n_metrics * sizeof(double)) == 0 &&
           memcmp(a->kpi, b->kpi, a->n_kpis * sizeof(double)) == 0 &&
           memcmp(a->stages, b->stages,
                  a->n_periods * a->n_stages * RR_SM_COUNT *
                      sizeof(double)) == 0 &&
           memcmp(a->countries, b->countries,
                  a->n_years * a->n_countries * a->n_cmeasures *
                      sizeof(double)) == 0;
}

static void test_encode(const rr_run_result *r)
{
    rr_rep_result copy, src = r->rep[1];
    double keep0 = src.kpi[0], keep1 = src.kpi[1];
    uint64_t nan_bits = 0x7ff8000000001234ull;
    size_t len;
    char err[256];
    unsigned char *buf;

    /* a NaN with a payload and a negative zero come back as they were */
    memcpy(&src.kpi[0], &nan_bits, sizeof nan_bits);
    src.kpi[1] = -0.0;
    buf = rr_item_encode(&src, &len);
    CHECK(buf != NULL);
    if (!buf)
        return;
    CHECK_EQ(rr_rep_result_init(&copy, &r->layout), RR_OK);
    CHECK_EQ(rr_item_decode(buf, len, &copy, err, sizeof err), RR_OK);
    CHECK(same_rep(&src, &copy));
    CHECK(signbit(copy.kpi[1]) && copy.kpi[1] == 0);
    src.kpi[0] = keep0;
    src.kpi[1] = keep1;
    r->rep[1].kpi[0] = keep0;
    r->rep[1].kpi[1] = keep1;
    /* refused: cut short, one byte more, another magic, another layout */
    CHECK_EQ(rr_item_decode(buf, len - 1, &copy, err, sizeof err),
             RR_EPARSE);
    CHECK(strstr(err, "bytes where its sizes call for") != NULL);
    {
        unsigned char *more = malloc(len + 1);
        memcpy(more, buf, len);
        more[len] = 0;
        CHECK_EQ(rr_item_decode(more, len + 1, &copy, err, sizeof err),
                 RR_EPARSE);
        free(more);
    }
    CHECK_EQ(rr_item_decode(buf, 10, &copy, err, sizeof err), RR_EPARSE);
    buf[0] = 'X';
    CHECK_EQ(rr_item_decode(buf, len, &copy, err, sizeof err), RR_EPARSE);
    buf[0] = 'R';
    buf[4 + 8] ^= 1; /* n_metrics */
    CHECK_EQ(rr_item_decode(buf, len, &copy, err, sizeof err), RR_EPARSE);
    CHECK(strstr(err, "metrics where the scenario has") != NULL);
    free(buf);
    rr_rep_result_fini(&copy);
}

typedef struct fake_worker_put {
    const rr_run_result *from;
} fake_worker_put;

/* an executor that brings every result from `from` (a threaded run),
 * encoded; with twice, one of them a second time; with short, not the
 * last */
typedef struct fake {
    const rr_run_result *from;
    bool twice, short_;
    int ends;
    size_t end_items;        /* the results end() was shown */
    const char *end_fails;   /* if not NULL: end() fails with this */
} fake;

static int fake_manage(void *ctx, rr_work *w)
{
    fake *f = ctx;
    uint64_t point, rep;
    char err[256];
    size_t n = 0;
    while (rr_work_take(w, &point, &rep)) {
        size_t len;
        void *buf = rr_item_encode(&f->from[point].rep[rep], &len);
        if (f->short_ && ++n == 5) {
            free(buf);
            break;
        }
        rr_work_put(w, point, rep, buf, len, err, sizeof err);
        if (f->twice && n++ == 2)
            rr_work_put(w, point, rep, buf, len, err, sizeof err);
        free(buf);
    }
    return RR_OK;
}

static int fake_end(void *ctx, int rc, const rr_run_result *out, size_t n,
                    char *err, size_t errlen)
{
    fake *f = ctx;
    f->ends++;
    for (size_t i = 0; rc == RR_OK && i < n; i++)
        for (size_t r = 0; r < out[i].reps; r++)
            f->end_items += same_rep(&f->from[i].rep[r], &out[i].rep[r]);
    if (f->end_fails) {
        snprintf(err, errlen, "%s", f->end_fails);
        return RR_EIO;
    }
    return rc;
}

/* a worker that is sent every result of `from` (rr_items_put), as an MPI
 * worker of a command whose next step needs them */
static int fake_serve_put(void *ctx, rr_items *it)
{
    fake_worker_put *f = ctx;
    char err[256];
    for (uint64_t p = 0; p < 2; p++)
        for (uint64_t r = 0; r < 4; r++) {
            size_t len;
            void *buf = rr_item_encode(&f->from[p].rep[r], &len);
            if (p == 0 && r == 0) /* bytes cut short: refused */
                CHECK_EQ(rr_items_put(it, p, r, buf, len / 2, err,
                                      sizeof err), RR_EPARSE);
            CHECK_EQ(rr_items_put(it, p, r, buf, len, err, sizeof err),
                     RR_OK);
            free(buf);
        }
    CHECK_EQ(rr_items_put(it, 2, 0, "", 0, err, sizeof err), RR_EINVAL);
    return RR_OK;
}

/* a worker that runs item (1, 2) and compares its bytes */
typedef struct fake_worker {
    const rr_run_result *from;
    int same;
} fake_worker;

static int fake_serve(void *ctx, rr_items *it)
{
    fake_worker *f = ctx;
    void *buf, *want;
    size_t len, wlen;
    char err[256];
    atomic_int halt;
    atomic_init(&halt, 0);
    if (rr_items_run(it, 1, 2, &halt, &buf, &len, err, sizeof err) != RR_OK)
        return RR_EINVAL;
    want = rr_item_encode(&f->from[1].rep[2], &wlen);
    f->same = want && len == wlen && memcmp(buf, want, len) == 0;
    free(buf);
    free(want);
    /* an item beyond the run is refused */
    CHECK_EQ(rr_items_run(it, 2, 0, &halt, &buf, &len, err, sizeof err),
             RR_EINVAL);
    return RR_OK;
}

static void test_exec(void)
{
    loaded a, b;
    rr_run_result ref[2], got[2];
    rr_run_opts o;
    char err[512];
    const rr_plan *plans[2];

    if (load(NULL, &a) || load("lambda=0.6", &b)) {
        CHECK(0);
        return;
    }
    plans[0] = a.plan;
    plans[1] = b.plan;
    memset(&o, 0, sizeof o);
    o.reps = 4;
    o.seed = 7;
    o.threads = 2;
    CHECK_EQ(rr_run_many(plans, 2, 1, &o, ref, err, sizeof err), RR_OK);
    test_encode(&ref[0]);
    {
        fake f = {ref, false, false, 0, 0, NULL};
        rr_exec x = {&f, false, true, fake_manage, fake_end, NULL};
        o.exec = &x;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err), RR_OK);
        CHECK_EQ(f.ends, 1);
        CHECK_EQ(f.end_items, 8); /* end() is shown every result */
        for (int p = 0; p < 2; p++)
            for (int r = 0; r < 4; r++)
                CHECK(same_rep(&ref[p].rep[r], &got[p].rep[r]));
        CHECK_EQ(got[0].events, ref[0].events);
        rr_run_result_fini(&got[0]);
        rr_run_result_fini(&got[1]);
    }
    {
        fake f = {ref, true, false, 0, 0, NULL};
        rr_exec x = {&f, false, true, fake_manage, fake_end, NULL};
        o.exec = &x;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err),
                 RR_EPARSE);
        CHECK(strstr(err, "came twice") != NULL);
    }
    {
        fake f = {ref, false, true, 0, 0, NULL};
        rr_exec x = {&f, false, true, fake_manage, fake_end, NULL};
        o.exec = &x;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err),
                 RR_EINVAL);
        CHECK(strstr(err, "did not come back") != NULL);
    }
    /* end() failing with a message of its own (an MPI rank gone): that
     * is the failure, of no design point, even over an item's */
    for (int twice = 0; twice < 2; twice++) {
        fake f = {ref, twice, false, 0, 0, "rank 3 left"};
        rr_exec x = {&f, false, true, fake_manage, fake_end, NULL};
        size_t failed = 0;
        o.exec = &x;
        o.failed_plan = &failed;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err),
                 RR_EIO);
        CHECK(strcmp(err, "rank 3 left") == 0);
        CHECK_EQ(failed, 2);
        o.failed_plan = NULL;
    }
    /* a worker sent the manager's results returns them */
    {
        fake_worker_put f = {ref};
        rr_exec x = {&f, true, false, NULL, NULL, fake_serve_put};
        o.exec = &x;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err), RR_OK);
        CHECK_EQ(got[0].reps, 4);
        CHECK_EQ(got[1].reps, 4);
        for (int p = 0; p < 2; p++)
            for (int r = 0; r < 4; r++)
                CHECK(same_rep(&ref[p].rep[r], &got[p].rep[r]));
        CHECK_EQ(got[1].events, ref[1].events);
        rr_run_result_fini(&got[0]);
        rr_run_result_fini(&got[1]);
    }
    {
        fake_worker f = {ref, 0};
        rr_exec x = {&f, true, false, NULL, NULL, fake_serve};
        o.exec = &x;
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err), RR_OK);
        CHECK(f.same);
        CHECK_EQ(got[0].reps, 0);
    }
    /* a shard: its items as the threaded run's, the others left at 0 */
    {
        uint64_t first, count;
        o.exec = NULL;
        o.shard = 1;
        o.shards = 3;
        rr_slice(8, 1, 3, &first, &count);
        CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err), RR_OK);
        for (uint64_t i = 0; i < 8; i++) {
            const rr_rep_result *g = &got[i / 4].rep[i % 4];
            if (i >= first && i < first + count)
                CHECK(same_rep(&ref[i / 4].rep[i % 4], g));
            else
                CHECK(g->events == 0 && g->kpi[0] == 0);
        }
        rr_run_result_fini(&got[0]);
        rr_run_result_fini(&got[1]);
    }
    /* a shard's slice of a command's items over several calls: this
     * call's 8 items are [offset, offset + 8) of total; each shard runs
     * the part of its slice that falls in the call, maybe none */
    {
        static const struct {
            uint64_t total, offset, shard, shards;
        } cases[] = {{24, 8, 1, 3}, {24, 8, 0, 3}, {24, 8, 2, 3},
                     {12, 4, 0, 2}, {12, 4, 1, 2}, {20, 3, 1, 4}};
        for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
            uint64_t first, count;
            o.shard = cases[c].shard;
            o.shards = cases[c].shards;
            o.slice_total = cases[c].total;
            o.slice_offset = cases[c].offset;
            rr_slice(cases[c].total, o.shard, o.shards, &first, &count);
            CHECK_EQ(rr_run_many(plans, 2, 1, &o, got, err, sizeof err),
                     RR_OK);
            for (uint64_t i = 0; i < 8; i++) {
                const rr_rep_result *g = &got[i / 4].rep[i % 4];
                uint64_t item = cases[c].offset + i;
                if (item >= first && item < first + count)
                    CHECK(same_rep(&ref[i / 4].rep[i % 4], g));
                else
                    CHECK(g->events == 0 && g->kpi[0] == 0);
            }
            rr_run_result_fini(&got[0]);
            rr_run_result_fini(&got[1]);
        }
        o.shards = 0;
        o.slice_total = o.slice_offset = 0;
    }
    rr_run_result_fini(&ref[0]);
    rr_run_result_fini(&ref[1]);
    rr_scenario_destroy(a.sc);
    rr_scenario_destroy(b.sc);
}

int main(void)
{
    test_slice();
    test_exec();
    return check_summary("test_items");
}
