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

/* The mouse: a column to the cluster under it (never half a cluster),
 * and a drag covering both ends' clusters whichever way it went. */
static void test_hit_and_drag(void **state)
{
	(void)state;
	size_t cjk = at("\xe6\x9d\xb1"), end = at("Family") ;
	/* 東 is columns 0-1: both halves hit the whole of it */
	struct tc_hit h = textcursor_hit(text, N, cjk, end, 1, 0);
	assert_int_equal(h.start, cjk);
	assert_int_equal(h.end, cjk + 3);
	h = textcursor_hit(text, N, cjk, end, 2, 0); /* 京 */
	assert_int_equal(h.start, cjk + 3);
	/* é with its combining accent is one column and one cluster */
	h = textcursor_hit(text, N, 0, at(" opens"), 3, 0);
	assert_int_equal(h.start, 3);
	assert_int_equal(h.end, at(" opens"));
	/* the family: five code points, one cluster, wherever it is hit */
	size_t fam = at("\xf0\x9f\x91\xa9"), came = at(" came");
	for (int col = 7; col < 9; col++) {
		h = textcursor_hit(text, N, at("Family"), came, col, 0);
		assert_int_equal(h.start, fam);
		assert_int_equal(h.end, came);
	}
	/* past the row's end, before its start: empty hits at its edges */
	h = textcursor_hit(text, N, 0, at(" opens"), 40, 0);
	assert_int_equal(h.start, at(" opens"));
	assert_int_equal(h.end, h.start);
	h = textcursor_hit(text, N, 5, at("late"), -2, 0);
	assert_int_equal(h.start, 5);
	assert_int_equal(h.end, 5);

	size_t anchor, caret;
	struct tc_hit p = textcursor_hit(text, N, 0, at(" opens"), 3, 0); /* é */
	struct tc_hit q = textcursor_hit(text, N, at("Family"), came, 8, 0); /* the family */
	textcursor_drag(p, q, &anchor, &caret); /* rightwards: é .. the family */
	assert_int_equal(anchor, 3);
	assert_int_equal(caret, came);
	textcursor_drag(q, p, &anchor, &caret); /* leftwards: the same text */
	assert_int_equal(anchor, came);
	assert_int_equal(caret, 3);
	textcursor_drag(p, p, &anchor, &caret); /* on the press: its cluster */
	assert_int_equal(anchor, 3);
	assert_int_equal(caret, at(" opens"));
	/* to past a row's end: up to that end, nothing of the next row */
	struct tc_hit past = {at(" opens"), at(" opens")};
	textcursor_drag(p, past, &anchor, &caret);
	assert_int_equal(caret, at(" opens"));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* wcwidth of the wide characters */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_motions),
		cmocka_unit_test(test_selection_grows_and_shrinks),
		cmocka_unit_test(test_clusters_never_split),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_hit_and_drag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
