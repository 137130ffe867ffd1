/*
 * progress.c - the progress bar of a run on a terminal (rr_output.h).
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "rr_output.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void clock_text(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* on_progress - "[#####.....] 12/20 replications  0:04 elapsed, about 0:03
 * left" on stderr, redrawn at most ten times a second (called from the
 * worker threads, one at a time). */
static void on_progress(void *ctx, size_t done, size_t total)
{
    rr_progress *p = ctx;
    double t = now_seconds(), el = t - p->t0;
    char bar[32], a[32], b[32];
    size_t fill = total ? done * 24 / total : 24;
    if (done > 0 && done < total && t - p->last < 0.1)
        return;
    p->last = t;
    for (size_t i = 0; i < 24; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[24] = '\0';
    clock_text(el, a, sizeof a);
    if (done > 0 && done < total)
        clock_text(el / (double)done * (double)(total - done), b, sizeof b);
    fprintf(stderr, "\r[%s] %zu/%zu replications  %s elapsed%s%s ", bar,
            done, total, a, done > 0 && done < total ? ", about " : "",
            done > 0 && done < total ? b : "");
    if (done > 0 && done < total)
        fputs("left ", stderr);
    fflush(stderr);
    p->shown = true;
}

void rr_progress_start(rr_progress *p, bool show, rr_run_opts *opts,
                       size_t total)
{
    p->t0 = p->last = 0;
    p->shown = false;
    if (!show || !isatty(STDERR_FILENO))
        return;
    p->t0 = now_seconds();
    opts->progress = on_progress;
    opts->progress_ctx = p;
    on_progress(p, 0, total);
}

void rr_progress_clear(rr_progress *p)
{
    if (p->shown)
        fprintf(stderr, "\r%78s\r", "");
    p->shown = false;
}
