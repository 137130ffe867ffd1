/*
 * resolve_int.h - what the files that resolve a scenario into its plan
 * share (resolve.c, stages.c, plan.c); not part of the library's
 * interface.  See scenario_int.h for the layer as a whole.
 *
 * A resolution context (rri_ctx) holds one epoch's view of the scenario:
 * the substitution context (which events are active, the parameters' texts
 * with those events applied, where messages go), the countries with the
 * cells the events change, and what the cycle check needs of the stages.
 */
#ifndef RR_RESOLVE_INT_H
#define RR_RESOLVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario_int.h"

/* Routes' probabilities may miss 1 by this much. */
#define PROB_TOL 1e-9

/* A setting's effective value in an epoch (rri_get). */
typedef struct rri_val {
    const char *text;   /* substituted; NULL when absent without default */
    const char *raw;
    double factor;      /* product of active scales after the last set */
    bool scaled;
    bool written;       /* written or set, not a default */
    rri_loc at;
} rri_val;

/* A countries cell an active event sets or scales. */
typedef struct rri_cellov {
    size_t row, col;
    const char *text;
    double factor;
    bool scaled;
    rri_loc at;
} rri_cellov;

/* What the cycle check needs of a stage's routes. */
typedef struct rri_stage_routes {
    size_t n;
    uint32_t *target;
    rri_loc *at;
    bool *used;          /* some country goes this way */
    rri_loc abscond_at;  /* where abscond was set */
    rri_loc timeout_at;  /* where max_stay was set */
} rri_stage_routes;

typedef struct rri_ctx {
    rri_subst sub;               /* parameters, events, messages */
    /* countries */
    const rr_table *ct;
    int ccol;
    int ct_fi;                   /* INI file that named the table */
    size_t nc;
    const char (*cname)[RR_NAME_MAX];
    rri_cellov *ov;
    size_t nov;
    rri_map ov_map;              /* cell overrides by row and column */
    bool table_msg;              /* the loader wrote a whole message */
    int fi;                      /* INI file the text being parsed came
                                    from, for the loader's paths */
    /* the run */
    long day0, day_end;          /* days of start and end */
    rri_stage_routes *routes;
    bool remig_near;             /* remigration comes back in no time */
    uint32_t remig_stage;
} rri_ctx;

/* A probability expression: rest | FACTOR [* FACTOR ...] [when [not] COL] */
#define MAX_FACTORS 8

typedef struct rri_pexpr {
    bool rest;
    double constant;
    size_t ncols;
    size_t cols[MAX_FACTORS];
    bool when, when_not;
    size_t when_col;
} rri_pexpr;

/* ---- resolve.c ----------------------------------------------------------- */

/* rri_section_loc - where an absent key of a section is blamed: its
 * (first) header. */
rri_loc rri_section_loc(rri_ctx *c, const char *sec, const char *key);
/* rri_fmt_date - "YYYY-MM-DD" of days since 1970. */
void rri_fmt_date(long days, char *buf, size_t n);
/* rri_whole - a whole number in [lo, hi]; *neg for a negative one. */
bool rri_whole(const char *s, long long lo, unsigned long long hi,
               unsigned long long *out, bool *neg);
bool rri_is_yes(const char *s);
bool rri_is_no(const char *s);
/* rri_choice - index of s among the n words, or -1 with a message part
 * ("expected a, b or c, got 'x' (did you mean 'b'?)") in msg. */
int rri_choice(const char *s, const char *const *w, size_t n, char *msg,
               size_t size);
/* rri_channel_choice - a channel by name, or -1 with a message part. */
int rri_channel_choice(const char *s, rr_channel *ch, char *msg, size_t size);

/* rri_get - the effective value of (sec, key) in this epoch: the written
 * text, the last active event's set., or def; the active scale. factors
 * after it multiplied in v->factor; ${...} substituted and trimmed. */
int rri_get(rri_ctx *c, const char *sec, const char *key, const char *def,
            rri_val *v);
/* rri_scaled_note - " (after scaling by F)" for messages about a scaled
 * value, "" otherwise. */
const char *rri_scaled_note(rri_ctx *c, const rri_val *v);

int rri_get_prob(rri_ctx *c, const char *sec, const char *key,
                 const char *def, double *p);
int rri_get_duration(rri_ctx *c, const rri_val *v, double *days);
/* rri_date_val - a date setting, as days since 1970. */
int rri_date_val(rri_ctx *c, const rri_val *v, long *days);
/* rri_outside_run - "date D is outside the run (A to B)". */
const char *rri_outside_run(rri_ctx *c, long days);
/* rri_stage_of - index of the stage v names; rri_target_of - a stage or
 * an exit (RR_TO_EXIT). */
int rri_stage_of(rri_ctx *c, const rri_val *v, uint32_t *out);
int rri_target_of(rri_ctx *c, const rri_val *v, uint32_t *out);
int rri_channel_of(rri_ctx *c, const rri_loc *at, const char *s,
                   rr_channel *ch);

/* rri_column - the countries column a `country.COL` (or bare COL) names. */
int rri_column(rri_ctx *c, const char *name, const rri_loc *at, size_t *col);
/* rri_cell_text - a countries cell in this epoch (*ov: the event's change
 * to it, or NULL). */
const char *rri_cell_text(rri_ctx *c, size_t row, size_t col,
                          const rri_cellov **ov);
/* rri_cell_num - a countries cell as a number (yes/no too when flags). */
int rri_cell_num(rri_ctx *c, size_t row, size_t col, bool flags, double *x);
/* rri_setup_countries - names and shares, with the events' cell changes. */
int rri_setup_countries(rri_ctx *c, rr_config *cfg);

int rri_parse_pexpr(rri_ctx *c, const rri_val *v, bool allow_rest,
                    rri_pexpr *e);
/* rri_eval_pexpr - the expression for country k, times v's factor, in
 * [0,1]. */
int rri_eval_pexpr(rri_ctx *c, const rri_pexpr *e, const rri_val *v,
                   size_t k, double *p);
/* rri_per_country - a probability expression for every country. */
int rri_per_country(rri_ctx *c, const rri_val *v, double **out);

/* rri_emp_loader - empirical(file=..., column=...) from a CSV next to the
 * file that wrote it (c->fi), read once and shared by every epoch; an
 * rr_empirical_loader with an rri_ctx as ctx. */
int rri_emp_loader(void *ctx, const char *file, const char *colname,
                   const char *weight, const rr_empirical **out, char *err,
                   size_t errlen);
/* rri_dist_text - parse a distribution; messages at `at` unless the
 * loader wrote a table's own. */
int rri_dist_text(rri_ctx *c, const char *text, const rri_loc *at,
                  rr_dist *d);
/* rri_scaled_ok - the n distributions d, times scale, keep a finite mean
 * and spread. */
int rri_scaled_ok(rri_ctx *c, const rri_val *v, const rr_dist *d, size_t n,
                  double scale);
/* rri_get_dist - a distribution setting: *has whether it has a value,
 * *scale the events' factor, *where where it was set (each may be NULL). */
int rri_get_dist(rri_ctx *c, const char *sec, const char *key,
                 const char *def, rr_dist *d, bool *has, double *scale,
                 rri_loc *where);

/* ---- stages.c ------------------------------------------------------------ */

/* rri_resolve_stage - stage si in this epoch (c->routes[si] too). */
int rri_resolve_stage(rri_ctx *c, size_t si, rr_cfg_stage *st);
/* rri_near_zero_cycle - no loop of stages takes no time (see stages.c). */
int rri_near_zero_cycle(rri_ctx *c, const rr_config *cfg);
/* rri_resolve_provider - a [provider.NAME] section. */
int rri_resolve_provider(rri_ctx *c, const rri_section *s,
                         rr_cfg_provider *pv);

/* ---- unused.c ------------------------------------------------------------ */

/* rri_check_unused_plan - what the plan never uses (see unused.c): the n
 * epochs' configurations cfg (repeats are fine) and which events are on.
 * Fails with the first by place in err. */
int rri_check_unused_plan(rr_scenario *sc, const rr_config *const *cfg,
                          size_t n, const bool *on, char *err,
                          size_t errlen);

#endif
