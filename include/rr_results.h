/*
 * rr_results.h - the results folder as one transaction, for every command.
 *
 *     rr_results_begin   check the target, make the temporary folder
 *     rr_results_write_* the CSV files (and scenario.resolved.ini) of a run,
 *                        sweep, comparison or fit into the temporary folder
 *     rr_results_draw    the charts into it (plots/)
 *     rr_results_commit  rename it into place
 *     rr_results_abort   remove it; after any failure
 *
 * begin happens before anything is simulated, so a bad target costs no
 * simulation time.  A stop flag (a signal) set at begin or commit gives
 * RR_EINTR; commit then removes the temporary folder itself, as it does
 * when the rename fails, so that no half-written folder is ever left.
 * Nothing here prints: failures come back as a status with one message.
 */
#ifndef RR_RESULTS_H
#define RR_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rr_calibrate.h"
#include "rr_compare.h"
#include "rr_experiment.h"
#include "rr_fit.h"
#include "rr_output.h"
#include "rr_plot.h"
#include "rr_scenario.h"
#include "rr_sensitivity.h"
#include "rr_sweep.h"
#include "rr_uncertainty.h"
#include "rr_validate.h"

typedef struct rr_results {
    rr_outdir dir;         /* dir.tmp: where the files go until commit */
    rr_plot_opts plot;     /* how the charts are drawn; its stop flag is
                              the transaction's */
    const char *charts_of; /* NULL: the charts of the folder written; else
                              the results folder whose charts are redrawn
                              (the target is then its plots/ folder) */
    bool open;             /* begun, neither committed nor aborted */
} rr_results;

/* rr_results_begin - rr_outdir_begin (flags RR_OUTDIR_*, notes through fn)
 * with the plotting options po (copied).  charts_of as in rr_results.
 * RR_EINTR when *po->stop is set already; RR_EINVAL for a refused target;
 * RR_EIO / RR_ENOMEM otherwise. */
int rr_results_begin(rr_results *t, const char *target, unsigned flags,
                     const rr_plot_opts *po, const char *charts_of,
                     rr_note_fn *fn, void *ctx, char *err, size_t errlen);

/* rr_results_draw - the charts: of the folder written into TMP/plots, or
 * of charts_of into TMP.  RR_OK without drawing for the format none or
 * when stopped; RR_ENOTFOUND without gnuplot; otherwise rr_plot_results'
 * status (a failure leaves no half set of charts: TMP/plots is removed). */
int rr_results_draw(rr_results *t, char *err, size_t errlen);

/* rr_results_commit - put the folder into place.  RR_EINTR when stopped,
 * or the commit's failure; in both cases the folder is aborted. */
int rr_results_commit(rr_results *t, char *err, size_t errlen);

/* rr_results_abort - remove the temporary folder (no-op when not open). */
void rr_results_abort(rr_results *t);

/* The files of each command; RR_OK or the first failure with a message.
 * run.csv has one row per result.  cmdline goes into the manifest of
 * scenario.resolved.ini; trace (may be NULL) writes cases.csv and
 * time_to_departure.csv. */
int rr_results_write_run(rr_results *t, const rr_run_result *r,
                         rr_scenario *sc, rr_trace *trace,
                         const char *cmdline, char *err, size_t errlen);
int rr_results_write_sweep(rr_results *t, const rr_design *d,
                           const rr_run_result *r, char *err, size_t errlen);
int rr_results_write_compare(rr_results *t, const rr_comparison *c,
                             char *err, size_t errlen);
int rr_results_write_fit(rr_results *t, const rr_fit *f,
                         const rr_run_result *r, char *err, size_t errlen);

/* ---- a calibration (calibrate_csv.c) ---------------------------------- */

/* rr_results_calibrate_check - before the search: calibrated.ini written
 * with the parameters at their starting values, read back (its base named
 * from the folder) and removed again.  RR_OK, or the reason it would not
 * read back (a base path the reader cannot take, a table named by a
 * --set path relative to the scenario), which is bad input. */
int rr_results_calibrate_check(rr_results *t, rr_calibration *c,
                               const char *scenario, char *err,
                               size_t errlen);

/* rr_results_write_calibrate - the files of a calibration: fit.csv (the
 * final fit f of run r), run.csv, calibrate.csv, calibrate_report.csv,
 * calibrated.ini (base: `scenario`, the file calibrated, by its path from
 * the folder) and scenario.resolved.ini with inputs/ (of sc, the
 * calibrated scenario as run).  calibrated.ini is then read back, and its
 * plan must hash as r's (RR_EIO otherwise). */
int rr_results_write_calibrate(rr_results *t, rr_calibration *c,
                               const rr_fit *f, const rr_run_result *r,
                               rr_scenario *sc, const char *scenario,
                               const char *cmdline, char *err,
                               size_t errlen);

/* rr_print_calibrate - the terminal's table: the search, the fitted values
 * with their sensitivity, then the fit (rr_print_fit). */
void rr_print_calibrate(FILE *out, const rr_calibration *c, const rr_fit *f,
                        const rr_run_result *r);

/* ---- an out-of-sample check (validate_csv.c) --------------------------- */

/* rr_results_write_validate - validate.csv (the rows of v, of run r) and
 * run.csv.  rr_print_validate - its table on the terminal. */
int rr_results_write_validate(rr_results *t, const rr_validation *v,
                              const rr_run_result *r, char *err,
                              size_t errlen);
void rr_print_validate(FILE *out, const rr_validation *v,
                       const rr_run_result *r);

/* rr_results_write_rolling - a rolling origin's validate.csv (with the
 * column origin), rolling_fits.csv (each origin's fitted values) and
 * run.csv (the last origin's calibrated run).
 * rr_print_rolling - its table on the terminal. */
int rr_results_write_rolling(rr_results *t, const rr_rolling *ro,
                             char *err, size_t errlen);
void rr_print_rolling(FILE *out, const rr_rolling *ro);

/* ---- an uncertainty study (uncertainty_csv.c) --------------------------- */

/* rr_results_write_uncertainty - samples.csv, uncertainty_parameters.csv,
 * uncertainty_summary.csv, uncertainty_ranking.csv,
 * uncertainty_timeseries.csv, in a comparison
 * uncertainty_effects.csv, then events.csv, run.csv (the first sample's
 * runs) and scenario.resolved.ini of the scenario with its ranges. */
int rr_results_write_uncertainty(rr_results *t, const rr_uncertainty *u,
                                 const char *cmdline, char *err,
                                 size_t errlen);
/* rr_print_uncertainty - the terminal's table: each shown KPI's median,
 * the interval of 90% of the samples and the noise left in a sample's
 * mean.  rr_print_uncertainty_effects - a comparison's: a line per KPI,
 * "+4.1% (+3.2% to +5.0% in 90% of plausible worlds ...)". */
void rr_print_uncertainty(FILE *out, const rr_uncertainty *u,
                          const char *const *shown, size_t n_shown);
void rr_print_uncertainty_effects(FILE *out, const rr_uncertainty *u,
                                  const char *const *shown, size_t n_shown);
/* rr_print_uncertainty_ranking - per indicator of ind[], the `top`
 * parameters that matter most (rr_uncertainty_rank), largest |rho| first:
 * "departures_verified  talk_interval -0.81, p_closed +0.32". */
void rr_print_uncertainty_ranking(FILE *out, const rr_uncertainty *u,
                                  const char *const *ind, size_t n_ind,
                                  size_t top);

/* ---- a sensitivity study (sensitivity_csv.c) -------------------------- */

/* rr_results_write_sensitivity - sensitivity.csv (each indicator's
 * indices, its parameters ranked by ST), sensitivity_samples.csv (every
 * evaluation's inputs and indicators) and run.csv (the scenario as planned
 * with the common overrides, base: its name, title and sources for the
 * charts; the replications of each evaluation and the events of all) of
 * the analysed study s.  rr_print_sensitivity - the ranking on the
 * terminal. */
int rr_results_write_sensitivity(rr_results *t, const rr_sensitivity *s,
                                 const rr_plan *base, char *err,
                                 size_t errlen);
void rr_print_sensitivity(FILE *out, const rr_sensitivity *s,
                          const char *scenario);

/* rr_relative_path - the path of the file to_file from the folder
 * from_dir (".." once per folder up from from_dir, then down to to_file),
 * both made absolute first (realpath: symbolic links resolved); the
 * absolute path when the two share no folder but the root.  RR_OK;
 * otherwise the status with "cannot find 'PATH': reason" or a path too
 * long for buf. */
int rr_relative_path(const char *from_dir, const char *to_file, char *buf,
                     size_t n, char *err, size_t errlen);

#endif
