/*
 * plot_sensitivity.c - the charts of a sensitivity study (plot_int.h):
 * one per indicator of sensitivity.csv, sensitivity_NAME.EXT.
 *
 * A tornado of the uncertain parameters, the one that matters most on top
 * (by its rank, the total index): per parameter a bar of the total index
 * ST and below it one of the first-order index S1, each with its 95%
 * bootstrap interval as a whisker.  The axis is the share of the
 * indicator's variance, 0 to 100% (wider where an interval runs beyond).
 * Parameters are named by their labels, indicators by their words; an
 * indicator that did not vary, or had no value, gets the note instead of
 * bars.  Every text goes through rri_gp_str; every number is checked.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_table.h"
#include "rr_util.h"
#include "plot_int.h"

#define MAX_SENS_CHARTS 64   /* indicators drawn */
#define MAX_SENS_PARAMS 40   /* parameters of one indicator */

typedef struct sens_row {
    const char *param, *label;
    double s1, s1_lo, s1_hi, st, st_lo, st_hi;
    long rank;
} sens_row;

typedef struct sens_ind {
    const char *name, *label, *note;
    char chart[64];          /* the chart's name, without extension */
    size_t n;
    sens_row row[MAX_SENS_PARAMS];
} sens_ind;

struct rri_sens {
    rr_table *t;
    const char *scenario;
    double samples, evals, reps;
    size_t ni;
    sens_ind *ind;           /* MAX_SENS_CHARTS */
};

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

/* chart_name - "sensitivity_NAME": letters, digits and _ of the name
 * only, so that a name from the file cannot make a path; a name with
 * anything else, or one seen before, is numbered instead. */
static void chart_name(const rri_sens *d, size_t i, const char *name,
                       char *buf, size_t n)
{
    bool plain = *name && strlen(name) <= 40;
    for (const char *p = name; *p && plain; p++)
        plain = isalnum((unsigned char)*p) || *p == '_';
    snprintf(buf, n, "sensitivity_%s", name);
    for (size_t j = 0; j < i && plain; j++)
        plain = strcmp(d->ind[j].chart, buf) != 0;
    if (!plain)
        snprintf(buf, n, "sensitivity_%zu", i + 1);
}

static int sens_read(const char *dir, rri_sens *d, char *err, size_t errlen)
{
    static const char *const names[] = {
        "indicator", "parameter", "S1", "S1_low", "S1_high",
        "ST",        "ST_low",    "ST_high", "rank"};
    char path[PATH_MAX];
    int col[RR_COUNTOF(names)], cil, cpl, cn, cs, csa, cev, crp, rc;
    rr_table *t;

    snprintf(path, sizeof path, "%s/sensitivity.csv", dir);
    if ((rc = rr_table_read(path, &d->t, err, errlen)) != RR_OK)
        return rc;
    t = d->t;
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        if ((rc = rr_table_require(t, names[i], &col[i], err, errlen)))
            return rc;
    cil = rr_table_col(t, "indicator_label");
    cpl = rr_table_col(t, "parameter_label");
    cn = rr_table_col(t, "note");
    cs = rr_table_col(t, "scenario");
    csa = rr_table_col(t, "samples");
    cev = rr_table_col(t, "evaluations");
    crp = rr_table_col(t, "replications");
    d->scenario = cs >= 0 && t->n_rows ? rr_table_cell(t, 0, (size_t)cs) : "";
    d->samples = d->evals = d->reps = NAN;
    if (t->n_rows &&
        ((rc = rr_table_number_na(t, 0, csa, &d->samples, err, errlen)) ||
         (rc = rr_table_number_na(t, 0, cev, &d->evals, err, errlen)) ||
         (rc = rr_table_number_na(t, 0, crp, &d->reps, err, errlen))))
        return rc;
    if (!(d->ind = calloc(MAX_SENS_CHARTS, sizeof *d->ind)))
        return oom(err, errlen);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *ind = rr_table_cell(t, r, (size_t)col[0]);
        sens_ind *s = NULL;
        sens_row *w;
        double rank;
        for (size_t i = 0; i < d->ni && !s; i++)
            if (strcmp(d->ind[i].name, ind) == 0)
                s = &d->ind[i];
        if (!s) {
            if (d->ni == MAX_SENS_CHARTS)
                continue; /* the first ones are drawn */
            s = &d->ind[d->ni];
            s->name = ind;
            s->label = cil >= 0 ? rr_table_cell(t, r, (size_t)cil) : ind;
            if (!*s->label)
                s->label = ind;
            s->note = cn >= 0 ? rr_table_cell(t, r, (size_t)cn) : "";
            chart_name(d, d->ni, ind, s->chart, sizeof s->chart);
            d->ni++;
        }
        if (s->n == MAX_SENS_PARAMS)
            continue;
        w = &s->row[s->n];
        w->param = rr_table_cell(t, r, (size_t)col[1]);
        w->label = cpl >= 0 ? rr_table_cell(t, r, (size_t)cpl) : w->param;
        if (!*w->label)
            w->label = w->param;
        {
            double *x[] = {&w->s1, &w->s1_lo, &w->s1_hi,
                           &w->st, &w->st_lo, &w->st_hi};
            for (size_t k = 0; k < RR_COUNTOF(x); k++)
                if ((rc = rr_table_number_na(t, r, col[2 + k], x[k], err,
                                             errlen)))
                    return rc;
        }
        if ((rc = rr_table_number(t, r, (size_t)col[8], &rank, err,
                                  errlen)))
            return rc;
        if (rank != floor(rank) || rank < 1 || rank > 1e6)
            return rr_err_at(err, errlen, RR_EPARSE, t->path, (int)t->line[r],
                             "column 'rank': expected a whole number >= 1, "
                             "got '%s'",
                             rr_table_cell(t, r, (size_t)col[8]));
        w->rank = (long)rank;
        s->n++;
    }
    return RR_OK;
}

void rri_sens_free(rri_sens *d)
{
    if (!d)
        return;
    free(d->ind);
    rr_table_destroy(d->t);
    free(d);
}

int rri_read_sensitivity(const char *results, rri_sens **out, char *err,
                         size_t errlen)
{
    rri_sens *d = calloc(1, sizeof *d);
    int rc;
    *out = d;
    if (!d)
        return oom(err, errlen);
    rc = sens_read(results, d, err, errlen);
    return rc;
}

size_t rri_sens_charts(const rri_sens *d)
{
    return d->ni;
}

const char *rri_sens_chart_name(const rri_sens *d, size_t i)
{
    return d->ind[i].chart;
}

/* by_rank - the rows of s, best rank first (ties in file order). */
static void by_rank(const sens_ind *s, size_t *order)
{
    for (size_t i = 0; i < s->n; i++)
        order[i] = i;
    for (size_t i = 1; i < s->n; i++)
        for (size_t j = i; j > 0 && s->row[order[j - 1]].rank >
                                        s->row[order[j]].rank;
             j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
}

/* finite_or - x, or alt when x is not finite. */
static double finite_or(double x, double alt)
{
    return isfinite(x) ? x : alt;
}

int rri_draw_sensitivity(FILE *g, const rri_sens *d, size_t i,
                         const rri_runrow *ri, rr_plot_format fmt,
                         const char *out)
{
    const sens_ind *s = &d->ind[i];
    size_t order[MAX_SENS_PARAMS];
    char t[512], st[512], foot[512], src[600], note[512];
    double lo = 0, hi = 1, lab_px = 0, L, R = 0.95 * W, T = 130, B;
    rri_key ke[3] = {
        {"Total index ST: alone and with others", OI_BLUE, 'b', NULL, 0},
        {"First-order index S1: alone", OI_ORANGE, 'b', NULL, 0},
        {"95% bootstrap interval", "#333333", 'h', NULL, 1.5}};
    rri_scale sc;
    int rc;

    snprintf(t, sizeof t, "%s: which uncertain parameters drive it",
             s->label);
    snprintf(st, sizeof st, "%s · share of its variance due to each "
                            "uncertain parameter, ranked",
             ri && *ri->title ? ri->title : d->scenario);
    snprintf(foot, sizeof foot, "Scenario %s", d->scenario);
    if (isfinite(d->samples))
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " · %.0f samples", d->samples);
    if (isfinite(d->evals))
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " · %.0f runs", d->evals);
    if (isfinite(d->reps))
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " × %.0f replication%s (common random numbers)", d->reps,
                 d->reps == 1 ? "" : "s");
    rri_source_of(ri, ri ? 1 : 0, src, sizeof src);
    B = 178;
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",12\"\nunset key\nset bars 1.2\n", g);
    rri_gp_heading(g, t, st, foot, src);
    if (*s->note || s->n == 0) {
        rri_gp_nothing(g, *s->note ? s->note : "No parameters.");
        return RR_OK;
    }
    by_rank(s, order);
    for (size_t q = 0; q < s->n; q++) {
        const sens_row *w = &s->row[order[q]];
        lo = fmin(lo, fmin(finite_or(w->s1_lo, 0), finite_or(w->s1, 0)));
        lo = fmin(lo, fmin(finite_or(w->st_lo, 0), finite_or(w->st, 0)));
        hi = fmax(hi, fmax(finite_or(w->s1_hi, 0), finite_or(w->st_hi, 0)));
        hi = fmax(hi, fmax(finite_or(w->s1, 0), finite_or(w->st, 0)));
        lab_px = fmax(lab_px, rri_text_px(w->label, 12));
    }
    lab_px = fmin(lab_px, 0.35 * W);
    L = 0.02 * W + lab_px + 16;
    snprintf(note, sizeof note,
             "ST − S1 is what a parameter does through interactions with "
             "others. Estimates below 0 are sampling noise around 0.");
    rri_gp_small_text(g, note, H - 60);
    rri_gp_legend(g, ke, RR_COUNTOF(ke), 0.5 * W, 96);
    rri_gp_margins(g, L / W, R / W, rri_sy(T), B / H);
    sc = rri_nice_scale(lo, hi, 5);
    /* the axis in per cent */
    fprintf(g, "set xrange [%.6g:%.6g]\nset xtics (", sc.a, sc.b);
    for (double v = sc.a; v <= sc.b + 1e-9; v += sc.step)
        fprintf(g, "%s\"%.0f%%%%\" %.6g", v > sc.a ? ", " : "",
                fabs(v) < 1e-9 ? 0.0 : 100 * v, v);
    fputs(")\nset grid xtics\nunset ytics\n", g);
    fprintf(g, "set yrange [0.4:%.1f]\n", (double)s->n + 0.6);
    fprintf(g, "set arrow from 0, graph 0 to 0, graph 1 nohead lc rgb "
               "\"#555555\" lw 1 back\n");
    fputs("set label ", g);
    rri_gp_str(g, "Share of variance");
    fprintf(g, " at graph 0.5, screen %.4f center font \"%s,12\" textcolor "
               "rgb \"#333333\"\n",
            (B - 50) / H, FONT);
    for (size_t q = 0; q < s->n; q++) {
        const sens_row *w = &s->row[order[q]];
        char lab[256];
        snprintf(lab, sizeof lab, "%s", w->label);
        rri_text_fit(lab, sizeof lab, 12, lab_px);
        fputs("set label ", g);
        rri_gp_str(g, lab);
        fprintf(g, " at screen %.4f, first %zu right font \"%s,12\" "
                   "textcolor rgb \"#222222\"\n",
                (L - 10) / W, s->n - q, FONT);
    }
    fputs("$s << EOD\n", g);
    for (size_t q = 0; q < s->n; q++) {
        const sens_row *w = &s->row[order[q]];
        fprintf(g, "%zu ", s->n - q);
        rri_gp_num(g, w->st);
        fputc(' ', g);
        rri_gp_num(g, w->st_lo);
        fputc(' ', g);
        rri_gp_num(g, w->st_hi);
        fputc(' ', g);
        rri_gp_num(g, w->s1);
        fputc(' ', g);
        rri_gp_num(g, w->s1_lo);
        fputc(' ', g);
        rri_gp_num(g, w->s1_hi);
        fputc('\n', g);
    }
    fputs("EOD\n", g);
    rc = fprintf(g,
                 "plot $s using ($2/2):($1+0.18):(abs($2)/2):(0.16) with "
                 "boxxyerror fs solid 1.0 noborder lc rgb \"" OI_BLUE
                 "\" notitle, \\\n"
                 "     $s using ($5/2):($1-0.18):(abs($5)/2):(0.16) with "
                 "boxxyerror fs solid 1.0 noborder lc rgb \"" OI_ORANGE
                 "\" notitle, \\\n"
                 "     $s using 2:($1+0.18):3:4 with xerrorbars pt -1 lw 1.5 "
                 "lc rgb \"#333333\" notitle, \\\n"
                 "     $s using 5:($1-0.18):6:7 with xerrorbars pt -1 lw 1.5 "
                 "lc rgb \"#333333\" notitle\n") < 0
             ? RR_EIO
             : RR_OK;
    return rc == RR_OK ? RR_OK : RR_ENOMEM;
}
