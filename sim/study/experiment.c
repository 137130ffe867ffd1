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

typedef struct job {
    batch *b;
    size_t from, count;    /* the replications of this batch */
    size_t total, next, done;
    size_t shown_before, shown_total; /* for the progress bar */
    pthread_mutex_t lock;
    atomic_int failed;     /* stops the remaining work */
    int rc;
    size_t failed_item;    /* of rc, when it is not RR_OK */
    char err[512];
} job;

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

static void *worker(void *arg)
{
    job *j = arg;
    const rr_run_opts *opts = j->b->opts;
    size_t n_plans = j->b->n_plans;
    for (;;) {
        size_t item, point, rep;
        rr_run_result *r;
        char err[512] = "";
        int rc;
        void *cctx = NULL;
        atomic_int *stop = opts->stop;
        rr_model_ctl ctl = {.stop = stop, .halt = &j->failed,
                            .max_cases = opts->max_cases};

        pthread_mutex_lock(&j->lock);
        item = j->next;
        if (item < j->total && !atomic_load(&j->failed) &&
            !(stop && atomic_load(stop)))
            j->next++;
        else
            item = j->total;
        pthread_mutex_unlock(&j->lock);
        if (item >= j->total)
            break;
        point = item / j->count;
        rep = j->from + item % j->count;
        r = &j->b->out[point];
        if (opts->case_ctx && n_plans == 1)
            cctx = opts->case_ctx[rep];
        rc = rr_model_run(j->b->plans[point], &r->layout, opts->seed,
                          n_plans == 1 ? opts->point
                                       : (j->b->crn ? 0 : point + 1),
                          rep, &r->rep[rep],
                          cctx ? opts->on_case : NULL, cctx, &ctl, err,
                          sizeof err);
        pthread_mutex_lock(&j->lock);
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
            r->events += r->rep[rep].events;
            j->done++;
            if (opts->progress)
                opts->progress(opts->progress_ctx,
                               j->shown_before + j->done, j->shown_total);
        }
        pthread_mutex_unlock(&j->lock);
    }
    return NULL;
}

void rr_run_result_fini(rr_run_result *r)
{
    if (r->rep)
        for (size_t i = 0; i < r->reps; i++)
            rr_rep_result_fini(&r->rep[i]);
    free(r->rep);
    free(r->scratch);
    rr_layout_fini(&r->layout);
    memset(r, 0, sizeof *r);
}

/* prepare - an empty result of plan (no replication yet). */
static int prepare(const rr_plan *plan, rr_run_result *r)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    if (rr_layout_make(plan, &r->layout) != RR_OK)
        return RR_ENOMEM;
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
        if (rr_rep_result_init(&r->rep[i], &r->layout) != RR_OK)
            return RR_ENOMEM;
        r->reps = i + 1;
    }
    return RR_OK;
}

/* run_batch - replications [from, from + count) of every plan, on the
 * threads of opts; RR_OK, or the failure with b->err and b->failed_plan
 * (the results are then left for the caller to release). */
static int run_batch(batch *b, size_t from, size_t count)
{
    job j;
    int threads = b->opts->threads > 0 ? b->opts->threads : rr_cpu_count();
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
    j.total = b->n_plans * count;
    j.shown_before = b->n_plans * from;
    j.shown_total = b->n_plans * (from + count);
    if ((size_t)threads > j.total)
        threads = (int)j.total;
    pthread_mutex_init(&j.lock, NULL);
    tid = calloc((size_t)threads, sizeof *tid);
    if (tid)
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, worker, &j) != 0)
                break;
    if (started == 0)
        worker(&j); /* no threads to be had: run here */
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    pthread_mutex_destroy(&j.lock);
    if (b->opts->stop && atomic_load(b->opts->stop)) {
        j.rc = RR_EINTR; /* a signal has the last word */
        j.err[0] = '\0';
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

int rr_run_many(const rr_plan *const *plans, size_t n, int crn,
                const rr_run_opts *opts, rr_run_result *out, char *err,
                size_t errlen)
{
    batch b;
    double t0 = wall_now();
    size_t i;
    int rc = RR_OK;

    if (opts->reps < 1 || n == 0) {
        snprintf(err, errlen, "need at least one replication and one plan");
        return RR_EINVAL;
    }
    memset(&b, 0, sizeof b);
    b.plans = plans;
    b.n_plans = n;
    b.crn = crn;
    b.opts = opts;
    b.out = out;
    b.failed_plan = n;
    memset(out, 0, n * sizeof *out); /* each may be released below */
    for (i = 0; i < n && rc == RR_OK; i++)
        if ((rc = prepare(plans[i], &out[i])) != RR_OK)
            snprintf(b.err, sizeof b.err, "%s", rr_strerror(rc));
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
    for (size_t i = 0; i < r->reps; i++)
        x[i] = r->rep[i].values[period * r->layout.n_metrics + metric];
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
