/*
 * mpi.c - a command's work items over the ranks of mpirun (make MPI=1).
 *
 * Every rank runs the same command line: it parses it, loads the
 * scenarios and plans the design points itself (they are deterministic),
 * and follows the command's path; each of the command's calls of
 * rr_run_many is collective (sensitivity makes one per batch of design
 * points): in it rank 0 is the manager and every other rank a worker,
 * each with its own threads:
 *
 *   worker -> 0   HELLO n h      in the call, with n threads: n requests;
 *                                h the hash of the runs it planned, which
 *                                must be rank 0's (else the call fails)
 *   0 -> worker   ITEM p r       run design point p, replication r
 *   worker -> 0   RESULT p r rc  its result (rr_item_encode) or its
 *                                failure's message; a request for another
 *   0 -> worker   HALT           stop the items running (a failure)
 *   0 -> worker   STOP rc n      the call is over, with status rc: go on
 *                                with the command (or fail as it failed)
 *   0 -> worker   RESULT p r     after STOP, n of them: the call's results,
 *                                for a command whose next step depends on
 *                                them (calibrate's search: CMD_SHARED), so
 *                                that every rank takes the same path
 *   worker -> 0   SIGNAL s       this rank caught signal s
 *   worker -> 0   LEFT rc text   this rank's command is over: it failed
 *                                outside the calls (rc, what it printed)
 *                                or ended; it waits for END
 *   0 -> worker   END            rank 0's command is over: leave (from a
 *                                call too, when rank 0 failed outside one)
 *
 * so a rank asks for work when a thread of its is idle (dynamic load
 * balancing); rank 0's own threads take items from the same counter.
 * Results go to rank 0 alone, into the slots a threaded run fills, so the
 * output is byte-identical whatever the number of ranks and threads; rank
 * 0 alone touches the results folder (cli_begin is a no-op elsewhere, and
 * cli_runs_done ends a worker's command after its last call).  What a
 * worker prints goes to a file of its own (rank 0 prints the same for
 * the same input), and reaches rank 0 only when the worker fails outside
 * a call.
 * MPI is called from each rank's main thread only (MPI_THREAD_FUNNELED):
 * worker threads run items and nothing else, and the main thread polls
 * (MPI_Iprobe, then a short sleep), which also lets it see a signal.
 *
 * Faults: an item failing on any rank fails the run as in one process
 * (the lowest item's message, naming the rank); a rank that fails outside
 * a call (its scenario unreadable there) sends what it printed and fails
 * the call rank 0 is in or enters next, as does one whose command ended
 * (the ranks disagree); a signal on any rank is passed to rank 0, which
 * stops everyone, removes its temporary folder and exits 128 + the
 * signal.  A rank that
 * dies outright is mpirun's to report: it stops the job, and rank 0, sent
 * SIGTERM, removes its temporary folder on the way out.
 */
#ifdef RR_MPI
#include <mpi.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "rr_common.h"
#include "rr_shard.h"

enum {
    T_HELLO = 1,
    T_RESULT,
    T_ITEM,
    T_HALT,
    T_STOP,
    T_SIGNAL,
    T_LEFT,
    T_END
};

/* HELLO's body */
typedef struct hello_msg {
    int64_t threads;
    uint64_t hash;          /* rr_shard_hash of the call's plans */
} hello_msg;

/* the header of RESULT and ITEM: point, replication, status */
typedef struct msg_head {
    uint64_t point, rep;
    int64_t rc;
} msg_head;

static struct {
    int rank, size;
    bool on;                /* MPI initialised here, more than one rank */
    int calls;              /* of rr_run_many run together so far */
    bool released;          /* a worker: END received */
    atomic_int *stop;
    int saved_err;          /* a worker's own stderr */
    FILE *err_file;         /* what a worker prints instead */
    /* rank 0 */
    int *threads, *pending, *inflight; /* per rank, in the call */
    bool *hello;            /* per rank: in the call */
    uint64_t *items;        /* results received per rank, in all calls */
    bool *left;             /* per rank: its command is over */
    bool quiet;
    bool share;             /* the calls' results go to every rank */
    bool hashed;            /* call_hash made for the call */
    uint64_t call_hash;     /* of the plans of the call */
    char other_msg[512];    /* a rank that planned other runs */
    int other_rank;         /* it, or 0 */
    char left_msg[1024];
    int left_rank;          /* the first to leave early, or 0 */
    bool halted;
} g;

static void nap(void)
{
    struct timespec ts = {0, 200000}; /* 0.2 ms */
    nanosleep(&ts, NULL);
}

static bool signalled(void)
{
    return g.stop && atomic_load(g.stop);
}

/* launched - whether a launcher started this process as a rank (mpirun,
 * srun with PMI/PMIx): only then is MPI started, so that a command run by
 * hand does not pay for a singleton MPI (most of a second) */
static bool launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK",
                                       "PMI_RANK", "PMI_SIZE"};
    for (size_t i = 0; i < RR_COUNTOF(vars); i++)
        if (getenv(vars[i]))
            return true;
    return false;
}

void cli_mpi_init(int *argc, char ***argv, atomic_int *stop)
{
    int provided = 0, inited = 0;
    if (!launched())
        return;
    MPI_Initialized(&inited);
    if (!inited &&
        MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) !=
            MPI_SUCCESS)
        return;
    g.stop = stop;
    MPI_Comm_rank(MPI_COMM_WORLD, &g.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g.size);
    g.on = true;
    g.saved_err = -1;
    if (g.size > 1 && provided < MPI_THREAD_FUNNELED && g.rank == 0)
        fprintf(stderr, "rrsim: warning: this MPI gives no thread support; "
                "each rank may still run threads, MPI is called from one\n");
    if (g.rank > 0) {
        /* what a worker prints goes to rank 0 if it fails outside a call
         * (LEFT); rank 0 prints the same messages for the same input */
        fflush(stderr);
        if ((g.err_file = tmpfile()) != NULL &&
            (g.saved_err = dup(STDERR_FILENO)) >= 0)
            dup2(fileno(g.err_file), STDERR_FILENO);
    }
}

bool cli_mpi_worker(void)
{
    return g.on && g.rank > 0;
}

int cli_mpi_size(void)
{
    return g.on ? g.size : 1;
}

static void restore_stderr(void)
{
    if (g.saved_err >= 0) {
        fflush(stderr);
        dup2(g.saved_err, STDERR_FILENO);
        close(g.saved_err);
        g.saved_err = -1;
    }
}

/* ---- rank 0: the manager ------------------------------------------------ */

static void send_to(int r, int tag, const void *buf, int len)
{
    MPI_Send(buf, len, MPI_BYTE, r, tag, MPI_COMM_WORLD);
}

/* receive - the message that MPI_Iprobe found, into a fresh buffer. */
static char *receive(const MPI_Status *st, int *len)
{
    char *buf;
    MPI_Get_count(st, MPI_BYTE, len);
    buf = malloc((size_t)*len + 1);
    if (!buf)
        return NULL;
    MPI_Recv(buf, *len, MPI_BYTE, st->MPI_SOURCE, st->MPI_TAG,
             MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    buf[*len] = '\0';
    return buf;
}

/* note_left - rank r's command is over, with status code and what it
 * printed (buf): the call rank 0 is in, or enters next, fails naming it
 * and with its last line. */
static void note_left(int r, const char *buf, int len)
{
    const char *text = len > 4 ? buf + 4 : "";
    size_t n = strlen(text);
    int code = 0;
    if (len >= 4)
        memcpy(&code, buf, 4);
    while (n > 0 && text[n - 1] == '\n')
        n--;
    const char *last = text;
    for (size_t i = 0; i + 1 < n; i++)
        if (text[i] == '\n')
            last = text + i + 1;
    g.left[r] = true;
    if (g.left_rank)
        return;
    g.left_rank = r;
    if (code == EXIT_OK)
        snprintf(g.left_msg, sizeof g.left_msg, "rank %d had ended the "
                 "command when rank 0 began its batch %d of runs: the ranks "
                 "do not agree on the work (the same command line and "
                 "files for every rank?)", r, g.calls + 1);
    else
        snprintf(g.left_msg, sizeof g.left_msg, "rank %d failed %s%s%.*s", r,
                 g.calls ? "between the command's runs"
                         : "before its work started",
                 n ? ": " : "", (int)(text + n - last), last);
}

/* handle - one message to rank 0 (w NULL between runs). */
static void handle(rr_work *w, const MPI_Status *st)
{
    int r = st->MPI_SOURCE, len = 0;
    char *buf = receive(st, &len);
    if (!buf) {
        if (w)
            rr_work_fail(w, 0, 0, RR_ENOMEM, rr_strerror(RR_ENOMEM));
        return;
    }
    switch (st->MPI_TAG) {
    case T_HELLO: {
        hello_msg m;
        if (len != (int)sizeof m || g.hello[r])
            break;
        memcpy(&m, buf, sizeof m);
        g.hello[r] = true;
        if (g.hashed && m.hash != g.call_hash) {
            /* its items would be another model's: it gets none */
            if (!g.other_rank) {
                g.other_rank = r;
                snprintf(g.other_msg, sizeof g.other_msg, "rank %d planned "
                         "other runs than rank 0 for batch %d (are its "
                         "scenario files, tables and command line the "
                         "same?)", r, g.calls + 1);
            }
            if (w)
                rr_work_fail(w, 0, 0, RR_EINVAL, g.other_msg);
            break;
        }
        g.threads[r] = m.threads > 0 && m.threads < 65536 ? (int)m.threads
                                                            : 0;
        g.pending[r] += g.threads[r];
        break;
    }
    case T_RESULT: {
        msg_head h;
        char err[512], msg[600];
        if (len < (int)sizeof h)
            break;
        memcpy(&h, buf, sizeof h);
        g.inflight[r]--;
        g.pending[r]++;
        if (!w)
            break;
        if (h.rc == RR_OK) {
            g.items[r]++;
            /* a result that does not decode fails the batch itself */
            rr_work_put(w, h.point, h.rep, buf + sizeof h,
                        (size_t)len - sizeof h, err, sizeof err);
        } else if (h.rc == RR_EINTR && g.halted) {
            ; /* stopped by us */
        } else {
            snprintf(msg, sizeof msg, "%s (on rank %d)", buf + sizeof h, r);
            rr_work_fail(w, h.point, h.rep, (int)h.rc, msg);
        }
        break;
    }
    case T_SIGNAL: {
        int sig = SIGTERM;
        if (len == (int)sizeof(int))
            memcpy(&sig, buf, sizeof sig);
        cli_stop(sig);
        break;
    }
    case T_LEFT:
        note_left(r, buf, len);
        if (w)
            rr_work_fail(w, 0, 0, RR_EINVAL, g.left_msg);
        break;
    default:
        break;
    }
    free(buf);
}

static int total_inflight(void)
{
    int n = 0;
    for (int r = 1; r < g.size; r++)
        n += g.inflight[r];
    return n;
}

static int manage(void *ctx, rr_work *w)
{
    double give_up = 0;
    RR_UNUSED(ctx);
    g.halted = false;
    if (!g.hashed) {
        /* the call's plans, which every worker must have planned too */
        size_t n = rr_work_points(w);
        const rr_plan **plans = calloc(n ? n : 1, sizeof *plans);
        if (!plans) {
            rr_work_fail(w, 0, 0, RR_ENOMEM, rr_strerror(RR_ENOMEM));
        } else {
            for (size_t i = 0; i < n; i++)
                plans[i] = rr_work_plan(w, i);
            g.call_hash = rr_shard_hash(plans, n, 0);
            g.hashed = true;
            free(plans);
        }
    }
    if (g.left_rank)
        rr_work_fail(w, 0, 0, RR_EINVAL, g.left_msg); /* before this call */
    for (;;) {
        MPI_Status st;
        int flag = 0;
        bool over = rr_work_over(w);
        for (int r = 1; r < g.size && !over; r++)
            while (g.pending[r] > 0) {
                msg_head h = {0, 0, 0};
                if (!rr_work_take(w, &h.point, &h.rep))
                    break;
                send_to(r, T_ITEM, &h, sizeof h);
                g.pending[r]--;
                g.inflight[r]++;
            }
        if (over && total_inflight() == 0)
            return RR_OK;
        if (over && !g.halted) {
            /* failed or stopped: the items still out are stopped */
            for (int r = 1; r < g.size; r++)
                if (g.inflight[r] > 0)
                    send_to(r, T_HALT, NULL, 0);
            g.halted = true;
        }
        if (signalled()) {
            /* stopped: the others are told at the end; wait for their
             * items a little only */
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            double now = (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
            if (give_up == 0)
                give_up = now + 2.0;
            else if (now > give_up)
                return RR_OK;
        }
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (flag)
            handle(w, &st);
        else
            nap();
    }
}

/* stop_msg - STOP's body: the call's status, the results that follow */
typedef struct stop_msg {
    int64_t rc;
    uint64_t results;
} stop_msg;

/* share - every result of the call to every worker still in it, after
 * their STOP: a worker that cannot take one has the call fail there, and
 * leaves (LEFT), which fails rank 0's next call. */
static void share(const rr_run_result *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < out[i].reps; k++) {
            msg_head h = {i, k, RR_OK};
            size_t len = 0;
            void *item = rr_item_encode(&out[i].rep[k], &len);
            char *m = item ? malloc(sizeof h + len) : NULL;
            if (m) {
                memcpy(m, &h, sizeof h);
                memcpy(m + sizeof h, item, len);
            } else {
                h.rc = RR_ENOMEM; /* still sent: the worker counts it */
                len = 0;
                m = (char *)&h;
            }
            for (int r = 1; r < g.size; r++)
                if (!g.left[r])
                    send_to(r, T_RESULT, m, (int)(sizeof h + len));
            if (m != (char *)&h)
                free(m);
            free(item);
        }
}

/* end - every worker's HELLO (or LEFT) in, then STOP with the call's
 * status to all (and its results, when they are shared), and rank 0
 * ready for the next call; a worker that left fails a call that was
 * fine. */
static int end(void *ctx, int rc, const rr_run_result *out, size_t n,
               char *err, size_t errlen)
{
    uint64_t results = 0;
    RR_UNUSED(ctx);
    for (int r = 1; r < g.size; r++)
        while (!g.hello[r] && !g.left[r] && !signalled()) {
            MPI_Status st;
            int flag = 0;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag,
                       &st);
            if (flag)
                handle(NULL, &st);
            else
                nap();
        }
    if (rc == RR_OK && signalled())
        rc = RR_EINTR;
    if (g.left_rank && !signalled()) {
        snprintf(err, errlen, "%s", g.left_msg);
        rc = RR_EINVAL;
    } else if (g.other_rank && !signalled()) {
        snprintf(err, errlen, "%s", g.other_msg);
        rc = RR_EINVAL;
    }
    if (rc == RR_OK && g.share)
        for (size_t i = 0; i < n; i++)
            results += out[i].reps;
    for (int r = 1; r < g.size; r++) {
        stop_msg m = {rc, results};
        if (!g.left[r])
            send_to(r, T_STOP, &m, sizeof m);
        g.hello[r] = false;
        g.pending[r] = g.inflight[r] = 0;
    }
    g.hashed = false;
    if (results)
        share(out, n);
    g.calls++;
    return rc;
}

/* ---- a worker rank ------------------------------------------------------ */

typedef struct slot {
    pthread_t tid;
    bool busy, done, quit;
    msg_head h;
    void *buf;
    size_t len;
    char err[512];
} slot;

typedef struct pool {
    rr_items *it;
    slot *s;
    int n;
    pthread_mutex_t lock;
    pthread_cond_t cv;
    atomic_int halt;
} pool;

static void *slot_main(void *arg)
{
    void **a = arg;
    pool *p = a[0];
    slot *s = a[1];
    free(arg);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!s->quit && !(s->busy && !s->done))
            pthread_cond_wait(&p->cv, &p->lock);
        if (s->quit)
            break;
        pthread_mutex_unlock(&p->lock);
        s->err[0] = '\0';
        s->h.rc = rr_items_run(p->it, s->h.point, s->h.rep, &p->halt,
                               &s->buf, &s->len, s->err, sizeof s->err);
        pthread_mutex_lock(&p->lock);
        s->done = true;
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* send_result - a finished slot's RESULT to rank 0 (lock held). */
static void send_result(slot *s)
{
    size_t body = s->h.rc == RR_OK ? s->len : strlen(s->err) + 1;
    char *m = malloc(sizeof s->h + body);
    if (!m) {
        s->h.rc = RR_ENOMEM;
        snprintf(s->err, sizeof s->err, "%s", rr_strerror(RR_ENOMEM));
        body = strlen(s->err) + 1;
        m = malloc(sizeof s->h + body);
    }
    if (m) {
        memcpy(m, &s->h, sizeof s->h);
        memcpy(m + sizeof s->h, s->h.rc == RR_OK ? s->buf : s->err, body);
        send_to(0, T_RESULT, m, (int)(sizeof s->h + body));
        free(m);
    }
    free(s->buf);
    s->buf = NULL;
    s->busy = s->done = false;
}

static int serve(void *ctx, rr_items *it)
{
    pool p;
    int n = rr_items_threads(it), started = 0, code = RR_OK;
    uint64_t results = 0;
    bool told_signal = false, stop = false;

    RR_UNUSED(ctx);
    if (g.released)
        return RR_EINTR; /* let go: no call is run here any more */
    memset(&p, 0, sizeof p);
    p.it = it;
    atomic_init(&p.halt, 0);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.cv, NULL);
    if (!(p.s = calloc((size_t)n, sizeof *p.s)))
        n = 0;
    for (; started < n; started++) {
        void **a = malloc(2 * sizeof *a);
        if (!a)
            break;
        a[0] = &p;
        a[1] = &p.s[started];
        if (pthread_create(&p.s[started].tid, NULL, slot_main, a) != 0) {
            free(a);
            break;
        }
    }
    p.n = started;
    {
        /* with the hash of the runs planned here: rank 0 checks it */
        hello_msg m = {p.n, 0};
        size_t np = rr_items_points(it);
        const rr_plan **plans = calloc(np ? np : 1, sizeof *plans);
        for (size_t i = 0; plans && i < np; i++)
            plans[i] = rr_items_plan(it, i);
        m.hash = plans ? rr_shard_hash(plans, np, 0) : 0;
        free(plans);
        send_to(0, T_HELLO, &m, sizeof m);
    }
    while (!stop) {
        MPI_Status st;
        int flag = 0, len;
        bool idle = true;
        if (signalled() && !told_signal) {
            int sig = cli_caught() ? cli_caught() : SIGTERM;
            atomic_store(&p.halt, 1);
            send_to(0, T_SIGNAL, &sig, sizeof sig);
            told_signal = true;
        }
        pthread_mutex_lock(&p.lock);
        for (int i = 0; i < p.n; i++)
            if (p.s[i].busy && p.s[i].done) {
                send_result(&p.s[i]);
                idle = false;
            }
        pthread_mutex_unlock(&p.lock);
        MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
            if (idle)
                nap();
            continue;
        }
        char *buf = receive(&st, &len);
        if (!buf)
            break;
        if (st.MPI_TAG == T_ITEM && len == (int)sizeof(msg_head)) {
            pthread_mutex_lock(&p.lock);
            for (int i = 0; i < p.n; i++)
                if (!p.s[i].busy) {
                    memcpy(&p.s[i].h, buf, sizeof p.s[i].h);
                    p.s[i].busy = true;
                    p.s[i].done = false;
                    break;
                }
            pthread_cond_broadcast(&p.cv);
            pthread_mutex_unlock(&p.lock);
        } else if (st.MPI_TAG == T_HALT) {
            atomic_store(&p.halt, 1);
        } else if (st.MPI_TAG == T_STOP) {
            stop_msg m = {RR_EINVAL, 0};
            if (len == (int)sizeof m)
                memcpy(&m, buf, sizeof m);
            code = (int)m.rc;
            results = m.results;
            stop = true;
        } else if (st.MPI_TAG == T_END) {
            /* rank 0 is done: this command goes no further */
            g.released = true;
            code = RR_EINTR;
            stop = true;
        }
        free(buf);
    }
    atomic_store(&p.halt, 1);
    pthread_mutex_lock(&p.lock);
    for (int i = 0; i < p.n; i++)
        p.s[i].quit = true;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < p.n; i++) {
        pthread_join(p.s[i].tid, NULL);
        free(p.s[i].buf);
    }
    free(p.s);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.cv);
    g.calls++;
    /* the call's results, when they are shared: every one is received,
     * even after one that could not be taken */
    for (uint64_t i = 0; i < results;) {
        MPI_Status st;
        int flag = 0, len;
        char err[512];
        MPI_Iprobe(0, T_RESULT, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
            nap();
            continue;
        }
        char *buf = receive(&st, &len);
        msg_head h;
        i++;
        if (!buf || len < (int)sizeof h) {
            code = code == RR_OK ? RR_ENOMEM : code;
            free(buf);
            continue;
        }
        memcpy(&h, buf, sizeof h);
        if (code == RR_OK && h.rc != RR_OK)
            code = (int)h.rc;
        if (code == RR_OK)
            code = rr_items_put(it, h.point, h.rep, buf + sizeof h,
                                (size_t)len - sizeof h, err, sizeof err);
        free(buf);
    }
    /* the call's status: a call that failed fails here too, so that no
     * rank goes on with results it does not have */
    return code;
}

/* ---- the executor ------------------------------------------------------- */

const rr_exec *cli_mpi_exec(const cli *c)
{
    static rr_exec x;
    if (!g.on || g.size < 2 || !(c->cmd_bit & CMD_DISTRIBUTED))
        return NULL;
    if (g.rank == 0 && !g.threads) {
        size_t n = (size_t)g.size;
        g.threads = calloc(n, sizeof *g.threads);
        g.pending = calloc(n, sizeof *g.pending);
        g.inflight = calloc(n, sizeof *g.inflight);
        g.hello = calloc(n, sizeof *g.hello);
        g.left = calloc(n, sizeof *g.left);
        g.items = calloc(n, sizeof *g.items);
        if (!g.threads || !g.pending || !g.inflight || !g.hello ||
            !g.left || !g.items)
            return NULL; /* then rank 0 runs it alone... */
    }
    g.quiet = c->quiet;
    g.share = (c->cmd_bit & CMD_SHARED) != 0;
    x.ctx = NULL;
    x.worker = g.rank > 0;
    x.no_local = false;
    x.manage = manage;
    x.end = end;
    x.serve = serve;
    return &x;
}

/* drain - rank 0, at the end: the messages still coming (results of
 * items that ended as the run was stopped) received and dropped, so that
 * no rank is left blocked sending one. */
static void drain(void)
{
    for (int quiet = 0; quiet < 250;) {
        MPI_Status st;
        int flag = 0, len;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (flag) {
            free(receive(&st, &len));
            quiet = 0;
        } else {
            nap();
            quiet++;
        }
    }
}

int cli_mpi_finish(int rc)
{
    if (!g.on)
        return rc;
    if (rc == EXIT_ELSEWHERE)
        rc = EXIT_OK; /* a worker of a command that is rank 0's alone */
    if (g.rank == 0 && g.size > 1) {
        /* the command is over here: every worker is let go, wherever it
         * is (in a call rank 0 did not make, or waiting) */
        for (int r = 1; r < g.size; r++)
            send_to(r, T_END, NULL, 0);
        if (rc == EXIT_OK && g.calls > 0 && !g.quiet && g.items) {
            /* where the items ran: a rank that got none shows here */
            fprintf(stderr, "rrsim: %d ranks; results received from the "
                    "other ranks:", g.size);
            for (int r = 1; r < g.size; r++)
                fprintf(stderr, " %d: %llu", r,
                        (unsigned long long)g.items[r]);
            fputc('\n', stderr);
        }
        drain();
    }
    if (g.rank > 0 && g.size > 1 && !g.released) {
        /* rank 0 is told that this command is over (with what it printed
         * if it failed), then this rank waits to be let go */
        char buf[4 + 1024];
        int code = rc;
        size_t n = 0;
        fflush(stderr);
        if (g.err_file && rc != EXIT_OK) {
            long size;
            fseek(g.err_file, 0, SEEK_END);
            size = ftell(g.err_file);
            fseek(g.err_file, size > 1000 ? size - 1000 : 0, SEEK_SET);
            n = fread(buf + 4, 1, sizeof buf - 5, g.err_file);
        }
        buf[4 + n] = '\0';
        memcpy(buf, &code, 4);
        send_to(0, T_LEFT, buf, (int)(4 + n + 1));
        for (;;) {
            MPI_Status st;
            int flag = 0, len;
            MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
            if (flag) {
                free(receive(&st, &len)); /* a STOP of a failed call */
                if (st.MPI_TAG == T_END)
                    break;
            } else {
                nap();
            }
        }
    }
    restore_stderr();
    if (g.err_file)
        fclose(g.err_file);
    free(g.threads);
    free(g.pending);
    free(g.inflight);
    free(g.hello);
    free(g.left);
    free(g.items);
    MPI_Finalize();
    return g.rank > 0 ? EXIT_OK : rc;
}
#endif
