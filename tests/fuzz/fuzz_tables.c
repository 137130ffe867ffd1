/*
 * fuzz_tables.c - each CSV table a scenario names, read and resolved as
 * `rrsim check` does.  The first byte of the input picks the table (its
 * value modulo 4), the rest is the CSV file:
 *
 *   0  [countries] file: per-country shares, country.COL references in
 *      services, routes, coverage and events;
 *   1  [arrivals] schedule: the from/factor steps;
 *   2  [start] caseload, over tests/fixtures/basic.ini;
 *   3  the file of empirical(file=..., column=... [, weight=...]).
 */
#include <string.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_scenario.h"

static const char *const scenario[4] = {
    "[scenario]\n"
    "name = countries\n"
    "start = 2020-01-01\n"
    "end = 2020-12-31\n"
    "[arrivals]\n"
    "rate = 10/day\n"
    "stage = talks\n"
    "[countries]\n"
    "file = fuzz.csv\n"
    "[stage.talks]\n"
    "service = country.doc_delay\n"
    "route.forced = 0.3 * country.forced_ok\n"
    "route.talks = 0.1 when not forced_ok\n"
    "route.departed = rest\n"
    "[stage.forced]\n"
    "service = exponential(5d)\n"
    "channel = forced\n"
    "route.departed = 1\n"
    "[reintegration]\n"
    "sustainable = 0.7 * country.stability\n"
    "[provider.errin]\n"
    "channels = forced\n"
    "coverage = country.errin\n"
    "[event.e]\n"
    "from = 2020-06-01\n"
    "scale.country.MA.stability = 0.5\n",

    "[scenario]\n"
    "name = schedule\n"
    "start = 2020-01-01\n"
    "end = 2021-12-31\n"
    "[arrivals]\n"
    "rate = 100/month\n"
    "schedule = fuzz.csv\n"
    "stage = a\n"
    "[stage.a]\n"
    "service = exponential(5d)\n"
    "route.departed = 1\n"
    "[event.e]\n"
    "from = 2020-06-01\n"
    "until = 2020-09-01\n"
    "scale.arrivals.rate = 0.5\n",

    "[scenario]\n"
    "base = basic.ini\n"
    "[start]\n"
    "caseload = fuzz.csv\n",

    "[scenario]\n"
    "name = empirical\n"
    "start = 2020-01-01\n"
    "end = 2020-12-31\n"
    "[arrivals]\n"
    "rate = 10/day\n"
    "stage = a\n"
    "[stage.a]\n"
    "service = empirical(file=fuzz.csv, column=days)\n"
    "route.b = 0.5\n"
    "route.departed = rest\n"
    "[stage.b]\n"
    "service = empirical(file=fuzz.csv, column=days, weight=weight)\n"
    "abscond = empirical(file=\"fuzz.csv\", column=\"days\")\n"
    "route.departed = 1\n"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "tables-%d.ini", i);
        fz_write(name, scenario[i], strlen(scenario[i]));
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char name[32], path[1024], err[1024] = "";
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc;

    if (size < 1)
        return 0;
    snprintf(name, sizeof name, "tables-%d.ini", data[0] % 4);
    fz_write("fuzz.csv", data + 1, size - 1);
    fz_path(name, path, sizeof path);
    rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc == RR_OK)
        fz_check_plan(plan);
    if (rc != RR_OK && !err[0])
        fz_fail("refused without a message (%s)", rr_strerror(rc));
    rr_scenario_destroy(sc);
    return 0;
}
