/*
 * precision.c - replications to a target precision (rr_experiment.h):
 * reading --precision and --precision-of, checking the names against a
 * scenario's indicators, the sequential procedure with its stopping rule,
 * and the sentence that tells the outcome.
 *
 * The procedure only ever looks at the replications done so far, between
 * batches, and at nothing else (not the clock, not the threads), so the
 * same seed gives the same number of replications and the same bytes.
 *
 * Cost: after a batch, one pass over the replications per indicator and
 * point (the interval) and, for an indicator still above the target, a
 * bisection of at most log2(max_reps) t quantiles; negligible beside one
 * replication.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "rr_common.h"
#include "rr_experiment.h"
#include "rr_indicator.h"
#include "rr_util.h"

/* ---- what is asked ------------------------------------------------------ */

void rr_precision_init(rr_precision *p)
{
    memset(p, 0, sizeof *p);
    p->max_reps = RR_PRECISION_DEFAULT_MAX_REPS;
    p->of = RR_PRECISION_MEANS;
    p->defaults = true;
    p->n_names = 2;
    p->names[0] = rr_indicators[RR_IND_DEPARTURES_VERIFIED].name;
    p->names[1] = rr_indicators[RR_IND_DEPARTURES_UNSUPERVISED].name;
    p->worst = NAN;
}

bool rr_precision_parse_target(const char *s, double *target)
{
    char *end;
    double v;
    if (!s || !*s || isspace((unsigned char)*s))
        return false;
    errno = 0;
    v = strtod(s, &end);
    if (end == s || errno == ERANGE)
        return false;
    if (*end == '%') {
        v /= 100;
        end++;
    }
    if (*end || !(v > 0 && v < 1)) /* NAN fails too */
        return false;
    *target = v;
    return true;
}

static bool blank(char c)
{
    return isspace((unsigned char)c) != 0;
}

int rr_precision_set_names(rr_precision *p, const char *list, char *err,
                           size_t errlen)
{
    char buf[RR_PRECISION_NAMES_LEN];
    size_t at[RR_PRECISION_MAX_NAMES], n = 0, len = strlen(list);
    char *s = buf;

    if (len >= sizeof buf) {
        snprintf(err, errlen, "the list is longer than %zu bytes",
                 sizeof buf - 1);
        return RR_EINVAL;
    }
    memcpy(buf, list, len + 1);
    for (;;) {
        char *comma = strchr(s, ','), *b = s, *e;
        if (comma)
            *comma = '\0';
        while (blank(*b))
            b++;
        e = b + strlen(b);
        while (e > b && blank(e[-1]))
            *--e = '\0';
        if (!*b) {
            snprintf(err, errlen, "expected indicator names separated by "
                     "commas, got '%s'", list);
            return RR_EINVAL;
        }
        if (n == RR_PRECISION_MAX_NAMES) {
            snprintf(err, errlen, "at most %d indicators, got more in '%s'",
                     RR_PRECISION_MAX_NAMES, list);
            return RR_EINVAL;
        }
        for (size_t i = 0; i < n; i++)
            if (strcmp(buf + at[i], b) == 0) {
                snprintf(err, errlen, "'%s' is named twice", b);
                return RR_EINVAL;
            }
        at[n++] = (size_t)(b - buf);
        if (!comma)
            break;
        s = comma + 1;
    }
    memcpy(p->text, buf, sizeof buf);
    for (size_t i = 0; i < n; i++)
        p->names[i] = p->text + at[i];
    p->n_names = n;
    p->defaults = false;
    return RR_OK;
}

/* no_kpi - the message of name, which plan l does not report in
 * summary.csv (where: " for PATH" or ""). */
static void no_kpi(const char *name, const rr_layout *l, const char *where,
                   char *err, size_t errlen)
{
    const char *member = NULL, *near;
    const rr_indicator *ind = rr_indicator_find_in(name, 0, &member);

    if (ind && !(ind->flags & RR_IND_KPI)) {
        snprintf(err, errlen, "'%s' is %s, not an indicator of summary.csv; "
                 "a precision is judged on those", name,
                 ind->flags & RR_IND_METRIC
                     ? "reported per period only (timeseries.csv)"
                     : "a yearly figure of rrsim fit");
        return;
    }
    near = rr_did_you_mean(name, strlen(name), (const char *const *)l->kpi,
                           l->n_kpis, RR_DYM_AUTO, RR_DYM_NOCASE);
    if (ind && member && ind->member != RR_MEMBER_NONE)
        snprintf(err, errlen, "'%s': the scenario%s has no %s '%s'%s%s%s",
                 name, where,
                 ind->member == RR_MEMBER_STAGE ? "stage" : "provider",
                 member, near ? " (did you mean '" : "", near ? near : "",
                 near ? "'?)" : "");
    else
        snprintf(err, errlen, "'%s' is not an indicator of summary.csv%s%s%s"
                 "%s", name, where, near ? " (did you mean '" : "",
                 near ? near : "", near ? "'?)" : "");
}

int rr_precision_check(const rr_precision *p, const rr_plan *const *plans,
                       const char *const *paths, size_t n, char *err,
                       size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        rr_layout l;
        char where[1100] = "";
        if (rr_layout_make(plans[i], &l) != RR_OK) {
            rr_layout_fini(&l);
            snprintf(err, errlen, "%s", rr_strerror(RR_ENOMEM));
            return RR_ENOMEM;
        }
        if (n > 1 && paths && paths[i])
            snprintf(where, sizeof where, " for %s", paths[i]);
        for (size_t k = 0; k < p->n_names; k++) {
            size_t x = 0;
            while (x < l.n_kpis && strcmp(l.kpi[x], p->names[k]) != 0)
                x++;
            if (x == l.n_kpis) {
                no_kpi(p->names[k], &l, where, err, errlen);
                rr_layout_fini(&l);
                return RR_EINVAL;
            }
        }
        rr_layout_fini(&l);
    }
    return RR_OK;
}

/* ---- the procedure ------------------------------------------------------ */

/* half_at - the half-width of the 95% interval of m values of sd. */
static double half_at(double sd, size_t m)
{
    return gsl_cdf_tdist_Pinv(0.975, (double)(m - 1)) * sd /
           sqrt((double)m);
}

/* values_needed - the smallest m in (n, max] whose interval with this sd
 * would be at most goal wide on either side (the half-width falls with
 * m: bisect); max when none is. */
static size_t values_needed(double sd, double goal, size_t n, size_t max)
{
    size_t lo = n, hi = max;
    if (!(goal > 0) || !isfinite(sd) || hi <= lo || half_at(sd, hi) > goal)
        return max;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (half_at(sd, mid) <= goal)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* judge - every indicator at every point after n replications: p's state,
 * reached, point and worst, and p->stop = RR_PRECISION_ZERO when a named
 * one (or every default one) cannot meet the target.  Returns the
 * replications the interval predicts are needed (n when all are met). */
static size_t judge(rr_precision *p, const rr_precision_src *src, size_t n)
{
    size_t need = n, counted = 0;
    bool zero = false;

    p->worst = NAN;
    for (size_t k = 0; k < p->n_names; k++) {
        rr_precision_state lost = RR_PRECISION_MET; /* none yet */
        size_t lost_at = 0, kept = 0;
        double worst = -1;

        p->point[k] = 0;
        for (size_t i = 0; i < src->points; i++) {
            rr_ci ci = src->ci(src->ctx, k, i);
            double rel;
            if (ci.n == 0 || (ci.mean == 0 && !(ci.sd > 0))) {
                /* nothing to be relative to, and nothing that varies:
                 * more replications will not change it */
                if (lost == RR_PRECISION_MET) {
                    lost = ci.n == 0 ? RR_PRECISION_NONE
                                     : RR_PRECISION_ZEROS;
                    lost_at = i;
                }
                continue;
            }
            kept++;
            rel = ci.n < 2 ? INFINITY : ci.half / fabs(ci.mean);
            if (rel > worst) {
                worst = rel;
                p->point[k] = i;
            }
            if (!(rel <= p->target)) {
                /* values missing (NAN) count as missing replications */
                size_t m = ci.n < 2 ? 2 * ci.n
                                    : values_needed(ci.sd,
                                                    p->target * fabs(ci.mean),
                                                    ci.n, p->max_reps);
                m += n - ci.n;
                if (m <= n)
                    m = n + 1;
                if (m > need)
                    need = m;
            }
        }
        if (lost != RR_PRECISION_MET && (!p->defaults || kept == 0)) {
            /* named, it cannot be met here; default, it is left out */
            p->state[k] = lost;
            p->reached[k] = NAN;
            p->point[k] = lost_at;
            if (!p->defaults)
                zero = true;
            continue;
        }
        counted++;
        p->reached[k] = worst;
        p->state[k] = worst <= p->target ? RR_PRECISION_MET
                                         : RR_PRECISION_ABOVE;
        if (isnan(p->worst) || worst > p->worst)
            p->worst = worst;
    }
    if (zero || counted == 0)
        p->stop = RR_PRECISION_ZERO;
    return need;
}

int rr_precision_run(rr_precision *p, size_t first,
                     const rr_precision_src *src)
{
    size_t n = 0, batch = first;

    if (p->max_reps < 2)
        p->max_reps = 2;
    if (batch < 2)
        batch = 2;
    if (batch > p->max_reps)
        batch = p->max_reps;
    p->points = src->points;
    p->reps = p->batches = 0;
    p->worst = NAN;
    for (;;) {
        size_t need, lo, hi;
        int rc = src->run(src->ctx, n, batch);
        if (rc != RR_OK)
            return rc;
        n += batch;
        p->reps = n;
        p->batches++;
        p->stop = RR_PRECISION_REACHED;
        need = judge(p, src, n);
        if (p->stop == RR_PRECISION_ZERO || need <= n)
            return RR_OK;
        if (n >= p->max_reps) {
            p->stop = RR_PRECISION_AT_MAX;
            return RR_OK;
        }
        /* what is predicted, but at least a twentieth more (a batch
         * costs a wait for its slowest replication; this bounds the
         * batches by the doublings and the overshoot by 5%) and at most
         * as many again (an sd from few values may be far off), and not
         * past the limit */
        lo = (n + 19) / 20;
        hi = n;
        batch = need - n;
        if (batch < lo)
            batch = lo;
        if (batch > hi)
            batch = hi;
        if (batch > p->max_reps - n)
            batch = p->max_reps - n;
    }
}

/* ---- the outcome in words ----------------------------------------------- */

const char *rr_precision_percent(double x, char *buf, size_t len)
{
    if (isnan(x))
        snprintf(buf, len, "n/a");
    else if (isinf(x))
        snprintf(buf, len, "unbounded");
    else if (x * 100 < 9.95)
        snprintf(buf, len, "%#.2g%%", x * 100);
    else
        snprintf(buf, len, "%.0f%%", x * 100);
    return buf;
}

/* above_text - reached, which is above target, in per cent with as many
 * digits as it takes not to read as the target itself ("1.004%" against
 * 1%, where two digits would say "1%"). */
static void above_text(double reached, double target, char *buf, size_t len)
{
    rr_precision_percent(reached, buf, len);
    for (int d = 3; d <= 8 && isfinite(reached) &&
                    strtod(buf, NULL) <= target * 100;
         d++)
        snprintf(buf, len, "%.*g%%", d, reached * 100);
}

/* text - appends to the sentence, as long as there is room. */
typedef struct text {
    char *buf;
    size_t len, at;
} text;

RR_PRINTF(2, 3)
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    int w;
    if (t->at + 1 >= t->len)
        return;
    va_start(ap, fmt);
    w = vsnprintf(t->buf + t->at, t->len - t->at, fmt, ap);
    va_end(ap);
    if (w > 0)
        t->at = t->at + (size_t)w < t->len ? t->at + (size_t)w : t->len - 1;
}

/* naming - how a design point is named in the sentence. */
typedef struct naming {
    void (*fn)(void *ctx, size_t point, char *buf, size_t len);
    void *ctx;
} naming;

/* list - the indicators in state, comma-separated: "name ±x%" with
 * values, else the names alone; with several design points, the point
 * each was judged at in parentheses (not for indicators left out, which
 * are so at every point).  Returns how many. */
static size_t list(text *t, const rr_precision *p, rr_precision_state state,
                   bool values, const naming *nm)
{
    size_t shown = 0;
    for (size_t k = 0; k < p->n_names; k++) {
        char pc[32], where[512] = "";
        if (p->state[k] != state)
            continue;
        put(t, "%s%s", shown++ ? ", " : "", p->names[k]);
        if (values) {
            if (state == RR_PRECISION_ABOVE)
                above_text(p->reached[k], p->target, pc, sizeof pc);
            else
                rr_precision_percent(p->reached[k], pc, sizeof pc);
            put(t, " \u00b1%s", pc);
        }
        if (p->points < 2 || (!values && p->defaults))
            continue;
        if (nm && nm->fn)
            nm->fn(nm->ctx, p->point[k], where, sizeof where);
        if (!where[0])
            snprintf(where, sizeof where, "design point %zu",
                     p->point[k] + 1);
        put(t, " (%s)", where);
    }
    return shown;
}

static size_t count_state(const rr_precision *p, rr_precision_state s)
{
    size_t n = 0;
    for (size_t k = 0; k < p->n_names; k++)
        n += p->state[k] == s;
    return n;
}

/* lost - "departures_unsupervised is 0 in every one of the 20
 * replications" for the indicators that are, and likewise those with no
 * value, after sep; the number of indicators told. */
static size_t lost(text *t, const rr_precision *p, const char *sep,
                   const naming *nm)
{
    static const struct {
        rr_precision_state s;
        const char *one, *many, *where;
    } what[] = {{RR_PRECISION_ZEROS, "is 0", "are 0", "every one of"},
                {RR_PRECISION_NONE, "has no value", "have no value",
                 "any of"}};
    size_t told = 0;
    for (size_t w = 0; w < RR_COUNTOF(what); w++) {
        size_t c = count_state(p, what[w].s);
        if (c == 0)
            continue;
        put(t, "%s", told ? "; " : sep);
        if (p->of == RR_PRECISION_DIFF)
            put(t, "the difference in ");
        list(t, p, what[w].s, false, nm);
        put(t, " %s in %s the %zu replications", c == 1 ? what[w].one
                                                          : what[w].many,
            what[w].where, p->reps);
        if (p->points > 1 && p->defaults)
            put(t, " at every design point");
        told += c;
    }
    return told;
}

const char *rr_precision_describe(const rr_precision *p,
                                  void (*point_name)(void *ctx, size_t point,
                                                     char *buf, size_t len),
                                  void *ctx, char *buf, size_t len)
{
    text t = {buf, len, 0};
    naming nm = {point_name, ctx};
    char target[32];

    if (len == 0)
        return buf;
    buf[0] = '\0';
    snprintf(target, sizeof target, "%g%%", p->target * 100);
    put(&t, "precision %s%s", target,
        p->of == RR_PRECISION_DIFF ? " of the differences" : "");
    if (p->points > 1)
        put(&t, " at every design point");
    switch (p->stop) {
    case RR_PRECISION_REACHED:
        put(&t, " reached after %zu replications: ", p->reps);
        list(&t, p, RR_PRECISION_MET, true, &nm);
        lost(&t, p, "; left out, as ", &nm);
        break;
    case RR_PRECISION_AT_MAX:
        put(&t, " not reached after %zu replications (--max-reps): ",
            p->reps);
        list(&t, p, RR_PRECISION_ABOVE, true, &nm);
        if (count_state(p, RR_PRECISION_MET) > 0) {
            put(&t, "; met: ");
            list(&t, p, RR_PRECISION_MET, true, &nm);
        }
        lost(&t, p, "; left out, as ", &nm);
        break;
    case RR_PRECISION_ZERO:
        put(&t, " cannot be reached: ");
        lost(&t, p, "", &nm);
        put(&t, ", and a relative half-width needs a mean other than 0; "
                "stopped after %zu replications", p->reps);
        if (!p->defaults)
            put(&t, " (choose other indicators with --precision-of)");
        break;
    }
    return buf;
}
