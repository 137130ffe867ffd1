/*
 * test_plot.c - what guards the charts against hostile results folders:
 * the one quoting function every text of a gnuplot script goes through
 * (every metacharacter, control characters, invalid UTF-8, any length),
 * read back by gnuplot itself when it is installed; the check of a
 * written chart (every cut of a PNG, SVG or PDF is refused); the lookup
 * of the program (a fixed list, never PATH); and the running of gnuplot
 * through fake programs: one that hangs (the time limit, the stop flag),
 * one that reads nothing, one that writes a cut PNG and exits 0, one that
 * fails with a message.  Then, with the real gnuplot, a folder whose
 * titles, labels and names are shell commands and gnuplot macros: the
 * charts are drawn, show the texts as they are, and nothing runs.
 * Script mode (RRSIM_GNUPLOT_SCRIPT=1): the scripts written without
 * gnuplot, the same whichever name the indicator column has, never
 * through a planted link.
 * Works in a fresh mkdtemp folder, removed at the end.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_plot.h"

static char dir[256];

static bool exists(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static void spit(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
        printf("  cannot write %s\n", path);
}

static void spit_str(const char *path, const char *s)
{
    spit(path, s, strlen(s));
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* quoted - what rr_plot_quote writes for s (caller frees). */
static char *quoted(const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return NULL;
    CHECK_EQ(rr_plot_quote(f, s), RR_OK);
    fclose(f);
    return buf;
}

/* ---- rr_plot_quote ------------------------------------------------------ */

static void test_quote_table(void)
{
    static const char *const t[][2] = {
        {"", "''"},
        {"plain title", "'plain title'"},
        /* shell and gnuplot: inert in single quotes, kept as they are */
        {"`touch pwned`", "'`touch pwned`'"},
        {"@x", "'@x'"},
        {"a@b @c@", "'a@b @c@'"},
        {"\\", "'\\'"},
        {"ends in \\", "'ends in \\'"},
        {"\\n \\\\ \\045", "'\\n \\\\ \\045'"},
        {"\"", "'\"'"},
        {"say \"hi\"", "'say \"hi\"'"},
        {";", "';'"},
        {"a; system(\"touch pwned\")", "'a; system(\"touch pwned\")'"},
        {"$", "'$'"},
        {"$data << EOD", "'$data << EOD'"},
        {"{", "'{'"},
        {"}", "'}'"},
        {"{/Symbol a}^2_x&{y}~z", "'{/Symbol a}^2_x&{y}~z'"},
        {"#", "'#'"},
        {"# not a comment", "'# not a comment'"},
        {"|touch pwned", "'|touch pwned'"},
        /* the quote: outside the single-quoted runs, as "\047" */
        {"'", "\"\\047\""},
        {"''", "\"\\047\\047\""},
        {"it's", "'it'.\"\\047\".'s'"},
        {"'a", "\"\\047\".'a'"},
        {"a'", "'a'.\"\\047\""},
        {"a''b", "'a'.\"\\047\\047\".'b'"},
        {"\\'", "'\\'.\"\\047\""},
        {"' . system('touch pwned') . '",
         "\"\\047\".' . system('.\"\\047\".'touch pwned'.\"\\047\".') . '"
         ".\"\\047\""},
        {"'`touch pwned`'", "\"\\047\".'`touch pwned`'.\"\\047\""},
        {"\"'\"", "'\"'.\"\\047\".'\"'"},
        /* control characters: a space each, the string stays on its line */
        {"a\nb", "'a b'"},
        {"a\r\nb", "'a  b'"},
        {"a\rb", "'a b'"},
        {"a\tb", "'a b'"},
        {"\n`touch pwned`\n", "' `touch pwned` '"},
        {"x\nset output '|touch pwned'",
         "'x set output '.\"\\047\".'|touch pwned'.\"\\047\""},
        {"\x1b[31mred\x1b[0m", "' [31mred [0m'"},
        {"\x01\x02\x1f\x7f", "'    '"},
        {"a\\\nb", "'a\\ b'"},
        {"'\n'", "\"\\047\".' '.\"\\047\""},
        /* UTF-8: kept when valid */
        {"é € 😀 — ·", "'é € 😀 — ·'"},
        {"Ünïcödé's", "'Ünïcödé'.\"\\047\".'s'"},
        /* C1 controls and the line separators: spaces */
        {"a\xc2\x85" "b", "'a b'"},
        {"a\xc2\x9b" "b", "'a b'"},
        {"a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "'a b c'"},
        /* invalid UTF-8: U+FFFD per byte */
        {"\xff", "'\xef\xbf\xbd'"},
        {"a\x80" "b", "'a\xef\xbf\xbd" "b'"},
        {"\xc0\xaf", "'\xef\xbf\xbd\xef\xbf\xbd'"},            /* overlong / */
        {"\xc0\xa7", "'\xef\xbf\xbd\xef\xbf\xbd'"},            /* overlong ' */
        {"\xe0\x80\xa7", "'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd'"},
        {"\xed\xa0\x80", "'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd'"}, /* D800 */
        {"\xf4\x90\x80\x80",
         "'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd'"},  /* >10FFFF */
        {"\xf8\x88\x80\x80\x80", "'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                 "\xef\xbf\xbd\xef\xbf\xbd'"},
        {"cut \xe2\x82", "'cut \xef\xbf\xbd\xef\xbf\xbd'"},
        {"\xe2\x82'", "'\xef\xbf\xbd\xef\xbf\xbd'.\"\\047\""},
        {"\xc3'", "'\xef\xbf\xbd'.\"\\047\""},
        {"\xc3\n", "'\xef\xbf\xbd '"},
    };
    for (size_t i = 0; i < RR_COUNTOF(t); i++) {
        char *q = quoted(t[i][0]);
        CHECK_MSG(q && strcmp(q, t[i][1]) == 0, "quote #%zu: got [%s], "
                  "expected [%s]", i, q ? q : "(null)", t[i][1]);
        free(q);
    }
}

/* utf8_ok - the valid UTF-8 sequence at q (no C1 control, no line
 * separator): its length, 0 when there is none. */
static size_t utf8_ok(const unsigned char *q)
{
    unsigned char c = q[0];
    size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    unsigned long cp = c >= 0xf0 ? c & 7u : c >= 0xe0 ? c & 15u : c & 31u;
    if (c < 0xc2 || c > 0xf4)
        return 0;
    for (size_t j = 1; j < k; j++) {
        if ((q[j] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (q[j] & 0x3fu);
    }
    if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
        (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
        return 0;
    return k;
}

/* well_formed - the form of any quoted text: parts joined by '.', each a
 * single-quoted run with no quote, no control character and valid UTF-8
 * in it, or "\047" repeated; on one line. */
static bool well_formed(const char *s)
{
    const unsigned char *q = (const unsigned char *)s;
    for (;;) {
        if (*q == '\'') {
            for (q++; *q != '\''; ) {
                size_t k;
                if (*q < 0x20 || *q == 0x7f)
                    return false; /* NUL (no end) included */
                if (*q < 0x80) {
                    q++;
                    continue;
                }
                if (!(k = utf8_ok(q)))
                    return false;
                q += k;
            }
            q++;
        } else if (*q == '"') {
            size_t n = 0;
            for (q++; strncmp((const char *)q, "\\047", 4) == 0; q += 4)
                n++;
            if (n == 0 || *q++ != '"')
                return false;
        } else {
            return false;
        }
        if (*q == '\0')
            return true;
        if (*q++ != '.')
            return false;
    }
}

static unsigned long long rng_state = 88172645463325252ull;
static unsigned long long rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_quote_random(void)
{
    /* random bytes (NUL aside): always one well-formed string */
    int bad = 0;
    for (int k = 0; k < 20000; k++) {
        char s[64];
        size_t n = rnd() % sizeof s;
        char *q;
        for (size_t i = 0; i < n; i++) {
            unsigned long long r = rnd();
            /* half the bytes from the dangerous ones */
            static const char meta[] = "'\"`@\\;$#{}\n\r|^_&~";
            s[i] = r & 1 ? meta[(r >> 1) % (sizeof meta - 1)]
                         : (char)(1 + (r >> 1) % 255);
        }
        s[n] = '\0';
        q = quoted(s);
        if (!q || !well_formed(q))
            bad++;
        free(q);
    }
    CHECK_EQ(bad, 0);
    /* long texts: 4 MB, no length limit and nothing lost */
    {
        size_t n = 4u << 20;
        char *s = malloc(n + 1), *q;
        size_t quotes = 0;
        for (size_t i = 0; i < n; i++) {
            s[i] = "ab'`@\\\n"[i % 7];
            quotes += s[i] == '\'';
        }
        s[n] = '\0';
        q = quoted(s);
        CHECK(q != NULL);
        if (q) {
            /* 'ab'."\047".'`@\ ' per 7 bytes */
            CHECK_EQ(strlen(q), n + quotes * 9 + 2);
            CHECK(well_formed(q));
            CHECK(strchr(q, '\n') == NULL);
        }
        free(q);
        free(s);
    }
}

static void test_quote_error(void)
{
    /* a stream in error: reported */
    FILE *f = fopen("/dev/null", "r");
    if (f) {
        CHECK_EQ(rr_plot_quote(f, "x"), RR_EIO);
        fclose(f);
    }
}

/* ---- gnuplot itself reads the quoted texts back ------------------------ */

/* run_prog - argv[0] with stdin from in_path, stdout and stderr to
 * out_path, in folder cwd; its exit status, or -1. */
static int run_prog(char *const argv[], const char *in_path,
                    const char *out_path, const char *cwd)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st = -1, e;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in_path, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_addchdir_np(&fa, cwd);
    e = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0)
        return -1;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* sanitised - what gnuplot must read back: controls as spaces (the
 * inputs here are ASCII). */
static void sanitised(const char *s, char *out)
{
    for (; *s; s++)
        *out++ = (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s;
    *out = '\0';
}

static void test_quote_gnuplot(const char *gnuplot)
{
    static const char *const hostile[] = {
        "`touch pwned`",
        "`touch pwned` and @x and @y",
        "@x",
        "@x`touch pwned`@x",
        "system(\"touch pwned\")",
        "\" . system(\"touch pwned\") . \"",
        "' . system('touch pwned') . '",
        "'; system('touch pwned'); print '",
        "\"; system(\"touch pwned\"); print \"",
        "x\nsystem('touch pwned')",
        "x\r!touch pwned",
        "\\",
        "\\'",
        "'\\",
        "\\`touch pwned\\`",
        "'`touch pwned`'",
        "''`touch pwned`''",
        "\"`touch pwned`\"",
        "\"'`touch pwned`'\"",
        "$x $data << EOD",
        "# comment? `touch pwned`",
        "{/Symbol a}^2_x@{y}&{z}~w",
        "|touch pwned",
        "\\\n`touch pwned`",
        "eval('system(\"touch pwned\")')",
    };
    static const char alphabet[] = "'\"`@\\;$#{}|^_&~ aX!\n\r\t";
    char script[PATH_MAX], out[PATH_MAX], pwned[PATH_MAX], *got;
    char *argv[] = {(char *)gnuplot, (char *)"-d", NULL};
    char expect[256];
    FILE *f;
    enum { N_RANDOM = 400 };
    char rnd_s[N_RANDOM][40];
    int rc;

    snprintf(script, sizeof script, "%s/quote.gp", dir);
    snprintf(out, sizeof out, "%s/quote.out", dir);
    snprintf(pwned, sizeof pwned, "%s/pwned", dir);
    if (!(f = fopen(script, "w")))
        return;
    /* a macro that would run a command if expanded */
    fputs("set print '-'\nx = '`touch pwned`'\ny = 'system(\"touch "
          "pwned\")'\n",
          f);
    for (size_t i = 0; i < RR_COUNTOF(hostile); i++) {
        fputs("print ", f);
        rr_plot_quote(f, hostile[i]);
        fputc('\n', f);
    }
    for (int i = 0; i < N_RANDOM; i++) {
        size_t n = 1 + rnd() % (sizeof rnd_s[i] - 1);
        for (size_t k = 0; k < n; k++)
            rnd_s[i][k] = alphabet[rnd() % (sizeof alphabet - 1)];
        rnd_s[i][n] = '\0';
        fputs("print ", f);
        rr_plot_quote(f, rnd_s[i]);
        fputc('\n', f);
    }
    /* a label and a title with all of it, drawn */
    fputs("set terminal svg noenhanced\nset output 'q.svg'\nset label ", f);
    rr_plot_quote(f, hostile[1]);
    fputs(" at graph 0.1, graph 0.5\nset title ", f);
    rr_plot_quote(f, hostile[6]);
    fputs("\nplot 1 notitle\n", f);
    fclose(f);

    rc = run_prog(argv, script, out, dir);
    CHECK_EQ(rc, 0);
    CHECK_MSG(!exists(pwned), "gnuplot ran a command from a quoted text");
    got = slurp(out, NULL);
    CHECK(got != NULL);
    if (!got)
        return;
    {
        char *line = got, *nl;
        size_t i = 0, bad = 0;
        for (; (nl = strchr(line, '\n')); line = nl + 1, i++) {
            *nl = '\0';
            if (i < RR_COUNTOF(hostile))
                sanitised(hostile[i], expect);
            else if (i < RR_COUNTOF(hostile) + N_RANDOM)
                sanitised(rnd_s[i - RR_COUNTOF(hostile)], expect);
            else
                break;
            if (strcmp(line, expect) != 0) {
                if (bad++ < 5)
                    printf("  gnuplot read [%s] back as [%s]\n", expect, line);
            }
        }
        CHECK_EQ(i, RR_COUNTOF(hostile) + N_RANDOM);
        CHECK_EQ(bad, 0);
    }
    free(got);
    {
        char svg[PATH_MAX];
        snprintf(svg, sizeof svg, "%s/q.svg", dir);
        got = slurp(svg, NULL);
        CHECK(got && strstr(got, "`touch pwned` and @x and @y"));
        CHECK(got && strstr(got, "' . system('touch pwned') . '"));
        free(got);
    }
}

/* ---- rr_plot_check_chart ---------------------------------------------- */

/* every_cut_refused - the file at path (n bytes of data) passes whole;
 * every shorter cut of it fails, as long as it ends before `keep` bytes
 * (cuts in trailing white space may pass). */
static void every_cut_refused(const char *name, const unsigned char *data,
                              size_t n, size_t keep, rr_plot_format fmt)
{
    char path[PATH_MAX], err[512];
    size_t wrong = 0;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    spit(path, data, n);
    CHECK_MSG(rr_plot_check_chart(path, fmt, err, sizeof err) == RR_OK,
              "%s whole: %s", name, err);
    for (size_t k = 0; k < keep; k++) {
        spit(path, data, k);
        err[0] = '\0';
        if (rr_plot_check_chart(path, fmt, err, sizeof err) != RR_EIO ||
            !strstr(err, name))
            wrong++;
    }
    CHECK_MSG(wrong == 0, "%s: %zu of %zu cuts passed", name, wrong, keep);
}

static size_t png_chunk(unsigned char *p, const char *type,
                        const unsigned char *data, size_t n)
{
    p[0] = (unsigned char)(n >> 24);
    p[1] = (unsigned char)(n >> 16);
    p[2] = (unsigned char)(n >> 8);
    p[3] = (unsigned char)n;
    memcpy(p + 4, type, 4);
    memcpy(p + 8, data, n);
    if (strcmp(type, "IEND") == 0)
        memcpy(p + 8 + n, "\xae\x42\x60\x82", 4);
    else
        memset(p + 8 + n, 0x5a, 4); /* CRCs are not checked */
    return n + 12;
}

static void test_check_chart(void)
{
    unsigned char png[600], data[300];
    size_t n = 0;
    char path[PATH_MAX], link[PATH_MAX], err[512];

    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7);
    memcpy(png, "\x89PNG\r\n\x1a\n", 8);
    n = 8;
    n += png_chunk(png + n, "IHDR", data, 13);
    n += png_chunk(png + n, "IDAT", data, 200);
    n += png_chunk(png + n, "IDAT", data, 100);
    n += png_chunk(png + n, "IEND", data, 0);
    every_cut_refused("cut.png", png, n, n, RR_PLOT_PNG);
    snprintf(path, sizeof path, "%s/bad.png", dir);
    /* bytes after IEND, a damaged IEND, no IHDR first, no signature */
    png[n] = 0;
    spit(path, png, n + 1);
    CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err), RR_EIO);
    png[n - 1] ^= 1;
    spit(path, png, n);
    CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err), RR_EIO);
    png[n - 1] ^= 1;
    memcpy(png + 12, "IDAT", 4);
    spit(path, png, n);
    CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err), RR_EIO);
    CHECK(strstr(err, "IHDR") != NULL);
    memcpy(png + 12, "IHDR", 4);
    png[1] = 'p';
    spit(path, png, n);
    CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err), RR_EIO);
    CHECK_STR(err, "gnuplot wrote an incomplete chart 'bad.png' (no PNG "
                   "signature; is the disk full?)");
    png[1] = 'P';
    /* a huge length that wraps nothing */
    {
        unsigned char big[64];
        memcpy(big, png, 33);
        memcpy(big + 33, "\xff\xff\xff\xf0IDAT", 8);
        memset(big + 41, 0, sizeof big - 41);
        spit(path, big, sizeof big);
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err),
                 RR_EIO);
    }

    {
        static const char svg[] =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<svg width=\"1\">\n"
            "<text>a</text>\n</svg>\n\n";
        static const char pdf[] = "%PDF-1.5\n%\xb5\xed\n1 0 obj\nendobj\n"
                                  "trailer\n%%EOF\r\n";
        every_cut_refused("cut.svg", (const unsigned char *)svg,
                          strlen(svg), strlen(svg) - 2, RR_PLOT_SVG);
        every_cut_refused("cut.pdf", (const unsigned char *)pdf,
                          strlen(pdf), strlen(pdf) - 2, RR_PLOT_PDF);
        /* the right end with the wrong start */
        snprintf(path, sizeof path, "%s/bad.pdf", dir);
        spit_str(path, "%PDX-\n%%EOF\n");
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PDF, err, sizeof err),
                 RR_EIO);
        spit_str(path, "%PDF-%%EOF");
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PDF, err, sizeof err),
                 RR_OK);
        spit_str(path, "%PDF-1.5\n%%EOF\n\0");
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PDF, err, sizeof err),
                 RR_OK);
        spit(path, "%PDF-1.5\n%%EOF\n\0", 16);
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PDF, err, sizeof err),
                 RR_EIO);
        /* an SVG in a PNG's place */
        snprintf(path, sizeof path, "%s/svg.png", dir);
        spit_str(path, svg);
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_PNG, err, sizeof err),
                 RR_EIO);
        /* a link to a good chart, a FIFO, nothing: refused, at once */
        snprintf(path, sizeof path, "%s/cut.svg", dir);
        spit_str(path, svg);
        snprintf(link, sizeof link, "%s/link.svg", dir);
        CHECK_EQ(symlink(path, link), 0);
        CHECK_EQ(rr_plot_check_chart(link, RR_PLOT_SVG, err, sizeof err),
                 RR_EIO);
        CHECK_STR(err, "gnuplot wrote nothing to 'link.svg'");
        snprintf(path, sizeof path, "%s/fifo.svg", dir);
        CHECK_EQ(mkfifo(path, 0600), 0);
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_SVG, err, sizeof err),
                 RR_EIO);
        snprintf(path, sizeof path, "%s/none.svg", dir);
        CHECK_EQ(rr_plot_check_chart(path, RR_PLOT_SVG, err, sizeof err),
                 RR_EIO);
        CHECK_STR(err, "gnuplot wrote nothing to 'none.svg'");
    }
}

/* ---- the program: a fixed list, or RRSIM_GNUPLOT ---------------------- */

static void fake(const char *name, const char *body, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    spit_str(path, body);
    chmod(path, 0755);
}

static void test_find(void)
{
    char buf[PATH_MAX], prog[PATH_MAX], plain[PATH_MAX], bin[PATH_MAX];
    const char *old_path = getenv("PATH");
    char *saved = old_path ? strdup(old_path) : NULL;
    const char *env = getenv("RRSIM_GNUPLOT");
    char *saved_env = env ? strdup(env) : NULL;

    fake("prog", "#!/bin/sh\nexit 0\n", prog, sizeof prog);
    snprintf(plain, sizeof plain, "%s/plain", dir);
    spit_str(plain, "not a program\n");
    setenv("RRSIM_GNUPLOT", prog, 1);
    CHECK(rr_plot_find_gnuplot(buf, sizeof buf));
    CHECK_STR(buf, prog);
    setenv("RRSIM_GNUPLOT", plain, 1);
    CHECK(!rr_plot_find_gnuplot(buf, sizeof buf));
    CHECK_STR(buf, "");
    setenv("RRSIM_GNUPLOT", dir, 1);
    CHECK(!rr_plot_find_gnuplot(buf, sizeof buf));
    setenv("RRSIM_GNUPLOT", "/nonexistent/gnuplot", 1);
    CHECK(!rr_plot_find_gnuplot(buf, sizeof buf));
    CHECK(!rr_plot_find_gnuplot(buf, 4)); /* too long for buf */

    /* PATH, with an empty entry (the current folder) and a folder holding
     * a `gnuplot`, is not looked at */
    unsetenv("RRSIM_GNUPLOT");
    snprintf(bin, sizeof bin, "%s/bin", dir);
    mkdir(bin, 0755);
    fake("bin/gnuplot", "#!/bin/sh\nexit 0\n", prog, sizeof prog);
    setenv("PATH", "", 1);
    {
        char path_list[PATH_MAX + 8];
        snprintf(path_list, sizeof path_list, "%s::", bin);
        setenv("PATH", path_list, 1);
    }
    if (rr_plot_find_gnuplot(buf, sizeof buf))
        CHECK(strcmp(buf, "/usr/local/bin/gnuplot") == 0 ||
              strcmp(buf, "/usr/bin/gnuplot") == 0 ||
              strcmp(buf, "/bin/gnuplot") == 0);
    else
        CHECK_STR(buf, "");
    setenv("RRSIM_GNUPLOT", "", 1); /* empty: as if unset */
    if (rr_plot_find_gnuplot(buf, sizeof buf))
        CHECK(strncmp(buf, dir, strlen(dir)) != 0);
    if (saved)
        setenv("PATH", saved, 1);
    if (saved_env)
        setenv("RRSIM_GNUPLOT", saved_env, 1);
    else
        unsetenv("RRSIM_GNUPLOT");
    free(saved);
    free(saved_env);
}

/* ---- a results folder ---------------------------------------------------- */

/* csv - a CSV field, quoted. */
static void csv(FILE *f, const char *s, const char *end)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
    fputs(end, f);
}

/* make_folder - a run's folder at DIR/name: `periods` months from 2024,
 * metrics for two stages (one named `stage`), run.csv with `title`,
 * events.csv with `label` (n_events of them). */
static void make_folder(const char *name, int periods, const char *title,
                        const char *stage, const char *label, int n_events)
{
    static const char *const metrics[] = {
        "departures_voluntary_iom", "departures_forced",
        "time_to_departure_mean_days", "caseload_total", "caseload_officer",
        NULL, "reintegration_ngo_a", "reintegration_none"};
    char path[PATH_MAX], m[256];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/run.csv", dir, name);
    if (!(f = fopen(path, "w")))
        return;
    fputs("scenario,title,source,start,end,report,warmup_days,replications,"
          "seed,version\n",
          f);
    csv(f, "hostile", ",");
    csv(f, title, ",");
    csv(f, title, ",");
    fputs("2024-01-01,2030-12-31,month,0,2,1,", f);
    csv(f, title, "\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/%s/events.csv", dir, name);
    if (!(f = fopen(path, "w")))
        return;
    fputs("scenario,name,label,from,until\n", f);
    for (int i = 0; i < n_events; i++) {
        fputs("hostile,", f);
        csv(f, label, ",");
        csv(f, label, ",");
        fprintf(f, "2024-%02d-01,%s\n", 1 + i % 12, i % 2 ? "NA" : "2024-12-31");
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/%s/timeseries_summary.csv", dir, name);
    if (!(f = fopen(path, "w")))
        return;
    fputs("scenario,period_start,period_end,metric,mean,ci95_low,ci95_high,"
          "replications\n",
          f);
    for (int p = 0; p < periods; p++) {
        int y = 2024 + p / 12, mo = 1 + p % 12;
        for (size_t k = 0; k < RR_COUNTOF(metrics); k++) {
            double v = 10 + (double)((p * 7 + (int)k * 13) % 23);
            if (metrics[k])
                snprintf(m, sizeof m, "%s", metrics[k]);
            else
                snprintf(m, sizeof m, "caseload_%s", stage);
            fprintf(f, "hostile,%d-%02d-01,%d-%02d-28,", y, mo, y, mo);
            csv(f, m, ",");
            fprintf(f, "%g,%g,%g,2\n", v, v - 3, v + 3);
        }
    }
    fclose(f);
}

static int alarm_fired;
static atomic_int stop_flag;
static void on_alarm(int sig)
{
    (void)sig;
    alarm_fired = 1;
    stop_flag = 1;
}

/* plot - rr_plot_results of DIR/name into DIR/name/plots (made afresh)
 * with the program `prog` (NULL: the installed one); the status, the
 * message in err and the time taken in *secs. */
static int plot(const char *name, const char *prog, rr_plot_format fmt,
                double timeout, atomic_int *stop, char *err, size_t errlen,
                double *secs)
{
    char res[PATH_MAX], plots[PATH_MAX];
    rr_plot_opts o = {fmt, timeout, stop};
    double t0;
    int rc;
    snprintf(res, sizeof res, "%s/%s", dir, name);
    snprintf(plots, sizeof plots, "%s/%s/plots", dir, name);
    rr_remove_tree(plots);
    mkdir(plots, 0755);
    if (prog)
        setenv("RRSIM_GNUPLOT", prog, 1);
    else
        unsetenv("RRSIM_GNUPLOT");
    err[0] = '\0';
    t0 = now_s();
    rc = rr_plot_results(res, plots, &o, err, errlen);
    if (secs)
        *secs = now_s() - t0;
    unsetenv("RRSIM_GNUPLOT");
    return rc;
}

/* alive - whether the process whose number is in pidfile still runs a
 * second later (a zombie its new parent does not reap counts as ended;
 * SIGKILL takes a moment to end a process that is not ours). */
static bool alive(const char *pidfile)
{
    char *s = slurp(pidfile, NULL), stat_path[64], *st;
    long pid = s ? strtol(s, NULL, 10) : 0;
    bool up = false;
    free(s);
    if (pid <= 0)
        return false;
    snprintf(stat_path, sizeof stat_path, "/proc/%ld/stat", pid);
    for (int i = 0; i < 100; i++) {
        struct timespec ts = {0, 10000000};
        st = slurp(stat_path, NULL);
        up = false;
        if (st) {
            char *rp = strrchr(st, ')');
            up = rp && rp[1] == ' ' && rp[2] != 'Z' && rp[2] != 'X';
            free(st);
        }
        if (!up)
            break;
        nanosleep(&ts, NULL);
    }
    return up;
}

static void test_run_fakes(void)
{
    char prog[PATH_MAX], err[1024], pidf[PATH_MAX], kidf[PATH_MAX];
    char body[2 * PATH_MAX + 200];
    double secs;
    int rc;

    make_folder("small", 24, "Small", "officer2", "Event", 2);
    make_folder("big", 3000, "Big", "officer2", "Event", 2);
    snprintf(pidf, sizeof pidf, "%s/fake.pid", dir);
    snprintf(kidf, sizeof kidf, "%s/kid.pid", dir);

    /* hangs after reading its script, with a child of its own: stopped at
     * the time limit, both killed */
    snprintf(body, sizeof body,
             "#!/bin/sh\necho $$ > '%s'\ncat > /dev/null\nsleep 100 &\n"
             "echo $! > '%s'\nwait\n",
             pidf, kidf);
    fake("hang", body, prog, sizeof prog);
    rc = plot("small", prog, RR_PLOT_PNG, 0.5, NULL, err, sizeof err, &secs);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(err, "gnuplot took more than 0.5 seconds over 'departures.png' "
                   "and was stopped (allow more with --plot-timeout "
                   "SECONDS)");
    CHECK_MSG(secs >= 0.45 && secs < 5, "stopped after %.2f s", secs);
    CHECK(!alive(pidf));
    CHECK(!alive(kidf));

    /* the same, stopped by the flag (set by a timer signal) long before
     * the time limit */
    {
        struct sigaction sa;
        struct itimerval it = {{0, 0}, {0, 300000}};
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sigaction(SIGALRM, &sa, NULL);
        stop_flag = 0;
        setitimer(ITIMER_REAL, &it, NULL);
        rc = plot("small", prog, RR_PLOT_PNG, 60, &stop_flag, err,
                  sizeof err, &secs);
        CHECK_EQ(rc, RR_EINTR);
        CHECK(alarm_fired);
        CHECK_MSG(secs < 3, "stopped %.2f s after the start (flag at "
                  "0.3 s)", secs);
        CHECK(!alive(pidf));
        CHECK(!alive(kidf));
        /* set before: nothing started */
        unlink(pidf);
        rc = plot("small", prog, RR_PLOT_PNG, 60, &stop_flag, err,
                  sizeof err, &secs);
        CHECK_EQ(rc, RR_EINTR);
        CHECK(!exists(pidf));
        stop_flag = 0;
        signal(SIGALRM, SIG_DFL);
    }

    /* reads nothing of a script far larger than a pipe holds: rrsim does
     * not block writing it */
    snprintf(body, sizeof body, "#!/bin/sh\necho $$ > '%s'\nexec sleep 100\n",
             pidf);
    fake("deaf", body, prog, sizeof prog);
    rc = plot("big", prog, RR_PLOT_PNG, 0.5, NULL, err, sizeof err, &secs);
    CHECK_EQ(rc, RR_EIO);
    CHECK(strstr(err, "took more than 0.5 seconds") != NULL);
    CHECK_MSG(secs < 5, "stopped after %.2f s", secs);
    CHECK(!alive(pidf));

    /* closes its input at once and exits 0 without a chart */
    fake("quick", "#!/bin/sh\nexec 0<&-\nexit 0\n", prog, sizeof prog);
    rc = plot("big", prog, RR_PLOT_SVG, 10, NULL, err, sizeof err, NULL);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(err, "gnuplot wrote nothing to 'departures.svg'");

    /* writes a cut PNG where it is asked to and exits 0 (a full disk) */
    fake("cut",
         "#!/bin/sh\nname=$(sed -n \"s/^set output '\\(.*\\)'$/\\1/p\")\n"
         "printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000\\rIHDR\\000\\000"
         "\\005\\000\\000\\000\\002\\320' > \"$name\"\nexit 0\n",
         prog, sizeof prog);
    rc = plot("small", prog, RR_PLOT_PNG, 10, NULL, err, sizeof err, NULL);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(err, "gnuplot wrote an incomplete chart 'departures.png' (it "
                   "ends inside a chunk; is the disk full?)");

    /* fails with a message: its last line quoted, without the escape
     * characters it held */
    fake("fails",
         "#!/bin/sh\ncat >/dev/null\nprintf 'warning: first\\n\\n  line 3: "
         "\\033[31mbad\\033[0m thing  \\n\\n' >&2\nexit 4\n",
         prog, sizeof prog);
    rc = plot("small", prog, RR_PLOT_PNG, 10, NULL, err, sizeof err, NULL);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(err, "gnuplot failed drawing 'departures.png' (exit status 4): "
                   "line 3:  [31mbad [0m thing");
    /* killed by a signal */
    fake("killed", "#!/bin/sh\ncat >/dev/null\nkill -9 $$\n", prog,
         sizeof prog);
    rc = plot("small", prog, RR_PLOT_PNG, 10, NULL, err, sizeof err, NULL);
    CHECK_EQ(rc, RR_EIO);
    CHECK_STR(err, "gnuplot failed drawing 'departures.png' (killed by "
                   "signal 9)");
    /* a fake that draws every chart right: a run's four, and the script
     * names only the chart, never a path */
    snprintf(body, sizeof body,
             "#!/bin/sh\ntee -a '%s/script.gp' | sed -n \"s/^set output "
             "'\\(.*\\)'$/\\1/p\" | while read -r n; do\n"
             "printf '<svg>\\n</svg>\\n' > \"$n\"; done\nexit 0\n",
             dir);
    fake("fine", body, prog, sizeof prog);
    rc = plot("small", prog, RR_PLOT_SVG, 10, NULL, err, sizeof err, NULL);
    CHECK_MSG(rc == RR_OK, "%s", err);
    {
        char path[PATH_MAX], *gp;
        snprintf(path, sizeof path, "%s/small/plots/caseload.svg", dir);
        CHECK(exists(path));
        snprintf(path, sizeof path, "%s/script.gp", dir);
        gp = slurp(path, NULL);
        CHECK(gp && strstr(gp, "set output 'departures.svg'\n"));
        CHECK(gp && strstr(gp, "set output 'reintegration.svg'\n"));
        CHECK(gp && !strstr(gp, dir));
        CHECK(gp && strstr(gp, "set terminal svg ") &&
              strstr(gp, " noenhanced "));
        free(gp);
    }
    /* RR_PLOT_NONE draws nothing, runs nothing */
    unlink(pidf);
    rc = plot("small", prog, RR_PLOT_NONE, 10, NULL, err, sizeof err, NULL);
    CHECK_EQ(rc, RR_OK);
}

/* ---- the real gnuplot and a hostile folder ----------------------------- */

static void test_hostile_folder(void)
{
    static const char *const title =
        "`touch pwned` @x $(touch pwned) system(\"touch pwned\") "
        "' . system('touch pwned') . ' \\ {a}^b_c &d; #e";
    static const char *const label = "Ev`touch pwned`@x'\n; q\"";
    static const char *const stage = "st`touch pwned`'@x";
    static const rr_plot_format fmts[] = {RR_PLOT_PNG, RR_PLOT_SVG,
                                          RR_PLOT_PDF};
    static const char *const charts[] = {"departures", "caseload",
                                         "time_to_departure",
                                         "reintegration"};
    char err[1024], path[PATH_MAX], cwd_pwned[PATH_MAX], *svg;
    int rc;

    make_folder("hostile", 24, title, stage, label, 3);
    for (size_t f = 0; f < RR_COUNTOF(fmts); f++) {
        rc = plot("hostile", NULL, fmts[f], 120, NULL, err, sizeof err,
                  NULL);
        CHECK_MSG(rc == RR_OK, "format %d: %s", (int)fmts[f], err);
        for (size_t c = 0; c < RR_COUNTOF(charts); c++) {
            static const char *const ext[] = {"", "png", "svg", "pdf"};
            snprintf(path, sizeof path, "%s/hostile/plots/%s.%s", dir,
                     charts[c], ext[fmts[f]]);
            CHECK_MSG(rr_plot_check_chart(path, fmts[f], err,
                                          sizeof err) == RR_OK,
                      "%s", err);
        }
        snprintf(path, sizeof path, "%s/hostile/plots/pwned", dir);
        CHECK_MSG(!exists(path), "a command ran in the charts' folder");
    }
    snprintf(cwd_pwned, sizeof cwd_pwned, "%s/pwned", dir);
    CHECK(!exists(cwd_pwned) && !exists("pwned"));
    /* the texts are on the chart as they were written (in SVG's escapes) */
    snprintf(path, sizeof path, "%s/hostile/plots/departures.svg", dir);
    if (plot("hostile", NULL, RR_PLOT_SVG, 120, NULL, err, sizeof err,
             NULL) == RR_OK &&
        (svg = slurp(path, NULL))) {
        CHECK(strstr(svg, "`touch pwned` @x $(touch pwned) system(\""
                          "touch pwned\") ' . system('touch pwned') . "
                          "' \\ {a}^b_c &amp;d; #e") != NULL);
        CHECK(strstr(svg, "Ev`touch pwned`@x' ; q\"") != NULL);
        free(svg);
    }
    snprintf(path, sizeof path, "%s/hostile/plots/caseload.svg", dir);
    if ((svg = slurp(path, NULL))) {
        CHECK(strstr(svg, "St`touch pwned`'@x") != NULL);
        free(svg);
    }
}

/* ---- script mode, and the names of the indicator column ------------------ */

static const char *const run_charts[] = {"departures", "caseload",
                                         "time_to_departure", "reintegration"};

/* rename_col - the header of DIR/name/file with column `from` called
 * `to`. */
static void rename_col(const char *name, const char *file, const char *from,
                       const char *to)
{
    char path[PATH_MAX], *text, *nl, *at;
    size_t n, fl = strlen(from);
    FILE *f;
    snprintf(path, sizeof path, "%s/%s/%s", dir, name, file);
    if (!(text = slurp(path, &n)))
        return;
    nl = strchr(text, '\n');
    for (at = strstr(text, from); at && (!nl || at < nl);
         at = strstr(at + 1, from))
        if ((at == text || at[-1] == ',') &&
            (at[fl] == ',' || at[fl] == '\n')) {
            if (!(f = fopen(path, "wb")))
                break;
            fwrite(text, 1, (size_t)(at - text), f);
            fputs(to, f);
            fputs(at + fl, f);
            fclose(f);
            break;
        }
    free(text);
}

/* scripts - the four scripts of DIR/name/plots concatenated (caller
 * frees); NULL when one is missing. */
static char *scripts(const char *name)
{
    char *all = NULL, path[PATH_MAX];
    size_t len = 0;
    FILE *f = open_memstream(&all, &len);
    bool ok = f != NULL;
    for (size_t c = 0; c < RR_COUNTOF(run_charts) && ok; c++) {
        char *one;
        snprintf(path, sizeof path, "%s/%s/plots/%s.gp", dir, name,
                 run_charts[c]);
        if ((ok = (one = slurp(path, NULL)) != NULL)) {
            fputs(one, f);
            free(one);
        }
    }
    if (f)
        fclose(f);
    if (!ok) {
        free(all);
        return NULL;
    }
    return all;
}

static void test_script_mode(void)
{
    char err[1024], path[PATH_MAX], victim[PATH_MAX], *want, *got;
    int rc;

    make_folder("script", 14, "Script", "officer", "Ev", 2);
    setenv("RRSIM_GNUPLOT_SCRIPT", "1", 1);
    CHECK(rr_plot_script_mode());
    /* no gnuplot needed: the program named is not there */
    snprintf(path, sizeof path, "%s/no-such-gnuplot", dir);
    rc = plot("script", path, RR_PLOT_SVG, 10, NULL, err, sizeof err, NULL);
    CHECK_MSG(rc == RR_OK, "%s", err);
    for (size_t c = 0; c < RR_COUNTOF(run_charts); c++) {
        char *gp, want_out[64];
        snprintf(path, sizeof path, "%s/script/plots/%s.svg", dir,
                 run_charts[c]);
        CHECK_MSG(!exists(path), "%s drawn in script mode", path);
        snprintf(path, sizeof path, "%s/script/plots/%s.gp", dir,
                 run_charts[c]);
        gp = slurp(path, NULL);
        CHECK_MSG(gp != NULL, "no %s", path);
        if (!gp)
            continue;
        snprintf(want_out, sizeof want_out, "\nset output '%s.svg'\n",
                 run_charts[c]);
        CHECK(strncmp(gp, "set terminal svg ", 17) == 0);
        CHECK(strstr(gp, want_out) != NULL);
        CHECK(strlen(gp) > 13 &&
              strcmp(gp + strlen(gp) - 13, "unset output\n") == 0);
        free(gp);
    }
    want = scripts("script");
    CHECK(want != NULL);

    /* the indicator column by each of its names: the same scripts */
    {
        static const char *const names[] = {"indicator", "kpi", "metric"};
        for (size_t i = 0; i < RR_COUNTOF(names); i++) {
            make_folder("renamed", 14, "Script", "officer", "Ev", 2);
            rename_col("renamed", "timeseries_summary.csv", "metric",
                       names[i]);
            rc = plot("renamed", NULL, RR_PLOT_SVG, 10, NULL, err,
                      sizeof err, NULL);
            CHECK_MSG(rc == RR_OK, "%s: %s", names[i], err);
            got = scripts("renamed");
            CHECK_MSG(want && got && strcmp(want, got) == 0,
                      "the scripts with column '%s'", names[i]);
            free(got);
        }
        /* none of them: the message names the column as it is called
         * now */
        make_folder("renamed", 14, "Script", "officer", "Ev", 2);
        rename_col("renamed", "timeseries_summary.csv", "metric", "what");
        rc = plot("renamed", NULL, RR_PLOT_SVG, 10, NULL, err, sizeof err,
                  NULL);
        CHECK_EQ(rc, RR_ENOTFOUND);
        CHECK_MSG(strstr(err, "timeseries_summary.csv:1: missing column "
                              "'indicator' (columns: scenario, "
                              "period_start, period_end, what, mean,") !=
                      NULL,
                  "%s", err);
    }
    free(want);

    /* a link planted where a script goes is not followed */
    {
        char res[PATH_MAX], plots[PATH_MAX];
        rr_plot_opts o = {RR_PLOT_PNG, 10, NULL};
        snprintf(res, sizeof res, "%s/script", dir);
        snprintf(plots, sizeof plots, "%s/script/plots", dir);
        snprintf(victim, sizeof victim, "%s/victim", dir);
        rr_remove_tree(plots);
        mkdir(plots, 0755);
        snprintf(path, sizeof path, "%s/script/plots/departures.gp", dir);
        CHECK_EQ(symlink(victim, path), 0);
        rc = rr_plot_results(res, plots, &o, err, sizeof err);
        CHECK_EQ(rc, RR_EIO);
        CHECK_STR(err, "cannot write 'departures.gp': File exists");
        CHECK(!exists(victim));
    }
    /* the stop flag: interrupted before a script is written */
    {
        atomic_int stop = 1;
        rc = plot("script", NULL, RR_PLOT_PNG, 10, &stop, err, sizeof err,
                  NULL);
        CHECK_EQ(rc, RR_EINTR);
        snprintf(path, sizeof path, "%s/script/plots/departures.gp", dir);
        CHECK(!exists(path));
    }
    /* only "1" switches it on */
    setenv("RRSIM_GNUPLOT_SCRIPT", "yes", 1);
    CHECK(!rr_plot_script_mode());
    setenv("RRSIM_GNUPLOT_SCRIPT", "", 1);
    CHECK(!rr_plot_script_mode());
    unsetenv("RRSIM_GNUPLOT_SCRIPT");
    CHECK(!rr_plot_script_mode());
}

int main(void)
{
    char gnuplot[PATH_MAX];
    signal(SIGPIPE, SIG_IGN); /* as rr_plot.h asks */
    snprintf(dir, sizeof dir, "/tmp/rrsim-plot-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_quote_table();
    test_quote_random();
    test_quote_error();
    test_check_chart();
    test_find();
    test_run_fakes();
    test_script_mode();
    unsetenv("RRSIM_GNUPLOT");
    if (rr_plot_find_gnuplot(gnuplot, sizeof gnuplot)) {
        test_quote_gnuplot(gnuplot);
        test_hostile_folder();
    } else {
        CHECK_SKIP("gnuplot is not installed: its reading of quoted texts "
                   "and the hostile folder's charts not tested");
    }
    if (!getenv("RR_TEST_KEEP"))
        rr_remove_tree(dir);
    return check_summary("test_plot");
}
