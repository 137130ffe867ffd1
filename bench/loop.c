/*
 * loop.c - the yardstick: a minimal hand-written event loop for the two
 * benchmark models (binary heap of (time, seq), GSL mt19937, gsl_ran_*).
 *   m1: Poisson arrivals 9/day -> 10 servers, exponential mean 1 day -> exit
 *   m2: arrivals 10/day -> 12 servers exp(1) -> 80% to 9 servers lognormal
 *       (mean 1, sd 0.5), 20% to 3 servers exp(1) -> exit
 * Events up to DAYS run.  Usage: loop m1|m2 DAYS [SEED [taus2]] (mt19937
 * unless taus2, the generators of rrsim's streams v1 and v2 on); prints events
 * and each station's mean wait in queue (tests/test_loop.c: Erlang C).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

typedef struct { double t; uint64_t seq; int st; } lp_ev; /* st -1: arrival */
typedef struct { double *at; size_t head, n, cap; int c, busy; double wait_sum;
                 uint64_t served; } lp_station;
typedef struct { lp_ev *h; size_t n, cap; uint64_t seq, events;
                 gsl_rng *r; lp_station st[3]; int m2; } lp_sim;
typedef struct { uint64_t events; double wq[3]; uint64_t served[3]; } lp_result;

static void lp_push(lp_sim *s, double t, int st)
{
    if (s->n + 1 >= s->cap &&
        !(s->h = realloc(s->h, (s->cap = s->cap ? 2 * s->cap : 64) * sizeof *s->h)))
        abort();
    lp_ev e = {t, s->seq++, st};
    size_t i = ++s->n;
    while (i > 1 && (s->h[i / 2].t > t ||
                     (s->h[i / 2].t == t && s->h[i / 2].seq > e.seq))) {
        s->h[i] = s->h[i / 2];
        i /= 2;
    }
    s->h[i] = e;
}

static lp_ev lp_pop(lp_sim *s)
{
    lp_ev top = s->h[1], last = s->h[s->n--];
    size_t i = 1, k;
    while ((k = 2 * i) <= s->n) {
        if (k < s->n && (s->h[k + 1].t < s->h[k].t ||
                         (s->h[k + 1].t == s->h[k].t &&
                          s->h[k + 1].seq < s->h[k].seq)))
            k++;
        if (last.t < s->h[k].t || (last.t == s->h[k].t && last.seq < s->h[k].seq))
            break;
        s->h[i] = s->h[k];
        i = k;
    }
    s->h[i] = last;
    return top;
}

static double lp_service(lp_sim *s, int st)
{
    if (s->m2 && st == 1) /* lognormal, mean 1, sd 0.5: sigma^2 = ln 1.25 */
        return gsl_ran_lognormal(s->r, -0.5 * log1p(0.25), sqrt(log1p(0.25)));
    return gsl_ran_exponential(s->r, 1.0);
}

/* lp_enter - a case reaches station st at time t. */
static void lp_enter(lp_sim *s, int st, double t)
{
    lp_station *q = &s->st[st];
    if (q->busy < q->c) {
        q->busy++;
        q->served++;
        lp_push(s, t + lp_service(s, st), st);
        return;
    }
    if (q->n == q->cap) { /* grow the ring of arrival times, unrolled */
        double *a = malloc((q->cap ? 2 * q->cap : 64) * sizeof *a);
        for (size_t i = 0; a && i < q->n; i++)
            a[i] = q->at[(q->head + i) % q->cap];
        if (!a)
            abort();
        free(q->at);
        q->at = a, q->head = 0, q->cap = q->cap ? 2 * q->cap : 64;
    }
    q->at[(q->head + q->n++) % q->cap] = t;
}

/* lp_leave - a service at station st ends at time t. */
static void lp_leave(lp_sim *s, int st, double t)
{
    lp_station *q = &s->st[st];
    if (q->n > 0) {
        q->wait_sum += t - q->at[q->head];
        q->head = (q->head + 1) % q->cap, q->n--;
        q->served++;
        lp_push(s, t + lp_service(s, st), st);
    } else {
        q->busy--;
    }
    if (s->m2 && st == 0)
        lp_enter(s, gsl_rng_uniform(s->r) < 0.8 ? 1 : 2, t);
}

/* lp_run - model m2 (0: m1) up to `days`. */
static int lp_run(int m2, double days, unsigned long seed,
                  const gsl_rng_type *type, lp_result *out)
{
    lp_sim s = {.m2 = m2, .r = gsl_rng_alloc(type)};
    if (!s.r)
        return -1;
    gsl_rng_set(s.r, seed);
    s.st[0].c = m2 ? 12 : 10, s.st[1].c = 9, s.st[2].c = 3;
    double rate = m2 ? 10.0 : 9.0;
    lp_push(&s, gsl_ran_exponential(s.r, 1.0 / rate), -1);
    while (s.n > 0 && s.h[1].t <= days) {
        lp_ev e = lp_pop(&s);
        s.events++;
        if (e.st < 0) {
            lp_push(&s, e.t + gsl_ran_exponential(s.r, 1.0 / rate), -1);
            lp_enter(&s, 0, e.t);
        } else {
            lp_leave(&s, e.st, e.t);
        }
    }
    for (int i = (out->events = s.events, 0); i < 3; i++, free(s.st[i - 1].at)) {
        out->served[i] = s.st[i].served;
        out->wq[i] = s.st[i].served ? s.st[i].wait_sum / s.st[i].served : 0;
    }
    return free(s.h), gsl_rng_free(s.r), 0;
}

#ifndef LOOP_NO_MAIN
int main(int argc, char **argv)
{
    lp_result r;
    if (argc < 3 || (strcmp(argv[1], "m1") && strcmp(argv[1], "m2"))) {
        fprintf(stderr, "usage: loop m1|m2 DAYS [SEED]\n");
        return 2;
    }
    if (lp_run(argv[1][1] == '2', atof(argv[2]),
               argc > 3 ? strtoul(argv[3], NULL, 10) : 1,
               argc > 4 && !strcmp(argv[4], "taus2") ? gsl_rng_taus2
                                                     : gsl_rng_mt19937, &r))
        return 1;
    printf("events %llu wq %.6f %.6f %.6f\n", (unsigned long long)r.events,
           r.wq[0], r.wq[1], r.wq[2]);
    return 0;
}
#endif
