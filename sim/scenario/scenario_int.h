/*
 * scenario_int.h - what the scenario reader (scenario.c) and the resolver
 * (resolve.c) share; not part of the library's interface.
 *
 * A loaded scenario is a list of sections and a list of settings as
 * written, plus the tables they name.  A scenario with a base ([scenario]
 * base = FILE) is read file by file, the scenario file first, and the
 * files are merged from the deepest base up: a later file's setting
 * replaces an earlier one's in place, new sections and keys are appended.
 * Each section and setting remembers the file it came from, for messages
 * and for the folder its relative paths are read from.  Every string and
 * every resolved
 * configuration lives in one arena owned by the scenario, so that an error
 * anywhere needs no clean-up beyond rr_scenario_destroy().
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

#if defined(__GNUC__) || defined(__clang__)
#define RRI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RRI_PRINTF(f, a)
#endif

/* ---- arena: many small allocations, freed together -------------------- */

typedef struct rri_block rri_block;
typedef struct rri_arena {
    rri_block *head;
} rri_arena;

/* rri_alloc - n zeroed bytes, aligned for any type; NULL when out of
 * memory.  Freed only by rri_arena_free(). */
void *rri_alloc(rri_arena *a, size_t n);
char *rri_strdup(rri_arena *a, const char *s);
char *rri_strndup(rri_arena *a, const char *s, size_t n);
char *rri_printf(rri_arena *a, const char *fmt, ...) RRI_PRINTF(2, 3);
void rri_arena_free(rri_arena *a);

/* ---- hash index: string keys to indices ------------------------------------ */

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

/* ---- limits ----------------------------------------------------------------- */

#define RRI_MAX_NESTING 64  /* ${...} inside ${...}: a chain of parameters */

/* ---- sections and keys ---------------------------------------------------- */

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
    const rri_keydef *def;
} rri_setting;

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

    rri_input *inputs;
    size_t n_inputs, cap_inputs;
    rri_map input_map;  /* inputs by path as opened */
    rri_emp *emps;
    size_t n_emps, cap_emps;
    long countries_input, schedule_input, caseload_input; /* -1: none */
    rri_map country_map; /* rows of the countries table by code */

    struct rri_res *res; /* resolve.c's index of the events' changes */
    void *res0;         /* resolve.c's context with no event active */
    size_t subst_bytes; /* text ${...} substitution has made so far */

    bool planned;
    rr_plan plan;
};

/* rri_grow - make room for `need` items of `size` bytes in *v (capacity
 * *cap), doubling; RR_OK or RR_ENOMEM (v untouched). */
int rri_grow(void **v, size_t *cap, size_t need, size_t size);

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

/* rri_input_table - read a CSV named in INI file `file` (relative to its
 * folder), hashing its bytes; returns the input's index in *idx.  A file
 * already read is not read again.  On failure, a message in err: the
 * table's own "PATH:LINE: ..." for bad content, or "cannot open 'PATH':
 * reason" (without a location: the caller adds its own) with *own set to
 * false. */
int rri_input_table(rr_scenario *sc, int file, const char *written,
                    size_t *idx, bool *own, char *err, size_t errlen);

/* rri_suggest - the candidate closest to word by edit distance, if close
 * enough to be a likely typo; NULL otherwise. */
const char *rri_suggest(const char *word, const char *const *cand, size_t n);

/* rri_channel_parse - channel by name; RR_CH_NONE if unknown. */
rr_channel rri_channel_parse(const char *s);

/* rri_resolved_setting - setting i's text with ${...} substituted with
 * the parameters as written (no events); NULL with a whole message on
 * error. */
const char *rri_resolved_setting(rr_scenario *sc, size_t i, char *err,
                                 size_t errlen);

/* rri_plan - resolve every epoch (resolve.c). */
int rri_plan(rr_scenario *sc, char *err, size_t errlen);

/* rri_res_free - what resolve.c keeps in sc->res (called by
 * rr_scenario_destroy). */
void rri_res_free(rr_scenario *sc);

#endif
