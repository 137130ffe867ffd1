/*
 * refs.c - which parameters the settings use: every ${NAME} written in a
 * value, followed through the values of the parameters so used.  A
 * parameter that no setting uses changes nothing, so declaring one, or
 * changing one in a variant or by --set, is an error (read.c, check.c);
 * scenario.resolved.ini declares only the parameters its values use
 * (write.c).
 *
 * The scan is the reader's: "${", then the name is everything up to the
 * next '}'.  Names that are no parameter are skipped here (they are
 * errors of their own, with their place, when the values are resolved).
 *
 * Cost: linear in the text of the values scanned; each parameter's value
 * is scanned once, when it is first found used.
 */
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

bool rri_ref_next(const char **s, const char **name, size_t *n)
{
    const char *a = strstr(*s, "${"), *e;
    if (!a || !(e = strchr(a + 2, '}')))
        return false;
    *name = a + 2;
    *n = (size_t)(e - a - 2);
    *s = e + 1;
    return true;
}

long rri_param_setting(const rr_scenario *sc, const char *name, size_t n)
{
    static const char sec[] = "parameters";
    uint64_t h = rri_hash(rri_hash_str(RRI_HASH0, sec), "\n", 1);
    size_t it = 0, i;
    h = rri_hash(h, name, n);
    while (rri_map_next(&sc->set_map, h, &it, &i)) {
        const rri_setting *st = &sc->settings[i];
        if (strcmp(st->section, sec) == 0 && strlen(st->name) == n &&
            memcmp(st->name, name, n) == 0)
            return (long)i;
    }
    return -1;
}

bool rri_is_param(const rri_setting *st)
{
    return strcmp(st->section, "parameters") == 0;
}

/* mark - every parameter text t uses that is not marked yet, marked and
 * queued. */
static void mark(const rr_scenario *sc, const char *t, bool *used,
                 size_t *queue, size_t *tail)
{
    const char *name;
    size_t n;
    while (t && rri_ref_next(&t, &name, &n)) {
        long p = rri_param_setting(sc, name, n);
        if (p >= 0 && !used[p]) {
            used[p] = true;
            queue[(*tail)++] = (size_t)p;
        }
    }
}

int rri_params_used(const rr_scenario *sc, rri_text_fn *text, void *ctx,
                    bool *used)
{
    size_t n = sc->n_settings, head = 0, tail = 0;
    size_t *queue = malloc((n + 1) * sizeof *queue);
    if (!queue)
        return RR_ENOMEM;
    memset(used, 0, n * sizeof *used);
    for (size_t i = 0; i < n; i++)
        if (!rri_is_param(&sc->settings[i]))
            mark(sc, text(sc, i, ctx), used, queue, &tail);
    while (head < tail) {
        size_t p = queue[head++];
        mark(sc, text(sc, p, ctx), used, queue, &tail);
    }
    free(queue);
    return RR_OK;
}

const char *rri_value_text(const rr_scenario *sc, size_t i, void *ctx)
{
    const rri_setting *st = &sc->settings[i];
    RR_UNUSED(ctx);
    if (strcmp(st->section, "scenario") == 0 &&
        (strcmp(st->name, "base") == 0 ||
         strcmp(st->name, "left_unused") == 0 ||
         strncmp(st->name, "override.", 9) == 0))
        return NULL; /* never substituted */
    return st->pub.value;
}

const char *rri_used_only_by(const rr_scenario *sc, size_t p)
{
    const char *pn = sc->settings[p].name, *name;
    size_t len = strlen(pn), n;
    for (size_t i = 0; i < sc->n_settings; i++) {
        const rri_setting *st = &sc->settings[i];
        if (!rri_is_param(st) || i == p)
            continue;
        for (const char *t = st->pub.value; rri_ref_next(&t, &name, &n);)
            if (n == len && memcmp(name, pn, n) == 0)
                return st->name;
    }
    return NULL;
}
