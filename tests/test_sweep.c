/*
 * test_sweep.c - --vary parsing and grid designs; a design in words: the
 * label rule, shares as percentages, which settings are shares, the
 * indicators a sweep shows; design points, their comparability and
 * what-ifs; comparisons: windows, the first day two scenarios differ, and
 * effects per year checked against M/M/1 theory.
 */
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_compare.h"
#include "rr_indicator.h"
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

/* ---- words ------------------------------------------------------------------ */

/* The default label: the key's words, "stage" left out, the first
 * capitalised, the domain's acronyms in capitals. */
static void test_label_rule(void)
{
    static const struct {
        const char *key, *label;
    } t[] = {
        {"stage.iom.servers", "IOM servers"},
        {"iom_share", "IOM share"},
        {"stage.rds.route.self", "R&DS route self"},
        {"stage.ngo_a.servers", "NGO a servers"},
        {"stage.detention.max_stay", "Detention max stay"},
        {"arrivals.rate", "Arrivals rate"},
        {"reintegration.remigration_share", "Reintegration remigration share"},
        {"provider.errin.until", "Provider ERRIN until"},
        {"talk_interval", "Talk interval"},
        {"lambda", "Lambda"},
        {"stage", "Stage"},
        {"stage.", "Stage"},
    };
    char buf[128];
    for (size_t i = 0; i < RR_COUNTOF(t); i++) {
        rr_design_label(t[i].key, buf, sizeof buf);
        CHECK_MSG(strcmp(buf, t[i].label) == 0, "'%s' -> '%s', expected '%s'",
                  t[i].key, buf, t[i].label);
    }
    /* cut to the buffer, never past it */
    rr_design_label("stage.iom.servers", buf, 5);
    CHECK_STR(buf, "IOM ");
}

/* A share as a percentage: as many decimals as it has, no "-0%". */
static void test_share_text(void)
{
    static const struct {
        double x;
        const char *text;
    } t[] = {
        {0.6, "60%"},   {0.8, "80%"},       {0.125, "12.5%"},
        {0.07, "7%"},   {0, "0%"},          {-0.0, "0%"},
        {1e-18, "0%"},  {1, "100%"},        {0.05, "5%"},
        {0.0005, "0.05%"}, {1.0 / 3, "33.3333%"}, {-0.2, "-20%"},
    };
    char buf[32];
    for (size_t i = 0; i < RR_COUNTOF(t); i++) {
        rr_share_text(t[i].x, buf, sizeof buf);
        CHECK_MSG(strcmp(buf, t[i].text) == 0, "%.17g -> '%s', expected '%s'",
                  t[i].x, buf, t[i].text);
    }
    /* a share's value as written: a number as a percentage, anything else
     * (a unit, a word) as written; a setting that is no share as written */
    CHECK_STR(rr_design_value_text("0.6", true, buf, sizeof buf), "60%");
    CHECK_STR(rr_design_value_text(" 0.25 ", true, buf, sizeof buf), "25%");
    CHECK_STR(rr_design_value_text("0.6", false, buf, sizeof buf), "0.6");
    CHECK_STR(rr_design_value_text("60d", true, buf, sizeof buf), "60d");
    CHECK_STR(rr_design_value_text("unlimited", true, buf, sizeof buf),
              "unlimited");
    CHECK_STR(rr_design_value_text("nan", true, buf, sizeof buf), "nan");
}

/* A scenario whose parameters are used as shares, as other numbers, both,
 * through another parameter, by an event, or not at all. */
static const char words_ini[] =
    "[scenario]\nname = words\nstart = 2024-01-01\nend = 2024-12-31\n"
    "replications = 2\n\n"
    "[parameters]\n"
    "lambda = 0.8\nlambda.label = Arrivals a day\n"
    "lambda.source = a teaching value\n"
    "p_route = 0.7\np_mixed = 0.5\np_chain = 0.4\np_via = ${p_chain}\n"
    "p_event = 0.2\n"
    "p_blank = 0.3\np_blank.label =\n\n"
    "[arrivals]\nrate = ${lambda}/day\nstage = a\n"
    "vulnerable_share = ${p_mixed}\n\n"
    "[stage.a]\nservers = 1\nservice = exponential(mean=1d)\n"
    "route.b = ${p_route}\nroute.departed = rest\n\n"
    "[stage.b]\nservice = exponential(mean=1d)\nroute.c = ${p_via}\n"
    "route.departed = rest\n\n"
    "[stage.c]\nservice = deterministic(0d)\nroute.departed = rest\n"
    "route.closed = ${p_blank}\n\n"
    "[event.x]\nfrom = 2024-06-01\nscale.arrivals.rate = ${p_mixed}\n"
    "set.stage.a.route.b = ${p_event}\n";

/* write_words - words_ini into a temporary file; its path into path. */
static bool write_words(char *path, size_t n)
{
    int fd;
    FILE *f;
    snprintf(path, n, "/tmp/rrsim-words-XXXXXX.ini");
    if ((fd = mkstemps(path, 4)) < 0 || !(f = fdopen(fd, "w")))
        return false;
    fputs(words_ini, f);
    return fclose(f) == 0;
}

static void test_shares(void)
{
    static const struct {
        const char *key;
        bool share;
    } t[] = {
        {"lambda", false},            /* a rate */
        {"p_route", true},            /* a route */
        {"p_mixed", false},           /* a share, and a factor */
        {"p_via", true},              /* a route */
        {"p_chain", true},            /* through p_via */
        {"p_event", true},            /* set by an event on a route */
        {"p_blank", true},
        {"arrivals.vulnerable_share", true},
        {"stage.a.route.b", true},
        {"stage.a.servers", false},
        {"arrivals.rate", false},
        {"no.such.key", false},
    };
    char path[64], err[512] = "";
    rr_scenario *sc = NULL;
    if (!write_words(path, sizeof path)) {
        CHECK_MSG(false, "cannot write %s", path);
        return;
    }
    CHECK_MSG(rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) == RR_OK,
              "%s", err);
    for (size_t i = 0; sc && i < RR_COUNTOF(t); i++)
        CHECK_MSG(rr_scenario_key_is_share(sc, t[i].key) == t[i].share,
                  "%s is %sa share", t[i].key, t[i].share ? "" : "not ");
    rr_scenario_destroy(sc);
    unlink(path);
}

/* The words of a design: a parameter's own label (an empty one does not
 * count), the rule's for the others; the shares; --set NAME.label. */
static void test_describe(void)
{
    const char *spec[] = {"lambda=0.5,0.6", "p_route=0.1,0.2",
                          "stage.a.servers=1,2", "p_blank=0.1,0.2"};
    const char *relabel[] = {"p_route.label=Share routed to b"};
    char path[64], err[512] = "";
    rr_scenario *sc = NULL;
    rr_design d;
    if (!write_words(path, sizeof path)) {
        CHECK_MSG(false, "cannot write %s", path);
        return;
    }
    CHECK_EQ(rr_design_parse(spec, 4, &d, err, sizeof err), RR_OK);
    CHECK_EQ(d.vary[0].label == NULL, true);
    CHECK_MSG(rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) == RR_OK,
              "%s", err);
    if (sc && d.n_vary == 4) {
        CHECK_EQ(rr_design_describe(&d, sc), RR_OK);
        CHECK_STR(d.vary[0].label, "Arrivals a day");
        CHECK_STR(d.vary[1].label, "P route");
        CHECK_STR(d.vary[2].label, "A servers");
        CHECK_STR(d.vary[3].label, "P blank");
        CHECK(!d.vary[0].share && d.vary[1].share && !d.vary[2].share &&
              d.vary[3].share);
    }
    rr_scenario_destroy(sc);
    sc = NULL;
    CHECK_MSG(rr_scenario_load(path, relabel, 1, &sc, err, sizeof err) ==
                  RR_OK,
              "%s", err);
    if (sc && d.n_vary == 4) {
        CHECK_EQ(rr_design_describe(&d, sc), RR_OK);
        CHECK_STR(d.vary[1].label, "Share routed to b");
    }
    rr_scenario_destroy(sc);
    rr_design_fini(&d);
    unlink(path);
}

/* The indicators shown: the default six, a list, or a refusal that says
 * what was meant. */
static void test_indicators(void)
{
    static const struct {
        const char *list, *msg;
    } bad[] = {
        {"departures_verifed",
         "--indicators: unknown indicator 'departures_verifed' (did you "
         "mean 'departures_verified'?)"},
        {"Caseload_End", "--indicators: unknown indicator 'Caseload_End' "
                         "(did you mean 'caseload_end'?)"},
        {"reintegration_iom", "--indicators: unknown indicator "
                              "'reintegration_iom' (did you mean "
                              "'reintegration_none'?)"},
        {"caseload_end,,arrivals", "--indicators: an empty name in the list"},
        {"", "--indicators: an empty name in the list"},
        {"arrivals, caseload_end ,arrivals",
         "--indicators: 'arrivals' is listed twice"},
        {"departures_voluntary_iom,departures_voluntary_ngo,"
         "departures_voluntary_self,departures_forced,departures_unsupervised,"
         "departures_closed,departures_verified,arrivals,"
         "iom_share_assisted_voluntary,time_to_departure_mean_days,"
         "time_to_departure_median_days,time_to_departure_p90_days,"
         "caseload_start",
         "--indicators: at most 12 indicators"},
    };
    const char *spec[] = {"lambda=0.5,0.6"};
    char path[64], err[2048] = "";
    rr_scenario *sc = NULL;
    const rr_plan *plan = NULL;
    rr_design d;
    if (!write_words(path, sizeof path)) {
        CHECK_MSG(false, "cannot write %s", path);
        return;
    }
    CHECK_EQ(rr_design_parse(spec, 1, &d, err, sizeof err), RR_OK);
    CHECK_MSG(rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) == RR_OK &&
                  rr_scenario_plan(sc, &plan, err, sizeof err) == RR_OK,
              "%s", err);
    if (!plan) {
        rr_scenario_destroy(sc);
        rr_design_fini(&d);
        unlink(path);
        return;
    }
    CHECK_EQ(rr_design_indicators(&d, NULL, plan, err, sizeof err), RR_OK);
    CHECK_EQ(d.n_ind, RR_SWEEP_N_DEFAULT);
    for (size_t i = 0; i < d.n_ind && i < RR_SWEEP_N_DEFAULT; i++)
        CHECK_STR(d.ind[i], rr_indicators[rr_sweep_default_ind[i]].name);
    CHECK_EQ(rr_design_indicators(&d, " caseload_end , departures_verified",
                                  plan, err, sizeof err),
             RR_OK);
    CHECK_EQ(d.n_ind, 2);
    if (d.n_ind == 2) {
        CHECK_STR(d.ind[0], "caseload_end");
        CHECK_STR(d.ind[1], "departures_verified");
    }
    for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
        err[0] = '\0';
        CHECK_EQ(rr_design_indicators(&d, bad[i].list, plan, err, sizeof err),
                 RR_EPARSE);
        CHECK_MSG(strcmp(err, bad[i].msg) == 0, "'%s': '%s'", bad[i].list,
                  err);
    }
    /* a metric of the time series, and a name like none: the indicators
     * there are, listed */
    CHECK_EQ(rr_design_indicators(&d, "caseload_total", plan, err,
                                  sizeof err),
             RR_EPARSE);
    CHECK_MSG(strncmp(err, "--indicators: 'caseload_total' is not an "
                           "indicator of the whole run (one of: "
                           "departures_voluntary_iom, ", 87) == 0 &&
                  strstr(err, ", reintegration_none)") != NULL,
              "%s", err);
    CHECK_EQ(rr_design_indicators(&d, "qqqqqq", plan, err, sizeof err),
             RR_EPARSE);
    CHECK_MSG(strncmp(err, "--indicators: unknown indicator 'qqqqqq' (one "
                           "of: departures_voluntary_iom, ", 66) == 0,
              "%s", err);
    rr_scenario_destroy(sc);
    rr_design_fini(&d);
    unlink(path);
}

/* ---- comparable points ------------------------------------------------------ */

static long day_of(const char *text)
{
    rr_date d;
    if (rr_date_parse(text, &d) != RR_OK)
        return LONG_MIN;
    return rr_date_days(d);
}

/* mismatch - a sweep of mm1 over spec (two values): the field its second
 * point is refused for (NULL when none), with window set or not. */
static const char *mismatch(const char *spec, bool window,
                            rr_point_error *e)
{
    static const char *const reps[] = {"scenario.replications=2"};
    const char *specs[1] = {spec};
    char err[512] = "";
    rr_design d;
    rr_points p;
    const char *field = NULL;
    CHECK_EQ(rr_design_parse(specs, 1, &d, err, sizeof err), RR_OK);
    CHECK_EQ(rr_points_design(&p, &d, "scenarios/mm1.ini", reps, 1), RR_OK);
    p.window = window;
    if (rr_points_load(&p, e) != RR_OK) {
        field = e->field;
        CHECK(e->field != NULL);
        CHECK_EQ(e->rc, RR_EINVAL);
        CHECK_EQ(e->point, 1);
    }
    rr_points_fini(&p);
    rr_design_fini(&d);
    return field;
}

/* Points that cannot be compared are refused by the setting they differ
 * in; a window lets dates and warm-ups differ, never the reporting or the
 * replications. */
static void test_points_alike(void)
{
    rr_point_error e;
    const char *f;

    f = mismatch("scenario.start=2024-01-01,2025-01-01", false, &e);
    CHECK(f && strcmp(f, "start") == 0);
    CHECK_STR(e.first, "2024-01-01");
    CHECK_STR(e.other, "2025-01-01");
    CHECK_STR(e.msg, "the runs differ in start: 2024-01-01 against "
                     "2025-01-01");
    /* their common window: after both warm-ups (1y), whole years */
    CHECK_STR(e.window, "2026-01-01:2033-12-31");
    f = mismatch("scenario.end=2033-12-31,2030-12-31", false, &e);
    CHECK(f && strcmp(f, "end") == 0);
    CHECK_STR(e.window, "2025-01-01:2030-12-31");
    f = mismatch("scenario.report=year,month", false, &e);
    CHECK(f && strcmp(f, "report") == 0);
    CHECK_STR(e.first, "year");
    CHECK_STR(e.other, "month");
    CHECK_STR(e.window, "");
    f = mismatch("scenario.warmup=1y,2y", false, &e);
    CHECK(f && strcmp(f, "warmup") == 0);
    CHECK_STR(e.first, "365.25 days");
    CHECK_STR(e.window, "2026-01-01:2033-12-31");
    f = mismatch("scenario.replications=2,3", false, &e);
    CHECK(f && strcmp(f, "replications") == 0);
    CHECK_STR(e.other, "3");
    /* the same bounds: comparable */
    CHECK(mismatch("lambda=0.5,0.6", false, &e) == NULL);
    /* over a window the bounds may differ, reporting and replications not */
    CHECK(mismatch("scenario.start=2024-01-01,2025-01-01", true, &e) ==
          NULL);
    CHECK(mismatch("scenario.end=2033-12-31,2030-12-31", true, &e) == NULL);
    CHECK(mismatch("scenario.warmup=1y,2y", true, &e) == NULL);
    f = mismatch("scenario.report=year,quarter", true, &e);
    CHECK(f && strcmp(f, "report") == 0);
    f = mismatch("scenario.replications=2,4", true, &e);
    CHECK(f && strcmp(f, "replications") == 0);
}

/* A what-if: the scenario twice, the policy under a derived name and
 * title; a bad policy override is told as one. */
static void test_points_whatif(void)
{
    static const char *const reps[] = {"scenario.replications=2"};
    static const char *const pol[] = {"mean_talk = 0.8d", "lambda=0.7"};
    static const char *const bad[] = {"mean_tlak=0.8d"};
    static const char *const named[] = {"mean_talk=0.8d",
                                        "scenario.name=faster"};
    rr_points p;
    rr_point_error e;

    CHECK_EQ(rr_points_whatif(&p, "scenarios/mm1.ini", reps, 1, pol, 2),
             RR_OK);
    CHECK_EQ(rr_points_load(&p, &e), RR_OK);
    CHECK_STR(p.plans[0]->cfg[0]->name, "mm1");
    CHECK_STR(p.plans[1]->cfg[0]->name, "mm1-mean_talk-0_8d-lambda-0_7");
    CHECK_STR(p.plans[1]->cfg[0]->title,
              "M/M/1 teaching scenario, mean_talk = 0.8d, lambda = 0.7");
    CHECK_EQ(p.plans[1]->cfg[0]->replications, 2);
    rr_points_fini(&p);

    CHECK_EQ(rr_points_whatif(&p, "scenarios/mm1.ini", reps, 1, bad, 1),
             RR_OK);
    CHECK_EQ(rr_points_load(&p, &e), RR_ENOTFOUND);
    CHECK(e.override);
    CHECK_EQ(e.point, 1);
    CHECK_STR(e.msg, ": unknown key 'mean_tlak' (did you mean "
                     "'mean_talk'?)");
    rr_points_fini(&p);

    /* a name given among the overrides wins */
    CHECK_EQ(rr_points_whatif(&p, "scenarios/mm1.ini", reps, 1, named, 2),
             RR_OK);
    CHECK_EQ(rr_points_load(&p, &e), RR_OK);
    CHECK_STR(p.plans[1]->cfg[0]->name, "faster");
    rr_points_fini(&p);
}

/* ---- windows and the first difference ----------------------------------------- */

/* load2 - two scenarios as points, loaded (common overrides c[0..n)). */
static int load2(const char *a, const char *b, const char *const *c,
                 size_t n, bool window, rr_points *p)
{
    const char *const paths[2] = {a, b};
    static const char *paths_kept[2];
    rr_point_error e;
    paths_kept[0] = paths[0];
    paths_kept[1] = paths[1];
    CHECK_EQ(rr_points_init(p, paths_kept, 2, c, n), RR_OK);
    p->window = window;
    return rr_points_load(p, &e);
}

static void test_windows(void)
{
    static const char *const shorter[] = {"scenario.end=2031-12-31"};
    char err[512] = "";
    rr_points p;
    rr_point_error e;
    rr_span w;
    int rc;

    /* mm1 (2024-2033, warm-up 1y, yearly) against itself */
    CHECK_EQ(load2("scenarios/mm1.ini", "scenarios/mm1.ini", NULL, 0, true,
                   &p),
             RR_OK);
    w = rr_compare_run_window(p.plans[0]);
    CHECK_EQ(w.from, day_of("2025-01-01"));
    CHECK_EQ(w.to, day_of("2033-12-31"));
    CHECK(rr_compare_common_window(p.plans[0], p.plans[1], &w));
    CHECK_EQ(w.from, day_of("2025-01-01"));
    CHECK_EQ(w.to, day_of("2033-12-31"));
    CHECK_EQ(rr_compare_window_parse("2026-01-01:2030-12-31", p.plans[0],
                                     "A", p.plans[1], "B", &w, err,
                                     sizeof err),
             RR_OK);
    CHECK_EQ(w.from, day_of("2026-01-01"));
    CHECK_EQ(w.to, day_of("2030-12-31"));
    rc = rr_compare_window_parse("2026-03-01:2030-12-31", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_EINVAL);
    CHECK_STR(err, "--window 2026-03-01:2030-12-31: 2026-03-01 is not the "
                   "first day of a reporting period (year) of both runs; "
                   "the nearest that are: 2026-01-01 and 2027-01-01");
    rc = rr_compare_window_parse("2026-01-01:2030-06-30", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_EINVAL);
    CHECK_STR(err, "--window 2026-01-01:2030-06-30: 2030-06-30 is not the "
                   "last day of a reporting period (year) of both runs; the "
                   "nearest that are: 2029-12-31 and 2030-12-31");
    rc = rr_compare_window_parse("2024-01-01:2030-12-31", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_ERANGE);
    CHECK_STR(err, "--window 2024-01-01:2030-12-31: 2024-01-01 is in the "
                   "warm-up of A, which ends on 2024-12-31");
    rc = rr_compare_window_parse("2030-01-01:2026-12-31", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_ERANGE);
    rc = rr_compare_window_parse("2026-01-01", p.plans[0], "A", p.plans[1],
                                 "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_EPARSE);
    rc = rr_compare_window_parse("2026-01-01:2030-02-30", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_EPARSE);
    w.from = day_of("2026-01-01");
    w.to = day_of("2030-12-31");
    {
        long d = 0;
        CHECK_EQ(rr_compare_from_parse("2027-07-01", w, &d, err, sizeof err),
                 RR_OK);
        CHECK_EQ(d, day_of("2027-07-01"));
        CHECK_EQ(rr_compare_from_parse("2031-01-01", w, &d, err, sizeof err),
                 RR_ERANGE);
        CHECK_STR(err, "--from 2031-01-01: outside the days compared "
                       "(2026-01-01 to 2030-12-31)");
        CHECK_EQ(rr_compare_from_parse("July", w, &d, err, sizeof err),
                 RR_EPARSE);
    }
    rr_points_fini(&p);

    /* a policy that ends sooner: loaded over a window, which must end by
     * its end; their common window is the policy's years */
    CHECK_EQ(rr_points_whatif(&p, "scenarios/mm1.ini", NULL, 0, shorter, 1),
             RR_OK);
    p.window = true;
    CHECK_EQ(rr_points_load(&p, &e), RR_OK);
    rc = rr_compare_window_parse("2025-01-01:2033-12-31", p.plans[0], "A",
                                 p.plans[1], "B", &w, err, sizeof err);
    CHECK_EQ(rc, RR_ERANGE);
    CHECK_STR(err, "--window 2025-01-01:2033-12-31: 2033-12-31 is after the "
                   "end of B (2031-12-31)");
    CHECK(rr_compare_common_window(p.plans[0], p.plans[1], &w));
    CHECK_EQ(w.from, day_of("2025-01-01"));
    CHECK_EQ(w.to, day_of("2031-12-31"));
    rr_points_fini(&p);
}

static void test_first_difference(void)
{
    rr_points p;
    rr_plan_diff d;
    rr_point_error e;
    static const char *const pol[] = {"iom_share=0.6"};

    /* a policy event */
    CHECK_EQ(load2("scenarios/nl-baseline.ini",
                   "scenarios/nl-ngo-expansion.ini", NULL, 0, false, &p),
             RR_OK);
    CHECK_EQ(rr_plan_first_difference(p.sc[0], p.plans[0], p.sc[1],
                                      p.plans[1], &d),
             RR_OK);
    CHECK(d.differ && !d.from_start);
    CHECK_EQ(d.day, day_of("2021-01-01"));
    CHECK_STR(d.what, "event ngo_subsidy");
    rr_points_fini(&p);

    /* a provider's dates: the baseline's Frontex takes over from ERRIN in
     * July 2022, the gap's three months later, with an event of its own on
     * ERRIN's end the same day */
    CHECK_EQ(load2("scenarios/nl-baseline.ini",
                   "scenarios/nl-frontex-gap.ini", NULL, 0, false, &p),
             RR_OK);
    CHECK_EQ(rr_plan_first_difference(p.sc[0], p.plans[0], p.sc[1],
                                      p.plans[1], &d),
             RR_OK);
    CHECK(d.differ && !d.from_start);
    CHECK_EQ(d.day, day_of("2022-07-01"));
    CHECK_STR(d.what, "event errin_end, event frontex");
    rr_points_fini(&p);

    /* the same scenario: no difference */
    CHECK_EQ(load2("scenarios/nl-baseline.ini", "scenarios/nl-baseline.ini",
                   NULL, 0, false, &p),
             RR_OK);
    CHECK_EQ(rr_plan_first_difference(p.sc[0], p.plans[0], p.sc[1],
                                      p.plans[1], &d),
             RR_OK);
    CHECK(!d.differ);
    CHECK_EQ(d.day, day_of("2019-01-01"));
    CHECK_STR(d.what, "");
    rr_points_fini(&p);

    /* a what-if from the start, named by its setting */
    CHECK_EQ(rr_points_whatif(&p, "scenarios/nl-baseline.ini", NULL, 0, pol,
                              1),
             RR_OK);
    CHECK_EQ(rr_points_load(&p, &e), RR_OK);
    CHECK_EQ(rr_plan_first_difference(p.sc[0], p.plans[0], p.sc[1],
                                      p.plans[1], &d),
             RR_OK);
    CHECK(d.differ && d.from_start);
    CHECK_EQ(d.day, day_of("2019-01-01"));
    CHECK_STR(d.what, "iom_share");
    rr_points_fini(&p);

    /* the counterfactual differs from 2020: Morocco's laissez-passer stop,
     * which it leaves out, starts on 1 January 2020 (its own intake too) */
    CHECK_EQ(load2("scenarios/nl-baseline.ini", "scenarios/nl-no-covid.ini",
                   NULL, 0, false, &p),
             RR_OK);
    CHECK_EQ(rr_plan_first_difference(p.sc[0], p.plans[0], p.sc[1],
                                      p.plans[1], &d),
             RR_OK);
    CHECK(d.differ && !d.from_start);
    CHECK_EQ(d.day, day_of("2020-01-01"));
    CHECK_STR(d.what, "event morocco_lp_stop");
    rr_points_fini(&p);
}

/* ---- effects per year against M/M/1 theory ---------------------------------------- */

/* within - |x - want| within k half-widths of ci (and the interval
 * known). */
static bool within(rr_ci ci, double want, double k)
{
    return ci.n >= 2 && isfinite(ci.half) &&
           fabs(ci.mean - want) <= k * ci.half;
}

static const rr_effect *effect(const rr_effects *e, rr_ind_id id)
{
    const rr_effect *x = rr_compare_find(e, rr_indicators[id].name);
    CHECK_MSG(x != NULL, "no %s", rr_indicators[id].name);
    return x;
}

/*
 * tests/fixtures/compare: one M/M/1 officer (lambda 0.8, mu 1 a day) from
 * 2024, and the same with talks a fifth shorter (mu 1.25) from
 * 2025-01-01.  Theory: W = 1 / (mu - lambda), 5 days and then 2.222; L =
 * rho / (1 - rho), 4 and then 1.778; departures per year equal arrivals
 * (292) in steady state, the shorter queue once adding 2.222 in 2025.
 * With common random numbers the runs are the same replication by
 * replication until the policy's date, so every effect in 2024 is exactly
 * zero, and the arrivals stay paired after it.  Thirty replications at
 * the files' seed; a year's effect is held to theory within three
 * half-widths of its 95% CI (five years, four indicators each), the effect
 * from 2026 on (steady state) within two.
 */
static void test_compare_mm1(void)
{
    rr_points p;
    rr_run_result r[2];
    rr_run_opts o = {.threads = 2};
    rr_point_error e;
    rr_comparison c, s;
    char err[256] = "";
    const double dw = 1 / (1.25 - 0.8) - 1 / (1 - 0.8);
    const double dl = 0.64 / 0.36 - 4;
    long from2026 = day_of("2026-01-01");

    CHECK_EQ(load2("tests/fixtures/compare/mm1-base.ini",
                   "tests/fixtures/compare/mm1-faster.ini", NULL, 0, false,
                   &p),
             RR_OK);
    CHECK_EQ(rr_points_run(&p, &o, r, &e), RR_OK);
    CHECK_EQ(rr_compare_make(&r[0], &r[1], p.sc[0], p.sc[1], NULL, NULL, &c,
                             err, sizeof err),
             RR_OK);
    CHECK_EQ(c.reps, 30);
    CHECK_EQ(c.basis, RR_FROM_DIFFERENCE);
    CHECK_EQ(c.from, day_of("2025-01-01"));
    CHECK_STR(c.first.what, "event faster");
    CHECK_EQ(c.n_years, 6);
    CHECK_EQ(c.n_periods, 6);
    if (c.n_years == 6) {
        const rr_effects *y0 = &c.years[0];
        CHECK_EQ(y0->year, 2024);
        CHECK_EQ(y0->span.to - y0->span.from + 1, 366);
        /* before the policy: the same runs */
        for (size_t j = 0; j < y0->n; j++) {
            const rr_effect *x = &y0->e[j];
            if (x->diff.n == 0)
                continue;
            CHECK_MSG(x->diff.mean == 0 && x->diff.low == 0 &&
                          x->diff.high == 0,
                      "2024 %s: %g [%g, %g]", x->indicator, x->diff.mean,
                      x->diff.low, x->diff.high);
        }
        for (size_t y = 0; y < c.n_years; y++) {
            const rr_effects *ye = &c.years[y];
            const rr_effect *arr = effect(ye, RR_IND_ARRIVALS);
            const rr_effect *dep = effect(ye, RR_IND_DEPARTURES_VERIFIED);
            const rr_effect *w = effect(ye, RR_IND_TIME_TO_DEPARTURE_MEAN);
            const rr_effect *l = effect(ye, RR_IND_CASELOAD_TOTAL);
            if (!arr || !dep || !w || !l)
                continue;
            /* the arrivals stay paired */
            CHECK_MSG(arr->diff.mean == 0 && arr->diff.high == 0,
                      "%d arrivals differ by %g", ye->year, arr->diff.mean);
            CHECK_NEAR(arr->base, 0.8 * (double)(ye->span.to -
                                                 ye->span.from + 1),
                       10);
            if (ye->year < 2025)
                continue;
            /* departures: arrivals, plus the drained queue in 2025 */
            CHECK_MSG(within(dep->diff, ye->year == 2025 ? -dl : 0, 3),
                      "%d departures %g +- %g", ye->year, dep->diff.mean,
                      dep->diff.half);
            CHECK_MSG(fabs(dep->pol - arr->pol) < 0.02 * arr->pol,
                      "%d departures %g, arrivals %g", ye->year, dep->pol,
                      arr->pol);
            CHECK_MSG(within(w->diff, dw, 3), "%d W %g +- %g (theory %g)",
                      ye->year, w->diff.mean, w->diff.half, dw);
            CHECK_MSG(within(l->diff, dl, 3), "%d L %g +- %g (theory %g)",
                      ye->year, l->diff.mean, l->diff.half, dl);
            CHECK_MSG(l->rule == RR_SPAN_END && w->rule == RR_SPAN_MEAN &&
                          dep->rule == RR_SPAN_SUM,
                      "rules %d %d %d", l->rule, w->rule, dep->rule);
        }
    }
    /* the years add up to the run's totals: flows, the last stock */
    {
        double sum = 0;
        const rr_effect *t = effect(&c.total, RR_IND_DEPARTURES_VERIFIED);
        const rr_effect *end = effect(&c.total, RR_IND_CASELOAD_END);
        for (size_t y = 0; y < c.n_years; y++)
            sum += effect(&c.years[y], RR_IND_DEPARTURES_VERIFIED)->diff.mean;
        if (t && end && c.n_years == 6) {
            CHECK_NEAR(sum, t->diff.mean, 1e-9);
            CHECK_NEAR(effect(&c.years[5], RR_IND_CASELOAD_TOTAL)->diff.mean,
                       end->diff.mean, 1e-9);
            CHECK_EQ(t->rule, RR_SPAN_NONE); /* the run's KPIs */
        }
    }
    /* from 2026: steady state */
    CHECK_EQ(rr_compare_make(&r[0], &r[1], p.sc[0], p.sc[1], NULL, &from2026,
                             &s, err, sizeof err),
             RR_OK);
    CHECK_EQ(s.basis, RR_FROM_GIVEN);
    CHECK_EQ(s.since.span.from, from2026);
    {
        const rr_effect *w = effect(&s.since, RR_IND_TIME_TO_DEPARTURE_MEAN);
        const rr_effect *l = effect(&s.since, RR_IND_CASELOAD_END);
        const rr_effect *d = effect(&s.since, RR_IND_DEPARTURES_VERIFIED);
        if (w && l && d) {
            CHECK_MSG(within(w->diff, dw, 2), "W from 2026 %g +- %g",
                      w->diff.mean, w->diff.half);
            CHECK_MSG(within(l->diff, dl, 2), "L %g +- %g", l->diff.mean,
                      l->diff.half);
            CHECK_MSG(within(d->diff, 0, 2), "departures %g +- %g",
                      d->diff.mean, d->diff.half);
            /* the mean over four years of periods: W of 2.2 and 5 days */
            CHECK_NEAR(w->pol, 1 / (1.25 - 0.8), 0.3);
            CHECK_NEAR(w->base, 5, 0.6);
        }
    }
    rr_compare_fini(&s);
    rr_compare_fini(&c);
    rr_run_result_fini(&r[0]);
    rr_run_result_fini(&r[1]);
    rr_points_fini(&p);
}

/* Reported by week, periods straddle the years: flows are cut pro rata by
 * days, so the years still add up to the run, and a window over the whole
 * run recomputes the KPIs from the periods (the mean time to departure
 * weighted by the departures of each period). */
static void test_compare_weeks(void)
{
    static const char *const weekly[] = {"scenario.report=week",
                                         "scenario.replications=4"};
    rr_points p;
    rr_run_result r[2];
    rr_run_opts o = {.threads = 2};
    rr_point_error e;
    rr_comparison c, wc;
    rr_span all;
    char err[256] = "";

    CHECK_EQ(load2("tests/fixtures/compare/mm1-base.ini",
                   "tests/fixtures/compare/mm1-faster.ini", weekly, 2, false,
                   &p),
             RR_OK);
    CHECK_EQ(rr_points_run(&p, &o, r, &e), RR_OK);
    CHECK_EQ(rr_compare_make(&r[0], &r[1], p.sc[0], p.sc[1], NULL, NULL, &c,
                             err, sizeof err),
             RR_OK);
    all = c.window;
    CHECK_EQ(rr_compare_make(&r[0], &r[1], p.sc[0], p.sc[1], &all, NULL, &wc,
                             err, sizeof err),
             RR_OK);
    CHECK(c.n_periods > 300);
    /* 2024-12-30 (a Monday) to 2025-01-05: a week in two years */
    {
        double sb = 0, sp = 0;
        for (size_t y = 0; y < c.n_years; y++) {
            sb += effect(&c.years[y], RR_IND_DEPARTURES_VERIFIED)->base;
            sp += effect(&c.years[y], RR_IND_ARRIVALS)->pol;
        }
        CHECK_NEAR(sb, effect(&c.total, RR_IND_DEPARTURES_VERIFIED)->base,
                   1e-6);
        CHECK_NEAR(sp, effect(&c.total, RR_IND_ARRIVALS)->pol, 1e-6);
    }
    for (size_t j = 0; j < c.total.n; j++) {
        const rr_effect *k = &c.total.e[j], *x = &wc.total.e[j];
        CHECK_STR(k->indicator, x->indicator);
        if (x->rule == RR_SPAN_NONE) { /* quantiles, outcomes */
            CHECK(isnan(x->base) && isnan(x->diff.mean));
            continue;
        }
        if (isnan(k->base)) { /* no assisted returns in M/M/1 */
            CHECK(isnan(x->base));
            continue;
        }
        CHECK_MSG(fabs(k->base - x->base) <= 1e-9 * fmax(1, fabs(k->base)) &&
                      fabs(k->diff.mean - x->diff.mean) <=
                          1e-9 * fmax(1, fabs(k->base)),
                  "%s: KPI %g (%g), from the periods %g (%g)", k->indicator,
                  k->base, k->diff.mean, x->base, x->diff.mean);
    }
    rr_compare_fini(&wc);
    rr_compare_fini(&c);
    rr_run_result_fini(&r[0]);
    rr_run_result_fini(&r[1]);
    rr_points_fini(&p);
}

/* Ranges of sampled designs: parsed with their unit, values inside them,
 * whole numbers for a count, and a space-filling design of them. */
static void test_intervals(void)
{
    rr_interval r;
    rr_design d;
    char err[256], buf[64];
    const char *specs[] = {"talk_interval = 60d:120d", "iom_share=0.6:0.9"};
    int rc;

    CHECK_EQ(rr_interval_parse("talk_interval = 60d:120d", &r, err,
                               sizeof err), RR_OK);
    CHECK_STR(r.key, "talk_interval");
    CHECK_EQ(r.lo, 60);
    CHECK_EQ(r.hi, 120);
    CHECK_STR(r.unit, "d");
    CHECK(r.whole_bounds && !r.whole);
    rr_interval_value(&r, 0.5, buf, sizeof buf);
    CHECK_STR(buf, "90d");
    rr_interval_value(&r, 0, buf, sizeof buf);
    CHECK_STR(buf, "60d");
    /* a count: 1..3 equally likely */
    r.whole = true;
    r.lo = 1;
    r.hi = 3;
    r.unit[0] = '\0';
    rr_interval_value(&r, 0.0, buf, sizeof buf);
    CHECK_STR(buf, "1");
    rr_interval_value(&r, 0.34, buf, sizeof buf);
    CHECK_STR(buf, "2");
    rr_interval_value(&r, 0.999999, buf, sizeof buf);
    CHECK_STR(buf, "3");
    rr_interval_fini(&r);
    CHECK_EQ(rr_interval_parse("iom_share=0.6:0.9", &r, err, sizeof err),
             RR_OK);
    CHECK(!r.whole_bounds);
    rr_interval_fini(&r);
    CHECK_EQ(rr_interval_parse("x=1:2:1", &r, err, sizeof err), RR_EPARSE);
    CHECK(strstr(err, "expected KEY=LOW:HIGH") != NULL);
    CHECK_EQ(rr_interval_parse("x=2:1", &r, err, sizeof err), RR_ERANGE);
    CHECK_EQ(rr_interval_parse("x=1d:2m", &r, err, sizeof err), RR_EPARSE);
    CHECK_EQ(rr_interval_parse("x=a:b", &r, err, sizeof err), RR_EPARSE);
    CHECK_EQ(rr_interval_parse("=1:2", &r, err, sizeof err), RR_EPARSE);

    /* 16 Sobol points over two ranges: each point takes its own values */
    rc = rr_design_space(1, specs, 2, 16, 7, NULL, &d, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    CHECK(d.sampled && d.n_points == 16 && d.n_vary == 2);
    CHECK_STR(d.kind, "sobol");
    for (size_t p = 0; rc == RR_OK && p < d.n_points; p++) {
        char *ov[2];
        double t, sh;
        CHECK_EQ(rr_design_overrides(&d, p, ov), RR_OK);
        CHECK(sscanf(ov[0], "talk_interval=%lfd", &t) == 1 && t >= 60 &&
              t < 120);
        CHECK(sscanf(ov[1], "iom_share=%lf", &sh) == 1 && sh >= 0.6 &&
              sh < 0.9);
        rr_design_overrides_free(&d, ov);
    }
    rr_design_fini(&d);
    CHECK_EQ(rr_design_space(0, specs, 2, 1, 7, NULL, &d, err, sizeof err),
             RR_ERANGE);
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
    test_label_rule();
    test_share_text();
    test_shares();
    test_describe();
    test_indicators();
    test_points_alike();
    test_points_whatif();
    test_windows();
    test_first_difference();
    test_compare_mm1();
    test_compare_weeks();
    test_intervals();
    return check_summary("test_sweep");
}
