/* SPDX-License-Identifier: MIT
 * The article body as display rows (textdoc.h): the renderer's lines
 * wrapped after their hanging prefixes, code kept verbatim (clipped, with
 * a marker), tables laid out to the width, rules across it; or the raw
 * body plain-wrapped. Styles are flattened once per article, so drawing a
 * row is a binary search, never a walk over the document. */
#include "tui/textdoc.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/pane.h"
#include "tui/textmarks.h"
#include "tui/theme.h"

enum { ROW_CLIPPED = 1 };

static uint16_t style_of(uint8_t rs)
{
	switch (rs) {
	case RS_EMPH: return STYLE_EMPH;
	case RS_STRONG: return STYLE_STRONG;
	case RS_CODE: case RS_CODEBLOCK: return STYLE_CODE;
	case RS_STRIKE: return STYLE_STRIKE;
	case RS_LINK: return STYLE_LINK;
	case RS_HEADING: return STYLE_HEADING;
	default: return STYLE_DIM; /* "[3]", "[image: alt]", footnote refs */
	}
}

/* A span's edges, sorted by start (outer first). */
struct edge {
	size_t off, end;
	uint16_t style;
};

static int by_start(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->off != y->off) return x->off < y->off ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end; /* outer first */
}

static int by_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Flatten the (nested) spans into runs: at every span edge, the innermost
 * open span (latest start, then shortest) gives the style. Nesting is
 * capped by the renderer; the open set is capped here too. */
static void styles_build(struct textdoc *td)
{
	const struct render_doc *d = td->doc;
	td->nstyles = 0;
	if (!d || !d->nspans) return;
	size_t n = d->nspans, nb = 0;
	struct edge *sp = xcalloc(n, sizeof *sp);
	size_t *b = xcalloc(2 * n, sizeof *b);
	for (size_t i = 0; i < n; i++) {
		const struct render_span *x = &d->spans[i];
		sp[i] = (struct edge){x->off, x->off + x->len, style_of(x->style)};
		b[nb++] = x->off;
		b[nb++] = x->off + x->len;
	}
	qsort(sp, n, sizeof *sp, by_start);
	qsort(b, nb, sizeof *b, by_size);
	enum { OPEN_MAX = 64 };
	size_t open[OPEN_MAX], nopen = 0, j = 0;
	uint16_t last = UINT16_MAX;
	for (size_t k = 0; k < nb; k++) {
		if (k && b[k] == b[k - 1]) continue;
		size_t at = b[k], w = 0;
		for (size_t i = 0; i < nopen; i++) /* close what ended */
			if (sp[open[i]].end > at) open[w++] = open[i];
		nopen = w;
		for (; j < n && sp[j].off <= at; j++)
			if (sp[j].end > at && nopen < OPEN_MAX) open[nopen++] = j;
		uint16_t st = nopen ? sp[open[nopen - 1]].style : STYLE_NORMAL;
		if (st == last) continue;
		ARRAY_RESERVE(td->styles, td->styles_cap, td->nstyles + 1);
		td->styles[td->nstyles++] = (struct tdstyle){at, st};
		last = st;
	}
	free(sp);
	free(b);
}

/* The style at pos (base where no span is) and where it changes. */
static uint16_t style_at(const struct textdoc *td, size_t pos, size_t limit, uint16_t base,
			 size_t *end)
{
	size_t lo = 0, hi = td->nstyles; /* first run starting after pos */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (td->styles[mid].off <= pos) lo = mid + 1;
		else hi = mid;
	}
	*end = lo < td->nstyles && td->styles[lo].off < limit ? td->styles[lo].off : limit;
	uint16_t st = lo ? td->styles[lo - 1].style : STYLE_NORMAL;
	return st == STYLE_NORMAL ? base : st;
}

void textdoc_set(struct textdoc *td, const struct render_doc *doc, const char *text, size_t len)
{
	td->doc = doc;
	td->text = text;
	td->len = len;
	td->width = 0;
	td->n = 0;
	td->hscroll = 0;
	styles_build(td);
}

static void tables_free(struct textdoc *td)
{
	for (size_t i = 0; i < td->ntables; i++) render_layout_free(&td->tables[i]);
	free(td->tables);
	td->tables = NULL;
	td->ntables = 0;
}

void textdoc_free(struct textdoc *td)
{
	tables_free(td);
	free(td->rows);
	free(td->styles);
	memset(td, 0, sizeof *td);
}

static struct tdrow *row_add(struct textdoc *td, size_t s, size_t e, const char *prefix,
			     uint8_t kind)
{
	ARRAY_RESERVE(td->rows, td->cap, td->n + 1);
	struct tdrow *r = &td->rows[td->n++];
	memset(r, 0, sizeof *r);
	r->start = s;
	r->end = e;
	r->prefix = prefix;
	r->kind = kind;
	size_t prev = td->n > 1 ? td->rows[td->n - 2].key : 0;
	r->key = s > prev ? s : prev;
	return r;
}

/* Rows of table ti laid out in avail columns. */
static void table_rows(struct textdoc *td, size_t ti, int avail, const char *pre, const char *cont)
{
	struct render_layout *lay = &td->tables[ti];
	render_table_layout(td->doc, ti, avail, lay);
	const struct render_line *first = &td->doc->lines[td->doc->tables[ti].first_line];
	for (size_t k = 0; k < lay->n; k++) {
		const struct render_row *rr = &lay->rows[k];
		size_t s = SIZE_MAX, e = 0, hs = SIZE_MAX, he = 0;
		for (size_t p = 0; p < rr->n; p++) {
			const struct render_piece *pc = &rr->pieces[p];
			if (pc->r_off == SIZE_MAX) continue;
			size_t *ps = pc->header && lay->fallback ? &hs : &s;
			size_t *pe = pc->header && lay->fallback ? &he : &e;
			if (pc->r_off < *ps) *ps = pc->r_off;
			if (pc->r_off + pc->len > *pe) *pe = pc->r_off + pc->len;
		}
		if (s == SIZE_MAX) s = hs, e = he; /* only a head: "Berth:" */
		if (s == SIZE_MAX) s = e = td->n ? td->rows[td->n - 1].end : first->off;
		struct tdrow *r = row_add(td, s, e, k ? cont : pre, RL_TABLE_ROW);
		r->table = (uint32_t)ti;
		r->trow = (uint32_t)k;
	}
}

void textdoc_build(struct textdoc *td, int width, unsigned flags)
{
	if (width < 1) width = 1;
	if (td->width == width && td->flags == flags) return;
	td->width = width;
	td->flags = flags;
	td->n = 0;
	tables_free(td);
	struct wrap w = {0};
	const struct render_doc *d = td->doc;
	if (!d) { /* raw: the body as stored, plain-wrapped */
		wrap_text(&w, td->text, td->len, width, flags);
		for (size_t j = 0; j < w.n; j++)
			row_add(td, w.lines[j].start, w.lines[j].blank ? w.lines[j].start : w.lines[j].end,
				"", RL_TEXT);
		wrap_free(&w);
		return;
	}
	td->ntables = d->ntables;
	td->tables = d->ntables ? xcalloc(d->ntables, sizeof *td->tables) : NULL;
	td->code_over = 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct render_line *l = &d->lines[i];
		const char *pre = render_line_prefix(d, l), *cont = render_line_cont(d, l);
		int pw = utf8_display_width(pre, strlen(pre), flags);
		if (pw > width / 2) pre = cont = "", pw = 0; /* deep nesting, narrow pane */
		int avail = width - pw;
		switch (l->kind) {
		case RL_TABLE_ROW:
			if (l->aux < d->ntables && d->tables[l->aux].first_line == i)
				table_rows(td, l->aux, avail, pre, cont);
			break;
		case RL_BLANK: case RL_RULE:
			row_add(td, l->off, l->off, pre, l->kind);
			break;
		case RL_CODE: {
			struct tdrow *r = row_add(td, l->off, l->off + l->len, pre, RL_CODE);
			/* measured once per width: is a clip marker needed, and
			 * how far may < > scroll? */
			size_t pos = 0;
			int cols = 0;
			struct dcluster u;
			while (utf8_display_next(td->text + l->off, l->len, &pos, flags, &u))
				cols += u.tab ? wrap_tab_advance(cols, 1 << 20) : u.width;
			if (cols > avail) {
				r->flags = ROW_CLIPPED;
				if (cols - avail > td->code_over) td->code_over = cols - avail;
			}
			break;
		}
		default:
			const char *hang = render_line_wrap(d, l, avail, flags, &w);
			if (hang != render_line_cont(d, l)) cont = hang; /* a link-list entry */
			for (size_t k = 0; k < w.n; k++)
				row_add(td, l->off + w.lines[k].start, l->off + w.lines[k].end,
					k ? cont : pre, l->kind);
			if (!w.n) row_add(td, l->off, l->off, pre, l->kind);
		}
	}
	wrap_free(&w);
	textdoc_hscroll(td, 0); /* a wider pane may need less */
}

bool textdoc_hscroll(struct textdoc *td, int delta)
{
	/* the widest row's last column in view: past the "←" marker */
	int max = td->code_over > 0 ? td->code_over + 1 : 0, h = td->hscroll + delta;
	h = h < 0 ? 0 : h > max ? max : h;
	bool moved = h != td->hscroll;
	td->hscroll = h;
	return moved;
}

/* A table row holding off in one of its text slices, else row i. */
static size_t table_row_holding(const struct textdoc *td, size_t i, size_t off)
{
	uint32_t ti = td->rows[i].table;
	size_t a = i, z = i;
	while (a > 0 && td->rows[a - 1].kind == RL_TABLE_ROW && td->rows[a - 1].table == ti) a--;
	while (z + 1 < td->n && td->rows[z + 1].kind == RL_TABLE_ROW && td->rows[z + 1].table == ti) z++;
	const struct render_layout *lay = &td->tables[ti];
	for (size_t k = a; k <= z; k++) {
		const struct render_row *rr = &lay->rows[td->rows[k].trow];
		for (size_t p = 0; p < rr->n; p++) {
			const struct render_piece *pc = &rr->pieces[p];
			if (pc->r_off != SIZE_MAX && !(pc->header && lay->fallback) &&
			    pc->r_off <= off && off < pc->r_off + pc->len)
				return k;
		}
	}
	return i;
}

size_t textdoc_row_of(const struct textdoc *td, size_t off)
{
	if (!td->n) return 0;
	size_t lo = 0, hi = td->n; /* first row with key > off */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (td->rows[mid].key <= off) lo = mid + 1;
		else hi = mid;
	}
	size_t i = lo ? lo - 1 : 0;
	/* a row that ends before off (a blank row after the text) gives way
	 * to the next one that holds it */
	while (i + 1 < td->n && td->rows[i].key == td->rows[i + 1].key && td->rows[i].end <= off &&
	       td->rows[i + 1].end > off)
		i++;
	return td->rows[i].kind == RL_TABLE_ROW ? table_row_holding(td, i, off) : i;
}

static const uint16_t run_style[] = {STYLE_NORMAL, STYLE_MARK, STYLE_SELECTION, STYLE_SELECTED};

/* text[s, e) from col: the selection over search hits over the cursor
 * over marks over the render styles over base; tabs counted from origin. */
static int draw_slice(const struct pane_ctx *c, struct grid *g, int row, int col, int end,
		      const struct textdoc *td, size_t s, size_t e, uint16_t base,
		      const struct textmarks *tm, const struct selection *sel, int origin)
{
	for (size_t pos = s; pos < e && col < end;) {
		size_t re, se;
		enum run_kind k = textmarks_run(tm, sel, td->text, td->len, pos, e, &re);
		uint16_t st = run_style[k];
		if (k == RUN_PLAIN) st = style_at(td, pos, re, base, &se), re = se;
		if (k != RUN_SELECTION && c->svc && c->svc->draw_text) /* search hits */
			col = c->svc->draw_text(c->host, g, row, col, end, td->text, td->len, pos, re, st,
						origin);
		else
			col = grid_put(g, row, col, end, td->text + pos, re - pos, st, STYLE_CONTROL, origin);
		pos = re;
	}
	return col;
}

/* Display-only glyphs (prefixes, borders) in LANG=C: ASCII stand-ins. */
static const char *ascii_glyph(const char *s, size_t *len)
{
	static const struct { const char *u, *a; } map[] = {
		{"│", "|"}, {"•", "*"}, {"◦", "o"}, {"▪", "-"}, {"─", "-"}, {"┼", "+"},
	};
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (strncmp(s, map[i].u, strlen(map[i].u)) == 0) {
			*len = strlen(map[i].u);
			return map[i].a;
		}
	*len = 1;
	return NULL;
}

static int put_deco(struct grid *g, int row, int col, int end, const char *s, int times,
		    uint16_t style, bool ascii)
{
	for (int k = 0; k < times && col < end; k++) {
		for (const char *p = s; *p && col < end;) {
			size_t n;
			const char *a = ascii ? ascii_glyph(p, &n) : NULL;
			if (!ascii) n = (size_t)utf8_cluster_end(p, strlen(p), 0);
			if (a) grid_glyph(g, row, col++, a, style);
			else col = grid_put(g, row, col, end, p, n, style, STYLE_CONTROL, -1);
			p += n ? n : 1;
		}
	}
	return col;
}

/* A code row scrolled td->hscroll columns to the left (< >): "←" in the
 * first column, the row from that column on (tabs where they were), "→"
 * when more is cut at the right. */
static void draw_code_scrolled(const struct pane_ctx *c, struct grid *g, int row, int col, int end,
			       const struct textdoc *td, const struct tdrow *r, const struct textmarks *tm,
			       const struct selection *sel, bool ascii)
{
	const char *s = td->text + r->start;
	size_t len = r->end - r->start, pos = 0, at = 0;
	int cols = 0;
	struct dcluster u;
	while (cols < td->hscroll && utf8_display_next(s, len, &pos, c->utf8_flags, &u)) {
		cols += u.tab ? wrap_tab_advance(cols, 1 << 20) : u.width;
		at = pos;
	}
	grid_glyph(g, row, col, ascii ? "<" : "←", STYLE_DIM);
	/* screen column x shows line column cols (a wide cluster or tab cut
	 * at the edge leaves blanks) */
	int x = col + 1 + (cols - td->hscroll);
	int rest = cols, room = end - x;
	for (size_t q = at; rest - cols <= room && utf8_display_next(s, len, &q, c->utf8_flags, &u);)
		rest += u.tab ? wrap_tab_advance(rest, 1 << 20) : u.width;
	bool more = rest - cols > room;
	int origin = ((x - cols) % 8 + 8) % 8; /* tab stops of the unscrolled line */
	draw_slice(c, g, row, x, more ? end - 1 : end, td, r->start + at, r->end, STYLE_NORMAL, tm, sel, origin);
	if (more) grid_glyph(g, row, end - 1, ascii ? ">" : "→", STYLE_DIM);
}

void textdoc_draw(const struct pane_ctx *c, struct grid *g, int row, int col, int end,
		  const struct textdoc *td, size_t i, const struct textmarks *tm,
		  const struct selection *sel)
{
	const struct tdrow *r = &td->rows[i];
	bool ascii = (c->utf8_flags & UTF8_ASCII) != 0;
	if (*r->prefix)
		col = put_deco(g, row, col, end, r->prefix, 1,
			       r->kind == RL_HEADING ? STYLE_HEADING : STYLE_DIM, ascii);
	if (r->kind == RL_RULE) {
		put_deco(g, row, col, end, "─", end - col, STYLE_DIM, ascii);
		return;
	}
	if (r->kind == RL_CODE && td->hscroll > 0 && end - col > 2) {
		draw_code_scrolled(c, g, row, col, end, td, r, tm, sel, ascii);
		return;
	}
	if (r->kind != RL_TABLE_ROW) {
		if (r->flags & ROW_CLIPPED && end - col > 1) {
			draw_slice(c, g, row, col, end - 1, td, r->start, r->end, STYLE_NORMAL, tm, sel, col);
			grid_glyph(g, row, end - 1, ascii ? ">" : "→", STYLE_DIM);
			return;
		}
		draw_slice(c, g, row, col, end, td, r->start, r->end, STYLE_NORMAL, tm, sel, col);
		return;
	}
	const struct render_row *rr = &td->tables[r->table].rows[r->trow];
	for (size_t p = 0; p < rr->n && col < end; p++) {
		const struct render_piece *pc = &rr->pieces[p];
		if (pc->r_off == SIZE_MAX) {
			col = put_deco(g, row, col, end, pc->lit, pc->width, STYLE_DIM, ascii);
			continue;
		}
		int to = col + pc->width < end ? col + pc->width : end;
		int at = draw_slice(c, g, row, col, to, td, pc->r_off, pc->r_off + pc->len,
				    pc->header ? STYLE_STRONG : STYLE_NORMAL, tm, sel, col);
		col = at > to ? at : to;
	}
}

/* The columns a decoration takes (as put_deco draws it). */
static int deco_width(const char *s, bool ascii, unsigned flags)
{
	int w = 0;
	for (const char *p = s; *p;) {
		size_t n = 0;
		const char *a = ascii ? ascii_glyph(p, &n) : NULL;
		if (!a) n = (size_t)utf8_cluster_end(p, strlen(p), 0);
		w += a ? 1 : utf8_display_width(p, n, flags);
		p += n ? n : 1;
	}
	return w;
}

struct tc_hit textdoc_hit(const struct textdoc *td, size_t i, int col, unsigned flags)
{
	const struct tdrow *r = &td->rows[i];
	int at = deco_width(r->prefix, (flags & UTF8_ASCII) != 0, flags);
	if (r->kind == RL_RULE) return (struct tc_hit){r->start, r->start};
	if (r->kind != RL_TABLE_ROW)
		return textcursor_hit(td->text, td->len, r->start, r->end, col - at, flags);
	/* a table row: the cell slice under col; a border hits the text
	 * before it */
	const struct render_row *rr = &td->tables[r->table].rows[r->trow];
	size_t last = r->start;
	for (size_t p = 0; p < rr->n; p++) {
		const struct render_piece *pc = &rr->pieces[p];
		if (pc->r_off != SIZE_MAX && col >= at && col < at + pc->width)
			return textcursor_hit(td->text, td->len, pc->r_off, pc->r_off + pc->len, col - at,
					      flags);
		if (pc->r_off != SIZE_MAX) last = pc->r_off + pc->len;
		else if (col >= at && col < at + pc->width) break;
		at += pc->width;
	}
	return (struct tc_hit){last, last};
}
