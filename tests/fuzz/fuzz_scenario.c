/*
 * fuzz_scenario.c - the scenario reader on any text: the input is written
 * as a scenario file and read, planned and listed as `rrsim check` does
 * (INI syntax, sections and keys, ${...} parameters, bases, the value
 * grammar of distributions, durations, rates, dates, routes and events,
 * and the tables a scenario names, which the temporary folder holds
 * copies of).  A scenario refused must be told with a message that
 * names the file it is about ("FILE:LINE: ...", the scenario, a base or
 * a table).
 */
#include <string.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_scenario.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], err[1024];
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc;

    fz_setup();
    fz_write("fuzz.ini", data, size);
    fz_path("fuzz.ini", path, sizeof path);
    err[0] = '\0';
    rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc != RR_OK && rc != RR_ENOMEM &&
        strncmp(err, fz_dir(), strlen(fz_dir())) != 0)
        fz_fail("refused (%s) with a message that names no file: '%s'",
                rr_strerror(rc), err);
    if (rc == RR_OK) {
        fz_check_plan(plan);
        fz_listing(sc);
    }
    rr_scenario_destroy(sc);
    return 0;
}
