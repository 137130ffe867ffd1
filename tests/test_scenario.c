/*
 * test_scenario.c - scenario files: the good fixtures in tests/fixtures/
 * resolve to the numbers worked out by hand below, and every file in
 * tests/bad/ fails with exactly the message on its first line
 * ("; expect: MESSAGE"); "; set: KEY=VALUE" lines after it are passed as
 * --set overrides.  Run from the repository root.
 */
#include <ctype.h>
#include <glob.h>
#include <sys/stat.h>
#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_scenario.h"
#include "scenario/scenario_int.h"

#define DAYS_PER_YEAR 365.25
#define DAYS_PER_MONTH (365.25 / 12)

static void test_names(void)
{
    CHECK_STR(rr_channel_name(RR_CH_IOM), "iom");
    CHECK_STR(rr_channel_name(RR_CH_FORCED), "forced");
    CHECK_STR(rr_departure_name(RR_DEP_VOLUNTARY_IOM), "voluntary_iom");
    CHECK_STR(rr_departure_name(RR_DEP_VOLUNTARY_NGO), "voluntary_ngo");
    CHECK_STR(rr_departure_name(RR_DEP_VOLUNTARY_SELF), "voluntary_self");
    CHECK_STR(rr_departure_name(RR_DEP_FORCED), "forced");
    CHECK_STR(rr_departure_name(RR_DEP_UNSUPERVISED), "unsupervised");
    CHECK_STR(rr_departure_name(RR_DEP_CLOSED), "closed");
}

static long stage_of(const rr_config *c, const char *name)
{
    for (size_t i = 0; i < c->n_stages; i++)
        if (strcmp(c->stages[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* route_p - probability of going from stage s to target t for country k
 * on completion; -1 when t is not a target. */
static double route_p(const rr_config *c, long s, uint32_t t, size_t k)
{
    const rr_route_table *r = &c->stages[s].route[RR_OUT_DONE];
    for (uint32_t j = 0; j < r->n; j++)
        if (r->target[j] == t)
            return r->p[k * r->n + j];
    return -1;
}

static const rr_setting *setting(const rr_scenario *sc, const char *key)
{
    for (size_t i = 0; i < rr_scenario_n_settings(sc); i++)
        if (strcmp(rr_scenario_setting(sc, i)->key, key) == 0)
            return rr_scenario_setting(sc, i);
    return NULL;
}

static void test_basic(void)
{
    rr_scenario *sc;
    char err[1024] = "";
    int rc = rr_scenario_load("tests/fixtures/basic.ini", NULL, 0, &sc, err,
                              sizeof err);
    CHECK_MSG(rc == RR_OK, "load basic.ini: %s", err);
    if (rc)
        return;
    const rr_plan *plan;
    rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "plan basic.ini: %s", err);
    if (rc) {
        rr_scenario_destroy(sc);
        return;
    }
    /* settings as written */
    const rr_setting *st = setting(sc, "iom_share");
    CHECK(st != NULL);
    if (st) {
        CHECK_STR(st->note,
                  "GCM review 2022: IOM handles about 80% of assisted "
                  "returns");
        CHECK_EQ(st->line, 18);
    }
    st = setting(sc, "stage.voluntary.route.iom");
    CHECK(st != NULL);
    if (st) {
        CHECK_STR(st->value, "${iom_share}");
        CHECK_STR(st->file, "tests/fixtures/basic.ini");
        char buf[64];
        for (size_t i = 0; i < rr_scenario_n_settings(sc); i++)
            if (rr_scenario_setting(sc, i) == st)
                CHECK_STR(rr_scenario_resolved_value(sc, i, buf, sizeof buf),
                          "0.8");
    }
    CHECK_EQ(rr_scenario_n_inputs(sc), 4);
    CHECK_STR(rr_scenario_input_written(sc, 0), "countries.csv");
    CHECK_STR(rr_scenario_input_path(sc, 0), "tests/fixtures/countries.csv");
    CHECK_STR(rr_scenario_input_path(sc, 3), "tests/fixtures/delays.csv");
    CHECK_STR(rr_scenario_path(sc), "tests/fixtures/basic.ini");

    /* epochs: covid 2020-03-15 (day 74) to 2020-09-01 (day 244), subsidy
     * from 2021-01-01 (day 366) */
    CHECK_EQ(plan->n_epochs, 4);
    CHECK_EQ(plan->n_events, 2);
    if (plan->n_epochs == 4) {
        CHECK_NEAR(plan->t[0], 0, 0);
        CHECK_NEAR(plan->t[1], 74, 0);
        CHECK_NEAR(plan->t[2], 244, 0);
        CHECK_NEAR(plan->t[3], 366, 0);
        CHECK(plan->cfg[2] == plan->cfg[0]);
        CHECK(plan->cfg[1] != plan->cfg[0]);
    }
    CHECK_STR(plan->events[0].name, "covid");
    CHECK_STR(plan->events[0].label, "COVID-19 border closures");
    CHECK_NEAR(plan->events[0].from, 74, 0);
    CHECK_NEAR(plan->events[0].until, 244, 0);
    CHECK_STR(plan->events[1].label, "subsidy");
    CHECK(isinf(plan->events[1].until));

    const rr_config *c = plan->cfg[0];
    CHECK_STR(c->name, "test-basic");
    CHECK_STR(c->title, "Test scenario");
    CHECK_STR(c->source, "Made up for the tests");
    CHECK_EQ(c->start.y, 2020);
    CHECK_EQ(c->end.d, 31);
    CHECK_NEAR(c->horizon, 731, 0);
    CHECK_EQ(c->report, RR_REPORT_QUARTER);
    CHECK_NEAR(c->warmup, DAYS_PER_MONTH, 1e-12);
    CHECK_EQ(c->seed, 42);
    CHECK_EQ(c->replications, 5);

    CHECK_NEAR(c->rate, 1200 / DAYS_PER_YEAR, 1e-12);
    CHECK_EQ(c->entry_stage, 0);
    CHECK_NEAR(c->vulnerable_share, 0.1, 0);
    CHECK_EQ(c->n_schedule, 3);
    if (c->n_schedule == 3) {
        CHECK_NEAR(c->schedule_t[0], 0, 0);
        CHECK_NEAR(c->schedule_factor[0], 1, 0);
        CHECK_NEAR(c->schedule_t[1], 60, 0);
        CHECK_NEAR(c->schedule_factor[1], 0.5, 0);
        CHECK_NEAR(c->schedule_t[2], 182, 0);
        CHECK_NEAR(c->schedule_factor[2], 1.2, 0);
    }

    CHECK_EQ(c->n_countries, 3);
    CHECK_STR(c->country[0], "MA");
    CHECK_STR(c->country[2], "IQ");
    CHECK_NEAR(c->country_share[0], 0.5, 1e-15);
    CHECK_NEAR(c->country_share[1], 0.25, 1e-15);

    CHECK_EQ(c->n_stages, 5);
    long talks = stage_of(c, "talks"), vol = stage_of(c, "voluntary"),
         iom = stage_of(c, "iom"), ngo = stage_of(c, "ngo"),
         forced = stage_of(c, "forced");
    CHECK(talks == 0 && vol == 1 && iom == 2 && ngo == 3 && forced == 4);
    if (c->n_stages == 5) {
        const rr_cfg_stage *t = &c->stages[0];
        CHECK_EQ(t->servers, 10);
        CHECK_EQ(t->service.kind, RR_DIST_LOGNORMAL);
        CHECK_NEAR(rr_dist_mean(&t->service), 30, 1e-9);
        CHECK_NEAR(t->service_scale, 1, 0);
        CHECK(t->service_by_country == NULL);
        CHECK_EQ(t->discipline, RR_PRIORITY);
        CHECK_EQ(t->channel, RR_CH_RDS);
        CHECK(t->has_abscond);
        CHECK_NEAR(rr_dist_mean(&t->abscond), 2 * DAYS_PER_YEAR, 1e-9);
        CHECK_EQ(t->abscond_during, RR_PATIENCE_QUEUE);
        CHECK(isinf(t->max_stay));
        CHECK_EQ(t->route[RR_OUT_ABANDON].n, 1);
        CHECK_EQ(t->route[RR_OUT_ABANDON].target[0],
                 RR_TO_EXIT(RR_EXIT_UNSUPERVISED));
        CHECK_NEAR(t->route[RR_OUT_ABANDON].p[2], 1, 0);
        CHECK_EQ(t->route[RR_OUT_DONE].n, 4);
        /* MA and IQ can be forced out, NG cannot: its talks repeat */
        CHECK_NEAR(route_p(c, talks, 1, 0), 0.5, 1e-12);
        CHECK_NEAR(route_p(c, talks, 4, 0), 0.3, 1e-12);
        CHECK_NEAR(route_p(c, talks, 0, 0), 0, 1e-12);
        CHECK_NEAR(route_p(c, talks, RR_TO_EXIT(RR_EXIT_DEPARTED), 0), 0.2,
                   1e-12);
        CHECK_NEAR(route_p(c, talks, 4, 1), 0, 1e-12);
        CHECK_NEAR(route_p(c, talks, 0, 1), 0.1, 1e-12);
        CHECK_NEAR(route_p(c, talks, RR_TO_EXIT(RR_EXIT_DEPARTED), 1), 0.4,
                   1e-12);
        CHECK_NEAR(route_p(c, talks, RR_TO_EXIT(RR_EXIT_DEPARTED), 2), 0.2,
                   1e-12);

        CHECK_NEAR(route_p(c, vol, 2, 1), 0.8, 1e-12);
        CHECK_NEAR(route_p(c, vol, 3, 1), 0.2, 1e-12);
        CHECK_EQ(c->stages[1].servers, RR_UNLIMITED);
        CHECK_EQ(c->stages[1].channel, RR_CH_NONE);

        const rr_cfg_stage *io = &c->stages[2];
        CHECK(io->service_by_country != NULL);
        if (io->service_by_country) {
            CHECK_EQ(io->service_by_country[0].kind, RR_DIST_LOGNORMAL);
            CHECK_NEAR(rr_dist_mean(&io->service_by_country[0]), 60, 1e-9);
            CHECK_EQ(io->service_by_country[1].kind, RR_DIST_DETERMINISTIC);
            CHECK_NEAR(rr_dist_mean(&io->service_by_country[1]), 45, 0);
            CHECK_NEAR(rr_dist_mean(&io->service_by_country[2]), 90, 0);
        }
        CHECK_EQ(io->channel, RR_CH_IOM);

        CHECK_EQ(c->stages[3].servers, 3);
        CHECK_EQ(c->stages[3].service.kind, RR_DIST_UNIFORM);
        CHECK_NEAR(rr_dist_mean(&c->stages[3].service), 14, 1e-12);

        const rr_cfg_stage *f = &c->stages[4];
        CHECK(f->detention);
        CHECK_EQ(f->service.kind, RR_DIST_EMPIRICAL);
        CHECK_NEAR(rr_dist_mean(&f->service), 20, 1e-9);
        CHECK_NEAR(f->max_stay, 6 * DAYS_PER_MONTH, 1e-9);
        CHECK_EQ(f->route[RR_OUT_TIMEOUT].n, 1);
        CHECK_EQ(f->route[RR_OUT_TIMEOUT].target[0], 0);
        CHECK_NEAR(route_p(c, forced, RR_TO_EXIT(RR_EXIT_CLOSED), 2), 0.1,
                   1e-12);
        CHECK(!f->has_abscond);
    }

    CHECK_EQ(c->support.kind, RR_DIST_DETERMINISTIC);
    CHECK_NEAR(rr_dist_mean(&c->support), 12 * DAYS_PER_MONTH, 1e-9);
    CHECK_NEAR(c->sustainable[0], 0.35, 1e-12);
    CHECK_NEAR(c->sustainable[1], 0.56, 1e-12);
    CHECK_NEAR(c->sustainable[2], 0.7, 1e-12);
    CHECK_NEAR(c->sustainable_unsupported, 0.5, 0);
    CHECK_NEAR(c->remigration_share, 0.2, 0);
    CHECK_NEAR(rr_dist_mean(&c->remigration_delay), 6 * DAYS_PER_MONTH,
               1e-9);
    CHECK_EQ(c->remigration_stage, 0);

    CHECK_EQ(c->n_providers, 3);
    if (c->n_providers == 3) {
        const rr_cfg_provider *p = c->providers;
        CHECK_STR(p[0].name, "iom");
        CHECK_EQ(p[0].channels, 1u << RR_CH_IOM);
        CHECK(isinf(p[0].from) && p[0].from < 0);
        CHECK(isinf(p[0].until));
        CHECK_NEAR(p[0].covered[2], 1, 0);
        CHECK_EQ(p[1].channels, (1u << RR_CH_NGO) | (1u << RR_CH_FORCED));
        CHECK_NEAR(p[1].until, 547, 0);
        CHECK_NEAR(p[1].covered[0], 1, 0);
        CHECK_NEAR(p[1].covered[1], 1, 0);
        CHECK_NEAR(p[1].covered[2], 0, 0);
        CHECK_NEAR(p[2].from, 547, 0);
        CHECK_NEAR(p[2].covered[0], 0, 0);
    }

    CHECK_EQ(c->n_initial, 3);
    if (c->n_initial == 3) {
        CHECK_EQ(c->initial[0].stage, 0);
        CHECK_EQ(c->initial[0].country, 0);
        CHECK_EQ(c->initial[0].count, 100);
        CHECK_NEAR(c->initial[0].elapsed, 30, 0);
        CHECK_EQ(c->initial[0].channel, RR_CH_RDS);
        CHECK_EQ(c->initial[1].stage, 4);
        CHECK_EQ(c->initial[1].country, 1);
        CHECK_NEAR(c->initial[1].elapsed, 14, 0);
        CHECK_EQ(c->initial[1].channel, RR_CH_FORCED);
        CHECK_EQ(c->initial[2].stage, 3);
        CHECK_EQ(c->initial[2].count, 7);
        CHECK_NEAR(c->initial[2].elapsed, 10, 0);
        CHECK_EQ(c->initial[2].channel, RR_CH_NGO);
    }

    /* COVID: half the talks servers, 0.4 of the arrivals, iom_share 0.4 */
    const rr_config *cv = plan->n_epochs == 4 ? plan->cfg[1] : c;
    CHECK_EQ(cv->stages[0].servers, 5);
    CHECK_NEAR(cv->rate, 0.4 * 1200 / DAYS_PER_YEAR, 1e-12);
    CHECK_NEAR(route_p(cv, vol, 2, 0), 0.4, 1e-12);
    CHECK_NEAR(route_p(cv, vol, 3, 0), 0.6, 1e-12);
    CHECK_EQ(cv->stages[3].servers, 3);
    CHECK(cv->initial == c->initial);
    CHECK(cv->schedule_t == c->schedule_t);

    /* subsidy: 6 NGO servers, IOM service twice as long, MA less stable */
    const rr_config *su = plan->n_epochs == 4 ? plan->cfg[3] : c;
    CHECK_EQ(su->stages[3].servers, 6);
    CHECK_NEAR(su->stages[2].service_scale, 2, 0);
    CHECK_NEAR(su->stages[0].servers, 10, 0);
    CHECK_NEAR(su->rate, 1200 / DAYS_PER_YEAR, 1e-12);
    CHECK_NEAR(su->sustainable[0], 0.175, 1e-12);
    CHECK_NEAR(su->sustainable[1], 0.56, 1e-12);

    /* the hash covers the INI and all four tables; print does not fail */
    CHECK(rr_scenario_hash(sc) != 0);
    FILE *f = tmpfile();
    if (f) {
        rr_scenario_print(sc, f);
        long size = ftell(f);
        CHECK(size > 1000);
        rewind(f);
        char line[512];
        int seen_note = 0, seen_epoch = 0, seen_summary = 0, seen_raw = 0;
        while (fgets(line, sizeof line, f)) {
            seen_note += strstr(line, "# invented for the tests") != NULL;
            seen_epoch += strncmp(line, "2020-03-15", 10) == 0 &&
                          strstr(line, "covid") != NULL;
            seen_summary +=
                strstr(line, "5 stages, 3 countries, 2 events, 4 epochs") !=
                NULL;
            seen_raw += strstr(line, "rate = 1200/year") != NULL &&
                        strstr(line, "[${intake}/year]") != NULL;
        }
        CHECK_EQ(seen_note, 1);
        CHECK_EQ(seen_epoch, 1);
        CHECK_EQ(seen_summary, 1);
        CHECK_EQ(seen_raw, 1);
        fclose(f);
    }
    rr_scenario_destroy(sc);
}

static void test_simple_overrides(void)
{
    rr_scenario *sc;
    char err[1024] = "";
    const char *ov[] = {"servers=7", "stage.spare.servers = 2",
                        "back=0.5", "scenario.seed=9"};
    int rc = rr_scenario_load("tests/fixtures/simple.ini", ov, 4, &sc, err,
                              sizeof err);
    CHECK_MSG(rc == RR_OK, "load simple.ini: %s", err);
    if (rc)
        return;
    const rr_plan *plan;
    rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "plan simple.ini: %s", err);
    if (rc == RR_OK) {
        const rr_config *c = plan->cfg[0];
        CHECK_EQ(plan->n_epochs, 1);
        CHECK_EQ(plan->n_events, 0);
        CHECK_STR(c->title, "simple");
        CHECK_STR(c->source, "");
        CHECK_EQ(c->report, RR_REPORT_MONTH);
        CHECK_NEAR(c->warmup, 0, 0);
        CHECK_EQ(c->seed, 9);
        CHECK_EQ(c->replications, 10);
        CHECK_NEAR(c->horizon, 365, 0);
        CHECK_NEAR(c->rate, 10, 1e-12);
        CHECK_EQ(c->n_countries, 1);
        CHECK_STR(c->country[0], "all");
        CHECK_NEAR(c->country_share[0], 1, 0);
        CHECK_EQ(c->stages[0].servers, 7);
        CHECK_EQ(c->stages[1].servers, 2);
        CHECK_NEAR(route_p(c, 0, 0, 0), 0.5, 0);
        CHECK_NEAR(route_p(c, 0, RR_TO_EXIT(RR_EXIT_DEPARTED), 0), 0.25,
                   1e-15);
        CHECK_EQ(c->entry_stage, 0);
        CHECK_EQ(c->remigration_stage, 0);
        CHECK_EQ(c->n_providers, 0);
        CHECK_EQ(c->n_schedule, 0);
        CHECK_EQ(c->n_initial, 0);
        CHECK_NEAR(c->sustainable[0], 1, 0);
        CHECK_NEAR(c->sustainable_unsupported, 0.5, 0);
        CHECK_NEAR(rr_dist_mean(&c->remigration_delay), DAYS_PER_YEAR, 1e-9);
        CHECK_EQ(c->stages[0].discipline, RR_FIFO);
        CHECK(!c->stages[0].detention);
        CHECK_EQ(c->stages[0].route[RR_OUT_TIMEOUT].n, 0);
    }
    const rr_setting *st = setting(sc, "stage.spare.servers");
    CHECK(st != NULL);
    if (st) {
        CHECK_STR(st->file, "--set");
        CHECK_EQ(st->line, 0);
        CHECK_STR(st->value, "2");
    }
    st = setting(sc, "servers");
    CHECK(st && strcmp(st->file, "--set") == 0);
    rr_scenario_destroy(sc);

    /* the file as written */
    rc = rr_scenario_load("tests/fixtures/simple.ini", NULL, 0, &sc, err,
                          sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc == RR_OK) {
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_EQ(rc, RR_OK);
        if (rc == RR_OK) {
            CHECK_EQ(plan->cfg[0]->stages[0].servers, 4);
            CHECK_EQ(plan->cfg[0]->stages[1].servers, RR_UNLIMITED);
            CHECK_NEAR(route_p(plan->cfg[0], 0, 0, 0), 0.25, 0);
            CHECK_EQ(plan->cfg[0]->seed, 1);
        }
        rr_scenario_destroy(sc);
    }
}

/* expectations - the "; expect:" message and "; set:" overrides of a bad
 * file. */
static int expectations(const char *path, char *expect, size_t n,
                        char ov[][1024], size_t *nov)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    *nov = 0;
    if (!f)
        return -1;
    if (!fgets(line, sizeof line, f) || strncmp(line, "; expect: ", 10)) {
        fclose(f);
        return -1;
    }
    line[strcspn(line, "\r\n")] = '\0';
    snprintf(expect, n, "%s", line + 10);
    while (fgets(line, sizeof line, f) && strncmp(line, "; set: ", 7) == 0 &&
           *nov < 8) {
        line[strcspn(line, "\r\n")] = '\0';
        snprintf(ov[(*nov)++], 1024, "%s", line + 7);
    }
    fclose(f);
    return 0;
}

/* test_bad - every file of the pattern fails with its message. */
static void test_bad(const char *pattern, size_t at_least)
{
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0) {
        CHECK_MSG(0, "no files %s (run from the repository root)", pattern);
        return;
    }
    CHECK_MSG(g.gl_pathc >= at_least, "%zu files %s, want at least %zu",
              (size_t)g.gl_pathc, pattern, at_least);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *path = g.gl_pathv[i];
        char expect[1024], ov[8][1024], err[1024] = "";
        const char *ovp[8];
        size_t nov;
        if (expectations(path, expect, sizeof expect, ov, &nov)) {
            /* a scenario of tests/hostile/ may be a good one */
            CHECK_MSG(strncmp(path, "tests/hostile/", 14) == 0,
                      "%s: first line is not '; expect: MESSAGE'", path);
            continue;
        }
        for (size_t k = 0; k < nov; k++)
            ovp[k] = ov[k];
        rr_scenario *sc = NULL;
        int rc = rr_scenario_load(path, ovp, nov, &sc, err, sizeof err);
        if (rc == RR_OK) {
            const rr_plan *plan;
            rc = rr_scenario_plan(sc, &plan, err, sizeof err);
            /* a failed plan fails again the same way */
            if (rc != RR_OK) {
                char again[1024];
                int rc2 = rr_scenario_plan(sc, &plan, again, sizeof again);
                CHECK_MSG(rc2 == rc && strcmp(again, err) == 0,
                          "%s: second plan gave '%s'", path, again);
            }
            rr_scenario_destroy(sc);
        }
        CHECK_MSG(rc != RR_OK && strcmp(err, expect) == 0,
                  "%s:\n         got    '%s'\n         expect '%s'", path,
                  rc != RR_OK ? err : "(no error)", expect);
    }
    globfree(&g);
}

/* write_file - text into dir/name; the path in buf. */
static void write_file(const char *dir, const char *name, const char *text,
                       char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", dir, name);
    FILE *f = fopen(buf, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* test_files - CR LF line ends, a byte order mark, continuation lines with
 * comments, and the content hash over the INI and table bytes. */
static void test_files(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return;
    }
    const char *ini =
        "\xEF\xBB\xBF; a file written on another system\r\n"
        "[scenario]\r\n"
        "name = crlf\r\n"
        "title = A title\r\n"
        "    on two lines ; with a comment\r\n"
        "start = 2021-01-01\r\n"
        "end = 2021-01-31\r\n"
        "\r\n"
        "[countries]\r\n"
        "file = c.csv\r\n"
        "[arrivals]\r\n"
        "rate = 3\r\n"
        "[stage.only]\r\n"
        "  servers = 2\r\n"
        "service = deterministic(1d)\r\n"
        "route.departed = 1\r\n";
    const char *csv1 = "country,share\nAA,1\nBB,3\n";
    const char *csv2 = "country,share\nAA,1\nBB,4\n";
    char ipath[256], cpath[256], err[1024] = "";
    write_file(dir, "s.ini", ini, ipath, sizeof ipath);
    write_file(dir, "c.csv", csv1, cpath, sizeof cpath);
    rr_scenario *sc;
    int rc = rr_scenario_load(ipath, NULL, 0, &sc, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load %s: %s", ipath, err);
    if (rc == RR_OK) {
        const rr_plan *plan;
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "plan %s: %s", ipath, err);
        if (rc == RR_OK) {
            CHECK_STR(plan->cfg[0]->title, "A title on two lines");
            CHECK_NEAR(plan->cfg[0]->horizon, 31, 0);
            CHECK_EQ(plan->cfg[0]->stages[0].servers, 2);
            CHECK_NEAR(plan->cfg[0]->country_share[1], 0.75, 0);
        }
        const rr_setting *st = setting(sc, "stage.only.servers");
        CHECK(st && st->line == 14);
        CHECK_EQ(rr_scenario_hash(sc),
                 fnv(fnv(0xcbf29ce484222325ULL, ini), csv1));
        CHECK_STR(rr_scenario_input_path(sc, 0), cpath);
        uint64_t h1 = rr_scenario_hash(sc);
        rr_scenario_destroy(sc);
        write_file(dir, "c.csv", csv2, cpath, sizeof cpath);
        rc = rr_scenario_load(ipath, NULL, 0, &sc, err, sizeof err);
        CHECK_EQ(rc, RR_OK);
        if (rc == RR_OK) {
            CHECK(rr_scenario_hash(sc) != h1);
            rr_scenario_destroy(sc);
        }
    }
    unlink(cpath);
    unlink(ipath);
    rmdir(dir);
}

/* fnv_file - FNV-1a 64 of a file's bytes, continuing from h. */
static uint64_t fnv_file(uint64_t h, const char *path)
{
    FILE *f = fopen(path, "rb");
    int ch;
    if (!f)
        return 0;
    while ((ch = getc(f)) != EOF) {
        h ^= (unsigned char)ch;
        h *= 0x100000001b3ULL;
    }
    fclose(f);
    return h;
}

/* print_has - rr_scenario_print's output has a line containing both a
 * and b (b may be NULL); the count of such lines. */
static int print_has(rr_scenario *sc, const char *a, const char *b)
{
    FILE *f = tmpfile();
    int n = 0;
    char line[1024];
    if (!f)
        return -1;
    rr_scenario_print(sc, f);
    rewind(f);
    while (fgets(line, sizeof line, f))
        n += strstr(line, a) != NULL && (!b || strstr(line, b) != NULL);
    fclose(f);
    return n;
}

/* test_variant - tests/fixtures/variant/variant.ini on ../basic.ini:
 * replaced values (also of parameters the base uses), a reopened section,
 * new sections, tables read from each file's own folder, and the base's
 * COVID-19 event switched off. */
static void test_variant(void)
{
    rr_scenario *sc;
    char err[1024] = "";
    int rc = rr_scenario_load("tests/fixtures/variant/variant.ini", NULL, 0,
                              &sc, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load variant.ini: %s", err);
    if (rc)
        return;
    const rr_plan *plan;
    rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "plan variant.ini: %s", err);
    if (rc) {
        rr_scenario_destroy(sc);
        return;
    }
    /* the files, the scenario file first */
    CHECK_EQ(rr_scenario_n_files(sc), 2);
    CHECK_STR(rr_scenario_file(sc, 0), "tests/fixtures/variant/variant.ini");
    CHECK_STR(rr_scenario_file(sc, 1), "tests/fixtures/variant/../basic.ini");
    CHECK(rr_scenario_file(sc, 2) == NULL);
    CHECK_STR(rr_scenario_path(sc), "tests/fixtures/variant/variant.ini");

    /* where each setting was written */
    const rr_setting *st = setting(sc, "stage.talks.servers");
    CHECK(st && strcmp(st->file, "tests/fixtures/variant/variant.ini") == 0 &&
          st->line == 20 && strcmp(st->value, "12") == 0);
    st = setting(sc, "stage.talks.service");
    CHECK(st && strcmp(st->file, "tests/fixtures/variant/../basic.ini") == 0 &&
          st->line == 35);
    st = setting(sc, "scenario.base");
    CHECK(st && strcmp(st->value, "../basic.ini") == 0 && st->line == 7);
    CHECK(rr_scenario_setting(sc, 0) == st);
    st = setting(sc, "iom_share");
    CHECK(st && st->note &&
          strcmp(st->note, "variant: fewer IOM returns") == 0 &&
          st->line == 12);
    st = setting(sc, "intake");
    CHECK(st && st->note && strcmp(st->note, "invented for the tests") == 0);
    st = setting(sc, "event.covid.enabled");
    CHECK(st && strcmp(st->value, "no") == 0 && st->line == 29);

    /* tables: each from the folder of the file that names it, listed
     * relative to the variant's folder */
    CHECK_EQ(rr_scenario_n_inputs(sc), 5);
    CHECK_STR(rr_scenario_input_written(sc, 0), "../countries.csv");
    CHECK_STR(rr_scenario_input_path(sc, 0),
              "tests/fixtures/variant/../countries.csv");
    CHECK_STR(rr_scenario_input_written(sc, 1), "schedule.csv");
    CHECK_STR(rr_scenario_input_path(sc, 1),
              "tests/fixtures/variant/schedule.csv");
    CHECK_STR(rr_scenario_input_written(sc, 2), "../caseload.csv");
    CHECK_STR(rr_scenario_input_written(sc, 3), "waits.csv");
    CHECK_STR(rr_scenario_input_path(sc, 3),
              "tests/fixtures/variant/waits.csv");
    CHECK_STR(rr_scenario_input_written(sc, 4), "../delays.csv");
    CHECK_STR(rr_scenario_input_path(sc, 4),
              "tests/fixtures/variant/../delays.csv");

    /* the hash: both INI files in the order read, then the tables */
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv_file(h, "tests/fixtures/variant/variant.ini");
    h = fnv_file(h, "tests/fixtures/basic.ini");
    h = fnv_file(h, "tests/fixtures/countries.csv");
    h = fnv_file(h, "tests/fixtures/variant/schedule.csv");
    h = fnv_file(h, "tests/fixtures/caseload.csv");
    h = fnv_file(h, "tests/fixtures/variant/waits.csv");
    h = fnv_file(h, "tests/fixtures/delays.csv");
    CHECK_EQ(rr_scenario_hash(sc), h);

    /* epochs: covid is off; subsidy from 2021-01-01 (day 366), amnesty
     * from 2021-07-01 (day 547) */
    CHECK_EQ(plan->n_events, 2);
    CHECK_EQ(plan->n_epochs, 3);
    if (plan->n_events == 2) {
        CHECK_STR(plan->events[0].name, "subsidy");
        CHECK_STR(plan->events[1].name, "amnesty");
        CHECK_STR(plan->events[1].label, "Amnesty");
        CHECK_NEAR(plan->events[1].from, 547, 0);
        CHECK(isinf(plan->events[1].until));
    }
    if (plan->n_epochs == 3) {
        CHECK_NEAR(plan->t[1], 366, 0);
        CHECK_NEAR(plan->t[2], 547, 0);
    }

    const rr_config *c = plan->cfg[0];
    CHECK_STR(c->name, "test-variant");
    CHECK_STR(c->title, "Test scenario");
    CHECK_EQ(c->seed, 7);
    CHECK_EQ(c->replications, 5);
    CHECK_NEAR(c->rate, 1200 / DAYS_PER_YEAR, 1e-12);
    CHECK_EQ(c->n_schedule, 2);
    if (c->n_schedule == 2) {
        CHECK_NEAR(c->schedule_t[1], 152, 0);
        CHECK_NEAR(c->schedule_factor[1], 0.8, 0);
    }
    CHECK_EQ(c->n_countries, 3);
    CHECK_EQ(c->n_initial, 3);
    CHECK_EQ(c->n_stages, 5);
    if (c->n_stages == 5) {
        CHECK_EQ(c->stages[0].servers, 12);
        CHECK_EQ(c->stages[0].discipline, RR_PRIORITY);
        /* talk_days = 40 in the variant changes the base's ${talk} */
        CHECK_NEAR(rr_dist_mean(&c->stages[0].service), 40, 1e-9);
        CHECK_NEAR(route_p(c, 1, 2, 0), 0.6, 1e-12);
        CHECK_NEAR(route_p(c, 1, 3, 0), 0.4, 1e-12);
        CHECK_EQ(c->stages[3].servers, 3);
        CHECK_EQ(c->stages[3].service.kind, RR_DIST_EMPIRICAL);
        CHECK_NEAR(rr_dist_mean(&c->stages[3].service), 15, 1e-9);
        CHECK_NEAR(rr_dist_mean(&c->stages[4].service), 20, 1e-9);
    }
    CHECK_EQ(c->n_providers, 4);
    if (c->n_providers == 4) {
        CHECK_STR(c->providers[0].name, "iom");
        CHECK_STR(c->providers[3].name, "extra");
        CHECK_EQ(c->providers[3].channels, 1u << RR_CH_SELF);
    }
    if (plan->n_epochs == 3) {
        const rr_config *a = plan->cfg[2];
        CHECK_EQ(a->stages[0].servers, 20);
        CHECK_EQ(a->stages[3].servers, 6);
        CHECK_NEAR(a->rate, 1.5 * 1200 / DAYS_PER_YEAR, 1e-12);
        CHECK_EQ(plan->cfg[1]->stages[0].servers, 12);
    }

    /* the listing says where base settings come from */
    CHECK_EQ(print_has(sc, "# based on ../basic.ini", NULL), 1);
    CHECK_EQ(print_has(sc, "base = ../basic.ini", NULL), 1);
    CHECK_EQ(print_has(sc, "service = lognormal(mean=40d, sd=10d)",
                       "# from ../basic.ini:35"),
             1);
    CHECK_EQ(print_has(sc, "intake = 1200",
                       "# invented for the tests (from ../basic.ini:16)"),
             1);
    CHECK_EQ(print_has(sc, "servers = 12", "from"), 0);
    CHECK_EQ(print_has(sc, "2 events (1 disabled), 3 epochs", NULL), 1);
    rr_scenario_destroy(sc);

    /* the event switched on again by --set */
    const char *ov[] = {"event.covid.enabled=yes"};
    rc = rr_scenario_load("tests/fixtures/variant/variant.ini", ov, 1, &sc,
                          err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load variant.ini --set: %s", err);
    if (rc == RR_OK) {
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "plan variant.ini --set: %s", err);
        if (rc == RR_OK) {
            CHECK_EQ(plan->n_events, 3);
            CHECK_EQ(plan->n_epochs, 5);
            if (plan->n_epochs == 5)
                CHECK_EQ(plan->cfg[1]->stages[0].servers, 6);
        }
        rr_scenario_destroy(sc);
    }
}

/* test_nested - nested.ini on variant.ini on ../basic.ini. */
static void test_nested(void)
{
    rr_scenario *sc;
    char err[1024] = "";
    int rc = rr_scenario_load("tests/fixtures/variant/nested.ini", NULL, 0,
                              &sc, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load nested.ini: %s", err);
    if (rc)
        return;
    const rr_plan *plan;
    rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "plan nested.ini: %s", err);
    if (rc) {
        rr_scenario_destroy(sc);
        return;
    }
    CHECK_EQ(rr_scenario_n_files(sc), 3);
    CHECK_STR(rr_scenario_file(sc, 1), "tests/fixtures/variant/variant.ini");
    CHECK_STR(rr_scenario_file(sc, 2), "tests/fixtures/variant/../basic.ini");
    const rr_setting *st = setting(sc, "scenario.base");
    CHECK(st && strcmp(st->value, "variant.ini") == 0);
    st = setting(sc, "scenario.seed");
    CHECK(st && strcmp(st->file, "tests/fixtures/variant/variant.ini") == 0);
    CHECK_STR(rr_scenario_input_written(sc, 0), "../countries.csv");
    CHECK_STR(rr_scenario_input_written(sc, 1), "schedule.csv");
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv_file(h, "tests/fixtures/variant/nested.ini");
    h = fnv_file(h, "tests/fixtures/variant/variant.ini");
    h = fnv_file(h, "tests/fixtures/basic.ini");
    h = fnv_file(h, "tests/fixtures/countries.csv");
    h = fnv_file(h, "tests/fixtures/variant/schedule.csv");
    h = fnv_file(h, "tests/fixtures/caseload.csv");
    h = fnv_file(h, "tests/fixtures/variant/waits.csv");
    h = fnv_file(h, "tests/fixtures/delays.csv");
    CHECK_EQ(rr_scenario_hash(sc), h);

    /* covid is on again: 0, 74, 244, 366, 547 */
    CHECK_EQ(plan->n_events, 3);
    CHECK_EQ(plan->n_epochs, 5);
    if (plan->n_epochs == 5) {
        CHECK_NEAR(plan->t[1], 74, 0);
        CHECK_NEAR(plan->t[2], 244, 0);
        CHECK_NEAR(plan->t[4], 547, 0);
        CHECK(plan->cfg[2] == plan->cfg[0]);
        const rr_config *c = plan->cfg[0];
        CHECK_STR(c->name, "test-nested");
        CHECK_EQ(c->seed, 7);
        CHECK_EQ(c->stages[0].servers, 14);
        CHECK_EQ(plan->cfg[1]->stages[0].servers, 7);
        CHECK_NEAR(plan->cfg[1]->rate, 0.4 * 1200 / DAYS_PER_YEAR, 1e-12);
        /* scale.iom_share = 0.5 of the variant's 0.6 */
        CHECK_NEAR(route_p(plan->cfg[1], 1, 2, 0), 0.3, 1e-12);
        CHECK_EQ(plan->cfg[4]->stages[0].servers, 20);
        CHECK_EQ(c->n_providers, 4);
    }
    CHECK_EQ(print_has(sc, "# based on variant.ini", NULL), 1);
    CHECK_EQ(print_has(sc, "seed = 7", "# from variant.ini:9"), 1);
    CHECK_EQ(print_has(sc, "title = Test scenario", "# from ../basic.ini:6"),
             1);
    rr_scenario_destroy(sc);
}

/* test_chain - a chain of bases in a temporary folder: 8 bases deep is
 * fine, 9 is an error naming the chain; a base that names itself is a
 * cycle; a base in another folder names its tables from there. */
static void test_chain(void)
{
    char dir[] = "/tmp/rrsim-chain-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return;
    }
    char path[12][256], text[512], err[2048] = "";
    /* f0.ini: a whole scenario; fK.ini: base = f(K-1).ini, seed = K */
    write_file(dir, "f0.ini",
               "[scenario]\nname = chain\nstart = 2020-01-01\n"
               "end = 2020-12-31\n[arrivals]\nrate = 1\n[stage.a]\n"
               "service = deterministic(1d)\nroute.departed = 1\n",
               path[0], sizeof path[0]);
    for (int k = 1; k <= 9; k++) {
        char name[32];
        snprintf(name, sizeof name, "f%d.ini", k);
        snprintf(text, sizeof text, "[scenario]\nbase = f%d.ini\nseed = %d\n",
                 k - 1, k);
        write_file(dir, name, text, path[k], sizeof path[k]);
    }
    rr_scenario *sc = NULL;
    int rc = rr_scenario_load(path[8], NULL, 0, &sc, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load f8.ini: %s", err);
    if (rc == RR_OK) {
        const rr_plan *plan;
        CHECK_EQ(rr_scenario_n_files(sc), 9);
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "plan f8.ini: %s", err);
        if (rc == RR_OK)
            CHECK_EQ(plan->cfg[0]->seed, 8);
        rr_scenario_destroy(sc);
    }
    rc = rr_scenario_load(path[9], NULL, 0, &sc, err, sizeof err);
    CHECK_EQ(rc, RR_EINVAL);
    char expect[4096];
    snprintf(expect, sizeof expect,
             "%s:2: [scenario] base: more than 8 bases in a chain: ", path[1]);
    for (int k = 9; k >= 0; k--) {
        strcat(expect, path[k]); /* 10 paths of < 256 bytes fit */
        if (k)
            strcat(expect, " -> ");
    }
    CHECK_STR(err, expect);

    /* a file that is its own base, under another spelling */
    write_file(dir, "self.ini", "[scenario]\nname = x\nbase = ./self.ini\n",
               path[10], sizeof path[10]);
    rc = rr_scenario_load(path[10], NULL, 0, &sc, err, sizeof err);
    CHECK_EQ(rc, RR_EINVAL);
    snprintf(expect, sizeof expect,
             "%s:3: [scenario] base: bases form a cycle: %s -> %s/./self.ini",
             path[10], path[10], dir);
    CHECK_STR(err, expect);

    /* a base in a subfolder, with a table beside it */
    char sub[300], csv[300], base[300], var[300];
    snprintf(sub, sizeof sub, "%s/common", dir);
    if (mkdir(sub, 0777) == 0) {
        write_file(sub, "c.csv", "country,share\nAA,1\nBB,1\n", csv,
                   sizeof csv);
        write_file(sub, "base.ini",
                   "[scenario]\nname = sub\nstart = 2020-01-01\n"
                   "end = 2020-01-31\n[countries]\nfile = c.csv\n"
                   "[arrivals]\nrate = 1\n[stage.a]\n"
                   "service = deterministic(1d)\nroute.departed = 1\n"
                   "[parameters]\na = 1\na.source = base a\nb = 2\n"
                   "b.source = base b\n",
                   base, sizeof base);
        write_file(dir, "v.ini",
                   "[scenario]\nbase = common/base.ini\n[parameters]\n"
                   "a = 5\nb.source = variant b\n",
                   var, sizeof var);
        rc = rr_scenario_load(var, NULL, 0, &sc, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "load v.ini: %s", err);
        if (rc == RR_OK) {
            CHECK_STR(rr_scenario_input_written(sc, 0), "common/c.csv");
            CHECK_STR(rr_scenario_input_path(sc, 0), csv);
            CHECK_EQ(print_has(sc, "file = c.csv", "from common/base.ini:6"),
                     1);
            /* a value and its note from different files say so */
            CHECK_EQ(print_has(sc, "a = 5",
                               "# base a (note from common/base.ini:14)"),
                     1);
            CHECK_EQ(print_has(sc, "b = 2",
                               "# variant b (from common/base.ini:15; note "
                               "from v.ini:5)"),
                     1);
            rr_scenario_destroy(sc);
        }
        unlink(csv);
        unlink(base);
        unlink(var);
        rmdir(sub);
    }
    for (int k = 0; k <= 10; k++)
        unlink(path[k]);
    rmdir(dir);
}

static void test_missing_file(void)
{
    rr_scenario *sc = NULL;
    char err[512];
    int rc = rr_scenario_load("tests/fixtures/no-such.ini", NULL, 0, &sc,
                              err, sizeof err);
    CHECK_EQ(rc, RR_ENOTFOUND);
    CHECK(sc == NULL);
    CHECK_STR(err, "cannot open 'tests/fixtures/no-such.ini': No such file "
                   "or directory");
}

/* ---- issue 7: hostile scenarios ------------------------------------------ */

/* load_plan - load (with overrides) and plan; the status, message in err. */
static int load_plan(const char *path, const char *const *ov, size_t nov,
                     char *err, size_t n)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc = rr_scenario_load(path, ov, nov, &sc, err, n);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, n);
    rr_scenario_destroy(sc);
    return rc;
}

/* test_map - the hash index: many values under one hash, and growth. */
static void test_map(void)
{
    rri_map m = {0};
    size_t it = 0, v, count = 0;
    bool ok = true;
    for (size_t i = 0; i < 1000; i++)
        ok = ok && rri_map_add(&m, i % 3, i) == RR_OK;
    CHECK(ok);
    CHECK_EQ(m.n, 1000);
    while (rri_map_next(&m, 1, &it, &v)) {
        ok = ok && v % 3 == 1;
        count++;
    }
    CHECK(ok);
    CHECK_EQ(count, 333);
    it = 0;
    CHECK(!rri_map_next(&m, 99, &it, &v));
    rri_map_fini(&m);
    it = 0;
    CHECK(!rri_map_next(&m, 1, &it, &v));
    CHECK(rri_hash_str(RRI_HASH0, "ab") ==
          rri_hash(rri_hash(RRI_HASH0, "a", 1), "b", 1));
}

/* test_break_ok - where a written value may go on over lines. */
static void test_break_ok(void)
{
    CHECK(rr_scenario_break_ok("a b", 1));
    CHECK(rr_scenario_break_ok("a =b", 1)); /* "=b" is no setting */
    CHECK(rr_scenario_break_ok("a (x = 1)", 1));
    CHECK(!rr_scenario_break_ok("ab", 1));
    CHECK(!rr_scenario_break_ok("a  b", 1));
    CHECK(!rr_scenario_break_ok("a  b", 2));
    CHECK(!rr_scenario_break_ok("a ;b", 1));
    CHECK(!rr_scenario_break_ok("a #b", 1));
    CHECK(!rr_scenario_break_ok("a [b]", 1));
    CHECK(!rr_scenario_break_ok("a x = 1", 1));
    CHECK(!rr_scenario_break_ok("a x.y=1", 1));
    CHECK(!rr_scenario_break_ok("a ${p} = 1", 1));
    CHECK(!rr_scenario_break_ok("a ", 1));
    CHECK(!rr_scenario_break_ok(" a", 0));
    CHECK(!rr_scenario_break_ok("a\t b", 2));
}

/* write_chain - a scenario whose rate uses ${p0}, p0 = ${p1}, ..., the
 * last = 1; written last first when reverse. */
static void write_chain(const char *path, int n, bool reverse)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "[scenario]\nname = c\nstart = 2020-01-01\nend = 2020-01-31\n"
               "[arrivals]\nrate = ${p0}/day\n[stage.a]\n"
               "service = exponential(mean=1d)\nroute.departed = 1\n"
               "[parameters]\n");
    for (int k = 0; k < n; k++) {
        int i = reverse ? n - 1 - k : k;
        if (i == n - 1)
            fprintf(f, "p%d = 1\n", i);
        else
            fprintf(f, "p%d = ${p%d}\n", i, i + 1);
    }
    fclose(f);
}

/* test_nesting - ${...} nests at most RRI_MAX_NESTING deep, whatever the
 * order the chain is written in; cycles in long chains are named. */
static void test_nesting(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", path[300], err[1024], want[1200];
    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "%s/chain.ini", dir);
    write_chain(path, 64, false);
    CHECK_MSG(load_plan(path, NULL, 0, err, sizeof err) == RR_OK,
              "a chain of 64: %s", err);
    write_chain(path, 64, true);
    CHECK_MSG(load_plan(path, NULL, 0, err, sizeof err) == RR_OK,
              "a chain of 64 written last first: %s", err);
    write_chain(path, 65, false);
    CHECK_EQ(load_plan(path, NULL, 0, err, sizeof err), RR_EINVAL);
    snprintf(want, sizeof want,
             "%s:11: [parameters] p0: ${...} nested more than 64 deep: p0 -> "
             "p1 -> p2 -> p3 -> ... -> p63 -> p64",
             path);
    CHECK_STR(err, want);
    write_chain(path, 65, true);
    CHECK_EQ(load_plan(path, NULL, 0, err, sizeof err), RR_EINVAL);
    snprintf(want, sizeof want,
             "%s:75: [parameters] p0: ${...} nested more than 64 deep: p0 -> "
             "p1 -> p2 -> p3 -> ... -> p63 -> p64",
             path);
    CHECK_STR(err, want);

    /* a cycle at the end of a chain */
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "[scenario]\nname = c\nstart = 2020-01-01\n"
                   "end = 2020-01-31\n[arrivals]\nrate = ${p0}/day\n"
                   "[stage.a]\nservice = exponential(mean=1d)\n"
                   "route.departed = 1\n[parameters]\n");
        for (int i = 0; i < 10; i++)
            fprintf(f, "p%d = ${p%d}\n", i, i + 1);
        fprintf(f, "p10 = x${p5}\n");
        fclose(f);
    }
    CHECK_EQ(load_plan(path, NULL, 0, err, sizeof err), RR_EINVAL);
    snprintf(want, sizeof want,
             "%s:16: [parameters] p5: parameters refer to each other in a "
             "cycle: p5 -> p6 -> p7 -> p8 -> p9 -> p10 -> p5",
             path);
    CHECK_STR(err, want);

    /* an event's factor that uses parameters which use others */
    f = fopen(path, "w");
    if (f) {
        fprintf(f, "[scenario]\nname = c\nstart = 2020-01-01\n"
                   "end = 2020-01-31\n[arrivals]\nrate = ${r}/day\n"
                   "[stage.a]\nservice = exponential(mean=1d)\n"
                   "route.departed = 1\n[parameters]\nr = ${base}\n"
                   "base = 3\nf = ${g}\ng = ${h}\nh = 2.5\n"
                   "[event.e]\nfrom = 2020-01-10\nscale.r = ${f}\n");
        fclose(f);
    }
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "factor through parameters: %s", err);
    if (rc == RR_OK) {
        CHECK_EQ(plan->n_epochs, 2);
        CHECK_NEAR(plan->cfg[0]->rate, 3, 0);
        CHECK_NEAR(plan->cfg[1]->rate, 7.5, 1e-12);
    }
    rr_scenario_destroy(sc);
    unlink(path);
    rmdir(dir);
}

/* test_continuation - a value of thousands of lines is joined exactly (and
 * in linear time); the lines after it keep their numbers; a value is at
 * most RR_VALUE_MAX bytes. */
static void test_continuation(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", path[300], err[1024], want[512];
    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "%s/cont.ini", dir);
    size_t cap = 100000, n = 0;
    char *expect = malloc(cap);
    FILE *f = fopen(path, "w");
    if (!f || !expect) {
        free(expect);
        if (f)
            fclose(f);
        return;
    }
    fprintf(f, "[scenario]\nname = c\nstart = 2020-01-01\nend = 2020-01-31\n"
               "[arrivals]\nrate = 1/day\n[stage.a]\n"
               "service = exponential(mean=1d)\nroute.departed = 1\n"
               "[parameters]\nlong = a\n");
    n += (size_t)snprintf(expect + n, cap - n, "a");
    for (int i = 0; i < 5000; i++) {
        fprintf(f, "   w%d ; a comment\n", i);
        n += (size_t)snprintf(expect + n, cap - n, " w%d", i);
    }
    fprintf(f, "long.source = see\n  the note\nafter = 1\n");
    fclose(f);
    rr_scenario *sc = NULL;
    int rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "load: %s", err);
    if (rc == RR_OK) {
        const rr_setting *st = setting(sc, "long");
        CHECK(st && strcmp(st->value, expect) == 0);
        CHECK(st && st->note && strcmp(st->note, "see the note") == 0);
        st = setting(sc, "after");
        CHECK(st != NULL);
        if (st)
            CHECK_EQ(st->line, 11 + 5000 + 3);
        rr_scenario_destroy(sc);
    }
    free(expect);

    /* exactly RR_VALUE_MAX bytes: 88 + 648 * (1 + 100) */
    for (int extra = 0; extra < 2; extra++) {
        f = fopen(path, "w");
        if (!f)
            break;
        fprintf(f, "[scenario]\nname = c\nstart = 2020-01-01\n"
                   "end = 2020-01-31\n[arrivals]\nrate = 1/day\n"
                   "[stage.a]\nservice = exponential(mean=1d)\n"
                   "route.departed = 1\n[parameters]\nx = %0*d\n",
                88 + extra, 0);
        for (int i = 0; i < 648; i++)
            fprintf(f, "  %0100d\n", i);
        fclose(f);
        rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
        if (extra == 0) {
            CHECK_MSG(rc == RR_OK, "a value of 65536 bytes: %s", err);
            if (rc == RR_OK) {
                const rr_setting *st = setting(sc, "x");
                CHECK(st && strlen(st->value) == RR_VALUE_MAX);
                rr_scenario_destroy(sc);
            }
        } else {
            CHECK_EQ(rc, RR_EPARSE);
            snprintf(want, sizeof want,
                     "%s:659: [parameters] x: value longer than 65536 "
                     "characters",
                     path);
            CHECK_STR(err, want);
        }
    }
    unlink(path);
    rmdir(dir);
}

/* set_err_of - the message of loading simple.ini with one override. */
static int set_err_of(const char *ov, char *err, size_t n)
{
    const char *o[1] = {ov};
    return load_plan("tests/fixtures/simple.ini", o, 1, err, n);
}

/* test_set_values - --set values that scenario.resolved.ini could not hold
 * are refused at once, each with its reason. */
static void test_set_values(void)
{
    static const struct {
        const char *ov, *msg;
    } bad[] = {
        {"scenario.title=a\nb",
         "--set scenario.title: a value is one line (it holds a line break)"},
        {"scenario.title=a\rb",
         "--set scenario.title: a value is one line (it holds a line break)"},
        {"scenario.title=a ;b",
         "--set scenario.title: ' ;' would start a comment in a scenario "
         "file (write ';' without the space before it)"},
        {"weekly=;5",
         "--set weekly: a value cannot start with ';' (a scenario file would "
         "read it as a comment)"},
        {"scenario.title=a\tb",
         "--set scenario.title: expected text (UTF-8, no control "
         "characters), got a tab"},
        {"scenario.title=caf\xe9",
         "--set scenario.title: expected text (UTF-8, no control "
         "characters), got invalid UTF-8 (byte 0xE9)"},
        {"back.source=see ;here",
         "--set back.source: ' ;' would start a comment in a scenario file "
         "(write ';' without the space before it)"},
    };
    char err[1024], v[600];
    for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
        CHECK_EQ(set_err_of(bad[i].ov, err, sizeof err), RR_EPARSE);
        CHECK_STR(err, bad[i].msg);
    }
    CHECK_MSG(set_err_of("scenario.title=Plan #2 = [draft];v1", err,
                         sizeof err) == RR_OK,
              "%s", err);
    /* 150 characters that cannot be broken are fine, 151 are not */
    snprintf(v, sizeof v, "scenario.title=a %0150d", 0);
    CHECK_MSG(set_err_of(v, err, sizeof err) == RR_OK, "%s", err);
    snprintf(v, sizeof v, "scenario.title=a %0151d", 0);
    CHECK_EQ(set_err_of(v, err, sizeof err), RR_EPARSE);
    CHECK_STR(err, "--set scenario.title: more than 150 characters without "
                   "a space where the value could go on over lines in a "
                   "scenario file");
    /* a line may not start with "#": the two words are one piece */
    snprintf(v, sizeof v, "scenario.title=%0100d #%060d", 0, 0);
    CHECK_EQ(set_err_of(v, err, sizeof err), RR_EPARSE);
}

/* test_table_path_param - a table's path may use ${...}: the parameters
 * are known before the tables are read. */
static void test_table_path_param(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", ini[300], csv[300], err[1024];
    if (!mkdtemp(dir))
        return;
    write_file(dir, "c.csv", "country,share\nAA,1\nBB,3\n", csv, sizeof csv);
    write_file(dir, "t.ini",
               "[scenario]\nname = t\nstart = 2020-01-01\nend = 2020-01-31\n"
               "[parameters]\ncf = c.csv\n[countries]\nfile = ${cf}\n"
               "[arrivals]\nrate = 1/day\n[stage.a]\n"
               "service = exponential(mean=1d)\nroute.departed = 1\n",
               ini, sizeof ini);
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc = rr_scenario_load(ini, NULL, 0, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "file = ${cf}: %s", err);
    if (rc == RR_OK) {
        CHECK_STR(rr_scenario_input_written(sc, 0), "c.csv");
        CHECK_EQ(plan->cfg[0]->n_countries, 2);
        CHECK_NEAR(plan->cfg[0]->country_share[1], 0.75, 1e-15);
    }
    rr_scenario_destroy(sc);
    unlink(csv);
    unlink(ini);
    rmdir(dir);
}

/* test_near_zero_by_country - a country whose service takes no time but
 * that never loops, and one that loops but takes time, make no cycle; a
 * country that does both does. */
static void test_near_zero_by_country(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", ini[300], csv[300], err[1024],
         want[1200];
    static const char scen[] =
        "[scenario]\nname = t\nstart = 2020-01-01\nend = 2020-01-31\n"
        "[countries]\nfile = c.csv\n[arrivals]\nrate = 1/day\n"
        "[stage.a]\nservice = country.svc\n"
        "route.a = 0.5 * country.loop\nroute.departed = rest\n";
    if (!mkdtemp(dir))
        return;
    write_file(dir, "c.csv",
               "country,share,svc,loop\nAA,1,deterministic(0),0\n"
               "BB,1,2d,1\n",
               csv, sizeof csv);
    write_file(dir, "t.ini", scen, ini, sizeof ini);
    CHECK_MSG(load_plan(ini, NULL, 0, err, sizeof err) == RR_OK,
              "no country both takes no time and loops: %s", err);
    write_file(dir, "c.csv",
               "country,share,svc,loop\nAA,1,deterministic(0),1\n"
               "BB,1,2d,1\n",
               csv, sizeof csv);
    CHECK_EQ(load_plan(ini, NULL, 0, err, sizeof err), RR_EINVAL);
    snprintf(want, sizeof want,
             "%s:11: [stage.a] route.a: routes a -> a form a cycle that "
             "takes no time (under a second at every stage) for country AA",
             ini);
    CHECK_STR(err, want);
    unlink(csv);
    unlink(ini);
    rmdir(dir);
}

/* ---- the round trip of scenario.resolved.ini, by random values -------- */

static uint64_t rt_state = 0x2545F4914F6CDD1DULL;

static uint64_t rt_next(void)
{
    rt_state ^= rt_state << 13;
    rt_state ^= rt_state >> 7;
    rt_state ^= rt_state << 17;
    return rt_state;
}

/* rt_value - a random value of pieces that trouble INI files. */
static void rt_value(char *buf, size_t n, size_t maxlen)
{
    static const char *const piece[] = {
        "a", "b", "word", " ", " ", " ", ";", "#", "=", "[", "]", "$", "{",
        "}", "${p2}", "${hash}", "${semi}", "${brk}", "${dol}{br}",
        "# default", "   # default", " = ", "\"", "'", "\\", "`", "@",
        "\xC3\xA9", "\t", "\n", "\r", "\xE9", "\x01", "x=1", " [s]",
        "0123456789012345678901234567890123456789",
    };
    size_t len = 0, want = (size_t)(rt_next() % maxlen);
    bool tame = rt_next() % 3 != 0; /* most values are writable */
    buf[0] = '\0';
    while (len < want) {
        const char *p = piece[rt_next() % RR_COUNTOF(piece)];
        /* the troublesome control pieces only now and then */
        if ((strchr("\t\n\r\x01", p[0]) || p[0] == '\xE9') &&
            (tame || rt_next() % 8))
            continue;
        if (tame && p[0] == ';' && len && buf[len - 1] == ' ')
            continue;
        size_t k = strlen(p);
        if (len + k + 1 > n)
            break;
        memcpy(buf + len, p, k + 1);
        len += k;
    }
}

/* rt_trim - s without blanks at its ends, into buf. */
static const char *rt_trim(const char *s, char *buf, size_t n)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t k = strlen(s);
    while (k && isspace((unsigned char)s[k - 1]))
        k--;
    snprintf(buf, n, "%.*s", (int)k, s);
    return buf;
}

/* rt_writable - can the trimmed value go into a scenario file and read
 * back the same (the rule stated in docs/scenarios.md, checked here
 * independently of the reader)? */
static bool rt_writable(const char *v, size_t keylen)
{
    size_t n = strlen(v), start = 0;
    if (v[0] == ';')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x20 || c == 0x7F || c == 0xE9)
            return false; /* controls, and the only non-UTF-8 byte used */
        if (c == ';' && i && v[i - 1] == ' ')
            return false;
    }
    for (size_t i = 0; i <= n; i++) {
        if (i < n && !rr_scenario_break_ok(v, i))
            continue;
        bool lead = start == 0 && (v[0] == '#' || v[0] == '[' ||
                                   strstr(v, "x=1") == v);
        if (i - start > RR_WORD_MAX ||
            (lead && keylen + 3 + i - start > RR_LINE_MAX))
            return false;
        start = i + 1;
    }
    return true;
}

/* rt_compare - every setting of a has the same resolved value and note in
 * b (the scenario written by a's run and read back). */
static int rt_compare(rr_scenario *a, rr_scenario *b, char *why, size_t n)
{
    static char va[RR_VALUE_MAX + 1], vb[RR_VALUE_MAX + 1],
        ta[RR_VALUE_MAX + 1], tb[RR_VALUE_MAX + 1];
    for (size_t i = 0; i < rr_scenario_n_settings(a); i++) {
        const rr_setting *sa = rr_scenario_setting(a, i);
        const rr_setting *sb = NULL;
        size_t j;
        if (strcmp(sa->key, "scenario.base") == 0)
            continue;
        for (j = 0; j < rr_scenario_n_settings(b) && !sb; j++)
            if (strcmp(rr_scenario_setting(b, j)->key, sa->key) == 0)
                sb = rr_scenario_setting(b, j);
        if (!sb) {
            snprintf(why, n, "%s: not written", sa->key);
            return 1;
        }
        rr_scenario_resolved_value(a, i, va, sizeof va);
        rr_scenario_resolved_value(b, j - 1, vb, sizeof vb);
        if (strcmp(rt_trim(va, ta, sizeof ta), rt_trim(vb, tb, sizeof tb))) {
            snprintf(why, n, "%s: '%.300s' read back as '%.300s'", sa->key,
                     ta, tb);
            return 1;
        }
        if ((sa->note && *sa->note) &&
            (!sb->note || strcmp(sa->note, sb->note) != 0)) {
            snprintf(why, n, "%s: note '%.300s' read back as '%.300s'",
                     sa->key, sa->note, sb->note ? sb->note : "(none)");
            return 1;
        }
    }
    return 0;
}

/* write_resolved - sc's resolved scenario into path (copies of its tables
 * named by copy, or NULL). */
static int write_resolved(rr_scenario *sc, const char *path,
                          const char *const *copy, char *err, size_t errlen)
{
    rr_resolved_info info = {"test", "test_scenario", NULL, copy};
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write '%s'", path);
        return RR_EIO;
    }
    int rc = rr_scenario_write_resolved(sc, f, &info, err, errlen);
    if (fclose(f) != 0 && rc == RR_OK) {
        snprintf(err, errlen, "cannot write '%s'", path);
        rc = RR_EIO;
    }
    return rc;
}

/* slurp_body - the text of a resolved scenario after its manifest (the
 * "; manifest: " lines name where it was written from); NULL if none. */
static char *slurp_body(const char *path)
{
    FILE *f = fopen(path, "rb");
    char line[4096];
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    if (!f || !buf) {
        if (f)
            fclose(f);
        free(buf);
        return NULL;
    }
    buf[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        size_t k = strlen(line);
        if (strncmp(line, "; manifest: ", 12) == 0)
            continue;
        if (n + k + 1 > cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                break;
            buf = nb;
        }
        memcpy(buf + n, line, k + 1);
        n += k;
    }
    fclose(f);
    return buf;
}

/* write_round - read scenario `in`, check its plan hash against *hash (or
 * set it when 0), and write its resolved form with copies of its tables
 * into folder out (created) as out/scenario.resolved.ini; false with a
 * message on failure. */
static bool write_round(const char *in, const char *out, uint64_t *hash,
                        char *why, size_t n)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    char err[2048], path[700], dir[650];
    int rc = rr_scenario_load(in, NULL, 0, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc != RR_OK) {
        snprintf(why, n, "%s: %s", in, err);
        rr_scenario_destroy(sc);
        return false;
    }
    uint64_t h = rr_plan_hash(plan);
    if (*hash && h != *hash) {
        snprintf(why, n, "%s: plan hash %016llx, the original's %016llx", in,
                 (unsigned long long)h, (unsigned long long)*hash);
        rr_scenario_destroy(sc);
        return false;
    }
    *hash = h;
    size_t ni = rr_scenario_n_inputs(sc);
    char **copy = calloc(ni + 1, sizeof *copy);
    snprintf(dir, sizeof dir, "%s/inputs", out);
    mkdir(out, 0777);
    mkdir(dir, 0777);
    rc = copy ? RR_OK : RR_ENOMEM;
    for (size_t i = 0; i < ni && rc == RR_OK; i++) {
        const char *p = rr_scenario_input_path(sc, i), *b = strrchr(p, '/');
        char *text;
        size_t len;
        copy[i] = malloc(strlen(p) + 32);
        if (!copy[i]) {
            rc = RR_ENOMEM;
            break;
        }
        /* inputs/NAME, made unique as rrsim run does: NAME-2, NAME-3 */
        b = b ? b + 1 : p;
        sprintf(copy[i], "inputs/%s", b);
        for (int k = 2;; k++) {
            size_t j = 0;
            while (j < i && strcmp(copy[j], copy[i]) != 0)
                j++;
            if (j == i)
                break;
            sprintf(copy[i], "inputs/%d-%s", k, b);
        }
        rc = rr_scenario_input_copy(sc, i, (const char *const *)copy, &text,
                                    &len, err, sizeof err);
        if (rc == RR_OK) {
            snprintf(path, sizeof path, "%s/%s", out, copy[i]);
            FILE *f = fopen(path, "wb");
            if (!f || fwrite(text, 1, len, f) != len)
                rc = RR_EIO;
            if (f && fclose(f) != 0)
                rc = RR_EIO;
            free(text);
        }
    }
    snprintf(path, sizeof path, "%s/scenario.resolved.ini", out);
    if (rc == RR_OK)
        rc = write_resolved(sc, path, (const char *const *)copy, err,
                            sizeof err);
    for (size_t i = 0; copy && i < ni; i++)
        free(copy[i]);
    free(copy);
    rr_scenario_destroy(sc);
    if (rc != RR_OK)
        snprintf(why, n, "%s: writing: %s", in, err);
    return rc == RR_OK;
}

/* test_roundtrip_scenarios - every shipped scenario and every fixture,
 * read, written (rr_scenario_write_resolved, tables copied), read again:
 * the same plan hash each time; and the written form is a fixed point:
 * writing what was read back writes the same settings again. */
static void test_roundtrip_scenarios(void)
{
    static const char *const pats[] = {"scenarios/*.ini",
                                       "tests/fixtures/*.ini",
                                       "tests/fixtures/variant/*.ini"};
    char dir[] = "/tmp/rrsim-test-XXXXXX", why[3000];
    size_t tried = 0;
    if (!mkdtemp(dir))
        return;
    for (size_t p = 0; p < RR_COUNTOF(pats); p++) {
        glob_t g;
        if (glob(pats[p], 0, NULL, &g) != 0)
            continue;
        for (size_t k = 0; k < g.gl_pathc; k++) {
            char d1[100], d2[100], d3[100], f1[150], f2[150], f3[150];
            uint64_t hash = 0;
            snprintf(d1, sizeof d1, "%s/w1", dir);
            snprintf(d2, sizeof d2, "%s/w2", dir);
            snprintf(d3, sizeof d3, "%s/w3", dir);
            snprintf(f1, sizeof f1, "%s/scenario.resolved.ini", d1);
            snprintf(f2, sizeof f2, "%s/scenario.resolved.ini", d2);
            snprintf(f3, sizeof f3, "%s/scenario.resolved.ini", d3);
            bool ok = write_round(g.gl_pathv[k], d1, &hash, why, sizeof why) &&
                      write_round(f1, d2, &hash, why, sizeof why) &&
                      write_round(f2, d3, &hash, why, sizeof why);
            CHECK_MSG(ok, "%s: %s", g.gl_pathv[k], why);
            char *b2 = ok ? slurp_body(f2) : NULL, *b3 = ok ? slurp_body(f3)
                                                            : NULL;
            if (ok)
                CHECK_MSG(b2 && b3 && strcmp(b2, b3) == 0,
                          "%s: written again, the resolved scenario changes",
                          g.gl_pathv[k]);
            free(b2);
            free(b3);
            tried++;
            rr_remove_tree(d1);
            rr_remove_tree(d2);
            rr_remove_tree(d3);
        }
        globfree(&g);
    }
    CHECK_MSG(tried >= 9, "%zu scenarios round-tripped", tried);
    rmdir(dir);
}

/* test_plan_hash - the plan hash sees a change the model would see, and
 * not a change of where or how a value was written. */
static void test_plan_hash(void)
{
    static const char *const set1[] = {"iom_share=0.5"};
    static const char *const set2[] = {"stage.forced.max_stay=6.0m"};
    static const char *const set3[] = {"scenario.title=another"};
    static const char *const set4[] = {"stage.forced.max_stay=6.00001m"};
    const char *const *sets[] = {NULL, set1, set2, set3, set4};
    uint64_t h[5] = {0, 0, 0, 0, 0};
    char err[1024];
    for (size_t k = 0; k < 5; k++) {
        rr_scenario *sc = NULL;
        const rr_plan *plan;
        int rc = rr_scenario_load("tests/fixtures/basic.ini", sets[k],
                                  sets[k] ? 1 : 0, &sc, err, sizeof err);
        if (rc == RR_OK)
            rc = rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "%s", err);
        if (rc == RR_OK)
            h[k] = rr_plan_hash(plan);
        rr_scenario_destroy(sc);
    }
    CHECK(h[0] != h[1]); /* a parameter */
    CHECK(h[0] == h[2]); /* 6m written as 6.0m */
    CHECK(h[0] != h[3]); /* the title goes into the CSV files */
    CHECK(h[0] != h[4]); /* a hair longer */
}

/* test_write_not_listing - the resolved scenario comes from the settings,
 * not from the `rrsim check` listing: a value or a source note that looks
 * like a listing's default line ("x   # default") or section ("[s]")
 * stays the value it is, and the defaults are written for the keys not
 * written, each once. */
static void test_write_not_listing(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", ini[300], out[300], err[1024];
    rr_scenario *a = NULL, *b = NULL;
    const rr_plan *plan;
    if (!mkdtemp(dir))
        return;
    char text[1200], word[151];
    memset(word, 'x', 150);
    word[150] = '\0';
    /* source: a word of 300 characters once substituted, which no line can
     * hold: written as ${...} */
    snprintf(text, sizeof text,
             "[scenario]\nname = w\nstart = 2020-01-01\nend = 2020-03-31\n"
             "title = month   # default\nsource = ${long}\n[parameters]\n"
             "p = [reintegration]\np.source = servers = 3   # default\n"
             "half = %s\nlong = ${half}${half}\n"
             "[arrivals]\nrate = 2/day\n[stage.a]\n"
             "service = exponential(mean=2d)\nroute.departed = 1\n"
             "[event.e]\nfrom = 2020-02-01\nlabel = ${p}\n",
             word);
    write_file(dir, "w.ini", text, ini, sizeof ini);
    snprintf(out, sizeof out, "%s/r.ini", dir);
    int rc = rr_scenario_load(ini, NULL, 0, &a, err, sizeof err);
    if (rc == RR_OK)
        rc = write_resolved(a, out, NULL, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "%s", err);
    if (rc == RR_OK)
        rc = rr_scenario_load(out, NULL, 0, &b, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "read back: %s", err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(b, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "plan: %s", err);
    const rr_plan *pa;
    if (rc == RR_OK && rr_scenario_plan(a, &pa, err, sizeof err) == RR_OK)
        CHECK(rr_plan_hash(pa) == rr_plan_hash(plan));
    char *body = slurp_body(out);
    CHECK(body && strstr(body, "\ntitle = month   # default\n"));
    CHECK(body && strstr(body, "\np = [reintegration]\n"));
    CHECK(body && strstr(body, "\np.source = servers = 3   # default\n"));
    CHECK(body && strstr(body, "\nservers = unlimited ; default\n"));
    CHECK(body && strstr(body, "\nstage = a ; default\n"));
    CHECK(body && strstr(body, "\nremigration_stage = a ; default\n"));
    CHECK(body && !strstr(body, "(keep)") && !strstr(body, "(the name)"));
    CHECK(body && strstr(body, "\nsource = ${long}\n"));
    /* [reintegration] once, with its defaults */
    CHECK(body && strstr(body, "\n[reintegration]\n") &&
          !strstr(strstr(body, "\n[reintegration]\n") + 1,
                  "\n[reintegration]\n"));
    free(body);
    for (size_t i = 0; b && i < rr_scenario_n_settings(b); i++) {
        const rr_setting *s = rr_scenario_setting(b, i);
        if (strcmp(s->key, "scenario.title") == 0)
            CHECK_STR(s->value, "month   # default");
        if (strcmp(s->key, "p") == 0)
            CHECK_STR(s->note, "servers = 3   # default");
    }
    rr_scenario_destroy(a);
    rr_scenario_destroy(b);
    unlink(out);
    unlink(ini);
    rmdir(dir);
}

/* test_roundtrip_property - random values (fixed seed) given by --set to
 * a parameter, a text and a note: either refused at once with a --set
 * message, when the rule says they cannot be written, or written to
 * scenario.resolved.ini and read back the same, with every other setting
 * (those using the parameter too). */
static void test_roundtrip_property(void)
{
    char dir[] = "/tmp/rrsim-test-XXXXXX", ini[300], out[300], path[400];
    char v1[400], v2[400], v3[400], o1[450], o2[450], o3[450], t[450];
    char err[1024], why[1024];
    size_t accepted = 0, refused = 0, unplanned = 0;
    if (!mkdtemp(dir))
        return;
    write_file(dir, "rt.ini",
               "[scenario]\nname = rt\nstart = 2020-01-01\nend = 2020-03-31\n"
               "title = plain\n[parameters]\np1 = 1\np2 = 2\nsemi = ;x\n"
               "hash = # h\nbrk = [b]\ndol = $\nbr = {x}\n"
               "use = <${p1}> and ${p2}\n[arrivals]\nrate = 10/day\n"
               "[stage.a]\nservice = exponential(mean=2d)\n"
               "route.departed = 1\n[event.e]\nlabel = e ${p1}\n"
               "from = 2020-02-01\nscale.arrivals.rate = 2\n"
               "[event.f]\nfrom = 2020-03-01\n"
               "label = ${semi} ${hash} ${brk} ${dol}${br} ${use}\n",
               ini, sizeof ini);
    snprintf(out, sizeof out, "%s/out", dir);
    for (int iter = 0; iter < 500; iter++) {
        rt_value(v1, sizeof v1, 240);
        rt_value(v2, sizeof v2, 300);
        rt_value(v3, sizeof v3, 240);
        snprintf(o1, sizeof o1, "p1=%s", v1);
        snprintf(o2, sizeof o2, "scenario.source=%s", v2);
        snprintf(o3, sizeof o3, "p2.source=%s", v3);
        const char *ov[3] = {o1, o2, o3};
        bool writable = rt_writable(rt_trim(v1, t, sizeof t), 2) &&
                        rt_writable(rt_trim(v2, t, sizeof t), 15) &&
                        rt_writable(rt_trim(v3, t, sizeof t), 9);
        rr_scenario *sc = NULL, *back = NULL;
        const rr_plan *plan;
        int rc = rr_scenario_load(ini, ov, 3, &sc, err, sizeof err);
        if (rc != RR_OK) {
            CHECK_MSG(!writable && strncmp(err, "--set ", 6) == 0,
                      "refused a writable value: %s", err);
            refused++;
            continue;
        }
        CHECK_MSG(writable, "took '%s' (%d) / '%s' (%d) / '%s' (%d)", v1,
                  rt_writable(rt_trim(v1, t, sizeof t), 2), v2,
                  rt_writable(rt_trim(v2, t, sizeof t), 15), v3,
                  rt_writable(rt_trim(v3, t, sizeof t), 9));
        if (rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
            unplanned++; /* an undefined ${...}, a source too long */
            rr_scenario_destroy(sc);
            continue;
        }
        accepted++;
        mkdir(out, 0777);
        snprintf(path, sizeof path, "%s/scenario.resolved.ini", out);
        rc = write_resolved(sc, path, NULL, err, sizeof err);
        CHECK_MSG(rc == RR_OK, "write: %s", err);
        if (rc == RR_OK) {
            rc = rr_scenario_load(path, NULL, 0, &back, err, sizeof err);
            if (rc == RR_OK)
                rc = rr_scenario_plan(back, &plan, err, sizeof err);
            CHECK_MSG(rc == RR_OK, "read back '%s' / '%s' / '%s': %s", v1,
                      v2, v3, err);
            if (rc == RR_OK)
                CHECK_MSG(rt_compare(sc, back, why, sizeof why) == 0, "%s",
                          why);
        }
        rr_scenario_destroy(back);
        rr_scenario_destroy(sc);
        unlink(path);
        snprintf(path, sizeof path, "%s/inputs", out);
        rmdir(path);
        rmdir(out);
    }
    CHECK_MSG(accepted >= 100 && refused >= 50,
              "%zu values written, %zu refused, %zu not planned", accepted,
              refused, unplanned);
    unlink(ini);
    rmdir(dir);
}

int main(void)
{
    test_names();
    test_basic();
    test_simple_overrides();
    test_missing_file();
    test_files();
    test_variant();
    test_nested();
    test_chain();
    test_bad("tests/bad/*.ini", 30);
    test_bad("tests/hostile/scen-*.ini", 20);
    test_map();
    test_break_ok();
    test_nesting();
    test_continuation();
    test_set_values();
    test_table_path_param();
    test_near_zero_by_country();
    test_roundtrip_property();
    test_roundtrip_scenarios();
    test_plan_hash();
    test_write_not_listing();
    return check_summary("test_scenario");
}
