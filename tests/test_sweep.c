/*
 * test_sweep.c - --vary parsing and grid designs.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rr_common.h"
#include "rr_points.h"
#include "rr_sweep.h"

static void test_range(void)
{
    rr_vary v;
    char err[256] = "";
    CHECK_EQ(rr_vary_parse("iom_share=0.6:0.9:0.05", &v, err, sizeof err),
             RR_OK);
    CHECK_STR(v.key, "iom_share");
    CHECK_EQ(v.n, 7);
    if (v.n == 7) {
        CHECK_STR(v.values[0], "0.6");
        CHECK_STR(v.values[1], "0.65");
        CHECK_STR(v.values[6], "0.9");
    }
    rr_vary_fini(&v);

    CHECK_EQ(rr_vary_parse("talk_interval = 60d:120d:30d", &v, err,
                           sizeof err),
             RR_OK);
    CHECK_STR(v.key, "talk_interval");
    CHECK_EQ(v.n, 3);
    if (v.n == 3) {
        CHECK_STR(v.values[0], "60d");
        CHECK_STR(v.values[2], "120d");
    }
    rr_vary_fini(&v);

    CHECK_EQ(rr_vary_parse("x=-1:1:1", &v, err, sizeof err), RR_OK);
    CHECK_EQ(v.n, 3);
    if (v.n == 3)
        CHECK_STR(v.values[1], "0");
    rr_vary_fini(&v);
}

static void test_list(void)
{
    rr_vary v;
    char err[256] = "";
    CHECK_EQ(rr_vary_parse("stage.iom.servers=400, 800,unlimited", &v, err,
                           sizeof err),
             RR_OK);
    CHECK_STR(v.key, "stage.iom.servers");
    CHECK_EQ(v.n, 3);
    if (v.n == 3) {
        CHECK_STR(v.values[1], "800");
        CHECK_STR(v.values[2], "unlimited");
    }
    rr_vary_fini(&v);
}

static void test_errors(void)
{
    static const struct {
        const char *spec, *msg;
    } bad[] = {
        {"iom_share", "--vary iom_share: expected KEY=FROM:TO:STEP or "
                      "KEY=V1,V2,..."},
        {"=1,2", "--vary =1,2: expected KEY=FROM:TO:STEP or KEY=V1,V2,..."},
        {"x=", "--vary x=: expected KEY=FROM:TO:STEP or KEY=V1,V2,..."},
        {"x=1:2", "--vary x=1:2: expected KEY=FROM:TO:STEP or KEY=V1,V2,..."},
        {"x=a:2:1", "--vary x=a:2:1: FROM, TO and STEP must be numbers (with "
                    "the same unit, if any)"},
        {"x=1d:2w:1d", "--vary x=1d:2w:1d: FROM, TO and STEP must have the "
                       "same unit"},
        {"x=2:1:1", "--vary x=2:1:1: needs FROM <= TO and a STEP > 0"},
        {"x=1:2:0", "--vary x=1:2:0: needs FROM <= TO and a STEP > 0"},
        {"x=0:5000:1", "--vary x=0:5000:1: 5001 values, at most 1000"},
        {"x=1,,2", "--vary x=1,,2: an empty value in the list"},
    };
    for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
        rr_vary v;
        char err[256] = "";
        CHECK(rr_vary_parse(bad[i].spec, &v, err, sizeof err) != RR_OK);
        CHECK_STR(err, bad[i].msg);
    }
}

static void test_grid(void)
{
    rr_vary *v = calloc(2, sizeof *v);
    rr_design d;
    char err[256] = "";
    char *ov[2];
    CHECK_EQ(rr_vary_parse("a=1,2,3", &v[0], err, sizeof err), RR_OK);
    CHECK_EQ(rr_vary_parse("b=x,y", &v[1], err, sizeof err), RR_OK);
    CHECK_EQ(rr_design_grid(v, 2, &d, err, sizeof err), RR_OK);
    CHECK_EQ(d.n_points, 6);
    /* the first key varies slowest */
    CHECK_EQ(rr_design_overrides(&d, 0, ov), RR_OK);
    CHECK_STR(ov[0], "a=1");
    CHECK_STR(ov[1], "b=x");
    rr_design_overrides_free(&d, ov);
    CHECK_EQ(rr_design_overrides(&d, 3, ov), RR_OK);
    CHECK_STR(ov[0], "a=2");
    CHECK_STR(ov[1], "b=y");
    rr_design_overrides_free(&d, ov);
    CHECK_EQ(rr_design_overrides(&d, 5, ov), RR_OK);
    CHECK_STR(ov[0], "a=3");
    CHECK_STR(ov[1], "b=y");
    rr_design_overrides_free(&d, ov);
    rr_design_fini(&d);
}

/* A key varied twice (the later --set would win at every point, and the
 * points would be labelled with values they did not run with), or a value
 * listed twice, is refused. */
static void test_grid_duplicates(void)
{
    static const struct {
        const char *a, *b, *msg;
    } bad[] = {
        {"lambda=0.1,0.2", "lambda=0.3",
         "--vary lambda: the key is varied twice (give all its values in one "
         "--vary)"},
        {"lambda =0.1", " lambda=0.1:0.3:0.1",
         "--vary lambda: the key is varied twice (give all its values in one "
         "--vary)"},
        {"stage.a.servers=1,2", "stage.a.servers=3",
         "--vary stage.a.servers: the key is varied twice (give all its "
         "values in one --vary)"},
        {"a=1", "b=x,y,x", "--vary b: the value 'x' is listed twice"},
    };
    for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
        rr_vary *v = calloc(2, sizeof *v);
        rr_design d;
        char err[256] = "";
        CHECK_EQ(rr_vary_parse(bad[i].a, &v[0], err, sizeof err), RR_OK);
        CHECK_EQ(rr_vary_parse(bad[i].b, &v[1], err, sizeof err), RR_OK);
        CHECK_EQ(rr_design_grid(v, 2, &d, err, sizeof err), RR_EINVAL);
        CHECK_STR(err, bad[i].msg);
        rr_design_fini(&d);
    }
    /* different keys, the same values: fine */
    {
        rr_vary *v = calloc(2, sizeof *v);
        rr_design d;
        char err[256] = "";
        CHECK_EQ(rr_vary_parse("lambda=1,2", &v[0], err, sizeof err), RR_OK);
        CHECK_EQ(rr_vary_parse("mu=1,2", &v[1], err, sizeof err), RR_OK);
        CHECK_EQ(rr_design_grid(v, 2, &d, err, sizeof err), RR_OK);
        CHECK_EQ(d.n_points, 4);
        rr_design_fini(&d);
    }
    /* a list longer than a sweep can be is refused while it is read */
    {
        size_t n = 3 * RR_SWEEP_MAX_POINTS;
        char *spec = malloc(2 * n + 8);
        rr_vary v;
        char err[256] = "";
        if (spec) {
            strcpy(spec, "x=");
            for (size_t i = 0; i < n; i++)
                strcat(spec + 2 * i, i ? ",1" : "1");
            CHECK_EQ(rr_vary_parse(spec, &v, err, sizeof err), RR_ERANGE);
            CHECK(strstr(err, "more than 10000 values") != NULL);
            free(spec);
        }
    }
}

/* points - a design of the --vary specs over path with the common
 * overrides, loaded: the status, *e filled. */
static int points(const char *path, const char *const *specs, size_t n,
                  const char *const *common, size_t n_common, rr_design *d,
                  rr_points *p, rr_point_error *e)
{
    char err[512] = "";
    int rc = rr_design_parse(specs, n, d, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    rc = rr_points_design(p, d, path, common, n_common);
    CHECK_EQ(rc, RR_OK);
    return rr_points_load(p, e);
}

/* Design points: which point failed and why, as data. */
static void test_points_errors(void)
{
    static const char *const reps[] = {"scenario.replications=2"};
    static const char *const bogus[] = {"bogus=1"};
    const char *spec[1];
    rr_design d;
    rr_points p;
    rr_point_error e;

    /* an unknown key among the design's: refused as an override */
    spec[0] = "lambdaa=1,2";
    CHECK_EQ(points("scenarios/mm1.ini", spec, 1, reps, 1, &d, &p, &e),
             RR_ENOTFOUND);
    CHECK(e.override);
    CHECK_EQ(e.point, 0);
    CHECK_STR(e.msg, ": unknown key 'lambdaa' (did you mean 'lambda'?)");
    rr_points_fini(&p);
    rr_design_fini(&d);

    /* a value the scenario cannot take at the second point */
    spec[0] = "lambda=0.5,1.5x";
    CHECK(points("scenarios/mm1.ini", spec, 1, reps, 1, &d, &p, &e) !=
          RR_OK);
    CHECK(!e.override);
    CHECK_EQ(e.point, 1);
    CHECK_STR(e.path, "scenarios/mm1.ini");
    CHECK(strncmp(e.msg, "scenarios/mm1.ini:28: [arrivals] rate:", 38) == 0);
    CHECK_STR(p.sets[1][0], "lambda=1.5x");
    rr_points_fini(&p);
    rr_design_fini(&d);

    /* a bad common override belongs to no point */
    spec[0] = "lambda=0.5,0.6";
    CHECK_EQ(points("scenarios/mm1.ini", spec, 1, bogus, 1, &d, &p, &e),
             RR_ENOTFOUND);
    CHECK(!e.override);
    CHECK_EQ(e.point, RR_NO_POINT);
    CHECK_STR(e.msg, "--set: unknown key 'bogus'");
    rr_points_fini(&p);
    rr_design_fini(&d);
}

/* Points run with common random numbers: the same scenario twice gives
 * the same replications; a failing point is named by its index. */
static void test_points_run(void)
{
    static const char *const reps[] = {"scenario.replications=2"};
    const char *const paths[] = {"scenarios/mm1.ini", "scenarios/mm1.ini"};
    const char *spec[1] = {"arrivals.rate=5000000/day,2/day"};
    rr_run_opts o = {.threads = 2, .max_cases = 20000};
    rr_run_result r[2];
    rr_design d;
    rr_points p;
    rr_point_error e;

    CHECK_EQ(rr_points_init(&p, paths, 2, reps, 1), RR_OK);
    CHECK_EQ(rr_points_load(&p, &e), RR_OK);
    CHECK_EQ(rr_points_run(&p, &o, r, &e), RR_OK);
    CHECK_EQ(r[0].reps, 2);
    CHECK_EQ(r[1].reps, 2);
    for (size_t k = 0; k < r[0].layout.n_kpis; k++)
        for (size_t i = 0; i < 2; i++)
            CHECK_MSG(r[0].rep[i].kpi[k] == r[1].rep[i].kpi[k] ||
                          (r[0].rep[i].kpi[k] != r[0].rep[i].kpi[k] &&
                           r[1].rep[i].kpi[k] != r[1].rep[i].kpi[k]),
                      "kpi %zu rep %zu paired", k, i);
    rr_run_result_fini(&r[0]);
    rr_run_result_fini(&r[1]);
    rr_points_fini(&p);

    CHECK_EQ(points("tests/hostile/engine-huge-rate.ini", spec, 1, NULL, 0,
                    &d, &p, &e),
             RR_OK);
    o.threads = 1;
    CHECK_EQ(rr_points_run(&p, &o, r, &e), RR_ERANGE);
    CHECK_EQ(e.point, 0);
    CHECK_STR(e.path, "tests/hostile/engine-huge-rate.ini");
    CHECK(strlen(e.msg) > 0);
    rr_points_fini(&p);
    rr_design_fini(&d);
}

int main(void)
{
    test_range();
    test_list();
    test_errors();
    test_grid();
    test_grid_duplicates();
    test_points_errors();
    test_points_run();
    return check_summary("test_sweep");
}
