/*
 * find.c - scenarios by name: where a scenario argument without a slash
 * is looked up, and `rrsim scenarios`, the list of what is installed.
 *
 * A scenario argument with a slash, or one that names a file in the
 * current folder, is used as it is.  Otherwise NAME (and NAME.ini) is
 * looked up in the folders of RRSIM_PATH (colon-separated, in order, empty
 * entries skipped), then in the scenarios installed beside the program
 * (share/rrsim/scenarios beside the folder of the program, so an
 * installed tree may be moved; for a program in a source checkout, the
 * checkout's scenarios/),
 * then in the folder `make install` put them in (RR_SCENARIO_DIR).  The
 * first regular file found wins.  A name is a file name: "." and ".." are
 * not names, and a name never leaves its folder since it has no slash.
 */
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "rr_scenario.h"
#include "rr_util.h"

#ifndef RR_SCENARIO_DIR
#define RR_SCENARIO_DIR "/usr/local/share/rrsim/scenarios"
#endif

#define MAX_DIRS 64

typedef struct dirs {
    char buf[8192];          /* RRSIM_PATH's copy and the other folders */
    const char *dir[MAX_DIRS];
    size_t n;
} dirs;

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* add - folder d (n bytes) to the list, once. */
static void add(dirs *ds, char **end, const char *d, size_t n)
{
    char *p = *end;
    if (n == 0 || ds->n >= MAX_DIRS ||
        (size_t)(p - ds->buf) + n + 1 > sizeof ds->buf)
        return;
    memcpy(p, d, n);
    p[n] = '\0';
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    for (size_t i = 0; i < ds->n; i++)
        if (strcmp(ds->dir[i], p) == 0)
            return;
    ds->dir[ds->n++] = p;
    *end = p + n + 1;
}

/* is_checkout - whether d is the root of a source checkout of rrsim:
 * it holds the Makefile, sim/main.c and scenarios/. */
static bool is_checkout(const char *d)
{
    char p[PATH_MAX + 32];
    static const char *const mark[] = {"Makefile", "sim/main.c"};
    for (size_t i = 0; i < sizeof mark / sizeof *mark; i++) {
        int w = snprintf(p, sizeof p, "%s/%s", d, mark[i]);
        if (w < 0 || (size_t)w >= sizeof p || !is_file(p))
            return false;
    }
    int w = snprintf(p, sizeof p, "%s/scenarios", d);
    return w > 0 && (size_t)w < sizeof p && is_dir(p);
}

/* checkout_dir - for a program run from a source checkout (the copy
 * `make` leaves at its root, or build/CONFIG/rrsim), the checkout's
 * scenarios/, so `./rrsim run nl-baseline` works before any install. */
static void checkout_dir(dirs *ds, char **end, const char *exe)
{
    char d[PATH_MAX], real[PATH_MAX];
    char *slash;
    snprintf(d, sizeof d, "%s", exe);
    /* the program's folder, then two up (build/CONFIG/rrsim) */
    for (int up = 0; up < 3; up++) {
        if ((slash = strrchr(d, '/')) == NULL || slash == d)
            return;
        *slash = '\0';
        if (up == 1)
            continue;
        if (is_checkout(d)) {
            char s[PATH_MAX + 16];
            int w = snprintf(s, sizeof s, "%s/scenarios", d);
            if (w > 0 && (size_t)w < sizeof s && realpath(s, real))
                add(ds, end, real, strlen(real));
            return;
        }
    }
}

/* search_dirs - the folders a name is looked up in, in order. */
static void search_dirs(dirs *ds)
{
    const char *path = getenv("RRSIM_PATH");
    char exe[PATH_MAX], *end = ds->buf;
    ssize_t n;

    ds->n = 0;
    while (path && *path) {
        size_t len = strcspn(path, ":");
        add(ds, &end, path, len);
        path += len + (path[len] == ':');
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        checkout_dir(ds, &end, exe);
        /* PREFIX/bin/rrsim -> PREFIX/share/rrsim/scenarios */
        for (int up = 0; up < 2 && (slash = strrchr(exe, '/')) != NULL; up++)
            *slash = '\0';
        if (slash) {
            char d[PATH_MAX + 32], real[PATH_MAX];
            int w = snprintf(d, sizeof d, "%s/share/rrsim/scenarios", exe);
            /* the canonical name, so the installed folder is listed once
             * when both ways lead to it */
            if (w > 0 && (size_t)w < sizeof d && realpath(d, real))
                add(ds, &end, real, strlen(real));
        }
    }
    add(ds, &end, RR_SCENARIO_DIR, strlen(RR_SCENARIO_DIR));
}

/* looked - "the current folder, A, B and C" (cwd false: "A, B and C")
 * into buf. */
static void looked(const dirs *ds, bool cwd, char *buf, size_t n)
{
    size_t len = (size_t)snprintf(buf, n, "%s", cwd ? "the current folder"
                                                    : "");
    size_t k = cwd ? 1 : 0, total = ds->n + k;
    for (size_t i = 0; i < ds->n && len < n; i++, k++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                k == 0              ? ""
                                : k + 1 == total    ? " and "
                                                    : ", ",
                                ds->dir[i]);
}

/* names - the scenario names (file names without .ini) in the folders,
 * into an array of n pointers into store. */
static size_t names(const dirs *ds, char *store, size_t cap,
                    const char **out, size_t max)
{
    size_t n = 0, used = 0;
    for (size_t i = 0; i < ds->n; i++) {
        DIR *d = opendir(ds->dir[i]);
        struct dirent *e;
        if (!d)
            continue;
        while ((e = readdir(d)) != NULL && n < max) {
            size_t len = strlen(e->d_name);
            if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0 ||
                used + len - 3 > cap)
                continue;
            memcpy(store + used, e->d_name, len - 4);
            store[used + len - 4] = '\0';
            out[n++] = store + used;
            used += len - 3;
        }
        closedir(d);
    }
    return n;
}

int cli_find_scenario(const char *arg, char *out, size_t n)
{
    dirs ds;
    char where[4096];
    size_t len = strlen(arg);

    if (strchr(arg, '/') || is_file(arg) || strcmp(arg, ".") == 0 ||
        strcmp(arg, "..") == 0 || len == 0) {
        snprintf(out, n, "%s", arg);
        return EXIT_OK;
    }
    search_dirs(&ds);
    for (size_t i = 0; i < ds.n; i++) {
        int w = snprintf(out, n, "%s/%s", ds.dir[i], arg);
        if (w > 0 && (size_t)w < n && is_file(out))
            return EXIT_OK;
        w = snprintf(out, n, "%s/%s.ini", ds.dir[i], arg);
        if (w > 0 && (size_t)w < n && is_file(out) &&
            (len < 4 || strcmp(arg + len - 4, ".ini") != 0))
            return EXIT_OK;
    }
    looked(&ds, true, where, sizeof where);
    {
        static char store[16384];
        const char *cand[512];
        size_t nc = names(&ds, store, sizeof store, cand, 512);
        size_t wl = len > 4 && strcmp(arg + len - 4, ".ini") == 0 ? len - 4
                                                                   : len;
        const char *near = rr_did_you_mean(arg, wl, cand, nc, RR_DYM_AUTO,
                                           RR_DYM_NOCASE);
        if (near)
            fprintf(stderr, "rrsim: cannot find scenario '%s': looked in %s "
                            "(did you mean '%s'?)\n", arg, where, near);
        else
            fprintf(stderr, "rrsim: cannot find scenario '%s': looked in %s "
                            "('rrsim scenarios' lists the installed ones)\n",
                    arg, where);
    }
    return EXIT_USAGE;
}

/* cmp_str - qsort's order of file names. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* list_dir - one folder's scenarios with their titles; the count. */
static size_t list_dir(FILE *f, const char *dir)
{
    static char store[65536];
    const char *files[1024];
    size_t n = 0, used = 0;
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL && n < RR_COUNTOF(files)) {
        size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0 ||
            used + len + 1 > sizeof store)
            continue;
        memcpy(store + used, e->d_name, len + 1);
        files[n++] = store + used;
        used += len + 1;
    }
    closedir(d);
    if (n == 0)
        return 0;
    qsort(files, n, sizeof *files, cmp_str);
    fprintf(f, "%s:\n", dir);
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX + 256], err[1024] = "";
        rr_scenario *sc = NULL;
        const rr_plan *plan;
        int len = (int)strlen(files[i]) - 4;
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (!is_file(path))
            continue;
        fprintf(f, "  %-26.*s", len, files[i]);
        if (len > 26)
            fprintf(f, "\n  %-26s", "");
        if (rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) == RR_OK &&
            rr_scenario_plan(sc, &plan, err, sizeof err) == RR_OK)
            fprintf(f, "%s\n", plan->cfg[0]->title);
        else
            fprintf(f, "(does not load: %s)\n", err);
        rr_scenario_destroy(sc);
    }
    return n;
}

int cli_list_scenarios(FILE *f)
{
    dirs ds;
    size_t total = 0;
    search_dirs(&ds);
    for (size_t i = 0; i < ds.n; i++) {
        if (!is_dir(ds.dir[i]))
            continue;
        if (total)
            fputc('\n', f);
        total += list_dir(f, ds.dir[i]);
    }
    if (total == 0) {
        char where[4096];
        looked(&ds, false, where, sizeof where);
        fprintf(stderr, "rrsim: no scenarios installed: looked in %s\n",
                where);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}
