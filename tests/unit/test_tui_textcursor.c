/* SPDX-License-Identifier: MIT
 * Cursor motions of the text pane (tui/textcursor.c) over text with a
 * combining accent, CJK without spaces, a ZWJ emoji family and two
 * paragraphs: motions land on unit starts, a selection grows to unit ends
 * and shrinks back, and no motion ever stops inside a cluster. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "core/text/utf8.h"
#include "tui/textcursor.h"

/* "Café" with a combining acute; 東京は雨。 ends a sentence without a
 * space; the family is one cluster of five code points. */
static const char text[] = "Cafe\xcc\x81 opens late. \xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xaf\xe9\x9b\xa8\xe3\x80\x82"
			   "Family \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 came.\n\n"
			   "Second para here.";

static size_t at(const char *needle) { return (size_t)(strstr(text, needle) - text); }

#define N (sizeof text - 1)

static void test_plain_motions(void **state)
{
	(void)state;
	size_t c = textcursor_move(text, N, 0, TC_WORD, 1, false, 0);
	assert_int_equal(c, at("opens"));
	assert_int_equal(textcursor_move(text, N, c, TC_WORD, -1, false, 0), 0);
	/* from the middle of a word, b goes to its start */
	assert_int_equal(textcursor_move(text, N, at("pens"), TC_WORD, -1, false, 0), at("opens"));
	c = textcursor_move(text, N, 0, TC_SENTENCE, 1, false, 0);
	assert_int_equal(c, at("\xe6\x9d\xb1"));
	c = textcursor_move(text, N, c, TC_SENTENCE, 1, false, 0); /* after 。 directly */
	assert_int_equal(c, at("Family"));
	assert_int_equal(textcursor_move(text, N, c, TC_SENTENCE, -1, false, 0), at("\xe6\x9d\xb1"));
	c = textcursor_move(text, N, 0, TC_PARAGRAPH, 1, false, 0);
	assert_int_equal(c, at("Second"));
	assert_int_equal(textcursor_move(text, N, c, TC_PARAGRAPH, -1, false, 0), 0);
	/* nothing after the last word: the cursor stays */
	assert_int_equal(textcursor_move(text, N, at("here"), TC_WORD, 1, false, 0), at("here"));
}

static void test_selection_grows_and_shrinks(void **state)
{
	(void)state;
	size_t a = 0, c = 0;
	c = textcursor_move(text, N, c, TC_WORD, 1, true, a);
	assert_int_equal(c, at(" opens")); /* Café with its accent */
	c = textcursor_move(text, N, c, TC_WORD, 1, true, a);
	assert_int_equal(c, at(" late"));
	c = textcursor_move(text, N, c, TC_WORD, -1, true, a);
	assert_int_equal(c, at(" opens")); /* shrinks to the word before */
	c = textcursor_move(text, N, c, TC_WORD, -1, true, a);
	assert_int_equal(c, a);          /* empty */
	/* left of the anchor: grows to the left, shrinks from the left */
	a = c = at("late");
	c = textcursor_move(text, N, c, TC_WORD, -1, true, a);
	assert_int_equal(c, at("opens"));
	c = textcursor_move(text, N, c, TC_WORD, -1, true, a);
	assert_int_equal(c, 0);
	c = textcursor_move(text, N, c, TC_WORD, 1, true, a);
	assert_int_equal(c, at("opens"));
	/* by sentence from the start of the CJK one: it ends after 。 */
	a = c = at("\xe6\x9d\xb1");
	c = textcursor_move(text, N, c, TC_SENTENCE, 1, true, a);
	assert_int_equal(c, at("Family"));
	c = textcursor_move(text, N, c, TC_SENTENCE, 1, true, a);
	assert_int_equal(c, at("\n\n"));
	c = textcursor_move(text, N, c, TC_SENTENCE, -1, true, a);
	assert_int_equal(c, at("Family"));
	c = textcursor_move(text, N, c, TC_PARAGRAPH, 1, true, a);
	assert_int_equal(c, at("\n\n"));
}

static bool on_boundary(size_t pos)
{
	for (size_t i = 0; i < N; i = utf8_cluster_end(text, N, i))
		if (i == pos) return true;
	return pos == N;
}

static void test_clusters_never_split(void **state)
{
	(void)state;
	/* every motion from every boundary, both ways, with and without a
	 * selection anchored at the start, lands on a cluster boundary */
	for (size_t p = 0; p <= N; p = p < N ? utf8_cluster_end(text, N, p) : N + 1)
		for (int u = TC_WORD; u <= TC_PARAGRAPH; u++)
			for (int d = -1; d <= 1; d += 2)
				for (int sel = 0; sel < 2; sel++) {
					size_t c = textcursor_move(text, N, p, (enum tc_unit)u, d, sel, 0);
					assert_true(on_boundary(c));
				}
	size_t fam = at("\xf0\x9f\x91\xa9"), fam_end = at(" came");
	assert_int_equal(textcursor_cluster_start(text, N, fam_end), fam);
	assert_int_equal(utf8_cluster_end(text, N, fam), fam_end);
	assert_int_equal(textcursor_cluster_start(text, N, at(" opens")), 3); /* e + accent */
	assert_int_equal(textcursor_cluster_start(text, N, 1), 0);
}

static void test_columns(void **state)
{
	(void)state;
	size_t cjk = at("\xe6\x9d\xb1"), end = at("Family");
	assert_int_equal(textcursor_col(text, N, cjk, cjk + 6, 0), 4);   /* two wide */
	assert_int_equal(textcursor_at_col(text, N, cjk, end, 3, 0), cjk + 3); /* covers col 3 */
	assert_int_equal(textcursor_at_col(text, N, cjk, end, 99, 0), end - 3); /* last: 。 */
	assert_int_equal(textcursor_col(text, N, 0, at(" opens"), 0), 4); /* é is one column */
	assert_int_equal(textcursor_at_col(text, N, 0, at(" opens"), 3, 0), 3);
	size_t fam = at("\xf0\x9f\x91\xa9");
	assert_int_equal(textcursor_at_col(text, N, fam, at(" came"), 1, 0), fam);
	assert_int_equal(textcursor_at_col(text, N, 5, 5, 3, 0), 5); /* empty row */
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* wcwidth of the wide characters */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_motions),
		cmocka_unit_test(test_selection_grows_and_shrinks),
		cmocka_unit_test(test_clusters_never_split),
		cmocka_unit_test(test_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
