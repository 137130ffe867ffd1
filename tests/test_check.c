/*
 * test_check.c - the assertions of check.h can fail: CHECK_EQ compares
 * doubles as doubles and signed against unsigned exactly, CHECK_SKIP is
 * counted, and the summary line says so.
 *
 * Each assertion under test runs with stdout captured; its pass or failure
 * is taken back off the counters and checked by an outer CHECK, so this
 * program's own summary counts only the outer checks.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

#include "check.h"

static FILE *cap_file;
static int cap_saved = -1;
static char cap_text[1024];

static void capture_begin(void)
{
    fflush(stdout);
    cap_file = tmpfile();
    cap_saved = dup(STDOUT_FILENO);
    if (!cap_file || cap_saved < 0 ||
        dup2(fileno(cap_file), STDOUT_FILENO) < 0) {
        fprintf(stderr, "test_check: cannot capture stdout\n");
        exit(1);
    }
}

static void capture_end(void)
{
    size_t n;
    fflush(stdout);
    dup2(cap_saved, STDOUT_FILENO);
    close(cap_saved);
    rewind(cap_file);
    n = fread(cap_text, 1, sizeof cap_text - 1, cap_file);
    cap_text[n] = '\0';
    fclose(cap_file);
}

/* PASSES(assertion) - the assertion counts one pass.
 * FAILS(text, assertion) - it counts one failure and prints text (unless
 * NULL) in its failure line.  (The assertion comes last, as the variable
 * part: its expansion holds commas.) */
#define PASSES(...) OUTCOME_(1, NULL, #__VA_ARGS__, __VA_ARGS__)
#define FAILS(text, ...) OUTCOME_(0, text, #__VA_ARGS__, __VA_ARGS__)
#define OUTCOME_(want_pass, text, name, ...)                               \
    do {                                                                   \
        int p0_ = check_passed, f0_ = check_failed;                        \
        int dp_, df_;                                                      \
        const char *t_ = (text);                                           \
        capture_begin();                                                   \
        __VA_ARGS__;                                                       \
        capture_end();                                                     \
        dp_ = check_passed - p0_;                                          \
        df_ = check_failed - f0_;                                          \
        check_passed = p0_;                                                \
        check_failed = f0_;                                                \
        CHECK_MSG(dp_ == (want_pass) && df_ == !(want_pass),               \
                  "%s %s (passed %d, failed %d)", name,                    \
                  (want_pass) ? "passes" : "fails", dp_, df_);             \
        if (t_)                                                            \
            CHECK_MSG(strstr(cap_text, t_) != NULL,                        \
                      "%s prints '%s', got '%s'", name, t_, cap_text);     \
    } while (0)

static void test_doubles(void)
{
    double half = 0.5, three = 3.0;
    float f = 0.25f;

    FAILS("0.4 == 0 (0.40000000000000002 vs 0)", CHECK_EQ(0.4, 0));
    FAILS("(2.5 vs 2)", CHECK_EQ(2.5, 2));
    FAILS("(1 vs 1.25)", CHECK_EQ(1, half + half + 0.25));
    FAILS("(0.30000000000000004 vs 0.29999999999999999)",
          CHECK_EQ(0.1 + 0.2, 0.3));
    FAILS(NULL, CHECK_EQ(-0.5, 0));
    FAILS("(nan vs 0)", CHECK_EQ(NAN, 0));
    FAILS(NULL, CHECK_EQ(INFINITY, 1e308));
    PASSES(CHECK_EQ(three, 3));
    PASSES(CHECK_EQ(3, three));
    PASSES(CHECK_EQ(f, 0.25));
    PASSES(CHECK_EQ(1e300, 1e300));
    PASSES(CHECK_EQ(-0.0, 0));
    PASSES(CHECK_EQ(NAN, NAN)); /* "no value" as expected */
    PASSES(CHECK_EQ(INFINITY, INFINITY));
}

static void test_integers(void)
{
    size_t seven = 7;
    int minus_one = -1;
    unsigned char uc = 200;
    long long big = 9007199254740993LL; /* 2^53 + 1: not a double */
    enum { RED, GREEN } e = GREEN;

    PASSES(CHECK_EQ(seven, 7));
    PASSES(CHECK_EQ(7, seven));
    FAILS("seven == 8 (7 vs 8)", CHECK_EQ(seven, 8));
    FAILS("(-1 vs 18446744073709551615)", CHECK_EQ(minus_one, SIZE_MAX));
    FAILS(NULL, CHECK_EQ(UINT64_MAX, -1));
    FAILS(NULL, CHECK_EQ(UINT_MAX, -1));
    PASSES(CHECK_EQ(LLONG_MAX, (unsigned long long)LLONG_MAX));
    PASSES(CHECK_EQ(LLONG_MIN, LLONG_MIN));
    FAILS(NULL, CHECK_EQ(big, 9007199254740992LL));
    PASSES(CHECK_EQ(uc, 200));
    PASSES(CHECK_EQ('a', 97));
    PASSES(CHECK_EQ(true, 1));
    PASSES(CHECK_EQ(e, 1));
    FAILS(NULL, CHECK_EQ(e, RED));
}

static void test_others(void)
{
    PASSES(CHECK_NEAR(1.0, 1.05, 0.1));
    FAILS(NULL, CHECK_NEAR(1.0, 1.2, 0.1));
    FAILS(NULL, CHECK_NEAR(NAN, 1.0, 0.1));
    PASSES(CHECK_STR("ab", "ab"));
    FAILS("('ab' vs 'abc')", CHECK_STR("ab", "abc"));
    FAILS("('(null)' vs 'ab')", CHECK_STR(NULL, "ab"));
    FAILS("1 > 2", CHECK(1 > 2));
}

/* CHECK_SKIP is counted apart, printed, and changes the summary line. */
static void test_skip(void)
{
    int p0 = check_passed, f0 = check_failed, dp, df, ds;
    char line[128] = "";
    FILE *f;

    capture_begin();
    CHECK_SKIP("gnuplot is not installed");
    capture_end();
    dp = check_passed - p0;
    df = check_failed - f0;
    ds = check_skipped;
    CHECK_EQ(ds, 1);
    CHECK_EQ(dp, 0);
    CHECK_EQ(df, 0);
    CHECK_MSG(strstr(cap_text, "  skip ") == cap_text &&
                  strstr(cap_text, ": gnuplot is not installed\n"),
              "skip line '%s'", cap_text);

    f = tmpfile();
    if (!f) {
        CHECK_MSG(0, "tmpfile");
        return;
    }
    p0 = check_passed;
    f0 = check_failed;
    check_passed = 5;
    check_failed = 1;
    check_summary_to(f, "t");
    check_skipped = 0; /* this program's own summary has nothing skipped */
    check_summary_to(f, "t");
    check_passed = p0;
    check_failed = f0;
    rewind(f);
    CHECK_STR(fgets(line, sizeof line, f), "t: 5 passed, 1 failed, 1 skipped\n");
    CHECK_STR(fgets(line, sizeof line, f), "t: 5 passed, 1 failed\n");
    fclose(f);
}

int main(void)
{
    test_doubles();
    test_integers();
    test_others();
    test_skip();
    return check_summary("test_check");
}
