/*
 * rr_pool.h - fixed-size object pool with a free list.
 *
 * Objects are carved from chunks that are never moved or freed before the
 * pool is, so pointers to pooled objects stay valid.  get() takes from the
 * free list and only allocates a new chunk when the list is empty; put()
 * pushes back.  In steady state a simulation therefore allocates nothing per
 * case: memory grows with the largest number of objects alive at once, not
 * with the number ever created.
 *
 * Objects are not zeroed by get().  Cost: get/put O(1).
 */
#ifndef RR_POOL_H
#define RR_POOL_H

#include <stddef.h>

#include "rr_common.h"

typedef struct rr_pool rr_pool;

/* Under AddressSanitizer, objects on the free list and uncarved chunk space
 * are poisoned (pool.c), so get and put are calls there; elsewhere taking
 * from and giving back to the free list, once per case, is inline: the
 * list's head and the count are the pool's first member, and an object on
 * the list holds the next one's address in its first bytes. */
#if defined(__SANITIZE_ADDRESS__)
#define RR_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RR_POOL_ASAN 1
#endif
#endif

struct rr_pool_head {
    void *free;    /* objects put back, linked through their first bytes */
    size_t in_use; /* objects handed out and not put back */
};

/* rr_pool_create - a pool of objects of obj_size bytes (aligned for any
 * type), allocated per_chunk at a time (0 = a default).  NULL when out of
 * memory.  Free with rr_pool_destroy(). */
rr_pool *rr_pool_create(size_t obj_size, size_t per_chunk);

/* rr_pool_destroy - free the pool and every object in it; NULL is a no-op. */
void rr_pool_destroy(rr_pool *p);

/* rr_pool_get - an object, or NULL when out of memory.
 * rr_pool_put - give an object (from this pool) back.
 * rri_pool_carve - get's way when the free list is empty (pool.c). */
void *rri_pool_carve(rr_pool *p);
#ifdef RR_POOL_ASAN
void *rr_pool_get(rr_pool *p);
void rr_pool_put(rr_pool *p, void *obj);
#else
static inline void *rr_pool_get(rr_pool *p)
{
    struct rr_pool_head *h = (struct rr_pool_head *)(void *)p;
    void *obj = h->free;
    if (!obj)
        return rri_pool_carve(p);
    h->free = *(void **)obj;
    h->in_use++;
    return obj;
}

static inline void rr_pool_put(rr_pool *p, void *obj)
{
    struct rr_pool_head *h = (struct rr_pool_head *)(void *)p;
    rr_assert(obj != NULL);
    rr_assert(h->in_use > 0);
    *(void **)obj = h->free;
    h->free = obj;
    h->in_use--;
}
#endif

/* rr_pool_reset - take every object back at once; keeps the chunks. */
void rr_pool_reset(rr_pool *p);

/* rr_pool_in_use - objects handed out and not put back. */
size_t rr_pool_in_use(const rr_pool *p);

/* rr_pool_capacity - objects the allocated chunks can hold. */
size_t rr_pool_capacity(const rr_pool *p);

#endif
