/* SPDX-License-Identifier: MIT
 * Key notation, binding tables, layout at every size and grid clipping:
 * the ncurses-free parts of the reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/state/history.h"
#include "core/base/strbuf.h"
#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"

static void roundtrip(const char *in, const char *want)
{
	struct key k;
	const char *err;
	size_t n = keymap_parse(in, &k, &err);
	assert_int_equal(n, strlen(in));
	struct strbuf sb = STRBUF_INIT;
	keymap_format(&k, &sb);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void test_parse(void **st)
{
	(void)st;
	roundtrip("j", "j");
	roundtrip("<C-f>", "<C-f>");
	roundtrip("<C-F>", "<C-f>");
	roundtrip("<Down>", "<Down>");
	roundtrip("<PgDn>", "<PageDown>");
	roundtrip("<S-Tab>", "<S-Tab>");
	roundtrip("<Enter>", "<Enter>");
	roundtrip("<Space>", "<Space>");
	roundtrip("<Backspace>", "<Backspace>");
	roundtrip("<Esc>", "<Esc>");
	roundtrip("<F12>", "<F12>");
	roundtrip("é", "é");
	roundtrip("<", "<lt>");
	roundtrip("<S-a>", "A");
	struct key k;
	const char *err;
	assert_int_equal(keymap_parse("<Nope>", &k, &err), 0);
	assert_non_null(err);
	assert_int_equal(keymap_parse("<X-a>", &k, &err), 0);
	assert_int_equal(keymap_parse("\x01", &k, &err), 0);
	assert_int_equal(keymap_parse("\xff", &k, &err), 0);
	/* a token of several keys is read one key at a time */
	assert_int_equal(keymap_parse("jk", &k, &err), 1);
	assert_int_equal(keymap_parse("<Up>j", &k, &err), 4);
}

static void test_bind(void **st)
{
	(void)st;
	struct keymap km;
	struct diag_list dl = DIAG_LIST_INIT;
	keymap_init(&km);
	assert_int_equal(keymap_bind(&km, "global", "j", "move-down", "c.yaml", 3, 5, &dl), 0);
	assert_int_equal(keymap_bind(&km, "text", "j", "top", "c.yaml", 4, 5, &dl), 0);
	assert_int_equal(keymap_bind(&km, "global", "<Bogus>", "quit", "c.yaml", 7, 9, &dl), -1);
	assert_int_equal(keymap_bind(&km, "global", "x", "fly", "c.yaml", 8, 9, &dl), -1);
	assert_int_equal(keymap_bind(&km, "nowhere", "x", "quit", "c.yaml", 9, 3, &dl), -1);
	assert_int_equal(dl.n, 3);
	char *m = diag_format(&dl.items[1]);
	assert_string_equal(m, "c.yaml:8:9: unknown action 'fly' for key 'x'");
	free(m);
	struct key j = {.code = 'j'};
	assert_int_equal(keymap_lookup(&km, KP_LIST, &j), ACT_MOVE_DOWN);
	assert_int_equal(keymap_lookup(&km, KP_TEXT, &j), ACT_TOP);
	assert_int_equal(keymap_bind(&km, "global", "j", "none", "c.yaml", 10, 1, &dl), 0);
	assert_int_equal(keymap_lookup(&km, KP_LIST, &j), ACT_NONE);
	diag_list_free(&dl);
	keymap_free(&km);
}

static void test_layout_all_sizes(void **st)
{
	(void)st;
	struct layout_params p = {LAYOUT_AUTO, 30, 25, 100};
	for (int rows = 0; rows <= 60; rows++) {
		for (int cols = 0; cols <= 220; cols++) {
			struct layout l;
			layout_compute(&l, rows, cols, &p);
			if (l.too_small) continue;
			for (int i = 0; i < PANE_COUNT; i++) {
				struct rect r = l.pane[i];
				assert_true(r.rows >= 0 && r.cols >= 0);
				assert_true(r.row + r.rows <= rows - 2);
				assert_true(r.col + r.cols <= cols);
			}
			assert_true(l.pane[PANE_LIST].cols > 0 && l.pane[PANE_TEXT].cols > 0);
			assert_int_equal(l.stacked, cols < 100 || l.pane[PANE_RELATED].row > 0);
		}
	}
	struct layout l;
	layout_compute(&l, 3, 10, &p);
	assert_true(l.too_small);
}

static void test_grid_wide_edge(void **st)
{
	(void)st;
	struct grid g;
	grid_init(&g, 0);
	grid_resize(&g, 1, 5);
	/* "ab東京": the second wide character does not fit in column 4 */
	int end = grid_put(&g, 0, 0, 5, "ab\xe6\x9d\xb1\xe4\xba\xac", 8, 1, 2, -1);
	assert_int_equal(end, 5);
	assert_int_equal(grid_at(&g, 0, 2)->width, 2);
	assert_int_equal(grid_at(&g, 0, 3)->width, 0);
	assert_string_equal(grid_at(&g, 0, 4)->text, " ");
	/* overwriting the right half of a wide cell blanks its left half */
	grid_glyph(&g, 0, 3, "x", 0);
	assert_string_equal(grid_at(&g, 0, 2)->text, " ");
	/* an escape becomes a placeholder in the control style */
	grid_resize(&g, 1, 10);
	grid_put(&g, 0, 0, 10, "\x1b[2J", 4, 1, 7, -1);
	assert_string_equal(grid_at(&g, 0, 0)->text, "^");
	assert_int_equal(grid_at(&g, 0, 0)->style, 7);
	grid_free(&g);
}

static void test_history(void **st)
{
	(void)st;
	struct history h = HISTORY_INIT;
	assert_null(history_back(&h));
	history_push(&h, "a");
	history_push(&h, "b");
	history_push(&h, "b"); /* same article again: no new entry */
	history_push(&h, "c");
	assert_string_equal(history_back(&h), "b");
	assert_string_equal(history_back(&h), "a");
	assert_null(history_back(&h));
	assert_string_equal(history_forward(&h), "b");
	history_push(&h, "d"); /* drops the forward entry "c" */
	assert_null(history_forward(&h));
	assert_string_equal(history_back(&h), "b");
	assert_string_equal(history_current(&h), "b");
	history_free(&h);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* widths follow wcwidth(), as ncurses does */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_layout_all_sizes),
		cmocka_unit_test(test_grid_wide_edge),
		cmocka_unit_test(test_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
