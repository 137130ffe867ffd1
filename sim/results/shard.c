/*
 * shard.c - the shard folder's two files, written and read back
 * (rr_shard.h has the format).  Reading trusts nothing: shard.txt is read
 * line by line within fixed sizes, every key once and in its place, every
 * number in its range; items.bin's size and hash must be those shard.txt
 * gives, and each record's number and length what the range calls for.
 * The files are opened without following a link and must be regular
 * files, so a shard folder cannot make rrsim read a device or a FIFO.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_shard.h"

#define FNV0 14695981039346656037ull
#define HEAD_MAX (1u << 20) /* bytes of shard.txt */
#define LINE_MAX_LEN (3 * RR_SHARD_MAX_ARG + 16)

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t rr_shard_hash(const rr_plan *const *plans, size_t n, uint64_t reps)
{
    uint64_t h = fnv(FNV0, &reps, sizeof reps), n64 = n;
    h = fnv(h, &n64, sizeof n64);
    for (size_t i = 0; i < n; i++) {
        uint64_t p = rr_plan_hash(plans[i]);
        h = fnv(h, &p, sizeof p);
    }
    return h;
}

static void put_u64(unsigned char *p, uint64_t x)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(x >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x |= (uint64_t)p[i] << (8 * i);
    return x;
}

/* ---- writing ------------------------------------------------------------ */

/* put_arg - an argument %XX-escaped: every byte but printable ASCII other
 * than '%' and ' '. */
static void put_arg(FILE *f, const char *a)
{
    for (const unsigned char *p = (const unsigned char *)a; *p; p++)
        if (*p > ' ' && *p < 0x7f && *p != '%')
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
}

uint64_t rr_shard_hash_chain(uint64_t h, uint64_t next)
{
    return fnv(h, &next, sizeof next);
}

int rr_shard_begin(rr_shard_writer *w, const char *dir, char *err,
                   size_t errlen)
{
    memset(w, 0, sizeof *w);
    w->hash = FNV0;
    snprintf(w->path, sizeof w->path, "%s/items.bin", dir);
    if (!(w->f = fopen(w->path, "wb"))) {
        snprintf(err, errlen, "cannot create '%s': %s", w->path,
                 strerror(errno));
        return RR_EIO;
    }
    return RR_OK;
}

int rr_shard_add(rr_shard_writer *w, const rr_run_result *res, uint64_t reps,
                 uint64_t base, uint64_t first, uint64_t n, char *err,
                 size_t errlen)
{
    int rc = RR_OK;
    for (uint64_t i = first; i < first + n && rc == RR_OK; i++) {
        const rr_run_result *r = &res[(i - base) / reps];
        unsigned char rec[16];
        size_t len;
        void *buf = rr_item_encode(&r->rep[(i - base) % reps], &len);
        if (!buf) {
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            return RR_ENOMEM;
        }
        put_u64(rec, i);
        put_u64(rec + 8, len);
        w->hash = fnv(fnv(w->hash, rec, sizeof rec), buf, len);
        w->size += sizeof rec + len;
        if (fwrite(rec, sizeof rec, 1, w->f) != 1 ||
            fwrite(buf, 1, len, w->f) != len) {
            snprintf(err, errlen, "cannot write '%s': %s", w->path,
                     strerror(errno));
            rc = RR_EIO;
        }
        free(buf);
    }
    return rc;
}

void rr_shard_abandon(rr_shard_writer *w)
{
    if (w->f)
        fclose(w->f);
    w->f = NULL;
}

int rr_shard_end(rr_shard_writer *w, const char *dir, rr_shard_head *h,
                 char *err, size_t errlen)
{
    char path[4200];
    FILE *f = w->f;

    w->f = NULL;
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", w->path,
                 strerror(errno));
        return RR_EIO;
    }
    h->data_size = w->size;
    h->data_hash = w->hash;
    snprintf(path, sizeof path, "%s/shard.txt", dir);
    if (!(f = fopen(path, "w"))) {
        snprintf(err, errlen, "cannot create '%s': %s", path,
                 strerror(errno));
        return RR_EIO;
    }
    fprintf(f, "rrsim-shard 1\nversion %s\ncommand %s\n", h->version,
            h->command);
    for (int i = 0; i < h->argc; i++) {
        fputs("arg ", f);
        put_arg(f, h->argv[i]);
        fputc('\n', f);
    }
    fprintf(f,
            "hash %016" PRIx64 "\nseed %" PRIu64 "\npoints %" PRIu64
            "\nreplications %" PRIu64 "\nshard %" PRIu64 "/%" PRIu64
            "\nitems %" PRIu64 "\nfirst %" PRIu64 "\ncount %" PRIu64
            "\ndata %" PRIu64 " %016" PRIx64 "\n",
            h->hash, h->seed, h->points, h->reps, h->index + 1, h->count,
            h->items, h->first, h->n, h->data_size, h->data_hash);
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return RR_EIO;
    }
    return RR_OK;
}

int rr_shard_write(const char *dir, rr_shard_head *h,
                   const rr_run_result *res, char *err, size_t errlen)
{
    rr_shard_writer w;
    int rc = rr_shard_begin(&w, dir, err, errlen);
    if (rc == RR_OK)
        rc = rr_shard_add(&w, res, h->reps, 0, h->first, h->n, err, errlen);
    if (rc == RR_OK)
        return rr_shard_end(&w, dir, h, err, errlen);
    rr_shard_abandon(&w);
    return rc;
}

/* ---- reading ------------------------------------------------------------ */

/* open_regular - path for reading, only if it is a regular file (a link
 * is not followed); its size into *size. */
static FILE *open_regular(const char *path, uint64_t *size, char *err,
                          size_t errlen, int *rc)
{
    struct stat st;
    FILE *f;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s%s", path, strerror(errno),
                 errno == ELOOP ? " (a link; a shard's files are not)" : "");
        *rc = errno == ENOENT || errno == ELOOP ? RR_EPARSE : RR_EIO;
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        *rc = RR_EPARSE;
        return NULL;
    }
    if (!(f = fdopen(fd, "rb"))) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        *rc = RR_EIO;
        return NULL;
    }
    *size = (uint64_t)st.st_size;
    return f;
}

/* number - s as a whole number in [lo, hi], the whole of it. */
static bool number(const char *s, uint64_t lo, uint64_t hi, uint64_t *x)
{
    char *end;
    unsigned long long v;
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return false;
    *x = v;
    return true;
}

static bool hex64(const char *s, uint64_t *x)
{
    char *end;
    if (strlen(s) != 16 || strspn(s, "0123456789abcdef") != 16)
        return false;
    *x = strtoull(s, &end, 16);
    return *end == '\0';
}

/* unescape - an argument's %XX escapes into out (a NUL byte refused). */
static bool unescape(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s; s++) {
        unsigned v;
        if (k + 1 >= n)
            return false;
        if (*s != '%') {
            out[k++] = *s;
            continue;
        }
        if (!s[1] || !s[2] || !strchr("0123456789ABCDEF", s[1]) ||
            !strchr("0123456789ABCDEF", s[2]) ||
            sscanf(s + 1, "%2X", &v) != 1 || v == 0)
            return false;
        out[k++] = (char)v;
        s += 2;
    }
    out[k] = '\0';
    return true;
}

static bool text_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n >= max)
        return false;
    for (; *s; s++)
        if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') &&
            !strchr(".-+_", *s) && !(*s >= 'A' && *s <= 'Z'))
            return false;
    return true;
}

void rr_shard_head_fini(rr_shard_head *h)
{
    for (int i = 0; i < h->argc; i++)
        free(h->argv[i]);
    h->argc = 0;
}

/* the keys after the arguments, in this order */
static const char *const KEYS[] = {"hash",  "seed",  "points", "replications",
                                   "shard", "items", "first",  "count",
                                   "data"};

/* head_line - one "key value" line of shard.txt into h; *state counts the
 * lines read: 0 the format, 1 version, 2 command, then args and KEYS. */
static bool head_line(rr_shard_head *h, char *line, int *state,
                      const char **what)
{
    char *v = strchr(line, ' ');
    int k;
    if (!v)
        return (*what = "a line without a value", false);
    *v++ = '\0';
    if (*state == 0)
        return (*what = "not a shard's header (no 'rrsim-shard 1')",
                strcmp(line, "rrsim-shard") == 0 && strcmp(v, "1") == 0 &&
                    ++*state);
    if (*state == 1) {
        *what = "'version' expected, with a version";
        if (strcmp(line, "version") || !text_ok(v, sizeof h->version))
            return false;
        snprintf(h->version, sizeof h->version, "%s", v);
        return ++*state;
    }
    if (*state == 2) {
        *what = "'command' expected, with a command's name";
        if (strcmp(line, "command") || !text_ok(v, sizeof h->command))
            return false;
        snprintf(h->command, sizeof h->command, "%s", v);
        return ++*state;
    }
    if (*state == 3 && strcmp(line, "arg") == 0) {
        char buf[RR_SHARD_MAX_ARG];
        *what = "an argument too long, with a bad %-escape, or too many";
        if (h->argc >= RR_SHARD_MAX_ARGS || !unescape(v, buf, sizeof buf) ||
            !(h->argv[h->argc] = strdup(buf)))
            return false;
        h->argc++;
        return true;
    }
    k = *state - 3;
    if (k >= (int)RR_COUNTOF(KEYS) || strcmp(line, KEYS[k]) != 0) {
        static char msg[96];
        snprintf(msg, sizeof msg, "'%s' expected",
                 k < (int)RR_COUNTOF(KEYS) ? KEYS[k] : "the end");
        return (*what = msg, false);
    }
    ++*state;
    {
        static char msg[160];
        static const char *const want[] = {
            "16 hexadecimal digits", "a whole number",
            "a whole number, 1 to 1000000000", "a whole number, 1 to 1000000",
            "I/N, 1 <= I <= N <= 1000000", "a whole number >= 1",
            "a whole number", "a whole number", "SIZE HASH"};
        snprintf(msg, sizeof msg, "%s: %s expected, got '%.60s'", KEYS[k],
                 want[k], v);
        *what = msg;
    }
    switch (k) {
    case 0:
        return hex64(v, &h->hash);
    case 1:
        return number(v, 0, UINT64_MAX, &h->seed);
    case 2:
        return number(v, 1, 1000000000, &h->points);
    case 3:
        return number(v, 1, 1000000, &h->reps);
    case 4: {
        char *slash = strchr(v, '/');
        if (!slash)
            return false;
        *slash = '\0';
        if (!number(v, 1, 1000000, &h->index) ||
            !number(slash + 1, 1, 1000000, &h->count) ||
            h->index > h->count)
            return false;
        h->index--;
        return true;
    }
    case 5:
        return number(v, 1, UINT64_MAX, &h->items);
    case 6:
        return number(v, 0, UINT64_MAX, &h->first);
    case 7:
        return number(v, 0, UINT64_MAX, &h->n);
    default: {
        char *sp = strchr(v, ' ');
        if (!sp)
            return false;
        *sp = '\0';
        return number(v, 0, UINT64_MAX, &h->data_size) &&
               hex64(sp + 1, &h->data_hash);
    }
    }
}

int rr_shard_read_head(const char *dir, rr_shard_head *h, char *err,
                       size_t errlen)
{
    char path[4200], *line;
    const char *what = "";
    uint64_t size, first, n;
    int rc = RR_OK, state = 0, lineno = 0;
    FILE *f;

    memset(h, 0, sizeof *h);
    snprintf(path, sizeof path, "%s/shard.txt", dir);
    if (!(f = open_regular(path, &size, err, errlen, &rc)))
        return rc;
    if (size > HEAD_MAX) {
        fclose(f);
        snprintf(err, errlen, "%s: %" PRIu64 " bytes, more than a shard's "
                 "header can be", path, size);
        return RR_EPARSE;
    }
    if (!(line = malloc(LINE_MAX_LEN + 2))) {
        fclose(f);
        return RR_ENOMEM;
    }
    while (rc == RR_OK && fgets(line, LINE_MAX_LEN + 2, f)) {
        size_t len = strlen(line);
        lineno++;
        if (len == 0 || line[len - 1] != '\n' || memchr(line, 0, len)) {
            snprintf(err, errlen, "%s:%d: a line too long or not ended",
                     path, lineno);
            rc = RR_EPARSE;
            break;
        }
        line[len - 1] = '\0';
        if (!head_line(h, line, &state, &what)) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, what);
            rc = RR_EPARSE;
        }
    }
    free(line);
    if (rc == RR_OK && ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        rc = RR_EIO;
    }
    fclose(f);
    if (rc == RR_OK && state != 3 + (int)RR_COUNTOF(KEYS)) {
        snprintf(err, errlen, "%s: ends early (after %d lines)", path,
                 lineno);
        rc = RR_EPARSE;
    }
    if (rc == RR_OK && (h->items / h->reps != h->points ||
                        h->items % h->reps != 0)) {
        snprintf(err, errlen, "%s: %" PRIu64 " items are not %" PRIu64
                 " points x %" PRIu64 " replications", path, h->items,
                 h->points, h->reps);
        rc = RR_EPARSE;
    }
    if (rc == RR_OK) {
        rr_slice(h->items, h->index, h->count, &first, &n);
        if (first != h->first || n != h->n) {
            snprintf(err, errlen, "%s: shard %" PRIu64 "/%" PRIu64 " of %"
                     PRIu64 " items holds items %" PRIu64 " to %" PRIu64
                     ", not %" PRIu64 " from %" PRIu64, path, h->index + 1,
                     h->count, h->items, first, first + n, h->n, h->first);
            rc = RR_EPARSE;
        }
    }
    if (rc == RR_OK) {
        FILE *d;
        snprintf(path, sizeof path, "%s/items.bin", dir);
        if (!(d = open_regular(path, &size, err, errlen, &rc)))
            ;
        else if (fclose(d), size != h->data_size) {
            snprintf(err, errlen, "%s: %" PRIu64 " bytes where shard.txt "
                     "says %" PRIu64, path, size, h->data_size);
            rc = RR_EPARSE;
        }
    }
    if (rc != RR_OK)
        rr_shard_head_fini(h);
    return rc;
}

int rr_shard_items_open(rr_shard_items *r, const char *dir,
                        const rr_shard_head *h, char *err, size_t errlen)
{
    uint64_t size;
    int rc = RR_OK;
    memset(r, 0, sizeof *r);
    r->h = h;
    r->hash = FNV0;
    snprintf(r->path, sizeof r->path, "%s/items.bin", dir);
    if (!(r->f = open_regular(r->path, &size, err, errlen, &rc)))
        return rc;
    if (size != h->data_size) {
        snprintf(err, errlen, "%s: %" PRIu64 " bytes where shard.txt says %"
                 PRIu64, r->path, size, h->data_size);
        rr_shard_items_close(r);
        return RR_EPARSE;
    }
    return RR_OK;
}

int rr_shard_items_next(rr_shard_items *r, uint64_t *item, const void **buf,
                        size_t *len, char *err, size_t errlen)
{
    unsigned char rec[16];
    uint64_t n;
    if (r->read == r->h->n) {
        if (fgetc(r->f) != EOF) {
            snprintf(err, errlen, "%s: more bytes after the %" PRIu64
                     " items", r->path, r->h->n);
            return RR_EPARSE;
        }
        if (r->hash != r->h->data_hash) {
            snprintf(err, errlen, "%s: its hash is %016" PRIx64 ", not %016"
                     PRIx64 " as shard.txt says: the file was changed or "
                     "damaged", r->path, r->hash, r->h->data_hash);
            return RR_EPARSE;
        }
        return RR_ENOTFOUND;
    }
    if (fread(rec, sizeof rec, 1, r->f) != 1) {
        snprintf(err, errlen, "%s: ends after %" PRIu64 " of %" PRIu64
                 " items", r->path, r->read, r->h->n);
        return RR_EPARSE;
    }
    *item = get_u64(rec);
    n = get_u64(rec + 8);
    if (*item != r->h->first + r->read || n > RR_SHARD_MAX_ITEM ||
        n > r->h->data_size) {
        snprintf(err, errlen, "%s: record %" PRIu64 " is item %" PRIu64
                 " of %" PRIu64 " bytes; expected item %" PRIu64 " of at "
                 "most %u bytes", r->path, r->read + 1, *item, n,
                 r->h->first + r->read, RR_SHARD_MAX_ITEM);
        return RR_EPARSE;
    }
    if (n > r->cap) {
        void *p = realloc(r->buf, (size_t)n);
        if (!p) {
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            return RR_ENOMEM;
        }
        r->buf = p;
        r->cap = (size_t)n;
    }
    if (n && fread(r->buf, 1, (size_t)n, r->f) != n) {
        snprintf(err, errlen, "%s: ends inside item %" PRIu64, r->path,
                 *item);
        return RR_EPARSE;
    }
    r->hash = fnv(fnv(r->hash, rec, sizeof rec), r->buf, (size_t)n);
    r->read++;
    *buf = r->buf;
    *len = (size_t)n;
    return RR_OK;
}

void rr_shard_items_close(rr_shard_items *r)
{
    if (r->f)
        fclose(r->f);
    free(r->buf);
    r->f = NULL;
    r->buf = NULL;
}
