/*
 * fuzz_plot.c - the readers of `rrsim plot` on any results folder.  The
 * input is the folder's files one after the other, each introduced by a
 * line "=== NAME" (NAME one of the files a chart is drawn from; other
 * names and text before the first such line are ignored):
 *
 *   === run.csv
 *   scenario,title,...
 *   === timeseries_summary.csv
 *   ...
 *
 * The files are written into a folder and read with rr_plot_read, which
 * reads and checks them as rr_plot_results does, without gnuplot.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_plot.h"

static const char *const names[] = {
    "run.csv",     "timeseries_summary.csv", "events.csv",
    "summary.csv", "time_to_departure.csv",  "sweep.csv",
    "compare.csv", "compare_years.csv", "fit.csv", "stages_summary.csv"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    return 0;
}

/* put - the file whose header line is name (n bytes), if it is one. */
static void put(const char *name, size_t n, const uint8_t *body,
                size_t len)
{
    char file[64];
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0) {
            snprintf(file, sizeof file, "results/%s", names[i]);
            fz_write(file, body, len);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], err[1024] = "";
    const uint8_t *p = data, *end = data + size;
    const uint8_t *name = NULL, *body = NULL;
    size_t name_len = 0;
    int rc;

    fz_setup();
    for (size_t i = 0; i < RR_COUNTOF(names); i++) {
        char file[64];
        snprintf(file, sizeof file, "results/%s", names[i]);
        unlink(fz_path(file, path, sizeof path));
    }
    fz_write("results/.made", "", 0);
    while (p < end) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        const uint8_t *next = nl ? nl + 1 : end;
        if (end - p >= 4 && memcmp(p, "=== ", 4) == 0) {
            if (name)
                put((const char *)name, name_len, body, (size_t)(p - body));
            name = p + 4;
            name_len = (size_t)((nl ? nl : end) - name);
            if (name_len && name[name_len - 1] == '\r')
                name_len--;
            body = next;
        }
        p = next;
    }
    if (name)
        put((const char *)name, name_len, body, (size_t)(end - body));
    rc = rr_plot_read(fz_path("results", path, sizeof path), err,
                      sizeof err);
    if (rc != RR_OK && rc != RR_ENOMEM && !err[0])
        fz_fail("refused without a message (%s)", rr_strerror(rc));
    return 0;
}
