/*
 * load.c - rr_scenario_load: the steps of reading a scenario, in order
 * (read.c, check.c, inputs.c, events.c), and the raw scenario's
 * accessors.  Resolving it into a plan is plan.c's (rr_scenario_plan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "scenario_int.h"

void rr_scenario_destroy(rr_scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n_inputs; i++)
        rr_table_destroy(sc->inputs[i].table);
    for (size_t i = 0; i < sc->n_emps; i++)
        rr_empirical_destroy(sc->emps[i].emp);
    for (size_t i = 0; i < sc->n_files; i++)
        free(sc->files[i].text);
    free(sc->files);
    free(sc->inputs);
    free(sc->emps);
    free(sc->sections);
    free(sc->settings);
    free(sc->replaced);
    free(sc->ov);
    free(sc->left);
    rri_map_fini(&sc->ix.target_map);
    rri_map_fini(&sc->sec_map);
    rri_map_fini(&sc->set_map);
    rri_map_fini(&sc->group_map);
    rri_map_fini(&sc->stage_map);
    rri_map_fini(&sc->param_map);
    rri_map_fini(&sc->country_map);
    rri_map_fini(&sc->input_map);
    rri_map_fini(&sc->ov_map);
    rri_arena_free(&sc->arena);
    free(sc);
}

int rr_scenario_load(const char *path, const char *const *overrides,
                     size_t n_overrides, rr_scenario **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    rr_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return rr_err_set(err, errlen, RR_ENOMEM, "out of memory");
    sc->countries_input = sc->schedule_input = sc->caseload_input = -1;
    sc->hash = RRI_HASH0;
    rri_notes nt = {0};
    int rc = RR_ENOMEM;
    sc->path = rri_strdup(&sc->arena, path);
    const char *slash = strrchr(path, '/');
    sc->dir =
        rri_strndup(&sc->arena, path, slash ? (size_t)(slash - path) + 1 : 0);
    if (!sc->path || !sc->dir)
        rr_err_set(err, errlen, rc, "out of memory");
    else if ((rc = rri_read(sc, &nt, err, errlen)) == RR_OK &&
             (rc = rri_check_sections(sc, err, errlen)) == RR_OK &&
             (rc = rri_check_keys(sc, err, errlen)) == RR_OK &&
             (rc = rri_attach_notes(sc, &nt, err, errlen)) == RR_OK &&
             (rc = rri_check_params_written(sc, err, errlen)) == RR_OK &&
             (rc = rri_apply_overrides(sc, overrides, n_overrides, err,
                                       errlen)) == RR_OK &&
             (rc = rri_check_required(sc, err, errlen)) == RR_OK &&
             (rc = rri_build_params(sc, err, errlen)) == RR_OK &&
             (rc = rri_build_by_section(sc, err, errlen)) == RR_OK &&
             (rc = rri_load_tables(sc, err, errlen)) == RR_OK &&
             (rc = rri_build_changes(sc, err, errlen)) == RR_OK)
        rc = rri_build_uncertain(sc, err, errlen);
    free(nt.v);
    if (rc != RR_OK) {
        rr_scenario_destroy(sc);
        return rc;
    }
    *out = sc;
    return RR_OK;
}

/* {===================================================================
 * Accessors
 * ==================================================================== */

size_t rr_scenario_n_settings(const rr_scenario *sc)
{
    return sc->n_settings;
}

const rr_setting *rr_scenario_setting(const rr_scenario *sc, size_t i)
{
    return i < sc->n_settings ? &sc->settings[i].pub : NULL;
}

const char *rr_scenario_resolved_value(const rr_scenario *sc, size_t i,
                                       char *buf, size_t n)
{
    if (!buf || !n)
        return buf;
    buf[0] = '\0';
    if (i >= sc->n_settings)
        return buf;
    char msg[256];
    const char *t = rri_resolved_setting((rr_scenario *)sc, i, msg, sizeof msg);
    snprintf(buf, n, "%s", t ? t : sc->settings[i].pub.value);
    return buf;
}

size_t rr_scenario_n_inputs(const rr_scenario *sc)
{
    return sc->n_inputs;
}

const char *rr_scenario_input_written(const rr_scenario *sc, size_t i)
{
    return i < sc->n_inputs ? sc->inputs[i].written : NULL;
}

const char *rr_scenario_input_path(const rr_scenario *sc, size_t i)
{
    return i < sc->n_inputs ? sc->inputs[i].path : NULL;
}

const char *rr_scenario_path(const rr_scenario *sc)
{
    return sc->path;
}

size_t rr_scenario_n_files(const rr_scenario *sc)
{
    return sc->n_files;
}

const char *rr_scenario_file(const rr_scenario *sc, size_t i)
{
    return i < sc->n_files ? sc->files[i].path : NULL;
}

/* rr_scenario_hash - the INI bytes, then each table's bytes in the order
 * they were read (tables of empirical distributions are read when the
 * scenario is planned). */
uint64_t rr_scenario_hash(const rr_scenario *sc)
{
    return sc->hash;
}

/* }=================================================================== */
