/*
 * events.c - the changes policy events make: every set.KEY and scale.KEY
 * of every [event.NAME], checked when the scenario is loaded (the key
 * must exist and be one events may change, a countries cell must exist),
 * then indexed by target (sc->ix) so that resolving a value finds the
 * changes to it in their number, not by a scan of all.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* cell_target - "country.CODE.COL": the row and column, or a message. */
static bool cell_target(rr_scenario *sc, const char *key, size_t *row,
                        size_t *col, char *msg, size_t n)
{
    if (sc->countries_input < 0) {
        snprintf(msg, n,
                 "'%s' names a countries cell, but there is no [countries] "
                 "file",
                 key);
        return false;
    }
    const rr_table *t = sc->inputs[sc->countries_input].table;
    const char *code = key + 8;
    const char *dot = strchr(code, '.');
    if (!dot || dot == code || !dot[1]) {
        snprintf(msg, n, "expected country.CODE.COLUMN, got '%s'", key);
        return false;
    }
    int cc = rr_table_col(t, "country");
    long r = rri_country_row(sc, code, (size_t)(dot - code));
    if (r < 0) {
        snprintf(msg, n, "no country '%.*s' in %s", (int)(dot - code), code,
                 t->path);
        return false;
    }
    int c = rr_table_col(t, dot + 1);
    if (c < 0 || c == cc) {
        rri_words ws = {0};
        for (size_t i = 0; i < t->n_cols; i++)
            if ((int)i != cc)
                rri_words_add(&ws, t->header[i]);
        const char *g = rri_suggest(dot + 1, ws.w, ws.n);
        if (g)
            snprintf(msg, n, "no column '%s' in %s (did you mean '%s'?)",
                     dot + 1, t->path, g);
        else
            snprintf(msg, n, "no column '%s' in %s", dot + 1, t->path);
        free(ws.w);
        return false;
    }
    *row = (size_t)r;
    *col = (size_t)c;
    return true;
}

static const char *type_word(rri_type t)
{
    switch (t) {
    case RRI_T_TEXT:
    case RRI_T_NAME: return "text";
    case RRI_T_DATE: return "a date";
    case RRI_T_REPORT:
    case RRI_T_DISCIPLINE:
    case RRI_T_SCOPE:
    case RRI_T_BOOL:
    case RRI_T_CHANNEL: return "a choice";
    case RRI_T_PATH: return "a file";
    case RRI_T_STAGE:
    case RRI_T_TARGET: return "a stage name";
    case RRI_T_DIST: return "a distribution";
    case RRI_T_CHANNELS: return "a list of channels";
    case RRI_T_COVERAGE: return "a coverage";
    default: return "not a number";
    }
}

/* build_changes - every set./scale. of every event, checked. */
static int build_changes(rr_scenario *sc, char *err, size_t errlen)
{
    sc->changes =
        rri_alloc(&sc->arena, (sc->n_settings + 1) * sizeof *sc->changes);
    if (!sc->changes)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n_settings; i++) {
        rri_setting *st = &sc->settings[i];
        if (!st->def ||
            (st->def->type != RRI_T_SETVALUE && st->def->type != RRI_T_FACTOR))
            continue;
        rri_change *ch = &sc->changes[sc->n_changes];
        memset(ch, 0, sizeof *ch);
        ch->setting = i;
        ch->scale = st->def->type == RRI_T_FACTOR;
        if (st->sec >= 0 && sc->sec_event[st->sec] != SIZE_MAX)
            ch->event = sc->sec_event[st->sec];
        const char *key = st->name + (ch->scale ? 6 : 4);
        ch->target = (char *)key;
        char msg[600];
        bool ok = true;
        if (strncmp(key, "country.", 8) == 0) {
            ch->kind = RRI_TGT_CELL;
            ok = cell_target(sc, key, &ch->row, &ch->col, msg, sizeof msg);
        } else {
            char *section;
            const char *name;
            int why;
            const rri_keydef *d = rri_check_dotted(
                sc, key, true, &section, &name, msg, sizeof msg, &why);
            if (!d && why == RR_ENOMEM)
                return rr_err_set(err, errlen, why, "out of memory");
            ok = d != NULL;
            if (ok && d->type == RRI_T_PARAM) {
                ch->kind = RRI_TGT_PARAM;
            } else if (ok) {
                ch->kind = RRI_TGT_KEY;
                ch->def = d;
                if (!(d->flags & RRI_EVENT)) {
                    snprintf(msg, sizeof msg,
                             "events cannot change '%s' (only arrivals, "
                             "stage, reintegration, provider and parameter "
                             "settings and countries cells)",
                             key);
                    ok = false;
                } else if (ch->scale && !(d->flags & RRI_SCALE)) {
                    snprintf(msg, sizeof msg,
                             "cannot scale '%s', which is %s (use "
                             "set.%s = ... instead)",
                             key, type_word(d->type), key);
                    ok = false;
                }
            }
        }
        if (!ok && st->pub.line == 0)
            return rr_err_set(err, errlen, RR_EPARSE, "--set %s: %s",
                              st->pub.key, msg);
        if (!ok)
            return rr_err_set(err, errlen, RR_EPARSE, "%s:%d: [%s] %s: %s",
                              st->pub.file, st->pub.line, st->section, st->name,
                              msg);
        sc->n_changes++;
    }
    return RR_OK;
}

/* stage_of_target - the stage a route change's target "stage.X.route.Y"
 * belongs to, or -1. */
static long stage_of_target(const rr_scenario *sc, const char *t)
{
    if (strncmp(t, "stage.", 6) != 0)
        return -1;
    const char *name = t + 6, *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name), it = 0, i;
    uint64_t h = rri_hash(RRI_HASH0, name, n);
    while (rri_map_next(&sc->stage_map, h, &it, &i)) {
        const char *sub = sc->sections[sc->stages[i]].sub;
        if (strlen(sub) == n && memcmp(sub, name, n) == 0)
            return (long)i;
    }
    return -1;
}

/* index_changes - the changes grouped by target, by stage (routes) and by
 * event, into sc->ix; RR_OK or RR_ENOMEM.  Linear in the changes. */
static int index_changes(rr_scenario *sc)
{
    rri_change_ix *r = &sc->ix;
    size_t n = sc->n_changes + 1, ns = sc->n_stages + 1, ne = sc->n_events + 2;
    r->next = rri_alloc(&sc->arena, n * sizeof *r->next);
    r->tail = rri_alloc(&sc->arena, n * sizeof *r->tail);
    r->route_next = rri_alloc(&sc->arena, n * sizeof *r->route_next);
    r->route_head = rri_alloc(&sc->arena, ns * sizeof *r->route_head);
    size_t *route_tail = rri_alloc(&sc->arena, ns * sizeof *route_tail);
    r->ev_start = rri_alloc(&sc->arena, ne * sizeof *r->ev_start);
    r->ev_list = rri_alloc(&sc->arena, n * sizeof *r->ev_list);
    size_t *fill = rri_alloc(&sc->arena, ne * sizeof *fill);
    if (!r->next || !r->tail || !r->route_next || !r->route_head ||
        !route_tail || !r->ev_start || !r->ev_list || !fill)
        return RR_ENOMEM;
    for (size_t s = 0; s < ns; s++)
        r->route_head[s] = SIZE_MAX;
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        r->next[i] = r->route_next[i] = SIZE_MAX;
        uint64_t h = rri_target_hash(ch->kind, ch->target, NULL);
        size_t it = 0, head = SIZE_MAX, j;
        while (rri_map_next(&r->target_map, h, &it, &j))
            if (rri_target_is(&sc->changes[j], ch->kind, ch->target, NULL)) {
                head = j;
                break;
            }
        if (head == SIZE_MAX) {
            if (rri_map_add(&r->target_map, h, i))
                return RR_ENOMEM;
            r->tail[i] = i;
        } else {
            r->next[r->tail[head]] = i;
            r->tail[head] = i;
        }
        if (ch->kind == RRI_TGT_KEY && ch->def->type == RRI_T_ROUTE) {
            long s = stage_of_target(sc, ch->target);
            if (s >= 0) {
                if (r->route_head[s] == SIZE_MAX)
                    r->route_head[s] = i;
                else
                    r->route_next[route_tail[s]] = i;
                route_tail[s] = i;
            }
        }
        r->ev_start[ch->event + 1]++;
    }
    for (size_t e = 0; e + 1 < ne; e++)
        r->ev_start[e + 1] += r->ev_start[e];
    for (size_t e = 0; e + 1 < ne; e++)
        fill[e] = r->ev_start[e];
    for (size_t i = 0; i < sc->n_changes; i++)
        r->ev_list[fill[sc->changes[i].event]++] = i;
    return RR_OK;
}

int rri_build_changes(rr_scenario *sc, char *err, size_t errlen)
{
    int rc = build_changes(sc, err, errlen);
    if (rc == RR_OK && index_changes(sc) != RR_OK)
        rc = rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    return rc;
}
