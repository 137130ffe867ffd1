/*
 * shares.c - which settings are shares (rr_scenario_key_is_share): a key
 * read as a probability (a route, `vulnerable_share`, `sustainable`, ...),
 * or a parameter used only where one is, so that charts and tables can
 * show its values as percentages.
 *
 * Cost: one pass over the settings per parameter asked about, and one
 * more per parameter that uses it (a chain is followed RRI_MAX_NESTING
 * deep at most); a sweep asks once per varied key.
 */
#include <stdbool.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* share_type - a key whose value is read as a probability. */
static bool share_type(const rri_keydef *d)
{
    return d && (d->type == RRI_T_PROB || d->type == RRI_T_PROBX ||
                 d->type == RRI_T_ROUTE);
}

/* uses - value holds ${name}. */
static bool uses(const char *value, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strstr(value, "${"); p; p = strstr(p + 2, "${"))
        if (strncmp(p + 2, name, n) == 0 && p[2 + n] == '}')
            return true;
    return false;
}

/* What the uses of a parameter say. */
enum { USE_NONE, USE_SHARE, USE_OTHER };

static int param_uses(const rr_scenario *sc, const char *name, int depth);

/* change_use - the use of a parameter in an event's set./scale. setting
 * i: what the change sets. */
static int change_use(const rr_scenario *sc, size_t i, int depth)
{
    for (size_t c = 0; c < sc->n_changes; c++) {
        const rri_change *ch = &sc->changes[c];
        if (ch->setting != i)
            continue;
        if (ch->scale)
            return USE_OTHER; /* a factor, not a share */
        if (ch->kind == RRI_TGT_KEY)
            return share_type(ch->def) ? USE_SHARE : USE_OTHER;
        if (ch->kind == RRI_TGT_PARAM) {
            int u = param_uses(sc, ch->target, depth + 1);
            return u == USE_NONE ? USE_OTHER : u;
        }
        return USE_OTHER;
    }
    return USE_OTHER;
}

/* param_uses - whether every setting that uses ${name} reads it as a
 * share (USE_SHARE), some other way (USE_OTHER), or none uses it. */
static int param_uses(const rr_scenario *sc, const char *name, int depth)
{
    int seen = USE_NONE;
    if (depth > RRI_MAX_NESTING)
        return USE_OTHER;
    for (size_t i = 0; i < sc->n_settings; i++) {
        const rri_setting *st = &sc->settings[i];
        int u;
        if (!uses(st->pub.value, name))
            continue;
        if (!st->def)
            u = USE_OTHER;
        else if (st->def->type == RRI_T_PARAM)
            u = param_uses(sc, st->name, depth + 1);
        else if (st->def->type == RRI_T_SETVALUE ||
                 st->def->type == RRI_T_FACTOR)
            u = change_use(sc, i, depth);
        else
            u = share_type(st->def) ? USE_SHARE : USE_OTHER;
        if (u == USE_OTHER)
            return USE_OTHER;
        if (u == USE_SHARE)
            seen = USE_SHARE;
    }
    return seen;
}

bool rr_scenario_key_is_share(const rr_scenario *sc, const char *key)
{
    for (size_t i = 0; i < sc->n_settings; i++) {
        const rri_setting *st = &sc->settings[i];
        if (strcmp(st->pub.key, key) != 0)
            continue;
        if (st->def && st->def->type == RRI_T_PARAM)
            return param_uses(sc, st->name, 0) == USE_SHARE;
        return share_type(st->def);
    }
    return false;
}
