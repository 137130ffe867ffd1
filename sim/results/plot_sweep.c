/*
 * plot_sweep.c - the chart of a sweep (plot_int.h): sweep.png from
 * sweep.csv, sweep_chart.csv and run.csv.
 *
 * The indicators drawn (sweep_chart.csv's, or the default ones) against
 * the first varied setting, mean and 95% CI:
 *   - one or two settings: one panel per indicator, each on its own scale;
 *     a second setting gives one line per value (or is put on the axis
 *     when it has more than MAX_SERIES values and the first fewer);
 *   - three or more: small multiples, one panel per value of the third
 *     setting (per combination of the third and further ones), the first
 *     along the axis and one line per value of the second; the panels of
 *     an indicator side by side on one scale, under the indicator's name;
 *   - when no layout can show the points (both first settings with more
 *     values than a legend can name, or more panels than fit), the design
 *     points are numbered along the axis and the subtitle says why.
 * Settings and indicators are named by their labels (sweep_chart.csv);
 * shares are percentages on every axis, legend and panel title ("60%").
 * Series are told apart by colour and point type; series at one x are
 * moved a little apart so that their intervals do not hide each other.
 * The layout of the panels is plot_sweep_layout.c's.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"
#include "plot_sweep.h"

/* series colours and point types, told apart by both */
static const char *const series_colour[] = {
    OI_BLUE, OI_VERMILLION, OI_GREEN, OI_ORANGE,
    OI_PURPLE, OI_SKY, "#000000", "#8C7A00"};
static const int series_pt[] = {7, 5, 9, 13, 11, 15, 7, 5};

/* ---- values in words ------------------------------------------------------- */

void rri_unit_words(const char *suffix, char *buf, size_t n)
{
    static const char *const words[][2] = {
        {"d", "days"},     {"day", "days"},       {"days", "days"},
        {"w", "weeks"},    {"week", "weeks"},     {"weeks", "weeks"},
        {"m", "months"},   {"month", "months"},   {"months", "months"},
        {"y", "years"},    {"year", "years"},     {"years", "years"},
        {"/d", "per day"}, {"/w", "per week"},    {"/m", "per month"},
        {"/y", "per year"}};
    buf[0] = '\0';
    for (size_t i = 0; i < RR_COUNTOF(words); i++)
        if (strcmp(suffix, words[i][0]) == 0) {
            snprintf(buf, n, "%s", words[i][1]);
            return;
        }
    if (suffix[0] == '/')
        snprintf(buf, n, "per %s", suffix + 1);
    else
        snprintf(buf, n, "%s", suffix);
}

void rri_sweep_value_text(const char *v, bool share, char *buf, size_t n)
{
    char *end, unit[64];
    double x;
    errno = 0;
    x = strtod(v, &end);
    if (end == v || errno || !isfinite(x) || share || !*end) {
        rr_design_value_text(v, share, buf, n);
        return;
    }
    rri_unit_words(end, unit, sizeof unit);
    if (x == 1 && unit[0] && unit[strlen(unit) - 1] == 's' &&
        !strchr(unit, ' '))
        unit[strlen(unit) - 1] = '\0'; /* "1 day" */
    snprintf(buf, n, "%.*s %s", (int)(end - v), v, unit);
}

void rri_sweep_setting_text(const char *label, const char *v, bool share,
                            char *buf, size_t n)
{
    char val[256];
    rri_sweep_value_text(v, share, val, sizeof val);
    snprintf(buf, n, "%s: %s", label, val);
}

void rri_mid_sentence(const char *label, char *buf, size_t n)
{
    snprintf(buf, n, "%s", label);
    if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
}

/* ---- the plan: which setting goes where ------------------------------------ */

void rri_sweepplan_fini(rri_sweepplan *p)
{
    free(p->xv);
    free(p->sv);
    for (size_t i = 0; p->fv && i < p->nf; i++) {
        free(p->fv[i]);
        free(p->fval[i]);
    }
    free(p->fv);
    free(p->fval);
    free(p->xpos);
    free(p->px);
    free(p->ps);
    free(p->pf);
    memset(p, 0, sizeof *p);
}

/* distinct - the distinct values of key k over the points, in order of
 * appearance, into v (np entries); idx[p] gets each point's index. */
static size_t distinct(const rri_sweep *s, size_t k, const char **v,
                       size_t *idx)
{
    size_t n = 0;
    for (size_t p = 0; p < s->np; p++) {
        const char *x = s->val[p * s->nk + k];
        size_t i;
        if (!x) {
            idx[p] = SIZE_MAX;
            continue;
        }
        for (i = 0; i < n && strcmp(v[i], x) != 0; i++)
            ;
        if (i == n)
            v[n++] = x;
        idx[p] = i;
    }
    return n;
}

/* numeric_values - whether every value is a number with one and the
 * same suffix (a unit); their numbers into pos (in percent for a share). */
static bool numeric_values(const char *const *v, size_t n, bool share,
                           double *pos, char *unit, size_t ulen)
{
    const char *suffix = NULL;
    for (size_t i = 0; i < n; i++) {
        char *end;
        errno = 0;
        pos[i] = strtod(v[i], &end);
        if (end == v[i] || errno || !isfinite(pos[i]) ||
            (suffix && strcmp(suffix, end) != 0))
            return false;
        suffix = end;
    }
    if (n < 2)
        return false;
    if (share && *suffix)
        return false;
    for (size_t i = 0; i < n && share; i++)
        pos[i] *= 100;
    rri_unit_words(suffix, unit, ulen);
    return true;
}

/* facet_of - the text of point p's facet: the settings other than the
 * axis's and the series', "Label: value · Label: value", or with
 * `values` only their values. */
static void facet_of(const rri_sweep *s, const rri_sweepplan *pl, size_t p,
                     bool values, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < s->nk && o + 1 < n; k++) {
        char one[512];
        const char *v = s->val[p * s->nk + k];
        if ((long)k == pl->xkey || (long)k == pl->skey)
            continue;
        if (values)
            rri_sweep_value_text(v ? v : "", s->kshare[k], one, sizeof one);
        else
            rri_sweep_setting_text(s->klabel[k], v ? v : "", s->kshare[k],
                                   one, sizeof one);
        o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? " · " : "", one);
    }
}

/* plan_facets - the distinct facets of the points, in order of
 * appearance, their texts into pl->fv; pl->pf[p] each point's. */
static int plan_facets(const rri_sweep *s, rri_sweepplan *pl)
{
    char t[1024];
    pl->fv = calloc(s->np ? s->np : 1, sizeof *pl->fv);
    pl->fval = calloc(s->np ? s->np : 1, sizeof *pl->fval);
    if (!pl->fv || !pl->fval)
        return RR_ENOMEM;
    pl->nf = 0;
    for (size_t p = 0; p < s->np; p++) {
        size_t f;
        if (!s->val[p * s->nk]) {
            pl->pf[p] = SIZE_MAX;
            continue;
        }
        facet_of(s, pl, p, false, t, sizeof t);
        for (f = 0; f < pl->nf && strcmp(pl->fv[f], t) != 0; f++)
            ;
        if (f == pl->nf) {
            pl->fv[f] = strdup(t);
            facet_of(s, pl, p, true, t, sizeof t);
            pl->fval[f] = strdup(t);
            pl->nf++;
            if (!pl->fv[f] || !pl->fval[f])
                return RR_ENOMEM;
        }
        pl->pf[p] = f;
    }
    return RR_OK;
}

/* plan_numbered - the design points numbered along the axis. */
static void plan_numbered(const rri_sweep *s, rri_sweepplan *pl)
{
    free(pl->xv);
    free(pl->sv);
    for (size_t i = 0; pl->fv && i < pl->nf; i++) {
        free(pl->fv[i]);
        free(pl->fval[i]);
    }
    free(pl->fv);
    free(pl->fval);
    pl->xv = pl->sv = NULL;
    pl->fv = pl->fval = NULL;
    pl->xkey = pl->skey = -1;
    pl->nx = s->np;
    pl->ns = pl->nf = 1;
    pl->numeric = true;
    pl->share = false;
    pl->unit[0] = '\0';
    for (size_t p = 0; p < s->np; p++) {
        pl->px[p] = s->val[p * s->nk] ? p : SIZE_MAX;
        pl->ps[p] = pl->pf[p] = 0;
        pl->xpos[p] = (double)(p + 1);
    }
}

int rri_sweep_plan(const rri_sweep *s, rri_sweepplan *pl)
{
    size_t np = s->np ? s->np : 1;
    size_t *ix = malloc(np * sizeof *ix), *is = malloc(np * sizeof *is);
    const char **v0 = malloc(np * sizeof *v0), **v1 = malloc(np * sizeof *v1);
    size_t n0, n1 = 0;
    bool swap;
    int rc = RR_ENOMEM;

    memset(pl, 0, sizeof *pl);
    pl->xkey = pl->skey = -1;
    pl->px = malloc(np * sizeof *pl->px);
    pl->ps = calloc(np, sizeof *pl->ps);
    pl->pf = calloc(np, sizeof *pl->pf);
    pl->xpos = malloc(np * sizeof *pl->xpos);
    pl->nf = 1;
    if (!ix || !is || !v0 || !v1 || !pl->px || !pl->ps || !pl->pf ||
        !pl->xpos)
        goto out;
    n0 = distinct(s, 0, v0, ix);
    if (s->nk >= 2)
        n1 = distinct(s, 1, v1, is);
    if (s->nk >= 2 && n0 > MAX_SERIES && n1 > MAX_SERIES) {
        /* more values than an axis and a legend can show */
        snprintf(pl->why, sizeof pl->why,
                 "%zu × %zu values, too many for a legend: points numbered",
                 n0, n1);
        plan_numbered(s, pl);
        rc = RR_OK;
        goto out;
    }
    swap = s->nk >= 2 && n1 > MAX_SERIES;
    pl->xkey = swap ? 1 : 0;
    pl->xv = swap ? v1 : v0;
    pl->nx = swap ? n1 : n0;
    memcpy(pl->px, swap ? is : ix, np * sizeof *ix);
    if (s->nk >= 2) {
        pl->skey = swap ? 0 : 1;
        pl->sv = swap ? v0 : v1;
        pl->ns = swap ? n0 : n1;
        memcpy(pl->ps, swap ? ix : is, np * sizeof *is);
    } else {
        free(v1);
        pl->ns = 1;
    }
    v0 = v1 = NULL; /* the plan's now */
    pl->share = s->kshare[pl->xkey];
    pl->numeric = numeric_values(pl->xv, pl->nx, pl->share, pl->xpos,
                                 pl->unit, sizeof pl->unit);
    if (!pl->numeric) {
        pl->share = false;
        for (size_t i = 0; i < pl->nx; i++)
            pl->xpos[i] = (double)(i + 1);
    }
    rc = s->nk >= 3 ? plan_facets(s, pl) : RR_OK;
out:
    free(ix);
    free(is);
    free(v0);
    free(v1);
    return rc;
}

void rri_sweep_numbered(const rri_sweep *s, rri_sweepplan *pl,
                        const char *why)
{
    snprintf(pl->why, sizeof pl->why, "%s", why);
    plan_numbered(s, pl);
}

/* ---- axes ---------------------------------------------------------------------- */

/* tic_text - the label of x position i: the value (a share's as a
 * percentage), or the point's number. */
static void tic_text(const rri_sweepplan *pl, size_t i, char *buf, size_t n)
{
    char *end;
    if (!pl->xv) {
        snprintf(buf, n, "%zu", i + 1);
        return;
    }
    if (pl->share) {
        rr_share_text(pl->xpos[i] / 100, buf, n);
        return;
    }
    snprintf(buf, n, "%s", pl->xv[i]);
    if (pl->numeric) { /* without its unit: the axis says it */
        strtod(pl->xv[i], &end);
        if ((size_t)(end - pl->xv[i]) < n)
            buf[end - pl->xv[i]] = '\0';
    }
}

/* percent_labels - a "%" after every label of t. */
static void percent_labels(rri_tics *t)
{
    for (size_t i = 0; i < t->n; i++) {
        size_t len = strlen(t->v[i].label);
        if (len && len + 2 <= sizeof t->v[i].label)
            strcat(t->v[i].label, "%");
    }
}

int rri_sweep_xtics(FILE *g, const rri_sweepplan *pl, double lo, double hi,
                    double width)
{
    char(*lab)[128] = calloc(pl->nx ? pl->nx : 1, sizeof *lab);
    const char **label = calloc(pl->nx ? pl->nx : 1, sizeof *label);
    rri_tics t = {NULL, 0, 0, false};
    bool scaled;
    int rc = RR_ENOMEM;
    if (lab && label) {
        for (size_t i = 0; i < pl->nx; i++) {
            tic_text(pl, i, lab[i], sizeof lab[i]);
            label[i] = lab[i];
        }
        rc = rri_value_tics(pl->xpos, label, pl->nx, pl->numeric, !pl->xv,
                            lo, hi, width, &t, &scaled);
        if (rc == RR_OK && scaled && pl->share)
            percent_labels(&t);
    }
    if (rc == RR_OK) {
        rri_gp_range(g, "x", lo, hi);
        rri_gp_tics(g, "x", &t);
    }
    rri_tics_fini(&t);
    free(lab);
    free(label);
    return rc;
}

int rri_sweep_yaxis(FILE *g, const rri_scale *sc, bool labels, bool share,
                    double height)
{
    rri_tics t = {NULL, 0, 0, false};
    int rc = rri_scale_tics(sc, labels, false, &t);
    /* in a low panel, every k-th tic labelled (the multiples of k
     * steps), so that the labels keep 18 px apart */
    double px = sc->step * height / (sc->b - sc->a);
    long k = px > 0 && px < 18 ? (long)ceil(18 / px) : 1;
    if (rc == RR_OK) {
        for (size_t i = 0; i < t.n && k > 1; i++)
            if (labs(lround(t.v[i].at / sc->step)) % k != 0)
                t.v[i].label[0] = '\0';
        if (share)
            percent_labels(&t);
        rri_gp_range(g, "y", sc->a, sc->b);
        rri_gp_tics(g, "y", &t);
    }
    rri_tics_fini(&t);
    return rc;
}

double rri_sweep_ywidth(const rri_scale *sc, bool share)
{
    return rri_scale_width(sc, false, 11) +
           (share ? rri_text_px("%", 11) : 0);
}

/* ---- the chart ------------------------------------------------------------------ */

/* sweep_scales - the indicators with a value at some point and not all
 * zero, each with its scale over every panel it has; the others named in
 * c->zero or c->none. */
static void sweep_scales(rri_sweep_chart *c)
{
    const rri_sweep *s = c->s;
    c->zero_all = true;
    c->n = 0;
    c->zero[0] = c->none[0] = '\0';
    for (size_t k = 0; k < s->ni; k++) {
        double lo = INFINITY, hi = -INFINITY;
        bool any = false, nonzero = false, z;
        for (size_t p = 0; p < s->np; p++) {
            size_t at = p * s->ni + k;
            double m = s->mean[at];
            if (isnan(m) || c->pl.px[p] == SIZE_MAX)
                continue;
            any = true;
            nonzero = nonzero || m != 0 || (!isnan(s->hi[at]) &&
                                            s->hi[at] != 0);
            lo = fmin(lo, isnan(s->lo[at]) ? m : fmin(m, s->lo[at]));
            hi = fmax(hi, isnan(s->hi[at]) ? m : fmax(m, s->hi[at]));
        }
        if (!any || !nonzero) {
            char *list = any ? c->zero : c->none;
            size_t len = strlen(list);
            snprintf(list + len, sizeof c->zero - len, "%s%.*s",
                     len ? ", " : "", (int)strcspn(s->ilabel[k], ","),
                     s->ilabel[k]);
            continue;
        }
        c->sc[c->n] = rri_panel_scale(lo, hi, &z);
        /* a share's scale ends at 100% when its values do */
        if (s->ishare[k] && hi <= 100 && c->sc[c->n].b > 100 &&
            fabs(remainder(100, c->sc[c->n].step)) < 1e-9)
            c->sc[c->n].b = 100;
        c->zero_all = c->zero_all && z;
        c->shown[c->n++] = k;
    }
}

/* sweep_texts - title, subtitle, footer, source and the x label. */
static void sweep_texts(rri_sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const rri_sweepplan *pl = &c->pl;
    char reps[128], x[256], ser[256], fac[512], parts[512];
    size_t o = 0;

    x[0] = ser[0] = fac[0] = parts[0] = '\0';
    if (pl->xkey >= 0)
        rri_mid_sentence(s->klabel[pl->xkey], x, sizeof x);
    if (pl->skey >= 0)
        rri_mid_sentence(s->klabel[pl->skey], ser, sizeof ser);
    for (size_t k = 0; k < s->nk && pl->nf > 1; k++)
        if ((long)k != pl->xkey && (long)k != pl->skey) {
            char one[256];
            rri_mid_sentence(s->klabel[k], one, sizeof one);
            o += (size_t)snprintf(fac + o, sizeof fac - o, "%s%s",
                                  o ? " and " : "", one);
        }
    if (pl->xkey < 0)
        snprintf(c->t, sizeof c->t,
                 "Indicators at each design point of the sweep");
    else if (pl->skey < 0)
        snprintf(c->t, sizeof c->t, "Indicators against %s", x);
    else if (pl->nf <= 1)
        snprintf(c->t, sizeof c->t, "Indicators against %s and %s", x, ser);
    else
        snprintf(c->t, sizeof c->t, "Indicators against %s, %s and %s", x,
                 ser, fac);
    if (rri_text_px(c->t, 22 * 1.1) > 0.96 * W && pl->xkey >= 0)
        snprintf(c->t, sizeof c->t, "Indicators against %s", x);
    if (pl->nf > 1)
        snprintf(parts, sizeof parts, "a line per %s, a panel per %s · ",
                 ser, fac);
    else if (pl->ns > 1)
        snprintf(parts, sizeof parts, "a line per %s · ", ser);
    if (s->reps >= 2)
        snprintf(reps, sizeof reps, "mean of %zu replications per point",
                 s->reps);
    else
        snprintf(reps, sizeof reps, "one replication per point, so no "
                                    "confidence intervals");
    /* what the lines and panels are matters more than the scenario's
     * title: the title is cut to the room they leave, or left out (the
     * footer names the scenario) */
    {
        char rest[1024], title[512];
        double room;
        snprintf(rest, sizeof rest, " · %s%s%s%s", pl->why,
                 *pl->why ? " · " : "", parts, reps);
        snprintf(title, sizeof title, "%s",
                 c->ri && *c->ri->title ? c->ri->title : s->scenario);
        room = 0.96 * W - rri_text_px(rest, FS);
        if (room >= 160)
            rri_text_fit(title, sizeof title, FS, room);
        snprintf(c->st, sizeof c->st, "%s%s", room >= 160 ? title : "",
                 room >= 160 ? rest : rest + strlen(" · "));
    }
    snprintf(c->foot, sizeof c->foot,
             "Scenario %s · sweep of %zu design points · %zu replication%s "
             "each%s%s",
             s->scenario, s->np, s->reps, s->reps == 1 ? "" : "s",
             c->ri && *c->ri->version ? " · rrsim " : "",
             c->ri ? c->ri->version : "");
    rri_source_of(c->ri, c->ri ? 1 : 0, c->src, sizeof c->src);
    if (pl->xkey < 0)
        snprintf(c->xl, sizeof c->xl,
                 "Design point (the values of each are in "
                 "sweep.csv; the first setting varies slowest)");
    else if (*pl->unit && pl->numeric && !pl->share)
        snprintf(c->xl, sizeof c->xl, "%s (%s)", s->klabel[pl->xkey],
                 pl->unit);
    else
        snprintf(c->xl, sizeof c->xl, "%s", s->klabel[pl->xkey]);
}

/* sweep_note - what the reader should know, under the chart. */
static void sweep_note(rri_sweep_chart *c)
{
    char span[128];
    rri_kpi_span(c->ri, span, sizeof span);
    snprintf(c->note, sizeof c->note,
             "%s%s. Every point uses the same random numbers.%s%s%s%s%s%s%s%s"
             "%s%s%s",
             c->pl.nf > 1 ? "The panels of an indicator share its scale"
                          : "Each panel has its own scale",
             c->zero_all ? "" : "; not all start at zero",
             *span ? " Whole run: " : "", span, *span ? "." : "",
             *c->zero ? " Zero at every point: " : "", c->zero,
             *c->none ? (*c->zero ? "; no value: " : " No value: ") : "",
             c->none, *c->zero || *c->none ? "." : "",
             *c->dropped ? " Not drawn for want of room: " : "", c->dropped,
             *c->dropped ? " (choose with --indicators)." : "");
}

/* sweep_legend - one entry per series (a setting's value) or one for the
 * means, and the interval; the note wrapped; where the legend and the
 * plots' bottom go. */
static void sweep_legend(rri_sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const rri_sweepplan *pl = &c->pl;
    c->nke = 0;
    if (pl->ns > 1) {
        for (size_t i = 0; i < pl->ns && i < MAX_SERIES; i++) {
            rri_sweep_setting_text(s->klabel[pl->skey], pl->sv[i],
                                   s->kshare[pl->skey], c->legend_buf[i],
                                   sizeof c->legend_buf[i]);
            c->ke[c->nke++] = (rri_key){c->legend_buf[i], series_colour[i],
                                        'p', NULL, pl->numeric ? 2 : 0};
        }
    } else {
        snprintf(c->legend_buf[0], sizeof c->legend_buf[0], "%s",
                 s->reps >= 2 ? "Mean of the replications"
                              : "Result of the replication");
        c->ke[c->nke++] = (rri_key){c->legend_buf[0], OI_BLUE, 'p', NULL,
                                    pl->numeric && pl->xkey >= 0 ? 2 : 0};
    }
    for (size_t i = 0; i < c->nke; i++) {
        snprintf(c->pts[i], sizeof c->pts[i], "pt %d ps 1.2", series_pt[i]);
        c->ke[i].dash = c->pts[i];
    }
    if (s->reps >= 2)
        c->ke[c->nke++] = (rri_key){"95% confidence interval", "#444444",
                                    'e', NULL, 1.5};
    rri_wrap2(c->note, ". ", c->n1, c->n2, sizeof c->n1);
    c->base = (*c->n2 ? 82 : 60) + 28 +
              (rri_legend_rows(c->ke, c->nke) == 2 ? 8 : 0);
    c->B = c->base + (rri_legend_rows(c->ke, c->nke) == 2 ? 16 : 8) + 70;
}

/* sweep_xrange - the x range, padded. */
static void sweep_xrange(rri_sweep_chart *c)
{
    const rri_sweepplan *pl = &c->pl;
    c->xlo = c->xhi = pl->xpos[0];
    for (size_t i = 1; i < pl->nx; i++) {
        c->xlo = fmin(c->xlo, pl->xpos[i]);
        c->xhi = fmax(c->xhi, pl->xpos[i]);
    }
    if (pl->numeric && pl->xkey >= 0) {
        double pad = 0.06 * (c->xhi - c->xlo);
        c->xlo -= pad;
        c->xhi += pad;
    } else {
        c->xlo -= 0.5;
        c->xhi += 0.5;
    }
}

/* dodge_px - how far apart series at one x are drawn in a panel w px
 * wide. */
static double dodge_px(const rri_sweep_chart *c, double w)
{
    const rri_sweepplan *pl = &c->pl;
    double gapu = INFINITY;
    if (pl->ns < 2)
        return 0;
    for (size_t i = 0; i < pl->nx; i++)
        for (size_t j = i + 1; j < pl->nx; j++)
            gapu = fmin(gapu, fabs(pl->xpos[i] - pl->xpos[j]));
    if (!isfinite(gapu))
        gapu = c->xhi - c->xlo;
    return fmin(8, 0.5 * gapu * w / (c->xhi - c->xlo) / (double)pl->ns);
}

/* sweep_data - a data block per panel and series: x, mean, interval; a
 * point without a value a gap in the line. */
static void sweep_data(FILE *g, const rri_sweep_chart *c)
{
    const rri_sweep *s = c->s;
    const rri_sweepplan *pl = &c->pl;
    for (size_t q = 0; q < c->npan; q++) {
        const rri_panel *pn = &c->pan[q];
        size_t k = c->shown[pn->g];
        for (size_t sr = 0; sr < pl->ns; sr++) {
            fprintf(g, "$p%zus%zu << EOD\n", q, sr);
            for (size_t x = 0; x < pl->nx; x++) {
                bool found = false;
                for (size_t p = 0; p < s->np && !found; p++) {
                    size_t at = p * s->ni + k;
                    double m = s->mean[at], lo = s->lo[at], hi = s->hi[at];
                    if (pl->px[p] != x || pl->ps[p] != sr ||
                        pl->pf[p] != pn->f || isnan(m))
                        continue;
                    if (isnan(lo) || isnan(hi))
                        lo = hi = m;
                    fprintf(g, "%.10g %.10g %.10g %.10g\n", pl->xpos[x], m,
                            lo, hi);
                    found = true;
                }
                if (!found)
                    fputc('\n', g); /* a gap in the line */
            }
            fputs("EOD\n", g);
        }
    }
}

/* sweep_notes - heading, the note's lines (and the legend and the x
 * label, when there are panels). */
static void sweep_notes(FILE *g, const rri_sweep_chart *c, bool panels)
{
    rri_gp_heading(g, c->t, c->st, c->foot, c->src);
    rri_gp_small_text(g, c->n1, H - (*c->n2 ? 82 : 60));
    if (*c->n2)
        rri_gp_small_text(g, c->n2, H - 60);
    if (!panels)
        return;
    rri_gp_legend(g, c->ke, c->nke, 0.5 * W, c->base);
    fprintf(g, "set label ");
    rri_gp_str(g, c->xl);
    fprintf(g, " at screen 0.5, screen %.4f center font \"%s,13\" "
               "textcolor rgb \"#333333\"\n",
            (c->B - 50) / H, FONT);
}

/* sweep_plot - the plot command of panel q: per series a line (numeric
 * values on the axis) and the points with their intervals, offset by
 * du. */
static void sweep_plot(FILE *g, const rri_sweep_chart *c, size_t q, double du)
{
    const rri_sweep *s = c->s;
    const rri_sweepplan *pl = &c->pl;
    const rri_panel *pn = &c->pan[q];
    size_t k = c->shown[pn->g];
    bool any_plotted = false;
    for (size_t sr = 0; sr < pl->ns; sr++) {
        double off = ((double)sr - (double)(pl->ns - 1) / 2) * du;
        bool has = false;
        for (size_t p = 0; p < s->np && !has; p++)
            has = pl->ps[p] == sr && pl->pf[p] == pn->f &&
                  pl->px[p] != SIZE_MAX && !isnan(s->mean[p * s->ni + k]);
        if (!has)
            continue;
        if (pl->numeric && pl->xkey >= 0)
            fprintf(g, "%s$p%zus%zu using ($1+%.10g):2 with lines lw 2 "
                       "lc rgb \"%s\" notitle, \\\n     ",
                    any_plotted ? ", \\\n     " : "plot ", q, sr, off,
                    series_colour[sr]);
        else
            fputs(any_plotted ? ", \\\n     " : "plot ", g);
        any_plotted = true;
        fprintf(g, "$p%zus%zu using ($1+%.10g):2%s with %s pt %d ps "
                   "%.2g lw 1.5 lc rgb \"%s\" notitle",
                q, sr, off, s->reps >= 2 ? ":3:4" : "",
                s->reps >= 2 ? "yerrorbars" : "points", series_pt[sr],
                pl->nx > 25   ? 0.6
                : pl->nx > 12 ? 0.8
                : pl->ns > 1  ? 1.0
                              : 1.1,
                series_colour[sr]);
    }
    if (!any_plotted) /* a panel whose points have no value */
        fputs("plot NaN notitle", g);
    fputc('\n', g);
}

/* text_at - a label at px (x from the left, y from the top). */
static void text_at(FILE *g, const char *text, double x, double y,
                    const char *font, const char *colour)
{
    fprintf(g, "set label ");
    rri_gp_str(g, text);
    fprintf(g, " at screen %.4f, screen %.4f left font \"%s\" textcolor "
               "rgb \"%s\"\n",
            x / W, rri_sy(y), font, colour);
}

/* sweep_panel - panel q. */
static int sweep_panel(FILE *g, const rri_sweep_chart *c, size_t q)
{
    const rri_panel *pn = &c->pan[q];
    size_t k = c->shown[pn->g];
    char text[1024], font[64];
    int rc;
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (q == 0)
        sweep_notes(g, c, true);
    rri_gp_margins(g, pn->l / W, pn->r / W, rri_sy(pn->t), rri_sy(pn->b));
    if ((rc = rri_sweep_xtics(g, &c->pl, c->xlo, c->xhi, pn->r - pn->l)) ||
        (rc = rri_sweep_yaxis(g, &c->sc[pn->g], pn->ylabels,
                              c->s->ishare[k], pn->b - pn->t)))
        return rc;
    if (pn->heading) { /* the indicator, over its panels */
        snprintf(text, sizeof text, "%s", c->s->ilabel[k]);
        rri_text_fit(text, sizeof text, 12 * 1.1, pn->hr - pn->hl);
        snprintf(font, sizeof font, "%s Bold,12", FONT);
        text_at(g, text, pn->hl, pn->ht, font, "#222222");
    }
    if (c->pl.nf > 1) { /* the facet, over its panel: where the
                            settings' labels do not fit over every panel,
                            over the first of a row only, which may reach
                            over the gap to the next */
        bool fits = true, first = pn->ylabels;
        for (size_t f = 0; f < c->pl.nf; f++) /* alike in every panel */
            fits = fits && rri_text_px(c->pl.fv[f], 11) <= pn->r - pn->l + 6;
        first = first && rri_text_px(c->pl.fv[pn->f], 11) <= pn->fw;
        snprintf(text, sizeof text, "%s",
                 fits || first ? c->pl.fv[pn->f] : c->pl.fval[pn->f]);
        rri_text_fit(text, sizeof text, 11, pn->fw);
        snprintf(font, sizeof font, "%s,11", FONT);
        text_at(g, text, pn->l, pn->t - 14, font, "#444444");
    }
    sweep_plot(g, c, q,
               dodge_px(c, pn->r - pn->l) * (c->xhi - c->xlo) /
                   (pn->r - pn->l));
    return RR_OK;
}

/* sweep_prepare - the plan, scales, words and layout of the chart; when
 * the panels do not fit, the points numbered instead.  The note names the
 * indicators left out for want of room, and its length moves the panels'
 * bottom: it is made again until the layout leaves out no more. */
static int sweep_prepare(rri_sweep_chart *c)
{
    bool numbered = false;
    int rc = rri_sweep_plan(c->s, &c->pl);
    if (rc != RR_OK)
        return rc;
    sweep_scales(c);
    sweep_texts(c);
    sweep_xrange(c);
    for (int pass = 0; pass < 2 * RR_SWEEP_MAX_IND + 2; pass++) {
        size_t was = strlen(c->dropped);
        sweep_note(c);
        sweep_legend(c);
        rc = rri_sweep_layout(c);
        if (rc == RR_EINVAL && !numbered) {
            /* no room for the panels: number the points instead */
            numbered = true;
            rri_sweep_numbered(c->s, &c->pl, c->why_numbered);
            c->dropped[0] = '\0';
            sweep_scales(c);
            sweep_texts(c);
            sweep_xrange(c);
            continue;
        }
        if (rc != RR_OK || strlen(c->dropped) == was)
            return rc;
    }
    return rc;
}

int rri_draw_sweep(FILE *g, rr_plot_format fmt, const char *out,
                   const rri_sweep *s, const rri_runrow *ri, size_t nri)
{
    rri_sweep_chart *c = calloc(1, sizeof *c);
    int rc;
    if (!c)
        return RR_ENOMEM;
    c->s = s;
    c->ri = nri ? &ri[0] : NULL;
    if ((rc = sweep_prepare(c)) != RR_OK) {
        rri_sweepplan_fini(&c->pl);
        free(c->pan);
        free(c);
        return rc;
    }
    rri_gp_style(g, fmt, out);
    fprintf(g, "set tics font \",11\"\nunset key\nset bars %s\n",
            c->pl.nx > 25 ? "0.6" : c->pl.nx > 12 ? "1" : "1.5");
    sweep_data(g, c);
    if (c->npan == 0) {
        sweep_notes(g, c, false);
        rri_gp_nothing(g, "No indicator of the sweep has a value other "
                          "than zero.");
    } else {
        fputs("set multiplot\n", g);
        for (size_t q = 0; q < c->npan && rc == RR_OK; q++)
            rc = sweep_panel(g, c, q);
        fputs("unset multiplot\n", g);
    }
    rri_sweepplan_fini(&c->pl);
    free(c->pan);
    free(c);
    return rc;
}
