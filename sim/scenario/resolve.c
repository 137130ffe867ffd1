/*
 * resolve.c - a setting's value in one epoch, typed: rri_get() returns its
 * effective text (the written one, an event's `set`, or the default) with
 * the product of the active `scale` factors and the place to blame in
 * messages (the setting's line, or the line of the event that changed it);
 * the functions after it read that text as a number, probability,
 * duration, date, stage, channel, per-country expression or distribution.
 * The countries table, with the cells events change, is read here too.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "resolve_int.h"

/* {===================================================================
 * Messages, numbers and words
 * ==================================================================== */

/* section_loc - where an absent key of a section is blamed: its (first)
 * header. */
rri_loc rri_section_loc(rri_ctx *c, const char *sec, const char *key)
{
    long s = rri_section_find(c->sub.sc, sec);
    const rri_section *sp = s >= 0 ? &c->sub.sc->sections[s] : NULL;
    rri_loc l;
    memset(&l, 0, sizeof l);
    l.file = sp ? c->sub.sc->files[sp->file].path : c->sub.sc->path;
    l.line = sp ? sp->line : 0;
    l.sec = sec;
    l.key = key;
    l.fi = sp ? sp->file : 0;
    return l;
}

void rri_fmt_date(long days, char *buf, size_t n)
{
    rr_date_format(rr_date_from_days(days), buf, n);
}

/* whole - a whole number in [lo, hi]. */
bool rri_whole(const char *s, long long lo, unsigned long long hi,
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

bool rri_is_yes(const char *s)
{
    return !strcmp(s, "yes") || !strcmp(s, "true");
}

bool rri_is_no(const char *s)
{
    return !strcmp(s, "no") || !strcmp(s, "false");
}

/* choice - index of s among the n words, or -1 with a message part. */
int rri_choice(const char *s, const char *const *w, size_t n, char *msg,
               size_t size)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, w[i]) == 0)
            return (int)i;
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof list; i++) {
        int k = snprintf(list + used, sizeof list - used, "%s%s",
                         i == 0       ? ""
                         : i + 1 == n ? " or "
                                      : ", ",
                         w[i]);
        if (k > 0)
            used += (size_t)k;
    }
    const char *g = rri_suggest(s, w, n);
    if (g)
        snprintf(msg, size, "expected %s, got '%s' (did you mean '%s'?)", list,
                 s, g);
    else
        snprintf(msg, size, "expected %s, got '%s'", list, s);
    return -1;
}

/* }=================================================================== */

/* {===================================================================
 * Effective values
 * ==================================================================== */

/* get - the effective value of (sec, key) in this epoch (see the top). */
int rri_get(rri_ctx *c, const char *sec, const char *key, const char *def,
            rri_val *v)
{
    rr_scenario *sc = c->sub.sc;
    memset(v, 0, sizeof *v);
    v->factor = 1;
    long s = rri_setting_find(sc, sec, key);
    if (s >= 0) {
        v->raw = sc->settings[s].pub.value;
        v->at = rri_setting_loc(&sc->settings[s]);
        v->written = true;
    } else {
        v->raw = def;
        v->at = rri_section_loc(c, sec, key);
        v->at.dotted = rri_printf(c->sub.a, "%s.%s", sec, key);
        if (!v->at.dotted)
            return rri_oom(&c->sub);
    }
    for (size_t i = rri_first_change(&c->sub, RRI_TGT_KEY, sec, key);
         i != SIZE_MAX; i = sc->ix.next[i]) {
        const rri_change *ch = &sc->changes[i];
        if (!c->sub.active[ch->event])
            continue;
        const rri_setting *cs = &sc->settings[ch->setting];
        if (ch->scale) {
            double f;
            rri_loc at = rri_setting_loc(cs);
            int rc = rri_scale_factor(&c->sub, cs, &f);
            if (rc || (rc = rri_times(&c->sub, &at, &v->factor, f)))
                return rc;
            v->scaled = true;
        } else {
            v->raw = cs->pub.value;
            v->factor = 1;
            v->scaled = false;
            v->written = true;
        }
        v->at = rri_setting_loc(cs);
    }
    if (!v->raw && v->scaled)
        return rri_failat(&c->sub, &v->at, RR_EINVAL,
                          "cannot scale '%s.%s': it has no value (write it, or "
                          "set it with set.%s.%s)",
                          sec, key, sec, key);
    if (!v->raw)
        return RR_OK;
    int rc = rri_subst_text(&c->sub, v->raw, &v->at, &v->text);
    if (rc == RR_OK &&
        !(v->text = rri_trim(c->sub.a, v->text, strlen(v->text))))
        return rri_oom(&c->sub);
    return rc;
}

/* scaled_note - " (after scaling by F)" for messages about scaled values. */
const char *rri_scaled_note(rri_ctx *c, const rri_val *v)
{
    if (!v->scaled)
        return "";
    const char *s = rri_printf(c->sub.a, " (after scaling by %g)", v->factor);
    return s ? s : "";
}

/* }=================================================================== */

/* {===================================================================
 * Typed values
 * ==================================================================== */

int rri_get_prob(rri_ctx *c, const char *sec, const char *key, const char *def,
                 double *p)
{
    rri_val v;
    int rc = rri_get(c, sec, key, def, &v);
    if (rc)
        return rc;
    double x;
    if (!rri_number(v.text, &x))
        return rri_failat(&c->sub, &v.at, RR_EPARSE,
                          "expected a probability such as 0.25, got '%s'",
                          v.text);
    x *= v.factor;
    if (!(x >= 0 && x <= 1))
        return rri_failat(&c->sub, &v.at, RR_ERANGE,
                          "expected a probability in [0,1], got %g%s", x,
                          rri_scaled_note(c, &v));
    *p = x + 0.0;
    return RR_OK;
}

int rri_get_duration(rri_ctx *c, const rri_val *v, double *days)
{
    char msg[512];
    int rc = rr_duration_parse(v->text, days, msg, sizeof msg);
    if (rc)
        return rri_failat(&c->sub, &v->at, rc, "%s", msg);
    double x = *days * v->factor;
    if (!isfinite(x))
        return rri_failat(&c->sub, &v->at, RR_ERANGE,
                          "'%s' scaled by %g is too long a duration (more than "
                          "%g days)",
                          v->text, v->factor, DBL_MAX);
    *days = x + 0.0;
    return RR_OK;
}

/* date_val - a date setting, as days since 1970. */
int rri_date_val(rri_ctx *c, const rri_val *v, long *days)
{
    rr_date d;
    if (rr_date_parse(v->text, &d) != RR_OK)
        return rri_failat(&c->sub, &v->at, RR_EPARSE,
                          "expected a date as YYYY-MM-DD (a day that exists), "
                          "got '%s'",
                          v->text);
    *days = rr_date_days(d);
    return RR_OK;
}

const char *rri_outside_run(rri_ctx *c, long days)
{
    char d[16], a[16], b[16];
    rri_fmt_date(days, d, sizeof d);
    rri_fmt_date(c->day0, a, sizeof a);
    rri_fmt_date(c->day_end, b, sizeof b);
    const char *s =
        rri_printf(c->sub.a, "date %s is outside the run (%s to %s)", d, a, b);
    return s ? s : "date outside the run";
}

/* stage_name - index of a stage named by v. */
int rri_stage_of(rri_ctx *c, const rri_val *v, uint32_t *out)
{
    long i = rri_stage_index(c->sub.sc, v->text);
    if (i >= 0) {
        *out = (uint32_t)i;
        return RR_OK;
    }
    const char **w = malloc((c->sub.sc->n_stages + 1) * sizeof *w);
    if (!w)
        return rri_oom(&c->sub);
    for (size_t j = 0; j < c->sub.sc->n_stages; j++)
        w[j] = c->sub.sc->sections[c->sub.sc->stages[j]].sub;
    const char *g = rri_suggest(v->text, w, c->sub.sc->n_stages);
    int rc =
        g ? rri_failat(&c->sub, &v->at, RR_ENOTFOUND,
                       "no stage named '%s' (did you mean '%s'?)", v->text, g)
          : rri_failat(&c->sub, &v->at, RR_ENOTFOUND, "no stage named '%s'",
                       v->text);
    free(w);
    return rc;
}

static const char *const exit_names[RR_EXIT_COUNT] = {"departed",
                                                      "unsupervised",
                                                      "closed"};

/* target_of - a stage or an exit. */
int rri_target_of(rri_ctx *c, const rri_val *v, uint32_t *out)
{
    for (uint32_t x = 0; x < RR_EXIT_COUNT; x++)
        if (strcmp(v->text, exit_names[x]) == 0) {
            *out = RR_TO_EXIT(x);
            return RR_OK;
        }
    long i = rri_stage_index(c->sub.sc, v->text);
    if (i >= 0) {
        *out = (uint32_t)i;
        return RR_OK;
    }
    size_t n = c->sub.sc->n_stages;
    const char **w = malloc((n + RR_EXIT_COUNT) * sizeof *w);
    if (!w)
        return rri_oom(&c->sub);
    for (size_t j = 0; j < n; j++)
        w[j] = c->sub.sc->sections[c->sub.sc->stages[j]].sub;
    for (size_t j = 0; j < RR_EXIT_COUNT; j++)
        w[n + j] = exit_names[j];
    const char *g = rri_suggest(v->text, w, n + RR_EXIT_COUNT);
    int rc = g ? rri_failat(&c->sub, &v->at, RR_ENOTFOUND,
                            "no stage or exit named '%s' (did you mean '%s'?)",
                            v->text, g)
               : rri_failat(&c->sub, &v->at, RR_ENOTFOUND,
                            "no stage or exit named '%s' (exits are departed, "
                            "unsupervised and closed)",
                            v->text);
    free(w);
    return rc;
}

static const char *const channel_words[] = {"rds", "iom", "ngo", "self",
                                            "forced"};

int rri_channel_choice(const char *s, rr_channel *ch, char *msg, size_t size)
{
    int i = rri_choice(s, channel_words, RR_COUNTOF(channel_words), msg, size);
    if (i >= 0)
        *ch = (rr_channel)(RR_CH_RDS + i);
    return i;
}

int rri_channel_of(rri_ctx *c, const rri_loc *at, const char *s, rr_channel *ch)
{
    char msg[512];
    if (rri_channel_choice(s, ch, msg, sizeof msg) < 0)
        return rri_failat(&c->sub, at, RR_EPARSE, "%s", msg);
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Countries and their columns
 * ==================================================================== */

/* column - the countries column a `country.COL` (or bare COL) names. */
int rri_column(rri_ctx *c, const char *name, const rri_loc *at, size_t *col)
{
    if (strncmp(name, "country.", 8) == 0)
        name += 8;
    if (!c->ct)
        return rri_failat(&c->sub, at, RR_ENOTFOUND,
                          "'country.%s' needs a [countries] file with a column "
                          "'%s'",
                          name, name);
    int k = rr_table_col(c->ct, name);
    if (k >= 0 && k != c->ccol) {
        *col = (size_t)k;
        if (c->sub.sc->col_used)
            c->sub.sc->col_used[k] = true;
        return RR_OK;
    }
    const char **w = malloc((c->ct->n_cols + 1) * sizeof *w);
    if (!w)
        return rri_oom(&c->sub);
    size_t n = 0;
    for (size_t i = 0; i < c->ct->n_cols; i++)
        if ((int)i != c->ccol)
            w[n++] = c->ct->header[i];
    const char *g = rri_suggest(name, w, n);
    int rc;
    if (g) {
        rc = rri_failat(&c->sub, at, RR_ENOTFOUND,
                        "no column '%s' in %s (did you mean '%s'?)", name,
                        c->ct->path, g);
    } else {
        rr_sb b = RR_SB_INIT;
        for (size_t i = 0; i < n; i++) {
            if (i)
                rr_sb_add(&b, ", ");
            rr_sb_add(&b, w[i]);
        }
        rc = b.status != RR_OK
                 ? rri_oom(&c->sub)
                 : rri_failat(&c->sub, at, RR_ENOTFOUND,
                              "no column '%s' in %s (columns: %s)", name,
                              c->ct->path, rr_sb_str(&b));
        rr_sb_fini(&b);
    }
    free(w);
    return rc;
}

static uint64_t cell_hash(size_t row, size_t col)
{
    size_t rc[2] = {row, col};
    return rri_hash(RRI_HASH0, (const char *)rc, sizeof rc);
}

static const rri_cellov *override_of(rri_ctx *c, size_t row, size_t col)
{
    size_t it = 0, i;
    while (rri_map_next(&c->ov_map, cell_hash(row, col), &it, &i))
        if (c->ov[i].row == row && c->ov[i].col == col)
            return &c->ov[i];
    return NULL;
}

/* cell_text - a countries cell in this epoch. */
const char *rri_cell_text(rri_ctx *c, size_t row, size_t col,
                          const rri_cellov **ov)
{
    *ov = override_of(c, row, col);
    return *ov && (*ov)->text ? (*ov)->text : rr_table_cell(c->ct, row, col);
}

/* cell_num - a countries cell as a number (yes/no too when flags). */
int rri_cell_num(rri_ctx *c, size_t row, size_t col, bool flags, double *x)
{
    const rri_cellov *ov;
    const char *t = rri_cell_text(c, row, col, &ov);
    bool ok = rri_number(t, x);
    if (!ok && flags) {
        if (rri_is_yes(t)) {
            *x = 1;
            ok = true;
        } else if (rri_is_no(t)) {
            *x = 0;
            ok = true;
        }
    }
    if (!ok) {
        const char *what = flags ? "a number or yes/no" : "a number";
        if (ov)
            return rri_failat(&c->sub, &ov->at, RR_EPARSE,
                              "expected %s, got '%s'", what, t);
        return rri_fail(
            &c->sub, RR_EPARSE, "%s:%zu: column '%s': expected %s, got '%s'",
            c->ct->path, c->ct->line[row], c->ct->header[col], what, t);
    }
    if (ov && ov->scaled) {
        *x *= ov->factor;
        if (!isfinite(*x))
            return rri_failat(&c->sub, &ov->at, RR_ERANGE,
                              "'%s' scaled by %g is more than %g", t,
                              ov->factor, DBL_MAX);
        *x += 0.0;
    }
    return RR_OK;
}

/* cell_overrides - the cells the active events set or scale, in file
 * order (a later change of a cell replaces or multiplies an earlier). */
static int cell_overrides(rri_ctx *c)
{
    rr_scenario *sc = c->sub.sc;
    size_t ncell = 0;
    for (size_t i = 0; c->sub.active && i < sc->n_changes; i++)
        ncell += c->sub.active[sc->changes[i].event] &&
                 sc->changes[i].kind == RRI_TGT_CELL;
    c->ov = rri_alloc(c->sub.a, (ncell + 1) * sizeof *c->ov);
    if (!c->ov)
        return rri_oom(&c->sub);
    for (size_t i = 0; i < sc->n_changes; i++) {
        const rri_change *ch = &sc->changes[i];
        if (!c->sub.active || !c->sub.active[ch->event] ||
            ch->kind != RRI_TGT_CELL)
            continue;
        const rri_setting *cs = &sc->settings[ch->setting];
        rri_cellov *ov = (rri_cellov *)override_of(c, ch->row, ch->col);
        if (!ov) {
            if (rri_map_add(&c->ov_map, cell_hash(ch->row, ch->col), c->nov))
                return rri_oom(&c->sub);
            ov = &c->ov[c->nov++];
            ov->row = ch->row;
            ov->col = ch->col;
            ov->factor = 1;
        }
        ov->at = rri_setting_loc(cs);
        if (ch->scale) {
            double f;
            int rc = rri_scale_factor(&c->sub, cs, &f);
            if (rc || (rc = rri_times(&c->sub, &ov->at, &ov->factor, f)))
                return rc;
            ov->scaled = true;
        } else {
            const char *t;
            int rc = rri_subst_text(&c->sub, cs->pub.value, &ov->at, &t);
            if (rc)
                return rc;
            if (!(ov->text = rri_trim(c->sub.a, t, strlen(t))))
                return rri_oom(&c->sub);
            ov->factor = 1;
            ov->scaled = false;
        }
    }
    for (size_t i = 0; i < c->nov; i++) {
        /* a scaled cell must hold a number */
        double x;
        const rri_cellov *ov = &c->ov[i];
        if (ov->scaled &&
            !rri_number(rri_cell_text(c, ov->row, ov->col, &ov), &x))
            return rri_failat(&c->sub, &c->ov[i].at, RR_EINVAL,
                              "cannot scale '%s', which is not a number",
                              rri_cell_text(c, ov->row, ov->col, &ov));
    }
    return RR_OK;
}

/* rri_setup_countries - names and shares (normalised to sum to 1), with
 * the active events' changes to the countries cells. */
int rri_setup_countries(rri_ctx *c, rr_config *cfg)
{
    int rc = cell_overrides(c);
    if (rc)
        return rc;
    char(*names)[RR_NAME_MAX];
    double *share;
    if (!c->ct) {
        c->nc = 1;
        names = rri_alloc(c->sub.a, sizeof *names);
        share = rri_alloc(c->sub.a, sizeof *share);
        if (!names || !share)
            return rri_oom(&c->sub);
        snprintf(names[0], RR_NAME_MAX, "all");
        share[0] = 1;
    } else {
        c->nc = c->ct->n_rows;
        names = rri_alloc(c->sub.a, c->nc * sizeof *names);
        share = rri_alloc(c->sub.a, c->nc * sizeof *share);
        if (!names || !share)
            return rri_oom(&c->sub);
        size_t sh = (size_t)rr_table_col(c->ct, "share");
        double sum = 0;
        for (size_t r = 0; r < c->nc; r++) {
            snprintf(names[r], RR_NAME_MAX, "%s",
                     rr_table_cell(c->ct, r, (size_t)c->ccol));
            rc = rri_cell_num(c, r, sh, false, &share[r]);
            if (rc)
                return rc;
            if (share[r] < 0) {
                const rri_cellov *ov = override_of(c, r, sh);
                if (ov)
                    return rri_failat(&c->sub, &ov->at, RR_ERANGE,
                                      "share must be >= 0, got %g", share[r]);
                return rri_fail(
                    &c->sub, RR_ERANGE,
                    "%s:%zu: column 'share': expected a number >= 0, "
                    "got '%s'",
                    c->ct->path, c->ct->line[r], rr_table_cell(c->ct, r, sh));
            }
            sum += share[r];
            if (!isfinite(sum))
                return rri_fail(&c->sub, RR_ERANGE,
                                "%s:%zu: column 'share': the shares add up to "
                                "more than %g",
                                c->ct->path, c->ct->line[r], DBL_MAX);
        }
        if (!(sum > 0))
            return rri_fail(
                &c->sub, RR_ERANGE,
                "%s:%zu: column 'share': every share is 0 (at least "
                "one must be positive)",
                c->ct->path, c->ct->line[0]);
        for (size_t r = 0; r < c->nc; r++)
            share[r] /= sum;
    }
    c->cname = (const char(*)[RR_NAME_MAX])names;
    cfg->n_countries = c->nc;
    cfg->country = c->cname;
    cfg->country_share = share;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Probability expressions: rest | FACTOR [* FACTOR ...] [when [not] COL]
 * ==================================================================== */

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

int rri_parse_pexpr(rri_ctx *c, const rri_val *v, bool allow_rest, rri_pexpr *e)
{
    memset(e, 0, sizeof *e);
    e->constant = 1;
    const char *t = v->text;
    if (strcmp(t, "rest") == 0) {
        if (!allow_rest)
            return rri_failat(&c->sub, &v->at, RR_EPARSE,
                              "'rest' is only for routes; " PEXPR_EXPECTED);
        if (v->scaled)
            return rri_failat(
                &c->sub, &v->at, RR_EINVAL,
                "cannot scale 'rest' (it is what the other routes "
                "leave)");
        e->rest = true;
        return RR_OK;
    }
    const char *w = find_word(t, "when");
    const char *body = w ? rri_strndup(c->sub.a, t, (size_t)(w - t)) : t;
    if (!body)
        return rri_oom(&c->sub);
    const char *p = body;
    for (;;) {
        const char *star = strchr(p, '*');
        const char *f =
            rri_trim(c->sub.a, p, star ? (size_t)(star - p) : strlen(p));
        double x;
        if (!f)
            return rri_oom(&c->sub);
        if (strncmp(f, "country.", 8) == 0 && f[8]) {
            if (e->ncols == MAX_FACTORS)
                return rri_failat(&c->sub, &v->at, RR_EPARSE,
                                  "at most %d country columns in one product",
                                  MAX_FACTORS);
            int rc = rri_column(c, f, &v->at, &e->cols[e->ncols]);
            if (rc)
                return rc;
            e->ncols++;
        } else if (rri_number(f, &x)) {
            e->constant *= x;
        } else {
            return rri_failat(&c->sub, &v->at, RR_EPARSE,
                              PEXPR_EXPECTED ", got '%s'", t);
        }
        if (!star)
            break;
        p = star + 1;
    }
    if (w) {
        const char *cond = rri_trim(c->sub.a, w + 4, strlen(w + 4));
        if (cond && strncmp(cond, "not", 3) == 0 &&
            isspace((unsigned char)cond[3])) {
            e->when_not = true;
            cond = rri_trim(c->sub.a, cond + 3, strlen(cond + 3));
        }
        if (!cond)
            return rri_oom(&c->sub);
        if (!*cond || strchr(cond, ' '))
            return rri_failat(
                &c->sub, &v->at, RR_EPARSE,
                "expected 'when COLUMN' or 'when not COLUMN', got "
                "'%s'",
                t);
        int rc = rri_column(c, cond, &v->at, &e->when_col);
        if (rc)
            return rc;
        e->when = true;
    }
    return RR_OK;
}

/* eval_pexpr - the expression for country k, times factor, in [0,1]. */
int rri_eval_pexpr(rri_ctx *c, const rri_pexpr *e, const rri_val *v, size_t k,
                   double *p)
{
    double x = e->constant;
    for (size_t i = 0; i < e->ncols; i++) {
        double y;
        int rc = rri_cell_num(c, k, e->cols[i], false, &y);
        if (rc)
            return rc;
        x *= y;
    }
    if (e->when) {
        double y;
        int rc = rri_cell_num(c, k, e->when_col, true, &y);
        if (rc)
            return rc;
        if ((y == 0) != e->when_not)
            x = 0;
    }
    x *= v->factor;
    if (!(x >= 0 && x <= 1)) {
        if (e->ncols || e->when)
            return rri_failat(&c->sub, &v->at, RR_ERANGE,
                              "'%s' gives %g for country %s, outside [0,1]%s",
                              v->text, x, c->cname[k], rri_scaled_note(c, v));
        return rri_failat(&c->sub, &v->at, RR_ERANGE,
                          "expected a probability in [0,1], got %g%s", x,
                          rri_scaled_note(c, v));
    }
    *p = x + 0.0;
    return RR_OK;
}

/* per_country - a probability expression for every country. */
int rri_per_country(rri_ctx *c, const rri_val *v, double **out)
{
    rri_pexpr e;
    int rc = rri_parse_pexpr(c, v, false, &e);
    if (rc)
        return rc;
    double *p = rri_alloc(c->sub.a, c->nc * sizeof *p);
    if (!p)
        return rri_oom(&c->sub);
    for (size_t k = 0; k < c->nc; k++)
        if ((rc = rri_eval_pexpr(c, &e, v, k, &p[k])))
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
int rri_emp_loader(void *ctx, const char *file, const char *colname,
                   const char *weight, const rr_empirical **out, char *err,
                   size_t errlen)
{
    rri_ctx *c = ctx;
    rr_scenario *sc = c->sub.sc;
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
    if (!e->column || (weight && !e->weight)) {
        sc->n_emps--;
        rr_empirical_destroy(emp);
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    }
    c->table_msg = false;
    *out = emp;
    return RR_OK;
}

/* dist_text - parse a distribution; messages at `at` unless the loader
 * wrote a table's own. */
int rri_dist_text(rri_ctx *c, const char *text, const rri_loc *at, rr_dist *d)
{
    char msg[1024];
    c->table_msg = false;
    c->fi = at->fi;
    int rc = rr_dist_parse(text, d, rri_emp_loader, c, msg, sizeof msg);
    if (rc == RR_OK)
        return RR_OK;
    if (c->table_msg)
        return rri_fail(&c->sub, rc, "%s", msg);
    return rri_failat(&c->sub, at, rc, "%s", msg);
}

/* scaled_ok - the n distributions d, times the events' factor, keep a
 * finite mean and spread (exponential(1e300d) scaled by 1e10 does not). */
int rri_scaled_ok(rri_ctx *c, const rri_val *v, const rr_dist *d, size_t n,
                  double scale)
{
    for (size_t k = 0; k < n; k++) {
        double m = rr_dist_mean(&d[k]) * scale, sd = rr_dist_sd(&d[k]) * scale;
        if (!isfinite(m) || !isfinite(sd))
            return rri_failat(&c->sub, &v->at, RR_ERANGE,
                              "'%s' scaled by %g is out of range (its mean or "
                              "spread is more than %g days)",
                              v->text, scale, DBL_MAX);
    }
    return RR_OK;
}

int rri_get_dist(rri_ctx *c, const char *sec, const char *key, const char *def,
                 rr_dist *d, bool *has, double *scale, rri_loc *where)
{
    rri_val v;
    int rc = rri_get(c, sec, key, def, &v);
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
        return rri_failat(&c->sub, &v.at, RR_EINVAL,
                          "a distribution per country is only possible for "
                          "stage service");
    int rc2 = rri_dist_text(c, v.text, &v.at, d);
    return rc2 ? rc2 : rri_scaled_ok(c, &v, d, 1, v.factor);
}

/* }=================================================================== */
