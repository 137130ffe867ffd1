/*
 * cluster.c - a run beyond one process: shards (--shard I/N) and their
 * merge (rrsim merge), and what a distributed command does after its
 * items ran (cli_after_run).  MPI is mpi.c's; this file is built with or
 * without it.
 *
 * A shard runs the whole command as usual (the same checks, the same
 * results folder transaction), runs only its slice of the items
 * (rr_slice over all the items of all the command's calls of
 * rr_run_many: sensitivity makes one per batch of design points), saves
 * each call's part of them as it comes (cli_call_done) and at the end
 * writes the shard folder (rr_shard.h) with the command's arguments
 * instead of the results (cli_runs_done).  A merge reads the shards'
 * headers, checks that they are the N shards of one run, then runs the
 * command again from the arguments they record, with an executor
 * (merge_manage) that fills every item of each call from the shards'
 * files, in order, instead of simulating it: the command writes its
 * results folder as it always does, so the files are the same bytes as a
 * run in one process.
 * Only what decides the results is recorded: where the results go, the
 * charts' format, the threads and the terminal are the merge's own.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "rr_common.h"
#include "rr_shard.h"

/* ---- saving a shard ----------------------------------------------------- */

/* dropped - whether argument a (with its value next, *skip set) is one
 * the shard does not record: it does not decide the results. */
static bool dropped(const char *a, int *skip)
{
    static const char *const with_value[] = {"--out", "--shard", "--threads",
                                             "--plot", "--plot-timeout"};
    static const char *const flags[] = {"--force", "--quiet"};
    *skip = 0;
    for (size_t i = 0; i < RR_COUNTOF(with_value); i++) {
        size_t n = strlen(with_value[i]);
        if (strncmp(a, with_value[i], n) == 0 && a[n] == '=')
            return true;
        if (strcmp(a, with_value[i]) == 0)
            return (*skip = 1);
    }
    for (size_t i = 0; i < RR_COUNTOF(flags); i++)
        if (strcmp(a, flags[i]) == 0)
            return true;
    return false;
}

/* What a distributed command's calls of rr_run_many have given so far
 * (one process runs one command: a merge's is the one it runs). */
static struct {
    int calls;
    uint64_t hash;          /* of their plans: rr_shard_hash, chained */
    uint64_t points, reps, seed;
    uint64_t items;         /* of the whole command, as its calls say */
    bool writing;           /* a shard: items.bin begun in the folder */
    rr_shard_writer w;
} run;

int cli_call_done(cli *c, rr_results *t, const rr_plan *const *plans,
                  size_t n, const rr_run_result *res, uint64_t first,
                  uint64_t items)
{
    char err[1024] = "";
    uint64_t reps = n ? res[0].reps : 0, h, sf, sn, lo, hi;
    int rc = RR_OK;

    if (!c->shards || cli_mpi_worker())
        return EXIT_OK; /* only a shard keeps what each call gave */
    h = rr_shard_hash(plans, n, reps);
    if (run.calls == 0) {
        run.hash = h;
        run.reps = reps;
        run.items = items;
        run.seed = plans[0]->cfg[0]->seed;
    } else {
        run.hash = rr_shard_hash_chain(run.hash, h);
    }
    if (reps != run.reps || items != run.items ||
        first != run.points * reps || first + n * reps > items) {
        snprintf(err, sizeof err, "%s: the runs of this command do not "
                 "follow on from each other: it cannot be split into "
                 "shards", c->cmd);
        rc = RR_EINVAL;
    }
    run.points += n;
    run.calls++;
    if (rc == RR_OK && !run.writing &&
        (rc = rr_shard_begin(&run.w, t->dir.tmp, err, sizeof err)) ==
            RR_OK)
        run.writing = true;
    /* the shard's slice of all the command's items, in this call */
    rr_slice(items, c->shard, c->shards, &sf, &sn);
    lo = sf > first ? sf : first;
    hi = sf + sn < first + n * reps ? sf + sn : first + n * reps;
    if (rc == RR_OK && lo < hi)
        rc = rr_shard_add(&run.w, res, reps, first, lo, hi - lo, err,
                          sizeof err);
    if (rc == RR_OK)
        return EXIT_OK;
    if (run.writing)
        rr_shard_abandon(&run.w);
    run.writing = false;
    fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
    return EXIT_RUNTIME;
}

static int shard_save(cli *c, rr_results *t)
{
    rr_shard_head h;
    char err[1024] = "", target[4096];
    int rc = RR_OK;

    memset(&h, 0, sizeof h);
    snprintf(h.version, sizeof h.version, "%s", RR_VERSION);
    snprintf(h.command, sizeof h.command, "%s", c->cmd);
    for (int i = 2; i < c->argc && h.argc < RR_SHARD_MAX_ARGS; i++) {
        int skip;
        if (dropped(c->argv[i], &skip)) {
            i += skip;
            continue;
        }
        h.argv[h.argc++] = c->argv[i]; /* not owned: not freed below */
    }
    h.reps = run.reps;
    h.hash = run.hash;
    h.seed = run.seed;
    h.points = run.points;
    h.index = c->shard;
    h.count = c->shards;
    h.items = run.items;
    rr_slice(h.items, h.index, h.count, &h.first, &h.n);
    if (!run.writing || h.points * h.reps != h.items) {
        snprintf(err, sizeof err, "%s: the runs of this command are not "
                 "all of its work: it cannot be split into shards", c->cmd);
        rc = RR_EINVAL;
    } else if (strlen(c->cmdline) + 1 >= sizeof c->cmdline ||
               h.argc == RR_SHARD_MAX_ARGS) {
        snprintf(err, sizeof err, "the command line is too long to record "
                 "in a shard");
        rc = RR_EINVAL;
    }
    if (rc == RR_OK)
        rc = rr_shard_end(&run.w, t->dir.tmp, &h, err, sizeof err);
    else if (run.writing)
        rr_shard_abandon(&run.w);
    run.writing = false;
    snprintf(target, sizeof target, "%s", t->dir.target);
    if (rc == RR_OK)
        rc = rr_results_commit(t, err, sizeof err);
    if (rc != RR_OK) {
        rr_results_abort(t);
        if (rc == RR_EINTR)
            return cli_interrupted("shard");
        fprintf(stderr, "rrsim: %s\n", err[0] ? err : rr_strerror(rc));
        return EXIT_RUNTIME;
    }
    if (!c->quiet)
        printf("shard %" PRIu64 "/%" PRIu64 ": items %" PRIu64 " to %" PRIu64
               " of %" PRIu64 " (design points x replications)\n"
               "results: %s\n",
               h.index + 1, h.count, h.first + (h.n > 0), h.first + h.n,
               h.items, target);
    return fflush(stdout) == 0 ? EXIT_ELSEWHERE : EXIT_RUNTIME;
}

static int merge_done(const cli *c);

int cli_runs_done(cli *c, rr_results *t)
{
    int rc = EXIT_OK;
    if (cli_mpi_worker() && cli_mpi_size() > 1 &&
        (c->cmd_bit & CMD_DISTRIBUTED))
        return EXIT_ELSEWHERE; /* the results are rank 0's */
    if (c->shards)
        return shard_save(c, t);
    if (c->exec && (rc = merge_done(c)) != EXIT_OK)
        rr_results_abort(t);
    return rc;
}

int cli_after_run(cli *c, const rr_plan *const *plans, size_t n,
                  rr_run_result *res, rr_results *t)
{
    int rc = cli_call_done(c, t, plans, n, res, 0,
                           (uint64_t)n * res[0].reps);
    if (rc == EXIT_OK)
        rc = cli_runs_done(c, t);
    else
        rr_results_abort(t);
    if (rc != EXIT_OK)
        for (size_t i = 0; i < n; i++)
            rr_run_result_fini(&res[i]);
    return rc;
}

/* ---- merging ------------------------------------------------------------ */

/* The shards' items in order, over the command's calls of rr_run_many:
 * each call takes the next of them. */
typedef struct merge_src {
    size_t n;                /* shards */
    const char **dir;        /* by shard index */
    rr_shard_head *h;        /* by shard index */
    uint64_t offset;         /* items merged by the calls so far */
    uint64_t hash;           /* of their plans, chained */
    int calls;
    size_t cur;              /* the shard being read */
    bool open;               /* r is open on it */
    rr_shard_items r;
} merge_src;

/* next_record - the next item of the shards, in order; RR_ENOTFOUND
 * after the last shard's last (every file's hash checked then). */
static int next_record(merge_src *m, uint64_t *item, const void **buf,
                       size_t *len, char *err, size_t errlen)
{
    for (;;) {
        int rc;
        if (!m->open) {
            if (m->cur >= m->n)
                return RR_ENOTFOUND;
            if ((rc = rr_shard_items_open(&m->r, m->dir[m->cur],
                                          &m->h[m->cur], err, errlen)) !=
                RR_OK)
                return rc;
            m->open = true;
        }
        rc = rr_shard_items_next(&m->r, item, buf, len, err, errlen);
        if (rc != RR_ENOTFOUND)
            return rc;
        rr_shard_items_close(&m->r);
        m->open = false;
        m->cur++;
    }
}

/* merge_manage - every item of the call from the shards, in order. */
static int merge_manage(void *ctx, rr_work *w)
{
    merge_src *m = ctx;
    const rr_shard_head *h0 = &m->h[0];
    size_t np = rr_work_points(w);
    uint64_t reps = rr_work_reps(w), hash;
    const rr_plan **plans = calloc(np ? np : 1, sizeof *plans);
    char err[8192] = "";
    int rc = RR_OK;

    if (!plans)
        return RR_ENOMEM;
    for (size_t i = 0; i < np; i++)
        plans[i] = rr_work_plan(w, i);
    hash = rr_shard_hash(plans, np, reps);
    free(plans);
    m->hash = m->calls++ ? rr_shard_hash_chain(m->hash, hash) : hash;
    if (reps != h0->reps || m->offset + np * reps > h0->items) {
        snprintf(err, sizeof err, "%s: the shards hold %" PRIu64 " design "
                 "points x %" PRIu64 " replications; their command gives "
                 "%s%zu x %" PRIu64 " here", m->dir[0], h0->points, h0->reps,
                 m->offset ? "more: " : "",
                 (size_t)(m->offset / h0->reps) + np, reps);
        rc = RR_EINVAL;
    } else if (m->offset + np * reps == h0->items && m->hash != h0->hash) {
        snprintf(err, sizeof err, "%s: the shards were simulated from "
                 "another model than their command gives here (a scenario "
                 "or table has changed since, or merge runs in another "
                 "folder than they did)", m->dir[0]);
        rc = RR_EINVAL;
    }
    for (;;) {
        uint64_t item, point, rep;
        const void *buf;
        size_t len;
        char msg[512];
        if (rc != RR_OK || !rr_work_take(w, &point, &rep))
            break;
        rc = next_record(m, &item, &buf, &len, err, sizeof err);
        if (rc == RR_ENOTFOUND) {
            snprintf(err, sizeof err, "%s: the shards end before item %"
                     PRIu64, m->dir[m->n - 1], m->offset + point * reps +
                     rep);
            rc = RR_EPARSE;
        }
        if (rc != RR_OK)
            break;
        if (item != m->offset + point * reps + rep) {
            snprintf(err, sizeof err, "%s: item %" PRIu64 " out of order",
                     m->r.path, item);
            rc = RR_EPARSE;
            break;
        }
        if ((rc = rr_work_put(w, point, rep, buf, len, msg, sizeof msg)) !=
            RR_OK) {
            snprintf(err, sizeof err, "%s: item %" PRIu64 ": %s", m->r.path,
                     item, msg);
            break;
        }
    }
    if (rc == RR_OK)
        m->offset += np * reps;
    if (rc == RR_OK && m->offset == h0->items) {
        /* the last: nothing may follow, and every file's hash is read */
        uint64_t item;
        const void *buf;
        size_t len;
        rc = next_record(m, &item, &buf, &len, err, sizeof err);
        if (rc == RR_OK) {
            snprintf(err, sizeof err, "%s: item %" PRIu64 " beyond the "
                     "%" PRIu64 " of the run", m->r.path, item, h0->items);
            rc = RR_EPARSE;
        } else if (rc == RR_ENOTFOUND) {
            rc = RR_OK;
        }
    }
    if (rc != RR_OK)
        rr_work_fail(w, 0, 0, rc == RR_ENOMEM ? rc : RR_EPARSE, err);
    return RR_OK;
}

/* merge_done - after the command's last call: it took every item of the
 * shards; EXIT_*, the message printed. */
static int merge_done(const cli *c)
{
    const merge_src *m = c->exec->ctx;
    const rr_shard_head *h0 = &m->h[0];
    if (m->offset == h0->items)
        return EXIT_OK;
    fprintf(stderr, "rrsim: merge: %s: the shards hold %" PRIu64 " design "
            "points x %" PRIu64 " replications; their command gives %"
            PRIu64 " x %" PRIu64 " here\n", m->dir[0], h0->points,
            h0->reps, m->offset / h0->reps, h0->reps);
    return EXIT_USAGE;
}

/* shard_dirs - merge's positional arguments (cli_parse skips them): the
 * arguments that are not options or an option's value. */
static size_t shard_dirs(const cli *c, const char **dirs)
{
    size_t n = 0;
    for (int i = 2; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (a[0] == '-' && a[1] != '\0') {
            if (!strchr(a, '=') &&
                (strcmp(a, "--out") == 0 || strcmp(a, "--plot") == 0 ||
                 strcmp(a, "--plot-timeout") == 0))
                i++;
            continue;
        }
        dirs[n++] = a;
    }
    return n;
}

/* same_run - whether b is a shard of the run of a; else the field that
 * differs into *what. */
static bool same_run(const rr_shard_head *a, const rr_shard_head *b,
                     const char **what)
{
    bool args = a->argc == b->argc;
    for (int i = 0; args && i < a->argc; i++)
        args = strcmp(a->argv[i], b->argv[i]) == 0;
    *what = strcmp(a->version, b->version) ? "rrsim version"
            : strcmp(a->command, b->command) ? "command"
            : !args                          ? "arguments"
            : a->hash != b->hash             ? "resolved scenario (hash)"
            : a->seed != b->seed             ? "seed"
            : a->points != b->points         ? "design points"
            : a->reps != b->reps             ? "replications"
            : a->count != b->count           ? "number of shards"
                                             : NULL;
    return *what == NULL;
}

/* check_set - the shards read into by[] by index; EXIT_* with the message
 * printed: one of another run or version, missing or doubled. */
static int check_set(const char **dirs, rr_shard_head *h, size_t n,
                     size_t *by)
{
    const char *what;
    uint64_t count = h[0].count;
    if (strcmp(h[0].version, RR_VERSION) != 0) {
        fprintf(stderr, "rrsim: merge: %s was written by rrsim %s; this is "
                "rrsim %s, which may simulate differently: merge it with "
                "that version\n", dirs[0], h[0].version, RR_VERSION);
        return EXIT_USAGE;
    }
    for (size_t i = 1; i < n; i++)
        if (!same_run(&h[0], &h[i], &what)) {
            fprintf(stderr, "rrsim: merge: %s is not a shard of the run of "
                    "%s: its %s differs\n", dirs[i], dirs[0], what);
            return EXIT_USAGE;
        }
    for (uint64_t k = 0; k < count; k++)
        by[k] = n;
    for (size_t i = 0; i < n; i++) {
        if (by[h[i].index] != n) {
            fprintf(stderr, "rrsim: merge: shard %" PRIu64 "/%" PRIu64
                    " is given twice: %s and %s\n", h[i].index + 1, count,
                    dirs[by[h[i].index]], dirs[i]);
            return EXIT_USAGE;
        }
        by[h[i].index] = i;
    }
    for (uint64_t k = 0; k < count; k++)
        if (by[k] == n) {
            fprintf(stderr, "rrsim: merge: shard %" PRIu64 "/%" PRIu64
                    " is missing (%zu of %" PRIu64 " given)\n", k + 1, count,
                    n, count);
            return EXIT_USAGE;
        }
    return EXIT_OK;
}

/* check_args - the shard's arguments hold none that a shard does not
 * record (a hostile shard.txt could name its own --out); EXIT_*. */
static int check_args(const char *dir, const rr_shard_head *h)
{
    for (int i = 0; i < h->argc; i++) {
        int skip;
        const char *a = h->argv[i];
        if (dropped(a, &skip) || strncmp(a, "--trace", 7) == 0 ||
            strncmp(a, "--help", 6) == 0 || strcmp(a, "-h") == 0) {
            fprintf(stderr, "rrsim: merge: %s/shard.txt: argument '%.60s' "
                    "is not one a shard records\n", dir, a);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

/* merge_argv - the command line the shards record, with merge's own
 * options after it; NULL when out of memory. */
static char **merge_argv(const cli *c, const rr_shard_head *h, int *argc)
{
    char **v = calloc((size_t)h->argc + (size_t)c->argc + 3, sizeof *v);
    int n = 0;
    if (!v)
        return NULL;
    v[n++] = c->argv[0];
    v[n++] = (char *)h->command;
    for (int i = 0; i < h->argc; i++)
        v[n++] = h->argv[i];
    for (int i = 2; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (a[0] != '-' || a[1] == '\0')
            continue;
        v[n++] = c->argv[i];
        if (!strchr(a, '=') && i + 1 < c->argc &&
            (strcmp(a, "--out") == 0 || strcmp(a, "--plot") == 0 ||
             strcmp(a, "--plot-timeout") == 0))
            v[n++] = c->argv[++i];
    }
    *argc = n;
    return v;
}

int cli_cmd_merge(cli *c)
{
    static cli mc;
    const char **dirs = calloc((size_t)c->argc + 1, sizeof *dirs);
    rr_shard_head *h = NULL;
    size_t n = dirs ? shard_dirs(c, dirs) : 0, read = 0, *by = NULL;
    char err[1024] = "", **argv = NULL;
    int rc = dirs ? EXIT_OK : EXIT_RUNTIME, argc = 0;

    if (rc == EXIT_OK && n == 0)
        rc = cli_usage_error(c->cmd, "merge needs the shard folders");
    if (rc == EXIT_OK && !(h = calloc(n, sizeof *h)))
        rc = EXIT_RUNTIME;
    for (; rc == EXIT_OK && read < n; read++)
        if (rr_shard_read_head(dirs[read], &h[read], err, sizeof err) !=
            RR_OK) {
            fprintf(stderr, "rrsim: merge: %s\n", err);
            rc = EXIT_USAGE;
            break;
        }
    if (rc == EXIT_OK && !(by = calloc(h[0].count, sizeof *by)))
        rc = EXIT_RUNTIME;
    if (rc == EXIT_OK)
        rc = check_set(dirs, h, n, by);
    if (rc == EXIT_OK &&
        !(cli_command_bit(h[0].command) & CMD_SHARDED)) {
        fprintf(stderr, "rrsim: merge: %s: '%s' is not a command that "
                "writes shards\n", dirs[0], h[0].command);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = check_args(dirs[0], &h[0]);
    if (rc == EXIT_OK && !(argv = merge_argv(c, &h[0], &argc)))
        rc = EXIT_RUNTIME;
    if (rc == EXIT_OK) {
        const char **sdir = calloc(n, sizeof *sdir);
        rr_shard_head *sh = calloc(n, sizeof *sh);
        merge_src m;
        rr_exec x = {&m, false, true, merge_manage, NULL, NULL};
        memset(&m, 0, sizeof m);
        m.n = n;
        m.dir = sdir;
        m.h = sh;
        if (!sdir || !sh) {
            rc = EXIT_RUNTIME;
        } else {
            for (size_t k = 0; k < n; k++) {
                sdir[k] = dirs[by[k]];
                sh[k] = h[by[k]]; /* a copy: h keeps the arguments */
            }
            memset(&mc, 0, sizeof mc);
            if ((rc = cli_parse(argc, argv, &mc)) < 0) {
                mc.exec = &x;
                rc = cli_dispatch(&mc);
            } else {
                fprintf(stderr, "rrsim: merge: %s: the command line the "
                        "shard records is refused (above)\n", dirs[0]);
                rc = EXIT_USAGE;
            }
            if (m.open)
                rr_shard_items_close(&m.r);
        }
        free(sdir);
        free(sh);
    }
    if (rc == EXIT_RUNTIME && !err[0] && (!dirs || !h || !by || !argv))
        fprintf(stderr, "rrsim: %s\n", rr_strerror(RR_ENOMEM));
    for (size_t i = 0; h && i < read && i < n; i++)
        rr_shard_head_fini(&h[i]);
    free(argv);
    free(by);
    free(h);
    free(dirs);
    return rc;
}

/* ---- one process: no MPI ------------------------------------------------ */

#ifndef RR_MPI
void cli_mpi_init(int *argc, char ***argv, atomic_int *stop)
{
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    RR_UNUSED(stop);
}

bool cli_mpi_worker(void)
{
    return false;
}

int cli_mpi_size(void)
{
    return 1;
}

const rr_exec *cli_mpi_exec(const cli *c)
{
    RR_UNUSED(c);
    return NULL;
}

int cli_mpi_finish(int rc)
{
    return rc;
}
#endif
