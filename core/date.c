/* SPDX-License-Identifier: MIT
 * Date parsing for metadata; see date.h. */
#include "core/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const months[12] = {"jan", "feb", "mar", "apr", "may", "jun",
				       "jul", "aug", "sep", "oct", "nov", "dec"};

bool date_valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
	if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return true;
}

/* Read exactly n digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i])) return false;
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return true;
}

/* 1 or 2 digits. */
static bool day_digits(const char **s, int *out)
{
	if (!isdigit((unsigned char)**s)) return false;
	int v = *(*s)++ - '0';
	if (isdigit((unsigned char)**s)) v = v * 10 + (*(*s)++ - '0');
	*out = v;
	return true;
}

static int month_name(const char **s)
{
	for (int m = 0; m < 12; m++) {
		if (strncasecmp(*s, months[m], 3) != 0) continue;
		const char *p = *s + 3;
		while (isalpha((unsigned char)*p)) p++; /* "June", "Sept" */
		if (*p == '.') p++;
		*s = p;
		return m + 1;
	}
	return 0;
}

/* What may follow a date: a time, a zone, nothing. We only check that the
 * rest looks like a time so "2024-06-20 banana" is not a date. */
static bool time_tail(const char *s)
{
	while (*s == ' ') s++;
	if (*s == 'T' || *s == 't') s++;
	if (!*s) return true;
	for (; *s; s++)
		if (!strchr("0123456789:.+-Zz ", *s) && strncasecmp(s, "UTC", 3) != 0 &&
		    strncasecmp(s, "GMT", 3) != 0)
			return false;
		else if (strncasecmp(s, "UTC", 3) == 0 || strncasecmp(s, "GMT", 3) == 0)
			s += 2;
	return true;
}

static bool iso(const char *s, int *ymd)
{
	int y, m = 0, d = 0;
	if (!digits(&s, 4, &y)) return false;
	if (*s == '\0') {
		if (y < 1) return false;
		*ymd = y * 10000;
		return true;
	}
	if (*s != '-' && *s != '/') return false;
	char sep = *s++;
	if (!digits(&s, 2, &m)) return false;
	if (*s == '\0') {
		if (m < 1 || m > 12) return false;
		*ymd = y * 10000 + m * 100;
		return true;
	}
	if (*s++ != sep || !digits(&s, 2, &d)) return false;
	if (!date_valid(y, m, d) || !time_tail(s)) return false;
	*ymd = y * 10000 + m * 100 + d;
	return true;
}

/* "Thu, 20 Jun 2024 ...", "20 June 2024", "June 20, 2024", "Jun. 20 2024" */
static bool words(const char *s, int *ymd)
{
	int y = 0, m = 0, d = 0;
	if (isalpha((unsigned char)*s) && !month_name(&(const char *){s})) {
		while (isalpha((unsigned char)*s)) s++; /* weekday */
		if (*s == ',') s++;
		while (*s == ' ') s++;
	}
	if (isdigit((unsigned char)*s)) {
		if (!day_digits(&s, &d)) return false;
		while (*s == ' ') s++;
		if (!(m = month_name(&s))) return false;
	} else {
		if (!(m = month_name(&s))) return false;
		while (*s == ' ') s++;
		if (!day_digits(&s, &d)) return false;
		if (*s == ',') s++;
	}
	while (*s == ' ') s++;
	if (*s == ',') s++;
	while (*s == ' ') s++;
	if (!digits(&s, 4, &y) || !date_valid(y, m, d)) return false;
	if (*s == ',') s++;
	if (!time_tail(s)) return false;
	*ymd = y * 10000 + m * 100 + d;
	return true;
}

bool date_parse(const char *s, int *ymd)
{
	while (*s == ' ' || *s == '\t') s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
	if (n == 0 || n > 64) return false;
	char buf[65];
	memcpy(buf, s, n);
	buf[n] = '\0';
	return iso(buf, ymd) || words(buf, ymd);
}
