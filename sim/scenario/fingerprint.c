/*
 * fingerprint.c - rr_plan_hash: a content hash of everything the model
 * reads from a plan, so that two plans can be compared by one number (a
 * scenario and the scenario.resolved.ini written from it must agree).
 *
 * FNV-1a 64 over the bytes of each value in a fixed order: numbers by
 * their bit pattern (the plan holds no NaN, and -0 is read as 0), texts
 * with their terminating NUL, every count before its items.  What only
 * messages use (a stage's line in its file) is left out.  An empirical
 * distribution counts by its size, mean and sd: its values are the
 * engine's (rr_empirical is opaque).
 */
#include <stdint.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

typedef struct fp {
    uint64_t h;
} fp;

static void add_bytes(fp *f, const void *p, size_t n)
{
    f->h = rri_hash(f->h, (const char *)p, n);
}

static void add_num(fp *f, double x)
{
    add_bytes(f, &x, sizeof x);
}

static void add_int(fp *f, uint64_t x)
{
    add_bytes(f, &x, sizeof x);
}

static void add_text(fp *f, const char *s)
{
    add_bytes(f, s, strlen(s) + 1);
}

static void add_nums(fp *f, const double *x, size_t n)
{
    add_int(f, n);
    for (size_t i = 0; i < n; i++)
        add_num(f, x[i]);
}

static void add_dist(fp *f, const rr_dist *d)
{
    add_int(f, (uint64_t)d->kind);
    for (int i = 0; i < 3; i++)
        add_num(f, d->p[i]);
    add_num(f, d->a);
    add_num(f, d->b);
    add_num(f, d->c);
    add_int(f, rr_empirical_size(d->emp));
}

static void add_routes(fp *f, const rr_route_table *r, size_t nc)
{
    add_int(f, r->n);
    for (size_t i = 0; i < r->n; i++)
        add_int(f, r->target[i]);
    add_nums(f, r->p, (size_t)r->n * nc);
}

static void add_stage(fp *f, const rr_cfg_stage *st, size_t nc)
{
    add_text(f, st->name);
    add_int(f, (uint64_t)(int64_t)st->servers);
    add_dist(f, &st->service);
    add_int(f, st->service_by_country != NULL);
    for (size_t k = 0; st->service_by_country && k < nc; k++)
        add_dist(f, &st->service_by_country[k]);
    add_num(f, st->service_scale);
    add_int(f, (uint64_t)st->discipline);
    add_int(f, (uint64_t)st->channel);
    add_int(f, st->detention);
    add_int(f, st->has_abscond);
    add_dist(f, &st->abscond);
    add_num(f, st->abscond_scale);
    add_int(f, (uint64_t)st->abscond_during);
    add_num(f, st->max_stay);
    for (int o = 0; o < RR_OUT_COUNT; o++)
        add_routes(f, &st->route[o], nc);
}

static void add_config(fp *f, const rr_config *c)
{
    size_t nc = c->n_countries;
    add_text(f, c->name);
    add_text(f, c->title);
    add_text(f, c->source);
    add_int(f, (uint64_t)rr_date_days(c->start));
    add_int(f, (uint64_t)rr_date_days(c->end));
    add_num(f, c->horizon);
    add_int(f, (uint64_t)c->report);
    add_num(f, c->warmup);
    add_int(f, c->seed);
    add_int(f, (uint64_t)c->replications);
    add_int(f, (uint64_t)c->rng);
    add_num(f, c->rate);
    add_int(f, c->entry_stage);
    add_num(f, c->vulnerable_share);
    add_nums(f, c->schedule_t, c->n_schedule);
    add_nums(f, c->schedule_factor, c->n_schedule);
    add_int(f, nc);
    for (size_t k = 0; k < nc; k++)
        add_text(f, c->country[k]);
    add_nums(f, c->country_share, nc);
    add_int(f, c->n_stages);
    for (size_t s = 0; s < c->n_stages; s++)
        add_stage(f, &c->stages[s], nc);
    add_int(f, c->n_providers);
    for (size_t p = 0; p < c->n_providers; p++) {
        const rr_cfg_provider *pv = &c->providers[p];
        add_text(f, pv->name);
        add_int(f, pv->channels);
        add_num(f, pv->from);
        add_num(f, pv->until);
        add_nums(f, pv->covered, nc);
    }
    add_dist(f, &c->support);
    add_nums(f, c->sustainable, nc);
    add_num(f, c->sustainable_unsupported);
    add_num(f, c->remigration_share);
    add_dist(f, &c->remigration_delay);
    add_int(f, c->remigration_stage);
    add_int(f, c->n_initial);
    for (size_t i = 0; i < c->n_initial; i++) {
        const rr_cfg_initial *in = &c->initial[i];
        add_int(f, in->stage);
        add_int(f, in->country);
        add_int(f, in->count);
        add_num(f, in->elapsed);
        add_num(f, in->age);
        add_int(f, in->channel);
    }
}

uint64_t rr_plan_hash(const rr_plan *plan)
{
    fp f = {RRI_HASH0};
    add_int(&f, plan->n_epochs);
    for (size_t i = 0; i < plan->n_epochs; i++) {
        add_num(&f, plan->t[i]);
        add_config(&f, plan->cfg[i]);
    }
    add_int(&f, plan->n_events);
    for (size_t e = 0; e < plan->n_events; e++) {
        const rr_event_info *ev = &plan->events[e];
        add_text(&f, ev->name);
        add_text(&f, ev->label);
        add_num(&f, ev->from);
        add_num(&f, ev->until);
    }
    return f.h;
}
