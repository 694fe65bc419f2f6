/* SPDX-License-Identifier: MIT
 * Every date rule of the program: one scanner reads the ISO, day-first and
 * month-first forms for front matter (date_parse) and for running text
 * (date_find), one month table, one leap-year rule; see date.h. */
#include "core/base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const month_names[12] = {"january", "february", "march",     "april",
					    "may",     "june",     "july",      "august",
					    "september", "october", "november", "december"};

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12) return 0;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

bool date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && d >= 1 && d <= date_days_in_month(y, m);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return isalpha((unsigned char)c) != 0; }

/* The run of digits at s[0..len): its length, and its value in *v (runs
 * longer than 8 digits are never a date part, their value is not used). */
static size_t digit_run(const char *s, size_t len, int *v)
{
	size_t k = 0;
	*v = 0;
	for (; k < len && is_digit(s[k]); k++)
		if (k < 8) *v = *v * 10 + (s[k] - '0');
	return k;
}

int date_month_name(const char *s, size_t len, size_t *used)
{
	size_t w = 0;
	while (w < len && is_alpha(s[w])) w++;
	if (w < 3 || w > 9) return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		bool ok = (w == full || w == 3 || (m == 8 && w == 4)) &&
			  strncasecmp(s, month_names[m], w) == 0;
		if (!ok) continue;
		/* "Aug." and "May." take their dot; "June." ends a sentence */
		*used = w + (w < len && s[w] == '.' && (w < full || w == 3));
		return m + 1;
	}
	return 0;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ') i++;
	return i;
}

/* " 2024" or ", 2024" after a day and a month: blanks, a comma, blanks,
 * then exactly four digits. Returns the index after the year, or 0. */
static size_t year_after(const char *s, size_t len, size_t i, int *y)
{
	i = skip_blanks(s, len, i);
	if (i < len && s[i] == ',') i = skip_blanks(s, len, i + 1);
	return digit_run(s + i, len - i, y) == 4 ? i + 4 : 0;
}

/* A day: one or two digits and an optional "st", "nd", "rd", "th". */
static size_t day_at(const char *s, size_t len, size_t i, int *d)
{
	size_t k = digit_run(s + i, len - i, d);
	if (k < 1 || k > 2) return 0;
	i += k;
	static const char *const ord[] = {"st", "nd", "rd", "th"};
	for (size_t o = 0; o < 4; o++)
		if (i + 2 <= len && strncasecmp(s + i, ord[o], 2) == 0 &&
		    !(i + 2 < len && is_alpha(s[i + 2])))
			return i + 2;
	return i;
}

/* One date exactly at s[0..len); partial allows "2024" and "2024-06".
 * Returns the bytes it covers and sets *ymd, or 0. */
static size_t date_scan(const char *s, size_t len, bool partial, int *ymd)
{
	int y, m, d;
	size_t i, k, used;
	if ((k = digit_run(s, len, &y)) == 4) { /* ISO, '-' or '/' */
		if (4 == len || (s[4] != '-' && s[4] != '/')) {
			if (!partial || y < 1) return 0;
			*ymd = y * 10000;
			return 4;
		}
		char sep = s[4];
		if (digit_run(s + 5, len - 5, &m) != 2) return 0;
		if (7 == len || s[7] != sep) {
			if (!partial || y < 1 || m < 1 || m > 12) return 0;
			*ymd = y * 10000 + m * 100;
			return 7;
		}
		if (digit_run(s + 8, len - 8, &d) != 2 || !date_valid(y, m, d)) return 0;
		*ymd = y * 10000 + m * 100 + d;
		return 10;
	}
	if (k > 0) { /* 20 June 2024, 3rd Sept. 2023 */
		if (!(i = day_at(s, len, 0, &d))) return 0;
		i = skip_blanks(s, len, i);
		if (!(m = date_month_name(s + i, len - i, &used))) return 0;
		i += used;
	} else if ((m = date_month_name(s, len, &used))) { /* June 20, 2024 */
		i = skip_blanks(s, len, used);
		if (!(i = day_at(s, len, i, &d))) return 0;
	} else {
		return 0;
	}
	if (!(i = year_after(s, len, i, &y)) || !date_valid(y, m, d)) return 0;
	*ymd = y * 10000 + m * 100 + d;
	return i;
}

/* What may follow a date in metadata: a time, a zone, nothing. We only
 * check that the rest looks like one, so "2024-06-20 banana" is no date. */
static bool time_tail(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && s[i] == ',') i++;
	i = skip_blanks(s, len, i);
	if (i < len && (s[i] == 'T' || s[i] == 't')) i++;
	while (i < len) {
		if (len - i >= 3 && (strncasecmp(s + i, "UTC", 3) == 0 || strncasecmp(s + i, "GMT", 3) == 0))
			i += 3;
		else if (s[i] && strchr("0123456789:.+-Zz ", s[i]))
			i++;
		else
			return false;
	}
	return true;
}

bool date_parse(const char *s, int *ymd)
{
	while (*s == ' ' || *s == '\t') s++;
	size_t len = strlen(s), used;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
	if (len == 0 || len > 64) return false;
	if (is_alpha(s[0]) && !date_month_name(s, len, &used)) { /* "Thu, 20 Jun 2024" */
		size_t w = 0;
		while (w < len && is_alpha(s[w])) w++;
		if (w < len && s[w] == ',') w++;
		w = skip_blanks(s, len, w);
		s += w;
		len -= w;
	}
	int d;
	size_t k = date_scan(s, len, true, &d);
	if (!k) return false;
	if (d % 100 == 0 ? k != len : !time_tail(s + k, len - k)) return false;
	*ymd = d;
	return true;
}

int date_find(const char *s, size_t len, size_t *start, size_t *end)
{
	for (size_t i = 0; i < len; i++) {
		if (i && isalnum((unsigned char)s[i - 1])) continue; /* starts of words only */
		int ymd;
		size_t used = date_scan(s + i, len - i, false, &ymd);
		if (!used || ymd / 10000 < 1900 || ymd / 10000 > 2199) continue;
		size_t e = i + used;
		bool iso_time = e + 1 < len && s[e] == 'T' && is_digit(s[e + 1]);
		if (iso_time || !(e < len && isalnum((unsigned char)s[e]))) {
			if (start) *start = i;
			if (end) *end = e;
			return ymd;
		}
	}
	return 0;
}

bool date_period(const char *s, size_t n, int *lo, int *hi)
{
	int ymd;
	if ((n != 4 && n != 7 && n != 10) || date_scan(s, n, true, &ymd) != n) return false;
	if (n >= 7 && s[4] != '-') return false; /* "2024/06" is not a query date */
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	*lo = y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
	*hi = y * 10000 + (m ? m : 12) * 100 + (d ? d : date_days_in_month(y, m ? m : 12));
	return true;
}

void date_format(int ymd, char out[11])
{
	if (ymd <= 0) {
		out[0] = '\0';
		return;
	}
	unsigned y = (unsigned)ymd / 10000 % 10000, m = (unsigned)ymd / 100 % 100 % 13,
		 d = (unsigned)ymd % 100 % 32;
	/* as "%04u-%02u-%02u" without printf (a listing formats a date a
	 * line), the month and day left out when 0; divisions by constants */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	size_t k = 4;
	if (m) {
		out[4] = '-';
		out[5] = (char)('0' + m / 10);
		out[6] = (char)('0' + m % 10);
		k = 7;
		if (d) {
			out[7] = '-';
			out[8] = (char)('0' + d / 10);
			out[9] = (char)('0' + d % 10);
			k = 10;
		}
	}
	out[k] = '\0';
}

/* After H. Hinnant's well-known days-from-civil algorithm. */
long date_days(int ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (m == 0) m = 1;
	if (d == 0) d = 1;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
