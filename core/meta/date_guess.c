/* SPDX-License-Identifier: MIT
 * Dates from file names and URLs (date_guess.h): the rules in one place,
 * apart from the loader, so that they can be tested as strings. Every
 * candidate is checked by date.c's calendar (date_valid). */
#include "core/meta/date_guess.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/base/date.h"

/* s[0..k) as a number when every byte is an ASCII digit, else -1. */
static int digits(const char *s, size_t k)
{
	int v = 0;
	for (size_t i = 0; i < k; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYYMMDD when y-m-d is a valid date in the guessed years, else 0. */
static int ymd_of(int y, int m, int d)
{
	if (y < DATE_GUESS_YEAR_MIN || y > DATE_GUESS_YEAR_MAX || !date_valid(y, m, d)) return 0;
	return y * 10000 + m * 100 + d;
}

/* s[0..n) begins with "YYYY-MM-DD" and then ends or goes on with '-', '_'
 * or '.': its date, else 0. */
static int dashed_prefix(const char *s, size_t n)
{
	if (n < 10 || s[4] != '-' || s[7] != '-') return 0;
	if (n > 10 && s[10] != '-' && s[10] != '_' && s[10] != '.') return 0;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0) return 0;
	return ymd_of(y, m, d);
}

int date_from_name(const char *name)
{
	return name ? dashed_prefix(name, strlen(name)) : 0;
}

int date_from_name_len(const char *name, size_t len)
{
	return name ? dashed_prefix(name, len) : 0;
}

/* Where the path of u[0..end) begins: after "scheme://host" or "//host",
 * at a leading '/', else after the first segment (a bare "host/path"). */
static size_t path_start(const char *u, size_t end)
{
	size_t i = 0;
	bool scheme = end > 0 && ((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z');
	while (scheme && i < end && u[i] != ':') {
		char c = u[i];
		scheme = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ||
			 c == '+' || c == '-' || c == '.';
		i++;
	}
	if (scheme && i + 2 < end && u[i] == ':' && u[i + 1] == '/' && u[i + 2] == '/')
		i += 3; /* then the host, skipped below */
	else if (end >= 2 && u[0] == '/' && u[1] == '/')
		i = 2;
	else if (end >= 1 && u[0] == '/')
		return 0;
	else
		i = 0; /* "example.org/news/...": the first segment is the host */
	while (i < end && u[i] != '/') i++;
	return i;
}

/* A segment: its bytes and length. */
struct seg {
	const char *s;
	size_t n;
};

/* Adds date c (0: none) to what the path gave so far; false when the
 * path now holds two different dates. */
static bool take(int *found, int c)
{
	if (!c) return true;
	if (*found && *found != c) return false;
	*found = c;
	return true;
}

/* The date the '/'-separated segments of u[s..end) hold (date_from_url's
 * rules); s is where the first segment begins. */
static int segments_date(const char *u, size_t s, size_t end)
{
	struct seg prev[2] = {{NULL, 0}, {NULL, 0}}; /* the two segments before this one */
	int found = 0;
	size_t i = s;
	while (s <= end) {
		while (i < end && u[i] != '/') i++;
		struct seg cur = {u + s, i - s};
		int c = dashed_prefix(cur.s, cur.n);
		if (!c && cur.n == 8) {
			int y = digits(cur.s, 4), md = digits(cur.s + 4, 4);
			if (y >= 0 && md >= 0) c = ymd_of(y, md / 100, md % 100);
		}
		if (!take(&found, c)) return 0;
		/* "/YYYY/MM/DD": two-digit month and day after a four-digit year */
		if (prev[0].n == 4 && prev[1].n == 2 && cur.n == 2) {
			int y = digits(prev[0].s, 4), m = digits(prev[1].s, 2), d = digits(cur.s, 2);
			if (y >= 0 && m >= 0 && d >= 0 && !take(&found, ymd_of(y, m, d))) return 0;
		}
		prev[0] = prev[1];
		prev[1] = cur;
		s = ++i; /* past the '/' (or the end: the loop stops) */
	}
	return found;
}

int date_from_url(const char *url)
{
	if (!url) return 0;
	size_t end = strcspn(url, "?#");
	size_t i = path_start(url, end);
	return i < end ? segments_date(url, i + 1, end) : 0;
}

int date_from_site_path(const char *path)
{
	if (!path) return 0;
	size_t end = strcspn(path, "?#");
	return segments_date(path, path[0] == '/', end);
}
