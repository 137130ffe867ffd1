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

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "rr_common.h"
#include "rr_points.h"
#include "rr_util.h"
#include "rr_validate.h"

/* prediction_interval - where one more replication's figure falls with
 * 95% probability, from n replications x: mean ± t(0.975, n-1) s
 * sqrt(1 + 1/n), the normal-theory interval for a new observation.  The
 * 2.5% and 97.5% quantiles of the replications themselves cover less than
 * 95% of new draws (about (n-1)/(n+1) * 95% with interpolation; their
 * widest, [min, max], covers (n-1)/(n+1)), so few replications would call
 * a figure out of range too often.  NAN for n < 2; a point when the
 * replications agree. */
static void prediction_interval(const double *x, size_t n, double *lo,
                                double *hi)
{
    double m, s, h;
    if (n < 2) {
        *lo = *hi = NAN;
        return;
    }
    m = gsl_stats_mean(x, 1, n);
    s = gsl_stats_sd_m(x, 1, n, m);
    h = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) * s *
        sqrt(1.0 + 1.0 / (double)n);
    *lo = m - h;
    *hi = m + h;
}

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
        v->year = w->year;
        v->observed = w->observed;
        v->mean = w->simulated.mean;
        v->rel_error = w->rel_error;
        prediction_interval(xs, r->reps, &v->pi_low, &v->pi_high);
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

/* ---- rolling origin ---------------------------------------------------------- */

void rr_rolling_fini(rr_rolling *r)
{
    for (size_t i = 0; i < r->n; i++)
        rr_calibration_fini(&r->o[i].cal);
    free(r->o);
    if (r->has_last)
        rr_run_result_fini(&r->last);
    if (r->last_points)
        rr_points_fini(r->last_points);
    free(r->last_points);
    rr_validate_fini(&r->v);
    memset(r, 0, sizeof *r);
    r->v.mean_abs = NAN;
}

/* observed_years - the years of the observed rows that are not inputs,
 * increasing, into ys (*n of them, at most RR_CALIB_MAX_YEARS), checked
 * against the scenario's run as rr_fit_make checks them. */
static int observed_years(const char *path, const char *const *common,
                          size_t n_common, const rr_table *t, int *ys,
                          size_t *n, char *err, size_t errlen)
{
    rr_points p;
    rr_point_error e;
    rr_run_result r;
    rr_fit f;
    int rc = rr_points_init(&p, &path, 1, common, n_common);
    *n = 0;
    if (rc == RR_OK && (rc = rr_points_load(&p, &e)) != RR_OK)
        rr_err_set(err, errlen, rc, "%s", e.msg);
    memset(&r, 0, sizeof r);
    if (rc == RR_OK) {
        r.plan = p.plans[0];
        rc = rr_layout_check(r.plan, &r.layout, err, errlen);
    }
    if (rc == RR_OK) {
        rc = rr_fit_make(t, &r, &f, err, errlen);
        rr_layout_fini(&r.layout);
    }
    rr_points_fini(&p);
    if (rc != RR_OK)
        return rc;
    for (size_t i = 0; i < f.n; i++) {
        size_t k;
        if (f.row[i].role == RR_FIT_INPUT)
            continue;
        for (k = 0; k < *n && ys[k] != f.row[i].year; k++)
            ;
        if (k == *n && *n < RR_CALIB_MAX_YEARS)
            ys[(*n)++] = f.row[i].year;
    }
    rr_fit_fini(&f);
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && ys[j - 1] > ys[j]; j--) {
            int tmp = ys[j];
            ys[j] = ys[j - 1];
            ys[j - 1] = tmp;
        }
    return RR_OK;
}

int rr_rolling_prepare(rr_rolling *r, const char *path,
                       const char *const *common, size_t n_common,
                       const rr_table *t, const char *const *params,
                       size_t n_params, int eval_reps, size_t max_iter,
                       double tol, char *err, size_t errlen)
{
    int ys[RR_CALIB_MAX_YEARS];
    size_t ny, no = 0;
    int rc;

    memset(r, 0, sizeof *r);
    r->v.mean_abs = NAN;
    if (n_params == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--rolling needs at least one --param "
                          "NAME=LOW:HIGH to fit at each origin");
    rc = observed_years(path, common, n_common, t, ys, &ny, err, errlen);
    if (rc != RR_OK)
        return rc;
    for (size_t i = 0; i + 1 < ny; i++)
        no += ys[i + 1] == ys[i] + 1;
    if (no == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "%s: no two consecutive years of observed figures "
                          "(inputs such as intake left out): no year to "
                          "predict from a fit on the years before it",
                          t->path);
    if (!(r->o = calloc(no, sizeof *r->o)))
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    for (size_t i = 0; i + 1 < ny && rc == RR_OK; i++) {
        rr_rolling_origin *o;
        char years[RR_CALIB_MAX_YEARS * 6 + 8] = "";
        if (ys[i + 1] != ys[i] + 1)
            continue;
        o = &r->o[r->n++];
        o->origin = ys[i];
        rr_calibration_init(&o->cal, path, common, n_common, t);
        for (size_t k = 0; k <= i; k++)
            snprintf(years + strlen(years), sizeof years - strlen(years),
                     "%s%d", k ? "," : "", ys[k]);
        for (size_t k = 0; k < n_params && rc == RR_OK; k++)
            rc = rr_calibration_add(&o->cal, params[k], err, errlen);
        if (rc == RR_OK)
            rc = rr_calibration_years(&o->cal, years, err, errlen);
        if (rc == RR_OK)
            rc = rr_calibration_prepare(&o->cal, eval_reps, max_iter, tol,
                                        err, errlen);
    }
    return rc;
}

/* predict - origin o's calibrated scenario run, the rows of the year
 * after o into r->v. */
static int predict(rr_rolling *r, rr_rolling_origin *o, const rr_table *t,
                   const rr_run_opts *opts, char *err, size_t errlen)
{
    const char *const *ov;
    size_t n_ov;
    const char *path = o->cal.path;
    rr_points p;
    rr_point_error e;
    rr_run_result res;
    rr_validation v;
    rr_validate_row *rows;
    int rc = rr_calibration_overrides(&o->cal, NULL, &ov, &n_ov);

    if (rc == RR_OK)
        rc = rr_points_init(&p, &path, 1, ov, n_ov);
    else
        memset(&p, 0, sizeof p);
    if (rc == RR_OK && (rc = rr_points_load(&p, &e)) == RR_OK)
        rc = rr_points_run(&p, opts, &res, &e);
    if (rc != RR_OK) {
        rr_points_fini(&p);
        return rr_err_set(err, errlen, rc, "%s",
                          rc == RR_ENOMEM || rc == RR_EINTR ? rr_strerror(rc)
                                                            : e.msg);
    }
    r->reps = res.reps;
    rc = rr_validate_make(t, &res, &v, err, errlen);
    /* the last prediction is kept (for run.csv), the others freed */
    if (r->has_last)
        rr_run_result_fini(&r->last);
    if (r->last_points)
        rr_points_fini(r->last_points);
    if (!r->last_points && !(r->last_points = malloc(sizeof p))) {
        rr_run_result_fini(&res);
        rr_points_fini(&p);
        r->has_last = false;
        if (rc == RR_OK)
            rr_validate_fini(&v);
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    }
    r->last = res;
    r->has_last = true;
    memcpy(r->last_points, &p, sizeof p);
    if (rc != RR_OK)
        return rc;
    rows = realloc(r->v.row, (r->v.n + v.n + 1) * sizeof *rows);
    if (!rows) {
        rr_validate_fini(&v);
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    }
    r->v.row = rows;
    for (size_t i = 0; i < v.n; i++) {
        rr_validate_row *w = &v.row[i];
        if (w->year != o->origin + 1)
            continue;
        w->origin = o->origin;
        rows[r->v.n++] = *w;
        w->indicator = w->note = NULL; /* moved */
    }
    rr_validate_fini(&v);
    return RR_OK;
}

int rr_rolling_run(rr_rolling *r, const rr_table *t,
                   const rr_run_opts *opts, rr_calib_progress_fn *fn,
                   void *ctx, char *err, size_t errlen)
{
    double sum = 0;
    int rc = RR_OK;
    for (size_t i = 0; i < r->n && rc == RR_OK; i++) {
        rc = rr_calibration_run(&r->o[i].cal, opts, fn, ctx, err, errlen);
        if (rc == RR_OK)
            rc = predict(r, &r->o[i], t, opts, err, errlen);
    }
    if (rc != RR_OK)
        return rc;
    r->v.reps = r->reps;
    r->v.inside = r->v.n_err = 0;
    for (size_t i = 0; i < r->v.n; i++) {
        r->v.inside += r->v.row[i].inside;
        if (!isnan(r->v.row[i].rel_error)) {
            sum += fabs(r->v.row[i].rel_error);
            r->v.n_err++;
        }
    }
    r->v.mean_abs = r->v.n_err ? sum / (double)r->v.n_err : NAN;
    return RR_OK;
}
