/*
 * test_fit.c - simulated against observed yearly figures (rr_fit.h), on
 * run results made up for the purpose, so that each yearly sum, mean,
 * interval and relative error below is worked out in the comments:
 *
 *   - two replications of a run from 2024-01-01 to 2025-12-31 reported by
 *     half-year, every figure chosen by hand (the sums of indicators, the
 *     roles, fit.csv);
 *   - one replication reported by week, month, quarter or periods of ten
 *     days, whose periods straddle the years (the overlap rule);
 *
 * and calibrated_on as a scenario file gives it (its checks).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_fit.h"
#include "rr_indicator.h"
#include "rr_model.h"
#include "rr_output.h"
#include "rr_scenario.h"
#include "rr_table.h"

/* t(0.975, 1): the 95% half-width of two replications x1, x2 is
 * T975_1 * |x1 - x2| / 2. */
#define T975_1 12.706204736174698

enum { P = 4, REPS = 2 };

/* The metrics, in the layout's order. */
enum {
    ARR, REMIG, IOM, NGO, SELF, FORCED, UNSUP, CLOSED, RDS, DET, TTD, N_M
};
static const char *const metric_names[N_M] = {
    "arrivals", "arrivals_remigration", "departures_voluntary_iom",
    "departures_voluntary_ngo", "departures_voluntary_self",
    "departures_forced", "departures_unsupervised", "departures_closed",
    "caseload_rds", "detention_occupancy", "time_to_departure_mean_days"};

/* Per metric, replication 1 then 2, the four half-years 2024H1, 2024H2,
 * 2025H1, 2025H2. */
static const double figures[N_M][REPS][P] = {
    [ARR] = {{100, 110, 120, 130}, {90, 100, 140, 150}},
    [REMIG] = {{5, 5, 10, 10}, {0, 10, 10, 20}},
    [IOM] = {{10, 20, 30, 40}, {20, 20, 20, 20}},
    [NGO] = {{1, 2, 3, 4}, {4, 3, 2, 1}},
    [SELF] = {{5, 5, 5, 5}, {6, 6, 6, 6}},
    [FORCED] = {{7, 8, 9, 10}, {10, 9, 8, 7}},
    [UNSUP] = {{2, 2, 2, 2}, {0, 0, 0, 0}},
    [CLOSED] = {{1, 0, 1, 0}, {0, 1, 0, 1}},
    [RDS] = {{50, 60, 70, 80}, {55, 65, 75, 85}},
    [DET] = {{3, 3, 3, 3}, {3, 3, 3, 3}},
    [TTD] = {{40, 40, 40, 40}, {40, 40, 40, 40}},
};

/* Days since 2024-01-01: 2024 is a leap year, so 2024-07-01 is day 182,
 * 2025-01-01 day 366, 2025-07-01 day 547, 2026-01-01 day 731. */
static double bounds[P + 1] = {0, 182, 366, 547, 731};

typedef struct made {
    rr_config cfg;
    const rr_config *cfgs[1];
    double t0;
    rr_plan plan;
    char *names[N_M];
    double values[REPS][P * N_M];
    rr_rep_result rep[REPS];
    rr_run_result r;
} made;

static void make(made *m)
{
    memset(m, 0, sizeof *m);
    snprintf(m->cfg.name, sizeof m->cfg.name, "made");
    m->cfg.start = (rr_date){2024, 1, 1};
    m->cfg.end = (rr_date){2025, 12, 31};
    m->cfg.horizon = 731;
    m->cfgs[0] = &m->cfg;
    m->plan.n_epochs = 1;
    m->plan.t = &m->t0;
    m->plan.cfg = m->cfgs;
    for (size_t j = 0; j < N_M; j++)
        m->names[j] = (char *)metric_names[j];
    for (size_t i = 0; i < REPS; i++) {
        for (size_t k = 0; k < P; k++)
            for (size_t j = 0; j < N_M; j++)
                m->values[i][k * N_M + j] = figures[j][i][k];
        m->rep[i].n_periods = P;
        m->rep[i].n_metrics = N_M;
        m->rep[i].values = m->values[i];
    }
    m->r.plan = &m->plan;
    m->r.layout.n_metrics = N_M;
    m->r.layout.metric = m->names;
    m->r.layout.periods.n = P;
    m->r.layout.periods.bounds = bounds;
    m->r.reps = REPS;
    m->r.rep = m->rep;
}

static char dir[] = "/tmp/rrsim-test-fit-XXXXXX";
static char path[128];

/* observed - write text as the observed table and read it. */
static rr_table *observed(const char *text)
{
    FILE *f;
    rr_table *t = NULL;
    char err[512] = "";

    snprintf(path, sizeof path, "%s/observed.csv", dir);
    f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("  cannot write %s\n", path);
        return NULL;
    }
    if (rr_table_read(path, &t, err, sizeof err) != RR_OK)
        printf("  cannot read %s: %s\n", path, err);
    return t;
}

/* expect_row - row i of the fit, with the simulated yearly figures x1, x2
 * of the two replications. */
static void expect_row(const rr_fit *f, size_t i, int year, const char *ind,
                       rr_fit_role role, double obs, double x1, double x2,
                       double rel, const char *note)
{
    const rr_fit_row *w;
    double mean = (x1 + x2) / 2, half = T975_1 * fabs(x1 - x2) / 2;

    CHECK_MSG(i < f->n, "row %zu of %zu", i, f->n);
    if (i >= f->n)
        return;
    w = &f->row[i];
    CHECK_EQ(w->year, year);
    CHECK_STR(w->indicator, ind);
    CHECK_STR(rr_fit_role_name(w->role), rr_fit_role_name(role));
    CHECK_EQ(w->observed, obs);
    CHECK_EQ(w->simulated.n, 2);
    CHECK_EQ(w->simulated.mean, mean);
    CHECK_NEAR(w->simulated.low, mean - half, 1e-9);
    CHECK_NEAR(w->simulated.high, mean + half, 1e-9);
    if (isnan(rel))
        CHECK_MSG(isnan(w->rel_error), "%s %d: relative error %g, not NA",
                  ind, year, w->rel_error);
    else
        CHECK_NEAR(w->rel_error, rel, 1e-12);
    CHECK_STR(w->note, note);
}

/* The scenario of the half-year run was calibrated on 2024. */
static const int calibrated_2024[] = {2024};

static void test_rows(void)
{
    made m;
    rr_fit f;
    rr_table *t;
    char err[512] = "";

    make(&m);
    m.cfg.n_calibrated = 1;
    m.cfg.calibrated_on = calibrated_2024;
    /* the bounds above are the dates they stand for */
    CHECK_EQ(rr_date_days((rr_date){2024, 7, 1}) -
                 rr_date_days((rr_date){2024, 1, 1}),
             182);
    CHECK_EQ(rr_date_days((rr_date){2026, 1, 1}) -
                 rr_date_days((rr_date){2024, 1, 1}),
             731);

    t = observed("year,indicator,value,source\n"
                 "2024,arrivals,160,IND 2024\n"
                 "2025,departures_independent,100,\n"
                 "2024,departures_verified,80,\n"
                 "2025,departures_total,130,\"report, p. 3\"\n"
                 "2024,intake,200,\n"
                 "2025,caseload_rds,100,\n"
                 "2024,caseload_rds,50,\n"
                 "2024,departures_forced,0,\n"
                 "2025,departures_closed,4,\n");
    if (!t) {
        CHECK_MSG(0, "observed table");
        return;
    }
    CHECK_EQ(rr_fit_make(t, &m.r, &f, err, sizeof err), RR_OK);
    CHECK_EQ(f.n, 9);
    /* arrivals 2024, flows summed over 2024H1 and H2: 100 + 110 = 210 and
     * 90 + 100 = 190; mean 200 against 160: +25%.  Arrivals are set by
     * the scenario: an input, whatever the year */
    expect_row(&f, 0, 2024, "arrivals", RR_FIT_INPUT, 160, 210, 190, 0.25,
               "IND 2024");
    /* voluntary iom + ngo + self in 2025: 70 + 7 + 10 = 87 and
     * 40 + 3 + 12 = 55; mean 71 against 100: -29%; 2025 is not a
     * calibration year */
    expect_row(&f, 1, 2025, "departures_independent", RR_FIT_VALIDATION,
               100, 87, 55, -0.29, "");
    /* independent + forced in 2024: 30 + 3 + 10 + 15 = 58 and
     * 40 + 7 + 12 + 19 = 78; mean 68 against 80: -15%; calibrated */
    expect_row(&f, 2, 2024, "departures_verified", RR_FIT_CALIBRATION, 80,
               58, 78, -0.15, "");
    /* DT&V's total, its three kinds: verified + unsupervised in 2025,
     * 87 + 19 + 4 = 110 and 55 + 15 + 0 = 70 (the closed cases, 1 and 1,
     * are not departures); mean 90 against 130 */
    expect_row(&f, 3, 2025, "departures_total", RR_FIT_VALIDATION, 130, 110,
               70, 90.0 / 130 - 1, "report, p. 3");
    /* arrivals less re-migrants in 2024: 210 - 10 = 200 and
     * 190 - 10 = 180; mean 190 against 200: -5%; an input */
    expect_row(&f, 4, 2024, "intake", RR_FIT_INPUT, 200, 200, 180, -0.05,
               "");
    /* a stock is the value at the year's last period end, not a sum:
     * 2025H2 80 and 85, mean 82.5 against 100; 2024H2 60 and 65, mean
     * 62.5 against 50 */
    expect_row(&f, 5, 2025, "caseload_rds", RR_FIT_VALIDATION, 100, 80, 85,
               -0.175, "");
    expect_row(&f, 6, 2024, "caseload_rds", RR_FIT_CALIBRATION, 50, 60, 65,
               0.25, "");
    /* observed 0: no relative error */
    expect_row(&f, 7, 2024, "departures_forced", RR_FIT_CALIBRATION, 0, 15,
               19, NAN, "");
    /* the closed cases on their own: 1 + 0 and 0 + 1 in 2025, against 4 */
    expect_row(&f, 8, 2025, "departures_closed", RR_FIT_VALIDATION, 4, 1, 1,
               -0.75, "");
    /* the days each figure covers: a flow the year, a stock the period
     * at whose end it is counted */
    if (f.n == 9) {
        CHECK_EQ(rr_date_days(f.row[1].first),
                 rr_date_days((rr_date){2025, 1, 1}));
        CHECK_EQ(rr_date_days(f.row[1].last),
                 rr_date_days((rr_date){2025, 12, 31}));
        CHECK_EQ(rr_date_days(f.row[6].first),
                 rr_date_days((rr_date){2024, 7, 1}));
        CHECK_EQ(rr_date_days(f.row[6].last),
                 rr_date_days((rr_date){2024, 12, 31}));
    }
    /* the mean absolute relative errors: calibration 2024 (verified,
     * caseload; forced has none), validation 2025 (independent, total,
     * caseload, closed); inputs apart */
    CHECK_EQ(f.error[RR_FIT_CALIBRATION].n, 2);
    CHECK_NEAR(f.error[RR_FIT_CALIBRATION].mean_abs, (0.15 + 0.25) / 2,
               1e-12);
    CHECK_EQ(f.error[RR_FIT_VALIDATION].n, 4);
    CHECK_NEAR(f.error[RR_FIT_VALIDATION].mean_abs,
               (0.29 + (1 - 90.0 / 130) + 0.175 + 0.75) / 4, 1e-12);
    CHECK_EQ(f.error[RR_FIT_INPUT].n, 2);
    CHECK_NEAR(f.error[RR_FIT_INPUT].mean_abs, (0.25 + 0.05) / 2, 1e-12);
    rr_fit_fini(&f);
    CHECK_EQ(f.n, 0);
    CHECK(f.row == NULL);
    CHECK(isnan(f.error[RR_FIT_CALIBRATION].mean_abs));

    /* a scenario that names no calibration year: every year is
     * validation (inputs stay inputs) */
    m.cfg.n_calibrated = 0;
    m.cfg.calibrated_on = NULL;
    CHECK_EQ(rr_fit_make(t, &m.r, &f, err, sizeof err), RR_OK);
    for (size_t i = 0; i < f.n; i++)
        CHECK_MSG(f.row[i].role == (i == 0 || i == 4 ? RR_FIT_INPUT
                                                     : RR_FIT_VALIDATION),
                  "row %zu: %s", i, rr_fit_role_name(f.row[i].role));
    CHECK_EQ(f.error[RR_FIT_CALIBRATION].n, 0);
    CHECK(isnan(f.error[RR_FIT_CALIBRATION].mean_abs));
    CHECK_EQ(f.error[RR_FIT_VALIDATION].n, 6);
    rr_fit_fini(&f);
    rr_table_destroy(t);

    /* no rows: no comparison, no error */
    t = observed("year,indicator,value\n");
    CHECK(t != NULL);
    if (t) {
        CHECK_EQ(rr_fit_make(t, &m.r, &f, err, sizeof err), RR_OK);
        CHECK_EQ(f.n, 0);
        CHECK_EQ(f.error[RR_FIT_VALIDATION].n, 0);
        rr_fit_fini(&f);
        rr_table_destroy(t);
    }
}

/* departures_total is DT&V's total: the registry's parts are its three
 * kinds (independent: IOM, NGO, self-arranged; forced; without
 * supervision), each added once, and no closed case; the inputs are
 * intake and arrivals. */
static void test_definitions(void)
{
    static const rr_ind_id three_kinds[] = {
        RR_IND_DEPARTURES_VOLUNTARY_IOM, RR_IND_DEPARTURES_VOLUNTARY_NGO,
        RR_IND_DEPARTURES_VOLUNTARY_SELF, RR_IND_DEPARTURES_FORCED,
        RR_IND_DEPARTURES_UNSUPERVISED};
    const rr_indicator *e = &rr_indicators[RR_IND_DEPARTURES_TOTAL];
    CHECK_EQ(e->n_parts, RR_COUNTOF(three_kinds));
    for (size_t i = 0; i < e->n_parts && i < RR_COUNTOF(three_kinds); i++) {
        CHECK_EQ(e->parts[i].id, three_kinds[i]);
        CHECK_EQ(e->parts[i].sign, 1);
    }
    for (size_t i = 0; i < e->n_parts; i++)
        CHECK_MSG(e->parts[i].id != RR_IND_DEPARTURES_CLOSED,
                  "departures_total counts closed cases");
    CHECK(rr_indicator_is_input(&rr_indicators[RR_IND_INTAKE]));
    CHECK(rr_indicator_is_input(&rr_indicators[RR_IND_ARRIVALS]));
    CHECK(!rr_indicator_is_input(&rr_indicators[RR_IND_ARRIVALS_REMIGRATION]));
    CHECK(!rr_indicator_is_input(&rr_indicators[RR_IND_DEPARTURES_TOTAL]));
    CHECK(!rr_indicator_is_input(&rr_indicators[RR_IND_CASELOAD_STAGE]));
    CHECK_STR(rr_fit_role_name(RR_FIT_CALIBRATION), "calibration");
    CHECK_STR(rr_fit_role_name(RR_FIT_VALIDATION), "validation");
    CHECK_STR(rr_fit_role_name(RR_FIT_INPUT), "input");
    CHECK_STR(rr_fit_role_name(RR_FIT_ROLES), "?");
}

/* ---- periods that straddle the years ------------------------------------ */

/* A run of one replication with three metrics, on any periods. */
enum { S_ARR, S_FORCED, S_STOCK, S_M };
static const char *const series_names[S_M] = {"arrivals", "departures_forced",
                                              "caseload_total"};

typedef struct series {
    rr_config cfg;
    const rr_config *cfgs[1];
    double t0;
    rr_plan plan;
    char *names[S_M];
    double *values;
    rr_rep_result rep[1];
    rr_run_result r;
    rr_periods periods;
} series;

/* series_make - a run from `from` to `to` over the periods of `report`
 * (or, with step > 0, periods of step days): arrivals one a day (so a
 * period's count is its length), departures_forced 0, caseload_total the
 * period's index.  false when out of memory. */
static bool series_make(series *s, rr_date from, rr_date to,
                        rr_report_period report, double step)
{
    memset(s, 0, sizeof *s);
    snprintf(s->cfg.name, sizeof s->cfg.name, "series");
    s->cfg.start = from;
    s->cfg.end = to;
    s->cfg.horizon = (double)(rr_date_days(to) - rr_date_days(from) + 1);
    s->cfg.report = report;
    if (step > 0) {
        size_t n = (size_t)ceil(s->cfg.horizon / step);
        s->periods.n = n;
        s->periods.bounds = malloc((n + 1) * sizeof *s->periods.bounds);
        if (!s->periods.bounds)
            return false;
        for (size_t k = 0; k <= n; k++)
            s->periods.bounds[k] = fmin((double)k * step, s->cfg.horizon);
    } else if (rr_periods_make(&s->cfg, &s->periods) != RR_OK) {
        return false;
    }
    s->values = calloc(s->periods.n * S_M, sizeof *s->values);
    if (!s->values)
        return false;
    for (size_t k = 0; k < s->periods.n; k++) {
        s->values[k * S_M + S_ARR] =
            s->periods.bounds[k + 1] - s->periods.bounds[k];
        s->values[k * S_M + S_STOCK] = (double)k;
    }
    s->cfgs[0] = &s->cfg;
    s->plan.n_epochs = 1;
    s->plan.t = &s->t0;
    s->plan.cfg = s->cfgs;
    for (size_t j = 0; j < S_M; j++)
        s->names[j] = (char *)series_names[j];
    s->rep[0].n_periods = s->periods.n;
    s->rep[0].n_metrics = S_M;
    s->rep[0].values = s->values;
    s->r.plan = &s->plan;
    s->r.layout.n_metrics = S_M;
    s->r.layout.metric = s->names;
    s->r.layout.periods = s->periods;
    s->r.reps = 1;
    s->r.rep = s->rep;
    return true;
}

static void series_fini(series *s)
{
    free(s->values);
    free(s->periods.bounds);
}

/* series_period - the period that starts on date d, or -1. */
static long series_period(const series *s, rr_date d)
{
    double t = (double)(rr_date_days(d) - rr_date_days(s->cfg.start));
    for (size_t k = 0; k < s->periods.n; k++)
        if (s->periods.bounds[k] == t)
            return (long)k;
    return -1;
}

/* series_set - departures_forced of the period starting on d. */
static void series_set(series *s, rr_date d, double v)
{
    long k = series_period(s, d);
    CHECK_MSG(k >= 0, "no period starts on %04d-%02d-%02d", d.y, d.m, d.d);
    if (k >= 0)
        s->values[(size_t)k * S_M + S_FORCED] = v;
}

/* expect_year - the figures of year y: arrivals (the days it covers, 365
 * or 366), departures_forced, and caseload_total with the period it is
 * taken at the end of, [first, last]. */
static void expect_year(const series *s, int y, double days, double forced,
                        rr_date first, rr_date last)
{
    char text[256], err[512] = "";
    rr_table *t;
    rr_fit f;
    long k = series_period(s, first);

    snprintf(text, sizeof text,
             "year,indicator,value\n%d,arrivals,%g\n"
             "%d,departures_forced,1\n%d,caseload_total,1\n",
             y, days, y, y);
    t = observed(text);
    if (!t) {
        CHECK_MSG(0, "observed table");
        return;
    }
    CHECK_EQ(rr_fit_make(t, &s->r, &f, err, sizeof err), RR_OK);
    CHECK_MSG(f.n == 3, "%d: %zu rows: %s", y, f.n, err);
    if (f.n == 3) {
        /* one a day: the year's days exactly, whatever the periods */
        CHECK_NEAR(f.row[0].simulated.mean, days, 1e-9);
        CHECK_EQ(rr_date_days(f.row[0].first),
                 rr_date_days((rr_date){y, 1, 1}));
        CHECK_EQ(rr_date_days(f.row[0].last),
                 rr_date_days((rr_date){y, 12, 31}));
        CHECK_EQ(rr_date_days(f.row[0].last) -
                     rr_date_days(f.row[0].first) + 1,
                 (long)days);
        CHECK_NEAR(f.row[1].simulated.mean, forced, 1e-9);
        /* the stock at the end of the last period ending in the year */
        CHECK_MSG(k >= 0, "%d: no period starts on %04d-%02d-%02d", y,
                  first.y, first.m, first.d);
        CHECK_EQ(f.row[2].simulated.mean, (double)k);
        CHECK_EQ(rr_date_days(f.row[2].first), rr_date_days(first));
        CHECK_EQ(rr_date_days(f.row[2].last), rr_date_days(last));
    }
    rr_fit_fini(&f);
    rr_table_destroy(t);
}

static void test_overlap(void)
{
    series s;

    /* weeks (Monday to Sunday) of a run from Tuesday 1 January 2019 to
     * 31 December 2020: the week from Monday 30 December 2019 to 5
     * January 2020 gives 2/7 of its 70 departures to 2019 and 5/7 to
     * 2020; 2019's caseload is that at the end of Sunday 29 December,
     * 2020's at the end of the run's last (short) week */
    if (series_make(&s, (rr_date){2019, 1, 1}, (rr_date){2020, 12, 31},
                    RR_REPORT_WEEK, 0)) {
        CHECK_EQ(s.periods.n, 105);
        series_set(&s, (rr_date){2019, 12, 30}, 70);
        expect_year(&s, 2019, 365, 20, (rr_date){2019, 12, 23},
                    (rr_date){2019, 12, 29});
        expect_year(&s, 2020, 366, 50, (rr_date){2020, 12, 28},
                    (rr_date){2020, 12, 31});
    } else {
        CHECK_MSG(0, "weekly run");
    }
    series_fini(&s);

    /* a run that starts mid-week in mid-2018: 2019 is cut from weeks at
     * both ends (Monday 31 December 2018 gives one day of its 70 to 2018
     * and six to 2019: 60; with 20 from the last week, 80) */
    if (series_make(&s, (rr_date){2018, 7, 4}, (rr_date){2020, 12, 31},
                    RR_REPORT_WEEK, 0)) {
        series_set(&s, (rr_date){2018, 12, 31}, 70);
        series_set(&s, (rr_date){2019, 12, 30}, 70);
        expect_year(&s, 2019, 365, 80, (rr_date){2019, 12, 23},
                    (rr_date){2019, 12, 29});
        expect_year(&s, 2020, 366, 50, (rr_date){2020, 12, 28},
                    (rr_date){2020, 12, 31});
    } else {
        CHECK_MSG(0, "weekly run from 2018");
    }
    series_fini(&s);

    /* months and quarters end with the year: whole periods, the stock at
     * 31 December */
    if (series_make(&s, (rr_date){2019, 1, 1}, (rr_date){2020, 12, 31},
                    RR_REPORT_MONTH, 0)) {
        series_set(&s, (rr_date){2019, 12, 1}, 31);
        series_set(&s, (rr_date){2020, 1, 1}, 5);
        expect_year(&s, 2019, 365, 31, (rr_date){2019, 12, 1},
                    (rr_date){2019, 12, 31});
        expect_year(&s, 2020, 366, 5, (rr_date){2020, 12, 1},
                    (rr_date){2020, 12, 31});
    } else {
        CHECK_MSG(0, "monthly run");
    }
    series_fini(&s);
    if (series_make(&s, (rr_date){2019, 1, 1}, (rr_date){2020, 12, 31},
                    RR_REPORT_QUARTER, 0)) {
        CHECK_EQ(s.periods.n, 8);
        series_set(&s, (rr_date){2020, 10, 1}, 9);
        expect_year(&s, 2019, 365, 0, (rr_date){2019, 10, 1},
                    (rr_date){2019, 12, 31});
        expect_year(&s, 2020, 366, 9, (rr_date){2020, 10, 1},
                    (rr_date){2020, 12, 31});
    } else {
        CHECK_MSG(0, "quarterly run");
    }
    series_fini(&s);

    /* periods of ten days (no report setting gives them; the rule holds
     * for any): the period from day 360 (27 December 2019) to 370 gives
     * half of its 100 to each year; the stock of 2019 is that of the
     * period ending on day 360 */
    if (series_make(&s, (rr_date){2019, 1, 1}, (rr_date){2020, 12, 31},
                    RR_REPORT_DAY, 10)) {
        series_set(&s, (rr_date){2019, 12, 27}, 100);
        expect_year(&s, 2019, 365, 50, (rr_date){2019, 12, 17},
                    (rr_date){2019, 12, 26});
        expect_year(&s, 2020, 366, 50, (rr_date){2020, 12, 31},
                    (rr_date){2020, 12, 31});
    } else {
        CHECK_MSG(0, "ten-day run");
    }
    series_fini(&s);
}

/* expect_fail - the table (header and one bad row after a good one) fails
 * with rc and "PATH:" + msg, and leaves an empty fit. */
static void expect_fail(const made *m, const char *text, int rc,
                        const char *msg)
{
    rr_fit f;
    rr_table *t = observed(text);
    char err[512] = "", want[768];

    if (!t) {
        CHECK_MSG(0, "observed table for '%s'", msg);
        return;
    }
    memset(&f, 0xff, sizeof f);
    CHECK_EQ(rr_fit_make(t, &m->r, &f, err, sizeof err), rc);
    snprintf(want, sizeof want, "%s:%s", path, msg);
    CHECK_STR(err, want);
    CHECK_EQ(f.n, 0);
    CHECK(f.row == NULL);
    rr_table_destroy(t);
}

static void test_errors(void)
{
    made m;
    static const char not_yearly[] =
        "' is not a yearly figure of this scenario (a flow such as "
        "departures_forced, a caseload_STAGE, or departures_independent, "
        "departures_verified, departures_total, intake)";
    char msg[512];

    make(&m);
    expect_fail(&m, "year,indicator,value\n2024,arrivals,1\n2026,arrivals,1\n",
                RR_ERANGE, "3: year 2026 is not wholly inside the run");
    expect_fail(&m, "year,indicator,value\n2023,arrivals,1\n", RR_ERANGE,
                "2: year 2023 is not wholly inside the run");
    /* averages are not yearly figures, nor is what the run has not */
    snprintf(msg, sizeof msg, "3: column 'indicator': 'detention_occupancy%s",
             not_yearly);
    expect_fail(&m, "year,indicator,value\n2024,arrivals,1\n"
                    "2024,detention_occupancy,3\n",
                RR_EPARSE, msg);
    snprintf(msg, sizeof msg,
             "2: column 'indicator': 'time_to_departure_mean_days%s",
             not_yearly);
    expect_fail(&m, "year,indicator,value\n2025,time_to_departure_mean_days,40\n",
                RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "2: column 'indicator': 'caseload_iom%s",
             not_yearly);
    expect_fail(&m, "year,indicator,value\n2025,caseload_iom,4\n", RR_EPARSE,
                msg);
    expect_fail(&m, "year,indicator,value\n2024.5,arrivals,1\n", RR_EPARSE,
                "2: column 'year': expected a year, got '2024.5'");
    expect_fail(&m, "year,indicator,value\n2024,arrivals,many\n", RR_EPARSE,
                "2: column 'value': expected a number, got 'many'");
    expect_fail(&m, "year,indicator,count\n2024,arrivals,1\n", RR_ENOTFOUND,
                "1: missing column 'value' (columns: year, indicator, count)");

    /* a run that starts in March does not cover 2024 whole */
    m.cfg.start = (rr_date){2024, 3, 1};
    expect_fail(&m, "year,indicator,value\n2024,arrivals,1\n", RR_ERANGE,
                "2: year 2024 is not wholly inside the run");
    /* nor does one that stops before the end of 2025 */
    make(&m);
    m.cfg.horizon = 700;
    expect_fail(&m, "year,indicator,value\n2025,arrivals,1\n", RR_ERANGE,
                "2: year 2025 is not wholly inside the run");
}

/* fit.csv: rows as written, each with its role and the days its figure
 * covers, NA for the missing relative error; the terminal's table and its
 * summary of errors by role. */
static void test_write(void)
{
    made m;
    rr_fit f;
    rr_table *t;
    char err[512] = "", out[160], text[2048] = "";
    FILE *in;
    size_t n;

    make(&m);
    m.cfg.n_calibrated = 1;
    m.cfg.calibrated_on = calibrated_2024;
    t = observed("year,indicator,value,source\n"
                 "2024,arrivals,160,IND 2024\n"
                 "2025,departures_total,130,\"report, p. 3\"\n"
                 "2024,departures_forced,0,\n"
                 "2024,caseload_rds,50,\n");
    if (!t || rr_fit_make(t, &m.r, &f, err, sizeof err) != RR_OK) {
        CHECK_MSG(0, "fit: %s", err);
        rr_table_destroy(t);
        return;
    }
    snprintf(out, sizeof out, "%s/fit.csv", dir);
    CHECK_EQ(rr_write_fit(out, &f, &m.r, err, sizeof err), RR_OK);
    in = fopen(out, "r");
    CHECK(in != NULL);
    if (in) {
        n = fread(text, 1, sizeof text - 1, in);
        text[n] = '\0';
        fclose(in);
    }
    /* 200 -+ 12.706204736 * 10; 90 -+ 12.706204736 * 20; 17 -+
     * 12.706204736 * 2; 62.5 -+ 12.706204736 * 2.5 */
    CHECK_STR(text,
              "scenario,year,role,indicator,period_start,period_end,"
              "observed,simulated_mean,ci95_low,ci95_high,relative_error,"
              "replications,note\n"
              "made,2024,input,arrivals,2024-01-01,2024-12-31,160,200,"
              "72.93795264,327.0620474,0.25,2,IND 2024\n"
              "made,2025,validation,departures_total,2025-01-01,2025-12-31,"
              "130,90,-164.1240947,344.1240947,-0.3076923077,2,"
              "\"report, p. 3\"\n"
              "made,2024,calibration,departures_forced,2024-01-01,"
              "2024-12-31,0,17,-8.412409472,42.41240947,NA,2,\n"
              "made,2024,calibration,caseload_rds,2024-07-01,2024-12-31,50,"
              "62.5,30.73448816,94.26551184,0.25,2,\n");
    unlink(out);

    /* the table: the role of each row, an input's error not shown as
     * one, and the mean absolute errors apart */
    in = tmpfile();
    CHECK(in != NULL);
    if (in) {
        rr_print_fit(in, &f, &m.r);
        rewind(in);
        n = fread(text, 1, sizeof text - 1, in);
        text[n] = '\0';
        fclose(in);
        CHECK_MSG(strstr(text, "\n2024  input        arrivals"
                               "                            160"
                               "        200             [73, 327]"
                               "     input\n") != NULL,
                  "%s", text);
        CHECK_MSG(strstr(text, "2025  validation   departures_total") !=
                      NULL,
                  "%s", text);
        CHECK_MSG(strstr(text, "-30.8%\n") != NULL, "%s", text);
        CHECK_MSG(strstr(text, "\nmean absolute relative error (inputs not "
                               "counted):\n"
                               "  calibration   25.0% over 1 figure (2024)\n"
                               "  validation    30.8% over 1 figure "
                               "(2025)\n") != NULL,
                  "%s", text);
    }
    rr_fit_fini(&f);
    rr_table_destroy(t);
}

/* ---- calibrated_on ------------------------------------------------------ */

/* plan_with - the plan of a scenario file (2019-2021) whose [scenario]
 * section has line 5 `calibrated_on = value` (or none when value is
 * NULL): RR_OK with the years in ys (n of them), or the status with the
 * message in err. */
static int plan_with(const char *value, int *ys, size_t *n, char *err,
                     size_t errlen, char *ini, size_t inilen)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    FILE *f;
    int rc;

    snprintf(ini, inilen, "%s/cal.ini", dir);
    f = fopen(ini, "w");
    if (!f)
        return RR_EIO;
    fprintf(f, "[scenario]\nname = cal\nstart = 2019-01-01\n"
               "end = 2021-12-31\n%s%s%s\n[stage.talks]\n"
               "service = deterministic(1d)\nroute.departed = 1\n\n"
               "[arrivals]\nrate = 1/day\n",
            value ? "calibrated_on = " : "", value ? value : "",
            value ? "\n" : "");
    if (fclose(f) != 0)
        return RR_EIO;
    *n = 0;
    rc = rr_scenario_load(ini, NULL, 0, &sc, err, errlen);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, errlen);
    if (rc == RR_OK) {
        const rr_config *c = plan->cfg[0];
        for (size_t i = 0; i < c->n_calibrated && i < 8; i++)
            ys[i] = c->calibrated_on[i];
        *n = c->n_calibrated;
        for (size_t e = 1; e < plan->n_epochs; e++)
            CHECK_EQ(plan->cfg[e]->n_calibrated, c->n_calibrated);
    }
    rr_scenario_destroy(sc);
    unlink(ini);
    return rc;
}

static void expect_calibrated(const char *value, size_t n_want, int y0,
                              int y1)
{
    int ys[8] = {0};
    size_t n;
    char err[512] = "", ini[160];
    CHECK_MSG(plan_with(value, ys, &n, err, sizeof err, ini, sizeof ini) ==
                  RR_OK,
              "'%s': %s", value ? value : "(none)", err);
    CHECK_EQ(n, n_want);
    if (n_want > 0)
        CHECK_EQ(ys[0], y0);
    if (n_want > 1)
        CHECK_EQ(ys[1], y1);
}

static void expect_calibrated_fails(const char *value, int rc,
                                    const char *msg)
{
    int ys[8];
    size_t n;
    char err[512] = "", ini[160], want[768];
    CHECK_EQ(plan_with(value, ys, &n, err, sizeof err, ini, sizeof ini), rc);
    snprintf(want, sizeof want, "%s:5: [scenario] calibrated_on: %s", ini,
             msg);
    CHECK_STR(err, want);
}

static void test_calibrated_on(void)
{
    static const char form[] =
        "expected years separated by commas (e.g. 2019, 2022) or none, got";
    char msg[256];

    expect_calibrated(NULL, 0, 0, 0);
    expect_calibrated("none", 0, 0, 0);
    expect_calibrated("2019", 1, 2019, 0);
    /* kept in increasing order, spaces or none */
    expect_calibrated("2021,2019", 2, 2019, 2021);
    expect_calibrated(" 2020 ,  2021 ", 2, 2020, 2021);

    /* a bad year */
    snprintf(msg, sizeof msg, "%s '20x9'", form);
    expect_calibrated_fails("2019, 20x9", RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "%s '2019.5'", form);
    expect_calibrated_fails("2019.5", RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "%s '-2019'", form);
    expect_calibrated_fails("-2019", RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "%s '2019 2020'", form);
    expect_calibrated_fails("2019 2020", RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "%s '2019,,2020'", form);
    expect_calibrated_fails("2019,,2020", RR_EPARSE, msg);
    snprintf(msg, sizeof msg, "%s '2019,'", form);
    expect_calibrated_fails("2019,", RR_EPARSE, msg);
    /* out of the run */
    expect_calibrated_fails("2018", RR_ERANGE,
                            "year 2018 is outside the run (2019 to 2021)");
    expect_calibrated_fails("2019, 2022", RR_ERANGE,
                            "year 2022 is outside the run (2019 to 2021)");
    /* named twice */
    expect_calibrated_fails("2019, 2020, 2019", RR_EINVAL,
                            "year 2019 is named twice");
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_rows();
    test_definitions();
    test_errors();
    test_overlap();
    test_write();
    test_calibrated_on();
    unlink(path);
    rmdir(dir);
    return check_summary("test_fit");
}
