/* SPDX-License-Identifier: MIT
 * core/meta/date_guess: the dates a file name or a URL's path gives to an
 * article without one, and every near miss next to them (invalid days,
 * glued suffixes, hosts and queries full of digits, two dates at once). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/date_guess.h"
#include "core/base/util.h"

struct gcase {
	const char *s;
	int ymd; /* 0: none */
};

static void check(const struct gcase *c, size_t n, int (*fn)(const char *), const char *what)
{
	for (size_t i = 0; i < n; i++) {
		int got = fn(c[i].s);
		if (got != c[i].ymd) fail_msg("%s '%s': got %d, want %d", what, c[i].s, got, c[i].ymd);
	}
}

static void test_names(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"2024-05-31-some-title.md", 20240531},
		{"2024-05-31.md", 20240531},
		{"2024-05-31", 20240531},
		{"2024-05-31_notes.txt", 20240531},
		{"2024-02-29-leap.md", 20240229},
		{"1900-01-01-first.md", 19000101},
		{"2199-12-31-last.md", 21991231},
		/* non-ASCII after the separator: the title part is not looked at */
		{"2024-05-31-\xE2\x80\x9Cquoted\xE2\x80\x9D.md", 20240531},   /* curly quotes */
		{"2024-05-31-caf\xC3\xA9-cr\xC3\xA8me.md", 20240531},         /* accents */
		{"2024-05-31-\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAE\xE6\x97\xA5.md", 20240531}, /* CJK */
		/* glued to the date, no separator: not a dated name */
		{"2024-05-31\xE2\x80\x9Cquoted\xE2\x80\x9D.md", 0},
		{"2024-05-31\xC3\xA9.md", 0},
		{"2024-05-31x.md", 0},
		{"2024-05-310-x.md", 0},
		{"2024-05-31 title.md", 0},
		/* not a calendar date, or out of the years taken */
		{"2024-02-30-x.md", 0},
		{"2023-02-29-x.md", 0},
		{"2024-13-01-x.md", 0},
		{"2024-00-10-x.md", 0},
		{"2024-05-00-x.md", 0},
		{"1899-12-31-x.md", 0},
		{"2200-01-01-x.md", 0},
		{"0000-01-01-x.md", 0},
		/* other shapes */
		{"12024-05-31-x.md", 0},
		{"x2024-05-31-x.md", 0},
		{"-2024-05-31-x.md", 0},
		{"2024-5-31-x.md", 0},
		{"2024-05-1-x.md", 0},
		{"2024_05_31-x.md", 0},
		{"20240531-x.md", 0},
		{"2024-05-3", 0},
		{"2024-05", 0},
		{"", 0},
		{"post.md", 0},
		{"2024-0\xEF\xBC\x95-31-x.md", 0}, /* a fullwidth digit is no digit */
	};
	check(cases, ARRAY_LEN(cases), date_from_name, "name");
	assert_int_equal(date_from_name(NULL), 0);
}

/* A folder's name inside a path (a page bundle): the length bounds it,
 * so what follows the folder is not read as part of its name. */
static void test_name_len(void **st)
{
	(void)st;
	const char *p = "2024-05-31/index.md", *q = "2024-05-31x/index.md";
	assert_int_equal(date_from_name_len(p, 10), 20240531);
	assert_int_equal(date_from_name(p), 0); /* '/' after the date: not a name's */
	assert_int_equal(date_from_name_len(q, 11), 0);
	assert_int_equal(date_from_name_len(p, 9), 0);
	assert_int_equal(date_from_name_len(NULL, 10), 0);
}

static void test_url_shapes(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"https://example.org/news/2024/05/31/some-title", 20240531},
		{"https://example.org/news/2024/05/31/", 20240531},
		{"https://example.org/news/2024/05/31", 20240531},
		{"https://example.org/2024/05/31/some-title.html", 20240531},
		{"https://example.org/world/2024-05-31/some-title", 20240531},
		{"https://example.org/world/2024-05-31-some-title", 20240531},
		{"https://example.org/world/2024-05-31_some_title.html", 20240531},
		{"https://example.org/world/2024-05-31.html", 20240531},
		{"https://example.org/story/20240531/some-title", 20240531},
		{"https://example.org/story/20240531", 20240531},
		{"http://example.org/a/b/c/2024/02/29/leap", 20240229},
		{"//example.org/2024/05/31/x", 20240531},   /* scheme-relative */
		{"/news/2024/05/31/x", 20240531},           /* a path alone */
		{"example.org/news/2024/05/31/x", 20240531}, /* no scheme */
		{"https://user@example.org:8080/2024/05/31/x", 20240531},
		/* the same date twice is that date */
		{"https://example.org/2024/05/31/2024-05-31-some-title", 20240531},
		{"https://example.org/20240531/2024-05-31.html", 20240531},
		/* single-digit month or day: not taken (date_guess.h) */
		{"https://example.org/2024/5/31/x", 0},
		{"https://example.org/2024/05/1/x", 0},
		/* a month alone is not a date */
		{"https://example.org/news/2024/05/some-title", 0},
		{"https://example.org/news/2024/some-title", 0},
		/* not valid dates */
		{"https://example.org/2024/02/30/x", 0},
		{"https://example.org/2024/13/01/x", 0},
		{"https://example.org/2024-02-30-x", 0},
		{"https://example.org/item/20241345", 0},
		{"https://example.org/item/18991231", 0},
		{"https://example.org/item/12345678", 0},
		/* near misses of each shape */
		{"https://example.org/item/202405311", 0},  /* nine digits */
		{"https://example.org/item/2024053", 0},    /* seven */
		{"https://example.org/item/x20240531", 0},
		{"https://example.org/item/20240531x", 0},
		{"https://example.org/world/2024-05-31x", 0},
		{"https://example.org/world/x-2024-05-31", 0},
		{"https://example.org/2024x/05/31/x", 0},
		{"https://example.org/02024/05/31/x", 0},
		{"https://example.org/2024/05/31x/x", 0},
		{"https://example.org/2024//05/31/x", 0},
		{"https://example.org/", 0},
		{"https://example.org", 0},
		{"", 0},
		{"not a url", 0},
		{"mailto:2024-05-31@example.org", 0},
	};
	check(cases, ARRAY_LEN(cases), date_from_url, "url");
	assert_int_equal(date_from_url(NULL), 0);
}

/* What lies outside the path: the host, the query and the fragment. */
static void test_url_outside_path(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"https://20240531.example.org/x", 0},
		{"https://2024-05-31.example.org/x", 0},
		{"https://20240531/x", 0},                      /* a host of digits */
		{"https://2024-05-31/2024/06/01/x", 20240601},  /* the host does not conflict */
		{"http://10.20.24.05/2024/05/31/x", 20240531},
		{"https://example.org/x?date=2024-05-31", 0},
		{"https://example.org/x?/2024/05/31/", 0},
		{"https://example.org/x?d=20240531", 0},
		{"https://example.org/x#/2024/05/31", 0},
		{"https://example.org/x#2024-05-31", 0},
		{"https://example.org/2024/05/31/x?date=2023-01-01", 20240531},
		{"https://example.org/2024/05/31/x#/2023/01/01/", 20240531},
		{"https://example.org/2024/05?/31/", 0},        /* the query cuts the triple */
		{"https://example.org/2024/05#/31", 0},
	};
	check(cases, ARRAY_LEN(cases), date_from_url, "url");
}

/* Two different dates: which is the article's cannot be told. */
static void test_url_ambiguous(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"https://example.org/2024/05/31/2024-06-01-title", 0},
		{"https://example.org/20240531/20240601", 0},
		{"https://example.org/1999/12/31/2024/05/31/x", 0},
		{"https://example.org/2024-05-31/x/20230101", 0},
		/* an invalid one beside a valid one is no conflict */
		{"https://example.org/2024/05/31/2024-02-30-x", 20240531},
		/* overlapping triples: 2024/05/31 and 05/31/12 (no year) */
		{"https://example.org/2024/05/31/12/x", 20240531},
		/* 2024/05 then 2031/12/01: a month alone beside a date */
		{"https://example.org/2024/05/2031/12/01/x", 20311201},
	};
	check(cases, ARRAY_LEN(cases), date_from_url, "url");
}

/* Percent-escapes are not decoded: an escaped slash parts nothing, an
 * escaped digit is no digit; escapes elsewhere in the path do not matter. */
static void test_url_percent(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"https://example.org/2024/05/31/caf%C3%A9-cr%C3%A8me", 20240531},
		{"https://example.org/%E6%9D%B1/2024-05-31-%E4%BA%AC", 20240531},
		{"https://example.org/2024%2F05%2F31/x", 0},
		{"https://example.org/%32%30%32%34/05/31/x", 0},
		{"https://example.org/2024-05-31%20title", 0},
		{"https://example.org/2024/05/31%2Fx", 0},
	};
	check(cases, ARRAY_LEN(cases), date_from_url, "url");
}

/* Zola's "path": every segment is the path's (no host to skip), with or
 * without a leading '/'; the URL's rules otherwise. */
static void test_site_path(void **st)
{
	(void)st;
	static const struct gcase cases[] = {
		{"2024/12/16/project-goals-nov-update", 20241216},
		{"/2024/12/16/project-goals-nov-update", 20241216},
		{"2024/12/16", 20241216},
		{"2024/12/16/", 20241216},
		{"2024-12-16-some-title", 20241216}, /* the first segment counts */
		{"20241216", 20241216},
		{"blog/2024/12/16/x", 20241216},
		{"inside-rust/2024/12/16/x", 20241216},
		{"2024/12/16/x?v=2023-01-01", 20241216},
		{"2024/12/x", 0},      /* a month alone */
		{"2024/12/16/2023-01-01-x", 0}, /* two dates */
		{"2024/2/16/x", 0},
		{"about", 0},
		{"", 0},
		{"/", 0},
		{"//", 0},
		{"12024/12/16/x", 0},
		{"2024/12/32/x", 0},
	};
	check(cases, ARRAY_LEN(cases), date_from_site_path, "site path");
	assert_int_equal(date_from_site_path(NULL), 0);
	/* where a URL's first segment is its host, a path's is a segment */
	assert_int_equal(date_from_url("2024-12-16-x/y"), 0);
	assert_int_equal(date_from_site_path("2024-12-16-x/y"), 20241216);
}

/* A long URL costs its length once and overruns nothing: a megabyte of
 * segments with the date at the end, then a megabyte with no '/'. */
static void test_url_long(void **st)
{
	(void)st;
	size_t n = 1u << 20;
	char *u = malloc(n + 64);
	assert_non_null(u);
	strcpy(u, "https://example.org");
	size_t k = strlen(u);
	while (k < n) {
		memcpy(u + k, "/2024/05", 8); /* a month again and again: never a date */
		k += 8;
	}
	strcpy(u + k, "/2024/05/31/end");
	assert_int_equal(date_from_url(u), 20240531);
	strcpy(u + k, "/2024/05/31/2024-06-01");
	assert_int_equal(date_from_url(u), 0);
	memset(u, '9', n);
	u[n] = '\0';
	assert_int_equal(date_from_url(u), 0);
	memcpy(u, "2024-05-31-", 11);
	assert_int_equal(date_from_name(u), 20240531);
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_name_len),
		cmocka_unit_test(test_url_shapes),
		cmocka_unit_test(test_url_outside_path),
		cmocka_unit_test(test_url_ambiguous),
		cmocka_unit_test(test_url_percent),
		cmocka_unit_test(test_url_long),
		cmocka_unit_test(test_site_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
