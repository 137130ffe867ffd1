/*
 * rr_network.h - a generic network of service stations on the event engine.
 *
 * Entities (cases) arrive from Poisson sources, or are injected, and move
 * between stations.  A station has c servers (or unlimited, or 0 = closed
 * for now), a service-time distribution (optionally one per entity class),
 * a queue discipline (FIFO, or strict priority with FIFO inside a level), an
 * optional abandonment hazard (patience clock, during the queue or the whole
 * stay) and an optional maximum stay; each of the three ways out (service
 * completed, abandoned, maximum stay reached) has its own routing table, per
 * entity class, over stations and exits.  Exits are sinks: entities leaving
 * through one are reported to the on_exit hook and returned to the pool.
 *
 * Nothing here knows of migration or countries: a "class" is a small integer
 * the user gives each entity (the case-flow model uses the country), and the
 * user's hooks see every entry, service start and exit.
 *
 * A completed service routed back to its own station continues the stay:
 * the entity queues again (behind those waiting), its patience and
 * maximum-stay clocks keep running, and no leave or enter hooks run; its
 * station counts one more completion but no new entry.
 *
 * Parameters may change while the network runs (policy events): servers,
 * service-time scale, routing tables and source rates; sources are Poisson
 * with a piecewise-constant rate, redrawn at every change (exact, because
 * the exponential is memoryless).
 *
 * Statistics kept per station: entries, service starts, completions,
 * abandonments, time-outs; time-weighted number present, number waiting and
 * busy servers; waiting time (entry to service start) and sojourn time
 * (entry to leaving).  rr_net_reset_stats() restarts all of them (warm-up).
 *
 * Costs: an arrival, a service completion or an abandonment is O(log n) in
 * the number of pending events; no allocation per entity in steady state.
 *
 * Failures.  Nothing here aborts for want of memory or on a bad draw.  When
 * an entity cannot be had (the pool cannot grow: RR_ENOMEM; the network
 * already holds the most set with rr_net_set_max_in_system: RR_ERANGE),
 * when the calendar refuses an event (rr_calendar_schedule() returned 0:
 * its status), or when a drawn duration is not a number >= 0 (RR_EINVAL,
 * e.g. an infinite draw times a scale of 0), the network latches the first
 * such failure, goes on without what failed (no arrival, no completion
 * event: consistent, but no longer the model), halts the calendar's run
 * (rr_calendar_halt) and reports the failure through rr_net_status().  The
 * caller must look at it before trusting any result, and stop the run.
 */
#ifndef RR_NETWORK_H
#define RR_NETWORK_H

#include <stdbool.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "rr_calendar.h"
#include "rr_dist.h"
#include "rr_stats.h"

#define RR_UNLIMITED (-1)      /* servers: every entity is served at once */
#define RR_NET_MAX_PRIORITY 4  /* priority levels 0 (first) .. 3 */
#define RR_NONE UINT32_MAX

/* A routing target: a station index, or an exit index with this bit set. */
#define RR_EXIT_BIT 0x80000000u
#define RR_TO_EXIT(i) ((uint32_t)(i) | RR_EXIT_BIT)
#define RR_IS_EXIT(t) (((t) & RR_EXIT_BIT) != 0)
#define RR_EXIT_INDEX(t) ((t) & ~RR_EXIT_BIT)

typedef enum rr_discipline { RR_FIFO = 0, RR_PRIORITY = 1 } rr_discipline;
typedef enum rr_patience_scope {
    RR_PATIENCE_QUEUE = 0, /* the clock runs only while waiting */
    RR_PATIENCE_STAY = 1   /* the clock runs for the whole stay */
} rr_patience_scope;
typedef enum rr_way_out {
    RR_OUT_DONE = 0,     /* service completed */
    RR_OUT_ABANDON = 1,  /* patience ran out */
    RR_OUT_TIMEOUT = 2,  /* maximum stay reached */
    RR_OUT_COUNT = 3
} rr_way_out;

typedef struct rr_entity {
    uint32_t id;          /* unique within a replication, from 1 */
    uint32_t klass;       /* selects per-class service and routing */
    uint32_t station;     /* current station, RR_NONE when outside */
    uint8_t priority;     /* 0 .. RR_NET_MAX_PRIORITY-1, 0 served first */
    uint8_t in_service;
    uint8_t flags;        /* free for the user */
    uint8_t channel;      /* free for the user */
    uint8_t qlevel;       /* queue level it waits in (internal) */
    double t_system;      /* entered the network */
    double t_station;     /* entered the current station (a starting
                             entity: as if `elapsed` days ago) */
    double t_service;     /* started service at the current station */
    double t_queue;       /* last asked for service at the current station */
    uint64_t ev_done, ev_abandon, ev_timeout; /* pending calendar handles */
    struct rr_entity *qprev, *qnext;          /* queue links */
    /* the user's bytes (rr_net_spec.user_size) follow, aligned */
} rr_entity;

/* rr_entity_user - the user's bytes of an entity. */
#define rr_entity_user(e) ((void *)((rr_entity *)(e) + 1))

typedef struct rr_route_table {
    uint32_t n;              /* targets */
    const uint32_t *target;  /* n targets (stations or RR_TO_EXIT(x)) */
    const double *p;         /* n_classes * n probabilities, row per class;
                                each row sums to 1 */
} rr_route_table;

typedef struct rr_station_spec {
    const char *name;
    int servers;                      /* >= 0, or RR_UNLIMITED */
    rr_dist service;
    const rr_dist *service_by_class;  /* n_classes entries (used instead of
                                         service) or NULL */
    rr_discipline discipline;
    bool has_patience;
    rr_dist patience;
    rr_patience_scope patience_scope;
    double max_stay;                  /* days; <= 0 or INFINITY = none */
    rr_route_table route[RR_OUT_COUNT];
} rr_station_spec;

typedef struct rr_source_spec {
    const char *name;
    double rate;              /* arrivals per day (may be 0) */
    uint32_t station;         /* where arrivals enter */
    uint32_t n_classes;       /* class weights below; 0 = always class 0 */
    const double *class_weight;
} rr_source_spec;

typedef struct rr_net rr_net;

typedef struct rr_net_hooks {
    void *ctx;
    /* a new entity from a source, before it enters its station: the user
     * may set klass, priority, flags, channel and its own bytes. */
    void (*on_create)(void *ctx, rr_net *net, rr_entity *e, uint32_t source);
    /* the entity entered station s; called before it starts service or
     * joins the queue, so the hook may still set its priority. */
    void (*on_enter)(void *ctx, rr_net *net, rr_entity *e, uint32_t s);
    /* the entity leaves station s by `way`, going to `target`. */
    void (*on_leave)(void *ctx, rr_net *net, rr_entity *e, uint32_t s,
                     rr_way_out way, uint32_t target);
    /* the entity leaves the network through exit x (from station s). */
    void (*on_exit)(void *ctx, rr_net *net, rr_entity *e, uint32_t x,
                    uint32_t s, rr_way_out way);
} rr_net_hooks;

typedef struct rr_net_spec {
    uint32_t n_stations;
    const rr_station_spec *stations;
    uint32_t n_sources;
    const rr_source_spec *sources;
    uint32_t n_exits;
    uint32_t n_classes;       /* >= 1 */
    size_t user_size;         /* user bytes per entity */
    rr_net_hooks hooks;
    int rng;                  /* rr_rng_version of the streams (0 = v1);
                                 from v2 a source of one class draws no
                                 class for its arrivals */
} rr_net_spec;

typedef struct rr_station_stats {
    uint64_t entered, started, completed, abandoned, timed_out;
    rr_timeavg present;   /* number at the station */
    rr_timeavg waiting;   /* number queueing */
    rr_timeavg busy;      /* servers busy */
    rr_mean wait;         /* entry to service start, for those served */
    rr_mean sojourn;      /* entry to leaving, every way out */
} rr_station_stats;

/* rr_net_create - a network over calendar cal (not owned) drawing from
 * rng[RR_STREAM_COUNT] (not owned; see rr_rng.h).  The spec is copied, but
 * the arrays it points to (routes, class weights, service_by_class) must
 * outlive the network unless replaced with the setters below.  Returns NULL
 * on bad spec or no memory, with a message in err.  Free with
 * rr_net_destroy(). */
rr_net *rr_net_create(const rr_net_spec *spec, rr_calendar *cal,
                      gsl_rng *const *rng, char *err, size_t errlen);
void rr_net_destroy(rr_net *net);

/* rr_net_start - schedule the first arrival of every source (at now). */
int rr_net_start(rr_net *net);

/* rr_net_add - a new entity of class k, priority prio, enters station s at
 * now, as if it had been in the station for `elapsed` days already: the
 * maximum-stay clock has run for that long, and when a server is free the
 * service is what is left of one that lasts longer than elapsed (drawn on
 * that condition; at once when hardly any lasts that long); else the
 * entity queues afresh.  A station whose service takes no time passes
 * the elapsed time on to the next.  Counts
 * as an injection, not a source arrival.  Returns the entity, or NULL
 * when out of memory or at the limit of rr_net_set_max_in_system (latched:
 * rr_net_status()).  If the user sets fields in the returned entity, they
 * are set after on_enter ran. */
rr_entity *rr_net_add(rr_net *net, uint32_t k, uint8_t prio, uint32_t s,
                      double elapsed, double t_system);

/* rr_net_new_entity / rr_net_enter - the two halves of rr_net_add, for users
 * who must fill their bytes before the entity is seen by on_enter.
 * rr_net_new_entity returns NULL as rr_net_add does. */
rr_entity *rr_net_new_entity(rr_net *net);
void rr_net_enter(rr_net *net, rr_entity *e, uint32_t s, double elapsed);

/* rr_net_set_max_in_system - hold at most n entities at once (0 = no
 * limit, the default): one more is refused (see "Failures"). */
void rr_net_set_max_in_system(rr_net *net, uint64_t n);

/* Parameter changes, effective now. */
void rr_net_set_servers(rr_net *net, uint32_t s, int servers);
int rr_net_servers(const rr_net *net, uint32_t s);
/* rr_net_set_service - the distribution for services starting from now
 * (by_class: n_classes entries or NULL); pointers must outlive the net. */
void rr_net_set_service(rr_net *net, uint32_t s, const rr_dist *d,
                        const rr_dist *by_class);
/* rr_net_set_patience - patience clocks started from now. */
void rr_net_set_patience(rr_net *net, uint32_t s, bool has,
                         const rr_dist *d);
/* rr_net_restart_patience - if e's patience clock is running, draw it
 * afresh from its station's current patience distribution and scale.  For
 * an exponential patience this is exact (memoryless) and is how a change of
 * the hazard reaches cases already present. */
void rr_net_restart_patience(rr_net *net, rr_entity *e);
/* rr_net_set_max_stay - the station's maximum stay from now on (days; <=
 * 0 or INFINITY: none).  Cases entering later get it; for those already
 * there, call rr_net_restart_timeout.  A maximum on a station built without
 * one has no way out (its release route) and is ignored, as a patience is. */
void rr_net_set_max_stay(rr_net *net, uint32_t s, double days);
double rr_net_max_stay(const rr_net *net, uint32_t s);
/* rr_net_restart_timeout - e's release at its station's current maximum
 * stay, counted from when e entered the station: at once if that time has
 * passed, never if the station has no maximum now. */
void rr_net_restart_timeout(rr_net *net, rr_entity *e);
void rr_net_set_service_scale(rr_net *net, uint32_t s, double scale);
void rr_net_set_patience_scale(rr_net *net, uint32_t s, double scale);
void rr_net_set_route(rr_net *net, uint32_t s, rr_way_out way,
                      const rr_route_table *t);
/* rr_net_set_source_rate - a source's rate from now on.  A pending arrival
 * is kept, its remaining time scaled by old / new rate (nothing is drawn:
 * an unchanged rate changes nothing); a source that was stopped draws its
 * next arrival. */
void rr_net_set_source_rate(rr_net *net, uint32_t src, double rate);
double rr_net_source_rate(const rr_net *net, uint32_t src);

/* rr_net_status - RR_OK, or the first failure latched since create
 * (RR_ENOMEM, RR_ERANGE, RR_EINVAL: see "Failures" above); *where (may be
 * NULL) gets the station it happened at, or RR_NONE when none (an entity
 * that could not be had). */
int rr_net_status(const rr_net *net, uint32_t *where);

/* Observation. */
rr_calendar *rr_net_calendar(const rr_net *net);
double rr_net_now(const rr_net *net);
uint32_t rr_net_present(const rr_net *net, uint32_t s);  /* now at s */
uint32_t rr_net_waiting(const rr_net *net, uint32_t s);
uint32_t rr_net_busy(const rr_net *net, uint32_t s);
uint64_t rr_net_in_system(const rr_net *net);             /* all stations */
uint64_t rr_net_arrivals(const rr_net *net);              /* from sources */
uint64_t rr_net_injected(const rr_net *net);              /* rr_net_add */
uint64_t rr_net_exited(const rr_net *net, uint32_t x);    /* through exit x */
const rr_station_stats *rr_net_stats(const rr_net *net, uint32_t s);
/* rr_net_reset_stats - restart every statistic at now (warm-up). */
void rr_net_reset_stats(rr_net *net);
gsl_rng *rr_net_rng(const rr_net *net, int stream);

#endif
