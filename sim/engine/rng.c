/*
 * rng.c - random streams: one GSL generator (mt19937 for v1, taus2 from v2 on)
 * per (base seed, design point, replication, substream), seeded by the
 * fixed hash documented in rr_rng.h.
 *
 * The hash is the only thing that ties a stream to its coordinates, so it
 * must never change: results written with a seed are reproduced from that
 * seed alone.  tests/test_rng.c pins known values.  GSL's environment set-up
 * (gsl_rng_env_setup) is deliberately not used, so GSL_RNG_TYPE and
 * GSL_RNG_SEED cannot change a run behind the scenario's back.
 */
#include "rr_rng.h"

/* splitmix64 - Steele, Lea and Flood's finaliser (SplitMix64, 2014): add the
 * golden-ratio increment, then two xor-shift-multiply rounds and a final
 * xor-shift.  A bijection on 64 bits with good avalanche, so neighbouring
 * inputs (replication 7 and 8) give unrelated outputs. */
static uint64_t splitmix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

/* rr_rng_seed - fold the four coordinates into a 32-bit mt19937 seed. */
uint32_t rr_rng_seed(uint64_t base, uint64_t point, uint64_t replication,
                     uint64_t substream)
{
    uint64_t h = splitmix64(base);
    h = splitmix64(h ^ point);
    h = splitmix64(h ^ replication);
    h = splitmix64(h ^ substream);
    uint32_t seed = (uint32_t)((h >> 32) ^ (h & UINT64_C(0xffffffff)));
    /* gsl_rng_set() maps seed 0 to the generator's default seed (4357 for
     * mt19937), which would make 0 and 4357 the same stream. */
    return seed ? seed : 1;
}

/* rr_rng_create_v - allocate the version's generator and seed it; NULL
 * when out of memory. */
gsl_rng *rr_rng_create_v(rr_rng_version v, uint64_t base, uint64_t point,
                         uint64_t replication, uint64_t substream)
{
    gsl_rng *r = gsl_rng_alloc(v >= RR_RNG_V2 ? gsl_rng_taus2
                                              : gsl_rng_mt19937);
    if (!r)
        return NULL;
    gsl_rng_set(r, rr_rng_seed(base, point, replication, substream));
    return r;
}

/* rr_rng_create - a v1 stream (mt19937). */
gsl_rng *rr_rng_create(uint64_t base, uint64_t point, uint64_t replication,
                       uint64_t substream)
{
    return rr_rng_create_v(RR_RNG_V1, base, point, replication, substream);
}

/* rr_rng_reseed - restart an existing generator on another stream. */
void rr_rng_reseed(gsl_rng *r, uint64_t base, uint64_t point,
                   uint64_t replication, uint64_t substream)
{
    gsl_rng_set(r, rr_rng_seed(base, point, replication, substream));
}
