/*
 * plot.c - charts of a results folder through gnuplot.
 *
 * Uses only the public headers.  Reads the CSV files of a results folder
 * with libcsv (rr_table.h), writes one gnuplot script per chart into
 * memory and feeds it through a pipe to a gnuplot started with
 * posix_spawn (no shell) in the charts' folder; the data go inline as
 * datablocks, so nothing is written but the charts.
 *
 * The texts of the CSV files are hostile (rr_plot.h): every text in a
 * script, whatever its origin, is written by gp_str (rr_plot_quote), and
 * nothing else of a script is made of text read from a file - numbers are
 * printed with %g or %ld, colours and fonts are constants.
 *
 * Layout, in pixels of a 1280x720 chart (the SVG and PDF terminals are
 * given the same proportions): a title and a subtitle at the top left,
 * then a band of policy events - a bar over the time each is active, its
 * label above the bar, staggered on rows so that no two overlap - then the
 * plot, the legend under it and two footer lines (the scenario, the
 * source).  Axis tics are placed here, not by gnuplot, so that dates read
 * as years, quarters or months and numbers carry thousands separators.
 * Colours are the Okabe-Ito palette, safe for colour-blind readers.
 *
 * Sweeps, comparisons and fits have one chart each, in small panels with
 * their own scales, the same heading, legend and footer; their section
 * below says how each is laid out.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_plot.h"
#include "rr_scenario.h"
#include "rr_table.h"

/* Okabe-Ito */
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
#define MAX_ROWS 6    /* rows of event labels */
#define MAX_PANELS 12 /* caseload: total + 11 stages */

/* {===================================================================
 * Data of a results folder
 * ==================================================================== */

typedef struct event {
    char *label;
    long from, until;  /* days since 1970-01-01; until = LONG_MAX: for good */
} event;

typedef struct pdata {
    const char *dir;
    char *scenario, *title, *source, *report, *version;
    size_t reps;
    /* timeseries_summary.csv */
    size_t np;
    long *p0, *p1;      /* period start, and end + 1 day */
    size_t nm, cap_m;
    char **metric;
    double *mean, *lo, *hi; /* np * nm */
    /* events.csv, and the warm-up */
    size_t ne;
    event *ev;
    /* summary.csv */
    double kpi_mean, kpi_median, kpi_p90;
    /* time_to_departure.csv (after a traced run) */
    bool traced;
    double *tq[5];      /* 10, 25, 50, 75, 90% per period */
} pdata;

static void pdata_fini(pdata *d)
{
    free(d->scenario);
    free(d->title);
    free(d->source);
    free(d->report);
    free(d->version);
    free(d->p0);
    free(d->p1);
    for (size_t i = 0; i < d->nm; i++)
        free(d->metric[i]);
    free(d->metric);
    free(d->mean);
    free(d->lo);
    free(d->hi);
    for (size_t i = 0; i < d->ne; i++)
        free(d->ev[i].label);
    free(d->ev);
    for (int i = 0; i < 5; i++)
        free(d->tq[i]);
}

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

/* read_csv_in - DIR/NAME; *t = NULL without an error when optional and
 * absent. */
static int read_csv_in(const char *dir, const char *name, bool optional,
                       rr_table **t, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (optional && access(path, F_OK) != 0)
        return RR_OK;
    return rr_table_read(path, t, err, errlen);
}

static int read_csv(const pdata *d, const char *name, bool optional,
                    rr_table **t, char *err, size_t errlen)
{
    return read_csv_in(d->dir, name, optional, t, err, errlen);
}

/* cell_number - a number, NAN for "NA" or an empty cell. */
static int cell_number(const rr_table *t, size_t r, int c, double *x,
                       char *err, size_t errlen)
{
    const char *s = rr_table_cell(t, r, (size_t)c);
    if (!*s || strcmp(s, "NA") == 0) {
        *x = NAN;
        return RR_OK;
    }
    return rr_table_number(t, r, (size_t)c, x, err, errlen);
}

/* cell_day - a date as days since 1970; LONG_MAX for "NA" or empty when
 * allowed. */
static int cell_day(const rr_table *t, size_t r, int c, bool na_ok,
                    long *day, char *err, size_t errlen)
{
    const char *s = rr_table_cell(t, r, (size_t)c);
    rr_date dt;
    if (na_ok && (!*s || strcmp(s, "NA") == 0)) {
        *day = LONG_MAX;
        return RR_OK;
    }
    if (rr_date_parse(s, &dt) != RR_OK) {
        snprintf(err, errlen,
                 "%s:%zu: column '%s': expected a date YYYY-MM-DD, got '%s'",
                 t->path, t->line[r], t->header[c], s);
        return RR_EPARSE;
    }
    *day = rr_date_days(dt);
    return RR_OK;
}

static long metric_index(const pdata *d, const char *name)
{
    for (size_t i = 0; i < d->nm; i++)
        if (strcmp(d->metric[i], name) == 0)
            return (long)i;
    return -1;
}

/* load_series - timeseries_summary.csv: rows grouped by period. */
static int load_series(pdata *d, char *err, size_t errlen)
{
    rr_table *t;
    int cs, ce, cm, cmean, clo, chi, crep, csc;
    int rc = read_csv(d, "timeseries_summary.csv", false, &t, err, errlen);
    size_t *pidx = NULL;
    long *midx = NULL;

    if (rc != RR_OK)
        return rc;
    if ((rc = rr_table_require(t, "scenario", &csc, err, errlen)) ||
        (rc = rr_table_require(t, "period_start", &cs, err, errlen)) ||
        (rc = rr_table_require(t, "period_end", &ce, err, errlen)) ||
        (rc = rr_table_require(t, "metric", &cm, err, errlen)) ||
        (rc = rr_table_require(t, "mean", &cmean, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_low", &clo, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_high", &chi, err, errlen)) ||
        (rc = rr_table_require(t, "replications", &crep, err, errlen)))
        goto out;
    if (t->n_rows == 0) {
        snprintf(err, errlen, "%s: no data rows", t->path);
        rc = RR_EPARSE;
        goto out;
    }
    d->p0 = calloc(t->n_rows, sizeof *d->p0);
    d->p1 = calloc(t->n_rows, sizeof *d->p1);
    pidx = calloc(t->n_rows, sizeof *pidx);
    midx = calloc(t->n_rows, sizeof *midx);
    if (!d->p0 || !d->p1 || !pidx || !midx) {
        rc = oom(err, errlen);
        goto out;
    }
    if (!d->scenario &&
        !(d->scenario = strdup(rr_table_cell(t, 0, (size_t)csc)))) {
        rc = oom(err, errlen);
        goto out;
    }
    /* periods (a new one where period_start changes) and metrics */
    for (size_t r = 0; r < t->n_rows; r++) {
        long s, e;
        const char *m = rr_table_cell(t, r, (size_t)cm);
        long k;
        if ((rc = cell_day(t, r, cs, false, &s, err, errlen)) ||
            (rc = cell_day(t, r, ce, false, &e, err, errlen)))
            goto out;
        if (d->np == 0 || d->p0[d->np - 1] != s) {
            d->p0[d->np] = s;
            d->p1[d->np++] = e + 1;
        }
        pidx[r] = d->np - 1;
        if ((k = metric_index(d, m)) < 0) {
            if (d->nm == d->cap_m) {
                size_t cap = d->cap_m ? 2 * d->cap_m : 32;
                char **v = realloc(d->metric, cap * sizeof *v);
                if (!v) {
                    rc = oom(err, errlen);
                    goto out;
                }
                d->metric = v;
                d->cap_m = cap;
            }
            if (!(d->metric[d->nm] = strdup(m))) {
                rc = oom(err, errlen);
                goto out;
            }
            k = (long)d->nm++;
        }
        midx[r] = k;
    }
    d->mean = malloc(d->np * d->nm * sizeof *d->mean);
    d->lo = malloc(d->np * d->nm * sizeof *d->lo);
    d->hi = malloc(d->np * d->nm * sizeof *d->hi);
    if (!d->mean || !d->lo || !d->hi) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t i = 0; i < d->np * d->nm; i++)
        d->mean[i] = d->lo[i] = d->hi[i] = NAN;
    for (size_t r = 0; r < t->n_rows; r++) {
        size_t at = pidx[r] * d->nm + (size_t)midx[r];
        double reps;
        if ((rc = cell_number(t, r, cmean, &d->mean[at], err, errlen)) ||
            (rc = cell_number(t, r, clo, &d->lo[at], err, errlen)) ||
            (rc = cell_number(t, r, chi, &d->hi[at], err, errlen)) ||
            (rc = cell_number(t, r, crep, &reps, err, errlen)))
            goto out;
        if (reps > (double)d->reps)
            d->reps = (size_t)reps;
    }
out:
    free(pidx);
    free(midx);
    rr_table_destroy(t);
    return rc;
}

static int dup_cell(const rr_table *t, const char *col, char **out)
{
    int c = rr_table_col(t, col);
    if (c < 0 || t->n_rows == 0)
        return RR_OK;
    free(*out);
    *out = strdup(rr_table_cell(t, 0, (size_t)c));
    return *out ? RR_OK : RR_ENOMEM;
}

/* load_run - run.csv, when there: title, source, report, version. */
static int load_run(pdata *d, double *warmup, char *err, size_t errlen)
{
    rr_table *t;
    int rc = read_csv(d, "run.csv", true, &t, err, errlen), c;
    *warmup = 0;
    if (rc != RR_OK || !t)
        return rc;
    if (dup_cell(t, "scenario", &d->scenario) ||
        dup_cell(t, "title", &d->title) ||
        dup_cell(t, "source", &d->source) ||
        dup_cell(t, "report", &d->report) ||
        dup_cell(t, "version", &d->version))
        rc = oom(err, errlen);
    if (rc == RR_OK && t->n_rows > 0 &&
        (c = rr_table_col(t, "warmup_days")) >= 0)
        rc = cell_number(t, 0, c, warmup, err, errlen);
    rr_table_destroy(t);
    return rc;
}

static void fit(char *text, size_t size, double fs, double max_px);

/* add_event - an event, its label cut to the chart's width (a label from
 * a file may be of any length). */
static int add_event(pdata *d, const char *label, long from, long until)
{
    char text[512];
    event *v = realloc(d->ev, (d->ne + 1) * sizeof *v);
    if (!v)
        return RR_ENOMEM;
    d->ev = v;
    snprintf(text, sizeof text, "%s", label);
    fit(text, sizeof text, FS_EVENT, W - 16);
    if (!(v[d->ne].label = strdup(text)))
        return RR_ENOMEM;
    v[d->ne].from = from;
    v[d->ne].until = until;
    d->ne++;
    return RR_OK;
}

/* load_events - events.csv, when there, after the warm-up. */
static int load_events(pdata *d, double warmup, char *err, size_t errlen)
{
    rr_table *t;
    int cl, cf, cu, cn, rc;
    if (warmup > 0 && d->np > 0 &&
        add_event(d, "Warm-up, left out of the KPIs", d->p0[0],
                  d->p0[0] + (long)ceil(warmup)) != RR_OK)
        return oom(err, errlen);
    if ((rc = read_csv(d, "events.csv", true, &t, err, errlen)) != RR_OK ||
        !t)
        return rc;
    if ((rc = rr_table_require(t, "name", &cn, err, errlen)) ||
        (rc = rr_table_require(t, "label", &cl, err, errlen)) ||
        (rc = rr_table_require(t, "from", &cf, err, errlen)) ||
        (rc = rr_table_require(t, "until", &cu, err, errlen))) {
        rr_table_destroy(t);
        return rc;
    }
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++) {
        long from, until;
        const char *label = rr_table_cell(t, r, (size_t)cl);
        if (!*label)
            label = rr_table_cell(t, r, (size_t)cn);
        if ((rc = cell_day(t, r, cf, false, &from, err, errlen)) ||
            (rc = cell_day(t, r, cu, true, &until, err, errlen)))
            break;
        if (add_event(d, label, from, until) != RR_OK)
            rc = oom(err, errlen);
    }
    rr_table_destroy(t);
    return rc;
}

/* load_kpis - the run's time to departure from summary.csv, when there. */
static int load_kpis(pdata *d, char *err, size_t errlen)
{
    rr_table *t;
    int ck, cm, rc;
    d->kpi_mean = d->kpi_median = d->kpi_p90 = NAN;
    if ((rc = read_csv(d, "summary.csv", true, &t, err, errlen)) != RR_OK ||
        !t)
        return rc;
    if ((ck = rr_table_col(t, "kpi")) >= 0 &&
        (cm = rr_table_col(t, "mean")) >= 0)
        for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++) {
            const char *k = rr_table_cell(t, r, (size_t)ck);
            double *x = strcmp(k, "time_to_departure_mean_days") == 0
                            ? &d->kpi_mean
                        : strcmp(k, "time_to_departure_median_days") == 0
                            ? &d->kpi_median
                        : strcmp(k, "time_to_departure_p90_days") == 0
                            ? &d->kpi_p90
                            : NULL;
            if (x)
                rc = cell_number(t, r, cm, x, err, errlen);
        }
    rr_table_destroy(t);
    return rc;
}

/* load_ttd - time_to_departure.csv, when there, matched to the periods. */
static int load_ttd(pdata *d, char *err, size_t errlen)
{
    static const char *const cols[5] = {"p10_days", "p25_days",
                                        "median_days", "p75_days",
                                        "p90_days"};
    rr_table *t;
    int c[5], cs, rc;
    if ((rc = read_csv(d, "time_to_departure.csv", true, &t, err,
                       errlen)) != RR_OK ||
        !t)
        return rc;
    if ((rc = rr_table_require(t, "period_start", &cs, err, errlen)))
        goto out;
    for (int i = 0; i < 5; i++)
        if ((rc = rr_table_require(t, cols[i], &c[i], err, errlen)))
            goto out;
    for (int i = 0; i < 5; i++) {
        if (!(d->tq[i] = malloc((d->np ? d->np : 1) * sizeof(double)))) {
            rc = oom(err, errlen);
            goto out;
        }
        for (size_t k = 0; k < d->np; k++)
            d->tq[i][k] = NAN;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        long s;
        size_t k = 0;
        if ((rc = cell_day(t, r, cs, false, &s, err, errlen)))
            goto out;
        while (k < d->np && d->p0[k] != s)
            k++;
        if (k == d->np)
            continue; /* not a period of the time series */
        for (int i = 0; i < 5; i++)
            if ((rc = cell_number(t, r, c[i], &d->tq[i][k], err, errlen)))
                goto out;
    }
    d->traced = true;
out:
    rr_table_destroy(t);
    return rc;
}

static int load(pdata *d, char *err, size_t errlen)
{
    double warmup = 0;
    int rc;
    if ((rc = load_run(d, &warmup, err, errlen)) ||
        (rc = load_series(d, err, errlen)) ||
        (rc = load_events(d, warmup, err, errlen)) ||
        (rc = load_kpis(d, err, errlen)) || (rc = load_ttd(d, err, errlen)))
        return rc;
    if ((!d->title && !(d->title = strdup(d->scenario))) ||
        (!d->source && !(d->source = strdup(""))) ||
        (!d->version && !(d->version = strdup(""))))
        return oom(err, errlen);
    if (!d->report) {
        /* the typical period length names it */
        long len = d->np > 2 ? d->p1[1] - d->p0[1] : d->p1[0] - d->p0[0];
        const char *r = len <= 1    ? "day"
                        : len <= 7  ? "week"
                        : len <= 31 ? "month"
                        : len <= 92 ? "quarter"
                                    : "year";
        if (!(d->report = strdup(r)))
            return oom(err, errlen);
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Script pieces
 * ==================================================================== */

/* utf8_char - the length of the valid UTF-8 sequence at s (1 to 4) and its
 * code point in *cp; 0 when s does not start one (a stray continuation
 * byte, a cut sequence, an overlong form, a surrogate, above U+10FFFF). */
static size_t utf8_char(const unsigned char *s, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t n;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) /* NUL included: a cut sequence */
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* rr_plot_quote - see rr_plot.h.  Why this form (gnuplot 5.4; its manual,
 * "quotes" and "substitution", and its sources, scanner.c and
 * expand_1level_macros in command.c):
 *   - inside single quotes gnuplot substitutes no `command`, expands no
 *     @macro and reads a backslash as itself: only ' is special there;
 *   - ' cannot be written inside them reliably: the manual says to double
 *     it, but the scanner takes '' as a quote only right after another
 *     character, so '''a' or 'a''''b' fall apart into several strings
 *     (and the chart fails); so a quote is "\047" (an octal escape, read
 *     in double quotes), joined to the rest with the . operator;
 *   - that leaves every ' of a line in pairs around single-quoted parts:
 *     the macro pass, which flips "inside single quotes" on every ' it
 *     meets (in double quotes too), so sees each @ of a text inside them;
 *   - a newline or CR would end the command inside the string and let
 *     the rest of a label be read as commands; gnuplot also echoes a
 *     failing line to standard error, where an escape character would
 *     reach the user's terminal: control characters become spaces.
 * quote_part - switch to part `want`: 1 a single-quoted run, 2 a run of
 * quotes; *part is 0 before the first. */
static void quote_part(FILE *out, int *part, int want)
{
    if (*part == want)
        return;
    if (*part)
        fputs(*part == 1 ? "'." : "\".", out);
    fputc(want == 1 ? '\'' : '"', out);
    *part = want;
}

int rr_plot_quote(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int part = 0;
    while (*p) {
        unsigned long cp = 0;
        size_t n = utf8_char(p, &cp);
        quote_part(out, &part, n == 1 && cp == '\'' ? 2 : 1);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", out); /* U+FFFD for the byte */
            n = 1;
        } else if (cp == '\'') {
            fputs("\\047", out);
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
                   cp == 0x2028 || cp == 0x2029) {
            putc(' ', out);
        } else {
            fwrite(p, 1, n, out);
        }
        p += n;
    }
    if (part == 0)
        fputs("''", out);
    else
        fputc(part == 1 ? '\'' : '"', out);
    return ferror(out) ? RR_EIO : RR_OK;
}

/* gp_str - a text in a script; the one way any text is written. */
static void gp_str(FILE *g, const char *s)
{
    rr_plot_quote(g, s); /* an error shows at fclose of the script */
}

static void gp_num(FILE *g, double x)
{
    if (isnan(x) || isinf(x))
        fputs("NaN", g);
    else
        fprintf(g, "%.10g", x);
}

/* text_px - the width of a text in pixels at font size fs (points, drawn
 * at 96 dpi): the advance widths of DejaVu Sans, the cairo terminals' usual
 * sans font, in em, for ASCII; 0.65 em for anything else. */
static double text_px(const char *s, double fs)
{
    static const double lower[26] = {
        .613, .635, .550, .635, .615, .352, .635, .634, .278, .278, .579,
        .278, .974, .634, .612, .635, .635, .411, .521, .392, .634, .592,
        .818, .592, .592, .525};
    static const double upper[26] = {
        .684, .686, .698, .770, .632, .575, .775, .752, .295, .295, .656,
        .557, .863, .748, .787, .603, .787, .695, .635, .611, .732, .684,
        .989, .685, .611, .685};
    double em = 0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch & 0xC0) == 0x80)
            continue; /* inside a UTF-8 sequence */
        if (ch >= 'a' && ch <= 'z')
            em += lower[ch - 'a'];
        else if (ch >= 'A' && ch <= 'Z')
            em += upper[ch - 'A'];
        else if (ch >= '0' && ch <= '9')
            em += .636;
        else if (strchr(" ,.:;'!|", ch))
            em += .318;
        else if (strchr("-()/[]", ch))
            em += .38;
        else if (ch == '&' || ch == '%' || ch == '@')
            em += .85;
        else
            em += .65;
    }
    return em * fs * (96.0 / 72.0) * 1.03;
}

/* fit - cut text (in a buffer of size bytes) with "…" so that it is at
 * most max_px wide. */
static void fit(char *text, size_t size, double fs, double max_px)
{
    size_t n = strlen(text);
    if (text_px(text, fs) <= max_px || size < 8)
        return;
    if (n + 4 > size) { /* room for the ellipsis */
        n = size - 4;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        text[n] = '\0';
    }
    while (n > 0) {
        n--;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        text[n] = '\0';
        if (text_px(text, fs) + text_px("…", fs) <= max_px)
            break;
    }
    while (n > 0 && text[n - 1] == ' ')
        text[--n] = '\0';
    strcat(text, "…"); /* room: at least 4 bytes were cut or free */
}

static double sy(double px_from_top)
{
    return 1.0 - px_from_top / H;
}

/* fmt_number - x with d decimals and thousands separators. */
static void fmt_number(double x, int d, char *buf, size_t n)
{
    char tmp[64], *p = tmp, *dot;
    size_t len, ip, o = 0;
    snprintf(tmp, sizeof tmp, "%.*f", d, x);
    if (*p == '-') {
        if (o + 1 < n)
            buf[o++] = '-';
        p++;
    }
    dot = strchr(p, '.');
    ip = dot ? (size_t)(dot - p) : strlen(p);
    len = strlen(p);
    for (size_t i = 0; i < len && o + 1 < n; i++) {
        if (i > 0 && i < ip && (ip - i) % 3 == 0 && o + 2 < n)
            buf[o++] = ',';
        buf[o++] = p[i];
    }
    buf[o] = '\0';
}

/* y_axis - range [0, a round top above max * room] and about `target`
 * tics. */
static void y_axis(FILE *g, double max, int target, double room)
{
    double raw, mag, norm, step, top;
    int dec = 0;
    char lab[64];
    if (!(max > 0) || isinf(max))
        max = 1;
    raw = max / target;
    mag = pow(10, floor(log10(raw)));
    norm = raw / mag;
    step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5
                                                                            : 10) *
           mag;
    top = ceil(max * room / step) * step;
    if (step < 1)
        dec = (int)ceil(-log10(step) - 1e-9) + (fabs(norm - 2.5) < 1e-9 ? 1 : 0);
    else if (fmod(step, 1) != 0)
        dec = 1;
    fprintf(g, "set yrange [0:%.10g]\nset ytics (", top);
    for (int i = 0; i * step <= top * (1 + 1e-9); i++) {
        fmt_number(i * step, dec, lab, sizeof lab);
        fputs(i ? ", " : "", g);
        gp_str(g, lab);
        fprintf(g, " %.10g", i * step);
    }
    fputs(")\n", g);
}

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};

static long day_of(int y, int m, int dd)
{
    rr_date d = {y, m, dd};
    return rr_date_days(d);
}

/* x_axis - tics at calendar boundaries between days x0 and x1 over a plot
 * width_px wide: years (labelled in the middle of each year, every second
 * one where they would crowd) for long runs, else quarters or months, or
 * weeks.  Without labels only the tic marks. */
static void x_axis(FILE *g, long x0, long x1, bool labels, double fs,
                   double width_px)
{
    double span = (double)(x1 - x0), ppd = width_px / (span > 0 ? span : 1);
    rr_date a = rr_date_from_days(x0), b = rr_date_from_days(x1);
    bool first = true;
    fputs("set xtics (", g);
    if (span > 912) {
        double need = text_px("2020", fs) * 1.6;
        int step = ppd * 365.25 >= need       ? 1
                   : ppd * 730.5 >= need      ? 2
                   : ppd * 1826.25 >= need    ? 5
                   : ppd * 3652.5 >= need     ? 10
                                              : 20;
        bool mid = step <= 2, quarters = ppd * 91 >= 8;
        for (int y = a.y; y <= b.y + 1; y++) {
            long t = day_of(y, 1, 1);
            bool major = mid || y % step == 0;
            if (t >= x0 && t <= x1 && (major || ppd * 365.25 >= 6)) {
                fprintf(g, "%s\"\" %ld%s", first ? "" : ", ", t,
                        major ? "" : " 1");
                first = false;
            }
            for (int q = 1; quarters && q < 4; q++) {
                long tq = day_of(y, 1 + 3 * q, 1);
                if (tq > x0 && tq < x1) {
                    fprintf(g, "%s\"\" %ld 1", first ? "" : ", ", tq);
                    first = false;
                }
            }
        }
        fputs(")\n", g);
        for (int y = a.y; labels && y <= b.y; y++) {
            long s = day_of(y, 1, 1), e = day_of(y + 1, 1, 1);
            if (mid) {
                if (s < x0)
                    s = x0;
                if (e > x1)
                    e = x1;
                if ((y - a.y) % step != 0 || e - s < 120)
                    continue;
            } else if (y % step != 0 || s < x0) {
                continue;
            }
            fprintf(g,
                    "set label \"%d\" at first %ld, graph 0 center "
                    "offset 0,-1.1 font \",%g\"\n",
                    y, mid ? (s + e) / 2 : s, fs);
        }
        return;
    }
    if (span > 56) {
        double need = text_px("Jan 2020", fs) * 1.25;
        int every = ppd * 30.44 >= need      ? 1
                    : ppd * 91.3 >= need     ? 3
                    : ppd * 182.6 >= need    ? 6
                                             : 12;
        int y = a.y, m = a.m;
        bool year_shown = false;
        for (;;) {
            long t = day_of(y, m, 1);
            if (t > x1)
                break;
            if (t >= x0) {
                bool major = (m - 1) % every == 0;
                char lab[32] = "";
                if (major && labels) {
                    if (m == 1 || !year_shown)
                        snprintf(lab, sizeof lab, "%s %d", month_abbr[m - 1],
                                 y);
                    else
                        snprintf(lab, sizeof lab, "%s", month_abbr[m - 1]);
                    year_shown = true;
                }
                fputs(first ? "" : ", ", g);
                gp_str(g, lab);
                fprintf(g, " %ld%s", t, major ? "" : " 1");
                first = false;
            }
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
        fputs(")\n", g);
        return;
    }
    {
        long every = ppd * 7 >= text_px("30 Sep", fs) * 1.3 ? 7 : 14;
        for (long t = x0; t <= x1; t += every) {
            rr_date d = rr_date_from_days(t);
            char lab[32] = "";
            if (labels)
                snprintf(lab, sizeof lab, "%d %s", d.d, month_abbr[d.m - 1]);
            fputs(first ? "" : ", ", g);
            gp_str(g, lab);
            fprintf(g, " %ld", t);
            first = false;
        }
    }
    fputs(")\n", g);
}

static void date_text(long day, char *buf, size_t n)
{
    rr_date d = rr_date_from_days(day);
    snprintf(buf, n, "%d %s %d", d.d, month_abbr[d.m - 1], d.y);
}

/* display_name - "ngo_a" -> "NGO a", "detention" -> "Detention": the
 * channel words of the domain as acronyms, the first word capitalised. */
static void display_name(const char *name, char *buf, size_t n)
{
    static const char *const acr[][2] = {
        {"rds", "R&DS"}, {"iom", "IOM"}, {"ngo", "NGO"}, {"errin", "ERRIN"}};
    size_t o = 0;
    const char *p = name;
    bool first = true;
    buf[0] = '\0';
    while (*p && o + 1 < n) {
        size_t len = strcspn(p, "_");
        const char *word = NULL;
        for (size_t i = 0; i < RR_COUNTOF(acr); i++)
            if (strlen(acr[i][0]) == len && strncmp(p, acr[i][0], len) == 0)
                word = acr[i][1];
        if (!first && o + 1 < n)
            buf[o++] = ' ';
        if (word) {
            o += (size_t)snprintf(buf + o, n - o, "%s", word);
        } else {
            for (size_t i = 0; i < len && o + 1 < n; i++)
                buf[o++] = (char)(first && i == 0 && p[i] >= 'a' && p[i] <= 'z'
                                      ? p[i] - 'a' + 'A'
                                      : p[i]);
        }
        if (o >= n)
            o = n - 1;
        buf[o] = '\0';
        first = false;
        p += len;
        if (*p == '_')
            p++;
    }
}

/* }=================================================================== */

/* {===================================================================
 * A chart: frame, events, footer
 * ==================================================================== */

typedef struct chart {
    FILE *g;
    const pdata *d;
    long x0, x1;            /* x range, days */
    double L, R, T, B;      /* plot area, screen fractions */
    int rows;               /* rows of event labels */
    int *row;               /* per event; -1 not drawn */
} chart;

static double x_px(const chart *c, double day)
{
    return (c->L + (c->R - c->L) * (day - (double)c->x0) /
                       (double)(c->x1 - c->x0)) *
           W;
}

/* place_events - rows for the event labels: each event takes the extent
 * of its label and of its bar; in a row extents keep 16 pixels apart. */
static int place_events(chart *c)
{
    double ext[MAX_ROWS][64][2];
    int n_in[MAX_ROWS] = {0};
    const pdata *d = c->d;
    c->rows = 0;
    if (!(c->row = malloc((d->ne + 1) * sizeof *c->row)))
        return RR_ENOMEM;
    for (size_t i = 0; i < d->ne; i++) {
        const event *e = &d->ev[i];
        double a, b, lw = text_px(e->label, FS_EVENT);
        int r;
        c->row[i] = -1;
        if (e->from > c->x1 || (e->until != LONG_MAX && e->until < c->x0))
            continue;
        a = x_px(c, (double)(e->from < c->x0 ? c->x0 : e->from));
        b = e->until == LONG_MAX || e->until > c->x1
                ? c->R * W
                : x_px(c, (double)e->until);
        if (a + 2 + lw <= W - 8) {
            b = b > a + 2 + lw ? b : a + 2 + lw;
        } else {
            a = a - 2 - lw; /* right-aligned at its start */
        }
        for (r = 0; r < MAX_ROWS; r++) {
            bool free_row = n_in[r] < 64;
            for (int k = 0; k < n_in[r] && free_row; k++)
                if (a < ext[r][k][1] + 16 && ext[r][k][0] < b + 16)
                    free_row = false;
            if (free_row)
                break;
        }
        if (r == MAX_ROWS) {
            /* no free row: the least crowded one */
            r = 0;
            for (int k = 1; k < MAX_ROWS; k++)
                if (n_in[k] < n_in[r])
                    r = k;
            if (n_in[r] >= 64)
                continue;
        }
        ext[r][n_in[r]][0] = a;
        ext[r][n_in[r]++][1] = b;
        c->row[i] = r;
        if (r + 1 > c->rows)
            c->rows = r + 1;
    }
    return RR_OK;
}

static void term(FILE *g, rr_plot_format fmt, const char *out)
{
    switch (fmt) {
    case RR_PLOT_SVG:
        fprintf(g, "set terminal svg size %d,%d dynamic noenhanced font "
                   "\"%s,%d\" background rgb \"white\"\n",
                W, H, FONT, FS);
        break;
    case RR_PLOT_PDF:
        fprintf(g, "set terminal pdfcairo size %.3fin,%.3fin noenhanced "
                   "font \"%s,%d\" background rgb \"white\"\n",
                W / 96.0, H / 96.0, FONT, FS);
        break;
    default:
        fprintf(g, "set terminal pngcairo size %d,%d noenhanced font "
                   "\"%s,%d\" background rgb \"white\"\n",
                W, H, FONT, FS);
        break;
    }
    fputs("set encoding utf8\nset output ", g);
    gp_str(g, out);
    fputc('\n', g);
}

/* style - terminal and the common look. */
static void style(FILE *g, rr_plot_format fmt, const char *out)
{
    term(g, fmt, out);
    fputs("set border 3 lw 1 lc rgb \"#444444\"\n"
          "set tics nomirror out scale 0.6 textcolor rgb \"#333333\"\n"
          "set grid ytics lc rgb \"#e3e3e3\" lw 1 dt 1\n"
          "set style fill solid 1.0 noborder\n",
          g);
}

/* small_text - a line of small grey text at px_from_top, cut to the
 * chart's width. */
static void small_text(FILE *g, const char *text, double px_from_top)
{
    char line[1024];
    snprintf(line, sizeof line, "%s", text);
    fit(line, sizeof line, 11, 0.96 * W);
    fprintf(g, "set label ");
    gp_str(g, line);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
               "textcolor rgb \"#555555\"\n",
            sy(px_from_top), FONT);
}

/* heading_text - title, subtitle and the two footer lines: `foot` (what
 * was run) and the source ("Source: " added unless it says so). */
static void heading_text(FILE *g, const char *title, const char *subtitle,
                         const char *foot, const char *source)
{
    char src[600], t[1024], st[1024];
    snprintf(t, sizeof t, "%s", title);
    snprintf(st, sizeof st, "%s", subtitle);
    fit(t, sizeof t, 22 * 1.1, 0.96 * W); /* bold */
    fit(st, sizeof st, FS, 0.96 * W);
    fprintf(g, "set label ");
    gp_str(g, t);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s Bold,22\"\n",
            sy(34), FONT);
    fprintf(g, "set label ");
    gp_str(g, st);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
               "textcolor rgb \"#444444\"\n",
            sy(68), FONT, FS);
    small_text(g, foot, H - 38);
    if (*source)
        snprintf(src, sizeof src, "%s%s",
                 strncmp(source, "Source", 6) == 0 ? "" : "Source: ",
                 source);
    else
        snprintf(src, sizeof src, "Source: rrsim simulation");
    small_text(g, src, H - 16);
}

/* heading - title, subtitle and the two footer lines of a run's chart. */
static void heading(chart *c, const char *title, const char *subtitle)
{
    const pdata *d = c->d;
    char line[1024];
    snprintf(line, sizeof line, "Scenario %s · %zu replication%s%s%s",
             d->scenario, d->reps, d->reps == 1 ? "" : "s",
             *d->version ? " · rrsim " : "", d->version);
    heading_text(c->g, title, subtitle, line, d->source);
}

/* shade_windows - the windows of events in force, shaded behind the data
 * in opaque greys, darker where windows overlap (opaque, so that every
 * SVG and PDF reader shows them alike). */
static void shade_windows(chart *c)
{
    static const char *const grey[] = {"#efefef", "#e2e2e2", "#d5d5d5",
                                       "#c8c8c8"};
    const pdata *d = c->d;
    long *cut = malloc((2 * d->ne + 2) * sizeof *cut);
    size_t n = 0;
    if (!cut)
        return;
    for (size_t i = 0; i < d->ne; i++) {
        const event *e = &d->ev[i];
        if (e->until == LONG_MAX || e->from >= c->x1 || e->until <= c->x0)
            continue;
        cut[n++] = e->from < c->x0 ? c->x0 : e->from;
        cut[n++] = e->until > c->x1 ? c->x1 : e->until;
    }
    /* sort the cut points (few), then shade each piece by its depth */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
            long t = cut[j];
            cut[j] = cut[j - 1];
            cut[j - 1] = t;
        }
    for (size_t k = 0; k + 1 < n;) {
        long a = cut[k], b;
        size_t depth = 0, next;
        /* the piece from cut k, joined with those after it of the same
         * depth: no seam between touching rectangles */
        for (next = k + 1; next < n; next++) {
            size_t dd = 0;
            if (cut[next] == cut[next - 1])
                continue;
            for (size_t i = 0; i < d->ne; i++) {
                const event *e = &d->ev[i];
                if (e->until != LONG_MAX && e->from <= cut[next - 1] &&
                    e->until >= cut[next])
                    dd++;
            }
            if (next > k + 1 && dd != depth)
                break;
            depth = dd;
        }
        b = cut[next - 1];
        k = next - 1;
        if (depth == 0 || a == b)
            continue;
        if (depth > RR_COUNTOF(grey))
            depth = RR_COUNTOF(grey);
        fprintf(c->g, "set object rect from first %ld, graph 0 to first "
                      "%ld, graph 1 fc rgb \"%s\" fs solid 1 noborder "
                      "behind\n",
                a, b, grey[depth - 1]);
    }
    free(cut);
}

/* events - the band of labels and bars above the plot, shaded windows and
 * lines at the starts of permanent changes in it.  Sets T. */
static void events(chart *c)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    double top = 88, row_h = 34;
    c->T = sy(top + row_h * c->rows + (c->rows ? 10 : 14));
    shade_windows(c);
    for (size_t i = 0; i < d->ne; i++) {
        const event *e = &d->ev[i];
        long a = e->from < c->x0 ? c->x0 : e->from;
        long b = e->until == LONG_MAX || e->until > c->x1 ? c->x1 : e->until;
        double lw = text_px(e->label, FS_EVENT);
        double y_bar, y_txt, ax = x_px(c, (double)a);
        bool right = ax + 2 + lw > W - 8;
        if (c->row[i] < 0)
            continue;
        y_bar = sy(top + row_h * (c->rows - 1 - c->row[i]) + 27);
        y_txt = sy(top + row_h * (c->rows - 1 - c->row[i]) + 14);
        if (e->until != LONG_MAX) {
            fprintf(g, "set arrow from first %ld, screen %.4f to first %ld, "
                       "screen %.4f nohead lw 5 lc rgb \"#8c8c8c\"\n",
                    a, y_bar, b, y_bar);
        } else {
            /* for good: a line in the plot, a bar that runs off the end */
            fprintf(g, "set arrow from first %ld, graph 0 to first %ld, "
                       "graph 1 nohead dt (6,4) lw 1.2 lc rgb \"#333333\" "
                       "front\n",
                    a, a);
            fprintf(g, "set arrow from first %ld, screen %.4f to first %ld, "
                       "screen %.4f head size screen 0.008,25 filled lw 2.5 "
                       "lc rgb \"#8c8c8c\"\n",
                    a, y_bar, b, y_bar);
        }
        fprintf(g, "set label ");
        gp_str(g, e->label);
        fprintf(g, " at first %ld, screen %.4f %s offset %s font \"%s,%d\" "
                   "textcolor rgb \"#222222\"\n",
                a, y_txt, right ? "right" : "left",
                right ? "-0.2,0" : "0.2,0", FONT, FS_EVENT);
    }
}

static void margins(FILE *g, double L, double R, double T, double B)
{
    fprintf(g, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
               "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
            L, R, T, B);
}

/* axes - x tics over the periods and the axis labels. */
static void axes(chart *c, const char *xlabel, const char *ylabel)
{
    FILE *g = c->g;
    fprintf(g, "set xrange [%ld:%ld]\n", c->x0, c->x1);
    x_axis(g, c->x0, c->x1, true, FS, (c->R - c->L) * W);
    fprintf(g, "set label ");
    gp_str(g, xlabel);
    fprintf(g, " at screen %.4f, screen %.4f center font \"%s,%d\" "
               "textcolor rgb \"#333333\"\n",
            (c->L + c->R) / 2, c->B - 58.0 / H, FONT, 13);
    fprintf(g, "set label ");
    gp_str(g, ylabel);
    fprintf(g, " at screen 0.018, screen %.4f center rotate by 90 "
               "font \"%s,%d\" textcolor rgb \"#333333\"\n",
            (c->T + c->B) / 2, FONT, 13);
}

/* A legend entry: a box of a colour, a line, a point, or an error bar. */
typedef struct key_entry {
    const char *title;
    const char *colour;
    char kind;          /* 'b' box, 'l' line, 'p' point, 'e' vertical and
                           'h' horizontal error bar */
    const char *dash;   /* 'l': a gnuplot dash pattern, or NULL; 'p': the
                           point ("pt 7 ps 1.2"), on a line when lw > 0 */
    double lw;          /* 'l', 'p', 'e', 'h' */
} key_entry;

/* legend_at - the entries in one row centred under the plot at px_up
 * pixels from the bottom, or in two rows (8 px above and 14 below) when
 * one is too wide; drawn here so that nothing wraps unplanned. */
static void legend_at(chart *c, const key_entry *e, size_t n, double px_up)
{
    FILE *g = c->g;
    double fs = 13, sw = 26, gap = 30, total = 0, x, mid = (c->L + c->R) / 2 * W;
    size_t split = n;
    fputs("unset key\n", g);
    for (size_t i = 0; i < n; i++)
        total += sw + 8 + text_px(e[i].title, fs) + (i ? gap : 0);
    if (total > 0.94 * W) {
        /* two rows, the first about half */
        double acc = 0;
        for (split = 0; split < n && acc < total / 2; split++)
            acc += sw + 8 + text_px(e[split].title, fs) + gap;
    }
    for (int row = 0; row < (split < n ? 2 : 1); row++) {
        size_t a = row ? split : 0, b = row ? n : split;
        double w = 0,
               y = split < n ? (row ? px_up - 14 : px_up + 8) : px_up;
        for (size_t i = a; i < b; i++)
            w += sw + 8 + text_px(e[i].title, fs) + (i > a ? gap : 0);
        x = mid - w / 2;
        if (x < 0.02 * W)
            x = 0.02 * W;
        for (size_t i = a; i < b; i++) {
            double y0 = (y - 7) / H, y1 = (y + 7) / H;
            if (e[i].kind == 'l') {
                fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                           "screen %.4f, screen %.4f nohead lw %.2g lc rgb "
                           "\"%s\"%s%s\n",
                        x / W, y / H, (x + sw) / W, y / H, e[i].lw,
                        e[i].colour, e[i].dash ? " dt " : "",
                        e[i].dash ? e[i].dash : "");
            } else if (e[i].kind == 'p') {
                if (e[i].lw > 0)
                    fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                               "screen %.4f, screen %.4f nohead lw %.2g lc "
                               "rgb \"%s\"\n",
                            x / W, y / H, (x + sw) / W, y / H, e[i].lw,
                            e[i].colour);
                fprintf(g, "set label \"\" at screen %.4f, screen %.4f "
                           "point %s lc rgb \"%s\" front\n",
                        (x + sw / 2) / W, y / H, e[i].dash, e[i].colour);
            } else if (e[i].kind == 'e' || e[i].kind == 'h') {
                bool v = e[i].kind == 'e';
                fprintf(g, "set arrow from screen %.4f, screen %.4f to "
                           "screen %.4f, screen %.4f heads size screen "
                           "0.005,90 lw %.2g lc rgb \"%s\" front\n",
                        (v ? x + sw / 2 : x + 3) / W, (v ? y0 * H - 2 : y) / H,
                        (v ? x + sw / 2 : x + sw - 3) / W,
                        (v ? y1 * H + 2 : y) / H, e[i].lw, e[i].colour);
            } else {
                fprintf(g, "set object rect from screen %.4f, screen %.4f "
                           "to screen %.4f, screen %.4f fc rgb \"%s\" fs "
                           "solid 1 noborder front\n",
                        x / W, y0, (x + sw) / W, y1, e[i].colour);
            }
            fprintf(g, "set label ");
            gp_str(g, e[i].title);
            fprintf(g, " at screen %.4f, screen %.4f left font \"%s,%g\" "
                       "textcolor rgb \"#222222\"\n",
                    (x + sw + 8) / W, y / H, FONT, fs);
            x += sw + 8 + text_px(e[i].title, fs) + gap;
        }
    }
}

/* legend - the legend of a run's chart, 70 px from the bottom. */
static void legend(chart *c, const key_entry *e, size_t n)
{
    legend_at(c, e, n, 70);
}

/* }=================================================================== */

/* {===================================================================
 * The charts
 * ==================================================================== */

static double val(const pdata *d, const double *v, size_t k, long m)
{
    return m < 0 ? NAN : v[k * d->nm + (size_t)m];
}

/* stacked - bars of the named metrics per period, stacked in the order
 * given (first at the bottom). */
static void stacked(chart *c, const char *const *metric, const char **title,
                    const char **colour, size_t n)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    double max = 0;
    bool thin = d->np > 150;
    long *m = malloc((n ? n : 1) * sizeof *m);
    if (!m)
        return;
    /* kinds that never occur stay out of the chart and its legend */
    {
        size_t kept = 0;
        for (size_t j = 0; j < n; j++) {
            long mj = metric_index(d, metric[j]);
            bool any = false;
            for (size_t k = 0; k < d->np && mj >= 0 && !any; k++)
                any = val(d, d->mean, k, mj) > 0;
            if (!any)
                continue;
            m[kept] = mj;
            title[kept] = title[j];
            colour[kept++] = colour[j];
        }
        n = kept;
    }
    fputs("$bars << EOD\n", g);
    for (size_t j = 0; j < n; j++) {
        for (size_t k = 0; k < d->np; k++) {
            double y0 = 0, len = (double)(d->p1[k] - d->p0[k]);
            double gap = thin ? 0 : 0.09 * len;
            for (size_t i = 0; i < j; i++) {
                double v = val(d, d->mean, k, m[i]);
                y0 += isnan(v) ? 0 : v;
            }
            double v = val(d, d->mean, k, m[j]);
            double y1 = y0 + (isnan(v) ? 0 : v);
            if (y1 > max)
                max = y1;
            fprintf(g, "%.1f %.10g %.1f %.1f %.10g %.10g\n",
                    (double)d->p0[k] + len / 2, (y0 + y1) / 2,
                    (double)d->p0[k] + gap / 2, (double)d->p1[k] - gap / 2,
                    y0, y1);
        }
        fputs("\n\n", g); /* a new data set per layer */
    }
    fputs("EOD\n", g);
    y_axis(g, max, 6, 1.04);
    {
        key_entry *ke = calloc(n ? n : 1, sizeof *ke);
        if (ke) {
            for (size_t j = 0; j < n; j++) {
                ke[j].title = title[j];
                ke[j].colour = colour[j];
                ke[j].kind = 'b';
            }
            legend(c, ke, n);
            free(ke);
        }
    }
    fputs("plot ", g);
    for (size_t j = 0; j < n; j++)
        fprintf(g, "%s$bars index %zu using 1:2:3:4:5:6 with boxxyerror "
                   "lc rgb \"%s\" notitle",
                j ? ", \\\n     " : "", j, colour[j]);
    fputc('\n', g);
    free(m);
}

static const char *period_word(const pdata *d)
{
    return d->report;
}

/* period_cap - "Month", "Quarter", ... */
static const char *period_cap(const pdata *d)
{
    static const char *const w[][2] = {{"day", "Day"},
                                       {"week", "Week"},
                                       {"month", "Month"},
                                       {"quarter", "Quarter"},
                                       {"year", "Year"}};
    for (size_t i = 0; i < RR_COUNTOF(w); i++)
        if (strcmp(d->report, w[i][0]) == 0)
            return w[i][1];
    return "Period";
}

/* xlabel_periods - "Week of departure", with what is short about the
 * first or last period when the run's start or end cuts it (bars of flows
 * are lower for that reason alone): "(first week: 3 days, last: 2)". */
static void xlabel_periods(const pdata *d, const char *what, char *buf,
                           size_t n)
{
    static const struct {
        const char *name;
        long days; /* the shortest whole period */
    } full[] = {{"day", 1}, {"week", 7}, {"month", 28}, {"quarter", 90},
                {"year", 365}};
    long min = 0, first = 0, last = 0;
    size_t o;
    for (size_t i = 0; i < RR_COUNTOF(full); i++)
        if (strcmp(d->report, full[i].name) == 0)
            min = full[i].days;
    if (d->np > 0) {
        first = d->p1[0] - d->p0[0];
        last = d->p1[d->np - 1] - d->p0[d->np - 1];
    }
    o = (size_t)snprintf(buf, n, "%s %s", period_cap(d), what);
    if (o >= n || !min || d->np == 0 || (first >= min && last >= min))
        return;
    if (first < min && (last >= min || d->np == 1))
        snprintf(buf + o, n - o, " (the first %s has %ld day%s)", d->report,
                 first, first == 1 ? "" : "s");
    else if (first >= min)
        snprintf(buf + o, n - o, " (the last %s has %ld day%s)", d->report,
                 last, last == 1 ? "" : "s");
    else
        snprintf(buf + o, n - o, " (first %s: %ld day%s, last: %ld)",
                 d->report, first, first == 1 ? "" : "s", last);
}


static int chart_departures(chart *c, rr_plot_format fmt, const char *out)
{
    static const char *const metric[] = {
        "departures_voluntary_iom", "departures_voluntary_ngo",
        "departures_voluntary_self", "departures_forced",
        "departures_unsupervised"};
    const char *title[] = {"Voluntary via IOM", "Voluntary via NGO",
                           "Self-arranged, verified", "Forced",
                           "Without supervision"};
    const char *colour[] = {OI_BLUE, OI_SKY, OI_GREEN, OI_VERMILLION,
                            OI_ORANGE};
    const pdata *d = c->d;
    char t[256], s[512], y[128], x[256];
    snprintf(t, sizeof t, "Departures by kind, per %s", period_word(d));
    snprintf(s, sizeof s, "%s · mean of %zu replication%s", d->title,
             d->reps, d->reps == 1 ? "" : "s");
    snprintf(y, sizeof y, "Departures per %s (persons)", period_word(d));
    xlabel_periods(d, "of departure", x, sizeof x);
    style(c->g, fmt, out);
    heading(c, t, s);
    events(c);
    margins(c->g, c->L, c->R, c->T, c->B);
    axes(c, x, y);
    stacked(c, metric, title, colour, RR_COUNTOF(metric));
    return RR_OK;
}

static int chart_reintegration(chart *c, rr_plot_format fmt,
                               const char *out)
{
    static const char *const palette[] = {OI_BLUE,   OI_GREEN,
                                          OI_PURPLE, OI_ORANGE,
                                          OI_SKY,    OI_VERMILLION,
                                          OI_YELLOW};
    const pdata *d = c->d;
    const char **metric = calloc(d->nm + 1, sizeof *metric);
    const char **title = calloc(d->nm + 1, sizeof *title);
    const char **colour = calloc(d->nm + 1, sizeof *colour);
    char (*names)[96] = calloc(d->nm + 1, sizeof *names);
    char t[256], s[512], y[128], x[256];
    size_t n = 0;
    if (!metric || !title || !colour || !names) {
        free(metric);
        free(title);
        free(colour);
        free(names);
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < d->nm; i++) {
        const char *m = d->metric[i];
        if (strncmp(m, "reintegration_", 14) != 0 ||
            strcmp(m, "reintegration_none") == 0)
            continue;
        metric[n] = m;
        display_name(m + 14, names[n], sizeof names[n]);
        title[n] = names[n];
        colour[n] = palette[n % RR_COUNTOF(palette)];
        n++;
    }
    if (metric_index(d, "reintegration_none") >= 0) {
        metric[n] = "reintegration_none";
        title[n] = "No reintegration provider";
        colour[n++] = GREY;
    }
    snprintf(t, sizeof t, "Reintegration support by provider, per %s",
             period_word(d));
    snprintf(s, sizeof s,
             "%s · verified departures by the provider they got · mean of "
             "%zu replication%s",
             d->title, d->reps, d->reps == 1 ? "" : "s");
    snprintf(y, sizeof y, "Returnees per %s (persons)", period_word(d));
    xlabel_periods(d, "of departure", x, sizeof x);
    style(c->g, fmt, out);
    heading(c, t, s);
    events(c);
    margins(c->g, c->L, c->R, c->T, c->B);
    axes(c, x, y);
    stacked(c, metric, title, colour, n);
    free(metric);
    free(title);
    free(colour);
    free(names);
    return RR_OK;
}

static int chart_time_to_departure(chart *c, rr_plot_format fmt,
                                   const char *out)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    long m = metric_index(d, "time_to_departure_mean_days");
    char t[256], s[512], y[128], x[128], k1[128], k2[128], num[32];
    double max = 0;

    snprintf(t, sizeof t, "Time from entry to departure, by %s of departure",
             period_word(d));
    snprintf(s, sizeof s, "%s · verified departures · %s", d->title,
             d->traced ? "every simulated case, all replications pooled"
                       : "mean of the replications");
    snprintf(y, sizeof y, "Days from entering the caseload to departure");
    snprintf(x, sizeof x, "%s of departure", period_cap(d));
    style(g, fmt, out);
    heading(c, t, s);
    events(c);
    margins(g, c->L, c->R, c->T, c->B);
    axes(c, x, y);
    fputs("$t << EOD\n", g);
    for (size_t k = 0; k < d->np; k++) {
        double xm = (double)(d->p0[k] + d->p1[k]) / 2;
        double v[5];
        int n = d->traced ? 5 : 3;
        bool ok = true;
        if (d->traced) {
            for (int i = 0; i < 5; i++)
                v[i] = d->tq[i][k];
        } else {
            v[0] = val(d, d->mean, k, m);
            v[1] = val(d, d->lo, k, m);
            v[2] = val(d, d->hi, k, m);
            /* one replication: no interval, the mean alone */
            if (isnan(v[1]) || isnan(v[2]))
                v[1] = v[2] = v[0];
            if (v[1] < 0)
                v[1] = 0;
        }
        for (int i = 0; i < n; i++) {
            ok = ok && !isnan(v[i]);
            if (!isnan(v[i]) && v[i] > max)
                max = v[i];
        }
        if (!ok) {
            fputc('\n', g); /* a gap, not a line across it */
            continue;
        }
        gp_num(g, xm);
        for (int i = 0; i < n; i++) {
            fputc(' ', g);
            gp_num(g, v[i]);
        }
        fputc('\n', g);
    }
    fputs("EOD\n", g);
    if (d->traced) {
        static const key_entry ke[] = {
            {"Median", OI_BLUE, 'l', NULL, 2.5},
            {"Middle half of departures (25–75%)", BAND_MID, 'b', NULL, 0},
            {"10–90% of departures", BAND_LIGHT, 'b', NULL, 0}};
        y_axis(g, max, 6, 1.04);
        legend(c, ke, RR_COUNTOF(ke));
        fputs("plot $t using 1:2:6 with filledcurves fc rgb \"" BAND_LIGHT
              "\" fs solid 1 notitle, "
              "\\\n     $t using 1:3:5 with filledcurves fc rgb \"" BAND_MID
              "\" fs solid 1 notitle, "
              "\\\n     $t using 1:4 with lines lw 2.5 lc rgb \"" OI_BLUE
              "\" notitle\n",
              g);
        return RR_OK;
    }
    if (!isnan(d->kpi_p90) && d->kpi_p90 > max)
        max = d->kpi_p90;
    y_axis(g, max, 6, 1.04);
    {
        key_entry ke[4] = {
            {"Mean of those departing", OI_BLUE, 'l', NULL, 2.5},
            {"95% confidence interval", BAND_CI, 'b', NULL, 0},
            {k1, OI_VERMILLION, 'l', "(8,5)", 1.8},
            {k2, OI_PURPLE, 'l', "(3,3)", 2.5}};
        size_t nk = 2;
        if (!isnan(d->kpi_median)) {
            fmt_number(d->kpi_median, d->kpi_median < 10 ? 1 : 0, num,
                       sizeof num);
            snprintf(k1, sizeof k1, "Median, whole run: %s days", num);
            ke[nk++] = ke[2];
        }
        if (!isnan(d->kpi_p90)) {
            fmt_number(d->kpi_p90, d->kpi_p90 < 10 ? 1 : 0, num,
                       sizeof num);
            snprintf(k2, sizeof k2, "90%% depart within %s days", num);
            ke[nk++] = ke[3];
        }
        legend(c, ke, nk);
    }
    fputs("plot $t using 1:3:4 with filledcurves fc rgb \"" BAND_CI
          "\" fs solid 1 notitle, "
          "\\\n     $t using 1:2 with lines lw 2.5 lc rgb \"" OI_BLUE
          "\" notitle",
          g);
    if (!isnan(d->kpi_median))
        fprintf(g, ", \\\n     %.10g with lines dt (8,5) lw 1.8 lc rgb \""
                   OI_VERMILLION "\" notitle",
                d->kpi_median);
    if (!isnan(d->kpi_p90))
        fprintf(g, ", \\\n     %.10g with lines dt (3,3) lw 2.5 lc rgb \""
                   OI_PURPLE "\" notitle",
                d->kpi_p90);
    fputc('\n', g);
    return RR_OK;
}

/* ---- caseload: one panel per stage --------------------------------------- */

typedef struct panel {
    long metric;
    double avg, max;
} panel;

static int by_avg(const void *a, const void *b)
{
    const panel *x = a, *y = b;
    return x->avg < y->avg ? 1 : x->avg > y->avg ? -1 : 0;
}

/* event_key - "A  label, dates" entries flowing over rows from the
 * top at px `top`; returns the rows used. */
static int event_key(chart *c, double top, bool draw)
{
    const pdata *d = c->d;
    double x = 0.02 * W, fs = FS_EVENT;
    int rows = d->ne ? 1 : 0, letter = 0;
    for (size_t i = 0; i < d->ne; i++) {
        const event *e = &d->ev[i];
        char text[700], a[32], b[32];
        double w;
        if (e->from > c->x1 || (e->until != LONG_MAX && e->until < c->x0))
            continue;
        date_text(e->from, a, sizeof a);
        if (e->until == LONG_MAX)
            snprintf(text, sizeof text, "%c  %s, from %s", 'A' + letter % 26,
                     e->label, a);
        else {
            date_text(e->until, b, sizeof b);
            snprintf(text, sizeof text, "%c  %s, %s – %s", 'A' + letter % 26,
                     e->label, a, b);
        }
        letter++;
        w = text_px(text, fs);
        if (x > 0.02 * W && x + w > 0.98 * W) {
            rows++;
            x = 0.02 * W;
        }
        if (draw) {
            fprintf(c->g, "set label ");
            gp_str(c->g, text);
            fprintf(c->g, " at screen %.4f, screen %.4f left font \"%s,%g\" "
                          "textcolor rgb \"#222222\"\n",
                    x / W, sy(top + 22.0 * (rows - 1) + 10), FONT, fs);
        }
        x += w + 28;
    }
    return rows;
}

/* panel_events - shaded windows, lines and letters in one panel (whose
 * sides are c->L, c->R).  Letters of events starting on the same day share
 * a place; a letter that would touch the one before goes a line lower. */
static void panel_events(chart *c)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    double end_px[3] = {-1e9, -1e9, -1e9};
    long last = LONG_MIN;
    shade_windows(c);
    for (;;) {
        /* the next start date after `last` */
        long day = LONG_MAX;
        char lab[64] = "";
        int letter = 0, row = 0;
        double px, w;
        for (size_t i = 0; i < d->ne; i++) {
            const event *e = &d->ev[i];
            if (e->from > c->x1 || (e->until != LONG_MAX && e->until < c->x0))
                continue;
            if (e->from > last && e->from < day)
                day = e->from;
        }
        if (day == LONG_MAX)
            break;
        last = day;
        for (size_t i = 0; i < d->ne; i++) {
            const event *e = &d->ev[i];
            size_t n = strlen(lab);
            if (e->from > c->x1 || (e->until != LONG_MAX && e->until < c->x0))
                continue;
            letter++;
            if (e->from != day)
                continue;
            if (n + 3 < sizeof lab) {
                if (n)
                    lab[n++] = ',';
                lab[n++] = (char)('A' + (letter - 1) % 26);
                lab[n] = '\0';
            }
            if (e->until == LONG_MAX)
                fprintf(g, "set arrow from first %ld, graph 0 to first %ld, "
                           "graph 1 nohead dt (6,4) lw 1 lc rgb \"#333333\" "
                           "front\n",
                        e->from, e->from);
        }
        day = day < c->x0 ? c->x0 : day;
        px = x_px(c, (double)day);
        w = text_px(lab, 10) + 6;
        while (row < 2 && px < end_px[row] + 2)
            row++;
        end_px[row] = px + w;
        fputs("set label ", g);
        gp_str(g, lab);
        fprintf(g, " at first %ld, graph 1 left offset 0.2,%.1f font \",10\" "
                   "textcolor rgb \"#333333\" front\n",
                day, -0.6 - 0.9 * row);
    }
}

static int chart_caseload(chart *c, rr_plot_format fmt, const char *out)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    panel *pn = calloc(d->nm + 1, sizeof *pn);
    size_t n = 0, shown, cols, rows;
    char t[256], s[512], note[1024], hidden[512] = "", empty[512] = "";
    double top = 88, L0 = 0.062, R0 = 0.99, T0, B0 = 96.0 / H;
    int key_rows;

    if (!pn)
        return RR_ENOMEM;
    for (size_t i = 0; i < d->nm; i++) {
        bool total = strcmp(d->metric[i], "caseload_total") == 0;
        if (strncmp(d->metric[i], "caseload_", 9) != 0)
            continue;
        panel p = {(long)i, 0, 0};
        for (size_t k = 0; k < d->np; k++) {
            double v = val(d, d->mean, k, (long)i);
            if (isnan(v))
                continue;
            p.avg += v / (double)d->np;
            if (v > p.max)
                p.max = v;
        }
        if (total) {
            p.avg = INFINITY; /* first */
        } else if (p.max < 0.5) {
            char nm[96];
            display_name(d->metric[i] + 9, nm, sizeof nm);
            if (strlen(empty) + strlen(nm) + 3 < sizeof empty)
                snprintf(empty + strlen(empty), sizeof empty - strlen(empty),
                         "%s%s", *empty ? ", " : "", nm);
            continue;
        }
        pn[n++] = p;
    }
    qsort(pn, n, sizeof *pn, by_avg);
    if (n == 2 && strcmp(d->metric[pn[0].metric], "caseload_total") == 0) {
        pn[0] = pn[1]; /* one stage: its panel is the total */
        n = 1;
    }
    shown = n < MAX_PANELS ? n : MAX_PANELS;
    for (size_t i = shown; i < n; i++) {
        char nm[96];
        display_name(d->metric[pn[i].metric] + 9, nm, sizeof nm);
        if (strlen(hidden) + strlen(nm) + 3 < sizeof hidden)
            snprintf(hidden + strlen(hidden), sizeof hidden - strlen(hidden),
                     "%s%s", *hidden ? ", " : "", nm);
    }
    {
        /* columns per panel count: few empty cells, panels wider than
         * tall */
        static const size_t by_n[MAX_PANELS + 1] = {1, 1, 2, 3, 2, 3, 3,
                                                    4, 4, 3, 5, 4, 4};
        cols = by_n[shown];
    }
    rows = shown ? (shown + cols - 1) / cols : 1;

    snprintf(t, sizeof t, "Caseload by stage, at the end of each %s",
             period_word(d));
    snprintf(s, sizeof s, "%s · mean of %zu replication%s with 95%% "
                          "confidence band · each panel on its own scale",
             d->title, d->reps, d->reps == 1 ? "" : "s");
    snprintf(note, sizeof note, "%s%s%s%s%s",
             d->ne ? "Letters mark the events listed at the top. " : "",
             *empty ? "Never occupied: " : "", empty, *empty ? ". " : "",
             *hidden ? "Not shown: " : "");
    if (*hidden && strlen(note) + strlen(hidden) + 2 < sizeof note)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%s.",
                 hidden);
    key_rows = event_key(c, top, false);
    T0 = sy(top + 22.0 * key_rows + 8);

    style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\n", g);
    /* the data, one block per panel */
    for (size_t p = 0; p < shown; p++) {
        fprintf(g, "$c%zu << EOD\n", p);
        for (size_t k = 0; k < d->np; k++) {
            double v = val(d, d->mean, k, pn[p].metric);
            double lo = val(d, d->lo, k, pn[p].metric);
            double hi = val(d, d->hi, k, pn[p].metric);
            if (isnan(v)) {
                fputc('\n', g);
                continue;
            }
            if (isnan(lo) || isnan(hi))
                lo = hi = v;
            fprintf(g, "%ld %.10g %.10g %.10g\n", d->p1[k], v,
                    lo < 0 ? 0 : lo, hi);
        }
        fputs("EOD\n", g);
    }
    fputs("set multiplot\n", g);
    for (size_t p = 0; p < shown; p++) {
        size_t ci = p % cols, ri = p / cols;
        double cw = (R0 - L0) / (double)cols, rh = (T0 - B0) / (double)rows;
        double l = L0 + (double)ci * cw + 52.0 / W;
        double r = L0 + (double)(ci + 1) * cw - 18.0 / W;
        double tp = T0 - (double)ri * rh - 26.0 / H;
        double b = T0 - (double)(ri + 1) * rh + 26.0 / H;
        bool bottom = p + cols >= shown;
        double max = 0;
        char nm[128];
        fputs("unset label\nunset object\nunset arrow\n", g);
        if (p == 0) {
            char y[128];
            heading(c, t, s);
            event_key(c, top, true);
            if (*note) {
                fprintf(g, "set label ");
                gp_str(g, note);
                fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
                           "textcolor rgb \"#555555\"\n",
                        sy(H - 60), FONT);
            }
            snprintf(y, sizeof y, "Cases at the end of the %s (persons)",
                     period_word(d));
            fprintf(g, "set label ");
            gp_str(g, y);
            fprintf(g, " at screen 0.014, screen %.4f center rotate by 90 "
                       "font \"%s,13\" textcolor rgb \"#333333\"\n",
                    (T0 + B0) / 2, FONT);
        }
        margins(g, l, r, tp, b);
        fprintf(g, "set xrange [%ld:%ld]\n", c->x0, c->x1);
        x_axis(g, c->x0, c->x1, bottom, 11, (r - l) * W);
        for (size_t k = 0; k < d->np; k++) {
            double hi = val(d, d->hi, k, pn[p].metric);
            double v = val(d, d->mean, k, pn[p].metric);
            if (!isnan(hi) && hi > max)
                max = hi;
            if (!isnan(v) && v > max)
                max = v;
        }
        y_axis(g, max, 3, 1.3);
        if (strcmp(d->metric[pn[p].metric], "caseload_total") == 0)
            snprintf(nm, sizeof nm, "All stages");
        else
            display_name(d->metric[pn[p].metric] + 9, nm, sizeof nm);
        fprintf(g, "set label ");
        gp_str(g, nm);
        fprintf(g, " at graph 0, graph 1 left offset 0,0.75 font "
                   "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
                FONT);
        c->L = l;
        c->R = r;
        panel_events(c);
        fprintf(g,
                "plot $c%zu using 1:3:4 with filledcurves fc rgb \"" BAND_CI
                "\" fs solid 1 notitle, \\\n"
                "     $c%zu using 1:2 with lines lw 2 lc rgb \"" OI_BLUE
                "\" notitle\n",
                p, p);
    }
    fputs("unset multiplot\n", g);
    free(pn);
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Running gnuplot
 * ==================================================================== */

int rr_plot_format_parse(const char *s, rr_plot_format *out)
{
    static const char *const names[] = {"none", "png", "svg", "pdf"};
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (rr_plot_format)i;
            return RR_OK;
        }
    return RR_EINVAL;
}

bool rr_plot_find_gnuplot(char *buf, size_t n)
{
    static const char *const dirs[] = {"/usr/local/bin", "/usr/bin", "/bin"};
    const char *env = getenv("RRSIM_GNUPLOT");
    bool from_env = env && *env;
    struct stat sb;
    if (n == 0)
        return false;
    for (size_t i = 0; i < (from_env ? 1 : RR_COUNTOF(dirs)); i++) {
        int w = from_env ? snprintf(buf, n, "%s", env)
                         : snprintf(buf, n, "%s/gnuplot", dirs[i]);
        if (w > 0 && (size_t)w < n && stat(buf, &sb) == 0 &&
            S_ISREG(sb.st_mode) && access(buf, X_OK) == 0)
            return true;
    }
    buf[0] = '\0';
    return false;
}

/* chart_name - the last component of a path, for messages: they name the
 * chart, not the temporary folder it is drawn in. */
static const char *chart_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static unsigned long be32(const unsigned char *b)
{
    return (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 |
           (unsigned long)b[2] << 8 | (unsigned long)b[3];
}

/* png_complete - NULL when the file of `size` bytes is the PNG signature
 * and a chain of chunks from IHDR to an IEND that ends the file; else
 * what is wrong.  (The chunks' CRCs are not computed: a write cut short
 * leaves the chain short, whatever the bytes.) */
static const char *png_complete(FILE *f, off_t size)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G',
                                         '\r', '\n', 0x1A, '\n'};
    static const unsigned char iend_crc[4] = {0xAE, 0x42, 0x60, 0x82};
    unsigned char b[8];
    off_t off = 8;
    if (size < 8 || fread(b, 1, 8, f) != 8 || memcmp(b, sig, 8) != 0)
        return "no PNG signature";
    for (bool first = true;; first = false) {
        unsigned long len;
        if (size - off < 12)
            return "it ends before an IEND chunk";
        if (fseeko(f, off, SEEK_SET) != 0 || fread(b, 1, 8, f) != 8)
            return "it cannot be read";
        len = be32(b);
        if (first && memcmp(b + 4, "IHDR", 4) != 0)
            return "no IHDR chunk first";
        if (len > 0x7FFFFFFFul || (unsigned long)(size - off - 12) < len)
            return "it ends inside a chunk";
        off += 12 + (off_t)len;
        if (memcmp(b + 4, "IEND", 4) == 0) {
            unsigned char crc[4];
            if (len != 0 || fread(crc, 1, 4, f) != 4 ||
                memcmp(crc, iend_crc, 4) != 0)
                return "a damaged IEND chunk";
            return off == size ? NULL : "bytes after its IEND chunk";
        }
    }
}

static bool white(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* text_complete - NULL when the file of `size` bytes starts with `head`
 * and, but for trailing white space, ends with `tail`; else what is
 * wrong. */
static const char *text_complete(FILE *f, off_t size, const char *head,
                                 const char *tail, const char *no_head,
                                 const char *no_tail)
{
    char b[256];
    size_t hn = strlen(head), tn = strlen(tail), n;
    off_t from = size > (off_t)sizeof b ? size - (off_t)sizeof b : 0;
    if (fread(b, 1, hn, f) != hn || memcmp(b, head, hn) != 0)
        return no_head;
    n = (size_t)(size - from);
    if (fseeko(f, from, SEEK_SET) != 0 || fread(b, 1, n, f) != n)
        return "it cannot be read";
    while (n > 0 && white(b[n - 1]))
        n--;
    if (n < tn || (off_t)n + from < (off_t)(hn + tn) ||
        memcmp(b + n - tn, tail, tn) != 0)
        return no_tail;
    return NULL;
}

int rr_plot_check_chart(const char *path, rr_plot_format fmt, char *err,
                        size_t errlen)
{
    const char *name = chart_name(path), *why = NULL;
    struct stat sb;
    FILE *f;
    /* not following a link, not blocking on a FIFO: the chart was made
     * by another program */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        sb.st_size == 0) {
        if (fd >= 0)
            close(fd);
        snprintf(err, errlen, "gnuplot wrote nothing to '%s'", name);
        return RR_EIO;
    }
    if (!(f = fdopen(fd, "rb"))) {
        int e = errno;
        close(fd);
        snprintf(err, errlen, "cannot read chart '%s': %s", name,
                 strerror(e));
        return RR_EIO;
    }
    if (fmt == RR_PLOT_PNG)
        why = png_complete(f, sb.st_size);
    else if (fmt == RR_PLOT_SVG)
        why = text_complete(f, sb.st_size, "<", "</svg>",
                            "it does not start with <",
                            "it does not end with </svg>");
    else if (fmt == RR_PLOT_PDF)
        why = text_complete(f, sb.st_size, "%PDF-", "%%EOF",
                            "it does not start with %PDF-",
                            "it does not end with %%EOF");
    fclose(f);
    if (why) {
        snprintf(err, errlen,
                 "gnuplot wrote an incomplete chart '%s' (%s; is the disk "
                 "full?)",
                 name, why);
        return RR_EIO;
    }
    return RR_OK;
}

/* A chart for gnuplot to draw. */
typedef struct gp_job {
    const char *gnuplot;   /* the program */
    const char *dir;       /* the charts' folder, gnuplot's working folder */
    const char *name;      /* the chart's file name, in dir */
    rr_plot_format fmt;
    double timeout;        /* seconds */
    volatile int *stop;    /* or NULL */
    bool script;           /* write the script as STEM.gp, draw nothing */
} gp_job;

#define GP_KEEP 4096 /* bytes of gnuplot's messages kept, the last ones */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* high_pipe - a pipe whose ends are 3 or above, close-on-exec: the
 * child's dup2 onto 0, 1 and 2 then never meets one of them (rrsim may
 * have been started with a standard stream closed).  0 or an errno. */
static int high_pipe(int p[2])
{
    if (pipe2(p, O_CLOEXEC) != 0)
        return errno;
    for (int i = 0; i < 2; i++)
        if (p[i] < 3) {
            int h = fcntl(p[i], F_DUPFD_CLOEXEC, 3), e = errno;
            close(p[i]);
            p[i] = h;
            if (h < 0) {
                close(p[1 - i]);
                p[0] = p[1] = -1;
                return e;
            }
        }
    return 0;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* spawn - gnuplot -d in job->dir, in a process group of its own, with
 * signals at their defaults, reading *in, writing its messages to *er
 * (the child's ends of both are closed here).  0 or an errno. */
static int spawn(const gp_job *job, int in[2], int er[2], pid_t *pid)
{
    static const int deflt[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    char *argv[] = {(char *)job->gnuplot, (char *)"-d", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, def;
    int e;

    if ((e = posix_spawn_file_actions_init(&fa)) != 0)
        return e;
    if ((e = posix_spawnattr_init(&at)) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return e;
    }
    sigemptyset(&none);
    sigemptyset(&def);
    for (size_t i = 0; i < RR_COUNTOF(deflt); i++)
        sigaddset(&def, deflt[i]);
    if (!(e = posix_spawn_file_actions_adddup2(&fa, in[0], 0)) &&
        !(e = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null",
                                               O_WRONLY, 0)) &&
        !(e = posix_spawn_file_actions_adddup2(&fa, er[1], 2)) &&
        !(e = posix_spawn_file_actions_addchdir_np(&fa, job->dir)) &&
        !(e = posix_spawnattr_setpgroup(&at, 0)) &&
        !(e = posix_spawnattr_setsigmask(&at, &none)) &&
        !(e = posix_spawnattr_setsigdefault(&at, &def)) &&
        !(e = posix_spawnattr_setflags(
              &at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                       POSIX_SPAWN_SETSIGDEF)))
        e = posix_spawn(pid, job->gnuplot, &fa, &at, argv, environ);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    close_fd(&in[0]);
    close_fd(&er[1]);
    return e;
}

/* keep - append n bytes of gnuplot's messages to buf (*len of GP_KEEP),
 * keeping the last GP_KEEP. */
static void keep(char *buf, size_t *len, const char *s, size_t n)
{
    if (n > GP_KEEP) {
        s += n - GP_KEEP;
        n = GP_KEEP;
    }
    if (*len + n > GP_KEEP) {
        size_t drop = *len + n - GP_KEEP;
        memmove(buf, buf + drop, *len - drop);
        *len -= drop;
    }
    memcpy(buf + *len, s, n);
    *len += n;
}

/* last_line - the last line of gnuplot's messages that is not blank, with
 * control characters made spaces and cut to 200 bytes; "" for none. */
static void last_line(const char *buf, size_t len, char *out, size_t n)
{
    size_t end = len, start, o = 0;
    while (end > 0 && (white(buf[end - 1]) || buf[end - 1] == '\0'))
        end--;
    start = end;
    while (start > 0 && buf[start - 1] != '\n')
        start--;
    while (start < end && white(buf[start]))
        start++;
    for (size_t i = start; i < end && o + 1 < n && o < 200; i++) {
        unsigned char c = (unsigned char)buf[i];
        out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    if (n)
        out[o < n ? o : n - 1] = '\0';
}

/* run_gnuplot - feed the script to gnuplot, keep what it says, wait for
 * it while watching the clock and the stop flag; then check the chart.
 * The pipe is written without blocking, so that a gnuplot that reads
 * nothing cannot hold rrsim. */
static int run_gnuplot(const gp_job *job, const char *script, size_t len,
                       char *err, size_t errlen)
{
    int in[2] = {-1, -1}, er[2] = {-1, -1}, st = 0, e;
    char said[GP_KEEP], line[256], path[PATH_MAX];
    size_t nsaid = 0, off = 0;
    pid_t pid;
    double deadline;
    enum { RUNNING, EXITED, STOPPED, LATE, LOST } how = RUNNING;

    if ((e = high_pipe(in)) != 0 || (e = high_pipe(er)) != 0) {
        close_fd(&in[0]);
        close_fd(&in[1]);
        snprintf(err, errlen, "cannot start gnuplot: %s", strerror(e));
        return RR_EIO;
    }
    if ((e = spawn(job, in, er, &pid)) != 0) {
        close_fd(&in[1]);
        close_fd(&er[0]);
        snprintf(err, errlen, "cannot start gnuplot '%s' in '%s': %s",
                 job->gnuplot, job->dir, strerror(e));
        return RR_EIO;
    }
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(er[0], F_SETFL, O_NONBLOCK);
    deadline = now_s() + job->timeout;
    while (how == RUNNING) {
        struct pollfd pf[2];
        nfds_t np = 0;
        double left;
        siginfo_t si;
        /* ended? (left a zombie until its group is killed below) */
        si.si_pid = 0;
        if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0 &&
            errno != EINTR) {
            e = errno;
            how = LOST;
            break;
        }
        if (si.si_pid == pid) {
            how = EXITED;
            break;
        }
        if (job->stop && *job->stop) {
            how = STOPPED;
            break;
        }
        if ((left = deadline - now_s()) <= 0) {
            how = LATE;
            break;
        }
        if (in[1] >= 0)
            pf[np++] = (struct pollfd){.fd = in[1], .events = POLLOUT};
        if (er[0] >= 0)
            pf[np++] = (struct pollfd){.fd = er[0], .events = POLLIN};
        /* at most 100 ms between looks at the flag, the clock and the
         * child (a signal also ends the wait) */
        if (poll(pf, np, left < 0.1 ? (int)(left * 1000) + 1 : 100) <= 0)
            continue;
        for (nfds_t i = 0; i < np; i++) {
            if (!pf[i].revents)
                continue;
            if (pf[i].fd == in[1]) {
                size_t chunk = len - off < 65536 ? len - off : 65536;
                ssize_t k = write(in[1], script + off, chunk);
                if (k > 0)
                    off += (size_t)k;
                /* a gnuplot that stopped reading (EPIPE): its status
                 * tells why */
                if (off == len ||
                    (k < 0 && errno != EAGAIN && errno != EINTR))
                    close_fd(&in[1]);
            } else {
                char buf[4096];
                ssize_t k = read(er[0], buf, sizeof buf);
                if (k > 0)
                    keep(said, &nsaid, buf, (size_t)k);
                else if (k == 0 || (errno != EAGAIN && errno != EINTR))
                    close_fd(&er[0]);
            }
        }
    }
    if (how != LOST) {
        /* the whole group, whatever gnuplot (or a wrapper) left running;
         * the group is surely still ours: its leader is not reaped yet */
        kill(-pid, SIGKILL);
        if (how != EXITED)
            kill(pid, SIGKILL);
        while (waitpid(pid, &st, 0) < 0)
            if (errno != EINTR) {
                e = errno;
                if (how == EXITED)
                    how = LOST;
                break;
            }
    }
    /* what it said last; a process it left behind may hold the pipe, so
     * only what is there now */
    for (int i = 0; i < 16 && er[0] >= 0; i++) {
        char buf[4096];
        ssize_t k = read(er[0], buf, sizeof buf);
        if (k <= 0)
            break;
        keep(said, &nsaid, buf, (size_t)k);
    }
    close_fd(&in[1]);
    close_fd(&er[0]);

    switch (how) {
    case STOPPED:
        snprintf(err, errlen, "interrupted while gnuplot drew '%s'",
                 job->name);
        return RR_EINTR;
    case LATE:
        snprintf(err, errlen,
                 "gnuplot took more than %g second%s over '%s' and was "
                 "stopped (allow more with --plot-timeout SECONDS)",
                 job->timeout, job->timeout == 1 ? "" : "s", job->name);
        return RR_EIO;
    case LOST:
        snprintf(err, errlen, "cannot wait for gnuplot drawing '%s': %s",
                 job->name, strerror(e));
        return RR_EIO;
    default:
        break;
    }
    last_line(said, nsaid, line, sizeof line);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        if ((size_t)snprintf(path, sizeof path, "%s/%s", job->dir,
                             job->name) >= sizeof path) {
            snprintf(err, errlen, "path of chart '%s' too long", job->name);
            return RR_EIO;
        }
        return rr_plot_check_chart(path, job->fmt, err, errlen);
    }
    if (WIFEXITED(st))
        snprintf(err, errlen, "gnuplot failed drawing '%s' (exit status %d)%s%s",
                 job->name, WEXITSTATUS(st), *line ? ": " : "", line);
    else
        snprintf(err, errlen,
                 "gnuplot failed drawing '%s' (killed by signal %d)%s%s",
                 job->name, WIFSIGNALED(st) ? WTERMSIG(st) : 0,
                 *line ? ": " : "", line);
    return RR_EIO;
}

/* {===================================================================
 * Sweeps, comparisons and fits
 *
 * Drawn from sweep.csv, compare.csv and fit.csv, with the rows of run.csv
 * that describe the scenarios (one; a comparison has two, the baseline
 * first).  Indicators are named in words, as a reader of a briefing knows
 * them; every panel has its own scale.
 * ==================================================================== */

/* One row of run.csv. */
typedef struct runrow {
    char *scenario, *title, *source, *version;
    long start, end;        /* days since 1970; LONG_MAX when unknown */
    double warmup;
    size_t reps;
} runrow;

#define MAX_RUNROWS 2

static void runrows_fini(runrow *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].scenario);
        free(r[i].title);
        free(r[i].source);
        free(r[i].version);
    }
}

/* cell_dup - a copy of the cell of column `col` ("" without the column). */
static char *cell_dup(const rr_table *t, size_t r, const char *col)
{
    int c = rr_table_col(t, col);
    return strdup(c >= 0 ? rr_table_cell(t, r, (size_t)c) : "");
}

/* load_runrows - the first MAX_RUNROWS rows of DIR/run.csv; none when the
 * file is absent. */
static int load_runrows(const char *dir, runrow *rr, size_t *n, char *err,
                        size_t errlen)
{
    rr_table *t;
    int rc = read_csv_in(dir, "run.csv", true, &t, err, errlen);
    *n = 0;
    if (rc != RR_OK || !t)
        return rc;
    for (size_t r = 0; r < t->n_rows && *n < MAX_RUNROWS; r++) {
        runrow *w = &rr[(*n)++];
        double x = NAN;
        int c;
        memset(w, 0, sizeof *w);
        w->start = w->end = LONG_MAX;
        if (!(w->scenario = cell_dup(t, r, "scenario")) ||
            !(w->title = cell_dup(t, r, "title")) ||
            !(w->source = cell_dup(t, r, "source")) ||
            !(w->version = cell_dup(t, r, "version"))) {
            rc = oom(err, errlen);
            break;
        }
        if (((c = rr_table_col(t, "start")) >= 0 &&
             (rc = cell_day(t, r, c, true, &w->start, err, errlen))) ||
            ((c = rr_table_col(t, "end")) >= 0 &&
             (rc = cell_day(t, r, c, true, &w->end, err, errlen))) ||
            ((c = rr_table_col(t, "warmup_days")) >= 0 &&
             (rc = cell_number(t, r, c, &w->warmup, err, errlen))) ||
            ((c = rr_table_col(t, "replications")) >= 0 &&
             (rc = cell_number(t, r, c, &x, err, errlen))))
            break;
        if (isnan(w->warmup))
            w->warmup = 0;
        if (x >= 1)
            w->reps = (size_t)x;
    }
    rr_table_destroy(t);
    return rc;
}

/* kpi_span - "1 Jan 2019 – 31 Dec 2023": the days the indicators cover
 * (the run after its warm-up); "" when run.csv does not say. */
static void kpi_span(const runrow *r, char *buf, size_t n)
{
    char a[32], b[32];
    buf[0] = '\0';
    if (!r || r->start == LONG_MAX || r->end == LONG_MAX)
        return;
    date_text(r->start + (long)ceil(r->warmup), a, sizeof a);
    date_text(r->end, b, sizeof b);
    snprintf(buf, n, "%s – %s", a, b);
}

/* source_of - the source line of one or two scenarios. */
static void source_of(const runrow *r, size_t n, char *buf, size_t len)
{
    buf[0] = '\0';
    if (n == 1 || (n == 2 && strcmp(r[0].source, r[1].source) == 0))
        snprintf(buf, len, "%s", r[0].source);
    else if (n == 2 && !*r[1].source)
        snprintf(buf, len, "%s", r[0].source);
    else if (n == 2 && !*r[0].source)
        snprintf(buf, len, "%s", r[1].source);
    else if (n == 2)
        snprintf(buf, len, "Sources – baseline: %s · policy: %s",
                 r[0].source, r[1].source);
}

/* num_text - x with dec decimals, thousands separators and a minus sign
 * (U+2212); with plus, a plus sign before a positive number. */
static void num_text(double x, int dec, bool plus, char *buf, size_t n)
{
    char t[48];
    bool zero = true;
    fmt_number(fabs(x), dec, t, sizeof t);
    for (const char *p = t; *p; p++)
        if (*p >= '1' && *p <= '9')
            zero = false;
    snprintf(buf, n, "%s%s", zero ? "" : x < 0 ? "−" : plus ? "+" : "", t);
}

/* decimals - enough decimals to show x to about three digits. */
static int decimals(double x)
{
    x = fabs(x);
    return x >= 100 || x == 0 ? 0 : x >= 1 ? 1 : x >= 0.1 ? 2 : 3;
}

/* A scale: round tics every `step` from a to b, labelled with dec
 * decimals. */
typedef struct scale {
    double a, b, step;
    int dec;
} scale;

/* nice_scale - about `target` round steps from a <= lo to b >= hi. */
static scale nice_scale(double lo, double hi, int target)
{
    scale s;
    double raw, mag, norm;
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 1e-9 * fmax(fabs(lo), fabs(hi))) {
        double pad = lo != 0 ? 0.1 * fabs(lo) : 1;
        lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
        hi += pad;
    }
    raw = (hi - lo) / target;
    mag = pow(10, floor(log10(raw)));
    norm = raw / mag;
    s.step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5
              : norm <= 5 ? 5 : 10) * mag;
    s.a = floor(lo / s.step + 1e-9) * s.step;
    s.b = ceil(hi / s.step - 1e-9) * s.step;
    if (s.step < 1)
        s.dec = (int)ceil(-log10(s.step) - 1e-9) +
                (fabs(s.step / mag - 2.5) < 1e-9 ? 1 : 0);
    else
        s.dec = fmod(s.step, 1) != 0 ? 1 : 0;
    return s;
}

/* scale_label - the label of tic value v. */
static void scale_label(const scale *s, double v, bool plus, char *buf,
                        size_t n)
{
    if (fabs(v) < s->step * 1e-9)
        snprintf(buf, n, "0");
    else
        num_text(v, s->dec, plus, buf, n);
}

/* scale_width - the widest tic label of a scale in pixels at size fs.
 * Tics are the multiples of step from a to b. */
static double scale_width(const scale *s, bool plus, double fs)
{
    double w = 0;
    char lab[64];
    long i0 = (long)ceil(s->a / s->step - 1e-9);
    long i1 = (long)floor(s->b / s->step + 1e-9);
    for (long i = i0; i <= i1; i++) {
        scale_label(s, (double)i * s->step, plus, lab, sizeof lab);
        w = fmax(w, text_px(lab, fs));
    }
    return w;
}

/* scale_tics - the range and tics of a scale on axis "x" or "y"; labels
 * empty unless `labels`. */
static void scale_tics(FILE *g, const char *axis, const scale *s,
                       bool labels, bool plus)
{
    char lab[64];
    long i0 = (long)ceil(s->a / s->step - 1e-9);
    long i1 = (long)floor(s->b / s->step + 1e-9);
    fprintf(g, "set %srange [%.10g:%.10g]\nset %stics (", axis, s->a, s->b,
            axis);
    for (long i = i0; i <= i1; i++) {
        double v = (double)i * s->step;
        lab[0] = '\0';
        if (labels)
            scale_label(s, v, plus, lab, sizeof lab);
        fputs(i > i0 ? ", " : "", g);
        gp_str(g, lab);
        fprintf(g, " %.10g", v);
    }
    fputs(")\n", g);
}

/* fitting_scale - a horizontal scale from lo to hi (padded by pad on
 * each side) over width pixels, with at most `target` steps and fewer
 * where the labels would touch. */
static scale fitting_scale(double lo, double hi, double pad, double width,
                           bool plus, int target)
{
    scale s = nice_scale(lo, hi, target);
    for (int t = target; t >= 1; t--) {
        s = nice_scale(lo, hi, t);
        if (hi > lo) {
            s.a = lo - pad;
            s.b = hi + pad;
        }
        if (s.step * width / (s.b - s.a) >= scale_width(&s, plus, 11) + 14)
            break;
    }
    return s;
}

/* panel_scale - a vertical scale for values from lo to hi: from zero when
 * that leaves the data more than half the height; otherwise around the
 * data, but at least a tenth of their size tall, so that sampling noise
 * is not drawn as a trend.  *zero tells whether zero is on the axis. */
static scale panel_scale(double lo, double hi, bool *zero)
{
    double big = fmax(fabs(lo), fabs(hi)), pad_lo, pad_hi;
    bool pos = lo >= 0;
    if (lo >= 0 && lo <= 0.5 * hi)
        lo = 0;
    else if (hi <= 0 && hi >= 0.5 * lo)
        hi = 0;
    if (hi - lo < 0.1 * big) {
        double mid = (lo + hi) / 2;
        lo = mid - 0.05 * big;
        hi = mid + 0.05 * big;
        if (pos && lo < 0) {
            hi -= lo;
            lo = 0;
        }
    }
    pad_lo = lo == 0 ? 0 : 0.06 * (hi - lo);
    pad_hi = hi == 0 ? 0 : 0.08 * (hi - lo);
    {
        scale s = nice_scale(lo - pad_lo, hi + pad_hi, 4);
        if (pos && s.a < 0)
            s.a = 0;
        *zero = s.a <= 0 && s.b >= 0;
        return s;
    }
}

/* nothing_to_draw - a message in the middle of a chart without a plot
 * (the heading and notes are set already). */
static void nothing_to_draw(FILE *g, const char *message)
{
    fprintf(g, "set label ");
    gp_str(g, message);
    fprintf(g, " at screen 0.5, screen 0.5 center font \"%s,16\" "
               "textcolor rgb \"#222222\"\n"
               "unset border\nunset tics\nunset grid\nunset key\n"
               "set xrange [0:1]\nset yrange [0:1]\nplot NaN notitle\n",
            FONT);
}

/* cols_for - columns of a grid of n panels: few empty cells, panels
 * wider than tall. */
static size_t cols_for(size_t n)
{
    static const size_t by_n[MAX_PANELS + 1] = {1, 1, 2, 3, 2, 3, 3,
                                                4, 4, 3, 5, 4, 4};
    return by_n[n < MAX_PANELS ? n : MAX_PANELS];
}

/* legend_rows - the rows legend_at will use. */
static int legend_rows(const key_entry *e, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += 26 + 8 + text_px(e[i].title, 13) + (i ? 30 : 0);
    return total > 0.94 * W ? 2 : 1;
}

/* unit_words - the unit of a value's suffix as written in a scenario
 * ("d" -> "days", "/month" -> "per month"); "" for none. */
static void unit_words(const char *suffix, char *buf, size_t n)
{
    static const char *const words[][2] = {
        {"d", "days"},     {"day", "days"},       {"days", "days"},
        {"w", "weeks"},    {"week", "weeks"},     {"weeks", "weeks"},
        {"m", "months"},   {"month", "months"},   {"months", "months"},
        {"y", "years"},    {"year", "years"},     {"years", "years"},
        {"/d", "per day"}, {"/w", "per week"},    {"/m", "per month"},
        {"/y", "per year"}};
    buf[0] = '\0';
    for (size_t i = 0; i < RR_COUNTOF(words); i++)
        if (strcmp(suffix, words[i][0]) == 0) {
            snprintf(buf, n, "%s", words[i][1]);
            return;
        }
    if (suffix[0] == '/')
        snprintf(buf, n, "per %s", suffix + 1);
    else
        snprintf(buf, n, "%s", suffix);
}

/* wrap2 - a note on at most two lines that fit, split after a `sep`
 * ("; ", ". ") where possible, the second cut with "…". */
static void wrap2(const char *text, const char *sep, char *l1, char *l2,
                  size_t n)
{
    snprintf(l1, n, "%s", text);
    l2[0] = '\0';
    if (text_px(l1, 11) <= 0.96 * W)
        return;
    {
        size_t best = 0;
        for (const char *p = strstr(text, sep); p; p = strstr(p + 1, sep)) {
            size_t k = (size_t)(p - text) + 1;
            if (k + 1 > n)
                break;
            memcpy(l1, text, k);
            l1[k] = '\0';
            if (text_px(l1, 11) > 0.96 * W)
                break;
            best = k;
        }
        if (best == 0) {
            snprintf(l1, n, "%s", text);
            fit(l1, n, 11, 0.96 * W);
            return;
        }
        memcpy(l1, text, best);
        l1[best] = '\0';
        snprintf(l2, n, "%s", text + best + 1);
        fit(l2, n, 11, 0.96 * W);
    }
}

/* series colours and point types, told apart by both */
static const char *const series_colour[] = {
    OI_BLUE, OI_VERMILLION, OI_GREEN, OI_ORANGE,
    OI_PURPLE, OI_SKY, "#000000", "#8C7A00"};
static const int series_pt[] = {7, 5, 9, 13, 11, 15, 7, 5};
#define MAX_SERIES 8

/* ---- sweep.csv ------------------------------------------------------------- */

/* The indicators drawn, one panel each. */
static const struct {
    const char *kpi, *title;
    double mul;     /* shares as percentages */
} sweep_kpi[] = {
    {"departures_verified", "Verified departures, persons", 1},
    {"departures_unsupervised", "Departures without supervision, persons",
     1},
    {"iom_share_assisted_voluntary", "IOM share of assisted returns, %",
     100},
    {"time_to_departure_mean_days", "Mean days from entry to departure", 1},
    {"time_to_departure_p90_days", "Days until 90% have departed", 1},
    {"caseload_end", "Caseload at the end, persons", 1}};
#define N_SWEEP_KPI RR_COUNTOF(sweep_kpi)

typedef struct sweepdata {
    size_t nk;              /* varied keys */
    char **key;             /* nk */
    size_t np;              /* design points */
    char **val;             /* np * nk, the keys' values (NULL: no rows) */
    double *mean, *lo, *hi; /* np * N_SWEEP_KPI */
    size_t reps;
    char *scenario;
} sweepdata;

static void sweep_fini(sweepdata *s)
{
    for (size_t i = 0; i < s->nk; i++)
        free(s->key[i]);
    for (size_t i = 0; s->val && i < s->np * s->nk; i++)
        free(s->val[i]);
    free(s->key);
    free(s->val);
    free(s->mean);
    free(s->lo);
    free(s->hi);
    free(s->scenario);
}

static int load_sweep(const char *dir, sweepdata *s, char *err,
                      size_t errlen)
{
    rr_table *t;
    int cp, ck, cm, clo, chi, crep, csc;
    int rc = read_csv_in(dir, "sweep.csv", false, &t, err, errlen);
    double maxp = 0;

    memset(s, 0, sizeof *s);
    if (rc != RR_OK)
        return rc;
    if ((rc = rr_table_require(t, "scenario", &csc, err, errlen)) ||
        (rc = rr_table_require(t, "point", &cp, err, errlen)) ||
        (rc = rr_table_require(t, "kpi", &ck, err, errlen)) ||
        (rc = rr_table_require(t, "mean", &cm, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_low", &clo, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_high", &chi, err, errlen)) ||
        (rc = rr_table_require(t, "replications", &crep, err, errlen)))
        goto out;
    if (ck <= cp + 1 || t->n_rows == 0) {
        snprintf(err, errlen,
                 "%s: %s", t->path,
                 t->n_rows ? "no column of a varied key between 'point' "
                             "and 'kpi'"
                           : "no data rows");
        rc = RR_EPARSE;
        goto out;
    }
    s->nk = (size_t)(ck - cp - 1);
    if (!(s->scenario = strdup(rr_table_cell(t, 0, (size_t)csc)))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        double p;
        if ((rc = rr_table_number(t, r, (size_t)cp, &p, err, errlen)))
            goto out;
        if (p < 1 || p > 1e6 || p != floor(p)) {
            snprintf(err, errlen,
                     "%s:%zu: column 'point': expected a whole number >= 1, "
                     "got '%s'",
                     t->path, t->line[r], rr_table_cell(t, r, (size_t)cp));
            rc = RR_EPARSE;
            goto out;
        }
        maxp = fmax(maxp, p);
    }
    s->np = (size_t)maxp;
    s->key = calloc(s->nk, sizeof *s->key);
    s->val = calloc(s->np * s->nk, sizeof *s->val);
    s->mean = malloc(s->np * N_SWEEP_KPI * sizeof *s->mean);
    s->lo = malloc(s->np * N_SWEEP_KPI * sizeof *s->lo);
    s->hi = malloc(s->np * N_SWEEP_KPI * sizeof *s->hi);
    if (!s->key || !s->val || !s->mean || !s->lo || !s->hi) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t i = 0; i < s->np * N_SWEEP_KPI; i++)
        s->mean[i] = s->lo[i] = s->hi[i] = NAN;
    for (size_t k = 0; k < s->nk; k++)
        if (!(s->key[k] = strdup(t->header[(size_t)cp + 1 + k]))) {
            rc = oom(err, errlen);
            goto out;
        }
    for (size_t r = 0; r < t->n_rows; r++) {
        double p, reps;
        size_t at;
        const char *kpi = rr_table_cell(t, r, (size_t)ck);
        long k = -1;
        rr_table_number(t, r, (size_t)cp, &p, err, errlen);
        at = (size_t)p - 1;
        for (size_t i = 0; i < s->nk; i++)
            if (!s->val[at * s->nk + i] &&
                !(s->val[at * s->nk + i] = strdup(
                      rr_table_cell(t, r, (size_t)cp + 1 + i)))) {
                rc = oom(err, errlen);
                goto out;
            }
        for (size_t i = 0; i < N_SWEEP_KPI; i++)
            if (strcmp(kpi, sweep_kpi[i].kpi) == 0)
                k = (long)i;
        if (k < 0)
            continue;
        at = at * N_SWEEP_KPI + (size_t)k;
        if ((rc = cell_number(t, r, cm, &s->mean[at], err, errlen)) ||
            (rc = cell_number(t, r, clo, &s->lo[at], err, errlen)) ||
            (rc = cell_number(t, r, chi, &s->hi[at], err, errlen)) ||
            (rc = cell_number(t, r, crep, &reps, err, errlen)))
            goto out;
        /* none of the indicators can be negative: an interval reaching
         * below zero (a count near zero) is drawn from zero */
        s->mean[at] *= sweep_kpi[k].mul;
        s->lo[at] = s->lo[at] < 0 ? 0 : s->lo[at] * sweep_kpi[k].mul;
        s->hi[at] *= sweep_kpi[k].mul;
        if (reps > (double)s->reps)
            s->reps = (size_t)reps;
    }
out:
    rr_table_destroy(t);
    return rc;
}

/* How the points of a sweep are laid out: the values of one key along
 * the x axis, those of another as series; or, with more keys, the point
 * numbers along the x axis. */
typedef struct sweepplan {
    long xkey, skey;        /* -1: point numbers / one series */
    size_t nx, ns;
    const char **xv, **sv;  /* distinct values, in order of appearance */
    double *xpos;           /* nx positions on the axis */
    bool numeric;           /* xpos are the values, else 1..nx */
    char unit[64];          /* of the numeric values, in words */
    size_t *px, *ps;        /* per point: its x and series */
    char why[256];          /* why the point numbers, for the subtitle */
} sweepplan;

static void plan_fini(sweepplan *p)
{
    free(p->xv);
    free(p->sv);
    free(p->xpos);
    free(p->px);
    free(p->ps);
}

/* distinct - the distinct values of key k over the points, in order of
 * appearance, into v (np entries); idx[p] gets each point's index. */
static size_t distinct(const sweepdata *s, size_t k, const char **v,
                       size_t *idx)
{
    size_t n = 0;
    for (size_t p = 0; p < s->np; p++) {
        const char *x = s->val[p * s->nk + k];
        size_t i;
        if (!x) {
            idx[p] = SIZE_MAX;
            continue;
        }
        for (i = 0; i < n && strcmp(v[i], x) != 0; i++)
            ;
        if (i == n)
            v[n++] = x;
        idx[p] = i;
    }
    return n;
}

/* numeric_values - whether every value is a number with one and the
 * same suffix (a unit); their numbers into pos. */
static bool numeric_values(const char *const *v, size_t n, double *pos,
                           char *unit, size_t ulen)
{
    const char *suffix = NULL;
    for (size_t i = 0; i < n; i++) {
        char *end;
        errno = 0;
        pos[i] = strtod(v[i], &end);
        if (end == v[i] || errno || !isfinite(pos[i]) ||
            (suffix && strcmp(suffix, end) != 0))
            return false;
        suffix = end;
    }
    if (n < 2)
        return false;
    unit_words(suffix, unit, ulen);
    return true;
}

static int plan_sweep(const sweepdata *s, sweepplan *pl)
{
    size_t np = s->np ? s->np : 1;
    size_t *ix = malloc(np * sizeof *ix), *is = malloc(np * sizeof *is);
    const char **v0 = malloc(np * sizeof *v0), **v1 = malloc(np * sizeof *v1);
    size_t n0 = 0, n1 = 0;

    memset(pl, 0, sizeof *pl);
    pl->xkey = pl->skey = -1;
    pl->px = malloc(np * sizeof *pl->px);
    pl->ps = calloc(np, sizeof *pl->ps);
    pl->xpos = malloc(np * sizeof *pl->xpos);
    if (!ix || !is || !v0 || !v1 || !pl->px || !pl->ps || !pl->xpos) {
        free(ix);
        free(is);
        free(v0);
        free(v1);
        return RR_ENOMEM;
    }
    n0 = distinct(s, 0, v0, ix);
    if (s->nk >= 2)
        n1 = distinct(s, 1, v1, is);
    if (s->nk == 1 || (s->nk == 2 && (n1 <= MAX_SERIES || n0 <= MAX_SERIES))) {
        bool swap = s->nk == 2 && n1 > MAX_SERIES;
        pl->xkey = swap ? 1 : 0;
        pl->xv = swap ? v1 : v0;
        pl->nx = swap ? n1 : n0;
        memcpy(pl->px, swap ? is : ix, np * sizeof *ix);
        if (s->nk == 2) {
            pl->skey = swap ? 0 : 1;
            pl->sv = swap ? v0 : v1;
            pl->ns = swap ? n0 : n1;
            memcpy(pl->ps, swap ? ix : is, np * sizeof *is);
        } else {
            free(v1);
            pl->ns = 1;
        }
        pl->numeric = numeric_values(pl->xv, pl->nx, pl->xpos, pl->unit,
                                     sizeof pl->unit);
        if (!pl->numeric)
            for (size_t i = 0; i < pl->nx; i++)
                pl->xpos[i] = (double)(i + 1);
    } else {
        /* more keys than an axis and a legend can show */
        if (s->nk == 2)
            snprintf(pl->why, sizeof pl->why,
                     "%zu × %zu values, too many for a legend: points "
                     "numbered",
                     n0, n1);
        else
            snprintf(pl->why, sizeof pl->why,
                     "%zu settings varied: points numbered", s->nk);
        free(v0);
        free(v1);
        pl->nx = s->np;
        pl->ns = 1;
        pl->numeric = true;
        for (size_t p = 0; p < s->np; p++) {
            pl->px[p] = s->val[p * s->nk] ? p : SIZE_MAX;
            pl->xpos[p] = (double)(p + 1);
        }
    }
    free(ix);
    free(is);
    return RR_OK;
}

/* value_text - a key's value without its unit suffix, for a tic. */
static void value_text(const char *v, bool numeric, char *buf, size_t n)
{
    char *end;
    snprintf(buf, n, "%s", v);
    if (numeric) {
        strtod(v, &end);
        if ((size_t)(end - v) < n)
            buf[end - v] = '\0';
    }
}

/* tic_text - the label of x position i: the value, or the point's
 * number. */
static void tic_text(const sweepplan *pl, size_t i, char *buf, size_t n)
{
    if (pl->xv)
        value_text(pl->xv[i], pl->numeric, buf, n);
    else
        snprintf(buf, n, "%zu", i + 1);
}

/* sweep_xtics - the x axis of a sweep panel (width px wide): the values
 * themselves when few and far enough apart, else round numbers (or every
 * k-th category). */
static void sweep_xtics(FILE *g, const sweepplan *pl, double lo, double hi,
                        double width)
{
    double ppu = width / (hi - lo), need = 0, gap = INFINITY;
    char lab[128];
    for (size_t i = 0; i < pl->nx; i++) {
        tic_text(pl, i, lab, sizeof lab);
        need = fmax(need, text_px(lab, 11) + 12);
        for (size_t j = 0; j < pl->nx; j++)
            if (j != i)
                gap = fmin(gap, fabs(pl->xpos[i] - pl->xpos[j]) * ppu);
    }
    fprintf(g, "set xrange [%.10g:%.10g]\n", lo, hi);
    if (gap >= need || !pl->numeric) {
        size_t every = 1;
        while (!pl->numeric && gap * (double)every < need &&
               every < pl->nx)
            every++;
        fputs("set xtics (", g);
        for (size_t i = 0; i < pl->nx; i++) {
            lab[0] = '\0';
            if (i % every == 0)
                tic_text(pl, i, lab, sizeof lab);
            fprintf(g, "%s", i ? ", " : "");
            gp_str(g, lab);
            fprintf(g, " %.10g", pl->xpos[i]);
        }
        fputs(")\n", g);
        return;
    }
    {
        double a = pl->xpos[0], b = pl->xpos[0];
        scale s;
        for (size_t i = 1; i < pl->nx; i++) {
            a = fmin(a, pl->xpos[i]);
            b = fmax(b, pl->xpos[i]);
        }
        s = fitting_scale(a, b, a - lo, width, false, 6);
        if (!pl->xv && s.step < 1) {
            s.step = 1;
            s.dec = 0;
        }
        s.a = lo;
        s.b = hi;
        scale_tics(g, "x", &s, true, false);
    }
}

static int draw_sweep(FILE *g, rr_plot_format fmt, const char *out,
                      const sweepdata *s, const runrow *ri, size_t nri)
{
    sweepplan pl;
    size_t shown[N_SWEEP_KPI], n = 0, cols, rows;
    scale sc[N_SWEEP_KPI];
    bool zero_all = true;
    char t[512], st[1024], foot[512], src[600], note[1024], span[128];
    char n1[1024], n2[1024], xl[256], zero[256] = "", none[256] = "", legend_buf[MAX_SERIES][160];
    key_entry ke[MAX_SERIES + 2];
    char pts[MAX_SERIES][32];
    size_t nke = 0;
    double xlo, xhi, dodge_px, L0 = 0.02 * W, R0 = 0.98 * W;
    double T0 = 100, base, B, lpad[N_SWEEP_KPI];
    chart c;
    int rc;

    if ((rc = plan_sweep(s, &pl)) != RR_OK)
        return rc;
    /* panels: indicators with a value at some point and not all zero */
    for (size_t k = 0; k < N_SWEEP_KPI; k++) {
        double lo = INFINITY, hi = -INFINITY;
        bool any = false, nonzero = false;
        for (size_t p = 0; p < s->np; p++) {
            size_t at = p * N_SWEEP_KPI + k;
            double m = s->mean[at];
            if (isnan(m) || pl.px[p] == SIZE_MAX)
                continue;
            any = true;
            nonzero = nonzero || m != 0 || (!isnan(s->hi[at]) &&
                                            s->hi[at] != 0);
            lo = fmin(lo, isnan(s->lo[at]) ? m : fmin(m, s->lo[at]));
            hi = fmax(hi, isnan(s->hi[at]) ? m : fmax(m, s->hi[at]));
        }
        if (!any || !nonzero) {
            char *list = any ? zero : none;
            size_t len = strlen(list);
            const char *nm = sweep_kpi[k].title;
            size_t cut = strcspn(nm, ",");
            snprintf(list + len, sizeof zero - len, "%s%.*s",
                     len ? ", " : "", (int)cut, nm);
            continue;
        }
        {
            bool z;
            sc[n] = panel_scale(lo, hi, &z);
            zero_all = zero_all && z;
        }
        shown[n++] = k;
    }
    cols = cols_for(n);
    rows = n ? (n + cols - 1) / cols : 1;

    /* the texts */
    if (pl.xkey < 0)
        snprintf(t, sizeof t, "Indicators at each design point of the sweep");
    else if (pl.skey < 0)
        snprintf(t, sizeof t, "Indicators as %s varies", s->key[pl.xkey]);
    else
        snprintf(t, sizeof t, "Indicators as %s and %s vary",
                 s->key[pl.xkey], s->key[pl.skey]);
    {
        char reps[128];
        if (s->reps >= 2)
            snprintf(reps, sizeof reps, "mean of %zu replications per point",
                     s->reps);
        else
            snprintf(reps, sizeof reps, "one replication per point, so no "
                                        "confidence intervals");
        snprintf(st, sizeof st, "%s · %s%s%s",
                 nri && *ri[0].title ? ri[0].title : s->scenario, pl.why,
                 *pl.why ? " · " : "", reps);
    }
    kpi_span(nri ? &ri[0] : NULL, span, sizeof span);
    snprintf(note, sizeof note, "Each panel has its own scale%s. Every "
             "point uses the same random numbers.%s%s%s%s%s%s%s",
             zero_all ? "" : "; not all start at zero",
             *span ? " Whole run: " : "", span, *span ? "." : "",
             *zero ? " Zero at every point: " : "", zero,
             *none ? (*zero ? "; no value: " : " No value: ") : "", none);
    if (*zero || *none)
        strcat(note, ".");
    snprintf(foot, sizeof foot,
             "Scenario %s · sweep of %zu design points · %zu replication%s "
             "each%s%s",
             s->scenario, s->np, s->reps,
             s->reps == 1 ? "" : "s", nri && *ri[0].version ? " · rrsim " : "",
             nri ? ri[0].version : "");
    source_of(ri, nri ? 1 : 0, src, sizeof src);
    if (pl.xkey < 0)
        snprintf(xl, sizeof xl, "Design point (the values of each are in "
                                "sweep.csv; the first setting varies "
                                "slowest)");
    else if (*pl.unit && pl.numeric)
        snprintf(xl, sizeof xl, "%s (%s)", s->key[pl.xkey], pl.unit);
    else
        snprintf(xl, sizeof xl, "%s", s->key[pl.xkey]);

    /* the legend */
    if (pl.ns > 1) {
        for (size_t i = 0; i < pl.ns; i++) {
            snprintf(legend_buf[i], sizeof legend_buf[i], "%s = %s",
                     s->key[pl.skey], pl.sv[i]);
            ke[nke].title = legend_buf[i];
            ke[nke].colour = series_colour[i];
            ke[nke].kind = 'p';
            ke[nke].lw = pl.numeric ? 2 : 0;
            ke[nke++].dash = NULL; /* set below */
        }
    } else {
        snprintf(legend_buf[0], sizeof legend_buf[0], "%s",
                 s->reps >= 2 ? "Mean of the replications"
                              : "Result of the replication");
        ke[nke].title = legend_buf[0];
        ke[nke].colour = OI_BLUE;
        ke[nke].kind = 'p';
        ke[nke].lw = pl.numeric && pl.xkey >= 0 ? 2 : 0;
        ke[nke++].dash = NULL;
    }
    if (s->reps >= 2) {
        ke[nke].title = "95% confidence interval";
        ke[nke].colour = "#444444";
        ke[nke].kind = 'e';
        ke[nke].lw = 1.5;
        ke[nke++].dash = NULL;
    }
    {
        for (size_t i = 0; i < pl.ns && i < MAX_SERIES; i++) {
            snprintf(pts[i], sizeof pts[i], "pt %d ps 1.2", series_pt[i]);
            ke[i].dash = pts[i];
        }
    }
    wrap2(note, ". ", n1, n2, sizeof n1);
    base = (*n2 ? 82 : 60) + 28 + (legend_rows(ke, nke) == 2 ? 8 : 0);
    B = base + (legend_rows(ke, nke) == 2 ? 16 : 8) + 70;

    /* x range and the offset between series at one x */
    xlo = xhi = pl.xpos[0];
    for (size_t i = 1; i < pl.nx; i++) {
        xlo = fmin(xlo, pl.xpos[i]);
        xhi = fmax(xhi, pl.xpos[i]);
    }
    if (pl.numeric && pl.xkey >= 0) {
        double pad = 0.06 * (xhi - xlo);
        xlo -= pad;
        xhi += pad;
    } else {
        xlo -= 0.5;
        xhi += 0.5;
    }
    {
        double gapu = INFINITY, width = (R0 - L0) / (double)cols - 90;
        for (size_t i = 0; i < pl.nx; i++)
            for (size_t j = i + 1; j < pl.nx; j++)
                gapu = fmin(gapu, fabs(pl.xpos[i] - pl.xpos[j]));
        if (!isfinite(gapu))
            gapu = xhi - xlo;
        dodge_px = pl.ns > 1 ? fmin(8, 0.5 * gapu * width / (xhi - xlo) /
                                           (double)pl.ns)
                             : 0;
    }

    style(g, fmt, out);
    fprintf(g, "set tics font \",11\"\nunset key\nset bars %s\n",
            pl.nx > 25 ? "0.6" : pl.nx > 12 ? "1" : "1.5");
    for (size_t q = 0; q < n; q++) {
        size_t k = shown[q];
        lpad[q] = scale_width(&sc[q], false, 11) + 16;
        for (size_t sr = 0; sr < pl.ns; sr++) {
            fprintf(g, "$p%zus%zu << EOD\n", q, sr);
            for (size_t x = 0; x < pl.nx; x++) {
                bool found = false;
                for (size_t p = 0; p < s->np && !found; p++) {
                    size_t at = p * N_SWEEP_KPI + k;
                    double m = s->mean[at], lo = s->lo[at], hi = s->hi[at];
                    if (pl.px[p] != x || pl.ps[p] != sr || isnan(m))
                        continue;
                    if (isnan(lo) || isnan(hi))
                        lo = hi = m;
                    fprintf(g, "%.10g %.10g %.10g %.10g\n", pl.xpos[x], m,
                            lo, hi);
                    found = true;
                }
                if (!found)
                    fputc('\n', g); /* a gap in the line */
            }
            fputs("EOD\n", g);
        }
    }
    memset(&c, 0, sizeof c);
    c.g = g;
    c.L = 0.02;
    c.R = 0.98;
    if (n == 0) {
        heading_text(g, t, st, foot, src);
        small_text(g, n1, H - (*n2 ? 82 : 60));
        if (*n2)
            small_text(g, n2, H - 60);
        nothing_to_draw(g, "No indicator of the sweep has a value other "
                           "than zero.");
        plan_fini(&pl);
        return RR_OK;
    }
    fputs("set multiplot\n", g);
    for (size_t q = 0; q < n; q++) {
        size_t k = shown[q], ci = q % cols, rw = q / cols;
        double cw = (R0 - L0) / (double)cols, rh = (H - T0 - B) / (double)rows;
        double l = L0 + (double)ci * cw + lpad[q];
        double r = L0 + (double)(ci + 1) * cw - 22;
        double tp = T0 + (double)rw * rh + (rw ? 30 : 26);
        double b = T0 + (double)(rw + 1) * rh - (rw + 1 < rows ? 34 : 0);
        double du = dodge_px * (xhi - xlo) / (r - l);
        char title[256];
        bool any_plotted = false;
        fputs("unset label\nunset object\nunset arrow\n", g);
        if (q == 0) {
            heading_text(g, t, st, foot, src);
            small_text(g, n1, H - (*n2 ? 82 : 60));
            if (*n2)
                small_text(g, n2, H - 60);
            legend_at(&c, ke, nke, base);
            fprintf(g, "set label ");
            gp_str(g, xl);
            fprintf(g, " at screen 0.5, screen %.4f center font \"%s,13\" "
                       "textcolor rgb \"#333333\"\n",
                    (B - 50) / H, FONT);
        }
        margins(g, l / W, r / W, sy(tp), sy(b));
        sweep_xtics(g, &pl, xlo, xhi, r - l);
        scale_tics(g, "y", &sc[q], true, false);
        snprintf(title, sizeof title, "%s", sweep_kpi[k].title);
        fit(title, sizeof title, 12 * 1.1, r - l + lpad[q] - 10);
        fprintf(g, "set label ");
        gp_str(g, title);
        fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font "
                   "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
                (l - lpad[q] + 4) / W, FONT);
        for (size_t sr = 0; sr < pl.ns; sr++) {
            double off = ((double)sr - (double)(pl.ns - 1) / 2) * du;
            bool has = false;
            for (size_t p = 0; p < s->np && !has; p++)
                has = pl.ps[p] == sr && pl.px[p] != SIZE_MAX &&
                      !isnan(s->mean[p * N_SWEEP_KPI + k]);
            if (!has)
                continue;
            if (pl.numeric && pl.xkey >= 0)
                fprintf(g, "%s$p%zus%zu using ($1+%.10g):2 with lines lw 2 "
                           "lc rgb \"%s\" notitle, \\\n     ",
                        any_plotted ? ", \\\n     " : "plot ", q, sr, off,
                        series_colour[sr]);
            else
                fputs(any_plotted ? ", \\\n     " : "plot ", g);
            any_plotted = true;
            fprintf(g, "$p%zus%zu using ($1+%.10g):2%s with %s pt %d ps "
                       "%.2g lw 1.5 lc rgb \"%s\" notitle",
                    q, sr, off, s->reps >= 2 ? ":3:4" : "",
                    s->reps >= 2 ? "yerrorbars" : "points", series_pt[sr],
                    pl.nx > 25 ? 0.6 : pl.nx > 12 ? 0.8
                                 : pl.ns > 1 ? 1.0 : 1.1,
                    series_colour[sr]);
        }
        fputc('\n', g);
    }
    fputs("unset multiplot\n", g);
    plan_fini(&pl);
    return RR_OK;
}

/* ---- compare.csv ----------------------------------------------------------- */

typedef struct cmprow {
    char *kpi, *unit;
    double base, pol, diff, lo, hi;
} cmprow;

typedef struct cmpdata {
    char *baseline, *policy;
    size_t n;
    cmprow *row;
    size_t reps;
} cmpdata;

static void cmp_fini(cmpdata *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->row[i].kpi);
        free(d->row[i].unit);
    }
    free(d->row);
    free(d->baseline);
    free(d->policy);
}

static int load_compare(const char *dir, cmpdata *d, char *err,
                        size_t errlen)
{
    rr_table *t;
    int cb, cp, ck, cu, cbm, cpm, cd, clo, chi, crep;
    int rc = read_csv_in(dir, "compare.csv", false, &t, err, errlen);
    memset(d, 0, sizeof *d);
    if (rc != RR_OK)
        return rc;
    if ((rc = rr_table_require(t, "baseline", &cb, err, errlen)) ||
        (rc = rr_table_require(t, "policy", &cp, err, errlen)) ||
        (rc = rr_table_require(t, "kpi", &ck, err, errlen)) ||
        (rc = rr_table_require(t, "unit", &cu, err, errlen)) ||
        (rc = rr_table_require(t, "baseline_mean", &cbm, err, errlen)) ||
        (rc = rr_table_require(t, "policy_mean", &cpm, err, errlen)) ||
        (rc = rr_table_require(t, "difference", &cd, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_low", &clo, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_high", &chi, err, errlen)) ||
        (rc = rr_table_require(t, "replications", &crep, err, errlen)))
        goto out;
    if (t->n_rows == 0) {
        snprintf(err, errlen, "%s: no data rows", t->path);
        rc = RR_EPARSE;
        goto out;
    }
    if (!(d->row = calloc(t->n_rows, sizeof *d->row)) ||
        !(d->baseline = strdup(rr_table_cell(t, 0, (size_t)cb))) ||
        !(d->policy = strdup(rr_table_cell(t, 0, (size_t)cp)))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        cmprow *w = &d->row[d->n++];
        double reps;
        if (!(w->kpi = strdup(rr_table_cell(t, r, (size_t)ck))) ||
            !(w->unit = strdup(rr_table_cell(t, r, (size_t)cu)))) {
            rc = oom(err, errlen);
            goto out;
        }
        if ((rc = cell_number(t, r, cbm, &w->base, err, errlen)) ||
            (rc = cell_number(t, r, cpm, &w->pol, err, errlen)) ||
            (rc = cell_number(t, r, cd, &w->diff, err, errlen)) ||
            (rc = cell_number(t, r, clo, &w->lo, err, errlen)) ||
            (rc = cell_number(t, r, chi, &w->hi, err, errlen)) ||
            (rc = cell_number(t, r, crep, &reps, err, errlen)))
            goto out;
        if (reps > (double)d->reps)
            d->reps = (size_t)reps;
    }
out:
    rr_table_destroy(t);
    return rc;
}

/* Where an indicator of a comparison goes: its panel (0 persons, 1 days,
 * 2 shares), its section in the panel and its words.  A name ending in
 * '_' stands for every indicator it begins. */
static const struct {
    const char *kpi;
    int panel;
    const char *section, *label;
} cmp_words[] = {
    {"departures_voluntary_iom", 0, "Departures", "Voluntary, with IOM"},
    {"departures_voluntary_ngo", 0, "Departures", "Voluntary, with an NGO"},
    {"departures_voluntary_self", 0, "Departures",
     "Self-arranged, verified"},
    {"departures_forced", 0, "Departures", "Forced"},
    {"departures_verified", 0, "Departures", "Verified (the four above)"},
    {"departures_unsupervised", 0, "Departures", "Without supervision"},
    {"arrivals", 0, "Caseload", "New cases (arrivals)"},
    {"departures_closed", 0, "Caseload", "Closed otherwise (e.g. permit)"},
    {"caseload_start", 0, "Caseload", "At the start"},
    {"caseload_end", 0, "Caseload", "At the end"},
    {"detention_occupancy_mean", 0, "Caseload", "In detention, on average"},
    {"reintegration_sustainable_share", 2, "Shares",
     "Sustainable reintegrations"},
    {"reintegration_supported_share", 2, "Shares",
     "Returnees given support"},
    {"reintegration_none", 0, "Reintegration provider",
     "No provider"},
    {"reintegration_", 0, "Reintegration provider", NULL},
    {"time_to_departure_mean_days", 1, "Time from entry to departure",
     "Mean"},
    {"time_to_departure_median_days", 1, "Time from entry to departure",
     "Median"},
    {"time_to_departure_p90_days", 1, "Time from entry to departure",
     "90% have departed within"},
    {"iom_share_assisted_voluntary", 2, "Shares",
     "IOM share of assisted returns"}};

/* cmp_word - the entry of cmp_words for kpi, or -1. */
static long cmp_word(const char *kpi)
{
    for (size_t i = 0; i < RR_COUNTOF(cmp_words); i++) {
        const char *w = cmp_words[i].kpi;
        size_t n = strlen(w);
        if (w[n - 1] == '_' ? strncmp(kpi, w, n) == 0 : strcmp(kpi, w) == 0)
            return (long)i;
    }
    return -1;
}

static int unit_panel(const char *unit)
{
    return strcmp(unit, "days") == 0 ? 1 : strcmp(unit, "share") == 0 ? 2 : 0;
}

/* A line of a comparison panel: a section heading or an indicator. */
typedef struct cmpline {
    const char *text;       /* heading or label */
    long row;               /* -1 for a heading */
    char label[96];
    char value[128];        /* "+2,855 (+10%)" */
} cmpline;

/* cmp_lines - the lines of panel `panel`, sections in the order of
 * cmp_words then "Other", indicators in table order within them; returns
 * how many (lines has room for 2 * d->n + 8). */
static size_t cmp_lines(const cmpdata *d, const bool *drawn, int pn,
                        cmpline *lines)
{
    static const char *const sections[] = {
        "Departures", "Caseload", "Reintegration provider",
        "Time from entry to departure", "Shares", "Other"};
    size_t n = 0;
    for (size_t s = 0; s < RR_COUNTOF(sections); s++) {
        bool head = false;
        for (size_t wi = 0; wi <= RR_COUNTOF(cmp_words); wi++) {
            bool other = wi == RR_COUNTOF(cmp_words);
            if (other != (strcmp(sections[s], "Other") == 0))
                continue;
            if (!other && (cmp_words[wi].panel != pn ||
                           strcmp(cmp_words[wi].section, sections[s]) != 0))
                continue;
            for (size_t r = 0; r < d->n; r++) {
                const cmprow *w = &d->row[r];
                long k = cmp_word(w->kpi);
                cmpline *ln;
                if (!drawn[r] || (other ? k >= 0 : k != (long)wi) ||
                    (other && unit_panel(w->unit) != pn))
                    continue;
                if (!head) {
                    lines[n].text = sections[s];
                    lines[n].row = -1;
                    lines[n].value[0] = '\0';
                    n++;
                    head = true;
                }
                ln = &lines[n++];
                ln->row = (long)r;
                if (other)
                    snprintf(ln->label, sizeof ln->label, "%s", w->kpi);
                else if (cmp_words[wi].label)
                    snprintf(ln->label, sizeof ln->label, "%s",
                             cmp_words[wi].label);
                else
                    display_name(w->kpi + strlen(cmp_words[wi].kpi),
                                 ln->label, sizeof ln->label);
                ln->text = ln->label;
                /* the value, with the change relative to the baseline */
                {
                    double x = pn == 2 ? 100 * w->diff : w->diff;
                    char a[48], b[48];
                    /* whole persons from 10 on */
                    num_text(x, pn == 0 && fabs(x) >= 10 ? 0 : decimals(x),
                             true, a, sizeof a);
                    if (pn == 2)
                        snprintf(ln->value, sizeof ln->value, "%s pp", a);
                    else if (isfinite(w->base) && w->base != 0) {
                        double rel = 100 * w->diff / fabs(w->base);
                        num_text(rel, fabs(rel) < 10 ? 1 : 0, true, b,
                                 sizeof b);
                        snprintf(ln->value, sizeof ln->value, "%s (%s%%)",
                                 a, b);
                    } else
                        snprintf(ln->value, sizeof ln->value, "%s", a);
                }
            }
        }
    }
    return n;
}

/* cmp_hollow - 1 when the interval of a difference includes zero. */
static int cmp_hollow(const cmprow *w, size_t reps)
{
    double lo = isnan(w->lo) ? w->diff : w->lo;
    double hi = isnan(w->hi) ? w->diff : w->hi;
    return reps >= 2 && lo <= 0 && hi >= 0;
}

static int draw_compare(FILE *g, rr_plot_format fmt, const char *out,
                        const cmpdata *d, const runrow *ri, size_t nri)
{
    static const char *const xlabel[3] = {
        "Difference, persons", "Difference, days",
        "Difference, percentage points"};
    bool *drawn = calloc(d->n + 1, sizeof *drawn);
    cmpline *lines[3] = {NULL, NULL, NULL};
    size_t nl[3] = {0, 0, 0};
    char t[512], st[1024], st2[1024], foot[512], src[1200], note[1024] = "";
    char same[512] = "", missing[512] = "", missing_base[512] = "";
    char novalue[512] = "", span[128], n1[1024], n2[1024];
    const runrow *rb = nri >= 1 ? &ri[0] : NULL, *rp = nri >= 2 ? &ri[1] : NULL;
    chart c;
    key_entry ke[3] = {
        {"Difference, policy minus baseline", OI_BLUE, 'p', "pt 7 ps 1.3", 0},
        {"95% confidence interval", "#333333", 'h', NULL, 1.5},
        {"Interval includes zero: no clear difference", OI_BLUE, 'p',
         "pt 6 ps 1.3", 0}};
    size_t nke = d->reps >= 2 ? 3 : 1;
    double T0 = 104, base, B, colx[2][2];
    int order[3], np = 0;

    for (int p = 0; p < 3; p++)
        lines[p] = calloc(2 * d->n + 8, sizeof *lines[p]);
    if (!drawn || !lines[0] || !lines[1] || !lines[2]) {
        free(drawn);
        for (int p = 0; p < 3; p++)
            free(lines[p]);
        return RR_ENOMEM;
    }
    /* what is drawn; what is only named under the chart */
    for (size_t r = 0; r < d->n; r++) {
        const cmprow *w = &d->row[r];
        long k = cmp_word(w->kpi);
        char nm[96];
        char *list = NULL;
        /* "Section: label", as the chart would show it */
        if (k >= 0 && cmp_words[k].label)
            snprintf(nm, sizeof nm, "%s: %s", cmp_words[k].section,
                     cmp_words[k].label);
        else if (k >= 0) {
            char dn[64];
            display_name(w->kpi + strlen(cmp_words[k].kpi), dn, sizeof dn);
            snprintf(nm, sizeof nm, "%s: %s", cmp_words[k].section, dn);
        } else
            snprintf(nm, sizeof nm, "%s", w->kpi);
        if (isnan(w->diff) && isnan(w->base) && isnan(w->pol))
            list = novalue;
        else if (isnan(w->diff))
            list = isnan(w->pol) ? missing : missing_base;
        else if (w->diff == 0 && (isnan(w->lo) || w->lo == 0) &&
                 (isnan(w->hi) || w->hi == 0))
            list = same;
        if (list) {
            size_t len = strlen(list);
            if (len + strlen(nm) + 3 < sizeof same)
                snprintf(list + len, sizeof same - len, "%s%s",
                         len ? ", " : "", nm);
            continue;
        }
        drawn[r] = true;
    }
    for (int p = 0; p < 3; p++)
        nl[p] = cmp_lines(d, drawn, p, lines[p]);
    /* the panel with most lines on the left, the others stacked on the
     * right */
    for (int p = 0; p < 3; p++)
        if (nl[p])
            order[np++] = p;
    for (int i = 1; i < np; i++)
        if (nl[order[i]] > nl[order[0]]) {
            int tmp = order[0];
            order[0] = order[i];
            order[i] = tmp;
        }
    snprintf(t, sizeof t, "%s compared with %s", d->policy, d->baseline);
    snprintf(st, sizeof st, "Policy: %s · baseline: %s",
             rp && *rp->title ? rp->title : d->policy,
             rb && *rb->title ? rb->title : d->baseline);
    kpi_span(rb, span, sizeof span);
    if (d->reps >= 2)
        snprintf(st2, sizeof st2, "Policy minus baseline%s%s · mean of %zu "
                 "paired replications with 95%% confidence interval",
                 *span ? " over " : "", span, d->reps);
    else
        snprintf(st2, sizeof st2, "Policy minus baseline%s%s · one paired "
                 "replication, so no confidence intervals",
                 *span ? " over " : "", span);
    fit(st2, sizeof st2, FS, 0.96 * W);
    snprintf(foot, sizeof foot,
             "Scenarios %s (baseline) and %s (policy) · %zu paired "
             "replication%s%s%s",
             d->baseline, d->policy, d->reps, d->reps == 1 ? "" : "s",
             rb && *rb->version ? " · rrsim " : "", rb ? rb->version : "");
    source_of(ri, nri, src, sizeof src);
    snprintf(note, sizeof note, "Replication i of both scenarios uses the "
             "same random numbers, so the differences are the policy's.");
    if (np == 0 && !*missing && !*missing_base && !*novalue)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " Every indicator is the same in both.");
    else if (*same)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " The same in both: %s.", same);
    if (*missing)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " Not in %s: %s.", d->policy, missing);
    if (*missing_base)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " Not in %s: %s.", d->baseline, missing_base);
    if (*novalue)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " No value in either: %s.", novalue);
    wrap2(note, ". ", n1, n2, sizeof n1);
    base = (*n2 ? 82 : 60) + 28 + (legend_rows(ke, nke) == 2 ? 8 : 0);
    B = base + (legend_rows(ke, nke) == 2 ? 16 : 8) + 14;
    /* columns: [x0, x1] in pixels */
    colx[0][0] = 0.02 * W;
    colx[0][1] = np > 1 ? 0.5 * W : 0.98 * W;
    colx[1][0] = 0.54 * W;
    colx[1][1] = 0.98 * W;

    memset(&c, 0, sizeof c);
    c.g = g;
    c.L = 0.02;
    c.R = 0.98;
    style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.2\n"
          "unset grid\nset grid xtics lc rgb \"#e3e3e3\" lw 1 dt 1\n"
          "set border 1 lw 1 lc rgb \"#444444\"\nunset ytics\n",
          g);
    for (int i = 0; i < np; i++)
        for (int hollow = 0; hollow < 2; hollow++) {
            int p = order[i];
            bool any = false;
            for (size_t j = 0; j < nl[p]; j++) {
                const cmpline *ln = &lines[p][j];
                const cmprow *w;
                double f = p == 2 ? 100 : 1;
                if (ln->row < 0)
                    continue;
                w = &d->row[ln->row];
                if (cmp_hollow(w, d->reps) != hollow)
                    continue;
                if (!any)
                    fprintf(g, "$c%d%s << EOD\n", p, hollow ? "h" : "f");
                any = true;
                fprintf(g, "%.10g %zu %.10g %.10g\n", f * w->diff, j + 1,
                        f * (isnan(w->lo) ? w->diff : w->lo),
                        f * (isnan(w->hi) ? w->diff : w->hi));
            }
            if (any)
                fputs("EOD\n", g);
        }
    if (np == 0) {
        /* nothing differs: the headings and a line that says so */
        heading_text(g, t, st, foot, src);
        fprintf(g, "set label ");
        gp_str(g, st2);
        fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
                   "textcolor rgb \"#444444\"\n",
                sy(90), FONT, FS);
        small_text(g, n1, H - (*n2 ? 82 : 60));
        if (*n2)
            small_text(g, n2, H - 60);
        nothing_to_draw(g, "No indicator differs between the two "
                           "scenarios.");
    }
    if (np > 0)
        fputs("set multiplot\n", g);
    if (np > 0) {
        /* heights: the right column shares its height in proportion to the
         * lines, rows at most 30 px apart */
        double avail = H - T0 - B, top[2] = {T0, T0};
        size_t total_right = 0;
        for (int i = 1; i < np; i++)
            total_right += nl[order[i]] + 3;
        for (int i = 0; i < np; i++) {
            int p = order[i], col = i == 0 ? 0 : 1;
            double over = 20 + 60; /* above the first line, axis below */
            double h = i == 0 ? avail
                              : avail * (double)(nl[p] + 3) /
                                    (double)total_right;
            double row_px = fmin(30, (h - over) / ((double)nl[p] + 0.3));
            double pt = top[col] + 20, pb = pt + row_px * ((double)nl[p] + 0.3);
            double lab_w = 0, val_w = 0, l, r, lo = 0, hi = 0;
            scale s;
            for (size_t j = 0; j < nl[p]; j++) {
                const cmpline *ln = &lines[p][j];
                double f = p == 2 ? 100 : 1;
                lab_w = fmax(lab_w, ln->row < 0
                                        ? text_px(ln->text, 12 * 1.1)
                                        : text_px(ln->text, 12) + 14);
                val_w = fmax(val_w, text_px(ln->value, 11));
                if (ln->row >= 0) {
                    const cmprow *w = &d->row[ln->row];
                    lo = fmin(lo, f * (isnan(w->lo) ? w->diff : w->lo));
                    hi = fmax(hi, f * (isnan(w->hi) ? w->diff : w->hi));
                    lo = fmin(lo, f * w->diff);
                    hi = fmax(hi, f * w->diff);
                }
            }
            top[col] = pb + 60 + 14;
            lab_w = fmin(lab_w, 0.5 * (colx[col][1] - colx[col][0]));
            l = colx[col][0] + lab_w + 14;
            r = colx[col][1] - val_w - 12;
            /* tight around the data and zero, tics inside */
            s = fitting_scale(lo, hi, 0.05 * (hi - lo), r - l, true, 5);
            fputs("unset label\nunset object\nunset arrow\n", g);
            if (i == 0) {
                heading_text(g, t, st, foot, src);
                fprintf(g, "set label ");
                gp_str(g, st2);
                fprintf(g, " at screen 0.02, screen %.4f left font "
                           "\"%s,%d\" textcolor rgb \"#444444\"\n",
                        sy(90), FONT, FS);
                small_text(g, n1, H - (*n2 ? 82 : 60));
                if (*n2)
                    small_text(g, n2, H - 60);
                legend_at(&c, ke, nke, base);
            }
            margins(g, l / W, r / W, sy(pt), sy(pb));
            scale_tics(g, "x", &s, true, true);
            fprintf(g, "set yrange [%.4f:0.7]\n", (double)nl[p] + 0.6);
            fprintf(g, "set label ");
            gp_str(g, xlabel[p]);
            fprintf(g, " at screen %.4f, screen %.4f center font \"%s,12\" "
                       "textcolor rgb \"#333333\"\n",
                    (l + r) / 2 / W, sy(pb + 46), FONT);
            /* zero line, row guides, labels and values */
            fprintf(g, "set arrow from first 0, graph 0 to first 0, graph 1 "
                       "nohead lw 1.5 lc rgb \"#333333\" back\n");
            for (size_t j = 0; j < nl[p]; j++) {
                const cmpline *ln = &lines[p][j];
                char lab[128];
                snprintf(lab, sizeof lab, "%s", ln->text);
                fit(lab, sizeof lab, ln->row < 0 ? 12 * 1.1 : 12,
                    ln->row < 0 ? lab_w : lab_w - 14);
                fprintf(g, "set label ");
                gp_str(g, lab);
                fprintf(g, " at screen %.4f, first %zu left font \"%s%s,12\" "
                           "textcolor rgb \"#222222\"\n",
                        (colx[col][0] + (ln->row < 0 ? 0 : 14)) / W, j + 1,
                        FONT, ln->row < 0 ? " Bold" : "");
                if (ln->row < 0)
                    continue;
                fprintf(g, "set arrow from graph 0, first %zu to graph 1, "
                           "first %zu nohead lw 1 lc rgb \"#eeeeee\" back\n",
                        j + 1, j + 1);
                fprintf(g, "set label ");
                gp_str(g, ln->value);
                fprintf(g, " at screen %.4f, first %zu left font \"%s,11\" "
                           "textcolor rgb \"#222222\"\n",
                        (r + 10) / W, j + 1, FONT);
            }
            {
                const char *sep = "plot ";
                for (int hollow = 0; hollow < 2; hollow++) {
                    bool any = false;
                    for (size_t j = 0; j < nl[p] && !any; j++)
                        any = lines[p][j].row >= 0 &&
                              cmp_hollow(&d->row[lines[p][j].row],
                                         d->reps) == hollow;
                    if (!any)
                        continue;
                    fprintf(g, "%s$c%d%s using 1:2%s with %s pt 7 ps 1.3 "
                               "lw 1.5 lc rgb \"%s\" notitle",
                            sep, p, hollow ? "h" : "f",
                            d->reps >= 2 ? ":3:4" : "",
                            d->reps >= 2 ? "xerrorbars" : "points",
                            hollow ? "#333333" : OI_BLUE);
                    sep = ", \\\n     ";
                    if (hollow)
                        fprintf(g, "%s$c%dh using 1:2 with points pt 7 ps 1.0 "
                                   "lc rgb \"white\" notitle%s$c%dh using 1:2 "
                                   "with points pt 6 ps 1.3 lw 1.5 lc rgb "
                                   "\"" OI_BLUE "\" notitle",
                                sep, p, sep, p);
                }
                fputc('\n', g);
            }
        }
    }
    if (np > 0)
        fputs("unset multiplot\n", g);
    free(drawn);
    for (int p = 0; p < 3; p++)
        free(lines[p]);
    return RR_OK;
}

/* ---- fit.csv --------------------------------------------------------------- */

typedef struct fitrow {
    long year;
    char *indicator, *note;
    double observed, mean, lo, hi, rel;
} fitrow;

typedef struct fitdata {
    char *scenario;
    size_t n;
    fitrow *row;
    size_t reps;
} fitdata;

static void fitdata_fini(fitdata *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->row[i].indicator);
        free(d->row[i].note);
    }
    free(d->row);
    free(d->scenario);
}

static int load_fit(const char *dir, fitdata *d, char *err, size_t errlen)
{
    rr_table *t;
    int cs, cy, ci, co, cm, clo, chi, crel, crep, cn;
    int rc = read_csv_in(dir, "fit.csv", false, &t, err, errlen);
    memset(d, 0, sizeof *d);
    if (rc != RR_OK)
        return rc;
    if ((rc = rr_table_require(t, "scenario", &cs, err, errlen)) ||
        (rc = rr_table_require(t, "year", &cy, err, errlen)) ||
        (rc = rr_table_require(t, "indicator", &ci, err, errlen)) ||
        (rc = rr_table_require(t, "observed", &co, err, errlen)) ||
        (rc = rr_table_require(t, "simulated_mean", &cm, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_low", &clo, err, errlen)) ||
        (rc = rr_table_require(t, "ci95_high", &chi, err, errlen)) ||
        (rc = rr_table_require(t, "relative_error", &crel, err, errlen)) ||
        (rc = rr_table_require(t, "replications", &crep, err, errlen)))
        goto out;
    cn = rr_table_col(t, "note");
    if (!(d->row = calloc(t->n_rows + 1, sizeof *d->row)) ||
        !(d->scenario = strdup(t->n_rows ? rr_table_cell(t, 0, (size_t)cs)
                                         : ""))) {
        rc = oom(err, errlen);
        goto out;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        fitrow *w = &d->row[d->n++];
        double y, reps;
        if (!(w->indicator = strdup(rr_table_cell(t, r, (size_t)ci))) ||
            !(w->note = strdup(cn >= 0 ? rr_table_cell(t, r, (size_t)cn)
                                       : ""))) {
            rc = oom(err, errlen);
            goto out;
        }
        if ((rc = rr_table_number(t, r, (size_t)cy, &y, err, errlen)) ||
            (rc = cell_number(t, r, co, &w->observed, err, errlen)) ||
            (rc = cell_number(t, r, cm, &w->mean, err, errlen)) ||
            (rc = cell_number(t, r, clo, &w->lo, err, errlen)) ||
            (rc = cell_number(t, r, chi, &w->hi, err, errlen)) ||
            (rc = cell_number(t, r, crel, &w->rel, err, errlen)) ||
            (rc = cell_number(t, r, crep, &reps, err, errlen)))
            goto out;
        if (y != floor(y) || fabs(y) > 1e6) {
            snprintf(err, errlen,
                     "%s:%zu: column 'year': expected a year, got '%s'",
                     t->path, t->line[r], rr_table_cell(t, r, (size_t)cy));
            rc = RR_EPARSE;
            goto out;
        }
        w->year = (long)y;
        if (reps > (double)d->reps)
            d->reps = (size_t)reps;
    }
out:
    rr_table_destroy(t);
    return rc;
}

/* fit_title - an observed indicator in words. */
static void fit_title(const char *ind, char *buf, size_t n)
{
    static const char *const words[][2] = {
        {"departures_independent",
         "Independent departures (IOM, NGO, self-arranged)"},
        {"departures_verified", "Verified departures (independent, forced)"},
        {"departures_total", "All departures"},
        {"departures_voluntary_iom", "Voluntary departures with IOM"},
        {"departures_voluntary_ngo", "Voluntary departures with an NGO"},
        {"departures_voluntary_self", "Self-arranged departures, verified"},
        {"departures_forced", "Forced returns"},
        {"departures_unsupervised", "Departures without supervision"},
        {"departures_closed", "Cases closed otherwise (e.g. permit)"},
        {"intake", "Intake (new cases, re-migrants not counted)"},
        {"arrivals", "Arrivals, re-migrants included"},
        {"arrivals_remigration", "Re-migrants coming back"},
        {"caseload_total", "Caseload at the year's end"},
        {"reintegration_none", "Returnees without reintegration provider"}};
    char nm[96];
    for (size_t i = 0; i < RR_COUNTOF(words); i++)
        if (strcmp(ind, words[i][0]) == 0) {
            snprintf(buf, n, "%s", words[i][1]);
            return;
        }
    if (strncmp(ind, "caseload_", 9) == 0) {
        display_name(ind + 9, nm, sizeof nm);
        snprintf(buf, n, "Caseload at the year's end: %s", nm);
    } else if (strncmp(ind, "reintegration_", 14) == 0) {
        display_name(ind + 14, nm, sizeof nm);
        snprintf(buf, n, "Returnees with reintegration by %s", nm);
    } else {
        snprintf(buf, n, "%s", ind);
    }
}

static int draw_fit(FILE *g, rr_plot_format fmt, const char *out,
                    fitdata *d, const runrow *ri, size_t nri)
{
    const char **ind = calloc(d->n + 1, sizeof *ind);
    long *year = calloc(d->n + 1, sizeof *year);
    size_t ni = 0, ny = 0, shown, cols, rows;
    char t[256], st[1024], foot[512], src[600], obs[2048] = "Observed: ";
    char n1[1024], n2[1024], hidden[512] = "", sim_key[128];
    chart c;
    key_entry ke[3];
    double T0 = 100, base, B;
    int lines = 0;

    if (!ind || !year) {
        free(ind);
        free(year);
        return RR_ENOMEM;
    }
    for (size_t r = 0; r < d->n; r++) {
        size_t i, y;
        for (i = 0; i < ni && strcmp(ind[i], d->row[r].indicator) != 0; i++)
            ;
        if (i == ni)
            ind[ni++] = d->row[r].indicator;
        for (y = 0; y < ny && year[y] != d->row[r].year; y++)
            ;
        if (y == ny)
            year[ny++] = d->row[r].year;
    }
    for (size_t i = 1; i < ny; i++) /* few years: insertion sort */
        for (size_t j = i; j > 0 && year[j - 1] > year[j]; j--) {
            long tmp = year[j];
            year[j] = year[j - 1];
            year[j - 1] = tmp;
        }
    shown = ni < MAX_PANELS ? ni : MAX_PANELS;
    for (size_t i = shown; i < ni; i++) {
        char nm[160];
        size_t len = strlen(hidden);
        fit_title(ind[i], nm, sizeof nm);
        if (len + strlen(nm) + 3 < sizeof hidden)
            snprintf(hidden + len, sizeof hidden - len, "%s%s",
                     len ? ", " : "", nm);
    }
    cols = cols_for(shown);
    rows = shown ? (shown + cols - 1) / cols : 1;
    if (!*d->scenario && nri) {
        /* no rows: the name from run.csv */
        free(d->scenario);
        d->scenario = strdup(ri[0].scenario);
        if (!d->scenario) {
            free(ind);
            free(year);
            return RR_ENOMEM;
        }
    }
    /* the notes of the observed figures, each once */
    for (size_t r = 0; r < d->n; r++) {
        const char *nt = d->row[r].note;
        bool seen = !*nt;
        for (size_t q = 0; q < r && !seen; q++)
            seen = strcmp(d->row[q].note, nt) == 0;
        if (!seen && strlen(obs) + strlen(nt) + 3 < sizeof obs)
            snprintf(obs + strlen(obs), sizeof obs - strlen(obs), "%s%s",
                     strcmp(obs, "Observed: ") ? "; " : "", nt);
    }
    if (*hidden && strlen(obs) + strlen(hidden) + 16 < sizeof obs)
        snprintf(obs + strlen(obs), sizeof obs - strlen(obs),
                 "%sNot shown: %s.", strcmp(obs, "Observed: ") ? ". " : "",
                 hidden);
    if (strcmp(obs, "Observed: ") == 0)
        obs[0] = '\0';
    wrap2(obs, "; ", n1, n2, sizeof n1);
    lines = *n2 ? 2 : *n1 ? 1 : 0;

    snprintf(t, sizeof t, "Simulated against observed yearly figures");
    snprintf(st, sizeof st,
             "%s%slabels: relative error (simulated / observed − 1) · each "
             "panel on its own scale",
             nri && *ri[0].title ? ri[0].title : d->scenario, " · ");
    snprintf(foot, sizeof foot, "Scenario %s · %zu replication%s%s%s",
             d->scenario, d->reps, d->reps == 1 ? "" : "s",
             nri && *ri[0].version ? " · rrsim " : "",
             nri ? ri[0].version : "");
    source_of(ri, nri ? 1 : 0, src, sizeof src);
    snprintf(sim_key, sizeof sim_key, "Simulated: mean of %zu replication%s",
             d->reps, d->reps == 1 ? "" : "s");
    ke[0] = (key_entry){sim_key, BAND_MID, 'b', NULL, 0};
    ke[1] = (key_entry){"Observed (published figure)", OI_VERMILLION, 'p',
                        "pt 7 ps 1.5", 0};
    ke[2] = (key_entry){"95% confidence interval", "#222222", 'e', NULL, 1.5};
    base = (lines == 2 ? 82 + 28 : lines ? 60 + 28 : 70) +
           (legend_rows(ke, d->reps >= 2 ? 3 : 2) == 2 ? 8 : 0);
    B = base + (legend_rows(ke, 3) == 2 ? 16 : 8) + 54;

    memset(&c, 0, sizeof c);
    c.g = g;
    c.L = 0.02;
    c.R = 0.98;
    style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.5\n"
          "set boxwidth 0.55\n",
          g);
    for (size_t i = 0; i < shown; i++) {
        fprintf(g, "$f%zu << EOD\n", i);
        for (size_t y = 0; y < ny; y++)
            for (size_t r = 0; r < d->n; r++) {
                const fitrow *w = &d->row[r];
                double lo = w->lo, hi = w->hi;
                if (w->year != year[y] || strcmp(w->indicator, ind[i]) != 0)
                    continue;
                if (isnan(lo) || isnan(hi))
                    lo = hi = w->mean;
                if (lo < 0)
                    lo = 0; /* a count near zero */
                fprintf(g, "%zu ", y + 1);
                gp_num(g, w->mean);
                fputc(' ', g);
                gp_num(g, lo);
                fputc(' ', g);
                gp_num(g, hi);
                fputc(' ', g);
                gp_num(g, w->observed);
                fputc('\n', g);
                break;
            }
        fputs("EOD\n", g);
    }
    if (shown == 0) {
        heading_text(g, t, st, foot, src);
        nothing_to_draw(g, "No observed figures to compare with.");
        free(ind);
        free(year);
        return RR_OK;
    }
    fputs("set multiplot\n", g);
    for (size_t i = 0; i < shown; i++) {
        size_t ci = i % cols, rw = i / cols;
        double cw = 0.96 * W / (double)cols, rh = (H - T0 - B) / (double)rows;
        double max = 0, lpad, l, r, tp, b;
        bool any_sim = false, any_obs = false;
        char title[256];
        scale s;
        for (size_t k = 0; k < d->n; k++) {
            const fitrow *w = &d->row[k];
            if (strcmp(w->indicator, ind[i]) != 0)
                continue;
            if (!isnan(w->hi))
                max = fmax(max, w->hi);
            if (!isnan(w->mean)) {
                max = fmax(max, w->mean);
                any_sim = true;
            }
            if (!isnan(w->observed)) {
                max = fmax(max, w->observed);
                any_obs = true;
            }
        }
        s = nice_scale(0, max * 1.2, 4);
        lpad = scale_width(&s, false, 11) + 16;
        l = 0.02 * W + (double)ci * cw + lpad;
        r = 0.02 * W + (double)(ci + 1) * cw - 24;
        tp = T0 + (double)rw * rh + (rw ? 30 : 26);
        b = T0 + (double)(rw + 1) * rh - (rw + 1 < rows ? 34 : 0);
        fputs("unset label\nunset object\nunset arrow\n", g);
        if (i == 0) {
            heading_text(g, t, st, foot, src);
            if (lines == 2) {
                small_text(g, n1, H - 82);
                small_text(g, n2, H - 60);
            } else if (lines) {
                small_text(g, n1, H - 60);
            }
            legend_at(&c, ke, d->reps >= 2 ? 3 : 2, base);
            {
                char y[64];
                bool stock = false;
                for (size_t k = 0; k < shown; k++)
                    stock = stock || strncmp(ind[k], "caseload_", 9) == 0;
                snprintf(y, sizeof y, "%s",
                         stock ? "Persons (a year's flow, or at its end)"
                               : "Persons per year");
                fprintf(g, "set label ");
                gp_str(g, y);
                fprintf(g, " at screen 0.012, screen %.4f center rotate by "
                           "90 font \"%s,13\" textcolor rgb \"#333333\"\n",
                        (sy(T0) + B / H) / 2, FONT);
            }
        }
        margins(g, (l + 10) / W, r / W, sy(tp), sy(b));
        fprintf(g, "set xrange [0.4:%.1f]\nset xtics (", (double)ny + 0.6);
        for (size_t y = 0; y < ny; y++)
            fprintf(g, "%s\"%ld\" %zu", y ? ", " : "", year[y], y + 1);
        fputs(") scale 0\n", g);
        scale_tics(g, "y", &s, true, false);
        fit_title(ind[i], title, sizeof title);
        fit(title, sizeof title, 12 * 1.1, r - l + lpad - 10);
        fprintf(g, "set label ");
        gp_str(g, title);
        fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font "
                   "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
                (l - lpad + 14) / W, FONT);
        /* relative errors above each year's pair */
        for (size_t k = 0; k < d->n; k++) {
            const fitrow *w = &d->row[k];
            size_t y;
            char lab[64];
            double top = 0;
            if (strcmp(w->indicator, ind[i]) != 0 || isnan(w->rel))
                continue;
            for (y = 0; y < ny && year[y] != w->year; y++)
                ;
            num_text(100 * w->rel, fabs(w->rel) < 0.1 ? 1 : 0, true, lab,
                     sizeof lab);
            strcat(lab, "%");
            top = fmax(isnan(w->hi) ? 0 : w->hi,
                       fmax(isnan(w->mean) ? 0 : w->mean,
                            isnan(w->observed) ? 0 : w->observed));
            fputs("set label ", g);
            gp_str(g, lab);
            fprintf(g, " at first %zu, first %.10g center offset 0,0.9 "
                       "font \"%s,11\" textcolor rgb \"#222222\" front\n",
                    y + 1, top, FONT);
        }
        {
            const char *sep = "plot ";
            if (any_sim) {
                fprintf(g, "%s$f%zu using 1:2 with boxes lc rgb \"" BAND_MID
                           "\" notitle",
                        sep, i);
                sep = ", \\\n     ";
            }
            if (any_obs) {
                fprintf(g, "%s$f%zu using 1:5 with points pt 7 ps 1.9 lc rgb "
                           "\"white\" notitle%s$f%zu using 1:5 with points "
                           "pt 7 ps 1.5 lc rgb \"" OI_VERMILLION "\" notitle",
                        sep, i, ", \\\n     ", i);
                sep = ", \\\n     ";
            }
            /* the interval over the dot, so that both show */
            if (any_sim && d->reps >= 2)
                fprintf(g, "%s$f%zu using 1:3:(0):($4-$3) with vectors "
                           "heads size screen 0.006,90 lw 1.5 lc rgb "
                           "\"#222222\" notitle",
                        sep, i);
            if (!any_sim && !any_obs)
                fputs("plot NaN notitle", g);
            fputc('\n', g);
        }
    }
    fputs("unset multiplot\n", g);
    free(ind);
    free(year);
    return RR_OK;
}

/* }=================================================================== */

typedef int chart_fn(chart *c, rr_plot_format fmt, const char *out);

static const char *const ext_of[] = {"", "png", "svg", "pdf"};

bool rr_plot_script_mode(void)
{
    const char *s = getenv("RRSIM_GNUPLOT_SCRIPT");
    return s && strcmp(s, "1") == 0;
}

/* write_script - the script of job's chart into its folder as STEM.gp
 * ("departures.png" -> "departures.gp"), instead of drawing it. */
static int write_script(const gp_job *job, const char *script, size_t len,
                        char *err, size_t errlen)
{
    const char *dot = strrchr(job->name, '.');
    int stem = dot ? (int)(dot - job->name) : (int)strlen(job->name);
    char name[96], path[PATH_MAX];
    size_t off = 0;
    int fd, e = 0;

    snprintf(name, sizeof name, "%.*s.gp", stem, job->name);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", job->dir, name) >=
        sizeof path) {
        snprintf(err, errlen, "path of script '%s' too long", name);
        return RR_EIO;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              0666);
    if (fd < 0)
        e = errno;
    while (fd >= 0 && off < len) {
        ssize_t k = write(fd, script + off, len - off);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            e = k < 0 ? errno : EIO;
            break;
        }
        off += (size_t)k;
    }
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (e) {
        snprintf(err, errlen, "cannot write '%s': %s", name, strerror(e));
        return RR_EIO;
    }
    return RR_OK;
}

/* draw_job - run gnuplot over the script, or write it (script mode). */
static int draw_job(const gp_job *job, const char *script, size_t len,
                    char *err, size_t errlen)
{
    if (job->script)
        return write_script(job, script, len, err, errlen);
    return run_gnuplot(job, script, len, err, errlen);
}

/* need_gnuplot - the program into buf; RR_ENOTFOUND with a message.  Not
 * needed in script mode (buf empty). */
static int need_gnuplot(char *buf, size_t n, char *err, size_t errlen)
{
    if (rr_plot_script_mode()) {
        buf[0] = '\0';
        return RR_OK;
    }
    if (rr_plot_find_gnuplot(buf, n))
        return RR_OK;
    snprintf(err, errlen, "gnuplot not found (install it with: "
                          "apt-get install gnuplot-nox)");
    return RR_ENOTFOUND;
}

/* plot_run - the charts of a run, from timeseries_summary.csv and the
 * files beside it. */
static int plot_run(const char *results, const char *plots,
                    const rr_plot_opts *o, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        chart_fn *fn;
    } charts[] = {{"departures", chart_departures},
                  {"caseload", chart_caseload},
                  {"time_to_departure", chart_time_to_departure},
                  {"reintegration", chart_reintegration}};
    rr_plot_format fmt = o->format;
    pdata d;
    char gnuplot[PATH_MAX];
    int rc;

    memset(&d, 0, sizeof d);
    d.dir = results;
    if ((rc = load(&d, err, errlen)) != RR_OK ||
        (rc = need_gnuplot(gnuplot, sizeof gnuplot, err, errlen)) != RR_OK) {
        pdata_fini(&d);
        return rc;
    }
    for (size_t i = 0; i < RR_COUNTOF(charts) && rc == RR_OK; i++) {
        char out[64];
        char *script = NULL;
        size_t len = 0;
        chart c;
        gp_job job = {gnuplot, plots, out, fmt, o->timeout, o->stop,
                      rr_plot_script_mode()};
        if (o->stop && *o->stop) {
            snprintf(err, errlen, "%s", rr_strerror(RR_EINTR));
            rc = RR_EINTR;
            break;
        }
        memset(&c, 0, sizeof c);
        c.d = &d;
        c.x0 = d.p0[0];
        c.x1 = d.p1[d.np - 1];
        c.L = 0.09;
        c.R = 0.975;
        c.B = 165.0 / H;
        snprintf(out, sizeof out, "%s.%s", charts[i].name, ext_of[fmt]);
        if (!(c.g = open_memstream(&script, &len)) ||
            place_events(&c) != RR_OK) {
            if (c.g)
                fclose(c.g);
            free(script);
            free(c.row);
            rc = oom(err, errlen);
            break;
        }
        rc = charts[i].fn(&c, fmt, out);
        fputs("unset output\n", c.g);
        if (fclose(c.g) != 0 || !script)
            rc = RR_ENOMEM;
        if (rc == RR_ENOMEM)
            oom(err, errlen);
        if (rc == RR_OK)
            rc = draw_job(&job, script, len, err, errlen);
        free(script);
        free(c.row);
    }
    pdata_fini(&d);
    return rc;
}

/* The chart of a sweep, comparison or fit folder. */
typedef enum study_kind { STUDY_SWEEP, STUDY_COMPARE, STUDY_FIT } study_kind;

/* plot_study - NAME.EXT from NAME.csv and run.csv. */
static int plot_study(const char *results, const char *plots,
                      const rr_plot_opts *o, study_kind kind, char *err,
                      size_t errlen)
{
    static const char *const names[] = {"sweep", "compare", "fit"};
    runrow ri[MAX_RUNROWS];
    size_t nri = 0;
    sweepdata sw;
    cmpdata cmp;
    fitdata ft;
    rr_plot_format fmt = o->format;
    char gnuplot[PATH_MAX], out[64];
    gp_job job = {gnuplot, plots, out, fmt, o->timeout, o->stop,
                  rr_plot_script_mode()};
    char *script = NULL;
    size_t len = 0;
    FILE *g = NULL;
    int rc;

    memset(&sw, 0, sizeof sw);
    memset(&cmp, 0, sizeof cmp);
    memset(&ft, 0, sizeof ft);
    if (o->stop && *o->stop) {
        snprintf(err, errlen, "%s", rr_strerror(RR_EINTR));
        return RR_EINTR;
    }
    rc = kind == STUDY_SWEEP     ? load_sweep(results, &sw, err, errlen)
         : kind == STUDY_COMPARE ? load_compare(results, &cmp, err, errlen)
                                 : load_fit(results, &ft, err, errlen);
    if (rc == RR_OK)
        rc = load_runrows(results, ri, &nri, err, errlen);
    if (rc == RR_OK)
        rc = need_gnuplot(gnuplot, sizeof gnuplot, err, errlen);
    if (rc == RR_OK && !(g = open_memstream(&script, &len)))
        rc = oom(err, errlen);
    if (rc == RR_OK) {
        snprintf(out, sizeof out, "%s.%s", names[kind], ext_of[fmt]);
        rc = kind == STUDY_SWEEP ? draw_sweep(g, fmt, out, &sw, ri, nri)
             : kind == STUDY_COMPARE
                 ? draw_compare(g, fmt, out, &cmp, ri, nri)
                 : draw_fit(g, fmt, out, &ft, ri, nri);
        fputs("unset output\n", g);
        if (fclose(g) != 0 || !script)
            rc = RR_ENOMEM;
        if (rc == RR_ENOMEM)
            oom(err, errlen);
        if (rc == RR_OK)
            rc = draw_job(&job, script, len, err, errlen);
    }
    free(script);
    runrows_fini(ri, nri);
    sweep_fini(&sw);
    cmp_fini(&cmp);
    fitdata_fini(&ft);
    return rc;
}

static bool has_file(const char *dir, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

bool rr_plot_has_data(const char *results)
{
    return has_file(results, "timeseries_summary.csv") ||
           has_file(results, "sweep.csv") ||
           has_file(results, "compare.csv") || has_file(results, "fit.csv");
}

int rr_plot_results(const char *results, const char *plots,
                    const rr_plot_opts *opts, char *err, size_t errlen)
{
    bool sweep = has_file(results, "sweep.csv");
    bool compare = has_file(results, "compare.csv");
    bool fitted = has_file(results, "fit.csv");
    rr_plot_opts o = *opts;
    int rc = RR_OK;

    if (o.format <= RR_PLOT_NONE || o.format > RR_PLOT_PDF)
        return RR_OK;
    if (!(o.timeout > 0))
        o.timeout = RR_PLOT_TIMEOUT_DEFAULT;
    /* a run's folder, or one that holds nothing: the run's charts (which
     * say what is missing) */
    if (has_file(results, "timeseries_summary.csv") ||
        (!sweep && !compare && !fitted))
        rc = plot_run(results, plots, &o, err, errlen);
    if (rc == RR_OK && sweep)
        rc = plot_study(results, plots, &o, STUDY_SWEEP, err, errlen);
    if (rc == RR_OK && compare)
        rc = plot_study(results, plots, &o, STUDY_COMPARE, err, errlen);
    if (rc == RR_OK && fitted)
        rc = plot_study(results, plots, &o, STUDY_FIT, err, errlen);
    return rc;
}

/* rr_plot_read - the loading half of rr_plot_results: every CSV file it
 * would read, read and checked in the same order, nothing drawn. */
int rr_plot_read(const char *results, char *err, size_t errlen)
{
    static const char *const study[] = {"sweep.csv", "compare.csv",
                                        "fit.csv"};
    bool any = false;
    int rc = RR_OK;

    for (size_t k = 0; k < RR_COUNTOF(study); k++)
        any = any || has_file(results, study[k]);
    if (has_file(results, "timeseries_summary.csv") || !any) {
        pdata d;
        memset(&d, 0, sizeof d);
        d.dir = results;
        rc = load(&d, err, errlen);
        pdata_fini(&d);
    }
    for (size_t k = 0; k < RR_COUNTOF(study) && rc == RR_OK; k++) {
        runrow ri[MAX_RUNROWS];
        size_t nri = 0;
        sweepdata sw;
        cmpdata cmp;
        fitdata ft;
        if (!has_file(results, study[k]))
            continue;
        memset(&sw, 0, sizeof sw);
        memset(&cmp, 0, sizeof cmp);
        memset(&ft, 0, sizeof ft);
        rc = k == STUDY_SWEEP     ? load_sweep(results, &sw, err, errlen)
             : k == STUDY_COMPARE ? load_compare(results, &cmp, err, errlen)
                                  : load_fit(results, &ft, err, errlen);
        if (rc == RR_OK)
            rc = load_runrows(results, ri, &nri, err, errlen);
        runrows_fini(ri, nri);
        sweep_fini(&sw);
        cmp_fini(&cmp);
        fitdata_fini(&ft);
    }
    return rc;
}

/* }=================================================================== */
