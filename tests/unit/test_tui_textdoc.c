/* SPDX-License-Identifier: MIT
 * The rendered article as display rows (tui/textdoc.c, issue 14): hanging
 * prefixes on wrapped rows, code kept whole and clipped with a marker,
 * tables laid out (and their fallback), offsets found on the right row
 * (a table cell included), nested styles flattened innermost-first, and
 * the raw body plain-wrapped. Drawn into a grid with a bare pane_ctx. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "core/text/render.h"
#include "tui/grid.h"
#include "tui/pane.h"
#include "tui/textdoc.h"
#include "tui/textmarks.h"
#include "tui/theme.h"

static struct render_doc *md(const char *s)
{
	return render_body(s, strlen(s), RENDER_MARKDOWN);
}

/* Row i's text, prefix included, as drawn into a grid of width w. */
static const char *row_text(const struct textdoc *td, size_t i, int w, struct grid *g, char *buf,
			    size_t cap)
{
	struct pane_ctx c = {0};
	grid_resize(g, 1, w);
	textdoc_draw(&c, g, 0, 0, w, td, i, NULL, NULL);
	size_t n = 0;
	for (int col = 0; col < w && n + 8 < cap; col++) {
		const struct cell *ce = grid_at(g, 0, col);
		if (!ce->width) continue;
		memcpy(buf + n, ce->text, ce->len);
		n += ce->len;
	}
	while (n && buf[n - 1] == ' ') n--;
	buf[n] = '\0';
	return buf;
}

static size_t find(const struct render_doc *d, const char *s)
{
	const char *p = strstr(d->text, s);
	assert_non_null(p);
	return (size_t)(p - d->text);
}

static void test_list_prefixes_wrap(void **state)
{
	(void)state;
	struct render_doc *d = md("- alpha beta gamma delta epsilon\n  1. inner café item\n\n> quoted words here\n");
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 16, 0);
	assert_string_equal(row_text(&td, 0, 16, &g, buf, sizeof buf), "• alpha beta");
	assert_string_equal(row_text(&td, 1, 16, &g, buf, sizeof buf), "  gamma delta");
	assert_string_equal(row_text(&td, 2, 16, &g, buf, sizeof buf), "  epsilon");
	assert_string_equal(row_text(&td, 3, 16, &g, buf, sizeof buf), "  1. inner café");
	assert_string_equal(row_text(&td, 4, 16, &g, buf, sizeof buf), "     item");
	size_t q = textdoc_row_of(&td, find(d, "here"));
	assert_string_equal(row_text(&td, q, 16, &g, buf, sizeof buf), "│ here");
	/* prefixes are display-only: the rows' bytes hold the words alone */
	assert_int_equal(td.rows[1].end - td.rows[1].start, strlen("gamma delta"));
	textdoc_free(&td);
	grid_free(&g);
	render_doc_free(d);
}

static void test_code_clipped_and_rule(void **state)
{
	(void)state;
	struct render_doc *d = md("```\nshort\nx = a_long_line_of_code(1, 2, 3)\n```\n\n---\n");
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 20, 0);
	assert_string_equal(row_text(&td, 0, 20, &g, buf, sizeof buf), "  short");
	/* not reflowed: one row, clipped, with a marker in the last column */
	assert_int_equal(td.rows[1].kind, RL_CODE);
	assert_string_equal(row_text(&td, 1, 20, &g, buf, sizeof buf), "  x = a_long_line_o→");
	assert_int_equal(td.rows[2].kind, RL_BLANK);
	assert_int_equal(td.rows[3].kind, RL_RULE);
	assert_string_equal(row_text(&td, 3, 20, &g, buf, sizeof buf), "────────────────────");
	/* wide enough: no marker */
	textdoc_build(&td, 40, 0);
	assert_string_equal(row_text(&td, 1, 40, &g, buf, sizeof buf), "  x = a_long_line_of_code(1, 2, 3)");
	textdoc_free(&td);
	grid_free(&g);
	render_doc_free(d);
}

/* < >: every code row moves together, clamped so the widest row's end is
 * the last thing to come into view; a tab keeps its stop, a CJK character
 * cut at the left edge leaves a blank; a wider pane scrolls back less. */
static void test_code_hscroll(void **state)
{
	(void)state;
	struct render_doc *d = md("```\nx = a_long_line_of_code(1, 2, 3)\n東京\tport\nok\n```\n");
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 20, 0);
	/* 32 columns in 18: 14 over */
	assert_int_equal(td.code_over, 14);
	assert_false(textdoc_hscroll(&td, -4)); /* already at the start */
	assert_true(textdoc_hscroll(&td, 1));
	assert_string_equal(row_text(&td, 0, 20, &g, buf, sizeof buf), "  ← = a_long_line_o→");
	assert_string_equal(row_text(&td, 1, 20, &g, buf, sizeof buf), "  ← 京    port"); /* 東 cut: a blank */
	assert_string_equal(row_text(&td, 2, 20, &g, buf, sizeof buf), "  ←k");
	assert_true(textdoc_hscroll(&td, 100));
	assert_int_equal(td.hscroll, 15);
	assert_string_equal(row_text(&td, 0, 20, &g, buf, sizeof buf), "  ←_of_code(1, 2, 3)");
	assert_false(textdoc_hscroll(&td, 1)); /* the end is in view */
	textdoc_build(&td, 30, 0);
	assert_int_equal(td.hscroll, 5); /* 32 columns in 28: 4 over, + the marker */
	textdoc_set(&td, d, d->text, d->len); /* a new text starts unscrolled */
	assert_int_equal(td.hscroll, 0);
	textdoc_free(&td);
	grid_free(&g);
	render_doc_free(d);
}

static void test_table_rows_and_offsets(void **state)
{
	(void)state;
	struct render_doc *d = md("| Name | Note |\n|---|---|\n| one | first |\n| two | second row note |\n\nafter\n");
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 40, 0);
	assert_string_equal(row_text(&td, 0, 40, &g, buf, sizeof buf), "Name │ Note");
	assert_string_equal(row_text(&td, 1, 40, &g, buf, sizeof buf), "─────┼────────────────");
	assert_string_equal(row_text(&td, 3, 40, &g, buf, sizeof buf), "two  │ second row note");
	/* a word in the second column is on its row, not the one above */
	assert_int_equal(textdoc_row_of(&td, find(d, "second")), 3);
	assert_int_equal(textdoc_row_of(&td, find(d, "first")), 2);
	size_t after = textdoc_row_of(&td, find(d, "after"));
	assert_string_equal(row_text(&td, after, 40, &g, buf, sizeof buf), "after");
	/* the first cell wraps to two rows: a word of the second cell is on
	 * the first of them, though the first cell's second line comes
	 * before it in the text */
	struct render_doc *d2 = md("| alpha beta gamma | zed |\n|---|---|\n| a | b |\n");
	struct textdoc td2 = {0};
	textdoc_set(&td2, d2, d2->text, d2->len);
	textdoc_build(&td2, 15, 0);
	size_t z = textdoc_row_of(&td2, find(d2, "zed"));
	assert_string_equal(row_text(&td2, z, 15, &g, buf, sizeof buf), "alpha     │ zed");
	assert_string_equal(row_text(&td2, z + 1, 15, &g, buf, sizeof buf), "beta      │");
	textdoc_free(&td2);
	render_doc_free(d2);
	/* too narrow for the columns: "Header: value" rows, found the same */
	textdoc_build(&td, 9, 0);
	size_t r = textdoc_row_of(&td, find(d, "second"));
	assert_int_equal(td.rows[r].kind, RL_TABLE_ROW);
	assert_string_equal(row_text(&td, r - 1, 9, &g, buf, sizeof buf), "Note:");
	assert_string_equal(row_text(&td, r, 9, &g, buf, sizeof buf), "  second");
	textdoc_free(&td);
	grid_free(&g);
	render_doc_free(d);
}

/* The mouse on a row: the prefix is not text, a table's border hits the
 * cell before it, and a column of the second cell hits that cell's text. */
static void test_hit_columns(void **state)
{
	(void)state;
	struct render_doc *d = md("- alpha beta\n\n| Name | Note |\n|---|---|\n| one | first |\n");
	struct textdoc td = {0};
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 40, 0);
	/* "• alpha beta": column 0-1 the bullet, 2 the a of alpha */
	struct tc_hit h = textdoc_hit(&td, 0, 0, 0);
	assert_int_equal(h.start, find(d, "alpha"));
	assert_int_equal(h.end, h.start);
	h = textdoc_hit(&td, 0, 2, 0);
	assert_int_equal(h.start, find(d, "alpha"));
	assert_int_equal(h.end, h.start + 1);
	h = textdoc_hit(&td, 0, 30, 0); /* past the end */
	assert_int_equal(h.start, find(d, "beta") + 4);
	/* "one  │ first": column 7 is the f of first; 5 the border */
	size_t r = textdoc_row_of(&td, find(d, "first"));
	h = textdoc_hit(&td, r, 7, 0);
	assert_int_equal(h.start, find(d, "first"));
	h = textdoc_hit(&td, r, 5, 0);
	assert_int_equal(h.start, find(d, "one") + 3);
	assert_int_equal(h.end, h.start);
	textdoc_free(&td);
	render_doc_free(d);
}

/* Styles: innermost wins (strong inside a link shows strong, the link's
 * text around it the link style); marks show over render styles. */
static void test_styles_nested_and_marks(void **state)
{
	(void)state;
	struct render_doc *d = md("# Head\n\nplain [a **bold** link](https://example.org/x) `code`\n");
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, d, d->text, d->len);
	textdoc_build(&td, 60, 0);
	assert_string_equal(row_text(&td, 0, 60, &g, buf, sizeof buf), "# Head");
	assert_int_equal(grid_at(&g, 0, 2)->style, STYLE_HEADING);
	size_t r = textdoc_row_of(&td, find(d, "plain"));
	assert_string_equal(row_text(&td, r, 60, &g, buf, sizeof buf), "plain a bold link[1] code");
	assert_int_equal(grid_at(&g, 0, 0)->style, STYLE_NORMAL);
	assert_int_equal(grid_at(&g, 0, 6)->style, STYLE_LINK);   /* a */
	assert_int_equal(grid_at(&g, 0, 8)->style, STYLE_STRONG); /* bold */
	assert_int_equal(grid_at(&g, 0, 13)->style, STYLE_LINK);  /* link */
	assert_int_equal(grid_at(&g, 0, 17)->style, STYLE_DIM);   /* [1] */
	assert_int_equal(grid_at(&g, 0, 21)->style, STYLE_CODE);
	/* a mark over "bold" shows as a mark */
	struct textmarks tm = {0};
	struct tmark m = {0};
	m.start = find(d, "bold");
	m.end = m.start + 4;
	m.status = MARK_OK;
	tm.v = &m;
	tm.n = 1;
	struct pane_ctx c = {0};
	textdoc_draw(&c, &g, 0, 0, 60, &td, r, &tm, NULL);
	assert_int_equal(grid_at(&g, 0, 8)->style, STYLE_MARK);
	assert_int_equal(grid_at(&g, 0, 13)->style, STYLE_LINK);
	textdoc_free(&td);
	grid_free(&g);
	render_doc_free(d);
}

static void test_raw_plain_wrap(void **state)
{
	(void)state;
	const char *body = "* star **stays**\n\n1. number";
	struct textdoc td = {0};
	struct grid g;
	grid_init(&g, 0);
	char buf[256];
	textdoc_set(&td, NULL, body, strlen(body));
	textdoc_build(&td, 30, 0);
	assert_int_equal(td.n, 3);
	assert_string_equal(row_text(&td, 0, 30, &g, buf, sizeof buf), "* star **stays**");
	assert_string_equal(row_text(&td, 2, 30, &g, buf, sizeof buf), "1. number");
	assert_int_equal(textdoc_row_of(&td, strlen(body) - 1), 2);
	textdoc_free(&td);
	grid_free(&g);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_prefixes_wrap),
		cmocka_unit_test(test_code_clipped_and_rule),
		cmocka_unit_test(test_code_hscroll),
		cmocka_unit_test(test_table_rows_and_offsets),
		cmocka_unit_test(test_styles_nested_and_marks),
		cmocka_unit_test(test_raw_plain_wrap),
		cmocka_unit_test(test_hit_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
