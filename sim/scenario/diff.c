/*
 * diff.c - where two planned scenarios first differ: the first day on
 * which what the model reads from them is not the same (rr_scenario.h,
 * rr_plan_first_difference).
 *
 * What the model reads on a day: the configuration of the epoch in force
 * (without what only names or bounds the run: name, title, source, dates,
 * reporting, warm-up, seed, replications), the arrival rate times the
 * schedule's factor in force, which reintegration providers are active,
 * and, on the first day, the starting caseload.  That state can change
 * only on the days where an epoch begins, a schedule entry takes effect or
 * a provider starts or stops, so only those days are looked at: a few
 * dozen in a shipped scenario, each a hash of one configuration.
 *
 * Configurations are compared by an FNV-1a hash of their bytes in a fixed
 * order (as fingerprint.c does for a whole plan), so two scenarios read
 * from different files compare equal when they say the same.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* ---- what the model reads ------------------------------------------------- */

static uint64_t h_bytes(uint64_t h, const void *p, size_t n)
{
    return rri_hash(h, (const char *)p, n);
}

static uint64_t h_num(uint64_t h, double x)
{
    if (x == 0)
        x = 0; /* -0 */
    return h_bytes(h, &x, sizeof x);
}

static uint64_t h_int(uint64_t h, uint64_t x)
{
    return h_bytes(h, &x, sizeof x);
}

static uint64_t h_text(uint64_t h, const char *s)
{
    return h_bytes(h, s, strlen(s) + 1);
}

static uint64_t h_dist(uint64_t h, const rr_dist *d)
{
    h = h_int(h, (uint64_t)d->kind);
    for (int i = 0; i < 3; i++)
        h = h_num(h, d->p[i]);
    h = h_num(h, d->a);
    h = h_num(h, d->b);
    h = h_num(h, d->c);
    if (d->kind == RR_DIST_EMPIRICAL) {
        h = h_int(h, rr_empirical_size(d->emp));
        h = h_num(h, rr_dist_mean(d));
        h = h_num(h, rr_dist_sd(d));
    }
    return h;
}

static uint64_t h_routes(uint64_t h, const rr_route_table *r, size_t nc)
{
    h = h_int(h, r->n);
    for (size_t i = 0; i < r->n; i++)
        h = h_int(h, r->target[i]);
    for (size_t i = 0; i < (size_t)r->n * nc; i++)
        h = h_num(h, r->p[i]);
    return h;
}

static uint64_t h_stage(uint64_t h, const rr_cfg_stage *st, size_t nc)
{
    h = h_text(h, st->name);
    h = h_int(h, (uint64_t)(int64_t)st->servers);
    h = h_dist(h, &st->service);
    h = h_int(h, st->service_by_country != NULL);
    for (size_t k = 0; st->service_by_country && k < nc; k++)
        h = h_dist(h, &st->service_by_country[k]);
    h = h_num(h, st->service_scale);
    h = h_int(h, (uint64_t)st->discipline);
    h = h_int(h, (uint64_t)st->channel);
    h = h_int(h, st->detention);
    h = h_int(h, st->has_abscond);
    if (st->has_abscond) {
        h = h_dist(h, &st->abscond);
        h = h_num(h, st->abscond_scale);
        h = h_int(h, (uint64_t)st->abscond_during);
    }
    h = h_num(h, st->max_stay);
    for (int o = 0; o < RR_OUT_COUNT; o++)
        h = h_routes(h, &st->route[o], nc);
    return h;
}

/* core_hash - the configuration without the run's bounds and names, the
 * arrival rate, the schedule, the providers' dates and the starting
 * caseload (each compared on its own). */
static uint64_t core_hash(const rr_config *c)
{
    size_t nc = c->n_countries;
    uint64_t h = RRI_HASH0;
    h = h_int(h, c->entry_stage);
    h = h_num(h, c->vulnerable_share);
    h = h_int(h, nc);
    for (size_t k = 0; k < nc; k++)
        h = h_text(h, c->country[k]);
    for (size_t k = 0; k < nc; k++)
        h = h_num(h, c->country_share[k]);
    h = h_int(h, c->n_stages);
    for (size_t s = 0; s < c->n_stages; s++)
        h = h_stage(h, &c->stages[s], nc);
    h = h_int(h, c->n_providers);
    for (size_t p = 0; p < c->n_providers; p++) {
        const rr_cfg_provider *pv = &c->providers[p];
        h = h_text(h, pv->name);
        h = h_int(h, pv->channels);
        for (size_t k = 0; k < nc; k++)
            h = h_num(h, pv->covered[k]);
    }
    h = h_dist(h, &c->support);
    for (size_t k = 0; k < nc; k++)
        h = h_num(h, c->sustainable[k]);
    h = h_num(h, c->sustainable_unsupported);
    h = h_num(h, c->remigration_share);
    h = h_dist(h, &c->remigration_delay);
    h = h_int(h, c->remigration_stage);
    return h;
}

static uint64_t initial_hash(const rr_config *c)
{
    uint64_t h = h_int(RRI_HASH0, c->n_initial);
    for (size_t i = 0; i < c->n_initial; i++) {
        const rr_cfg_initial *in = &c->initial[i];
        h = h_int(h, in->stage);
        h = h_int(h, in->country);
        h = h_int(h, in->count);
        h = h_num(h, in->elapsed);
        h = h_num(h, in->age);
        h = h_int(h, in->channel);
    }
    return h;
}

/* A plan seen from the calendar: day 0 is its start date. */
typedef struct side {
    const rr_plan *p;
    long s;    /* the start date, days since 1970 */
    long e;    /* the day after the end date */
} side;

static void side_init(side *x, const rr_plan *p)
{
    x->p = p;
    x->s = rr_date_days(p->cfg[0]->start);
    x->e = rr_date_days(p->cfg[0]->end) + 1;
}

/* cfg_at - the configuration in force at the start of day `day`. */
static const rr_config *cfg_at(const side *x, long day)
{
    double t = (double)(day - x->s);
    size_t i = 0;
    while (i + 1 < x->p->n_epochs && x->p->t[i + 1] <= t)
        i++;
    return x->p->cfg[i];
}

/* rate_at - the arrival rate in force at the start of day `day`: the
 * rate times the schedule's factor (1 before its first date). */
static double rate_at(const side *x, const rr_config *c, long day)
{
    double t = (double)(day - x->s), f = 1;
    for (size_t i = 0; i < c->n_schedule && c->schedule_t[i] <= t; i++)
        f = c->schedule_factor[i];
    return c->rate * f;
}

static bool active_at(const side *x, const rr_cfg_provider *pv, long day)
{
    double t = (double)(day - x->s);
    return pv->from <= t && t < pv->until;
}

/* What differs on a day, by cause. */
enum { D_NONE = 0, D_CONFIG = 1, D_RATE = 2, D_PROVIDER = 4, D_START = 8 };

static unsigned differ_at(const side *a, const side *b, long day, bool first,
                          size_t *provider)
{
    const rr_config *ca = cfg_at(a, day), *cb = cfg_at(b, day);
    unsigned d = D_NONE;
    if (core_hash(ca) != core_hash(cb))
        d |= D_CONFIG;
    if (rate_at(a, ca, day) != rate_at(b, cb, day))
        d |= D_RATE;
    if (ca->n_providers == cb->n_providers)
        for (size_t i = 0; i < ca->n_providers; i++)
            if (active_at(a, &ca->providers[i], day) !=
                active_at(b, &cb->providers[i], day)) {
                d |= D_PROVIDER;
                *provider = i;
                break;
            }
    if (first && (a->s != b->s || initial_hash(ca) != initial_hash(cb)))
        d |= D_START;
    return d;
}

/* ---- the days to look at ---------------------------------------------------- */

typedef struct days {
    long *v;
    size_t n, cap;
} days;

static int days_add(days *d, double t, const side *x, long lo, long hi)
{
    long day;
    if (!isfinite(t))
        return RR_OK;
    day = x->s + (long)ceil(t);
    if (day <= lo || day >= hi)
        return RR_OK;
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 64;
        long *v = realloc(d->v, cap * sizeof *v);
        if (!v)
            return RR_ENOMEM;
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = day;
    return RR_OK;
}

static int days_of(days *d, const side *x, long lo, long hi)
{
    int rc = RR_OK;
    for (size_t i = 1; i < x->p->n_epochs && rc == RR_OK; i++)
        rc = days_add(d, x->p->t[i], x, lo, hi);
    for (size_t i = 0; i < x->p->n_epochs && rc == RR_OK; i++) {
        const rr_config *c = x->p->cfg[i];
        for (size_t k = 0; k < c->n_schedule && rc == RR_OK; k++)
            rc = days_add(d, c->schedule_t[k], x, lo, hi);
        for (size_t k = 0; k < c->n_providers && rc == RR_OK; k++) {
            rc = days_add(d, c->providers[k].from, x, lo, hi);
            if (rc == RR_OK)
                rc = days_add(d, c->providers[k].until, x, lo, hi);
        }
    }
    return rc;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* ---- naming the difference ---------------------------------------------------- */

/* add_word - ", word" (or word) to buf; "..." once it is full. */
static void add_word(char *buf, size_t n, const char *word)
{
    size_t len = strlen(buf);
    if (len >= 3 && strcmp(buf + len - 3, "...") == 0)
        return;
    if (len + strlen(word) + 6 >= n) {
        if (len + 6 < n)
            snprintf(buf + len, n - len, "%s...", len ? ", " : "");
        return;
    }
    snprintf(buf + len, n - len, "%s%s", len ? ", " : "", word);
}

/* in_other - whether y has an event of ev's name and days. */
static bool in_other(const side *y, const rr_event_info *ev)
{
    for (size_t e = 0; e < y->p->n_events; e++) {
        const rr_event_info *o = &y->p->events[e];
        if (strcmp(o->name, ev->name) == 0 && o->from == ev->from &&
            o->until == ev->until)
            return true;
    }
    return false;
}

/* events_on - "event NAME" (with ending: "the end of event NAME") of the
 * events of x that begin (end) on day, added to buf unless named there
 * already; with own, only those y has not alike. */
static void events_on(const side *x, const side *y, long day, bool ending,
                      bool own, char *buf, size_t n)
{
    for (size_t e = 0; e < x->p->n_events; e++) {
        const rr_event_info *ev = &x->p->events[e];
        double t = ending ? ev->until : ev->from;
        char w[RR_NAME_MAX + 24];
        if (!isfinite(t) || x->s + (long)ceil(t) != day ||
            (own && in_other(y, ev)))
            continue;
        snprintf(w, sizeof w, "%s%s", ending ? "the end of event " : "event ",
                 ev->name);
        if (!strstr(buf, w))
            add_word(buf, n, w);
    }
}

/* events_named - the events that begin on day, those of one scenario
 * alone first; else those that end on it. */
static void events_named(const side *a, const side *b, long day, char *buf,
                         size_t n)
{
    for (int ending = 0; ending < 2 && !*buf; ending++)
        for (int own = 1; own >= 0 && !*buf; own--) {
            events_on(b, a, day, ending, own, buf, n);
            events_on(a, b, day, ending, own, buf, n);
        }
}

/* is_identity - a setting that names or bounds the run, not the model. */
static bool is_identity(const char *key)
{
    static const char *const keys[] = {
        "scenario.name",     "scenario.title",        "scenario.source",
        "scenario.seed",     "scenario.replications", "scenario.base",
        "scenario.description", "scenario.calibrated_on"};
    for (size_t i = 0; i < RR_COUNTOF(keys); i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return strncmp(key, "event.", 6) == 0;
}

static long setting_of(const rr_scenario *sc, const char *key)
{
    for (size_t i = 0; i < rr_scenario_n_settings(sc); i++)
        if (strcmp(rr_scenario_setting(sc, i)->key, key) == 0)
            return (long)i;
    return -1;
}

/* settings_differ - the keys written in one scenario and not the other,
 * or with other values, into buf: b's in its order, then those only a
 * has. */
static void settings_differ(const rr_scenario *a, const rr_scenario *b,
                            char *buf, size_t n)
{
    for (size_t i = 0; i < rr_scenario_n_settings(b); i++) {
        const rr_setting *s = rr_scenario_setting(b, i);
        long j = setting_of(a, s->key);
        if (is_identity(s->key))
            continue;
        if (j < 0 ||
            strcmp(s->value, rr_scenario_setting(a, (size_t)j)->value) != 0)
            add_word(buf, n, s->key);
    }
    for (size_t i = 0; i < rr_scenario_n_settings(a); i++) {
        const rr_setting *s = rr_scenario_setting(a, i);
        if (!is_identity(s->key) && setting_of(b, s->key) < 0)
            add_word(buf, n, s->key);
    }
}

/* ---- the first difference ------------------------------------------------------ */

int rr_plan_first_difference(const rr_scenario *sa, const rr_plan *pa,
                             const rr_scenario *sb, const rr_plan *pb,
                             rr_plan_diff *out)
{
    side a, b;
    days d = {NULL, 0, 0};
    long lo, hi;
    size_t provider = 0;
    unsigned why = D_NONE;
    int rc;

    memset(out, 0, sizeof *out);
    side_init(&a, pa);
    side_init(&b, pb);
    lo = a.s > b.s ? a.s : b.s;
    hi = a.e < b.e ? a.e : b.e;
    out->day = lo;
    if (lo >= hi) {
        out->differ = out->from_start = true;
        snprintf(out->what, sizeof out->what, "the dates of the runs");
        return RR_OK;
    }
    if ((rc = days_add(&d, (double)(lo - a.s), &a, lo - 1, hi)) != RR_OK ||
        (rc = days_of(&d, &a, lo, hi)) != RR_OK ||
        (rc = days_of(&d, &b, lo, hi)) != RR_OK) {
        free(d.v);
        return rc;
    }
    qsort(d.v, d.n, sizeof *d.v, cmp_long);
    for (size_t i = 0; i < d.n && why == D_NONE; i++) {
        if (i > 0 && d.v[i] == d.v[i - 1])
            continue;
        why = differ_at(&a, &b, d.v[i], d.v[i] == lo, &provider);
        out->day = d.v[i];
    }
    free(d.v);
    if (why == D_NONE) {
        out->day = lo;
        return RR_OK;
    }
    out->differ = true;
    out->from_start = out->day == lo;
    {
        char *w = out->what;
        size_t n = sizeof out->what;
        if (!out->from_start)
            events_named(&a, &b, out->day, w, n);
        else if (sa && sb)
            settings_differ(sa, sb, w, n);
        if (!*w && (why & D_PROVIDER)) {
            char p[RR_NAME_MAX + 16];
            snprintf(p, sizeof p, "provider %s",
                     cfg_at(&b, out->day)->providers[provider].name);
            add_word(w, n, p);
        }
        if (!*w && (why & D_RATE))
            add_word(w, n, "the arrival schedule");
        if (!*w && (why & D_START))
            add_word(w, n, a.s != b.s ? "the start date"
                                      : "the starting caseload");
        if (!*w)
            add_word(w, n, "the settings");
    }
    return RR_OK;
}
