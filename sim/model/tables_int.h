/*
 * tables_int.h - the stage and country tables of one replication
 * (tables.c), as model.c fills them; not part of the library's interface
 * (rr_model.h says what the tables hold).
 *
 * The stage table is read off the network: its stations keep running
 * statistics from the start of the run (counts, time-weighted areas, sums
 * of waits and stays), and at each period end rri_tables_period() writes
 * the differences from the previous end.  The servers in force are the
 * one thing the network does not integrate; the model tells every change
 * (rri_tables_servers).  The country table is counted in the model's
 * hooks (rri_tables_arrival, _departure, _reintegration) into the row of
 * the year running; the caseload per country (t->caseload) is counted as
 * cases join and leave the model's list of the cases in the caseload, and
 * read at each year end (rri_tables_year_end): the stock is measured
 * apart from the flows, not derived from them.
 *
 * Cost: O(stages) per period end, O(1) per counted event, O(countries)
 * per year end; memory O(stages + countries) besides the rows of the
 * rr_rep_result (all of them, or with a spill the rows running).  Nothing draws a random
 * number.
 */
#ifndef RR_TABLES_INT_H
#define RR_TABLES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_model.h"
#include "rr_network.h"
#include "rr_stats.h"

/* A station's running statistics at a period end. */
typedef struct rri_stage_mark {
    double entered, completed, abandoned, timed_out, started, left;
    double busy, waiting, present; /* time-weighted areas */
    double wait, stay;             /* sums of waits and of stays */
    double cap, unlimited;         /* areas of servers in force, and of
                                      the time with unlimited servers */
} rri_stage_mark;

typedef struct rri_tables {
    rr_rep_result *out;
    const rr_periods *years;
    size_t n_stages, n_countries, n_providers;
    size_t year;           /* the year being counted */
    double *yrow;          /* its rows: out's country table at year (with
                              a spill, the row running) */
    size_t n_cmeasures;
    rri_stage_mark *mark;  /* n_stages: at the last period end */
    rr_timeavg *cap;       /* n_stages: servers in force (0 while
                              unlimited) */
    rr_timeavg *unl;       /* n_stages: 1 while unlimited, else 0 */
    double *caseload;      /* n_countries: cases in the caseload now,
                              kept by the model */
} rri_tables;

/* rri_tables_init - for a replication of cfg (the first epoch: servers
 * at time 0) writing into out (laid out by lay); RR_OK or RR_ENOMEM.
 * rri_tables_fini frees what init took (also after a failed init). */
int rri_tables_init(rri_tables *t, const rr_config *cfg,
                    const rr_layout *lay, rr_rep_result *out);
void rri_tables_fini(rri_tables *t);

/* rri_tables_servers - stage s has `servers` (RR_UNLIMITED: unlimited)
 * from now on. */
void rri_tables_servers(rri_tables *t, uint32_t s, double now, int servers);

/* rri_tables_start - the run starts: the network's statistics so far
 * (the starting caseload entering its stages) are not counted, and
 * t->caseload is the caseload at the start of the first year. */
void rri_tables_start(rri_tables *t, const rr_net *net);

/* rri_tables_period - the stage rows of period k, from t0 to t1 (now). */
void rri_tables_period(rri_tables *t, const rr_net *net, size_t k,
                       double t0, double t1);

/* Counts of the country table, into the year running. */
static inline double *rri_tables_row(rri_tables *t, uint32_t country)
{
    return t->yrow + (size_t)country * t->n_cmeasures;
}

static inline void rri_tables_arrival(rri_tables *t, uint32_t country,
                                      bool remigrant)
{
    double *row = rri_tables_row(t, country);
    row[RR_CM_ARRIVALS] += 1;
    if (remigrant)
        row[RR_CM_ARRIVALS_REMIGRATION] += 1;
}

static inline void rri_tables_departure(rri_tables *t, uint32_t country,
                                        int kind)
{
    rri_tables_row(t, country)[RR_CM_DEP0 + kind] += 1;
}

/* provider: an index into the providers, or -1 for none. */
static inline void rri_tables_reintegration(rri_tables *t, uint32_t country,
                                            int provider)
{
    rri_tables_row(t, country)[RR_CM_FIXED +
                               (provider >= 0 ? (size_t)provider
                                              : t->n_providers)] += 1;
}

/* rri_tables_year_end - the year running ends now, with t->caseload in
 * the caseload; the next year, if any, starts with it.  RR_OK, or RR_EIO
 * (errno set) when the year's row could not go to the spill. */
int rri_tables_year_end(rri_tables *t);

#endif
