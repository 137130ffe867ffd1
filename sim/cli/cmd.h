/*
 * cmd.h - what the commands share (defined in sim/main.c): the results
 * folder's steps, the options every simulation takes, design points
 * loaded and run with their messages printed.  Private to the top layer:
 * sim/main.c and the commands in sim/cli/.  Each returns an exit code
 * (EXIT_*, or 128 + a signal) with its message printed, unless it says
 * otherwise.
 */
#ifndef RR_CLI_CMD_H
#define RR_CLI_CMD_H

#include <stddef.h>

#include "cli/cli.h"
#include "rr_experiment.h"
#include "rr_points.h"
#include "rr_results.h"
#include "rr_table.h"
#include "rr_util.h"

/* cli_interrupted - the message and exit code of work stopped by a
 * signal ("no WHAT written"). */
int cli_interrupted(const char *what);

/* cli_target_of - --out, or output/NAME/TIMESTAMP with NAME from fmt,
 * into buf; returns buf. */
RR_PRINTF(4, 5)
const char *cli_target_of(const cli *c, char *buf, size_t n,
                          const char *fmt, ...);

/* cli_begin - the results folder's checks and its temporary folder,
 * before anything is simulated. */
int cli_begin(const cli *c, const char *target, rr_results *t);

/* cli_finish - the files written by fn into the begun folder, the
 * charts, the commit; *charts gets the charts' exit code. */
typedef int writer_fn(rr_results *t, void *ctx, char *err, size_t errlen);
int cli_finish(rr_results *t, const char *target, writer_fn *fn, void *ctx,
               int *charts);

/* cli_run_opts - the options every simulation takes from the command
 * line (threads, the stop flag, --max-cases, --precision). */
rr_run_opts cli_run_opts(cli *c);

/* cli_done - the exit code after the terminal output: a failed stdout
 * fails. */
int cli_done(int rc);

/* cli_load_points, cli_run_points - design points loaded and planned, and
 * run with common random numbers into res (the folder aborted on
 * failure). */
int cli_load_points(const cli *c, rr_points *p);
int cli_run_points(cli *c, const rr_points *p, rr_results *t,
                   rr_run_result *res);

/* cli_read_observed - observed yearly figures, checked before anything
 * is simulated. */
int cli_read_observed(const char *path, rr_table **obs);

/* The commands of calibrate_cmd.c. */
int cli_cmd_calibrate(cli *c);
int cli_cmd_validate(cli *c);

/* The commands of uncertainty_cmd.c: rrsim uncertainty, and compare with
 * --samples (its arguments checked as compare's). */
int cli_cmd_uncertainty(cli *c);
int cli_cmd_compare_samples(cli *c);

/* The command of sensitivity_cmd.c. */
int cli_cmd_sensitivity(cli *c);

#endif
