/*
 * resolve.c - from settings to configurations: ${parameter} substitution,
 * units, distributions, per-country values, routing with `rest`, policy
 * events and the epochs they cut the run into.
 *
 * A resolution context holds one epoch's view of the scenario: which
 * events are active, the parameters' texts with those events applied, and
 * the countries cells they change.  get() returns a setting's effective
 * text (the written one, an event's `set`, or the default) with the
 * product of the active `scale` factors and the place to blame in
 * messages: the setting's line, or the line of the event that changed it.
 *
 * Cost: settings, sections, stages, parameters and countries are found
 * through hash indexes (scenario_int.h, rri_map) and the events' changes
 * through chains by target (struct rri_res), so that resolving one epoch
 * is linear in the size of the scenario; a scenario is resolved once per
 * distinct set of active events.
 *
 * Every number that comes out is finite and inside its domain: a product
 * of scale factors, a rate or a duration scaled by events, a countries
 * cell or a share sum that overflows is an error naming the event (or the
 * cell) that took it out, never an infinity handed to the model.
 */
#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

#define PROB_TOL 1e-9

typedef struct loc {
    const char *file;
    int line;
    const char *sec;    /* "stage.rds" */
    const char *key;    /* "servers", or NULL for the section itself */
    const char *dotted; /* "stage.rds.servers" (for --set) */
    int fi;             /* index of the INI file whose folder relative
                           paths in the value are read from */
} loc;

typedef struct val {
    const char *text;   /* substituted; NULL when absent without default */
    const char *raw;
    double factor;      /* product of active scales after the last set */
    bool scaled;
    bool written;       /* written or set, not a default */
    loc at;
} val;

typedef struct cellov {
    size_t row, col;
    const char *text;
    double factor;
    bool scaled;
    loc at;
} cellov;

/* What the cycle check needs of a stage's routes. */
typedef struct stage_routes {
    size_t n;
    uint32_t *target;
    loc *at;
    bool *used;          /* some country goes this way */
    loc abscond_at;      /* where abscond was set */
    loc timeout_at;      /* where max_stay was set */
} stage_routes;

/* A parameter being resolved (see param_value). */
typedef struct frame {
    size_t p;                    /* index in sc->params */
    const char *raw;             /* its text in this epoch */
    loc at;                      /* where that text was written */
    int phase;                   /* scanning 0 the factors, 1 raw,
                                    2 nothing more */
    size_t cur;                  /* phase 0: the change being scanned */
    const char *pos;             /* where to look for the next ${ */
} frame;

typedef struct rctx {
    rr_scenario *sc;
    rri_arena *a;
    char *err;
    size_t errlen;
    const unsigned char *active; /* per event, or NULL: none */
    const char *while_events;    /* " (while event x is active)" or "" */
    /* parameters */
    const char **ptext;
    int *pstate;                 /* 0 not yet, 1 resolving, 2 done */
    int *plevel;                 /* nesting: 1 + the deepest ${} used */
    size_t *pdeep;               /* the parameter that deepest one is */
    frame *stack;
    size_t depth;
    /* countries */
    const rr_table *ct;
    int ccol;
    int ct_fi;                   /* INI file that named the table */
    size_t nc;
    const char (*cname)[RR_NAME_MAX];
    cellov *ov;
    size_t nov;
    bool table_msg;              /* the loader wrote a whole message */
    int fi;                      /* INI file the text being parsed came
                                    from, for the loader's paths */
    /* the run */
    long day0, day_end;          /* days of start and end */
    stage_routes *routes;
    rri_map ov_map;              /* cell overrides by row and column */
    bool remig_near;             /* remigration comes back in no time */
    uint32_t remig_stage;
} rctx;

/* What resolve.c keeps with a scenario, built when it is first planned:
 * the changes of events grouped by what they change, so that finding them
 * costs their number, not a scan of all. */
struct rri_res {
    rri_map target_map;          /* first change of each target */
    size_t *next, *tail;         /* per change: the next of its target;
                                    the last (valid for the first) */
    size_t *route_head;          /* per stage: first change of a route */
    size_t *route_next;          /* per change: the next of its stage */
    size_t *ev_start, *ev_list;  /* changes grouped by event */
};

/* The most text all ${...} substitutions of one scenario may produce: a
 * few parameters that each use another twice would otherwise double it at
 * every step. */
#define SUBST_BUDGET ((size_t)64 << 20)

typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (rri_grow((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
        b->oom = true;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* {===================================================================
 * Messages
 * ==================================================================== */

static int failv(rctx *c, const loc *at, int rc, const char *fmt, va_list ap)
    RRI_PRINTF(4, 0);
static int failv(rctx *c, const loc *at, int rc, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *suffix =
        at->sec && strncmp(at->sec, "event.", 6) == 0 ? "" : c->while_events;
    if (!c->err || !c->errlen)
        return rc;
    if (at->line == 0 && at->file && strcmp(at->file, "--set") == 0)
        snprintf(c->err, c->errlen, "--set %s: %s%s", at->dotted, msg,
                 suffix);
    else if (at->line > 0 && at->key)
        snprintf(c->err, c->errlen, "%s:%d: [%s] %s: %s%s", at->file,
                 at->line, at->sec, at->key, msg, suffix);
    else if (at->line > 0)
        snprintf(c->err, c->errlen, "%s:%d: [%s]: %s%s", at->file, at->line,
                 at->sec, msg, suffix);
    else if (at->key)
        snprintf(c->err, c->errlen, "%s: [%s] %s: %s%s", at->file, at->sec,
                 at->key, msg, suffix);
    else
        snprintf(c->err, c->errlen, "%s: [%s]: %s%s", at->file, at->sec, msg,
                 suffix);
    return rc;
}

static int failat(rctx *c, const loc *at, int rc, const char *fmt, ...)
    RRI_PRINTF(4, 5);
static int failat(rctx *c, const loc *at, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    failv(c, at, rc, fmt, ap);
    va_end(ap);
    return rc;
}

/* fail - a whole message (a table's "PATH:LINE: column 'x': ..."). */
static int fail(rctx *c, int rc, const char *fmt, ...) RRI_PRINTF(3, 4);
static int fail(rctx *c, int rc, const char *fmt, ...)
{
    if (c->err && c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

static int oom(rctx *c)
{
    return fail(c, RR_ENOMEM, "out of memory");
}

static loc setting_loc(const rri_setting *st)
{
    loc l = {st->pub.file, st->pub.line, st->section, st->name, st->pub.key,
             st->file};
    return l;
}

/* section_loc - where an absent key of a section is blamed: its (first)
 * header. */
static loc section_loc(rctx *c, const char *sec, const char *key)
{
    long s = rri_section_find(c->sc, sec);
    const rri_section *sp = s >= 0 ? &c->sc->sections[s] : NULL;
    loc l = {sp ? c->sc->files[sp->file].path : c->sc->path,
             sp ? sp->line : 0, sec, key, NULL, sp ? sp->file : 0};
    return l;
}

static void fmt_date(long days, char *buf, size_t n)
{
    rr_date_format(rr_date_from_days(days), buf, n);
}

/* }=================================================================== */

/* {===================================================================
 * Numbers and words
 * ==================================================================== */

static const char *trim(rctx *c, const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    const char *t = rri_strndup(c->a, s, n);
    return t ? t : "";
}

/* number - the whole text as a finite decimal number. */
static bool number(const char *s, double *x)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    for (const char *q = s; *q && !isspace((unsigned char)*q); q++)
        if (!strchr("0123456789.eE+-", *q))
            return false;
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return false;
    while (isspace((unsigned char)*end))
        end++;
    if (*end || !isfinite(v))
        return false;
    *x = v + 0.0; /* -0 reads as 0 */
    return true;
}

/* whole - a whole number in [lo, hi]. */
static bool whole(const char *s, long long lo, unsigned long long hi,
                  unsigned long long *out, bool *neg)
{
    while (isspace((unsigned char)*s))
        s++;
    *neg = *s == '-';
    const char *p = s + (*s == '-' || *s == '+');
    if (!isdigit((unsigned char)*p))
        return false;
    unsigned long long v = 0;
    for (; isdigit((unsigned char)*p); p++) {
        if (v > (ULLONG_MAX - 9) / 10)
            return false;
        v = v * 10 + (unsigned long long)(*p - '0');
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return false;
    if (*neg && v != 0)
        return lo < 0 && v <= (unsigned long long)(-(lo + 1)) + 1;
    *neg = false;
    if (v > hi)
        return false;
    *out = v;
    return true;
}

static bool is_yes(const char *s)
{
    return !strcmp(s, "yes") || !strcmp(s, "true");
}

static bool is_no(const char *s)
{
    return !strcmp(s, "no") || !strcmp(s, "false");
}

/* choice - index of s among the n words, or -1 with a message part. */
static int choice(const char *s, const char *const *w, size_t n, char *msg,
                  size_t size)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, w[i]) == 0)
            return (int)i;
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        int k = snprintf(list + used, sizeof list - used, "%s%s",
                         i == 0 ? "" : i + 1 == n ? " or " : ", ", w[i]);
        if (k > 0)
            used += (size_t)k;
    }
    const char *g = rri_suggest(s, w, n);
    if (g)
        snprintf(msg, size, "expected %s, got '%s' (did you mean '%s'?)",
                 list, s, g);
    else
        snprintf(msg, size, "expected %s, got '%s'", list, s);
    return -1;
}

/* }=================================================================== */

/* {===================================================================
 * Events' changes, by target
 * ==================================================================== */

/* target_hash - the hash of a change's target of kind k: a, or a "." b
 * (so that "stage.x" + "servers" hashes as the written "stage.x.servers"). */
static uint64_t target_hash(rri_target_kind k, const char *a, const char *b)
{
    char kb = (char)('0' + (int)k);
    uint64_t h = rri_hash_str(rri_hash(RRI_HASH0, &kb, 1), a);
    if (b)
        h = rri_hash_str(rri_hash(h, ".", 1), b);
    return h;
}

static bool target_is(const rri_change *ch, rri_target_kind k, const char *a,
                      const char *b)
{
    if (ch->kind != k)
        return false;
    if (!b)
        return strcmp(ch->target, a) == 0;
    size_t n = strlen(a);
    return strncmp(ch->target, a, n) == 0 && ch->target[n] == '.' &&
           strcmp(ch->target + n + 1, b) == 0;
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

/* res_get - resolve.c's part of the scenario, built on first use (NULL
 * when out of memory).  The chains of changes need the changes, which are
 * built at the end of loading; before that (a table path resolved while
 * loading) only the no-event context is used, which looks at none. */
static struct rri_res *res_get(rr_scenario *sc)
{
    struct rri_res *r = sc->res;
    if (r)
        return r;
    r = rri_alloc(&sc->arena, sizeof *r);
    if (!r)
        return NULL;
    size_t n = sc->n_changes + 1, ns = sc->n_stages + 1,
           ne = sc->n_events + 2;
    r->next = rri_alloc(&sc->arena, n * sizeof *r->next);
    r->tail = rri_alloc(&sc->arena, n * sizeof *r->tail);
    r->route_next = rri_alloc(&sc->arena, n * sizeof *r->route_next);
    r->route_head = rri_alloc(&sc->arena, ns * sizeof *r->route_head);
    size_t *route_tail = rri_alloc(&sc->arena, ns * sizeof *route_tail);
    r->ev_start = rri_alloc(&sc->arena, ne * sizeof *r->ev_start);
    r->ev_list = rri_alloc(&sc->arena, n * sizeof *r->ev_list);
    if (!r->next || !r->tail || !r->route_next || !r->route_head ||
        !route_tail || !r->ev_start || !r->ev_list)
        return NULL;
    for (size_t s = 0; s < ns; s++)
        r->route_head[s] = SIZE_MAX;
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        r->next[i] = r->route_next[i] = SIZE_MAX;
        uint64_t h = target_hash(ch->kind, ch->target, NULL);
        size_t it = 0, head = SIZE_MAX, j;
        while (rri_map_next(&r->target_map, h, &it, &j))
            if (target_is(&sc->changes[j], ch->kind, ch->target, NULL)) {
                head = j;
                break;
            }
        if (head == SIZE_MAX) {
            if (rri_map_add(&r->target_map, h, i)) {
                rri_map_fini(&r->target_map);
                return NULL;
            }
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
    size_t *fill = route_tail; /* reused: ns >= 1, but ne may be larger */
    if (ne > ns) {
        fill = rri_alloc(&sc->arena, ne * sizeof *fill);
        if (!fill) {
            rri_map_fini(&r->target_map);
            return NULL;
        }
    }
    for (size_t e = 0; e + 1 < ne; e++)
        fill[e] = r->ev_start[e];
    for (size_t i = 0; i < sc->n_changes; i++)
        r->ev_list[fill[sc->changes[i].event]++] = i;
    sc->res = r;
    return r;
}

void rri_res_free(rr_scenario *sc)
{
    if (sc->res)
        rri_map_fini(&sc->res->target_map);
}

/* first_change - the first change (file order) of the target, or SIZE_MAX;
 * the next is res->next[i]. */
static size_t first_change(rctx *c, rri_target_kind k, const char *a,
                           const char *b)
{
    struct rri_res *r = c->sc->res;
    if (!c->active || !r)
        return SIZE_MAX;
    size_t it = 0, i;
    uint64_t h = target_hash(k, a, b);
    while (rri_map_next(&r->target_map, h, &it, &i))
        if (target_is(&c->sc->changes[i], k, a, b))
            return i;
    return SIZE_MAX;
}

/* }=================================================================== */

/* {===================================================================
 * Parameters and substitution
 * ==================================================================== */

static int param_value(rctx *c, size_t p, const char **out);

static const char *pname(const rctx *c, size_t p)
{
    return c->sc->settings[c->sc->params[p]].name;
}

/* nest_err - a chain of parameters nested too deep: the first few and the
 * last of the n in chain. */
static int nest_err(rctx *c, const loc *at, const size_t *chain, size_t n)
{
    char list[600];
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        if (i == 4 && n > 6) {
            used += (size_t)snprintf(list + used, sizeof list - used,
                                     " -> ...");
            i = n - 2;
        }
        int w = snprintf(list + used, sizeof list - used, "%s%.40s",
                         i ? " -> " : "", pname(c, chain[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return failat(c, at, RR_EINVAL,
                  "${...} nested more than %d deep: %s", RRI_MAX_NESTING,
                  list);
}

/* subst_lv - text with every ${NAME} replaced by the parameter's value;
 * *level gets the deepest nesting of the parameters used (0 for none) and
 * *deep that parameter.  Two passes: every name is resolved first, left to
 * right (so the first bad one is the one reported), then the text is built
 * at its final size.  A result longer than RR_VALUE_MAX is an error, and
 * so is going over SUBST_BUDGET for the whole scenario. */
static int subst_lv(rctx *c, const char *text, const loc *at,
                    const char **out, int *level, size_t *deep)
{
    *level = 0;
    *deep = SIZE_MAX;
    if (!strstr(text, "${")) {
        *out = text;
        return RR_OK;
    }
    size_t total = 0;
    for (const char *p = text;;) {
        const char *s = strstr(p, "${");
        if (!s) {
            total += strlen(p);
            break;
        }
        total += (size_t)(s - p);
        const char *e = strchr(s + 2, '}');
        if (!e)
            return failat(c, at, RR_EPARSE, "unterminated '${' in '%.200s'",
                          text);
        long pi = rri_param_index(c->sc, s + 2, (size_t)(e - s - 2));
        if (pi < 0)
            return failat(c, at, RR_ENOTFOUND,
                          "undefined parameter '%.*s' in '%.200s'",
                          (int)(e - s - 2 < 100 ? e - s - 2 : 100), s + 2,
                          text);
        const char *v;
        int rc = param_value(c, (size_t)pi, &v);
        if (rc)
            return rc;
        total += strlen(v);
        if (c->plevel[pi] > *level) {
            *level = c->plevel[pi];
            *deep = (size_t)pi;
        }
        if (total > RR_VALUE_MAX)
            break;
        p = e + 1;
    }
    if (total > RR_VALUE_MAX)
        return failat(c, at, RR_ERANGE,
                      "longer than %d characters after ${...} substitution",
                      RR_VALUE_MAX);
    if (total > SUBST_BUDGET - c->sc->subst_bytes)
        return failat(c, at, RR_ERANGE,
                      "${...} substitutions make more than %d MiB of text",
                      (int)(SUBST_BUDGET >> 20));
    c->sc->subst_bytes += total;
    char *b = rri_alloc(c->a, total + 1);
    if (!b)
        return oom(c);
    size_t n = 0;
    for (const char *p = text;;) {
        const char *s = strstr(p, "${");
        if (!s) {
            memcpy(b + n, p, strlen(p));
            n += strlen(p);
            break;
        }
        memcpy(b + n, p, (size_t)(s - p));
        n += (size_t)(s - p);
        const char *e = strchr(s + 2, '}');
        long pi = rri_param_index(c->sc, s + 2, (size_t)(e - s - 2));
        const char *v = c->ptext[pi];
        memcpy(b + n, v, strlen(v));
        n += strlen(v);
        p = e + 1;
    }
    b[n] = '\0';
    *out = b;
    return RR_OK;
}

static int subst(rctx *c, const char *text, const loc *at, const char **out)
{
    int level;
    size_t deep;
    return subst_lv(c, text, at, out, &level, &deep);
}

/* scale_number - the leading number of text times f, the rest kept
 * ("1500/month" * 0.5 = "750/month"); false if text has none.  *x gets
 * the product, which the caller checks is finite. */
static bool scale_number(rctx *c, const char *text, double f,
                         const char **out, double *x)
{
    const char *s = text;
    while (isspace((unsigned char)*s))
        s++;
    if (!(isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '+'))
        return false;
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v))
        return false;
    for (const char *q = s; q < end; q++)
        if (!strchr("0123456789.eE+-", *q))
            return false;
    *x = v * f + 0.0;
    *out = rri_printf(c->a, "%.15g%s", *x, end);
    return *out != NULL;
}

/* scale_factor - the factor of an event's scale.KEY, >= 0. */
static int scale_factor(rctx *c, const rri_setting *st, double *f)
{
    loc at = setting_loc(st);
    const char *t;
    int rc = subst(c, st->pub.value, &at, &t);
    if (rc)
        return rc;
    if (!number(t, f) || *f < 0)
        return failat(c, &at, RR_ERANGE,
                      "expected a factor >= 0 such as 0.5 or 2, got '%s'", t);
    return RR_OK;
}

/* times - factor *f times g, which must stay finite: scales of several
 * events multiply (1e200 twice is not a number). */
static int times(rctx *c, const loc *at, double *f, double g)
{
    double x = *f * g;
    if (!isfinite(x))
        return failat(c, at, RR_ERANGE,
                      "the scale factors of the active events multiply to "
                      "more than %g",
                      DBL_MAX);
    *f = x + 0.0;
    return RR_OK;
}

/* push - start resolving parameter p: its text in this epoch (the last
 * active event's set., else as written) and where to blame it.  A
 * parameter already being resolved is a cycle; a stack RRI_MAX_NESTING
 * deep is a chain too long. */
static int push(rctx *c, size_t p)
{
    rr_scenario *sc = c->sc;
    if (c->pstate[p] == 1) {
        size_t from = 0;
        while (c->stack[from].p != p)
            from++;
        char list[700];
        size_t used = 0;
        for (size_t i = from; i <= c->depth && used < sizeof list; i++) {
            const char *n = pname(c, i < c->depth ? c->stack[i].p : p);
            int w = snprintf(list + used, sizeof list - used, "%s%s",
                             i > from ? " -> " : "", n);
            if (w < 0)
                break;
            used += (size_t)w;
        }
        loc at = setting_loc(&sc->settings[sc->params[c->stack[from].p]]);
        return failat(c, &at, RR_EINVAL,
                      "parameters refer to each other in a cycle: %s", list);
    }
    if (c->depth >= RRI_MAX_NESTING) {
        size_t chain[RRI_MAX_NESTING + 2];
        for (size_t i = 0; i < c->depth; i++)
            chain[i] = c->stack[i].p;
        chain[c->depth] = p;
        loc at = setting_loc(&sc->settings[sc->params[chain[0]]]);
        return nest_err(c, &at, chain, c->depth + 1);
    }
    frame *f = &c->stack[c->depth++];
    const rri_setting *st = &sc->settings[sc->params[p]];
    f->p = p;
    f->raw = st->pub.value;
    f->at = setting_loc(st);
    f->phase = 1;
    for (size_t i = first_change(c, RRI_TGT_PARAM, st->name, NULL);
         i != SIZE_MAX; i = sc->res->next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
            continue;
        if (ch->scale && f->phase == 1) {
            f->phase = 0; /* the first factor text to look into */
            f->cur = i;
        }
        if (!ch->scale)
            f->raw = sc->settings[ch->setting].pub.value;
        f->at = setting_loc(&sc->settings[ch->setting]);
    }
    f->pos = f->phase == 1 ? f->raw
                           : sc->settings[sc->changes[f->cur].setting]
                                 .pub.value;
    c->pstate[p] = 1;
    return RR_OK;
}

/* frame_loc - where the text frame f is scanning was written. */
static loc frame_loc(const rctx *c, const frame *f)
{
    if (f->phase == 0)
        return setting_loc(&c->sc->settings[c->sc->changes[f->cur].setting]);
    return f->at;
}

/* next_text - move frame f on to the next text it depends on: the next
 * active factor, then the raw text; false when all are done. */
static bool next_text(rctx *c, frame *f)
{
    rr_scenario *sc = c->sc;
    if (f->phase == 0) {
        size_t i = sc->res->next[f->cur];
        while (i != SIZE_MAX && !(c->active[sc->changes[i].event] &&
                                  sc->changes[i].scale))
            i = sc->res->next[i];
        if (i != SIZE_MAX) {
            f->cur = i;
            f->pos = sc->settings[sc->changes[i].setting].pub.value;
        } else {
            f->phase = 1;
            f->pos = f->raw;
        }
        return true;
    }
    f->phase = 2;
    return false;
}

/* finish - every parameter frame f uses is resolved: apply the events'
 * factors (evaluated in file order, as written) and substitute. */
static int finish(rctx *c, frame *f)
{
    rr_scenario *sc = c->sc;
    const rri_setting *st = &sc->settings[sc->params[f->p]];
    double factor = 1;
    bool scaled = false;
    int rc;
    for (size_t i = first_change(c, RRI_TGT_PARAM, st->name, NULL);
         i != SIZE_MAX; i = sc->res->next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
            continue;
        if (ch->scale) {
            double g;
            if ((rc = scale_factor(c, &sc->settings[ch->setting], &g)) ||
                (rc = times(c, &f->at, &factor, g)))
                return rc;
            scaled = true;
        } else {
            factor = 1;
            scaled = false;
        }
    }
    const char *text;
    int level;
    size_t deep;
    if ((rc = subst_lv(c, f->raw, &f->at, &text, &level, &deep)))
        return rc;
    if (level >= RRI_MAX_NESTING) {
        size_t chain[RRI_MAX_NESTING + 2], n = 0;
        chain[n++] = f->p;
        for (size_t q = deep; q != SIZE_MAX && n < RRI_MAX_NESTING + 2;
             q = c->pdeep[q])
            chain[n++] = q;
        loc at = setting_loc(st);
        return nest_err(c, &at, chain, n);
    }
    double x;
    if (scaled && !scale_number(c, text, factor, &text, &x))
        return failat(c, &f->at, RR_EINVAL,
                      "cannot scale parameter '%s': its value '%.200s' does "
                      "not start with a number",
                      st->name, text);
    if (scaled && !isfinite(x))
        return failat(c, &f->at, RR_ERANGE,
                      "scaling parameter '%s' by %g gives a number too large "
                      "(more than %g)",
                      st->name, factor, DBL_MAX);
    c->ptext[f->p] = text;
    c->plevel[f->p] = level + 1;
    c->pdeep[f->p] = deep;
    c->pstate[f->p] = 2;
    return RR_OK;
}

/* param_value - a parameter's text in this epoch, ${...} resolved, by a
 * depth-first walk with an explicit stack instead of recursion, so that a
 * long chain of parameters cannot overflow the C stack: each frame scans
 * its texts (the active events' factors, then its value) for ${NAME}, and
 * pushes a name not resolved yet; when a frame has none left it is
 * finished and popped.  A failure leaves the parameters it was resolving
 * unresolved, so that asking again reports it again. */
static int param_value(rctx *c, size_t p, const char **out)
{
    if (c->pstate[p] == 2) {
        *out = c->ptext[p];
        return RR_OK;
    }
    size_t base = c->depth;
    int rc = push(c, p);
    while (rc == RR_OK && c->depth > base) {
        frame *f = &c->stack[c->depth - 1];
        const char *s = strstr(f->pos, "${");
        if (s) {
            /* the same errors, in the same order, as subst_lv */
            const char *e = strchr(s + 2, '}');
            const char *text = f->phase == 0 ? c->sc->settings[c->sc->changes
                                                   [f->cur].setting]
                                                   .pub.value
                                             : f->raw;
            loc at = frame_loc(c, f);
            long pi = e ? rri_param_index(c->sc, s + 2, (size_t)(e - s - 2))
                        : -1;
            if (!e)
                rc = failat(c, &at, RR_EPARSE,
                            "unterminated '${' in '%.200s'", text);
            else if (pi < 0)
                rc = failat(c, &at, RR_ENOTFOUND,
                            "undefined parameter '%.*s' in '%.200s'",
                            (int)(e - s - 2 < 100 ? e - s - 2 : 100), s + 2,
                            text);
            else {
                f->pos = e + 1;
                if (c->pstate[pi] != 2)
                    rc = push(c, (size_t)pi);
            }
            continue;
        }
        if (next_text(c, f))
            continue;
        if ((rc = finish(c, f)) == RR_OK)
            c->depth--;
    }
    if (rc) {
        for (size_t i = base; i < c->depth; i++)
            c->pstate[c->stack[i].p] = 0;
        c->depth = base;
        return rc;
    }
    *out = c->ptext[p];
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Effective values
 * ==================================================================== */

/* get - the effective value of (sec, key) in this epoch (see the top). */
static int get(rctx *c, const char *sec, const char *key, const char *def,
               val *v)
{
    rr_scenario *sc = c->sc;
    memset(v, 0, sizeof *v);
    v->factor = 1;
    long s = rri_setting_find(sc, sec, key);
    if (s >= 0) {
        v->raw = sc->settings[s].pub.value;
        v->at = setting_loc(&sc->settings[s]);
        v->written = true;
    } else {
        v->raw = def;
        v->at = section_loc(c, sec, key);
        v->at.dotted = rri_printf(c->a, "%s.%s", sec, key);
    }
    for (size_t i = first_change(c, RRI_TGT_KEY, sec, key); i != SIZE_MAX;
         i = sc->res->next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
            continue;
        const rri_setting *cs = &sc->settings[ch->setting];
        if (ch->scale) {
            double f;
            loc at = setting_loc(cs);
            int rc = scale_factor(c, cs, &f);
            if (rc || (rc = times(c, &at, &v->factor, f)))
                return rc;
            v->scaled = true;
        } else {
            v->raw = cs->pub.value;
            v->factor = 1;
            v->scaled = false;
            v->written = true;
        }
        v->at = setting_loc(cs);
    }
    if (!v->raw && v->scaled)
        return failat(c, &v->at, RR_EINVAL,
                      "cannot scale '%s.%s': it has no value (write it, or "
                      "set it with set.%s.%s)",
                      sec, key, sec, key);
    if (!v->raw)
        return RR_OK;
    int rc = subst(c, v->raw, &v->at, &v->text);
    if (rc == RR_OK)
        v->text = trim(c, v->text);
    return rc;
}

/* scaled_note - " (after scaling by F)" for messages about scaled values. */
static const char *scaled_note(rctx *c, const val *v)
{
    if (!v->scaled)
        return "";
    const char *s = rri_printf(c->a, " (after scaling by %g)", v->factor);
    return s ? s : "";
}

/* }=================================================================== */

/* {===================================================================
 * Typed values
 * ==================================================================== */

static int get_prob(rctx *c, const char *sec, const char *key,
                    const char *def, double *p)
{
    val v;
    int rc = get(c, sec, key, def, &v);
    if (rc)
        return rc;
    double x;
    if (!number(v.text, &x))
        return failat(c, &v.at, RR_EPARSE,
                      "expected a probability such as 0.25, got '%s'",
                      v.text);
    x *= v.factor;
    if (!(x >= 0 && x <= 1))
        return failat(c, &v.at, RR_ERANGE,
                      "expected a probability in [0,1], got %g%s", x,
                      scaled_note(c, &v));
    *p = x + 0.0;
    return RR_OK;
}

static int get_duration(rctx *c, const val *v, double *days)
{
    char msg[512];
    int rc = rr_duration_parse(v->text, days, msg, sizeof msg);
    if (rc)
        return failat(c, &v->at, rc, "%s", msg);
    double x = *days * v->factor;
    if (!isfinite(x))
        return failat(c, &v->at, RR_ERANGE,
                      "'%s' scaled by %g is too long a duration (more than "
                      "%g days)",
                      v->text, v->factor, DBL_MAX);
    *days = x + 0.0;
    return RR_OK;
}

/* date_val - a date setting, as days since 1970. */
static int date_val(rctx *c, const val *v, long *days)
{
    rr_date d;
    if (rr_date_parse(v->text, &d) != RR_OK)
        return failat(c, &v->at, RR_EPARSE,
                      "expected a date as YYYY-MM-DD (a day that exists), "
                      "got '%s'",
                      v->text);
    *days = rr_date_days(d);
    return RR_OK;
}

static const char *outside_run(rctx *c, long days)
{
    char d[16], a[16], b[16];
    fmt_date(days, d, sizeof d);
    fmt_date(c->day0, a, sizeof a);
    fmt_date(c->day_end, b, sizeof b);
    const char *s =
        rri_printf(c->a, "date %s is outside the run (%s to %s)", d, a, b);
    return s ? s : "date outside the run";
}

/* stage_name - index of a stage named by v. */
static int stage_of(rctx *c, const val *v, uint32_t *out)
{
    long i = rri_stage_index(c->sc, v->text);
    if (i >= 0) {
        *out = (uint32_t)i;
        return RR_OK;
    }
    const char **w = malloc((c->sc->n_stages + 1) * sizeof *w);
    if (!w)
        return oom(c);
    for (size_t j = 0; j < c->sc->n_stages; j++)
        w[j] = c->sc->sections[c->sc->stages[j]].sub;
    const char *g = rri_suggest(v->text, w, c->sc->n_stages);
    int rc = g ? failat(c, &v->at, RR_ENOTFOUND,
                        "no stage named '%s' (did you mean '%s'?)", v->text,
                        g)
               : failat(c, &v->at, RR_ENOTFOUND, "no stage named '%s'",
                        v->text);
    free(w);
    return rc;
}

static const char *const exit_names[RR_EXIT_COUNT] = {"departed",
                                                      "unsupervised",
                                                      "closed"};

/* target_of - a stage or an exit. */
static int target_of(rctx *c, const val *v, uint32_t *out)
{
    for (uint32_t x = 0; x < RR_EXIT_COUNT; x++)
        if (strcmp(v->text, exit_names[x]) == 0) {
            *out = RR_TO_EXIT(x);
            return RR_OK;
        }
    long i = rri_stage_index(c->sc, v->text);
    if (i >= 0) {
        *out = (uint32_t)i;
        return RR_OK;
    }
    size_t n = c->sc->n_stages;
    const char **w = malloc((n + RR_EXIT_COUNT) * sizeof *w);
    if (!w)
        return oom(c);
    for (size_t j = 0; j < n; j++)
        w[j] = c->sc->sections[c->sc->stages[j]].sub;
    for (size_t j = 0; j < RR_EXIT_COUNT; j++)
        w[n + j] = exit_names[j];
    const char *g = rri_suggest(v->text, w, n + RR_EXIT_COUNT);
    int rc = g ? failat(c, &v->at, RR_ENOTFOUND,
                        "no stage or exit named '%s' (did you mean '%s'?)",
                        v->text, g)
               : failat(c, &v->at, RR_ENOTFOUND,
                        "no stage or exit named '%s' (exits are departed, "
                        "unsupervised and closed)",
                        v->text);
    free(w);
    return rc;
}

static const char *const channel_words[] = {"rds", "iom", "ngo", "self",
                                            "forced"};

static int channel_of(rctx *c, const loc *at, const char *s, rr_channel *ch)
{
    char msg[512];
    int i = choice(s, channel_words, RR_COUNTOF(channel_words), msg,
                   sizeof msg);
    if (i < 0)
        return failat(c, at, RR_EPARSE, "%s", msg);
    *ch = (rr_channel)(RR_CH_RDS + i);
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Countries and their columns
 * ==================================================================== */

/* column - the countries column a `country.COL` (or bare COL) names. */
static int column(rctx *c, const char *name, const loc *at, size_t *col)
{
    if (strncmp(name, "country.", 8) == 0)
        name += 8;
    if (!c->ct)
        return failat(c, at, RR_ENOTFOUND,
                      "'country.%s' needs a [countries] file with a column "
                      "'%s'",
                      name, name);
    int k = rr_table_col(c->ct, name);
    if (k >= 0 && k != c->ccol) {
        *col = (size_t)k;
        return RR_OK;
    }
    const char **w = malloc((c->ct->n_cols + 1) * sizeof *w);
    if (!w)
        return oom(c);
    size_t n = 0;
    for (size_t i = 0; i < c->ct->n_cols; i++)
        if ((int)i != c->ccol)
            w[n++] = c->ct->header[i];
    const char *g = rri_suggest(name, w, n);
    int rc;
    if (g) {
        rc = failat(c, at, RR_ENOTFOUND,
                    "no column '%s' in %s (did you mean '%s'?)", name,
                    c->ct->path, g);
    } else {
        sbuf b = {NULL, 0, 0, false};
        for (size_t i = 0; i < n; i++) {
            sb_add(&b, i ? ", " : "", i ? 2 : 0);
            sb_add(&b, w[i], strlen(w[i]));
        }
        rc = b.oom ? oom(c)
                   : failat(c, at, RR_ENOTFOUND,
                            "no column '%s' in %s (columns: %s)", name,
                            c->ct->path, b.p ? b.p : "");
        free(b.p);
    }
    free(w);
    return rc;
}

static uint64_t cell_hash(size_t row, size_t col)
{
    size_t rc[2] = {row, col};
    return rri_hash(RRI_HASH0, (const char *)rc, sizeof rc);
}

static const cellov *override_of(rctx *c, size_t row, size_t col)
{
    size_t it = 0, i;
    while (rri_map_next(&c->ov_map, cell_hash(row, col), &it, &i))
        if (c->ov[i].row == row && c->ov[i].col == col)
            return &c->ov[i];
    return NULL;
}

/* cell_text - a countries cell in this epoch. */
static const char *cell_text(rctx *c, size_t row, size_t col,
                             const cellov **ov)
{
    *ov = override_of(c, row, col);
    return *ov && (*ov)->text ? (*ov)->text : rr_table_cell(c->ct, row, col);
}

/* cell_num - a countries cell as a number (yes/no too when flags). */
static int cell_num(rctx *c, size_t row, size_t col, bool flags, double *x)
{
    const cellov *ov;
    const char *t = cell_text(c, row, col, &ov);
    bool ok = number(t, x);
    if (!ok && flags) {
        if (is_yes(t)) {
            *x = 1;
            ok = true;
        } else if (is_no(t)) {
            *x = 0;
            ok = true;
        }
    }
    if (!ok) {
        const char *what = flags ? "a number or yes/no" : "a number";
        if (ov)
            return failat(c, &ov->at, RR_EPARSE, "expected %s, got '%s'",
                          what, t);
        return fail(c, RR_EPARSE, "%s:%zu: column '%s': expected %s, got '%s'",
                    c->ct->path, c->ct->line[row], c->ct->header[col], what, t);
    }
    if (ov && ov->scaled) {
        *x *= ov->factor;
        if (!isfinite(*x))
            return failat(c, &ov->at, RR_ERANGE,
                          "'%s' scaled by %g is more than %g", t, ov->factor,
                          DBL_MAX);
        *x += 0.0;
    }
    return RR_OK;
}

/* setup_countries - names and shares, with events' cell changes. */
static int setup_countries(rctx *c, rr_config *cfg)
{
    rr_scenario *sc = c->sc;
    /* cell overrides of the active events, in file order */
    size_t ncell = 0;
    for (size_t i = 0; c->active && i < sc->n_changes; i++)
        ncell += c->active[sc->changes[i].event] &&
                 sc->changes[i].kind == RRI_TGT_CELL;
    c->ov = rri_alloc(c->a, (ncell + 1) * sizeof *c->ov);
    if (!c->ov)
        return oom(c);
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active || !c->active[ch->event] || ch->kind != RRI_TGT_CELL)
            continue;
        const rri_setting *cs = &sc->settings[ch->setting];
        cellov *ov = (cellov *)override_of(c, ch->row, ch->col);
        if (!ov) {
            if (rri_map_add(&c->ov_map, cell_hash(ch->row, ch->col),
                            c->nov))
                return oom(c);
            ov = &c->ov[c->nov++];
            ov->row = ch->row;
            ov->col = ch->col;
            ov->factor = 1;
        }
        ov->at = setting_loc(cs);
        if (ch->scale) {
            double f;
            int rc = scale_factor(c, cs, &f);
            if (rc || (rc = times(c, &ov->at, &ov->factor, f)))
                return rc;
            ov->scaled = true;
        } else {
            const char *t;
            int rc = subst(c, cs->pub.value, &ov->at, &t);
            if (rc)
                return rc;
            ov->text = trim(c, t);
            ov->factor = 1;
            ov->scaled = false;
        }
    }
    for (size_t i = 0; i < c->nov; i++) {
        /* a scaled cell must hold a number */
        double x;
        const cellov *ov = &c->ov[i];
        if (ov->scaled && !number(cell_text(c, ov->row, ov->col, &ov), &x))
            return failat(c, &c->ov[i].at, RR_EINVAL,
                          "cannot scale '%s', which is not a number",
                          cell_text(c, ov->row, ov->col, &ov));
    }

    char (*names)[RR_NAME_MAX];
    double *share;
    if (!c->ct) {
        c->nc = 1;
        names = rri_alloc(c->a, sizeof *names);
        share = rri_alloc(c->a, sizeof *share);
        if (!names || !share)
            return oom(c);
        snprintf(names[0], RR_NAME_MAX, "all");
        share[0] = 1;
    } else {
        c->nc = c->ct->n_rows;
        names = rri_alloc(c->a, c->nc * sizeof *names);
        share = rri_alloc(c->a, c->nc * sizeof *share);
        if (!names || !share)
            return oom(c);
        size_t sh = (size_t)rr_table_col(c->ct, "share");
        double sum = 0;
        for (size_t r = 0; r < c->nc; r++) {
            snprintf(names[r], RR_NAME_MAX, "%s",
                     rr_table_cell(c->ct, r, (size_t)c->ccol));
            int rc = cell_num(c, r, sh, false, &share[r]);
            if (rc)
                return rc;
            if (share[r] < 0) {
                const cellov *ov = override_of(c, r, sh);
                if (ov)
                    return failat(c, &ov->at, RR_ERANGE,
                                  "share must be >= 0, got %g", share[r]);
                return fail(c, RR_ERANGE,
                            "%s:%zu: column 'share': expected a number >= 0, "
                            "got '%s'",
                            c->ct->path, c->ct->line[r],
                            rr_table_cell(c->ct, r, sh));
            }
            sum += share[r];
            if (!isfinite(sum))
                return fail(c, RR_ERANGE,
                            "%s:%zu: column 'share': the shares add up to "
                            "more than %g",
                            c->ct->path, c->ct->line[r], DBL_MAX);
        }
        if (!(sum > 0))
            return fail(c, RR_ERANGE,
                        "%s:%zu: column 'share': every share is 0 (at least "
                        "one must be positive)",
                        c->ct->path, c->ct->line[0]);
        for (size_t r = 0; r < c->nc; r++)
            share[r] /= sum;
    }
    c->cname = (const char (*)[RR_NAME_MAX])names;
    cfg->n_countries = c->nc;
    cfg->country = c->cname;
    cfg->country_share = share;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Probability expressions: rest | FACTOR [* FACTOR ...] [when [not] COL]
 * ==================================================================== */

#define MAX_FACTORS 8

typedef struct pexpr {
    bool rest;
    double constant;
    size_t ncols;
    size_t cols[MAX_FACTORS];
    bool when, when_not;
    size_t when_col;
} pexpr;

#define PEXPR_EXPECTED                                                     \
    "expected a probability such as 0.8, a product such as "             \
    "0.8 * country.COLUMN (optionally followed by 'when [not] COLUMN')"

/* find_word - w as a whole word in s, or NULL. */
static const char *find_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w))
        if ((p == s || isspace((unsigned char)p[-1])) &&
            (p[n] == '\0' || isspace((unsigned char)p[n])))
            return p;
    return NULL;
}

static int parse_pexpr(rctx *c, const val *v, bool allow_rest, pexpr *e)
{
    memset(e, 0, sizeof *e);
    e->constant = 1;
    const char *t = v->text;
    if (strcmp(t, "rest") == 0) {
        if (!allow_rest)
            return failat(c, &v->at, RR_EPARSE,
                          "'rest' is only for routes; " PEXPR_EXPECTED);
        if (v->scaled)
            return failat(c, &v->at, RR_EINVAL,
                          "cannot scale 'rest' (it is what the other routes "
                          "leave)");
        e->rest = true;
        return RR_OK;
    }
    const char *w = find_word(t, "when");
    const char *body = w ? rri_strndup(c->a, t, (size_t)(w - t)) : t;
    if (!body)
        return oom(c);
    const char *p = body;
    for (;;) {
        const char *star = strchr(p, '*');
        const char *f = trim(c, star ? rri_strndup(c->a, p, (size_t)(star - p))
                                     : p);
        double x;
        if (strncmp(f, "country.", 8) == 0 && f[8]) {
            if (e->ncols == MAX_FACTORS)
                return failat(c, &v->at, RR_EPARSE,
                              "at most %d country columns in one product",
                              MAX_FACTORS);
            int rc = column(c, f, &v->at, &e->cols[e->ncols]);
            if (rc)
                return rc;
            e->ncols++;
        } else if (number(f, &x)) {
            e->constant *= x;
        } else {
            return failat(c, &v->at, RR_EPARSE, PEXPR_EXPECTED ", got '%s'",
                          t);
        }
        if (!star)
            break;
        p = star + 1;
    }
    if (w) {
        const char *cond = trim(c, w + 4);
        if (strncmp(cond, "not", 3) == 0 && isspace((unsigned char)cond[3])) {
            e->when_not = true;
            cond = trim(c, cond + 3);
        }
        if (!*cond || strchr(cond, ' '))
            return failat(c, &v->at, RR_EPARSE,
                          "expected 'when COLUMN' or 'when not COLUMN', got "
                          "'%s'",
                          t);
        int rc = column(c, cond, &v->at, &e->when_col);
        if (rc)
            return rc;
        e->when = true;
    }
    return RR_OK;
}

/* eval_pexpr - the expression for country k, times factor, in [0,1]. */
static int eval_pexpr(rctx *c, const pexpr *e, const val *v, size_t k,
                      double *p)
{
    double x = e->constant;
    for (size_t i = 0; i < e->ncols; i++) {
        double y;
        int rc = cell_num(c, k, e->cols[i], false, &y);
        if (rc)
            return rc;
        x *= y;
    }
    if (e->when) {
        double y;
        int rc = cell_num(c, k, e->when_col, true, &y);
        if (rc)
            return rc;
        if ((y == 0) != e->when_not)
            x = 0;
    }
    x *= v->factor;
    if (!(x >= 0 && x <= 1)) {
        if (e->ncols || e->when)
            return failat(c, &v->at, RR_ERANGE,
                          "'%s' gives %g for country %s, outside [0,1]%s",
                          v->text, x, c->cname[k], scaled_note(c, v));
        return failat(c, &v->at, RR_ERANGE,
                      "expected a probability in [0,1], got %g%s", x,
                      scaled_note(c, v));
    }
    *p = x + 0.0;
    return RR_OK;
}

/* per_country - a probability expression for every country. */
static int per_country(rctx *c, const val *v, double **out)
{
    pexpr e;
    int rc = parse_pexpr(c, v, false, &e);
    if (rc)
        return rc;
    double *p = rri_alloc(c->a, c->nc * sizeof *p);
    if (!p)
        return oom(c);
    for (size_t k = 0; k < c->nc; k++)
        if ((rc = eval_pexpr(c, &e, v, k, &p[k])))
            return rc;
    *out = p;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Distributions
 * ==================================================================== */

/* emp_loader - empirical(file=..., column=...) from a CSV next to the
 * scenario, read once and shared by every epoch. */
static int emp_loader(void *ctx, const char *file, const char *colname,
                      const char *weight, const rr_empirical **out,
                      char *err, size_t errlen)
{
    rctx *c = ctx;
    rr_scenario *sc = c->sc;
    size_t in;
    bool own;
    int rc = rri_input_table(sc, c->fi, file, &in, &own, err, errlen);
    if (rc) {
        c->table_msg = own;
        return rc;
    }
    for (size_t i = 0; i < sc->n_emps; i++) {
        const rri_emp *e = &sc->emps[i];
        if (e->input == in && strcmp(e->column, colname) == 0 &&
            ((!e->weight && !weight) ||
             (e->weight && weight && strcmp(e->weight, weight) == 0))) {
            *out = e->emp;
            return RR_OK;
        }
    }
    const rr_table *t = sc->inputs[in].table;
    int vc, wc = -1;
    c->table_msg = true;
    if ((rc = rr_table_require(t, colname, &vc, err, errlen)) ||
        (weight && (rc = rr_table_require(t, weight, &wc, err, errlen))))
        return rc;
    double *v = malloc((t->n_rows + 1) * sizeof *v);
    double *w = malloc((t->n_rows + 1) * sizeof *w);
    rc = v && w ? RR_OK : RR_ENOMEM;
    if (rc)
        snprintf(err, errlen, "out of memory");
    for (size_t r = 0; r < t->n_rows && rc == RR_OK; r++) {
        rc = rr_table_number(t, r, (size_t)vc, &v[r], err, errlen);
        if (rc == RR_OK && v[r] < 0) {
            snprintf(err, errlen,
                     "%s:%zu: column '%s': expected a duration in days >= 0, "
                     "got '%s'",
                     t->path, t->line[r], colname,
                     rr_table_cell(t, r, (size_t)vc));
            rc = RR_ERANGE;
        }
        if (rc == RR_OK && wc >= 0) {
            rc = rr_table_number(t, r, (size_t)wc, &w[r], err, errlen);
            if (rc == RR_OK && w[r] < 0) {
                snprintf(err, errlen,
                         "%s:%zu: column '%s': expected a weight >= 0, got "
                         "'%s'",
                         t->path, t->line[r], weight,
                         rr_table_cell(t, r, (size_t)wc));
                rc = RR_ERANGE;
            }
        }
    }
    rr_empirical *emp = NULL;
    if (rc == RR_OK) {
        emp = rr_empirical_create(v, wc >= 0 ? w : NULL, t->n_rows);
        double ws = 0;
        for (size_t r = 0; wc >= 0 && r < t->n_rows; r++)
            ws += w[r];
        if (!emp && t->n_rows > 0 && (wc < 0 || (isfinite(ws) && ws > 0))) {
            snprintf(err, errlen,
                     "%s: column '%s': values too large to average (more "
                     "than %g days in all)",
                     t->path, colname, DBL_MAX);
            rc = RR_ERANGE;
        } else if (!emp) {
            snprintf(err, errlen,
                     "%s: column '%s': no usable values (at least one row "
                     "with a positive weight is needed, and the weights "
                     "must add up to at most %g)",
                     t->path, colname, DBL_MAX);
            rc = RR_EINVAL;
        }
    }
    free(v);
    free(w);
    if (rc)
        return rc;
    if (rri_grow((void **)&sc->emps, &sc->cap_emps, sc->n_emps + 1,
                 sizeof *sc->emps)) {
        rr_empirical_destroy(emp);
        snprintf(err, errlen, "out of memory");
        return RR_ENOMEM;
    }
    rri_emp *e = &sc->emps[sc->n_emps++];
    e->input = in;
    e->emp = emp;
    e->column = rri_strdup(&sc->arena, colname);
    e->weight = weight ? rri_strdup(&sc->arena, weight) : NULL;
    c->table_msg = false;
    *out = emp;
    return RR_OK;
}

/* dist_text - parse a distribution; messages at `at` unless the loader
 * wrote a table's own. */
static int dist_text(rctx *c, const char *text, const loc *at, rr_dist *d)
{
    char msg[1024];
    c->table_msg = false;
    c->fi = at->fi;
    int rc = rr_dist_parse(text, d, emp_loader, c, msg, sizeof msg);
    if (rc == RR_OK)
        return RR_OK;
    if (c->table_msg)
        return fail(c, rc, "%s", msg);
    return failat(c, at, rc, "%s", msg);
}

/* scaled_ok - the n distributions d, times the events' factor, keep a
 * finite mean and spread (exponential(1e300d) scaled by 1e10 does not). */
static int scaled_ok(rctx *c, const val *v, const rr_dist *d, size_t n,
                     double scale)
{
    for (size_t k = 0; k < n; k++) {
        double m = rr_dist_mean(&d[k]) * scale, sd = rr_dist_sd(&d[k]) * scale;
        if (!isfinite(m) || !isfinite(sd))
            return failat(c, &v->at, RR_ERANGE,
                          "'%s' scaled by %g is out of range (its mean or "
                          "spread is more than %g days)",
                          v->text, scale, DBL_MAX);
    }
    return RR_OK;
}

static int get_dist(rctx *c, const char *sec, const char *key,
                    const char *def, rr_dist *d, bool *has, double *scale,
                    loc *where)
{
    val v;
    int rc = get(c, sec, key, def, &v);
    if (rc)
        return rc;
    if (where)
        *where = v.at;
    if (scale)
        *scale = v.factor;
    if (has)
        *has = v.text != NULL;
    if (!v.text)
        return RR_OK;
    if (strncmp(v.text, "country.", 8) == 0)
        return failat(c, &v.at, RR_EINVAL,
                      "a distribution per country is only possible for "
                      "stage service");
    int rc2 = dist_text(c, v.text, &v.at, d);
    return rc2 ? rc2 : scaled_ok(c, &v, d, 1, v.factor);
}

/* }=================================================================== */

/* {===================================================================
 * Stages
 * ==================================================================== */

/* route_names - the route keys of stage si in this epoch: written ones in
 * file order, then those only active events set (each once). */
static const char **route_names(rctx *c, size_t si, const char *sec,
                                size_t *n)
{
    rr_scenario *sc = c->sc;
    size_t nw;
    const size_t *own = rri_section_settings(sc, sec, &nw);
    size_t nch = 0;
    if (c->active)
        for (size_t i = sc->res->route_head[si]; i != SIZE_MAX;
             i = sc->res->route_next[i])
            nch++;
    const char **names = rri_alloc(c->a, (nw + nch + 1) * sizeof *names);
    if (!names)
        return NULL;
    *n = 0;
    for (size_t k = 0; k < nw; k++) {
        const rri_setting *st = &sc->settings[own[k]];
        if (st->def && st->def->type == RRI_T_ROUTE)
            names[(*n)++] = st->name;
    }
    if (!c->active)
        return names;
    size_t len = strlen(sec), first = *n;
    rri_map added = {0};
    for (size_t i = sc->res->route_head[si]; i != SIZE_MAX;
         i = sc->res->route_next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
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

static int resolve_routes(rctx *c, size_t si, rr_cfg_stage *st)
{
    const char *sec = c->sc->sections[c->sc->stages[si]].name;
    size_t n;
    const char **names = route_names(c, si, sec, &n);
    if (!names)
        return oom(c);
    loc sloc = section_loc(c, sec, "route.*");
    sloc.dotted = rri_printf(c->a, "%s.route.*", sec);
    if (n == 0)
        return failat(c, &sloc, RR_EINVAL,
                      "no routes (add at least one 'route.TARGET = ...', "
                      "TARGET a stage or departed, unsupervised, closed)");
    uint32_t *target = rri_alloc(c->a, n * sizeof *target);
    double *p = rri_alloc(c->a, c->nc * n * sizeof *p);
    stage_routes *sr = &c->routes[si];
    sr->at = rri_alloc(c->a, n * sizeof *sr->at);
    sr->used = rri_alloc(c->a, n * sizeof *sr->used);
    if (!target || !p || !sr->at || !sr->used)
        return oom(c);
    sr->n = n;
    sr->target = target;
    long rest = -1;
    loc first = {0};
    for (size_t j = 0; j < n; j++) {
        val v;
        int rc = get(c, sec, names[j], NULL, &v);
        if (rc)
            return rc;
        if (j == 0) {
            first = v.at;
            first.key = "route.*";
            first.dotted = sloc.dotted;
        }
        sr->at[j] = v.at;
        val tv = v;
        tv.text = names[j] + 6;
        if ((rc = target_of(c, &tv, &target[j])))
            return rc;
        pexpr e;
        if ((rc = parse_pexpr(c, &v, true, &e)))
            return rc;
        if (e.rest) {
            if (rest >= 0)
                return failat(c, &v.at, RR_EINVAL,
                              "a second 'rest' (%s already takes the rest)",
                              names[rest]);
            rest = (long)j;
            continue;
        }
        for (size_t k = 0; k < c->nc; k++)
            if ((rc = eval_pexpr(c, &e, &v, k, &p[k * n + j])))
                return rc;
    }
    bool one = c->nc == 1 && !c->ct;
    for (size_t k = 0; k < c->nc; k++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++)
            if ((long)j != rest)
                sum += p[k * n + j];
        const char *who =
            one ? "" : rri_printf(c->a, " for country %s", c->cname[k]);
        if (rest < 0 && fabs(sum - 1) > PROB_TOL)
            return failat(c, &first, RR_EINVAL,
                          "probabilities sum to %.6g%s, not 1 (add "
                          "'route.X = rest' or fix them)",
                          sum, who ? who : "");
        if (rest >= 0 && sum > 1 + PROB_TOL)
            return failat(c, &first, RR_EINVAL,
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
static int one_way(rctx *c, uint32_t target, rr_route_table *t)
{
    uint32_t *tg = rri_alloc(c->a, sizeof *tg);
    double *p = rri_alloc(c->a, c->nc * sizeof *p);
    if (!tg || !p)
        return oom(c);
    *tg = target;
    for (size_t k = 0; k < c->nc; k++)
        p[k] = 1;
    t->n = 1;
    t->target = tg;
    t->p = p;
    return RR_OK;
}

static int resolve_service(rctx *c, const char *sec, rr_cfg_stage *st)
{
    val v;
    int rc = get(c, sec, "service", NULL, &v);
    if (rc)
        return rc;
    st->service_scale = v.factor;
    if (!v.text)
        return failat(c, &v.at, RR_EINVAL, "missing (required)");
    if (strncmp(v.text, "country.", 8) != 0)
        return (rc = dist_text(c, v.text, &v.at, &st->service))
                   ? rc
                   : scaled_ok(c, &v, &st->service, 1, v.factor);
    size_t col;
    if ((rc = column(c, v.text, &v.at, &col)))
        return rc;
    rr_dist *by = rri_alloc(c->a, c->nc * sizeof *by);
    if (!by)
        return oom(c);
    for (size_t k = 0; k < c->nc; k++) {
        const cellov *ov;
        const char *t = cell_text(c, k, col, &ov);
        char msg[1024];
        c->table_msg = false;
        /* a cell's paths are read from the folder of the file that
         * named the table (or changed the cell) */
        c->fi = ov ? ov->at.fi : c->ct_fi;
        if (strchr(t, '('))
            rc = rr_dist_parse(t, &by[k], emp_loader, c, msg, sizeof msg);
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
                return fail(c, rc, "%s", msg);
            if (ov)
                return failat(c, &ov->at, rc, "%s", msg);
            return fail(c, rc, "%s:%zu: column '%s': %s", c->ct->path,
                        c->ct->line[k], c->ct->header[col], msg);
        }
    }
    st->service = by[0];
    st->service_by_country = by;
    return scaled_ok(c, &v, by, c->nc, v.factor);
}

static int resolve_stage(rctx *c, size_t si, rr_cfg_stage *st)
{
    rr_scenario *sc = c->sc;
    const rri_section *s = &sc->sections[sc->stages[si]];
    const char *sec = s->name;
    snprintf(st->name, RR_NAME_MAX, "%s", s->sub);
    st->line = s->line;
    val v;
    int rc;

    /* servers */
    if ((rc = get(c, sec, "servers", "unlimited", &v)))
        return rc;
    unsigned long long n;
    bool neg;
    if (strcmp(v.text, "unlimited") == 0)
        st->servers = RR_UNLIMITED;
    else if (whole(v.text, -1000000, INT_MAX, &n, &neg) && !neg) {
        double x = (double)n * v.factor;
        if (x > INT_MAX)
            return failat(c, &v.at, RR_ERANGE, "too many servers: %g", x);
        st->servers = (int)lround(x);
    } else
        return failat(c, &v.at, RR_EPARSE,
                      "expected a whole number >= 0 or 'unlimited', got '%s'",
                      v.text);

    if ((rc = resolve_service(c, sec, st)))
        return rc;

    static const char *const disc[] = {"fifo", "priority"};
    char msg[512];
    if ((rc = get(c, sec, "discipline", "fifo", &v)))
        return rc;
    int i = choice(v.text, disc, 2, msg, sizeof msg);
    if (i < 0)
        return failat(c, &v.at, RR_EPARSE, "%s", msg);
    st->discipline = i == 0 ? RR_FIFO : RR_PRIORITY;

    if ((rc = get(c, sec, "channel", NULL, &v)))
        return rc;
    st->channel = RR_CH_NONE;
    if (v.text && (rc = channel_of(c, &v.at, v.text, &st->channel)))
        return rc;

    static const char *const yesno[] = {"yes", "no"};
    if ((rc = get(c, sec, "detention", "no", &v)))
        return rc;
    if (is_yes(v.text))
        st->detention = true;
    else if (!is_no(v.text)) {
        choice(v.text, yesno, 2, msg, sizeof msg);
        return failat(c, &v.at, RR_EPARSE, "%s", msg);
    }

    if ((rc = get_dist(c, sec, "abscond", NULL, &st->abscond,
                       &st->has_abscond, &st->abscond_scale,
                       &c->routes[si].abscond_at)))
        return rc;
    static const char *const scope[] = {"stay", "queue"};
    if ((rc = get(c, sec, "abscond_during", "stay", &v)))
        return rc;
    i = choice(v.text, scope, 2, msg, sizeof msg);
    if (i < 0)
        return failat(c, &v.at, RR_EPARSE, "%s", msg);
    st->abscond_during = i == 0 ? RR_PATIENCE_STAY : RR_PATIENCE_QUEUE;
    uint32_t t;
    if ((rc = get(c, sec, "abscond_to", "unsupervised", &v)) ||
        (rc = target_of(c, &v, &t)) ||
        (rc = one_way(c, t, &st->route[RR_OUT_ABANDON])))
        return rc;

    st->max_stay = INFINITY;
    val ms;
    if ((rc = get(c, sec, "max_stay", NULL, &ms)))
        return rc;
    c->routes[si].timeout_at = ms.at;
    if ((rc = get(c, sec, "release_to", NULL, &v)))
        return rc;
    if (ms.text) {
        if ((rc = get_duration(c, &ms, &st->max_stay)))
            return rc;
        if (!(st->max_stay > 0))
            return failat(c, &ms.at, RR_ERANGE,
                          "max_stay must be more than 0 days, got '%s'%s",
                          ms.text, scaled_note(c, &ms));
        if (!v.text)
            return failat(c, &ms.at, RR_EINVAL,
                          "needs 'release_to = TARGET' (the stage or exit "
                          "cases go to when the maximum stay is reached)");
    }
    if (v.text) {
        if ((rc = target_of(c, &v, &t)))
            return rc;
        if (ms.text && (rc = one_way(c, t, &st->route[RR_OUT_TIMEOUT])))
            return rc;
    }
    return resolve_routes(c, si, st);
}

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
static bool service_near(const rctx *c, const rr_cfg_stage *st, size_t k)
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
static bool edge(const rctx *c, const rr_cfg_stage *st, size_t u, size_t e,
                 size_t k, const bool *svc_near, uint32_t *to,
                 const loc **at, bool *remig)
{
    const stage_routes *sr = &c->routes[u];
    const rr_route_table *rt;
    uint32_t t;
    if (e < sr->n) {
        rt = &st[u].route[RR_OUT_DONE];
        if (!svc_near[u] || (k == SIZE_MAX ? !sr->used[e]
                                           : !(rt->p[k * rt->n + e] > 0)))
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
static int find_cycle(rctx *c, const rr_cfg_stage *st, size_t ns, size_t k,
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
            const loc *at;
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
                const loc *blame = NULL;
                bool back = remig;
                for (size_t i = from; i <= depth; i++) {
                    size_t a = stack[i], b = i < depth ? stack[i + 1] : v;
                    bool hit = false;
                    for (size_t q = 0; q < c->routes[a].n + 2 && !hit; q++) {
                        uint32_t w;
                        const loc *l;
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
                        : rri_printf(c->a, " for country %s", c->cname[k]);
                return failat(c, blame ? blame : at, RR_EINVAL,
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
static int near_zero_cycle(rctx *c, const rr_config *cfg)
{
    const rr_cfg_stage *st = cfg->stages;
    size_t ns = cfg->n_stages;
    int *color = rri_alloc(c->a, (ns + 1) * sizeof *color);
    size_t *stack = rri_alloc(c->a, (ns + 1) * sizeof *stack);
    size_t *next = rri_alloc(c->a, (ns + 1) * sizeof *next);
    bool *svc = rri_alloc(c->a, (ns + 1) * sizeof *svc);
    if (!color || !stack || !next || !svc)
        return oom(c);
    c->remig_near = cfg->remigration_share > 0 &&
                    near_zero(rr_dist_mean(&cfg->support) +
                                  rr_dist_mean(&cfg->remigration_delay),
                              1);
    c->remig_stage = cfg->remigration_stage;
    bool any = false, by_country = c->nc > 1, found;
    for (size_t u = 0; u < ns; u++) {
        svc[u] = service_near(c, &st[u], SIZE_MAX);
        any = any || svc[u] || st[u].has_abscond ||
              st[u].route[RR_OUT_TIMEOUT].n;
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
 * One configuration
 * ==================================================================== */

/* resolve_channels - "iom, ngo" as bits. */
static int resolve_channels(rctx *c, const val *v, unsigned *bits)
{
    *bits = 0;
    const char *p = v->text;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *w = trim(c, comma ? rri_strndup(c->a, p,
                                                    (size_t)(comma - p))
                                      : p);
        rr_channel ch = RR_CH_NONE;
        if (!*w)
            return failat(c, &v->at, RR_EPARSE,
                          "expected a list of channels such as 'iom, ngo', "
                          "got '%s'",
                          v->text);
        int rc = channel_of(c, &v->at, w, &ch);
        if (rc)
            return rc;
        *bits |= 1u << ch;
        if (!comma)
            return RR_OK;
        p = comma + 1;
    }
}

static int resolve_provider(rctx *c, const rri_section *s,
                            rr_cfg_provider *pv)
{
    const char *sec = s->name;
    snprintf(pv->name, RR_NAME_MAX, "%s", s->sub);
    val v;
    int rc;
    if ((rc = get(c, sec, "channels", NULL, &v)) ||
        (rc = resolve_channels(c, &v, &pv->channels)))
        return rc;
    long d = 0;
    pv->from = -INFINITY;
    pv->until = INFINITY;
    if ((rc = get(c, sec, "from", NULL, &v)))
        return rc;
    if (v.text) {
        if ((rc = date_val(c, &v, &d)))
            return rc;
        pv->from = (double)(d - c->day0);
    }
    if ((rc = get(c, sec, "until", NULL, &v)))
        return rc;
    if (v.text) {
        if ((rc = date_val(c, &v, &d)))
            return rc;
        pv->until = (double)(d - c->day0 + 1);
        if (pv->until <= pv->from)
            return failat(c, &v.at, RR_ERANGE,
                          "until %s is before from", v.text);
    }
    double *cov = rri_alloc(c->a, c->nc * sizeof *cov);
    if (!cov)
        return oom(c);
    if ((rc = get(c, sec, "coverage", "all", &v)))
        return rc;
    if (strcmp(v.text, "all") == 0) {
        for (size_t k = 0; k < c->nc; k++)
            cov[k] = 1;
    } else if (strncmp(v.text, "country.", 8) == 0) {
        size_t col;
        if ((rc = column(c, v.text, &v.at, &col)))
            return rc;
        for (size_t k = 0; k < c->nc; k++) {
            double x;
            if ((rc = cell_num(c, k, col, true, &x)))
                return rc;
            cov[k] = x != 0;
        }
    } else {
        return failat(c, &v.at, RR_EPARSE,
                      "expected 'all' or country.COLUMN, got '%s'", v.text);
    }
    pv->covered = cov;
    return RR_OK;
}

/* resolve_config - the whole configuration for one set of active events;
 * base holds the [scenario] part, resolved once. */
static int resolve_config(rctx *c, const rr_config *base, rr_config *cfg)
{
    rr_scenario *sc = c->sc;
    int rc;
    *cfg = *base;
    /* parameters first, in file order: cycles and undefined names are
     * errors even when nothing uses them */
    for (size_t p = 0; p < sc->n_params; p++) {
        const char *t;
        if ((rc = param_value(c, p, &t)))
            return rc;
    }
    if ((rc = setup_countries(c, cfg)))
        return rc;

    size_t ns = sc->n_stages;
    rr_cfg_stage *st = rri_alloc(c->a, ns * sizeof *st);
    c->routes = rri_alloc(c->a, ns * sizeof *c->routes);
    if (!st || !c->routes)
        return oom(c);
    for (size_t i = 0; i < ns; i++)
        if ((rc = resolve_stage(c, i, &st[i])))
            return rc;
    cfg->n_stages = ns;
    cfg->stages = st;

    /* [arrivals] */
    val v;
    if ((rc = get(c, "arrivals", "rate", NULL, &v)))
        return rc;
    if (!v.text)
        return failat(c, &v.at, RR_EINVAL, "missing (required)");
    char msg[512];
    if ((rc = rr_rate_parse(v.text, &cfg->rate, msg, sizeof msg)))
        return failat(c, &v.at, rc, "%s", msg);
    if (!isfinite(cfg->rate * v.factor))
        return failat(c, &v.at, RR_ERANGE,
                      "rate '%s' scaled by %g is more than %g a day",
                      v.text, v.factor, DBL_MAX);
    cfg->rate = cfg->rate * v.factor + 0.0;
    if ((rc = get(c, "arrivals", "stage", st[0].name, &v)) ||
        (rc = stage_of(c, &v, &cfg->entry_stage)) ||
        (rc = get_prob(c, "arrivals", "vulnerable_share", "0",
                       &cfg->vulnerable_share)))
        return rc;

    /* [reintegration] */
    double *sus = NULL;
    bool has;
    if ((rc = get_dist(c, "reintegration", "support", "deterministic(12m)",
                       &cfg->support, &has, NULL, NULL)) ||
        (rc = get(c, "reintegration", "sustainable", "1", &v)) ||
        (rc = per_country(c, &v, &sus)) ||
        (rc = get_prob(c, "reintegration", "sustainable_unsupported", "0.5",
                       &cfg->sustainable_unsupported)) ||
        (rc = get_prob(c, "reintegration", "remigration_share", "0",
                       &cfg->remigration_share)) ||
        (rc = get_dist(c, "reintegration", "remigration_delay",
                       "exponential(mean=1y)", &cfg->remigration_delay, &has,
                       NULL, NULL)) ||
        (rc = get(c, "reintegration", "remigration_stage",
                  st[cfg->entry_stage].name, &v)) ||
        (rc = stage_of(c, &v, &cfg->remigration_stage)))
        return rc;
    cfg->sustainable = sus;

    /* [provider.*] */
    size_t np = 0;
    for (size_t i = 0; i < sc->n_sections; i++)
        np += sc->sections[i].kind == RRI_SEC_PROVIDER;
    rr_cfg_provider *pv = rri_alloc(c->a, (np + 1) * sizeof *pv);
    if (!pv)
        return oom(c);
    np = 0;
    for (size_t i = 0; i < sc->n_sections; i++)
        if (sc->sections[i].kind == RRI_SEC_PROVIDER &&
            (rc = resolve_provider(c, &sc->sections[i], &pv[np++])))
            return rc;
    cfg->n_providers = np;
    cfg->providers = pv;

    return near_zero_cycle(c, cfg);
}

/* }=================================================================== */

/* {===================================================================
 * [scenario], schedule and starting caseload: the same in every epoch
 * ==================================================================== */

static int resolve_scenario(rctx *c, rr_config *cfg)
{
    val v;
    int rc;
    if ((rc = get(c, "scenario", "name", NULL, &v)))
        return rc;
    bool ok = *v.text && strlen(v.text) < RR_NAME_MAX;
    for (const char *p = v.text; *p; p++)
        ok = ok && (isalnum((unsigned char)*p) || *p == '_' || *p == '-');
    if (!ok)
        return failat(c, &v.at, RR_EPARSE,
                      "expected a name of letters, digits, _ and - (at most "
                      "%d), got '%s'",
                      RR_NAME_MAX - 1, v.text);
    snprintf(cfg->name, sizeof cfg->name, "%s", v.text);
    if ((rc = get(c, "scenario", "title", cfg->name, &v)))
        return rc;
    if (strlen(v.text) >= RR_TEXT_MAX)
        return failat(c, &v.at, RR_ERANGE, "longer than %d characters",
                      RR_TEXT_MAX - 1);
    snprintf(cfg->title, sizeof cfg->title, "%s", v.text);
    if ((rc = get(c, "scenario", "source", "", &v)))
        return rc;
    if (strlen(v.text) >= RR_TEXT_MAX)
        return failat(c, &v.at, RR_ERANGE, "longer than %d characters",
                      RR_TEXT_MAX - 1);
    snprintf(cfg->source, sizeof cfg->source, "%s", v.text);

    val ve;
    if ((rc = get(c, "scenario", "start", NULL, &v)) ||
        (rc = date_val(c, &v, &c->day0)) ||
        (rc = get(c, "scenario", "end", NULL, &ve)) ||
        (rc = date_val(c, &ve, &c->day_end)))
        return rc;
    if (c->day_end < c->day0)
        return failat(c, &ve.at, RR_ERANGE, "%s is before start %s", ve.text,
                      v.text);
    cfg->start = rr_date_from_days(c->day0);
    cfg->end = rr_date_from_days(c->day_end);
    cfg->horizon = (double)(c->day_end - c->day0 + 1);

    static const char *const periods[] = {"day", "week", "month", "quarter",
                                          "year"};
    char msg[512];
    if ((rc = get(c, "scenario", "report", "month", &v)))
        return rc;
    int i = choice(v.text, periods, RR_COUNTOF(periods), msg, sizeof msg);
    if (i < 0)
        return failat(c, &v.at, RR_EPARSE, "%s", msg);
    cfg->report = (rr_report_period)i;

    if ((rc = get(c, "scenario", "warmup", "0", &v)) ||
        (rc = get_duration(c, &v, &cfg->warmup)))
        return rc;
    if (cfg->warmup >= cfg->horizon)
        return failat(c, &v.at, RR_ERANGE,
                      "%s (%g days) is not shorter than the run (%g days)",
                      v.text, cfg->warmup, cfg->horizon);

    unsigned long long n;
    bool neg;
    if ((rc = get(c, "scenario", "seed", "1", &v)))
        return rc;
    if (!whole(v.text, -1, ULLONG_MAX, &n, &neg) || neg)
        return failat(c, &v.at, RR_EPARSE,
                      "expected a whole number >= 0, got '%s'", v.text);
    cfg->seed = (uint64_t)n;
    if ((rc = get(c, "scenario", "replications", "10", &v)))
        return rc;
    if (!whole(v.text, -1, INT_MAX, &n, &neg) || neg || n < 1)
        return failat(c, &v.at, RR_EPARSE,
                      "expected a whole number >= 1, got '%s'", v.text);
    cfg->replications = (int)n;
    return RR_OK;
}

/* resolve_schedule - from/factor rows; factor 1 before the first. */
static int resolve_schedule(rctx *c, rr_config *cfg)
{
    rr_scenario *sc = c->sc;
    if (sc->schedule_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->schedule_input].table;
    size_t fc = (size_t)rr_table_col(t, "from");
    size_t kc = (size_t)rr_table_col(t, "factor");
    double *ts = rri_alloc(c->a, (t->n_rows + 1) * sizeof *ts);
    double *fs = rri_alloc(c->a, (t->n_rows + 1) * sizeof *fs);
    if (!ts || !fs)
        return oom(c);
    size_t n = 0;
    long prev = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *ds = rr_table_cell(t, r, fc);
        rr_date d;
        if (rr_date_parse(ds, &d))
            return fail(c, RR_EPARSE,
                        "%s:%zu: column 'from': expected a date as "
                        "YYYY-MM-DD, got '%s'",
                        t->path, t->line[r], ds);
        long days = rr_date_days(d);
        if (days < c->day0 || days > c->day_end)
            return fail(c, RR_ERANGE, "%s:%zu: column 'from': %s", t->path,
                        t->line[r], outside_run(c, days));
        if (r > 0 && days <= prev) {
            char a[16];
            fmt_date(prev, a, sizeof a);
            return fail(c, RR_EINVAL,
                        "%s:%zu: column 'from': %s does not come after %s "
                        "(dates must increase)",
                        t->path, t->line[r], ds, a);
        }
        prev = days;
        double f;
        char msg[512];
        int rc = rr_table_number(t, r, kc, &f, msg, sizeof msg);
        if (rc)
            return fail(c, rc, "%s", msg);
        if (f < 0)
            return fail(c, RR_ERANGE,
                        "%s:%zu: column 'factor': expected a number >= 0, "
                        "got '%s'",
                        t->path, t->line[r], rr_table_cell(t, r, kc));
        if (r == 0 && days > c->day0) {
            ts[n] = 0;
            fs[n++] = 1;
        }
        ts[n] = (double)(days - c->day0);
        fs[n++] = f;
    }
    cfg->n_schedule = n;
    cfg->schedule_t = ts;
    cfg->schedule_factor = fs;
    return RR_OK;
}

static int resolve_initial(rctx *c, rr_config *cfg)
{
    rr_scenario *sc = c->sc;
    if (sc->caseload_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->caseload_input].table;
    size_t sc_ = (size_t)rr_table_col(t, "stage");
    size_t cc = (size_t)rr_table_col(t, "country");
    size_t nc = (size_t)rr_table_col(t, "count");
    size_t ec = (size_t)rr_table_col(t, "elapsed");
    int chc = rr_table_col(t, "channel");
    rr_cfg_initial *in = rri_alloc(c->a, (t->n_rows + 1) * sizeof *in);
    const char **w = rri_alloc(c->a, (sc->n_stages + cfg->n_countries + 1) *
                                         sizeof *w);
    if (!in || !w)
        return oom(c);
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *s = rr_table_cell(t, r, sc_);
        long si = rri_stage_index(sc, s);
        if (si < 0) {
            for (size_t j = 0; j < sc->n_stages; j++)
                w[j] = sc->sections[sc->stages[j]].sub;
            const char *g = rri_suggest(s, w, sc->n_stages);
            return fail(c, RR_ENOTFOUND,
                        "%s:%zu: column 'stage': no stage named '%s'%s%s%s",
                        t->path, t->line[r], s, g ? " (did you mean '" : "",
                        g ? g : "", g ? "'?)" : "");
        }
        const char *code = rr_table_cell(t, r, cc);
        long ki = c->ct ? rri_country_row(sc, code, strlen(code))
                  : strcmp(code, "all") == 0 ? 0
                                             : -1;
        if (ki < 0) {
            if (!c->ct)
                return fail(c, RR_ENOTFOUND,
                            "%s:%zu: column 'country': no country '%s' (the "
                            "scenario has no [countries] file, so its one "
                            "country is 'all')",
                            t->path, t->line[r], code);
            for (size_t k = 0; k < cfg->n_countries; k++)
                w[k] = cfg->country[k];
            const char *g = rri_suggest(code, w, cfg->n_countries);
            return fail(c, RR_ENOTFOUND,
                        "%s:%zu: column 'country': no country '%s' in %s%s%s%s",
                        t->path, t->line[r], code, c->ct->path,
                        g ? " (did you mean '" : "", g ? g : "",
                        g ? "'?)" : "");
        }
        unsigned long long count;
        bool neg;
        const char *cs = rr_table_cell(t, r, nc);
        if (!whole(cs, -1, UINT32_MAX, &count, &neg) || neg)
            return fail(c, RR_EPARSE,
                        "%s:%zu: column 'count': expected a whole number >= "
                        "0, got '%s'",
                        t->path, t->line[r], cs);
        double el;
        char msg[512];
        int rc = rr_duration_parse(rr_table_cell(t, r, ec), &el, msg,
                                   sizeof msg);
        if (rc)
            return fail(c, rc, "%s:%zu: column 'elapsed': %s", t->path,
                        t->line[r], msg);
        rr_channel ch = cfg->stages[si].channel;
        if (chc >= 0 && *rr_table_cell(t, r, (size_t)chc)) {
            const char *chs = rr_table_cell(t, r, (size_t)chc);
            char m[512];
            int k = choice(chs, channel_words, RR_COUNTOF(channel_words), m,
                           sizeof m);
            if (k < 0)
                return fail(c, RR_EPARSE, "%s:%zu: column 'channel': %s",
                            t->path, t->line[r], m);
            ch = (rr_channel)(RR_CH_RDS + k);
        }
        if (count == 0)
            continue;
        in[n].stage = (uint32_t)si;
        in[n].country = (uint32_t)ki;
        in[n].count = (uint32_t)count;
        in[n].elapsed = el;
        in[n].channel = (uint8_t)ch;
        n++;
    }
    cfg->n_initial = n;
    cfg->initial = in;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Epochs
 * ==================================================================== */

static int ctx_init(rctx *c, rr_scenario *sc, const unsigned char *active,
                    char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->sc = sc;
    c->a = &sc->arena;
    c->err = err;
    c->errlen = errlen;
    c->active = active;
    c->while_events = "";
    size_t np = sc->n_params + 1;
    c->ptext = rri_alloc(c->a, np * sizeof *c->ptext);
    c->pstate = rri_alloc(c->a, np * sizeof *c->pstate);
    c->plevel = rri_alloc(c->a, np * sizeof *c->plevel);
    c->pdeep = rri_alloc(c->a, np * sizeof *c->pdeep);
    c->stack = rri_alloc(c->a, (RRI_MAX_NESTING + 2) * sizeof *c->stack);
    if (!c->ptext || !c->pstate || !c->plevel || !c->pdeep || !c->stack)
        return oom(c);
    if (active && !res_get(sc))
        return oom(c);
    if (sc->countries_input >= 0) {
        long s = rri_setting_find(sc, "countries", "file");
        c->ct = sc->inputs[sc->countries_input].table;
        c->ccol = rr_table_col(c->ct, "country");
        c->ct_fi = s >= 0 ? sc->settings[s].file : 0;
    }
    if (active) {
        sbuf b = {NULL, 0, 0, false};
        size_t k = 0;
        for (size_t e = 0; e < sc->n_events; e++) {
            if (!active[e])
                continue;
            const char *name = sc->sections[sc->events[e]].sub;
            sb_add(&b, k ? ", " : "", k ? 2 : 0);
            sb_add(&b, name, strlen(name));
            k++;
        }
        if (k) {
            c->while_events =
                rri_printf(c->a, " (while event%s %s %s active)",
                           k > 1 ? "s" : "", b.p ? b.p : "",
                           k > 1 ? "are" : "is");
            if (!c->while_events)
                c->while_events = "";
        }
        free(b.p);
        if (b.oom)
            return oom(c);
    }
    return RR_OK;
}

/* ctx_fini - what a context holds outside the arena. */
static void ctx_fini(rctx *c)
{
    rri_map_fini(&c->ov_map);
}

/* rri_resolved_setting - through one context kept with the scenario, so
 * that a listing of n settings resolves each parameter once, not n times
 * (the context holds nothing outside the arena: it never sees cells). */
const char *rri_resolved_setting(rr_scenario *sc, size_t i, char *err,
                                 size_t errlen)
{
    rctx *c = sc->res0;
    if (!c) {
        c = rri_alloc(&sc->arena, sizeof *c);
        if (!c || ctx_init(c, sc, NULL, err, errlen)) {
            if (!c && err && errlen)
                snprintf(err, errlen, "out of memory");
            return NULL;
        }
        sc->res0 = c;
    }
    c->err = err;
    c->errlen = errlen;
    loc at = setting_loc(&sc->settings[i]);
    const char *out;
    return subst(c, sc->settings[i].pub.value, &at, &out) == RR_OK ? out
                                                                   : NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* check_schedule_rate - the arrival rate times every factor of the
 * schedule (first holds it) stays finite. */
static int check_schedule_rate(rctx *c, const rr_config *cfg,
                               const rr_config *first)
{
    const rr_scenario *sc = c->sc;
    if (sc->schedule_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->schedule_input].table;
    size_t k = (size_t)rr_table_col(t, "factor");
    /* rows map to entries in order, after a leading factor 1 when the
     * first row starts after the start */
    size_t lead = first->n_schedule - t->n_rows;
    for (size_t i = lead; i < first->n_schedule; i++) {
        if (isfinite(cfg->rate * first->schedule_factor[i]))
            continue;
        size_t r = i - lead;
        return fail(c, RR_ERANGE,
                    "%s:%zu: column 'factor': %s times the arrival rate "
                    "(%g a day%s) is more than %g",
                    t->path, t->line[r], rr_table_cell(t, r, k), cfg->rate,
                    c->while_events, DBL_MAX);
    }
    return RR_OK;
}

/* set_hash - the hash of a set of active events. */
static uint64_t set_hash(const unsigned char *set, size_t n)
{
    return rri_hash(RRI_HASH0, (const char *)set, n);
}

int rri_plan(rr_scenario *sc, char *err, size_t errlen)
{
    rctx c;
    int rc = ctx_init(&c, sc, NULL, err, errlen);
    if (rc)
        return rc;
    struct rri_res *res = res_get(sc);
    if (!res)
        return oom(&c);
    rr_config base;
    memset(&base, 0, sizeof base);
    if ((rc = resolve_scenario(&c, &base)))
        return rc;
    long day0 = c.day0, day_end = c.day_end;

    /* events: their dates, in file order; a disabled one is checked like
     * the others but is never active */
    size_t ne = sc->n_events;
    rr_event_info *ev = rri_alloc(c.a, (ne + 1) * sizeof *ev);
    rr_event_info *pev = rri_alloc(c.a, (ne + 1) * sizeof *pev);
    bool *on = rri_alloc(c.a, (ne + 1) * sizeof *on);
    double *times = rri_alloc(c.a, (2 * ne + 1) * sizeof *times);
    if (!ev || !pev || !on || !times)
        return oom(&c);
    size_t nt = 0, n_on = 0;
    times[nt++] = 0;
    for (size_t e = 0; e < ne; e++) {
        const rri_section *s = &sc->sections[sc->events[e]];
        val v;
        long from = 0, until = 0;
        if ((rc = get(&c, s->name, "enabled", "yes", &v)))
            return rc;
        if (is_yes(v.text))
            on[e] = true;
        else if (!is_no(v.text)) {
            static const char *const yesno[] = {"yes", "no"};
            char msg[512];
            choice(v.text, yesno, 2, msg, sizeof msg);
            return failat(&c, &v.at, RR_EPARSE, "%s", msg);
        }
        for (size_t q = res->ev_start[e]; !on[e] && q < res->ev_start[e + 1];
             q++) {
            double f;
            const rri_change *ch = &sc->changes[res->ev_list[q]];
            if (ch->scale &&
                (rc = scale_factor(&c, &sc->settings[ch->setting], &f)))
                return rc;
        }
        snprintf(ev[e].name, RR_NAME_MAX, "%s", s->sub);
        if ((rc = get(&c, s->name, "label", s->sub, &v)))
            return rc;
        snprintf(ev[e].label, RR_TEXT_MAX, "%s", v.text);
        if ((rc = get(&c, s->name, "from", NULL, &v)) ||
            (rc = date_val(&c, &v, &from)))
            return rc;
        if (from < day0 || from > day_end)
            return failat(&c, &v.at, RR_ERANGE, "%s", outside_run(&c, from));
        ev[e].from = (double)(from - day0);
        ev[e].until = INFINITY;
        if ((rc = get(&c, s->name, "until", NULL, &v)))
            return rc;
        if (v.text) {
            if ((rc = date_val(&c, &v, &until)))
                return rc;
            if (until <= from) {
                char a[16];
                fmt_date(from, a, sizeof a);
                return failat(&c, &v.at, RR_ERANGE,
                              "%s is not after from %s", v.text, a);
            }
            if (until > day_end + 1) {
                char a[16], b[16], d[16];
                fmt_date(until, d, sizeof d);
                fmt_date(day0, a, sizeof a);
                fmt_date(day_end + 1, b, sizeof b);
                return failat(&c, &v.at, RR_ERANGE,
                              "date %s is outside the run (%s to %s for "
                              "until, the day after the end)",
                              d, a, b);
            }
            ev[e].until = (double)(until - day0);
        }
        if (!on[e])
            continue;
        pev[n_on++] = ev[e];
        if (ev[e].from > 0)
            times[nt++] = ev[e].from;
        if (ev[e].until < base.horizon)
            times[nt++] = ev[e].until;
    }
    qsort(times, nt, sizeof *times, cmp_double);
    size_t nu = 0;
    for (size_t i = 0; i < nt; i++)
        if (nu == 0 || times[i] != times[nu - 1])
            times[nu++] = times[i];

    /* one configuration per distinct set of active events; the set of an
     * epoch is built in cur (a byte per event, as the context reads it)
     * and kept as bits only when it is new */
    const rr_config **cfgs = rri_alloc(c.a, nu * sizeof *cfgs);
    unsigned char **sets = rri_alloc(c.a, nu * sizeof *sets);
    unsigned char *cur = rri_alloc(c.a, ne + 1);
    size_t nb = (ne + 7) / 8 + 1;
    if (!cfgs || !sets || !cur)
        return oom(&c);
    rri_map seen = {0}; /* epochs by their set of active events */
    const rr_cfg_initial *initial = NULL;
    size_t n_initial = 0;
    const double *sched_t = NULL, *sched_f = NULL;
    size_t n_sched = 0;
    unsigned char *bits = rri_alloc(c.a, nb);
    if (!bits)
        return oom(&c);
    for (size_t i = 0; i < nu; i++) {
        bool any = false;
        memset(bits, 0, nb);
        for (size_t e = 0; e < ne; e++) {
            cur[e] =
                on[e] && ev[e].from <= times[i] && times[i] < ev[e].until;
            bits[e / 8] |= (unsigned char)(cur[e] << (e % 8));
            any = any || cur[e];
        }
        cfgs[i] = NULL;
        sets[i] = NULL;
        uint64_t h = set_hash(bits, nb);
        size_t it = 0, j;
        while (!cfgs[i] && rri_map_next(&seen, h, &it, &j))
            if (memcmp(sets[j], bits, nb) == 0)
                cfgs[i] = cfgs[j];
        if (cfgs[i])
            continue;
        sets[i] = rri_alloc(c.a, nb);
        if (!sets[i] || rri_map_add(&seen, h, i)) {
            rri_map_fini(&seen);
            return oom(&c);
        }
        memcpy(sets[i], bits, nb);
        rctx ec;
        if ((rc = ctx_init(&ec, sc, any ? cur : NULL, err, errlen))) {
            rri_map_fini(&seen);
            return rc;
        }
        ec.day0 = day0;
        ec.day_end = day_end;
        rr_config *cfg = rri_alloc(c.a, sizeof *cfg);
        rc = cfg ? resolve_config(&ec, &base, cfg) : oom(&c);
        if (rc == RR_OK && i == 0)
            /* the schedule and the caseload do not change with events */
            rc = resolve_schedule(&ec, cfg);
        if (rc == RR_OK && i == 0)
            rc = resolve_initial(&ec, cfg);
        if (rc == RR_OK)
            rc = check_schedule_rate(&ec, cfg, i == 0 ? cfg : cfgs[0]);
        ctx_fini(&ec);
        if (rc) {
            rri_map_fini(&seen);
            return rc;
        }
        if (i == 0) {
            initial = cfg->initial;
            n_initial = cfg->n_initial;
            sched_t = cfg->schedule_t;
            sched_f = cfg->schedule_factor;
            n_sched = cfg->n_schedule;
        }
        cfg->initial = initial;
        cfg->n_initial = n_initial;
        cfg->schedule_t = sched_t;
        cfg->schedule_factor = sched_f;
        cfg->n_schedule = n_sched;
        cfgs[i] = cfg;
    }
    rri_map_fini(&seen);
    sc->plan.n_epochs = nu;
    sc->plan.t = times;
    sc->plan.cfg = cfgs;
    sc->plan.n_events = n_on;
    sc->plan.events = pev;
    return RR_OK;
}

/* }=================================================================== */
