/* SPDX-License-Identifier: MIT
 * Word, sentence, line and paragraph boundaries (definitions in segment.h):
 * the units the text pane extends a selection by and marks snap to. Forward
 * moves walk grapheme clusters; backward moves step over code points that
 * extend a cluster, so a mark never splits a cluster. */
#include "core/text/segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/text/utf8.h"
#include "core/base/util.h"

static int32_t cp_at(const char *text, size_t len, size_t pos)
{
	int32_t cp = 0;
	if (pos < len) utf8_decode(text + pos, len - pos, &cp);
	return cp;
}

/* Length of a line break starting at i (LF, U+2028, U+2029), else 0. */
static size_t break_len(const char *t, size_t len, size_t i)
{
	if (t[i] == '\n') return 1;
	if ((unsigned char)t[i] == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* pos itself if it is not inside a U+2028/U+2029 sequence, else the
 * sequence's first byte. Only a real break sequence counts: stepping back
 * over any continuation byte (a stray 0x89 after a newline) would land on
 * the previous line, and wrap_text would then loop on the same line. */
static size_t break_seq_start(const char *t, size_t len, size_t pos)
{
	for (size_t back = 1; back <= 2 && back <= pos && pos < len; back++)
		if (break_len(t, len, pos - back) == 3) return pos - back;
	return pos;
}

/* Length of a line break ending exactly at i, else 0. */
static size_t break_before(const char *t, size_t i)
{
	if (i >= 1 && t[i - 1] == '\n') return 1;
	if (i >= 3 && (unsigned char)t[i - 3] == 0xE2 && (unsigned char)t[i - 2] == 0x80 &&
	    ((unsigned char)t[i - 1] == 0xA8 || (unsigned char)t[i - 1] == 0xA9))
		return 3;
	return 0;
}

size_t segment_line_end(const char *text, size_t len, size_t pos, size_t *next)
{
	size_t i = pos < len ? pos : len;
	/* A pos inside a U+2028 sequence belongs to the line that it ends. */
	i = break_seq_start(text, len, i);
	for (; i < len; i++) {
		size_t b = break_len(text, len, i);
		if (b) {
			if (next) *next = i + b;
			return i;
		}
	}
	if (next) *next = len;
	return len;
}

size_t segment_line_start(const char *text, size_t len, size_t pos)
{
	size_t i = pos < len ? pos : len;
	i = break_seq_start(text, len, i);
	while (i > 0 && !break_before(text, i)) i--;
	return i;
}

static bool is_blank_cp(int32_t cp)
{
	return cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x200B || cp == 0x2060 ||
	       cp == 0xFEFF || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

bool segment_is_blank(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		int32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_bad(cp, k)) return false;
		if (!is_blank_cp(cp)) return false;
		i += k;
	}
	return true;
}

/* ---- words ---- */

static bool word_at(const char *text, size_t len, size_t pos)
{
	if (pos >= len) return false;
	int32_t cp;
	size_t n = utf8_decode(text + pos, len - pos, &cp);
	if (utf8_is_bad(cp, n)) return false;
	return utf8_is_word_cp(cp);
}

/* A code point that never starts a cluster after a non-control: stepping
 * back over these lands on a cluster start (close enough for flags and
 * Hangul, whose parts share a word class). */
static bool is_extender(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	switch (p->boundclass) {
	case UTF8PROC_BOUNDCLASS_EXTEND: case UTF8PROC_BOUNDCLASS_SPACINGMARK:
	case UTF8PROC_BOUNDCLASS_ZWJ: case UTF8PROC_BOUNDCLASS_E_MODIFIER:
		return true;
	default:
		return false;
	}
}

/* Start of the code point before i. */
static size_t cp_back(const char *text, size_t i)
{
	size_t j = i - 1;
	size_t lim = i >= 4 ? i - 4 : 0;
	while (j > lim && ((unsigned char)text[j] & 0xC0) == 0x80) j--;
	/* Only accept j if the sequence there really spans to i. */
	int32_t cp;
	if (utf8_decode(text + j, i - j, &cp) != i - j) return i - 1;
	return j;
}

/* Start of the cluster that ends at i (i > 0). */
static size_t cluster_back(const char *text, size_t len, size_t i)
{
	size_t j = cp_back(text, i);
	while (j > 0) {
		int32_t cp;
		size_t n = utf8_decode(text + j, len - j, &cp);
		if (utf8_is_bad(cp, n) || !is_extender(cp)) break;
		j = cp_back(text, j);
	}
	return j;
}

bool segment_is_word_at(const char *text, size_t len, size_t pos) { return word_at(text, len, pos); }

size_t segment_word_start(const char *text, size_t len, size_t pos)
{
	if (pos > len) pos = len;
	if (!word_at(text, len, pos)) return pos;
	while (pos > 0) {
		size_t q = cluster_back(text, len, pos);
		if (!word_at(text, len, q)) break;
		pos = q;
	}
	return pos;
}

size_t segment_word_end(const char *text, size_t len, size_t pos)
{
	while (pos < len && !word_at(text, len, pos)) pos = utf8_cluster_end(text, len, pos);
	while (pos < len && word_at(text, len, pos)) pos = utf8_cluster_end(text, len, pos);
	return pos < len ? pos : len;
}

size_t segment_word_prev(const char *text, size_t len, size_t pos)
{
	if (pos > len) pos = len;
	while (pos > 0) {
		size_t q = cluster_back(text, len, pos);
		if (word_at(text, len, q)) break;
		pos = q;
	}
	while (pos > 0) {
		size_t q = cluster_back(text, len, pos);
		if (!word_at(text, len, q)) break;
		pos = q;
	}
	return pos;
}

/* ---- paragraphs ---- */

/* The paragraph starting at the first non-blank line at or after line start
 * ls; *after gets the start of the line after its last line. */
static bool para_from_line(const char *text, size_t len, size_t ls, struct segment_range *r,
			   size_t *after)
{
	size_t next, le;
	for (;;) {
		if (ls >= len) return false;
		le = segment_line_end(text, len, ls, &next);
		if (!segment_is_blank(text + ls, le - ls)) break;
		ls = next;
	}
	size_t first = ls, last_start = ls, last_end = le;
	while (next < len) {
		size_t n2, e2 = segment_line_end(text, len, next, &n2);
		if (segment_is_blank(text + next, e2 - next)) break;
		last_start = next;
		last_end = e2;
		next = n2;
		if (e2 == len) break;
	}
	/* Trim blank characters at both ends. */
	size_t s = first;
	while (s < len) {
		int32_t cp;
		size_t n = utf8_decode(text + s, len - s, &cp);
		if (utf8_is_bad(cp, n) || !is_blank_cp(cp)) break;
		s += n;
	}
	size_t e = last_start, i = last_start;
	while (i < last_end) {
		int32_t cp;
		size_t n = utf8_decode(text + i, last_end - i, &cp);
		i += n;
		if (utf8_is_bad(cp, n) || !is_blank_cp(cp)) e = i;
	}
	r->start = s;
	r->end = e;
	if (after) *after = next;
	return true;
}

bool segment_paragraph_range(const char *text, size_t len, size_t pos, size_t *start,
			     size_t *end)
{
	if (pos > len) pos = len;
	size_t ls = segment_line_start(text, len, pos);
	size_t le = segment_line_end(text, len, ls, NULL);
	if (segment_is_blank(text + ls, le - ls)) return false;
	for (;;) { /* back to the paragraph's first line */
		size_t b = break_before(text, ls);
		if (!b) break;
		size_t pe = ls - b, ps = segment_line_start(text, len, pe);
		if (segment_is_blank(text + ps, pe - ps)) break;
		ls = ps;
	}
	struct segment_range r;
	if (!para_from_line(text, len, ls, &r, NULL)) return false;
	*start = r.start;
	*end = r.end;
	return true;
}

size_t segment_paragraph_end(const char *text, size_t len, size_t pos)
{
	size_t s, e, next;
	if (segment_paragraph_range(text, len, pos, &s, &e) && e > pos) return e;
	segment_line_end(text, len, pos, &next);
	struct segment_range r;
	if (next < len && para_from_line(text, len, next, &r, NULL)) return r.end;
	return len;
}

size_t segment_paragraphs(const char *text, size_t len, struct segment_range **out)
{
	struct segment_range *v = NULL, r;
	size_t n = 0, cap = 0, ls = 0;
	while (para_from_line(text, len, ls, &r, &ls)) {
		ARRAY_RESERVE(v, cap, n + 1);
		v[n++] = r;
	}
	*out = v;
	return n;
}

/* ---- sentences ---- */

static bool is_terminator(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C ||
	       (cp >= 0x2047 && cp <= 0x2049);
}

static bool is_cjk_terminator(int32_t cp) { return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F; }

static bool is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
	       cp == 0x00BB || cp == 0x300D || cp == 0x300F || cp == 0xFF09;
}

static bool is_space_cp(int32_t cp)
{
	return cp == '\n' || cp == 0x2028 || cp == 0x2029 || is_blank_cp(cp);
}

static bool ascii_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static bool word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncasecmp(w, *list, n) == 0) return true;
	return false;
}

/* Is the full stop at dot (the run [dot, after) is just that '.') part of
 * an abbreviation rather than a sentence end? News text is full of them:
 * titles before a name ("Gen. Syrskyi"), initials ("J. R. Smith"), dotted
 * forms before a lower-case word or a number ("U.S. forces", "e.g. the"),
 * "No. 10", "Jan. 5", and any stop followed by a lower-case word ("etc.
 * and"). Ambiguous cases ("the U.S. The") stay sentence ends. */
static bool abbreviation_dot(const char *text, size_t start, size_t pe, size_t dot, size_t after)
{
	static const char *const titles[] = {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt",
					     "sgt", "capt", "maj", "adm", "gov", "sen", "rep", "rev",
					     "sr", "jr", "st", "hon", "pres", "vs", "cf", NULL};
	static const char *const before_number[] = {"no", "nos", "vol", "pp", "art", "sec", "jan",
						    "feb", "mar", "apr", "jun", "jul", "aug", "sep",
						    "sept", "oct", "nov", "dec", NULL};
	size_t w = dot;
	while (w > start && ascii_alpha(text[w - 1])) w--;
	size_t wl = dot - w;
	if (!wl || (w > start && (unsigned char)text[w - 1] >= 0x80)) return false;
	size_t q = after; /* the next word */
	while (q < pe && is_space_cp(cp_at(text, pe, q))) q = utf8_cluster_end(text, pe, q);
	char next = q < pe ? text[q] : '\0';
	bool lower = next >= 'a' && next <= 'z', digit = next >= '0' && next <= '9';
	if (q == after || !next) return false; /* no space after, or the end */
	bool dotted = w > start && text[w - 1] == '.'; /* the last letter of "U.S." */
	if (word_in(text + w, wl, titles)) return true;
	if (!dotted && wl == 1 && text[w] >= 'B' && text[w] <= 'Z' && text[w] != 'I')
		return true; /* an initial */
	if (digit && word_in(text + w, wl, before_number)) return true;
	return lower || (dotted && digit);
}

/* The next sentence in [p, pe): skips whitespace, then scans to its end. */
static bool next_sentence(const char *text, size_t pe, size_t p, struct segment_range *r)
{
	while (p < pe && is_space_cp(cp_at(text, pe, p))) p = utf8_cluster_end(text, pe, p);
	if (p >= pe) return false;
	r->start = p;
	while (p < pe) {
		size_t at = p;
		int32_t cp = cp_at(text, pe, p);
		p = utf8_cluster_end(text, pe, p);
		bool cjk = is_cjk_terminator(cp);
		if (!cjk && !is_terminator(cp)) continue;
		while (p < pe && (is_terminator(cp_at(text, pe, p)) || is_cjk_terminator(cp_at(text, pe, p))))
			p = utf8_cluster_end(text, pe, p);
		if (cp == '.' && p == at + 1 && abbreviation_dot(text, r->start, pe, at, p)) continue;
		while (p < pe && is_closer(cp_at(text, pe, p))) p = utf8_cluster_end(text, pe, p);
		if (cjk || p >= pe || is_space_cp(cp_at(text, pe, p))) break;
	}
	r->end = p;
	return true;
}

bool segment_sentence_range(const char *text, size_t len, size_t pos, struct segment_range *r)
{
	size_t ps, pe;
	if (!segment_paragraph_range(text, len, pos, &ps, &pe)) return false;
	size_t p = ps;
	struct segment_range s;
	while (next_sentence(text, pe, p, &s)) {
		if (s.end > pos) {
			*r = s;
			return true;
		}
		p = s.end;
	}
	return false;
}

size_t segment_sentence_end(const char *text, size_t len, size_t pos)
{
	struct segment_range r;
	size_t p = pos;
	while (p < len) {
		if (segment_sentence_range(text, len, p, &r) && r.end > pos) return r.end;
		size_t next;
		segment_line_end(text, len, p, &next);
		struct segment_range pr;
		if (next >= len || !para_from_line(text, len, next, &pr, NULL)) return len;
		p = pr.start;
	}
	return len;
}
