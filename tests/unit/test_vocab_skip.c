/* SPDX-License-Identifier: MIT
 * The matcher's skip (vocab_skip.c: the automaton walks only from places a
 * phrase may start) against the plain path and against what each text was
 * built to hold: phrases at every offset of a 64-byte scan block and at
 * the text's ends, after and before every kind of edge (spaces, no-break
 * space, curly quotes, dashes, accents, combining marks, Turkish dotted I,
 * German sharp s, CJK, emoji, letters and digits that glue words), in
 * sparse and dense text; vocabularies whose phrases start with signs, and
 * with too many signs to skip. Also the vector masks against bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/collection/vocab.h"
#include "core/collection/vocab_int.h"

/* Our own entries: proper names (some starting with a letter of several
 * bytes), exact abbreviations, lowercase phrases any case may match,
 * phrases that start with a sign, short words, a dash inside. */
static const char *const yaml =
	"kyiv: { case: proper, match: [Kyiv, Kiev, \"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\"] }\n"
	"zurich: [\"Z\xC3\xBCrich\", \"\xC3\x9C" "ber Zug\"]\n"
	"istanbul: [\"\xC4\xB0stanbul\"]\n"
	"street: [\"stra\xC3\x9F" "e\"]\n"
	"tokyo: [\"\xE6\x9D\xB1\xE4\xBA\xAC\"]\n"
	"nato: { case: exact, match: [NATO, EU] }\n"
	"aid: { case: proper, match: [military aid, aid, no restrictions, F-16] }\n"
	"ferry: [ferry harbour board]\n"
	"net: [\".net\", \"#harbour\", \"'s plan\"]\n"
	"quote: [\"\xC2\xAB" "vote\xC2\xBB\"]\n";

/* What a phrase may stand next to: the text before it, whether the
 * phrase still counts there, the text after it, whether it counts. */
static const struct {
	const char *s;
	bool ok;
} before[] = {
	{"", true}, {" ", true}, {"\n\n", true}, {"\xC2\xA0", true}, {"\xE2\x80\x9C", true},
	{"\xE2\x80\x94", true}, {"(", true}, {"**", true}, {"-", true}, {"x", false}, {"7", false},
	{"\xC3\xA9", false}, {"\xE4\xBC\x9A", false}, {"\xF0\x9F\x91\x8D", true},
	{"e\xCC\x81", false},
},
  after[] = {
	{"", true}, {" ", true}, {".", true}, {"\xE2\x80\x9D", true}, {"\xE2\x80\x99s", true},
	{"\xE2\x80\x93", true}, {"\n", true}, {"s", false}, {"9", false}, {"\xC3\xA9", false},
	{"\xCC\x81", false}, {"\xF0\x9F\x91\x8D", true}, {"\xE2\x80\xA6", true},
};

/* A phrase as it may be written in text, the tag it implies. */
static const struct {
	const char *text, *tag;
} written[] = {
	{"Kyiv", "kyiv"}, {"KIEV", "kyiv"}, {"\xD0\x9A\xD0\x98\xD0\x87\xD0\x92", "kyiv"},
	{"z\xC3\xBCrich", "zurich"}, {"\xC3\x9C" "BER zug", "zurich"},
	{"i\xCC\x87stanbul", "istanbul"}, {"\xC4\xB0STANBUL", "istanbul"},
	{"STRASSE", "street"}, {"Stra\xC3\x9F" "e", "street"}, {"\xE6\x9D\xB1\xE4\xBA\xAC", "tokyo"},
	{"NATO", "nato"}, {"EU", "nato"}, {"Military  aid", "aid"}, {"military\xC2\xA0" "aid", "aid"},
	{"Aid", "aid"}, {"NO restrictions", "aid"}, {"F\xE2\x80\x91" "16", "aid"},
	{"ferry-harbour \xE2\x80\x94 board", "ferry"}, {".NET", "net"}, {"#Harbour", "net"},
	{"\xE2\x80\x99s plan", "net"}, {"\xC2\xAB" "Vote\xC2\xBB", "quote"},
};

/* Filler with no phrase: ASCII words, some that begin like phrases. */
static const char *const filler[] = {
	"the", "council", "ferry", "harbour", "mili", "milk", "aide", "Aids", "kyivan", "naval",
	"eur", "Eure", "strand", "zug", "no", "its", "Fe", "16", ",", ".", "\n\n", "nett", "vote",
	"Ku", "Kyi", "said", "\xE2\x80\x99", "\xE2\x80\x94", "\xC3\xA9t\xC3\xA9",
};
#define NFILL (sizeof filler / sizeof *filler)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static struct vocab *vocab_of(const char *y)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	vocab_load(v, y, strlen(y), "s.yaml", &dl);
	vocab_build(v);
	diag_list_free(&dl);
	return v;
}

static bool has(const struct strlist *l, const char *tag)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], tag) == 0) return true;
	return false;
}

/* vocab_match and vocab_match_plain agree on t; returns the tags. */
static void match_both(const struct vocab *v, const char *t, size_t len, struct strlist *out)
{
	struct strlist plain = {0};
	vocab_match(v, t, len, out);
	vocab_match_plain(v, t, len, &plain);
	bool same = out->n == plain.n;
	for (size_t i = 0; same && i < out->n; i++) same = strcmp(out->v[i], plain.v[i]) == 0;
	if (!same) {
		fprintf(stderr, "fast:");
		for (size_t i = 0; i < out->n; i++) fprintf(stderr, " %s", out->v[i]);
		fprintf(stderr, "\nplain:");
		for (size_t i = 0; i < plain.n; i++) fprintf(stderr, " %s", plain.v[i]);
		fail_msg("\nskip and plain paths differ on \"%.*s\"", (int)(len < 300 ? len : 300), t);
	}
	strlist_free(&plain);
}

/* Filler of about n bytes that holds no phrase (all ASCII when ascii). */
static void fill(struct strbuf *sb, size_t n, bool ascii)
{
	size_t to = sb->len + n;
	while (sb->len < to) {
		const char *w = filler[rnd(ascii ? 23 : NFILL)];
		strbuf_adds(sb, w);
		strbuf_addc(sb, ' ');
	}
}

static void test_masks_equal_bytes(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(yaml);
	unsigned char q[16];
	for (int r = 0; r < 20000; r++) {
		for (int i = 0; i < 16; i++) {
			unsigned k = rnd(4);
			q[i] = (unsigned char)(k == 0 ? rnd(256) : k == 1 ? (unsigned char)"aZ09.#'-"[rnd(8)]
							: k == 2 ? 0x80 + rnd(128) : rnd(128));
		}
		struct vskip_masks a, b;
		vocab_skip_masks(v, q, &a);
		vocab_skip_masks_ref(v, q, &b);
		assert_int_equal(a.a, b.a);
		assert_int_equal(a.h, b.h);
		assert_int_equal(a.l, b.l);
		assert_int_equal(a.nw, b.nw);
	}
	vocab_free(v);
}

/* Every phrase, at every offset of a scan block and past it, between
 * every kind of edge: found exactly when both edges let it stand. */
static void test_phrases_at_every_edge(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(yaml);
	assert_true(vocab_skip_usable(v));
	struct strbuf t = STRBUF_INIT;
	size_t found = 0;
	for (size_t w = 0; w < sizeof written / sizeof *written; w++)
		for (size_t b = 0; b < sizeof before / sizeof *before; b++)
			for (size_t a = 0; a < sizeof after / sizeof *after; a++)
				for (size_t off = 0; off < 140; off += 1 + rnd(9)) {
					strbuf_reset(&t);
					if (off) fill(&t, off, rnd(2));
					if (off && rnd(2)) t.len = off; /* cut mid-word or mid-character */
					strbuf_adds(&t, before[b].s);
					strbuf_adds(&t, written[w].text);
					strbuf_adds(&t, after[a].s);
					if (after[a].s[0] && rnd(3)) fill(&t, rnd(80), rnd(2)); /* "": the text's end */
					struct strlist out = {0};
					match_both(v, t.buf, t.len, &out);
					/* a cut filler may glue a letter to the phrase: then
					 * only the two paths agreeing is checked */
					bool glued = off && t.len && !before[b].s[0];
					if (!glued && before[b].ok && after[a].ok && !has(&out, written[w].tag))
						fail_msg("%s not found in \"%s\"", written[w].tag, t.buf);
					found += out.n;
					strlist_free(&out);
				}
	assert_true(found > 1000);
	strbuf_free(&t);
	vocab_free(v);
}

/* A phrase glued to a word is no match, in text where the skip has to
 * decide (a letter before it in the same scan block, or the block edge). */
static void test_glued_words_do_not_match(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(yaml);
	const char *glued[] = {"xKyiv", "Kyivx", "7NATO", "NATO7", "\xC3\xA9" "EU", "EU\xC3\xA9",
			       "aid\xCC\x81", "militaryaid", "Ferry harbourboard", "e\xCC\x81" "Kyiv"};
	struct strbuf t = STRBUF_INIT;
	for (size_t g = 0; g < sizeof glued / sizeof *glued; g++)
		for (size_t off = 0; off < 130; off++) {
			strbuf_reset(&t);
			for (size_t i = 0; i < off; i++) strbuf_addc(&t, i % 7 == 6 ? ' ' : 'q');
			strbuf_adds(&t, glued[g]);
			strbuf_adds(&t, " the council");
			struct strlist out = {0};
			match_both(v, t.buf, t.len, &out);
			if (out.n) fail_msg("\"%s\" matched %s", t.buf, out.v[0]);
			strlist_free(&out);
		}
	strbuf_free(&t);
	vocab_free(v);
}

/* Text where nearly every word may start a phrase (the walk covers most
 * of it and hands over to the two lanes) and text where none does, long,
 * with phrases sprinkled in: the same tags on both paths. */
static void test_dense_and_sparse_text(void **state)
{
	(void)state;
	struct vocab *v = vocab_of(yaml);
	struct strbuf t = STRBUF_INIT;
	for (int r = 0; r < 300; r++) {
		strbuf_reset(&t);
		bool dense = r % 2;
		size_t n = 200 + rnd(6000);
		while (t.len < n) {
			if (rnd(dense ? 2 : 40) == 0) strbuf_adds(&t, written[rnd(sizeof written / sizeof *written)].text);
			else if (dense) strbuf_adds(&t, (const char *[]){"mili", "Aid", "aide", "Kyi", "EU", "no", "F"}[rnd(7)]);
			else fill(&t, 1, rnd(4) != 0);
			strbuf_adds(&t, (const char *[]){" ", " ", ", ", "\xE2\x80\x94", "\n", "\xC2\xA0"}[rnd(6)]);
		}
		struct strlist out = {0};
		match_both(v, t.buf, t.len, &out);
		for (int c = 0; c < 3; c++) { /* cut anywhere, also inside characters */
			size_t a = rnd((unsigned)t.len), b = a + rnd((unsigned)(t.len - a) + 1);
			struct strlist o2 = {0};
			match_both(v, t.buf + a, b - a, &o2);
			strlist_free(&o2);
		}
		strlist_free(&out);
	}
	strbuf_free(&t);
	vocab_free(v);
}

/* Phrases that start with five different signs: the skip cannot look for
 * them 16 bytes at a time and is not used; the answers stay the same. */
static void test_many_signs_walk_everything(void **state)
{
	(void)state;
	struct vocab *v = vocab_of("signs: [\".net\", \"#ukraine\", \"@council\", \"$gas\", \"%rate\"]\n"
				   "kyiv: [Kyiv]\n");
	assert_false(vocab_skip_usable(v));
	const char *t = "a @Council vote on $GAS in Kyiv, #Ukraine and .NET at 5%rate";
	struct strlist out = {0};
	match_both(v, t, strlen(t), &out);
	assert_int_equal(out.n, 2);
	assert_true(has(&out, "signs") && has(&out, "kyiv"));
	strlist_free(&out);
	vocab_free(v);
	v = vocab_of("signs: [\".net\", \"#ukraine\", \"@council\", \"$gas\"]\n");
	assert_true(vocab_skip_usable(v));
	out = (struct strlist){0};
	match_both(v, t, strlen(t), &out);
	assert_true(has(&out, "signs"));
	strlist_free(&out);
	vocab_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_masks_equal_bytes),
		cmocka_unit_test(test_phrases_at_every_edge),
		cmocka_unit_test(test_glued_words_do_not_match),
		cmocka_unit_test(test_dense_and_sparse_text),
		cmocka_unit_test(test_many_signs_walk_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
