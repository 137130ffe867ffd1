/*
 * rr_calendar.h - the event calendar of the discrete-event engine.
 *
 * An event is a call fn(subject, object) at a simulated time t (days).  The
 * calendar runs events in order of (time, insertion sequence): two events at
 * the same time run in the order they were scheduled, so a run is fully
 * determined by its random streams.  Scheduling at a time before now() (or
 * at NaN) is a bug of the caller and trips an assertion: callers make sure
 * that a time they compute from input is a number >= now before they
 * schedule it.
 *
 * Out of memory and limits.  rr_calendar_schedule() returns 0, and does
 * not schedule the event, when its arrays cannot grow (RR_ENOMEM) or when
 * the event would pass the limit on pending events set with
 * rr_calendar_set_max_pending() (RR_ERANGE); rr_calendar_status() then
 * tells which, until the next reset.  The calendar stays consistent, but
 * the caller's simulation no longer is: an event that was meant to happen
 * will not.  So no caller may ignore a 0: every call site checks it and
 * latches a failure in its replication (rr_net_status(), the model's own
 * flag) and halts the run (rr_calendar_halt()), which its caller then
 * reports as a runtime error.  Nothing in the engine aborts for want of
 * memory.
 *
 * Because no event is ever scheduled before now, the calendar is a monotone
 * priority queue: a radix heap keyed on the bit pattern of the times (which
 * sorts like the times), with base-32 digits.  An event moves between
 * buckets at most 13 times in its life (2.6 times in the baseline model),
 * always in a sequential pass over dense arrays.  Equal times are sorted by
 * insertion sequence when they come due.  The payload (fn, subject, object)
 * lives in a slot table indexed by the handle, and each slot knows where its
 * event waits, so cancel() removes the event at once: cancelled events leave
 * nothing behind (in the small heap below, a cancelled entry stays, marked
 * stale by its slot's generation, until it reaches the top or the heap is
 * compacted; its slot is free at once).  Slots are recycled through a free list and every array is
 * sized from the number of slots, so after the calendar has grown to the
 * largest number of pending events, schedule/step/cancel do no allocation at
 * all.
 *
 * While few events are pending (up to 32) they are kept in a small binary
 * heap on (time, insertion sequence) instead, which is faster at that size;
 * they move to the radix heap when there are more and back when the count
 * falls to 16 or below, so neither structure slows the other's range.
 *
 * Handles are uint64_t: (generation << 32) | (slot + 1).  0 means "no event".
 * A handle becomes stale once its event has run or been cancelled; cancel()
 * of a stale handle returns false and does nothing, so callers may keep
 * handles around without tracking whether the event already fired.
 *
 * Cost: schedule O(1), cancel O(1), step O(1) amortized (plus O(k log k) to
 * order k events that share one time), next_time O(1) (a scan of the bucket
 * holding the earliest events if the least of them was cancelled); with
 * few pending, O(log n) for n <= 32, and next_time asked from inside an
 * event scans the (at most 64) entries.  Design and invariants:
 * sim/calendar.c.
 */
#ifndef RR_CALENDAR_H
#define RR_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rr_calendar rr_calendar;
typedef void rr_event_fn(void *subject, void *object);

/* rr_calendar_create - an empty calendar at time t0, room for `hint` events
 * (0 = a default).  Returns NULL when out of memory.  Free with
 * rr_calendar_destroy(). */
rr_calendar *rr_calendar_create(double t0, size_t hint);

/* rr_calendar_destroy - free the calendar; NULL is a no-op.  Pending events
 * are dropped without being called. */
void rr_calendar_destroy(rr_calendar *c);

/* rr_calendar_reset - drop every pending event and set the clock to t0;
 * keeps the memory for reuse by the next replication. */
void rr_calendar_reset(rr_calendar *c, double t0);

/* rr_calendar_schedule - run fn(subject, object) at time t (t >= now).
 * Returns the event's handle, or 0 when out of memory or at the limit on
 * pending events (see above: the caller must not ignore a 0). */
uint64_t rr_calendar_schedule(rr_calendar *c, double t, rr_event_fn *fn,
                              void *subject, void *object);

/* rr_calendar_cancel - remove a pending event.  Returns true if it was
 * pending, false if the handle is 0, stale or unknown. */
bool rr_calendar_cancel(rr_calendar *c, uint64_t handle);

/* rr_calendar_pending - whether the handle's event is still to run. */
bool rr_calendar_pending(const rr_calendar *c, uint64_t handle);

/* rr_calendar_time_of - the time of a pending event; NAN when not pending. */
double rr_calendar_time_of(const rr_calendar *c, uint64_t handle);

/* rr_calendar_step - advance the clock to the earliest event, remove it and
 * run it.  Returns false (and does nothing) when no event is pending. */
bool rr_calendar_step(rr_calendar *c);

/* rr_calendar_run_until - run every event with time <= t_end, in order, then
 * set the clock to t_end (if it is later than now).  Events an event
 * schedules at or before t_end run too.  Returns the number of events run. */
uint64_t rr_calendar_run_until(rr_calendar *c, double t_end);

/* rr_calendar_run_until_max - the same, but run at most max events: when
 * it returns max (or was halted), events at or before t_end may be left
 * and the clock has not been moved to t_end (call again to go on); else it
 * did all rr_calendar_run_until() does.  Running in slices gives the
 * caller a place to look at stop flags and limits; the events run, and
 * their order, are the same as in one call. */
uint64_t rr_calendar_run_until_max(rr_calendar *c, double t_end,
                                   uint64_t max);

/* rr_calendar_halt - called from an event: the rr_calendar_run_until[_max]
 * that runs it returns after it, without moving the clock to t_end.  For a
 * failure latched inside an event, so that nothing more runs before the
 * caller looks at it.  Outside a run it does nothing. */
void rr_calendar_halt(rr_calendar *c);

/* rr_calendar_now - the current simulated time.  Read on nearly every
 * event, so it is a load here rather than a call: the clock is the first
 * member of the calendar (calendar.c), and a pointer to a structure may be
 * read as a pointer to its first member. */
struct rr_calendar_clock {
    double now;
};
static inline double rr_calendar_now(const rr_calendar *c)
{
    return ((const struct rr_calendar_clock *)(const void *)c)->now;
}

/* rr_calendar_next_time - time of the earliest pending event, INFINITY if
 * none. */
double rr_calendar_next_time(const rr_calendar *c);

/* rr_calendar_size - number of pending events. */
size_t rr_calendar_size(const rr_calendar *c);

/* rr_calendar_events_run - number of events run since create or reset. */
uint64_t rr_calendar_events_run(const rr_calendar *c);

/* rr_calendar_set_max_pending - let at most n events be pending at once
 * (0 = no limit but the calendar's own, about 10^9); a schedule() beyond
 * returns 0 with status RR_ERANGE.  The arrays do not grow past n. */
void rr_calendar_set_max_pending(rr_calendar *c, size_t n);

/* rr_calendar_status - RR_OK, or why rr_calendar_schedule() refused an
 * event since create or reset: RR_ENOMEM or RR_ERANGE (the first reason
 * seen is kept). */
int rr_calendar_status(const rr_calendar *c);

/* rr_calendar_capacity - slots allocated (for memory checks in tests). */
size_t rr_calendar_capacity(const rr_calendar *c);

#endif
