/* SPDX-License-Identifier: MIT
 * The article text: a metadata header (title, source, date, authors, url,
 * own tags, derived tags, other keys) and the body, rendered (core/render)
 * once when the article opens and laid out per width (tui/textdoc.c), so
 * scrolling never rewraps and a resize rewraps once; \ shows the body as
 * stored. Search, marks and the selection work on the text shown: every
 * line is a byte range into it, drawn through grid_put (the display
 * policy). */
#include "tui/pane_text.h"

#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/render.h"
#include "core/segment.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/wrap.h"
#include "tui/context.h"
#include "tui/filter.h"
#include "tui/state.h"
#include "tui/textdoc.h"
#include "tui/textmarks.h"
#include "tui/textsearch.h"
#include "tui/tui.h"

struct tline {
	const char *base;      /* borrowed from struct text_view */
	size_t start, end;
	const char *label;     /* header key on the first line of a field */
	uint16_t style;
	int indent;            /* columns before the text (header values) */
};

struct hfield {
	const char *label;     /* borrowed (article key or a literal) */
	char *val;             /* owned */
	uint16_t style;
};

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
	struct hfield *h;      /* owned header fields */
	size_t nh, hcap;
	struct tline *lines;   /* the header lines (and the note) at width */
	size_t nlines, lcap;   /* lines[] only; body rows are td.rows */
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
	return v->nlines + (v->text && !v->note ? v->td.n : 0);
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
	for (size_t i = 0; i < v->nh; i++) free(v->h[i].val);
	v->nh = 0;
	v->nlines = 0;
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

static void header_add(struct text_view *v, const char *label, char *value, uint16_t style)
{
	ARRAY_RESERVE(v->h, v->hcap, v->nh + 1);
	v->h[v->nh++] = (struct hfield){label, value, style};
}

static char *join(const struct strlist *l, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i) strbuf_adds(&sb, sep);
		strbuf_adds(&sb, l->v[i]);
	}
	strbuf_adds(&sb, "");
	return strbuf_steal(&sb);
}

static void view_load(struct text_view *v, struct tui *t, size_t art)
{
	const struct article *a = &t->d.coll.items[art];
	view_clear(v);
	v->art = (long)art;
	header_add(v, "Title", xstrdup(a->title), STYLE_TITLE);
	if (a->source) header_add(v, "Source", xstrdup(a->source), STYLE_NORMAL);
	if (a->date) {
		char d[11];
		date_format(a->date, d);
		header_add(v, "Date", xstrdup(d), STYLE_NORMAL);
	}
	if (a->authors.n) header_add(v, "Authors", join(&a->authors, ", "), STYLE_NORMAL);
	if (a->url) header_add(v, "URL", xstrdup(a->url), STYLE_NORMAL);
	if (a->tags.n) header_add(v, "Tags", join(&a->tags, "  "), STYLE_TAG);
	if (a->derived.n) header_add(v, "Topics", join(&a->derived, "  "), STYLE_DIM);
	for (size_t i = 0; i < a->nextra; i++)
		header_add(v, a->extra[i].key, xstrdup(a->extra[i].value), STYLE_NORMAL);

	const char *dash = tui_glyph(t, "\xe2\x80\x94", "-");
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
		v->doc = render_body(v->body, v->blen, render_format_of(a));
		v->text = v->doc->text;
		v->tlen = v->doc->len;
		textdoc_set(&v->td, v->doc, v->text, v->tlen);
	}
}

static void line_add(struct text_view *v, const char *base, size_t s, size_t e,
		     const char *label, uint16_t style, int indent)
{
	ARRAY_RESERVE(v->lines, v->lcap, v->nlines + 1);
	v->lines[v->nlines++] = (struct tline){base, s, e, label, style, indent};
}

/* Lay the document out at width: header fields wrapped after their label
 * column, a blank line, then the body (its rows cached per width). */
static void view_build(struct text_view *v, struct tui *t, int width)
{
	v->nlines = 0;
	v->width = width;
	int lw = 0;
	for (size_t i = 0; i < v->nh; i++) {
		int w = utf8_display_width(v->h[i].label, strlen(v->h[i].label), t->utf8_flags) + 2;
		if (w > lw) lw = w;
	}
	if (lw > 12) lw = 12;
	if (width - lw < 10) lw = 0; /* narrow: values under their labels */
	for (size_t i = 0; i < v->nh; i++) {
		const struct hfield *f = &v->h[i];
		struct wrap w = {0};
		int vw = width - lw;
		if (!lw) line_add(v, "", 0, 0, f->label, f->style, 0);
		wrap_text(&w, f->val, strlen(f->val), vw > 0 ? vw : 1, t->utf8_flags);
		for (size_t j = 0; j < w.n; j++)
			line_add(v, f->val, w.lines[j].start, w.lines[j].end,
				 j == 0 && lw ? f->label : NULL, f->style, lw);
		if (w.n == 0 && lw) line_add(v, f->val, 0, 0, f->label, f->style, lw);
		wrap_free(&w);
	}
	line_add(v, "", 0, 0, NULL, STYLE_NORMAL, 0);
	v->body_first = v->nlines;
	if (v->note) {
		line_add(v, v->note, 0, strlen(v->note), NULL, STYLE_DIM, 0);
		return;
	}
	if (v->text) textdoc_build(&v->td, width, t->utf8_flags);
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

/* The text pane line holding byte off of the shown text. */
static size_t line_of_byte(const struct text_view *v, size_t off)
{
	if (!v->text || v->note || v->td.n == 0) return v->body_first;
	return v->body_first + textdoc_row_of(&v->td, off);
}

/* Rendered-text byte ↔ shown-text byte (the same unless raw). */
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
static struct text_view *view_ready(struct pane *p, struct tui *t, int width)
{
	struct text_view *v = view_of(p);
	if (t->cur < 0) {
		if (v->art >= 0) view_clear(v);
		return v;
	}
	if (v->art != t->cur) {
		view_load(v, t, (size_t)t->cur);
		p->top = 0;
		p->sel = 0;
		size_t cp;
		if (!v->pending && tui_state_position(t, (size_t)t->cur, &cp) && cp > 0) {
			v->pending = true;
			v->pending_cp = cp;
		}
		if (!v->pending) v->pending_cp = 0, v->pending = true;
	} else if (v->width != width && is_body(v, p->sel) && !v->pending) {
		v->pending = true;
		v->pending_cp = cursor_cp(v, p->sel);
	}
	if (v->width != width) view_build(v, t, width);
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
	if (v->doc && (!v->tm.built || v->tm.gen != t->marks_gen)) {
		/* marks are offsets into the rendered text; raw shows them
		 * where their text came from */
		textmarks_build(&v->tm, t->store, t->d.coll.items[t->cur].id, v->doc->text, v->doc->len);
		for (size_t i = 0; v->raw && i < v->tm.n; i++) {
			v->tm.v[i].start = render_to_source(v->doc, v->tm.v[i].start);
			v->tm.v[i].end = render_to_source(v->doc, v->tm.v[i].end);
		}
		v->tm.gen = t->marks_gen;
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

static void text_draw(struct pane *p, struct tui *t, struct grid *g, struct rect r, bool focused)
{
	int width = r.cols - 1; /* one column of margin on the left: the cursor */
	if (width < 1) width = 1;
	struct text_view *v = view_ready(p, t, width);
	if (t->cur < 0) {
		grid_puts(g, r.row, r.col + 1, r.col + r.cols,
			  t->norder    ? "Enter opens the selected article; ? lists the keys."
			  : filter_text(t) ? "No article matches the filter; F clears it."
				      : "No articles in this collection.", STYLE_DIM);
		return;
	}
	fit_cursor(p, v, r.rows);
	for (int i = 0; i < r.rows; i++) {
		size_t n = p->top + (size_t)i;
		if (n >= doc_lines(v)) break;
		int col = r.col + 1, end = r.col + r.cols;
		if (n == p->sel)
			grid_glyph(g, r.row + i, r.col, tui_glyph(t, "\xe2\x96\xb8", ">"), /* ▸ */
				   focused ? STYLE_FOCUS : STYLE_DIM);
		if (is_body(v, n)) {
			textdoc_draw(t, g, r.row + i, col, end, &v->td, n - v->body_first, &v->tm, &v->sel);
			continue;
		}
		const struct tline *l = &v->lines[n];
		if (l->label) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_adds(&sb, l->label);
			strbuf_adds(&sb, ":");
			grid_put(g, r.row + i, col, l->indent ? col + l->indent - 1 : end, sb.buf,
				 sb.len, STYLE_HEADER_KEY, STYLE_CONTROL, -1);
			strbuf_free(&sb);
		}
		col += l->indent;
		grid_put(g, r.row + i, col, end, l->base + l->start, l->end - l->start,
			 l->style, STYLE_CONTROL, col);
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

static bool sel_begin(struct pane *p, struct tui *t, struct text_view *v)
{
	if (v->raw) {
		tui_message(t, false, "Select and mark on the rendered text (\\ shows it).");
		return false;
	}
	if (!is_body(v, p->sel)) {
		tui_message(t, false, "Move the cursor onto the text to select.");
		return false;
	}
	const struct tdrow *l = row_at(v, p->sel);
	v->sel = (struct selection){true, true, l->start, l->end, l->start, l->end};
	return true;
}

/* m: the selection, else the paragraph under the cursor; a passage that
 * is already marked is unmarked. */
static void do_mark(struct pane *p, struct tui *t, struct text_view *v)
{
	if (v->raw) {
		tui_message(t, false, "Select and mark on the rendered text (\\ shows it).");
		return;
	}
	if (!v->doc || !is_body(v, p->sel)) {
		tui_message(t, false, "Move the cursor onto the text to mark a passage.");
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
			tui_message(t, false, "No paragraph under the cursor.");
			return;
		}
	}
	const char *dash = tui_glyph(t, "\xe2\x80\x94", "-");
	if (hit >= 0) {
		struct mark m;
		mark_copy(&m, &v->tm.v[hit].m);
		if (tui_state_delete_mark(t, &m) && !t->save_error) /* else: NOT SAVED */
			tui_message(t, false, "Mark removed %s u to undo.", dash);
		mark_free(&m);
		v->sel.active = false;
		return;
	}
	struct mark m;
	size_t cs = textmarks_cp_of(v->text, v->tlen, s), ce = textmarks_cp_of(v->text, v->tlen, e);
	if (mark_init(&m, t->d.coll.items[t->cur].id, v->text, v->tlen, cs, ce) < 0) {
		tui_message(t, false, "Nothing to mark here.");
		return;
	}
	if (tui_state_add_mark(t, &m)) {
		if (!t->save_error) /* else the message says NOT SAVED */
			tui_message(t, false, "Marked %zu characters (%zu in this article) %s u to undo.",
				    ce - cs, tui_state_mark_count(t, (size_t)t->cur), dash);
	} else if (t->store)
		tui_message(t, false, "Already marked.");
	mark_free(&m);
	v->sel.active = false;
}

/* ---- for the search (textsearch.c): the text shown and where ---- */

static struct text_view *view_for_search(struct tui *t)
{
	struct rect c = pane_content(t->layout.pane[PANE_TEXT]);
	return view_ready(&t->panes[PANE_TEXT], t, c.cols - 1 > 0 ? c.cols - 1 : 1);
}

bool pane_text_body(struct tui *t, const char **body, size_t *len)
{
	struct text_view *v = view_for_search(t);
	if (t->cur < 0 || !v->text || v->note) return false;
	*body = v->text;
	*len = v->tlen;
	return true;
}

size_t pane_text_line_of(struct tui *t, size_t off)
{
	return line_of_byte(view_for_search(t), off);
}

size_t pane_text_top_offset(struct tui *t)
{
	struct text_view *v = view_for_search(t);
	const struct pane *p = &t->panes[PANE_TEXT];
	if (is_body(v, p->sel)) return row_at(v, p->sel)->start; /* the cursor line */
	if (!v->text || v->note || p->top < v->body_first) return 0;
	if (p->top - v->body_first < v->td.n) return row_at(v, p->top)->start;
	return v->tlen;
}

bool pane_text_source_top(struct tui *t, const char **body, size_t *len, size_t *off)
{
	struct text_view *v = view_for_search(t);
	if (t->cur < 0 || !v->body || v->note) return false;
	*body = v->body;
	*len = v->blen;
	size_t o = pane_text_top_offset(t);
	*off = v->raw || !v->doc ? o : render_to_source(v->doc, o);
	return true;
}

void pane_text_show_line(struct tui *t, size_t line)
{
	struct text_view *v = view_for_search(t);
	struct pane *p = &t->panes[PANE_TEXT];
	int rows = pane_content(t->layout.pane[PANE_TEXT]).rows;
	if (rows < 1) rows = 1;
	p->sel = line; /* the cursor goes to the hit */
	sel_follow(v, line);
	if (line < p->top || line >= p->top + (size_t)rows) {
		size_t above = (size_t)rows / 3; /* some context before the hit */
		p->top = line > above ? line - above : 0;
	}
	fit_cursor(p, v, rows);
}

/* \: the file's body as stored, or rendered; the cursor keeps its place
 * in the text through the renderer's source map. */
unsigned pane_text_toggle_raw(struct tui *t)
{
	struct text_view *v = view_for_search(t);
	struct pane *p = &t->panes[PANE_TEXT];
	if (t->cur < 0 || !v->doc) {
		tui_message(t, false, t->cur < 0 ? "No article open." : "No text to show raw.");
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
	textsearch_forget(t);
	tui_message(t, false, v->raw ? "The article as stored (\\ renders it)."
				    : "The article rendered (\\ shows it as stored).");
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

const struct render_doc *pane_text_doc(struct tui *t)
{
	if (t->cur < 0) return NULL;
	return view_for_search(t)->doc;
}

static unsigned text_handle(struct pane *p, struct tui *t, enum action a, struct rect r)
{
	struct text_view *v = view_ready(p, t, r.cols - 1 > 0 ? r.cols - 1 : 1);
	if (t->cur < 0) return R_NONE;
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
			tui_message(t, false, "Selection ended.");
		} else if (sel_begin(p, t, v)) {
			tui_message(t, false, "Selecting: j/k by line, w ) } extend, m marks, v or Esc ends.");
		}
		return R_DRAW_TEXT | R_DRAW_STATUS;
	case ACT_EXTEND_WORD: case ACT_EXTEND_SENTENCE: case ACT_EXTEND_PARAGRAPH: {
		if (!v->sel.active && !sel_begin(p, t, v)) return R_DRAW_STATUS;
		enum sel_unit u = a == ACT_EXTEND_WORD ? SEL_WORD
				: a == ACT_EXTEND_SENTENCE ? SEL_SENTENCE : SEL_PARAGRAPH;
		v->sel.end = selection_extend(&v->sel, v->text, v->tlen, u);
		v->sel.fresh = false;
		p->sel = line_of_byte(v, v->sel.end > v->sel.start ? v->sel.end - 1 : v->sel.end);
		fit_cursor(p, v, r.rows);
		return R_DRAW_TEXT | R_DRAW_STATUS;
	}
	case ACT_MARK:
		do_mark(p, t, v);
		return R_DRAW_TEXT | R_DRAW_LIST | R_DRAW_STATUS;
	default: return R_NONE;
	}
	if (p->sel != cur) sel_follow(v, p->sel);
	fit_cursor(p, v, r.rows);
	return top != p->top || cur != p->sel ? R_DRAW_TEXT | R_DRAW_STATUS | extra : R_NONE;
}

bool pane_text_position(struct pane *p, struct tui *t, size_t *cp)
{
	struct text_view *v = p->priv;
	if (!v || t->cur < 0 || v->art != t->cur) return false;
	if (v->pending) {
		*cp = v->pending_cp;
		return true;
	}
	*cp = cursor_cp(v, p->sel);
	return true;
}

void pane_text_goto(struct pane *p, struct tui *t, size_t cp)
{
	(void)t;
	struct text_view *v = view_of(p);
	v->pending = true;
	v->pending_cp = cp;
	v->width = 0; /* apply on the next view_ready */
}

/* Esc: end the selection. */
unsigned pane_text_escape(struct pane *p, struct tui *t)
{
	struct text_view *v = p->priv;
	if (!v || !v->sel.active) return R_NONE;
	v->sel.active = false;
	tui_message(t, false, "Selection cancelled.");
	return R_DRAW_TEXT | R_DRAW_STATUS;
}


static unsigned text_click(struct pane *p, struct tui *t, int row, struct rect r)
{
	struct text_view *v = view_ready(p, t, r.cols - 1 > 0 ? r.cols - 1 : 1);
	size_t n = p->top + (size_t)row;
	if (t->cur < 0 || n >= doc_lines(v)) return R_NONE;
	p->sel = n;
	sel_follow(v, n);
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

static void text_info(struct pane *p, struct tui *t, struct strbuf *out)
{
	struct text_view *v = p->priv;
	if (t->cur < 0 || !v || doc_lines(v) == 0) return;
	strbuf_addf(out, "%zu/%zu%s", p->sel + 1, doc_lines(v), v->raw ? " raw" : "");
}

static void text_free(struct pane *p)
{
	struct text_view *v = p->priv;
	if (!v) return;
	view_clear(v);
	free(v->tm.v);
	free(v->h);
	free(v->lines);
	free(v);
	p->priv = NULL;
}

/* The body goes, and with it the search's hits (its needle stays). */
static void text_changed(struct pane *p, struct tui *t, enum pane_change what)
{
	(void)what;
	pane_text_reset(p);
	textsearch_forget(t);
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
