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

#include <stdatomic.h>
#include <stdbool.h>
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

/* ---- beyond one process (cluster.c, mpi.c) ------------------------------ */

/* cli_dispatch - the command of c run (its scenario arguments found by
 * name first): what main does after parsing, and merge after reading
 * the shards' command line. */
int cli_dispatch(cli *c);

/* cli_stop - as if this process had caught signal sig (an MPI rank's
 * signal, reported to rank 0). */
void cli_stop(int sig);
/* cli_caught - the signal this process caught first, or 0. */
int cli_caught(void);

/* cli_call_done - a call of rr_run_many of a distributed command done,
 * with the results res of its n plans, whose items are [first, first +
 * n x replications) of the command's `items` (numbered point-major over
 * all its calls): a shard saves its part of them into t.  EXIT_OK, or
 * the exit code of a failure with the message printed (the caller
 * aborts t). */
int cli_call_done(cli *c, rr_results *t, const rr_plan *const *plans,
                  size_t n, const rr_run_result *res, uint64_t first,
                  uint64_t items);

/* cli_runs_done - after the last call, before anything is written:
 * EXIT_OK to write the results as usual; EXIT_ELSEWHERE when nothing more
 * is to be done here (an MPI worker; a shard, saved and committed into
 * t); the exit code of a failure (t aborted, the message printed: a
 * merge whose shards hold other items than the command asked for). */
int cli_runs_done(cli *c, rr_results *t);

/* cli_after_run - both, for a command of one call of rr_run_many that
 * returned res (n plans); res is released unless EXIT_OK. */
int cli_after_run(cli *c, const rr_plan *const *plans, size_t n,
                  rr_run_result *res, rr_results *t);

/* cli_cmd_merge - `rrsim merge SHARD_DIR...`. */
int cli_cmd_merge(cli *c);

/* MPI (mpi.c with make MPI=1; without it one process of rank 0).
 * cli_mpi_init - MPI started (with threads funnelled to the main thread)
 * and the worker ranks' stderr kept aside; before the command line is
 * read.  cli_mpi_finish - MPI ended and the process's exit code: a worker
 * that failed outside the calls tells rank 0, and every worker waits for
 * rank 0 to let it go.  cli_mpi_exec - the executor of a distributed
 * command's calls of rr_run_many, each run by all the ranks (NULL in one
 * process or for a command that is not distributed). */
void cli_mpi_init(int *argc, char ***argv, atomic_int *stop);
bool cli_mpi_worker(void);
int cli_mpi_size(void);
const rr_exec *cli_mpi_exec(const cli *c);
int cli_mpi_finish(int rc);

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
