/* SPDX-License-Identifier: MIT
 * The front-matter reader for plain shapes (core/meta/yamlfast.c) against
 * libyaml's (yamltree_parse_as): whenever the fast one accepts a text, the
 * two trees agree node for node (kind, text, plain, line, column), and
 * libyaml reports nothing, and every text it made lies in the one block
 * it allocates for them; it accepts the Jekyll/Hugo shapes it is for and
 * declines the rest. Run on hand-made cases, on every front matter under
 * tests/data and tests/fuzz/corpus, and on the folders listed in
 * DOSSIER_YAMLFAST_DIRS (colon-separated; e.g. a real blog's _posts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/fsutil.h"
#include "core/base/util.h"
#include "core/meta/frontmatter.h"
#include "core/meta/yamltree.h"
#include "core/text/utf8.h"

static size_t n_checked, n_fast;

static void same_tree(const struct ynode *a, const struct ynode *b, const char *what)
{
	if (a->kind != b->kind || a->n != b->n || a->plain != b->plain || a->partial != b->partial ||
	    a->line != b->line || a->col != b->col || a->len != b->len ||
	    (a->kind == YNODE_SCALAR && memcmp(a->text, b->text, a->len) != 0)) {
		fprintf(stderr, "differs in %s: kind %d/%d n %zu/%zu plain %d/%d at %d:%d / %d:%d text '%s' / '%s'\n",
			what, a->kind, b->kind, a->n, b->n, a->plain, b->plain, a->line, a->col, b->line,
			b->col, a->kind == YNODE_SCALAR ? a->text : "", b->kind == YNODE_SCALAR ? b->text : "");
		fail();
	}
	for (size_t i = 0; i < a->n; i++) same_tree(&a->kids[i], &b->kids[i], what);
}

/* Every scalar the fast reader made lies in its root's one block (the
 * block's size, len + 1, holds them all: no text allocated alone). */
static void in_block(const struct ynode *n, const struct ynode *root, size_t len)
{
	if (n->kind == YNODE_SCALAR) {
		assert_true(n->borrowed);
		assert_true(n->text >= root->block && n->text + n->len < root->block + len + 1);
	}
	for (size_t i = 0; i < n->n; i++) in_block(&n->kids[i], root, len);
}

/* Compare the two readers on one text; returns whether the fast one took it. */
static bool check(const char *text, size_t len, int line_base, const char *what)
{
	struct ynode fast, slow;
	struct diag_list dl = DIAG_LIST_INIT;
	bool took = yamltree_parse_simple(text, len, line_base, &fast);
	int rc = yamltree_parse_as(text, len, what, line_base, "front matter", YAMLTREE_MAX_NODES,
				   &slow, &dl);
	n_checked++;
	if (took) {
		n_fast++;
		if (rc != 0 || dl.n) fprintf(stderr, "libyaml says no to what the fast reader took: %s\n", what);
		assert_int_equal(rc, 0);
		assert_int_equal(dl.n, 0);
		same_tree(&fast, &slow, what);
		in_block(&fast, &fast, len);
		yamltree_free(&fast);
	}
	yamltree_free(&slow);
	diag_list_free(&dl);
	return took;
}

#define TAKES(lit) assert_true(check(lit, sizeof(lit) - 1, 2, lit))
#define DECLINES(lit) assert_false(check(lit, sizeof(lit) - 1, 2, lit))

static void test_shapes(void **st)
{
	(void)st;
	TAKES("title: Hello world\n");
	TAKES("title: Hello world");
	TAKES("title:   spaced out   \ndate: 2024-05-01\n");
	TAKES("title: \xe2\x80\x9c" "Curly\xe2\x80\x9d \xe2\x80\x94 caf\xc3\xa9 \xe5\x8c\x97\xe4\xba\xac \xf0\x9f\x98\x80 na\xc3\xaf" "ve\ndate: 2024-05-01 10:30:00 +0200\n");
	TAKES("title: \"Quoted: with colon\"\nsource: 'single # quoted'\n");
	TAKES("tags: [a, b c, \xc3\xa9t\xc3\xa9]\ncategories: []\nx: [ one ,two ]\n");
	TAKES("authors: [\"Zo\xc3\xab Br\xc3\xb8nnum\", 'Mei Lin' , \"a, b: c\", plain]\n");
	TAKES("tags:\n- alpha\n- beta gamma\nlayout: post\n");
	TAKES("tags:\n- '3.3'\n- \"quoted: colon\"\n- [x, y]\n- plain\n");
	TAKES("tags:\n  - alpha\n  - \xce\xb2\xce\xb7\xcf\x84\xce\xb1\nauthor: Ana\n");
	TAKES("url: http://example.com/a?b=c#frag\nn: 5\nok: true\nnothing: ~\n");
	TAKES("a: b,c [d] {e}\nb: it's \"fine\"\nc: x#y\nd: 50%\n");
	TAKES("title: \xe6\x9d\xb1\xe4\xba\xac:colon, then text\n");
	TAKES("key-with-dash: v\nkey_2: w\n");
	/* left to libyaml */
	DECLINES("");
	DECLINES("title: a: b\n");
	DECLINES("title: ends with colon:\n");
	DECLINES("title: a # comment\n");
	DECLINES("# comment\ntitle: x\n");
	TAKES("\n\ntitle: x\n\ndate: y\ntags:\n\n- a\n\n- b\n\nz: 1\n\n");
	DECLINES("title: x\n\n  continued after a blank line\n");
	DECLINES("tags:\n- a\n\n  continued\n");
	DECLINES("\n\n");
	DECLINES("  \ntitle: x\n");
	DECLINES("title: first\n  continued\n");
	DECLINES("title: &a anchor\n");
	DECLINES("title: *a\n");
	DECLINES("title: !tag x\n");
	DECLINES("title: |\n  block\n");
	DECLINES("title: >\n  folded\n");
	DECLINES("title: \"esc \\\" aped\"\n");
	DECLINES("title: 'it''s'\n");
	DECLINES("title: \"open\n  close\"\n");
	DECLINES("tags: [a, b,]\n");
	DECLINES("tags: [a, [b]]\n");
	DECLINES("tags: [a, 'b''c']\n");
	DECLINES("tags: [\"a\\\"b\"]\n");
	DECLINES("tags: [\"a\" b]\n");
	DECLINES("tags: [\"a\"\n");
	DECLINES("tags: [a: b]\n");
	DECLINES("tags: [a,\n  b]\n");
	DECLINES("tags:\n- a\n  - b\n");
	DECLINES("tags:\n- a: b\n");
	DECLINES("tags:\n- a\n  more\n");
	DECLINES("tags:\n-\n");
	DECLINES("empty:\nnext: x\n");
	DECLINES("key:value\n");
	DECLINES("key\t: v\n");
	DECLINES("key: tab\there\n");
	DECLINES("key: v\r\n");
	DECLINES("two words: v\n");
	DECLINES("- a\n- b\n");
	DECLINES("title: x\n---\n");
	DECLINES("title: x\n...\n");
	DECLINES("title: x\ntitle: y\ntitle: a: b\n");
	DECLINES("title: \xc2\x85nel\n");
	DECLINES("title: a\xe2\x80\xa8line sep\n");
	DECLINES("title: @at\n");
	DECLINES("title: `tick\n");
	DECLINES("title: %pct\n");
	DECLINES("title: -5\n");
	DECLINES("title: x\n - y\n");
	/* duplicate keys are the caller's to judge: both readers keep them */
	TAKES("title: one\ntitle: two\n");
}

/* Every file's front matter under dir (recursively). */
static void check_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > 8) {
		if (d) closedir(d);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) < 0) continue;
		if (S_ISDIR(st.st_mode)) {
			check_dir(path, depth + 1);
			continue;
		}
		if (!S_ISREG(st.st_mode)) continue;
		char *buf = NULL;
		size_t len = 0;
		if (fsutil_read_file(path, 1u << 20, &buf, &len) != 0 || !buf) continue;
		struct fm_split sp;
		frontmatter_split(buf, len, &sp);
		if (sp.found && sp.syntax != FM_YAML) sp.found = false; /* TOML, JSON: not YAML's */
		/* both readers get valid UTF-8, as frontmatter.c repairs it first */
		size_t off = sp.found ? sp.yaml_off : 0, n = sp.found ? sp.yaml_len : len, flen;
		char *fixed = utf8_repair(buf + off, n, &flen);
		/* a fuzz seed may be bare YAML */
		if (sp.found || strstr(dir, "fuzz")) check(fixed, flen, sp.found ? sp.yaml_line : 1, path);
		free(fixed);
		free(buf);
	}
	closedir(d);
}

static void test_files(void **st)
{
	(void)st;
	n_checked = n_fast = 0;
	check_dir("tests/data", 0);
	check_dir("tests/fuzz/corpus", 0);
	size_t fast_fixtures = n_fast;
	const char *extra = getenv("DOSSIER_YAMLFAST_DIRS");
	if (extra) {
		char *copy = xstrdup(extra), *save = NULL;
		for (char *t = strtok_r(copy, ":", &save); t; t = strtok_r(NULL, ":", &save))
			check_dir(t, 0);
		free(copy);
	}
	fprintf(stderr, "yamlfast: %zu front matters compared, %zu read by the fast path\n", n_checked,
		n_fast);
	assert_true(n_checked > 50);
	assert_true(fast_fixtures > 10); /* the fixtures exercise it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
