/*
 * options.c - the commands and options of rrsim, their help texts and the
 * parser that reads them (cli.h).
 *
 * Two tables drive everything: commands[] (name, synopsis, one line, a
 * paragraph, examples) and options[] (name, argument, the commands that
 * take it, help with the default).  `rrsim --help` lists the commands,
 * `rrsim COMMAND --help` (or `rrsim help COMMAND`) prints one command's
 * usage, its options, examples and exit codes; the parser accepts an
 * option for a command exactly when its mask has the command's bit, so the
 * help and the parser cannot disagree.  `--name=value` is read as
 * `--name value`.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rr_experiment.h"
#include "rr_util.h"

/* ---- the commands ---------------------------------------------------------- */

typedef struct command {
    const char *name;
    unsigned bit;
    const char *synopsis; /* the arguments after the name */
    const char *summary;  /* one line for the list of commands */
    const char *text;     /* what it does, a paragraph (wrapped here) */
    const char *examples[4];
} command;

static const command commands[] = {
    {"run", CMD_RUN, "SCENARIO [OPTIONS]",
     "run the replications, write a results folder",
     "Runs the scenario's replications in parallel and writes one results "
     "folder (output/NAME/TIME, or --out DIR): summary.csv with every "
     "indicator's mean and 95% confidence interval, timeseries.csv and "
     "timeseries_summary.csv per reporting period, events.csv, run.csv, "
     "scenario.resolved.ini with copies of its tables, and the charts in "
     "plots/. The folder is built aside and appears only when complete. "
     "Prints the indicators on the terminal unless --quiet. With --precision "
     "the number of replications is not fixed: they are added in batches "
     "until the 95% confidence interval of each chosen indicator is within "
     "that share of its mean, or --max-reps are done; the terminal says "
     "which, and run.csv records it.",
     {"rrsim run scenarios/nl-baseline.ini --reps 30",
      "rrsim run scenarios/nl-baseline.ini --set iom_share=0.6 --out "
      "output/iom60",
      "rrsim run scenarios/mm1.ini --trace --plot svg",
      "rrsim run scenarios/nl-baseline.ini --precision 1% --max-reps 500"}},
    {"check", CMD_CHECK, "SCENARIO [OPTIONS]",
     "validate a scenario; print every resolved parameter",
     "Reads the scenario and its chain of base files and tables, checks "
     "every key, and prints every setting as it would be used, with its "
     "source note. Nothing is simulated and nothing is written.",
     {"rrsim check scenarios/nl-baseline.ini",
      "rrsim check scenarios/nl-ngo-expansion.ini --set iom_share=0.6",
      NULL}},
    {"sweep", CMD_SWEEP, "SCENARIO --vary KEY=VALUES [--vary ...] [OPTIONS]",
     "run every combination of varied settings",
     "Runs every combination (a grid) of the values given with --vary, each "
     "with the scenario's replications and common random numbers, so the "
     "differences between design points are the settings' effects and not "
     "sampling noise. Writes sweep.csv (every indicator per design point, "
     "mean and 95% CI), sweep_chart.csv (the settings and indicators "
     "shown, in words) and a chart of the indicators against the settings: "
     "the first setting along the axis, a line per value of the second, a "
     "panel per value of the third and further ones. A parameter's label "
     "(NAME.label in [parameters]) names it on the chart and in the table; "
     "shares are shown as percentages. With --precision, replications are "
     "added until every design point meets it.",
     {"rrsim sweep scenarios/nl-baseline.ini --vary iom_share=0.6:0.9:0.1",
      "rrsim sweep scenarios/nl-baseline.ini --vary iom_share=0.6,0.8 \\\n"
      "      --vary stage.iom.servers=400,800",
      "rrsim sweep scenarios/nl-baseline.ini --reps 20 \\\n"
      "      --vary talk_interval=60d:120d:30d",
      "rrsim sweep scenarios/nl-baseline.ini --vary stage.iom.servers="
      "200,400,800 \\\n"
      "      --vary iom_share=0.6,0.8 --indicators departures_verified,"
      "caseload_end"}},
    {"compare", CMD_COMPARE,
     "BASELINE POLICY [OPTIONS]\n"
     "       rrsim compare SCENARIO --policy KEY=VALUE [--policy ...] "
     "[OPTIONS]",
     "paired runs of two scenarios: effects with 95% CI",
     "Runs both scenarios with the same replications and common random "
     "numbers, and gives each indicator's effect, the policy minus the "
     "baseline, with its 95% confidence interval from the paired "
     "replications and its relative change: over the whole window "
     "(compare.csv), from the first day the two scenarios differ or from "
     "--from (compare_from.csv), per calendar year (compare_years.csv) "
     "and per reporting period (compare_periods.csv); with charts of the "
     "totals and of the yearly effects. With --policy, SCENARIO is "
     "compared with itself changed. The runs must share their start and "
     "end dates, reporting period, warm-up and replications; runs of "
     "different years are compared over their common days with --window. "
     "With --precision, replications are added until the interval of each "
     "chosen difference (policy - baseline) is within that share of the "
     "difference. With --samples N, the effect is given as a distribution "
     "over the baseline's assumption ranges instead: N parameter sets are "
     "drawn as by rrsim uncertainty, each run on both sides with the same "
     "draw and the same streams, and uncertainty_effects.csv gives each "
     "indicator's effect in 90% of those plausible worlds (with "
     "samples.csv and the quantiles of both sides).",
     {"rrsim compare scenarios/nl-baseline.ini scenarios/nl-no-covid.ini",
      "rrsim compare scenarios/nl-baseline.ini --policy iom_share=0.6",
      "rrsim compare scenarios/nl-baseline.ini policy-2025.ini \\\n"
      "      --window 2019-01-01:2023-12-31",
      "rrsim compare scenarios/nl-baseline.ini scenarios/nl-no-covid.ini \\\n"
      "      --precision 5% --precision-of departures_verified"}},
    {"fit", CMD_FIT, "SCENARIO OBSERVED.csv [OPTIONS]",
     "simulated against published yearly figures",
     "Runs the scenario and sets its yearly figures beside the observed "
     "ones of OBSERVED.csv (columns year, indicator, value): per indicator "
     "and year the observed figure, the simulated mean with its 95% CI and "
     "the relative error. Writes fit.csv and a chart.",
     {"rrsim fit scenarios/nl-baseline.ini scenarios/data/nl-observed.csv",
      "rrsim fit scenarios/nl-baseline.ini scenarios/data/nl-observed.csv "
      "--reps 30",
      NULL}},
    {"calibrate", CMD_CALIBRATE,
     "SCENARIO OBSERVED.csv --param NAME=LOW:HIGH... [OPTIONS]",
     "fit parameters to published yearly figures",
     "Fits the settings named with --param to the observed yearly figures "
     "of OBSERVED.csv (columns year, indicator, value, and an optional "
     "weight) in the calibration years (--years, or the scenario's "
     "[scenario] calibrated_on), by minimising the loss: the sum over "
     "those figures, inputs such as intake left out, of the weighted "
     "squared relative errors (simulated mean / observed - 1). The search "
     "is GSL's Nelder-Mead simplex, every point within the bounds, and "
     "every evaluation runs with the same seed and streams (common random "
     "numbers), so the loss is deterministic; it stops when the simplex "
     "size falls below --tol or after --max-iter iterations. Then the "
     "calibrated scenario is run with --reps replications and compared. "
     "Writes calibrate.csv (every iteration), calibrate_report.csv (the "
     "fitted values, the loss at each moved by -10% and +10%), "
     "calibrated.ini (a variant of SCENARIO with the fitted values and "
     "their source notes), scenario.resolved.ini, fit.csv with the roles "
     "of the years, and the charts calibrate and fit. Everything is "
     "checked before anything is simulated.",
     {"rrsim calibrate scenarios/nl-baseline.ini scenarios/data/"
      "nl-observed.csv \\\n"
      "      --param p_self=0.001:0.03 --param abscond_mean=400d:1500d "
      "--eval-reps 4",
      "rrsim calibrate scenarios/nl-baseline.ini scenarios/data/"
      "nl-observed.csv \\\n"
      "      --param p_forced=0.02:0.1 --years 2019 --max-iter 40",
      NULL}},
    {"validate", CMD_VALIDATE, "SCENARIO OBSERVED.csv [OPTIONS]",
     "out-of-sample errors and prediction intervals",
     "Runs the scenario and, for each observed figure of OBSERVED.csv of a "
     "year the scenario was not calibrated on ([scenario] calibrated_on; "
     "inputs such as intake left out), gives the relative error of the "
     "simulated mean and whether the observed figure lies inside the "
     "simulated 95% prediction interval: where one more replication's "
     "yearly figure would fall, from the spread of the replications' own "
     "yearly figures (the spread of one year as the model makes it, not "
     "the confidence interval of the mean; rrsim-results(5)). When "
     "the model is right a figure falls inside with probability 95%, "
     "whatever n. Writes "
     "validate.csv and a chart. With --rolling, each observed year T whose "
     "next year has figures too is an origin: the --param settings are "
     "fitted (as by calibrate) on the observed years up to T alone and "
     "the year T + 1 is checked, so that every year is predicted by a "
     "model that never saw it; rolling_fits.csv gives each origin's "
     "fitted values.",
     {"rrsim validate scenarios/nl-baseline.ini scenarios/data/"
      "nl-observed.csv \\\n"
      "      --reps 40",
      "rrsim validate scenarios/nl-baseline.ini scenarios/data/"
      "nl-observed.csv \\\n"
      "      --rolling --param p_self=0.001:0.03 --eval-reps 4",
      NULL}},
    {"sensitivity", CMD_SENSITIVITY, "SCENARIO --samples N [OPTIONS]",
     "which assumptions drive each indicator (Sobol indices)",
     "Ranks the scenario's uncertain parameters (those declared with a "
     "range or distribution: NAME.range, NAME.dist; or the ranges given "
     "with --vary instead) by how much of each indicator's variance they "
     "explain. N base samples of Saltelli's design give N (k + 2) runs for "
     "k parameters, each with the scenario's replications under common "
     "random numbers; the indicator at a sample is the mean over them. "
     "For each indicator and parameter: the first-order index S1 (the "
     "share of the variance the parameter explains alone, Saltelli 2010) "
     "and the total index ST (alone or with others, Jansen 1999), with "
     "95% bootstrap intervals. Writes sensitivity.csv (ranked by ST), "
     "sensitivity_samples.csv (every run's values and indicators) and a "
     "bar chart per indicator. A power of two for N spreads the samples "
     "best; 64 to 1024 is usual, and intervals wider than the indices "
     "call for more.",
     {"rrsim sensitivity scenarios/nl-baseline.ini --samples 128 --reps 4",
      "rrsim sensitivity scenarios/nl-baseline.ini --samples 64 \\\n"
      "      --vary iom_share=0.6:0.9 --vary talk_interval=60d:120d",
      "rrsim sensitivity scenarios/mm1.ini --samples 256 \\\n"
      "      --vary lambda=0.5:0.9 --vary mean_talk=0.5d:1d \\\n"
      "      --indicators time_to_departure_mean_days",
      NULL}},
    {"uncertainty", CMD_UNCERTAINTY, "SCENARIO --samples N [OPTIONS]",
     "fan charts over the assumption ranges",
     "Draws N parameter sets over the ranges the scenario declares beside "
     "its parameters (NAME.range = LOW:HIGH or NAME.dist = ..., see "
     "rrsim-scenario(5)) by a seeded Latin hypercube or scrambled Sobol' "
     "design, and runs each with the scenario's replications under common "
     "random numbers: every sample uses the same streams, so samples "
     "differ by their assumptions alone. A sample's value of an indicator "
     "is its mean over the replications; the quantiles are over the "
     "samples, and the randomness left in one sample's mean is reported "
     "beside them, never mixed in. Writes samples.csv (the values drawn and "
     "every indicator per sample), uncertainty_parameters.csv, "
     "uncertainty_summary.csv (each indicator's 5, 25, 50, 75 and 95% "
     "quantiles), uncertainty_ranking.csv (what matters most: each "
     "assumption's rank correlation with each indicator), "
     "uncertainty_timeseries.csv (the same per period) and fan "
     "charts of the departures and the caseload. The same seed gives the "
     "same files whatever the number of threads.",
     {"rrsim uncertainty scenarios/nl-baseline.ini --samples 64",
      "rrsim uncertainty scenarios/nl-baseline.ini --samples 128 \\\n"
      "      --design sobol --reps 5",
      "rrsim uncertainty scenarios/nl-baseline.ini --samples 64 \\\n"
      "      --set stage.iom.servers=400 --out output/iom400",
      NULL}},
    {"merge", CMD_MERGE, "SHARD_DIR... [OPTIONS]",
     "merge the shard folders of a run into its results folder",
     "Reads the shard folders written by the same command with --shard "
     "1/N to N/N (each a slice of the run's replications, in any order) "
     "and writes the results folder the command would have written in one "
     "process, byte for byte the same CSV files. The shards must come from "
     "the same command, scenario, seed and rrsim version, every one of the "
     "N present once; the command is run again from the arguments the "
     "shards record (run merge where they ran: the scenario files are "
     "read again, and must resolve to the model the shards simulated), "
     "with the replications taken from the shards instead of simulated. "
     "Any shard missing, given twice, damaged, of another run or of "
     "another version is refused (exit 2), naming it.",
     {"rrsim merge output/shards/*",
      "rrsim merge s1 s2 s3 s4 --out output/sweep-2026",
        NULL}},
    {"plot", CMD_PLOT, "RESULTS_DIR [OPTIONS]",
     "redraw the charts of a results folder",
     "Redraws the charts of a run, sweep, comparison or fit from the CSV "
     "files of its results folder into RESULTS_DIR/plots, replacing the "
     "charts there. Reads only the CSV files; simulates nothing.",
     {"rrsim plot output/nl-baseline/20261201T101500Z",
      "rrsim plot output/nl-baseline/20261201T101500Z --plot pdf", NULL}},
    {"scenarios", CMD_SCENARIOS, "",
     "list the installed scenarios with their titles",
     "Lists the scenarios that a name alone finds, folder by folder in the "
     "order they are searched: the folders of RRSIM_PATH (colon-separated), "
     "then a source checkout's scenarios/ (for the program make built), "
     "then the scenarios installed with rrsim. A scenario argument without "
     "a slash that is not a file in the current folder is looked up there, "
     "with or without .ini: rrsim run nl-baseline.",
     {"rrsim scenarios", "RRSIM_PATH=$HOME/scenarios rrsim scenarios", NULL}},
    {"help", CMD_HELP, "[COMMAND]", "this text, or a command's help",
     "Prints the list of commands, or the help of one command (the same as "
     "rrsim COMMAND --help).",
     {"rrsim help run", NULL}},
};

/* ---- the options ----------------------------------------------------------- */

enum opt_id {
    OPT_REPS,
    OPT_SEED,
    OPT_SET,
    OPT_VARY,
    OPT_INDICATORS,
    OPT_PARAM,
    OPT_YEARS,
    OPT_EVAL_REPS,
    OPT_MAX_ITER,
    OPT_TOL,
    OPT_ROLLING,
    OPT_SAMPLES,
    OPT_BOOTSTRAP,
    OPT_DESIGN,
    OPT_OUT,
    OPT_FORCE,
    OPT_PLOT,
    OPT_PLOT_TIMEOUT,
    OPT_TRACE,
    OPT_THREADS,
    OPT_MAX_CASES,
    OPT_PRECISION,
    OPT_PRECISION_OF,
    OPT_MAX_REPS,
    OPT_QUIET,
    OPT_KEYS,
    OPT_POLICY,
    OPT_WINDOW,
    OPT_FROM,
    OPT_SHARD,
    OPT_HELP
};

typedef struct option {
    const char *name;
    const char *arg;  /* the value's placeholder, or NULL for a flag */
    unsigned cmds;    /* the commands that take it */
    enum opt_id id;
    const char *help; /* with its default */
} option;

#define SIMULATING                                                          \
    (CMD_RUN | CMD_SWEEP | CMD_COMPARE | CMD_FIT | CMD_CALIBRATE |          \
     CMD_VALIDATE | CMD_SENSITIVITY | CMD_UNCERTAINTY)
#define CHARTING (SIMULATING | CMD_PLOT | CMD_MERGE)
#define PRECISE (CMD_RUN | CMD_SWEEP | CMD_COMPARE)

static const option options[] = {
    {"--reps", "N", SIMULATING | CMD_CHECK, OPT_REPS,
     "replications, 1 to 1000000 (default: the scenario's "
     "[scenario] replications)"},
    {"--seed", "S", SIMULATING | CMD_CHECK, OPT_SEED,
     "base seed, a whole number >= 0 (default: the scenario's "
     "[scenario] seed)"},
    {"--set", "KEY=VALUE", SIMULATING | CMD_CHECK, OPT_SET,
     "override a setting or parameter by its dotted key "
     "(stage.iom.servers=200, iom_share=0.6); repeatable, the last of a key "
     "counts (default: none)"},
    {"--vary", "KEY=VALUES", CMD_SWEEP | CMD_SENSITIVITY, OPT_VARY,
     "a setting to vary: a range FROM:TO:STEP (with a unit where the key "
     "takes one: 60d:120d:30d) or a list V1,V2,...; with --design lhs or "
     "sobol, and for sensitivity, a range LOW:HIGH sampled uniformly "
     "(sensitivity: instead of the scenario's declared ranges); "
     "repeatable, a key at most once (required by sweep)"},
    {"--bootstrap", "B", CMD_SENSITIVITY, OPT_BOOTSTRAP,
     "bootstrap resamples of the samples for the 95% intervals, 0 (no "
     "intervals) to 100000 (default: 1000)"},
    {"--indicators", "LIST", CMD_SWEEP | CMD_SENSITIVITY, OPT_INDICATORS,
     "the indicators the chart draws and the table shows, names of "
     "summary.csv separated by commas, at most 12 (default: "
     "departures_verified, departures_unsupervised, "
     "iom_share_assisted_voluntary, time_to_departure_mean_days, "
     "time_to_departure_p90_days, caseload_end)"},
    {"--param", "NAME=LOW:HIGH", CMD_CALIBRATE | CMD_VALIDATE, OPT_PARAM,
     "a setting to fit (validate: with --rolling), a parameter of [parameters] or a dotted key the "
     "scenario writes, whose value is a number (with a unit or not), and "
     "its range; LOW and HIGH in the value's unit (or with a unit of "
     "their own: 60d:4m), LOW < HIGH, the scenario's value between them; "
     "repeatable, at most 16 (required by calibrate and validate "
     "--rolling)"},
    {"--years", "LIST", CMD_CALIBRATE, OPT_YEARS,
     "the years to fit, separated by commas (2019,2022), each inside the "
     "run (default: the scenario's [scenario] calibrated_on)"},
    {"--eval-reps", "N", CMD_CALIBRATE | CMD_VALIDATE, OPT_EVAL_REPS,
     "replications of each evaluation of the loss; fewer than the final "
     "fit's make the search faster and the loss noisier (default: the "
     "final fit's, --reps or the scenario's)"},
    {"--max-iter", "N", CMD_CALIBRATE | CMD_VALIDATE, OPT_MAX_ITER,
     "stop the search after N iterations of the simplex, 1 to 100000 "
     "(default: 100)"},
    {"--tol", "X", CMD_CALIBRATE | CMD_VALIDATE, OPT_TOL,
     "stop the search when the simplex size, in the search's unbounded "
     "coordinates, falls below X, more than 0 and at most 1 (default: "
     "0.001)"},
    {"--rolling", NULL, CMD_VALIDATE, OPT_ROLLING,
     "rolling origin: for each observed year T whose next year has "
     "figures too, fit the --param settings on the years up to T and "
     "check T + 1 (default: off, the scenario as it is against the years "
     "it was not calibrated on)"},
    {"--out", "DIR", SIMULATING | CMD_MERGE, OPT_OUT,
     "results folder; its parent folder must exist (default: "
     "output/NAME/TIME)"},
    {"--force", NULL, SIMULATING | CMD_MERGE, OPT_FORCE,
     "replace DIR if it is an rrsim results folder (default: refuse an "
     "existing DIR)"},
    {"--plot", "FORMAT", CHARTING, OPT_PLOT,
     "chart format: png, svg, pdf or none (default: png)"},
    {"--plot-timeout", "S", CHARTING, OPT_PLOT_TIMEOUT,
     "seconds gnuplot may take per chart, more than 0 and at most 86400 "
     "(default: 60)"},
    {"--trace", NULL, CMD_RUN, OPT_TRACE,
     "also write cases.csv, one row per case with its milestones, and "
     "time_to_departure.csv (default: off)"},
    {"--threads", "N", SIMULATING, OPT_THREADS,
     "worker threads; results are the same for any number (default: all "
     "cores)"},
    {"--max-cases", "N", SIMULATING, OPT_MAX_CASES,
     "stop with an error when a replication holds more than N cases "
     "(default: 10000000)"},
    {"--precision", "P", PRECISE, OPT_PRECISION,
     "add replications in batches until the 95% CI of each --precision-of "
     "indicator is within P of its mean on either side: 1% or 0.01, more "
     "than 0 and less than 100%; in a sweep at every design point, in a "
     "comparison of the mean difference. The first batch is the "
     "scenario's replications or --reps (default: off, the scenario's "
     "replications)"},
    {"--precision-of", "LIST", PRECISE, OPT_PRECISION_OF,
     "with --precision: the indicators of summary.csv it judges, "
     "comma-separated (default: departures_verified,departures_unsupervised,"
     " leaving out one that is 0 in every replication)"},
    {"--max-reps", "N", PRECISE, OPT_MAX_REPS,
     "with --precision: stop adding replications at N, 2 to 1000000; "
     "not reaching the precision is a warning (default: 1000)"},
    {"--quiet", NULL, CHARTING, OPT_QUIET,
     "no progress bar and no table on the terminal (default: off)"},
    {"--keys", NULL, CMD_CHECK, OPT_KEYS,
     "print only the keys --set and --vary accept, one per line (default: "
     "the full listing)"},
    {"--policy", "KEY=VALUE", CMD_COMPARE, OPT_POLICY,
     "change a setting or parameter of the policy only, comparing SCENARIO "
     "with itself changed; the changed side is named after the change "
     "(nl-baseline-iom_share-0_6); repeatable, while --set changes both "
     "(default: none)"},
    {"--window", "FROM:TO", CMD_COMPARE, OPT_WINDOW,
     "compare over these days only (2019-01-01:2023-12-31): inside both "
     "runs after their warm-ups, FROM the first and TO the last day of a "
     "reporting period; lets runs of different start, end or warm-up be "
     "compared (default: the runs' days after the warm-up, which must be "
     "the same)"},
    {"--from", "DATE", CMD_COMPARE, OPT_FROM,
     "measure the effect from this date to the end of the window "
     "(default: from the first day the two scenarios differ)"},
    {"--shard", "I/N", CMD_SHARDED, OPT_SHARD,
     "run only the I-th of N equal slices of the work items (each a "
     "replication of a design point, over all the command's points; 1 <= "
     "I <= N <= 1000000) and write a shard folder instead of the results; "
     "rrsim merge makes the results folder of all N. Not with "
     "--precision (its replications are decided as they come in) nor "
     "--trace (default: all of them, here)"},
    {"--samples", "N",
     CMD_UNCERTAINTY | CMD_COMPARE | CMD_SENSITIVITY | CMD_SWEEP,
     OPT_SAMPLES,
     "parameter sets drawn over the scenario's assumption ranges, 1 to "
     "100000 (a power of two suits --design sobol); compare: the effect "
     "over them, each set run on both sides with the same draw and streams; "
     "sensitivity: base samples of Saltelli's design, 2 or more, each "
     "costing k + 2 runs for k parameters; sweep with --design lhs or "
     "sobol: design points over the --vary ranges, 2 to 10000 (required by "
     "uncertainty and sensitivity; compare, sweep: off)"},
    {"--design", "KIND", CMD_UNCERTAINTY | CMD_COMPARE | CMD_SWEEP,
     OPT_DESIGN,
     "how the parameter sets or design points are drawn: lhs, a Latin "
     "hypercube (every range cut into N equal-probability strata, each hit "
     "once), or sobol, Sobol' points with a random digital shift, at most "
     "40 parameters; both seeded with the scenario's seed; sweep also "
     "takes grid, every combination of the --vary values (default: lhs; "
     "sweep: grid)"},
    {"--help", NULL, ~0u, OPT_HELP, "this help (also -h)"},
};

/* ---- help ------------------------------------------------------------------ */

#define HELP_WIDTH 79
#define HELP_INDENT 22

/* wrap - text on f in lines of at most HELP_WIDTH columns, the first
 * starting at column col, the others at column indent. */
static void wrap(FILE *f, const char *text, int col, int indent)
{
    const char *p = text;
    while (*p) {
        size_t w = strcspn(p, " ");
        if (col > indent && col + 1 + (int)w > HELP_WIDTH) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, w, f);
        col += (int)w;
        p += w;
        while (*p == ' ')
            p++;
    }
    fputc('\n', f);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < RR_COUNTOF(commands); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

unsigned cli_command_bit(const char *name)
{
    const command *k = find_command(name);
    return k ? k->bit : 0;
}

static const char exit_text[] =
    "exit status:\n"
    "  0    done\n"
    "  1    failed while running (a file could not be written, a chart\n"
    "       failed, a replication exceeded --max-cases)\n"
    "  2    bad usage or bad input: the message names the file, line and\n"
    "       key; nothing was written\n"
    "  129, 130, 143\n"
    "       stopped by SIGHUP, SIGINT or SIGTERM; nothing was written\n";

static void general_help(FILE *f)
{
    fputs("usage: rrsim COMMAND [ARGS] [OPTIONS]\n"
          "       rrsim COMMAND --help | rrsim help COMMAND\n"
          "       rrsim --version\n\n"
          "rrsim simulates return and reintegration case flow from a "
          "scenario file\nand writes CSV files and charts.\n\n"
          "commands:\n", f);
    int w = 0;
    for (size_t i = 0; i < RR_COUNTOF(commands); i++)
        if ((int)strlen(commands[i].name) > w)
            w = (int)strlen(commands[i].name);
    for (size_t i = 0; i < RR_COUNTOF(commands); i++)
        fprintf(f, "  %-*s  %s\n", w, commands[i].name, commands[i].summary);
    fputs("\n'rrsim help COMMAND' gives a command's options and examples;\n"
          "the scenario language and the results folder are described in\n"
          "rrsim-scenario(5) and rrsim-results(5).\n\n", f);
    fputs(exit_text, f);
}

static void command_help(FILE *f, const command *k)
{
    fprintf(f, "usage: rrsim %s %s\n\n", k->name, k->synopsis);
    wrap(f, k->text, 0, 0);
    fputs("\noptions:\n", f);
    for (size_t i = 0; i < RR_COUNTOF(options); i++) {
        const option *o = &options[i];
        int col;
        if (!(o->cmds & k->bit))
            continue;
        col = fprintf(f, "  %s%s%s", o->name, o->arg ? " " : "",
                      o->arg ? o->arg : "");
        if (col >= HELP_INDENT - 1) {
            fprintf(f, "\n%*s", HELP_INDENT, "");
            col = HELP_INDENT;
        } else {
            fprintf(f, "%*s", HELP_INDENT - col, "");
            col = HELP_INDENT;
        }
        wrap(f, o->help, col, HELP_INDENT);
    }
    if (k->bit & SIMULATING)
        fputs("  An option given twice counts as given last; --set, --vary "
              "and --policy\n  count each time.\n", f);
    fputs("\nexamples:\n", f);
    for (size_t i = 0; i < RR_COUNTOF(k->examples) && k->examples[i]; i++)
        fprintf(f, "  %s\n", k->examples[i]);
    fputc('\n', f);
    fputs(exit_text, f);
}

bool cli_help(FILE *f, const char *cmd)
{
    const command *k;
    if (!cmd) {
        general_help(f);
        return true;
    }
    if (!(k = find_command(cmd)))
        return false;
    command_help(f, k);
    return true;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("rrsim: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd && find_command(cmd))
        fprintf(stderr, "\n(see 'rrsim %s --help')\n", cmd);
    else
        fputs("\n(see 'rrsim --help')\n", stderr);
    return EXIT_USAGE;
}

/* ---- parsing --------------------------------------------------------------- */

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* find_option - the option named name[0..len), or NULL. */
static const option *find_option(const char *name, size_t len)
{
    for (size_t i = 0; i < RR_COUNTOF(options); i++)
        if (strlen(options[i].name) == len &&
            strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

/* unknown - the message of an option no command takes, with the nearest
 * option of this command's. */
static int unknown(const cli *c, const char *a, size_t len)
{
    const char *cand[RR_COUNTOF(options)];
    const char *near;
    size_t n = 0;
    for (size_t i = 0; i < RR_COUNTOF(options); i++)
        if (options[i].cmds & c->cmd_bit)
            cand[n++] = options[i].name;
    near = rr_did_you_mean(a, len, cand, n, RR_DYM_AUTO, RR_DYM_NOCASE);
    if (near)
        return cli_usage_error(c->cmd, "unknown option '%.*s' (did you "
                               "mean '%s'?)", (int)len, a, near);
    return cli_usage_error(c->cmd, "unknown option '%.*s'", (int)len, a);
}

static int add_set(cli *c, const char *kv)
{
    if (c->n_sets >= CLI_MAX_SETS)
        return cli_usage_error(c->cmd, "too many overrides (at most %d)",
                               CLI_MAX_SETS);
    c->sets[c->n_sets++] = kv;
    return -1;
}

/* apply - option o with value v (NULL for a flag); -1 or the exit code. */
static int apply(cli *c, const option *o, const char *v)
{
    const char *cmd = c->cmd;
    long n;
    char *end;

    switch (o->id) {
    case OPT_REPS:
        if (!parse_int(v, 1, 1000000, &n))
            return cli_usage_error(cmd, "--reps: expected a whole number "
                                   ">= 1, got '%s'", v);
        /* given twice: each entry shows the last value, and the last
         * entry comes after any --set of the same key before it */
        snprintf(c->reps_set, sizeof c->reps_set,
                 "scenario.replications=%ld", n);
        return add_set(c, c->reps_set);
    case OPT_SEED:
        if (!parse_int(v, 0, LONG_MAX, &n))
            return cli_usage_error(cmd, "--seed: expected a whole number "
                                   ">= 0, got '%s'", v);
        snprintf(c->seed_set, sizeof c->seed_set, "scenario.seed=%ld", n);
        return add_set(c, c->seed_set);
    case OPT_SET:
        if (!strchr(v, '=') || v[0] == '=')
            return cli_usage_error(cmd, "--set: expected KEY=VALUE, got "
                                   "'%s'", v);
        return add_set(c, v);
    case OPT_VARY:
        if (c->n_vary >= CLI_MAX_VARY)
            return cli_usage_error(cmd, "too many --vary options (at most "
                                   "%d)", CLI_MAX_VARY);
        c->vary[c->n_vary++] = v;
        return -1;
    case OPT_INDICATORS:
        c->indicators = v;
        return -1;
    case OPT_PARAM:
        if (c->n_params >= CLI_MAX_PARAMS)
            return cli_usage_error(cmd, "too many --param options (at most "
                                   "%d)", CLI_MAX_PARAMS);
        c->params[c->n_params++] = v;
        return -1;
    case OPT_BOOTSTRAP:
        if (!parse_int(v, 0, 100000, &n))
            return cli_usage_error(cmd, "--bootstrap: expected a whole "
                                   "number from 0 to 100000, got '%s'", v);
        c->bootstrap = n;
        return -1;
    case OPT_YEARS:
        c->years = v;
        return -1;
    case OPT_EVAL_REPS:
        if (!parse_int(v, 1, 1000000, &n))
            return cli_usage_error(cmd, "--eval-reps: expected a whole "
                                   "number >= 1, got '%s'", v);
        c->eval_reps = (int)n;
        return -1;
    case OPT_MAX_ITER:
        if (!parse_int(v, 1, 100000, &n))
            return cli_usage_error(cmd, "--max-iter: expected a whole number "
                                   "from 1 to 100000, got '%s'", v);
        c->max_iter = n;
        return -1;
    case OPT_TOL:
        errno = 0;
        c->tol = strtod(v, &end);
        if (errno || end == v || *end || !(c->tol > 0) || c->tol > 1)
            return cli_usage_error(cmd, "--tol: expected a number more than "
                                   "0 and at most 1, got '%s'", v);
        return -1;
    case OPT_OUT:
        if (!*v)
            return cli_usage_error(cmd, "--out: expected a folder name, "
                                   "got ''");
        c->out = v;
        return -1;
    case OPT_FORCE:
        c->force = true;
        return -1;
    case OPT_PLOT:
        if (strcmp(v, "png") && strcmp(v, "svg") && strcmp(v, "pdf") &&
            strcmp(v, "none"))
            return cli_usage_error(cmd, "--plot: expected png, svg, pdf or "
                                   "none, got '%s'", v);
        c->plot = v;
        return -1;
    case OPT_PLOT_TIMEOUT:
        errno = 0;
        c->plot_timeout = strtod(v, &end);
        if (errno || end == v || *end || !(c->plot_timeout > 0) ||
            c->plot_timeout > 86400)
            return cli_usage_error(cmd, "--plot-timeout: expected seconds, "
                                   "more than 0 and at most 86400, got "
                                   "'%s'", v);
        return -1;
    case OPT_TRACE:
        c->trace = true;
        return -1;
    case OPT_THREADS:
        if (!parse_int(v, 1, 4096, &n))
            return cli_usage_error(cmd, "--threads: expected a whole number "
                                   ">= 1, got '%s'", v);
        c->threads = (int)n;
        return -1;
    case OPT_MAX_CASES:
        if (!parse_int(v, 1, RR_MAX_CASES_LIMIT, &n))
            return cli_usage_error(cmd, "--max-cases: expected a whole "
                                   "number from 1 to %u, got '%s'",
                                   RR_MAX_CASES_LIMIT, v);
        c->max_cases = n;
        return -1;
    case OPT_PRECISION:
        if (!rr_precision_parse_target(v, &c->precision.target)) {
            double x = strtod(v, &end);
            if (*v && !*end && x >= 1 && x < 100)
                return cli_usage_error(cmd, "--precision: expected a share "
                                       "more than 0 and less than 100%%, as "
                                       "1%% or 0.01, got '%s' (did you mean "
                                       "'%s%%'?)", v, v);
            return cli_usage_error(cmd, "--precision: expected a share more "
                                   "than 0 and less than 100%%, as 1%% or "
                                   "0.01, got '%s'", v);
        }
        c->precise = true;
        return -1;
    case OPT_PRECISION_OF: {
        char err[256];
        if (rr_precision_set_names(&c->precision, v, err, sizeof err) !=
            RR_OK)
            return cli_usage_error(cmd, "--precision-of: %s", err);
        c->precision_of = true;
        return -1;
    }
    case OPT_MAX_REPS:
        if (!parse_int(v, 2, 1000000, &n))
            return cli_usage_error(cmd, "--max-reps: expected a whole number "
                                   "from 2 to 1000000, got '%s'", v);
        c->precision.max_reps = (size_t)n;
        c->max_reps = true;
        return -1;
    case OPT_QUIET:
        c->quiet = true;
        return -1;
    case OPT_ROLLING:
        c->rolling = true;
        return -1;
    case OPT_KEYS:
        c->keys = true;
        return -1;
    case OPT_POLICY:
        if (!strchr(v, '=') || v[0] == '=')
            return cli_usage_error(cmd, "--policy: expected KEY=VALUE, got "
                                   "'%s'", v);
        if (c->n_policy >= CLI_MAX_SETS)
            return cli_usage_error(cmd, "too many --policy options (at most "
                                   "%d)", CLI_MAX_SETS);
        c->policy[c->n_policy++] = v;
        return -1;
    case OPT_WINDOW:
        c->window = v;
        return -1;
    case OPT_FROM:
        c->from = v;
        return -1;
    case OPT_SHARD: {
        char *e;
        unsigned long long i, k = 0;
        errno = 0;
        i = strtoull(v, &e, 10);
        if (*v < '1' || *v > '9' || errno || *e != '/' || e[1] < '1' ||
            e[1] > '9' || (k = strtoull(e + 1, &e, 10), errno) || *e ||
            i > k || k > 1000000)
            return cli_usage_error(c->cmd, "--shard: I/N expected, 1 <= I "
                                   "<= N <= 1000000 (2/8), got '%s'", v);
        c->shard = i - 1;
        c->shards = k;
        return -1;
    }
    case OPT_SAMPLES:
        if (!parse_int(v, 1, 100000, &n))
            return cli_usage_error(cmd, "--samples: expected a whole number "
                                   "from 1 to 100000, got '%s'", v);
        c->samples = n;
        return -1;
    case OPT_DESIGN:
        if (strcmp(v, "grid") == 0 && c->cmd_bit == CMD_SWEEP) {
            c->design = v;
            return -1;
        }
        if (strcmp(v, "lhs") != 0 && strcmp(v, "sobol") != 0)
            return cli_usage_error(cmd, "--design: expected %s, got '%s'",
                                   c->cmd_bit == CMD_SWEEP
                                       ? "grid, lhs or sobol"
                                       : "lhs or sobol",
                                   v);
        c->design = v;
        return -1;
    case OPT_HELP:
        c->help = true;
        return -1;
    }
    return -1;
}

#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

int cli_parse(int argc, char **argv, cli *c)
{
    size_t len = 0;
    for (int i = 0; i < argc; i++) {
        int w = snprintf(c->cmdline + len, sizeof c->cmdline - len, "%s%s",
                         i ? " " : "", argv[i]);
        if (w < 0 || (size_t)w >= sizeof c->cmdline - len)
            break;
        len += (size_t)w;
    }
    c->cmd = argv[1];
    c->cmd_bit = cli_command_bit(argv[1]);
    c->argc = argc;
    c->argv = argv;
    c->plot = "png";
    c->bootstrap = -1;
    rr_precision_init(&c->precision);
    /* --help anywhere wins over any mistake elsewhere */
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            c->help = true;
            return -1;
        }
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = NULL, *eq;
        const option *o;
        size_t nlen;
        int rc;

        /* "-" and "-1" are arguments, not options */
        if (a[0] != '-' || a[1] == '\0' ||
            (a[1] != '-' && !strchr(LETTERS, a[1]))) {
            if (c->cmd_bit & CMD_MERGE)
                continue; /* its shard folders: any number (cluster.c) */
            if (c->n_pos >= 2)
                return cli_usage_error(c->cmd, "unexpected argument '%s'",
                                       a);
            c->pos[c->n_pos++] = a;
            continue;
        }
        eq = a[1] == '-' ? strchr(a, '=') : NULL;
        nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (!(o = find_option(a, nlen)))
            return unknown(c, a, nlen);
        if (!(o->cmds & c->cmd_bit) && o->id == OPT_SHARD &&
            (c->cmd_bit & (CMD_CALIBRATE | CMD_VALIDATE)))
            return cli_usage_error(c->cmd, "option '--shard' does not "
                                   "apply to %s: "
                                   "each of its runs is chosen from the "
                                   "results of the ones before, so its "
                                   "work cannot be split in advance; run "
                                   "it whole (under mpirun to spread it "
                                   "over several machines)", c->cmd);
        if (!(o->cmds & c->cmd_bit))
            return cli_usage_error(c->cmd, "option '%s' does not apply to "
                                   "%s", o->name, c->cmd);
        if (o->arg) {
            if (eq)
                v = eq + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else
                return cli_usage_error(c->cmd, "option '%s' needs a value",
                                       o->name);
        } else if (eq) {
            return cli_usage_error(c->cmd, "option '%s' takes no value, got "
                                   "'%s'", o->name, a);
        }
        if ((rc = apply(c, o, v)) >= 0)
            return rc;
    }
    if (c->shards && (c->precise || c->trace))
        return cli_usage_error(c->cmd, "--shard does not go with %s: %s",
                               c->precise ? "--precision" : "--trace",
                               c->precise
                                   ? "the replications it runs are decided "
                                     "from all results so far; give a "
                                     "fixed number with --reps N (or run "
                                     "it under mpirun, which can)"
                                   : "the case records are written as the "
                                     "cases run, in one process");
    if (c->design && !c->samples && strcmp(c->design, "grid") != 0)
        return cli_usage_error(c->cmd, "--design applies only with "
                               "--samples");
    if (!c->precise && (c->precision_of || c->max_reps))
        return cli_usage_error(c->cmd, "%s applies only with --precision",
                               c->precision_of ? "--precision-of"
                                               : "--max-reps");
    return -1;
}
