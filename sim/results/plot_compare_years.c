/*
 * plot_compare_years.c - the chart of a comparison's yearly effects
 * (plot_int.h): compare_years.png from compare_years.csv and run.csv (the
 * baseline's row first).
 *
 * One panel per indicator of PANELS that has anything to show (an
 * indicator that is zero in both scenarios every year, or has no value,
 * is left out and named in the note), each on its own scale with zero on
 * it: per calendar year the paired difference, policy minus baseline, a
 * dot with its 95% CI (hollow when the interval includes zero), and the
 * policy's date drawn as a dashed line where it falls in its year.  A
 * year only partly in the window is marked with an asterisk.  Indicators
 * are named by the registry's words for yearly figures; shares are drawn
 * in percentage points.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* The indicators drawn, in order, when the file has them. */
static const rr_ind_id PANELS[] = {
    RR_IND_DEPARTURES_VERIFIED,  RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_DEPARTURES_FORCED,    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY,
    RR_IND_TIME_TO_DEPARTURE_MEAN, RR_IND_CASELOAD_TOTAL};
#define N_PANELS RR_COUNTOF(PANELS)

#define T0 112.0

#define MAX_YEARS 64

typedef struct yr_chart {
    const rri_years *d;
    const rri_runrow *rb, *rp;
    const rri_runrow *ri;
    size_t nri;
    long year[MAX_YEARS];   /* the years drawn, ascending */
    bool partial[MAX_YEARS];
    size_t ny;
    bool more_years;        /* the file has more: the first MAX_YEARS */
    rr_ind_id panel[N_PANELS];
    const rri_yearrow *cell[N_PANELS][MAX_YEARS]; /* PANELS[i] in year y */
    size_t np, cols, rows;
    double mark;            /* x of the policy's date, NaN: none */
    char t[512], st[1024], st2[1024], foot[512], src[1200];
    char n1[1024], n2[1024], mark_key[256];
    int lines;
    rri_key ke[4];
    size_t nke;
    double base, B;
} yr_chart;

static bool is_share(rr_ind_id id)
{
    return rr_indicators[id].unit == RR_UNIT_SHARE;
}

/* row_of - the row of the i-th panel drawn in the y-th year, or NULL. */
static const rri_yearrow *row_of(const yr_chart *c, size_t i, size_t y)
{
    return c->cell[i][y];
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* yr_years - the years of the rows, ascending, the first MAX_YEARS of
 * them (a sorted copy: n log n for a file of any size). */
static int yr_years(yr_chart *c)
{
    const rri_years *d = c->d;
    long *all = malloc((d->n ? d->n : 1) * sizeof *all);
    size_t n = 0;
    if (!all)
        return RR_ENOMEM;
    for (size_t r = 0; r < d->n; r++)
        all[r] = d->row[r].year;
    qsort(all, d->n, sizeof *all, cmp_long);
    for (size_t r = 0; r < d->n; r++)
        if (r == 0 || all[r] != all[r - 1]) {
            if (n == MAX_YEARS) {
                c->more_years = true;
                break;
            }
            c->year[n++] = all[r];
        }
    c->ny = n;
    free(all);
    return RR_OK;
}

/* year_index - the index of year y among those drawn, or -1 (binary
 * search). */
static long year_index(const yr_chart *c, long y)
{
    size_t lo = 0, hi = c->ny;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->year[mid] < y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->ny && c->year[lo] == y ? (long)lo : -1;
}

/* yr_sets - the years and the panels drawn, each panel's row per year
 * (one pass over the rows); the indicators left out named in *left. */
static int yr_sets(yr_chart *c, char *left, size_t n)
{
    const rri_years *d = c->d;
    const rri_yearrow *cell[N_PANELS][MAX_YEARS];
    int rc = yr_years(c);
    if (rc != RR_OK)
        return rc;
    memset(cell, 0, sizeof cell);
    for (size_t r = 0; r < d->n; r++) {
        const rri_yearrow *w = &d->row[r];
        long y = year_index(c, w->year);
        rr_date j1 = {(int)w->year, 1, 1}, j2 = {(int)w->year + 1, 1, 1};
        if (y < 0)
            continue;
        if (isfinite(w->days) &&
            w->days < (double)(rr_date_days(j2) - rr_date_days(j1)))
            c->partial[y] = true;
        for (size_t i = 0; i < N_PANELS; i++)
            if (!cell[i][y] && strcmp(w->ind, rr_indicators[PANELS[i]].name) == 0)
                cell[i][y] = w;
    }
    for (size_t i = 0; i < N_PANELS; i++) {
        bool seen = false, any = false;
        for (size_t y = 0; y < c->ny; y++) {
            const rri_yearrow *w = cell[i][y];
            if (!w)
                continue;
            seen = true;
            any = any || (isfinite(w->diff) &&
                          ((isfinite(w->base) && w->base != 0) ||
                           (isfinite(w->pol) && w->pol != 0)));
        }
        if (any) {
            memcpy(c->cell[c->np], cell[i], sizeof cell[i]);
            c->panel[c->np++] = PANELS[i];
        } else if (seen) {
            char nm[160];
            size_t len = strlen(left);
            rr_indicator_label_as(rr_indicators[PANELS[i]].name,
                                  RR_LABEL_YEARLY, nm, sizeof nm);
            if (len + strlen(nm) + 3 < n)
                snprintf(left + len, n - len, "%s%s", len ? ", " : "", nm);
        }
    }
    /* one row of up to three, then two rows */
    c->cols = c->np <= 3 ? (c->np ? c->np : 1) : c->np == 4 ? 2 : 3;
    c->rows = c->np ? (c->np + c->cols - 1) / c->cols : 1;
    return RR_OK;
}

/* yr_mark - where the policy's date falls: between the dots of the
 * years, at its share of its year. */
static void yr_mark(yr_chart *c)
{
    long day = c->d->effect_from;
    rr_date dt;
    c->mark = NAN;
    if (day == LONG_MAX)
        return;
    dt = rr_date_from_days(day);
    for (size_t y = 0; y < c->ny; y++)
        if (c->year[y] == dt.y) {
            rr_date j1 = {dt.y, 1, 1}, j2 = {dt.y + 1, 1, 1};
            double len = (double)(rr_date_days(j2) - rr_date_days(j1));
            c->mark = (double)y + 0.5 +
                      (double)(day - rr_date_days(j1)) / len;
        }
}

static void yr_texts(yr_chart *c, const char *left)
{
    const rri_years *d = c->d;
    const char *pt = c->rp && *c->rp->title ? c->rp->title : d->policy;
    const char *bt = c->rb && *c->rb->title ? c->rb->title : d->baseline;
    char note[2048] = "";
    bool partial = false;

    snprintf(c->t, sizeof c->t, "Effect by year: %s", pt);
    snprintf(c->st, sizeof c->st, "Against the baseline: %s", bt);
    {
        /* the window: the first and last day of the years' rows */
        long a = LONG_MAX, b = LONG_MIN;
        char span[80] = "", x[32], y[32];
        for (size_t r = 0; r < d->n; r++)
            if (d->row[r].from != LONG_MAX && d->row[r].to != LONG_MAX) {
                a = d->row[r].from < a ? d->row[r].from : a;
                b = d->row[r].to > b ? d->row[r].to : b;
            }
        if (a != LONG_MAX) {
            rri_date_text(a, x, sizeof x);
            rri_date_text(b, y, sizeof y);
            snprintf(span, sizeof span, ", %s – %s", x, y);
        }
        snprintf(c->st2, sizeof c->st2,
                 "Policy minus baseline per calendar year%s · %s", span,
                 d->reps >= 2 ? "mean of paired replications with 95% "
                                "confidence interval"
                              : "one paired replication, so no confidence "
                                "intervals");
    }
    rri_text_fit(c->st2, sizeof c->st2, FS, 0.96 * W);
    snprintf(c->foot, sizeof c->foot,
             "Scenarios %s (baseline) and %s (policy) · %zu paired "
             "replication%s%s%s",
             d->baseline, d->policy, d->reps, d->reps == 1 ? "" : "s",
             c->rb && *c->rb->version ? " · rrsim " : "",
             c->rb ? c->rb->version : "");
    rri_source_of(c->ri, c->nri, c->src, sizeof c->src);
    for (size_t y = 0; y < c->ny; y++)
        partial = partial || c->partial[y];
    {
        bool same = true;
        for (size_t r = 0; r < d->n && same; r++)
            same = isnan(d->row[r].diff) ||
                   (d->row[r].diff == 0 &&
                    (isnan(d->row[r].lo) || d->row[r].lo == 0) &&
                    (isnan(d->row[r].hi) || d->row[r].hi == 0));
        snprintf(note, sizeof note, "%s"
                 "Flows are summed over the year, caseloads taken at its "
                 "end, means and shares recomputed from the year's parts.",
                 same ? "The two scenarios give the same figures in every "
                        "year. "
                      : "");
    }
    if (partial)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " * Only part of the year is compared.");
    if (c->more_years)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " The first %d years are drawn (compare_years.csv has "
                 "them all).",
                 MAX_YEARS);
    if (*left)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 " Not drawn (zero in both every year, or no value): %s.",
                 left);
    rri_wrap2(note, ". ", c->n1, c->n2, sizeof c->n1);
    c->lines = *c->n2 ? 2 : 1;
    c->ke[0] = (rri_key){"Difference, policy minus baseline", OI_BLUE, 'p',
                         "pt 7 ps 1.3", 0};
    c->nke = 1;
    if (d->reps >= 2) {
        c->ke[c->nke++] =
            (rri_key){"95% confidence interval", "#333333", 'e', NULL, 1.5};
        c->ke[c->nke++] = (rri_key){"Interval includes zero", OI_BLUE, 'p',
                                    "pt 6 ps 1.3", 0};
    }
    if (!isnan(c->mark)) {
        char day[32];
        rri_date_text(d->effect_from, day, sizeof day);
        if (*d->note && strcmp(d->note, "--from") != 0)
            snprintf(c->mark_key, sizeof c->mark_key, "Policy from %s (%s)",
                     day, d->note);
        else
            snprintf(c->mark_key, sizeof c->mark_key, "Measured from %s",
                     day);
        rri_text_fit(c->mark_key, sizeof c->mark_key, RRI_KEY_FS, 0.45 * W);
        c->ke[c->nke++] =
            (rri_key){c->mark_key, OI_VERMILLION, 'l', "(8,5)", 2};
    }
    c->base = (c->lines == 2 ? 82 : 60) + 28 +
              (rri_legend_rows(c->ke, c->nke) == 2 ? 8 : 0);
    c->B = c->base + (rri_legend_rows(c->ke, c->nke) == 2 ? 16 : 8) + 40;
}

/* yr_data - per panel the filled dots and the hollow ones: x, difference,
 * interval. */
static void yr_data(FILE *g, const yr_chart *c)
{
    for (size_t i = 0; i < c->np; i++) {
        double f = is_share(c->panel[i]) ? 100 : 1;
        for (int hollow = 0; hollow < 2; hollow++) {
            bool any = false;
            for (size_t y = 0; y < c->ny; y++) {
                const rri_yearrow *w = row_of(c, i, y);
                double lo, hi;
                bool h;
                if (!w || isnan(w->diff))
                    continue;
                lo = isnan(w->lo) ? w->diff : w->lo;
                hi = isnan(w->hi) ? w->diff : w->hi;
                h = c->d->reps >= 2 && lo <= 0 && hi >= 0;
                if (h != (hollow == 1))
                    continue;
                if (!any)
                    fprintf(g, "$y%zu%c << EOD\n", i, hollow ? 'h' : 'f');
                any = true;
                fprintf(g, "%zu %.10g %.10g %.10g\n", y + 1, f * w->diff,
                        f * lo, f * hi);
            }
            if (any)
                fputs("EOD\n", g);
        }
    }
}

/* yr_title - the panel's title, at most max_px wide: the registry's words
 * for a panel (which name the unit) or for a yearly figure, and the
 * unit; a share's difference in percentage points. */
static void yr_title(rr_ind_id id, double max_px, char *buf, size_t n)
{
    const rr_indicator *e = &rr_indicators[id];
    char lab[160];
    if (e->unit != RR_UNIT_SHARE && e->label[RR_LABEL_PANEL]) {
        rr_indicator_entry_label(e, NULL, RR_LABEL_PANEL, buf, n);
        return;
    }
    rr_indicator_entry_label(e, NULL, RR_LABEL_YEARLY, lab, sizeof lab);
    snprintf(buf, n, "%s, %s", lab,
             e->unit == RR_UNIT_SHARE  ? "percentage points"
             : e->unit == RR_UNIT_DAYS ? "days"
                                       : "persons");
    if (e->unit == RR_UNIT_SHARE && rri_text_px(buf, 12 * 1.1) > max_px)
        snprintf(buf, n, "%s, %% points", lab);
}

/* yr_plot - the plot command of panel i (its data blocks as yr_data wrote
 * them). */
static void yr_plot(FILE *g, const yr_chart *c, size_t i)
{
    const char *sep = "plot ";
    bool bars = c->d->reps >= 2;
    for (int hollow = 0; hollow < 2; hollow++) {
        bool any = false;
        for (size_t y = 0; y < c->ny && !any; y++) {
            const rri_yearrow *w = row_of(c, i, y);
            double lo, hi;
            if (!w || isnan(w->diff))
                continue;
            lo = isnan(w->lo) ? w->diff : w->lo;
            hi = isnan(w->hi) ? w->diff : w->hi;
            any = (bars && lo <= 0 && hi >= 0) == (hollow == 1);
        }
        if (!any)
            continue;
        fprintf(g, "%s$y%zu%c using 1:2%s with %s pt 7 ps 1.3 lw 1.5 "
                   "lc rgb \"%s\" notitle",
                sep, i, hollow ? 'h' : 'f', bars ? ":3:4" : "",
                bars ? "yerrorbars" : "points",
                hollow ? "#333333" : OI_BLUE);
        sep = ", \\\n     ";
        if (hollow)
            fprintf(g, "%s$y%zuh using 1:2 with points pt 7 ps 1.0 lc rgb "
                       "\"white\" notitle%s$y%zuh using 1:2 with points "
                       "pt 6 ps 1.3 lw 1.5 lc rgb \"" OI_BLUE "\" notitle",
                    sep, i, sep, i);
    }
    if (*sep == 'p')
        fputs("plot NaN notitle", g);
    fputc('\n', g);
}

/* yr_scale - the panel's vertical scale: the intervals and zero. */
static rri_scale yr_scale(const yr_chart *c, size_t i)
{
    double f = is_share(c->panel[i]) ? 100 : 1, lo = 0, hi = 0;
    for (size_t y = 0; y < c->ny; y++) {
        const rri_yearrow *w = row_of(c, i, y);
        if (!w || isnan(w->diff))
            continue;
        lo = fmin(lo, f * fmin(w->diff, isnan(w->lo) ? w->diff : w->lo));
        hi = fmax(hi, f * fmax(w->diff, isnan(w->hi) ? w->diff : w->hi));
    }
    if (hi - lo <= 0)
        hi = lo + 1;
    return rri_nice_scale(lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo), 4);
}

/* yr_panel - panel i of the grid. */
static int yr_panel(FILE *g, const yr_chart *c, size_t i)
{
    size_t ci = i % c->cols, rw = i / c->cols;
    double cw = 0.96 * W / (double)c->cols;
    double rh = (H - T0 - c->B) / (double)c->rows;
    rri_scale s = yr_scale(c, i);
    double lpad = rri_scale_width(&s, true, 11) + 16;
    double l = 0.02 * W + (double)ci * cw + lpad;
    double r = 0.02 * W + (double)(ci + 1) * cw - 20;
    double tp = T0 + (double)rw * rh + 30;
    double b = T0 + (double)(rw + 1) * rh - 42;
    size_t every = 1;
    char title[256];
    int rc;

    fputs("unset label\nunset object\nunset arrow\n", g);
    if (i == 0) {
        rri_gp_heading(g, c->t, c->st, c->foot, c->src);
        fprintf(g, "set label ");
        rri_gp_str(g, c->st2);
        fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
                   "textcolor rgb \"#444444\"\n",
                rri_sy(92), FONT, FS);
        rri_gp_small_text(g, c->n1, H - (c->lines == 2 ? 82 : 60));
        if (c->lines == 2)
            rri_gp_small_text(g, c->n2, H - 60);
        rri_gp_legend(g, c->ke, c->nke, 0.5 * W, c->base);
    }
    rri_gp_margins(g, l / W, r / W, rri_sy(tp), rri_sy(b));
    fprintf(g, "set xrange [0.4:%.1f]\n", (double)c->ny + 0.6);
    /* every k-th year labelled where 11-point labels would crowd */
    while (every < c->ny &&
           (r - l) / ((double)c->ny / (double)every) < 46)
        every++;
    fputs("set xtics (", g);
    for (size_t y = 0; y < c->ny; y++) {
        char lab[32];
        snprintf(lab, sizeof lab, "%ld%s", c->year[y],
                 c->partial[y] ? "*" : "");
        fprintf(g, "%s", y ? ", " : "");
        rri_gp_str(g, y % every == 0 ? lab : "");
        fprintf(g, " %zu", y + 1);
    }
    fputs(") scale 0.5\n", g);
    if ((rc = rri_gp_scale(g, "y", &s, true, true)) != RR_OK)
        return rc;
    fprintf(g, "set arrow from graph 0, first 0 to graph 1, first 0 nohead "
               "lw 1.2 lc rgb \"#444444\" back\n");
    if (!isnan(c->mark))
        fprintf(g, "set arrow from first %.4f, graph 0 to first %.4f, "
                   "graph 1 nohead lw 2 dt (8,5) lc rgb \"" OI_VERMILLION
                   "\" back\n",
                c->mark, c->mark);
    yr_title(c->panel[i], cw - 16, title, sizeof title);
    rri_text_fit(title, sizeof title, 12 * 1.1, cw - 16);
    fprintf(g, "set label ");
    rri_gp_str(g, title);
    fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font "
               "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
            (l - lpad + 14) / W, FONT);
    yr_plot(g, c, i);
    return RR_OK;
}

int rri_draw_compare_years(FILE *g, rr_plot_format fmt, const char *out,
                           const rri_years *d, const rri_runrow *ri,
                           size_t nri)
{
    yr_chart *c = calloc(1, sizeof *c);
    char left[512] = "";
    int rc = RR_OK;
    if (!c)
        return RR_ENOMEM;
    c->d = d;
    c->ri = ri;
    c->nri = nri;
    c->rb = nri >= 1 ? &ri[0] : NULL;
    c->rp = nri >= 2 ? &ri[1] : NULL;
    if (yr_sets(c, left, sizeof left) != RR_OK) {
        free(c);
        return RR_ENOMEM;
    }
    yr_mark(c);
    yr_texts(c, left);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.2\nunset grid\n"
          "set grid ytics lc rgb \"#e3e3e3\" lw 1 dt 1\n"
          "set border 3 lw 1 lc rgb \"#444444\"\nset xtics nomirror\n"
          "set ytics nomirror\n",
          g);
    yr_data(g, c);
    if (c->np == 0) {
        rri_gp_heading(g, c->t, c->st, c->foot, c->src);
        rri_gp_nothing(g, "No yearly effect to draw: every indicator is "
                          "zero in both scenarios, or has no value.");
    } else {
        fputs("set multiplot\n", g);
        for (size_t i = 0; i < c->np && rc == RR_OK; i++)
            rc = yr_panel(g, c, i);
        fputs("unset multiplot\n", g);
    }
    free(c);
    return rc;
}
