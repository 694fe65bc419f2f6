/* SPDX-License-Identifier: MIT
 * Search in the open article (/ n N in the text pane): the body is folded
 * once per article (core/text/search.h) so typing searches it again cheaply;
 * hits are byte ranges of the original body, mapped to wrapped lines with
 * wrap_line_of and drawn by splitting a line at hit edges, so highlights
 * stay exact with CJK, combining marks, emoji and tabs. The search stays
 * active across articles, like less. */
#include "tui/textsearch.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/search.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/pane_text.h"
#include "tui/tui.h"

struct textsearch {
	char *needle;            /* owned; NULL: no search */
	const char *body;        /* borrowed: the body the hits belong to */
	size_t blen;
	struct search_text st;   /* that body folded */
	bool st_ok;
	struct search_hit *hits; /* owned */
	size_t n;
	size_t cur;              /* current hit when has_cur */
	bool has_cur;
	size_t open_top, open_sel; /* text pane top and cursor when / was pressed */
	size_t open_off;         /* body offset at that top */
};

static struct textsearch *ts_of(struct tui *t)
{
	if (!t->ts) t->ts = xcalloc(1, sizeof *t->ts);
	return t->ts;
}

static void hits_clear(struct textsearch *ts)
{
	free(ts->hits);
	ts->hits = NULL;
	ts->n = 0;
	ts->has_cur = false;
}

/* Make the hits those of needle in body (refolding only for a new body). */
static void hits_for(struct textsearch *ts, const char *body, size_t blen)
{
	if (!ts->st_ok || body != ts->body || blen != ts->blen) {
		if (ts->st_ok) search_text_free(&ts->st);
		search_text_init(&ts->st, body, blen);
		ts->st_ok = true;
		ts->body = body;
		ts->blen = blen;
		hits_clear(ts);
		if (ts->needle)
			ts->n = search_text_find(&ts->st, ts->needle, strlen(ts->needle), 0, &ts->hits);
	}
}

static void set_needle(struct textsearch *ts, const char *needle)
{
	free(ts->needle);
	ts->needle = needle && *needle ? xstrdup(needle) : NULL;
	hits_clear(ts);
	if (ts->needle && ts->st_ok)
		ts->n = search_text_find(&ts->st, ts->needle, strlen(ts->needle), 0, &ts->hits);
}

/* Hits of the active search in the open article; false when none apply. */
static bool refresh(struct tui *t, struct textsearch *ts)
{
	const char *body;
	size_t blen;
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	if (!ts->needle || !pane_text_body(p, &c, r, &body, &blen)) return false;
	hits_for(ts, body, blen);
	return true;
}

static void goto_hit(struct tui *t, struct textsearch *ts, size_t i)
{
	ts->cur = i;
	ts->has_cur = true;
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	pane_text_show_offset(p, &c, r, ts->hits[i].start);
}

static unsigned search_done(struct tui *t, enum prompt_result r)
{
	struct textsearch *ts = ts_of(t);
	const char *text = prompt_text(&t->prompt);
	if (r == PROMPT_CANCEL) {
		set_needle(ts, NULL);
		t->panes[PANE_TEXT].top = ts->open_top;
		t->panes[PANE_TEXT].sel = ts->open_sel;
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	if (r == PROMPT_CHANGED) {
		set_needle(ts, text);
		refresh(t, ts);
		if (ts->n) {
			size_t i = search_hit_after(ts->hits, ts->n, ts->open_off);
			goto_hit(t, ts, i < ts->n ? i : 0);
			char note[48];
			snprintf(note, sizeof note, "hit %zu/%zu", ts->cur + 1, ts->n);
			prompt_set_note(&t->prompt, note, false, -1);
		} else {
			t->panes[PANE_TEXT].top = ts->open_top;
			t->panes[PANE_TEXT].sel = ts->open_sel;
			prompt_set_note(&t->prompt, *text ? "no match" : NULL, true, -1);
		}
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	if (!ts->needle) return R_DRAW_ALL;
	if (ts->n == 0) context_message(t, true, "no match for %s", ts->needle);
	else context_message(t, false, "hit %zu/%zu", ts->cur + 1, ts->n);
	return R_DRAW_ALL;
}

void textsearch_forget(struct tui *t)
{
	struct textsearch *ts = t->ts;
	if (!ts) return;
	if (ts->st_ok) search_text_free(&ts->st);
	ts->st_ok = false;
	ts->body = NULL;
	hits_clear(ts);
}

unsigned textsearch_open(struct tui *t)
{
	if (t->cur < 0) {
		context_message(t, false, "No article open.");
		return R_DRAW_STATUS;
	}
	struct textsearch *ts = ts_of(t);
	ts->open_top = t->panes[PANE_TEXT].top;
	ts->open_sel = t->panes[PANE_TEXT].sel;
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	ts->open_off = pane_text_top_offset(p, &c, r);
	set_needle(ts, NULL);
	const char *body;
	size_t blen;
	if (pane_text_body(p, &c, r, &body, &blen)) hits_for(ts, body, blen);
	prompt_open(&t->prompt, PROMPT_SEARCH, "/", NULL);
	t->prompt_done = search_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}

unsigned textsearch_next(struct tui *t, int dir)
{
	struct textsearch *ts = ts_of(t);
	if (!ts->needle) {
		context_message(t, false, "No search yet: / searches the text.");
		return R_DRAW_STATUS;
	}
	if (!refresh(t, ts) || ts->n == 0) {
		context_message(t, true, "no match for %s", ts->needle);
		return R_DRAW_STATUS;
	}
	size_t n = ts->n, i;
	bool wrapped = false;
	if (!ts->has_cur) { /* first n/N in this article: from the top line */
		struct pane_ctx c;
		struct rect r;
		struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
		size_t a = search_hit_after(ts->hits, n, pane_text_top_offset(p, &c, r));
		if (dir > 0) i = a;
		else i = a > 0 ? a - 1 : n;
	} else {
		i = dir > 0 ? ts->cur + 1 : ts->cur > 0 ? ts->cur - 1 : n;
	}
	if (i >= n) {
		i = dir > 0 ? 0 : n - 1;
		wrapped = true;
	}
	goto_hit(t, ts, i);
	if (wrapped)
		context_message(t, false, "search wrapped to %s: hit %zu/%zu", dir > 0 ? "top" : "bottom",
			    i + 1, n);
	else context_message(t, false, "hit %zu/%zu", i + 1, n);
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

int textsearch_draw_line(struct tui *t, struct grid *g, int row, int col, int maxcol,
			 const char *body, size_t blen, size_t start, size_t end, uint16_t style,
			 int origin)
{
	struct textsearch *ts = t->ts;
	size_t pos = start; /* tabs count from origin in every segment */
	if (ts && ts->needle) {
		hits_for(ts, body, blen);
		size_t lo = 0, hi = ts->n; /* first hit ending after start */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (ts->hits[mid].end <= start) lo = mid + 1;
			else hi = mid;
		}
		for (size_t h = lo; h < ts->n && ts->hits[h].start < end && col < maxcol; h++) {
			size_t hs = ts->hits[h].start > pos ? ts->hits[h].start : pos;
			size_t he = ts->hits[h].end < end ? ts->hits[h].end : end;
			if (hs > pos)
				col = grid_put(g, row, col, maxcol, body + pos, hs - pos, style,
					       STYLE_CONTROL, origin);
			uint16_t hst = ts->has_cur && h == ts->cur ? STYLE_SEARCH_CURRENT : STYLE_SEARCH;
			col = grid_put(g, row, col, maxcol, body + hs, he - hs, hst, hst, origin);
			pos = he;
		}
	}
	if (pos < end)
		col = grid_put(g, row, col, maxcol, body + pos, end - pos, style, STYLE_CONTROL, origin);
	return col;
}

void textsearch_free(struct tui *t)
{
	struct textsearch *ts = t->ts;
	if (!ts) return;
	if (ts->st_ok) search_text_free(&ts->st);
	free(ts->needle);
	free(ts->hits);
	free(ts);
	t->ts = NULL;
}
