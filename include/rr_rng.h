/*
 * rr_rng.h - random streams.
 *
 * Every stream is its own GSL generator, seeded from (base seed, design
 * point, replication, substream) by a fixed hash:
 *
 *   h = splitmix64(base)
 *   h = splitmix64(h ^ point)
 *   h = splitmix64(h ^ replication)
 *   h = splitmix64(h ^ substream)
 *   seed = (h >> 32) ^ (h & 0xffffffff), 0 replaced by 1
 *
 * where splitmix64(x) is Steele, Lea and Flood's finaliser (x += 0x9e3779b97f4a7c15,
 * then two xor-shift-multiply rounds).  A replication's numbers therefore
 * depend only on these four numbers, never on how many replications run
 * beside it, on which thread or on which MPI rank.  Common random numbers
 * across design points are had by passing the same point (0) for all.
 *
 * The generator is chosen by the version of the streams, [scenario] rng:
 *   v1  gsl_rng_mt19937 (the Mersenne Twister), as rrsim 0.2 and before;
 *   v2  gsl_rng_taus2 (L'Ecuyer's maximally equidistributed combined
 *       Tausworthe generator, period 2^88): less work per number and
 *       24 bytes of state instead of 5 KB.
 *   v3  gsl_rng_taus2 as v2; exponential and lognormal durations are
 *       drawn by ziggurat methods instead of logarithms (rr_dist.h).
 * A version fixes every number drawn, so a results folder is reproduced by
 * running its scenario.resolved.ini, which records the version; the model
 * may also draw differently under a new version (see rrsim-scenario(5)).
 *
 * The environment (GSL_RNG_TYPE, GSL_RNG_SEED) is never read.
 */
#ifndef RR_RNG_H
#define RR_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/* Substreams of one replication: one per purpose, so that changing, say, a
 * routing probability does not shift the service times drawn. */
enum rr_substream {
    RR_STREAM_ARRIVAL = 0,
    RR_STREAM_SERVICE = 1,
    RR_STREAM_ROUTING = 2,
    RR_STREAM_PATIENCE = 3,
    RR_STREAM_MODEL = 4,
    RR_STREAM_COUNT = 5
};

/* Versions of the random streams ([scenario] rng). */
typedef enum rr_rng_version {
    RR_RNG_V1 = 1,
    RR_RNG_V2 = 2,
    RR_RNG_V3 = 3,
    RR_RNG_DEFAULT = RR_RNG_V1
} rr_rng_version;

/* rr_rng_seed - the documented hash above. */
uint32_t rr_rng_seed(uint64_t base, uint64_t point, uint64_t replication,
                     uint64_t substream);

/* rr_rng_create - a new v1 generator (mt19937) seeded with
 * rr_rng_seed(...).  NULL when out of memory.  Free with gsl_rng_free(). */
gsl_rng *rr_rng_create(uint64_t base, uint64_t point, uint64_t replication,
                       uint64_t substream);

/* rr_rng_create_v - the same with the generator of version v (taus2 from
 * v2 on; any value below RR_RNG_V2, such as 0 in a zeroed configuration,
 * is v1). */
gsl_rng *rr_rng_create_v(rr_rng_version v, uint64_t base, uint64_t point,
                         uint64_t replication, uint64_t substream);

/* rr_rng_reseed - re-seed an existing generator as rr_rng_create would. */
void rr_rng_reseed(gsl_rng *r, uint64_t base, uint64_t point,
                   uint64_t replication, uint64_t substream);

#endif
