/* SPDX-License-Identifier: MIT
 * Saved searches: @NAME and search:NAME in the query parser (sub-expression,
 * unknown names, loops naming both searches, expansion bombs), the config's
 * searches and collection-searches (good, bad with FILE:LINE:COL of the
 * query's own column, duplicates, cycles), counts against query_filter,
 * and the reader's saved file round-tripping awkward text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "core/collection/dossier.h"
#include "core/find/query.h"
#include "core/find/searches.h"
#include "testfiles.h"

static char root[] = "/tmp/dossier-searches-XXXXXX";
static char corpus[600];

static const char *const files[][2] = {
	{"a.md", "---\ntitle: Harbour “strike” at Odesa\ntags: [shipping, long-range-missiles]\n"
		 "date: 2025-02-03\n---\nThe port was hit overnight; grain ships waited.\n"},
	{"b.md", "---\ntitle: Café talks in Genève\ntags: [diplomacy]\ndate: 2024-11-02\n---\n"
		 "Diplomats met — again — over coffee. 会谈 resumed. 🙂\n"},
	{"c.md", "---\ntitle: Missile range debate\ntags: [long-range-missiles, weapons/atacms]\n"
		 "date: 2025-03-01\nsource: Policy Brief\n---\nA brief on range limits and grain.\n"},
	{"d.md", "---\ntitle: Grain corridor reopens\ntags: [shipping]\ndate: 2023-07-19\n---\n"
		 "Ships sail; the corridor holds.\n"},
	{"e.md", "Untitled clipping with noe\xcc\x88l and grain\n\nno metadata at all\n"},
};

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(root)) return -1;
	snprintf(corpus, sizeof corpus, "%s/corpus", root);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "corpus/%s", files[i][0]);
		testfiles_write(root, rel, files[i][1], strlen(files[i][1]));
	}
	char st[700];
	snprintf(st, sizeof st, "%s/state", root);
	setenv("XDG_STATE_HOME", st, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testfiles_remove(root);
	return 0;
}

static void open_corpus(struct dossier *d)
{
	const struct dossier_open_opts o = {0};
	assert_int_equal(dossier_open_with(d, corpus, &o), 0);
}

/* A fixed table of names for the parser. */
static const char *table_lookup(void *ctx, const char *name, size_t len)
{
	const char *const(*t)[2] = ctx;
	for (size_t i = 0; t[i][0]; i++)
		if (strlen(t[i][0]) == len && memcmp(t[i][0], name, len) == 0) return t[i][1];
	return NULL;
}

static char *parse_fmt(const char *const (*t)[2], const char *self, const char *text,
		       struct query_error *err)
{
	struct query_names names = {table_lookup, (void *)t, self};
	struct query *q = query_parse_names(text, NULL, &names, err);
	if (!q) return NULL;
	char *s = query_format(q);
	query_free(q);
	return s;
}

static void test_parse_refs(void **state)
{
	(void)state;
	static const char *const t[][2] = {
		{"strikes", "tag:long-range-missiles after:2025-01"},
		{"either", "tag:a OR tag:b"},
		{"outer", "@either -@strikes"},
		{"empty", ""},
		{"a", "@b tag:x"}, {"b", "@c"}, {"c", "@a"},
		{"me", "tag:m OR @me"},
		{"bad", "tag:x (oops"},
		{NULL, NULL}};
	struct query_error err = {0};
	char *s = parse_fmt(t, NULL, "@either", &err);
	assert_string_equal(s, "(or tag:a tag:b)");
	free(s);
	/* a sub-expression: OR inside stays grouped under the AND */
	s = parse_fmt(t, NULL, "@either tag:c", &err);
	assert_string_equal(s, "(and (or tag:a tag:b) tag:c)");
	free(s);
	s = parse_fmt(t, NULL, "search:outer", &err);
	assert_string_equal(s, "(and (or tag:a tag:b) (not (and tag:long-range-missiles date:20250132..)))");
	free(s);
	s = parse_fmt(t, NULL, "@empty", &err);
	assert_string_equal(s, "*");
	free(s);
	/* a quoted "@x" is a word, not a reference */
	s = parse_fmt(t, NULL, "\"@nobody\"", &err);
	assert_string_equal(s, "\"nobody\"");
	free(s);

	assert_null(parse_fmt(t, NULL, "tag:x @nobody", &err));
	assert_int_equal(err.col, 7);
	assert_non_null(strstr(err.msg, "no saved search called 'nobody'"));
	query_error_free(&err);
	assert_null(parse_fmt(t, NULL, "@", &err));
	assert_non_null(strstr(err.msg, "expected a search name after '@'"));
	query_error_free(&err);
	/* without names every reference is an error */
	assert_null(query_parse("@strikes", NULL, &err));
	query_error_free(&err);

	/* loops: the message names both searches, the column is the reference's */
	assert_null(parse_fmt(t, NULL, "tag:y @a", &err));
	assert_int_equal(err.col, 7);
	assert_string_equal(err.msg, "searches 'c' and 'a' refer to each other in a loop");
	query_error_free(&err);
	assert_null(parse_fmt(t, "b", "@c", &err));
	assert_string_equal(err.msg, "searches 'a' and 'b' refer to each other in a loop");
	query_error_free(&err);
	assert_null(parse_fmt(t, "me", "tag:m OR @me", &err));
	assert_string_equal(err.msg, "search 'me' refers to itself");
	query_error_free(&err);
	/* an error inside the referenced query names it and its own column */
	assert_null(parse_fmt(t, NULL, "tag:z @bad", &err));
	assert_int_equal(err.col, 7);
	assert_string_equal(err.msg, "in search 'bad', column 12: expected ')' to close '(' at column 7");
	query_error_free(&err);
}

/* b0: @b1 @b1, b1: @b2 @b2, ... 2^30 references if expanded: refused. */
static void test_expansion_bomb(void **state)
{
	(void)state;
	static char texts[31][48];
	static char names[31][16];
	const char *t[32][2];
	for (int i = 0; i < 31; i++) {
		snprintf(names[i], sizeof names[i], "b%d", i);
		if (i < 30) snprintf(texts[i], sizeof texts[i], "@b%d @b%d", i + 1, i + 1);
		else snprintf(texts[i], sizeof texts[i], "tag:leaf");
		t[i][0] = names[i];
		t[i][1] = texts[i];
	}
	t[31][0] = t[31][1] = NULL;
	struct query_error err = {0};
	assert_null(parse_fmt((const char *const(*)[2])t, NULL, "@b0", &err));
	assert_non_null(strstr(err.msg, "more than 1000 references"));
	query_error_free(&err);
	/* a chain as deep as the nesting limit allows still parses */
	char *s = parse_fmt((const char *const(*)[2])t + 25, NULL, "@b25", &err);
	assert_non_null(s);
	free(s);
}

static void write_config(const char *text)
{
	char path[700];
	snprintf(path, sizeof path, "%s/config.yaml", root);
	testfiles_write(root, "config.yaml", text, strlen(text));
}

static bool has_diag(const struct diag_list *dl, const char *want)
{
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i]);
		bool hit = strstr(s, want) != NULL;
		if (!hit) fprintf(stderr, "  diag: %s\n", s);
		free(s);
		if (hit) return true;
	}
	return false;
}

static void test_config(void **state)
{
	(void)state;
	write_config("# my searches\n"
		     "searches: {strikes: \"tag:long-range-missiles after:2025-01\", "
		     "unread-briefs: \"source:\\\"Policy Brief\\\" is:unread\"}\n"
		     "collection-searches:\n"
		     "  news:\n"
		     "    strikes: tag:shipping\n"
		     "    local: \"@strikes grain\"\n"
		     "  bad name!: {x: y}\n");
	char path[700];
	snprintf(path, sizeof path, "%s/config.yaml", root);
	struct settings s;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(config_load(&s, path, &dl), 0);
	assert_true(has_diag(&dl, "config.yaml:7:3: warning: collection-searches: 'bad name!'"));
	diag_list_free(&dl);
	assert_int_equal(s.searches.n, 4);
	const struct search_entry *e = searches_find(&s.searches, "strikes", NULL);
	assert_string_equal(e->query, "tag:long-range-missiles after:2025-01");
	assert_int_equal(e->line, 2);
	assert_int_equal(e->col, 22); /* after the opening quote */
	assert_string_equal(searches_find(&s.searches, "strikes", "news")->query, "tag:shipping");
	assert_string_equal(searches_find(&s.searches, "strikes", "other")->query,
			    "tag:long-range-missiles after:2025-01");
	assert_string_equal(searches_find(&s.searches, "unread-briefs", NULL)->query,
			    "source:\"Policy Brief\" is:unread");
	assert_null(searches_find(&s.searches, "local", NULL));

	/* in news: the collection's strikes takes the global one's place */
	struct search_set ss;
	search_set_init(&ss, &s.searches, "news", NULL, &dl);
	assert_int_equal(dl.n, 0);
	assert_int_equal(ss.n, 3);
	assert_string_equal(ss.e[0]->query, "tag:shipping");
	assert_string_equal(ss.e[1]->name, "unread-briefs");
	assert_string_equal(ss.e[2]->name, "local");
	assert_true(ss.needs_body);
	char *f = query_format(ss.q[2]);
	assert_string_equal(f, "(and tag:shipping \"grain\")");
	free(f);
	search_set_free(&ss);
	search_set_init(&ss, &s.searches, NULL, NULL, &dl);
	assert_int_equal(ss.n, 2);
	assert_false(ss.needs_body);
	search_set_free(&ss);
	config_free(&s);
}

static void test_config_bad(void **state)
{
	(void)state;
	write_config("searches:\n"
		     "  good: tag:shipping\n"
		     "  broken: \"tag:x (oops\"\n"
		     "  plain: tag:y -\n"
		     "  good: tag:diplomacy\n"
		     "  loop-a: \"@loop-b tag:a\"\n"
		     "  loop-b: \"@loop-a\"\n"
		     "  uses: \"@good OR @broken\"\n"
		     "  list: [not, a, query]\n"
		     "  -x: tag:z\n"
		     "  field: \"nosuchfield:1\"\n");
	char path[700];
	snprintf(path, sizeof path, "%s/config.yaml", root);
	struct settings s;
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(config_load(&s, path, &dl), 0);
	assert_true(has_diag(&dl, "config.yaml:5:3: warning: search 'good' is already defined at"));
	assert_true(has_diag(&dl, "config.yaml:9:9: warning: search 'list': expected a query"));
	assert_true(has_diag(&dl, "config.yaml:10:3: warning: searches: search name '-x'"));
	diag_list_free(&dl);
	struct dossier d;
	open_corpus(&d);
	struct search_set ss;
	search_set_init(&ss, &s.searches, NULL, &d, &dl);
	/* the query's own column, in the file: quote at 11, '(' at 17, end at 23 */
	assert_true(has_diag(&dl, "config.yaml:3:23: search 'broken': expected ')' to close '(' at column 7"));
	assert_true(has_diag(&dl, "config.yaml:4:17: search 'plain': expected a term right after '-'"));
	assert_true(has_diag(&dl, "config.yaml:6:12: search 'loop-a': searches 'loop-b' and 'loop-a' refer to each other"));
	assert_true(has_diag(&dl, "config.yaml:7:12: search 'loop-b': searches 'loop-a' and 'loop-b' refer to each other"));
	assert_true(has_diag(&dl, "config.yaml:8:19: search 'uses': in search 'broken', column 12"));
	assert_true(has_diag(&dl, "config.yaml:11:11: search 'field': unknown field 'nosuchfield'"));
	assert_int_equal(dl.n, 7 - 1);
	diag_list_free(&dl);
	/* the others still work */
	long g = search_set_find(&ss, "good");
	assert_true(g >= 0);
	assert_non_null(ss.q[g]);
	struct query_env env = {.d = &d};
	search_set_count(&ss, &env, NULL);
	assert_int_equal(ss.total[g], 2);
	assert_int_equal(ss.total[search_set_find(&ss, "broken")], 0);
	search_set_free(&ss);
	dossier_close(&d);
	config_free(&s);
}

static bool odd_read(void *ctx, size_t art)
{
	(void)ctx;
	return art % 2 == 1;
}

/* Counts agree with query_filter of each query alone, and unread with the
 * read state, for metadata, word and state queries. */
static void test_counts(void **state)
{
	(void)state;
	struct dossier d;
	open_corpus(&d);
	struct searches all = {0};
	const char *qs[] = {"tag:shipping", "grain", "\"grain ships\"", "is:unread",
			    "tag:long-range-missiles OR title:café", "@w1 -tag:shipping", "noël", "会谈"};
	for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
		char name[8];
		snprintf(name, sizeof name, "w%zu", i);
		assert_true(searches_add(&all, name, qs[i], NULL, "t", 1, 1));
	}
	assert_false(searches_add(&all, "w0", "dup", NULL, "t", 2, 1));
	struct search_set ss;
	struct diag_list dl = DIAG_LIST_INIT;
	search_set_init(&ss, &all, NULL, &d, &dl);
	assert_int_equal(dl.n, 0);
	struct query_env env = {.d = &d, .is_read = odd_read};
	search_set_count(&ss, &env, NULL);
	size_t n = d.coll.n, out[16], expect_total[] = {2, 4, 1, 3, 3, 2, 1, 1};
	for (size_t s = 0; s < ss.n; s++) {
		size_t m = query_filter(ss.q[s], &env, NULL, n, out), unread = 0;
		for (size_t i = 0; i < m; i++) unread += !odd_read(NULL, out[i]);
		assert_int_equal(ss.total[s], m);
		assert_int_equal(ss.total[s], expect_total[s]);
		assert_int_equal(ss.unread[s], unread);
	}
	search_set_free(&ss);
	searches_free(&all);
	dossier_close(&d);
}

/* A stand-in full-text index that knows every article but the last and
 * claims the body of article 0 holds any words: the whole-collection
 * answer (titles found in one pass, the body bitmap, the unknown article
 * asked alone) must equal query_filter with the same index per article. */
static unsigned char fake_body[1] = {1};
static const unsigned char *fake_bits(void *ctx, const char *const *w, size_t n)
{
	(void)ctx, (void)w, (void)n;
	return fake_body;
}
static bool fake_knows(const void *ctx, size_t art)
{
	return art + 1 < ((const struct dossier *)ctx)->coll.n;
}
static int fake_match(void *ctx, size_t art, const char *const *w, size_t n)
{
	(void)w, (void)n;
	return fake_knows(ctx, art) ? art == 0 : -1;
}

static void test_counts_index(void **state)
{
	(void)state;
	struct dossier d;
	open_corpus(&d);
	struct searches all = {0};
	const char *qs[] = {"grain", "\"grain corridor\"", "café", "CAFÉ OR noël", "zeppelin",
			    "strike -grain", "会谈", "range debate"};
	for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
		char name[8];
		snprintf(name, sizeof name, "w%zu", i);
		searches_add(&all, name, qs[i], NULL, "t", 1, 1);
	}
	struct search_set ss;
	struct diag_list dl = DIAG_LIST_INIT;
	search_set_init(&ss, &all, NULL, &d, &dl);
	assert_int_equal(dl.n, 0);
	struct query_env env = {.d = &d, .text_match = fake_match, .ctx = &d};
	const struct query_text_bits text = {fake_bits, fake_knows, &d};
	search_set_count(&ss, &env, &text);
	size_t out[16];
	for (size_t s = 0; s < ss.n; s++) {
		size_t m = query_filter(ss.q[s], &env, NULL, d.coll.n, out);
		if (ss.total[s] != m) fprintf(stderr, "  %s: %zu vs %zu\n", qs[s], ss.total[s], m);
		assert_int_equal(ss.total[s], m);
	}
	assert_int_equal(ss.total[4], 1); /* zeppelin: only article 0's "body" */
	search_set_free(&ss);
	searches_free(&all);
	dossier_close(&d);
}

static void test_save_roundtrip(void **state)
{
	(void)state;
	char *path = searches_saved_path();
	assert_non_null(path);
	assert_non_null(strstr(path, "/state/dossier/searches.yaml"));
	struct diag_list dl = DIAG_LIST_INIT;
	const char *weird = "title:\"“quoted” \\ back\" OR 会谈 -tag:x\tnoe\xcc\x88l 🙂";
	assert_int_equal(searches_save(path, "first", "tag:shipping", &dl), 0);
	assert_int_equal(searches_save(path, "weird", weird, &dl), 0);
	assert_int_equal(searches_save(path, "first", "tag:diplomacy", &dl), 0); /* replaces */
	assert_int_equal(dl.n, 0);
	/* read back as the config reads it: after a config that has its own */
	write_config("searches:\n  weird: tag:mine  # the config wins\n");
	char cpath[700];
	snprintf(cpath, sizeof cpath, "%s/config.yaml", root);
	struct settings s;
	assert_int_equal(config_load(&s, cpath, &dl), 0);
	assert_true(has_diag(&dl, "searches.yaml:5:3: warning: search 'weird' is already defined at"));
	diag_list_free(&dl);
	assert_int_equal(s.searches.n, 2);
	assert_string_equal(searches_find(&s.searches, "weird", NULL)->query, "tag:mine");
	assert_string_equal(searches_find(&s.searches, "first", NULL)->query, "tag:diplomacy");
	assert_string_equal(s.searches_path, path);
	config_free(&s);
	/* the saved file alone gives the text back byte for byte */
	write_config("layout: {mode: auto}\n");
	assert_int_equal(config_load(&s, cpath, &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_string_equal(searches_find(&s.searches, "weird", NULL)->query, weird);
	config_free(&s);
	/* a saved file that does not parse is left alone */
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("searches: {a: [\n", fp);
	fclose(fp);
	assert_int_equal(searches_save(path, "x", "tag:y", &dl), -1);
	assert_true(dl.n > 0);
	diag_list_free(&dl);
	fp = fopen(path, "r");
	char buf[64] = {0};
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "searches: {a: [\n");
	unlink(path);
	free(path);
}

static void test_collection_of(void **state)
{
	(void)state;
	struct collections c = {0};
	collections_set(&c, "other", "/nonexistent/x");
	collections_set(&c, "news", corpus);
	char spelled[700];
	snprintf(spelled, sizeof spelled, "%s/../corpus/", corpus);
	assert_string_equal(searches_collection_of(&c, spelled), "news");
	assert_null(searches_collection_of(&c, root));
	assert_null(searches_collection_of(NULL, corpus));
	collections_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_refs),
		cmocka_unit_test(test_expansion_bomb),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_bad),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_counts_index),
		cmocka_unit_test(test_save_roundtrip),
		cmocka_unit_test(test_collection_of),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
