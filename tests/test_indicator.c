/*
 * test_indicator.c - the indicator registry against what rrsim 0.1 says.
 *
 * The tables below are copies of the vocabulary as it stood in four files
 * before the registry (model.c fixed_metric, fixed_kpi, fixed_kpi_unit;
 * fit.c's sums; plot.c's chart words and display_name; main.c's sweep
 * columns).  They are the only place these strings are written outside
 * the registry, on purpose: a registry that drifts from them changes the
 * CSV files or the charts, and fails here.  The layouts the model builds
 * for every shipped scenario are checked against the registry's order too,
 * and docs/outputs.md against its descriptions.
 */
#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "rr_common.h"
#include "rr_indicator.h"
#include "rr_model.h"
#include "rr_scenario.h"

/* ---- copies of 0.1's tables --------------------------------------------- */

/* model.c */
static const char *const fixed_metric[] = {
    "arrivals",
    "arrivals_remigration",
    "departures_voluntary_iom",
    "departures_voluntary_ngo",
    "departures_voluntary_self",
    "departures_forced",
    "departures_unsupervised",
    "departures_closed",
    "caseload_total",
    "detention_occupancy",
    "time_to_departure_mean_days",
};

static const char *const fixed_kpi[] = {
    "departures_voluntary_iom",
    "departures_voluntary_ngo",
    "departures_voluntary_self",
    "departures_forced",
    "departures_unsupervised",
    "departures_closed",
    "departures_verified",
    "arrivals",
    "iom_share_assisted_voluntary",
    "time_to_departure_mean_days",
    "time_to_departure_median_days",
    "time_to_departure_p90_days",
    "caseload_start",
    "caseload_end",
    "detention_occupancy_mean",
    "reintegration_sustainable_share",
    "reintegration_supported_share",
};

static const char *const fixed_kpi_unit[] = {
    "persons", "persons", "persons", "persons", "persons", "persons",
    "persons", "persons", "share",   "days",    "days",    "days",
    "persons", "persons", "persons", "share",   "share",
};

/* fit.c */
static const char *const fit_independent[] = {
    "departures_voluntary_iom", "departures_voluntary_ngo",
    "departures_voluntary_self", NULL};
static const char *const fit_verified[] = {
    "departures_voluntary_iom", "departures_voluntary_ngo",
    "departures_voluntary_self", "departures_forced", NULL};
static const char *const fit_total[] = {
    "departures_voluntary_iom", "departures_voluntary_ngo",
    "departures_voluntary_self", "departures_forced",
    "departures_unsupervised", NULL}; /* DT&V's three kinds: no closed cases */

/* plot.c chart_departures */
static const char *const dep_metric[] = {
    "departures_voluntary_iom", "departures_voluntary_ngo",
    "departures_voluntary_self", "departures_forced",
    "departures_unsupervised"};
static const char *const dep_title[] = {"Voluntary via IOM", "Voluntary via NGO",
                                        "Self-arranged, verified", "Forced",
                                        "Without supervision"};

/* plot.c sweep_kpi */
static const struct {
    const char *kpi, *title;
    double mul;
} sweep_kpi[] = {
    {"departures_verified", "Verified departures, persons", 1},
    {"departures_unsupervised", "Departures without supervision, persons",
     1},
    {"iom_share_assisted_voluntary", "IOM share of assisted returns, %",
     100},
    {"time_to_departure_mean_days", "Mean days from entry to departure", 1},
    {"time_to_departure_p90_days", "Days until 90% have departed", 1},
    {"caseload_end", "Caseload at the end, persons", 1}};

/* plot.c cmp_words */
static const struct {
    const char *kpi;
    int panel;
    const char *section, *label;
} cmp_words[] = {
    {"departures_voluntary_iom", 0, "Departures", "Voluntary, with IOM"},
    {"departures_voluntary_ngo", 0, "Departures", "Voluntary, with an NGO"},
    {"departures_voluntary_self", 0, "Departures",
     "Self-arranged, verified"},
    {"departures_forced", 0, "Departures", "Forced"},
    {"departures_verified", 0, "Departures", "Verified (the four above)"},
    {"departures_unsupervised", 0, "Departures", "Without supervision"},
    {"arrivals", 0, "Caseload", "New cases (arrivals)"},
    {"departures_closed", 0, "Caseload", "Closed otherwise (e.g. permit)"},
    {"caseload_start", 0, "Caseload", "At the start"},
    {"caseload_end", 0, "Caseload", "At the end"},
    {"detention_occupancy_mean", 0, "Caseload", "In detention, on average"},
    {"reintegration_sustainable_share", 2, "Shares",
     "Sustainable reintegrations"},
    {"reintegration_supported_share", 2, "Shares",
     "Returnees given support"},
    {"reintegration_none", 0, "Reintegration provider",
     "No provider"},
    {"reintegration_", 0, "Reintegration provider", NULL},
    {"time_to_departure_mean_days", 1, "Time from entry to departure",
     "Mean"},
    {"time_to_departure_median_days", 1, "Time from entry to departure",
     "Median"},
    {"time_to_departure_p90_days", 1, "Time from entry to departure",
     "90% have departed within"},
    {"iom_share_assisted_voluntary", 2, "Shares",
     "IOM share of assisted returns"}};

static const char *const cmp_sections[] = {
    "Departures", "Caseload", "Reintegration provider",
    "Time from entry to departure", "Shares"};

/* plot.c fit_title */
static const char *const fit_words[][2] = {
    {"departures_independent",
     "Independent departures (IOM, NGO, self-arranged)"},
    {"departures_verified", "Verified departures (independent, forced)"},
    {"departures_total", "All departures"},
    {"departures_voluntary_iom", "Voluntary departures with IOM"},
    {"departures_voluntary_ngo", "Voluntary departures with an NGO"},
    {"departures_voluntary_self", "Self-arranged departures, verified"},
    {"departures_forced", "Forced returns"},
    {"departures_unsupervised", "Departures without supervision"},
    {"departures_closed", "Cases closed otherwise (e.g. permit)"},
    {"intake", "Intake (new cases, re-migrants not counted)"},
    {"arrivals", "Arrivals, re-migrants included"},
    {"arrivals_remigration", "Re-migrants coming back"},
    {"caseload_total", "Caseload at the year's end"},
    {"reintegration_none", "Returnees without reintegration provider"}};

/* main.c cmd_sweep's columns on the terminal */
static const char *const sweep_shown[] = {
    "departures_verified", "departures_unsupervised",
    "iom_share_assisted_voluntary", "time_to_departure_mean_days",
    "caseload_end"};

/* plot.c display_name */
static void old_display_name(const char *name, char *buf, size_t n)
{
    static const char *const acr[][2] = {
        {"rds", "R&DS"}, {"iom", "IOM"}, {"ngo", "NGO"}, {"errin", "ERRIN"}};
    size_t o = 0;
    const char *p = name;
    bool first = true;
    buf[0] = '\0';
    while (*p && o + 1 < n) {
        size_t len = strcspn(p, "_");
        const char *word = NULL;
        for (size_t i = 0; i < RR_COUNTOF(acr); i++)
            if (strlen(acr[i][0]) == len && strncmp(p, acr[i][0], len) == 0)
                word = acr[i][1];
        if (!first && o + 1 < n)
            buf[o++] = ' ';
        if (word) {
            o += (size_t)snprintf(buf + o, n - o, "%s", word);
        } else {
            for (size_t i = 0; i < len && o + 1 < n; i++)
                buf[o++] = (char)(first && i == 0 && p[i] >= 'a' && p[i] <= 'z'
                                      ? p[i] - 'a' + 'A'
                                      : p[i]);
        }
        if (o >= n)
            o = n - 1;
        buf[o] = '\0';
        first = false;
        p += len;
        if (*p == '_')
            p++;
    }
}

/* plot.c fit_title, with display_name */
static void old_fit_title(const char *ind, char *buf, size_t n)
{
    char nm[96];
    for (size_t i = 0; i < RR_COUNTOF(fit_words); i++)
        if (strcmp(ind, fit_words[i][0]) == 0) {
            snprintf(buf, n, "%s", fit_words[i][1]);
            return;
        }
    if (strncmp(ind, "caseload_", 9) == 0) {
        old_display_name(ind + 9, nm, sizeof nm);
        snprintf(buf, n, "Caseload at the year's end: %s", nm);
    } else if (strncmp(ind, "reintegration_", 14) == 0) {
        old_display_name(ind + 14, nm, sizeof nm);
        snprintf(buf, n, "Returnees with reintegration by %s", nm);
    } else {
        snprintf(buf, n, "%s", ind);
    }
}

/* fit.c's rule: which metrics give a yearly figure, and how */
static int old_fit_yearly(const char *ind)
{
    bool stock = strncmp(ind, "caseload_", 9) == 0;
    if (!stock && (strcmp(ind, "detention_occupancy") == 0 ||
                   strcmp(ind, "time_to_departure_mean_days") == 0))
        return 0; /* refused: averages, not flows */
    return stock ? 2 : 1;
}

/* ---- helpers ------------------------------------------------------------ */

static const rr_indicator *ind_of(rr_ind_id id)
{
    return &rr_indicators[id];
}

static const char *label_as(const char *name, rr_label_style s)
{
    static char buf[256];
    if (rr_indicator_label_as(name, s, buf, sizeof buf) != RR_OK)
        snprintf(buf, sizeof buf, "(not found: %s)", name);
    return buf;
}

static size_t count_sub(const char *s, const char *sub)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, sub)) != NULL; p += strlen(sub))
        n++;
    return n;
}

/* expand - the names (and units) of an order list for these stages and
 * providers, as the model lays them out. */
static size_t expand(const rr_ind_id *order, size_t n,
                     const char *const *stages, size_t ns,
                     const char *const *providers, size_t np,
                     char names[][96], const char **units, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const rr_indicator *e = ind_of(order[i]);
        const char *const *m = NULL;
        size_t nm = 1;
        if (e->member == RR_MEMBER_STAGE)
            m = stages, nm = ns;
        else if (e->member == RR_MEMBER_PROVIDER)
            m = providers, nm = np;
        for (size_t j = 0; j < nm && k < cap; j++, k++) {
            rr_indicator_name(e, m ? m[j] : NULL, names[k], sizeof names[k]);
            units[k] = rr_indicator_unit_name(e->unit);
        }
    }
    return k;
}

/* ---- the table itself --------------------------------------------------- */

static void test_table(void)
{
    int prev_group = -1;
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        const rr_indicator *e = &rr_indicators[i];
        bool fam = e->member != RR_MEMBER_NONE;
        CHECK_MSG(e->id == (rr_ind_id)i, "%s: id %d at %zu", e->name,
                  (int)e->id, i);
        CHECK_MSG(e->name && *e->name, "entry %zu has a name", i);
        CHECK_MSG(e->flags != 0 &&
                      (e->flags & ~(unsigned)(RR_IND_METRIC | RR_IND_KPI |
                                              RR_IND_DERIVED)) == 0,
                  "%s: flags %u", e->name, e->flags);
        for (size_t j = 0; j < i; j++)
            CHECK_MSG(strcmp(rr_indicators[j].name, e->name) != 0,
                      "%s twice", e->name);
        /* a family's name and labels have one %s, at the end of the name */
        if (fam) {
            size_t n = strlen(e->name);
            CHECK_MSG(count_sub(e->name, "%s") == 1 && n > 2 &&
                          strcmp(e->name + n - 2, "%s") == 0,
                      "%s: a family's name ends in %%s", e->name);
        } else {
            CHECK_MSG(strchr(e->name, '%') == NULL, "%s: no %%", e->name);
        }
        CHECK_MSG(e->label[RR_LABEL_PLAIN] && *e->label[RR_LABEL_PLAIN],
                  "%s: a plain label", e->name);
        for (int s = 0; s < RR_LABEL_STYLES; s++)
            if (e->label[s])
                CHECK_MSG(fam ? count_sub(e->label[s], "%s") == 1
                              : count_sub(e->label[s], "%s") == 0,
                          "%s: label %d '%s'", e->name, s, e->label[s]);
        /* descriptions where it appears */
        CHECK_MSG((e->desc != NULL) ==
                      ((e->flags & (RR_IND_METRIC | RR_IND_DERIVED)) != 0),
                  "%s: desc iff metric or derived", e->name);
        CHECK_MSG((e->kpi_desc != NULL) == ((e->flags & RR_IND_KPI) != 0),
                  "%s: kpi_desc iff KPI", e->name);
        /* parts iff derived; parts are plain metrics */
        CHECK_MSG((e->parts != NULL) == ((e->flags & RR_IND_DERIVED) != 0) &&
                      (e->parts != NULL) == (e->n_parts > 0),
                  "%s: parts iff derived", e->name);
        for (size_t p = 0; p < e->n_parts; p++) {
            const rr_indicator *q = ind_of(e->parts[p].id);
            CHECK_MSG((q->flags & RR_IND_METRIC) &&
                          q->member == RR_MEMBER_NONE &&
                          q->kind == RR_KIND_FLOW &&
                          q->unit == e->unit &&
                          (e->parts[p].sign == 1 || e->parts[p].sign == -1),
                      "%s: part %s", e->name, q->name);
        }
        /* kinds and units agree */
        CHECK_MSG((e->kind == RR_KIND_SHARE) == (e->unit == RR_UNIT_SHARE),
                  "%s: a share is in unit share", e->name);
        CHECK_MSG((e->kind == RR_KIND_QUANTILE) ==
                      (e->level > 0 && e->level < 1),
                  "%s: level %g", e->name, e->level);
        /* reading order: each group in one run, groups in order */
        CHECK_MSG((int)e->group >= prev_group && e->group < RR_GROUP_COUNT,
                  "%s: group %d after %d", e->name, (int)e->group,
                  prev_group);
        prev_group = (int)e->group;
        CHECK(strcmp(rr_indicator_unit_name(e->unit), "?") != 0);
        CHECK(strcmp(rr_indicator_kind_name(e->kind), "?") != 0);
    }
    CHECK_STR(rr_indicator_unit_name(RR_UNIT_PERSONS), "persons");
    CHECK_STR(rr_indicator_unit_name(RR_UNIT_DAYS), "days");
    CHECK_STR(rr_indicator_unit_name(RR_UNIT_SHARE), "share");
    CHECK_STR(rr_indicator_unit_name(RR_UNIT_COUNT), "?");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_FLOW), "flow");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_STOCK), "stock");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_MEAN), "mean");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_SHARE), "share");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_QUANTILE), "quantile");
    CHECK_STR(rr_indicator_kind_name(RR_KIND_COUNT), "?");
    for (int k = 0; k < RR_KIND_COUNT; k++)
        CHECK(strcmp(rr_indicator_kind_text((rr_ind_kind)k), "?") != 0);
    CHECK_STR(rr_indicator_kind_text(RR_KIND_COUNT), "?");
    CHECK_EQ(ind_of(RR_IND_TIME_TO_DEPARTURE_MEDIAN)->level, 0.5);
    CHECK_EQ(ind_of(RR_IND_TIME_TO_DEPARTURE_P90)->level, 0.9);
}

/* ---- output order -------------------------------------------------------- */

static void test_order(void)
{
    static const char *const stages[] = {"rds", "ngo_a", "detention"};
    static const char *const providers[] = {"iom", "errin"};
    char names[64][96];
    const char *units[64];
    size_t n, nf;

    /* metrics: the fixed ones, then per stage, per provider, none */
    n = expand(rr_indicator_metrics, rr_indicator_n_metrics, stages, 3,
               providers, 2, names, units, 64);
    nf = RR_COUNTOF(fixed_metric);
    CHECK_EQ(n, nf + 3 + 2 + 1);
    for (size_t i = 0; i < nf && i < n; i++)
        CHECK_STR(names[i], fixed_metric[i]);
    CHECK_STR(names[nf], "caseload_rds");
    CHECK_STR(names[nf + 1], "caseload_ngo_a");
    CHECK_STR(names[nf + 2], "caseload_detention");
    CHECK_STR(names[nf + 3], "reintegration_iom");
    CHECK_STR(names[nf + 4], "reintegration_errin");
    CHECK_STR(names[nf + 5], "reintegration_none");
    for (size_t i = 0; i < rr_indicator_n_metrics; i++)
        CHECK(ind_of(rr_indicator_metrics[i])->flags & RR_IND_METRIC);

    /* KPIs: the fixed ones with their units, then per provider, none */
    n = expand(rr_indicator_kpis, rr_indicator_n_kpis, stages, 3, providers,
               2, names, units, 64);
    nf = RR_COUNTOF(fixed_kpi);
    CHECK_EQ(n, nf + 2 + 1);
    for (size_t i = 0; i < nf && i < n; i++) {
        CHECK_STR(names[i], fixed_kpi[i]);
        CHECK_STR(units[i], fixed_kpi_unit[i]);
    }
    CHECK_STR(names[nf], "reintegration_iom");
    CHECK_STR(names[nf + 1], "reintegration_errin");
    CHECK_STR(names[nf + 2], "reintegration_none");
    for (size_t i = nf; i < n; i++)
        CHECK_STR(units[i], "persons");
    for (size_t i = 0; i < rr_indicator_n_kpis; i++)
        CHECK(ind_of(rr_indicator_kpis[i])->flags & RR_IND_KPI);

    /* every metric and KPI of the table is in its list once */
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        size_t in_m = 0, in_k = 0;
        for (size_t j = 0; j < rr_indicator_n_metrics; j++)
            in_m += rr_indicator_metrics[j] == (rr_ind_id)i;
        for (size_t j = 0; j < rr_indicator_n_kpis; j++)
            in_k += rr_indicator_kpis[j] == (rr_ind_id)i;
        CHECK_MSG(in_m == ((rr_indicators[i].flags & RR_IND_METRIC) ? 1u : 0u),
                  "%s: %zu times in the metrics", rr_indicators[i].name, in_m);
        CHECK_MSG(in_k == ((rr_indicators[i].flags & RR_IND_KPI) ? 1u : 0u),
                  "%s: %zu times in the KPIs", rr_indicators[i].name, in_k);
    }

    /* no stages, no providers: the families vanish */
    n = expand(rr_indicator_metrics, rr_indicator_n_metrics, stages, 0,
               providers, 0, names, units, 64);
    CHECK_EQ(n, RR_COUNTOF(fixed_metric) + 1);
    CHECK_STR(names[n - 1], "reintegration_none");

    /* the departure kinds, in the scenario layer's order and words */
    for (int k = 0; k < RR_DEP_COUNT; k++) {
        char want[96];
        snprintf(want, sizeof want, "departures_%s",
                 rr_departure_name((rr_departure)k));
        CHECK_STR(ind_of(rr_indicator_departures[k])->name, want);
    }
    CHECK_EQ(RR_IND_N_DEPARTURE_KINDS, RR_DEP_COUNT);
}

/* The layout rr_layout_make builds for each shipped scenario is the
 * registry's expansion, name for name and unit for unit. */
static void test_layouts(void)
{
    DIR *d = opendir("scenarios");
    struct dirent *de;
    size_t checked = 0;

    if (!d) {
        CHECK_SKIP("no scenarios/ folder here (run from the top folder)");
        return;
    }
    while ((de = readdir(d)) != NULL) {
        char path[512], err[1024] = "";
        rr_scenario *sc = NULL;
        const rr_plan *plan;
        rr_layout l;
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".ini") != 0)
            continue;
        snprintf(path, sizeof path, "scenarios/%s", de->d_name);
        if (rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) != RR_OK ||
            rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
            CHECK_MSG(false, "%s: %s", path, err);
            rr_scenario_destroy(sc);
            continue;
        }
        if (rr_layout_make(plan, &l) != RR_OK) {
            CHECK_MSG(false, "%s: layout", path);
            rr_scenario_destroy(sc);
            continue;
        }
        {
            const rr_config *c = plan->cfg[0];
            const char **st = calloc(c->n_stages + 1, sizeof *st);
            const char **pr = calloc(c->n_providers + 1, sizeof *pr);
            char(*names)[96] = calloc(256, sizeof *names);
            const char **units = calloc(256, sizeof *units);
            size_t nm, nk;
            bool same = true;
            if (st && pr && names && units) {
                for (size_t i = 0; i < c->n_stages; i++)
                    st[i] = c->stages[i].name;
                for (size_t i = 0; i < c->n_providers; i++)
                    pr[i] = c->providers[i].name;
                nm = expand(rr_indicator_metrics, rr_indicator_n_metrics, st,
                            c->n_stages, pr, c->n_providers, names, units,
                            256);
                CHECK_MSG(nm == l.n_metrics, "%s: %zu metrics, model %zu",
                          path, nm, l.n_metrics);
                for (size_t i = 0; i < nm && i < l.n_metrics; i++)
                    if (strcmp(names[i], l.metric[i]) != 0) {
                        CHECK_MSG(false, "%s: metric %zu: %s, model %s", path,
                                  i, names[i], l.metric[i]);
                        same = false;
                    }
                nk = expand(rr_indicator_kpis, rr_indicator_n_kpis, st,
                            c->n_stages, pr, c->n_providers, names, units,
                            256);
                CHECK_MSG(nk == l.n_kpis, "%s: %zu KPIs, model %zu", path,
                          nk, l.n_kpis);
                for (size_t i = 0; i < nk && i < l.n_kpis; i++)
                    if (strcmp(names[i], l.kpi[i]) != 0 ||
                        strcmp(units[i], l.kpi_unit[i]) != 0) {
                        CHECK_MSG(false, "%s: KPI %zu: %s (%s), model %s (%s)",
                                  path, i, names[i], units[i], l.kpi[i],
                                  l.kpi_unit[i]);
                        same = false;
                    }
                CHECK_MSG(same, "%s: the model's layout is the registry's",
                          path);
                /* and each name resolves to the entry it came from */
                for (size_t i = 0; i < l.n_metrics; i++) {
                    const char *m;
                    const rr_indicator *e =
                        rr_indicator_find_in(l.metric[i], RR_IND_METRIC, &m);
                    CHECK_MSG(e != NULL, "%s: metric %s", path, l.metric[i]);
                }
                for (size_t i = 0; i < l.n_kpis; i++) {
                    const rr_indicator *e =
                        rr_indicator_find_in(l.kpi[i], RR_IND_KPI, NULL);
                    CHECK_MSG(e && strcmp(rr_indicator_unit_name(e->unit),
                                          l.kpi_unit[i]) == 0,
                              "%s: KPI %s", path, l.kpi[i]);
                }
                checked++;
            } else {
                CHECK_MSG(false, "out of memory");
            }
            free(st);
            free(pr);
            free(names);
            free(units);
        }
        rr_layout_fini(&l);
        rr_scenario_destroy(sc);
    }
    closedir(d);
    CHECK_MSG(checked >= 2, "%zu shipped scenarios checked", checked);
}

/* ---- lookup -------------------------------------------------------------- */

static void test_find(void)
{
    const char *m = "x";
    const rr_indicator *e;
    const char *const *lists[] = {fixed_metric, fixed_kpi, sweep_shown};
    const size_t lens[] = {RR_COUNTOF(fixed_metric), RR_COUNTOF(fixed_kpi),
                           RR_COUNTOF(sweep_shown)};

    /* every name used today resolves to itself */
    for (size_t l = 0; l < RR_COUNTOF(lists); l++)
        for (size_t i = 0; i < lens[l]; i++) {
            e = rr_indicator_find(lists[l][i]);
            CHECK_MSG(e && strcmp(e->name, lists[l][i]) == 0, "%s",
                      lists[l][i]);
        }
    for (size_t i = 0; i < RR_COUNTOF(fit_words); i++) {
        e = rr_indicator_find(fit_words[i][0]);
        CHECK_MSG(e && strcmp(e->name, fit_words[i][0]) == 0, "%s",
                  fit_words[i][0]);
    }
    for (size_t i = 0; i < RR_COUNTOF(cmp_words); i++) {
        if (cmp_words[i].label == NULL)
            continue; /* the prefix entry */
        e = rr_indicator_find(cmp_words[i].kpi);
        CHECK_MSG(e && strcmp(e->name, cmp_words[i].kpi) == 0, "%s",
                  cmp_words[i].kpi);
    }
    for (size_t i = 0; i < RR_IND_COUNT; i++)
        if (rr_indicators[i].member == RR_MEMBER_NONE)
            CHECK(rr_indicator_find(rr_indicators[i].name) ==
                  &rr_indicators[i]);

    /* families, with the member */
    e = rr_indicator_find_in("caseload_rds", 0, &m);
    CHECK(e == ind_of(RR_IND_CASELOAD_STAGE));
    CHECK_STR(m, "rds");
    e = rr_indicator_find_in("reintegration_ngo-a", 0, &m);
    CHECK(e == ind_of(RR_IND_REINTEGRATION_PROVIDER));
    CHECK_STR(m, "ngo-a");
    e = rr_indicator_find_in("caseload_total", 0, &m);
    CHECK(e == ind_of(RR_IND_CASELOAD_TOTAL));
    CHECK(m == NULL);
    CHECK(rr_indicator_find("reintegration_none") ==
          ind_of(RR_IND_REINTEGRATION_NONE));
    CHECK(rr_indicator_find("reintegration_sustainable_share") ==
          ind_of(RR_IND_REINTEGRATION_SUSTAINABLE_SHARE));
    /* scoped: caseload_start is a KPI; among metrics, a stage's caseload */
    CHECK(rr_indicator_find_in("caseload_start", RR_IND_KPI, &m) ==
          ind_of(RR_IND_CASELOAD_START));
    CHECK(rr_indicator_find_in("caseload_start", RR_IND_METRIC, &m) ==
          ind_of(RR_IND_CASELOAD_STAGE));
    CHECK_STR(m, "start");
    CHECK(rr_indicator_find_in("caseload_rds", RR_IND_KPI, &m) == NULL);
    CHECK(m == NULL);
    CHECK(rr_indicator_find_in("departures_independent", RR_IND_METRIC,
                               NULL) == NULL);
    CHECK(rr_indicator_find_in("departures_independent",
                               RR_IND_METRIC | RR_IND_DERIVED, NULL) ==
          ind_of(RR_IND_DEPARTURES_INDEPENDENT));
    /* not names */
    CHECK(rr_indicator_find("caseload_") == NULL);
    CHECK(rr_indicator_find("caseload") == NULL);
    CHECK(rr_indicator_find("reintegration_") == NULL);
    CHECK(rr_indicator_find("") == NULL);
    CHECK(rr_indicator_find(NULL) == NULL);
    CHECK(rr_indicator_find("Arrivals") == NULL);
    CHECK(rr_indicator_find("arrivals ") == NULL);
    CHECK(rr_indicator_find("caseload_%s") == ind_of(RR_IND_CASELOAD_STAGE));
    CHECK(rr_indicator_find("kpi") == NULL);

    /* clashes of a member's name with a fixed indicator */
    CHECK(rr_indicator_clash(ind_of(RR_IND_CASELOAD_STAGE), "total") ==
          ind_of(RR_IND_CASELOAD_TOTAL));
    CHECK(rr_indicator_clash(ind_of(RR_IND_CASELOAD_STAGE), "start") == NULL);
    CHECK(rr_indicator_clash(ind_of(RR_IND_CASELOAD_STAGE), "rds") == NULL);
    CHECK(rr_indicator_clash(ind_of(RR_IND_REINTEGRATION_PROVIDER), "none") ==
          ind_of(RR_IND_REINTEGRATION_NONE));
    CHECK(rr_indicator_clash(ind_of(RR_IND_REINTEGRATION_PROVIDER),
                             "sustainable_share") ==
          ind_of(RR_IND_REINTEGRATION_SUSTAINABLE_SHARE));
    CHECK(rr_indicator_clash(ind_of(RR_IND_REINTEGRATION_PROVIDER), "iom") ==
          NULL);
    CHECK(rr_indicator_clash(ind_of(RR_IND_ARRIVALS), "x") == NULL);
    CHECK(rr_indicator_clash(ind_of(RR_IND_CASELOAD_STAGE), NULL) == NULL);
}

/* A lookup is cheap: a resolved name per row of a large CSV file costs
 * little.  CPU time, so a busy machine does not fail it; the bound is
 * loose (a few microseconds a lookup, sanitizers included) and catches
 * only a lookup gone wrong (allocating, quadratic). */
static void test_find_cost(void)
{
    static const char *const names[] = {
        "arrivals", "caseload_rds", "reintegration_iom",
        "iom_share_assisted_voluntary", "reintegration_none", "nothing",
        "time_to_departure_p90_days", "caseload_total"};
    const int n = 200000;
    size_t found = 0;
    clock_t t0 = clock(), t1;
    double per;
    for (int i = 0; i < n; i++)
        found += rr_indicator_find(names[i % RR_COUNTOF(names)]) != NULL;
    t1 = clock();
    per = (double)(t1 - t0) / CLOCKS_PER_SEC / n;
    CHECK_EQ(found, (size_t)n - (size_t)n / RR_COUNTOF(names));
    CHECK_MSG(per < 5e-6, "%.3g s per lookup", per);
}

/* ---- labels -------------------------------------------------------------- */

static void test_labels(void)
{
    char buf[256], old[256];

    /* departures.png */
    for (size_t i = 0; i < RR_COUNTOF(dep_metric); i++)
        CHECK_STR(label_as(dep_metric[i], RR_LABEL_SERIES), dep_title[i]);
    /* reintegration.png */
    CHECK_STR(label_as("reintegration_none", RR_LABEL_SERIES),
              "No reintegration provider");
    CHECK_STR(label_as("reintegration_iom", RR_LABEL_SERIES), "IOM");
    CHECK_STR(label_as("reintegration_frontex", RR_LABEL_SERIES), "Frontex");
    /* caseload.png */
    CHECK_STR(label_as("caseload_total", RR_LABEL_SERIES), "All stages");
    CHECK_STR(label_as("caseload_rds", RR_LABEL_SERIES), "R&DS");
    CHECK_STR(label_as("caseload_ngo_talks", RR_LABEL_SERIES), "NGO talks");

    /* sweep.png: the panels, and shares as percentages */
    for (size_t i = 0; i < RR_COUNTOF(sweep_kpi); i++) {
        const rr_indicator *e = rr_indicator_find(sweep_kpi[i].kpi);
        CHECK_STR(label_as(sweep_kpi[i].kpi, RR_LABEL_PANEL),
                  sweep_kpi[i].title);
        CHECK_EQ(e && e->unit == RR_UNIT_SHARE ? 100.0 : 1.0,
                 sweep_kpi[i].mul);
    }

    /* compare.png: section, words and panel of every entry */
    for (size_t i = 0; i < RR_COUNTOF(cmp_words); i++) {
        const char *name = cmp_words[i].kpi;
        char probe[96];
        const rr_indicator *e;
        if (!cmp_words[i].label) {
            snprintf(probe, sizeof probe, "%serrin_x", name);
            name = probe;
        }
        e = rr_indicator_find_in(name, RR_IND_KPI, NULL);
        CHECK_MSG(e != NULL, "%s", name);
        if (!e)
            continue;
        CHECK_STR(rr_indicator_groups[e->group], cmp_words[i].section);
        CHECK_EQ(e->unit == RR_UNIT_DAYS ? 1 : e->unit == RR_UNIT_SHARE ? 2 : 0,
                 cmp_words[i].panel);
        CHECK_STR(label_as(name, RR_LABEL_ITEM),
                  cmp_words[i].label ? cmp_words[i].label : "ERRIN x");
    }
    /* compare.png's order: sections as listed, within a section the
     * order of cmp_words; the registry's KPIs in reading order give both */
    for (size_t sec = 0; sec < RR_COUNTOF(cmp_sections); sec++) {
        const char *want[RR_COUNTOF(cmp_words)], *got[RR_IND_COUNT];
        char names[RR_IND_COUNT][96];
        size_t nw = 0, ng = 0;
        CHECK_STR(rr_indicator_groups[sec], cmp_sections[sec]);
        for (size_t i = 0; i < RR_COUNTOF(cmp_words); i++)
            if (strcmp(cmp_words[i].section, cmp_sections[sec]) == 0)
                want[nw++] = cmp_words[i].kpi;
        for (size_t i = 0; i < RR_IND_COUNT; i++) {
            const rr_indicator *e = &rr_indicators[i];
            if (e->group != sec || !(e->flags & RR_IND_KPI))
                continue;
            got[ng] = rr_indicator_name(e, "", names[ng], sizeof names[ng]);
            ng++;
        }
        CHECK_MSG(nw == ng, "%s: %zu indicators, registry %zu",
                  cmp_sections[sec], nw, ng);
        for (size_t i = 0; i < nw && i < ng; i++)
            CHECK_STR(got[i], want[i]);
    }

    /* fit.png */
    for (size_t i = 0; i < RR_COUNTOF(fit_words); i++)
        CHECK_STR(label_as(fit_words[i][0], RR_LABEL_YEARLY), fit_words[i][1]);
    {
        static const char *const names[] = {
            "caseload_rds", "caseload_ngo_a", "caseload_detention",
            "caseload_start", "reintegration_iom", "reintegration_errin",
            "reintegration_frontex", "reintegration_a_b_c"};
        for (size_t i = 0; i < RR_COUNTOF(names); i++) {
            const char *m;
            const rr_indicator *e = rr_indicator_find_in(
                names[i], RR_IND_METRIC | RR_IND_DERIVED, &m);
            old_fit_title(names[i], old, sizeof old);
            CHECK_MSG(e != NULL, "%s", names[i]);
            if (e)
                CHECK_STR(rr_indicator_entry_label(e, m, RR_LABEL_YEARLY, buf,
                                                   sizeof buf),
                          old);
        }
    }

    /* plain labels, and the fallback to them */
    CHECK_STR(label_as("caseload_rds", RR_LABEL_PLAIN), "Caseload: R&DS");
    CHECK_STR(label_as("arrivals", RR_LABEL_PANEL),
              "Arrivals, re-migrants included");
    CHECK_STR(label_as("arrivals", RR_LABEL_STYLES), /* out of range */
              "Arrivals, re-migrants included");
    CHECK_EQ(rr_indicator_label("departures_forced", buf, sizeof buf), RR_OK);
    CHECK_STR(buf, "Forced returns");
    /* unknown names come back as themselves */
    CHECK_EQ(rr_indicator_label("no_such_thing", buf, sizeof buf),
             RR_ENOTFOUND);
    CHECK_STR(buf, "no_such_thing");
    CHECK_EQ(rr_indicator_label(NULL, buf, sizeof buf), RR_ENOTFOUND);
    CHECK_STR(buf, "");

    /* cut to the buffer */
    CHECK_EQ(rr_indicator_label("departures_forced", buf, 7), RR_OK);
    CHECK_STR(buf, "Forced");
    CHECK_EQ(rr_indicator_label("caseload_ngo", buf, 13), RR_OK);
    CHECK_STR(buf, "Caseload: NG");
    CHECK_EQ(rr_indicator_label("caseload_ngo", buf, 11), RR_OK);
    CHECK_STR(buf, "Caseload: ");
    CHECK_EQ(rr_indicator_label("caseload_ngo", buf, 1), RR_OK);
    CHECK_STR(buf, "");
    memcpy(buf, "kept", 5);
    CHECK_EQ(rr_indicator_label("caseload_ngo", buf, 0), RR_OK);
    CHECK_STR(buf, "kept");
    CHECK_EQ(rr_indicator_label("no_such", buf, 4), RR_ENOTFOUND);
    CHECK_STR(buf, "no_");
    /* a template's text after the member */
    {
        rr_indicator e = rr_indicators[RR_IND_CASELOAD_STAGE];
        e.label[RR_LABEL_PLAIN] = "Stage %s (persons)";
        CHECK_STR(rr_indicator_entry_label(&e, "rds", RR_LABEL_PLAIN, buf,
                                           sizeof buf),
                  "Stage R&DS (persons)");
        CHECK_STR(rr_indicator_entry_label(&e, NULL, RR_LABEL_PLAIN, buf,
                                           sizeof buf),
                  "Stage  (persons)");
        CHECK_STR(rr_indicator_entry_label(&e, "rds", RR_LABEL_PLAIN, buf,
                                           12),
                  "Stage R&DS ");
    }
}

/* The member's words are plot.c's display_name, for every name and every
 * buffer size, cut included. */
static void test_member_words(void)
{
    static const char *const names[] = {
        "", "rds", "iom", "ngo", "errin", "frontex", "ngo_a", "rds_intake",
        "detention", "a__b", "_x", "x_", "iom_ngo_rds", "Ümlaut_ngo",
        "ERRIN", "rdsx", "errin_errin_errin_errin_errin_errin", "a-b_c",
        "very_long_stage_name_with_many_words_iom_and_ngo_at_the_end_x"};
    char a[128], b[128];
    size_t differ = 0;
    for (size_t i = 0; i < RR_COUNTOF(names); i++)
        for (size_t n = 1; n <= sizeof a; n++) {
            memset(a, 'A', sizeof a);
            memset(b, 'B', sizeof b);
            old_display_name(names[i], a, n);
            rr_indicator_member_words(names[i], b, n);
            if (strcmp(a, b) != 0) {
                if (differ++ < 5)
                    printf("  '%s' in %zu: '%s' before, '%s' now\n",
                           names[i], n, a, b);
            }
        }
    CHECK_EQ(differ, 0);
    rr_indicator_member_words("ngo_a", b, sizeof b);
    CHECK_STR(b, "NGO a");
    rr_indicator_member_words("rds_intake", b, sizeof b);
    CHECK_STR(b, "R&DS intake");
    memcpy(b, "kept", 5);
    rr_indicator_member_words("ngo", b, 0);
    CHECK_STR(b, "kept");
}

/* rr_indicator_name and the yearly figures of fit */
static void test_names_and_fit(void)
{
    char buf[64];
    const char *const *sums[] = {fit_independent, fit_verified, fit_total};
    const rr_ind_id ids[] = {RR_IND_DEPARTURES_INDEPENDENT,
                             RR_IND_DEPARTURES_VERIFIED,
                             RR_IND_DEPARTURES_TOTAL};

    CHECK_STR(rr_indicator_name(ind_of(RR_IND_CASELOAD_STAGE), "rds", buf,
                                sizeof buf),
              "caseload_rds");
    CHECK_STR(rr_indicator_name(ind_of(RR_IND_CASELOAD_STAGE), NULL, buf,
                                sizeof buf),
              "caseload_");
    CHECK_STR(rr_indicator_name(ind_of(RR_IND_ARRIVALS), "ignored", buf,
                                sizeof buf),
              "arrivals");
    CHECK_STR(rr_indicator_name(ind_of(RR_IND_REINTEGRATION_PROVIDER), "iom",
                                buf, 16),
              "reintegration_i");
    CHECK_STR(rr_indicator_name(ind_of(RR_IND_REINTEGRATION_PROVIDER), "iom",
                                buf, 10),
              "reintegra");
    CHECK_STR(rr_indicator_name(ind_of(RR_IND_ARRIVALS), NULL, buf, 1), "");

    /* the sums fit.c makes */
    for (size_t s = 0; s < RR_COUNTOF(sums); s++) {
        const rr_indicator *e = ind_of(ids[s]);
        size_t n = 0;
        while (sums[s][n])
            n++;
        CHECK_EQ(e->n_parts, n);
        for (size_t i = 0; i < n && i < e->n_parts; i++) {
            CHECK_STR(ind_of(e->parts[i].id)->name, sums[s][i]);
            CHECK_EQ(e->parts[i].sign, 1);
        }
    }
    {
        const rr_indicator *e = ind_of(RR_IND_INTAKE);
        CHECK_EQ(e->n_parts, 2);
        if (e->n_parts == 2) {
            CHECK_STR(ind_of(e->parts[0].id)->name, "arrivals");
            CHECK_EQ(e->parts[0].sign, 1);
            CHECK_STR(ind_of(e->parts[1].id)->name, "arrivals_remigration");
            CHECK_EQ(e->parts[1].sign, -1);
        }
    }
    /* which metrics fit takes, and whether summed or taken at the end */
    for (size_t i = 0; i < RR_COUNTOF(fixed_metric); i++) {
        const rr_indicator *e = rr_indicator_find(fixed_metric[i]);
        int how = old_fit_yearly(fixed_metric[i]);
        CHECK_MSG(e && rr_indicator_is_yearly(e) == (how != 0), "%s",
                  fixed_metric[i]);
        if (e && how)
            CHECK_MSG((e->kind == RR_KIND_STOCK) == (how == 2), "%s",
                      fixed_metric[i]);
    }
    CHECK(rr_indicator_is_yearly(ind_of(RR_IND_CASELOAD_STAGE)));
    CHECK(rr_indicator_is_yearly(ind_of(RR_IND_REINTEGRATION_PROVIDER)));
    CHECK(rr_indicator_is_yearly(ind_of(RR_IND_INTAKE)));
    CHECK(!rr_indicator_is_yearly(ind_of(RR_IND_CASELOAD_END)));
    CHECK(!rr_indicator_is_yearly(ind_of(RR_IND_TIME_TO_DEPARTURE_P90)));
}

/* docs/outputs.md names every indicator and says what the registry says */
static void test_docs(void)
{
    FILE *f = fopen("docs/outputs.md", "rb");
    char *doc;
    long n;

    if (!f) {
        CHECK_SKIP("no docs/outputs.md here (run from the top folder)");
        return;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    doc = malloc((size_t)n + 1);
    if (!doc || fread(doc, 1, (size_t)n, f) != (size_t)n) {
        CHECK_MSG(false, "cannot read docs/outputs.md");
        free(doc);
        fclose(f);
        return;
    }
    doc[n] = '\0';
    fclose(f);
    for (size_t i = 0; i < RR_IND_COUNT; i++) {
        const rr_indicator *e = &rr_indicators[i];
        char quoted[96];
        if (e->member == RR_MEMBER_NONE)
            snprintf(quoted, sizeof quoted, "`%s`", e->name);
        else
            snprintf(quoted, sizeof quoted, "`%.*s%s`",
                     (int)(strstr(e->name, "%s") - e->name), e->name,
                     e->member == RR_MEMBER_STAGE ? "STAGE" : "PROVIDER");
        CHECK_MSG(strstr(doc, quoted) != NULL, "docs name %s", quoted);
        /* the metrics' table rows: name, unit, description */
        if (e->flags & RR_IND_METRIC) {
            char row[512];
            snprintf(row, sizeof row, "| %s | %s | %s |", quoted,
                     rr_indicator_unit_name(e->unit), e->desc);
            CHECK_MSG(strstr(doc, row) != NULL, "docs row %s", row);
        }
        if (e->kpi_desc && strcmp(e->kpi_desc,
                                  rr_indicators[RR_IND_DEPARTURES_FORCED]
                                      .kpi_desc) != 0)
            CHECK_MSG(strstr(doc, e->kpi_desc) != NULL, "docs say '%s'",
                      e->kpi_desc);
    }
    free(doc);
}

/* ---- no indicator spelt outside the registry ---------------------------------- */

/* literal_ok - whether the literal lit at hit in path is not an indicator:
 * "arrivals" is also the [arrivals] section of a scenario file (the
 * scenario layer reads it) and the name of the network's arrival source
 * (model.c). */
static bool literal_ok(const char *path, const char *text, const char *hit,
                       const char *lit)
{
    static const char source[] = ".name = ";
    if (strcmp(lit, "\"arrivals\"") != 0)
        return false;
    if (strncmp(path, "sim/scenario/", 13) == 0)
        return true;
    return (size_t)(hit - text) >= sizeof source - 1 &&
           strncmp(hit - (sizeof source - 1), source, sizeof source - 1) == 0;
}

/* scan_file - count the indicator literals of one source file; a failed
 * check for each when report. */
static size_t scan_file(const char *path, bool report)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;
    size_t bad = 0;
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = calloc((size_t)n + 1, 1);
    if (text && fread(text, 1, (size_t)n, f) == (size_t)n) {
        for (size_t i = 0; i < RR_IND_COUNT; i++) {
            const rr_indicator *e = &rr_indicators[i];
            char lit[96];
            /* "name" of an indicator, "prefix_ of a family */
            snprintf(lit, sizeof lit, "\"%.*s%s",
                     (int)strcspn(e->name, "%"), e->name,
                     e->member == RR_MEMBER_NONE ? "\"" : "");
            for (const char *h = strstr(text, lit); h;
                 h = strstr(h + 1, lit)) {
                if (literal_ok(path, text, h, lit))
                    continue;
                if (report)
                    CHECK_MSG(false, "%s spells %s", path, lit);
                bad++;
            }
        }
    }
    free(text);
    fclose(f);
    return bad;
}

/* Every indicator name is the registry's: no source file of sim/ but
 * indicator.c spells one as a string literal (a file that did would drift
 * from the registry).  Scans sim/ and its layer folders. */
static void test_no_literals(void)
{
    static const char *const dirs[] = {"sim",          "sim/engine",
                                       "sim/scenario", "sim/model",
                                       "sim/study",    "sim/results"};
    size_t files = 0;
    for (size_t d = 0; d < RR_COUNTOF(dirs); d++) {
        DIR *dir = opendir(dirs[d]);
        struct dirent *de;
        if (!dir) {
            CHECK_SKIP("no sim/ folders here (run from the top folder)");
            return;
        }
        while ((de = readdir(dir))) {
            char path[512];
            size_t len = strlen(de->d_name);
            if (len < 3 || (strcmp(de->d_name + len - 2, ".c") != 0 &&
                            strcmp(de->d_name + len - 2, ".h") != 0))
                continue;
            snprintf(path, sizeof path, "%s/%s", dirs[d], de->d_name);
            if (strcmp(path, "sim/model/indicator.c") == 0)
                continue;
            files++;
            scan_file(path, true);
        }
        closedir(dir);
    }
    CHECK_MSG(files >= 40, "%zu source files read", files);
}

/* the rule can fail: a file that spells an indicator is caught */
static void test_no_literals_catches(void)
{
    char path[] = "/tmp/rrsim-test-literal-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    size_t bad;
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("static const char *k = \"caseload_end\";\n"
          "static const char *s = \"caseload_\";\n"
          "static const char *a = \"arrivals\";\n",
          f);
    fclose(f);
    bad = scan_file(path, false);
    /* "caseload_end" is caught as itself and as the family's prefix */
    CHECK_EQ(bad, 4);
    remove(path);
}

int main(void)
{
    test_table();
    test_order();
    test_layouts();
    test_find();
    test_find_cost();
    test_labels();
    test_member_words();
    test_names_and_fit();
    test_docs();
    test_no_literals();
    test_no_literals_catches();
    return check_summary("test_indicator");
}
