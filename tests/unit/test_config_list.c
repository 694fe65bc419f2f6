/* SPDX-License-Identifier: MIT
 * list.columns and list.widths in config.yaml (issue 19): the default
 * columns, a list or a compact string read over them, meta.KEY folded like
 * front-matter keys, and every mistake a warning at FILE:LINE:COL that
 * leaves the rest usable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/listcols.h"

static char tmp[] = "/tmp/dossier-cfglist-XXXXXX";
static char path[128];

/* Load text as the user's config; the diags formatted one per line. */
static void load(struct settings *s, const char *text, char *diags, size_t dn)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(config_load(s, path, &dl), 0);
	size_t n = 0;
	diags[0] = '\0';
	for (size_t i = 0; i < dl.n; i++) {
		char *m = diag_format(&dl.items[i]);
		const char *rel = strncmp(m, path, strlen(path)) == 0 ? m + strlen(path) : m;
		n += (size_t)snprintf(diags + n, n < dn ? dn - n : 0, "%s\n", rel);
		free(m);
	}
	diag_list_free(&dl);
}

static void joined(const struct strlist *l, char *out, size_t n)
{
	out[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		if (i) strncat(out, " ", n - strlen(out) - 1);
		strncat(out, l->v[i], n - strlen(out) - 1);
	}
}

static void test_defaults(void **st)
{
	(void)st;
	struct settings s;
	char d[1024], cols[256];
	load(&s, "", d, sizeof d);
	assert_string_equal(d, "");
	joined(&s.list_columns, cols, sizeof cols);
	assert_string_equal(cols, "read date source title marks");
	for (size_t i = 0; listcols_default[i]; i++)
		assert_string_equal(s.list_columns.v[i], listcols_default[i]);
	assert_int_equal(s.nlist_widths, 0);
	config_free(&s);
}

static void test_columns_and_widths(void **st)
{
	(void)st;
	struct settings s;
	char d[1024], cols[256];
	load(&s,
	     "list:\n"
	     "  columns: [date, title, authors, tags, meta.Publisher]\n"
	     "  widths: {authors: 14, meta.PUBLISHER: 9, source: 20}\n",
	     d, sizeof d);
	assert_string_equal(d, "");
	joined(&s.list_columns, cols, sizeof cols);
	assert_string_equal(cols, "date title authors tags meta.publisher");
	assert_int_equal(s.nlist_widths, 3);
	assert_string_equal(s.list_widths[0].name, "authors");
	assert_int_equal(s.list_widths[0].width, 14);
	assert_string_equal(s.list_widths[1].name, "meta.publisher");
	assert_int_equal(s.list_widths[1].width, 9);
	config_free(&s);

	/* the compact string form */
	load(&s, "list: {columns: \"read date  title,lang\"}\n", d, sizeof d);
	assert_string_equal(d, "");
	joined(&s.list_columns, cols, sizeof cols);
	assert_string_equal(cols, "read date title lang");
	config_free(&s);
}

static void test_mistakes(void **st)
{
	(void)st;
	struct settings s;
	char d[2048], cols[256];
	load(&s,
	     "list:\n"
	     "  columns: [read, sorce, date, date, meta.]\n"
	     "  widths: {title: 30, bogus: 3, date: 0, tags: wide}\n"
	     "  colums: []\n",
	     d, sizeof d);
	assert_string_equal(d,
		":2:19: warning: unknown list column 'sorce' (read, date, source, title, authors, "
		"tags, url, lang, marks, or meta.KEY for a front-matter key); ignored\n"
		":2:32: warning: list column 'date' is named twice; the first is kept\n"
		":2:38: warning: unknown list column 'meta.' (read, date, source, title, authors, "
		"tags, url, lang, marks, or meta.KEY for a front-matter key); ignored\n"
		":2:12: warning: columns: no title column; it is added at the end\n"
		":3:12: warning: list column 'title' takes the room it needs; its width is ignored\n"
		":3:23: warning: unknown list column 'bogus'; ignored\n"
		":3:39: warning: date: expected a number from 1 to 200; ignored\n"
		":3:48: warning: tags: expected a number from 1 to 200; ignored\n"
		":4:3: warning: unknown key 'list.colums'\n");
	joined(&s.list_columns, cols, sizeof cols);
	assert_string_equal(cols, "read date title");
	assert_int_equal(s.nlist_widths, 0);
	config_free(&s);

	/* an empty list keeps the columns there were */
	load(&s, "list:\n  columns: []\n", d, sizeof d);
	assert_string_equal(d, ":2:12: warning: columns: no column; the list keeps its columns\n");
	joined(&s.list_columns, cols, sizeof cols);
	assert_string_equal(cols, "read date source title marks");
	config_free(&s);
}

static void test_kinds(void **st)
{
	(void)st;
	assert_int_equal(listcols_kind("title"), LIST_COL_TITLE);
	assert_int_equal(listcols_kind("meta.x"), LIST_COL_META);
	assert_int_equal(listcols_kind("meta."), LIST_COL_NONE);
	assert_int_equal(listcols_kind("meta.KEY"), LIST_COL_META);
	assert_int_equal(listcols_kind("Title"), LIST_COL_NONE);
	assert_string_equal(listcols_name(LIST_COL_MARKS), "marks");
	assert_int_equal(listcols_auto_width(LIST_COL_DATE, 100), 10);
	assert_int_equal(listcols_auto_width(LIST_COL_SOURCE, 44), 7);
	assert_int_equal(listcols_auto_width(LIST_COL_SOURCE, 200), 12);
}

static int setup(void **st)
{
	(void)st;
	if (!mkdtemp(tmp)) return -1;
	snprintf(path, sizeof path, "%s/config.yaml", tmp);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	unlink(path);
	return rmdir(tmp);
}

/* pipe.output: show (the default), discard, and a mistake reported at
 * its place with the old value kept. */
static void test_pipe_output(void **st)
{
	(void)st;
	struct settings s;
	char d[512];
	load(&s, "copy:\n  osc52: false\n", d, sizeof d);
	assert_false(s.pipe_discard);
	config_free(&s);
	load(&s, "pipe:\n  output: discard\n", d, sizeof d);
	assert_string_equal(d, "");
	assert_true(s.pipe_discard);
	config_free(&s);
	load(&s, "pipe:\n  output: pager\n  show: yes\n", d, sizeof d);
	assert_false(s.pipe_discard);
	assert_string_equal(d, ":2:11: warning: pipe.output: expected show or discard, not 'pager'; ignored\n"
			       ":3:3: warning: unknown key 'pipe.show'\n");
	config_free(&s);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_columns_and_widths),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_pipe_output),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
