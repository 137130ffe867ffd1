/*
 * test_network.c - the station network against queueing theory, and its
 * deterministic behaviour on small hand-built cases.
 *
 * Validations run REPS independent replications (streams from
 * rr_rng_create(SEED, 0, rep, stream)), discard a warm-up with
 * rr_net_reset_stats() and compare the Student-t 95% interval of the
 * replication means (rr_ci95) with the formula: the theoretical value must
 * lie inside the interval, and the half-width must be under 5% of it.  As
 * GSL's randist tests do, a value outside the interval is not called a
 * failure until the sample has been doubled (REPS more replications).
 * Every validation prints one comparison line, pass or fail.  They all run
 * twice: with the random streams v1 (mt19937, logarithms) and v3 (taus2,
 * ziggurat exponentials and lognormals), which must both agree with
 * theory.
 *
 * Formulas (arrival rate lambda, service rate mu, rho = lambda / (c mu)):
 *   M/M/1    Wq = rho / (mu - lambda),  L = rho / (1 - rho)
 *   M/M/c    Wq = C(c, a) / (c mu - lambda), a = lambda / mu, C from the
 *            Erlang B recursion B_k = a B_{k-1} / (k + a B_{k-1}),
 *            C = c B_c / (c - a (1 - B_c));  Lq = lambda Wq
 *   M/G/1    Wq = lambda E[S^2] / (2 (1 - rho))  (Pollaczek-Khinchine),
 *            E[S^2] = sd^2 + mean^2 (M/D/1: sd = 0)
 *   Jackson  lambda = gamma + lambda P (traffic equations), then
 *            L_i = rho_i / (1 - rho_i) at each single-server station
 *   M/M/1+M  birth-death chain with death rate mu + (n - 1) theta:
 *            abandoned share = sum_n pi_n (n - 1) theta / lambda
 *   Little   time-average number present = throughput x mean sojourn
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rr_calendar.h"
#include "rr_dist.h"
#include "rr_network.h"
#include "rr_rng.h"
#include "rr_stats.h"

#ifndef SEED
#define SEED 20240611u /* another may be given with -DSEED=n */
#endif
#define REPS 20
#define MAX_REPS (2 * REPS)
#define MAX_METRICS 12
#define HALF_WIDTH_LIMIT 0.05 /* of the theoretical value */

/* ---- harness ------------------------------------------------------------ */

/* One replication's engine: calendar, streams and network. */
typedef struct env {
    rr_calendar *cal;
    gsl_rng *rng[RR_STREAM_COUNT];
    rr_net *net;
} env;

/* The version of the random streams the validations run under. */
static rr_rng_version streams = RR_RNG_V1;

static void env_open(env *v, const rr_net_spec *spec, uint64_t seed,
                     uint64_t rep)
{
    char err[256] = "";
    rr_net_spec sp = *spec;
    memset(v, 0, sizeof *v);
    sp.rng = streams;
    v->cal = rr_calendar_create(0, 0);
    for (int i = 0; i < RR_STREAM_COUNT; i++) {
        v->rng[i] = rr_rng_create_v(streams, seed, 0, rep, (uint64_t)i);
        if (!v->rng[i]) {
            printf("cannot create random stream %d\n", i);
            exit(1);
        }
    }
    if (!v->cal) {
        printf("cannot create calendar\n");
        exit(1);
    }
    v->net = rr_net_create(&sp, v->cal, v->rng, err, sizeof err);
    if (!v->net) {
        printf("rr_net_create: %s\n", err);
        exit(1);
    }
}

static void env_close(env *v)
{
    rr_net_destroy(v->net);
    rr_calendar_destroy(v->cal);
    for (int i = 0; i < RR_STREAM_COUNT; i++)
        gsl_rng_free(v->rng[i]);
}

/* run_window - warm up, restart the statistics, run the observed window. */
static void run_window(env *v, double warmup, double horizon)
{
    CHECK(rr_net_start(v->net) == RR_OK);
    rr_calendar_run_until(v->cal, warmup);
    rr_net_reset_stats(v->net);
    rr_calendar_run_until(v->cal, warmup + horizon);
}

/* run_empty - run every pending event. */
static void run_empty(rr_calendar *cal)
{
    while (rr_calendar_step(cal))
        ;
}

/* Measures of one station over the observed window. */
typedef struct smeas {
    double L, Lq, Wq, W, X;
} smeas;

static smeas measure(const rr_net *net, uint32_t s)
{
    const rr_station_stats *x = rr_net_stats(net, s);
    double now = rr_net_now(net);
    double span = now - x->present.t0;
    smeas m;
    m.L = rr_timeavg_mean(&x->present, now);
    m.Lq = rr_timeavg_mean(&x->waiting, now);
    m.Wq = rr_mean_value(&x->wait);
    m.W = rr_mean_value(&x->sojourn);
    m.X = (double)(x->completed + x->abandoned + x->timed_out) / span;
    return m;
}

static const uint32_t to_exit0[1] = {RR_TO_EXIT(0)};
static const double p_one[1] = {1.0};

/* station_spec - a FIFO station, every completion to exit 0. */
static rr_station_spec station_spec(const char *name, int servers,
                                    rr_dist service)
{
    rr_station_spec s;
    memset(&s, 0, sizeof s);
    s.name = name;
    s.servers = servers;
    s.service = service;
    s.discipline = RR_FIFO;
    s.route[RR_OUT_DONE].n = 1;
    s.route[RR_OUT_DONE].target = to_exit0;
    s.route[RR_OUT_DONE].p = p_one;
    return s;
}

static rr_dist dist_exp(double mean)
{
    rr_dist d;
    rr_assert_always(rr_dist_exponential(&d, mean) == RR_OK);
    return d;
}

static rr_dist dist_det(double value)
{
    rr_dist d;
    rr_assert_always(rr_dist_deterministic(&d, value) == RR_OK);
    return d;
}

static rr_dist dist_lognormal(double mean, double sd)
{
    rr_dist d;
    rr_assert_always(rr_dist_lognormal(&d, mean, sd) == RR_OK);
    return d;
}

/* ---- validation driver ------------------------------------------------ */

/* A model fills metric[0..] with one replication's measures. */
typedef void model_fn(uint64_t rep, double *metric);

typedef struct vcheck {
    const char *label;
    int metric;    /* the replication means checked */
    double theory; /* ignored when little >= 0 */
    int little;    /* >= 0: the metric holding throughput x sojourn, whose
                      mean must lie in the interval of `metric` */
} vcheck;

typedef struct validation {
    const char *model;
    model_fn *run;
    int n_metrics;
    const vcheck *chk;
    int n_chk;
} validation;

static double column_mean(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s / (double)n;
}

static double target_of(const vcheck *c, const double (*m)[MAX_REPS],
                        size_t n)
{
    return c->little >= 0 ? column_mean(m[c->little], n) : c->theory;
}

static bool all_inside(const validation *v, const double (*m)[MAX_REPS],
                       size_t n)
{
    for (int i = 0; i < v->n_chk; i++) {
        rr_ci ci = rr_ci95(m[v->chk[i].metric], n);
        double t = target_of(&v->chk[i], m, n);
        if (!(ci.low <= t && t <= ci.high))
            return false;
    }
    return true;
}

static void run_reps(const validation *v, double (*m)[MAX_REPS],
                     size_t from, size_t to)
{
    for (size_t r = from; r < to; r++) {
        double row[MAX_METRICS];
        for (int k = 0; k < MAX_METRICS; k++)
            row[k] = NAN;
        v->run(r, row);
        for (int k = 0; k < v->n_metrics; k++)
            m[k][r] = row[k];
    }
}

/* validate - REPS replications (2 REPS if a value falls outside its
 * interval), then one line and two checks per comparison. */
static void validate(const validation *v)
{
    static double m[MAX_METRICS][MAX_REPS];
    size_t n = REPS;

    rr_assert_always(v->n_metrics <= MAX_METRICS);
    run_reps(v, m, 0, n);
    if (!all_inside(v, (const double (*)[MAX_REPS])m, n)) {
        run_reps(v, m, n, MAX_REPS);
        n = MAX_REPS;
    }
    for (int i = 0; i < v->n_chk; i++) {
        const vcheck *c = &v->chk[i];
        rr_ci ci = rr_ci95(m[c->metric], n);
        double t = target_of(c, (const double (*)[MAX_REPS])m, n);
        double rel = ci.half / fabs(t);
        bool inside = ci.low <= t && t <= ci.high;
        printf("%-26s %-12s %s %9.4f  sim %9.4f [%9.4f, %9.4f]  "
               "hw %4.1f%%  %zu reps%s\n",
               v->model, c->label, c->little >= 0 ? "X*W   " : "theory", t,
               ci.mean, ci.low, ci.high, 100 * rel, ci.n,
               inside && rel < HALF_WIDTH_LIMIT ? "" : "  <-- FAIL");
        CHECK_MSG(ci.n == n, "%s %s: %zu usable replications of %zu",
                  v->model, c->label, ci.n, n);
        CHECK_MSG(inside, "%s %s: %.6g outside [%.6g, %.6g]", v->model,
                  c->label, t, ci.low, ci.high);
        CHECK_MSG(rel < HALF_WIDTH_LIMIT,
                  "%s %s: half-width %.3g is %.1f%% of %.6g", v->model,
                  c->label, ci.half, 100 * rel, t);
    }
}

/* ---- theory ------------------------------------------------------------- */

/* erlang_c - probability of waiting in M/M/c with offered load a = lambda/mu
 * (a < c), through the Erlang B recursion, which never overflows. */
static double erlang_c(int c, double a)
{
    double b = 1.0;
    for (int k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    return c * b / (c - a * (1 - b));
}

/* solve - x = A^-1 b for a small dense n x n system (Gaussian elimination
 * with partial pivoting); A and b are overwritten. */
static void solve(int n, double a[][3], double *b, double *x)
{
    for (int col = 0; col < n; col++) {
        int piv = col;
        for (int r = col + 1; r < n; r++)
            if (fabs(a[r][col]) > fabs(a[piv][col]))
                piv = r;
        if (piv != col) {
            for (int k = 0; k < n; k++) {
                double t = a[col][k];
                a[col][k] = a[piv][k];
                a[piv][k] = t;
            }
            double t = b[col];
            b[col] = b[piv];
            b[piv] = t;
        }
        for (int r = col + 1; r < n; r++) {
            double f = a[r][col] / a[col][col];
            for (int k = col; k < n; k++)
                a[r][k] -= f * a[col][k];
            b[r] -= f * b[col];
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        double s = b[r];
        for (int k = r + 1; k < n; k++)
            s -= a[r][k] * x[k];
        x[r] = s / a[r][r];
    }
}

/* mm1m_abandon_share - M/M/1+M (exponential patience while queueing): the
 * share of arrivals that abandon.  pi_n is built term by term until the
 * terms no longer matter (they fall faster than geometrically). */
static double mm1m_abandon_share(double lambda, double mu, double theta)
{
    double pi = 1.0, norm = 1.0, rate = 0.0;
    for (int n = 1; n < 100000; n++) {
        pi *= lambda / (mu + (n - 1) * theta);
        norm += pi;
        rate += pi * (n - 1) * theta;
        if (pi < 1e-17 * norm)
            break;
    }
    return rate / norm / lambda;
}

/* ---- single stations ------------------------------------------------- */

/* one_station - a Poisson source into one station, every completion out. */
static void one_station(uint64_t rep, double lambda, int servers,
                        rr_dist service, double warmup, double horizon,
                        smeas *out)
{
    rr_station_spec st = station_spec("s", servers, service);
    rr_source_spec so = {"in", lambda, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    env v;
    env_open(&v, &spec, SEED, rep);
    run_window(&v, warmup, horizon);
    *out = measure(v.net, 0);
    env_close(&v);
}

#define MM1_LAMBDA 0.7
#define MM1_H 60000.0

static void model_mm1(uint64_t rep, double *m)
{
    smeas s;
    one_station(rep, MM1_LAMBDA, 1, dist_exp(1.0), 1000, MM1_H, &s);
    m[0] = s.Wq;
    m[1] = s.L;
    m[2] = s.X * s.W;
}

#define MMC_C 10
#define MMC_LAMBDA 9.0
#define MMC_H 48000.0

static void model_mmc(uint64_t rep, double *m)
{
    smeas s;
    one_station(rep, MMC_LAMBDA, MMC_C, dist_exp(1.0), 500, MMC_H, &s);
    m[0] = s.Wq;
    m[1] = s.Lq;
    m[2] = s.L;
    m[3] = s.X * s.W;
    m[4] = s.X * s.Wq;
}

#define MD1_LAMBDA 0.7
#define MD1_H 30000.0

static void model_md1(uint64_t rep, double *m)
{
    smeas s;
    one_station(rep, MD1_LAMBDA, 1, dist_det(1.0), 1000, MD1_H, &s);
    m[0] = s.Wq;
}

#define MG1_LAMBDA 0.6
#define MG1_MEAN 1.0
#define MG1_SD 1.5
#define MG1_H 120000.0

static void model_mg1(uint64_t rep, double *m)
{
    smeas s;
    one_station(rep, MG1_LAMBDA, 1, dist_lognormal(MG1_MEAN, MG1_SD), 1000,
                MG1_H, &s);
    m[0] = s.Wq;
}

/* ---- open Jackson network ---------------------------------------------- */

/* External arrivals into station 0; 0 -> 1 (0.4) or 2 (0.6); 1 -> exit;
 * 2 -> 0 (0.5, feedback) or exit. */
#define JK_GAMMA 1.0
#define JK_H 30000.0
static const uint32_t jk_t0[2] = {1, 2};
static const double jk_p0[2] = {0.4, 0.6};
static const uint32_t jk_t2[2] = {0, RR_TO_EXIT(0)};
static const double jk_p2[2] = {0.5, 0.5};
static const double jk_mean[3] = {0.5, 1.0, 0.8};

static rr_net_spec jackson_spec(rr_station_spec st[3], rr_source_spec *so)
{
    rr_net_spec spec;
    for (int i = 0; i < 3; i++)
        st[i] = station_spec(i == 0 ? "a" : i == 1 ? "b" : "c", 1,
                             dist_exp(jk_mean[i]));
    st[0].route[RR_OUT_DONE].n = 2;
    st[0].route[RR_OUT_DONE].target = jk_t0;
    st[0].route[RR_OUT_DONE].p = jk_p0;
    st[2].route[RR_OUT_DONE].n = 2;
    st[2].route[RR_OUT_DONE].target = jk_t2;
    st[2].route[RR_OUT_DONE].p = jk_p2;
    memset(so, 0, sizeof *so);
    so->name = "in";
    so->rate = JK_GAMMA;
    so->station = 0;
    memset(&spec, 0, sizeof spec);
    spec.n_stations = 3;
    spec.stations = st;
    spec.n_sources = 1;
    spec.sources = so;
    spec.n_exits = 1;
    spec.n_classes = 1;
    return spec;
}

/* jackson_rho - utilisations from the traffic equations
 * (I - P^T) lambda = gamma, with P read from the routing tables. */
static void jackson_rho(double rho[3])
{
    rr_station_spec st[3];
    rr_source_spec so;
    rr_net_spec spec = jackson_spec(st, &so);
    double a[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double g[3] = {0, 0, 0}, lambda[3];

    g[so.station] = so.rate;
    for (uint32_t i = 0; i < spec.n_stations; i++) {
        const rr_route_table *t = &st[i].route[RR_OUT_DONE];
        for (uint32_t k = 0; k < t->n; k++)
            if (!RR_IS_EXIT(t->target[k]))
                a[t->target[k]][i] -= t->p[k];
    }
    solve(3, a, g, lambda);
    for (int i = 0; i < 3; i++)
        rho[i] = lambda[i] * jk_mean[i];
}

static void model_jackson(uint64_t rep, double *m)
{
    rr_station_spec st[3];
    rr_source_spec so;
    rr_net_spec spec = jackson_spec(st, &so);
    env v;
    env_open(&v, &spec, SEED, rep);
    run_window(&v, 1000, JK_H);
    for (uint32_t i = 0; i < 3; i++) {
        smeas s = measure(v.net, i);
        m[i] = s.L;
        m[3 + i] = s.X * s.W;
    }
    env_close(&v);
}

/* ---- M/M/1+M ------------------------------------------------------------ */

#define MM1M_LAMBDA 1.0
#define MM1M_MU 1.0
#define MM1M_THETA 0.5
#define MM1M_H 20000.0
static const uint32_t to_exit1[1] = {RR_TO_EXIT(1)};

static void model_mm1m(uint64_t rep, double *m)
{
    rr_station_spec st = station_spec("s", 1, dist_exp(1.0 / MM1M_MU));
    rr_source_spec so = {"in", MM1M_LAMBDA, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 2, 1, 0, {0}, 0};
    const rr_station_stats *x;
    env v;

    st.has_patience = true;
    st.patience = dist_exp(1.0 / MM1M_THETA);
    st.patience_scope = RR_PATIENCE_QUEUE;
    st.route[RR_OUT_ABANDON].n = 1;
    st.route[RR_OUT_ABANDON].target = to_exit1;
    st.route[RR_OUT_ABANDON].p = p_one;
    env_open(&v, &spec, SEED, rep);
    run_window(&v, 500, MM1M_H);
    x = rr_net_stats(v.net, 0);
    m[0] = (double)x->abandoned / (double)(x->abandoned + x->completed);
    env_close(&v);
}

static void test_validations(void)
{
    double rho = MM1_LAMBDA;
    double a = MMC_LAMBDA / 1.0; /* offered load lambda / mu */
    double wq_c = erlang_c(MMC_C, a) / (MMC_C * 1.0 - MMC_LAMBDA);
    double es2 = MG1_SD * MG1_SD + MG1_MEAN * MG1_MEAN;
    double rho_g = MG1_LAMBDA * MG1_MEAN;
    double jr[3];

    const vcheck mm1[] = {
        {"Wq", 0, rho / (1 - MM1_LAMBDA), -1},
        {"L", 1, rho / (1 - rho), -1},
        {"Little L", 1, 0, 2},
    };
    const vcheck mmc[] = {
        {"Wq", 0, wq_c, -1},
        {"Lq", 1, MMC_LAMBDA * wq_c, -1},
        {"Little L", 2, 0, 3},
        {"Little Lq", 1, 0, 4},
    };
    const vcheck md1[] = {
        {"Wq", 0, MD1_LAMBDA * 1.0 / (2 * (1 - MD1_LAMBDA)), -1},
    };
    const vcheck mg1[] = {
        {"Wq", 0, MG1_LAMBDA * es2 / (2 * (1 - rho_g)), -1},
    };
    const vcheck mm1m[] = {
        {"abandoned", 0,
         mm1m_abandon_share(MM1M_LAMBDA, MM1M_MU, MM1M_THETA), -1},
    };
    vcheck jk[6];
    const validation all[] = {
        {"M/M/1 rho=0.7", model_mm1, 3, mm1, (int)RR_COUNTOF(mm1)},
        {"M/M/10 rho=0.9", model_mmc, 5, mmc, (int)RR_COUNTOF(mmc)},
        {"M/D/1 rho=0.7", model_md1, 1, md1, (int)RR_COUNTOF(md1)},
        {"M/G/1 lognormal(1,1.5)", model_mg1, 1, mg1, (int)RR_COUNTOF(mg1)},
        {"Jackson 3 stations", model_jackson, 6, jk, (int)RR_COUNTOF(jk)},
        {"M/M/1+M theta=0.5", model_mm1m, 1, mm1m, (int)RR_COUNTOF(mm1m)},
    };
    static const char *const jk_label[6] = {"L a", "L b", "L c",
                                            "Little a", "Little b",
                                            "Little c"};

    jackson_rho(jr);
    for (int i = 0; i < 3; i++) {
        jk[i] = (vcheck){jk_label[i], i, jr[i] / (1 - jr[i]), -1};
        jk[3 + i] = (vcheck){jk_label[3 + i], i, 0, 3 + i};
    }
    /* the traffic equations by hand: lambda0 = 1 / (1 - 0.6 * 0.5) */
    CHECK_NEAR(jr[0], JK_GAMMA / (1 - 0.3) * jk_mean[0], 1e-12);
    for (size_t i = 0; i < RR_COUNTOF(all); i++)
        validate(&all[i]);
}

/* ---- deterministic behaviour ------------------------------------------- */

typedef struct exit_rec {
    uint32_t id, klass, x, s;
    rr_way_out way;
    double t, t_system;
} exit_rec;

typedef struct leave_rec {
    uint32_t id, s, target;
    rr_way_out way;
    double t;
} leave_rec;

typedef struct recorder {
    exit_rec ex[64];
    size_t n_ex;
    leave_rec lv[64];
    size_t n_lv;
    uint64_t by_class_exit[2][2];
    uint64_t bad_sojourn;
    size_t max_pending;
    uint64_t max_present;
} recorder;

static void rec_exit(void *ctx, rr_net *net, rr_entity *e, uint32_t x,
                     uint32_t s, rr_way_out way)
{
    recorder *r = ctx;
    if (r->n_ex < RR_COUNTOF(r->ex))
        r->ex[r->n_ex++] = (exit_rec){e->id, e->klass, x, s, way,
                                      rr_net_now(net), e->t_system};
    if (e->klass < 2 && x < 2)
        r->by_class_exit[e->klass][x]++;
}

static void rec_leave(void *ctx, rr_net *net, rr_entity *e, uint32_t s,
                      rr_way_out way, uint32_t target)
{
    recorder *r = ctx;
    if (r->n_lv < RR_COUNTOF(r->lv))
        r->lv[r->n_lv++] = (leave_rec){e->id, s, target, way,
                                       rr_net_now(net)};
}

static rr_net_spec one_station_spec(rr_station_spec *st, uint32_t n_exits,
                                    recorder *r)
{
    rr_net_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.n_stations = 1;
    spec.stations = st;
    spec.n_exits = n_exits;
    spec.n_classes = 1;
    spec.hooks.ctx = r;
    spec.hooks.on_exit = rec_exit;
    spec.hooks.on_leave = rec_leave;
    return spec;
}

/* Priorities 2, 3, 0, 1, 0 injected at 0 into one server with service 1:
 * the first is served at once, then level 0 in arrival order, 1, 3. */
static void test_priority(void)
{
    static const uint8_t prio[5] = {2, 3, 0, 1, 0};
    static const uint32_t want_pri[5] = {1, 3, 5, 4, 2};
    for (int disc = 0; disc < 2; disc++) {
        rr_station_spec st = station_spec("s", 1, dist_det(1.0));
        recorder r;
        env v;
        rr_net_spec spec;

        memset(&r, 0, sizeof r);
        st.discipline = disc ? RR_PRIORITY : RR_FIFO;
        spec = one_station_spec(&st, 1, &r);
        env_open(&v, &spec, SEED, 0);
        for (int i = 0; i < 5; i++)
            CHECK(rr_net_add(v.net, 0, prio[i], 0, 0, 0) != NULL);
        CHECK_EQ(rr_net_present(v.net, 0), 5);
        CHECK_EQ(rr_net_busy(v.net, 0), 1);
        CHECK_EQ(rr_net_waiting(v.net, 0), 4);
        run_empty(v.cal);
        CHECK_EQ(r.n_ex, 5);
        for (size_t i = 0; i < r.n_ex && i < 5; i++) {
            CHECK_EQ(r.ex[i].id, disc ? want_pri[i] : (uint32_t)(i + 1));
            CHECK_NEAR(r.ex[i].t, (double)(i + 1), 1e-12);
            CHECK_EQ(r.ex[i].way, RR_OUT_DONE);
        }
        /* waits 0, 1, 2, 3, 4 whatever the order */
        CHECK_NEAR(rr_mean_value(&rr_net_stats(v.net, 0)->wait), 2.0,
                   1e-12);
        CHECK_EQ(rr_net_injected(v.net), 5);
        CHECK_EQ(rr_net_in_system(v.net), 0);
        env_close(&v);
    }
}

/* One server, service 5, deterministic patience while queueing. */
static void test_patience_deterministic(void)
{
    static const struct {
        double patience;
        rr_patience_scope scope;
        struct { uint32_t id, x; rr_way_out way; double t; } want[3];
    } cases[] = {
        /* B and C give up at 2, A is served */
        {2, RR_PATIENCE_QUEUE,
         {{2, 1, RR_OUT_ABANDON, 2}, {3, 1, RR_OUT_ABANDON, 2},
          {1, 0, RR_OUT_DONE, 5}}},
        /* B starts at 5 (its clock stops), C gives up at 6 */
        {6, RR_PATIENCE_QUEUE,
         {{1, 0, RR_OUT_DONE, 5}, {3, 1, RR_OUT_ABANDON, 6},
          {2, 0, RR_OUT_DONE, 10}}},
        /* the clock runs in service too: B leaves service at 6, C starts
         * then and its own clock ends at once */
        {6, RR_PATIENCE_STAY,
         {{1, 0, RR_OUT_DONE, 5}, {2, 1, RR_OUT_ABANDON, 6},
          {3, 1, RR_OUT_ABANDON, 6}}},
    };
    for (size_t c = 0; c < RR_COUNTOF(cases); c++) {
        rr_station_spec st = station_spec("s", 1, dist_det(5.0));
        recorder r;
        env v;
        rr_net_spec spec;
        uint64_t ab = 0;

        memset(&r, 0, sizeof r);
        st.has_patience = true;
        st.patience = dist_det(cases[c].patience);
        st.patience_scope = cases[c].scope;
        st.route[RR_OUT_ABANDON].n = 1;
        st.route[RR_OUT_ABANDON].target = to_exit1;
        st.route[RR_OUT_ABANDON].p = p_one;
        spec = one_station_spec(&st, 2, &r);
        env_open(&v, &spec, SEED, 0);
        for (int i = 0; i < 3; i++)
            rr_net_add(v.net, 0, 0, 0, 0, 0);
        run_empty(v.cal);
        CHECK_EQ(r.n_ex, 3);
        for (size_t i = 0; i < r.n_ex && i < 3; i++) {
            CHECK_EQ(r.ex[i].id, cases[c].want[i].id);
            CHECK_EQ(r.ex[i].x, cases[c].want[i].x);
            CHECK_EQ(r.ex[i].way, cases[c].want[i].way);
            CHECK_NEAR(r.ex[i].t, cases[c].want[i].t, 1e-12);
            ab += cases[c].want[i].way == RR_OUT_ABANDON;
        }
        CHECK_EQ(rr_net_stats(v.net, 0)->abandoned, ab);
        CHECK_EQ(rr_net_exited(v.net, 1), ab);
        CHECK_EQ(rr_net_exited(v.net, 0), 3 - ab);
        CHECK_EQ(rr_net_busy(v.net, 0), 0);
        CHECK_EQ(rr_calendar_size(v.cal), 0);
        env_close(&v);
    }
}

/* Maximum stay 10, service 100: time-outs go to an unlimited "release"
 * station (service 1) and then out; elapsed shortens the clock. */
static void test_max_stay(void)
{
    static const uint32_t to_release[1] = {1};
    rr_station_spec st[2];
    recorder r;
    env v;
    rr_net_spec spec;
    static const struct { uint32_t id; double t; } want[3] = {
        {3, 0}, {2, 6}, {1, 10}};

    memset(&r, 0, sizeof r);
    st[0] = station_spec("held", 1, dist_det(100.0));
    st[0].max_stay = 10;
    st[0].route[RR_OUT_TIMEOUT].n = 1;
    st[0].route[RR_OUT_TIMEOUT].target = to_release;
    st[0].route[RR_OUT_TIMEOUT].p = p_one;
    st[1] = station_spec("release", RR_UNLIMITED, dist_det(1.0));
    spec = one_station_spec(st, 1, &r);
    spec.n_stations = 2;
    env_open(&v, &spec, SEED, 0);
    rr_net_add(v.net, 0, 0, 0, 0, 0);  /* in service, out at 10 */
    rr_net_add(v.net, 0, 0, 0, 4, 0);  /* queued, out at 6 */
    rr_net_add(v.net, 0, 0, 0, 15, 0); /* overdue: out at once */
    run_empty(v.cal);
    CHECK_EQ(r.n_lv, 6);
    for (size_t i = 0, k = 0; i < r.n_lv; i++) {
        if (r.lv[i].s != 0 || k >= 3)
            continue;
        CHECK_EQ(r.lv[i].id, want[k].id);
        CHECK_EQ(r.lv[i].way, RR_OUT_TIMEOUT);
        CHECK_EQ(r.lv[i].target, 1);
        CHECK_NEAR(r.lv[i].t, want[k].t, 1e-12);
        k++;
    }
    CHECK_EQ(r.n_ex, 3);
    for (size_t i = 0; i < 3 && i < r.n_ex; i++) {
        CHECK_EQ(r.ex[i].id, want[i].id);
        CHECK_EQ(r.ex[i].s, 1);
        CHECK_EQ(r.ex[i].way, RR_OUT_DONE);
        CHECK_NEAR(r.ex[i].t, want[i].t + 1, 1e-12);
    }
    CHECK_EQ(rr_net_stats(v.net, 0)->timed_out, 3);
    CHECK_EQ(rr_net_stats(v.net, 0)->completed, 0);
    CHECK_EQ(rr_net_stats(v.net, 1)->entered, 3);
    /* the completion at 100 went with the entity */
    CHECK_NEAR(rr_net_now(v.net), 11, 1e-12);
    env_close(&v);

    /* service 3 < maximum stay: completed, the clock cancelled */
    memset(&r, 0, sizeof r);
    st[0].service = dist_det(3.0);
    env_open(&v, &spec, SEED, 0);
    rr_net_add(v.net, 0, 0, 0, 0, 0);
    run_empty(v.cal);
    CHECK_EQ(r.n_ex, 1);
    CHECK_EQ(r.ex[0].way, RR_OUT_DONE);
    CHECK_EQ(r.ex[0].s, 0);
    CHECK_NEAR(r.ex[0].t, 3, 1e-12);
    CHECK_EQ(rr_net_stats(v.net, 0)->timed_out, 0);
    CHECK_NEAR(rr_net_now(v.net), 3, 1e-12);
    env_close(&v);
}

/* Closing a station lets the entity in service finish and starts nobody;
 * reopening with two servers starts both waiting at once. */
static void test_set_servers(void)
{
    rr_station_spec st = station_spec("s", 1, dist_det(1.0));
    recorder r;
    env v;
    rr_net_spec spec;

    memset(&r, 0, sizeof r);
    spec = one_station_spec(&st, 1, &r);
    env_open(&v, &spec, SEED, 0);
    for (int i = 0; i < 3; i++)
        rr_net_add(v.net, 0, 0, 0, 0, 0);
    rr_net_set_servers(v.net, 0, 0);
    CHECK_EQ(rr_net_servers(v.net, 0), 0);
    rr_calendar_run_until(v.cal, 10);
    CHECK_EQ(rr_net_stats(v.net, 0)->completed, 1);
    CHECK_EQ(rr_net_busy(v.net, 0), 0);
    CHECK_EQ(rr_net_waiting(v.net, 0), 2);
    CHECK_EQ(rr_calendar_size(v.cal), 0);
    rr_net_set_servers(v.net, 0, 2);
    CHECK_EQ(rr_net_servers(v.net, 0), 2);
    CHECK_EQ(rr_net_busy(v.net, 0), 2);
    CHECK_EQ(rr_net_waiting(v.net, 0), 0);
    run_empty(v.cal);
    CHECK_EQ(r.n_ex, 3);
    if (r.n_ex == 3) {
        CHECK_NEAR(r.ex[0].t, 1, 1e-12);
        CHECK_NEAR(r.ex[1].t, 11, 1e-12);
        CHECK_NEAR(r.ex[2].t, 11, 1e-12);
        CHECK_EQ(r.ex[1].id, 2);
        CHECK_EQ(r.ex[2].id, 3);
    }
    env_close(&v);
}

/* A source at rate 0 schedules nothing; raising it resumes arrivals. */
static void test_source_rate(void)
{
    rr_station_spec st = station_spec("s", RR_UNLIMITED, dist_exp(1.0));
    rr_source_spec so = {"in", 5.0, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    env v;
    uint64_t a;

    env_open(&v, &spec, SEED, 0);
    CHECK(rr_net_start(v.net) == RR_OK);
    rr_calendar_run_until(v.cal, 100);
    a = rr_net_arrivals(v.net);
    CHECK(a > 400 && a < 600);
    rr_net_set_source_rate(v.net, 0, 0);
    CHECK(rr_net_source_rate(v.net, 0) == 0);
    rr_calendar_run_until(v.cal, 1000);
    CHECK_EQ(rr_net_arrivals(v.net), a);
    CHECK_EQ(rr_net_in_system(v.net), 0);
    CHECK_EQ(rr_calendar_size(v.cal), 0);
    CHECK_EQ(rr_net_exited(v.net, 0), a);
    rr_net_set_source_rate(v.net, 0, 5.0);
    rr_calendar_run_until(v.cal, 1100);
    CHECK(rr_net_arrivals(v.net) > a + 400);
    env_close(&v);
}

/* Two classes from one source: class 0 always to exit 0 after service 1,
 * class 1 always to exit 1 after service 2. */
static void test_class_routing(void)
{
    static const uint32_t tgt[2] = {RR_TO_EXIT(0), RR_TO_EXIT(1)};
    static const double p[4] = {1, 0, 0, 1};
    static const double w[2] = {0.3, 0.7};
    rr_dist by_class[2];
    rr_station_spec st = station_spec("s", RR_UNLIMITED, dist_exp(1.0));
    rr_source_spec so = {"in", 10.0, 0, 2, w};
    recorder r;
    rr_net_spec spec;
    env v;
    uint64_t n0, n1;

    memset(&r, 0, sizeof r);
    by_class[0] = dist_det(1.0);
    by_class[1] = dist_det(2.0);
    st.service_by_class = by_class;
    st.route[RR_OUT_DONE].n = 2;
    st.route[RR_OUT_DONE].target = tgt;
    st.route[RR_OUT_DONE].p = p;
    spec = one_station_spec(&st, 2, &r);
    spec.n_classes = 2;
    spec.n_sources = 1;
    spec.sources = &so;
    env_open(&v, &spec, SEED, 0);
    CHECK(rr_net_start(v.net) == RR_OK);
    rr_calendar_run_until(v.cal, 1000);
    rr_net_set_source_rate(v.net, 0, 0);
    run_empty(v.cal);
    n0 = r.by_class_exit[0][0];
    n1 = r.by_class_exit[1][1];
    CHECK_EQ(r.by_class_exit[0][1], 0);
    CHECK_EQ(r.by_class_exit[1][0], 0);
    CHECK_EQ(n0 + n1, rr_net_arrivals(v.net));
    CHECK_EQ(rr_net_exited(v.net, 0), n0);
    CHECK_EQ(rr_net_exited(v.net, 1), n1);
    /* about 3000 and 7000: the class weights are used */
    CHECK(n0 > 2700 && n0 < 3300);
    CHECK(n1 > 6700 && n1 < 7300);
    for (size_t i = 0; i < r.n_ex; i++)
        CHECK_NEAR(r.ex[i].t - r.ex[i].t_system, r.ex[i].klass ? 2 : 1,
                   1e-9);
    env_close(&v);
}

/* conservation - arrivals + injected = exited + in system, and in system
 * = the sum of those present at the stations. */
static void test_conservation(void)
{
    rr_station_spec st[3];
    rr_source_spec so;
    rr_net_spec spec = jackson_spec(st, &so);
    env v;

    st[1].has_patience = true;
    st[1].patience = dist_exp(3.0);
    st[1].route[RR_OUT_ABANDON].n = 1;
    st[1].route[RR_OUT_ABANDON].target = to_exit0;
    st[1].route[RR_OUT_ABANDON].p = p_one;
    st[2].max_stay = 2.0;
    st[2].route[RR_OUT_TIMEOUT].n = 1;
    st[2].route[RR_OUT_TIMEOUT].target = to_exit0;
    st[2].route[RR_OUT_TIMEOUT].p = p_one;
    env_open(&v, &spec, SEED, 7);
    CHECK(rr_net_start(v.net) == RR_OK);
    for (int k = 1; k <= 50; k++) {
        uint64_t out, present = 0;
        rr_calendar_run_until(v.cal, 97.5 * k);
        rr_net_add(v.net, 0, 0, (uint32_t)(k % 3), 0.5 * k,
                   rr_net_now(v.net));
        out = rr_net_exited(v.net, 0);
        for (uint32_t s = 0; s < 3; s++)
            present += rr_net_present(v.net, s);
        CHECK_EQ(rr_net_arrivals(v.net) + rr_net_injected(v.net),
                 out + rr_net_in_system(v.net));
        CHECK_EQ(rr_net_in_system(v.net), present);
    }
    CHECK_EQ(rr_net_injected(v.net), 50);
    CHECK(rr_net_stats(v.net, 1)->abandoned > 0);
    CHECK(rr_net_stats(v.net, 2)->timed_out > 0);
    env_close(&v);
}

/* run_fingerprint - a few results of one Jackson replication. */
static void run_fingerprint(uint64_t rep, double out[8])
{
    rr_station_spec st[3];
    rr_source_spec so;
    rr_net_spec spec = jackson_spec(st, &so);
    env v;
    env_open(&v, &spec, SEED, rep);
    run_window(&v, 100, 2000);
    out[0] = (double)rr_calendar_events_run(v.cal);
    out[1] = (double)rr_net_arrivals(v.net);
    out[2] = (double)rr_net_in_system(v.net);
    for (uint32_t s = 0; s < 3; s++)
        out[3 + s] = measure(v.net, s).L;
    out[6] = measure(v.net, 0).Wq;
    out[7] = measure(v.net, 2).W;
    env_close(&v);
}

static void test_same_seed(void)
{
    double a[8], b[8], c[8];
    run_fingerprint(3, a);
    run_fingerprint(3, b);
    run_fingerprint(4, c);
    for (int i = 0; i < 8; i++)
        CHECK_MSG(a[i] == b[i], "same seed, result %d: %.17g vs %.17g", i,
                  a[i], b[i]);
    CHECK(memcmp(a, c, sizeof a) != 0);
}

/* A long M/M/1 run (rho 0.7) where every entity present holds a pending
 * event (a maximum stay it never reaches): memory follows the largest number
 * present, not the number of customers ever seen. */
static void track_pending(void *ctx, rr_net *net, rr_entity *e, uint32_t s)
{
    recorder *r = ctx;
    size_t n = rr_calendar_size(rr_net_calendar(net));
    RR_UNUSED(e);
    RR_UNUSED(s);
    if (n > r->max_pending)
        r->max_pending = n;
    if (rr_net_in_system(net) > r->max_present)
        r->max_present = rr_net_in_system(net);
}

static void test_bounded_memory(void)
{
    rr_station_spec st = station_spec("s", 1, dist_exp(1.0));
    rr_source_spec so = {"in", 0.7, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    recorder r;
    env v;
    size_t cap0, cap_mid, cap_end, bound;

    memset(&r, 0, sizeof r);
    st.max_stay = 1e6;
    st.route[RR_OUT_TIMEOUT] = st.route[RR_OUT_DONE];
    spec.hooks.ctx = &r;
    spec.hooks.on_enter = track_pending;
    env_open(&v, &spec, SEED, 0);
    cap0 = rr_calendar_capacity(v.cal);
    CHECK(rr_net_start(v.net) == RR_OK);
    rr_calendar_run_until(v.cal, 20000);
    cap_mid = rr_calendar_capacity(v.cal);
    rr_calendar_run_until(v.cal, 400000);
    cap_end = rr_calendar_capacity(v.cal);
    /* a growing table at most doubles past the largest number pending
     * (sampled in on_enter, which may miss the event being run and the
     * service start that follows) */
    bound = 2 * (r.max_pending + 2);
    if (bound < cap0)
        bound = cap0;
    printf("%-26s %-12s %" PRIu64 " customers, at most %" PRIu64
           " present, %zu pending; calendar capacity %zu -> %zu -> %zu\n",
           "M/M/1 long run", "memory", rr_net_arrivals(v.net),
           r.max_present, r.max_pending, cap0, cap_mid, cap_end);
    CHECK(rr_net_arrivals(v.net) > 250000);
    CHECK(r.max_pending >= r.max_present);
    CHECK_MSG(cap_end <= bound, "calendar capacity %zu > %zu", cap_end,
              bound);
    CHECK_EQ(rr_net_stats(v.net, 0)->timed_out, 0);
    env_close(&v);
}

/* ---- failures: latched, never an abort ------------------------------------ */

static void run_noop(void *subject, void *object)
{
    (void)subject;
    (void)object;
}

/* At its limit on entities present the network refuses the next one: the
 * source stops, the failure is latched (no station), rr_net_add returns
 * NULL, and what is there runs on and leaves consistently. */
static void test_max_in_system(void)
{
    rr_station_spec st = station_spec("s", 1, dist_exp(1.0));
    rr_source_spec so = {"in", 1000.0, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    uint32_t where = 0;
    uint64_t a;
    env v;

    env_open(&v, &spec, SEED, 0);
    rr_net_set_max_in_system(v.net, 50);
    CHECK(rr_net_start(v.net) == RR_OK);
    CHECK_EQ(rr_net_status(v.net, &where), RR_OK);
    while (rr_net_status(v.net, NULL) == RR_OK && rr_calendar_step(v.cal))
        ;
    CHECK_EQ(rr_net_status(v.net, &where), RR_ERANGE);
    CHECK_EQ(where, RR_NONE);
    CHECK_EQ(rr_net_in_system(v.net), 50);
    CHECK_EQ(rr_net_present(v.net, 0), 50);
    CHECK(rr_net_add(v.net, 0, 0, 0, 0, 0) == NULL);
    CHECK_EQ(rr_net_injected(v.net), 0);
    a = rr_net_arrivals(v.net);
    CHECK(a >= 50 && a < 100);
    run_empty(v.cal); /* no arrival pending: it drains */
    CHECK_EQ(rr_net_arrivals(v.net), a);
    CHECK_EQ(rr_net_in_system(v.net), 0);
    CHECK_EQ(rr_net_exited(v.net, 0), a);
    CHECK_EQ(rr_net_status(v.net, NULL), RR_ERANGE); /* it stays latched */
    env_close(&v);
}

/* A calendar that refuses an event (here its limit on pending events):
 * the network latches the calendar's reason and the station, and no
 * assertion trips; the events that were scheduled still run. */
static void test_calendar_refusal(void)
{
    rr_station_spec st = station_spec("s", RR_UNLIMITED, dist_exp(5.0));
    rr_source_spec so = {"in", 100.0, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    uint32_t where = RR_NONE;
    env v;

    env_open(&v, &spec, SEED, 0);
    rr_calendar_set_max_pending(v.cal, 20);
    CHECK(rr_net_start(v.net) == RR_OK);
    rr_calendar_run_until(v.cal, 10.0);
    CHECK_EQ(rr_calendar_status(v.cal), RR_ERANGE);
    CHECK_EQ(rr_net_status(v.net, &where), RR_ERANGE);
    CHECK_EQ(where, 0);
    CHECK(rr_calendar_size(v.cal) <= 20);
    /* cases whose completion was refused stay for ever, so arrivals would
     * pile up: the caller stops the run, here by stopping the source */
    rr_net_set_source_rate(v.net, 0, 0);
    run_empty(v.cal);
    CHECK_EQ(rr_calendar_size(v.cal), 0);
    CHECK(rr_net_in_system(v.net) > 0);
    env_close(&v);

    /* a source refused at start says so */
    env_open(&v, &spec, SEED, 0);
    rr_calendar_set_max_pending(v.cal, 1);
    CHECK(rr_calendar_schedule(v.cal, 1.0, run_noop,
                               NULL, NULL) != 0);
    CHECK_EQ(rr_net_start(v.net), RR_ERANGE);
    env_close(&v);
}

/* A duration drawn as NaN (an infinite draw times a scale of 0) never
 * reaches the calendar (whose assertion would abort): RR_EINVAL is latched
 * with the station, and the case just does not finish. */
static void test_nan_duration(void)
{
    rr_dist inf = dist_det(1.0);
    rr_station_spec st;
    rr_source_spec so = {"in", 1.0, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    uint32_t where = RR_NONE;
    env v;

    inf.p[0] = inf.a = INFINITY; /* the constructor would refuse it */
    st = station_spec("s", 1, inf);
    env_open(&v, &spec, SEED, 0);
    rr_net_set_service_scale(v.net, 0, 0.0);
    CHECK(rr_net_add(v.net, 0, 0, 0, 0, 0) != NULL);
    CHECK_EQ(rr_net_status(v.net, &where), RR_EINVAL);
    CHECK_EQ(where, 0);
    CHECK_EQ(rr_net_busy(v.net, 0), 1);
    CHECK_EQ(rr_calendar_size(v.cal), 0);
    env_close(&v);
}

#if defined(__SANITIZE_ADDRESS__)
#define NET_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NET_ASAN 1
#endif
#endif

#ifndef NET_ASAN
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* With little address space, arrivals that never leave: the pool or the
 * calendar runs out, which is latched as RR_ENOMEM (before, an arrival the
 * pool could not serve tripped an assertion).  Exit 0 when all is well. */
static void oom_child(void)
{
    rr_station_spec st = station_spec("s", RR_UNLIMITED, dist_det(1e9));
    rr_source_spec so = {"in", 1e6, 0, 0, NULL};
    rr_net_spec spec = {1, &st, 1, &so, 1, 1, 0, {0}, 0};
    struct rlimit rl = {256u << 20, 256u << 20};
    env v;

    env_open(&v, &spec, SEED, 0);
    if (setrlimit(RLIMIT_AS, &rl) != 0)
        _exit(4);
    if (rr_net_start(v.net) != RR_OK)
        _exit(3);
    while (rr_net_status(v.net, NULL) == RR_OK)
        if (rr_calendar_run_until_max(v.cal, 1e6, 4096) < 4096 &&
            rr_net_status(v.net, NULL) == RR_OK)
            _exit(2);
    _exit(rr_net_status(v.net, NULL) == RR_ENOMEM ? 0 : 1);
}

static void test_out_of_memory(void)
{
    int st = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0)
        oom_child();
    CHECK(pid > 0);
    if (pid <= 0)
        return;
    waitpid(pid, &st, 0);
    CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "out of address space: arrivals latch RR_ENOMEM, no abort "
              "(status %d)", st);
}
#endif

int main(void)
{
    test_priority();
    test_patience_deterministic();
    test_max_stay();
    test_set_servers();
    test_source_rate();
    test_class_routing();
    test_conservation();
    test_same_seed();
    test_bounded_memory();
    test_validations();
    streams = RR_RNG_V3;
    printf("with the random streams v3:\n");
    test_validations();
    streams = RR_RNG_V1;
    test_max_in_system();
    test_calendar_refusal();
    test_nan_duration();
#ifndef NET_ASAN
    test_out_of_memory();
#endif
    return check_summary("test_network");
}
