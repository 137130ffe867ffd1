/*
 * test_layout.c - the layout of the charts (sim/results/plot_layout.c),
 * without gnuplot: text widths and cuts, numbers and dates, scales and
 * their tics, the tics of a time axis (which calendar boundaries, which
 * labels, far enough apart to be read), the tics of a sweep's values,
 * rows of event labels, places of legend entries.  Then the charts' files
 * against the rule that no indicator name is spelt in them (the registry
 * names them).
 */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "rr_common.h"
#include "rr_indicator.h"
#include "results/plot_int.h"

static long day(int y, int m, int d)
{
    rr_date dt = {y, m, d};
    return rr_date_days(dt);
}

/* utf8_whole - whether s is whole UTF-8 sequences (no cut one). */
static bool utf8_whole(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        if (*p >= 0x80 && *p < 0xC0)
            return false;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

/* ---- text ------------------------------------------------------------------ */

static void test_text_px(void)
{
    /* em widths of DejaVu Sans: "a" .613, "W" .989, digits .636; 14 pt
     * at 96 dpi, and the 3% the cairo terminals add */
    double k = 14 * (96.0 / 72.0) * 1.03;
    CHECK_NEAR(rri_text_px("", 14), 0, 1e-12);
    CHECK_NEAR(rri_text_px("a", 14), .613 * k, 1e-9);
    CHECK_NEAR(rri_text_px("W", 14), .989 * k, 1e-9);
    CHECK_NEAR(rri_text_px("2020", 14), 4 * .636 * k, 1e-9);
    /* a character of several bytes counts once */
    CHECK_NEAR(rri_text_px("é", 14), rri_text_px("?", 14), 1e-9);
    CHECK_NEAR(rri_text_px("€", 14), .65 * k, 1e-9);
    /* proportional to the size, and to the text */
    CHECK_NEAR(rri_text_px("Caseload", 28), 2 * rri_text_px("Caseload", 14),
               1e-9);
    CHECK(rri_text_px("iiii", 12) < rri_text_px("MMMM", 12));
}

static void test_text_fit(void)
{
    static const char *const texts[] = {
        "A short title",
        "Departures by kind, per quarter, with a long subtitle that goes "
        "on and on well beyond the width of any chart drawn by rrsim",
        "Préfecture de l'Hérault · éàü€ · Ünïcödé everywhere éééééééééééé "
        "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
        "trailing spaces before the cut                                   "
        "                                            x"};
    static const double widths[] = {20, 50, 100, 333, 640, 1228.8};
    for (size_t i = 0; i < RR_COUNTOF(texts); i++)
        for (size_t w = 0; w < RR_COUNTOF(widths); w++) {
            char buf[512];
            size_t n = strlen(texts[i]);
            snprintf(buf, sizeof buf, "%s", texts[i]);
            rri_text_fit(buf, sizeof buf, 14, widths[w]);
            if (rri_text_px(texts[i], 14) <= widths[w]) {
                CHECK_STR(buf, texts[i]); /* fits: as it was */
                continue;
            }
            n = strlen(buf);
            CHECK_MSG(n >= 3 && strcmp(buf + n - 3, "…") == 0,
                      "'%s' ends with an ellipsis", buf);
            CHECK_MSG(rri_text_px(buf, 14) <= widths[w] ||
                          strcmp(buf, "…") == 0,
                      "'%s' is %.1f px, at most %.1f", buf,
                      rri_text_px(buf, 14), widths[w]);
            CHECK_MSG(utf8_whole(buf), "'%s' cut inside a character", buf);
            CHECK_MSG(n < 4 || buf[n - 4] != ' ', "'%s': a space before …",
                      buf);
            CHECK(strncmp(buf, texts[i], n - 3) == 0);
        }
    /* a buffer just large enough for the text: the ellipsis still fits */
    {
        char buf[24] = "abcdefghijklmnopqrstuvw";
        rri_text_fit(buf, sizeof buf, 14, 60);
        CHECK(strlen(buf) < sizeof buf);
        CHECK(rri_text_px(buf, 14) <= 60);
        CHECK_STR(buf + strlen(buf) - 3, "…");
    }
}

static void test_wrap2(void)
{
    char l1[1024], l2[1024], text[1024] = "";
    rri_wrap2("A short note.", ". ", l1, l2, sizeof l1);
    CHECK_STR(l1, "A short note.");
    CHECK_STR(l2, "");
    /* sentences: the first line ends after a full stop, both fit */
    for (int i = 0; i < 14; i++)
        strcat(text, "Every point uses the same random numbers. ");
    rri_wrap2(text, ". ", l1, l2, sizeof l1);
    CHECK(strlen(l1) > 0 && l1[strlen(l1) - 1] == '.');
    CHECK(rri_text_px(l1, 11) <= 0.96 * W);
    CHECK(rri_text_px(l2, 11) <= 0.96 * W);
    CHECK(strncmp(l2, "Every point", 11) == 0);
    CHECK_STR(l2 + strlen(l2) - 3, "…"); /* too long for two lines */
    /* no separator: one line, cut */
    memset(text, 'x', 400);
    text[400] = '\0';
    rri_wrap2(text, ". ", l1, l2, sizeof l1);
    CHECK_STR(l2, "");
    CHECK(rri_text_px(l1, 11) <= 0.96 * W);
}

/* ---- numbers and dates --------------------------------------------------------- */

static void test_numbers(void)
{
    char b[64];
    static const struct {
        double x;
        int dec;
        const char *want;
    } fmt[] = {{0, 0, "0"},          {999, 0, "999"},
               {1000, 0, "1,000"},    {1234567.891, 2, "1,234,567.89"},
               {-1234.5, 1, "-1,234.5"}, {0.25, 2, "0.25"},
               {100000, 0, "100,000"}, {-999999, 0, "-999,999"}};
    for (size_t i = 0; i < RR_COUNTOF(fmt); i++) {
        rri_fmt_number(fmt[i].x, fmt[i].dec, b, sizeof b);
        CHECK_STR(b, fmt[i].want);
    }
    /* a small buffer: cut, terminated */
    rri_fmt_number(1234567, 0, b, 5);
    CHECK_STR(b, "1,23");
    rri_num_text(-2855, 0, true, b, sizeof b);
    CHECK_STR(b, "−2,855");
    rri_num_text(2855, 0, true, b, sizeof b);
    CHECK_STR(b, "+2,855");
    rri_num_text(2855, 0, false, b, sizeof b);
    CHECK_STR(b, "2,855");
    rri_num_text(-0.0004, 2, true, b, sizeof b); /* shows as zero: no sign */
    CHECK_STR(b, "0.00");
    CHECK_EQ(rri_decimals(0), 0);
    CHECK_EQ(rri_decimals(-250), 0);
    CHECK_EQ(rri_decimals(12.5), 1);
    CHECK_EQ(rri_decimals(0.5), 2);
    CHECK_EQ(rri_decimals(0.05), 3);
    rri_date_text(day(2019, 1, 1), b, sizeof b);
    CHECK_STR(b, "1 Jan 2019");
    rri_date_text(day(2024, 2, 29), b, sizeof b);
    CHECK_STR(b, "29 Feb 2024");
}

static void test_spans_and_sources(void)
{
    rri_runrow r[2];
    char b[256];
    memset(r, 0, sizeof r);
    r[0].start = day(2019, 1, 1);
    r[0].end = day(2023, 12, 31);
    r[0].warmup = 365.25;
    r[0].source = (char *)"CBS";
    r[1].source = (char *)"";
    rri_kpi_span(&r[0], b, sizeof b);
    CHECK_STR(b, "2 Jan 2020 – 31 Dec 2023"); /* the warm-up rounded up */
    rri_kpi_span(NULL, b, sizeof b);
    CHECK_STR(b, "");
    r[0].end = LONG_MAX;
    rri_kpi_span(&r[0], b, sizeof b);
    CHECK_STR(b, "");
    rri_source_of(r, 1, b, sizeof b);
    CHECK_STR(b, "CBS");
    rri_source_of(r, 2, b, sizeof b); /* the policy's empty */
    CHECK_STR(b, "CBS");
    r[1].source = (char *)"IND";
    rri_source_of(r, 2, b, sizeof b);
    CHECK_STR(b, "Sources – baseline: CBS · policy: IND");
    rri_source_of(r, 0, b, sizeof b);
    CHECK_STR(b, "");
}

static void test_grid(void)
{
    static const size_t want[] = {1, 1, 2, 3, 2, 3, 3, 4, 4, 3, 5, 4, 4};
    for (size_t n = 0; n < RR_COUNTOF(want); n++) {
        size_t c = rri_grid_cols(n), rows = n ? (n + c - 1) / c : 1;
        CHECK_EQ(c, want[n]);
        /* few empty cells: less than a row's worth */
        CHECK_MSG(n == 0 || rows * c - n < c, "%zu panels in %zu x %zu", n,
                  rows, c);
    }
    CHECK_EQ(rri_grid_cols(40), 4);
}

/* ---- scales -------------------------------------------------------------------- */

/* round_step - whether step is 1, 2, 2.5 or 5 times a power of ten. */
static bool round_step(double step)
{
    double mag = pow(10, floor(log10(step))), m = step / mag;
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 ||
           fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9 ||
           fabs(m - 10) < 1e-9;
}

static void test_nice_scale(void)
{
    static const double lh[][2] = {
        {0, 1},        {0, 7},        {3, 97},         {-5, 5},
        {0.001, 0.004}, {1e6, 3.3e6}, {-250, -10},     {12345, 12346},
        {0.5, 0.5},    {0, 0},        {-2, -2},        {1e-9, 2e-9}};
    for (size_t i = 0; i < RR_COUNTOF(lh); i++)
        for (int target = 2; target <= 6; target++) {
            rri_scale s = rri_nice_scale(lh[i][0], lh[i][1], target);
            double steps = (s.b - s.a) / s.step;
            CHECK_MSG(s.a <= lh[i][0] && s.b >= lh[i][1],
                      "[%g, %g] covers [%g, %g]", s.a, s.b, lh[i][0],
                      lh[i][1]);
            CHECK_MSG(s.b > s.a, "[%g, %g] is not empty", s.a, s.b);
            CHECK_MSG(round_step(s.step), "step %g", s.step);
            CHECK_MSG(steps <= 2.5 * target + 1, "%g steps for %d", steps,
                      target);
            /* the decimals show the step */
            {
                char a[64], b[64];
                rri_scale_label(&s, s.a + s.step, false, a, sizeof a);
                rri_scale_label(&s, s.a + 2 * s.step, false, b, sizeof b);
                CHECK_MSG(strcmp(a, b) != 0, "tics %s and %s", a, b);
            }
        }
    {
        /* not a number: [0, 1]; reversed: swapped */
        rri_scale s = rri_nice_scale(NAN, 5, 4);
        CHECK_EQ(s.a, 0.0);
        CHECK_EQ(s.b, 1.0);
        s = rri_nice_scale(10, 0, 5);
        CHECK_EQ(s.a, 0.0);
        CHECK_EQ(s.b, 10.0);
        CHECK_EQ(s.step, 2.0);
        CHECK_EQ(s.dec, 0);
        s = rri_nice_scale(0, 1, 4);
        CHECK_EQ(s.step, 0.25);
        CHECK_EQ(s.dec, 2);
    }
}

static void test_count_scale(void)
{
    static const double max[] = {0, 0.3, 1, 7, 42, 999, 1001, 123456, NAN,
                                 INFINITY, -5};
    for (size_t i = 0; i < RR_COUNTOF(max); i++) {
        rri_scale s = rri_count_scale(max[i], 6, 1.04);
        rri_tics t = {NULL, 0, 0, false};
        double m = max[i] > 0 && isfinite(max[i]) ? max[i] : 1;
        CHECK_EQ(s.a, 0.0);
        CHECK_MSG(s.b >= m * 1.04 - 1e-9, "top %g over %g", s.b, m);
        CHECK_MSG(round_step(s.step), "step %g", s.step);
        CHECK_EQ(rri_count_tics(&s, &t), RR_OK);
        CHECK_MSG(t.n >= 2 && t.n <= 14, "%zu tics", t.n);
        CHECK_EQ(t.v[0].at, 0.0);
        CHECK_STR(t.v[0].label, s.dec ? (s.dec == 1 ? "0.0" : "0.00") : "0");
        CHECK_NEAR(t.v[t.n - 1].at, s.b, 1e-9 * s.b);
        for (size_t k = 1; k < t.n; k++)
            CHECK_NEAR(t.v[k].at - t.v[k - 1].at, s.step, 1e-9 * s.b);
        rri_tics_fini(&t);
    }
    {
        rri_scale s = rri_count_scale(123456, 6, 1.04);
        rri_tics t = {NULL, 0, 0, false};
        rri_count_tics(&s, &t);
        CHECK_EQ(s.step, 25000.0);
        CHECK_STR(t.v[1].label, "25,000"); /* thousands separators */
        rri_tics_fini(&t);
        s = rri_count_scale(1, 4, 1.0);
        CHECK_EQ(s.step, 0.25);
        CHECK_EQ(s.dec, 2);
    }
}

static void test_panel_scale(void)
{
    bool zero;
    rri_scale s = rri_panel_scale(40, 100, &zero);
    CHECK(zero && s.a == 0); /* data over more than half: from zero */
    s = rri_panel_scale(900, 1000, &zero);
    CHECK(!zero && s.a > 0 && s.a <= 900 && s.b >= 1000);
    /* a flat line is not drawn as a trend: at least a tenth tall */
    s = rri_panel_scale(1000, 1001, &zero);
    CHECK_MSG(s.b - s.a >= 100, "[%g, %g]", s.a, s.b);
    /* positive data stay above zero */
    s = rri_panel_scale(0.001, 0.002, &zero);
    CHECK(s.a >= 0);
    s = rri_panel_scale(-100, -40, &zero);
    CHECK(zero && s.b == 0);
}

static void test_fitting_scale(void)
{
    static const double width[] = {60, 120, 250, 500, 1000};
    for (size_t i = 0; i < RR_COUNTOF(width); i++) {
        rri_scale s = rri_fitting_scale(-123456, 654321, 1000, width[i],
                                        true, 6);
        double px = s.step * width[i] / (s.b - s.a);
        CHECK_EQ(s.a, -124456.0);
        CHECK_EQ(s.b, 655321.0);
        /* labels do not touch, unless one step is all there is */
        CHECK_MSG(px >= rri_scale_width(&s, true, 11) + 14 ||
                      (s.b - s.a) / s.step <= 2.5,
                  "%g px a step for labels %g px wide", px,
                  rri_scale_width(&s, true, 11));
    }
}

static void test_scale_tics(void)
{
    rri_scale s = {-10, 20, 10, 0};
    rri_tics t = {NULL, 0, 0, false};
    CHECK_EQ(rri_scale_tics(&s, true, true, &t), RR_OK);
    CHECK_EQ(t.n, 4);
    CHECK_STR(t.v[0].label, "−10");
    CHECK_STR(t.v[1].label, "0");
    CHECK_STR(t.v[2].label, "+10");
    CHECK_EQ(t.v[3].at, 20.0);
    rri_tics_fini(&t);
    CHECK_EQ(rri_scale_tics(&s, false, true, &t), RR_OK);
    CHECK_STR(t.v[2].label, "");
    rri_tics_fini(&t);
    CHECK(t.v == NULL && t.n == 0);
}

/* ---- the time axis ------------------------------------------------------------ */

/* labelled - the labelled tics of an axis (the year labels of a long
 * one): positions into at[], their count. */
static size_t labelled(const rri_time_axis *ax, double *at, size_t cap)
{
    size_t n = 0;
    const rri_tics *t = ax->years.n ? &ax->years : &ax->tics;
    for (size_t i = 0; i < t->n && n < cap; i++)
        if (t->v[i].label[0])
            at[n++] = t->v[i].at;
    return n;
}

static void test_time_axis_years(void)
{
    long x0 = day(2019, 1, 1), x1 = day(2029, 1, 1);
    rri_time_axis ax;
    double at[64];
    size_t n;
    /* ten years over 1,100 px: a tic each year, quarters between, the
     * years named in their middle */
    CHECK_EQ(rri_time_axis_init(x0, x1, true, 14, 1100, &ax), RR_OK);
    CHECK(ax.tics.blank);
    CHECK_EQ(ax.tics.n, 11 + 10 * 3);
    CHECK_EQ(ax.years.n, 10);
    CHECK_STR(ax.years.v[0].label, "2019");
    CHECK_EQ(ax.years.v[0].at, (double)((day(2019, 1, 1) + day(2020, 1, 1)) /
                                        2));
    for (size_t i = 0; i < ax.tics.n; i++) {
        rr_date d = rr_date_from_days((long)ax.tics.v[i].at);
        CHECK(d.d == 1 && (d.m - 1) % 3 == 0);
        CHECK_EQ(ax.tics.v[i].minor, d.m != 1); /* quarters minor */
    }
    rri_time_axis_fini(&ax);
    CHECK(ax.tics.v == NULL && ax.years.v == NULL);
    /* a century over 300 px: every 20th year, at its start (1960 to
     * 2040), and no label closer to the next than its width */
    x0 = day(1950, 1, 1);
    x1 = day(2050, 1, 1);
    CHECK_EQ(rri_time_axis_init(x0, x1, true, 14, 300, &ax), RR_OK);
    n = labelled(&ax, at, RR_COUNTOF(at));
    CHECK_EQ(n, 5);
    CHECK_STR(ax.years.v[0].label, "1960");
    for (size_t i = 0; i < ax.years.n; i++)
        CHECK_EQ(atoi(ax.years.v[i].label) % 20, 0);
    for (size_t i = 1; i < n; i++)
        CHECK((at[i] - at[i - 1]) * 300 / (double)(x1 - x0) >=
              rri_text_px("2020", 14));
    rri_time_axis_fini(&ax);
    /* without labels: the marks only */
    CHECK_EQ(rri_time_axis_init(day(2019, 1, 1), day(2029, 1, 1), false, 11,
                                200, &ax),
             RR_OK);
    CHECK_EQ(ax.years.n, 0);
    CHECK(ax.tics.n > 0);
    rri_time_axis_fini(&ax);
}

static void test_time_axis_months(void)
{
    /* the narrowest panel with month labels: a fifth of the caseload
     * chart (10 panels) at 11 points; and wide charts at 14 */
    static const double width[][2] = {{168, 11}, {400, 14}, {1100, 14}};
    rri_time_axis ax;
    /* four months over a wide chart: each named, the year on the
     * first */
    CHECK_EQ(rri_time_axis_init(day(2024, 1, 1), day(2024, 4, 30), true, 14,
                                1100, &ax),
             RR_OK);
    CHECK(!ax.tics.blank);
    CHECK_EQ(ax.tics.n, 4);
    CHECK_EQ(ax.years.n, 0);
    CHECK_STR(ax.tics.v[0].label, "Jan 2024");
    CHECK_STR(ax.tics.v[1].label, "Feb");
    CHECK_STR(ax.tics.v[3].label, "Apr");
    rri_time_axis_fini(&ax);
    /* eighteen months: every third named, the others minor; the year
     * again in January */
    CHECK_EQ(rri_time_axis_init(day(2024, 1, 1), day(2025, 6, 30), true, 14,
                                1100, &ax),
             RR_OK);
    CHECK_EQ(ax.tics.n, 18);
    CHECK_STR(ax.tics.v[0].label, "Jan 2024");
    CHECK_STR(ax.tics.v[1].label, "");
    CHECK(ax.tics.v[1].minor);
    CHECK_STR(ax.tics.v[3].label, "Apr");
    CHECK_STR(ax.tics.v[12].label, "Jan 2025");
    rri_time_axis_fini(&ax);
    /* starting in May: the first named (July) has the year */
    CHECK_EQ(rri_time_axis_init(day(2024, 5, 1), day(2025, 6, 30), true, 14,
                                1100, &ax),
             RR_OK);
    CHECK_STR(ax.tics.v[0].label, "");
    CHECK_STR(ax.tics.v[2].label, "Jul 2024");
    CHECK_STR(ax.tics.v[5].label, "Oct");
    rri_time_axis_fini(&ax);
    /* the longest month axis (912 days), narrower and narrower: fewer
     * labels, the others minor, and the labels apart */
    for (size_t w = 0; w < RR_COUNTOF(width); w++) {
        double at[64], fs = width[w][1];
        size_t n;
        long x0 = day(2023, 1, 1), x1 = x0 + 912;
        CHECK_EQ(rri_time_axis_init(x0, x1, true, fs, width[w][0], &ax),
                 RR_OK);
        n = labelled(&ax, at, RR_COUNTOF(at));
        CHECK(n >= 2);
        for (size_t i = 0; i < ax.tics.n; i++)
            CHECK_EQ(ax.tics.v[i].minor, ax.tics.v[i].label[0] == '\0');
        for (size_t i = 1; i < n; i++)
            CHECK_MSG((at[i] - at[i - 1]) * width[w][0] / (double)(x1 - x0) >=
                          rri_text_px("Jan 2020", fs),
                      "labels %g px apart over %g px",
                      (at[i] - at[i - 1]) * width[w][0] / (double)(x1 - x0),
                      width[w][0]);
        rri_time_axis_fini(&ax);
    }
}

static void test_time_axis_weeks(void)
{
    rri_time_axis ax;
    CHECK_EQ(rri_time_axis_init(day(2024, 1, 1), day(2024, 2, 15), true, 14,
                                1100, &ax),
             RR_OK);
    CHECK_EQ(ax.tics.n, 7);
    CHECK_STR(ax.tics.v[0].label, "1 Jan");
    CHECK_STR(ax.tics.v[1].label, "8 Jan");
    CHECK_STR(ax.tics.v[5].label, "5 Feb");
    rri_time_axis_fini(&ax);
    /* crowded: every second week */
    CHECK_EQ(rri_time_axis_init(day(2024, 1, 1), day(2024, 2, 15), true, 14,
                                200, &ax),
             RR_OK);
    CHECK_EQ(ax.tics.n, 4);
    CHECK_STR(ax.tics.v[1].label, "15 Jan");
    rri_time_axis_fini(&ax);
    CHECK_EQ(rri_time_axis_init(day(2024, 1, 1), day(2024, 1, 1), false, 14,
                                200, &ax),
             RR_OK);
    CHECK_EQ(ax.tics.n, 1); /* one day: one tic, no division by zero */
    CHECK_STR(ax.tics.v[0].label, "");
    rri_time_axis_fini(&ax);
}

/* ---- a sweep's values -------------------------------------------------------------- */

static void test_value_tics(void)
{
    double pos[40];
    char lab[40][16];
    const char *label[40];
    rri_tics t = {NULL, 0, 0, false};
    bool scaled;
    for (int i = 0; i < 40; i++) {
        pos[i] = i + 1;
        snprintf(lab[i], sizeof lab[i], "value-%d", i);
        label[i] = lab[i];
    }
    /* categories with room: every one named */
    CHECK_EQ(rri_value_tics(pos, label, 3, false, false, 0.5, 3.5, 600, &t,
                            &scaled),
             RR_OK);
    CHECK(!scaled && t.n == 3);
    CHECK_STR(t.v[2].label, "value-2");
    rri_tics_fini(&t);
    /* crowded categories: every k-th named, each at its place */
    CHECK_EQ(rri_value_tics(pos, label, 40, false, false, 0.5, 40.5, 300, &t,
                            &scaled),
             RR_OK);
    CHECK(!scaled && t.n == 40);
    {
        size_t named = 0, every = 0;
        for (size_t i = 0; i < t.n; i++)
            if (t.v[i].label[0]) {
                named++;
                if (named == 2)
                    every = i;
            }
        CHECK(named > 1 && named < 40);
        CHECK(every * 300.0 / 40 >= rri_text_px("value-10", 11));
    }
    rri_tics_fini(&t);
    /* crowded numbers: round numbers instead, whole when asked */
    CHECK_EQ(rri_value_tics(pos, label, 40, true, true, 0.5, 40.5, 300, &t,
                            &scaled),
             RR_OK);
    CHECK(scaled && t.n >= 2 && t.n < 40);
    for (size_t i = 0; i < t.n; i++)
        CHECK(t.v[i].at == floor(t.v[i].at));
    rri_tics_fini(&t);
}

/* ---- events and legends --------------------------------------------------------- */

static void test_event_rows(void)
{
    rri_xmap m = {day(2019, 1, 1), day(2024, 1, 1), 0.09, 0.975};
    rri_event ev[12];
    int row[12];
    /* apart: all on the first row; a long label makes the next wait */
    ev[0] = (rri_event){(char *)"A", day(2019, 6, 1), day(2019, 9, 1)};
    ev[1] = (rri_event){(char *)"B", day(2021, 1, 1), day(2021, 3, 1)};
    ev[2] = (rri_event){(char *)"outside", day(2030, 1, 1), LONG_MAX};
    ev[3] = (rri_event){(char *)"before", day(2010, 1, 1), day(2011, 1, 1)};
    CHECK_EQ(rri_event_rows(ev, 4, &m, row), 1);
    CHECK_EQ(row[0], 0);
    CHECK_EQ(row[1], 0);
    CHECK_EQ(row[2], -1);
    CHECK_EQ(row[3], -1);
    /* overlapping: each on its own row, none closer than 16 px */
    for (int i = 0; i < 4; i++)
        ev[i] = (rri_event){(char *)"A rather long policy event label",
                            day(2020, 1, 1) + i * 10, LONG_MAX};
    CHECK_EQ(rri_event_rows(ev, 4, &m, row), 4);
    for (int i = 0; i < 4; i++)
        CHECK_EQ(row[i], i);
    /* more than MAX_ROWS: every one placed, on MAX_ROWS rows */
    for (int i = 0; i < 12; i++)
        ev[i] = (rri_event){(char *)"Overlapping", day(2020, 1, 1), LONG_MAX};
    CHECK_EQ(rri_event_rows(ev, 12, &m, row), MAX_ROWS);
    for (int i = 0; i < 12; i++)
        CHECK(row[i] >= 0 && row[i] < MAX_ROWS);
    /* near the right edge: the label goes left of its start */
    ev[0] = (rri_event){(char *)"Late change", day(2023, 12, 1), LONG_MAX};
    CHECK_EQ(rri_event_rows(ev, 1, &m, row), 1);
    CHECK(rri_x_px(&m, (double)day(2023, 12, 1)) +
              rri_text_px("Late change", FS_EVENT) >
          W - 8);
    CHECK_NEAR(rri_x_px(&m, (double)m.x0), 0.09 * W, 1e-9);
    CHECK_NEAR(rri_x_px(&m, (double)m.x1), 0.975 * W, 1e-9);
}

static void test_legend(void)
{
    rri_key e[8];
    double x[8], y[8];
    for (int i = 0; i < 8; i++)
        e[i] = (rri_key){"Entry", "#000000", 'b', NULL, 0};
    /* three short entries: one row, centred, in order, apart */
    CHECK_EQ(rri_legend_rows(e, 3), 1);
    rri_legend_place(e, 3, 640, 70, x, y);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(y[i], 70.0);
    CHECK_NEAR((x[0] + x[2] + RRI_KEY_SWATCH + 8 +
                rri_text_px("Entry", RRI_KEY_FS)) /
                   2,
               640, 1e-9);
    for (int i = 1; i < 3; i++)
        CHECK_NEAR(x[i] - x[i - 1],
                   RRI_KEY_SWATCH + 8 + rri_text_px("Entry", RRI_KEY_FS) +
                       RRI_KEY_GAP,
                   1e-9);
    /* too wide: two rows, the first above, none left of the margin */
    for (int i = 0; i < 8; i++)
        e[i].title = "A long legend entry of a chart";
    CHECK_EQ(rri_legend_rows(e, 8), 2);
    rri_legend_place(e, 8, 640, 70, x, y);
    CHECK_EQ(y[0], 78.0);
    CHECK_EQ(y[7], 56.0);
    for (int i = 0; i < 8; i++)
        CHECK(x[i] >= 0.02 * W);
}

/* ---- no indicator spelt in the charts' files ---------------------------------- */

static void test_no_indicator_literals(void)
{
    DIR *dir = opendir("sim/results");
    struct dirent *de;
    size_t files = 0;
    if (!dir) {
        CHECK_SKIP("no sim/results here (run from the top folder)");
        return;
    }
    while ((de = readdir(dir))) {
        char path[PATH_MAX], *text;
        FILE *f;
        long n;
        if (strncmp(de->d_name, "plot", 4) != 0)
            continue;
        snprintf(path, sizeof path, "sim/results/%s", de->d_name);
        if (!(f = fopen(path, "rb")))
            continue;
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        text = calloc((size_t)n + 1, 1);
        if (text && fread(text, 1, (size_t)n, f) == (size_t)n) {
            files++;
            for (size_t i = 0; i < RR_IND_COUNT; i++) {
                const rr_indicator *e = &rr_indicators[i];
                char lit[96];
                /* "name" of an indicator, "prefix_ of a family */
                snprintf(lit, sizeof lit, "\"%.*s%s",
                         (int)strcspn(e->name, "%"), e->name,
                         e->member == RR_MEMBER_NONE ? "\"" : "");
                CHECK_MSG(!strstr(text, lit), "%s spells %s", path, lit);
            }
        }
        free(text);
        fclose(f);
    }
    closedir(dir);
    CHECK_MSG(files >= 8, "%zu files of the charts read", files);
}

int main(void)
{
    test_text_px();
    test_text_fit();
    test_wrap2();
    test_numbers();
    test_spans_and_sources();
    test_grid();
    test_nice_scale();
    test_count_scale();
    test_panel_scale();
    test_fitting_scale();
    test_scale_tics();
    test_time_axis_years();
    test_time_axis_months();
    test_time_axis_weeks();
    test_value_tics();
    test_event_rows();
    test_legend();
    test_no_indicator_literals();
    return check_summary("test_layout");
}
