/*
 * plot_gnuplot.c - the gnuplot process (plot_int.h, rr_plot.h).
 *
 * One gnuplot per chart, found in a fixed list of places (never through
 * PATH) or named by RRSIM_GNUPLOT, started with posix_spawn (no shell) in
 * the charts' folder with -d, in a process group of its own, its script
 * fed through a pipe written without blocking, its messages kept (the
 * last GP_KEEP bytes), its clock and the stop flag looked at every
 * 100 ms; killed with its group when late or stopped, always reaped.
 * What it wrote is checked before the chart counts as drawn.  In script
 * mode (RRSIM_GNUPLOT_SCRIPT=1) nothing is started: the script is written
 * beside the charts instead.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rr_common.h"
#include "plot_int.h"

/* ---- the program ------------------------------------------------------------- */

bool rr_plot_find_gnuplot(char *buf, size_t n)
{
    static const char *const dirs[] = {"/usr/local/bin", "/usr/bin", "/bin"};
    const char *env = getenv("RRSIM_GNUPLOT");
    bool from_env = env && *env;
    struct stat sb;
    if (n == 0)
        return false;
    for (size_t i = 0; i < (from_env ? 1 : RR_COUNTOF(dirs)); i++) {
        int w = from_env ? snprintf(buf, n, "%s", env)
                         : snprintf(buf, n, "%s/gnuplot", dirs[i]);
        if (w > 0 && (size_t)w < n && stat(buf, &sb) == 0 &&
            S_ISREG(sb.st_mode) && access(buf, X_OK) == 0)
            return true;
    }
    buf[0] = '\0';
    return false;
}

/* chart_name - the last component of a path, for messages: they name the
 * chart, not the temporary folder it is drawn in. */
static const char *chart_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static unsigned long be32(const unsigned char *b)
{
    return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
           (unsigned long)b[2] << 8 | (unsigned long)b[3];
}

/* png_complete - NULL when the file of `size` bytes is the PNG signature
 * and a chain of chunks from IHDR to an IEND that ends the file; else
 * what is wrong.  (The chunks' CRCs are not computed: a write cut short
 * leaves the chain short, whatever the bytes.) */
static const char *png_complete(FILE *f, off_t size)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G',
                                         '\r', '\n', 0x1A, '\n'};
    static const unsigned char iend_crc[4] = {0xAE, 0x42, 0x60, 0x82};
    unsigned char b[8];
    off_t off = 8;
    if (size < 8 || fread(b, 1, 8, f) != 8 || memcmp(b, sig, 8) != 0)
        return "no PNG signature";
    for (bool first = true;; first = false) {
        unsigned long len;
        if (size - off < 12)
            return "it ends before an IEND chunk";
        if (fseeko(f, off, SEEK_SET) != 0 || fread(b, 1, 8, f) != 8)
            return "it cannot be read";
        len = be32(b);
        if (first && memcmp(b + 4, "IHDR", 4) != 0)
            return "no IHDR chunk first";
        if (len > 0x7FFFFFFFul || (unsigned long)(size - off - 12) < len)
            return "it ends inside a chunk";
        off += 12 + (off_t)len;
        if (memcmp(b + 4, "IEND", 4) == 0) {
            unsigned char crc[4];
            if (len != 0 || fread(crc, 1, 4, f) != 4 ||
                memcmp(crc, iend_crc, 4) != 0)
                return "a damaged IEND chunk";
            return off == size ? NULL : "bytes after its IEND chunk";
        }
    }
}

static bool white(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* text_complete - NULL when the file of `size` bytes starts with `head`
 * and, but for trailing white space, ends with `tail`; else what is
 * wrong. */
static const char *text_complete(FILE *f, off_t size, const char *head,
                                 const char *tail, const char *no_head,
                                 const char *no_tail)
{
    char b[256];
    size_t hn = strlen(head), tn = strlen(tail), n;
    off_t from = size > (off_t)sizeof b ? size - (off_t)sizeof b : 0;
    if (fread(b, 1, hn, f) != hn || memcmp(b, head, hn) != 0)
        return no_head;
    n = (size_t)(size - from);
    if (fseeko(f, from, SEEK_SET) != 0 || fread(b, 1, n, f) != n)
        return "it cannot be read";
    while (n > 0 && white(b[n - 1]))
        n--;
    if (n < tn || (off_t)n + from < (off_t)(hn + tn) ||
        memcmp(b + n - tn, tail, tn) != 0)
        return no_tail;
    return NULL;
}

int rr_plot_check_chart(const char *path, rr_plot_format fmt, char *err,
                        size_t errlen)
{
    const char *name = chart_name(path), *why = NULL;
    struct stat sb;
    FILE *f;
    /* not following a link, not blocking on a FIFO: the chart was made
     * by another program */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        sb.st_size == 0) {
        if (fd >= 0)
            close(fd);
        snprintf(err, errlen, "gnuplot wrote nothing to '%s'", name);
        return RR_EIO;
    }
    if (!(f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        snprintf(err, errlen, "cannot read chart '%s': %s", name,
                 strerror(e));
        return RR_EIO;
    }
    if (fmt == RR_PLOT_PNG)
        why = png_complete(f, sb.st_size);
    else if (fmt == RR_PLOT_SVG)
        why = text_complete(f, sb.st_size, "<", "</svg>",
                            "it does not start with <",
                            "it does not end with </svg>");
    else if (fmt == RR_PLOT_PDF)
        why = text_complete(f, sb.st_size, "%PDF-", "%%EOF",
                            "it does not start with %PDF-",
                            "it does not end with %%EOF");
    fclose(f);
    if (why) {
        snprintf(err, errlen,
                 "gnuplot wrote an incomplete chart '%s' (%s; is the disk "
                 "full?)",
                 name, why);
        return RR_EIO;
    }
    return RR_OK;
}

/* ---- running it ----------------------------------------------------------- */

#define GP_KEEP 4096 /* bytes of gnuplot's messages kept, the last ones */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* high_pipe - a pipe whose ends are 3 or above, close-on-exec: the
 * child's dup2 onto 0, 1 and 2 then never meets one of them (rrsim may
 * have been started with a standard stream closed).  0 or an errno. */
static int high_pipe(int p[2])
{
    if (pipe2(p, O_CLOEXEC) != 0)
        return errno;
    for (int i = 0; i < 2; i++)
        if (p[i] < 3) {
            int h = fcntl(p[i], F_DUPFD_CLOEXEC, 3), e = errno;
            close(p[i]);
            p[i] = h;
            if (h < 0) {
                close(p[1 - i]);
                p[0] = p[1] = -1;
                return e;
            }
        }
    return 0;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* spawn - gnuplot -d in job->dir, in a process group of its own, with
 * signals at their defaults, reading *in, writing its messages to *er
 * (the child's ends of both are closed here).  0 or an errno. */
static int spawn(const rri_gp_job *job, int in[2], int er[2], pid_t *pid)
{
    static const int deflt[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    char *argv[] = {(char *)job->gnuplot, (char *)"-d", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, def;
    int e;

    if ((e = posix_spawn_file_actions_init(&fa)) != 0)
        return e;
    if ((e = posix_spawnattr_init(&at)) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return e;
    }
    sigemptyset(&none);
    sigemptyset(&def);
    for (size_t i = 0; i < RR_COUNTOF(deflt); i++)
        sigaddset(&def, deflt[i]);
    if (!(e = posix_spawn_file_actions_adddup2(&fa, in[0], 0)) &&
        !(e = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
                                               O_WRONLY, 0)) &&
        !(e = posix_spawn_file_actions_adddup2(&fa, er[1], 2)) &&
        !(e = posix_spawn_file_actions_addchdir_np(&fa, job->dir)) &&
        !(e = posix_spawnattr_setpgroup(&at, 0)) &&
        !(e = posix_spawnattr_setsigmask(&at, &none)) &&
        !(e = posix_spawnattr_setsigdefault(&at, &def)) &&
        !(e = posix_spawnattr_setflags(
              &at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                       POSIX_SPAWN_SETSIGDEF)))
        e = posix_spawn(pid, job->gnuplot, &fa, &at, argv, environ);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    close_fd(&in[0]);
    close_fd(&er[1]);
    return e;
}

/* keep - append n bytes of gnuplot's messages to buf (*len of GP_KEEP),
 * keeping the last GP_KEEP. */
static void keep(char *buf, size_t *len, const char *s, size_t n)
{
    if (n > GP_KEEP) {
        s += n - GP_KEEP;
        n = GP_KEEP;
    }
    if (*len + n > GP_KEEP) {
        size_t drop = *len + n - GP_KEEP;
        memmove(buf, buf + drop, *len - drop);
        *len -= drop;
    }
    memcpy(buf + *len, s, n);
    *len += n;
}

/* last_line - the last line of gnuplot's messages that is not blank, with
 * control characters made spaces and cut to 200 bytes; "" for none. */
static void last_line(const char *buf, size_t len, char *out, size_t n)
{
    size_t end = len, start, o = 0;
    while (end > 0 && (white(buf[end - 1]) || buf[end - 1] == '\0'))
        end--;
    start = end;
    while (start > 0 && buf[start - 1] != '\n')
        start--;
    while (start < end && white(buf[start]))
        start++;
    for (size_t i = start; i < end && o + 1 < n && o < 200; i++) {
        unsigned char c = (unsigned char)buf[i];
        out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    if (n)
        out[o < n ? o : n - 1] = '\0';
}

/* How a gnuplot run ended. */
typedef enum gp_end { RUNNING, EXITED, STOPPED, LATE, LOST } gp_end;

/* A gnuplot being fed its script. */
typedef struct gp_proc {
    pid_t pid;
    int in, er;            /* our ends of its standard input and error;
                              -1 once closed */
    const char *script;
    size_t len, off;       /* bytes of the script, and written */
    char said[GP_KEEP];    /* the end of its messages */
    size_t nsaid;
    int st;                /* its wait status once reaped */
    int e;                 /* errno of a wait that failed (LOST) */
} gp_proc;

/* gp_start - pipes, and gnuplot reading one and writing its messages to
 * the other, both our ends made non-blocking. */
static int gp_start(const rri_gp_job *job, gp_proc *p, char *err,
                    size_t errlen)
{
    int in[2] = {-1, -1}, er[2] = {-1, -1}, e;
    p->in = p->er = -1;
    if ((e = high_pipe(in)) != 0 || (e = high_pipe(er)) != 0) {
        close_fd(&in[0]);
        close_fd(&in[1]);
        snprintf(err, errlen, "cannot start gnuplot: %s", strerror(e));
        return RR_EIO;
    }
    if ((e = spawn(job, in, er, &p->pid)) != 0) {
        close_fd(&in[1]);
        close_fd(&er[0]);
        snprintf(err, errlen, "cannot start gnuplot '%s' in '%s': %s",
                 job->gnuplot, job->dir, strerror(e));
        return RR_EIO;
    }
    p->in = in[1];
    p->er = er[0];
    fcntl(p->in, F_SETFL, O_NONBLOCK);
    fcntl(p->er, F_SETFL, O_NONBLOCK);
    return RR_OK;
}

/* gp_pump - what one poll found ready: the next piece of the script
 * written, or messages read. */
static void gp_pump(gp_proc *p, const struct pollfd *pf, nfds_t np)
{
    for (nfds_t i = 0; i < np; i++) {
        if (!pf[i].revents)
            continue;
        if (pf[i].fd == p->in) {
            size_t chunk = p->len - p->off < 65536 ? p->len - p->off : 65536;
            ssize_t k = write(p->in, p->script + p->off, chunk);
            if (k > 0)
                p->off += (size_t)k;
            /* a gnuplot that stopped reading (EPIPE): its status tells
             * why */
            if (p->off == p->len ||
                (k < 0 && errno != EAGAIN && errno != EINTR))
                close_fd(&p->in);
        } else {
            char buf[4096];
            ssize_t k = read(p->er, buf, sizeof buf);
            if (k > 0)
                keep(p->said, &p->nsaid, buf, (size_t)k);
            else if (k == 0 || (errno != EAGAIN && errno != EINTR))
                close_fd(&p->er);
        }
    }
}

/* gp_wait - feed gnuplot and keep what it says until it ends, the stop
 * flag is set or its time is up; at most 100 ms between looks at the
 * flag, the clock and the child (a signal also ends the wait). */
static gp_end gp_wait(const rri_gp_job *job, gp_proc *p)
{
    double deadline = now_s() + job->timeout;
    for (;;) {
        struct pollfd pf[2];
        nfds_t np = 0;
        double left;
        siginfo_t si;
        /* ended? (left a zombie until its group is killed) */
        si.si_pid = 0;
        if (waitid(P_PID, (id_t)p->pid, &si,
                   WEXITED | WNOHANG | WNOWAIT) != 0 &&
            errno != EINTR) {
            p->e = errno;
            return LOST;
        }
        if (si.si_pid == p->pid)
            return EXITED;
        if (job->stop && *job->stop)
            return STOPPED;
        if ((left = deadline - now_s()) <= 0)
            return LATE;
        if (p->in >= 0)
            pf[np++] = (struct pollfd){.fd = p->in, .events = POLLOUT};
        if (p->er >= 0)
            pf[np++] = (struct pollfd){.fd = p->er, .events = POLLIN};
        if (poll(pf, np, left < 0.1 ? (int)(left * 1000) + 1 : 100) > 0)
            gp_pump(p, pf, np);
    }
}

/* gp_reap - kill the whole group, whatever gnuplot (or a wrapper) left
 * running, and reap gnuplot; the group is surely still ours: its leader
 * is not reaped yet.  Then what it said last (a process it left behind
 * may hold the pipe, so only what is there now) and our ends closed.
 * Returns how it ended (LOST when it could not be reaped). */
static gp_end gp_reap(gp_proc *p, gp_end how)
{
    if (how != LOST) {
        kill(-p->pid, SIGKILL);
        if (how != EXITED)
            kill(p->pid, SIGKILL);
        while (waitpid(p->pid, &p->st, 0) < 0)
            if (errno != EINTR) {
                p->e = errno;
                if (how == EXITED)
                    how = LOST;
                break;
            }
    }
    for (int i = 0; i < 16 && p->er >= 0; i++) {
        char buf[4096];
        ssize_t k = read(p->er, buf, sizeof buf);
        if (k <= 0)
            break;
        keep(p->said, &p->nsaid, buf, (size_t)k);
    }
    close_fd(&p->in);
    close_fd(&p->er);
    return how;
}

/* gp_verdict - the status and message of a gnuplot that ended as `how`:
 * the chart checked when it exited 0. */
static int gp_verdict(const rri_gp_job *job, const gp_proc *p, gp_end how,
                      char *err, size_t errlen)
{
    char line[256], path[PATH_MAX];
    int st = p->st;
    switch (how) {
    case STOPPED:
        snprintf(err, errlen, "interrupted while gnuplot drew '%s'",
                 job->name);
        return RR_EINTR;
    case LATE:
        snprintf(err, errlen,
                 "gnuplot took more than %g second%s over '%s' and was "
                 "stopped (allow more with --plot-timeout SECONDS)",
                 job->timeout, job->timeout == 1 ? "" : "s", job->name);
        return RR_EIO;
    case LOST:
        snprintf(err, errlen, "cannot wait for gnuplot drawing '%s': %s",
                 job->name, strerror(p->e));
        return RR_EIO;
    default:
        break;
    }
    last_line(p->said, p->nsaid, line, sizeof line);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        if ((size_t)snprintf(path, sizeof path, "%s/%s", job->dir,
                             job->name) >= sizeof path) {
            snprintf(err, errlen, "path of chart '%s' too long", job->name);
            return RR_EIO;
        }
        return rr_plot_check_chart(path, job->fmt, err, errlen);
    }
    if (WIFEXITED(st))
        snprintf(err, errlen, "gnuplot failed drawing '%s' (exit status %d)%s%s",
                 job->name, WEXITSTATUS(st), *line ? ": " : "", line);
    else
        snprintf(err, errlen,
                 "gnuplot failed drawing '%s' (killed by signal %d)%s%s",
                 job->name, WIFSIGNALED(st) ? WTERMSIG(st) : 0,
                 *line ? ": " : "", line);
    return RR_EIO;
}

/* run_gnuplot - feed the script to gnuplot, keep what it says, wait for
 * it while watching the clock and the stop flag; then check the chart.
 * The pipe is written without blocking, so that a gnuplot that reads
 * nothing cannot hold rrsim. */
static int run_gnuplot(const rri_gp_job *job, const char *script,
                       size_t len, char *err, size_t errlen)
{
    gp_proc p;
    int rc;
    memset(&p, 0, sizeof p);
    p.script = script;
    p.len = len;
    if ((rc = gp_start(job, &p, err, errlen)) == RR_OK)
        rc = gp_verdict(job, &p, gp_reap(&p, gp_wait(job, &p)), err, errlen);
    return rc;
}

/* ---- script mode ------------------------------------------------------------ */

bool rr_plot_script_mode(void)
{
    const char *s = getenv("RRSIM_GNUPLOT_SCRIPT");
    return s && strcmp(s, "1") == 0;
}

/* write_script - the script of job's chart into its folder as STEM.gp
 * ("departures.png" -> "departures.gp"): a new file, no link followed. */
static int write_script(const rri_gp_job *job, const char *script,
                        size_t len, char *err, size_t errlen)
{
    const char *dot = strrchr(job->name, '.');
    int stem = dot ? (int)(dot - job->name) : (int)strlen(job->name);
    char name[96], path[PATH_MAX];
    size_t off = 0;
    int fd, e = 0;

    snprintf(name, sizeof name, "%.*s.gp", stem, job->name);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", job->dir, name) >=
        sizeof path) {
        snprintf(err, errlen, "path of script '%s' too long", name);
        return RR_EIO;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0666);
    if (fd < 0)
        e = errno;
    while (fd >= 0 && off < len) {
        ssize_t k = write(fd, script + off, len - off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            e = k < 0 ? errno : EIO;
            break;
        }
        off += (size_t)k;
    }
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (e) {
        snprintf(err, errlen, "cannot write '%s': %s", name, strerror(e));
        return RR_EIO;
    }
    return RR_OK;
}

int rri_gp_need(char *buf, size_t n, char *err, size_t errlen)
{
    if (rr_plot_script_mode()) {
        if (n)
            buf[0] = '\0';
        return RR_OK;
    }
    if (rr_plot_find_gnuplot(buf, n))
        return RR_OK;
    snprintf(err, errlen, "gnuplot not found (install it with: "
                          "apt-get install gnuplot-nox)");
    return RR_ENOTFOUND;
}

int rri_gp_draw(const rri_gp_job *job, const char *script, size_t len,
                char *err, size_t errlen)
{
    if (job->script)
        return write_script(job, script, len, err, errlen);
    return run_gnuplot(job, script, len, err, errlen);
}
