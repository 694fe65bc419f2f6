/* SPDX-License-Identifier: MIT
 * The help overlay: one row per action from the ACTION_INFO table with the
 * keys the active keymap binds to it, so it always tells the truth about
 * the user's own bindings. */
#include <string.h>

#include "core/utf8.h"
#include "tui/tui.h"

/* Rows of the overlay for the focused pane's keymap; returns the count and
 * fills keys/help of row i when i is in range. */
static int help_rows(struct tui *t, int want, struct strbuf *keys, const char **help)
{
	enum keymap_pane kp = t->panes[t->focus].ops->keys;
	int n = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		struct strbuf sb = STRBUF_INIT;
		if (keymap_keys_for(&t->km, kp, (enum action)a, &sb) == 0) {
			strbuf_free(&sb);
			continue;
		}
		if (n == want && keys) {
			strbuf_add(keys, strbuf_str(&sb), sb.len);
			*help = action_help((enum action)a);
		}
		strbuf_free(&sb);
		n++;
	}
	return n;
}

static void help_box(const struct tui *t, struct rect *r)
{
	int rows = t->layout.rows - 2, cols = t->layout.cols;
	r->cols = cols - 4 < 72 ? cols - 4 : 72;
	r->rows = rows - 2;
	r->row = 1;
	r->col = (cols - r->cols) / 2;
}

void help_draw(struct tui *t, struct grid *g)
{
	struct rect r;
	help_box(t, &r);
	if (r.rows < 3 || r.cols < 10) return;
	for (int i = 0; i < r.rows; i++) grid_fill(g, r.row + i, r.col, r.cols, STYLE_NORMAL);
	grid_fill(g, r.row, r.col, r.cols, STYLE_FOCUS);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Keys (%s pane)  q or Esc closes, j/k scroll",
		    t->panes[t->focus].ops->title);
	grid_puts(g, r.row, r.col, r.col + r.cols, strbuf_str(&sb), STYLE_FOCUS);
	int total = help_rows(t, -1, NULL, NULL), body = r.rows - 1;
	if (t->help_top + (size_t)body > (size_t)total)
		t->help_top = total > body ? (size_t)(total - body) : 0;
	int kw = r.cols / 3 < 22 ? r.cols / 3 : 22;
	for (int i = 0; i < body; i++) {
		int idx = (int)t->help_top + i;
		if (idx >= total) break;
		const char *help = "";
		strbuf_reset(&sb);
		help_rows(t, idx, &sb, &help);
		int row = r.row + 1 + i;
		struct strbuf fit = STRBUF_INIT;
		utf8_display_fit(&fit, strbuf_str(&sb), sb.len, kw - 1, t->utf8_flags);
		grid_put(g, row, r.col + 1, r.col + kw, strbuf_str(&fit), fit.len, STYLE_HEADER_KEY,
			 STYLE_CONTROL, -1);
		strbuf_free(&fit);
		grid_puts(g, row, r.col + kw + 1, r.col + r.cols - 1, help, STYLE_NORMAL);
	}
	strbuf_free(&sb);
}

unsigned help_handle(struct tui *t, enum action a)
{
	struct rect r;
	help_box(t, &r);
	size_t page = r.rows > 3 ? (size_t)r.rows - 2 : 1;
	switch (a) {
	case ACT_QUIT: case ACT_HELP: t->help = false; return R_DRAW_ALL;
	case ACT_MOVE_DOWN: t->help_top++; break;
	case ACT_MOVE_UP: if (t->help_top) t->help_top--; break;
	case ACT_PAGE_DOWN: t->help_top += page; break;
	case ACT_PAGE_UP: t->help_top = t->help_top > page ? t->help_top - page : 0; break;
	case ACT_TOP: t->help_top = 0; break;
	case ACT_BOTTOM: t->help_top = (size_t)-1 / 2; break;
	default: return R_NONE;
	}
	return R_DRAW_ALL;
}
