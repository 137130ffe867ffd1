/*
 * write.c - a resolved scenario written back as a scenario file
 * (scenario.resolved.ini): every setting as it was used, from the
 * scenario's own lists, so that reading the file runs the same model.
 *
 *   - Sections in the order the scenario has them (written ones in file
 *     order, then [reintegration] and the like when only their defaults
 *     apply); in each, the settings in file order, then the defaults of
 *     the keys not written (rri_default_value), marked "; default".
 *   - A value is written as it was written, ${...} and all, with the
 *     value it resolves to in a comment ("; = 22550/year"): [parameters]
 *     are written too, with their source notes, so the file reads back the
 *     same, and a parameter changed in it (or by --set on it) changes what
 *     it changed in the scenario.  Only a value whose substituted text
 *     names a table, where the path must point at the copy, is written
 *     substituted (unless an event changes a parameter it uses: then it
 *     must keep following the event).
 *   - A parameter that no written value uses (its users were set by
 *     --set, or written substituted) is written as a comment, since a
 *     scenario may declare no parameter it does not use; so is an event's
 *     change to one.
 *   - The overrides in force (--set, and those a resolved scenario
 *     recorded) are recorded as [scenario] override.KEY = VALUE, so that
 *     a run of the written file lists them in run.csv as the run did; a
 *     setting set so says "; set on the command line", and a parameter's
 *     source note says so already.
 *   - Paths of tables (a whole value, or the file of an empirical(...))
 *     point at the copies the caller names, and the copies' own
 *     empirical(...) cells are pointed the same way (rr_scenario_input_copy).
 *   - "; manifest: key = value" lines at the top say where it came from.
 *
 * A value goes on over indented lines where it is longer than INI_LINE,
 * breaking only where rr_scenario_break_ok() allows, so the reader (which
 * joins such lines with one space) reads it back the same.  --set values
 * are checked against the same rule when they are given (check.c), so
 * every value of a loaded scenario can be written.
 *
 * Nothing here depends on the `rrsim check` listing, whose format may
 * change freely.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* The reader takes lines of at most RR_LINE_MAX (197) characters; keep a
 * margin where there is a choice. */
#define INI_LINE 190

/* A resolved scenario being written. */
typedef struct writer {
    rr_scenario *sc;
    rr_sb out;
    bool oom;                    /* an allocation failed */
    const char *const *copy;     /* per input: its path in the written
                                    file, or NULL (all): as written */
    const char **real;           /* per input: the file it is (realpath),
                                    or NULL */
    bool *dynamic;               /* per parameter: an event changes it, or
                                    a parameter it uses */
    bool *done;                  /* per setting: written */
    char *vbuf;                  /* a resolved value */
    char **text;                 /* per setting: the text to write */
    char **comment;              /* per setting: after " ; ", or NULL */
    bool *live;                  /* per setting: a parameter a written
                                    value uses */
    bool *dead;                  /* per setting: written as a comment (a
                                    change to a parameter not live) */
} writer;

/* {===================================================================
 * Paths of tables
 * ==================================================================== */

/* real_paths - the file each input is, by realpath (NULL for one that
 * cannot be resolved), worked out once and kept with the scenario; NULL
 * when out of memory. */
static const char **real_paths(rr_scenario *sc)
{
    if (sc->input_real)
        return sc->input_real;
    const char **real = rri_alloc(&sc->arena, (sc->n_inputs + 1) *
                                                  sizeof *real);
    if (!real)
        return NULL;
    for (size_t i = 0; i < sc->n_inputs; i++) {
        errno = 0;
        char *r = realpath(sc->inputs[i].path, NULL);
        if (!r && errno == ENOMEM)
            return NULL;
        real[i] = r ? rri_strdup(&sc->arena, r) : NULL;
        if (r && !real[i]) {
            free(r);
            return NULL;
        }
        free(r);
    }
    sc->input_real = real;
    return real;
}

/* find_input - the input a path written in a file of folder `dir` names,
 * or -1: by the text as written, else by the file it resolves to; -2
 * when out of memory. */
static long find_input(const writer *w, const char *dir, const char *s,
                       size_t n)
{
    const rr_scenario *sc = w->sc;
    long found = -1;
    if (!n || !w->copy)
        return -1;
    char *tok = strndup(s, n);
    if (!tok)
        return -2;
    for (size_t i = 0; i < sc->n_inputs; i++)
        if (strcmp(sc->inputs[i].written, tok) == 0) {
            free(tok);
            return (long)i;
        }
    size_t len = strlen(dir) + n + 1;
    char *joined = malloc(len);
    if (joined) {
        snprintf(joined, len, "%s%s", tok[0] == '/' ? "" : dir, tok);
        errno = 0;
        char *real = realpath(joined, NULL);
        if (real) {
            for (size_t i = 0; i < sc->n_inputs && found < 0; i++)
                if (w->real[i] && strcmp(w->real[i], real) == 0)
                    found = (long)i;
            free(real);
        } else if (errno == ENOMEM) {
            found = -2;
        }
        free(joined);
    } else {
        found = -2;
    }
    free(tok);
    return found;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* match_word - s starts with word w (case-insensitive) at a word start. */
static bool match_word(const char *text, const char *s, const char *w)
{
    size_t n = strlen(w);
    if (s > text && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return false;
    return true;
}

/* file_arg - the span [*v, *ve) of an empirical(...) argument that names
 * its file: the named `file=` one, or the first positional one (ai == 0);
 * *v = *ve when the argument [a, e) is another. */
static void file_arg(const char *a, const char *e, const char *eq, int ai,
                     const char **v, const char **ve)
{
    *v = eq ? eq + 1 : a;
    *ve = e;
    while (*v < *ve && is_space(**v))
        (*v)++;
    while (*ve > *v && is_space((*ve)[-1]))
        (*ve)--;
    if (eq) {
        const char *k = a, *ke = eq;
        while (k < ke && is_space(*k))
            k++;
        while (ke > k && is_space(ke[-1]))
            ke--;
        if (!(ke - k == 4 && match_word(k, k, "file")))
            *v = *ve; /* another argument */
    } else if (ai != 0) {
        *v = *ve;
    }
}

/* rewrite_args - the arguments of the empirical( whose '(' is at q: each
 * file argument that names an input pointed at its copy, the text before
 * it since *done added to b; returns where the arguments end. */
static const char *rewrite_args(const writer *w, const char *q,
                                const char *dir, const char **done, rr_sb *b,
                                bool *oom)
{
    bool quoted = false;
    for (int ai = 0;; ai++) {
        const char *a = q, *eq = NULL, *v, *ve;
        while (*q && (quoted || (*q != ',' && *q != ')'))) {
            if (*q == '"')
                quoted = !quoted;
            else if (*q == '=' && !quoted && !eq)
                eq = q;
            q++;
        }
        file_arg(a, q, eq, ai, &v, &ve);
        if (v < ve) {
            /* quotes around it: "x", or ""x"" inside a CSV cell */
            while (ve - v >= 2 && *v == '"' && ve[-1] == '"')
                v++, ve--;
            long i = find_input(w, dir, v, (size_t)(ve - v));
            if (i == -2)
                *oom = true;
            if (i >= 0) {
                rr_sb_addn(b, *done, (size_t)(v - *done));
                rr_sb_add(b, w->copy[i]);
                *done = ve;
            }
        }
        if (*q != ',')
            return q;
        q++;
    }
}

/*
 * rewrite_paths - text with the file argument of every empirical(...) (the
 * named `file=` one, or the first positional one) pointed at the copy of
 * the table it names; a whole value that names a table becomes its copy.
 * Paths that name no table read are left alone.  Caller frees; NULL when
 * out of memory.
 */
static char *rewrite_paths(const writer *w, const char *text, const char *dir)
{
    rr_sb b = RR_SB_INIT;
    const char *p = text, *done = text;
    size_t len = strlen(text);
    bool oom = false;
    long whole;

    if (len && strcspn(text, " \t(,") == len &&
        (whole = find_input(w, dir, text, len)) != -1)
        return whole >= 0 ? strdup(w->copy[whole]) : NULL;
    while (*p) {
        const char *q;
        if (!match_word(text, p, "empirical")) {
            p++;
            continue;
        }
        q = p + 9;
        while (is_space(*q))
            q++;
        if (*q != '(') {
            p++;
            continue;
        }
        q = rewrite_args(w, q + 1, dir, &done, &b, &oom);
        p = *q ? q + 1 : q;
    }
    rr_sb_add(&b, done);
    if (oom) {
        rr_sb_fini(&b);
        return NULL;
    }
    return rr_sb_take(&b, NULL);
}

static bool contains_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == w[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

int rr_scenario_input_copy(rr_scenario *sc, size_t i,
                           const char *const *input_copy, char **text,
                           size_t *len, char *err, size_t errlen)
{
    char *bytes, why[256];
    const char *verb;
    *text = NULL;
    *len = 0;
    if (i >= sc->n_inputs)
        return rr_err_set(err, errlen, RR_EINVAL, "no input %zu", i);
    /* read again as when the scenario was loaded: a regular file only
     * (it may have been swapped for a FIFO since) */
    const char *src = sc->inputs[i].path;
    int rc = rr_input_read(src, &bytes, len, NULL, &verb, why, sizeof why);
    if (rc == RR_ENOMEM)
        return rr_err_set(err, errlen, rc, "out of memory");
    if (rc != RR_OK)
        return rr_err_set(err, errlen, RR_EIO, "cannot %s '%s': %s", verb,
                          src, why);
    if (input_copy && contains_ci(bytes, *len, "empirical") &&
        !memchr(bytes, 0, *len)) {
        writer w = {.sc = sc, .copy = input_copy};
        char *t = NULL;
        if ((w.real = real_paths(sc)) != NULL)
            t = rewrite_paths(&w, bytes, sc->dir);
        free(bytes);
        if (!t) {
            *len = 0;
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        }
        bytes = t;
        *len = strlen(t);
    }
    *text = bytes;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Which values keep their ${...}
 * ==================================================================== */

/* An event may set or scale a parameter; a value that uses such a
 * parameter, directly or through others, must keep its ${...} so that it
 * still follows the event.  Every other value is written substituted. */

/* param_ref - the parameter named by the next "${NAME}" at or after *s
 * (-1 for a name that is none), *s moved past it; false when there is no
 * more.  The scan is plain, as the reader's: NAME is all up to '}'. */
static bool param_ref(const rr_scenario *sc, const char **s, long *p)
{
    const char *a = strstr(*s, "${"), *e;
    if (!a || !(e = strchr(a + 2, '}')))
        return false;
    *p = rri_param_index(sc, a + 2, (size_t)(e - a - 2));
    *s = e + 1;
    return true;
}

/* dynamic_params - per parameter, whether an event changes it or a
 * parameter it uses: a walk over the "is used by" links from the changed
 * ones, each link once (linear in the ${...} written); NULL when out of
 * memory.  The caller frees it. */
static bool *dynamic_params(const rr_scenario *sc)
{
    size_t np = sc->n_params, nref = 0;
    bool *dyn = calloc(np + 1, sizeof *dyn);
    size_t *start = calloc(np + 2, sizeof *start);
    size_t *fill = calloc(np + 1, sizeof *fill);
    size_t *queue = calloc(np + 1, sizeof *queue);
    size_t *user = NULL;
    const char *s;
    long j;
    bool ok = dyn && start && fill && queue;
    for (size_t c = 0; ok && c < sc->n_changes; c++)
        if (sc->changes[c].kind == RRI_TGT_PARAM) {
            const char *t = sc->changes[c].target;
            long p = rri_param_index(sc, t, strlen(t));
            if (p >= 0)
                dyn[p] = true;
        }
    /* links j -> i for every ${j} in parameter i, grouped by j */
    for (size_t i = 0; ok && i < np; i++)
        for (s = sc->settings[sc->params[i]].pub.value; param_ref(sc, &s, &j);)
            if (j >= 0)
                start[j + 1]++;
    for (size_t k = 0; ok && k < np; k++)
        start[k + 1] += start[k];
    nref = ok ? start[np] : 0;
    ok = ok && (user = calloc(nref + 1, sizeof *user)) != NULL;
    for (size_t k = 0; ok && k < np; k++)
        fill[k] = start[k];
    for (size_t i = 0; ok && i < np; i++)
        for (s = sc->settings[sc->params[i]].pub.value; param_ref(sc, &s, &j);)
            if (j >= 0)
                user[fill[j]++] = i;
    size_t head = 0, tail = 0;
    for (size_t k = 0; ok && k < np; k++)
        if (dyn[k])
            queue[tail++] = k;
    while (ok && head < tail) {
        size_t k = queue[head++];
        for (size_t q = start[k]; q < start[k + 1]; q++)
            if (!dyn[user[q]]) {
                dyn[user[q]] = true;
                queue[tail++] = user[q];
            }
    }
    free(start);
    free(fill);
    free(queue);
    free(user);
    if (!ok) {
        free(dyn);
        return NULL;
    }
    return dyn;
}

/* uses_dynamic - text refers to a parameter an event changes. */
static bool uses_dynamic(const writer *w, const char *text)
{
    long p;
    for (const char *s = text; param_ref(w->sc, &s, &p);)
        if (p >= 0 && w->dynamic[p])
            return true;
    return false;
}

/* }=================================================================== */

/* {===================================================================
 * Lines
 * ==================================================================== */

/* lead_ok - a value may start a continuation line with v: the reader would
 * not take it for a comment, a section or a new setting. */
static bool lead_ok(const char *v)
{
    return *v && !strchr(" \t;#[", *v) && !rri_pair_start(v);
}

/* plain - v reads back as itself after "key = ": no control character (a
 * tab aside), no ';' at its start or after a blank (a comment). */
static bool plain(const char *v)
{
    if (v[0] == ';')
        return false;
    for (size_t i = 0; v[i]; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return false;
        if (c == ';' && (v[i - 1] == ' ' || v[i - 1] == '\t'))
            return false;
    }
    return true;
}

/* next_piece - the end of the longest run of pieces of v from pos (at
 * least one piece: the run up to the next place a line may break) that
 * fits in room characters. */
static size_t next_piece(const char *v, size_t n, size_t pos, size_t room)
{
    size_t end = pos;
    for (size_t i = pos + 1; i <= n; i++)
        if (i == n || rr_scenario_break_ok(v, i)) {
            if (end == pos || i - pos <= room)
                end = i;
            if (i - pos > room)
                break;
        }
    return end;
}

/* put_lines - "key = value" of a value longer than a line, continued on
 * indented lines; false when a piece fits no line. */
static bool put_lines(rr_sb *b, const char *key, const char *v)
{
    size_t n = strlen(v), klen = strlen(key), pos = 0;
    bool first = true;
    rr_sb_add(b, key);
    while (pos < n) {
        size_t room = !first               ? INI_LINE - 4
                      : klen + 3 < INI_LINE ? INI_LINE - (klen + 3)
                                            : 0;
        size_t end = next_piece(v, n, pos, room), len = end - pos;
        if (first) {
            if (klen + 3 + len <= RR_LINE_MAX) {
                rr_sb_add(b, " = ");
            } else if (lead_ok(v)) {
                /* the key alone, the value from the next line */
                rr_sb_add(b, " =\n");
                first = false;
                continue;
            } else if (klen + 1 + len <= RR_LINE_MAX) {
                rr_sb_add(b, "=");
            } else {
                return false;
            }
        } else if (4 + len <= RR_LINE_MAX) {
            rr_sb_add(b, "    ");
        } else if (1 + len <= RR_LINE_MAX) {
            rr_sb_add(b, " ");
        } else {
            return false;
        }
        rr_sb_addn(b, v + pos, len);
        rr_sb_add(b, "\n");
        first = false;
        pos = end < n ? end + 1 : n;
    }
    return true;
}

/* put_setting - "key = value", continued on indented lines when longer
 * than INI_LINE, breaking only where rr_scenario_break_ok() allows (the
 * reader joins the lines with one space, so the value reads back the same);
 * a piece that does not fit a line of INI_LINE gets one of its own, up to
 * RR_LINE_MAX.  The comment goes after " ; " when all fits on one line.
 * False, with nothing written, when the value cannot be written so (a
 * control character, a comment mark, a piece too long for any line). */
static bool put_setting(writer *w, const char *key, const char *v,
                        const char *comment)
{
    size_t n = strlen(v), klen = strlen(key);
    rr_sb b = RR_SB_INIT;
    bool ok = true;
    if (!plain(v))
        return false;
    if (n == 0 || klen + 3 + n <= INI_LINE) {
        rr_sb_add(&b, key);
        rr_sb_add(&b, n ? " = " : " =");
        rr_sb_add(&b, v);
        if (comment && klen + 3 + n + 3 + strlen(comment) <= INI_LINE) {
            rr_sb_add(&b, " ; ");
            rr_sb_add(&b, comment);
        }
        rr_sb_add(&b, "\n");
    } else {
        ok = put_lines(&b, key, v);
    }
    if (b.status != RR_OK)
        w->oom = true;
    else if (ok)
        rr_sb_addn(&w->out, rr_sb_str(&b), b.n);
    rr_sb_fini(&b);
    return ok || w->oom;
}

/* utf8_seq - length of the valid UTF-8 sequence at s, 0 if none. */
static size_t utf8_seq(const unsigned char *s)
{
    size_t k = s[0] < 0x80                   ? 1
               : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                              : 0;
    for (size_t i = 1; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return k;
}

/* put_comment - a manifest line; text from the command line or the file
 * system (a path, the command) may hold line breaks, control characters
 * or bytes that are not UTF-8, which the reader would refuse: they become
 * '?' (a line break a space). */
static void put_comment_line(writer *w, const char *key, const char *value)
{
    rr_sb *b = &w->out;
    rr_sb_add(b, "; ");
    rr_sb_add(b, key);
    rr_sb_add(b, " = ");
    for (const unsigned char *s = (const unsigned char *)value; *s;) {
        size_t k = utf8_seq(s);
        if (k == 0 || (k == 1 && ((*s < 0x20 && *s != '\t') || *s == 0x7F))) {
            rr_sb_add(b, *s == '\n' || *s == '\r' ? " " : "?");
            s++;
        } else {
            rr_sb_addn(b, (const char *)s, k);
            s += k;
        }
    }
    rr_sb_add(b, "\n");
}

static void put_comment(writer *w, const char *key, const char *value)
{
    char *k = rri_printf(&w->sc->arena, "manifest: %s", key);
    if (k)
        put_comment_line(w, k, value);
    else
        w->oom = true;
}

/* }=================================================================== */

/* {===================================================================
 * Settings and sections
 * ==================================================================== */

/* skipped - a setting not written: what a base said is in the settings
 * already, so the written file has none. */
static bool skipped(const rri_setting *st)
{
    return strcmp(st->section, "scenario") == 0 &&
           (strcmp(st->name, "base") == 0 ||
            strcmp(st->name, "left_unused") == 0 ||
            strncmp(st->name, "override.", 9) == 0);
}

/* subst_written - text with every ${NAME} replaced by the text the file
 * writes for the parameter, as the reader will substitute it; NULL when
 * out of memory or too deep (the caller then writes the value
 * substituted). */
static char *subst_written(const writer *w, const char *text, int depth)
{
    rr_sb b = RR_SB_INIT;
    const char *s = text, *name;
    size_t n;
    if (depth > RRI_MAX_NESTING)
        return NULL;
    for (const char *t = text; rri_ref_next(&t, &name, &n); s = t) {
        long p = rri_param_setting(w->sc, name, n);
        char *v = p >= 0 && w->text[p] ? subst_written(w, w->text[p], depth + 1)
                                       : NULL;
        if (!v) {
            rr_sb_fini(&b);
            return NULL;
        }
        rr_sb_addn(&b, s, (size_t)(name - 2 - s));
        rr_sb_add(&b, v);
        free(v);
        if (b.n > RR_VALUE_MAX) {
            rr_sb_fini(&b);
            return NULL;
        }
    }
    rr_sb_add(&b, s);
    return rr_sb_take(&b, NULL);
}

/* in_ov - key is one of the overrides in force. */
static bool in_ov(const rr_scenario *sc, const char *key)
{
    size_t it = 0, i;
    uint64_t h = rri_hash_str(RRI_HASH0, key);
    while (rri_map_next(&sc->ov_map, h, &it, &i))
        if (strcmp(sc->ov[i].key, key) == 0)
            return true;
    return false;
}

/* join_comment - "a; b" of two comments, either may be NULL; NULL when out
 * of memory. */
static char *join_comment(const char *a, const char *b)
{
    size_t n = (a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 3;
    char *c = malloc(n);
    if (c)
        snprintf(c, n, "%s%s%s", a ? a : "", a && b ? "; " : "", b ? b : "");
    return c;
}

/* prepare_one - the text setting i is written with, and its comment (see
 * the top of the file): as written, the resolved value in the comment;
 * substituted when that names a table whose path points at its copy and
 * the text as written would not read back to it (checked by substituting
 * the parameters' texts as written here: prepare the parameters first). */
static void prepare_one(writer *w, size_t i)
{
    const rri_setting *st = &w->sc->settings[i];
    const rr_setting *s = &st->pub;
    /* relative paths are read from the folder of the file that wrote the
     * setting; --set ones from the scenario file's */
    const char *dir = s->line > 0 ? w->sc->files[st->file].dir : w->sc->dir;
    const char *note = NULL;
    char *out = rewrite_paths(w, s->value, dir), *flat = NULL, *back = NULL;
    char buf[160];
    if (!out) {
        w->oom = true;
        return;
    }
    if (strstr(s->value, "${") && !uses_dynamic(w, s->value)) {
        const char *v = rr_scenario_resolved_value(w->sc, i, w->vbuf,
                                                   RR_VALUE_MAX + 1);
        if (!(flat = rewrite_paths(w, v, dir))) {
            w->oom = true;
        } else if (strcmp(flat, v) != 0 &&
                   (!(back = subst_written(w, out, 0)) ||
                    strcmp(back, flat) != 0)) {
            /* a table's path, reached through ${...}: substituted */
            free(out);
            out = flat;
            flat = NULL;
        } else if (strlen(v) < 120 && strcmp(v, out) != 0) {
            snprintf(buf, sizeof buf, "= %s", v);
            note = buf;
        }
        free(back);
        free(flat);
    }
    if (!note && strcmp(out, s->value) != 0 && strlen(s->value) < 120) {
        snprintf(buf, sizeof buf, "written %s", s->value);
        note = buf;
    }
    w->text[i] = out;
    /* a parameter's note says it was set on the command line already */
    bool set = !rri_is_param(st) && in_ov(w->sc, s->key);
    if (set || note) {
        w->comment[i] = set ? join_comment("set on the command line", note)
                            : join_comment(note, NULL);
        if (!w->comment[i])
            w->oom = true;
    }
}

/* written_text - what rri_params_used reads of setting i in the written
 * file: its text, unless it is not written (a base, a record, a change
 * written as a comment). */
static const char *written_text(const rr_scenario *sc, size_t i, void *ctx)
{
    const writer *w = ctx;
    if (w->dead[i] || !rri_value_text(sc, i, NULL))
        return NULL;
    return w->text[i];
}

/* change_target - the parameter setting an event's set./scale. setting i
 * changes, or -1. */
static long change_target(const rr_scenario *sc, size_t i)
{
    const rri_setting *st = &sc->settings[i];
    if (!st->def ||
        (st->def->type != RRI_T_SETVALUE && st->def->type != RRI_T_FACTOR))
        return -1;
    const char *t = st->name + (st->def->type == RRI_T_FACTOR ? 6 : 4);
    return rri_param_setting(sc, t, strlen(t));
}

/* prepare - every setting's text, then which parameters the written
 * values use: an event's change to a parameter no value uses is written
 * as a comment, which may leave more parameters unused, until none is
 * left. */
static void prepare(writer *w)
{
    rr_scenario *sc = w->sc;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sc->n_settings && !w->oom; i++)
            if (rri_is_param(&sc->settings[i]) == (pass == 0) &&
                !skipped(&sc->settings[i]))
                prepare_one(w, i);
    for (bool again = !w->oom; again;) {
        again = false;
        if (rri_params_used(sc, written_text, w, w->live) != RR_OK) {
            w->oom = true;
            return;
        }
        for (size_t i = 0; i < sc->n_settings; i++) {
            long p = change_target(sc, i);
            if (p >= 0 && !w->live[p] && !w->dead[i])
                w->dead[i] = again = true;
        }
    }
}

/* put_one - setting i as prepared, and its source note; a parameter no
 * written value uses, or a change to one, as comment lines. */
static void put_one(writer *w, size_t i)
{
    const rri_setting *st = &w->sc->settings[i];
    const char *out = w->text[i] ? w->text[i] : st->pub.value;
    if (w->dead[i] || (rri_is_param(st) && !w->live[i])) {
        char *k = rri_printf(&w->sc->arena, "unused here: %s", st->name);
        if (!k)
            w->oom = true;
        else
            put_comment_line(w, k, out);
        if (rri_is_param(st) && st->pub.note && *st->pub.note) {
            k = rri_printf(&w->sc->arena, "unused here: %s.source", st->name);
            if (!k)
                w->oom = true;
            else
                put_comment_line(w, k, st->pub.note);
        }
        return;
    }
    if (!put_setting(w, st->name, out, w->comment[i]) &&
        !put_setting(w, st->name, st->pub.value, NULL))
        put_setting(w, st->name, "", "value not writable"); /* cannot be */
    if (st->pub.note && *st->pub.note) {
        char *k = rri_printf(&w->sc->arena, "%s.source", st->name);
        if (!k)
            w->oom = true;
        else
            put_setting(w, k, st->pub.note, NULL);
    }
    if (st->pub.label && *st->pub.label) {
        char *k = rri_printf(&w->sc->arena, "%s.label", st->name);
        if (!k)
            w->oom = true;
        else
            put_setting(w, k, st->pub.label, NULL);
    }
    if (st->range) {
        char *k = rri_printf(&w->sc->arena, "%s.%s", st->name,
                             st->range_dist ? "dist" : "range");
        if (!k)
            w->oom = true;
        else
            put_setting(w, k, st->range, NULL);
    }
}

/* put_records - the overrides in force, as [scenario] override.KEY, and
 * what the scenario leaves unused without fault (a variant or a --set
 * made it so), as left_unused: in this one file nothing says any more
 * who made what unused. */
static void put_records(writer *w)
{
    rr_scenario *sc = w->sc;
    for (size_t i = 0; i < sc->n_ov; i++) {
        char *k = rri_printf(&sc->arena, "override.%s", sc->ov[i].key);
        if (!k)
            w->oom = true;
        else if (!put_setting(w, k, sc->ov[i].value, NULL))
            put_setting(w, k, "", "value not writable"); /* cannot be */
    }
    if (sc->n_left) {
        rr_sb b = RR_SB_INIT;
        for (size_t i = 0; i < sc->n_left; i++) {
            rr_sb_add(&b, i ? ", " : "");
            rr_sb_add(&b, sc->left[i]);
        }
        if (b.status != RR_OK)
            w->oom = true;
        else
            put_setting(w, "left_unused", rr_sb_str(&b), NULL);
        rr_sb_fini(&b);
    }
}

static void put_header(writer *w, const char *name, bool *header)
{
    if (*header)
        return;
    *header = true;
    rr_sb_add(&w->out, "\n[");
    rr_sb_add(&w->out, name);
    rr_sb_add(&w->out, "]\n");
}

/* put_section - section `name` (s: its kind and name after the dot): its
 * settings in file order, then the defaults of the keys not written; no
 * header for a section with neither. */
static void put_section(writer *w, const char *name, const rri_section *s)
{
    rr_scenario *sc = w->sc;
    size_t nd, ns;
    const rri_keydef *d = rri_keydefs(s->kind, &nd);
    const size_t *own = rri_section_settings(sc, name, &ns);
    bool header = false;
    for (size_t k = 0; k < ns; k++) {
        size_t i = own[k];
        if (w->done[i] || skipped(&sc->settings[i]))
            continue;
        put_header(w, name, &header);
        put_one(w, i);
        w->done[i] = true;
    }
    for (size_t j = 0; j < nd; j++) {
        if (rri_keydef_family(&d[j]) ||
            rri_setting_find(sc, name, d[j].name) >= 0)
            continue;
        const char *v = rri_default_value(sc, s, &d[j]);
        if (!v)
            continue;
        put_header(w, name, &header);
        put_setting(w, d[j].name, v, "default");
    }
    if (s->kind == RRI_SEC_SCENARIO && (sc->n_ov || sc->n_left)) {
        put_header(w, name, &header);
        put_records(w);
    }
}

/* put_sections - the written sections in file order, then those of the
 * singleton kinds not written (only defaults, or --set), then, should any
 * setting belong to none of these, its section by name. */
static void put_sections(writer *w)
{
    rr_scenario *sc = w->sc;
    for (size_t i = 0; i < sc->n_sections; i++)
        put_section(w, sc->sections[i].name, &sc->sections[i]);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        const char *name = rri_sec_name((rri_sec_kind)k);
        if (k == RRI_SEC_PARAMETERS || rri_sec_named((rri_sec_kind)k) ||
            rri_section_find(sc, name) >= 0)
            continue;
        rri_section tmp = {(rri_sec_kind)k, (char *)name, "", 0, 0};
        put_section(w, name, &tmp);
    }
    for (size_t g = 0; g < sc->n_groups; g++) {
        rri_section tmp = {RRI_SEC_COUNT, (char *)sc->group_name[g], "", 0, 0};
        put_section(w, tmp.name, &tmp);
    }
}

/* put_manifest - where the file came from, as comments, and what it is. */
static void put_manifest(writer *w, const rr_resolved_info *info)
{
    rr_scenario *sc = w->sc;
    const rr_config *c = sc->plan.cfg[0];
    char num[64];
    put_comment(w, "version", info && info->version ? info->version : "?");
    put_comment(w, "scenario", sc->path);
    for (size_t i = 1; i < sc->n_files; i++)
        put_comment(w, "base", sc->files[i].path);
    snprintf(num, sizeof num, "%016llx", (unsigned long long)sc->hash);
    put_comment(w, "scenario_hash", num);
    if (info && info->command)
        put_comment(w, "command", info->command);
    snprintf(num, sizeof num, "%llu", (unsigned long long)c->seed);
    put_comment(w, "seed", num);
    snprintf(num, sizeof num, "%d", c->replications);
    put_comment(w, "replications", num);
    if (info && info->created)
        put_comment(w, "created", info->created);
    for (size_t i = 0; w->copy && i < sc->n_inputs; i++) {
        char *line = rri_printf(&sc->arena, "%s -> %s", sc->inputs[i].path,
                                w->copy[i]);
        if (line)
            put_comment(w, "input", line);
        else
            w->oom = true;
    }
    static const char *const about =
        ";\n"
        "; Every setting of this run as it was used: as written, ${...} and\n"
        "; all, with the value it resolves to after '; = ', defaults written\n"
        "; out, tables read from the copies in inputs/.  Running this file\n"
        "; reproduces the run's CSV files.  [parameters] keep their values\n"
        "; and source notes as the assumption register, and --set on one\n"
        "; changes what it changed in the scenario.  override.KEY lines in\n"
        "; [scenario] record the run's --set overrides, for run.csv; they\n"
        "; change nothing (the settings hold the values).\n";
    rr_sb_add(&w->out, about);
}

/* }=================================================================== */

int rr_scenario_write_resolved(rr_scenario *sc, FILE *f,
                               const rr_resolved_info *info, char *err,
                               size_t errlen)
{
    const rr_plan *plan;
    writer w;
    int rc = rr_scenario_plan(sc, &plan, err, errlen);
    if (rc != RR_OK)
        return rc;
    memset(&w, 0, sizeof w);
    w.sc = sc;
    w.copy = info ? info->input_copy : NULL;
    w.real = w.copy ? real_paths(sc) : NULL;
    w.dynamic = dynamic_params(sc);
    w.done = calloc(sc->n_settings + 1, sizeof *w.done);
    w.vbuf = malloc(RR_VALUE_MAX + 1);
    w.text = calloc(sc->n_settings + 1, sizeof *w.text);
    w.comment = calloc(sc->n_settings + 1, sizeof *w.comment);
    w.live = calloc(sc->n_settings + 1, sizeof *w.live);
    w.dead = calloc(sc->n_settings + 1, sizeof *w.dead);
    if ((w.copy && !w.real) || !w.dynamic || !w.done || !w.vbuf || !w.text ||
        !w.comment || !w.live || !w.dead)
        w.oom = true;
    if (!w.oom)
        prepare(&w);
    if (!w.oom) {
        put_manifest(&w, info);
        put_sections(&w);
    }
    if (w.oom || w.out.status != RR_OK)
        rc = rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    else if (w.out.n)
        fwrite(rr_sb_str(&w.out), 1, w.out.n, f); /* the caller checks f */
    rr_sb_fini(&w.out);
    free(w.dynamic);
    free(w.done);
    free(w.vbuf);
    for (size_t i = 0; w.text && i < sc->n_settings; i++)
        free(w.text[i]);
    for (size_t i = 0; w.comment && i < sc->n_settings; i++)
        free(w.comment[i]);
    free(w.text);
    free(w.comment);
    free(w.live);
    free(w.dead);
    return rc;
}
