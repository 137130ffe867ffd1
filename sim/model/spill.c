/*
 * spill.c - a run's per-period and per-year rows in a file instead of
 * memory (rr_model.h: rr_spill).
 *
 * One file for all the replications of a run; replication i's rows are
 * block i, at i * block bytes:
 *
 *   n_periods rows of  n_metrics + n_stages * RR_SM_COUNT  doubles
 *                      (the metrics, then the stage measures)
 *   n_years rows of    n_countries * n_cmeasures  doubles
 *
 * in the machine's own representation (the file never outlives the
 * process).  A replication writes each row once, when it is final
 * (rr_rep_period_done, rr_rep_year_done), with pwrite at the row's own
 * offset: no lock, no shared position, so the threads of a run write side
 * by side and the bytes do not depend on their order.  Period rows are
 * gathered into RR_SPILL_CHUNK bytes per write while the replication
 * runs (a buffer freed with its last period), and readers (rr_rows) read
 * as many at once, so that a run reported by day costs a few system
 * calls per thousand rows.  The file is
 * created in the folder given (the results folder being written, on the
 * disk the results go to) and unlinked at once: it has no name, is never
 * part of a results folder, and its space is given back when it is
 * closed, or the process ends however it ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "rr_common.h"
#include "rr_model.h"

struct rr_spill {
    int fd;
    char *dir;                    /* where it is, for messages */
    size_t n_periods, period_len; /* doubles per period row */
    size_t n_years, year_len;     /* doubles per year row */
    uint64_t block;               /* bytes per replication */
};

int rr_spill_create(rr_spill **out, const char *dir, const rr_layout *l,
                    char *err, size_t errlen)
{
    rr_spill *s;
    char *path;
    size_t n = strlen(dir) + sizeof "/.rrsim-rows-XXXXXX";
    double rows;
    int e;

    *out = NULL;
    s = calloc(1, sizeof *s);
    path = malloc(n);
    if (!s || !path) {
        free(s);
        free(path);
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    s->n_periods = l->periods.n;
    s->period_len = l->n_metrics + l->n_stages * RR_SM_COUNT;
    s->n_years = l->years.n;
    s->year_len = l->n_countries * l->n_cmeasures;
    /* a replication's block, checked in floating point first: no size
     * rrsim allows comes near, but a wrap would overwrite blocks */
    rows = (double)s->n_periods * (double)s->period_len +
           (double)s->n_years * (double)s->year_len;
    if (rows * sizeof(double) > (double)(INT64_MAX / 4096)) {
        free(s);
        free(path);
        snprintf(err, errlen, "the rows of one replication would not fit "
                 "in a file (%g doubles)", rows);
        return RR_EINVAL;
    }
    s->block = ((uint64_t)s->n_periods * s->period_len +
                (uint64_t)s->n_years * s->year_len) * sizeof(double);
    snprintf(path, n, "%s/.rrsim-rows-XXXXXX", dir);
    if (!(s->dir = strdup(dir))) {
        free(s);
        free(path);
        snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
        return RR_ENOMEM;
    }
    s->fd = mkstemp(path);
    e = errno;
    if (s->fd >= 0) {
        unlink(path);
        (void)fcntl(s->fd, F_SETFD, FD_CLOEXEC); /* not into gnuplot */
    }
    free(path);
    if (s->fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", dir, strerror(e));
        free(s->dir);
        free(s);
        return RR_EIO;
    }
    *out = s;
    return RR_OK;
}

void rr_spill_destroy(rr_spill *s)
{
    if (!s)
        return;
    close(s->fd);
    free(s->dir);
    free(s);
}

void rr_spill_failed(const rr_rep_result *r, int rc, char *err,
                     size_t errlen)
{
    int e = errno ? errno : EIO;
    if (rc == RR_ENOMEM || !r->spill)
        snprintf(err, errlen, "%s", rr_strerror(rc));
    else
        snprintf(err, errlen, "cannot write '%s': %s", r->spill->dir,
                 strerror(e));
}

/* put, get - n doubles at byte offset off of the file, whole. */
static int put(const rr_spill *s, uint64_t off, const double *x, size_t n)
{
    const char *p = (const char *)x;
    size_t left = n * sizeof *x;
    while (left > 0) {
        ssize_t w = pwrite(s->fd, p, left, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC;
            return RR_EIO;
        }
        p += w;
        off += (uint64_t)w;
        left -= (size_t)w;
    }
    return RR_OK;
}

static int get(const rr_spill *s, uint64_t off, double *x, size_t n)
{
    char *p = (char *)x;
    size_t left = n * sizeof *x;
    while (left > 0) {
        ssize_t got = pread(s->fd, p, left, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO; /* a row never written: cannot happen */
            return RR_EIO;
        }
        p += got;
        off += (uint64_t)got;
        left -= (size_t)got;
    }
    return RR_OK;
}

static uint64_t period_at(const rr_spill *s, size_t slot, size_t k)
{
    return s->block * slot + (uint64_t)k * s->period_len * sizeof(double);
}

static uint64_t year_at(const rr_spill *s, size_t slot, size_t y)
{
    return s->block * slot +
           ((uint64_t)s->n_periods * s->period_len +
            (uint64_t)y * s->year_len) * sizeof(double);
}

/* flush - the period rows gathered, in one write. */
static int flush(rr_rep_result *r)
{
    int rc = RR_OK;
    if (r->n_pending > 0)
        rc = put(r->spill, period_at(r->spill, r->slot, r->first_pending),
                 r->pending, r->n_pending * rr_rep_period_len(r));
    r->n_pending = 0;
    return rc;
}

int rr_rep_period_done(rr_rep_result *r, size_t k)
{
    size_t len = rr_rep_period_len(r), ns = r->n_stages * RR_SM_COUNT;
    size_t cap = RR_SPILL_CHUNK / (len * sizeof(double));
    double *row;
    if (!r->spill)
        return RR_OK;
    cap = cap > 0 ? cap : 1;
    if (!r->pending && !(r->pending = malloc(cap * len * sizeof *row))) {
        errno = ENOMEM;
        return RR_ENOMEM;
    }
    if (r->n_pending > 0 && k != r->first_pending + r->n_pending &&
        flush(r) != RR_OK)
        return RR_EIO;
    if (r->n_pending == 0)
        r->first_pending = k;
    row = r->pending + r->n_pending++ * len;
    memcpy(row, r->values, r->n_metrics * sizeof *row);
    memcpy(row + r->n_metrics, r->stages, ns * sizeof *row);
    memset(r->values, 0, r->n_metrics * sizeof *r->values);
    memset(r->stages, 0, ns * sizeof *r->stages);
    if (r->n_pending == cap || k + 1 >= r->n_periods) {
        if (flush(r) != RR_OK)
            return RR_EIO;
        if (k + 1 >= r->n_periods) { /* the last: nothing more to gather */
            free(r->pending);
            r->pending = NULL;
        }
    }
    return RR_OK;
}

int rr_rep_year_done(rr_rep_result *r, size_t y)
{
    const rr_spill *s = r->spill;
    size_t n = r->n_countries * r->n_cmeasures;
    if (!s)
        return RR_OK;
    if (put(s, year_at(s, r->slot, y), r->countries, n) != RR_OK)
        return RR_EIO;
    memset(r->countries, 0, n * sizeof *r->countries);
    return RR_OK;
}

size_t rr_rep_period_len(const rr_rep_result *r)
{
    return r->n_metrics + r->n_stages * RR_SM_COUNT;
}

size_t rr_rep_year_len(const rr_rep_result *r)
{
    return r->n_countries * r->n_cmeasures;
}

int rr_rep_period(const rr_rep_result *r, size_t k, double *buf,
                  const double **values, const double **stages)
{
    if (!r->spill) {
        *values = r->values + k * r->n_metrics;
        *stages = r->stages + k * r->n_stages * RR_SM_COUNT;
        return RR_OK;
    }
    *values = buf;
    *stages = buf + r->n_metrics;
    return get(r->spill, period_at(r->spill, r->slot, k), buf,
               rr_rep_period_len(r));
}

int rr_rep_year(const rr_rep_result *r, size_t y, double *buf,
                const double **countries)
{
    if (!r->spill) {
        *countries = r->countries + y * rr_rep_year_len(r);
        return RR_OK;
    }
    *countries = buf;
    return get(r->spill, year_at(r->spill, r->slot, y), buf,
               rr_rep_year_len(r));
}

size_t rr_rows_cap(size_t readers, size_t len)
{
    size_t per = (readers ? readers : 1) * (len ? len : 1) * sizeof(double);
    size_t cap = (size_t)RR_SPILL_CHUNK * 4 / per;
    return cap > 0 ? cap : 1;
}

int rr_rows_open(rr_rows *w, const rr_rep_result *r, int years, size_t cap)
{
    memset(w, 0, sizeof *w);
    w->r = r;
    w->years = years;
    w->len = years ? rr_rep_year_len(r) : rr_rep_period_len(r);
    w->cap = cap ? cap : 1;
    w->buf = malloc((w->cap * w->len + 1) * sizeof *w->buf);
    return w->buf ? RR_OK : RR_ENOMEM;
}

void rr_rows_close(rr_rows *w)
{
    free(w->buf);
    w->buf = NULL;
}

/* fill - rows [k, k + n) of w's replication into w->buf. */
static int fill(rr_rows *w, size_t k, size_t n)
{
    const rr_rep_result *r = w->r;
    size_t ns = r->n_stages * RR_SM_COUNT;
    if (r->spill)
        return get(r->spill,
                   w->years ? year_at(r->spill, r->slot, k)
                            : period_at(r->spill, r->slot, k),
                   w->buf, n * w->len);
    if (w->years) {
        memcpy(w->buf, r->countries + k * w->len, n * w->len * sizeof(double));
        return RR_OK;
    }
    for (size_t j = 0; j < n; j++) {
        double *row = w->buf + j * w->len;
        memcpy(row, r->values + (k + j) * r->n_metrics,
               r->n_metrics * sizeof *row);
        memcpy(row + r->n_metrics, r->stages + (k + j) * ns,
               ns * sizeof *row);
    }
    return RR_OK;
}

const double *rr_rows_get(rr_rows *w, size_t k)
{
    size_t rows = w->years ? w->r->n_years : w->r->n_periods;
    if (k >= rows) {
        errno = EINVAL;
        return NULL;
    }
    if (w->n == 0 || k < w->first || k >= w->first + w->n) {
        size_t n = rows - k < w->cap ? rows - k : w->cap;
        w->n = 0;
        if (fill(w, k, n) != RR_OK)
            return NULL;
        w->first = k;
        w->n = n;
    }
    return w->buf + (k - w->first) * w->len;
}
