/* SPDX-License-Identifier: MIT
 * The overlay stack and the one frame drawer (overlay.h): panes are drawn
 * first, then each overlay from the bottom up, so an overlay opened from
 * another (help over the tag browser) covers it. */
#include "tui/overlay.h"

#include "tui/context.h"
#include "tui/theme.h"
#include "tui/tui.h"

void overlay_push(struct tui *t, const struct overlay_ops *ops, void *priv)
{
	struct overlay_stack *s = &t->overlays;
	struct overlay o = {ops, priv};
	if (s->n == OVERLAY_MAX) {
		ops->close(&o, t);
		return;
	}
	s->v[s->n++] = o;
}

void overlay_close(struct tui *t, struct overlay *o)
{
	struct overlay_stack *s = &t->overlays;
	int i = (int)(o - s->v);
	if (i < 0 || i >= s->n) return;
	struct overlay gone = *o;
	for (int j = i; j + 1 < s->n; j++) s->v[j] = s->v[j + 1];
	s->n--;
	gone.ops->close(&gone, t);
}

void overlay_pop(struct tui *t)
{
	if (t->overlays.n) overlay_close(t, &t->overlays.v[t->overlays.n - 1]);
}

struct overlay *overlay_find(struct tui *t, const struct overlay_ops *ops)
{
	for (int i = t->overlays.n - 1; i >= 0; i--)
		if (t->overlays.v[i].ops == ops) return &t->overlays.v[i];
	return NULL;
}

void overlay_close_all(struct tui *t)
{
	while (t->overlays.n) overlay_pop(t);
}

bool overlay_busy(const struct tui *t) { return t->overlays.n > 0; }

unsigned overlay_key(struct tui *t, const struct key *k)
{
	if (!t->overlays.n) return R_NONE;
	struct overlay *o = &t->overlays.v[t->overlays.n - 1];
	return o->ops->key(o, t, k);
}

void overlay_draw_all(struct tui *t, struct grid *g)
{
	for (int i = 0; i < t->overlays.n; i++) t->overlays.v[i].ops->draw(&t->overlays.v[i], t, g);
}

struct rect overlay_box(const struct tui *t, int max_cols)
{
	int cols = t->layout.cols;
	struct rect r;
	r.cols = cols - 4 < max_cols ? cols - 4 : max_cols;
	r.rows = t->layout.rows - 4;
	r.row = 1;
	r.col = (cols - r.cols) / 2;
	return r;
}

void overlay_frame(struct tui *t, struct grid *g, struct rect r, const char *title)
{
	for (int i = 0; i < r.rows; i++) grid_fill(g, r.row + i, r.col, r.cols, STYLE_NORMAL);
	grid_fill(g, r.row, r.col, r.cols, STYLE_FOCUS);
	grid_puts(g, r.row, r.col, r.col + r.cols, title, STYLE_FOCUS);
	const char *v = context_glyph(t, "\xe2\x94\x82", "|"), *h = context_glyph(t, "\xe2\x94\x80", "-");
	int left = r.col - 1, right = r.col + r.cols, bottom = r.row + r.rows;
	bool has_left = left >= 0, has_right = right < g->cols;
	bool has_bottom = bottom < t->layout.status.row;
	for (int i = 0; i < r.rows; i++) {
		if (has_left) grid_glyph(g, r.row + i, left, v, STYLE_DIM);
		if (has_right) grid_glyph(g, r.row + i, right, v, STYLE_DIM);
	}
	if (!has_bottom) return;
	for (int c = r.col; c < right; c++) grid_glyph(g, bottom, c, h, STYLE_DIM);
	if (has_left) grid_glyph(g, bottom, left, context_glyph(t, "\xe2\x94\x94", "+"), STYLE_DIM);
	if (has_right) grid_glyph(g, bottom, right, context_glyph(t, "\xe2\x94\x98", "+"), STYLE_DIM);
}

enum action overlay_key_action(const struct tui *t, enum keymap_pane kp, const struct key *k)
{
	if (k->code == K_MOUSE && (k->button == MOUSE_DRAG || k->button == MOUSE_RELEASE))
		return ACT_NONE; /* the press closed it already */
	if (k->code == K_MOUSE)
		return k->button == MOUSE_WHEEL_DOWN ? ACT_MOVE_DOWN
		     : k->button == MOUSE_WHEEL_UP ? ACT_MOVE_UP : ACT_QUIT;
	if (k->code == K_ESC && !k->mods) return ACT_QUIT;
	return keymap_lookup(&t->km, kp, k);
}

bool overlay_scroll(size_t *top, enum action a, size_t page)
{
	switch (a) {
	case ACT_MOVE_DOWN: ++*top; return true;
	case ACT_MOVE_UP: if (*top) --*top; return true;
	case ACT_PAGE_DOWN: *top += page; return true;
	case ACT_PAGE_UP: *top = *top > page ? *top - page : 0; return true;
	case ACT_TOP: *top = 0; return true;
	case ACT_BOTTOM: *top = (size_t)-1 / 2; return true;
	default: return false;
	}
}
