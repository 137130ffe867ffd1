/*
 * fuzz_set.c - --set overrides on any text: the first byte of the input
 * picks a shipped scenario (its value modulo 4: tests/fixtures/basic.ini,
 * scenarios/nl-baseline.ini, scenarios/mm1.ini,
 * tests/fixtures/variant/variant.ini), each further line is one KEY=VALUE
 * override (empty lines skipped, at most 256 as on the command line).  The
 * scenario is read with them, planned and listed as `rrsim check` does.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_scenario.h"

#define MAX_SETS 256

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], err[1024] = "";
    char *line[MAX_SETS];
    const char *set[MAX_SETS];
    size_t n = 0, got;
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    char *text;
    int rc;

    if (size < 1)
        return 0;
    fz_setup();
    text = fz_text(data + 1, size - 1);
    got = fz_lines(text, line, MAX_SETS);
    for (size_t i = 0; i < got; i++)
        if (line[i][0])
            set[n++] = line[i];
    fz_shipped(data[0], path, sizeof path);
    rc = rr_scenario_load(path, set, n, &sc, err, sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc == RR_OK) {
        fz_check_plan(plan);
        fz_listing(sc);
    } else if (rc != RR_ENOMEM && !err[0]) {
        fz_fail("refused without a message (%s)", rr_strerror(rc));
    }
    rr_scenario_destroy(sc);
    free(text);
    return 0;
}
