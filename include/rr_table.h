/*
 * rr_table.h - CSV tables read with libcsv.
 *
 * A table is a header row of column names followed by data rows, all kept
 * as strings, with the file line each row started on so that every message
 * about a cell can say "FILE:LINE: column 'x': ...".  Blank lines and lines
 * whose first cell starts with '#' are skipped.  Every data row must have as
 * many cells as the header.
 */
#ifndef RR_TABLE_H
#define RR_TABLE_H

#include <stddef.h>

typedef struct rr_table {
    char *path;        /* as given to rr_table_read */
    size_t n_cols;
    size_t n_rows;
    char **header;     /* n_cols names, trimmed */
    char **cells;      /* n_rows * n_cols, row-major, trimmed */
    size_t *line;      /* n_rows: the file line each row starts on */
} rr_table;

/* rr_table_read - read path.  On success *out owns the table (free with
 * rr_table_destroy).  On failure returns RR_EIO (cannot open: strerror in
 * the message), RR_EPARSE (malformed CSV, ragged row, empty file, duplicate
 * column) or RR_ENOMEM, with "PATH:LINE: message" (or "PATH: message") in
 * err. */
int rr_table_read(const char *path, rr_table **out, char *err, size_t errlen);
void rr_table_destroy(rr_table *t);

/* rr_table_col - index of the named column, or -1. */
int rr_table_col(const rr_table *t, const char *name);

/* rr_table_cell - the text of a cell. */
const char *rr_table_cell(const rr_table *t, size_t row, size_t col);

/* rr_table_number - the cell as a finite number; otherwise RR_EPARSE with
 * "PATH:LINE: column 'NAME': expected a number, got 'TEXT'" in err. */
int rr_table_number(const rr_table *t, size_t row, size_t col, double *out,
                    char *err, size_t errlen);

/* rr_table_require - index of a column that must exist; otherwise
 * RR_ENOTFOUND with "PATH:1: missing column 'NAME' (columns: a, b, c)". */
int rr_table_require(const rr_table *t, const char *name, int *col, char *err,
                     size_t errlen);

#endif
