/* SPDX-License-Identifier: MIT
 * Greedy word wrap by display width over grapheme clusters (utf8.h policy),
 * producing byte ranges so marks and search hits land on lines without
 * copying. One pass per source line with at most one re-measure of the word
 * carried to the next line, so a 10 MB line wraps in linear time. */
#include "core/text/wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/text/segment.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

#define NO_BREAK ((size_t)-1)

int wrap_tab_advance(int col, int width)
{
	int adv = 8 - col % 8;
	if (col < width && col + adv > width) adv = width - col;
	return adv;
}

static void push(struct wrap *w, size_t start, size_t end, int width, int para, bool blank)
{
	ARRAY_RESERVE(w->lines, w->cap, w->n + 1);
	struct wrap_line *l = &w->lines[w->n++];
	l->start = start;
	l->end = end;
	l->width = width;
	l->para = para;
	l->blank = blank;
}

/* One grapheme cluster as the wrapper sees it: a line never breaks inside
 * one, though it may be drawn as several units (a ZWJ sequence as its
 * pictographs, a marker inside a cluster); width is what they draw. */
struct gcluster {
	int width;   /* columns of its units (a tab: 1, expanded by the caller) */
	bool tab;
	bool space;  /* a break opportunity: a space or a tab */
	bool wide;   /* starts with a wide (CJK, emoji) unit: may break around it */
	bool brk_after; /* ZWSP or a soft hyphen: may break after it */
};

/* A breakable space: TAB or a space separator other than the no-break ones. */
static bool is_break_space(const char *text, const struct dcluster *dc)
{
	if (dc->tab) return true;
	unsigned char c = (unsigned char)text[dc->src_off];
	if (c == ' ') return true;
	if (c < 0x80) return false;
	int32_t cp;
	utf8_decode(text + dc->src_off, dc->src_len, &cp);
	if (cp == 0x00A0 || cp == 0x2007 || cp == 0x202F) return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* ZWSP and the soft hyphen are where a word may break (UAX 14 ZW, BA);
 * both are drawn as markers, so the break shows where it happened. */
static bool is_break_after(const char *text, const struct dcluster *dc)
{
	if ((unsigned char)text[dc->src_off] < 0x80) return false;
	int32_t cp;
	utf8_decode(text + dc->src_off, dc->src_len, &cp);
	return cp == 0x200B || cp == 0x00AD;
}

/* Measure the grapheme cluster at p (p < le); returns its end. Its units
 * are read with the cluster's end as the limit, so they add up to it. */
static size_t measure(const char *text, size_t p, size_t le, unsigned flags, struct gcluster *g)
{
	size_t ge = utf8_cluster_end(text, le, p), q = p;
	struct dcluster dc;
	utf8_display_next(text, ge, &q, flags, &dc);
	g->width = dc.width;
	g->tab = dc.tab;
	/* a space carrying a mark or a marker is text, not a break */
	int32_t cp;
	g->space = is_break_space(text, &dc) && p + utf8_decode(text + p, ge - p, &cp) == ge;
	g->wide = dc.width == 2 && !dc.placeholder;
	g->brk_after = is_break_after(text, &dc);
	while (utf8_display_next(text, ge, &q, flags, &dc)) g->width += dc.width;
	return ge;
}

struct wstate {
	size_t start;   /* start of the display line being filled */
	int col;        /* its width so far */
	size_t brk_end; /* last break opportunity: the line would end here */
	int brk_col;    /* ... with this width */
	size_t brk_next; /* ... and the next line would start here */
	bool prev_space;
};

static void reset(struct wstate *st, size_t start)
{
	st->start = start;
	st->col = 0;
	st->brk_end = NO_BREAK;
	st->brk_col = 0;
	st->brk_next = start;
	st->prev_space = false;
}

/* Wrap one source line text[ls..le) (not blank) into display lines. */
static void wrap_source_line(struct wrap *w, const char *text, size_t ls, size_t le, int para)
{
	const int W = w->width;
	struct wstate st;
	size_t p = ls;
	bool emitted = false;
	reset(&st, ls);
	while (p < le) {
		struct gcluster gc;
		size_t q = measure(text, p, le, w->flags, &gc);
		bool space = gc.space, wide = gc.wide;
		int cw = gc.tab ? wrap_tab_advance(st.col, W) : gc.width;
		if (st.col + cw <= W || st.col == 0) { /* place it */
			if (space) {
				if (!st.prev_space) {
					st.brk_end = p;
					st.brk_col = st.col;
				}
				st.brk_next = q;
			} else if (wide && st.col > 0 && !st.prev_space) {
				st.brk_end = st.brk_next = p;
				st.brk_col = st.col;
			}
			st.col += cw;
			p = q;
			st.prev_space = space;
			if ((wide && !space) || gc.brk_after) {
				st.brk_end = st.brk_next = p;
				st.brk_col = st.col;
			}
			continue;
		}
		emitted = true;
		if (space) { /* a space overflows: end here and drop the spaces */
			if (st.prev_space && st.brk_end != NO_BREAK && st.brk_end > st.start)
				push(w, st.start, st.brk_end, st.brk_col, para, false);
			else
				push(w, st.start, p, st.col, para, false);
			while (p < le) {
				q = measure(text, p, le, w->flags, &gc);
				if (!gc.space) break;
				p = q;
			}
			reset(&st, p);
		} else if (st.brk_end != NO_BREAK && st.brk_end > st.start) {
			push(w, st.start, st.brk_end, st.brk_col, para, false);
			p = st.brk_next; /* re-measure the carried word at its new columns */
			reset(&st, p);
		} else { /* no break opportunity: break by cluster */
			push(w, st.start, p, st.col, para, false);
			reset(&st, p);
		}
	}
	if (st.start < le || !emitted) push(w, st.start, le, st.col, para, false);
}

/* Does a line that segment.h calls blank hold anything drawn as a marker? */
static bool has_marker(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp != ' ' && cp != '\t' && utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS)
			return true;
	}
	return false;
}

void wrap_text(struct wrap *w, const char *text, size_t len, int width, unsigned flags)
{
	w->n = 0;
	w->nparas = 0;
	w->width = width < 1 ? 1 : width;
	w->flags = flags;
	size_t ls = 0;
	int para = -1;
	bool in_para = false;
	while (ls < len) {
		size_t next, le = segment_line_end(text, len, ls, &next);
		if (segment_is_blank(text + ls, le - ls)) {
			/* blank for paragraphs, but ZWSP or U+FEFF are shown */
			if (has_marker(text + ls, le - ls))
				wrap_source_line(w, text, ls, le, para < 0 ? 0 : para);
			else
				push(w, ls, ls, 0, para < 0 ? 0 : para, true);
			in_para = false;
		} else {
			if (!in_para) para++;
			in_para = true;
			wrap_source_line(w, text, ls, le, para);
		}
		if (le >= len) break;
		ls = next;
	}
	w->nparas = (size_t)(para + 1);
}

void wrap_free(struct wrap *w)
{
	free(w->lines);
	w->lines = NULL;
	w->n = w->cap = 0;
	w->nparas = 0;
}

size_t wrap_line_of(const struct wrap *w, size_t off)
{
	if (w->n == 0) return 0;
	size_t lo = 0, hi = w->n; /* answer in [lo, hi): last line with start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->lines[mid].start <= off) lo = mid;
		else hi = mid;
	}
	return lo;
}
