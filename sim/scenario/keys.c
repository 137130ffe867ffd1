/*
 * keys.c - the vocabulary of a scenario file: channels and departures,
 * section kinds, every key of every section with its type, flags and
 * default (in documentation order: docs/scenarios.md), and suggestions for
 * a misspelt name.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

static const char *const channel_names[RR_CH_COUNT] = {
    "none", "rds", "iom", "ngo", "self", "forced"};

const char *rr_channel_name(rr_channel c)
{
    return (unsigned)c < RR_CH_COUNT ? channel_names[c] : "?";
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

const char *rri_sec_name(rri_sec_kind k)
{
    return (unsigned)k < RRI_SEC_COUNT ? sec_names[k] : "?";
}

bool rri_sec_named(rri_sec_kind k)
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
    {RRI_SEC_SCENARIO, "rng", RRI_T_TEXT, 0, "v1"},
    {RRI_SEC_SCENARIO, "calibrated_on", RRI_T_TEXT, 0, NULL},
    {RRI_SEC_SCENARIO, "left_unused", RRI_T_TEXT, 0, NULL},
    {RRI_SEC_SCENARIO, "override.", RRI_T_TEXT, 0, NULL},
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
    {RRI_SEC_EVENT, "chart", RRI_T_BOOL, 0, "yes"},
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

bool rri_keydef_family(const rri_keydef *d)
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
        size_t n = strlen(d->name);
        if (rri_keydef_family(d)
                ? strncmp(name, d->name, n) == 0 && name[n] != '\0'
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

/* rri_default_value - see scenario_int.h. */
const char *rri_default_value(const rr_scenario *sc, const rri_section *s,
                              const rri_keydef *d)
{
    if (d->def)
        return d->def;
    if (s->kind == RRI_SEC_ARRIVALS && strcmp(d->name, "stage") == 0)
        return sc->n_stages ? sc->sections[sc->stages[0]].sub : "";
    if (s->kind == RRI_SEC_REINTEGRATION &&
        strcmp(d->name, "remigration_stage") == 0) {
        long a = rri_setting_find(sc, "arrivals", "stage");
        if (a >= 0)
            return sc->settings[a].pub.value;
        return sc->n_stages ? sc->sections[sc->stages[0]].sub : "";
    }
    if (s->kind == RRI_SEC_EVENT && strcmp(d->name, "label") == 0)
        return s->sub;
    return NULL;
}

/* same_letters - a and b differ only in case and in the separators _ and
 * - ("ngoa", "ngo_a", "NGO-A"). */
static bool same_letters(const char *a, const char *b)
{
    for (;;) {
        while (*a == '_' || *a == '-')
            a++;
        while (*b == '_' || *b == '-')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
        a++;
        b++;
    }
}

/* rri_suggest - a candidate with the same letters as word but for case
 * and separators first ("ngoa" meant "ngo_a", not "ngo", though both are
 * one edit away); else the nearest by edits: one edit away for short
 * words, up to a third of the word for longer ones, ties going to the
 * earlier candidate. */
const char *rri_suggest(const char *word, const char *const *cand, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cand[i] && strcmp(cand[i], word) != 0 &&
            same_letters(cand[i], word))
            return cand[i];
    return rr_did_you_mean(word, strlen(word), cand, n, RR_DYM_AUTO, 0);
}

void rri_words_add(rri_words *ws, const char *w)
{
    if (!w || ws->status != RR_OK)
        return;
    if (rri_grow((void **)&ws->w, &ws->cap, ws->n + 1, sizeof *ws->w)) {
        ws->status = RR_ENOMEM;
        return;
    }
    ws->w[ws->n++] = w;
}
