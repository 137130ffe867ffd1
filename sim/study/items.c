/*
 * items.c - a replication's result as bytes, and back (rr_item_encode,
 * rr_item_decode): what an MPI rank sends to rank 0 and what a shard
 * folder holds.
 *
 * The format (version 1), all integers unsigned 64-bit little-endian:
 *
 *   "RRI1"                       4 bytes
 *   n_periods n_metrics n_kpis n_stages n_years n_countries n_cmeasures
 *   events
 *   values     n_periods * n_metrics doubles
 *   kpi        n_kpis doubles
 *   stages     n_periods * n_stages * RR_SM_COUNT doubles
 *   countries  n_years * n_countries * n_cmeasures doubles
 *
 * each double by its IEEE-754 bit pattern (so NaN and -0 come back as they
 * were: byte-identical results).  Decoding trusts nothing: the sizes must
 * be those of the result it fills, which the receiver made from its own
 * plan, and the length must be exactly what they call for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_experiment.h"

#define MAGIC "RRI1"
#define N_SIZES 8
#define HEAD (4 + 8 * N_SIZES)

static void put_u64(unsigned char *p, uint64_t x)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(x >> (8 * i));
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x |= (uint64_t)p[i] << (8 * i);
    return x;
}

static unsigned char *put_doubles(unsigned char *p, const double *x,
                                  size_t n)
{
    for (size_t i = 0; i < n; i++, p += 8) {
        uint64_t u;
        memcpy(&u, &x[i], sizeof u);
        put_u64(p, u);
    }
    return p;
}

static const unsigned char *get_doubles(const unsigned char *p, double *x,
                                        size_t n)
{
    for (size_t i = 0; i < n; i++, p += 8) {
        uint64_t u = get_u64(p);
        memcpy(&x[i], &u, sizeof u);
    }
    return p;
}

/* counts - the four arrays' lengths of r; false on overflow. */
static bool counts(const rr_rep_result *r, size_t n[4])
{
    size_t ps = r->n_periods * r->n_stages;
    n[0] = r->n_periods * r->n_metrics;
    n[1] = r->n_kpis;
    n[2] = ps * RR_SM_COUNT;
    n[3] = r->n_years * r->n_countries * r->n_cmeasures;
    return (r->n_metrics == 0 || n[0] / r->n_metrics == r->n_periods) &&
           (r->n_stages == 0 || ps / r->n_stages == r->n_periods) &&
           n[0] + n[1] + n[2] + n[3] < (SIZE_MAX - HEAD) / 8;
}

void *rr_item_encode(const rr_rep_result *r, size_t *len)
{
    size_t n[4];
    unsigned char *buf, *p;
    uint64_t sizes[N_SIZES] = {r->n_periods,  r->n_metrics, r->n_kpis,
                               r->n_stages,   r->n_years,   r->n_countries,
                               r->n_cmeasures, r->events};
    if (r->spill || !counts(r, n)) /* rows in a spill are not carried */
        return NULL;
    *len = HEAD + 8 * (n[0] + n[1] + n[2] + n[3]);
    if (!(buf = malloc(*len)))
        return NULL;
    memcpy(buf, MAGIC, 4);
    for (int i = 0; i < N_SIZES; i++)
        put_u64(buf + 4 + 8 * i, sizes[i]);
    p = buf + HEAD;
    p = put_doubles(p, r->values, n[0]);
    p = put_doubles(p, r->kpi, n[1]);
    p = put_doubles(p, r->stages, n[2]);
    put_doubles(p, r->countries, n[3]);
    return buf;
}

int rr_item_decode(const void *buf, size_t len, rr_rep_result *r, char *err,
                   size_t errlen)
{
    static const char *const names[N_SIZES - 1] = {
        "periods", "metrics", "indicators", "stages", "years", "countries",
        "country measures"};
    const unsigned char *p = buf;
    size_t want[N_SIZES - 1] = {r->n_periods, r->n_metrics, r->n_kpis,
                                r->n_stages,  r->n_years,   r->n_countries,
                                r->n_cmeasures};
    size_t n[4];

    if (r->spill) { /* its arrays hold one row: rr_run_many never asks */
        snprintf(err, errlen, "a result whose rows go to a spill cannot be "
                 "decoded into");
        return RR_EINVAL;
    }
    if (len < HEAD || memcmp(p, MAGIC, 4) != 0) {
        snprintf(err, errlen, "not a replication's result (%zu bytes, "
                 "no " MAGIC " header)", len);
        return RR_EPARSE;
    }
    for (int i = 0; i < N_SIZES - 1; i++) {
        uint64_t got = get_u64(p + 4 + 8 * i);
        if (got != (uint64_t)want[i]) {
            snprintf(err, errlen, "a result of %llu %s where the scenario "
                     "has %zu", (unsigned long long)got, names[i], want[i]);
            return RR_EPARSE;
        }
    }
    if (!counts(r, n) || len != HEAD + 8 * (n[0] + n[1] + n[2] + n[3])) {
        snprintf(err, errlen, "a result of %zu bytes where its sizes call "
                 "for %zu", len, HEAD + 8 * (n[0] + n[1] + n[2] + n[3]));
        return RR_EPARSE;
    }
    r->events = get_u64(p + 4 + 8 * (N_SIZES - 1));
    p += HEAD;
    p = get_doubles(p, r->values, n[0]);
    p = get_doubles(p, r->kpi, n[1]);
    p = get_doubles(p, r->stages, n[2]);
    get_doubles(p, r->countries, n[3]);
    return RR_OK;
}
