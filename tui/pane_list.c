/* SPDX-License-Identifier: MIT
 * The article list: one row per article in the current order, in the
 * columns list.columns names (config/listcols.h; default: read marker,
 * date, source, title, mark count); unread rows bold. A column empty for
 * every article of the collection is left out, and on a narrow pane the
 * last-listed columns give way so the title keeps half the row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/listcols.h"
#include "core/meta/article.h"
#include "core/collection/collection.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/pane.h"
#include "tui/theme.h"

/* Which configured columns have a value in some article of the
 * collection: computed on the first draw after a load (ops->changed). */
struct list_view {
	bool known;
	bool *has;     /* owned: per entry of the column list */
	size_t n;
};

/* One column as drawn: its kind, the front-matter key of meta.KEY, the
 * width in cells, and whether it sits after the title (right edge). */
struct lcol {
	enum list_column kind;
	const char *key;
	int width;
	bool right;
};

static struct list_view *lview(struct pane *p)
{
	if (!p->priv) p->priv = xcalloc(1, sizeof(struct list_view));
	return p->priv;
}

static const char *const *column_names(const struct pane_ctx *c, size_t *n)
{
	const struct settings *s = c->settings;
	if (s && s->list_columns.n) {
		*n = s->list_columns.n;
		return (const char *const *)s->list_columns.v;
	}
	for (*n = 0; listcols_default[*n]; (*n)++) {}
	return listcols_default;
}

/* The text of a metadata column for article a (borrowed, or built into
 * sb); NULL when a has none. */
static const char *cell_text(const struct lcol *col, const struct article *a, struct strbuf *sb)
{
	const struct strlist *l = NULL;
	const char *sep = ", ";
	switch (col->kind) {
	case LIST_COL_SOURCE: return a->source && *a->source ? a->source : NULL;
	case LIST_COL_URL: return a->url && *a->url ? a->url : NULL;
	case LIST_COL_LANG: return a->lang && *a->lang ? a->lang : NULL;
	case LIST_COL_META: {
		const char *v = article_get_extra(a, col->key);
		return v && *v ? v : NULL;
	}
	case LIST_COL_AUTHORS: l = &a->authors; break;
	case LIST_COL_TAGS: l = &a->tags, sep = " "; break;
	default: return NULL;
	}
	if (!l->n) return NULL;
	strbuf_reset(sb);
	for (size_t i = 0; i < l->n; i++) {
		if (i) strbuf_adds(sb, sep);
		strbuf_adds(sb, l->v[i]);
	}
	return strbuf_str(sb);
}

static bool has_value(const struct lcol *col, const struct article *a, struct strbuf *sb)
{
	if (col->kind == LIST_COL_DATE) return a->date != 0;
	return cell_text(col, a, sb) != NULL;
}

/* Empty columns of the whole collection, not of the filtered view: the
 * layout then stays put while a filter is typed, and it costs one pass
 * per load instead of one per keystroke. */
static void find_empty(struct list_view *v, const struct pane_ctx *c, const char *const *names,
		       size_t n)
{
	free(v->has);
	v->has = xcalloc(n + 1, sizeof *v->has);
	v->n = n;
	v->known = true;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct lcol col = {listcols_kind(names[i]), names[i] + 5, 0, false};
		bool always = col.kind == LIST_COL_READ || col.kind == LIST_COL_TITLE ||
			      col.kind == LIST_COL_MARKS;
		for (size_t a = 0; a < c->coll->n && !always && !v->has[i]; a++)
			v->has[i] = has_value(&col, &c->coll->items[a], &sb);
		v->has[i] |= always;
	}
	strbuf_free(&sb);
}

static int configured_width(const struct pane_ctx *c, const char *name)
{
	const struct settings *s = c->settings;
	for (size_t i = 0; s && i < s->nlist_widths; i++)
		if (strcmp(s->list_widths[i].name, name) == 0) return s->list_widths[i].width;
	return 0;
}

/* The columns to draw at width cols into out (room for every configured
 * one); returns how many. */
static size_t plan(struct pane *p, const struct pane_ctx *c, int cols, struct lcol *out)
{
	size_t n;
	const char *const *names = column_names(c, &n);
	struct list_view *v = lview(p);
	if (!v->known || v->n != n) find_empty(v, c, names, n);
	size_t k = 0;
	bool after = false;
	for (size_t i = 0; i < n; i++) {
		enum list_column kind = listcols_kind(names[i]);
		if (kind == LIST_COL_NONE || !v->has[i]) continue;
		if (kind == LIST_COL_TITLE) after = true;
		int w = configured_width(c, names[i]);
		if (!w) w = listcols_auto_width(kind, cols);
		if (kind == LIST_COL_READ) w = 1;
		if (w <= 0 && kind != LIST_COL_TITLE && kind != LIST_COL_MARKS) continue;
		out[k++] = (struct lcol){kind, names[i] + 5, w, after && kind != LIST_COL_TITLE};
	}
	/* narrow: the last-listed columns go until the title has half the row
	 * (and at least 15 cells) */
	int want = cols / 2 > 15 ? cols / 2 : 15;
	for (;;) {
		int used = 0;
		long last = -1;
		for (size_t i = 0; i < k; i++) {
			if (out[i].kind == LIST_COL_TITLE || out[i].kind == LIST_COL_MARKS) continue;
			used += out[i].width + 1;
			if (out[i].kind != LIST_COL_READ) last = (long)i;
		}
		if (cols - used >= want || last < 0) break;
		memmove(&out[last], &out[last + 1], (k - (size_t)last - 1) * sizeof *out);
		k--;
	}
	return k;
}

/* One cell of a column other than the title and the mark count. */
static void draw_cell(struct grid *g, int row, int col, const struct lcol *lc,
		      const struct pane_ctx *c, size_t art, bool sel, uint16_t st,
		      struct strbuf *tmp)
{
	const struct article *a = &c->coll->items[art];
	if (lc->kind == LIST_COL_READ) {
		if ((long)art == c->cur)
			grid_glyph(g, row, col, pane_glyph(c, "\xe2\x96\xb6", ">"), st); /* ▶ */
		else if (!pane_is_read(c, art))
			grid_glyph(g, row, col, pane_glyph(c, "\xe2\x80\xa2", "*"), st); /* • */
		return;
	}
	if (lc->kind == LIST_COL_DATE) {
		char d[11] = "          ";
		if (a->date) date_format(a->date, d);
		grid_puts(g, row, col, col + lc->width, d, sel ? st : STYLE_DIM);
		return;
	}
	const char *s = cell_text(lc, a, tmp);
	struct strbuf fit = STRBUF_INIT;
	if (s) utf8_display_fit(&fit, s, strlen(s), lc->width, c->utf8_flags);
	grid_put(g, row, col, col + lc->width, strbuf_str(&fit), fit.len,
		 sel ? st : lc->kind == LIST_COL_TAGS ? STYLE_TAG : STYLE_DIM, STYLE_CONTROL, -1);
	strbuf_free(&fit);
}

/* Before the title of a near-duplicate group's row: its count, "(3) ";
 * before each copy of an open group: "  └ ". Returns the title's column. */
static int fold_prefix(struct grid *g, int row, int col, int end, const struct pane_ctx *c,
		       size_t idx, uint16_t st)
{
	size_t art = c->order[idx];
	uint32_t grp = c->group ? c->group[art] : 0;
	if (!grp || c->group_n[grp] < 2 || end - col < 12) return col;
	char pre[32];
	if (idx == 0 || c->group[c->order[idx - 1]] != grp)
		snprintf(pre, sizeof pre, "(%u) ", c->group_n[grp]);
	else
		snprintf(pre, sizeof pre, "  %s ", pane_glyph(c, "\xe2\x94\x94", "-")); /* └ */
	return grid_puts(g, row, col, end, pre, st);
}

static void list_draw(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
		      bool focused)
{
	listbox_fit(p, c->norder, 1, r.rows);
	size_t n;
	column_names(c, &n);
	struct lcol *cols = xcalloc(n + 1, sizeof *cols);
	size_t ncols = plan(p, c, r.cols, cols);
	bool marks = false;
	for (size_t k = 0; k < ncols; k++) marks |= cols[k].kind == LIST_COL_MARKS;
	int end = r.col + r.cols;
	struct strbuf tmp = STRBUF_INIT;
	for (int i = 0; i < r.rows; i++) {
		size_t idx = p->top + (size_t)i;
		if (idx >= c->norder) break;
		size_t art = c->order[idx];
		const struct article *a = &c->coll->items[art];
		bool sel = idx == p->sel;
		uint16_t st = sel ? STYLE_SELECTED : pane_is_read(c, art) ? STYLE_NORMAL : STYLE_UNREAD;
		int row = r.row + i, col = r.col, rcol = end;
		grid_fill(g, row, r.col, r.cols, st);
		for (size_t k = 0; k < ncols && !cols[k].right; k++) { /* left of the title */
			if (cols[k].kind == LIST_COL_TITLE || cols[k].kind == LIST_COL_MARKS) continue;
			draw_cell(g, row, col, &cols[k], c, art, sel, st, &tmp);
			col += cols[k].width + 1;
		}
		for (size_t k = ncols; k-- > 0 && cols[k].right;) { /* right of it, from the edge */
			if (cols[k].kind == LIST_COL_MARKS) continue;
			rcol -= cols[k].width;
			draw_cell(g, row, rcol, &cols[k], c, art, sel, st, &tmp);
			rcol--;
		}
		int tend = rcol;
		size_t nmarks = marks ? pane_mark_count(c, art) : 0;
		if (nmarks) { /* "✎3" (ASCII "m3") after the title */
			char cnt[32];
			snprintf(cnt, sizeof cnt, "%s%zu", pane_glyph(c, "\xe2\x9c\x8e", "m"),
				 nmarks > 999 ? (size_t)999 : nmarks);
			int w = utf8_display_width(cnt, strlen(cnt), c->utf8_flags);
			if (rcol - col > w + 6) {
				grid_puts(g, row, rcol - w, rcol, cnt, sel ? st : STYLE_MARK);
				tend = rcol - w - 1;
			}
		}
		col = fold_prefix(g, row, col, tend, c, idx, sel ? st : STYLE_DIM);
		struct strbuf sb = STRBUF_INIT;
		utf8_display_fit(&sb, a->title, strlen(a->title), tend - col, c->utf8_flags);
		grid_put(g, row, col, tend, strbuf_str(&sb), sb.len, st, STYLE_CONTROL, -1);
		strbuf_free(&sb);
	}
	strbuf_free(&tmp);
	free(cols);
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

/* The open article's row is selected (Enter, a mark, the history); a new
 * collection has its own empty columns. */
static void list_changed(struct pane *p, const struct pane_ctx *c, enum pane_change what)
{
	if (what == PANE_COLLECTION_REPLACED && p->priv) ((struct list_view *)p->priv)->known = false;
	if (what != PANE_ARTICLE_CHANGED || c->cur < 0) return;
	for (size_t i = 0; i < c->norder; i++)
		if (c->order[i] == (size_t)c->cur) p->sel = i;
}

static void list_free(struct pane *p)
{
	struct list_view *v = p->priv;
	if (!v) return;
	free(v->has);
	free(v);
	p->priv = NULL;
}

const struct pane_ops pane_list_ops = {
	.title = "Articles",
	.keys = KP_LIST,
	.draw = list_draw,
	.handle = list_handle,
	.click = list_click,
	.title_info = list_info,
	.changed = list_changed,
	.free = list_free,
};
