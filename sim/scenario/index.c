/*
 * index.c - the scenario's memory and its indexes: an arena for every
 * string and configuration of a scenario, growing arrays, FNV-1a hashes,
 * the hash map (rri_map) behind every lookup by name, and those lookups:
 * settings, sections, stages, parameters and countries.  See
 * scenario_int.h for how the layer's files fit together.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

/* {===================================================================
 * Arena
 * ==================================================================== */

struct rri_block {
    rri_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

#define BLOCK_SIZE 65536

void *rri_alloc(rri_arena *a, size_t n)
{
    if (n > SIZE_MAX / 2 - sizeof(rri_block))
        return NULL; /* a size computed from hostile counts */
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    rri_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
        rri_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && size != BLOCK_SIZE) {
            /* a big one-off: keep the current block in front */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *rri_strndup(rri_arena *a, const char *s, size_t n)
{
    char *p = rri_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *rri_strdup(rri_arena *a, const char *s)
{
    return rri_strndup(a, s, strlen(s));
}

char *rri_printf(rri_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = rri_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void rri_arena_free(rri_arena *a)
{
    rri_block *b = a->head;
    while (b) {
        rri_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

int rri_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return RR_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return RR_ENOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return RR_ENOMEM;
    void *p = realloc(*v, ncap * size);
    if (!p)
        return RR_ENOMEM;
    *v = p;
    *cap = ncap;
    return RR_OK;
}

/* }=================================================================== */

/* {===================================================================
 * Hash map
 * ==================================================================== */

uint64_t rri_hash(uint64_t h, const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t rri_hash_str(uint64_t h, const char *s)
{
    return rri_hash(h, s, strlen(s));
}

/* slot_of - the first slot to probe for h: h mixed with the map's seed by
 * MurmurHash3's finaliser, so that every bit of h counts, and so that
 * names made to fall into one slot (to turn lookups quadratic) cannot be
 * made in advance: the seed comes from where the slots were allocated,
 * which address-space randomisation varies from run to run.  Nothing
 * depends on the order of the slots (every lookup compares its keys), so
 * the results do not vary with it. */
static size_t slot_of(const rri_map *m, uint64_t h)
{
    h ^= m->seed;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (size_t)h & (m->cap - 1);
}

int rri_map_add(rri_map *m, uint64_t h, size_t v)
{
    if (v == SIZE_MAX)
        return RR_ENOMEM;
    if (2 * (m->n + 1) > m->cap) {
        rri_map big = {m->cap ? 2 * m->cap : 16, m->n, NULL, 0};
        if (big.cap < m->cap || big.cap > SIZE_MAX / sizeof *big.s)
            return RR_ENOMEM;
        big.s = calloc(big.cap, sizeof *big.s);
        if (!big.s)
            return RR_ENOMEM;
        big.seed = (uint64_t)(uintptr_t)big.s * 0x9E3779B97F4A7C15ULL;
        for (size_t i = 0; i < m->cap; i++)
            if (m->s[i].v) {
                size_t j = slot_of(&big, m->s[i].h);
                while (big.s[j].v)
                    j = (j + 1) & (big.cap - 1);
                big.s[j] = m->s[i];
            }
        free(m->s);
        *m = big;
    }
    size_t j = slot_of(m, h);
    while (m->s[j].v)
        j = (j + 1) & (m->cap - 1);
    m->s[j].h = h;
    m->s[j].v = v + 1;
    m->n++;
    return RR_OK;
}

bool rri_map_next(const rri_map *m, uint64_t h, size_t *it, size_t *v)
{
    if (!m->cap)
        return false;
    size_t j = (slot_of(m, h) + *it) & (m->cap - 1);
    while (*it < m->cap && m->s[j].v) {
        ++*it;
        if (m->s[j].h == h) {
            *v = m->s[j].v - 1;
            return true;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return false;
}

void rri_map_fini(rri_map *m)
{
    free(m->s);
    memset(m, 0, sizeof *m);
}

/* }=================================================================== */

/* {===================================================================
 * Lookups by name
 * ==================================================================== */

/* rri_set_hash - the hash of a setting's (section, name). */
uint64_t rri_set_hash(const char *section, const char *name)
{
    return rri_hash_str(rri_hash(rri_hash_str(RRI_HASH0, section), "\n", 1),
                        name);
}

/* rri_find_section_in, rri_find_setting_in - the section (by name) or
 * setting (by section and name) of a list, through its map; -1 if none. */
long rri_find_section_in(const rri_map *m, const rri_section *v,
                         const char *name, size_t n)
{
    size_t it = 0, i;
    uint64_t h = rri_hash(RRI_HASH0, name, n);
    while (rri_map_next(m, h, &it, &i))
        if (strlen(v[i].name) == n && memcmp(v[i].name, name, n) == 0)
            return (long)i;
    return -1;
}

long rri_find_setting_in(const rri_map *m, const rri_setting *v,
                         const char *section, const char *name)
{
    size_t it = 0, i;
    uint64_t h = rri_set_hash(section, name);
    while (rri_map_next(m, h, &it, &i))
        if (strcmp(v[i].section, section) == 0 && strcmp(v[i].name, name) == 0)
            return (long)i;
    return -1;
}

long rri_setting_find(const rr_scenario *sc, const char *section,
                      const char *name)
{
    return rri_find_setting_in(&sc->set_map, sc->settings, section, name);
}

long rri_section_find(const rr_scenario *sc, const char *name)
{
    return rri_find_section_in(&sc->sec_map, sc->sections, name, strlen(name));
}

long rri_stage_index(const rr_scenario *sc, const char *name)
{
    size_t it = 0, i;
    uint64_t h = rri_hash_str(RRI_HASH0, name);
    while (rri_map_next(&sc->stage_map, h, &it, &i))
        if (strcmp(sc->sections[sc->stages[i]].sub, name) == 0)
            return (long)i;
    return -1;
}

long rri_param_index(const rr_scenario *sc, const char *name, size_t n)
{
    size_t it = 0, i;
    uint64_t h = rri_hash(RRI_HASH0, name, n);
    while (rri_map_next(&sc->param_map, h, &it, &i)) {
        const char *pn = sc->settings[sc->params[i]].name;
        if (strlen(pn) == n && memcmp(pn, name, n) == 0)
            return (long)i;
    }
    return -1;
}

long rri_country_row(const rr_scenario *sc, const char *code, size_t n)
{
    if (sc->countries_input < 0)
        return -1;
    const rr_table *t = sc->inputs[sc->countries_input].table;
    size_t c = (size_t)rr_table_col(t, "country"), it = 0, r;
    uint64_t h = rri_hash(RRI_HASH0, code, n);
    while (rri_map_next(&sc->country_map, h, &it, &r)) {
        const char *cc = rr_table_cell(t, r, c);
        if (strlen(cc) == n && memcmp(cc, code, n) == 0)
            return (long)r;
    }
    return -1;
}

const size_t *rri_section_settings(const rr_scenario *sc, const char *name,
                                   size_t *n)
{
    uint64_t h = rri_hash_str(RRI_HASH0, name);
    size_t it = 0, g;
    *n = 0;
    while (rri_map_next(&sc->group_map, h, &it, &g))
        if (strcmp(sc->group_name[g], name) == 0) {
            *n = sc->group_count[g];
            return sc->by_section + sc->group_start[g];
        }
    return sc->by_section;
}

/* }=================================================================== */
