/*
 * experiment.c - replications over worker threads.
 *
 * Items are numbered point-major (point i, replication r) and taken in
 * order from a shared counter under a mutex; each writes only its own
 * rr_rep_result, so the outcome does not depend on how items land on
 * threads.  A failing item stops its siblings within a few thousand
 * events: it sets `failed`, which every replication running looks at as
 * its halt flag (rr_model_ctl.halt) beside the signal flag (opts->stop),
 * and no further item is started.  Of the items that failed, the lowest
 * is the one reported, so that the message does not depend on which
 * thread got there first.  The two flags are C11 atomics: `failed` is
 * written by one worker and read by the others, `stop` by a signal
 * handler (atomic_int is lock-free, hence safe there).
 *
 * The replications run in batches: a run of a fixed number is one batch
 * of them all; with a target precision (precision.c) the results grow by
 * one batch at a time, replications [from, from + count) of every plan,
 * and the threads are joined between batches, so that the decision to go
 * on sees every replication so far and nothing else.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rr_common.h"
#include "rr_experiment.h"

/* batch - what a call of run_batch needs besides the batch: the plans
 * and their results, and the failure (err, the plan) once one happened. */
typedef struct batch {
    const rr_plan *const *plans;
    size_t n_plans;
    int crn;
    const rr_run_opts *opts;
    rr_run_result *out;
    size_t failed_plan;
    char err[512];
    size_t *kpi;           /* --precision: n_plans x n_names indices */
} batch;

/* job - one batch in progress (rr_work to an executor): its items are
 * [begin, end) of n_plans x count, numbered point-major; with a slice
 * (a shard) only a part of them. */
struct rr_work {
    batch *b;
    size_t from, count;    /* the replications of this batch */
    size_t begin, end, next, done;
    unsigned char *in;     /* per item of [begin, end): its result is in */
    size_t shown_before, shown_total; /* for the progress bar */
    pthread_mutex_t lock;
    atomic_int failed;     /* stops the remaining work */
    int rc;
    size_t failed_item;    /* of rc, when it is not RR_OK */
    char err[512];
};
typedef struct rr_work job;

/* rr_items - what a worker process runs items from. */
struct rr_items {
    const rr_plan *const *plans;
    size_t n_plans;
    int crn;
    const rr_run_opts *opts;
    rr_run_result *out;       /* their layouts; the results put, if any */
    bool put;                 /* results were put (rr_items_put) */
};

void rr_keep_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

int rr_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void rr_slice(uint64_t total, uint64_t i, uint64_t n, uint64_t *first,
              uint64_t *count)
{
    /* floor(i * total / n) without overflow for any sizes rrsim allows */
    uint64_t a = total / n * i + total % n * i / n;
    uint64_t b = total / n * (i + 1) + total % n * (i + 1) / n;
    *first = a;
    *count = b - a;
}

/* run_one - item (point, rep) of the plans into dst (initialised). */
static int run_one(const rr_plan *const *plans, size_t n_plans, int crn,
                   const rr_run_opts *opts, const rr_layout *layout,
                   size_t point, size_t rep, rr_rep_result *dst,
                   atomic_int *halt, char *err, size_t errlen)
{
    void *cctx = NULL;
    rr_model_ctl ctl = {.stop = opts->stop, .halt = halt,
                        .max_cases = opts->max_cases};
    if (opts->case_ctx && n_plans == 1)
        cctx = opts->case_ctx[rep];
    return rr_model_run(plans[point], layout, opts->seed,
                        n_plans == 1 ? opts->point
                                     : (crn ? 0 : point + 1),
                        rep, dst, cctx ? opts->on_case : NULL, cctx, &ctl,
                        err, errlen);
}

static bool stopped(const job *j)
{
    atomic_int *stop = j->b->opts->stop;
    return atomic_load(&j->failed) || (stop && atomic_load(stop));
}

/* take - the next item (under the lock), or end. */
static size_t take(job *j)
{
    size_t item = j->end;
    pthread_mutex_lock(&j->lock);
    if (j->next < j->end && !stopped(j))
        item = j->next++;
    pthread_mutex_unlock(&j->lock);
    return item;
}

/* record - the outcome rc of item (lock held): a failure is kept if it is
 * the first or of a lower item; a success counts and shows. */
static void record(job *j, size_t item, int rc, const char *err)
{
    const rr_run_opts *opts = j->b->opts;
    if (rc == RR_EINTR) {
        /* a signal, or another item failed (then it has the word) */
        if (j->rc == RR_OK) {
            j->rc = rc;
            j->failed_item = item;
        }
    } else if (rc != RR_OK &&
               (j->rc == RR_OK || j->rc == RR_EINTR ||
                item < j->failed_item)) {
        j->rc = rc;
        j->failed_item = item;
        snprintf(j->err, sizeof j->err, "%s", err);
        atomic_store(&j->failed, 1);
    }
    if (rc == RR_OK) {
        j->b->out[item / j->count].events +=
            j->b->out[item / j->count].rep[j->from + item % j->count].events;
        j->done++;
        if (opts->progress)
            opts->progress(opts->progress_ctx, j->shown_before + j->done,
                           j->shown_total);
    }
}

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        size_t item = take(j), point, rep;
        rr_run_result *r;
        char err[512] = "";
        int rc;

        if (item >= j->end)
            break;
        point = item / j->count;
        rep = j->from + item % j->count;
        r = &j->b->out[point];
        rc = run_one(j->b->plans, j->b->n_plans, j->b->crn, j->b->opts,
                     &r->layout, point, rep, &r->rep[rep], &j->failed, err,
                     sizeof err);
        pthread_mutex_lock(&j->lock);
        j->in[item - j->begin] = 1;
        record(j, item, rc, err);
        pthread_mutex_unlock(&j->lock);
    }
    return NULL;
}

/* ---- rr_work: the manager's side of an executor -------------------------- */

bool rr_work_take(rr_work *w, uint64_t *point, uint64_t *rep)
{
    size_t item = take(w);
    if (item >= w->end)
        return false;
    *point = item / w->count;
    *rep = w->from + item % w->count;
    return true;
}

/* item_of - the item of (point, rep) in w, or w->end if it is none of
 * this batch's handed out. */
static size_t item_of(const rr_work *w, uint64_t point, uint64_t rep)
{
    size_t item;
    if (point >= w->b->n_plans || rep < w->from ||
        rep - w->from >= w->count)
        return w->end;
    item = (size_t)point * w->count + (size_t)(rep - w->from);
    return item >= w->begin && item < w->next ? item : w->end;
}

int rr_work_put(rr_work *w, uint64_t point, uint64_t rep, const void *buf,
                size_t len, char *err, size_t errlen)
{
    char msg[512] = "";
    size_t item;
    int rc = RR_OK;

    pthread_mutex_lock(&w->lock);
    item = item_of(w, point, rep);
    if (item == w->end || w->in[item - w->begin]) {
        snprintf(msg, sizeof msg, "a result of design point %llu, "
                 "replication %llu that %s",
                 (unsigned long long)point + 1, (unsigned long long)rep + 1,
                 item == w->end ? "was not asked for" : "came twice");
        rc = RR_EPARSE;
    } else {
        w->in[item - w->begin] = 1;
    }
    pthread_mutex_unlock(&w->lock);
    if (rc == RR_OK)
        rc = rr_item_decode(buf, len, &w->b->out[point].rep[rep], msg,
                            sizeof msg);
    pthread_mutex_lock(&w->lock);
    record(w, item == w->end ? w->begin : item, rc, msg);
    pthread_mutex_unlock(&w->lock);
    if (rc != RR_OK)
        snprintf(err, errlen, "%s", msg);
    return rc;
}

void rr_work_fail(rr_work *w, uint64_t point, uint64_t rep, int rc,
                  const char *msg)
{
    size_t item;
    pthread_mutex_lock(&w->lock);
    item = item_of(w, point, rep);
    record(w, item == w->end ? w->begin : item, rc == RR_OK ? RR_EINVAL : rc,
           msg);
    pthread_mutex_unlock(&w->lock);
}

bool rr_work_over(rr_work *w)
{
    bool over;
    pthread_mutex_lock(&w->lock);
    over = w->done == w->end - w->begin || stopped(w) || w->rc != RR_OK;
    pthread_mutex_unlock(&w->lock);
    return over;
}

size_t rr_work_points(const rr_work *w)
{
    return w->b->n_plans;
}

uint64_t rr_work_reps(const rr_work *w)
{
    return w->from + w->count;
}

const rr_plan *rr_work_plan(const rr_work *w, size_t point)
{
    return w->b->plans[point];
}

/* ---- rr_items: the worker's side ---------------------------------------- */

int rr_items_threads(const rr_items *it)
{
    return it->opts->threads > 0 ? it->opts->threads : rr_cpu_count();
}

size_t rr_items_points(const rr_items *it)
{
    return it->n_plans;
}

const rr_plan *rr_items_plan(const rr_items *it, size_t point)
{
    return it->plans[point];
}

uint64_t rr_items_reps(const rr_items *it)
{
    return it->opts->precision ? it->opts->precision->max_reps
                               : (uint64_t)it->opts->reps;
}

int rr_items_run(rr_items *it, uint64_t point, uint64_t rep,
                 atomic_int *halt, void **buf, size_t *len, char *err,
                 size_t errlen)
{
    rr_rep_result r;
    int rc;
    *buf = NULL;
    *len = 0;
    if (point >= it->n_plans || rep >= rr_items_reps(it)) {
        snprintf(err, errlen, "no item (%llu, %llu) in this run",
                 (unsigned long long)point, (unsigned long long)rep);
        return RR_EINVAL;
    }
    if (rr_rep_result_init(&r, &it->out[point].layout) != RR_OK) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    rc = run_one(it->plans, it->n_plans, it->crn, it->opts,
                 &it->out[point].layout, (size_t)point, (size_t)rep, &r,
                 halt, err, errlen);
    if (rc == RR_OK && !(*buf = rr_item_encode(&r, len))) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        rc = RR_ENOMEM;
    }
    rr_rep_result_fini(&r);
    return rc;
}

static int grow(rr_run_result *r, size_t reps);

int rr_items_put(rr_items *it, uint64_t point, uint64_t rep, const void *buf,
                 size_t len, char *err, size_t errlen)
{
    rr_run_result *r;
    int rc;
    if (point >= it->n_plans || rep >= rr_items_reps(it)) {
        snprintf(err, errlen, "no item (%llu, %llu) in this run",
                 (unsigned long long)point, (unsigned long long)rep);
        return RR_EINVAL;
    }
    r = &it->out[point];
    if (rep >= r->reps && grow(r, (size_t)rep + 1) != RR_OK) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    if ((rc = rr_item_decode(buf, len, &r->rep[rep], err, errlen)) != RR_OK)
        return rc;
    r->events += r->rep[rep].events;
    it->put = true;
    return RR_OK;
}

void rr_run_result_fini(rr_run_result *r)
{
    if (r->rep)
        for (size_t i = 0; i < r->reps; i++)
            rr_rep_result_fini(&r->rep[i]);
    free(r->rep);
    free(r->scratch);
    rr_spill_destroy(r->spill);
    rr_layout_fini(&r->layout);
    memset(r, 0, sizeof *r);
}

/* prepare - an empty result of plan (no replication yet), with its
 * rows to a spill in spill_dir when not NULL (a message in err if that
 * fails). */
static int prepare(const rr_plan *plan, const char *spill_dir,
                   rr_run_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    if (rr_layout_make(plan, &r->layout) != RR_OK) {
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    if (spill_dir)
        return rr_spill_create(&r->spill, spill_dir, &r->layout, err,
                               errlen);
    return RR_OK;
}

/* grow - room for reps replications in r (more than it holds), each
 * initialised; r->reps counts those initialised, so that a failure
 * halfway leaves r for rr_run_result_fini. */
static int grow(rr_run_result *r, size_t reps)
{
    rr_rep_result *rep = realloc(r->rep, reps * sizeof *rep);
    double *scratch;
    if (!rep)
        return RR_ENOMEM;
    r->rep = rep;
    if (!(scratch = realloc(r->scratch, reps * sizeof *scratch)))
        return RR_ENOMEM;
    r->scratch = scratch;
    for (size_t i = r->reps; i < reps; i++) {
        memset(&r->rep[i], 0, sizeof r->rep[i]);
        if (rr_rep_result_init_spill(&r->rep[i], &r->layout, r->spill, i) !=
            RR_OK)
            return RR_ENOMEM;
        r->reps = i + 1;
    }
    return RR_OK;
}

/* manager - the executor's thread of a batch. */
static void *manager(void *arg)
{
    job *j = arg;
    const rr_exec *x = j->b->opts->exec;
    int rc = x->manage(x->ctx, j);
    if (rc != RR_OK) {
        pthread_mutex_lock(&j->lock);
        record(j, j->begin, rc, rr_strerror(rc));
        pthread_mutex_unlock(&j->lock);
    }
    return NULL;
}

/* run_batch - replications [from, from + count) of every plan (those of
 * the slice, if any), on the threads of opts and the executor's; RR_OK,
 * or the failure with b->err and b->failed_plan (the results are then
 * left for the caller to release). */
static int run_batch(batch *b, size_t from, size_t count)
{
    job j;
    const rr_run_opts *o = b->opts;
    int threads = o->threads > 0 ? o->threads : rr_cpu_count();
    pthread_t *tid = NULL;
    int started = 0;

    for (size_t i = 0; i < b->n_plans; i++)
        if (grow(&b->out[i], from + count) != RR_OK) {
            snprintf(b->err, sizeof b->err, "%s", rr_strerror(RR_ENOMEM));
            b->failed_plan = b->n_plans;
            return RR_ENOMEM;
        }
    memset(&j, 0, sizeof j);
    atomic_init(&j.failed, 0);
    j.b = b;
    j.from = from;
    j.count = count;
    j.end = b->n_plans * count;
    if (o->shards > 0 && o->slice_total > 0) {
        /* the command's slice, within this call's items */
        uint64_t first, n, lo = o->slice_offset, hi = lo + j.end;
        rr_slice(o->slice_total, o->shard, o->shards, &first, &n);
        lo = first > lo ? first : lo;
        hi = first + n < hi ? first + n : hi;
        j.begin = lo < hi ? (size_t)(lo - o->slice_offset) : 0;
        j.end = lo < hi ? (size_t)(hi - o->slice_offset) : 0;
    } else if (o->shards > 0) {
        uint64_t first, n;
        rr_slice(j.end, o->shard, o->shards, &first, &n);
        j.begin = (size_t)first;
        j.end = (size_t)(first + n);
    }
    j.next = j.begin;
    j.shown_before = b->n_plans * from;
    j.shown_total = j.shown_before + (j.end - j.begin);
    if (!(j.in = calloc(j.end - j.begin + 1, 1))) {
        snprintf(b->err, sizeof b->err, "%s", rr_strerror(RR_ENOMEM));
        b->failed_plan = b->n_plans;
        return RR_ENOMEM;
    }
    if (o->exec && o->exec->no_local)
        threads = 0;
    if ((size_t)threads > j.end - j.begin)
        threads = (int)(j.end - j.begin);
    pthread_mutex_init(&j.lock, NULL);
    tid = calloc((size_t)threads + 1, sizeof *tid);
    if (tid)
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, worker, &j) != 0)
                break;
    if (o->exec)
        manager(&j); /* on this thread, beside the workers */
    else if (started == 0)
        worker(&j); /* no threads to be had: run here */
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    free(j.in);
    pthread_mutex_destroy(&j.lock);
    if (o->stop && atomic_load(o->stop)) {
        j.rc = RR_EINTR; /* a signal has the last word */
        j.err[0] = '\0';
    }
    if (j.rc == RR_OK && j.done != j.end - j.begin) {
        j.rc = RR_EINVAL; /* an executor that gave up without a word */
        snprintf(j.err, sizeof j.err, "%zu of %zu items did not come back",
                 j.end - j.begin - j.done, j.end - j.begin);
        j.failed_item = j.begin;
    }
    if (j.rc != RR_OK) {
        snprintf(b->err, sizeof b->err, "%s",
                 j.err[0] ? j.err : rr_strerror(j.rc));
        b->failed_plan = j.failed_item / count;
    }
    return j.rc;
}

/* ---- the source of rr_precision_run ------------------------------------- */

static int src_run(void *ctx, size_t from, size_t count)
{
    return run_batch(ctx, from, count);
}

static rr_ci kpi_diff_ci(const rr_run_result *a, size_t ka,
                         const rr_run_result *b, size_t kb);

static rr_ci src_ci(void *ctx, size_t k, size_t point)
{
    batch *b = ctx;
    size_t names = b->opts->precision->n_names;
    if (b->opts->precision->of == RR_PRECISION_DIFF)
        return kpi_diff_ci(&b->out[0], b->kpi[k], &b->out[1],
                           b->kpi[names + k]);
    return rr_run_kpi_ci(&b->out[point], b->kpi[point * names + k]);
}

/* precision_indices - the KPI index of each name in each plan's layout
 * into b->kpi (allocated); RR_EINVAL with a message for a name a plan
 * does not report (rr_precision_check tells it better, beforehand). */
static int precision_indices(batch *b, const rr_precision *p)
{
    if (p->of == RR_PRECISION_DIFF && b->n_plans != 2) {
        snprintf(b->err, sizeof b->err, "a paired difference needs two "
                 "plans, got %zu", b->n_plans);
        return RR_EINVAL;
    }
    if (p->n_names == 0 || p->n_names > RR_PRECISION_MAX_NAMES) {
        snprintf(b->err, sizeof b->err, "no indicators to judge the "
                 "precision by");
        return RR_EINVAL;
    }
    b->kpi = calloc(b->n_plans * p->n_names, sizeof *b->kpi);
    if (!b->kpi) {
        snprintf(b->err, sizeof b->err, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < b->n_plans; i++)
        for (size_t k = 0; k < p->n_names; k++) {
            const rr_layout *l = &b->out[i].layout;
            size_t x = 0;
            while (x < l->n_kpis && strcmp(l->kpi[x], p->names[k]) != 0)
                x++;
            if (x == l->n_kpis) {
                snprintf(b->err, sizeof b->err, "no indicator '%s' in "
                         "summary.csv", p->names[k]);
                b->failed_plan = i;
                return RR_EINVAL;
            }
            b->kpi[i * p->n_names + k] = x;
        }
    return RR_OK;
}

/* serve - a worker process's part of rr_run_many: items run as the
 * manager asks; every result left empty. */
static int serve(const rr_plan *const *plans, size_t n, int crn,
                 const rr_run_opts *opts, rr_run_result *out, char *err,
                 size_t errlen)
{
    rr_items it = {plans, n, crn, opts, out, false};
    int rc = RR_OK;
    for (size_t i = 0; i < n && rc == RR_OK; i++)
        rc = prepare(plans[i], NULL, &out[i], err, errlen);
    if (rc == RR_OK) {
        rc = opts->exec->serve(opts->exec->ctx, &it);
        if (rc != RR_OK)
            snprintf(err, errlen, "%s", rr_strerror(rc));
    }
    if (rc == RR_OK && it.put) {
        for (size_t i = 0; i < n; i++)
            out[i].precision = opts->precision;
        return RR_OK; /* the manager's results, sent here */
    }
    for (size_t i = 0; i < n; i++)
        rr_run_result_fini(&out[i]);
    return rc;
}

int rr_run_many(const rr_plan *const *plans, size_t n, int crn,
                const rr_run_opts *opts, rr_run_result *out, char *err,
                size_t errlen)
{
    batch b;
    double t0 = wall_now();
    const char *spill_dir;
    size_t i;
    int rc = RR_OK;

    if (opts->reps < 1 || n == 0) {
        snprintf(err, errlen, "need at least one replication and one plan");
        return RR_EINVAL;
    }
    if (opts->shards > 0 &&
        (opts->precision || opts->shard >= opts->shards)) {
        snprintf(err, errlen, "%s", opts->precision
                 ? "a shard needs a fixed number of replications"
                 : "no such shard");
        return RR_EINVAL;
    }
    memset(out, 0, n * sizeof *out); /* each may be released below */
    if (opts->exec && opts->exec->worker)
        return serve(plans, n, crn, opts, out, err, errlen);
    memset(&b, 0, sizeof b);
    b.plans = plans;
    b.n_plans = n;
    b.crn = crn;
    b.opts = opts;
    b.out = out;
    b.failed_plan = n;
    /* rows to a spill only when every item runs here: the items of an
     * executor or a shard travel as whole results (rr_item_encode) */
    spill_dir = opts->exec || opts->shards > 0 ? NULL : opts->spill_dir;
    for (i = 0; i < n && rc == RR_OK; i++)
        rc = prepare(plans[i], spill_dir, &out[i], b.err, sizeof b.err);
    if (rc == RR_OK && opts->precision) {
        rr_precision_src src = {&b, 0, src_run, src_ci};
        src.points = opts->precision->of == RR_PRECISION_DIFF ? 1 : n;
        if ((rc = precision_indices(&b, opts->precision)) == RR_OK)
            rc = rr_precision_run(opts->precision, (size_t)opts->reps,
                                  &src);
    } else if (rc == RR_OK) {
        rc = run_batch(&b, 0, (size_t)opts->reps);
    }
    free(b.kpi);
    if (opts->exec && opts->exec->end) {
        char eerr[512] = "";
        int erc = opts->exec->end(opts->exec->ctx, rc, out, n, eerr,
                                  sizeof eerr);
        if (erc != RR_OK && (rc == RR_OK || eerr[0])) {
            /* a failure outside the items: no design point's */
            rc = erc;
            b.failed_plan = n;
            snprintf(b.err, sizeof b.err, "%s", eerr);
        }
    }
    if (rc != RR_OK) {
        snprintf(err, errlen, "%s", b.err[0] ? b.err : rr_strerror(rc));
        if (opts->failed_plan)
            *opts->failed_plan = b.failed_plan;
        for (i = 0; i < n; i++)
            rr_run_result_fini(&out[i]);
        return rc;
    }
    for (i = 0; i < n; i++) {
        out[i].wall_seconds = wall_now() - t0;
        out[i].precision = opts->precision;
    }
    return RR_OK;
}

int rr_run(const rr_plan *plan, const rr_run_opts *opts, rr_run_result *out,
           char *err, size_t errlen)
{
    return rr_run_many(&plan, 1, 1, opts, out, err, errlen);
}

/* gather - where a CI gathers its n values: the result's scratch (sized
 * at prepare(), so the CIs of a run's results never allocate), or for a
 * result built by hand without one a fresh buffer (*owned), NULL when that
 * fails. */
static double *gather(const rr_run_result *r, size_t n, double **owned)
{
    *owned = NULL;
    if (r->scratch && n <= r->reps)
        return r->scratch;
    return *owned = malloc((n ? n : 1) * sizeof **owned);
}

static rr_ci no_ci(void)
{
    rr_ci ci;
    memset(&ci, 0, sizeof ci);
    ci.mean = ci.sd = ci.half = ci.low = ci.high = NAN;
    return ci;
}

rr_ci rr_run_kpi_ci(const rr_run_result *r, size_t kpi)
{
    double *owned, *x = gather(r, r->reps, &owned);
    rr_ci ci;
    if (!x)
        return no_ci();
    for (size_t i = 0; i < r->reps; i++)
        x[i] = r->rep[i].kpi[kpi];
    ci = rr_ci95(x, r->reps);
    free(owned);
    return ci;
}

rr_ci rr_run_metric_ci(const rr_run_result *r, size_t period, size_t metric)
{
    double *owned, *x = gather(r, r->reps, &owned);
    rr_ci ci;
    if (!x)
        return no_ci();
    if (r->spill && r->reps > 0) {
        /* a row of each replication read back: slow, but right */
        double *row =
            malloc((rr_rep_period_len(&r->rep[0]) + 1) * sizeof *row);
        const double *v, *st;
        for (size_t i = 0; row && i < r->reps; i++) {
            if (rr_rep_period(&r->rep[i], period, row, &v, &st) != RR_OK) {
                free(row);
                row = NULL;
                break;
            }
            x[i] = v[metric];
        }
        if (!row) {
            free(owned);
            return no_ci();
        }
        free(row);
    } else {
        for (size_t i = 0; i < r->reps; i++)
            x[i] = r->rep[i].values[period * r->layout.n_metrics + metric];
    }
    ci = rr_ci95(x, r->reps);
    free(owned);
    return ci;
}

/* kpi_diff_ci - the paired difference of KPI kb of b and ka of a. */
static rr_ci kpi_diff_ci(const rr_run_result *a, size_t ka,
                         const rr_run_result *b, size_t kb)
{
    size_t n = a->reps < b->reps ? a->reps : b->reps;
    double *owned, *x = gather(a, n, &owned);
    rr_ci ci;
    if (!x)
        return no_ci();
    for (size_t i = 0; i < n; i++)
        x[i] = b->rep[i].kpi[kb] - a->rep[i].kpi[ka];
    ci = rr_ci95(x, n);
    free(owned);
    return ci;
}

rr_ci rr_run_kpi_diff_ci(const rr_run_result *a, const rr_run_result *b,
                         size_t kpi)
{
    return kpi_diff_ci(a, kpi, b, kpi);
}
