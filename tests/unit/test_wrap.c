/* SPDX-License-Identifier: MIT
 * wrap.c: no line wider than the pane at any width, no split cluster, all
 * text covered, paragraph numbers, big inputs, wrap_line_of. Widths are
 * re-measured here independently with utf8_display_next. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/text/wrap.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static bool is_cluster_boundary(const char *t, size_t len, size_t off)
{
	size_t p = 0;
	while (p < off) p = utf8_cluster_end(t, len, p);
	return p == off;
}

static bool is_ws_byte_range(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\t' || c == '\n') continue;
		/* U+3000 ideographic space, U+2028; U+FEFF, ZWSP (blank-line fillers) */
		if (i + 2 < b && ((c == 0xE3 && memcmp(t + i, "\xE3\x80\x80", 3) == 0) ||
				  memcmp(t + i, "\xE2\x80\xA8", 3) == 0 ||
				  memcmp(t + i, "\xEF\xBB\xBF", 3) == 0 ||
				  memcmp(t + i, "\xE2\x80\x8B", 3) == 0)) {
			i += 2;
			continue;
		}
		fprintf(stderr, "non-blank gap byte %02x at %zu in [%zu,%zu)\n", c, i, a, b);
		return false;
	}
	return true;
}

/* Check every invariant of w over t; slow_bounds checks cluster alignment. */
static void check_wrap(const struct wrap *w, const char *t, size_t len, bool slow_bounds)
{
	size_t prev_end = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct wrap_line *l = &w->lines[i];
		assert_true(l->start <= l->end && l->end <= len);
		assert_true(l->start >= prev_end);
		/* Bytes between lines are only whitespace and line breaks. */
		assert_true(is_ws_byte_range(t, prev_end, l->start));
		if (slow_bounds) {
			assert_true(is_cluster_boundary(t, len, l->start));
			assert_true(is_cluster_boundary(t, len, l->end));
		}
		/* Measured by grapheme cluster (a line never splits one), each
		 * summed over its display units read with the cluster's end as
		 * the limit; a ZWJ sequence is one cluster of several units. */
		int col = 0, clusters = 0, maxcw = 0;
		size_t p = l->start;
		while (p < l->end) {
			size_t ge = utf8_cluster_end(t, l->end, p);
			int cw = 0;
			struct dcluster dc;
			while (utf8_display_next(t, ge, &p, w->flags, &dc)) {
				assert_false(dc.newline);
				cw += dc.tab ? wrap_tab_advance(col, w->width) : dc.width;
			}
			col += cw;
			if (cw > maxcw) maxcw = cw;
			if (cw > 0) clusters++;
		}
		assert_int_equal(col, l->width);
		if (l->width > w->width) { /* only a lone over-wide cluster */
			assert_int_equal(clusters, 1);
			assert_true(maxcw > w->width);
		}
		if (l->blank) assert_int_equal(l->start, l->end);
		prev_end = l->end;
	}
	assert_true(is_ws_byte_range(t, prev_end, len));
}

static const char *pieces[] = {
	"word", "\xE4\xB8\xAD\xE6\x96\x87", /* 中文 */
	"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", /* family */
	"\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6", /* flag */
	"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "\xE2\x9D\xA4\xEF\xB8\x8F", "1\xEF\xB8\x8F\xE2\x83\xA3",
	"e\xCC\x81t\xC3\xA9", "\t", " ", "  ", "\xE3\x80\x80", "\x1b[2J", "\xE2\x80\xAE",
	"\xC2\x9B", "\xE2\x80\x8B", "\xE0\xA4\x95\xE0\xA4\xBF", /* Devanagari कि */
	"\xE1\x84\x80\xE1\x85\xA1", "a-very-long-hyphenated-compound-word-indeed", "\xFF", "\n",
	"\n\n", " \t \n", "\xE2\x80\xA8", "\xEF\xBB\xBF",
};

static char *random_text(unsigned seed, size_t npieces, size_t *len)
{
	srand(seed);
	size_t cap = npieces * 64 + 1, n = 0;
	char *t = malloc(cap);
	for (size_t i = 0; i < npieces; i++) {
		const char *p = pieces[(size_t)rand() % (sizeof pieces / sizeof pieces[0])];
		size_t pl = strlen(p);
		memcpy(t + n, p, pl);
		n += pl;
		if (rand() % 3) t[n++] = ' ';
	}
	t[n] = '\0';
	*len = n;
	return t;
}

static void test_property_widths(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 6; seed++) {
		size_t len;
		char *t = random_text(seed, 300, &len);
		for (int width = 1; width <= 80; width++) {
			struct wrap w = {0};
			wrap_text(&w, t, len, width, seed % 2 ? 0 : UTF8_ASCII);
			check_wrap(&w, t, len, width % 9 == 1);
			wrap_free(&w);
		}
		free(t);
	}
}

static void test_wide_never_last_column(void **state)
{
	(void)state;
	/* "abc" + 中: at width 4 the wide char cannot start in column 3. */
	struct wrap w = {0};
	wrap_text(&w, S("abc\xE4\xB8\xAD"), 4, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0].end, 3);
	assert_int_equal(w.lines[0].width, 3);
	assert_int_equal(w.lines[1].start, 3);
	assert_int_equal(w.lines[1].width, 2);
	/* At width 1 a wide char stands alone (the caller clips it). */
	wrap_text(&w, S("\xE4\xB8\xAD\xE6\x96\x87"), 1, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0].width, 2);
	wrap_free(&w);
}

static void test_word_breaks(void **state)
{
	(void)state;
	struct wrap w = {0};
	const char t[] = "the quick brown fox";
	wrap_text(&w, t, sizeof t - 1, 10, 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.lines[0].start, 0);
	assert_int_equal(w.lines[0].end, 9); /* "the quick" */
	assert_int_equal(w.lines[0].width, 9);
	assert_int_equal(w.lines[1].start, 10); /* "brown fox" */
	assert_int_equal(w.lines[1].end, 19);
	/* A long word is broken by cluster. */
	wrap_text(&w, S("abcdefghij"), 4, 0);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.lines[1].start, 4);
	assert_int_equal(w.lines[2].width, 2);
	/* Tabs: 8-column stops from the line start, clipped at the edge. */
	wrap_text(&w, S("a\tb"), 20, 0);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.lines[0].width, 9);
	assert_int_equal(wrap_tab_advance(3, 20), 5);
	assert_int_equal(wrap_tab_advance(3, 6), 3);
	/* A trailing newline adds no line; empty text has none. */
	wrap_text(&w, S("x\n"), 10, 0);
	assert_int_equal(w.n, 1);
	wrap_text(&w, "", 0, 10, 0);
	assert_int_equal(w.n, 0);
	wrap_free(&w);
}

static void test_paragraphs(void **state)
{
	(void)state;
	const char t[] = "  \nfirst para line one\nline two\n\n\n \t\nsecond\n\nthird";
	struct wrap w = {0};
	wrap_text(&w, t, sizeof t - 1, 80, 0);
	assert_int_equal(w.nparas, 3);
	int want_para[] = {0, 0, 0, 0, 0, 0, 1, 1, 2};
	int want_blank[] = {1, 0, 0, 1, 1, 1, 0, 1, 0};
	assert_int_equal(w.n, 9);
	for (size_t i = 0; i < w.n; i++) {
		assert_int_equal(w.lines[i].para, want_para[i]);
		assert_int_equal(w.lines[i].blank, want_blank[i]);
	}
	/* Wrapped continuation lines keep their paragraph number. */
	wrap_text(&w, t, sizeof t - 1, 6, 0);
	int maxpara = 0;
	for (size_t i = 0; i < w.n; i++) {
		if (w.lines[i].para > maxpara) maxpara = w.lines[i].para;
		if (i) assert_true(w.lines[i].para >= w.lines[i - 1].para);
	}
	assert_int_equal(maxpara, 2);
	wrap_free(&w);
}

static void test_line_of(void **state)
{
	(void)state;
	const char t[] = "aaa bbb ccc\n\nddd";
	struct wrap w = {0};
	wrap_text(&w, t, sizeof t - 1, 4, 0);
	/* aaa | bbb | ccc | (blank) | ddd */
	assert_int_equal(w.n, 5);
	assert_int_equal(wrap_line_of(&w, 0), 0);
	assert_int_equal(wrap_line_of(&w, 3), 0); /* the swallowed space */
	assert_int_equal(wrap_line_of(&w, 4), 1);
	assert_int_equal(wrap_line_of(&w, 10), 2);
	assert_int_equal(wrap_line_of(&w, 12), 3);
	assert_int_equal(wrap_line_of(&w, 13), 4);
	assert_int_equal(wrap_line_of(&w, 999), 4);
	wrap_free(&w);
}

static void test_big_inputs(void **state)
{
	(void)state;
	/* ~1 MB article of mixed paragraphs. */
	size_t len;
	char *t = random_text(42, 1 << 18, &len);
	assert_true(len > 1000000);
	struct wrap w = {0};
	wrap_text(&w, t, len, 72, 0);
	check_wrap(&w, t, len, false);
	assert_true(w.n > 10000);
	free(t);
	/* A 10 MB line without a newline or a space, and one of spaced words. */
	len = 10u << 20;
	t = malloc(len);
	for (size_t i = 0; i < len; i++) t[i] = (char)('a' + i % 26);
	wrap_text(&w, t, len, 80, 0);
	assert_int_equal(w.n, (len + 79) / 80);
	for (size_t i = 0; i < len; i++) t[i] = i % 7 == 6 ? ' ' : 'x';
	wrap_text(&w, t, len, 80, 0);
	check_wrap(&w, t, len, false);
	assert_int_equal(w.lines[0].end, 76); /* 11 words of 6 + 10 spaces */
	free(t);
	wrap_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property_widths), cmocka_unit_test(test_wide_never_last_column),
		cmocka_unit_test(test_word_breaks),     cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_line_of),         cmocka_unit_test(test_big_inputs),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
