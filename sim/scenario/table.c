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

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "rr_common.h"
#include "rr_util.h"

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

static void fail(struct reader *r, int code, const char *fmt, ...)
    RR_PRINTF(3, 4);

/* fail - record the first failure of a read; later ones are consequences. */
static void fail(struct reader *r, int code, const char *fmt, ...)
{
    va_list ap;

    if (r->status != RR_OK)
        return;
    va_start(ap, fmt);
    r->status = rr_err_vset(r->err, r->errlen, code, fmt, ap);
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
    else
        p = (const unsigned char *)rr_trim_span((const char *)p, &len);
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

struct named {
    const char *name;
    size_t i;
};

static int cmp_named(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* first_repeat - the smallest i whose name equals an earlier one's, or n;
 * SIZE_MAX when out of memory.  Quadratic for a few dozen names, sorted
 * (n log n) beyond, so that a hostile header of 100,000 columns costs
 * little. */
static size_t first_repeat(const char *text, const size_t *h, size_t n)
{
    size_t i, j, best = n;
    struct named *v;

    if (n <= 64) {
        for (i = 0; i < n; i++)
            for (j = 0; j < i; j++)
                if (strcmp(text + h[i], text + h[j]) == 0)
                    return i;
        return n;
    }
    v = malloc(n * sizeof *v);
    if (v == NULL)
        return SIZE_MAX;
    for (i = 0; i < n; i++) {
        v[i].name = text + h[i];
        v[i].i = i;
    }
    qsort(v, n, sizeof *v, cmp_named);
    /* in a run of equal names the second is the first repeat of it */
    for (i = 1; i < n; i++)
        if (strcmp(v[i].name, v[i - 1].name) == 0 &&
            (i < 2 || strcmp(v[i - 1].name, v[i - 2].name) != 0) &&
            v[i].i < best)
            best = v[i].i;
    free(v);
    return best;
}

/* header_done - the first row read: check the names and keep it. */
static void header_done(struct reader *r, size_t n)
{
    const size_t *h = r->cells + r->row_start;
    size_t i;

    for (i = 0; i < n; i++) {
        const char *name = r->text + h[i];
        if (name[0] == '\0') {
            fail(r, RR_EPARSE, "%s:%zu: column %zu has no name", r->path,
                 r->row_line, i + 1);
            return;
        }
    }
    i = first_repeat(r->text, h, n);
    if (i == SIZE_MAX) {
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
        return;
    }
    if (i < n) {
        fail(r, RR_EPARSE, "%s:%zu: duplicate column '%s'", r->path,
             r->row_line, r->text + h[i]);
        return;
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

/* parse_text - run the reader over the whole text. */
static void parse_text(struct reader *r, const char *text, size_t len)
{
    struct csv_parser p;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fail(r, RR_ENOMEM, "%s: out of memory", r->path);
        return;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    feed(r, &p, text, len);
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

/* rr_table_parse - check and read the text of a CSV file. */
int rr_table_parse(const char *path, const char *text, size_t len,
                   rr_table **out, char *err, size_t errlen)
{
    struct reader r;
    struct table *t = NULL;
    char why[128];
    size_t line;

    *out = NULL;
    line = rr_text_check(text, len, false, why, sizeof why);
    if (line)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%zu: %s; a table must be UTF-8 text", path, line,
                          why);
    memset(&r, 0, sizeof r);
    r.path = path;
    r.err = err;
    r.errlen = errlen;
    r.line = 1;
    parse_text(&r, text, len);
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

/* rr_table_read - read a regular file and parse it. */
int rr_table_read(const char *path, rr_table **out, char *err, size_t errlen)
{
    char *text, why[256];
    const char *verb;
    size_t len;
    int rc;

    *out = NULL;
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    if (rc == RR_ENOMEM)
        return rr_err_set(err, errlen, rc, "%s: out of memory", path);
    if (rc != RR_OK)
        return rr_err_set(err, errlen, RR_EIO, "%s: cannot %s: %s", path,
                          verb, why);
    rc = rr_table_parse(path, text, len, out, err, errlen);
    free(text);
    return rc;
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

/* rr_table_number - the cell as a finite decimal number: strtod over the
 * whole cell, but only after checking that the cell holds nothing but
 * digits, signs, '.' and exponents, since strtod also reads "inf", "nan" and
 * hexadecimal ("0x1p3"), which no table column means.  A value too large
 * for a double ("1e400") is refused; -0 reads as 0. */
int rr_table_number(const rr_table *t, size_t row, size_t col, double *out,
                    char *err, size_t errlen)
{
    const char *s = rr_table_cell(t, row, col);
    char *end;
    double v;
    bool ok = *s != '\0' && strspn(s, "0123456789.eE+-") == strlen(s);

    v = ok ? strtod(s, &end) : 0;
    if (!ok || end == s || *end != '\0' || !isfinite(v))
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%zu: column '%s': expected a number, got '%s'",
                          t->path, t->line[row], t->header[col], s);
    *out = v + 0.0;
    return RR_OK;
}

int rr_table_number_na(const rr_table *t, size_t row, int col, double *out,
                       char *err, size_t errlen)
{
    const char *s;
    if (col < 0) {
        *out = NAN;
        return RR_OK;
    }
    s = rr_table_cell(t, row, (size_t)col);
    if (!*s || strcmp(s, "NA") == 0) {
        *out = NAN;
        return RR_OK;
    }
    return rr_table_number(t, row, (size_t)col, out, err, errlen);
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

/* rr_table_only - every column is one of the n names. */
int rr_table_only(const rr_table *t, const char *const *names, size_t n,
                  char *err, size_t errlen)
{
    const struct table *priv = (const struct table *)t;
    for (size_t i = 0; i < t->n_cols; i++) {
        size_t k = 0;
        while (k < n && strcmp(t->header[i], names[k]) != 0)
            k++;
        if (k < n)
            continue;
        const char *h = t->header[i];
        const char *g =
            rr_did_you_mean(h, strlen(h), names, n, RR_DYM_AUTO, RR_DYM_NOCASE);
        if (err == NULL || errlen == 0)
            return RR_EPARSE;
        if (g) {
            snprintf(err, errlen,
                     "%s:%zu: column '%s': unknown column (did you mean "
                     "'%s'?)",
                     t->path, priv->header_line, h, g);
            return RR_EPARSE;
        }
        int w = snprintf(err, errlen,
                         "%s:%zu: column '%s': unknown column (the columns "
                         "are ",
                         t->path, priv->header_line, h);
        size_t pos = w < 0 ? 0 : (size_t)w;
        for (k = 0; k < n && pos < errlen; k++) {
            w = snprintf(err + pos, errlen - pos, "%s%s",
                         k == 0 ? "" : k + 1 == n ? " and " : ", ", names[k]);
            pos += w < 0 ? 0 : (size_t)w;
        }
        if (pos < errlen)
            snprintf(err + pos, errlen - pos, ")");
        return RR_EPARSE;
    }
    return RR_OK;
}

/* {===================================================================
 * Input files
 * ==================================================================== */

/* kind_of - what a file that is not a regular one is, for messages. */
static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "a special file";
}

/* rr_input_read - open without blocking (a FIFO with no writer would
 * otherwise wait for ever) and without taking a terminal, look at what was
 * opened through the descriptor itself (no window between a check of the
 * path and the open), refuse anything but a regular file and anything
 * larger than RR_INPUT_MAX, then read it in blocking mode.  A file that
 * grows while it is read is cut off at RR_INPUT_MAX + 1 bytes and refused
 * as too large. */
int rr_input_read(const char *path, char **text, size_t *len, rr_file_id *id,
                  const char **verb, char *why, size_t whylen)
{
    struct stat st;
    char *buf = NULL;
    size_t n = 0, cap;
    int fd, flags, e;

    *text = NULL;
    *len = 0;
    *verb = "open";
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        e = errno;
        return rr_err_set(why, whylen,
                          e == ENOENT   ? RR_ENOTFOUND
                          : e == ENOMEM ? RR_ENOMEM
                                        : RR_EIO,
                          "%s", strerror(e));
    }
    *verb = "read";
    if (fstat(fd, &st) != 0) {
        e = errno;
        close(fd);
        return rr_err_set(why, whylen, RR_EIO, "%s", strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return rr_err_set(why, whylen, RR_EIO, "not a regular file (%s)",
                          kind_of(st.st_mode));
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > RR_INPUT_MAX) {
        close(fd);
        return rr_err_set(why, whylen, RR_ERANGE,
                          "larger than %d MiB (the limit for an input file)",
                          (int)(RR_INPUT_MAX >> 20));
    }
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        e = errno;
        close(fd);
        return rr_err_set(why, whylen, RR_EIO, "%s", strerror(e));
    }
    cap = (size_t)st.st_size + 2; /* room to see that it did not grow */
    buf = malloc(cap);
    if (buf == NULL) {
        close(fd);
        return rr_err_set(why, whylen, RR_ENOMEM, "out of memory");
    }
    for (;;) {
        ssize_t got;
        if (n + 1 >= cap) {
            size_t ncap = cap * 2 > RR_INPUT_MAX + 2 ? RR_INPUT_MAX + 2
                                                      : cap * 2;
            char *nb;
            if (ncap <= cap)
                break; /* RR_INPUT_MAX + 1 bytes read */
            nb = realloc(buf, ncap);
            if (nb == NULL) {
                free(buf);
                close(fd);
                return rr_err_set(why, whylen, RR_ENOMEM, "out of memory");
            }
            buf = nb;
            cap = ncap;
        }
        got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            e = errno;
            free(buf);
            close(fd);
            return rr_err_set(why, whylen, RR_EIO, "%s", strerror(e));
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > RR_INPUT_MAX) {
        free(buf);
        return rr_err_set(why, whylen, RR_ERANGE,
                          "larger than %d MiB (the limit for an input file)",
                          (int)(RR_INPUT_MAX >> 20));
    }
    buf[n] = '\0';
    if (id != NULL) {
        id->dev = (unsigned long long)st.st_dev;
        id->ino = (unsigned long long)st.st_ino;
    }
    *text = buf;
    *len = n;
    return RR_OK;
}

/* utf8_len - length of the valid UTF-8 sequence at p (at most n bytes), 0 if
 * there is none: no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t k, i;
    unsigned lo = 0x80, hi = 0xBF;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else
        return 0;
    if (n < k || p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < k; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return k;
}

/* rr_text_check - one pass over the bytes. */
size_t rr_text_check(const char *text, size_t len, bool ini, char *why,
                     size_t whylen)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0, line = 1;

    while (i < len) {
        unsigned c = p[i];
        size_t k;
        if (c == '\n') {
            line++;
            i++;
            continue;
        }
        if (c == '\r') {
            bool crlf = i + 1 < len && p[i + 1] == '\n';
            if (ini && !crlf && i + 1 < len) {
                rr_err_set(why, whylen, RR_EPARSE,
                           "carriage return inside a line");
                return line;
            }
            if (!ini && !crlf)
                line++; /* a lone CR ends a CSV line */
            i++;
            continue;
        }
        if (c == 0) {
            rr_err_set(why, whylen, RR_EPARSE, "NUL byte");
            return line;
        }
        if (ini && (c < 0x20 || c == 0x7F) && c != '\t') {
            rr_err_set(why, whylen, RR_EPARSE, "control character 0x%02X", c);
            return line;
        }
        k = utf8_len(p + i, len - i);
        if (k == 0) {
            rr_err_set(why, whylen, RR_EPARSE,
                       "invalid UTF-8 (byte 0x%02X)", c);
            return line;
        }
        i += k;
    }
    return 0;
}

/* }=================================================================== */
