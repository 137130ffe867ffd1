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
 * - Replications to a target precision (--precision): on a synthetic
 *   indicator of known mean and sd the procedure stops where theory says
 *   the interval becomes narrow enough, within a batch, at the first batch
 *   boundary that meets it; --max-reps; indicators that are 0 or missing
 *   in every replication; the same replications and count on one thread
 *   or two, and the same as a fixed run of that count; paired differences;
 *   the words on the terminal; reading "1%" and the list of names.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "check.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_output.h"
#include "rr_rng.h"
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


/* ---- replications to a target precision ---------------------------------- */

/* A synthetic source: indicator k of replication i is mean[k] + sd[k] * z
 * with z standard normal from the stream of (seed, 0, i), so replication i
 * has the same values however the batches fall; a mean of NAN gives no
 * value at all. */
#define SYN_MAX 3
typedef struct synth {
    uint64_t seed;
    size_t n_ind;
    double mean[SYN_MAX], sd[SYN_MAX];
    double *x;          /* n x n_ind */
    size_t n;
    size_t batches, batch[64];
    int order_ok;       /* every batch began where the last ended */
    gsl_rng *rng;
} synth;

static int synth_run(void *ctx, size_t from, size_t count)
{
    synth *s = ctx;
    double *x = realloc(s->x, (from + count) * s->n_ind * sizeof *x);
    if (!x)
        return RR_ENOMEM;
    s->x = x;
    if (from != s->n)
        s->order_ok = 0;
    for (size_t i = from; i < from + count; i++) {
        rr_rng_reseed(s->rng, s->seed, 0, i, 0);
        for (size_t k = 0; k < s->n_ind; k++)
            x[i * s->n_ind + k] =
                isnan(s->mean[k]) ? NAN
                                  : s->mean[k] +
                                        s->sd[k] * gsl_ran_gaussian(s->rng, 1);
    }
    s->n = from + count;
    if (s->batches < RR_COUNTOF(s->batch))
        s->batch[s->batches] = count;
    s->batches++;
    return RR_OK;
}

/* synth_ci_n - the interval of indicator k over the first n values. */
static rr_ci synth_ci_n(const synth *s, size_t k, size_t n)
{
    double *col = malloc((n ? n : 1) * sizeof *col);
    rr_ci ci;
    for (size_t i = 0; i < n; i++)
        col[i] = s->x[i * s->n_ind + k];
    ci = rr_ci95(col, n);
    free(col);
    return ci;
}

static rr_ci synth_ci(void *ctx, size_t k, size_t point)
{
    synth *s = ctx;
    RR_UNUSED(point);
    return synth_ci_n(s, k, s->n);
}

static void synth_init(synth *s, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->seed = seed;
    s->order_ok = 1;
    s->rng = rr_rng_create(seed, 0, 0, 0);
}

static void synth_fini(synth *s)
{
    gsl_rng_free(s->rng);
    free(s->x);
}

static int synth_go(synth *s, rr_precision *p, size_t first)
{
    rr_precision_src src = {s, 1, synth_run, synth_ci};
    return rr_precision_run(p, first, &src);
}

/* theory_n - the smallest n whose Student-t interval of values of sd is
 * at most target * mean on either side. */
static size_t theory_n(double mean, double sd, double target)
{
    size_t n = 2;
    while (gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * sd / sqrt((double)n) >
           target * mean)
        n++;
    return n;
}

static void named(rr_precision *p, const char *list)
{
    char err[256] = "";
    CHECK_EQ(rr_precision_set_names(p, list, err, sizeof err), RR_OK);
}

static void test_precision_rule(void)
{
    /* mean 100, sd 10, 1%: the interval is +-1 at n* (about
     * (1.96 * 10 / 1)^2 = 384; 387 with t) */
    size_t nstar = theory_n(100, 10, 0.01), sum = 0, within = 0;
    const size_t runs = 40;

    CHECK(nstar >= 385 && nstar <= 390);
    for (size_t r = 0; r < runs; r++) {
        synth s;
        rr_precision p;
        size_t last, before;
        synth_init(&s, 1000 + r);
        s.n_ind = 1;
        s.mean[0] = 100;
        s.sd[0] = 10;
        rr_precision_init(&p);
        named(&p, "x");
        p.target = 0.01;
        CHECK_EQ(synth_go(&s, &p, 10), RR_OK);
        CHECK_EQ(p.stop, RR_PRECISION_REACHED);
        CHECK_EQ(p.reps, s.n);
        CHECK_EQ(p.batches, s.batches);
        CHECK(s.order_ok);
        CHECK_EQ(s.batch[0], 10);
        /* met where it stopped, and not at the boundary before: it
         * stopped at the first batch that met the target */
        {
            rr_ci now = synth_ci_n(&s, 0, s.n);
            last = s.batch[s.batches - 1];
            before = s.n - last;
            rr_ci prev = synth_ci_n(&s, 0, before);
            CHECK(now.half / fabs(now.mean) <= 0.01);
            CHECK(prev.half / fabs(prev.mean) > 0.01);
            CHECK_NEAR(p.reached[0], now.half / fabs(now.mean), 1e-12);
            CHECK_NEAR(p.worst, p.reached[0], 0);
        }
        /* each batch is at least a twentieth of the replications before
         * it and at most as many */
        for (size_t b = 1, n = s.batch[0]; b < s.batches && b < 64; b++) {
            CHECK(s.batch[b] >= (n + 19) / 20 && s.batch[b] <= n);
            n += s.batch[b];
        }
        /* the sd estimated from a few hundred values is off by a few per
         * cent (1/sqrt(2n), 3.6% at n*), n by twice that: a third of n*
         * is beyond four such errors */
        within += s.n >= nstar * 2 / 3 && s.n <= nstar * 4 / 3;
        sum += s.n;
        synth_fini(&s);
    }
    CHECK_EQ(within, runs);
    /* on average n*: the mean of 40 stopping points has a standard error
     * of about 7% / sqrt(40) = 1.1% of n*; allow three of them below, and
     * above also the overshoot of a last batch of at least n/20 (5%) */
    CHECK_MSG((double)sum / runs > 0.965 * (double)nstar &&
                  (double)sum / runs < 1.085 * (double)nstar,
              "mean stopping n %.1f, theory %zu", (double)sum / runs, nstar);
}

static void test_precision_stops(void)
{
    synth s;
    rr_precision p;
    char line[1024];

    /* --max-reps: a target out of reach stops there, above the target */
    synth_init(&s, 7);
    s.n_ind = 1;
    s.mean[0] = 100;
    s.sd[0] = 10;
    rr_precision_init(&p);
    named(&p, "x");
    p.target = 0.0001;
    p.max_reps = 50;
    CHECK_EQ(synth_go(&s, &p, 20), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_AT_MAX);
    CHECK_EQ(p.reps, 50);
    CHECK_EQ(s.n, 50);
    CHECK_EQ(p.state[0], RR_PRECISION_ABOVE);
    CHECK(p.reached[0] > 0.0001);
    /* 20, then at most as many again (40), then the 10 left */
    CHECK_EQ(p.batches, 3);
    CHECK_EQ(s.batch[1], 20);
    CHECK_EQ(s.batch[2], 10);
    rr_precision_describe(&p, NULL, NULL, line, sizeof line);
    {
        char want[256], pc[32];
        snprintf(want, sizeof want, "precision 0.01%% not reached after 50 "
                 "replications (--max-reps): x \u00b1%s",
                 rr_precision_percent(p.reached[0], pc, sizeof pc));
        CHECK_STR(line, want);
    }
    synth_fini(&s);

    /* a first batch larger than max_reps is cut to it; one of 1 is
     * raised to 2 */
    synth_init(&s, 7);
    s.n_ind = 1;
    s.mean[0] = 100;
    s.sd[0] = 10;
    rr_precision_init(&p);
    named(&p, "x");
    p.target = 0.0001;
    p.max_reps = 5;
    CHECK_EQ(synth_go(&s, &p, 20), RR_OK);
    CHECK_EQ(p.reps, 5);
    CHECK_EQ(p.batches, 1);
    CHECK_EQ(p.stop, RR_PRECISION_AT_MAX);
    synth_fini(&s);
    synth_init(&s, 7);
    s.n_ind = 1;
    s.mean[0] = 100;
    s.sd[0] = 1;
    rr_precision_init(&p);
    named(&p, "x");
    p.target = 0.5;
    CHECK_EQ(synth_go(&s, &p, 1), RR_OK);
    CHECK_EQ(s.batch[0], 2);
    CHECK_EQ(p.reps, 2);
    CHECK_EQ(p.stop, RR_PRECISION_REACHED);
    synth_fini(&s);

    /* a named indicator that is 0 in every replication stops it at the
     * first batch: no replication can help */
    synth_init(&s, 7);
    s.n_ind = 2;
    s.mean[0] = 100;
    s.sd[0] = 10;
    s.mean[1] = 0;
    s.sd[1] = 0;
    rr_precision_init(&p);
    named(&p, "x, zero");
    CHECK_STR(p.names[1], "zero");
    p.target = 0.01;
    CHECK_EQ(synth_go(&s, &p, 10), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_ZERO);
    CHECK_EQ(p.reps, 10);
    CHECK_EQ(p.state[1], RR_PRECISION_ZEROS);
    CHECK(isnan(p.reached[1]));
    rr_precision_describe(&p, NULL, NULL, line, sizeof line);
    CHECK_STR(line, "precision 1% cannot be reached: zero is 0 in every one "
                    "of the 10 replications, and a relative half-width needs "
                    "a mean other than 0; stopped after 10 replications "
                    "(choose other indicators with --precision-of)");
    synth_fini(&s);

    /* in the default set it is left out, and the others decide */
    synth_init(&s, 7);
    s.n_ind = 2;
    s.mean[0] = 100;
    s.sd[0] = 10;
    s.mean[1] = 0;
    s.sd[1] = 0;
    rr_precision_init(&p);
    CHECK(p.defaults);
    CHECK_EQ(p.n_names, 2);
    CHECK_STR(p.names[0], "departures_verified");
    CHECK_STR(p.names[1], "departures_unsupervised");
    p.target = 0.05;
    CHECK_EQ(synth_go(&s, &p, 10), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_REACHED);
    CHECK_EQ(p.state[0], RR_PRECISION_MET);
    CHECK_EQ(p.state[1], RR_PRECISION_ZEROS);
    /* sd 10 at 5% of 100 wants theory_n = 18 (and the first batch 10) */
    CHECK_EQ(theory_n(100, 10, 0.05), 18);
    CHECK(p.reps > 10 && p.reps <= 30);
    {
        char want[512], pc[32];
        rr_precision_describe(&p, NULL, NULL, line, sizeof line);
        snprintf(want, sizeof want, "precision 5%% reached after %zu "
                 "replications: departures_verified \u00b1%s; left out, as "
                 "departures_unsupervised is 0 in every one of the %zu "
                 "replications", p.reps,
                 rr_precision_percent(p.reached[0], pc, sizeof pc), p.reps);
        CHECK_STR(line, want);
    }
    synth_fini(&s);

    /* every default one 0: nothing to judge by */
    synth_init(&s, 7);
    s.n_ind = 2;
    rr_precision_init(&p);
    p.target = 0.05;
    CHECK_EQ(synth_go(&s, &p, 4), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_ZERO);
    CHECK_EQ(p.reps, 4);
    CHECK(isnan(p.worst));
    synth_fini(&s);

    /* no value in any replication (a share of nothing) */
    synth_init(&s, 7);
    s.n_ind = 1;
    s.mean[0] = NAN;
    rr_precision_init(&p);
    named(&p, "share");
    p.target = 0.05;
    CHECK_EQ(synth_go(&s, &p, 3), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_ZERO);
    CHECK_EQ(p.state[0], RR_PRECISION_NONE);
    rr_precision_describe(&p, NULL, NULL, line, sizeof line);
    CHECK_STR(line, "precision 5% cannot be reached: share has no value in "
                    "any of the 3 replications, and a relative half-width "
                    "needs a mean other than 0; stopped after 3 replications "
                    "(choose other indicators with --precision-of)");
    synth_fini(&s);

    /* a mean of 0 that varies is not met, not stopped at: more
     * replications go on to the limit */
    synth_init(&s, 7);
    s.n_ind = 1;
    s.mean[0] = 0;
    s.sd[0] = 1;
    rr_precision_init(&p);
    named(&p, "d");
    p.target = 0.05;
    p.max_reps = 30;
    CHECK_EQ(synth_go(&s, &p, 10), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_AT_MAX);
    CHECK_EQ(p.reps, 30);
    synth_fini(&s);
}

static void test_precision_text(void)
{
    rr_precision p;
    char err[256] = "", pc[32];
    double t = 0;
    static const char *const bad[] = {"0%", "-1", "abc", "150%", "1", "100%",
                                      "0", "nan", "inf", "", " 1%", "1%%",
                                      "1 %", "%", "1e-400"};

    CHECK(rr_precision_parse_target("1%", &t));
    CHECK_EQ(t, 0.01);
    CHECK(rr_precision_parse_target("0.01", &t));
    CHECK_EQ(t, 0.01);
    CHECK(rr_precision_parse_target("2.5%", &t));
    CHECK_NEAR(t, 0.025, 1e-15);
    CHECK(rr_precision_parse_target("0.5", &t));
    CHECK_EQ(t, 0.5);
    for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
        t = -7;
        CHECK_MSG(!rr_precision_parse_target(bad[i], &t) && t == -7,
                  "'%s' refused", bad[i]);
    }

    rr_precision_init(&p);
    CHECK_EQ(rr_precision_set_names(&p, "a,,b", err, sizeof err), RR_EINVAL);
    CHECK_STR(err, "expected indicator names separated by commas, got "
                   "'a,,b'");
    CHECK(p.defaults && p.n_names == 2); /* unchanged by a refusal */
    CHECK_EQ(rr_precision_set_names(&p, "a, b ,a", err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "'a' is named twice");
    CHECK_EQ(rr_precision_set_names(&p, "", err, sizeof err), RR_EINVAL);
    CHECK_EQ(rr_precision_set_names(&p, " arrivals ,caseload_end", err,
                                    sizeof err), RR_OK);
    CHECK(!p.defaults);
    CHECK_EQ(p.n_names, 2);
    CHECK_STR(p.names[0], "arrivals");
    CHECK_STR(p.names[1], "caseload_end");
    {
        char many[RR_PRECISION_NAMES_LEN];
        size_t at = 0;
        for (int i = 0; i <= RR_PRECISION_MAX_NAMES; i++)
            at += (size_t)snprintf(many + at, sizeof many - at, "%sn%d",
                                   i ? "," : "", i);
        CHECK_EQ(rr_precision_set_names(&p, many, err, sizeof err),
                 RR_EINVAL);
        CHECK(strstr(err, "at most 32 indicators") != NULL);
    }

    CHECK_STR(rr_precision_percent(0.0071, pc, sizeof pc), "0.71%");
    CHECK_STR(rr_precision_percent(0.01, pc, sizeof pc), "1.0%");
    CHECK_STR(rr_precision_percent(0.126, pc, sizeof pc), "13%");
    CHECK_STR(rr_precision_percent(2.5, pc, sizeof pc), "250%");
    CHECK_STR(rr_precision_percent(NAN, pc, sizeof pc), "n/a");
    CHECK_STR(rr_precision_percent(INFINITY, pc, sizeof pc), "unbounded");
}

/* the names of mm1's summary.csv checked against the plan */
static void test_precision_check(void)
{
    loaded a;
    rr_precision p;
    char err[512] = "";
    const char *path = "scenarios/mm1.ini";

    if (load(NULL, 0, &a) != 0) {
        CHECK_MSG(0, "load mm1");
        return;
    }
    rr_precision_init(&p);
    CHECK_EQ(rr_precision_check(&p, &a.plan, &path, 1, err, sizeof err),
             RR_OK);
    named(&p, "departures_verifed");
    CHECK_EQ(rr_precision_check(&p, &a.plan, &path, 1, err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "'departures_verifed' is not an indicator of summary.csv "
                   "(did you mean 'departures_verified'?)");
    named(&p, "arrivals,caseload_officer");
    CHECK_EQ(rr_precision_check(&p, &a.plan, &path, 1, err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "'caseload_officer' is reported per period only "
                   "(timeseries.csv), not an indicator of summary.csv; a "
                   "precision is judged on those");
    named(&p, "reintegration_iom");
    CHECK_EQ(rr_precision_check(&p, &a.plan, &path, 1, err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "'reintegration_iom': the scenario has no provider 'iom' "
                   "(did you mean 'reintegration_none'?)");
    named(&p, "time_to_departure_mean_days,caseload_end");
    CHECK_EQ(rr_precision_check(&p, &a.plan, &path, 1, err, sizeof err),
             RR_OK);
    rr_scenario_destroy(a.sc);
}

/* On the model: the same replications and count on one thread or two,
 * and the same replications as a fixed run of that count. */
static void test_precision_threads(void)
{
    loaded a;
    rr_precision p1, p2;
    rr_run_result r1, r2, fixed;
    rr_run_opts o = {.reps = 3, .seed = 5, .threads = 1};
    char err[512] = "";
    size_t same = 0;

    if (load(NULL, 0, &a) != 0) {
        CHECK_MSG(0, "load mm1");
        return;
    }
    rr_precision_init(&p1);
    p1.target = 0.005;
    p2 = p1; /* the default names are the registry's, not in text */
    o.precision = &p1;
    CHECK_EQ(rr_run(a.plan, &o, &r1, err, sizeof err), RR_OK);
    o.precision = &p2;
    o.threads = 2;
    CHECK_EQ(rr_run(a.plan, &o, &r2, err, sizeof err), RR_OK);
    CHECK_EQ(p1.stop, RR_PRECISION_REACHED);
    CHECK(p1.batches >= 3); /* 3, 6, 12, ...: several boundaries */
    CHECK_EQ(p1.reps, p2.reps);
    CHECK_EQ(p1.batches, p2.batches);
    CHECK_EQ(r1.reps, p1.reps);
    CHECK_EQ(r2.reps, p1.reps);
    CHECK(r1.precision == &p1 && r2.precision == &p2);
    CHECK_EQ(p1.worst, p2.worst);
    CHECK(p1.worst <= 0.005);
    /* departures_unsupervised is 0 throughout in mm1: left out */
    CHECK_EQ(p1.state[1], RR_PRECISION_ZEROS);
    o.precision = NULL;
    o.reps = (int)p1.reps;
    o.threads = 2;
    CHECK_EQ(rr_run(a.plan, &o, &fixed, err, sizeof err), RR_OK);
    CHECK(fixed.precision == NULL);
    for (size_t i = 0; i < r1.reps && i < r2.reps && i < fixed.reps; i++)
        same += same_rep(&r1, &r2, i) && same_rep(&r1, &fixed, i);
    CHECK_EQ(same, p1.reps);
    {
        /* what it judged by is what summary.csv will say */
        long k = kpi_index(&r1, "departures_verified");
        rr_ci ci = rr_run_kpi_ci(&r1, (size_t)k);
        CHECK(k >= 0);
        CHECK_NEAR(ci.half / ci.mean, p1.reached[0], 1e-12);
        CHECK_EQ(ci.n, p1.reps);
    }
    rr_run_result_fini(&r1);
    rr_run_result_fini(&r2);
    rr_run_result_fini(&fixed);

    /* a failing replication ends it with the failure and nothing held */
    rr_precision_init(&p1);
    p1.target = 0.005;
    o.precision = &p1;
    o.reps = 2;
    o.max_cases = 1;
    CHECK_EQ(rr_run(a.plan, &o, &r1, err, sizeof err), RR_ERANGE);
    CHECK(r1.rep == NULL && r1.reps == 0);
    rr_scenario_destroy(a.sc);
}

/* Paired differences of two plans (compare): the interval of the
 * difference meets the target where it stops. */
static void test_precision_diff(void)
{
    const char *const faster[] = {"lambda=0.85"};
    loaded a, b;
    const rr_plan *plans[2];
    rr_precision p;
    rr_run_result r[2];
    rr_run_opts o = {.reps = 5, .seed = 3, .threads = 2};
    char err[512] = "";

    if (load(NULL, 0, &a) != 0 || load(faster, 1, &b) != 0) {
        CHECK_MSG(0, "load mm1 twice");
        rr_scenario_destroy(a.sc);
        return;
    }
    plans[0] = a.plan;
    plans[1] = b.plan;
    rr_precision_init(&p);
    named(&p, "departures_verified");
    p.target = 0.05;
    p.of = RR_PRECISION_DIFF;
    o.precision = &p;
    CHECK_EQ(rr_run_many(plans, 2, 1, &o, r, err, sizeof err), RR_OK);
    CHECK_EQ(p.stop, RR_PRECISION_REACHED);
    CHECK_EQ(p.points, 1);
    CHECK_EQ(r[0].reps, p.reps);
    CHECK_EQ(r[1].reps, p.reps);
    {
        long k = kpi_index(&r[0], "departures_verified");
        rr_ci d = rr_run_kpi_diff_ci(&r[0], &r[1], (size_t)k);
        rr_ci m = rr_run_kpi_ci(&r[0], (size_t)k);
        CHECK(d.mean > 0); /* more arrivals, more departures */
        CHECK(d.half / d.mean <= 0.05);
        CHECK_NEAR(d.half / d.mean, p.reached[0], 1e-12);
        /* a difference is known far less precisely than a level */
        CHECK_MSG(m.half / m.mean < d.half / d.mean / 3,
                  "level %g, difference %g", m.half / m.mean,
                  d.half / d.mean);
    }
    rr_run_result_fini(&r[0]);
    rr_run_result_fini(&r[1]);

    /* a difference named to a precision needs two plans */
    CHECK_EQ(rr_run_many(plans, 1, 1, &o, r, err, sizeof err), RR_EINVAL);
    rr_scenario_destroy(a.sc);
    rr_scenario_destroy(b.sc);
}

int main(void)
{
    test_identical();
    test_variance();
    test_diff_ci();
    test_precision_rule();
    test_precision_stops();
    test_precision_text();
    test_precision_check();
    test_precision_threads();
    test_precision_diff();
    return check_summary("test_experiment");
}
