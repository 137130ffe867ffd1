/*
 * test_uncertainty.c - the pieces of an uncertainty study that need no
 * run: quantiles over samples, the uncertain parameters a scenario
 * declares (units, whole numbers, shares), and the values drawn written
 * back as --set text that reads as the same number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "check.h"
#include "rr_common.h"
#include "rr_grammar.h"
#include "rr_scenario.h"
#include "rr_uncertainty.h"

static void test_quantiles(void)
{
    double v[103], q[RR_UNC_NQ];
    /* 101 values 1..101 in reverse, and two NaN that are left out */
    for (int i = 0; i < 101; i++)
        v[i] = 101 - i;
    v[101] = NAN;
    v[102] = NAN;
    rr_unc_quantiles(v, 103, q);
    CHECK_NEAR(q[0], 6, 1e-12);
    CHECK_NEAR(q[1], 26, 1e-12);
    CHECK_NEAR(q[2], 51, 1e-12);
    CHECK_NEAR(q[3], 76, 1e-12);
    CHECK_NEAR(q[4], 96, 1e-12);
    /* interpolated between order statistics: 4 values 0, 10, 20, 30 */
    double w[4] = {30, 0, 20, 10};
    rr_unc_quantiles(w, 4, q);
    CHECK_NEAR(q[0], 1.5, 1e-12); /* 0.05 * 3 = 0.15 of the way to 10 */
    CHECK_NEAR(q[2], 15, 1e-12);
    CHECK_NEAR(q[4], 28.5, 1e-12);
    double z[2] = {NAN, NAN};
    rr_unc_quantiles(z, 2, q);
    CHECK(isnan(q[2]));
}

static const char scenario[] =
    "[scenario]\nname = u\nstart = 2020-01-01\nend = 2020-12-31\n"
    "[parameters]\n"
    "intake = 1200/month\nintake.range = 900/month:1500/month\n"
    "share = 0.8\nshare.dist = beta(8, 2)\n"
    "talk = 2w\ntalk.dist = triangular(1w, 2w, 6w)\n"
    "places = 700\nplaces.range = 395:933\n"
    "[arrivals]\nrate = ${intake}\n"
    "[stage.rds]\nservers = ${places}\n"
    "service = exponential(mean=${talk})\n"
    "route.departed = ${share}\nroute.closed = rest\n";

static void test_declared(void)
{
    char path[] = "/tmp/rrsim-test-uncXXXXXX", err[1024];
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(scenario, f);
    fclose(f);
    rr_scenario *sc = NULL;
    int rc = rr_scenario_load(path, NULL, 0, &sc, err, sizeof err);
    CHECK_EQ(rc, RR_OK);
    if (rc != RR_OK) {
        printf("  %s\n", err);
        remove(path);
        return;
    }
    CHECK_EQ(rr_scenario_n_uncertain(sc), 4);
    const rr_uncertain *in = rr_scenario_uncertain(sc, 0);
    const rr_uncertain *sh = rr_scenario_uncertain(sc, 1);
    const rr_uncertain *tk = rr_scenario_uncertain(sc, 2);
    const rr_uncertain *pl = rr_scenario_uncertain(sc, 3);
    CHECK(rr_scenario_uncertain(sc, 4) == NULL);
    CHECK_STR(in->name, "intake");
    CHECK_EQ((int)in->unit, (int)RR_UNIT_RATE);
    CHECK_NEAR(in->dist_of.lo, 900 / RR_DAYS_PER_MONTH, 1e-9);
    CHECK_NEAR(in->value, 1200 / RR_DAYS_PER_MONTH, 1e-9);
    CHECK(sh->share && !in->share && !tk->share);
    CHECK_EQ((int)sh->dist_of.kind, (int)RR_UDIST_BETA);
    CHECK_EQ((int)tk->unit, (int)RR_UNIT_DURATION);
    CHECK_NEAR(tk->dist_of.hi, 42, 1e-12);
    CHECK(pl->integer && !tk->integer);
    /* values drawn: within the support, whole numbers for places, and the
     * --set text reads back as the very same number */
    for (int i = 0; i < 50; i++) {
        double u = (i + 0.5) / 50;
        const rr_uncertain *ps[] = {in, sh, tk, pl};
        for (size_t j = 0; j < 4; j++) {
            double x = rr_uncertain_draw(ps[j], u), back;
            char text[64];
            CHECK(x >= ps[j]->dist_of.lo && x <= ps[j]->dist_of.hi);
            rr_uncertain_text(ps[j], x, text, sizeof text);
            if (ps[j]->unit == RR_UNIT_DURATION)
                CHECK_EQ(rr_duration_parse(text, &back, err, sizeof err),
                         RR_OK);
            else if (ps[j]->unit == RR_UNIT_RATE)
                CHECK_EQ(rr_rate_parse(text, &back, err, sizeof err), RR_OK);
            else
                back = strtod(text, NULL);
            CHECK_EQ(back, x);
        }
        CHECK_EQ(rr_uncertain_draw(pl, u), round(rr_uncertain_draw(pl, u)));
    }
    char show[48];
    rr_uncertain_show(tk, 21, show, sizeof show);
    CHECK_STR(show, "3w");
    rr_uncertain_show(in, 1500 / RR_DAYS_PER_MONTH, show, sizeof show);
    CHECK_STR(show, "1500/month");
    rr_scenario_destroy(sc);
    remove(path);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_quantiles();
    test_declared();
    return check_summary("test_uncertainty");
}
