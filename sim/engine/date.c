/*
 * date.c - calendar dates of the proleptic Gregorian calendar, as days
 * since 1970-01-01, by Howard Hinnant's days_from_civil / civil_from_days
 * algorithms (eras of 400 years, March-based years so that the leap day
 * falls at the end).  Exact for every year a scenario can name.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>

#include "rr_common.h"
#include "rr_date.h"

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* digits - n decimal digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* rr_date_parse - exactly "YYYY-MM-DD", a day that exists. */
int rr_date_parse(const char *text, rr_date *out)
{
    if (!text)
        return RR_EPARSE;
    int y = digits(text, 4);
    if (y < 0 || text[4] != '-')
        return RR_EPARSE;
    int m = digits(text + 5, 2);
    if (m < 0 || text[7] != '-')
        return RR_EPARSE;
    int d = digits(text + 8, 2);
    if (d < 0 || text[10] != '\0')
        return RR_EPARSE;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return RR_EPARSE;
    out->y = y;
    out->m = m;
    out->d = d;
    return RR_OK;
}

/* rr_date_days - days_from_civil. */
long rr_date_days(rr_date d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                  /* [0, 399] */
    long mp = (d.m + 9) % 12;                                  /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.d - 1;                   /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* rr_date_from_days - civil_from_days. */
rr_date rr_date_from_days(long days)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;                               /* [0, 146096] */
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);        /* [0, 365] */
    long mp = (5 * doy + 2) / 153;                             /* [0, 11] */
    rr_date r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(y + (r.m <= 2));
    return r;
}

/* rr_date_format - "YYYY-MM-DD". */
void rr_date_format(rr_date d, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-%02d-%02d", d.y, d.m, d.d);
}
