/*
 * util.c - error messages, string builder, trim, slurp, did-you-mean
 * (see rr_util.h).
 *
 * The error setters write into the caller's fixed buffer and never
 * allocate: they are called on the out-of-memory path too.  Only the
 * string builder and rr_slurp allocate, and both report a failure instead
 * of aborting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_util.h"

/* {===================================================================
 * Error messages
 * ==================================================================== */

/* A message being written into a fixed buffer; `cut` once it did not
 * fit (then nothing more is written). */
typedef struct fbuf {
    char *p;
    size_t cap, n;
    bool cut;
} fbuf;

static void fb_init(fbuf *f, char *err, size_t errlen)
{
    f->p = errlen ? err : NULL;
    f->cap = err ? errlen : 0;
    f->n = 0;
    f->cut = false;
    if (f->p)
        f->p[0] = '\0';
}

static void fb_put(fbuf *f, const char *s, size_t n)
{
    size_t room;
    if (!f->p || f->cut)
        return;
    room = f->cap - 1 - f->n;
    if (n > room) {
        n = room;
        f->cut = true;
    }
    memcpy(f->p + f->n, s, n);
    f->n += n;
    f->p[f->n] = '\0';
}

static void fb_vputf(fbuf *f, const char *fmt, va_list ap) RR_PRINTF(2, 0);
static void fb_vputf(fbuf *f, const char *fmt, va_list ap)
{
    size_t room;
    int k;
    if (!f->p || f->cut)
        return;
    room = f->cap - f->n;
    k = vsnprintf(f->p + f->n, room, fmt, ap);
    if (k < 0) {
        f->p[f->n] = '\0'; /* a format error: keep what came before */
    } else if ((size_t)k >= room) {
        f->n = f->cap - 1;
        f->cut = true;
    } else {
        f->n += (size_t)k;
    }
}

static void fb_putf(fbuf *f, const char *fmt, ...) RR_PRINTF(2, 3);
static void fb_putf(fbuf *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fb_vputf(f, fmt, ap);
    va_end(ap);
}

/* escape - the text for byte c, a control character. */
static const char *escape(unsigned char c, char buf[5])
{
    switch (c) {
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    default:
        snprintf(buf, 5, "\\x%02X", c);
        return buf;
    }
}

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static void fb_escaped(fbuf *f, const char *s)
{
    while (*s) {
        size_t run = 0;
        while (s[run] && !is_control((unsigned char)s[run]))
            run++;
        fb_put(f, s, run);
        s += run;
        if (*s) {
            char buf[5];
            const char *e = escape((unsigned char)*s++, buf);
            fb_put(f, e, strlen(e));
        }
    }
}

/* fb_done - a message that was cut ends in "..." (as much of it as the
 * buffer holds), the cut backed up to the start of a UTF-8 character. */
static void fb_done(fbuf *f)
{
    size_t dots, keep, back = 0;
    if (!f->p || !f->cut)
        return;
    dots = f->cap - 1 < 3 ? f->cap - 1 : 3;
    keep = f->cap - 1 - dots;
    /* p[keep] is the first byte dropped: if it continues a character,
     * drop that character's first bytes too */
    while (keep > 0 && back < 3 && ((unsigned char)f->p[keep] & 0xC0) == 0x80) {
        keep--;
        back++;
    }
    memcpy(f->p + keep, "...", dots);
    f->p[keep + dots] = '\0';
    f->n = keep + dots;
}

int rr_err_vset(char *err, size_t errlen, int status, const char *fmt,
                va_list ap)
{
    return rr_err_vat(err, errlen, status, NULL, 0, fmt, ap);
}

int rr_err_set(char *err, size_t errlen, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_err_vat(err, errlen, status, NULL, 0, fmt, ap);
    va_end(ap);
    return status;
}

int rr_err_vat(char *err, size_t errlen, int status, const char *file,
               long line, const char *fmt, va_list ap)
{
    int saved = errno;
    fbuf f;
    fb_init(&f, err, errlen);
    if (file) {
        fb_escaped(&f, file);
        if (line > 0)
            fb_putf(&f, ":%ld", line);
        fb_put(&f, ": ", 2);
    }
    fb_vputf(&f, fmt, ap);
    fb_done(&f);
    errno = saved;
    return status;
}

int rr_err_at(char *err, size_t errlen, int status, const char *file,
              long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_err_vat(err, errlen, status, file, line, fmt, ap);
    va_end(ap);
    return status;
}

/* reason - strerror(e) without strerror's shared buffer. */
static const char *reason(int e, char *buf, size_t n)
{
#if defined(_GNU_SOURCE) && defined(__GLIBC__)
    return strerror_r(e, buf, n); /* the GNU form returns the text */
#else
    if (strerror_r(e, buf, n) != 0)
        snprintf(buf, n, "error %d", e);
    return buf;
#endif
}

/* file_msg - "cannot VERB 'PATH'[ to 'TO']: WHY" into err. */
static void file_msg(char *err, size_t errlen, const char *verb,
                     const char *path, const char *to, const char *why)
{
    fbuf f;
    fb_init(&f, err, errlen);
    fb_put(&f, "cannot ", 7);
    fb_put(&f, verb, strlen(verb));
    fb_put(&f, " '", 2);
    fb_escaped(&f, path);
    fb_put(&f, "'", 1);
    if (to) {
        fb_put(&f, " to '", 5);
        fb_escaped(&f, to);
        fb_put(&f, "'", 1);
    }
    fb_put(&f, ": ", 2);
    fb_put(&f, why, strlen(why));
    fb_done(&f);
}

int rr_err_sys(char *err, size_t errlen, int errnum, const char *verb,
               const char *path, const char *to)
{
    int saved = errno;
    char rb[128];
    if (errnum == 0)
        errnum = EIO;
    file_msg(err, errlen, verb, path, to, reason(errnum, rb, sizeof rb));
    errno = saved;
    return errnum == ENOMEM ? RR_ENOMEM : RR_EIO;
}

int rr_err_file(char *err, size_t errlen, const char *verb, const char *path)
{
    int e = errno; /* first: anything below may change it */
    return rr_err_sys(err, errlen, e, verb, path, NULL);
}

int rr_status_of_errno(int errnum)
{
    switch (errnum) {
    case ENOMEM:
        return RR_ENOMEM;
    case ENOENT:
    case ENOTDIR:
        return RR_ENOTFOUND;
    case EINTR:
        return RR_EINTR;
    default:
        return RR_EIO;
    }
}

/* }=================================================================== */

/* {===================================================================
 * String builder
 * ==================================================================== */

/* sb_room - room for k more bytes and the NUL; false (status latched)
 * when that cannot be had. */
static bool sb_room(rr_sb *b, size_t k)
{
    size_t need, cap;
    char *p;
    if (b->status != RR_OK)
        return false;
    if (k > SIZE_MAX - 1 - b->n) {
        b->status = RR_ENOMEM;
        return false;
    }
    need = b->n + k + 1;
    if (need <= b->cap)
        return true;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    if (!(p = realloc(b->p, cap))) {
        b->status = RR_ENOMEM;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void rr_sb_addn(rr_sb *b, const char *s, size_t n)
{
    if (!sb_room(b, n))
        return;
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void rr_sb_add(rr_sb *b, const char *s)
{
    if (!s) {
        if (b->status == RR_OK)
            b->status = RR_EINVAL;
        return;
    }
    rr_sb_addn(b, s, strlen(s));
}

void rr_sb_addc(rr_sb *b, char c)
{
    rr_sb_addn(b, &c, 1);
}

void rr_sb_vaddf(rr_sb *b, const char *fmt, va_list ap)
{
    va_list again;
    size_t room = b->p ? b->cap - b->n : 0;
    int k;
    if (b->status != RR_OK)
        return;
    va_copy(again, ap);
    k = vsnprintf(b->p ? b->p + b->n : NULL, room, fmt, ap);
    if (k < 0) {
        if (b->p)
            b->p[b->n] = '\0';
        b->status = RR_EINVAL;
    } else if ((size_t)k < room) {
        b->n += (size_t)k;
    } else if (sb_room(b, (size_t)k)) {
        vsnprintf(b->p + b->n, b->cap - b->n, fmt, again);
        b->n += (size_t)k;
    } else if (b->p) {
        b->p[b->n] = '\0'; /* undo the partial write */
    }
    va_end(again);
}

void rr_sb_addf(rr_sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_sb_vaddf(b, fmt, ap);
    va_end(ap);
}

void rr_sb_add_escaped(rr_sb *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t run = 0;
        while (i + run < n && !is_control((unsigned char)s[i + run]))
            run++;
        rr_sb_addn(b, s + i, run);
        i += run;
        if (i < n) {
            char buf[5];
            rr_sb_add(b, escape((unsigned char)s[i++], buf));
        }
    }
}

const char *rr_sb_str(const rr_sb *b)
{
    return b->p ? b->p : "";
}

char *rr_sb_take(rr_sb *b, size_t *len)
{
    char *p = b->p;
    size_t n = b->n;
    if (b->status != RR_OK) {
        free(p);
        p = NULL;
        n = 0;
    } else if (!p && (p = malloc(1)) != NULL) {
        p[0] = '\0';
    }
    memset(b, 0, sizeof *b);
    if (len)
        *len = p ? n : 0;
    return p;
}

void rr_sb_reset(rr_sb *b)
{
    b->n = 0;
    b->status = RR_OK;
    if (b->p)
        b->p[0] = '\0';
}

void rr_sb_fini(rr_sb *b)
{
    if (!b)
        return;
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* }=================================================================== */

/* {===================================================================
 * Trimming
 * ==================================================================== */

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
}

const char *rr_trim_span(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && blank(*s)) {
        s++;
        len--;
    }
    while (len && blank(s[len - 1]))
        len--;
    *n = len;
    return s;
}

char *rr_trim(char *s)
{
    size_t n = strlen(s);
    char *t = (char *)rr_trim_span(s, &n);
    t[n] = '\0';
    return t;
}

/* }=================================================================== */

/* {===================================================================
 * Reading a whole file
 * ==================================================================== */

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
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


/* refuse - a file rr_slurp will not read, for reason `why` (its kind, its
 * size), with status rc; the descriptor, if open, is closed. */
static int refuse(int fd, const char *path, const char *why, int rc,
                  char *err, size_t errlen)
{
    if (fd >= 0)
        close(fd);
    file_msg(err, errlen, "read", path, NULL, why);
    return rc;
}

static int not_regular(int fd, const char *path, mode_t m, char *err,
                       size_t errlen)
{
    char why[64];
    snprintf(why, sizeof why, "%s, not a regular file", file_kind(m));
    return refuse(fd, path, why, RR_EINVAL, err, errlen);
}

static int too_large(int fd, const char *path, size_t limit, char *err,
                     size_t errlen)
{
    char why[64];
    if (limit >= 1024 * 1024 && limit % (1024 * 1024) == 0)
        snprintf(why, sizeof why, "larger than %zu MiB", limit / (1024 * 1024));
    else if (limit >= 1024 && limit % 1024 == 0)
        snprintf(why, sizeof why, "larger than %zu KiB", limit / 1024);
    else
        snprintf(why, sizeof why, "larger than %zu byte%s", limit,
                 limit == 1 ? "" : "s");
    return refuse(fd, path, why, RR_ERANGE, err, errlen);
}

/* sys_fail - a failed system call on path: the message from errno e, the
 * descriptor (if open) closed, the status of e. */
static int sys_fail(int fd, int e, const char *verb, const char *path,
                    char *err, size_t errlen)
{
    if (fd >= 0)
        close(fd);
    rr_err_sys(err, errlen, e, verb, path, NULL);
    return e ? rr_status_of_errno(e) : RR_EIO;
}

static bool over(off_t size, size_t limit)
{
    return size < 0 || (uintmax_t)size > (uintmax_t)limit;
}

int rr_slurp(const char *path, size_t limit, char **text, size_t *len,
             char *err, size_t errlen)
{
    struct stat st;
    char *buf;
    size_t cap, n = 0;
    int fd, fl;

    *text = NULL;
    *len = 0;
    if (limit > SIZE_MAX - 2)
        limit = SIZE_MAX - 2;
    /* refuse what is not a regular file before opening it */
    if (stat(path, &st) != 0)
        return sys_fail(-1, errno, "open", path, err, errlen);
    if (!S_ISREG(st.st_mode))
        return not_regular(-1, path, st.st_mode, err, errlen);
    if (over(st.st_size, limit))
        return too_large(-1, path, limit, err, errlen);
    /* and again after: the name may now stand for something else */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return sys_fail(-1, errno, "open", path, err, errlen);
    if (fstat(fd, &st) != 0)
        return sys_fail(fd, errno, "read", path, err, errlen);
    if (!S_ISREG(st.st_mode))
        return not_regular(fd, path, st.st_mode, err, errlen);
    if (over(st.st_size, limit))
        return too_large(fd, path, limit, err, errlen);
    if ((fl = fcntl(fd, F_GETFL)) < 0 ||
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0)
        return sys_fail(fd, errno, "read", path, err, errlen);

    /* room for the size fstat gave, one byte more to see the end, and the
     * NUL; grown (to at most limit + 2) if the file is longer than said */
    cap = (size_t)st.st_size + 2;
    if (!(buf = malloc(cap)))
        return sys_fail(fd, ENOMEM, "read", path, err, errlen);
    for (;;) {
        ssize_t got;
        if (n == cap - 1) {
            char *nb;
            size_t nc;
            if (n > limit)
                break;
            nc = cap <= (limit + 2) / 2 ? cap * 2 : limit + 2;
            if (!(nb = realloc(buf, nc))) {
                free(buf);
                return sys_fail(fd, ENOMEM, "read", path, err, errlen);
            }
            buf = nb;
            cap = nc;
        }
        got = read(fd, buf + n, cap - 1 - n);
        if (got < 0) {
            int e = errno;
            if (e == EINTR)
                continue;
            free(buf);
            return sys_fail(fd, e, "read", path, err, errlen);
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    if (n > limit) {
        free(buf);
        return too_large(fd, path, limit, err, errlen);
    }
    close(fd);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Did you mean
 * ==================================================================== */

static unsigned char fold(unsigned char c, bool nocase)
{
    return nocase && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a')
                                          : c;
}

size_t rr_edit_distance(const char *a, size_t na, const char *b, size_t nb,
                        bool nocase)
{
    /* three rolling rows: the one before the previous is needed for a
     * swap of neighbours */
    size_t rows[3][RR_EDIT_MAX + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;

    if (na > RR_EDIT_MAX || nb > RR_EDIT_MAX)
        return SIZE_MAX;
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        unsigned char ca = fold(x[i - 1], nocase);
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned char cb = fold(y[j - 1], nocase);
            size_t best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == fold(y[j - 2], nocase) &&
                fold(x[i - 2], nocase) == cb && pp[j - 2] + 1 < best)
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

size_t rr_did_you_mean_limit(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : len / 3;
}

/* begins - word[0..len) begins c, which is longer. */
static bool begins(const char *word, size_t len, const char *c, size_t cl,
                   bool nocase)
{
    if (cl <= len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (fold((unsigned char)word[i], nocase) !=
            fold((unsigned char)c[i], nocase))
            return false;
    return true;
}

const char *rr_did_you_mean(const char *word, size_t len,
                            const char *const *cand, size_t n, size_t max,
                            unsigned flags)
{
    bool nocase = (flags & RR_DYM_NOCASE) != 0;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;

    if (len == 0)
        return NULL; /* every short word is "close" to nothing */
    if (max == RR_DYM_AUTO)
        max = rr_did_you_mean_limit(len);
    for (size_t i = 0; i < n; i++) {
        const char *c = cand[i];
        size_t cl, d;
        if (!c)
            continue;
        cl = strlen(c);
        if (cl == len && memcmp(c, word, len) == 0)
            continue; /* the word itself is no suggestion */
        if ((flags & RR_DYM_PREFIX) && len >= 3 &&
            begins(word, len, c, cl, nocase))
            return c;
        d = rr_edit_distance(word, len, c, cl, nocase);
        if (d <= max && d < best_d) {
            best = c;
            best_d = d;
        }
    }
    return best;
}

/* }=================================================================== */
