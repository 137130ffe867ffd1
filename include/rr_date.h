/*
 * rr_date.h - calendar dates: "YYYY-MM-DD" text, and days since
 * 1970-01-01 in the proleptic Gregorian calendar.
 *
 * A scenario's clock counts days from its start date; these functions turn
 * a day of the run into a date for the CSV files and charts and back.  They
 * sit in the engine layer and know nothing of scenarios, so a layer that
 * only needs a date (charts, fits) includes this header alone.
 */
#ifndef RR_DATE_H
#define RR_DATE_H

#include <stddef.h>

typedef struct rr_date {
    int y, m, d;
} rr_date;

/* rr_date_parse - exactly "YYYY-MM-DD", a day that exists (year 1 at the
 * earliest) -> RR_OK, else RR_EPARSE (*out untouched). */
int rr_date_parse(const char *text, rr_date *out);
/* rr_date_days - days since 1970-01-01 (negative before it). */
long rr_date_days(rr_date d);
/* rr_date_from_days - the inverse of rr_date_days. */
rr_date rr_date_from_days(long days);
/* rr_date_format - "YYYY-MM-DD" into buf (11 bytes are enough). */
void rr_date_format(rr_date d, char *buf, size_t n);

#endif
