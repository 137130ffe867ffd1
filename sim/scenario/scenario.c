/*
 * scenario.c - reading a scenario file: the INI text through libinih, its
 * bases, the keys of every section, --set overrides, the CSV tables it names, the
 * content hash and the `rrsim check` listing.  Resolution into
 * configurations is in resolve.c.
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
 * Sections, settings, stages, parameters, countries and tables are found
 * through hash indexes (rri_map), so that reading and checking a scenario
 * is linear in its size, however many parameters, stages or countries it
 * has.
 *
 * A scenario with [scenario] base = FILE is read file by file, each into
 * a layer of its own (so "written twice" stays a per-file error), the
 * scenario file first since it names the base; then the layers are merged
 * from the deepest base up (merge()), and the checks run on the result.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "rr_common.h"
#include "scenario_int.h"

/* {===================================================================
 * Arena
 * ==================================================================== */

struct rri_block {
    rri_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

#define BLOCK_SIZE 65536

void *rri_alloc(rri_arena *a, size_t n)
{
    if (n > SIZE_MAX / 2 - sizeof(rri_block))
        return NULL; /* a size computed from hostile counts */
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    rri_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
        rri_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && size != BLOCK_SIZE) {
            /* a big one-off: keep the current block in front */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *rri_strndup(rri_arena *a, const char *s, size_t n)
{
    char *p = rri_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *rri_strdup(rri_arena *a, const char *s)
{
    return rri_strndup(a, s, strlen(s));
}

char *rri_printf(rri_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = rri_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void rri_arena_free(rri_arena *a)
{
    rri_block *b = a->head;
    while (b) {
        rri_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

int rri_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return RR_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return RR_ENOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return RR_ENOMEM;
    void *p = realloc(*v, ncap * size);
    if (!p)
        return RR_ENOMEM;
    *v = p;
    *cap = ncap;
    return RR_OK;
}

uint64_t rri_hash(uint64_t h, const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t rri_hash_str(uint64_t h, const char *s)
{
    return rri_hash(h, s, strlen(s));
}

/* slot_of - the first slot to probe for h: h mixed with the map's seed by
 * MurmurHash3's finaliser, so that every bit of h counts, and so that
 * names made to fall into one slot (to turn lookups quadratic) cannot be
 * made in advance: the seed comes from where the slots were allocated,
 * which address-space randomisation varies from run to run.  Nothing
 * depends on the order of the slots (every lookup compares its keys), so
 * the results do not vary with it. */
static size_t slot_of(const rri_map *m, uint64_t h)
{
    h ^= m->seed;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (size_t)h & (m->cap - 1);
}

int rri_map_add(rri_map *m, uint64_t h, size_t v)
{
    if (v == SIZE_MAX)
        return RR_ENOMEM;
    if (2 * (m->n + 1) > m->cap) {
        rri_map big = {m->cap ? 2 * m->cap : 16, m->n, NULL, 0};
        if (big.cap < m->cap || big.cap > SIZE_MAX / sizeof *big.s)
            return RR_ENOMEM;
        big.s = calloc(big.cap, sizeof *big.s);
        if (!big.s)
            return RR_ENOMEM;
        big.seed = (uint64_t)(uintptr_t)big.s * 0x9E3779B97F4A7C15ULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->s[i].v) {
                size_t j = slot_of(&big, m->s[i].h);
                while (big.s[j].v)
                    j = (j + 1) & (big.cap - 1);
                big.s[j] = m->s[i];
            }
        free(m->s);
        *m = big;
    }
    size_t j = slot_of(m, h);
    while (m->s[j].v)
        j = (j + 1) & (m->cap - 1);
    m->s[j].h = h;
    m->s[j].v = v + 1;
    m->n++;
    return RR_OK;
}

bool rri_map_next(const rri_map *m, uint64_t h, size_t *it, size_t *v)
{
    if (!m->cap)
        return false;
    size_t j = (slot_of(m, h) + *it) & (m->cap - 1);
    while (*it < m->cap && m->s[j].v) {
        ++*it;
        if (m->s[j].h == h) {
            *v = m->s[j].v - 1;
            return true;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return false;
}

void rri_map_fini(rri_map *m)
{
    free(m->s);
    memset(m, 0, sizeof *m);
}

/* }=================================================================== */

/* {===================================================================
 * Vocabulary and keys
 * ==================================================================== */

static const char *const channel_names[RR_CH_COUNT] = {
    "none", "rds", "iom", "ngo", "self", "forced"};

const char *rr_channel_name(rr_channel c)
{
    return (unsigned)c < RR_CH_COUNT ? channel_names[c] : "?";
}

rr_channel rri_channel_parse(const char *s)
{
    for (int c = RR_CH_RDS; c < RR_CH_COUNT; c++)
        if (strcmp(s, channel_names[c]) == 0)
            return (rr_channel)c;
    return RR_CH_NONE;
}

const char *rr_departure_name(rr_departure d)
{
    static const char *const names[RR_DEP_COUNT] = {
        "voluntary_iom", "voluntary_ngo", "voluntary_self",
        "forced",        "unsupervised",  "closed"};
    return (unsigned)d < RR_DEP_COUNT ? names[d] : "?";
}

static const char *const sec_names[RRI_SEC_COUNT] = {
    "scenario", "parameters", "arrivals", "countries", "stage",
    "reintegration", "provider", "event", "start"};

static bool sec_named(rri_sec_kind k)
{
    return k == RRI_SEC_STAGE || k == RRI_SEC_PROVIDER || k == RRI_SEC_EVENT;
}

#define R RRI_REQUIRED
#define E RRI_EVENT
#define S (RRI_EVENT | RRI_SCALE)
static const rri_keydef keydefs[] = {
    {RRI_SEC_SCENARIO, "base", RRI_T_PATH, 0, NULL},
    {RRI_SEC_SCENARIO, "name", RRI_T_NAME, R, NULL},
    {RRI_SEC_SCENARIO, "title", RRI_T_TEXT, 0, NULL},
    {RRI_SEC_SCENARIO, "source", RRI_T_TEXT, 0, ""},
    {RRI_SEC_SCENARIO, "start", RRI_T_DATE, R, NULL},
    {RRI_SEC_SCENARIO, "end", RRI_T_DATE, R, NULL},
    {RRI_SEC_SCENARIO, "report", RRI_T_REPORT, 0, "month"},
    {RRI_SEC_SCENARIO, "warmup", RRI_T_DURATION, 0, "0"},
    {RRI_SEC_SCENARIO, "seed", RRI_T_SEED, 0, "1"},
    {RRI_SEC_SCENARIO, "replications", RRI_T_COUNT, 0, "10"},
    {RRI_SEC_ARRIVALS, "rate", RRI_T_RATE, R | S, NULL},
    {RRI_SEC_ARRIVALS, "schedule", RRI_T_PATH, 0, NULL},
    {RRI_SEC_ARRIVALS, "stage", RRI_T_STAGE, E, NULL},
    {RRI_SEC_ARRIVALS, "vulnerable_share", RRI_T_PROB, S, "0"},
    {RRI_SEC_COUNTRIES, "file", RRI_T_PATH, 0, NULL},
    {RRI_SEC_STAGE, "servers", RRI_T_SERVERS, S, "unlimited"},
    {RRI_SEC_STAGE, "service", RRI_T_SERVICE, R | S, NULL},
    {RRI_SEC_STAGE, "discipline", RRI_T_DISCIPLINE, E, "fifo"},
    {RRI_SEC_STAGE, "channel", RRI_T_CHANNEL, E, NULL},
    {RRI_SEC_STAGE, "detention", RRI_T_BOOL, E, "no"},
    {RRI_SEC_STAGE, "abscond", RRI_T_DIST, S, NULL},
    {RRI_SEC_STAGE, "abscond_during", RRI_T_SCOPE, E, "stay"},
    {RRI_SEC_STAGE, "abscond_to", RRI_T_TARGET, E, "unsupervised"},
    {RRI_SEC_STAGE, "max_stay", RRI_T_DURATION, S, NULL},
    {RRI_SEC_STAGE, "release_to", RRI_T_TARGET, E, NULL},
    {RRI_SEC_STAGE, "route.", RRI_T_ROUTE, S, NULL},
    {RRI_SEC_REINTEGRATION, "support", RRI_T_DIST, E, "deterministic(12m)"},
    {RRI_SEC_REINTEGRATION, "sustainable", RRI_T_PROBX, S, "1"},
    {RRI_SEC_REINTEGRATION, "sustainable_unsupported", RRI_T_PROB, S, "0.5"},
    {RRI_SEC_REINTEGRATION, "remigration_share", RRI_T_PROB, S, "0"},
    {RRI_SEC_REINTEGRATION, "remigration_delay", RRI_T_DIST, E,
     "exponential(mean=1y)"},
    {RRI_SEC_REINTEGRATION, "remigration_stage", RRI_T_STAGE, E, NULL},
    {RRI_SEC_PROVIDER, "channels", RRI_T_CHANNELS, R | E, NULL},
    {RRI_SEC_PROVIDER, "from", RRI_T_DATE, E, NULL},
    {RRI_SEC_PROVIDER, "until", RRI_T_DATE, E, NULL},
    {RRI_SEC_PROVIDER, "coverage", RRI_T_COVERAGE, E, "all"},
    {RRI_SEC_EVENT, "label", RRI_T_TEXT, 0, NULL},
    {RRI_SEC_EVENT, "enabled", RRI_T_BOOL, 0, "yes"},
    {RRI_SEC_EVENT, "from", RRI_T_DATE, R, NULL},
    {RRI_SEC_EVENT, "until", RRI_T_DATE, 0, NULL},
    {RRI_SEC_EVENT, "set.", RRI_T_SETVALUE, 0, NULL},
    {RRI_SEC_EVENT, "scale.", RRI_T_FACTOR, 0, NULL},
    {RRI_SEC_START, "caseload", RRI_T_PATH, 0, NULL},
};
#undef R
#undef E
#undef S

static const rri_keydef param_def = {RRI_SEC_PARAMETERS, "", RRI_T_PARAM,
                                     RRI_EVENT | RRI_SCALE, NULL};

static bool is_family(const rri_keydef *d)
{
    size_t n = strlen(d->name);
    return n && d->name[n - 1] == '.';
}

const rri_keydef *rri_keydef_find(rri_sec_kind k, const char *name)
{
    if (k == RRI_SEC_PARAMETERS)
        return &param_def;
    for (size_t i = 0; i < RR_COUNTOF(keydefs); i++) {
        const rri_keydef *d = &keydefs[i];
        if (d->sec != k)
            continue;
        if (is_family(d) ? strncmp(name, d->name, strlen(d->name)) == 0 &&
                               name[strlen(d->name)] != '\0'
                         : strcmp(name, d->name) == 0)
            return d;
    }
    return NULL;
}

const rri_keydef *rri_keydefs(rri_sec_kind k, size_t *n)
{
    size_t first = RR_COUNTOF(keydefs), count = 0;
    for (size_t i = 0; i < RR_COUNTOF(keydefs); i++)
        if (keydefs[i].sec == k) {
            if (first == RR_COUNTOF(keydefs))
                first = i;
            count++;
        }
    *n = count;
    return count ? &keydefs[first] : NULL;
}

/* edit_distance - optimal string alignment distance (insertions,
 * deletions, substitutions, swaps of neighbours) over three rolling rows;
 * SIZE_MAX when a word is longer than is worth comparing. */
static size_t edit_distance(const char *a, const char *b)
{
    enum { MAXLEN = 128 };
    size_t na = strlen(a), nb = strlen(b);
    size_t rows[3][MAXLEN + 1];
    if (na > MAXLEN || nb > MAXLEN)
        return SIZE_MAX;
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

/* rri_suggest - one edit away for short words, up to a third of the word
 * for longer ones; ties go to the earlier candidate. */
const char *rri_suggest(const char *word, const char *const *cand, size_t n)
{
    size_t len = strlen(word);
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : len / 3;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(cand[i]);
        if ((lc > len ? lc - len : len - lc) > limit)
            continue; /* further than the limit: no need to compare */
        size_t d = edit_distance(word, cand[i]);
        if (d <= limit && d < best_d && d > 0) {
            best = cand[i];
            best_d = d;
        }
    }
    return best;
}

/* }=================================================================== */

/* {===================================================================
 * Errors
 * ==================================================================== */

/* A growing list of candidate words for suggestions. */
typedef struct words {
    const char **w;
    size_t n, cap;
    int status;
} words;

static void words_add(words *ws, const char *w)
{
    if (!w || ws->status != RR_OK)
        return;
    if (rri_grow((void **)&ws->w, &ws->cap, ws->n + 1, sizeof *ws->w)) {
        ws->status = RR_ENOMEM;
        return;
    }
    ws->w[ws->n++] = w;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    RRI_PRINTF(3, 4);
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The first error of a pass, by position: several checks run over the
 * text and the one nearest its top is reported.  Within one file the
 * position is the line; across the files of a scenario with a base, see
 * text_pos(). */
typedef struct first_err {
    long long line;     /* 0: none yet */
    int status;
    char msg[1024];
} first_err;

static void note_err(first_err *fe, long long line, int status,
                     const char *fmt, ...) RRI_PRINTF(4, 5);
static void note_err(first_err *fe, long long line, int status,
                     const char *fmt, ...)
{
    if (fe->status != RR_OK && fe->line <= line)
        return;
    fe->line = line;
    fe->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fe->msg, sizeof fe->msg, fmt, ap);
    va_end(ap);
}

/* }=================================================================== */

/* {===================================================================
 * Reading the INI text
 * ==================================================================== */

/* The source notes of [parameters], kept apart from the settings. */
typedef struct pnote {
    char *name, *text;
    int line;
    const char *file;
    int fidx;             /* index in sc->files */
} pnote;

/* The notes collected while parsing. */
typedef struct notes {
    pnote *v;
    size_t n, cap;
} notes;

/* One INI file's sections, settings and notes as read, before merging,
 * each with an index by name for "written twice". */
typedef struct layer {
    int file;             /* index in sc->files */
    rri_section *sections;
    size_t n_sections, cap_sections;
    rri_map sec_map;
    rri_setting *settings;
    size_t n_settings, cap_settings;
    rri_map set_map;
    notes nt;
    rri_map note_map;
} layer;

static void layer_fini(layer *ly)
{
    free(ly->sections);
    free(ly->settings);
    free(ly->nt.v);
    rri_map_fini(&ly->sec_map);
    rri_map_fini(&ly->set_map);
    rri_map_fini(&ly->note_map);
    memset(ly, 0, sizeof *ly);
}

/* set_hash - the hash of a setting's (section, name). */
static uint64_t set_hash(const char *section, const char *name)
{
    return rri_hash_str(rri_hash(rri_hash_str(RRI_HASH0, section), "\n", 1),
                        name);
}

/* find_in - the section (by name) or setting (by section and name) of a
 * list, through its map; -1 if none. */
static long find_section_in(const rri_map *m, const rri_section *v,
                            const char *name, size_t n)
{
    size_t it = 0, i;
    uint64_t h = rri_hash(RRI_HASH0, name, n);
    while (rri_map_next(m, h, &it, &i))
        if (strlen(v[i].name) == n && memcmp(v[i].name, name, n) == 0)
            return (long)i;
    return -1;
}

static long find_setting_in(const rri_map *m, const rri_setting *v,
                            const char *section, const char *name)
{
    size_t it = 0, i;
    uint64_t h = set_hash(section, name);
    while (rri_map_next(m, h, &it, &i))
        if (strcmp(v[i].section, section) == 0 && strcmp(v[i].name, name) == 0)
            return (long)i;
    return -1;
}

struct parse {
    rr_scenario *sc;
    layer *ly;            /* what the file holds */
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
    first_err fe;
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

static int add_section(rr_scenario *sc, layer *ly, const char *name,
                       size_t n, int line)
{
    if (rri_grow((void **)&ly->sections, &ly->cap_sections,
                 ly->n_sections + 1, sizeof *ly->sections) ||
        rri_map_add(&ly->sec_map, rri_hash(RRI_HASH0, name, n),
                    ly->n_sections))
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
            const char *a = s + 1, *b = close;
            while (a < b && isspace((unsigned char)*a))
                a++;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
            layer *ly = pr->ly;
            long i = find_section_in(&ly->sec_map, ly->sections, a,
                                     (size_t)(b - a));
            if (i >= 0)
                note_err(&pr->fe, pr->line, RR_EPARSE,
                         "%s:%d: [%s]: section written twice (first at "
                         "line %d)",
                         pr->path, pr->line, ly->sections[i].name,
                         ly->sections[i].line);
            if (add_section(pr->sc, ly, a, (size_t)(b - a), pr->line))
                note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
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
static int add_setting(rri_arena *a, rri_setting **v, size_t *n, size_t *cap,
                       rri_map *m, const char *section, const char *name,
                       const char *value, const char *file, int line,
                       int fidx)
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
    if (!st->section || !st->name || !st->pub.value || !st->pub.key ||
        rri_map_add(m, set_hash(section, name), *n))
        return RR_ENOMEM;
    (*n)++;
    return RR_OK;
}

long rri_setting_find(const rr_scenario *sc, const char *section,
                      const char *name)
{
    return find_setting_in(&sc->set_map, sc->settings, section, name);
}

long rri_section_find(const rr_scenario *sc, const char *name)
{
    return find_section_in(&sc->sec_map, sc->sections, name, strlen(name));
}

long rri_stage_index(const rr_scenario *sc, const char *name)
{
    size_t it = 0, i;
    uint64_t h = rri_hash_str(RRI_HASH0, name);
    while (rri_map_next(&sc->stage_map, h, &it, &i))
        if (strcmp(sc->sections[sc->stages[i]].sub, name) == 0)
            return (long)i;
    return -1;
}

long rri_param_index(const rr_scenario *sc, const char *name, size_t n)
{
    size_t it = 0, i;
    uint64_t h = rri_hash(RRI_HASH0, name, n);
    while (rri_map_next(&sc->param_map, h, &it, &i)) {
        const char *pn = sc->settings[sc->params[i]].name;
        if (strlen(pn) == n && memcmp(pn, name, n) == 0)
            return (long)i;
    }
    return -1;
}

long rri_country_row(const rr_scenario *sc, const char *code, size_t n)
{
    if (sc->countries_input < 0)
        return -1;
    const rr_table *t = sc->inputs[sc->countries_input].table;
    size_t c = (size_t)rr_table_col(t, "country"), it = 0, r;
    uint64_t h = rri_hash(RRI_HASH0, code, n);
    while (rri_map_next(&sc->country_map, h, &it, &r)) {
        const char *cc = rr_table_cell(t, r, c);
        if (strlen(cc) == n && memcmp(cc, code, n) == 0)
            return (long)r;
    }
    return -1;
}

static bool is_note_key(const char *section, const char *name)
{
    size_t n = strlen(name);
    return strcmp(section, "parameters") == 0 && n > 7 &&
           strcmp(name + n - 7, ".source") == 0;
}

/* flush_value - the value being continued, into the arena. */
static void flush_value(struct parse *pr)
{
    if (!pr->ckind)
        return;
    char *v = rri_strndup(&pr->sc->arena, pr->cbuf ? pr->cbuf : "",
                          pr->clen);
    if (!v)
        note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
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
            note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
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
        note_err(&pr->fe, pr->line, RR_EPARSE,
                 "%s:%d: [%s] %s: value longer than %d characters",
                 pr->path, pr->line, section, name, RR_VALUE_MAX);
        pr->cdead = true;
        return 0;
    }
    if (rri_grow((void **)&pr->cbuf, &pr->ccap, pr->clen + sep + m + 1, 1)) {
        note_err(&pr->fe, pr->line, RR_ENOMEM, "out of memory");
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
    layer *ly = pr->ly;
    notes *nts = &ly->nt;
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
    if (is_note_key(section, name)) {
        size_t it = 0, i;
        uint64_t h = rri_hash_str(RRI_HASH0, name);
        while (rri_map_next(&ly->note_map, h, &it, &i))
            if (strcmp(nts->v[i].name, name) == 0) {
                note_err(&pr->fe, line, RR_EPARSE,
                         "%s:%d: [parameters] %s: duplicate key (first "
                         "written at line %d)",
                         pr->path, line, name, nts->v[i].line);
                return 0;
            }
        if (rri_grow((void **)&nts->v, &nts->cap, nts->n + 1,
                     sizeof *nts->v) ||
            rri_map_add(&ly->note_map, h, nts->n)) {
            note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
            return 0;
        }
        pnote *nt = &nts->v[nts->n];
        nt->name = rri_strdup(&sc->arena, name);
        nt->text = rri_strdup(&sc->arena, value);
        nt->line = line;
        nt->file = pr->path;
        nt->fidx = ly->file;
        if (!nt->name || !nt->text) {
            note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
            return 0;
        }
        pr->last_note = (long)nts->n++;
        pr->last = -1;
        return 1;
    }
    long dup = find_setting_in(&ly->set_map, ly->settings, section, name);
    if (dup >= 0) {
        note_err(&pr->fe, line, RR_EPARSE,
                 "%s:%d: [%s] %s: duplicate key (first written at line %d)",
                 pr->path, line, section, name, ly->settings[dup].pub.line);
        pr->last = -1;
        return 0;
    }
    if (add_setting(&sc->arena, &ly->settings, &ly->n_settings,
                    &ly->cap_settings, &ly->set_map, section, name, value,
                    pr->path, line, ly->file)) {
        note_err(&pr->fe, line, RR_ENOMEM, "out of memory");
        return 0;
    }
    pr->last = (long)ly->n_settings - 1;
    pr->last_note = -1;
    return 1;
}

/* line_text - line n (from 1) of a file's text, trimmed, into buf. */
static const char *line_text(const rri_file *fl, int n, char *buf,
                             size_t size)
{
    const char *p = fl->text, *end = fl->text + fl->text_len;
    for (int i = 1; i < n && p < end; i++) {
        const char *q = memchr(p, '\n', (size_t)(end - p));
        p = q ? q + 1 : end;
    }
    const char *q = memchr(p, '\n', (size_t)(end - p));
    const char *e = q ? q : end;
    while (p < e && isspace((unsigned char)*p))
        p++;
    while (e > p && isspace((unsigned char)e[-1]))
        e--;
    size_t len = (size_t)(e - p);
    if (len > 80)
        len = 80;
    snprintf(buf, size, "%.*s%s", (int)len, p, (size_t)(e - p) > len ? "..." : "");
    return buf;
}

/* read_ini - parse one file's text into the sections, settings and notes
 * of ly. */
static int read_ini(rr_scenario *sc, layer *ly, char *err, size_t errlen)
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
    first_err *fe = &pr.fe;
    if (rc == -2 || (fe->status == RR_ENOMEM)) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    if (rc < 0) {
        set_err(err, errlen, "%s: cannot read", fl->path);
        return RR_EIO;
    }
    if (pr.too_long && (!rc || pr.too_long <= rc) &&
        (fe->status == RR_OK || pr.too_long <= fe->line)) {
        set_err(err, errlen,
                "%s:%d: line longer than %d characters (continue a long "
                "value on an indented line)",
                fl->path, pr.too_long, ini_max_line - 3);
        return RR_EPARSE;
    }
    if (rc > 0 && (fe->status == RR_OK || rc < fe->line)) {
        char buf[128];
        const char *t = line_text(fl, rc, buf, sizeof buf);
        if (t[0] == '[')
            set_err(err, errlen,
                    "%s:%d: expected a section header such as [stage.talks], "
                    "got '%s'",
                    fl->path, rc, t);
        else
            set_err(err, errlen,
                    "%s:%d: expected 'key = value' or '[section]', got '%s'",
                    fl->path, rc, t);
        return RR_EPARSE;
    }
    if (fe->status != RR_OK) {
        set_err(err, errlen, "%s", fe->msg);
        return fe->status;
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Checking sections and keys
 * ==================================================================== */

static bool valid_chars(const char *s, bool upper, bool dash)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        int c = (unsigned char)*s;
        if (!(islower(c) || isdigit(c) || c == '_' ||
              (upper && isupper(c)) || (dash && c == '-')))
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

/* text_pos - a place in the scenario's text, for first_err: the files in
 * the order they are applied (the deepest base first), then lines. */
static long long text_pos(const rr_scenario *sc, int file, int line)
{
    return ((long long)sc->n_files - 1 - file) * ((long long)INT_MAX + 1) +
           line;
}

/* classify - the kind of every section header, checked. */
static int check_sections(rr_scenario *sc, char *err, size_t errlen)
{
    first_err fe = {0, RR_OK, ""};
    for (size_t i = 0; i < sc->n_sections; i++) {
        rri_section *s = &sc->sections[i];
        const char *dot = strchr(s->name, '.');
        size_t head = dot ? (size_t)(dot - s->name) : strlen(s->name);
        s->kind = RRI_SEC_COUNT;
        for (int k = 0; k < RRI_SEC_COUNT; k++)
            if (strlen(sec_names[k]) == head &&
                strncmp(s->name, sec_names[k], head) == 0)
                s->kind = (rri_sec_kind)k;
        if (s->kind != RRI_SEC_COUNT && sec_named(s->kind) != (dot != NULL)) {
            if (dot)
                note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                         "%s:%d: [%s]: unknown section ([%s] takes no name)",
                         sc->files[s->file].path, s->line, s->name, sec_names[s->kind]);
            else
                note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                         "%s:%d: [%s]: a %s section needs a name, as in "
                         "[%s.%s]",
                         sc->files[s->file].path, s->line, s->name, s->name, s->name,
                         s->kind == RRI_SEC_STAGE      ? "talks"
                         : s->kind == RRI_SEC_PROVIDER ? "iom"
                                                       : "covid");
            continue;
        }
        if (s->kind == RRI_SEC_COUNT) {
            /* suggest with the same name after the dot */
            char cand[RRI_SEC_COUNT][160];
            const char *cp[RRI_SEC_COUNT];
            for (int k = 0; k < RRI_SEC_COUNT; k++) {
                if (sec_named((rri_sec_kind)k))
                    snprintf(cand[k], sizeof cand[k], "%s.%s", sec_names[k],
                             dot ? dot + 1 : "");
                else
                    snprintf(cand[k], sizeof cand[k], "%s", sec_names[k]);
                cp[k] = cand[k];
            }
            const char *g = rri_suggest(s->name, cp, RRI_SEC_COUNT);
            if (g)
                note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                         "%s:%d: [%s]: unknown section (did you mean [%s]?)",
                         sc->files[s->file].path, s->line, s->name, g);
            else
                note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                         "%s:%d: [%s]: unknown section (sections are "
                         "scenario, parameters, arrivals, countries, "
                         "stage.NAME, reintegration, provider.NAME, "
                         "event.NAME and start)",
                         sc->files[s->file].path, s->line, s->name);
            continue;
        }
        if (dot) {
            s->sub = dot + 1;
            if (s->kind == RRI_SEC_STAGE) {
                if (!valid_chars(s->sub, false, false)) {
                    note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                             "%s:%d: [%s]: a stage name uses only a-z, 0-9 "
                             "and _, got '%s'",
                             sc->files[s->file].path, s->line, s->name, s->sub);
                    continue;
                }
                if (is_exit(s->sub)) {
                    note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                             "%s:%d: [%s]: '%s' is an exit, not a stage; "
                             "pick another name",
                             sc->files[s->file].path, s->line, s->name, s->sub);
                    continue;
                }
            } else if (!valid_chars(s->sub, true, true)) {
                note_err(&fe, text_pos(sc, s->file, s->line), RR_EPARSE,
                         "%s:%d: [%s]: a %s name uses only letters, digits, "
                         "_ and -, got '%s'",
                         sc->files[s->file].path, s->line, s->name, sec_names[s->kind],
                         s->sub);
                continue;
            }
        }
    }
    if (fe.status != RR_OK) {
        set_err(err, errlen, "%s", fe.msg);
        return fe.status;
    }
    /* the named lists, in file order */
    sc->stages = rri_alloc(&sc->arena, (sc->n_sections + 1) * sizeof(size_t));
    sc->events = rri_alloc(&sc->arena, (sc->n_sections + 1) * sizeof(size_t));
    if (!sc->stages || !sc->events) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    sc->sec_event = rri_alloc(&sc->arena,
                              (sc->n_sections + 1) * sizeof *sc->sec_event);
    if (!sc->sec_event) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < sc->n_sections; i++) {
        sc->sec_event[i] = SIZE_MAX;
        if (sc->sections[i].kind == RRI_SEC_STAGE) {
            if (rri_map_add(&sc->stage_map,
                            rri_hash_str(RRI_HASH0, sc->sections[i].sub),
                            sc->n_stages)) {
                set_err(err, errlen, "out of memory");
                return RR_ENOMEM;
            }
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
static void key_candidates(rr_scenario *sc, words *ws, const char *prefix,
                           rri_sec_kind k)
{
    size_t n;
    const rri_keydef *d = rri_keydefs(k, &n);
    for (size_t i = 0; i < n; i++) {
        if (is_family(&d[i])) {
            if (k == RRI_SEC_STAGE) {
                for (size_t j = 0; j < sc->n_stages; j++)
                    words_add(ws, rri_printf(&sc->arena, "%sroute.%s", prefix,
                                             sc->sections[sc->stages[j]].sub));
                words_add(ws, rri_printf(&sc->arena, "%sroute.departed", prefix));
                words_add(ws, rri_printf(&sc->arena, "%sroute.unsupervised",
                                         prefix));
                words_add(ws, rri_printf(&sc->arena, "%sroute.closed", prefix));
            }
            continue;
        }
        words_add(ws, rri_printf(&sc->arena, "%s%s", prefix, d[i].name));
    }
}

/* target_msg - message for a route target that names nothing. */
static void target_msg(rr_scenario *sc, const char *name, char *msg,
                       size_t n)
{
    words ws = {0};
    for (size_t j = 0; j < sc->n_stages; j++)
        words_add(&ws, sc->sections[sc->stages[j]].sub);
    words_add(&ws, "departed");
    words_add(&ws, "unsupervised");
    words_add(&ws, "closed");
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
    if (d && sec->kind == RRI_SEC_PARAMETERS && !param_name_ok(name)) {
        snprintf(msg, n,
                 "a parameter name starts with a letter or _ and uses "
                 "only letters, digits and _");
        return NULL;
    }
    if (d)
        return d;
    words ws = {0};
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
static int check_keys(rr_scenario *sc, char *err, size_t errlen)
{
    first_err fe = {0, RR_OK, ""};
    for (size_t i = 0; i < sc->n_settings; i++) {
        rri_setting *st = &sc->settings[i];
        long s = rri_section_find(sc, st->section);
        long long pos = text_pos(sc, st->file, st->pub.line);
        if (!*st->section) {
            note_err(&fe, pos, RR_EPARSE,
                     "%s:%d: %s: setting before any [section]", st->pub.file,
                     st->pub.line, st->name);
            continue;
        }
        if (s < 0 || sc->sections[s].kind == RRI_SEC_COUNT)
            continue; /* the section's own error comes first */
        st->sec = (int)s;
        char msg[400];
        st->def = check_key(sc, &sc->sections[s], st->name, msg, sizeof msg);
        if (!st->def)
            note_err(&fe, pos, RR_EPARSE, "%s:%d: [%s] %s: %s",
                     st->pub.file, st->pub.line, st->section, st->name, msg);
    }
    if (fe.status != RR_OK) {
        set_err(err, errlen, "%s", fe.msg);
        return fe.status;
    }
    return RR_OK;
}

/* attach_notes - each note to its parameter. */
static int attach_notes(rr_scenario *sc, const notes *nt, char *err,
                        size_t errlen)
{
    for (size_t i = 0; i < nt->n; i++) {
        size_t len = strlen(nt->v[i].name) - 7;
        char *pname = rri_strndup(&sc->arena, nt->v[i].name, len);
        if (!pname) {
            set_err(err, errlen, "out of memory");
            return RR_ENOMEM;
        }
        long s = rri_setting_find(sc, "parameters", pname);
        if (s < 0) {
            set_err(err, errlen,
                    "%s:%d: [parameters] %s: source note for '%s', which is "
                    "not a parameter (declare '%s = VALUE' first)",
                    nt->v[i].file, nt->v[i].line, nt->v[i].name, pname,
                    pname);
            return RR_EPARSE;
        }
        sc->settings[s].pub.note = nt->v[i].text;
        sc->settings[s].note_file = nt->v[i].fidx;
        sc->settings[s].note_line = nt->v[i].line;
    }
    return RR_OK;
}

/* split_dotted - a dotted key into section and key names, the section's
 * kind and whether it is written; false if it has no such form. */
static bool split_dotted(rr_scenario *sc, const char *key, char **section,
                         const char **name, rri_sec_kind *kind)
{
    const char *dot = strchr(key, '.');
    if (!dot) {
        *section = "parameters";
        *name = key;
        *kind = RRI_SEC_PARAMETERS;
        return true;
    }
    size_t head = (size_t)(dot - key);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        if (k == RRI_SEC_PARAMETERS || strlen(sec_names[k]) != head ||
            strncmp(key, sec_names[k], head) != 0)
            continue;
        const char *rest = dot + 1;
        if (sec_named((rri_sec_kind)k)) {
            const char *dot2 = strchr(rest, '.');
            if (!dot2 || dot2 == rest || !dot2[1])
                return false;
            *section = rri_strndup(&sc->arena, key, (size_t)(dot2 - key));
            *name = dot2 + 1;
        } else {
            if (!*rest)
                return false;
            *section = rri_strndup(&sc->arena, key, head);
            *name = rest;
        }
        *kind = (rri_sec_kind)k;
        return *section != NULL;
    }
    return false;
}

/* dotted_candidates - every valid dotted key, for suggestions. */
static void dotted_candidates(rr_scenario *sc, words *ws, bool events)
{
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        if (k == RRI_SEC_PARAMETERS || sec_named((rri_sec_kind)k))
            continue;
        key_candidates(sc, ws, rri_printf(&sc->arena, "%s.", sec_names[k]),
                       (rri_sec_kind)k);
    }
    for (size_t i = 0; i < sc->n_sections; i++) {
        rri_section *s = &sc->sections[i];
        if (!sec_named(s->kind) || (events && s->kind == RRI_SEC_EVENT))
            continue;
        key_candidates(sc, ws, rri_printf(&sc->arena, "%s.", s->name),
                       s->kind);
    }
    for (size_t i = 0; i < sc->n_settings; i++)
        if (sc->settings[i].def && sc->settings[i].def->type == RRI_T_PARAM)
            words_add(ws, sc->settings[i].name);
    if (events)
        for (size_t i = 0; i < sc->n_settings; i++)
            if (sc->settings[i].def && sc->settings[i].sec >= 0 &&
                sc->sections[sc->settings[i].sec].kind == RRI_SEC_STAGE)
                words_add(ws, sc->settings[i].pub.key);
}

/* check_dotted - the definition of a dotted key (a parameter name, or a
 * key of a section the scenario has; singleton sections count as present).
 * NULL with "unknown key 'K' (did you mean 'X'?)" in msg. */
static const rri_keydef *check_dotted(rr_scenario *sc, const char *key,
                                      bool events, char **section,
                                      const char **name, char *msg,
                                      size_t n)
{
    rri_sec_kind kind;
    const rri_keydef *d = NULL;
    if (split_dotted(sc, key, section, name, &kind)) {
        if (kind == RRI_SEC_PARAMETERS) {
            if (rri_setting_find(sc, "parameters", key) >= 0)
                d = &param_def;
        } else if (!sec_named(kind) || rri_section_find(sc, *section) >= 0) {
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
    words ws = {0};
    dotted_candidates(sc, &ws, events);
    const char *g = ws.status == RR_OK ? rri_suggest(key, ws.w, ws.n) : NULL;
    if (g)
        snprintf(msg, n, "unknown key '%s' (did you mean '%s'?)", key, g);
    else
        snprintf(msg, n, "unknown key '%s'", key);
    free(ws.w);
    return NULL;
}

/* pair_start - looks_like_pair() on a NUL-terminated string, looking no
 * further than the name and the blanks after it (constant time for a
 * value's every space, not a scan of the rest of the value). */
static bool pair_start(const char *s)
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
           v[i + 1] && !strchr(" \t;#[", v[i + 1]) && !pair_start(v + i + 1);
}

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
        snprintf(buf, n, "expected text (UTF-8, no control characters), "
                         "got %s", *why && !strchr(v, '\t') ? why
                                                          : "a tab");
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
        bool lead = start == 0 && (strchr("#[", v[0]) || pair_start(v));
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

/* apply_overrides - the --set list. */
static int apply_overrides(rr_scenario *sc, const char *const *ov, size_t n,
                           char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(ov[i], '=');
        if (!eq) {
            set_err(err, errlen, "--set: expected KEY=VALUE, got '%s'",
                    ov[i]);
            return RR_EPARSE;
        }
        const char *a = ov[i], *b = eq;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        const char *v = eq + 1, *ve = v + strlen(v);
        while (v < ve && isspace((unsigned char)*v))
            v++;
        while (ve > v && isspace((unsigned char)ve[-1]))
            ve--;
        char *key = rri_strndup(&sc->arena, a, (size_t)(b - a));
        char *value = rri_strndup(&sc->arena, v, (size_t)(ve - v));
        if (!key || !value) {
            set_err(err, errlen, "out of memory");
            return RR_ENOMEM;
        }
        char *section;
        const char *name;
        char msg[400];
        const char *why = value_problem(value, strlen(key), msg, sizeof msg);
        if (why) {
            set_err(err, errlen, "--set %s: %s", key, why);
            return RR_EPARSE;
        }
        if (is_note_key("parameters", key)) {
            char *pname = rri_strndup(&sc->arena, key, strlen(key) - 7);
            long s = pname ? rri_setting_find(sc, "parameters", pname) : -1;
            if (s >= 0) {
                sc->settings[s].pub.note = value;
                sc->settings[s].note_file = 0;
                sc->settings[s].note_line = 0;
                continue;
            }
        }
        const rri_keydef *d =
            check_dotted(sc, key, false, &section, &name, msg, sizeof msg);
        if (!d) {
            set_err(err, errlen, "--set: %s", msg);
            return RR_ENOTFOUND;
        }
        if (d->sec == RRI_SEC_SCENARIO && strcmp(d->name, "base") == 0) {
            /* the files are read before the overrides apply */
            set_err(err, errlen,
                    "--set %s: a base cannot be given by --set (write "
                    "'base = FILE' in [scenario])",
                    key);
            return RR_EINVAL;
        }
        long s = rri_setting_find(sc, section, name);
        if (s >= 0) {
            rri_setting *st = &sc->settings[s];
            st->pub.value = value;
            st->pub.file = "--set";
            st->pub.line = 0;
            st->file = 0;
            continue;
        }
        if (add_setting(&sc->arena, &sc->settings, &sc->n_settings,
                        &sc->cap_settings, &sc->set_map, section, name, value,
                        "--set", 0, 0)) {
            set_err(err, errlen, "out of memory");
            return RR_ENOMEM;
        }
        rri_setting *st = &sc->settings[sc->n_settings - 1];
        st->def = d;
        st->sec = (int)rri_section_find(sc, section);
    }
    return RR_OK;
}

/* check_required - every required key of every written section; [scenario]
 * and [arrivals] must be there, and at least one stage. */
static int check_required(rr_scenario *sc, char *err, size_t errlen)
{
    static const rri_sec_kind needed[] = {RRI_SEC_SCENARIO, RRI_SEC_ARRIVALS};
    for (size_t k = 0; k < RR_COUNTOF(needed); k++) {
        const char *name = sec_names[needed[k]];
        if (rri_section_find(sc, name) >= 0)
            continue;
        size_t nd;
        const rri_keydef *d = rri_keydefs(needed[k], &nd);
        for (size_t j = 0; j < nd; j++)
            if ((d[j].flags & RRI_REQUIRED) &&
                rri_setting_find(sc, name, d[j].name) < 0) {
                set_err(err, errlen,
                        "%s: [%s] %s: missing (a scenario needs %s [%s] "
                        "section with '%s = ...')",
                        sc->path, name, d[j].name,
                        strchr("aeiou", name[0]) ? "an" : "a", name,
                        d[j].name);
                return RR_EPARSE;
            }
    }
    if (sc->n_stages == 0) {
        set_err(err, errlen,
                "%s: no stages (a scenario needs at least one [stage.NAME] "
                "section)",
                sc->path);
        return RR_EPARSE;
    }
    for (size_t i = 0; i < sc->n_sections; i++) {
        rri_section *s = &sc->sections[i];
        size_t nd;
        const rri_keydef *d = rri_keydefs(s->kind, &nd);
        for (size_t j = 0; j < nd; j++)
            if ((d[j].flags & RRI_REQUIRED) &&
                rri_setting_find(sc, s->name, d[j].name) < 0) {
                set_err(err, errlen, "%s:%d: [%s] %s: missing (required)",
                        sc->files[s->file].path, s->line, s->name,
                        d[j].name);
                return RR_EPARSE;
            }
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Tables
 * ==================================================================== */


/* normalise - a path without "." segments and "NAME/.." pairs, into the
 * arena; a name for a file, not a way to open it. */
static char *normalise(rri_arena *a, const char *path)
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

int rri_input_table(rr_scenario *sc, int file, const char *written,
                    size_t *idx, bool *own, char *err, size_t errlen)
{
    *own = false;
    const rri_file *fl = &sc->files[file];
    const char *path = written[0] == '/' || !*fl->dir
                           ? rri_strdup(&sc->arena, written)
                           : rri_printf(&sc->arena, "%s%s", fl->dir, written);
    if (!path) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
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
    if (rc != RR_OK) {
        if (rc == RR_ENOMEM)
            set_err(err, errlen, "out of memory");
        else
            set_err(err, errlen, "cannot %s '%s': %s", verb, path, why);
        return rc == RR_ENOMEM ? rc : RR_EIO;
    }
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
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    rri_input *in = &sc->inputs[sc->n_inputs];
    if (written[0] == '/' || !*fl->rel)
        in->written = rri_strdup(&sc->arena, written);
    else {
        char *w = rri_printf(&sc->arena, "%s%s", fl->rel, written);
        in->written = w ? normalise(&sc->arena, w) : NULL;
    }
    in->path = (char *)path;
    in->table = t;
    sc->hash = h;
    sc->n_inputs++;
    if (!in->written) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    *idx = sc->n_inputs - 1;
    return RR_OK;
}

/* load_table - the table named by setting (section, key), if written; its
 * required columns must be there.  *idx = -1 when not written. */
static int load_table(rr_scenario *sc, const char *section, const char *key,
                      const char *const *cols, size_t ncols, long *idx,
                      char *err, size_t errlen)
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
    int rc = text && *text
                 ? rri_input_table(sc, st->file, text, &in, &own, msg,
                                   sizeof msg)
                 : RR_EPARSE;
    if (rc == RR_OK) {
        const rr_table *t = sc->inputs[in].table;
        for (size_t i = 0; i < ncols && rc == RR_OK; i++) {
            int c;
            rc = rr_table_require(t, cols[i], &c, msg, sizeof msg);
            own = true;
        }
    }
    if (rc != RR_OK) {
        if (own)
            set_err(err, errlen, "%s", msg);
        else if (st->pub.line == 0)
            set_err(err, errlen, "--set %s: %s", st->pub.key, msg);
        else
            set_err(err, errlen, "%s:%d: [%s] %s: %s", st->pub.file,
                    st->pub.line, section, key, msg);
        return rc;
    }
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
    if (t->n_rows == 0) {
        set_err(err, errlen, "%s:1: no countries (the table has no rows)",
                t->path);
        return RR_EPARSE;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *code = rr_table_cell(t, r, (size_t)c);
        if (!valid_chars(code, true, true) || strlen(code) >= RR_NAME_MAX) {
            set_err(err, errlen,
                    "%s:%zu: column 'country': expected a code of letters, "
                    "digits, _ or - (at most %d), got '%s'",
                    t->path, t->line[r], RR_NAME_MAX - 1, code);
            return RR_EPARSE;
        }
        long q = rri_country_row(sc, code, strlen(code));
        if (q >= 0) {
            set_err(err, errlen,
                    "%s:%zu: column 'country': '%s' appears twice "
                    "(first at line %zu)",
                    t->path, t->line[r], code, t->line[q]);
            return RR_EPARSE;
        }
        if (rri_map_add(&sc->country_map, rri_hash_str(RRI_HASH0, code), r)) {
            set_err(err, errlen, "out of memory");
            return RR_ENOMEM;
        }
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Events' changes
 * ==================================================================== */

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
        words ws = {0};
        for (size_t i = 0; i < t->n_cols; i++)
            if ((int)i != cc)
                words_add(&ws, t->header[i]);
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
    case RRI_T_TEXT: case RRI_T_NAME: return "text";
    case RRI_T_DATE: return "a date";
    case RRI_T_REPORT: case RRI_T_DISCIPLINE: case RRI_T_SCOPE:
    case RRI_T_BOOL: case RRI_T_CHANNEL: return "a choice";
    case RRI_T_PATH: return "a file";
    case RRI_T_STAGE: case RRI_T_TARGET: return "a stage name";
    case RRI_T_DIST: return "a distribution";
    case RRI_T_CHANNELS: return "a list of channels";
    case RRI_T_COVERAGE: return "a coverage";
    default: return "not a number";
    }
}

/* build_params - the list of parameters and its index, before anything
 * substitutes ${...} (table paths may use them). */
static int build_params(rr_scenario *sc, char *err, size_t errlen)
{
    sc->params = rri_alloc(&sc->arena,
                           (sc->n_settings + 1) * sizeof *sc->params);
    if (!sc->params) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < sc->n_settings; i++)
        if (sc->settings[i].def && sc->settings[i].def->type == RRI_T_PARAM) {
            if (rri_map_add(&sc->param_map,
                            rri_hash_str(RRI_HASH0, sc->settings[i].name),
                            sc->n_params)) {
                set_err(err, errlen, "out of memory");
                return RR_ENOMEM;
            }
            sc->params[sc->n_params++] = i;
        }
    return RR_OK;
}

/* build_by_section - the settings' indices grouped by section name (the
 * groups in order of their first setting, file order within each), by a
 * counting sort: listing or resolving one section then costs its own
 * settings, not a scan of all. */
static int build_by_section(rr_scenario *sc, char *err, size_t errlen)
{
    size_t n = sc->n_settings;
    size_t *group = malloc((n + 1) * sizeof *group);
    sc->by_section = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->by_section);
    sc->group_name = rri_alloc(&sc->arena, (n + 1) * sizeof *sc->group_name);
    sc->group_start = rri_alloc(&sc->arena,
                                (n + 1) * sizeof *sc->group_start);
    sc->group_count = rri_alloc(&sc->arena,
                                (n + 1) * sizeof *sc->group_count);
    if (!group || !sc->by_section || !sc->group_name || !sc->group_start ||
        !sc->group_count) {
        free(group);
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
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
                set_err(err, errlen, "out of memory");
                return RR_ENOMEM;
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

const size_t *rri_section_settings(const rr_scenario *sc, const char *name,
                                   size_t *n)
{
    uint64_t h = rri_hash_str(RRI_HASH0, name);
    size_t it = 0, g;
    *n = 0;
    while (rri_map_next(&sc->group_map, h, &it, &g))
        if (strcmp(sc->group_name[g], name) == 0) {
            *n = sc->group_count[g];
            return sc->by_section + sc->group_start[g];
        }
    return sc->by_section;
}

/* build_changes - every set./scale. of every event, checked. */
static int build_changes(rr_scenario *sc, char *err, size_t errlen)
{
    sc->changes = rri_alloc(&sc->arena,
                            (sc->n_settings + 1) * sizeof *sc->changes);
    if (!sc->changes) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    for (size_t i = 0; i < sc->n_settings; i++) {
        rri_setting *st = &sc->settings[i];
        if (!st->def || (st->def->type != RRI_T_SETVALUE &&
                         st->def->type != RRI_T_FACTOR))
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
            const rri_keydef *d = check_dotted(sc, key, true, &section, &name,
                                               msg, sizeof msg);
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
        if (!ok) {
            if (st->pub.line == 0)
                set_err(err, errlen, "--set %s: %s", st->pub.key, msg);
            else
                set_err(err, errlen, "%s:%d: [%s] %s: %s", st->pub.file,
                        st->pub.line, st->section, st->name, msg);
            return RR_EPARSE;
        }
        sc->n_changes++;
    }
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Loading
 * ==================================================================== */

void rr_scenario_destroy(rr_scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n_inputs; i++)
        rr_table_destroy(sc->inputs[i].table);
    for (size_t i = 0; i < sc->n_emps; i++)
        rr_empirical_destroy(sc->emps[i].emp);
    for (size_t i = 0; i < sc->n_files; i++)
        free(sc->files[i].text);
    free(sc->files);
    free(sc->inputs);
    free(sc->emps);
    free(sc->sections);
    free(sc->settings);
    rri_res_free(sc);
    rri_map_fini(&sc->sec_map);
    rri_map_fini(&sc->set_map);
    rri_map_fini(&sc->group_map);
    rri_map_fini(&sc->stage_map);
    rri_map_fini(&sc->param_map);
    rri_map_fini(&sc->country_map);
    rri_map_fini(&sc->input_map);
    rri_arena_free(&sc->arena);
    free(sc);
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
    set_err(err, errlen, "%s:%d: [scenario] base: %s: %s", from->pub.file,
            from->pub.line, what, chain);
}

/* read_files - the scenario file into ly[0], then its base into ly[1], the
 * base's base into ly[2] and so on, each file parsed on its own (so that a
 * section or key written twice in one file is still an error).  A base is
 * named by [scenario] base = FILE, relative to the folder of the file that
 * names it; files are told apart by device and inode, so a cycle is found
 * however its paths are spelled. */
static int read_files(rr_scenario *sc, layer *ly, char *err, size_t errlen)
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
        int rc = rr_input_read(path, &text, &len, &cur, &verb, why,
                               sizeof why);
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
                set_err(err, errlen, "out of memory");
            else if (from)
                set_err(err, errlen, "%s:%d: [scenario] base: cannot %s '%s': %s",
                        from->pub.file, from->pub.line, verb, path, why);
            else
                set_err(err, errlen, "cannot %s '%s': %s", verb, path, why);
            return rc;
        }
        size_t bad = rr_text_check(text, len, true, why, sizeof why);
        if (bad) {
            free(text);
            set_err(err, errlen,
                    "%s:%zu: %s; a scenario file must be UTF-8 text", path,
                    bad, why);
            return RR_EPARSE;
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
        long b = find_setting_in(&ly[k].set_map, ly[k].settings, "scenario",
                                 "base");
        if (b < 0)
            return RR_OK;
        from = &ly[k].settings[b];
        const char *w = from->pub.value;
        if (!*w || strstr(w, "${")) {
            set_err(err, errlen, "%s:%d: [scenario] base: %s",
                    from->pub.file, from->pub.line,
                    *w ? "cannot use ${...} (the base is read before the "
                         "parameters)"
                       : "expected the path of a scenario file");
            return RR_EPARSE;
        }
        if (w[0] == '/') {
            path = rri_strdup(&sc->arena, w);
            name = path;
        } else {
            path = rri_printf(&sc->arena, "%s%s", fl->dir, w);
            char *n = rri_printf(&sc->arena, "%s%s", fl->rel, w);
            name = n ? normalise(&sc->arena, n) : NULL;
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
    set_err(err, errlen, "out of memory");
    return RR_ENOMEM;
}

/* merge - the layers into the scenario's lists, the deepest base first:
 * a section already there is reopened (it keeps its first header), a
 * setting already there takes the later value and place of writing, and
 * anything new is appended.  Notes merge by name the same way. */
static int merge(rr_scenario *sc, const layer *ly, notes *nt)
{
    long base_at = -1;
    rri_map note_map = {0};
    int rc = RR_ENOMEM;
    for (size_t k = sc->n_files; k-- > 0;) {
        const layer *l = &ly[k];
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
                dst->pub.value = src->pub.value;
                dst->pub.file = src->pub.file;
                dst->pub.line = src->pub.line;
                dst->file = src->file;
                continue;
            }
            if (rri_grow((void **)&sc->settings, &sc->cap_settings,
                         sc->n_settings + 1, sizeof *sc->settings) ||
                rri_map_add(&sc->set_map, set_hash(src->section, src->name),
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
            if (j == nt->n &&
                (rri_grow((void **)&nt->v, &nt->cap, nt->n + 1,
                          sizeof *nt->v) ||
                 rri_map_add(&note_map, h, j)))
                goto out;
            nt->v[j] = l->nt.v[i];
            if (j == nt->n)
                nt->n++;
        }
    }
    if (base_at > 0) {
        /* listed first, where a reader looks for it; the index follows */
        rri_setting b = sc->settings[base_at];
        memmove(&sc->settings[1], &sc->settings[0],
                (size_t)base_at * sizeof *sc->settings);
        sc->settings[0] = b;
        rri_map_fini(&sc->set_map);
        for (size_t i = 0; i < sc->n_settings; i++)
            if (rri_map_add(&sc->set_map,
                            set_hash(sc->settings[i].section,
                                     sc->settings[i].name),
                            i))
                goto out;
    }
    rc = RR_OK;
out:
    rri_map_fini(&note_map);
    return rc;
}

int rr_scenario_load(const char *path, const char *const *overrides,
                     size_t n_overrides, rr_scenario **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    rr_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        set_err(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    sc->countries_input = sc->schedule_input = sc->caseload_input = -1;
    int rc = RR_ENOMEM;
    notes nt = {0};
    layer ly[RRI_MAX_BASES + 1];
    memset(ly, 0, sizeof ly);
    sc->path = rri_strdup(&sc->arena, path);
    const char *slash = strrchr(path, '/');
    sc->dir = rri_strndup(&sc->arena, path,
                          slash ? (size_t)(slash - path) + 1 : 0);
    if (!sc->path || !sc->dir) {
        set_err(err, errlen, "out of memory");
        goto fail;
    }
    sc->hash = RRI_HASH0;
    if ((rc = read_files(sc, ly, err, errlen)))
        goto fail;
    if (ly[0].n_sections == 0 && ly[0].n_settings == 0 && ly[0].nt.n == 0) {
        /* an empty file, or only comments: say so rather than name the
         * first missing key */
        set_err(err, errlen,
                "%s: no sections (a scenario needs [scenario], [arrivals] "
                "and at least one [stage.NAME])",
                sc->path);
        rc = RR_EPARSE;
        goto fail;
    }
    if ((rc = merge(sc, ly, &nt))) {
        set_err(err, errlen, "out of memory");
        goto fail;
    }
    if ((rc = check_sections(sc, err, errlen)) ||
        (rc = check_keys(sc, err, errlen)) ||
        (rc = attach_notes(sc, &nt, err, errlen)) ||
        (rc = apply_overrides(sc, overrides, n_overrides, err, errlen)) ||
        (rc = check_required(sc, err, errlen)) ||
        (rc = build_params(sc, err, errlen)) ||
        (rc = build_by_section(sc, err, errlen)))
        goto fail;
    {
        static const char *const ccols[] = {"country", "share"};
        static const char *const scols[] = {"from", "factor"};
        static const char *const kcols[] = {"stage", "country", "count",
                                            "elapsed"};
        if ((rc = load_table(sc, "countries", "file", ccols, 2,
                             &sc->countries_input, err, errlen)) ||
            (rc = check_countries(sc, err, errlen)) ||
            (rc = load_table(sc, "arrivals", "schedule", scols, 2,
                             &sc->schedule_input, err, errlen)) ||
            (rc = load_table(sc, "start", "caseload", kcols, 4,
                             &sc->caseload_input, err, errlen)))
            goto fail;
    }
    if ((rc = build_changes(sc, err, errlen)))
        goto fail;
    free(nt.v);
    for (size_t k = 0; k <= RRI_MAX_BASES; k++)
        layer_fini(&ly[k]);
    *out = sc;
    return RR_OK;
fail:
    free(nt.v);
    for (size_t k = 0; k <= RRI_MAX_BASES; k++)
        layer_fini(&ly[k]);
    rr_scenario_destroy(sc);
    return rc;
}

/* }=================================================================== */

/* {===================================================================
 * Accessors, hash and listing
 * ==================================================================== */

size_t rr_scenario_n_settings(const rr_scenario *sc)
{
    return sc->n_settings;
}

const rr_setting *rr_scenario_setting(const rr_scenario *sc, size_t i)
{
    return i < sc->n_settings ? &sc->settings[i].pub : NULL;
}

const char *rr_scenario_resolved_value(const rr_scenario *sc, size_t i,
                                       char *buf, size_t n)
{
    if (!buf || !n)
        return buf;
    buf[0] = '\0';
    if (i >= sc->n_settings)
        return buf;
    char msg[256];
    const char *t = rri_resolved_setting((rr_scenario *)sc, i, msg,
                                         sizeof msg);
    snprintf(buf, n, "%s", t ? t : sc->settings[i].pub.value);
    return buf;
}

size_t rr_scenario_n_inputs(const rr_scenario *sc)
{
    return sc->n_inputs;
}

const char *rr_scenario_input_written(const rr_scenario *sc, size_t i)
{
    return i < sc->n_inputs ? sc->inputs[i].written : NULL;
}

const char *rr_scenario_input_path(const rr_scenario *sc, size_t i)
{
    return i < sc->n_inputs ? sc->inputs[i].path : NULL;
}

const char *rr_scenario_path(const rr_scenario *sc)
{
    return sc->path;
}

size_t rr_scenario_n_files(const rr_scenario *sc)
{
    return sc->n_files;
}

const char *rr_scenario_file(const rr_scenario *sc, size_t i)
{
    return i < sc->n_files ? sc->files[i].path : NULL;
}

/* rr_scenario_hash - the INI bytes, then each table's bytes in the order
 * they were read (tables of empirical distributions are read when the
 * scenario is planned). */
uint64_t rr_scenario_hash(const rr_scenario *sc)
{
    return sc->hash;
}

int rr_scenario_plan(rr_scenario *sc, const rr_plan **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    if (!sc->planned) {
        int rc = rri_plan(sc, err, errlen);
        if (rc != RR_OK)
            return rc;
        sc->planned = true;
    }
    *out = &sc->plan;
    return RR_OK;
}

static void print_line(FILE *f, const char *key, const char *value,
                       const char *raw, const char *note)
{
    int w = fprintf(f, "%s = %s", key, value);
    if (raw && strcmp(raw, value) != 0) {
        fprintf(f, "%*s[%s]", w < 40 ? 40 - w : 4, "", raw);
        w = 41;
    }
    if (note && *note)
        fprintf(f, "%*s# %s", w < 40 ? 40 - w : 4, "", note);
    fputc('\n', f);
}

static const char *default_text(const rr_scenario *sc, const rri_section *s,
                                const rri_keydef *d)
{
    if (d->def)
        return d->def;
    if (s->kind == RRI_SEC_SCENARIO && strcmp(d->name, "title") == 0)
        return "(the name)";
    if (s->kind == RRI_SEC_ARRIVALS && strcmp(d->name, "stage") == 0)
        return sc->n_stages ? sc->sections[sc->stages[0]].sub : "";
    if (s->kind == RRI_SEC_REINTEGRATION &&
        strcmp(d->name, "remigration_stage") == 0) {
        long a = rri_setting_find(sc, "arrivals", "stage");
        if (a >= 0)
            return sc->settings[a].pub.value;
        return sc->n_stages ? sc->sections[sc->stages[0]].sub : "";
    }
    if (s->kind == RRI_SEC_STAGE && strcmp(d->name, "channel") == 0)
        return "(keep)";
    if (s->kind == RRI_SEC_EVENT && strcmp(d->name, "label") == 0)
        return s->sub;
    return NULL;
}

/* print_section - a section's settings, then the defaults of the keys
 * not written; nothing for a section with neither. */
static void print_section(rr_scenario *sc, FILE *f, const char *name,
                          const rri_section *s)
{
    size_t nd, ns;
    const rri_keydef *d = rri_keydefs(s->kind, &nd);
    const size_t *own = rri_section_settings(sc, name, &ns);
    bool any = s->line > 0 || ns > 0;
    for (size_t j = 0; j < nd && !any; j++)
        any = !is_family(&d[j]) && default_text(sc, s, &d[j]) != NULL;
    if (!any)
        return;
    fprintf(f, "[%s]\n", name);
    char buf[RR_TEXT_MAX * 2];
    for (size_t k = 0; k < ns; k++) {
        size_t i = own[k];
        const rri_setting *st = &sc->settings[i];
        rr_scenario_resolved_value(sc, i, buf, sizeof buf);
        const char *note = st->pub.note;
        if (st->pub.line == 0 && !note) {
            note = "from --set";
        } else {
            /* say where a value or note written in a base comes from
             * (texts in the arena: a listing is made once) */
            rri_arena *a = &sc->arena;
            const char *from = "", *nfrom = "";
            bool vbase = st->pub.line > 0 && st->file > 0;
            if (vbase)
                from = rri_printf(a, "from %s:%d", sc->files[st->file].name,
                                  st->pub.line);
            if (note && st->note_line > 0 && (st->note_file > 0 || vbase) &&
                (st->pub.line == 0 || st->note_file != st->file))
                nfrom = rri_printf(a, "%snote from %s:%d", vbase ? "; " : "",
                                   sc->files[st->note_file].name,
                                   st->note_line);
            if (!from || !nfrom)
                from = nfrom = ""; /* out of memory: the note alone */
            if (*from || *nfrom) {
                const char *w = note ? rri_printf(a, "%s (%s%s)", note, from,
                                                  nfrom)
                                     : from;
                if (w)
                    note = w;
            }
        }
        print_line(f, st->name, buf, st->pub.value, note);
    }
    for (size_t j = 0; j < nd; j++) {
        if (is_family(&d[j]) || rri_setting_find(sc, name, d[j].name) >= 0)
            continue;
        const char *t = default_text(sc, s, &d[j]);
        if (t)
            print_line(f, d[j].name, t, NULL, "default");
    }
    fputc('\n', f);
}

void rr_scenario_print(rr_scenario *sc, FILE *f)
{
    fprintf(f, "# %s\n", sc->path);
    for (size_t i = 1; i < sc->n_files; i++)
        fprintf(f, "# based on %s\n", sc->files[i].name);
    /* written sections in file order, then defaults-only sections */
    for (size_t i = 0; i < sc->n_sections; i++)
        print_section(sc, f, sc->sections[i].name, &sc->sections[i]);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        const char *name = sec_names[k];
        if (k == RRI_SEC_PARAMETERS || sec_named((rri_sec_kind)k) ||
            rri_section_find(sc, name) >= 0)
            continue;
        rri_section tmp = {(rri_sec_kind)k, (char *)name, "", 0, 0};
        print_section(sc, f, name, &tmp);
    }
    const rr_plan *plan;
    char err[1024];
    if (rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        fprintf(f, "# not resolved: %s\n", err);
        return;
    }
    const rr_config *c0 = plan->cfg[0];
    fprintf(f, "# epochs\n");
    for (size_t i = 0; i < plan->n_epochs; i++) {
        char date[16];
        rr_date_format(rr_date_from_days(rr_date_days(c0->start) +
                                         (long)floor(plan->t[i])),
                       date, sizeof date);
        fprintf(f, "%s  day %-6g", date, plan->t[i]);
        bool any = false;
        for (size_t e = 0; e < plan->n_events; e++) {
            const rr_event_info *ev = &plan->events[e];
            if (ev->from <= plan->t[i] && plan->t[i] < ev->until) {
                fprintf(f, "%s%s", any ? ", " : "  ", ev->name);
                any = true;
            }
        }
        fprintf(f, "%s\n", any ? "" : "  (no events)");
    }
    char s0[16], s1[16], off[64] = "";
    rr_date_format(c0->start, s0, sizeof s0);
    rr_date_format(c0->end, s1, sizeof s1);
    if (sc->n_events > plan->n_events)
        snprintf(off, sizeof off, " (%zu disabled)",
                 sc->n_events - plan->n_events);
    fprintf(f,
            "# %zu stage%s, %zu countr%s, %zu event%s%s, %zu epoch%s, "
            "horizon %g days (%s to %s)\n",
            c0->n_stages, c0->n_stages == 1 ? "" : "s", c0->n_countries,
            c0->n_countries == 1 ? "y" : "ies", plan->n_events,
            plan->n_events == 1 ? "" : "s", off, plan->n_epochs,
            plan->n_epochs == 1 ? "" : "s", c0->horizon, s0, s1);
}

/* }=================================================================== */
