/*
 * calendar.c - the event calendar: a binary heap of (time, seq, slot)
 * entries plus a slot table that holds each event's payload.
 *
 * Layout.  heap[1..n] is a min-heap on (t, seq); heap[0] is unused so that
 * the children of i are 2i and 2i+1 and its parent is i/2.  Each entry names
 * a slot; slot[s].pos is the heap index of that entry while the event is
 * pending, which is what lets cancel() find and remove it in O(log n).
 * Entries are 24 bytes and carry their own sort key, so the sift loops
 * compare without touching the slot table; they only write slot[].pos of the
 * entries they move.
 *
 * Sifting moves a hole, not swaps: the entry being placed is held aside,
 * parents (or children) slide into the hole one move per level, and the
 * entry is written once at the end.  Popping the root uses the bottom-up
 * variant: the hole runs down the smaller children to a leaf (one comparison
 * per level) and the former last entry is sifted up from there.  The last
 * entry is usually among the latest events, so it rarely climbs far; this
 * does about half the comparisons of the textbook sift-down.
 *
 * Slots.  A slot's generation is odd while its event is pending and even
 * while the slot is free; it is bumped on both transitions.  A handle
 * carries the generation it was issued with, so a handle is pending exactly
 * when its slot has that same (odd) generation.  Handles of events that ran
 * or were cancelled are therefore stale, even after the slot is reused; a
 * stale handle could only match again after 2^31 reuses of one slot.  Free
 * slots are chained through their pos field; slots at or above `used` have
 * never been handed out since the last reset and are taken in order.
 *
 * Memory.  heap and slot grow together (doubling) and are never shrunk, so
 * once the calendar has held its largest number of pending events it does
 * not allocate again; reset() keeps both arrays.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rr_calendar.h"
#include "rr_common.h"

#define DEFAULT_CAP 256u
#define NO_SLOT UINT32_MAX
/* Largest slot count: slot + 1, heap positions 1..cap and a child index
 * 2 * pos + 1 must all fit in 32 bits, and the array sizes in a size_t. */
#define MAX_CAP                                                             \
    (SIZE_MAX / 64 < 0x7fffffffu ? (uint32_t)(SIZE_MAX / 64) : 0x7fffffffu)

struct entry {
    double t;
    uint64_t seq;  /* schedule order: breaks ties in t */
    uint32_t slot;
};

struct slot {
    rr_event_fn *fn;
    void *subject;
    void *object;
    uint32_t pos; /* heap index while pending; next free slot while free */
    uint32_t gen; /* odd while pending, even while free */
};

struct rr_calendar {
    struct entry *heap; /* heap[1..n]; room for cap + 1 entries */
    struct slot *slot;  /* slot[0..cap-1] */
    uint32_t n;         /* pending events */
    uint32_t cap;       /* slots allocated */
    uint32_t used;      /* slots handed out at least once since reset */
    uint32_t free_head; /* first free slot below used, or NO_SLOT */
    double now;
    uint64_t seq;
    uint64_t events_run;
};

/* less - whether a runs before b. */
static inline bool less(const struct entry *a, const struct entry *b)
{
    return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

/* sift_up - place e at hole or above it, moving larger parents down. */
static inline void sift_up(struct entry *heap, struct slot *slot,
                           uint32_t hole, const struct entry *e)
{
    while (hole > 1) {
        uint32_t parent = hole >> 1;
        if (!less(e, &heap[parent]))
            break;
        heap[hole] = heap[parent];
        slot[heap[hole].slot].pos = hole;
        hole = parent;
    }
    heap[hole] = *e;
    slot[e->slot].pos = hole;
}

/* sift_down - place e at hole or below it within heap[1..n], moving smaller
 * children up. */
static inline void sift_down(struct entry *heap, struct slot *slot,
                             uint32_t n, uint32_t hole, const struct entry *e)
{
    uint32_t child;
    while ((child = hole << 1) <= n) {
        if (child < n && less(&heap[child + 1], &heap[child]))
            child++;
        if (!less(&heap[child], e))
            break;
        heap[hole] = heap[child];
        slot[heap[hole].slot].pos = hole;
        hole = child;
    }
    heap[hole] = *e;
    slot[e->slot].pos = hole;
}

/* remove_root - drop heap[1] (bottom-up: hole to a leaf, then sift the last
 * entry up from there).  n >= 1. */
static inline void remove_root(rr_calendar *c)
{
    struct entry *heap = c->heap;
    struct slot *slot = c->slot;
    uint32_t n = --c->n;
    uint32_t hole = 1, child;
    struct entry last;

    if (n == 0)
        return;
    /* The former last entry, heap[n + 1], is set aside and placed at the
     * end, so the hole runs through positions 1..n only. */
    last = heap[n + 1];
    while ((child = hole << 1) <= n) {
        if (child < n && less(&heap[child + 1], &heap[child]))
            child++;
        heap[hole] = heap[child];
        slot[heap[hole].slot].pos = hole;
        hole = child;
    }
    sift_up(heap, slot, hole, &last);
}

/* remove_at - drop the entry at heap position pos (1 <= pos <= n). */
static inline void remove_at(rr_calendar *c, uint32_t pos)
{
    uint32_t n = --c->n;
    struct entry last;

    if (pos > n) /* it was the last entry */
        return;
    last = c->heap[n + 1];
    if (pos > 1 && less(&last, &c->heap[pos >> 1]))
        sift_up(c->heap, c->slot, pos, &last);
    else
        sift_down(c->heap, c->slot, n, pos, &last);
}

/* free_slot - return slot s to the free list; its handles go stale. */
static inline void free_slot(rr_calendar *c, uint32_t s)
{
    c->slot[s].gen++;
    c->slot[s].pos = c->free_head;
    c->free_head = s;
}

/* grow - double the heap and the slot table.  false when out of memory or
 * at MAX_CAP; the calendar is unchanged then. */
static bool grow(rr_calendar *c)
{
    uint32_t cap;
    struct entry *heap;
    struct slot *slot;

    if (c->cap >= MAX_CAP)
        return false;
    cap = c->cap > MAX_CAP / 2 ? MAX_CAP : c->cap * 2;
    heap = realloc(c->heap, ((size_t)cap + 1) * sizeof *heap);
    if (!heap)
        return false;
    c->heap = heap; /* bigger than needed for c->cap; harmless if slot fails */
    slot = realloc(c->slot, (size_t)cap * sizeof *slot);
    if (!slot)
        return false;
    /* New slots start free with generation 0. */
    memset(slot + c->cap, 0, (size_t)(cap - c->cap) * sizeof *slot);
    c->slot = slot;
    c->cap = cap;
    return true;
}

/* decode - the slot of a pending event's handle, or NO_SLOT. */
static inline uint32_t decode(const rr_calendar *c, uint64_t handle)
{
    uint32_t s = (uint32_t)handle - 1u; /* handle 0 wraps to NO_SLOT */
    uint32_t gen = (uint32_t)(handle >> 32);

    if (s >= c->used || (gen & 1u) == 0 || c->slot[s].gen != gen)
        return NO_SLOT;
    return s;
}

/* step - pop the earliest event and run it.  n >= 1. */
static inline void step(rr_calendar *c)
{
    uint32_t s = c->heap[1].slot;
    struct slot *sl = &c->slot[s];
    rr_event_fn *fn = sl->fn;
    void *subject = sl->subject, *object = sl->object;

    c->now = c->heap[1].t;
    free_slot(c, s);
    remove_root(c);
    c->events_run++;
    fn(subject, object);
}

/* rr_calendar_create - allocate an empty calendar with room for hint events. */
rr_calendar *rr_calendar_create(double t0, size_t hint)
{
    rr_calendar *c = calloc(1, sizeof *c);
    uint32_t cap = hint == 0 ? DEFAULT_CAP
                   : hint > MAX_CAP ? MAX_CAP : (uint32_t)hint;

    if (!c)
        return NULL;
    c->heap = malloc(((size_t)cap + 1) * sizeof *c->heap);
    c->slot = calloc(cap, sizeof *c->slot);
    if (!c->heap || !c->slot) {
        rr_calendar_destroy(c);
        return NULL;
    }
    c->cap = cap;
    c->free_head = NO_SLOT;
    c->now = t0;
    return c;
}

/* rr_calendar_destroy - free the calendar, dropping pending events. */
void rr_calendar_destroy(rr_calendar *c)
{
    if (!c)
        return;
    free(c->heap);
    free(c->slot);
    free(c);
}

/* rr_calendar_reset - drop pending events, clock to t0, keep the memory.
 * Pending slots get an even generation so their handles go stale; the free
 * list restarts at slot 0 so that a replication hands out the same slots as
 * a fresh calendar would.  O(slots used). */
void rr_calendar_reset(rr_calendar *c, double t0)
{
    for (uint32_t s = 0; s < c->used; s++)
        c->slot[s].gen += c->slot[s].gen & 1u;
    c->n = 0;
    c->used = 0;
    c->free_head = NO_SLOT;
    c->now = t0;
    c->seq = 0;
    c->events_run = 0;
}

/* rr_calendar_schedule - add fn(subject, object) at time t; its handle. */
uint64_t rr_calendar_schedule(rr_calendar *c, double t, rr_event_fn *fn,
                              void *subject, void *object)
{
    uint32_t s;
    struct slot *sl;
    struct entry e;

    /* Also false for NaN, which would break the heap order. */
    rr_assert(t >= c->now);
    rr_assert(fn != NULL);
    if (c->free_head != NO_SLOT) {
        s = c->free_head;
        c->free_head = c->slot[s].pos;
    } else {
        if (c->used == c->cap && !grow(c))
            return 0;
        s = c->used++;
    }
    sl = &c->slot[s];
    sl->gen++;
    sl->fn = fn;
    sl->subject = subject;
    sl->object = object;
    e.t = t;
    e.seq = c->seq++;
    e.slot = s;
    sift_up(c->heap, c->slot, ++c->n, &e);
    return ((uint64_t)sl->gen << 32) | ((uint64_t)s + 1u);
}

/* rr_calendar_cancel - remove a pending event; false for 0 or stale. */
bool rr_calendar_cancel(rr_calendar *c, uint64_t handle)
{
    uint32_t s = decode(c, handle);
    uint32_t pos;

    if (s == NO_SLOT)
        return false;
    pos = c->slot[s].pos;
    rr_assert(pos >= 1 && pos <= c->n && c->heap[pos].slot == s);
    free_slot(c, s);
    remove_at(c, pos);
    return true;
}

/* rr_calendar_pending - whether the handle's event is still to run. */
bool rr_calendar_pending(const rr_calendar *c, uint64_t handle)
{
    return decode(c, handle) != NO_SLOT;
}

/* rr_calendar_time_of - time of a pending event; NAN otherwise. */
double rr_calendar_time_of(const rr_calendar *c, uint64_t handle)
{
    uint32_t s = decode(c, handle);

    return s == NO_SLOT ? NAN : c->heap[c->slot[s].pos].t;
}

/* rr_calendar_step - run the earliest event; false when there is none. */
bool rr_calendar_step(rr_calendar *c)
{
    if (c->n == 0)
        return false;
    step(c);
    return true;
}

/* rr_calendar_run_until - run events with time <= t_end, then clock to
 * t_end.  The heap is re-read after each event because events schedule and
 * cancel (and may grow the arrays). */
uint64_t rr_calendar_run_until(rr_calendar *c, double t_end)
{
    uint64_t k = 0;

    while (c->n > 0 && c->heap[1].t <= t_end) {
        step(c);
        k++;
    }
    if (t_end > c->now)
        c->now = t_end;
    return k;
}

/* rr_calendar_now - the current simulated time. */
double rr_calendar_now(const rr_calendar *c)
{
    return c->now;
}

/* rr_calendar_next_time - time of the earliest event; INFINITY if none. */
double rr_calendar_next_time(const rr_calendar *c)
{
    return c->n > 0 ? c->heap[1].t : INFINITY;
}

/* rr_calendar_size - number of pending events. */
size_t rr_calendar_size(const rr_calendar *c)
{
    return c->n;
}

/* rr_calendar_events_run - events run since create or reset. */
uint64_t rr_calendar_events_run(const rr_calendar *c)
{
    return c->events_run;
}

/* rr_calendar_capacity - slots allocated. */
size_t rr_calendar_capacity(const rr_calendar *c)
{
    return c->cap;
}
