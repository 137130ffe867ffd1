/*
 * plot_fit.c - the chart of a fit (plot_int.h): fit.png from fit.csv and
 * run.csv.
 *
 * One small panel per observed indicator (at most MAX_PANELS, the others
 * named in the note), each on its own scale: per year the simulated mean
 * as a bar with its 95% CI, the observed figure as a dot, and the relative
 * error above the pair.  The bars tell the rows' roles apart: a
 * calibration year's bar is solid blue, a validation year's (out of
 * sample) hatched, with the role written under the year; an input (intake:
 * the scenario takes it from data) is drawn in grey in a panel of its own
 * after the others, without relative errors, since it is not fitted.  The
 * subtitle gives the mean absolute relative error over calibration years
 * and over validation years.  A fit.csv without a role column (written
 * before roles were) is drawn as before: one kind of bar, no summary.
 * Indicators are named by the registry's words for yearly figures
 * (RR_LABEL_YEARLY); one it does not know by its name.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "plot_int.h"

/* fit_title - an observed indicator in words. */
static void fit_title(const char *ind, char *buf, size_t n)
{
    const char *member;
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, &member);
    if (e && rr_indicator_is_yearly(e))
        rr_indicator_entry_label(e, member, RR_LABEL_YEARLY, buf, n);
    else
        snprintf(buf, n, "%s", ind);
}

/* title_fit - a panel title cut to max_px at 12 points bold: first
 * without its closing bracket ("Intake (new cases, ...)" -> "Intake"),
 * then with "...". */
static void title_fit(char *title, size_t size, double max_px)
{
    size_t n = strlen(title);
    char *open = strrchr(title, '(');
    if (rri_text_px(title, 12 * 1.1) <= max_px)
        return;
    if (n && title[n - 1] == ')' && open && open > title + 1 &&
        open[-1] == ' ')
        open[-1] = '\0';
    rri_text_fit(title, size, 12 * 1.1, max_px);
}

/* is_stock - whether an observed indicator is a count at the year's end
 * (a caseload) rather than the year's flow. */
static bool is_stock(const char *ind)
{
    const rr_indicator *e =
        rr_indicator_find_in(ind, RR_IND_METRIC | RR_IND_DERIVED, NULL);
    return e && e->kind == RR_KIND_STOCK;
}

/* The bars of the roles: calibration solid, validation hatched (white
 * under blue lines, a blue border), input grey. */
#define CAL_FILL BAND_MID
#define VAL_LINE OI_BLUE
#define VAL_PATTERN 4
#define INPUT_FILL "#cccccc"

/* A fit's chart: what is drawn, its words and its layout. */
typedef struct fit_chart {
    const rri_fit *d;
    const rri_runrow *ri;   /* run.csv's first row, or NULL */
    const char *scenario;
    const char **ind;       /* the indicators, in order of appearance, the
                               inputs last */
    bool *input;            /* per indicator: an input */
    long *year;             /* the years, in order */
    size_t ni, ny, shown, cols, rows;
    bool roles;             /* fit.csv has roles */
    bool has[RR_FIT_ROLES]; /* which roles its rows have */
    char t[256], st[1024], foot[512], src[600];
    char n1[1024], n2[1024], sim_key[128];
    int lines;              /* of the note: 0, 1 or 2 */
    rri_key ke[6];
    size_t nk, val_key;     /* legend entries; the validation one, or nk */
    double base, B;         /* legend line and plots' bottom, px from the
                               bottom */
} fit_chart;

#define T0 100.0
#define ROLE_PX 14.0 /* the line of role words under the years */

/* fit_sets - the indicators (inputs last) and the (sorted) years of the
 * rows, and the roles they have. */
static void fit_sets(fit_chart *c)
{
    const rri_fit *d = c->d;
    for (size_t r = 0; r < d->n; r++) {
        size_t i, y;
        int role = d->row[r].role;
        for (i = 0; i < c->ni && strcmp(c->ind[i], d->row[r].indicator) != 0;
             i++)
            ;
        if (i == c->ni)
            c->ind[c->ni++] = d->row[r].indicator;
        if (role == RR_FIT_INPUT)
            c->input[i] = true;
        if (role >= 0 && role < RR_FIT_ROLES) {
            c->roles = true;
            c->has[role] = true;
        }
        for (y = 0; y < c->ny && c->year[y] != d->row[r].year; y++)
            ;
        if (y == c->ny)
            c->year[c->ny++] = d->row[r].year;
    }
    for (size_t i = 1; i < c->ni; i++) /* few: a stable insertion sort */
        for (size_t j = i; j > 0 && c->input[j - 1] && !c->input[j]; j--) {
            const char *ts = c->ind[j];
            bool tb = c->input[j];
            c->ind[j] = c->ind[j - 1];
            c->input[j] = c->input[j - 1];
            c->ind[j - 1] = ts;
            c->input[j - 1] = tb;
        }
    for (size_t i = 1; i < c->ny; i++)
        for (size_t j = i; j > 0 && c->year[j - 1] > c->year[j]; j--) {
            long tmp = c->year[j];
            c->year[j] = c->year[j - 1];
            c->year[j - 1] = tmp;
        }
    c->shown = c->ni < MAX_PANELS ? c->ni : MAX_PANELS;
    c->cols = rri_grid_cols(c->shown);
    c->rows = c->shown ? (c->shown + c->cols - 1) / c->cols : 1;
}

/* fit_note - what the bars and labels are, the notes of the observed
 * figures, each once, and the indicators not shown; on one or two
 * lines. */
static void fit_note(fit_chart *c)
{
    const rri_fit *d = c->d;
    char obs[2048], hidden[512] = "";
    size_t head;
    snprintf(obs, sizeof obs, "%s%sEach panel on its own scale. Observed: ",
             c->roles ? "Labels: relative error (simulated / observed − 1). "
                      : "",
             c->has[RR_FIT_INPUT] ? "Inputs are not fitted and have none. "
                                  : "");
    head = strlen(obs);
    for (size_t i = c->shown; i < c->ni; i++) {
        char nm[160];
        size_t len = strlen(hidden);
        fit_title(c->ind[i], nm, sizeof nm);
        if (len + strlen(nm) + 3 < sizeof hidden)
            snprintf(hidden + len, sizeof hidden - len, "%s%s",
                     len ? ", " : "", nm);
    }
    for (size_t r = 0; r < d->n; r++) {
        const char *nt = d->row[r].note;
        bool seen = !*nt;
        for (size_t q = 0; q < r && !seen; q++)
            seen = strcmp(d->row[q].note, nt) == 0;
        if (!seen && strlen(obs) + strlen(nt) + 3 < sizeof obs)
            snprintf(obs + strlen(obs), sizeof obs - strlen(obs), "%s%s",
                     strlen(obs) > head ? "; " : "", nt);
    }
    if (strlen(obs) == head) /* no notes: no "Observed: " */
        obs[head - strlen("Observed: ")] = '\0';
    if (*hidden && strlen(obs) + strlen(hidden) + 16 < sizeof obs)
        snprintf(obs + strlen(obs), sizeof obs - strlen(obs),
                 "%sNot shown: %s.", strlen(obs) > head ? ". " : "", hidden);
    /* a trailing space of the first sentences */
    while (*obs && obs[strlen(obs) - 1] == ' ')
        obs[strlen(obs) - 1] = '\0';
    rri_wrap2(obs, "; ", c->n1, c->n2, sizeof c->n1);
    c->lines = *c->n2 ? 2 : *c->n1 ? 1 : 0;
}

/* role_error - the mean absolute relative error of the rows of a role,
 * in percent (NaN when none has one), and their years ("2019, 2022"). */
static double role_error(const rri_fit *d, int role, char *years, size_t n)
{
    double sum = 0;
    size_t k = 0;
    long last = LONG_MIN;
    years[0] = '\0';
    for (;;) {
        long next = LONG_MAX;
        for (size_t r = 0; r < d->n; r++)
            if (d->row[r].role == role && d->row[r].year > last &&
                d->row[r].year < next)
                next = d->row[r].year;
        if (next == LONG_MAX)
            break;
        if (strlen(years) + 16 < n)
            snprintf(years + strlen(years), n - strlen(years), "%s%ld",
                     *years ? ", " : "", next);
        last = next;
    }
    for (size_t r = 0; r < d->n; r++)
        if (d->row[r].role == role && !isnan(d->row[r].rel)) {
            sum += fabs(d->row[r].rel);
            k++;
        }
    return k ? 100 * sum / (double)k : NAN;
}

/* fit_summary - the subtitle's summary: "mean absolute error 1.0% in
 * calibration years (2019, 2022), 5.4% in validation year (2023)" (the
 * relative errors of the labels, inputs left out); a role without rows
 * is said to have none ("...; no calibration year"). */
static void fit_summary(const fit_chart *c, char *buf, size_t n)
{
    static const char *const what[2] = {"calibration", "validation"};
    const char *sep = " ";
    size_t o;
    snprintf(buf, n, "mean absolute error");
    for (int k = RR_FIT_CALIBRATION; k <= RR_FIT_VALIDATION; k++) {
        char years[128], num[32];
        double e = role_error(c->d, k, years, sizeof years);
        const char *pl = strchr(years, ',') ? "s" : "";
        o = strlen(buf);
        if (!*years)
            continue;
        if (isnan(e))
            snprintf(buf + o, n - o, "%sn/a in %s year%s (%s)", sep, what[k],
                     pl, years);
        else {
            rri_num_text(e, 1, false, num, sizeof num);
            snprintf(buf + o, n - o, "%s%s%% in %s year%s (%s)", sep, num,
                     what[k], pl, years);
        }
        sep = ", ";
    }
    for (int k = RR_FIT_CALIBRATION; k <= RR_FIT_VALIDATION; k++) {
        char years[128];
        role_error(c->d, k, years, sizeof years);
        o = strlen(buf);
        if (!*years)
            snprintf(buf + o, n - o, "%sno %s year",
                     strcmp(sep, " ") ? "; " : " ", what[k]);
    }
}

/* fit_texts - title, subtitle, footer, source, legend; where the legend
 * and the plots' bottom go. */
static void fit_texts(fit_chart *c)
{
    const rri_fit *d = c->d;
    const rri_runrow *ri = c->ri;
    const char *name = ri && *ri->title ? ri->title : c->scenario;
    snprintf(c->t, sizeof c->t, "Simulated against observed yearly figures");
    if (c->roles) {
        char sum[512];
        fit_summary(c, sum, sizeof sum);
        snprintf(c->st, sizeof c->st, "%s · %s", name, sum);
    } else {
        snprintf(c->st, sizeof c->st,
                 "%s · labels: relative error (simulated / observed − 1)",
                 name);
    }
    snprintf(c->foot, sizeof c->foot, "Scenario %s · %zu replication%s%s%s",
             c->scenario, d->reps, d->reps == 1 ? "" : "s",
             ri && *ri->version ? " · rrsim " : "", ri ? ri->version : "");
    rri_source_of(ri, ri ? 1 : 0, c->src, sizeof c->src);
    snprintf(c->sim_key, sizeof c->sim_key,
             "Simulated: mean of %zu replication%s", d->reps,
             d->reps == 1 ? "" : "s");
    c->nk = 0;
    c->val_key = RR_COUNTOF(c->ke);
    if (!c->roles) {
        c->ke[c->nk++] = (rri_key){c->sim_key, CAL_FILL, 'b', NULL, 0};
    } else {
        if (c->has[RR_FIT_CALIBRATION])
            c->ke[c->nk++] = (rri_key){"Simulated, calibration year",
                                       CAL_FILL, 'b', NULL, 0};
        if (c->has[RR_FIT_VALIDATION]) {
            c->val_key = c->nk;
            c->ke[c->nk++] = (rri_key){"Simulated, validation year",
                                       "#ffffff", 'b', NULL, 0};
        }
        if (c->has[RR_FIT_INPUT])
            c->ke[c->nk++] = (rri_key){"Simulated input (not fitted)",
                                       INPUT_FILL, 'b', NULL, 0};
    }
    c->ke[c->nk++] = (rri_key){"Observed (published figure)", OI_VERMILLION,
                               'p', "pt 7 ps 1.5", 0};
    if (d->reps >= 2)
        c->ke[c->nk++] =
            (rri_key){"95% confidence interval", "#222222", 'e', NULL, 1.5};
    c->base = (c->lines == 2 ? 82 + 28 : c->lines ? 60 + 28 : 70) +
              (rri_legend_rows(c->ke, c->nk) == 2 ? 8 : 0);
    c->B = c->base + (rri_legend_rows(c->ke, c->nk) == 2 ? 16 : 8) + 54 +
           (c->roles ? ROLE_PX : 0);
}

/* fit_data - per indicator shown, per year: simulated mean, its interval
 * (from zero at least), observed, role (-1: none). */
static void fit_data(FILE *g, const fit_chart *c)
{
    const rri_fit *d = c->d;
    for (size_t i = 0; i < c->shown; i++) {
        fprintf(g, "$f%zu << EOD\n", i);
        for (size_t y = 0; y < c->ny; y++)
            for (size_t r = 0; r < d->n; r++) {
                const rri_fitrow *w = &d->row[r];
                double lo = w->lo, hi = w->hi;
                if (w->year != c->year[y] ||
                    strcmp(w->indicator, c->ind[i]) != 0)
                    continue;
                if (isnan(lo) || isnan(hi))
                    lo = hi = w->mean;
                if (lo < 0)
                    lo = 0; /* a count near zero */
                fprintf(g, "%zu ", y + 1);
                rri_gp_num(g, w->mean);
                fputc(' ', g);
                rri_gp_num(g, lo);
                fputc(' ', g);
                rri_gp_num(g, hi);
                fputc(' ', g);
                rri_gp_num(g, w->observed);
                fprintf(g, " %d\n", w->role);
                break;
            }
        fputs("EOD\n", g);
    }
}

/* fit_top - what the first panel carries for the whole chart: heading,
 * notes, legend, the y label. */
static void fit_top(FILE *g, const fit_chart *c)
{
    bool stock = false;
    rri_gp_heading(g, c->t, c->st, c->foot, c->src);
    if (c->lines == 2) {
        rri_gp_small_text(g, c->n1, H - 82);
        rri_gp_small_text(g, c->n2, H - 60);
    } else if (c->lines) {
        rri_gp_small_text(g, c->n1, H - 60);
    }
    rri_gp_legend(g, c->ke, c->nk, 0.5 * W, c->base);
    if (c->val_key < c->nk) {
        /* the validation swatch: hatched over the white box */
        double x[RR_COUNTOF(c->ke)], y[RR_COUNTOF(c->ke)];
        rri_legend_place(c->ke, c->nk, 0.5 * W, c->base, x, y);
        fprintf(g, "set object rect from screen %.4f, screen %.4f to "
                   "screen %.4f, screen %.4f fc rgb \"" VAL_LINE "\" fs "
                   "pattern %d border lc rgb \"" VAL_LINE "\" lw 1 front\n",
                x[c->val_key] / W, (y[c->val_key] - 7) / H,
                (x[c->val_key] + RRI_KEY_SWATCH) / W, (y[c->val_key] + 7) / H,
                VAL_PATTERN);
    }
    for (size_t k = 0; k < c->shown; k++)
        stock = stock || is_stock(c->ind[k]);
    fprintf(g, "set label ");
    rri_gp_str(g, stock ? "Persons (a year's flow, or at its end)"
                        : "Persons per year");
    fprintf(g, " at screen 0.012, screen %.4f center rotate by "
               "90 font \"%s,13\" textcolor rgb \"#333333\"\n",
            (rri_sy(T0) + c->B / H) / 2, FONT);
}

/* fit_errors - the relative errors of indicator i above each year's
 * pair; none for an input, which is not fitted. */
static void fit_errors(FILE *g, const fit_chart *c, size_t i)
{
    const rri_fit *d = c->d;
    for (size_t k = 0; k < d->n; k++) {
        const rri_fitrow *w = &d->row[k];
        size_t y;
        char lab[64];
        double top;
        if (strcmp(w->indicator, c->ind[i]) != 0 || isnan(w->rel) ||
            w->role == RR_FIT_INPUT)
            continue;
        for (y = 0; y < c->ny && c->year[y] != w->year; y++)
            ;
        rri_num_text(100 * w->rel, fabs(w->rel) < 0.1 ? 1 : 0, true, lab,
                     sizeof lab);
        strcat(lab, "%");
        top = fmax(isnan(w->hi) ? 0 : w->hi,
                   fmax(isnan(w->mean) ? 0 : w->mean,
                        isnan(w->observed) ? 0 : w->observed));
        fputs("set label ", g);
        rri_gp_str(g, lab);
        fprintf(g, " at first %zu, first %.10g center offset 0,0.9 "
                   "font \"%s,11\" textcolor rgb \"#222222\" front\n",
                y + 1, top, FONT);
    }
}

/* fit_roles - under the years of panel i (its bottom b px from the top),
 * the role of each: calibration or validation; for an input one line for
 * all. */
static void fit_roles(FILE *g, const fit_chart *c, size_t i, double b)
{
    const rri_fit *d = c->d;
    double at = rri_sy(b + 38);
    if (!c->roles)
        return;
    if (c->input[i]) {
        fprintf(g, "set label \"input: the scenario takes it from data; "
                   "not fitted\" at graph 0.5, screen %.4f center font "
                   "\"%s,10\" textcolor rgb \"#555555\"\n",
                at, FONT);
        return;
    }
    for (size_t y = 0; y < c->ny; y++)
        for (size_t r = 0; r < d->n; r++) {
            const rri_fitrow *w = &d->row[r];
            if (w->year != c->year[y] || strcmp(w->indicator, c->ind[i]) ||
                w->role < 0 || w->role == RR_FIT_INPUT)
                continue;
            fprintf(g, "set label \"%s\" at first %zu, screen %.4f center "
                       "font \"%s,10\" textcolor rgb \"%s\"\n",
                    rr_fit_role_name((rr_fit_role)w->role), y + 1, at, FONT,
                    w->role == RR_FIT_VALIDATION ? VAL_LINE : "#555555");
            break;
        }
}

/* fit_missing - in panel i, each year without an observed figure says so
 * in its slot, which would otherwise stand empty (the other years' and
 * panels' figures set the chart's years). */
static void fit_missing(FILE *g, const fit_chart *c, size_t i)
{
    const rri_fit *d = c->d;
    for (size_t y = 0; y < c->ny; y++) {
        bool seen = false;
        for (size_t r = 0; r < d->n && !seen; r++)
            seen = d->row[r].year == c->year[y] &&
                   strcmp(d->row[r].indicator, c->ind[i]) == 0 &&
                   !isnan(d->row[r].observed);
        if (!seen)
            fprintf(g, "set label \"no observed\\nfigure\" at first %zu, "
                       "graph 0.16 center font \"%s,10\" textcolor rgb "
                       "\"#777777\"\n",
                    y + 1, FONT);
    }
}

/* fit_plot - the plot command of panel i: bars (by role), dots (on white
 * rings), the intervals over them. */
static void fit_plot(FILE *g, const fit_chart *c, size_t i, bool any_sim,
                     bool any_obs)
{
    const char *sep = "plot ";
    if (any_sim && !c->roles) {
        fprintf(g, "%s$f%zu using 1:2 with boxes lc rgb \"" CAL_FILL
                   "\" notitle",
                sep, i);
        sep = ", \\\n     ";
    } else if (any_sim) {
        /* calibration (and a row without a role) solid, validation
         * hatched on white, input grey */
        fprintf(g, "%s$f%zu using 1:($6 == %d ? NaN : $6 == %d ? $2 : NaN) "
                   "with boxes lc rgb \"" CAL_FILL "\" notitle",
                sep, i, RR_FIT_INPUT, RR_FIT_VALIDATION);
        sep = ", \\\n     ";
        fprintf(g, "%s$f%zu using 1:($6 == %d ? $2 : NaN) with boxes "
                   "lc rgb \"" CAL_FILL "\" notitle",
                sep, i, RR_FIT_CALIBRATION);
        fprintf(g, "%s$f%zu using 1:($6 == %d ? $2 : NaN) with boxes "
                   "lc rgb \"white\" notitle",
                sep, i, RR_FIT_VALIDATION);
        fprintf(g, "%s$f%zu using 1:($6 == %d ? $2 : NaN) with boxes "
                   "fs pattern %d border lc rgb \"" VAL_LINE "\" lw 1.2 "
                   "lc rgb \"" VAL_LINE "\" notitle",
                sep, i, RR_FIT_VALIDATION, VAL_PATTERN);
        fprintf(g, "%s$f%zu using 1:($6 == %d ? $2 : NaN) with boxes "
                   "lc rgb \"" INPUT_FILL "\" notitle",
                sep, i, RR_FIT_INPUT);
    }
    if (any_obs) {
        fprintf(g, "%s$f%zu using 1:5 with points pt 7 ps 1.9 lc rgb "
                   "\"white\" notitle%s$f%zu using 1:5 with points "
                   "pt 7 ps 1.5 lc rgb \"" OI_VERMILLION "\" notitle",
                sep, i, ", \\\n     ", i);
        sep = ", \\\n     ";
    }
    /* the interval over the dot, so that both show */
    if (any_sim && c->d->reps >= 2)
        fprintf(g, "%s$f%zu using 1:3:(0):($4-$3) with vectors "
                   "heads size screen 0.006,90 lw 1.5 lc rgb "
                   "\"#222222\" notitle",
                sep, i);
    if (!any_sim && !any_obs)
        fputs("plot NaN notitle", g);
    fputc('\n', g);
}

/* fit_panel - panel i of the grid. */
static int fit_panel(FILE *g, const fit_chart *c, size_t i)
{
    const rri_fit *d = c->d;
    size_t ci = i % c->cols, rw = i / c->cols;
    double cw = 0.96 * W / (double)c->cols;
    double rh = (H - T0 - c->B) / (double)c->rows;
    double gap = 34 + (c->roles ? ROLE_PX : 0);
    double max = 0, lpad, l, r, tp, b;
    bool any_sim = false, any_obs = false;
    char title[256];
    rri_scale s;
    int rc;
    for (size_t k = 0; k < d->n; k++) {
        const rri_fitrow *w = &d->row[k];
        if (strcmp(w->indicator, c->ind[i]) != 0)
            continue;
        if (!isnan(w->hi))
            max = fmax(max, w->hi);
        if (!isnan(w->mean)) {
            max = fmax(max, w->mean);
            any_sim = true;
        }
        if (!isnan(w->observed)) {
            max = fmax(max, w->observed);
            any_obs = true;
        }
    }
    s = rri_nice_scale(0, max * 1.2, 4);
    lpad = rri_scale_width(&s, false, 11) + 16;
    l = 0.02 * W + (double)ci * cw + lpad;
    r = 0.02 * W + (double)(ci + 1) * cw - 24;
    tp = T0 + (double)rw * rh + (rw ? 30 : 26);
    b = T0 + (double)(rw + 1) * rh - (rw + 1 < c->rows ? gap : 0);
    fputs("unset label\nunset object\nunset arrow\n", g);
    if (i == 0)
        fit_top(g, c);
    rri_gp_margins(g, (l + 10) / W, r / W, rri_sy(tp), rri_sy(b));
    fprintf(g, "set xrange [0.4:%.1f]\nset xtics (", (double)c->ny + 0.6);
    for (size_t y = 0; y < c->ny; y++)
        fprintf(g, "%s\"%ld\" %zu", y ? ", " : "", c->year[y], y + 1);
    fputs(") scale 0\n", g);
    if ((rc = rri_gp_scale(g, "y", &s, true, false)) != RR_OK)
        return rc;
    fit_title(c->ind[i], title, sizeof title);
    title_fit(title, sizeof title, r - l + lpad - 10);
    fprintf(g, "set label ");
    rri_gp_str(g, title);
    fprintf(g, " at screen %.4f, graph 1 left offset 0,0.9 font "
               "\"%s Bold,12\" textcolor rgb \"#222222\"\n",
            (l - lpad + 14) / W, FONT);
    fit_errors(g, c, i);
    fit_roles(g, c, i, b);
    fit_missing(g, c, i);
    fit_plot(g, c, i, any_sim, any_obs);
    return RR_OK;
}

int rri_draw_fit(FILE *g, rr_plot_format fmt, const char *out,
                 const rri_fit *d, const rri_runrow *ri, size_t nri)
{
    fit_chart *c = calloc(1, sizeof *c);
    int rc = RR_OK;
    if (!c || !(c->ind = calloc(d->n + 1, sizeof *c->ind)) ||
        !(c->input = calloc(d->n + 1, sizeof *c->input)) ||
        !(c->year = calloc(d->n + 1, sizeof *c->year))) {
        if (c) {
            free(c->ind);
            free(c->input);
        }
        free(c);
        return RR_ENOMEM;
    }
    c->d = d;
    c->ri = nri ? &ri[0] : NULL;
    /* no rows: the name from run.csv */
    c->scenario = !*d->scenario && nri ? ri[0].scenario : d->scenario;
    fit_sets(c);
    fit_note(c);
    fit_texts(c);
    rri_gp_style(g, fmt, out);
    fputs("set tics font \",11\"\nunset key\nset bars 1.5\n"
          "set boxwidth 0.55\n",
          g);
    fit_data(g, c);
    if (c->shown == 0) {
        rri_gp_heading(g, c->t, c->st, c->foot, c->src);
        rri_gp_nothing(g, "No observed figures to compare with.");
    } else {
        fputs("set multiplot\n", g);
        for (size_t i = 0; i < c->shown && rc == RR_OK; i++)
            rc = fit_panel(g, c, i);
        fputs("unset multiplot\n", g);
    }
    free(c->ind);
    free(c->input);
    free(c->year);
    free(c);
    return rc;
}
