/*
 * points.c - design points: each a scenario file with the common --set
 * overrides and its own (a sweep's design), loaded, planned and run
 * together with common random numbers.  A failure names its point
 * (rr_point_error) and main words the message.
 */
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_points.h"
#include "rr_util.h"

/* The origin rr_scenario_load gives an override in its messages: the
 * design's overrides are applied as --set ones are. */
#define OVERRIDE_ORIGIN "--set"

static void error_init(rr_point_error *e)
{
    memset(e, 0, sizeof *e);
    e->point = RR_NO_POINT;
}

static int fail(rr_point_error *e, int rc, size_t point, const char *path,
                const char *msg)
{
    e->rc = rc;
    e->point = point;
    e->path = path;
    snprintf(e->msg, sizeof e->msg, "%s", msg[0] ? msg : rr_strerror(rc));
    return rc;
}

int rr_points_init(rr_points *p, const char *const *paths, size_t n,
                   const char *const *common, size_t n_common)
{
    memset(p, 0, sizeof *p);
    p->paths = paths;
    p->n = n;
    p->common = common;
    p->n_common = n_common;
    p->sc = calloc(n ? n : 1, sizeof *p->sc);
    p->plans = calloc(n ? n : 1, sizeof *p->plans);
    return p->sc && p->plans ? RR_OK : RR_ENOMEM;
}

int rr_points_design(rr_points *p, const rr_design *d, const char *path,
                     const char *const *common, size_t n_common)
{
    size_t n = d->n_points;
    const char **paths = calloc(n ? n : 1, sizeof *paths);
    int rc;
    if (!paths) {
        memset(p, 0, sizeof *p);
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        paths[i] = path;
    rc = rr_points_init(p, paths, n, common, n_common);
    p->paths_owned = paths;
    if (rc != RR_OK)
        return rc;
    p->design = d;
    p->n_sets = d->n_vary;
    p->sets = calloc(n ? n : 1, sizeof *p->sets);
    if (!p->sets)
        return RR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        p->sets[i] = calloc(d->n_vary ? d->n_vary : 1, sizeof(char *));
        if (!p->sets[i] || rr_design_overrides(d, i, p->sets[i]) != RR_OK) {
            free(p->sets[i]);
            p->sets[i] = NULL;
            return RR_ENOMEM;
        }
    }
    return RR_OK;
}

void rr_points_fini(rr_points *p)
{
    if (p->sets)
        for (size_t i = 0; i < p->n; i++)
            if (p->sets[i]) {
                rr_design_overrides_free(p->design, p->sets[i]);
                free(p->sets[i]);
            }
    if (p->sc)
        for (size_t i = 0; i < p->n; i++)
            rr_scenario_destroy(p->sc[i]);
    free(p->sets);
    free(p->sc);
    free(p->plans);
    free(p->paths_owned);
    memset(p, 0, sizeof *p);
}

int rr_plan_check_layout(const char *path, const rr_plan *plan, char *err,
                         size_t errlen)
{
    rr_layout l;
    char msg[512] = "";
    int rc = rr_layout_check(plan, &l, msg, sizeof msg);
    if (rc == RR_OK)
        rr_layout_fini(&l);
    else
        snprintf(err, errlen, "%s: %s", path, msg);
    return rc;
}

/* load_one - a scenario with the common overrides and `own` after them,
 * planned; the caller destroys *sc whatever the outcome. */
static int load_one(const rr_points *p, const char *path,
                    char *const *own, size_t n_own, rr_scenario **sc,
                    const rr_plan **plan, char *err, size_t errlen)
{
    const char **sets = calloc(p->n_common + n_own + 1, sizeof *sets);
    size_t k = 0;
    int rc;
    if (!sets)
        return rr_err_set(err, errlen, RR_ENOMEM, "%s",
                          rr_strerror(RR_ENOMEM));
    for (size_t j = 0; j < p->n_common; j++)
        sets[k++] = p->common[j];
    for (size_t j = 0; j < n_own; j++)
        sets[k++] = own[j];
    rc = rr_scenario_load(path, sets, k, sc, err, errlen);
    if (rc == RR_OK)
        rc = rr_scenario_plan(*sc, plan, err, errlen);
    if (rc == RR_OK)
        rc = rr_plan_check_layout(path, *plan, err, errlen);
    free(sets);
    return rc;
}

int rr_points_load(rr_points *p, rr_point_error *e)
{
    char err[1024] = "";
    int rc;
    error_init(e);
    if (p->sets) {
        /* the scenario and the common overrides alone first, so that
         * their errors are told as such and not blamed on a point */
        rr_scenario *plain = NULL;
        const rr_plan *pp;
        rc = load_one(p, p->paths[0], NULL, 0, &plain, &pp, err, sizeof err);
        rr_scenario_destroy(plain);
        if (rc != RR_OK)
            return fail(e, rc, RR_NO_POINT, p->paths[0], err);
    }
    for (size_t i = 0; i < p->n; i++) {
        size_t n_own = p->sets ? p->n_sets : 0;
        err[0] = '\0';
        rc = load_one(p, p->paths[i], p->sets ? p->sets[i] : NULL, n_own,
                      &p->sc[i], &p->plans[i], err, sizeof err);
        if (rc == RR_OK)
            continue;
        if (!p->sets)
            return fail(e, rc, RR_NO_POINT, p->paths[i], err);
        fail(e, rc, i, p->paths[i], err);
        /* the common overrides were fine alone: one of the point's own
         * was refused as an override (an unknown key, say) */
        if (strncmp(err, OVERRIDE_ORIGIN, strlen(OVERRIDE_ORIGIN)) == 0) {
            e->override = true;
            snprintf(e->msg, sizeof e->msg, "%s",
                     err + strlen(OVERRIDE_ORIGIN));
        }
        return rc;
    }
    return RR_OK;
}

int rr_points_run(const rr_points *p, const rr_run_opts *base,
                  rr_run_result *res, rr_point_error *e)
{
    rr_run_opts opts = *base;
    char err[1024] = "";
    size_t failed = 0;
    int rc;

    error_init(e);
    opts.reps = p->plans[0]->cfg[0]->replications;
    opts.seed = p->plans[0]->cfg[0]->seed;
    opts.failed_plan = &failed;
    rc = rr_run_many(p->plans, p->n, 1, &opts, res, err, sizeof err);
    if (rc == RR_OK)
        return RR_OK;
    if (failed >= p->n)
        return fail(e, rc, RR_NO_POINT, p->paths[0], err);
    return fail(e, rc, p->sets ? failed : RR_NO_POINT, p->paths[failed], err);
}
