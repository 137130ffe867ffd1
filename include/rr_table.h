/*
 * rr_table.h - CSV tables read with libcsv.
 *
 * A table is a header row of column names followed by data rows, all kept
 * as strings, with the file line each row started on so that every message
 * about a cell can say "FILE:LINE: column 'x': ...".  Blank lines and lines
 * whose first cell starts with '#' are skipped.  Every data row must have as
 * many cells as the header.
 *
 * Input files (scenario files and tables) are read whole by rr_input_read(),
 * which takes only regular files of at most RR_INPUT_MAX bytes: a FIFO,
 * a device such as /dev/zero or a folder named where a table or a base is
 * expected is refused at once instead of blocking or filling memory.  Their
 * bytes are then checked by rr_text_check() (UTF-8, no NUL) before any
 * parser sees them, since a NUL byte would silently end a line or a cell.
 */
#ifndef RR_TABLE_H
#define RR_TABLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rr_table {
    char *path;        /* as given to rr_table_read */
    size_t n_cols;
    size_t n_rows;
    char **header;     /* n_cols names, trimmed */
    char **cells;      /* n_rows * n_cols, row-major, trimmed */
    size_t *line;      /* n_rows: the file line each row starts on */
} rr_table;

/* The largest input file read: 64 MiB. */
#define RR_INPUT_MAX ((size_t)64 << 20)

/* Which file was read (device and inode), to tell files apart however
 * their paths are spelled. */
typedef struct rr_file_id {
    unsigned long long dev, ino;
} rr_file_id;

/* rr_input_read - the whole of a regular file of at most RR_INPUT_MAX
 * bytes, NUL-terminated, into *text (the caller frees it), its length in
 * *len and, when id is not NULL, its identity.  On failure *text is NULL,
 * *verb is "open" or "read" (what failed) and why says why, without the
 * path: strerror's text, "not a regular file (a FIFO)" or "larger than 64
 * MiB (the limit for an input file)"; the status is RR_ENOTFOUND (no such
 * file), RR_EIO, RR_ERANGE (too large) or RR_ENOMEM. */
int rr_input_read(const char *path, char **text, size_t *len, rr_file_id *id,
                  const char **verb, char *why, size_t whylen);

/* rr_text_check - 0 when the len bytes at text are UTF-8 without NUL
 * bytes; otherwise the line (from 1) of the first fault, with "NUL byte",
 * "invalid UTF-8 (byte 0xFF)" or, for a scenario file (ini), "control
 * character 0x01" / "carriage return inside a line" in why.  A scenario
 * file's lines end at LF (CR LF too); a table's at LF, CR LF or a lone
 * CR, and other control characters are let through. */
size_t rr_text_check(const char *text, size_t len, bool ini, char *why,
                     size_t whylen);

/* rr_table_read - read path.  On success *out owns the table (free with
 * rr_table_destroy).  On failure returns RR_EIO ("PATH: cannot open:
 * strerror", or "PATH: cannot read: not a regular file (a FIFO)" and the
 * like: see rr_input_read), RR_EPARSE (malformed CSV, ragged row, empty
 * file, duplicate column, NUL byte, invalid UTF-8) or RR_ENOMEM, with "PATH:LINE: message" (or "PATH: message") in
 * err. */
int rr_table_read(const char *path, rr_table **out, char *err, size_t errlen);

/* rr_table_parse - the same from len bytes already read (text need not end
 * with a NUL); path is for messages.  "PATH:LINE: NUL byte (a table must
 * be UTF-8 text)" and the like for bytes rr_text_check() refuses. */
int rr_table_parse(const char *path, const char *text, size_t len,
                   rr_table **out, char *err, size_t errlen);
void rr_table_destroy(rr_table *t);

/* rr_table_col - index of the named column, or -1. */
int rr_table_col(const rr_table *t, const char *name);

/* rr_table_cell - the text of a cell. */
const char *rr_table_cell(const rr_table *t, size_t row, size_t col);

/* rr_table_number - the cell as a finite decimal number (no "inf", "nan"
 * or hexadecimal; -0 reads as 0); otherwise RR_EPARSE with
 * "PATH:LINE: column 'NAME': expected a number, got 'TEXT'" in err. */
int rr_table_number(const rr_table *t, size_t row, size_t col, double *out,
                    char *err, size_t errlen);

/* rr_table_number_na - as rr_table_number, but an empty cell, "NA" or a
 * column that is not there (col < 0) is NAN. */
int rr_table_number_na(const rr_table *t, size_t row, int col, double *out,
                       char *err, size_t errlen);

/* rr_table_require - index of a column that must exist; otherwise
 * RR_ENOTFOUND with "PATH:1: missing column 'NAME' (columns: a, b, c)". */
int rr_table_require(const rr_table *t, const char *name, int *col, char *err,
                     size_t errlen);

/* rr_table_only - every column is one of the n names (a table of fixed
 * columns, where one not read would be ignored without a word);
 * otherwise RR_EPARSE with "PATH:LINE: column 'chanel': unknown column
 * (did you mean 'channel'?)", or the list of the columns when none is
 * close. */
int rr_table_only(const rr_table *t, const char *const *names, size_t n,
                  char *err, size_t errlen);

#endif
