/*
 * plot_validate.c - the chart of an out-of-sample check (plot_int.h):
 * validate.png from validate.csv and run.csv.
 *
 * One panel per indicator (at most MAX_PANELS, the others named under the
 * chart), each on its own scale from zero: per validation year the
 * simulated 95% prediction interval as a bar (rr_validate.h), the
 * simulated mean as a dash across it and the
 * observed figure as a dot, filled when it lies inside the interval and a
 * ring when it does not, with the relative error above.  The subtitle
 * counts the figures inside.  Indicators are named by the registry's
 * words for yearly figures; one it does not know by its name.  Every text
 * goes through rri_gp_str; every number is checked finite.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_table.h"
#include "rr_util.h"
#include "plot_int.h"

#define T0 100.0

typedef struct val_row {
    long year;
    long origin;          /* rolling origin, 0 when none */
    const char *indicator;
    double observed, mean, lo, hi, rel;
    bool inside;
} val_row;

typedef struct val_data {
    rr_table *t;
    const char *scenario;
    size_t n;
    val_row *row;
    double reps;
    /* the panels */
    const char *ind[MAX_PANELS];
    size_t ni, more;
    long *year;
    size_t ny;
    bool rolling;         /* validate.csv has a column origin */
} val_data;

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

/* val_read - validate.csv into d. */
static int val_read(const char *dir, val_data *d, char *err, size_t errlen)
{
    static const char *const names[] = {"year", "indicator", "observed",
                                        "simulated_mean", "pi95_low",
                                        "pi95_high", "inside"};
    char path[PATH_MAX];
    int col[RR_COUNTOF(names)], cs, cr, ce, co, rc;
    rr_table *t;

    snprintf(path, sizeof path, "%s/validate.csv", dir);
    if ((rc = rr_table_read(path, &d->t, err, errlen)) != RR_OK)
        return rc;
    t = d->t;
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        if ((rc = rr_table_require(t, names[i], &col[i], err, errlen)))
            return rc;
    cs = rr_table_col(t, "scenario");
    cr = rr_table_col(t, "replications");
    ce = rr_table_col(t, "relative_error");
    co = rr_table_col(t, "origin");
    d->rolling = co >= 0;
    d->scenario = cs >= 0 && t->n_rows ? rr_table_cell(t, 0, (size_t)cs) : "";
    d->reps = NAN;
    if (!(d->row = calloc(t->n_rows + 1, sizeof *d->row)) ||
        !(d->year = calloc(t->n_rows + 1, sizeof *d->year)))
        return oom(err, errlen);
    for (size_t r = 0; r < t->n_rows; r++) {
        val_row *w = &d->row[d->n];
        double y, *x[] = {&w->observed, &w->mean, &w->lo, &w->hi};
        size_t i, k;
        const char *in = rr_table_cell(t, r, (size_t)col[6]);
        if ((rc = rr_table_number(t, r, (size_t)col[0], &y, err, errlen)))
            return rc;
        if (y != floor(y) || y < 1 || y > 9999)
            return rr_err_at(err, errlen, RR_EPARSE, t->path, (int)t->line[r],
                             "column 'year': expected a year, got '%s'",
                             rr_table_cell(t, r, (size_t)col[0]));
        for (k = 0; k < RR_COUNTOF(x); k++)
            if ((rc = rr_table_number_na(t, r, col[2 + k], x[k], err,
                                         errlen)))
                return rc;
        if (strcmp(in, "yes") != 0 && strcmp(in, "no") != 0)
            return rr_err_at(err, errlen, RR_EPARSE, t->path, (int)t->line[r],
                             "column 'inside': expected yes or no, got '%s'",
                             in);
        w->rel = NAN;
        if (ce >= 0 &&
            (rc = rr_table_number_na(t, r, ce, &w->rel, err, errlen)))
            return rc;
        if (cr >= 0 && r == 0 &&
            (rc = rr_table_number_na(t, r, cr, &d->reps, err, errlen)))
            return rc;
        if (co >= 0) {
            double o;
            if ((rc = rr_table_number(t, r, (size_t)co, &o, err, errlen)))
                return rc;
            if (o != floor(o) || o < 1 || o > 9999)
                return rr_err_at(err, errlen, RR_EPARSE, t->path,
                                 (int)t->line[r],
                                 "column 'origin': expected a year, got "
                                 "'%s'",
                                 rr_table_cell(t, r, (size_t)co));
            w->origin = (long)o;
        }
        w->year = (long)y;
        w->indicator = rr_table_cell(t, r, (size_t)col[1]);
        w->inside = strcmp(in, "yes") == 0;
        d->n++;
        for (i = 0; i < d->ni && strcmp(d->ind[i], w->indicator); i++)
            ;
        if (i == d->ni && d->ni < MAX_PANELS)
            d->ind[d->ni++] = w->indicator;
        else if (i == d->ni)
            d->more++; /* counted per row: "more" only says there are */
        for (i = 0; i < d->ny && d->year[i] != w->year; i++)
            ;
        if (i == d->ny)
            d->year[d->ny++] = w->year;
    }
    for (size_t i = 1; i < d->ny; i++) /* few: insertion sort */
        for (size_t j = i; j > 0 && d->year[j - 1] > d->year[j]; j--) {
            long tmp = d->year[j];
            d->year[j] = d->year[j - 1];
            d->year[j - 1] = tmp;
        }
    return RR_OK;
}

static void val_fini(val_data *d)
{
    free(d->row);
    free(d->year);
    rr_table_destroy(d->t);
    memset(d, 0, sizeof *d);
}

/* title_of - an indicator in words. */
static void title_of(const char *ind, char *buf, size_t n)
{
    const char *member;
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, &member);
    if (e && rr_indicator_is_yearly(e))
        rr_indicator_entry_label(e, member, RR_LABEL_YEARLY, buf, n);
    else
        snprintf(buf, n, "%s", ind);
}

/* year_index - the place of year y on the axis, from 1. */
static size_t year_index(const val_data *d, long y)
{
    for (size_t i = 0; i < d->ny; i++)
        if (d->year[i] == y)
            return i + 1;
    return 0;
}

/* panel - indicator i in cell (ci, rw) of the grid. */
static int panel(FILE *g, const val_data *d, size_t i, size_t cols,
                 size_t rows, double B, const rri_key *ke, size_t nk,
                 const char *const head[5])
{
    size_t ci = i % cols, rw = i / cols;
    double cw = 0.96 * W / (double)cols, rh = (H - T0 - B) / (double)rows;
    double max = 0, l, r, tp, b, lpad;
    char title[256];
    rri_scale s;
    int rc;
    for (size_t k = 0; k < d->n; k++) {
        const val_row *w = &d->row[k];
        if (strcmp(w->indicator, d->ind[i]) != 0)
            continue;
        if (!isnan(w->hi))
            max = fmax(max, w->hi);
        if (!isnan(w->observed))
            max = fmax(max, w->observed);
    }
    s = rri_nice_scale(0, max * 1.2, 4);
    lpad = rri_scale_width(&s, false, 11) + 16;
    l = 0.02 * W + (double)ci * cw + lpad;
    r = 0.02 * W + (double)(ci + 1) * cw - 24;
    tp = T0 + (double)rw * rh + 26;
    b = T0 + (double)(rw + 1) * rh - 34;
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (i == 0) {
        rri_gp_heading(g, head[0], head[1], head[2], head[3]);
        rri_gp_small_text(g, head[4], H - 60);
        rri_gp_legend(g, ke, nk, 0.5 * W, B - 62);
        fputs("set label ", g);
        rri_gp_str(g, "Persons (a year's flow, or at its end)");
        fprintf(g, " at screen 0.012, screen %.4f center rotate by 90 "
                   "font \"%s,13\" textcolor rgb \"#333333\"\n",
                (rri_sy(T0) + B / H) / 2, FONT);
    }
    rri_gp_margins(g, (l + 10) / W, r / W, rri_sy(tp), rri_sy(b));
    fprintf(g, "set xrange [0.4:%.1f]\nset xtics (", (double)d->ny + 0.6);
    for (size_t y = 0; y < d->ny; y++) {
        long o = 0;
        for (size_t k = 0; k < d->n && !o; k++)
            if (d->row[k].year == d->year[y])
                o = d->row[k].origin;
        /* a rolling origin: the last year fitted under the year */
        if (o)
            fprintf(g, "%s\"%ld\\nfit to %ld\" %zu", y ? ", " : "",
                    d->year[y], o, y + 1);
        else
            fprintf(g, "%s\"%ld\" %zu", y ? ", " : "", d->year[y], y + 1);
    }
    fputs(") scale 0\n", g);
    if ((rc = rri_gp_scale(g, "y", &s, true, false)) != RR_OK)
        return rc;
    title_of(d->ind[i], title, sizeof title);
    {
        /* too long: without its closing bracket first, then cut */
        char *open = strrchr(title, '(');
        size_t tn = strlen(title);
        if (rri_text_px(title, 12 * 1.1) > r - l + lpad - 10 && tn &&
            title[tn - 1] == ')' && open && open > title + 1 &&
            open[-1] == ' ')
            open[-1] = '\0';
    }
    rri_text_fit(title, sizeof title, 12 * 1.1, r - l + lpad - 10);
    fputs("set label ", g);
    rri_gp_str(g, title);
    fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font \"%s Bold,12\" "
               "textcolor rgb \"#222222\"\n",
            (l - lpad + 14) / W, FONT);
    /* the relative errors above each year */
    for (size_t k = 0; k < d->n; k++) {
        const val_row *w = &d->row[k];
        char lab[64];
        if (strcmp(w->indicator, d->ind[i]) != 0 || isnan(w->rel))
            continue;
        rri_num_text(100 * w->rel, fabs(w->rel) < 0.1 ? 1 : 0, true, lab,
                     sizeof lab);
        strcat(lab, "%");
        fputs("set label ", g);
        rri_gp_str(g, lab);
        fprintf(g, " at first %zu, first ", year_index(d, w->year));
        rri_gp_num(g, fmax(isnan(w->hi) ? 0 : w->hi,
                           isnan(w->observed) ? 0 : w->observed));
        fprintf(g, " center offset 0,0.9 font \"%s,11\" textcolor rgb "
                   "\"#222222\" front\n",
                FONT);
    }
    fprintf(g, "$v%zu << EOD\n", i);
    for (size_t k = 0; k < d->n; k++) {
        const val_row *w = &d->row[k];
        if (strcmp(w->indicator, d->ind[i]) != 0)
            continue;
        fprintf(g, "%zu ", year_index(d, w->year));
        rri_gp_num(g, w->lo);
        fputc(' ', g);
        rri_gp_num(g, w->hi);
        fputc(' ', g);
        rri_gp_num(g, w->mean);
        fputc(' ', g);
        rri_gp_num(g, w->observed);
        fprintf(g, " %d\n", w->inside ? 1 : 0);
    }
    fputs("EOD\n", g);
    fprintf(g,
            "plot $v%zu using 1:4:($1-0.22):($1+0.22):2:3 with boxxyerror "
            "fs solid 1.0 noborder lc rgb \"" BAND_MID "\" notitle, \\\n"
            "     $v%zu using ($1-0.22):4:(0.44):(0) with vectors nohead "
            "lw 3 lc rgb \"" OI_BLUE "\" notitle, \\\n"
            "     $v%zu using 1:($6 > 0.5 ? $5 : NaN) with points pt 7 ps 1.9 lc "
            "rgb \"white\" notitle, \\\n"
            "     $v%zu using 1:($6 > 0.5 ? $5 : NaN) with points pt 7 ps 1.5 lc "
            "rgb \"" OI_VERMILLION "\" notitle, \\\n"
            "     $v%zu using 1:($6 > 0.5 ? NaN : $5) with points pt 6 ps 1.6 lw 2 "
            "lc rgb \"" OI_VERMILLION "\" notitle\n",
            i, i, i, i, i);
    return RR_OK;
}

/* script - the chart's script into g. */
static int script(FILE *g, const val_data *d, const rri_runrow *ri,
                  rr_plot_format fmt, const char *out)
{
    char t[256], st[1024], foot[512], src[600], sim[128], note[512];
    const char *head[5] = {t, st, foot, src, note};
    const char *name = ri && *ri->title ? ri->title : d->scenario;
    size_t inside = 0, cols, rows, n_err = 0;
    double sum = 0, B;
    rri_key ke[4];
    size_t nk = 0;
    int rc = RR_OK;

    for (size_t k = 0; k < d->n; k++) {
        inside += d->row[k].inside;
        if (!isnan(d->row[k].rel)) {
            sum += fabs(d->row[k].rel);
            n_err++;
        }
    }
    snprintf(t, sizeof t, "%s",
             d->rolling ? "Rolling origin: each year predicted from a fit "
                          "on the years before it"
                        : "Out of sample: observed figures against the "
                          "model's 95% interval");
    snprintf(st, sizeof st, "%s · %zu of %zu figures inside their interval",
             name, inside, d->n);
    if (n_err)
        snprintf(st + strlen(st), sizeof st - strlen(st),
                 " · mean absolute error %.1f%%", 100 * sum / (double)n_err);
    snprintf(foot, sizeof foot, "Scenario %s", d->scenario);
    if (!isnan(d->reps))
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " · %.0f replications", d->reps);
    if (ri && *ri->version)
        snprintf(foot + strlen(foot), sizeof foot - strlen(foot),
                 " · rrsim %s", ri->version);
    rri_source_of(ri, ri ? 1 : 0, src, sizeof src);
    if (!isnan(d->reps))
        snprintf(sim, sizeof sim, "95%% prediction interval (%.0f "
                                  "replications)",
                 d->reps);
    else
        snprintf(sim, sizeof sim, "95%% prediction interval");
    ke[nk++] = (rri_key){sim, BAND_MID, 'b', NULL, 0};
    ke[nk++] = (rri_key){"Simulated mean", OI_BLUE, 'l', NULL, 3};
    ke[nk++] = (rri_key){"Observed, inside", OI_VERMILLION, 'p',
                         "pt 7 ps 1.5", 0};
    ke[nk++] = (rri_key){"Observed, outside", OI_VERMILLION, 'p',
                         "pt 6 ps 1.6 lw 2", 0};
    B = 60 + 22 + 62 + (rri_legend_rows(ke, nk) == 2 ? 16 : 0);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.5\n", g);
    if (d->ni == 0) {
        rri_gp_heading(g, t, st, foot, src);
        rri_gp_nothing(g, "No observed figures of a validation year.");
        return RR_OK;
    }
    cols = rri_grid_cols(d->ni);
    rows = (d->ni + cols - 1) / cols;
    snprintf(note, sizeof note,
             "Interval: where one more replication's yearly figure falls "
             "with 95%% probability (one year's spread, not the mean's "
             "uncertainty). Labels: error of the mean.%s",
             d->more ? " Not all indicators are drawn (validate.csv has "
                       "them)."
                     : "");
    fputs("set multiplot\n", g);
    for (size_t i = 0; i < d->ni && rc == RR_OK; i++)
        rc = panel(g, d, i, cols, rows, B, ke, nk, head);
    fputs("unset multiplot\n", g);
    return rc;
}

int rri_chart_validate(FILE *g, const char *results, rr_plot_format fmt,
                       const char *out, char *err, size_t errlen)
{
    val_data d;
    rri_runrow ri[RRI_MAX_RUNROWS];
    size_t nri = 0;
    int rc;

    memset(&d, 0, sizeof d);
    rc = val_read(results, &d, err, errlen);
    if (rc == RR_OK)
        rc = rri_read_runrows(results, ri, &nri, err, errlen);
    if (rc == RR_OK && (rc = script(g, &d, nri ? ri : NULL, fmt, out)) ==
                           RR_ENOMEM)
        oom(err, errlen);
    rri_runrows_fini(ri, nri);
    val_fini(&d);
    return rc;
}

int rri_read_validate(const char *results, char *err, size_t errlen)
{
    val_data d;
    int rc;
    memset(&d, 0, sizeof d);
    rc = val_read(results, &d, err, errlen);
    val_fini(&d);
    return rc;
}
