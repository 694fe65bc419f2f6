/* SPDX-License-Identifier: MIT
 * The open article's links (L): the renderer's numbered list in an
 * overlay, Enter opening the selected one with $BROWSER through
 * core/base/launch (argv, never a shell); digits pick a number. O asks for a
 * number on the prompt line instead. A link the renderer marked not
 * openable (javascript:, data:, ...) is listed, never opened. */
#include "tui/overlay_links.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/launch.h"
#include "core/text/render.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/overlay.h"
#include "tui/pane_text.h"
#include "tui/tui.h"

struct linksview {
	struct pane list; /* sel/top for the listbox arithmetic */
	size_t typed;     /* digits typed so far (0: none) */
};

static const struct overlay_ops links_ops;

/* The open article rendered (the text pane keeps it), or NULL. */
static const struct render_doc *links_doc(struct tui *t)
{
	struct pane_ctx c;
	struct rect r;
	struct pane *p = context_pane_at(t, PANE_TEXT, &c, &r);
	return pane_text_doc(p, &c, r);
}

/* Open link n (1-based) of the open article, or say why not. */
static unsigned open_number(struct tui *t, size_t n)
{
	const struct render_doc *d = links_doc(t);
	if (!d || !d->nlinks) {
		context_message(t, false, "This article has no links.");
		return R_DRAW_STATUS;
	}
	if (n < 1 || n > d->nlinks) {
		context_message(t, true, "No link %zu: this article has links 1 to %zu.", n, d->nlinks);
		return R_DRAW_STATUS;
	}
	const struct render_link *l = &d->links[n - 1];
	char what[40];
	snprintf(what, sizeof what, "link %zu", n);
	if (!l->openable) { /* shown: the URL with controls escaped */
		const char *why = launch_url_check(l->url);
		context_message(t, true, "Not opened: link %zu %s: %s", n,
			    why ? why : "is not an http, https or mailto URL", l->shown);
		return R_DRAW_STATUS;
	}
	unsigned r = tui_open_url(t, l->url, what);
	if (!t->msg.len) context_message(t, false, "Opened link %zu: %s", n, l->shown);
	return r | R_DRAW_STATUS;
}

unsigned overlay_links_open(struct tui *t)
{
	const struct render_doc *d = links_doc(t);
	if (!d) {
		context_message(t, false, t->cur < 0 ? "No article open." : "This article has no links.");
		return R_DRAW_STATUS;
	}
	if (!d->nlinks) {
		context_message(t, false, "This article has no links.");
		return R_DRAW_STATUS;
	}
	overlay_push(t, &links_ops, xcalloc(1, sizeof(struct linksview)));
	return R_DRAW_ALL;
}

static void links_close(struct overlay *o, struct tui *t)
{
	(void)t;
	free(o->priv);
}

static void links_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct linksview *lv = o->priv;
	const struct render_doc *d = links_doc(t);
	size_t n = d ? d->nlinks : 0;
	struct rect r = overlay_box(t, 100);
	if (r.rows < 2 || r.cols < 10) return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Links %zu/%zu  Enter or a number opens, q closes",
		    n ? lv->list.sel + 1 : 0, n);
	overlay_frame(t, g, r, strbuf_str(&sb));
	int rows = r.rows - 1;
	listbox_fit(&lv->list, n, 1, rows);
	int nw = n >= 100 ? 6 : n >= 10 ? 5 : 4; /* "[12] " */
	int tw = (r.cols - nw) * 2 / 5;
	for (int i = 0; i < rows; i++) {
		size_t idx = lv->list.top + (size_t)i;
		if (idx >= n) break;
		const struct render_link *l = &d->links[idx];
		int row = r.row + 1 + i, col = r.col + 1, end = r.col + r.cols;
		bool sel = idx == lv->list.sel;
		uint16_t st = sel ? STYLE_SELECTED : STYLE_NORMAL;
		grid_fill(g, row, r.col, r.cols, st);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "[%zu]", idx + 1);
		grid_puts(g, row, col, col + nw, strbuf_str(&sb), sel ? st : STYLE_DIM);
		col += nw;
		strbuf_reset(&sb); /* every string through the display sanitiser */
		utf8_display_fit(&sb, l->text, strlen(l->text), tw - 1, t->utf8_flags);
		grid_put(g, row, col, col + tw - 1, strbuf_str(&sb), sb.len, st, STYLE_CONTROL, -1);
		col += tw;
		strbuf_reset(&sb);
		int uw = end - col - (l->openable ? 0 : 13);
		utf8_display_fit(&sb, l->shown, strlen(l->shown), uw > 1 ? uw : 1, t->utf8_flags);
		if (!l->openable) strbuf_adds(&sb, " (not opened)");
		grid_put(g, row, col, end, strbuf_str(&sb), sb.len,
			 sel ? st : l->openable ? STYLE_LINK : STYLE_DIM, STYLE_CONTROL, -1);
	}
	strbuf_free(&sb);
}

static unsigned links_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct linksview *lv = o->priv;
	const struct render_doc *d = links_doc(t);
	size_t n = d ? d->nlinks : 0;
	if (k->code == K_MOUSE) return R_NONE;
	if (t->msg.len && !t->msg_error) strbuf_reset(&t->msg);
	if (k->code >= '0' && k->code <= '9' && !k->mods) { /* digits pick link N */
		size_t want = lv->typed * 10 + (size_t)(k->code - '0');
		if (want == 0 || want > n) want = (size_t)(k->code - '0');
		if (want >= 1 && want <= n) {
			lv->typed = want;
			lv->list.sel = want - 1;
		}
		return R_DRAW_ALL;
	}
	lv->typed = 0;
	enum action a = keymap_lookup(&t->km, KP_GLOBAL, k);
	if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
	struct rect r = overlay_box(t, 100);
	switch (a) {
	case ACT_QUIT: case ACT_LINKS:
		overlay_close(t, o);
		return R_DRAW_ALL;
	case ACT_OPEN: {
		size_t pick = lv->list.sel + 1;
		overlay_close(t, o);
		return open_number(t, pick) | R_DRAW_ALL;
	}
	case ACT_BROWSER: /* o: still the article's own URL */
		overlay_close(t, o);
		return tui_run_external(t, ACT_BROWSER, t->cur) | R_DRAW_ALL;
	case ACT_MOVE_DOWN: case ACT_MOVE_UP: case ACT_PAGE_DOWN: case ACT_PAGE_UP:
	case ACT_TOP: case ACT_BOTTOM:
		listbox_move(&lv->list, a, n, 1, r.rows - 1);
		return R_DRAW_ALL;
	case ACT_REDRAW: return R_RELAYOUT;
	default:
		context_message(t, false, "In the links: Enter or a number opens, o the article's URL, q closes.");
		return R_DRAW_ALL;
	}
}

static const struct overlay_ops links_ops = {"links", links_draw, links_key, links_close};

/* ---- O: the number on the prompt line ---- */

static unsigned prompt_done(struct tui *t, enum prompt_result r)
{
	const struct render_doc *d = links_doc(t);
	const char *s = prompt_text(&t->prompt);
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	bool num = *s >= '0' && *s <= '9' && *end == '\0';
	if (r == PROMPT_CHANGED) { /* say where it goes before Enter */
		if (!*s) prompt_set_note(&t->prompt, NULL, false, -1);
		else if (!num || !d || v < 1 || v > d->nlinks)
			prompt_set_note(&t->prompt, "no such link", true, -1);
		else {
			struct strbuf sb = STRBUF_INIT;
			utf8_display_fit(&sb, d->links[v - 1].shown, strlen(d->links[v - 1].shown), 40,
					 t->utf8_flags);
			prompt_set_note(&t->prompt, strbuf_str(&sb), !d->links[v - 1].openable, -1);
			strbuf_free(&sb);
		}
		return R_DRAW_STATUS;
	}
	if (r == PROMPT_CANCEL) {
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	if (!*s) return R_DRAW_ALL;
	if (!num) {
		context_message(t, true, "Type the number of a link (L lists them).");
		return R_DRAW_ALL;
	}
	return open_number(t, (size_t)v) | R_DRAW_ALL;
}

unsigned overlay_links_prompt(struct tui *t)
{
	const struct render_doc *d = links_doc(t);
	if (!d || !d->nlinks) {
		context_message(t, false, t->cur < 0 ? "No article open." : "This article has no links.");
		return R_DRAW_STATUS;
	}
	char label[48];
	snprintf(label, sizeof label, "open link (1-%zu): ", d->nlinks);
	prompt_open(&t->prompt, PROMPT_LINK, label, NULL);
	t->prompt_done = prompt_done;
	strbuf_reset(&t->msg);
	return R_DRAW_ALL;
}
