/*
 * tables.c - the stage and country tables of a replication (tables_int.h;
 * what they hold: rr_model.h), and the words of the stage table's
 * measures, declared once here for the CSV files, the charts and the
 * docs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "tables_int.h"

/* The measures of the stage table.  docs/outputs.md gives the same
 * meanings; the labels are the charts' words. */
const rr_stage_measure rr_stage_measures[RR_SM_COUNT] = {
    {"entered", "persons", "Cases entering the stage",
     "cases that entered the stage in the period (a case sent back to the "
     "same stage for another round does not enter again; the starting "
     "caseload is at its stages already)"},
    {"completions", "persons", "Services completed",
     "services completed in the period, those that send the case back to "
     "the same stage for another round (another talk) included"},
    {"absconded", "persons", "Cases absconding from the stage",
     "cases that left the stage in the period by its absconding hazard "
     "(`abscond`)"},
    {"max_stay_reached", "persons", "Cases released at the maximum stay",
     "cases that left the stage in the period because its maximum stay "
     "(`max_stay`) was reached"},
    {"left", "persons", "Cases leaving the stage",
     "cases that left the stage in the period, every way out: service "
     "completed and routed elsewhere, absconded, maximum stay reached"},
    {"servers_mean", "servers", "Servers in force",
     "servers in force (capacity), averaged over the period: policy events "
     "that change them count for the time they are in force; `NA` when the "
     "stage had unlimited servers at any time in the period"},
    {"utilisation", "share", "Utilisation",
     "busy server-time / server-time in force over the period (with "
     "constant servers: mean number in service / servers); `NA` for a stage "
     "with unlimited servers at any time in the period, or none in force; "
     "above 1 only when servers are cut while all are busy (those in "
     "service finish)"},
    {"in_service_mean", "persons", "Cases in service, on average",
     "number of cases in service (busy servers), averaged over the period; "
     "for a stage with unlimited servers, every case there"},
    {"waiting_mean", "persons", "Cases waiting, on average",
     "number of cases waiting for a server, averaged over the period"},
    {"present_mean", "persons", "Cases at the stage, on average",
     "number of cases at the stage (waiting or in service), averaged over "
     "the period"},
    {"wait_mean_days", "days", "Mean wait for service",
     "mean time from asking for service (entering the stage, or being sent "
     "back to it for another round) to starting it, of the services that "
     "started in the period; waits cut short by absconding or the maximum "
     "stay are not in it; `NA` when no service started"},
    {"time_in_stage_mean_days", "days", "Mean time in the stage",
     "mean time from entering the stage to leaving it (every way out, "
     "repeat rounds included), of the cases that left in the period; `NA` "
     "when none left"},
};

int rri_tables_init(rri_tables *t, const rr_config *cfg,
                    const rr_layout *lay, rr_rep_result *out)
{
    memset(t, 0, sizeof *t);
    t->out = out;
    t->years = &lay->years;
    t->n_stages = lay->n_stages;
    t->n_countries = lay->n_countries;
    t->n_providers = cfg->n_providers;
    t->n_cmeasures = out->n_cmeasures;
    t->yrow = rr_rep_country(out, 0, 0);
    t->mark = calloc(t->n_stages + 1, sizeof *t->mark);
    t->cap = calloc(t->n_stages + 1, sizeof *t->cap);
    t->unl = calloc(t->n_stages + 1, sizeof *t->unl);
    t->caseload = calloc(t->n_countries + 1, sizeof *t->caseload);
    if (!t->mark || !t->cap || !t->unl || !t->caseload)
        return RR_ENOMEM;
    for (size_t s = 0; s < t->n_stages; s++) {
        int n = cfg->stages[s].servers;
        rr_timeavg_init(&t->cap[s], 0, n == RR_UNLIMITED ? 0 : n);
        rr_timeavg_init(&t->unl[s], 0, n == RR_UNLIMITED ? 1 : 0);
    }
    /* with a spill, the rows running only */
    memset(out->stages, 0,
           (out->spill ? 1 : out->n_periods) * out->n_stages * RR_SM_COUNT *
               sizeof(double));
    memset(out->countries, 0,
           (out->spill ? 1 : out->n_years) * out->n_countries *
               out->n_cmeasures * sizeof(double));
    return RR_OK;
}

void rri_tables_fini(rri_tables *t)
{
    free(t->mark);
    free(t->cap);
    free(t->unl);
    free(t->caseload);
    memset(t, 0, sizeof *t);
}

void rri_tables_servers(rri_tables *t, uint32_t s, double now, int servers)
{
    rr_timeavg_set(&t->cap[s], now, servers == RR_UNLIMITED ? 0 : servers);
    rr_timeavg_set(&t->unl[s], now, servers == RR_UNLIMITED ? 1 : 0);
}

/* mark_now - the running statistics of station s at t.  The sums of
 * waits and stays come back from the running means (mean x count): over
 * a run the rounding stays some ten digits below a period's sum. */
static rri_stage_mark mark_now(const rri_tables *t, const rr_net *net,
                               uint32_t s, double now)
{
    const rr_station_stats *x = rr_net_stats(net, s);
    return (rri_stage_mark){
        .entered = (double)x->entered,
        .completed = (double)x->completed,
        .abandoned = (double)x->abandoned,
        .timed_out = (double)x->timed_out,
        .started = x->wait.n,
        .left = x->sojourn.n,
        .busy = rr_timeavg_area(&x->busy, now),
        .waiting = rr_timeavg_area(&x->waiting, now),
        .present = rr_timeavg_area(&x->present, now),
        .wait = x->wait.n > 0 ? x->wait.mean * x->wait.n : 0,
        .stay = x->sojourn.n > 0 ? x->sojourn.mean * x->sojourn.n : 0,
        .cap = rr_timeavg_area(&t->cap[s], now),
        .unlimited = rr_timeavg_area(&t->unl[s], now),
    };
}

void rri_tables_start(rri_tables *t, const rr_net *net)
{
    double now = rr_net_now(net);
    for (uint32_t s = 0; s < t->n_stages; s++)
        t->mark[s] = mark_now(t, net, s, now);
    for (uint32_t c = 0; c < t->n_countries && t->out->n_years > 0; c++)
        rr_rep_country(t->out, 0, c)[RR_CM_CASELOAD_START] = t->caseload[c];
}

void rri_tables_period(rri_tables *t, const rr_net *net, size_t k,
                       double t0, double t1)
{
    double dt = t1 - t0;
    for (uint32_t s = 0; s < t->n_stages; s++) {
        rri_stage_mark a = t->mark[s], b = mark_now(t, net, s, t1);
        double *v = rr_rep_stage(t->out, k, s);
        double cap = b.cap - a.cap, busy = b.busy - a.busy;
        double started = b.started - a.started, left = b.left - a.left;
        bool unlimited = b.unlimited - a.unlimited > 0;

        v[RR_SM_ENTERED] = b.entered - a.entered;
        v[RR_SM_COMPLETIONS] = b.completed - a.completed;
        v[RR_SM_ABSCONDED] = b.abandoned - a.abandoned;
        v[RR_SM_MAX_STAY] = b.timed_out - a.timed_out;
        v[RR_SM_LEFT] = left;
        v[RR_SM_SERVERS] = unlimited || !(dt > 0) ? NAN : cap / dt;
        v[RR_SM_UTILISATION] = unlimited || !(cap > 0) ? NAN : busy / cap;
        v[RR_SM_IN_SERVICE] = dt > 0 ? busy / dt : NAN;
        v[RR_SM_WAITING] = dt > 0 ? (b.waiting - a.waiting) / dt : NAN;
        v[RR_SM_PRESENT] = dt > 0 ? (b.present - a.present) / dt : NAN;
        v[RR_SM_WAIT] = started > 0 ? (b.wait - a.wait) / started : NAN;
        v[RR_SM_TIME_IN_STAGE] = left > 0 ? (b.stay - a.stay) / left : NAN;
        t->mark[s] = b;
    }
}

int rri_tables_year_end(rri_tables *t)
{
    for (uint32_t c = 0; c < t->n_countries; c++)
        rr_rep_country(t->out, t->year, c)[RR_CM_CASELOAD_END] =
            t->caseload[c];
    /* the year's row is final (with a spill it goes, and the row running
     * is cleared for the next year) */
    if (rr_rep_year_done(t->out, t->year) != RR_OK)
        return RR_EIO;
    if (t->year + 1 >= t->out->n_years)
        return RR_OK;
    t->year++;
    t->yrow = rr_rep_country(t->out, t->year, 0);
    for (uint32_t c = 0; c < t->n_countries; c++)
        rr_rep_country(t->out, t->year, c)[RR_CM_CASELOAD_START] =
            t->caseload[c];
    return RR_OK;
}
