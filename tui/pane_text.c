/* SPDX-License-Identifier: MIT
 * The article text: a metadata header (title, source, date, authors, url,
 * own tags, derived tags, other keys) and the body, rendered (core/text/render)
 * once when the article opens and laid out per width (tui/textdoc.c), so
 * scrolling never rewraps and a resize rewraps once; \ shows the body as
 * stored. Search, marks and the selection work on the text shown: every
 * line is a byte range into it, drawn through grid_put (the display
 * policy). */
#include "tui/pane_text.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/article_text.h"
#include "core/meta/article.h"
#include "core/text/render.h"
#include "core/text/segment.h"
#include "core/base/util.h"
#include "core/collection/collection.h"
#include "core/text/utf8.h"
#include "tui/pane.h"
#include "tui/textdoc.h"
#include "tui/textheader.h"
#include "tui/theme.h"
#include "tui/textview.h"
#include "tui/textmarks.h"

static struct text_view *view_of(struct pane *p)
{
	if (!p->priv) {
		struct text_view *v = xcalloc(1, sizeof *v);
		v->art = -1;
		p->priv = v;
	}
	return p->priv;
}

static void view_clear(struct text_view *v)
{
	free(v->body);
	free(v->note);
	render_doc_free(v->doc);
	v->doc = NULL;
	v->body = v->note = NULL;
	v->text = NULL;
	v->blen = v->tlen = 0;
	v->raw = false;
	textdoc_free(&v->td);
	textheader_clear(&v->hd);
	v->width = 0;
	v->art = -1;
	textmarks_clear(&v->tm);
	v->sel.active = false;
	v->caret = 0;
}

static void pane_text_reset(struct pane *p)
{
	struct text_view *v = view_of(p);
	view_clear(v);
	v->pending = false;
	p->top = 0;
	p->sel = 0;
}

static void view_load(struct text_view *v, const struct pane_ctx *c, size_t art)
{
	const struct article *a = &c->coll->items[art];
	view_clear(v);
	v->art = (long)art;
	textheader_load(&v->hd, a);

	const char *dash = pane_glyph(c, "\xe2\x80\x94", "-");
	struct strbuf note = STRBUF_INIT;
	if (a->flags & ART_BINARY) {
		strbuf_addf(&note, "binary %s not displayed", dash);
	} else if (a->flags & ART_TOO_BIG) {
		strbuf_addf(&note, "too big %s not displayed", dash);
	} else if (a->flags & ART_UNREADABLE) {
		strbuf_adds(&note, "(could not be read)");
	} else {
		struct diag_list dl = DIAG_LIST_INIT;
		v->body = article_body_read(a, &v->blen, &dl);
		if (!v->body) {
			/* the message without the path: the note is one line, and
			 * the header already names the article (HOSTILE.md 30) */
			strbuf_addf(&note, "(%s)",
				    dl.n ? dl.items[0].msg : "cannot read the file");
		} else if (v->blen == 0 || (a->flags & ART_EMPTY)) {
			strbuf_adds(&note, "(empty)");
		}
		diag_list_free(&dl);
	}
	if (note.len) v->note = strbuf_steal(&note);
	strbuf_free(&note);
	if (v->body && !v->note) { /* rendered once per open, never per key */
		v->doc = article_text_render(a, v->body, v->blen);
		v->text = v->doc->text;
		v->tlen = v->doc->len;
		textdoc_set(&v->td, v->doc, v->text, v->tlen);
	}
}

/* Lay the document out at width: the header (textheader.c), then the
 * body (its rows cached per width) or the note. */
static void view_build(struct text_view *v, const struct pane_ctx *c, int width)
{
	v->width = width;
	textheader_build(&v->hd, width, c->utf8_flags);
	v->body_first = v->hd.n;
	if (v->note) {
		textheader_add(&v->hd, v->note, 0, strlen(v->note), NULL, STYLE_DIM, 0);
		return;
	}
	if (v->text) textdoc_build(&v->td, width, c->utf8_flags);
}

/* Rendered-text byte <-> shown-text byte (the same unless raw). */
static size_t shown_of_rendered(const struct text_view *v, size_t off)
{
	return v->raw && v->doc ? render_to_source(v->doc, off) : off;
}

static size_t rendered_of_shown(const struct text_view *v, size_t off)
{
	return v->raw && v->doc ? render_from_source(v->doc, off) : off;
}

/* The cursor line's place as code points of the rendered text. */
static size_t cursor_cp(const struct text_view *v, size_t line)
{
	if (!is_body(v, line) || !v->doc) return 0;
	size_t off = rendered_of_shown(v, row_at(v, line)->start);
	return textmarks_cp_of(v->doc->text, v->doc->len, off);
}

/* Make sure lines exist for the current article and width; the cursor
 * keeps its place in the body across a rewrap, and an article opened
 * again starts where it was left (the stored reading position). */
static struct text_view *view_ready(struct pane *p, const struct pane_ctx *c, int width)
{
	struct text_view *v = view_of(p);
	if (c->cur < 0) {
		if (v->art >= 0) view_clear(v);
		return v;
	}
	if (v->art != c->cur) {
		view_load(v, c, (size_t)c->cur);
		p->top = 0;
		p->sel = 0;
		size_t cp;
		if (!v->pending && c->svc && c->svc->position &&
		    c->svc->position(c->host, (size_t)c->cur, &cp) && cp > 0) {
			v->pending = true;
			v->pending_cp = cp;
		}
		if (!v->pending) v->pending_cp = 0, v->pending = true;
	} else if (v->width != width && is_body(v, p->sel) && !v->pending) {
		v->pending = true;
		v->pending_cp = cursor_cp(v, p->sel);
	}
	if (v->width != width) view_build(v, c, width);
	if (v->pending) {
		v->pending = false;
		size_t off = v->doc ? shown_of_rendered(v, textmarks_byte_of(v->doc->text, v->doc->len,
									   v->pending_cp)) : 0;
		/* a fresh article: the cursor starts on the first line of text */
		while (v->text && v->pending_cp == 0 && off < v->tlen &&
		       strchr(" \t\r\n", v->text[off]))
			off++;
		p->sel = v->text ? line_of_byte(v, off) : v->body_first;
		if (p->sel >= doc_lines(v)) p->sel = doc_lines(v) ? doc_lines(v) - 1 : 0;
		p->top = v->pending_cp > 0 ? p->sel : 0;
	}
	if (v->doc && (!v->tm.built || v->tm.gen != c->marks_gen)) {
		/* marks are offsets into the rendered text; raw shows them
		 * where their text came from */
		textmarks_build(&v->tm, c->store, c->coll->items[c->cur].id, v->doc, v->body, v->blen);
		for (size_t i = 0; v->raw && i < v->tm.n; i++) {
			v->tm.v[i].start = render_to_source(v->doc, v->tm.v[i].start);
			v->tm.v[i].end = render_to_source(v->doc, v->tm.v[i].end);
		}
		v->tm.gen = c->marks_gen;
	}
	return v;
}

static size_t max_top(const struct text_view *v, int rows)
{
	return doc_lines(v) > (size_t)rows ? doc_lines(v) - (size_t)rows : 0;
}

/* Scroll so the cursor line is visible. */
void textview_fit(struct pane *p, const struct text_view *v, int rows)
{
	if (doc_lines(v) && p->sel >= doc_lines(v)) p->sel = doc_lines(v) - 1;
	if (rows < 1) rows = 1;
	if (p->sel < p->top) p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows) p->top = p->sel - (size_t)rows + 1;
	if (p->top > max_top(v, rows)) p->top = max_top(v, rows);
}

static int text_width(struct rect r) { return r.cols - 1 > 0 ? r.cols - 1 : 1; }

static void text_draw(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
		      bool focused)
{
	/* one column of margin on the left: the cursor */
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0) {
		grid_puts(g, r.row, r.col + 1, r.col + r.cols,
			  c->norder    ? "Enter opens the selected article; ? lists the keys."
			  : c->loading ? "Reading the files; the list fills in."
			  : c->filter  ? "No article matches the filter; F clears it."
				       : "No articles in this collection.", STYLE_DIM);
		return;
	}
	textview_fit(p, v, r.rows);
	textview_caret_sync(v, p->sel);
	v->sel.cursor = v->caret;
	v->sel.cursor_on = focused && is_body(v, p->sel) && (!v->sel.active || v->sel.start == v->sel.end);
	for (int i = 0; i < r.rows; i++) {
		size_t n = p->top + (size_t)i;
		if (n >= doc_lines(v)) break;
		int col = r.col + 1, end = r.col + r.cols;
		if (n == p->sel)
			grid_glyph(g, r.row + i, r.col, pane_glyph(c, "\xe2\x96\xb8", ">"), /* ▸ */
				   focused ? STYLE_FOCUS : STYLE_DIM);
		if (is_body(v, n)) {
			textdoc_draw(c, g, r.row + i, col, end, &v->td, n - v->body_first, &v->tm, &v->sel);
			continue;
		}
		textheader_draw(&v->hd, n, g, r.row + i, col, end);
	}
}

/* m: the selection, else the paragraph under the cursor; a passage that
 * is already marked is unmarked. */
static void do_mark(struct pane *p, const struct pane_ctx *c, struct text_view *v)
{
	if (v->raw) {
		pane_message(c, false, "Select and mark on the rendered text (\\ shows it).");
		return;
	}
	if (!v->doc || !is_body(v, p->sel)) {
		pane_message(c, false, "Move the cursor onto the text to mark a passage.");
		return;
	}
	size_t s, e;
	long hit;
	if (v->sel.active) {
		s = v->sel.start, e = v->sel.end;
		hit = textmarks_find(&v->tm, s, e, true);
	} else {
		const struct tdrow *l = row_at(v, p->sel);
		hit = textmarks_find(&v->tm, l->start, l->end, false);
		if (hit < 0 && !segment_paragraph_range(v->text, v->tlen, l->start, &s, &e)) {
			pane_message(c, false, "No paragraph under the cursor.");
			return;
		}
	}
	const char *dash = pane_glyph(c, "\xe2\x80\x94", "-");
	if (hit >= 0) {
		struct mark m;
		mark_copy(&m, &v->tm.v[hit].m);
		if (c->svc && c->svc->mark_delete &&
		    c->svc->mark_delete(c->host, &m) == PANE_MARK_DONE) /* else: NOT SAVED */
			pane_message(c, false, "Mark removed %s u to undo.", dash);
		mark_free(&m);
		v->sel.active = false;
		return;
	}
	struct mark m;
	size_t cs = textmarks_cp_of(v->text, v->tlen, s), ce = textmarks_cp_of(v->text, v->tlen, e);
	if (mark_init(&m, c->coll->items[c->cur].id, v->text, v->tlen, cs, ce) < 0) {
		pane_message(c, false, "Nothing to mark here.");
		return;
	}
	enum pane_mark_result added = c->svc && c->svc->mark_add ? c->svc->mark_add(c->host, &m)
								: PANE_MARK_NONE;
	if (added == PANE_MARK_DONE) /* PANE_MARK_UNSAVED: the message says NOT SAVED */
		pane_message(c, false, "Marked %zu characters (%zu in this article) %s u to undo.",
			     ce - cs, pane_mark_count(c, (size_t)c->cur), dash);
	else if (added == PANE_MARK_NONE && c->store)
		pane_message(c, false, "Already marked.");
	mark_free(&m);
	v->sel.active = false;
}

/* ---- for the search (textsearch.c): the body and where it is shown ---- */

bool pane_text_body(struct pane *p, const struct pane_ctx *c, struct rect r, const char **body,
		    size_t *len)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0 || !v->text || v->note) return false;
	*body = v->text;
	*len = v->tlen;
	return true;
}

size_t pane_text_line_of(struct pane *p, const struct pane_ctx *c, struct rect r, size_t off)
{
	return line_of_byte(view_ready(p, c, text_width(r)), off);
}

size_t pane_text_top_offset(struct pane *p, const struct pane_ctx *c, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (is_body(v, p->sel)) return row_at(v, p->sel)->start; /* the cursor line */
	if (!v->text || v->note || p->top < v->body_first) return 0;
	if (p->top - v->body_first < v->td.n) return row_at(v, p->top)->start;
	return v->tlen;
}

bool pane_text_source_top(struct pane *p, const struct pane_ctx *c, struct rect r,
			  const char **body, size_t *len, size_t *off)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0 || !v->body || v->note) return false;
	*body = v->body;
	*len = v->blen;
	size_t o = pane_text_top_offset(p, c, r);
	*off = v->raw || !v->doc ? o : render_to_source(v->doc, o);
	return true;
}

bool pane_text_mark_here(struct pane *p, const struct pane_ctx *c, struct rect r, struct mark *out)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0 || !v->doc || v->raw || !is_body(v, p->sel)) return false;
	textview_caret_sync(v, p->sel);
	long hit = v->sel.active && v->sel.start < v->sel.end
			   ? textmarks_find(&v->tm, v->sel.start, v->sel.end, false)
			   : textmarks_find(&v->tm, v->caret, v->caret, false);
	if (hit < 0) { /* else a mark anywhere on the cursor line */
		const struct tdrow *l = row_at(v, p->sel);
		hit = textmarks_find(&v->tm, l->start, l->end, false);
	}
	if (hit < 0) return false;
	mark_copy(out, &v->tm.v[hit].m);
	return true;
}

bool pane_text_selection(struct pane *p, const struct pane_ctx *c, struct rect r, size_t *start,
			 size_t *end)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0 || !v->text || v->note || !v->sel.active || v->sel.start >= v->sel.end)
		return false;
	*start = v->sel.start;
	*end = v->sel.end;
	return true;
}

/* \: the file's body as stored, or rendered; the cursor keeps its place
 * in the text through the renderer's source map. */
unsigned pane_text_toggle_raw(struct pane *p, const struct pane_ctx *c, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0 || !v->doc) {
		pane_message(c, false, c->cur < 0 ? "No article open." : "No text to show raw.");
		return R_DRAW_STATUS;
	}
	size_t cp = cursor_cp(v, p->sel);
	v->raw = !v->raw;
	v->text = v->raw ? v->body : v->doc->text;
	v->tlen = v->raw ? v->blen : v->doc->len;
	textdoc_set(&v->td, v->raw ? NULL : v->doc, v->text, v->tlen);
	v->sel.active = false;
	v->tm.built = false;
	v->width = 0;
	v->pending = true;
	v->pending_cp = cp;
	pane_message(c, false, v->raw ? "The article as stored (\\ renders it)."
				     : "The article rendered (\\ shows it as stored).");
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

const struct render_doc *pane_text_doc(struct pane *p, const struct pane_ctx *c, struct rect r)
{
	if (c->cur < 0) return NULL;
	return view_ready(p, c, text_width(r))->doc;
}

void pane_text_show_offset(struct pane *p, const struct pane_ctx *c, struct rect r, size_t off)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	int rows = r.rows < 1 ? 1 : r.rows;
	size_t line = line_of_byte(v, off);
	p->sel = line; /* the cursor goes to the hit, so v selects from it */
	if (is_body(v, line)) v->caret = off;
	textview_sel_follow(v, line);
	if (line < p->top || line >= p->top + (size_t)rows) {
		size_t above = (size_t)rows / 3; /* some context before the hit */
		p->top = line > above ? line - above : 0;
	}
	textview_fit(p, v, rows);
}

static unsigned text_handle(struct pane *p, struct pane_ctx *c, enum action a, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0) return R_NONE;
	size_t top = p->top, cur = p->sel, last = doc_lines(v) ? doc_lines(v) - 1 : 0;
	size_t page = r.rows > 2 ? (size_t)r.rows - 1 : 1;
	unsigned extra = R_NONE;
	textview_caret_sync(v, p->sel);
	switch (a) {
	case ACT_MOVE_DOWN: case ACT_MOVE_UP:
		textview_line_move(p, c, v, a == ACT_MOVE_DOWN, last);
		if (v->sel.active) extra = R_DRAW_STATUS;
		break;
	case ACT_PAGE_DOWN:
		p->sel = p->sel + page < last ? p->sel + page : last;
		p->top += page;
		break;
	case ACT_PAGE_UP:
		p->sel = p->sel > page ? p->sel - page : 0;
		p->top = p->top > page ? p->top - page : 0;
		break;
	case ACT_TOP: p->sel = 0; break;
	case ACT_BOTTOM: p->sel = last; break;
	case ACT_SELECT:
		if (v->sel.active) {
			v->sel.active = false;
			pane_message(c, false, "Selection ended.");
		} else if (textview_sel_begin(p, c, v)) {
			pane_message(c, false, "Selecting from the cursor: w ) } extend, b ( { shrink, j k by line, m marks, v or Esc ends.");
		}
		return R_DRAW_TEXT | R_DRAW_STATUS;
	case ACT_EXTEND_WORD: case ACT_EXTEND_SENTENCE: case ACT_EXTEND_PARAGRAPH:
	case ACT_WORD_BACK: case ACT_SENTENCE_BACK: case ACT_PARAGRAPH_BACK:
	case ACT_CHAR_NEXT: case ACT_CHAR_PREV:
		return textview_cursor_move(p, c, v, a, r.rows);
	case ACT_MARK:
		do_mark(p, c, v);
		return R_DRAW_TEXT | R_DRAW_LIST | R_DRAW_STATUS;
	case ACT_SCROLL_RIGHT: case ACT_SCROLL_LEFT: {
		/* half the pane at a time, every code row together (as less -S) */
		int step = r.cols / 2 > 4 ? r.cols / 2 : 4;
		if (textdoc_hscroll(&v->td, a == ACT_SCROLL_RIGHT ? step : -step)) return R_DRAW_TEXT;
		pane_message(c, false, v->td.code_over == 0 ? "No code line is wider than the pane: < and > scroll those."
					: a == ACT_SCROLL_RIGHT ? "At the end of the widest code line (< scrolls back)."
								: "At the start of the code lines.");
		return R_DRAW_STATUS;
	}
	default: return R_NONE;
	}
	if (p->sel != cur) textview_sel_follow(v, p->sel);
	if (v->sel.active && p->sel != cur) textview_sel_report(c, v);
	textview_fit(p, v, r.rows);
	return top != p->top || cur != p->sel ? R_DRAW_TEXT | R_DRAW_STATUS | extra : R_NONE;
}

bool pane_text_position(struct pane *p, long cur, size_t *cp)
{
	struct text_view *v = p->priv;
	if (!v || cur < 0 || v->art != cur) return false;
	if (v->pending) {
		*cp = v->pending_cp;
		return true;
	}
	*cp = cursor_cp(v, p->sel);
	return true;
}

void pane_text_goto(struct pane *p, size_t cp)
{
	struct text_view *v = view_of(p);
	v->pending = true;
	v->pending_cp = cp;
	v->width = 0; /* apply on the next view_ready */
}

/* Esc: end the selection. */
unsigned pane_text_escape(struct pane *p, const struct pane_ctx *c)
{
	struct text_view *v = p->priv;
	if (!v || !v->sel.active) return R_NONE;
	v->sel.active = false;
	pane_message(c, false, "Selection cancelled.");
	return R_DRAW_TEXT | R_DRAW_STATUS;
}


unsigned pane_text_mouse(struct pane *p, const struct pane_ctx *c, int button, int row, int col,
			 struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0) return R_NONE;
	return textview_mouse(p, c, v, button, row, col, r.rows);
}

bool pane_text_dragging(const struct pane *p)
{
	const struct text_view *v = p->priv;
	return v && v->drag;
}

static void text_info(struct pane *p, const struct pane_ctx *c, struct strbuf *out)
{
	struct text_view *v = p->priv;
	if (c->cur < 0 || !v || doc_lines(v) == 0) return;
	strbuf_addf(out, "%zu/%zu%s", p->sel + 1, doc_lines(v), v->raw ? " raw" : "");
}

static void text_free(struct pane *p)
{
	struct text_view *v = p->priv;
	if (!v) return;
	view_clear(v);
	free(v->tm.v);
	textheader_free(&v->hd);
	free(v);
	p->priv = NULL;
}

/* The body goes (the search's hits with it: navigate_tell_panes). */
static void text_changed(struct pane *p, const struct pane_ctx *c, enum pane_change what)
{
	(void)c;
	(void)what;
	pane_text_reset(p);
}

const struct pane_ops pane_text_ops = {
	.title = "Text",
	.keys = KP_TEXT,
	.draw = text_draw,
	.handle = text_handle,
	.title_info = text_info,
	.changed = text_changed,
	.free = text_free,
};
