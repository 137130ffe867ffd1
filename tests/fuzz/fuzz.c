/*
 * fuzz.c - the fuzz targets' private temporary folder and small helpers
 * (fuzz.h).
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "fuzz.h"
#include "rr_output.h"
#include "rr_scenario.h"

#ifndef RR_FUZZ_SRC
#define RR_FUZZ_SRC "."
#endif

static char dir[512];

_Noreturn void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static void remove_dir(void)
{
    if (dir[0])
        rr_remove_tree(dir);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* copy_files - the .ini and .csv files of SRC/from into DIR/to (a file
 * already there is kept: the first copy of a name wins). */
static void copy_files(const char *from, const char *to)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/%s", RR_FUZZ_SRC, from);
    DIR *d = opendir(src);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[2048], name[512], tpath[2048];
        struct stat st;
        if (!ends_with(e->d_name, ".ini") && !ends_with(e->d_name, ".csv"))
            continue;
        snprintf(path, sizeof path, "%s/%s", src, e->d_name);
        snprintf(name, sizeof name, "%s%s%s", to, *to ? "/" : "", e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
            st.st_size > (1 << 20) ||
            access(fz_path(name, tpath, sizeof tpath), F_OK) == 0)
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        char *buf = malloc((size_t)st.st_size + 1);
        size_t got = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
        fclose(f);
        if (buf)
            fz_write(name, buf, got);
        free(buf);
    }
    closedir(d);
}

void fz_setup(void)
{
    if (dir[0])
        return;
    gsl_set_error_handler_off();
    const char *base = getenv("RRSIM_FUZZ_TMP");
    if (!base || !*base)
        base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    snprintf(dir, sizeof dir, "%s/rrsim-fuzz-XXXXXX", base);
    if (!mkdtemp(dir))
        fz_fail("cannot make a folder in '%s': %s", base, strerror(errno));
    atexit(remove_dir);
    copy_files("scenarios", "");
    copy_files("scenarios/data", "data");
    copy_files("tests/fixtures", "");
    copy_files("tests/fixtures/variant", "variant");
    copy_files("tests/bad", "");
    copy_files("tests/bad/base", "base");
    copy_files("tests/model", "");
}

const char *fz_dir(void)
{
    return dir;
}

const char *fz_path(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", dir, name);
    return buf;
}

void fz_write(const char *name, const void *data, size_t size)
{
    char path[2048];
    const char *slash = strchr(name, '/');
    if (slash) {
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%.*s", dir, (int)(slash - name), name);
        if (mkdir(sub, 0700) != 0 && errno != EEXIST)
            fz_fail("cannot make '%s': %s", sub, strerror(errno));
    }
    fz_path(name, path, sizeof path);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fz_fail("cannot write '%s': %s", path, strerror(errno));
}

char *fz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        fz_fail("out of memory");
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

size_t fz_lines(char *text, char **line, size_t max)
{
    size_t n = 0;
    char *p = text;
    while (*p && n < max) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        line[n++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return n;
}

void fz_listing(rr_scenario *sc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        fz_fail("out of memory");
    rr_scenario_print(sc, f);
    fclose(f);
    free(text);
}

const char *fz_shipped(unsigned pick, char *buf, size_t n)
{
    static const char *const name[4] = {"basic.ini", "nl-baseline.ini",
                                        "mm1.ini", "variant/variant.ini"};
    return fz_path(name[pick % 4], buf, n);
}

/* ---- fz_check_plan ------------------------------------------------------ */

static size_t epoch;

static void in_range(const char *what, double x, double lo, double hi)
{
    if (!(x >= lo && x <= hi))
        fz_fail("epoch %zu: %s is %g, outside [%g, %g]", epoch, what, x, lo,
                hi);
}

static void finite_at_least(const char *what, double x, double lo)
{
    if (!isfinite(x) || x < lo)
        fz_fail("epoch %zu: %s is %g (expected a finite number >= %g)",
                epoch, what, x, lo);
}

/* a duration's distribution: a mean that is a number >= 0 (+inf is what a
 * heavy tail such as weibull(shape=0.001) truly has) */
static void duration(const char *what, const rr_dist *d)
{
    double m = rr_dist_mean(d);
    if (isnan(m) || m < 0)
        fz_fail("epoch %zu: %s has a mean of %g", epoch, what, m);
}

static void routes(const char *stage, const rr_route_table *t, size_t nc)
{
    for (size_t k = 0; t->n && k < nc; k++) {
        double sum = 0;
        for (size_t i = 0; i < t->n; i++) {
            in_range("a route's probability", t->p[k * t->n + i], 0, 1);
            sum += t->p[k * t->n + i];
        }
        if (fabs(sum - 1) > 1e-6)
            fz_fail("epoch %zu: the routes of stage '%s' sum to %.9g for "
                    "country %zu",
                    epoch, stage, sum, k + 1);
    }
}

static void check_config(const rr_config *c)
{
    double shares = 0;
    finite_at_least("the horizon", c->horizon, 1e-300);
    finite_at_least("the warm-up", c->warmup, 0);
    finite_at_least("the arrival rate", c->rate, 0);
    in_range("the vulnerable share", c->vulnerable_share, 0, 1);
    for (size_t i = 0; i < c->n_schedule; i++) {
        finite_at_least("a schedule factor", c->schedule_factor[i], 0);
        if (!isfinite(c->schedule_t[i]) ||
            (i > 0 && c->schedule_t[i] <= c->schedule_t[i - 1]))
            fz_fail("epoch %zu: schedule step %zu at day %g", epoch, i + 1,
                    c->schedule_t[i]);
    }
    if (c->n_countries < 1)
        fz_fail("epoch %zu: no country", epoch);
    for (size_t i = 0; i < c->n_countries; i++) {
        finite_at_least("a country's share", c->country_share[i], 0);
        in_range("a sustainable share", c->sustainable[i], 0, 1);
        shares += c->country_share[i];
    }
    if (fabs(shares - 1) > 1e-6)
        fz_fail("epoch %zu: the country shares sum to %.9g", epoch, shares);
    if (c->n_stages < 1 || c->entry_stage >= c->n_stages)
        fz_fail("epoch %zu: entry stage %u of %zu", epoch,
                (unsigned)c->entry_stage, c->n_stages);
    for (size_t s = 0; s < c->n_stages; s++) {
        const rr_cfg_stage *st = &c->stages[s];
        if (st->servers < 0 && st->servers != RR_UNLIMITED)
            fz_fail("epoch %zu: stage '%s' has %d servers", epoch, st->name,
                    st->servers);
        duration("a service", &st->service);
        for (size_t i = 0; st->service_by_country && i < c->n_countries; i++)
            duration("a per-country service", &st->service_by_country[i]);
        finite_at_least("a service scale", st->service_scale, 0);
        if (st->has_abscond)
            duration("a time to absconding", &st->abscond);
        finite_at_least("an abscond scale", st->abscond_scale, 0);
        if (isnan(st->max_stay) || st->max_stay < 0)
            fz_fail("epoch %zu: stage '%s' has max_stay %g", epoch,
                    st->name, st->max_stay);
        for (int w = 0; w < RR_OUT_COUNT; w++)
            routes(st->name, &st->route[w], c->n_countries);
    }
    for (size_t p = 0; p < c->n_providers; p++) {
        const rr_cfg_provider *pr = &c->providers[p];
        if (isnan(pr->from) || isnan(pr->until) || pr->from > pr->until)
            fz_fail("epoch %zu: provider '%s' active from %g until %g",
                    epoch, pr->name, pr->from, pr->until);
        for (size_t i = 0; i < c->n_countries; i++)
            in_range("a provider's coverage", pr->covered[i], 0, 1);
    }
    duration("the support period", &c->support);
    in_range("sustainable_unsupported", c->sustainable_unsupported, 0, 1);
    in_range("remigration_share", c->remigration_share, 0, 1);
    duration("the remigration delay", &c->remigration_delay);
    if (c->remigration_stage >= c->n_stages)
        fz_fail("epoch %zu: remigration stage %u of %zu", epoch,
                (unsigned)c->remigration_stage, c->n_stages);
    for (size_t i = 0; i < c->n_initial; i++) {
        const rr_cfg_initial *in = &c->initial[i];
        if (in->stage >= c->n_stages || in->country >= c->n_countries)
            fz_fail("epoch %zu: a starting row at stage %u, country %u",
                    epoch, (unsigned)in->stage, (unsigned)in->country);
        finite_at_least("a starting case's time at its stage", in->elapsed,
                        0);
        finite_at_least("a starting case's time in the caseload", in->age,
                        in->elapsed);
    }
}

void fz_check_plan(const rr_plan *plan)
{
    if (plan->n_epochs < 1 || plan->t[0] != 0)
        fz_fail("a plan of %zu epochs starting at day %g", plan->n_epochs,
                plan->n_epochs ? plan->t[0] : 0.0);
    for (epoch = 0; epoch < plan->n_epochs; epoch++) {
        if (epoch > 0 && !(plan->t[epoch] > plan->t[epoch - 1] &&
                           plan->t[epoch] < plan->cfg[0]->horizon))
            fz_fail("epoch %zu starts at day %g", epoch, plan->t[epoch]);
        check_config(plan->cfg[epoch]);
    }
    for (size_t e = 0; e < plan->n_events; e++) {
        const rr_event_info *ev = &plan->events[e];
        if (!isfinite(ev->from) || isnan(ev->until) || ev->until < ev->from)
            fz_fail("event '%s' from day %g until day %g", ev->name,
                    ev->from, ev->until);
    }
}
