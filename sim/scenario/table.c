/*
 * table.c - CSV tables read with libcsv (see include/rr_table.h).
 *
 * libcsv reports cells and row ends but not where they were in the file, so
 * the reader walks the input itself between calls to csv_parse():
 *
 *   - outside a row it skips spaces, tabs and line ends, and skips a line
 *     whose first non-blank byte is '#' without showing it to libcsv (so a
 *     stray quote in a comment cannot start a quoted cell);
 *   - the first other byte starts a row: that line is the row's line;
 *   - inside a row it hands libcsv one piece at a time, each ending at the
 *     next CR or LF, and counts the line end after the piece.  A row only
 *     ends at a CR or LF, so the row-end callback always comes at the end of
 *     a piece and the reader knows at once that it is outside a row again.
 *
 * Lines are counted as LF, CR LF or a lone CR.  A UTF-8 byte order mark at
 * the start of the file is dropped.  A row whose first cell, once unquoted
 * and trimmed, starts with '#' is a comment too.
 *
 * Storage: the text of every cell goes into one NUL-separated pool; cells
 * are offsets into it while reading (the pool moves as it grows) and become
 * pointers at the end.  The header and the data cells share one pointer
 * array, so a table is five allocations whatever its size.
 */
#include "rr_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "rr_common.h"

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* The table as allocated; rr_table is its first member, so the pointer
 * handed out converts back. */
struct table {
    rr_table pub;
    char *text;          /* every cell's text, NUL-terminated, back to back */
    size_t header_line;  /* line of the header row, for rr_table_require */
};

struct reader {
    const char *path;
    char *err;
    size_t errlen;
    int status;          /* first failure; later callbacks do nothing */

    size_t line;         /* line of the next byte */
    bool last_cr;        /* the previous byte was CR (so LF ends no line) */
    bool in_row;         /* libcsv is inside a row */
    bool in_comment;     /* skipping a '#' line */
    size_t row_line;     /* line the current row started on */

    char *text;          /* cell text pool */
    size_t text_len, text_cap;

    size_t *cells;       /* offsets into text: header, data rows, current row */
    size_t n_cells, cells_cap;
    size_t row_start;    /* index in cells of the current row's first cell */

    size_t *lines;       /* line of each data row */
    size_t n_rows, lines_cap;

    bool have_header;
    size_t n_cols;
    size_t header_line;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* set_err - format a message into err (which may be NULL or 0 bytes). */
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static void fail(struct reader *r, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* fail - record the first failure of a read; later ones are consequences. */
static void fail(struct reader *r, int code, const char *fmt, ...)
{
    va_list ap;

    if (r->status != RR_OK)
        return;
    r->status = code;
    if (r->err == NULL || r->errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
}

/* grow - v with room for `need` items of `size` bytes (capacity *cap),
 * doubling.  Returns v itself when it is big enough, the moved block, or NULL
 * when out of memory or the size overflows (v is then untouched). */
static void *grow(void *v, size_t *cap, size_t need, size_t size)
{
    size_t ncap = *cap ? *cap : 16;
    void *nv;

    if (need <= *cap)
        return v;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return NULL;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return NULL;
    nv = realloc(v, ncap * size);
    if (nv != NULL)
        *cap = ncap;
    return nv;
}

/* on_cell - libcsv's cell callback: trim, copy into the pool, note it. */
static void on_cell(void *s, size_t len, void *data)
{
    struct reader *r = data;
    const unsigned char *p = s;
    char *text;
    size_t *cells;

    if (r->status != RR_OK)
        return;
    if (p == NULL)
        len = 0;
    while (len > 0 && isspace(p[0])) {
        p++;
        len--;
    }
    while (len > 0 && isspace(p[len - 1]))
        len--;
    if (len >= SIZE_MAX - r->text_len - 1)
        text = NULL;
    else
        text = grow(r->text, &r->text_cap, r->text_len + len + 1, 1);
    if (text == NULL) {
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
        return;
    }
    r->text = text;
    cells = grow(r->cells, &r->cells_cap, r->n_cells + 1, sizeof *cells);
    if (cells == NULL) {
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
        return;
    }
    r->cells = cells;
    if (len > 0)
        memcpy(r->text + r->text_len, p, len);
    r->text[r->text_len + len] = '\0';
    r->cells[r->n_cells++] = r->text_len;
    r->text_len += len + 1;
}

/* header_done - the first row read: check the names and keep it. */
static void header_done(struct reader *r, size_t n)
{
    const size_t *h = r->cells + r->row_start;
    size_t i, j;

    for (i = 0; i < n; i++) {
        const char *name = r->text + h[i];
        if (name[0] == '\0') {
            fail(r, RR_EPARSE, "%s:%zu: column %zu has no name", r->path,
                 r->row_line, i + 1);
            return;
        }
        /* O(n^2), but headers are a few dozen names at most */
        for (j = 0; j < i; j++) {
            if (strcmp(name, r->text + h[j]) == 0) {
                fail(r, RR_EPARSE, "%s:%zu: duplicate column '%s'", r->path,
                     r->row_line, name);
                return;
            }
        }
    }
    r->have_header = true;
    r->n_cols = n;
    r->header_line = r->row_line;
}

/* on_row - libcsv's row-end callback: drop comments, take the header, check
 * the width of data rows. */
static void on_row(int c, void *data)
{
    struct reader *r = data;
    size_t n = r->n_cells - r->row_start;

    RR_UNUSED(c);
    r->in_row = false;
    if (r->status != RR_OK)
        return;
    if (n == 0)
        return;
    if (r->text[r->cells[r->row_start]] == '#') {
        r->text_len = r->cells[r->row_start];
        r->n_cells = r->row_start;
        return;
    }
    if (!r->have_header) {
        header_done(r, n);
    } else if (n != r->n_cols) {
        fail(r, RR_EPARSE, "%s:%zu: row has %zu cell%s, header has %zu",
             r->path, r->row_line, n, n == 1 ? "" : "s", r->n_cols);
        return;
    } else {
        size_t *lines = grow(r->lines, &r->lines_cap, r->n_rows + 1,
                             sizeof *lines);
        if (lines == NULL) {
            fail(r, RR_ENOMEM, "%s: out of memory", r->path);
            return;
        }
        r->lines = lines;
        r->lines[r->n_rows++] = r->row_line;
    }
    r->row_start = r->n_cells;
}

/* count_eol - a CR or LF was passed: CR LF is one line end. */
static void count_eol(struct reader *r, unsigned char c)
{
    if (c == '\r' || !r->last_cr)
        r->line++;
    r->last_cr = c == '\r';
}

/* csv_failed - turn a libcsv error into a message at the given line. */
static void csv_failed(struct reader *r, int code, size_t line)
{
    if (code == CSV_ENOMEM)
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
    else
        fail(r, RR_EPARSE, "%s:%zu: malformed CSV: %s", r->path, line,
             csv_strerror(code));
}

/* feed - pass one chunk of the file through, tracking lines and comments
 * (see the top of the file). */
static void feed(struct reader *r, struct csv_parser *p, const char *buf,
                 size_t len)
{
    size_t i = 0;

    while (i < len && r->status == RR_OK) {
        unsigned char c = (unsigned char)buf[i];
        size_t j;
        bool eol;

        if (!r->in_row) {
            if (c == '\n' || c == '\r') {
                r->in_comment = false;
                count_eol(r, c);
                i++;
                continue;
            }
            r->last_cr = false;
            if (r->in_comment || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                r->in_comment = true;
                i++;
                continue;
            }
            r->in_row = true;
            r->row_line = r->line;
        }
        j = i;
        while (j < len && buf[j] != '\n' && buf[j] != '\r')
            j++;
        if (j > i)
            r->last_cr = false;
        eol = j < len;
        if (eol)
            j++;
        if (csv_parse(p, buf + i, j - i, on_cell, on_row, r) != j - i) {
            csv_failed(r, csv_error(p), r->line);
            return;
        }
        if (eol)
            count_eol(r, (unsigned char)buf[j - 1]);
        i = j;
    }
}

/* read_file - run the reader over the open file. */
static void read_file(struct reader *r, FILE *f)
{
    struct csv_parser p;
    char buf[16384];
    size_t got;
    bool first = true;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
        return;
    }
    while (r->status == RR_OK && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        const char *s = buf;
        /* a regular file yields a full buffer or all of itself, so the
         * mark is wholly in the first chunk if it is there at all */
        if (first && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            got -= 3;
        }
        first = false;
        feed(r, &p, s, got);
    }
    if (r->status == RR_OK && ferror(f)) {
        int e = errno;
        fail(r, RR_EIO, "%s: cannot read: %s", r->path, strerror(e));
    }
    if (r->status == RR_OK && csv_fini(&p, on_cell, on_row, r) != 0)
        csv_failed(r, csv_error(&p), r->row_line);
    csv_free(&p);
    if (r->status == RR_OK && !r->have_header)
        fail(r, RR_EPARSE, "%s: empty file (expected a header row)", r->path);
}

/* build - move what the reader collected into a table. */
static struct table *build(struct reader *r)
{
    struct table *t = calloc(1, sizeof *t);
    char **ptrs;
    size_t i, n = r->n_cells;

    if (t == NULL)
        return NULL;
    t->pub.path = strdup(r->path);
    ptrs = malloc(n * sizeof *ptrs);
    if (t->pub.path == NULL || ptrs == NULL) {
        free(t->pub.path);
        free(ptrs);
        free(t);
        return NULL;
    }
    for (i = 0; i < n; i++)
        ptrs[i] = r->text + r->cells[i];
    t->pub.n_cols = r->n_cols;
    t->pub.n_rows = r->n_rows;
    t->pub.header = ptrs;
    t->pub.cells = ptrs + r->n_cols;
    t->pub.line = r->lines;
    t->text = r->text;
    t->header_line = r->header_line;
    r->lines = NULL;
    r->text = NULL;
    return t;
}

/* rr_table_read - read and check a whole CSV file. */
int rr_table_read(const char *path, rr_table **out, char *err, size_t errlen)
{
    struct reader r;
    struct table *t = NULL;
    FILE *f;

    *out = NULL;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.err = err;
    r.errlen = errlen;
    r.line = 1;

    f = fopen(path, "rb");
    if (f == NULL) {
        int e = errno;
        set_err(err, errlen, "%s: cannot open: %s", path, strerror(e));
        return RR_EIO;
    }
    read_file(&r, f);
    fclose(f);
    if (r.status == RR_OK) {
        t = build(&r);
        if (t == NULL)
            fail(&r, RR_ENOMEM, "%s: out of memory", path);
    }
    free(r.text);
    free(r.cells);
    free(r.lines);
    if (t != NULL)
        *out = &t->pub;
    return r.status;
}

/* rr_table_destroy - free a table from rr_table_read; NULL is a no-op. */
void rr_table_destroy(rr_table *pub)
{
    struct table *t = (struct table *)pub;

    if (t == NULL)
        return;
    free(t->pub.path);
    free(t->pub.header); /* also holds the cell pointers */
    free(t->pub.line);
    free(t->text);
    free(t);
}

/* rr_table_col - linear search of the header. */
int rr_table_col(const rr_table *t, const char *name)
{
    size_t i;

    for (i = 0; i < t->n_cols; i++)
        if (strcmp(t->header[i], name) == 0)
            return (int)i;
    return -1;
}

/* rr_table_cell - the text of a cell; indices out of range are a bug. */
const char *rr_table_cell(const rr_table *t, size_t row, size_t col)
{
    rr_assert(row < t->n_rows && col < t->n_cols);
    return t->cells[row * t->n_cols + col];
}

/* rr_table_number - strtod over the whole cell; inf and nan are refused
 * because no table column means them. */
int rr_table_number(const rr_table *t, size_t row, size_t col, double *out,
                    char *err, size_t errlen)
{
    const char *s = rr_table_cell(t, row, col);
    char *end;
    double v;

    v = strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v)) {
        set_err(err, errlen, "%s:%zu: column '%s': expected a number, got '%s'",
                t->path, t->line[row], t->header[col], s);
        return RR_EPARSE;
    }
    *out = v;
    return RR_OK;
}

/* rr_table_require - find a column or say which ones there are. */
int rr_table_require(const rr_table *t, const char *name, int *col, char *err,
                     size_t errlen)
{
    const struct table *priv = (const struct table *)t;
    size_t i, pos;
    int n;

    *col = rr_table_col(t, name);
    if (*col >= 0)
        return RR_OK;
    if (err == NULL || errlen == 0)
        return RR_ENOTFOUND;
    n = snprintf(err, errlen, "%s:%zu: missing column '%s' (columns: ",
                 t->path, priv->header_line, name);
    pos = n < 0 ? 0 : (size_t)n;
    for (i = 0; i < t->n_cols && pos < errlen; i++) {
        n = snprintf(err + pos, errlen - pos, "%s%s", i ? ", " : "",
                     t->header[i]);
        pos += n < 0 ? 0 : (size_t)n;
    }
    if (pos < errlen)
        snprintf(err + pos, errlen - pos, ")");
    return RR_ENOTFOUND;
}
