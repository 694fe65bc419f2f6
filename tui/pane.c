/* SPDX-License-Identifier: MIT
 * Shared pane mechanics: title bars and listbox scrolling, so each pane
 * file only says what an item looks like. */
#include "tui/pane.h"

#include <stdarg.h>

#include "core/collection/collection.h"
#include "core/base/strbuf.h"
#include "tui/theme.h"

void pane_message(const struct pane_ctx *c, bool error, const char *fmt, ...)
{
	if (!c->svc || !c->svc->message) return;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	c->svc->message(c->host, error, strbuf_str(&sb));
	strbuf_free(&sb);
}

const char *pane_glyph(const struct pane_ctx *c, const char *utf8, const char *ascii)
{
	return c->utf8_flags ? ascii : utf8;
}

bool pane_is_read(const struct pane_ctx *c, size_t art)
{
	if (!c->rs.is_read || art >= c->coll->n) return false;
	return c->rs.is_read(c->rs.ctx, &c->coll->items[art], art);
}

size_t pane_mark_count(const struct pane_ctx *c, size_t art)
{
	return c->marks.count ? c->marks.count(c->marks.ctx, art) : 0;
}

struct rect pane_content(struct rect r)
{
	if (r.rows <= 1) return (struct rect){r.row, r.col, 0, r.cols};
	return (struct rect){r.row + 1, r.col, r.rows - 1, r.cols};
}

void pane_draw(struct pane *p, const struct pane_ctx *ctx, struct grid *g, struct rect r,
	       bool focused)
{
	if (r.rows <= 0 || r.cols <= 0) return;
	uint16_t st = focused ? STYLE_FOCUS : STYLE_DIM;
	struct rect c = pane_content(r);
	for (int i = 0; i < c.rows; i++) grid_fill(g, c.row + i, c.col, c.cols, STYLE_NORMAL);
	if (c.rows > 0) p->ops->draw(p, ctx, g, c, focused); /* first: it may load data */
	grid_fill(g, r.row, r.col, r.cols, st);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, focused ? "> " : "  ");
	strbuf_adds(&sb, p->ops->title);
	if (p->ops->title_info) {
		size_t before = sb.len;
		strbuf_adds(&sb, " ");
		p->ops->title_info(p, ctx, &sb);
		if (sb.len == before + 1) sb.len = before, sb.buf[before] = '\0';
	}
	grid_puts(g, r.row, r.col, r.col + r.cols, strbuf_str(&sb), st);
	strbuf_free(&sb);
}

void listbox_fit(struct pane *p, size_t count, int item_h, int rows)
{
	size_t vis = rows > 0 && item_h > 0 ? (size_t)(rows / item_h) : 0;
	if (vis == 0) vis = 1;
	if (count == 0) {
		p->sel = p->top = 0;
		return;
	}
	if (p->sel >= count) p->sel = count - 1;
	if (p->sel < p->top) p->top = p->sel;
	if (p->sel >= p->top + vis) p->top = p->sel - vis + 1;
	if (p->top + vis > count) p->top = count > vis ? count - vis : 0;
}

bool listbox_move(struct pane *p, enum action a, size_t count, int item_h, int rows)
{
	size_t sel = p->sel, top = p->top;
	size_t vis = rows > 0 && item_h > 0 ? (size_t)(rows / item_h) : 1;
	if (vis == 0) vis = 1;
	if (count == 0) return false;
	switch (a) {
	case ACT_MOVE_DOWN: if (p->sel + 1 < count) p->sel++; break;
	case ACT_MOVE_UP: if (p->sel > 0) p->sel--; break;
	case ACT_PAGE_DOWN:
		p->sel = p->sel + vis < count ? p->sel + vis : count - 1;
		p->top = p->top + vis;
		break;
	case ACT_PAGE_UP:
		p->sel = p->sel > vis ? p->sel - vis : 0;
		p->top = p->top > vis ? p->top - vis : 0;
		break;
	case ACT_TOP: p->sel = 0; break;
	case ACT_BOTTOM: p->sel = count - 1; break;
	default: return false;
	}
	listbox_fit(p, count, item_h, rows);
	return sel != p->sel || top != p->top;
}

bool listbox_item_at(const struct pane *p, size_t count, int item_h, int row, size_t *item)
{
	if (row < 0 || item_h <= 0) return false;
	size_t i = p->top + (size_t)(row / item_h);
	if (i >= count) return false;
	*item = i;
	return true;
}
