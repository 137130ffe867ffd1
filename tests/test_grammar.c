/*
 * test_grammar.c - the written forms of a scenario's values (rr_grammar.h):
 * durations and rates with their units, distributions with named or
 * positional arguments, the form rr_dist_format writes and reads back, and
 * every rejected text by its exact message.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "rr_common.h"
#include "rr_dist.h"
#include "rr_grammar.h"

/* {===================================================================
 * The written form
 * ==================================================================== */

static void check_duration(const char *text, double want)
{
    double x = -1;
    char err[160] = "";
    int rc = rr_duration_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == RR_OK && fabs(x - want) <= 1e-12 * fmax(1, want),
              "duration '%s' -> %.12g (want %.12g, rc %d, %s)", text, x, want,
              rc, err);
}

static void check_rate(const char *text, double want)
{
    double x = -1;
    char err[160] = "";
    int rc = rr_rate_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == RR_OK && fabs(x - want) <= 1e-12 * fmax(1, want),
              "rate '%s' -> %.12g (want %.12g, rc %d, %s)", text, x, want,
              rc, err);
}

static void test_duration_accepted(void)
{
    check_duration("21d", 21);
    check_duration("21", 21);
    check_duration("1 day", 1);
    check_duration("10days", 10);
    check_duration("2w", 14);
    check_duration("1 week", 7);
    check_duration("3 weeks", 21);
    check_duration("3m", 3 * 365.25 / 12);
    check_duration("1 month", 30.4375);
    check_duration("6 months", 182.625);
    check_duration("1.5y", 547.875);
    check_duration("1 year", 365.25);
    check_duration("2years", 730.5);
    check_duration("  7 D  ", 7);
    check_duration("2 Weeks", 14);
    check_duration("1M", 30.4375);
    check_duration("0", 0);
    check_duration(".5w", 3.5);
    check_duration("+3d", 3);
    check_duration("1e1d", 10);
    check_duration("2.5e-1y", 91.3125);
}

static void test_rate_accepted(void)
{
    check_rate("1500/month", 1500 / 30.4375);
    check_rate("10/day", 10);
    check_rate("3/w", 3 / 7.0);
    check_rate("3.5/w", 0.5);
    check_rate("12000/y", 12000 / 365.25);
    check_rate("7", 7);
    check_rate("5/d", 5);
    check_rate("10/days", 10);
    check_rate("2/week", 2 / 7.0);
    check_rate("14/weeks", 2);
    check_rate("100/year", 100 / 365.25);
    check_rate("730.5/years", 2);
    check_rate("50/months", 50 / 30.4375);
    check_rate("30.4375/m", 1);
    check_rate(" 1500 / Month ", 1500 / 30.4375);
    check_rate("0", 0);
    check_rate("0/y", 0);
}

/* check_dist - parse text, expect kind and p[] as written. */
static void check_dist(const char *text, rr_dist_kind kind, double p0,
                       double p1, double p2)
{
    rr_dist d;
    char err[200] = "";
    int rc = rr_dist_parse(text, &d, NULL, NULL, err, sizeof err);
    CHECK_MSG(rc == RR_OK && d.kind == kind &&
                  fabs(d.p[0] - p0) <= 1e-12 * fmax(1, p0) &&
                  fabs(d.p[1] - p1) <= 1e-12 * fmax(1, p1) &&
                  fabs(d.p[2] - p2) <= 1e-12 * fmax(1, p2),
              "parse '%s' (rc %d, %s; kind %d, p = %g, %g, %g)", text, rc,
              err, (int)d.kind, d.p[0], d.p[1], d.p[2]);
}

static void test_dist_accepted(void)
{
    check_dist("exponential(mean=2w)", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("exponential(2w)", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("Exponential( Mean = 14 )", RR_DIST_EXPONENTIAL, 14, 0, 0);
    check_dist("lognormal(mean=21d, sd=10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21d, 10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(sd=10d, mean=21d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21d, sd=10d)", RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("LOGNORMAL(MEAN=3 weeks,SD=1 Week)", RR_DIST_LOGNORMAL, 21, 7,
               0);
    check_dist(" \t lognormal ( mean = 21 d , sd = 10 days ) \n",
               RR_DIST_LOGNORMAL, 21, 10, 0);
    check_dist("lognormal(21, 0)", RR_DIST_LOGNORMAL, 21, 0, 0);
    check_dist("gamma(mean=1m, sd=0.5m)", RR_DIST_GAMMA, 30.4375, 15.21875,
               0);
    check_dist("gamma(30d,15d)", RR_DIST_GAMMA, 30, 15, 0);
    check_dist("weibull(shape=1.5, scale=40d)", RR_DIST_WEIBULL, 1.5, 40, 0);
    check_dist("weibull(scale=1y, shape=2)", RR_DIST_WEIBULL, 2, 365.25, 0);
    check_dist("weibull(1.5, 40)", RR_DIST_WEIBULL, 1.5, 40, 0);
    check_dist("uniform(min=1d, max=5d)", RR_DIST_UNIFORM, 1, 5, 0);
    check_dist("uniform(0, 1y)", RR_DIST_UNIFORM, 0, 365.25, 0);
    check_dist("Uniform(max = 2 months, min = 1 month)", RR_DIST_UNIFORM,
               30.4375, 60.875, 0);
    check_dist("triangular(min=1d, mode=2d, max=6d)", RR_DIST_TRIANGULAR, 1,
               2, 6);
    check_dist("triangular(1, 2, 6)", RR_DIST_TRIANGULAR, 1, 2, 6);
    check_dist("triangular(1w, mode=2w, max=1y)", RR_DIST_TRIANGULAR, 7, 14,
               365.25);
    check_dist("deterministic(3m)", RR_DIST_DETERMINISTIC, 91.3125, 0, 0);
    check_dist("deterministic(value=3m)", RR_DIST_DETERMINISTIC, 91.3125, 0,
               0);
    check_dist("DETERMINISTIC( 0 )", RR_DIST_DETERMINISTIC, 0, 0, 0);
}

/* Formatting writes what the parser reads back. */
static void test_format(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"exponential(2w)", "exponential(mean=14d)"},
        {"lognormal(3w, 10d)", "lognormal(mean=21d, sd=10d)"},
        {"gamma(1m, 2w)", "gamma(mean=30.4375d, sd=14d)"},
        {"weibull(1.5, 40)", "weibull(shape=1.5, scale=40d)"},
        {"uniform(1d, 5d)", "uniform(min=1d, max=5d)"},
        {"triangular(1, 2, 6)", "triangular(min=1d, mode=2d, max=6d)"},
        {"deterministic(1y)", "deterministic(value=365.25d)"},
    };
    for (size_t i = 0; i < RR_COUNTOF(cases); i++) {
        rr_dist d, back;
        char buf[96] = "", err[160] = "";
        CHECK_EQ(rr_dist_parse(cases[i].in, &d, NULL, NULL, err, sizeof err),
                 RR_OK);
        int n = rr_dist_format(&d, buf, sizeof buf);
        CHECK_STR(buf, cases[i].out);
        CHECK_EQ(n, strlen(cases[i].out));
        CHECK_EQ(rr_dist_parse(buf, &back, NULL, NULL, err, sizeof err),
                 RR_OK);
        CHECK(back.kind == d.kind && back.p[0] == d.p[0] &&
              back.p[1] == d.p[1] && back.p[2] == d.p[2]);
    }
    /* truncated like snprintf */
    rr_dist d;
    char small[10];
    rr_dist_lognormal(&d, 21, 10);
    CHECK_EQ(rr_dist_format(&d, small, sizeof small), 27);
    CHECK_STR(small, "lognormal");
}

typedef struct fake_loader {
    int calls;
    int status;
    char file[64], column[64], weight[64];
    const rr_empirical *e;
} fake_loader;

static int load_fake(void *ctx, const char *file, const char *column,
                     const char *weight, const rr_empirical **out, char *err,
                     size_t errlen)
{
    fake_loader *f = ctx;
    f->calls++;
    snprintf(f->file, sizeof f->file, "%s", file);
    snprintf(f->column, sizeof f->column, "%s", column);
    snprintf(f->weight, sizeof f->weight, "%s", weight ? weight : "(none)");
    if (f->status != RR_OK) {
        snprintf(err, errlen, "no column '%s' in '%s'", column, file);
        return f->status;
    }
    *out = f->e;
    return RR_OK;
}

static void test_empirical_parse(void)
{
    static const double values[] = {2, 4};
    rr_empirical *e = rr_empirical_create(values, NULL, 2);
    fake_loader f = {0, RR_OK, "", "", "", e};
    rr_dist d;
    char err[200] = "";

    CHECK_EQ(rr_dist_parse("empirical(file=delays.csv, column=days)", &d,
                           load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_EQ(f.calls, 1);
    CHECK_STR(f.file, "delays.csv");
    CHECK_STR(f.column, "days");
    CHECK_STR(f.weight, "(none)");
    CHECK_EQ(d.kind, RR_DIST_EMPIRICAL);
    CHECK(d.emp == e);
    CHECK_NEAR(rr_dist_mean(&d), 3, 1e-12);

    CHECK_EQ(rr_dist_parse("Empirical( data/nl.csv , Days , W )", &d,
                           load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_STR(f.file, "data/nl.csv");
    CHECK_STR(f.column, "Days");
    CHECK_STR(f.weight, "W");

    CHECK_EQ(rr_dist_parse("empirical(column=\"delay, days\", "
                           "file=\"my data (2024).csv\", weight=n)",
                           &d, load_fake, &f, err, sizeof err),
             RR_OK);
    CHECK_STR(f.file, "my data (2024).csv");
    CHECK_STR(f.column, "delay, days");
    CHECK_STR(f.weight, "n");

    /* the loader's own failure comes through unchanged */
    f.status = RR_ENOTFOUND;
    CHECK_EQ(rr_dist_parse("empirical(file=delays.csv, column=dayz)", &d,
                           load_fake, &f, err, sizeof err),
             RR_ENOTFOUND);
    CHECK_STR(err, "no column 'dayz' in 'delays.csv'");
    rr_empirical_destroy(e);
}

/* Rejected input, by exact message.  Each also leaves *out untouched. */
static void check_bad_dist(const char *text, int status, const char *msg)
{
    rr_dist d;
    memset(&d, 0xab, sizeof d);
    unsigned char before[sizeof d];
    memcpy(before, &d, sizeof d);
    char err[300] = "";
    int rc = rr_dist_parse(text, &d, NULL, NULL, err, sizeof err);
    CHECK_MSG(rc == status, "parse '%s': status %d (want %d)", text, rc,
              status);
    CHECK_MSG(strcmp(err, msg) == 0, "parse '%s':\n    got  '%s'\n    want '%s'",
              text, err, msg);
    CHECK_MSG(memcmp(before, &d, sizeof d) == 0, "parse '%s' left *out", text);
}

static void check_bad_duration(const char *text, int status, const char *msg)
{
    double x = -7;
    char err[300] = "";
    int rc = rr_duration_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == status && x == -7, "duration '%s': status %d (want %d)",
              text, rc, status);
    CHECK_MSG(strcmp(err, msg) == 0,
              "duration '%s':\n    got  '%s'\n    want '%s'", text, err, msg);
}

static void check_bad_rate(const char *text, int status, const char *msg)
{
    double x = -7;
    char err[300] = "";
    int rc = rr_rate_parse(text, &x, err, sizeof err);
    CHECK_MSG(rc == status && x == -7, "rate '%s': status %d (want %d)", text,
              rc, status);
    CHECK_MSG(strcmp(err, msg) == 0,
              "rate '%s':\n    got  '%s'\n    want '%s'", text, err, msg);
}

#define DUR "expected a duration such as 21d, 2w or 3m, got "
#define RATE "expected a rate such as 1500/month or 10/day, got "
#define DIST "expected a distribution such as lognormal(mean=21d, sd=10d), got "

static void test_rejected(void)
{
    check_bad_duration("21x", RR_EPARSE, DUR "'21x'");
    check_bad_duration("", RR_EPARSE, DUR "''");
    check_bad_duration("   ", RR_EPARSE, DUR "''");
    check_bad_duration("d", RR_EPARSE, DUR "'d'");
    check_bad_duration("21dd", RR_EPARSE, DUR "'21dd'");
    check_bad_duration("2 w w", RR_EPARSE, DUR "'2 w w'");
    check_bad_duration("nan", RR_EPARSE, DUR "'nan'");
    check_bad_duration("inf", RR_EPARSE, DUR "'inf'");
    check_bad_duration("1e999d", RR_EPARSE, DUR "'1e999d'");
    check_bad_duration("0x10", RR_EPARSE, DUR "'0x10'");
    check_bad_duration("1,5d", RR_EPARSE, DUR "'1,5d'");
    check_bad_duration("-1d", RR_ERANGE, "duration must be >= 0, got '-1d'");

    check_bad_rate("many", RR_EPARSE, RATE "'many'");
    check_bad_rate("", RR_EPARSE, RATE "''");
    check_bad_rate("10/fortnight", RR_EPARSE, RATE "'10/fortnight'");
    check_bad_rate("10d/month", RR_EPARSE, RATE "'10d/month'");
    check_bad_rate("/month", RR_EPARSE, RATE "'/month'");
    check_bad_rate("10/", RR_EPARSE, RATE "'10/'");
    check_bad_rate("10/2w", RR_EPARSE, RATE "'10/2w'");
    check_bad_rate("nan/d", RR_EPARSE, RATE "'nan/d'");
    check_bad_rate("-3/d", RR_ERANGE, "rate must be >= 0, got '-3/d'");

    check_bad_dist("lognorml(mean=21d, sd=10d)", RR_EPARSE,
                   "unknown distribution 'lognorml' (did you mean "
                   "'lognormal'?)");
    check_bad_dist("Gama(30d, 15d)", RR_EPARSE,
                   "unknown distribution 'Gama' (did you mean 'gamma'?)");
    check_bad_dist("exp(2w)", RR_EPARSE,
                   "unknown distribution 'exp' (did you mean "
                   "'exponential'?)");
    check_bad_dist("wiebull(1.5, 40d)", RR_EPARSE,
                   "unknown distribution 'wiebull' (did you mean "
                   "'weibull'?)");
    check_bad_dist("normal(1d, 2d)", RR_EPARSE,
                   "unknown distribution 'normal' (expected exponential, "
                   "lognormal, gamma, weibull, uniform, triangular, "
                   "deterministic or empirical)");
    check_bad_dist("lognormal(mean=21d)", RR_EPARSE,
                   "lognormal needs mean and sd, got 'mean=21d'");
    check_bad_dist("triangular(1d, 2d)", RR_EPARSE,
                   "triangular needs min, mode and max, got '1d, 2d'");
    check_bad_dist("exponential()", RR_EPARSE,
                   "exponential needs mean, got ''");
    check_bad_dist("empirical(file=x.csv)", RR_EPARSE,
                   "empirical needs file and column, got 'file=x.csv'");
    check_bad_dist("lognormal(mean=21d, sd=-1d)", RR_ERANGE,
                   "sd must be >= 0, got '-1d'");
    check_bad_dist("lognormal(mean=21d, sdev=10d)", RR_EPARSE,
                   "unknown argument 'sdev' for lognormal (expected mean, "
                   "sd)");
    check_bad_dist("lognormal(mean=21x, sd=10d)", RR_EPARSE, DUR "'21x'");
    check_bad_dist("exponential(mean=nan)", RR_EPARSE, DUR "'nan'");
    check_bad_dist("exponential(mean=0d)", RR_ERANGE,
                   "mean must be > 0, got '0d'");
    check_bad_dist("gamma(30d, 0d)", RR_ERANGE, "sd must be > 0, got '0d'");
    check_bad_dist("weibull(shape=1.5d, scale=40d)", RR_EPARSE,
                   "expected a number for shape, got '1.5d'");
    check_bad_dist("weibull(0, 40d)", RR_ERANGE,
                   "shape must be > 0, got '0'");
    check_bad_dist("weibull(2, scale=0w)", RR_ERANGE,
                   "scale must be > 0, got '0w'");
    check_bad_dist("uniform(5d, 1d)", RR_ERANGE,
                   "uniform needs min <= max, got min=5d, max=1d");
    check_bad_dist("uniform(-1d, 1d)", RR_ERANGE,
                   "min must be >= 0, got '-1d'");
    check_bad_dist("triangular(1d, 7d, 6d)", RR_ERANGE,
                   "triangular needs min <= mode <= max, got min=1d, "
                   "mode=7d, max=6d");
    check_bad_dist("deterministic(-2d)", RR_ERANGE,
                   "value must be >= 0, got '-2d'");
    check_bad_dist("lognormal(21d, 10d, 5d)", RR_EPARSE,
                   "too many arguments for lognormal (expected mean, sd), "
                   "got '21d, 10d, 5d'");
    check_bad_dist("lognormal(mean=21d, mean=22d)", RR_EPARSE,
                   "mean given twice in 'lognormal(mean=21d, mean=22d)'");
    check_bad_dist("lognormal(21d, mean=22d)", RR_EPARSE,
                   "mean given twice in 'lognormal(21d, mean=22d)'");
    check_bad_dist("lognormal(sd=10d, 21d)", RR_EPARSE,
                   "positional argument '21d' after named ones in "
                   "'lognormal(sd=10d, 21d)'");
    check_bad_dist("lognormal(mean=, sd=10d)", RR_EPARSE,
                   "missing value for mean in 'lognormal(mean=, sd=10d)'");
    check_bad_dist("lognormal(21d, 10d", RR_EPARSE,
                   "missing ')' at the end of 'lognormal(21d, 10d'");
    check_bad_dist("lognormal(21d,,10d)", RR_EPARSE,
                   "empty argument in 'lognormal(21d,,10d)'");
    check_bad_dist("lognormal(21d, 10d,)", RR_EPARSE,
                   "empty argument in 'lognormal(21d, 10d,)'");
    check_bad_dist("21d", RR_EPARSE, DIST "'21d'");
    check_bad_dist("lognormal", RR_EPARSE, DIST "'lognormal'");
    check_bad_dist("", RR_EPARSE, DIST "''");
    check_bad_dist("(21d, 10d)", RR_EPARSE, DIST "'(21d, 10d)'");
    check_bad_dist("log normal(21d, 10d)", RR_EPARSE,
                   DIST "'log normal(21d, 10d)'");
    check_bad_dist("empirical(file=x.csv, column=days)", RR_EINVAL,
                   "empirical distributions need a scenario file to load "
                   "their CSV");
    check_bad_dist("empirical(file=\"x.csv, column=days)", RR_EPARSE,
                   "unterminated quote in 'empirical(file=\"x.csv, "
                   "column=days)'");
    check_bad_dist("empirical(file=\"\", column=days)", RR_EPARSE,
                   "missing value for file in 'empirical(file=\"\", "
                   "column=days)'");
    check_bad_dist("lognormal(mean=1e-300d, sd=1e300d)", RR_ERANGE,
                   "parameters out of range in 'lognormal(mean=1e-300d, "
                   "sd=1e300d)'");

    /* no error buffer, or a short one */
    double x;
    rr_dist d;
    CHECK_EQ(rr_duration_parse("x", &x, NULL, 0), RR_EPARSE);
    CHECK_EQ(rr_rate_parse(NULL, &x, NULL, 0), RR_EPARSE);
    CHECK_EQ(rr_dist_parse(NULL, &d, NULL, NULL, NULL, 0), RR_EPARSE);
    char small[9];
    CHECK_EQ(rr_duration_parse("21x", &x, small, sizeof small), RR_EPARSE);
    CHECK_STR(small, "expec..."); /* a cut message says so (rr_err_set) */
}

/* }=================================================================== */

/* test_empirical_format - an empirical distribution is described, not
 * written: it does not know its file. */
static void test_empirical_format(void)
{
    static const double values[] = {1, 2, 5, 10};
    static const double weights[] = {1, 2, 3, 4};
    rr_empirical *e = rr_empirical_create(values, weights, 4);
    rr_dist d;
    char buf[96];
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK_EQ(rr_dist_empirical(&d, e), RR_OK);
    rr_dist_format(&d, buf, sizeof buf);
    CHECK_STR(buf, "empirical(n=4, mean=6d, sd=3.52136d)");
    rr_empirical_destroy(e);
}

/* test_finite - a duration that overflows in days is refused, and -0
 * reads as 0. */
static void test_finite(void)
{
    check_bad_duration("1e307y", RR_ERANGE,
                       "duration '1e307y' is too long (more than "
                       "1.79769e+308 days)");
    check_bad_dist("deterministic(1e308w)", RR_ERANGE,
                   "duration '1e308w' is too long (more than 1.79769e+308 "
                   "days)");
    check_bad_dist("weibull(shape=0.001, scale=1d)", RR_ERANGE,
                   "parameters out of range in 'weibull(shape=0.001, "
                   "scale=1d)'");
    check_duration("-0", 0);
    double x = -1;
    CHECK_EQ(rr_duration_parse("-0d", &x, NULL, 0), RR_OK);
    CHECK(x == 0 && !signbit(x));
}

int main(void)
{
    test_duration_accepted();
    test_rate_accepted();
    test_dist_accepted();
    test_format();
    test_empirical_parse();
    test_empirical_format();
    test_rejected();
    test_finite();
    return check_summary("test_grammar");
}
