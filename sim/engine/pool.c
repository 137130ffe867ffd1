/*
 * pool.c - fixed-size object pool: chunks carved by a bump pointer, plus a
 * free list threaded through the objects that were put back.
 *
 * Chunks form a list in the order they were allocated.  get() takes the
 * free list first, then the next uncarved object of the current chunk, then
 * the next chunk (after a reset the old chunks are carved again before a new
 * one is allocated).  Nothing is ever moved or freed before destroy(), so
 * object pointers stay valid.  Object size is rounded up to a multiple of
 * alignof(max_align_t) (and to at least a pointer, for the free-list link);
 * chunk payloads are max_align_t-aligned, so every object is too.
 *
 * Under AddressSanitizer, objects on the free list and uncarved chunk space
 * are poisoned, so a use after put() is reported like a use after free().
 */
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "rr_common.h"
#include "rr_pool.h"

#ifdef RR_POOL_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define DEFAULT_PER_CHUNK 256u

struct chunk {
    struct chunk *next;
    max_align_t data[]; /* per_chunk objects of obj_size bytes */
};

struct free_obj {
    struct free_obj *next;
};

struct rr_pool {
    struct rr_pool_head h;  /* the free list and the count: first, so that
                               get and put can be inline (rr_pool.h) */
    size_t obj_size;        /* rounded up; a multiple of alignof(max_align_t) */
    size_t per_chunk;
    struct chunk *first;    /* chunks in allocation order */
    struct chunk *last;
    struct chunk *cur;      /* chunk being carved; NULL before the first */
    size_t carved;          /* objects carved from cur */
    size_t capacity;
};

/* rr_pool_create - an empty pool; no chunk is allocated until get(). */
rr_pool *rr_pool_create(size_t obj_size, size_t per_chunk)
{
    const size_t align = alignof(max_align_t);
    rr_pool *p;
    size_t size = obj_size < sizeof(struct free_obj) ? sizeof(struct free_obj)
                                                     : obj_size;

    if (size > SIZE_MAX - align)
        return NULL;
    size = (size + align - 1) / align * align;
    if (per_chunk == 0)
        per_chunk = DEFAULT_PER_CHUNK;
    if (per_chunk > (SIZE_MAX - sizeof(struct chunk)) / size)
        return NULL;
    p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->obj_size = size;
    p->per_chunk = per_chunk;
    return p;
}

/* rr_pool_destroy - free every chunk and the pool. */
void rr_pool_destroy(rr_pool *p)
{
    struct chunk *ch, *next;

    if (!p)
        return;
    for (ch = p->first; ch; ch = next) {
        next = ch->next;
        UNPOISON(ch->data, p->per_chunk * p->obj_size);
        free(ch);
    }
    free(p);
}

/* next_chunk - move cur to the next chunk, allocating one if there is none
 * left; false when out of memory. */
static bool next_chunk(rr_pool *p)
{
    struct chunk *ch = p->cur ? p->cur->next : p->first;

    if (!ch) {
        ch = malloc(sizeof *ch + p->per_chunk * p->obj_size);
        if (!ch)
            return false;
        ch->next = NULL;
        POISON(ch->data, p->per_chunk * p->obj_size);
        if (p->last)
            p->last->next = ch;
        else
            p->first = ch;
        p->last = ch;
        p->capacity += p->per_chunk;
    }
    p->cur = ch;
    p->carved = 0;
    return true;
}

/* rri_pool_carve - the next uncarved object (a new chunk if need be);
 * NULL when out of memory.  rr_pool_get's way when the free list is
 * empty. */
void *rri_pool_carve(rr_pool *p)
{
    void *obj;

    if ((!p->cur || p->carved == p->per_chunk) && !next_chunk(p))
        return NULL;
    obj = (char *)p->cur->data + p->carved++ * p->obj_size;
    UNPOISON(obj, p->obj_size);
    p->h.in_use++;
    return obj;
}

#ifdef RR_POOL_ASAN
/* rr_pool_get - an object from the free list or a chunk; NULL when out of
 * memory.  (Inline in rr_pool.h but under AddressSanitizer.) */
void *rr_pool_get(rr_pool *p)
{
    struct free_obj *f = p->h.free;

    if (!f)
        return rri_pool_carve(p);
    UNPOISON(f, p->obj_size);
    p->h.free = f->next;
    p->h.in_use++;
    return f;
}

/* rr_pool_put - push obj on the free list, poisoned. */
void rr_pool_put(rr_pool *p, void *obj)
{
    struct free_obj *f = obj;

    rr_assert(obj != NULL);
    rr_assert(p->h.in_use > 0);
    f->next = p->h.free;
    p->h.free = f;
    p->h.in_use--;
    POISON(f, p->obj_size);
}
#endif

/* rr_pool_reset - take every object back; chunks are carved again from the
 * first one.  O(1) (O(capacity) under AddressSanitizer, to re-poison). */
void rr_pool_reset(rr_pool *p)
{
#ifdef RR_POOL_ASAN
    for (struct chunk *ch = p->first; ch; ch = ch->next)
        POISON(ch->data, p->per_chunk * p->obj_size);
#endif
    p->h.free = NULL;
    p->cur = NULL;
    p->carved = 0;
    p->h.in_use = 0;
}

/* rr_pool_in_use - objects handed out and not put back. */
size_t rr_pool_in_use(const rr_pool *p)
{
    return p->h.in_use;
}

/* rr_pool_capacity - objects the allocated chunks can hold. */
size_t rr_pool_capacity(const rr_pool *p)
{
    return p->capacity;
}
