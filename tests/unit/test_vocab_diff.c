/* SPDX-License-Identifier: MIT
 * The matcher's fast walk (vocabulary-wide fold table, runs over quotes,
 * dashes and non-Latin letters, two lanes) against its plain path (every
 * character through the cluster fold, one at a time): identical tags on
 * random mixed text of every script, marks, invalid bytes and cut buffers,
 * also from several threads at once on one fresh vocabulary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/text/utf8.h"
#include "core/collection/vocab.h"
#include "core/collection/vocab_int.h"

/* Pieces of text, our own: ASCII words and Markdown, the punctuation of
 * news (curly quotes, dashes, ellipsis, no-break and thin spaces), Latin
 * letters composed and decomposed, letters whose fold is several
 * characters, Cyrillic, Greek (final sigma), Arabic with a vowel mark,
 * CJK and its punctuation, kana with a separate voicing mark, Hangul as
 * syllables and jamo, fullwidth, ligatures, ignorables, emoji, bare marks
 * and invalid bytes (stray, truncated, overlong, surrogate). */
static const char *const pieces[] = {
	"the", "council", "Council", "harbour", "Harbour", "board", "Board", "vote", "kyiv", "Kyiv",
	"KYIV", "kiev", "US", "us", "Us", "NATO", "nato", "well", "known", "it", "s", "a", "7",
	" ", " ", " ", "  ", "\n", "\n\n", "\t", "-", "--", ".", ",", "'", "#", "## ", "**", "*", "> ",
	"[", "](https://example.org/kyiv?x=1)", "<b>", "</b>",
	"\xE2\x80\x99", "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x94",
	"\xE2\x80\xA6", "\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\x8B", "\xC2\xAD", "\xE2\x80\x8D",
	"caf\xC3\xA9", "CAF\xC3\x89", "cafe\xCC\x81", "Z\xC3\xBCrich", "Zu\xCC\x88rich", "Z\xC3\x9CRICH",
	"Zurich", "\xC5\x81\xC3\xB3\x64\xC5\xBA", "\xC5\x81\xC3\x93\x44\xC5\xB9", "na\xC3\xAFve", "Ky\xC3\xAFv",
	"\xC4\xB1", "\xC4\xB0stanbul", "\xC3\x9F", "SS", "\xC5\xBF", "\xC7\x84", "\xC7\x85", "\xC8\xBA",
	"\xEF\xAC\x81le", "file", "\xC2\xB5", "\xC2\xBD", "\xC2\xB2",
	"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92", "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2",
	"\xD0\xA5\xD0\xB0\xD1\x80\xD0\xBA\xD1\x96\xD0\xB2",
	"\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", "\xCE\x91\xCE\x98\xCE\x89\xCE\x9D\xCE\x91",
	"\xCF\x83\xCE\xBF\xCF\x86\xCF\x8C\xCF\x82", "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8C\xCE\xA3", "\xCE\x90",
	"\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8\xA9", "\xD9\x8E",
	"\xE6\x9D\xB1\xE4\xBA\xAC", "\xE4\xBC\x9A\xE8\xAE\xAE", "\xE3\x80\x81", "\xE3\x80\x82", "\xE3\x80\x80",
	"\xE3\x82\xAB\xE3\x82\x99", "\xE3\x82\xAC", "\xE3\x82\x9B",
	"\xED\x95\x9C\xEA\xB5\xAD", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xE1\x86\xAB",
	"\xEF\xBC\xAB\xEF\xBC\xB9\xEF\xBC\xA9\xEF\xBC\xB6", "\xE2\x84\xAA", "\xEF\xB7\xBA",
	"\xF0\x9F\x91\x8D", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
	"\xCC\x81", "\xCC\xA3", "\xCD\x84", "\xE0\xBD\xB3",
	"\xFF", "\xC3", "\x80", "\xE2\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

/* Entries with diacritics in several scripts, proper names and exact
 * abbreviations that check case, phrases across dashes and quotes. */
static const char *const fixed_yaml =
	"places/kyiv: { case: proper, match: [Kyiv, Kiev, \"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\", \"Ky\xC3\xAFv\"] }\n"
	"places/zurich: [\"Z\xC3\xBCrich\"]\n"
	"places/lodz: { case: proper, match: [\"\xC5\x81\xC3\xB3\x64\xC5\xBA\"] }\n"
	"places/athens: [\"\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1\", \"\xCF\x83\xCE\xBF\xCF\x86\xCF\x8C\xCF\x82\"]\n"
	"places/tokyo: [\"\xE6\x9D\xB1\xE4\xBA\xAC\"]\n"
	"places/cairo: [\"\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8\xA9\"]\n"
	"places/korea: [\"\xED\x95\x9C\xEA\xB5\xAD\"]\n"
	"places/kharkiv: { case: proper, match: [\"\xD0\xA5\xD0\xB0\xD1\x80\xD0\xBA\xD1\x96\xD0\xB2\"] }\n"
	"orgs/nato: { case: exact, match: [NATO] }\n"
	"us: { case: exact, match: [US] }\n"
	"harbour: { case: proper, match: [Harbour Board, \"Harbour\xE2\x80\x99s\"] }\n"
	"food: [\"caf\xC3\xA9\", \"na\xC3\xAFve\", \"stra\xC3\x9F" "e\"]\n"
	"votes: [\"council \xE2\x80\x93 vote\", well-known, \"it\xE2\x80\x99s\"]\n"
	"files: [\"\xEF\xAC\x81le\", \"\xC4\xB0stanbul\", \"ka\xE3\x82\xAB\xE3\x82\x99\"]\n"
	"marks: [\"#\", \"**kyiv**\"]\n";

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Mostly English with a share of the rest, like news; sometimes dense. */
static void random_text(struct strbuf *sb, unsigned count)
{
	unsigned dense = rnd(4) == 0 ? 2 : 12;
	for (unsigned i = 0; i < count; i++) {
		unsigned k = rnd(dense) ? rnd(48) : rnd(NPIECES);
		strbuf_adds(sb, pieces[k]);
		if (rnd(3)) strbuf_addc(sb, ' ');
	}
}

static void assert_same(const struct vocab *v, const char *t, size_t len)
{
	struct strlist fast = {0}, plain = {0};
	vocab_match(v, t, len, &fast);
	vocab_match_plain(v, t, len, &plain);
	bool same = fast.n == plain.n;
	for (size_t i = 0; same && i < fast.n; i++) same = strcmp(fast.v[i], plain.v[i]) == 0;
	if (!same) {
		fprintf(stderr, "fast:");
		for (size_t i = 0; i < fast.n; i++) fprintf(stderr, " %s", fast.v[i]);
		fprintf(stderr, "\nplain:");
		for (size_t i = 0; i < plain.n; i++) fprintf(stderr, " %s", plain.v[i]);
		fail_msg("\nfast and plain paths differ on %zu bytes: \"%.*s\"", len, (int)(len < 400 ? len : 400), t);
	}
	strlist_free(&fast);
	strlist_free(&plain);
}

/* The text whole, then cut at random places (often inside a character)
 * from either end, so runs end at the buffer's edge. */
static void check_text(const struct vocab *v, const struct strbuf *t, size_t *tags)
{
	const char *s = t->buf ? t->buf : "";
	assert_same(v, s, t->len);
	for (int c = 0; c < 4 && t->len; c++) {
		size_t a = rnd((unsigned)t->len), b = a + rnd((unsigned)(t->len - a) + 1);
		assert_same(v, s, b);
		assert_same(v, s + a, t->len - a);
		assert_same(v, s + a, b - a);
	}
	struct strlist out = {0};
	vocab_match(v, s, t->len, &out);
	*tags += out.n;
	strlist_free(&out);
}

static struct vocab *vocab_of(const char *yaml)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	vocab_load(v, yaml, strlen(yaml), "d.yaml", &dl);
	vocab_build(v);
	diag_list_free(&dl);
	return v;
}

static void test_fixed_vocabulary(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(fixed_yaml);
	size_t tags = 0;
	for (int round = 0; round < 600; round++) {
		struct strbuf t = STRBUF_INIT;
		random_text(&t, round % 3 ? 1 + rnd(60) : 200 + rnd(2500));
		check_text(v, &t, &tags);
		strbuf_free(&t);
	}
	/* the fast walk did run: the curly apostrophe's block was made */
	assert_non_null(atomic_load(&v->fast[0x2019 / VF_BLOCK]));
	assert_true(tags > 2000);
	vocab_free(v);
}

/* Random phrases of the pieces, in every case mode. */
static void test_random_vocabularies(void **state)
{
	(void)state;
	static const char *const modes[] = {"fold", "proper", "exact"};
	size_t tags = 0;
	for (int round = 0; round < 60; round++) {
		struct strbuf y = STRBUF_INIT;
		for (int t = 0; t < 12; t++) {
			strbuf_addf(&y, "t%d: { case: %s, match: [", t, modes[rnd(3)]);
			for (int k = 0; k < 3; k++) {
				struct strbuf raw = STRBUF_INIT;
				unsigned n = 1 + rnd(3);
				for (unsigned i = 0; i < n; i++) {
					strbuf_adds(&raw, pieces[rnd(3) ? rnd(48) : rnd(NPIECES)]);
					if (rnd(2)) strbuf_addc(&raw, ' ');
				}
				size_t plen;
				char *p = utf8_repair(raw.buf, raw.len, &plen);
				strbuf_adds(&y, k ? ", \"" : "\"");
				for (size_t i = 0; i < plen; i++) {
					unsigned char c = (unsigned char)p[i];
					if (c < 0x20 || c == '"' || c == '\\') strbuf_addf(&y, "\\x%02x", c);
					else strbuf_addc(&y, (char)c);
				}
				strbuf_adds(&y, "\"");
				free(p);
				strbuf_free(&raw);
			}
			strbuf_adds(&y, "] }\n");
		}
		struct vocab *v = vocab_of(y.buf);
		for (int k = 0; k < 30; k++) {
			struct strbuf t = STRBUF_INIT;
			random_text(&t, k % 3 ? 1 + rnd(60) : 200 + rnd(1500));
			check_text(v, &t, &tags);
			strbuf_free(&t);
		}
		vocab_free(v);
		strbuf_free(&y);
	}
	assert_true(tags > 1000);
}

/* Several threads on one fresh vocabulary make its fold table's blocks
 * at the same time: each still finds what the plain path finds. */
struct job {
	const struct vocab *v;
	const struct strbuf *texts;
	const struct strlist *want;
	int n, bad;
};

static void *run_job(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < j->n; i++) {
		struct strlist out = {0};
		vocab_match(j->v, j->texts[i].buf ? j->texts[i].buf : "", j->texts[i].len, &out);
		bool same = out.n == j->want[i].n;
		for (size_t k = 0; same && k < out.n; k++) same = strcmp(out.v[k], j->want[i].v[k]) == 0;
		j->bad += !same;
		strlist_free(&out);
	}
	return NULL;
}

static void test_threads_share_the_table(void **state)
{
	(void)state;
	enum { NTEXT = 200, NTHREAD = 4 };
	struct vocab *v = vocab_of(fixed_yaml);
	struct strbuf texts[NTEXT];
	struct strlist want[NTEXT];
	for (int i = 0; i < NTEXT; i++) {
		texts[i] = (struct strbuf)STRBUF_INIT;
		random_text(&texts[i], 50 + rnd(800));
		want[i] = (struct strlist){0};
		vocab_match_plain(v, texts[i].buf ? texts[i].buf : "", texts[i].len, &want[i]);
	}
	pthread_t th[NTHREAD];
	struct job jobs[NTHREAD];
	for (int k = 0; k < NTHREAD; k++) {
		jobs[k] = (struct job){v, texts, want, NTEXT, 0};
		assert_int_equal(pthread_create(&th[k], NULL, run_job, &jobs[k]), 0);
	}
	for (int k = 0; k < NTHREAD; k++) {
		pthread_join(th[k], NULL);
		assert_int_equal(jobs[k].bad, 0);
	}
	for (int i = 0; i < NTEXT; i++) {
		strbuf_free(&texts[i]);
		strlist_free(&want[i]);
	}
	vocab_free(v);
}

/* The fixed entries do match real sentences (the random tests would pass
 * if nothing ever matched). */
static void test_examples(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(fixed_yaml);
	const char *t = "The Harbour Board\xE2\x80\x99s vote \xE2\x80\x94 in KYIV, \xE6\x9D\xB1\xE4\xBA\xAC and "
			"\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8C\xCE\xA3 \xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D; nato said, US too.";
	struct strlist out = {0};
	vocab_match(v, t, strlen(t), &out);
	const char *want[] = {"food", "harbour", "places/athens", "places/kyiv", "places/tokyo", "us"};
	assert_int_equal(out.n, sizeof want / sizeof *want);
	for (size_t i = 0; i < out.n; i++) assert_true(strlist_has(&out, want[i]));
	strlist_free(&out);
	vocab_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_fixed_vocabulary),
		cmocka_unit_test(test_random_vocabularies),
		cmocka_unit_test(test_threads_share_the_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
