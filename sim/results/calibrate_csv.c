/*
 * calibrate_csv.c - the files of a calibration (docs/outputs.md):
 * calibrate.csv (every iteration), calibrate_report.csv (the fitted
 * values with their sensitivity), calibrated.ini (a variant of the
 * scenario with the fitted values), and, through the writers of a fit and
 * a run, fit.csv, run.csv and scenario.resolved.ini; and the table on the
 * terminal.  The study layer computes (rr_calibrate.h); this writes.
 *
 * calibrated.ini names the scenario it varies by a path relative to the
 * results folder (rr_relative_path), so that the folder and the scenario
 * can move together (a copy of the whole project, a clone of its
 * repository); scenario.resolved.ini beside it holds every setting as
 * used and runs anywhere.  After writing, calibrated.ini is read back and
 * its plan must hash as the final fit's did (rr_plan_hash): the file runs
 * exactly the model that was fitted.  The temporary folder sits beside
 * the target (rr_output.h), so a path relative to one is relative to the
 * other.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rr_calibrate.h"
#include "rr_common.h"
#include "rr_output.h"
#include "rr_results.h"
#include "rr_scenario.h"
#include "rr_util.h"

#define PATH_LEN 4096

/* ---- paths ----------------------------------------------------------------- */

/* next_comp - the component of an absolute path at *p (its length into
 * *n), moving *p past it; NULL at the end. */
static const char *next_comp(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s == '/')
        s++;
    if (!*s)
        return NULL;
    *n = strcspn(s, "/");
    *p = s + *n;
    return s;
}

int rr_relative_path(const char *from_dir, const char *to_file, char *buf,
                     size_t n, char *err, size_t errlen)
{
    char a[PATH_MAX], b[PATH_MAX];
    const char *pa, *pb, *ca, *cb, *rest;
    size_t na = 0, nb = 0, o = 0;

    if (!realpath(from_dir, a))
        return rr_err_file(err, errlen, "find", from_dir);
    if (!realpath(to_file, b))
        return rr_err_file(err, errlen, "find", to_file);
    /* past the components both have in common */
    pa = a;
    pb = b;
    for (size_t k = 0;; k++) {
        const char *sa = pa, *sb = pb;
        ca = next_comp(&pa, &na);
        cb = next_comp(&pb, &nb);
        if (!ca || !cb || na != nb || memcmp(ca, cb, na) != 0) {
            pa = sa;
            pb = sb;
            if (k == 0) {
                /* nothing in common but the root: the absolute path */
                if (strlen(b) + 1 > n)
                    return rr_err_set(err, errlen, RR_ERANGE,
                                      "the path '%s' is too long", b);
                snprintf(buf, n, "%s", b);
                return RR_OK;
            }
            break;
        }
    }
    rest = pb;
    while (*rest == '/')
        rest++;
    buf[0] = '\0';
    /* one ".." per component of from_dir left */
    while (next_comp(&pa, &na)) {
        if (o + 4 >= n)
            return rr_err_set(err, errlen, RR_ERANGE,
                              "the path from '%s' to '%s' is too long",
                              from_dir, to_file);
        o += (size_t)snprintf(buf + o, n - o, "../");
    }
    if (o + strlen(rest) + 1 > n)
        return rr_err_set(err, errlen, RR_ERANGE,
                          "the path from '%s' to '%s' is too long", from_dir,
                          to_file);
    snprintf(buf + o, n - o, "%s", rest);
    return RR_OK;
}

/* ---- calibrate.csv ----------------------------------------------------------- */

static int write_iterations(const char *path, const rr_calibration *c,
                            char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    if (!f)
        return RR_EIO;
    fputs("scenario,iteration,evaluations,loss,simplex_size,parameter,"
          "value\n",
          f);
    for (size_t i = 0; i < c->n_iter; i++) {
        const rr_calib_iter *it = &c->iter[i];
        for (size_t k = 0; k < c->n; k++) {
            rr_csv_field(f, c->base_name);
            fprintf(f, ",%zu,%zu,", it->iteration, it->evaluations);
            rr_csv_number(f, it->loss);
            fputc(',', f);
            rr_csv_number(f, it->size);
            fputc(',', f);
            rr_csv_field(f, c->param[k].key);
            fputc(',', f);
            rr_csv_number(f, it->value[k]);
            fputc('\n', f);
        }
    }
    return rr_out_close(f, path, err, errlen);
}

/* ---- calibrate_report.csv ---------------------------------------------------- */

/* at_bound - "low" or "high" when the fitted value lies within 1% of the
 * range of a bound (the range may cut the best value off), else "no". */
static const char *at_bound(const rr_calib_param *p)
{
    double span = p->high - p->low;
    if (p->fitted <= p->low + 0.01 * span)
        return "low";
    if (p->fitted >= p->high - 0.01 * span)
        return "high";
    return "no";
}

static int write_report(const char *path, const rr_calibration *c,
                        double fit_loss, char *err, size_t errlen)
{
    FILE *f = rr_out_open(path, "w", err, errlen);
    char years[RR_CALIB_MAX_YEARS * 6 + 8], text[128];
    if (!f)
        return RR_EIO;
    rr_calibration_years_text(c, years, sizeof years);
    fputs("scenario,parameter,label,low,high,start,fitted,written,at_bound,"
          "loss,"
          "value_minus,loss_minus,value_plus,loss_plus,years,figures,"
          "iterations,evaluations,converged,eval_replications,"
          "fit_replications,fit_loss\n",
          f);
    for (size_t k = 0; k < c->n; k++) {
        const rr_calib_param *p = &c->param[k];
        const double num[] = {p->low, p->high, p->start, p->fitted};
        rr_csv_field(f, c->base_name);
        fputc(',', f);
        rr_csv_field(f, p->key);
        fputc(',', f);
        rr_csv_field(f, p->label ? p->label : p->key);
        for (size_t i = 0; i < RR_COUNTOF(num); i++) {
            fputc(',', f);
            rr_csv_number(f, num[i]);
        }
        rr_calibration_value_text(p, p->fitted, text, sizeof text);
        fputc(',', f);
        rr_csv_field(f, text);
        fprintf(f, ",%s,", at_bound(p));
        rr_csv_number(f, c->loss);
        for (int s = 0; s < 2; s++) {
            fputc(',', f);
            rr_csv_number(f, p->sens_value[s]);
            fputc(',', f);
            rr_csv_number(f, p->sens_loss[s]);
        }
        fputc(',', f);
        rr_csv_field(f, years);
        fprintf(f, ",%zu,%zu,%zu,%s,%d,%d,", c->n_rows,
                c->n_iter ? c->iter[c->n_iter - 1].iteration : 0,
                c->evaluations, c->converged ? "yes" : "no", c->eval_reps,
                c->reps);
        rr_csv_number(f, fit_loss);
        fputc('\n', f);
    }
    return rr_out_close(f, path, err, errlen);
}

/* ---- calibrated.ini ---------------------------------------------------------- */

/* The sections whose name has two components (stage.NAME). */
static const char *const named_sections[] = {"stage", "provider", "event"};

/* is_parameter - whether name[0..len) is a parameter of sc: a setting
 * whose key has no dot. */
static bool is_parameter(const rr_scenario *sc, const char *name, size_t len)
{
    size_t n = sc ? rr_scenario_n_settings(sc) : 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = rr_scenario_setting(sc, i)->key;
        if (strlen(k) == len && strncmp(k, name, len) == 0)
            return true;
    }
    return false;
}

/* split_key - the section of a dotted key or parameter name, and the key
 * inside it: a name without a dot, or a parameter's NAME.source or
 * NAME.label, is in [parameters]; "stage.rds.route.self" is [stage.rds]
 * route.self; "arrivals.rate" is [arrivals] rate. */
static void split_key(const rr_scenario *sc, const char *key, char *sec,
                      size_t n, const char **in)
{
    const char *dot = strchr(key, '.');
    size_t len = dot ? (size_t)(dot - key) : 0;
    if (!dot || (!strchr(dot + 1, '.') &&
                 (strcmp(dot, ".source") == 0 ||
                  strcmp(dot, ".label") == 0) &&
                 is_parameter(sc, key, len))) {
        snprintf(sec, n, "parameters");
        *in = key;
        return;
    }
    for (size_t i = 0; i < RR_COUNTOF(named_sections); i++) {
        const char *dot2 = strchr(dot + 1, '.');
        if (strlen(named_sections[i]) == len &&
            strncmp(key, named_sections[i], len) == 0 && dot2) {
            snprintf(sec, n, "%.*s", (int)(dot2 - key), key);
            *in = dot2 + 1;
            return;
        }
    }
    snprintf(sec, n, "%.*s", (int)len, key);
    *in = dot + 1;
}

/* put_text - text that came from outside (a path, the command line) in a
 * comment: control characters as '?' (a line break as a space), and every
 * byte above 0x7F as '?' unless the whole is UTF-8. */
static void put_text(rr_sb *b, const char *s)
{
    size_t len = strlen(s);
    char why[8];
    bool utf8 = rr_text_check(s, len, false, why, sizeof why) == 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n' || ch == '\r')
            rr_sb_addc(b, ' ');
        else if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && !utf8))
            rr_sb_addc(b, '?');
        else
            rr_sb_addc(b, (char)ch);
    }
}

/* put_setting - "key = value", continued on indented lines where the
 * reader allows a break (rr_scenario_break_ok) when it would be longer
 * than a line may be. */
static void put_setting(rr_sb *b, const char *key, const char *value)
{
    size_t col = strlen(key) + 3, len = strlen(value), start = 0;
    rr_sb_addf(b, "%s = ", key);
    while (start < len) {
        size_t end = len, brk = 0;
        if (col + (len - start) > RR_LINE_MAX - 2) {
            for (size_t i = start + 1; i < len; i++)
                if (rr_scenario_break_ok(value, i) &&
                    col + (i - start) <= RR_LINE_MAX - 2)
                    brk = i;
            if (brk)
                end = brk;
        }
        rr_sb_addn(b, value + start, end - start);
        if (end == len)
            break;
        rr_sb_add(b, "\n    ");
        col = 4;
        start = end + 1; /* the space the reader puts back */
    }
    rr_sb_addc(b, '\n');
}

/* key_of - the key of an override "KEY=VALUE" into buf. */
static void key_of(const char *ov, char *buf, size_t n)
{
    size_t k = strcspn(ov, "=");
    const char *s = rr_trim_span(ov, &k);
    snprintf(buf, n, "%.*s", (int)k, s);
}

/* param_of - the calibrated parameter an override sets (or whose note it
 * gives: NAME.source), or NULL. */
static const rr_calib_param *param_of(const rr_calibration *c,
                                      const char *key, bool *note)
{
    for (size_t i = 0; i < c->n; i++) {
        size_t n = strlen(c->param[i].key);
        if (strncmp(key, c->param[i].key, n) != 0)
            continue;
        *note = strcmp(key + n, ".source") == 0;
        if (!key[n] || *note)
            return &c->param[i];
    }
    return NULL;
}

/* later_same - whether an override after ov[i] sets the same key. */
static bool later_same(const char *const *ov, size_t n, size_t i)
{
    char a[512], b[512];
    key_of(ov[i], a, sizeof a);
    for (size_t j = i + 1; j < n; j++) {
        key_of(ov[j], b, sizeof b);
        if (strcmp(a, b) == 0)
            return true;
    }
    return false;
}

/* calib_note - the note of a calibrated value. */
static void calib_note(const rr_calibration *c, const rr_calib_param *p,
                       double loss, const char *was, char *buf, size_t n)
{
    char years[RR_CALIB_MAX_YEARS * 6 + 8], lo[96], hi[96], st[96];
    rr_calibration_years_text(c, years, sizeof years);
    rr_calibration_value_text(p, p->low, lo, sizeof lo);
    rr_calibration_value_text(p, p->high, hi, sizeof hi);
    rr_calibration_value_text(p, p->start, st, sizeof st);
    snprintf(buf, n,
             "calibrated by rrsim calibrate on %s, loss %.4g (range %s:%s, "
             "was %s)%s%s",
             years, loss, lo, hi, st, was && *was ? "; before: " : "",
             was && *was ? was : "");
}

/* ini_text - calibrated.ini with the parameters at values, into b. */
static int ini_text(rr_sb *b, rr_calibration *c, const rr_scenario *sc,
                    const double *values,
                    const char *base, const char *scenario_abs,
                    unsigned long long hash, const char *cmdline,
                    double loss, const char *const *was)
{
    const char *const *ov;
    size_t n_ov;
    char (*secs)[160];
    size_t n_secs = 0;
    char years[RR_CALIB_MAX_YEARS * 6 + 8];
    int rc = rr_calibration_overrides(c, values, &ov, &n_ov);

    if (rc != RR_OK)
        return rc;
    if (!(secs = calloc(n_ov + 2, sizeof *secs)))
        return RR_ENOMEM;
    rr_calibration_years_text(c, years, sizeof years);
    rr_sb_addf(b, "; calibrated.ini - %s with %zu setting%s fitted by rrsim "
                  "calibrate to the\n; observed figures of %s: loss %.4g "
                  "(the sum of squared relative\n; errors, weighted).\n",
               c->base_name, c->n, c->n == 1 ? "" : "s", years, loss);
    rr_sb_addf(b, "; manifest: version = %s\n", RR_VERSION);
    if (cmdline) {
        rr_sb_add(b, "; manifest: command = ");
        put_text(b, cmdline);
        rr_sb_addc(b, '\n');
    }
    rr_sb_add(b, "; manifest: calibrated from = ");
    put_text(b, scenario_abs);
    rr_sb_addf(b, " (content hash %016llx)\n", hash);
    rr_sb_add(b,
              ";\n; `base` names that scenario by its path from this "
              "folder (absolute when\n; the two share no folder but the "
              "root), so that the results folder and\n; the scenario can "
              "move together; scenario.resolved.ini beside this file\n; "
              "holds every setting as used and runs on its own.\n");
    /* the sections in order: [scenario], [parameters], then as met */
    snprintf(secs[n_secs++], sizeof secs[0], "scenario");
    snprintf(secs[n_secs++], sizeof secs[0], "parameters");
    for (size_t i = 0; i < n_ov; i++) {
        char key[512], sec[160];
        const char *in;
        size_t s;
        key_of(ov[i], key, sizeof key);
        split_key(sc, key, sec, sizeof sec, &in);
        for (s = 0; s < n_secs && strcmp(secs[s], sec) != 0; s++)
            ;
        if (s == n_secs)
            snprintf(secs[n_secs++], sizeof secs[0], "%s", sec);
    }
    for (size_t s = 0; s < n_secs; s++) {
        rr_sb_addf(b, "\n[%s]\n", secs[s]);
        if (s == 0)
            put_setting(b, "base", base);
        for (size_t i = 0; i < n_ov; i++) {
            char key[512], sec[160], note[2048];
            const char *in, *value = strchr(ov[i], '=') + 1;
            const rr_calib_param *p;
            bool is_note = false;
            size_t vn = strlen(value);
            key_of(ov[i], key, sizeof key);
            split_key(sc, key, sec, sizeof sec, &in);
            if (strcmp(sec, secs[s]) != 0 || later_same(ov, n_ov, i))
                continue;
            p = param_of(c, key, &is_note);
            if (p && is_note)
                continue; /* the calibration's note replaces it */
            value = rr_trim_span(value, &vn);
            {
                char v[1024];
                snprintf(v, sizeof v, "%.*s", (int)vn, value);
                if (!p) {
                    put_setting(b, in, v);
                    continue;
                }
                calib_note(c, p, loss, was[p - c->param], note,
                           sizeof note);
                if (strcmp(sec, "parameters") != 0) {
                    /* only a parameter has a note: a comment instead */
                    rr_sb_add(b, "; ");
                    rr_sb_add(b, note);
                    rr_sb_addc(b, '\n');
                    put_setting(b, in, v);
                } else {
                    char nk[600];
                    put_setting(b, in, v);
                    snprintf(nk, sizeof nk, "%s.source", in);
                    put_setting(b, nk, note);
                }
            }
        }
    }
    free(secs);
    return RR_OK;
}

/* write_ini - calibrated.ini into the folder. */
static int write_ini(const rr_results *t, rr_calibration *c,
                     const rr_scenario *sc, const double *values, const char *scenario,
                     const char *cmdline, double loss, const char *const *was,
                     char *err, size_t errlen)
{
    char path[PATH_LEN], base[PATH_LEN], abs[PATH_MAX];
    rr_sb b;
    FILE *f;
    int rc;

    rc = rr_relative_path(t->dir.tmp, scenario, base, sizeof base, err,
                          errlen);
    if (rc != RR_OK)
        return rc;
    if (!realpath(scenario, abs))
        snprintf(abs, sizeof abs, "%s", scenario);
    memset(&b, 0, sizeof b);
    rc = ini_text(&b, c, sc, values, base, abs, c->hash, cmdline, loss,
                  was);
    if (rc == RR_OK && b.status != RR_OK)
        rc = b.status;
    if (rc != RR_OK) {
        rr_sb_fini(&b);
        return rr_err_set(err, errlen, rc, "%s", rr_strerror(rc));
    }
    rr_outdir_path(&t->dir, "calibrated.ini", path, sizeof path);
    if (!(f = rr_out_open(path, "w", err, errlen))) {
        rr_sb_fini(&b);
        return RR_EIO;
    }
    fputs(rr_sb_str(&b), f);
    rr_sb_fini(&b);
    return rr_out_close(f, path, err, errlen);
}

/* read_back - calibrated.ini of the folder read and planned; its plan's
 * hash into *hash. */
static int read_back(const rr_results *t, uint64_t *hash, char *err,
                     size_t errlen)
{
    char path[PATH_LEN], msg[1024] = "";
    rr_scenario *sc = NULL;
    const rr_plan *plan;
    int rc;
    rr_outdir_path(&t->dir, "calibrated.ini", path, sizeof path);
    rc = rr_scenario_load(path, NULL, 0, &sc, msg, sizeof msg);
    if (rc == RR_OK)
        rc = rr_scenario_plan(sc, &plan, msg, sizeof msg);
    if (rc == RR_OK)
        *hash = rr_plan_hash(plan);
    rr_scenario_destroy(sc);
    if (rc != RR_OK)
        rr_err_set(err, errlen, rc, "calibrated.ini would not read back: %s",
                   msg[0] ? msg : rr_strerror(rc));
    return rc;
}

/* notes_of - each parameter's note in the scenario (NULL: none). */
static void notes_of(const rr_calibration *c, rr_scenario *sc,
                     const char **was)
{
    size_t n = sc ? rr_scenario_n_settings(sc) : 0;
    for (size_t k = 0; k < c->n; k++) {
        was[k] = NULL;
        for (size_t i = 0; i < n; i++) {
            const rr_setting *s = rr_scenario_setting(sc, i);
            if (strcmp(s->key, c->param[k].key) == 0)
                was[k] = s->note;
        }
    }
}

int rr_results_calibrate_check(rr_results *t, rr_calibration *c,
                               const char *scenario, char *err,
                               size_t errlen)
{
    double x[RR_CALIB_MAX_PARAMS];
    const char *was[RR_CALIB_MAX_PARAMS] = {NULL};
    char path[PATH_LEN];
    rr_scenario *sc = NULL;
    uint64_t h;
    int rc;
    for (size_t k = 0; k < c->n; k++)
        x[k] = c->param[k].start;
    rc = rr_scenario_load(scenario, c->common, c->n_common, &sc, err, errlen);
    if (rc == RR_OK)
        rc = write_ini(t, c, sc, x, scenario, NULL, 0, was, err, errlen);
    rr_scenario_destroy(sc);
    if (rc == RR_OK)
        rc = read_back(t, &h, err, errlen);
    rr_outdir_path(&t->dir, "calibrated.ini", path, sizeof path);
    remove(path);
    return rc;
}

int rr_results_write_calibrate(rr_results *t, rr_calibration *c,
                               const rr_fit *f, const rr_run_result *r,
                               rr_scenario *sc, const char *scenario,
                               const char *cmdline, char *err,
                               size_t errlen)
{
    char path[PATH_LEN], created[RR_MANIFEST_TIME];
    const char *was[RR_CALIB_MAX_PARAMS];
    double fit_loss = rr_calibration_loss(c, f);
    rr_manifest m;
    uint64_t h = 0;
    int rc;

    rr_scenario *orig = NULL;
    char msg[1024];
    /* the notes the scenario gave the values before */
    if (rr_scenario_load(scenario, c->common, c->n_common, &orig, msg,
                         sizeof msg) != RR_OK) {
        rr_scenario_destroy(orig);
        orig = NULL;
    }
    notes_of(c, orig, was);
    rr_manifest_now(&m, cmdline, created);
    rc = rr_write_fit(rr_outdir_path(&t->dir, "fit.csv", path, sizeof path),
                      f, r, err, errlen);
    if (rc == RR_OK)
        rc = rr_write_run_info(
            rr_outdir_path(&t->dir, "run.csv", path, sizeof path), r, 1, NULL,
            RR_VERSION, r->plan->cfg[0]->seed, err, errlen);
    if (rc == RR_OK)
        rc = write_iterations(
            rr_outdir_path(&t->dir, "calibrate.csv", path, sizeof path), c,
            err, errlen);
    if (rc == RR_OK)
        rc = write_report(
            rr_outdir_path(&t->dir, "calibrate_report.csv", path,
                           sizeof path),
            c, fit_loss, err, errlen);
    if (rc == RR_OK)
        rc = write_ini(t, c, sc, NULL, scenario, cmdline, fit_loss, was, err,
                       errlen);
    rr_scenario_destroy(orig);
    if (rc == RR_OK)
        rc = rr_write_resolved(t->dir.tmp, sc, &m, err, errlen);
    if (rc == RR_OK)
        rc = read_back(t, &h, err, errlen);
    if (rc == RR_OK && h != rr_plan_hash(r->plan))
        rc = rr_err_set(err, errlen, RR_EIO,
                        "calibrated.ini does not read back as the scenario "
                        "that was fitted (its plan differs)");
    return rc;
}

/* ---- the terminal ---------------------------------------------------------------- */

void rr_print_calibrate(FILE *out, const rr_calibration *c, const rr_fit *f,
                        const rr_run_result *r)
{
    char years[RR_CALIB_MAX_YEARS * 6 + 8];
    rr_calibration_years_text(c, years, sizeof years);
    fprintf(out,
            "%s: %zu setting%s fitted to %zu observed figure%s of %s\n"
            "(loss: the sum of squared relative errors, weighted)\n",
            c->base_name, c->n, c->n == 1 ? "" : "s", c->n_rows,
            c->n_rows == 1 ? "" : "s", years);
    fprintf(out, "%s after %zu iteration%s, %zu evaluations of %d "
                 "replication%s\n",
            c->converged ? "converged" : "stopped at --max-iter",
            c->n_iter ? c->iter[c->n_iter - 1].iteration : 0,
            c->n_iter && c->iter[c->n_iter - 1].iteration == 1 ? "" : "s",
            c->evaluations, c->eval_reps, c->eval_reps == 1 ? "" : "s");
    if (c->n_iter)
        fprintf(out, "simplex size %.3g (the search stops below %g)\n",
                c->iter[c->n_iter - 1].size, c->tol);
    if (c->refused)
        fprintf(out, "%zu evaluation%s fell where the scenario is refused "
                     "and counted as a loss of %g\n",
                c->refused, c->refused == 1 ? "" : "s",
                RR_CALIB_REFUSED_LOSS);
    fprintf(out, "\n%-18s %-16s %9s %9s %9s %9s\n", "parameter", "range",
            "start", "fitted", "loss -10%", "loss +10%");
    for (size_t k = 0; k < c->n; k++) {
        const rr_calib_param *p = &c->param[k];
        char range[64], lo[32], hi[32], st[48], fi[48];
        rr_calibration_value_text(p, p->low, lo, sizeof lo);
        rr_calibration_value_text(p, p->high, hi, sizeof hi);
        snprintf(range, sizeof range, "%s:%s", lo, hi);
        rr_calibration_value_text(p, p->start, st, sizeof st);
        rr_calibration_value_text(p, p->fitted, fi, sizeof fi);
        fprintf(out, "%-18s %-16s %9s %9s %9.4g %9.4g\n", p->key, range, st,
                fi, p->sens_loss[0], p->sens_loss[1]);
        if (strcmp(at_bound(p), "no") != 0)
            fprintf(out, "  %s is at the %s end of its range, which may cut "
                         "the best value off\n",
                    p->key, at_bound(p));
    }
    fprintf(out, "\nloss at the fitted values %.4g (%d replication%s); in "
                 "the fit below %.4g (%zu)\n\n",
            c->loss, c->eval_reps, c->eval_reps == 1 ? "" : "s",
            rr_calibration_loss(c, f), r->reps);
    rr_print_fit(out, f, r);
}
