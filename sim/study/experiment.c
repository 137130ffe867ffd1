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

typedef struct job {
    const rr_plan *const *plans;
    size_t n_plans;
    int crn;
    const rr_run_opts *opts;
    rr_run_result *out;
    size_t total, next, done;
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
    size_t reps = (size_t)j->opts->reps;
    for (;;) {
        size_t item, point, rep;
        rr_run_result *r;
        char err[512] = "";
        int rc;
        void *cctx = NULL;
        atomic_int *stop = j->opts->stop;
        rr_model_ctl ctl = {.stop = stop, .halt = &j->failed,
                            .max_cases = j->opts->max_cases};

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
        point = item / reps;
        rep = item % reps;
        r = &j->out[point];
        if (j->opts->case_ctx && j->n_plans == 1)
            cctx = j->opts->case_ctx[rep];
        rc = rr_model_run(j->plans[point], &r->layout, j->opts->seed,
                          j->n_plans == 1 ? j->opts->point
                                          : (j->crn ? 0 : point + 1),
                          rep, &r->rep[rep],
                          cctx ? j->opts->on_case : NULL, cctx, &ctl, err,
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
            if (j->opts->progress)
                j->opts->progress(j->opts->progress_ctx, j->done, j->total);
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

static int prepare(const rr_plan *plan, size_t reps, rr_run_result *r)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    if (rr_layout_make(plan, &r->layout) != RR_OK)
        return RR_ENOMEM;
    r->rep = calloc(reps, sizeof *r->rep);
    r->scratch = calloc(reps, sizeof *r->scratch);
    if (!r->rep || !r->scratch)
        return RR_ENOMEM;
    r->reps = reps;
    for (size_t i = 0; i < reps; i++)
        if (rr_rep_result_init(&r->rep[i], &r->layout) != RR_OK)
            return RR_ENOMEM;
    return RR_OK;
}

int rr_run_many(const rr_plan *const *plans, size_t n, int crn,
                const rr_run_opts *opts, rr_run_result *out, char *err,
                size_t errlen)
{
    job j;
    int threads = opts->threads > 0 ? opts->threads : rr_cpu_count();
    pthread_t *tid = NULL;
    int started = 0;
    double t0 = wall_now();
    size_t i;

    if (opts->reps < 1 || n == 0) {
        snprintf(err, errlen, "need at least one replication and one plan");
        return RR_EINVAL;
    }
    memset(&j, 0, sizeof j);
    atomic_init(&j.failed, 0);
    for (i = 0; i < n; i++) {
        if (prepare(plans[i], (size_t)opts->reps, &out[i]) != RR_OK) {
            for (size_t k = 0; k <= i; k++)
                rr_run_result_fini(&out[k]);
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            return RR_ENOMEM;
        }
    }
    j.plans = plans;
    j.n_plans = n;
    j.crn = crn;
    j.opts = opts;
    j.out = out;
    j.total = n * (size_t)opts->reps;
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
    if (opts->stop && atomic_load(opts->stop)) {
        j.rc = RR_EINTR; /* a signal has the last word */
        j.err[0] = '\0';
    }
    if (j.rc != RR_OK) {
        snprintf(err, errlen, "%s",
                 j.err[0] ? j.err : rr_strerror(j.rc));
        if (opts->failed_plan)
            *opts->failed_plan = j.failed_item / (size_t)opts->reps;
        for (i = 0; i < n; i++)
            rr_run_result_fini(&out[i]);
        return j.rc;
    }
    for (i = 0; i < n; i++)
        out[i].wall_seconds = wall_now() - t0;
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

rr_ci rr_run_kpi_diff_ci(const rr_run_result *a, const rr_run_result *b,
                         size_t kpi)
{
    size_t n = a->reps < b->reps ? a->reps : b->reps;
    double *owned, *x = gather(a, n, &owned);
    rr_ci ci;
    if (!x)
        return no_ci();
    for (size_t i = 0; i < n; i++)
        x[i] = b->rep[i].kpi[kpi] - a->rep[i].kpi[kpi];
    ci = rr_ci95(x, n);
    free(owned);
    return ci;
}
