/* SPDX-License-Identifier: MIT
 * The fast matcher against the reference: folding on the fly equals
 * folding the whole text with utf8_fold, and vocab_match finds exactly
 * what a naive search of the folded text finds (whole words, case modes),
 * on random text of hostile Unicode. Also the case modes by example. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/vocab.h"
#include "core/vocab_int.h"

/* The reference fold, as the matcher had it before folding on the fly:
 * utf8_fold of the whole text, then spaces and dashes to one space,
 * typographic apostrophes to ', no space at either end. */
static bool ref_space(int32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static char *ref_fold(const char *s, size_t len, size_t *outlen)
{
	size_t flen, i = 0, olen = 0;
	char *f = utf8_fold(s, len, &flen);
	bool space = true;
	while (i < flen) {
		int32_t cp;
		size_t n = utf8_decode(f + i, flen - i, &cp);
		if (ref_space(cp)) {
			if (!space) f[olen++] = ' ';
			space = true;
		} else if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) {
			f[olen++] = '\'';
			space = false;
		} else {
			memmove(f + olen, f + i, n);
			olen += n;
			space = false;
		}
		i += n;
	}
	if (olen && f[olen - 1] == ' ') olen--;
	f[olen] = '\0';
	*outlen = olen;
	return f;
}

/* Pieces of hostile text: ASCII, spaces and dashes, quotes, composed and
 * decomposed accents, case pairs that fold to several letters, ligatures,
 * fullwidth forms, Cyrillic, Greek, CJK, Hangul syllables and jamo,
 * ignorables, emoji with ZWJ, bare combining marks, invalid bytes. */
static const char *const pieces[] = {
	"a", "b", "ab", "Ab", "AB", "kyiv", "Kyiv", "KYIV", "kiev", "s", "x", "7", "0",
	" ", "  ", "\t", "\n", "-", "--", ".", ",", "'", "(", "#",
	"\xE2\x80\x99", "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xA0",
	"\xC3\xA9", "e\xCC\x81", "E\xCC\x81", "\xC3\x89", "\xC3\x9F", "SS", "ss", "\xC4\xB0",
	"\xEF\xAC\x81", "\xEF\xBC\xAB", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92",
	"\xCE\xA3", "\xCF\x82", "\xE6\x9D\xB1\xE4\xBA\xAC", "\xED\x95\x9C", "\xE1\x84\x92\xE1\x85\xA1",
	"\xE1\x86\xAB", "\xC2\xAD", "\xE2\x80\x8D", "\xF0\x9F\x91\x8D", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
	"\xCC\x81", "\xCC\xA3", "\xFF", "\xC3", "\xEF\xB7\xBA", "\xCD\x84", "\xC2\xA8", "\xE0\xBD\xB3",
	"\xC7\x85", "\xE2\x84\xAA",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void random_text(struct strbuf *sb, unsigned maxpieces)
{
	unsigned n = rnd(maxpieces + 1);
	for (unsigned i = 0; i < n; i++) strbuf_adds(sb, pieces[rnd(NPIECES)]);
}

static void test_fold_equals_reference(void **state)
{
	(void)state;
	for (int round = 0; round < 20000; round++) {
		struct strbuf t = STRBUF_INIT, f = STRBUF_INIT, c = STRBUF_INIT;
		random_text(&t, 24);
		fold_string(t.buf ? t.buf : "", t.len, &f, &c);
		size_t rlen;
		char *r = ref_fold(t.buf ? t.buf : "", t.len, &rlen);
		if (rlen != f.len || memcmp(r, f.buf, rlen) != 0)
			fail_msg("fold differs on \"%s\": \"%s\" vs reference \"%s\"", t.buf, f.buf, r);
		assert_int_equal(c.len, f.len);
		free(r);
		strbuf_free(&t);
		strbuf_free(&f);
		strbuf_free(&c);
	}
}

/* ---- the reference matcher: every phrase at every offset ---- */

static int32_t ref_cp_at(const char *t, size_t len, size_t at)
{
	int32_t cp;
	utf8_decode(t + at, len - at, &cp);
	return cp;
}

static int32_t ref_cp_before(const char *t, size_t len, size_t at)
{
	size_t p = at - 1;
	while (p > 0 && at - p < 4 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
	return ref_cp_at(t, len, p);
}

/* The case a phrase asks for at each folded byte (0: any). */
static void ref_pattern(enum vocab_case mode, const struct strbuf *f, const struct strbuf *c,
			unsigned char *want)
{
	bool prev_word = false;
	for (size_t i = 0; i < f->len;) {
		int32_t cp;
		size_t n = utf8_decode(f->buf + i, f->len - i, &cp);
		for (size_t k = 0; k < n; k++) {
			unsigned char w = (unsigned char)c->buf[i + k];
			if (mode == VOCAB_CASE_FOLD) w = 0;
			if (mode == VOCAB_CASE_PROPER && (k > 0 || prev_word || w != FCASE_UPPER)) w = 0;
			want[i + k] = w;
		}
		prev_word = utf8_is_word_cp(cp);
		i += n;
	}
}

static bool ref_has(const struct strbuf *tf, const struct strbuf *tc, const char *phrase,
		    enum vocab_case mode)
{
	struct strbuf pf = STRBUF_INIT, pc = STRBUF_INIT;
	fold_string(phrase, strlen(phrase), &pf, &pc);
	bool found = false;
	unsigned char *want = xcalloc(pf.len + 1, 1);
	ref_pattern(mode, &pf, &pc, want);
	for (size_t s = 0; pf.len && !found && s + pf.len <= tf->len; s++) {
		if (memcmp(tf->buf + s, pf.buf, pf.len) != 0) continue;
		size_t e = s + pf.len;
		bool sw = s == 0 || !utf8_is_word_cp(ref_cp_at(tf->buf, tf->len, s)) ||
			  !utf8_is_word_cp(ref_cp_before(tf->buf, tf->len, s));
		bool ew = e >= tf->len || !utf8_is_word_cp(ref_cp_at(tf->buf, tf->len, e)) ||
			  !utf8_is_word_cp(ref_cp_before(tf->buf, tf->len, e));
		bool cs = true;
		for (size_t i = 0; i < pf.len && cs; i++)
			cs = !want[i] || (unsigned char)tc->buf[s + i] == want[i];
		found = sw && ew && cs;
	}
	free(want);
	strbuf_free(&pf);
	strbuf_free(&pc);
	return found;
}

static const char *const modes[] = {"fold", "proper", "exact"};

static void test_match_equals_reference(void **state)
{
	(void)state;
	size_t found = 0, missed = 0;
	for (int round = 0; round < 300; round++) {
		/* a vocabulary of random phrases, some checking case */
		enum { NT = 12 };
		struct strbuf y = STRBUF_INIT;
		enum vocab_case mode[NT];
		for (int t = 0; t < NT; t++) {
			mode[t] = (enum vocab_case)rnd(3);
			strbuf_addf(&y, "t%d: { case: %s, match: [", t, modes[mode[t]]);
			for (int k = 0; k < 3; k++) {
				/* YAML is UTF-8: phrases are repaired; the reference reads
				 * them back from the vocabulary */
				struct strbuf raw = STRBUF_INIT;
				while (!raw.len) random_text(&raw, 3);
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
		struct vocab *v = vocab_new();
		struct diag_list dl = DIAG_LIST_INIT;
		vocab_load(v, y.buf, y.len, "r.yaml", &dl);
		vocab_build(v);
		diag_list_free(&dl);
		for (int k = 0; k < 40; k++) {
			struct strbuf t = STRBUF_INIT, tf = STRBUF_INIT, tc = STRBUF_INIT;
			random_text(&t, 40);
			fold_string(t.buf ? t.buf : "", t.len, &tf, &tc);
			struct strlist out = {0};
			vocab_match(v, t.buf ? t.buf : "", t.len, &out);
			for (int tag = 0; tag < NT; tag++) {
				char name[8];
				snprintf(name, sizeof name, "t%d", tag);
				bool want = false;
				const struct strlist *ph = vocab_tag_phrases(v, (size_t)tag);
				for (size_t p = 0; p < ph->n && !want; p++)
					want = ref_has(&tf, &tc, ph->v[p], mode[tag]);
				found += want;
				missed += !want;
				if (want != strlist_has(&out, name))
					fail_msg("tag %s (%s) [%s|%s|%s]: matcher %d, reference %d on text \"%s\"",
						 name, modes[mode[tag]], ph->v[0], ph->n > 1 ? ph->v[1] : "",
						 ph->n > 2 ? ph->v[2] : "", !want, want, t.buf ? t.buf : "");
			}
			strlist_free(&out);
			strbuf_free(&t);
			strbuf_free(&tf);
			strbuf_free(&tc);
		}
		assert_int_equal(vocab_count(v), NT);
		vocab_free(v);
		strbuf_free(&y);
	}
	/* the random texts do contain the phrases, often enough to matter */
	assert_true(found > 2000 && missed > 2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_equals_reference),
		cmocka_unit_test(test_match_equals_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
