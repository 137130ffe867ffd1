/*
 * rr_output.h - the results folder and its CSV files.
 *
 * A results folder is built in a temporary folder beside its target
 * (".NAME.tmp-PID") and renamed into place only when everything in it has
 * been written and closed without error: an interrupted or failed run
 * leaves no results folder.  An existing target is refused unless `force`
 * is set, in which case it is replaced only at the final rename.
 *
 * CSV files are tidy and header-first, written with libcsv's quoting;
 * numbers use %.10g, missing values are written "NA".
 */
#ifndef RR_OUTPUT_H
#define RR_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "rr_experiment.h"

typedef struct rr_outdir {
    char *target;   /* the folder asked for */
    char *tmp;      /* where files are written until commit */
    bool force;
} rr_outdir;

/* rr_outdir_default - "output/NAME/YYYYMMDDTHHMMSSZ" (UTC now) into buf. */
void rr_outdir_default(const char *name, char *buf, size_t n);

/* rr_outdir_begin - create the temporary folder (and the target's parent
 * folders).  RR_EIO with a message when the target exists without force,
 * or a folder cannot be made. */
int rr_outdir_begin(rr_outdir *d, const char *target, bool force, char *err,
                    size_t errlen);
/* rr_outdir_path - TMP/NAME into buf; returns buf. */
const char *rr_outdir_path(const rr_outdir *d, const char *name, char *buf,
                           size_t n);
/* rr_outdir_commit - rename into place. */
int rr_outdir_commit(rr_outdir *d, char *err, size_t errlen);
/* rr_outdir_abort - remove the temporary folder and all in it. */
void rr_outdir_abort(rr_outdir *d);
/* rr_remove_tree - remove a folder and everything in it (best effort). */
void rr_remove_tree(const char *path);

/* Writers: each returns RR_OK or RR_EIO with "cannot write 'PATH': ...". */
int rr_write_timeseries(const char *path, const rr_run_result *r,
                        char *err, size_t errlen);
int rr_write_timeseries_summary(const char *path, const rr_run_result *r,
                                char *err, size_t errlen);
int rr_write_summary(const char *path, const rr_run_result *r, char *err,
                     size_t errlen);

/* rr_print_kpis - the KPI table for a terminal. */
void rr_print_kpis(FILE *f, const rr_run_result *r);

/* rr_period_label - the start and end dates of period k ("YYYY-MM-DD",
 * end inclusive). */
void rr_period_dates(const rr_run_result *r, size_t k, char *start,
                     char *end, size_t n);

/* rr_csv_field - write one field quoted as needed (libcsv csv_fwrite). */
int rr_csv_field(FILE *f, const char *s);
/* rr_csv_number - %.10g, "NA" for NAN. */
int rr_csv_number(FILE *f, double x);

#endif
