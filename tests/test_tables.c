/*
 * test_tables.c - the model's stage and country tables (rr_model.h).
 *
 * On every shipped scenario, exactly: each stage's flows against its
 * caseload in the time series, the country table's accounting identity
 * per country and year, and its sums against the time series.  Against
 * queueing theory, within confidence intervals from replications at fixed
 * seeds: the M/M/1 teaching scenario (utilisation, number waiting, wait,
 * time in the stage, Little's law) and tests/model/network.ini (an
 * unlimited stage, a Jackson network's M/M/3 by Erlang C, Little's law at
 * every stage).  And the country table of a weekly run is that of a
 * monthly one, byte for byte.
 */
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "check.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_model.h"
#include "rr_scenario.h"

/* ---- helpers --------------------------------------------------------------- */

typedef struct loaded {
    rr_scenario *sc;
    const rr_plan *plan;
} loaded;

static int load(const char *path, const char *const *sets, size_t n,
                loaded *l)
{
    char err[1024] = "";
    l->sc = NULL;
    if (rr_scenario_load(path, sets, n, &l->sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(l->sc, &l->plan, err, sizeof err) != RR_OK) {
        printf("  cannot load %s: %s\n", path, err);
        rr_scenario_destroy(l->sc);
        l->sc = NULL;
        return -1;
    }
    return 0;
}

/* run_at - reps replications of the scenario's seed on streams of design
 * point `point` (0 as a run; another gives fresh replications). */
static int run_at(const loaded *l, int reps, int threads, uint64_t point,
                  rr_run_result *r)
{
    char err[512] = "";
    rr_run_opts o = {.reps = reps, .seed = l->plan->cfg[0]->seed,
                     .threads = threads, .point = point};
    if (rr_run(l->plan, &o, r, err, sizeof err) != RR_OK) {
        printf("  run failed: %s\n", err);
        return -1;
    }
    return 0;
}

static int run(const loaded *l, int reps, int threads, rr_run_result *r)
{
    return run_at(l, reps, threads, 0, r);
}

static long metric(const rr_run_result *r, const char *name)
{
    for (size_t m = 0; m < r->layout.n_metrics; m++)
        if (strcmp(r->layout.metric[m], name) == 0)
            return (long)m;
    return -1;
}

static long kpi(const rr_run_result *r, const char *name)
{
    for (size_t k = 0; k < r->layout.n_kpis; k++)
        if (strcmp(r->layout.kpi[k], name) == 0)
            return (long)k;
    return -1;
}

static double value(const rr_run_result *r, size_t rep, size_t period,
                    long m)
{
    return r->rep[rep].values[period * r->layout.n_metrics + (size_t)m];
}

/* cmeasure - the index of a measure of the country table, or -1. */
static long cmeasure(const rr_run_result *r, const char *name)
{
    for (size_t m = 0; m < r->layout.n_cmeasures; m++)
        if (strcmp(r->layout.cmeasure[m], name) == 0)
            return (long)m;
    return -1;
}

/* stage_v - measure m of stage s in period k of replication rep. */
static double stage_v(const rr_run_result *r, size_t rep, size_t k, size_t s,
                      int m)
{
    return rr_rep_stage(&r->rep[rep], k, s)[m];
}

/* country_v - measure m of country c in year y of replication rep. */
static double country_v(const rr_run_result *r, size_t rep, size_t y,
                        size_t c, long m)
{
    return rr_rep_country(&r->rep[rep], y, c)[m];
}

/* ---- the tables against the time series --------------------------------- */

/* check_stage_flows - the stage table's flows against the time series'
 * stock of each stage, exactly: caseload at the period's end = caseload
 * at its start (the starting caseload before the first) + arrivals -
 * cases that left.  And a case leaves one way: left = services completed
 * and moved on + absconded + maximum stay, so left <= completions +
 * absconded + max_stay_reached; utilisation is busy time over server
 * time, in_service_mean / servers_mean with constant servers. */
static void check_stage_flows(const char *path, const rr_run_result *r)
{
    const rr_config *c = r->plan->cfg[0];
    size_t bad = 0, bad_ways = 0, bad_util = 0, checked = 0;
    for (size_t s = 0; s < c->n_stages; s++) {
        char name[RR_NAME_MAX + 16];
        long m;
        double start = 0;
        snprintf(name, sizeof name, "caseload_%s", c->stages[s].name);
        m = metric(r, name);
        for (size_t i = 0; i < c->n_initial; i++)
            if (c->initial[i].stage == s)
                start += c->initial[i].count;
        for (size_t i = 0; i < r->reps; i++) {
            double before = start;
            for (size_t k = 0; k < r->layout.periods.n; k++) {
                double in = stage_v(r, i, k, s, RR_SM_ENTERED);
                double out = stage_v(r, i, k, s, RR_SM_LEFT);
                double ways = stage_v(r, i, k, s, RR_SM_COMPLETIONS) +
                              stage_v(r, i, k, s, RR_SM_ABSCONDED) +
                              stage_v(r, i, k, s, RR_SM_MAX_STAY);
                double srv = stage_v(r, i, k, s, RR_SM_SERVERS);
                double u = stage_v(r, i, k, s, RR_SM_UTILISATION);
                double busy = stage_v(r, i, k, s, RR_SM_IN_SERVICE);
                if (before + in - out != value(r, i, k, m))
                    bad++;
                if (out > ways)
                    bad_ways++;
                if (c->stages[s].servers == RR_UNLIMITED) {
                    if (!isnan(u) || !isnan(srv))
                        bad_util++;
                } else if (srv > 0 && srv == c->stages[s].servers) {
                    checked++;
                    if (fabs(u * srv - busy) > 1e-9 * (1 + busy))
                        bad_util++;
                }
                before = value(r, i, k, m);
            }
        }
    }
    CHECK_MSG(bad == 0,
              "%s: per stage, caseload at the start + arrivals - left = "
              "caseload at the end, every period (%zu wrong)",
              path, bad);
    CHECK_MSG(bad_ways == 0,
              "%s: no stage lets more cases leave than completed, "
              "absconded or reached the maximum stay (%zu wrong)",
              path, bad_ways);
    CHECK_MSG(bad_util == 0 && checked > 0,
              "%s: utilisation x servers = mean number in service; NA "
              "with unlimited servers (%zu wrong of %zu)",
              path, bad_util, checked);
}

/* nested - whether no period runs across the year's start y0 or end y1,
 * so that the periods starting in the year add up to it. */
static bool nested(const rr_run_result *r, double y0, double y1)
{
    const double *b = r->layout.periods.bounds;
    for (size_t k = 0; k < r->layout.periods.n; k++)
        if ((b[k] < y0 && b[k + 1] > y0) || (b[k] < y1 && b[k + 1] > y1))
            return false;
    return true;
}

/* check_countries - the country table: for every replication, year and
 * country, caseload_start + arrivals = departures (six kinds) +
 * caseload_end, the next year starting where this one ended; summed over
 * countries, every flow equals the time series' over the periods of the
 * year (and over the whole run whatever the periods), and the caseload
 * its caseload_total where a year ends with a period.  Exact.
 * whole_years: the periods (months, quarters, years) fit into the years,
 * so each year is checked. */
static void check_countries(const char *path, const rr_run_result *r,
                            bool whole_years)
{
    const rr_config *c = r->plan->cfg[0];
    const rr_periods *yr = &r->layout.years, *pe = &r->layout.periods;
    size_t nm = r->layout.n_cmeasures, bad_id = 0, bad_sum = 0;
    size_t bad_total = 0, bad_stock = 0, years_summed = 0;
    long cs = cmeasure(r, "caseload_start"), ce = cmeasure(r, "caseload_end");
    long k0 = kpi(r, "caseload_start");

    CHECK_MSG(cs == RR_CM_CASELOAD_START && ce == RR_CM_CASELOAD_END &&
                  nm == RR_CM_FIXED + c->n_providers + 1,
              "%s: country measures in their order (%zu)", path, nm);
    for (size_t i = 0; i < r->reps; i++) {
        double run_c[64] = {0}, run_t[64] = {0}, start0 = 0;
        for (size_t y = 0; y < yr->n; y++) {
            double y0 = yr->bounds[y], y1 = yr->bounds[y + 1];
            bool nest = nested(r, y0, y1);
            for (size_t cc = 0; cc < r->layout.n_countries; cc++) {
                double in = country_v(r, i, y, cc, cs) +
                            country_v(r, i, y, cc, RR_CM_ARRIVALS);
                double out = country_v(r, i, y, cc, ce);
                for (int d = 0; d < RR_DEP_COUNT; d++)
                    out += country_v(r, i, y, cc, RR_CM_DEP0 + d);
                if (in != out)
                    bad_id++;
                if (y + 1 < yr->n &&
                    country_v(r, i, y, cc, ce) !=
                        country_v(r, i, y + 1, cc, cs))
                    bad_id++;
                if (y == 0)
                    start0 += country_v(r, i, 0, cc, cs);
            }
            /* flows: the measures that are metrics of the time series */
            for (size_t m = 0; m < nm && m < 64; m++) {
                long tm = metric(r, r->layout.cmeasure[m]);
                double sc = 0, st = 0;
                if (m == (size_t)cs || m == (size_t)ce)
                    continue;
                if (tm < 0) {
                    bad_sum++;
                    continue;
                }
                for (size_t cc = 0; cc < r->layout.n_countries; cc++)
                    sc += country_v(r, i, y, cc, (long)m);
                for (size_t k = 0; k < pe->n; k++)
                    if (pe->bounds[k] >= y0 && pe->bounds[k] < y1)
                        st += value(r, i, k, tm);
                run_c[m] += sc;
                if (y == 0)
                    for (size_t k = 0; k < pe->n; k++)
                        run_t[m] += value(r, i, k, tm);
                if (nest && sc != st)
                    bad_sum++;
            }
            years_summed += nest;
            /* the stock, where the year ends with a period */
            for (size_t k = 0; k < pe->n; k++)
                if (pe->bounds[k + 1] == y1) {
                    double sc = 0;
                    for (size_t cc = 0; cc < r->layout.n_countries; cc++)
                        sc += country_v(r, i, y, cc, ce);
                    if (sc != value(r, i, k, metric(r, "caseload_total")))
                        bad_stock++;
                }
        }
        for (size_t m = 0; m < nm && m < 64; m++)
            if (m != (size_t)cs && m != (size_t)ce && run_c[m] != run_t[m])
                bad_total++;
        if (start0 != r->rep[i].kpi[k0])
            bad_stock++;
    }
    CHECK_MSG(bad_id == 0,
              "%s: per country and year, caseload at the start + arrivals "
              "= departures + caseload at the end (%zu wrong)",
              path, bad_id);
    CHECK_MSG(bad_sum == 0 &&
                  (!whole_years || years_summed == yr->n * r->reps),
              "%s: country flows add up to the time series' per year "
              "(%zu wrong, %zu years)",
              path, bad_sum, years_summed);
    CHECK_MSG(bad_total == 0,
              "%s: country flows add up to the time series' over the run "
              "(%zu wrong)",
              path, bad_total);
    CHECK_MSG(bad_stock == 0,
              "%s: countries' caseload adds up to caseload_total at year "
              "ends and to caseload_start (%zu wrong)",
              path, bad_stock);
}

/* ---- every shipped scenario ---------------------------------------------- */

static void check_scenario(const char *path)
{
    loaded l;
    rr_run_result r;
    if (load(path, NULL, 0, &l) != 0) {
        CHECK_MSG(0, "%s loads", path);
        return;
    }
    if (run(&l, 2, 0, &r) != 0) {
        CHECK_MSG(0, "%s runs", path);
        rr_scenario_destroy(l.sc);
        return;
    }
    check_stage_flows(path, &r);
    check_countries(path, &r, true);
    rr_run_result_fini(&r);
    rr_scenario_destroy(l.sc);
}

static void test_all_scenarios(void)
{
    DIR *d = opendir("scenarios");
    struct dirent *de;
    size_t n = 0;

    CHECK(d != NULL);
    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        char path[512];
        if (len <= 4 || strcmp(de->d_name + len - 4, ".ini") != 0)
            continue;
        snprintf(path, sizeof path, "scenarios/%s", de->d_name);
        check_scenario(path);
        n++;
    }
    closedir(d);
    CHECK_MSG(n >= 6, "at least six shipped scenarios (%zu)", n);
}

/* ---- queueing theory ---------------------------------------------------------- */

/* A stage over the run after the warm-up, in one replication: time
 * averages weighted by the periods' lengths, mean waits by the services
 * completed (one wait each), mean stays by the cases that left. */
typedef struct stage_run {
    double util, waiting, present, lambda, wait, stay;
} stage_run;

static stage_run stage_over(const rr_run_result *r, size_t rep, size_t s)
{
    const double *b = r->layout.periods.bounds;
    double w = r->plan->cfg[0]->warmup;
    double t = 0, cap = 0, busy = 0, q = 0, l = 0, in = 0;
    double wn = 0, ws = 0, sn = 0, ss = 0;
    for (size_t k = 0; k < r->layout.periods.n; k++) {
        double len = b[k + 1] - b[k];
        double srv = stage_v(r, rep, k, s, RR_SM_SERVERS);
        double done = stage_v(r, rep, k, s, RR_SM_COMPLETIONS);
        double left = stage_v(r, rep, k, s, RR_SM_LEFT);
        if (b[k] < w)
            continue;
        t += len;
        if (!isnan(srv)) {
            cap += srv * len;
            busy += stage_v(r, rep, k, s, RR_SM_UTILISATION) * srv * len;
        }
        q += stage_v(r, rep, k, s, RR_SM_WAITING) * len;
        l += stage_v(r, rep, k, s, RR_SM_PRESENT) * len;
        in += stage_v(r, rep, k, s, RR_SM_ENTERED);
        if (done > 0) {
            wn += done;
            ws += stage_v(r, rep, k, s, RR_SM_WAIT) * done;
        }
        if (left > 0) {
            sn += left;
            ss += stage_v(r, rep, k, s, RR_SM_TIME_IN_STAGE) * left;
        }
    }
    return (stage_run){
        .util = cap > 0 ? busy / cap : NAN,
        .waiting = q / t,
        .present = l / t,
        .lambda = in / t,
        .wait = wn > 0 ? ws / wn : NAN,
        .stay = sn > 0 ? ss / sn : NAN,
    };
}

/* stage_ci - the 95% CI over replications of one figure of stage s:
 * what = 0 utilisation, 1 number waiting, 2 number present, 3 wait, 4
 * stay, 5 Little's L - lambda W (per replication: Little's law holds on
 * every sample path, up to the cases present at the window's ends). */
static rr_ci stage_ci(const rr_run_result *r, size_t s, int what)
{
    double x[64];
    size_t n = r->reps < 64 ? r->reps : 64;
    for (size_t i = 0; i < n; i++) {
        stage_run a = stage_over(r, i, s);
        double v[] = {a.util, a.waiting, a.present, a.wait, a.stay,
                      a.present - a.lambda * a.stay};
        x[i] = v[what];
    }
    return rr_ci95(x, n);
}

/* check_theory - theory within the replications' 95% interval. */
static void check_theory(const char *what, rr_ci ci, double theory)
{
    printf("  %s: theory %.4f, simulated %.4f [%.4f, %.4f]\n", what, theory,
           ci.mean, ci.low, ci.high);
    CHECK_MSG(ci.low <= theory && theory <= ci.high,
              "%s: %.4f in [%.4f, %.4f]", what, theory, ci.low, ci.high);
}

/* check_mm1_stages - the stage table of the M/M/1 run (lambda 0.8, mu 1,
 * rho 0.8): utilisation rho, mean number waiting Lq = rho^2 / (1 - rho)
 * = 3.2, mean wait Wq = rho / (mu - lambda) = 4, time in the stage W = 5,
 * and Little's law L = lambda W; every period, cases leave by completing
 * their service only. */
static void check_mm1_stages(const rr_run_result *r)
{
    const double rho = 0.8, mu = 1, lambda = 0.8;
    size_t bad = 0;
    check_theory("mm1 stage utilisation", stage_ci(r, 0, 0), rho);
    check_theory("mm1 stage Lq", stage_ci(r, 0, 1), rho * rho / (1 - rho));
    check_theory("mm1 stage Wq", stage_ci(r, 0, 3), rho / (mu - lambda));
    check_theory("mm1 stage W", stage_ci(r, 0, 4), 1 / (mu - lambda));
    check_theory("mm1 stage L - lambda W", stage_ci(r, 0, 5), 0);
    for (size_t i = 0; i < r->reps; i++)
        for (size_t k = 0; k < r->layout.periods.n; k++)
            if (stage_v(r, i, k, 0, RR_SM_LEFT) !=
                    stage_v(r, i, k, 0, RR_SM_COMPLETIONS) ||
                stage_v(r, i, k, 0, RR_SM_ABSCONDED) != 0 ||
                stage_v(r, i, k, 0, RR_SM_SERVERS) != 1)
                bad++;
    CHECK_MSG(bad == 0, "mm1: one server, every case leaves served (%zu "
              "periods wrong)", bad);
}

/* test_mm1_stages - scenarios/mm1.ini over 40 years, 20 replications. */
static void test_mm1_stages(void)
{
    static const char *const sets[] = {"scenario.end=2063-12-31"};
    loaded l;
    rr_run_result r;

    if (load("scenarios/mm1.ini", sets, 1, &l) != 0 || run(&l, 20, 0, &r) != 0) {
        CHECK_MSG(0, "mm1 runs");
        if (l.sc)
            rr_scenario_destroy(l.sc);
        return;
    }
    check_mm1_stages(&r);
    rr_run_result_fini(&r);
    rr_scenario_destroy(l.sc);
}

/* test_mg1_stages - an M/D/1 and an M/G/1 queue (lambda 0.8, mean
 * service 1 day: rho 0.8) against the Pollaczek-Khinchine formula, on the
 * queue itself: Lq = lambda^2 E[S^2] / (2 (1 - rho)), Wq = Lq / lambda,
 * W = Wq + E[S], utilisation rho.  Deterministic service: E[S^2] = 1, so
 * Lq = 1.6, half the M/M/1's; lognormal with sd 0.5: E[S^2] = 1.25, Lq =
 * 2.  40 years, 20 replications. */
static void test_mg1_stages(void)
{
    static const struct {
        const char *path;
        double es2; /* E[S^2] in days^2 */
    } q[] = {{"tests/fixtures/queues/md1.ini", 1.0},
             {"tests/fixtures/queues/mg1.ini", 1.25}};
    const double lambda = 0.8, es = 1, rho = lambda * es;
    for (size_t i = 0; i < RR_COUNTOF(q); i++) {
        loaded l;
        rr_run_result r;
        char what[96];
        double lq = lambda * lambda * q[i].es2 / (2 * (1 - rho));
        if (load(q[i].path, NULL, 0, &l) != 0 || run(&l, 20, 0, &r) != 0) {
            CHECK_MSG(0, "%s runs", q[i].path);
            if (l.sc)
                rr_scenario_destroy(l.sc);
            continue;
        }
        snprintf(what, sizeof what, "%s stage utilisation", q[i].path + 22);
        check_theory(what, stage_ci(&r, 0, 0), rho);
        snprintf(what, sizeof what, "%s stage Lq", q[i].path + 22);
        check_theory(what, stage_ci(&r, 0, 1), lq);
        snprintf(what, sizeof what, "%s stage Wq", q[i].path + 22);
        check_theory(what, stage_ci(&r, 0, 3), lq / lambda);
        snprintf(what, sizeof what, "%s stage W", q[i].path + 22);
        check_theory(what, stage_ci(&r, 0, 4), lq / lambda + es);
        rr_run_result_fini(&r);
        rr_scenario_destroy(l.sc);
    }
}

/* erlang_lq - the mean number waiting of an M/M/c queue with offered
 * load a = lambda / mu (Erlang C). */
static double erlang_lq(double a, int c)
{
    double term = 1, sum = 0, rho = a / c, pc;
    for (int k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1);
    }
    pc = term / (1 - rho);
    return pc / (sum + pc) * rho / (1 - rho);
}

/* The network of tests/model/network.ini: arrivals 2/day; intake serves
 * for 3 days against absconding after 30, and 9 in 10 of those served go
 * on; at the officer a round in 5 is followed by another. */
#define NET_STAY (1 / (1.0 / 3 + 1.0 / 30))
#define NET_LAMBDA_OFFICER (2 * NET_STAY / 3 * 0.9 / 0.8)

/* network_theory - the network's figures against theory in the 95%
 * intervals of r; those outside are looked at again in the fresh sample
 * r2 (if not NULL).  Returns how many are outside in r. */
static int network_theory(const rr_run_result *r, const rr_run_result *r2)
{
    const double lq = erlang_lq(NET_LAMBDA_OFFICER, 3);
    struct {
        const char *what;
        size_t stage;
        int fig;
        double theory;
    } t[] = {
        {"network intake in service (M/M/inf)", 0, 2, 2 * NET_STAY},
        {"network officer utilisation (M/M/3)", 1, 0,
         NET_LAMBDA_OFFICER / 3},
        {"network officer Lq (Erlang C)", 1, 1, lq},
        {"network officer Wq (Erlang C)", 1, 3, lq / NET_LAMBDA_OFFICER},
        {"network intake L - lambda W", 0, 5, 0},
        {"network officer L - lambda W", 1, 5, 0},
        {"network detention L - lambda W", 2, 5, 0},
    };
    int out = 0;
    for (size_t i = 0; i < RR_COUNTOF(t); i++) {
        rr_ci ci = stage_ci(r, t[i].stage, t[i].fig);
        bool in = ci.low <= t[i].theory && t[i].theory <= ci.high;
        out += !in;
        if (!r2)
            continue;
        if (!in) {
            char again[128];
            printf("  %s: theory %.4f outside [%.4f, %.4f]; in the fresh "
                   "sample:\n",
                   t[i].what, t[i].theory, ci.low, ci.high);
            snprintf(again, sizeof again, "%s (fresh sample)", t[i].what);
            check_theory(again, stage_ci(r2, t[i].stage, t[i].fig),
                         t[i].theory);
        } else {
            check_theory(t[i].what, ci, t[i].theory);
        }
    }
    return out;
}

/* test_stage_network - tests/model/network.ini: an unlimited stage
 * (M/M/inf with absconding) whose number in service is lambda E[stay];
 * a three-server stage with another round for a fifth of its cases, a
 * Jackson network's M/M/3 (utilisation, and number waiting and wait by
 * Erlang C); a detention stage with places, absconding while waiting
 * and a maximum stay.  Little's law at each stage.  Seven figures at 95%
 * each: as GSL's randist tests do, a figure outside its interval is a
 * failure only if it is outside again in a fresh sample of twice the
 * replications (other streams), so that one test in about 400, not one
 * in 20, fails by chance. */
static void test_stage_network(void)
{
    loaded l;
    rr_run_result r, r2;
    size_t na = 0, bad = 0;
    double absc = 0, released = 0;
    bool fresh = false;

    if (load("tests/model/network.ini", NULL, 0, &l) != 0 ||
        run(&l, 20, 0, &r) != 0) {
        CHECK_MSG(0, "the network scenario runs");
        if (l.sc)
            rr_scenario_destroy(l.sc);
        return;
    }
    if (network_theory(&r, NULL) > 0) {
        fresh = run_at(&l, 40, 0, 1, &r2) == 0;
        CHECK_MSG(fresh, "the network scenario runs again");
    }
    network_theory(&r, fresh ? &r2 : &r);
    if (fresh)
        rr_run_result_fini(&r2);
    for (size_t i = 0; i < r.reps; i++)
        for (size_t k = 0; k < r.layout.periods.n; k++) {
            na += isnan(stage_v(&r, i, k, 0, RR_SM_UTILISATION)) &&
                  isnan(stage_v(&r, i, k, 0, RR_SM_SERVERS));
            if (stage_v(&r, i, k, 0, RR_SM_IN_SERVICE) !=
                stage_v(&r, i, k, 0, RR_SM_PRESENT))
                bad++;
            absc += stage_v(&r, i, k, 2, RR_SM_ABSCONDED);
            released += stage_v(&r, i, k, 2, RR_SM_MAX_STAY);
        }
    CHECK_MSG(na == r.reps * r.layout.periods.n && bad == 0,
              "unlimited servers: no utilisation, every case in service "
              "(%zu of %zu periods without utilisation, %zu wrong)",
              na, r.reps * r.layout.periods.n, bad);
    CHECK_MSG(absc > 0 && released > 0,
              "detention: cases abscond (%.0f) and reach the maximum stay "
              "(%.0f)", absc, released);
    check_stage_flows("tests/model/network.ini", &r);
    check_countries("tests/model/network.ini", &r, true);
    rr_run_result_fini(&r);
    rr_scenario_destroy(l.sc);
}

/* test_tables_report_period - the country table does not depend on the
 * reporting period: a weekly run (years cut inside weeks) has the same
 * country table, KPIs and events as a monthly one, byte for byte, and
 * passes the same accounting. */
static void test_tables_report_period(void)
{
    static const char *const weekly[] = {"scenario.report=week"};
    loaded lm, lw;
    rr_run_result m, w;
    size_t differ = 0;

    if (load("scenarios/nl-baseline.ini", NULL, 0, &lm) != 0)
        return;
    if (load("scenarios/nl-baseline.ini", weekly, 1, &lw) != 0) {
        rr_scenario_destroy(lm.sc);
        return;
    }
    if (run(&lm, 2, 0, &m) != 0 || run(&lw, 2, 0, &w) != 0) {
        CHECK_MSG(0, "baseline runs monthly and weekly");
        rr_scenario_destroy(lm.sc);
        rr_scenario_destroy(lw.sc);
        return;
    }
    CHECK_EQ(w.layout.years.n, m.layout.years.n);
    CHECK(w.layout.periods.n > 4 * m.layout.periods.n);
    for (size_t i = 0; i < m.reps; i++) {
        size_t n = m.rep[i].n_years * m.rep[i].n_countries *
                   m.rep[i].n_cmeasures;
        if (w.rep[i].n_years * w.rep[i].n_countries * w.rep[i].n_cmeasures !=
                n ||
            memcmp(m.rep[i].countries, w.rep[i].countries,
                   n * sizeof(double)) ||
            memcmp(m.rep[i].kpi, w.rep[i].kpi,
                   m.rep[i].n_kpis * sizeof(double)))
            differ++;
    }
    CHECK_MSG(differ == 0, "weekly and monthly runs: the same country table "
              "and KPIs (%zu replications differ)", differ);
    CHECK_EQ(m.events, w.events);
    check_stage_flows("nl-baseline weekly", &w);
    check_countries("nl-baseline weekly", &w, false);
    rr_run_result_fini(&m);
    rr_run_result_fini(&w);
    rr_scenario_destroy(lm.sc);
    rr_scenario_destroy(lw.sc);
}


int main(void)
{
    gsl_set_error_handler_off();
    test_all_scenarios();
    test_mm1_stages();
    test_mg1_stages();
    test_stage_network();
    test_tables_report_period();
    return check_summary("test_tables");
}
