/*
 * indicator.c - the indicator registry (see rr_indicator.h).
 *
 * The labels are the words the charts of 0.1 use, collected from their
 * tables in plot.c (the departures and reintegration stacks, the caseload
 * panels, sweep_kpi, cmp_words, fit_title); the descriptions are those of
 * docs/outputs.md.  tests/test_indicator.c holds copies of those tables
 * and of model.c's, so a label or an order that drifts is caught.
 */
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "rr_indicator.h"

/* ---- derived indicators: their terms --------------------------------------- */

static const rr_ind_part verified_parts[] = {
    {RR_IND_DEPARTURES_VOLUNTARY_IOM, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_NGO, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_SELF, 1},
    {RR_IND_DEPARTURES_FORCED, 1}};

static const rr_ind_part independent_parts[] = {
    {RR_IND_DEPARTURES_VOLUNTARY_IOM, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_NGO, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_SELF, 1}};

/* DT&V's total: its three kinds of departure.  Cases closed otherwise (a
 * permit, a transfer) have not departed and are not counted; they are
 * departures_closed, compared on their own. */
static const rr_ind_part total_parts[] = {
    {RR_IND_DEPARTURES_VOLUNTARY_IOM, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_NGO, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_SELF, 1},
    {RR_IND_DEPARTURES_FORCED, 1},
    {RR_IND_DEPARTURES_UNSUPERVISED, 1}};

static const rr_ind_part intake_parts[] = {
    {RR_IND_ARRIVALS, 1},
    {RR_IND_ARRIVALS_REMIGRATION, -1}};

static const rr_ind_part assisted_parts[] = {
    {RR_IND_DEPARTURES_VOLUNTARY_IOM, 1},
    {RR_IND_DEPARTURES_VOLUNTARY_NGO, 1}};

#define PARTS(a) (a), RR_COUNTOF(a)
#define NO_PARTS NULL, 0

/* ---- the registry ---------------------------------------------------------- */

#define M RR_IND_METRIC
#define K RR_IND_KPI
#define D RR_IND_DERIVED
#define PERSONS RR_UNIT_PERSONS
#define DAYS RR_UNIT_DAYS
#define SHARE RR_UNIT_SHARE
#define FLOW RR_KIND_FLOW
#define STOCK RR_KIND_STOCK
#define MEAN RR_KIND_MEAN
#define SHARE_K RR_KIND_SHARE
#define QUANTILE RR_KIND_QUANTILE
#define NOFAM RR_MEMBER_NONE

/* labels: {plain, item, series, panel, yearly} */
#define KPI_DEP_DESC "departures of this kind (as in the time series) after the warm-up"

const rr_indicator rr_indicators[RR_IND_COUNT] = {
    /* ---- departures ---- */
    {RR_IND_DEPARTURES_VOLUNTARY_IOM, "departures_voluntary_iom", PERSONS,
     FLOW, M | K, NOFAM, RR_GROUP_DEPARTURES, 0, NO_PARTS,
     {"Voluntary departures with IOM", "Voluntary, with IOM",
      "Voluntary via IOM", NULL, NULL},
     "verified departures through IOM (assisted voluntary return)",
     KPI_DEP_DESC},
    {RR_IND_DEPARTURES_VOLUNTARY_NGO, "departures_voluntary_ngo", PERSONS,
     FLOW, M | K, NOFAM, RR_GROUP_DEPARTURES, 0, NO_PARTS,
     {"Voluntary departures with an NGO", "Voluntary, with an NGO",
      "Voluntary via NGO", NULL, NULL},
     "verified departures through an NGO (assisted voluntary return)",
     KPI_DEP_DESC},
    {RR_IND_DEPARTURES_VOLUNTARY_SELF, "departures_voluntary_self", PERSONS,
     FLOW, M | K, NOFAM, RR_GROUP_DEPARTURES, 0, NO_PARTS,
     {"Self-arranged departures, verified", "Self-arranged, verified",
      "Self-arranged, verified", NULL, NULL},
     "self-arranged departures verified by the return service",
     KPI_DEP_DESC},
    {RR_IND_DEPARTURES_INDEPENDENT, "departures_independent", PERSONS, FLOW,
     D, NOFAM, RR_GROUP_DEPARTURES, 0, PARTS(independent_parts),
     {"Independent departures (IOM, NGO, self-arranged)", NULL, NULL, NULL,
      NULL},
     "voluntary IOM + NGO + self-arranged (DT&V's \"independent verifiable "
     "departure\")",
     NULL},
    {RR_IND_DEPARTURES_FORCED, "departures_forced", PERSONS, FLOW, M | K,
     NOFAM, RR_GROUP_DEPARTURES, 0, NO_PARTS,
     {"Forced returns", "Forced", "Forced", NULL, NULL},
     "forced returns", KPI_DEP_DESC},
    {RR_IND_DEPARTURES_VERIFIED, "departures_verified", PERSONS, FLOW, K | D,
     NOFAM, RR_GROUP_DEPARTURES, 0, PARTS(verified_parts),
     {"Verified departures (independent, forced)",
      "Verified (the four above)", NULL, "Verified departures, persons",
      NULL},
     "independent + forced departures", "IOM + NGO + self-arranged + forced"},
    {RR_IND_DEPARTURES_UNSUPERVISED, "departures_unsupervised", PERSONS, FLOW,
     M | K, NOFAM, RR_GROUP_DEPARTURES, 0, NO_PARTS,
     {"Departures without supervision", "Without supervision",
      "Without supervision", "Departures without supervision, persons",
      NULL},
     "departures without supervision (absconded, destination unknown)",
     KPI_DEP_DESC},
    {RR_IND_DEPARTURES_TOTAL, "departures_total", PERSONS, FLOW, D, NOFAM,
     RR_GROUP_DEPARTURES, 0, PARTS(total_parts),
     {"All departures", NULL, NULL, NULL, NULL},
     "independent + forced + without supervision (DT&V's total; cases "
     "closed otherwise are not counted)",
     NULL},

    /* ---- caseload ---- */
    {RR_IND_ARRIVALS, "arrivals", PERSONS, FLOW, M | K, NOFAM,
     RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Arrivals, re-migrants included", "New cases (arrivals)", NULL, NULL,
      NULL},
     "cases entering the caseload in the period, re-migrants included",
     "arrivals after the warm-up"},
    {RR_IND_ARRIVALS_REMIGRATION, "arrivals_remigration", PERSONS, FLOW, M,
     NOFAM, RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Re-migrants coming back", NULL, NULL, NULL, NULL},
     "of these, people coming back after a not-sustainable reintegration",
     NULL},
    {RR_IND_INTAKE, "intake", PERSONS, FLOW, D, NOFAM, RR_GROUP_CASELOAD, 0,
     PARTS(intake_parts),
     {"Intake (new cases, re-migrants not counted)", NULL, NULL, NULL, NULL},
     "arrivals less re-migrants", NULL},
    {RR_IND_DEPARTURES_CLOSED, "departures_closed", PERSONS, FLOW, M | K,
     NOFAM, RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Cases closed otherwise (e.g. permit)",
      "Closed otherwise (e.g. permit)", NULL, NULL, NULL},
     "cases that left the caseload otherwise (e.g. a residence permit)",
     KPI_DEP_DESC},
    {RR_IND_CASELOAD_START, "caseload_start", PERSONS, STOCK, K, NOFAM,
     RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Caseload at the start", "At the start", NULL, NULL, NULL}, NULL,
     "the starting caseload (`[start] caseload`)"},
    {RR_IND_CASELOAD_END, "caseload_end", PERSONS, STOCK, K, NOFAM,
     RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Caseload at the end", "At the end", NULL,
      "Caseload at the end, persons", NULL},
     NULL, "the caseload at the end of the run"},
    {RR_IND_CASELOAD_TOTAL, "caseload_total", PERSONS, STOCK, M, NOFAM,
     RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Caseload, all stages", NULL, "All stages", NULL,
      "Caseload at the year's end"},
     "cases in the caseload at the end of the period (all stages)", NULL},
    {RR_IND_CASELOAD_STAGE, "caseload_%s", PERSONS, STOCK, M,
     RR_MEMBER_STAGE, RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Caseload: %s", NULL, "%s", NULL, "Caseload at the year's end: %s"},
     "cases at stage STAGE (waiting or served) at the end of the period, "
     "one metric per stage in file order",
     NULL},
    {RR_IND_DETENTION_OCCUPANCY_MEAN, "detention_occupancy_mean", PERSONS,
     MEAN, K, NOFAM, RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Cases in detention, on average", "In detention, on average", NULL,
      NULL, NULL},
     NULL, "average number of cases in detention after the warm-up"},
    {RR_IND_DETENTION_OCCUPANCY, "detention_occupancy", PERSONS, MEAN, M,
     NOFAM, RR_GROUP_CASELOAD, 0, NO_PARTS,
     {"Cases in detention, on average", NULL, NULL, NULL, NULL},
     "average number of cases in detention stages (`detention = yes`) over "
     "the period",
     NULL},

    /* ---- reintegration provider ---- */
    {RR_IND_REINTEGRATION_NONE, "reintegration_none", PERSONS, FLOW, M | K,
     NOFAM, RR_GROUP_REINTEGRATION, 0, NO_PARTS,
     {"Returnees without reintegration provider", "No provider",
      "No reintegration provider", NULL, NULL},
     "verified departures in the period without a reintegration provider",
     "verified departures by reintegration provider"},
    {RR_IND_REINTEGRATION_PROVIDER, "reintegration_%s", PERSONS, FLOW, M | K,
     RR_MEMBER_PROVIDER, RR_GROUP_REINTEGRATION, 0, NO_PARTS,
     {"Returnees with reintegration by %s", "%s", "%s", NULL, NULL},
     "verified departures in the period whose reintegration support is "
     "given by PROVIDER, one per provider in file order",
     "verified departures by reintegration provider"},

    /* ---- time from entry to departure ---- */
    {RR_IND_TIME_TO_DEPARTURE_MEAN, "time_to_departure_mean_days", DAYS, MEAN,
     M | K, NOFAM, RR_GROUP_TIME, 0, NO_PARTS,
     {"Mean days from entry to departure", "Mean", NULL, NULL, NULL},
     "mean time from entering the caseload to verified departure, of the "
     "cases that departed in the period; `NA` when none did",
     "mean time from entry to verified departure"},
    {RR_IND_TIME_TO_DEPARTURE_MEDIAN, "time_to_departure_median_days", DAYS,
     QUANTILE, K, NOFAM, RR_GROUP_TIME, 0.5, NO_PARTS,
     {"Median days from entry to departure", "Median", NULL, NULL, NULL},
     NULL, "its median"},
    {RR_IND_TIME_TO_DEPARTURE_P90, "time_to_departure_p90_days", DAYS,
     QUANTILE, K, NOFAM, RR_GROUP_TIME, 0.9, NO_PARTS,
     {"Days until 90% have departed", "90% have departed within", NULL, NULL,
      NULL},
     NULL,
     "its 90th percentile: 90% of verified departures happen within this "
     "time"},

    /* ---- shares ---- */
    {RR_IND_REINTEGRATION_SUSTAINABLE_SHARE, "reintegration_sustainable_share",
     SHARE, SHARE_K, K, NOFAM, RR_GROUP_SHARES, 0, NO_PARTS,
     {"Sustainable reintegrations", NULL, NULL, NULL, NULL}, NULL,
     "of the supported reintegrations whose outcome was decided in the run, "
     "the share that was sustainable"},
    {RR_IND_REINTEGRATION_SUPPORTED_SHARE, "reintegration_supported_share",
     SHARE, SHARE_K, K, NOFAM, RR_GROUP_SHARES, 0, NO_PARTS,
     {"Returnees given support", NULL, NULL, NULL, NULL}, NULL,
     "of verified departures after warm-up, the share that got a "
     "reintegration provider (IOM, ERRIN, Frontex, ...)"},
    {RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY, "iom_share_assisted_voluntary",
     SHARE, SHARE_K, K, NOFAM, RR_GROUP_SHARES, 0, NO_PARTS,
     {"IOM share of assisted returns", NULL, NULL,
      "IOM share of assisted returns, %", NULL},
     NULL, "IOM's share of assisted voluntary returns (IOM / (IOM + NGO))"},
};

/* The order of timeseries.csv: model.c's fixed_metric, then one per
 * stage, one per provider, then none. */
const rr_ind_id rr_indicator_metrics[] = {
    RR_IND_ARRIVALS,
    RR_IND_ARRIVALS_REMIGRATION,
    RR_IND_DEPARTURES_VOLUNTARY_IOM,
    RR_IND_DEPARTURES_VOLUNTARY_NGO,
    RR_IND_DEPARTURES_VOLUNTARY_SELF,
    RR_IND_DEPARTURES_FORCED,
    RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_DEPARTURES_CLOSED,
    RR_IND_CASELOAD_TOTAL,
    RR_IND_DETENTION_OCCUPANCY,
    RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_CASELOAD_STAGE,
    RR_IND_REINTEGRATION_PROVIDER,
    RR_IND_REINTEGRATION_NONE,
};
const size_t rr_indicator_n_metrics = RR_COUNTOF(rr_indicator_metrics);

/* The order of summary.csv: model.c's fixed_kpi, then one per provider,
 * then none. */
const rr_ind_id rr_indicator_kpis[] = {
    RR_IND_DEPARTURES_VOLUNTARY_IOM,
    RR_IND_DEPARTURES_VOLUNTARY_NGO,
    RR_IND_DEPARTURES_VOLUNTARY_SELF,
    RR_IND_DEPARTURES_FORCED,
    RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_DEPARTURES_CLOSED,
    RR_IND_DEPARTURES_VERIFIED,
    RR_IND_ARRIVALS,
    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY,
    RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_TIME_TO_DEPARTURE_MEDIAN,
    RR_IND_TIME_TO_DEPARTURE_P90,
    RR_IND_CASELOAD_START,
    RR_IND_CASELOAD_END,
    RR_IND_DETENTION_OCCUPANCY_MEAN,
    RR_IND_REINTEGRATION_SUSTAINABLE_SHARE,
    RR_IND_REINTEGRATION_SUPPORTED_SHARE,
    RR_IND_REINTEGRATION_PROVIDER,
    RR_IND_REINTEGRATION_NONE,
};
const size_t rr_indicator_n_kpis = RR_COUNTOF(rr_indicator_kpis);

const rr_ind_id rr_indicator_departures[RR_IND_N_DEPARTURE_KINDS] = {
    RR_IND_DEPARTURES_VOLUNTARY_IOM, RR_IND_DEPARTURES_VOLUNTARY_NGO,
    RR_IND_DEPARTURES_VOLUNTARY_SELF, RR_IND_DEPARTURES_FORCED,
    RR_IND_DEPARTURES_UNSUPERVISED,  RR_IND_DEPARTURES_CLOSED};

/* Set by the scenario rather than by the model: intake is the scenario's
 * arrival process (a rate times a schedule, usually taken from published
 * intake), and arrivals are intake plus the few re-migrants. */
const rr_ind_id rr_indicator_inputs[] = {RR_IND_ARRIVALS, RR_IND_INTAKE};
const size_t rr_indicator_n_inputs = RR_COUNTOF(rr_indicator_inputs);

const char *const rr_indicator_groups[RR_GROUP_COUNT] = {
    "Departures", "Caseload", "Reintegration provider",
    "Time from entry to departure", "Shares"};

/* ---- lookup -------------------------------------------------------------- */

/* prefix_len - the length of a family's name before its %s. */
static size_t prefix_len(const rr_indicator *e)
{
    const char *p = strstr(e->name, "%s");
    return p ? (size_t)(p - e->name) : strlen(e->name);
}

static bool in_scope(const rr_indicator *e, unsigned where)
{
    return where == 0 || (e->flags & where) != 0;
}

const rr_indicator *rr_indicator_find_in(const char *name, unsigned where,
                                         const char **member)
{
    if (member)
        *member = NULL;
    if (!name)
        return NULL;
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        const rr_indicator *e = &rr_indicators[i];
        if (e->member == RR_MEMBER_NONE && in_scope(e, where) &&
            strcmp(name, e->name) == 0)
            return e;
    }
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        const rr_indicator *e = &rr_indicators[i];
        size_t n;
        if (e->member == RR_MEMBER_NONE || !in_scope(e, where))
            continue;
        n = prefix_len(e);
        if (strncmp(name, e->name, n) == 0 && name[n] != '\0') {
            if (member)
                *member = name + n;
            return e;
        }
    }
    return NULL;
}

const rr_indicator *rr_indicator_find(const char *name)
{
    return rr_indicator_find_in(name, 0, NULL);
}

const rr_indicator *rr_indicator_clash(const rr_indicator *family,
                                       const char *member)
{
    size_t n;
    if (family->member == RR_MEMBER_NONE || !member)
        return NULL;
    n = prefix_len(family);
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        const rr_indicator *e = &rr_indicators[i];
        if (e->member == RR_MEMBER_NONE && (e->flags & family->flags) &&
            strncmp(e->name, family->name, n) == 0 &&
            strcmp(e->name + n, member) == 0)
            return e;
    }
    return NULL;
}

/* ---- words --------------------------------------------------------------- */

/* put - s[0..n) at buf + *o, cut so that buf (len bytes) keeps its NUL. */
static void put(char *buf, size_t len, size_t *o, const char *s, size_t n)
{
    if (*o + 1 >= len)
        return;
    if (n > len - 1 - *o)
        n = len - 1 - *o;
    memcpy(buf + *o, s, n);
    *o += n;
    buf[*o] = '\0';
}

const char *rr_indicator_name(const rr_indicator *ind, const char *member,
                              char *buf, size_t len)
{
    size_t o = 0;
    if (!len)
        return buf;
    buf[0] = '\0';
    if (ind->member == RR_MEMBER_NONE) {
        put(buf, len, &o, ind->name, strlen(ind->name));
    } else {
        const char *pct = strstr(ind->name, "%s");
        put(buf, len, &o, ind->name, (size_t)(pct - ind->name));
        if (member)
            put(buf, len, &o, member, strlen(member));
        put(buf, len, &o, pct + 2, strlen(pct + 2));
    }
    return buf;
}

/* The words of the domain written as acronyms. */
static const char *const acronyms[][2] = {
    {"rds", "R&DS"}, {"iom", "IOM"}, {"ngo", "NGO"}, {"errin", "ERRIN"}};

/* As plot.c's display_name of 0.1, so the charts keep their words: the
 * text is that of the whole name, cut to len - 1 bytes. */
void rr_indicator_member_words(const char *member, char *buf, size_t len)
{
    size_t o = 0;
    const char *p = member;
    bool first = true;

    if (!len)
        return;
    buf[0] = '\0';
    while (*p && o + 1 < len) {
        size_t n = strcspn(p, "_");
        const char *word = NULL;
        for (size_t i = 0; i < RR_COUNTOF(acronyms); i++)
            if (strlen(acronyms[i][0]) == n &&
                strncmp(p, acronyms[i][0], n) == 0)
                word = acronyms[i][1];
        if (!first)
            put(buf, len, &o, " ", 1);
        if (word) {
            put(buf, len, &o, word, strlen(word));
        } else {
            for (size_t i = 0; i < n && o + 1 < len; i++) {
                char c = p[i];
                if (first && i == 0 && c >= 'a' && c <= 'z')
                    c = (char)(c - 'a' + 'A');
                put(buf, len, &o, &c, 1);
            }
        }
        first = false;
        p += n;
        if (*p == '_')
            p++;
    }
}

const char *rr_indicator_entry_label(const rr_indicator *ind,
                                     const char *member, rr_label_style style,
                                     char *buf, size_t len)
{
    const char *t, *pct;
    size_t o = 0;

    if (!len)
        return buf;
    buf[0] = '\0';
    t = (unsigned)style < RR_LABEL_STYLES && ind->label[style]
            ? ind->label[style]
            : ind->label[RR_LABEL_PLAIN];
    pct = ind->member != RR_MEMBER_NONE ? strstr(t, "%s") : NULL;
    if (!pct) {
        put(buf, len, &o, t, strlen(t));
        return buf;
    }
    put(buf, len, &o, t, (size_t)(pct - t));
    if (o + 1 < len) {
        rr_indicator_member_words(member ? member : "", buf + o, len - o);
        o += strlen(buf + o);
    }
    put(buf, len, &o, pct + 2, strlen(pct + 2));
    return buf;
}

int rr_indicator_label_as(const char *name, rr_label_style style, char *buf,
                          size_t len)
{
    const char *member;
    const rr_indicator *ind = rr_indicator_find_in(name, 0, &member);
    if (!ind) {
        size_t o = 0;
        if (len) {
            buf[0] = '\0';
            if (name)
                put(buf, len, &o, name, strlen(name));
        }
        return RR_ENOTFOUND;
    }
    rr_indicator_entry_label(ind, member, style, buf, len);
    return RR_OK;
}

int rr_indicator_label(const char *name, char *buf, size_t len)
{
    return rr_indicator_label_as(name, RR_LABEL_PLAIN, buf, len);
}

const char *rr_indicator_unit_name(rr_ind_unit unit)
{
    switch (unit) {
    case RR_UNIT_PERSONS:
        return "persons";
    case RR_UNIT_DAYS:
        return "days";
    case RR_UNIT_SHARE:
        return "share";
    default:
        return "?";
    }
}

const char *rr_indicator_kind_name(rr_ind_kind kind)
{
    switch (kind) {
    case RR_KIND_FLOW:
        return "flow";
    case RR_KIND_STOCK:
        return "stock";
    case RR_KIND_MEAN:
        return "mean";
    case RR_KIND_SHARE:
        return "share";
    case RR_KIND_QUANTILE:
        return "quantile";
    default:
        return "?";
    }
}

const char *rr_indicator_kind_text(rr_ind_kind kind)
{
    switch (kind) {
    case RR_KIND_FLOW:
        return "a count of what happened during the period";
    case RR_KIND_STOCK:
        return "a count at the end of the period";
    case RR_KIND_MEAN:
        return "an average over cases or over time";
    case RR_KIND_SHARE:
        return "a fraction between 0 and 1";
    case RR_KIND_QUANTILE:
        return "a quantile of a distribution over cases";
    default:
        return "?";
    }
}

bool rr_indicator_is_input(const rr_indicator *ind)
{
    for (size_t i = 0; i < rr_indicator_n_inputs; i++)
        if (ind->id == rr_indicator_inputs[i])
            return true;
    return false;
}

bool rr_indicator_is_yearly(const rr_indicator *ind)
{
    if (ind->flags & RR_IND_DERIVED)
        return true;
    return (ind->flags & RR_IND_METRIC) &&
           (ind->kind == RR_KIND_FLOW || ind->kind == RR_KIND_STOCK);
}

/* ---- over a span of days --------------------------------------------------- */

static const rr_ind_part iom_parts[] = {{RR_IND_DEPARTURES_VOLUNTARY_IOM, 1}};
static const rr_ind_part supported_parts[] = {
    {RR_IND_REINTEGRATION_PROVIDER, 1}};

/* The indicators whose rule the kind alone does not give. */
static const struct {
    rr_ind_id id;
    rr_ind_span span;
} span_rules[] = {
    /* a mean over the cases that departed in each period */
    {RR_IND_TIME_TO_DEPARTURE_MEAN,
     {RR_SPAN_MEAN, RR_IND_TIME_TO_DEPARTURE_MEAN, NULL, 0,
      PARTS(verified_parts)}},
    /* time averages */
    {RR_IND_DETENTION_OCCUPANCY,
     {RR_SPAN_MEAN, RR_IND_DETENTION_OCCUPANCY, NO_PARTS, NO_PARTS}},
    {RR_IND_DETENTION_OCCUPANCY_MEAN,
     {RR_SPAN_MEAN, RR_IND_DETENTION_OCCUPANCY, NO_PARTS, NO_PARTS}},
    /* the run's KPIs of the caseload, from the total at a moment */
    {RR_IND_CASELOAD_END,
     {RR_SPAN_END, RR_IND_CASELOAD_TOTAL, NO_PARTS, NO_PARTS}},
    {RR_IND_CASELOAD_START,
     {RR_SPAN_START, RR_IND_CASELOAD_TOTAL, NO_PARTS, NO_PARTS}},
    /* shares, from their parts */
    {RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY,
     {RR_SPAN_RATIO, RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY, PARTS(iom_parts),
      PARTS(assisted_parts)}},
    {RR_IND_REINTEGRATION_SUPPORTED_SHARE,
     {RR_SPAN_RATIO, RR_IND_REINTEGRATION_SUPPORTED_SHARE,
      PARTS(supported_parts), PARTS(verified_parts)}},
};

rr_ind_span rr_indicator_span(const rr_indicator *ind)
{
    rr_ind_span s = {RR_SPAN_NONE, ind->id, NO_PARTS, NO_PARTS};
    for (size_t i = 0; i < RR_COUNTOF(span_rules); i++)
        if (span_rules[i].id == ind->id)
            return span_rules[i].span;
    if (ind->flags & RR_IND_DERIVED) {
        s.rule = RR_SPAN_SUM;
        s.num = ind->parts;
        s.n_num = ind->n_parts;
    } else if ((ind->flags & RR_IND_METRIC) && ind->kind == RR_KIND_FLOW) {
        s.rule = RR_SPAN_SUM;
    } else if ((ind->flags & RR_IND_METRIC) && ind->kind == RR_KIND_STOCK) {
        s.rule = RR_SPAN_END;
    }
    return s;
}

const char *rr_indicator_span_rule_name(rr_span_rule rule)
{
    static const char *const names[] = {"none", "sum",  "end",
                                        "start", "mean", "ratio"};
    return (unsigned)rule < RR_COUNTOF(names) ? names[rule] : "?";
}
