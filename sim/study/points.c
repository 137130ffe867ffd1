/*
 * points.c - design points: each a scenario file with the common --set
 * overrides and its own (a sweep's design, a what-if's policy), loaded,
 * planned, checked to be comparable and run together with common random
 * numbers.  A failure names its point (rr_point_error) and main words the
 * message.
 */
#include <ctype.h>
#include <stdio.h>
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

int rr_points_whatif(rr_points *p, const char *path,
                     const char *const *common, size_t n_common,
                     const char *const *policy, size_t n_policy)
{
    const char **paths = calloc(2, sizeof *paths);
    int rc;
    if (!paths) {
        memset(p, 0, sizeof *p);
        return RR_ENOMEM;
    }
    paths[0] = paths[1] = path;
    rc = rr_points_init(p, paths, 2, common, n_common);
    p->paths_owned = paths;
    p->policy = policy;
    p->n_policy = n_policy;
    return rc;
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
    free(p->derived[0]);
    free(p->derived[1]);
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

/* ---- a what-if's policy -------------------------------------------------- */

/* put_name - text into a scenario name at buf + *o (n bytes): letters,
 * digits, '-' and '_' kept, every run of anything else one '_'. */
static void put_name(char *buf, size_t n, size_t *o, const char *text,
                     size_t len)
{
    bool gap = false;
    for (size_t i = 0; i < len && *o + 1 < n; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (isalnum(ch) || ch == '-' || ch == '_') {
            if (gap && *o > 0 && buf[*o - 1] != '_' && *o + 2 < n)
                buf[(*o)++] = '_';
            buf[(*o)++] = (char)ch;
            gap = false;
        } else {
            gap = true;
        }
    }
    buf[*o] = '\0';
}

/* cut_text - s cut to fit n bytes without splitting a UTF-8 sequence. */
static void cut_text(char *s, size_t n)
{
    size_t len = strlen(s);
    if (len < n)
        return;
    len = n - 1;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    s[len] = '\0';
}

/* setting - "key=value", malloc'd; NULL when out of memory. */
static char *setting(const char *key, const char *value)
{
    size_t n = strlen(key) + strlen(value) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s=%s", key, value);
    return s;
}

/* derive - the policy's "scenario.name=..." and "scenario.title=..." from
 * the baseline's and the policy overrides. */
static int derive(rr_points *p)
{
    const rr_config *c = p->plans[0]->cfg[0];
    char name[RR_NAME_MAX], title[RR_TEXT_MAX + 256];
    size_t o;

    snprintf(name, sizeof name, "%s", c->name);
    snprintf(title, sizeof title, "%s", c->title);
    o = strlen(name);
    for (size_t i = 0; i < p->n_policy; i++) {
        const char *kv = p->policy[i], *eq = strchr(kv, '=');
        size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
        const char *v = eq ? eq + 1 : "";
        size_t tl = strlen(title);
        while (klen > 0 && isspace((unsigned char)kv[klen - 1]))
            klen--;
        while (isspace((unsigned char)*v))
            v++;
        put_name(name, sizeof name, &o, "-", 1);
        put_name(name, sizeof name, &o, kv, klen);
        put_name(name, sizeof name, &o, "-", 1);
        put_name(name, sizeof name, &o, v, strlen(v));
        snprintf(title + tl, sizeof title - tl, ", %.*s = %s", (int)klen, kv,
                 v);
    }
    /* a name of letters, digits, '-' and '_' that does not end on one */
    while (o > 0 && (name[o - 1] == '-' || name[o - 1] == '_'))
        name[--o] = '\0';
    cut_text(title, RR_TEXT_MAX);
    p->derived[0] = setting("scenario.name", name);
    p->derived[1] = setting("scenario.title", title);
    return p->derived[0] && p->derived[1] ? RR_OK : RR_ENOMEM;
}

/* ---- comparable points --------------------------------------------------- */

/* alike - whether point i can be compared with the first; *e filled when
 * not. */
static int alike(const rr_points *p, size_t i, rr_point_error *e)
{
    const rr_config *a = p->plans[0]->cfg[0], *b = p->plans[i]->cfg[0];
    static const char *const report[] = {"day", "week", "month", "quarter",
                                         "year"};
    bool bounds = false;
    rr_span w;

    if (!p->window && rr_date_days(a->start) != rr_date_days(b->start)) {
        e->field = "start";
        rr_date_format(a->start, e->first, sizeof e->first);
        rr_date_format(b->start, e->other, sizeof e->other);
        bounds = true;
    } else if (!p->window && rr_date_days(a->end) != rr_date_days(b->end)) {
        e->field = "end";
        rr_date_format(a->end, e->first, sizeof e->first);
        rr_date_format(b->end, e->other, sizeof e->other);
        bounds = true;
    } else if (a->report != b->report) {
        e->field = "report";
        snprintf(e->first, sizeof e->first, "%s", report[a->report]);
        snprintf(e->other, sizeof e->other, "%s", report[b->report]);
    } else if (!p->window && a->warmup != b->warmup) {
        e->field = "warmup";
        snprintf(e->first, sizeof e->first, "%.10g days", a->warmup);
        snprintf(e->other, sizeof e->other, "%.10g days", b->warmup);
        bounds = true;
    } else if (a->replications != b->replications) {
        e->field = "replications";
        snprintf(e->first, sizeof e->first, "%d", a->replications);
        snprintf(e->other, sizeof e->other, "%d", b->replications);
    } else {
        return RR_OK;
    }
    e->rc = RR_EINVAL;
    e->point = i;
    e->path = p->paths[i];
    snprintf(e->msg, sizeof e->msg, "the runs differ in %s: %s against %s",
             e->field, e->first, e->other);
    if (bounds && rr_compare_common_window(p->plans[0], p->plans[i], &w)) {
        char f[16], t[16];
        rr_date_format(rr_date_from_days(w.from), f, sizeof f);
        rr_date_format(rr_date_from_days(w.to), t, sizeof t);
        snprintf(e->window, sizeof e->window, "%s:%s", f, t);
    }
    return RR_EINVAL;
}

/* ---- loading ------------------------------------------------------------- */

/* own_of - point i's own overrides into *own (a what-if's: its derived
 * name and title, then the policy; freed by the caller). */
static int own_of(rr_points *p, size_t i, char ***own, size_t *n)
{
    *own = NULL;
    *n = 0;
    if (p->sets) {
        *own = p->sets[i];
        *n = p->n_sets;
        return RR_OK;
    }
    if (!p->policy || i != 1)
        return RR_OK;
    if (derive(p) != RR_OK ||
        !(*own = calloc(p->n_policy + 2, sizeof **own)))
        return RR_ENOMEM;
    (*own)[0] = p->derived[0];
    (*own)[1] = p->derived[1];
    for (size_t j = 0; j < p->n_policy; j++)
        (*own)[j + 2] = (char *)p->policy[j];
    *n = p->n_policy + 2;
    return RR_OK;
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
        char **own;
        size_t n_own;
        bool owned = !p->sets && p->policy && i == 1;
        err[0] = '\0';
        if ((rc = own_of(p, i, &own, &n_own)) != RR_OK)
            return fail(e, rc, RR_NO_POINT, p->paths[i], "");
        rc = load_one(p, p->paths[i], own, n_own, &p->sc[i], &p->plans[i],
                      err, sizeof err);
        if (owned)
            free(own);
        if (rc == RR_OK)
            continue;
        if (!p->sets && !owned)
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
    for (size_t i = 1; i < p->n; i++)
        if ((rc = alike(p, i, e)) != RR_OK)
            return rc;
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
