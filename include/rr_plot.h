/*
 * rr_plot.h - charts of a results folder, drawn by gnuplot through a pipe.
 *
 * The charts are made from the CSV files of a results folder alone
 * (timeseries_summary.csv, summary.csv, run.csv, events.csv and, after a
 * traced run, time_to_departure.csv), so `rrsim run` and `rrsim plot` draw
 * the same charts.  Each chart is one gnuplot process fed by popen(); its
 * data goes inline as datablocks ($data << EOD), so no temporary file is
 * made.  A chart that gnuplot fails to draw is reported with gnuplot's exit
 * status (gnuplot's own messages go to the inherited stderr).
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
 *   sweep.EXT     from sweep.csv: the main indicators against the first
 *                 varied key, one panel each on its own scale, mean and
 *                 95% CI; a second key gives one line per value (or is
 *                 put on the axis when it has more than 8 values and the
 *                 first fewer); with more keys the points are numbered;
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

#include <stdbool.h>
#include <stddef.h>

typedef enum rr_plot_format {
    RR_PLOT_NONE = 0,
    RR_PLOT_PNG,  /* 1280x720 pixels */
    RR_PLOT_SVG,  /* 1280x720 */
    RR_PLOT_PDF   /* 13.33x7.5 inches, the same layout */
} rr_plot_format;

/* rr_plot_format_parse - "png", "svg", "pdf" or "none"; RR_EINVAL
 * otherwise. */
int rr_plot_format_parse(const char *s, rr_plot_format *out);

/* rr_plot_find_gnuplot - the gnuplot program on PATH, into buf; false when
 * there is none. */
bool rr_plot_find_gnuplot(char *buf, size_t n);

/* rr_plot_has_data - whether the folder holds a CSV file that charts are
 * drawn from: timeseries_summary.csv, sweep.csv, compare.csv or fit.csv. */
bool rr_plot_has_data(const char *results);

/* rr_plot_results - draw the charts of the results folder `results` into
 * the existing folder `plots`: a run's four charts when it holds
 * timeseries_summary.csv, and sweep, compare or fit when it holds
 * sweep.csv, compare.csv or fit.csv.  Returns RR_OK; RR_EIO when a CSV file
 * cannot be read or gnuplot fails ("gnuplot failed drawing
 * 'departures.png' (exit status N)"); RR_EPARSE / RR_ENOTFOUND for CSV files without the expected
 * columns or values; RR_ENOTFOUND when gnuplot is not installed;
 * RR_ENOMEM.  The message is in err. */
int rr_plot_results(const char *results, const char *plots,
                    rr_plot_format fmt, char *err, size_t errlen);

/* rr_plot_read - read and check the CSV files of `results` that
 * rr_plot_results would draw from, as it does, without drawing anything:
 * RR_OK, or the status and message rr_plot_results would give for them.
 * For tests (the fuzz targets of tests/fuzz/). */
int rr_plot_read(const char *results, char *err, size_t errlen);

#endif
