/*
 * inputs.c - the CSV tables a scenario names: read once each (through
 * rr_input_read and rr_table_parse), their bytes added to the content
 * hash, remembered by the path they were opened by and by the path they
 * are written by relative to the scenario file's folder.  The countries
 * table's codes are checked and indexed here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

int rri_input_table(rr_scenario *sc, int file, const char *written, size_t *idx,
                    bool *own, char *err, size_t errlen)
{
    *own = false;
    const rri_file *fl = &sc->files[file];
    const char *path = written[0] == '/' || !*fl->dir
                           ? rri_strdup(&sc->arena, written)
                           : rri_printf(&sc->arena, "%s%s", fl->dir, written);
    if (!path)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    uint64_t ph = rri_hash_str(RRI_HASH0, path);
    size_t it = 0, i;
    while (rri_map_next(&sc->input_map, ph, &it, &i))
        if (strcmp(sc->inputs[i].path, path) == 0) {
            *idx = i;
            return RR_OK;
        }
    /* the bytes are read once, through rr_input_read (a regular file of
     * at most RR_INPUT_MAX bytes), then hashed and parsed from memory */
    size_t len = 0;
    char *bytes, why[256];
    const char *verb;
    int rc = rr_input_read(path, &bytes, &len, NULL, &verb, why, sizeof why);
    if (rc == RR_ENOMEM)
        return rr_err_set(err, errlen, rc, "out of memory");
    if (rc != RR_OK)
        return rr_err_set(err, errlen, RR_EIO, "cannot %s '%s': %s", verb, path,
                          why);
    uint64_t h = rri_hash(sc->hash, bytes, len);
    rr_table *t = NULL;
    rc = rr_table_parse(path, bytes, len, &t, err, errlen);
    free(bytes);
    if (rc != RR_OK) {
        *own = rc != RR_ENOMEM;
        return rc;
    }
    if (rri_grow((void **)&sc->inputs, &sc->cap_inputs, sc->n_inputs + 1,
                 sizeof *sc->inputs) ||
        rri_map_add(&sc->input_map, ph, sc->n_inputs)) {
        rr_table_destroy(t);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    rri_input *in = &sc->inputs[sc->n_inputs];
    if (written[0] == '/' || !*fl->rel)
        in->written = rri_strdup(&sc->arena, written);
    else {
        char *w = rri_printf(&sc->arena, "%s%s", fl->rel, written);
        in->written = w ? rri_normalise(&sc->arena, w) : NULL;
    }
    in->path = (char *)path;
    in->table = t;
    sc->hash = h;
    sc->n_inputs++;
    if (!in->written)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    *idx = sc->n_inputs - 1;
    return RR_OK;
}

/* load_table - the table named by setting (section, key), if written; its
 * required columns (the first nreq of cols) must be there and, when
 * `only`, no column but the ncols of cols.  *idx = -1 when not written. */
static int load_table(rr_scenario *sc, const char *section, const char *key,
                      const char *const *cols, size_t nreq, size_t ncols,
                      bool only, long *idx, char *err, size_t errlen)
{
    *idx = -1;
    long s = rri_setting_find(sc, section, key);
    if (s < 0)
        return RR_OK;
    const rri_setting *st = &sc->settings[s];
    char msg[1024];
    const char *text = rri_resolved_setting(sc, (size_t)s, msg, sizeof msg);
    bool own = text == NULL;
    if (text && !*text)
        snprintf(msg, sizeof msg, "expected the path of a CSV file");
    size_t in = 0;
    int rc = text && *text ? rri_input_table(sc, st->file, text, &in, &own, msg,
                                             sizeof msg)
                           : RR_EPARSE;
    if (rc == RR_OK) {
        const rr_table *t = sc->inputs[in].table;
        for (size_t i = 0; i < nreq && rc == RR_OK; i++) {
            int c;
            rc = rr_table_require(t, cols[i], &c, msg, sizeof msg);
            own = true;
        }
        if (rc == RR_OK && only) {
            rc = rr_table_only(t, cols, ncols, msg, sizeof msg);
            own = true;
        }
    }
    if (rc != RR_OK && own)
        return rr_err_set(err, errlen, rc, "%s", msg);
    if (rc != RR_OK && st->pub.line == 0)
        return rr_err_set(err, errlen, rc, "--set %s: %s", st->pub.key, msg);
    if (rc != RR_OK)
        return rr_err_set(err, errlen, rc, "%s:%d: [%s] %s: %s", st->pub.file,
                          st->pub.line, section, key, msg);
    *idx = (long)in;
    return RR_OK;
}

/* check_countries - codes unique and usable in keys. */
static int check_countries(rr_scenario *sc, char *err, size_t errlen)
{
    if (sc->countries_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->countries_input].table;
    int c = rr_table_col(t, "country");
    if (t->n_rows == 0)
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:1: no countries (the table has no rows)",
                          t->path);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *code = rr_table_cell(t, r, (size_t)c);
        if (!rri_valid_chars(code, true, true) || strlen(code) >= RR_NAME_MAX)
            return rr_err_set(
                err, errlen, RR_EPARSE,
                "%s:%zu: column 'country': expected a code of letters, "
                "digits, _ or - (at most %d), got '%s'",
                t->path, t->line[r], RR_NAME_MAX - 1, code);
        long q = rri_country_row(sc, code, strlen(code));
        if (q >= 0)
            return rr_err_set(err, errlen, RR_EPARSE,
                              "%s:%zu: column 'country': '%s' appears twice "
                              "(first at line %zu)",
                              t->path, t->line[r], code, t->line[q]);
        if (rri_map_add(&sc->country_map, rri_hash_str(RRI_HASH0, code), r))
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    return RR_OK;
}

int rri_load_tables(rr_scenario *sc, char *err, size_t errlen)
{
    static const char *const ccols[] = {"country", "share"};
    static const char *const scols[] = {"from", "factor"};
    static const char *const kcols[] = {"stage",   "country", "count",
                                        "elapsed", "channel", "age"};
    int rc;
    /* the countries table's other columns are attributes, kept as data
     * (a column of names, say) whether a value uses them or not; the
     * schedule and the caseload have fixed columns, and a misspelt
     * optional one (chanel) would be ignored */
    if ((rc = load_table(sc, "countries", "file", ccols, 2, 2, false,
                         &sc->countries_input, err, errlen)) ||
        (rc = check_countries(sc, err, errlen)) ||
        (rc = load_table(sc, "arrivals", "schedule", scols, 2, 2, true,
                         &sc->schedule_input, err, errlen)) ||
        (rc = load_table(sc, "start", "caseload", kcols, 4, 6, true,
                         &sc->caseload_input, err, errlen)))
        return rc;
    return RR_OK;
}
