/* SPDX-License-Identifier: MIT
 * search.c: folded matching whose hits are exact byte ranges of the
 * original text, around decomposed characters, expansions (ß, ﬁ), ignorable
 * characters and invalid bytes; whole-word mode; phrases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text/search.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* Search needle in t and check the hits' original substrings. */
static void expect_hits(const char *t, size_t len, const char *needle, unsigned flags,
			size_t n, const size_t *starts, const size_t *ends)
{
	struct search_hit *h;
	size_t got = search_find(t, len, needle, flags, &h);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(h[i].start, starts[i]);
		assert_int_equal(h[i].end, ends[i]);
	}
	free(h);
}

static void test_case(void **state)
{
	(void)state;
	const char t[] = "Kyiv and KYIV and kyiv; Kyivan.";
	expect_hits(S(t), "KYIV", 0, 4, (size_t[]){0, 9, 18, 24}, (size_t[]){4, 13, 22, 28});
	expect_hits(S(t), "kyiv", SEARCH_WORD, 3, (size_t[]){0, 9, 18}, (size_t[]){4, 13, 22});
	expect_hits(S(t), "nothing", 0, 0, NULL, NULL);
	expect_hits(S(t), "", 0, 0, NULL, NULL);
	expect_hits(S(t), "\xE2\x80\x8B", 0, 0, NULL, NULL); /* folds to nothing */
}

static void test_normalisation(void **state)
{
	(void)state;
	/* "x Café y café": first é decomposed (3 bytes), second precomposed (2). */
	const char t[] = "x Cafe\xCC\x81 y caf\xC3\xA9!";
	expect_hits(S(t), "CAF\xC3\x89", 0, 2, (size_t[]){2, 11}, (size_t[]){8, 16});
	expect_hits(S(t), "cafe\xCC\x81", SEARCH_WORD, 2, (size_t[]){2, 11}, (size_t[]){8, 16});
	/* "e" alone never matches inside é (clusters are atomic). */
	expect_hits(S(t), "cafe", 0, 0, NULL, NULL);
	/* Hits after the decomposed character keep exact offsets. */
	expect_hits(S(t), "Y", 0, 1, (size_t[]){9}, (size_t[]){10});
	/* ß folds to ss: "ss" finds it, "s" alone does not split it. */
	const char g[] = "Stra\xC3\x9F" "e, strasse";
	expect_hits(S(g), "STRASSE", 0, 2, (size_t[]){0, 9}, (size_t[]){7, 16});
	expect_hits(S(g), "stra\xC3\x9F" "e", 0, 2, (size_t[]){0, 9}, (size_t[]){7, 16});
	expect_hits(S(g), "ass", 0, 2, (size_t[]){3, 12}, (size_t[]){6, 15}); /* "aß" too */
	expect_hits(S(g), "as", 0, 1, (size_t[]){12}, (size_t[]){14});
	/* The ﬁ ligature (3 bytes) folds to "fi". */
	const char l[] = "the \xEF\xAC\x81nal word";
	expect_hits(S(l), "final", 0, 1, (size_t[]){4}, (size_t[]){10});
	expect_hits(S(l), "nal", 0, 1, (size_t[]){7}, (size_t[]){10});
}

static void test_ignorables_and_invalid(void **state)
{
	(void)state;
	/* A soft hyphen inside a word is ignored and stays inside the hit; a
	 * ZWSP after the hit is not part of it. */
	const char t[] = "Kyi\xC2\xAD" "v\xE2\x80\x8B is";
	expect_hits(S(t), "kyiv", 0, 1, (size_t[]){0}, (size_t[]){6});
	expect_hits(S(t), "is", SEARCH_WORD, 1, (size_t[]){10}, (size_t[]){12});
	/* Invalid bytes are U+FFFD, one per byte; neighbours map exactly. */
	const char b[] = "ab\xFF\xC0\xAF" "cd\xF0\x9F\x98";
	expect_hits(S(b), "cd", 0, 1, (size_t[]){5}, (size_t[]){7});
	expect_hits(S(b), "b\xEF\xBF\xBD", 0, 1, (size_t[]){1}, (size_t[]){3});
	expect_hits(S(b), "\xEF\xBF\xBD", 0, 6, (size_t[]){2, 3, 4, 7, 8, 9},
		    (size_t[]){3, 4, 5, 8, 9, 10});
}

static void test_reuse_and_after(void **state)
{
	(void)state;
	const char t[] = "News: the news about NEWS, newsroom.";
	struct search_text st;
	search_text_init(&st, S(t));
	struct search_hit *h;
	size_t n = search_text_find(&st, S("news"), 0, &h);
	assert_int_equal(n, 4);
	assert_int_equal(search_hit_after(h, n, 0), 0);
	assert_int_equal(search_hit_after(h, n, 1), 1);
	assert_int_equal(search_hit_after(h, n, 27), 3);
	assert_int_equal(search_hit_after(h, n, 28), 4);
	free(h);
	n = search_text_find(&st, S("news"), SEARCH_WORD, &h);
	assert_int_equal(n, 3);
	assert_int_equal(h[2].start, 21);
	free(h);
	/* Overlapping candidates are reported without overlap. */
	search_text_free(&st);
	expect_hits(S("aaaa"), "aa", 0, 2, (size_t[]){0, 2}, (size_t[]){2, 4});
	expect_hits("", 0, "a", 0, 0, NULL, NULL);
}

static void test_phrases(void **state)
{
	(void)state;
	const char t[] = "In New-York,\nthe MAYOR said: \xE2\x80\x9Cnew   york city\xE2\x80\x9D.";
	assert_true(search_contains_words(S(t), "new york"));
	assert_true(search_contains_words(S(t), "  the mayor SAID "));
	assert_true(search_contains_words(S(t), "york city"));
	assert_false(search_contains_words(S(t), "new city"));
	assert_false(search_contains_words(S(t), "ew york"));
	assert_false(search_contains_words(S(t), "mayor sai"));
	assert_false(search_contains_words(S(t), " - "));
	assert_true(search_contains_words(S("Caf\x65\xCC\x81 Noir"), "CAF\xC3\x89 noir"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_normalisation),
		cmocka_unit_test(test_ignorables_and_invalid),
		cmocka_unit_test(test_reuse_and_after),
		cmocka_unit_test(test_phrases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
