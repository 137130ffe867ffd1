/*
 * plot_sweep.h - what the two files of a sweep's chart share: the chart
 * being made (plot_sweep.c writes its script) and the places of its
 * panels (plot_sweep_layout.c, arithmetic only).  Not part of the
 * library's interface; included by those two files and tests/test_plot.c.
 *
 * Layout in pixels of the 1280x720 chart, y from the top (plot_int.h).
 */
#ifndef RR_PLOT_SWEEP_H
#define RR_PLOT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plot_int.h"

#define MAX_SERIES 8 /* lines a legend names: colours and point types */

/* How the points of a sweep are laid out: the values of one setting along
 * the x axis, those of another as series, the combinations of the others
 * as facets (a panel each); or the point numbers along the x axis. */
typedef struct rri_sweepplan {
    long xkey, skey;        /* -1: point numbers / one series */
    size_t nx, ns, nf;      /* axis values, series, facets (>= 1) */
    const char **xv, **sv;  /* distinct values, in order of appearance */
    char **fv;              /* nf facet texts when nf > 1 ("IOM share:
                               60% · ..."), else NULL */
    char **fval;            /* the same, values alone ("60% · ...") */
    double *xpos;           /* nx positions on the axis (a share's in
                               percent) */
    bool numeric;           /* xpos are the values, else 1..nx */
    bool share;             /* the axis's values are shares */
    char unit[64];          /* of the numeric values, in words */
    size_t *px, *ps, *pf;   /* per point: its x, series and facet */
    char why[256];          /* why the point numbers, for the subtitle */
} rri_sweepplan;

/* A panel: indicator shown[g] in facet f, its plot area, the width its
 * facet's title may take from l, whether its y tics are labelled (the
 * first panel of an indicator's row), and the indicator's heading when it
 * is the first (from hl to hr at ht). */
typedef struct rri_panel {
    size_t g, f;
    double l, r, t, b, fw;
    bool ylabels, heading;
    double hl, hr, ht;
} rri_panel;

/* A sweep's chart: what is drawn, its words and its layout. */
typedef struct rri_sweep_chart {
    const rri_sweep *s;
    const rri_runrow *ri;   /* run.csv's first row, or NULL */
    rri_sweepplan pl;
    size_t shown[RR_SWEEP_MAX_IND], n; /* indicators drawn (s->ind), */
    rri_scale sc[RR_SWEEP_MAX_IND];    /* each with its scale */
    bool zero_all;          /* every scale starts at zero */
    char zero[512], none[512]; /* indicators zero at every point, with no
                                  value */
    char dropped[512];      /* indicators without room */
    char why_numbered[256]; /* why the layout numbers the points */
    rri_panel *pan;         /* npan panels */
    size_t npan;
    char t[512], st[2048], foot[512], src[600], note[2048], xl[256];
    char n1[1024], n2[1024];   /* the note on one or two lines */
    rri_key ke[MAX_SERIES + 2];
    size_t nke;
    char legend_buf[MAX_SERIES][300], pts[MAX_SERIES][32];
    double xlo, xhi;        /* x range */
    double base, B;         /* legend line and plot bottom, px from the
                               bottom */
} rri_sweep_chart;

/* rri_unit_words - the unit of a value's suffix as written in a scenario
 * ("d" -> "days", "/month" -> "per month"); "" for none. */
void rri_unit_words(const char *suffix, char *buf, size_t n);

/* rri_sweep_value_text - a setting's value in words: a share as a
 * percentage ("60%"), a number with its unit in words ("30 days"), any
 * other as written.  rri_sweep_setting_text - "Label: value". */
void rri_sweep_value_text(const char *v, bool share, char *buf, size_t n);
void rri_sweep_setting_text(const char *label, const char *v, bool share,
                            char *buf, size_t n);

/* rri_mid_sentence - a label inside a sentence: its first letter in lower
 * case unless the first word is an acronym ("Detention places" ->
 * "detention places", "IOM share" stays). */
void rri_mid_sentence(const char *label, char *buf, size_t n);

/* rri_sweep_plan - which setting goes along the axis, which makes the
 * series and which the facets.  RR_OK or RR_ENOMEM; rri_sweepplan_fini
 * either way.  rri_sweep_numbered - the points numbered instead, `why`
 * in the subtitle. */
int rri_sweep_plan(const rri_sweep *s, rri_sweepplan *pl);
void rri_sweep_numbered(const rri_sweep *s, rri_sweepplan *pl,
                        const char *why);
void rri_sweepplan_fini(rri_sweepplan *pl);

/* rri_sweep_xtics - the x range and tics of a panel width px wide: the
 * values themselves when few and far enough apart, else round numbers
 * (or every k-th category); a share's as percentages.  rri_sweep_yaxis -
 * the y range and tics of a scale on a panel height px high, labelled or
 * not (in a low panel only every k-th, 18 px apart), a share's with "%".
 * RR_OK or RR_ENOMEM.  rri_sweep_ywidth - the width of its widest
 * label at 11 points. */
int rri_sweep_xtics(FILE *g, const rri_sweepplan *pl, double lo, double hi,
                    double width);
int rri_sweep_yaxis(FILE *g, const rri_scale *sc, bool labels, bool share,
                    double height);
double rri_sweep_ywidth(const rri_scale *sc, bool share);

/* rri_sweep_layout - the panels of the chart (c->pan) between the
 * subtitle and c->B: with one facet a grid of one panel per indicator
 * shown; with several, each indicator's facets side by side under its
 * heading, as many indicators to a row as make the panels largest.  When
 * not all indicators fit, the last are left out (named in c->dropped,
 * c->n lowered); when none does, RR_EINVAL with c->why_numbered set.
 * RR_OK, RR_EINVAL, RR_ENOMEM. */
int rri_sweep_layout(rri_sweep_chart *c);

#endif
