/*
 * scenario_int.h - what the files of the scenario layer share; not part of
 * the library's interface.
 *
 * The layer works in two steps, one above the other:
 *
 *   reading (rr_scenario_load) produces the raw scenario: the sections and
 *   settings as written, merged over the bases, checked key by key, with
 *   --set applied, the tables read and the events' changes indexed.  Its
 *   files, bottom to top: index.c (arena, hash maps, lookups by name),
 *   keys.c (sections and keys), refs.c (which parameters the settings
 *   use), read.c (the INI text), check.c (sections, keys, parameters no
 *   setting uses), overrides.c (--set and the record of overrides),
 *   params.c (${...} substitution), inputs.c (tables), events.c (the
 *   events' changes), load.c (rr_scenario_load and the accessors).
 *
 *   resolving (rr_scenario_plan) turns the raw scenario into the plan, the
 *   epochs' configurations: resolve.c (values, countries, distributions),
 *   stages.c (stages, routes, providers, cycles), unused.c (what the
 *   plan never uses), plan.c (epochs), fingerprint.c (rr_plan_hash);
 *   their shared pieces are in resolve_int.h.  listing.c (`rrsim check`) and write.c
 *   (scenario.resolved.ini) sit on top of both.
 *
 * table.c (CSV tables, input files) and grammar.c (the written forms of
 * durations, rates and distributions) serve both and call neither.  Each
 * file calls only files below it; reading never calls resolving.
 *
 * A loaded scenario is a list of sections and a list of settings as
 * written, plus the tables they name.  A scenario with a base ([scenario]
 * base = FILE) is read file by file, the scenario file first, and the
 * files are merged from the deepest base up: a later file's setting
 * replaces an earlier one's in place, new sections and keys are appended.
 * Each section and setting remembers the file it came from, for messages
 * and for the folder its relative paths are read from.  Every string and
 * every resolved configuration lives in one arena owned by the scenario,
 * so that an error anywhere needs no clean-up beyond rr_scenario_destroy().
 */
#ifndef RR_SCENARIO_INT_H
#define RR_SCENARIO_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_grammar.h"
#include "rr_scenario.h"
#include "rr_table.h"
#include "rr_util.h"

/* ---- arena: many small allocations, freed together (index.c) ---------- */

typedef struct rri_block rri_block;
typedef struct rri_arena {
    rri_block *head;
} rri_arena;

/* rri_alloc - n zeroed bytes, aligned for any type; NULL when out of
 * memory.  Freed only by rri_arena_free(). */
void *rri_alloc(rri_arena *a, size_t n);
char *rri_strdup(rri_arena *a, const char *s);
char *rri_strndup(rri_arena *a, const char *s, size_t n);
char *rri_printf(rri_arena *a, const char *fmt, ...) RR_PRINTF(2, 3);
void rri_arena_free(rri_arena *a);

/* ---- hash index: string keys to indices (index.c) ---------------------- */

/* A multimap from 64-bit hashes to indices (of settings, sections, ...),
 * open addressing with linear probing at most half full.  It stores no
 * keys: a lookup walks the indices stored under the key's hash and the
 * caller compares the keys itself, so the map serves any kind of key (a
 * name, a section and a name, a row and a column).  This is what keeps
 * reading and resolving linear in the size of a scenario: 20,000
 * parameters or 100,000 countries cost a lookup each, not a scan. */
typedef struct rri_slot {
    uint64_t h;
    size_t v;           /* index + 1; 0 for an empty slot */
} rri_slot;

typedef struct rri_map {
    size_t cap;         /* slots, a power of two, or 0 */
    size_t n;
    rri_slot *s;        /* hash and index side by side: one cache line */
    uint64_t seed;      /* mixed into slot positions (see slot_of) */
} rri_map;

#define RRI_HASH0 0xcbf29ce484222325ULL

/* rri_hash - FNV-1a 64 of n bytes, continuing from h (RRI_HASH0 to start). */
uint64_t rri_hash(uint64_t h, const char *s, size_t n);
/* rri_hash_str - the same for a NUL-terminated string. */
uint64_t rri_hash_str(uint64_t h, const char *s);
/* rri_map_add - store v under h; RR_OK or RR_ENOMEM (map unchanged). */
int rri_map_add(rri_map *m, uint64_t h, size_t v);
/* rri_map_next - the next index stored under h; *it starts at 0.  False
 * when there is no more. */
bool rri_map_next(const rri_map *m, uint64_t h, size_t *it, size_t *v);
void rri_map_fini(rri_map *m);

/* ---- limits -------------------------------------------------------------- */

#define RRI_MAX_NESTING 64  /* ${...} inside ${...}: a chain of parameters */

/* ---- sections and keys (keys.c) ------------------------------------------ */

typedef enum rri_sec_kind {
    RRI_SEC_SCENARIO,
    RRI_SEC_PARAMETERS,
    RRI_SEC_ARRIVALS,
    RRI_SEC_COUNTRIES,
    RRI_SEC_STAGE,
    RRI_SEC_REINTEGRATION,
    RRI_SEC_PROVIDER,
    RRI_SEC_EVENT,
    RRI_SEC_START,
    RRI_SEC_COUNT
} rri_sec_kind;

/* What a key's value is read as. */
typedef enum rri_type {
    RRI_T_TEXT,       /* free text */
    RRI_T_NAME,       /* [A-Za-z0-9_-]+ */
    RRI_T_DATE,       /* YYYY-MM-DD */
    RRI_T_REPORT,     /* day|week|month|quarter|year */
    RRI_T_DURATION,   /* 21d, 2w, 3m, 1y */
    RRI_T_SEED,       /* integer >= 0 */
    RRI_T_COUNT,      /* integer >= 1 */
    RRI_T_RATE,       /* 1500/month */
    RRI_T_PATH,       /* CSV file */
    RRI_T_STAGE,      /* a stage name */
    RRI_T_PROB,       /* number in [0,1] */
    RRI_T_SERVERS,    /* integer >= 0 or unlimited */
    RRI_T_SERVICE,    /* distribution or country.COL */
    RRI_T_DIST,       /* distribution */
    RRI_T_DISCIPLINE, /* fifo|priority */
    RRI_T_CHANNEL,    /* rds|iom|ngo|self|forced */
    RRI_T_BOOL,       /* yes|no */
    RRI_T_SCOPE,      /* stay|queue */
    RRI_T_TARGET,     /* a stage or an exit */
    RRI_T_ROUTE,      /* probability expression or rest */
    RRI_T_PROBX,      /* probability expression (per country) */
    RRI_T_CHANNELS,   /* comma list of channels */
    RRI_T_COVERAGE,   /* all | country.COL */
    RRI_T_FACTOR,     /* scale factor >= 0 (event scale.KEY) */
    RRI_T_SETVALUE,   /* replacement text (event set.KEY) */
    RRI_T_PARAM       /* a [parameters] entry */
} rri_type;

#define RRI_REQUIRED 1u  /* must be written */
#define RRI_EVENT 2u     /* events may set it */
#define RRI_SCALE 4u     /* events may scale it */

typedef struct rri_keydef {
    rri_sec_kind sec;
    const char *name;   /* "servers"; "route." for the route family */
    rri_type type;
    unsigned flags;
    const char *def;    /* default as text, or NULL (none / computed) */
} rri_keydef;

/* rri_keydef_find - the definition of `name` in a section of kind k (the
 * route.X, set.X and scale.X families by their prefix); NULL if none. */
const rri_keydef *rri_keydef_find(rri_sec_kind k, const char *name);
/* rri_keydefs - the fixed keys of kind k, in documentation order. */
const rri_keydef *rri_keydefs(rri_sec_kind k, size_t *n);
/* rri_keydef_family - d names a family of keys by its prefix ("route."). */
bool rri_keydef_family(const rri_keydef *d);
/* rri_sec_name - "stage", "scenario", ... for a kind. */
const char *rri_sec_name(rri_sec_kind k);
/* rri_sec_named - sections of kind k have a name: [stage.NAME]. */
bool rri_sec_named(rri_sec_kind k);

/* rri_suggest - the candidate closest to word by edit distance, if close
 * enough to be a likely typo; NULL otherwise (rr_did_you_mean with its
 * usual threshold). */
const char *rri_suggest(const char *word, const char *const *cand, size_t n);

/* A growing list of candidate words for suggestions; the first failure
 * (out of memory) is latched in status and later additions do nothing. */
typedef struct rri_words {
    const char **w;
    size_t n, cap;
    int status;
} rri_words;

/* rri_words_add - append w (NULL is ignored: a failed rri_printf). */
void rri_words_add(rri_words *ws, const char *w);

/* An INI file read: sc->files[0] is the scenario file, [1] its base, [2]
 * the base's base, and so on. */
typedef struct rri_file {
    const char *path;   /* as opened */
    const char *dir;    /* folder of path with its '/', or "" */
    const char *rel;    /* that folder relative to the scenario file's
                           folder ("" for the scenario file itself) */
    const char *name;   /* path relative to the scenario file's folder */
    char *text;         /* the bytes */
    size_t text_len;
} rri_file;

#define RRI_MAX_BASES 8 /* longest chain of bases */

typedef struct rri_section {
    rri_sec_kind kind;
    char *name;         /* "stage.rds" */
    const char *sub;    /* "rds" (inside name), or "" */
    int line;           /* header line; 0 when not written */
    int file;           /* index in files of the first header */
} rri_section;

typedef struct rri_setting {
    rr_setting pub;     /* key, value, note, file, line */
    char *section;      /* "stage.rds", "parameters" */
    char *name;         /* "servers", "route.departed", "iom_share" */
    int sec;            /* index in sections, -1 for a --set one whose
                           section is not written */
    int file;           /* index in files: where it was written, whose
                           folder relative paths are read from (0, the
                           scenario file, for --set) */
    int note_file;      /* index in files of pub.note, if any */
    int note_line;      /* its line; 0 for --set */
    int decl_file;      /* index in files of the deepest file that wrote
                           it: where it was declared */
    bool unused_at_write; /* a parameter no setting used when its value
                           was written (see rri_params_used) */
    const char *range;  /* its uncertainty as written (NAME.range or
                           NAME.dist), or NULL (uncertain.c) */
    bool range_dist;    /* written as NAME.dist */
    int range_file;     /* index in files and line of that note */
    int range_line;
    const rri_keydef *def;
} rri_setting;

/* A value a later file or a --set replaced, kept so that checks can tell
 * what the files below said (read.c, check.c). */
typedef struct rri_replaced {
    const char *section, *name;
    const char *value;  /* the value replaced */
    int file;           /* the file that had written it */
    bool by_set;        /* replaced by a --set (else by a later file) */
} rri_replaced;

/* A change an event makes while it is active. */
typedef enum rri_target_kind {
    RRI_TGT_KEY,        /* a setting's dotted key */
    RRI_TGT_PARAM,      /* a parameter */
    RRI_TGT_CELL        /* country.CODE.COL: a cell of the countries table */
} rri_target_kind;

typedef struct rri_change {
    size_t event;       /* index in sc->events */
    size_t setting;     /* the event's set./scale. setting (text, line) */
    bool scale;
    rri_target_kind kind;
    char *target;       /* dotted key or parameter name */
    const rri_keydef *def; /* RRI_TGT_KEY */
    size_t row, col;    /* RRI_TGT_CELL */
} rri_change;

typedef struct rri_input {
    char *written;      /* relative to the scenario file's folder: as
                           written there, or through a base's folder */
    char *path;         /* as opened */
    rr_table *table;
} rri_input;

typedef struct rri_emp {
    size_t input;
    char *column, *weight;
    rr_empirical *emp;
} rri_emp;

/* The events' changes grouped by what they change (events.c builds it at
 * the end of loading), so that finding them costs their number, not a
 * scan of all. */
typedef struct rri_change_ix {
    rri_map target_map;          /* first change of each target */
    size_t *next, *tail;         /* per change: the next of its target;
                                    the last (valid for the first) */
    size_t *route_head;          /* per stage: first change of a route */
    size_t *route_next;          /* per change: the next of its stage */
    size_t *ev_start, *ev_list;  /* changes grouped by event */
} rri_change_ix;

typedef struct rri_subst rri_subst;

struct rr_scenario {
    rri_arena arena;
    char *path;         /* as given */
    char *dir;          /* folder of path with its '/', or "" */
    rri_file *files;    /* the INI files, the scenario file first */
    size_t n_files, cap_files;
    uint64_t hash;      /* FNV-1a 64 of each INI file's bytes in the order
                           of files, then of each table's bytes as it is
                           read */

    rri_section *sections;
    size_t n_sections, cap_sections;
    rri_map sec_map;    /* sections by name */
    rri_setting *settings;
    size_t n_settings, cap_settings;
    rri_map set_map;    /* settings by section and name */
    size_t *by_section; /* setting indices by section name, then file
                           order (see rri_section_settings) */
    size_t n_groups;    /* distinct section names of settings */
    const char **group_name;
    size_t *group_start, *group_count; /* their runs in by_section */
    rri_map group_map;  /* groups by name */
    size_t *stages;     /* section index of each stage, file order */
    rri_map stage_map;  /* stages by name */
    size_t n_stages;
    size_t *events;     /* section index of each event, file order */
    size_t n_events;
    size_t *sec_event;  /* per section: its index in events, or SIZE_MAX */
    size_t *params;     /* setting index of each parameter, file order */
    size_t n_params;
    rri_map param_map;  /* parameters by name */
    rri_change *changes;
    size_t n_changes;
    rri_change_ix ix;   /* the changes by target (events.c) */

    rri_input *inputs;
    size_t n_inputs, cap_inputs;
    rri_map input_map;  /* inputs by path as opened */
    const char **input_real; /* per input, the file it is (realpath), or
                                NULL; made on first use (write.c) */
    rri_emp *emps;      /* empirical distributions, made while planning */
    size_t n_emps, cap_emps;
    long countries_input, schedule_input, caseload_input; /* -1: none */
    rri_map country_map; /* rows of the countries table by code */

    rri_replaced *replaced; /* values replaced, in order */
    size_t n_replaced, cap_replaced;
    rr_override *ov;    /* the overrides in force: those recorded in
                           [scenario] override.KEY, then --set (check.c) */
    size_t n_ov, cap_ov;
    rri_map ov_map;     /* the overrides by key */
    int pending;        /* an error found while reading, reported after
                           the other checks of loading (check.c) */
    char *pending_msg;
    bool *col_used;     /* per countries column: a value uses it (set
                           while planning, by rri_column) */
    const char **left;  /* what the scenario leaves unused without fault
                           (unused.c): dotted keys and "stage.NAME", for
                           [scenario] left_unused in scenario.resolved.ini */
    size_t n_left, cap_left;

    rri_subst *res0;    /* the substitution context with no event active
                           (params.c), made on first use */
    size_t subst_bytes; /* text ${...} substitution has made so far */

    rr_uncertain *unc;  /* the parameters with a declared uncertainty,
                           file order (uncertain.c) */
    size_t n_unc;

    bool planned;       /* plan holds the epochs (plan.c) */
    rr_plan plan;
};

/* rri_default_value - the value a key not written in section s takes, as
 * a scenario file would write it (keys.c): the key's default, or one
 * computed from the scenario (the first stage for the arrival stage, the
 * arrival stage as written for the remigration stage, the event's name for
 * its label); NULL when it has none (a title, a stage's channel: their
 * absence means something of its own). */
const char *rri_default_value(const rr_scenario *sc, const rri_section *s,
                              const rri_keydef *d);

/* ---- lookups by name (index.c) ------------------------------------------- */

/* rri_grow - make room for `need` items of `size` bytes in *v (capacity
 * *cap), doubling; RR_OK or RR_ENOMEM (v untouched). */
int rri_grow(void **v, size_t *cap, size_t need, size_t size);

/* rri_set_hash - the hash of a setting's (section, name). */
uint64_t rri_set_hash(const char *section, const char *name);
/* rri_find_section_in - the section named by the n bytes at name in the
 * list v indexed by m; -1 if none. */
long rri_find_section_in(const rri_map *m, const rri_section *v,
                         const char *name, size_t n);
/* rri_find_setting_in - the setting (section, name) in the list v indexed
 * by m (with rri_set_hash); -1 if none. */
long rri_find_setting_in(const rri_map *m, const rri_setting *v,
                         const char *section, const char *name);

/* rri_setting_find - index of the setting (section, name), or -1. */
long rri_setting_find(const rr_scenario *sc, const char *section,
                      const char *name);
/* rri_section_find - index of the section named `name`, or -1. */
long rri_section_find(const rr_scenario *sc, const char *name);
/* rri_stage_index - index of the stage named `name`, or -1. */
long rri_stage_index(const rr_scenario *sc, const char *name);
/* rri_param_index - index in params of the parameter named by the n bytes
 * at name, or -1. */
long rri_param_index(const rr_scenario *sc, const char *name, size_t n);
/* rri_country_row - row of the countries table for the code of n bytes,
 * or -1 (also when there is no table). */
long rri_country_row(const rr_scenario *sc, const char *code, size_t n);
/* rri_section_settings - the settings of section `name` (written or not),
 * in file order: *n indices into settings. */
const size_t *rri_section_settings(const rr_scenario *sc, const char *name,
                                   size_t *n);

/* ---- which parameters the settings use (refs.c) -------------------------- */

/* rri_ref_next - the next "${NAME}" at or after *s: NAME is the n bytes at
 * *name, and *s moves past it; false when there is none. */
bool rri_ref_next(const char **s, const char **name, size_t *n);
/* rri_param_setting - index of the setting of the parameter named by the
 * n bytes at name, or -1 (through the settings' index: usable while the
 * files are merged, before the list of parameters exists). */
long rri_param_setting(const rr_scenario *sc, const char *name, size_t n);
/* rri_is_param - st is a [parameters] entry. */
bool rri_is_param(const rri_setting *st);

/* What rri_params_used reads as setting i's value: its text, or NULL for
 * one that is never substituted. */
typedef const char *rri_text_fn(const rr_scenario *sc, size_t i, void *ctx);
/* rri_value_text - the value as it stands (NULL for [scenario] base and
 * override.KEY, which are never substituted). */
const char *rri_value_text(const rr_scenario *sc, size_t i, void *ctx);

/* rri_params_used - used[i] (n_settings of them) for every parameter that
 * a setting other than a parameter uses, or a parameter so used; every
 * other used[i] false.  RR_OK or RR_ENOMEM. */
int rri_params_used(const rr_scenario *sc, rri_text_fn *text, void *ctx,
                    bool *used);
/* rri_used_only_by - the name of a parameter whose value uses parameter
 * setting p, or NULL: for messages about a parameter only an unused one
 * uses. */
const char *rri_used_only_by(const rr_scenario *sc, size_t p);

/* ---- reading the INI files (read.c) -------------------------------------- */

/* The first error of a pass, by position: several checks run over the
 * text and the one nearest its top is reported.  Within one file the
 * position is the line; across the files of a scenario with a base, see
 * rri_text_pos(). */
typedef struct rri_first_err {
    long long line;     /* 0: none yet */
    int status;
    char msg[1024];
} rri_first_err;

/* rri_text_pos - a place in the scenario's text for rri_first_err: the
 * files in the order they are applied (the deepest base first), then
 * lines (check.c). */
long long rri_text_pos(const rr_scenario *sc, int file, int line);

/* rri_note_err - keep the message if it comes before the one kept. */
void rri_note_err(rri_first_err *fe, long long line, int status,
                  const char *fmt, ...) RR_PRINTF(4, 5);

/* The notes of [parameters] ("NAME.source = ...", "NAME.label = ..."),
 * kept apart from the settings until they are attached to them. */
typedef struct rri_pnote {
    char *name, *text;
    int line;
    const char *file;
    int fidx;             /* index in sc->files */
} rri_pnote;

typedef struct rri_notes {
    rri_pnote *v;
    size_t n, cap;
} rri_notes;

/* rri_read - the scenario file and its bases, each parsed on its own, then
 * merged into sc's sections and settings (the deepest base first) and nt's
 * notes (nt->v is the caller's to free).  Fails with a message in err. */
int rri_read(rr_scenario *sc, rri_notes *nt, char *err, size_t errlen);

/* rri_add_setting - append a setting (section, name, value, written in
 * file `file` at `line`, INI file index fidx) to the list *v of *n items
 * (capacity *cap) and its index m; strings are copied into the arena.
 * RR_OK or RR_ENOMEM. */
int rri_add_setting(rri_arena *a, rri_setting **v, size_t *n, size_t *cap,
                    rri_map *m, const char *section, const char *name,
                    const char *value, const char *file, int line, int fidx);

/* rri_note_replaced - remember st's value before a later file (by_set
 * false) or a --set replaces it.  RR_OK or RR_ENOMEM. */
int rri_note_replaced(rr_scenario *sc, const rri_setting *st, bool by_set);

/* rri_pair_start - s starts as "name =" would (a new setting, were it at
 * the start of a line), looking no further than the name and the blanks
 * after it. */
bool rri_pair_start(const char *s);

/* rri_is_note_key - (section, name) is a parameter's note: its source
 * (NAME.source) or its label (NAME.label).  The parameter's name is the
 * part before the last dot. */
bool rri_is_note_key(const char *section, const char *name);

/* rri_is_range_key - (section, name) declares a parameter's uncertainty:
 * NAME.range (LOW:HIGH) or NAME.dist (a distribution).  Read as notes are,
 * then checked by rri_build_uncertain. */
bool rri_is_range_key(const char *section, const char *name);

/* rri_normalise - a path without "." segments and "NAME/.." pairs, into
 * the arena; a name for a file, not a way to open it.  NULL when out of
 * memory. */
char *rri_normalise(rri_arena *a, const char *path);

/* ---- checking what was read (check.c) ------------------------------------ */

/* rri_valid_chars - s is not empty and uses only a-z, 0-9 and _, and A-Z
 * with upper, '-' with dash. */
bool rri_valid_chars(const char *s, bool upper, bool dash);

/* rri_check_dotted - the definition of a dotted key (a parameter name, or
 * a key of a section the scenario has; singleton sections count as
 * present), with its section and name; NULL with "unknown key 'K' (did you
 * mean 'X'?)" in msg and RR_ENOTFOUND in *status (RR_ENOMEM when out of
 * memory).  With events, the candidates suggested are those an event may
 * change. */
const rri_keydef *rri_check_dotted(rr_scenario *sc, const char *key,
                                   bool events, char **section,
                                   const char **name, char *msg, size_t n,
                                   int *status);

/* The steps of loading after rri_read, in this order: section kinds and
 * names; every key; the notes to their parameters; the parameters no
 * setting uses (kept pending: reported once the plan is resolved, by
 * rri_check_unused_overrides, so that errors in values come first); the
 * overrides (overrides.c); the required keys; the list of parameters; the
 * settings by section. */
int rri_check_sections(rr_scenario *sc, char *err, size_t errlen);
int rri_check_keys(rr_scenario *sc, char *err, size_t errlen);
int rri_attach_notes(rr_scenario *sc, const rri_notes *nt, char *err,
                     size_t errlen);
int rri_check_params_written(rr_scenario *sc, char *err, size_t errlen);
int rri_check_required(rr_scenario *sc, char *err, size_t errlen);

/* rri_similar_section - the name (after the dot) of another section of
 * s's kind whose name is close to s's (a stage, provider or event), or
 * NULL: what a misspelt section header most likely meant. */
const char *rri_similar_section(const rr_scenario *sc, const rri_section *s);

/* ---- uncertain parameters (uncertain.c) ---------------------------------- */

/* rri_build_uncertain - every parameter's NAME.range or NAME.dist read in
 * the parameter's units (a number, a duration or a rate, as its value is
 * written) into sc->unc; checked: the form, low <= high, a share within
 * [0,1], a duration or rate >= 0, the value within its range.  Errors at
 * the note's FILE:LINE. */
int rri_build_uncertain(rr_scenario *sc, char *err, size_t errlen);

/* ---- overrides (overrides.c) --------------------------------------------- */

/* rri_apply_overrides - the overrides recorded in [scenario] override.KEY
 * (checked against the values they record), then the --set list: each
 * checked and applied, and listed in sc->ov. */
int rri_apply_overrides(rr_scenario *sc, const char *const *ov, size_t n,
                        char *err, size_t errlen);
/* rri_check_unused_overrides - the parameter no setting uses that
 * rri_check_params_written found, or a parameter a --set changes that no
 * setting uses once all are applied (with the nearest used name). */
int rri_check_unused_overrides(rr_scenario *sc, char *err, size_t errlen);
int rri_build_params(rr_scenario *sc, char *err, size_t errlen);
int rri_build_by_section(rr_scenario *sc, char *err, size_t errlen);

/* ---- ${...} substitution (params.c) -------------------------------------- */

/* A place to blame in a message: a setting, or a section's header. */
typedef struct rri_loc {
    const char *file;
    int line;
    const char *sec;    /* "stage.rds" */
    const char *key;    /* "servers", or NULL for the section itself */
    const char *dotted; /* "stage.rds.servers" (for --set) */
    int fi;             /* index of the INI file whose folder relative
                           paths in the value are read from */
} rri_loc;

typedef struct rri_frame rri_frame;

/* The parameters' texts in one epoch: the events in `active` applied (no
 * event when NULL), each parameter resolved once, on first use.  Messages
 * go to err; while_events is appended to those not about an event. */
struct rri_subst {
    rr_scenario *sc;
    rri_arena *a;
    char *err;
    size_t errlen;
    const unsigned char *active; /* per event, or NULL: none */
    const char *while_events;    /* " (while event x is active)" or "" */
    const char **ptext;
    int *pstate;                 /* 0 not yet, 1 resolving, 2 done */
    int *plevel;                 /* nesting: 1 + the deepest ${} used */
    size_t *pdeep;               /* the parameter that deepest one is */
    rri_frame *stack;
    size_t depth;
};

/* rri_subst_init - a context for the events in active (NULL: none; the
 * changes must be indexed, see rri_index_changes, before any is active). */
int rri_subst_init(rri_subst *s, rr_scenario *sc,
                   const unsigned char *active, char *err, size_t errlen);

/* rri_failat - "FILE:LINE: [SEC] KEY: message" (or "--set KEY: ...") at
 * `at`, with the context's while_events; returns rc. */
int rri_failat(rri_subst *s, const rri_loc *at, int rc, const char *fmt,
               ...) RR_PRINTF(4, 5);
/* rri_fail - a whole message (a table's "PATH:LINE: column 'x': ..."). */
int rri_fail(rri_subst *s, int rc, const char *fmt, ...) RR_PRINTF(3, 4);
/* rri_oom - "out of memory", RR_ENOMEM. */
int rri_oom(rri_subst *s);

/* rri_setting_loc - where setting st was written. */
rri_loc rri_setting_loc(const rri_setting *st);

/* rri_number - the whole text as a finite decimal number (-0 reads 0). */
bool rri_number(const char *s, double *x);
/* rri_trim - the n bytes at s without blanks at their ends, copied into
 * the arena; NULL when out of memory. */
const char *rri_trim(rri_arena *a, const char *s, size_t n);

/* rri_param_value - parameter p's text in this epoch, ${...} resolved. */
int rri_param_value(rri_subst *s, size_t p, const char **out);
/* rri_subst_text - text with every ${NAME} replaced, in this epoch; an
 * undefined or unterminated name is an error at `at`. */
int rri_subst_text(rri_subst *s, const char *text, const rri_loc *at,
                   const char **out);
/* rri_scale_factor - the factor of an event's scale.KEY setting, >= 0. */
int rri_scale_factor(rri_subst *s, const rri_setting *st, double *f);
/* rri_times - *f times g, which must stay finite (blamed on `at`). */
int rri_times(rri_subst *s, const rri_loc *at, double *f, double g);

/* rri_target_hash, rri_target_is - a change's target of kind k: a, or a
 * "." b, as a hash and as a test (so that "stage.x" + "servers" matches
 * the written "stage.x.servers"). */
uint64_t rri_target_hash(rri_target_kind k, const char *a, const char *b);
bool rri_target_is(const rri_change *ch, rri_target_kind k, const char *a,
                   const char *b);
/* rri_first_change - the first change (file order) of the target among
 * all events, or SIZE_MAX when no event is active in s; the next is
 * sc->ix.next[i]. */
size_t rri_first_change(const rri_subst *s, rri_target_kind k,
                        const char *a, const char *b);

/* rri_subst_plain - text with ${...} substituted with the parameters as
 * written (no events); NULL with a message on error. */
const char *rri_subst_plain(rr_scenario *sc, const char *text, char *err,
                            size_t errlen);

/* rri_resolved_setting - setting i's text with ${...} substituted with
 * the parameters as written (no events); NULL with a whole message on
 * error. */
const char *rri_resolved_setting(rr_scenario *sc, size_t i, char *err,
                                 size_t errlen);

/* ---- tables (inputs.c) --------------------------------------------------- */

/* rri_input_table - read a CSV named in INI file `file` (relative to its
 * folder), hashing its bytes; returns the input's index in *idx.  A file
 * already read is not read again.  On failure, a message in err: the
 * table's own "PATH:LINE: ..." for bad content, or "cannot open 'PATH':
 * reason" (without a location: the caller adds its own) with *own set to
 * false. */
int rri_input_table(rr_scenario *sc, int file, const char *written,
                    size_t *idx, bool *own, char *err, size_t errlen);

/* rri_load_tables - the countries table (its codes checked), the
 * schedule and the starting caseload, each if named, with their required
 * columns. */
int rri_load_tables(rr_scenario *sc, char *err, size_t errlen);

/* ---- the events' changes (events.c) -------------------------------------- */

/* rri_build_changes - every set./scale. of every event, checked, then
 * indexed by target (sc->ix). */
int rri_build_changes(rr_scenario *sc, char *err, size_t errlen);

#endif
