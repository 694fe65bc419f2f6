/* SPDX-License-Identifier: MIT
 * Unicode on top of utf8proc: strict decoding (one U+FFFD per bad byte), NFKC
 * case folding for matching, grapheme clusters, and the rendering and width
 * policy of the hostile-input checklist (TESTING.md), so no hostile byte
 * reaches ncurses, nothing is drawn as nothing, and columns never drift
 * from what ncurses itself counts (it places the cursor by wcwidth). */
#include "core/text/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/base/util.h"

#define MAX_MARKS 32 /* combining marks kept per displayed cluster */
#define ZWJ 0x200D

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

/* True when the code point at s came from an invalid byte, not a real U+FFFD. */
static bool is_bad(int32_t cp, size_t n) { return cp == UTF8_REPLACEMENT && n == 1; }

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
		if (is_bad(cp, n)) return i;
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
		if (is_bad(cp, n)) {
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

/* Controls and invalid bytes always stand alone, so CR LF stays two
 * visible clusters and a bad byte never swallows a neighbour. */
static bool is_solo(int32_t cp, size_t n)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bad(cp, n);
}

size_t utf8_cluster_end(const char *s, size_t len, size_t pos)
{
	if (pos >= len) return len;
	const unsigned char *u = (const unsigned char *)s;
	/* ASCII fast path: printable ASCII before ASCII (or the end) always breaks. */
	if (u[pos] >= 0x20 && u[pos] < 0x7F && (pos + 1 == len || u[pos + 1] < 0x80)) return pos + 1;
	int32_t prev, cp;
	size_t n = utf8_decode(s + pos, len - pos, &prev);
	size_t end = pos + n;
	if (is_solo(prev, n)) return end;
	utf8proc_int32_t state = 0;
	while (end < len) {
		n = utf8_decode(s + end, len - end, &cp);
		if (is_solo(cp, n) || utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
		prev = cp;
		end += n;
	}
	return end;
}

/* Code points that draw nothing: format characters (Cf: ZWSP, WJ, BOM,
 * bidi controls, soft hyphen, tags...) and Default_Ignorable_Code_Point
 * (variation selectors, CGJ, Hangul fillers, Mongolian FVS...). On screen
 * each becomes a visible marker unless it is part of an emoji sequence. */
static bool is_invisible(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->category == UTF8PROC_CATEGORY_CF || p->ignorable;
}

static bool is_pictographic(int32_t cp)
{
	int b = utf8proc_get_property(cp)->boundclass;
	return b == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || b == UTF8PROC_BOUNDCLASS_E_ZWG;
}

static bool is_skin_tone(int32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

#define MAX_FLAG_TAGS 8 /* 🏴 + subdivision tags (gbsct) + CANCEL TAG */

/* Where an emoji sequence stands while a unit is built: what the
 * presentation characters after the base may still be. */
struct emoji_seq {
	bool pict;       /* the base is pictographic, nothing else drawn since */
	bool keycap;     /* the base is 0-9, # or *: VS16 may follow */
	bool vs, tone;   /* a VS15/16, a skin tone already taken */
	int tags;        /* tag characters taken after 🏴 (-1: not a flag) */
};

/* True when cp (followed by next, or -1) is emoji presentation dropped for
 * display: VS15/16 right after a pictograph or keycap base, one skin tone
 * after a pictograph, the tags of a 🏴 subdivision flag, a ZWJ between two
 * pictographs. Anything else invisible is shown as a marker. */
static bool is_presentation(struct emoji_seq *e, int32_t cp, int32_t next)
{
	if ((cp == 0xFE0E || cp == 0xFE0F) && (e->pict || e->keycap) && !e->vs && !e->tone) {
		e->vs = true;
		return true;
	}
	if (is_skin_tone(cp) && e->pict && !e->tone && !e->vs) {
		e->tone = true;
		return true;
	}
	if (cp >= 0xE0020 && cp <= 0xE007F && e->tags >= 0 && e->tags < MAX_FLAG_TAGS) {
		e->tags = cp == 0xE007F ? -1 : e->tags + 1;
		return true;
	}
	return cp == ZWJ && e->pict && next >= 0 && is_pictographic(next);
}

static void put(struct dcluster *out, const char *b, size_t n)
{
	if (out->len + n >= sizeof out->text) return; /* callers check the room */
	memcpy(out->text + out->len, b, n);
	out->len = (unsigned char)(out->len + n);
	out->text[out->len] = '\0';
}

static void put_cp(struct dcluster *out, int32_t cp)
{
	char b[4];
	put(out, b, utf8_encode(cp, b));
}

static void put_hex(struct dcluster *out, int32_t cp)
{
	char b[16];
	int n = snprintf(b, sizeof b, "<U+%04X>", (unsigned)cp);
	put(out, b, (size_t)n);
	out->width = (unsigned char)n;
	out->placeholder = true;
}

/* The marker of an invisible code point: a soft hyphen is a hyphen (where
 * the word may break), anything else <U+XXXX>; drawn in the control style. */
static void put_marker(struct dcluster *out, int32_t cp)
{
	if (cp == 0x00AD) {
		put(out, "-", 1);
		out->width = 1;
		out->placeholder = true;
		return;
	}
	put_hex(out, cp);
}

static bool is_mark(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

/* The general path: the display unit that starts the non-trivial cluster
 * s[start..end). Returns where the unit ends: at end, or earlier where the
 * cluster holds something drawn as its own unit (an invisible character's
 * marker, the next pictograph of a ZWJ sequence, a code point that would
 * make the unit wider than 2 columns). */
static size_t display_unit(const char *s, size_t start, size_t end, unsigned flags,
			   struct dcluster *out)
{
	int32_t cp;
	size_t n = utf8_decode(s + start, end - start, &cp);
	if (is_bad(cp, n)) {
		if (flags & UTF8_ASCII) put(out, "?", 1);
		else put(out, "\xEF\xBF\xBD", 3);
		out->width = 1;
		out->placeholder = true;
		return start + n;
	}
	if (cp == '\t') {
		put(out, " ", 1);
		out->width = 1;
		out->tab = true;
		return start + n;
	}
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
		out->newline = true;
		return start + n;
	}
	if (cp < 0x20 || cp == 0x7F) {
		char b[2] = {'^', (char)(cp ^ 0x40)};
		put(out, b, 2);
		out->width = 2;
		out->placeholder = true;
		return start + n;
	}
	if ((cp >= 0x80 && cp <= 0x9F) || is_invisible(cp)) {
		put_marker(out, cp);
		return start + n;
	}
	bool ascii = flags & UTF8_ASCII;
	int width;
	if (ascii) {
		if (cp >= 0x20 && cp < 0x7F) {
			put_cp(out, cp);
			width = 1;
		} else {
			put_hex(out, cp);
			width = out->width;
		}
	} else {
		int w = wcwidth((wchar_t)cp);
		if (w < 0) { /* unassigned, noncharacter, or a non-UTF-8 locale */
			put_hex(out, cp);
			return start + n;
		}
		if (w == 0) put(out, " ", 1); /* a lone mark is drawn on a space */
		put_cp(out, cp);
		width = w < 1 ? 1 : w > 2 ? 2 : w;
	}
	struct emoji_seq e = {is_pictographic(cp), (cp >= '0' && cp <= '9') || cp == '#' || cp == '*',
			      false, false, cp == 0x1F3F4 ? 0 : -1};
	int marks = 0;
	size_t i = start + n;
	while (i < end) {
		n = utf8_decode(s + i, end - i, &cp);
		int32_t next = -1;
		if (i + n < end) utf8_decode(s + i + n, end - i - n, &next);
		if (is_presentation(&e, cp, next)) {
			i += n;
			if (cp == ZWJ) break; /* the next pictograph is a unit of its own */
			continue;
		}
		if (is_invisible(cp)) break; /* its marker is the next unit */
		if (ascii) { /* marks cannot be shown; anything else is a unit */
			if (!is_mark(cp)) break;
			i += n;
			continue;
		}
		int ew = wcwidth((wchar_t)cp);
		if (ew < 0 || (ew > 0 && width + ew > 2)) break; /* its own unit */
		e.pict = e.keycap = false;
		i += n;
		if (ew == 0 && (marks >= MAX_MARKS || out->len + n >= sizeof out->text))
			continue; /* capped: zero-width marks only, so no width is lost */
		put_cp(out, cp);
		width += ew; /* ncurses advances for spacing marks too */
		if (ew == 0) marks++;
	}
	out->width = (unsigned char)width;
	return i;
}

bool utf8_display_next(const char *s, size_t len, size_t *pos, unsigned flags,
		       struct dcluster *out)
{
	size_t start = *pos;
	if (start >= len) return false;
	size_t end = utf8_cluster_end(s, len, start);
	/* Not a memset: text[] is large and this runs once per cluster. */
	out->text[0] = '\0';
	out->len = 0;
	out->width = 0;
	out->placeholder = out->tab = out->newline = false;
	out->src_off = start;
	unsigned char c = (unsigned char)s[start];
	if (end == start + 1 && c >= 0x20 && c < 0x7F) {
		out->text[0] = (char)c;
		out->text[1] = '\0';
		out->len = 1;
		out->width = 1;
	} else {
		end = display_unit(s, start, end, flags, out);
	}
	out->src_len = end - start;
	*pos = end;
	return true;
}

int utf8_display_width(const char *s, size_t len, unsigned flags)
{
	size_t pos = 0;
	struct dcluster dc;
	int w = 0;
	while (utf8_display_next(s, len, &pos, flags, &dc)) w += dc.newline ? 1 : dc.width;
	return w;
}

int utf8_display_fit(struct strbuf *out, const char *s, size_t len, int max_width,
		     unsigned flags)
{
	if (max_width <= 0) return 0;
	/* printable ASCII, most titles: a byte is a unit of one column */
	size_t k = utf8_printable_span(s, len);
	if (k == len) {
		if (len <= (size_t)max_width) {
			strbuf_add(out, s, len);
			return (int)len;
		}
		strbuf_add(out, s, (size_t)max_width - 1);
		strbuf_adds(out, (flags & UTF8_ASCII) ? "~" : "\xE2\x80\xA6");
		return max_width;
	}
	size_t pos = 0;
	struct dcluster dc;
	int total = 0;
	/* First pass: does it fit whole? Stops as soon as it does not. Not
	 * needed when it cannot be cut: a unit is at least a byte and at
	 * most UTF8_UNIT_MAX columns (a listing's fields: max_width INT_MAX). */
	bool cut = false;
	if (len > (size_t)max_width / UTF8_UNIT_MAX) {
		while (total <= max_width && utf8_display_next(s, len, &pos, flags, &dc))
			total += dc.newline ? 1 : dc.width;
		cut = total > max_width;
	}
	int budget = cut ? max_width - 1 : max_width;
	int w = 0;
	pos = 0;
	while (pos < len) {
		/* uncut, a run of printable ASCII is written as it is, but its
		 * last byte when more follows (a mark may join it): a unit of
		 * one column a byte, as utf8_display_next would give them. Why:
		 * one curly quote in a title sent every byte through clusters */
		size_t run = cut ? 0 : utf8_printable_span(s + pos, len - pos);
		if (run > 1 || (run && pos + run == len)) {
			run -= pos + run < len;
			strbuf_add(out, s + pos, run);
			pos += run;
			w += (int)run;
			continue;
		}
		if (!utf8_display_next(s, len, &pos, flags, &dc)) break;
		int cw = dc.newline ? 1 : dc.width;
		if (w + cw > budget) break;
		if (dc.newline || dc.tab) strbuf_addc(out, ' ');
		else strbuf_add(out, dc.text, dc.len);
		w += cw;
	}
	if (cut) {
		strbuf_adds(out, (flags & UTF8_ASCII) ? "~" : "\xE2\x80\xA6");
		w++;
	}
	return w;
}
