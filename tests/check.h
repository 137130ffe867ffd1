/*
 * check.h - the tests' assertions.
 *
 * CHECK(cond), CHECK_EQ(a, b) (integers), CHECK_NEAR(a, b, tol) and
 * CHECK_STR(a, b) count a pass or a failure; a failure always prints file,
 * line, the expressions and their values, a pass only with RR_TEST_VERBOSE
 * set.  check_summary() prints "<name>: N passed, N failed" and returns the
 * process exit status (0 only when nothing failed).
 */
#ifndef RR_CHECK_H
#define RR_CHECK_H

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

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

#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        long long ca_ = (long long)(a), cb_ = (long long)(b);              \
        CHECK_REPORT_(ca_ == cb_, "%s == %s (%lld vs %lld)", #a, #b, ca_,  \
                      cb_);                                                \
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

static int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
