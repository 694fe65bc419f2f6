/* SPDX-License-Identifier: MIT
 * The TOML front-matter reader (tomltree.c) and the JSON one (jsontree.c):
 * every kind of value, tables, positions in the file, every error with its
 * FILE:LINE:COL message, TOML's no-redefinition rules, the limits, and
 * truncated input at every length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/meta/tomltree.h"

/* The tree as one line: plain scalars bare, strings quoted, [list], {map},
 * ? for a value an error cut short. */
static void dump(struct strbuf *sb, const struct ynode *n)
{
	if (n->kind == YNODE_SCALAR && n->partial) {
		strbuf_addc(sb, '?'); /* cut short by an error */
		return;
	}
	if (n->kind == YNODE_SCALAR) {
		if (!n->plain) strbuf_addc(sb, '"');
		for (size_t i = 0; i < n->len; i++) {
			if (n->text[i] == '\0') strbuf_adds(sb, "\\0");
			else if (n->text[i] == '\n') strbuf_adds(sb, "\\n");
			else strbuf_addc(sb, n->text[i]);
		}
		if (!n->plain) strbuf_addc(sb, '"');
		return;
	}
	bool map = n->kind == YNODE_MAP;
	strbuf_addc(sb, map ? '{' : '[');
	for (size_t i = 0; i < n->n; i++) {
		if (i) strbuf_adds(sb, map && i % 2 ? ": " : ", ");
		dump(sb, &n->kids[i]);
	}
	strbuf_addc(sb, map ? '}' : ']');
}

struct res {
	struct ynode root;
	struct diag_list dl;
	int rc;
	char *tree;  /* dump of root */
	char *diags; /* every diag formatted, one a line */
};

static void res_free(struct res *r)
{
	yamltree_free(&r->root);
	diag_list_free(&r->dl);
	free(r->tree);
	free(r->diags);
}

static void run(struct res *r, const char *text, size_t len, int line_base)
{
	memset(r, 0, sizeof *r);
	r->rc = tomltree_parse(text, len, "t.md", line_base, &r->root, &r->dl);
	struct strbuf sb = STRBUF_INIT;
	dump(&sb, &r->root);
	r->tree = strbuf_steal(&sb);
	for (size_t i = 0; i < r->dl.n; i++) {
		char *s = diag_format(&r->dl.items[i]);
		strbuf_adds(&sb, s);
		strbuf_addc(&sb, '\n');
		free(s);
	}
	r->diags = strbuf_steal(&sb);
}

/* Parse text from file line 2; check the tree and the messages. */
static void expect(const char *text, int rc, const char *tree, const char *diags)
{
	struct res r;
	run(&r, text, strlen(text), 2);
	if (strcmp(r.tree, tree) != 0 || strcmp(r.diags, diags) != 0 || r.rc != rc)
		fprintf(stderr, "input:\n%s\ntree:  %s\ndiags: %s(rc %d)\n", text, r.tree, r.diags, r.rc);
	assert_string_equal(r.tree, tree);
	assert_string_equal(r.diags, diags);
	assert_int_equal(r.rc, rc);
	res_free(&r);
}

static void ok(const char *text, const char *tree) { expect(text, 0, tree, ""); }

static void test_values(void **st)
{
	(void)st;
	ok("", "{}");
	ok("# only a comment\n\n", "{}");
	ok("a = \"Ærøskøbing “quay”\"\nb = 'C:\\path\\n'\nc = true\nd = false\n",
	   "{a: \"Ærøskøbing “quay”\", b: \"C:\\path\\n\", c: true, d: false}");
	ok("n = 1_000\nh = 0xDEAD_beef\no = 0o755\nb = 0b1101\nm = -17\np = +3\nz = 0\n",
	   "{n: 1_000, h: 0xDEAD_beef, o: 0o755, b: 0b1101, m: -17, p: +3, z: 0}");
	ok("f = 3.14\ng = -0.5e-3\nh = 6E+2\ni = inf\nj = -inf\nk = nan\nl = 1_0.2_5\n",
	   "{f: 3.14, g: -0.5e-3, h: 6E+2, i: inf, j: -inf, k: nan, l: 1_0.2_5}");
	ok("a = 2025-06-26T10:00:00Z\nb = 2025-06-26\nc = 07:32:00\nd = 1979-05-27 07:32:00.999+02:00\n"
	   "e = 2025-06-26t10:00:00-05:30\nf = 2025-06-26T10:00\n",
	   "{a: 2025-06-26T10:00:00Z, b: 2025-06-26, c: 07:32:00, d: 1979-05-27 07:32:00.999+02:00, "
	   "e: 2025-06-26t10:00:00-05:30, f: 2025-06-26T10:00}");
	ok("k = \"\"\nl = ''\n", "{k: \"\", l: \"\"}");
	ok("  indented = 1   # trailing comment\n\t tab = 2\n", "{indented: 1, tab: 2}");
}

static void test_escapes(void **st)
{
	(void)st;
	ok("e = \"b\\bt\\tn\\nf\\fr\\rq\\\"s\\\\\"\n", "{e: \"b\bt\tn\\nf\fr\rq\"s\\\"}");
	ok("u = \"\\u00e9\\u4E2D\\U0001F600\\u0000x\"\n", "{u: \"é中😀\\0x\"}");
	ok("t = \"tab\there\"\n", "{t: \"tab\there\"}");
	ok("lit = 'no \\u00e9 escapes \"here\"'\n", "{lit: \"no \\u00e9 escapes \"here\"\"}");
}

static void test_multiline(void **st)
{
	(void)st;
	ok("s = \"\"\"\nline one\nline two\"\"\"\n", "{s: \"line one\\nline two\"}");
	ok("s = \"\"\"one \\\n    two \\\n\n   three\"\"\"\n", "{s: \"one two three\"}");
	ok("s = \"\"\"a \\\"quote\\\" and \"\" two\"\"\"\n", "{s: \"a \"quote\" and \"\" two\"}");
	ok("s = \"\"\"ends in quotes\"\"\"\"\"\n", "{s: \"ends in quotes\"\"\"}");
	ok("s = '''\nC:\\raw\\path\n  kept  '''\n", "{s: \"C:\\raw\\path\\n  kept  \"}");
	ok("s = '''it''s'''\n", "{s: \"it''s\"}");
	ok("s = \"\"\"crlf\r\nline\"\"\"\r\nt = 1\r\n", "{s: \"crlf\\nline\", t: 1}");
	ok("s = \"\"\"\"\"\"\n", "{s: \"\"}");
}

static void test_arrays_and_inline(void **st)
{
	(void)st;
	ok("a = [1, 2, 3]\nb = []\nc = [ \"x\", 'y', ]\n", "{a: [1, 2, 3], b: [], c: [\"x\", \"y\"]}");
	ok("tags = [\n  \"经济\",   # economy\n  # a comment line\n  \"Kyiv\",\n]\nn = 1\n",
	   "{tags: [\"经济\", \"Kyiv\"], n: 1}");
	ok("m = [[1, 2], [\"a\"], [], 2025-01-02]\n", "{m: [[1, 2], [\"a\"], [], 2025-01-02]}");
	ok("p = { name = \"Zoë\", age = 41 }\nq = {}\n", "{p: {name: \"Zoë\", age: 41}, q: {}}");
	ok("r = { a.b = 1, a.c = [2] }\n", "{r: {a: {b: 1, c: [2]}}}");
	ok("s = [ { x = 1 }, { y = { z = true } } ]\n", "{s: [{x: 1}, {y: {z: true}}]}");
	ok("t = {\n  a = 1, # lenient, as TOML 1.1\n  b = 2,\n}\n", "{t: {a: 1, b: 2}}");
}

static void test_tables(void **st)
{
	(void)st;
	ok("title = \"Announcing\"\n\n[extra]\nrelease = true\n\n[taxonomies]\ntags = [\"rust\"]\n",
	   "{title: \"Announcing\", extra: {release: true}, taxonomies: {tags: [\"rust\"]}}");
	ok("[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b.d]\n", "{a: {b: {c: {x: 1}, d: {}}, y: 2}}");
	ok("[ a . \"b c\" . 'd' ]\nk = 1\n", "{a: {b c: {d: {k: 1}}}}");
	ok("site.name = \"Harbour\"\nsite.lang = \"nl\"\n\"quoted key\" = 1\n'lit' = 2\n\"\" = 3\n",
	   "{site: {name: \"Harbour\", lang: \"nl\"}, quoted key: 1, lit: 2, : 3}");
	ok("[[authors]]\nname = \"Ann\"\n[[authors]]\nname = \"Bo\"\n[authors.social]\nx = 1\n",
	   "{authors: [{name: \"Ann\"}, {name: \"Bo\", social: {x: 1}}]}");
	ok("[[a.b]]\nn = 1\n[[a.b]]\n[a.c]\n", "{a: {b: [{n: 1}, {}], c: {}}}");
	ok("[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n",
	   "{fruit: {apple: {color: \"red\", texture: {smooth: true}}}}");
	ok("[x] # header comment\n", "{x: {}}");
}

static void test_positions(void **st)
{
	(void)st;
	const char *s = "title = \"Ç\"\n\n[extra]\n  \"é\" = [1,\n 22]\n";
	struct res r;
	run(&r, s, strlen(s), 5);
	assert_int_equal(r.rc, 0);
	const struct ynode *root = &r.root;
	assert_int_equal(root->line, 5);
	assert_int_equal(root->col, 1);
	assert_int_equal(root->kids[0].line, 5); /* title */
	assert_int_equal(root->kids[0].col, 1);
	assert_int_equal(root->kids[1].line, 5); /* "Ç" */
	assert_int_equal(root->kids[1].col, 9);
	assert_int_equal(root->kids[2].line, 7); /* extra */
	assert_int_equal(root->kids[2].col, 2);
	const struct ynode *extra = &root->kids[3];
	assert_int_equal(extra->kind, YNODE_MAP);
	assert_int_equal(extra->kids[0].line, 8); /* é, in characters */
	assert_int_equal(extra->kids[0].col, 3);
	const struct ynode *list = &extra->kids[1];
	assert_int_equal(list->line, 8);
	assert_int_equal(list->col, 9);
	assert_int_equal(list->kids[1].line, 9); /* 22 */
	assert_int_equal(list->kids[1].col, 2);
	res_free(&r);
	/* after a multi-line string the lines still count */
	s = "a = '''\n\n'''\nb = 1\n";
	run(&r, s, strlen(s), 1);
	assert_int_equal(r.root.kids[2].line, 4);
	res_free(&r);
	/* CRLF and a lone CR end lines too */
	s = "a = 1\r\nb = 2\rc = 3\n";
	run(&r, s, strlen(s), 1);
	assert_string_equal(r.tree, "{a: 1, b: 2, c: 3}");
	assert_int_equal(r.root.kids[4].line, 3);
	assert_int_equal(r.root.kids[4].col, 1);
	res_free(&r);
}

static void test_errors(void **st)
{
	(void)st;
	expect("a = 1\nb\n", -1, "{a: 1}", "t.md:3:2: TOML syntax error: expected '=' after the key\n");
	expect("= 1\n", -1, "{}", "t.md:2:1: TOML syntax error: expected a key\n");
	expect("é = 1\n", -1, "{}", "t.md:2:1: TOML syntax error: expected a key\n"); /* bare keys: ASCII */
	expect("a =\nb = 1\n", -1, "{a: ?}", "t.md:2:4: TOML syntax error: expected a value after '='\n");
	expect("a = 1 2\n", -1, "{a: 1}",
	       "t.md:2:7: TOML syntax error: expected the end of the line after the value\n");
	expect("a = yes\n", -1, "{a: ?}",
	       "t.md:2:5: TOML syntax error: expected a value (a string, number, boolean, date, array or inline table)\n");
	expect("a = 007\n", -1, "{a: ?}",
	       "t.md:2:5: TOML syntax error: expected a value (a string, number, boolean, date, array or inline table)\n");
	expect("a = 1__0\n", -1, "{a: ?}",
	       "t.md:2:5: TOML syntax error: expected a value (a string, number, boolean, date, array or inline table)\n");
	expect("a = 2025-13-01\n", -1, "{a: ?}",
	       "t.md:2:5: TOML syntax error: expected a value (a string, number, boolean, date, array or inline table)\n");
	expect("a = \"open\nb = 1\n", -1, "{a: ?}",
	       "t.md:2:10: TOML syntax error: unterminated string (expected '\"' before the line end)\n");
	expect("a = 'open", -1, "{a: ?}",
	       "t.md:2:5: TOML syntax error: unterminated string (expected \"'\" before the line end)\n");
	expect("x = 1\na = \"\"\"\nnever closed\n", -1, "{x: 1, a: ?}",
	       "t.md:3:5: TOML syntax error: unterminated multi-line string (expected '\"\"\"')\n");
	expect("a = \"bad \\q\"\n", -1, "{a: ?}", "t.md:2:10: TOML syntax error: invalid escape '\\q' in a string\n");
	expect("a = \"\\uD800\"\n", -1, "{a: ?}",
	       "t.md:2:6: TOML syntax error: escape '\\uD800' is not a Unicode scalar value\n");
	expect("a = \"\\U00110000\"\n", -1, "{a: ?}",
	       "t.md:2:6: TOML syntax error: escape '\\U00110000' is not a Unicode scalar value\n");
	expect("a = \"\\u12\"\n", -1, "{a: ?}", "t.md:2:6: TOML syntax error: expected 4 hex digits after '\\u'\n");
	expect("a = \"bell\a\"\n", -1, "{a: ?}",
	       "t.md:2:10: TOML syntax error: control character U+0007 in a string (write it as an escape)\n");
	expect("a = '''del\x7f'''\n", -1, "{a: ?}",
	       "t.md:2:11: TOML syntax error: control character U+007F in a string (write it as an escape)\n");
	expect("a = [1, 2\nb = 3\n", -1, "{a: [1, 2]}", "t.md:3:1: TOML syntax error: expected ',' or ']' in the array\n");
	expect("a = [1,", -1, "{a: [1]}", "t.md:2:8: TOML syntax error: expected a value or ']' to close the array\n");
	expect("a = { b = 1 c = 2 }\n", -1, "{a: {b: 1}}",
	       "t.md:2:13: TOML syntax error: expected ',' or '}' in the inline table\n");
	expect("[a\nb = 1\n", -1, "{}", "t.md:2:3: TOML syntax error: expected ']' to close the table header\n");
	expect("[[a]\n", -1, "{}", "t.md:2:4: TOML syntax error: expected ']]' to close the table header\n");
	expect("[a] b = 1\n", -1, "{}",
	       "t.md:2:5: TOML syntax error: expected the end of the line after the table header\n");
	expect("\"\"\"k\"\"\" = 1\n", -1, "{}", "t.md:2:1: TOML syntax error: a key cannot be a multi-line string\n");
	expect("s = \"\"\"x\"\"\"\"\"\"\n", -1, "{s: ?}",
	       "t.md:2:9: TOML syntax error: too many quotes at the end of a multi-line string\n");
}

static void test_duplicates(void **st)
{
	(void)st;
	expect("title = \"first\"\ntitle = \"second\"\nn = 1\n", 0, "{title: \"first\", n: 1}",
	       "t.md:3:1: warning: duplicate key 'title' (first at line 2); ignored\n");
	expect("[a]\nx = 1\n[b]\n[a]\nx = 2\ny = 3\n", 0, "{a: {x: 1}, b: {}}",
	       "t.md:5:1: warning: duplicate table [a] (first at line 2); its keys ignored\n");
	expect("a = 1\n[a]\nb = 2\n", 0, "{a: 1}",
	       "t.md:3:1: warning: duplicate table [a] (first at line 2); its keys ignored\n");
	expect("a.b = 1\na.b.c = 2\n", 0, "{a: {b: 1}}",
	       "t.md:3:1: warning: duplicate key 'a.b.c' (first at line 2); ignored\n");
	expect("a.b = 1\n[a]\n", 0, "{a: {b: 1}}", "t.md:3:1: warning: duplicate table [a] (first at line 2); its keys ignored\n");
	expect("p = { x = 1 }\n[p]\ny = 2\n[p.q]\n", 0, "{p: {x: 1}}",
	       "t.md:3:1: warning: duplicate table [p] (first at line 2); its keys ignored\n"
	       "t.md:5:1: warning: duplicate table [p.q] (first at line 2); its keys ignored\n");
	expect("p = { x = 1 }\np.y = 2\n", 0, "{p: {x: 1}}", "t.md:3:1: warning: duplicate key 'p.y' (first at line 2); ignored\n");
	expect("a = [1]\n[[a]]\n", 0, "{a: [1]}", "t.md:3:1: warning: duplicate table [a] (first at line 2); its keys ignored\n");
	expect("[[a]]\n[a]\n", 0, "{a: [{}]}", "t.md:3:1: warning: duplicate table [a] (first at line 2); its keys ignored\n");
	expect("[a.b]\nx = 1\n[a]\nb.y = 2\n", 0, "{a: {b: {x: 1}}}",
	       "t.md:5:1: warning: duplicate key 'b.y' (first at line 2); ignored\n");
	expect("p = { x = 1, x = 2 }\n", 0, "{p: {x: 1}}", "t.md:2:14: warning: duplicate key 'x' (first at line 2); ignored\n");
	/* a duplicate's value is still read: its error counts */
	expect("a = 1\na = [1,\n", -1, "{a: 1}", "t.md:3:1: warning: duplicate key 'a' (first at line 2); ignored\n"
	       "t.md:4:1: TOML syntax error: expected a value or ']' to close the array\n");
}

static void test_limits(void **st)
{
	(void)st;
	struct strbuf sb = STRBUF_INIT;
	/* nested arrays: stopped at the depth limit, quickly */
	strbuf_adds(&sb, "a = ");
	for (int i = 0; i < 100000; i++) strbuf_addc(&sb, '[');
	struct res r;
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_string_equal(r.diags, "t.md:2:68: TOML syntax error: front matter nested too deeply (limit 64)\n");
	res_free(&r);
	/* dotted keys and headers too */
	strbuf_reset(&sb);
	for (int i = 0; i < 100; i++) strbuf_adds(&sb, "k.");
	strbuf_adds(&sb, "k = 1\n");
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.diags, "nested too deeply (limit 64)"));
	res_free(&r);
	strbuf_reset(&sb);
	strbuf_addc(&sb, '[');
	for (int i = 0; i < 70; i++) strbuf_adds(&sb, "t.");
	strbuf_adds(&sb, "t]\n");
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.diags, "nested too deeply (limit 64)"));
	res_free(&r);
	strbuf_reset(&sb);
	strbuf_adds(&sb, "a = ");
	for (int i = 0; i < 70; i++) strbuf_adds(&sb, "{b = ");
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.diags, "nested too deeply (limit 64)"));
	res_free(&r);
	/* the node limit */
	strbuf_reset(&sb);
	strbuf_adds(&sb, "a = [");
	for (int i = 0; i < YAMLTREE_MAX_NODES + 10; i++) strbuf_adds(&sb, "1,");
	strbuf_adds(&sb, "]\n");
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_non_null(strstr(r.diags, "TOML syntax error: front matter has too many nodes (limit 20000)"));
	assert_int_equal(r.dl.n, 1);
	res_free(&r);
	strbuf_reset(&sb);
	for (int i = 0; i < YAMLTREE_MAX_NODES; i++) strbuf_addf(&sb, "k%d = %d\n", i, i);
	run(&r, sb.buf, sb.len, 2);
	assert_int_equal(r.rc, -1);
	assert_true(r.root.n % 2 == 0);
	assert_true(r.root.n <= YAMLTREE_MAX_NODES);
	res_free(&r);
	strbuf_free(&sb);
}

/* A document with every construct, cut at every length: never a crash,
 * a diag whenever the reader says -1, and no node without its text. */
static const char rich[] =
	"# Zola-style post\n"
	"title = \"Café “naïve” 東京\"\n"
	"date = 2025-06-26T10:00:00+02:00\n"
	"day = 2025-06-26 07:32:00Z\n"
	"n = [0x1F, 0o7, 0b1, -1_000, 6.02e23, inf, nan, true]\n"
	"s = \"\"\"\\\n  a \\u00e9 \\U0001F600 \"q\" \\\n\"\"\"\n"
	"l = '''\nraw \\n'''\n"
	"site.name = 'lit'\n"
	"inl = { a = 1, b.c = [ { d = \"e\" } ] }\r\n"
	"[extra]\nrelease = true # comment\n"
	"[[authors]]\nname = \"Ann\"\n[[authors]]\n[taxonomies]\ntags = [\n  \"rust\", # x\n  'α',\n]\n";

static void check_tree(const struct ynode *n)
{
	if (n->kind == YNODE_SCALAR) {
		assert_non_null(n->text);
		assert_int_equal(n->text[n->len], '\0');
	}
	assert_true(n->line >= 1);
	assert_true(n->col >= 1);
	for (size_t i = 0; i < n->n; i++) check_tree(&n->kids[i]);
}

static void test_every_prefix(void **st)
{
	(void)st;
	size_t len = sizeof rich - 1;
	struct res r;
	run(&r, rich, len, 2);
	assert_string_equal(r.diags, "");
	assert_int_equal(r.rc, 0);
	res_free(&r);
	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1); /* exactly n bytes: an over-read is ASan's to see */
		memcpy(copy, rich, n);
		run(&r, copy, n, 2);
		if (r.rc == -1) assert_int_equal(r.dl.n, 1);
		assert_int_equal(r.root.kind, YNODE_MAP);
		check_tree(&r.root);
		res_free(&r);
		free(copy);
	}
}

static void test_json(void **st)
{
	(void)st;
	const char *j = "{\n  \"title\": \"Zoë’s “notes”\",\n  \"draft\": false,\n  \"n\": 2.5,\n"
			"  \"tags\": [\"a\", \"中文\"],\n  \"none\": null,\n  \"p\": {\"q\": []}\n}";
	struct ynode root;
	assert_int_equal(jsontree_parse(j, strlen(j), 3, 2, &root), 0);
	struct strbuf sb = STRBUF_INIT;
	dump(&sb, &root);
	assert_string_equal(sb.buf,
			    "{\"title\": \"Zoë’s “notes”\", \"draft\": false, \"n\": 2.5, \"tags\": [\"a\", \"中文\"], "
			    "\"none\": , \"p\": {\"q\": []}}");
	assert_int_equal(root.kids[2].line, 3); /* every node at the opening brace */
	assert_int_equal(root.kids[2].col, 2);
	assert_true(ynode_is_null(&root.kids[9]));
	yamltree_free(&root);
	strbuf_free(&sb);
	assert_int_equal(jsontree_parse("{\"a\": }", 7, 1, 1, &root), -1);
	assert_int_equal(root.kind, YNODE_MAP);
	assert_int_equal(root.n, 0);
	yamltree_free(&root);
	assert_int_equal(jsontree_parse("[1]", 3, 1, 1, &root), -1);
	yamltree_free(&root);
	assert_int_equal(jsontree_parse("", 0, 1, 1, &root), -1);
	yamltree_free(&root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_multiline),
		cmocka_unit_test(test_arrays_and_inline),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
