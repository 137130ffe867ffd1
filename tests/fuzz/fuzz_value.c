/*
 * fuzz_value.c - the parsers of the value grammar on any text: the input
 * is read as a distribution, a duration, a rate and a date.  Beyond not
 * crashing, what they accept must hold up:
 *   - a distribution's written form (rr_dist_format) reads back as the
 *     same kind; its draws are never negative or NaN;
 *   - a duration or a rate is finite and >= 0;
 *   - a date survives days and back, and its written form reads back.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "fuzz.h"
#include "rr_common.h"
#include "rr_dist.h"
#include "rr_grammar.h"
#include "rr_scenario.h"

static rr_empirical *emp;
static gsl_rng *rng;

/* loader - empirical(file=..., column=...) names no real file here: every
 * one gets the same three values. */
static int loader(void *ctx, const char *file, const char *column,
                  const char *weight, const rr_empirical **out, char *err,
                  size_t errlen)
{
    RR_UNUSED(ctx);
    RR_UNUSED(weight);
    RR_UNUSED(err);
    RR_UNUSED(errlen);
    if (!*file || !*column)
        fz_fail("empirical: the loader was given an empty name");
    *out = emp;
    return RR_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const double v[] = {1, 2, 30};
    RR_UNUSED(argc);
    RR_UNUSED(argv);
    fz_setup();
    if (!emp && !(emp = rr_empirical_create(v, NULL, RR_COUNTOF(v))))
        fz_fail("out of memory");
    if (!rng && !(rng = gsl_rng_alloc(gsl_rng_mt19937)))
        fz_fail("out of memory");
    return 0;
}

static void check_dist(const char *text)
{
    char err[512], buf[512], err2[512];
    rr_dist d, e;
    if (rr_dist_parse(text, &d, loader, NULL, err, sizeof err) != RR_OK) {
        if (!err[0])
            fz_fail("distribution '%s' refused without a message", text);
        return;
    }
    gsl_rng_set(rng, 1);
    for (int i = 0; i < 8; i++) {
        double x = rr_dist_sample(&d, rng);
        if (isnan(x) || x < 0)
            fz_fail("distribution '%s' drew %g", text, x);
    }
    (void)rr_dist_mean(&d);
    (void)rr_dist_sd(&d);
    rr_dist_format(&d, buf, sizeof buf);
    if (d.kind == RR_DIST_EMPIRICAL)
        return; /* described, not written */
    if (rr_dist_parse(buf, &e, loader, NULL, err2, sizeof err2) != RR_OK)
        fz_fail("distribution '%s' is written '%s', which reads back as: %s",
                text, buf, err2);
    if (e.kind != d.kind)
        fz_fail("distribution '%s' is written '%s', of another kind", text,
                buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fz_text(data, size);
    char err[512], buf[32];
    double x;
    rr_date dt, dt2;

    LLVMFuzzerInitialize(NULL, NULL);
    check_dist(text);
    if (rr_duration_parse(text, &x, err, sizeof err) == RR_OK &&
        !(isfinite(x) && x >= 0))
        fz_fail("duration '%s' read as %g", text, x);
    if (rr_rate_parse(text, &x, err, sizeof err) == RR_OK &&
        !(isfinite(x) && x >= 0))
        fz_fail("rate '%s' read as %g", text, x);
    if (rr_date_parse(text, &dt) == RR_OK) {
        long days = rr_date_days(dt);
        dt2 = rr_date_from_days(days);
        if (dt2.y != dt.y || dt2.m != dt.m || dt2.d != dt.d)
            fz_fail("date '%s' does not survive days and back", text);
        rr_date_format(dt, buf, sizeof buf);
        if (rr_date_parse(buf, &dt2) != RR_OK || rr_date_days(dt2) != days)
            fz_fail("date '%s' is written '%s', which does not read back",
                    text, buf);
    }
    free(text);
    return 0;
}
