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
#include "tui/pane.h"
#include "tui/textdoc.h"
#include "tui/textheader.h"
#include "tui/theme.h"
#include "tui/textmarks.h"

struct text_view {
	long art;              /* article shown, -1 none */
	char *body;            /* owned: the body as stored */
	size_t blen;
	struct render_doc *doc;/* owned: the body rendered, once per open */
	bool raw;              /* \: show body (plain-wrapped), not doc */
	const char *text;      /* what is shown: doc->text, or body when raw */
	size_t tlen;
	char *note;            /* owned: shown instead of the body */
	struct textdoc td;     /* the shown text as rows, cached per width */
	struct textheader hd;  /* the header lines (and the note) at width;
				* the body's rows are td.rows */
	int width;             /* width lines were built for; 0: stale */
	size_t body_first;     /* index of the first body line */
	struct textmarks tm;   /* the article's marks as byte ranges of text */
	struct selection sel;
	bool pending;          /* put the cursor on pending_cp once lines exist */
	size_t pending_cp;     /* code points into the rendered text */
};

/* Lines in the document: header lines, then the body's rows. */
static size_t doc_lines(const struct text_view *v)
{
	return v->hd.n + (v->text && !v->note ? v->td.n : 0);
}

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

static bool is_body(const struct text_view *v, size_t line)
{
	return v->text && !v->note && line >= v->body_first && line - v->body_first < v->td.n;
}

/* The body row of document line (is_body). */
static const struct tdrow *row_at(const struct text_view *v, size_t line)
{
	return &v->td.rows[line - v->body_first];
}

/* The text pane line holding body byte off. */
static size_t line_of_byte(const struct text_view *v, size_t off)
{
	if (!v->text || v->note || v->td.n == 0) return v->body_first;
	return v->body_first + textdoc_row_of(&v->td, off);
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
static void fit_cursor(struct pane *p, const struct text_view *v, int rows)
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
			  : c->filter ? "No article matches the filter; F clears it."
				      : "No articles in this collection.", STYLE_DIM);
		return;
	}
	fit_cursor(p, v, r.rows);
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

/* The selection follows the cursor line by line from the line of v. */
static void sel_follow(struct text_view *v, size_t cursor)
{
	if (!v->sel.active || !is_body(v, cursor)) return;
	const struct tdrow *l = row_at(v, cursor);
	v->sel.start = l->start < v->sel.anchor_start ? l->start : v->sel.anchor_start;
	v->sel.end = l->end > v->sel.anchor_end ? l->end : v->sel.anchor_end;
	v->sel.fresh = false;
}

static bool sel_begin(struct pane *p, const struct pane_ctx *c, struct text_view *v)
{
	if (v->raw) {
		pane_message(c, false, "Select and mark on the rendered text (\\ shows it).");
		return false;
	}
	if (!is_body(v, p->sel)) {
		pane_message(c, false, "Move the cursor onto the text to select.");
		return false;
	}
	const struct tdrow *l = row_at(v, p->sel);
	v->sel = (struct selection){true, true, l->start, l->end, l->start, l->end};
	return true;
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

void pane_text_show_line(struct pane *p, const struct pane_ctx *c, struct rect r, size_t line)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	int rows = r.rows < 1 ? 1 : r.rows;
	p->sel = line; /* the cursor goes to the hit */
	sel_follow(v, line);
	if (line < p->top || line >= p->top + (size_t)rows) {
		size_t above = (size_t)rows / 3; /* some context before the hit */
		p->top = line > above ? line - above : 0;
	}
	fit_cursor(p, v, rows);
}

static unsigned text_handle(struct pane *p, struct pane_ctx *c, enum action a, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (c->cur < 0) return R_NONE;
	size_t top = p->top, cur = p->sel, last = doc_lines(v) ? doc_lines(v) - 1 : 0;
	size_t page = r.rows > 2 ? (size_t)r.rows - 1 : 1;
	unsigned extra = R_NONE;
	switch (a) {
	case ACT_MOVE_DOWN: if (p->sel < last) p->sel++; break;
	case ACT_MOVE_UP: if (p->sel > 0) p->sel--; break;
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
		} else if (sel_begin(p, c, v)) {
			pane_message(c, false, "Selecting: j/k by line, w ) } extend, m marks, v or Esc ends.");
		}
		return R_DRAW_TEXT | R_DRAW_STATUS;
	case ACT_EXTEND_WORD: case ACT_EXTEND_SENTENCE: case ACT_EXTEND_PARAGRAPH: {
		if (!v->sel.active && !sel_begin(p, c, v)) return R_DRAW_STATUS;
		enum sel_unit u = a == ACT_EXTEND_WORD ? SEL_WORD
				: a == ACT_EXTEND_SENTENCE ? SEL_SENTENCE : SEL_PARAGRAPH;
		v->sel.end = selection_extend(&v->sel, v->text, v->tlen, u);
		v->sel.fresh = false;
		p->sel = line_of_byte(v, v->sel.end > v->sel.start ? v->sel.end - 1 : v->sel.end);
		fit_cursor(p, v, r.rows);
		return R_DRAW_TEXT | R_DRAW_STATUS;
	}
	case ACT_MARK:
		do_mark(p, c, v);
		return R_DRAW_TEXT | R_DRAW_LIST | R_DRAW_STATUS;
	default: return R_NONE;
	}
	if (p->sel != cur) sel_follow(v, p->sel);
	fit_cursor(p, v, r.rows);
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


static unsigned text_click(struct pane *p, struct pane_ctx *c, int row, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	size_t n = p->top + (size_t)row;
	if (c->cur < 0 || n >= doc_lines(v)) return R_NONE;
	p->sel = n;
	sel_follow(v, n);
	return R_DRAW_TEXT | R_DRAW_STATUS;
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
	.click = text_click,
	.title_info = text_info,
	.changed = text_changed,
	.free = text_free,
};
