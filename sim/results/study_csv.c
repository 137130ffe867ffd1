/*
 * study_csv.c - the files and terminal tables of the studies: sweep.csv
 * and fit.csv (docs/outputs.md) and their tables for a terminal; a
 * comparison's are compare_csv.c's.  The study layer computes (rr_sweep.h,
 * rr_fit.h); this writes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_compare.h"
#include "rr_fit.h"
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_sweep.h"

/* ---- sweep ------------------------------------------------------------------ */

int rr_write_sweep(const char *path, const rr_design *d,
                   const rr_run_result *r, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("scenario,point", f);
    for (size_t i = 0; i < d->n_vary; i++) {
        fputc(',', f);
        rr_csv_field(f, d->vary[i].key);
    }
    fputs(",indicator,unit,mean,sd,ci95_low,ci95_high,replications\n", f);
    for (size_t p = 0; p < d->n_points; p++) {
        const rr_run_result *x = &r[p];
        for (size_t k = 0; k < x->layout.n_kpis; k++) {
            rr_csv_field(f, x->plan->cfg[0]->name);
            fprintf(f, ",%zu", p + 1);
            for (size_t i = 0; i < d->n_vary; i++) {
                fputc(',', f);
                rr_csv_field(f, d->vary[i].values[d->index[p * d->n_vary + i]]);
            }
            fputc(',', f);
            rr_csv_field(f, x->layout.kpi[k]);
            fputc(',', f);
            rr_csv_field(f, x->layout.kpi_unit[k]);
            rr_csv_ci(f, rr_run_kpi_ci(x, k));
            fputc('\n', f);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_sweep_chart(const char *path, const rr_design *d, char *err,
                         size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    char label[256];
    if (!f)
        return RR_EIO;
    fputs("role,name,label,unit\n", f);
    for (size_t i = 0; i < d->n_vary; i++) {
        const rr_vary *v = &d->vary[i];
        if (v->label)
            snprintf(label, sizeof label, "%s", v->label);
        else
            rr_design_label(v->key, label, sizeof label);
        fputs("setting,", f);
        rr_csv_field(f, v->key);
        fputc(',', f);
        rr_csv_field(f, label);
        fputs(v->share ? ",share\n" : ",NA\n", f);
    }
    for (size_t k = 0; k < d->n_ind; k++) {
        const rr_indicator *ind =
            rr_indicator_find_in(d->ind[k], RR_IND_KPI, NULL);
        rr_sweep_indicator_label(d->ind[k], label, sizeof label);
        fputs("indicator,", f);
        rr_csv_field(f, d->ind[k]);
        fputc(',', f);
        rr_csv_field(f, label);
        fputc(',', f);
        rr_csv_field(f, ind ? rr_indicator_unit_name(ind->unit) : "NA");
        fputc('\n', f);
    }
    /* a space-filling design: its points are drawn as a scatter */
    if (d->sampled && d->kind)
        fprintf(f, "design,%s,%s,NA\n", d->kind,
                strcmp(d->kind, "sobol") == 0 ? "Sobol points"
                                              : "Latin hypercube");
    return rr_out_close(f, path, err, errlen);
}

/* ---- the sweep's table ------------------------------------------------------ */

#define SW_LINES 3   /* lines of a column's heading */
#define SW_MIN 12    /* columns of an indicator's at least */
#define SW_MAX 22    /* and of a heading at most */

/* cols - the columns a UTF-8 text takes on a terminal (one per
 * character). */
static size_t cols(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* put_cell - s in w columns, right-aligned or left, after a space. */
static void put_cell(FILE *f, const char *s, size_t w, bool right)
{
    size_t c = cols(s), pad = c < w ? w - c : 0;
    fprintf(f, " %*s%s%*s", right ? (int)pad : 0, "", s,
            right ? 0 : (int)pad, "");
}

/* wrap - text in at most SW_LINES lines of at most w columns, broken at
 * spaces (a longer word is cut); the last line ends in "…" when the text
 * goes on.  Returns the widest line's columns. */
static size_t wrap(const char *text, size_t w, char line[SW_LINES][128])
{
    size_t widest = 0;
    const char *p = text;
    for (int l = 0; l < SW_LINES; l++) {
        size_t o = 0, c = 0;
        line[l][0] = '\0';
        while (*p == ' ')
            p++;
        while (*p) {
            size_t wl = strcspn(p, " "), wc;
            char word[128];
            snprintf(word, sizeof word, "%.*s", (int)(wl < 127 ? wl : 127), p);
            wc = cols(word);
            if (c && c + 1 + wc > w)
                break;
            if (!c && wc > w) { /* cut a word longer than the column */
                size_t b = 0, k = 0;
                while (word[b] && k < w - 1) {
                    b++;
                    while (((unsigned char)word[b] & 0xC0) == 0x80)
                        b++;
                    k++;
                }
                snprintf(line[l], 128, "%.*s…", (int)b, word);
                c = w;
                p += strcspn(p, " ");
                break;
            }
            o += (size_t)snprintf(line[l] + o, 128 - o, "%s%s", c ? " " : "",
                                  word);
            c += (c ? 1 : 0) + wc;
            p += wl;
            while (*p == ' ')
                p++;
        }
        if (l == SW_LINES - 1 && *p) {
            while (c + 1 > w && o > 0) { /* room for the "…" */
                do
                    o--;
                while (o > 0 && ((unsigned char)line[l][o] & 0xC0) == 0x80);
                line[l][o] = '\0';
                c--;
            }
            snprintf(line[l] + o, 128 - o, "…");
            c++;
        }
        widest = c > widest ? c : widest;
    }
    return widest;
}

/* thousands - x with dec decimals and thousands separators. */
static void thousands(double x, int dec, char *buf, size_t n)
{
    char t[64], *p = t;
    size_t ip, o = 0, len;
    snprintf(t, sizeof t, "%.*f", dec, x);
    if (*p == '-' && o + 1 < n)
        buf[o++] = *p++;
    len = strlen(p);
    ip = strcspn(p, ".");
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && i < ip && (ip - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = p[i];
    }
    buf[o] = '\0';
}

/* ci_cell - "26,404 ±744", a share "57.4% ±0.6" (in percentage points),
 * "n/a" without a value; the half-width with the mean's decimals. */
static void ci_cell(rr_ci ci, bool share, char *buf, size_t n)
{
    double m = share ? 100 * ci.mean : ci.mean;
    double h = share ? 100 * ci.half : ci.half;
    int dec = fabs(m) >= 100 ? 0 : 1;
    char a[48], b[48];
    if (isnan(m)) {
        snprintf(buf, n, "n/a");
        return;
    }
    thousands(m, dec, a, sizeof a);
    if (isnan(h)) {
        snprintf(buf, n, "%s%s", a, share ? "%" : "");
        return;
    }
    thousands(h, dec, b, sizeof b);
    snprintf(buf, n, "%s%s ±%s", a, share ? "%" : "", b);
}

/* A column of the table: its heading's lines and its width. */
typedef struct sw_col {
    char line[SW_LINES][128];
    size_t w;
    bool share;
} sw_col;

void rr_print_sweep(FILE *f, const rr_design *d, const rr_run_result *r)
{
    size_t nc = d->n_vary + d->n_ind, nl = 1;
    sw_col *c = calloc(nc ? nc : 1, sizeof *c);
    char words[256], cell[128];
    if (!c)
        return;
    /* headings: a setting's label, an indicator's; as wide as the widest
     * value or the heading, wrapped */
    for (size_t i = 0; i < nc; i++) {
        sw_col *k = &c[i];
        size_t widest = 0;
        if (i < d->n_vary) {
            const rr_vary *v = &d->vary[i];
            if (v->label)
                snprintf(words, sizeof words, "%s", v->label);
            else
                rr_design_label(v->key, words, sizeof words);
            for (size_t j = 0; j < v->n; j++) {
                size_t w = cols(rr_design_value_text(v->values[j], v->share,
                                                     cell, sizeof cell));
                widest = w > widest ? w : widest;
            }
        } else {
            const char *name = d->ind[i - d->n_vary];
            const rr_indicator *ind =
                rr_indicator_find_in(name, RR_IND_KPI, NULL);
            k->share = ind && ind->unit == RR_UNIT_SHARE;
            rr_sweep_indicator_label(name, words, sizeof words);
            widest = SW_MIN;
            for (size_t p = 0; p < d->n_points; p++) {
                long ki = rr_run_kpi_find(&r[p], name);
                ci_cell(ki < 0 ? (rr_ci){.mean = NAN, .half = NAN}
                               : rr_run_kpi_ci(&r[p], (size_t)ki),
                        k->share, cell, sizeof cell);
                widest = cols(cell) > widest ? cols(cell) : widest;
            }
        }
        k->w = widest > SW_MAX ? widest : SW_MAX;
        k->w = wrap(words, k->w, k->line);
        k->w = k->w > widest ? k->w : widest;
        for (size_t l = 1; l < SW_LINES; l++)
            if (k->line[l][0] && l + 1 > nl)
                nl = l + 1;
    }
    for (size_t l = 0; l < nl; l++) {
        fprintf(f, "%-5s", l ? "" : "point");
        for (size_t i = 0; i < nc; i++)
            put_cell(f, c[i].line[l], c[i].w, i >= d->n_vary);
        fputc('\n', f);
    }
    for (size_t p = 0; p < d->n_points; p++) {
        fprintf(f, "%-5zu", p + 1);
        for (size_t i = 0; i < d->n_vary; i++) {
            const rr_vary *v = &d->vary[i];
            put_cell(f,
                     rr_design_value_text(
                         v->values[d->index[p * d->n_vary + i]], v->share,
                         cell, sizeof cell),
                     c[i].w, false);
        }
        for (size_t k = 0; k < d->n_ind; k++) {
            long ki = rr_run_kpi_find(&r[p], d->ind[k]);
            ci_cell(ki < 0 ? (rr_ci){.mean = NAN, .half = NAN}
                           : rr_run_kpi_ci(&r[p], (size_t)ki),
                    c[d->n_vary + k].share, cell, sizeof cell);
            put_cell(f, cell, c[d->n_vary + k].w, true);
        }
        fputc('\n', f);
    }
    free(c);
}

/* ---- fit ------------------------------------------------------------------- */

static void csv_date(FILE *o, rr_date d)
{
    char buf[16];
    rr_date_format(d, buf, sizeof buf);
    fputs(buf, o);
}

int rr_write_fit(const char *path, const rr_fit *f, const rr_run_result *r,
                 char *err, size_t errlen)
{
    FILE *o = rr_out_open(path, "w", err, errlen);
    if (!o)
        return RR_EIO;
    fputs("scenario,year,role,indicator,period_start,period_end,observed,"
          "simulated_mean,ci95_low,ci95_high,relative_error,replications,"
          "note\n",
          o);
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        rr_csv_field(o, r->plan->cfg[0]->name);
        fprintf(o, ",%d,%s,", w->year, rr_fit_role_name(w->role));
        rr_csv_field(o, w->indicator);
        fputc(',', o);
        csv_date(o, w->first);
        fputc(',', o);
        csv_date(o, w->last);
        fputc(',', o);
        rr_csv_number(o, w->observed);
        fputc(',', o);
        rr_csv_number(o, w->simulated.mean);
        fputc(',', o);
        rr_csv_number(o, w->simulated.low);
        fputc(',', o);
        rr_csv_number(o, w->simulated.high);
        fputc(',', o);
        rr_csv_number(o, w->rel_error);
        fprintf(o, ",%zu,", w->simulated.n);
        rr_csv_field(o, w->note);
        fputc('\n', o);
    }
    return rr_out_close(o, path, err, errlen);
}

/* role_years - the years of the rows of a role, in increasing order, as
 * "2019, 2022" (cut with "..." when long); "" when none. */
static void role_years(const rr_fit *f, rr_fit_role role, char *buf,
                       size_t len)
{
    int last = 0;
    buf[0] = '\0';
    for (;;) {
        int next = 0; /* the least year above last */
        size_t o = strlen(buf);
        for (size_t i = 0; i < f->n; i++)
            if (f->row[i].role == role && f->row[i].year > last &&
                (next == 0 || f->row[i].year < next))
                next = f->row[i].year;
        if (next == 0)
            break;
        if (o + 12 >= len) {
            snprintf(buf + o, len - o, ", ...");
            break;
        }
        snprintf(buf + o, len - o, "%s%d", o ? ", " : "", next);
        last = next;
    }
}

void rr_print_fit(FILE *out, const rr_fit *f, const rr_run_result *r)
{
    const rr_config *c = r->plan->cfg[0];
    bool any_input = false;
    fprintf(out, "%s against observed figures, %zu replications\n\n",
            c->name, r->reps);
    fprintf(out, "%-5s %-12s %-28s %10s %10s %21s %9s\n", "year", "role",
            "indicator", "observed", "simulated", "95% CI", "error");
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        char ci[48], e[16];
        snprintf(ci, sizeof ci, "[%.0f, %.0f]", w->simulated.low,
                 w->simulated.high);
        /* an input is not fitted: its error is no measure of the fit */
        if (w->role == RR_FIT_INPUT)
            snprintf(e, sizeof e, "input");
        else if (isnan(w->rel_error))
            snprintf(e, sizeof e, "n/a");
        else
            snprintf(e, sizeof e, "%+.1f%%", 100 * w->rel_error);
        any_input = any_input || w->role == RR_FIT_INPUT;
        fprintf(out, "%-5d %-12s %-28s %10.0f %10.0f %21s %9s\n", w->year,
                rr_fit_role_name(w->role), w->indicator, w->observed,
                w->simulated.mean, ci, e);
    }
    if (f->n == 0)
        return;
    fprintf(out, "\nmean absolute relative error%s:\n",
            any_input ? " (inputs not counted)" : "");
    for (int k = RR_FIT_CALIBRATION; k <= RR_FIT_VALIDATION; k++) {
        const rr_fit_error *e = &f->error[k];
        char years[128];
        role_years(f, (rr_fit_role)k, years, sizeof years);
        fprintf(out, "  %-11s ", rr_fit_role_name((rr_fit_role)k));
        if (e->n)
            fprintf(out, "%6.1f%% over %zu figure%s (%s)\n",
                    100 * e->mean_abs, e->n, e->n == 1 ? "" : "s", years);
        else if (*years)
            fprintf(out, "   n/a (%s: no observed figure other than 0)\n",
                    years);
        else if (k == RR_FIT_CALIBRATION && c->n_calibrated == 0)
            fprintf(out, "   none: the scenario names no calibration "
                         "years ([scenario] calibrated_on)\n");
        else
            fprintf(out, "   none among the observed years\n");
    }
}
