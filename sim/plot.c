/*
 * plot.c - charts of a results folder through gnuplot.
 *
 * Uses only the public headers.  Reads the CSV files of a results folder
 * with libcsv (rr_table.h), writes one gnuplot script per chart into
 * memory and feeds it to a gnuplot started with popen(); the data go
 * inline as datablocks, so nothing is written but the charts.
 *
 * Layout, in pixels of a 1280x720 chart (the SVG and PDF terminals are
 * given the same proportions): a title and a subtitle at the top left,
 * then a band of policy events - a bar over the time each is active, its
 * label above the bar, staggered on rows so that no two overlap - then the
 * plot, the legend under it and two footer lines (the scenario, the
 * source).  Axis tics are placed here, not by gnuplot, so that dates read
 * as years, quarters or months and numbers carry thousands separators.
 * Colours are the Okabe-Ito palette, safe for colour-blind readers.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* read_csv - DIR/NAME; *t = NULL without an error when optional and
 * absent. */
static int read_csv(const pdata *d, const char *name, bool optional,
                    rr_table **t, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", d->dir, name);
    if (optional && access(path, F_OK) != 0)
        return RR_OK;
    return rr_table_read(path, t, err, errlen);
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

static int add_event(pdata *d, const char *label, long from, long until)
{
    event *v = realloc(d->ev, (d->ne + 1) * sizeof *v);
    if (!v)
        return RR_ENOMEM;
    d->ev = v;
    if (!(v[d->ne].label = strdup(label)))
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

/* gp_str - a gnuplot double-quoted string. */
static void gp_str(FILE *g, const char *s)
{
    fputc('"', g);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', g);
        fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, g);
    }
    fputc('"', g);
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
        fprintf(g, "%s\"%s\" %.10g", i ? ", " : "", lab, i * step);
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
                fprintf(g, "%s\"%s\" %ld%s", first ? "" : ", ", lab, t,
                        major ? "" : " 1");
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
            fprintf(g, "%s\"", first ? "" : ", ");
            if (labels)
                fprintf(g, "%d %s", d.d, month_abbr[d.m - 1]);
            fprintf(g, "\" %ld", t);
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

/* heading - title, subtitle and the two footer lines. */
static void heading(chart *c, const char *title, const char *subtitle)
{
    FILE *g = c->g;
    const pdata *d = c->d;
    char line[1024], src[600], t[1024], st[1024];
    snprintf(t, sizeof t, "%s", title);
    snprintf(st, sizeof st, "%s", subtitle);
    fit(t, sizeof t, 22 * 1.1, 0.96 * W); /* bold */
    fit(st, sizeof st, FS, 0.96 * W);
    title = t;
    subtitle = st;
    fprintf(g, "set label ");
    gp_str(g, title);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s Bold,22\"\n",
            sy(34), FONT);
    fprintf(g, "set label ");
    gp_str(g, subtitle);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
               "textcolor rgb \"#444444\"\n",
            sy(68), FONT, FS);
    snprintf(line, sizeof line, "Scenario %s · %zu replication%s%s%s",
             d->scenario, d->reps, d->reps == 1 ? "" : "s",
             *d->version ? " · rrsim " : "", d->version);
    fit(line, sizeof line, 11, 0.96 * W);
    fprintf(g, "set label ");
    gp_str(g, line);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
               "textcolor rgb \"#555555\"\n",
            sy(H - 38), FONT);
    if (*d->source)
        snprintf(src, sizeof src, "%s%s",
                 strncmp(d->source, "Source", 6) == 0 ? "" : "Source: ",
                 d->source);
    else
        snprintf(src, sizeof src, "Source: rrsim simulation");
    fit(src, sizeof src, 11, 0.96 * W);
    fprintf(g, "set label ");
    gp_str(g, src);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
               "textcolor rgb \"#555555\"\n",
            sy(H - 16), FONT);
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

/* A legend entry: a box of a colour, or a line. */
typedef struct key_entry {
    const char *title;
    const char *colour;
    char kind;          /* 'b' box, 'l' line */
    const char *dash;   /* 'l': a gnuplot dash pattern, or NULL */
    double lw;          /* 'l' */
} key_entry;

/* legend - the entries in one row under the plot, centred, or in two rows
 * when one is too wide; drawn here so that nothing wraps unplanned. */
static void legend(chart *c, const key_entry *e, size_t n)
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
        double w = 0, y = split < n ? (row ? 56.0 : 78.0) : 70.0;
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
        fprintf(g, "set label \"%s\" at first %ld, graph 1 left offset "
                   "0.2,%.1f font \",10\" textcolor rgb \"#333333\" front\n",
                lab, day, -0.6 - 0.9 * row);
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
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        struct stat sb;
        snprintf(buf, n, "%.*s%sgnuplot", (int)len, path, len ? "/" : "");
        if (stat(buf, &sb) == 0 && S_ISREG(sb.st_mode) &&
            access(buf, X_OK) == 0)
            return true;
        path += len;
        if (*path == ':')
            path++;
    }
    if (n)
        buf[0] = '\0';
    return false;
}

/* run_gnuplot - feed the script to gnuplot; its exit status tells. */
static int run_gnuplot(const char *gnuplot, const char *script, size_t len,
                       const char *out, char *err, size_t errlen)
{
    /* messages name the chart, not the temporary folder it is drawn in */
    const char *name = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
    char cmd[PATH_MAX * 4 + 16];
    size_t o = 0;
    FILE *p;
    int st;
    struct stat sb;

    /* the program's path in single quotes for the shell */
    o += (size_t)snprintf(cmd, sizeof cmd, "exec '");
    for (const char *s = gnuplot; *s && o + 6 < sizeof cmd; s++) {
        if (*s == '\'') {
            memcpy(cmd + o, "'\\''", 4);
            o += 4;
        } else {
            cmd[o++] = *s;
        }
    }
    snprintf(cmd + o, sizeof cmd - o, "'");
    fflush(NULL);
    if (!(p = popen(cmd, "w"))) {
        int e = errno;
        snprintf(err, errlen, "cannot start gnuplot: %s", strerror(e));
        return RR_EIO;
    }
    fwrite(script, 1, len, p); /* a short write shows in the status */
    st = pclose(p);
    if (st == -1) {
        int e = errno;
        snprintf(err, errlen, "gnuplot failed drawing '%s': %s", name,
                 strerror(e));
        return RR_EIO;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        if (stat(out, &sb) != 0 || sb.st_size == 0) {
            snprintf(err, errlen, "gnuplot wrote nothing to '%s'", name);
            return RR_EIO;
        }
        return RR_OK;
    }
    if (WIFEXITED(st))
        snprintf(err, errlen, "gnuplot failed drawing '%s' (exit status %d)",
                 name, WEXITSTATUS(st));
    else
        snprintf(err, errlen,
                 "gnuplot failed drawing '%s' (killed by signal %d)", name,
                 WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return RR_EIO;
}

typedef int chart_fn(chart *c, rr_plot_format fmt, const char *out);

int rr_plot_results(const char *results, const char *plots,
                    rr_plot_format fmt, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        chart_fn *fn;
    } charts[] = {{"departures", chart_departures},
                  {"caseload", chart_caseload},
                  {"time_to_departure", chart_time_to_departure},
                  {"reintegration", chart_reintegration}};
    static const char *const ext[] = {"", "png", "svg", "pdf"};
    pdata d;
    char gnuplot[PATH_MAX];
    int rc;

    if (fmt == RR_PLOT_NONE)
        return RR_OK;
    memset(&d, 0, sizeof d);
    d.dir = results;
    if ((rc = load(&d, err, errlen)) != RR_OK) {
        pdata_fini(&d);
        return rc;
    }
    if (!rr_plot_find_gnuplot(gnuplot, sizeof gnuplot)) {
        snprintf(err, errlen, "gnuplot not found (install it with: "
                              "apt-get install gnuplot-nox)");
        pdata_fini(&d);
        return RR_ENOTFOUND;
    }
    for (size_t i = 0; i < RR_COUNTOF(charts) && rc == RR_OK; i++) {
        char out[PATH_MAX];
        char *script = NULL;
        size_t len = 0;
        chart c;
        memset(&c, 0, sizeof c);
        c.d = &d;
        c.x0 = d.p0[0];
        c.x1 = d.p1[d.np - 1];
        c.L = 0.09;
        c.R = 0.975;
        c.B = 165.0 / H;
        snprintf(out, sizeof out, "%s/%s.%s", plots, charts[i].name,
                 ext[fmt]);
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
            rc = run_gnuplot(gnuplot, script, len, out, err, errlen);
        free(script);
        free(c.row);
    }
    pdata_fini(&d);
    return rc;
}

/* }=================================================================== */
