/* SPDX-License-Identifier: MIT
 * Unicode on top of utf8proc: strict decoding (one U+FFFD per bad byte), NFKC
 * case folding for matching, grapheme clusters, and the rendering and width
 * policy of HOSTILE.md, so no hostile byte reaches ncurses and columns never
 * drift from what ncurses itself counts (it places the cursor by wcwidth). */
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "core/util.h"

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

bool utf8_is_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (is_bad(cp, n)) return false;
		i += n;
	}
	return true;
}

char *utf8_repair(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (is_bad(cp, n)) strbuf_add(&sb, "\xEF\xBF\xBD", 3);
		else strbuf_add(&sb, s + i, n);
		i += n;
	}
	if (outlen) *outlen = sb.len;
	if (!sb.buf) return xstrdup("");
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

char *utf8_fold(const char *s, size_t len, size_t *outlen)
{
	size_t rlen;
	char *r = utf8_repair(s, len, &rlen);
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)rlen, &dst,
					  UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
						  UTF8PROC_IGNORE | UTF8PROC_STABLE);
	if (n < 0) { /* only on out-of-memory: the input is valid by now */
		free(dst);
		if (outlen) *outlen = rlen;
		return r;
	}
	free(r);
	if (outlen) *outlen = (size_t)n;
	return (char *)dst;
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

static bool is_bidi(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	       cp == 0x200F || cp == 0x061C;
}

/* Cf (format) characters that are not bidi controls draw as nothing. */
static bool is_dropped(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_CF && !is_bidi(cp);
}

/* Emoji presentation and modifier code points, stripped for display. */
static bool is_emoji_strip(int32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

static void put(struct dcluster *out, const char *b, size_t n)
{
	if (out->len + n >= sizeof out->text) return; /* cannot happen: sized for the cap */
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

/* The general path: a non-trivial cluster s[start..end). */
static void display_cluster(const char *s, size_t start, size_t end, unsigned flags,
			    struct dcluster *out)
{
	int32_t cp;
	size_t n = utf8_decode(s + start, end - start, &cp);
	if (is_bad(cp, n)) {
		if (flags & UTF8_ASCII) put(out, "?", 1);
		else put(out, "\xEF\xBF\xBD", 3);
		out->width = 1;
		out->placeholder = true;
		return;
	}
	if (cp == '\t') {
		put(out, " ", 1);
		out->width = 1;
		out->tab = true;
		return;
	}
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
		out->newline = true;
		return;
	}
	if (cp < 0x20 || cp == 0x7F) {
		char b[2] = {'^', (char)(cp ^ 0x40)};
		put(out, b, 2);
		out->width = 2;
		out->placeholder = true;
		return;
	}
	if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp)) {
		put_hex(out, cp);
		return;
	}
	/* Skip leading format characters (Arabic number signs prepend, lone ZWJ). */
	size_t i = start;
	while (i < end) {
		n = utf8_decode(s + i, end - i, &cp);
		if (!is_dropped(cp)) break;
		i += n;
	}
	if (i >= end) return; /* only zero-width format characters: draw nothing */
	i += n;
	if (flags & UTF8_ASCII) {
		if (cp >= 0x20 && cp < 0x7F) {
			put_cp(out, cp);
			out->width = 1;
		} else {
			put_hex(out, cp);
		}
		return;
	}
	int w = wcwidth((wchar_t)cp);
	if (w < 0) { /* unassigned, noncharacter, or a non-UTF-8 locale */
		put_hex(out, cp);
		return;
	}
	if (w == 0) put(out, " ", 1); /* a lone mark is drawn on a space */
	put_cp(out, cp);
	int width = w < 1 ? 1 : w > 2 ? 2 : w;
	int marks = 0;
	while (i < end) {
		n = utf8_decode(s + i, end - i, &cp);
		i += n;
		if (cp == ZWJ) break; /* the rest of an emoji ZWJ sequence is not drawn */
		if (is_emoji_strip(cp) || is_dropped(cp) || marks >= MAX_MARKS) continue;
		int ew = wcwidth((wchar_t)cp);
		if (ew < 0) continue;
		put_cp(out, cp);
		width += ew; /* ncurses advances for spacing marks too */
		marks++;
	}
	out->width = (unsigned char)width;
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
	out->src_len = end - start;
	*pos = end;
	unsigned char c = (unsigned char)s[start];
	if (end == start + 1 && c >= 0x20 && c < 0x7F) {
		out->text[0] = (char)c;
		out->text[1] = '\0';
		out->len = 1;
		out->width = 1;
		return true;
	}
	display_cluster(s, start, end, flags, out);
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
	size_t pos = 0;
	struct dcluster dc;
	int total = 0;
	/* First pass: does it fit whole? Stops as soon as it does not. */
	while (total <= max_width && utf8_display_next(s, len, &pos, flags, &dc))
		total += dc.newline ? 1 : dc.width;
	bool cut = total > max_width;
	int budget = cut ? max_width - 1 : max_width;
	int w = 0;
	pos = 0;
	while (utf8_display_next(s, len, &pos, flags, &dc)) {
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
