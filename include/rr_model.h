/*
 * rr_model.h - the return-and-reintegration case-flow model: one
 * replication of a scenario plan on the event engine.
 *
 * The model builds a station network from the plan's first configuration
 * (stages -> stations, countries -> entity classes, exits departed /
 * unsupervised / closed), starts it with the starting caseload, and then
 * switches configuration at each epoch time (policy events) and arrival
 * rate at each schedule date.  Around the network it keeps what is
 * specific to the domain: channels, departures by kind, the reintegration
 * provider chosen at departure (first provider serving the case's channel
 * on that date and covering its country), the outcome after the support
 * period, and re-migration of a share of not-sustainable outcomes back into
 * the arrivals.
 *
 * It reports into an rr_rep_result: one row of metrics per reporting period,
 * one value per KPI, and the stage and country tables (below).  It prints
 * nothing and writes no file.
 *
 * Accounting identity, at every period end:
 *   caseload_start + cumulative arrivals = cumulative departures (all six
 *   kinds) + caseload_total
 * (re-migrants count as arrivals; cases in reintegration have departed).
 */
#ifndef RR_MODEL_H
#define RR_MODEL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_scenario.h"

/* Reporting periods of a plan: bounds[0] = 0 < bounds[1] < ... <
 * bounds[n] = horizon (days since start), cut at calendar boundaries of the
 * report period (weeks start on Monday). */
typedef struct rr_periods {
    size_t n;
    double *bounds;  /* n + 1 */
} rr_periods;

int rr_periods_make(const rr_config *cfg, rr_periods *out);
/* rr_periods_years - the same cut at 1 January of each year, whatever
 * the report period: the rows of the country table. */
int rr_periods_years(const rr_config *cfg, rr_periods *out);
void rr_periods_fini(rr_periods *p);

/* ---- the stage and country tables ----------------------------------------
 *
 * Besides its metrics a replication reports two tables:
 *
 *   stages     per reporting period and stage, the measures below: how
 *              many entered and left, how busy the servers were, how many
 *              waited and how long;
 *   countries  per calendar year and country of origin: the caseload at
 *              the year's start, arrivals, departures by kind, the
 *              caseload at its end, returnees by reintegration provider.
 *
 * Both are filled from accumulators per period (the network's running
 * statistics of each station, read at each period end, and counters per
 * year and country): nothing is kept per case, and nothing draws a random
 * number, so the metrics are the same with the tables as without.
 *
 * Periods are (bound[k-1], bound[k]] as for the metrics; a stage's time
 * averages are over the period, its means over the cases that ended a
 * wait (service started) or a stay (left the stage) in the period.  The
 * starting caseload is at its stages before the first period: it does
 * not enter them, and its waits and stays count from the run's start.
 */

/* The measures of a stage, in the order of stages.csv. */
typedef enum rr_stage_measure_id {
    RR_SM_ENTERED,        /* entered the stage */
    RR_SM_COMPLETIONS,    /* services completed (a repeat round too) */
    RR_SM_ABSCONDED,      /* left by the absconding hazard */
    RR_SM_MAX_STAY,       /* left when the maximum stay was reached */
    RR_SM_LEFT,           /* left the stage, every way out */
    RR_SM_SERVERS,        /* servers in force, time average; NAN while
                             unlimited */
    RR_SM_UTILISATION,    /* busy server-time / server-time in force */
    RR_SM_IN_SERVICE,     /* number in service, time average */
    RR_SM_WAITING,        /* number waiting, time average */
    RR_SM_PRESENT,        /* number at the stage, time average */
    RR_SM_WAIT,           /* mean wait of services started */
    RR_SM_TIME_IN_STAGE,  /* mean stay of the cases that left */
    RR_SM_COUNT
} rr_stage_measure_id;

/* A measure of the stage table: its name (the word in stages.csv), unit
 * ("persons", "servers", "share", "days"), words for charts, and meaning
 * (docs/outputs.md says the same). */
typedef struct rr_stage_measure {
    const char *name;
    const char *unit;
    const char *label;
    const char *desc;
} rr_stage_measure;

extern const rr_stage_measure rr_stage_measures[RR_SM_COUNT];

/* The fixed measures of a country, in the order of countries.csv; after
 * them one per reintegration provider (reintegration_PROVIDER, in file
 * order) and reintegration_none.  Names and units are the indicator
 * registry's.  For every row, caseload_start + arrivals = departures of
 * the six kinds + caseload_end. */
enum {
    RR_CM_CASELOAD_START,     /* caseload at the year's start (the run's
                                 start for the first) */
    RR_CM_ARRIVALS,           /* entered the caseload, re-migrants too */
    RR_CM_ARRIVALS_REMIGRATION,
    RR_CM_DEP0,               /* RR_DEP_COUNT departure kinds */
    RR_CM_CASELOAD_END = RR_CM_DEP0 + RR_DEP_COUNT,
    RR_CM_FIXED               /* then the providers, then none */
};

/* The metrics and KPIs of a plan, by name, with their units: the order
 * and words of the indicator registry (rr_indicator.h: rr_indicator_metrics[],
 * rr_indicator_kpis[]), a family giving one per stage or provider.  Owned
 * by the rr_layout; free with rr_layout_fini. */
typedef struct rr_layout {
    size_t n_metrics;
    char **metric;        /* names, e.g. "arrivals", "caseload_rds" */
    const char **metric_unit; /* the registry's unit names */
    size_t n_kpis;
    char **kpi;           /* names, e.g. "departures_forced" */
    const char **kpi_unit;/* the registry's unit names (persons, days, ...) */
    rr_periods periods;
    /* the stage table: per period, stage and rr_stage_measures[] */
    size_t n_stages;
    /* the country table: per year, country and measure (RR_CM_*, then
     * providers) */
    rr_periods years;
    size_t n_countries;
    size_t n_cmeasures;
    char **cmeasure;      /* names, e.g. "departures_forced" */
    const char **cmeasure_unit;
} rr_layout;

/* rr_layout_check - the layout of plan into *out.  RR_OK; RR_ENOMEM; or
 * RR_EINVAL, with the message in err, when a stage or provider would be
 * reported under the name of another indicator (a stage `total` makes a
 * second caseload_total).  rr_layout_make: the same without a message. */
int rr_layout_check(const rr_plan *plan, rr_layout *out, char *err,
                    size_t errlen);
int rr_layout_make(const rr_plan *plan, rr_layout *out);
void rr_layout_fini(rr_layout *l);

/* A finished case, for --trace (times in days since start; NAN = never). */
typedef struct rr_case_record {
    uint32_t id;
    uint32_t country;
    int vulnerable;
    int origin;          /* 0 arrival, 1 starting caseload, 2 re-migration */
    double t_entry;      /* entered the caseload (negative: before start) */
    double t_channel;    /* entered its last channel (not rds) */
    int channel;         /* rr_channel at the end */
    int departure;       /* rr_departure, or -1 still in the caseload */
    double t_departure;
    int provider;        /* index into cfg->providers, -1 none */
    int outcome;         /* 1 sustainable, 0 not, -1 not decided in run */
    double t_outcome;
    int remigrates;      /* 1 if it comes back as a new arrival */
    uint32_t last_stage; /* where it was at the end, if still present */
} rr_case_record;

typedef void rr_case_fn(void *ctx, const rr_case_record *r);

/* A replication's rows kept out of memory (spill.c): the periods' metrics
 * and stage measures, and the years' country measures, of every
 * replication of a run, in one file (created in a folder and unlinked at
 * once, so that it leaves no name behind, whatever happens to the
 * process).  Replication i owns a block of its own at a fixed offset, so
 * threads write their rows without a lock, as they are produced; the
 * model then holds only the row of the period and of the year running,
 * and a run's memory does not grow with its horizon.  Rows read back are
 * the same doubles, bit for bit. */
typedef struct rr_spill rr_spill;

/* rr_spill_create - an empty store for replications of layout l, in the
 * folder dir.  RR_OK; RR_ENOMEM; RR_EIO with "cannot write 'DIR': ..." */
int rr_spill_create(rr_spill **out, const char *dir, const rr_layout *l,
                    char *err, size_t errlen);
void rr_spill_destroy(rr_spill *s);

typedef struct rr_rep_result {
    size_t n_periods, n_metrics, n_kpis;
    double *values;      /* n_periods * n_metrics, row per period; with a
                            spill, one row: the period running */
    double *kpi;         /* n_kpis; NAN where undefined */
    uint64_t events;     /* calendar events processed */
    size_t n_stages, n_years, n_countries, n_cmeasures;
    double *stages;      /* n_periods * n_stages * RR_SM_COUNT; NAN where
                            undefined (rr_rep_stage); with a spill, the
                            period running */
    double *countries;   /* n_years * n_countries * n_cmeasures
                            (rr_rep_country); with a spill, the year
                            running */
    rr_spill *spill;     /* not owned; NULL: every row in memory */
    size_t slot;         /* the replication's block in spill */
    double *pending;     /* with a spill, while the replication runs:
                            period rows done, not yet written (up to
                            RR_SPILL_CHUNK bytes) */
    size_t n_pending, first_pending;
} rr_rep_result;

/* What a replication gathers before a write to its spill, and a reader
 * of the rows reads at once: a few system calls per thousand rows. */
#define RR_SPILL_CHUNK (64u << 10)

/* rr_rep_result_init - every row in memory; rr_rep_result_init_spill -
 * with its rows going to block `slot` of spill as they are done (spill
 * NULL: as rr_rep_result_init). */
int rr_rep_result_init(rr_rep_result *r, const rr_layout *l);
int rr_rep_result_init_spill(rr_rep_result *r, const rr_layout *l,
                             rr_spill *spill, size_t slot);
void rr_rep_result_fini(rr_rep_result *r);

/* rr_rep_row - the metrics of period k, while it is being filled (with a
 * spill: the row running, whatever k). */
static inline double *rr_rep_row(const rr_rep_result *r, size_t k)
{
    return r->values + (r->spill ? 0 : k) * r->n_metrics;
}

/* rr_rep_stage - the RR_SM_COUNT measures of stage s in period k (with a
 * spill: of the period running). */
static inline double *rr_rep_stage(const rr_rep_result *r, size_t k,
                                   size_t s)
{
    return r->stages + ((r->spill ? 0 : k) * r->n_stages + s) * RR_SM_COUNT;
}

/* rr_rep_country - the n_cmeasures measures of country c in year y (with
 * a spill: of the year running). */
static inline double *rr_rep_country(const rr_rep_result *r, size_t y,
                                     size_t c)
{
    return r->countries +
           ((r->spill ? 0 : y) * r->n_countries + c) * r->n_cmeasures;
}

/* rr_rep_period_done, rr_rep_year_done - period k's rows (metrics and
 * stages), year y's (countries) are final: with a spill they are written
 * to it (the periods' gathered up to RR_SPILL_CHUNK bytes, the last
 * period's written with them) and the row running is cleared for the
 * next.  Periods are done in order.  RR_OK, or RR_EIO / RR_ENOMEM with
 * errno set.  No-ops without a spill. */
int rr_rep_period_done(rr_rep_result *r, size_t k);
int rr_rep_year_done(rr_rep_result *r, size_t y);
/* rr_spill_failed - the message of their failure rc (errno as they left
 * it): "cannot write 'DIR': reason", or out of memory. */
void rr_spill_failed(const rr_rep_result *r, int rc, char *err,
                     size_t errlen);

/* Reading a finished replication's rows, wherever they are.
 * rr_rep_period - period k: *values (n_metrics) and *stages (n_stages x
 * RR_SM_COUNT) point into r, or into buf (rr_rep_period_len(r) doubles)
 * where they are read back from the spill.  rr_rep_year - year y's
 * country measures (n_countries x n_cmeasures; buf: rr_rep_year_len(r)).
 * RR_OK, or RR_EIO with errno set. */
size_t rr_rep_period_len(const rr_rep_result *r);
size_t rr_rep_year_len(const rr_rep_result *r);
int rr_rep_period(const rr_rep_result *r, size_t k, double *buf,
                  const double **values, const double **stages);
int rr_rep_year(const rr_rep_result *r, size_t y, double *buf,
                const double **countries);

/* rr_rows - a replication's period rows (each rr_rep_period_len doubles:
 * the metrics, then the stage measures) or year rows (rr_rep_year_len
 * doubles), read `cap` rows at a time (one read of the spill).
 * rr_rows_open: RR_OK or RR_ENOMEM.  rr_rows_get: row k, valid until the
 * next call, or NULL with errno set when it cannot be read back.  A
 * result in memory is read the same way (its rows copied). */
typedef struct rr_rows {
    const rr_rep_result *r;
    int years;               /* 0 periods, 1 years */
    size_t len, cap, first, n;
    double *buf;             /* cap * len */
} rr_rows;

int rr_rows_open(rr_rows *w, const rr_rep_result *r, int years, size_t cap);
const double *rr_rows_get(rr_rows *w, size_t k);
void rr_rows_close(rr_rows *w);
/* rr_rows_cap - the rows to read at once so that `readers` readers of
 * rows of len doubles hold about RR_SPILL_CHUNK x 4 bytes; at least 1. */
size_t rr_rows_cap(size_t readers, size_t len);

/* Limits of one replication.  A huge arrival rate, or cases that never
 * leave, would otherwise grow memory until the system kills the process.
 * With the default, a replication holds at most ten million cases in the
 * system and RR_EVENTS_PER_CASE times as many pending events (a case in the
 * network waits for at most three: completion, patience, maximum stay; a
 * departed case for one, its outcome).  A case waiting in a queue takes
 * about 120 bytes (ten million: 1.2 GB, measured), one with three events
 * pending about 350, a departed case awaiting its outcome about 150; a
 * replication per thread runs at once.  --max-cases may raise the limit
 * to RR_MAX_CASES_LIMIT. */
#define RR_MAX_CASES_DEFAULT 10000000u
#define RR_MAX_CASES_LIMIT 250000000u /* x 4 events: within the calendar */
#define RR_EVENTS_PER_CASE 4u

/* Events a replication runs between two looks at its stop flags and
 * limits: well under a millisecond of work. */
#define RR_MODEL_SLICE 4096u

/* A simulation whose clock advances this little is stuck (a route cycle
 * through stages that take almost no time, a rate far too high): more than
 * RR_MAX_EVENTS_PER_DAY events per simulated day over RR_STALL_EVENTS
 * events (some seconds of work), or over a sixteenth of that when the
 * clock has not moved at all.  A burst of work is allowed besides: four
 * events per case and stage, for many cases passing stages of no duration
 * at one time.  At ten million events a second, a day of a model beyond
 * the limit would take more than a minute and a year of it half a day. */
#define RR_MAX_EVENTS_PER_DAY 1e9
#define RR_STALL_EVENTS (1u << 26)

/* What a replication looks at while it runs (every RR_MODEL_SLICE events
 * and at every period end).  NULL or zeroed fields: defaults. */
typedef struct rr_model_ctl {
    atomic_int *stop;    /* non-zero: stop with RR_EINTR (a signal) */
    atomic_int *halt;    /* non-zero: the same (another replication of the
                            same run failed) */
    uint64_t max_cases;  /* cases in the system at once, 0 = default */
    uint64_t stall_events; /* 0 = RR_STALL_EVENTS (tests use less) */
} rr_model_ctl;

/* rr_model_run - run replication `rep` of design point `point` (streams
 * from rr_rng_create(seed, point, rep, ...)) into *out, which must have
 * been initialised for the plan's layout.  on_case (may be NULL) sees every
 * case when it finishes (outcome decided, or still open at the end).  ctl
 * may be NULL.  Returns RR_OK; RR_EINTR when a stop flag became non-zero;
 * or, with a message in err: RR_ENOMEM (out of memory), RR_ERANGE (a limit
 * was passed: cases in the system, pending events, events per simulated
 * day; the message names the stages concerned), RR_EINVAL (the network
 * could not be built, a drawn duration was not a number, or the arrival
 * rate times the schedule's factor was not a finite number), RR_EIO (out
 * has a spill that could not take a row: "cannot write 'DIR': ..."). */
int rr_model_run(const rr_plan *plan, const rr_layout *layout,
                 uint64_t seed, uint64_t point, uint64_t rep,
                 rr_rep_result *out, rr_case_fn *on_case, void *case_ctx,
                 const rr_model_ctl *ctl, char *err, size_t errlen);

#endif
