/*
 * test_output.c - the results folder: the temporary folder's life (commit,
 * abort, --force, stale folders of dead processes), CSV quoting, the trace
 * written in replication order whatever order replications finish in, and
 * scenario.resolved.ini read back as a scenario with every value as used.
 * Works in a fresh mkdtemp folder, removed at the end.
 */
#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_model.h"
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

/* ---- the results folder ------------------------------------------------ */

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static bool holds(const char *path, const char *text)
{
    char *s = slurp(path);
    bool ok = s && strcmp(s, text) == 0;
    free(s);
    return ok;
}

static bool is_link(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

/* mark - make folder look like a committed results folder. */
static void mark(const char *folder)
{
    char path[2048];
    mkdir(folder, 0777);
    snprintf(path, sizeof path, "%s/%s", folder, RR_OUTDIR_MARKER);
    put(path, RR_OUTDIR_MARKER_LINE "\nformat 1\n");
}

/* hidden - how many entries of folder are rrsim's temporary ones
 * (".rrsim-NAME.tmp-PID", ".rrsim-NAME.old-PID"). */
static int hidden(const char *folder)
{
    DIR *d = opendir(folder);
    struct dirent *de;
    int n = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL)
        n += strncmp(de->d_name, ".rrsim-", 7) == 0 &&
             (strstr(de->d_name, ".tmp-") || strstr(de->d_name, ".old-"));
    closedir(d);
    return n;
}

/* dead_pid - a PID without a process. */
static long dead_pid(void)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    return (long)child;
}

static int notes;
static char all_notes[8192];

static void count_note(void *ctx, const char *msg)
{
    size_t n = strlen(all_notes);
    RR_UNUSED(ctx);
    notes++;
    snprintf(all_notes + n, sizeof all_notes - n, "%s\n", msg);
}

/* The life of a results folder: made with its marker, committed, refused
 * when it exists, aborted, replaced. */
static void test_outdir_life(void)
{
    rr_outdir d;
    char target[512], path[2048], err[1024];
    FILE *f;

    snprintf(target, sizeof target, "%s/a/b/res", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, RR_OUTDIR_PARENTS, NULL, NULL, err,
                             sizeof err),
             RR_OK);
    snprintf(path, sizeof path, "%s/a/b/.rrsim-res.tmp-%ld", dir,
             (long)getpid());
    CHECK_STR(d.tmp, path);
    CHECK(rr_outdir_is_results(d.tmp));
    CHECK(!exists(target));
    rr_outdir_path(&d, "x.csv", path, sizeof path);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f)
        fclose(f);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/x.csv", target);
    CHECK(exists(path));
    CHECK(rr_outdir_is_results(target));
    snprintf(path, sizeof path, "%s/a/b", dir);
    CHECK_EQ(hidden(path), 0);

    /* exists: refused without force, untouched */
    CHECK_EQ(rr_outdir_begin(&d, target, 0, NULL, NULL, err, sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "exists already") != NULL);
    snprintf(path, sizeof path, "%s/x.csv", target);
    CHECK(exists(path));

    /* aborted: nothing left */
    snprintf(target, sizeof target, "%s/a/b/gone", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, 0, NULL, NULL, err, sizeof err),
             RR_OK);
    rr_outdir_path(&d, "y.csv", path, sizeof path);
    put(path, "y\n");
    snprintf(path, sizeof path, "%s", d.tmp);
    rr_outdir_abort(&d);
    CHECK(!exists(path));
    CHECK(!exists(target));

    /* forced: replaced at the commit, no old copy left */
    snprintf(target, sizeof target, "%s/a/b/res", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_OK);
    snprintf(path, sizeof path, "%s/x.csv", target);
    CHECK(exists(path)); /* the old results stay until the commit */
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    CHECK(!exists(path));
    CHECK(rr_outdir_is_results(target));
    snprintf(path, sizeof path, "%s/a/b", dir);
    CHECK_EQ(hidden(path), 0);

    /* the parent must exist unless asked to make it */
    snprintf(target, sizeof target, "%s/no/such/res", dir);
    CHECK_EQ(rr_outdir_begin(&d, target, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    snprintf(path, sizeof path,
             "cannot write results to '%s': folder '%s/no/such' does not "
             "exist",
             target, dir);
    CHECK_STR(err, path);
    snprintf(path, sizeof path, "%s/no", dir);
    CHECK(!exists(path));
    /* names that are no new folder */
    {
        static const char *const bad[] = {"", ".", "..", "/", "x/..",
                                          "x/.", ".rrsim-a.tmp-1"};
        for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
            if (i >= 4)
                snprintf(target, sizeof target, "%s/a/%s", dir, bad[i]);
            else
                snprintf(target, sizeof target, "%s", bad[i]);
            CHECK_EQ(rr_outdir_begin(&d, target, RR_OUTDIR_FORCE, NULL, NULL,
                                     err, sizeof err),
                     RR_EINVAL);
        }
    }
}

/* --force replaces nothing but an rrsim results folder, never through a
 * symbolic link. */
static void test_outdir_force_refuses(void)
{
    char base[512], t[700], path[800], err[1024];
    rr_outdir d;

    snprintf(base, sizeof base, "%s/force", dir);
    mkdir(base, 0777);
    /* a plain file */
    snprintf(t, sizeof t, "%s/file", base);
    put(t, "mine\n");
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "is a file, not an rrsim results folder") != NULL);
    CHECK(holds(t, "mine\n"));
    /* a folder without the marker (a home folder, a scenario folder) */
    snprintf(t, sizeof t, "%s/home", base);
    mkdir(t, 0777);
    snprintf(path, sizeof path, "%s/thesis.tex", t);
    put(path, "chapter 1\n");
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "has no .rrsim-results file") != NULL);
    CHECK(holds(path, "chapter 1\n"));
    /* a marker whose first line is not ours, a marker that is a folder,
     * a marker that is a link to a real one */
    snprintf(path, sizeof path, "%s/%s", t, RR_OUTDIR_MARKER);
    put(path, RR_OUTDIR_MARKER_LINE " (or so it says)\n");
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    remove(path);
    mkdir(path, 0777);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    rmdir(path);
    snprintf(t, sizeof t, "%s/res", base);
    mark(t);
    snprintf(t, sizeof t, "%s/home", base);
    snprintf(err, sizeof err, "%s/res/%s", base, RR_OUTDIR_MARKER);
    CHECK_EQ(symlink(err, path), 0);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    snprintf(path, sizeof path, "%s/thesis.tex", t);
    CHECK(holds(path, "chapter 1\n"));
    /* a symbolic link to a results folder: the link is not replaced and
     * the folder it points to is not touched */
    snprintf(t, sizeof t, "%s/link", base);
    snprintf(path, sizeof path, "%s/res", base);
    CHECK_EQ(symlink(path, t), 0);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "is a symbolic link") != NULL);
    CHECK(is_link(t));
    CHECK(rr_outdir_is_results(path));
    CHECK(!rr_outdir_is_results(t)); /* not through a link */
    /* a dangling link, with and without force */
    snprintf(t, sizeof t, "%s/dangling", base);
    snprintf(path, sizeof path, "%s/nowhere", base);
    CHECK_EQ(symlink(path, t), 0);
    CHECK_EQ(rr_outdir_begin(&d, t, 0, NULL, NULL, err, sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "a symbolic link to nothing") != NULL);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK(is_link(t) && !exists(path));
    /* a FIFO */
    snprintf(t, sizeof t, "%s/fifo", base);
    CHECK_EQ(mkfifo(t, 0666), 0);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK(strstr(err, "a special file") != NULL);
    /* the parent is a file */
    snprintf(t, sizeof t, "%s/file/x", base);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_EINVAL);
    CHECK_EQ(hidden(base), 0);
}

/* Removing a tree, and replacing a results folder that holds symbolic
 * links, never touches what the links point to. */
static void test_outdir_links(void)
{
    char base[512], outside[700], res[700], path[800], err[1024];
    rr_outdir d;

    snprintf(base, sizeof base, "%s/links", dir);
    mkdir(base, 0777);
    snprintf(outside, sizeof outside, "%s/outside", base);
    mkdir(outside, 0777);
    snprintf(path, sizeof path, "%s/keep.txt", outside);
    put(path, "keep\n");
    snprintf(res, sizeof res, "%s/res", base);
    mark(res);
    snprintf(path, sizeof path, "%s/sub", res);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/sub/evil", res);
    CHECK_EQ(symlink(outside, path), 0);
    snprintf(path, sizeof path, "%s/evil-file", res);
    snprintf(err, sizeof err, "%s/keep.txt", outside);
    CHECK_EQ(symlink(err, path), 0);
    CHECK_EQ(rr_outdir_begin(&d, res, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_OK);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/keep.txt", outside);
    CHECK(holds(path, "keep\n"));
    snprintf(path, sizeof path, "%s/sub", res);
    CHECK(!exists(path));
    CHECK_EQ(hidden(base), 0);
    /* rr_remove_tree on a link removes the link only */
    snprintf(path, sizeof path, "%s/link", base);
    CHECK_EQ(symlink(outside, path), 0);
    CHECK_EQ(rr_remove_tree(path), 0);
    CHECK(!is_link(path));
    snprintf(path, sizeof path, "%s/keep.txt", outside);
    CHECK(holds(path, "keep\n"));
    /* a tree with links inside */
    snprintf(path, sizeof path, "%s/tree", base);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/tree/in", base);
    CHECK_EQ(symlink(outside, path), 0);
    snprintf(path, sizeof path, "%s/tree", base);
    CHECK_EQ(rr_remove_tree(path), 0);
    CHECK(!exists(path));
    snprintf(path, sizeof path, "%s/keep.txt", outside);
    CHECK(holds(path, "keep\n"));
    CHECK_EQ(rr_remove_tree(path), 0);
    CHECK(!exists(path));
}

/* The target changes between begin and commit: another run wrote it, or
 * something not ours took its place. */
static void test_outdir_races(void)
{
    char base[512], t[700], path[800], err[1024];
    rr_outdir d;

    snprintf(base, sizeof base, "%s/race", dir);
    mkdir(base, 0777);
    snprintf(t, sizeof t, "%s/res", base);
    CHECK_EQ(rr_outdir_begin(&d, t, 0, NULL, NULL, err, sizeof err), RR_OK);
    mark(t); /* another run commits first */
    snprintf(path, sizeof path, "%s/theirs.csv", t);
    put(path, "theirs\n");
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_EIO);
    CHECK(strstr(err, "was written by another run meanwhile") != NULL);
    rr_outdir_abort(&d);
    CHECK(holds(path, "theirs\n"));
    CHECK_EQ(hidden(base), 0);
    /* an empty folder made meanwhile is not replaced either */
    snprintf(t, sizeof t, "%s/empty", base);
    CHECK_EQ(rr_outdir_begin(&d, t, 0, NULL, NULL, err, sizeof err), RR_OK);
    mkdir(t, 0777);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_EIO);
    rr_outdir_abort(&d);
    CHECK(exists(t) && !rr_outdir_is_results(t));
    /* forced, but the results folder became a folder of the user's */
    snprintf(t, sizeof t, "%s/res", base);
    CHECK_EQ(rr_outdir_begin(&d, t, RR_OUTDIR_FORCE, NULL, NULL, err,
                             sizeof err),
             RR_OK);
    snprintf(path, sizeof path, "%s/%s", t, RR_OUTDIR_MARKER);
    remove(path);
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_EIO);
    rr_outdir_abort(&d);
    snprintf(path, sizeof path, "%s/theirs.csv", t);
    CHECK(holds(path, "theirs\n"));
    CHECK_EQ(hidden(base), 0);
    /* something else took the temporary folder's name: an abort leaves
     * it alone */
    snprintf(t, sizeof t, "%s/other", base);
    CHECK_EQ(rr_outdir_begin(&d, t, 0, NULL, NULL, err, sizeof err), RR_OK);
    CHECK_EQ(rr_remove_tree(d.tmp), 0);
    mkdir(d.tmp, 0777);
    snprintf(path, sizeof path, "%s/mine.txt", d.tmp);
    put(path, "mine\n");
    rr_outdir_abort(&d);
    CHECK(holds(path, "mine\n"));
    snprintf(path, sizeof path, "%s/.rrsim-other.tmp-%ld", base,
             (long)getpid());
    CHECK_EQ(rr_remove_tree(path), 0);
}

/* A chart folder (rrsim plot) is replaced only inside a results folder. */
static void test_outdir_charts(void)
{
    char base[512], t[700], path[800], err[1024];
    rr_outdir d;
    unsigned fl = RR_OUTDIR_FORCE | RR_OUTDIR_CHARTS;

    snprintf(base, sizeof base, "%s/charts", dir);
    mark(base);
    snprintf(t, sizeof t, "%s/plots", base);
    mkdir(t, 0777);
    snprintf(path, sizeof path, "%s/old.png", t);
    put(path, "png\n");
    CHECK_EQ(rr_outdir_begin(&d, t, fl, NULL, NULL, err, sizeof err), RR_OK);
    rr_outdir_path(&d, "new.png", path, sizeof path);
    put(path, "png\n");
    CHECK_EQ(rr_outdir_commit(&d, err, sizeof err), RR_OK);
    snprintf(path, sizeof path, "%s/new.png", t);
    CHECK(exists(path));
    snprintf(path, sizeof path, "%s/old.png", t);
    CHECK(!exists(path));
    snprintf(path, sizeof path, "%s/%s", t, RR_OUTDIR_MARKER);
    CHECK(!exists(path)); /* no marker of its own */
    CHECK_EQ(hidden(base), 0);
    /* not in a results folder: plots/ stays */
    snprintf(path, sizeof path, "%s/%s", base, RR_OUTDIR_MARKER);
    remove(path);
    CHECK_EQ(rr_outdir_begin(&d, t, fl, NULL, NULL, err, sizeof err),
             RR_EINVAL);
    snprintf(path, sizeof path, "%s/new.png", t);
    CHECK(exists(path));
    /* plots/ a link out of the results folder */
    mark(base);
    rr_remove_tree(t);
    CHECK_EQ(symlink(dir, t), 0);
    CHECK_EQ(rr_outdir_begin(&d, t, fl, NULL, NULL, err, sizeof err),
             RR_EINVAL);
    CHECK(is_link(t));
    CHECK_EQ(hidden(base), 0);
}

static void test_outdir(void)
{
    test_outdir_life();
    test_outdir_force_refuses();
    test_outdir_links();
    test_outdir_races();
    test_outdir_charts();
}

/* Stale folders: only what rrsim provably made (its prefix and the name,
 * a real folder, the marker inside or nothing, a dead process) is removed,
 * with a note; a set-aside old folder goes back where it was. */
static void test_stale_rules(void)
{
    char parent[512], p[700], q[800], target[700], err[1024];
    long dead = dead_pid();
    rr_outdir d;

    snprintf(parent, sizeof parent, "%s/stale", dir);
    mkdir(parent, 0777);
    /* what a killed run leaves: removed */
    snprintf(p, sizeof p, "%s/.rrsim-x.tmp-%ld", parent, dead);
    mark(p);
    snprintf(q, sizeof q, "%s/file.csv", p);
    put(q, "x\n");
    snprintf(p, sizeof p, "%s/.rrsim-e.tmp-%ld", parent, dead);
    mkdir(p, 0777); /* killed before its marker */
    /* look-alikes of the user's: kept */
    snprintf(p, sizeof p, "%s/.bashrc.old-2023", parent);
    put(p, "alias ll='ls -l'\n");
    snprintf(p, sizeof p, "%s/.thesis.old-2024", parent);
    mkdir(p, 0777);
    snprintf(q, sizeof q, "%s/chapter1.tex", p);
    put(q, "chapter 1\n");
    snprintf(p, sizeof p, "%s/.x.tmp-%ld", parent, dead); /* no prefix */
    mark(p);
    snprintf(p, sizeof p, "%s/.rrsim-y.tmp-%ld", parent, (long)getppid());
    mark(p); /* its process lives */
    snprintf(p, sizeof p, "%s/.rrsim-f.tmp-%ld", parent, dead);
    put(p, "a plain file\n");
    snprintf(p, sizeof p, "%s/.rrsim-u.tmp-%ld", parent, dead);
    mkdir(p, 0777); /* rrsim's name, but the user's files and no marker */
    snprintf(q, sizeof q, "%s/notes.txt", p);
    put(q, "notes\n");
    snprintf(p, sizeof p, "%s/.rrsim-l.tmp-%ld", parent, dead);
    snprintf(q, sizeof q, "%s/.rrsim-y.tmp-%ld", parent, (long)getppid());
    CHECK_EQ(symlink(q, p), 0); /* a link to a marked folder */

    notes = 0;
    all_notes[0] = '\0';
    snprintf(target, sizeof target, "%s/new", parent);
    CHECK_EQ(rr_outdir_begin(&d, target, 0, count_note, NULL, err,
                             sizeof err),
             RR_OK);
    rr_outdir_abort(&d);
    CHECK_EQ(notes, 2);
    snprintf(p, sizeof p, "%s/.rrsim-x.tmp-%ld", parent, dead);
    CHECK(!exists(p));
    snprintf(q, sizeof q,
             "removed '%s', left behind by process %ld, which no longer "
             "runs\n",
             p, dead);
    CHECK_MSG(strstr(all_notes, q) != NULL, "note '%s' in '%s'", q,
              all_notes);
    snprintf(p, sizeof p, "%s/.rrsim-e.tmp-%ld", parent, dead);
    CHECK(!exists(p));
    snprintf(p, sizeof p, "%s/.bashrc.old-2023", parent);
    CHECK(holds(p, "alias ll='ls -l'\n"));
    snprintf(p, sizeof p, "%s/.thesis.old-2024/chapter1.tex", parent);
    CHECK(holds(p, "chapter 1\n"));
    snprintf(p, sizeof p, "%s/.x.tmp-%ld", parent, dead);
    CHECK(rr_outdir_is_results(p));
    snprintf(p, sizeof p, "%s/.rrsim-y.tmp-%ld", parent, (long)getppid());
    CHECK(rr_outdir_is_results(p));
    snprintf(p, sizeof p, "%s/.rrsim-f.tmp-%ld", parent, dead);
    CHECK(holds(p, "a plain file\n"));
    snprintf(p, sizeof p, "%s/.rrsim-u.tmp-%ld/notes.txt", parent, dead);
    CHECK(holds(p, "notes\n"));
    snprintf(p, sizeof p, "%s/.rrsim-l.tmp-%ld", parent, dead);
    CHECK(is_link(p));
    CHECK_EQ(rr_remove_stale(parent, NULL, NULL), 0);

    /* a set-aside old folder whose replacement never arrived: back */
    snprintf(p, sizeof p, "%s/.rrsim-res.old-%ld", parent, dead);
    mark(p);
    snprintf(q, sizeof q, "%s/summary.csv", p);
    put(q, "old\n");
    notes = 0;
    all_notes[0] = '\0';
    CHECK_EQ(rr_remove_stale(parent, count_note, NULL), 1);
    CHECK_EQ(notes, 1);
    CHECK(strncmp(all_notes, "restored '", 10) == 0);
    snprintf(q, sizeof q, "%s/res/summary.csv", parent);
    CHECK(holds(q, "old\n"));
    CHECK(!exists(p));
    /* ... and when the new one did arrive: removed */
    mark(p);
    CHECK_EQ(rr_remove_stale(parent, NULL, NULL), 1);
    CHECK(!exists(p));
    CHECK(holds(q, "old\n"));
}

/* kill_at - in a child, replace target (forced) with a folder holding
 * new.csv, killed at step; returns the child's signal (0: it finished). */
static int kill_at(const char *target, const char *step, bool exchange)
{
    pid_t child = fork();
    int status = 0;
    if (child == 0) {
        rr_outdir d;
        char err[1024], path[800];
        setenv("RRSIM_TEST_KILL_AT", step, 1);
        if (!exchange)
            setenv("RRSIM_TEST_NO_EXCHANGE", "1", 1);
        if (rr_outdir_begin(&d, target, RR_OUTDIR_FORCE, NULL, NULL, err,
                            sizeof err) != RR_OK)
            _exit(3);
        rr_outdir_path(&d, "new.csv", path, sizeof path);
        put(path, "new\n");
        _exit(rr_outdir_commit(&d, err, sizeof err) == RR_OK ? 0 : 4);
    }
    waitpid(child, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
}

/* A forced replacement killed at every step: the old or the new results
 * are at the target at once, or after the next run's clean-up; nothing
 * else in the folder is touched and nothing hidden stays. */
static void test_stale_kill_steps(void)
{
    static const char *const steps[] = {"begun", "commit", "exchanged",
                                        "aside", "renamed", "removing",
                                        "none"};
    char parent[512], target[700], p[800], q[800];

    snprintf(parent, sizeof parent, "%s/kill", dir);
    mkdir(parent, 0777);
    snprintf(target, sizeof target, "%s/res", parent);
    snprintf(p, sizeof p, "%s/.bashrc.old-2023", parent);
    put(p, "mine\n");
    for (int ex = 0; ex < 2; ex++)
        for (size_t i = 0; i < RR_COUNTOF(steps); i++) {
            bool now, later;
            int sig;
            rr_remove_tree(target);
            mark(target);
            snprintf(p, sizeof p, "%s/old.csv", target);
            put(p, "old\n");
            snprintf(q, sizeof q, "%s/new.csv", target);
            sig = kill_at(target, steps[i], ex == 1);
            /* a step not on the path taken is not reached */
            bool skipped = strcmp(steps[i], "none") == 0 ||
                           (ex == 1 && (strcmp(steps[i], "aside") == 0 ||
                                        strcmp(steps[i], "renamed") == 0)) ||
                           (ex == 0 && strcmp(steps[i], "exchanged") == 0);
            CHECK_MSG(sig == (skipped ? 0 : SIGKILL),
                      "step %s (exchange %d): ended with %d", steps[i], ex,
                      sig);
            now = holds(p, "old\n") != holds(q, "new\n");
            rr_remove_stale(parent, NULL, NULL);
            later = holds(p, "old\n") != holds(q, "new\n");
            CHECK_MSG(rr_outdir_is_results(target) && later,
                      "step %s (exchange %d): old or new in place", steps[i],
                      ex);
            /* only the path without exchange may need the next run */
            CHECK_MSG(now != (ex == 0 && strcmp(steps[i], "aside") == 0),
                      "step %s (exchange %d): old or new at once", steps[i],
                      ex);
            CHECK_MSG(hidden(parent) == 0, "step %s (exchange %d): %d left",
                      steps[i], ex, hidden(parent));
        }
    snprintf(p, sizeof p, "%s/.bashrc.old-2023", parent);
    CHECK(holds(p, "mine\n"));
}

static void test_stale(void)
{
    test_stale_rules();
    test_stale_kill_steps();
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

/* rr_csv_keys: fields made once for many rows, the same bytes as
 * rr_csv_field writes them one by one, whatever needs quoting. */
static void test_csv_keys(void)
{
    static const char *const fields[] = {
        "plain", "a, b", "say \"hi\"", "", " lead", "trail ", "two\nlines",
        "cr\rhere", "2024-01-01", "ünïcode", "\"", ","};
    size_t n = RR_COUNTOF(fields);
    rr_csv_keys k = {0};
    char *want = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&want, &len);
    CHECK(f != NULL);
    if (!f)
        return;
    for (size_t i = 0; i < n; i++) {
        rr_csv_field(f, fields[i]);
        fputc(',', f);
    }
    fclose(f);
    CHECK_EQ(rr_csv_keys_set(&k, fields, n), RR_OK);
    CHECK_EQ(k.len, len);
    CHECK_STR(k.s ? k.s : "", want);
    /* set again: replaced, not appended */
    CHECK_EQ(rr_csv_keys_set(&k, fields, 1), RR_OK);
    CHECK_STR(k.s ? k.s : "", "plain,");
    CHECK_EQ(rr_csv_keys_set(&k, fields, 0), RR_OK);
    CHECK_EQ(k.len, 0);
    rr_csv_keys_fini(&k);
    free(want);
}

/* rr_csv_number writes whole numbers by itself: the bytes must be those
 * of %.10g for every number, whole or not, on both sides of 10^10 and of
 * 0, -0 included. */
static void test_csv_number(void)
{
    static const double fixed[] = {
        0.0, -0.0, 1, -1, 9, 10, -10, 12345, 999999999, 9999999999.0,
        -9999999999.0, 1e10, -1e10, 1e10 + 1, 12345678901.0, 0.5, -0.5,
        1e-5, 123456.75, 4503599627370496.0, 1e300, -1e300, INFINITY,
        -INFINITY, 0.1 + 0.2, 2147483648.0, -2147483649.0};
    uint64_t x = 0x9e3779b97f4a7c15u;
    size_t bad = 0, n = 0;
    char *buf = NULL, want[64];
    size_t len = 0;

    for (size_t i = 0; i < RR_COUNTOF(fixed) + 200000; i++) {
        double v;
        FILE *f;
        if (i < RR_COUNTOF(fixed)) {
            v = fixed[i];
        } else {
            /* whole numbers of every size up to 2^40, and their halves */
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            v = (double)(int64_t)(x >> (24 + x % 40)) - (double)(x % 3);
            if (x & 1)
                v = -v;
            if ((x >> 5) % 5 == 0)
                v += 0.5;
        }
        if (!(f = open_memstream(&buf, &len)))
            break;
        rr_csv_number(f, v);
        fclose(f);
        snprintf(want, sizeof want, "%.10g", v);
        if (strcmp(buf, want) != 0 && bad++ < 5)
            printf("  rr_csv_number(%.17g): '%s', %%.10g: '%s'\n", v, buf,
                   want);
        free(buf);
        buf = NULL;
        n++;
    }
    CHECK_EQ(n, RR_COUNTOF(fixed) + 200000);
    CHECK_EQ(bad, 0);
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

/* ---- the stage and country tables --------------------------------------- */

/* fake_run - two replications of plan's layout with every table value
 * set to a known number: stage value = 100 * rep + 10 * period + measure,
 * country value = 1000 * rep + 100 * year + 10 * country + measure; one
 * NA (replication 2's utilisation in period 1).  rr_run_result_fini
 * frees it. */
static int fake_run(const rr_plan *plan, rr_run_result *r)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    if (rr_layout_make(plan, &r->layout) != RR_OK)
        return -1;
    r->reps = 2;
    r->rep = calloc(2, sizeof *r->rep);
    if (!r->rep)
        return -1;
    for (size_t i = 0; i < 2; i++) {
        rr_rep_result *x = &r->rep[i];
        if (rr_rep_result_init(x, &r->layout) != RR_OK)
            return -1;
        for (size_t k = 0; k < x->n_periods; k++)
            for (size_t st = 0; st < x->n_stages; st++)
                for (size_t m = 0; m < RR_SM_COUNT; m++)
                    rr_rep_stage(x, k, st)[m] =
                        100.0 * (double)i + 10.0 * (double)k + (double)m;
        for (size_t y = 0; y < x->n_years; y++)
            for (size_t c = 0; c < x->n_countries; c++)
                for (size_t m = 0; m < x->n_cmeasures; m++)
                    rr_rep_country(x, y, c)[m] =
                        1000.0 * (double)i + 100.0 * (double)y +
                        10.0 * (double)c + (double)m;
    }
    rr_rep_stage(&r->rep[1], 1, 0)[RR_SM_UTILISATION] = NAN;
    return 0;
}

/* line_of - line n (from 0) of text into buf, without its newline. */
static const char *line_of(const char *text, size_t n, char *buf,
                           size_t len)
{
    const char *p = text;
    size_t k;
    buf[0] = '\0';
    for (size_t i = 0; p && i < n; i++)
        if ((p = strchr(p, '\n')))
            p++;
    if (!p)
        return buf;
    k = strcspn(p, "\n");
    snprintf(buf, len, "%.*s", (int)(k < len ? k : len - 1), p);
    return buf;
}

static size_t lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; p && *p; p++)
        n += *p == '\n';
    return n;
}

/* The four table files of a hand-made run of tests/fixtures/basic.ini
 * (quarters of 2020-2021, five stages, three countries, three
 * providers): headers, order, row counts, values and the summaries' mean
 * and Student-t interval over the replications (an NA left out). */
static void test_tables(void)
{
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    rr_run_result r;
    char err[1024], path[600], ln[512], *text;
    int rc = rr_scenario_load("tests/fixtures/basic.ini", NULL, 0, &sc, err,
                              sizeof err);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc != RR_OK) {
        rr_scenario_destroy(sc);
        return;
    }
    CHECK_EQ(fake_run(plan, &r), 0);
    CHECK_EQ(r.layout.periods.n, 8);
    CHECK_EQ(r.layout.years.n, 2);
    CHECK_EQ(r.layout.n_stages, 5);
    CHECK_EQ(r.layout.n_countries, 3);
    CHECK_EQ(r.layout.n_cmeasures, RR_CM_FIXED + 3 + 1);

    snprintf(path, sizeof path, "%s/stages.csv", dir);
    CHECK_EQ(rr_write_stages(path, &r, err, sizeof err), RR_OK);
    text = slurp(path);
    CHECK(text != NULL);
    CHECK_STR(line_of(text, 0, ln, sizeof ln),
              "scenario,replication,period_start,period_end,stage,"
              "indicator,unit,value");
    CHECK_STR(line_of(text, 1, ln, sizeof ln),
              "test-basic,1,2020-01-01,2020-03-31,talks,entered,persons,0");
    CHECK_STR(line_of(text, 7, ln, sizeof ln),
              "test-basic,1,2020-01-01,2020-03-31,talks,utilisation,share,6");
    CHECK_STR(line_of(text, 12, ln, sizeof ln),
              "test-basic,1,2020-01-01,2020-03-31,talks,"
              "time_in_stage_mean_days,days,11");
    CHECK_STR(line_of(text, 13, ln, sizeof ln),
              "test-basic,1,2020-01-01,2020-03-31,voluntary,entered,"
              "persons,0");
    CHECK_STR(line_of(text, 1 + 5 * 12 * 8 + 5 * 12 + 5, ln, sizeof ln),
              "test-basic,2,2020-04-01,2020-06-30,talks,servers_mean,"
              "servers,115");
    CHECK_STR(line_of(text, 1 + 5 * 12 * 8 + 5 * 12 + 6, ln, sizeof ln),
              "test-basic,2,2020-04-01,2020-06-30,talks,utilisation,share,NA");
    CHECK_EQ(lines(text), 1 + 2 * 8 * 5 * 12);
    free(text);

    snprintf(path, sizeof path, "%s/stages_summary.csv", dir);
    CHECK_EQ(rr_write_stages_summary(path, &r, err, sizeof err), RR_OK);
    text = slurp(path);
    CHECK(text != NULL);
    CHECK_STR(line_of(text, 0, ln, sizeof ln),
              "scenario,period_start,period_end,stage,indicator,unit,mean,"
              "ci95_low,ci95_high,replications");
    /* 0 and 100: mean 50 +- t(0.975, 1) 12.70620474 x sd 70.71 / sqrt 2 */
    CHECK_STR(line_of(text, 1, ln, sizeof ln),
              "test-basic,2020-01-01,2020-03-31,talks,entered,persons,50,"
              "-585.3102368,685.3102368,2");
    /* one value left: its mean, no interval */
    CHECK_STR(line_of(text, 1 + 5 * 12 + 6, ln, sizeof ln),
              "test-basic,2020-04-01,2020-06-30,talks,utilisation,share,16,"
              "NA,NA,1");
    CHECK_EQ(lines(text), 1 + 8 * 5 * 12);
    free(text);

    snprintf(path, sizeof path, "%s/countries.csv", dir);
    CHECK_EQ(rr_write_countries(path, &r, err, sizeof err), RR_OK);
    text = slurp(path);
    CHECK(text != NULL);
    CHECK_STR(line_of(text, 0, ln, sizeof ln),
              "scenario,replication,period_start,period_end,country,"
              "indicator,unit,value");
    {
        static const char *const names[] = {
            "caseload_start", "arrivals", "arrivals_remigration",
            "departures_voluntary_iom", "departures_voluntary_ngo",
            "departures_voluntary_self", "departures_forced",
            "departures_unsupervised", "departures_closed", "caseload_end",
            "reintegration_iom", "reintegration_errin",
            "reintegration_frontex", "reintegration_none"};
        for (size_t m = 0; m < RR_COUNTOF(names); m++) {
            char want[256];
            snprintf(want, sizeof want,
                     "test-basic,1,2020-01-01,2020-12-31,MA,%s,persons,%zu",
                     names[m], m);
            CHECK_STR(line_of(text, 1 + m, ln, sizeof ln), want);
        }
    }
    CHECK_STR(line_of(text, 1 + 14 * 3 + 14 + 1, ln, sizeof ln),
              "test-basic,1,2021-01-01,2021-12-31,NG,arrivals,persons,111");
    CHECK_EQ(lines(text), 1 + 2 * 2 * 3 * 14);
    free(text);

    snprintf(path, sizeof path, "%s/countries_summary.csv", dir);
    CHECK_EQ(rr_write_countries_summary(path, &r, err, sizeof err), RR_OK);
    text = slurp(path);
    CHECK(text != NULL);
    CHECK_STR(line_of(text, 0, ln, sizeof ln),
              "scenario,period_start,period_end,country,indicator,unit,mean,"
              "ci95_low,ci95_high,replications");
    CHECK_STR(line_of(text, 2, ln, sizeof ln),
              "test-basic,2020-01-01,2020-12-31,MA,arrivals,persons,501,"
              "-5852.102368,6854.102368,2");
    CHECK_EQ(lines(text), 1 + 2 * 3 * 14);
    free(text);

    /* a folder that is not there: the message names the file */
    snprintf(path, sizeof path, "%s/no/such/stages.csv", dir);
    CHECK_EQ(rr_write_stages(path, &r, err, sizeof err), RR_EIO);
    CHECK(strstr(err, "cannot write '") && strstr(err, "no/such/stages.csv"));
    rr_run_result_fini(&r);
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
    test_csv_number();
    test_csv_keys();
    test_trace();
    test_tables();
    test_resolved();
    rr_remove_tree(dir);
    return check_summary("test_output");
}
