/*
 * plot_calibrate.c - the chart of a calibration (plot_int.h):
 * calibrate.png from calibrate.csv, with calibrate_report.csv and run.csv
 * when they are there.
 *
 * On the left the loss of the simplex's best point by iteration (a
 * logarithmic scale when it falls by more than a factor of ten, as it
 * usually does), the last point marked and its loss written; on the right
 * one small panel per setting fitted (at most MAX_SHOWN, the others named
 * under the chart), its value at the best point by iteration, with the
 * fitted value and the range searched in the panel's title.  The fit of
 * the calibrated scenario is fit.png, drawn from fit.csv beside it.
 *
 * The files may come from anyone: every text goes through rri_gp_str,
 * every number is checked finite (rr_table_number) and iterations must be
 * whole numbers from 0 to 10^9.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_table.h"
#include "rr_util.h"
#include "plot_int.h"

#define MAX_PARAMS 16 /* read */
#define MAX_SHOWN 8   /* drawn */
#define T0 104.0      /* the plots' top, px from the top */
#define FOOT 96.0     /* the plots' bottom, px from the bottom */

/* A setting fitted: its values by iteration, and what the report says. */
typedef struct cal_param {
    const char *key;
    const char *label;   /* the report's, or the key */
    const char *written; /* the fitted value as written, or NULL */
    double low, high;    /* NAN when there is no report */
    double *v;           /* one per point */
} cal_param;

typedef struct cal_data {
    rr_table *t, *rep;   /* calibrate.csv and calibrate_report.csv (or
                            NULL) */
    const char *scenario;
    size_t n;            /* points: iterations, in order */
    double *it, *loss;
    size_t np, more;     /* settings read; more not read */
    cal_param p[MAX_PARAMS];
    const char *years;   /* from the report, or NULL */
    double figures, evals, eval_reps;
    const char *converged;
} cal_data;

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    return RR_ENOMEM;
}

static void cal_fini(cal_data *d)
{
    for (size_t k = 0; k < d->np; k++)
        free(d->p[k].v);
    free(d->it);
    free(d->loss);
    rr_table_destroy(d->t);
    rr_table_destroy(d->rep);
    memset(d, 0, sizeof *d);
}

/* read_table - DIR/NAME into *t; an absent optional file gives NULL. */
static int read_table(const char *dir, const char *name, bool optional,
                      rr_table **t, char *err, size_t errlen)
{
    char path[PATH_MAX];
    *t = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (optional && access(path, F_OK) != 0)
        return RR_OK;
    return rr_table_read(path, t, err, errlen);
}

/* param_index - the setting named key, added when new; -1 when there are
 * MAX_PARAMS already. */
static long param_index(cal_data *d, const char *key)
{
    for (size_t k = 0; k < d->np; k++)
        if (strcmp(d->p[k].key, key) == 0)
            return (long)k;
    if (d->np == MAX_PARAMS)
        return -1;
    d->p[d->np].key = key;
    d->p[d->np].label = key;
    d->p[d->np].low = d->p[d->np].high = NAN;
    return (long)d->np++;
}

/* read_points - calibrate.csv: a point per run of rows of one iteration. */
static int read_points(cal_data *d, char *err, size_t errlen)
{
    const rr_table *t = d->t;
    int ci, cl, cp, cv, cs;
    int rc;
    double last = NAN;
    if ((rc = rr_table_require(t, "iteration", &ci, err, errlen)) ||
        (rc = rr_table_require(t, "loss", &cl, err, errlen)) ||
        (rc = rr_table_require(t, "parameter", &cp, err, errlen)) ||
        (rc = rr_table_require(t, "value", &cv, err, errlen)))
        return rc;
    cs = rr_table_col(t, "scenario");
    d->scenario = cs >= 0 && t->n_rows ? rr_table_cell(t, 0, (size_t)cs) : "";
    d->it = malloc((t->n_rows + 1) * sizeof *d->it);
    d->loss = malloc((t->n_rows + 1) * sizeof *d->loss);
    if (!d->it || !d->loss)
        return oom(err, errlen);
    for (size_t r = 0; r < t->n_rows; r++) {
        double it, loss, v;
        long k;
        if ((rc = rr_table_number(t, r, (size_t)ci, &it, err, errlen)))
            return rc;
        if (it < 0 || it > 1e9 || it != floor(it))
            return rr_err_at(err, errlen, RR_EPARSE, t->path,
                             (int)t->line[r],
                             "column 'iteration': expected a whole number "
                             "from 0 to 1000000000, got '%s'",
                             rr_table_cell(t, r, (size_t)ci));
        if ((rc = rr_table_number_na(t, r, cl, &loss, err, errlen)) ||
            (rc = rr_table_number_na(t, r, cv, &v, err, errlen)))
            return rc;
        if (d->n == 0 || it != last) {
            d->it[d->n] = it;
            d->loss[d->n] = loss;
            for (size_t j = 0; j < d->np; j++)
                d->p[j].v[d->n] = NAN;
            d->n++;
            last = it;
        }
        if ((k = param_index(d, rr_table_cell(t, r, (size_t)cp))) < 0) {
            d->more += d->n == 1; /* the settings beyond, counted once */
            continue;
        }
        if (!d->p[k].v) {
            if (!(d->p[k].v = malloc((t->n_rows + 1) * sizeof(double))))
                return oom(err, errlen);
            for (size_t j = 0; j < d->n; j++)
                d->p[k].v[j] = NAN;
        }
        d->p[k].v[d->n - 1] = v;
    }
    return RR_OK;
}

/* read_report - what calibrate_report.csv adds: labels, ranges, the
 * fitted values as written, the years and the search's counts. */
static int read_report(cal_data *d, char *err, size_t errlen)
{
    const rr_table *t = d->rep;
    int cp = rr_table_col(t, "parameter");
    int cl = rr_table_col(t, "label"), cw = rr_table_col(t, "written");
    int clo = rr_table_col(t, "low"), chi = rr_table_col(t, "high");
    int cy = rr_table_col(t, "years"), cf = rr_table_col(t, "figures");
    int ce = rr_table_col(t, "evaluations");
    int cr = rr_table_col(t, "eval_replications");
    int cc = rr_table_col(t, "converged");
    int rc;
    d->figures = d->evals = d->eval_reps = NAN;
    if (cp < 0 || t->n_rows == 0)
        return RR_OK;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t k = 0; k < d->np; k++) {
            cal_param *p = &d->p[k];
            if (strcmp(p->key, rr_table_cell(t, r, (size_t)cp)) != 0)
                continue;
            if (cl >= 0 && *rr_table_cell(t, r, (size_t)cl))
                p->label = rr_table_cell(t, r, (size_t)cl);
            if (cw >= 0 && *rr_table_cell(t, r, (size_t)cw))
                p->written = rr_table_cell(t, r, (size_t)cw);
            if ((clo >= 0 &&
                 (rc = rr_table_number_na(t, r, clo, &p->low, err,
                                          errlen))) ||
                (chi >= 0 &&
                 (rc = rr_table_number_na(t, r, chi, &p->high, err,
                                          errlen))))
                return rc;
        }
    if (cy >= 0)
        d->years = rr_table_cell(t, 0, (size_t)cy);
    if (cc >= 0)
        d->converged = rr_table_cell(t, 0, (size_t)cc);
    if ((cf >= 0 &&
         (rc = rr_table_number_na(t, 0, cf, &d->figures, err, errlen))) ||
        (ce >= 0 &&
         (rc = rr_table_number_na(t, 0, ce, &d->evals, err, errlen))) ||
        (cr >= 0 &&
         (rc = rr_table_number_na(t, 0, cr, &d->eval_reps, err, errlen))))
        return rc;
    return RR_OK;
}

int rri_read_calibrate(const char *dir, void **data, char *err,
                       size_t errlen)
{
    cal_data *d = calloc(1, sizeof *d);
    int rc;
    *data = d;
    if (!d)
        return oom(err, errlen);
    rc = read_table(dir, "calibrate.csv", false, &d->t, err, errlen);
    if (rc == RR_OK)
        rc = read_points(d, err, errlen);
    if (rc == RR_OK)
        rc = read_table(dir, "calibrate_report.csv", true, &d->rep, err,
                        errlen);
    if (rc == RR_OK && d->rep)
        rc = read_report(d, err, errlen);
    return rc;
}

void rri_calibrate_free(void *data)
{
    cal_data *d = data;
    if (d)
        cal_fini(d);
    free(d);
}

/* ---- the script ------------------------------------------------------------ */

/* suffix_of - the unit after the number of a value as written ("d" of
 * "403.5d"), "" when none. */
static const char *suffix_of(const char *written)
{
    const char *s = written;
    if (!s)
        return "";
    if (*s == '-' || *s == '+')
        s++;
    s += strspn(s, "0123456789.");
    if ((*s == 'e' || *s == 'E') &&
        (s[1] == '-' || s[1] == '+' || (s[1] >= '0' && s[1] <= '9'))) {
        s += 2;
        s += strspn(s, "0123456789");
    }
    return s;
}

/* iteration_tics - a scale of whole iterations from 0 to last. */
static rri_scale iteration_scale(double last)
{
    static const double steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500,
                                   1000, 2000, 5000, 10000, 1e5, 1e6, 1e7,
                                   1e8, 1e9};
    rri_scale s = {0, 1, 1, 0};
    size_t i = 0;
    if (!(last > 0))
        last = 1;
    while (i + 1 < RR_COUNTOF(steps) && last / steps[i] > 6)
        i++;
    s.step = steps[i];
    s.b = ceil(last / s.step - 1e-9) * s.step;
    return s;
}

/* loss_axis - the loss's vertical axis: decades on a logarithmic scale
 * when every loss is above 0 and the largest is ten times the least,
 * else from 0. */
static int loss_axis(FILE *g, const cal_data *d, bool *log_scale)
{
    double lo = INFINITY, hi = 0;
    for (size_t i = 0; i < d->n; i++) {
        double x = d->loss[i];
        if (isnan(x))
            continue;
        lo = fmin(lo, x);
        hi = fmax(hi, x);
    }
    *log_scale = isfinite(lo) && lo > 0 && hi >= 10 * lo;
    if (!*log_scale) {
        rri_scale s = rri_nice_scale(0, isfinite(lo) ? hi * 1.08 : 1, 4);
        fputs("unset logscale y\n", g);
        return rri_gp_scale(g, "y", &s, true, false);
    }
    {
        int e0 = (int)floor(log10(lo) + 1e-9), e1 = (int)ceil(log10(hi) - 1e-9);
        int every = (e1 - e0 + 7) / 8; /* at most 8 labels */
        rri_tics t = {NULL, 0, 0, false};
        int rc = RR_OK;
        if (every < 1)
            every = 1;
        if (e1 == e0)
            e1++;
        for (int e = e0; e <= e1 && rc == RR_OK; e++) {
            char lab[32];
            snprintf(lab, sizeof lab, "%g", pow(10, e));
            rc = rri_tics_add(&t, pow(10, e), (e - e0) % every ? "" : lab,
                              false);
        }
        if (rc == RR_OK) {
            fputs("set logscale y 10\n", g);
            rri_gp_range(g, "y", pow(10, e0), pow(10, e1));
            rri_gp_tics(g, "y", &t);
        }
        rri_tics_fini(&t);
        return rc;
    }
}

/* data - the points: $loss (iteration, loss) and $pK (iteration, value). */
static void data(FILE *g, const cal_data *d, size_t shown)
{
    fputs("$loss << EOD\n", g);
    for (size_t i = 0; i < d->n; i++) {
        rri_gp_num(g, d->it[i]);
        fputc(' ', g);
        rri_gp_num(g, d->loss[i]);
        fputc('\n', g);
    }
    fputs("EOD\n", g);
    for (size_t k = 0; k < shown; k++) {
        fprintf(g, "$p%zu << EOD\n", k);
        for (size_t i = 0; i < d->n; i++) {
            rri_gp_num(g, d->it[i]);
            fputc(' ', g);
            rri_gp_num(g, d->p[k].v[i]);
            fputc('\n', g);
        }
        fputs("EOD\n", g);
    }
}

/* last_point - the last point with a value in v, or -1. */
static long last_point(const double *v, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (!isnan(v[i]))
            return (long)i;
    return -1;
}

/* The chart's heading and footer. */
typedef struct cal_texts {
    char t[256], st[1024], foot[1024], src[1024];
} cal_texts;

/* heading - drawn with the first panel, after its labels are cleared. */
static void heading(FILE *g, const cal_texts *h)
{
    if (h)
        rri_gp_heading(g, h->t, h->st, h->foot, h->src);
}

/* texts - title, subtitle, footer, source. */
static void texts(const cal_data *d, const rri_runrow *ri, cal_texts *h)
{
    char *t = h->t, *st = h->st, *foot = h->foot, *src = h->src;
    size_t n = sizeof h->st;
    const char *name = ri && *ri->title ? ri->title : d->scenario;
    char what[512] = "";
    size_t o;
    snprintf(t, sizeof h->t, "Calibration: the loss and the fitted settings "
                             "by iteration");
    snprintf(what, sizeof what, "%zu setting%s fitted", d->np + d->more,
             d->np + d->more == 1 ? "" : "s");
    o = strlen(what);
    if (!isnan(d->figures))
        snprintf(what + o, sizeof what - o, " to %.0f observed figure%s",
                 d->figures, d->figures == 1 ? "" : "s");
    o = strlen(what);
    if (d->years && *d->years)
        snprintf(what + o, sizeof what - o, " of %s", d->years);
    o = strlen(what);
    if (d->converged && d->n)
        snprintf(what + o, sizeof what - o, " · %s after %.0f iterations",
                 strcmp(d->converged, "yes") == 0 ? "converged"
                                                  : "stopped (--max-iter)",
                 d->it[d->n - 1]);
    snprintf(st, n, "%s · %s", name, what);
    snprintf(foot, n, "Scenario %s", d->scenario);
    o = strlen(foot);
    if (!isnan(d->eval_reps))
        snprintf(foot + o, n - o, " · %.0f replication%s per evaluation, "
                                  "common random numbers",
                 d->eval_reps, d->eval_reps == 1 ? "" : "s");
    o = strlen(foot);
    if (!isnan(d->evals))
        snprintf(foot + o, n - o, " · %.0f evaluations of the loss",
                 d->evals);
    o = strlen(foot);
    if (ri && *ri->version)
        snprintf(foot + o, n - o, " · rrsim %s", ri->version);
    rri_source_of(ri, ri ? 1 : 0, src, n);
}

/* loss_panel - the loss by iteration, left. */
static int loss_panel(FILE *g, const cal_data *d, double right,
                      const cal_texts *head, const char *note)
{
    rri_scale xs = iteration_scale(d->n ? d->it[d->n - 1] : 1);
    long last = last_point(d->loss, d->n);
    bool lg;
    int rc;
    fputs("unset label\nunset object\nunset arrow\n", g);
    heading(g, head);
    rri_gp_small_text(g, note ? note
                              : "Each point: the simplex's best after that "
                                "iteration; the red dot: where the search "
                                "stopped, the values fitted.",
                      H - 60);
    rri_gp_margins(g, 0.085, right, rri_sy(T0 + 24), FOOT / H + 0.08);
    if ((rc = loss_axis(g, d, &lg)) != RR_OK)
        return rc;
    if ((rc = rri_gp_scale(g, "x", &xs, true, false)) != RR_OK)
        return rc;
    fprintf(g, "set label ");
    rri_gp_str(g, lg ? "Loss (sum of squared relative errors; "
                       "logarithmic scale)"
                     : "Loss (sum of squared relative errors)");
    fprintf(g, " at graph 0, graph 1 left offset 0,1.1 font \"%s Bold,12\" "
               "textcolor rgb \"#222222\"\n",
            FONT);
    fprintf(g, "set xlabel ");
    rri_gp_str(g, "Iteration of the simplex");
    fprintf(g, " font \"%s,12\" textcolor rgb \"#333333\"\n", FONT);
    if (last >= 0) {
        char lab[64], num[32];
        snprintf(num, sizeof num, "%.3g", d->loss[last]);
        snprintf(lab, sizeof lab, "%s", num);
        fputs("set label ", g);
        rri_gp_str(g, lab);
        fprintf(g, " at first ");
        rri_gp_num(g, d->it[last]);
        fputs(", first ", g);
        rri_gp_num(g, d->loss[last]);
        fprintf(g, " right offset -0.8,1 font \"%s,11\" textcolor rgb "
                   "\"#222222\" front\n",
                FONT);
    }
    fputs("plot $loss using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb "
          "\"" OI_BLUE "\" notitle",
          g);
    if (last >= 0)
        fprintf(g, ", \\\n     $loss every ::%ld::%ld using 1:2 with points "
                   "pt 7 ps 1.4 lc rgb \"" OI_VERMILLION "\" notitle",
                last, last);
    fputs("\nunset xlabel\nunset logscale y\n", g);
    return RR_OK;
}

/* param_panel - setting k's value by iteration, in cell (col, row) of
 * the right-hand grid. */
static int param_panel(FILE *g, const cal_data *d, size_t k, double l,
                       double r, double top, double bottom, bool xlabels,
                       const cal_texts *head)
{
    const cal_param *p = &d->p[k];
    rri_scale xs = iteration_scale(d->n ? d->it[d->n - 1] : 1), ys;
    double lo = INFINITY, hi = -INFINITY;
    long last = last_point(p->v, d->n);
    char title[512], num[3][64];
    const char *unit = suffix_of(p->written);
    int rc;

    for (size_t i = 0; i < d->n; i++)
        if (!isnan(p->v[i])) {
            lo = fmin(lo, p->v[i]);
            hi = fmax(hi, p->v[i]);
        }
    if (!isfinite(lo))
        lo = hi = 0;
    ys = rri_nice_scale(lo, hi, 3);
    fputs("unset label\nunset object\nunset arrow\n", g);
    heading(g, head);
    rri_gp_margins(g, l / W, r / W, rri_sy(top), rri_sy(bottom));
    if ((rc = rri_gp_scale(g, "y", &ys, true, false)) != RR_OK ||
        (rc = rri_gp_scale(g, "x", &xs, xlabels, false)) != RR_OK)
        return rc;
    /* "abscond_mean: 403.5d (range 100d to 1000d)" */
    if (p->written)
        snprintf(num[0], sizeof num[0], "%s", p->written);
    else if (last >= 0)
        snprintf(num[0], sizeof num[0], "%.6g%s", p->v[last], unit);
    else
        snprintf(num[0], sizeof num[0], "n/a");
    snprintf(num[1], sizeof num[1], "%.6g%s", p->low, unit);
    snprintf(num[2], sizeof num[2], "%.6g%s", p->high, unit);
    if (!isnan(p->low) && !isnan(p->high))
        snprintf(title, sizeof title, "%s: %s (range %s to %s)", p->label,
                 num[0], num[1], num[2]);
    else
        snprintf(title, sizeof title, "%s: %s", p->label, num[0]);
    rri_text_fit(title, sizeof title, 12 * 1.1, r - l + 40);
    fputs("set label ", g);
    rri_gp_str(g, title);
    fprintf(g, " at graph 0, graph 1 left offset -3,0.9 font \"%s Bold,12\" "
               "textcolor rgb \"#222222\"\n",
            FONT);
    if (xlabels) {
        fprintf(g, "set xlabel ");
        rri_gp_str(g, "Iteration");
        fprintf(g, " font \"%s,11\" textcolor rgb \"#333333\" offset 0,0.4\n",
                FONT);
    }
    fprintf(g, "plot $p%zu using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc "
               "rgb \"" OI_ORANGE "\" notitle",
            k);
    if (last >= 0)
        fprintf(g, ", \\\n     $p%zu every ::%ld::%ld using 1:2 with points "
                   "pt 7 ps 1.2 lc rgb \"" OI_VERMILLION "\" notitle",
                k, last, last);
    fputs("\nunset xlabel\n", g);
    return RR_OK;
}

/* script - the chart's script for the data into g. */
static int script(FILE *g, const cal_data *d, const rri_runrow *ri,
                  rr_plot_format fmt, const char *out)
{
    cal_texts h;
    size_t shown = d->np < MAX_SHOWN ? d->np : MAX_SHOWN;
    size_t cols = shown > 4 ? 2 : 1, rows = (shown + cols - 1) / cols;
    double gl = 0.52 * W, gw = 0.98 * W - gl;
    double top = T0 + 30, bottom = H - FOOT - 24;
    double rh = rows ? (bottom - top) / (double)rows : 0;
    int rc = RR_OK;

    texts(d, ri, &h);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\n", g);
    if (d->n == 0) {
        heading(g, &h);
        rri_gp_nothing(g, "No iterations to draw.");
        return RR_OK;
    }
    data(g, d, shown);
    fputs("set multiplot\n", g);
    for (size_t k = 0; k < shown && rc == RR_OK; k++) {
        size_t c = k % cols, rw = k / cols;
        double cw = gw / (double)cols;
        double l = gl + (double)c * cw + 60, r = gl + (double)(c + 1) * cw - 16;
        double tp = top + (double)rw * rh + 22, b = top + (double)(rw + 1) * rh - 24;
        rc = param_panel(g, d, k, l, r, tp, b, rw + 1 == rows,
                         k == 0 ? &h : NULL);
    }
    if (rc == RR_OK) {
        if (d->more || d->np > shown) {
            char note[256];
            snprintf(note, sizeof note,
                     "The red dot: where the search stopped. Not drawn for "
                     "want of room: %zu more setting%s (calibrate.csv has "
                     "them all).",
                     d->more + d->np - shown,
                     d->more + d->np - shown == 1 ? "" : "s");
            rc = loss_panel(g, d, 0.46, NULL, note);
        } else {
            rc = loss_panel(g, d, shown ? 0.46 : 0.96, shown ? NULL : &h,
                            NULL);
        }
    }
    fputs("unset multiplot\n", g);
    return rc;
}

int rri_chart_calibrate(FILE *g, const char *results, rr_plot_format fmt,
                        const char *out, char *err, size_t errlen)
{
    void *data = NULL;
    rri_runrow ri[RRI_MAX_RUNROWS];
    size_t nri = 0;
    int rc = rri_read_calibrate(results, &data, err, errlen);
    if (rc == RR_OK)
        rc = rri_read_runrows(results, ri, &nri, err, errlen);
    if (rc == RR_OK && (rc = script(g, data, nri ? ri : NULL, fmt, out)) ==
                           RR_ENOMEM)
        oom(err, errlen);
    rri_runrows_fini(ri, nri);
    rri_calibrate_free(data);
    return rc;
}
