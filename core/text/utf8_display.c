/* SPDX-License-Identifier: MIT
 * What a terminal shows of text: grapheme clusters, display units and
 * widths, by the rendering policy of the hostile-input checklist
 * (TESTING.md), so no hostile byte reaches ncurses, nothing is drawn as
 * nothing, and columns never drift from what ncurses itself counts (it
 * places the cursor by wcwidth). */
#include "core/text/utf8.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>


#define MAX_MARKS 32 /* combining marks kept per displayed cluster */
#define ZWJ 0x200D

/* Controls and invalid bytes always stand alone, so CR LF stays two
 * visible clusters and a bad byte never swallows a neighbour. */
static bool is_solo(int32_t cp, size_t n)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || utf8_is_bad(cp, n);
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
	if (utf8_is_bad(cp, n)) {
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
