/* SPDX-License-Identifier: MIT
 * Unit tests for what the fuzzers found (tests/fuzz/regress/ keeps the raw
 * inputs; these pin the behaviour down by name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/meta/article.h"
#include "core/meta/fieldmap.h"
#include "core/meta/frontmatter.h"
#include "core/import/import.h"
#include "core/text/segment.h"
#include "core/text/wrap.h"
#include "core/state/store.h"
#include "core/meta/yamltree.h"

static void assert_no_null_scalar(const struct ynode *n)
{
	if (n->kind == YNODE_SCALAR) {
		assert_non_null(n->text);
		assert_int_equal(n->text[n->len], '\0');
	}
	for (size_t i = 0; i < n->n; i++) assert_no_null_scalar(&n->kids[i]);
}

/* fuzz_frontmatter, crash 1: an alias (refused) left its node with a NULL
 * text, which the field readers then used (a segfault on `date: *x`). */
static void test_alias_leaves_no_null_text(void **st)
{
	(void)st;
	static const char *const inputs[] = {
	    "title: *nope\n", "date: *nope\n", "tags: *nope\n", "tags: [a, *nope]\n",
	    "*k : 1\nb: 2\n", "a: 1\n*k : 2\n", "authors: {x: *y}\n", "*a\n",
	};
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		struct ynode root;
		struct diag_list dl = DIAG_LIST_INIT;
		assert_int_equal(yamltree_parse(inputs[i], strlen(inputs[i]), "t.md", 2, &root, &dl), -1);
		assert_no_null_scalar(&root);
		assert_true(dl.n >= 1);
		assert_non_null(strstr(dl.items[0].msg, "aliases not allowed"));
		yamltree_free(&root);
		diag_list_free(&dl);

		struct article a;
		memset(&a, 0, sizeof a);
		frontmatter_read(&a, inputs[i], strlen(inputs[i]), "t.md", 2, &fm, &dl);
		assert_true(dl.n >= 1);
		assert_int_equal(a.date, 0);
		assert_int_equal(a.tags.n, 0);
		article_free(&a);
		diag_list_free(&dl);
	}
	fieldmap_free(&fm);
}

/* The node limit and the depth limit cut the tree short the same way. */
static void test_limits_leave_no_null_text(void **st)
{
	(void)st;
	size_t n = 3 * (YAMLTREE_MAX_NODES + 10);
	char *many = malloc(n + 3);
	assert_non_null(many);
	many[0] = '[';
	for (size_t i = 0; i < YAMLTREE_MAX_NODES + 10; i++) memcpy(many + 1 + 3 * i, "1, ", 3);
	many[n] = ']';
	many[n + 1] = '\0';
	struct ynode root;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(yamltree_parse(many, strlen(many), "t.md", 1, &root, &dl), -1);
	assert_no_null_scalar(&root);
	assert_true(root.partial);
	yamltree_free(&root);
	diag_list_free(&dl);
	free(many);
}

/* fuzz_store, timeout 1: an alias inside a mark ("*nd: 2") left the reader
 * out of step with the YAML structure; skipping then ran past the end of
 * the stream, where libyaml returns empty events forever (a hang). */
static void test_state_alias_does_not_hang(void **st)
{
	(void)st;
	static const char *const inputs[] = {
	    "marks:\n  - article: a\n    *nd: 2\n    text: t\n  - x\n",
	    "marks:\n  - *m\n",
	    "articles:\n  a: {read: *r}\n  b: {*k : 1}\nmarks: []\n",
	    "articles:\n  *a : {read: true}\n",
	    "marks: [{article: a, text: t, start: 0, end: *e}]\n",
	};
	char dir[] = "/tmp/dossier-fuzzfound-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/state.yaml", dir);
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(inputs[i], f);
		assert_int_equal(fclose(f), 0);
		struct diag_list dl = DIAG_LIST_INIT;
		time_t t0 = time(NULL);
		struct store *s = store_open(path, &dl);
		assert_true(time(NULL) - t0 < 3);
		assert_non_null(s);
		bool said = false;
		for (size_t k = 0; k < dl.n; k++)
			said |= strstr(dl.items[k].msg, "aliases are not allowed") != NULL;
		assert_true(said);
		assert_int_equal(store_mark_count(s), 0);
		store_free(s);
		diag_list_free(&dl);
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -f %s/*", dir);
		assert_int_equal(system(cmd), 0);
	}
	assert_int_equal(rmdir(dir), 0);
}

/* fuzz_wrap, oom 1: a line starting with a stray continuation byte
 * ("\n\x89") made segment_line_end step back onto the previous line, so
 * wrap_text never advanced and pushed lines until memory ran out. */
static void test_stray_continuation_after_newline(void **st)
{
	(void)st;
	const char t[] = "ab\n\x89  cd  \n\xbf\n\xe2\x80\xa8\x80x";
	size_t len = sizeof t - 1, next = 0;
	assert_int_equal(segment_line_end(t, len, 3, &next), 10);
	assert_int_equal(next, 11);
	assert_int_equal(segment_line_start(t, len, 3), 3);
	assert_int_equal(segment_line_start(t, len, 11), 11);
	assert_int_equal(segment_line_start(t, len, 12), 11);
	assert_int_equal(segment_line_end(t, len, 11, &next), 12);
	/* inside a real U+2028 it still belongs to the line it ends */
	assert_int_equal(segment_line_end(t, len, 14, &next), 13);
	assert_int_equal(next, 16);
	struct wrap w;
	memset(&w, 0, sizeof w);
	wrap_text(&w, t, len, 80, 0);
	/* "ab", "\x89  cd", "\xbf", a blank line, "\x80x" */
	assert_int_equal(w.n, 5);
	assert_int_equal(w.lines[1].start, 3);
	assert_int_equal(w.lines[1].end, 10);
	assert_int_equal(w.lines[2].start, 11);
	assert_true(w.lines[3].blank);
	assert_int_equal(w.lines[4].start, 16);
	assert_int_equal(w.lines[4].end, 18);
	wrap_free(&w);
}

/* fuzz_import, crash 2: a title holding U+FFFF was written raw into the
 * front matter, which libyaml then refused: the imported article lost all
 * its metadata. */
static void test_import_title_nonchar_round_trip(void **st)
{
	(void)st;
	const char text[] = "Odd \xef\xbf\xbf and \xef\xbf\xbe title\n\nBody text here.\n";
	struct import_result r;
	memset(&r, 0, sizeof r);
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(import_parse(text, sizeof text - 1, NULL, NULL, NULL, "t.txt", &r, &dl), 0);
	size_t len = 0;
	char *out = import_render(&r, NULL, &len);
	assert_non_null(strstr(out, "\\uFFFF"));
	struct fm_split sp;
	frontmatter_split(out, len, &sp);
	assert_true(sp.found);
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	struct article a;
	memset(&a, 0, sizeof a);
	frontmatter_read(&a, out + sp.yaml_off, sp.yaml_len, "t.md", 2, &fm, &dl);
	assert_int_equal(dl.n, 0);
	assert_string_equal(a.title, r.title);
	article_free(&a);
	fieldmap_free(&fm);
	free(out);
	import_result_free(&r);
	diag_list_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alias_leaves_no_null_text),
	    cmocka_unit_test(test_limits_leave_no_null_text),
	    cmocka_unit_test(test_state_alias_does_not_hang),
	    cmocka_unit_test(test_stray_continuation_after_newline),
	    cmocka_unit_test(test_import_title_nonchar_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
