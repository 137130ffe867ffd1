/*
 * fuzz_resolved.c - scenario.resolved.ini reproduces the run: the input is
 * a scenario file; when it reads and plans, its scenario.resolved.ini is
 * written (with copies of its tables, as `rrsim run` does), read back and
 * planned, and both plans must agree epoch by epoch on every number the
 * model uses.  Comment lines of the input of the form ";set KEY=VALUE"
 * are passed as --set overrides, with "\n" in them standing for a line
 * break (so a value may hold one, as on a command line).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_scenario.h"

#define MAX_SETS 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    return 0;
}

static bool near(double a, double b)
{
    return a == b || (isnan(a) && isnan(b)) ||
           fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

#define SAME(what, a, b)                                                   \
    do {                                                                   \
        if (!near((double)(a), (double)(b)))                               \
            fz_fail("epoch %zu: %s is %.17g, read back %.17g", k, what,    \
                    (double)(a), (double)(b));                             \
    } while (0)
#define SAME_STR(what, a, b)                                               \
    do {                                                                   \
        if (strcmp((a), (b)) != 0)                                         \
            fz_fail("epoch %zu: %s is '%s', read back '%s'", k, what, (a), \
                    (b));                                                  \
    } while (0)

static void same_dist(size_t k, const char *what, const rr_dist *a,
                      const rr_dist *b)
{
    SAME(what, a->kind, b->kind);
    for (int i = 0; i < 3; i++)
        SAME(what, a->p[i], b->p[i]);
    SAME(what, rr_dist_mean(a), rr_dist_mean(b));
    SAME(what, rr_dist_sd(a), rr_dist_sd(b));
}

static void same_routes(size_t k, size_t nc, const rr_route_table *a,
                        const rr_route_table *b)
{
    SAME("a route's targets", a->n, b->n);
    for (size_t i = 0; i < a->n; i++)
        SAME("a route's target", a->target[i], b->target[i]);
    for (size_t i = 0; i < a->n * nc; i++)
        SAME("a route's probability", a->p[i], b->p[i]);
}

static void same_config(size_t k, const rr_config *a, const rr_config *b)
{
    size_t nc = a->n_countries;
    SAME_STR("the name", a->name, b->name);
    SAME_STR("the title", a->title, b->title);
    SAME_STR("the source", a->source, b->source);
    SAME("the start", rr_date_days(a->start), rr_date_days(b->start));
    SAME("the end", rr_date_days(a->end), rr_date_days(b->end));
    SAME("the horizon", a->horizon, b->horizon);
    SAME("the report period", a->report, b->report);
    SAME("the warm-up", a->warmup, b->warmup);
    SAME("the seed", a->seed, b->seed);
    SAME("the replications", a->replications, b->replications);
    SAME("the arrival rate", a->rate, b->rate);
    SAME("the entry stage", a->entry_stage, b->entry_stage);
    SAME("the vulnerable share", a->vulnerable_share, b->vulnerable_share);
    SAME("the schedule's steps", a->n_schedule, b->n_schedule);
    for (size_t i = 0; i < a->n_schedule; i++) {
        SAME("a schedule time", a->schedule_t[i], b->schedule_t[i]);
        SAME("a schedule factor", a->schedule_factor[i],
             b->schedule_factor[i]);
    }
    SAME("the countries", a->n_countries, b->n_countries);
    for (size_t i = 0; i < nc; i++) {
        SAME_STR("a country", a->country[i], b->country[i]);
        SAME("a country share", a->country_share[i], b->country_share[i]);
        SAME("a sustainable share", a->sustainable[i], b->sustainable[i]);
    }
    SAME("the stages", a->n_stages, b->n_stages);
    for (size_t s = 0; s < a->n_stages; s++) {
        const rr_cfg_stage *x = &a->stages[s], *y = &b->stages[s];
        SAME_STR("a stage", x->name, y->name);
        SAME("servers", x->servers, y->servers);
        same_dist(k, "a service", &x->service, &y->service);
        SAME("a per-country service", x->service_by_country != NULL,
             y->service_by_country != NULL);
        for (size_t i = 0; x->service_by_country && i < nc; i++)
            same_dist(k, "a per-country service", &x->service_by_country[i],
                      &y->service_by_country[i]);
        SAME("a service scale", x->service_scale, y->service_scale);
        SAME("a discipline", x->discipline, y->discipline);
        SAME("a channel", x->channel, y->channel);
        SAME("detention", x->detention, y->detention);
        SAME("absconding", x->has_abscond, y->has_abscond);
        if (x->has_abscond)
            same_dist(k, "abscond", &x->abscond, &y->abscond);
        SAME("an abscond scale", x->abscond_scale, y->abscond_scale);
        SAME("abscond_during", x->abscond_during, y->abscond_during);
        SAME("max_stay", x->max_stay, y->max_stay);
        for (int w = 0; w < RR_OUT_COUNT; w++)
            same_routes(k, nc, &x->route[w], &y->route[w]);
    }
    SAME("the providers", a->n_providers, b->n_providers);
    for (size_t p = 0; p < a->n_providers; p++) {
        const rr_cfg_provider *x = &a->providers[p], *y = &b->providers[p];
        SAME_STR("a provider", x->name, y->name);
        SAME("a provider's channels", x->channels, y->channels);
        SAME("a provider's start", x->from, y->from);
        SAME("a provider's end", x->until, y->until);
        for (size_t i = 0; i < nc; i++)
            SAME("a provider's coverage", x->covered[i], y->covered[i]);
    }
    same_dist(k, "support", &a->support, &b->support);
    SAME("sustainable_unsupported", a->sustainable_unsupported,
         b->sustainable_unsupported);
    SAME("remigration_share", a->remigration_share, b->remigration_share);
    same_dist(k, "remigration_delay", &a->remigration_delay,
              &b->remigration_delay);
    SAME("remigration_stage", a->remigration_stage, b->remigration_stage);
    SAME("the starting caseload's rows", a->n_initial, b->n_initial);
    for (size_t i = 0; i < a->n_initial; i++) {
        const rr_cfg_initial *x = &a->initial[i], *y = &b->initial[i];
        SAME("a starting stage", x->stage, y->stage);
        SAME("a starting country", x->country, y->country);
        SAME("a starting count", x->count, y->count);
        SAME("a starting time", x->elapsed, y->elapsed);
        SAME("a starting age", x->age, y->age);
        SAME("a starting channel", x->channel, y->channel);
    }
}

static void same_plan(const rr_plan *a, const rr_plan *b)
{
    size_t k = 0;
    SAME("the number of epochs", a->n_epochs, b->n_epochs);
    SAME("the number of events", a->n_events, b->n_events);
    for (size_t e = 0; e < a->n_events; e++) {
        SAME_STR("an event", a->events[e].name, b->events[e].name);
        SAME_STR("an event's label", a->events[e].label,
                 b->events[e].label);
        SAME("an event's start", a->events[e].from, b->events[e].from);
        SAME("an event's end", a->events[e].until, b->events[e].until);
    }
    for (k = 0; k < a->n_epochs; k++) {
        SAME("the epoch's start", a->t[k], b->t[k]);
        same_config(k, a->cfg[k], b->cfg[k]);
    }
}

/* unescape - "\n" in s as a line break, in place. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[1024], out[1024], err[1024] = "";
    char *text, *line[4096];
    const char *set[MAX_SETS];
    size_t n = 0, got;
    rr_scenario *sc = NULL, *back = NULL;
    const rr_plan *plan, *plan2;
    rr_manifest m = {"fuzz", NULL, NULL};

    fz_setup();
    fz_write("fuzz.ini", data, size);
    text = fz_text(data, size);
    got = fz_lines(text, line, RR_COUNTOF(line));
    for (size_t i = 0; i < got && n < MAX_SETS; i++)
        if (strncmp(line[i], ";set ", 5) == 0) {
            unescape(line[i] + 5);
            set[n++] = line[i] + 5;
        }
    fz_path("fuzz.ini", path, sizeof path);
    if (rr_scenario_load(path, set, n, &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        rr_scenario_destroy(sc);
        free(text);
        return 0;
    }
    fz_path("out", out, sizeof out);
    rr_remove_tree(out);
    if (mkdir(out, 0700) != 0)
        fz_fail("cannot make '%s'", out);
    if (rr_write_resolved(out, sc, &m, err, sizeof err) != RR_OK)
        fz_fail("cannot write scenario.resolved.ini: %s", err);
    fz_path("out/scenario.resolved.ini", path, sizeof path);
    if (rr_scenario_load(path, NULL, 0, &back, err, sizeof err) != RR_OK ||
        rr_scenario_plan(back, &plan2, err, sizeof err) != RR_OK)
        fz_fail("scenario.resolved.ini does not read back: %s", err);
    fz_check_plan(plan);
    same_plan(plan, plan2);
    rr_scenario_destroy(back);
    rr_scenario_destroy(sc);
    free(text);
    return 0;
}
