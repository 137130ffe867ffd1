/*
 * uncertainty.c - a scenario over its assumption ranges (rr_uncertainty.h):
 * the design, the samples as design points with overrides, one run of all
 * (sample, replication) items, and the summaries over samples.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

#include "rr_common.h"
#include "rr_uncertainty.h"
#include "rr_util.h"

const double rr_unc_q[RR_UNC_NQ] = {0.05, 0.25, 0.50, 0.75, 0.95};

static int failmsg(rr_point_error *e, int rc, const char *path,
                   const char *fmt, ...) RR_PRINTF(4, 5);
static int failmsg(rr_point_error *e, int rc, const char *path,
                   const char *fmt, ...)
{
    va_list ap;
    memset(e, 0, sizeof *e);
    e->rc = rc;
    e->point = RR_NO_POINT;
    e->path = path;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return rc;
}

size_t rr_uncertainty_point(const rr_uncertainty *u, size_t i, int side)
{
    return u->paired ? 2 * i + (size_t)(side != 0) : i;
}

/* load_base - the scenario with the common overrides: its parameters. */
static int load_base(rr_uncertainty *u, const rr_unc_opts *o,
                     rr_point_error *e)
{
    char err[1024] = "";
    const rr_plan *plan;
    int rc = rr_scenario_load(o->path, o->common, o->n_common, &u->base, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(u->base, &plan, err, sizeof err);
    if (rc != RR_OK)
        return failmsg(e, rc, o->path, "%s", err);
    u->seed = plan->cfg[0]->seed;
    u->k = rr_scenario_n_uncertain(u->base);
    if (u->k == 0)
        return failmsg(e, RR_EINVAL, o->path,
                       "%s declares no assumption ranges: give parameters a "
                       "range or distribution in [parameters] "
                       "(talk_interval.range = 60d:120d; see "
                       "rrsim-scenario(5))",
                       o->path);
    if (!(u->param = calloc(u->k, sizeof *u->param)))
        return failmsg(e, RR_ENOMEM, o->path, "out of memory");
    for (size_t j = 0; j < u->k; j++)
        u->param[j] = rr_scenario_uncertain(u->base, j);
    return RR_OK;
}

/* policy_values - a policy file's own value of each parameter drawn that
 * it fixes (a variant that writes its own value: a choice, not an
 * assumption), into fixed_text[j]; NULL where the policy leaves the
 * parameter uncertain, so that the sample's value applies on both sides. */
static int policy_values(rr_uncertainty *u, const rr_unc_opts *o,
                         rr_point_error *e)
{
    char err[1024] = "";
    rr_scenario *sc = NULL;
    int rc = rr_scenario_load(o->policy_path, o->common, o->n_common, &sc, err,
                              sizeof err);
    if (rc != RR_OK)
        return failmsg(e, rc, o->policy_path, "%s", err);
    if (!(u->pol_fixed = calloc(u->k, sizeof *u->pol_fixed))) {
        rr_scenario_destroy(sc);
        return failmsg(e, RR_ENOMEM, o->policy_path, "out of memory");
    }
    for (size_t j = 0; j < u->k && rc == RR_OK; j++) {
        const char *name = u->param[j]->name;
        bool uncertain = false;
        for (size_t i = 0; i < rr_scenario_n_uncertain(sc); i++)
            uncertain = uncertain ||
                        strcmp(rr_scenario_uncertain(sc, i)->name, name) == 0;
        if (uncertain)
            continue;
        size_t i = 0, n = rr_scenario_n_settings(sc);
        while (i < n && strcmp(rr_scenario_setting(sc, i)->key, name) != 0)
            i++;
        if (i == n) {
            rc = failmsg(e, RR_EINVAL, o->policy_path,
                         "%s has no parameter '%s', which the baseline "
                         "draws over its range",
                         o->policy_path, name);
            break;
        }
        char v[RR_TEXT_MAX * 2];
        rr_scenario_resolved_value(sc, i, v, sizeof v);
        size_t len = strlen(name) + strlen(v) + 2;
        if (!(u->pol_fixed[j] = malloc(len)))
            rc = failmsg(e, RR_ENOMEM, o->policy_path, "out of memory");
        else
            snprintf(u->pol_fixed[j], len, "%s=%s", name, v);
    }
    rr_scenario_destroy(sc);
    return rc;
}

/* make_sets - the overrides of every point: the sample's values (on a
 * policy file's side, its own value of a parameter it fixes), then a
 * what-if policy's own overrides on its side. */
static int make_sets(rr_uncertainty *u, const rr_unc_opts *o)
{
    size_t np = u->paired ? 2 * u->n : u->n;
    bool whatif = u->paired && o->n_policy > 0;
    u->n_sets = u->k + (whatif ? o->n_policy : 0);
    if (!(u->sets = calloc(np, sizeof *u->sets)))
        return RR_ENOMEM;
    for (size_t p = 0; p < np; p++) {
        size_t i = u->paired ? p / 2 : p;
        bool pol = u->paired && p % 2 == 1;
        if (!(u->sets[p] = calloc(u->n_sets + 1, sizeof(char *))))
            return RR_ENOMEM;
        for (size_t j = 0; j < u->k; j++) {
            char v[64];
            if (pol && u->pol_fixed && u->pol_fixed[j]) {
                if (!(u->sets[p][j] = strdup(u->pol_fixed[j])))
                    return RR_ENOMEM;
                continue;
            }
            rr_uncertain_text(u->param[j], u->x[i * u->k + j], v, sizeof v);
            size_t len = strlen(u->param[j]->name) + strlen(v) + 2;
            if (!(u->sets[p][j] = malloc(len)))
                return RR_ENOMEM;
            snprintf(u->sets[p][j], len, "%s=%s", u->param[j]->name, v);
        }
        /* a what-if's baseline side repeats the sample's values in the
         * policy's slots, so both sides have as many overrides */
        for (size_t j = 0; whatif && j < o->n_policy; j++) {
            const char *s = pol ? o->policy[j] : u->sets[p][0];
            if (!(u->sets[p][u->k + j] = strdup(s)))
                return RR_ENOMEM;
        }
    }
    return RR_OK;
}

int rr_uncertainty_prepare(rr_uncertainty *u, const rr_unc_opts *o,
                           rr_point_error *e)
{
    char err[1024] = "";
    int rc;
    memset(u, 0, sizeof *u);
    memset(e, 0, sizeof *e);
    e->point = RR_NO_POINT;
    u->n = o->samples;
    u->design = o->design;
    u->paired = o->policy_path || o->n_policy > 0;
    if (u->n < 1 || u->n > RR_UNC_MAX_SAMPLES)
        return failmsg(e, RR_EINVAL, o->path,
                       "--samples: expected 1 to %d, got %zu",
                       RR_UNC_MAX_SAMPLES, u->n);
    if ((rc = load_base(u, o, e)) != RR_OK)
        return rc;
    if (!(u->u = calloc(u->n * u->k, sizeof *u->u)) ||
        !(u->x = calloc(u->n * u->k, sizeof *u->x)))
        return failmsg(e, RR_ENOMEM, o->path, "out of memory");
    if ((rc = rr_design_fill(u->design, u->n, u->k, u->seed, u->u, err,
                             sizeof err)) != RR_OK)
        return failmsg(e, rc, o->path, "%s", err);
    for (size_t i = 0; i < u->n; i++)
        for (size_t j = 0; j < u->k; j++)
            u->x[i * u->k + j] =
                rr_uncertain_draw(u->param[j], u->u[i * u->k + j]);
    if (o->policy_path && (rc = policy_values(u, o, e)) != RR_OK)
        return rc;
    if (make_sets(u, o) != RR_OK)
        return failmsg(e, RR_ENOMEM, o->path, "out of memory");

    size_t np = u->paired ? 2 * u->n : u->n;
    const char **paths = calloc(np, sizeof *paths);
    if (!paths)
        return failmsg(e, RR_ENOMEM, o->path, "out of memory");
    for (size_t p = 0; p < np; p++)
        paths[p] = u->paired && p % 2 == 1 && o->policy_path ? o->policy_path
                                                              : o->path;
    rc = rr_points_init(&u->pts, paths, np, o->common, o->n_common);
    u->pts.paths_owned = paths;
    if (rc != RR_OK)
        return failmsg(e, rc, o->path, "out of memory");
    u->pts.sets = u->sets;
    u->pts.n_sets = u->n_sets;
    rc = rr_points_load(&u->pts, e);
    return rc;
}

int rr_uncertainty_run(rr_uncertainty *u, const rr_run_opts *opts,
                       rr_point_error *e)
{
    if (!(u->res = calloc(u->pts.n, sizeof *u->res)))
        return failmsg(e, RR_ENOMEM, u->pts.paths[0], "out of memory");
    int rc = rr_points_run(&u->pts, opts, u->res, e);
    u->ran = rc == RR_OK;
    return rc;
}

void rr_uncertainty_fini(rr_uncertainty *u)
{
    size_t np = u->paired ? 2 * u->n : u->n;
    if (u->res && u->ran)
        for (size_t p = 0; p < u->pts.n; p++)
            rr_run_result_fini(&u->res[p]);
    free(u->res);
    u->pts.sets = NULL; /* ours, freed below */
    rr_points_fini(&u->pts);
    if (u->sets)
        for (size_t p = 0; p < np; p++) {
            for (size_t j = 0; u->sets[p] && j < u->n_sets; j++)
                free(u->sets[p][j]);
            free(u->sets[p]);
        }
    free(u->sets);
    free(u->u);
    free(u->x);
    free(u->param);
    if (u->pol_fixed)
        for (size_t j = 0; j < u->k; j++)
            free(u->pol_fixed[j]);
    free(u->pol_fixed);
    rr_scenario_destroy(u->base);
    memset(u, 0, sizeof *u);
}

/* ---- summaries ----------------------------------------------------------- */

void rr_unc_quantiles(double *v, size_t n, double q[RR_UNC_NQ])
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]))
            v[m++] = v[i];
    for (size_t k = 0; k < RR_UNC_NQ; k++)
        q[k] = NAN;
    if (m == 0)
        return;
    gsl_sort(v, 1, m);
    for (size_t k = 0; k < RR_UNC_NQ; k++)
        q[k] = gsl_stats_quantile_from_sorted_data(v, 1, m, rr_unc_q[k]);
}

/* mean_hw - mean of the replications' v (NaN left out) and the 95% CI
 * half-width of it (Student t; NaN with fewer than 2 values). */
static double mean_hw(const double *v, size_t n, size_t stride, double *hw)
{
    double s = 0, ss = 0;
    size_t m = 0;
    for (size_t r = 0; r < n; r++) {
        double x = v[r * stride];
        if (isnan(x))
            continue;
        s += x;
        m++;
    }
    *hw = NAN;
    if (m == 0)
        return NAN;
    double mean = s / (double)m;
    for (size_t r = 0; r < n; r++) {
        double x = v[r * stride];
        if (!isnan(x))
            ss += (x - mean) * (x - mean);
    }
    if (m > 1)
        *hw = gsl_cdf_tdist_Pinv(0.975, (double)(m - 1)) *
              sqrt(ss / (double)(m - 1) / (double)m);
    return mean;
}

/* gather - a quantity per sample (its mean and half-width) into a stat. */
typedef double value_fn(const rr_uncertainty *u, size_t i, const void *ctx,
                        double *hw);

static int gather(const rr_uncertainty *u, value_fn *fn, const void *ctx,
                  rr_unc_stat *out)
{
    double *v = malloc((u->n + 1) * sizeof *v);
    double *h = malloc((u->n + 1) * sizeof *h);
    double hq[RR_UNC_NQ], s = 0;
    if (!v || !h) {
        free(v);
        free(h);
        return RR_ENOMEM;
    }
    out->n = 0;
    for (size_t i = 0; i < u->n; i++) {
        v[i] = fn(u, i, ctx, &h[i]);
        if (!isnan(v[i])) {
            s += v[i];
            out->n++;
        }
    }
    out->mean = out->n ? s / (double)out->n : NAN;
    rr_unc_quantiles(v, u->n, out->q);
    rr_unc_quantiles(h, u->n, hq);
    out->noise = hq[2];
    free(v);
    free(h);
    return RR_OK;
}

typedef struct kpi_ctx {
    int side;
    size_t j;
} kpi_ctx;

static double kpi_value(const rr_uncertainty *u, size_t i, const void *ctx,
                        double *hw)
{
    const kpi_ctx *c = ctx;
    const rr_run_result *r = &u->res[rr_uncertainty_point(u, i, c->side)];
    size_t reps = r->reps;
    double *v = calloc(reps + 1, sizeof *v), m;
    if (!v) {
        *hw = NAN;
        return NAN;
    }
    for (size_t k = 0; k < reps; k++)
        v[k] = r->rep[k].kpi[c->j];
    m = mean_hw(v, reps, 1, hw);
    free(v);
    return m;
}

double rr_uncertainty_kpi(const rr_uncertainty *u, size_t i, int side,
                          size_t j)
{
    kpi_ctx c = {side, j};
    double hw;
    return kpi_value(u, i, &c, &hw);
}

int rr_uncertainty_kpi_stat(const rr_uncertainty *u, int side, size_t j,
                            rr_unc_stat *out)
{
    kpi_ctx c = {side, j};
    return gather(u, kpi_value, &c, out);
}

typedef struct metric_ctx {
    int side;
    size_t k;
    const size_t *m; /* the metrics summed */
    size_t nm;
} metric_ctx;

static double metric_value(const rr_uncertainty *u, size_t i,
                           const void *ctx, double *hw)
{
    const metric_ctx *c = ctx;
    const rr_run_result *r = &u->res[rr_uncertainty_point(u, i, c->side)];
    size_t reps = r->reps;
    double *v = calloc(reps + 1, sizeof *v), m;
    if (!v) {
        *hw = NAN;
        return NAN;
    }
    for (size_t q = 0; q < reps; q++) {
        const double *row = r->rep[q].values + c->k * r->rep[q].n_metrics;
        v[q] = 0;
        for (size_t j = 0; j < c->nm; j++)
            v[q] += row[c->m[j]];
    }
    m = mean_hw(v, reps, 1, hw);
    free(v);
    return m;
}

int rr_uncertainty_metric_stat(const rr_uncertainty *u, int side, size_t k,
                               size_t m, rr_unc_stat *out)
{
    metric_ctx c = {side, k, &m, 1};
    return gather(u, metric_value, &c, out);
}

int rr_uncertainty_sum_stat(const rr_uncertainty *u, int side, size_t k,
                            const size_t *m, size_t nm, rr_unc_stat *out)
{
    metric_ctx c = {side, k, m, nm};
    return gather(u, metric_value, &c, out);
}

/* effect_value - the paired difference of KPI j in sample i, absolute or
 * (rel) relative to the baseline's mean. */
typedef struct effect_ctx {
    size_t j;
    bool rel;
} effect_ctx;

static double effect_value(const rr_uncertainty *u, size_t i,
                           const void *ctx, double *hw)
{
    const effect_ctx *c = ctx;
    const rr_run_result *a = &u->res[rr_uncertainty_point(u, i, 0)];
    const rr_run_result *b = &u->res[rr_uncertainty_point(u, i, 1)];
    size_t reps = a->reps < b->reps ? a->reps : b->reps;
    double *v = calloc(reps + 1, sizeof *v), m, base, bhw;
    if (!v) {
        *hw = NAN;
        return NAN;
    }
    for (size_t k = 0; k < reps; k++)
        v[k] = b->rep[k].kpi[c->j] - a->rep[k].kpi[c->j];
    m = mean_hw(v, reps, 1, hw);
    if (c->rel) {
        for (size_t k = 0; k < reps; k++)
            v[k] = a->rep[k].kpi[c->j];
        base = mean_hw(v, reps, 1, &bhw);
        m = base != 0 && !isnan(base) ? m / fabs(base) : NAN;
        *hw = base != 0 && !isnan(base) ? *hw / fabs(base) : NAN;
    }
    free(v);
    return m;
}

double rr_uncertainty_effect(const rr_uncertainty *u, size_t i, size_t j)
{
    effect_ctx c = {j, false};
    double hw;
    return effect_value(u, i, &c, &hw);
}

int rr_uncertainty_effect_stat(const rr_uncertainty *u, size_t j,
                               rr_unc_effect *out)
{
    effect_ctx a = {j, false}, r = {j, true};
    int rc;
    if ((rc = gather(u, effect_value, &a, &out->abs)) != RR_OK ||
        (rc = gather(u, effect_value, &r, &out->rel)) != RR_OK)
        return rc;
    size_t up = 0, down = 0, n = 0;
    for (size_t i = 0; i < u->n; i++) {
        double d = rr_uncertainty_effect(u, i, j);
        if (isnan(d))
            continue;
        n++;
        up += d > 0;
        down += d < 0;
    }
    out->share_up = n ? (double)up / (double)n : NAN;
    out->share_down = n ? (double)down / (double)n : NAN;
    return RR_OK;
}

int rr_uncertainty_rank(const rr_uncertainty *u, int side, size_t j,
                        double *rho)
{
    double *y = malloc((u->n + 1) * sizeof *y);
    double *x = malloc((u->n + 1) * sizeof *x);
    double *w = malloc((2 * u->n + 1) * sizeof *w);
    size_t m = 0;
    if (!y || !x || !w) {
        free(y);
        free(x);
        free(w);
        return RR_ENOMEM;
    }
    for (size_t p = 0; p < u->k; p++) {
        m = 0;
        for (size_t i = 0; i < u->n; i++) {
            double v = rr_uncertainty_kpi(u, i, side, j);
            if (isnan(v))
                continue;
            y[m] = v;
            x[m] = u->x[i * u->k + p];
            m++;
        }
        rho[p] = NAN;
        if (m < 3)
            continue;
        bool vy = false, vx = false;
        for (size_t i = 1; i < m; i++) {
            vy = vy || y[i] != y[0];
            vx = vx || x[i] != x[0];
        }
        if (vy && vx)
            rho[p] = gsl_stats_spearman(x, 1, y, 1, m, w);
    }
    free(y);
    free(x);
    free(w);
    return RR_OK;
}
