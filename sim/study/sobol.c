/*
 * sobol.c - Saltelli sampling and the Sobol indices (see rr_sobol.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "rr_common.h"
#include "rr_sobol.h"

size_t rr_saltelli_rows(size_t k)
{
    return k + 2;
}

void rr_saltelli_points(const double *base, size_t n, size_t k, double *out)
{
    size_t j, i, c, rows = rr_saltelli_rows(k);

    for (j = 0; j < n; j++) {
        const double *a = base + j * 2 * k, *b = a + k;
        double *row = out + j * rows * k;
        memcpy(row, a, k * sizeof *row);                  /* A */
        for (i = 0; i < k; i++) {                         /* AB_i */
            double *ab = row + (1 + i) * k;
            for (c = 0; c < k; c++)
                ab[c] = c == i ? b[c] : a[c];
        }
        memcpy(row + (k + 1) * k, b, k * sizeof *row);    /* B */
    }
}

/* The sums the estimators are made of, over a set of rows. */
typedef struct sums {
    double sa, sb, saa, sbb;   /* f(A), f(B) centred on f0: sums, squares */
    double *s1, *st;           /* k each */
} sums;

static void sums_clear(sums *s, size_t k)
{
    s->sa = s->sb = s->saa = s->sbb = 0;
    memset(s->s1, 0, k * sizeof *s->s1);
    memset(s->st, 0, k * sizeof *s->st);
}

/* sums_add - row j of y (centred on f0). */
static void sums_add(sums *s, const double *y, size_t j, size_t k, double f0)
{
    const double *r = y + j * rr_saltelli_rows(k);
    double fa = r[0] - f0, fb = r[k + 1] - f0;
    size_t i;

    s->sa += fa;
    s->sb += fb;
    s->saa += fa * fa;
    s->sbb += fb * fb;
    for (i = 0; i < k; i++) {
        double fab = r[1 + i] - f0;
        s->s1[i] += fb * (fab - fa);
        s->st[i] += (fa - fab) * (fa - fab);
    }
}

/* variance - V of f(A) and f(B) together (divisor 2n), from the sums. */
static double variance(const sums *s, size_t n)
{
    double m = (s->sa + s->sb) / (2.0 * (double)n);
    double v = (s->saa + s->sbb) / (2.0 * (double)n) - m * m;
    return v > 0 ? v : 0;
}

/* indices - S1 and ST of input i from the sums; NAN when V is 0. */
static void indices(const sums *s, size_t n, size_t i, double *s1,
                    double *st)
{
    double v = variance(s, n);

    if (!(v > 0)) {
        *s1 = *st = NAN;
        return;
    }
    *s1 = s->s1[i] / (double)n / v;
    *st = s->st[i] / (2.0 * (double)n) / v;
}

/* percentiles - the 2.5% and 97.5% points of the finite values among
 * x[0..n) (sorted in place); NAN if there are none. */
static void percentiles(double *x, size_t n, double *lo, double *hi)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (isfinite(x[i]))
            x[m++] = x[i];
    if (m == 0) {
        *lo = *hi = NAN;
        return;
    }
    gsl_sort(x, 1, m);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.025);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, m, 0.975);
}

/* rank - 1 for the largest ST, ties (and NANs, last) by input order. */
static void rank(rr_sobol_index *ind, size_t k)
{
    size_t i, j;

    for (i = 0; i < k; i++) {
        size_t r = 1;
        for (j = 0; j < k; j++) {
            double a = ind[j].st, b = ind[i].st;
            if (j == i)
                continue;
            if ((isnan(b) && !isnan(a)) || (a > b) || (a == b && j < i) ||
                (isnan(a) && isnan(b) && j < i))
                r++;
        }
        ind[i].rank = r;
    }
}

static void fill_state(rr_sobol_result *res, double value)
{
    size_t i;

    for (i = 0; i < res->k; i++) {
        rr_sobol_index *x = &res->ind[i];
        x->s1 = x->s1_lo = x->s1_hi = value;
        x->st = x->st_lo = x->st_hi = value;
        x->rank = i + 1;
    }
}

int rr_sobol_indices(const double *y, size_t n, size_t k, size_t n_boot,
                     uint64_t seed, rr_sobol_result *res)
{
    size_t rows = rr_saltelli_rows(k), i, j, b;
    double f0 = 0, *buf = NULL, *s1b = NULL, *stb = NULL;
    sums s;
    int rc = RR_OK;

    if (n < 2 || k == 0 || !res || !res->ind)
        return RR_EINVAL;
    res->n = n;
    res->k = k;
    res->mean = res->var = NAN;
    for (j = 0; j < n * rows; j++)
        if (!isfinite(y[j])) {
            res->state = RR_SOBOL_MISSING;
            fill_state(res, NAN);
            return RR_OK;
        }
    for (j = 0; j < n; j++)
        f0 += y[j * rows] + y[j * rows + k + 1];
    f0 /= 2.0 * (double)n;

    buf = malloc(2 * k * sizeof *buf);
    if (!buf)
        return RR_ENOMEM;
    s.s1 = buf;
    s.st = buf + k;
    sums_clear(&s, k);
    for (j = 0; j < n; j++)
        sums_add(&s, y, j, k, f0);
    res->mean = f0;
    res->var = variance(&s, n);
    /* V is 0 when every value equals f0; a rounding residue of the
     * centred sums is not variance either */
    if (!(res->var > 1e-24 * fmax(1.0, f0 * f0))) {
        res->var = 0;
        res->state = RR_SOBOL_CONSTANT;
        fill_state(res, 0);
        free(buf);
        return RR_OK;
    }
    res->state = RR_SOBOL_OK;
    for (i = 0; i < k; i++) {
        rr_sobol_index *x = &res->ind[i];
        indices(&s, n, i, &x->s1, &x->st);
        x->s1_lo = x->s1_hi = x->st_lo = x->st_hi = NAN;
    }
    rank(res->ind, k);

    if (n_boot > 0) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        s1b = malloc(n_boot * k * sizeof *s1b);
        stb = malloc(n_boot * k * sizeof *stb);
        if (!r || !s1b || !stb) {
            rc = RR_ENOMEM;
        } else {
            /* gsl_rng_set takes an unsigned long: fold the high half in */
            gsl_rng_set(r, (unsigned long)(seed ^ (seed >> 32)));
            for (b = 0; b < n_boot; b++) {
                sums_clear(&s, k);
                for (j = 0; j < n; j++)
                    sums_add(&s, y, (size_t)gsl_rng_uniform_int(r, n), k,
                             f0);
                for (i = 0; i < k; i++)
                    indices(&s, n, i, &s1b[i * n_boot + b],
                            &stb[i * n_boot + b]);
            }
            for (i = 0; i < k; i++) {
                rr_sobol_index *x = &res->ind[i];
                percentiles(s1b + i * n_boot, n_boot, &x->s1_lo, &x->s1_hi);
                percentiles(stb + i * n_boot, n_boot, &x->st_lo, &x->st_hi);
            }
        }
        gsl_rng_free(r);
    }
    free(s1b);
    free(stb);
    free(buf);
    return rc;
}
