/*
 * fuzz_csv.c - the CSV reader (rr_table_read) on any bytes, and every
 * cell read as a number.  A table read must keep the promises of
 * rr_table.h: column names unique and not empty, rows starting on
 * increasing lines, a message whenever a read fails.
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_table.h"

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
    rr_table *t = NULL;
    int c;

    fz_setup();
    fz_write("fuzz.csv", data, size);
    fz_path("fuzz.csv", path, sizeof path);
    if (rr_table_read(path, &t, err, sizeof err) != RR_OK) {
        if (!err[0] || t)
            fz_fail("a failed read left %s", t ? "a table" : "no message");
        return 0;
    }
    if (t->n_cols == 0)
        fz_fail("a table without columns");
    for (size_t i = 0; i < t->n_cols; i++) {
        if (!t->header[i][0])
            fz_fail("column %zu has no name", i + 1);
        if (rr_table_col(t, t->header[i]) != (int)i)
            fz_fail("column '%s' appears twice", t->header[i]);
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        if (t->line[r] < 2 || (r > 0 && t->line[r] <= t->line[r - 1]))
            fz_fail("row %zu starts on line %zu", r, t->line[r]);
        for (size_t k = 0; k < t->n_cols; k++) {
            double x;
            (void)strlen(rr_table_cell(t, r, k));
            if (rr_table_number(t, r, k, &x, err, sizeof err) == RR_OK &&
                !isfinite(x))
                fz_fail("cell '%s' read as %g", rr_table_cell(t, r, k), x);
        }
    }
    err[0] = '\0';
    if ((rr_table_require(t, "no such column", &c, err, sizeof err) ==
         RR_OK) != (rr_table_col(t, "no such column") >= 0) ||
        (c < 0 && !err[0]))
        fz_fail("rr_table_require and rr_table_col disagree");
    rr_table_destroy(t);
    return 0;
}
