/*
 * test_spill.c - a run's rows per period and year kept in a spill file
 * (rr_run_opts.spill_dir, sim/model/spill.c) instead of memory.
 *
 * - The rows read back (rr_rep_period, rr_rep_year) are bit for bit those
 *   of the same run held in memory, for every replication, period, year,
 *   stage and country, on one thread or two; the KPIs and event counts
 *   too; and rr_run_metric_ci gives the same interval.
 * - The files written from either (timeseries, stages and countries, each
 *   with its summary) are the same bytes.
 * - With a target precision the replications added batch by batch land
 *   in their own blocks: the same rows as a run held in memory, over
 *   more periods than one write gathers; readers (rr_rows) a few rows at
 *   a time, in any order, read the same rows as from memory.
 * - The spill leaves no name in its folder, while the run is held or
 *   after; a folder that cannot take it is a failure naming the folder.
 * - A replication's arrays hold one row with a spill, whatever the
 *   horizon; a spilled result is not encoded as an item (its rows are not
 *   in it) nor decoded into.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_output.h"
#include "rr_scenario.h"

static char folder[64];

/* entries - names in dir besides . and ..; -1 if it cannot be read. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static rr_scenario *load(const char *path, const char *const *sets,
                         size_t n, const rr_plan **plan)
{
    char err[1024] = "";
    rr_scenario *sc = NULL;
    if (rr_scenario_load(path, sets, n, &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, plan, err, sizeof err) != RR_OK) {
        printf("  cannot load %s: %s\n", path, err);
        rr_scenario_destroy(sc);
        return NULL;
    }
    return sc;
}

/* run - reps replications of plan on `threads`, rows to a spill in dir
 * (NULL: in memory), optionally to a precision. */
static int run(const rr_plan *plan, int reps, int threads, const char *dir,
               rr_precision *prec, rr_run_result *out)
{
    rr_run_opts o;
    char err[512] = "";
    int rc;
    memset(&o, 0, sizeof o);
    o.reps = reps;
    o.seed = 11;
    o.threads = threads;
    o.spill_dir = dir;
    o.precision = prec;
    rc = rr_run(plan, &o, out, err, sizeof err);
    if (rc != RR_OK)
        printf("  run failed: %s\n", err);
    return rc;
}

/* same_rows - every row of every replication of a and b, bit for bit;
 * the number of rows that differ (or could not be read). */
static size_t same_rows(const rr_run_result *a, const rr_run_result *b)
{
    size_t bad = 0;
    size_t plen = a->layout.n_metrics + a->layout.n_stages * RR_SM_COUNT;
    size_t ylen = a->layout.n_countries * a->layout.n_cmeasures;
    double *ba = malloc((plen + ylen + 1) * sizeof *ba);
    double *bb = malloc((plen + ylen + 1) * sizeof *bb);
    if (!ba || !bb || a->reps != b->reps) {
        free(ba);
        free(bb);
        return 1;
    }
    for (size_t i = 0; i < a->reps; i++) {
        const rr_rep_result *x = &a->rep[i], *y = &b->rep[i];
        if (x->events != y->events ||
            memcmp(x->kpi, y->kpi, x->n_kpis * sizeof *x->kpi) != 0)
            bad++;
        for (size_t k = 0; k < a->layout.periods.n; k++) {
            const double *va, *sa, *vb, *sb;
            if (rr_rep_period(x, k, ba, &va, &sa) != RR_OK ||
                rr_rep_period(y, k, bb, &vb, &sb) != RR_OK ||
                memcmp(va, vb, x->n_metrics * sizeof *va) != 0 ||
                memcmp(sa, sb, x->n_stages * RR_SM_COUNT * sizeof *sa) != 0)
                bad++;
        }
        for (size_t k = 0; k < a->layout.years.n; k++) {
            const double *ca, *cb;
            if (rr_rep_year(x, k, ba, &ca) != RR_OK ||
                rr_rep_year(y, k, bb, &cb) != RR_OK ||
                memcmp(ca, cb, ylen * sizeof *ca) != 0)
                bad++;
        }
    }
    free(ba);
    free(bb);
    return bad;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1))) {
        if (fread(s, 1, (size_t)n, f) != (size_t)n) {
            free(s);
            s = NULL;
        } else {
            s[n] = '\0';
        }
    }
    fclose(f);
    return s;
}

typedef int writer(const char *path, const rr_run_result *r, char *err,
                   size_t errlen);

/* same_file - w writes the same bytes from a and from b. */
static int same_file(writer *w, const rr_run_result *a,
                     const rr_run_result *b)
{
    char pa[96], pb[96], err[512] = "";
    char *ta, *tb;
    int same;
    snprintf(pa, sizeof pa, "%s.a.csv", folder);
    snprintf(pb, sizeof pb, "%s.b.csv", folder);
    if (w(pa, a, err, sizeof err) != RR_OK ||
        w(pb, b, err, sizeof err) != RR_OK) {
        printf("  cannot write: %s\n", err);
        remove(pa);
        remove(pb);
        return 0;
    }
    ta = slurp(pa);
    tb = slurp(pb);
    same = ta && tb && strlen(ta) > 100 && strcmp(ta, tb) == 0;
    free(ta);
    free(tb);
    remove(pa);
    remove(pb);
    return same;
}

/* The baseline, six years reported by month: several stages and
 * countries. */
static void test_rows(void)
{
    const rr_plan *plan;
    rr_scenario *sc = load("scenarios/nl-baseline.ini", NULL, 0, &plan);
    rr_run_result mem, one, two;
    size_t k = 0, m = 0;
    if (!sc) {
        CHECK(0);
        return;
    }
    CHECK_EQ(run(plan, 3, 1, NULL, NULL, &mem), RR_OK);
    CHECK_EQ(run(plan, 3, 1, folder, NULL, &one), RR_OK);
    CHECK_EQ(run(plan, 3, 2, folder, NULL, &two), RR_OK);
    CHECK(mem.spill == NULL && mem.rep[0].spill == NULL);
    CHECK(one.spill != NULL && one.rep[2].spill == one.spill &&
          one.rep[2].slot == 2);
    CHECK(mem.layout.n_stages > 1 && mem.layout.n_countries > 1 &&
          mem.layout.periods.n == 72 && mem.layout.years.n == 6);
    /* nothing in the folder: the spill has no name */
    CHECK_EQ(entries(folder), 0);
    CHECK_EQ(same_rows(&mem, &one), 0);
    CHECK_EQ(same_rows(&mem, &two), 0);
    /* the row read back is a row that was filled, not zeros */
    {
        double buf[512];
        const double *v, *st;
        double sum = 0;
        CHECK(rr_rep_period_len(&one.rep[0]) < 512);
        if (rr_rep_period_len(&one.rep[0]) < 512 &&
            rr_rep_period(&one.rep[0], 59, buf, &v, &st) == RR_OK)
            for (size_t i = 0; i < one.layout.n_metrics; i++)
                sum += fabs(v[i]);
        CHECK(sum > 0);
    }
    /* rr_run_metric_ci reads back the same values */
    for (k = 0; k < mem.layout.periods.n; k += 5)
        for (m = 0; m < mem.layout.n_metrics; m++) {
            rr_ci a = rr_run_metric_ci(&mem, k, m);
            rr_ci b = rr_run_metric_ci(&two, k, m);
            if (memcmp(&a.mean, &b.mean, sizeof a.mean) != 0 ||
                memcmp(&a.low, &b.low, sizeof a.low) != 0 || a.n != b.n)
                break;
        }
    CHECK(k >= mem.layout.periods.n);
    CHECK(same_file(rr_write_timeseries, &mem, &two));
    CHECK(same_file(rr_write_timeseries_summary, &mem, &two));
    CHECK(same_file(rr_write_stages, &mem, &two));
    CHECK(same_file(rr_write_stages_summary, &mem, &two));
    CHECK(same_file(rr_write_countries, &mem, &two));
    CHECK(same_file(rr_write_countries_summary, &mem, &two));
    /* a spilled result does not travel as an item */
    {
        size_t len = 0;
        void *buf = rr_item_encode(&one.rep[0], &len);
        char err[256] = "";
        CHECK(buf == NULL);
        free(buf);
        buf = rr_item_encode(&mem.rep[0], &len);
        CHECK(buf != NULL);
        if (buf)
            CHECK_EQ(rr_item_decode(buf, len, &one.rep[1], err, sizeof err),
                     RR_EINVAL);
        free(buf);
    }
    rr_run_result_fini(&mem);
    rr_run_result_fini(&one);
    rr_run_result_fini(&two);
    CHECK_EQ(entries(folder), 0);
    rr_scenario_destroy(sc);
}

/* Replications in batches (--precision), 480 months: more than a
 * replication gathers for one write (RR_SPILL_CHUNK), and the
 * replication's own arrays still hold one row.  Readers of a few rows at
 * a time, in order and not, give the rows of the result in memory. */
static void test_batches(void)
{
    static const char *const sets[] = {"scenario.end=2063-12-31",
                                       "scenario.report=month"};
    const rr_plan *plan;
    rr_scenario *sc = load("scenarios/mm1.ini", sets, 2, &plan);
    rr_precision pa, pb;
    rr_run_result mem, sp;
    char err[256] = "";
    if (!sc) {
        CHECK(0);
        return;
    }
    rr_precision_init(&pa);
    pa.target = 0.002; /* not reached: batches up to max_reps */
    pa.max_reps = 9;
    CHECK_EQ(rr_precision_set_names(&pa, "arrivals", err, sizeof err),
             RR_OK);
    pb = pa;
    CHECK_EQ(run(plan, 2, 2, NULL, &pa, &mem), RR_OK);
    CHECK_EQ(run(plan, 2, 2, folder, &pb, &sp), RR_OK);
    CHECK(pa.batches > 2);
    CHECK_EQ(pa.reps, pb.reps);
    CHECK_EQ(sp.reps, mem.reps);
    CHECK_EQ(same_rows(&mem, &sp), 0);
    CHECK_EQ(mem.layout.periods.n, 480);
    CHECK(RR_SPILL_CHUNK / (rr_rep_period_len(&sp.rep[0]) * sizeof(double)) <
          480);
    {
        rr_rows a, b, ya, yb;
        size_t bad = 0, len = rr_rep_period_len(&sp.rep[0]);
        CHECK_EQ(rr_rows_open(&a, &mem.rep[1], 0, 1000), RR_OK);
        CHECK_EQ(rr_rows_open(&b, &sp.rep[1], 0, 7), RR_OK);
        CHECK_EQ(rr_rows_open(&ya, &mem.rep[1], 1, 3), RR_OK);
        CHECK_EQ(rr_rows_open(&yb, &sp.rep[1], 1, 3), RR_OK);
        for (size_t i = 0; i < 2 * 480; i++) {
            /* forwards, then by a stride that jumps back and forth */
            size_t k = i < 480 ? i : (i * 37) % 480;
            const double *x = rr_rows_get(&a, k), *y = rr_rows_get(&b, k);
            if (!x || !y || memcmp(x, y, len * sizeof *x) != 0)
                bad++;
        }
        for (size_t k = 0; k < mem.layout.years.n; k++) {
            const double *x = rr_rows_get(&ya, k), *y = rr_rows_get(&yb, k);
            if (!x || !y ||
                memcmp(x, y, rr_rep_year_len(&sp.rep[1]) * sizeof *x) != 0)
                bad++;
        }
        CHECK_EQ(bad, 0);
        CHECK(rr_rows_get(&b, 480) == NULL);
        rr_rows_close(&a);
        rr_rows_close(&b);
        rr_rows_close(&ya);
        rr_rows_close(&yb);
    }
    /* nothing left gathered once the replications are done */
    CHECK(sp.reps > 0 && sp.rep[0].pending == NULL &&
          sp.rep[sp.reps - 1].pending == NULL);
    /* a row of the period running: the arrays were allocated for one */
    CHECK(sp.rep[0].spill && rr_rep_row(&sp.rep[0], 99) == sp.rep[0].values);
    CHECK(rr_rep_stage(&sp.rep[0], 99, 0) == sp.rep[0].stages);
    CHECK(rr_rep_country(&sp.rep[0], 20, 0) == sp.rep[0].countries);
    rr_run_result_fini(&mem);
    rr_run_result_fini(&sp);
    CHECK_EQ(entries(folder), 0);
    rr_scenario_destroy(sc);
}

static void test_no_folder(void)
{
    const rr_plan *plan;
    rr_scenario *sc = load("scenarios/mm1.ini", NULL, 0, &plan);
    rr_layout l;
    rr_spill *s = (rr_spill *)&l;
    char err[512] = "", dir[96];
    if (!sc) {
        CHECK(0);
        return;
    }
    snprintf(dir, sizeof dir, "%s/missing", folder);
    CHECK_EQ(rr_layout_make(plan, &l), RR_OK);
    CHECK_EQ(rr_spill_create(&s, dir, &l, err, sizeof err), RR_EIO);
    CHECK(s == NULL);
    CHECK(strstr(err, "missing") != NULL);
    rr_layout_fini(&l);
    {
        rr_run_opts o;
        rr_run_result r;
        memset(&o, 0, sizeof o);
        o.reps = 1;
        o.threads = 1;
        o.spill_dir = dir;
        err[0] = '\0';
        CHECK_EQ(rr_run(plan, &o, &r, err, sizeof err), RR_EIO);
        CHECK(strstr(err, "cannot write") != NULL);
    }
    rr_scenario_destroy(sc);
}

int main(void)
{
    snprintf(folder, sizeof folder, "/tmp/rrsim-test-spill-XXXXXX");
    if (!mkdtemp(folder)) {
        printf("cannot make a folder\n");
        return 1;
    }
    test_rows();
    test_batches();
    test_no_folder();
    rmdir(folder);
    return check_summary("test_spill");
}
