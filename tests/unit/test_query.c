/* SPDX-License-Identifier: MIT
 * Query language: the parse tree (precedence, quoting, NOT/-), every error
 * with its exact column and message, date ranges, and matching with
 * Unicode folding, whole words, nested tags and lazy body reading. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/meta/article.h"
#include "core/collection/dossier.h"
#include "core/state/marks.h"
#include "core/find/query.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

static struct dossier D;
static char tmpdir[] = "/tmp/dossier-query-XXXXXX";

/* ---- parse tree ---------------------------------------------------- */

static void check_tree(const char *text, const char *want)
{
	struct query_error err;
	struct query *q = query_parse(text, &D, &err);
	if (!q)
		fail_msg("query '%s' did not parse: %d: %s", text, err.col, err.msg);
	char *got = query_format(q);
	if (strcmp(got, want))
		fail_msg("query '%s'\n  want %s\n  got  %s", text, want, got);
	free(got);
	query_free(q);
}

static void check_err(const char *text, int col, const char *msg)
{
	struct query_error err;
	struct query *q = query_parse(text, &D, &err);
	if (q) {
		char *got = query_format(q);
		fail_msg("query '%s' parsed as %s, expected an error", text, got);
	}
	if (err.col != col || strcmp(err.msg, msg))
		fail_msg("query '%s'\n  want %d: %s\n  got  %d: %s", text, col, msg, err.col, err.msg);
	query_error_free(&err);
	assert_null(err.msg);
}

static void test_precedence(void **state)
{
	(void)state;
	check_tree("a b OR c", "(or (and \"a\" \"b\") \"c\")");
	check_tree("a OR b c", "(or \"a\" (and \"b\" \"c\"))");
	check_tree("a AND b OR NOT c", "(or (and \"a\" \"b\") (not \"c\"))");
	check_tree("NOT a b", "(and (not \"a\") \"b\")");
	check_tree("NOT a OR b", "(or (not \"a\") \"b\")");
	check_tree("-a OR b", "(or (not \"a\") \"b\")");
	check_tree("NOT NOT a", "(not (not \"a\"))");
	check_tree("a OR b OR c", "(or \"a\" \"b\" \"c\")");
	check_tree("(a OR b) c", "(and (or \"a\" \"b\") \"c\")");
	check_tree("a (b OR (c -d))", "(and \"a\" (or \"b\" (and \"c\" (not \"d\"))))");
	check_tree("((a))", "\"a\"");
	check_tree("NOT (a OR -b)", "(not (or \"a\" (not \"b\")))");
	check_tree("-(a b)", "(not (and \"a\" \"b\"))");
	/* operators are capitals only; lower case is searched as words */
	check_tree("a or b and not c", "(and \"a\" \"or\" \"b\" \"and\" \"not\" \"c\")");
	check_tree("", "*");
	check_tree("  \t ", "*");
}

static void test_quoting(void **state)
{
	(void)state;
	check_tree("\"Air Defense\" tag:x", "(and \"air defense\" tag:x)");
	check_tree("air-defense", "\"air defense\"");
	check_tree("a\"b c\"", "(and \"a\" \"b c\")");
	check_tree("title:\"Kyiv Post\"", "title:\"kyiv post\"");
	check_tree("tag:\"Air Defense\"", "tag:air-defense");
	check_tree("tag:Weapons/ATACMS", "tag:weapons/atacms");
	check_tree("source:CNN", "source:\"cnn\"");
	check_tree("(source:cnn)", "source:\"cnn\"");
	check_tree("Title:x AUTHOR:y", "(and title:\"x\" author:\"y\")");
	check_tree("editor:Quist", "editor:\"quist\"");
	check_tree("EDITOR:\"Van Quist\"", "editor:\"van quist\"");
	check_tree("url:https://x.org/a", "url:\"https://x.org/a\"");
	check_tree("\"OR\" \"NOT\"", "(and \"or\" \"not\")");
	check_tree("-\"a b\" -tag:x", "(and (not \"a b\") (not tag:x))");
	check_tree("12:30", "\"12 30\"");
	check_tree("is:read is:UNREAD is:marked", "(and is:read is:unread is:marked)");
}

static void test_dates(void **state)
{
	(void)state;
	check_tree("date:2024", "date:20240101..20241231");
	check_tree("date:2024-06", "date:20240601..20240630");
	check_tree("date:2024-02", "date:20240201..20240229");
	check_tree("date:2023-02", "date:20230201..20230228");
	check_tree("date:2024-06-15", "date:20240615..20240615");
	check_tree("date:2024-06..2024-09", "date:20240601..20240930");
	check_tree("date:2023..2024-01-05", "date:20230101..20240105");
	check_tree("date:..2024-06", "date:..20240630");
	check_tree("date:2024..", "date:20240101..");
	check_tree("date:2024-06-15..2024-06-15", "date:20240615..20240615");
	/* after/before exclude the whole period they name */
	check_tree("after:2024-06", "date:20240631..");
	check_tree("after:2024", "date:20241232..");
	check_tree("before:2024-06", "date:..20240600");
	check_tree("before:2024-06-15", "date:..20240614");
}

static void test_errors(void **state)
{
	(void)state;
	check_err("(a OR b", 8, "expected ')' to close '(' at column 1");
	check_err("a (b (c) d", 11, "expected ')' to close '(' at column 3");
	check_err("a)", 2, "unexpected ')' without a matching '('");
	check_err(")", 1, "unexpected ')' without a matching '('");
	check_err("(a) b)", 6, "unexpected ')' without a matching '('");
	check_err("a OR", 5, "expected a term after 'OR'");
	check_err("a OR OR b", 6, "expected a term after 'OR'");
	check_err("OR a", 1, "expected a term before 'OR'");
	check_err("a AND", 6, "expected a term after 'AND'");
	check_err("(a OR)", 6, "expected a term after 'OR'");
	check_err("()", 2, "expected a term after '('");
	check_err("NOT", 4, "expected a term after 'NOT'");
	check_err("a NOT )", 7, "expected a term after 'NOT'");
	check_err("a -", 4, "expected a term right after '-'");
	check_err("a - b", 4, "expected a term right after '-'");
	check_err("tag:", 5, "expected a value after 'tag:'");
	check_err("a tag: b", 7, "expected a value after 'tag:'");
	check_err("title:\"\"", 7, "expected a value after 'title:'");
	check_err("tag:///", 5, "expected a value after 'tag:'");
	check_err("(source:)", 9, "expected a value after 'source:'");
	check_err("date:2024-13", 6,
		  "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2024-13'");
	check_err("date:2024-02-30", 6,
		  "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2024-02-30'");
	check_err("date:2024/06", 6,
		  "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2024/06'");
	check_err("date:2024..20x", 12,
		  "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found '20x'");
	check_err("after:june", 7, "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), found 'june'");
	check_err("date:2025..2024", 6, "date range ends before it starts");
	check_err("date:..", 6, "expected a date before or after '..'");
	check_err("is:new", 4, "expected 'read', 'unread' or 'marked' after 'is:'");
	check_err("marktag:#", 9, "expected a mark tag after 'marktag:'");
	check_err("a \"open", 8, "expected '\"' to close the quote at column 3");
	check_err("title:\"x", 9, "expected '\"' to close the quote at column 7");
	check_err("!!!", 1, "expected letters or digits in the search term");
	check_err("foo:bar", 1,
		  "unknown field 'foo' (known fields: after, author, before, date, editor, "
		  "is, lang, marktag, source, summary, tag, title, url, wp_id)");
	check_err("a (Foo:bar)", 4,
		  "unknown field 'foo' (known fields: after, author, before, date, editor, "
		  "is, lang, marktag, source, summary, tag, title, url, wp_id)");
	/* columns count code points, not bytes */
	check_err("Київ (", 7, "expected a term after '('");
	check_err("“é” tag:", 9, "expected a value after 'tag:'");
	/* the first error wins */
	check_err("a OR (b", 8, "expected ')' to close '(' at column 6");
	/* unknown field listing without a collection */
	struct query_error err;
	assert_null(query_parse("x:y", NULL, &err));
	assert_string_equal(err.msg, "unknown field 'x' (known fields: after, author, before, "
				     "date, is, lang, marktag, source, summary, tag, title, url)");
	query_error_free(&err);
	assert_null(query_parse("(", NULL, NULL)); /* err may be NULL */
}

static void test_deep_nesting(void **state)
{
	(void)state;
	char buf[1001];
	memset(buf, '(', 1000);
	buf[1000] = '\0';
	check_err(buf, 101, "query nested too deeply (more than 100 levels)");
	for (size_t i = 0; i < 250; i++)
		memcpy(buf + 4 * i, "NOT ", 4);
	check_err(buf, 401, "query nested too deeply (more than 100 levels)");
	/* a long flat query is fine */
	char *flat = xmalloc(20001);
	for (size_t i = 0; i < 10000; i++)
		memcpy(flat + 2 * i, "a ", 2);
	flat[20000] = '\0';
	struct query *q = query_parse(flat, NULL, NULL);
	assert_non_null(q);
	query_free(q);
	free(flat);
}

/* ---- matching ------------------------------------------------------ */

static int body_reads;

static int count_text(void *ctx, size_t art, const char *const *w, size_t n)
{
	(void)ctx, (void)art, (void)w, (void)n;
	body_reads++;
	return -1; /* cannot say: the evaluator reads the body */
}

static bool read_set(void *ctx, size_t art)
{
	(void)ctx;
	return art == 0 || art == 2;
}

static struct query_env env = {.d = &D, .is_read = read_set, .text_match = count_text};

static void add(const char *title, const char *source, const char *author, const char *tags,
		const char *derived, int date, const char *body)
{
	ARRAY_RESERVE(D.coll.items, D.coll.cap, D.coll.n + 1);
	struct article *a = &D.coll.items[D.coll.n];
	memset(a, 0, sizeof *a);
	char path[128];
	snprintf(path, sizeof path, "%s/a%zu.txt", tmpdir, D.coll.n);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(body, f);
	fclose(f);
	char id[16];
	snprintf(id, sizeof id, "a%zu", D.coll.n);
	a->id = xstrdup(id);
	a->path = xstrdup(path);
	a->title = xstrdup(title);
	a->source = xstrdup(source);
	if (author)
		strlist_push(&a->authors, author);
	for (const char *s = tags; s && *s;) {
		size_t n = strcspn(s, ",");
		strlist_push_own(&a->tags, xstrndup(s, n));
		s += n + (s[n] == ',');
	}
	if (derived)
		strlist_push(&a->derived, derived);
	a->date = date;
	D.coll.n++;
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	add("Kyiv under attack", "CNN", "Jane Smith", "weapons/atacms,kyiv", NULL, 20240615,
	    "Missiles struck the capital overnight.\nAir\n defense intercepted most.");
	add("KYIV POST roundup", "Kyiv Post", "Olena Kovalenko", "politics", "air-defense",
	    20240901, "The Stra\xc3\x9f" "e was closed; the caf\xc3\xa9 reopened.");
	add("Markets", "Reuters", NULL, "weapons", NULL, 20230110,
	    "Traders in Kyivan offices. cafe\xcc\x81 prices; STRASSE works; defense air.");
	add("No date", "Local", "Ivan", NULL, NULL, 0, "Quiet day in kyiv.");
	article_set_extra(&D.coll.items[3], "editor", "Van Quist"); /* keys come folded */
	/* issue 19: numbers that contain each other */
	article_set_extra(&D.coll.items[0], "wp_id", "446");
	article_set_extra(&D.coll.items[1], "wp_id", "1446");
	article_set_extra(&D.coll.items[2], "wp_id", "10446");
	article_set_extra(&D.coll.items[3], "wp_id", " -4.5 ");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < D.coll.n; i++) {
		unlink(D.coll.items[i].path);
		article_free(&D.coll.items[i]);
	}
	free(D.coll.items);
	rmdir(tmpdir);
	return 0;
}

/* "0 2": the articles matching text, in order. */
static void check_match(const char *text, const char *want)
{
	struct query_error err;
	struct query *q = query_parse(text, &D, &err);
	if (!q)
		fail_msg("query '%s' did not parse: %d: %s", text, err.col, err.msg);
	char got[64] = "";
	for (size_t i = 0; i < D.coll.n; i++)
		if (query_match(q, &env, i))
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%zu", *got ? " " : "", i);
	if (strcmp(got, want))
		fail_msg("query '%s': want [%s], got [%s]", text, want, got);
	query_free(q);
}

static void test_match_fields(void **state)
{
	(void)state;
	check_match("", "0 1 2 3");
	check_match("source:cnn", "0");
	check_match("source:KYIV", "1");
	check_match("source:\"kyiv post\"", "1");
	check_match("author:smith", "0");
	check_match("author:OLENA", "1");
	check_match("title:post", "1");
	check_match("title:kyiv", "0 1");
	check_match("editor:quist", "3");
	check_match("Editor:\"VAN QUIST\"", "3");
	check_match("editor:nobody", "");
	check_match("is:read", "0 2");
	check_match("is:unread", "1 3");
	check_match("is:marked", ""); /* no callback: nothing is marked */
	check_match("-source:cnn", "1 2 3");
	check_match("source:cnn OR source:reuters", "0 2");
	check_match("NOT (source:cnn OR source:reuters) -is:unread", "");
}

/* Issue 19: field values match whole words (id:446 is not 1446), '*' is
 * an explicit wildcard over the whole value, and <, <=, >, >= compare
 * numbers. */
static void test_match_values(void **state)
{
	(void)state;
	check_match("wp_id:446", "0");
	check_match("wp_id:*446*", "0 1 2");
	check_match("wp_id:*446", "0 1 2");
	check_match("wp_id:1*", "1 2");
	check_match("wp_id:1*6", "1 2");
	check_match("wp_id:*04*", "2");
	check_match("wp_id:4*4*6", "0");
	check_match("wp_id:**", "0 1 2 3");
	check_match("wp_id:44", "");
	check_match("wp_id:>1000", "1 2");
	check_match("wp_id:>=446", "0 1 2");
	check_match("wp_id:<446", "3");
	check_match("wp_id:<=-4.5", "3");
	check_match("wp_id:>-5", "0 1 2 3");
	check_match("wp_id:\">446\"", ""); /* quoted: no comparison */
	check_match("source:kyiv", "1");    /* a whole word of "Kyiv Post" */
	check_match("source:\"kyiv po\"", "");
	check_match("source:ky", "");
	check_match("source:*ky*", "1");
	check_match("author:smith", "0");
	check_match("author:smit", "");
	check_match("title:kyiv", "0 1");
	check_match("title:\"post roundup\"", "1");
	check_match("title:*UNDER*", "0");
	check_match("title:kyiv*", "0 1");
	check_match("editor:van", "3");
	check_match("editor:\"van quist\"", "3");
	check_tree("wp_id:>=10", "wp_id:>=10");
	check_tree("wp_id:<-1.5", "wp_id:<-1.5");
	check_tree("wp_id:*4*", "wp_id:\"*4*\"");
	check_err("wp_id:>", 8, "expected a number after 'wp_id:>'");
	check_err("wp_id:<=x1", 9, "expected a number after 'wp_id:<='");
	check_err("wp_id:>1e3", 8, "expected a number after 'wp_id:>'");
}

static void test_match_tags(void **state)
{
	(void)state;
	check_match("tag:weapons", "0 2");
	check_match("tag:Weapons/ATACMS", "0");
	check_match("tag:atacms", "");
	check_match("tag:weap", "");
	check_match("tag:air-defense", "1"); /* a derived tag */
	check_match("tag:\"Air Defense\"", "1");
	check_match("tag:kyiv OR tag:politics", "0 1");
}

/* marktag: is asked of one passage; an article alone never matches it. */
static void test_match_marktag(void **state)
{
	(void)state;
	struct query_error err;
	struct query *q = query_parse("marktag:#Evidence -marktag:weak tag:politics", &D, &err);
	assert_non_null(q);
	char *f = query_format(q);
	assert_string_equal(f, "(and marktag:evidence (not marktag:weak) tag:politics)");
	free(f);
	assert_true(query_needs_marks(q));
	assert_true(query_needs_state(q));
	struct mark m = {0}, weak = {0};
	mark_add_tag(&m, "evidence/strong");
	mark_add_tag(&weak, "evidence");
	mark_add_tag(&weak, "weak");
	size_t hits = 0, art = 0;
	for (size_t i = 0; i < D.coll.n; i++) {
		assert_false(query_match(q, &env, i)); /* no passage: never */
		assert_false(query_match_mark(q, &env, i, &weak));
		if (query_match_mark(q, &env, i, &m)) {
			hits++;
			art = i;
		}
	}
	assert_int_equal(hits, 1);
	assert_true(strlist_has(&D.coll.items[art].tags, "politics"));
	mark_free(&m);
	mark_free(&weak);
	query_free(q);
	q = query_parse("tag:politics", &D, &err);
	assert_false(query_needs_marks(q));
	query_free(q);
}

static void test_match_dates(void **state)
{
	(void)state;
	check_match("date:2024", "0 1");
	check_match("date:2024-06", "0");
	check_match("date:2024-06-15", "0");
	check_match("date:2024-06-16..", "1");
	check_match("date:..2023", "2");
	check_match("date:2024-06-15..2024-09-01", "0 1");
	check_match("after:2024-06", "1");
	check_match("after:2024-06-14", "0 1");
	check_match("before:2024-06", "2");
	check_match("before:2024-06-16", "0 2");
	check_match("NOT date:2024", "2 3"); /* undated articles are outside every range */
}

static void test_match_text(void **state)
{
	(void)state;
	check_match("kyiv", "0 1 3");
	check_match("KYIV", "0 1 3");
	check_match("Kyiv", "0 1 3");
	check_match("kyivan", "2"); /* whole words: kyiv does not match Kyivan */
	check_match("\"air defense\"", "0"); /* across a line break */
	check_match("air-defense", "0");
	check_match("\"defense air\"", "2");
	check_match("\"capital overnight air\"", "0");
	check_match("\"capital air\"", "");
	check_match("caf\xc3\xa9", "1 2");     /* precomposed finds both */
	check_match("cafe\xcc\x81", "1 2");    /* decomposed finds both */
	check_match("cafe", "");
	check_match("stra\xc3\x9f" "e", "1 2"); /* ß folds to ss */
	check_match("STRASSE", "1 2");
	check_match("KYIV post", "1");
	check_match("markets OR quiet", "2 3");
	check_match("kyiv -tag:kyiv", "1 3");
}

static void test_body_read_lazily(void **state)
{
	(void)state;
	struct query *q = query_parse("tag:weapons kyiv", &D, NULL);
	assert_true(query_needs_body(q));
	size_t out[4];
	body_reads = 0;
	/* 0: tag and title decide; 1, 3: no tag; only 2 needs its body */
	assert_int_equal(query_filter(q, &env, NULL, D.coll.n, out), 1);
	assert_int_equal(out[0], 0);
	assert_int_equal(body_reads, 1);
	query_free(q);

	q = query_parse("source:cnn OR kyiv", &D, NULL);
	body_reads = 0;
	assert_int_equal(query_filter(q, &env, NULL, D.coll.n, out), 3);
	assert_int_equal(body_reads, 2); /* 0 by source, 1 by title; 2 and 3 read */
	query_free(q);

	q = query_parse("tag:weapons source:cnn", &D, NULL);
	assert_false(query_needs_body(q));
	body_reads = 0;
	assert_int_equal(query_filter(q, &env, NULL, D.coll.n, out), 1);
	assert_int_equal(body_reads, 0);
	query_free(q);
}

static int index_says(void *ctx, size_t art, const char *const *w, size_t n)
{
	(void)ctx;
	return n == 1 && !strcmp(w[0], "indexed") ? art == 3 : -1;
}

static void test_filter_and_index(void **state)
{
	(void)state;
	struct query_env ix = {.d = &D, .text_match = index_says};
	struct query *q = query_parse("indexed", &D, NULL);
	size_t out[4];
	assert_int_equal(query_filter(q, &ix, NULL, D.coll.n, out), 1);
	assert_int_equal(out[0], 3);
	query_free(q);

	/* a subset, filtered in place */
	q = query_parse("kyiv", &D, NULL);
	size_t sub[3] = {3, 2, 1};
	assert_int_equal(query_filter(q, &ix, sub, 3, sub), 2);
	assert_int_equal(sub[0], 3);
	assert_int_equal(sub[1], 1);
	assert_false(query_match(q, &ix, 99)); /* out of range: no match, no crash */
	query_free(q);
}

/* Random queries from an alphabet heavy in syntax: never a crash, and
 * every error points inside the text (1 .. code points + 1). */
static void test_random_input(void **state)
{
	(void)state;
	static const char *const bits[] = {"(", ")", "\"", " ", "-", "OR", "AND", "NOT", "tag:",
					   "date:", "..", "2024", "-06", "is:", "x", "\xc3\xa9",
					   "\xff", ":", "editor:", "\t", "Київ", "\xe2\x80"};
	unsigned seed = 12345;
	char buf[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
		for (int i = 0; i < parts; i++) {
			const char *b = bits[((seed = seed * 1103515245u + 12345u) >> 16) % ARRAY_LEN(bits)];
			if (len + strlen(b) >= sizeof buf)
				break;
			memcpy(buf + len, b, strlen(b));
			len += strlen(b);
		}
		buf[len] = '\0';
		struct query_error err;
		struct query *q = query_parse(buf, &D, &err);
		if (q) {
			for (size_t i = 0; i < D.coll.n; i++)
				query_match(q, &env, i);
			free(query_format(q));
			query_free(q);
			continue;
		}
		int ncp = (int)utf8_codepoints(buf, len);
		if (err.col < 1 || err.col > ncp + 1 || !err.msg || !*err.msg)
			fail_msg("query '%s': error at %d of %d: %s", buf, err.col, ncp, err.msg);
		char *f = query_error_format(buf, &err);
		assert_non_null(strchr(f, '^'));
		free(f);
		query_error_free(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),     cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_dates),          cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deep_nesting),   cmocka_unit_test(test_match_fields),
		cmocka_unit_test(test_match_values),   cmocka_unit_test(test_match_tags),
		cmocka_unit_test(test_match_dates),    cmocka_unit_test(test_match_marktag),
		cmocka_unit_test(test_match_text),     cmocka_unit_test(test_body_read_lazily),
		cmocka_unit_test(test_filter_and_index), cmocka_unit_test(test_random_input),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
