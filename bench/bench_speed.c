/*
 * bench_speed.c - rrsim against a hand-written event loop, memory against
 * the horizon, the baseline's speed, and threads.
 *
 *   pairs    each model of bench/scenarios (M1: M/M/10 at rho 0.9, about
 *            10^6 customers; M2: a three-station network, about 5 x 10^5
 *            cases; each with the exit 'closed' and 'departed') run by
 *            `rrsim run ... --reps 1 --threads 1 --plot none --quiet`, and
 *            through the C API (bench/api.c: load, plan, rr_run, nothing
 *            written), each beside bench/loop.c simulating the same model
 *            over the same days.  The two commands of a pair run in turn,
 *            A B A B ..., RUNS times (default 15, after one warm-up pair not
 *            counted), as child processes pinned to one processor; the
 *            ratio is taken pair by pair, A's CPU time (user + system, from
 *            wait4) over B's, and the median is printed with the smallest
 *            and largest ratio, so a noisy machine shows as a wide spread.
 *            Beside it: events (run.csv's `events` for rrsim, the loop's
 *            own count), millions of events per CPU second of the median
 *            run, and peak RSS of each (ru_maxrss).  The files name the
 *            random streams v3 (GSL's taus2, ziggurat exponentials and
 *            lognormals), and the loop draws from taus2 as well (with
 *            GSL's own samplers).  Then the same with the streams v1
 *            (--set scenario.rng=v1: mt19937, GSL's samplers, an outcome
 *            event per returnee), which files that name no version keep,
 *            the loop drawing from mt19937.  The largest median ratio is
 *            printed for each version; the target is the files' (v3).
 *   memory   M1 with 'departed' over its horizon and over 10 times it
 *            (--set scenario.end=...): peak RSS of each (the median of 3
 *            runs, in turn) and their ratio.
 *   baseline scenarios/nl-baseline.ini, 30 replications, one thread: events
 *            per CPU second (run.csv's events over the child's CPU time),
 *            as shipped (streams v3) and with --set scenario.rng=v1.
 *   threads  a sweep of the baseline, 20 design points x 10 replications,
 *            with --threads 1 and --threads 2 (not pinned): wall seconds
 *            and CPU-busy time over wall time.  2 threads on a machine to
 *            themselves give a ratio near 2; less means the threads waited
 *            for a processor (a shared machine) or for each other.
 *
 * Usage: bench_speed RRSIM LOOP API [RUNS]   (from the project's top folder;
 * make bench passes the programs it built).  BENCH_ONLY in the environment
 * (make bench BENCH_ONLY=memory): the parts named in it only, of speed,
 * memory, baseline and threads (comma-separated).  A report, not a test:
 * the exit status is 0 whatever the figures, 1 when a command fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 99
#define TARGET_RATIO 1.2
#define TARGET_BASELINE 5e6

static const char *rrsim, *loop, *api;
static char tmp[64], out_dir[96], out_file[96];

typedef struct sample {
    double cpu, wall, rss_mb;
    unsigned long long events;
} sample;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec * 1e-6;
}

/* run - argv as a child with its standard output in out_file; its CPU
 * time, wall time and peak RSS in *s.  0 when it exited with 0. */
static int run(char *const argv[], sample *s)
{
    struct rusage ru;
    int status;
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || dup2(fd, 1) < 0)
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid)
        return -1;
    s->wall = now() - t0;
    s->cpu = tv(ru.ru_utime) + tv(ru.ru_stime);
    s->rss_mb = (double)ru.ru_maxrss / 1024.0;
    s->events = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_speed: %s failed (status %d)\n", argv[0],
                status);
        return -1;
    }
    return 0;
}

/* events_of - the events a command reported: "events N" on its output (the
 * loop, the API program) or run.csv's events column (rrsim run). */
static unsigned long long events_of(int from_run_csv)
{
    char path[160], line[4096];
    unsigned long long n = 0;
    int header = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/run.csv", out_dir);
    f = fopen(from_run_csv ? path : out_file, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        if (!from_run_csv) {
            if (sscanf(line, "events %llu", &n) == 1)
                break;
            continue;
        }
        if (header++ == 0)
            continue;
        /* run.csv's row: events is the field before the last (version,
         * which holds no comma) */
        char *last = strrchr(line, ','), *q = last;
        while (q && q > line && q[-1] != ',')
            q--;
        if (q && q > line)
            n = strtoull(q, NULL, 10);
        break;
    }
    fclose(f);
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

/* pair - A and B in turn, runs times after one warm-up pair; prints the
 * median ratio of CPU times and each side's events/s and peak RSS.  The
 * median ratio in *ratio_out. */
static int pair(const char *label, char *const a[], int a_csv,
                char *const b[], int runs, double *ratio_out)
{
    double ratio[MAX_RUNS] = {0}, ca[MAX_RUNS] = {0}, cb[MAX_RUNS] = {0};
    double rss_a = 0, rss_b = 0;
    unsigned long long ev_a = 0, ev_b = 0;
    for (int i = -1; i < runs; i++) {
        sample sa, sb;
        if (run(a, &sa) != 0)
            return 1;
        sa.events = events_of(a_csv);
        if (run(b, &sb) != 0)
            return 1;
        sb.events = events_of(0);
        if (i < 0)
            continue;
        ratio[i] = sa.cpu / sb.cpu;
        ca[i] = sa.cpu, cb[i] = sb.cpu;
        ev_a = sa.events, ev_b = sb.events;
        rss_a = sa.rss_mb > rss_a ? sa.rss_mb : rss_a;
        rss_b = sb.rss_mb > rss_b ? sb.rss_mb : rss_b;
    }
    double lo = ratio[0], hi = ratio[0];
    for (int i = 1; i < runs; i++) {
        lo = ratio[i] < lo ? ratio[i] : lo;
        hi = ratio[i] > hi ? ratio[i] : hi;
    }
    double r = median(ratio, runs), ta = median(ca, runs),
           tb = median(cb, runs);
    printf("  %-26s %5.2f (%4.2f-%4.2f) %s  %6.2f M ev/s %5.1f MB | loop "
           "%6.2f M ev/s %5.1f MB\n",
           label, r, lo, hi, r <= TARGET_RATIO ? "ok   " : "ABOVE",
           (double)ev_a / ta / 1e6, rss_a, (double)ev_b / tb / 1e6, rss_b);
    if (ev_a && ev_b && (ev_a > ev_b * 11 / 10 || ev_b > ev_a * 11 / 10))
        printf("  %-26s (events differ: %llu against the loop's %llu)\n", "",
               ev_a, ev_b);
    if (ratio_out)
        *ratio_out = r;
    return 0;
}

/* pin - this process (and so its children) to the last processor it may
 * use; the processor's number, -1 when it cannot. */
static int pin(void)
{
    cpu_set_t all, one;
    if (sched_getaffinity(0, sizeof all, &all) != 0)
        return -1;
    for (int cpu = CPU_SETSIZE - 1; cpu >= 0; cpu--) {
        if (!CPU_ISSET(cpu, &all))
            continue;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        return sched_setaffinity(0, sizeof one, &one) == 0 ? cpu : -1;
    }
    return -1;
}

/* part - whether the part `name` is to run: BENCH_ONLY unset or empty,
 * or naming it among its comma-separated words. */
static int part(const char *name)
{
    const char *only = getenv("BENCH_ONLY"), *p;
    size_t n = strlen(name);
    if (!only || !*only)
        return 1;
    for (p = only; *p; p += strcspn(p, ","), p += *p == ',')
        if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

#define RRSIM_RUN(scn, ...)                                                \
    {(char *)rrsim, "run", (char *)(scn), "--threads", "1", "--plot",      \
     "none", "--quiet", "--force", "--out", out_dir, __VA_ARGS__}

int main(int argc, char **argv)
{
    static const struct {
        const char *name, *scn, *model, *days;
        int v1; /* --set scenario.rng=v1; the loop with mt19937 too */
    } models[] = {
        {"M1 closed", "bench/scenarios/m1-closed.ini", "m1", "111111", 0},
        {"M2 closed", "bench/scenarios/m2-closed.ini", "m2", "50000", 0},
        {"M1 departed", "bench/scenarios/m1-departed.ini", "m1", "111111", 0},
        {"M2 departed", "bench/scenarios/m2-departed.ini", "m2", "50000", 0},
        {"M1 closed, v1", "bench/scenarios/m1-closed.ini", "m1", "111111", 1},
        {"M2 closed, v1", "bench/scenarios/m2-closed.ini", "m2", "50000", 1},
        {"M1 departed, v1", "bench/scenarios/m1-departed.ini", "m1", "111111",
         1},
        {"M2 departed, v1", "bench/scenarios/m2-departed.ini", "m2", "50000",
         1},
    };
    int runs = argc > 4 ? atoi(argv[4]) : 15, cpu;
    double worst[2] = {0, 0}, r;
    sample s1, s10;
    if (argc < 4 || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: bench_speed RRSIM LOOP API [RUNS]\n");
        return 1;
    }
    rrsim = argv[1], loop = argv[2], api = argv[3];
    setvbuf(stdout, NULL, _IOLBF, 0); /* each line as it is measured */
    snprintf(tmp, sizeof tmp, "/tmp/rrsim-bench-XXXXXX");
    if (!mkdtemp(tmp))
        return 1;
    snprintf(out_dir, sizeof out_dir, "%s/out", tmp);
    snprintf(out_file, sizeof out_file, "%s/stdout", tmp);
    cpu = pin();
    if (!part("speed"))
        goto memory;
    printf("speed: rrsim (A) against a hand-written event loop (B), one "
           "replication, one thread, no charts;\n%d pairs of runs A B A B "
           "... %s%d; CPU-time ratio A/B: median (min-max), target <= %.1f\n",
           runs, cpu >= 0 ? "pinned to processor " : "not pinned", cpu,
           TARGET_RATIO);
    for (size_t i = 0; i < sizeof models / sizeof *models; i++) {
        char label[64];
        int v1 = models[i].v1;
        char *b[] = {(char *)loop, (char *)models[i].model,
                     (char *)models[i].days, "1", v1 ? NULL : "taus2", NULL};
        char *a[] = RRSIM_RUN(models[i].scn, v1 ? "--set" : NULL,
                              "scenario.rng=v1", NULL);
        char *c[] = {(char *)api, (char *)models[i].scn,
                     v1 ? "scenario.rng=v1" : NULL, NULL};
        snprintf(label, sizeof label, "%s, rrsim run", models[i].name);
        if (pair(label, a, 1, b, runs, &r) != 0)
            goto fail;
        worst[v1] = r > worst[v1] ? r : worst[v1];
        snprintf(label, sizeof label, "%s, C API", models[i].name);
        if (pair(label, c, 0, b, runs, &r) != 0)
            goto fail;
        worst[v1] = r > worst[v1] ? r : worst[v1];
    }
    printf("  largest median ratio, as shipped (streams v3): %.2f: %s\n",
           worst[0],
           worst[0] <= TARGET_RATIO ? "within target" : "ABOVE TARGET");
    printf("  largest median ratio, streams v1 (files naming no version): "
           "%.2f\n",
           worst[1]);

memory:
    /* memory: M1 departed over 10 times its horizon; the median of 3 runs
     * of each, in turn (peak RSS moves by some 100 kB from run to run) */
    if (part("memory")) {
        char *a[] = RRSIM_RUN("bench/scenarios/m1-departed.ini", NULL);
        char *b[] = RRSIM_RUN("bench/scenarios/m1-departed.ini", "--set",
                              "scenario.end=5042-02-11", NULL);
        double m1[3], m10[3], x1, x10;
        for (int i = 0; i < 3; i++) {
            if (run(a, &s1) != 0 || run(b, &s10) != 0)
                goto fail;
            m1[i] = s1.rss_mb;
            m10[i] = s10.rss_mb;
        }
        x1 = median(m1, 3);
        x10 = median(m10, 3);
        printf("memory: M1 departed, peak RSS %.1f MB over its horizon, "
               "%.1f MB over 10 times it: x%.2f (target <= 1.10: %s)\n",
               x1, x10, x10 / x1, x10 <= 1.1 * x1 ? "ok" : "ABOVE");
    }
    /* the baseline, 30 replications on one thread */
    for (int v1 = 0; v1 < 2 && part("baseline"); v1++) {
        char *a[] = RRSIM_RUN("scenarios/nl-baseline.ini", "--reps", "30",
                              v1 ? "--set" : NULL, "scenario.rng=v1", NULL);
        if (run(a, &s1) != 0)
            goto fail;
        s1.events = events_of(1);
        printf("baseline%s: 30 replications, %llu events, %.2f CPU s: %.2f M "
               "events per CPU second (target >= %.0f M: %s), peak RSS %.1f "
               "MB\n",
               v1 ? ", streams v1" : "", s1.events, s1.cpu,
               (double)s1.events / s1.cpu / 1e6, TARGET_BASELINE / 1e6,
               (double)s1.events / s1.cpu >= TARGET_BASELINE ? "ok" : "BELOW",
               s1.rss_mb);
    }
    /* threads: not pinned */
    if (part("threads")) {
        cpu_set_t all;
        CPU_ZERO(&all);
        for (int i = 0; i < CPU_SETSIZE; i++)
            CPU_SET(i, &all);
        sched_setaffinity(0, sizeof all, &all);
        printf("threads: sweep of the baseline, 20 points x 10 "
               "replications\n");
        for (int t = 1; t <= 2; t++) {
            char threads[8];
            snprintf(threads, sizeof threads, "%d", t);
            char *a[] = {(char *)rrsim, "sweep", "scenarios/nl-baseline.ini",
                         "--vary", "iom_share=0.05:1:0.05", "--reps", "10",
                         "--threads", threads, "--plot", "none", "--quiet",
                         "--force", "--out", out_dir, NULL};
            if (run(a, &s1) != 0)
                goto fail;
            printf("  %d thread%s  %6.1f s wall, %6.1f CPU s, CPU-busy / "
                   "wall %.2f\n",
                   t, t > 1 ? "s" : " ", s1.wall, s1.cpu, s1.cpu / s1.wall);
        }
    }
    {
        char cmd[200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            return 1;
    }
    return 0;
fail: {
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    (void)!system(cmd);
}
    return 1;
}
