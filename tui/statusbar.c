/* SPDX-License-Identifier: MIT
 * The status line (collection, filter, sort, position, counts) and the
 * message line (errors, diagnostics, hints) at the bottom of the screen. */
#include "tui/statusbar.h"

#include <string.h>

#include "core/state/store.h"
#include "core/text/utf8.h"
#include "tui/context.h"
#include "tui/filter.h"
#include "tui/load.h"
#include "tui/tui.h"

static const char *const sort_label[] = {"date", "title", "source", "relevance"};

void statusbar_draw(struct tui *t, struct grid *g)
{
	const struct rect *s = &t->layout.status, *m = &t->layout.message;
	struct strbuf sb = STRBUF_INIT, unsaved = STRBUF_INIT;
	grid_fill(g, s->row, 0, s->cols, STYLE_STATUS);
	if (t->save_error && t->store) { /* first, where it is never cut off */
		size_t n = store_unsaved(t->store, NULL);
		strbuf_addf(&unsaved, "NOT SAVED: %zu change%s", n, n == 1 ? "" : "s");
		strbuf_addf(&sb, " %s |", strbuf_str(&unsaved));
	}
	bool first;
	const char *loading = load_status(t, &first), *indexing = filter_progress(t);
	if (loading && first) { /* loading: nothing else to say yet */
		strbuf_addf(&sb, " %s", loading);
	} else {
		size_t unread = 0;
		for (size_t i = 0; i < t->d.coll.n; i++) unread += !context_is_read(t, i);
		/* the collection's name when the config gives it one */
		strbuf_addf(&sb, " %s", t->coll_name ? t->coll_name : t->corpus ? t->corpus : "");
		const char *ft = filter_text(t);
		if (ft && ft[0] == '@' && ft[1] && !strpbrk(ft, " \t()\"")) {
			/* a saved search: its name, and where its unread articles are */
			size_t su = 0;
			for (size_t i = 0; i < t->norder; i++) su += !context_is_read(t, t->order[i]);
			strbuf_addf(&sb, " | search: %s, %zu of %zu, %zu unread", ft + 1, t->norder,
				    t->d.coll.n, su);
		} else if (ft) /* the filter and what it leaves: N of M */
			strbuf_addf(&sb, " | filter: %s, %zu of %zu", ft, t->norder, t->d.coll.n);
		else
			strbuf_adds(&sb, " | filter: none");
		strbuf_addf(&sb, " | sort: %s", sort_label[t->sort]);
		if (t->norder)
			strbuf_addf(&sb, " | %zu/%zu", t->panes[PANE_LIST].sel + 1, t->norder);
		strbuf_addf(&sb, " | %zu articles, %zu unread", t->d.coll.n, unread);
		if (loading) strbuf_addf(&sb, " | %s", loading);
		if (indexing) strbuf_addf(&sb, " | %s", indexing);
	}
	/* the right end: the help key, or how many problems the load had and
	 * the key that lists them (the messages overlay) */
	struct strbuf hb = STRBUF_INIT;
	size_t np = context_problem_count(t);
	if (np) {
		struct strbuf keys = STRBUF_INIT;
		keymap_keys_for(&t->km, KP_GLOBAL, ACT_MESSAGES, &keys);
		int kl = (int)strcspn(strbuf_str(&keys), " ");
		strbuf_addf(&hb, " %zu problem%s", np, np == 1 ? "" : "s");
		if (kl) strbuf_addf(&hb, " (%.*s)", kl, strbuf_str(&keys));
		strbuf_addc(&hb, ' ');
		strbuf_free(&keys);
	} else {
		strbuf_adds(&hb, "? help ");
	}
	const char *hint = strbuf_str(&hb);
	int hw = utf8_display_width(hint, strlen(hint), t->utf8_flags);
	int room = s->cols - (s->cols > hw + 10 ? hw : 0);
	struct strbuf fit = STRBUF_INIT;
	utf8_display_fit(&fit, strbuf_str(&sb), sb.len, room, t->utf8_flags);
	grid_put(g, s->row, 0, room, strbuf_str(&fit), fit.len, STYLE_STATUS, STYLE_STATUS, -1);
	if (room < s->cols) grid_puts(g, s->row, s->cols - hw, s->cols, hint, STYLE_STATUS);
	if (unsaved.len) /* again over the same cells, in the error style */
		grid_puts(g, s->row, 1, room, strbuf_str(&unsaved), STYLE_ERROR);
	strbuf_free(&fit);
	strbuf_free(&sb);
	strbuf_free(&hb);
	strbuf_free(&unsaved);

	grid_fill(g, m->row, 0, m->cols, STYLE_NORMAL);
	if (prompt_active(&t->prompt)) { /* the prompt takes the message line */
		prompt_draw(&t->prompt, g, m->row, 0, m->cols);
	} else if (t->msg.len) {
		utf8_display_fit(&fit, t->msg.buf, t->msg.len, m->cols, t->utf8_flags);
		grid_put(g, m->row, 0, m->cols, strbuf_str(&fit), fit.len,
			 t->msg_error ? STYLE_ERROR : STYLE_MESSAGE, STYLE_CONTROL, -1);
		strbuf_free(&fit);
		context_message_shown(t); /* into the messages overlay's history */
	}
}
