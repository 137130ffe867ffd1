/*
 * rr_points.h - design points: the scenarios of a sweep, a comparison or
 * a fit, loaded and planned with their overrides and run together with
 * common random numbers.
 *
 * A point is a scenario file with the common overrides (--set, --reps,
 * --seed) and, in a sweep, its own overrides from the design after them.
 * A what-if (rr_points_whatif) is one scenario twice: the baseline as
 * written, and the policy with overrides of its own (--policy), under a
 * name and title derived from the baseline's and the overrides, so that
 * every file and chart tells the two apart.
 *
 * Points are compared with each other, so they must be comparable: every
 * point shares the first's start and end dates, reporting period, warm-up
 * and replications (with `window` set, only the reporting period and the
 * replications: the comparison is then over a window the user gives).
 *
 * What fails is told in an rr_point_error: which point (by index), its
 * scenario file and overrides, whether one of its own overrides was
 * refused as such, or in which setting two points differ; the command
 * line words the message from it.
 */
#ifndef RR_POINTS_H
#define RR_POINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "rr_compare.h"
#include "rr_experiment.h"
#include "rr_scenario.h"
#include "rr_sweep.h"

/* rr_point_error.point when the failure belongs to no design point (the
 * scenario or the common overrides, or points without own overrides). */
#define RR_NO_POINT ((size_t)-1)

typedef struct rr_points {
    size_t n;                   /* points */
    const char *const *paths;   /* n scenario files */
    const char *const *common;  /* overrides of every point */
    size_t n_common;
    char ***sets;               /* NULL, or n lists of n_sets overrides
                                   "key=value", each point's own */
    size_t n_sets;
    rr_scenario **sc;           /* n, by rr_points_load */
    const rr_plan **plans;      /* n, by rr_points_load */
    const char *const *policy;  /* a what-if: the policy's own overrides */
    size_t n_policy;
    bool window;                /* compared over a window: start, end and
                                   warm-up may differ */
    /* internal */
    const rr_design *design;
    const char **paths_owned;
    char *derived[2];           /* a what-if's "scenario.name=..." and
                                   "scenario.title=..." */
} rr_points;

typedef struct rr_point_error {
    int rc;           /* RR_OK when nothing failed */
    size_t point;     /* index of the point, or RR_NO_POINT */
    const char *path; /* the scenario file concerned */
    bool override;    /* one of the point's own overrides was refused as an
                         override (unknown key, bad KEY=VALUE): msg tells
                         what, after the override's key ("KEY: ..." or
                         ": ...") */
    /* points that cannot be compared: `point` differs from the first in
     * `field` ("start", "end", "report", "warmup", "replications"), with
     * the first's value and its own as written in run.csv; `window` is
     * the longest window both could be compared over ("FROM:TO"), "" when
     * there is none or a window would not help */
    const char *field;
    char first[48], other[48];
    char window[32];
    char msg[1024];
} rr_point_error;

/* rr_plan_check_layout - whether the plan's stages and providers give
 * indicator names of their own (a stage `total` would make a second
 * caseload_total): RR_OK, or the status with "PATH: message" in err.
 * rr_points_load checks every point so. */
int rr_plan_check_layout(const char *path, const rr_plan *plan, char *err,
                         size_t errlen);

/* rr_points_init - n points of the files paths[] (not copied), each with
 * the common overrides alone.  RR_ENOMEM; rr_points_fini in any case. */
int rr_points_init(rr_points *p, const char *const *paths, size_t n,
                   const char *const *common, size_t n_common);
/* rr_points_design - the points of a sweep: path with the common
 * overrides and each design point's.  d must outlive p.  RR_ENOMEM;
 * rr_points_fini in any case. */
int rr_points_design(rr_points *p, const rr_design *d, const char *path,
                     const char *const *common, size_t n_common);
/* rr_points_whatif - a what-if: path with the common overrides, and path
 * with them and the policy overrides policy[0..n_policy) (not copied)
 * after its derived name and title ("nl-baseline-iom_share-0_6",
 * "Netherlands baseline 2019-2023, iom_share = 0.6"; an override of
 * scenario.name or scenario.title among policy[] wins).  RR_ENOMEM;
 * rr_points_fini in any case. */
int rr_points_whatif(rr_points *p, const char *path,
                     const char *const *common, size_t n_common,
                     const char *const *policy, size_t n_policy);
void rr_points_fini(rr_points *p);

/* rr_points_load - load and plan every point (with a design, the scenario
 * with the common overrides alone first, so that their errors are not
 * blamed on a point; a what-if's baseline first, for its name), then check
 * that they are comparable.  RR_OK, the loader's status, or RR_EINVAL for
 * points that differ (e->field set), with *e filled. */
int rr_points_load(rr_points *p, rr_point_error *e);

/* rr_points_run - rr_run_many of the loaded points with common random
 * numbers, with opts (reps and seed are the first point's; failed_plan is
 * set here) into res (n entries, rr_run_result_fini each on success).
 * RR_OK, RR_EINTR (stopped), or the failure with *e filled. */
int rr_points_run(const rr_points *p, const rr_run_opts *opts,
                  rr_run_result *res, rr_point_error *e);

#endif
