/*
 * plan.c - rr_scenario_plan: the policy events cut the run into epochs,
 * the times at which the set of active events changes; each epoch gets its
 * own fully resolved rr_config (one per distinct set of active events,
 * shared by the epochs with that set).  Everything that could fail is
 * checked here, for every epoch, before anything is simulated.
 *
 * Cost: resolving one epoch is linear in the size of the scenario (hash
 * indexes for names, sc->ix for the events' changes); a scenario is
 * resolved once per distinct set of active events.
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
 * One configuration
 * ==================================================================== */

/* resolve_config - the whole configuration for one set of active events;
 * base holds the [scenario] part, resolved once. */
static int resolve_config(rri_ctx *c, const rr_config *base, rr_config *cfg)
{
    rr_scenario *sc = c->sub.sc;
    int rc;
    *cfg = *base;
    /* parameters first, in file order: cycles and undefined names are
     * errors even when nothing uses them */
    for (size_t p = 0; p < sc->n_params; p++) {
        const char *t;
        if ((rc = rri_param_value(&c->sub, p, &t)))
            return rc;
    }
    if ((rc = rri_setup_countries(c, cfg)))
        return rc;

    size_t ns = sc->n_stages;
    rr_cfg_stage *st = rri_alloc(c->sub.a, ns * sizeof *st);
    c->routes = rri_alloc(c->sub.a, ns * sizeof *c->routes);
    if (!st || !c->routes)
        return rri_oom(&c->sub);
    for (size_t i = 0; i < ns; i++)
        if ((rc = rri_resolve_stage(c, i, &st[i])))
            return rc;
    cfg->n_stages = ns;
    cfg->stages = st;

    /* [arrivals] */
    rri_val v;
    if ((rc = rri_get(c, "arrivals", "rate", NULL, &v)))
        return rc;
    if (!v.text)
        return rri_failat(&c->sub, &v.at, RR_EINVAL, "missing (required)");
    char msg[512];
    if ((rc = rr_rate_parse(v.text, &cfg->rate, msg, sizeof msg)))
        return rri_failat(&c->sub, &v.at, rc, "%s", msg);
    if (!isfinite(cfg->rate * v.factor))
        return rri_failat(&c->sub, &v.at, RR_ERANGE,
                          "rate '%s' scaled by %g is more than %g a day",
                          v.text, v.factor, DBL_MAX);
    cfg->rate = cfg->rate * v.factor + 0.0;
    if ((rc = rri_get(c, "arrivals", "stage", st[0].name, &v)) ||
        (rc = rri_stage_of(c, &v, &cfg->entry_stage)) ||
        (rc = rri_get_prob(c, "arrivals", "vulnerable_share", "0",
                           &cfg->vulnerable_share)))
        return rc;

    /* [reintegration] */
    double *sus = NULL;
    bool has;
    if ((rc = rri_get_dist(c, "reintegration", "support", "deterministic(12m)",
                           &cfg->support, &has, NULL, NULL)) ||
        (rc = rri_get(c, "reintegration", "sustainable", "1", &v)) ||
        (rc = rri_per_country(c, &v, &sus)) ||
        (rc = rri_get_prob(c, "reintegration", "sustainable_unsupported", "0.5",
                           &cfg->sustainable_unsupported)) ||
        (rc = rri_get_prob(c, "reintegration", "remigration_share", "0",
                           &cfg->remigration_share)) ||
        (rc = rri_get_dist(c, "reintegration", "remigration_delay",
                           "exponential(mean=1y)", &cfg->remigration_delay,
                           &has, NULL, NULL)) ||
        (rc = rri_get(c, "reintegration", "remigration_stage",
                      st[cfg->entry_stage].name, &v)) ||
        (rc = rri_stage_of(c, &v, &cfg->remigration_stage)))
        return rc;
    cfg->sustainable = sus;

    /* [provider.*] */
    size_t np = 0;
    for (size_t i = 0; i < sc->n_sections; i++)
        np += sc->sections[i].kind == RRI_SEC_PROVIDER;
    rr_cfg_provider *pv = rri_alloc(c->sub.a, (np + 1) * sizeof *pv);
    if (!pv)
        return rri_oom(&c->sub);
    np = 0;
    for (size_t i = 0; i < sc->n_sections; i++)
        if (sc->sections[i].kind == RRI_SEC_PROVIDER &&
            (rc = rri_resolve_provider(c, &sc->sections[i], &pv[np++])))
            return rc;
    cfg->n_providers = np;
    cfg->providers = pv;

    return rri_near_zero_cycle(c, cfg);
}

/* }=================================================================== */

/* {===================================================================
 * [scenario], schedule and starting caseload: the same in every epoch
 * ==================================================================== */

/* resolve_calibrated_on - `calibrated_on = 2019, 2022`: the years the
 * scenario was calibrated on, each within the run and named once, kept in
 * increasing order; `none`, or no key, for none.  Only reports read it
 * (fit tells calibration years from validation years). */
static int resolve_calibrated_on(rri_ctx *c, rr_config *cfg)
{
    static const char form[] =
        "expected years separated by commas (e.g. 2019, 2022) or none";
    rri_val v;
    int rc = rri_get(c, "scenario", "calibrated_on", NULL, &v);
    size_t n = 0, cap = 1;
    int *ys, y0 = cfg->start.y, y1 = cfg->end.y;

    cfg->n_calibrated = 0;
    cfg->calibrated_on = NULL;
    if (rc || !v.text || strcmp(v.text, "none") == 0)
        return rc;
    for (const char *p = v.text; *p; p++)
        cap += *p == ',';
    if (!(ys = rri_alloc(c->sub.a, cap * sizeof *ys)))
        return rri_oom(&c->sub);
    for (const char *p = v.text;; p++) {
        size_t len = strcspn(p, ",");
        char word[16];
        unsigned long long y;
        bool neg;
        size_t i;
        while (len && isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        if (len == 0 || len >= sizeof word)
            return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s, got '%s'",
                              form, v.text);
        memcpy(word, p, len);
        word[len] = '\0';
        if (!rri_whole(word, 0, 9999, &y, &neg) || neg)
            return rri_failat(&c->sub, &v.at, RR_EPARSE,
                              "%s, got '%s'", form, word);
        if ((int)y < y0 || (int)y > y1)
            return rri_failat(&c->sub, &v.at, RR_ERANGE,
                              "year %s is outside the run (%d to %d)", word,
                              y0, y1);
        for (i = n; i > 0 && ys[i - 1] >= (int)y; i--)
            if (ys[i - 1] == (int)y)
                return rri_failat(&c->sub, &v.at, RR_EINVAL,
                                  "year %s is named twice", word);
        memmove(ys + i + 1, ys + i, (n - i) * sizeof *ys);
        ys[i] = (int)y;
        n++;
        p += strcspn(p, ",");
        if (!*p)
            break;
    }
    cfg->n_calibrated = n;
    cfg->calibrated_on = ys;
    return RR_OK;
}

static int resolve_scenario(rri_ctx *c, rr_config *cfg)
{
    rri_val v;
    int rc;
    if ((rc = rri_get(c, "scenario", "name", NULL, &v)))
        return rc;
    bool ok = *v.text && strlen(v.text) < RR_NAME_MAX;
    for (const char *p = v.text; *p; p++)
        ok = ok && (isalnum((unsigned char)*p) || *p == '_' || *p == '-');
    if (!ok)
        return rri_failat(
            &c->sub, &v.at, RR_EPARSE,
            "expected a name of letters, digits, _ and - (at most "
            "%d), got '%s'",
            RR_NAME_MAX - 1, v.text);
    snprintf(cfg->name, sizeof cfg->name, "%s", v.text);
    if ((rc = rri_get(c, "scenario", "title", cfg->name, &v)))
        return rc;
    if (strlen(v.text) >= RR_TEXT_MAX)
        return rri_failat(&c->sub, &v.at, RR_ERANGE,
                          "longer than %d characters", RR_TEXT_MAX - 1);
    snprintf(cfg->title, sizeof cfg->title, "%s", v.text);
    if ((rc = rri_get(c, "scenario", "source", "", &v)))
        return rc;
    if (strlen(v.text) >= RR_TEXT_MAX)
        return rri_failat(&c->sub, &v.at, RR_ERANGE,
                          "longer than %d characters", RR_TEXT_MAX - 1);
    snprintf(cfg->source, sizeof cfg->source, "%s", v.text);

    rri_val ve;
    if ((rc = rri_get(c, "scenario", "start", NULL, &v)) ||
        (rc = rri_date_val(c, &v, &c->day0)) ||
        (rc = rri_get(c, "scenario", "end", NULL, &ve)) ||
        (rc = rri_date_val(c, &ve, &c->day_end)))
        return rc;
    if (c->day_end < c->day0)
        return rri_failat(&c->sub, &ve.at, RR_ERANGE, "%s is before start %s",
                          ve.text, v.text);
    cfg->start = rr_date_from_days(c->day0);
    cfg->end = rr_date_from_days(c->day_end);
    cfg->horizon = (double)(c->day_end - c->day0 + 1);

    static const char *const periods[] = {"day", "week", "month", "quarter",
                                          "year"};
    char msg[512];
    if ((rc = rri_get(c, "scenario", "report", "month", &v)))
        return rc;
    int i = rri_choice(v.text, periods, RR_COUNTOF(periods), msg, sizeof msg);
    if (i < 0)
        return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s", msg);
    cfg->report = (rr_report_period)i;

    if ((rc = rri_get(c, "scenario", "warmup", "0", &v)) ||
        (rc = rri_get_duration(c, &v, &cfg->warmup)))
        return rc;
    if (cfg->warmup >= cfg->horizon)
        return rri_failat(&c->sub, &v.at, RR_ERANGE,
                          "%s (%g days) is not shorter than the run (%g days)",
                          v.text, cfg->warmup, cfg->horizon);

    unsigned long long n;
    bool neg;
    if ((rc = rri_get(c, "scenario", "seed", "1", &v)))
        return rc;
    if (!rri_whole(v.text, -1, ULLONG_MAX, &n, &neg) || neg)
        return rri_failat(&c->sub, &v.at, RR_EPARSE,
                          "expected a whole number >= 0, got '%s'", v.text);
    cfg->seed = (uint64_t)n;
    if ((rc = rri_get(c, "scenario", "replications", "10", &v)))
        return rc;
    if (!rri_whole(v.text, -1, INT_MAX, &n, &neg) || neg || n < 1)
        return rri_failat(&c->sub, &v.at, RR_EPARSE,
                          "expected a whole number >= 1, got '%s'", v.text);
    cfg->replications = (int)n;
    static const char *const rngs[] = {"v1", "v2", "v3"};
    if ((rc = rri_get(c, "scenario", "rng", "v1", &v)))
        return rc;
    i = rri_choice(v.text, rngs, RR_COUNTOF(rngs), msg, sizeof msg);
    if (i < 0)
        return rri_failat(&c->sub, &v.at, RR_EPARSE, "%s", msg);
    cfg->rng = i + 1; /* RR_RNG_V1, V2, V3 */
    return resolve_calibrated_on(c, cfg);
}

/* resolve_schedule - from/factor rows; factor 1 before the first. */
static int resolve_schedule(rri_ctx *c, rr_config *cfg)
{
    rr_scenario *sc = c->sub.sc;
    if (sc->schedule_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->schedule_input].table;
    size_t fc = (size_t)rr_table_col(t, "from");
    size_t kc = (size_t)rr_table_col(t, "factor");
    double *ts = rri_alloc(c->sub.a, (t->n_rows + 1) * sizeof *ts);
    double *fs = rri_alloc(c->sub.a, (t->n_rows + 1) * sizeof *fs);
    if (!ts || !fs)
        return rri_oom(&c->sub);
    size_t n = 0;
    long prev = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *ds = rr_table_cell(t, r, fc);
        rr_date d;
        if (rr_date_parse(ds, &d))
            return rri_fail(&c->sub, RR_EPARSE,
                            "%s:%zu: column 'from': expected a date as "
                            "YYYY-MM-DD, got '%s'",
                            t->path, t->line[r], ds);
        long days = rr_date_days(d);
        if (days < c->day0 || days > c->day_end)
            return rri_fail(&c->sub, RR_ERANGE, "%s:%zu: column 'from': %s",
                            t->path, t->line[r], rri_outside_run(c, days));
        if (r > 0 && days <= prev) {
            char a[16];
            rri_fmt_date(prev, a, sizeof a);
            return rri_fail(&c->sub, RR_EINVAL,
                            "%s:%zu: column 'from': %s does not come after %s "
                            "(dates must increase)",
                            t->path, t->line[r], ds, a);
        }
        prev = days;
        double f;
        char msg[512];
        int rc = rr_table_number(t, r, kc, &f, msg, sizeof msg);
        if (rc)
            return rri_fail(&c->sub, rc, "%s", msg);
        if (f < 0)
            return rri_fail(&c->sub, RR_ERANGE,
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

static int resolve_initial(rri_ctx *c, rr_config *cfg)
{
    rr_scenario *sc = c->sub.sc;
    if (sc->caseload_input < 0)
        return RR_OK;
    const rr_table *t = sc->inputs[sc->caseload_input].table;
    size_t sc_ = (size_t)rr_table_col(t, "stage");
    size_t cc = (size_t)rr_table_col(t, "country");
    size_t nc = (size_t)rr_table_col(t, "count");
    size_t ec = (size_t)rr_table_col(t, "elapsed");
    int chc = rr_table_col(t, "channel");
    int ac = rr_table_col(t, "age");
    rr_cfg_initial *in = rri_alloc(c->sub.a, (t->n_rows + 1) * sizeof *in);
    const char **w =
        rri_alloc(c->sub.a, (sc->n_stages + cfg->n_countries + 1) * sizeof *w);
    if (!in || !w)
        return rri_oom(&c->sub);
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *s = rr_table_cell(t, r, sc_);
        long si = rri_stage_index(sc, s);
        if (si < 0) {
            for (size_t j = 0; j < sc->n_stages; j++)
                w[j] = sc->sections[sc->stages[j]].sub;
            const char *g = rri_suggest(s, w, sc->n_stages);
            return rri_fail(&c->sub, RR_ENOTFOUND,
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
                return rri_fail(
                    &c->sub, RR_ENOTFOUND,
                    "%s:%zu: column 'country': no country '%s' (the "
                    "scenario has no [countries] file, so its one "
                    "country is 'all')",
                    t->path, t->line[r], code);
            for (size_t k = 0; k < cfg->n_countries; k++)
                w[k] = cfg->country[k];
            const char *g = rri_suggest(code, w, cfg->n_countries);
            return rri_fail(
                &c->sub, RR_ENOTFOUND,
                "%s:%zu: column 'country': no country '%s' in %s%s%s%s",
                t->path, t->line[r], code, c->ct->path,
                g ? " (did you mean '" : "", g ? g : "", g ? "'?)" : "");
        }
        unsigned long long count;
        bool neg;
        const char *cs = rr_table_cell(t, r, nc);
        if (!rri_whole(cs, -1, UINT32_MAX, &count, &neg) || neg)
            return rri_fail(
                &c->sub, RR_EPARSE,
                "%s:%zu: column 'count': expected a whole number >= "
                "0, got '%s'",
                t->path, t->line[r], cs);
        double el;
        char msg[512];
        int rc =
            rr_duration_parse(rr_table_cell(t, r, ec), &el, msg, sizeof msg);
        if (rc)
            return rri_fail(&c->sub, rc, "%s:%zu: column 'elapsed': %s",
                            t->path, t->line[r], msg);
        /* age: time since entering the caseload, which time to departure
         * counts from; the time at the stage is part of it */
        double age = el;
        if (ac >= 0 && *rr_table_cell(t, r, (size_t)ac)) {
            rc = rr_duration_parse(rr_table_cell(t, r, (size_t)ac), &age, msg,
                                   sizeof msg);
            if (rc)
                return rri_fail(&c->sub, rc, "%s:%zu: column 'age': %s",
                                t->path, t->line[r], msg);
            if (age < el)
                return rri_fail(&c->sub, RR_EPARSE,
                                "%s:%zu: column 'age': the time since "
                                "entering the caseload (%s) is shorter than "
                                "the time at the stage (elapsed %s)",
                                t->path, t->line[r],
                                rr_table_cell(t, r, (size_t)ac),
                                rr_table_cell(t, r, ec));
        }
        rr_channel ch = cfg->stages[si].channel;
        if (chc >= 0 && *rr_table_cell(t, r, (size_t)chc)) {
            const char *chs = rr_table_cell(t, r, (size_t)chc);
            char m[512];
            if (rri_channel_choice(chs, &ch, m, sizeof m) < 0)
                return rri_fail(&c->sub, RR_EPARSE,
                                "%s:%zu: column 'channel': %s", t->path,
                                t->line[r], m);
        }
        if (count == 0)
            continue;
        in[n].stage = (uint32_t)si;
        in[n].country = (uint32_t)ki;
        in[n].count = (uint32_t)count;
        in[n].elapsed = el;
        in[n].age = age;
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

/* ctx_init - a resolution context for the events in active (NULL: none). */
static int ctx_init(rri_ctx *c, rr_scenario *sc, const unsigned char *active,
                    char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    int rc = rri_subst_init(&c->sub, sc, active, err, errlen);
    if (rc != RR_OK)
        return rc;
    if (sc->countries_input >= 0) {
        long s = rri_setting_find(sc, "countries", "file");
        c->ct = sc->inputs[sc->countries_input].table;
        c->ccol = rr_table_col(c->ct, "country");
        c->ct_fi = s >= 0 ? sc->settings[s].file : 0;
    }
    return RR_OK;
}

/* ctx_fini - what a context holds outside the arena. */
static void ctx_fini(rri_ctx *c)
{
    rri_map_fini(&c->ov_map);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* check_schedule_rate - the arrival rate times every factor of the
 * schedule (first holds it) stays finite. */
static int check_schedule_rate(rri_ctx *c, const rr_config *cfg,
                               const rr_config *first)
{
    const rr_scenario *sc = c->sub.sc;
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
        return rri_fail(&c->sub, RR_ERANGE,
                        "%s:%zu: column 'factor': %s times the arrival rate "
                        "(%g a day%s) is more than %g",
                        t->path, t->line[r], rr_table_cell(t, r, k), cfg->rate,
                        c->sub.while_events, DBL_MAX);
    }
    return RR_OK;
}

/* set_hash - the hash of a set of active events. */
static uint64_t set_hash(const unsigned char *set, size_t n)
{
    return rri_hash(RRI_HASH0, (const char *)set, n);
}

/* The policy events of a plan, in file order. */
typedef struct plan_events {
    size_t n;
    rr_event_info *ev;           /* every event */
    bool *on;                    /* enabled */
    rr_event_info *pev;          /* the enabled ones, for the plan */
    size_t n_on;
} plan_events;

/* yes_no - a yes/no value into *on, or a message naming the choices. */
static int yes_no(rri_ctx *c, const rri_val *v, bool *on)
{
    static const char *const yesno[] = {"yes", "no"};
    char msg[512];
    if (rri_is_yes(v->text) || rri_is_no(v->text)) {
        *on = rri_is_yes(v->text);
        return RR_OK;
    }
    rri_choice(v->text, yesno, 2, msg, sizeof msg);
    return rri_failat(&c->sub, &v->at, RR_EPARSE, "%s", msg);
}

/* event_on - whether event e is enabled; a disabled one's scale factors
 * are checked all the same (they are never used). */
static int event_on(rri_ctx *c, size_t e, bool *on)
{
    rr_scenario *sc = c->sub.sc;
    const rri_section *s = &sc->sections[sc->events[e]];
    rri_val v;
    int rc;
    *on = false;
    if ((rc = rri_get(c, s->name, "enabled", "yes", &v)) ||
        (rc = yes_no(c, &v, on)))
        return rc;
    if (*on)
        return RR_OK;
    for (size_t q = sc->ix.ev_start[e]; q < sc->ix.ev_start[e + 1]; q++) {
        double f;
        const rri_change *ch = &sc->changes[sc->ix.ev_list[q]];
        if (ch->scale &&
            (rc = rri_scale_factor(&c->sub, &sc->settings[ch->setting], &f)))
            return rc;
    }
    return RR_OK;
}

/* event_until - the `until` date of an event starting on day `from`:
 * after it, and at most the day after the end of the run. */
static int event_until(rri_ctx *c, const rri_val *v, long from, long *until)
{
    int rc = rri_date_val(c, v, until);
    if (rc)
        return rc;
    if (*until <= from) {
        char a[16];
        rri_fmt_date(from, a, sizeof a);
        return rri_failat(&c->sub, &v->at, RR_ERANGE, "%s is not after from %s",
                          v->text, a);
    }
    if (*until > c->day_end + 1) {
        char a[16], b[16], d[16];
        rri_fmt_date(*until, d, sizeof d);
        rri_fmt_date(c->day0, a, sizeof a);
        rri_fmt_date(c->day_end + 1, b, sizeof b);
        return rri_failat(&c->sub, &v->at, RR_ERANGE,
                          "date %s is outside the run (%s to %s for "
                          "until, the day after the end)",
                          d, a, b);
    }
    return RR_OK;
}

/* event_info - event e's name, label, days (from, until) and whether the
 * charts draw it into ev. */
static int event_info(rri_ctx *c, size_t e, rr_event_info *ev)
{
    rr_scenario *sc = c->sub.sc;
    const rri_section *s = &sc->sections[sc->events[e]];
    rri_val v;
    long from = 0, until = 0;
    int rc;
    snprintf(ev->name, RR_NAME_MAX, "%s", s->sub);
    if ((rc = rri_get(c, s->name, "label", s->sub, &v)))
        return rc;
    snprintf(ev->label, RR_TEXT_MAX, "%s", v.text);
    if ((rc = rri_get(c, s->name, "chart", "yes", &v)) ||
        (rc = yes_no(c, &v, &ev->chart)))
        return rc;
    if ((rc = rri_get(c, s->name, "from", NULL, &v)) ||
        (rc = rri_date_val(c, &v, &from)))
        return rc;
    if (from < c->day0 || from > c->day_end)
        return rri_failat(&c->sub, &v.at, RR_ERANGE, "%s",
                          rri_outside_run(c, from));
    ev->from = (double)(from - c->day0);
    ev->until = INFINITY;
    if ((rc = rri_get(c, s->name, "until", NULL, &v)))
        return rc;
    if (v.text) {
        if ((rc = event_until(c, &v, from, &until)))
            return rc;
        ev->until = (double)(until - c->day0);
    }
    return RR_OK;
}

/* read_events - every event, checked (a disabled one like the others, but
 * it is never active), and the times at which the enabled ones start and
 * end, sorted and without repeats, after 0, into times (*nt of them). */
static int read_events(rri_ctx *c, double horizon, plan_events *pe,
                       double **times, size_t *nt)
{
    size_t ne = c->sub.sc->n_events, n = 0;
    int rc;
    pe->n = ne;
    pe->n_on = 0;
    pe->ev = rri_alloc(c->sub.a, (ne + 1) * sizeof *pe->ev);
    pe->pev = rri_alloc(c->sub.a, (ne + 1) * sizeof *pe->pev);
    pe->on = rri_alloc(c->sub.a, (ne + 1) * sizeof *pe->on);
    double *t = rri_alloc(c->sub.a, (2 * ne + 1) * sizeof *t);
    if (!pe->ev || !pe->pev || !pe->on || !t)
        return rri_oom(&c->sub);
    t[n++] = 0;
    for (size_t e = 0; e < ne; e++) {
        rr_event_info *ev = &pe->ev[e];
        if ((rc = event_on(c, e, &pe->on[e])) || (rc = event_info(c, e, ev)))
            return rc;
        if (!pe->on[e])
            continue;
        pe->pev[pe->n_on++] = *ev;
        if (ev->from > 0)
            t[n++] = ev->from;
        if (ev->until < horizon)
            t[n++] = ev->until;
    }
    qsort(t, n, sizeof *t, cmp_double);
    size_t nu = 0;
    for (size_t i = 0; i < n; i++)
        if (nu == 0 || t[i] != t[nu - 1])
            t[nu++] = t[i];
    *times = t;
    *nt = nu;
    return RR_OK;
}

/* epoch_config - the configuration for the events in cur (first: the
 * first epoch's, whose schedule and caseload every epoch shares; NULL when
 * this is the first). */
static int epoch_config(rri_ctx *c, const unsigned char *cur, bool any,
                        const rr_config *base, const rr_config *first,
                        rr_config **out)
{
    rri_ctx ec;
    int rc =
        ctx_init(&ec, c->sub.sc, any ? cur : NULL, c->sub.err, c->sub.errlen);
    if (rc)
        return rc;
    ec.day0 = c->day0;
    ec.day_end = c->day_end;
    rr_config *cfg = rri_alloc(c->sub.a, sizeof *cfg);
    rc = cfg ? resolve_config(&ec, base, cfg) : rri_oom(&c->sub);
    if (rc == RR_OK && !first)
        /* the schedule and the caseload do not change with events */
        rc = resolve_schedule(&ec, cfg);
    if (rc == RR_OK && !first)
        rc = resolve_initial(&ec, cfg);
    if (rc == RR_OK)
        rc = check_schedule_rate(&ec, cfg, first ? first : cfg);
    ctx_fini(&ec);
    if (rc)
        return rc;
    if (first) {
        cfg->initial = first->initial;
        cfg->n_initial = first->n_initial;
        cfg->schedule_t = first->schedule_t;
        cfg->schedule_factor = first->schedule_factor;
        cfg->n_schedule = first->n_schedule;
    }
    *out = cfg;
    return RR_OK;
}

/* resolve_epochs - one configuration per distinct set of active events
 * (epochs with the same set share it), for the nu epochs starting at
 * times.  The set of an epoch is built in cur (a byte per event, as the
 * context reads it) and kept as bits only when it is new. */
static int resolve_epochs(rri_ctx *c, const rr_config *base,
                          const plan_events *pe, const double *times, size_t nu,
                          const rr_config ***out)
{
    size_t ne = pe->n, nb = (ne + 7) / 8 + 1;
    const rr_config **cfgs = rri_alloc(c->sub.a, nu * sizeof *cfgs);
    unsigned char **sets = rri_alloc(c->sub.a, nu * sizeof *sets);
    unsigned char *cur = rri_alloc(c->sub.a, ne + 1);
    unsigned char *bits = rri_alloc(c->sub.a, nb);
    rri_map seen = {0}; /* epochs by their set of active events */
    int rc = RR_OK;
    if (!cfgs || !sets || !cur || !bits)
        return rri_oom(&c->sub);
    for (size_t i = 0; i < nu && rc == RR_OK; i++) {
        bool any = false;
        memset(bits, 0, nb);
        for (size_t e = 0; e < ne; e++) {
            const rr_event_info *ev = &pe->ev[e];
            cur[e] = pe->on[e] && ev->from <= times[i] && times[i] < ev->until;
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
        sets[i] = rri_alloc(c->sub.a, nb);
        if (!sets[i] || rri_map_add(&seen, h, i)) {
            rc = rri_oom(&c->sub);
            break;
        }
        memcpy(sets[i], bits, nb);
        rr_config *cfg = NULL;
        rc = epoch_config(c, cur, any, base, i ? cfgs[0] : NULL, &cfg);
        cfgs[i] = cfg;
    }
    rri_map_fini(&seen);
    *out = cfgs;
    return rc;
}

/* plan - every epoch into sc->plan. */
static int plan(rr_scenario *sc, char *err, size_t errlen)
{
    rri_ctx c;
    rr_config base;
    plan_events pe;
    double *times = NULL;
    size_t nt = 0;
    const rr_config **cfgs = NULL;
    int rc;
    memset(&base, 0, sizeof base);
    if (sc->countries_input >= 0) {
        /* the columns a value uses, marked by rri_column (unused.c) */
        const rr_table *t = sc->inputs[sc->countries_input].table;
        sc->col_used = rri_alloc(&sc->arena, t->n_cols + 1);
        if (!sc->col_used)
            return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
        int k = rr_table_col(t, "share");
        if (k >= 0)
            sc->col_used[k] = true;
    }
    if ((rc = ctx_init(&c, sc, NULL, err, errlen)) ||
        (rc = resolve_scenario(&c, &base)) ||
        (rc = read_events(&c, base.horizon, &pe, &times, &nt)) ||
        (rc = resolve_epochs(&c, &base, &pe, times, nt, &cfgs)) ||
        (rc = rri_check_unused_overrides(sc, err, errlen)) ||
        (rc = rri_check_unused_plan(sc, cfgs, nt, pe.on, err, errlen)))
        return rc;
    sc->plan.n_epochs = nt;
    sc->plan.t = times;
    sc->plan.cfg = cfgs;
    sc->plan.n_events = pe.n_on;
    sc->plan.events = pe.pev;
    sc->plan.n_overrides = sc->n_ov;
    sc->plan.overrides = sc->ov;
    return RR_OK;
}

int rr_scenario_plan(rr_scenario *sc, const rr_plan **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    if (!sc->planned) {
        int rc = plan(sc, err, errlen);
        if (rc != RR_OK)
            return rc;
        sc->planned = true;
    }
    *out = &sc->plan;
    return RR_OK;
}

/* }=================================================================== */
