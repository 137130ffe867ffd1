/*
 * model.c - one replication of the return-and-reintegration model.
 *
 * The stages of the plan become the stations of an rr_net (one class per
 * country); the model listens to the network's hooks to keep channels,
 * departures by kind, detention occupancy and time to departure, and runs
 * its own events for what happens after departure (reintegration outcome,
 * re-migration) and for the plan's dated changes (epochs, arrival
 * schedule).  Periods are closed by running the calendar up to each period
 * bound in turn; a period is (bound[k-1], bound[k]].
 *
 * Memory: entities come from the network's pool, returnees (departed cases
 * waiting for their reintegration outcome) from the model's own; the only
 * allocation that grows with a run is the sample of times to departure,
 * doubled as needed (amortised O(1), not per case).
 *
 * Failures and limits.  The calendar is run in slices of RR_MODEL_SLICE
 * events; after each slice check() looks at the stop flags, at the
 * failures latched by the network (rr_net_status) and by the model itself
 * (m->status: every rr_calendar_schedule and every allocation is checked
 * and latches one; a latch halts the slice at once), and at the pace of
 * the clock.
 * The number of cases in the system is bounded by the network
 * (rr_net_set_max_in_system), the number of pending events by the
 * calendar (rr_calendar_set_max_pending); a
 * failure becomes a status and a message naming what overflowed, never an
 * abort.  The slices run the same events in the same order as one call, so
 * results do not change; the checks cost a compare per event.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_calendar.h"
#include "rr_common.h"
#include "rr_indicator.h"
#include "rr_model.h"
#include "rr_network.h"
#include "rr_pool.h"
#include "rr_rng.h"
#include "rr_stats.h"
#include "rr_util.h"
#include "tables_int.h"

/* ---- metrics and KPIs ---------------------------------------------------- */

enum {
    M_ARRIVALS,
    M_ARRIVALS_REMIGRATION,
    M_DEP0, /* RR_DEP_COUNT departure kinds */
    M_CASELOAD_TOTAL = M_DEP0 + RR_DEP_COUNT,
    M_DETENTION,
    M_TTD_MEAN,
    M_FIXED
};

/* The names, units and order of the metrics and KPIs are the indicator
 * registry's (rr_indicator_metrics[], rr_indicator_kpis[]); the indices
 * above follow that order, the families of stages and providers coming
 * after the M_FIXED and K_FIXED fixed ones (checked by test_indicator and
 * test_model). */

enum {
    K_DEP0,
    K_VERIFIED = K_DEP0 + RR_DEP_COUNT,
    K_ARRIVALS,
    K_IOM_SHARE,
    K_TTD_MEAN,
    K_TTD_MEDIAN,
    K_TTD_P90,
    K_CASELOAD_START,
    K_CASELOAD_END,
    K_DETENTION_MEAN,
    K_SUSTAINABLE,
    K_SUPPORTED,
    K_FIXED
};

/* ---- one replication ----------------------------------------------------- */

enum { ORIGIN_ARRIVAL = 0, ORIGIN_INITIAL = 1, ORIGIN_REMIGRATION = 2 };

/* The model's bytes in every entity: the live list (for the trace at the
 * end of a run) and milestones. */
typedef struct case_data {
    rr_entity *prev, *next;
    double t_channel;
    uint8_t origin;
    uint8_t vulnerable;
} case_data;

/* A departed case waiting for its reintegration outcome. */
typedef struct returnee {
    struct returnee *prev, *next;
    uint32_t id, country;
    int provider;
    uint8_t origin, vulnerable, channel, departure;
    double t_entry, t_channel, t_departure;
    int outcome;
    double t_outcome;
} returnee;

typedef struct model {
    const rr_plan *plan;
    const rr_layout *lay;
    const rr_config *cfg;       /* the epoch in force */
    rr_calendar *cal;
    gsl_rng *rng[RR_STREAM_COUNT];
    rr_net *net;
    rr_pool *returnees;
    rr_rep_result *out;
    rr_case_fn *on_case;
    void *case_ctx;

    size_t period;
    double *row;                /* out->values row of the current period */
    double factor;              /* arrival schedule factor in force */
    size_t sched_i;             /* next schedule entry */
    size_t epoch;
    rr_timeavg detention;
    double det_area0;           /* detention area at the period start */
    double ttd_sum_period, ttd_n_period;

    /* KPIs, counted from the end of warm-up */
    double dep[RR_DEP_COUNT];
    double arrivals;
    double *reint;              /* n_providers + 1 (none) */
    double sust_yes, sust_no;
    rr_mean ttd;                /* times to departure after the warm-up */
    rr_qhist ttd_q;             /* ... their quantiles, bounded memory */
    double caseload_start;
    double det_area_warm;       /* detention area at the end of warm-up */
    int status;                 /* first failure latched, or RR_OK */
    bool bad_rate;              /* that failure: the arrival rate */
    unsigned char *redo;        /* n_stages, REDO_* for rehazard() */
    bool unseen_unsupported;    /* an unsupported returnee's outcome is
                                   seen by nothing (see quiet_outcomes) */
    gsl_rng *trace_rng;         /* then, with a trace: its own stream for
                                   those outcomes */

    /* limits and the pace of the clock (check()) */
    rr_model_ctl ctl;
    uint64_t max_cases;
    uint64_t max_events;        /* pending at once */
    uint64_t stall_events;      /* events over which a slow clock is stuck */
    uint64_t stall_exact;       /* the same when it has not moved at all */
    double win_t;               /* clock at the start of the window */
    uint64_t win_ev;            /* events run then */
    uint64_t win_peak;          /* most cases held during the window */
    uint64_t *win_count;        /* n_stages + 1: activity per stage, and
                                   arrivals, at the start of the window */

    rr_entity *live;            /* cases in the network */
    returnee *waiting;          /* departed, outcome pending */
    size_t n_stages;
    rri_tables tab;             /* the stage and country tables */
} model;

static inline case_data *cd(rr_entity *e)
{
    return rr_entity_user(e);
}

static inline bool warm(const model *m)
{
    return rr_calendar_now(m->cal) >= m->cfg->warmup;
}

/* fail - latch the first failure of the run and halt the calendar, so
 * that check() finds it after this event. */
static void fail(model *m, int status)
{
    if (m->status == RR_OK)
        m->status = status;
    rr_calendar_halt(m->cal);
}

/* sched - fn(m, object) at t, or a failure latched: a time that is not a
 * number >= now (a delay drawn as NaN) must not reach the calendar, and a
 * 0 from it (out of memory, too many pending events) must not pass
 * unnoticed. */
static uint64_t sched(model *m, double t, rr_event_fn *fn, void *object)
{
    uint64_t h;

    if (!(t >= rr_calendar_now(m->cal))) {
        fail(m, RR_EINVAL);
        return 0;
    }
    h = rr_calendar_schedule(m->cal, t, fn, m, object);
    if (h == 0)
        fail(m, rr_calendar_status(m->cal));
    return h;
}

/* draw - a duration from d on stream r, drawn as the run's version of the
 * random streams draws it. */
static double draw(const model *m, const rr_dist *d, gsl_rng *r)
{
    return rr_dist_sample_v(d, r, (rr_rng_version)m->plan->cfg[0]->rng);
}

/* live_push, live_remove - a case joins or leaves the caseload: the list
 * of cases and, per country, their number (the country table's stock,
 * kept apart from its flows). */
static void live_push(model *m, rr_entity *e)
{
    case_data *c = cd(e);
    m->tab.caseload[e->klass] += 1;
    c->prev = NULL;
    c->next = m->live;
    if (m->live)
        cd(m->live)->prev = e;
    m->live = e;
}

static void live_remove(model *m, rr_entity *e)
{
    case_data *c = cd(e);
    m->tab.caseload[e->klass] -= 1;
    if (c->prev)
        cd(c->prev)->next = c->next;
    else
        m->live = c->next;
    if (c->next)
        cd(c->next)->prev = c->prev;
}

static void emit_entity(model *m, rr_entity *e)
{
    rr_case_record r = {
        .id = e->id,
        .country = e->klass,
        .vulnerable = cd(e)->vulnerable,
        .origin = cd(e)->origin,
        .t_entry = e->t_system,
        .t_channel = cd(e)->t_channel,
        .channel = e->channel,
        .departure = -1,
        .t_departure = NAN,
        .provider = -1,
        .outcome = -1,
        .t_outcome = NAN,
        .remigrates = 0,
        .last_stage = e->station,
    };
    m->on_case(m->case_ctx, &r);
}

static void emit_returnee(model *m, const returnee *q, int remigrates)
{
    rr_case_record r = {
        .id = q->id,
        .country = q->country,
        .vulnerable = q->vulnerable,
        .origin = q->origin,
        .t_entry = q->t_entry,
        .t_channel = q->t_channel,
        .channel = q->channel,
        .departure = q->departure,
        .t_departure = q->t_departure,
        .provider = q->provider,
        .outcome = q->outcome,
        .t_outcome = q->t_outcome,
        .remigrates = remigrates,
        .last_stage = RR_NONE,
    };
    m->on_case(m->case_ctx, &r);
}

static void ttd_add(model *m, double x)
{
    rr_mean_add(&m->ttd, x);
    if (rr_qhist_add(&m->ttd_q, x) != RR_OK)
        fail(m, RR_ENOMEM);
}

/* ---- configuration changes ----------------------------------------------- */

/* apply_rate - the arrival rate in force: the scenario's times the
 * schedule's factor.  A product that is not a finite number >= 0 (two
 * huge factors) is an error, not a source that silently stops. */
static void apply_rate(model *m)
{
    double r = m->cfg->rate * m->factor;
    if (!(r >= 0 && r <= DBL_MAX)) {
        m->bad_rate = true;
        fail(m, RR_EINVAL);
        r = 0;
    }
    rr_net_set_source_rate(m->net, 0, r);
}

static bool same_dist(const rr_dist *a, const rr_dist *b)
{
    return a->kind == b->kind && a->p[0] == b->p[0] && a->p[1] == b->p[1] &&
           a->p[2] == b->p[2] && a->emp == b->emp;
}

/* rehazard - what a new configuration changes for the cases already at a
 * stage: where the exponential absconding hazard changed, their clocks are
 * drawn afresh, so a policy change of a hazard reaches the whole caseload
 * at once (exact, the exponential being memoryless; other patience
 * distributions keep the clocks already running); where the maximum stay
 * changed, their release is set anew from when they entered the stage (at
 * once for those already past a shorter maximum).  O(cases present), only
 * at epoch changes. */
enum { REDO_PATIENCE = 1, REDO_TIMEOUT = 2 };

static void rehazard(model *m, const rr_config *old, const rr_config *cfg)
{
    bool any = false;
    unsigned char *redo = m->redo;

    for (uint32_t s = 0; s < cfg->n_stages; s++) {
        const rr_cfg_stage *a = &old->stages[s], *b = &cfg->stages[s];
        bool patience =
            b->has_abscond && b->abscond.kind == RR_DIST_EXPONENTIAL &&
            (!a->has_abscond || !same_dist(&a->abscond, &b->abscond) ||
             a->abscond_scale != b->abscond_scale);
        bool timeout = !(a->max_stay == b->max_stay);
        redo[s] = (unsigned char)((patience ? REDO_PATIENCE : 0) |
                                  (timeout ? REDO_TIMEOUT : 0));
        any = any || redo[s];
    }
    if (!any)
        return;
    for (rr_entity *e = m->live; e; e = cd(e)->next) {
        if (e->station == RR_NONE)
            continue;
        if (redo[e->station] & REDO_PATIENCE)
            rr_net_restart_patience(m->net, e);
        if (redo[e->station] & REDO_TIMEOUT)
            rr_net_restart_timeout(m->net, e);
    }
}

static void apply_config(model *m, const rr_config *cfg)
{
    const rr_config *old = m->cfg;
    m->cfg = cfg;
    for (uint32_t s = 0; s < cfg->n_stages; s++) {
        const rr_cfg_stage *st = &cfg->stages[s];
        rr_net_set_service(m->net, s, &st->service, st->service_by_country);
        rr_net_set_service_scale(m->net, s, st->service_scale);
        rr_net_set_patience(m->net, s, st->has_abscond, &st->abscond);
        rr_net_set_patience_scale(m->net, s, st->abscond_scale);
        rr_net_set_max_stay(m->net, s, st->max_stay);
        for (int w = 0; w < RR_OUT_COUNT; w++)
            if (st->route[w].n > 0)
                rr_net_set_route(m->net, s, (rr_way_out)w, &st->route[w]);
        /* servers last: raising them starts waiting cases, which must see
         * the new distributions */
        if (rr_net_servers(m->net, s) != st->servers)
            rr_net_set_servers(m->net, s, st->servers);
        rri_tables_servers(&m->tab, s, rr_net_now(m->net),
                           rr_net_servers(m->net, s));
    }
    if (old != cfg)
        rehazard(m, old, cfg);
    apply_rate(m);
}

static void ev_epoch(void *subject, void *object)
{
    model *m = subject;
    RR_UNUSED(object);
    m->epoch++;
    apply_config(m, m->plan->cfg[m->epoch]);
    if (m->epoch + 1 < m->plan->n_epochs)
        sched(m, m->plan->t[m->epoch + 1], ev_epoch, NULL);
}

static void ev_schedule(void *subject, void *object)
{
    model *m = subject;
    const rr_config *c = m->cfg;
    RR_UNUSED(object);
    m->factor = c->schedule_factor[m->sched_i];
    m->sched_i++;
    apply_rate(m);
    if (m->sched_i < c->n_schedule)
        sched(m, c->schedule_t[m->sched_i], ev_schedule, NULL);
}

/* ---- network hooks --------------------------------------------------------- */

static void case_create(void *ctx, rr_net *net, rr_entity *e, uint32_t src)
{
    model *m = ctx;
    RR_UNUSED(src);
    cd(e)->origin = ORIGIN_ARRIVAL;
    cd(e)->vulnerable =
        m->cfg->vulnerable_share > 0 &&
        gsl_rng_uniform(rr_net_rng(net, RR_STREAM_MODEL)) <
            m->cfg->vulnerable_share;
    cd(e)->t_channel = NAN;
    e->priority = cd(e)->vulnerable ? 0 : 1;
    e->channel = RR_CH_NONE;
    live_push(m, e);
    m->row[M_ARRIVALS] += 1;
    rri_tables_arrival(&m->tab, e->klass, false);
    if (warm(m))
        m->arrivals += 1;
}

static void case_enter(void *ctx, rr_net *net, rr_entity *e, uint32_t s)
{
    model *m = ctx;
    const rr_cfg_stage *st = &m->cfg->stages[s];
    RR_UNUSED(net); /* the clock is read from the calendar, inline */
    if (st->channel != RR_CH_NONE && st->channel != e->channel) {
        e->channel = st->channel;
        if (st->channel != RR_CH_RDS)
            cd(e)->t_channel = rr_calendar_now(m->cal);
    }
    if (st->detention)
        rr_timeavg_add(&m->detention, rr_calendar_now(m->cal), 1);
}

static void case_leave(void *ctx, rr_net *net, rr_entity *e, uint32_t s,
                     rr_way_out way, uint32_t target)
{
    model *m = ctx;
    RR_UNUSED(net);
    RR_UNUSED(e);
    RR_UNUSED(way);
    RR_UNUSED(target);
    if (m->cfg->stages[s].detention)
        rr_timeavg_add(&m->detention, rr_calendar_now(m->cal), -1);
}

static void ev_remigrate(void *subject, void *object);

/* returnee_of - case e leaving by kind at now, as the trace records it:
 * no provider, outcome undecided. */
static returnee returnee_of(rr_entity *e, rr_departure kind, double now)
{
    return (returnee){
        .id = e->id, .country = e->klass, .provider = -1,
        .origin = cd(e)->origin, .vulnerable = cd(e)->vulnerable,
        .channel = e->channel, .departure = (uint8_t)kind,
        .t_entry = e->t_system, .t_channel = cd(e)->t_channel,
        .t_departure = now, .outcome = -1, .t_outcome = NAN,
    };
}

/* emit_quiet - the trace's row of an unsupported returnee whose outcome
 * nothing else sees (quiet_outcomes): the support time and the outcome
 * drawn now from the trace's own stream, as ev_outcome would draw them
 * later; undecided (-1) when they fall after the end of the run, as for a
 * returnee still waiting then. */
static void emit_quiet(model *m, rr_entity *e, rr_departure kind, double now)
{
    const rr_config *c = m->cfg;
    gsl_rng *r = m->trace_rng;
    returnee q = returnee_of(e, kind, now);
    double t = now + draw(m, &c->support, r);
    int outcome = gsl_rng_uniform(r) < c->sustainable_unsupported;
    if (t <= m->plan->cfg[0]->horizon) {
        q.outcome = outcome;
        q.t_outcome = t;
    }
    emit_returnee(m, &q, 0);
}

static void ev_outcome(void *subject, void *object)
{
    model *m = subject;
    returnee *q = object;
    const rr_config *c = m->cfg;
    gsl_rng *r = m->rng[RR_STREAM_MODEL];
    double p = q->provider >= 0 ? c->sustainable[q->country]
                                : c->sustainable_unsupported;
    int remig = 0;

    q->outcome = gsl_rng_uniform(r) < p;
    q->t_outcome = rr_calendar_now(m->cal);
    if (q->provider >= 0 && warm(m)) {
        if (q->outcome)
            m->sust_yes += 1;
        else
            m->sust_no += 1;
    }
    if (!q->outcome && c->remigration_share > 0 &&
        gsl_rng_uniform(r) < c->remigration_share) {
        remig = 1;
        sched(m, q->t_outcome + draw(m, &c->remigration_delay, r),
              ev_remigrate, q);
    }
    if (m->on_case)
        emit_returnee(m, q, remig);
    if (!remig) {
        if (q->prev)
            q->prev->next = q->next;
        else
            m->waiting = q->next;
        if (q->next)
            q->next->prev = q->prev;
        rr_pool_put(m->returnees, q);
    } else {
        q->outcome = -2; /* marks: already reported, coming back */
    }
}

static void ev_remigrate(void *subject, void *object)
{
    model *m = subject;
    returnee *q = object;
    rr_entity *e = rr_net_new_entity(m->net);

    if (q->prev)
        q->prev->next = q->next;
    else
        m->waiting = q->next;
    if (q->next)
        q->next->prev = q->prev;
    if (!e) {
        /* latched by the network: out of memory or at max_cases */
        rr_pool_put(m->returnees, q);
        return;
    }
    e->klass = q->country;
    cd(e)->origin = ORIGIN_REMIGRATION;
    cd(e)->vulnerable = q->vulnerable;
    cd(e)->t_channel = NAN;
    e->priority = q->vulnerable ? 0 : 1;
    e->channel = RR_CH_NONE;
    rr_pool_put(m->returnees, q);
    live_push(m, e);
    m->row[M_ARRIVALS] += 1;
    m->row[M_ARRIVALS_REMIGRATION] += 1;
    rri_tables_arrival(&m->tab, e->klass, true);
    if (warm(m))
        m->arrivals += 1;
    rr_net_enter(m->net, e, m->cfg->remigration_stage, 0);
}

static int pick_provider(const model *m, uint32_t country, int channel)
{
    const rr_config *c = m->cfg;
    double now = rr_calendar_now(m->cal);
    for (size_t i = 0; i < c->n_providers; i++) {
        const rr_cfg_provider *p = &c->providers[i];
        if ((p->channels & (1u << channel)) && now >= p->from &&
            now <= p->until && p->covered[country] > 0)
            return (int)i;
    }
    return -1;
}

static void case_exit(void *ctx, rr_net *net, rr_entity *e, uint32_t x,
                    uint32_t s, rr_way_out way)
{
    model *m = ctx;
    const rr_config *c = m->cfg;
    double now = rr_calendar_now(m->cal);
    bool w = warm(m);
    rr_departure kind;
    RR_UNUSED(net);
    RR_UNUSED(s);
    RR_UNUSED(way);

    live_remove(m, e);
    if (x == RR_EXIT_UNSUPERVISED) {
        kind = RR_DEP_UNSUPERVISED;
    } else if (x == RR_EXIT_CLOSED) {
        kind = RR_DEP_CLOSED;
    } else {
        switch (e->channel) {
        case RR_CH_IOM: kind = RR_DEP_VOLUNTARY_IOM; break;
        case RR_CH_NGO: kind = RR_DEP_VOLUNTARY_NGO; break;
        case RR_CH_FORCED: kind = RR_DEP_FORCED; break;
        default: kind = RR_DEP_VOLUNTARY_SELF; break;
        }
    }
    m->row[M_DEP0 + kind] += 1;
    rri_tables_departure(&m->tab, e->klass, (int)kind);
    if (w)
        m->dep[kind] += 1;

    if (x != RR_EXIT_DEPARTED) {
        if (m->on_case) {
            returnee q = returnee_of(e, kind, now);
            emit_returnee(m, &q, 0);
        }
        return;
    }

    /* a verified departure: time to departure and reintegration */
    m->ttd_sum_period += now - e->t_system;
    m->ttd_n_period += 1;
    if (w)
        ttd_add(m, now - e->t_system);
    {
        int prov = pick_provider(m, e->klass,
                                 e->channel == RR_CH_NONE ||
                                         e->channel == RR_CH_RDS
                                     ? RR_CH_SELF
                                     : e->channel);
        size_t np = c->n_providers;
        returnee *q;
        m->row[M_FIXED + m->n_stages + (prov >= 0 ? (size_t)prov : np)] += 1;
        rri_tables_reintegration(&m->tab, e->klass, prov);
        if (w)
            m->reint[prov >= 0 ? (size_t)prov : np] += 1;
        if (prov < 0 && m->unseen_unsupported) {
            if (m->on_case)
                emit_quiet(m, e, kind, now);
            return;
        }
        q = rr_pool_get(m->returnees);
        if (!q) {
            fail(m, RR_ENOMEM);
            return;
        }
        *q = (returnee){
            .id = e->id, .country = e->klass, .provider = prov,
            .origin = cd(e)->origin, .vulnerable = cd(e)->vulnerable,
            .channel = e->channel, .departure = (uint8_t)kind,
            .t_entry = e->t_system, .t_channel = cd(e)->t_channel,
            .t_departure = now, .outcome = -1, .t_outcome = NAN,
        };
        q->prev = NULL;
        q->next = m->waiting;
        if (m->waiting)
            m->waiting->prev = q;
        m->waiting = q;
        sched(m, now + draw(m, &c->support, m->rng[RR_STREAM_MODEL]),
              ev_outcome, q);
    }
}

/* ---- setting up and running ------------------------------------------------ */

/* quiet_outcomes - whether, from streams v2, an unsupported returnee's
 * reintegration outcome may go undrawn: no epoch can send the returnee
 * back (remigration_share 0 throughout) and the sustainable share counts
 * supported returnees only, so only a trace would see it.  Then the outcome
 * event (months after departure) and its draws are skipped, which changes
 * no result but the random numbers left to the model stream; a trace draws
 * the outcome at departure from a stream of its own (emit_quiet), so that
 * tracing a run does not change its results. */
static bool quiet_outcomes(const model *m)
{
    if (m->plan->cfg[0]->rng < RR_RNG_V2)
        return false;
    for (size_t i = 0; i < m->plan->n_epochs; i++)
        if (m->plan->cfg[i]->remigration_share > 0)
            return false;
    return true;
}

/* any_detention - whether a stage is a detention in any epoch: only then
 * does a case leaving a stage need the model (case_leave counts the
 * detention places in use), and the network calls no hook otherwise. */
static bool any_detention(const model *m)
{
    for (size_t i = 0; i < m->plan->n_epochs; i++)
        for (uint32_t s = 0; s < m->plan->cfg[i]->n_stages; s++)
            if (m->plan->cfg[i]->stages[s].detention)
                return true;
    return false;
}

static int build(model *m, char *err, size_t errlen)
{
    const rr_config *c = m->plan->cfg[0];
    rr_station_spec *st = calloc(c->n_stages, sizeof *st);
    rr_source_spec src;
    rr_net_spec spec;

    if (!st)
        return RR_ENOMEM;
    for (uint32_t s = 0; s < c->n_stages; s++) {
        const rr_cfg_stage *cs = &c->stages[s];
        st[s].name = cs->name;
        st[s].servers = cs->servers;
        st[s].service = cs->service;
        st[s].service_by_class = cs->service_by_country;
        st[s].discipline = cs->discipline;
        st[s].has_patience = cs->has_abscond;
        st[s].patience = cs->abscond;
        st[s].patience_scope = cs->abscond_during;
        st[s].max_stay = cs->max_stay;
        for (int w = 0; w < RR_OUT_COUNT; w++)
            st[s].route[w] = cs->route[w];
    }
    src = (rr_source_spec){
        .name = "arrivals",
        .rate = 0,
        .station = c->entry_stage,
        .n_classes = (uint32_t)c->n_countries,
        .class_weight = c->country_share,
    };
    spec = (rr_net_spec){
        .n_stations = (uint32_t)c->n_stages,
        .stations = st,
        .n_sources = 1,
        .sources = &src,
        .n_exits = RR_EXIT_COUNT,
        .n_classes = (uint32_t)c->n_countries,
        .rng = c->rng,
        .user_size = sizeof(case_data),
        .hooks = {.ctx = m,
                  .on_create = case_create,
                  .on_enter = case_enter,
                  .on_leave = any_detention(m) ? case_leave : NULL,
                  .on_exit = case_exit},
    };
    m->net = rr_net_create(&spec, m->cal, m->rng, err, errlen);
    free(st);
    if (!m->net)
        return RR_EINVAL;
    rr_net_set_max_in_system(m->net, m->max_cases);
    return RR_OK;
}

/* add_initial - the starting caseload; a case the network refuses is
 * latched there (check() reports it).  A caseload of millions takes a
 * while: the stop flags are looked at as between slices. */
static void add_initial(model *m)
{
    const rr_config *c = m->cfg;
    gsl_rng *r = m->rng[RR_STREAM_MODEL];
    for (size_t i = 0; i < c->n_initial; i++) {
        const rr_cfg_initial *in = &c->initial[i];
        for (uint32_t j = 0; j < in->count; j++) {
            rr_entity *e;
            if ((j & (RR_MODEL_SLICE - 1)) == 0 &&
                ((m->ctl.stop && *m->ctl.stop) ||
                 (m->ctl.halt && *m->ctl.halt)))
                return; /* check() says so */
            if (!(e = rr_net_new_entity(m->net)))
                return;
            e->klass = in->country;
            e->t_system = -in->age;
            e->channel = in->channel;
            cd(e)->origin = ORIGIN_INITIAL;
            cd(e)->vulnerable = c->vulnerable_share > 0 &&
                                gsl_rng_uniform(r) < c->vulnerable_share;
            cd(e)->t_channel = in->channel != RR_CH_NONE &&
                                       in->channel != RR_CH_RDS
                                   ? -in->elapsed
                                   : NAN;
            e->priority = cd(e)->vulnerable ? 0 : 1;
            live_push(m, e);
            m->caseload_start += 1;
            rr_net_enter(m->net, e, in->stage, in->elapsed);
        }
    }
}

/* close_period - fill the stock columns of period k at its end bound. */
static void close_period(model *m, size_t k, double t1)
{
    double t0 = m->lay->periods.bounds[k];
    double area = rr_timeavg_area(&m->detention, t1);
    double *row = m->row;

    row[M_CASELOAD_TOTAL] = (double)rr_net_in_system(m->net);
    row[M_DETENTION] = t1 > t0 ? (area - m->det_area0) / (t1 - t0) : NAN;
    row[M_TTD_MEAN] = m->ttd_n_period > 0
                          ? m->ttd_sum_period / m->ttd_n_period
                          : NAN;
    for (uint32_t s = 0; s < m->n_stages; s++)
        row[M_FIXED + s] = rr_net_present(m->net, s);
    rri_tables_period(&m->tab, m->net, k, t0, t1);
    m->det_area0 = area;
    m->ttd_sum_period = m->ttd_n_period = 0;
}

static void finish_kpis(model *m)
{
    const rr_config *c = m->cfg;
    double *k = m->out->kpi;
    double h = c->horizon, w = c->warmup;
    double assisted;
    size_t np = c->n_providers;

    for (int i = 0; i < RR_DEP_COUNT; i++)
        k[K_DEP0 + i] = m->dep[i];
    k[K_VERIFIED] = m->dep[RR_DEP_VOLUNTARY_IOM] +
                    m->dep[RR_DEP_VOLUNTARY_NGO] +
                    m->dep[RR_DEP_VOLUNTARY_SELF] + m->dep[RR_DEP_FORCED];
    k[K_ARRIVALS] = m->arrivals;
    assisted = m->dep[RR_DEP_VOLUNTARY_IOM] + m->dep[RR_DEP_VOLUNTARY_NGO];
    k[K_IOM_SHARE] =
        assisted > 0 ? m->dep[RR_DEP_VOLUNTARY_IOM] / assisted : NAN;
    if (m->ttd.n > 0) {
        k[K_TTD_MEAN] = rr_mean_value(&m->ttd);
        k[K_TTD_MEDIAN] = rr_qhist_quantile(&m->ttd_q, 0.5);
        k[K_TTD_P90] = rr_qhist_quantile(&m->ttd_q, 0.9);
    } else {
        k[K_TTD_MEAN] = k[K_TTD_MEDIAN] = k[K_TTD_P90] = NAN;
    }
    k[K_CASELOAD_START] = m->caseload_start;
    k[K_CASELOAD_END] = (double)rr_net_in_system(m->net);
    k[K_DETENTION_MEAN] =
        h > w ? (rr_timeavg_area(&m->detention, h) - m->det_area_warm) /
                    (h - w)
              : NAN;
    k[K_SUSTAINABLE] = m->sust_yes + m->sust_no > 0
                           ? m->sust_yes / (m->sust_yes + m->sust_no)
                           : NAN;
    {
        double supported = 0;
        for (size_t i = 0; i < np; i++)
            supported += m->reint[i];
        k[K_SUPPORTED] =
            k[K_VERIFIED] > 0 ? supported / k[K_VERIFIED] : NAN;
    }
    for (size_t i = 0; i <= np; i++)
        k[K_FIXED + i] = m->reint[i];
}

static void ev_warm(void *subject, void *object)
{
    model *m = subject;
    RR_UNUSED(object);
    m->det_area_warm = rr_timeavg_area(&m->detention, rr_calendar_now(m->cal));
}

/* ---- limits, failures and the pace of the clock ------------------------- */

/* count_text - a count as people read it: "9850", "9.9 million" (cut, not
 * rounded: 9,999,999 is not "10.0 million"). */
static const char *count_text(double n, char *buf, size_t len)
{
    if (n < 1e6)
        snprintf(buf, len, "%.0f", n);
    else if (n < 1e9)
        snprintf(buf, len, "%.1f million", floor(n / 1e5) / 10);
    else
        snprintf(buf, len, "%.1f billion", floor(n / 1e8) / 10);
    return buf;
}

/* fullest - the stage holding the most cases. */
static uint32_t fullest(const model *m)
{
    uint32_t best = 0;
    for (uint32_t s = 1; s < m->n_stages; s++)
        if (rr_net_present(m->net, s) > rr_net_present(m->net, best))
            best = s;
    return best;
}

/* activity - what a stage has done since the network was built: every
 * entry, service start and end, abandonment and time-out; after the
 * stages, the arrivals. */
static uint64_t activity(const model *m, uint32_t s)
{
    const rr_station_stats *x;
    if (s == m->n_stages)
        return rr_net_arrivals(m->net);
    x = rr_net_stats(m->net, s);
    return x->entered + x->started + x->completed + x->abandoned +
           x->timed_out;
}

/* window_start - the pace of the clock is measured from here. */
static void window_start(model *m, uint64_t events, uint64_t held)
{
    m->win_t = rr_calendar_now(m->cal);
    m->win_ev = events;
    m->win_peak = held;
    for (uint32_t s = 0; s <= m->n_stages; s++)
        m->win_count[s] = activity(m, s);
}

/* stuck - the message for a clock that no longer advances: where it
 * stands, and the stages (or the arrivals) doing most of the events since
 * the window opened. */
static int stuck(model *m, uint64_t events, char *err, size_t errlen)
{
    uint32_t top[3] = {RR_NONE, RR_NONE, RR_NONE};
    uint64_t d[3] = {0, 0, 0};
    double now = rr_calendar_now(m->cal);
    char n[32], rate[32], who[512] = "";
    size_t len = 0, k;

    for (uint32_t s = 0; s <= m->n_stages; s++) {
        uint64_t x = activity(m, s) - m->win_count[s];
        for (k = 0; k < 3; k++)
            if (top[k] == RR_NONE || x > d[k])
                break;
        if (k == 3 || x == 0)
            continue;
        memmove(&top[k + 1], &top[k], (2 - k) * sizeof top[0]);
        memmove(&d[k + 1], &d[k], (2 - k) * sizeof d[0]);
        top[k] = s;
        d[k] = x;
    }
    /* the busiest, and those doing at least a quarter as much */
    for (k = 0; k < 3 && top[k] != RR_NONE && len < sizeof who; k++) {
        int w;
        if (k > 0 && d[k] < d[0] / 4)
            break;
        if (top[k] == m->n_stages)
            w = snprintf(who + len, sizeof who - len, "%sthe arrivals",
                         k ? ", " : "");
        else
            w = snprintf(who + len, sizeof who - len, "%sstage '%s'",
                         k ? ", " : "", m->cfg->stages[top[k]].name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    snprintf(err, errlen,
             "the simulated clock is stuck at day %.6g: %s events moved it "
             "by %.3g seconds (more than %s events per simulated day); "
             "%s %s firing: look for a route cycle through stages that take "
             "(almost) no time, or a rate far too high",
             now, count_text((double)events, n, sizeof n),
             (now - m->win_t) * 86400.0,
             count_text(RR_MAX_EVENTS_PER_DAY, rate, sizeof rate),
             who[0] ? who : "no stage",
             k > 1 ? "keep" : "keeps");
    return RR_ERANGE;
}

/* explain - the message for a latched failure. */
static int explain(model *m, int rc, uint32_t station, char *err,
                   size_t errlen)
{
    char a[32], b[32], c[32];
    double held = (double)rr_net_in_system(m->net);
    uint32_t s = fullest(m);

    if (rc == RR_ERANGE && rr_calendar_status(m->cal) == RR_ERANGE) {
        snprintf(err, errlen,
                 "more than %llu events pending (%s cases in the system, the "
                 "most at stage '%s'; %s departed cases awaiting their "
                 "reintegration outcome); raise --max-cases or check the "
                 "arrival rate",
                 (unsigned long long)m->max_events,
                 count_text(held, b, sizeof b), m->cfg->stages[s].name,
                 count_text((double)rr_pool_in_use(m->returnees), c,
                            sizeof c));
    } else if (rc == RR_ERANGE) {
        snprintf(err, errlen,
                 "more than %llu cases in the system (stage '%s' holds %s); "
                 "raise --max-cases or check the arrival rate",
                 (unsigned long long)m->max_cases, m->cfg->stages[s].name,
                 count_text((double)rr_net_present(m->net, s), a, sizeof a));
    } else if (rc == RR_EINVAL && station != RR_NONE) {
        snprintf(err, errlen,
                 "stage '%s': a duration drawn there is not a number "
                 "(an infinite draw times a scale of 0?)",
                 m->cfg->stages[station].name);
    } else if (rc == RR_EINVAL && m->bad_rate) {
        snprintf(err, errlen,
                 "the arrival rate on day %g is not a finite number: %g a "
                 "day times a schedule factor of %g",
                 rr_calendar_now(m->cal), m->cfg->rate, m->factor);
    } else if (rc == RR_EINVAL) {
        snprintf(err, errlen,
                 "an event of the model fell at a time that is not a number "
                 "(a reintegration or re-migration delay drawn as NaN?)");
    } else {
        snprintf(err, errlen,
                 "%s with %s cases in the system (the most at stage '%s') "
                 "and %s events pending; lower --max-cases or check the "
                 "arrival rate",
                 rr_strerror(rc), count_text(held, a, sizeof a),
                 m->cfg->stages[s].name,
                 count_text((double)rr_calendar_size(m->cal), b, sizeof b));
    }
    return rc;
}

/* check - between slices of events: the stop flags, failures latched by
 * the network and the model, and the pace of the clock.  RR_OK to go on. */
static int check(model *m, char *err, size_t errlen)
{
    uint32_t station;
    uint64_t events, held, n;
    double dt;
    int rc;

    if ((m->ctl.stop && *m->ctl.stop) || (m->ctl.halt && *m->ctl.halt))
        return RR_EINTR;
    rc = rr_net_status(m->net, &station);
    if (rc == RR_OK)
        rc = m->status, station = RR_NONE;
    if (rc != RR_OK)
        return explain(m, rc, station, err, errlen);

    events = rr_calendar_events_run(m->cal);
    held = rr_net_in_system(m->net) + rr_pool_in_use(m->returnees);
    if (held > m->win_peak)
        m->win_peak = held;
    n = events - m->win_ev;
    if (n < m->stall_exact)
        return RR_OK;
    dt = rr_calendar_now(m->cal) - m->win_t;
    if (dt >= (double)n / RR_MAX_EVENTS_PER_DAY) {
        window_start(m, events, held);
        return RR_OK;
    }
    if (n < (dt > 0 ? m->stall_events : m->stall_exact) +
                4 * (uint64_t)(m->n_stages + 1) * m->win_peak)
        return RR_OK; /* a burst, or many cases passing stages of no
                         duration at one time */
    return stuck(m, n, err, errlen);
}

static void model_free(model *m)
{
    rr_net_destroy(m->net);
    rr_pool_destroy(m->returnees);
    rr_calendar_destroy(m->cal);
    for (int i = 0; i < RR_STREAM_COUNT; i++)
        if (m->rng[i])
            gsl_rng_free(m->rng[i]);
    if (m->trace_rng)
        gsl_rng_free(m->trace_rng);
    free(m->reint);
    rr_qhist_fini(&m->ttd_q);
    free(m->redo);
    free(m->win_count);
    rri_tables_fini(&m->tab);
}

/* run_to - run the calendar up to t, in slices, checking between them. */
static int run_to(model *m, double t, char *err, size_t errlen)
{
    uint64_t n;
    int rc;
    do {
        n = rr_calendar_run_until_max(m->cal, t, RR_MODEL_SLICE);
        if ((rc = check(m, err, errlen)) != RR_OK)
            return rc;
    } while (n == RR_MODEL_SLICE);
    return RR_OK;
}

int rr_model_run(const rr_plan *plan, const rr_layout *layout, uint64_t seed,
                 uint64_t point, uint64_t rep, rr_rep_result *out,
                 rr_case_fn *on_case, void *case_ctx, const rr_model_ctl *ctl,
                 char *err, size_t errlen)
{
    model m;
    const rr_config *c0 = plan->cfg[0];
    int rc = RR_OK;

    memset(&m, 0, sizeof m);
    if (ctl)
        m.ctl = *ctl;
    m.max_cases = m.ctl.max_cases ? m.ctl.max_cases : RR_MAX_CASES_DEFAULT;
    if (m.max_cases > RR_MAX_CASES_LIMIT)
        m.max_cases = RR_MAX_CASES_LIMIT;
    m.stall_events = m.ctl.stall_events ? m.ctl.stall_events
                                        : RR_STALL_EVENTS;
    m.stall_exact = m.stall_events / 16 ? m.stall_events / 16 : 1;
    m.plan = plan;
    m.lay = layout;
    m.cfg = c0;
    m.out = out;
    m.on_case = on_case;
    m.case_ctx = case_ctx;
    m.n_stages = c0->n_stages;
    m.factor = 1;
    m.ttd = (rr_mean){0, 0};
    rr_qhist_init(&m.ttd_q);
    m.cal = rr_calendar_create(0, 1024);
    m.returnees = rr_pool_create(sizeof(returnee), 1024);
    m.reint = calloc(c0->n_providers + 1, sizeof *m.reint);
    m.redo = calloc(c0->n_stages, sizeof *m.redo);
    m.win_count = calloc(c0->n_stages + 1, sizeof *m.win_count);
    for (int i = 0; i < RR_STREAM_COUNT; i++)
        m.rng[i] = rr_rng_create_v((rr_rng_version)c0->rng, seed, point,
                                   rep, (uint64_t)i);
    m.unseen_unsupported = quiet_outcomes(&m);
    if (m.unseen_unsupported && m.on_case &&
        !(m.trace_rng = rr_rng_create_v((rr_rng_version)c0->rng, seed, point,
                                        rep, RR_STREAM_COUNT))) {
        model_free(&m);
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    if (!m.cal || !m.returnees || !m.reint || !m.redo || !m.win_count ||
        !m.rng[RR_STREAM_COUNT - 1] || !m.rng[0] || !m.rng[1] || !m.rng[2] ||
        !m.rng[3]) {
        model_free(&m);
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    /* a case in the network waits for at most three events, a departed
     * case for one, the model itself for a few */
    m.max_events = RR_EVENTS_PER_CASE * m.max_cases + 64;
    if (m.max_events > SIZE_MAX)
        m.max_events = SIZE_MAX;
    rr_calendar_set_max_pending(m.cal, (size_t)m.max_events);
    if ((rc = build(&m, err, errlen)) != RR_OK ||
        (rc = rri_tables_init(&m.tab, c0, layout, out)) != RR_OK) {
        if (errlen > 0 && rc == RR_ENOMEM)
            snprintf(err, errlen, "%s", rr_strerror(rc));
        model_free(&m);
        return rc;
    }
    memset(out->values, 0,
           (out->spill ? 1 : out->n_periods) * out->n_metrics *
               sizeof(double));
    m.row = rr_rep_row(out, 0);
    rr_timeavg_init(&m.detention, 0, 0);

    /* the arrival schedule: factors before the first date are 1 */
    if (c0->n_schedule > 0) {
        if (c0->schedule_t[0] <= 0)
            ev_schedule(&m, NULL);
        else
            sched(&m, c0->schedule_t[0], ev_schedule, NULL);
    }
    apply_config(&m, c0);
    if (plan->n_epochs > 1)
        sched(&m, plan->t[1], ev_epoch, NULL);
    if (c0->warmup > 0)
        sched(&m, c0->warmup, ev_warm, NULL);
    add_initial(&m);
    rri_tables_start(&m.tab, m.net);
    window_start(&m, 0, rr_net_in_system(m.net));
    if ((rc = check(&m, err, errlen)) != RR_OK)
        goto done;

    /* period by period; the calendar stops at the years' ends too, for
     * the country table (the same events in the same order) */
    for (size_t k = 0; k < layout->periods.n; k++) {
        const double *yb = layout->years.bounds;
        double t1 = layout->periods.bounds[k + 1];
        m.period = k;
        m.row = rr_rep_row(out, k);
        while (yb[m.tab.year + 1] < t1) {
            if ((rc = run_to(&m, yb[m.tab.year + 1], err, errlen)) != RR_OK)
                goto done;
            if ((rc = rri_tables_year_end(&m.tab)) != RR_OK)
                goto spill_failed;
        }
        if ((rc = run_to(&m, t1, err, errlen)) != RR_OK)
            goto done;
        close_period(&m, k, t1);
        /* the period's rows are final: with a spill they go now */
        if ((rc = rr_rep_period_done(out, k)) != RR_OK ||
            (yb[m.tab.year + 1] == t1 &&
             (rc = rri_tables_year_end(&m.tab)) != RR_OK))
            goto spill_failed;
    }
    m.row = rr_rep_row(out, layout->periods.n - 1);
    finish_kpis(&m);
    out->events = rr_calendar_events_run(m.cal);
    if (m.on_case) {
        for (rr_entity *e = m.live; e; e = cd(e)->next)
            emit_entity(&m, e);
        for (returnee *q = m.waiting; q; q = q->next)
            if (q->outcome != -2)
                emit_returnee(&m, q, 0);
    }
done:
    model_free(&m);
    return rc;
spill_failed:
    rr_spill_failed(out, rc, err, errlen);
    model_free(&m);
    return rc;
}
