/*
 * sensitivity.c - the Sobol indices of a scenario's indicators over its
 * uncertain inputs (see rr_sensitivity.h): the design, the evaluations in
 * batches through rr_points / rr_run_many, the estimators of sobol.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_design.h"
#include "rr_sensitivity.h"
#include "rr_util.h"

static int oom(char *err, size_t errlen)
{
    return rr_err_set(err, errlen, RR_ENOMEM, "%s", rr_strerror(RR_ENOMEM));
}

void rr_sensitivity_fini(rr_sensitivity *s)
{
    free(s->u);
    rr_design_fini(&s->d);
    free(s->y);
    if (s->unit)
        for (size_t i = 0; i < RR_SWEEP_MAX_IND; i++)
            free(s->unit[i]);
    free(s->unit);
    free(s->res);
    free(s->idx);
    memset(s, 0, sizeof *s);
}

int rr_sensitivity_init(rr_sensitivity *s, const rr_sens_input *in,
                        size_t k, size_t n, uint64_t seed, char *err,
                        size_t errlen)
{
    double *base = NULL;
    rr_vary *vary = NULL;
    size_t rows = rr_saltelli_rows(k);
    int rc = RR_OK;

    memset(s, 0, sizeof *s);
    s->k = k;
    s->in = in;
    s->n = n;
    s->seed = seed;
    if (k == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "no uncertain parameters to study");
    if (k > RR_SENS_MAX_INPUTS)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "%zu uncertain parameters, at most %d", k,
                          RR_SENS_MAX_INPUTS);
    if (n < 2 || n > RR_SENS_MAX_EVAL / rows)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "--samples %zu: expected 2 to %zu base samples "
                          "for %zu parameters (each costs %zu runs)",
                          n, (size_t)RR_SENS_MAX_EVAL / rows, k, rows);
    s->n_eval = n * rows;
    base = malloc(n * 2 * k * sizeof *base);
    s->u = malloc(s->n_eval * k * sizeof *s->u);
    vary = calloc(k, sizeof *vary);
    if (!base || !s->u || !vary) {
        free(base);
        free(vary);
        return oom(err, errlen);
    }
    /* the base: Sobol points in 2k dimensions, digitally shifted from
     * the seed (rr_design.h) */
    if ((rc = rr_design_sobol(n, 2 * k, seed, base, err, errlen)) !=
        RR_OK) {
        free(base);
        free(vary);
        return rc;
    }
    rr_saltelli_points(base, n, k, s->u);
    free(base);
    for (size_t i = 0; i < k && rc == RR_OK; i++) {
        rr_vary *v = &vary[i];
        if (!(v->key = strdup(in[i].key)) ||
            !(v->values = calloc(s->n_eval, sizeof *v->values))) {
            rc = RR_ENOMEM;
            break;
        }
        for (size_t p = 0; p < s->n_eval; p++) {
            char buf[64];
            in[i].value(in[i].ctx, s->u[p * k + i], buf, sizeof buf);
            if (!(v->values[p] = strdup(buf))) {
                rc = RR_ENOMEM;
                break;
            }
            v->n = p + 1;
        }
    }
    if (rc != RR_OK) {
        for (size_t i = 0; i < k; i++)
            rr_vary_fini(&vary[i]);
        free(vary);
        return oom(err, errlen);
    }
    /* rr_design_sampled takes the vary array, whatever it returns */
    for (size_t i = 0; i < k; i++)
        vary[i].n = s->n_eval;
    return rr_design_sampled(vary, k, s->n_eval, &s->d, err, errlen);
}

/* view - points [from, from + m) of the design, sharing its values. */
static rr_design view(const rr_design *d, size_t from, size_t m)
{
    rr_design v = *d;
    v.index = d->index + from * d->n_vary;
    v.n_points = m;
    return v;
}

int rr_sensitivity_check(rr_sensitivity *s, const char *path,
                         const char *const *common, size_t n_common,
                         const char *list, rr_point_error *e)
{
    rr_design v = view(&s->d, 0, rr_saltelli_rows(s->k));
    rr_points p;
    int rc = rr_points_design(&p, &v, path, common, n_common);
    memset(e, 0, sizeof *e);
    e->point = RR_NO_POINT;
    if (rc != RR_OK) {
        e->rc = rc;
        snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(rc));
    } else if ((rc = rr_points_load(&p, e)) == RR_OK) {
        if ((rc = rr_design_describe(&s->d, p.sc[0])) == RR_OK)
            rc = rr_design_indicators(&s->d, list, p.plans[0], e->msg,
                                      sizeof e->msg);
        else
            snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(rc));
        e->rc = rc;
        e->path = path;
        if (rc == RR_OK)
            s->reps = (size_t)p.plans[0]->cfg[0]->replications;
    }
    rr_points_fini(&p);
    return rc;
}

/* Progress over all evaluations, from each batch's. */
typedef struct progress_wrap {
    rr_progress_fn *fn;
    void *ctx;
    size_t offset, total;
} progress_wrap;

static void on_batch_progress(void *ctx, size_t done, size_t total)
{
    progress_wrap *w = ctx;
    RR_UNUSED(total);
    w->fn(w->ctx, w->offset + done, w->total);
}

/* kpi_of - the index of KPI name in the layout, or -1. */
static long kpi_of(const rr_layout *l, const char *name)
{
    for (size_t i = 0; i < l->n_kpis; i++)
        if (strcmp(l->kpi[i], name) == 0)
            return (long)i;
    return -1;
}

/* collect - the indicators' means of the m results of a batch from
 * evaluation `from` into s->y (NAN where no replication has a value). */
static int collect(rr_sensitivity *s, const rr_run_result *res, size_t from,
                   size_t m)
{
    size_t ni = s->d.n_ind;
    for (size_t j = 0; j < ni; j++) {
        long kk = kpi_of(&res[0].layout, s->d.ind[j]);
        if (!s->unit[j] && kk >= 0 &&
            !(s->unit[j] = strdup(res[0].layout.kpi_unit[kk])))
            return RR_ENOMEM;
        for (size_t i = 0; i < m; i++) {
            double sum = 0;
            size_t cnt = 0;
            for (size_t r = 0; kk >= 0 && r < res[i].reps; r++) {
                double x = res[i].rep[r].kpi[kk];
                if (isfinite(x)) {
                    sum += x;
                    cnt++;
                }
            }
            s->y[(from + i) * ni + j] = cnt ? sum / (double)cnt : NAN;
        }
    }
    return RR_OK;
}

int rr_sensitivity_run(rr_sensitivity *s, const char *path,
                       const char *const *common, size_t n_common,
                       const rr_run_opts *opts, rr_point_error *e)
{
    progress_wrap w = {opts->progress, opts->progress_ctx, 0, 0};
    int rc = RR_OK;

    memset(e, 0, sizeof *e);
    e->point = RR_NO_POINT;
    free(s->y);
    s->y = malloc(s->n_eval * (s->d.n_ind ? s->d.n_ind : 1) * sizeof *s->y);
    if (!s->unit)
        s->unit = calloc(RR_SWEEP_MAX_IND, sizeof *s->unit);
    if (!s->y || !s->unit) {
        e->rc = RR_ENOMEM;
        snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    s->events = 0;
    for (size_t from = 0; from < s->n_eval && rc == RR_OK;
         from += RR_SENS_BATCH) {
        size_t m = s->n_eval - from < RR_SENS_BATCH ? s->n_eval - from
                                                     : RR_SENS_BATCH;
        rr_design v = view(&s->d, from, m);
        rr_run_opts o = *opts;
        rr_run_result *res = calloc(m, sizeof *res);
        rr_points p;

        if (!res || rr_points_design(&p, &v, path, common, n_common) !=
                        RR_OK) {
            if (res)
                rr_points_fini(&p);
            free(res);
            e->rc = rc = RR_ENOMEM;
            snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(rc));
            break;
        }
        if ((rc = rr_points_load(&p, e)) == RR_OK) {
            s->reps = (size_t)p.plans[0]->cfg[0]->replications;
            o.precision = NULL;
            if (opts->shards > 0) {
                /* the shard's slice is of the study's items */
                o.slice_total = (uint64_t)s->n_eval * s->reps;
                o.slice_offset = (uint64_t)from * s->reps;
            }
            if (opts->progress) {
                w.offset = from * s->reps;
                w.total = s->n_eval * s->reps;
                o.progress = on_batch_progress;
                o.progress_ctx = &w;
            }
            rc = rr_points_run(&p, &o, res, e);
        }
        if (rc != RR_OK && e->point != RR_NO_POINT)
            e->point += from;
        if (rc == RR_OK && s->on_batch &&
            (rc = s->on_batch(s->batch_ctx, p.plans, m, res,
                              (uint64_t)from * s->reps,
                              (uint64_t)s->n_eval * s->reps)) != RR_OK) {
            e->rc = rc; /* its message is printed */
            for (size_t i = 0; i < m; i++)
                rr_run_result_fini(&res[i]);
        }
        if (rc == RR_OK) {
            rc = collect(s, res, from, m);
            for (size_t i = 0; i < m; i++) {
                s->events += res[i].events;
                rr_run_result_fini(&res[i]);
            }
            if (rc != RR_OK) {
                e->rc = rc;
                snprintf(e->msg, sizeof e->msg, "%s", rr_strerror(rc));
            }
        }
        free(res);
        rr_points_fini(&p);
    }
    return rc;
}

int rr_sensitivity_analyse(rr_sensitivity *s, size_t n_boot)
{
    size_t ni = s->d.n_ind, k = s->k;
    double *col = malloc(s->n_eval * sizeof *col);
    int rc = RR_OK;

    free(s->res);
    free(s->idx);
    s->res = calloc(ni ? ni : 1, sizeof *s->res);
    s->idx = calloc((ni ? ni : 1) * k, sizeof *s->idx);
    s->n_boot = n_boot;
    if (!col || !s->res || !s->idx) {
        free(col);
        return RR_ENOMEM;
    }
    for (size_t j = 0; j < ni && rc == RR_OK; j++) {
        for (size_t p = 0; p < s->n_eval; p++)
            col[p] = s->y[p * ni + j];
        s->res[j].ind = s->idx + j * k;
        /* a bootstrap stream per indicator: the same whatever the others */
        rc = rr_sobol_indices(col, s->n, k, n_boot,
                              s->seed * UINT64_C(1000003) + j + 1,
                              &s->res[j]);
    }
    free(col);
    return rc;
}
