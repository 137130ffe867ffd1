/*
 * plot_int.h - what the files of the charts share; not part of the
 * library's interface (rr_plot.h is).
 *
 * A chart is made in steps, one file each:
 *   plot_read.c     the CSV files of a results folder into the structures
 *                   below, through one table-driven column binder;
 *   plot_layout.c   pure layout: text widths, numbers, scales, axis tics,
 *                   rows of event labels, places of legend entries.  No
 *                   I/O at all, so tests/test_layout.c checks it without
 *                   gnuplot;
 *   plot_script.c   the pieces of a gnuplot script: the quoting every text
 *                   goes through (rr_plot_quote), terminal, heading,
 *                   legend, tics;
 *   plot_run.c      the four charts of a run;
 *   plot_sweep.c, plot_compare.c, plot_fit.c, plot_calibrate.c,
 *   plot_validate.c the chart of a sweep, a comparison, a fit, a
 *                   calibration, an out-of-sample check (a
 *                   sweep's panels placed by plot_sweep_layout.c, the
 *                   two sharing plot_sweep.h);
 *   plot_compare_years.c
 *                   a comparison's yearly effects;
 *   plot_gnuplot.c  the gnuplot process: found, started without a shell,
 *                   timed, stopped, its chart checked; or, in script mode,
 *                   the script written instead;
 *   plot.c          rr_plot_results and rr_plot_read: which charts a
 *                   folder gets, each script built in memory and drawn.
 *
 * Indicators are named through the registry (rr_indicator.h): no file of
 * the charts spells an indicator's name.
 *
 * Layout is in pixels of a 1280x720 chart (the SVG and PDF terminals are
 * given the same proportions), y counted from the top unless a name says
 * otherwise; gnuplot's screen coordinates are fractions, from the bottom.
 */
#ifndef RR_PLOT_INT_H
#define RR_PLOT_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rr_fit.h"       /* the roles of fit.csv's rows */
#include "rr_indicator.h"
#include "rr_plot.h"
#include "rr_scenario.h" /* rr_date */
#include "rr_sweep.h"    /* a sweep's words */

/* ---- the look ------------------------------------------------------------ */

/* Okabe-Ito, safe for colour-blind readers */
#define OI_ORANGE "#E69F00"
#define OI_SKY "#56B4E9"
#define OI_GREEN "#009E73"
#define OI_YELLOW "#F0E442"
#define OI_BLUE "#0072B2"
#define OI_VERMILLION "#D55E00"
#define OI_PURPLE "#CC79A7"
#define GREY "#999999"
/* bands, as the colours above laid over white (opaque: every reader of
 * SVG and PDF shows them alike) */
#define BAND_CI "#bfdcec"    /* blue at 25% */
#define BAND_LIGHT "#c4e5f7" /* sky blue at 35% */
#define BAND_MID "#7fbddf"   /* blue at 35% over the light band */

#define W 1280
#define H 720
#define FONT "Sans"
#define FS 14         /* base font size */
#define FS_EVENT 12
#define MAX_ROWS 9    /* rows of event labels (past 6, they are lower) */
#define MAX_PANELS 12 /* caseload: total + 11 stages */

/* ---- what is read (plot_read.c) ------------------------------------------- */

/* A policy event, or the warm-up. */
typedef struct rri_event {
    char *label;       /* cut to the chart's width */
    long from, until;  /* days since 1970-01-01; until = LONG_MAX: for good */
} rri_event;

/* The data of a run's charts: timeseries_summary.csv, and run.csv,
 * events.csv, summary.csv, time_to_departure.csv when there. */
typedef struct rri_rundata {
    char *scenario, *title, *source, *report, *version; /* never NULL */
    char *overrides;        /* run.csv's: "k=v; k2=v2", "" when none */
    size_t reps;
    size_t np;              /* periods */
    long *p0, *p1;          /* period start, and end + 1 day */
    size_t nm, cap_m;       /* metrics, in order of appearance */
    char **metric;
    double *mean, *lo, *hi; /* np * nm, NaN where there is no value */
    size_t ne;              /* events, the warm-up first */
    rri_event *ev;
    double kpi_mean, kpi_median, kpi_p90; /* time to departure, NaN */
    bool traced;            /* time_to_departure.csv was there */
    double *tq[5];          /* its 10, 25, 50, 75, 90% per period */
    bool staged;            /* stages_summary.csv was there */
    size_t ns;              /* its stages, in order of appearance (at
                               most RRI_MAX_STAGES) */
    char **stage;
    double *util;           /* mean utilisation of stage s in period k
                               at [k * RRI_MAX_STAGES + s], NaN where
                               none */
    char *foot;             /* a study's own first footer line ("Scenario
                               x · 64 samples × 10 replications"), or
                               NULL for a run's */
} rri_rundata;

/* Stages read from stages_summary.csv; those beyond are not drawn. */
#define RRI_MAX_STAGES 64

/* One row of run.csv, as the chart of a study uses it. */
typedef struct rri_runrow {
    char *scenario, *title, *source, *version; /* "" when absent */
    long start, end;        /* days since 1970; LONG_MAX when unknown */
    double warmup;          /* days */
    size_t reps;
} rri_runrow;

#define RRI_MAX_RUNROWS 2

/* sweep.csv, with the words of sweep_chart.csv: the varied keys' labels
 * and whether they are shares, the indicators drawn (in order), their
 * labels and whether they are shares.  Without sweep_chart.csv (a folder
 * of rrsim 0.2), the labels of rr_design_label and the default indicators
 * (rr_sweep_default_ind); no key is taken for a share. */
typedef struct rri_sweep {
    size_t nk;              /* varied keys */
    char **key;             /* nk */
    char **klabel;          /* nk, in words */
    bool *kshare;           /* nk */
    size_t np;              /* design points */
    char **val;             /* np * nk, the keys' values (NULL: no rows) */
    size_t ni;              /* indicators drawn, at most RR_SWEEP_MAX_IND */
    char **ind;             /* ni names */
    char **ilabel;          /* ni, in words */
    bool *ishare;           /* ni */
    double *mean, *lo, *hi; /* np * ni; shares in percent */
    size_t reps;
    char *scenario;
    bool sampled;           /* a space-filling design (sweep_chart.csv's
                               row `design`): drawn as scatters */
    char *design;           /* its words ("Latin hypercube"), or NULL */
} rri_sweep;

/* compare.csv. */
typedef struct rri_cmprow {
    char *kpi, *unit;
    double base, pol, diff, lo, hi;
} rri_cmprow;

typedef struct rri_compare {
    char *baseline, *policy;
    size_t n;
    rri_cmprow *row;
    size_t reps;
    long from, to;          /* the window (days since 1970), LONG_MAX when
                               the file does not say */
} rri_compare;

/* compare_years.csv: per indicator and calendar year. */
typedef struct rri_yearrow {
    long year;
    long from, to;          /* its days in the window; LONG_MAX: unknown */
    char *ind, *unit;
    double days;            /* of the year in the window; NaN: unknown */
    double base, pol, diff, lo, hi;
} rri_yearrow;

typedef struct rri_years {
    char *baseline, *policy;
    long effect_from;       /* the policy's date the chart marks (days
                               since 1970), LONG_MAX: none */
    char *note;             /* what that date is ("event ngo_subsidy") */
    size_t n;
    rri_yearrow *row;
    size_t reps;
} rri_years;

/* fit.csv. */
typedef struct rri_fitrow {
    long year;
    char *indicator, *note;
    int role; /* an rr_fit_role; -1 where fit.csv has no role column (one
                 written before roles were) */
    double observed, mean, lo, hi, rel;
} rri_fitrow;

typedef struct rri_fit {
    char *scenario;
    size_t n;
    rri_fitrow *row;
    size_t reps;
} rri_fit;

/* rri_read_run - the data of a run's charts from the folder dir.  RR_OK;
 * RR_EIO, RR_EPARSE, RR_ENOTFOUND (a missing column) or RR_ENOMEM with a
 * message naming file, line and column.  rri_rundata_fini frees it,
 * whatever was returned (d zeroed first). */
int rri_read_run(const char *dir, rri_rundata *d, char *err, size_t errlen);
void rri_rundata_fini(rri_rundata *d);

/* rri_metric_index - the index of the named metric in d, or -1. */
long rri_metric_index(const rri_rundata *d, const char *name);

/* rri_read_runrows - the first RRI_MAX_RUNROWS rows of DIR/run.csv into
 * rr (*n of them); none when the file is absent.  rri_runrows_fini frees
 * the *n rows. */
int rri_read_runrows(const char *dir, rri_runrow *rr, size_t *n, char *err,
                     size_t errlen);
void rri_runrows_fini(rri_runrow *r, size_t n);

/* rri_read_sweep, rri_read_compare, rri_read_fit - DIR/sweep.csv (and
 * sweep_chart.csv when there), compare.csv, fit.csv, which must exist;
 * each zeroes its structure first, and its _fini frees it whatever was
 * returned. */
int rri_read_sweep(const char *dir, rri_sweep *s, char *err, size_t errlen);
void rri_sweep_fini(rri_sweep *s);
int rri_read_compare(const char *dir, rri_compare *d, char *err,
                     size_t errlen);
void rri_compare_fini(rri_compare *d);
int rri_read_fit(const char *dir, rri_fit *d, char *err, size_t errlen);
void rri_fit_fini(rri_fit *d);
/* rri_read_compare_years - DIR/compare_years.csv, which must exist. */
int rri_read_compare_years(const char *dir, rri_years *d, char *err,
                           size_t errlen);
void rri_years_fini(rri_years *d);

/* ---- pure layout (plot_layout.c) ------------------------------------------ */

/* rri_sy - a distance in pixels from the top as a screen fraction. */
static inline double rri_sy(double px_from_top)
{
    return 1.0 - px_from_top / H;
}

/* rri_text_px - the width of a text in pixels at font size fs (points,
 * drawn at 96 dpi): DejaVu Sans's advance widths for ASCII, 0.65 em for
 * anything else. */
double rri_text_px(const char *s, double fs);

/* rri_text_fit - cut text (in a buffer of size bytes) with "…" so that it
 * is at most max_px wide; never inside a UTF-8 sequence. */
void rri_text_fit(char *text, size_t size, double fs, double max_px);

/* rri_wrap2 - text on at most two lines that fit the chart's width at
 * 11 points, split after a `sep` ("; ", ". ") where possible, the second
 * cut with "…"; l2 empty when one line does.  l1 and l2 hold n bytes. */
void rri_wrap2(const char *text, const char *sep, char *l1, char *l2,
               size_t n);

/* rri_fmt_number - x with dec decimals and thousands separators
 * ("12,345.6"). */
void rri_fmt_number(double x, int dec, char *buf, size_t n);

/* rri_num_text - the same with a minus sign (U+2212) and, with plus, a
 * plus sign before a positive number; no sign on a zero. */
void rri_num_text(double x, int dec, bool plus, char *buf, size_t n);

/* rri_decimals - enough decimals to show x to about three digits. */
int rri_decimals(double x);

/* rri_date_text - "1 Jan 2020". */
void rri_date_text(long day, char *buf, size_t n);

/* rri_kpi_span - "1 Jan 2019 – 31 Dec 2023": the days the indicators of a
 * study cover (the run after its warm-up); "" when run.csv does not say
 * (r NULL, or no start or end).  rri_source_of - the source line of one
 * or two scenarios (baseline and policy): the one source, or both. */
void rri_kpi_span(const rri_runrow *r, char *buf, size_t n);
void rri_source_of(const rri_runrow *r, size_t n, char *buf, size_t len);

/* rri_grid_cols - columns of a grid of n panels: few empty cells, panels
 * wider than tall (n above MAX_PANELS counts as MAX_PANELS). */
size_t rri_grid_cols(size_t n);

/* A scale: round tics every `step` from a to b, labelled with dec
 * decimals. */
typedef struct rri_scale {
    double a, b, step;
    int dec;
} rri_scale;

/* rri_nice_scale - about `target` round steps (1, 2, 2.5, 5 times a power
 * of ten) from a <= lo to b >= hi; a span of zero is widened. */
rri_scale rri_nice_scale(double lo, double hi, int target);

/* rri_count_scale - [0, a round top above max * room] in round steps, about
 * `target` of them (an axis of counts: a run's charts). */
rri_scale rri_count_scale(double max, int target, double room);

/* rri_fitting_scale - a horizontal scale from lo - pad to hi + pad over
 * width pixels, with at most `target` steps and fewer where the labels at
 * 11 points would touch. */
rri_scale rri_fitting_scale(double lo, double hi, double pad, double width,
                            bool plus, int target);

/* rri_panel_scale - a vertical scale for values from lo to hi: from zero
 * when that leaves the data more than half the height; otherwise around
 * the data, but at least a tenth of their size tall, so that sampling
 * noise is not drawn as a trend.  *zero tells whether zero is on it. */
rri_scale rri_panel_scale(double lo, double hi, bool *zero);

/* rri_scale_label - the label of tic value v ("0" for zero). */
void rri_scale_label(const rri_scale *s, double v, bool plus, char *buf,
                     size_t n);

/* rri_scale_width - the widest tic label of a scale at size fs, pixels. */
double rri_scale_width(const rri_scale *s, bool plus, double fs);

/* A tic: its place on the axis, its label ("" for none) and whether it is
 * a minor one (a shorter mark, gnuplot's level 1). */
typedef struct rri_tic {
    double at;
    char label[128];
    bool minor;
} rri_tic;

/* A list of tics.  `blank`: every tic is a mark without text (written as
 * gnuplot's ""), the text being placed by labels of their own. */
typedef struct rri_tics {
    rri_tic *v;
    size_t n, cap;
    bool blank;
} rri_tics;

/* rri_tics_add - one tic more; RR_ENOMEM.  rri_tics_fini frees the list. */
int rri_tics_add(rri_tics *t, double at, const char *label, bool minor);
void rri_tics_fini(rri_tics *t);

/* rri_scale_tics - the tics of a scale: the multiples of step from a to
 * b, labelled (rri_scale_label) when `labels`.  rri_count_tics - those of
 * a count scale (rri_count_scale), labelled with thousands separators. */
int rri_scale_tics(const rri_scale *s, bool labels, bool plus,
                   rri_tics *out);
int rri_count_tics(const rri_scale *s, rri_tics *out);

/* rri_value_tics - the tics of n values at pos[] (labels label[]) on an
 * axis from lo to hi drawn width px wide: the values themselves when they
 * are categories (not `numeric`; every k-th labelled where the labels at
 * 11 points would crowd) or numbers whose labels have room; otherwise the
 * round numbers of a scale, whole ones only when `whole`, *scaled set.
 * RR_OK or RR_ENOMEM. */
int rri_value_tics(const double *pos, const char *const *label, size_t n,
                   bool numeric, bool whole, double lo, double hi,
                   double width, rri_tics *out, bool *scaled);

/* A time axis from day x0 to day x1: the tics, and for runs of more than
 * 912 days (years) the year labels, placed between the tics (in the
 * middle of each year, or at its start when only every 5th or more is
 * named). */
typedef struct rri_time_axis {
    rri_tics tics;
    rri_tics years; /* at: the day; label: the year */
} rri_time_axis;

/* rri_time_axis_init - tics at calendar boundaries between days x0 and
 * x1 over a plot width_px wide, labelled at size fs: years (every 1, 2, 5, 10 or
 * 20, with quarters as minor tics where there is room) for runs of more
 * than 912 days, else months (every 1, 3, 6 or 12 labelled, "Jan 2020"
 * where the year changes) for more than 56, else every 7 or 14 days.
 * Without labels only the marks.  RR_OK or RR_ENOMEM; rri_time_axis_fini
 * frees it either way. */
int rri_time_axis_init(long x0, long x1, bool labels, double fs,
                       double width_px, rri_time_axis *ax);
void rri_time_axis_fini(rri_time_axis *ax);

/* A horizontal mapping of days onto the chart: x0 .. x1 over the screen
 * fractions L .. R. */
typedef struct rri_xmap {
    long x0, x1;
    double L, R;
} rri_xmap;

/* rri_x_px - the pixel of a day. */
double rri_x_px(const rri_xmap *m, double day);

/* rri_event_rows - rows for the labels of events ev[0..n) in the band
 * above a plot: each takes the extent of its label (at FS_EVENT) and of
 * its bar, and extents in a row keep 16 pixels apart; when no row of
 * MAX_ROWS is free, the least crowded one.  row[i] is the row of event i,
 * -1 for one outside the x range (or that found no place); returns the
 * rows used. */
int rri_event_rows(const rri_event *ev, size_t n, const rri_xmap *m,
                   int *row);

/* A legend entry: a box of a colour, a line, a point, or an error bar. */
typedef struct rri_key {
    const char *title;
    const char *colour;
    char kind;          /* 'b' box, 'l' line, 'p' point, 'e' vertical and
                           'h' horizontal error bar */
    const char *dash;   /* 'l': a gnuplot dash pattern, or NULL; 'p': the
                           point ("pt 7 ps 1.2"), on a line when lw > 0 */
    double lw;          /* 'l', 'p', 'e', 'h' */
} rri_key;

#define RRI_KEY_FS 13     /* font size of the entries */
#define RRI_KEY_SWATCH 26 /* width of the swatch, then 8 px to the text */
#define RRI_KEY_GAP 30    /* between entries */

/* rri_legend_rows - 1, or 2 when the entries in a row would be wider than
 * 94% of the chart. */
int rri_legend_rows(const rri_key *e, size_t n);

/* rri_legend_place - where each entry goes: x[i] the left of its swatch
 * and y[i] its middle, in pixels from the left and from the bottom.  One
 * row centred on mid_px at px_up, or two (8 px above and 14 below), the
 * first about half as wide as all, never left of 2% of the chart. */
void rri_legend_place(const rri_key *e, size_t n, double mid_px,
                      double px_up, double *x, double *y);

/* ---- script pieces (plot_script.c) ---------------------------------------- */

/* rri_gp_str - a text in a script (rr_plot_quote): the one way any text
 * is written.  rri_gp_num - a number, NaN for NaN or an infinity. */
void rri_gp_str(FILE *g, const char *s);
void rri_gp_num(FILE *g, double x);

/* rri_gp_style - the terminal (format, size, font), output file `out`
 * and the common look: border, tics, grid, fill. */
void rri_gp_style(FILE *g, rr_plot_format fmt, const char *out);

/* rri_gp_small_text - a line of small grey text at px_from_top, cut to
 * the chart's width. */
void rri_gp_small_text(FILE *g, const char *text, double px_from_top);

/* rri_gp_heading - title, subtitle and the two footer lines: `foot` (what
 * was run) and the source ("Source: " added unless it says so). */
void rri_gp_heading(FILE *g, const char *title, const char *subtitle,
                    const char *foot, const char *source);

/* rri_gp_margins - the plot area, screen fractions. */
void rri_gp_margins(FILE *g, double L, double R, double T, double B);

/* rri_gp_legend - the entries as rri_legend_place places them, drawn as
 * labels, arrows and objects so that nothing wraps unplanned ("unset key"
 * first). */
void rri_gp_legend(FILE *g, const rri_key *e, size_t n, double mid_px,
                   double px_up);

/* rri_gp_range - "set Xrange [a:b]". */
void rri_gp_range(FILE *g, const char *axis, double a, double b);

/* rri_gp_tics - "set Xtics (...)" of a list. */
void rri_gp_tics(FILE *g, const char *axis, const rri_tics *t);

/* rri_gp_scale - the range and tics of a scale on axis "x" or "y", labels
 * empty unless `labels`; rri_gp_count_axis - the y axis of counts up to
 * max (rri_count_scale); rri_gp_time_axis - the x tics of days x0 to x1
 * and the year labels (rri_time_axis).  RR_OK or RR_ENOMEM. */
int rri_gp_scale(FILE *g, const char *axis, const rri_scale *s, bool labels,
                 bool plus);
int rri_gp_count_axis(FILE *g, double max, int target, double room);
int rri_gp_time_axis(FILE *g, long x0, long x1, bool labels, double fs,
                     double width_px);

/* rri_gp_nothing - a message in the middle of a chart without a plot (the
 * heading and notes are set already). */
void rri_gp_nothing(FILE *g, const char *message);

/* ---- the charts --------------------------------------------------------------- */

/* The charts of a run (plot_run.c), in the order drawn: the name of chart
 * i (its file is NAME.EXT), and its script for d into g, its output named
 * out.  RR_OK or RR_ENOMEM. */
#define RRI_RUN_CHARTS 5
const char *rri_run_chart_name(size_t i);
/* rri_run_chart_has - whether d has the data of chart i (the utilisation
 * chart needs stages_summary.csv, which folders of rrsim 0.2.0 and before
 * lack: they are redrawn as they were). */
bool rri_run_chart_has(size_t i, const rri_rundata *d);
int rri_run_chart(size_t i, FILE *g, const rri_rundata *d,
                  rr_plot_format fmt, const char *out);

/* The chart of a study, from its data and the rows of run.csv (ri[0] the
 * scenario's; a comparison's ri[1] the policy's): plot_sweep.c,
 * plot_compare.c, plot_fit.c.  RR_OK or RR_ENOMEM. */
int rri_draw_sweep(FILE *g, rr_plot_format fmt, const char *out,
                   const rri_sweep *s, const rri_runrow *ri, size_t nri);
int rri_draw_compare(FILE *g, rr_plot_format fmt, const char *out,
                     const rri_compare *d, const rri_runrow *ri, size_t nri);
int rri_draw_fit(FILE *g, rr_plot_format fmt, const char *out,
                 const rri_fit *d, const rri_runrow *ri, size_t nri);
/* The chart of a comparison's yearly effects (plot_compare_years.c). */
int rri_draw_compare_years(FILE *g, rr_plot_format fmt, const char *out,
                           const rri_years *d, const rri_runrow *ri,
                           size_t nri);

/* rri_read_run_frame - what a chart over the periods d->p0/p1 (d->np of
 * them, set by the caller) takes from run.csv and events.csv: scenario,
 * title, source, report, version, replications, the warm-up and the
 * events.  For a study's charts drawn in a run's frame (plot_fan.c). */
int rri_read_run_frame(const char *dir, rri_rundata *d, char *err,
                       size_t errlen);

/* A fan chart in a run's frame (plot_run.c): per period the five
 * quantiles q[0..4] (5, 25, 50, 75, 95%) of a series over samples; the
 * median as a line, the middle 50% and 90% as bands.  stock: a level at
 * each period's end (drawn there), else a flow over the period (drawn at
 * its middle). */
typedef struct rri_fan {
    const char *title, *subtitle, *xlabel, *ylabel;
    const double *q[5];
    bool stock;
    const char *key_median, *key_mid, *key_outer;
} rri_fan;
int rri_run_fan(FILE *g, const rri_rundata *d, rr_plot_format fmt,
                const char *out, const rri_fan *f);

/* A chart module's work (rri_chart_fn): read the files of the folder
 * results, checked, and write the script of the chart `out` in format fmt
 * on g.  RR_OK, or the status of rr_plot_results with a message; plot.c
 * opens the script, finds gnuplot and draws. */
typedef int rri_chart_fn(FILE *g, const char *results, rr_plot_format fmt,
                         const char *out, char *err, size_t errlen);

/* The chart of a calibration (plot_calibrate.c): calibrate.EXT from
 * RESULTS/calibrate.csv (with calibrate_report.csv and run.csv when
 * there).  rri_read_calibrate reads and checks the files alone into *data
 * (rri_calibrate_free frees it, whatever was returned). */
rri_chart_fn rri_chart_calibrate;
int rri_read_calibrate(const char *dir, void **data, char *err,
                       size_t errlen);
void rri_calibrate_free(void *data);

/* The chart of an out-of-sample check (plot_validate.c): validate.EXT from
 * RESULTS/validate.csv and run.csv.  rri_read_validate reads and checks
 * validate.csv alone. */
rri_chart_fn rri_chart_validate;

/* The fan charts of an uncertainty study (plot_fan.c), from
 * uncertainty_timeseries.csv, run.csv and events.csv. */
rri_chart_fn rri_chart_fan_departures;
rri_chart_fn rri_chart_fan_caseload;
int rri_read_fan(const char *results, char *err, size_t errlen);
int rri_read_validate(const char *results, char *err, size_t errlen);

/* The charts of a sensitivity study (plot_sensitivity.c): one per
 * indicator of RESULTS/sensitivity.csv.  rri_read_sensitivity reads and
 * checks the file into *data (rri_sens_free frees it, whatever was
 * returned); rri_sens_charts - how many charts; rri_sens_chart_name - the
 * name of chart i without extension ("sensitivity_caseload_end", or
 * numbered when the indicator's name is not plain letters, digits and _);
 * rri_draw_sensitivity - its script (run.csv's row ri may be NULL). */
typedef struct rri_sens rri_sens;
int rri_read_sensitivity(const char *results, rri_sens **data, char *err,
                         size_t errlen);
size_t rri_sens_charts(const rri_sens *d);
const char *rri_sens_chart_name(const rri_sens *d, size_t i);
int rri_draw_sensitivity(FILE *g, const rri_sens *d, size_t i,
                         const rri_runrow *ri, rr_plot_format fmt,
                         const char *out);
void rri_sens_free(rri_sens *d);

/* The charts of a sampled sweep (plot_sweep_sampled.c): one per varied
 * setting, sweep_KEY.EXT (numbered, sweep_1, when the key is not plain
 * letters, digits, _ and .), each a panel per indicator with the design
 * points as dots against the setting and a smoother through them.
 * rri_sweep_sampled_name - chart i's name without extension into buf. */
void rri_sweep_sampled_name(const rri_sweep *s, size_t i, char *buf,
                            size_t n);
int rri_draw_sweep_sampled(FILE *g, rr_plot_format fmt, const char *out,
                           const rri_sweep *s, size_t key,
                           const rri_runrow *ri, size_t nri);

/* rri_loess - the smoother of a scatter (smooth.c): at each of at[0..m)
 * the local linear fit of the points (x[i], y[i]) among the span * n
 * nearest in x (at least 2), weighted by the tricube of their distance
 * over the farthest's; points with a non-finite coordinate are left out.
 * out[j] NAN where no point counts.  RR_OK or RR_ENOMEM. */
int rri_loess(const double *x, const double *y, size_t n, double span,
              const double *at, size_t m, double *out);

/* ---- gnuplot (plot_gnuplot.c) ---------------------------------------------- */

/* A chart for gnuplot to draw. */
typedef struct rri_gp_job {
    const char *gnuplot;   /* the program ("" in script mode) */
    const char *dir;       /* the charts' folder, gnuplot's working folder */
    const char *name;      /* the chart's file name, in dir */
    rr_plot_format fmt;
    double timeout;        /* seconds */
    atomic_int *stop;      /* or NULL */
    bool script;           /* write the script as STEM.gp, draw nothing */
} rri_gp_job;

/* rri_gp_need - the program into buf (n bytes); RR_ENOTFOUND with a
 * message when there is none.  In script mode none is needed: buf "". */
int rri_gp_need(char *buf, size_t n, char *err, size_t errlen);

/* rri_gp_draw - have gnuplot draw the script (len bytes) and check the
 * chart it wrote; in script mode (job->script) write the script as
 * DIR/STEM.gp instead ("departures.png" -> "departures.gp").  RR_OK;
 * RR_EIO (gnuplot failed, was late, wrote an incomplete chart; the script
 * could not be written), RR_EINTR (*job->stop set) with a message. */
int rri_gp_draw(const rri_gp_job *job, const char *script, size_t len,
                char *err, size_t errlen);

#endif
