/* SPDX-License-Identifier: MIT
 * The prompt line editor: editing keys, a cursor that moves by grapheme
 * cluster over é (both spellings), CJK and emoji sequences, history per
 * prompt kind, and drawing with horizontal scrolling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tui/grid.h"
#include "tui/prompt.h"
#include "tui/theme.h"

/* Feed keys in keymap notation, e.g. "abc<Left><C-w>". Returns the last
 * result. */
static enum prompt_result feed(struct prompt *p, const char *keys)
{
	enum prompt_result r = PROMPT_CONTINUE;
	while (*keys) {
		struct key k;
		const char *err;
		size_t n = keymap_parse(keys, &k, &err);
		assert_true(n > 0);
		r = prompt_handle_key(p, &k);
		keys += n;
	}
	return r;
}

static void test_editing(void **state)
{
	(void)state;
	struct prompt p;
	prompt_init(&p);
	prompt_open(&p, PROMPT_FILTER, "filter: ", "tag:x");
	assert_true(prompt_active(&p));
	assert_int_equal(p.cur, 5);
	assert_int_equal(feed(&p, " kyiv"), PROMPT_CHANGED);
	assert_string_equal(prompt_text(&p), "tag:x kyiv");
	assert_int_equal(feed(&p, "<Home>"), PROMPT_CONTINUE);
	assert_int_equal(p.cur, 0);
	feed(&p, "-");
	assert_string_equal(prompt_text(&p), "-tag:x kyiv");
	feed(&p, "<C-e><Left><Left><BS>");
	assert_string_equal(prompt_text(&p), "-tag:x kiv");
	feed(&p, "<Delete>");
	assert_string_equal(prompt_text(&p), "-tag:x kv");
	feed(&p, "<C-a><Right><Right><C-k>");
	assert_string_equal(prompt_text(&p), "-t");
	feed(&p, "ag:a b  c  <C-w>");
	assert_string_equal(prompt_text(&p), "-tag:a b  ");
	feed(&p, "<C-w>");
	assert_string_equal(prompt_text(&p), "-tag:a ");
	feed(&p, "<Left><Left>zz<C-u>");
	assert_string_equal(prompt_text(&p), "a ");
	assert_int_equal(p.cur, 0);
	/* keys that edit nothing do not say CHANGED */
	assert_int_equal(feed(&p, "<BS><C-u><Tab><F3>"), PROMPT_CONTINUE);
	assert_int_equal(feed(&p, "<Enter>"), PROMPT_ACCEPT);
	assert_false(prompt_active(&p));
	assert_string_equal(prompt_text(&p), "a ");
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	assert_string_equal(prompt_text(&p), "");
	assert_int_equal(feed(&p, "x<Esc>"), PROMPT_CANCEL);
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	assert_int_equal(feed(&p, "<C-c>"), PROMPT_CANCEL);
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	assert_int_equal(feed(&p, "<C-g>"), PROMPT_CANCEL);
	prompt_free(&p);
}

static void test_clusters(void **state)
{
	(void)state;
	struct prompt p;
	prompt_init(&p);
	/* decomposed é (e + U+0301), CJK, a family emoji (ZWJ sequence) */
	const char *fam = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	char init[64];
	snprintf(init, sizeof init, "e\xcc\x81" "\xe6\x9d\xb1%sz", fam);
	prompt_open(&p, PROMPT_SEARCH, "/", init);
	size_t len = strlen(init);
	assert_int_equal(p.cur, len);
	feed(&p, "<Left>");
	assert_int_equal(p.cur, len - 1); /* before z */
	feed(&p, "<Left>");
	assert_int_equal(p.cur, 3 + 3); /* the whole family is one step */
	feed(&p, "<Left>");
	assert_int_equal(p.cur, 3); /* 東 */
	feed(&p, "<Left>");
	assert_int_equal(p.cur, 0); /* e + combining acute together */
	feed(&p, "<Right>");
	assert_int_equal(p.cur, 3);
	feed(&p, "<BS>");
	assert_int_equal(p.cur, 0);
	assert_int_equal(strlen(prompt_text(&p)), len - 3);
	feed(&p, "<Delete>"); /* deletes 東 */
	feed(&p, "<Delete>"); /* deletes the whole family */
	assert_string_equal(prompt_text(&p), "z");
	/* typing a combining mark after a letter keeps the cursor on a
	 * boundary: after the composed cluster */
	feed(&p, "<End>e\xcc\x81");
	assert_string_equal(prompt_text(&p), "ze\xcc\x81");
	assert_int_equal(p.cur, 4);
	feed(&p, "<BS>");
	assert_string_equal(prompt_text(&p), "z");
	/* precomposed é is two bytes, one step */
	feed(&p, "\xc3\xa9<Left>");
	assert_int_equal(p.cur, 1);
	prompt_free(&p);
}

static void test_history(void **state)
{
	(void)state;
	struct prompt p;
	prompt_init(&p);
	prompt_open(&p, PROMPT_FILTER, "filter: ", NULL);
	feed(&p, "one<Enter>");
	prompt_open(&p, PROMPT_FILTER, "filter: ", NULL);
	feed(&p, "two<Enter>");
	prompt_open(&p, PROMPT_FILTER, "filter: ", NULL);
	feed(&p, "two<Enter>"); /* a repeat of the newest is not added */
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	feed(&p, "needle<Enter>");
	assert_int_equal(p.hist[PROMPT_FILTER].n, 2);
	assert_int_equal(p.hist[PROMPT_SEARCH].n, 1);

	prompt_open(&p, PROMPT_FILTER, "filter: ", NULL);
	feed(&p, "dra");
	assert_int_equal(feed(&p, "<Up>"), PROMPT_CHANGED);
	assert_string_equal(prompt_text(&p), "two");
	feed(&p, "<Up>");
	assert_string_equal(prompt_text(&p), "one");
	assert_int_equal(feed(&p, "<Up>"), PROMPT_CONTINUE); /* oldest: stays */
	assert_string_equal(prompt_text(&p), "one");
	feed(&p, "<Down><Down>");
	assert_string_equal(prompt_text(&p), "dra"); /* the draft comes back */
	assert_int_equal(feed(&p, "<Down>"), PROMPT_CONTINUE);
	feed(&p, "<Esc>");
	/* an empty line is not history */
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	feed(&p, "<Enter>");
	assert_int_equal(p.hist[PROMPT_SEARCH].n, 1);
	prompt_open(&p, PROMPT_SEARCH, "/", NULL);
	feed(&p, "<Up>");
	assert_string_equal(prompt_text(&p), "needle");
	feed(&p, "<Esc>");
	for (int i = 0; i < PROMPT_HISTORY_MAX + 20; i++) {
		char b[16];
		snprintf(b, sizeof b, "q%d", i);
		prompt_history_add(&p, PROMPT_TAG_JUMP, b);
	}
	assert_int_equal(p.hist[PROMPT_TAG_JUMP].n, PROMPT_HISTORY_MAX);
	assert_string_equal(p.hist[PROMPT_TAG_JUMP].v[0], "q20");
	prompt_free(&p);
}

static void row_text(struct grid *g, int row, char *out, size_t cap)
{
	size_t n = 0;
	for (int c = 0; c < g->cols; c++) {
		struct cell *cell = grid_at(g, row, c);
		if (cell->width == 0) continue;
		for (int i = 0; i < cell->len && n + 1 < cap; i++) out[n++] = cell->text[i];
	}
	while (n > 0 && out[n - 1] == ' ') n--;
	out[n] = '\0';
}

static void test_draw(void **state)
{
	(void)state;
	struct grid g;
	grid_init(&g, 0);
	grid_resize(&g, 1, 20);
	struct prompt p;
	prompt_init(&p);
	prompt_open(&p, PROMPT_FILTER, "f: ", "abcdefghijklmnopqrstuvwxyz");
	prompt_draw(&p, &g, 0, 0, 20);
	char line[256];
	row_text(&g, 0, line, sizeof line);
	/* 17 columns for text: 16 letters and the cursor cell */
	assert_string_equal(line, "f: klmnopqrstuvwxyz");
	assert_int_equal(grid_at(&g, 0, 19)->style, STYLE_SELECTED);
	feed(&p, "<Home>");
	prompt_draw(&p, &g, 0, 0, 20);
	row_text(&g, 0, line, sizeof line);
	assert_string_equal(line, "f: abcdefghijklmnopq");
	assert_int_equal(grid_at(&g, 0, 3)->style, STYLE_SELECTED);
	/* wide characters never straddle the edge; the cursor cell covers
	 * both columns of a wide cluster */
	prompt_open(&p, PROMPT_FILTER, "f: ", "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac"
					       "\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1\xe4\xba\xac\xe6\x9d\xb1");
	feed(&p, "<Home><Right>");
	prompt_draw(&p, &g, 0, 0, 20);
	assert_int_equal(grid_at(&g, 0, 5)->style, STYLE_SELECTED);
	assert_int_equal(grid_at(&g, 0, 5)->width, 2);
	/* an error spot and a note */
	prompt_open(&p, PROMPT_FILTER, "f: ", "(a");
	prompt_set_note(&p, "col 3: expected )", true, 2);
	grid_resize(&g, 1, 40);
	prompt_draw(&p, &g, 0, 0, 40);
	row_text(&g, 0, line, sizeof line);
	assert_non_null(strstr(line, "col 3: expected )"));
	assert_int_equal(grid_at(&g, 0, 5)->style, STYLE_ERROR); /* at the end */
	prompt_free(&p);
	grid_free(&g);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editing),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_draw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
