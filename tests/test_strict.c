/*
 * test_strict.c - a scenario cannot silently do nothing: everything a file
 * or an override writes must be used.  Parameters no setting uses (in a
 * base, a variant, a --set), misspelt sections and the section they most
 * likely meant, keys their stage or section does not use, stages no case
 * reaches, columns a table does not have or a value does not use; the
 * rules that keep a variant from being blamed for its base; and the
 * record of the overrides (rr_plan.overrides, scenario.resolved.ini) that
 * lets a resolved scenario rerun to the same run.csv.  Run from the
 * repository root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_scenario.h"
#include "rr_output.h"

static char dir[] = "/tmp/rrsim-strict-XXXXXX";

/* put - write text to dir/name; its path in a static buffer of 8. */
static const char *put(const char *name, const char *text)
{
    static char paths[8][256];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 256, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return p;
}

/* load - load and plan dir/name with the overrides; RR_OK, or the status
 * with the message in err. */
static int load(const char *name, const char *const *ov, size_t n, char *err,
                size_t errlen, rr_scenario **keep)
{
    char path[256];
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    err[0] = '\0';
    int rc = rr_scenario_load(path, ov, n, &sc, err, errlen);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, errlen);
    if (keep && rc == RR_OK)
        *keep = sc;
    else
        rr_scenario_destroy(sc);
    return rc;
}

/* EXPECT_OK(name, overrides...) and EXPECT_ERR(msg, name, overrides...):
 * msg is what follows "DIR/" (or the whole message for a --set one). */
#define OVS(...) ((const char *const[]){NULL, __VA_ARGS__})
#define NOV(...) (sizeof OVS(__VA_ARGS__) / sizeof(char *) - 1)
#define EXPECT_OK(name, ...)                                               \
    do {                                                                   \
        char e_[1024];                                                     \
        int rc_ = load(name, OVS(__VA_ARGS__) + 1, NOV(__VA_ARGS__), e_,   \
                       sizeof e_, NULL);                                   \
        CHECK_MSG(rc_ == RR_OK, "%s: %s", name, e_);                       \
    } while (0)
#define EXPECT_ERR(want, name, ...)                                        \
    do {                                                                   \
        char e_[1024], w_[1024];                                           \
        int rc_ = load(name, OVS(__VA_ARGS__) + 1, NOV(__VA_ARGS__), e_,   \
                       sizeof e_, NULL);                                   \
        if (strncmp(want, "--set", 5) == 0)                                \
            snprintf(w_, sizeof w_, "%s", want);                           \
        else                                                               \
            snprintf(w_, sizeof w_, "%s/%s", dir, want);                   \
        CHECK_MSG(rc_ != RR_OK && strcmp(e_, w_) == 0,                     \
                  "%s:\n         got    '%s'\n         expect '%s'", name, \
                  rc_ != RR_OK ? e_ : "(no error)", w_);                   \
    } while (0)

/* The base of the variants below: every setting it writes is used. */
static const char base_ini[] =
    "[scenario]\n"                                      /* 1 */
    "name = base\n"
    "start = 2020-01-01\n"
    "end = 2020-12-31\n"
    "[parameters]\n"                                    /* 5 */
    "intake = 1200\n"
    "iom_share = 0.8\n"
    "iom_share.source = about 80%\n"
    "p_closed = 0.1\n"
    "factor = 0.5\n"                                    /* 10 */
    "talk = 30\n"
    "talk_mean = ${talk}d\n"
    "[arrivals]\n"
    "rate = ${intake}/year\n"
    "[countries]\n"                                     /* 15 */
    "file = countries.csv\n"
    "[stage.rds]\n"
    "service = exponential(mean=${talk_mean})\n"
    "abscond = exponential(mean=2y)\n"
    "route.assisted = 0.5\n"                            /* 20 */
    "route.closed = ${p_closed}\n"
    "route.departed = rest\n"
    "[stage.assisted]\n"
    "service = deterministic(0)\n"
    "route.iom = ${iom_share}\n"                        /* 25 */
    "route.ngo_a = rest\n"
    "[stage.iom]\n"
    "servers = 5\n"
    "service = country.delay\n"
    "channel = iom\n"                                   /* 30 */
    "route.departed = 1\n"
    "[stage.ngo_a]\n"
    "servers = 3\n"
    "service = lognormal(mean=8w, sd=4w)\n"
    "channel = ngo\n"                                   /* 35 */
    "route.departed = 1\n"
    "[reintegration]\n"
    "remigration_share = 0.1\n"
    "remigration_delay = exponential(mean=2y)\n"
    "[provider.iom]\n"                                  /* 40 */
    "channels = iom\n"
    "[provider.frontex]\n"
    "channels = ngo\n"
    "from = 2020-06-01\n"
    "[event.covid]\n"                                   /* 45 */
    "from = 2020-03-15\n"
    "until = 2020-09-01\n"
    "scale.arrivals.rate = ${factor}\n";

static const char countries_csv[] =
    "country,name,share,delay\nMA,Morocco,2,30d\nNG,Nigeria,1,45d\n";

/* variant - "[scenario] base = base.ini / name = v" then text, from line
 * 3, into dir/name. */
static void variant(const char *name, const char *text)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "[scenario]\nbase = base.ini\nname = v\n%s",
             text);
    put(name, buf);
}

/* test_params - a parameter that no setting uses is an error where its
 * value was written, with the used parameter nearest to its name; a
 * variant that leaves one of its base's unused is not blamed for it. */
static void test_params(void)
{
    EXPECT_OK("base.ini");
    variant("v1.ini", "[parameters]\niom_shar = 0.6\n");
    EXPECT_ERR("v1.ini:5: [parameters] iom_shar: no setting uses this "
               "parameter (did you mean 'iom_share'?)",
               "v1.ini");
    variant("v2.ini", "[parameters]\niom_share = 0.6\n");
    EXPECT_OK("v2.ini");
    /* used through a parameter */
    variant("v3.ini", "[parameters]\ntalk = 40\n");
    EXPECT_OK("v3.ini");
    /* the variant replaces every setting that used talk_mean (and so talk)
     * without touching them: not its error */
    variant("v4.ini", "[stage.rds]\nservice = exponential(mean=20d)\n");
    EXPECT_OK("v4.ini");
    /* ... but a value it writes for one of them changes nothing */
    variant("v5.ini", "[stage.rds]\nservice = exponential(mean=20d)\n"
                      "[parameters]\ntalk = 40\n");
    EXPECT_ERR("v5.ini:7: [parameters] talk: no setting uses this parameter, "
               "so this value changes nothing (only parameter 'talk_mean' "
               "does, and no setting uses that one)",
               "v5.ini");
    /* a parameter only an unused one uses */
    variant("v6.ini", "[parameters]\nlow = 1\nhigh = ${low}\n");
    EXPECT_ERR("v6.ini:5: [parameters] low: no setting uses this parameter "
               "(only parameter 'high' does, and no setting uses that one)",
               "v6.ini");
    /* an event's value uses it; a table path too */
    variant("v7.ini", "[parameters]\nhalf = 0.4\n[event.covid]\n"
                      "scale.arrivals.rate = ${half}\n");
    EXPECT_OK("v7.ini");
    variant("v8.ini", "[parameters]\ncsv = countries.csv\n[countries]\n"
                      "file = ${csv}\n");
    EXPECT_OK("v8.ini");
    /* an undefined name gets the nearest declared one */
    variant("v9.ini", "[stage.assisted]\nroute.iom = ${iom_shar}\n");
    EXPECT_ERR("v9.ini:5: [stage.assisted] route.iom: undefined parameter "
               "'iom_shar' in '${iom_shar}' (did you mean 'iom_share'?)",
               "v9.ini");
}

/* test_sections - a section no other file writes is new and must be
 * complete; an incomplete one close to an existing name names it (the
 * one with the same letters first: "ngoa" is "ngo_a", not "ngo"). */
static void test_sections(void)
{
    put("ngo.ini", "[scenario]\nbase = base.ini\nname = v\n[stage.ngo]\n"
                   "service = deterministic(0)\nroute.ngo_a = 1\n"
                   "[stage.assisted]\nroute.ngo = rest\nroute.ngo_a = 0\n"
                   "[stage.ngoa]\nservers = 4\n");
    EXPECT_ERR("ngo.ini:10: [stage.ngoa]: unknown stage 'ngoa' (did you mean "
               "[stage.ngo_a]?); a new stage needs 'service = ...'",
               "ngo.ini");
    variant("s1.ini", "[event.covd]\nenabled = no\n");
    EXPECT_ERR("s1.ini:4: [event.covd]: unknown event 'covd' (did you mean "
               "[event.covid]?); a new event needs 'from = ...'",
               "s1.ini");
    variant("s2.ini", "[provider.fronteks]\nfrom = 2020-07-01\n");
    EXPECT_ERR("s2.ini:4: [provider.fronteks]: unknown provider 'fronteks' "
               "(did you mean [provider.frontex]?); a new provider needs "
               "'channels = ...'",
               "s2.ini");
    /* far from every name: the plain message */
    variant("s3.ini", "[stage.waiting]\nservers = 4\n");
    EXPECT_ERR("s3.ini:4: [stage.waiting] service: missing (required)",
               "s3.ini");
    /* with a service but no route */
    variant("s4.ini", "[stage.ngoa]\nservice = deterministic(1d)\n");
    EXPECT_ERR("s4.ini:4: [stage.ngoa]: unknown stage 'ngoa' (did you mean "
               "[stage.ngo_a]?); a new stage needs at least one "
               "'route.TARGET = ...'",
               "s4.ini");
    /* in full, but no case gets there */
    variant("s5.ini", "[stage.ngoa]\nservice = deterministic(1d)\n"
                      "route.departed = 1\n");
    EXPECT_ERR("s5.ini:4: [stage.ngoa]: no case ever reaches this stage: no "
               "route, abscond_to or release_to leads here, and cases "
               "neither arrive nor start here (did you mean [stage.ngo_a]?)",
               "s5.ini");
    /* new sections in full, used, work */
    variant("s6.ini", "[stage.assisted]\nroute.ngo_b = 0.1\n[stage.ngo_b]\n"
                      "service = deterministic(1d)\nroute.departed = 1\n"
                      "[event.more]\nfrom = 2020-10-01\n"
                      "scale.stage.ngo_a.servers = 2\n[provider.ngo]\n"
                      "channels = ngo\n");
    EXPECT_OK("s6.ini");
    /* a route set to 0 still leads there; so do abscond_to and the
     * starting caseload */
    variant("s7.ini", "[stage.assisted]\nroute.ngo_b = 0\n[stage.ngo_b]\n"
                      "service = deterministic(1d)\nroute.departed = 1\n");
    EXPECT_OK("s7.ini");
    variant("s8.ini", "[stage.rds]\nabscond_to = lost\n[stage.lost]\n"
                      "service = exponential(mean=1y)\nroute.closed = 1\n");
    EXPECT_OK("s8.ini");
    put("case.csv", "stage,country,count,elapsed\nold,MA,5,10d\n");
    variant("s9.ini", "[start]\ncaseload = case.csv\n[stage.old]\n"
                      "service = exponential(mean=1y)\nroute.closed = 1\n");
    EXPECT_OK("s9.ini");
}

/* test_keys - keys a stage or [reintegration] does not use; a default
 * written out is not blamed, nor a base's key a variant leaves unused,
 * and an event (on or off) that gives the deciding key a value keeps the
 * key in use. */
static void test_keys(void)
{
    variant("k1.ini", "[stage.iom]\nrelease_to = rds\n");
    EXPECT_ERR("k1.ini:5: [stage.iom] release_to: never used: the stage has "
               "no 'max_stay'",
               "k1.ini");
    variant("k2.ini", "[stage.iom]\nabscond_to = rds\n");
    EXPECT_ERR("k2.ini:5: [stage.iom] abscond_to: never used: cases do not "
               "abscond at this stage (it has no 'abscond')",
               "k2.ini");
    variant("k3.ini", "[stage.iom]\nabscond_to = unsupervised\n"
                      "abscond_during = stay\n");
    EXPECT_OK("k3.ini"); /* the defaults */
    variant("k4.ini", "[stage.rds]\ndiscipline = priority\n");
    EXPECT_ERR("k4.ini:5: [stage.rds] discipline: never used: with unlimited "
               "servers no case waits at this stage, so the order of the "
               "queue does not matter",
               "k4.ini");
    variant("k5.ini", "[stage.rds]\nabscond_during = queue\n");
    EXPECT_ERR("k5.ini:5: [stage.rds] abscond_during: with unlimited servers "
               "no case waits at this stage, so an 'abscond' clock that runs "
               "only while a case waits never runs",
               "k5.ini");
    variant("k6.ini", "[stage.rds]\nservers = 50\ndiscipline = priority\n"
                      "abscond_during = queue\n");
    EXPECT_OK("k6.ini");
    /* an event gives iom its abscond: abscond_to is used, event on or off */
    variant("k7.ini", "[stage.iom]\nabscond_to = rds\n[event.strike]\n"
                      "from = 2020-05-01\n"
                      "set.stage.iom.abscond = exponential(mean=1y)\n");
    EXPECT_OK("k7.ini");
    variant("k8.ini", "[stage.iom]\nabscond_to = rds\n[event.strike]\n"
                      "enabled = no\nfrom = 2020-05-01\n"
                      "set.stage.iom.abscond = exponential(mean=1y)\n");
    EXPECT_OK("k8.ini");
    /* an event that sets an unused key */
    variant("k9.ini", "[event.rel]\nfrom = 2020-05-01\n"
                      "set.stage.iom.release_to = closed\n");
    EXPECT_ERR("k9.ini:6: [event.rel] set.stage.iom.release_to: never used: "
               "the stage has no 'max_stay'",
               "k9.ini");
    /* no remigration: the variant leaves the base's delay unused */
    variant("k10.ini", "[reintegration]\nremigration_share = 0\n");
    EXPECT_OK("k10.ini");
    variant("k11.ini", "[reintegration]\nremigration_share = 0\n"
                       "remigration_delay = exponential(mean=3y)\n");
    EXPECT_ERR("k11.ini:6: [reintegration] remigration_delay: never used: "
               "remigration_share is 0, so no case comes back",
               "k11.ini");
    put("nop.ini", "[scenario]\nname = n\nstart = 2020-01-01\n"
                   "end = 2020-12-31\n[arrivals]\nrate = 1/day\n[stage.a]\n"
                   "service = exponential(mean=1d)\nchannel = self\n"
                   "route.departed = 1\n[reintegration]\n"
                   "sustainable = 0.5\n");
    EXPECT_ERR("nop.ini:12: [reintegration] sustainable: never used: there "
               "is no [provider.NAME], so no reintegration is supported "
               "(sustainable_unsupported applies to all)",
               "nop.ini");
    /* the same by --set */
    EXPECT_ERR("--set stage.iom.release_to: never used: the stage has no "
               "'max_stay'",
               "base.ini", "stage.iom.release_to=rds");
    EXPECT_OK("base.ini", "reintegration.remigration_share=0");
}

/* test_columns - fixed tables take no other column; an event's change to
 * a countries column no value uses changes nothing. */
static void test_columns(void)
{
    put("c.csv", "stage,country,count,elapsed,chanel\nrds,MA,5,1d,iom\n");
    variant("t1.ini", "[start]\ncaseload = c.csv\n");
    EXPECT_ERR("c.csv:1: column 'chanel': unknown column (did you mean "
               "'channel'?)",
               "t1.ini");
    put("c2.csv", "stage,country,count,elapsed,channel\nrds,MA,5,1d,iom\n");
    variant("t2.ini", "[start]\ncaseload = c2.csv\n");
    EXPECT_OK("t2.ini");
    put("s.csv", "from,factor,why\n2020-05-01,0.5,x\n");
    variant("t3.ini", "[arrivals]\nschedule = s.csv\n");
    EXPECT_ERR("s.csv:1: column 'why': unknown column (the columns are from "
               "and factor)",
               "t3.ini");
    variant("t4.ini", "[event.n]\nfrom = 2020-05-01\n"
                      "set.country.MA.name = Maroc\n");
    char want[512], got[1024];
    snprintf(want, sizeof want,
             "%s/t4.ini:6: [event.n] set.country.MA.name: no value uses "
             "column 'name' of %s/countries.csv, so this changes nothing",
             dir, dir);
    int rc = load("t4.ini", NULL, 0, got, sizeof got, NULL);
    CHECK_MSG(rc != RR_OK && strcmp(got, want) == 0, "got '%s'", got);
    variant("t5.ini", "[event.n]\nfrom = 2020-05-01\n"
                      "set.country.MA.delay = 60d\n");
    EXPECT_OK("t5.ini");
}

/* test_overrides - --set: unknown keys, parameters no setting uses once
 * every override applies, one only a switched-off event uses; and the
 * list of the overrides in force, each key once, in order. */
static void test_overrides(void)
{
    EXPECT_ERR("--set: unknown key 'iom_shar' (did you mean 'iom_share'?)",
               "base.ini", "iom_shar=0.6");
    EXPECT_ERR("--set p_closed: no setting uses this parameter "
               "(stage.rds.route.closed used it, but is set by --set too)",
               "base.ini", "stage.rds.route.closed=0.2", "p_closed=0.3");
    EXPECT_ERR("--set factor: no setting in use uses this parameter: only "
               "event covid does, and it is switched off (enabled = no)",
               "base.ini", "event.covid.enabled=no", "factor=0.3");
    EXPECT_OK("base.ini", "event.covid.enabled=no"); /* factor left alone */
    EXPECT_OK("base.ini", "stage.rds.route.closed=0.2"); /* p_closed too */
    EXPECT_ERR("--set scenario.override.iom_share: override.KEY records an "
               "override in scenario.resolved.ini; --set iom_share instead",
               "base.ini", "scenario.override.iom_share=0.6");

    rr_scenario *sc = NULL;
    char err[1024];
    const char *ov[] = {"iom_share=0.6", "stage.iom.servers = 9",
                        "scenario.replications=2", "iom_share=0.7",
                        "iom_share.source=my guess"};
    int rc = load("base.ini", ov, 5, err, sizeof err, &sc);
    CHECK_MSG(rc == RR_OK, "%s", err);
    if (rc != RR_OK)
        return;
    const rr_plan *plan;
    rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_EQ(plan->n_overrides, 4);
    if (plan->n_overrides == 4) {
        CHECK_STR(plan->overrides[0].key, "iom_share");
        CHECK_STR(plan->overrides[0].value, "0.7"); /* given again: in place */
        CHECK_STR(plan->overrides[1].key, "stage.iom.servers");
        CHECK_STR(plan->overrides[1].value, "9");
        CHECK_STR(plan->overrides[2].key, "scenario.replications");
        CHECK_STR(plan->overrides[3].key, "iom_share.source");
    }
    for (size_t i = 0; i < rr_scenario_n_settings(sc); i++) {
        const rr_setting *st = rr_scenario_setting(sc, i);
        if (strcmp(st->key, "iom_share") == 0)
            CHECK_STR(st->note, "my guess"); /* a note given wins */
    }
    rr_scenario_destroy(sc);

    /* a parameter set by --set: the note of the old value is gone */
    const char *ov2[] = {"iom_share=0.6"};
    rc = load("base.ini", ov2, 1, err, sizeof err, &sc);
    CHECK_MSG(rc == RR_OK, "%s", err);
    for (size_t i = 0; rc == RR_OK && i < rr_scenario_n_settings(sc); i++) {
        const rr_setting *st = rr_scenario_setting(sc, i);
        if (strcmp(st->key, "iom_share") == 0)
            CHECK_STR(st->note, "set on the command line");
    }
    if (rc == RR_OK)
        rr_scenario_destroy(sc);
    /* no overrides: none listed */
    rc = load("base.ini", NULL, 0, err, sizeof err, &sc);
    if (rc == RR_OK) {
        rr_scenario_plan(sc, &plan, err, sizeof err);
        CHECK_EQ(plan->n_overrides, 0);
        rr_scenario_destroy(sc);
    }
}

/* slurp - the whole of dir/name, or NULL. */
static char *slurp(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    if (buf)
        fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    return buf;
}

/* resolved - write scenario sc as dir/name (tables by their own paths). */
static int resolved(rr_scenario *sc, const char *name)
{
    char path[256], err[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return RR_EIO;
    rr_resolved_info info = {"test", NULL, NULL, NULL};
    int rc = rr_scenario_write_resolved(sc, f, &info, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "%s", err);
    fclose(f);
    return rc;
}

/* test_resolved - a resolved scenario written after --set: values keep
 * their ${...}, the overrides are recorded and checked, a parameter no
 * written value uses (its only user set by --set) is a comment, and it
 * reads back to the same plan with the same overrides. */
static void test_resolved(void)
{
    rr_scenario *sc = NULL, *back = NULL;
    const rr_plan *pa, *pb;
    char err[1024];
    const char *ov[] = {"iom_share=0.6", "stage.rds.route.closed=0.2",
                        "stage.iom.servers=7"};
    int rc = load("base.ini", ov, 3, err, sizeof err, &sc);
    CHECK_MSG(rc == RR_OK, "%s", err);
    if (rc != RR_OK)
        return;
    rr_scenario_plan(sc, &pa, err, sizeof err);
    if (resolved(sc, "r.ini") == RR_OK) {
        char *t = slurp("r.ini");
        CHECK(t && strstr(t, "\niom_share = 0.6\niom_share.source = set on "
                             "the command line\n"));
        CHECK(t && !strstr(t, "about 80%"));
        CHECK(t && strstr(t, "\nroute.iom = ${iom_share} ; = 0.6\n"));
        CHECK(t && strstr(t, "\noverride.iom_share = 0.6\n"
                             "override.stage.rds.route.closed = 0.2\n"
                             "override.stage.iom.servers = 7\n"));
        CHECK(t && strstr(t, "\nservers = 7 ; set on the command line\n"));
        CHECK(t && strstr(t, "\n; unused here: p_closed = 0.1\n"));
        CHECK(t && strstr(t, "\nrate = ${intake}/year ; = 1200/year\n"));
        free(t);
        rc = load("r.ini", NULL, 0, err, sizeof err, &back);
        CHECK_MSG(rc == RR_OK, "read back: %s", err);
        if (rc == RR_OK) {
            rr_scenario_plan(back, &pb, err, sizeof err);
            CHECK(rr_plan_hash(pa) == rr_plan_hash(pb));
            CHECK_EQ(pb->n_overrides, pa->n_overrides);
            for (size_t i = 0; i < pa->n_overrides && i < pb->n_overrides;
                 i++) {
                CHECK_STR(pb->overrides[i].key, pa->overrides[i].key);
                CHECK_STR(pb->overrides[i].value, pa->overrides[i].value);
            }
            rr_scenario_destroy(back);
        }
        /* --set on it again: the record gives way, in its place */
        const char *ov2[] = {"stage.iom.servers=8"};
        rc = load("r.ini", ov2, 1, err, sizeof err, &back);
        CHECK_MSG(rc == RR_OK, "%s", err);
        if (rc == RR_OK) {
            rr_scenario_plan(back, &pb, err, sizeof err);
            CHECK(pb->n_overrides == 3 &&
                  strcmp(pb->overrides[2].value, "8") == 0);
            rr_scenario_destroy(back);
        }
        /* a variant of it that writes a recorded key drops that record */
        put("rv.ini", "[scenario]\nbase = r.ini\nname = rv\n[parameters]\n"
                      "iom_share = 0.5\n");
        rc = load("rv.ini", NULL, 0, err, sizeof err, &back);
        CHECK_MSG(rc == RR_OK, "%s", err);
        if (rc == RR_OK) {
            rr_scenario_plan(back, &pb, err, sizeof err);
            CHECK(pb->n_overrides == 2 &&
                  strcmp(pb->overrides[0].key, "stage.rds.route.closed") == 0);
            rr_scenario_destroy(back);
        }
    }
    rr_scenario_destroy(sc);
    /* a record that disagrees with its value, or names nothing */
    variant("o1.ini", "override.iom_share = 0.6\n");
    EXPECT_ERR("o1.ini:4: [scenario] override.iom_share: records --set "
               "iom_share=0.6, but iom_share is '0.8' (a record that "
               "scenario.resolved.ini keeps; it changes nothing: to change "
               "iom_share, write it in its section or use --set)",
               "o1.ini");
    variant("o2.ini", "override.iom_shar = 0.6\n");
    EXPECT_ERR("o2.ini:4: [scenario] override.iom_shar: unknown key "
               "'iom_shar' (did you mean 'iom_share'?)",
               "o2.ini");
    variant("o3.ini", "override.iom_share = 0.8\n");
    EXPECT_OK("o3.ini");
}

/* test_left_unused - what a variant leaves unused in its base (keys, a
 * stage it no longer sends cases to) is listed in the resolved file's
 * [scenario] left_unused, which reads back to the same plan and is
 * written again the same; an item that is used is refused. */
static void test_left_unused(void)
{
    rr_scenario *sc = NULL, *back = NULL;
    const rr_plan *pa, *pb;
    char err[1024];
    /* the base let cases arrive at its first stage, rds, which nothing
     * else leads to */
    variant("l1.ini", "[arrivals]\nstage = assisted\n");
    int rc = load("l1.ini", NULL, 0, err, sizeof err, &sc);
    CHECK_MSG(rc == RR_OK, "%s", err);
    if (rc != RR_OK)
        return;
    rr_scenario_plan(sc, &pa, err, sizeof err);
    if (resolved(sc, "l1r.ini") == RR_OK) {
        char *t = slurp("l1r.ini");
        CHECK(t && strstr(t, "\nleft_unused = stage.rds\n"));
        free(t);
        rc = load("l1r.ini", NULL, 0, err, sizeof err, &back);
        CHECK_MSG(rc == RR_OK, "read back: %s", err);
        if (rc == RR_OK) {
            rr_scenario_plan(back, &pb, err, sizeof err);
            CHECK(rr_plan_hash(pa) == rr_plan_hash(pb));
            if (resolved(back, "l1r2.ini") == RR_OK) {
                char *t2 = slurp("l1r2.ini");
                CHECK(t2 && strstr(t2, "\nleft_unused = stage.rds\n"));
                free(t2);
            }
            rr_scenario_destroy(back);
        }
    }
    rr_scenario_destroy(sc);
    /* the same stage, in one file of its own: its writer's fault */
    char *t = slurp("l1r.ini");
    if (t) {
        char *at = strstr(t, "\nleft_unused = stage.rds\n");
        if (at)
            memcpy(at + 1, ";", 1); /* the line becomes a comment */
        put("l1c.ini", t);
        free(t);
        char want[600], got[1024];
        rc = load("l1c.ini", NULL, 0, got, sizeof got, NULL);
        snprintf(want, sizeof want, "%s/l1c.ini:", dir);
        CHECK_MSG(rc != RR_OK && strncmp(got, want, strlen(want)) == 0 &&
                      strstr(got, "[stage.rds]: no case ever reaches"),
                  "got '%s'", got);
    }
    /* an item that is used */
    variant("l2.ini", "left_unused = stage.iom\n");
    EXPECT_ERR("l2.ini:4: [scenario] left_unused: 'stage.iom' is not left "
               "unused: it is used, or names no setting or stage (the list, "
               "which scenario.resolved.ini writes, names what its scenario "
               "leaves unused)",
               "l2.ini");
    EXPECT_ERR("--set scenario.left_unused: left_unused is written by rrsim "
               "in scenario.resolved.ini, and cannot be set",
               "base.ini", "scenario.left_unused=stage.rds");
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    put("base.ini", base_ini);
    put("countries.csv", countries_csv);
    test_params();
    test_sections();
    test_keys();
    test_columns();
    test_overrides();
    test_resolved();
    test_left_unused();
    rr_remove_tree(dir);
    return check_summary("test_strict");
}
