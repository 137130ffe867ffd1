/*
 * listing.c - `rrsim check`: every setting with its resolved value, the
 * text as written when it differs, and its source note, section by
 * section; the defaults of the keys not written; then the epochs.  This is
 * for people to read: its format may change freely, since nothing reads it
 * back (scenario.resolved.ini is written by write.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

static void print_line(FILE *f, const char *key, const char *value,
                       const char *raw, const char *note)
{
    int w = fprintf(f, "%s = %s", key, value);
    if (raw && strcmp(raw, value) != 0) {
        fprintf(f, "%*s[%s]", w < 40 ? 40 - w : 4, "", raw);
        w = 41;
    }
    if (note && *note)
        fprintf(f, "%*s# %s", w < 40 ? 40 - w : 4, "", note);
    fputc('\n', f);
}

/* default_text - the default shown for a key not written: its value, or
 * what its absence means. */
static const char *default_text(const rr_scenario *sc, const rri_section *s,
                                const rri_keydef *d)
{
    const char *v = rri_default_value(sc, s, d);
    if (v)
        return v;
    if (s->kind == RRI_SEC_SCENARIO && strcmp(d->name, "title") == 0)
        return "(the name)";
    if (s->kind == RRI_SEC_STAGE && strcmp(d->name, "channel") == 0)
        return "(keep)";
    return NULL;
}

/* print_section - a section's settings, then the defaults of the keys
 * not written; nothing for a section with neither. */
static void print_section(rr_scenario *sc, FILE *f, const char *name,
                          const rri_section *s)
{
    size_t nd, ns;
    const rri_keydef *d = rri_keydefs(s->kind, &nd);
    const size_t *own = rri_section_settings(sc, name, &ns);
    bool any = s->line > 0 || ns > 0;
    for (size_t j = 0; j < nd && !any; j++)
        any = !rri_keydef_family(&d[j]) && default_text(sc, s, &d[j]) != NULL;
    if (!any)
        return;
    fprintf(f, "[%s]\n", name);
    char buf[RR_TEXT_MAX * 2];
    for (size_t k = 0; k < ns; k++) {
        size_t i = own[k];
        const rri_setting *st = &sc->settings[i];
        rr_scenario_resolved_value(sc, i, buf, sizeof buf);
        const char *note = st->pub.note;
        if (st->pub.line == 0 && !note) {
            note = "from --set";
        } else {
            /* say where a value or note written in a base comes from
             * (texts in the arena: a listing is made once) */
            rri_arena *a = &sc->arena;
            const char *from = "", *nfrom = "";
            bool vbase = st->pub.line > 0 && st->file > 0;
            if (vbase)
                from = rri_printf(a, "from %s:%d", sc->files[st->file].name,
                                  st->pub.line);
            if (note && st->note_line > 0 && (st->note_file > 0 || vbase) &&
                (st->pub.line == 0 || st->note_file != st->file))
                nfrom =
                    rri_printf(a, "%snote from %s:%d", vbase ? "; " : "",
                               sc->files[st->note_file].name, st->note_line);
            if (!from || !nfrom)
                from = nfrom = ""; /* out of memory: the note alone */
            if (*from || *nfrom) {
                const char *w =
                    note ? rri_printf(a, "%s (%s%s)", note, from, nfrom) : from;
                if (w)
                    note = w;
            }
        }
        print_line(f, st->name, buf, st->pub.value, note);
    }
    for (size_t j = 0; j < nd; j++) {
        if (rri_keydef_family(&d[j]) ||
            rri_setting_find(sc, name, d[j].name) >= 0)
            continue;
        const char *t = default_text(sc, s, &d[j]);
        if (t)
            print_line(f, d[j].name, t, NULL, "default");
    }
    fputc('\n', f);
}

/* print_uncertain - the parameters' declared ranges: as written, the
 * distribution over the value's unit and its central 90%. */
static void print_uncertain(const rr_scenario *sc, FILE *f)
{
    if (sc->n_unc == 0)
        return;
    fprintf(f, "# assumption ranges: %zu uncertain parameter%s\n", sc->n_unc,
            sc->n_unc == 1 ? "" : "s");
    for (size_t i = 0; i < sc->n_unc; i++) {
        const rr_uncertain *u = &sc->unc[i];
        char v[48], lo[48], hi[48], q5[48], q95[48];
        rr_uncertain_show(u, u->value, v, sizeof v);
        rr_uncertain_show(u, u->dist_of.lo, lo, sizeof lo);
        rr_uncertain_show(u, u->dist_of.hi, hi, sizeof hi);
        rr_uncertain_show(u, rr_uncertain_draw(u, 0.05), q5, sizeof q5);
        rr_uncertain_show(u, rr_uncertain_draw(u, 0.95), q95, sizeof q95);
        fprintf(f, "%-24s %s %s = %s: %s on [%s, %s], 90%% within [%s, %s]%s%s "
                   "(%s:%d)\n",
                u->name, v, u->dist ? "dist" : "range", u->written,
                rr_udist_name(u->dist_of.kind), lo, hi, q5, q95,
                u->share ? ", a share" : "",
                u->integer ? ", whole numbers" : "", u->file, u->line);
    }
    fputc('\n', f);
}

void rr_scenario_print(rr_scenario *sc, FILE *f)
{
    fprintf(f, "# %s\n", sc->path);
    for (size_t i = 1; i < sc->n_files; i++)
        fprintf(f, "# based on %s\n", sc->files[i].name);
    /* written sections in file order, then defaults-only sections */
    for (size_t i = 0; i < sc->n_sections; i++)
        print_section(sc, f, sc->sections[i].name, &sc->sections[i]);
    for (int k = 0; k < RRI_SEC_COUNT; k++) {
        const char *name = rri_sec_name(k);
        if (k == RRI_SEC_PARAMETERS || rri_sec_named((rri_sec_kind)k) ||
            rri_section_find(sc, name) >= 0)
            continue;
        rri_section tmp = {(rri_sec_kind)k, (char *)name, "", 0, 0};
        print_section(sc, f, name, &tmp);
    }
    print_uncertain(sc, f);
    const rr_plan *plan;
    char err[1024];
    if (rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        fprintf(f, "# not resolved: %s\n", err);
        return;
    }
    const rr_config *c0 = plan->cfg[0];
    fprintf(f, "# epochs\n");
    for (size_t i = 0; i < plan->n_epochs; i++) {
        char date[16];
        rr_date_format(rr_date_from_days(rr_date_days(c0->start) +
                                         (long)floor(plan->t[i])),
                       date, sizeof date);
        fprintf(f, "%s  day %-6g", date, plan->t[i]);
        bool any = false;
        for (size_t e = 0; e < plan->n_events; e++) {
            const rr_event_info *ev = &plan->events[e];
            if (ev->from <= plan->t[i] && plan->t[i] < ev->until) {
                fprintf(f, "%s%s", any ? ", " : "  ", ev->name);
                any = true;
            }
        }
        fprintf(f, "%s\n", any ? "" : "  (no events)");
    }
    char s0[16], s1[16], off[64] = "";
    rr_date_format(c0->start, s0, sizeof s0);
    rr_date_format(c0->end, s1, sizeof s1);
    if (sc->n_events > plan->n_events)
        snprintf(off, sizeof off, " (%zu disabled)",
                 sc->n_events - plan->n_events);
    fprintf(f,
            "# %zu stage%s, %zu countr%s, %zu event%s%s, %zu epoch%s, "
            "horizon %g days (%s to %s)\n",
            c0->n_stages, c0->n_stages == 1 ? "" : "s", c0->n_countries,
            c0->n_countries == 1 ? "y" : "ies", plan->n_events,
            plan->n_events == 1 ? "" : "s", off, plan->n_epochs,
            plan->n_epochs == 1 ? "" : "s", c0->horizon, s0, s1);
}
