/*
 * rr_experiment.h - replications, sweeps and paired comparisons, run on
 * all cores.
 *
 * Work items (design point, replication) are handed to worker threads in
 * order; each replication draws from its own streams, seeded from (seed,
 * point, replication) — with common random numbers the point is 0 for
 * every design point — and writes into its own slot of the result, so
 * results are identical whatever the number of threads.
 *
 * With rr_run_opts.precision the replications are not fixed in advance:
 * they are added in batches until the chosen indicators are known to a
 * target precision (the sequential procedure of precision.c, below).
 */
#ifndef RR_EXPERIMENT_H
#define RR_EXPERIMENT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_model.h"
#include "rr_stats.h"

/* progress: called from worker threads (serialised) after each item. */
typedef void rr_progress_fn(void *ctx, size_t done, size_t total);

typedef struct rr_precision rr_precision;
typedef struct rr_exec rr_exec;

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
    rr_precision *precision;  /* if not NULL: replications to a target
                                 precision, reps being the first batch;
                                 what was reached is written back into it */
    const rr_exec *exec;      /* if not NULL: work items also run, or come
                                 from, beyond this process (below) */
    uint64_t shard;           /* with shards > 0: only the items of */
    uint64_t shards;          /* shard (0-based) of shards are run
                                 (rr_slice); the others are left at zero */
    const char *spill_dir;    /* if not NULL: the replications' rows per
                                 period and year go to a file of no name
                                 in this folder as they are produced
                                 (rr_spill), instead of staying in memory,
                                 so that memory does not grow with the
                                 horizon; read them with rr_rep_period and
                                 rr_rep_year.  Not with exec or shards
                                 (their items travel whole): ignored. */
    uint64_t slice_total;     /* with shards > 0 and this > 0: the slice
                                 is of the slice_total items of a command
                                 that calls rr_run_many more than once, */
    uint64_t slice_offset;    /* this call's being [slice_offset,
                                 slice_offset + plans x reps) of them */
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
    const rr_precision *precision; /* the target the replications were
                                 chosen for, and what was reached; NULL
                                 for a fixed number (not owned: the
                                 caller's rr_run_opts.precision) */
    rr_spill *spill;          /* owned; the rows of every rep, with
                                 rr_run_opts.spill_dir; else NULL */
} rr_run_result;

/* rr_run - run opts->reps replications of plan (with opts->precision, as
 many as rr_precision_run decides).  On success *out must be
 * released with rr_run_result_fini.  Returns RR_OK, RR_EINTR (*opts->stop
 * became non-zero), or the failure of a replication (see rr_model_run:
 * RR_ENOMEM, RR_ERANGE, RR_EINVAL; RR_EIO with a spill) with a message in
 * err; RR_EIO too when the spill cannot be created in opts->spill_dir.  A failed
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

/* ---- work items beyond one process (shards, MPI, merge) ----------------
 *
 * The work of rr_run_many is its items: item i of n plans x R replications
 * is (point i / R, replication i % R), numbered point-major.  An item's
 * result depends on (seed, point, replication) alone, so an item may be
 * run anywhere and its result carried back as bytes (rr_item_encode):
 * that is how shards and MPI ranks share the work and still give results
 * byte-identical to one process.
 *
 * rr_run_opts.shard/shards run only a contiguous range of the items,
 * rr_slice's (a fixed number of replications only: RR_EINVAL with
 * --precision); the caller saves them.  A command that calls rr_run_many
 * several times (in batches of design points) numbers its items across
 * the calls and gives slice_total and slice_offset: each call then runs
 * the part of the command's slice that falls in it, maybe none.
 *
 * rr_run_opts.exec plugs in a way of running items elsewhere:
 *   manager  (rank 0, merge) - rr_run_many calls manage() on its own
 *            thread while its worker threads (none with no_local) take
 *            items too; manage hands items out with rr_work_take, brings
 *            results back with rr_work_put (or rr_work_fail) and returns
 *            when rr_work_over and nothing it handed out is outstanding.
 *            With --precision it is called once per batch.  end() is
 *            called once when rr_run_many is done, with its status and
 *            the results (a manager may send them on to its workers).
 *   worker   (MPI rank > 0) - rr_run_many calls serve() instead: it runs
 *            items with rr_items_run as the manager asks until it is told
 *            the run is over, and rr_run_many returns serve's status with
 *            every result empty (reps 0): the results are the manager's;
 *            unless serve put them with rr_items_put, when they are the
 *            manager's results, the same bytes.
 */
typedef struct rr_work rr_work;   /* a batch in progress (manager) */
typedef struct rr_items rr_items; /* what a worker runs items from */

struct rr_exec {
    void *ctx;
    bool worker;
    bool no_local;            /* the manager runs no item itself */
    int (*manage)(void *ctx, rr_work *w);
    /* end - the run's status rc; returns it, or a failure outside the
     * items with its message in err (which then replaces rc's, naming no
     * design point; a status without a message replaces RR_OK only) */
    int (*end)(void *ctx, int rc, const rr_run_result *out, size_t n,
               char *err, size_t errlen);
    int (*serve)(void *ctx, rr_items *it);
};

/* rr_slice - the items [*first, *first + *count) of shard i (0-based) of
 * n over total items: as even as can be, in order. */
void rr_slice(uint64_t total, uint64_t i, uint64_t n, uint64_t *first,
              uint64_t *count);

/* Manager side; thread-safe. */
/* rr_work_take - the next item not yet handed out (point, replication);
 * false when there is none left or the batch failed or was stopped. */
bool rr_work_take(rr_work *w, uint64_t *point, uint64_t *rep);
/* rr_work_put - the encoded result of an item handed out; RR_EPARSE with
 * a message when the bytes are not a result of that item's layout, or the
 * item is not one of this batch or already in (the batch is then
 * failed). */
int rr_work_put(rr_work *w, uint64_t point, uint64_t rep, const void *buf,
                size_t len, char *err, size_t errlen);
/* rr_work_fail - the item failed elsewhere with rc and msg (RR_EINTR: it
 * was stopped); the lowest item failing is the one reported. */
void rr_work_fail(rr_work *w, uint64_t point, uint64_t rep, int rc,
                  const char *msg);
/* rr_work_over - every item is in, or the batch failed or was stopped. */
bool rr_work_over(rr_work *w);
/* rr_work_points, rr_work_plan, rr_work_reps - the plans of the batch and
 * the replications of each (for checks). */
size_t rr_work_points(const rr_work *w);
uint64_t rr_work_reps(const rr_work *w);
const rr_plan *rr_work_plan(const rr_work *w, size_t point);

/* Worker side. */
int rr_items_threads(const rr_items *it);
size_t rr_items_points(const rr_items *it);
const rr_plan *rr_items_plan(const rr_items *it, size_t point);
uint64_t rr_items_reps(const rr_items *it);
/* rr_items_run - item (point, rep) run and encoded into *buf (malloc'd,
 * *len bytes; the caller frees it); halt stops it with RR_EINTR.  The
 * status of rr_model_run, with its message in err. Thread-safe. */
int rr_items_run(rr_items *it, uint64_t point, uint64_t rep,
                 atomic_int *halt, void **buf, size_t *len, char *err,
                 size_t errlen);

/* rr_items_put - the manager's result of item (point, rep), as
 * rr_item_encode gave it, into the results rr_run_many returns here;
 * RR_EINVAL / RR_EPARSE / RR_ENOMEM with a message. */
int rr_items_put(rr_items *it, uint64_t point, uint64_t rep, const void *buf,
                 size_t len, char *err, size_t errlen);

/* rr_item_encode - a replication's result as bytes (malloc'd; NULL when
 * out of memory, or for a result whose rows went to a spill): the format
 * of rr-item(5) in docs/man/rrsim-results.5, little-endian, every double
 * by its bit pattern.  rr_item_decode refuses a result with a spill. */
void *rr_item_encode(const rr_rep_result *r, size_t *len);
/* rr_item_decode - bytes of rr_item_encode into r (initialised for the
 * layout the bytes must match); RR_EPARSE with what is wrong. */
int rr_item_decode(const void *buf, size_t len, rr_rep_result *r, char *err,
                   size_t errlen);

/* Across replications: the 95% CI of a KPI, of a metric in a period, and of
 * the paired difference b - a of a KPI (same replication count).  (With
 * a spill, rr_run_metric_ci reads a row of every replication back from
 * it: a writer of every period reads each period once instead, with
 * rr_rep_period, and computes rr_ci95 over what it gathered.)  For a
 * result of rr_run they allocate nothing: they gather into its scratch, so
 * two threads may not ask the same result at once.  (A result built by
 * hand, with scratch NULL, gets a buffer per call; all NAN if that fails.) */
rr_ci rr_run_kpi_ci(const rr_run_result *r, size_t kpi);
rr_ci rr_run_metric_ci(const rr_run_result *r, size_t period, size_t metric);
rr_ci rr_run_kpi_diff_ci(const rr_run_result *a, const rr_run_result *b,
                         size_t kpi);

/* ---- replications to a target precision (precision.c) ------------------- */

/*
 * `--precision 1%` asks for enough replications that the 95% confidence
 * interval of each chosen indicator (a KPI of summary.csv) is at most 1% of
 * its mean on either side: half-width / |mean| <= target, the half-width
 * being Student-t's, t(0.975, n-1) * sd / sqrt(n), as everywhere in rrsim.
 * For a comparison the indicator is the paired difference policy -
 * baseline; for a sweep, every design point must meet the target.
 *
 * Replications are added in batches.  The first is the scenario's
 * replications (or --reps), at least 2 and at most max_reps.  After each
 * batch every indicator's interval is computed from all replications so
 * far; if each meets the target, or max_reps are done, it stops.
 * Otherwise the next batch is what the interval predicts is still needed
 * -- the smallest m with t(0.975, m-1) * sd / sqrt(m) <= target * |mean|,
 * minus the n done, for the indicator furthest off -- but at least a
 * twentieth of n (rounded up: few batches, at most 5% beyond what was
 * needed) and at most n (so a poor early estimate of sd costs at most a
 * doubling), and never past max_reps.  Replication i always draws the
 * streams of (seed, point, i) and the decision is taken only between
 * batches from all replications so far, so the count and every result are
 * the same whatever the number of threads, and the same as a run of that
 * many replications in one batch.
 *
 * Stopping as soon as the interval is narrow enough makes it a little less
 * reliable than a fixed count would (the stop tends to come where sd was
 * estimated low); with a first batch of 10 or more the effect is small.
 *
 * An indicator whose mean is 0 has no relative precision.  One that is 0
 * in every replication (and sd 0: nothing varies), or has no value in any
 * (a share of nothing), cannot meet the target however many replications
 * are added: named by the caller, it stops the procedure at that batch
 * (RR_PRECISION_ZERO); in the default set (`defaults`), it is left out of
 * the criterion, since a scenario need not have every kind of departure.
 * A mean of exactly 0 with values that vary (a paired difference that
 * cancels out) is simply not met yet: more replications may move it.
 */

#define RR_PRECISION_MAX_NAMES 32        /* indicators */
#define RR_PRECISION_DEFAULT_MAX_REPS 1000 /* default of max_reps */
#define RR_PRECISION_NAMES_LEN 1024      /* bytes of the list of names */

typedef enum rr_precision_of {
    RR_PRECISION_MEANS, /* each plan's mean (run, sweep) */
    RR_PRECISION_DIFF   /* plan 1 - plan 0, paired (compare) */
} rr_precision_of;

typedef enum rr_precision_stop {
    RR_PRECISION_REACHED,  /* every indicator met the target */
    RR_PRECISION_AT_MAX,   /* max_reps done, some did not */
    RR_PRECISION_ZERO      /* a named indicator was 0 (or had no value) in
                              every replication */
} rr_precision_stop;

/* What an indicator came to after the last batch. */
typedef enum rr_precision_state {
    RR_PRECISION_MET,     /* half-width / |mean| <= target */
    RR_PRECISION_ABOVE,   /* not (yet) */
    RR_PRECISION_ZEROS,   /* 0 in every replication */
    RR_PRECISION_NONE     /* no value in any replication */
} rr_precision_state;

struct rr_precision {
    /* asked, by the caller (rr_precision_init sets the defaults) */
    double target;                      /* 0 < target < 1 */
    size_t max_reps;                    /* >= 2 */
    rr_precision_of of;
    bool defaults;                      /* names are the default set */
    size_t n_names;
    /* KPI names: into text (so a copy of the struct made after
     * rr_precision_set_names reads the original's), or the registry's */
    const char *names[RR_PRECISION_MAX_NAMES];
    char text[RR_PRECISION_NAMES_LEN];
    /* found, by rr_precision_run */
    size_t points;                      /* the points the names were
                                           judged at: plans, or 1 */
    size_t reps;                        /* replications done */
    size_t batches;
    rr_precision_stop stop;
    rr_precision_state state[RR_PRECISION_MAX_NAMES];
    /* per name: half-width / |mean|, the largest over the points; NAN
     * for ZEROS and NONE, INFINITY for a mean of 0 that varies */
    double reached[RR_PRECISION_MAX_NAMES];
    size_t point[RR_PRECISION_MAX_NAMES];     /* the point of reached */
    double worst;                       /* largest reached among the
                                           indicators counted; NAN if none */
};

/* rr_precision_init - off (target 0) with the default indicators
 * (departures_verified, departures_unsupervised; `defaults` set), max_reps
 * RR_PRECISION_DEFAULT_MAX_REPS, means. */
void rr_precision_init(rr_precision *p);

/* rr_precision_parse_target - "1%" or "0.01" into *target: a number more
 * than 0 and less than 1 (a per cent sign divides by 100).  false for
 * anything else ("0%", "-1", "abc", "150%", "1", "nan"). */
bool rr_precision_parse_target(const char *s, double *target);

/* rr_precision_set_names - the indicators of a comma-separated list
 * ("departures_verified,arrivals"; blanks around a name are ignored),
 * copied; clears `defaults`.  RR_EINVAL with a message for an empty list
 * or name, a name given twice, more than RR_PRECISION_MAX_NAMES names or a
 * list longer than RR_PRECISION_NAMES_LEN - 1 bytes; p is then unchanged.  The names themselves are
 * checked against a scenario by rr_precision_check. */
int rr_precision_set_names(rr_precision *p, const char *list, char *err,
                           size_t errlen);

/* rr_precision_check - whether every name is a KPI of each of the n plans
 * (paths[i] names plan i in messages; a family member such as
 * caseload_rds needs that stage).  RR_OK; RR_ENOMEM; RR_EINVAL with
 * "'NAME': ..." in err: an indicator reported per period only, or none of
 * that name (with the nearest KPI of the plan). */
int rr_precision_check(const rr_precision *p, const rr_plan *const *plans,
                       const char *const *paths, size_t n, char *err,
                       size_t errlen);

/* The replications rr_precision_run draws on: run adds replications
 * [from, from + count) (RR_OK or a failure, which ends the procedure);
 * ci gives the 95% CI over the replications so far of names[k] at point
 * (0 <= point < points). */
typedef struct rr_precision_src {
    void *ctx;
    size_t points;
    int (*run)(void *ctx, size_t from, size_t count);
    rr_ci (*ci)(void *ctx, size_t k, size_t point);
} rr_precision_src;

/* rr_precision_run - the sequential procedure above, first batch `first`
 * (brought into [2, max_reps]); fills the found part of p.  RR_OK (however
 * it stopped: see p->stop) or the failure of src->run.  rr_run_many calls
 * it with opts->precision; tests may give a source of their own. */
int rr_precision_run(rr_precision *p, size_t first,
                     const rr_precision_src *src);

/* rr_precision_percent - a relative half-width in per cent for the
 * terminal ("0.71%", "12%", "n/a"); returns buf. */
const char *rr_precision_percent(double x, char *buf, size_t len);

/* rr_precision_describe - the outcome in a sentence for the terminal,
 * without a newline: "precision 1% reached after 60 replications:
 * departures_verified ±0.71%, ...", or "... not reached after 1000
 * replications (--max-reps): ...", or "... cannot be reached: ...".
 * point_name (may be NULL) names a design point in words for a sweep.
 * Returns buf (cut to len - 1 bytes). */
const char *rr_precision_describe(const rr_precision *p,
                                  void (*point_name)(void *ctx, size_t point,
                                                     char *buf, size_t len),
                                  void *ctx, char *buf, size_t len);

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
