/*
 * params.c - ${parameter} substitution, in an epoch's view of the events.
 *
 * A substitution context (rri_subst) holds which events are active and
 * the parameters' texts with those events applied, each parameter resolved
 * once, on first use, by a walk with an explicit stack (a long chain of
 * parameters cannot overflow the C stack).  The reader uses the context
 * with no event active to resolve the paths of tables (which may use
 * ${...}) while loading; the resolver (resolve.c and after) one context
 * per set of active events.  Messages name the place to blame: the
 * setting's line, or the line of the event that changed it
 * (rri_failat).
 *
 * Cost: parameters are found through the scenario's hash index and the
 * events' changes through the index by target (sc->ix), so substituting a
 * text costs its length and the parameters it uses; all the text ${...}
 * makes for one scenario is bounded (SUBST_BUDGET).
 */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* A parameter being resolved (see param_value). */
struct rri_frame {
    size_t p;                    /* index in sc->params */
    const char *raw;             /* its text in this epoch */
    rri_loc at;                      /* where that text was written */
    int phase;                   /* scanning 0 the factors, 1 raw,
                                    2 nothing more */
    size_t cur;                  /* phase 0: the change being scanned */
    const char *pos;             /* where to look for the next ${ */
};

/* The most text all ${...} substitutions of one scenario may produce: a
 * few parameters that each use another twice would otherwise double it at
 * every step. */
#define SUBST_BUDGET ((size_t)64 << 20)

/* {===================================================================
 * Messages
 * ==================================================================== */

/* failv - the message at `at` (see rri_failat). */
static int failv(rri_subst *c, const rri_loc *at, int rc, const char *fmt,
                 va_list ap) RR_PRINTF(4, 0);
static int failv(rri_subst *c, const rri_loc *at, int rc, const char *fmt,
                 va_list ap)
{
    char msg[1024];
    rr_err_vset(msg, sizeof msg, rc, fmt, ap);
    const char *suffix =
        at->sec && strncmp(at->sec, "event.", 6) == 0 ? "" : c->while_events;
    if (at->line == 0 && at->file && strcmp(at->file, "--set") == 0)
        return rr_err_set(c->err, c->errlen, rc, "--set %s: %s%s", at->dotted,
                          msg, suffix);
    if (at->key)
        return rr_err_at(c->err, c->errlen, rc, at->file, at->line,
                         "[%s] %s: %s%s", at->sec, at->key, msg, suffix);
    return rr_err_at(c->err, c->errlen, rc, at->file, at->line, "[%s]: %s%s",
                     at->sec, msg, suffix);
}

int rri_failat(rri_subst *c, const rri_loc *at, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    failv(c, at, rc, fmt, ap);
    va_end(ap);
    return rc;
}

int rri_fail(rri_subst *c, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_err_vset(c->err, c->errlen, rc, fmt, ap);
    va_end(ap);
    return rc;
}

int rri_oom(rri_subst *c)
{
    return rri_fail(c, RR_ENOMEM, "out of memory");
}

rri_loc rri_setting_loc(const rri_setting *st)
{
    rri_loc l = {st->pub.file, st->pub.line, st->section,
                 st->name,     st->pub.key,  st->file};
    return l;
}

/* }=================================================================== */

/* {===================================================================
 * Numbers and text
 * ==================================================================== */

const char *rri_trim(rri_arena *a, const char *s, size_t n)
{
    const char *t = rr_trim_span(s, &n);
    return rri_strndup(a, t, n);
}

/* number - the whole text as a finite decimal number. */
bool rri_number(const char *s, double *x)
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

/* }=================================================================== */

/* {===================================================================
 * Events' changes, by target
 * ==================================================================== */

/* target_hash - the hash of a change's target of kind k: a, or a "." b
 * (so that "stage.x" + "servers" hashes as the written "stage.x.servers"). */
uint64_t rri_target_hash(rri_target_kind k, const char *a, const char *b)
{
    char kb = (char)('0' + (int)k);
    uint64_t h = rri_hash_str(rri_hash(RRI_HASH0, &kb, 1), a);
    if (b)
        h = rri_hash_str(rri_hash(h, ".", 1), b);
    return h;
}

bool rri_target_is(const rri_change *ch, rri_target_kind k, const char *a,
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

/* rri_first_change - through the index by target (events.c builds it
 * before any context has an event active). */
size_t rri_first_change(const rri_subst *c, rri_target_kind k, const char *a,
                        const char *b)
{
    if (!c->active)
        return SIZE_MAX;
    size_t it = 0, i;
    uint64_t h = rri_target_hash(k, a, b);
    while (rri_map_next(&c->sc->ix.target_map, h, &it, &i))
        if (rri_target_is(&c->sc->changes[i], k, a, b))
            return i;
    return SIZE_MAX;
}

/* }=================================================================== */

/* {===================================================================
 * Parameters and substitution
 * ==================================================================== */

static const char *pname(const rri_subst *c, size_t p)
{
    return c->sc->settings[c->sc->params[p]].name;
}

/* undefined - "undefined parameter 'NAME' in 'TEXT'", with the declared
 * parameter nearest to NAME when one is close. */
static int undefined(rri_subst *c, const rri_loc *at, const char *name,
                     size_t n, const char *text)
{
    const rr_scenario *sc = c->sc;
    const char **w = malloc((sc->n_params + 1) * sizeof *w);
    char word[101];
    const char *g = NULL;
    snprintf(word, sizeof word, "%.*s", (int)(n < 100 ? n : 100), name);
    if (w) {
        for (size_t i = 0; i < sc->n_params; i++)
            w[i] = pname(c, i);
        g = rri_suggest(word, w, sc->n_params);
    }
    int rc = g ? rri_failat(c, at, RR_ENOTFOUND,
                            "undefined parameter '%s' in '%.200s' (did you "
                            "mean '%s'?)",
                            word, text, g)
               : rri_failat(c, at, RR_ENOTFOUND,
                            "undefined parameter '%s' in '%.200s'", word,
                            text);
    free(w);
    return rc;
}

/* nest_err - a chain of parameters nested too deep: the first few and the
 * last of the n in chain. */
static int nest_err(rri_subst *c, const rri_loc *at, const size_t *chain,
                    size_t n)
{
    char list[600];
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        if (i == 4 && n > 6) {
            used +=
                (size_t)snprintf(list + used, sizeof list - used, " -> ...");
            i = n - 2;
        }
        int w = snprintf(list + used, sizeof list - used, "%s%.40s",
                         i ? " -> " : "", pname(c, chain[i]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return rri_failat(c, at, RR_EINVAL, "${...} nested more than %d deep: %s",
                      RRI_MAX_NESTING, list);
}

/* subst_lv - text with every ${NAME} replaced by the parameter's value;
 * *level gets the deepest nesting of the parameters used (0 for none) and
 * *deep that parameter.  Two passes: every name is resolved first, left to
 * right (so the first bad one is the one reported), then the text is built
 * at its final size.  A result longer than RR_VALUE_MAX is an error, and
 * so is going over SUBST_BUDGET for the whole scenario. */
static int subst_lv(rri_subst *c, const char *text, const rri_loc *at,
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
            return rri_failat(c, at, RR_EPARSE, "unterminated '${' in '%.200s'",
                              text);
        long pi = rri_param_index(c->sc, s + 2, (size_t)(e - s - 2));
        if (pi < 0)
            return undefined(c, at, s + 2, (size_t)(e - s - 2), text);
        const char *v;
        int rc = rri_param_value(c, (size_t)pi, &v);
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
        return rri_failat(c, at, RR_ERANGE,
                          "longer than %d characters after ${...} substitution",
                          RR_VALUE_MAX);
    if (total > SUBST_BUDGET - c->sc->subst_bytes)
        return rri_failat(c, at, RR_ERANGE,
                          "${...} substitutions make more than %d MiB of text",
                          (int)(SUBST_BUDGET >> 20));
    c->sc->subst_bytes += total;
    char *b = rri_alloc(c->a, total + 1);
    if (!b)
        return rri_oom(c);
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

int rri_subst_text(rri_subst *c, const char *text, const rri_loc *at,
                   const char **out)
{
    int level;
    size_t deep;
    return subst_lv(c, text, at, out, &level, &deep);
}

/* scale_number - the leading number of text times f, the rest kept
 * ("1500/month" * 0.5 = "750/month") into *out; RR_EINVAL if text has
 * none, RR_ENOMEM.  *x gets the product, which the caller checks is
 * finite. */
static int scale_number(rri_subst *c, const char *text, double f,
                        const char **out, double *x)
{
    const char *s = text;
    while (isspace((unsigned char)*s))
        s++;
    if (!(isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '+'))
        return RR_EINVAL;
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v))
        return RR_EINVAL;
    for (const char *q = s; q < end; q++)
        if (!strchr("0123456789.eE+-", *q))
            return RR_EINVAL;
    *x = v * f + 0.0;
    const char *t = rri_printf(c->a, "%.15g%s", *x, end);
    if (!t)
        return RR_ENOMEM;
    *out = t;
    return RR_OK;
}

/* scale_factor - the factor of an event's scale.KEY, >= 0. */
int rri_scale_factor(rri_subst *c, const rri_setting *st, double *f)
{
    rri_loc at = rri_setting_loc(st);
    const char *t;
    int rc = rri_subst_text(c, st->pub.value, &at, &t);
    if (rc)
        return rc;
    if (!rri_number(t, f) || *f < 0)
        return rri_failat(c, &at, RR_ERANGE,
                          "expected a factor >= 0 such as 0.5 or 2, got '%s'",
                          t);
    return RR_OK;
}

/* times - factor *f times g, which must stay finite: scales of several
 * events multiply (1e200 twice is not a number). */
int rri_times(rri_subst *c, const rri_loc *at, double *f, double g)
{
    double x = *f * g;
    if (!isfinite(x))
        return rri_failat(c, at, RR_ERANGE,
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
static int push(rri_subst *c, size_t p)
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
        rri_loc at =
            rri_setting_loc(&sc->settings[sc->params[c->stack[from].p]]);
        return rri_failat(c, &at, RR_EINVAL,
                          "parameters refer to each other in a cycle: %s",
                          list);
    }
    if (c->depth >= RRI_MAX_NESTING) {
        size_t chain[RRI_MAX_NESTING + 2];
        for (size_t i = 0; i < c->depth; i++)
            chain[i] = c->stack[i].p;
        chain[c->depth] = p;
        rri_loc at = rri_setting_loc(&sc->settings[sc->params[chain[0]]]);
        return nest_err(c, &at, chain, c->depth + 1);
    }
    rri_frame *f = &c->stack[c->depth++];
    const rri_setting *st = &sc->settings[sc->params[p]];
    f->p = p;
    f->raw = st->pub.value;
    f->at = rri_setting_loc(st);
    f->phase = 1;
    for (size_t i = rri_first_change(c, RRI_TGT_PARAM, st->name, NULL);
         i != SIZE_MAX; i = sc->ix.next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
            continue;
        if (ch->scale && f->phase == 1) {
            f->phase = 0; /* the first factor text to look into */
            f->cur = i;
        }
        if (!ch->scale)
            f->raw = sc->settings[ch->setting].pub.value;
        f->at = rri_setting_loc(&sc->settings[ch->setting]);
    }
    f->pos = f->phase == 1
                 ? f->raw
                 : sc->settings[sc->changes[f->cur].setting].pub.value;
    c->pstate[p] = 1;
    return RR_OK;
}

/* frame_loc - where the text frame f is scanning was written. */
static rri_loc frame_loc(const rri_subst *c, const rri_frame *f)
{
    if (f->phase == 0)
        return rri_setting_loc(
            &c->sc->settings[c->sc->changes[f->cur].setting]);
    return f->at;
}

/* next_text - move frame f on to the next text it depends on: the next
 * active factor, then the raw text; false when all are done. */
static bool next_text(rri_subst *c, rri_frame *f)
{
    rr_scenario *sc = c->sc;
    if (f->phase == 0) {
        size_t i = sc->ix.next[f->cur];
        while (i != SIZE_MAX &&
               !(c->active[sc->changes[i].event] && sc->changes[i].scale))
            i = sc->ix.next[i];
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
static int finish(rri_subst *c, rri_frame *f)
{
    rr_scenario *sc = c->sc;
    const rri_setting *st = &sc->settings[sc->params[f->p]];
    double factor = 1;
    bool scaled = false;
    int rc;
    for (size_t i = rri_first_change(c, RRI_TGT_PARAM, st->name, NULL);
         i != SIZE_MAX; i = sc->ix.next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->active[ch->event])
            continue;
        if (ch->scale) {
            double g;
            if ((rc = rri_scale_factor(c, &sc->settings[ch->setting], &g)) ||
                (rc = rri_times(c, &f->at, &factor, g)))
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
        rri_loc at = rri_setting_loc(st);
        return nest_err(c, &at, chain, n);
    }
    double x;
    if (scaled && (rc = scale_number(c, text, factor, &text, &x)) == RR_ENOMEM)
        return rri_oom(c);
    if (scaled && rc != RR_OK)
        return rri_failat(
            c, &f->at, RR_EINVAL,
            "cannot scale parameter '%s': its value '%.200s' does "
            "not start with a number",
            st->name, text);
    if (scaled && !isfinite(x))
        return rri_failat(
            c, &f->at, RR_ERANGE,
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
int rri_param_value(rri_subst *c, size_t p, const char **out)
{
    if (c->pstate[p] == 2) {
        *out = c->ptext[p];
        return RR_OK;
    }
    size_t base = c->depth;
    int rc = push(c, p);
    while (rc == RR_OK && c->depth > base) {
        rri_frame *f = &c->stack[c->depth - 1];
        const char *s = strstr(f->pos, "${");
        if (s) {
            /* the same errors, in the same order, as subst_lv */
            const char *e = strchr(s + 2, '}');
            const char *text =
                f->phase == 0
                    ? c->sc->settings[c->sc->changes[f->cur].setting].pub.value
                    : f->raw;
            rri_loc at = frame_loc(c, f);
            long pi =
                e ? rri_param_index(c->sc, s + 2, (size_t)(e - s - 2)) : -1;
            if (!e)
                rc = rri_failat(c, &at, RR_EPARSE,
                                "unterminated '${' in '%.200s'", text);
            else if (pi < 0)
                rc = undefined(c, &at, s + 2, (size_t)(e - s - 2), text);
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
 * Contexts
 * ==================================================================== */

int rri_subst_init(rri_subst *c, rr_scenario *sc, const unsigned char *active,
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
        return rri_oom(c);
    if (!active)
        return RR_OK;
    /* " (while events a, b are active)", for messages */
    rr_sb b = RR_SB_INIT;
    size_t k = 0;
    for (size_t e = 0; e < sc->n_events; e++) {
        if (!active[e])
            continue;
        if (k++)
            rr_sb_add(&b, ", ");
        rr_sb_add(&b, sc->sections[sc->events[e]].sub);
    }
    if (k && b.status == RR_OK)
        c->while_events =
            rri_printf(c->a, " (while event%s %s %s active)", k > 1 ? "s" : "",
                       rr_sb_str(&b), k > 1 ? "are" : "is");
    int status = b.status;
    rr_sb_fini(&b);
    if (status != RR_OK || !c->while_events) {
        c->while_events = "";
        return rri_oom(c);
    }
    return RR_OK;
}

/* res0 - the context with no event active kept with the scenario, so
 * that a listing of n settings resolves each parameter once, not n times
 * (the context holds nothing outside the arena: it never sees cells). */
static rri_subst *res0(rr_scenario *sc, char *err, size_t errlen)
{
    rri_subst *c = sc->res0;
    if (!c) {
        c = rri_alloc(&sc->arena, sizeof *c);
        if (!c) {
            rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
            return NULL;
        }
        if (rri_subst_init(c, sc, NULL, err, errlen) != RR_OK)
            return NULL;
        sc->res0 = c;
    }
    c->err = err;
    c->errlen = errlen;
    return c;
}

const char *rri_subst_plain(rr_scenario *sc, const char *text, char *err,
                            size_t errlen)
{
    rri_subst *c = res0(sc, err, errlen);
    rri_loc at = {sc->path, 0, "", NULL, "", 0};
    const char *out;
    if (!c || rri_subst_text(c, text, &at, &out) != RR_OK)
        return NULL;
    return out;
}

const char *rri_resolved_setting(rr_scenario *sc, size_t i, char *err,
                                 size_t errlen)
{
    rri_subst *c = res0(sc, err, errlen);
    rri_loc at = rri_setting_loc(&sc->settings[i]);
    const char *out;
    if (!c || rri_subst_text(c, sc->settings[i].pub.value, &at, &out) != RR_OK)
        return NULL;
    return out;
}

/* }=================================================================== */
