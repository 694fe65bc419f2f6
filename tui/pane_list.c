/* SPDX-License-Identifier: MIT
 * The article list: one row per article in the current order, with a read
 * marker, date, source, title and mark count; unread rows bold. Columns shrink away
 * (source, then date) when the pane is narrow, the title always stays. */
#include <stdio.h>
#include <string.h>

#include "core/article.h"
#include "core/collection.h"
#include "core/utf8.h"
#include "tui/pane.h"
#include "tui/theme.h"

static void list_draw(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
		      bool focused)
{
	listbox_fit(p, c->norder, 1, r.rows);
	bool show_date = r.cols >= 28, show_source = r.cols >= 44;
	int end = r.col + r.cols;
	for (int i = 0; i < r.rows; i++) {
		size_t idx = p->top + (size_t)i;
		if (idx >= c->norder) break;
		size_t art = c->order[idx];
		const struct article *a = &c->coll->items[art];
		bool read = pane_is_read(c, art), sel = idx == p->sel;
		uint16_t st = sel ? STYLE_SELECTED : read ? STYLE_NORMAL : STYLE_UNREAD;
		int row = r.row + i, col = r.col;
		grid_fill(g, row, r.col, r.cols, st);
		if ((long)art == c->cur)
			grid_glyph(g, row, col, pane_glyph(c, "\xe2\x96\xb6", ">"), st); /* ▶ */
		else if (!read)
			grid_glyph(g, row, col, pane_glyph(c, "\xe2\x80\xa2", "*"), st); /* • */
		col += 2;
		if (show_date) {
			char d[11] = "          ";
			if (a->date) date_format(a->date, d);
			grid_puts(g, row, col, end, d, sel ? st : STYLE_DIM);
			col += 11;
		}
		if (show_source) {
			int w = r.cols / 6 < 12 ? r.cols / 6 : 12;
			struct strbuf sb = STRBUF_INIT;
			if (a->source) utf8_display_fit(&sb, a->source, strlen(a->source), w, c->utf8_flags);
			grid_put(g, row, col, col + w, strbuf_str(&sb), sb.len, sel ? st : STYLE_DIM,
				 STYLE_CONTROL, -1);
			strbuf_free(&sb);
			col += w + 1;
		}
		int tend = end;
		size_t nmarks = pane_mark_count(c, art);
		if (nmarks) { /* "✎3" (ASCII "m3") at the right edge */
			char cnt[32];
			snprintf(cnt, sizeof cnt, "%s%zu", pane_glyph(c, "\xe2\x9c\x8e", "m"),
				 nmarks > 999 ? (size_t)999 : nmarks);
			int w = utf8_display_width(cnt, strlen(cnt), c->utf8_flags);
			if (end - col > w + 6) {
				grid_puts(g, row, end - w, end, cnt, sel ? st : STYLE_MARK);
				tend = end - w - 1;
			}
		}
		struct strbuf sb = STRBUF_INIT;
		utf8_display_fit(&sb, a->title, strlen(a->title), tend - col, c->utf8_flags);
		grid_put(g, row, col, tend, strbuf_str(&sb), sb.len, st, STYLE_CONTROL, -1);
		strbuf_free(&sb);
	}
	(void)focused;
}

static unsigned list_handle(struct pane *p, struct pane_ctx *c, enum action a, struct rect r)
{
	if (a == ACT_OPEN) {
		if (c->norder) c->open = (long)c->order[p->sel];
		return R_NONE;
	}
	return listbox_move(p, a, c->norder, 1, r.rows) ? R_DRAW_LIST | R_DRAW_STATUS : R_NONE;
}

static unsigned list_click(struct pane *p, struct pane_ctx *c, int row, struct rect r)
{
	size_t item;
	if (!listbox_item_at(p, c->norder, 1, row, &item)) return R_NONE;
	if (item == p->sel) {
		c->open = (long)c->order[item];
		return R_NONE;
	}
	p->sel = item;
	return R_DRAW_LIST | R_DRAW_STATUS;
}

static void list_info(struct pane *p, const struct pane_ctx *c, struct strbuf *out)
{
	if (c->norder) strbuf_addf(out, "%zu/%zu", p->sel + 1, c->norder);
}

/* The open article's row is selected (Enter, a mark, the history). */
static void list_changed(struct pane *p, const struct pane_ctx *c, enum pane_change what)
{
	if (what != PANE_ARTICLE_CHANGED || c->cur < 0) return;
	for (size_t i = 0; i < c->norder; i++)
		if (c->order[i] == (size_t)c->cur) p->sel = i;
}

const struct pane_ops pane_list_ops = {
	.title = "Articles",
	.keys = KP_LIST,
	.draw = list_draw,
	.handle = list_handle,
	.click = list_click,
	.title_info = list_info,
	.changed = list_changed,
	.free = NULL,
};
