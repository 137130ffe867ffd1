/*
 * validate_csv.c - the files of an out-of-sample check (docs/outputs.md):
 * validate.csv and run.csv, and the table on the terminal.  The study
 * layer computes (rr_validate.h); this writes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "rr_output.h"
#include "rr_results.h"
#include "rr_validate.h"

#define PATH_LEN 4096

/* write_validate - validate.csv; with a column `origin` after `year` for
 * a rolling origin. */
static int write_validate(const char *path, const rr_validation *v,
                          const char *scenario, bool rolling, char *err,
                          size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fprintf(f, "scenario,year,%sindicator,observed,simulated_mean,pi95_low,"
               "pi95_high,inside,relative_error,replications,note\n",
            rolling ? "origin," : "");
    for (size_t i = 0; i < v->n; i++) {
        const rr_validate_row *w = &v->row[i];
        const double num[] = {w->observed, w->mean, w->pi_low, w->pi_high};
        rr_csv_field(f, scenario);
        fprintf(f, ",%d,", w->year);
        if (rolling)
            fprintf(f, "%d,", w->origin);
        rr_csv_field(f, w->indicator);
        for (size_t k = 0; k < RR_COUNTOF(num); k++) {
            fputc(',', f);
            rr_csv_number(f, num[k]);
        }
        fprintf(f, ",%s,", w->inside ? "yes" : "no");
        rr_csv_number(f, w->rel_error);
        fprintf(f, ",%zu,", v->reps);
        rr_csv_field(f, w->note);
        fputc('\n', f);
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_results_write_validate(rr_results *t, const rr_validation *v,
                              const rr_run_result *r, char *err,
                              size_t errlen)
{
    char path[PATH_LEN];
    int rc = write_validate(
        rr_outdir_path(&t->dir, "validate.csv", path, sizeof path), v,
        r->plan->cfg[0]->name, false, err, errlen);
    if (rc == RR_OK)
        rc = rr_write_run_info(
            rr_outdir_path(&t->dir, "run.csv", path, sizeof path), r, 1,
            NULL, RR_VERSION, r->plan->cfg[0]->seed, err, errlen);
    return rc;
}

/* print_rows - the rows and what they add up to. */
static void print_rows(FILE *out, const rr_validation *v)
{
    fprintf(out, "%-5s %-26s %9s %9s %21s %7s %8s\n", "year", "indicator",
            "observed", "simulated", "95% prediction", "inside", "error");
    for (size_t i = 0; i < v->n; i++) {
        const rr_validate_row *w = &v->row[i];
        char pi[48], e[16];
        snprintf(pi, sizeof pi, "[%.0f, %.0f]", w->pi_low, w->pi_high);
        if (isnan(w->rel_error))
            snprintf(e, sizeof e, "n/a");
        else
            snprintf(e, sizeof e, "%+.1f%%", 100 * w->rel_error);
        fprintf(out, "%-5d %-26s %9.0f %9.0f %21s %7s %8s\n", w->year,
                w->indicator, w->observed, w->mean, pi,
                w->inside ? "yes" : "NO", e);
    }
    fprintf(out, "\n%zu of %zu observed figure%s inside the interval",
            v->inside, v->n, v->n == 1 ? "" : "s");
    if (v->n_err)
        fprintf(out, "; mean absolute relative error %.1f%%",
                100 * v->mean_abs);
    fputc('\n', out);
    /* a normal-theory interval for one more draw: 95% whatever n */
    if (v->reps >= 2)
        fprintf(out, "(when the model is right, a figure falls inside with "
                     "probability 95%%: the interval is\nwhere one more "
                     "replication's yearly figure would fall,\nfrom the "
                     "spread of %zu replications)\n",
                v->reps);
}

void rr_print_validate(FILE *out, const rr_validation *v,
                       const rr_run_result *r)
{
    fprintf(out, "%s: observed figures of the years it was not calibrated "
                 "on, against the\nsimulated 95%% prediction interval "
                 "(from %zu replications)\n\n",
            r->plan->cfg[0]->name, v->reps);
    print_rows(out, v);
}

/* ---- rolling origin ------------------------------------------------------------ */

static int write_fits(const char *path, const rr_rolling *ro, char *err,
                      size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("scenario,origin,years,parameter,low,high,start,fitted,written,"
          "loss,iterations,evaluations,converged,eval_replications\n",
          f);
    for (size_t i = 0; i < ro->n; i++) {
        const rr_calibration *c = &ro->o[i].cal;
        char years[RR_CALIB_MAX_YEARS * 6 + 8], text[128];
        rr_calibration_years_text(c, years, sizeof years);
        for (size_t k = 0; k < c->n; k++) {
            const rr_calib_param *p = &c->param[k];
            const double num[] = {p->low, p->high, p->start, p->fitted};
            rr_csv_field(f, c->base_name);
            fprintf(f, ",%d,", ro->o[i].origin);
            rr_csv_field(f, years);
            fputc(',', f);
            rr_csv_field(f, p->key);
            for (size_t j = 0; j < RR_COUNTOF(num); j++) {
                fputc(',', f);
                rr_csv_number(f, num[j]);
            }
            rr_calibration_value_text(p, p->fitted, text, sizeof text);
            fputc(',', f);
            rr_csv_field(f, text);
            fputc(',', f);
            rr_csv_number(f, c->loss);
            fprintf(f, ",%zu,%zu,%s,%d\n",
                    c->n_iter ? c->iter[c->n_iter - 1].iteration : 0,
                    c->evaluations, c->converged ? "yes" : "no",
                    c->eval_reps);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_results_write_rolling(rr_results *t, const rr_rolling *ro,
                             char *err, size_t errlen)
{
    char path[PATH_LEN];
    const char *name = ro->n ? ro->o[0].cal.base_name : "";
    int rc = write_validate(
        rr_outdir_path(&t->dir, "validate.csv", path, sizeof path), &ro->v,
        name, true, err, errlen);
    if (rc == RR_OK)
        rc = write_fits(
            rr_outdir_path(&t->dir, "rolling_fits.csv", path, sizeof path),
            ro, err, errlen);
    if (rc == RR_OK && ro->has_last)
        rc = rr_write_run_info(
            rr_outdir_path(&t->dir, "run.csv", path, sizeof path),
            &ro->last, 1, NULL, RR_VERSION, ro->last.plan->cfg[0]->seed, err,
            errlen);
    return rc;
}

void rr_print_rolling(FILE *out, const rr_rolling *ro)
{
    fprintf(out, "%s, rolling origin: each year predicted by the settings "
                 "fitted on the\nobserved years before it, against the "
                 "simulated 95%% prediction interval\n(from %zu "
                 "replications)\n\n",
            ro->n ? ro->o[0].cal.base_name : "", ro->reps);
    for (size_t i = 0; i < ro->n; i++) {
        const rr_calibration *c = &ro->o[i].cal;
        char years[RR_CALIB_MAX_YEARS * 6 + 8];
        rr_calibration_years_text(c, years, sizeof years);
        fprintf(out, "fitted on %s:", years);
        for (size_t k = 0; k < c->n; k++) {
            char v[96];
            rr_calibration_value_text(&c->param[k], c->param[k].fitted, v,
                                      sizeof v);
            fprintf(out, "%s %s %s", k ? "," : "", c->param[k].key, v);
        }
        fprintf(out, " (loss %.4g%s)\n", c->loss,
                c->converged ? "" : ", stopped at --max-iter");
    }
    fputc('\n', out);
    print_rows(out, &ro->v);
}
