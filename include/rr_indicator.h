/*
 * rr_indicator.h - the indicator registry: every indicator rrsim reports,
 * declared once (DESIGN §8, STYLE §25).
 *
 * An indicator has a name (the word in the CSV files: "arrivals",
 * "caseload_end"), a unit ("persons", "days", "share"), a kind (what sort
 * of number it is, see rr_ind_kind), labels in plain words for the charts
 * and tables, and a short description.  Where it appears:
 *
 *   RR_IND_METRIC   a metric of timeseries.csv: one value per period;
 *   RR_IND_KPI      a KPI of summary.csv (and sweep.csv, compare.csv): one
 *                   value for the run after the warm-up;
 *   RR_IND_DERIVED  a sum of metrics (its parts) that the model or `rrsim
 *                   fit` computes: departures_verified, and the observed
 *                   indicators of fit (departures_independent, ...).
 *
 * A name may be both a metric and a KPI (arrivals: per period, and over the
 * run).  Families are built per stage or per provider of a scenario: their
 * entry is a template ("caseload_%s") whose member (the stage or provider
 * name) fills the %s; rr_indicator_find resolves "caseload_rds" to it.
 *
 * Order.  rr_indicators[] is in reading order: grouped under the headings
 * of rr_indicator_groups[] (departures, caseload, ...), and within a group
 * as a reader would list them (the comparison chart lists them so).  The
 * order of the CSV files is a different one, fixed by the model's output
 * since 0.1: rr_indicator_metrics[] and rr_indicator_kpis[] give it, with
 * the family templates at the places their members go (in the scenario's
 * order of stages or providers).  So a results file is reproduced byte for
 * byte from these lists.
 *
 * Labels.  The charts name an indicator in several places, in words that
 * suit the place (a stack of departures says "Forced", the fit chart
 * "Forced returns").  rr_label_style names the places; an entry's labels
 * give the words, and rr_indicator_label_as falls back to the plain label
 * where a place has none of its own.  The texts are those of the charts
 * of 0.1, so the charts do not change.
 *
 * Cost: a lookup is a scan of the table (about 30 entries, one strcmp
 * each, plus one prefix comparison per family): well under a microsecond.
 * Everything here is constant data; the functions are reentrant.
 */
#ifndef RR_INDICATOR_H
#define RR_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "rr_common.h"

/* The indicators, in the order of rr_indicators[] (reading order). */
typedef enum rr_ind_id {
    /* departures */
    RR_IND_DEPARTURES_VOLUNTARY_IOM,
    RR_IND_DEPARTURES_VOLUNTARY_NGO,
    RR_IND_DEPARTURES_VOLUNTARY_SELF,
    RR_IND_DEPARTURES_INDEPENDENT,
    RR_IND_DEPARTURES_FORCED,
    RR_IND_DEPARTURES_VERIFIED,
    RR_IND_DEPARTURES_UNSUPERVISED,
    RR_IND_DEPARTURES_TOTAL,
    /* caseload */
    RR_IND_ARRIVALS,
    RR_IND_ARRIVALS_REMIGRATION,
    RR_IND_INTAKE,
    RR_IND_DEPARTURES_CLOSED,
    RR_IND_CASELOAD_START,
    RR_IND_CASELOAD_END,
    RR_IND_CASELOAD_TOTAL,
    RR_IND_CASELOAD_STAGE,           /* caseload_%s, per stage */
    RR_IND_DETENTION_OCCUPANCY_MEAN,
    RR_IND_DETENTION_OCCUPANCY,
    /* reintegration provider */
    RR_IND_REINTEGRATION_NONE,
    RR_IND_REINTEGRATION_PROVIDER,   /* reintegration_%s, per provider */
    /* time from entry to departure */
    RR_IND_TIME_TO_DEPARTURE_MEAN,
    RR_IND_TIME_TO_DEPARTURE_MEDIAN,
    RR_IND_TIME_TO_DEPARTURE_P90,
    /* shares */
    RR_IND_REINTEGRATION_SUSTAINABLE_SHARE,
    RR_IND_REINTEGRATION_SUPPORTED_SHARE,
    RR_IND_IOM_SHARE_ASSISTED_VOLUNTARY,
    RR_IND_COUNT
} rr_ind_id;

/* What sort of number an indicator is.  For a metric the period is the
 * reporting period; for a KPI the run after the warm-up. */
typedef enum rr_ind_kind {
    RR_KIND_FLOW,     /* a count of what happened during the period */
    RR_KIND_STOCK,    /* a count at a moment: the period's end (or, for
                         caseload_start, the run's start) */
    RR_KIND_MEAN,     /* an average over cases or over time */
    RR_KIND_SHARE,    /* a fraction between 0 and 1 */
    RR_KIND_QUANTILE, /* a quantile of a distribution over cases */
    RR_KIND_COUNT
} rr_ind_kind;

typedef enum rr_ind_unit {
    RR_UNIT_PERSONS,
    RR_UNIT_DAYS,
    RR_UNIT_SHARE,
    RR_UNIT_COUNT
} rr_ind_unit;

/* Where an indicator appears (flags). */
enum {
    RR_IND_METRIC = 1u << 0,
    RR_IND_KPI = 1u << 1,
    RR_IND_DERIVED = 1u << 2
};

/* What a family is built over. */
typedef enum rr_ind_member {
    RR_MEMBER_NONE,     /* not a family */
    RR_MEMBER_STAGE,    /* one per stage, in the scenario's order */
    RR_MEMBER_PROVIDER  /* one per reintegration provider, in order */
} rr_ind_member;

/* The places a label is shown. */
typedef enum rr_label_style {
    RR_LABEL_PLAIN,  /* on its own: tables, --help, docs; always set */
    RR_LABEL_ITEM,   /* a line under its group's heading (compare.png) */
    RR_LABEL_SERIES, /* a series or panel in a chart of its group: the
                        stacks of departures.png and reintegration.png,
                        the panels of caseload.png */
    RR_LABEL_PANEL,  /* a panel title that names the unit (sweep.png) */
    RR_LABEL_YEARLY, /* a yearly figure (fit.png) */
    RR_LABEL_STYLES
} rr_label_style;

/* The headings indicators are grouped under, in reading order. */
typedef enum rr_ind_group {
    RR_GROUP_DEPARTURES,
    RR_GROUP_CASELOAD,
    RR_GROUP_REINTEGRATION,
    RR_GROUP_TIME,
    RR_GROUP_SHARES,
    RR_GROUP_COUNT
} rr_ind_group;

/* A term of a derived indicator: sign * the indicator id. */
typedef struct rr_ind_part {
    rr_ind_id id;
    int sign; /* +1 or -1 */
} rr_ind_part;

typedef struct rr_indicator {
    rr_ind_id id;           /* its index in rr_indicators[] */
    const char *name;       /* "arrivals"; a family's "caseload_%s" */
    rr_ind_unit unit;
    rr_ind_kind kind;
    unsigned flags;         /* RR_IND_METRIC | RR_IND_KPI | RR_IND_DERIVED */
    rr_ind_member member;   /* RR_MEMBER_NONE but for families */
    rr_ind_group group;
    double level;           /* a quantile's level (0.5, 0.9); else 0 */
    const rr_ind_part *parts; /* a derived indicator's terms, else NULL */
    size_t n_parts;
    /* words: label[RR_LABEL_PLAIN] always, others NULL where the plain
     * label serves; a family's hold one %s for the member's words */
    const char *label[RR_LABEL_STYLES];
    const char *desc;       /* a metric's meaning per period, or what a
                               derived indicator sums */
    const char *kpi_desc;   /* its meaning as a KPI; NULL if not one */
} rr_indicator;

/* Every indicator, indexed by rr_ind_id. */
extern const rr_indicator rr_indicators[RR_IND_COUNT];

/* The order of timeseries.csv (metrics) and of summary.csv (KPIs): the
 * ids, families at the place of their members. */
extern const rr_ind_id rr_indicator_metrics[];
extern const size_t rr_indicator_n_metrics;
extern const rr_ind_id rr_indicator_kpis[];
extern const size_t rr_indicator_n_kpis;

/* The metric of each kind of departure, in the order of the model's
 * departure kinds (voluntary IOM, NGO, self-arranged, forced,
 * unsupervised, closed: rr_departure of rr_scenario.h). */
#define RR_IND_N_DEPARTURE_KINDS 6
extern const rr_ind_id rr_indicator_departures[RR_IND_N_DEPARTURE_KINDS];

/* The indicators a scenario sets rather than the model produces: intake
 * (the arrival process, a rate times a schedule usually taken from
 * published figures) and arrivals (intake plus re-migrants).  `rrsim fit`
 * shows them as inputs, never as fitted. */
extern const rr_ind_id rr_indicator_inputs[];
extern const size_t rr_indicator_n_inputs;

/* The headings of the groups ("Departures", ...), by rr_ind_group. */
extern const char *const rr_indicator_groups[RR_GROUP_COUNT];

/* rr_indicator_find - the entry of name, or NULL: an exact name first,
 * then a family whose prefix name begins, with a non-empty member. */
const rr_indicator *rr_indicator_find(const char *name);

/* rr_indicator_find_in - as rr_indicator_find, among the entries that
 * have one of the flags in `where` (0: all).  *member (may be NULL) is set
 * to the member part of a family's name ("rds" of "caseload_rds"), else
 * NULL.  Searching only metrics, "caseload_start" is the caseload of a
 * stage named "start"; searching KPIs, the starting caseload. */
const rr_indicator *rr_indicator_find_in(const char *name, unsigned where,
                                         const char **member);

/* rr_indicator_clash - the fixed indicator that a member of family would
 * be named like in the same file, or NULL: a stage named "total" makes a
 * second caseload_total metric, a provider named "none" a second
 * reintegration_none.  For the layer that checks stage and provider
 * names. */
const rr_indicator *rr_indicator_clash(const rr_indicator *family,
                                       const char *member);

/* rr_indicator_name - the name of ind for member into buf ("caseload_" +
 * member for a family, the name for the others; member is then ignored);
 * returns buf, the name cut to len - 1 bytes if longer. */
const char *rr_indicator_name(const rr_indicator *ind, const char *member,
                              char *buf, size_t len);

/* rr_indicator_label - the plain label of the indicator called name into
 * buf; rr_indicator_label_as in a given style.  A family's label names its
 * member in words (rr_indicator_member_words).  Returns RR_OK, or
 * RR_ENOTFOUND with the name itself in buf when no indicator has that
 * name.  The text is cut to len - 1 bytes if longer. */
int rr_indicator_label(const char *name, char *buf, size_t len);
int rr_indicator_label_as(const char *name, rr_label_style style, char *buf,
                          size_t len);

/* rr_indicator_entry_label - the same, for an entry already found (member
 * as rr_indicator_find_in gave it; NULL for an entry that is not a
 * family).  Returns buf. */
const char *rr_indicator_entry_label(const rr_indicator *ind,
                                     const char *member, rr_label_style style,
                                     char *buf, size_t len);

/* rr_indicator_member_words - a stage or provider name in words: words
 * split at '_', the first capitalised, the domain's acronyms in capitals
 * ("ngo_a" -> "NGO a", "detention" -> "Detention", "rds_intake" -> "R&DS
 * intake"). */
void rr_indicator_member_words(const char *member, char *buf, size_t len);

/* rr_indicator_unit_name - "persons", "days", "share". */
const char *rr_indicator_unit_name(rr_ind_unit unit);

/* rr_indicator_kind_name - "flow", "stock", "mean", "share", "quantile";
 * rr_indicator_kind_text - the same in a sentence for the docs. */
const char *rr_indicator_kind_name(rr_ind_kind kind);
const char *rr_indicator_kind_text(rr_ind_kind kind);

/* rr_indicator_is_yearly - whether `rrsim fit` can compare the indicator
 * with a yearly figure: a flow of the time series (summed over the year),
 * a stock of it (taken at the year's end) or a derived sum. */
bool rr_indicator_is_yearly(const rr_indicator *ind);

/* rr_indicator_is_input - whether ind is one of rr_indicator_inputs[]. */
bool rr_indicator_is_input(const rr_indicator *ind);

/* ---- over a span of days ----------------------------------------------
 *
 * A comparison gives each indicator's effect per calendar year, per
 * reporting period and from a date: the indicator recomputed from the
 * metrics of the reporting periods in a span of days.  rr_indicator_span
 * says how, from the indicator's kind:
 *
 *   flows         summed; a period partly in the span counts pro rata by
 *                 days (RR_SPAN_SUM of the metric, or of a derived
 *                 indicator's parts);
 *   stocks        the value at the end of the last period that ends in the
 *                 span (RR_SPAN_END); caseload_start the value at the start
 *                 of the span (RR_SPAN_START: the end of the period before
 *                 it, or the run's starting caseload);
 *   means         the periods' means weighted by days (a time average:
 *                 detention occupancy) or by the cases the mean is over
 *                 (time to departure: the verified departures of each
 *                 period), again pro rata by days (RR_SPAN_MEAN);
 *   shares        recomputed from their parts: the numerator's sum over the
 *                 denominator's (RR_SPAN_RATIO);
 *   quantiles, and shares of outcomes the periods do not count
 *                 (sustainable reintegration), cannot be: RR_SPAN_NONE.
 *
 * A part that names a family (reintegration_%s) stands for every member.
 */
typedef enum rr_span_rule {
    RR_SPAN_NONE,
    RR_SPAN_SUM,
    RR_SPAN_END,
    RR_SPAN_START,
    RR_SPAN_MEAN,
    RR_SPAN_RATIO
} rr_span_rule;

typedef struct rr_ind_span {
    rr_span_rule rule;
    rr_ind_id metric;         /* SUM without parts, END, START, MEAN: the
                                 metric of the time series read (the
                                 indicator itself, or the one a KPI is
                                 made of: caseload_total for caseload_end) */
    const rr_ind_part *num;   /* SUM: a derived indicator's parts (NULL: the
                                 metric); RATIO: the numerator */
    size_t n_num;
    const rr_ind_part *den;   /* RATIO: the denominator; MEAN: the weights
                                 of each period's mean (NULL: days) */
    size_t n_den;
} rr_ind_span;

/* rr_indicator_span - how ind is computed over a span of periods. */
rr_ind_span rr_indicator_span(const rr_indicator *ind);

/* rr_indicator_span_rule_name - "sum", "end", "start", "mean", "ratio",
 * "none": the words of the docs and of compare_years.csv's basis. */
const char *rr_indicator_span_rule_name(rr_span_rule rule);

#endif
