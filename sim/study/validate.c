/*
 * validate.c - out-of-sample checks: observed figures of the years a
 * scenario was not calibrated on against the simulated 95% prediction
 * interval (rr_validate.h).
 *
 * The year sums are rr_fit_make's: once over all replications (the mean,
 * the roles, the relative error), then once per replication on a view of
 * the run holding that replication alone, which gives each replication's
 * own yearly figure without a second way of summing years.  Cost: one fit
 * per replication, each a pass over the periods per row.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "rr_common.h"
#include "rr_util.h"
#include "rr_validate.h"

int rr_validate_check(const rr_table *t, const rr_plan *plan, char *err,
                      size_t errlen)
{
    rr_run_result r;
    rr_fit f;
    size_t n = 0;
    int rc;
    memset(&r, 0, sizeof r);
    r.plan = plan;
    if ((rc = rr_layout_check(plan, &r.layout, err, errlen)) != RR_OK)
        return rc;
    rc = rr_fit_make(t, &r, &f, err, errlen);
    rr_layout_fini(&r.layout);
    if (rc != RR_OK)
        return rc;
    for (size_t i = 0; i < f.n; i++)
        n += f.row[i].role == RR_FIT_VALIDATION;
    rr_fit_fini(&f);
    if (n == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "%s: no observed figure of a year the scenario was "
                          "not calibrated on ([scenario] calibrated_on), "
                          "other than inputs such as intake: nothing to "
                          "validate",
                          t->path);
    return RR_OK;
}

void rr_validate_fini(rr_validation *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->row[i].indicator);
        free(v->row[i].note);
    }
    free(v->row);
    memset(v, 0, sizeof *v);
    v->mean_abs = NAN;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* per_rep - each row's yearly figure in each replication: x[row * reps +
 * i], from rr_fit_make on replication i alone. */
static int per_rep(const rr_table *t, const rr_run_result *r, double *x,
                   size_t rows, char *err, size_t errlen)
{
    for (size_t i = 0; i < r->reps; i++) {
        rr_run_result one = *r;
        rr_fit f;
        int rc;
        one.reps = 1;
        one.rep = &r->rep[i];
        one.scratch = NULL;
        if ((rc = rr_fit_make(t, &one, &f, err, errlen)) != RR_OK)
            return rc;
        for (size_t k = 0; k < rows && k < f.n; k++)
            x[k * r->reps + i] = f.row[k].simulated.mean;
        rr_fit_fini(&f);
    }
    return RR_OK;
}

int rr_validate_make(const rr_table *t, const rr_run_result *r,
                     rr_validation *out, char *err, size_t errlen)
{
    rr_fit all;
    double *x = NULL, sum = 0;
    int rc;

    memset(out, 0, sizeof *out);
    out->mean_abs = NAN;
    out->reps = r->reps;
    if ((rc = rr_fit_make(t, r, &all, err, errlen)) != RR_OK)
        return rc;
    x = malloc((all.n ? all.n : 1) * (r->reps ? r->reps : 1) * sizeof *x);
    out->row = calloc(all.n ? all.n : 1, sizeof *out->row);
    if (!x || !out->row) {
        rc = rr_err_set(err, errlen, RR_ENOMEM, "%s",
                        rr_strerror(RR_ENOMEM));
        goto done;
    }
    if ((rc = per_rep(t, r, x, all.n, err, errlen)) != RR_OK)
        goto done;
    for (size_t k = 0; k < all.n; k++) {
        const rr_fit_row *w = &all.row[k];
        rr_validate_row *v = &out->row[out->n];
        double *xs = x + k * r->reps;
        if (w->role != RR_FIT_VALIDATION)
            continue;
        gsl_sort(xs, 1, r->reps);
        v->year = w->year;
        v->observed = w->observed;
        v->mean = w->simulated.mean;
        v->rel_error = w->rel_error;
        v->pi_low = r->reps ? gsl_stats_quantile_from_sorted_data(
                                  xs, 1, r->reps, 0.025)
                            : NAN;
        v->pi_high = r->reps ? gsl_stats_quantile_from_sorted_data(
                                   xs, 1, r->reps, 0.975)
                             : NAN;
        v->inside = v->observed >= v->pi_low && v->observed <= v->pi_high;
        v->indicator = dup(w->indicator);
        v->note = dup(w->note);
        out->n++;
        if (!v->indicator || !v->note) {
            rc = rr_err_set(err, errlen, RR_ENOMEM, "%s",
                            rr_strerror(RR_ENOMEM));
            goto done;
        }
        out->inside += v->inside;
        if (!isnan(v->rel_error)) {
            sum += fabs(v->rel_error);
            out->n_err++;
        }
    }
    out->mean_abs = out->n_err ? sum / (double)out->n_err : NAN;
done:
    free(x);
    rr_fit_fini(&all);
    if (rc != RR_OK)
        rr_validate_fini(out);
    return rc;
}
