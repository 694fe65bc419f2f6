/* SPDX-License-Identifier: MIT
 * Related articles of the open article (core/find/related.h): two rows per
 * entry, the title with its date and score, then why: the shared tags,
 * heaviest first, and the shared key terms of the two texts. */
#include "tui/pane_related.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "tui/pane.h"
#include "tui/theme.h"
#include "core/collection/collection.h"
#include "core/find/related.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

struct related_view {
	long art;            /* computed for this article; -1 none */
	struct related *rel; /* owned */
	size_t n;
	bool by_content;     /* content counted (else tags only: signatures not in yet) */
};

static struct related_view *rview(struct pane *p)
{
	if (!p->priv) {
		struct related_view *v = xcalloc(1, sizeof *v);
		v->art = -1;
		p->priv = v;
	}
	return p->priv;
}

/* c NULL: forget without computing (the collection is going). */
static void pane_related_reset(struct pane *p, const struct pane_ctx *c)
{
	struct related_view *v = rview(p);
	related_free(v->rel, v->n);
	v->rel = NULL;
	v->n = 0;
	v->art = -1;
	p->sel = p->top = 0;
	if (c && c->cur >= 0 && c->loaded) {
		int max = c->settings && c->settings->related_count > 0 ? c->settings->related_count : 20;
		v->n = related_compute_with(c->coll, c->tags, c->sim, (size_t)c->cur, (size_t)max,
					    &v->rel);
		v->art = c->cur;
		v->by_content = c->sim != NULL;
	}
}

static struct related_view *rready(struct pane *p, const struct pane_ctx *c)
{
	struct related_view *v = rview(p);
	/* the content index came in since: rank again */
	if (v->art != c->cur || (c->sim && !v->by_content)) pane_related_reset(p, c);
	return v;
}

long pane_related_selected(struct pane *p)
{
	struct related_view *v = rview(p);
	return p->sel < v->n ? (long)v->rel[p->sel].art : -1;
}

static int item_h(struct rect r) { return r.rows >= 4 ? 2 : 1; }

static void related_draw(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
			 bool focused)
{
	struct related_view *v = rready(p, c);
	if (c->cur < 0) return;
	if (v->n == 0) {
		grid_puts(g, r.row, r.col + 1, r.col + r.cols,
			  c->sim_pending ? "Reading the texts for related articles..." : "No related articles.",
			  STYLE_DIM);
		return;
	}
	int ih = item_h(r);
	listbox_fit(p, v->n, ih, r.rows);
	int end = r.col + r.cols;
	for (size_t i = p->top; i < v->n; i++) {
		int row = r.row + (int)(i - p->top) * ih;
		if (row + ih > r.row + r.rows) break;
		const struct related *e = &v->rel[i];
		const struct article *a = &c->coll->items[e->art];
		bool sel = i == p->sel && focused;
		uint16_t st = sel ? STYLE_SELECTED : pane_is_read(c, e->art) ? STYLE_NORMAL : STYLE_UNREAD;
		/* the date and score at the right, when there is room for a title too */
		char right[32] = "", date[11] = "";
		if (a->date) date_format(a->date, date);
		if (r.cols >= 44) snprintf(right, sizeof right, " %10s %5.2f", date, e->score);
		else if (r.cols >= 30) snprintf(right, sizeof right, " %10s", date);
		int rw = (int)strlen(right);
		struct strbuf sb = STRBUF_INIT;
		/* a blank last column, as the title had (the frame of an overlay
		 * leaves it showing) */
		int rend = rw ? end - 1 : end;
		utf8_display_fit(&sb, a->title, strlen(a->title), r.cols - 2 - (rw ? rw + 1 : 0),
				 c->utf8_flags);
		grid_fill(g, row, r.col, r.cols, st);
		grid_put(g, row, r.col + 1, rend - rw, sb.buf ? sb.buf : "", sb.len, st, STYLE_CONTROL, -1);
		if (rw) grid_puts(g, row, rend - rw, rend, right, sel ? st : STYLE_DIM);
		strbuf_reset(&sb);
		if (ih == 2) {
			for (size_t k = 0; k < e->nshared; k++) {
				if (k) strbuf_adds(&sb, " ");
				strbuf_adds(&sb, c->tags->tags[e->shared[k]].name);
			}
			struct strbuf fit = STRBUF_INIT;
			utf8_display_fit(&fit, strbuf_str(&sb), sb.len, r.cols - 3, c->utf8_flags);
			int col = grid_put(g, row + 1, r.col + 2, end, strbuf_str(&fit), fit.len, STYLE_TAG,
					   STYLE_CONTROL, -1);
			/* the shared key terms after the tags: words of the text; only
			 * where the tags left room for a word (else a second "…") */
			if (e->nterms && end - col < 4) { strbuf_free(&fit); strbuf_free(&sb); continue; }
			strbuf_reset(&sb);
			for (size_t k = 0; k < e->nterms; k++)
				strbuf_addf(&sb, "%s%s", sb.len || e->nshared ? " " : "", e->terms[k]);
			strbuf_reset(&fit);
			utf8_display_fit(&fit, strbuf_str(&sb), sb.len, end - col, c->utf8_flags);
			grid_put(g, row + 1, col, end, strbuf_str(&fit), fit.len, STYLE_DIM, STYLE_CONTROL,
				 -1);
			strbuf_free(&fit);
		}
		strbuf_free(&sb);
	}
}

static unsigned related_handle(struct pane *p, struct pane_ctx *c, enum action a, struct rect r)
{
	struct related_view *v = rready(p, c);
	if (a == ACT_OPEN) {
		c->open = pane_related_selected(p);
		return R_NONE;
	}
	return listbox_move(p, a, v->n, item_h(r), r.rows) ? R_DRAW_RELATED : R_NONE;
}

static unsigned related_click(struct pane *p, struct pane_ctx *c, int row, struct rect r)
{
	struct related_view *v = rready(p, c);
	size_t item;
	if (!listbox_item_at(p, v->n, item_h(r), row, &item)) return R_NONE;
	if (item == p->sel) {
		c->open = (long)v->rel[item].art;
		return R_NONE;
	}
	p->sel = item;
	return R_DRAW_RELATED;
}

static void related_info(struct pane *p, const struct pane_ctx *c, struct strbuf *out)
{
	struct related_view *v = rready(p, c);
	if (c->cur >= 0 && v->art == c->cur && v->n) strbuf_addf(out, "%zu/%zu", p->sel + 1, v->n);
	/* ranked by tags only until the texts are read */
	if (c->cur >= 0 && c->sim_pending) strbuf_addf(out, "%sby tags; reading texts", v->n ? ", " : "");
}

static void related_free_pane(struct pane *p)
{
	struct related_view *v = p->priv;
	if (!v) return;
	related_free(v->rel, v->n);
	free(v);
	p->priv = NULL;
}

/* Computed now for a new article (the selection is used by r and e at
 * once); only forgotten when the collection goes. */
static void related_changed(struct pane *p, const struct pane_ctx *c, enum pane_change what)
{
	pane_related_reset(p, what == PANE_ARTICLE_CHANGED ? c : NULL);
}

const struct pane_ops pane_related_ops = {
	.title = "Related",
	.keys = KP_RELATED,
	.draw = related_draw,
	.handle = related_handle,
	.click = related_click,
	.title_info = related_info,
	.changed = related_changed,
	.free = related_free_pane,
};
