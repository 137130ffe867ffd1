/*
 * bench_scenario.c - the cost of `rrsim check` on big scenarios.
 *
 * Writes generated scenarios into a temporary folder and times what
 * `rrsim check` does with each (load, plan, print the listing to
 * /dev/null), for three kinds of size:
 *
 *   parameters N  N parameters with source notes and N more, each in a
 *                 chain of 50 (p0 = ${p1}, ...; every parameter must be
 *                 used), an event per chain scaling the arrival rate by
 *                 its head, and one event scaling a parameter;
 *   stages N      N stages in a row, each routing to the next;
 *   countries N   a countries table of N rows, a route per country column
 *                 and an event that changes one cell.
 *
 * Each is timed at N and at 4N (best of 3, wall clock); the report is the
 * time per element at both sizes and their ratio.  A cost linear in the
 * size gives a ratio near 1, n log n a little more; a quadratic one shows
 * as about 4.  A report, not a test: the exit status is 0 whatever the
 * figures, 1 when a scenario cannot be written or checked.
 *
 * Usage: bench_scenario [SCALE]   SCALE (default 1) multiplies every N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_scenario.h"

static char dir[64];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* write_scenario - the scenario of the kind with n elements; its path in
 * path.  0 on success. */
static int write_scenario(const char *kind, size_t n, char *path, size_t len)
{
    FILE *f, *c = NULL;
    char csv[128];

    snprintf(path, len, "%s/%s-%zu.ini", dir, kind, n);
    if (!(f = fopen(path, "w")))
        return 1;
    fprintf(f, "[scenario]\nname = big\nstart = 2020-01-01\n"
               "end = 2020-01-10\nreplications = 1\n");
    if (strcmp(kind, "parameters") == 0) {
        /* chains of 50 (under the nesting limit of 64); the last of each
         * is a number, the first scales the arrival rate in an event */
        fprintf(f, "[parameters]\n");
        for (size_t i = 0; i < n; i++)
            if ((i + 1) % 50 && i + 1 < n)
                fprintf(f, "p%zu = ${p%zu}\np%zu.source = note %zu\n", i,
                        i + 1, i, i);
            else
                fprintf(f, "p%zu = 1\np%zu.source = note %zu\n", i, i, i);
        for (size_t i = 0; i < n; i++)
            if ((i + 1) % 50 && i + 1 < n)
                fprintf(f, "q%zu = ${q%zu}\n", i, i + 1);
            else
                fprintf(f, "q%zu = 2\n", i);
        fprintf(f, "[arrivals]\nrate = 1/day\n[stage.a]\n"
                   "service = deterministic(1d)\nroute.departed = 1\n"
                   "[event.e]\nfrom = 2020-01-05\nscale.p1 = 2\n");
        for (size_t i = 0; i < n; i += 50)
            fprintf(f, "[event.p%zu]\nfrom = 2020-01-05\n"
                       "scale.arrivals.rate = ${p%zu}\n"
                       "[event.q%zu]\nfrom = 2020-01-06\n"
                       "scale.arrivals.rate = ${q%zu}\n",
                    i, i, i, i);
    } else if (strcmp(kind, "stages") == 0) {
        fprintf(f, "[arrivals]\nrate = 1/day\nstage = s0\n");
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "[stage.s%zu]\nservers = 2\n"
                       "service = deterministic(1d)\n", i);
            if (i + 1 < n)
                fprintf(f, "route.s%zu = 0.9\n", i + 1);
            else
                fprintf(f, "route.departed = 0.9\n");
            fprintf(f, "route.closed = rest\n");
        }
    } else {
        snprintf(csv, sizeof csv, "%s/countries-%zu.csv", dir, n);
        if (!(c = fopen(csv, "w"))) {
            fclose(f);
            return 1;
        }
        fprintf(c, "country,share,x\n");
        for (size_t i = 0; i < n; i++)
            fprintf(c, "C%zu,1,0.5\n", i);
        fprintf(f, "[countries]\nfile = countries-%zu.csv\n"
                   "[arrivals]\nrate = 1/day\n[stage.a]\n"
                   "service = deterministic(1d)\n"
                   "route.departed = country.x\nroute.closed = rest\n"
                   "[event.e]\nfrom = 2020-01-05\nset.country.C7.x = 0.2\n",
                n);
        if (fclose(c) != 0) {
            fclose(f);
            return 1;
        }
    }
    return fclose(f) != 0;
}

/* check - what `rrsim check` does; the seconds it took, or -1. */
static double check(const char *path)
{
    rr_scenario *sc;
    const rr_plan *plan;
    char err[1024];
    FILE *null = fopen("/dev/null", "w");
    double t0 = now(), t;

    if (!null)
        return -1;
    if (rr_scenario_load(path, NULL, 0, &sc, err, sizeof err) != RR_OK ||
        rr_scenario_plan(sc, &plan, err, sizeof err) != RR_OK) {
        fprintf(stderr, "bench_scenario: %s\n", err);
        fclose(null);
        return -1;
    }
    rr_scenario_print(sc, null);
    rr_scenario_destroy(sc);
    t = now() - t0;
    fclose(null);
    return t;
}

static double best_of_3(const char *path)
{
    double best = -1;
    for (int k = 0; k < 3; k++) {
        double t = check(path);
        if (t < 0)
            return -1;
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *kind;
        size_t n;
    } sizes[] = {{"parameters", 5000}, {"stages", 2500}, {"countries", 25000}};
    double scale = argc > 1 ? atof(argv[1]) : 1;
    int rc = 0;

    if (!(scale > 0)) {
        fprintf(stderr, "usage: bench_scenario [SCALE]\n");
        return 1;
    }
    snprintf(dir, sizeof dir, "/tmp/rrsim-bench-scenario-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("bench_scenario: mkdtemp");
        return 1;
    }
    printf("rrsim check on generated scenarios (best of 3, wall clock)\n");
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0] && !rc; k++) {
        size_t n1 = (size_t)((double)sizes[k].n * scale), n2 = 4 * n1;
        char p1[256], p2[256];
        double t1, t2;
        if (n1 < 1)
            n1 = 1, n2 = 4;
        if (write_scenario(sizes[k].kind, n1, p1, sizeof p1) ||
            write_scenario(sizes[k].kind, n2, p2, sizeof p2)) {
            fprintf(stderr, "bench_scenario: cannot write in %s\n", dir);
            rc = 1;
            break;
        }
        t1 = best_of_3(p1);
        t2 = best_of_3(p2);
        if (t1 < 0 || t2 < 0) {
            rc = 1;
        } else {
            printf("  %-10s %7zu: %8.1f ms, %6.2f us each;  %7zu: %8.1f ms, "
                   "%6.2f us each;  ratio %.2f\n",
                   sizes[k].kind, n1, t1 * 1e3, t1 * 1e6 / (double)n1, n2,
                   t2 * 1e3, t2 * 1e6 / (double)n2,
                   (t2 / (double)n2) / (t1 / (double)n1));
        }
        unlink(p1);
        unlink(p2);
        if (strcmp(sizes[k].kind, "countries") == 0) {
            char csv[256];
            snprintf(csv, sizeof csv, "%s/countries-%zu.csv", dir, n1);
            unlink(csv);
            snprintf(csv, sizeof csv, "%s/countries-%zu.csv", dir, n2);
            unlink(csv);
        }
    }
    rmdir(dir);
    return rc;
}
