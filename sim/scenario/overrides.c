/*
 * overrides.c - --set overrides and the record of them.
 *
 * Each --set KEY=VALUE is checked (a key a scenario file could write, a
 * value a scenario file could hold, since scenario.resolved.ini writes it
 * back) and applied: it replaces the setting's value, or adds the setting
 * when it is not written; a parameter set so gets the source note "set on
 * the command line", since the note written for its old value no longer
 * says where the value comes from.
 *
 * The overrides in force are kept in order (sc->ov), each key once (a key
 * given again keeps its place, with the new value), and handed to the
 * plan: run.csv lists them.  scenario.resolved.ini records
 * them as [scenario] override.KEY = VALUE, so that a run of the resolved
 * file lists the same; such a record changes nothing (the settings hold
 * the values already), and is checked against the value it records, so
 * that one written by hand cannot claim an override that was not made.  A
 * record of a key that a later file writes, or a --set sets, is dropped:
 * the scenario no longer has the recorded value.
 *
 * An override of a parameter that no setting uses (once every override is
 * applied) would change nothing: it is an error, as a parameter no setting
 * uses is in a file (check.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

#define SET_NOTE "set on the command line"

/* value_problem - why a --set value (of a key whose name in its section
 * has keylen characters) could not be written back to a scenario file so
 * that it reads the same (scenario.resolved.ini is such a file), or NULL.
 * The reader's rules: one line of UTF-8 text; " ;" starts a comment, and
 * so does ';' at the start of a value; a line has at most RR_LINE_MAX
 * characters, and a value goes on over lines only where
 * rr_scenario_break_ok() says, so a piece between two such places is
 * limited (RR_WORD_MAX), and one that can only start a line after the key
 * must fit there. */
static const char *value_problem(const char *v, size_t keylen, char *buf,
                                 size_t n)
{
    size_t len = strlen(v);
    char why[128];
    if (len > RR_VALUE_MAX) {
        snprintf(buf, n, "longer than %d characters", RR_VALUE_MAX);
        return buf;
    }
    if (memchr(v, '\n', len) || memchr(v, '\r', len))
        return "a value is one line (it holds a line break)";
    if (rr_text_check(v, len, true, why, sizeof why) || strchr(v, '\t')) {
        snprintf(buf, n,
                 "expected text (UTF-8, no control characters), "
                 "got %s",
                 *why && !strchr(v, '\t') ? why : "a tab");
        return buf;
    }
    if (v[0] == ';')
        return "a value cannot start with ';' (a scenario file would read "
               "it as a comment)";
    for (size_t i = 1; i < len; i++)
        if (v[i] == ';' && v[i - 1] == ' ')
            return "' ;' would start a comment in a scenario file (write ';' "
                   "without the space before it)";
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && !rr_scenario_break_ok(v, i))
            continue;
        size_t seg = i - start;
        bool lead = start == 0 && (strchr("#[", v[0]) || rri_pair_start(v));
        if (seg > RR_WORD_MAX || (lead && keylen + 3 + seg > RR_LINE_MAX)) {
            snprintf(buf, n,
                     "more than %d characters without a space where the "
                     "value could go on over lines in a scenario file",
                     lead && seg <= RR_WORD_MAX
                         ? (int)(RR_LINE_MAX - 3 - keylen)
                         : RR_WORD_MAX);
            return buf;
        }
        start = i + 1;
    }
    return NULL;
}

/* ov_put - (key, value) into the overrides in force: in the place of an
 * earlier one of the same key (so that the same overrides given again, to
 * a resolved scenario that records them, list the same), else last.
 * RR_OK or RR_ENOMEM. */
static int ov_put(rr_scenario *sc, const char *key, const char *value)
{
    uint64_t h = rri_hash_str(RRI_HASH0, key);
    size_t it = 0, i;
    while (rri_map_next(&sc->ov_map, h, &it, &i))
        if (strcmp(sc->ov[i].key, key) == 0) {
            sc->ov[i].value = value;
            return RR_OK;
        }
    if (rri_grow((void **)&sc->ov, &sc->cap_ov, sc->n_ov + 1,
                 sizeof *sc->ov) ||
        rri_map_add(&sc->ov_map, h, sc->n_ov))
        return RR_ENOMEM;
    sc->ov[sc->n_ov].key = key;
    sc->ov[sc->n_ov].value = value;
    sc->n_ov++;
    return RR_OK;
}

static bool has_word_ci(const char *s, const char *w)
{
    size_t k = strlen(w);
    for (; *s; s++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[j]) == w[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

/* take_record - the record st ([scenario] override.KEY): dropped when a
 * later file wrote KEY, else checked against KEY's value and kept. */
static int take_record(rr_scenario *sc, const rri_setting *st, char *err,
                       size_t errlen)
{
    const char *key = st->name + 9;
    const char *cur = NULL;
    int file = (int)sc->n_files; /* not written: as deep as can be */
    bool lenient = false;
    size_t len = strlen(key);
    bool label = len > 6 && strcmp(key + len - 6, ".label") == 0;
    long p = len > 7 && strcmp(key + len - 7, ".source") == 0
                 ? rri_param_setting(sc, key, len - 7)
             : label ? rri_param_setting(sc, key, len - 6)
                     : -1;
    if (p >= 0 && label) {
        /* a label's place is not kept: the record is in force */
        cur = sc->settings[p].pub.label;
        file = st->file;
    } else if (p >= 0) {
        const rri_setting *ps = &sc->settings[p];
        cur = ps->pub.note;
        if (cur)
            file = ps->note_file;
    } else {
        char *section, msg[400];
        const char *name;
        int why;
        const rri_keydef *d = rri_check_dotted(sc, key, false, &section,
                                               &name, msg, sizeof msg, &why);
        if (!d)
            return rr_err_set(err, errlen, why == RR_ENOMEM ? why : RR_EPARSE,
                              "%s:%d: [scenario] %s: %s", st->pub.file,
                              st->pub.line, st->name, msg);
        long s = rri_setting_find(sc, section, name);
        if (s >= 0) {
            cur = sc->settings[s].pub.value;
            file = sc->settings[s].file;
        }
        /* a table's path was pointed at its copy in the resolved file */
        lenient = d->type == RRI_T_PATH || (cur && has_word_ci(cur, "empirical"));
    }
    if (file < st->file)
        return RR_OK; /* a later file changed it: no longer in force */
    if (!cur)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%d: [scenario] %s: records --set %s=%s, but the "
                          "scenario does not write %s (a record that "
                          "scenario.resolved.ini keeps; it changes nothing)",
                          st->pub.file, st->pub.line, st->name, key,
                          st->pub.value, key);
    if (!lenient && strcmp(cur, st->pub.value) != 0)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%d: [scenario] %s: records --set %s=%s, but %s "
                          "is '%s' (a record that scenario.resolved.ini "
                          "keeps; it changes nothing: to change %s, write it "
                          "in its section or use --set)",
                          st->pub.file, st->pub.line, st->name, key,
                          st->pub.value, key, cur, key);
    return ov_put(sc, key, st->pub.value) == RR_OK
               ? RR_OK
               : rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
}

/* set_one - one --set KEY=VALUE, applied. */
static int set_one(rr_scenario *sc, const char *ov, char *err, size_t errlen)
{
    const char *eq = strchr(ov, '=');
    if (!eq)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "--set: expected KEY=VALUE, got '%s'", ov);
    size_t kn = (size_t)(eq - ov), vn = strlen(eq + 1);
    const char *k = rr_trim_span(ov, &kn);
    const char *v = rr_trim_span(eq + 1, &vn);
    char *key = rri_strndup(&sc->arena, k, kn);
    char *value = rri_strndup(&sc->arena, v, vn);
    if (!key || !value)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    char *section;
    const char *name;
    char msg[400];
    const char *why = value_problem(value, strlen(key), msg, sizeof msg);
    if (why)
        return rr_err_set(err, errlen, RR_EPARSE, "--set %s: %s", key, why);
    if (rri_is_note_key("parameters", key)) {
        size_t len = (size_t)(strrchr(key, '.') - key);
        long s = rri_param_setting(sc, key, len);
        if (s >= 0 && strcmp(key + len, ".label") == 0) {
            sc->settings[s].pub.label = value;
            return ov_put(sc, key, value) == RR_OK
                       ? RR_OK
                       : rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        }
        if (s >= 0) {
            sc->settings[s].pub.note = value;
            sc->settings[s].note_file = 0;
            sc->settings[s].note_line = 0;
            return ov_put(sc, key, value) == RR_OK
                       ? RR_OK
                       : rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        }
    }
    int found;
    const rri_keydef *d = rri_check_dotted(sc, key, false, &section, &name,
                                           msg, sizeof msg, &found);
    if (!d && found == RR_ENOMEM)
        return rr_err_set(err, errlen, found, "out of memory");
    if (!d)
        return rr_err_set(err, errlen, found, "--set: %s", msg);
    if (d->sec == RRI_SEC_SCENARIO && strcmp(d->name, "base") == 0) {
        /* the files are read before the overrides apply */
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--set %s: a base cannot be given by --set (write "
                          "'base = FILE' in [scenario])",
                          key);
    }
    if (d->sec == RRI_SEC_SCENARIO && rri_keydef_family(d))
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--set %s: override.KEY records an override in "
                          "scenario.resolved.ini; --set %s instead",
                          key, name + 9);
    if (d->sec == RRI_SEC_SCENARIO && strcmp(d->name, "left_unused") == 0)
        return rr_err_set(err, errlen, RR_EINVAL,
                          "--set %s: left_unused is written by rrsim in "
                          "scenario.resolved.ini, and cannot be set",
                          key);
    if (ov_put(sc, key, value) != RR_OK)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    long s = rri_setting_find(sc, section, name);
    if (s >= 0) {
        rri_setting *st = &sc->settings[s];
        if (rri_note_replaced(sc, st, true) != RR_OK)
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        st->pub.value = value;
        st->pub.file = "--set";
        st->pub.line = 0;
        st->file = 0;
        /* the old note was about the old value (a note given by --set
         * stays, whatever the order) */
        if (d->type == RRI_T_PARAM && !(st->pub.note && st->note_line == 0)) {
            st->pub.note = SET_NOTE;
            st->note_file = 0;
            st->note_line = 0;
        }
        return RR_OK;
    }
    if (rri_add_setting(&sc->arena, &sc->settings, &sc->n_settings,
                        &sc->cap_settings, &sc->set_map, section, name, value,
                        "--set", 0, 0))
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    rri_setting *st = &sc->settings[sc->n_settings - 1];
    st->def = d;
    st->sec = (int)rri_section_find(sc, section);
    return RR_OK;
}

/* rri_apply_overrides - the records of a resolved scenario, then the --set
 * list. */
int rri_apply_overrides(rr_scenario *sc, const char *const *ov, size_t n,
                        char *err, size_t errlen)
{
    int rc;
    for (size_t i = 0; i < sc->n_settings; i++) {
        const rri_setting *st = &sc->settings[i];
        if (st->def && st->def->sec == RRI_SEC_SCENARIO &&
            rri_keydef_family(st->def) &&
            (rc = take_record(sc, st, err, errlen)) != RR_OK)
            return rc;
    }
    for (size_t i = 0; i < n; i++)
        if ((rc = set_one(sc, ov[i], err, errlen)) != RR_OK)
            return rc;
    return RR_OK;
}

/* set_killed - a setting whose value, before a --set replaced it, used
 * parameter setting p: the reason p is no longer used.  NULL if none. */
static const char *set_killed(rr_scenario *sc, size_t p)
{
    const char *pn = sc->settings[p].name, *name;
    size_t len = strlen(pn), n;
    for (size_t i = 0; i < sc->n_replaced; i++) {
        const rri_replaced *r = &sc->replaced[i];
        if (!r->by_set)
            continue;
        for (const char *t = r->value; rri_ref_next(&t, &name, &n);)
            if (n == len && memcmp(name, pn, n) == 0)
                return strcmp(r->section, "parameters") == 0
                           ? r->name
                           : rri_printf(&sc->arena, "%s.%s",
                                        r->section, r->name);
    }
    return NULL;
}

/* rri_check_unused_overrides - what loading found unused: a parameter of
 * the files (sc->pending, first), then a parameter a --set changes but
 * no setting uses once every --set is applied. */
int rri_check_unused_overrides(rr_scenario *sc, char *err, size_t errlen)
{
    if (sc->pending != RR_OK)
        return rr_err_set(err, errlen, sc->pending, "%s", sc->pending_msg);
    bool *used = malloc((sc->n_settings + 1) * sizeof *used);
    int rc = RR_OK;
    if (!used || rri_params_used(sc, rri_value_text, NULL, used) != RR_OK) {
        free(used);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < sc->n_ov && rc == RR_OK; i++) {
        const char *key = sc->ov[i].key;
        long p = rri_param_setting(sc, key, strlen(key));
        if (p < 0 || used[p] || sc->settings[p].pub.line != 0)
            continue;
        rri_words ws = {0};
        for (size_t j = 0; j < sc->n_settings; j++)
            if (used[j])
                rri_words_add(&ws, sc->settings[j].name);
        const char *g =
            ws.status == RR_OK ? rri_suggest(key, ws.w, ws.n) : NULL;
        const char *by = set_killed(sc, (size_t)p);
        if (ws.status != RR_OK)
            rc = rr_err_set(err, errlen, ws.status, "out of memory");
        else if (g)
            rc = rr_err_set(err, errlen, RR_EPARSE,
                            "--set %s: no setting uses this parameter (did "
                            "you mean '%s'?)",
                            key, g);
        else if (by)
            rc = rr_err_set(err, errlen, RR_EPARSE,
                            "--set %s: no setting uses this parameter (%s "
                            "used it, but is set by --set too)",
                            key, by);
        else
            rc = rr_err_set(err, errlen, RR_EPARSE,
                            "--set %s: no setting uses this parameter, so "
                            "the value changes nothing",
                            key);
        free(ws.w);
    }
    free(used);
    return rc;
}
