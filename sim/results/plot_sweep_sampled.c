/*
 * plot_sweep_sampled.c - the charts of a sweep over a space-filling design
 * (--design lhs or sobol; plot_int.h): one chart per varied setting,
 * sweep_KEY.EXT, with a panel per indicator drawn.
 *
 * In a panel every design point is a dot, its indicator's mean over the
 * replications against the setting's value, and a line is the LOESS
 * smoother through the dots (local linear, tricube weights, 60% of the
 * points in each fit: smooth.c).  The other settings vary at the same
 * time, so the spread around the line is their effect and the
 * replications' noise; the line is the setting's effect averaged over
 * them.  A share is shown in per cent.  Every text goes through
 * rri_gp_str; every number is checked finite.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"
#include "plot_sweep.h"

#define SPAN 0.6      /* the smoother's share of the points */
#define NGRID 60      /* where the smoother is evaluated */
#define T0 104.0      /* the panels' top, px from the top */
#define B0 170.0      /* their bottom, px from the bottom */

void rri_sweep_sampled_name(const rri_sweep *s, size_t i, char *buf,
                            size_t n)
{
    const char *key = s->key[i];
    bool plain = *key && strlen(key) <= 40 && strstr(key, "..") == NULL;
    for (const char *p = key; *p && plain; p++)
        plain = isalnum((unsigned char)*p) || *p == '_' || *p == '.';
    if (plain) {
        snprintf(buf, n, "sweep_%s", key);
        for (char *p = buf; *p; p++)
            if (*p == '.')
                *p = '_';
    }
    /* two keys may come to one name (a.b and a_b): number them */
    for (size_t j = 0; j < i && plain; j++) {
        char other[96];
        rri_sweep_sampled_name(s, j, other, sizeof other);
        plain = strcmp(other, buf) != 0;
    }
    if (!plain)
        snprintf(buf, n, "sweep_%zu", i + 1);
}

/* value_of - a setting's value as a number on the axis (a share in per
 * cent), its unit's suffix into unit; NAN when it is not a number. */
static double value_of(const char *v, bool share, char *unit, size_t n)
{
    char *end;
    double x;
    errno = 0;
    x = strtod(v, &end);
    if (end == v || errno || !isfinite(x))
        return NAN;
    if (unit)
        snprintf(unit, n, "%s", end);
    return share ? 100 * x : x;
}

/* The words drawn once, with the first panel. */
typedef struct heading {
    const char *t, *st, *foot, *src, *note, *xl;
    const rri_key *ke;
    size_t nke;
} heading;

static void draw_heading(FILE *g, const heading *h)
{
    rri_gp_heading(g, h->t, h->st, h->foot, h->src);
    rri_gp_small_text(g, h->note, H - 60);
    rri_gp_legend(g, h->ke, h->nke, 0.5 * W, 96);
    fputs("set label ", g);
    rri_gp_str(g, h->xl);
    fprintf(g, " at screen 0.5, screen %.4f center font \"%s,13\" "
               "textcolor rgb \"#333333\"\n",
            (B0 - 40) / H, FONT);
}

/* panel - indicator i in cell i of the grid, against the setting's
 * values xs (with the heading h, for the first). */
static int panel(FILE *g, const rri_sweep *s, size_t i, size_t cols,
                 size_t rows, const double *xs, const double *ys,
                 const heading *h)
{
    size_t ci = i % cols, rw = i / cols, np = s->np;
    double cw = 0.96 * W / (double)cols, rh = (H - T0 - B0) / (double)rows;
    double lo = INFINITY, hi = -INFINITY, xlo = INFINITY, xhi = -INFINITY;
    double at[NGRID], sm[NGRID], l, r, tp, b, lpad, pad;
    char title[256];
    rri_scale sy, sx;
    bool zero, share = s->ishare[i];
    int rc;

    for (size_t p = 0; p < np; p++) {
        if (isfinite(ys[p])) {
            lo = fmin(lo, ys[p]);
            hi = fmax(hi, ys[p]);
        }
        if (isfinite(xs[p])) {
            xlo = fmin(xlo, xs[p]);
            xhi = fmax(xhi, xs[p]);
        }
    }
    bool none = !isfinite(lo); /* no design point has a value */
    if (none)
        lo = hi = 0;
    if (!isfinite(xlo))
        xlo = xhi = 0;
    sy = rri_panel_scale(lo, hi, &zero);
    pad = 0.03 * (xhi - xlo);
    sx = rri_fitting_scale(xlo, xhi, pad, cw - 80, false, 5);
    lpad = rri_sweep_ywidth(&sy, share) + 14;
    l = 0.02 * W + (double)ci * cw + lpad;
    r = 0.02 * W + (double)(ci + 1) * cw - 22;
    /* room under a panel for its tics, over the next for its title */
    tp = T0 + (double)rw * rh + 30;
    b = T0 + (double)(rw + 1) * rh - 46;
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (h)
        draw_heading(g, h);
    rri_gp_margins(g, l / W, r / W, rri_sy(tp), rri_sy(b));
    if ((rc = rri_gp_scale(g, "x", &sx, true, false)) != RR_OK ||
        (rc = rri_sweep_yaxis(g, &sy, true, share, b - tp)) != RR_OK)
        return rc;
    snprintf(title, sizeof title, "%s", s->ilabel[i]);
    rri_text_fit(title, sizeof title, 12 * 1.1, r - l + lpad - 10);
    fputs("set label ", g);
    rri_gp_str(g, title);
    fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font \"%s "
               "Bold,12\" textcolor rgb \"#222222\"\n",
            (l - lpad + 6) / W, FONT);
    if (none) /* say so, rather than leave an empty panel to puzzle over */
        fprintf(g, "set label \"no value at any design point\" at graph "
                   "0.5, graph 0.5 center font \"%s,11\" textcolor rgb "
                   "\"#555555\"\n",
                FONT);
    for (size_t j = 0; j < NGRID; j++)
        at[j] = xlo + (xhi - xlo) * (double)j / (NGRID - 1);
    if ((rc = rri_loess(xs, ys, np, SPAN, at, NGRID, sm)) != RR_OK)
        return rc;
    fprintf(g, "$d%zu << EOD\n", i);
    for (size_t p = 0; p < np; p++)
        if (isfinite(xs[p]) && isfinite(ys[p]))
            fprintf(g, "%.10g %.10g\n", xs[p], ys[p]);
    fprintf(g, "EOD\n$m%zu << EOD\n", i);
    for (size_t j = 0; j < NGRID; j++) {
        rri_gp_num(g, at[j]);
        fputc(' ', g);
        rri_gp_num(g, sm[j]);
        fputc('\n', g);
    }
    fputs("EOD\n", g);
    fprintf(g,
            "plot $d%zu using 1:2 with points pt 7 ps %.2g lc rgb \""
            OI_SKY "\" notitle, \\\n"
            "     $m%zu using 1:2 with lines lw 3 lc rgb \"" OI_VERMILLION
            "\" notitle\n",
            i, np > 400 ? 0.4 : np > 100 ? 0.6 : 0.9, i);
    return RR_OK;
}

int rri_draw_sweep_sampled(FILE *g, rr_plot_format fmt, const char *out,
                           const rri_sweep *s, size_t key,
                           const rri_runrow *ri, size_t nri)
{
    const rri_runrow *r0 = nri ? &ri[0] : NULL;
    double *xs = malloc((s->np ? s->np : 1) * sizeof *xs);
    double *ys = malloc((s->np ? s->np : 1) * sizeof *ys);
    char t[512], st[512], foot[512], src[600], note[1024], xl[300];
    char unit[64] = "", uw[64] = "", points[96], words[256];
    bool kshare = s->kshare[key];
    rri_key ke[2];
    heading h;
    size_t cols, rows;
    int rc = RR_OK;

    if (!xs || !ys) {
        free(xs);
        free(ys);
        return RR_ENOMEM;
    }
    for (size_t p = 0; p < s->np; p++) {
        const char *v = s->val ? s->val[p * s->nk + key] : NULL;
        xs[p] = v ? value_of(v, kshare, unit, sizeof unit) : NAN;
    }
    rri_unit_words(unit, uw, sizeof uw);
    rri_mid_sentence(s->klabel[key], words, sizeof words);
    snprintf(t, sizeof t, "The indicators against %s", words);
    snprintf(st, sizeof st, "%s · %zu design points, %s of %zu setting%s",
             r0 && *r0->title ? r0->title : s->scenario, s->np,
             s->design ? s->design : "a space-filling design", s->nk,
             s->nk == 1 ? "" : "s");
    snprintf(foot, sizeof foot, "Scenario %s · %zu replication%s per point "
                                "(common random numbers)",
             s->scenario, s->reps, s->reps == 1 ? "" : "s");
    if (r0 && *r0->version)
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " · rrsim %s", r0->version);
    rri_source_of(r0, r0 ? 1 : 0, src, sizeof src);
    snprintf(note, sizeof note,
             "%s", s->nk > 1 ? "The other settings vary at the same time: "
                               "the spread around the line is theirs and "
                               "the replications' noise."
                             : "The spread around the line is the "
                               "replications' noise.");
    if (s->reps >= 2)
        snprintf(points, sizeof points,
                 "Design point: mean of %zu replications", s->reps);
    else
        snprintf(points, sizeof points, "Design point");
    ke[0] = (rri_key){points, OI_SKY, 'p', "pt 7 ps 1.0", 0};
    ke[1] = (rri_key){"Smoother (LOESS, local linear, span 60%)",
                      OI_VERMILLION, 'l', NULL, 3};
    if (kshare)
        snprintf(xl, sizeof xl, "%s (%%)", s->klabel[key]);
    else if (*uw)
        snprintf(xl, sizeof xl, "%s (%s)", s->klabel[key], uw);
    else
        snprintf(xl, sizeof xl, "%s", s->klabel[key]);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\n", g);
    if (s->ni == 0 || s->np == 0) {
        rri_gp_heading(g, t, st, foot, src);
        rri_gp_nothing(g, "No indicator to draw.");
        free(xs);
        free(ys);
        return RR_OK;
    }
    h = (heading){t, st, foot, src, note, xl, ke, 2};
    cols = rri_grid_cols(s->ni);
    rows = (s->ni + cols - 1) / cols;
    fputs("set multiplot\n", g);
    for (size_t i = 0; i < s->ni && rc == RR_OK; i++) {
        for (size_t p = 0; p < s->np; p++)
            ys[p] = s->mean[p * s->ni + i];
        rc = panel(g, s, i, cols, rows, xs, ys, i == 0 ? &h : NULL);
    }
    fputs("unset multiplot\n", g);
    free(xs);
    free(ys);
    return rc;
}
