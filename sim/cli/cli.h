/*
 * cli.h - the command line of rrsim: its commands, their options and
 * their help texts, in one table each (sim/cli/options.c).
 *
 * The parser and the help are driven by the same tables, so an option is
 * accepted by a command exactly when that command's help lists it; a test
 * (tests/cli/help.sh) checks it from outside as well.  This is the top
 * layer, beside sim/main.c: nothing below includes it.
 */
#ifndef RR_CLI_H
#define RR_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_util.h"

enum rr_exit {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
    /* internal: this process's part is done and nothing more is to be
     * written or printed (a shard saved, an MPI worker's items served);
     * main exits 0 */
    EXIT_ELSEWHERE = 1000
};

/* The commands, one bit each: an option's mask says which take it. */
enum {
    CMD_RUN = 1u << 0,
    CMD_CHECK = 1u << 1,
    CMD_SWEEP = 1u << 2,
    CMD_COMPARE = 1u << 3,
    CMD_FIT = 1u << 4,
    CMD_PLOT = 1u << 5,
    CMD_HELP = 1u << 6,
    CMD_SCENARIOS = 1u << 7,
    CMD_CALIBRATE = 1u << 8,
    CMD_VALIDATE = 1u << 9,
    CMD_MERGE = 1u << 10,
    CMD_UNCERTAINTY = 1u << 11,
    CMD_SENSITIVITY = 1u << 12
};

/* The commands whose work items may be split into shards (--shard I/N
 * and rrsim merge): every call of rr_run_many they make takes its
 * options from cli_run_opts, its items numbered on across the calls,
 * each call's results are given to cli_call_done, and cli_runs_done
 * says after the last, before anything is written, whether the results
 * are this process's to write (cluster.c; cli_run_points and
 * cli_after_run do it all for a command of one call). */
#define CMD_SHARDED                                                         \
    (CMD_RUN | CMD_SWEEP | CMD_COMPARE | CMD_FIT | CMD_UNCERTAINTY |        \
     CMD_SENSITIVITY)

/* The commands spread over the ranks of mpirun: every rank runs the
 * command, each of its calls of rr_run_many is run by all of them
 * together (mpi.c), and cli_runs_done lets rank 0 alone write.  Those of
 * CMD_SHARED choose each call from the results of the ones before
 * (calibrate's search, validate --rolling): rank 0 sends every call's
 * results to every rank, so that all take the same path. */
#define CMD_SHARED (CMD_CALIBRATE | CMD_VALIDATE)
#define CMD_DISTRIBUTED (CMD_SHARDED | CMD_SHARED)

#define CLI_MAX_SETS 256
#define CLI_MAX_VARY 16
#define CLI_MAX_PARAMS 16

/* cli - the parsed command line. */
typedef struct cli {
    const char *cmd;        /* the command's name as given */
    unsigned cmd_bit;       /* its CMD_* bit */
    const char *pos[2];     /* positional arguments */
    int n_pos;
    const char *sets[CLI_MAX_SETS]; /* --set, --reps and --seed in order */
    int n_sets;
    char reps_set[48];      /* "scenario.replications=N" of the last --reps */
    char seed_set[48];      /* "scenario.seed=S" of the last --seed */
    const char *out;
    bool force;
    const char *plot;
    double plot_timeout;
    bool trace;
    int threads;
    long max_cases;
    bool quiet;
    bool precise;           /* --precision given: its target and what it */
    bool precision_of;      /* judges (--precision-of, --max-reps) are in */
    bool max_reps;          /* precision */
    rr_precision precision;
    const char *vary[CLI_MAX_VARY];
    int n_vary;
    const char *indicators; /* --indicators LIST, or NULL */
    const char *policy[CLI_MAX_SETS]; /* --policy, in order */
    int n_policy;
    const char *window;     /* --window FROM:TO, or NULL */
    const char *from;       /* --from DATE, or NULL */
    const char *params[CLI_MAX_PARAMS]; /* calibrate --param NAME=LOW:HIGH */
    int n_params;
    const char *years;      /* calibrate --years LIST, or NULL */
    int eval_reps;          /* calibrate --eval-reps N; 0: the fit's */
    long max_iter;          /* calibrate --max-iter N; 0: the default */
    double tol;             /* calibrate --tol X; 0: the default */
    bool rolling;           /* validate --rolling */
    long samples;           /* uncertainty, compare, sensitivity, sweep
                               --samples N; 0: none */
    long bootstrap;         /* sensitivity --bootstrap B; -1: the default */
    const char *design;     /* --design lhs|sobol (sweep: or grid), or NULL
                               (lhs; sweep: grid) */
    bool help;              /* --help or -h: print the command's help */
    bool keys;              /* check --keys */
    char found[2][4096];    /* scenario arguments found by name */
    char cmdline[4096];     /* the command line, for run.csv */
    int argc;               /* as given to cli_parse */
    char **argv;
    uint64_t shard, shards; /* --shard I/N: I - 1 and N; shards 0: none */
    const rr_exec *exec;    /* merge's source of the items, or NULL */
} cli;

/* cli_command_bit - the CMD_* bit of a command's name, or 0. */
unsigned cli_command_bit(const char *name);

/* cli_parse - argv into c (argv[1] is the command, known to
 * cli_command_bit).  Returns -1 when fine, or the exit code after printing
 * the message (EXIT_USAGE). */
int cli_parse(int argc, char **argv, cli *c);

/* cli_usage_error - "rrsim: MESSAGE" and the hint to the command's help
 * (cmd NULL: the general help) on stderr; returns EXIT_USAGE. */
RR_PRINTF(2, 3)
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* cli_help - the general help (cmd NULL) or a command's, on f; false if
 * cmd names no command. */
bool cli_help(FILE *f, const char *cmd);

/* cli_find_scenario - the file a scenario argument names, into out: the
 * argument itself if it has a slash or names a file here, else the first
 * NAME or NAME.ini in RRSIM_PATH's folders and the installed scenarios
 * (find.c).  EXIT_OK, or EXIT_USAGE with a message naming the places
 * looked in. */
int cli_find_scenario(const char *arg, char *out, size_t n);

/* cli_list_scenarios - `rrsim scenarios`: each folder searched with the
 * scenarios in it and their titles, on f.  EXIT_RUNTIME with a message
 * when there are none. */
int cli_list_scenarios(FILE *f);

#endif
