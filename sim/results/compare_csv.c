/*
 * compare_csv.c - the files and terminal tables of a comparison:
 * compare.csv (the totals over the window), compare_from.csv (from the
 * policy's date), compare_years.csv and compare_periods.csv (per
 * calendar year and per reporting period), documented in
 * docs/outputs.md.  The study layer computes them (rr_compare.h); this
 * writes them.
 *
 * Every row carries the two scenarios' names and the days it covers, so
 * a file read on its own says what was compared over which window.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_common.h"
#include "rr_compare.h"
#include "rr_indicator.h"
#include "rr_output.h"

static void day_text(long day, char *buf, size_t n)
{
    rr_date_format(rr_date_from_days(day), buf, n);
}

const char *rr_compare_name(const rr_comparison *c, int policy)
{
    return (policy ? c->pol : c->base)->plan->cfg[0]->name;
}

void rr_compare_from_text(const rr_comparison *c, char *buf, size_t n)
{
    char d[16], f[16];
    day_text(c->first.day, d, sizeof d);
    day_text(c->from, f, sizeof f);
    switch (c->basis) {
    case RR_FROM_GIVEN:
        if (c->first.differ && !c->first.from_start)
            snprintf(buf, n, "measured from %s as asked (--from); the "
                             "scenarios first differ on %s (%s)",
                     f, d, c->first.what);
        else
            snprintf(buf, n, "measured from %s as asked (--from)", f);
        break;
    case RR_FROM_DIFFERENCE:
        if (!c->from_outside)
            snprintf(buf, n, "the scenarios first differ on %s (%s)", d,
                     c->first.what);
        else if (c->from <= c->window.to)
            snprintf(buf, n, "the scenarios first differ on %s (%s), "
                             "before the window: measured from its start",
                     d, c->first.what);
        else
            snprintf(buf, n, "the scenarios first differ on %s (%s), "
                             "after the window: no effect in it",
                     d, c->first.what);
        break;
    case RR_FROM_START:
        snprintf(buf, n, "the scenarios differ from the start (%s)",
                 c->first.what);
        break;
    default:
        snprintf(buf, n, "the scenarios do not differ%s",
                 c->windowed ? " on the days both run" : "");
        break;
    }
}

/* marks_from - whether the effect is measured from a date inside the
 * window that is not its start: the policy's date the charts mark. */
static bool marks_from(const rr_comparison *c)
{
    return (c->basis == RR_FROM_GIVEN || c->basis == RR_FROM_DIFFERENCE) &&
           c->from > c->window.from && c->from <= c->window.to;
}

/* ---- the files ------------------------------------------------------------------ */

/* names - "baseline,policy," of every row. */
static void names(FILE *f, const rr_comparison *c)
{
    rr_csv_field(f, rr_compare_name(c, 0));
    fputc(',', f);
    rr_csv_field(f, rr_compare_name(c, 1));
    fputc(',', f);
}

/* effect_tail - ",baseline_mean,policy_mean,difference,ci95_low,
 * ci95_high,relative_change,replications\n". */
static void effect_tail(FILE *f, const rr_effect *e)
{
    fputc(',', f);
    rr_csv_number(f, e->base);
    fputc(',', f);
    rr_csv_number(f, e->pol);
    fputc(',', f);
    rr_csv_number(f, e->diff.mean);
    fputc(',', f);
    rr_csv_number(f, e->diff.low);
    fputc(',', f);
    rr_csv_number(f, e->diff.high);
    fputc(',', f);
    rr_csv_number(f, e->rel);
    fprintf(f, ",%zu\n", e->diff.n);
}

#define EFFECT_COLS                                                        \
    "baseline_mean,policy_mean,difference,ci95_low,ci95_high,"             \
    "relative_change,replications\n"

/* totals - rows of e with the span's dates and, when reason is not NULL,
 * a reason column after them. */
static void totals(FILE *f, const rr_comparison *c, const rr_effects *e,
                   const char *reason)
{
    char a[16], b[16];
    day_text(e->span.from, a, sizeof a);
    day_text(e->span.to, b, sizeof b);
    for (size_t j = 0; j < e->n; j++) {
        names(f, c);
        fprintf(f, "%s,%s,", a, b);
        if (reason) {
            rr_csv_field(f, reason);
            fputc(',', f);
        }
        rr_csv_field(f, e->e[j].indicator);
        fputc(',', f);
        rr_csv_field(f, e->e[j].unit);
        effect_tail(f, &e->e[j]);
    }
}

int rr_write_compare(const char *path, const rr_comparison *c, char *err,
                     size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("baseline,policy,from,to,indicator,unit," EFFECT_COLS, f);
    totals(f, c, &c->total, NULL);
    return rr_out_close(f, path, err, errlen);
}

int rr_write_compare_from(const char *path, const rr_comparison *c,
                          char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    char why[512];
    if (!f)
        return RR_EIO;
    rr_compare_from_text(c, why, sizeof why);
    fputs("baseline,policy,from,to,reason,indicator,unit," EFFECT_COLS, f);
    totals(f, c, &c->since, why);
    return rr_out_close(f, path, err, errlen);
}

int rr_write_compare_years(const char *path, const rr_comparison *c,
                           char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    char from[16] = "NA";
    if (!f)
        return RR_EIO;
    if (marks_from(c))
        day_text(c->from, from, sizeof from);
    fputs("baseline,policy,year,from,to,days,effect_from,effect_from_note,"
          "indicator,unit,measure," EFFECT_COLS,
          f);
    for (size_t y = 0; y < c->n_years; y++) {
        const rr_effects *e = &c->years[y];
        char a[16], b[16];
        day_text(e->span.from, a, sizeof a);
        day_text(e->span.to, b, sizeof b);
        for (size_t j = 0; j < e->n; j++) {
            names(f, c);
            fprintf(f, "%d,%s,%s,%ld,%s,", e->year, a, b,
                    e->span.to - e->span.from + 1, from);
            rr_csv_field(f, marks_from(c) ? (c->basis == RR_FROM_GIVEN
                                                 ? "--from"
                                                 : c->first.what)
                                          : "");
            fputc(',', f);
            rr_csv_field(f, e->e[j].indicator);
            fputc(',', f);
            rr_csv_field(f, e->e[j].unit);
            fputc(',', f);
            rr_csv_field(f, rr_indicator_span_rule_name(e->e[j].rule));
            effect_tail(f, &e->e[j]);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_write_compare_periods(const char *path, const rr_comparison *c,
                             char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("baseline,policy,period_start,period_end,indicator,unit,measure,"
          EFFECT_COLS,
          f);
    for (size_t k = 0; k < c->n_periods; k++) {
        const rr_effects *e = &c->periods[k];
        char a[16], b[16];
        day_text(e->span.from, a, sizeof a);
        day_text(e->span.to, b, sizeof b);
        for (size_t j = 0; j < e->n; j++) {
            names(f, c);
            fprintf(f, "%s,%s,", a, b);
            rr_csv_field(f, e->e[j].indicator);
            fputc(',', f);
            rr_csv_field(f, e->e[j].unit);
            fputc(',', f);
            rr_csv_field(f, rr_indicator_span_rule_name(e->e[j].rule));
            effect_tail(f, &e->e[j]);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

/* ---- the terminal ------------------------------------------------------------------ */

static bool is_share(const char *unit)
{
    return strcmp(unit, rr_indicator_unit_name(RR_UNIT_SHARE)) == 0;
}

static void num(FILE *f, double x, bool share, bool sign, int w)
{
    int dec = share ? 3 : fabs(x) >= 100 ? 0 : 1;
    if (isnan(x))
        fprintf(f, " %*s", w, "n/a");
    else if (sign)
        fprintf(f, " %+*.*f", w, dec, x);
    else
        fprintf(f, " %*.*f", w, dec, x);
}

/* effects_table - a table of effects: every row of e, or those named in
 * shown[0..n_shown) when shown is not NULL. */
static void effects_table(FILE *f, const rr_effects *e,
                          const char *const *shown, size_t n_shown)
{
    fprintf(f, "%-34s %-8s %12s %12s %12s %12s %12s %9s\n", "indicator",
            "unit", "baseline", "policy", "difference", "95% CI low",
            "95% CI high", "change");
    for (size_t j = 0; j < e->n; j++) {
        const rr_effect *x = &e->e[j];
        bool sh = is_share(x->unit), keep = !shown;
        for (size_t i = 0; shown && i < n_shown; i++)
            keep = keep || strcmp(shown[i], x->indicator) == 0;
        if (!keep)
            continue;
        fprintf(f, "%-34s %-8s", x->indicator, x->unit);
        num(f, x->base, sh, false, 12);
        num(f, x->pol, sh, false, 12);
        num(f, x->diff.mean, sh, true, 12);
        num(f, x->diff.low, sh, true, 12);
        num(f, x->diff.high, sh, true, 12);
        if (isnan(x->rel) || sh)
            fprintf(f, " %9s", "");
        else
            fprintf(f, " %+8.1f%%", 100 * x->rel);
        fputc('\n', f);
    }
}

/* cell - an effect with its 95% CI half-width ("+329 ±31"). */
static void cell(const rr_effect *x, char *buf, size_t n)
{
    int dec = is_share(x->unit) ? 3 : fabs(x->diff.mean) >= 100 ? 0 : 1;
    if (isnan(x->diff.mean))
        snprintf(buf, n, "n/a");
    else if (isnan(x->diff.half))
        snprintf(buf, n, "%+.*f", dec, x->diff.mean);
    else
        snprintf(buf, n, "%+.*f ±%.*f", dec, x->diff.mean, dec,
                 x->diff.half);
}

/* years_table - per year, the effects of the shown indicators (those the
 * years have) with their 95% CI half-widths. */
static void years_table(FILE *f, const rr_comparison *c,
                        const char *const *shown, size_t n_shown)
{
    fprintf(f, "%-6s %5s", "year", "days");
    for (size_t i = 0; i < n_shown; i++)
        if (rr_compare_find(&c->years[0], shown[i]))
            fprintf(f, " %24s", shown[i]);

    fputc('\n', f);
    for (size_t y = 0; y < c->n_years; y++) {
        const rr_effects *e = &c->years[y];
        fprintf(f, "%-6d %5ld", e->year, e->span.to - e->span.from + 1);
        for (size_t i = 0; i < n_shown; i++) {
            const rr_effect *x = rr_compare_find(e, shown[i]);
            size_t w = strlen(shown[i]) > 24 ? strlen(shown[i]) : 24;
            char text[64] = "n/a";
            if (!rr_compare_find(&c->years[0], shown[i]))
                continue;
            if (x)
                cell(x, text, sizeof text);
            /* the ± takes two bytes */
            fprintf(f, " %*s", (int)(w + (strstr(text, "±") ? 1 : 0)), text);
        }
        fputc('\n', f);
    }
}

void rr_print_compare(FILE *f, const rr_comparison *c,
                      const char *const *shown, size_t n_shown)
{
    char a[16], b[16], why[512];
    const rr_config *pb = c->base->plan->cfg[0], *pp = c->pol->plan->cfg[0];

    day_text(c->window.from, a, sizeof a);
    day_text(c->window.to, b, sizeof b);
    rr_compare_from_text(c, why, sizeof why);
    fprintf(f, "%s (policy) against %s (baseline), %zu paired "
               "replications, common random numbers\n",
            pp->name, pb->name, c->reps);
    fprintf(f, "  policy:   %s\n  baseline: %s\n", pp->title, pb->title);
    fprintf(f, "  compared over %s to %s%s; %s\n\n", a, b,
            c->windowed ? " (--window)" : "", why);
    fprintf(f, "Over the window, %s to %s\n", a, b);
    effects_table(f, &c->total, NULL, 0);
    if (c->basis != RR_FROM_SAME && c->basis != RR_FROM_START &&
        c->since.n > 0) {
        day_text(c->since.span.from, a, sizeof a);
        fprintf(f, "\nFrom %s to %s\n", a, b);
        effects_table(f, &c->since, shown, n_shown);
    }
    if (c->n_years > 0) {
        fprintf(f, "\nBy year: policy minus baseline, mean ± 95%% CI "
                   "half-width (shares as fractions)\n");
        years_table(f, c, shown, n_shown);
    }
}
