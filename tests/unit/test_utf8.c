/* SPDX-License-Identifier: MIT
 * utf8.c against HOSTILE.md: invalid bytes, the width policy (measured
 * against wcwidth, as ncurses counts), the rendering of controls, bidi and
 * emoji, ASCII mode and folding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include <utf8proc.h>

#include "core/text/utf8.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* Decode all of s into cps; returns the count. */
static size_t decode_all(const char *s, size_t len, int32_t *cps, size_t max)
{
	size_t i = 0, n = 0;
	while (i < len && n < max) {
		size_t k = utf8_decode(s + i, len - i, &cps[n++]);
		assert_true(k >= 1 && i + k <= len);
		i += k;
	}
	return n;
}

static void check_bad(const char *s, size_t len, size_t nbad)
{
	int32_t cps[16];
	size_t n = decode_all(s, len, cps, 16);
	assert_int_equal(n, nbad + 2);
	assert_int_equal(cps[0], 'a');
	for (size_t i = 1; i <= nbad; i++) assert_int_equal(cps[i], UTF8_REPLACEMENT);
	assert_int_equal(cps[n - 1], 'b');
	assert_false(utf8_is_valid(s, len));
	size_t rl;
	char *r = utf8_repair(s, len, &rl);
	assert_int_equal(rl, 2 + 3 * nbad);
	assert_true(utf8_is_valid(r, rl));
	assert_int_equal(r[0], 'a');
	assert_int_equal(r[rl - 1], 'b');
	free(r);
}

static void test_decode_invalid(void **state)
{
	(void)state;
	check_bad(S("a\x80" "b"), 1);
	size_t el = 1; /* nothing in, an empty string out */
	char *e = utf8_repair("", 0, &el);
	assert_int_equal(el, 0);
	assert_string_equal(e, "");
	free(e);
	e = utf8_repair("caf\xC3\xA9 \xFF 東京", 14, &el); /* stretches around a bad byte kept whole */
	assert_int_equal(el, 16);
	assert_memory_equal(e, "caf\xC3\xA9 \xEF\xBF\xBD 東京", 16);
	free(e);
	check_bad(S("a\xC0\xAF" "b"), 2);         /* overlong / */
	check_bad(S("a\xED\xA0\x80" "b"), 3);     /* surrogate D800 */
	check_bad(S("a\xF4\x90\x80\x80" "b"), 4); /* > U+10FFFF */
	check_bad(S("a\xFF" "b"), 1);
	check_bad(S("a\xE0\x80\xAF" "b"), 3); /* overlong 3-byte */
	/* Truncated at the very end: no over-read, one U+FFFD per byte. */
	const char trunc[] = {'a', (char)0xF0, (char)0x9F, (char)0x98};
	int32_t cps[8];
	size_t n = decode_all(trunc, sizeof trunc, cps, 8);
	assert_int_equal(n, 4);
	assert_int_equal(cps[1], UTF8_REPLACEMENT);
	assert_int_equal(cps[3], UTF8_REPLACEMENT);
	/* Valid neighbours of all lengths survive. */
	n = decode_all(S("\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"), cps, 8);
	assert_int_equal(n, 3);
	assert_int_equal(cps[0], 0xE9);
	assert_int_equal(cps[1], 0x4E2D);
	assert_int_equal(cps[2], 0x1F600);
	assert_true(utf8_is_valid(S("\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80")));
	assert_int_equal(utf8_decode("", 0, &cps[0]), 0);
}

static void test_encode_roundtrip(void **state)
{
	(void)state;
	const int32_t cps[] = {0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char b[4];
		int32_t back;
		size_t n = utf8_encode(cps[i], b);
		assert_int_equal(utf8_decode(b, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	assert_int_equal(utf8_codepoints(S("a\xC3\xA9\xFF")), 3);
	assert_int_equal(utf8_offset_of_cp(S("a\xC3\xA9z"), 2), 3);
	assert_int_equal(utf8_offset_of_cp(S("ab"), 9), 2);
}

/* The single display cluster of s (asserts there is exactly one). */
static struct dcluster one(const char *s, size_t len, unsigned flags)
{
	struct dcluster dc;
	size_t pos = 0;
	assert_true(utf8_display_next(s, len, &pos, flags, &dc));
	assert_int_equal(pos, len);
	assert_int_equal(dc.src_off, 0);
	assert_int_equal(dc.src_len, len);
	assert_int_equal(dc.len, strlen(dc.text));
	return dc;
}

static void test_widths(void **state)
{
	(void)state;
	struct dcluster dc = one(S("\xE4\xB8\xAD"), 0); /* 中 */
	assert_int_equal(dc.width, 2);
	dc = one(S("e\xCC\x81"), 0); /* decomposed é */
	assert_int_equal(dc.width, 1);
	assert_string_equal(dc.text, "e\xCC\x81");
	dc = one(S("\xC3\xA9"), 0);
	assert_int_equal(dc.width, 1);
	/* Hangul jamo L+V+T: one cluster, width of the leading jamo. */
	dc = one(S("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8"), 0);
	assert_int_equal(dc.width, 2);
	/* A lone combining mark is drawn on a space. */
	dc = one(S("\xCC\x81"), 0);
	assert_int_equal(dc.width, 1);
	assert_string_equal(dc.text, " \xCC\x81");
	assert_int_equal(utf8_display_width(S("a\xE4\xB8\xAD" "b"), 0), 4);
}

static void test_emoji(void **state)
{
	(void)state;
	/* Family man ZWJ woman ZWJ girl: one cluster, drawn as its three
	 * people side by side, each unit taking its joiner along (test_display
	 * has the rest of the ZWJ rules). */
	const char fam[] = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
	struct dcluster dc;
	size_t pos = 0;
	assert_int_equal(utf8_cluster_end(fam, sizeof fam - 1, 0), sizeof fam - 1);
	assert_true(utf8_display_next(fam, sizeof fam - 1, &pos, 0, &dc));
	assert_string_equal(dc.text, "\xF0\x9F\x91\xA8");
	assert_int_equal(dc.width, 2);
	assert_int_equal(dc.src_len, 7);
	assert_true(utf8_display_next(fam, sizeof fam - 1, &pos, 0, &dc));
	assert_string_equal(dc.text, "\xF0\x9F\x91\xA9");
	assert_true(utf8_display_next(fam, sizeof fam - 1, &pos, 0, &dc));
	assert_string_equal(dc.text, "\xF0\x9F\x91\xA7");
	assert_int_equal(pos, sizeof fam - 1);
	assert_int_equal(utf8_display_width(fam, sizeof fam - 1, 0), 6);
	/* Flag UA: two regional indicators, width 1 each as wcwidth says. */
	dc = one(S("\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6"), 0);
	assert_int_equal(dc.width, 2);
	assert_int_equal(dc.len, 8);
	/* 👍🏽: skin tone stripped. */
	dc = one(S("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 0);
	assert_int_equal(dc.width, 2);
	assert_string_equal(dc.text, "\xF0\x9F\x91\x8D");
	/* ❤️: VS16 stripped; U+2764 alone is 1 column for wcwidth (and ncurses). */
	dc = one(S("\xE2\x9D\xA4\xEF\xB8\x8F"), 0);
	assert_string_equal(dc.text, "\xE2\x9D\xA4");
	assert_int_equal(dc.width, 1);
	/* 1️⃣: VS16 stripped, the keycap mark kept. */
	dc = one(S("1\xEF\xB8\x8F\xE2\x83\xA3"), 0);
	assert_string_equal(dc.text, "1\xE2\x83\xA3");
	assert_int_equal(dc.width, 1);
	/* Nothing of the stripped characters remains anywhere. */
	assert_null(strstr(dc.text, "\xE2\x80\x8D"));
}

static void expect_ph(const char *s, size_t len, const char *text, int width)
{
	struct dcluster dc = one(s, len, 0);
	assert_true(dc.placeholder);
	assert_string_equal(dc.text, text);
	assert_int_equal(dc.width, width);
}

static void test_placeholders(void **state)
{
	(void)state;
	expect_ph(S("\x1b"), "^[", 2);
	expect_ph(S("\r"), "^M", 2);
	expect_ph(S("\b"), "^H", 2);
	expect_ph(S("\f"), "^L", 2);
	expect_ph(S("\v"), "^K", 2);
	expect_ph("\0", 1, "^@", 2);
	expect_ph(S("\x7f"), "^?", 2);
	expect_ph(S("\xC2\x9B"), "<U+009B>", 8);
	expect_ph(S("\xE2\x80\xAE"), "<U+202E>", 8);
	expect_ph(S("\xE2\x81\xA6"), "<U+2066>", 8);
	expect_ph(S("\xE2\x80\x8F"), "<U+200F>", 8);
	expect_ph(S("\xD8\x9C"), "<U+061C>", 8);
	/* CR LF stays two clusters: ^M, then a newline. */
	struct dcluster dc;
	size_t pos = 0;
	assert_true(utf8_display_next(S("\r\n"), &pos, 0, &dc));
	assert_string_equal(dc.text, "^M");
	assert_true(utf8_display_next(S("\r\n"), &pos, 0, &dc));
	assert_true(dc.newline);
	dc = one(S("\t"), 0);
	assert_true(dc.tab);
	dc = one(S("\xE2\x80\xA8"), 0);
	assert_true(dc.newline);
	/* Zero-width format characters are markers too, never nothing
	 * (they hid words: issue 19); test_display has every class. */
	expect_ph(S("\xE2\x80\x8B"), "<U+200B>", 8); /* ZWSP */
	expect_ph(S("\xEF\xBB\xBF"), "<U+FEFF>", 8);
	expect_ph(S("\xC2\xAD"), "-", 1); /* soft hyphen */
	assert_int_equal(utf8_display_width(S("a\xE2\x81\xA0" "b\xEF\xBB\xBF" "c"), 0), 19);
	/* Invalid bytes: U+FFFD, one per byte, each its own cluster. */
	assert_int_equal(utf8_display_width(S("\xC0\xAF"), 0), 2);
}

static void test_hostile_title(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	utf8_display_fit(&sb, S("\x1b]52;c;SGk=\x07"), 80, 0);
	assert_string_equal(strbuf_str(&sb), "^[]52;c;SGk=^G");
	strbuf_reset(&sb);
	utf8_display_fit(&sb, S("\xC2\x9B" "2J"), 80, 0);
	assert_string_equal(strbuf_str(&sb), "<U+009B>2J");
	strbuf_reset(&sb);
	utf8_display_fit(&sb, "a\0b", 3, 80, 0);
	assert_string_equal(strbuf_str(&sb), "a^@b");
	strbuf_free(&sb);
}

static void test_combining_cap(void **state)
{
	(void)state;
	size_t n = 1 + 10000 * 2;
	char *s = malloc(n);
	s[0] = 'a';
	for (size_t i = 0; i < 10000; i++) memcpy(s + 1 + 2 * i, "\xCC\x81", 2);
	struct dcluster dc = one(s, n, 0);
	assert_int_equal(dc.len, 1 + 32 * 2);
	assert_int_equal(dc.width, 1);
	free(s);
}

static void test_ascii_mode(void **state)
{
	(void)state;
	const char text[] = "K\xC3\xA9 \xE4\xB8\xAD\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xE2\x80\xAE\xC2\x9B\xFF"
			    "e\xCC\x81\xE2\x80\x8B.";
	struct dcluster dc;
	size_t pos = 0;
	struct strbuf sb = STRBUF_INIT;
	int w = 0;
	while (utf8_display_next(text, sizeof text - 1, &pos, UTF8_ASCII, &dc)) {
		for (size_t i = 0; i < dc.len; i++) assert_true((unsigned char)dc.text[i] < 0x80);
		strbuf_add(&sb, dc.text, dc.len);
		w += dc.width;
	}
	assert_string_equal(strbuf_str(&sb), "K<U+00E9> <U+4E2D><U+1F44D><U+202E><U+009B>?e<U+200B>.");
	assert_int_equal(w, (int)sb.len);
	strbuf_free(&sb);
}

static void test_fit(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(utf8_display_fit(&sb, S("hello world"), 20, 0), 11);
	assert_string_equal(strbuf_str(&sb), "hello world");
	strbuf_reset(&sb);
	assert_int_equal(utf8_display_fit(&sb, S("hello world"), 8, 0), 8);
	assert_string_equal(strbuf_str(&sb), "hello w\xE2\x80\xA6");
	strbuf_reset(&sb);
	/* A wide character that would straddle the cut is left out. */
	assert_int_equal(utf8_display_fit(&sb, S("ab\xE4\xB8\xAD\xE4\xB8\xAD"), 4, 0), 3);
	assert_string_equal(strbuf_str(&sb), "ab\xE2\x80\xA6");
	strbuf_reset(&sb);
	assert_int_equal(utf8_display_fit(&sb, S("a\nb\tc"), 10, 0), 5);
	assert_string_equal(strbuf_str(&sb), "a b c");
	strbuf_reset(&sb);
	/* A placeholder is never cut in half. */
	assert_int_equal(utf8_display_fit(&sb, S("\xC3\xA9t\xC3\xA9 long"), 4, UTF8_ASCII), 1);
	assert_string_equal(strbuf_str(&sb), "~");
	strbuf_reset(&sb);
	assert_int_equal(utf8_display_fit(&sb, S("ab\xC3\xA9t\xC3\xA9"), 11, UTF8_ASCII), 11);
	assert_string_equal(strbuf_str(&sb), "ab<U+00E9>~");
	strbuf_reset(&sb);
	assert_int_equal(utf8_display_fit(&sb, S("abc"), 0, 0), 0);
	assert_int_equal(sb.len, 0);
	strbuf_free(&sb);
}

/* The fit of whole units, written here from utf8_display_next alone: the
 * printable-ASCII fast path of utf8_display_fit must give the same. */
static int fit_ref(struct strbuf *out, const char *s, size_t len, int max, unsigned flags)
{
	struct dcluster dc;
	size_t pos = 0;
	int total = 0, w = 0;
	while (utf8_display_next(s, len, &pos, flags, &dc)) total += dc.newline ? 1 : dc.width;
	int budget = total > max ? max - 1 : max;
	for (pos = 0; utf8_display_next(s, len, &pos, flags, &dc);) {
		int cw = dc.newline ? 1 : dc.width;
		if (w + cw > budget) break;
		if (dc.newline || dc.tab) strbuf_addc(out, ' ');
		else strbuf_add(out, dc.text, dc.len);
		w += cw;
	}
	if (total > max) {
		strbuf_adds(out, (flags & UTF8_ASCII) ? "~" : "\xE2\x80\xA6");
		w++;
	}
	return w;
}

static void test_fit_ascii_fast(void **state)
{
	(void)state;
	/* printable ASCII, then the same with a tab, a control or an é at
	 * the start, the middle or the very end (the general path) */
	static const char *const odd[] = {"", "\t", "\x01", "\xC3\xA9", "\x7F", "\xE4\xB8\xAD"};
	unsigned seed = 7;
	for (int round = 0; round < 3000; round++) {
		char buf[64];
		seed = seed * 1103515245u + 12345u;
		size_t len = (seed >> 16) % 30;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(0x20 + (seed >> 16) % 95);
		}
		const char *o = odd[round % 6];
		size_t at = len ? (size_t)(seed >> 4) % (len + 1) : 0;
		memmove(buf + at + strlen(o), buf + at, len - at);
		memcpy(buf + at, o, strlen(o));
		len += strlen(o);
		for (int max = 1; max < 34; max += 3) {
			unsigned flags = round & 1 ? UTF8_ASCII : 0;
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			assert_int_equal(utf8_display_fit(&a, buf, len, max, flags), fit_ref(&b, buf, len, max, flags));
			assert_string_equal(strbuf_str(&a), strbuf_str(&b));
			strbuf_free(&a);
			strbuf_free(&b);
		}
	}
}

/* Runs of printable ASCII beside everything a unit can join or split
 * (combining marks, ZWJ and emoji sequences, a keycap, a prepended
 * Arabic sign, regional indicators, variation selectors, controls, C1,
 * bidi controls, bad bytes, CR LF, tabs, U+2028), at widths that cut
 * and at widths that cannot (INT_MAX, a listing's): the fit equals
 * fit_ref's, unit by unit. */
static void test_fit_runs(void **state)
{
	(void)state;
	static const char *const join[] = {
		"\xCC\x81", "\xE2\x80\x8D", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
		"\xEF\xB8\x8F\xE2\x83\xA3", "\xD8\x80", "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7", "\xEF\xB8\x8E",
		"\x01", "\x1b[31m", "\xC2\x85", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xFF", "\xE2\x80",
		"\r\n", "\t", "\n", "\xE2\x80\xA8", "\xE2\x80\x9C", "\xE4\xB8\xAD", "\xC3\xA9", "\xF0\x9F\x93\xB0",
		"\xE0\xA4\x95\xE0\xA4\xBF", "\xE1\x84\x80\xE1\x85\xA1", "\xCD\x8F", "\xE2\x80\x8B",
	};
	const size_t nj = sizeof join / sizeof *join;
	const int widths[] = {1, 2, 5, 9, 17, 40, 79, 80, 200, 10000, INT_MAX};
	unsigned seed = 11;
	for (int round = 0; round < 4000; round++) {
		char buf[256];
		size_t len = 0;
		/* pieces: ASCII runs of 0-9 bytes and joiners, in turn */
		for (int p = 0; p < 6; p++) {
			seed = seed * 1103515245u + 12345u;
			size_t run = (seed >> 16) % 10;
			for (size_t i = 0; i < run; i++) buf[len++] = (char)('0' + (seed >> (i % 8)) % 75);
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 4 == 0) continue; /* two runs back to back */
			const char *j = join[(seed >> 16) % nj];
			memcpy(buf + len, j, strlen(j));
			len += strlen(j);
		}
		for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
			unsigned flags = round & 1 ? UTF8_ASCII : 0;
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			int max = widths[wi];
			assert_int_equal(utf8_display_fit(&a, buf, len, max, flags), fit_ref(&b, buf, len, max, flags));
			assert_string_equal(strbuf_str(&a), strbuf_str(&b));
			strbuf_free(&a);
			strbuf_free(&b);
		}
	}
}

static void expect_fold(const char *a, size_t alen, const char *want)
{
	size_t n;
	char *f = utf8_fold(a, alen, &n);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(f, want, n);
	free(f);
}

static void test_fold(void **state)
{
	(void)state;
	expect_fold(S("KYIV"), "kyiv");
	expect_fold(S("Kyiv"), "kyiv");
	expect_fold(S("Caf\x65\xCC\x81"), "caf\xC3\xA9"); /* decomposed é */
	expect_fold(S("CAF\xC3\x89"), "caf\xC3\xA9");
	expect_fold(S("\xEF\xAC\x81nance"), "finance"); /* ﬁ ligature */
	expect_fold(S("Stra\xC3\x9F" "e"), "strasse");    /* ß */
	expect_fold(S("soft\xC2\xADhyphen"), "softhyphen"); /* ignorable stripped */
	expect_fold(S("a\xFF" "b"), "a\xEF\xBF\xBD" "b");   /* repaired first */
	assert_true(utf8_is_word_cp(0xE9));
	assert_true(utf8_is_word_cp('7'));
	assert_true(utf8_is_word_cp(0x0301));
	assert_false(utf8_is_word_cp(' '));
	assert_false(utf8_is_word_cp('-'));
}

static void test_clusters(void **state)
{
	(void)state;
	const char s[] = "e\xCC\x81x\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6\xF0\x9F\x87\xBA";
	size_t len = sizeof s - 1;
	assert_int_equal(utf8_cluster_end(s, len, 0), 3);
	assert_int_equal(utf8_cluster_end(s, len, 3), 4);
	assert_int_equal(utf8_cluster_end(s, len, 4), 12); /* RI pair */
	assert_int_equal(utf8_cluster_end(s, len, 12), 16); /* lone third RI */
	/* An invalid byte never joins a following mark. */
	assert_int_equal(utf8_cluster_end(S("\xFF\xCC\x81"), 0), 1);
}

/* The ASCII fast path of utf8_fold (and its stretches folded on the
 * stack) must give exactly what one utf8proc
 * pass over the whole (repaired) text gives: random mixes of ASCII,
 * combining marks, Hangul jamo, ligatures, ignorables and bad bytes. */
static void test_fold_fast_path_equivalence(void **st)
{
	(void)st;
	static const char *const pieces[] = {
		"a", "E", "e", " ", "Z", "\xCC\x81", "\xCC\xA7", "\xC3\xA9", "\xC3\x9F",
		"\xEF\xAC\x81", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8",
		"\xC2\xAD", "\xE2\x80\x8B", "\xFF", "\xC3", "\xE2\x84\xAA", "\xCE\xA3",
		"\xE2\x80\x99", "\t", "1", "\xEF\xBC\xA1", "\xF0\x9F\x91\x8D",
	};
	unsigned seed = 12345;
	for (int round = 0; round < 4000; round++) {
		char buf[512];
		size_t n = 0;
		/* then longer: stretches past the 64 code points fold_slow
		 * decomposes on the stack, and Hangul or ligatures growing
		 * past it when decomposed */
		int parts = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % (round < 3000 ? 20 : 110);
		for (int k = 0; k < parts; k++) {
			const char *p = pieces[((seed = seed * 1103515245 + 12345) >> 16) %
					       (sizeof pieces / sizeof *pieces)];
			size_t l = strlen(p);
			memcpy(buf + n, p, l);
			n += l;
		}
		size_t rlen, flen;
		char *r = utf8_repair(buf, n, &rlen);
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t wl = utf8proc_map((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)rlen,
						   &want, UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
						   UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE);
		char *got = utf8_fold(buf, n, &flen);
		assert_int_equal(flen, (size_t)wl);
		assert_memory_equal(got, want, flen);
		free(got);
		free(want);
		free(r);
	}
}

/* utf8_valid_prefix (the loader's fast check) against decoding one code
 * point at a time, on random text: ASCII runs of every length around the
 * eight-byte step, multi-byte characters, invalid and truncated bytes at
 * each offset, up to the buffer's end. */
static size_t valid_prefix_slow(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1) return i;
		i += n;
	}
	return len;
}

static void test_valid_prefix(void **state)
{
	(void)state;
	static const char *const parts[] = {"a", "bcdefgh", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80",
					    "\xEF\xBF\xBD", "\xD0\x9A", "\xE6\x9D\xB1"};
	static const char *const bad[] = {"\x80", "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xFF", "\xC0\xAF",
					  "\xED\xA0\x80", "\xF4\x90\x80\x80"};
	unsigned seed = 20;
	char buf[200];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		while (len < 150) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 100;
			const char *p = r < 70 ? parts[r % 2] : r < 95 ? parts[r % 8] : bad[r % 8];
			size_t k = strlen(p);
			memcpy(buf + len, p, k);
			len += k;
		}
		/* every prefix length: a truncated character at the very end too */
		size_t cut = (size_t)(seed >> 8) % (len + 1);
		assert_int_equal(utf8_valid_prefix(buf, cut), valid_prefix_slow(buf, cut));
		assert_int_equal(utf8_is_valid(buf, cut), valid_prefix_slow(buf, cut) == cut);
	}
	/* an invalid byte at each offset around the eight-byte steps */
	for (size_t at = 0; at < 40; at++) {
		memset(buf, 'x', 40);
		buf[at] = (char)0x80;
		assert_int_equal(utf8_valid_prefix(buf, 40), at);
		assert_int_equal(utf8_valid_prefix(buf, at), at);
		assert_int_equal(utf8_valid_prefix(buf, at + 1), at);
	}
	/* a character cut by the buffer's end, after 7, 8 and 9 ASCII bytes */
	for (size_t a = 7; a <= 17; a++) {
		memset(buf, 'y', a);
		memcpy(buf + a, "\xE2\x80\x94", 3);
		assert_int_equal(utf8_valid_prefix(buf, a + 3), a + 3);
		assert_int_equal(utf8_valid_prefix(buf, a + 2), a);
		assert_int_equal(utf8_valid_prefix(buf, a + 1), a);
	}
	assert_int_equal(utf8_valid_prefix("", 0), 0);
}

/* The binary check's count over the first head bytes, a character at a
 * time as the loader counted before utf8_text_scan: the text cut at head
 * and decoded from there. */
static size_t bad_slow(const char *s, size_t len, size_t head, bool *nul)
{
	size_t n = head < len ? head : len, bad = 0;
	*nul = false;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (s[i] == '\0') *nul = true;
		if ((cp == UTF8_REPLACEMENT && k == 1 && n - i >= 4) ||
		    (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f'))
			bad++;
		i += k;
	}
	return bad;
}

static void expect_scan(const char *s, size_t len, size_t head)
{
	struct utf8_scan sc;
	utf8_text_scan(s, len, head, &sc);
	bool nul;
	size_t bad = bad_slow(s, len, head, &nul);
	if (sc.valid != valid_prefix_slow(s, len) || sc.nul != nul || (!nul && sc.bad != bad))
		fail_msg("len %zu head %zu: valid %zu/%zu nul %d/%d bad %zu/%zu", len, head, sc.valid,
			 valid_prefix_slow(s, len), sc.nul, nul, sc.bad, bad);
}

/* utf8_text_scan (one pass, 16 bytes at a time) against the two checks
 * it stands for: random text of accents, quotes, CJK, emoji, controls,
 * NULs and invalid bytes, with the head at every offset (characters cut
 * by it, invalid bytes just before it), and a lone odd byte at every
 * offset around the 16-byte steps. */
static void test_text_scan(void **state)
{
	(void)state;
	static const char *const parts[] = {"a", "bcdefgh ", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80",
					    "\n", "\t", "\r\n", "\f", "\xE6\x9D\xB1", "~\x7F", "\xE0\xA4\x85",
					    "\xED\x9F\xBF", "\xEF\xBF\xBD"};
	static const char *const odd[] = {"\x80", "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xFF", "\xC0\xAF",
					  "\xED\xA0\x80", "\x01", "\x1B", "\x0B", "", "\x08", "\xE0\x80\x80",
					  "\xE2\x28\xA1", "\xC3\x28"};
	unsigned seed = 60;
	char buf[120];
	for (int round = 0; round < 3000; round++) {
		size_t len = 0;
		while (len < 100) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 100;
			const char *p = r < 88 ? parts[r % 14] : odd[r % 15];
			size_t k = r < 88 || r % 15 != 10 ? strlen(p) : 1; /* "": a NUL */
			memcpy(buf + len, p, k);
			len += k;
		}
		size_t cut = (size_t)(seed >> 8) % (len + 1);
		for (size_t head = 0; head <= cut + 1; head++) expect_scan(buf, cut, head);
	}
	for (size_t at = 0; at < 48; at++)
		for (int k = 0; k < 15; k++) {
			memset(buf, 'x', 48);
			size_t n = k == 10 ? 1 : strlen(odd[k]);
			memcpy(buf, "\xE2\x80\x94", 3);
			memcpy(buf + at, k == 10 ? "" : odd[k], at + n <= 48 ? n : 48 - at);
			for (size_t head = 0; head <= 49; head++) expect_scan(buf, 48, head);
		}
	struct utf8_scan sc;
	utf8_text_scan("", 0, 8192, &sc);
	assert_true(sc.valid == 0 && sc.bad == 0 && !sc.nul);
}

/* utf8_ascii_run (16 and 8 bytes at a time) against a byte loop: a byte
 * >= 0x80 at every offset across both steps, every length, from every
 * start alignment. */
static void test_ascii_run(void **state)
{
	(void)state;
	char buf[80];
	for (size_t start = 0; start < 16; start++)
		for (size_t at = start; at < 70; at++)
			for (size_t len = 0; start + len <= 72; len += 1 + len / 9) {
				memset(buf, 'q', sizeof buf);
				buf[at] = (char)(0x80 | (at * 37 % 128));
				size_t want = 0;
				while (want < len && (unsigned char)buf[start + want] < 0x80) want++;
				assert_int_equal(utf8_ascii_run(buf + start, len), want);
			}
	assert_int_equal(utf8_ascii_run("", 0), 0);
	assert_int_equal(utf8_ascii_run("caf\xC3\xA9", 5), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_invalid), cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_widths),         cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_placeholders),   cmocka_unit_test(test_hostile_title),
		cmocka_unit_test(test_combining_cap),  cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_fit),            cmocka_unit_test(test_fold),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_fold_fast_path_equivalence),
		cmocka_unit_test(test_valid_prefix),
		cmocka_unit_test(test_ascii_run),
		cmocka_unit_test(test_text_scan),
		cmocka_unit_test(test_fit_ascii_fast),
		cmocka_unit_test(test_fit_runs),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
