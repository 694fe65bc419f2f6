/* SPDX-License-Identifier: MIT
 * Credit and URL lines of raw clippings (see import_credit.h). Names are
 * split on commas and "and"; a part that is not name-like (lower-case
 * start, digits, more than five words) ends the list. */
#include "core/import/import_credit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/util.h"

static bool name_like(const char *s, size_t n)
{
	if (!n || n > 60) return false;
	unsigned char c = (unsigned char)s[0];
	if (!(isupper(c) || c >= 0xC3)) return false;
	size_t words = 1;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i])) return false;
		words += s[i] == ' ';
	}
	return words <= 5;
}

/* Split "A, B and C" into names; false when a part is not name-like. */
static bool add_names(const char *s, size_t n, struct strlist *authors)
{
	struct strlist got = {0};
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != ',' && !(e + 5 <= n && !strncmp(s + e, " and ", 5)) &&
		       !(e + 3 <= n && !strncmp(s + e, " & ", 3)))
			e++;
		size_t a = i, b = e;
		while (a < b && s[a] == ' ') a++;
		while (b > a && s[b - 1] == ' ') b--;
		if (b - a >= 4 && !strncmp(s + a, "and ", 4)) a += 4; /* ", and C" */
		if (b > a) {
			if (!name_like(s + a, b - a)) {
				strlist_free(&got);
				return false;
			}
			strlist_push_own(&got, xstrndup(s + a, b - a));
		}
		i = e < n ? e + (s[e] == ',' ? 1 : s[e + 1] == 'a' ? 5 : 3) : n;
	}
	bool any = got.n > 0;
	for (size_t k = 0; k < got.n; k++)
		if (!strlist_has(authors, got.v[k])) strlist_push(authors, got.v[k]);
	strlist_free(&got);
	return any;
}

bool import_credit_line(const char *s, size_t len, struct strlist *authors)
{
	static const char *const lead[] = {"Compiled by ", "Reporting by ", "Additional reporting by ",
					   "Written by ", "Edited by "};
	static const char *const tail[] = {" contributed reporting.", " contributed reporting",
					   " contributed to this report.", " contributed to this report"};
	if (len > 200) return false;
	for (size_t i = 0; i < ARRAY_LEN(lead); i++) {
		size_t k = strlen(lead[i]);
		if (len > k && !strncasecmp(s, lead[i], k)) {
			size_t n = len - k;
			while (n && strchr(".;", s[k + n - 1])) n--;
			/* "Reporting by A; Editing by B": the first clause */
			const char *semi = memchr(s + k, ';', n);
			if (semi) n = (size_t)(semi - (s + k));
			return add_names(s + k, n, authors);
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(tail); i++) {
		size_t k = strlen(tail[i]);
		if (len > k && !strncmp(s + len - k, tail[i], k))
			return add_names(s, len - k, authors);
	}
	return false;
}

char *import_url_line(const char *s, size_t len)
{
	if (len < 10 || len > 2000) return NULL;
	if (strncasecmp(s, "http://", 7) != 0 && strncasecmp(s, "https://", 8) != 0) return NULL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == '"') return NULL;
	return xstrndup(s, len);
}
