/*
 * rr_scenario.h - scenario files: reading, checking and resolving them into
 * plain configurations the model runs on.
 *
 * A scenario is an INI file (libinih) plus CSV tables (libcsv) it names;
 * relative paths resolve from the scenario file's folder.  docs/scenarios.md
 * documents every section and key.  Reading happens in three steps:
 *
 *   1. rr_scenario_load() reads the INI text into a list of settings, each
 *      with its dotted key ("stage.rds.servers", "iom_share"), raw text and
 *      line, applies --set overrides, checks every key against the known
 *      ones (suggesting the nearest on a typo), and reads the tables.
 *   2. rr_scenario_plan() resolves the settings: ${parameter} references,
 *      units, distributions, per-country values, routing with `rest`.  Policy
 *      events change settings over time, so the run is cut into epochs, the
 *      times at which the set of active events changes; each epoch gets its
 *      own fully resolved rr_config.  Everything that could fail is checked
 *      here, for every epoch, before anything is simulated; last, that
 *      everything written is used (a parameter no setting uses, a key its
 *      stage does not use, a stage no case reaches: docs/scenarios.md,
 *      "Everything written is used"), since a setting that changes
 *      nothing is most often a typo that would run without a word.
 *   3. The model (rr_model.h) runs a plan; it switches configuration at the
 *      epoch times.
 *
 * rr_scenario_write_resolved() writes a read scenario back as a scenario
 * file (scenario.resolved.ini), from its own settings; rr_scenario_print()
 * lists it for people (`rrsim check`).  The written forms of values
 * (durations, rates, distributions) are rr_grammar.h's.
 *
 * Errors come back as a status with one message in err, formatted
 *   "FILE:LINE: [section] key: message"
 * or, for a table, "TABLE.csv:LINE: column 'x': message", ready to print
 * after "rrsim: ".
 *
 * Time: a scenario's clock is in days since its start date (t = 0 at
 * 00:00 of `start`); the run ends at the end of the `end` date.
 */
#ifndef RR_SCENARIO_H
#define RR_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rr_date.h"    /* start and end */
#include "rr_design.h"  /* the distributions of uncertain parameters */
#include "rr_dist.h"    /* the durations of a plan */
#include "rr_network.h" /* routes, disciplines, patience: what a plan's
                           stages give the model's network */

#define RR_NAME_MAX 64
#define RR_TEXT_MAX 512

/* Limits of a scenario's text (docs/scenarios.md, "Limits"). */
#define RR_LINE_MAX 197    /* characters in a line (comments may be longer) */
#define RR_VALUE_MAX 65536 /* bytes in a value, after continuation lines and
                              after ${...} substitution */
#define RR_WORD_MAX 150    /* characters of a --set value that cannot be
                              broken over lines (see rr_scenario_break_ok) */

/* ---- the domain's fixed vocabulary ----------------------------------- */

/* Channels a case can be in; a stage may put its cases into one. */
typedef enum rr_channel {
    RR_CH_NONE = 0,
    RR_CH_RDS,     /* national return service (departure talks) */
    RR_CH_IOM,     /* assisted voluntary return through IOM */
    RR_CH_NGO,     /* assisted voluntary return through an NGO */
    RR_CH_SELF,    /* self-arranged, verified departure */
    RR_CH_FORCED,  /* forced return */
    RR_CH_COUNT
} rr_channel;

/* Network exits, by index; routes name them `departed`, `unsupervised`,
 * `closed`. */
enum {
    RR_EXIT_DEPARTED = 0,     /* verified departure; its kind follows the
                                 case's channel */
    RR_EXIT_UNSUPERVISED = 1, /* departed without supervision (absconded) */
    RR_EXIT_CLOSED = 2,       /* left the caseload otherwise (e.g. permit) */
    RR_EXIT_COUNT = 3
};

/* Kinds of departure counted in the results. */
typedef enum rr_departure {
    RR_DEP_VOLUNTARY_IOM = 0,
    RR_DEP_VOLUNTARY_NGO,
    RR_DEP_VOLUNTARY_SELF,
    RR_DEP_FORCED,
    RR_DEP_UNSUPERVISED,
    RR_DEP_CLOSED,
    RR_DEP_COUNT
} rr_departure;

typedef enum rr_report_period {
    RR_REPORT_DAY,
    RR_REPORT_WEEK,
    RR_REPORT_MONTH,
    RR_REPORT_QUARTER,
    RR_REPORT_YEAR
} rr_report_period;

const char *rr_channel_name(rr_channel c);     /* "iom", ... */
const char *rr_departure_name(rr_departure d); /* "voluntary_iom", ... */

/* ---- resolved configuration (one epoch) ------------------------------ */

typedef struct rr_cfg_stage {
    char name[RR_NAME_MAX];
    int line;                  /* line of the [stage.NAME] header */
    int servers;               /* >= 0 or RR_UNLIMITED */
    rr_dist service;
    const rr_dist *service_by_country; /* n_countries, or NULL */
    double service_scale;      /* from events scaling stage.X.service */
    rr_discipline discipline;
    rr_channel channel;        /* put entering cases in this channel, or
                                  RR_CH_NONE to keep theirs */
    bool detention;            /* counts towards detention occupancy */
    bool has_abscond;
    rr_dist abscond;           /* time to absconding (patience clock) */
    double abscond_scale;
    rr_patience_scope abscond_during;
    double max_stay;           /* days; INFINITY = none */
    /* routing per way out (completion, abscond, max stay), one row of
     * probabilities per country, ready for the network */
    rr_route_table route[RR_OUT_COUNT];
} rr_cfg_stage;

typedef struct rr_cfg_provider {
    char name[RR_NAME_MAX];   /* "iom", "errin", "frontex", ... */
    unsigned channels;         /* bit (1u << rr_channel) per channel served */
    double from, until;        /* active for departures in [from, until],
                                  days since start (+-INFINITY = open) */
    const double *covered;     /* per country: 1 covered, 0 not */
} rr_cfg_provider;

typedef struct rr_cfg_initial {
    uint32_t stage, country;
    uint32_t count;
    double elapsed;            /* days already spent at the stage */
    double age;                /* days since entering the caseload
                                  (>= elapsed) */
    uint8_t channel;           /* rr_channel the cases are in */
} rr_cfg_initial;

typedef struct rr_config {
    /* [scenario] */
    char name[RR_NAME_MAX];
    char title[RR_TEXT_MAX];
    char source[RR_TEXT_MAX];  /* source line for charts */
    rr_date start, end;
    double horizon;            /* days from start to the end of `end` */
    rr_report_period report;
    double warmup;             /* days discarded from KPIs */
    uint64_t seed;
    int replications;
    int rng;                   /* rr_rng_version of the random streams
                                  (0, in a configuration built by hand,
                                  is v1) */
    size_t n_calibrated;       /* calibrated_on: the years the scenario */
    const int *calibrated_on;  /* was calibrated on, increasing; reports
                                  only (the model does not read them) */

    /* [arrivals]: rate(t) = rate * schedule factor in force at t */
    double rate;               /* per day, events applied */
    uint32_t entry_stage;
    double vulnerable_share;   /* vulnerable cases get priority 0, others 1 */
    size_t n_schedule;
    const double *schedule_t;  /* days since start, increasing */
    const double *schedule_factor;

    /* [countries] */
    size_t n_countries;        /* >= 1; a scenario without a table has one
                                  country named "all" */
    const char (*country)[RR_NAME_MAX];
    const double *country_share; /* sums to 1 */

    /* [stage.*] */
    size_t n_stages;
    const rr_cfg_stage *stages;

    /* [reintegration] and [provider.*] */
    size_t n_providers;
    const rr_cfg_provider *providers; /* first match wins */
    rr_dist support;           /* support period after departure */
    const double *sustainable; /* per country: P(sustainable | supported) */
    double sustainable_unsupported; /* P(sustainable | no provider) */
    double remigration_share;  /* of not-sustainable outcomes */
    rr_dist remigration_delay;
    uint32_t remigration_stage;

    /* [start] */
    size_t n_initial;
    const rr_cfg_initial *initial;
} rr_config;

/* A policy event as written, for charts and reports. */
typedef struct rr_event_info {
    char name[RR_NAME_MAX];
    char label[RR_TEXT_MAX];
    double from, until;        /* days since start; until = INFINITY when the
                                  change is permanent */
    bool chart;                /* drawn on the charts (chart = yes) */
} rr_event_info;

/* An override the scenario was run with: --set KEY=VALUE as given (KEY a
 * dotted key, a parameter name or NAME.source), or one recorded in a
 * scenario.resolved.ini ([scenario] override.KEY = VALUE). */
typedef struct rr_override {
    const char *key;
    const char *value;
} rr_override;

/* A plan: the epochs of a run.  cfg[i] holds from t[i] (t[0] = 0) to
 * t[i+1] (or the horizon). */
typedef struct rr_plan {
    size_t n_epochs;
    const double *t;
    const rr_config *const *cfg;
    size_t n_events;
    const rr_event_info *events;
    /* the overrides in force, each key once, in the order given (the
     * recorded ones first); what run.csv lists.  Not part of rr_plan_hash:
     * they are in the configurations already. */
    size_t n_overrides;
    const rr_override *overrides;
} rr_plan;

/* ---- loading ------------------------------------------------------------ */

typedef struct rr_scenario rr_scenario;

/* One setting as written (after --set overrides). */
typedef struct rr_setting {
    const char *key;     /* dotted: "stage.rds.servers", "iom_share" */
    const char *value;   /* raw text, ${...} not yet substituted */
    const char *note;    /* source note of a [parameters] entry, or NULL */
    const char *label;   /* its label (NAME.label: the parameter in words
                            for charts and tables), or NULL */
    const char *file;    /* where it was written ("--set" for overrides) */
    int line;
} rr_setting;

/* rr_scenario_load - read a scenario file and apply overrides, each
 * "key=value" (a dotted key or a parameter name).  On success *out owns
 * the scenario (free with rr_scenario_destroy).  Unknown keys, bad syntax
 * and unreadable tables fail here with RR_EPARSE/RR_EIO/RR_ENOTFOUND and a
 * message in err. */
int rr_scenario_load(const char *path, const char *const *overrides,
                     size_t n_overrides, rr_scenario **out, char *err,
                     size_t errlen);
void rr_scenario_destroy(rr_scenario *sc);

/* rr_scenario_plan - resolve every epoch, then check that everything
 * written is used.  The plan is owned by the scenario and lives as long
 * as it does.  Fails with a message in err. */
int rr_scenario_plan(rr_scenario *sc, const rr_plan **out, char *err,
                     size_t errlen);

/* rr_plan_hash - FNV-1a 64 of everything the model reads from a plan
 * (every epoch's numbers, names and tables, the events), not of where it
 * was written: a scenario and the scenario.resolved.ini written from it
 * have plans with the same hash. */
uint64_t rr_plan_hash(const rr_plan *plan);

/* The settings in file order (overrides replace values in place, or are
 * appended when the key was not written). */
size_t rr_scenario_n_settings(const rr_scenario *sc);
const rr_setting *rr_scenario_setting(const rr_scenario *sc, size_t i);

/* rr_scenario_key_is_share - whether the setting of a dotted key or
 * parameter name is a share (a fraction from 0 to 1) that charts and
 * tables show as a percentage: a key read as a probability (a route,
 * `vulnerable_share`, `sustainable`, `remigration_share`, ...), or a
 * parameter that is used, and used only, where one is (directly, through
 * other parameters, or set by an event).  False for a key the scenario
 * does not have. */
bool rr_scenario_key_is_share(const rr_scenario *sc, const char *key);

/* rr_scenario_resolved_value - the value of a setting with ${...}
 * substituted, into buf; returns buf. */
const char *rr_scenario_resolved_value(const rr_scenario *sc, size_t i,
                                       char *buf, size_t n);

/* The files the scenario read (tables), as paths relative to the scenario
 * file's folder exactly as written in it, and as opened. */
size_t rr_scenario_n_inputs(const rr_scenario *sc);
const char *rr_scenario_input_written(const rr_scenario *sc, size_t i);
const char *rr_scenario_input_path(const rr_scenario *sc, size_t i);

/* rr_scenario_break_ok - may a value written into a scenario file go on
 * on a new, indented line at v[i], a space, and read back the same?  Only
 * at a single space between two other characters where the next line would
 * not be read as something else: a comment (';', '#'), a section ('[') or
 * a new setting ("name = ...").  The reader joins continuation lines with
 * one space.  scenario.resolved.ini is written by this rule, and --set
 * values are checked against it (at most RR_WORD_MAX characters between
 * two places where a line may break). */
bool rr_scenario_break_ok(const char *v, size_t i);

/* rr_scenario_path - the scenario file as given. */
const char *rr_scenario_path(const rr_scenario *sc);

/* rr_scenario_hash - FNV-1a 64 of the scenario file's bytes and of every
 * table it read, in order; a content fingerprint for manifests. */
uint64_t rr_scenario_hash(const rr_scenario *sc);

/* rr_scenario_print - `rrsim check`: every setting with its resolved value
 * and source note, grouped by section, then the epochs.  For people: the
 * format may change (nothing reads it back). */
void rr_scenario_print(rr_scenario *sc, FILE *f);

/* rr_scenario_print_keys - every dotted key --set and --vary accept for
 * this scenario, one per line ("stage.rds.servers", a parameter's name):
 * the keys written and the fixed keys of their sections (keylist.c). */
void rr_scenario_print_keys(rr_scenario *sc, FILE *f);

/* ---- uncertain parameters (uncertain.c) ------------------------------ */

/* A parameter may declare the uncertainty of its value beside it, in the
 * value's units (docs/scenarios.md, "Assumption ranges"):
 *
 *   talk_interval.range = 60d:120d                  uniform
 *   talk_interval.dist = triangular(60d, 90d, 120d)
 *   iom_share.dist = beta(16, 4)                    shares only
 *   p_closed.dist = normal(0.06, 0.01, 0.04, 0.08)  truncated to [low, high]
 *   abscond_mean.dist = lognormal(841d, 200d)       mean, sd
 *
 * Uncertainty and sensitivity studies sample the parameters over these
 * and run each sample as a --set of the values drawn. */

/* What a parameter's value is, and so its range's bounds. */
typedef enum rr_param_unit {
    RR_UNIT_NUMBER = 0,   /* a plain number */
    RR_UNIT_DURATION,     /* a duration, in days */
    RR_UNIT_RATE          /* a rate, per day */
} rr_param_unit;

typedef struct rr_uncertain {
    const char *name;     /* the parameter */
    const char *label;    /* its NAME.label, or NULL */
    const char *note;     /* its NAME.source, or NULL */
    const char *written;  /* the range or distribution as written */
    bool dist;            /* written as NAME.dist (else NAME.range) */
    const char *file;     /* where the range was written */
    int line;
    rr_param_unit unit;
    bool integer;         /* the value is written as a whole number: values
                             drawn are rounded to whole numbers */
    bool share;           /* a share (rr_scenario_key_is_share) */
    double value;         /* the value as written, in the base unit */
    double show_scale;    /* base units per unit the value is written in */
    char show_unit[12];   /* that unit: "d", "m", "/month", "" */
    rr_udist dist_of;     /* over the base unit (days, per day) */
} rr_uncertain;

/* The parameters with a declared uncertainty, in file order: those whose
 * value is written beside their range.  A value given after it, by --set
 * or by a variant above the range's file, is a choice, and the parameter
 * is not listed (a variant may declare a range of its own). */
size_t rr_scenario_n_uncertain(const rr_scenario *sc);
const rr_uncertain *rr_scenario_uncertain(const rr_scenario *sc, size_t i);

/* rr_uncertain_draw - the value at unit point u in [0,1) (the inverse CDF,
 * rounded for an integer parameter). */
double rr_uncertain_draw(const rr_uncertain *p, double u);

/* rr_uncertain_text - x as the parameter's value is written, for --set:
 * "0.0523", "75.25d", "12.5/day", "700"; exact to 17 digits.  Returns what
 * snprintf returns. */
int rr_uncertain_text(const rr_uncertain *p, double x, char *buf, size_t n);

/* rr_uncertain_show - x for people, in the unit the value is written in
 * (4 significant digits): "75.25d", "2.5m", "0.05225", "1500/month". */
int rr_uncertain_show(const rr_uncertain *p, double x, char *buf, size_t n);

/* ---- writing what was read ------------------------------------------ */

/* What scenario.resolved.ini says besides the settings, and where it finds
 * the tables. */
typedef struct rr_resolved_info {
    const char *version;   /* "; manifest: version = ..." ("?" if NULL) */
    const char *command;   /* the command line, or NULL */
    const char *created;   /* the time it was made, or NULL */
    const char *const *input_copy; /* per table read (rr_scenario_n_inputs):
                              the path the written file names it by, as
                              "inputs/delays.csv" (relative to the written
                              file's folder); NULL: paths as written */
} rr_resolved_info;

/* rr_scenario_write_resolved - write to f a scenario file that runs the
 * same model as sc: every setting as it was used (${...} substituted,
 * except where an event changes the parameter; defaults written out;
 * tables named by input_copy), the parameters with their source notes,
 * and "; manifest: key = value" comment lines at the top.  Lines longer
 * than the reader's limit are continued on indented lines.  It is written
 * from the scenario's own settings, not from the rr_scenario_print
 * listing.  Plans sc if it is not planned yet (its errors are returned);
 * RR_ENOMEM with a message.  Errors writing to f are left to the caller,
 * who checks ferror and fclose. */
int rr_scenario_write_resolved(rr_scenario *sc, FILE *f,
                               const rr_resolved_info *info, char *err,
                               size_t errlen);

/* rr_scenario_input_copy - the bytes of table i (read again, a regular
 * file only) for a copy next to the resolved scenario: with input_copy,
 * the file of every empirical(...) in its cells pointed at the copy of the
 * table it names.  *text (NUL-terminated; the caller frees it) and *len,
 * or RR_EIO ("cannot read 'PATH': reason") / RR_ENOMEM with a message. */
int rr_scenario_input_copy(rr_scenario *sc, size_t i,
                           const char *const *input_copy, char **text,
                           size_t *len, char *err, size_t errlen);

/* The INI files read: index 0 is the scenario file (as given, the same as
 * rr_scenario_path), then its base ([scenario] base = FILE), then the
 * base's base, and so on; paths as opened.  Tables named in a base are
 * listed by rr_scenario_input_written relative to the scenario file's
 * folder too (through the base's folder), and rr_scenario_hash covers
 * every one of these files, in this order, before the tables. */
size_t rr_scenario_n_files(const rr_scenario *sc);
const char *rr_scenario_file(const rr_scenario *sc, size_t i);

/* ---- where two scenarios differ (diff.c) ------------------------------ */

/* When two planned scenarios first differ in what the model reads. */
typedef struct rr_plan_diff {
    bool differ;        /* anything differs while both run */
    bool from_start;    /* from the first day both run */
    long day;           /* that first day, days since 1970-01-01 (the first
                           day both run when nothing differs) */
    char what[256];     /* what changes that day: "event ngo_subsidy", "the
                           end of event covid", "provider frontex", "the
                           arrival schedule"; from the start, the settings
                           written differently ("iom_share, stage.rds.
                           servers"), "the start date" or "the starting
                           caseload"; "" when nothing differs */
} rr_plan_diff;

/* rr_plan_first_difference - the first day, within the days both plans
 * run, on which what the model reads differs: the epoch's configuration
 * (names, dates, reporting, warm-up, seed and replications left out), the
 * arrival rate with its schedule, the active providers, and on the first
 * day the starting caseload.  sa and sb (may be NULL) are the scenarios
 * the plans are of, for naming the settings of a difference from the
 * start.  RR_OK, or RR_ENOMEM. */
int rr_plan_first_difference(const rr_scenario *sa, const rr_plan *pa,
                             const rr_scenario *sb, const rr_plan *pb,
                             rr_plan_diff *out);

#endif
