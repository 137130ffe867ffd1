/*
 * test_table.c - CSV tables: cells, trimming, quoting, the line each row
 * starts on (after comments, blank lines and quoted newlines), CRLF, BOM,
 * no final newline, line ends across read buffers, and every error message
 * by its exact text.  Fixtures are written to a fresh mkdtemp directory,
 * removed at the end.
 */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_table.h"

static char dir[256];
static char made[64][512]; /* fixtures to remove */
static size_t n_made;

/* fixture - write len bytes to DIR/name; returns the path (static storage,
 * one slot per fixture). */
static const char *fixture_n(const char *name, const char *text, size_t len)
{
    char *path;
    FILE *f;

    if (n_made == RR_COUNTOF(made)) {
        printf("test_table: too many fixtures\n");
        exit(1);
    }
    path = made[n_made++];
    snprintf(path, sizeof made[0], "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        printf("test_table: cannot write %s\n", path);
        exit(1);
    }
    return path;
}

static const char *fixture(const char *name, const char *text)
{
    return fixture_n(name, text, strlen(text));
}

/* expect_error - reading path fails with status and exactly PATH + rest. */
static void expect_error_at(const char *path, int status, const char *rest,
                            int line)
{
    static rr_table sentinel; /* rr_table_read must overwrite it with NULL */
    char err[1024], want[1024];
    rr_table *t = &sentinel;
    int rc;

    rc = rr_table_read(path, &t, err, sizeof err);
    snprintf(want, sizeof want, "%s%s", path, rest);
    CHECK_MSG(rc == status, "line %d: status %d, want %d", line, rc, status);
    CHECK_MSG(t == NULL, "line %d: no table on failure", line);
    CHECK_MSG(strcmp(err, want) == 0, "line %d: message '%s', want '%s'",
              line, err, want);
    if (t != &sentinel)
        rr_table_destroy(t);
}
#define expect_error(path, status, rest)                                   \
    expect_error_at((path), (status), (rest), __LINE__)

/* read_ok - read a fixture that must parse; NULL after a failed check. */
static rr_table *read_ok(const char *path)
{
    char err[1024] = "";
    rr_table *t = NULL;
    int rc = rr_table_read(path, &t, err, sizeof err);

    CHECK_MSG(rc == RR_OK && t != NULL, "read %s: %d '%s'", path, rc, err);
    return rc == RR_OK ? t : NULL;
}

static void test_basic(void)
{
    const char *p = fixture("basic.csv", "name,share, cap \n"
                                         "NL,0.5,10\n"
                                         "  BE , 0.25 ,\t20\n");
    char err[256];
    double v;
    int col;
    rr_table *t = read_ok(p);

    if (t == NULL)
        return;
    CHECK_STR(t->path, p);
    CHECK_EQ(t->n_cols, 3);
    CHECK_EQ(t->n_rows, 2);
    CHECK_STR(t->header[0], "name");
    CHECK_STR(t->header[2], "cap");
    CHECK_STR(rr_table_cell(t, 0, 0), "NL");
    CHECK_STR(rr_table_cell(t, 1, 0), "BE");
    CHECK_STR(rr_table_cell(t, 1, 1), "0.25");
    CHECK_STR(rr_table_cell(t, 1, 2), "20");
    CHECK_EQ(t->line[0], 2);
    CHECK_EQ(t->line[1], 3);
    CHECK_EQ(rr_table_col(t, "share"), 1);
    CHECK_EQ(rr_table_col(t, "cap"), 2);
    CHECK_EQ(rr_table_col(t, "Share"), -1);
    CHECK_EQ(rr_table_number(t, 1, 1, &v, err, sizeof err), RR_OK);
    CHECK_NEAR(v, 0.25, 0.0);
    CHECK_EQ(rr_table_number(t, 0, 2, &v, err, sizeof err), RR_OK);
    CHECK_NEAR(v, 10.0, 0.0);
    CHECK_EQ(rr_table_require(t, "cap", &col, err, sizeof err), RR_OK);
    CHECK_EQ(col, 2);
    rr_table_destroy(t);
}

static void test_lines(void)
{
    const char *p = fixture("lines.csv",
                            "# a comment, before the header\n"   /* 1 */
                            "\n"                                  /* 2 */
                            "name,note,x\n"                       /* 3 */
                            "   \t \n"                            /* 4 */
                            "a,\"two\n"                           /* 5 */
                            "lines\",1\n"                         /* 6 */
                            "  # comment with a \"stray quote\n"  /* 7 */
                            "b,\"x, y\",2\n"                      /* 8 */
                            "\"#quoted\",z,3\n"                   /* 9 */
                            "c,\"he said \"\"hi\"\"\",4\n"        /* 10 */
                            " ,,5\n"                              /* 11 */
                            "\n"                                  /* 12 */
                            "\"\n"                                /* 13 */
                            "\n"                                  /* 14 */
                            "d\",\"\",6");                        /* 15 */
    rr_table *t = read_ok(p);

    if (t == NULL)
        return;
    CHECK_EQ(t->n_cols, 3);
    CHECK_EQ(t->n_rows, 5);
    if (t->n_rows != 5) {
        rr_table_destroy(t);
        return;
    }
    CHECK_STR(t->header[1], "note");
    CHECK_STR(rr_table_cell(t, 0, 1), "two\nlines");
    CHECK_EQ(t->line[0], 5);
    CHECK_STR(rr_table_cell(t, 1, 1), "x, y");
    CHECK_EQ(t->line[1], 8);
    CHECK_STR(rr_table_cell(t, 2, 0), "c");
    CHECK_STR(rr_table_cell(t, 2, 1), "he said \"hi\"");
    CHECK_EQ(t->line[2], 10);
    CHECK_STR(rr_table_cell(t, 3, 0), "");
    CHECK_STR(rr_table_cell(t, 3, 1), "");
    CHECK_STR(rr_table_cell(t, 3, 2), "5");
    CHECK_EQ(t->line[3], 11);
    /* a quoted cell opening with a newline, trimmed; no final newline */
    CHECK_STR(rr_table_cell(t, 4, 0), "d");
    CHECK_STR(rr_table_cell(t, 4, 1), "");
    CHECK_STR(rr_table_cell(t, 4, 2), "6");
    CHECK_EQ(t->line[4], 13);
    rr_table_destroy(t);
}

static void test_crlf_bom(void)
{
    const char *p = fixture("crlf.csv", "\xEF\xBB\xBFid,v\r\n"  /* 1 */
                                        "1,2\r\n"               /* 2 */
                                        "\r\n"                  /* 3 */
                                        "3,\"a\r\n"             /* 4 */
                                        "b\"\r\n"               /* 5 */
                                        "# note\r\n"            /* 6 */
                                        "4,5\r\n");             /* 7 */
    const char *q = fixture("cr.csv", "id,v\r1,2\r\r3,4");
    const char *u = fixture("nonl.csv", "a,b\n1,2");
    const char *h = fixture("headonly.csv", "a,b\n# no data yet\n");
    rr_table *t;

    t = read_ok(p);
    if (t != NULL) {
        CHECK_STR(t->header[0], "id");
        CHECK_EQ(t->n_rows, 3);
        if (t->n_rows == 3) {
            CHECK_EQ(t->line[0], 2);
            CHECK_EQ(t->line[1], 4);
            CHECK_EQ(t->line[2], 7);
            CHECK_STR(rr_table_cell(t, 0, 1), "2");
            CHECK_STR(rr_table_cell(t, 1, 1), "a\r\nb");
            CHECK_STR(rr_table_cell(t, 2, 1), "5");
        }
        rr_table_destroy(t);
    }

    /* old Mac line ends: a lone CR ends a line too */
    t = read_ok(q);
    if (t != NULL) {
        CHECK_EQ(t->n_rows, 2);
        if (t->n_rows == 2) {
            CHECK_EQ(t->line[0], 2);
            CHECK_EQ(t->line[1], 4);
            CHECK_STR(rr_table_cell(t, 1, 1), "4");
        }
        rr_table_destroy(t);
    }

    t = read_ok(u);
    if (t != NULL) {
        CHECK_EQ(t->n_rows, 1);
        CHECK_EQ(t->line[0], 2);
        CHECK_STR(rr_table_cell(t, 0, 1), "2");
        rr_table_destroy(t);
    }

    t = read_ok(h);
    if (t != NULL) {
        CHECK_EQ(t->n_cols, 2);
        CHECK_EQ(t->n_rows, 0);
        rr_table_destroy(t);
    }
}

/*
 * test_buffer_edges - put a CR LF across a read-buffer boundary (the
 * reader's buffer is 16 KiB; 4 and 64 KiB are tried too), once in a
 * comment, once at a row end and once inside a quoted cell.
 */
static void test_buffer_edges(void)
{
    static const size_t edges[] = { 4096, 16384, 65536 };
    static char buf[70000];
    size_t e;

    for (e = 0; e < RR_COUNTOF(edges); e++) {
        size_t b = edges[e], n;
        char name[64];
        rr_table *t;

        /* comment: its CR is byte b - 1 */
        buf[0] = '#';
        memset(buf + 1, 'x', b - 2);
        n = b - 1;
        n += (size_t)sprintf(buf + n, "\r\na,b\r\n1,2\r\n");
        snprintf(name, sizeof name, "edge-comment-%zu.csv", b);
        t = read_ok(fixture_n(name, buf, n));
        if (t != NULL) {
            CHECK_EQ(t->n_rows, 1);
            CHECK_EQ(t->line[0], 3);
            rr_table_destroy(t);
        }

        /* row end */
        n = (size_t)sprintf(buf, "a,b\r\n1,");
        memset(buf + n, 'y', b - 1 - n);
        n = b - 1;
        n += (size_t)sprintf(buf + n, "\r\n3,4\r\n");
        snprintf(name, sizeof name, "edge-row-%zu.csv", b);
        t = read_ok(fixture_n(name, buf, n));
        if (t != NULL) {
            CHECK_EQ(t->n_rows, 2);
            if (t->n_rows == 2) {
                CHECK_EQ(strlen(rr_table_cell(t, 0, 1)), b - 1 - 7);
                CHECK_EQ(t->line[1], 3);
            }
            rr_table_destroy(t);
        }

        /* inside a quoted cell */
        n = (size_t)sprintf(buf, "a,b\r\n1,\"");
        memset(buf + n, 'z', b - 1 - n);
        n = b - 1;
        n += (size_t)sprintf(buf + n, "\r\nq\"\r\n3,4\r\n");
        snprintf(name, sizeof name, "edge-quote-%zu.csv", b);
        t = read_ok(fixture_n(name, buf, n));
        if (t != NULL) {
            CHECK_EQ(t->n_rows, 2);
            if (t->n_rows == 2) {
                CHECK_EQ(strlen(rr_table_cell(t, 0, 1)), b - 1 - 8 + 3);
                CHECK_EQ(t->line[0], 2);
                CHECK_EQ(t->line[1], 4);
            }
            rr_table_destroy(t);
        }
    }
}

/* test_many_rows - a long file mixing everything; every row's line is
 * known from how it was written. */
static void test_many_rows(void)
{
    enum { ROWS = 6000 };
    static char buf[ROWS * 40];
    static size_t want_line[ROWS];
    size_t i, n = 0, line = 1;
    rr_table *t;

    n += (size_t)sprintf(buf + n, "i,label\r\n");
    line++;
    for (i = 0; i < ROWS; i++) {
        if (i % 50 == 7) {
            n += (size_t)sprintf(buf + n, "# every fiftieth\r\n");
            line++;
        }
        if (i % 33 == 0) {
            n += (size_t)sprintf(buf + n, "\r\n");
            line++;
        }
        want_line[i] = line;
        if (i % 97 == 0) {
            n += (size_t)sprintf(buf + n, "%zu,\"first\r\nsecond\"\r\n", i);
            line += 2;
        } else {
            n += (size_t)sprintf(buf + n, "%zu,row %zu\n", i, i);
            line++;
        }
    }
    t = read_ok(fixture_n("many.csv", buf, n));
    if (t == NULL)
        return;
    CHECK_EQ(t->n_rows, ROWS);
    if (t->n_rows == ROWS) {
        size_t bad = 0, bad_cell = 0;
        for (i = 0; i < ROWS; i++) {
            double v = -1;
            if (t->line[i] != want_line[i])
                bad++;
            if (rr_table_number(t, i, 0, &v, NULL, 0) != RR_OK ||
                v != (double)i)
                bad_cell++;
        }
        CHECK_EQ(bad, 0);
        CHECK_EQ(bad_cell, 0);
        CHECK_STR(rr_table_cell(t, 97, 1), "first\r\nsecond");
        CHECK_STR(rr_table_cell(t, 98, 1), "row 98");
    }
    rr_table_destroy(t);
}

static void test_numbers(void)
{
    const char *p = fixture("numbers.csv", "name,share\n"   /* 1 */
                                           "a, 1e3 \n"      /* 2 */
                                           "b,abc\n"        /* 3 */
                                           "c,\n"           /* 4 */
                                           "d,inf\n"        /* 5 */
                                           "e,2.5x\n"       /* 6 */
                                           "f,-0.125\n");   /* 7 */
    char err[1024], want[1024];
    double v = 0.0;
    rr_table *t = read_ok(p);

    if (t == NULL)
        return;
    CHECK_EQ(rr_table_number(t, 0, 1, &v, err, sizeof err), RR_OK);
    CHECK_NEAR(v, 1000.0, 0.0);
    CHECK_EQ(rr_table_number(t, 5, 1, &v, err, sizeof err), RR_OK);
    CHECK_NEAR(v, -0.125, 0.0);

    v = 42.0;
    CHECK_EQ(rr_table_number(t, 1, 1, &v, err, sizeof err), RR_EPARSE);
    snprintf(want, sizeof want,
             "%s:3: column 'share': expected a number, got 'abc'", p);
    CHECK_STR(err, want);
    CHECK_NEAR(v, 42.0, 0.0); /* untouched on failure */

    CHECK_EQ(rr_table_number(t, 2, 1, &v, err, sizeof err), RR_EPARSE);
    snprintf(want, sizeof want,
             "%s:4: column 'share': expected a number, got ''", p);
    CHECK_STR(err, want);
    CHECK_EQ(rr_table_number(t, 3, 1, &v, err, sizeof err), RR_EPARSE);
    snprintf(want, sizeof want,
             "%s:5: column 'share': expected a number, got 'inf'", p);
    CHECK_STR(err, want);
    CHECK_EQ(rr_table_number(t, 4, 1, &v, err, sizeof err), RR_EPARSE);
    snprintf(want, sizeof want,
             "%s:6: column 'share': expected a number, got '2.5x'", p);
    CHECK_STR(err, want);
    /* no room for a message is allowed */
    CHECK_EQ(rr_table_number(t, 4, 1, &v, NULL, 0), RR_EPARSE);

    /* rr_table_number_na: an empty cell or an absent column is NAN; a
     * number reads as a number; other text is refused as before */
    CHECK_EQ(rr_table_number_na(t, 2, 1, &v, err, sizeof err), RR_OK);
    CHECK(isnan(v));
    CHECK_EQ(rr_table_number_na(t, 0, -1, &v, err, sizeof err), RR_OK);
    CHECK(isnan(v));
    CHECK_EQ(rr_table_number_na(t, 5, 1, &v, err, sizeof err), RR_OK);
    CHECK_NEAR(v, -0.125, 0.0);
    CHECK_EQ(rr_table_number_na(t, 1, 1, &v, err, sizeof err), RR_EPARSE);
    snprintf(want, sizeof want,
             "%s:3: column 'share': expected a number, got 'abc'", p);
    CHECK_STR(err, want);
    rr_table_destroy(t);

    p = fixture("numbers-na.csv", "name,share\nx,NA\n");
    if (!(t = read_ok(p)))
        return;
    v = 0.0;
    CHECK_EQ(rr_table_number_na(t, 0, 1, &v, err, sizeof err), RR_OK);
    CHECK(isnan(v));
    CHECK_EQ(rr_table_number(t, 0, 1, &v, err, sizeof err), RR_EPARSE);
    rr_table_destroy(t);
}

static void test_require(void)
{
    const char *p = fixture("require.csv", "a,b,c\n1,2,3\n");
    const char *q = fixture("require2.csv", "# c\n\nx,y\n");
    char err[1024], want[1024], small[12];
    int col = 7;
    rr_table *t = read_ok(p);

    if (t != NULL) {
        CHECK_EQ(rr_table_require(t, "zz", &col, err, sizeof err),
                 RR_ENOTFOUND);
        CHECK_EQ(col, -1);
        snprintf(want, sizeof want, "%s:1: missing column 'zz' (columns: a, b, c)",
                 p);
        CHECK_STR(err, want);
        /* a short buffer is cut, not overrun */
        memset(small, '@', sizeof small);
        CHECK_EQ(rr_table_require(t, "zz", &col, small, 8), RR_ENOTFOUND);
        CHECK_EQ(strlen(small), 7);
        CHECK(small[8] == '@');
        CHECK_EQ(rr_table_require(t, "zz", &col, NULL, 0), RR_ENOTFOUND);
        rr_table_destroy(t);
    }
    t = read_ok(q);
    if (t != NULL) {
        CHECK_EQ(rr_table_require(t, "a", &col, err, sizeof err),
                 RR_ENOTFOUND);
        snprintf(want, sizeof want, "%s:3: missing column 'a' (columns: x, y)",
                 q);
        CHECK_STR(err, want);
        rr_table_destroy(t);
    }
}

static void test_errors(void)
{
    char missing[512];

    snprintf(missing, sizeof missing, "%s/nope.csv", dir);
    expect_error(missing, RR_EIO, ": cannot open: No such file or directory");
    expect_error(dir, RR_EIO, ": cannot read: not a regular file (a folder)");

    expect_error(fixture("empty.csv", ""), RR_EPARSE,
                 ": empty file (expected a header row)");
    expect_error(fixture("blank.csv", "\xEF\xBB\xBF\n  \r\n# only a note\n"),
                 RR_EPARSE, ": empty file (expected a header row)");

    expect_error(fixture("short.csv", "a,b,c\n1,2,3\n\n1,2\n"), RR_EPARSE,
                 ":4: row has 2 cells, header has 3");
    expect_error(fixture("long.csv", "a,b\n# x\n1,\"2\n\",3,4"), RR_EPARSE,
                 ":3: row has 4 cells, header has 2");
    expect_error(fixture("one.csv", "a,b\n1\n"), RR_EPARSE,
                 ":2: row has 1 cell, header has 2");

    expect_error(fixture("dup.csv", "# c\nshare,x, share\n1,2,3\n"),
                 RR_EPARSE, ":2: duplicate column 'share'");
    expect_error(fixture("noname.csv", "a,,c\n"), RR_EPARSE,
                 ":1: column 2 has no name");

    /* a quote inside an unquoted cell */
    expect_error(fixture("quote.csv", "a,b\n1,2\n3,x\"y\n"), RR_EPARSE,
                 ":3: malformed CSV: error parsing data while strict "
                 "checking enabled");
    /* text after a closing quote, on the second line of the row */
    expect_error(fixture("after.csv", "a,b\n1,\"x\ny\"z\n"), RR_EPARSE,
                 ":3: malformed CSV: error parsing data while strict "
                 "checking enabled");
    /* a quote never closed: the row's first line */
    expect_error(fixture("open.csv", "a,b\n1,2\n3,\"abc\n4,5\n"), RR_EPARSE,
                 ":3: malformed CSV: error parsing data while strict "
                 "checking enabled");
}

/* test_input_read - only regular files of at most RR_INPUT_MAX bytes are
 * read; a FIFO or a device is refused at once, without blocking. */
static void test_input_read(void)
{
    char path[600], *text = (char *)"sentinel", why[256];
    const char *verb = "";
    size_t len = 7;
    rr_file_id a, b;
    int rc;

    snprintf(path, sizeof path, "%s/fifo", dir);
    CHECK(mkfifo(path, 0600) == 0);
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_EIO);
    CHECK(text == NULL);
    CHECK_STR(verb, "read");
    CHECK_STR(why, "not a regular file (a FIFO)");
    unlink(path);

    rc = rr_input_read("/dev/zero", &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(why, "not a regular file (a character device)");
    snprintf(path, sizeof path, "%s/zero-link", dir);
    CHECK(symlink("/dev/urandom", path) == 0);
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(why, "not a regular file (a character device)");
    unlink(path);
    rc = rr_input_read(dir, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(why, "not a regular file (a folder)");

    snprintf(path, sizeof path, "%s/none", dir);
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_ENOTFOUND);
    CHECK_STR(verb, "open");
    CHECK_STR(why, "No such file or directory");

    /* the size is looked at before anything is read: a sparse file of
     * 64 MiB + 1 costs nothing; one of exactly 64 MiB is read */
    snprintf(path, sizeof path, "%s/big", dir);
    CHECK(truncate(fixture("big", ""), (off_t)RR_INPUT_MAX + 1) == 0);
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_ERANGE);
    CHECK_STR(why, "larger than 64 MiB (the limit for an input file)");
    CHECK(truncate(path, (off_t)RR_INPUT_MAX) == 0);
    rc = rr_input_read(path, &text, &len, NULL, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_OK);
    CHECK_EQ(len, RR_INPUT_MAX);
    CHECK(text != NULL && text[0] == 0 && text[len] == 0);
    free(text);
    CHECK(truncate(path, 0) == 0);

    const char *p = fixture("plain.txt", "a,b\n1,2\n");
    rc = rr_input_read(p, &text, &len, &a, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_OK);
    CHECK_EQ(len, 8);
    CHECK_STR(text, "a,b\n1,2\n");
    free(text);
    rc = rr_input_read(p, &text, &len, &b, &verb, why, sizeof why);
    CHECK_EQ(rc, RR_OK);
    free(text);
    CHECK(a.dev == b.dev && a.ino == b.ino);
}

/* text_line - rr_text_check of a string literal (sizeof - 1 bytes). */
#define text_line(s, ini, why) rr_text_check((s), sizeof(s) - 1, (ini), (why), sizeof(why))

static void test_text_check(void)
{
    char why[128] = "";

    CHECK_EQ(text_line("plain, caf\xC3\xA9, \xF0\x9F\x98\x80\t\r\n", true, why),
             0);
    CHECK_EQ(text_line("a\nb\0c", true, why), 2);
    CHECK_STR(why, "NUL byte");
    CHECK_EQ(text_line("x\ny\nz\xFF", false, why), 3);
    CHECK_STR(why, "invalid UTF-8 (byte 0xFF)");
    CHECK_EQ(text_line("\xC0\xAF", false, why), 1); /* overlong '/' */
    CHECK_STR(why, "invalid UTF-8 (byte 0xC0)");
    CHECK_EQ(text_line("\xE0\x80\xAF", false, why), 1); /* overlong */
    CHECK_EQ(text_line("\xED\xA0\x80", false, why), 1); /* surrogate */
    CHECK_EQ(text_line("\xF4\x90\x80\x80", false, why), 1); /* > U+10FFFF */
    CHECK_EQ(text_line("ok\n\xE2\x82", false, why), 2); /* cut short */
    CHECK_EQ(text_line("\xE2\x82\xAC", false, why), 0); /* the euro sign */
    CHECK_EQ(text_line("a\x01", true, why), 1);
    CHECK_STR(why, "control character 0x01");
    CHECK_EQ(text_line("a\x7F", true, why), 1);
    CHECK_STR(why, "control character 0x7F");
    CHECK_EQ(text_line("a\x01\x1B", false, why), 0); /* tables may */
    CHECK_EQ(text_line("a\r\nb\r\n", true, why), 0);
    CHECK_EQ(text_line("a\r", true, why), 0);         /* at the very end */
    CHECK_EQ(text_line("a\n\nb\rc", true, why), 3);
    CHECK_STR(why, "carriage return inside a line");
    /* a table's lines end at a lone CR too */
    CHECK_EQ(text_line("a\rb\r\nc\nd\0", false, why), 4);
}

/* test_hostile_tables - NUL bytes, bytes that are not UTF-8, numbers at
 * the edges and a header too wide for the quadratic check. */
static void test_hostile_tables(void)
{
    char err[1024], want[1024], head[4096];
    rr_table *t;
    double v = 1;
    size_t n = 0;

    /* a NUL would end a cell early: the rest of it would silently go */
    expect_error(fixture_n("nul.csv", "a,b\n1,2\0 9\n", 12), RR_EPARSE,
                 ":2: NUL byte; a table must be UTF-8 text");
    expect_error(fixture("latin1.csv", "name\nS\xE3o Tom\xE9\n"), RR_EPARSE,
                 ":2: invalid UTF-8 (byte 0xE3); a table must be UTF-8 text");
    CHECK_EQ(rr_table_parse("mem.csv", "a\nx\0y\n", 6, &t, err, sizeof err),
             RR_EPARSE);
    CHECK_STR(err, "mem.csv:2: NUL byte; a table must be UTF-8 text");
    CHECK(t == NULL);
    CHECK_EQ(rr_table_parse("mem.csv", "a,b\n1,2\n", 8, &t, err, sizeof err),
             RR_OK);
    if (t) {
        CHECK_EQ(t->n_rows, 1);
        CHECK_STR(rr_table_cell(t, 0, 1), "2");
        rr_table_destroy(t);
    }

    const char *p = fixture("edges.csv", "x\n"    /* 1 */
                                         "0x10\n" /* 2 */
                                         "1e400\n" /* 3 */
                                         "nan\n"  /* 4 */
                                         "-0\n"   /* 5 */
                                         "+5\n"   /* 6 */
                                         "1e-400\n" /* 7 */
                                         "infinity\n" /* 8 */
                                         "0x1p3\n"); /* 9 */
    t = read_ok(p);
    if (t) {
        static const size_t bad[] = {0, 1, 2, 6, 7};
        for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
            CHECK_EQ(rr_table_number(t, bad[i], 0, &v, err, sizeof err),
                     RR_EPARSE);
            snprintf(want, sizeof want,
                     "%s:%zu: column 'x': expected a number, got '%s'", p,
                     bad[i] + 2, rr_table_cell(t, bad[i], 0));
            CHECK_STR(err, want);
        }
        CHECK_EQ(rr_table_number(t, 3, 0, &v, err, sizeof err), RR_OK);
        CHECK(v == 0 && !signbit(v)); /* -0 reads as 0 */
        CHECK_EQ(rr_table_number(t, 4, 0, &v, err, sizeof err), RR_OK);
        CHECK_NEAR(v, 5, 0);
        CHECK_EQ(rr_table_number(t, 5, 0, &v, err, sizeof err), RR_OK);
        CHECK(v >= 0 && v < 1e-300);
        rr_table_destroy(t);
    }

    /* 300 columns, "c42" twice and "c7" twice: the first repeat in order
     * is reported, as the quadratic check for small headers does */
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(head + n, sizeof head - n, "%sc%d", i ? "," : "",
                              i == 250 ? 42 : i == 280 ? 7 : i);
    snprintf(head + n, sizeof head - n, "\n");
    expect_error(fixture("wide.csv", head), RR_EPARSE,
                 ":1: duplicate column 'c42'");
}

static void test_no_err_buffer(void)
{
    rr_table *t = NULL;

    CHECK_EQ(rr_table_read(fixture("short2.csv", "a,b\n1\n"), &t, NULL, 0),
             RR_EPARSE);
    CHECK(t == NULL);
    rr_table_destroy(NULL);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    size_t i;

    if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 128)
        tmp = "/tmp";
    snprintf(dir, sizeof dir, "%s/rrsim-test-table-XXXXXX", tmp);
    if (mkdtemp(dir) == NULL) {
        printf("test_table: cannot create a temporary directory\n");
        return 1;
    }

    test_basic();
    test_lines();
    test_crlf_bom();
    test_buffer_edges();
    test_many_rows();
    test_numbers();
    test_require();
    test_errors();
    test_no_err_buffer();
    test_input_read();
    test_text_check();
    test_hostile_tables();

    for (i = 0; i < n_made; i++)
        if (unlink(made[i]) != 0)
            CHECK_MSG(0, "cannot remove %s", made[i]);
    CHECK_MSG(rmdir(dir) == 0, "remove %s", dir);
    return check_summary("test_table");
}
