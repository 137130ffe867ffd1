/*
 * plot_compare.c - the chart of a comparison (plot_int.h): compare.png
 * from compare.csv and run.csv (the baseline's row first).
 *
 * Each indicator's paired difference, policy minus baseline, a dot with
 * its 95% CI (hollow when the interval includes zero), in up to three
 * panels by unit: persons, days, percentage points.  The panel with most
 * lines is on the left, the others stacked on the right.  Within a panel
 * the indicators are grouped under the registry's headings
 * (rr_indicator_groups, in its reading order) and named by its words
 * (RR_LABEL_ITEM); an indicator the registry does not know goes under
 * "Other" by the unit its row gives.  Indicators the same in both, or
 * without a value in one of them, are named in the note instead.  The
 * subtitle names the window compare.csv covers (its from and to columns;
 * a file without them: the baseline's run after its warm-up).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* The panels, by unit. */
enum { P_PERSONS, P_DAYS, P_SHARES, N_PANELS };

/* A line of a comparison panel: a section heading or an indicator. */
typedef struct cmpline {
    const char *text;       /* heading or label */
    long row;               /* -1 for a heading */
    char label[96];
    char value[128];        /* "+2,855 (+10%)" */
} cmpline;

/* entry_of - the registry's KPI a row is, its member (a provider) into
 * *member; NULL when the registry does not know it. */
static const rr_indicator *entry_of(const rri_cmprow *w, const char **member)
{
    return rr_indicator_find_in(w->kpi, RR_IND_KPI, member);
}

static int unit_panel(rr_ind_unit u)
{
    return u == RR_UNIT_DAYS ? P_DAYS : u == RR_UNIT_SHARE ? P_SHARES
                                                           : P_PERSONS;
}

/* row_panel - the panel of a row the registry does not know: by the unit
 * its row gives. */
static int row_panel(const rri_cmprow *w)
{
    return strcmp(w->unit, rr_indicator_unit_name(RR_UNIT_DAYS)) == 0
               ? P_DAYS
           : strcmp(w->unit, rr_indicator_unit_name(RR_UNIT_SHARE)) == 0
               ? P_SHARES
               : P_PERSONS;
}

/* cmp_hollow - 1 when the interval of a difference includes zero. */
static int cmp_hollow(const rri_cmprow *w, size_t reps)
{
    double lo = isnan(w->lo) ? w->diff : w->lo;
    double hi = isnan(w->hi) ? w->diff : w->hi;
    return reps >= 2 && lo <= 0 && hi >= 0;
}

/* cmp_value - the difference of row w as shown at the end of its line,
 * with the change relative to the baseline ("+2,855 (+10%)"); shares in
 * percentage points. */
static void cmp_value(const rri_cmprow *w, int pn, char *buf, size_t n)
{
    double x = pn == P_SHARES ? 100 * w->diff : w->diff;
    char a[48], b[48];
    /* whole persons from 10 on */
    rri_num_text(x, pn == P_PERSONS && fabs(x) >= 10 ? 0 : rri_decimals(x),
                 true, a, sizeof a);
    if (pn == P_SHARES) {
        snprintf(buf, n, "%s pp", a);
    } else if (isfinite(w->base) && w->base != 0) {
        double rel = 100 * w->diff / fabs(w->base);
        rri_num_text(rel, fabs(rel) < 10 ? 1 : 0, true, b, sizeof b);
        snprintf(buf, n, "%s (%s%%)", a, b);
    } else {
        snprintf(buf, n, "%s", a);
    }
}

/* add_line - a line for row r (its heading first when it is the first of
 * its section); e NULL for a row under "Other". */
static void add_line(const rri_compare *d, size_t r, const rr_indicator *e,
                     const char *member, const char *section, int pn,
                     bool *head, cmpline *lines, size_t *n)
{
    const rri_cmprow *w = &d->row[r];
    cmpline *ln;
    if (!*head) {
        lines[*n].text = section;
        lines[*n].row = -1;
        lines[*n].value[0] = '\0';
        (*n)++;
        *head = true;
    }
    ln = &lines[(*n)++];
    ln->row = (long)r;
    if (e)
        rr_indicator_entry_label(e, member, RR_LABEL_ITEM, ln->label,
                                 sizeof ln->label);
    else
        snprintf(ln->label, sizeof ln->label, "%s", w->kpi);
    ln->text = ln->label;
    cmp_value(w, pn, ln->value, sizeof ln->value);
}

/* cmp_lines - the lines of panel pn: the registry's groups in order, the
 * KPIs of each in reading order, then "Other"; returns how many (lines
 * has room for 2 * d->n + 8). */
static size_t cmp_lines(const rri_compare *d, const bool *drawn, int pn,
                        cmpline *lines)
{
    size_t n = 0;
    for (size_t sec = 0; sec < RR_GROUP_COUNT; sec++) {
        bool head = false;
        for (size_t i = 0; i < RR_IND_COUNT; i++) {
            const rr_indicator *e = &rr_indicators[i];
            if (!(e->flags & RR_IND_KPI) || e->group != (rr_ind_group)sec ||
                unit_panel(e->unit) != pn)
                continue;
            for (size_t r = 0; r < d->n; r++) {
                const char *member;
                if (drawn[r] && entry_of(&d->row[r], &member) == e)
                    add_line(d, r, e, member, rr_indicator_groups[sec], pn,
                             &head, lines, &n);
            }
        }
    }
    {
        bool head = false;
        for (size_t r = 0; r < d->n; r++)
            if (drawn[r] && !entry_of(&d->row[r], NULL) &&
                row_panel(&d->row[r]) == pn)
                add_line(d, r, NULL, NULL, "Other", pn, &head, lines, &n);
    }
    return n;
}

/* A comparison's chart: what is drawn, its words and its layout. */
typedef struct cmp_chart {
    const rri_compare *d;
    const rri_runrow *ri, *rb, *rp; /* run.csv's rows: baseline, policy */
    size_t nri;
    bool *drawn;                    /* per row */
    cmpline *lines[N_PANELS];
    size_t nl[N_PANELS];
    int order[N_PANELS], np;        /* the panels drawn, left one first */
    char same[512], missing[512], missing_base[512], novalue[512];
    char t[512], st[1024], st2[1024], foot[512], src[1200], note[1024];
    char n1[1024], n2[1024];
    rri_key ke[3];
    size_t nke;
    double base, B, colx[2][2];     /* legend, plots' bottom, columns */
} cmp_chart;

#define T0 104.0

/* cmp_sort_rows - which rows are drawn; the others named in a list: the
 * same in both, not in the policy, not in the baseline, in neither. */
static void cmp_sort_rows(cmp_chart *c)
{
    const rri_compare *d = c->d;
    for (size_t r = 0; r < d->n; r++) {
        const rri_cmprow *w = &d->row[r];
        const char *member;
        const rr_indicator *e = entry_of(w, &member);
        char nm[96], *list = NULL;
        /* "Section: label", as the chart would show it */
        if (e) {
            char dn[64];
            rr_indicator_entry_label(e, member, RR_LABEL_ITEM, dn,
                                     sizeof dn);
            snprintf(nm, sizeof nm, "%s: %s", rr_indicator_groups[e->group],
                     dn);
        } else {
            snprintf(nm, sizeof nm, "%s", w->kpi);
        }
        if (isnan(w->diff) && isnan(w->base) && isnan(w->pol))
            list = c->novalue;
        else if (isnan(w->diff))
            list = isnan(w->pol) ? c->missing : c->missing_base;
        else if (w->diff == 0 && (isnan(w->lo) || w->lo == 0) &&
                 (isnan(w->hi) || w->hi == 0))
            list = c->same;
        if (list) {
            size_t len = strlen(list);
            if (len + strlen(nm) + 3 < sizeof c->same)
                snprintf(list + len, sizeof c->same - len, "%s%s",
                         len ? ", " : "", nm);
            continue;
        }
        c->drawn[r] = true;
    }
}

/* cmp_panels - the lines of each panel, and the order: the panel with
 * most lines on the left, the others stacked on the right. */
static void cmp_panels(cmp_chart *c)
{
    for (int p = 0; p < N_PANELS; p++)
        c->nl[p] = cmp_lines(c->d, c->drawn, p, c->lines[p]);
    for (int p = 0; p < N_PANELS; p++)
        if (c->nl[p])
            c->order[c->np++] = p;
    for (int i = 1; i < c->np; i++)
        if (c->nl[c->order[i]] > c->nl[c->order[0]]) {
            int tmp = c->order[0];
            c->order[0] = c->order[i];
            c->order[i] = tmp;
        }
}

/* cmp_note - the note under the chart: the pairing, and the lists. */
static void cmp_note(cmp_chart *c)
{
    const rri_compare *d = c->d;
    size_t n = sizeof c->note;
    snprintf(c->note, n, "Replication i of both scenarios uses the "
                         "same random numbers, so the differences are the "
                         "policy's.");
    if (c->np == 0 && !*c->missing && !*c->missing_base && !*c->novalue)
        snprintf(c->note + strlen(c->note), n - strlen(c->note),
                 " Every indicator is the same in both.");
    else if (*c->same)
        snprintf(c->note + strlen(c->note), n - strlen(c->note),
                 " The same in both: %s.", c->same);
    if (*c->missing)
        snprintf(c->note + strlen(c->note), n - strlen(c->note),
                 " Not in %s: %s.", d->policy, c->missing);
    if (*c->missing_base)
        snprintf(c->note + strlen(c->note), n - strlen(c->note),
                 " Not in %s: %s.", d->baseline, c->missing_base);
    if (*c->novalue)
        snprintf(c->note + strlen(c->note), n - strlen(c->note),
                 " No value in either: %s.", c->novalue);
    rri_wrap2(c->note, ". ", c->n1, c->n2, sizeof c->n1);
}

/* cmp_texts - title, subtitles, footer, source, note, legend; where the
 * legend, the plots' bottom and the columns go. */
static void cmp_texts(cmp_chart *c)
{
    const rri_compare *d = c->d;
    const rri_runrow *rb = c->rb, *rp = c->rp;
    char span[128];
    snprintf(c->t, sizeof c->t, "%s compared with %s", d->policy,
             d->baseline);
    snprintf(c->st, sizeof c->st, "Policy: %s · baseline: %s",
             rp && *rp->title ? rp->title : d->policy,
             rb && *rb->title ? rb->title : d->baseline);
    /* the window compare.csv says it covers; else the baseline's run
     * after its warm-up, as run.csv gives it */
    if (d->from != LONG_MAX && d->to != LONG_MAX) {
        char a[32], b[32];
        rri_date_text(d->from, a, sizeof a);
        rri_date_text(d->to, b, sizeof b);
        snprintf(span, sizeof span, "%s – %s", a, b);
    } else {
        rri_kpi_span(rb, span, sizeof span);
    }
    if (d->reps >= 2)
        snprintf(c->st2, sizeof c->st2,
                 "Policy minus baseline%s%s · mean of %zu "
                 "paired replications with 95%% confidence interval",
                 *span ? " over " : "", span, d->reps);
    else
        snprintf(c->st2, sizeof c->st2,
                 "Policy minus baseline%s%s · one paired "
                 "replication, so no confidence intervals",
                 *span ? " over " : "", span);
    rri_text_fit(c->st2, sizeof c->st2, FS, 0.96 * W);
    snprintf(c->foot, sizeof c->foot,
             "Scenarios %s (baseline) and %s (policy) · %zu paired "
             "replication%s%s%s",
             d->baseline, d->policy, d->reps, d->reps == 1 ? "" : "s",
             rb && *rb->version ? " · rrsim " : "", rb ? rb->version : "");
    rri_source_of(c->ri, c->nri, c->src, sizeof c->src);
    cmp_note(c);
    c->ke[0] = (rri_key){"Difference, policy minus baseline", OI_BLUE, 'p',
                         "pt 7 ps 1.3", 0};
    c->ke[1] = (rri_key){"95% confidence interval", "#333333", 'h', NULL,
                         1.5};
    c->ke[2] = (rri_key){"Interval includes zero: no clear difference",
                         OI_BLUE, 'p', "pt 6 ps 1.3", 0};
    c->nke = d->reps >= 2 ? 3 : 1;
    c->base = (*c->n2 ? 82 : 60) + 28 +
              (rri_legend_rows(c->ke, c->nke) == 2 ? 8 : 0);
    c->B = c->base + (rri_legend_rows(c->ke, c->nke) == 2 ? 16 : 8) + 14;
    c->colx[0][0] = 0.02 * W;
    c->colx[0][1] = c->np > 1 ? 0.5 * W : 0.98 * W;
    c->colx[1][0] = 0.54 * W;
    c->colx[1][1] = 0.98 * W;
}

/* cmp_data - per panel the filled dots and the hollow ones: difference,
 * line, interval. */
static void cmp_data(FILE *g, const cmp_chart *c)
{
    const rri_compare *d = c->d;
    for (int i = 0; i < c->np; i++)
        for (int hollow = 0; hollow < 2; hollow++) {
            int p = c->order[i];
            double f = p == P_SHARES ? 100 : 1;
            bool any = false;
            for (size_t j = 0; j < c->nl[p]; j++) {
                const cmpline *ln = &c->lines[p][j];
                const rri_cmprow *w;
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
}

/* cmp_heading - heading, the second subtitle, the note's lines and, when
 * there are panels, the legend. */
static void cmp_heading(FILE *g, const cmp_chart *c, bool legend)
{
    rri_gp_heading(g, c->t, c->st, c->foot, c->src);
    fprintf(g, "set label ");
    rri_gp_str(g, c->st2);
    fprintf(g, " at screen 0.02, screen %.4f left font \"%s,%d\" "
               "textcolor rgb \"#444444\"\n",
            rri_sy(90), FONT, FS);
    rri_gp_small_text(g, c->n1, H - (*c->n2 ? 82 : 60));
    if (*c->n2)
        rri_gp_small_text(g, c->n2, H - 60);
    if (legend)
        rri_gp_legend(g, c->ke, c->nke, 0.5 * W, c->base);
}

/* A panel's place: plot area (px; pt and pb from the top), the width of
 * its labels, its column. */
typedef struct cmp_box {
    double pt, pb, l, r, lab_w;
    int col;
    rri_scale s;
} cmp_box;

/* cmp_box_of - the place of the i-th panel drawn, and its scale: tight
 * around the data and zero.  top[] holds where each column is filled to,
 * and is moved on. */
static cmp_box cmp_box_of(const cmp_chart *c, int i, size_t total_right,
                          double *top)
{
    int p = c->order[i];
    double avail = H - T0 - c->B, over = 20 + 60; /* above, axis below */
    double h = i == 0 ? avail
                      : avail * (double)(c->nl[p] + 3) / (double)total_right;
    double row_px = fmin(30, (h - over) / ((double)c->nl[p] + 0.3));
    double val_w = 0, lo = 0, hi = 0, f = p == P_SHARES ? 100 : 1;
    cmp_box b;
    b.col = i == 0 ? 0 : 1;
    b.pt = top[b.col] + 20;
    b.pb = b.pt + row_px * ((double)c->nl[p] + 0.3);
    b.lab_w = 0;
    for (size_t j = 0; j < c->nl[p]; j++) {
        const cmpline *ln = &c->lines[p][j];
        b.lab_w = fmax(b.lab_w, ln->row < 0
                                    ? rri_text_px(ln->text, 12 * 1.1)
                                    : rri_text_px(ln->text, 12) + 14);
        val_w = fmax(val_w, rri_text_px(ln->value, 11));
        if (ln->row >= 0) {
            const rri_cmprow *w = &c->d->row[ln->row];
            lo = fmin(lo, f * (isnan(w->lo) ? w->diff : w->lo));
            hi = fmax(hi, f * (isnan(w->hi) ? w->diff : w->hi));
            lo = fmin(lo, f * w->diff);
            hi = fmax(hi, f * w->diff);
        }
    }
    top[b.col] = b.pb + 60 + 14;
    b.lab_w = fmin(b.lab_w, 0.5 * (c->colx[b.col][1] - c->colx[b.col][0]));
    b.l = c->colx[b.col][0] + b.lab_w + 14;
    b.r = c->colx[b.col][1] - val_w - 12;
    b.s = rri_fitting_scale(lo, hi, 0.05 * (hi - lo), b.r - b.l, true, 5);
    return b;
}

/* cmp_rows - the zero line, and per line its label (a heading in bold),
 * a guide and the value. */
static void cmp_rows(FILE *g, const cmp_chart *c, int p, const cmp_box *b)
{
    fprintf(g, "set arrow from first 0, graph 0 to first 0, graph 1 "
               "nohead lw 1.5 lc rgb \"#333333\" back\n");
    for (size_t j = 0; j < c->nl[p]; j++) {
        const cmpline *ln = &c->lines[p][j];
        char lab[128];
        snprintf(lab, sizeof lab, "%s", ln->text);
        rri_text_fit(lab, sizeof lab, ln->row < 0 ? 12 * 1.1 : 12,
                     ln->row < 0 ? b->lab_w : b->lab_w - 14);
        fprintf(g, "set label ");
        rri_gp_str(g, lab);
        fprintf(g, " at screen %.4f, first %zu left font \"%s%s,12\" "
                   "textcolor rgb \"#222222\"\n",
                (c->colx[b->col][0] + (ln->row < 0 ? 0 : 14)) / W, j + 1,
                FONT, ln->row < 0 ? " Bold" : "");
        if (ln->row < 0)
            continue;
        fprintf(g, "set arrow from graph 0, first %zu to graph 1, "
                   "first %zu nohead lw 1 lc rgb \"#eeeeee\" back\n",
                j + 1, j + 1);
        fprintf(g, "set label ");
        rri_gp_str(g, ln->value);
        fprintf(g, " at screen %.4f, first %zu left font \"%s,11\" "
                   "textcolor rgb \"#222222\"\n",
                (b->r + 10) / W, j + 1, FONT);
    }
}

/* cmp_plot - the plot command of panel p: filled dots with their
 * intervals, then hollow ones (a white dot in a ring). */
static void cmp_plot(FILE *g, const cmp_chart *c, int p)
{
    const char *sep = "plot ";
    for (int hollow = 0; hollow < 2; hollow++) {
        bool any = false;
        for (size_t j = 0; j < c->nl[p] && !any; j++)
            any = c->lines[p][j].row >= 0 &&
                  cmp_hollow(&c->d->row[c->lines[p][j].row], c->d->reps) ==
                      hollow;
        if (!any)
            continue;
        fprintf(g, "%s$c%d%s using 1:2%s with %s pt 7 ps 1.3 "
                   "lw 1.5 lc rgb \"%s\" notitle",
                sep, p, hollow ? "h" : "f", c->d->reps >= 2 ? ":3:4" : "",
                c->d->reps >= 2 ? "xerrorbars" : "points",
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

/* cmp_panel - the i-th panel drawn. */
static int cmp_panel(FILE *g, const cmp_chart *c, int i, size_t total_right,
                     double *top)
{
    static const char *const xlabel[N_PANELS] = {
        "Difference, persons", "Difference, days",
        "Difference, percentage points"};
    int p = c->order[i], rc;
    cmp_box b = cmp_box_of(c, i, total_right, top);
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (i == 0)
        cmp_heading(g, c, true);
    rri_gp_margins(g, b.l / W, b.r / W, rri_sy(b.pt), rri_sy(b.pb));
    if ((rc = rri_gp_scale(g, "x", &b.s, true, true)) != RR_OK)
        return rc;
    fprintf(g, "set yrange [%.4f:0.7]\n", (double)c->nl[p] + 0.6);
    fprintf(g, "set label ");
    rri_gp_str(g, xlabel[p]);
    fprintf(g, " at screen %.4f, screen %.4f center font \"%s,12\" "
               "textcolor rgb \"#333333\"\n",
            (b.l + b.r) / 2 / W, rri_sy(b.pb + 46), FONT);
    cmp_rows(g, c, p, &b);
    cmp_plot(g, c, p);
    return RR_OK;
}

/* cmp_draw - the chart: nothing to draw, or the panels, the right column
 * sharing its height in proportion to the lines. */
static int cmp_draw(FILE *g, rr_plot_format fmt, const char *out,
                    const cmp_chart *c)
{
    double top[2] = {T0, T0};
    size_t total_right = 0;
    int rc = RR_OK;
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.2\n"
          "unset grid\nset grid xtics lc rgb \"#e3e3e3\" lw 1 dt 1\n"
          "set border 1 lw 1 lc rgb \"#444444\"\nunset ytics\n",
          g);
    cmp_data(g, c);
    if (c->np == 0) {
        /* nothing differs: the headings and a line that says so */
        cmp_heading(g, c, false);
        rri_gp_nothing(g, "No indicator differs between the two "
                          "scenarios.");
        return RR_OK;
    }
    for (int i = 1; i < c->np; i++)
        total_right += c->nl[c->order[i]] + 3;
    fputs("set multiplot\n", g);
    for (int i = 0; i < c->np && rc == RR_OK; i++)
        rc = cmp_panel(g, c, i, total_right, top);
    fputs("unset multiplot\n", g);
    return rc;
}

int rri_draw_compare(FILE *g, rr_plot_format fmt, const char *out,
                     const rri_compare *d, const rri_runrow *ri, size_t nri)
{
    cmp_chart *c = calloc(1, sizeof *c);
    int rc = RR_ENOMEM;
    if (!c)
        return RR_ENOMEM;
    c->d = d;
    c->ri = ri;
    c->nri = nri;
    c->rb = nri >= 1 ? &ri[0] : NULL;
    c->rp = nri >= 2 ? &ri[1] : NULL;
    c->drawn = calloc(d->n + 1, sizeof *c->drawn);
    for (int p = 0; p < N_PANELS; p++)
        c->lines[p] = calloc(2 * d->n + 8, sizeof *c->lines[p]);
    if (c->drawn && c->lines[0] && c->lines[1] && c->lines[2]) {
        cmp_sort_rows(c);
        cmp_panels(c);
        cmp_texts(c);
        rc = cmp_draw(g, fmt, out, c);
    }
    free(c->drawn);
    for (int p = 0; p < N_PANELS; p++)
        free(c->lines[p]);
    free(c);
    return rc;
}
