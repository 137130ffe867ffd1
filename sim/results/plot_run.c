/*
 * plot_run.c - the four charts of a run (plot_int.h):
 *   departures         departures by kind per period, stacked;
 *   caseload           caseload per stage at each period end, mean and
 *                      95% CI band, one panel per stage;
 *   time_to_departure  days from entry to verified departure;
 *   reintegration      verified departures by reintegration provider;
 *   utilisation        the share of each stage's servers busy, per
 *                      period (stages_summary.csv).
 *
 * Each has a title and a subtitle at the top left, then a band of policy
 * events - a bar over the time each is active, its label above the bar,
 * staggered on rows so that no two overlap - then the plot, the legend
 * under it and two footer lines (the scenario, the source).  The caseload
 * chart, in panels, lists the events at the top instead and marks them
 * with letters in each panel.  The series are named by the indicator
 * registry's words (RR_LABEL_SERIES).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* A chart of a run being written. */
typedef struct chart {
    FILE *g;
    const rri_rundata *d;
    rri_xmap m;             /* x range (days) over the plot's sides */
    double T, B;            /* plot top and bottom, screen fractions */
    int rows;               /* rows of event labels */
    int *row;               /* per event; -1 not drawn */
} chart;

static double val(const rri_rundata *d, const double *v, size_t k, long m)
{
    return m < 0 ? NAN : v[k * d->nm + (size_t)m];
}

/* ---- frame ---------------------------------------------------------------------- */

/* changed - run.csv's overrides ("k=v; k2=v2") into buf: what changes
 * the model, not the replications (stated anyway) or the seed (another
 * draw of the same model). */
static void changed(const char *overrides, char *buf, size_t n)
{
    static const char *const skip[] = {"scenario.replications=",
                                       "scenario.seed="};
    size_t len = 0;
    const char *p = overrides ? overrides : "";
    buf[0] = '\0';
    while (*p) {
        size_t k = strcspn(p, ";");
        bool keep = len + k + 3 < n;
        for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
            keep = keep && strncmp(p, skip[i], strlen(skip[i])) != 0;
        if (keep) {
            len += (size_t)snprintf(buf + len, n - len, "%s%.*s",
                                    len ? "; " : "", (int)k, p);
        }
        p += k;
        while (*p == ';' || *p == ' ')
            p++;
    }
}

/* heading - title, subtitle and the two footer lines of a run's chart. */
static void heading(chart *c, const char *title, const char *subtitle)
{
    const rri_rundata *d = c->d;
    char line[1024];
    char with[512];
    changed(d->overrides, with, sizeof with);
    /* settings changed on the command line come first after the name:
     * a chart of a changed run must not pass for the scenario's own */
    if (d->foot)
        snprintf(line, sizeof line, "%s%s%s", d->foot,
                 *d->version ? " · rrsim " : "", d->version);
    else
        snprintf(line, sizeof line,
                 "Scenario %s%s%s · %zu replication%s%s%s", d->scenario,
                 *with ? " with " : "", with, d->reps,
                 d->reps == 1 ? "" : "s", *d->version ? " · rrsim " : "",
                 d->version);
    rri_gp_heading(c->g, title, subtitle, line, d->source);
}

/* shade_windows - the windows of events in force, shaded behind the data
 * in opaque greys, darker where windows overlap (opaque, so that every
 * SVG and PDF reader shows them alike). */
static void shade_windows(chart *c)
{
    static const char *const grey[] = {"#efefef", "#e2e2e2", "#d5d5d5",
                                       "#c8c8c8"};
    const rri_rundata *d = c->d;
    long *cut = malloc((2 * d->ne + 2) * sizeof *cut);
    size_t n = 0;
    if (!cut)
        return;
    for (size_t i = 0; i < d->ne; i++) {
        const rri_event *e = &d->ev[i];
        if (e->until == LONG_MAX || e->from >= c->m.x1 || e->until <= c->m.x0)
            continue;
        cut[n++] = e->from < c->m.x0 ? c->m.x0 : e->from;
        cut[n++] = e->until > c->m.x1 ? c->m.x1 : e->until;
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
                const rri_event *e = &d->ev[i];
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
    const rri_rundata *d = c->d;
    /* rows of 34 px, closer when there are more than six, so that many
     * events keep their own rows without crowding the plot out */
    double top = 88, row_h = c->rows > 6 ? 26 : 34;
    c->T = rri_sy(top + row_h * c->rows + (c->rows ? 10 : 14));
    shade_windows(c);
    for (size_t i = 0; i < d->ne; i++) {
        const rri_event *e = &d->ev[i];
        long a = e->from < c->m.x0 ? c->m.x0 : e->from;
        long b = e->until == LONG_MAX || e->until > c->m.x1 ? c->m.x1
                                                            : e->until;
        double lw = rri_text_px(e->label, FS_EVENT);
        double y_bar, y_txt, ax = rri_x_px(&c->m, (double)a);
        bool right = ax + 2 + lw > W - 8;
        if (c->row[i] < 0)
            continue;
        y_bar = rri_sy(top + row_h * (c->rows - 1 - c->row[i]) +
                       row_h * 27 / 34);
        y_txt = rri_sy(top + row_h * (c->rows - 1 - c->row[i]) +
                       row_h * 14 / 34);
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
        rri_gp_str(g, e->label);
        fprintf(g, " at first %ld, screen %.4f %s offset %s font \"%s,%d\" "
                   "textcolor rgb \"#222222\"\n",
                a, y_txt, right ? "right" : "left",
                right ? "-0.2,0" : "0.2,0", FONT, FS_EVENT);
    }
}

/* frame - terminal, heading, event band, margins, the x axis over the
 * periods and the axis labels: all but the data of a one-plot chart. */
static int frame(chart *c, rr_plot_format fmt, const char *out,
                 const char *title, const char *subtitle, const char *xlabel,
                 const char *ylabel)
{
    FILE *g = c->g;
    int rc;
    rri_gp_style(g, fmt, out);
    heading(c, title, subtitle);
    events(c);
    rri_gp_margins(g, c->m.L, c->m.R, c->T, c->B);
    fprintf(g, "set xrange [%ld:%ld]\n", c->m.x0, c->m.x1);
    if ((rc = rri_gp_time_axis(g, c->m.x0, c->m.x1, true, FS,
                               (c->m.R - c->m.L) * W)) != RR_OK)
        return rc;
    fprintf(g, "set label ");
    rri_gp_str(g, xlabel);
    fprintf(g, " at screen %.4f, screen %.4f center font \"%s,%d\" "
               "textcolor rgb \"#333333\"\n",
            (c->m.L + c->m.R) / 2, c->B - 58.0 / H, FONT, 13);
    fprintf(g, "set label ");
    rri_gp_str(g, ylabel);
    fprintf(g, " at screen 0.018, screen %.4f center rotate by 90 "
               "font \"%s,%d\" textcolor rgb \"#333333\"\n",
            (c->T + c->B) / 2, FONT, 13);
    return RR_OK;
}

/* legend - the legend of a run's chart, 70 px from the bottom. */
static void legend(chart *c, const rri_key *e, size_t n)
{
    rri_gp_legend(c->g, e, n, (c->m.L + c->m.R) / 2 * W, 70);
}

/* period_cap - "Month", "Quarter", ... */
static const char *period_cap(const rri_rundata *d)
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
static void xlabel_periods(const rri_rundata *d, const char *what, char *buf,
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

/* ---- stacked bars: departures, reintegration ------------------------------------ */

/* stacked_data - the bars of metrics m[0..n) per period, each layer a data
 * set; the height of the highest stack into *max. */
static void stacked_data(chart *c, const long *m, size_t n, double *max)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    bool thin = d->np > 150;
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
            if (y1 > *max)
                *max = y1;
            fprintf(g, "%.1f %.10g %.1f %.1f %.10g %.10g\n",
                    (double)d->p0[k] + len / 2, (y0 + y1) / 2,
                    (double)d->p0[k] + gap / 2, (double)d->p1[k] - gap / 2,
                    y0, y1);
        }
        fputs("\n\n", g); /* a new data set per layer */
    }
    fputs("EOD\n", g);
}

/* stacked - bars of the named metrics per period, stacked in the order
 * given (first at the bottom); kinds that never occur stay out of the
 * chart and its legend (title and colour are compacted in place). */
static int stacked(chart *c, const char *const *metric, const char **title,
                   const char **colour, size_t n)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    double max = 0;
    long *m = malloc((n ? n : 1) * sizeof *m);
    rri_key *ke = calloc(n ? n : 1, sizeof *ke);
    size_t kept = 0;
    int rc;
    if (!m || !ke) {
        free(m);
        free(ke);
        return RR_ENOMEM;
    }
    for (size_t j = 0; j < n; j++) {
        long mj = rri_metric_index(d, metric[j]);
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
    stacked_data(c, m, n, &max);
    rc = rri_gp_count_axis(g, max, 6, 1.04);
    for (size_t j = 0; j < n; j++)
        ke[j] = (rri_key){title[j], colour[j], 'b', NULL, 0};
    legend(c, ke, n);
    fputs("plot ", g);
    for (size_t j = 0; j < n; j++)
        fprintf(g, "%s$bars index %zu using 1:2:3:4:5:6 with boxxyerror "
                   "lc rgb \"%s\" notitle",
                j ? ", \\\n     " : "", j, colour[j]);
    fputc('\n', g);
    free(m);
    free(ke);
    return rc;
}

/* The departures drawn, bottom up, and their colours; departures_closed
 * (cases that left otherwise) are no departures. */
static const struct {
    rr_ind_id id;
    const char *colour;
} dep_series[] = {{RR_IND_DEPARTURES_VOLUNTARY_IOM, OI_BLUE},
                  {RR_IND_DEPARTURES_VOLUNTARY_NGO, OI_SKY},
                  {RR_IND_DEPARTURES_VOLUNTARY_SELF, OI_GREEN},
                  {RR_IND_DEPARTURES_FORCED, OI_VERMILLION},
                  {RR_IND_DEPARTURES_UNSUPERVISED, OI_ORANGE}};

static int chart_departures(chart *c, rr_plot_format fmt, const char *out)
{
    enum { N = RR_COUNTOF(dep_series) };
    const char *metric[N], *title[N], *colour[N];
    char words[N][96];
    const rri_rundata *d = c->d;
    char t[256], s[512], y[128], x[256];
    int rc;
    for (size_t i = 0; i < N; i++) {
        const rr_indicator *e = &rr_indicators[dep_series[i].id];
        metric[i] = e->name;
        title[i] = rr_indicator_entry_label(e, NULL, RR_LABEL_SERIES,
                                            words[i], sizeof words[i]);
        colour[i] = dep_series[i].colour;
    }
    snprintf(t, sizeof t, "Departures by kind, per %s", d->report);
    snprintf(s, sizeof s, "%s · mean of %zu replication%s", d->title,
             d->reps, d->reps == 1 ? "" : "s");
    snprintf(y, sizeof y, "Departures per %s (persons)", d->report);
    xlabel_periods(d, "of departure", x, sizeof x);
    if ((rc = frame(c, fmt, out, t, s, x, y)) != RR_OK)
        return rc;
    return stacked(c, metric, title, colour, N);
}

/* reintegration_series - the providers' metrics in file order, then none:
 * names, words and colours (n of them). */
static size_t reintegration_series(const rri_rundata *d, const char **metric,
                                   const char **title, const char **colour,
                                   char (*words)[96])
{
    static const char *const palette[] = {OI_BLUE,   OI_GREEN,
                                          OI_PURPLE, OI_ORANGE,
                                          OI_SKY,    OI_VERMILLION,
                                          OI_YELLOW};
    const rr_indicator *none = &rr_indicators[RR_IND_REINTEGRATION_NONE];
    size_t n = 0;
    for (size_t i = 0; i < d->nm; i++) {
        const char *member;
        const rr_indicator *e =
            rr_indicator_find_in(d->metric[i], RR_IND_METRIC, &member);
        if (!e || e->id != RR_IND_REINTEGRATION_PROVIDER)
            continue;
        metric[n] = d->metric[i];
        title[n] = rr_indicator_entry_label(e, member, RR_LABEL_SERIES,
                                            words[n], sizeof words[n]);
        colour[n] = palette[n % RR_COUNTOF(palette)];
        n++;
    }
    if (rri_metric_index(d, none->name) >= 0) {
        metric[n] = none->name;
        title[n] = rr_indicator_entry_label(none, NULL, RR_LABEL_SERIES,
                                            words[n], sizeof words[n]);
        colour[n++] = GREY;
    }
    return n;
}

static int chart_reintegration(chart *c, rr_plot_format fmt,
                               const char *out)
{
    const rri_rundata *d = c->d;
    const char **metric = calloc(d->nm + 1, sizeof *metric);
    const char **title = calloc(d->nm + 1, sizeof *title);
    const char **colour = calloc(d->nm + 1, sizeof *colour);
    char(*words)[96] = calloc(d->nm + 1, sizeof *words);
    char t[256], s[512], y[128], x[256];
    int rc = RR_ENOMEM;
    if (metric && title && colour && words) {
        size_t n = reintegration_series(d, metric, title, colour, words);
        snprintf(t, sizeof t, "Reintegration support by provider, per %s",
                 d->report);
        snprintf(s, sizeof s,
                 "%s · verified departures by the provider they got · mean "
                 "of %zu replication%s",
                 d->title, d->reps, d->reps == 1 ? "" : "s");
        snprintf(y, sizeof y, "Returnees per %s (persons)", d->report);
        xlabel_periods(d, "of departure", x, sizeof x);
        if ((rc = frame(c, fmt, out, t, s, x, y)) == RR_OK)
            rc = stacked(c, metric, title, colour, n);
    }
    free(metric);
    free(title);
    free(colour);
    free(words);
    return rc;
}

/* ---- time to departure ------------------------------------------------------------ */

/* ttd_data - $t: per period its middle and, after a trace, the five
 * quantiles; otherwise the mean and its interval (the mean alone with one
 * replication).  A period without a value is a gap.  The highest value
 * into *max. */
static void ttd_data(chart *c, long m, double *max)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
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
            if (!isnan(v[i]) && v[i] > *max)
                *max = v[i];
        }
        if (!ok) {
            fputc('\n', g); /* a gap, not a line across it */
            continue;
        }
        rri_gp_num(g, xm);
        for (int i = 0; i < n; i++) {
            fputc(' ', g);
            rri_gp_num(g, v[i]);
        }
        fputc('\n', g);
    }
    fputs("EOD\n", g);
}

/* plot_bands - the y axis up to max, the legend ke, and the plot of the
 * datablock $t (x, then the 5%/10%, 25%, 50%, 75% and 95%/90% quantiles):
 * the outer band, the middle half and the median line. */
static int plot_bands(chart *c, double max, const rri_key *ke, size_t nk)
{
    int rc = rri_gp_count_axis(c->g, max, 6, 1.04);
    legend(c, ke, nk);
    fputs("plot $t using 1:2:6 with filledcurves fc rgb \"" BAND_LIGHT
          "\" fs solid 1 notitle, "
          "\\\n     $t using 1:3:5 with filledcurves fc rgb \"" BAND_MID
          "\" fs solid 1 notitle, "
          "\\\n     $t using 1:4 with lines lw 2.5 lc rgb \"" OI_BLUE
          "\" notitle\n",
          c->g);
    return rc;
}

/* ttd_traced - the median line and its two bands. */
static int ttd_traced(chart *c, double max)
{
    static const rri_key ke[] = {
        {"Median", OI_BLUE, 'l', NULL, 2.5},
        {"Middle half of departures (25–75%)", BAND_MID, 'b', NULL, 0},
        {"10–90% of departures", BAND_LIGHT, 'b', NULL, 0}};
    return plot_bands(c, max, ke, RR_COUNTOF(ke));
}

/* ttd_means - the mean line and its band, and the run's median and 90th
 * percentile (summary.csv) as dashed lines. */
static int ttd_means(chart *c, double max)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    char k1[128], k2[128], num[32];
    rri_key ke[4] = {{"Mean of those departing", OI_BLUE, 'l', NULL, 2.5},
                     {"95% confidence interval", BAND_CI, 'b', NULL, 0},
                     {k1, OI_VERMILLION, 'l', "(8,5)", 1.8},
                     {k2, OI_PURPLE, 'l', "(3,3)", 2.5}};
    size_t nk = 2;
    int rc;
    if (!isnan(d->kpi_p90) && d->kpi_p90 > max)
        max = d->kpi_p90;
    rc = rri_gp_count_axis(g, max, 6, 1.04);
    if (!isnan(d->kpi_median)) {
        rri_fmt_number(d->kpi_median, d->kpi_median < 10 ? 1 : 0, num,
                       sizeof num);
        snprintf(k1, sizeof k1, "Median, whole run: %s days", num);
        ke[nk++] = ke[2];
    }
    if (!isnan(d->kpi_p90)) {
        rri_fmt_number(d->kpi_p90, d->kpi_p90 < 10 ? 1 : 0, num, sizeof num);
        snprintf(k2, sizeof k2, "90%% depart within %s days", num);
        ke[nk++] = ke[3];
    }
    legend(c, ke, nk);
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
    return rc;
}

static int chart_time_to_departure(chart *c, rr_plot_format fmt,
                                   const char *out)
{
    const rri_rundata *d = c->d;
    long m = rri_metric_index(
        d, rr_indicators[RR_IND_TIME_TO_DEPARTURE_MEAN].name);
    char t[256], s[512], y[128], x[128];
    double max = 0;
    int rc;

    snprintf(t, sizeof t, "Time from entry to departure, by %s of departure",
             d->report);
    snprintf(s, sizeof s, "%s · verified departures · %s", d->title,
             d->traced ? "every simulated case, all replications pooled"
                       : "mean of the replications");
    snprintf(y, sizeof y, "Days from entering the caseload to departure");
    snprintf(x, sizeof x, "%s of departure", period_cap(d));
    if ((rc = frame(c, fmt, out, t, s, x, y)) != RR_OK)
        return rc;
    ttd_data(c, m, &max);
    return d->traced ? ttd_traced(c, max) : ttd_means(c, max);
}

/* ---- caseload: one panel per stage --------------------------------------------- */

typedef struct panel {
    long metric;
    double avg, max;
} panel;

static int by_avg(const void *a, const void *b)
{
    const panel *x = a, *y = b;
    return x->avg < y->avg ? 1 : x->avg > y->avg ? -1 : 0;
}

/* stage_of - the caseload indicator metric i of d is (the total, or a
 * stage's), its member into *member; NULL for another metric. */
static const rr_indicator *stage_of(const rri_rundata *d, long i,
                                    const char **member)
{
    const rr_indicator *e =
        rr_indicator_find_in(d->metric[i], RR_IND_METRIC, member);
    return e && (e->id == RR_IND_CASELOAD_TOTAL ||
                 e->id == RR_IND_CASELOAD_STAGE)
               ? e
               : NULL;
}

/* stage_words - the panel title of metric i ("All stages", "R&DS"). */
static void stage_words(const rri_rundata *d, long i, char *buf, size_t n)
{
    const char *member;
    const rr_indicator *e = stage_of(d, i, &member);
    rr_indicator_entry_label(e, member, RR_LABEL_SERIES, buf, n);
}

/* add_name - ", name" to a list in buf (n bytes), while there is room. */
static void add_name(char *buf, size_t n, const char *name)
{
    size_t len = strlen(buf);
    if (len + strlen(name) + 3 < n)
        snprintf(buf + len, n - len, "%s%s", len ? ", " : "", name);
}

/* caseload_panels - the panels: the total first, then the stages by
 * their average caseload, largest first (those never occupied are listed
 * in `empty` instead); one stage alone is its own total.  Returns how
 * many. */
static size_t caseload_panels(const rri_rundata *d, panel *pn, char *empty,
                              size_t empty_len)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nm; i++) {
        const char *member;
        const rr_indicator *e = stage_of(d, (long)i, &member);
        panel p = {(long)i, 0, 0};
        if (!e)
            continue;
        for (size_t k = 0; k < d->np; k++) {
            double v = val(d, d->mean, k, (long)i);
            if (isnan(v))
                continue;
            p.avg += v / (double)d->np;
            if (v > p.max)
                p.max = v;
        }
        if (e->id == RR_IND_CASELOAD_TOTAL) {
            p.avg = INFINITY; /* first */
        } else if (p.max < 0.5) {
            char nm[96];
            stage_words(d, (long)i, nm, sizeof nm);
            add_name(empty, empty_len, nm);
            continue;
        }
        pn[n++] = p;
    }
    qsort(pn, n, sizeof *pn, by_avg);
    if (n == 2 && stage_of(d, pn[0].metric, NULL)->id ==
                      RR_IND_CASELOAD_TOTAL) {
        pn[0] = pn[1]; /* one stage: its panel is the total */
        n = 1;
    }
    return n;
}

/* event_key - "A  label, dates" entries flowing over rows from the top
 * at px `top`; returns the rows used.  Drawn only when `draw`. */
static int event_key(chart *c, double top, bool draw)
{
    const rri_rundata *d = c->d;
    double x = 0.02 * W, fs = FS_EVENT;
    int rows = d->ne ? 1 : 0, letter = 0;
    for (size_t i = 0; i < d->ne; i++) {
        const rri_event *e = &d->ev[i];
        char text[700], a[32], b[32];
        double w;
        if (e->from > c->m.x1 || (e->until != LONG_MAX && e->until < c->m.x0))
            continue;
        rri_date_text(e->from, a, sizeof a);
        if (e->until == LONG_MAX) {
            snprintf(text, sizeof text, "%c  %s, from %s", 'A' + letter % 26,
                     e->label, a);
        } else {
            rri_date_text(e->until, b, sizeof b);
            snprintf(text, sizeof text, "%c  %s, %s – %s", 'A' + letter % 26,
                     e->label, a, b);
        }
        letter++;
        w = rri_text_px(text, fs);
        if (x > 0.02 * W && x + w > 0.98 * W) {
            rows++;
            x = 0.02 * W;
        }
        if (draw) {
            fprintf(c->g, "set label ");
            rri_gp_str(c->g, text);
            fprintf(c->g, " at screen %.4f, screen %.4f left font \"%s,%g\" "
                          "textcolor rgb \"#222222\"\n",
                    x / W, rri_sy(top + 22.0 * (rows - 1) + 10), FONT, fs);
        }
        x += w + 28;
    }
    return rows;
}

/* panel_letters - the letters of the events starting on `day` (events
 * counted in order over those in range) into lab, and a line at the day
 * for each that is for good. */
static void panel_letters(chart *c, long day, char *lab, size_t n)
{
    const rri_rundata *d = c->d;
    int letter = 0;
    for (size_t i = 0; i < d->ne; i++) {
        const rri_event *e = &d->ev[i];
        size_t len = strlen(lab);
        if (e->from > c->m.x1 || (e->until != LONG_MAX && e->until < c->m.x0))
            continue;
        letter++;
        if (e->from != day)
            continue;
        if (len + 3 < n) {
            if (len)
                lab[len++] = ',';
            lab[len++] = (char)('A' + (letter - 1) % 26);
            lab[len] = '\0';
        }
        if (e->until == LONG_MAX)
            fprintf(c->g, "set arrow from first %ld, graph 0 to first %ld, "
                          "graph 1 nohead dt (6,4) lw 1 lc rgb \"#333333\" "
                          "front\n",
                    e->from, e->from);
    }
}

/* panel_events - shaded windows, lines and letters in one panel (whose
 * sides are c->m.L, c->m.R).  Letters of events starting on the same day
 * share a place; a letter that would touch the one before goes a line
 * lower. */
static void panel_events(chart *c)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    double end_px[3] = {-1e9, -1e9, -1e9};
    long last = LONG_MIN;
    shade_windows(c);
    for (;;) {
        /* the next start date after `last` */
        long day = LONG_MAX;
        char lab[64] = "";
        int row = 0;
        double px, w;
        for (size_t i = 0; i < d->ne; i++) {
            const rri_event *e = &d->ev[i];
            if (e->from > c->m.x1 || (e->until != LONG_MAX && e->until < c->m.x0))
                continue;
            if (e->from > last && e->from < day)
                day = e->from;
        }
        if (day == LONG_MAX)
            break;
        last = day;
        panel_letters(c, day, lab, sizeof lab);
        day = day < c->m.x0 ? c->m.x0 : day;
        px = rri_x_px(&c->m, (double)day);
        w = rri_text_px(lab, 10) + 6;
        while (row < 2 && px < end_px[row] + 2)
            row++;
        end_px[row] = px + w;
        fputs("set label ", g);
        rri_gp_str(g, lab);
        fprintf(g, " at first %ld, graph 1 left offset 0.2,%.1f font \",10\" "
                   "textcolor rgb \"#333333\" front\n",
                day, -0.6 - 0.9 * row);
    }
}

/* How the caseload chart is laid out. */
typedef struct caseload_layout {
    size_t shown, cols, rows;
    double top, L0, R0, T0, B0;
    char t[256], s[512], note[1024];
} caseload_layout;

/* caseload_texts - title, subtitle and the note under the chart; the
 * grid. */
static void caseload_texts(chart *c, caseload_layout *lo, size_t n,
                           const panel *pn, const char *empty)
{
    const rri_rundata *d = c->d;
    char hidden[512] = "";
    lo->shown = n < MAX_PANELS ? n : MAX_PANELS;
    for (size_t i = lo->shown; i < n; i++) {
        char nm[96];
        stage_words(d, pn[i].metric, nm, sizeof nm);
        add_name(hidden, sizeof hidden, nm);
    }
    lo->cols = rri_grid_cols(lo->shown);
    lo->rows = lo->shown ? (lo->shown + lo->cols - 1) / lo->cols : 1;
    snprintf(lo->t, sizeof lo->t, "Caseload by stage, at the end of each %s",
             d->report);
    snprintf(lo->s, sizeof lo->s,
             "%s · mean of %zu replication%s with 95%% "
             "confidence band · each panel on its own scale",
             d->title, d->reps, d->reps == 1 ? "" : "s");
    snprintf(lo->note, sizeof lo->note, "%s%s%s%s%s",
             d->ne ? "Letters mark the events listed at the top. " : "",
             *empty ? "Never occupied: " : "", empty, *empty ? ". " : "",
             *hidden ? "Not shown: " : "");
    if (*hidden && strlen(lo->note) + strlen(hidden) + 2 < sizeof lo->note)
        snprintf(lo->note + strlen(lo->note),
                 sizeof lo->note - strlen(lo->note), "%s.", hidden);
    lo->top = 88;
    lo->L0 = 0.062;
    lo->R0 = 0.99;
    lo->B0 = 96.0 / H;
    lo->T0 = rri_sy(lo->top + 22.0 * event_key(c, lo->top, false) + 8);
}

/* caseload_data - one data block per panel: period end, mean, interval. */
static void caseload_data(chart *c, const panel *pn, size_t shown)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
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
}

/* caseload_top - what the first panel carries for the whole chart:
 * heading, the list of events, the note and the y label. */
static void caseload_top(chart *c, const caseload_layout *lo)
{
    FILE *g = c->g;
    char y[128];
    heading(c, lo->t, lo->s);
    event_key(c, lo->top, true);
    if (*lo->note) {
        fprintf(g, "set label ");
        rri_gp_str(g, lo->note);
        fprintf(g, " at screen 0.02, screen %.4f left font \"%s,11\" "
                   "textcolor rgb \"#555555\"\n",
                rri_sy(H - 60), FONT);
    }
    snprintf(y, sizeof y, "Cases at the end of the %s (persons)",
             c->d->report);
    fprintf(g, "set label ");
    rri_gp_str(g, y);
    fprintf(g, " at screen 0.014, screen %.4f center rotate by 90 "
               "font \"%s,13\" textcolor rgb \"#333333\"\n",
            (lo->T0 + lo->B0) / 2, FONT);
}

/* caseload_panel - panel p of the grid. */
static int caseload_panel(chart *c, const caseload_layout *lo,
                          const panel *pn, size_t p)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    size_t ci = p % lo->cols, ri = p / lo->cols;
    double cw = (lo->R0 - lo->L0) / (double)lo->cols;
    double rh = (lo->T0 - lo->B0) / (double)lo->rows;
    double l = lo->L0 + (double)ci * cw + 52.0 / W;
    double r = lo->L0 + (double)(ci + 1) * cw - 18.0 / W;
    double tp = lo->T0 - (double)ri * rh - 26.0 / H;
    double b = lo->T0 - (double)(ri + 1) * rh + 26.0 / H;
    bool bottom = p + lo->cols >= lo->shown;
    double max = 0;
    char nm[128];
    int rc;
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (p == 0)
        caseload_top(c, lo);
    rri_gp_margins(g, l, r, tp, b);
    fprintf(g, "set xrange [%ld:%ld]\n", c->m.x0, c->m.x1);
    if ((rc = rri_gp_time_axis(g, c->m.x0, c->m.x1, bottom, 11,
                               (r - l) * W)) != RR_OK)
        return rc;
    for (size_t k = 0; k < d->np; k++) {
        double hi = val(d, d->hi, k, pn[p].metric);
        double v = val(d, d->mean, k, pn[p].metric);
        if (!isnan(hi) && hi > max)
            max = hi;
        if (!isnan(v) && v > max)
            max = v;
    }
    if ((rc = rri_gp_count_axis(g, max, 3, 1.3)) != RR_OK)
        return rc;
    stage_words(d, pn[p].metric, nm, sizeof nm);
    fprintf(g, "set label ");
    rri_gp_str(g, nm);
    fprintf(g, " at graph 0, graph 1 left offset 0,0.75 font "
               "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
            FONT);
    c->m.L = l;
    c->m.R = r;
    panel_events(c);
    fprintf(g,
            "plot $c%zu using 1:3:4 with filledcurves fc rgb \"" BAND_CI
            "\" fs solid 1 notitle, \\\n"
            "     $c%zu using 1:2 with lines lw 2 lc rgb \"" OI_BLUE
            "\" notitle\n",
            p, p);
    return RR_OK;
}

static int chart_caseload(chart *c, rr_plot_format fmt, const char *out)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    panel *pn = calloc(d->nm + 1, sizeof *pn);
    char empty[512] = "";
    caseload_layout lo;
    int rc = RR_OK;

    if (!pn)
        return RR_ENOMEM;
    caseload_texts(c, &lo, caseload_panels(d, pn, empty, sizeof empty), pn,
                   empty);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\n", g);
    caseload_data(c, pn, lo.shown);
    fputs("set multiplot\n", g);
    for (size_t p = 0; p < lo.shown && rc == RR_OK; p++)
        rc = caseload_panel(c, &lo, pn, p);
    fputs("unset multiplot\n", g);
    free(pn);
    return rc;
}

/* ---- utilisation of the stages ------------------------------------------------ */

/* The lines of the stages: Okabe-Ito colours (black for its yellow, too
 * pale for a line on white), then again dashed, then dotted. */
static const char *const util_colour[] = {OI_BLUE,       OI_ORANGE, OI_GREEN,
                                          OI_VERMILLION, OI_SKY,    OI_PURPLE,
                                          "#000000"};
static const char *const util_dash[] = {NULL, "(8,4)", "(2,3)"};
#define UTIL_LINES 12

static double util_at(const rri_rundata *d, size_t k, size_t s)
{
    return d->util[k * RRI_MAX_STAGES + s];
}

/* util_words - a stage's name in words, cut to fit a legend entry. */
static void util_words(const rri_rundata *d, size_t s, char *buf, size_t n)
{
    rr_indicator_member_words(d->stage[s], buf, n);
    rri_text_fit(buf, n, RRI_KEY_FS, 260);
}

/* util_data - $u: one data set per stage drawn, a step per period (its
 * start and end at the period's mean utilisation, in percent), broken
 * where a period has none; the highest value into *max. */
static void util_data(chart *c, const size_t *st, size_t n, double *max)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    fputs("$u << EOD\n", g);
    for (size_t j = 0; j < n; j++) {
        for (size_t k = 0; k < d->np; k++) {
            double v = 100 * util_at(d, k, st[j]);
            if (isnan(v)) {
                fputc('\n', g);
                continue;
            }
            if (v > *max)
                *max = v;
            fprintf(g, "%ld %.10g\n%ld %.10g\n", d->p0[k], v, d->p1[k], v);
        }
        fputs("\n\n", g);
    }
    fputs("EOD\n", g);
}

/* util_stages - the stages drawn (those with a utilisation in some
 * period, in file order, at most UTIL_LINES) into st; the names of the
 * others into none (no value: unlimited servers) and hidden. */
static size_t util_stages(const rri_rundata *d, size_t *st, char *none,
                          size_t none_len, char *hidden, size_t hidden_len)
{
    size_t n = 0;
    for (size_t s = 0; s < d->ns; s++) {
        bool any = false;
        char nm[96];
        for (size_t k = 0; k < d->np && !any; k++)
            any = !isnan(util_at(d, k, s));
        rr_indicator_member_words(d->stage[s], nm, sizeof nm);
        if (!any)
            add_name(none, none_len, nm);
        else if (n == UTIL_LINES)
            add_name(hidden, hidden_len, nm);
        else
            st[n++] = s;
    }
    return n;
}

static int chart_utilisation(chart *c, rr_plot_format fmt, const char *out)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    size_t st[UTIL_LINES], n;
    char none[512] = "", hidden[512] = "", note[1200] = "";
    char t[256], s[512], y[128], x[256], words[UTIL_LINES][96];
    rri_key ke[UTIL_LINES + 1];
    double max = 0;
    int rc;

    n = util_stages(d, st, none, sizeof none, hidden, sizeof hidden);
    snprintf(t, sizeof t, "Utilisation of the stages' servers, per %s",
             d->report);
    snprintf(s, sizeof s,
             "%s · busy server-time / server-time in force · mean of %zu "
             "replication%s",
             d->title, d->reps, d->reps == 1 ? "" : "s");
    snprintf(y, sizeof y, "Servers busy (%% of those in force)");
    snprintf(x, sizeof x, "%s (each step: the average over the %s)",
             period_cap(d), d->report);
    if (*none)
        snprintf(note, sizeof note,
                 "No utilisation (unlimited servers, or none in force): "
                 "%s.%s",
                 none, *hidden ? " " : "");
    if (*hidden)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 "Not shown: %s.", hidden);
    if (n == 0) {
        rri_gp_style(g, fmt, out);
        heading(c, t, s);
        rri_gp_nothing(g, "No stage has a limited number of servers: "
                          "there is no utilisation to show");
        return RR_OK;
    }
    c->B = 190.0 / H;
    if ((rc = frame(c, fmt, out, t, s, x, y)) != RR_OK)
        return rc;
    if (*note)
        rri_gp_small_text(g, note, H - 100);
    util_data(c, st, n, &max);
    rc = rri_gp_count_axis(g, max > 100 ? max : 100, 6, 1.04);
    for (size_t j = 0; j < n; j++) {
        util_words(d, st[j], words[j], sizeof words[j]);
        ke[j] = (rri_key){words[j],
                          util_colour[j % RR_COUNTOF(util_colour)], 'l',
                          util_dash[j / RR_COUNTOF(util_colour) %
                                    RR_COUNTOF(util_dash)],
                          2.2};
    }
    ke[n] = (rri_key){"All servers busy", "#666666", 'l', "(10,6)", 1.5};
    legend(c, ke, n + 1);
    fputs("plot 100 with lines dt (10,6) lw 1.5 lc rgb \"#666666\" notitle",
          g);
    for (size_t j = 0; j < n; j++) {
        fprintf(g, ", \\\n     $u index %zu using 1:2 with lines lw 2.2 "
                   "lc rgb \"%s\"",
                j, ke[j].colour);
        if (ke[j].dash)
            fprintf(g, " dt %s", ke[j].dash);
        fputs(" notitle", g);
    }
    fputc('\n', g);
    return rc;
}

/* ---- a fan over samples (for plot_fan.c) ---------------------------------------- */

/* fan_chart - the data of f as $t (x, then the five quantiles; a period
 * without all five is a gap), the bands and the median line. */
static int fan_chart(chart *c, rr_plot_format fmt, const char *out,
                     const rri_fan *f)
{
    FILE *g = c->g;
    const rri_rundata *d = c->d;
    const rri_key ke[] = {{f->key_median, OI_BLUE, 'l', NULL, 2.5},
                          {f->key_mid, BAND_MID, 'b', NULL, 0},
                          {f->key_outer, BAND_LIGHT, 'b', NULL, 0}};
    double max = 0;
    int rc;
    if ((rc = frame(c, fmt, out, f->title, f->subtitle, f->xlabel,
                    f->ylabel)) != RR_OK)
        return rc;
    fputs("$t << EOD\n", g);
    for (size_t k = 0; k < d->np; k++) {
        double x = f->stock ? (double)d->p1[k]
                            : (double)(d->p0[k] + d->p1[k]) / 2;
        bool ok = true;
        for (int i = 0; i < 5; i++)
            ok = ok && !isnan(f->q[i][k]);
        if (!ok) {
            fputc('\n', g);
            continue;
        }
        rri_gp_num(g, x);
        for (int i = 0; i < 5; i++) {
            fputc(' ', g);
            rri_gp_num(g, f->q[i][k]);
            if (f->q[i][k] > max)
                max = f->q[i][k];
        }
        fputc('\n', g);
    }
    fputs("EOD\n", g);
    return plot_bands(c, max, ke, RR_COUNTOF(ke));
}

/* chart_init - a run's chart over its periods, its events laid out in
 * rows; chart_fini frees what it took.  RR_ENOMEM. */
static int chart_init(chart *c, FILE *g, const rri_rundata *d)
{
    memset(c, 0, sizeof *c);
    c->g = g;
    c->d = d;
    c->m.x0 = d->p0[0];
    c->m.x1 = d->p1[d->np - 1];
    c->m.L = 0.09;
    c->m.R = 0.975;
    c->B = 165.0 / H;
    if (!(c->row = malloc((d->ne + 1) * sizeof *c->row)))
        return RR_ENOMEM;
    c->rows = rri_event_rows(d->ev, d->ne, &c->m, c->row);
    return RR_OK;
}

static void chart_fini(chart *c)
{
    free(c->row);
}

int rri_run_fan(FILE *g, const rri_rundata *d, rr_plot_format fmt,
                const char *out, const rri_fan *f)
{
    chart c;
    int rc;
    if (d->np == 0)
        return RR_EINVAL;
    if ((rc = chart_init(&c, g, d)) != RR_OK)
        return rc;
    rc = fan_chart(&c, fmt, out, f);
    chart_fini(&c);
    return rc;
}

/* ---- the charts ------------------------------------------------------------------- */

typedef int chart_fn(chart *c, rr_plot_format fmt, const char *out);

static const struct {
    const char *name;
    chart_fn *fn;
} charts[RRI_RUN_CHARTS] = {{"departures", chart_departures},
                            {"caseload", chart_caseload},
                            {"time_to_departure", chart_time_to_departure},
                            {"reintegration", chart_reintegration},
                            {"utilisation", chart_utilisation}};

const char *rri_run_chart_name(size_t i)
{
    return i < RRI_RUN_CHARTS ? charts[i].name : NULL;
}

bool rri_run_chart_has(size_t i, const rri_rundata *d)
{
    return i < RRI_RUN_CHARTS &&
           (charts[i].fn != chart_utilisation || d->staged);
}

int rri_run_chart(size_t i, FILE *g, const rri_rundata *d,
                  rr_plot_format fmt, const char *out)
{
    chart c;
    int rc;
    if (i >= RRI_RUN_CHARTS)
        return RR_EINVAL;
    if ((rc = chart_init(&c, g, d)) != RR_OK)
        return rc;
    rc = charts[i].fn(&c, fmt, out);
    chart_fini(&c);
    return rc;
}
