/*
 * test_rng.c - the seed hash is the documented function, streams are
 * reproducible and independent of the environment.
 *
 * The expected numbers below come from a separate implementation of
 * splitmix64, the seed fold and MT19937 (init_genrand of 2002, which
 * gsl_rng_set uses) written in Python from the published descriptions, not
 * from this code.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "rr_rng.h"

static void test_known_seeds(void)
{
    static const struct {
        uint64_t base, point, rep, sub;
        uint32_t seed;
    } known[] = {
        {0, 0, 0, 0, 2348316386u},
        {1, 0, 0, 0, 997186699u},
        {0, 1, 0, 0, 1448635441u},
        {0, 0, 1, 0, 2856160178u},
        {0, 0, 0, 1, 296379918u},
        {42, 0, 0, 0, 297628287u},
        {42, 3, 7, 2, 3026280887u},
        {20240501, 5, 99, 4, 25418744u},
        {UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, 1418993615u},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        CHECK_EQ(rr_rng_seed(known[i].base, known[i].point, known[i].rep,
                             known[i].sub),
                 known[i].seed);
}

/* The fold of (0, 0, 0, 1327067099) is 0 (h = 0x8fb870808fb87080), which
 * must become 1: gsl_rng_set would turn 0 into mt19937's default 4357. */
static void test_zero_seed(void)
{
    CHECK_EQ(rr_rng_seed(0, 0, 0, 1327067099u), 1);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Neighbouring coordinates give different seeds, and so does every
 * combination in a small grid (a fixed function, so this is a fact about
 * these inputs, not a probability). */
static void test_distinct(void)
{
    enum { NB = 4, NP = 8, NR = 64, NS = RR_STREAM_COUNT };
    static uint32_t seeds[NB * NP * NR * NS];
    size_t k = 0;
    for (uint64_t b = 0; b < NB; b++)
        for (uint64_t p = 0; p < NP; p++)
            for (uint64_t r = 0; r < NR; r++)
                for (uint64_t s = 0; s < NS; s++)
                    seeds[k++] = rr_rng_seed(b, p, r, s);
    qsort(seeds, k, sizeof seeds[0], cmp_u32);
    int dup = 0;
    for (size_t i = 1; i < k; i++)
        dup += seeds[i] == seeds[i - 1];
    CHECK_EQ(dup, 0);

    uint64_t base = 12345, point = 2, rep = 17, sub = RR_STREAM_SERVICE;
    uint32_t s0 = rr_rng_seed(base, point, rep, sub);
    CHECK(s0 != rr_rng_seed(base + 1, point, rep, sub));
    CHECK(s0 != rr_rng_seed(base, point + 1, rep, sub));
    CHECK(s0 != rr_rng_seed(base, point, rep + 1, sub));
    CHECK(s0 != rr_rng_seed(base, point, rep, sub + 1));
    CHECK(s0 != rr_rng_seed(base - 1, point, rep, sub));
    CHECK(s0 != rr_rng_seed(base, point - 1, rep, sub));
    CHECK(s0 != rr_rng_seed(base, point, rep - 1, sub));
    CHECK(s0 != rr_rng_seed(base, point, rep, sub - 1));
    /* the coordinates are not interchangeable */
    CHECK(rr_rng_seed(0, 1, 2, 3) != rr_rng_seed(0, 2, 1, 3));
    CHECK(rr_rng_seed(1, 0, 0, 0) != rr_rng_seed(0, 1, 0, 0));
}

/* The generator is GSL's mt19937 seeded with rr_rng_seed: its first outputs
 * match the reference implementation. */
static void test_generator(void)
{
    gsl_rng *r = rr_rng_create(42, 3, 7, 2);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_STR(gsl_rng_name(r), "mt19937");
    CHECK_EQ(gsl_rng_get(r), 1500641454u);
    CHECK_EQ(gsl_rng_get(r), 2726456699u);
    CHECK_EQ(gsl_rng_get(r), 2498505647u);
    gsl_rng_free(r);

    r = rr_rng_create(1, 0, 0, 0);
    unsigned long x = 0;
    for (int i = 0; i < 1000; i++)
        x = gsl_rng_get(r);
    CHECK_EQ(x, 3807094544u);
    gsl_rng_free(r);
}

/* Version 2 is GSL's taus2 seeded with the same hash: its outputs are those
 * of gsl_rng_taus2 seeded by hand, and differ from v1's; version 1 through
 * rr_rng_create_v is rr_rng_create. */
static void test_versions(void)
{
    gsl_rng *v2 = rr_rng_create_v(RR_RNG_V2, 42, 3, 7, 2);
    gsl_rng *ref = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng *v1 = rr_rng_create_v(RR_RNG_V1, 42, 3, 7, 2);
    CHECK(v2 && ref && v1);
    if (!v2 || !ref || !v1)
        return;
    CHECK_STR(gsl_rng_name(v2), "taus2");
    CHECK_STR(gsl_rng_name(v1), "mt19937");
    CHECK_EQ(RR_RNG_DEFAULT, RR_RNG_V1);
    gsl_rng_set(ref, rr_rng_seed(42, 3, 7, 2));
    int same = 1;
    for (int i = 0; i < 1000; i++)
        same &= gsl_rng_get(v2) == gsl_rng_get(ref);
    CHECK(same);
    CHECK_EQ(gsl_rng_get(v1), 1500641454u);
    gsl_rng_free(v1);
    gsl_rng_free(v2);
    gsl_rng_free(ref);
}

/* Same coordinates, same draws: from create, from reseed, and after other
 * streams were used in between. */
static void test_reproducible(void)
{
    enum { N = 5000 };
    static unsigned long first[N];
    gsl_rng *a = rr_rng_create(7, 1, 3, RR_STREAM_ARRIVAL);
    gsl_rng *b = rr_rng_create(7, 1, 4, RR_STREAM_ARRIVAL);
    for (int i = 0; i < N; i++)
        first[i] = gsl_rng_get(a);
    for (int i = 0; i < 1234; i++)
        (void)gsl_rng_get(b);

    int same_reseed = 0, same_create = 0, same_other = 0;
    rr_rng_reseed(b, 7, 1, 3, RR_STREAM_ARRIVAL);
    gsl_rng *c = rr_rng_create(7, 1, 3, RR_STREAM_ARRIVAL);
    gsl_rng *o = rr_rng_create(7, 1, 3, RR_STREAM_SERVICE);
    for (int i = 0; i < N; i++) {
        same_reseed += gsl_rng_get(b) == first[i];
        same_create += gsl_rng_get(c) == first[i];
        same_other += gsl_rng_get(o) == first[i];
    }
    CHECK_EQ(same_reseed, N);
    CHECK_EQ(same_create, N);
    CHECK(same_other < 5); /* chance agreement of 32-bit words: ~0 */
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
    gsl_rng_free(o);
}

/* GSL_RNG_TYPE and GSL_RNG_SEED are never read. */
static void test_environment_ignored(void)
{
    setenv("GSL_RNG_TYPE", "taus", 1);
    setenv("GSL_RNG_SEED", "999", 1);
    gsl_rng *r = rr_rng_create(42, 3, 7, 2);
    CHECK_STR(gsl_rng_name(r), "mt19937");
    CHECK_EQ(gsl_rng_get(r), 1500641454u);
    gsl_rng_free(r);
    unsetenv("GSL_RNG_TYPE");
    unsetenv("GSL_RNG_SEED");
}

int main(void)
{
    test_known_seeds();
    test_zero_seed();
    test_distinct();
    test_generator();
    test_versions();
    test_reproducible();
    test_environment_ignored();
    return check_summary("test_rng");
}
