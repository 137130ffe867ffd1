/*
 * outdir.c - the results folder transaction.
 *
 * A results folder is written into a hidden temporary folder beside its
 * target and renamed into place when every file in it is complete:
 *
 *   PARENT/.rrsim-NAME.tmp-PID/  while it is written; its first entry is
 *                                the marker file .rrsim-results
 *   PARENT/NAME/                 after the commit, marker included
 *   PARENT/.rrsim-NAME.old-PID/  the results being replaced, only where the
 *                                file system cannot exchange two names
 *
 * What may be deleted, and how:
 *   - `--force` replaces only a real folder (not a symbolic link, not on
 *     another file system) that holds the marker: an rrsim results folder.
 *     A plain file, a link, a folder without the marker are refused.
 *   - A stale folder is removed only when its name is rrsim's
 *     (".rrsim-NAME.tmp-PID" / ".rrsim-NAME.old-PID"), it is a real folder
 *     on the parent's file system, it holds the marker (or nothing at all),
 *     and process PID is gone (judged with the folder's OWNER where it has
 *     one: see "the owner of a temporary folder" below).
 *   - Trees are removed relative to open folders (openat, unlinkat), never
 *     following a symbolic link (a link is unlinked, never entered) and
 *     never entering another file system.  The marker goes last, so a
 *     removal cut short leaves a folder that is still recognisably ours.
 *
 * Replacing (`--force`) keeps the old or the new results at the target at
 * every instant: renameat2(RENAME_EXCHANGE) swaps the two folders in one
 * step, then the old one (now under the temporary name) is removed.  Where
 * the exchange is not available the old folder is first renamed to
 * ".rrsim-NAME.old-PID"; a run killed before the new folder is in place
 * leaves it there, and the next run into the same parent folder renames it
 * back.  The steps are named for tests: RRSIM_TEST_KILL_AT=STEP makes the
 * process kill itself (SIGKILL) at that step, and RRSIM_TEST_NO_EXCHANGE=1
 * takes the path without the exchange.
 */
#ifdef __linux__
#define _GNU_SOURCE /* renameat2 */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_output.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* Deepest folder a removal enters: rrsim writes three levels; a tree deeper
 * than this is not ours, and each level holds two file descriptors. */
#define TREE_MAX_DEPTH 128
/* The prefix of every temporary name, and the longest marker read. */
#define PREFIX ".rrsim-"
#define MARKER_MAX 4096

/* ---- small helpers ---------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void say(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    if (!buf || n == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

/* note - a note for the user through the caller's function, if any. */
__attribute__((format(printf, 3, 4)))
static void note(rr_note_fn *fn, void *ctx, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    if (!fn)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fn(ctx, msg);
}

/* test_kill - the test hook: SIGKILL at the step named by
 * RRSIM_TEST_KILL_AT. */
static void test_kill(const char *step)
{
    const char *s = getenv("RRSIM_TEST_KILL_AT");
    if (s && strcmp(s, step) == 0)
        raise(SIGKILL);
}

static bool exchange_allowed(void)
{
    const char *s = getenv("RRSIM_TEST_NO_EXCHANGE");
    return !(s && *s && strcmp(s, "0") != 0);
}

/* shown - "PARENT/NAME" for messages; just NAME when the target named no
 * folder.  Into buf; returns buf. */
static const char *shown(const char *parent, const char *name, char *buf,
                         size_t n)
{
    if (!parent)
        snprintf(buf, n, "%s", name);
    else if (strcmp(parent, "/") == 0)
        snprintf(buf, n, "/%s", name);
    else
        snprintf(buf, n, "%s/%s", parent, name);
    return buf;
}

/* rename_noreplace - rename in one folder, failing with EEXIST when the
 * new name exists (where the system can tell; else a plain rename, which
 * refuses a non-empty folder anyway). */
static int rename_noreplace(int dirfd, const char *from, const char *to)
{
#if defined(RENAME_NOREPLACE)
    if (renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
#endif
    return renameat(dirfd, from, dirfd, to);
}

/* rename_exchange - swap two names of one folder in one step; -1 with
 * ENOSYS where the system or the file system cannot. */
static int rename_exchange(int dirfd, const char *a, const char *b)
{
#if defined(RENAME_EXCHANGE)
    if (exchange_allowed()) {
        if (renameat2(dirfd, a, dirfd, b, RENAME_EXCHANGE) == 0)
            return 0;
        if (errno == EINVAL)
            errno = ENOSYS; /* a file system without it */
        return -1;
    }
#else
    RR_UNUSED(dirfd);
    RR_UNUSED(a);
    RR_UNUSED(b);
#endif
    errno = ENOSYS;
    return -1;
}

/* ---- the marker --------------------------------------------------------- */

/* open_dir - the folder NAME of dirfd, never through a symbolic link. */
static int open_dir(int dirfd, const char *name)
{
    return openat(dirfd, name,
                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* has_marker - the folder fd holds a regular file .rrsim-results whose
 * first line is RR_OUTDIR_MARKER_LINE.  O_NONBLOCK: a FIFO planted under
 * the marker's name must not block us. */
static bool has_marker(int fd)
{
    char buf[256];
    struct stat sb;
    size_t want = strlen(RR_OUTDIR_MARKER_LINE), got = 0;
    bool ok = false;
    int m = openat(fd, RR_OUTDIR_MARKER,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (m < 0)
        return false;
    if (fstat(m, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size <= MARKER_MAX &&
        (size_t)sb.st_size > want) {
        while (got < want + 1) {
            ssize_t r = read(m, buf + got, want + 1 - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        ok = got == want + 1 && memcmp(buf, RR_OUTDIR_MARKER_LINE, want) == 0 &&
             buf[want] == '\n';
    }
    close(m);
    return ok;
}

/* ---- the owner of a temporary folder ----------------------------------------
 *
 * A temporary folder also holds OWNER while it is written: the host, the
 * boot and the start time of the process that writes it.  A PID alone
 * does not tell whether a folder is stale: PIDs are reused (a live process
 * that started after the folder was made is not its writer), and on a
 * shared file system the PID may be of another machine, where kill() here
 * says nothing.  OWNER is removed just before the commit, so it never
 * reaches a results folder. */

#define OWNER ".rrsim-owner"
#define OWNER_MAX 1024

typedef struct owner {
    char host[256];
    char boot[64];
    unsigned long long start; /* clock ticks after boot; 0: unknown */
} owner;

/* read_small - up to n - 1 bytes of the regular file entry of dirfd into
 * buf, NUL-terminated; a FIFO or a link is never opened or followed. */
static bool read_small(int dirfd, const char *entry, char *buf, size_t n)
{
    struct stat sb;
    size_t got = 0;
    int f = openat(dirfd, entry,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (f < 0)
        return false;
    if (fstat(f, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (size_t)sb.st_size >= n) {
        close(f);
        return false;
    }
    while (got + 1 < n) {
        ssize_t r = read(f, buf + got, n - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(f);
    buf[got] = '\0';
    return true;
}

/* proc_start - the start time of process pid, in clock ticks after boot
 * (field 22 of /proc/PID/stat); 0 when unknown. */
static unsigned long long proc_start(long pid)
{
    char path[64], buf[1024], *p;
    unsigned long long t = 0;
    int dirfd = AT_FDCWD;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!read_small(dirfd, path, buf, sizeof buf) ||
        (p = strrchr(buf, ')')) == NULL)
        return 0;
    /* after "(COMM)": field 3 is the state; the start time is field 22 */
    for (int field = 2; field < 22 && p; field++)
        p = strchr(p + 1, ' ');
    if (p)
        t = strtoull(p + 1, NULL, 10);
    return t;
}

/* this_owner - this process as an owner. */
static void this_owner(owner *o)
{
    char *nl;
    memset(o, 0, sizeof *o);
    if (gethostname(o->host, sizeof o->host - 1) != 0)
        o->host[0] = '\0';
    o->host[strcspn(o->host, " \t\n")] = '\0';
    if (read_small(AT_FDCWD, "/proc/sys/kernel/random/boot_id", o->boot,
                   sizeof o->boot) &&
        (nl = strchr(o->boot, '\n')) != NULL)
        *nl = '\0';
    o->boot[strcspn(o->boot, " \t")] = '\0';
    o->start = proc_start((long)getpid());
}

/* write_new - a new file NAME in the folder fd holding text[0..len): it
 * must not exist (O_EXCL) and is no link; -1 with errno on failure. */
static int write_new(int fd, const char *name, const char *text, size_t len)
{
    size_t off = 0;
    int m = openat(fd, name,
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (m < 0)
        return -1;
    while (off < len) {
        ssize_t w = write(m, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            close(m);
            errno = e;
            return -1;
        }
        off += (size_t)w;
    }
    return close(m);
}

/* write_owner - OWNER into the folder fd. */
static int write_owner(int fd)
{
    owner o;
    char text[OWNER_MAX];
    size_t len;
    this_owner(&o);
    len = (size_t)snprintf(text, sizeof text, "host %s\nboot %s\nstart %llu\n",
                           o.host, o.boot, o.start);
    if (len >= sizeof text)
        len = sizeof text - 1;
    return write_new(fd, OWNER, text, len);
}

/* read_owner - the OWNER of folder entry of dirfd; false when it has none
 * or it does not parse (then only the PID is known). */
static bool read_owner(int dirfd, const char *entry, owner *o)
{
    char path[512], buf[OWNER_MAX], *line, *save = NULL;
    int have = 0;
    int w = snprintf(path, sizeof path, "%s/%s", entry, OWNER);
    memset(o, 0, sizeof *o);
    if (w < 0 || (size_t)w >= sizeof path ||
        !read_small(dirfd, path, buf, sizeof buf))
        return false;
    for (line = strtok_r(buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "host ", 5) == 0 && strlen(line + 5) < sizeof o->host) {
            strcpy(o->host, line + 5);
            have |= 1;
        } else if (strncmp(line, "boot ", 5) == 0 &&
                   strlen(line + 5) < sizeof o->boot) {
            strcpy(o->boot, line + 5);
            have |= 2;
        } else if (strncmp(line, "start ", 6) == 0) {
            char *end;
            errno = 0;
            o->start = strtoull(line + 6, &end, 10);
            if (errno == 0 && *end == '\0')
                have |= 4;
        }
    }
    return have == 7;
}

/* is_bare - the folder fd holds nothing, or nothing but a marker file
 * and an OWNER (complete or not): what a run killed while starting
 * leaves. */
static bool is_bare(int fd)
{
    int d = dup(fd);
    DIR *dir;
    struct dirent *de;
    bool bare = true;
    if (d < 0)
        return false;
    if (!(dir = fdopendir(d))) {
        close(d);
        return false;
    }
    while (bare && (de = readdir(dir)) != NULL) {
        struct stat sb;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        bare = (strcmp(de->d_name, RR_OUTDIR_MARKER) == 0 ||
                strcmp(de->d_name, OWNER) == 0) &&
               fstatat(fd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISREG(sb.st_mode) && sb.st_size <= MARKER_MAX;
    }
    closedir(dir);
    return bare;
}

/* write_marker - the marker file into the folder fd. */
static int write_marker(int fd)
{
    static const char text[] =
        RR_OUTDIR_MARKER_LINE "\n"
        "format 1\n"
        "rrsim " RR_VERSION "\n"
        "This folder was written by rrsim.  'rrsim ... --force' may replace "
        "it as a whole.\n";
    return write_new(fd, RR_OUTDIR_MARKER, text, sizeof text - 1);
}

/* ---- removing a tree -------------------------------------------------- */

typedef struct tree {
    dev_t dev;          /* the file system the removal stays on */
    const char *hook;   /* test_kill step after the first entry removed */
    bool removed_one;
} tree;

static int remove_at(tree *t, int dirfd, const char *name, int depth,
                     bool marker_last);

static void removed(tree *t)
{
    if (!t->removed_one && t->hook) {
        t->removed_one = true;
        test_kill(t->hook);
    }
    t->removed_one = true;
}

/* remove_contents - everything in the open folder fd but `keep` (NULL:
 * everything).  0, or -1 with errno of the first failure. */
static int remove_contents(tree *t, int fd, int depth, const char *keep)
{
    int e = 0;
    /* entries removed while a folder is read may hide others from
     * readdir on some file systems: read it again while that helped */
    for (int pass = 0; pass < 4; pass++) {
        int d = dup(fd), n = 0;
        DIR *dir;
        struct dirent *de;
        if (d < 0)
            return -1;
        if (!(dir = fdopendir(d))) {
            e = errno;
            close(d);
            errno = e;
            return -1;
        }
        rewinddir(dir); /* the duplicate shares the reading position */
        e = 0;
        while ((de = readdir(dir)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 ||
                strcmp(de->d_name, "..") == 0 ||
                (keep && strcmp(de->d_name, keep) == 0))
                continue;
            if (remove_at(t, fd, de->d_name, depth + 1, false) != 0) {
                if (!e)
                    e = errno;
            } else {
                n++;
            }
        }
        closedir(dir);
        if (e || n == 0)
            break;
    }
    if (e) {
        errno = e;
        return -1;
    }
    return 0;
}

/* remove_at - NAME in the folder dirfd, and everything in it when it is a
 * folder.  A symbolic link is removed itself; a folder on another file
 * system is left (EXDEV).  With marker_last the marker file goes after
 * everything else.  0, or -1 with errno. */
static int remove_at(tree *t, int dirfd, const char *name, int depth,
                     bool marker_last)
{
    struct stat sb, sb2;
    int fd, rc, e;

    if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(sb.st_mode)) {
        if (unlinkat(dirfd, name, 0) != 0 && errno != ENOENT)
            return -1;
        removed(t);
        return 0;
    }
    if (sb.st_dev != t->dev) {
        errno = EXDEV;
        return -1;
    }
    if (depth >= TREE_MAX_DEPTH) {
        errno = ELOOP;
        return -1;
    }
    if ((fd = open_dir(dirfd, name)) < 0)
        return -1;
    /* the folder looked at is the folder opened (not swapped meanwhile) */
    if (fstat(fd, &sb2) != 0 || sb2.st_dev != sb.st_dev ||
        sb2.st_ino != sb.st_ino) {
        close(fd);
        errno = EBUSY;
        return -1;
    }
    rc = remove_contents(t, fd, depth, marker_last ? RR_OUTDIR_MARKER : NULL);
    e = errno;
    if (rc == 0 && marker_last) {
        if (unlinkat(fd, RR_OUTDIR_MARKER, 0) != 0 && errno != ENOENT) {
            rc = -1;
            e = errno;
        } else {
            removed(t);
        }
    }
    close(fd);
    if (rc != 0) {
        errno = e;
        return -1;
    }
    if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
        return -1;
    removed(t);
    return 0;
}

/* remove_ours - a folder of rrsim's, marker last; 0 or -1 with errno. */
static int remove_ours(int dirfd, const char *name, const char *hook)
{
    struct stat sb;
    tree t = {0, hook, false};
    if (fstat(dirfd, &sb) != 0)
        return -1;
    t.dev = sb.st_dev;
    return remove_at(&t, dirfd, name, 0, true);
}

/* split - a path into its folder and its last component, trailing
 * slashes ignored; *folder is NULL when the path names no folder ("res"),
 * "/" for the root.  Both malloc'd. */
static int split(const char *path, char **folder, char **name)
{
    size_t len = strlen(path);
    const char *slash;
    char *p = strdup(path);
    *folder = *name = NULL;
    if (!p)
        return RR_ENOMEM;
    while (len > 1 && p[len - 1] == '/')
        p[--len] = '\0';
    slash = strrchr(p, '/');
    if (!slash) {
        *name = p;
        return RR_OK;
    }
    *name = strdup(slash + 1);
    *folder = slash == p ? strdup("/") : strndup(p, (size_t)(slash - p));
    free(p);
    if (!*folder || !*name) {
        free(*folder);
        free(*name);
        *folder = *name = NULL;
        return RR_ENOMEM;
    }
    return RR_OK;
}

int rr_remove_tree(const char *path)
{
    char *folder, *name;
    int dirfd, rc, e;
    struct stat sb;
    tree t = {0, NULL, false};

    if (split(path, &folder, &name) != RR_OK) {
        errno = ENOMEM;
        return -1;
    }
    dirfd = open(folder ? folder : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(folder);
    if (dirfd < 0) {
        free(name);
        return -1;
    }
    /* the tree's own file system: where its top folder is */
    if (fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
        e = errno;
        close(dirfd);
        free(name);
        errno = e;
        return e == ENOENT ? 0 : -1;
    }
    t.dev = sb.st_dev;
    rc = remove_at(&t, dirfd, name, 0, false);
    e = errno;
    close(dirfd);
    free(name);
    errno = e;
    return rc;
}

/* ---- stale folders -------------------------------------------------------- */

/* stale_name - the NAME (into name) and PID of ".rrsim-NAME.tmp-PID" or
 * ".rrsim-NAME.old-PID"; *old tells which.  0 when entry has another form. */
static long stale_name(const char *entry, char *name, size_t n, bool *old)
{
    size_t plen = strlen(PREFIX), len = strlen(entry);
    const char *dash = strrchr(entry, '-'), *kind;
    long pid = 0;

    if (len < plen + 7 || strncmp(entry, PREFIX, plen) != 0 || !dash ||
        dash - entry < (long)plen + 5)
        return 0;
    kind = dash - 4;
    if (strncmp(kind, ".tmp", 4) != 0 && strncmp(kind, ".old", 4) != 0)
        return 0;
    if (dash[1] < '1' || dash[1] > '9' || strlen(dash + 1) > 9)
        return 0;
    for (const char *p = dash + 1; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        pid = pid * 10 + (*p - '0');
    }
    if ((size_t)(kind - entry) - plen + 1 > n)
        return 0;
    memcpy(name, entry + plen, (size_t)(kind - entry) - plen);
    name[(size_t)(kind - entry) - plen] = '\0';
    if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return 0;
    *old = kind[1] == 'o';
    return pid;
}

/* pid_gone - the writer of folder entry of dirfd, process pid, no longer
 * runs: no such process (kill gives ESRCH), or only its zombie (a killed
 * process whose parent has not reaped it yet; /proc tells, where there is
 * one).  A process of another user (EPERM) is alive.  With the folder's
 * OWNER: a folder of another host is never judged (its writer may run
 * there); one of an earlier boot of this host is stale; and a live
 * process with that PID that started at another time is not its writer. */
static bool pid_gone(int dirfd, const char *entry, long pid)
{
    char path[64], buf[256], *rp;
    FILE *f;
    bool zombie = false, known;
    owner o, me;

    known = read_owner(dirfd, entry, &o);
    if (known) {
        this_owner(&me);
        if (strcmp(o.host, me.host) != 0)
            return false;
        if (o.boot[0] && me.boot[0] && strcmp(o.boot, me.boot) != 0)
            return true;
    }
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    if (known && o.start != 0) {
        unsigned long long t = proc_start(pid);
        if (t != 0 && t != o.start)
            return true;
    }
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if ((f = fopen(path, "re")) != NULL) {
        /* "PID (COMM) STATE ...": COMM may hold spaces and parentheses */
        if (fgets(buf, sizeof buf, f) && (rp = strrchr(buf, ')')) != NULL)
            zombie = rp[1] == ' ' && (rp[2] == 'Z' || rp[2] == 'X');
        fclose(f);
    }
    return zombie;
}

/* ours - entry of dirfd is a real folder on the same file system holding
 * the marker, or nothing but (part of) it, or in a results folder (dirfd
 * holds the marker: the chart folders of `rrsim plot`). */
static bool ours(int dirfd, const char *entry)
{
    struct stat sb, psb;
    bool ok;
    int fd;
    if (fstatat(dirfd, entry, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISDIR(sb.st_mode) || fstat(dirfd, &psb) != 0 ||
        sb.st_dev != psb.st_dev)
        return false;
    if ((fd = open_dir(dirfd, entry)) < 0)
        return false;
    ok = has_marker(fd) || is_bare(fd) || has_marker(dirfd);
    close(fd);
    return ok;
}

/* clear_stale - one stale entry: an ".old" one is renamed back to NAME
 * when nothing is there (its replacement never arrived), else removed.
 * Returns 1 when something was done. */
static int clear_stale(int dirfd, const char *parent, const char *entry,
                       const char *name, bool old, long pid, rr_note_fn *fn,
                       void *ctx)
{
    char a[4096], b[4096];
    struct stat sb;

    if (!ours(dirfd, entry))
        return 0;
    shown(parent, entry, a, sizeof a);
    if (old && fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 &&
        errno == ENOENT) {
        if (rename_noreplace(dirfd, entry, name) == 0) {
            note(fn, ctx,
                 "restored '%s' from '%s', where process %ld, which no "
                 "longer runs, had set it aside while replacing it",
                 shown(parent, name, b, sizeof b), a, pid);
            return 1;
        }
    }
    if (remove_ours(dirfd, entry, NULL) != 0) {
        int e = errno;
        note(fn, ctx, "cannot remove '%s', left behind by process %ld: %s",
             a, pid, e == EXDEV ? "it holds another file system (a mount "
                                  "point), which rrsim does not enter"
                                : strerror(e));
        return 0;
    }
    note(fn, ctx,
         old ? "removed '%s', results replaced by process %ld, which no "
               "longer runs"
             : "removed '%s', left behind by process %ld, which no longer "
               "runs",
         a, pid);
    return 1;
}

/* remove_stale_at - the stale entries of the open folder dirfd (named
 * parent in notes).  The names are gathered first: renaming while a
 * folder is read may show an entry twice. */
static int remove_stale_at(int dirfd, const char *parent, rr_note_fn *fn,
                           void *ctx)
{
    int d = dup(dirfd), done = 0;
    DIR *dir;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;

    if (d < 0)
        return 0;
    if (!(dir = fdopendir(d))) {
        close(d);
        return 0;
    }
    rewinddir(dir);
    while ((de = readdir(dir)) != NULL) {
        char name[256];
        bool old;
        long pid = stale_name(de->d_name, name, sizeof name, &old);
        if (pid == 0 || pid == (long)getpid())
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 8;
            char **nn = realloc(names, nc * sizeof *nn);
            if (!nn)
                break;
            names = nn;
            cap = nc;
        }
        if (!(names[n] = strdup(de->d_name)))
            break;
        n++;
    }
    closedir(dir);
    /* ".old" first: it may go back where a ".tmp" of the same run was
     * meant to go */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            char name[256];
            bool old;
            long pid = stale_name(names[i], name, sizeof name, &old);
            if (old != (pass == 0) || !pid_gone(dirfd, names[i], pid))
                continue;
            done += clear_stale(dirfd, parent, names[i], name, old, pid, fn,
                                ctx);
        }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return done;
}

int rr_remove_stale(const char *parent, rr_note_fn *fn, void *ctx)
{
    int dirfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n;
    if (dirfd < 0)
        return 0;
    n = remove_stale_at(dirfd, parent, fn, ctx);
    close(dirfd);
    return n;
}

bool rr_outdir_is_results(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    bool ok;
    if (fd < 0)
        return false;
    ok = has_marker(fd);
    close(fd);
    return ok;
}

/* ---- the transaction ------------------------------------------------------ */

void rr_outdir_default(const char *name, char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32];
    struct stat sb;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(buf, n, "output/%s/%s", name, stamp);
    /* two runs in the same second: number the later ones */
    for (int i = 2; lstat(buf, &sb) == 0 && i < 1000; i++)
        snprintf(buf, n, "output/%s/%s-%d", name, stamp, i);
}

/* mkdir_p - every folder of path. */
static int mkdir_p(const char *path, char *err, size_t errlen)
{
    char *p = strdup(path);
    if (!p) {
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            say(err, errlen, "cannot create folder '%s': %s", p,
                strerror(e));
            free(p);
            return RR_EIO;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return RR_OK;
}

/* what - a word for what is at NAME in dirfd, for messages. */
static const char *what(int dirfd, const char *name, const struct stat *sb)
{
    struct stat psb;
    if (S_ISLNK(sb->st_mode)) {
        struct stat tsb;
        return fstatat(dirfd, name, &tsb, 0) != 0
                   ? "a symbolic link to nothing"
                   : "a symbolic link";
    }
    if (S_ISREG(sb->st_mode))
        return "a file";
    if (!S_ISDIR(sb->st_mode))
        return "a special file";
    if (fstat(dirfd, &psb) == 0 && psb.st_dev != sb->st_dev)
        return "a folder on another file system";
    return "a folder";
}

/* check_target - whether what is at the target may be replaced: RR_OK when
 * nothing is there or (with RR_OUTDIR_FORCE) an rrsim results folder is;
 * RR_EINVAL with the reason otherwise.  *exists tells whether anything is
 * there. */
static int check_target(const rr_outdir *d, bool *exists, char *err,
                        size_t errlen)
{
    struct stat sb;
    const char *kind;
    bool folder, marked = false;
    int fd;

    *exists = false;
    if (fstatat(d->parent, d->name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
        int e = errno;
        if (e == ENOENT)
            return RR_OK;
        say(err, errlen, "cannot write results to '%s': %s", d->target,
            strerror(e));
        return RR_EINVAL;
    }
    *exists = true;
    kind = what(d->parent, d->name, &sb);
    folder = strcmp(kind, "a folder") == 0;
    if (folder && (fd = open_dir(d->parent, d->name)) >= 0) {
        /* a chart folder belongs to the results folder it is in */
        marked = (d->flags & RR_OUTDIR_CHARTS) ? has_marker(d->parent)
                                               : has_marker(fd);
        close(fd);
    }
    if (marked && (d->flags & RR_OUTDIR_FORCE))
        return RR_OK;
    if (marked)
        say(err, errlen,
            "results folder '%s' exists already (use --force to replace "
            "it, or --out to choose another)",
            d->target);
    else if ((d->flags & RR_OUTDIR_CHARTS) && folder)
        say(err, errlen,
            "'%s' is not replaced: the folder it is in has no %s file, so "
            "it is not known as rrsim's (move '%s' away first)",
            d->target, RR_OUTDIR_MARKER, d->target);
    else if (d->flags & RR_OUTDIR_CHARTS)
        say(err, errlen,
            "'%s' is not replaced: it is %s, not a folder of charts (move "
            "it away first)",
            d->target, kind);
    else if (folder)
        say(err, errlen,
            "'%s' exists and is not an rrsim results folder (it has no %s "
            "file)%s: choose another --out",
            d->target, RR_OUTDIR_MARKER,
            (d->flags & RR_OUTDIR_FORCE)
                ? "; --force replaces only those"
                : "");
    else
        say(err, errlen,
            "'%s' exists and is %s, not an rrsim results folder%s: choose "
            "another --out",
            d->target, kind,
            (d->flags & RR_OUTDIR_FORCE) ? "; --force replaces only those"
                                         : "");
    return RR_EINVAL;
}

/* close_outdir - free everything; the folders stay as they are. */
static void close_outdir(rr_outdir *d)
{
    if (d->parent >= 0)
        close(d->parent);
    free(d->tmp);
    free(d->target);
    free(d->name);
    free(d->tmp_name);
    free(d->parent_path);
    d->parent = -1;
    d->tmp = d->target = d->name = d->tmp_name = d->parent_path = NULL;
}

/* make_tmp - the temporary folder with its marker, and its path. */
static int make_tmp(rr_outdir *d, char *err, size_t errlen)
{
    size_t n = (d->parent_path ? strlen(d->parent_path) : 0) +
               strlen(d->tmp_name) + 2;
    int fd, e;

    if (!(d->tmp = malloc(n))) {
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    shown(d->parent_path, d->tmp_name, d->tmp, n);
    if (mkdirat(d->parent, d->tmp_name, 0777) != 0) {
        e = errno;
        /* left by an earlier process that had our PID, and was killed */
        if (e != EEXIST || !ours(d->parent, d->tmp_name) ||
            remove_ours(d->parent, d->tmp_name, NULL) != 0 ||
            mkdirat(d->parent, d->tmp_name, 0777) != 0) {
            say(err, errlen, "cannot write results into '%s': %s",
                d->parent_path ? d->parent_path : ".", strerror(e));
            return RR_EINVAL;
        }
    }
    if ((fd = open_dir(d->parent, d->tmp_name)) < 0 || write_marker(fd) != 0 ||
        write_owner(fd) != 0) {
        e = errno;
        if (fd >= 0)
            close(fd);
        remove_ours(d->parent, d->tmp_name, NULL);
        say(err, errlen, "cannot write '%s/%s': %s", d->tmp,
            RR_OUTDIR_MARKER, strerror(e));
        return RR_EIO;
    }
    close(fd);
    return RR_OK;
}

int rr_outdir_begin(rr_outdir *d, const char *target, unsigned flags,
                    rr_note_fn *fn, void *ctx, char *err, size_t errlen)
{
    size_t n;
    bool exists;
    int rc;

    memset(d, 0, sizeof *d);
    d->parent = -1;
    d->flags = flags;
    d->force = (flags & RR_OUTDIR_FORCE) != 0;
    d->note = fn;
    d->note_ctx = ctx;
    if (!target || !*target) {
        say(err, errlen, "no results folder given (an empty name)");
        return RR_EINVAL;
    }
    if (split(target, &d->parent_path, &d->name) != RR_OK) {
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    n = (d->parent_path ? strlen(d->parent_path) : 0) + strlen(d->name) + 2;
    if (!(d->target = malloc(n))) {
        close_outdir(d);
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    shown(d->parent_path, d->name, d->target, n);
    if (!*d->name || strcmp(d->name, ".") == 0 ||
        strcmp(d->name, "..") == 0 || strcmp(d->name, "/") == 0) {
        say(err, errlen,
            "cannot write results to '%s': name a new folder (not '.', "
            "'..' or '/')",
            target);
        close_outdir(d);
        return RR_EINVAL;
    }
    if (strncmp(d->name, PREFIX, strlen(PREFIX)) == 0) {
        say(err, errlen,
            "cannot write results to '%s': names starting with '%s' are "
            "rrsim's temporary folders",
            target, PREFIX);
        close_outdir(d);
        return RR_EINVAL;
    }
    n = strlen(PREFIX) + strlen(d->name) + 32;
    if (!(d->tmp_name = malloc(n))) {
        close_outdir(d);
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    snprintf(d->tmp_name, n, PREFIX "%s.tmp-%ld", d->name, (long)getpid());

    /* the parent folder: made when asked, else it must exist */
    if ((flags & RR_OUTDIR_PARENTS) && d->parent_path &&
        (rc = mkdir_p(d->parent_path, err, errlen)) != RR_OK) {
        close_outdir(d);
        return rc == RR_ENOMEM ? rc : RR_EINVAL;
    }
    d->parent = open(d->parent_path ? d->parent_path : ".",
                     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->parent < 0) {
        int e = errno;
        const char *pp = d->parent_path ? d->parent_path : ".";
        if (e == ENOENT)
            say(err, errlen,
                "cannot write results to '%s': folder '%s' does not exist",
                d->target, pp);
        else if (e == ENOTDIR)
            say(err, errlen,
                "cannot write results to '%s': '%s' is not a folder",
                d->target, pp);
        else
            say(err, errlen, "cannot write results to '%s': %s", d->target,
                strerror(e));
        close_outdir(d);
        return RR_EINVAL;
    }
    /* leftovers of runs killed outright, in this parent folder */
    remove_stale_at(d->parent, d->parent_path, fn, ctx);
    if ((rc = check_target(d, &exists, err, errlen)) != RR_OK ||
        (rc = make_tmp(d, err, errlen)) != RR_OK) {
        close_outdir(d);
        return rc;
    }
    test_kill("begun");
    return RR_OK;
}

const char *rr_outdir_path(const rr_outdir *d, const char *name, char *buf,
                           size_t n)
{
    snprintf(buf, n, "%s/%s", d->tmp, name);
    return buf;
}

/* drop_old - remove the replaced results at entry (after the new ones are
 * in place); a failure is a note, since the results are written. */
static void drop_old(rr_outdir *d, const char *entry)
{
    char a[4096];
    if (remove_ours(d->parent, entry, "removing") != 0) {
        int e = errno;
        note(d->note, d->note_ctx,
             "the old results were replaced, but '%s' could not be removed "
             "completely: %s",
             shown(d->parent_path, entry, a, sizeof a),
             e == EXDEV ? "it holds another file system (a mount point), "
                          "which rrsim does not enter"
                        : strerror(e));
    }
}

/* replace_aside - where names cannot be exchanged: the old folder to
 * ".old-PID", the new one into place, the old one removed.  A kill between
 * the renames leaves the ".old" one for the next run to put back. */
static int replace_aside(rr_outdir *d, char *err, size_t errlen)
{
    size_t n = strlen(PREFIX) + strlen(d->name) + 32;
    char *old = malloc(n);
    int e;
    if (!old) {
        say(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    snprintf(old, n, PREFIX "%s.old-%ld", d->name, (long)getpid());
    if (ours(d->parent, old))
        remove_ours(d->parent, old, NULL); /* an earlier process's */
    if (rename_noreplace(d->parent, d->name, old) != 0) {
        e = errno;
        say(err, errlen, "cannot replace '%s': %s", d->target, strerror(e));
        free(old);
        return RR_EIO;
    }
    test_kill("aside");
    if (rename_noreplace(d->parent, d->tmp_name, d->name) != 0) {
        e = errno;
        say(err, errlen, "cannot rename '%s' to '%s': %s", d->tmp,
            d->target, strerror(e));
        /* put back; if even that fails the old folder stays set aside,
         * and the next run puts it back or, if results are there by
         * then, removes it */
        rename_noreplace(d->parent, old, d->name);
        free(old);
        return RR_EIO;
    }
    test_kill("renamed");
    drop_old(d, old);
    free(old);
    return RR_OK;
}

/* chart_marker - a chart folder has no marker of its own: remove the
 * temporary folder's just before it goes into place, or put it back when
 * that failed (so that an abort, or the next run, knows the folder). */
static void chart_marker(rr_outdir *d, bool keep)
{
    int fd;
    if (!(d->flags & RR_OUTDIR_CHARTS) ||
        (fd = open_dir(d->parent, d->tmp_name)) < 0)
        return;
    if (keep)
        write_marker(fd);
    else
        unlinkat(fd, RR_OUTDIR_MARKER, 0);
    close(fd);
}

int rr_outdir_commit(rr_outdir *d, char *err, size_t errlen)
{
    bool exists;
    int rc;

    test_kill("commit");
    if ((rc = check_target(d, &exists, err, errlen)) != RR_OK) {
        if (exists && !d->force)
            say(err, errlen,
                "'%s' was written by another run meanwhile; nothing "
                "written",
                d->target);
        return rc == RR_EINVAL ? RR_EIO : rc;
    }
    chart_marker(d, false);
    /* the owner is the temporary folder's, never the results' */
    char own[4096];
    snprintf(own, sizeof own, "%s/%s", d->tmp_name, OWNER);
    if (unlinkat(d->parent, own, 0) != 0 && errno != ENOENT) {
        int e = errno;
        chart_marker(d, true);
        say(err, errlen, "cannot remove '%s/%s': %s", d->tmp, OWNER,
            strerror(e));
        return RR_EIO;
    }
    if (!exists) {
        if (rename_noreplace(d->parent, d->tmp_name, d->name) != 0) {
            int e = errno;
            chart_marker(d, true);
            if (e == EEXIST || e == ENOTEMPTY)
                say(err, errlen,
                    "'%s' was written by another run meanwhile; nothing "
                    "written",
                    d->target);
            else
                say(err, errlen, "cannot rename '%s' to '%s': %s", d->tmp,
                    d->target, strerror(e));
            return RR_EIO;
        }
    } else if (rename_exchange(d->parent, d->tmp_name, d->name) == 0) {
        test_kill("exchanged");
        /* what was swapped out must be what check_target saw: else put it
         * back (it changed in between) */
        if (!ours(d->parent, d->tmp_name)) {
            rename_exchange(d->parent, d->tmp_name, d->name);
            say(err, errlen,
                "'%s' changed while it was being replaced; nothing written",
                d->target);
            return RR_EIO;
        }
        drop_old(d, d->tmp_name);
    } else if (errno != ENOSYS) {
        int e = errno;
        chart_marker(d, true);
        say(err, errlen, "cannot replace '%s': %s", d->target, strerror(e));
        return RR_EIO;
    } else if ((rc = replace_aside(d, err, errlen)) != RR_OK) {
        chart_marker(d, true);
        return rc;
    }
    close_outdir(d);
    return RR_OK;
}

void rr_outdir_abort(rr_outdir *d)
{
    /* ours: unless something else took the temporary name meanwhile */
    if (d->parent >= 0 && d->tmp_name && ours(d->parent, d->tmp_name))
        remove_ours(d->parent, d->tmp_name, NULL);
    close_outdir(d);
}
