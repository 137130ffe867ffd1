/*
 * test_experiment.c - replications of several design points and the
 * paired comparison: common random numbers (CRN) and the paired-difference
 * confidence interval.
 *
 * - Two identical scenarios run with CRN give identical replications, the
 *   same as a run of one, whatever the thread count; without CRN they do
 *   not.
 * - CRN makes the paired difference of two close scenarios far less
 *   variable than without it (a statistical test at a fixed seed).
 * - rr_run_kpi_diff_ci, and compare.csv, against a Student-t interval
 *   computed by hand, on replication results made up for the purpose.
 */
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
#include "rr_sweep.h"

/* t(0.975, df) for df = 1, 2, 3: 12.706204736174698, 4.302652729749464,
 * 3.182446305284263 (tables give 12.706, 4.303, 3.182). */
#define T975_1 12.706204736174698
#define T975_2 4.302652729749464
#define T975_3 3.182446305284263

typedef struct loaded {
    rr_scenario *sc;
    const rr_plan *plan;
} loaded;

static int load(const char *const *sets, size_t n, loaded *l)
{
    char err[1024] = "";
    l->sc = NULL;
    if (rr_scenario_load("scenarios/mm1.ini", sets, n, &l->sc, err,
                         sizeof err) != RR_OK ||
        rr_scenario_plan(l->sc, &l->plan, err, sizeof err) != RR_OK) {
        printf("  cannot load scenarios/mm1.ini: %s\n", err);
        rr_scenario_destroy(l->sc);
        l->sc = NULL;
        return -1;
    }
    return 0;
}

static long kpi_index(const rr_run_result *r, const char *name)
{
    for (size_t k = 0; k < r->layout.n_kpis; k++)
        if (strcmp(r->layout.kpi[k], name) == 0)
            return (long)k;
    return -1;
}

/* same_rep - replication i of a and of b hold the same bytes. */
static int same_rep(const rr_run_result *a, const rr_run_result *b, size_t i)
{
    const rr_rep_result *x = &a->rep[i], *y = &b->rep[i];
    return x->n_periods == y->n_periods && x->n_metrics == y->n_metrics &&
           x->n_kpis == y->n_kpis &&
           memcmp(x->values, y->values,
                  x->n_periods * x->n_metrics * sizeof *x->values) == 0 &&
           memcmp(x->kpi, y->kpi, x->n_kpis * sizeof *x->kpi) == 0;
}

/* ---- identical scenarios ------------------------------------------------ */

static void test_identical(void)
{
    loaded a, b;
    const rr_plan *plans[2];
    rr_run_result crn[2], crn1[2], indep[2], one;
    rr_run_opts o = {.reps = 6, .seed = 11, .threads = 2};
    char err[512] = "";
    size_t same_crn = 0, same_crn1 = 0, same_one = 0, same_indep = 0;
    long k;

    if (load(NULL, 0, &a) != 0 || load(NULL, 0, &b) != 0) {
        CHECK_MSG(0, "load mm1 twice");
        rr_scenario_destroy(a.sc);
        return;
    }
    plans[0] = a.plan;
    plans[1] = b.plan;
    CHECK_EQ(rr_run_many(plans, 2, 1, &o, crn, err, sizeof err), RR_OK);
    o.threads = 1;
    CHECK_EQ(rr_run_many(plans, 2, 1, &o, crn1, err, sizeof err), RR_OK);
    CHECK_EQ(rr_run(a.plan, &o, &one, err, sizeof err), RR_OK);
    CHECK_EQ(rr_run_many(plans, 2, 0, &o, indep, err, sizeof err), RR_OK);
    CHECK_EQ(crn[0].reps, 6);
    CHECK_EQ(crn[1].reps, 6);
    for (size_t i = 0; i < 6; i++) {
        same_crn += same_rep(&crn[0], &crn[1], i);
        same_crn1 += same_rep(&crn[0], &crn1[0], i) &&
                     same_rep(&crn[1], &crn1[1], i);
        same_one += same_rep(&crn[0], &one, i);
        same_indep += same_rep(&indep[0], &indep[1], i);
    }
    /* every replication identical under CRN, in a run of one plan, on
     * one thread or two; none alike with a stream per point */
    CHECK_EQ(same_crn, 6);
    CHECK_EQ(same_crn1, 6);
    CHECK_EQ(same_one, 6);
    CHECK_EQ(same_indep, 0);
    /* the replications differ among themselves (the check above is not
     * comparing constants) */
    CHECK(memcmp(crn[0].rep[0].kpi, crn[0].rep[1].kpi,
                 crn[0].rep[0].n_kpis * sizeof(double)) != 0);

    k = kpi_index(&crn[0], "departures_voluntary_self");
    CHECK(k >= 0);
    if (k >= 0) {
        rr_ci d = rr_run_kpi_diff_ci(&crn[0], &crn[1], (size_t)k);
        rr_ci m = rr_run_kpi_ci(&crn[0], (size_t)k);
        CHECK_EQ(d.n, 6);
        CHECK_EQ(d.mean, 0);
        CHECK_EQ(d.sd, 0);
        CHECK_EQ(d.low, 0);
        CHECK_EQ(d.high, 0);
        CHECK(m.mean > 2000 && m.sd > 0); /* 0.8 a day for 9 years */
    }
    for (int p = 0; p < 2; p++) {
        rr_run_result_fini(&crn[p]);
        rr_run_result_fini(&crn1[p]);
        rr_run_result_fini(&indep[p]);
    }
    rr_run_result_fini(&one);
    rr_scenario_destroy(a.sc);
    rr_scenario_destroy(b.sc);
}

/* ---- variance reduction ------------------------------------------------- */

static double var_of(const double *x, size_t n)
{
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        s += (x[i] - m) * (x[i] - m);
    return s / (double)(n - 1);
}

/* The M/M/1 scenario against itself with talks 5% shorter.  With CRN
 * both points see the same arrivals and the same service draws (scaled:
 * exponentials are drawn by inversion), so the paired difference varies
 * far less than the difference of independent runs, or than var(a) +
 * var(b), the variance of an unpaired difference.  Asserted with a wide
 * margin for each KPI: the factor below, where seeds 7, 8 and 9 give at
 * least 8 for the mean time to departure and 500 for departures. */
static void test_variance(void)
{
    static const char *const faster[] = {"mean_talk=0.95d"};
    static const struct {
        const char *name;
        double factor;
    } kpis[] = {{"time_to_departure_mean_days", 4},
                {"departures_voluntary_self", 100}};
    enum { REPS = 30 };
    loaded a, b;
    const rr_plan *plans[2];
    rr_run_result crn[2], indep[2];
    rr_run_opts o = {.reps = REPS, .seed = 7, .threads = 2};
    char err[512] = "";

    if (load(NULL, 0, &a) != 0 || load(faster, 1, &b) != 0) {
        CHECK_MSG(0, "load mm1 and its variant");
        rr_scenario_destroy(a.sc);
        return;
    }
    plans[0] = a.plan;
    plans[1] = b.plan;
    if (rr_run_many(plans, 2, 1, &o, crn, err, sizeof err) != RR_OK ||
        rr_run_many(plans, 2, 0, &o, indep, err, sizeof err) != RR_OK) {
        CHECK_MSG(0, "runs: %s", err);
        rr_scenario_destroy(a.sc);
        rr_scenario_destroy(b.sc);
        return;
    }
    for (size_t j = 0; j < RR_COUNTOF(kpis); j++) {
        const char *name = kpis[j].name;
        double factor = kpis[j].factor;
        long k = kpi_index(&crn[0], name);
        double xa[REPS], xb[REPS], dc[REPS], di[REPS];
        double v_crn, v_indep, v_unpaired;
        rr_ci ci;

        CHECK_MSG(k >= 0, "KPI %s", name);
        if (k < 0)
            continue;
        for (size_t i = 0; i < REPS; i++) {
            xa[i] = crn[0].rep[i].kpi[k];
            xb[i] = crn[1].rep[i].kpi[k];
            dc[i] = xb[i] - xa[i];
            di[i] = indep[1].rep[i].kpi[k] - indep[0].rep[i].kpi[k];
        }
        v_crn = var_of(dc, REPS);
        v_indep = var_of(di, REPS);
        v_unpaired = var_of(xa, REPS) + var_of(xb, REPS);
        if (check_verbose())
            printf("  %s: var paired %.4g, independent %.4g, "
                   "var(a) + var(b) %.4g\n",
                   name, v_crn, v_indep, v_unpaired);
        CHECK_MSG(v_crn > 0 && v_crn * factor < v_indep,
                  "%s: CRN paired variance %.4g, independent %.4g",
                  name, v_crn, v_indep);
        CHECK_MSG(v_crn * factor < v_unpaired,
                  "%s: CRN paired variance %.4g, var(a) + var(b) %.4g",
                  name, v_crn, v_unpaired);
        /* shorter talks: a shorter time to departure, known with CRN
         * where the independent runs' interval is wider */
        ci = rr_run_kpi_diff_ci(&crn[0], &crn[1], (size_t)k);
        CHECK_NEAR(ci.sd * ci.sd, v_crn, 1e-9 * v_crn);
        if (j == 0)
            CHECK_MSG(ci.high < 0, "%s: difference CI [%g, %g] below 0",
                      name, ci.low, ci.high);
        CHECK(ci.half < rr_run_kpi_diff_ci(&indep[0], &indep[1],
                                           (size_t)k).half);
    }
    for (int p = 0; p < 2; p++) {
        rr_run_result_fini(&crn[p]);
        rr_run_result_fini(&indep[p]);
    }
    rr_scenario_destroy(a.sc);
    rr_scenario_destroy(b.sc);
}

/* ---- the paired-difference interval by hand ------------------------------ */

/* made - a run result of made-up KPI values (reps rows of n_kpis). */
typedef struct made {
    rr_config cfg;
    const rr_config *cfgs[1];
    double t0;
    rr_plan plan;
    char *names[3];
    const char *units[3];
    rr_rep_result rep[5];
    rr_run_result r;
} made;

static void make(made *m, const char *name, const char *const *kpis,
                 size_t n_kpis, const double (*kpi)[3], size_t reps)
{
    memset(m, 0, sizeof *m);
    snprintf(m->cfg.name, sizeof m->cfg.name, "%s", name);
    m->cfg.start = (rr_date){2020, 1, 1};
    m->cfg.end = (rr_date){2020, 12, 31};
    m->cfgs[0] = &m->cfg;
    m->plan.n_epochs = 1;
    m->plan.t = &m->t0;
    m->plan.cfg = m->cfgs;
    for (size_t k = 0; k < n_kpis; k++) {
        m->names[k] = (char *)kpis[k];
        m->units[k] = "persons";
    }
    for (size_t i = 0; i < reps; i++) {
        m->rep[i].n_kpis = n_kpis;
        m->rep[i].kpi = (double *)kpi[i];
    }
    m->r.plan = &m->plan;
    m->r.layout.n_kpis = n_kpis;
    m->r.layout.kpi = m->names;
    m->r.layout.kpi_unit = m->units;
    m->r.reps = reps;
    m->r.rep = m->rep;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    static char buf[4096];
    size_t n;
    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_diff_ci(void)
{
    static const char *const kb[] = {"arrivals", "departures", "share"};
    static const char *const kp[] = {"departures", "arrivals"};
    /* baseline: arrivals, departures, share; 5 replications */
    static const double base[5][3] = {
        {10, 100, 0.5}, {12, 104, 0.5}, {9, 98, NAN}, {15, 101, 0.5},
        {99, 99, 0.5}};
    /* policy: departures, arrivals (another order, no share); 4 */
    static const double pol[4][3] = {
        {100, 11}, {107, 15}, {98, 9}, {101, 18}};
    made a, b;
    rr_ci d;
    char dir[] = "/tmp/rrsim-test-experiment-XXXXXX", path[128],
         err[256] = "";
    const char *csv;
    rr_comparison cmp;

    make(&a, "base", kb, 3, base, 5);
    make(&b, "policy", kp, 2, pol, 4);

    /* arrivals, policy - baseline over the 4 pairs (the 5th baseline
     * replication has no partner): 1, 3, 0, 3.  Mean 1.75; squared
     * deviations 0.5625 + 1.5625 + 3.0625 + 1.5625 = 6.75, variance
     * 6.75 / 3 = 2.25, sd 1.5; half-width t(0.975, 3) * 1.5 / sqrt(4). */
    {
        static const double pol_same_order[4][3] = {
            {11, 100}, {15, 107}, {9, 98}, {18, 101}};
        made c;
        make(&c, "policy", kb, 2, pol_same_order, 4);
        d = rr_run_kpi_diff_ci(&a.r, &c.r, 0);
        CHECK_EQ(d.n, 4);
        CHECK_EQ(d.mean, 1.75);
        CHECK_EQ(d.sd, 1.5);
        CHECK_NEAR(d.half, T975_3 * 0.75, 1e-12);
        CHECK_NEAR(d.low, 1.75 - T975_3 * 0.75, 1e-12);
        CHECK_NEAR(d.high, 1.75 + T975_3 * 0.75, 1e-12);
        /* b - a, not a - b */
        d = rr_run_kpi_diff_ci(&c.r, &a.r, 0);
        CHECK_EQ(d.mean, -1.75);
        CHECK_NEAR(d.low, -1.75 - T975_3 * 0.75, 1e-12);
        /* departures: 0, 3, 0, 0: mean 0.75, variance (0.5625 * 3 +
         * 5.0625) / 3 = 2.25 */
        d = rr_run_kpi_diff_ci(&a.r, &c.r, 1);
        CHECK_EQ(d.mean, 0.75);
        CHECK_EQ(d.sd, 1.5);
        /* two pairs: t(0.975, 1) */
        a.r.reps = 2;
        d = rr_run_kpi_diff_ci(&a.r, &c.r, 0);
        CHECK_EQ(d.n, 2);
        CHECK_EQ(d.mean, 2); /* differences 1 and 3: sd sqrt(2) */
        CHECK_NEAR(d.half, T975_1, 1e-12);
        /* one pair: a difference but no interval */
        a.r.reps = 1;
        d = rr_run_kpi_diff_ci(&a.r, &c.r, 0);
        CHECK_EQ(d.n, 1);
        CHECK_EQ(d.mean, 1);
        CHECK(isnan(d.low) && isnan(d.high));
        a.r.reps = 5;
    }

    /* a NAN replication drops out of the pairs: shares 0.5, 0.5, -, 0.5
     * against a policy with the same share each time, one 0.8 */
    {
        static const double pol3[4][3] = {
            {0, 0, 0.5}, {0, 0, 0.8}, {0, 0, 0.5}, {0, 0, 0.5}};
        made c;
        make(&c, "policy", kb, 3, pol3, 4);
        /* differences 0, 0.3, NAN, 0: n 3, mean 0.1, variance
         * (0.01 + 0.04 + 0.01) / 2 = 0.03 */
        d = rr_run_kpi_diff_ci(&a.r, &c.r, 2);
        CHECK_EQ(d.n, 3);
        CHECK_NEAR(d.mean, 0.1, 1e-15);
        CHECK_NEAR(d.sd, sqrt(0.03), 1e-12);
        CHECK_NEAR(d.half, T975_2 * sqrt(0.03) / sqrt(3.0), 1e-12);
    }

    /* compare.csv pairs the KPIs by name, whatever their order, and has
     * NA where the policy lacks one */
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp");
        return;
    }
    snprintf(path, sizeof path, "%s/compare.csv", dir);
    CHECK_EQ(rr_compare_make(&a.r, &b.r, NULL, NULL, NULL, NULL, &cmp, err,
                             sizeof err),
             RR_OK);
    CHECK_EQ(rr_write_compare(path, &cmp, err, sizeof err), RR_OK);
    rr_compare_fini(&cmp);
    csv = slurp(path);
    CHECK(csv != NULL);
    /* arrivals: baseline mean (10+12+9+15+99)/5 = 29; policy 53/4 =
     * 13.25; difference 1.75 +- 3.182446305 * 0.75 = 2.386834729.
     * departures: 100.4; 101.5; differences 0, 3, 0, 0. */
    /* the means are those of the paired replications (4), the relative
     * change the difference over the baseline's: arrivals 11.5, 0.75 /
     * 100.5 for departures */
    CHECK_STR(csv,
              "baseline,policy,from,to,indicator,unit,baseline_mean,"
              "policy_mean,difference,ci95_low,ci95_high,relative_change,"
              "replications\n"
              "base,policy,2020-01-01,2020-12-31,arrivals,persons,11.5,13.25,"
              "1.75,-0.636834729,4.136834729,0.152173913,4\n"
              "base,policy,2020-01-01,2020-12-31,departures,persons,100.75,"
              "101.5,0.75,-1.636834729,3.136834729,0.007444168734,4\n"
              "base,policy,2020-01-01,2020-12-31,share,persons,0.5,NA,NA,NA,"
              "NA,NA,0\n");
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    test_identical();
    test_variance();
    test_diff_ci();
    return check_summary("test_experiment");
}
