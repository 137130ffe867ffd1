/*
 * fuzz_observed.c - the observed-figures file of `rrsim fit` on any bytes:
 * read as a table and compared with a small run made once at start.  When
 * the comparison succeeds, its fit.csv is written and must read back
 * through the reader of `rrsim plot` (rr_plot_read), since a fit folder is
 * drawn from that file alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_output.h"
#include "rr_plot.h"
#include "rr_scenario.h"
#include "rr_table.h"

static const char scenario[] =
    "[scenario]\n"
    "name = observed\n"
    "start = 2020-01-01\n"
    "end = 2022-12-31\n"
    "report = month\n"
    "replications = 2\n"
    "[arrivals]\n"
    "rate = 5/day\n"
    "stage = talks\n"
    "[stage.talks]\n"
    "servers = 3\n"
    "service = exponential(mean=1w)\n"
    "channel = rds\n"
    "route.iom = 0.5\n"
    "route.forced = 0.3\n"
    "route.departed = rest\n"
    "[stage.iom]\n"
    "service = exponential(mean=2w)\n"
    "channel = iom\n"
    "route.departed = 1\n"
    "[stage.forced]\n"
    "servers = 1\n"
    "service = exponential(mean=3d)\n"
    "channel = forced\n"
    "route.departed = 0.9\n"
    "route.unsupervised = rest\n";

static rr_scenario *sc;
static rr_run_result res;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[1024], err[1024];
    const rr_plan *plan;
    rr_run_opts opts;

    RR_UNUSED(argc);
    RR_UNUSED(argv);
    if (sc)
        return 0;
    fz_setup();
    fz_write("observed.ini", scenario, strlen(scenario));
    fz_write("fit/fit.csv", "", 0);
    memset(&opts, 0, sizeof opts);
    opts.reps = 2;
    opts.seed = 1;
    opts.threads = 1;
    if (rr_scenario_load(fz_path("observed.ini", path, sizeof path), NULL, 0,
                         &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK ||
        rr_run(plan, &opts, &res, err, sizeof err) != RR_OK)
        fz_fail("the run to compare with: %s", err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], err[1024] = "";
    rr_table *t = NULL;
    rr_fit fit;
    int rc;

    LLVMFuzzerInitialize(NULL, NULL);
    fz_write("fuzz.csv", data, size);
    if (rr_table_read(fz_path("fuzz.csv", path, sizeof path), &t, err,
                      sizeof err) != RR_OK)
        return 0;
    rc = rr_fit_make(t, &res, &fit, err, sizeof err);
    if (rc != RR_OK && rc != RR_ENOMEM && !err[0])
        fz_fail("refused without a message (%s)", rr_strerror(rc));
    if (rc == RR_OK) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        if (!f)
            fz_fail("out of memory");
        rr_print_fit(f, &fit, &res);
        fclose(f);
        free(text);
        if (rr_write_fit(fz_path("fit/fit.csv", path, sizeof path), &fit,
                         &res, err, sizeof err) != RR_OK)
            fz_fail("cannot write fit.csv: %s", err);
        if (rr_plot_read(fz_path("fit", path, sizeof path), err,
                         sizeof err) != RR_OK)
            fz_fail("the fit.csv written does not read back: %s", err);
        rr_fit_fini(&fit);
    }
    rr_table_destroy(t);
    return 0;
}
