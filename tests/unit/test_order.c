/* SPDX-License-Identifier: MIT
 * List orders (core/collection/order.c), shared by the reader and `list --sort`:
 * titles fold case, accents and punctuation instead of comparing bytes;
 * missing values last; ties newest first; relevance led by the article. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/collection/order.h"
#include "core/base/util.h"

static struct collection C;
static struct tagindex T;

static void add(const char *id, const char *title, const char *source, int date, const char *tags)
{
	ARRAY_RESERVE(C.items, C.cap, C.n + 1);
	struct article *a = &C.items[C.n++];
	memset(a, 0, sizeof *a);
	a->id = xstrdup(id);
	a->path = xstrdup(id);
	a->title = xstrdup(title);
	a->source = xstrdup(source);
	a->date = date;
	for (const char *s = tags; s && *s;) {
		size_t n = strcspn(s, ",");
		strlist_push_own(&a->tags, xstrndup(s, n));
		s += n + (s[n] == ',');
	}
}

static int setup(void **state)
{
	(void)state;
	/* ids in sorted order, as the loader keeps them */
	add("a", "Zebra crossing vote", "Northline Wire", 20240601, "harbour,vote");
	add("b", "\xc3\x89lections in the port", NULL, 20240715, "vote"); /* Élections, no source */
	add("c", "\xe2\x80\x9cQuiet\xe2\x80\x9d harbour strike", "agence sud", 20240601, "harbour,strike");
	add("d", "elections recount", "Agence Sud", 20240301, "vote,strike");
	add("e", "apple harvest", "\xc3\x84rzteblatt", 0, "farming"); /* Ärzteblatt */
	add("f", "\xef\xbc\xa1lpha (fullwidth)", "Northline Wire", 20231201, "harbour"); /* Ａlpha */
	tagindex_build(&T, &C);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tagindex_free(&T);
	for (size_t i = 0; i < C.n; i++) article_free(&C.items[i]);
	free(C.items);
	return 0;
}

/* "a b c": the ids in the order key gives. */
static void check_order(enum order_key key, long cur, const char *want)
{
	size_t *o = collection_order(&C, &T, key, cur);
	char got[64] = "";
	for (size_t i = 0; i < C.n; i++) {
		if (i) strcat(got, " ");
		strcat(got, C.items[o[i]].id);
	}
	free(o);
	assert_string_equal(got, want);
}

static void test_text_compare(void **state)
{
	(void)state;
	/* accents and case fold at the first level; bytes would put É after z */
	assert_true(order_text_compare("\xc3\x89lan", "zebra") < 0);
	assert_true(order_text_compare("\xc3\x89lan", "elan") > 0); /* then accents break the tie */
	assert_true(order_text_compare("Elan", "elan") < 0);        /* then bytes */
	assert_int_equal(order_text_compare("same", "same"), 0);
	/* punctuation is skipped at the first level: “Quoted” among the Q's */
	assert_true(order_text_compare("\xe2\x80\x9cQuoted\xe2\x80\x9d", "Pear") > 0);
	assert_true(order_text_compare("\xe2\x80\x9cQuoted\xe2\x80\x9d", "Rabbit") < 0);
	/* compatibility forms: fullwidth Ａ is an A */
	assert_true(order_text_compare("\xef\xbc\xa1lpha", "beta") < 0);
	/* combining mark: e + U+0301 beside é */
	assert_true(order_text_compare("e\xcc\x81t\xc3\xa9", "\xc3\xa9t\xc3\xa9") != 0);
	assert_true(order_text_compare("e\xcc\x81t\xc3\xa9", "f") < 0);
	/* invalid UTF-8 still orders, by its bytes */
	assert_true(order_text_compare("\xff", "a") != 0);
}

static void test_orders(void **state)
{
	(void)state;
	/* date: newest first, undated last, same date by id */
	check_order(ORDER_DATE, -1, "b a c d f e");
	/* title: Ａlpha, apple, Élections in.., elections re.., “Quiet”, Zebra */
	check_order(ORDER_TITLE, -1, "f e b d c a");
	/* source: Agence Sud = agence sud until the bytes break the tie,
	 * Ärzteblatt among the A's, missing last */
	check_order(ORDER_SOURCE, -1, "d c e a f b");
	/* relevance to a: a leads, then by shared tag weight; no article: by date */
	size_t *o = collection_order(&C, &T, ORDER_RELEVANCE, 0);
	assert_int_equal(o[0], 0);
	assert_true(o[C.n - 1] == 4); /* e shares nothing with a and is undated */
	free(o);
	check_order(ORDER_RELEVANCE, -1, "b a c d f e");
}

/* Many articles, most dates shared, some undated, dates whose two
 * 16-bit halves differ either way: newest first, then by number, a
 * permutation (the date sort is a radix sort: each pass must be stable). */
static void test_date_many(void **state)
{
	(void)state;
	struct collection c = {0};
	size_t n = 20000;
	c.items = xcalloc(n, sizeof *c.items);
	c.n = n;
	uint32_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		int pick = (int)((x >> 16) % 40);
		c.items[i].date = pick == 0 ? 0 : pick == 1 ? 99991231 : 19700101 + pick * 13 + (pick % 3) * 65536;
	}
	size_t *o = collection_order(&c, NULL, ORDER_DATE, -1);
	bool *seen = xcalloc(n, sizeof *seen);
	for (size_t i = 0; i < n; i++) {
		assert_true(o[i] < n);
		assert_false(seen[o[i]]);
		seen[o[i]] = true;
		if (!i) continue;
		int da = c.items[o[i - 1]].date, db = c.items[o[i]].date;
		assert_true(da > db || (da == db && o[i - 1] < o[i]));
	}
	assert_int_equal(c.items[o[0]].date, 99991231);
	assert_int_equal(c.items[o[n - 1]].date, 0);
	free(seen);
	free(o);
	free(c.items);
}

/* order_radix (the listing's --sort date and source, the reader's date
 * order): the numbers by key, ties in the order they came, against a
 * comparison sort on (key, place), over keys with many ties, both 16-bit
 * halves in play and the dates' extremes. */
static const uint32_t *radix_key;
static int by_key_then_number(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	if (radix_key[a] != radix_key[b]) return radix_key[a] < radix_key[b] ? -1 : 1;
	return (a > b) - (a < b);
}

static void test_radix(void **state)
{
	(void)state;
	enum { N = 70000 };
	uint32_t *key = xcalloc(N, sizeof *key);
	size_t *got = xcalloc(N, sizeof *got), *want = xcalloc(N, sizeof *want), n = 0;
	srand(11);
	const int dates[] = {0, 1, -1, 20240101, -20240101, 2147483647, -2147483647 - 1};
	for (size_t i = 0; i < N; i++) {
		if (i % 3 == 0) key[i] = order_date_key(dates[(size_t)rand() % 7]);
		else key[i] = ((uint32_t)rand() % 50) << (i % 2 ? 0 : 16);
		if (i % 5) got[n] = want[n] = i, n++; /* ascending, with gaps */
	}
	order_radix(got, n, key);
	radix_key = key;
	qsort(want, n, sizeof *want, by_key_then_number);
	assert_memory_equal(got, want, n * sizeof *got);
	/* newest first, undated (INT_MIN) last */
	assert_true(order_date_key(20240102) < order_date_key(20240101));
	assert_true(order_date_key(-2147483647 - 1) > order_date_key(-5));
	free(key);
	free(got);
	free(want);
}


/* The order's keys as utf8proc alone makes them (the text order before
 * its ASCII path and prefix sort), the reference the tests below hold
 * collection_order and order_text_compare to. */
static char *ref_fold(const char *s, int strip)
{
	utf8proc_uint8_t *out = NULL;
	int o = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
		UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | (strip ? UTF8PROC_STRIPMARK : 0);
	char *p = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, (utf8proc_option_t)o) < 0
			  ? xstrdup(s) /* invalid UTF-8: its bytes */
			  : (char *)out;
	if (!strip) return p;
	size_t w = 0, i = 0, n = strlen(p);
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) len = 1, cp = -1;
		utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_LL : utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
		    cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
		    cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO)
			memmove(p + w, p + i, (size_t)len), w += (size_t)len;
		i += (size_t)len;
	}
	p[w] = '\0';
	return p;
}

static int sign(int c) { return (c > 0) - (c < 0); }

static int ref_compare(const char *a, const char *b)
{
	if (!a || !b) return a ? -1 : b ? 1 : 0;
	char *pa = ref_fold(a, 1), *pb = ref_fold(b, 1);
	int c = strcmp(pa, pb);
	free(pa);
	free(pb);
	if (!c) {
		pa = ref_fold(a, 0), pb = ref_fold(b, 0);
		c = strcmp(pa, pb);
		free(pa);
		free(pb);
	}
	return c ? c : strcmp(a, b);
}

/* Every ASCII character, alone and beside letters, folds as utf8proc
 * folds it (the text order's ASCII path makes no utf8proc call). */
static void test_ascii_path(void **state)
{
	(void)state;
	char a[8], b[8];
	for (int x = 1; x < 128; x++)
		for (int y = 1; y < 128; y++) {
			snprintf(a, sizeof a, "%c", x);
			snprintf(b, sizeof b, "%c", y);
			assert_int_equal(sign(order_text_compare(a, b)), sign(ref_compare(a, b)));
			snprintf(a, sizeof a, "q%cZ", x);
			snprintf(b, sizeof b, "Q%cz", y);
			assert_int_equal(sign(order_text_compare(a, b)), sign(ref_compare(a, b)));
			snprintf(b, sizeof b, "q%c", y);
			assert_int_equal(sign(order_text_compare(a, b)), sign(ref_compare(a, b)));
		}
}

static const struct collection *ref_c;
static int ref_title_cmp(const void *x, const void *y)
{
	size_t ia = *(const size_t *)x, ib = *(const size_t *)y;
	const struct article *a = &ref_c->items[ia], *b = &ref_c->items[ib];
	int c = ref_compare(a->title, b->title);
	if (c) return c;
	if (a->date != b->date) return a->date > b->date ? -1 : 1;
	return (ia > ib) - (ia < ib);
}

/* A title sort of many: the radix sort by key prefix and the runs that
 * share one (long shared starts, titles the same to the letter, the same
 * but for case, accents, punctuation or a combining mark, empty, only
 * punctuation, missing, CJK, emoji, fullwidth forms, invalid UTF-8, same
 * title and date) against a comparison sort by utf8proc's keys. */
static void test_title_many(void **state)
{
	(void)state;
	static const char *const part[] = {
		"According", "according", "ACCORDING", "Accordingly", "\xc3\x81" "ccording", "Acco\xcc\x81rding",
		"\xe2\x80\x9c" "According\xe2\x80\x9d", "\xe5\x8c\x97\xe4\xba\xac", "caf\xc3\xa9", "cafe\xcc\x81",
		"Cafe", "\xef\xbc\xa1lpha", "alpha", "\xf0\x9f\x93\xb0", "\xe2\x80\x94", "!", "", " ",
		"12", "\xc2\xbd", "\xff", "Stra\xc3\x9f" "e", "strasse", "\xc3\x89lan", "e\xcc\x81lan"};
	enum { N = 6000, NP = sizeof part / sizeof *part };
	struct collection c = {0};
	c.items = xcalloc(N, sizeof *c.items);
	c.n = N;
	uint32_t x = 777;
	for (size_t i = 0; i < N; i++) {
		char t[128] = "";
		x = x * 1103515245u + 12345u;
		int words = (int)((x >> 16) % 4);
		for (int w = 0; w < words; w++) {
			x = x * 1103515245u + 12345u;
			strcat(t, part[(x >> 16) % NP]);
			if ((x >> 8) % 2) strcat(t, " ");
		}
		x = x * 1103515245u + 12345u;
		c.items[i].title = (x >> 16) % 50 == 0 ? NULL : xstrdup(t);
		c.items[i].date = (int)((x >> 20) % 3) * 10000 + 20200101;
	}
	size_t *got = collection_order(&c, NULL, ORDER_TITLE, -1);
	size_t *want = xcalloc(N, sizeof *want);
	for (size_t i = 0; i < N; i++) want[i] = i;
	ref_c = &c;
	qsort(want, N, sizeof *want, ref_title_cmp);
	assert_memory_equal(got, want, N * sizeof *got);
	free(got);
	free(want);
	for (size_t i = 0; i < N; i++) free(c.items[i].title);
	free(c.items);
}

static void test_parse(void **state)
{
	(void)state;
	enum order_key k;
	for (int i = 0; i < ORDER_COUNT; i++) {
		assert_true(order_parse(order_names[i], &k));
		assert_int_equal(k, i);
	}
	assert_false(order_parse("size", &k));
	assert_false(order_parse("", &k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_compare),
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_date_many),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_ascii_path),
		cmocka_unit_test(test_title_many),
		cmocka_unit_test(test_radix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
