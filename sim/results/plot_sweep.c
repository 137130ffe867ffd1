/*
 * plot_sweep.c - the chart of a sweep (plot_int.h): sweep.png from
 * sweep.csv and run.csv.
 *
 * The main indicators (rri_sweep_ind) against the first varied key, one
 * small panel each on its own scale, mean and 95% CI; a second key gives
 * one line per value (or is put on the axis when it has more than
 * MAX_SERIES values and the first fewer); with more keys the points are
 * numbered.  Series are told apart by colour and point type; series at one
 * x are moved a little apart so that their intervals do not hide each
 * other.  Panels are titled by the registry's words (RR_LABEL_PANEL).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

const rr_ind_id rri_sweep_ind[RRI_N_SWEEP] = {
    RR_IND_DEPARTURES_VERIFIED,    RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY, RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_TIME_TO_DEPARTURE_P90,  RR_IND_CASELOAD_END};

/* series colours and point types, told apart by both */
static const char *const series_colour[] = {
    OI_BLUE, OI_VERMILLION, OI_GREEN, OI_ORANGE,
    OI_PURPLE, OI_SKY, "#000000", "#8C7A00"};
static const int series_pt[] = {7, 5, 9, 13, 11, 15, 7, 5};
#define MAX_SERIES 8

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
static size_t distinct(const rri_sweep *s, size_t k, const char **v,
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

static int plan_sweep(const rri_sweep *s, sweepplan *pl)
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

/* sweep_xtics - the x range and tics of a sweep panel (width px wide):
 * the values themselves when few and far enough apart, else round
 * numbers (or every k-th category). */
static int sweep_xtics(FILE *g, const sweepplan *pl, double lo, double hi,
                       double width)
{
    char(*lab)[128] = calloc(pl->nx ? pl->nx : 1, sizeof *lab);
    const char **label = calloc(pl->nx ? pl->nx : 1, sizeof *label);
    rri_tics t = {NULL, 0, 0, false};
    bool scaled;
    int rc = RR_ENOMEM;
    if (lab && label) {
        for (size_t i = 0; i < pl->nx; i++) {
            tic_text(pl, i, lab[i], sizeof lab[i]);
            label[i] = lab[i];
        }
        rc = rri_value_tics(pl->xpos, label, pl->nx, pl->numeric, !pl->xv,
                            lo, hi, width, &t, &scaled);
    }
    if (rc == RR_OK) {
        rri_gp_range(g, "x", lo, hi);
        if (scaled) /* the scale's own range: the same */
            rri_gp_range(g, "x", lo, hi);
        rri_gp_tics(g, "x", &t);
    }
    rri_tics_fini(&t);
    free(lab);
    free(label);
    return rc;
}

/* ---- the chart ------------------------------------------------------------------ */

/* A sweep's chart: what is drawn, its words and its layout. */
typedef struct sweep_chart {
    const rri_sweep *s;
    const rri_runrow *ri;   /* run.csv's first row, or NULL */
    sweepplan pl;
    size_t shown[RRI_N_SWEEP], n, cols, rows; /* panels: indicators */
    rri_scale sc[RRI_N_SWEEP];
    double lpad[RRI_N_SWEEP]; /* room for the y tic labels, px */
    bool zero_all;          /* every panel's scale starts at zero */
    char zero[256], none[256]; /* indicators zero at every point, with no
                                  value */
    char t[512], st[1024], foot[512], src[600], note[1024], xl[256];
    char n1[1024], n2[1024];   /* the note on one or two lines */
    rri_key ke[MAX_SERIES + 2];
    size_t nke;
    char legend_buf[MAX_SERIES][160], pts[MAX_SERIES][32];
    double xlo, xhi, dodge_px; /* x range; series offset at one x, px */
    double base, B;         /* legend line and plot bottom, px from the
                               bottom */
} sweep_chart;

#define L0 (0.02 * W)
#define R0 (0.98 * W)
#define T0 100.0

/* panel_title - the words of indicator k's panel. */
static void panel_title(size_t k, char *buf, size_t n)
{
    rr_indicator_entry_label(&rr_indicators[rri_sweep_ind[k]], NULL,
                             RR_LABEL_PANEL, buf, n);
}

/* sweep_panels - the indicators with a value at some point and not all
 * zero, each with its scale; the others named in zero or none. */
static void sweep_panels(sweep_chart *c)
{
    const rri_sweep *s = c->s;
    c->zero_all = true;
    for (size_t k = 0; k < RRI_N_SWEEP; k++) {
        double lo = INFINITY, hi = -INFINITY;
        bool any = false, nonzero = false, z;
        for (size_t p = 0; p < s->np; p++) {
            size_t at = p * RRI_N_SWEEP + k;
            double m = s->mean[at];
            if (isnan(m) || c->pl.px[p] == SIZE_MAX)
                continue;
            any = true;
            nonzero = nonzero || m != 0 || (!isnan(s->hi[at]) &&
                                            s->hi[at] != 0);
            lo = fmin(lo, isnan(s->lo[at]) ? m : fmin(m, s->lo[at]));
            hi = fmax(hi, isnan(s->hi[at]) ? m : fmax(m, s->hi[at]));
        }
        if (!any || !nonzero) {
            char *list = any ? c->zero : c->none, nm[256];
            size_t len = strlen(list);
            panel_title(k, nm, sizeof nm);
            snprintf(list + len, sizeof c->zero - len, "%s%.*s",
                     len ? ", " : "", (int)strcspn(nm, ","), nm);
            continue;
        }
        c->sc[c->n] = rri_panel_scale(lo, hi, &z);
        c->zero_all = c->zero_all && z;
        c->shown[c->n++] = k;
    }
    c->cols = rri_grid_cols(c->n);
    c->rows = c->n ? (c->n + c->cols - 1) / c->cols : 1;
}

/* sweep_texts - title, subtitle, note, footer, source and the x label. */
static void sweep_texts(sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const sweepplan *pl = &c->pl;
    char reps[128], span[128];
    if (pl->xkey < 0)
        snprintf(c->t, sizeof c->t,
                 "Indicators at each design point of the sweep");
    else if (pl->skey < 0)
        snprintf(c->t, sizeof c->t, "Indicators as %s varies",
                 s->key[pl->xkey]);
    else
        snprintf(c->t, sizeof c->t, "Indicators as %s and %s vary",
                 s->key[pl->xkey], s->key[pl->skey]);
    if (s->reps >= 2)
        snprintf(reps, sizeof reps, "mean of %zu replications per point",
                 s->reps);
    else
        snprintf(reps, sizeof reps, "one replication per point, so no "
                                    "confidence intervals");
    snprintf(c->st, sizeof c->st, "%s · %s%s%s",
             c->ri && *c->ri->title ? c->ri->title : s->scenario, pl->why,
             *pl->why ? " · " : "", reps);
    rri_kpi_span(c->ri, span, sizeof span);
    snprintf(c->note, sizeof c->note,
             "Each panel has its own scale%s. Every "
             "point uses the same random numbers.%s%s%s%s%s%s%s",
             c->zero_all ? "" : "; not all start at zero",
             *span ? " Whole run: " : "", span, *span ? "." : "",
             *c->zero ? " Zero at every point: " : "", c->zero,
             *c->none ? (*c->zero ? "; no value: " : " No value: ") : "",
             c->none);
    if (*c->zero || *c->none)
        strcat(c->note, ".");
    snprintf(c->foot, sizeof c->foot,
             "Scenario %s · sweep of %zu design points · %zu replication%s "
             "each%s%s",
             s->scenario, s->np, s->reps, s->reps == 1 ? "" : "s",
             c->ri && *c->ri->version ? " · rrsim " : "",
             c->ri ? c->ri->version : "");
    rri_source_of(c->ri, c->ri ? 1 : 0, c->src, sizeof c->src);
    if (pl->xkey < 0)
        snprintf(c->xl, sizeof c->xl,
                 "Design point (the values of each are in "
                 "sweep.csv; the first setting varies slowest)");
    else if (*pl->unit && pl->numeric)
        snprintf(c->xl, sizeof c->xl, "%s (%s)", s->key[pl->xkey],
                 pl->unit);
    else
        snprintf(c->xl, sizeof c->xl, "%s", s->key[pl->xkey]);
}

/* sweep_legend - one entry per series (a key's value) or one for the
 * means, and the interval; the note wrapped; where the legend and the
 * plots' bottom go. */
static void sweep_legend(sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const sweepplan *pl = &c->pl;
    if (pl->ns > 1) {
        for (size_t i = 0; i < pl->ns; i++) {
            snprintf(c->legend_buf[i], sizeof c->legend_buf[i], "%s = %s",
                     s->key[pl->skey], pl->sv[i]);
            c->ke[c->nke++] = (rri_key){c->legend_buf[i], series_colour[i],
                                        'p', NULL, pl->numeric ? 2 : 0};
        }
    } else {
        snprintf(c->legend_buf[0], sizeof c->legend_buf[0], "%s",
                 s->reps >= 2 ? "Mean of the replications"
                              : "Result of the replication");
        c->ke[c->nke++] = (rri_key){c->legend_buf[0], OI_BLUE, 'p', NULL,
                                    pl->numeric && pl->xkey >= 0 ? 2 : 0};
    }
    if (s->reps >= 2)
        c->ke[c->nke++] = (rri_key){"95% confidence interval", "#444444",
                                    'e', NULL, 1.5};
    for (size_t i = 0; i < pl->ns && i < MAX_SERIES; i++) {
        snprintf(c->pts[i], sizeof c->pts[i], "pt %d ps 1.2", series_pt[i]);
        c->ke[i].dash = c->pts[i];
    }
    rri_wrap2(c->note, ". ", c->n1, c->n2, sizeof c->n1);
    c->base = (*c->n2 ? 82 : 60) + 28 +
              (rri_legend_rows(c->ke, c->nke) == 2 ? 8 : 0);
    c->B = c->base + (rri_legend_rows(c->ke, c->nke) == 2 ? 16 : 8) + 70;
}

/* sweep_xrange - the x range, padded, and how far apart series at one x
 * are drawn. */
static void sweep_xrange(sweep_chart *c)
{
    const sweepplan *pl = &c->pl;
    double gapu = INFINITY, width = (R0 - L0) / (double)c->cols - 90;
    c->xlo = c->xhi = pl->xpos[0];
    for (size_t i = 1; i < pl->nx; i++) {
        c->xlo = fmin(c->xlo, pl->xpos[i]);
        c->xhi = fmax(c->xhi, pl->xpos[i]);
    }
    if (pl->numeric && pl->xkey >= 0) {
        double pad = 0.06 * (c->xhi - c->xlo);
        c->xlo -= pad;
        c->xhi += pad;
    } else {
        c->xlo -= 0.5;
        c->xhi += 0.5;
    }
    for (size_t i = 0; i < pl->nx; i++)
        for (size_t j = i + 1; j < pl->nx; j++)
            gapu = fmin(gapu, fabs(pl->xpos[i] - pl->xpos[j]));
    if (!isfinite(gapu))
        gapu = c->xhi - c->xlo;
    c->dodge_px = pl->ns > 1 ? fmin(8, 0.5 * gapu * width /
                                           (c->xhi - c->xlo) /
                                           (double)pl->ns)
                             : 0;
}

/* sweep_data - a data block per panel and series: x, mean, interval; a
 * point without a value a gap in the line. */
static void sweep_data(FILE *g, sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const sweepplan *pl = &c->pl;
    for (size_t q = 0; q < c->n; q++) {
        size_t k = c->shown[q];
        c->lpad[q] = rri_scale_width(&c->sc[q], false, 11) + 16;
        for (size_t sr = 0; sr < pl->ns; sr++) {
            fprintf(g, "$p%zus%zu << EOD\n", q, sr);
            for (size_t x = 0; x < pl->nx; x++) {
                bool found = false;
                for (size_t p = 0; p < s->np && !found; p++) {
                    size_t at = p * RRI_N_SWEEP + k;
                    double m = s->mean[at], lo = s->lo[at], hi = s->hi[at];
                    if (pl->px[p] != x || pl->ps[p] != sr || isnan(m))
                        continue;
                    if (isnan(lo) || isnan(hi))
                        lo = hi = m;
                    fprintf(g, "%.10g %.10g %.10g %.10g\n", pl->xpos[x], m,
                            lo, hi);
                    found = true;
                }
                if (!found)
                    fputc('\n', g); /* a gap in the line */
            }
            fputs("EOD\n", g);
        }
    }
}

/* sweep_notes - heading, the note's lines (and the legend and the x
 * label, when there are panels). */
static void sweep_notes(FILE *g, const sweep_chart *c, bool panels)
{
    rri_gp_heading(g, c->t, c->st, c->foot, c->src);
    rri_gp_small_text(g, c->n1, H - (*c->n2 ? 82 : 60));
    if (*c->n2)
        rri_gp_small_text(g, c->n2, H - 60);
    if (!panels)
        return;
    rri_gp_legend(g, c->ke, c->nke, 0.5 * W, c->base);
    fprintf(g, "set label ");
    rri_gp_str(g, c->xl);
    fprintf(g, " at screen 0.5, screen %.4f center font \"%s,13\" "
               "textcolor rgb \"#333333\"\n",
            (c->B - 50) / H, FONT);
}

/* sweep_plot - the plot command of panel q: per series a line (numeric
 * values on the axis) and the points with their intervals, offset by
 * du. */
static void sweep_plot(FILE *g, const sweep_chart *c, size_t q, double du)
{
    const rri_sweep *s = c->s;
    const sweepplan *pl = &c->pl;
    size_t k = c->shown[q];
    bool any_plotted = false;
    for (size_t sr = 0; sr < pl->ns; sr++) {
        double off = ((double)sr - (double)(pl->ns - 1) / 2) * du;
        bool has = false;
        for (size_t p = 0; p < s->np && !has; p++)
            has = pl->ps[p] == sr && pl->px[p] != SIZE_MAX &&
                  !isnan(s->mean[p * RRI_N_SWEEP + k]);
        if (!has)
            continue;
        if (pl->numeric && pl->xkey >= 0)
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
                pl->nx > 25   ? 0.6
                : pl->nx > 12 ? 0.8
                : pl->ns > 1  ? 1.0
                              : 1.1,
                series_colour[sr]);
    }
    fputc('\n', g);
}

/* sweep_panel - panel q of the grid. */
static int sweep_panel(FILE *g, const sweep_chart *c, size_t q)
{
    size_t k = c->shown[q], ci = q % c->cols, rw = q / c->cols;
    double cw = (R0 - L0) / (double)c->cols;
    double rh = (H - T0 - c->B) / (double)c->rows;
    double l = L0 + (double)ci * cw + c->lpad[q];
    double r = L0 + (double)(ci + 1) * cw - 22;
    double tp = T0 + (double)rw * rh + (rw ? 30 : 26);
    double b = T0 + (double)(rw + 1) * rh - (rw + 1 < c->rows ? 34 : 0);
    char title[256];
    int rc;
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (q == 0)
        sweep_notes(g, c, true);
    rri_gp_margins(g, l / W, r / W, rri_sy(tp), rri_sy(b));
    if ((rc = sweep_xtics(g, &c->pl, c->xlo, c->xhi, r - l)) ||
        (rc = rri_gp_scale(g, "y", &c->sc[q], true, false)))
        return rc;
    panel_title(k, title, sizeof title);
    rri_text_fit(title, sizeof title, 12 * 1.1, r - l + c->lpad[q] - 10);
    fprintf(g, "set label ");
    rri_gp_str(g, title);
    fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font "
               "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
            (l - c->lpad[q] + 4) / W, FONT);
    sweep_plot(g, c, q, c->dodge_px * (c->xhi - c->xlo) / (r - l));
    return RR_OK;
}

int rri_draw_sweep(FILE *g, rr_plot_format fmt, const char *out,
                   const rri_sweep *s, const rri_runrow *ri, size_t nri)
{
    sweep_chart *c = calloc(1, sizeof *c);
    int rc;
    if (!c)
        return RR_ENOMEM;
    c->s = s;
    c->ri = nri ? &ri[0] : NULL;
    if ((rc = plan_sweep(s, &c->pl)) != RR_OK) {
        free(c);
        return rc;
    }
    sweep_panels(c);
    sweep_texts(c);
    sweep_legend(c);
    sweep_xrange(c);
    rri_gp_style(g, fmt, out);
    fprintf(g, "set tics font \",11\"\nunset key\nset bars %s\n",
            c->pl.nx > 25 ? "0.6" : c->pl.nx > 12 ? "1" : "1.5");
    sweep_data(g, c);
    if (c->n == 0) {
        sweep_notes(g, c, false);
        rri_gp_nothing(g, "No indicator of the sweep has a value other "
                          "than zero.");
    } else {
        fputs("set multiplot\n", g);
        for (size_t q = 0; q < c->n && rc == RR_OK; q++)
            rc = sweep_panel(g, c, q);
        fputs("unset multiplot\n", g);
    }
    plan_fini(&c->pl);
    free(c);
    return rc;
}
