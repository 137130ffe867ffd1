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

typedef struct rr_pool rr_pool;

/* rr_pool_create - a pool of objects of obj_size bytes (aligned for any
 * type), allocated per_chunk at a time (0 = a default).  NULL when out of
 * memory.  Free with rr_pool_destroy(). */
rr_pool *rr_pool_create(size_t obj_size, size_t per_chunk);

/* rr_pool_destroy - free the pool and every object in it; NULL is a no-op. */
void rr_pool_destroy(rr_pool *p);

/* rr_pool_get - an object, or NULL when out of memory. */
void *rr_pool_get(rr_pool *p);

/* rr_pool_put - give an object (from this pool) back. */
void rr_pool_put(rr_pool *p, void *obj);

/* rr_pool_reset - take every object back at once; keeps the chunks. */
void rr_pool_reset(rr_pool *p);

/* rr_pool_in_use - objects handed out and not put back. */
size_t rr_pool_in_use(const rr_pool *p);

/* rr_pool_capacity - objects the allocated chunks can hold. */
size_t rr_pool_capacity(const rr_pool *p);

#endif
