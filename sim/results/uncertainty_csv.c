/*
 * uncertainty_csv.c - the files of an uncertainty study (rrsim uncertainty,
 * rrsim compare --samples) and its lines on the terminal.
 *
 *   samples.csv                  per sample: the values drawn, then each
 *                                KPI's mean over the replications (a
 *                                comparison: the baseline's, the policy's
 *                                and the effect)
 *   uncertainty_parameters.csv   the parameters drawn and their ranges
 *   uncertainty_summary.csv      per KPI: quantiles over the samples
 *   uncertainty_timeseries.csv   per period and metric: the same
 *   uncertainty_effects.csv      a comparison: the effect's quantiles
 *
 * Every number is %.10g (rr_csv_number), NA where there is none.  The
 * quantiles are over samples of each sample's replication mean; the
 * column noise_ci95 gives the randomness left in one sample's mean (the
 * median half-width of its 95% CI), never mixed into the quantiles.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rr_common.h"
#include "rr_indicator.h"
#include "rr_output.h"
#include "rr_results.h"
#include "rr_uncertainty.h"
#include "rr_util.h"

#define PATH_LEN 4096

static void stat_cols(FILE *f, const rr_unc_stat *s)
{
    fprintf(f, ",%zu", s->n);
    for (size_t q = 0; q < RR_UNC_NQ; q++) {
        fputc(',', f);
        rr_csv_number(f, s->q[q]);
    }
    fputc(',', f);
    rr_csv_number(f, s->mean);
    fputc(',', f);
    rr_csv_number(f, s->noise);
}

#define STAT_HEAD "samples,p05,p25,p50,p75,p95,mean,noise_ci95"

static int write_parameters(const char *path, const rr_uncertainty *u,
                            char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("parameter,label,unit,declared,distribution,low,high,value,"
          "p05,p50,p95,share\n",
          f);
    for (size_t j = 0; j < u->k; j++) {
        const rr_uncertain *p = u->param[j];
        static const char *const unit[] = {"number", "days", "per_day"};
        rr_csv_field(f, p->name);
        fputc(',', f);
        rr_csv_field(f, p->label ? p->label : "");
        fprintf(f, ",%s,", unit[p->unit]);
        char decl[600];
        snprintf(decl, sizeof decl, "%s = %s", p->dist ? "dist" : "range",
                 p->written);
        rr_csv_field(f, decl);
        fprintf(f, ",%s,", rr_udist_name(p->dist_of.kind));
        rr_csv_number(f, p->dist_of.lo);
        fputc(',', f);
        rr_csv_number(f, isinf(p->dist_of.hi) ? NAN : p->dist_of.hi);
        fputc(',', f);
        rr_csv_number(f, p->value);
        double q[] = {0.05, 0.5, 0.95};
        for (size_t i = 0; i < 3; i++) {
            fputc(',', f);
            rr_csv_number(f, rr_uncertain_draw(p, q[i]));
        }
        fputs(p->share ? ",yes\n" : ",no\n", f);
    }
    return rr_out_close(f, path, err, errlen);
}

static int write_samples(const char *path, const rr_uncertainty *u,
                         char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_layout *l = &u->res[0].layout;
    if (!f)
        return RR_EIO;
    fputs("sample", f);
    for (size_t j = 0; j < u->k; j++) {
        fputc(',', f);
        rr_csv_field(f, u->param[j]->name);
    }
    for (size_t m = 0; m < l->n_kpis; m++) {
        if (!u->paired) {
            fputc(',', f);
            rr_csv_field(f, l->kpi[m]);
            continue;
        }
        static const char *const sfx[] = {"baseline", "policy", "effect"};
        for (size_t s = 0; s < 3; s++) {
            char h[300];
            snprintf(h, sizeof h, "%s_%s", l->kpi[m], sfx[s]);
            fputc(',', f);
            rr_csv_field(f, h);
        }
    }
    fputc('\n', f);
    for (size_t i = 0; i < u->n; i++) {
        fprintf(f, "%zu", i + 1);
        for (size_t j = 0; j < u->k; j++) {
            fputc(',', f);
            rr_csv_number(f, u->x[i * u->k + j]);
        }
        for (size_t m = 0; m < l->n_kpis; m++) {
            fputc(',', f);
            rr_csv_number(f, rr_uncertainty_kpi(u, i, 0, m));
            if (!u->paired)
                continue;
            fputc(',', f);
            rr_csv_number(f, rr_uncertainty_kpi(u, i, 1, m));
            fputc(',', f);
            rr_csv_number(f, rr_uncertainty_effect(u, i, m));
        }
        fputc('\n', f);
    }
    return rr_out_close(f, path, err, errlen);
}

/* side_name - the scenario of side s ("" for the baseline of a study
 * without sides). */
static const char *side_name(const rr_uncertainty *u, int s)
{
    return u->res[rr_uncertainty_point(u, 0, s)].plan->cfg[0]->name;
}

static int write_summary(const char *path, const rr_uncertainty *u,
                         char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_layout *l = &u->res[0].layout;
    int rc = RR_OK;
    if (!f)
        return RR_EIO;
    fputs("scenario,side,indicator,unit," STAT_HEAD "\n", f);
    for (int s = 0; s < (u->paired ? 2 : 1) && rc == RR_OK; s++)
        for (size_t m = 0; m < l->n_kpis && rc == RR_OK; m++) {
            rr_unc_stat st;
            if ((rc = rr_uncertainty_kpi_stat(u, s, m, &st)) != RR_OK)
                break;
            rr_csv_field(f, side_name(u, s));
            fputs(s ? ",policy," : ",baseline,", f);
            rr_csv_field(f, l->kpi[m]);
            fputc(',', f);
            rr_csv_field(f, l->kpi_unit[m]);
            stat_cols(f, &st);
            fputc('\n', f);
        }
    if (rc != RR_OK) {
        fclose(f);
        return rr_err_set(err, errlen, rc, "out of memory");
    }
    return rr_out_close(f, path, err, errlen);
}

/* The parts of departures_verified among a layout's metrics: the kinds
 * of departure a verified one is (voluntary through IOM, an NGO or
 * alone, and forced). */
static size_t verified_parts(const rr_layout *l, size_t *m)
{
    static const rr_ind_id parts[] = {
        RR_IND_DEPARTURES_VOLUNTARY_IOM, RR_IND_DEPARTURES_VOLUNTARY_NGO,
        RR_IND_DEPARTURES_VOLUNTARY_SELF, RR_IND_DEPARTURES_FORCED};
    size_t n = 0;
    for (size_t i = 0; i < RR_COUNTOF(parts); i++)
        for (size_t j = 0; j < l->n_metrics; j++)
            if (strcmp(l->metric[j], rr_indicators[parts[i]].name) == 0)
                m[n++] = j;
    return n == RR_COUNTOF(parts) ? n : 0;
}

static int write_timeseries(const char *path, const rr_uncertainty *u,
                            char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    int rc = RR_OK;
    if (!f)
        return RR_EIO;
    fputs("scenario,side,period_start,period_end,indicator,unit," STAT_HEAD
          "\n",
          f);
    for (int s = 0; s < (u->paired ? 2 : 1) && rc == RR_OK; s++) {
        const rr_run_result *r = &u->res[rr_uncertainty_point(u, 0, s)];
        const rr_layout *l = &r->layout;
        for (size_t k = 0; k < l->periods.n && rc == RR_OK; k++) {
            char d0[16], d1[16];
            rr_period_dates(r, k, d0, d1, sizeof d0);
            for (size_t m = 0; m < l->n_metrics; m++) {
                rr_unc_stat st;
                if ((rc = rr_uncertainty_metric_stat(u, s, k, m, &st)) !=
                    RR_OK)
                    break;
                rr_csv_field(f, side_name(u, s));
                fprintf(f, ",%s,%s,%s,", s ? "policy" : "baseline", d0, d1);
                rr_csv_field(f, l->metric[m]);
                fputc(',', f);
                rr_csv_field(f, l->metric_unit[m]);
                stat_cols(f, &st);
                fputc('\n', f);
            }
            /* verified departures, a sum the fan chart draws */
            size_t parts[4], np = verified_parts(l, parts);
            rr_unc_stat st;
            if (rc == RR_OK && np > 0 &&
                (rc = rr_uncertainty_sum_stat(u, s, k, parts, np, &st)) ==
                    RR_OK) {
                rr_csv_field(f, side_name(u, s));
                fprintf(f, ",%s,%s,%s,%s,%s", s ? "policy" : "baseline", d0,
                        d1, rr_indicators[RR_IND_DEPARTURES_VERIFIED].name,
                        rr_indicator_unit_name(
                            rr_indicators[RR_IND_DEPARTURES_VERIFIED].unit));
                stat_cols(f, &st);
                fputc('\n', f);
            }
        }
    }
    if (rc != RR_OK) {
        fclose(f);
        return rr_err_set(err, errlen, rc, "out of memory");
    }
    return rr_out_close(f, path, err, errlen);
}

/* rank_order - the parameters by |rho|, largest first (NaN last), ties
 * in file order: into ord[k]. */
static void rank_order(const double *rho, size_t k, size_t *ord)
{
    for (size_t i = 0; i < k; i++)
        ord[i] = i;
    for (size_t i = 1; i < k; i++) /* few: insertion sort, stable */
        for (size_t j = i; j > 0; j--) {
            double a = rho[ord[j - 1]], b = rho[ord[j]];
            bool swap = isnan(a) ? !isnan(b) : !isnan(b) && fabs(b) > fabs(a);
            if (!swap)
                break;
            size_t t = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = t;
        }
}

static int write_ranking(const char *path, const rr_uncertainty *u,
                         char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_layout *l = &u->res[0].layout;
    double *rho = calloc(u->k + 1, sizeof *rho);
    size_t *ord = calloc(u->k + 1, sizeof *ord);
    int rc = rho && ord ? RR_OK : RR_ENOMEM;
    if (!f) {
        free(rho);
        free(ord);
        return RR_EIO;
    }
    fputs("scenario,side,indicator,rank,parameter,spearman\n", f);
    for (int s = 0; s < (u->paired ? 2 : 1) && rc == RR_OK; s++)
        for (size_t m = 0; m < l->n_kpis && rc == RR_OK; m++) {
            if ((rc = rr_uncertainty_rank(u, s, m, rho)) != RR_OK)
                break;
            rank_order(rho, u->k, ord);
            for (size_t r = 0; r < u->k; r++) {
                rr_csv_field(f, side_name(u, s));
                fputs(s ? ",policy," : ",baseline,", f);
                rr_csv_field(f, l->kpi[m]);
                fprintf(f, ",%zu,", r + 1);
                rr_csv_field(f, u->param[ord[r]]->name);
                fputc(',', f);
                rr_csv_number(f, rho[ord[r]]);
                fputc('\n', f);
            }
        }
    free(rho);
    free(ord);
    if (rc != RR_OK) {
        fclose(f);
        return rr_err_set(err, errlen, rc, "out of memory");
    }
    return rr_out_close(f, path, err, errlen);
}

static int write_effects(const char *path, const rr_uncertainty *u,
                         char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    const rr_layout *l = &u->res[0].layout;
    int rc = RR_OK;
    if (!f)
        return RR_EIO;
    fputs("baseline,policy,indicator,unit," STAT_HEAD
          ",rel_p05,rel_p25,rel_p50,rel_p75,rel_p95,rel_mean,"
          "rel_noise_ci95,share_up,share_down\n",
          f);
    for (size_t m = 0; m < l->n_kpis; m++) {
        rr_unc_effect e;
        if ((rc = rr_uncertainty_effect_stat(u, m, &e)) != RR_OK)
            break;
        rr_csv_field(f, side_name(u, 0));
        fputc(',', f);
        rr_csv_field(f, side_name(u, 1));
        fputc(',', f);
        rr_csv_field(f, l->kpi[m]);
        fputc(',', f);
        rr_csv_field(f, l->kpi_unit[m]);
        stat_cols(f, &e.abs);
        for (size_t q = 0; q < RR_UNC_NQ; q++) {
            fputc(',', f);
            rr_csv_number(f, e.rel.q[q]);
        }
        fputc(',', f);
        rr_csv_number(f, e.rel.mean);
        fputc(',', f);
        rr_csv_number(f, e.rel.noise);
        fputc(',', f);
        rr_csv_number(f, e.share_up);
        fputc(',', f);
        rr_csv_number(f, e.share_down);
        fputc('\n', f);
    }
    if (rc != RR_OK) {
        fclose(f);
        return rr_err_set(err, errlen, rc, "out of memory");
    }
    return rr_out_close(f, path, err, errlen);
}

int rr_results_write_uncertainty(rr_results *t, const rr_uncertainty *u,
                                 const char *cmdline, char *err,
                                 size_t errlen)
{
    char path[PATH_LEN], created[RR_MANIFEST_TIME];
    const rr_run_result *r = u->res;
    rr_run_result two[2];
    rr_manifest m;
    int rc;

    rr_manifest_now(&m, cmdline, created);
    if (u->paired) {
        two[0] = u->res[rr_uncertainty_point(u, 0, 0)];
        two[1] = u->res[rr_uncertainty_point(u, 0, 1)];
        r = two;
    }
#define P(name) rr_outdir_path(&t->dir, name, path, sizeof path)
    if ((rc = write_samples(P("samples.csv"), u, err, errlen)) ||
        (rc = write_parameters(P("uncertainty_parameters.csv"), u, err,
                               errlen)) ||
        (rc = write_summary(P("uncertainty_summary.csv"), u, err, errlen)) ||
        (rc = write_ranking(P("uncertainty_ranking.csv"), u, err, errlen)) ||
        (rc = write_timeseries(P("uncertainty_timeseries.csv"), u, err,
                               errlen)) ||
        (u->paired &&
         (rc = write_effects(P("uncertainty_effects.csv"), u, err, errlen))) ||
        (rc = rr_write_events(P("events.csv"), r[0].plan, err, errlen)) ||
        (rc = rr_write_run_info(P("run.csv"), r, u->paired ? 2 : 1, NULL,
                                RR_VERSION, u->seed, err, errlen)))
        return rc;
#undef P
    return rr_write_resolved(t->dir.tmp, u->base, &m, err, errlen);
}

/* ---- terminal ------------------------------------------------------------ */

/* fmt_val - a value for the terminal: a share in %, else 4 digits. */
static void fmt_val(double x, bool share, bool plus, char *buf, size_t n)
{
    if (isnan(x)) {
        snprintf(buf, n, "n/a");
    } else if (share) {
        snprintf(buf, n, plus ? "%+.1f%%" : "%.1f%%", 100 * x);
    } else if (fabs(x) >= 1000 && fabs(x) < 1e15) {
        /* whole numbers with thousands separators: 26,900 */
        char d[32], *o = buf;
        long long v = llround(fabs(x));
        int len = snprintf(d, sizeof d, "%lld", v);
        size_t at = 0;
        if (n < 2)
            return;
        if (x < 0 || plus)
            buf[at++] = x < 0 ? '-' : '+';
        for (int i = 0; i < len && at + 2 < n; i++) {
            if (i > 0 && (len - i) % 3 == 0)
                buf[at++] = ',';
            buf[at++] = d[i];
        }
        o[at] = '\0';
    } else {
        snprintf(buf, n, plus ? "%+.3g" : "%.3g", x);
    }
}

static bool is_share(const char *unit)
{
    return strcmp(unit, "share") == 0;
}

void rr_print_uncertainty(FILE *out, const rr_uncertainty *u,
                          const char *const *shown, size_t n_shown)
{
    const rr_layout *l = &u->res[0].layout;
    fprintf(out, "%-34s %10s  %-25s %s\n", "indicator", "median",
             "90% of samples within", "noise");
    for (size_t i = 0; i < n_shown; i++)
        for (size_t m = 0; m < l->n_kpis; m++) {
            rr_unc_stat st;
            char a[32], b[32], c[32], d[32], span[80];
            if (strcmp(l->kpi[m], shown[i]) != 0 ||
                rr_uncertainty_kpi_stat(u, 0, m, &st) != RR_OK)
                continue;
            bool sh = is_share(l->kpi_unit[m]);
            if (st.n == 0) { /* a share of nothing in every sample */
                fprintf(out, "%-34s %10s\n", l->kpi[m], "n/a");
                continue;
            }
            fmt_val(st.q[2], sh, false, a, sizeof a);
            fmt_val(st.q[0], sh, false, b, sizeof b);
            fmt_val(st.q[4], sh, false, c, sizeof c);
            fmt_val(st.noise, sh, false, d, sizeof d);
            snprintf(span, sizeof span, "%s to %s", b, c);
            fprintf(out, "%-34s %10s  %-25s %s%s\n", l->kpi[m], a, span,
                    isnan(st.noise) ? "" : "±", d);
        }
}

void rr_print_uncertainty_effects(FILE *out, const rr_uncertainty *u,
                                  const char *const *shown, size_t n_shown)
{
    const rr_layout *l = &u->res[0].layout;
    for (size_t i = 0; i < n_shown; i++)
        for (size_t m = 0; m < l->n_kpis; m++) {
            rr_unc_effect e;
            char a[32], b[32], c[32], ra[32], rb[32], rc_[32];
            if (strcmp(l->kpi[m], shown[i]) != 0 ||
                rr_uncertainty_effect_stat(u, m, &e) != RR_OK)
                continue;
            bool sh = is_share(l->kpi_unit[m]);
            fmt_val(e.abs.q[2], sh, true, a, sizeof a);
            fmt_val(e.abs.q[0], sh, true, b, sizeof b);
            fmt_val(e.abs.q[4], sh, true, c, sizeof c);
            fprintf(out, "%-34s %s (%s to %s in 90%% of plausible worlds",
                    l->kpi[m], a, b, c);
            if (!sh && !isnan(e.rel.q[2])) {
                fmt_val(e.rel.q[2], true, true, ra, sizeof ra);
                fmt_val(e.rel.q[0], true, true, rb, sizeof rb);
                fmt_val(e.rel.q[4], true, true, rc_, sizeof rc_);
                fprintf(out, "; %s, %s to %s", ra, rb, rc_);
            }
            if (!isnan(e.share_up))
                fprintf(out, "; up in %.0f%%", 100 * e.share_up);
            fputs(")\n", out);
        }
}

void rr_print_uncertainty_ranking(FILE *out, const rr_uncertainty *u,
                                  const char *const *ind, size_t n_ind,
                                  size_t top)
{
    const rr_layout *l = &u->res[0].layout;
    double *rho = calloc(u->k + 1, sizeof *rho);
    size_t *ord = calloc(u->k + 1, sizeof *ord);
    if (!rho || !ord) {
        free(rho);
        free(ord);
        return;
    }
    for (size_t i = 0; i < n_ind; i++)
        for (size_t m = 0; m < l->n_kpis; m++) {
            if (strcmp(l->kpi[m], ind[i]) != 0 ||
                rr_uncertainty_rank(u, 0, m, rho) != RR_OK)
                continue;
            rank_order(rho, u->k, ord);
            fprintf(out, "%-34s", l->kpi[m]);
            for (size_t r = 0; r < u->k && r < top; r++) {
                if (isnan(rho[ord[r]]))
                    break;
                fprintf(out, "%s%s %+.2f", r ? ", " : " ",
                        u->param[ord[r]]->name, rho[ord[r]]);
            }
            fputc('\n', out);
        }
    free(rho);
    free(ord);
}
