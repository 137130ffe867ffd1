/*
 * rr_experiment.h - replications, sweeps and paired comparisons, run on
 * all cores.
 *
 * Work items (design point, replication) are handed to worker threads in
 * order; each replication draws from its own streams, seeded from (seed,
 * point, replication) — with common random numbers the point is 0 for
 * every design point — and writes into its own slot of the result, so
 * results are identical whatever the number of threads.
 */
#ifndef RR_EXPERIMENT_H
#define RR_EXPERIMENT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_model.h"
#include "rr_stats.h"

/* progress: called from worker threads (serialised) after each item. */
typedef void rr_progress_fn(void *ctx, size_t done, size_t total);

typedef struct rr_run_opts {
    int reps;                 /* >= 1 */
    uint64_t seed;
    uint64_t point;           /* stream point for every replication */
    int threads;              /* 0 = all cores */
    rr_case_fn *on_case;      /* --trace: called with case_ctx[rep] */
    void **case_ctx;          /* reps entries, or NULL */
    rr_progress_fn *progress;
    void *progress_ctx;
    atomic_int *stop;         /* set non-zero to stop early: a signal
                                 handler may (lock-free, see main.c) */
    uint64_t max_cases;       /* per replication; 0 = RR_MAX_CASES_DEFAULT */
    size_t *failed_plan;      /* if not NULL, gets the index of the plan
                                 whose failure is reported */
} rr_run_opts;

/* The replications of one plan. */
typedef struct rr_run_result {
    const rr_plan *plan;      /* not owned */
    rr_layout layout;
    size_t reps;
    rr_rep_result *rep;       /* reps entries, in replication order */
    uint64_t events;          /* summed over replications */
    double wall_seconds;
    double *scratch;          /* reps entries, for the CIs below */
} rr_run_result;

/* rr_run - run opts->reps replications of plan.  On success *out must be
 * released with rr_run_result_fini.  Returns RR_OK, RR_EINTR (*opts->stop
 * became non-zero), or the failure of a replication (see rr_model_run:
 * RR_ENOMEM, RR_ERANGE, RR_EINVAL) with a message in err.  A failed
 * replication stops the others within a few thousand events; when several
 * fail, the one of the lowest (point, replication) is reported. */
int rr_run(const rr_plan *plan, const rr_run_opts *opts, rr_run_result *out,
           char *err, size_t errlen);

/* rr_run_many - the same for several plans (design points) at once: item
 * (point i, rep r) uses stream point crn ? 0 : i + 1.  out has n entries. */
int rr_run_many(const rr_plan *const *plans, size_t n, int crn,
                const rr_run_opts *opts, rr_run_result *out, char *err,
                size_t errlen);

void rr_run_result_fini(rr_run_result *r);

/* Across replications: the 95% CI of a KPI, of a metric in a period, and of
 * the paired difference b - a of a KPI (same replication count).  For a
 * result of rr_run they allocate nothing: they gather into its scratch, so
 * two threads may not ask the same result at once.  (A result built by
 * hand, with scratch NULL, gets a buffer per call; all NAN if that fails.) */
rr_ci rr_run_kpi_ci(const rr_run_result *r, size_t kpi);
rr_ci rr_run_metric_ci(const rr_run_result *r, size_t period, size_t metric);
rr_ci rr_run_kpi_diff_ci(const rr_run_result *a, const rr_run_result *b,
                         size_t kpi);

/* rr_keep_freed_memory - a program that runs many replications may call
 * this once at start: every replication builds and frees the same large
 * arrays (calendar, entity pools, results), and with glibc this keeps freed
 * memory for the next one instead of returning it to the system and
 * faulting it in again (about 6% of a run's time).  Peak memory is
 * unchanged.  A no-op elsewhere. */
void rr_keep_freed_memory(void);

/* rr_cpu_count - online processors (>= 1). */
int rr_cpu_count(void);

#endif
