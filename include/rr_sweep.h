/*
 * rr_sweep.h - design points for parameter sweeps (paired comparisons:
 * rr_compare.h).
 *
 * A sweep varies one or more keys (a dotted setting or a parameter):
 *   --vary iom_share=0.6:0.9:0.05     from, to (inclusive), step
 *   --vary stage.iom.servers=400,800  a list of values, written as is
 * The grid design is every combination, the first key varying slowest.
 * Each design point becomes a list of "key=value" overrides for
 * rr_scenario_load.  All points share common random numbers by default,
 * so differences between points are not blurred by sampling noise.
 */
#ifndef RR_SWEEP_H
#define RR_SWEEP_H

#include <stddef.h>
#include <stdio.h>

#include "rr_experiment.h"

#define RR_SWEEP_MAX_POINTS 10000

typedef struct rr_vary {
    char *key;
    size_t n;
    char **values;     /* as they will be written into the scenario */
} rr_vary;

typedef struct rr_design {
    size_t n_vary;
    rr_vary *vary;
    size_t n_points;
    size_t *index;     /* n_points * n_vary: value index of each key */
} rr_design;

/* rr_vary_parse - one --vary argument (key and values trimmed); RR_EPARSE
 * with a message such as "--vary iom_share=0.6:0.9: expected
 * KEY=FROM:TO:STEP or KEY=V1,V2,...", RR_ERANGE beyond 1000 values in a
 * range or RR_SWEEP_MAX_POINTS in a list. */
int rr_vary_parse(const char *spec, rr_vary *out, char *err, size_t errlen);
void rr_vary_fini(rr_vary *v);

/* rr_design_grid - every combination of the values (takes ownership of the
 * vary array).  RR_EINVAL when a key is varied twice or a value is listed
 * twice for one key (the points would be mislabelled or repeated);
 * RR_ERANGE when there would be more than RR_SWEEP_MAX_POINTS points. */
int rr_design_grid(rr_vary *vary, size_t n, rr_design *out, char *err,
                   size_t errlen);
/* rr_design_parse - the grid of n --vary arguments (rr_vary_parse, then
 * rr_design_grid); rr_design_fini in any case. */
int rr_design_parse(const char *const *specs, size_t n, rr_design *out,
                    char *err, size_t errlen);
void rr_design_fini(rr_design *d);

/* rr_design_overrides - the "key=value" strings of point p into buf
 * (n_vary entries, each malloc'd; free with rr_design_overrides_free). */
int rr_design_overrides(const rr_design *d, size_t p, char **buf);
void rr_design_overrides_free(const rr_design *d, char **buf);

#endif
