/*
 * keylist.c - `rrsim check --keys`: every dotted key of a scenario that
 * --set and --vary accept, one per line, for shell completion and for
 * people looking for a key's exact spelling.
 *
 * The keys are those of the sections the listing of `rrsim check` shows
 * (listing.c): the settings written, then the fixed keys not written, of
 * every section in file order, then of the sections that hold only
 * defaults.  A [parameters] entry is addressed by its name alone; every
 * other key by SECTION.KEY ("stage.rds.servers", "scenario.seed").  A
 * family (route.NAME) appears with the members written.
 */
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

static void print_key(FILE *f, const rri_section *s, const char *section,
                      const char *key)
{
    if (s->kind == RRI_SEC_PARAMETERS)
        fprintf(f, "%s\n", key);
    else
        fprintf(f, "%s.%s\n", section, key);
}

static void section_keys(rr_scenario *sc, FILE *f, const char *name,
                         const rri_section *s)
{
    size_t nd, ns;
    const rri_keydef *d = rri_keydefs(s->kind, &nd);
    const size_t *own = rri_section_settings(sc, name, &ns);
    for (size_t k = 0; k < ns; k++)
        print_key(f, s, name, sc->settings[own[k]].name);
    for (size_t j = 0; j < nd; j++)
        if (!rri_keydef_family(&d[j]) &&
            rri_setting_find(sc, name, d[j].name) < 0)
            print_key(f, s, name, d[j].name);
}

void rr_scenario_print_keys(rr_scenario *sc, FILE *f)
{
    for (size_t i = 0; i < sc->n_sections; i++)
        section_keys(sc, f, sc->sections[i].name, &sc->sections[i]);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        const char *name = rri_sec_name(k);
        if (k == RRI_SEC_PARAMETERS || rri_sec_named((rri_sec_kind)k) ||
            rri_section_find(sc, name) >= 0)
            continue;
        rri_section tmp = {(rri_sec_kind)k, (char *)name, "", 0, 0};
        section_keys(sc, f, name, &tmp);
    }
}
