/*
 * stages.c - a stage's configuration in one epoch (servers, service,
 * discipline, channel, absconding, maximum stay, routes with `rest`), the
 * providers of reintegration support, and the check that no loop of
 * stages takes no time.
 */
#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "resolve_int.h"

/* {===================================================================
 * Stages
 * ==================================================================== */

/* route_names - the route keys of stage si in this epoch: written ones in
 * file order, then those only active events set (each once). */
static const char **route_names(rri_ctx *c, size_t si, const char *sec,
                                size_t *n)
{
    rr_scenario *sc = c->sub.sc;
    size_t nw;
    const size_t *own = rri_section_settings(sc, sec, &nw);
    size_t nch = 0;
    if (c->sub.active)
        for (size_t i = sc->ix.route_head[si]; i != SIZE_MAX;
             i = sc->ix.route_next[i])
            nch++;
    const char **names = rri_alloc(c->sub.a, (nw + nch + 1) * sizeof *names);
    if (!names)
        return NULL;
    *n = 0;
    for (size_t k = 0; k < nw; k++) {
        const rri_setting *st = &sc->settings[own[k]];
        if (st->def && st->def->type == RRI_T_ROUTE)
            names[(*n)++] = st->name;
    }
    if (!c->sub.active)
        return names;
    size_t len = strlen(sec), first = *n;
    rri_map added = {0};
    for (size_t i = sc->ix.route_head[si]; i != SIZE_MAX;
         i = sc->ix.route_next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->sub.active[ch->event])
            continue;
        const char *name = ch->target + len + 1;
        if (rri_setting_find(sc, sec, name) >= 0)
            continue; /* written: listed already */
        uint64_t h = rri_hash_str(RRI_HASH0, name);
        size_t it = 0, j;
        bool seen = false;
        while (!seen && rri_map_next(&added, h, &it, &j))
            seen = strcmp(names[first + j], name) == 0;
        if (seen)
            continue;
        if (rri_map_add(&added, h, *n - first)) {
            rri_map_fini(&added);
            return NULL;
        }
        names[(*n)++] = name;
    }
    rri_map_fini(&added);
    return names;
}

static int resolve_routes(rri_ctx *c, size_t si, rr_cfg_stage *st)
{
    const char *sec = c->sub.sc->sections[c->sub.sc->stages[si]].name;
    size_t n;
    const char **names = route_names(c, si, sec, &n);
    if (!names)
        return rri_oom(&c->sub);
    rri_loc sloc = rri_section_loc(c, sec, "route.*");
    sloc.dotted = rri_printf(c->sub.a, "%s.route.*", sec);
    if (!sloc.dotted)
        return rri_oom(&c->sub);
    if (n == 0) {
        /* a misspelt [stage.X] of a variant, meant to change another */
        const rri_section *me = &c->sub.sc->sections[c->sub.sc->stages[si]];
        const char *like = rri_similar_section(c->sub.sc, me);
        rri_loc hl = rri_section_loc(c, sec, NULL);
        if (like)
            return rri_failat(&c->sub, &hl, RR_EINVAL,
                              "unknown stage '%s' (did you mean [stage.%s]?); "
                              "a new stage needs at least one 'route.TARGET "
                              "= ...'",
                              me->sub, like);
        return rri_failat(&c->sub, &sloc, RR_EINVAL,
                          "no routes (add at least one 'route.TARGET = ...', "
                          "TARGET a stage or departed, unsupervised, closed)");
    }
    uint32_t *target = rri_alloc(c->sub.a, n * sizeof *target);
    double *p = rri_alloc(c->sub.a, c->nc * n * sizeof *p);
    rri_stage_routes *sr = &c->routes[si];
    sr->at = rri_alloc(c->sub.a, n * sizeof *sr->at);
    sr->used = rri_alloc(c->sub.a, n * sizeof *sr->used);
    if (!target || !p || !sr->at || !sr->used)
        return rri_oom(&c->sub);
    sr->n = n;
    sr->target = target;
    long rest = -1;
    rri_loc first = {0};
    for (size_t j = 0; j < n; j++) {
        rri_val v;
        int rc = rri_get(c, sec, names[j], NULL, &v);
        if (rc)
            return rc;
        if (j == 0) {
            first = v.at;
            first.key = "route.*";
            first.dotted = sloc.dotted;
        }
        sr->at[j] = v.at;
        rri_val tv = v;
        tv.text = names[j] + 6;
        if ((rc = rri_target_of(c, &tv, &target[j])))
            return rc;
        rri_pexpr e;
        if ((rc = rri_parse_pexpr(c, &v, true, &e)))
            return rc;
        if (e.rest) {
            if (rest >= 0)
                return rri_failat(&c->sub, &v.at, RR_EINVAL,
                                  "a second 'rest' (%s already takes the rest)",
                                  names[rest]);
            rest = (long)j;
            continue;
        }
        for (size_t k = 0; k < c->nc; k++)
            if ((rc = rri_eval_pexpr(c, &e, &v, k, &p[k * n + j])))
                return rc;
    }
    bool one = c->nc == 1 && !c->ct;
    for (size_t k = 0; k < c->nc; k++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++)
            if ((long)j != rest)
                sum += p[k * n + j];
        const char *who =
            one ? "" : rri_printf(c->sub.a, " for country %s", c->cname[k]);
        if (rest < 0 && fabs(sum - 1) > PROB_TOL)
            return rri_failat(&c->sub, &first, RR_EINVAL,
                              "probabilities sum to %.6g%s, not 1 (add "
                              "'route.X = rest' or fix them)",
                              sum, who ? who : "");
        if (rest >= 0 && sum > 1 + PROB_TOL)
            return rri_failat(&c->sub, &first, RR_EINVAL,
                              "probabilities other than 'rest' sum to %.6g%s, "
                              "more than 1",
                              sum, who ? who : "");
        if (rest >= 0)
            p[k * n + (size_t)rest] = sum < 1 ? 1 - sum : 0;
        for (size_t j = 0; j < n; j++)
            if (p[k * n + j] > 0)
                sr->used[j] = true;
    }
    st->route[RR_OUT_DONE].n = (uint32_t)n;
    st->route[RR_OUT_DONE].target = target;
    st->route[RR_OUT_DONE].p = p;
    return RR_OK;
}

/* one_way - a route table of a single target taken by every country. */
static int one_way(rri_ctx *c, uint32_t target, rr_route_table *t)
{
    uint32_t *tg = rri_alloc(c->sub.a, sizeof *tg);
    double *p = rri_alloc(c->sub.a, c->nc * sizeof *p);
    if (!tg || !p)
        return rri_oom(&c->sub);
    *tg = target;
    for (size_t k = 0; k < c->nc; k++)
        p[k] = 1;
    t->n = 1;
    t->target = tg;
    t->p = p;
    return RR_OK;
}

static int resolve_service(rri_ctx *c, const char *sec, rr_cfg_stage *st)
{
    rri_val v;
    int rc = rri_get(c, sec, "service", NULL, &v);
    if (rc)
        return rc;
    st->service_scale = v.factor;
    if (!v.text)
        return rri_failat(&c->sub, &v.at, RR_EINVAL, "missing (required)");
    if (strncmp(v.text, "country.", 8) != 0)
        return (rc = rri_dist_text(c, v.text, &v.at, &st->service))
                   ? rc
                   : rri_scaled_ok(c, &v, &st->service, 1, v.factor);
    size_t col;
    if ((rc = rri_column(c, v.text, &v.at, &col)))
        return rc;
    rr_dist *by = rri_alloc(c->sub.a, c->nc * sizeof *by);
    if (!by)
        return rri_oom(&c->sub);
    for (size_t k = 0; k < c->nc; k++) {
        const rri_cellov *ov;
        const char *t = rri_cell_text(c, k, col, &ov);
        char msg[1024];
        c->table_msg = false;
        /* a cell's paths are read from the folder of the file that
         * named the table (or changed the cell) */
        c->fi = ov ? ov->at.fi : c->ct_fi;
        if (strchr(t, '('))
            rc = rr_dist_parse(t, &by[k], rri_emp_loader, c, msg, sizeof msg);
        else {
            double d;
            rc = rr_duration_parse(t, &d, msg, sizeof msg);
            if (rc == RR_EPARSE)
                snprintf(msg, sizeof msg,
                         "expected a distribution such as "
                         "lognormal(mean=60d, sd=30d) or a duration such as "
                         "21d, got '%s'",
                         t);
            if (rc == RR_OK)
                rc = rr_dist_deterministic(&by[k], d);
        }
        if (rc) {
            if (c->table_msg)
                return rri_fail(&c->sub, rc, "%s", msg);
            if (ov)
                return rri_failat(&c->sub, &ov->at, rc, "%s", msg);
            return rri_fail(&c->sub, rc, "%s:%zu: column '%s': %s", c->ct->path,
                            c->ct->line[k], c->ct->header[col], msg);
        }
    }
    st->service = by[0];
    st->service_by_country = by;
    return rri_scaled_ok(c, &v, by, c->nc, v.factor);
}

int rri_resolve_stage(rri_ctx *c, size_t si, rr_cfg_stage *st)
{
    rr_scenario *sc = c->sub.sc;
    const rri_section *s = &sc->sections[sc->stages[si]];
    const char *sec = s->name;
    snprintf(st->name, RR_NAME_MAX, "%s", s->sub);
    st->line = s->line;
    rri_val v;
    int rc;

    /* servers */
    if ((rc = rri_get(c, sec, "servers", "unlimited", &v)))
        return rc;
    unsigned long long n;
    bool neg;
    if (strcmp(v.text, "unlimited") == 0)
        st->servers = RR_UNLIMITED;
    else if (rri_whole(v.text, -1000000, INT_MAX, &n, &neg) && !neg) {
        double x = (double)n * v.factor;
        if (x > INT_MAX)
            return rri_failat(&c->sub, &v.at, RR_ERANGE, "too many servers: %g",
                              x);
        st->servers = (int)lround(x);
    } else
        return rri_failat(
            &c->sub, &v.at, RR_EPARSE,
            "expected a whole number >= 0 or 'unlimited', got '%s'", v.text);

    if ((rc = resolve_service(c, sec, st)))
        return rc;

    static const char *const disc[] = {"fifo", "priority"};
    char msg[512];
    if ((rc = rri_get(c, sec, "discipline", "fifo", &v)))
        return rc;
    int i = rri_choice(v.text, disc, 2, msg, sizeof msg);
    if (i < 0)
        return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s", msg);
    st->discipline = i == 0 ? RR_FIFO : RR_PRIORITY;

    if ((rc = rri_get(c, sec, "channel", NULL, &v)))
        return rc;
    st->channel = RR_CH_NONE;
    if (v.text && (rc = rri_channel_of(c, &v.at, v.text, &st->channel)))
        return rc;

    static const char *const yesno[] = {"yes", "no"};
    if ((rc = rri_get(c, sec, "detention", "no", &v)))
        return rc;
    if (rri_is_yes(v.text))
        st->detention = true;
    else if (!rri_is_no(v.text)) {
        rri_choice(v.text, yesno, 2, msg, sizeof msg);
        return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s", msg);
    }

    if ((rc = rri_get_dist(c, sec, "abscond", NULL, &st->abscond,
                           &st->has_abscond, &st->abscond_scale,
                           &c->routes[si].abscond_at)))
        return rc;
    static const char *const scope[] = {"stay", "queue"};
    if ((rc = rri_get(c, sec, "abscond_during", "stay", &v)))
        return rc;
    i = rri_choice(v.text, scope, 2, msg, sizeof msg);
    if (i < 0)
        return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s", msg);
    st->abscond_during = i == 0 ? RR_PATIENCE_STAY : RR_PATIENCE_QUEUE;
    uint32_t t;
    if ((rc = rri_get(c, sec, "abscond_to", "unsupervised", &v)) ||
        (rc = rri_target_of(c, &v, &t)) ||
        (rc = one_way(c, t, &st->route[RR_OUT_ABANDON])))
        return rc;

    st->max_stay = INFINITY;
    rri_val ms;
    if ((rc = rri_get(c, sec, "max_stay", NULL, &ms)))
        return rc;
    c->routes[si].timeout_at = ms.at;
    if ((rc = rri_get(c, sec, "release_to", NULL, &v)))
        return rc;
    if (ms.text) {
        if ((rc = rri_get_duration(c, &ms, &st->max_stay)))
            return rc;
        if (!(st->max_stay > 0))
            return rri_failat(&c->sub, &ms.at, RR_ERANGE,
                              "max_stay must be more than 0 days, got '%s'%s",
                              ms.text, rri_scaled_note(c, &ms));
        if (!v.text)
            return rri_failat(&c->sub, &ms.at, RR_EINVAL,
                              "needs 'release_to = TARGET' (the stage or exit "
                              "cases go to when the maximum stay is reached)");
    }
    if (v.text) {
        if ((rc = rri_target_of(c, &v, &t)))
            return rc;
        if (ms.text && (rc = one_way(c, t, &st->route[RR_OUT_TIMEOUT])))
            return rc;
    }
    return resolve_routes(c, si, st);
}

/* }=================================================================== */

/* {===================================================================
 * Cycles that take (almost) no time
 * ==================================================================== */

/* A case that goes round a loop of stages each of which keeps it for no
 * time at all (deterministic(0)) or for next to none (deterministic(1e-300d),
 * a max_stay of a microsecond) would make the model spin at one instant.
 * "Next to none" is a mean time under NEAR_ZERO_DAYS (one second, see
 * docs/scenarios.md); real stages take minutes at least.  A case leaves a
 * stage by one of three ways, each with its own clock:
 *   - completion, after its service (scaled by events), to a route target
 *     its country takes with a probability above 0;
 *   - absconding, after the abscond clock, to abscond_to;
 *   - the maximum stay, to release_to;
 * and a verified departure (the exit `departed`) comes back at the
 * remigration stage after the support period and the remigration delay
 * when remigration_share > 0.  A way out whose clock is near zero is an
 * edge; a cycle of edges is an error.  Routes and services may differ by
 * country, so the search runs first on the union over countries (no cycle
 * there: none anywhere, the usual case) and only then per country.  Cost:
 * O(stages + routes), times the countries only when the union has a cycle.
 * The engine bounds events per unit of simulated time as well; this check
 * says at `check` which routes are at fault. */

#define NEAR_ZERO_DAYS (1.0 / 86400.0)

static bool near_zero(double mean, double scale)
{
    return mean * scale < NEAR_ZERO_DAYS;
}

/* service_near - stage u's service is near zero for country k (any country
 * when k is SIZE_MAX). */
static bool service_near(const rri_ctx *c, const rr_cfg_stage *st, size_t k)
{
    if (!st->service_by_country)
        return near_zero(rr_dist_mean(&st->service), st->service_scale);
    if (k != SIZE_MAX)
        return near_zero(rr_dist_mean(&st->service_by_country[k]),
                         st->service_scale);
    for (size_t q = 0; q < c->nc; q++)
        if (near_zero(rr_dist_mean(&st->service_by_country[q]),
                      st->service_scale))
            return true;
    return false;
}

/* edge - the e-th way out of stage u (e < its routes + 2) for country k:
 * the stage it leads to in no time and where it is written, or false when
 * it is no such edge. */
static bool edge(const rri_ctx *c, const rr_cfg_stage *st, size_t u, size_t e,
                 size_t k, const bool *svc_near, uint32_t *to,
                 const rri_loc **at, bool *remig)
{
    const rri_stage_routes *sr = &c->routes[u];
    const rr_route_table *rt;
    uint32_t t;
    if (e < sr->n) {
        rt = &st[u].route[RR_OUT_DONE];
        if (!svc_near[u] ||
            (k == SIZE_MAX ? !sr->used[e] : !(rt->p[k * rt->n + e] > 0)))
            return false;
        t = rt->target[e];
        *at = &sr->at[e];
    } else if (e == sr->n) {
        rt = &st[u].route[RR_OUT_ABANDON];
        if (!st[u].has_abscond || rt->n == 0 ||
            !near_zero(rr_dist_mean(&st[u].abscond), st[u].abscond_scale) ||
            (st[u].abscond_during == RR_PATIENCE_QUEUE &&
             st[u].servers == RR_UNLIMITED)) /* no queue, no clock */
            return false;
        t = rt->target[0];
        *at = &sr->abscond_at;
    } else {
        rt = &st[u].route[RR_OUT_TIMEOUT];
        if (rt->n == 0 || !(st[u].max_stay < NEAR_ZERO_DAYS))
            return false;
        t = rt->target[0];
        *at = &sr->timeout_at;
    }
    *remig = t == RR_TO_EXIT(RR_EXIT_DEPARTED) && c->remig_near;
    if (*remig)
        t = c->remig_stage;
    if (RR_IS_EXIT(t))
        return false;
    *to = t;
    return true;
}

/* find_cycle - a depth-first search for a cycle of edges for country k;
 * RR_OK when there is none. */
static int find_cycle(rri_ctx *c, const rr_cfg_stage *st, size_t ns, size_t k,
                      const bool *svc_near, int *color, size_t *stack,
                      size_t *next, bool report, bool *found)
{
    *found = false;
    memset(color, 0, ns * sizeof *color);
    for (size_t root = 0; root < ns; root++) {
        if (color[root])
            continue;
        size_t depth = 0;
        stack[0] = root;
        next[0] = 0;
        color[root] = 1;
        while (depth != SIZE_MAX) {
            size_t u = stack[depth];
            uint32_t v;
            const rri_loc *at;
            bool remig;
            if (next[depth] == c->routes[u].n + 2) {
                color[u] = 2;
                depth = depth == 0 ? SIZE_MAX : depth - 1;
                continue;
            }
            size_t e = next[depth]++;
            if (!edge(c, st, u, e, k, svc_near, &v, &at, &remig))
                continue;
            if (color[v] == 1) {
                *found = true;
                if (!report)
                    return RR_OK;
                size_t from = 0;
                while (stack[from] != v)
                    from++;
                char list[700];
                size_t used = 0;
                for (size_t i = from; i <= depth + 1 && used < sizeof list;
                     i++) {
                    const char *n = st[i <= depth ? stack[i] : v].name;
                    int w = snprintf(list + used, sizeof list - used, "%s%s",
                                     i > from ? " -> " : "", n);
                    if (w < 0)
                        break;
                    used += (size_t)w;
                }
                /* blame the way out of the first stage of the loop; say
                 * when departures come back through remigration on it */
                size_t nx = from < depth ? stack[from + 1] : v;
                const rri_loc *blame = NULL;
                bool back = remig;
                for (size_t i = from; i <= depth; i++) {
                    size_t a = stack[i], b = i < depth ? stack[i + 1] : v;
                    bool hit = false;
                    for (size_t q = 0; q < c->routes[a].n + 2 && !hit; q++) {
                        uint32_t w;
                        const rri_loc *l;
                        bool r;
                        if (edge(c, st, a, q, k, svc_near, &w, &l, &r) &&
                            w == b) {
                            hit = true;
                            back = back || r;
                            if (a == v && w == nx && !blame)
                                blame = l;
                        }
                    }
                }
                const char *who =
                    k == SIZE_MAX || !c->ct
                        ? ""
                        : rri_printf(c->sub.a, " for country %s", c->cname[k]);
                return rri_failat(&c->sub, blame ? blame : at, RR_EINVAL,
                                  "routes %s form a cycle that takes no time "
                                  "(under a second at every stage%s)%s",
                                  list,
                                  back ? ", and departures come back at once "
                                         "through remigration"
                                       : "",
                                  who ? who : "");
            }
            if (color[v] == 0) {
                color[v] = 1;
                stack[++depth] = v;
                next[depth] = 0;
            }
        }
    }
    return RR_OK;
}

/* near_zero_cycle - the check described at the top of this part. */
int rri_near_zero_cycle(rri_ctx *c, const rr_config *cfg)
{
    const rr_cfg_stage *st = cfg->stages;
    size_t ns = cfg->n_stages;
    int *color = rri_alloc(c->sub.a, (ns + 1) * sizeof *color);
    size_t *stack = rri_alloc(c->sub.a, (ns + 1) * sizeof *stack);
    size_t *next = rri_alloc(c->sub.a, (ns + 1) * sizeof *next);
    bool *svc = rri_alloc(c->sub.a, (ns + 1) * sizeof *svc);
    if (!color || !stack || !next || !svc)
        return rri_oom(&c->sub);
    c->remig_near = cfg->remigration_share > 0 &&
                    near_zero(rr_dist_mean(&cfg->support) +
                                  rr_dist_mean(&cfg->remigration_delay),
                              1);
    c->remig_stage = cfg->remigration_stage;
    bool any = false, by_country = c->nc > 1, found;
    for (size_t u = 0; u < ns; u++) {
        svc[u] = service_near(c, &st[u], SIZE_MAX);
        any =
            any || svc[u] || st[u].has_abscond || st[u].route[RR_OUT_TIMEOUT].n;
    }
    if (!any)
        return RR_OK;
    int rc = find_cycle(c, st, ns, SIZE_MAX, svc, color, stack, next,
                        !by_country, &found);
    if (rc || !found || !by_country)
        return rc;
    for (size_t k = 0; k < c->nc; k++) {
        for (size_t u = 0; u < ns; u++)
            svc[u] = service_near(c, &st[u], k);
        if ((rc = find_cycle(c, st, ns, k, svc, color, stack, next, true,
                             &found)))
            return rc;
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Providers
 * ==================================================================== */

/* resolve_channels - "iom, ngo" as bits. */
static int resolve_channels(rri_ctx *c, const rri_val *v, unsigned *bits)
{
    *bits = 0;
    const char *p = v->text;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *w =
            rri_trim(c->sub.a, p, comma ? (size_t)(comma - p) : strlen(p));
        rr_channel ch = RR_CH_NONE;
        if (!w)
            return rri_oom(&c->sub);
        if (!*w)
            return rri_failat(&c->sub, &v->at, RR_EPARSE,
                              "expected a list of channels such as 'iom, ngo', "
                              "got '%s'",
                              v->text);
        int rc = rri_channel_of(c, &v->at, w, &ch);
        if (rc)
            return rc;
        *bits |= 1u << ch;
        if (!comma)
            return RR_OK;
        p = comma + 1;
    }
}

int rri_resolve_provider(rri_ctx *c, const rri_section *s, rr_cfg_provider *pv)
{
    const char *sec = s->name;
    snprintf(pv->name, RR_NAME_MAX, "%s", s->sub);
    rri_val v;
    int rc;
    if ((rc = rri_get(c, sec, "channels", NULL, &v)) ||
        (rc = resolve_channels(c, &v, &pv->channels)))
        return rc;
    long d = 0;
    pv->from = -INFINITY;
    pv->until = INFINITY;
    if ((rc = rri_get(c, sec, "from", NULL, &v)))
        return rc;
    if (v.text) {
        if ((rc = rri_date_val(c, &v, &d)))
            return rc;
        pv->from = (double)(d - c->day0);
    }
    if ((rc = rri_get(c, sec, "until", NULL, &v)))
        return rc;
    if (v.text) {
        if ((rc = rri_date_val(c, &v, &d)))
            return rc;
        pv->until = (double)(d - c->day0 + 1);
        if (pv->until <= pv->from)
            return rri_failat(&c->sub, &v.at, RR_ERANGE,
                              "until %s is before from", v.text);
    }
    double *cov = rri_alloc(c->sub.a, c->nc * sizeof *cov);
    if (!cov)
        return rri_oom(&c->sub);
    if ((rc = rri_get(c, sec, "coverage", "all", &v)))
        return rc;
    if (strcmp(v.text, "all") == 0) {
        for (size_t k = 0; k < c->nc; k++)
            cov[k] = 1;
    } else if (strncmp(v.text, "country.", 8) == 0) {
        size_t col;
        if ((rc = rri_column(c, v.text, &v.at, &col)))
            return rc;
        for (size_t k = 0; k < c->nc; k++) {
            double x;
            if ((rc = rri_cell_num(c, k, col, true, &x)))
                return rc;
            cov[k] = x != 0;
        }
    } else {
        return rri_failat(&c->sub, &v.at, RR_EPARSE,
                          "expected 'all' or country.COLUMN, got '%s'", v.text);
    }
    pv->covered = cov;
    return RR_OK;
}

/* }=================================================================== */
