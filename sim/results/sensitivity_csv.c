/*
 * sensitivity_csv.c - the files of a sensitivity study (docs/outputs.md):
 * sensitivity.csv (the indices, ranked per indicator) and
 * sensitivity_samples.csv (every evaluation: its inputs and the
 * indicators' means), and the table on the terminal.  The study layer
 * computes (rr_sensitivity.h); this writes.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "rr_common.h"
#include "rr_output.h"
#include "rr_results.h"
#include "rr_sensitivity.h"
#include "rr_sweep.h"

#define PATH_LEN 4096

/* note_of - the note of an indicator's indices in words. */
static const char *note_of(rr_sobol_state st)
{
    switch (st) {
    case RR_SOBOL_CONSTANT:
        return "constant: the indicator was the same at every sample, so no "
               "parameter moves it";
    case RR_SOBOL_MISSING:
        return "no value at some sample (a share of nothing): no indices";
    default:
        return "";
    }
}

/* by_rank - the order of the inputs of indicator j by rank. */
static void by_rank(const rr_sensitivity *s, size_t j, size_t *order)
{
    for (size_t i = 0; i < s->k; i++)
        order[s->idx[j * s->k + i].rank - 1] = i;
}

/* sd_of - the spread of indicator j over the evaluations A and B. */
static double sd_of(const rr_sensitivity *s, size_t j)
{
    const rr_sobol_result *r = &s->res[j];
    return r->state == RR_SOBOL_MISSING ? NAN : sqrt(r->var);
}

static int write_indices(const char *path, const rr_sensitivity *s,
                         const char *scenario, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    size_t order[RR_SENS_MAX_INPUTS];
    if (!f)
        return RR_EIO;
    fputs("scenario,indicator,indicator_label,unit,parameter,"
          "parameter_label,distribution,S1,S1_low,S1_high,ST,ST_low,"
          "ST_high,rank,samples,evaluations,replications,bootstrap,seed,"
          "mean,sd,note\n",
          f);
    for (size_t j = 0; j < s->d.n_ind; j++) {
        char ilabel[256];
        const rr_sobol_result *r = &s->res[j];
        rr_sweep_indicator_label(s->d.ind[j], ilabel, sizeof ilabel);
        by_rank(s, j, order);
        for (size_t q = 0; q < s->k; q++) {
            size_t i = order[q];
            const rr_sobol_index *x = &s->idx[j * s->k + i];
            const double num[] = {x->s1, x->s1_lo, x->s1_hi,
                                  x->st, x->st_lo, x->st_hi};
            rr_csv_field(f, scenario);
            fputc(',', f);
            rr_csv_field(f, s->d.ind[j]);
            fputc(',', f);
            rr_csv_field(f, ilabel);
            fputc(',', f);
            rr_csv_field(f, s->unit && s->unit[j] ? s->unit[j] : "");
            fputc(',', f);
            rr_csv_field(f, s->in[i].key);
            fputc(',', f);
            rr_csv_field(f, s->d.vary[i].label ? s->d.vary[i].label
                                               : s->in[i].key);
            fputc(',', f);
            rr_csv_field(f, s->in[i].dist ? s->in[i].dist : "");
            for (size_t c = 0; c < RR_COUNTOF(num); c++) {
                fputc(',', f);
                rr_csv_number(f, num[c]);
            }
            fprintf(f, ",%zu,%zu,%zu,%zu,%zu,%llu,", x->rank, s->n,
                    s->n_eval, s->reps, s->n_boot,
                    (unsigned long long)s->seed);
            rr_csv_number(f, r->mean);
            fputc(',', f);
            rr_csv_number(f, sd_of(s, j));
            fputc(',', f);
            rr_csv_field(f, note_of(r->state));
            fputc('\n', f);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

static int write_samples(const char *path, const rr_sensitivity *s,
                         char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    size_t rows = rr_saltelli_rows(s->k), ni = s->d.n_ind;
    if (!f)
        return RR_EIO;
    fputs("evaluation,sample,matrix", f);
    for (size_t i = 0; i < s->k; i++) {
        fputc(',', f);
        rr_csv_field(f, s->in[i].key);
    }
    for (size_t j = 0; j < ni; j++) {
        fputc(',', f);
        rr_csv_field(f, s->d.ind[j]);
    }
    fputc('\n', f);
    for (size_t p = 0; p < s->n_eval; p++) {
        size_t row = p % rows;
        char m[32];
        if (row == 0)
            snprintf(m, sizeof m, "A");
        else if (row == rows - 1)
            snprintf(m, sizeof m, "B");
        else
            snprintf(m, sizeof m, "AB%zu", row);
        fprintf(f, "%zu,%zu,%s", p + 1, p / rows + 1, m);
        for (size_t i = 0; i < s->k; i++) {
            fputc(',', f);
            rr_csv_field(f, s->d.vary[i].values[p]);
        }
        for (size_t j = 0; j < ni; j++) {
            fputc(',', f);
            rr_csv_number(f, s->y[p * ni + j]);
        }
        fputc('\n', f);
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_results_write_sensitivity(rr_results *t, const rr_sensitivity *s,
                                 const rr_plan *base, char *err,
                                 size_t errlen)
{
    char path[PATH_LEN];
    /* run.csv: one row for the study, the varied keys left out of its
     * overrides as a sweep's are */
    rr_run_result r = {.plan = base, .reps = s->reps, .events = s->events};
    int rc = write_indices(
        rr_outdir_path(&t->dir, "sensitivity.csv", path, sizeof path), s,
        base->cfg[0]->name, err, errlen);
    if (rc == RR_OK)
        rc = write_samples(rr_outdir_path(&t->dir, "sensitivity_samples.csv",
                                          path, sizeof path),
                           s, err, errlen);
    if (rc == RR_OK)
        rc = rr_write_run_info(
            rr_outdir_path(&t->dir, "run.csv", path, sizeof path), &r, 1,
            &s->d, RR_VERSION, s->seed, err, errlen);
    return rc;
}

/* interval - "0.31 [0.29, 0.34]" or "n/a". */
static void interval(double x, double lo, double hi, char *buf, size_t n)
{
    if (isnan(x))
        snprintf(buf, n, "n/a");
    else if (isnan(lo))
        snprintf(buf, n, "%.2f", x);
    else
        snprintf(buf, n, "%.2f [%.2f, %.2f]", x, lo, hi);
}

static const char *input_name(const rr_sensitivity *s, size_t i)
{
    return s->d.vary[i].label ? s->d.vary[i].label : s->in[i].key;
}

void rr_print_sensitivity(FILE *out, const rr_sensitivity *s,
                          const char *scenario)
{
    size_t order[RR_SENS_MAX_INPUTS];
    int w = (int)strlen("parameter");
    /* the parameter column as wide as its longest name: a label cut short
     * ("Assisted-return applicants who lea") reads as another parameter */
    for (size_t i = 0; i < s->k; i++) {
        size_t n = strlen(input_name(s, i));
        if (n > (size_t)w)
            w = n < 200 ? (int)n : 200;
    }
    fprintf(out, "%s: Sobol indices of %zu uncertain parameter%s from %zu "
                 "samples (%zu evaluations x %zu replication%s, common "
                 "random numbers); 95%% bootstrap intervals\n",
            scenario, s->k, s->k == 1 ? "" : "s", s->n, s->n_eval, s->reps,
            s->reps == 1 ? "" : "s");
    for (size_t j = 0; j < s->d.n_ind; j++) {
        const rr_sobol_result *r = &s->res[j];
        char ilabel[256];
        rr_sweep_indicator_label(s->d.ind[j], ilabel, sizeof ilabel);
        fprintf(out, "\n%s\n", ilabel);
        if (r->state != RR_SOBOL_OK) {
            fprintf(out, "  %s\n", note_of(r->state));
            continue;
        }
        fprintf(out, "  %-4s %-*s  %-24s %s\n", "rank", w, "parameter",
                "total (ST)", "first order (S1)");
        by_rank(s, j, order);
        for (size_t q = 0; q < s->k; q++) {
            size_t i = order[q];
            const rr_sobol_index *x = &s->idx[j * s->k + i];
            char a[64], b[64];
            interval(x->st, x->st_lo, x->st_hi, a, sizeof a);
            interval(x->s1, x->s1_lo, x->s1_hi, b, sizeof b);
            fprintf(out, "  %-4zu %-*s  %-24s %s\n", x->rank, w,
                    input_name(s, i), a, b);
        }
    }
}
