/*
 * test_date.c - calendar dates (rr_date.h): parsing refuses every text
 * that is not a day that exists, and days since 1970 round-trip over
 * centuries either side of it.
 */
#include <stdio.h>

#include "check.h"
#include "rr_common.h"
#include "rr_date.h"

static void test_dates(void)
{
    rr_date d;
    char buf[16];
    CHECK_EQ(rr_date_parse("1970-01-01", &d), RR_OK);
    CHECK_EQ(rr_date_days(d), 0);
    CHECK_EQ(rr_date_parse("2020-02-29", &d), RR_OK);
    CHECK_EQ(rr_date_days(d), 18321);
    CHECK_EQ(rr_date_parse("2019-02-29", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2019-13-01", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2019-1-01", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2019-01-01x", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("1900-02-29", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2000-02-29", &d), RR_OK);
    /* every day of four centuries round-trips */
    int bad = 0;
    for (long n = -200000; n < 200000; n++) {
        rr_date x = rr_date_from_days(n);
        if (rr_date_days(x) != n)
            bad++;
    }
    CHECK_EQ(bad, 0);
    rr_date_format(rr_date_from_days(rr_date_days((rr_date){2023, 12, 31}) + 1),
                   buf, sizeof buf);
    CHECK_STR(buf, "2024-01-01");
    rr_date_format((rr_date){999, 3, 7}, buf, sizeof buf);
    CHECK_STR(buf, "0999-03-07");
}

/* test_edges - the text must be exactly YYYY-MM-DD, and year 0 does not
 * exist in the proleptic Gregorian calendar as written here. */
static void test_edges(void)
{
    rr_date d = {7, 7, 7};
    CHECK_EQ(rr_date_parse(NULL, &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("0000-01-01", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse(" 2020-01-01", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2020-04-31", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("2020/01/01", &d), RR_EPARSE);
    CHECK_EQ(rr_date_parse("+020-01-01", &d), RR_EPARSE);
    CHECK(d.y == 7 && d.m == 7 && d.d == 7); /* untouched on failure */
    CHECK_EQ(rr_date_parse("0001-01-01", &d), RR_OK);
    CHECK_EQ(rr_date_days(d), -719162);
    CHECK_EQ(rr_date_parse("9999-12-31", &d), RR_OK);
    CHECK_EQ(rr_date_days(d), 2932896);
    CHECK_EQ(rr_date_days((rr_date){1969, 12, 31}), -1);
}

int main(void)
{
    test_dates();
    test_edges();
    return check_summary("test_date");
}
