/*
 * unused.c - what a scenario writes that its plan never uses, checked once
 * every epoch is resolved (plan.c calls it last, so that errors in values
 * come first).  A setting that changes nothing is an error, since whoever
 * wrote it expects it to change something:
 *
 *   - a stage's abscond_to and abscond_during when the stage has no
 *     abscond, release_to when it has no max_stay, and discipline (or
 *     abscond_during = queue) when its servers are unlimited in every
 *     epoch: no case waits there;
 *   - [reintegration] remigration_delay and remigration_stage when
 *     remigration_share is 0 in every epoch, and sustainable when there is
 *     no [provider.NAME] (every reintegration is unsupported);
 *   - a stage that no case can reach (a new [stage.X] of a variant that
 *     was meant to change an existing one is the usual cause);
 *   - an event's change to a cell of a countries column that no value
 *     uses;
 *   - a parameter that only events switched off use, where its value was
 *     written with them off (a variant that switches an event off and
 *     changes its parameter).
 *
 * What decides is read over every epoch, and over the events that are
 * switched off too (an event that would give a stage its abscond keeps
 * its abscond_to in use), so that switching an event off never makes an
 * error.  A setting equal to its default is never blamed (a resolved
 * scenario writes the defaults out).  And a setting is blamed only when
 * it was written no earlier than what makes it unused (a later file, or a
 * --set, is "earlier" than none): when a variant sets remigration_share
 * to 0, its base's remigration_delay is left alone, since the variant
 * cannot remove it.  Reachability counts every route a stage has (a route
 * set to 0 too), and the values of abscond_to, release_to, the arrivals'
 * and remigration stage that later files or --set replaced.
 *
 * Cost: linear in the stages, routes, settings and changes, and in the
 * epochs' configurations.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "resolve_int.h"

#define NOT_WRITTEN INT_MAX /* the layer of a default: before any file */

typedef struct uctx {
    rr_scenario *sc;
    const rr_config *const *cfg;
    size_t n_cfg;
    const bool *on;          /* per event: switched on */
    rri_first_err fe;
    const char **listed;     /* [scenario] left_unused, item by item */
    bool *consumed;          /* ... each found unused */
    size_t n_listed;
    rri_map listed_map;      /* ... by name */
    bool oom;
} uctx;

/* listed - key is in [scenario] left_unused (and so found unused). */
static bool listed(uctx *u, const char *key)
{
    size_t it = 0, k;
    bool found = false;
    uint64_t h = rri_hash_str(RRI_HASH0, key);
    while (rri_map_next(&u->listed_map, h, &it, &k))
        if (strcmp(u->listed[k], key) == 0)
            found = u->consumed[k] = true; /* each, if listed twice */
    return found;
}

/* leave - key is left unused without fault: a variant or a --set made it
 * so (or a resolved scenario's left_unused says it was), kept for the
 * left_unused of scenario.resolved.ini, where every setting is in one
 * file and no longer says who made what unused. */
static void leave(uctx *u, const char *key)
{
    rr_scenario *sc = u->sc;
    if (rri_grow((void **)&sc->left, &sc->cap_left, sc->n_left + 1,
                 sizeof *sc->left))
        u->oom = true;
    else
        sc->left[sc->n_left++] = key;
}

/* layer - how late a setting was written: --set (-1) after the scenario
 * file (0), after its base (1), ... */
static int layer(const rri_setting *st)
{
    return st->pub.line == 0 ? -1 : st->file;
}

/* blame - the error at setting st (the first by place is reported). */
static void blame(uctx *u, const rri_setting *st, const char *fmt, ...)
    RR_PRINTF(3, 4);
static void blame(uctx *u, const rri_setting *st, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (st->pub.line == 0)
        rri_note_err(&u->fe, rri_text_pos(u->sc, 0, 0), RR_EINVAL,
                     "--set %s: %s", st->pub.key, msg);
    else
        rri_note_err(&u->fe, rri_text_pos(u->sc, st->file, st->pub.line),
                     RR_EINVAL, "%s:%d: [%s] %s: %s", st->pub.file,
                     st->pub.line, st->section, st->name, msg);
}

/* first_change - the first change (any event) of the key (sec, key), or
 * SIZE_MAX; the next is sc->ix.next[i]. */
static size_t first_change(const rr_scenario *sc, const char *sec,
                           const char *key)
{
    size_t it = 0, i;
    uint64_t h = rri_target_hash(RRI_TGT_KEY, sec, key);
    while (rri_map_next(&sc->ix.target_map, h, &it, &i))
        if (rri_target_is(&sc->changes[i], RRI_TGT_KEY, sec, key))
            return i;
    return SIZE_MAX;
}

/* set_by_off - an event that is switched off would set (sec, key). */
static bool set_by_off(const uctx *u, const char *sec, const char *key)
{
    const rr_scenario *sc = u->sc;
    for (size_t i = first_change(sc, sec, key); i != SIZE_MAX;
         i = sc->ix.next[i])
        if (!sc->changes[i].scale && !u->on[sc->changes[i].event])
            return true;
    return false;
}

/* value_of - setting i's value with ${...} substituted (as written when
 * that fails: the failure is an error of its own elsewhere). */
static const char *value_of(rr_scenario *sc, size_t i)
{
    char msg[256];
    const char *t = rri_resolved_setting(sc, i, msg, sizeof msg);
    return t ? t : sc->settings[i].pub.value;
}

static bool same_text(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    a = rr_trim_span(a, &na);
    b = rr_trim_span(b, &nb);
    return na == nb && memcmp(a, b, na) == 0;
}

/* A key that decides whether another is used. */
typedef struct dep {
    rri_sec_kind kind;       /* of sec */
    const char *sec, *key;   /* the key that may be unused */
    const char *only;        /* blamed only with this value (NULL: any but
                                the default) */
    int decider;             /* layer of what makes it unused */
    const char *why;         /* the message */
} dep;

/* check_one - setting i (the key as written, or an event's set. of it)
 * when d's key is unused. */
static void check_one(uctx *u, size_t i, const dep *d, const char *def)
{
    const rri_setting *st = &u->sc->settings[i];
    const char *v = value_of(u->sc, i);
    if (d->only ? !same_text(v, d->only) : def && same_text(v, def))
        return; /* it would change nothing either way */
    if (listed(u, st->pub.key) || layer(st) > d->decider) {
        leave(u, st->pub.key); /* written before what leaves it unused */
        return;
    }
    blame(u, st, "%s", d->why);
}

/* check_dep - d's key, written and set by events that are on, when it is
 * unused. */
static void check_dep(uctx *u, const dep *d)
{
    rr_scenario *sc = u->sc;
    long s = rri_setting_find(sc, d->sec, d->key);
    long si = rri_section_find(sc, d->sec);
    rri_section tmp = {d->kind, (char *)d->sec, "", 0, 0};
    const rri_section *sp = si >= 0 ? &sc->sections[si] : &tmp;
    const rri_keydef *kd = rri_keydef_find(d->kind, d->key);
    const char *def = kd ? rri_default_value(sc, sp, kd) : NULL;
    if (s >= 0)
        check_one(u, (size_t)s, d, def);
    for (size_t i = first_change(sc, d->sec, d->key); i != SIZE_MAX;
         i = sc->ix.next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!ch->scale && u->on[ch->event])
            check_one(u, ch->setting, d, def);
    }
}

/* decider - the layer of the setting (sec, key) that decides, or
 * NOT_WRITTEN. */
static int decider(const rr_scenario *sc, const char *sec, const char *key)
{
    long s = rri_setting_find(sc, sec, key);
    return s >= 0 ? layer(&sc->settings[s]) : NOT_WRITTEN;
}

/* {===================================================================
 * Keys
 * ==================================================================== */

static void check_stages(uctx *u)
{
    rr_scenario *sc = u->sc;
    for (size_t si = 0; si < sc->n_stages; si++) {
        const char *sec = sc->sections[sc->stages[si]].name;
        bool abscond = set_by_off(u, sec, "abscond");
        bool timeout = set_by_off(u, sec, "max_stay");
        bool queue = set_by_off(u, sec, "servers");
        for (size_t e = 0; e < u->n_cfg; e++) {
            const rr_cfg_stage *st = &u->cfg[e]->stages[si];
            abscond = abscond || st->has_abscond;
            timeout = timeout || isfinite(st->max_stay);
            queue = queue || st->servers != RR_UNLIMITED;
        }
        if (!abscond) {
            int dl = decider(sc, sec, "abscond");
            const char *why = "never used: cases do not abscond at this "
                              "stage (it has no 'abscond')";
            dep a = {RRI_SEC_STAGE, sec, "abscond_to", NULL, dl, why};
            dep b = {RRI_SEC_STAGE, sec, "abscond_during", NULL, dl, why};
            check_dep(u, &a);
            check_dep(u, &b);
        } else if (!queue) {
            dep b = {RRI_SEC_STAGE, sec, "abscond_during", "queue",
                     decider(sc, sec, "servers"),
                     "with unlimited servers no case waits at this stage, "
                     "so an 'abscond' clock that runs only while a case "
                     "waits never runs"};
            check_dep(u, &b);
        }
        if (!timeout) {
            dep r = {RRI_SEC_STAGE, sec, "release_to", NULL,
                     decider(sc, sec, "max_stay"),
                     "never used: the stage has no 'max_stay'"};
            check_dep(u, &r);
        }
        if (!queue) {
            dep q = {RRI_SEC_STAGE, sec, "discipline", NULL,
                     decider(sc, sec, "servers"),
                     "never used: with unlimited servers no case waits at "
                     "this stage, so the order of the queue does not "
                     "matter"};
            check_dep(u, &q);
        }
    }
}

static void check_reintegration(uctx *u)
{
    rr_scenario *sc = u->sc;
    bool remig = set_by_off(u, "reintegration", "remigration_share");
    for (size_t e = 0; e < u->n_cfg; e++)
        remig = remig || u->cfg[e]->remigration_share > 0;
    if (!remig) {
        int dl = decider(sc, "reintegration", "remigration_share");
        const char *why = "never used: remigration_share is 0, so no case "
                          "comes back";
        dep a = {RRI_SEC_REINTEGRATION, "reintegration", "remigration_delay",
                 NULL, dl, why};
        dep b = {RRI_SEC_REINTEGRATION, "reintegration", "remigration_stage",
                 NULL, dl, why};
        check_dep(u, &a);
        check_dep(u, &b);
    }
    if (u->n_cfg && u->cfg[0]->n_providers == 0) {
        dep s = {RRI_SEC_REINTEGRATION, "reintegration", "sustainable", NULL,
                 NOT_WRITTEN,
                 "never used: there is no [provider.NAME], so no "
                 "reintegration is supported (sustainable_unsupported "
                 "applies to all)"};
        check_dep(u, &s);
    }
}

/* in_off_event - setting i is written in an event that is switched off. */
static bool in_off_event(const uctx *u, size_t i)
{
    const rri_setting *st = &u->sc->settings[i];
    return st->sec >= 0 && u->sc->sec_event[st->sec] != SIZE_MAX &&
           !u->on[u->sc->sec_event[st->sec]];
}

static const char *text_on(const rr_scenario *sc, size_t i, void *ctx)
{
    return in_off_event(ctx, i) ? NULL : rri_value_text(sc, i, NULL);
}

/* mark_off - the parameters event e's settings use, directly or through
 * others: min_layer[p] gets the latest layer that switched off an event
 * using p, and by[p] that event.  seen and queue are scratch space (seen
 * all false, and left so). */
static void mark_off(uctx *u, size_t e, int off_layer, int *min_layer,
                     size_t *by, bool *seen, size_t *queue)
{
    rr_scenario *sc = u->sc;
    size_t n, tail = 0, len;
    const size_t *own =
        rri_section_settings(sc, sc->sections[sc->events[e]].name, &n);
    const char *name;
    /* the event's own values, then each parameter found, in turn */
    for (size_t k = 0; k < n + tail; k++) {
        const char *t = k < n ? sc->settings[own[k]].pub.value
                              : sc->settings[queue[k - n]].pub.value;
        while (rri_ref_next(&t, &name, &len)) {
            long p = rri_param_setting(sc, name, len);
            if (p >= 0 && !seen[p]) {
                seen[p] = true;
                queue[tail++] = (size_t)p;
            }
        }
    }
    for (size_t q = 0; q < tail; q++) {
        size_t p = queue[q];
        seen[p] = false;
        if (off_layer < min_layer[p]) {
            min_layer[p] = off_layer;
            by[p] = e;
        }
    }
}

/* check_params_off - a parameter that only events switched off use
 * changes nothing in this run: an error where its value was changed (by
 * a variant or a --set) no earlier than the last of those events was
 * switched off.  A variant that switches an event off leaves its base's
 * parameters alone, and a file may declare an event off with its
 * parameters (for variants to switch on). */
static int check_params_off(uctx *u)
{
    rr_scenario *sc = u->sc;
    size_t ns = sc->n_settings;
    bool *used = malloc((ns + 1) * sizeof *used);
    bool *seen = calloc(ns + 1, sizeof *seen);
    int *min_layer = malloc((ns + 1) * sizeof *min_layer);
    size_t *by = malloc((ns + 1) * sizeof *by);
    size_t *queue = malloc((ns + 1) * sizeof *queue);
    int rc = RR_ENOMEM;
    if (!used || !seen || !min_layer || !by || !queue ||
        rri_params_used(sc, text_on, u, used) != RR_OK)
        goto out;
    for (size_t i = 0; i < ns; i++)
        min_layer[i] = NOT_WRITTEN;
    for (size_t e = 0; e < sc->n_events; e++) {
        if (u->on[e])
            continue;
        long en = rri_setting_find(sc, sc->sections[sc->events[e]].name,
                                   "enabled");
        mark_off(u, e, en >= 0 ? layer(&sc->settings[en]) : NOT_WRITTEN,
                 min_layer, by, seen, queue);
    }
    for (size_t i = 0; i < ns; i++) {
        const rri_setting *st = &sc->settings[i];
        /* a value changed (by a variant or --set) no earlier than the
         * events using it were switched off; a base may declare an event
         * off, with its parameters, for variants to switch on */
        bool changed = st->pub.line == 0 || st->file != st->decl_file;
        if (!rri_is_param(st) || used[i] || min_layer[i] == NOT_WRITTEN ||
            layer(st) > min_layer[i] || (layer(st) == min_layer[i] && !changed))
            continue;
        blame(u, st,
              "no setting in use uses this parameter: only event %s does, "
              "and it is switched off (enabled = no)",
              sc->sections[sc->events[by[i]]].sub);
    }
    rc = RR_OK;
out:
    free(used);
    free(seen);
    free(min_layer);
    free(by);
    free(queue);
    return rc;
}

/* }=================================================================== */

/* {===================================================================
 * Stages no case reaches
 * ==================================================================== */

typedef struct reach {
    uctx *u;
    bool history;     /* count the values later files and --set replaced */
    bool *seen;
    size_t *queue;
    size_t tail;
} reach;

/* visit - stage s is reached. */
static void visit(reach *r, long s)
{
    if (s >= 0 && !r->seen[s]) {
        r->seen[s] = true;
        r->queue[r->tail++] = (size_t)s;
    }
}

/* stage_named - the stage a value names (substituted), or -1. */
static long stage_named(rr_scenario *sc, const char *text)
{
    char msg[256];
    const char *t = rri_subst_plain(sc, text, msg, sizeof msg);
    if (!t)
        return -1;
    size_t n = strlen(t);
    t = rr_trim_span(t, &n);
    char buf[RR_NAME_MAX];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, t, n);
    buf[n] = '\0';
    return rri_stage_index(sc, buf);
}

/* Edges: counted (pass 0), then filled (pass 1). */
typedef struct edges {
    size_t *count;    /* per stage */
    size_t *fill;
    uint32_t *to;
    int pass;
} edges;

static void edge(edges *g, long from, long to)
{
    if (from < 0 || to < 0)
        return;
    if (g->pass == 0)
        g->count[from]++;
    else
        g->to[g->fill[from]++] = (uint32_t)to;
}

/* replaced_stage - every value a later file or a --set replaced of key
 * (sec may be NULL: any stage's key), as an edge from its stage (or as an
 * entry when `entry`). */
static void replaced_targets(reach *r, edges *g, const char *key, bool entry,
                             const char *sec)
{
    rr_scenario *sc = r->u->sc;
    for (size_t i = 0; r->history && i < sc->n_replaced; i++) {
        const rri_replaced *x = &sc->replaced[i];
        if (strcmp(x->name, key) != 0 ||
            (sec ? strcmp(x->section, sec) != 0
                 : strncmp(x->section, "stage.", 6) != 0))
            continue;
        long to = stage_named(sc, x->value);
        if (entry) {
            if (g->pass == 1)
                visit(r, to);
        } else {
            edge(g, rri_stage_index(sc, x->section + 6), to);
        }
    }
}

/* off_edges - what switched-off events would route to, and where they
 * would let cases in. */
static void off_edges(reach *r, edges *g)
{
    rr_scenario *sc = r->u->sc;
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        if (r->u->on[ch->event] || ch->kind != RRI_TGT_KEY || ch->scale)
            continue;
        const char *t = ch->target;
        const char *v = sc->settings[ch->setting].pub.value;
        if (strcmp(t, "arrivals.stage") == 0 ||
            strcmp(t, "reintegration.remigration_stage") == 0) {
            if (g->pass == 1)
                visit(r, stage_named(sc, v));
            continue;
        }
        if (strncmp(t, "stage.", 6) != 0)
            continue;
        const char *dot = strchr(t + 6, '.');
        if (!dot)
            continue;
        char name[RR_NAME_MAX];
        size_t n = (size_t)(dot - (t + 6));
        if (n >= sizeof name)
            continue;
        memcpy(name, t + 6, n);
        name[n] = '\0';
        long from = rri_stage_index(sc, name);
        if (strncmp(dot + 1, "route.", 6) == 0)
            edge(g, from, rri_stage_index(sc, dot + 7));
        else if (strcmp(dot + 1, "abscond_to") == 0 ||
                 strcmp(dot + 1, "release_to") == 0)
            edge(g, from, stage_named(sc, v));
    }
}

/* all_edges - the routes of every stage in every epoch, then what
 * replaced values and switched-off events add. */
static void all_edges(reach *r, edges *g)
{
    const uctx *u = r->u;
    for (size_t e = 0; e < u->n_cfg; e++)
        for (size_t s = 0; s < u->sc->n_stages; s++)
            for (int w = 0; w < RR_OUT_COUNT; w++) {
                const rr_route_table *t = &u->cfg[e]->stages[s].route[w];
                for (uint32_t k = 0; k < t->n; k++)
                    if (!RR_IS_EXIT(t->target[k]))
                        edge(g, (long)s, (long)t->target[k]);
            }
    replaced_targets(r, g, "abscond_to", false, NULL);
    replaced_targets(r, g, "release_to", false, NULL);
    off_edges(r, g);
}

/* entries - where cases enter: the arrivals and remigration stages of
 * every epoch (and as replaced), and the starting caseload's stages. */
static void entries(reach *r, edges *g)
{
    rr_scenario *sc = r->u->sc;
    for (size_t e = 0; e < r->u->n_cfg; e++) {
        visit(r, (long)r->u->cfg[e]->entry_stage);
        visit(r, (long)r->u->cfg[e]->remigration_stage);
    }
    replaced_targets(r, g, "stage", true, "arrivals");
    replaced_targets(r, g, "remigration_stage", true, "reintegration");
    /* the first stage, where cases arrived before a later file (or a
     * --set) wrote arrivals.stage */
    long a = rri_setting_find(sc, "arrivals", "stage");
    if (r->history && a >= 0 && sc->n_stages &&
        layer(&sc->settings[a]) < sc->sections[sc->stages[0]].file)
        visit(r, 0);
    if (sc->caseload_input >= 0) {
        const rr_table *t = sc->inputs[sc->caseload_input].table;
        int c = rr_table_col(t, "stage");
        for (size_t k = 0; c >= 0 && k < t->n_rows; k++)
            visit(r, rri_stage_index(sc, rr_table_cell(t, k, (size_t)c)));
    }
}

/* reached - r.seen for every stage some case reaches; RR_OK or
 * RR_ENOMEM. */
static int reached(reach *r)
{
    size_t ns = r->u->sc->n_stages;
    edges g = {calloc(ns + 1, sizeof(size_t)), calloc(ns + 1, sizeof(size_t)),
               NULL, 0};
    int rc = RR_ENOMEM;
    if (!g.count || !g.fill)
        goto out;
    all_edges(r, &g);
    size_t total = 0;
    for (size_t s = 0; s < ns; s++) {
        g.fill[s] = total;
        total += g.count[s];
    }
    if (!(g.to = malloc((total + 1) * sizeof *g.to)))
        goto out;
    g.pass = 1;
    all_edges(r, &g);
    entries(r, &g);
    for (size_t head = 0; head < r->tail; head++) {
        size_t s = r->queue[head];
        size_t from = g.fill[s] - g.count[s];
        for (size_t k = from; k < g.fill[s]; k++)
            visit(r, (long)g.to[k]);
    }
    rc = RR_OK;
out:
    free(g.count);
    free(g.fill);
    free(g.to);
    return rc;
}

/* check_reach - a stage no case reaches.  One that only a value a later
 * file or a --set replaced led to is left unused without fault. */
static int check_reach(uctx *u)
{
    rr_scenario *sc = u->sc;
    size_t ns = sc->n_stages;
    reach now = {u, false, calloc(ns + 1, sizeof(bool)),
                 calloc(ns + 1, sizeof(size_t)), 0};
    reach before = {u, true, calloc(ns + 1, sizeof(bool)),
                    calloc(ns + 1, sizeof(size_t)), 0};
    int rc = RR_ENOMEM;
    if (!now.seen || !now.queue || !before.seen || !before.queue ||
        reached(&now) != RR_OK || reached(&before) != RR_OK)
        goto out;
    /* the first by place, then its message (a suggestion looks at every
     * stage: once, not once per stage no case reaches) */
    size_t first = SIZE_MAX;
    long long at = 0;
    for (size_t s = 0; s < ns; s++) {
        const rri_section *sec = &sc->sections[sc->stages[s]];
        if (now.seen[s])
            continue;
        if (listed(u, sec->name) || before.seen[s]) {
            leave(u, sec->name);
            continue;
        }
        long long pos = rri_text_pos(sc, sec->file, sec->line);
        if (first == SIZE_MAX || pos < at) {
            first = s;
            at = pos;
        }
    }
    if (first != SIZE_MAX) {
        const rri_section *sec = &sc->sections[sc->stages[first]];
        const char *like = rri_similar_section(sc, sec);
        char hint[200] = "";
        if (like)
            snprintf(hint, sizeof hint, " (did you mean [stage.%s]?)", like);
        rri_note_err(&u->fe, at, RR_EINVAL,
                     "%s:%d: [%s]: no case ever reaches this stage: no "
                     "route, abscond_to or release_to leads here, and cases "
                     "neither arrive nor start here%s",
                     sc->files[sec->file].path, sec->line, sec->name, hint);
    }
    rc = RR_OK;
out:
    free(now.seen);
    free(now.queue);
    free(before.seen);
    free(before.queue);
    return rc;
}

/* }=================================================================== */

/* {===================================================================
 * Countries columns
 * ==================================================================== */

/* mark_columns - the countries columns text names as country.COL, in
 * used. */
static void mark_columns(const rr_table *t, const char *text, bool *used)
{
    for (const char *p = strstr(text, "country."); p;
         p = strstr(p + 1, "country.")) {
        const char *a = p + 8, *e = a;
        while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
               (*e >= '0' && *e <= '9') || *e == '_' || *e == '-')
            e++;
        for (size_t c = 0; c < t->n_cols; c++)
            if (strlen(t->header[c]) == (size_t)(e - a) &&
                memcmp(t->header[c], a, (size_t)(e - a)) == 0)
                used[c] = true;
    }
}

static void check_cells(uctx *u)
{
    rr_scenario *sc = u->sc;
    if (sc->countries_input < 0 || !sc->col_used)
        return;
    const rr_table *t = sc->inputs[sc->countries_input].table;
    bool *before = calloc(t->n_cols + 1, sizeof *before);
    if (!before) {
        u->oom = true;
        return;
    }
    /* switched-off events' values may name columns; so may the values
     * that later files or --set replaced (then the change is left unused
     * without fault) */
    for (size_t i = 0; i < sc->n_changes; i++)
        if (!u->on[sc->changes[i].event])
            mark_columns(t, sc->settings[sc->changes[i].setting].pub.value,
                         sc->col_used);
    for (size_t i = 0; i < sc->n_replaced; i++)
        mark_columns(t, sc->replaced[i].value, before);
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        const rri_setting *st = &sc->settings[ch->setting];
        if (ch->kind != RRI_TGT_CELL || !u->on[ch->event] ||
            sc->col_used[ch->col])
            continue;
        if (listed(u, st->pub.key) || before[ch->col])
            leave(u, st->pub.key);
        else
            blame(u, st,
                  "no value uses column '%s' of %s, so this changes "
                  "nothing",
                  t->header[ch->col], t->path);
    }
    free(before);
}

/* }=================================================================== */

/* read_listed - [scenario] left_unused, item by item (comma-separated),
 * into u; RR_OK or RR_ENOMEM. */
static int read_listed(uctx *u, long s)
{
    rr_scenario *sc = u->sc;
    const char *v = sc->settings[s].pub.value;
    size_t n = 1;
    for (const char *p = v; *p; p++)
        n += *p == ',';
    u->listed = rri_alloc(&sc->arena, n * sizeof *u->listed);
    u->consumed = calloc(n, sizeof *u->consumed);
    if (!u->listed || !u->consumed)
        return RR_ENOMEM;
    for (const char *p = v;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *item = rri_trim(&sc->arena, p, len);
        if (!item)
            return RR_ENOMEM;
        if (*item && rri_map_add(&u->listed_map, rri_hash_str(RRI_HASH0, item),
                                 u->n_listed))
            return RR_ENOMEM;
        if (*item)
            u->listed[u->n_listed++] = item;
        if (!e)
            break;
        p = e + 1;
    }
    return RR_OK;
}

int rri_check_unused_plan(rr_scenario *sc, const rr_config *const *cfg,
                          size_t n_cfg, const bool *on, char *err,
                          size_t errlen)
{
    uctx u = {sc, cfg, n_cfg, on, {0, RR_OK, ""}, NULL, NULL, 0, {0}, false};
    long ls = rri_setting_find(sc, "scenario", "left_unused");
    int rc = RR_OK;
    sc->n_left = 0;
    if (ls >= 0 && read_listed(&u, ls) != RR_OK)
        rc = RR_ENOMEM;
    if (rc == RR_OK) {
        check_stages(&u);
        check_reintegration(&u);
        check_cells(&u);
        if (check_params_off(&u) != RR_OK || check_reach(&u) != RR_OK)
            u.oom = true;
    }
    for (size_t k = 0; rc == RR_OK && k < u.n_listed; k++)
        if (!u.consumed[k])
            blame(&u, &sc->settings[ls],
                  "'%s' is not left unused: it is used, or names no setting "
                  "or stage (the list, which scenario.resolved.ini writes, "
                  "names what its scenario leaves unused)",
                  u.listed[k]);
    free(u.consumed);
    rri_map_fini(&u.listed_map);
    if (rc != RR_OK || u.oom)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    if (u.fe.status != RR_OK)
        return rr_err_set(err, errlen, u.fe.status, "%s", u.fe.msg);
    return RR_OK;
}
