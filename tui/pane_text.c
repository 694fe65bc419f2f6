/* SPDX-License-Identifier: MIT
 * The article text: a metadata header (title, source, date, authors, url,
 * own tags, derived tags, other keys) and the body wrapped to the pane.
 * The body is read when the article opens; its wrap is kept per width, so
 * scrolling never rewraps and a resize rewraps once. Every line is a byte
 * range into text we own, drawn through grid_put (the display policy). */
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/wrap.h"
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
	for (size_t i = 0; i < v->nh; i++) free(v->h[i].val);
	v->nh = 0;
	v->nlines = 0;
	v->width = 0;
	v->art = -1;
}

void pane_text_reset(struct pane *p)
{
	view_clear(view_of(p));
	p->top = 0;
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
			char *m = dl.n ? diag_format(&dl.items[0]) : xstrdup("cannot read the file");
			strbuf_addf(&note, "(%s)", m);
			free(m);
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

/* Lay the document out at width: header fields wrapped after their label
 * column, a blank line, then the body (wrap cached per width). */
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
	if (v->wrap.width != width || v->wrap.flags != t->utf8_flags || !v->wrap.lines) {
		wrap_free(&v->wrap);
		memset(&v->wrap, 0, sizeof v->wrap);
		wrap_text(&v->wrap, v->body, v->blen, width, t->utf8_flags);
	}
	for (size_t j = 0; j < v->wrap.n; j++) {
		const struct wrap_line *l = &v->wrap.lines[j];
		if (l->blank) line_add(v, "", 0, 0, NULL, STYLE_NORMAL, 0);
		else line_add(v, v->body, l->start, l->end, NULL, STYLE_NORMAL, 0);
	}
}

/* Make sure lines exist for the current article and width. */
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
	}
	if (v->width != width) view_build(v, t, width);
	return v;
}

static size_t max_top(const struct text_view *v, int rows)
{
	return v->nlines > (size_t)rows ? v->nlines - (size_t)rows : 0;
}

static void text_draw(struct pane *p, struct tui *t, struct grid *g, struct rect r, bool focused)
{
	(void)focused;
	int width = r.cols - 1; /* one column of margin on the left */
	if (width < 1) width = 1;
	struct text_view *v = view_ready(p, t, width);
	if (t->cur < 0) {
		grid_puts(g, r.row, r.col + 1, r.col + r.cols,
			  t->norder    ? "Enter opens the selected article; ? lists the keys."
			  : t->filter ? "No article matches the filter; F clears it."
				      : "No articles in this collection.", STYLE_DIM);
		return;
	}
	if (p->top > max_top(v, r.rows)) p->top = max_top(v, r.rows);
	for (int i = 0; i < r.rows; i++) {
		size_t n = p->top + (size_t)i;
		if (n >= v->nlines) break;
		const struct tline *l = &v->lines[n];
		int col = r.col + 1, end = r.col + r.cols;
		if (l->label) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_adds(&sb, l->label);
			strbuf_adds(&sb, ":");
			grid_put(g, r.row + i, col, l->indent ? col + l->indent - 1 : end, sb.buf,
				 sb.len, STYLE_HEADER_KEY, STYLE_CONTROL, -1);
			strbuf_free(&sb);
		}
		col += l->indent;
		if (v->body && l->base == v->body) /* search hits highlighted */
			textsearch_draw_line(t, g, r.row + i, col, end, v->body, v->blen, l->start,
					     l->end, l->style);
		else
			grid_put(g, r.row + i, col, end, l->base + l->start, l->end - l->start,
				 l->style, STYLE_CONTROL, col);
	}
}

/* ---- for the search (textsearch.c): the body and where it is shown ---- */

static struct text_view *view_for_search(struct tui *t)
{
	struct rect c = pane_content(t->layout.pane[PANE_TEXT]);
	return view_ready(&t->panes[PANE_TEXT], t, c.cols - 1 > 0 ? c.cols - 1 : 1);
}

bool pane_text_body(struct tui *t, const char **body, size_t *len)
{
	struct text_view *v = view_for_search(t);
	if (t->cur < 0 || !v->body || v->note) return false;
	*body = v->body;
	*len = v->blen;
	return true;
}

size_t pane_text_line_of(struct tui *t, size_t off)
{
	struct text_view *v = view_for_search(t);
	if (!v->body || !v->wrap.n) return 0;
	return v->body_first + wrap_line_of(&v->wrap, off);
}

size_t pane_text_top_offset(struct tui *t)
{
	struct text_view *v = view_for_search(t);
	size_t top = t->panes[PANE_TEXT].top;
	if (!v->body || top < v->body_first) return 0;
	for (size_t i = top; i < v->nlines; i++) /* blank lines hold no bytes */
		if (v->lines[i].base == v->body) return v->lines[i].start;
	return v->blen;
}

void pane_text_show_line(struct tui *t, size_t line)
{
	struct text_view *v = view_for_search(t);
	struct pane *p = &t->panes[PANE_TEXT];
	int rows = pane_content(t->layout.pane[PANE_TEXT]).rows;
	if (rows < 1) rows = 1;
	if (line >= p->top && line < p->top + (size_t)rows) return;
	size_t above = (size_t)rows / 3; /* some context before the hit */
	p->top = line > above ? line - above : 0;
	if (p->top > max_top(v, rows)) p->top = max_top(v, rows);
}

static unsigned text_handle(struct pane *p, struct tui *t, enum action a, struct rect r)
{
	struct text_view *v = view_ready(p, t, r.cols - 1 > 0 ? r.cols - 1 : 1);
	size_t top = p->top, mt = max_top(v, r.rows);
	size_t page = r.rows > 2 ? (size_t)r.rows - 1 : 1;
	switch (a) {
	case ACT_MOVE_DOWN: if (p->top < mt) p->top++; break;
	case ACT_MOVE_UP: if (p->top > 0) p->top--; break;
	case ACT_PAGE_DOWN: p->top = p->top + page < mt ? p->top + page : mt; break;
	case ACT_PAGE_UP: p->top = p->top > page ? p->top - page : 0; break;
	case ACT_TOP: p->top = 0; break;
	case ACT_BOTTOM: p->top = mt; break;
	default: return R_NONE;
	}
	return top != p->top ? R_DRAW_TEXT | R_DRAW_STATUS : R_NONE;
}

static unsigned text_click(struct pane *p, struct tui *t, int row, struct rect r)
{
	(void)p, (void)t, (void)row, (void)r;
	return R_NONE;
}

static void text_info(struct pane *p, struct tui *t, struct strbuf *out)
{
	struct text_view *v = p->priv;
	if (t->cur < 0 || !v || v->nlines == 0) return;
	strbuf_addf(out, "%zu/%zu", p->top + 1, v->nlines);
}

static void text_free(struct pane *p)
{
	struct text_view *v = p->priv;
	if (!v) return;
	view_clear(v);
	free(v->h);
	free(v->lines);
	free(v);
	p->priv = NULL;
}

const struct pane_ops pane_text_ops = {
	.title = "Text",
	.keys = KP_TEXT,
	.draw = text_draw,
	.handle = text_handle,
	.click = text_click,
	.title_info = text_info,
	.free = text_free,
};
