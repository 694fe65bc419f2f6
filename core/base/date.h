/* SPDX-License-Identifier: MIT
 * Calendar dates, in one place: the forms real front matter and clipped
 * text hold (ISO, Jekyll's "2019-05-22 10:00:00 +0200", RFC 2822,
 * "June 20, 2024"), query periods, validity, formatting and day counts.
 * A date is an int YYYYMMDD; YYYYMM00 and YYYY0000 when only the month or
 * the year is known; 0 when unknown. */
#ifndef DOSSIER_DATE_H
#define DOSSIER_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* 28..31 for a month 1..12 of year y (proleptic Gregorian); 0 otherwise. */
int date_days_in_month(int y, int m);
/* y 1..9999, m 1..12, d within the month. */
bool date_valid(int y, int m, int d);

/* The month named at s[0..len): "Aug", "Aug.", "August", "Sept." in any
 * case, as a whole word. Returns 1..12 and sets *used to the bytes it
 * covers (with the dot), or 0. */
int date_month_name(const char *s, size_t len, size_t *used);

/* A metadata value as a date: the whole of s (blanks around it ignored),
 * a leading weekday and a trailing time or zone allowed; "2024-06" and
 * "2024" give YYYYMM00 and YYYY0000. The day is the date as written, not
 * converted to UTC. Returns true and sets *ymd when s is a valid date. */
bool date_parse(const char *s, int *ymd);

/* The first full date (day, month and a year 1900-2199) that starts a
 * word in running text s[0..len): "May 31, 2024 at 08:56PM", "Aug. 30,
 * 2024", "20 June 2024", "September 3rd, 2023", "2024-06-20T10:00Z".
 * Returns YYYYMMDD and its byte span [*start, *end) (either may be NULL),
 * or 0 when there is none. */
int date_find(const char *s, size_t len, size_t *start, size_t *end);

/* A query period "YYYY", "YYYY-MM" or "YYYY-MM-DD" (exactly n bytes) ->
 * its first and last day as YYYYMMDD. False when it is not one. */
bool date_period(const char *s, size_t n, int *lo, int *hi);

/* "2024-06-20", "2024-06" or "2024"; "" for 0. */
void date_format(int ymd, char out[11]);
/* Days since 1970-01-01 (proleptic Gregorian); a missing month or day
 * counts as the first. */
long date_days(int ymd);

#endif
