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

/* ---- tables -------------------------------------------------------------------- */

/* is_share - whether the KPI called name is a share (the registry's unit). */
static bool is_share(const char *name)
{
    const rr_indicator *ind = rr_indicator_find_in(name, RR_IND_KPI, NULL);
    return ind && ind->unit == RR_UNIT_SHARE;
}

void rr_print_sweep(FILE *f, const rr_design *d, const rr_run_result *r,
                    const char *const *kpis, size_t n_kpis)
{
    fprintf(f, "%-6s", "point");
    for (size_t i = 0; i < d->n_vary; i++)
        fprintf(f, " %-18s", d->vary[i].key);
    for (size_t k = 0; k < n_kpis; k++)
        fprintf(f, " %24s", kpis[k]);
    fputc('\n', f);
    for (size_t p = 0; p < d->n_points; p++) {
        fprintf(f, "%-6zu", p + 1);
        for (size_t i = 0; i < d->n_vary; i++)
            fprintf(f, " %-18s",
                    d->vary[i].values[d->index[p * d->n_vary + i]]);
        for (size_t k = 0; k < n_kpis; k++) {
            long ki = rr_run_kpi_find(&r[p], kpis[k]);
            rr_ci ci;
            char cell[64];
            if (ki < 0) {
                fprintf(f, " %24s", "n/a");
                continue;
            }
            ci = rr_run_kpi_ci(&r[p], (size_t)ki);
            if (is_share(kpis[k]))
                snprintf(cell, sizeof cell, "%.3f ±%.3f", ci.mean, ci.half);
            else
                snprintf(cell, sizeof cell, "%.1f ±%.1f", ci.mean, ci.half);
            fprintf(f, " %25s", cell); /* the ± takes two bytes */
        }
        fputc('\n', f);
    }
}

/* ---- fit ------------------------------------------------------------------- */

int rr_write_fit(const char *path, const rr_fit *f, const rr_run_result *r,
                 char *err, size_t errlen)
{
    FILE *o = rr_out_open(path, "w", err, errlen);
    if (!o)
        return RR_EIO;
    fputs("scenario,year,indicator,observed,simulated_mean,ci95_low,"
          "ci95_high,relative_error,replications,note\n",
          o);
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        rr_csv_field(o, r->plan->cfg[0]->name);
        fprintf(o, ",%d,", w->year);
        rr_csv_field(o, w->indicator);
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

void rr_print_fit(FILE *out, const rr_fit *f, const rr_run_result *r)
{
    fprintf(out, "%s against observed figures, %zu replications\n\n",
            r->plan->cfg[0]->name, r->reps);
    fprintf(out, "%-5s %-28s %10s %10s %21s %9s\n", "year", "indicator",
            "observed", "simulated", "95% CI", "error");
    for (size_t i = 0; i < f->n; i++) {
        const rr_fit_row *w = &f->row[i];
        char ci[48];
        snprintf(ci, sizeof ci, "[%.0f, %.0f]", w->simulated.low,
                 w->simulated.high);
        fprintf(out, "%-5d %-28s %10.0f %10.0f %21s %+8.1f%%\n", w->year,
                w->indicator, w->observed, w->simulated.mean, ci,
                100 * w->rel_error);
    }
}
