/*
 * check.h - the tests' assertions.
 *
 * CHECK(cond)          cond is true
 * CHECK_EQ(a, b)       a == b, compared in the operands' own types: two
 *                      integers as integers (signed against unsigned
 *                      correctly: -1 is not SIZE_MAX), and as doubles as
 *                      soon as either side is floating, so CHECK_EQ(0.4, 0)
 *                      fails.  Two NaNs count as equal (a test that expects
 *                      "no value" may say so).  Values print as %lld, %llu
 *                      or %.17g.  A pointer or struct operand does not
 *                      compile: use CHECK(p == q) or CHECK_STR.
 * CHECK_NEAR(a, b, tol) |a - b| <= tol, as doubles
 * CHECK_STR(a, b)      two non-NULL strings with the same bytes
 * CHECK_MSG(cond, fmt, ...) a named check with a formatted description
 * CHECK_SKIP(reason)   a check that could not run here (a missing tool, a
 *                      platform without the feature): counted and printed
 *                      as skipped, never as passed.
 *
 * Each counts a pass or a failure; a failure always prints file, line, the
 * expressions and their values, a pass only with RR_TEST_VERBOSE set; a skip
 * always prints its reason.  check_summary() prints
 * "<name>: N passed, N failed" (", N skipped" added when something was
 * skipped) and returns the process exit status (0 only when nothing failed).
 */
#ifndef RR_CHECK_H
#define RR_CHECK_H

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed, check_skipped;

static int check_verbose(void)
{
    static int v = -1;
    if (v < 0) {
        const char *s = getenv("RR_TEST_VERBOSE");
        v = s && *s && strcmp(s, "0") != 0;
    }
    return v;
}

#define CHECK_REPORT_(ok, ...)                                             \
    do {                                                                   \
        if (ok) {                                                          \
            check_passed++;                                                \
            if (check_verbose()) {                                         \
                printf("  ok   %s:%d: ", __FILE__, __LINE__);              \
                printf(__VA_ARGS__);                                       \
                printf("\n");                                              \
            }                                                              \
        } else {                                                           \
            check_failed++;                                                \
            printf("  FAIL %s:%d: ", __FILE__, __LINE__);                  \
            printf(__VA_ARGS__);                                           \
            printf("\n");                                                  \
        }                                                                  \
    } while (0)

#define CHECK(cond) CHECK_REPORT_((cond), "%s", #cond)

/* One operand of CHECK_EQ, classified by its type (no integer promotion
 * happens in a _Generic selection, so every integer type is listed). */
typedef struct check_val_ {
    int kind; /* 0 signed, 1 unsigned, 2 floating */
    long long i;
    unsigned long long u;
    double d;
} check_val_;

static inline check_val_ check_s_(long long v)
{
    check_val_ r = {0, v, 0, 0};
    return r;
}

static inline check_val_ check_u_(unsigned long long v)
{
    check_val_ r = {1, 0, v, 0};
    return r;
}

static inline check_val_ check_d_(long double v)
{
    check_val_ r = {2, 0, 0, (double)v};
    return r;
}

#define CHECK_VAL_(x)                                                      \
    _Generic((x),                                                          \
        _Bool: check_s_,                                                   \
        char: check_s_,                                                    \
        signed char: check_s_,                                             \
        short: check_s_,                                                   \
        int: check_s_,                                                     \
        long: check_s_,                                                    \
        long long: check_s_,                                               \
        unsigned char: check_u_,                                           \
        unsigned short: check_u_,                                          \
        unsigned int: check_u_,                                            \
        unsigned long: check_u_,                                           \
        unsigned long long: check_u_,                                      \
        float: check_d_,                                                   \
        double: check_d_,                                                  \
        long double: check_d_)(x)

static inline double check_as_double_(check_val_ v)
{
    return v.kind == 2 ? v.d : v.kind == 1 ? (double)v.u : (double)v.i;
}

static inline int check_val_eq_(check_val_ a, check_val_ b)
{
    if (a.kind == 2 || b.kind == 2) {
        double x = check_as_double_(a), y = check_as_double_(b);
        return x == y || (isnan(x) && isnan(y));
    }
    if (a.kind == 0 && b.kind == 0)
        return a.i == b.i;
    if (a.kind == 1 && b.kind == 1)
        return a.u == b.u;
    if (a.kind == 0) /* signed a, unsigned b */
        return a.i >= 0 && (unsigned long long)a.i == b.u;
    return b.i >= 0 && (unsigned long long)b.i == a.u;
}

static inline const char *check_val_str_(check_val_ v, char *buf,
                                         size_t len)
{
    if (v.kind == 2)
        snprintf(buf, len, "%.17g", v.d);
    else if (v.kind == 1)
        snprintf(buf, len, "%llu", v.u);
    else
        snprintf(buf, len, "%lld", v.i);
    return buf;
}

#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        check_val_ ca_ = CHECK_VAL_(a), cb_ = CHECK_VAL_(b);               \
        char sa_[32], sb_[32];                                             \
        CHECK_REPORT_(check_val_eq_(ca_, cb_), "%s == %s (%s vs %s)", #a,  \
                      #b, check_val_str_(ca_, sa_, sizeof sa_),            \
                      check_val_str_(cb_, sb_, sizeof sb_));               \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                              \
    do {                                                                   \
        double ca_ = (double)(a), cb_ = (double)(b), ct_ = (double)(tol);  \
        CHECK_REPORT_(fabs(ca_ - cb_) <= ct_,                              \
                      "%s ~ %s (%.9g vs %.9g, tol %.3g)", #a, #b, ca_,     \
                      cb_, ct_);                                           \
    } while (0)

#define CHECK_STR(a, b)                                                    \
    do {                                                                   \
        const char *ca_ = (a), *cb_ = (b);                                 \
        CHECK_REPORT_(ca_ && cb_ && strcmp(ca_, cb_) == 0,                 \
                      "%s == %s ('%s' vs '%s')", #a, #b,                   \
                      ca_ ? ca_ : "(null)", cb_ ? cb_ : "(null)");         \
    } while (0)

/* CHECK_MSG - a named check with a formatted description. */
#define CHECK_MSG(cond, ...) CHECK_REPORT_((cond), __VA_ARGS__)

#define CHECK_SKIP(reason)                                                 \
    do {                                                                   \
        check_skipped++;                                                   \
        printf("  skip %s:%d: %s\n", __FILE__, __LINE__, (reason));        \
    } while (0)

/* check_summary_to - the summary line of the counts so far into f. */
static void check_summary_to(FILE *f, const char *name)
{
    if (check_skipped)
        fprintf(f, "%s: %d passed, %d failed, %d skipped\n", name,
                check_passed, check_failed, check_skipped);
    else
        fprintf(f, "%s: %d passed, %d failed\n", name, check_passed,
                check_failed);
}

static int check_summary(const char *name)
{
    check_summary_to(stdout, name);
    return check_failed ? 1 : 0;
}

#endif
