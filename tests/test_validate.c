/*
 * test_validate.c - out-of-sample checks (rr_validate.h) on
 * tests/fixtures/calibrate/two-route.ini cut to 2020-2021, calibrated on
 * 2020, so that 2021 is the validation year:
 *
 *   - rr_validate_check refuses a table without a validation figure, and
 *     a bad row, before anything runs;
 *   - the interval is the normal-theory prediction interval of one more
 *     replication's yearly figure, mean +- t(0.975, n - 1) s sqrt(1 + 1/n),
 *     worked out here from each replication's figure; the mean is fit's;
 *     inputs and calibration years are left out;
 *   - coverage: a new year drawn from the model itself falls inside the
 *     interval with probability 0.95 (test_coverage, within its binomial
 *     spread);
 *   - rolling origin: the origins of an observed table (a year whose
 *     next year has figures), each calibrated on the years up to it, the
 *     rows of the year after it only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "check.h"
#include "rr_common.h"
#include "rr_points.h"
#include "rr_validate.h"

#define FIXTURE "tests/fixtures/calibrate/two-route.ini"

static rr_table *table(const char *text)
{
    rr_table *t = NULL;
    char err[256];
    if (rr_table_parse("obs.csv", text, strlen(text), &t, err, sizeof err))
        printf("  table: %s\n", err);
    return t;
}

static const char obs_text[] = "year,indicator,value,source\n"
                               "2020,departures_independent,560,x\n"
                               "2021,departures_independent,1000,y\n"
                               "2021,departures_unsupervised,1500,\n"
                               "2021,caseload_talks,1800,\n"
                               "2021,intake,3000,\n";

/* run - the fixture for 2020-2021, calibrated on 2020, with reps
 * replications of seed; the points into *p (rr_points_fini by the
 * caller). */
static int run(rr_points *p, int reps, int seed, rr_run_result *res)
{
    char r[48], s[48];
    const char *path = FIXTURE;
    static const char *common[4];
    rr_point_error e;
    rr_run_opts opts;
    snprintf(r, sizeof r, "scenario.replications=%d", reps);
    snprintf(s, sizeof s, "scenario.seed=%d", seed);
    common[0] = "scenario.end=2021-12-31";
    common[1] = "scenario.calibrated_on=2020";
    common[2] = r;
    common[3] = s;
    memset(&opts, 0, sizeof opts);
    if (rr_points_init(p, &path, 1, common, 4) != RR_OK ||
        rr_points_load(p, &e) != RR_OK ||
        rr_points_run(p, &opts, res, &e) != RR_OK) {
        printf("  run: %s\n", e.msg);
        return -1;
    }
    return 0;
}

/* figures - each replication's 2021 figure of row k (0: independent, 1:
 * unsupervised, 2: caseload) of obs_text's validation rows, into x. */
static void figures(const rr_table *obs, const rr_run_result *r, size_t k,
                    double *x)
{
    char err[256];
    for (size_t i = 0; i < r->reps; i++) {
        rr_run_result one = *r;
        rr_fit f;
        one.reps = 1;
        one.rep = &r->rep[i];
        one.scratch = NULL;
        x[i] = NAN;
        if (rr_fit_make(obs, &one, &f, err, sizeof err) == RR_OK) {
            x[i] = f.row[1 + k].simulated.mean;
            rr_fit_fini(&f);
        }
    }
}

static void test_check(void)
{
    rr_table *obs = table(obs_text);
    rr_table *none = table("year,indicator,value\n"
                           "2020,departures_independent,560\n"
                           "2021,intake,3000\n");
    rr_table *bad = table("year,indicator,value\n"
                          "2022,departures_independent,560\n");
    rr_points p;
    rr_run_result res;
    char err[512];
    if (run(&p, 2, 1, &res) != 0) {
        CHECK(!"the fixture runs");
        rr_points_fini(&p);
        return;
    }
    CHECK_EQ(rr_validate_check(obs, p.plans[0], err, sizeof err), RR_OK);
    CHECK_EQ(rr_validate_check(none, p.plans[0], err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "obs.csv: no observed figure of a year the scenario was "
                   "not calibrated on ([scenario] calibrated_on), other "
                   "than inputs such as intake: nothing to validate");
    CHECK_EQ(rr_validate_check(bad, p.plans[0], err, sizeof err), RR_ERANGE);
    CHECK_STR(err, "obs.csv:2: year 2022 is not wholly inside the run");
    rr_run_result_fini(&res);
    rr_points_fini(&p);
    rr_table_destroy(obs);
    rr_table_destroy(none);
    rr_table_destroy(bad);
}

static void test_interval(void)
{
    rr_table *obs = table(obs_text);
    rr_points p;
    rr_run_result res;
    rr_validation v;
    rr_fit f;
    char err[512];
    double x[40];
    size_t inside = 0;

    if (run(&p, 40, 1, &res) != 0) {
        CHECK(!"the fixture runs");
        rr_points_fini(&p);
        return;
    }
    CHECK_EQ(rr_validate_make(obs, &res, &v, err, sizeof err), RR_OK);
    CHECK_EQ(rr_fit_make(obs, &res, &f, err, sizeof err), RR_OK);
    /* the three 2021 rows: not 2020 (calibration), not intake (input) */
    CHECK_EQ(v.n, 3);
    CHECK_EQ(v.reps, 40);
    for (size_t k = 0; k < v.n && k < 3; k++) {
        const rr_validate_row *w = &v.row[k];
        double lo, hi;
        CHECK_EQ(w->year, 2021);
        CHECK_STR(w->indicator, f.row[1 + k].indicator);
        CHECK_EQ(w->mean, f.row[1 + k].simulated.mean);
        CHECK_EQ(w->rel_error, f.row[1 + k].rel_error);
        figures(obs, &res, k, x);
        {
            /* mean ± t(0.975, 39) s sqrt(1 + 1/40), t = 2.02269 */
            double m = 0, ss = 0, h;
            for (int i = 0; i < 40; i++)
                m += x[i] / 40;
            for (int i = 0; i < 40; i++)
                ss += (x[i] - m) * (x[i] - m);
            h = 2.0226909 * sqrt(ss / 39) * sqrt(1 + 1.0 / 40);
            lo = m - h;
            hi = m + h;
        }
        CHECK_NEAR(w->pi_low, lo, 1e-6 * fabs(lo));
        CHECK_NEAR(w->pi_high, hi, 1e-6 * fabs(hi));
        CHECK(w->pi_low <= w->mean && w->mean <= w->pi_high);
        CHECK_EQ(w->inside,
                 w->observed >= w->pi_low && w->observed <= w->pi_high);
        inside += w->inside;
    }
    CHECK_EQ(v.inside, inside);
    CHECK_STR(v.row[0].note, "y");
    rr_fit_fini(&f);
    rr_validate_fini(&v);
    rr_run_result_fini(&res);
    rr_points_fini(&p);
    rr_table_destroy(obs);
}

static void test_coverage(void)
{
    enum { K = 8, N = 10, NEW = 160 };
    rr_table *obs = table(obs_text);
    rr_points pn;
    rr_run_result fresh;
    double draws[3][NEW], cover = 0, want = 0.95;
    char err[512];

    if (run(&pn, NEW, 999, &fresh) != 0) {
        CHECK(!"the fixture runs");
        rr_points_fini(&pn);
        rr_table_destroy(obs);
        return;
    }
    for (size_t k = 0; k < 3; k++)
        figures(obs, &fresh, k, draws[k]);
    for (int s = 1; s <= K; s++) {
        rr_points p;
        rr_run_result res;
        rr_validation v;
        size_t in = 0;
        if (run(&p, N, s, &res) != 0 ||
            rr_validate_make(obs, &res, &v, err, sizeof err) != RR_OK) {
            CHECK(!"the intervals are made");
            rr_points_fini(&p);
            continue;
        }
        for (size_t k = 0; k < 3; k++)
            for (size_t i = 0; i < NEW; i++)
                in += draws[k][i] >= v.row[k].pi_low &&
                      draws[k][i] <= v.row[k].pi_high;
        cover += (double)in / (3.0 * NEW);
        rr_validate_fini(&v);
        rr_run_result_fini(&res);
        rr_points_fini(&p);
    }
    cover /= K;
    CHECK_MSG(fabs(cover - want) < 0.03,
              "share of new draws inside the interval %.4f, theory %.4f",
              cover, want);
    rr_run_result_fini(&fresh);
    rr_points_fini(&pn);
    rr_table_destroy(obs);
}

/* rolling origin: the origins, each calibration's years, the rows */
static void test_rolling(void)
{
    static const char *const params[] = {"p_self=0.02:0.5"};
    rr_table *obs = table("year,indicator,value\n"
                          "2020,departures_independent,560\n"
                          "2021,departures_independent,1000\n"
                          "2021,intake,3000\n"
                          "2023,departures_independent,1200\n"
                          "2023,caseload_talks,1900\n");
    rr_table *apart = table("year,indicator,value\n"
                            "2020,departures_independent,560\n"
                            "2021,intake,3000\n"
                            "2022,departures_independent,1200\n");
    rr_rolling r;
    rr_run_opts opts;
    char err[1024] = "";

    CHECK_EQ(rr_rolling_prepare(&r, FIXTURE, NULL, 0, apart, params, 1, 2,
                                3, 1e-3, err, sizeof err),
             RR_EINVAL);
    CHECK_STR(err, "obs.csv: no two consecutive years of observed figures "
                   "(inputs such as intake left out): no year to predict "
                   "from a fit on the years before it");
    rr_rolling_fini(&r);
    CHECK_EQ(rr_rolling_prepare(&r, FIXTURE, NULL, 0, obs, params, 0, 2, 3,
                                1e-3, err, sizeof err),
             RR_EINVAL);
    rr_rolling_fini(&r);
    /* 2020 -> 2021 only: 2022 has no figure, so 2023 has no origin */
    CHECK_EQ(rr_rolling_prepare(&r, FIXTURE, NULL, 0, obs, params, 1, 2, 3,
                                1e-3, err, sizeof err),
             RR_OK);
    CHECK_EQ(r.n, 1);
    if (r.n == 1) {
        CHECK_EQ(r.o[0].origin, 2020);
        CHECK_EQ(r.o[0].cal.n_years, 1);
        CHECK_EQ(r.o[0].cal.years[0], 2020);
        CHECK_EQ(r.o[0].cal.n_rows, 1);
        memset(&opts, 0, sizeof opts);
        CHECK_EQ(rr_rolling_run(&r, obs, &opts, NULL, NULL, err, sizeof err),
                 RR_OK);
        CHECK_EQ(r.v.n, 1); /* 2021's figure; not its intake, not 2023 */
        if (r.v.n == 1) {
            CHECK_EQ(r.v.row[0].year, 2021);
            CHECK_EQ(r.v.row[0].origin, 2020);
            CHECK_STR(r.v.row[0].indicator, "departures_independent");
        }
        CHECK_EQ(r.v.reps, 4);
        CHECK(r.has_last);
        CHECK_STR(r.last.plan->cfg[0]->name, "two-route-calibrated");
    }
    rr_rolling_fini(&r);
    rr_table_destroy(obs);
    rr_table_destroy(apart);
}

int main(void)
{
    test_rolling();
    test_check();
    test_interval();
    test_coverage();
    return check_summary("test_validate");
}
