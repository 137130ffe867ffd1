/*
 * calendar.c - the event calendar: a small binary heap while few events are
 * pending, a monotone radix heap on the bit pattern of the event times while
 * many are, plus a slot table that holds each event's payload.
 *
 * Two structures.  The radix heap below does O(1) work per event, but that
 * work is spread over a bitmap, 416 bucket heads and a chunk pool, and it
 * costs more than a binary heap of a few entries that fits in a few cache
 * lines: with 10 events pending the radix heap ran 0.85 times as fast as a
 * binary heap, breaking even near 20 and winning 2-3 times over from 1,000
 * up.  Queueing models keep 10-30 events pending.  So while at most
 * HEAP_MAX (32) events are pending (`small`), they live in heap[1..n], a
 * binary min-heap on (key, seq) with the children of i at 2i and 2i+1; when
 * a schedule would make it HEAP_MAX + 1 they all move to the radix heap, and
 * when a step finds HEAP_BACK (16) or fewer pending and the ring empty they
 * all move back.  Either move costs O(HEAP_MAX) and the count must change
 * by 16 between one and the next, so moving is O(1) amortized and a count
 * that hovers near one threshold does not move back and forth.  The
 * thresholds were measured: a heap of 40 was slower than the radix heap,
 * and the queueing models gained only with room for more than 24.  With 10
 * pending, a hold model runs about 14% faster than on the radix heap alone,
 * M/M/10 about 15%; with thousands pending the mode checks cost about 1.5%
 * more instructions, within the timing noise of the benchmarks.
 *
 * The heap.  Entries are {key, seq, slot, gen}, 24 bytes: the order
 * (key, seq) is inline, so a comparison reads nothing but the two entries,
 * and the order is exactly (time, seq).  Sifting moves a hole, not swaps:
 * the entry being placed is held aside and written once at the end.
 * Removing the root runs the hole down the earlier children to a leaf, one
 * comparison per level (a sentinel after the last entry spares the test
 * for a missing right child), and sifts the former last entry up from
 * there; it is usually among the latest, so it rarely climbs.  While the
 * root's event runs, its place stays open, and the first event that event
 * schedules is sifted into it the same way (most events schedule one), so
 * that taking one event and adding the next is one pass, not two.  No index
 * follows an entry as it moves: cancelling an event bumps its slot's
 * generation (as for any cancel) and leaves the entry where it is, now
 * stale because its gen no longer matches the slot's; between events a
 * stale root is dropped at once, so the root is pending and next_time()
 * is O(1) (during an event, whose place at the root is open, it scans the
 * heap: run_top), and the others are dropped when they reach the root, when the
 * events move to the radix heap, or when the array (room for 2 HEAP_MAX
 * entries, stale ones included) is full: then it is compacted and rebuilt.
 * The order of (key, seq) is total, so events run in the same order
 * whatever the heap's shape.  rr_calendar_time_of() finds a small-heap
 * event by scanning at most 2 HEAP_MAX entries.  The previous form kept
 * {key, slot} entries and rewrote idx[slot].pos on every move so that a
 * cancel could remove the entry at once; that store per sift step, and
 * the payload read for every tie, were what the profile of M/M/10 showed.
 * The heap is a fixed array inside the calendar, so it never allocates.
 * `last` is kept up to date by running events (and is the key of t0 after
 * reset), so it is valid when the events move to the radix heap: keys
 * equal to it go to the ring, sorted by seq.
 *
 * Keys.  The calendar never takes an event before now and hands events out
 * in order, so it is a monotone priority queue.  key(t) turns a double into
 * a uint64_t that sorts the same way (set the sign bit of a non-negative
 * double, flip every bit of a negative one; -0 is made +0 first so that it
 * ties with 0).  `last` is the key of the event taken most recently (or of
 * t0): every pending key is >= last, and so is every key that can still be
 * scheduled, because last is never above the key of now.
 *
 * Buckets.  Read a key as 13 base-32 digits.  A pending key k != last goes
 * to the bucket of the highest digit j in which k differs from last and of
 * k's value v of that digit: b = 32 j + v.  Every key in a bucket is smaller
 * than every key in a higher-numbered one, and all keys of bucket (j, v)
 * share the digits above j with last, and digit j with each other.  Keys
 * equal to last wait in the ring.  A bitmap over the 416 buckets (7 words
 * and a summary word) finds the lowest non-empty bucket with two ctz.
 *
 * Taking the earliest event.  When the ring holds events, its head is the
 * earliest.  Otherwise the earliest is the least key m of the lowest
 * non-empty bucket b, and m becomes last.  No key outside b changes bucket
 * then: m agrees with last on every digit above b's level, so a key of a
 * higher bucket still differs from m first in the same digit, with the same
 * value.  Only b is emptied and spread again relative to m: keys equal to m
 * to the ring, the rest to buckets of lower levels.  A key only ever moves to
 * a lower level, so it moves at most 13 times in its life; in the baseline
 * model an event moves 2.6 times on average.  When b holds a single entry,
 * as it does seven times in ten there, that entry is run at once without
 * the ring.
 *
 * Ties.  Events at one time have one key, so they share a bucket and reach
 * the ring together; there they are sorted by insertion sequence.  An event
 * scheduled at exactly last goes to the tail of the ring, after every event
 * already there, as its sequence number is the largest.  Cancelling an event
 * in the ring leaves a tombstone, which popping skips and which is squeezed
 * out when the ring is full; the ring has room for 2 cap entries, so at
 * least half of it is tombstones when that happens.
 *
 * Storage.  Entries are {key, slot}, 16 bytes, kept in chunks of CHUNK from
 * one pool; a bucket is a chain of chunks, all full except its newest, so a
 * bucket stays dense and cancel moves the newest entry into the hole.  Each
 * bucket knows its least key, or MIN_UNKNOWN after that key was cancelled
 * (then taking from it scans it once).  idx[slot].pos is where the event
 * waits - an entry index, or IN_RING | ring index - and is rewritten on
 * every move, which is what lets cancel() remove any event at once.
 *
 * Slots.  A slot's generation (idx[].gen) is odd while its event is pending
 * and even while the slot is free; it is bumped on both transitions.  A
 * handle carries the generation it was issued with, so a handle is pending
 * exactly when its slot has that same (odd) generation.  Handles of events
 * that ran or were cancelled are therefore stale, even after the slot is
 * reused; a stale handle could only match again after 2^31 reuses of one
 * slot.  Free slots are chained through idx[].pos; slots at or above `used`
 * have not been handed out since the last reset and are taken in order.
 * The payload {fn, subject, object, seq} is read only when the event runs,
 * and seq only to order ties.
 *
 * Memory.  Everything is sized from cap, the number of slots: the pool has
 * cap / CHUNK chunks, plus one for each bucket that can be partly filled
 * (no more than min(cap, buckets)), plus two, which is the most that cap
 * entries can occupy even while a bucket is being spread.  The arrays grow
 * together (doubling cap) and are never shrunk, so once the calendar has
 * held its largest number of pending events it does not allocate again;
 * reset() keeps them and starts again with the (empty) binary heap.  A
 * slot is taken from beyond `used` only when every slot below is pending,
 * so `used` is the largest number of events pending at once since reset:
 * the limit on pending events (max_pending) and the failure to grow are
 * both met on that one slow path, which returns 0 and notes the reason in
 * `status`; growing stops at max_pending, so no memory is taken that the
 * limit would not let be used.
 *
 * Cost, with many events pending.  schedule O(1); cancel O(1); taking the
 * earliest event O(1) amortized (at most 13 moves per event over its life, plus an
 * O(k log k) sort for k events that share one time); next_time() O(1),
 * except that after the least key of the lowest bucket was cancelled it
 * scans that bucket.  With few pending: O(log n), n <= HEAP_MAX, for
 * schedule and step, O(1) for cancel; next_time() O(1) between events and
 * O(HEAP_MAX) during one; time_of() O(HEAP_MAX).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rr_calendar.h"
#include "rr_common.h"

#define DIGIT 5                                    /* key bits per digit */
#define RADIX (1u << DIGIT)                        /* buckets per level */
#define LEVELS ((64 + DIGIT - 1) / DIGIT)          /* 13 */
#define NBUCKETS (LEVELS * RADIX)                  /* 416 */
#define NWORDS ((NBUCKETS + 63) / 64)              /* bitmap words: 7 */
#define CHUNK_SHIFT 4
#define CHUNK (1u << CHUNK_SHIFT)                  /* entries per chunk */
#define DEFAULT_CAP 256u
#define HEAP_MAX 32u  /* more pending events than this: to the radix heap */
#define HEAP_BACK 16u /* this many or fewer: back to the binary heap */
#define HEAP_ROOM (2 * HEAP_MAX) /* heap entries, cancelled ones included */
#define IN_RING 0x80000000u /* idx[].pos of an event in the ring */
#define NO_SLOT UINT32_MAX
#define NO_CHUNK UINT32_MAX
#define MIN_UNKNOWN 0u      /* no time has key 0 (it is a NaN) */
#define KEY_TOP ((uint64_t)1 << 63)
/* Largest slot count: the ring (2 cap entries) and the pool (a little over
 * cap entries) are indexed below IN_RING, slot + 1 fits in 32 bits, and the
 * array sizes fit in a size_t. */
#define MAX_CAP                                                             \
    (SIZE_MAX / 64 < 0x3ff00000u ? (uint32_t)(SIZE_MAX / 64) : 0x3ff00000u)

#if defined(__GNUC__) || defined(__clang__)
#define clz64(x) __builtin_clzll(x)
#define ctz64(x) __builtin_ctzll(x)
#else
static inline int clz64(uint64_t x) /* x != 0 */
{
    int n = 0;
    for (; !(x & KEY_TOP); x <<= 1)
        n++;
    return n;
}
static inline int ctz64(uint64_t x) /* x != 0 */
{
    int n = 0;
    for (; !(x & 1); x >>= 1)
        n++;
    return n;
}
#endif

struct entry { /* a pending event in a bucket */
    uint64_t key;
    uint32_t slot;
    uint32_t unused;
};

/* A pending event in the binary heap: its order (key, seq) inline, so that
 * a comparison reads nothing else, and the generation its slot had when it
 * was scheduled, so that a cancelled event is known by a mismatch. */
struct hentry {
    uint64_t key;
    uint64_t seq;
    uint32_t slot;
    uint32_t gen;
};

struct payload {
    rr_event_fn *fn;
    void *subject;
    void *object;
    uint64_t seq; /* schedule order: breaks ties in t */
};

struct index {
    uint32_t pos; /* entry index or IN_RING | ring index, while pending
                     in the radix heap (unused while small); next free
                     slot while free */
    uint32_t gen; /* odd while pending, even while free */
};

struct bucket {
    uint64_t min;  /* least key, MIN_UNKNOWN, or UINT64_MAX when empty */
    uint32_t tail; /* entry index after the newest entry; 0 when empty */
    uint32_t unused;
};

struct rr_calendar {
    struct rr_calendar_clock clock; /* now: first, for rr_calendar_now() */
    bool small;             /* events in heap[1..hn], not in buckets/ring */
    bool hole;              /* heap[1] is the event running, taken but not
                               yet replaced (run_top) */
    uint32_t hn;            /* heap entries, cancelled ones included */
    uint32_t hstale;        /* cancelled entries among them */
    struct entry *ent;      /* the chunk pool: chunk k is ent[k * CHUNK..] */
    uint32_t *chunk_next;   /* older chunk of the same bucket, or next free */
    struct payload *pay;    /* pay[0..cap-1] */
    struct index *idx;      /* idx[0..cap-1] */
    uint32_t *ring;         /* ring[rh..rt-1]: slots at key last, or NO_SLOT */
    uint64_t last;          /* key of the event taken last, or of t0 */
    double last_t;          /* its time */
    uint32_t rh, rt;        /* ring head and tail; both 0 when empty */
    uint32_t r_live;        /* pending events in the ring */
    uint32_t free_chunk;    /* first free chunk, or NO_CHUNK */
    uint32_t chunks;        /* chunks in the pool */
    uint32_t n;             /* pending events */
    uint32_t cap;           /* slots allocated */
    uint32_t used;          /* slots handed out at least once since reset */
    uint32_t free_head;     /* first free slot below used, or NO_SLOT */
    uint64_t seq;
    uint64_t events_run;
    uint64_t stop_at;       /* run_until_max runs while events_run < this */
    uint32_t max_pending;   /* refuse to hand out more slots than this */
    int status;             /* why schedule() last refused: the first
                               refusal since create or reset, or RR_OK */
    uint64_t summary;       /* bit w set when bits[w] != 0 */
    uint64_t bits[NWORDS];  /* bit b set when bucket b is not empty */
    struct bucket bk[NBUCKETS];
    struct hentry heap[HEAP_ROOM + 2]; /* heap[1..hn] while small, and
                                          room for a sentinel */
};

/* key_of - the uint64_t that sorts like t (t not NaN, not -0). */
static inline uint64_t key_of(double t)
{
    uint64_t u;
    memcpy(&u, &t, sizeof u);
    return u ^ ((uint64_t)((int64_t)u >> 63) | KEY_TOP);
}

/* time_of_key - the inverse of key_of. */
static inline double time_of_key(uint64_t k)
{
    uint64_t u = k ^ (((k >> 63) - 1) | KEY_TOP);
    double t;
    memcpy(&t, &u, sizeof t);
    return t;
}

/* bucket_of - the bucket of key, given x = key ^ last != 0. */
static inline unsigned bucket_of(uint64_t key, uint64_t x)
{
    unsigned j = (unsigned)(63 ^ clz64(x)) / DIGIT;
    return j * RADIX + (unsigned)((key >> (j * DIGIT)) & (RADIX - 1));
}

/* mark - note that bucket b is not empty. */
static inline void mark(rr_calendar *c, unsigned b)
{
    c->bits[b / 64] |= (uint64_t)1 << (b % 64);
    c->summary |= (uint64_t)1 << (b / 64);
}

/* unmark - note that bucket b is empty. */
static inline void unmark(rr_calendar *c, unsigned b)
{
    if ((c->bits[b / 64] &= ~((uint64_t)1 << (b % 64))) == 0)
        c->summary &= ~((uint64_t)1 << (b / 64));
}

/* lowest - the lowest non-empty bucket; some bucket is not empty. */
static inline unsigned lowest(const rr_calendar *c)
{
    unsigned w = (unsigned)ctz64(c->summary);
    return w * 64 + (unsigned)ctz64(c->bits[w]);
}

/* new_chunk - take a free chunk to put in front of the chain whose tail is
 * `tail` (0: an empty bucket); the index of its first entry.  The pool is
 * sized so that a chunk is always free here. */
static inline uint32_t new_chunk(rr_calendar *c, uint32_t tail)
{
    uint32_t ch = c->free_chunk;

    rr_assert_always(ch != NO_CHUNK);
    c->free_chunk = c->chunk_next[ch];
    c->chunk_next[ch] = tail ? (tail - 1) >> CHUNK_SHIFT : NO_CHUNK;
    return ch << CHUNK_SHIFT;
}

/* append - add key (slot s) to bucket b. */
static inline void append(rr_calendar *c, unsigned b, uint64_t key,
                          uint32_t s)
{
    struct bucket *bk = &c->bk[b];
    uint32_t g = bk->tail;

    if ((g & (CHUNK - 1)) == 0) { /* empty, or the newest chunk is full */
        if (g == 0)
            mark(c, b);
        g = new_chunk(c, g);
    }
    c->ent[g].key = key;
    c->ent[g].slot = s;
    bk->tail = g + 1;
    if (key < bk->min)
        bk->min = key;
    c->idx[s].pos = g;
}

/* remove_entry - drop the entry at index g: the bucket's newest entry
 * takes its place, and a chunk left empty goes back to the pool. */
static inline void remove_entry(rr_calendar *c, uint32_t g)
{
    uint64_t key = c->ent[g].key;
    unsigned b = bucket_of(key, key ^ c->last);
    struct bucket *bk = &c->bk[b];
    uint32_t newest = bk->tail - 1;

    if (g != newest) {
        c->ent[g] = c->ent[newest];
        c->idx[c->ent[g].slot].pos = g;
    }
    if (key == bk->min)
        bk->min = MIN_UNKNOWN;
    if ((newest & (CHUNK - 1)) == 0) {
        uint32_t ch = newest >> CHUNK_SHIFT, older = c->chunk_next[ch];
        c->chunk_next[ch] = c->free_chunk;
        c->free_chunk = ch;
        if (older == NO_CHUNK) {
            bk->tail = 0;
            bk->min = UINT64_MAX;
            unmark(c, b);
        } else {
            bk->tail = (older << CHUNK_SHIFT) + CHUNK;
        }
    } else {
        bk->tail = newest;
    }
}

/* bucket_scan - the least key of non-empty bucket b, by reading it all. */
static uint64_t bucket_scan(const rr_calendar *c, unsigned b)
{
    uint64_t m = UINT64_MAX;
    uint32_t end = c->bk[b].tail;
    uint32_t ch = (end - 1) >> CHUNK_SHIFT;

    for (;;) {
        for (uint32_t g = ch << CHUNK_SHIFT; g < end; g++)
            if (c->ent[g].key < m)
                m = c->ent[g].key;
        ch = c->chunk_next[ch];
        if (ch == NO_CHUNK)
            return m;
        end = (ch << CHUNK_SHIFT) + CHUNK;
    }
}

/* bucket_min - the least key of non-empty bucket b. */
static inline uint64_t bucket_min(const rr_calendar *c, unsigned b)
{
    uint64_t m = c->bk[b].min;
    return m != MIN_UNKNOWN ? m : bucket_scan(c, b);
}

/* seq_less - whether slot a was scheduled before slot b. */
static inline bool seq_less(const struct payload *pay, uint32_t a,
                            uint32_t b)
{
    return pay[a].seq < pay[b].seq;
}

/* sift - heapsort's sift-down of r[i] within r[0..n-1], largest seq on
 * top. */
static void sift(const struct payload *pay, uint32_t *r, uint32_t i,
                 uint32_t n)
{
    uint32_t v = r[i], child;

    while ((child = 2 * i + 1) < n) {
        if (child + 1 < n && seq_less(pay, r[child], r[child + 1]))
            child++;
        if (!seq_less(pay, v, r[child]))
            break;
        r[i] = r[child];
        i = child;
    }
    r[i] = v;
}

/* sort_ring - put the ring (rh = 0, no tombstones) in schedule order:
 * insertion sort for a few entries, heapsort for many. */
static void sort_ring(rr_calendar *c)
{
    const struct payload *pay = c->pay;
    uint32_t *r = c->ring, n = c->rt;

    if (n <= 16) {
        for (uint32_t i = 1; i < n; i++) {
            uint32_t v = r[i], j = i;
            while (j > 0 && seq_less(pay, v, r[j - 1])) {
                r[j] = r[j - 1];
                j--;
            }
            r[j] = v;
        }
    } else {
        for (uint32_t i = n / 2; i-- > 0;)
            sift(pay, r, i, n);
        for (uint32_t k = n - 1; k > 0; k--) {
            uint32_t v = r[0];
            r[0] = r[k];
            r[k] = v;
            sift(pay, r, 0, k);
        }
    }
    for (uint32_t i = 0; i < n; i++)
        c->idx[r[i]].pos = IN_RING | i;
}

/* advance - make m, the least key of the lowest bucket b, the new last:
 * empty b and spread its entries, those equal to m to the (empty) ring and
 * the others to lower buckets.  Chunks are returned to the pool as soon as
 * they have been read, so the pool never runs short. */
static void advance(rr_calendar *c, unsigned b, uint64_t m)
{
    struct entry *restrict ent = c->ent;
    struct index *restrict idx = c->idx;
    uint32_t *restrict next_of = c->chunk_next;
    uint32_t *restrict ring = c->ring;
    struct bucket *restrict bk = c->bk;
    uint32_t end = bk[b].tail, rt = 0;
    uint32_t ch = (end - 1) >> CHUNK_SHIFT;
    uint32_t free_chunk = c->free_chunk;

    bk[b].tail = 0;
    bk[b].min = UINT64_MAX;
    unmark(c, b);
    c->last = m;
    c->last_t = time_of_key(m);
    for (;;) {
        uint32_t older = next_of[ch];
        for (uint32_t g = ch << CHUNK_SHIFT; g < end; g++) {
            uint64_t key = ent[g].key, x = key ^ m;
            uint32_t s = ent[g].slot, t;
            unsigned nb;
            if (x == 0) {
                ring[rt] = s;
                idx[s].pos = IN_RING | rt;
                rt++;
                continue;
            }
            nb = bucket_of(key, x);
            t = bk[nb].tail;
            if ((t & (CHUNK - 1)) == 0) {
                uint32_t nc = free_chunk;
                if (t == 0)
                    mark(c, nb);
                rr_assert_always(nc != NO_CHUNK);
                free_chunk = next_of[nc];
                next_of[nc] = t ? (t - 1) >> CHUNK_SHIFT : NO_CHUNK;
                t = nc << CHUNK_SHIFT;
            }
            ent[t].key = key;
            ent[t].slot = s;
            bk[nb].tail = t + 1;
            if (key < bk[nb].min)
                bk[nb].min = key;
            idx[s].pos = t;
        }
        next_of[ch] = free_chunk;
        free_chunk = ch;
        if (older == NO_CHUNK)
            break;
        ch = older;
        end = (ch << CHUNK_SHIFT) + CHUNK;
    }
    c->free_chunk = free_chunk;
    c->rh = 0;
    c->rt = rt;
    c->r_live = rt;
    if (rt > 1)
        sort_ring(c);
}

/* take_lone - if the lowest bucket b holds a single entry, remove it and
 * return its slot, with its key in *key; else NO_SLOT.  The entry is the
 * earliest event and no other event has its time. */
static inline uint32_t take_lone(rr_calendar *c, unsigned b, uint64_t *key)
{
    struct bucket *bk = &c->bk[b];
    uint32_t g = bk->tail - 1, ch = g >> CHUNK_SHIFT;

    if ((g & (CHUNK - 1)) != 0 || c->chunk_next[ch] != NO_CHUNK)
        return NO_SLOT;
    *key = c->ent[g].key;
    c->chunk_next[ch] = c->free_chunk;
    c->free_chunk = ch;
    bk->tail = 0;
    bk->min = UINT64_MAX;
    unmark(c, b);
    return c->ent[g].slot;
}

/* free_slot - return slot s to the free list; its handles go stale. */
static inline void free_slot(rr_calendar *c, uint32_t s)
{
    c->idx[s].gen++;
    c->idx[s].pos = c->free_head;
    c->free_head = s;
}

#if defined(__GNUC__) || defined(__clang__)
#define prefetch(p) __builtin_prefetch(p)
#else
#define prefetch(p) ((void)(p))
#endif

/* PREFETCH_NEXT(c) - with many events pending, start loading the payload
 * of the event that probably runs next: the ring's head, or else the
 * newest entry of the lowest bucket (the next event when that bucket holds
 * one entry, as it mostly does).  With tens of thousands pending, the
 * payload of the event taken is rarely in cache, and waiting for it was
 * most of the calendar's time in the baseline; loaded while the current
 * event runs, it is there when needed.  Only a hint: nothing depends on
 * it.  A macro, not a function: GCC finds such a function free of side
 * effects and drops the call. */
#define PREFETCH_NEXT(c)                                                    \
    do {                                                                    \
        if ((c)->r_live > 0) {                                              \
            uint32_t s_ = (c)->ring[(c)->rh];                               \
            if (s_ != NO_SLOT)                                              \
                prefetch(&(c)->pay[s_]);                                    \
        } else if ((c)->summary != 0) {                                     \
            uint32_t tail_ = (c)->bk[lowest(c)].tail;                       \
            prefetch(&(c)->pay[(c)->ent[tail_ - 1].slot]);                  \
        }                                                                   \
    } while (0)

/* PREFETCH_NEXT_OBJECT(c) - the same guess, after the current event ran:
 * by then the payload has usually arrived, so start loading the object the
 * next event works on (a case, the entity at a station), which is the next
 * thing it waits for. */
#define PREFETCH_NEXT_OBJECT(c)                                             \
    do {                                                                    \
        uint32_t s_ = NO_SLOT;                                              \
        if ((c)->r_live > 0)                                                \
            s_ = (c)->ring[(c)->rh];                                        \
        else if ((c)->summary != 0)                                         \
            s_ = (c)->ent[(c)->bk[lowest(c)].tail - 1].slot;                \
        if (s_ != NO_SLOT && (c)->pay[s_].object)                           \
            prefetch((c)->pay[s_].object);                                  \
    } while (0)

/* run - run the event of slot s, which has key `key` (now last). */
static inline void run(rr_calendar *c, uint32_t s, uint64_t key)
{
    const struct payload *p = &c->pay[s];
    rr_event_fn *fn = p->fn;
    void *subject = p->subject, *object = p->object;

    c->last = key;
    c->clock.now = c->last_t = time_of_key(key);
    free_slot(c, s);
    c->n--;
    c->events_run++;
    fn(subject, object);
}

/* run_many - run(), with many events pending: with the hints above around
 * the event. */
static inline void run_many(rr_calendar *c, uint32_t s, uint64_t key)
{
    PREFETCH_NEXT(c);
    run(c, s, key);
    PREFETCH_NEXT_OBJECT(c);
}

/* ---- the binary heap, while few events are pending ----------------------- */

/* before - whether heap entry a runs before b: a smaller key, or the same
 * key and scheduled earlier.  (A bitwise form without the short circuit
 * ran more instructions and missed as many branches.) */
static inline bool before(const struct hentry *a, const struct hentry *b)
{
    return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

/* stale - whether heap entry e was cancelled (its slot has moved on). */
static inline bool stale(const rr_calendar *c, const struct hentry *e)
{
    return c->idx[e->slot].gen != e->gen;
}

/* heap_up - place e at hole or above it, moving later parents down. */
static inline void heap_up(struct hentry *h, uint32_t hole, struct hentry e)
{
    while (hole > 1) {
        uint32_t parent = hole >> 1;
        if (!before(&e, &h[parent]))
            break;
        h[hole] = h[parent];
        hole = parent;
    }
    h[hole] = e;
}

/* heap_fill - put e in place of the root of h[1..n] (n >= 1): the hole
 * runs down the earlier children to a leaf, one comparison per level, and
 * e is sifted up from there.  e is usually among the latest events (a new
 * one, or the former last entry), so it rarely climbs far.  h[n + 1] is
 * overwritten. */
static inline void heap_fill(struct hentry *h, uint32_t n, struct hentry e)
{
    uint32_t hole = 1, child;

    /* A sentinel after the last entry that no entry follows, so that a
     * last child needs no test of its own, and the choice of the earlier
     * child is arithmetic rather than an unpredictable branch. */
    h[n + 1].key = UINT64_MAX;
    h[n + 1].seq = UINT64_MAX;
    while ((child = hole << 1) <= n) {
        child += (uint32_t)before(&h[child + 1], &h[child]);
        h[hole] = h[child];
        hole = child;
    }
    heap_up(h, hole, e);
}

/* heap_pop - drop the root (hn >= 1): the former last entry fills it. */
static inline void heap_pop(rr_calendar *c)
{
    uint32_t n = --c->hn;

    if (n > 0)
        heap_fill(c->heap, n, c->heap[n + 1]);
}

/* heap_clean - drop cancelled entries from the top, so that the root is
 * pending (or the heap empty).  Counting them spares the look at the
 * root's slot while there are none, which is most of the time. */
static inline void heap_clean(rr_calendar *c)
{
    while (c->hstale > 0 && stale(c, &c->heap[1])) {
        heap_pop(c);
        c->hstale--;
    }
}

/* heap_compact - drop every cancelled entry (the heap is full) and rebuild
 * the heap from the others; the order of (key, seq) is total, so the order
 * in which events run does not depend on the heap's shape. */
static void heap_compact(rr_calendar *c)
{
    struct hentry *h = c->heap;
    uint32_t k = 0;

    for (uint32_t i = 1; i <= c->hn; i++)
        if (!stale(c, &h[i]))
            heap_up(h, ++k, h[i]);
    c->hn = k;
    c->hstale = 0;
}

/* run_top - run the root of the heap (n >= 1, so it is pending).  Most
 * events schedule another one, so the root's place is left open while it
 * runs (`hole`) and the first event scheduled meanwhile fills it, in one
 * pass down the heap (heap_fill); only when none is does the last entry
 * fill it afterwards.  That spares a removal and an insertion their
 * separate passes.  While the hole is open the root is not an event: the
 * root's slot is free (its generation moved on), so anything that scans
 * the heap takes the root for a cancelled entry, and cancel() leaves the
 * cleaning of the root to the end of the event. */
static inline void run_top(rr_calendar *c)
{
    uint32_t s = c->heap[1].slot;
    uint64_t key = c->heap[1].key;

    c->hole = true;
    run(c, s, key);
    if (c->hole) {
        c->hole = false;
        heap_pop(c);
    }
    if (c->small)
        heap_clean(c);
}

/* to_radix - move the pending events of the heap to the (empty) buckets
 * and ring: keys equal to last to the ring, in schedule order, the rest to
 * their buckets.  The event being scheduled is not in the heap yet. */
static void to_radix(rr_calendar *c)
{
    uint32_t rt = 0;

    for (uint32_t i = 1; i <= c->hn; i++) {
        uint64_t key = c->heap[i].key, x = key ^ c->last;
        uint32_t s = c->heap[i].slot;
        if (stale(c, &c->heap[i]))
            continue;
        if (x != 0) {
            append(c, bucket_of(key, x), key, s);
        } else {
            c->ring[rt] = s;
            c->idx[s].pos = IN_RING | rt;
            rt++;
        }
    }
    c->hn = 0;
    c->hstale = 0;
    c->hole = false; /* the running event's place went with the heap */
    c->rh = 0;
    c->rt = rt;
    c->r_live = rt;
    if (rt > 1)
        sort_ring(c);
    c->small = false;
}

/* to_heap - move the events of the buckets (the ring is empty) to the
 * heap, returning every chunk to the pool. */
static void to_heap(rr_calendar *c)
{
    uint32_t k = 0;

    rr_assert(c->r_live == 0 && c->rt == 0);
    while (c->summary != 0) {
        unsigned b = lowest(c);
        uint32_t end = c->bk[b].tail, ch = (end - 1) >> CHUNK_SHIFT;
        for (;;) {
            uint32_t older = c->chunk_next[ch];
            for (uint32_t g = ch << CHUNK_SHIFT; g < end; g++) {
                uint32_t s = c->ent[g].slot;
                struct hentry e = {c->ent[g].key, c->pay[s].seq, s,
                                   c->idx[s].gen};
                heap_up(c->heap, ++k, e);
            }
            c->chunk_next[ch] = c->free_chunk;
            c->free_chunk = ch;
            if (older == NO_CHUNK)
                break;
            ch = older;
            end = (ch << CHUNK_SHIFT) + CHUNK;
        }
        c->bk[b].tail = 0;
        c->bk[b].min = UINT64_MAX;
        unmark(c, b);
    }
    rr_assert(k == c->n);
    c->hn = k;
    c->hstale = 0;
    c->small = true;
}

/* run_ring - remove the head of the ring (r_live >= 1) and run it. */
static inline void run_ring(rr_calendar *c)
{
    uint32_t s;

    while ((s = c->ring[c->rh]) == NO_SLOT) /* tombstones */
        c->rh++;
    c->rh++;
    if (--c->r_live == 0)
        c->rh = c->rt = 0;
    run_many(c, s, c->last);
}

/* link_chunks - put chunks from..to-1 on the free list, lowest first. */
static void link_chunks(rr_calendar *c, uint32_t from, uint32_t to)
{
    for (uint32_t k = to; k-- > from;) {
        c->chunk_next[k] = c->free_chunk;
        c->free_chunk = k;
    }
}

/* chunks_for - the pool for cap slots: full chunks for cap entries, one
 * partly filled chunk per bucket that can hold any, and two for the bucket
 * being spread by advance(). */
static uint32_t chunks_for(uint32_t cap)
{
    return (cap >> CHUNK_SHIFT) + (cap < NBUCKETS ? cap : NBUCKETS) + 2;
}

/* grow - double every array.  false when out of memory or at MAX_CAP; the
 * calendar is unchanged then (arrays already reallocated are only bigger
 * than needed). */
static bool grow(rr_calendar *c)
{
    uint32_t cap, chunks;
    struct payload *pay;
    struct index *idx;
    uint32_t *ring, *next;
    struct entry *ent;

    if (c->cap >= MAX_CAP)
        return false;
    cap = c->cap > MAX_CAP / 2 ? MAX_CAP : c->cap * 2;
    if (cap > c->max_pending && c->max_pending > c->cap)
        cap = c->max_pending; /* no memory beyond what may be used */
    chunks = chunks_for(cap);
    pay = realloc(c->pay, (size_t)cap * sizeof *pay);
    if (!pay)
        return false;
    c->pay = pay;
    idx = realloc(c->idx, (size_t)cap * sizeof *idx);
    if (!idx)
        return false;
    /* New slots start free with generation 0. */
    memset(idx + c->cap, 0, (size_t)(cap - c->cap) * sizeof *idx);
    c->idx = idx;
    ring = realloc(c->ring, (size_t)cap * 2 * sizeof *ring);
    if (!ring)
        return false;
    c->ring = ring;
    ent = realloc(c->ent, ((size_t)chunks << CHUNK_SHIFT) * sizeof *ent);
    if (!ent)
        return false;
    c->ent = ent;
    next = realloc(c->chunk_next, (size_t)chunks * sizeof *next);
    if (!next)
        return false;
    c->chunk_next = next;
    link_chunks(c, c->chunks, chunks);
    c->chunks = chunks;
    c->cap = cap;
    return true;
}

/* decode - the slot of a pending event's handle, or NO_SLOT. */
static inline uint32_t decode(const rr_calendar *c, uint64_t handle)
{
    uint32_t s = (uint32_t)handle - 1u; /* handle 0 wraps to NO_SLOT */
    uint32_t gen = (uint32_t)(handle >> 32);

    if (s >= c->used || (gen & 1u) == 0 || c->idx[s].gen != gen)
        return NO_SLOT;
    return s;
}

/* empty_all - no pending events, every chunk free, clock at t0. */
static void empty_all(rr_calendar *c, double t0)
{
    for (unsigned b = 0; b < NBUCKETS; b++) {
        c->bk[b].tail = 0;
        c->bk[b].min = UINT64_MAX;
    }
    memset(c->bits, 0, sizeof c->bits);
    c->summary = 0;
    c->free_chunk = NO_CHUNK;
    link_chunks(c, 0, c->chunks);
    c->rh = c->rt = c->r_live = 0;
    c->small = true;
    c->hole = false;
    c->hn = 0;
    c->hstale = 0;
    t0 += 0.0; /* -0 to +0 */
    c->clock.now = t0;
    c->last = key_of(t0);
    c->last_t = t0;
    c->n = 0;
    c->used = 0;
    c->free_head = NO_SLOT;
    c->seq = 0;
    c->events_run = 0;
    c->status = RR_OK;
}

/* rr_calendar_create - allocate an empty calendar with room for hint events. */
rr_calendar *rr_calendar_create(double t0, size_t hint)
{
    rr_calendar *c = calloc(1, sizeof *c);
    uint32_t cap = hint == 0 ? DEFAULT_CAP
                   : hint > MAX_CAP ? MAX_CAP : (uint32_t)hint;
    uint32_t chunks = chunks_for(cap);

    if (!c)
        return NULL;
    c->pay = malloc((size_t)cap * sizeof *c->pay);
    c->idx = calloc(cap, sizeof *c->idx);
    c->ring = malloc((size_t)cap * 2 * sizeof *c->ring);
    c->ent = malloc(((size_t)chunks << CHUNK_SHIFT) * sizeof *c->ent);
    c->chunk_next = malloc((size_t)chunks * sizeof *c->chunk_next);
    if (!c->pay || !c->idx || !c->ring || !c->ent || !c->chunk_next) {
        rr_calendar_destroy(c);
        return NULL;
    }
    c->cap = cap;
    c->chunks = chunks;
    c->max_pending = MAX_CAP;
    empty_all(c, t0);
    return c;
}

/* rr_calendar_destroy - free the calendar, dropping pending events. */
void rr_calendar_destroy(rr_calendar *c)
{
    if (!c)
        return;
    free(c->pay);
    free(c->idx);
    free(c->ring);
    free(c->ent);
    free(c->chunk_next);
    free(c);
}

/* rr_calendar_reset - drop pending events, clock to t0, keep the memory.
 * Pending slots get an even generation so their handles go stale; the free
 * list restarts at slot 0 so that a replication hands out the same slots as
 * a fresh calendar would.  O(slots used + chunks). */
void rr_calendar_reset(rr_calendar *c, double t0)
{
    for (uint32_t s = 0; s < c->used; s++)
        c->idx[s].gen += c->idx[s].gen & 1u;
    empty_all(c, t0);
}

/* squeeze_ring - drop the ring's tombstones, keeping the order. */
static void squeeze_ring(rr_calendar *c)
{
    uint32_t k = 0;

    for (uint32_t i = c->rh; i < c->rt; i++) {
        uint32_t s = c->ring[i];
        if (s != NO_SLOT) {
            c->ring[k] = s;
            c->idx[s].pos = IN_RING | k;
            k++;
        }
    }
    c->rh = 0;
    c->rt = k;
}

/* refuse - note why schedule() fails (the first reason is kept); 0. */
static uint64_t refuse(rr_calendar *c, int status)
{
    if (c->status == RR_OK)
        c->status = status;
    return 0;
}

/* rr_calendar_schedule - add fn(subject, object) at time t; its handle. */
uint64_t rr_calendar_schedule(rr_calendar *c, double t, rr_event_fn *fn,
                              void *subject, void *object)
{
    uint32_t s;
    struct payload *p;
    uint64_t key, x;

    /* Also false for NaN. */
    rr_assert(t >= c->clock.now);
    rr_assert(fn != NULL);
#ifdef NDEBUG
    /* Without the assertion, run a late event now rather than break the
     * order of every other. */
    if (!(t >= c->clock.now))
        t = c->clock.now;
#endif
    t += 0.0; /* -0 to +0: they are equal times */
    if (c->free_head != NO_SLOT) {
        s = c->free_head;
        c->free_head = c->idx[s].pos;
    } else {
        /* Every slot handed out is pending: `used` is the most events
         * ever pending at once, so this is the only place the limit can
         * be passed, and the hot path above never sees it. */
        if (c->used >= c->max_pending)
            return refuse(c, RR_ERANGE);
        if (c->used == c->cap && !grow(c))
            return refuse(c, RR_ENOMEM);
        s = c->used++;
    }
    p = &c->pay[s];
    p->fn = fn;
    p->subject = subject;
    p->object = object;
    p->seq = c->seq++;
    c->idx[s].gen++;
    c->n++;
    key = key_of(t);
    if (c->small) {
        if (c->n <= HEAP_MAX) {
            struct hentry e = {key, p->seq, s, c->idx[s].gen};
            if (c->hole) { /* in place of the event running (run_top) */
                c->hole = false;
                heap_fill(c->heap, c->hn, e);
                goto done;
            }
            if (c->hn == HEAP_ROOM)
                heap_compact(c);
            heap_up(c->heap, ++c->hn, e);
            goto done;
        }
        to_radix(c);
    }
    x = key ^ c->last;
    if (x != 0) {
        append(c, bucket_of(key, x), key, s);
    } else {
        /* At the time of the events in the ring, after all of them. */
        if (c->rt == 2 * c->cap)
            squeeze_ring(c);
        c->ring[c->rt] = s;
        c->idx[s].pos = IN_RING | c->rt;
        c->rt++;
        c->r_live++;
    }
done:
    return ((uint64_t)c->idx[s].gen << 32) | ((uint64_t)s + 1u);
}

/* rr_calendar_cancel - remove a pending event; false for 0 or stale. */
bool rr_calendar_cancel(rr_calendar *c, uint64_t handle)
{
    uint32_t s = decode(c, handle);
    uint32_t pos;

    if (s == NO_SLOT)
        return false;
    pos = c->idx[s].pos;
    if (c->small) {
        /* Left in the heap: its slot's generation moves on below, which
         * makes the entry stale; only a stale root is dropped now. */
        free_slot(c, s);
        c->n--;
        c->hstale++;
        if (!c->hole) /* else at the end of the event (run_top) */
            heap_clean(c);
        return true;
    }
    if (pos & IN_RING) {
        rr_assert(c->ring[pos & ~IN_RING] == s);
        c->ring[pos & ~IN_RING] = NO_SLOT;
        if (--c->r_live == 0)
            c->rh = c->rt = 0;
    } else {
        rr_assert(pos < c->chunks * CHUNK && c->ent[pos].slot == s);
        remove_entry(c, pos);
    }
    free_slot(c, s);
    c->n--;
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
    uint32_t s = decode(c, handle), pos;

    if (s == NO_SLOT)
        return NAN;
    if (c->small) {
        for (uint32_t i = 1; i <= c->hn; i++)
            if (c->heap[i].slot == s && !stale(c, &c->heap[i]))
                return time_of_key(c->heap[i].key);
        rr_assert(0);
        return NAN;
    }
    pos = c->idx[s].pos;
    return pos & IN_RING ? c->last_t : time_of_key(c->ent[pos].key);
}

/* rr_calendar_step - run the earliest event; false when there is none. */
bool rr_calendar_step(rr_calendar *c)
{
    if (!c->small) {
        if (c->r_live > 0) {
            run_ring(c);
            return true;
        }
        if (c->n > HEAP_BACK) {
            unsigned b = lowest(c);
            uint64_t key;
            uint32_t s = take_lone(c, b, &key);
            if (s != NO_SLOT) {
                run_many(c, s, key);
                return true;
            }
            advance(c, b, bucket_min(c, b));
            run_ring(c);
            return true;
        }
        to_heap(c);
    }
    if (c->n == 0)
        return false;
    run_top(c);
    return true;
}

/* rr_calendar_run_until - run events with time <= t_end, then clock to
 * t_end. */
uint64_t rr_calendar_run_until(rr_calendar *c, double t_end)
{
    return rr_calendar_run_until_max(c, t_end, UINT64_MAX);
}

/* rr_calendar_run_until_max - run events with time <= t_end, at most max
 * of them and none after a halt; when none is left at or before t_end,
 * clock to t_end.  The state is re-read after each event because events
 * schedule and cancel (and may grow the arrays).  Nothing moves for an
 * event after t_end: last must not pass now, which may stay below that
 * event.  The limit is kept as the value of events_run to stop at, which
 * run() updates anyway, so it costs one comparison per event, and a halt
 * from inside an event is only a store to it. */
uint64_t rr_calendar_run_until_max(rr_calendar *c, double t_end,
                                   uint64_t max)
{
    uint64_t start = c->events_run;

    c->stop_at = max > UINT64_MAX - start ? UINT64_MAX : start + max;
    while (c->n > 0 && c->events_run < c->stop_at) {
        if (c->small) {
            if (!(time_of_key(c->heap[1].key) <= t_end))
                break;
            run_top(c);
            continue;
        }
        if (c->r_live == 0) {
            unsigned b;
            uint64_t m;
            uint32_t s;
            if (c->n <= HEAP_BACK) {
                to_heap(c);
                continue;
            }
            b = lowest(c);
            m = bucket_min(c, b);
            if (!(time_of_key(m) <= t_end))
                break;
            if ((s = take_lone(c, b, &m)) != NO_SLOT) {
                run_many(c, s, m);
                continue;
            }
            advance(c, b, m);
        } else if (!(c->last_t <= t_end)) {
            break;
        }
        run_ring(c);
    }
    /* a full slice or a halt: events at or before t_end may be left, so
     * the clock stays where it is */
    if (c->events_run >= c->stop_at)
        return c->events_run - start;
    if (t_end > c->clock.now)
        c->clock.now = t_end;
    return c->events_run - start;
}

/* rr_calendar_halt - end the running rr_calendar_run_until[_max] after
 * the event that is running. */
void rr_calendar_halt(rr_calendar *c)
{
    c->stop_at = c->events_run;
}

/* rr_calendar_next_time - time of the earliest event; INFINITY if none. */
double rr_calendar_next_time(const rr_calendar *c)
{
    if (c->small) {
        const struct hentry *m = NULL;
        if (c->n == 0)
            return INFINITY;
        if (!c->hole && !stale(c, &c->heap[1]))
            return time_of_key(c->heap[1].key);
        /* during an event: the root is its place, or a cancelled entry
         * that filled it; the earliest pending entry is elsewhere */
        for (uint32_t i = 1; i <= c->hn; i++)
            if (!stale(c, &c->heap[i]) && (!m || before(&c->heap[i], m)))
                m = &c->heap[i];
        rr_assert(m != NULL);
        return m ? time_of_key(m->key) : INFINITY;
    }
    if (c->r_live > 0)
        return c->last_t;
    if (c->n == 0)
        return INFINITY;
    return time_of_key(bucket_min(c, lowest(c)));
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

/* rr_calendar_set_max_pending - refuse events beyond n pending. */
void rr_calendar_set_max_pending(rr_calendar *c, size_t n)
{
    c->max_pending = n == 0 || n > MAX_CAP ? MAX_CAP : (uint32_t)n;
}

/* rr_calendar_status - why schedule() refused an event, or RR_OK. */
int rr_calendar_status(const rr_calendar *c)
{
    return c->status;
}

/* rr_calendar_capacity - slots allocated. */
size_t rr_calendar_capacity(const rr_calendar *c)
{
    return c->cap;
}
