/* SPDX-License-Identifier: MIT
 * Unicode on top of utf8proc: strict decoding (one U+FFFD per bad byte),
 * the ASCII fast paths loading leans on, repair, and NFKC case folding
 * for matching. Grapheme clusters and display width are utf8_display.c. */
#include "core/text/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/base/util.h"


size_t utf8_decode(const char *s, size_t len, int32_t *cp)
{
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	const unsigned char *u = (const unsigned char *)s;
	unsigned char b0 = u[0];
	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
	int32_t c;
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 1;
		c = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 2;
		c = b0 & 0x0F;
		if (b0 == 0xE0) lo = 0xA0;      /* overlong */
		else if (b0 == 0xED) hi = 0x9F; /* surrogates */
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 3;
		c = b0 & 0x07;
		if (b0 == 0xF0) lo = 0x90;      /* overlong */
		else if (b0 == 0xF4) hi = 0x8F; /* > U+10FFFF */
	} else {
		*cp = UTF8_REPLACEMENT; /* C0, C1, F5..FF, stray continuation */
		return 1;
	}
	if (len < need + 1 || u[1] < lo || u[1] > hi) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	c = (c << 6) | (u[1] & 0x3F);
	for (size_t i = 2; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return need + 1;
}

size_t utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Loading checks every body (up to 1 MiB each): ASCII, most of any text,
 * is skipped by utf8_ascii_run; the rest decoded as utf8_decode does. */
/* 16 bytes at a time where the processor has SSE2 (every x86-64), else 8,
 * and the first byte >= 0x80 found from the mask, not byte by byte: news
 * text has one every few dozen bytes (quotes, dashes, accents). */
size_t utf8_ascii_run(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i)));
		if (m) return i + (size_t)__builtin_ctz(m);
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		w &= 0x8080808080808080ull;
		if (w) return i + (size_t)__builtin_ctzll(w) / 8;
	}
#endif
	while (i < len && u[i] < 0x80) i++;
	return i;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		i += utf8_ascii_run(s + i, len - i);
		if (i >= len) break;
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (utf8_is_bad(cp, n)) return i;
		i += n;
	}
	return len;
}

/* Bytes from u (at most len) that are printable ASCII or tab, newline,
 * form feed, carriage return: what utf8_text_scan passes over without
 * looking, 16 at a time where SSE2 is there. */
static size_t plain_run(const unsigned char *u, size_t len)
{
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i sp = _mm_set1_epi8(0x20), nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4),
		      vt = _mm_set1_epi8('\v');
	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		/* signed: below 0x20 is a control or a byte >= 0x80 */
		__m128i low = _mm_cmplt_epi8(x, sp);
		/* tab, newline, form feed, CR: x - 9 is 0 to 4 (unsigned), not 2 */
		__m128i d = _mm_sub_epi8(x, nine);
		__m128i ok = _mm_andnot_si128(_mm_cmpeq_epi8(x, vt), _mm_cmpeq_epi8(_mm_min_epu8(d, four), d));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(ok, low));
		if (m) return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < len; i++) {
		unsigned char b = u[i];
		if (!((b >= 0x20 && b < 0x80) || b == '\t' || b == '\n' || b == '\f' || b == '\r')) break;
	}
	return i;
}

void utf8_text_scan(const char *s, size_t len, size_t head, struct utf8_scan *out)
{
	const unsigned char *u = (const unsigned char *)s;
	if (head > len) head = len;
	*out = (struct utf8_scan){.valid = len};
	size_t i = 0;
	while (i < len) {
		i += plain_run(u + i, len - i);
		if (i >= len) break;
		if (u[i] < 0x80) { /* a control: valid UTF-8, bad in the head */
			if (i < head) {
				out->nul |= u[i] == 0;
				out->bad++;
			}
			i++;
			continue;
		}
		/* the characters of two and three bytes news text has (accents,
		 * quotes, dashes, Cyrillic, CJK) checked here: lead, then
		 * continuation bytes; E0 and ED, with narrower second bytes,
		 * and the rest go through utf8_decode */
		unsigned char c = u[i];
		if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (utf8_is_bad(cp, n)) {
			if (out->valid == len) out->valid = i;
			/* four bytes of the head left: decoding up to head
			 * gives the same (a character is at most four) */
			if (i < head && head - i >= 4) out->bad++;
		}
		/* a character of several bytes is no control, valid or not:
		 * decoded up to head it is one bad byte or none there, and
		 * its other bytes are not controls either */
		i += n;
	}
}

bool utf8_is_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len) == len;
}

/* Valid stretches are copied whole (a byte at a time was a tenth of
 * rendering a megabyte HTML page), found as loading finds them. */
char *utf8_repair(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;
	ARRAY_RESERVE(sb.buf, sb.cap, len + 1);
	size_t i = 0;
	for (;;) {
		size_t ok = utf8_valid_prefix(s + i, len - i);
		strbuf_add(&sb, s + i, ok);
		i += ok;
		if (i >= len) break;
		strbuf_add(&sb, "\xEF\xBF\xBD", 3); /* one invalid byte */
		i++;
	}
	if (outlen) *outlen = sb.len;
	return strbuf_steal(&sb);
}

size_t utf8_codepoints(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	int32_t cp;
	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

size_t utf8_offset_of_cp(const char *s, size_t len, size_t cp_index)
{
	size_t i = 0;
	int32_t cp;
	while (i < len && cp_index-- > 0) i += utf8_decode(s + i, len - i, &cp);
	return i;
}

#define FOLD_OPTS (UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE)
#define FOLD_STACK_CP 64 /* code points a stretch may decompose to on the stack */

/* utf8proc over one stretch of text (repaired first), appended to out.
 * A short valid stretch (most: a quote, an accented letter and the ASCII
 * letter before it) is decomposed into a buffer on the stack and encoded
 * there, as utf8proc_map does in the two blocks it allocates: titles and
 * tags fold such stretches by the thousand in a load. */
static void fold_slow(struct strbuf *out, const char *s, size_t len)
{
	utf8proc_int32_t cps[FOLD_STACK_CP + 1]; /* + 1: utf8proc_reencode ends the bytes with a NUL */
	if (len <= FOLD_STACK_CP && utf8_valid_prefix(s, len) == len) {
		utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps,
							FOLD_STACK_CP, FOLD_OPTS);
		if (n >= 0 && n <= FOLD_STACK_CP) {
			utf8proc_ssize_t b = utf8proc_reencode(cps, n, FOLD_OPTS);
			if (b >= 0) {
				strbuf_add(out, (const char *)cps, (size_t)b);
				return;
			}
		}
	}
	size_t rlen;
	char *r = utf8_repair(s, len, &rlen);
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)rlen, &dst, FOLD_OPTS);
	if (n < 0) strbuf_add(out, r, rlen); /* only on out-of-memory */
	else strbuf_add(out, (const char *)dst, (size_t)n);
	free(dst);
	free(r);
}

/* Most article text is ASCII, where NFKC changes nothing and case folding
 * is tolower: only the stretches holding other bytes go through utf8proc.
 * A stretch starts at the ASCII character before it (a combining mark may
 * compose with it) and ends where an ASCII character is followed by
 * another: nothing composes across that point, so the result is the same
 * as folding the whole text at once (test_utf8 checks it). */
char *utf8_fold(const char *s, size_t len, size_t *outlen)
{
	struct strbuf out = STRBUF_INIT;
	ARRAY_RESERVE(out.buf, out.cap, len + 1);
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80 && (i + 1 >= len || (unsigned char)s[i + 1] < 0x80)) {
			char c = s[i++];
			out.buf[out.len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
			if (out.len + 1 >= out.cap) ARRAY_RESERVE(out.buf, out.cap, out.len + 2);
			continue;
		}
		size_t start = i;
		i++;
		while (i < len && !((unsigned char)s[i] < 0x80 && (i + 1 >= len ||
								   (unsigned char)s[i + 1] < 0x80)))
			i++;
		/* s[i] (if any) is an ASCII char followed by ASCII: a safe cut,
		 * but it may be the base of nothing; include it in the fast path */
		fold_slow(&out, s + start, i - start);
		if (out.len + 1 >= out.cap) ARRAY_RESERVE(out.buf, out.cap, out.len + 2);
	}
	out.buf[out.len] = '\0';
	if (outlen) *outlen = out.len;
	return strbuf_steal(&out);
}

bool utf8_is_word_cp(int32_t cp)
{
	/* Letters, numbers and marks: a combining or spacing mark belongs to the
	 * word of its base (Devanagari vowel signs, decomposed accents). */
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}
