/* SPDX-License-Identifier: MIT
 * Cursor motions over the shown text (textcursor.h). Boundaries come from
 * core/segment (clusters never split); the only extra notion here is
 * "space" for stepping over the gap between sentences and paragraphs. */
#include "tui/textcursor.h"

#include "core/text/segment.h"
#include "core/text/utf8.h"

/* The code point starting before pos (a UTF-8 lead byte or an invalid one). */
static size_t cp_before(const char *t, size_t pos)
{
	size_t i = pos - 1;
	while (i > 0 && pos - i < 4 && ((unsigned char)t[i] & 0xC0) == 0x80) i--;
	return ((unsigned char)t[i] & 0xC0) == 0x80 ? pos - 1 : i;
}

static bool space_at(const char *t, size_t len, size_t pos)
{
	if (pos >= len) return false;
	if (t[pos] == '\n') return true;
	int32_t cp;
	size_t n = utf8_decode(t + pos, len - pos, &cp);
	if (cp == 0x2028 || cp == 0x2029) return true;
	return !(n == 1 && cp == UTF8_REPLACEMENT) && segment_is_blank(t + pos, n);
}

static size_t skip_space(const char *t, size_t len, size_t pos)
{
	while (pos < len && space_at(t, len, pos)) pos = utf8_cluster_end(t, len, pos);
	return pos;
}

/* The last non-space code point before pos, or len when none. */
static size_t last_nonspace_before(const char *t, size_t len, size_t pos)
{
	while (pos > 0) {
		pos = cp_before(t, pos);
		if (!space_at(t, len, pos)) return pos;
	}
	return len;
}

static size_t unit_end(const char *t, size_t len, size_t pos, enum tc_unit u)
{
	switch (u) {
	case TC_WORD: return segment_word_end(t, len, pos);
	case TC_SENTENCE: return segment_sentence_end(t, len, pos);
	case TC_PARAGRAPH: return segment_paragraph_end(t, len, pos);
	}
	return pos;
}

/* The start of the unit holding pos - 1, else of the one before; 0 none. */
static size_t unit_start_before(const char *t, size_t len, size_t pos, enum tc_unit u)
{
	if (u == TC_WORD) return segment_word_prev(t, len, pos);
	size_t q = last_nonspace_before(t, len, pos);
	if (q == len) return 0;
	struct segment_range r;
	size_t s, e;
	if (u == TC_SENTENCE && segment_sentence_range(t, len, q, &r) && r.start < pos) return r.start;
	if (u == TC_PARAGRAPH && segment_paragraph_range(t, len, q, &s, &e) && s < pos) return s;
	return segment_line_start(t, len, q);
}

/* The start of the unit after the one holding pos; len when none. */
static size_t unit_next_start(const char *t, size_t len, size_t pos, enum tc_unit u)
{
	if (u == TC_WORD) {
		if (segment_is_word_at(t, len, pos)) pos = segment_word_end(t, len, pos);
		while (pos < len && !segment_is_word_at(t, len, pos)) pos = utf8_cluster_end(t, len, pos);
		return pos;
	}
	return skip_space(t, len, unit_end(t, len, pos, u));
}

size_t textcursor_move(const char *text, size_t len, size_t cur, enum tc_unit u, int dir,
		       bool selecting, size_t anchor)
{
	if (cur > len) cur = len;
	if (!selecting) {
		if (dir > 0) {
			size_t n = unit_next_start(text, len, cur, u);
			return n < len ? n : cur; /* no unit after: stay */
		}
		return cur > 0 ? unit_start_before(text, len, cur, u) : 0;
	}
	if (dir > 0) {
		if (cur >= anchor) return unit_end(text, len, cur, u);
		size_t n = unit_next_start(text, len, cur, u); /* shrink from the left */
		return n < anchor ? n : anchor;
	}
	if (cur <= anchor) return cur > 0 ? unit_start_before(text, len, cur, u) : 0;
	/* shrink from the right: to the end of the unit before the last one */
	size_t s = unit_start_before(text, len, cur, u);
	size_t q = s > anchor ? last_nonspace_before(text, len, s) : len;
	if (q == len || q < anchor) return anchor;
	size_t e = utf8_cluster_end(text, len, q);
	return e > anchor ? e : anchor;
}

size_t textcursor_cluster_start(const char *text, size_t len, size_t pos)
{
	if (pos == 0) return 0;
	if (pos > len) pos = len;
	size_t i = segment_line_start(text, len, cp_before(text, pos)), prev = i;
	while (i < pos) {
		prev = i;
		i = utf8_cluster_end(text, len, i);
	}
	return prev;
}

int textcursor_col(const char *text, size_t len, size_t rs, size_t cur, unsigned flags)
{
	if (cur > len) cur = len;
	return cur > rs ? utf8_display_width(text + rs, cur - rs, flags) : 0;
}

size_t textcursor_at_col(const char *text, size_t len, size_t rs, size_t re, int col,
			 unsigned flags)
{
	if (re > len) re = len;
	size_t pos = rs, last = rs;
	int w = 0;
	while (pos < re) {
		size_t n = utf8_cluster_end(text, re, pos);
		int cw = utf8_display_width(text + pos, n - pos, flags);
		if (w + cw > col) return pos;
		w += cw;
		last = pos;
		pos = n;
	}
	return last; /* a shorter row: its last cluster */
}

struct tc_hit textcursor_hit(const char *text, size_t len, size_t rs, size_t re, int col,
			     unsigned flags)
{
	if (re > len) re = len;
	if (rs > re) rs = re;
	if (col < 0) return (struct tc_hit){rs, rs};
	size_t pos = rs;
	int w = 0;
	while (pos < re) {
		size_t n = utf8_cluster_end(text, re, pos);
		int cw = utf8_display_width(text + pos, n - pos, flags);
		if (cw > 0 && col < w + cw) return (struct tc_hit){pos, n};
		w += cw > 0 ? cw : 0; /* a zero-width cluster cannot be hit */
		pos = n;
	}
	return (struct tc_hit){re, re}; /* past the row's text */
}

void textcursor_drag(struct tc_hit press, struct tc_hit at, size_t *anchor, size_t *caret)
{
	if (at.start >= press.start) { /* rightwards (or on the press) */
		*anchor = press.start;
		*caret = at.end > press.end ? at.end : press.end;
	} else {
		*anchor = press.end;
		*caret = at.start;
	}
}
