/* SPDX-License-Identifier: MIT
 * The drawer against the wrapper (issue 19): text wrapped by core/text/wrap.c
 * and drawn by grid_put, in pieces as marks and search hits cut it, must
 * show every character of the text in order (invisible ones as markers,
 * displaygen.h) in exactly the cells the wrapper counted; and the styles
 * that set marks and hits apart must survive without colour. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>

#include "core/text/wrap.h"
#include "tests/unit/displaygen.h"
#include "tui/grid.h"
#include "tui/theme.h"

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* The characters a row shows in cols [0, n): a cell's bytes once (the right
 * half of a wide cell holds none), so a marker reads back as "<U+200B>". */
static char *row_text(struct grid *g, int row, int n)
{
	struct strbuf sb = STRBUF_INIT;
	for (int c = 0; c < n; c++) {
		const struct cell *cell = grid_at(g, row, c);
		if (cell->width > 0) strbuf_add(&sb, cell->text, cell->len);
	}
	return sb.buf ? strbuf_steal(&sb) : strdup("");
}

/* Draw t[a..b) from col in pieces cut at random grapheme boundaries, as
 * pane_text.c does at marks, the selection and search hits. */
static int draw_pieces(struct grid *g, int row, int maxcol, const char *t, size_t a, size_t b)
{
	int col = 0;
	size_t pos = a;
	while (pos < b) {
		size_t end = utf8_cluster_end(t, b, pos);
		while (end < b && rand() % 3) end = utf8_cluster_end(t, b, end);
		col = grid_put(g, row, col, maxcol, t + pos, end - pos, STYLE_NORMAL, STYLE_CONTROL, 0);
		pos = end;
	}
	return col;
}

/* Wrap t at width, draw each line into a grid as wide, check each. */
static void check_drawn(const char *t, size_t len, int width)
{
	struct wrap w = {0};
	wrap_text(&w, t, len, width, 0);
	struct grid g;
	grid_init(&g, 0);
	grid_resize(&g, (int)w.n, width);
	for (size_t i = 0; i < w.n; i++) {
		const struct wrap_line *l = &w.lines[i];
		int col = draw_pieces(&g, (int)i, width, t, l->start, l->end);
		if (l->width > width) { /* one cluster wider than the pane: clipped */
			assert_int_equal(utf8_cluster_end(t, l->end, l->start), l->end);
			assert_true(col <= width);
			continue;
		}
		/* the cells drawn are the columns the wrapper counted ... */
		assert_int_equal(col, l->width);
		/* ... and they show the line's characters, in order */
		char *got = row_text(&g, (int)i, col);
		char *want = dg_expect(t + l->start, l->end - l->start);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
	grid_free(&g);
	wrap_free(&w);
}

static void test_property_drawn_is_text(void **state)
{
	(void)state;
	srand(1919);
	for (int round = 0; round < 300; round++) {
		size_t len;
		char *t = dg_random_text(1 + (size_t)(rand() % 50), &len);
		for (int width = 1; width <= 60; width += 1 + rand() % 4) check_drawn(t, len, width);
		free(t);
	}
}

/* The report: a run of U+200B before "not safe" made "not" vanish at 13 of
 * 70 wrap positions. Every invisible class, in runs of 1 and 8, at every
 * column of panes 10 to 79 columns wide. */
static void test_word_after_invisible_run_every_column(void **state)
{
	(void)state;
	for (size_t k = 0; k < DG_NINVISIBLE; k++) {
		for (int run = 1; run <= 8; run += 7) {
			for (int width = 10; width < 80; width += 3) {
				for (int col = 0; col < width; col += 1 + (int)k % 3) {
					struct strbuf sb = STRBUF_INIT;
					strbuf_adds(&sb, "The inspector wrote that ");
					for (int i = 0; i < col; i++) strbuf_addc(&sb, i % 6 == 5 ? ' ' : 'o');
					for (int i = 0; i < run; i++) dg_add_cp(&sb, dg_invisible[k]);
					strbuf_adds(&sb, "not safe to cross.");
					check_drawn(sb.buf, sb.len, width);
					strbuf_free(&sb);
				}
			}
		}
	}
}

/* A ZWJ sequence is drawn as its pictographs side by side, in cells the
 * wrapper counted; at the edge the last one is not split. */
static void test_zwj_sequence_cells(void **state)
{
	(void)state;
	const char fam[] = "a \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC b";
	struct grid g;
	grid_init(&g, 0);
	grid_resize(&g, 1, 10);
	int col = grid_put(&g, 0, 0, 10, fam, sizeof fam - 1, 0, 0, -1);
	assert_int_equal(col, utf8_display_width(fam, sizeof fam - 1, 0));
	assert_int_equal(col, 8);
	assert_string_equal(grid_at(&g, 0, 2)->text, "\xF0\x9F\x91\xA9");
	assert_int_equal(grid_at(&g, 0, 3)->width, 0);
	assert_string_equal(grid_at(&g, 0, 4)->text, "\xF0\x9F\x94\xAC");
	assert_string_equal(grid_at(&g, 0, 7)->text, "b");
	grid_clear(&g);
	col = grid_put(&g, 0, 0, 5, fam, sizeof fam - 1, 0, 0, -1);
	assert_int_equal(col, 5);
	assert_string_equal(grid_at(&g, 0, 4)->text, " "); /* 🔬 not split */
	grid_free(&g);
}

static void test_styles_without_colour(void **state)
{
	(void)state;
	for (int no_color = 0; no_color <= 1; no_color++) {
		struct theme t;
		theme_init(&t, NULL, no_color, NULL);
		const struct style_def *s = t.s;
		/* where colour is not shown, marks, hits, the current hit and
		 * the selection differ from text and from each other */
		int apart[] = {STYLE_NORMAL, STYLE_MARK, STYLE_SEARCH, STYLE_SEARCH_CURRENT,
			       STYLE_SELECTION};
		for (size_t i = 0; i < sizeof apart / sizeof *apart; i++)
			for (size_t j = i + 1; j < sizeof apart / sizeof *apart; j++)
				assert_int_not_equal(s[apart[i]].mono, s[apart[j]].mono);
		assert_true(s[STYLE_MARK].mono & COLOR_ATTR_UNDERLINE);
		assert_int_not_equal(s[STYLE_CONTROL].mono, 0); /* placeholders, markers */
		assert_true(s[STYLE_SEARCH_CURRENT].mono & COLOR_ATTR_BOLD);
	}
	/* the shipped colours: under NO_COLOR only attributes, and still apart;
	 * with colour the current hit differs from the other hits */
	struct settings st = {0};
	struct color_spec cs[] = {
		{.style = "mark", .fg = "black", .bg = "yellow"},
		{.style = "search", .fg = "black", .bg = "cyan"},
		{.style = "search-current", .fg = "black", .bg = "magenta", .attrs = COLOR_ATTR_BOLD},
	};
	st.colors = cs;
	st.ncolors = 3;
	struct theme t;
	theme_init(&t, &st, true, NULL);
	assert_int_equal(t.s[STYLE_MARK].fg, -1);
	assert_int_equal(t.s[STYLE_MARK].attrs, COLOR_ATTR_UNDERLINE); /* was 0 */
	assert_int_not_equal(t.s[STYLE_SEARCH].attrs, t.s[STYLE_SEARCH_CURRENT].attrs);
	theme_init(&t, &st, false, NULL);
	assert_int_equal(t.s[STYLE_MARK].bg, 3);
	assert_true(t.s[STYLE_SEARCH].bg != t.s[STYLE_SEARCH_CURRENT].bg ||
		    t.s[STYLE_SEARCH].attrs != t.s[STYLE_SEARCH_CURRENT].attrs);
	assert_int_equal(theme_style_find("search-current"), STYLE_SEARCH_CURRENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property_drawn_is_text),
		cmocka_unit_test(test_word_after_invisible_run_every_column),
		cmocka_unit_test(test_zwj_sequence_cells),
		cmocka_unit_test(test_styles_without_colour),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
