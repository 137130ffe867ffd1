/*
 * rr_output.h - the results folder and its files.
 *
 * A results folder is built in a temporary folder beside its target
 * (".rrsim-NAME.tmp-PID", hidden) and renamed into place only when
 * everything in it has been written and closed without error: an
 * interrupted or failed run leaves no results folder.  Every results folder
 * carries a marker file, .rrsim-results, whose first line is
 * RR_OUTDIR_MARKER_LINE; only a real folder with that marker is ever
 * replaced (--force) or cleaned up.  Replacing keeps the old or the new
 * results at the target at every instant (an exchange of the two names;
 * where the file system cannot, the old folder is set aside as
 * ".rrsim-NAME.old-PID" and put back by the next run if the new one never
 * arrived).  A run killed outright (SIGKILL) cannot clean up after itself;
 * the next rr_outdir_begin in the same parent folder removes what it left,
 * with a note.  Trees are removed without following symbolic links and
 * without leaving their file system.
 *
 * CSV files are tidy and header-first, written with libcsv's quoting;
 * numbers use %.10g, missing values are written "NA".  docs/outputs.md
 * documents every column of every file.
 *
 * Nothing here prints: every failure comes back as a status with one
 * message in err ("cannot write 'PATH': reason"), and notes go to the
 * caller's rr_note_fn.
 */
#ifndef RR_OUTPUT_H
#define RR_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rr_compare.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_scenario.h"
#include "rr_sweep.h"

/* ---- the folder -------------------------------------------------------- */

/* The marker file of a results folder and its first line. */
#define RR_OUTDIR_MARKER ".rrsim-results"
#define RR_OUTDIR_MARKER_LINE "rrsim results folder"

/* Flags of rr_outdir_begin. */
enum {
    RR_OUTDIR_FORCE = 1 << 0,   /* replace an existing rrsim results folder */
    RR_OUTDIR_PARENTS = 1 << 1, /* create missing parent folders */
    RR_OUTDIR_CHARTS = 1 << 2   /* the target is the plots/ folder of a
                                   results folder: no marker of its own; an
                                   existing one is replaced (with FORCE) when
                                   the folder it is in has the marker */
};

/* rr_note_fn - receives a note for the user (one line, no newline), such as
 * a stale temporary folder that was removed. */
typedef void rr_note_fn(void *ctx, const char *msg);

typedef struct rr_outdir {
    char *target;      /* the folder asked for, trailing '/' removed */
    char *tmp;         /* where files are written until commit */
    bool force;
    /* internal */
    unsigned flags;
    int parent;        /* the target's parent folder, open */
    char *parent_path; /* as given, NULL when the target named none */
    char *name;        /* the target's last component */
    char *tmp_name;    /* ".rrsim-NAME.tmp-PID" */
    rr_note_fn *note;
    void *note_ctx;
} rr_outdir;

/* rr_outdir_default - "output/NAME/YYYYMMDDTHHMMSSZ" (UTC now) into buf;
 * "-2", "-3", ... is added when that folder exists already. */
void rr_outdir_default(const char *name, char *buf, size_t n);

/*
 * rr_outdir_begin - check the target and create the temporary folder with
 * its marker.  Before that, stale folders of dead processes in the
 * target's parent are removed (or, for a set-aside old folder whose
 * replacement never arrived, put back), each with a note through fn (may
 * be NULL).  Refused with RR_EINVAL and a message: an empty target, '.',
 * '..', a name starting with ".rrsim-", a missing parent folder (unless
 * RR_OUTDIR_PARENTS), an unwritable one, an existing target without
 * RR_OUTDIR_FORCE, and with it anything but an rrsim results folder (a
 * file, a symbolic link, a folder without the marker, a mount point).
 * RR_EIO / RR_ENOMEM for other failures.  On success the caller ends with
 * rr_outdir_commit or rr_outdir_abort.
 */
int rr_outdir_begin(rr_outdir *d, const char *target, unsigned flags,
                    rr_note_fn *fn, void *ctx, char *err, size_t errlen);
/* rr_outdir_path - TMP/NAME into buf; returns buf. */
const char *rr_outdir_path(const rr_outdir *d, const char *name, char *buf,
                           size_t n);
/* rr_outdir_commit - rename into place, replacing the target when forced
 * (checked again: still an rrsim results folder).  RR_EIO when the target
 * appeared meanwhile (another run) or the rename failed; the temporary
 * folder is still there then: call rr_outdir_abort.  An old folder that
 * cannot be removed completely after the replacement is a note. */
int rr_outdir_commit(rr_outdir *d, char *err, size_t errlen);
/* rr_outdir_abort - remove the temporary folder and all in it. */
void rr_outdir_abort(rr_outdir *d);
/* rr_outdir_is_results - path is a real folder holding the marker. */
bool rr_outdir_is_results(const char *path);
/* rr_remove_tree - remove path and, when it is a folder, everything in it,
 * never following a symbolic link (a link is removed itself) nor entering
 * another file system.  0, or -1 with errno of the first failure (what
 * could be removed is gone). */
int rr_remove_tree(const char *path);
/* rr_remove_stale - in the folder parent, remove (or put back) what runs
 * killed outright left: "PARENT/.rrsim-NAME.tmp-PID" and
 * "PARENT/.rrsim-NAME.old-PID" folders that hold the marker (or nothing),
 * whose process PID no longer exists; a note for each through fn (may be
 * NULL).  Returns how many. */
int rr_remove_stale(const char *parent, rr_note_fn *fn, void *ctx);

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
/* run.csv: one row describing each of the n runs r[] (in order: a
 * comparison has two, the baseline then the policy), all with the seed
 * used - scenario,title,source,start,end,report,warmup_days,replications,
 * seed,overrides,precision_target,precision_indicators,precision_reached,
 * precision_stop,version.  overrides lists the plan's overrides
 * ("iom_share=0.6; stage.iom.servers=200", in the order given), but for
 * the keys a sweep's design varies (varied, or NULL: sweep.csv has their
 * values point by point); the overrides are recorded in
 * scenario.resolved.ini too.  The precision columns are NA unless the
 * replications were chosen to a precision (r->precision).  Nothing in it
 * depends on the clock, so reruns give the same bytes. */
int rr_write_run_info(const char *path, const rr_run_result *r, size_t n,
                      const rr_design *varied, const char *version,
                      uint64_t seed, char *err, size_t errlen);

/* The stage and country tables (tables.c); see rr_model.h for what they
 * hold.  Long format like the time series:
 *   stages.csv: scenario,replication,period_start,period_end,stage,
 *     indicator,unit,value - per reporting period, stage and measure
 *     (rr_stage_measures[]);
 *   stages_summary.csv: scenario,period_start,period_end,stage,indicator,
 *     unit,mean,ci95_low,ci95_high,replications;
 *   countries.csv: scenario,replication,period_start,period_end,country,
 *     indicator,unit,value - per calendar year, country of origin and
 *     measure (the layout's cmeasure[]);
 *   countries_summary.csv: as stages_summary.csv with country. */
int rr_write_stages(const char *path, const rr_run_result *r, char *err,
                    size_t errlen);
int rr_write_stages_summary(const char *path, const rr_run_result *r,
                            char *err, size_t errlen);
int rr_write_countries(const char *path, const rr_run_result *r, char *err,
                       size_t errlen);
int rr_write_countries_summary(const char *path, const rr_run_result *r,
                               char *err, size_t errlen);

/* ---- CSV files and tables of the studies (study_csv.c) ------------------------ */

/* Writers (RR_EIO with "cannot write 'PATH': ..." on failure). */
int rr_write_sweep(const char *path, const rr_design *d,
                   const rr_run_result *r, char *err, size_t errlen);
/* sweep_chart.csv: role,name,label,unit - what the sweep's chart shows,
 * in words: a row per varied setting (role `setting`, in the order of
 * sweep.csv's columns; unit `share` when its values are shares, else NA)
 * and per indicator shown (role `indicator`, in the order drawn; unit
 * the registry's).  rrsim plot reads the labels from it, so a reader may
 * change them and redraw. */
int rr_write_sweep_chart(const char *path, const rr_design *d, char *err,
                         size_t errlen);

/* Terminal tables. */
/* rr_print_sweep - a row per design point: the settings' values and the
 * indicators shown (d->ind), mean ± 95% CI half-width, under headings in
 * words (the settings' labels, the indicators'); shares as percentages. */
void rr_print_sweep(FILE *f, const rr_design *d, const rr_run_result *r);

/* A comparison's files (compare_csv.c): compare.csv, the KPIs over the
 * window; compare_from.csv, from the policy's date; compare_years.csv and
 * compare_periods.csv, every indicator the periods give per calendar year
 * and per reporting period.  Columns in docs/outputs.md. */
int rr_write_compare(const char *path, const rr_comparison *c, char *err,
                     size_t errlen);
int rr_write_compare_from(const char *path, const rr_comparison *c,
                          char *err, size_t errlen);
int rr_write_compare_years(const char *path, const rr_comparison *c,
                           char *err, size_t errlen);
int rr_write_compare_periods(const char *path, const rr_comparison *c,
                             char *err, size_t errlen);
/* rr_print_compare - the comparison for a terminal: the totals, the
 * effects of the shown indicators from the policy's date, and per year. */
void rr_print_compare(FILE *f, const rr_comparison *c,
                      const char *const *shown, size_t n_shown);
/* rr_compare_from_text - why the effect from a date is measured from
 * it, in a sentence: "the scenarios first differ on 2021-01-01 (event
 * ngo_subsidy)", "the scenarios differ from the start (iom_share)", ... */
void rr_compare_from_text(const rr_comparison *c, char *buf, size_t n);
/* rr_compare_name - the baseline's (policy 0) or the policy's name. */
const char *rr_compare_name(const rr_comparison *c, int policy);

/* fit.csv and its table. */
int rr_write_fit(const char *path, const rr_fit *f, const rr_run_result *r,
                 char *err, size_t errlen);
void rr_print_fit(FILE *out, const rr_fit *f, const rr_run_result *r);


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

/* RR_MANIFEST_TIME - room for a manifest's "created" time. */
#define RR_MANIFEST_TIME 32

/* rr_manifest_now - m for this version and command (or NULL), created now
 * (UTC), the time written into created. */
void rr_manifest_now(rr_manifest *m, const char *command,
                     char created[RR_MANIFEST_TIME]);

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

/* A progress bar on stderr while replications run: "[#####.....] 12/20
 * replications  0:04 elapsed, about 0:03 left", redrawn at most ten times
 * a second.  rr_progress_start hooks it into opts (when show is true and
 * stderr is a terminal; otherwise it does nothing) for `total` items;
 * rr_progress_clear wipes the bar once the work is done. */
typedef struct rr_progress {
    double t0, last;
    bool shown;
} rr_progress;
void rr_progress_start(rr_progress *p, bool show, rr_run_opts *opts,
                       size_t total);
void rr_progress_clear(rr_progress *p);

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
/* rr_out_rows_failed - RR_EIO with "cannot write 'PATH': the rows of
 * replication N could not be read back: reason" (errno as the read of
 * rr_rows left it; rep from 0). */
int rr_out_rows_failed(const char *path, size_t rep, char *err,
                       size_t errlen);

/* rr_csv_field - write one field quoted as needed (libcsv csv_fwrite). */
int rr_csv_field(FILE *f, const char *s);
/* rr_csv_ci - ",mean,sd,ci95_low,ci95_high,replications" of a CI (sd NA
 * with fewer than two replications), the tail of every KPI row. */
void rr_csv_ci(FILE *f, rr_ci ci);
/* rr_csv_number - %.10g, "NA" for NAN (whole numbers written directly:
 * the same bytes, much cheaper). */
int rr_csv_number(FILE *f, double x);
/* rr_csv_keys - leading fields that many rows repeat (the scenario and
 * period of a block of rows, an indicator and its unit), each quoted as
 * rr_csv_field quotes it and followed by a comma, made once and written
 * with one call per row: the same bytes as writing them field by field.
 * rr_csv_keys_set replaces the text (RR_OK, or RR_ENOMEM with the old
 * text kept); rr_csv_keys_put writes it; rr_csv_keys_fini frees it.
 * Zeroed: empty. */
typedef struct rr_csv_keys {
    char *s;
    size_t len;
} rr_csv_keys;
int rr_csv_keys_set(rr_csv_keys *k, const char *const *fields, size_t n);
void rr_csv_keys_put(FILE *f, const rr_csv_keys *k);
void rr_csv_keys_fini(rr_csv_keys *k);
/* rr_csv_keys_new - n empty keys (NULL when out of memory);
 * rr_csv_keys_free - their texts and them (NULL: nothing). */
rr_csv_keys *rr_csv_keys_new(size_t n);
void rr_csv_keys_free(rr_csv_keys *k, size_t n);
/* rr_csv_interval - "mean,ci95_low,ci95_high,replications" of a CI, the
 * tail of a summary row. */
void rr_csv_interval(FILE *f, rr_ci ci);

#endif
