/*
 * rr_output.h - the results folder and its files.
 *
 * A results folder is built in a temporary folder beside its target
 * (".NAME.tmp-PID", hidden) and renamed into place only when everything in
 * it has been written and closed without error: an interrupted or failed
 * run leaves no results folder.  An existing target is refused unless
 * `force` is set, in which case it is replaced only at the final rename.
 * A run killed outright (SIGKILL) cannot clean up after itself; the next
 * rr_outdir_begin in the same parent folder removes temporary folders whose
 * process is gone.
 *
 * CSV files are tidy and header-first, written with libcsv's quoting;
 * numbers use %.10g, missing values are written "NA".  docs/outputs.md
 * documents every column of every file.
 *
 * Nothing here prints: every failure comes back as a status with one
 * message in err ("cannot write 'PATH': reason").
 */
#ifndef RR_OUTPUT_H
#define RR_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rr_experiment.h"
#include "rr_scenario.h"

/* ---- the folder -------------------------------------------------------- */

typedef struct rr_outdir {
    char *target;   /* the folder asked for */
    char *tmp;      /* where files are written until commit */
    bool force;
} rr_outdir;

/* rr_outdir_default - "output/NAME/YYYYMMDDTHHMMSSZ" (UTC now) into buf;
 * "-2", "-3", ... is added when that folder exists already. */
void rr_outdir_default(const char *name, char *buf, size_t n);

/* rr_outdir_begin - remove stale temporary folders of dead processes in
 * the target's parent folder, then create the temporary folder (and the
 * target's parent folders).  RR_EIO with a message when the target exists
 * without force, or a folder cannot be made.  On success the caller ends
 * with rr_outdir_commit or rr_outdir_abort. */
int rr_outdir_begin(rr_outdir *d, const char *target, bool force, char *err,
                    size_t errlen);
/* rr_outdir_path - TMP/NAME into buf; returns buf. */
const char *rr_outdir_path(const rr_outdir *d, const char *name, char *buf,
                           size_t n);
/* rr_outdir_commit - rename into place (replacing the target when forced).
 * On failure the temporary folder is still there: call rr_outdir_abort. */
int rr_outdir_commit(rr_outdir *d, char *err, size_t errlen);
/* rr_outdir_abort - remove the temporary folder and all in it. */
void rr_outdir_abort(rr_outdir *d);
/* rr_remove_tree - remove a folder and everything in it (best effort). */
void rr_remove_tree(const char *path);
/* rr_remove_stale - remove "PARENT/.NAME.tmp-PID" and "PARENT/.NAME.old-PID"
 * folders whose process PID no longer exists; returns how many. */
int rr_remove_stale(const char *parent);

/* ---- CSV files of a run ---------------------------------------------------- */

/* Writers: each returns RR_OK or RR_EIO with "cannot write 'PATH': ...". */

/* timeseries.csv: scenario,replication,period_start,period_end,metric,value */
int rr_write_timeseries(const char *path, const rr_run_result *r,
                        char *err, size_t errlen);
/* timeseries_summary.csv: scenario,period_start,period_end,metric,mean,
 * ci95_low,ci95_high,replications */
int rr_write_timeseries_summary(const char *path, const rr_run_result *r,
                                char *err, size_t errlen);
/* summary.csv: scenario,kpi,unit,mean,sd,ci95_low,ci95_high,replications */
int rr_write_summary(const char *path, const rr_run_result *r, char *err,
                     size_t errlen);
/* events.csv: scenario,name,label,from,until (dates; until NA when the
 * change is permanent) - the dated policy events, for charts. */
int rr_write_events(const char *path, const rr_plan *plan, char *err,
                    size_t errlen);
/* run.csv: one row describing the run - scenario,title,source,start,end,
 * report,warmup_days,replications,seed,version.  Nothing in it depends on
 * the command line or the clock, so reruns give the same bytes. */
int rr_write_run_info(const char *path, const rr_run_result *r,
                      const char *version, uint64_t seed, char *err,
                      size_t errlen);

/* ---- cases.csv (--trace) ------------------------------------------------- */

/*
 * A trace collects one row per case through rr_model_run's case hook, with
 * one context per replication (rr_trace_contexts, for rr_run_opts.case_ctx
 * with rr_trace_case as on_case).  Each replication writes to its own
 * hidden part file in the temporary folder; rr_trace_finish concatenates
 * them in replication order, so cases.csv is the same whatever the number
 * of threads.  It also writes time_to_departure.csv, the distribution of
 * time from entry to verified departure per period of departure, pooled
 * over replications.
 */
typedef struct rr_trace rr_trace;

/* rr_trace_create - for `reps` replications of plan, part files in
 * folder.  Free with rr_trace_destroy. */
int rr_trace_create(const rr_plan *plan, const char *folder, size_t reps,
                    rr_trace **out, char *err, size_t errlen);
/* rr_trace_case - the rr_case_fn hook; ctx is a context of the trace. */
void rr_trace_case(void *ctx, const rr_case_record *r);
/* rr_trace_contexts - reps contexts, replication order; owned by t. */
void **rr_trace_contexts(rr_trace *t);
/* rr_trace_finish - write cases_path and ttd_path and remove the part
 * files.  RR_EIO / RR_ENOMEM with a message. */
int rr_trace_finish(rr_trace *t, const char *cases_path,
                    const char *ttd_path, char *err, size_t errlen);
/* rr_trace_destroy - free; removes part files left behind.  NULL is a
 * no-op. */
void rr_trace_destroy(rr_trace *t);

/* ---- scenario.resolved.ini and inputs/ ------------------------------------ */

/* What scenario.resolved.ini's manifest lines say besides the scenario's
 * content hash and seed. */
typedef struct rr_manifest {
    const char *version;
    const char *command;   /* the command line, or NULL */
    const char *created;   /* UTC time "YYYY-MM-DDTHH:MM:SSZ", or NULL */
} rr_manifest;

/*
 * rr_write_resolved - copy every table the scenario read into
 * FOLDER/inputs/ and write FOLDER/scenario.resolved.ini: a scenario file
 * that runs the same model with every setting flattened (${...}
 * substituted, except where an event changes the parameter; defaults
 * written out; table paths pointing into inputs/), parameters with their
 * source notes, and "; manifest: key = value" comment lines at the top.
 * Lines longer than the reader's limit are continued on indented lines.
 * sc must have been planned.
 */
int rr_write_resolved(const char *folder, rr_scenario *sc,
                      const rr_manifest *m, char *err, size_t errlen);

/* ---- terminal -------------------------------------------------------------- */

/* rr_print_kpis - the KPI table for a terminal. */
void rr_print_kpis(FILE *f, const rr_run_result *r);

/* rr_period_dates - the start and end dates of period k ("YYYY-MM-DD",
 * end inclusive). */
void rr_period_dates(const rr_run_result *r, size_t k, char *start,
                     char *end, size_t n);

/* rr_out_open - fopen for writing; NULL with "cannot write 'PATH': ..." in
 * err.  rr_out_close - fclose, RR_EIO with the same message when anything
 * written to f failed (ferror) or closing did; RR_OK otherwise. */
FILE *rr_out_open(const char *path, const char *mode, char *err,
                  size_t errlen);
int rr_out_close(FILE *f, const char *path, char *err, size_t errlen);

/* rr_csv_field - write one field quoted as needed (libcsv csv_fwrite). */
int rr_csv_field(FILE *f, const char *s);
/* rr_csv_ci - ",mean,sd,ci95_low,ci95_high,replications" of a CI (sd NA
 * with fewer than two replications), the tail of every KPI row. */
void rr_csv_ci(FILE *f, rr_ci ci);
/* rr_csv_number - %.10g, "NA" for NAN. */
int rr_csv_number(FILE *f, double x);

#endif
