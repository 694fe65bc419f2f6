/* SPDX-License-Identifier: MIT
 * The topic vocabulary: YAML forms and errors with positions, and the
 * matcher's promises (whole words, folding, aliases, overlaps, scale). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/vocab.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

static struct vocab *load(const char *yaml, struct diag_list *dl)
{
	struct vocab *v = vocab_new();
	vocab_load(v, yaml, strlen(yaml), "t.yaml", dl);
	vocab_build(v);
	return v;
}

/* The tags matched in text, sorted and joined by spaces. */
static char *tags_of(const struct vocab *v, const char *text)
{
	struct strlist out = {0};
	struct strbuf sb = STRBUF_INIT;
	vocab_match(v, text, strlen(text), &out);
	for (size_t i = 0; i < out.n; i++)
		for (size_t j = i + 1; j < out.n; j++)
			if (strcmp(out.v[i], out.v[j]) > 0) { char *t = out.v[i]; out.v[i] = out.v[j]; out.v[j] = t; }
	for (size_t i = 0; i < out.n; i++) {
		if (i) strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, out.v[i]);
	}
	strlist_free(&out);
	return sb.buf ? strbuf_steal(&sb) : xstrdup("");
}

#define ASSERT_TAGS(v, text, want) do { char *got_ = tags_of(v, text); \
	assert_string_equal(got_, want); free(got_); } while (0)

static void test_whole_words(void **state)
{
	(void)state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load("places/kyiv: [Kyiv, Kiev]\nnato: [NATO]\n", &dl);
	assert_int_equal(dl.n, 0);
	ASSERT_TAGS(v, "Kyivstar reported an outage", "");
	ASSERT_TAGS(v, "the Kievan Rus", "");
	ASSERT_TAGS(v, "in Kyiv.", "places/kyiv");
	ASSERT_TAGS(v, "Kyiv's mayor", "places/kyiv");
	ASSERT_TAGS(v, "Kyiv\xE2\x80\x99s mayor", "places/kyiv");
	ASSERT_TAGS(v, "Kyiv-based", "places/kyiv");
	ASSERT_TAGS(v, "(Kiev)", "places/kyiv");
	ASSERT_TAGS(v, "KYIV", "places/kyiv");
	ASSERT_TAGS(v, "SuperNATO NATOs", "");
	ASSERT_TAGS(v, "", "");
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_case_and_normalisation(void **state)
{
	(void)state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load("air-defense: { label: Air defense, match: [air defense, air defence, S-300] }\n"
			       "cafe: [caf\xC3\xA9]\n"
			       "strasse: [STRASSE]\n", &dl);
	assert_int_equal(dl.n, 0);
	ASSERT_TAGS(v, "AIR DEFENSE systems", "air-defense");
	ASSERT_TAGS(v, "air\xC2\xA0" "defence", "air-defense");      /* NBSP */
	ASSERT_TAGS(v, "air\n  defense", "air-defense");             /* wrapped */
	ASSERT_TAGS(v, "S-300/400 systems", "air-defense");
	ASSERT_TAGS(v, "s\xE2\x80\x91" "300", "air-defense");         /* non-breaking hyphen */
	ASSERT_TAGS(v, "CAFE\xCC\x81 open", "cafe");                  /* decomposed é */
	ASSERT_TAGS(v, "die Stra\xC3\x9F" "e", "strasse");            /* ß folds to ss */
	ASSERT_TAGS(v, "\xEF\xBC\xB3-300", "air-defense");            /* fullwidth S, NFKC */
	assert_string_equal(vocab_label(v, "air-defense"), "Air defense");
	assert_null(vocab_label(v, "cafe"));
	assert_null(vocab_label(v, "nothing"));
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_overlaps_and_aliases(void **state)
{
	(void)state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load("people/zelensky: [Zelensky, Zelenskyy, Zelenskiy, Volodymyr Zelensky]\n"
			       "people/zelenska: [Zelenska, Olena Zelenska]\n"
			       "white-house: [White House]\n"
			       "house: [House of Representatives, House]\n"
			       "long-range: [long-range strikes, long range, strikes]\n"
			       "weapons/patriot: [Patriot]\nair-defense: [Patriot, air defense]\n", &dl);
	assert_int_equal(dl.n, 0);
	ASSERT_TAGS(v, "Zelenskyy met Zelenskiy", "people/zelensky");
	ASSERT_TAGS(v, "Olena Zelenska spoke", "people/zelenska");
	ASSERT_TAGS(v, "the White House said", "house white-house");
	ASSERT_TAGS(v, "long-range strikes", "long-range");
	ASSERT_TAGS(v, "more Patriots", "");
	ASSERT_TAGS(v, "a Patriot battery", "air-defense weapons/patriot");
	/* a phrase inside a longer one that fails the word test still counts */
	ASSERT_TAGS(v, "long rangers strikes", "long-range");
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_override_and_extend(void **state)
{
	(void)state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	const char *shipped = "kyiv: { label: Kyiv, match: [Kyiv] }\nnato: [NATO]\ngone: [Gone]\n";
	const char *user = "Kyiv: { add: [Kiev] }\nnato: { label: Alliance, match: [North Atlantic Alliance] }\n"
			   "gone: ~\nnew tag: [fresh]\n";
	assert_int_equal(vocab_load(v, shipped, strlen(shipped), "s.yaml", &dl), 0);
	assert_int_equal(vocab_load(v, user, strlen(user), "u.yaml", &dl), 0);
	vocab_build(v);
	assert_int_equal(dl.n, 0);
	assert_int_equal(vocab_count(v), 3);
	ASSERT_TAGS(v, "Kiev and Kyiv", "kyiv");
	ASSERT_TAGS(v, "NATO", "");
	ASSERT_TAGS(v, "the North Atlantic Alliance", "nato");
	ASSERT_TAGS(v, "Gone", "");
	ASSERT_TAGS(v, "fresh", "new-tag");
	assert_string_equal(vocab_label(v, "kyiv"), "Kyiv");
	assert_string_equal(vocab_label(v, "nato"), "Alliance");
	vocab_free(v);
	diag_list_free(&dl);
}

/* Expect exactly one diag with this position and message fragment. */
static void expect_diag(const char *yaml, int want_rc, int line, int col, const char *frag)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	int rc = vocab_load(v, yaml, strlen(yaml), "bad.yaml", &dl);
	assert_int_equal(rc, want_rc);
	assert_true(dl.n >= 1);
	char pos[64];
	bool found = false;
	snprintf(pos, sizeof pos, "bad.yaml:%d:%d: ", line, col);
	for (size_t i = 0; i < dl.n && !found; i++) {
		char *s = diag_format(&dl.items[i]);
		found = strncmp(s, pos, strlen(pos)) == 0 && strstr(s, frag);
		if (!found) print_message("diag: %s\n", s);
		free(s);
	}
	if (!found) fail_msg("no diag '%s...%s'", pos, frag);
	vocab_build(v);
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_yaml_errors(void **state)
{
	(void)state;
	expect_diag("a: [x]\nb: [y\n", -1, 3, 1, "");
	expect_diag("a: &x [p]\nb: *x\n", -1, 2, 4, "aliases not allowed in the topic vocabulary");
	expect_diag("- a\n- b\n", -1, 1, 1, "must be a mapping");
	expect_diag("a: [x]\na: [y]\n", 0, 2, 1, "defined twice");
	expect_diag("a: { label: A, mtch: [x] }\n", 0, 1, 16, "unknown key 'mtch'");
	expect_diag("a: [x, [y]]\n", 0, 1, 8, "must be a string");
	expect_diag("' ': [x]\n", 0, 1, 1, "empty tag name");
	expect_diag("a: [x]\n---\nb: [y]\n", -1, 2, 1, "a second YAML document in the topic vocabulary");
	expect_diag("a:\n\t- x\n", -1, 2, 1, "");
	/* nesting: stopped at the depth limit, quickly */
	size_t n = 100000;
	char *deep = xmalloc(n + 8);
	memcpy(deep, "a: ", 3);
	memset(deep + 3, '[', n);
	deep[n + 3] = '\0';
	expect_diag(deep, -1, 1, 67, "the topic vocabulary nested too deeply (limit 64)");
	free(deep);
	/* the usable entries of a file with a problem still load */
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load("ok: [fine]\nbad: { label: [no] }\n", &dl);
	ASSERT_TAGS(v, "fine", "ok");
	vocab_free(v);
	diag_list_free(&dl);
}

/* Many tags: every phrase found, nothing else, same as a naive scan. */
static void test_large_vocabulary(void **state)
{
	(void)state;
	struct strbuf y = STRBUF_INIT, text = STRBUF_INIT;
	enum { N = 5000 };
	for (int i = 0; i < N; i++) strbuf_addf(&y, "t%d: [w%dx, w%dx w%d]\n", i, i, i % 97, i);
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load(y.buf, &dl);
	assert_int_equal(dl.n, 0);
	assert_int_equal(vocab_count(v), N);
	/* mention every 7th tag's first phrase, and glue others into words */
	for (int i = 0; i < N; i++) {
		if (i % 7 == 0) strbuf_addf(&text, "w%dx ", i);
		else strbuf_addf(&text, "zw%dx ", i);
	}
	struct strlist out = {0};
	vocab_match(v, text.buf, text.len, &out);
	assert_int_equal(out.n, (N + 6) / 7 + 0);
	for (int i = 0; i < N; i += 7) {
		char name[16];
		snprintf(name, sizeof name, "t%d", i);
		assert_true(strlist_has(&out, name));
	}
	strlist_free(&out);
	/* the two-word phrase "w{i%97}x w{i}" */
	ASSERT_TAGS(v, "w5x w102", "t102 t5");
	strbuf_free(&y);
	strbuf_free(&text);
	vocab_free(v);
	diag_list_free(&dl);
}

/* Phrases that are suffixes of each other, over a text made of them: all
 * found once, none invented (the chain-walk shortcut must not lose any). */
static void test_nested_suffixes(void **state)
{
	(void)state;
	struct strbuf y = STRBUF_INIT, text = STRBUF_INIT, phrase = STRBUF_INIT;
	enum { K = 100 }; /* phrases of up to 199 bytes (the cap is 200) */
	for (int i = 1; i <= K; i++) {
		strbuf_adds(&phrase, i > 1 ? " x" : "x");
		strbuf_addf(&y, "n%d: ['%s']\n", i, phrase.buf);
	}
	strbuf_adds(&y, "edge: ['y x']\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = load(y.buf, &dl);
	assert_int_equal(dl.n, 0);
	for (int i = 0; i < 60; i++) strbuf_adds(&text, "x ");
	strbuf_adds(&text, "xx y x");
	struct strlist out = {0};
	vocab_match(v, text.buf, text.len, &out);
	assert_int_equal(out.n, 61); /* n1..n60 and edge */
	assert_true(strlist_has(&out, "n60"));
	assert_false(strlist_has(&out, "n61"));
	assert_true(strlist_has(&out, "edge"));
	strlist_free(&out);
	ASSERT_TAGS(v, "ax x", "n1");
	ASSERT_TAGS(v, "x xa", "n1");
	strbuf_free(&y);
	strbuf_free(&text);
	strbuf_free(&phrase);
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_shipped_vocabulary(void **state)
{
	(void)state;
	FILE *f = fopen("config/topics-ukraine-defence.yaml", "rb");
	if (!f) skip();
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) strbuf_add(&sb, buf, n);
	fclose(f);
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	assert_int_equal(vocab_load(v, sb.buf, sb.len, "config/topics-ukraine-defence.yaml", &dl), 0);
	for (size_t i = 0; i < dl.n; i++) { char *s = diag_format(&dl.items[i]); print_message("%s\n", s); free(s); }
	assert_int_equal(dl.n, 0);
	vocab_build(v);
	assert_in_range(vocab_count(v), 60, 150);
	ASSERT_TAGS(v, "Kiev", "places/kyiv");
	ASSERT_TAGS(v, "Kharkov", "places/kharkiv");
	ASSERT_TAGS(v, "Zelenskyy", "people/zelensky");
	struct strlist out = {0};
	vocab_match(v, "HIMARS and Himars, ATACMS", 25, &out);
	assert_true(strlist_has(&out, "weapons/himars"));
	assert_true(strlist_has(&out, "weapons/atacms"));
	strlist_free(&out);
	strbuf_free(&sb);
	vocab_free(v);
	diag_list_free(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole_words),
		cmocka_unit_test(test_case_and_normalisation),
		cmocka_unit_test(test_overlaps_and_aliases),
		cmocka_unit_test(test_override_and_extend),
		cmocka_unit_test(test_yaml_errors),
		cmocka_unit_test(test_large_vocabulary),
		cmocka_unit_test(test_nested_suffixes),
		cmocka_unit_test(test_shipped_vocabulary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
