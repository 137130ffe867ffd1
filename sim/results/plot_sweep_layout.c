/*
 * plot_sweep_layout.c - where the panels of a sweep's chart go
 * (plot_sweep.h): arithmetic on the chart's sizes, nothing written.
 *
 * With one facet (one or two settings varied) the panels are a grid, one
 * per indicator, each with its own scale (rri_grid_cols columns).  With
 * several facets (three settings or more) each indicator gets a row of
 * panels, one per facet, sharing its scale, so that the panels of an
 * indicator can be compared at a glance; these rows are set side by side
 * as far as that makes the panels larger.  Of the layouts whose panels
 * are at least MIN_PW x MIN_PH the one with the largest panels (height,
 * or width over 1.6, whichever is less) is taken; when none is, the last
 * indicators are left out one by one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_sweep.h"

#define L0 (0.02 * W)
#define R0 (0.98 * W)
#define T0 100.0
#define MIN_PW 100.0 /* the smallest panel, px */
#define MIN_PH 60.0
#define GAP_F 34.0   /* between the panels of an indicator: room for
                        the x tic labels at their edges */
#define RIGHT 22.0   /* right of an indicator's last panel */
#define HEAD 42.0    /* heading and facet title above a panel */
#define TICS 36.0    /* x tic labels below a panel (but the last row's) */

/* lpad - room left of an indicator's first panel for its y tic labels. */
static double lpad(const rri_sweep_chart *c, size_t g)
{
    return rri_sweep_ywidth(&c->sc[g], c->s->ishare[c->shown[g]]) + 16;
}

/* grid - one panel per indicator, c->n of them, each on its own scale. */
static int grid(rri_sweep_chart *c)
{
    size_t cols = rri_grid_cols(c->n);
    size_t rows = c->n ? (c->n + cols - 1) / cols : 1;
    double cw = (R0 - L0) / (double)cols;
    double rh = (H - T0 - c->B) / (double)rows;
    if (!(c->pan = calloc(c->n ? c->n : 1, sizeof *c->pan)))
        return RR_ENOMEM;
    c->npan = c->n;
    for (size_t q = 0; q < c->n; q++) {
        rri_panel *p = &c->pan[q];
        size_t ci = q % cols, rw = q / cols;
        double lp = lpad(c, q);
        p->g = q;
        p->f = 0;
        p->l = L0 + (double)ci * cw + lp;
        p->r = L0 + (double)(ci + 1) * cw - RIGHT;
        p->t = T0 + (double)rw * rh + (rw ? 30 : 26);
        p->b = T0 + (double)(rw + 1) * rh - (rw + 1 < rows ? TICS : 0);
        p->ylabels = p->heading = true;
        p->hl = p->l - lp + 4;
        p->hr = p->r;
        p->ht = p->t - 14;
    }
    return RR_OK;
}

/* Rows of facets: m indicators, `per` to a row of the chart. */
typedef struct facets {
    size_t m, per, rows;
    double lp, pw, ph; /* room for y labels, panel width and height */
} facets;

/* facets_size - the panels' size when m indicators go `per` to a row. */
static facets facets_size(const rri_sweep_chart *c, size_t m, size_t per)
{
    facets f = {m, per, (m + per - 1) / per, 0, 0, 0};
    double gw = (R0 - L0) / (double)per, rh;
    size_t nf = c->pl.nf;
    for (size_t g = 0; g < m; g++)
        f.lp = fmax(f.lp, lpad(c, g));
    rh = (H - T0 - c->B) / (double)f.rows;
    f.pw = (gw - f.lp - RIGHT - (double)(nf - 1) * GAP_F) / (double)nf;
    f.ph = rh - HEAD - (f.rows > 1 ? TICS : 0);
    return f;
}

/* facets_best - the layout with the largest panels for m indicators;
 * per 0 when none has panels large enough. */
static facets facets_best(const rri_sweep_chart *c, size_t m)
{
    facets best = {m, 0, 0, 0, 0, 0};
    double score = 0;
    for (size_t per = 1; per <= m; per++) {
        facets f = facets_size(c, m, per);
        double sc = fmin(f.pw / 1.6, f.ph);
        if (f.pw >= MIN_PW && f.ph >= MIN_PH && sc > score) {
            best = f;
            score = sc;
        }
    }
    return best;
}

/* facet_rows - the panels of layout f. */
static int facet_rows(rri_sweep_chart *c, const facets *f)
{
    size_t nf = c->pl.nf;
    double gw = (R0 - L0) / (double)f->per;
    double rh = (H - T0 - c->B) / (double)f->rows;
    if (!(c->pan = calloc(f->m * nf, sizeof *c->pan)))
        return RR_ENOMEM;
    c->npan = f->m * nf;
    for (size_t g = 0; g < f->m; g++) {
        size_t cj = g % f->per, band = g / f->per;
        double gl = L0 + (double)cj * gw, y0 = T0 + (double)band * rh;
        for (size_t k = 0; k < nf; k++) {
            rri_panel *p = &c->pan[g * nf + k];
            p->g = g;
            p->f = k;
            p->l = gl + f->lp + (double)k * (f->pw + GAP_F);
            p->r = p->l + f->pw;
            /* the first may reach over the gap, the others' titles being
             * short then (values alone) */
            p->fw = f->pw + (k == 0 && nf > 1 ? GAP_F - 8 : 6);
            p->t = y0 + HEAD;
            p->b = y0 + rh - (band + 1 < f->rows ? TICS : 0);
            p->ylabels = k == 0;
            p->heading = k == 0;
            p->hl = gl + 4;
            p->hr = gl + gw - RIGHT;
            p->ht = y0 + 6;
        }
    }
    return RR_OK;
}

int rri_sweep_layout(rri_sweep_chart *c)
{
    facets f = {0, 0, 0, 0, 0, 0};
    size_t m;
    free(c->pan);
    c->pan = NULL;
    c->npan = 0;
    if (c->pl.nf <= 1)
        return grid(c);
    for (m = c->n; m > 0; m--)
        if ((f = facets_best(c, m)).per)
            break;
    if (c->n && m == 0) {
        snprintf(c->why_numbered, sizeof c->why_numbered,
                 "%zu panels per indicator, too many (vary the setting "
                 "with most values first): points numbered",
                 c->pl.nf);
        return RR_EINVAL;
    }
    for (size_t g = m; g < c->n; g++) {
        const char *lab = c->s->ilabel[c->shown[g]];
        size_t len = strlen(c->dropped);
        snprintf(c->dropped + len, sizeof c->dropped - len, "%s%.*s",
                 len ? ", " : "", (int)strcspn(lab, ","), lab);
    }
    c->n = m;
    return m ? facet_rows(c, &f) : RR_OK;
}
