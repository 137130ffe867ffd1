/*
 * rr_plot.h - charts of a results folder, drawn by gnuplot through a pipe.
 *
 * The charts are made from the CSV files of a results folder alone
 * (timeseries_summary.csv, summary.csv, run.csv, events.csv and, after a
 * traced run, time_to_departure.csv), so `rrsim run` and `rrsim plot` draw
 * the same charts.  Each chart is one gnuplot process, started without a
 * shell and fed its script through a pipe; its data goes inline as
 * datablocks ($data << EOD), so no temporary file is made.
 *
 * The CSV files may come from anyone, so nothing in them is trusted:
 *   - every text that reaches gnuplot (titles, sources, event labels,
 *     stage, country and indicator names, notes of observed figures, the
 *     values of a sweep) is written by rr_plot_quote in single quotes,
 *     where gnuplot runs no backquoted command, expands no @macro and
 *     reads no backslash escape (a ' itself as "\047"), with every control
 *     character (a newline would end the command) made a space; the
 *     terminals are set `noenhanced`, so ^ _ @ & ~ { } \ are drawn as
 *     they are;
 *   - no path reaches gnuplot: it runs in the folder of the charts and
 *     writes to a fixed name (departures.png, ...), so no file name can
 *     start with '|' (a pipe to a shell in `set output`);
 *   - the program is /usr/local/bin/gnuplot, /usr/bin/gnuplot or
 *     /bin/gnuplot, the first found, never one found through PATH (which
 *     may hold '.' or an empty entry, i.e. the folder a received results
 *     folder was unpacked in); the environment variable RRSIM_GNUPLOT,
 *     when set and not empty, names the program to run instead (for tests
 *     and for gnuplot installed elsewhere);
 *   - it runs with -d (no gnuplotrc, no ~/.gnuplot), in a process group of
 *     its own, with its standard output to /dev/null and its standard error
 *     kept, the end of which is quoted when it fails;
 *   - it is given a time per chart (rr_plot_opts.timeout), after which it
 *     and its process group are killed and reaped, and the stop flag is
 *     looked at every 100 ms while it draws, so that a signal stops it
 *     within a fraction of a second;
 *   - what it wrote is checked before the chart counts as drawn: a PNG
 *     must be the PNG signature, then chunks from IHDR to an IEND that ends
 *     the file; an SVG must end with </svg>; a PDF start with %PDF- and end
 *     with %%EOF (trailing white space allowed either way).  A full disk
 *     gives a truncated file and gnuplot may still exit 0.
 *
 * The charts (docs/outputs.md shows how to read them):
 *   departures.EXT          departures by kind per period, stacked;
 *   caseload.EXT            caseload per stage at each period end, mean and
 *                           95% CI band, one panel per stage;
 *   time_to_departure.EXT   days from entry to verified departure by period
 *                           of departure: median with 25-75% and 10-90%
 *                           bands after a traced run, otherwise the mean
 *                           with its 95% CI band and the run's median and
 *                           90th percentile;
 *   reintegration.EXT       verified departures by reintegration provider
 *                           per period, stacked.
 * Every chart draws the scenario's policy events (a line at the start, a
 * shaded window while active, the label in a band above the plot), and has
 * a title, axis labels with units, a legend, the scenario and the source.
 *
 * The folder of a sweep, a comparison or a fit has one chart, drawn from
 * its CSV file and run.csv (one row per scenario; a comparison's has two,
 * the baseline first):
 *   sweep.EXT     from sweep.csv and sweep_chart.csv (the settings'
 *                 and indicators' words, the indicators drawn): the
 *                 indicators against the first varied setting, one panel
 *                 each on its own scale, mean and 95% CI; a second gives
 *                 one line per value (or is put on the axis when it has
 *                 more than 8 values and the first fewer); a third and
 *                 more a panel per value (small multiples, an indicator's
 *                 panels on one scale); shares in percent;
 *   compare.EXT   from compare.csv: each indicator's paired difference,
 *                 policy minus baseline, a dot with its 95% CI, in panels
 *                 of persons, days and percentage points;
 *   fit.EXT       from fit.csv: observed figure and simulated mean with
 *                 its 95% CI per indicator and year, relative error above.
 *
 * The caller should ignore SIGPIPE: a gnuplot that dies early would
 * otherwise end the program while its script is being written.
 */
#ifndef RR_PLOT_H
#define RR_PLOT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum rr_plot_format {
    RR_PLOT_NONE = 0,
    RR_PLOT_PNG,  /* 1280x720 pixels */
    RR_PLOT_SVG,  /* 1280x720 */
    RR_PLOT_PDF   /* 13.33x7.5 inches, the same layout */
} rr_plot_format;

/* rr_plot_format_parse - "png", "svg", "pdf" or "none"; RR_EINVAL
 * otherwise. */
int rr_plot_format_parse(const char *s, rr_plot_format *out);

/* The seconds gnuplot may take over one chart unless told otherwise. */
#define RR_PLOT_TIMEOUT_DEFAULT 60.0

/* How the charts are drawn. */
typedef struct rr_plot_opts {
    rr_plot_format format;
    double timeout;      /* seconds per chart; 0 for RR_PLOT_TIMEOUT_DEFAULT */
    atomic_int *stop;    /* NULL, or a flag a signal handler sets: drawing
                            stops within 100 ms of it becoming non-zero */
} rr_plot_opts;

/* rr_plot_script_mode - whether the environment variable
 * RRSIM_GNUPLOT_SCRIPT is set to 1.  Then rr_plot_results draws nothing:
 * it writes each chart's gnuplot script, the one it would feed gnuplot,
 * into the charts' folder as NAME.gp (departures.gp, sweep.gp, ...), and
 * needs no gnuplot.  The scripts hold no path (gnuplot would run in the
 * charts' folder and write to a fixed name), so they are the same
 * wherever the results folder is; tests compare them with golden copies
 * (tests/golden_scripts.sh). */
bool rr_plot_script_mode(void);

/* rr_plot_find_gnuplot - the gnuplot program into buf: $RRSIM_GNUPLOT
 * when set and not empty, else the first of /usr/local/bin/gnuplot,
 * /usr/bin/gnuplot and /bin/gnuplot that is an executable file (PATH is
 * not searched).  False, with buf empty, when there is none (or
 * RRSIM_GNUPLOT names no executable file). */
bool rr_plot_find_gnuplot(char *buf, size_t n);

/* rr_plot_quote - write s to out as a gnuplot string expression that
 * gnuplot reads back as s and that is inert: s in single quotes (in which
 * gnuplot substitutes no `command`, expands no @macro and reads \ as
 * itself), each ' in it written as "\047" joined with the . operator
 * ('it'."\047".'s'; gnuplot's scanner does not read a doubled '' at the
 * start of a string or after another one); every control character (C0,
 * DEL, C1, U+2028, U+2029) written as a space, so that the string stays
 * on its line; each byte that is not part of valid UTF-8 (overlong forms
 * and surrogates included) written as U+FFFD.  "" is ''.  Any length.
 * Returns RR_OK, or RR_EIO when out has its error flag set. */
int rr_plot_quote(FILE *out, const char *s);

/* rr_plot_check_chart - whether the file at path is a complete chart of
 * format fmt (see above: PNG chunks up to IEND, </svg>, %%EOF).  RR_OK;
 * RR_EIO with a message naming the file by its last component when it
 * cannot be read or is incomplete. */
int rr_plot_check_chart(const char *path, rr_plot_format fmt, char *err,
                        size_t errlen);

/* rr_plot_has_data - whether the folder holds a CSV file that charts are
 * drawn from: timeseries_summary.csv, sweep.csv, compare.csv or fit.csv. */
bool rr_plot_has_data(const char *results);

/* rr_plot_results - draw the charts of the results folder `results` into
 * the existing folder `plots`, in opts->format (nothing for RR_PLOT_NONE):
 * a run's four charts when it holds timeseries_summary.csv, and sweep,
 * compare or fit when it holds sweep.csv, compare.csv or fit.csv.  Returns
 * RR_OK; RR_EIO when a CSV file cannot be read, gnuplot cannot be started,
 * fails ("gnuplot failed drawing 'departures.png' (exit status N): its
 * last line of messages"), takes longer than the time allowed, or writes
 * an incomplete chart; RR_EPARSE / RR_ENOTFOUND for CSV files without the
 * expected columns or values; RR_ENOTFOUND when gnuplot is not installed;
 * RR_EINTR when *opts->stop became non-zero (gnuplot is then killed);
 * RR_ENOMEM.  The message is in err.  Charts drawn before a failure stay
 * in `plots` (the caller removes the folder). */
int rr_plot_results(const char *results, const char *plots,
                    const rr_plot_opts *opts, char *err, size_t errlen);

/* rr_plot_read - read and check the CSV files of `results` that
 * rr_plot_results would draw from, as it does, without drawing anything:
 * RR_OK, or the status and message rr_plot_results would give for them.
 * For tests (the fuzz targets of tests/fuzz/). */
int rr_plot_read(const char *results, char *err, size_t errlen);

#endif
