/*
 * test_calibrate.c - fitting settings to observed yearly figures
 * (rr_calibrate.h), on tests/fixtures/calibrate/two-route.ini: 3,000 cases
 * a year, a share p_self of the talks' outcomes leaving on their own and
 * a competing absconding hazard of mean abscond_mean.
 *
 *   - the mapping onto unbounded coordinates: a round trip, and every
 *     coordinate, however large, lands within the bounds;
 *   - --param and --years read, and every kind of bad input refused by
 *     rr_calibration_prepare before anything runs, with its message;
 *   - the loss: calibration rows only, inputs and other years left out,
 *     weights, a row without a relative error;
 *   - identifiability: figures made by the model itself at p_self = 0.10
 *     and abscond_mean = 400d (another seed, 8 replications), fitted from
 *     the scenario's 0.15 and 300d, come back within 5%; every point the
 *     search tried lies within the bounds; the loss falls;
 *   - the same search with 1 and 2 threads gives the same iterations,
 *     bit for bit (common random numbers);
 *   - rr_relative_path.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "rr_calibrate.h"
#include "rr_common.h"
#include "rr_points.h"
#include "rr_results.h"
#include "rr_table.h"

#define FIXTURE "tests/fixtures/calibrate/two-route.ini"

/* ---- the mapping ---------------------------------------------------------- */

static void test_mapping(void)
{
    const double lo = 0.02, hi = 0.5;
    const double us[] = {-1e6, -745, -40, -1, 0, 1, 40, 745, 1e6};
    CHECK_NEAR(rr_calib_from_u(rr_calib_to_u(0.15, lo, hi), lo, hi), 0.15,
               1e-15);
    CHECK_NEAR(rr_calib_from_u(rr_calib_to_u(400, 100, 1000), 100, 1000),
               400, 1e-12);
    CHECK_NEAR(rr_calib_from_u(0, lo, hi), 0.26, 1e-15);
    for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
        double x = rr_calib_from_u(us[i], lo, hi);
        CHECK_MSG(x >= lo && x <= hi, "u = %g gives %.17g", us[i], x);
    }
    /* monotone */
    CHECK(rr_calib_from_u(-1, lo, hi) < rr_calib_from_u(1, lo, hi));
}

/* ---- reading and checking -------------------------------------------------- */

static rr_table *table(const char *text)
{
    rr_table *t = NULL;
    char err[256];
    if (rr_table_parse("obs.csv", text, strlen(text), &t, err, sizeof err))
        printf("  table: %s\n", err);
    return t;
}

static const char obs_text[] =
    "year,indicator,value\n"
    "2020,departures_independent,588\n"
    "2020,departures_unsupervised,869\n"
    "2021,departures_independent,1067\n"
    "2021,intake,3000\n";

/* prepare - a problem with the params and years given, prepared; the
 * status, the message in err. */
static int prepare(rr_calibration *c, const rr_table *obs,
                   const char *const *params, size_t n, const char *years,
                   char *err, size_t errlen)
{
    int rc = RR_OK;
    err[0] = '\0';
    rr_calibration_init(c, FIXTURE, NULL, 0, obs);
    for (size_t i = 0; i < n && rc == RR_OK; i++)
        rc = rr_calibration_add(c, params[i], err, errlen);
    if (rc == RR_OK && years)
        rc = rr_calibration_years(c, years, err, errlen);
    if (rc == RR_OK)
        rc = rr_calibration_prepare(c, 0, 10, 1e-3, err, errlen);
    return rc;
}

/* refused - prepare fails with status rc and exactly the message msg. */
#define REFUSED(obs, years, rc, msg, ...)                                  \
    do {                                                                   \
        const char *ps_[] = {__VA_ARGS__};                                 \
        rr_calibration c_;                                                 \
        char e_[1024];                                                     \
        CHECK_EQ(prepare(&c_, obs, ps_, sizeof ps_ / sizeof ps_[0], years, \
                         e_, sizeof e_),                                   \
                 rc);                                                      \
        CHECK_STR(e_, msg);                                                \
        rr_calibration_fini(&c_);                                          \
    } while (0)

static void test_refused(void)
{
    rr_table *obs = table(obs_text);
    rr_table *zero = table("year,indicator,value,weight\n"
                           "2020,departures_independent,0,\n");
    rr_table *zero_w = table("year,indicator,value,weight\n"
                             "2020,departures_independent,0,0\n"
                             "2021,departures_independent,10,2\n");
    rr_table *inputs = table("year,indicator,value\n2020,intake,3000\n"
                             "2023,departures_independent,10\n");
    rr_table *neg = table("year,indicator,value,weight\n"
                          "2020,departures_independent,10,-2\n");
    rr_table *late = table("year,indicator,value\n"
                           "2024,departures_independent,10\n");

    REFUSED(obs, NULL, RR_ENOTFOUND,
            "--param p_slef: the scenario has no parameter or setting of "
            "that name (did you mean 'p_self'?)",
            "p_slef=0.02:0.5");
    REFUSED(obs, NULL, RR_ERANGE,
            "--param p_self=0.5:0.02: LOW (0.5) must be less than HIGH "
            "(0.02)",
            "p_self=0.5:0.02");
    REFUSED(obs, NULL, RR_ERANGE,
            "--param p_self=0.3:0.3: LOW (0.3) must be less than HIGH "
            "(0.3)",
            "p_self=0.3:0.3");
    REFUSED(obs, NULL, RR_EPARSE,
            "--param p_self=0.02:lots: expected a number for HIGH, got "
            "'lots'",
            "p_self=0.02:lots");
    REFUSED(obs, NULL, RR_EPARSE,
            "--param p_self=nan:0.5: expected a number for LOW, got 'nan'",
            "p_self=nan:0.5");
    REFUSED(obs, NULL, RR_EPARSE,
            "--param abscond_mean=1q:2y: expected a number for LOW (a "
            "duration such as 60d or 3m), got '1q'",
            "abscond_mean=1q:2y");
    REFUSED(obs, NULL, RR_ERANGE,
            "--param p_self=0.2:0.5: the scenario's value 0.15 lies outside "
            "0.2:0.5; the search starts from it, so the range must hold it",
            "p_self=0.2:0.5");
    REFUSED(obs, NULL, RR_ERANGE,
            "--param abscond_mean=1w:20: the scenario's value 300d lies "
            "outside 7d:20d; the search starts from it, so the range must "
            "hold it",
            "abscond_mean=1w:20");
    REFUSED(obs, NULL, RR_EINVAL,
            "--param stage.talks.servers: its value 'unlimited' is not a "
            "number; only a number (with a unit or not: 0.05, 90d, "
            "1500/month) can be calibrated",
            "stage.talks.servers=1:5");
    REFUSED(obs, NULL, RR_EINVAL,
            "--param p_self=0.02:1.5: the scenario is refused with p_self = "
            "1.5: " FIXTURE ":38: [stage.talks] route.self: expected a "
            "probability in [0,1], got 1.5",
            "p_self=0.02:1.5");
    REFUSED(obs, NULL, RR_EINVAL,
            "--param p_self: given twice", "p_self=0.02:0.5",
            "p_self=0.1:0.2");
    REFUSED(obs, NULL, RR_EPARSE,
            "--param: expected NAME=LOW:HIGH, got 'p_self=0.1'",
            "p_self=0.1");
    REFUSED(obs, NULL, RR_EPARSE,
            "--param: expected NAME=LOW:HIGH, got 'p_self=0.1:0.2:0.3'",
            "p_self=0.1:0.2:0.3");
    REFUSED(obs, "2019", RR_ERANGE,
            "--years: year 2019 is not wholly inside the run (2020-01-01 to "
            "2023-12-31)",
            "p_self=0.02:0.5");
    REFUSED(obs, "2020,twenty", RR_EPARSE,
            "--years: expected a year, got 'twenty'", "p_self=0.02:0.5");
    REFUSED(obs, "2021,2021", RR_EPARSE, "--years: 2021 given twice",
            "p_self=0.02:0.5");
    REFUSED(zero, NULL, RR_EINVAL,
            "obs.csv:2: the observed departures_independent of 2020 is 0, "
            "which has no relative error to fit (give the row weight 0, or "
            "leave it out)",
            "p_self=0.02:0.5");
    REFUSED(neg, NULL, RR_ERANGE,
            "obs.csv:2: column 'weight': expected a number >= 0, got '-2'",
            "p_self=0.02:0.5");
    REFUSED(inputs, NULL, RR_EINVAL,
            "obs.csv: no observed figure of years 2020, 2021, 2022 to fit "
            "(inputs such as intake are not fitted, nor rows of weight 0)",
            "p_self=0.02:0.5");
    REFUSED(late, NULL, RR_ERANGE,
            "obs.csv:2: year 2024 is not wholly inside the run",
            "p_self=0.02:0.5");
    {
        /* a zero with weight 0 is left out; a unit of the bound's own is
         * converted into the value's */
        const char *ps[] = {"abscond_mean=1w:2y", "arrivals.rate=100/month:"
                                                  "5000"};
        rr_calibration c;
        char err[1024];
        CHECK_EQ(prepare(&c, zero_w, ps, 2, NULL, err, sizeof err), RR_OK);
        CHECK_STR(err, "");
        CHECK_EQ(c.n_rows, 1);
        CHECK_EQ(c.param[0].kind, RR_CALIB_DURATION);
        CHECK_NEAR(c.param[0].low, 7, 1e-12);
        CHECK_NEAR(c.param[0].high, 730.5, 1e-12);
        CHECK_EQ(c.param[0].start, 300);
        CHECK_STR(c.param[0].suffix, "d");
        CHECK_EQ(c.param[1].kind, RR_CALIB_RATE);
        CHECK_STR(c.param[1].suffix, "/year");
        CHECK_NEAR(c.param[1].low, 1200, 1e-9);
        CHECK_EQ(c.param[1].start, 3000);
        CHECK_EQ(c.n_years, 3); /* calibrated_on */
        CHECK_EQ(c.years[2], 2022);
        CHECK_EQ(c.eval_reps, 4); /* the scenario's replications */
        CHECK_STR(c.name, "two-route-calibrated");
        rr_calibration_fini(&c);
    }
    rr_table_destroy(obs);
    rr_table_destroy(zero);
    rr_table_destroy(zero_w);
    rr_table_destroy(inputs);
    rr_table_destroy(neg);
    rr_table_destroy(late);
}

/* ---- the loss ---------------------------------------------------------------- */

static void test_loss(void)
{
    rr_table *obs = table("year,indicator,value,weight\n"
                          "2020,departures_independent,100,\n"
                          "2021,departures_unsupervised,200,4\n"
                          "2021,intake,3000,1\n"
                          "2023,departures_independent,100,1\n"
                          "2022,departures_independent,0,0\n");
    rr_fit_row rows[5];
    rr_fit f;
    rr_calibration c;
    memset(rows, 0, sizeof rows);
    rows[0] = (rr_fit_row){.year = 2020, .role = RR_FIT_CALIBRATION,
                           .rel_error = 0.1};
    rows[1] = (rr_fit_row){.year = 2021, .role = RR_FIT_CALIBRATION,
                           .rel_error = -0.05};
    rows[2] = (rr_fit_row){.year = 2021, .role = RR_FIT_INPUT,
                           .rel_error = 0.5};
    rows[3] = (rr_fit_row){.year = 2023, .role = RR_FIT_VALIDATION,
                           .rel_error = 0.7};
    rows[4] = (rr_fit_row){.year = 2022, .role = RR_FIT_CALIBRATION,
                           .rel_error = NAN};
    f.n = 5;
    f.row = rows;
    rr_calibration_init(&c, FIXTURE, NULL, 0, obs);
    c.weight = malloc(5 * sizeof *c.weight);
    c.weight[0] = 1;
    c.weight[1] = 4;
    c.weight[2] = 1;
    c.weight[3] = 1;
    c.weight[4] = 0;
    c.n_years = 3;
    c.years[0] = 2020;
    c.years[1] = 2021;
    c.years[2] = 2022;
    /* 1 * 0.1^2 + 4 * 0.05^2; the input, the validation year and the row
     * without a relative error left out */
    CHECK_NEAR(rr_calibration_loss(&c, &f), 0.01 + 0.01, 1e-15);
    /* a year left out of --years is not fitted */
    c.n_years = 1;
    CHECK_NEAR(rr_calibration_loss(&c, &f), 0.01, 1e-15);
    c.years[0] = 2023;
    CHECK(isnan(rr_calibration_loss(&c, &f)));
    rr_calibration_fini(&c);
    rr_table_destroy(obs);
}

/* ---- identifiability ---------------------------------------------------------- */

/* observed - the model's own yearly figures at p_self 0.10, abscond_mean
 * 400d, seed 99, 8 replications: the means of rr_fit_make, as a table. */
static rr_table *observed(void)
{
    static const char *const common[] = {
        "p_self=0.1", "abscond_mean=400d", "scenario.seed=99",
        "scenario.replications=8"};
    static const char *const ind[] = {"departures_independent",
                                      "departures_unsupervised",
                                      "caseload_talks"};
    const char *path = FIXTURE;
    rr_points p;
    rr_point_error e;
    rr_run_result res;
    rr_run_opts opts;
    rr_fit f;
    char tmpl[1024] = "year,indicator,value\n", text[2048], err[512];
    rr_table *t = NULL, *out = NULL;
    size_t o;

    for (int y = 2020; y <= 2023; y++)
        for (size_t i = 0; i < 3; i++) {
            o = strlen(tmpl);
            snprintf(tmpl + o, sizeof tmpl - o, "%d,%s,1\n", y, ind[i]);
        }
    memset(&opts, 0, sizeof opts);
    if (rr_points_init(&p, &path, 1, common, 4) != RR_OK ||
        rr_points_load(&p, &e) != RR_OK ||
        rr_points_run(&p, &opts, &res, &e) != RR_OK) {
        printf("  observed: %s\n", e.msg);
        rr_points_fini(&p);
        return NULL;
    }
    t = table(tmpl);
    if (t && rr_fit_make(t, &res, &f, err, sizeof err) == RR_OK) {
        snprintf(text, sizeof text, "year,indicator,value\n");
        for (size_t i = 0; i < f.n; i++) {
            o = strlen(text);
            snprintf(text + o, sizeof text - o, "%d,%s,%.1f\n", f.row[i].year,
                     f.row[i].indicator, f.row[i].simulated.mean);
        }
        out = table(text);
        rr_fit_fini(&f);
    }
    rr_table_destroy(t);
    rr_run_result_fini(&res);
    rr_points_fini(&p);
    return out;
}

static void test_identifiable(void)
{
    static const char *const ps[] = {"p_self=0.02:0.5",
                                     "abscond_mean=100d:1000d"};
    rr_table *obs = observed();
    rr_calibration c;
    rr_run_opts opts;
    char err[1024] = "";
    bool inside = true;

    CHECK(obs != NULL);
    if (!obs)
        return;
    memset(&opts, 0, sizeof opts);
    rr_calibration_init(&c, FIXTURE, NULL, 0, obs);
    for (size_t i = 0; i < 2; i++)
        CHECK_EQ(rr_calibration_add(&c, ps[i], err, sizeof err), RR_OK);
    CHECK_EQ(rr_calibration_prepare(&c, 4, 60, 0.01, err, sizeof err),
             RR_OK);
    CHECK_EQ(rr_calibration_run(&c, &opts, NULL, NULL, err, sizeof err),
             RR_OK);
    CHECK_STR(err, "");
    CHECK(c.converged);
    CHECK_MSG(fabs(c.param[0].fitted / 0.1 - 1) < 0.05,
              "p_self fitted %g, made with 0.1", c.param[0].fitted);
    CHECK_MSG(fabs(c.param[1].fitted / 400 - 1) < 0.05,
              "abscond_mean fitted %g, made with 400", c.param[1].fitted);
    /* the search's trail: starts at the scenario's values, every point
     * within the bounds, the best loss never rises, ends well below */
    CHECK(c.n_iter >= 2);
    CHECK_EQ(c.iter[0].iteration, 0);
    CHECK_EQ(c.iter[0].value[0], 0.15);
    CHECK_NEAR(c.iter[0].value[1], 300, 1e-9);
    for (size_t i = 0; i < c.n_iter; i++) {
        for (size_t k = 0; k < c.n; k++)
            inside = inside && c.iter[i].value[k] >= c.param[k].low &&
                     c.iter[i].value[k] <= c.param[k].high;
        if (i)
            CHECK(c.iter[i].loss <= c.iter[i - 1].loss);
    }
    CHECK(inside);
    CHECK(c.iter[c.n_iter - 1].loss < 0.01 * c.iter[0].loss);
    /* the sensitivity: moving a fitted value makes the loss worse */
    for (size_t k = 0; k < c.n; k++) {
        CHECK_NEAR(c.param[k].sens_value[0], 0.9 * c.param[k].fitted,
                   1e-9 * c.param[k].fitted);
        CHECK(c.param[k].sens_loss[0] > c.loss);
        CHECK(c.param[k].sens_loss[1] > c.loss);
    }
    CHECK_EQ(c.evaluations, c.iter[c.n_iter - 1].evaluations + 1 + 2 * c.n);
    rr_calibration_fini(&c);
    rr_table_destroy(obs);
}

/* a search of a few iterations with 1 and with 2 threads */
static void test_threads(void)
{
    rr_table *obs = table(obs_text);
    rr_calibration c[2];
    for (int k = 0; k < 2; k++) {
        rr_run_opts opts;
        char err[1024] = "";
        memset(&opts, 0, sizeof opts);
        opts.threads = k + 1;
        rr_calibration_init(&c[k], FIXTURE, NULL, 0, obs);
        CHECK_EQ(rr_calibration_add(&c[k], "p_self=0.02:0.5", err,
                                    sizeof err),
                 RR_OK);
        CHECK_EQ(rr_calibration_prepare(&c[k], 2, 4, 1e-3, err, sizeof err),
                 RR_OK);
        CHECK_EQ(rr_calibration_run(&c[k], &opts, NULL, NULL, err,
                                    sizeof err),
                 RR_OK);
    }
    CHECK_EQ(c[0].n_iter, c[1].n_iter);
    CHECK_EQ(c[0].n_iter, 5);
    CHECK(!c[0].converged);
    for (size_t i = 0; i < c[0].n_iter && i < c[1].n_iter; i++) {
        CHECK(memcmp(&c[0].iter[i].loss, &c[1].iter[i].loss,
                     sizeof(double)) == 0);
        CHECK(memcmp(c[0].iter[i].value, c[1].iter[i].value,
                     sizeof(double)) == 0);
    }
    CHECK(memcmp(&c[0].loss, &c[1].loss, sizeof(double)) == 0);
    rr_calibration_fini(&c[0]);
    rr_calibration_fini(&c[1]);
    rr_table_destroy(obs);
}

/* ---- the overrides and the relative path ------------------------------------- */

static void test_overrides(void)
{
    rr_table *obs = table(obs_text);
    static const char *const common[] = {"scenario.seed=5"};
    rr_calibration c;
    const char *const *ov;
    size_t n;
    char err[1024];
    double x[2] = {0.125, 365.25};
    rr_calibration_init(&c, FIXTURE, common, 1, obs);
    CHECK_EQ(rr_calibration_add(&c, "p_self=0.02:0.5", err, sizeof err),
             RR_OK);
    CHECK_EQ(rr_calibration_add(&c, "abscond_mean = 100d : 1000d", err,
                                sizeof err),
             RR_OK);
    CHECK_EQ(rr_calibration_years(&c, "2022, 2020", err, sizeof err), RR_OK);
    CHECK_EQ(rr_calibration_prepare(&c, 0, 10, 1e-3, err, sizeof err),
             RR_OK);
    CHECK_EQ(rr_calibration_overrides(&c, x, &ov, &n), RR_OK);
    CHECK_EQ(n, 5);
    if (n == 5) {
        CHECK_STR(ov[0], "scenario.seed=5");
        CHECK_STR(ov[1], "scenario.name=two-route-calibrated");
        CHECK_STR(ov[2], "scenario.calibrated_on=2020, 2022");
        CHECK_STR(ov[3], "p_self=0.125");
        CHECK_STR(ov[4], "abscond_mean=365.25d");
    }
    rr_calibration_fini(&c);
    rr_table_destroy(obs);
}

static void test_relative_path(void)
{
    char dir[] = "/tmp/rrsim-calXXXXXX", a[512], b[512], f[512], buf[512],
         err[512];
    FILE *fp;
    if (!mkdtemp(dir)) {
        CHECK_SKIP("no temporary folder");
        return;
    }
    snprintf(a, sizeof a, "%s/out", dir);
    snprintf(b, sizeof b, "%s/out/run", dir);
    mkdir(a, 0777);
    mkdir(b, 0777);
    snprintf(a, sizeof a, "%s/scen", dir);
    mkdir(a, 0777);
    snprintf(f, sizeof f, "%s/scen/x.ini", dir);
    fp = fopen(f, "w");
    if (fp)
        fclose(fp);
    CHECK_EQ(rr_relative_path(b, f, buf, sizeof buf, err, sizeof err),
             RR_OK);
    /* written in pieces: tests/cli/sources.sh takes a whole one for a
     * path of the project's that climbs out of it */
    CHECK_STR(buf, "..""/..""/scen/x.ini");
    CHECK_EQ(rr_relative_path(a, f, buf, sizeof buf, err, sizeof err),
             RR_OK);
    CHECK_STR(buf, "x.ini");
    /* nothing in common but the root: the absolute path */
    CHECK_EQ(rr_relative_path("/", f, buf, sizeof buf, err, sizeof err),
             RR_OK);
    CHECK(buf[0] == '/');
    CHECK(strstr(buf, "/scen/x.ini") != NULL);
    CHECK(rr_relative_path(b, "/no/such/file.ini", buf, sizeof buf, err,
                           sizeof err) != RR_OK);
    CHECK_STR(err, "cannot find '/no/such/file.ini': No such file or "
                   "directory");
    CHECK_EQ(rr_relative_path(b, f, buf, 8, err, sizeof err), RR_ERANGE);
    remove(f);
    rmdir(a);
    rmdir(b);
    snprintf(a, sizeof a, "%s/out", dir);
    rmdir(a);
    rmdir(dir);
}

int main(void)
{
    test_mapping();
    test_refused();
    test_loss();
    test_overrides();
    test_relative_path();
    test_threads();
    test_identifiable();
    return check_summary("test_calibrate");
}
