/* SPDX-License-Identifier: MIT
 * The article text: a metadata header (title, source, date, authors, url,
 * own tags, derived tags, other keys) and the body wrapped to the pane.
 * The body is read when the article opens; its wrap is kept per width, so
 * scrolling never rewraps and a resize rewraps once. Every line is a byte
 * range into text we own, drawn through grid_put (the display policy). */
#include "tui/pane_text.h"

#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/segment.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/wrap.h"
#include "core/collection.h"
#include "tui/pane.h"
#include "tui/theme.h"
#include "tui/textmarks.h"

struct tline {
	const char *base;      /* borrowed from struct text_view */
	size_t start, end;
	const char *label;     /* header key on the first line of a field */
	uint16_t style;
	int indent;            /* columns before the text (header values) */
};

struct hfield {
	const char *label;     /* borrowed (article key or a literal) */
	char *key;             /* owned: label and ':', for a key on its own lines */
	char *val;             /* owned */
	uint16_t style;
};

struct text_view {
	long art;              /* article shown, -1 none */
	char *body;            /* owned */
	size_t blen;
	char *note;            /* owned: shown instead of the body */
	struct wrap wrap;      /* body wrap, cached for wrap.width */
	struct hfield *h;      /* owned header fields */
	size_t nh, hcap;
	struct tline *lines;   /* the visible document at width */
	size_t nlines, lcap;
	int width;             /* width lines were built for; 0: stale */
	size_t body_first;     /* index in lines of the first body line */
	struct textmarks tm;   /* the article's marks as byte ranges */
	struct selection sel;
	bool pending;          /* put the cursor on pending_cp once lines exist */
	size_t pending_cp;     /* code points into the body */
};

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
	v->body = v->note = NULL;
	v->blen = 0;
	wrap_free(&v->wrap);
	memset(&v->wrap, 0, sizeof v->wrap);
	for (size_t i = 0; i < v->nh; i++) free(v->h[i].val), free(v->h[i].key);
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
	struct strbuf key = STRBUF_INIT;
	strbuf_addf(&key, "%s:", label);
	v->h[v->nh++] = (struct hfield){label, strbuf_steal(&key), value, style};
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

static void view_load(struct text_view *v, const struct pane_ctx *c, size_t art)
{
	const struct article *a = &c->coll->items[art];
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
}

static void line_add(struct text_view *v, const char *base, size_t s, size_t e,
		     const char *label, uint16_t style, int indent)
{
	ARRAY_RESERVE(v->lines, v->lcap, v->nlines + 1);
	v->lines[v->nlines++] = (struct tline){base, s, e, label, style, indent};
}

/* Lay the document out at width: header values wrapped with a hanging
 * indent after a key column as wide as the longest key that fits in a
 * third of the pane (at least 12 cells); a longer key (or any key on a
 * narrow pane) takes lines of its own above its value. Then a blank line and the body (wrap cached per
 * width). */
static void view_build(struct text_view *v, const struct pane_ctx *c, int width)
{
	v->nlines = 0;
	v->width = width;
	int cap = width / 3 > 12 ? width / 3 : 12, lw = 0;
	for (size_t i = 0; i < v->nh; i++) {
		int w = utf8_display_width(v->h[i].key, strlen(v->h[i].key), c->utf8_flags) + 1;
		if (w > lw && w <= cap) lw = w;
	}
	if (width - lw < 10) lw = 0; /* narrow: values under their keys */
	for (size_t i = 0; i < v->nh; i++) {
		const struct hfield *f = &v->h[i];
		struct wrap w = {0};
		int kw = utf8_display_width(f->key, strlen(f->key), c->utf8_flags) + 1;
		bool own = !lw || kw > lw; /* the key on lines of its own */
		if (own) {
			wrap_text(&w, f->key, strlen(f->key), width, c->utf8_flags);
			for (size_t j = 0; j < w.n; j++)
				line_add(v, f->key, w.lines[j].start, w.lines[j].end, NULL,
					 STYLE_HEADER_KEY, 0);
			wrap_free(&w);
			memset(&w, 0, sizeof w);
		}
		int vw = width - lw;
		wrap_text(&w, f->val, strlen(f->val), vw > 0 ? vw : 1, c->utf8_flags);
		for (size_t j = 0; j < w.n; j++)
			line_add(v, f->val, w.lines[j].start, w.lines[j].end,
				 j == 0 && !own ? f->label : NULL, f->style, lw);
		if (w.n == 0 && !own) line_add(v, f->val, 0, 0, f->label, f->style, lw);
		wrap_free(&w);
	}
	line_add(v, "", 0, 0, NULL, STYLE_NORMAL, 0);
	v->body_first = v->nlines;
	if (v->note) {
		line_add(v, v->note, 0, strlen(v->note), NULL, STYLE_DIM, 0);
		return;
	}
	if (v->wrap.width != width || v->wrap.flags != c->utf8_flags || !v->wrap.lines) {
		wrap_free(&v->wrap);
		memset(&v->wrap, 0, sizeof v->wrap);
		wrap_text(&v->wrap, v->body, v->blen, width, c->utf8_flags);
	}
	for (size_t j = 0; j < v->wrap.n; j++) {
		const struct wrap_line *l = &v->wrap.lines[j];
		line_add(v, v->body, l->start, l->blank ? l->start : l->end, NULL, STYLE_NORMAL, 0);
	}
}

static bool is_body(const struct text_view *v, size_t line)
{
	return v->body && line < v->nlines && line >= v->body_first && v->lines[line].base == v->body;
}

/* The text pane line holding body byte off. */
static size_t line_of_byte(const struct text_view *v, size_t off)
{
	if (!v->body || v->wrap.n == 0) return v->body_first;
	return v->body_first + wrap_line_of(&v->wrap, off);
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
		v->pending_cp = textmarks_cp_of(v->body, v->blen, v->lines[p->sel].start);
	}
	if (v->width != width) view_build(v, c, width);
	if (v->pending) {
		v->pending = false;
		size_t off = v->body ? textmarks_byte_of(v->body, v->blen, v->pending_cp) : 0;
		/* a fresh article: the cursor starts on the first line of text */
		while (v->body && v->pending_cp == 0 && off < v->blen &&
		       strchr(" \t\r\n", v->body[off]))
			off++;
		p->sel = v->body ? line_of_byte(v, off) : v->body_first;
		if (p->sel >= v->nlines) p->sel = v->nlines ? v->nlines - 1 : 0;
		p->top = v->pending_cp > 0 ? p->sel : 0;
	}
	if (v->body && (!v->tm.built || v->tm.gen != c->marks_gen)) {
		textmarks_build(&v->tm, c->store, c->coll->items[c->cur].id, v->body, v->blen);
		v->tm.gen = c->marks_gen;
	}
	return v;
}

static size_t max_top(const struct text_view *v, int rows)
{
	return v->nlines > (size_t)rows ? v->nlines - (size_t)rows : 0;
}

/* Scroll so the cursor line is visible. */
static void fit_cursor(struct pane *p, const struct text_view *v, int rows)
{
	if (v->nlines && p->sel >= v->nlines) p->sel = v->nlines - 1;
	if (rows < 1) rows = 1;
	if (p->sel < p->top) p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows) p->top = p->sel - (size_t)rows + 1;
	if (p->top > max_top(v, rows)) p->top = max_top(v, rows);
}

static const uint16_t run_style[] = {STYLE_NORMAL, STYLE_MARK, STYLE_SELECTION};

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
		if (n >= v->nlines) break;
		const struct tline *l = &v->lines[n];
		int col = r.col + 1, end = r.col + r.cols;
		if (n == p->sel)
			grid_glyph(g, r.row + i, r.col, pane_glyph(c, "\xe2\x96\xb8", ">"), /* ▸ */
				   focused ? STYLE_FOCUS : STYLE_DIM);
		if (l->label) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_adds(&sb, l->label);
			strbuf_adds(&sb, ":");
			grid_put(g, r.row + i, col, l->indent ? col + l->indent - 1 : end, sb.buf,
				 sb.len, STYLE_HEADER_KEY, STYLE_CONTROL, -1);
			strbuf_free(&sb);
		}
		col += l->indent;
		if (!is_body(v, n)) {
			grid_put(g, r.row + i, col, end, l->base + l->start, l->end - l->start,
				 l->style, STYLE_CONTROL, col);
			continue;
		}
		/* body: runs of plain, marked and selected text, tabs counted
		 * from the line's first column so the wrap and the runs agree */
		int origin = col;
		for (size_t pos = l->start; pos < l->end;) {
			size_t re;
			enum run_kind k = textmarks_run(&v->tm, &v->sel, pos, l->end, &re);
			if (k == RUN_SELECTION) /* the selection shows over search hits */
				col = grid_put(g, r.row + i, col, end, v->body + pos, re - pos,
					       run_style[k], STYLE_CONTROL, origin);
			else if (c->svc && c->svc->draw_text) /* search hits over plain and marked text */
				col = c->svc->draw_text(c->host, g, r.row + i, col, end, v->body,
							v->blen, pos, re, run_style[k], origin);
			else
				col = grid_put(g, r.row + i, col, end, v->body + pos, re - pos,
					       run_style[k], STYLE_CONTROL, origin);
			pos = re;
		}
	}
}

/* The selection follows the cursor line by line from the line of v. */
static void sel_follow(struct text_view *v, size_t cursor)
{
	if (!v->sel.active || !is_body(v, cursor)) return;
	const struct tline *l = &v->lines[cursor];
	v->sel.start = l->start < v->sel.anchor_start ? l->start : v->sel.anchor_start;
	v->sel.end = l->end > v->sel.anchor_end ? l->end : v->sel.anchor_end;
	v->sel.fresh = false;
}

static bool sel_begin(struct pane *p, const struct pane_ctx *c, struct text_view *v)
{
	if (!is_body(v, p->sel)) {
		pane_message(c, false, "Move the cursor onto the text to select.");
		return false;
	}
	const struct tline *l = &v->lines[p->sel];
	v->sel = (struct selection){true, true, l->start, l->end, l->start, l->end};
	return true;
}

/* m: the selection, else the paragraph under the cursor; a passage that
 * is already marked is unmarked. */
static void do_mark(struct pane *p, const struct pane_ctx *c, struct text_view *v)
{
	if (!v->body || !is_body(v, p->sel)) {
		pane_message(c, false, "Move the cursor onto the text to mark a passage.");
		return;
	}
	size_t s, e;
	long hit;
	if (v->sel.active) {
		s = v->sel.start, e = v->sel.end;
		hit = textmarks_find(&v->tm, s, e, true);
	} else {
		const struct tline *l = &v->lines[p->sel];
		hit = textmarks_find(&v->tm, l->start, l->end, false);
		if (hit < 0 && !segment_paragraph_range(v->body, v->blen, l->start, &s, &e)) {
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
	size_t cs = textmarks_cp_of(v->body, v->blen, s), ce = textmarks_cp_of(v->body, v->blen, e);
	if (mark_init(&m, c->coll->items[c->cur].id, v->body, v->blen, cs, ce) < 0) {
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
	if (c->cur < 0 || !v->body || v->note) return false;
	*body = v->body;
	*len = v->blen;
	return true;
}

size_t pane_text_line_of(struct pane *p, const struct pane_ctx *c, struct rect r, size_t off)
{
	return line_of_byte(view_ready(p, c, text_width(r)), off);
}

size_t pane_text_top_offset(struct pane *p, const struct pane_ctx *c, struct rect r)
{
	struct text_view *v = view_ready(p, c, text_width(r));
	if (is_body(v, p->sel)) return v->lines[p->sel].start; /* the cursor line */
	size_t top = p->top;
	if (!v->body || top < v->body_first) return 0;
	for (size_t i = top; i < v->nlines; i++) /* blank lines hold no bytes */
		if (v->lines[i].base == v->body) return v->lines[i].start;
	return v->blen;
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
	size_t top = p->top, cur = p->sel, last = v->nlines ? v->nlines - 1 : 0;
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
		v->sel.end = selection_extend(&v->sel, v->body, v->blen, u);
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
	*cp = is_body(v, p->sel) ? textmarks_cp_of(v->body, v->blen, v->lines[p->sel].start) : 0;
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
	if (c->cur < 0 || n >= v->nlines) return R_NONE;
	p->sel = n;
	sel_follow(v, n);
	return R_DRAW_TEXT | R_DRAW_STATUS;
}

static void text_info(struct pane *p, const struct pane_ctx *c, struct strbuf *out)
{
	struct text_view *v = p->priv;
	if (c->cur < 0 || !v || v->nlines == 0) return;
	strbuf_addf(out, "%zu/%zu", p->sel + 1, v->nlines);
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
