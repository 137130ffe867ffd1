/*
 * test_util.c - the helpers of rr_util.h: error messages (prefixes,
 * truncation on a character boundary, control characters, errno left
 * alone), the string builder (growth, latched failures), trimming, slurp
 * (limits, and the special files it must refuse without blocking: a
 * directory, /dev/null, a FIFO, a socket, /proc files that lie about
 * their size) and did-you-mean (ties, thresholds, prefixes), the last
 * checked against copies of the two implementations it replaces.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <wchar.h>

#include "check.h"
#include "rr_common.h"
#include "rr_util.h"

static char tmpdir[] = "/tmp/rr-test-util-XXXXXX";

static void path_in(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
}

static int write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    if (fwrite(s, 1, n, f) != n) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

/* ---- error messages ------------------------------------------------------ */

static void test_err_set(void)
{
    char err[64];
    char small[10];

    CHECK_EQ(rr_err_set(err, sizeof err, RR_EPARSE, "bad %s at %d", "x", 3),
             RR_EPARSE);
    CHECK_STR(err, "bad x at 3");
    CHECK_EQ(rr_err_set(err, sizeof err, RR_OK, "%s", ""), RR_OK);
    CHECK_STR(err, "");

    /* no buffer: nothing written, the status still returned */
    CHECK_EQ(rr_err_set(NULL, 0, RR_EINVAL, "x"), RR_EINVAL);
    CHECK_EQ(rr_err_set(NULL, 100, RR_EINVAL, "x"), RR_EINVAL);
    memcpy(small, "untouched", 10);
    CHECK_EQ(rr_err_set(small, 0, RR_EIO, "x"), RR_EIO);
    CHECK_STR(small, "untouched");

    /* exactly fits: no mark */
    CHECK_EQ(rr_err_set(small, sizeof small, RR_EIO, "123456789"), RR_EIO);
    CHECK_STR(small, "123456789");
    /* one byte too long: cut, ending in "..." */
    rr_err_set(small, sizeof small, RR_EIO, "1234567890");
    CHECK_STR(small, "123456...");
    CHECK_EQ(strlen(small), sizeof small - 1);
    /* tiny buffers hold as many dots as fit */
    rr_err_set(small, 1, RR_EIO, "abc");
    CHECK_STR(small, "");
    rr_err_set(small, 2, RR_EIO, "a");
    CHECK_STR(small, "a");
    rr_err_set(small, 2, RR_EIO, "abcd");
    CHECK_STR(small, ".");
    rr_err_set(small, 4, RR_EIO, "abcd");
    CHECK_STR(small, "...");
    rr_err_set(small, 5, RR_EIO, "abcdef");
    CHECK_STR(small, "a...");
}

static void test_err_utf8(void)
{
    /* "é" is C3 A9: a cut never leaves half of it */
    const char *e5 = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
    /* U+1F600 is F0 9F 98 80 */
    const char *smile = "ab\xF0\x9F\x98\x80xyz";
    char buf[16];

    rr_err_set(buf, 8, RR_EIO, "%s", e5); /* keep 4 bytes: on a boundary */
    CHECK_STR(buf, "\xC3\xA9\xC3\xA9...");
    rr_err_set(buf, 9, RR_EIO, "%s", e5); /* keep 5: inside the third é */
    CHECK_STR(buf, "\xC3\xA9\xC3\xA9...");
    rr_err_set(buf, 10, RR_EIO, "%s", e5); /* keep 6: on a boundary */
    CHECK_STR(buf, "\xC3\xA9\xC3\xA9\xC3\xA9...");
    for (size_t n = 6; n <= 9; n++) {
        /* keeps 2..5 bytes: the smile whole or not at all */
        rr_err_set(buf, n, RR_EIO, "%s", smile);
        CHECK_MSG(strcmp(buf, "ab...") == 0, "errlen %zu: '%s'", n, buf);
    }
    rr_err_set(buf, 10, RR_EIO, "%s", smile); /* fits */
    CHECK_STR(buf, smile);
    rr_err_set(buf, 11, RR_EIO, "%s!!", smile); /* keep 7: after it */
    CHECK_STR(buf, "ab\xF0\x9F\x98\x80x...");
    /* a run of stray continuation bytes: backs up 3 bytes at most */
    rr_err_set(buf, 16, RR_EIO, "%s",
               "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80");
    CHECK_EQ(strlen(buf), 12);
    CHECK(strcmp(buf + 9, "...") == 0);
}

static void test_err_at(void)
{
    char err[128];
    char small[16];

    CHECK_EQ(rr_err_at(err, sizeof err, RR_EPARSE, "nl.ini", 14,
                       "[iom] share: expected a number in [0,1], got '%s'",
                       "1.4"),
             RR_EPARSE);
    CHECK_STR(err, "nl.ini:14: [iom] share: expected a number in [0,1], got '1.4'");
    rr_err_at(err, sizeof err, RR_EPARSE, "t.csv", 0, "empty file");
    CHECK_STR(err, "t.csv: empty file");
    rr_err_at(err, sizeof err, RR_EPARSE, "t.csv", -3, "empty file");
    CHECK_STR(err, "t.csv: empty file");
    rr_err_at(err, sizeof err, RR_EPARSE, NULL, 7, "no file");
    CHECK_STR(err, "no file");
    rr_err_at(err, sizeof err, RR_EPARSE, "", 2, "x");
    CHECK_STR(err, ":2: x");
    /* a file name cannot forge a second line or send escape sequences */
    rr_err_at(err, sizeof err, RR_EPARSE, "a\nb\x1b[31m\t\r\x7f.ini", 3, "x");
    CHECK_STR(err, "a\\nb\\x1B[31m\\t\\r\\x7F.ini:3: x");
    /* the prefix alone can fill the buffer */
    rr_err_at(small, sizeof small, RR_EPARSE, "scenarios/very-long-name.ini",
              123, "x");
    CHECK_STR(small, "scenarios/ve...");
    rr_err_at(small, sizeof small, RR_EPARSE, "f.ini", 1234567, "message");
    CHECK_STR(small, "f.ini:123456...");
    /* an escape cut in the middle is cut whole or in part, never more
     * than the buffer */
    rr_err_at(small, sizeof small, RR_EPARSE, "abcdefghij\n", 1, "x");
    CHECK_EQ(strlen(small), sizeof small - 1);
    CHECK(strncmp(small, "abcdefghij", 10) == 0);
    CHECK(strcmp(small + 12, "...") == 0);
    /* long message, big line number */
    rr_err_at(err, sizeof err, RR_EPARSE, "f", 2147483648L, "%s", "m");
    CHECK_STR(err, "f:2147483648: m");
}

static void test_err_errno_kept(void)
{
    char err[128];
    errno = ERANGE;
    rr_err_set(err, sizeof err, RR_EIO, "%s", "x");
    CHECK_EQ(errno, ERANGE);
    errno = EDOM;
    rr_err_at(err, sizeof err, RR_EIO, "f", 1, "%s", "x");
    CHECK_EQ(errno, EDOM);
    errno = EACCES;
    rr_err_sys(err, sizeof err, ENOENT, "open", "p", NULL);
    CHECK_EQ(errno, EACCES);
}

static void test_err_sys(void)
{
    char err[256], want[256];

    CHECK_EQ(rr_err_sys(err, sizeof err, ENOSPC, "write", "out/x.csv", NULL),
             RR_EIO);
    snprintf(want, sizeof want, "cannot write 'out/x.csv': %s",
             strerror(ENOSPC));
    CHECK_STR(err, want);

    CHECK_EQ(rr_err_sys(err, sizeof err, EXDEV, "rename", "a/.tmp",
                        "b/run"),
             RR_EIO);
    snprintf(want, sizeof want, "cannot rename 'a/.tmp' to 'b/run': %s",
             strerror(EXDEV));
    CHECK_STR(err, want);

    CHECK_EQ(rr_err_sys(err, sizeof err, ENOMEM, "read", "t.csv", NULL),
             RR_ENOMEM);
    /* a failed stdio call without errno is an I/O error, never "Success" */
    rr_err_sys(err, sizeof err, 0, "write", "x", NULL);
    snprintf(want, sizeof want, "cannot write 'x': %s", strerror(EIO));
    CHECK_STR(err, want);
    CHECK(strstr(err, "Success") == NULL);
    /* an errno no system knows still reads as something */
    rr_err_sys(err, sizeof err, 99999, "open", "x", NULL);
    CHECK(strncmp(err, "cannot open 'x': ", 17) == 0 && strlen(err) > 17);
    /* a hostile path stays on one line */
    rr_err_sys(err, sizeof err, ENOENT, "open", "x\ny", NULL);
    snprintf(want, sizeof want, "cannot open 'x\\ny': %s", strerror(ENOENT));
    CHECK_STR(err, want);
    /* verb with words */
    rr_err_sys(err, sizeof err, EACCES, "create folder", "out", NULL);
    snprintf(want, sizeof want, "cannot create folder 'out': %s",
             strerror(EACCES));
    CHECK_STR(err, want);
    /* cut */
    {
        char small[20];
        rr_err_sys(small, sizeof small, ENOENT, "open", "abcdefghijklmnop",
                   NULL);
        CHECK_STR(small, "cannot open 'abc...");
    }
}

static void test_err_file(void)
{
    char err[256], want[256];
    FILE *f;

    /* errno of the failed call, read first */
    errno = 0;
    f = fopen("/nonexistent-rr-dir/x.csv", "w");
    CHECK(f == NULL);
    if (f)
        fclose(f);
    CHECK_EQ(rr_err_file(err, sizeof err, "write",
                         "/nonexistent-rr-dir/x.csv"),
             RR_EIO);
    snprintf(want, sizeof want, "cannot write '/nonexistent-rr-dir/x.csv': %s",
             strerror(ENOENT));
    CHECK_STR(err, want);
    CHECK_EQ(errno, ENOENT);

    errno = ENOMEM;
    CHECK_EQ(rr_err_file(err, sizeof err, "read", "x"), RR_ENOMEM);
    CHECK_EQ(rr_err_file(NULL, 0, "read", "x"), RR_ENOMEM);

    CHECK_EQ(rr_status_of_errno(ENOMEM), RR_ENOMEM);
    CHECK_EQ(rr_status_of_errno(ENOENT), RR_ENOTFOUND);
    CHECK_EQ(rr_status_of_errno(ENOTDIR), RR_ENOTFOUND);
    CHECK_EQ(rr_status_of_errno(EINTR), RR_EINTR);
    CHECK_EQ(rr_status_of_errno(EACCES), RR_EIO);
    CHECK_EQ(rr_status_of_errno(0), RR_EIO);
}

/* ---- string builder ------------------------------------------------------ */

static void test_sb_basic(void)
{
    rr_sb b = RR_SB_INIT;
    size_t len = 99;
    char *s;

    CHECK_STR(rr_sb_str(&b), "");
    s = rr_sb_take(&b, &len);
    CHECK(s != NULL);
    CHECK_STR(s, "");
    CHECK_EQ(len, 0);
    free(s);
    CHECK(b.p == NULL && b.n == 0 && b.status == RR_OK);

    rr_sb_add(&b, "abc");
    rr_sb_addc(&b, '-');
    rr_sb_addf(&b, "%d/%s/%.2f", 42, "x", 0.5);
    rr_sb_addn(&b, "zz", 1);
    rr_sb_add(&b, "");
    rr_sb_addn(&b, NULL, 0);
    CHECK_STR(rr_sb_str(&b), "abc-42/x/0.50z");
    CHECK_EQ(b.n, strlen("abc-42/x/0.50z"));
    CHECK_EQ(b.status, RR_OK);

    /* bytes as they are, NUL included */
    rr_sb_reset(&b);
    CHECK_STR(rr_sb_str(&b), "");
    rr_sb_addn(&b, "a\0b", 3);
    s = rr_sb_take(&b, &len);
    CHECK_EQ(len, 3);
    CHECK(s && memcmp(s, "a\0b", 4) == 0);
    free(s);

    rr_sb_fini(&b);
    rr_sb_fini(&b);
    rr_sb_fini(NULL);
    s = rr_sb_take(&b, NULL);
    CHECK_STR(s, "");
    free(s);
}

static void test_sb_growth(void)
{
    rr_sb b = RR_SB_INIT;
    char *big = malloc(100001);
    size_t len = 0;
    char *s;
    bool same = true;

    if (!big) {
        CHECK(big != NULL);
        return;
    }
    memset(big, 'q', 100000);
    big[100000] = '\0';
    /* many small additions */
    for (int i = 0; i < 20000; i++)
        rr_sb_addf(&b, "%04d,", i % 10000);
    CHECK_EQ(b.status, RR_OK);
    CHECK_EQ(b.n, 20000 * 5);
    for (int i = 0; i < 20000 && same; i++) {
        char w[8];
        snprintf(w, sizeof w, "%04d,", i % 10000);
        same = memcmp(b.p + 5 * i, w, 5) == 0;
    }
    CHECK(same);
    CHECK(b.cap >= b.n + 1);
    /* one formatted addition far bigger than the room left */
    rr_sb_reset(&b);
    rr_sb_add(&b, "<");
    rr_sb_addf(&b, "%s>", big);
    CHECK_EQ(b.n, 100002);
    CHECK(b.p[0] == '<' && b.p[100001] == '>' && b.p[100002] == '\0');
    CHECK(b.p[1] == 'q' && b.p[100000] == 'q');
    s = rr_sb_take(&b, &len);
    CHECK_EQ(len, 100002);
    CHECK_EQ(strlen(s), 100002);
    free(s);
    /* formatted into a builder that has no memory yet */
    rr_sb_addf(&b, "%s", big);
    CHECK_EQ(b.n, 100000);
    rr_sb_fini(&b);
    free(big);
}

static void test_sb_latched(void)
{
    rr_sb b = RR_SB_INIT;
    size_t len = 7;
    char *s;

    rr_sb_add(&b, "kept so far");
    /* a size that cannot be had: latched, nothing read from s */
    rr_sb_addn(&b, "x", SIZE_MAX);
    CHECK_EQ(b.status, RR_ENOMEM);
    rr_sb_addn(&b, "x", SIZE_MAX - 20);
    CHECK_EQ(b.status, RR_ENOMEM);
    rr_sb_add(&b, "more");
    rr_sb_addf(&b, "%d", 5);
    rr_sb_addc(&b, 'c');
    CHECK_STR(rr_sb_str(&b), "kept so far");
    s = rr_sb_take(&b, &len);
    CHECK(s == NULL);
    CHECK_EQ(len, 0);
    /* and the builder is usable again */
    CHECK(b.p == NULL && b.status == RR_OK);
    rr_sb_add(&b, "again");
    CHECK_STR(rr_sb_str(&b), "again");

    /* NULL text is a bug of the caller: latched, not a crash */
    rr_sb_add(&b, NULL);
    CHECK_EQ(b.status, RR_EINVAL);
    rr_sb_reset(&b);
    CHECK_EQ(b.status, RR_OK);
    CHECK_STR(rr_sb_str(&b), "");

    /* a format error (a wide character the C locale cannot write) */
    rr_sb_add(&b, "ab");
    rr_sb_addf(&b, "%ls", L"\x00e9");
    CHECK_EQ(b.status, RR_EINVAL);
    CHECK_STR(rr_sb_str(&b), "ab");
    rr_sb_fini(&b);
    /* same on a builder with no memory yet */
    rr_sb_addf(&b, "%ls", L"\x00e9");
    CHECK_EQ(b.status, RR_EINVAL);
    CHECK_STR(rr_sb_str(&b), "");
    rr_sb_fini(&b);
}

static void test_sb_escaped(void)
{
    rr_sb b = RR_SB_INIT;
    const char in[] = "a\nb\x1b[31m\x7f\t\r\x01 \xC3\xA9\0z";
    rr_sb_add_escaped(&b, in, sizeof in - 1);
    CHECK_STR(rr_sb_str(&b), "a\\nb\\x1B[31m\\x7F\\t\\r\\x01 \xC3\xA9\\x00z");
    rr_sb_reset(&b);
    rr_sb_add_escaped(&b, "", 0);
    rr_sb_add_escaped(&b, "plain", 5);
    rr_sb_add_escaped(&b, "\n", 1);
    CHECK_STR(rr_sb_str(&b), "plain\\n");
    rr_sb_fini(&b);
}

/* ---- trimming ------------------------------------------------------------ */

static void test_trim(void)
{
    char a[] = "", b[] = " \t\n\v\f\r", c[] = "  a b \t\n", d[] = "xyz",
         e[] = "\v\fx\r", f[] = "\xA0x\xA0", g[] = " \xC3\xA9 ";
    const char *p;
    size_t n;

    CHECK_STR(rr_trim(a), "");
    CHECK_STR(rr_trim(b), "");
    CHECK_STR(rr_trim(c), "a b");
    CHECK(rr_trim(d) == d);
    CHECK_STR(d, "xyz");
    CHECK_STR(rr_trim(e), "x");
    /* only ASCII blanks: a Latin-1 no-break space is data */
    CHECK_STR(rr_trim(f), "\xA0x\xA0");
    CHECK_STR(rr_trim(g), "\xC3\xA9");

    /* spans need no NUL and are not written */
    {
        const char buf[3] = {' ', 'a', ' '};
        n = sizeof buf;
        p = rr_trim_span(buf, &n);
        CHECK(p == buf + 1);
        CHECK_EQ(n, 1);
    }
    n = 0;
    p = rr_trim_span("   ", &n);
    CHECK_EQ(n, 0);
    n = 3;
    p = rr_trim_span("   ", &n);
    CHECK_EQ(n, 0);
    n = 5;
    p = rr_trim_span(" ab c", &n);
    CHECK_EQ(n, 4);
    CHECK(strncmp(p, "ab c", n) == 0);
    /* only the first n bytes count */
    n = 3;
    p = rr_trim_span("ab cd", &n);
    CHECK_EQ(n, 2);
}

/* ---- slurp --------------------------------------------------------------- */

static void test_slurp_regular(void)
{
    char path[256], err[512];
    char *text = (char *)1;
    size_t len = 7;
    static const char bytes[] = "line 1\n\0binary\xff\n";
    char *big;
    bool same = true;

    path_in(path, sizeof path, "a.txt");
    CHECK(write_file(path, bytes, sizeof bytes - 1) == 0);
    CHECK_EQ(rr_slurp(path, 1024, &text, &len, err, sizeof err), RR_OK);
    CHECK_EQ(len, sizeof bytes - 1);
    CHECK(text && memcmp(text, bytes, sizeof bytes) == 0); /* and the NUL */
    free(text);

    /* empty */
    path_in(path, sizeof path, "empty");
    CHECK(write_file(path, "", 0) == 0);
    CHECK_EQ(rr_slurp(path, 0, &text, &len, err, sizeof err), RR_OK);
    CHECK_EQ(len, 0);
    CHECK(text && text[0] == '\0');
    free(text);

    /* at the limit, and one byte over */
    path_in(path, sizeof path, "ten");
    CHECK(write_file(path, "0123456789", 10) == 0);
    CHECK_EQ(rr_slurp(path, 10, &text, &len, err, sizeof err), RR_OK);
    CHECK_EQ(len, 10);
    free(text);
    text = (char *)1;
    len = 7;
    CHECK_EQ(rr_slurp(path, 9, &text, &len, err, sizeof err), RR_ERANGE);
    CHECK(text == NULL);
    CHECK_EQ(len, 0);
    {
        char want[512];
        snprintf(want, sizeof want, "cannot read '%s': larger than 9 bytes",
                 path);
        CHECK_STR(err, want);
    }
    CHECK_EQ(rr_slurp(path, 1, &text, &len, err, sizeof err), RR_ERANGE);
    CHECK(strstr(err, ": larger than 1 byte") != NULL);
    CHECK_EQ(rr_slurp(path, 0, &text, &len, err, sizeof err), RR_ERANGE);
    CHECK(strstr(err, ": larger than 0 bytes") != NULL);
    /* no limit to speak of */
    CHECK_EQ(rr_slurp(path, SIZE_MAX, &text, &len, NULL, 0), RR_OK);
    CHECK_EQ(len, 10);
    free(text);

    /* larger than the first guess of a buffer, in many reads */
    big = malloc(300001);
    if (!big)
        return;
    for (size_t i = 0; i < 300000; i++)
        big[i] = (char)('a' + i % 26);
    path_in(path, sizeof path, "big");
    CHECK(write_file(path, big, 300000) == 0);
    CHECK_EQ(rr_slurp(path, 300000, &text, &len, err, sizeof err), RR_OK);
    CHECK_EQ(len, 300000);
    same = text && memcmp(text, big, 300000) == 0 && text[300000] == '\0';
    CHECK(same);
    free(text);
    CHECK_EQ(rr_slurp(path, 1024 * 256, &text, &len, err, sizeof err),
             RR_ERANGE);
    CHECK(strstr(err, ": larger than 256 KiB") != NULL);
    CHECK_EQ(rr_slurp(path, 299999, &text, &len, err, sizeof err), RR_ERANGE);
    free(big);
}

static void test_slurp_refused(void)
{
    char path[256], link[256], err[512], want[512];
    char *text = (char *)1;
    size_t len = 7;

    /* missing */
    path_in(path, sizeof path, "missing.csv");
    CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err),
             RR_ENOTFOUND);
    snprintf(want, sizeof want, "cannot open '%s': %s", path,
             strerror(ENOENT));
    CHECK_STR(err, want);
    CHECK(text == NULL && len == 0);
    path_in(path, sizeof path, "a.txt/below");
    CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err),
             RR_ENOTFOUND);
    CHECK_EQ(rr_slurp("", 100, &text, &len, err, sizeof err), RR_ENOTFOUND);

    /* a directory */
    CHECK_EQ(rr_slurp(tmpdir, 100, &text, &len, err, sizeof err), RR_EINVAL);
    snprintf(want, sizeof want,
             "cannot read '%s': a directory, not a regular file", tmpdir);
    CHECK_STR(err, want);

    /* a character device: refused, not read as an empty file */
    if (access("/dev/null", F_OK) == 0) {
        CHECK_EQ(rr_slurp("/dev/null", 100, &text, &len, err, sizeof err),
                 RR_EINVAL);
        CHECK_STR(err, "cannot read '/dev/null': a character device, not a "
                       "regular file");
    } else {
        CHECK_SKIP("no /dev/null");
    }
    if (access("/dev/zero", F_OK) == 0) {
        CHECK_EQ(rr_slurp("/dev/zero", 100, &text, &len, err, sizeof err),
                 RR_EINVAL);
    } else {
        CHECK_SKIP("no /dev/zero");
    }

    /* a FIFO with no writer: refused at once (a blocking open or read
     * would hang here until the alarm kills the test) */
    path_in(path, sizeof path, "fifo");
    if (mkfifo(path, 0600) == 0) {
        alarm(10);
        CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err),
                 RR_EINVAL);
        snprintf(want, sizeof want,
                 "cannot read '%s': a FIFO, not a regular file", path);
        CHECK_STR(err, want);
        /* through a symbolic link too */
        path_in(link, sizeof link, "link-to-fifo");
        if (symlink(path, link) == 0) {
            CHECK_EQ(rr_slurp(link, 100, &text, &len, err, sizeof err),
                     RR_EINVAL);
            CHECK(strstr(err, "a FIFO, not a regular file") != NULL);
        } else {
            CHECK_SKIP("symlink failed");
        }
        alarm(0);
    } else {
        CHECK_SKIP("mkfifo failed");
    }

    /* a socket */
    {
        struct sockaddr_un a;
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        memset(&a, 0, sizeof a);
        a.sun_family = AF_UNIX;
        path_in(path, sizeof path, "sock");
        if (s >= 0 && strlen(path) < sizeof a.sun_path) {
            memcpy(a.sun_path, path, strlen(path) + 1);
            if (bind(s, (struct sockaddr *)&a, sizeof a) == 0) {
                CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err),
                         RR_EINVAL);
                CHECK(strstr(err, "a socket, not a regular file") != NULL);
            } else {
                CHECK_SKIP("bind of a unix socket failed");
            }
        } else {
            CHECK_SKIP("no unix socket");
        }
        if (s >= 0)
            close(s);
    }

    /* a name with a newline is reported on one line */
    path_in(path, sizeof path, "bad\nname");
    CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err),
             RR_ENOTFOUND);
    CHECK(strchr(err, '\n') == NULL);
    CHECK(strstr(err, "bad\\nname") != NULL);

    /* unreadable (root reads anything: then there is nothing to see) */
    path_in(path, sizeof path, "secret");
    if (write_file(path, "x", 1) == 0 && chmod(path, 0) == 0 &&
        geteuid() != 0) {
        CHECK_EQ(rr_slurp(path, 100, &text, &len, err, sizeof err), RR_EIO);
        snprintf(want, sizeof want, "cannot open '%s': %s", path,
                 strerror(EACCES));
        CHECK_STR(err, want);
    } else {
        CHECK_SKIP("running as root: permissions are not enforced");
    }
    CHECK(text == NULL && len == 0);
}

/* /proc files are regular files whose size says 0: they are read to their
 * end, and the limit still holds. */
static void test_slurp_proc(void)
{
    struct stat st;
    char err[512];
    char *text = NULL;
    size_t len = 0;

    if (stat("/proc/self/status", &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size != 0) {
        CHECK_SKIP("no /proc/self/status of size 0");
        return;
    }
    CHECK_EQ(rr_slurp("/proc/self/status", 1 << 20, &text, &len, err,
                      sizeof err),
             RR_OK);
    CHECK(len > 0 && text && strncmp(text, "Name:", 5) == 0);
    CHECK(text && strlen(text) == len);
    free(text);
    CHECK_EQ(rr_slurp("/proc/self/status", 16, &text, &len, err, sizeof err),
             RR_ERANGE);
    CHECK(text == NULL);
    CHECK(strstr(err, ": larger than 16 bytes") != NULL);
}

/* ---- did you mean -------------------------------------------------------- */

static size_t ed(const char *a, const char *b, bool nocase)
{
    return rr_edit_distance(a, strlen(a), b, strlen(b), nocase);
}

static void test_edit_distance(void)
{
    char l128[129], l129[130];

    CHECK_EQ(ed("", "", false), 0);
    CHECK_EQ(ed("", "abc", false), 3);
    CHECK_EQ(ed("abc", "", false), 3);
    CHECK_EQ(ed("abc", "abc", false), 0);
    CHECK_EQ(ed("kitten", "sitting", false), 3);
    CHECK_EQ(ed("ab", "ba", false), 1);                /* a swap */
    CHECK_EQ(ed("exponentail", "exponential", false), 1);
    CHECK_EQ(ed("ca", "abc", false), 3); /* OSA: no edit after a swap */
    CHECK_EQ(ed("ABC", "abc", false), 3);
    CHECK_EQ(ed("ABC", "abc", true), 0);
    CHECK_EQ(ed("BA", "ab", true), 1);
    CHECK_EQ(ed("\xC3\xA9", "e", false), 2); /* bytes, not characters */
    CHECK_EQ(ed("\xC3\x89", "\xC3\xA9", true), 1); /* ASCII case only */
    /* embedded NUL counts as a byte */
    CHECK_EQ(rr_edit_distance("a\0b", 3, "a\0c", 3, false), 1);

    memset(l128, 'x', 128);
    l128[128] = '\0';
    memset(l129, 'x', 129);
    l129[129] = '\0';
    CHECK_EQ(ed(l128, l128, false), 0);
    CHECK_EQ(ed(l128, "x", false), 127);
    CHECK_EQ(ed(l129, "x", false), SIZE_MAX);
    CHECK_EQ(ed("x", l129, false), SIZE_MAX);
}

static const char *dym(const char *w, const char *const *c, size_t n,
                       size_t max, unsigned flags)
{
    return rr_did_you_mean(w, strlen(w), c, n, max, flags);
}

static void test_did_you_mean(void)
{
    static const char *const kinds[] = {
        "exponential", "lognormal",  "gamma",         "weibull",
        "uniform",     "triangular", "deterministic", "empirical"};
    static const char *const ab[] = {"abd", "abe"};
    static const char *const ba[] = {"abe", "abd"};
    static const char *const self[] = {"rds", "rdx"};
    static const char *const gam[] = {"ham", "gamma"};
    static const char *const with_null[] = {NULL, "gamma", NULL};
    static const char *const one[] = {"a", "b"};
    const size_t A = RR_DYM_AUTO;

    CHECK_EQ(rr_did_you_mean_limit(0), 1);
    CHECK_EQ(rr_did_you_mean_limit(4), 1);
    CHECK_EQ(rr_did_you_mean_limit(5), 2);
    CHECK_EQ(rr_did_you_mean_limit(8), 2);
    CHECK_EQ(rr_did_you_mean_limit(9), 3);
    CHECK_EQ(rr_did_you_mean_limit(12), 4);

    CHECK_STR(dym("exponentail", kinds, 8, A, 0), "exponential");
    CHECK_STR(dym("gama", kinds, 8, A, 0), "gamma");
    CHECK(dym("zzzzzz", kinds, 8, A, 0) == NULL);
    CHECK(dym("gamma", kinds, 0, A, 0) == NULL);
    /* ties go to the earlier candidate, whichever it is */
    CHECK_STR(dym("abc", ab, 2, A, 0), "abd");
    CHECK_STR(dym("abc", ba, 2, A, 0), "abe");
    /* the word itself is no suggestion; its neighbour is */
    CHECK_STR(dym("rds", self, 2, A, 0), "rdx");
    CHECK(dym("rds", self, 1, A, 0) == NULL);
    /* case */
    CHECK(dym("GAMMA", kinds, 8, A, 0) == NULL);
    CHECK_STR(dym("GAMMA", kinds, 8, A, RR_DYM_NOCASE), "gamma");
    CHECK_STR(dym("Gamma", kinds, 8, 0, RR_DYM_NOCASE), "gamma");
    CHECK(dym("Gamma", kinds, 8, 0, 0) == NULL);
    /* prefixes: the first candidate the word begins, at once */
    CHECK_STR(dym("gam", gam, 2, A, 0), "ham");
    CHECK_STR(dym("gam", gam, 2, A, RR_DYM_PREFIX), "gamma");
    CHECK_STR(dym("tri", kinds, 8, A, RR_DYM_PREFIX), "triangular");
    CHECK_STR(dym("DET", kinds, 8, A, RR_DYM_PREFIX | RR_DYM_NOCASE),
              "deterministic");
    CHECK(dym("DET", kinds, 8, A, RR_DYM_PREFIX) == NULL);
    CHECK(dym("ga", gam, 2, 0, RR_DYM_PREFIX) == NULL); /* 2 bytes: no */
    CHECK(dym("gamma", gam, 2, 0, RR_DYM_PREFIX) == NULL); /* not longer */
    /* thresholds: a third of a long word */
    {
        static const char *const c[] = {"abcdefghijkl"};
        CHECK_STR(dym("abcdefghWXYZ", c, 1, A, 0), "abcdefghijkl");
        CHECK(dym("abcdefgVWXYZ", c, 1, A, 0) == NULL);
        CHECK(dym("abcdefghWXYZ", c, 1, 3, 0) == NULL);
    }
    CHECK(dym("gamma", with_null, 3, A, RR_DYM_NOCASE) == NULL);
    CHECK_STR(dym("gamm", with_null, 3, A, 0), "gamma");
    /* the empty word suggests nothing */
    CHECK(dym("", one, 2, A, 0) == NULL);
    CHECK(rr_did_you_mean("", 0, one, 2, 5, RR_DYM_PREFIX) == NULL);
    /* a word is its len bytes, NUL or not */
    CHECK_STR(rr_did_you_mean("gam\0ma", 6, kinds, 8, A, 0), "gamma");
    CHECK(rr_did_you_mean("gammaX", 5, kinds, 8, A, 0) == NULL);
    CHECK_STR(rr_did_you_mean("gammX", 5, kinds, 8, A, 0), "gamma");
}

/* The two implementations rr_did_you_mean replaces, as they are in
 * sim/scenario/scenario.c (rri_suggest) and sim/engine/dist.c (suggest):
 * over many misspellings, the new one with the matching options answers
 * the same. */
static size_t old_ed_cs(const char *a, const char *b)
{
    enum { MAXLEN = 128 };
    size_t na = strlen(a), nb = strlen(b);
    size_t rows[3][MAXLEN + 1];
    if (na > MAXLEN || nb > MAXLEN)
        return SIZE_MAX;
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

static const char *old_rri_suggest(const char *word, const char *const *cand,
                                   size_t n)
{
    size_t len = strlen(word);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : len / 3;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t d = old_ed_cs(word, cand[i]);
        if (d <= limit && d < best_d && d > 0) {
            best = cand[i];
            best_d = d;
        }
    }
    return best;
}

static size_t old_ed_ci(const char *ap, size_t na, const char *b)
{
    enum { MAXLEN = 24 };
    size_t nb = strlen(b);
    size_t dp[MAXLEN + 1][MAXLEN + 1];
    if (na > MAXLEN || nb > MAXLEN)
        return SIZE_MAX;
    for (size_t i = 0; i <= na; i++)
        dp[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        dp[0][j] = j;
    for (size_t i = 1; i <= na; i++) {
        for (size_t j = 1; j <= nb; j++) {
            int ca = tolower((unsigned char)ap[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            size_t best = dp[i - 1][j - 1] + (ca != cb);
            if (dp[i - 1][j] + 1 < best)
                best = dp[i - 1][j] + 1;
            if (dp[i][j - 1] + 1 < best)
                best = dp[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)ap[i - 2]) == cb &&
                dp[i - 2][j - 2] + 1 < best)
                best = dp[i - 2][j - 2] + 1;
            dp[i][j] = best;
        }
    }
    return dp[na][nb];
}

static const char *old_dist_suggest(const char *p, size_t n,
                                    const char *const *kinds, size_t nk)
{
    const char *best = NULL;
    size_t best_d = n <= 4 ? 1 : 2;
    for (size_t i = 0; i < nk; i++) {
        if (n >= 3 && n < strlen(kinds[i]) &&
            strncasecmp(p, kinds[i], n) == 0)
            return kinds[i];
        size_t dist = old_ed_ci((const char *)p, n, kinds[i]);
        if (dist <= best_d && (!best || dist < best_d)) {
            best = kinds[i];
            best_d = dist;
        }
    }
    return best;
}

/* mutate - a misspelling of w into out: k random edits drawn from seed. */
static void mutate(const char *w, unsigned *seed, int k, char *out,
                   size_t cap)
{
    static const char alpha[] = "abcdefghijklmnopqrstuvwxyzAEIOU_.0";
    size_t n = strlen(w);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, w, n);
    out[n] = '\0';
    for (int e = 0; e < k; e++) {
        unsigned r = (*seed = *seed * 1103515245u + 12345u) >> 8;
        size_t at = n ? r % (n + 1) : 0;
        char c = alpha[(r >> 8) % (sizeof alpha - 1)];
        switch ((r >> 16) % 4) {
        case 0: /* insert */
            if (n + 1 < cap) {
                memmove(out + at + 1, out + at, n - at + 1);
                out[at] = c;
                n++;
            }
            break;
        case 1: /* delete */
            if (n && at < n) {
                memmove(out + at, out + at + 1, n - at);
                n--;
            }
            break;
        case 2: /* substitute */
            if (at < n)
                out[at] = c;
            break;
        default: /* swap */
            if (at + 1 < n) {
                char t = out[at];
                out[at] = out[at + 1];
                out[at + 1] = t;
            }
        }
    }
}

static void test_did_you_mean_same_as_before(void)
{
    static const char *const keys[] = {
        "name",       "title",        "source",    "start",
        "end",        "report",       "warmup",    "seed",
        "replications", "servers",    "capacity",  "service",
        "discipline", "detention",    "max_stay",  "route.iom",
        "route.ngo",  "route.forced", "route.departed", "abscond_rate",
        "share",      "channel",      "support",   "sustainable",
        "ab",         "abc",          "abd",       "x"};
    static const char *const kinds[] = {
        "exponential", "lognormal",  "gamma",         "weibull",
        "uniform",     "triangular", "deterministic", "empirical"};
    unsigned seed = 12345;
    size_t differ_cs = 0, differ_ci = 0, tried = 0, found = 0;

    for (int round = 0; round < 40; round++)
        for (size_t i = 0; i < RR_COUNTOF(keys); i++) {
            char w[64];
            const char *a, *b;
            mutate(keys[i], &seed, 1 + round % 4, w, sizeof w);
            if (!*w)
                continue; /* the new one suggests nothing for "" */
            a = old_rri_suggest(w, keys, RR_COUNTOF(keys));
            b = rr_did_you_mean(w, strlen(w), keys, RR_COUNTOF(keys),
                                RR_DYM_AUTO, 0);
            tried++;
            found += b != NULL;
            if (a != b) {
                differ_cs++;
                printf("  rri_suggest('%s'): '%s' before, '%s' now\n", w,
                       a ? a : "-", b ? b : "-");
            }
        }
    for (int round = 0; round < 60; round++)
        for (size_t i = 0; i < RR_COUNTOF(kinds); i++) {
            char w[64];
            const char *a, *b;
            size_t n;
            mutate(kinds[i], &seed, 1 + round % 4, w, sizeof w);
            n = strlen(w);
            if (!n || !strcasecmp(w, kinds[i]))
                continue; /* a known kind never reaches suggest() */
            {
                bool known = false;
                for (size_t k = 0; k < RR_COUNTOF(kinds); k++)
                    known = known || !strcasecmp(w, kinds[k]);
                if (known)
                    continue;
            }
            a = old_dist_suggest(w, n, kinds, RR_COUNTOF(kinds));
            b = rr_did_you_mean(w, n, kinds, RR_COUNTOF(kinds),
                                n <= 4 ? 1 : 2,
                                RR_DYM_NOCASE | RR_DYM_PREFIX);
            tried++;
            found += b != NULL;
            if (a != b) {
                differ_ci++;
                printf("  dist suggest('%s'): '%s' before, '%s' now\n", w,
                       a ? a : "-", b ? b : "-");
            }
        }
    CHECK_EQ(differ_cs, 0);
    CHECK_EQ(differ_ci, 0);
    /* the corpus exercises both answers */
    CHECK(tried > 1000);
    CHECK(found > tried / 4 && found < tried);
}

static void cleanup(void)
{
    static const char *const names[] = {
        "a.txt", "empty", "ten", "big", "fifo", "link-to-fifo", "sock",
        "secret"};
    char path[256];
    for (size_t i = 0; i < RR_COUNTOF(names); i++) {
        path_in(path, sizeof path, names[i]);
        unlink(path);
    }
    rmdir(tmpdir);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_err_set();
    test_err_utf8();
    test_err_at();
    test_err_errno_kept();
    test_err_sys();
    test_err_file();
    test_sb_basic();
    test_sb_growth();
    test_sb_latched();
    test_sb_escaped();
    test_trim();
    test_slurp_regular();
    test_slurp_refused();
    test_slurp_proc();
    test_edit_distance();
    test_did_you_mean();
    test_did_you_mean_same_as_before();
    cleanup();
    return check_summary("test_util");
}
