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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rr_experiment.h"
#include "rr_indicator.h"
#include "rr_scenario.h"

#define RR_SWEEP_MAX_POINTS 10000
#define RR_SWEEP_MAX_IND 12 /* indicators a sweep shows (--indicators) */

typedef struct rr_vary {
    char *key;
    size_t n;
    char **values;     /* as they will be written into the scenario */
    char *label;       /* the setting in words (rr_design_describe), or
                          NULL before */
    bool share;        /* its values are shares, shown as percentages */
} rr_vary;

typedef struct rr_design {
    size_t n_vary;
    rr_vary *vary;
    size_t n_points;
    size_t *index;     /* n_points * n_vary: value index of each key */
    size_t n_ind;      /* the indicators shown in the table and the
                          chart (rr_design_indicators), in order */
    char **ind;
    bool sampled;      /* the points are samples of ranges (a space-filling
                          design, a sensitivity study), each point taking
                          value p of every key: not a grid */
    const char *kind;  /* a sampled sweep's design: "lhs", "sobol"; NULL
                          for a grid or a sensitivity study */
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
/* A range a sampled design draws values from: --vary KEY=LOW:HIGH. */
typedef struct rr_interval {
    char *key;
    double lo, hi;     /* lo < hi */
    char unit[16];     /* written after each value, as after LOW ("d") */
    bool whole_bounds; /* LOW and HIGH written as whole numbers */
    bool whole;        /* values are whole numbers (rr_interval_whole) */
} rr_interval;

/* rr_interval_parse - one --vary KEY=LOW:HIGH (key trimmed; both numbers
 * with the same unit, if any, and LOW < HIGH).  RR_EPARSE / RR_ERANGE with
 * a message "--vary SPEC: ...".  rr_interval_fini frees the key. */
int rr_interval_parse(const char *spec, rr_interval *out, char *err,
                      size_t errlen);
void rr_interval_fini(rr_interval *r);

/* rr_interval_whole - whether the range's values must be whole numbers:
 * LOW and HIGH are written as whole numbers and so is the key's value in
 * the scenario sc (a count such as stage.detention.servers = 700); sets
 * r->whole. */
void rr_interval_whole(rr_interval *r, const rr_scenario *sc);

/* rr_interval_value - the value at u in [0,1) of the range, lo + u (hi -
 * lo), as written into a scenario: %.6g and the unit ("412.5d"); for a
 * whole range the whole numbers lo..hi equally likely, floor(lo + u (hi -
 * lo + 1)). */
void rr_interval_value(const rr_interval *r, double u, char *buf, size_t n);

/* rr_design_sampled - a design of n_points given point by point: vary[i]
 * holds n_points values, value p of each making point p (takes ownership
 * of the vary array; d->sampled set).  RR_EINVAL when a key is varied
 * twice or a vary has another number of values; RR_ERANGE for no point. */
int rr_design_sampled(rr_vary *vary, size_t n, size_t n_points, rr_design *d,
                      char *err, size_t errlen);

/* rr_design_space - a space-filling design of n points over the ranges of
 * k --vary KEY=LOW:HIGH arguments: rr_design_fill's points of `kind`
 * (RR_DESIGN_LHS, RR_DESIGN_SOBOL of rr_design.h) from seed, mapped
 * uniformly into the ranges (rr_interval_value, whole numbers where
 * rr_interval_whole says so of the scenario sc, which may be NULL).  RR_EPARSE / RR_ERANGE
 * / RR_EINVAL with a message for a bad range, n < 2 or above
 * RR_SWEEP_MAX_POINTS; RR_ENOMEM.  rr_design_fini in any case. */
int rr_design_space(int kind, const char *const *specs, size_t k, size_t n,
                    uint64_t seed, const rr_scenario *sc, rr_design *out,
                    char *err, size_t errlen);

/* rr_design_parse - the grid of n --vary arguments (rr_vary_parse, then
 * rr_design_grid); rr_design_fini in any case. */
int rr_design_parse(const char *const *specs, size_t n, rr_design *out,
                    char *err, size_t errlen);
void rr_design_fini(rr_design *d);

/* rr_design_overrides - the "key=value" strings of point p into buf
 * (n_vary entries, each malloc'd; free with rr_design_overrides_free). */
int rr_design_overrides(const rr_design *d, size_t p, char **buf);
void rr_design_overrides_free(const rr_design *d, char **buf);

/* ---- words: how a sweep's settings and indicators are shown ---------- */

/* rr_design_label - the words of a setting without a label of its own:
 * the key's words, split at dots and underscores, without a leading
 * "stage", the first capitalised and the domain's acronyms in capitals
 * (rr_indicator_member_words): "stage.iom.servers" -> "IOM servers",
 * "iom_share" -> "IOM share", "stage.rds.route.self" -> "R&DS route
 * self", "arrivals.rate" -> "Arrivals rate". */
void rr_design_label(const char *key, char *buf, size_t n);

/* rr_share_text - a fraction as a percentage, with as many decimals as it
 * needs up to six significant digits: 0.6 -> "60%", 0.125 -> "12.5%",
 * 0 -> "0%". */
void rr_share_text(double x, char *buf, size_t n);

/* rr_design_value_text - a setting's value as shown: a share's number as
 * a percentage (rr_share_text), anything else (a unit, a word) as
 * written.  Returns buf. */
const char *rr_design_value_text(const char *value, bool share, char *buf,
                                 size_t n);

/* rr_design_describe - each varied setting's label (a parameter's own,
 * `NAME.label` in [parameters], or rr_design_label) and whether it is a
 * share (rr_scenario_key_is_share), from the scenario of a design point.
 * RR_OK or RR_ENOMEM. */
int rr_design_describe(rr_design *d, const rr_scenario *sc);

/* The indicators a sweep shows unless told otherwise: verified
 * departures, departures without supervision, IOM's share of assisted
 * voluntary returns, the mean and 90th percentile of the days from entry
 * to departure, the caseload at the end. */
#define RR_SWEEP_N_DEFAULT 6
extern const rr_ind_id rr_sweep_default_ind[RR_SWEEP_N_DEFAULT];

/* rr_sweep_indicator_label - the words of indicator `name` in a sweep's
 * table and chart: the registry's panel label (which names its unit,
 * "Verified departures, persons") where it has one, else its plain
 * label; a share's plain label, its values being shown as percentages.
 * An unknown name is its own label. */
void rr_sweep_indicator_label(const char *name, char *buf, size_t n);

/* rr_design_indicators - the indicators shown (d->ind): those of `list`,
 * names separated by commas ("departures_verified,caseload_end"), or the
 * default ones when list is NULL.  Each must be an indicator of the whole
 * run that plan reports (a KPI of summary.csv, such as reintegration_iom
 * of a provider iom).  RR_EPARSE with "--indicators: unknown indicator
 * 'x' (did you mean 'y'?)", or naming the indicators there are; a name
 * listed twice, an empty name or more than RR_SWEEP_MAX_IND are refused
 * too.  RR_ENOMEM. */
int rr_design_indicators(rr_design *d, const char *list, const rr_plan *plan,
                         char *err, size_t errlen);

#endif
