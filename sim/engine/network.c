/*
 * network.c - a generic network of service stations on the event engine.
 *
 * See include/rr_network.h for the semantics.  Three event kinds drive it:
 * a source's next arrival, a service completion and the patience or
 * maximum-stay clock of one entity.  Each is a calendar event whose subject
 * is the network and whose object is the source or the entity; an entity
 * keeps the handles of its pending events so that leaving by one way out
 * cancels the others at once.
 *
 * Queues are intrusive doubly linked lists, one per priority level, so an
 * abandoning entity leaves its queue in O(1).  Entities come from a pool:
 * after the largest number present at once has been reached, a run
 * allocates nothing more.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "rr_common.h"
#include "rr_network.h"
#include "rr_pool.h"
#include "rr_rng.h"

typedef struct station {
    rr_station_spec spec;
    int servers;
    double service_scale;
    double patience_scale;
    uint32_t busy, present, waiting;
    rr_entity *qhead[RR_NET_MAX_PRIORITY];
    rr_entity *qtail[RR_NET_MAX_PRIORITY];
    rr_station_stats st;
} station;

typedef struct source {
    rr_source_spec spec;
    double rate;
    uint64_t ev;
    gsl_ran_discrete_t *classes; /* NULL: always class 0 */
} source;

struct rr_net {
    rr_calendar *cal;
    gsl_rng *rng[RR_STREAM_COUNT];
    rr_rng_version rng_version; /* how durations are drawn (rr_dist.h) */
    uint32_t n_stations, n_sources, n_exits, n_classes;
    station *st;
    source *src;
    uint64_t *exited;
    rr_pool *pool;
    size_t user_size;
    uint32_t next_id;
    uint64_t arrivals, injected, in_system;
    uint64_t max_in_system;  /* 0: no limit */
    int status;              /* the first failure latched, or RR_OK */
    uint32_t fail_station;   /* where it happened, or RR_NONE */
    rr_net_hooks hooks;
};

static void ev_arrival(void *subject, void *object);
static void ev_done(void *subject, void *object);
static void ev_abandon(void *subject, void *object);
static void ev_timeout(void *subject, void *object);

#if defined(__GNUC__) || defined(__clang__)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define COLD __attribute__((cold, noinline))
#else
#define unlikely(x) (x)
#define COLD
#endif

/* latch - note the first failure of the run (and where it happened) and
 * halt the calendar's run, so that the caller finds it at once; the
 * network stays consistent without what failed. */
static COLD void latch(rr_net *net, int status, uint32_t where)
{
    if (net->status == RR_OK) {
        net->status = status;
        net->fail_station = where;
    }
    rr_calendar_halt(net->cal);
}

/* refused - sched() could not schedule for station st (NULL: none): the
 * duration was not a number, or the calendar said no. */
static COLD uint64_t refused(rr_net *net, const station *st, bool bad_dt)
{
    latch(net, bad_dt ? RR_EINVAL : rr_calendar_status(net->cal),
          st ? (uint32_t)(st - net->st) : RR_NONE);
    return 0;
}

/* sched - fn(net, object) after dt days, drawn for station st; its handle,
 * or 0 with a failure latched: a dt that is not a number >= 0 (an infinite
 * draw times a scale of 0) must not reach the calendar, and neither may a
 * 0 from it (out of memory, too many pending events) go unnoticed.  Two
 * predictable branches on the hot path; the rest is out of line. */
static inline uint64_t sched(rr_net *net, double now, double dt,
                             rr_event_fn *fn, void *object,
                             const station *st)
{
    uint64_t h;

    if (unlikely(!(dt >= 0)))
        return refused(net, st, true);
    h = rr_calendar_schedule(net->cal, now + dt, fn, net, object);
    if (unlikely(h == 0))
        return refused(net, st, false);
    return h;
}

static inline bool has_max_stay(const station *st)
{
    return st->spec.max_stay > 0 && isfinite(st->spec.max_stay);
}

/* ---- validation ------------------------------------------------------- */

static int check_route(const rr_net_spec *spec, uint32_t s, rr_way_out way,
                       char *err, size_t errlen)
{
    static const char *const way_name[RR_OUT_COUNT] = {
        "completion", "abandonment", "maximum stay"};
    const rr_station_spec *ss = &spec->stations[s];
    const rr_route_table *t = &ss->route[way];
    const char *name = ss->name ? ss->name : "?";

    if (t->n == 0 || !t->target || !t->p) {
        snprintf(err, errlen, "station '%s': no %s route", name,
                 way_name[way]);
        return RR_EINVAL;
    }
    for (uint32_t i = 0; i < t->n; i++) {
        uint32_t x = t->target[i];
        if (RR_IS_EXIT(x) ? RR_EXIT_INDEX(x) >= spec->n_exits
                          : x >= spec->n_stations) {
            snprintf(err, errlen, "station '%s': %s route %u goes nowhere",
                     name, way_name[way], (unsigned)i);
            return RR_EINVAL;
        }
    }
    for (uint32_t k = 0; k < spec->n_classes; k++) {
        double sum = 0;
        for (uint32_t i = 0; i < t->n; i++) {
            double p = t->p[(size_t)k * t->n + i];
            if (!(p >= 0 && p <= 1)) {
                snprintf(err, errlen,
                         "station '%s': %s probability %g is not in [0,1]",
                         name, way_name[way], p);
                return RR_ERANGE;
            }
            sum += p;
        }
        if (fabs(sum - 1) > 1e-9) {
            snprintf(err, errlen,
                     "station '%s': %s probabilities of class %u sum to %g, "
                     "not 1",
                     name, way_name[way], (unsigned)k, sum);
            return RR_ERANGE;
        }
    }
    return RR_OK;
}

static int check_spec(const rr_net_spec *spec, char *err, size_t errlen)
{
    int rc;
    if (spec->n_stations == 0 || !spec->stations) {
        snprintf(err, errlen, "a network needs at least one station");
        return RR_EINVAL;
    }
    if (spec->n_classes == 0) {
        snprintf(err, errlen, "a network needs at least one class");
        return RR_EINVAL;
    }
    for (uint32_t s = 0; s < spec->n_stations; s++) {
        const rr_station_spec *ss = &spec->stations[s];
        if (ss->servers < RR_UNLIMITED) {
            snprintf(err, errlen, "station '%s': servers must be >= 0",
                     ss->name ? ss->name : "?");
            return RR_ERANGE;
        }
        if ((rc = check_route(spec, s, RR_OUT_DONE, err, errlen)))
            return rc;
        if (ss->has_patience &&
            (rc = check_route(spec, s, RR_OUT_ABANDON, err, errlen)))
            return rc;
        if (ss->max_stay > 0 && isfinite(ss->max_stay) &&
            (rc = check_route(spec, s, RR_OUT_TIMEOUT, err, errlen)))
            return rc;
    }
    for (uint32_t i = 0; i < spec->n_sources; i++) {
        const rr_source_spec *so = &spec->sources[i];
        if (so->station >= spec->n_stations || !(so->rate >= 0) ||
            !isfinite(so->rate)) {
            snprintf(err, errlen, "source '%s': bad station or rate",
                     so->name ? so->name : "?");
            return RR_EINVAL;
        }
        if (so->n_classes > spec->n_classes) {
            snprintf(err, errlen, "source '%s': more class weights than "
                     "classes", so->name ? so->name : "?");
            return RR_EINVAL;
        }
    }
    return RR_OK;
}

/* ---- lifecycle ---------------------------------------------------------- */

rr_net *rr_net_create(const rr_net_spec *spec, rr_calendar *cal,
                      gsl_rng *const *rng, char *err, size_t errlen)
{
    rr_net *net;
    if (check_spec(spec, err, errlen) != RR_OK)
        return NULL;
    net = calloc(1, sizeof *net);
    if (!net)
        goto nomem;
    net->cal = cal;
    for (int i = 0; i < RR_STREAM_COUNT; i++)
        net->rng[i] = rng[i];
    net->rng_version = spec->rng >= RR_RNG_V1 ? (rr_rng_version)spec->rng
                                              : RR_RNG_V1;
    net->n_stations = spec->n_stations;
    net->n_sources = spec->n_sources;
    net->n_exits = spec->n_exits;
    net->n_classes = spec->n_classes;
    net->hooks = spec->hooks;
    net->fail_station = RR_NONE;
    /* keep the user's bytes aligned like the entity itself */
    net->user_size = (spec->user_size + 15) & ~(size_t)15;
    net->st = calloc(net->n_stations, sizeof *net->st);
    net->src = calloc(net->n_sources ? net->n_sources : 1, sizeof *net->src);
    net->exited = calloc(net->n_exits ? net->n_exits : 1,
                         sizeof *net->exited);
    net->pool = rr_pool_create(sizeof(rr_entity) + net->user_size, 4096);
    if (!net->st || !net->src || !net->exited || !net->pool)
        goto nomem;
    for (uint32_t s = 0; s < net->n_stations; s++) {
        station *st = &net->st[s];
        st->spec = spec->stations[s];
        st->servers = st->spec.servers;
        st->service_scale = 1;
        st->patience_scale = 1;
    }
    for (uint32_t i = 0; i < net->n_sources; i++) {
        source *so = &net->src[i];
        so->spec = spec->sources[i];
        so->rate = so->spec.rate;
        /* v1 drew a class even from one class, spending a number of the
         * arrival stream on every arrival */
        if (so->spec.n_classes > (spec->rng >= RR_RNG_V2 ? 1u : 0u)) {
            so->classes = gsl_ran_discrete_preproc(so->spec.n_classes,
                                                   so->spec.class_weight);
            if (!so->classes) {
                snprintf(err, errlen, "source '%s': bad class weights",
                         so->spec.name ? so->spec.name : "?");
                rr_net_destroy(net);
                return NULL;
            }
        }
    }
    rr_net_reset_stats(net);
    return net;
nomem:
    snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
    rr_net_destroy(net);
    return NULL;
}

void rr_net_destroy(rr_net *net)
{
    if (!net)
        return;
    if (net->src)
        for (uint32_t i = 0; i < net->n_sources; i++)
            if (net->src[i].classes)
                gsl_ran_discrete_free(net->src[i].classes);
    rr_pool_destroy(net->pool);
    free(net->st);
    free(net->src);
    free(net->exited);
    free(net);
}

static void schedule_arrival(rr_net *net, source *so)
{
    double now = rr_calendar_now(net->cal);
    if (so->ev)
        rr_calendar_cancel(net->cal, so->ev);
    so->ev = 0;
    if (so->rate > 0) {
        gsl_rng *r = net->rng[RR_STREAM_ARRIVAL];
        double dt = net->rng_version >= RR_RNG_V3
                        ? rr_ran_exp_zig(r) / so->rate
                        : gsl_ran_exponential(r, 1.0 / so->rate);
        so->ev = sched(net, now, dt, ev_arrival, so, NULL);
    }
}

int rr_net_start(rr_net *net)
{
    for (uint32_t i = 0; i < net->n_sources; i++) {
        schedule_arrival(net, &net->src[i]);
        if (net->src[i].rate > 0 && !net->src[i].ev)
            return net->status != RR_OK ? net->status : RR_ENOMEM;
    }
    return RR_OK;
}

/* ---- queues ---------------------------------------------------------------- */

static void enqueue(station *st, rr_entity *e)
{
    unsigned lv = st->spec.discipline == RR_PRIORITY ? e->priority : 0;
    if (lv >= RR_NET_MAX_PRIORITY)
        lv = RR_NET_MAX_PRIORITY - 1;
    e->qlevel = (uint8_t)lv; /* a later change of priority must not move it */
    e->qnext = NULL;
    e->qprev = st->qtail[lv];
    if (st->qtail[lv])
        st->qtail[lv]->qnext = e;
    else
        st->qhead[lv] = e;
    st->qtail[lv] = e;
    st->waiting++;
}

static void unqueue(station *st, rr_entity *e)
{
    unsigned lv = e->qlevel;
    if (e->qprev)
        e->qprev->qnext = e->qnext;
    else
        st->qhead[lv] = e->qnext;
    if (e->qnext)
        e->qnext->qprev = e->qprev;
    else
        st->qtail[lv] = e->qprev;
    e->qprev = e->qnext = NULL;
    st->waiting--;
}

static rr_entity *queue_first(const station *st)
{
    for (unsigned lv = 0; lv < RR_NET_MAX_PRIORITY; lv++)
        if (st->qhead[lv])
            return st->qhead[lv];
    return NULL;
}

/* ---- moving entities --------------------------------------------------- */

static inline bool has_free_server(const station *st)
{
    return st->servers == RR_UNLIMITED || (int)st->busy < st->servers;
}

/* takes_no_time - the station's service for the entity is deterministic
 * 0 days. */
static bool takes_no_time(const station *st, const rr_entity *e)
{
    const rr_dist *d = st->spec.service_by_class
                           ? &st->spec.service_by_class[e->klass]
                           : &st->spec.service;
    return d->kind == RR_DIST_DETERMINISTIC && d->p[0] == 0;
}

/* RESIDUAL_TRIES - draws of a service time longer than the time a case
 * has already been in service, before it is taken to end at once: when
 * none of them is longer, fewer than about 1 in 20 services of its kind
 * last that long. */
#define RESIDUAL_TRIES 64

/* service_time - a service time of the case at the station; for a case
 * that has already been in service for `elapsed` days (a starting
 * caseload), what is left of one drawn on the condition that it lasts
 * longer than that: S - elapsed given S > elapsed, by rejection.  For an
 * exponential service this is a fresh draw again (no memory); for others
 * it is what makes a starting caseload leave at the pace of one that has
 * been running, instead of all starting anew (no start-up dip). */
static double service_time(rr_net *net, const station *st,
                           const rr_entity *e, double elapsed)
{
    const rr_dist *d = st->spec.service_by_class
                           ? &st->spec.service_by_class[e->klass]
                           : &st->spec.service;
    gsl_rng *r = net->rng[RR_STREAM_SERVICE];
    if (!(elapsed > 0))
        return rr_dist_sample_v(d, r, net->rng_version) * st->service_scale;
    for (int i = 0; i < RESIDUAL_TRIES; i++) {
        double s = rr_dist_sample_v(d, r, net->rng_version) *
                   st->service_scale;
        if (s > elapsed)
            return s - elapsed;
    }
    return 0;
}

static void start_service_after(rr_net *net, station *st, rr_entity *e,
                                double now, double elapsed)
{
    double dt = service_time(net, st, e, elapsed);

    st->busy++;
    rr_timeavg_set(&st->st.busy, now, st->busy);
    st->st.started++;
    rr_mean_add(&st->st.wait, now - e->t_queue);
    e->in_service = 1;
    e->t_service = now;
    if (e->ev_abandon && st->spec.patience_scope == RR_PATIENCE_QUEUE) {
        rr_calendar_cancel(net->cal, e->ev_abandon);
        e->ev_abandon = 0;
    }
    e->ev_done = sched(net, now, dt, ev_done, e, st);
}

static void start_service(rr_net *net, station *st, rr_entity *e, double now)
{
    start_service_after(net, st, e, now, 0);
}

static void start_patience(rr_net *net, station *st, rr_entity *e, double now)
{
    double dt = rr_dist_sample_v(&st->spec.patience,
                                 net->rng[RR_STREAM_PATIENCE],
                                 net->rng_version) *
                st->patience_scale;
    e->ev_abandon = sched(net, now, dt, ev_abandon, e, st);
}

/* serve_waiting - fill free servers from the queue, best first. */
static void serve_waiting(rr_net *net, station *st, double now)
{
    rr_entity *e;
    if (st->waiting == 0)
        return;
    while (has_free_server(st) && (e = queue_first(st)) != NULL) {
        unqueue(st, e);
        rr_timeavg_set(&st->st.waiting, now, st->waiting);
        start_service(net, st, e, now);
    }
}

void rr_net_enter(rr_net *net, rr_entity *e, uint32_t s, double elapsed)
{
    station *st = &net->st[s];
    double now = rr_calendar_now(net->cal);

    rr_assert(s < net->n_stations);
    e->station = s;
    /* a starting case has been here for elapsed days already */
    e->t_station = elapsed > 0 ? now - elapsed : now;
    e->t_queue = now;
    e->in_service = 0;
    e->ev_done = e->ev_abandon = e->ev_timeout = 0;
    e->qprev = e->qnext = NULL;
    st->present++;
    st->st.entered++;
    rr_timeavg_set(&st->st.present, now, st->present);
    if (has_max_stay(st)) {
        double left = st->spec.max_stay - elapsed;
        e->ev_timeout = sched(net, now, left > 0 ? left : 0, ev_timeout, e,
                              st);
    }
    if (st->spec.has_patience && st->spec.patience_scope == RR_PATIENCE_STAY)
        start_patience(net, st, e, now);
    if (net->hooks.on_enter)
        net->hooks.on_enter(net->hooks.ctx, net, e, s);
    if (has_free_server(st) && st->waiting == 0) {
        start_service_after(net, st, e, now, elapsed);
    } else {
        enqueue(st, e);
        rr_timeavg_set(&st->st.waiting, now, st->waiting);
        if (st->spec.has_patience &&
            st->spec.patience_scope == RR_PATIENCE_QUEUE)
            start_patience(net, st, e, now);
    }
}

static uint32_t pick_route(rr_net *net, const rr_route_table *t, uint32_t k)
{
    const double *p = t->p + (size_t)k * t->n;
    uint32_t last = 0;
    double u;
    if (t->n == 1)
        return t->target[0];
    u = gsl_rng_uniform(net->rng[RR_STREAM_ROUTING]);
    for (uint32_t i = 0; i < t->n; i++) {
        if (p[i] <= 0)
            continue;
        if (u < p[i])
            return t->target[i];
        u -= p[i];
        last = i;
    }
    return t->target[last]; /* rounding: the last target with p > 0 */
}

/* requeue - a completed service routed back to its own station: the stay
 * goes on (clocks keep running), the entity asks for service again behind
 * those already waiting. */
static void requeue(rr_net *net, station *st, rr_entity *e, double now)
{
    st->busy--;
    rr_timeavg_set(&st->st.busy, now, st->busy);
    e->in_service = 0;
    st->st.completed++;
    serve_waiting(net, st, now);
    e->t_queue = now;
    if (has_free_server(st) && st->waiting == 0) {
        start_service(net, st, e, now);
    } else {
        enqueue(st, e);
        rr_timeavg_set(&st->st.waiting, now, st->waiting);
        if (st->spec.has_patience &&
            st->spec.patience_scope == RR_PATIENCE_QUEUE)
            start_patience(net, st, e, now);
    }
}

/* leave - the entity leaves its station by `way`: free what it held, pick
 * the next place, let a waiting entity have the server, then move on. */
static void leave(rr_net *net, rr_entity *e, rr_way_out way)
{
    uint32_t s = e->station;
    station *st = &net->st[s];
    double now = rr_calendar_now(net->cal);
    uint32_t target = pick_route(net, &st->spec.route[way], e->klass);

    if (way == RR_OUT_DONE && target == s) {
        requeue(net, st, e, now);
        return;
    }

    if (e->ev_done && way != RR_OUT_DONE)
        rr_calendar_cancel(net->cal, e->ev_done);
    if (e->ev_abandon && way != RR_OUT_ABANDON)
        rr_calendar_cancel(net->cal, e->ev_abandon);
    if (e->ev_timeout && way != RR_OUT_TIMEOUT)
        rr_calendar_cancel(net->cal, e->ev_timeout);
    e->ev_done = e->ev_abandon = e->ev_timeout = 0;

    if (e->in_service) {
        st->busy--;
        rr_timeavg_set(&st->st.busy, now, st->busy);
        e->in_service = 0;
    } else {
        unqueue(st, e);
        rr_timeavg_set(&st->st.waiting, now, st->waiting);
    }
    st->present--;
    rr_timeavg_set(&st->st.present, now, st->present);
    rr_mean_add(&st->st.sojourn, now - e->t_station);
    switch (way) {
    case RR_OUT_DONE: st->st.completed++; break;
    case RR_OUT_ABANDON: st->st.abandoned++; break;
    default: st->st.timed_out++; break;
    }

    if (net->hooks.on_leave)
        net->hooks.on_leave(net->hooks.ctx, net, e, s, way, target);
    serve_waiting(net, st, now);

    if (RR_IS_EXIT(target)) {
        uint32_t x = RR_EXIT_INDEX(target);
        net->exited[x]++;
        net->in_system--;
        e->station = RR_NONE;
        if (net->hooks.on_exit)
            net->hooks.on_exit(net->hooks.ctx, net, e, x, s, way);
        rr_pool_put(net->pool, e);
    } else {
        /* a stage that takes no time (a choice between channels) passes
         * a starting case's time on: it has been in the next stage that
         * long (0 for every other case, which entered it just now) */
        rr_net_enter(net, e, target,
                     way == RR_OUT_DONE && takes_no_time(st, e)
                         ? now - e->t_station
                         : 0);
    }
}

static void ev_done(void *subject, void *object)
{
    rr_entity *e = object;
    e->ev_done = 0;
    leave(subject, e, RR_OUT_DONE);
}

static void ev_abandon(void *subject, void *object)
{
    rr_entity *e = object;
    e->ev_abandon = 0;
    leave(subject, e, RR_OUT_ABANDON);
}

static void ev_timeout(void *subject, void *object)
{
    rr_entity *e = object;
    e->ev_timeout = 0;
    leave(subject, e, RR_OUT_TIMEOUT);
}

rr_entity *rr_net_new_entity(rr_net *net)
{
    rr_entity *e;

    if (unlikely(net->max_in_system &&
                 net->in_system >= net->max_in_system)) {
        latch(net, RR_ERANGE, RR_NONE);
        return NULL;
    }
    e = rr_pool_get(net->pool);
    if (unlikely(!e)) {
        latch(net, RR_ENOMEM, RR_NONE);
        return NULL;
    }
    memset(e, 0, sizeof *e + net->user_size);
    e->id = ++net->next_id;
    e->station = RR_NONE;
    e->t_system = rr_calendar_now(net->cal);
    net->in_system++;
    return e;
}

static void ev_arrival(void *subject, void *object)
{
    rr_net *net = subject;
    source *so = object;
    uint32_t idx = (uint32_t)(so - net->src);
    rr_entity *e;

    so->ev = 0;
    e = rr_net_new_entity(net);
    if (unlikely(!e))
        return; /* latched; the source stops, the run will be stopped */
    if (so->classes)
        e->klass = (uint32_t)gsl_ran_discrete(net->rng[RR_STREAM_ARRIVAL],
                                              so->classes);
    net->arrivals++;
    if (net->hooks.on_create)
        net->hooks.on_create(net->hooks.ctx, net, e, idx);
    schedule_arrival(net, so);
    rr_net_enter(net, e, so->spec.station, 0);
}

rr_entity *rr_net_add(rr_net *net, uint32_t k, uint8_t prio, uint32_t s,
                      double elapsed, double t_system)
{
    rr_entity *e = rr_net_new_entity(net);
    if (!e)
        return NULL;
    e->klass = k < net->n_classes ? k : 0;
    e->priority = prio;
    e->t_system = t_system;
    net->injected++;
    rr_net_enter(net, e, s, elapsed);
    return e;
}

/* ---- parameter changes ---------------------------------------------- */

void rr_net_set_max_in_system(rr_net *net, uint64_t n)
{
    net->max_in_system = n;
}

void rr_net_set_servers(rr_net *net, uint32_t s, int servers)
{
    station *st = &net->st[s];
    st->servers = servers < RR_UNLIMITED ? 0 : servers;
    /* fewer servers: those busy finish their work, no new starts until
     * busy < servers.  More: start waiting entities at once. */
    serve_waiting(net, st, rr_calendar_now(net->cal));
}

int rr_net_servers(const rr_net *net, uint32_t s)
{
    return net->st[s].servers;
}

void rr_net_set_service(rr_net *net, uint32_t s, const rr_dist *d,
                        const rr_dist *by_class)
{
    net->st[s].spec.service = *d;
    net->st[s].spec.service_by_class = by_class;
}

void rr_net_set_patience(rr_net *net, uint32_t s, bool has, const rr_dist *d)
{
    station *st = &net->st[s];
    if (has && st->spec.route[RR_OUT_ABANDON].n == 0)
        return; /* no way out for it was given when the net was built */
    st->spec.has_patience = has;
    if (has)
        st->spec.patience = *d;
}

void rr_net_restart_patience(rr_net *net, rr_entity *e)
{
    station *st;
    if (!e->ev_abandon || e->station == RR_NONE)
        return;
    st = &net->st[e->station];
    rr_calendar_cancel(net->cal, e->ev_abandon);
    e->ev_abandon = 0;
    if (st->spec.has_patience)
        start_patience(net, st, e, rr_calendar_now(net->cal));
}

void rr_net_set_max_stay(rr_net *net, uint32_t s, double days)
{
    station *st = &net->st[s];
    bool limit = days > 0 && isfinite(days);
    if (limit && st->spec.route[RR_OUT_TIMEOUT].n == 0)
        return; /* no release route was given when the net was built */
    st->spec.max_stay = limit ? days : INFINITY;
}

double rr_net_max_stay(const rr_net *net, uint32_t s)
{
    return net->st[s].spec.max_stay;
}

void rr_net_restart_timeout(rr_net *net, rr_entity *e)
{
    station *st;
    double now = rr_calendar_now(net->cal), left;
    if (e->station == RR_NONE)
        return;
    st = &net->st[e->station];
    if (e->ev_timeout) {
        rr_calendar_cancel(net->cal, e->ev_timeout);
        e->ev_timeout = 0;
    }
    if (!has_max_stay(st))
        return;
    left = e->t_station + st->spec.max_stay - now;
    e->ev_timeout = sched(net, now, left > 0 ? left : 0, ev_timeout, e, st);
}

void rr_net_set_service_scale(rr_net *net, uint32_t s, double scale)
{
    net->st[s].service_scale = scale > 0 ? scale : 0;
}

void rr_net_set_patience_scale(rr_net *net, uint32_t s, double scale)
{
    net->st[s].patience_scale = scale > 0 ? scale : 0;
}

void rr_net_set_route(rr_net *net, uint32_t s, rr_way_out way,
                      const rr_route_table *t)
{
    net->st[s].spec.route[way] = *t;
}

void rr_net_set_source_rate(rr_net *net, uint32_t src, double rate)
{
    source *so = &net->src[src];
    double old = so->rate;
    so->rate = rate > 0 && isfinite(rate) ? rate : 0;
    /* a pending arrival is kept, its remaining time scaled by old / new:
     * exact, the gaps being exponential (memoryless), and nothing is
     * drawn, so a scenario that changes something else at a date keeps
     * its arrivals paired with another's (common random numbers) */
    if (so->ev && old > 0 && so->rate > 0 &&
        rr_calendar_pending(net->cal, so->ev)) {
        double now = rr_calendar_now(net->cal), left;
        if (so->rate == old)
            return;
        left = (rr_calendar_time_of(net->cal, so->ev) - now) * old / so->rate;
        rr_calendar_cancel(net->cal, so->ev);
        so->ev = sched(net, now, left, ev_arrival, so, NULL);
        return;
    }
    schedule_arrival(net, so);
}

double rr_net_source_rate(const rr_net *net, uint32_t src)
{
    return net->src[src].rate;
}

/* ---- observation ------------------------------------------------------- */

rr_calendar *rr_net_calendar(const rr_net *net) { return net->cal; }

int rr_net_status(const rr_net *net, uint32_t *where)
{
    if (where)
        *where = net->fail_station;
    return net->status;
}

double rr_net_now(const rr_net *net) { return rr_calendar_now(net->cal); }
uint32_t rr_net_present(const rr_net *net, uint32_t s)
{
    return net->st[s].present;
}
uint32_t rr_net_waiting(const rr_net *net, uint32_t s)
{
    return net->st[s].waiting;
}
uint32_t rr_net_busy(const rr_net *net, uint32_t s) { return net->st[s].busy; }
uint64_t rr_net_in_system(const rr_net *net) { return net->in_system; }
uint64_t rr_net_arrivals(const rr_net *net) { return net->arrivals; }
uint64_t rr_net_injected(const rr_net *net) { return net->injected; }
uint64_t rr_net_exited(const rr_net *net, uint32_t x)
{
    return x < net->n_exits ? net->exited[x] : 0;
}
const rr_station_stats *rr_net_stats(const rr_net *net, uint32_t s)
{
    return &net->st[s].st;
}
gsl_rng *rr_net_rng(const rr_net *net, int stream)
{
    return net->rng[stream];
}

void rr_net_reset_stats(rr_net *net)
{
    double now = rr_calendar_now(net->cal);
    for (uint32_t s = 0; s < net->n_stations; s++) {
        station *st = &net->st[s];
        rr_station_stats *x = &st->st;
        x->entered = x->started = x->completed = 0;
        x->abandoned = x->timed_out = 0;
        rr_timeavg_init(&x->present, now, st->present);
        rr_timeavg_init(&x->waiting, now, st->waiting);
        rr_timeavg_init(&x->busy, now, st->busy);
        x->wait = (rr_mean){0, 0};
        x->sojourn = (rr_mean){0, 0};
    }
}
