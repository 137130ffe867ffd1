/*
 * smooth.c - the smoother drawn through a scatter (plot_int.h): local
 * linear regression with tricube weights (LOESS without the robustness
 * iterations; Cleveland 1979).  Pure arithmetic, no I/O.
 */
#include <math.h>
#include <stdlib.h>

#include "rr_common.h"
#include "plot_int.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int rri_loess(const double *x, const double *y, size_t n, double span,
              const double *at, size_t m, double *out)
{
    double *d = malloc((n ? n : 1) * sizeof *d);
    size_t nn = 0, q;

    if (!d)
        return RR_ENOMEM;
    for (size_t i = 0; i < n; i++)
        nn += isfinite(x[i]) && isfinite(y[i]);
    q = (size_t)ceil(span * (double)nn);
    if (q < 2)
        q = nn < 2 ? nn : 2;
    if (q > nn)
        q = nn;
    for (size_t j = 0; j < m; j++) {
        double h, sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        size_t k = 0;
        out[j] = NAN;
        if (q == 0)
            continue;
        for (size_t i = 0; i < n; i++)
            if (isfinite(x[i]) && isfinite(y[i]))
                d[k++] = fabs(x[i] - at[j]);
        qsort(d, k, sizeof *d, cmp_double);
        /* the q-th nearest point's distance, a little more so that it
         * still counts */
        h = d[q - 1] * 1.000001;
        if (!(h > 0))
            h = 1e-300;
        for (size_t i = 0; i < n; i++) {
            double u, w;
            if (!isfinite(x[i]) || !isfinite(y[i]))
                continue;
            u = fabs(x[i] - at[j]) / h;
            if (u >= 1)
                continue;
            w = 1 - u * u * u;
            w = w * w * w;
            sw += w;
            sx += w * x[i];
            sy += w * y[i];
            sxx += w * x[i] * x[i];
            sxy += w * x[i] * y[i];
        }
        if (!(sw > 0))
            continue;
        {
            double mx = sx / sw, my = sy / sw;
            double vxx = sxx / sw - mx * mx, vxy = sxy / sw - mx * my;
            /* no spread in x near the point: the weighted mean */
            out[j] = vxx > 1e-12 * (mx * mx + 1) ? my + vxy / vxx * (at[j] - mx)
                                                 : my;
        }
    }
    free(d);
    return RR_OK;
}
