/* SPDX-License-Identifier: MIT
 * The help overlay: one row per action from the ACTION_INFO table with the
 * keys the active keymap binds to it, so it always tells the truth about
 * the user's own bindings. */
#include "tui/overlay_help.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/overlay.h"
#include "tui/tui.h"

struct help {
	size_t top; /* first row shown */
};

/* Rows of the overlay for the focused pane's keymap; returns the count and
 * fills keys/help of row i when i is in range. */
static int help_rows(struct tui *t, int want, struct strbuf *keys, const char **help)
{
	enum keymap_pane kp = t->panes[t->focus].ops->keys;
	int n = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		struct strbuf sb = STRBUF_INIT;
		if (keymap_keys_for(&t->km, kp, (enum action)a, &sb) == 0 &&
		    keymap_keys_for(&t->km, KP_FILTER, (enum action)a, &sb) == 0 &&
		    keymap_keys_for(&t->km, KP_NOTE, (enum action)a, &sb) == 0 &&
		    keymap_keys_for(&t->km, KP_PIPE, (enum action)a, &sb) == 0) {
			strbuf_free(&sb); /* (the filter, note and pipe prompts' keys are listed too) */
			continue;
		}
		if (n == want) {
			if (keys) strbuf_add(keys, strbuf_str(&sb), sb.len);
			*help = action_help((enum action)a);
		}
		strbuf_free(&sb);
		n++;
	}
	return n;
}

#define KEYS_COLS 22 /* the keys column at most: a third of the box below that */

/* As wide as the longest line needs (the prompts' actions run to 70
 * columns) where the terminal has room, 72 at least; what still does
 * not fit ends in an ellipsis. */
static struct rect help_box(struct tui *t)
{
	int widest = 0, n = help_rows(t, -1, NULL, NULL);
	for (int i = 0; i < n; i++) {
		const char *help = "";
		help_rows(t, i, NULL, &help);
		int w = utf8_display_width(help, strlen(help), t->utf8_flags);
		if (w > widest) widest = w;
	}
	int want = KEYS_COLS + 1 + widest + 1;
	return overlay_box(t, want > 72 ? want : 72);
}

static void help_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct help *h = o->priv;
	struct rect r = help_box(t);
	if (r.rows < 3 || r.cols < 10) return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Keys (%s pane)  q or Esc closes, j/k scroll",
		    t->panes[t->focus].ops->title);
	overlay_frame(t, g, r, strbuf_str(&sb));
	int total = help_rows(t, -1, NULL, NULL), body = r.rows - 1;
	if (h->top + (size_t)body > (size_t)total)
		h->top = total > body ? (size_t)(total - body) : 0;
	int kw = r.cols / 3 < KEYS_COLS ? r.cols / 3 : KEYS_COLS;
	for (int i = 0; i < body; i++) {
		int idx = (int)h->top + i;
		if (idx >= total) break;
		const char *help = "";
		strbuf_reset(&sb);
		help_rows(t, idx, &sb, &help);
		int row = r.row + 1 + i;
		struct strbuf fit = STRBUF_INIT;
		utf8_display_fit(&fit, strbuf_str(&sb), sb.len, kw - 1, t->utf8_flags);
		grid_put(g, row, r.col + 1, r.col + kw, strbuf_str(&fit), fit.len, STYLE_HEADER_KEY,
			 STYLE_CONTROL, -1);
		strbuf_reset(&fit);
		utf8_display_fit(&fit, help, strlen(help), r.cols - kw - 2, t->utf8_flags);
		grid_puts(g, row, r.col + kw + 1, r.col + r.cols - 1, strbuf_str(&fit), STYLE_NORMAL);
		strbuf_free(&fit);
	}
	strbuf_free(&sb);
}

static unsigned help_action(struct tui *t, struct help *h, enum action a)
{
	struct rect r = help_box(t);
	size_t page = r.rows > 3 ? (size_t)r.rows - 2 : 1;
	switch (a) {
	case ACT_QUIT: case ACT_HELP: overlay_pop(t); return R_DRAW_ALL;
	default: return overlay_scroll(&h->top, a, page) ? R_DRAW_ALL : R_NONE;
	}
}

/* The wheel scrolls, a click anywhere closes. */
static unsigned help_key(struct overlay *o, struct tui *t, const struct key *k)
{
	enum action a = overlay_key_action(t, KP_HELP, k);
	return help_action(t, o->priv, a);
}

static void help_close(struct overlay *o, struct tui *t)
{
	(void)t;
	free(o->priv);
}

static const struct overlay_ops help_ops = {"help", help_draw, help_key, help_close};

unsigned overlay_help_open(struct tui *t)
{
	overlay_push(t, &help_ops, xcalloc(1, sizeof(struct help)));
	return R_DRAW_ALL;
}
