/*
 * read.c - reading a scenario's INI files: the text through libinih, file
 * by file (the scenario file, its base, the base's base), then merged.
 *
 * libinih (Debian's build) calls our reader once per line and then the
 * handler for that line, so the reader counts lines and the handler knows
 * the line of every setting.  The reader also:
 *   - records each "[section]" header with its line (inih reports only
 *     name = value pairs, so an empty section would otherwise be unseen);
 *   - un-indents header lines and indented "key = value" lines, so that
 *     only other indented lines continue the previous value (inih's
 *     multi-line mode), and cuts " ;" comments from continuation lines,
 *     which inih leaves in;
 *   - refuses lines longer than inih's buffer instead of letting inih read
 *     the rest of such a line as a line of its own.
 * A continued value is joined to the previous one with a single space, in
 * a buffer that grows by doubling (a value of n lines costs O(n)), up to
 * RR_VALUE_MAX bytes.
 *
 * Before inih sees a file, rr_input_read() has made sure it is a regular
 * file of at most RR_INPUT_MAX bytes (a FIFO or /dev/zero named as a base
 * is refused, not waited on or read without end) and rr_text_check() that
 * it is UTF-8 without NUL bytes or control characters: inih reads lines as
 * C strings, so a NUL would silently cut one.
 *
 * A scenario with [scenario] base = FILE is read file by file, each into
 * a rri_layer of its own (so "written twice" stays a per-file error), the
 * scenario file first since it names the base; then the layers are merged
 * from the deepest base up (merge()).  The checks of check.c run on the
 * result.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "rr_common.h"
#include "scenario_int.h"

/* rri_note_err - keep the message if it comes before the one kept. */
void rri_note_err(rri_first_err *fe, long long line, int status,
                  const char *fmt, ...)
{
    if (fe->status != RR_OK && fe->line <= line)
        return;
    fe->line = line;
    va_list ap;
    va_start(ap, fmt);
    fe->status = rr_err_vset(fe->msg, sizeof fe->msg, status, fmt, ap);
    va_end(ap);
}

/* {===================================================================
 * One file
 * ==================================================================== */

/* One INI file's sections, settings and notes as read, before merging,
 * each with an index by name for "written twice". */
typedef struct rri_layer {
    int file;             /* index in sc->files */
    rri_section *sections;
    size_t n_sections, cap_sections;
    rri_map sec_map;
    rri_setting *settings;
    size_t n_settings, cap_settings;
    rri_map set_map;
    rri_notes nt;
    rri_map note_map;
} rri_layer;

static void layer_fini(rri_layer *ly)
{
    free(ly->sections);
    free(ly->settings);
    free(ly->nt.v);
    rri_map_fini(&ly->sec_map);
    rri_map_fini(&ly->set_map);
    rri_map_fini(&ly->note_map);
    memset(ly, 0, sizeof *ly);
}

struct parse {
    rr_scenario *sc;
    rri_layer *ly;            /* what the file holds */
    const char *path;     /* the file, for messages */
    const char *p, *end;  /* the rest of the text */
    int line;             /* line just handed to inih */
    bool indented;        /* that line starts with a blank */
    int too_long;         /* first line too long for inih's buffer */
    long last;            /* setting the previous pair went to, or -1 */
    long last_note;       /* note the previous pair went to, or -1 */
    /* a value being continued, built here in linear time and copied to
     * the arena when the next setting starts (flush_value) */
    char *cbuf;
    size_t clen, ccap;
    int ckind;            /* 0 none, 1 setting `last`, 2 note `last_note` */
    bool cdead;           /* the value grew too long: ignore the rest */
    rri_first_err fe;
};

static bool ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '.' || c == '-' || c == '$' ||
           c == '{' || c == '}';
}

/* looks_like_pair - "name = ..." with a name of key characters. */
static bool looks_like_pair(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && ident_char((unsigned char)s[i]))
        i++;
    if (i == 0)
        return false;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && s[i] == '=';
}

static int add_section(rr_scenario *sc, rri_layer *ly, const char *name,
                       size_t n, int line)
{
    if (rri_grow((void **)&ly->sections, &ly->cap_sections, ly->n_sections + 1,
                 sizeof *ly->sections) ||
        rri_map_add(&ly->sec_map, rri_hash(RRI_HASH0, name, n), ly->n_sections))
        return RR_ENOMEM;
    rri_section *s = &ly->sections[ly->n_sections];
    memset(s, 0, sizeof *s);
    s->name = rri_strndup(&sc->arena, name, n);
    if (!s->name)
        return RR_ENOMEM;
    s->sub = "";
    s->line = line;
    s->file = ly->file;
    s->kind = RRI_SEC_COUNT;
    ly->n_sections++;
    return RR_OK;
}

/* reader - hand inih the next line (see the top of the file). */
static char *reader(char *str, int num, void *stream)
{
    struct parse *pr = stream;
    if (pr->p >= pr->end)
        return NULL;
    const char *q = memchr(pr->p, '\n', (size_t)(pr->end - pr->p));
    size_t len = q ? (size_t)(q - pr->p) : (size_t)(pr->end - pr->p);
    const char *s = pr->p;
    pr->p += len + (q != NULL);
    pr->line++;
    if (pr->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    if (len && s[len - 1] == '\r')
        len--;

    size_t lead = 0;
    while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    bool blank = lead == len;
    if (!blank && (s[lead] == '[' || looks_like_pair(s + lead, len - lead))) {
        s += lead;
        len -= lead;
        lead = 0;
    }
    pr->indented = lead > 0 && !blank;
    if (pr->indented && s[lead] != ';' && s[lead] != '#') {
        /* a continuation: cut a " ;" comment, as inih does on other lines */
        for (size_t i = lead + 1; i < len; i++)
            if (s[i] == ';' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
                len = i;
                break;
            }
    }
    if (!blank && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (close) {
            size_t n = (size_t)(close - (s + 1));
            const char *a = rr_trim_span(s + 1, &n);
            rri_layer *ly = pr->ly;
            long i = rri_find_section_in(&ly->sec_map, ly->sections, a, n);
            if (i >= 0)
                rri_note_err(&pr->fe, pr->line, RR_EPARSE,
                             "%s:%d: [%s]: section written twice (first at "
                             "line %d)",
                             pr->path, pr->line, ly->sections[i].name,
                             ly->sections[i].line);
            if (add_section(pr->sc, ly, a, n, pr->line))
                rri_note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
        }
    }
    if (num >= 3 && len + 2 > (size_t)num && !blank &&
        (s[lead] == ';' || s[lead] == '#')) {
        len = (size_t)num - 2; /* a comment: what is cut is not read */
    } else if (num < 3 || len + 2 > (size_t)num) {
        if (!pr->too_long)
            pr->too_long = pr->line;
        len = 0;
        pr->indented = false;
    }
    memcpy(str, s, len);
    str[len] = '\n';
    str[len + 1] = '\0';
    return str;
}

/* add_setting - append a setting to the list *v (n items, capacity
 * *cap) and its index m; strings are copied into the arena. */
int rri_add_setting(rri_arena *a, rri_setting **v, size_t *n, size_t *cap,
                    rri_map *m, const char *section, const char *name,
                    const char *value, const char *file, int line, int fidx)
{
    if (rri_grow((void **)v, cap, *n + 1, sizeof **v))
        return RR_ENOMEM;
    rri_setting *st = &(*v)[*n];
    memset(st, 0, sizeof *st);
    st->section = rri_strdup(a, section);
    st->name = rri_strdup(a, name);
    st->pub.value = rri_strdup(a, value);
    st->pub.key = strcmp(section, "parameters") == 0
                      ? st->name
                      : rri_printf(a, "%s.%s", section, name);
    st->pub.file = file;
    st->pub.line = line;
    st->sec = -1;
    st->file = fidx;
    st->decl_file = fidx;
    if (!st->section || !st->name || !st->pub.value || !st->pub.key ||
        rri_map_add(m, rri_set_hash(section, name), *n))
        return RR_ENOMEM;
    (*n)++;
    return RR_OK;
}

/* A note is NAME.source (where the value comes from) or NAME.label (the
 * parameter in words, for charts and tables). */
bool rri_is_note_key(const char *section, const char *name)
{
    size_t n = strlen(name);
    return strcmp(section, "parameters") == 0 &&
           ((n > 7 && strcmp(name + n - 7, ".source") == 0) ||
            (n > 6 && strcmp(name + n - 6, ".label") == 0));
}

bool rri_is_range_key(const char *section, const char *name)
{
    size_t n = strlen(name);
    return strcmp(section, "parameters") == 0 &&
           ((n > 6 && strcmp(name + n - 6, ".range") == 0) ||
            (n > 5 && strcmp(name + n - 5, ".dist") == 0));
}

/* flush_value - the value being continued, into the arena. */
static void flush_value(struct parse *pr)
{
    if (!pr->ckind)
        return;
    char *v = rri_strndup(&pr->sc->arena, pr->cbuf ? pr->cbuf : "", pr->clen);
    if (!v)
        rri_note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
    else if (pr->ckind == 1)
        pr->ly->settings[pr->last].pub.value = v;
    else
        pr->ly->nt.v[pr->last_note].text = v;
    pr->ckind = 0;
    pr->clen = 0;
    pr->cdead = false;
}

/* continue_value - join a continuation line to the value of the setting
 * (kind 1) or note (kind 2) the previous pair went to, with one space, in
 * a buffer that doubles as it grows: a value of n lines costs O(n), not
 * the O(n^2) of copying it whole at every line.  A value longer than
 * RR_VALUE_MAX is an error at the line that makes it so. */
static int continue_value(struct parse *pr, int kind, const char *section,
                          const char *name, const char *more)
{
    if (pr->ckind != kind) {
        flush_value(pr);
        const char *old = kind == 1 ? pr->ly->settings[pr->last].pub.value
                                    : pr->ly->nt.v[pr->last_note].text;
        pr->clen = 0;
        pr->ckind = kind;
        pr->cdead = false;
        size_t n = strlen(old);
        if (rri_grow((void **)&pr->cbuf, &pr->ccap, n + 1, 1)) {
            rri_note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
            pr->cdead = true;
            return 0;
        }
        memcpy(pr->cbuf, old, n);
        pr->clen = n;
    }
    if (pr->cdead)
        return 1;
    size_t m = strlen(more), sep = pr->clen > 0;
    if (pr->clen + sep + m > RR_VALUE_MAX) {
        rri_note_err(&pr->fe, pr->line, RR_EPARSE,
                     "%s:%d: [%s] %s: value longer than %d characters",
                     pr->path, pr->line, section, name, RR_VALUE_MAX);
        pr->cdead = true;
        return 0;
    }
    if (rri_grow((void **)&pr->cbuf, &pr->ccap, pr->clen + sep + m + 1, 1)) {
        rri_note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
        pr->cdead = true;
        return 0;
    }
    if (sep)
        pr->cbuf[pr->clen++] = ' ';
    memcpy(pr->cbuf + pr->clen, more, m);
    pr->clen += m;
    return 1;
}

/* handler - one name = value pair (or a continuation line). */
static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    struct parse *pr = user;
    rr_scenario *sc = pr->sc;
    rri_layer *ly = pr->ly;
    rri_notes *nts = &ly->nt;
    int line = pr->line;

    if (pr->indented) {
        /* inih calls us with the previous name for a continuation */
        if (pr->last >= 0) {
            rri_setting *st = &ly->settings[pr->last];
            if (strcmp(st->section, section) == 0 &&
                strcmp(st->name, name) == 0)
                return continue_value(pr, 1, section, name, value);
        }
        if (pr->last_note >= 0 &&
            strcmp(nts->v[pr->last_note].name, name) == 0 &&
            strcmp(section, "parameters") == 0)
            return continue_value(pr, 2, section, name, value);
    }
    flush_value(pr);
    if (rri_is_note_key(section, name) || rri_is_range_key(section, name)) {
        size_t it = 0, i;
        uint64_t h = rri_hash_str(RRI_HASH0, name);
        while (rri_map_next(&ly->note_map, h, &it, &i))
            if (strcmp(nts->v[i].name, name) == 0) {
                rri_note_err(&pr->fe, line, RR_EPARSE,
                             "%s:%d: [parameters] %s: duplicate key (first "
                             "written at line %d)",
                             pr->path, line, name, nts->v[i].line);
                return 0;
            }
        if (rri_grow((void **)&nts->v, &nts->cap, nts->n + 1, sizeof *nts->v) ||
            rri_map_add(&ly->note_map, h, nts->n)) {
            rri_note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
            return 0;
        }
        rri_pnote *nt = &nts->v[nts->n];
        nt->name = rri_strdup(&sc->arena, name);
        nt->text = rri_strdup(&sc->arena, value);
        nt->line = line;
        nt->file = pr->path;
        nt->fidx = ly->file;
        if (!nt->name || !nt->text) {
            rri_note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
            return 0;
        }
        pr->last_note = (long)nts->n++;
        pr->last = -1;
        return 1;
    }
    long dup = rri_find_setting_in(&ly->set_map, ly->settings, section, name);
    if (dup >= 0) {
        rri_note_err(&pr->fe, line, RR_EPARSE,
                     "%s:%d: [%s] %s: duplicate key (first written at line %d)",
                     pr->path, line, section, name, ly->settings[dup].pub.line);
        pr->last = -1;
        return 0;
    }
    if (rri_add_setting(&sc->arena, &ly->settings, &ly->n_settings,
                        &ly->cap_settings, &ly->set_map, section, name, value,
                        pr->path, line, ly->file)) {
        rri_note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
        return 0;
    }
    pr->last = (long)ly->n_settings - 1;
    pr->last_note = -1;
    return 1;
}

/* line_text - line n (from 1) of a file's text, trimmed, into buf. */
static const char *line_text(const rri_file *fl, int n, char *buf, size_t size)
{
    const char *p = fl->text, *end = fl->text + fl->text_len;
    for (int i = 1; i < n && p < end; i++) {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        p = q ? q + 1 : end;
    }
    const char *q = memchr(p, '\n', (size_t)(end - p));
    size_t all = (size_t)((q ? q : end) - p);
    p = rr_trim_span(p, &all);
    size_t len = all > 80 ? 80 : all;
    snprintf(buf, size, "%.*s%s", (int)len, p, all > len ? "..." : "");
    return buf;
}

/* read_ini - parse one file's text into the sections, settings and notes
 * of ly. */
static int read_ini(rr_scenario *sc, rri_layer *ly, char *err, size_t errlen)
{
    const rri_file *fl = &sc->files[ly->file];
    struct parse pr;
    memset(&pr, 0, sizeof pr);
    pr.sc = sc;
    pr.ly = ly;
    pr.path = fl->path;
    pr.p = fl->text;
    pr.end = fl->text + fl->text_len;
    pr.last = -1;
    pr.last_note = -1;
    int rc = ini_parse_stream(reader, &pr, handler, &pr);
    flush_value(&pr);
    free(pr.cbuf);
    rri_first_err *fe = &pr.fe;
    if (rc == -2 || (fe->status == RR_ENOMEM))
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    if (rc < 0)
        return rr_err_set(err, errlen, RR_EIO, "%s: cannot read", fl->path);
    if (pr.too_long && (!rc || pr.too_long <= rc) &&
        (fe->status == RR_OK || pr.too_long <= fe->line))
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%d: line longer than %d characters (continue "
                          "a long value on an indented line)",
                          fl->path, pr.too_long, ini_max_line - 3);
    if (rc > 0 && (fe->status == RR_OK || rc < fe->line)) {
        char buf[128];
        const char *t = line_text(fl, rc, buf, sizeof buf);
        if (t[0] == '[')
            return rr_err_set(err, errlen, RR_EPARSE,
                              "%s:%d: expected a section header such as "
                              "[stage.talks], got '%s'",
                              fl->path, rc, t);
        return rr_err_set(err, errlen, RR_EPARSE,
                          "%s:%d: expected 'key = value' or '[section]', "
                          "got '%s'",
                          fl->path, rc, t);
    }
    if (fe->status != RR_OK)
        return rr_err_set(err, errlen, fe->status, "%s", fe->msg);
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * The files of a scenario
 * ==================================================================== */

/* normalise - a path without "." segments and "NAME/.." pairs, into the
 * arena; a name for a file, not a way to open it. */
char *rri_normalise(rri_arena *a, const char *path)
{
    size_t n = strlen(path);
    char *out = rri_alloc(a, n + 2);
    if (!out)
        return NULL;
    size_t o = 0, keep = 0; /* out[0..keep) cannot be undone by ".." */
    if (path[0] == '/')
        out[o++] = '/', keep = 1;
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
            /* nothing */
        } else if (len == 2 && p[0] == '.' && p[1] == '.' && o > keep) {
            /* drop the last segment */
            o--;
            while (o > keep && out[o - 1] != '/')
                o--;
        } else {
            memcpy(out + o, p, len);
            o += len;
            out[o++] = '/';
            if (len == 2 && p[0] == '.' && p[1] == '.')
                keep = o;
        }
        p += len + (e != NULL);
    }
    if (o > 1 && out[o - 1] == '/')
        o--;
    out[o] = '\0';
    return out;
}

/* chain_err - "FILE:LINE: [scenario] base: WHAT: A -> B -> ... -> PATH",
 * at the base setting `from` of the last file read. */
static void chain_err(const rr_scenario *sc, const rri_setting *from,
                      const char *what, const char *path, char *err,
                      size_t errlen)
{
    char chain[2048];
    size_t used = 0;
    chain[0] = '\0';
    for (size_t j = 0; j <= sc->n_files; j++) {
        const char *p = j < sc->n_files ? sc->files[j].path : path;
        int w = snprintf(chain + used, sizeof chain - used, "%s%s",
                         j ? " -> " : "", p);
        if (w < 0 || (size_t)w >= sizeof chain - used)
            break;
        used += (size_t)w;
    }
    rr_err_set(err, errlen, RR_EINVAL, "%s:%d: [scenario] base: %s: %s",
               from->pub.file, from->pub.line, what, chain);
}

/* read_files - the scenario file into ly[0], then its base into ly[1], the
 * base's base into ly[2] and so on, each file parsed on its own (so that a
 * section or key written twice in one file is still an error).  A base is
 * named by [scenario] base = FILE, relative to the folder of the file that
 * names it; files are told apart by device and inode, so a cycle is found
 * however its paths are spelled. */
static int read_files(rr_scenario *sc, rri_layer *ly, char *err, size_t errlen)
{
    rr_file_id id[RRI_MAX_BASES + 1];
    const rri_setting *from = NULL; /* the base setting naming `path` */
    const char *slash = strrchr(sc->path, '/');
    const char *path = sc->path, *rel = "";
    const char *name = rri_strdup(&sc->arena, slash ? slash + 1 : sc->path);
    if (!name)
        goto oom;
    for (size_t k = 0;; k++) {
        size_t len = 0;
        char *text = NULL, why[256];
        const char *verb;
        rr_file_id cur;
        int rc = rr_input_read(path, &text, &len, &cur, &verb, why, sizeof why);
        if (rc == RR_OK) {
            for (size_t j = 0; j < k && j <= RRI_MAX_BASES; j++)
                if (id[j].dev == cur.dev && id[j].ino == cur.ino) {
                    free(text);
                    chain_err(sc, from, "bases form a cycle", path, err,
                              errlen);
                    return RR_EINVAL;
                }
            if (k > RRI_MAX_BASES) {
                char what[64];
                free(text);
                snprintf(what, sizeof what, "more than %d bases in a chain",
                         RRI_MAX_BASES);
                chain_err(sc, from, what, path, err, errlen);
                return RR_EINVAL;
            }
            id[k] = cur;
        }
        if (!text) {
            /* a FIFO, a device or a folder named as a scenario or a base
             * is refused here, before anything waits on it */
            if (rc == RR_ENOMEM)
                return rr_err_set(err, errlen, rc, "out of memory");
            if (from)
                return rr_err_set(err, errlen, rc,
                                  "%s:%d: [scenario] base: cannot %s '%s': "
                                  "%s",
                                  from->pub.file, from->pub.line, verb, path,
                                  why);
            return rr_err_set(err, errlen, rc, "cannot %s '%s': %s", verb, path,
                              why);
        }
        size_t bad = rr_text_check(text, len, true, why, sizeof why);
        if (bad) {
            free(text);
            return rr_err_set(err, errlen, RR_EPARSE,
                              "%s:%zu: %s; a scenario file must be UTF-8 text",
                              path, bad, why);
        }
        if (rri_grow((void **)&sc->files, &sc->cap_files, sc->n_files + 1,
                     sizeof *sc->files)) {
            free(text);
            goto oom;
        }
        rri_file *fl = &sc->files[sc->n_files++];
        memset(fl, 0, sizeof *fl);
        fl->text = text;
        fl->text_len = len;
        fl->path = path;
        fl->rel = rel;
        fl->name = name;
        slash = strrchr(path, '/');
        fl->dir = rri_strndup(&sc->arena, path,
                              slash ? (size_t)(slash - path) + 1 : 0);
        if (!fl->dir)
            goto oom;
        sc->hash = rri_hash(sc->hash, text, len);

        ly[k].file = (int)k;
        rc = read_ini(sc, &ly[k], err, errlen);
        if (rc)
            return rc;
        long b = rri_find_setting_in(&ly[k].set_map, ly[k].settings, "scenario",
                                     "base");
        if (b < 0)
            return RR_OK;
        from = &ly[k].settings[b];
        const char *w = from->pub.value;
        if (!*w || strstr(w, "${"))
            return rr_err_set(err, errlen, RR_EPARSE,
                              "%s:%d: [scenario] base: %s", from->pub.file,
                              from->pub.line,
                              *w ? "cannot use ${...} (the base is read "
                                   "before the parameters)"
                                 : "expected the path of a scenario file");
        if (w[0] == '/') {
            path = rri_strdup(&sc->arena, w);
            name = path;
        } else {
            path = rri_printf(&sc->arena, "%s%s", fl->dir, w);
            char *n = rri_printf(&sc->arena, "%s%s", fl->rel, w);
            name = n ? rri_normalise(&sc->arena, n) : NULL;
        }
        if (!path || !name)
            goto oom;
        slash = strrchr(name, '/');
        rel = rri_strndup(&sc->arena, name,
                          slash ? (size_t)(slash - name) + 1 : 0);
        if (!rel)
            goto oom;
    }
oom:
    return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
}

int rri_note_replaced(rr_scenario *sc, const rri_setting *st, bool by_set)
{
    if (rri_grow((void **)&sc->replaced, &sc->cap_replaced,
                 sc->n_replaced + 1, sizeof *sc->replaced))
        return RR_ENOMEM;
    rri_replaced *r = &sc->replaced[sc->n_replaced++];
    r->section = st->section;
    r->name = st->name;
    r->value = st->pub.value;
    r->file = st->file;
    r->by_set = by_set;
    return RR_OK;
}

/* unused_at_write - the parameters whose values file k wrote, marked when
 * no setting uses them in the scenario as it stands with that file merged
 * (the files above it not yet): a parameter that only a later file leaves
 * unused (by replacing the settings that used it) is that file's choice,
 * not a fault of the file that declared it.  RR_OK or RR_ENOMEM. */
static int unused_at_write(rr_scenario *sc, int k)
{
    bool *used = malloc((sc->n_settings + 1) * sizeof *used);
    if (!used || rri_params_used(sc, rri_value_text, NULL, used) != RR_OK) {
        free(used);
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < sc->n_settings; i++) {
        rri_setting *st = &sc->settings[i];
        if (st->file == k && rri_is_param(st))
            st->unused_at_write = !used[i];
    }
    free(used);
    return RR_OK;
}

/* merge - the layers into the scenario's lists, the deepest base first:
 * a section already there is reopened (it keeps its first header), a
 * setting already there takes the later value and place of writing, and
 * anything new is appended.  Notes merge by name the same way. */
static int merge(rr_scenario *sc, const rri_layer *ly, rri_notes *nt)
{
    long base_at = -1;
    rri_map note_map = {0};
    int rc = RR_ENOMEM;
    for (size_t k = sc->n_files; k-- > 0;) {
        const rri_layer *l = &ly[k];
        for (size_t i = 0; i < l->n_sections; i++) {
            const char *name = l->sections[i].name;
            if (rri_section_find(sc, name) >= 0)
                continue;
            if (rri_grow((void **)&sc->sections, &sc->cap_sections,
                         sc->n_sections + 1, sizeof *sc->sections) ||
                rri_map_add(&sc->sec_map, rri_hash_str(RRI_HASH0, name),
                            sc->n_sections))
                goto out;
            sc->sections[sc->n_sections++] = l->sections[i];
        }
        for (size_t i = 0; i < l->n_settings; i++) {
            const rri_setting *src = &l->settings[i];
            long s = rri_setting_find(sc, src->section, src->name);
            if (s >= 0) {
                rri_setting *dst = &sc->settings[s];
                if (rri_note_replaced(sc, dst, false))
                    goto out;
                dst->pub.value = src->pub.value;
                dst->pub.file = src->pub.file;
                dst->pub.line = src->pub.line;
                dst->file = src->file;
                continue;
            }
            if (rri_grow((void **)&sc->settings, &sc->cap_settings,
                         sc->n_settings + 1, sizeof *sc->settings) ||
                rri_map_add(&sc->set_map, rri_set_hash(src->section, src->name),
                            sc->n_settings))
                goto out;
            if (strcmp(src->section, "scenario") == 0 &&
                strcmp(src->name, "base") == 0)
                base_at = (long)sc->n_settings;
            sc->settings[sc->n_settings++] = *src;
        }
        for (size_t i = 0; i < l->nt.n; i++) {
            const char *name = l->nt.v[i].name;
            uint64_t h = rri_hash_str(RRI_HASH0, name);
            size_t it = 0, j = nt->n, q;
            while (rri_map_next(&note_map, h, &it, &q))
                if (strcmp(nt->v[q].name, name) == 0)
                    j = q;
            if (j == nt->n && (rri_grow((void **)&nt->v, &nt->cap, nt->n + 1,
                                        sizeof *nt->v) ||
                               rri_map_add(&note_map, h, j)))
                goto out;
            nt->v[j] = l->nt.v[i];
            if (j == nt->n)
                nt->n++;
        }
        if (unused_at_write(sc, (int)k))
            goto out;
    }
    if (base_at > 0) {
        /* listed first, where a reader looks for it; the index follows */
        rri_setting b = sc->settings[base_at];
        memmove(&sc->settings[1], &sc->settings[0],
                (size_t)base_at * sizeof *sc->settings);
        sc->settings[0] = b;
        rri_map_fini(&sc->set_map);
        for (size_t i = 0; i < sc->n_settings; i++)
            if (rri_map_add(
                    &sc->set_map,
                    rri_set_hash(sc->settings[i].section, sc->settings[i].name),
                    i))
                goto out;
    }
    rc = RR_OK;
out:
    rri_map_fini(&note_map);
    return rc;
}

int rri_read(rr_scenario *sc, rri_notes *nt, char *err, size_t errlen)
{
    rri_layer ly[RRI_MAX_BASES + 1];
    int rc;
    memset(ly, 0, sizeof ly);
    if ((rc = read_files(sc, ly, err, errlen)))
        goto out;
    if (ly[0].n_sections == 0 && ly[0].n_settings == 0 && ly[0].nt.n == 0) {
        /* an empty file, or only comments: say so rather than name the
         * first missing key */
        rc = rr_err_set(err, errlen, RR_EPARSE,
                        "%s: no sections (a scenario needs [scenario], "
                        "[arrivals] and at least one [stage.NAME])",
                        sc->path);
        goto out;
    }
    if ((rc = merge(sc, ly, nt)))
        rr_err_set(err, errlen, rc, "out of memory");
out:
    for (size_t k = 0; k <= RRI_MAX_BASES; k++)
        layer_fini(&ly[k]);
    return rc;
}

/* }=================================================================== */

/* {===================================================================
 * Values written back
 * ==================================================================== */

/* pair_start - looks_like_pair() on a NUL-terminated string, looking no
 * further than the name and the blanks after it (constant time for a
 * value's every space, not a scan of the rest of the value). */
bool rri_pair_start(const char *s)
{
    size_t i = 0;
    while (ident_char((unsigned char)s[i]))
        i++;
    if (i == 0)
        return false;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return s[i] == '=';
}

bool rr_scenario_break_ok(const char *v, size_t i)
{
    return v[i] == ' ' && i > 0 && v[i - 1] != ' ' && v[i - 1] != '\t' &&
           v[i + 1] && !strchr(" \t;#[", v[i + 1]) &&
           !rri_pair_start(v + i + 1);
}

/* }=================================================================== */
