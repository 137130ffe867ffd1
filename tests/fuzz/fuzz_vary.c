/*
 * fuzz_vary.c - --vary on any text, as `rrsim sweep` takes it: the first
 * byte of the input picks a shipped scenario (as in fuzz_set.c), each
 * further line is one --vary KEY=FROM:TO:STEP or KEY=V1,V2,... (empty
 * lines skipped, at most 16).  The specs are parsed (each must give at
 * least one value; a key the scenario lacks is refused when it is read),
 * the grid is made, and the scenario is read and planned with the
 * overrides of the first and the last design point.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_scenario.h"
#include "rr_sweep.h"

#define MAX_VARY 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    return 0;
}

/* point - the scenario read and planned with design point p. */
static void point(const char *path, const rr_design *d, size_t p)
{
    char *ov[MAX_VARY], err[1024] = "";
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc;

    if (rr_design_overrides(d, p, ov) != RR_OK)
        fz_fail("out of memory");
    rc = rr_scenario_load(path, (const char *const *)ov, d->n_vary, &sc, err,
                          sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    if (rc == RR_OK)
        fz_check_plan(plan);
    if (rc != RR_OK && rc != RR_ENOMEM && !err[0])
        fz_fail("design point %zu refused without a message", p + 1);
    rr_scenario_destroy(sc);
    rr_design_overrides_free(d, ov);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], err[1024] = "";
    char *line[MAX_VARY];
    rr_vary *vary;
    rr_design d;
    size_t n = 0, got;
    char *text;
    int rc = RR_OK;

    if (size < 1)
        return 0;
    fz_setup();
    text = fz_text(data + 1, size - 1);
    got = fz_lines(text, line, MAX_VARY);
    vary = calloc(MAX_VARY, sizeof *vary);
    if (!vary)
        fz_fail("out of memory");
    for (size_t i = 0; i < got && rc == RR_OK; i++) {
        if (!line[i][0])
            continue;
        rc = rr_vary_parse(line[i], &vary[n], err, sizeof err);
        if (rc == RR_OK && vary[n].n == 0)
            fz_fail("--vary '%s' taken as no values", line[i]);
        if (rc == RR_OK)
            n++;
        else if (rc != RR_ENOMEM && !err[0])
            fz_fail("--vary '%s' refused without a message", line[i]);
    }
    if (rc != RR_OK || n == 0) {
        for (size_t i = 0; i < n; i++)
            rr_vary_fini(&vary[i]);
        free(vary);
        free(text);
        return 0;
    }
    if (rr_design_grid(vary, n, &d, err, sizeof err) == RR_OK) {
        if (d.n_points == 0 || d.n_points > RR_SWEEP_MAX_POINTS)
            fz_fail("a grid of %zu points", d.n_points);
        fz_shipped(data[0], path, sizeof path);
        point(path, &d, 0);
        if (d.n_points > 1)
            point(path, &d, d.n_points - 1);
    } else if (!err[0]) {
        fz_fail("a grid refused without a message");
    }
    rr_design_fini(&d);
    free(text);
    return 0;
}
