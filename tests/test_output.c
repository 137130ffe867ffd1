/*
 * test_output.c - the results folder: the temporary folder's life (commit,
 * abort, --force, stale folders of dead processes), CSV quoting, the trace
 * written in replication order whatever order replications finish in, and
 * scenario.resolved.ini read back as a scenario with every value as used.
 * Works in a fresh mkdtemp folder, removed at the end.
 */
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_scenario.h"

static char dir[256];

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_outdir(void)
{
    rr_outdir d;
    char target[512], path[600], err[1024];
    FILE *f;

    snprintf(target, sizeof target, "%s/a/b/res", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, false, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/a/b/.res.tmp-%ld", dir, (long)getpid());
    CHECK_STR(d.tmp, path);
    CHECK(exists(d.tmp));
    CHECK(!exists(target));
    rr_outdir_path(&d, "x.csv", path, sizeof path);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/x.csv", target);
    CHECK(exists(path));

    /* exists: refused without force, untouched */
    CHECK_EQ(rr_outdir_begin(&d, target, false, err, sizeof err), RR_EIO);
    CHECK(strstr(err, "exists already") != NULL);
    CHECK(exists(path));

    /* aborted: nothing left */
    snprintf(target, sizeof target, "%s/a/b/gone", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, false, err, sizeof err), RR_OK);
    rr_outdir_path(&d, "y.csv", path, sizeof path);
    f = fopen(path, "w");
    if (f)
        fclose(f);
    snprintf(path, sizeof path, "%s", d.tmp);
    rr_outdir_abort(&d);
    CHECK(!exists(path));
    CHECK(!exists(target));

    /* forced: replaced at the commit, no old copy left */
    snprintf(target, sizeof target, "%s/a/b/res", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, true, err, sizeof err), RR_OK);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/x.csv", target);
    CHECK(!exists(path));
    CHECK(exists(target));
    snprintf(path, sizeof path, "%s/a/b/.res.old-%ld", dir, (long)getpid());
    CHECK(!exists(path));
}

static void test_stale(void)
{
    char parent[512], dead[600], live[600], other[600], target[700];
    char err[1024];
    FILE *f;
    pid_t child = fork();
    rr_outdir d;

    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0); /* now a PID without a process */
    snprintf(parent, sizeof parent, "%s/stale", dir);
    mkdir(parent, 0777);
    snprintf(dead, sizeof dead, "%s/.x.tmp-%ld", parent, (long)child);
    snprintf(live, sizeof live, "%s/.y.tmp-%ld", parent, (long)getppid());
    snprintf(other, sizeof other, "%s/z.tmp-%ld", parent, (long)child);
    mkdir(dead, 0777);
    mkdir(live, 0777);
    mkdir(other, 0777);
    snprintf(target, sizeof target, "%s/file.csv", dead);
    if ((f = fopen(target, "w")) != NULL)
        fclose(f);
    /* a new run in the same parent removes what the dead one left */
    snprintf(target, sizeof target, "%s/new", parent);
    CHECK_EQ(rr_outdir_begin(&d, target, false, err, sizeof err), RR_OK);
    rr_outdir_abort(&d);
    CHECK(!exists(dead));
    CHECK(exists(live));  /* its process lives */
    CHECK(exists(other)); /* not hidden: not ours */
    rmdir(live);
    rmdir(other);
    CHECK_EQ(rr_remove_stale(parent), 0);
}

static void test_csv(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rr_csv_field(f, "plain");
    fputc('|', f);
    rr_csv_field(f, "a, b");
    fputc('|', f);
    rr_csv_field(f, "say \"hi\"");
    fputc('|', f);
    rr_csv_number(f, NAN);
    fputc('|', f);
    rr_csv_number(f, 0.1 + 0.2);
    fclose(f);
    CHECK_STR(buf, "plain|\"a, b\"|\"say \"\"hi\"\"\"|NA|0.3");
    free(buf);
}

/* The trace: replications finishing in any order give one file in
 * replication order. */
static void test_trace(void)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_trace *t = NULL;
    char err[1024], cases[600], ttd[600], *text;
    const char *want;
    int rc = rr_scenario_load("scenarios/mm1.ini", NULL, 0, &sc, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc != RR_OK) {
        rr_scenario_destroy(sc);
        return;
    }
    CHECK_EQ(rr_trace_create(plan, dir, 2, &t, err, sizeof err), RR_OK);
    if (!t) {
        rr_scenario_destroy(sc);
        return;
    }
    rr_case_record a = {
        .id = 7, .country = 0, .vulnerable = 0, .origin = 0,
        .t_entry = 1.5, .t_channel = 1.5, .channel = RR_CH_SELF,
        .departure = RR_DEP_VOLUNTARY_SELF, .t_departure = 3.25,
        .provider = -1, .outcome = 1, .t_outcome = 400, .remigrates = 0,
        .last_stage = 0};
    rr_case_record b = {
        .id = 9, .country = 0, .vulnerable = 1, .origin = 1,
        .t_entry = -10, .t_channel = NAN, .channel = RR_CH_NONE,
        .departure = -1, .t_departure = NAN, .provider = -1,
        .outcome = -1, .t_outcome = NAN, .remigrates = 0, .last_stage = 0};
    void **ctx = rr_trace_contexts(t);
    rr_trace_case(ctx[1], &b); /* replication 2 first */
    rr_trace_case(ctx[0], &a);
    snprintf(cases, sizeof cases, "%s/cases.csv", dir);
    snprintf(ttd, sizeof ttd, "%s/ttd.csv", dir);
    CHECK_EQ(rr_trace_finish(t, cases, ttd, err, sizeof err), RR_OK);
    rr_trace_destroy(t);
    text = slurp(cases);
    want = "scenario,replication,case_id,country,vulnerable,origin,entered,"
           "channel_entered,channel,departure,departed,provider,outcome,"
           "outcome_date,remigrates,last_stage\n"
           "mm1,1,7,all,0,arrival,2024-01-02,2024-01-02,self,voluntary_self,"
           "2024-01-04,none,sustainable,2025-02-04,0,NA\n"
           "mm1,2,9,all,1,caseload,2023-12-22,NA,none,NA,NA,NA,NA,NA,0,"
           "officer\n";
    CHECK_STR(text, want);
    free(text);
    text = slurp(ttd);
    CHECK(text && strstr(text, "\nmm1,2024-01-01,2024-12-31,2,1,1.75,") !=
                      NULL);
    free(text);
    remove(cases);
    remove(ttd);
    rr_scenario_destroy(sc);
}

/* scenario.resolved.ini read back: every setting of the original has the
 * value it was used with (or keeps ${...} where an event changes the
 * parameter), and long values came through the continuation lines. */
static void test_resolved(void)
{
    static const char *sets[] = {
        "scenario.title=A title long enough to be continued on an indented "
        "line of the resolved scenario, since the reader takes at most one "
        "hundred and ninety-seven characters on a line of the file"};
    rr_scenario *a = NULL, *b = NULL;
    const rr_plan *plan;
    rr_manifest m = {"test", "rrsim run x", NULL};
    char err[1024], path[600], va[4096], vb[4096];
    int rc = rr_scenario_load("tests/fixtures/basic.ini", sets, 1, &a, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(a, &plan, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc == RR_OK)
        rc = rr_write_resolved(dir, a, &m, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    snprintf(path, sizeof path, "%s/scenario.resolved.ini", dir);
    if (rc == RR_OK)
        rc = rr_scenario_load(path, NULL, 0, &b, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "resolved file loads: %s", err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(b, &plan, err, sizeof err);
    CHECK_MSG(rc == RR_OK, "resolved file plans: %s", err);
    for (size_t i = 0; rc == RR_OK && i < rr_scenario_n_settings(a); i++) {
        const rr_setting *s = rr_scenario_setting(a, i);
        size_t j = 0;
        while (j < rr_scenario_n_settings(b) &&
               strcmp(rr_scenario_setting(b, j)->key, s->key) != 0)
            j++;
        CHECK_MSG(j < rr_scenario_n_settings(b), "%s written", s->key);
        if (j == rr_scenario_n_settings(b))
            continue;
        rr_scenario_resolved_value(a, i, va, sizeof va);
        rr_scenario_resolved_value(b, j, vb, sizeof vb);
        if (strstr(s->value, "file=") || strstr(s->key, "file") ||
            strstr(s->key, "schedule") || strstr(s->key, "caseload"))
            CHECK_MSG(strstr(vb, "inputs/") != NULL, "%s: '%s' in inputs/",
                      s->key, vb);
        else
            CHECK_MSG(strcmp(va, vb) == 0, "%s: '%s' vs '%s'", s->key, va,
                      vb);
        if (s->note)
            CHECK_MSG(rr_scenario_setting(b, j)->note &&
                          strcmp(s->note, rr_scenario_setting(b, j)->note) ==
                              0,
                      "%s: note", s->key);
    }
    /* an event scales iom_share: its users keep the reference */
    for (size_t j = 0; b && j < rr_scenario_n_settings(b); j++)
        if (strcmp(rr_scenario_setting(b, j)->key,
                   "stage.voluntary.route.iom") == 0)
            CHECK_STR(rr_scenario_setting(b, j)->value, "${iom_share}");
    rr_scenario_destroy(a);
    rr_scenario_destroy(b);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/rrsim-test-output-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("test_output: cannot make a temporary folder\n");
        return 1;
    }
    test_outdir();
    test_stale();
    test_csv();
    test_trace();
    test_resolved();
    rr_remove_tree(dir);
    return check_summary("test_output");
}
