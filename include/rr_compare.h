/*
 * rr_compare.h - paired comparisons of two runs, a baseline and a policy:
 * the window they are compared over, and the effects over it, from a
 * date, per calendar year and per reporting period.
 *
 * The two runs use common random numbers: replication i of both draws
 * the same streams, so the paired differences policy - baseline are the
 * policy's effect and not sampling noise, and their 95% confidence
 * interval (Student t over the replications) says how well the
 * replications pin the effect down.  Every effect here is such a paired
 * difference, whatever span it covers.
 *
 * Spans are days of the calendar (days since 1970-01-01, both ends
 * included).  The window is what the totals cover: by default the run
 * after its warm-up (the runs must then share start, end, reporting,
 * warm-up and replications: rr_points.h checks), the totals being the
 * run's KPIs; or a window the user gives (--window FROM:TO), inside both
 * runs after their warm-ups and on the reporting periods' boundaries of
 * both, the totals then recomputed from the reporting periods.
 *
 * Effects over a span other than the run are recomputed from the metrics
 * of the reporting periods as the indicator registry says
 * (rr_indicator_span: flows summed, stocks at the span's end, means
 * weighted, shares from their parts); a period partly in the span counts
 * pro rata by days.  What cannot be recomputed (quantiles, the
 * sustainable share) is NA there.
 */
#ifndef RR_COMPARE_H
#define RR_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "rr_experiment.h"
#include "rr_indicator.h"
#include "rr_scenario.h"

/* Days of the calendar, days since 1970-01-01, both included. */
typedef struct rr_span {
    long from, to;
} rr_span;

/* One indicator's effect over a span. */
typedef struct rr_effect {
    const char *indicator; /* its name; owned by the comparison or a run */
    const char *unit;      /* the registry's unit name */
    rr_span_rule rule;     /* how it was computed from the periods (the
                              run's KPIs: RR_SPAN_NONE) */
    double base, pol;      /* the means over replications (NAN: none) */
    rr_ci diff;            /* policy - baseline, paired */
    double rel;            /* diff.mean / |base|; NAN when base is 0 or NA */
} rr_effect;

/* The effects of a list of indicators over one span. */
typedef struct rr_effects {
    rr_span span;
    int year;              /* the calendar year of a year's span, else 0 */
    size_t n;
    rr_effect *e;
} rr_effects;

/* Why the effect from a date is measured from that date. */
typedef enum rr_from_basis {
    RR_FROM_GIVEN,        /* --from DATE */
    RR_FROM_DIFFERENCE,   /* the first day the scenarios differ */
    RR_FROM_START,        /* they differ from the start */
    RR_FROM_SAME          /* they do not differ */
} rr_from_basis;

typedef struct rr_comparison {
    const rr_run_result *base, *pol; /* not owned */
    rr_span window;        /* the totals' span */
    bool windowed;         /* a window given: totals from the periods */
    rr_plan_diff first;    /* where the scenarios first differ */
    long from;             /* the effect from this day to the window's end */
    rr_from_basis basis;
    bool from_outside;     /* the scenarios first differ outside the window
                              (from is clamped to it; since is empty when
                              after it) */
    size_t reps;           /* paired replications */
    rr_effects total;      /* the KPIs over the window */
    rr_effects since;      /* the KPIs from `from` to the window's end */
    size_t n_years;        /* the calendar years in the window */
    rr_effects *years;     /* per year: every indicator with a rule */
    size_t n_periods;      /* the reporting periods in the window */
    rr_effects *periods;
    /* internal */
    char **names;          /* owned indicator names of the years' lists */
    size_t n_names;
} rr_comparison;

/* rr_run_kpi_find - index of KPI `name` in r, or -1 (the two runs of a
 * comparison may have different providers or stages). */
long rr_run_kpi_find(const rr_run_result *r, const char *name);
/* rr_compare_diff_ci - the CI of policy - baseline of KPI k of base (kp:
 * its index in pol, -1 when pol has none: all NAN), pairing replications
 * (common random numbers); all NAN when memory runs out. */
rr_ci rr_compare_diff_ci(const rr_run_result *base, const rr_run_result *pol,
                         size_t k, long kp);

/* rr_compare_run_window - the days the KPIs of a plan cover: from the end
 * of its warm-up (rounded up to a whole day) to its end date. */
rr_span rr_compare_run_window(const rr_plan *plan);

/* rr_compare_common_window - the longest window both plans can be
 * compared over: after both warm-ups, within both runs, on the reporting
 * boundaries of both.  false when there is none (or memory runs out). */
bool rr_compare_common_window(const rr_plan *a, const rr_plan *b,
                              rr_span *out);

/* rr_compare_window_parse - --window FROM:TO ("2019-01-01:2023-12-31")
 * for the plans a and b (named name_a, name_b in messages): the dates
 * inside both runs after their warm-ups, FROM the first day and TO the
 * last day of a reporting period of both.  RR_OK; RR_EPARSE, RR_ERANGE
 * or RR_EINVAL with a message ("--window SPEC: ..."), the nearest aligned
 * dates named when a date is not aligned; RR_ENOMEM. */
int rr_compare_window_parse(const char *spec, const rr_plan *a,
                            const char *name_a, const rr_plan *b,
                            const char *name_b, rr_span *out, char *err,
                            size_t errlen);

/* rr_compare_from_parse - --from DATE, a day of the window w.  RR_OK;
 * RR_EPARSE or RR_ERANGE with a message ("--from DATE: ..."). */
int rr_compare_from_parse(const char *spec, rr_span w, long *out, char *err,
                          size_t errlen);

/*
 * rr_compare_make - the comparison of base and pol (paired by
 * replication), runs of the plans of the scenarios sb and sp (may be NULL:
 * the first difference is then found without naming settings).  window:
 * the window given (checked by rr_compare_window_parse), or NULL for the
 * run's (rr_compare_run_window of the baseline; the runs must share their
 * bounds).  from: the day given by --from (in the window), or NULL for the
 * first day the scenarios differ.  RR_OK, or RR_ENOMEM with a message;
 * rr_compare_fini in any case.
 */
int rr_compare_make(const rr_run_result *base, const rr_run_result *pol,
                    const rr_scenario *sb, const rr_scenario *sp,
                    const rr_span *window, const long *from,
                    rr_comparison *out, char *err, size_t errlen);
void rr_compare_fini(rr_comparison *c);

/* rr_compare_find - the effect of the named indicator in e, or NULL. */
const rr_effect *rr_compare_find(const rr_effects *e, const char *name);

#endif
