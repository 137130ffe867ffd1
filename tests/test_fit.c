/*
 * test_fit.c - simulated against observed yearly figures (rr_fit.h), on a
 * run result made up for the purpose: two replications of a run from
 * 2024-01-01 to 2025-12-31 reported by half-year, with every figure chosen
 * by hand, so that each yearly sum, mean, interval and relative error
 * below is worked out in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_fit.h"
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
                       double obs, double x1, double x2, double rel,
                       const char *note)
{
    const rr_fit_row *w;
    double mean = (x1 + x2) / 2, half = T975_1 * fabs(x1 - x2) / 2;

    CHECK_MSG(i < f->n, "row %zu of %zu", i, f->n);
    if (i >= f->n)
        return;
    w = &f->row[i];
    CHECK_EQ(w->year, year);
    CHECK_STR(w->indicator, ind);
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

static void test_rows(void)
{
    made m;
    rr_fit f;
    rr_table *t;
    char err[512] = "";

    make(&m);
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
                 "2024,departures_forced,0,\n");
    if (!t) {
        CHECK_MSG(0, "observed table");
        return;
    }
    CHECK_EQ(rr_fit_make(t, &m.r, &f, err, sizeof err), RR_OK);
    CHECK_EQ(f.n, 8);
    /* arrivals 2024, flows summed over 2024H1 and H2: 100 + 110 = 210 and
     * 90 + 100 = 190; mean 200 against 160: +25% */
    expect_row(&f, 0, 2024, "arrivals", 160, 210, 190, 0.25, "IND 2024");
    /* voluntary iom + ngo + self in 2025: 70 + 7 + 10 = 87 and
     * 40 + 3 + 12 = 55; mean 71 against 100: -29% */
    expect_row(&f, 1, 2025, "departures_independent", 100, 87, 55, -0.29,
               "");
    /* independent + forced in 2024: 30 + 3 + 10 + 15 = 58 and
     * 40 + 7 + 12 + 19 = 78; mean 68 against 80: -15% */
    expect_row(&f, 2, 2024, "departures_verified", 80, 58, 78, -0.15, "");
    /* verified + unsupervised + closed in 2025: 87 + 19 + 4 + 1 = 111 and
     * 55 + 15 + 0 + 1 = 71; mean 91 against 130: -30% */
    expect_row(&f, 3, 2025, "departures_total", 130, 111, 71, -0.3,
               "report, p. 3");
    /* arrivals less re-migrants in 2024: 210 - 10 = 200 and
     * 190 - 10 = 180; mean 190 against 200: -5% */
    expect_row(&f, 4, 2024, "intake", 200, 200, 180, -0.05, "");
    /* a stock is the value at the year's last period end, not a sum:
     * 2025H2 80 and 85, mean 82.5 against 100; 2024H2 60 and 65, mean
     * 62.5 against 50 */
    expect_row(&f, 5, 2025, "caseload_rds", 100, 80, 85, -0.175, "");
    expect_row(&f, 6, 2024, "caseload_rds", 50, 60, 65, 0.25, "");
    /* observed 0: no relative error */
    expect_row(&f, 7, 2024, "departures_forced", 0, 15, 19, NAN, "");
    rr_fit_fini(&f);
    CHECK_EQ(f.n, 0);
    CHECK(f.row == NULL);
    rr_table_destroy(t);

    /* no rows: no comparison, no error */
    t = observed("year,indicator,value\n");
    CHECK(t != NULL);
    if (t) {
        CHECK_EQ(rr_fit_make(t, &m.r, &f, err, sizeof err), RR_OK);
        CHECK_EQ(f.n, 0);
        rr_fit_fini(&f);
        rr_table_destroy(t);
    }
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

/* fit.csv: the rows above as written, NA for the missing relative error. */
static void test_write(void)
{
    made m;
    rr_fit f;
    rr_table *t;
    char err[512] = "", out[160], text[1024] = "";
    FILE *in;
    size_t n;

    make(&m);
    t = observed("year,indicator,value,source\n"
                 "2024,arrivals,160,IND 2024\n"
                 "2025,departures_total,130,\"report, p. 3\"\n"
                 "2024,departures_forced,0,\n");
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
    /* 200 -+ 12.706204736 * 10; 91 -+ 12.706204736 * 20; 17 -+
     * 12.706204736 * 2 */
    CHECK_STR(text,
              "scenario,year,indicator,observed,simulated_mean,ci95_low,"
              "ci95_high,relative_error,replications,note\n"
              "made,2024,arrivals,160,200,72.93795264,327.0620474,0.25,2,"
              "IND 2024\n"
              "made,2025,departures_total,130,91,-163.1240947,345.1240947,"
              "-0.3,2,\"report, p. 3\"\n"
              "made,2024,departures_forced,0,17,-8.412409472,42.41240947,"
              "NA,2,\n");
    unlink(out);
    rr_fit_fini(&f);
    rr_table_destroy(t);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_rows();
    test_errors();
    test_write();
    unlink(path);
    rmdir(dir);
    return check_summary("test_fit");
}
