/*
 * check.c - checking what was read: the kind and name of every section,
 * every key against the known ones (suggesting the nearest on a typo), the
 * parameters' source notes, --set overrides (each value must be one a
 * scenario file can hold, since scenario.resolved.ini writes it back),
 * required keys, and the lists the later steps look things up in.
 *
 * Errors of one pass over the text are collected by position
 * (rri_first_err) so that the one nearest the top of the scenario is
 * reported, whatever order the checks run in.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* {===================================================================
 * Sections and keys
 * ==================================================================== */

bool rri_valid_chars(const char *s, bool upper, bool dash)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        int c = (unsigned char)*s;
        if (!(islower(c) || isdigit(c) || c == '_' || (upper && isupper(c)) ||
              (dash && c == '-')))
            return false;
    }
    return true;
}

static bool param_name_ok(const char *s)
{
    if (!(isalpha((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

static bool is_exit(const char *s)
{
    return strcmp(s, "departed") == 0 || strcmp(s, "unsupervised") == 0 ||
           strcmp(s, "closed") == 0;
}

/* rri_text_pos - a place in the scenario's text, for rri_first_err: the
 * files in the order they are applied (the deepest base first), then
 * lines. */
long long rri_text_pos(const rr_scenario *sc, int file, int line)
{
    return ((long long)sc->n_files - 1 - file) * ((long long)INT_MAX + 1) +
           line;
}

/* unknown_section - the message for a section of no known kind, with a
 * suggestion that keeps the name after the dot. */
static void unknown_section(rr_scenario *sc, const rri_section *s,
                            const char *dot, rri_first_err *fe)
{
    char cand[RRI_SEC_COUNT][160];
    const char *cp[RRI_SEC_COUNT];
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        if (rri_sec_named((rri_sec_kind)k))
            snprintf(cand[k], sizeof cand[k], "%s.%s", rri_sec_name(k),
                     dot ? dot + 1 : "");
        else
            snprintf(cand[k], sizeof cand[k], "%s", rri_sec_name(k));
        cp[k] = cand[k];
    }
    const char *g = rri_suggest(s->name, cp, RRI_SEC_COUNT);
    if (g)
        rri_note_err(fe, rri_text_pos(sc, s->file, s->line), RR_EPARSE,
                     "%s:%d: [%s]: unknown section (did you mean [%s]?)",
                     sc->files[s->file].path, s->line, s->name, g);
    else
        rri_note_err(fe, rri_text_pos(sc, s->file, s->line), RR_EPARSE,
                     "%s:%d: [%s]: unknown section (sections are "
                     "scenario, parameters, arrivals, countries, "
                     "stage.NAME, reintegration, provider.NAME, "
                     "event.NAME and start)",
                     sc->files[s->file].path, s->line, s->name);
}

/* check_section - the kind of section s from its name, and its name after
 * the dot; a fault is noted in fe. */
static void check_section(rr_scenario *sc, rri_section *s, rri_first_err *fe)
{
    const char *dot = strchr(s->name, '.');
    const char *path = sc->files[s->file].path;
    long long pos = rri_text_pos(sc, s->file, s->line);
    size_t head = dot ? (size_t)(dot - s->name) : strlen(s->name);
    s->kind = RRI_SEC_COUNT;
    for (int k = 0; k < RRI_SEC_COUNT; k++)
        if (strlen(rri_sec_name(k)) == head &&
            strncmp(s->name, rri_sec_name(k), head) == 0)
            s->kind = (rri_sec_kind)k;
    if (s->kind == RRI_SEC_COUNT) {
        unknown_section(sc, s, dot, fe);
    } else if (rri_sec_named(s->kind) != (dot != NULL)) {
        if (dot)
            rri_note_err(fe, pos, RR_EPARSE,
                         "%s:%d: [%s]: unknown section ([%s] takes no name)",
                         path, s->line, s->name, rri_sec_name(s->kind));
        else
            rri_note_err(fe, pos, RR_EPARSE,
                         "%s:%d: [%s]: a %s section needs a name, as in "
                         "[%s.%s]",
                         path, s->line, s->name, s->name, s->name,
                         s->kind == RRI_SEC_STAGE      ? "talks"
                         : s->kind == RRI_SEC_PROVIDER ? "iom"
                                                       : "covid");
    } else if (dot) {
        s->sub = dot + 1;
        if (s->kind != RRI_SEC_STAGE && !rri_valid_chars(s->sub, true, true))
            rri_note_err(fe, pos, RR_EPARSE,
                         "%s:%d: [%s]: a %s name uses only letters, digits, "
                         "_ and -, got '%s'",
                         path, s->line, s->name, rri_sec_name(s->kind),
                         s->sub);
        else if (s->kind == RRI_SEC_STAGE &&
                 !rri_valid_chars(s->sub, false, false))
            rri_note_err(fe, pos, RR_EPARSE,
                         "%s:%d: [%s]: a stage name uses only a-z, 0-9 "
                         "and _, got '%s'",
                         path, s->line, s->name, s->sub);
        else if (s->kind == RRI_SEC_STAGE && is_exit(s->sub))
            rri_note_err(fe, pos, RR_EPARSE,
                         "%s:%d: [%s]: '%s' is an exit, not a stage; "
                         "pick another name",
                         path, s->line, s->name, s->sub);
    }
}

/* rri_check_sections - the kind of every section header, checked; then
 * the stages and events in file order. */
int rri_check_sections(rr_scenario *sc, char *err, size_t errlen)
{
    rri_first_err fe = {0, RR_OK, ""};
    for (size_t i = 0; i < sc->n_sections; i++)
        check_section(sc, &sc->sections[i], &fe);
    if (fe.status != RR_OK)
        return rr_err_set(err, errlen, fe.status, "%s", fe.msg);
    size_t n = sc->n_sections + 1;
    sc->stages = rri_alloc(&sc->arena, n * sizeof *sc->stages);
    sc->events = rri_alloc(&sc->arena, n * sizeof *sc->events);
    sc->sec_event = rri_alloc(&sc->arena, n * sizeof *sc->sec_event);
    if (!sc->stages || !sc->events || !sc->sec_event)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n_sections; i++) {
        sc->sec_event[i] = SIZE_MAX;
        if (sc->sections[i].kind == RRI_SEC_STAGE) {
            if (rri_map_add(&sc->stage_map,
                            rri_hash_str(RRI_HASH0, sc->sections[i].sub),
                            sc->n_stages))
                return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
            sc->stages[sc->n_stages++] = i;
        } else if (sc->sections[i].kind == RRI_SEC_EVENT) {
            sc->sec_event[i] = sc->n_events;
            sc->events[sc->n_events++] = i;
        }
    }
    return RR_OK;
}

/* key_candidates - every key a section of kind k named `sec` may have, as
 * "prefix + key", for suggestions. */
static void key_candidates(rr_scenario *sc, rri_words *ws, const char *prefix,
                           rri_sec_kind k)
{
    size_t n;
    const rri_keydef *d = rri_keydefs(k, &n);
    if (!prefix) {
        ws->status = RR_ENOMEM; /* a failed rri_printf */
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (rri_keydef_family(&d[i])) {
            if (k == RRI_SEC_STAGE) {
                for (size_t j = 0; j < sc->n_stages; j++)
                    rri_words_add(ws,
                                  rri_printf(&sc->arena, "%sroute.%s", prefix,
                                             sc->sections[sc->stages[j]].sub));
                rri_words_add(
                    ws, rri_printf(&sc->arena, "%sroute.departed", prefix));
                rri_words_add(
                    ws, rri_printf(&sc->arena, "%sroute.unsupervised", prefix));
                rri_words_add(ws,
                              rri_printf(&sc->arena, "%sroute.closed", prefix));
            }
            continue;
        }
        rri_words_add(ws, rri_printf(&sc->arena, "%s%s", prefix, d[i].name));
    }
}

/* target_msg - message for a route target that names nothing. */
static void target_msg(rr_scenario *sc, const char *name, char *msg, size_t n)
{
    rri_words ws = {0};
    for (size_t j = 0; j < sc->n_stages; j++)
        rri_words_add(&ws, sc->sections[sc->stages[j]].sub);
    rri_words_add(&ws, "departed");
    rri_words_add(&ws, "unsupervised");
    rri_words_add(&ws, "closed");
    const char *g = rri_suggest(name, ws.w, ws.n);
    if (g)
        snprintf(msg, n, "no stage or exit named '%s' (did you mean '%s'?)",
                 name, g);
    else
        snprintf(msg, n,
                 "no stage or exit named '%s' (exits are departed, "
                 "unsupervised and closed)",
                 name);
    free(ws.w);
}

/* override_key_ok - KEY of a [scenario] override.KEY record names what a
 * --set could: a parameter's note, or a dotted key (not [scenario] base,
 * left_unused or a record itself).  On no, a message in msg. */
static bool override_key_ok(rr_scenario *sc, const char *key, char *msg,
                            size_t n)
{
    size_t len = strlen(key);
    if (len > 7 && strcmp(key + len - 7, ".source") == 0 &&
        rri_param_setting(sc, key, len - 7) >= 0)
        return true;
    if (strcmp(key, "scenario.base") == 0 ||
        strcmp(key, "scenario.left_unused") == 0 ||
        strncmp(key, "scenario.override.", 18) == 0) {
        snprintf(msg, n, "'%s' cannot be given by --set, so it cannot be "
                 "recorded as an override", key);
        return false;
    }
    char *section;
    const char *name;
    int why;
    char m[400];
    if (rri_check_dotted(sc, key, false, &section, &name, m, sizeof m, &why))
        return true;
    snprintf(msg, n, "%s", m);
    return false;
}

/* check_key - is `name` a key of section `sec`?  On no, a message with the
 * nearest key in msg. */
static const rri_keydef *check_key(rr_scenario *sc, const rri_section *sec,
                                   const char *name, char *msg, size_t n)
{
    const rri_keydef *d = rri_keydef_find(sec->kind, name);
    if (d && d->type == RRI_T_ROUTE) {
        const char *t = name + strlen("route.");
        if (rri_stage_index(sc, t) < 0 && !is_exit(t)) {
            target_msg(sc, t, msg, n);
            return NULL;
        }
    }
    if (d && sec->kind == RRI_SEC_SCENARIO && rri_keydef_family(d))
        return override_key_ok(sc, name + 9, msg, n) ? d : NULL;
    if (d && sec->kind == RRI_SEC_PARAMETERS && !param_name_ok(name)) {
        snprintf(msg, n,
                 "a parameter name starts with a letter or _ and uses "
                 "only letters, digits and _");
        return NULL;
    }
    if (d)
        return d;
    rri_words ws = {0};
    key_candidates(sc, &ws, "", sec->kind);
    const char *g = ws.status == RR_OK ? rri_suggest(name, ws.w, ws.n) : NULL;
    if (g)
        snprintf(msg, n, "unknown key (did you mean '%s'?)", g);
    else
        snprintf(msg, n, "unknown key");
    free(ws.w);
    return NULL;
}

/* check_keys - every setting's section and key. */
int rri_check_keys(rr_scenario *sc, char *err, size_t errlen)
{
    rri_first_err fe = {0, RR_OK, ""};
    for (size_t i = 0; i < sc->n_settings; i++) {
        rri_setting *st = &sc->settings[i];
        long s = rri_section_find(sc, st->section);
        long long pos = rri_text_pos(sc, st->file, st->pub.line);
        if (!*st->section) {
            rri_note_err(&fe, pos, RR_EPARSE,
                         "%s:%d: %s: setting before any [section]",
                         st->pub.file, st->pub.line, st->name);
            continue;
        }
        if (s < 0 || sc->sections[s].kind == RRI_SEC_COUNT)
            continue; /* the section's own error comes first */
        st->sec = (int)s;
        char msg[400];
        st->def = check_key(sc, &sc->sections[s], st->name, msg, sizeof msg);
        if (!st->def)
            rri_note_err(&fe, pos, RR_EPARSE, "%s:%d: [%s] %s: %s",
                         st->pub.file, st->pub.line, st->section, st->name,
                         msg);
    }
    if (fe.status != RR_OK)
        return rr_err_set(err, errlen, fe.status, "%s", fe.msg);
    return RR_OK;
}

/* used_suggestion - a used parameter whose name is close to `name`, or
 * NULL. */
static const char *used_suggestion(const rr_scenario *sc, const bool *used,
                                   const char *name, int *status)
{
    rri_words ws = {0};
    for (size_t i = 0; i < sc->n_settings; i++)
        if (used[i])
            rri_words_add(&ws, sc->settings[i].name);
    const char *g = ws.status == RR_OK ? rri_suggest(name, ws.w, ws.n) : NULL;
    if (ws.status != RR_OK)
        *status = ws.status;
    free(ws.w);
    return g;
}

/* unused_msg - why parameter setting p, which no setting uses, is an
 * error, after "no setting uses this parameter". */
static void unused_msg(const rr_scenario *sc, const bool *used, size_t p,
                       bool changed, char *msg, size_t n, int *status)
{
    const rri_setting *st = &sc->settings[p];
    const char *g = used_suggestion(sc, used, st->name, status);
    const char *by = rri_used_only_by(sc, p);
    if (g)
        snprintf(msg, n, "%s (did you mean '%s'?)",
                 changed ? ", so this value changes nothing" : "", g);
    else if (by)
        snprintf(msg, n,
                 "%s (only parameter '%s' does, and no setting uses that "
                 "one)",
                 changed ? ", so this value changes nothing" : "", by);
    else if (changed)
        snprintf(msg, n, ", so this value changes nothing");
    else
        snprintf(msg, n, " (use it in a value as ${%s}, or delete it)",
                 st->name);
}

/* rri_check_params_written - a parameter that no setting uses, where its
 * value was written (see rri_setting.unused_at_write) and still: an error
 * of that file at that line, kept in sc->pending to be reported after the
 * other checks of loading, so that those come first. */
int rri_check_params_written(rr_scenario *sc, char *err, size_t errlen)
{
    bool *used = malloc((sc->n_settings + 1) * sizeof *used);
    rri_first_err fe = {0, RR_OK, ""};
    int status = RR_OK;
    if (!used || rri_params_used(sc, rri_value_text, NULL, used) != RR_OK) {
        free(used);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    /* the first by place, then its message (which looks at every used
     * parameter for the nearest name: once, not once per unused one) */
    size_t first = SIZE_MAX;
    long long at = 0;
    for (size_t i = 0; i < sc->n_settings; i++) {
        const rri_setting *st = &sc->settings[i];
        long long pos = rri_text_pos(sc, st->file, st->pub.line);
        if (rri_is_param(st) && !used[i] && st->unused_at_write &&
            (first == SIZE_MAX || pos < at)) {
            first = i;
            at = pos;
        }
    }
    if (first != SIZE_MAX) {
        const rri_setting *st = &sc->settings[first];
        char msg[512];
        unused_msg(sc, used, first, st->file != st->decl_file, msg,
                   sizeof msg, &status);
        rri_note_err(&fe, at, RR_EPARSE,
                     "%s:%d: [parameters] %s: no setting uses this "
                     "parameter%s",
                     st->pub.file, st->pub.line, st->name, msg);
    }
    free(used);
    if (status != RR_OK)
        return rr_err_set(err, errlen, status, "out of memory");
    if (fe.status != RR_OK) {
        sc->pending = fe.status;
        sc->pending_msg = rri_strdup(&sc->arena, fe.msg);
        if (!sc->pending_msg)
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    return RR_OK;
}

/* attach_notes - each note to its parameter: a source note (NAME.source)
 * or a label (NAME.label). */
int rri_attach_notes(rr_scenario *sc, const rri_notes *nt, char *err,
                     size_t errlen)
{
    for (size_t i = 0; i < nt->n; i++) {
        const char *name = nt->v[i].name;
        size_t len = (size_t)(strrchr(name, '.') - name);
        bool label = strcmp(name + len, ".label") == 0;
        bool range = rri_is_range_key("parameters", name);
        char *pname = rri_strndup(&sc->arena, name, len);
        if (!pname)
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        long s = rri_setting_find(sc, "parameters", pname);
        if (s < 0) {
            const char *what = label ? "label" : range ? "range" : "source note";
            const char **cand = malloc((sc->n_settings + 1) * sizeof *cand);
            size_t nc = 0;
            for (size_t j = 0; cand && j < sc->n_settings; j++)
                if (rri_is_param(&sc->settings[j]))
                    cand[nc++] = sc->settings[j].name;
            const char *g = cand ? rri_suggest(pname, cand, nc) : NULL;
            int rc = rr_err_set(
                err, errlen, RR_EPARSE,
                "%s:%d: [parameters] %s: %s for '%s', which is "
                "not a parameter (%s%s%sdeclare '%s = VALUE' first)",
                nt->v[i].file, nt->v[i].line, name, what, pname,
                g ? "did you mean '" : "", g ? g : "", g ? "'? or " : "",
                pname);
            free(cand);
            return rc;
        }
        if (range) {
            rri_setting *ps = &sc->settings[s];
            bool dist = strcmp(name + len, ".dist") == 0;
            /* a later file's declaration replaces a base's; one file
             * may not declare both */
            if (ps->range && ps->range_file == nt->v[i].fidx)
                return rr_err_set(
                    err, errlen, RR_EPARSE,
                    "%s:%d: [parameters] %s: '%s' already has a %s at line "
                    "%d (declare either %s.range or %s.dist)",
                    nt->v[i].file, nt->v[i].line, name, pname,
                    ps->range_dist ? "distribution" : "range", ps->range_line,
                    pname, pname);
            if (ps->range && ps->range_file < nt->v[i].fidx)
                continue;
            ps->range = nt->v[i].text;
            ps->range_dist = dist;
            ps->range_file = nt->v[i].fidx;
            ps->range_line = nt->v[i].line;
            continue;
        }
        if (label) {
            sc->settings[s].pub.label = nt->v[i].text;
            continue;
        }
        sc->settings[s].pub.note = nt->v[i].text;
        sc->settings[s].note_file = nt->v[i].fidx;
        sc->settings[s].note_line = nt->v[i].line;
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Dotted keys and --set
 * ==================================================================== */

/* split_dotted - a dotted key into section and key names, the section's
 * kind and whether it is written; false if it has no such form. */
static int split_dotted(rr_scenario *sc, const char *key, char **section,
                        const char **name, rri_sec_kind *kind)
{
    const char *dot = strchr(key, '.');
    if (!dot) {
        *section = "parameters";
        *name = key;
        *kind = RRI_SEC_PARAMETERS;
        return 1;
    }
    size_t head = (size_t)(dot - key);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        if (k == RRI_SEC_PARAMETERS || strlen(rri_sec_name(k)) != head ||
            strncmp(key, rri_sec_name(k), head) != 0)
            continue;
        const char *rest = dot + 1;
        if (rri_sec_named((rri_sec_kind)k)) {
            const char *dot2 = strchr(rest, '.');
            if (!dot2 || dot2 == rest || !dot2[1])
                return 0;
            *section = rri_strndup(&sc->arena, key, (size_t)(dot2 - key));
            *name = dot2 + 1;
        } else {
            if (!*rest)
                return 0;
            *section = rri_strndup(&sc->arena, key, head);
            *name = rest;
        }
        *kind = (rri_sec_kind)k;
        return *section ? 1 : -1;
    }
    return 0;
}

/* dotted_candidates - every valid dotted key, for suggestions. */
static void dotted_candidates(rr_scenario *sc, rri_words *ws, bool events)
{
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        if (k == RRI_SEC_PARAMETERS || rri_sec_named((rri_sec_kind)k))
            continue;
        key_candidates(sc, ws, rri_printf(&sc->arena, "%s.", rri_sec_name(k)),
                       (rri_sec_kind)k);
    }
    for (size_t i = 0; i < sc->n_sections; i++) {
        rri_section *s = &sc->sections[i];
        if (!rri_sec_named(s->kind) || (events && s->kind == RRI_SEC_EVENT))
            continue;
        key_candidates(sc, ws, rri_printf(&sc->arena, "%s.", s->name), s->kind);
    }
    for (size_t i = 0; i < sc->n_settings; i++)
        if (sc->settings[i].def && sc->settings[i].def->type == RRI_T_PARAM)
            rri_words_add(ws, sc->settings[i].name);
    if (events)
        for (size_t i = 0; i < sc->n_settings; i++)
            if (sc->settings[i].def && sc->settings[i].sec >= 0 &&
                sc->sections[sc->settings[i].sec].kind == RRI_SEC_STAGE)
                rri_words_add(ws, sc->settings[i].pub.key);
}

/* check_dotted - the definition of a dotted key (a parameter name, or a
 * key of a section the scenario has; singleton sections count as present).
 * NULL with "unknown key 'K' (did you mean 'X'?)" in msg. */
const rri_keydef *rri_check_dotted(rr_scenario *sc, const char *key,
                                   bool events, char **section,
                                   const char **name, char *msg, size_t n,
                                   int *status)
{
    rri_sec_kind kind;
    const rri_keydef *d = NULL;
    int form = split_dotted(sc, key, section, name, &kind);
    *status = RR_ENOTFOUND;
    if (form < 0) {
        *status = RR_ENOMEM;
        snprintf(msg, n, "out of memory");
        return NULL;
    }
    if (form) {
        if (kind == RRI_SEC_PARAMETERS) {
            if (rri_setting_find(sc, "parameters", key) >= 0)
                d = rri_keydef_find(RRI_SEC_PARAMETERS, key);
        } else if (!rri_sec_named(kind) ||
                   rri_section_find(sc, *section) >= 0) {
            long s = rri_section_find(sc, *section);
            rri_section tmp = {kind, *section, "", 0, 0};
            char m[400];
            d = check_key(sc, s >= 0 ? &sc->sections[s] : &tmp, *name, m,
                          sizeof m);
            if (!d && kind == RRI_SEC_STAGE &&
                strncmp(*name, "route.", 6) == 0 && strlen(*name) > 6) {
                snprintf(msg, n, "%s", m);
                return NULL;
            }
        }
    }
    if (d)
        return d;
    rri_words ws = {0};
    dotted_candidates(sc, &ws, events);
    const char *g = ws.status == RR_OK ? rri_suggest(key, ws.w, ws.n) : NULL;
    if (ws.status != RR_OK) {
        *status = ws.status;
        snprintf(msg, n, "out of memory");
    } else if (g)
        snprintf(msg, n, "unknown key '%s' (did you mean '%s'?)", key, g);
    else
        snprintf(msg, n, "unknown key '%s'", key);
    free(ws.w);
    return NULL;
}

/* rri_similar_section - the name of another section of s's kind whose
 * name is close to s's (a stage, provider or event), or NULL. */
const char *rri_similar_section(const rr_scenario *sc, const rri_section *s)
{
    rri_words ws = {0};
    if (!rri_sec_named(s->kind))
        return NULL;
    for (size_t i = 0; i < sc->n_sections; i++) {
        const rri_section *o = &sc->sections[i];
        if (o != s && o->kind == s->kind)
            rri_words_add(&ws, o->sub);
    }
    const char *g = ws.status == RR_OK ? rri_suggest(s->sub, ws.w, ws.n) : NULL;
    free(ws.w);
    return g;
}

/* missing_required - the message for section s without its required key.
 * A stage, provider or event that the scenario's files write nowhere else
 * is a new one, and must be complete; when its name is close to one that
 * exists, it was most likely meant to change that one (a variant that
 * reopens [stage.ngo_a] as [stage.ngoa]), and the message says so. */
static int missing_required(const rr_scenario *sc, const rri_section *s,
                            const char *key, char *err, size_t errlen)
{
    const char *path = sc->files[s->file].path;
    const char *g = rri_similar_section(sc, s);
    if (g)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%d: [%s]: unknown %s '%s' (did you mean "
                          "[%s.%s]?); a new %s needs '%s = ...'",
                          path, s->line, s->name, rri_sec_name(s->kind),
                          s->sub, rri_sec_name(s->kind), g,
                          rri_sec_name(s->kind), key);
    return rr_err_set(err, errlen, RR_EPARSE,
                      "%s:%d: [%s] %s: missing (required)", path, s->line,
                      s->name, key);
}

/* check_required - every required key of every written section; [scenario]
 * and [arrivals] must be there, and at least one stage. */
int rri_check_required(rr_scenario *sc, char *err, size_t errlen)
{
    static const rri_sec_kind needed[] = {RRI_SEC_SCENARIO, RRI_SEC_ARRIVALS};
    for (size_t k = 0; k < RR_COUNTOF(needed); k++) {
        const char *name = rri_sec_name(needed[k]);
        if (rri_section_find(sc, name) >= 0)
            continue;
        size_t nd;
        const rri_keydef *d = rri_keydefs(needed[k], &nd);
        for (size_t j = 0; j < nd; j++)
            if ((d[j].flags & RRI_REQUIRED) &&
                rri_setting_find(sc, name, d[j].name) < 0) {
                return rr_err_set(
                    err, errlen, RR_EPARSE,
                    "%s: [%s] %s: missing (a scenario needs %s [%s] "
                    "section with '%s = ...')",
                    sc->path, name, d[j].name,
                    strchr("aeiou", name[0]) ? "an" : "a", name, d[j].name);
            }
    }
    if (sc->n_stages == 0)
        return rr_err_set(
            err, errlen, RR_EPARSE,
            "%s: no stages (a scenario needs at least one [stage.NAME] "
            "section)",
            sc->path);
    for (size_t i = 0; i < sc->n_sections; i++) {
        rri_section *s = &sc->sections[i];
        size_t nd;
        const rri_keydef *d = rri_keydefs(s->kind, &nd);
        for (size_t j = 0; j < nd; j++)
            if ((d[j].flags & RRI_REQUIRED) &&
                rri_setting_find(sc, s->name, d[j].name) < 0)
                return missing_required(sc, s, d[j].name, err, errlen);
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Lists to look things up in
 * ==================================================================== */

/* build_params - the list of parameters and its index, before anything
 * substitutes ${...} (table paths may use them). */
int rri_build_params(rr_scenario *sc, char *err, size_t errlen)
{
    sc->params =
        rri_alloc(&sc->arena, (sc->n_settings + 1) * sizeof *sc->params);
    if (!sc->params)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n_settings; i++)
        if (sc->settings[i].def && sc->settings[i].def->type == RRI_T_PARAM) {
            if (rri_map_add(&sc->param_map,
                            rri_hash_str(RRI_HASH0, sc->settings[i].name),
                            sc->n_params)) {
                return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
            }
            sc->params[sc->n_params++] = i;
        }
    return RR_OK;
}

/* build_by_section - the settings' indices grouped by section name (the
 * groups in order of their first setting, file order within each), by a
 * counting sort: listing or resolving one section then costs its own
 * settings, not a scan of all. */
int rri_build_by_section(rr_scenario *sc, char *err, size_t errlen)
{
    size_t n = sc->n_settings;
    size_t *group = malloc((n + 1) * sizeof *group);
    sc->by_section = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->by_section);
    sc->group_name = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->group_name);
    sc->group_start = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->group_start);
    sc->group_count = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->group_count);
    if (!group || !sc->by_section || !sc->group_name || !sc->group_start ||
        !sc->group_count) {
        free(group);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const char *name = sc->settings[i].section;
        uint64_t h = rri_hash_str(RRI_HASH0, name);
        size_t it = 0, g, found = SIZE_MAX;
        while (rri_map_next(&sc->group_map, h, &it, &g))
            if (strcmp(sc->group_name[g], name) == 0) {
                found = g;
                break;
            }
        if (found == SIZE_MAX) {
            found = sc->n_groups++;
            sc->group_name[found] = name;
            if (rri_map_add(&sc->group_map, h, found)) {
                free(group);
                return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
            }
        }
        group[i] = found;
        sc->group_count[found]++;
    }
    size_t at = 0;
    for (size_t g = 0; g < sc->n_groups; g++) {
        sc->group_start[g] = at;
        at += sc->group_count[g];
        sc->group_count[g] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = group[i];
        sc->by_section[sc->group_start[g] + sc->group_count[g]++] = i;
    }
    free(group);
    return RR_OK;
}

/* }=================================================================== */
