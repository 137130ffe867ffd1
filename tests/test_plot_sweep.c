/*
 * test_plot_sweep.c - the chart of a sweep, without gnuplot: its words
 * (sweep_chart.csv read, with its refusals; a folder without it), values
 * in words and shares as percentages on both axes, which setting goes
 * where, and the small multiples of three settings or more: one panel per
 * facet and indicator, inside the chart, apart, an indicator's panels on
 * one scale with one heading, the indicators left out when there is no
 * room, the points numbered when nothing fits.
 * Works in a fresh mkdtemp folder, removed at the end.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rr_common.h"
#include "rr_output.h"
#include "results/plot_sweep.h"

static char dir[256];

static void spit(const char *name, const char *text)
{
    char path[PATH_MAX];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        printf("  cannot write %s\n", path);
}

/* write_sweep - sweep.csv of a grid of keys k[0..nk) with n[i] values
 * each (values v[i][j]), the first slowest, with the indicators ind (a
 * share's mean 0.5 + a little per point, the others 100 + 10 per point). */
static void write_sweep(const char *const *k, size_t nk, const size_t *n,
                        const char *const (*v)[12], const char *const *ind,
                        size_t ni)
{
    char *buf = NULL;
    size_t len = 0, np = 1;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    fputs("scenario,point", f);
    for (size_t i = 0; i < nk; i++)
        fprintf(f, ",%s", k[i]);
    fputs(",indicator,unit,mean,sd,ci95_low,ci95_high,replications\n", f);
    for (size_t i = 0; i < nk; i++)
        np *= n[i];
    for (size_t p = 0; p < np; p++)
        for (size_t q = 0; q < ni; q++) {
            size_t rem = p, idx[8];
            bool share = strstr(ind[q], "share") != NULL;
            double m = share ? 0.5 + 0.001 * (double)p : 100 + 10 * (double)p;
            for (size_t i = nk; i-- > 0;) {
                idx[i] = rem % n[i];
                rem /= n[i];
            }
            fprintf(f, "t,%zu", p + 1);
            for (size_t i = 0; i < nk; i++)
                fprintf(f, ",%s", v[i][idx[i]]);
            fprintf(f, ",%s,%s,%.10g,1,%.10g,%.10g,3\n", ind[q],
                    share ? "share" : "persons", m, m * 0.9, m * 1.1);
        }
    fclose(f);
    spit("sweep.csv", buf);
    free(buf);
}

/* draw - the script of the chart of dir's sweep into a string (caller
 * frees), NULL with the message printed when it fails. */
static char *draw(rri_sweep *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *g = open_memstream(&buf, &len);
    int rc;
    if (!g)
        return NULL;
    rc = rri_draw_sweep(g, RR_PLOT_PNG, "sweep.png", s, NULL, 0);
    fclose(g);
    CHECK_EQ(rc, RR_OK);
    if (rc != RR_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = text ? strstr(text, what) : NULL; p;
         p = strstr(p + 1, what))
        n++;
    return n;
}

/* ---- words ------------------------------------------------------------------ */

static void test_value_words(void)
{
    static const struct {
        const char *v;
        bool share;
        const char *text;
    } t[] = {
        {"0.6", true, "60%"},         {"0.6", false, "0.6"},
        {"30d", false, "30 days"},    {"1d", false, "1 day"},
        {"1w", false, "1 week"},      {"2w", false, "2 weeks"},
        {"2/m", false, "2 per month"}, {"1/d", false, "1 per day"},
        {"unlimited", false, "unlimited"}, {"800", false, "800"},
        {"0.6x", true, "0.6x"},
    };
    char buf[64];
    for (size_t i = 0; i < RR_COUNTOF(t); i++) {
        rri_sweep_value_text(t[i].v, t[i].share, buf, sizeof buf);
        CHECK_MSG(strcmp(buf, t[i].text) == 0, "'%s' -> '%s', expected '%s'",
                  t[i].v, buf, t[i].text);
    }
    rri_sweep_setting_text("IOM share", "0.8", true, buf, sizeof buf);
    CHECK_STR(buf, "IOM share: 80%");
}

/* sweep_chart.csv: labels and shares of the settings, the indicators and
 * their words; without it, the rule's labels and the default six. */
static void test_read_words(void)
{
    static const char *const keys[] = {"stage.iom.servers", "iom_share"};
    static const size_t n[] = {2, 2};
    static const char *const vals[][12] = {{"200", "800"}, {"0.6", "0.8"}};
    static const char *const ind[] = {"departures_verified",
                                      "iom_share_assisted_voluntary",
                                      "caseload_end"};
    rri_sweep s;
    char err[512] = "", path[PATH_MAX];

    write_sweep(keys, 2, n, vals, ind, 3);
    /* a folder of rrsim 0.2: no sweep_chart.csv */
    CHECK_MSG(rri_read_sweep(dir, &s, err, sizeof err) == RR_OK, "%s", err);
    if (s.nk == 2 && s.ni == RR_SWEEP_N_DEFAULT) {
        CHECK_STR(s.klabel[0], "IOM servers");
        CHECK_STR(s.klabel[1], "IOM share");
        CHECK(!s.kshare[0] && !s.kshare[1]);
        CHECK_STR(s.ind[0], "departures_verified");
        CHECK_STR(s.ilabel[0], "Verified departures, persons");
        CHECK_STR(s.ind[2], "iom_share_assisted_voluntary");
        CHECK_STR(s.ilabel[2], "IOM share of assisted returns");
        CHECK(s.ishare[2] && !s.ishare[0]);
        /* a share in percent; an indicator not in sweep.csv: no value */
        CHECK_NEAR(s.mean[0 * s.ni + 2], 50, 1e-9);
        CHECK(isnan(s.mean[0 * s.ni + 3]));
    } else {
        CHECK_MSG(false, "%zu keys, %zu indicators", s.nk, s.ni);
    }
    rri_sweep_fini(&s);

    spit("sweep_chart.csv",
         "role,name,label,unit\n"
         "indicator,caseload_end,,persons\n"
         "setting,iom_share,\"IOM's 100% share, of AVR\",share\n"
         "indicator,iom_share_assisted_voluntary,Share that IOM took,share\n");
    CHECK_MSG(rri_read_sweep(dir, &s, err, sizeof err) == RR_OK, "%s", err);
    if (s.nk == 2 && s.ni == 2) {
        CHECK_STR(s.klabel[0], "IOM servers"); /* not in the file */
        CHECK_STR(s.klabel[1], "IOM's 100% share, of AVR");
        CHECK(!s.kshare[0] && s.kshare[1]);
        CHECK_STR(s.ind[0], "caseload_end");
        CHECK_STR(s.ilabel[0], "Caseload at the end, persons");
        CHECK_STR(s.ilabel[1], "Share that IOM took");
        CHECK(!s.ishare[0] && s.ishare[1]);
        CHECK_NEAR(s.mean[3 * s.ni + 1], 50.3, 1e-9);
    } else {
        CHECK_MSG(false, "%zu keys, %zu indicators", s.nk, s.ni);
    }
    rri_sweep_fini(&s);

    /* what is refused, by file and line */
    {
        static const struct {
            const char *csv, *msg;
        } bad[] = {
            {"role,name\nsettings,iom_share\n",
             "sweep_chart.csv:2: column 'role': expected 'setting', "
             "'indicator' or 'design', got 'settings'"},
            {"role,name\ndesign,grid\n",
             "sweep_chart.csv:2: column 'name': expected the design 'lhs' "
             "or 'sobol', got 'grid'"},
            {"role,name\nsetting,iom_shares\n",
             "sweep_chart.csv:2: column 'name': 'iom_shares' is not a "
             "varied setting of sweep.csv"},
            {"role,name\nindicator,arrivals\nindicator,arrivals\n",
             "sweep_chart.csv:3: column 'name': the indicator 'arrivals' "
             "is listed twice"},
            {"role,label\nsetting,x\n", "sweep_chart.csv:1: missing column "
                                        "'name' (columns: role, label)"},
        };
        for (size_t i = 0; i < RR_COUNTOF(bad); i++) {
            const char *m;
            spit("sweep_chart.csv", bad[i].csv);
            err[0] = '\0';
            CHECK(rri_read_sweep(dir, &s, err, sizeof err) != RR_OK);
            m = strstr(err, "sweep_chart.csv:");
            CHECK_MSG(m && strcmp(m, bad[i].msg) == 0, "got '%s'", err);
            rri_sweep_fini(&s);
        }
        /* more than RR_SWEEP_MAX_IND indicators */
        {
            char *buf = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&buf, &len);
            if (f) {
                fputs("role,name\n", f);
                for (int i = 0; i <= RR_SWEEP_MAX_IND; i++)
                    fprintf(f, "indicator,x%d\n", i);
                fclose(f);
                spit("sweep_chart.csv", buf);
                free(buf);
            }
            CHECK(rri_read_sweep(dir, &s, err, sizeof err) == RR_EPARSE);
            CHECK_MSG(strstr(err, "sweep_chart.csv:14: more than 12 "
                                  "indicators") != NULL,
                      "%s", err);
            rri_sweep_fini(&s);
        }
    }
    snprintf(path, sizeof path, "%s/sweep_chart.csv", dir);
    unlink(path);
}

/* ---- charts --------------------------------------------------------------- */

/* Shares in percent on both axes: the tics of a share setting along x
 * and of a share indicator along y say "60%" ('60%%' in the script, a tic
 * label being a gnuplot format); the legend and the title use labels. */
static void test_share_axes(void)
{
    static const char *const keys[] = {"iom_share", "stage.iom.servers"};
    static const size_t n[] = {3, 2};
    static const char *const vals[][12] = {{"0.6", "0.7", "0.8"},
                                           {"200", "800"}};
    static const char *const ind[] = {"iom_share_assisted_voluntary"};
    rri_sweep s;
    char err[512] = "", *gp;

    write_sweep(keys, 2, n, vals, ind, 1);
    spit("sweep_chart.csv",
         "role,name,label,unit\nsetting,iom_share,IOM share,share\n"
         "indicator,iom_share_assisted_voluntary,,share\n");
    CHECK_MSG(rri_read_sweep(dir, &s, err, sizeof err) == RR_OK, "%s", err);
    gp = draw(&s);
    CHECK(gp != NULL);
    if (gp) {
        CHECK_MSG(strstr(gp, "set xtics ('60%%' 60, '70%%' 70, '80%%' 80)") !=
                      NULL,
                  "x tics in percent");
        CHECK_MSG(strstr(gp, "set ytics ('40%%' 40, '45%%' 45, '50%%' 50") !=
                          NULL ||
                      strstr(gp, "set ytics ('0%%' 0") != NULL,
                  "y tics in percent");
        CHECK(strstr(gp, "'IOM servers: 200'") != NULL);
        CHECK(strstr(gp, "'Indicators against IOM share and IOM "
                         "servers'") != NULL);
        CHECK(strstr(gp, "'IOM share'") != NULL); /* the x label */
        CHECK(strstr(gp, "stage.iom.servers") == NULL);
        CHECK(strstr(gp, "iom_share") == NULL);
        CHECK(strstr(gp, "'0.6") == NULL);
        CHECK_EQ(count(gp, "\nplot "), 1);
    }
    free(gp);
    rri_sweep_fini(&s);
    snprintf(err, sizeof err, "%s/sweep_chart.csv", dir);
    unlink(err);
}

/* rects_apart - panels a and b do not overlap, nor their headings. */
static bool rects_apart(const rri_panel *a, const rri_panel *b)
{
    return a->r <= b->l || b->r <= a->l || a->b <= b->t || b->b <= a->t;
}

/* Three settings: a panel per value of the third, the first along x and a
 * line per value of the second; each indicator's panels side by side on
 * one scale, under one heading; nothing numbered. */
static void test_small_multiples(void)
{
    static const char *const keys[] = {"lambda", "mean_talk",
                                       "stage.officer.servers"};
    static const size_t n[] = {3, 2, 2};
    static const char *const vals[][12] = {
        {"0.5", "0.6", "0.7"}, {"0.8d", "1d"}, {"1", "2"}};
    static const char *const ind[] = {
        "departures_verified", "departures_unsupervised",
        "iom_share_assisted_voluntary", "time_to_departure_mean_days",
        "time_to_departure_p90_days", "caseload_end"};
    rri_sweep s;
    rri_sweep_chart c;
    char err[512] = "", *gp;

    write_sweep(keys, 3, n, vals, ind, 6);
    if (rri_read_sweep(dir, &s, err, sizeof err) != RR_OK) {
        CHECK_MSG(false, "%s", err);
        rri_sweep_fini(&s);
        return;
    }
    memset(&c, 0, sizeof c);
    c.s = &s;
    CHECK_EQ(rri_sweep_plan(&s, &c.pl), RR_OK);
    CHECK_EQ(c.pl.xkey, 0);
    CHECK_EQ(c.pl.skey, 1);
    CHECK_EQ(c.pl.nx, 3);
    CHECK_EQ(c.pl.ns, 2);
    CHECK_EQ(c.pl.nf, 2);
    if (c.pl.nf == 2) {
        CHECK_STR(c.pl.fv[0], "Officer servers: 1");
        CHECK_STR(c.pl.fval[1], "2");
    }
    CHECK_EQ(c.pl.pf[0], 0);
    CHECK_EQ(c.pl.pf[1], 1);
    CHECK_EQ(c.pl.ps[2], 1);
    CHECK_EQ(c.pl.px[11], 2);

    /* the layout: six indicators, two panels each */
    c.n = 6;
    for (size_t g = 0; g < 6; g++) {
        c.shown[g] = g;
        c.sc[g] = (rri_scale){0, 2000, 500, 0};
    }
    c.B = 170;
    CHECK_EQ(rri_sweep_layout(&c), RR_OK);
    CHECK_EQ(c.npan, 12);
    CHECK_EQ(c.n, 6);
    CHECK_STR(c.dropped, "");
    for (size_t q = 0; q < c.npan; q++) {
        const rri_panel *p = &c.pan[q];
        CHECK_MSG(p->l >= 0.02 * W && p->r <= 0.98 * W && p->t >= 100 &&
                      p->b <= H - c.B && p->r - p->l >= 100 &&
                      p->b - p->t >= 60,
                  "panel %zu at %g..%g x %g..%g", q, p->l, p->r, p->t, p->b);
        CHECK_EQ(p->g, q / 2);
        CHECK_EQ(p->f, q % 2);
        CHECK_EQ(p->ylabels, q % 2 == 0); /* one scale, labelled once */
        CHECK_EQ(p->heading, q % 2 == 0);
        for (size_t r = 0; r < q; r++)
            CHECK_MSG(rects_apart(p, &c.pan[r]), "panels %zu and %zu overlap",
                      r, q);
        if (q % 2) /* beside its first, the same height */
            CHECK(p->t == c.pan[q - 1].t && p->b == c.pan[q - 1].b &&
                  p->l > c.pan[q - 1].r);
    }
    /* twelve indicators and four facets: not all fit */
    c.pl.nf = 4;
    c.n = 12;
    for (size_t g = 0; g < 12; g++)
        c.shown[g] = g % 6;
    CHECK_EQ(rri_sweep_layout(&c), RR_OK);
    CHECK(c.n >= 1 && c.n < 12);
    CHECK_EQ(c.npan, c.n * 4);
    CHECK(strlen(c.dropped) > 0);
    /* eleven facets: no room for even one indicator */
    c.pl.nf = 11;
    c.n = 1;
    c.dropped[0] = '\0';
    CHECK_EQ(rri_sweep_layout(&c), RR_EINVAL);
    CHECK_STR(c.why_numbered, "11 panels per indicator, too many (vary the "
                              "setting with most values first): points "
                              "numbered");
    c.pl.nf = 2; /* as planned, for fini */
    free(c.pan);
    rri_sweepplan_fini(&c.pl);

    /* the script: a multiplot of 12 panels, 6 indicators x 2 facets */
    gp = draw(&s);
    CHECK(gp != NULL);
    if (gp) {
        CHECK_EQ(count(gp, "\nset multiplot\n"), 1);
        CHECK_EQ(count(gp, "\nplot "), 12);
        CHECK_EQ(count(gp, "'Officer servers: 1'"), 6);
        CHECK_EQ(count(gp, "'Verified departures, persons'"), 1);
        CHECK(strstr(gp, "Design point") == NULL);
        CHECK(strstr(gp, "numbered") == NULL);
        CHECK(strstr(gp, "a line per mean talk, a panel per officer "
                         "servers") != NULL);
        CHECK(strstr(gp, "'Mean talk: 0.8 days'") != NULL);
        CHECK(strstr(gp, "'Mean talk: 1 day'") != NULL);
        CHECK(strstr(gp, "stage.officer") == NULL);
        CHECK(strstr(gp, "mean_talk") == NULL);
    }
    free(gp);
    rri_sweep_fini(&s);

    /* the third setting with eleven values: the points numbered, and the
     * subtitle says why */
    {
        static const size_t n11[] = {2, 2, 11};
        static const char *const v11[][12] = {
            {"0.5", "0.6"},
            {"0.8d", "1d"},
            {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}};
        write_sweep(keys, 3, n11, v11, ind, 1);
        CHECK_MSG(rri_read_sweep(dir, &s, err, sizeof err) == RR_OK, "%s",
                  err);
        gp = draw(&s);
        CHECK(gp && strstr(gp, "11 panels per indicator, too many") != NULL);
        CHECK(gp && strstr(gp, "Design point") != NULL);
        free(gp);
        rri_sweep_fini(&s);
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/rrsim-plot-sweep-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_value_words();
    test_read_words();
    test_share_axes();
    test_small_multiples();
    if (!getenv("RR_TEST_KEEP"))
        rr_remove_tree(dir);
    return check_summary("test_plot_sweep");
}
