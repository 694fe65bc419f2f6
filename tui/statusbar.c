/* SPDX-License-Identifier: MIT
 * The status line (collection, filter, sort, position, counts) and the
 * message line (errors, diagnostics, hints) at the bottom of the screen.
 * When the status line is too long, "filter: none" goes first, then the
 * collection's path is cut from the left, so the counts stay in view
 * (the sort and the position, said last, are cut instead). */
#include "tui/statusbar.h"

#include <string.h>

#include "core/state/store.h"
#include "core/text/utf8.h"
#include "tui/context.h"
#include "tui/fold.h"
#include "tui/counts.h"
#include "tui/filter.h"
#include "tui/load.h"
#include "tui/statewait.h"
#include "tui/tui.h"

static const char *const sort_label[] = {"date", "title", "source", "relevance"};

static int width_of(const struct tui *t, const struct strbuf *sb)
{
	return utf8_display_width(strbuf_str(sb), sb->len, t->utf8_flags);
}

/* Append s cut from the left to at most cols columns ("…/dossier/news"):
 * the end of a path says most. */
static void fit_left(const struct tui *t, struct strbuf *out, const char *s, int cols)
{
	size_t len = strlen(s), pos = 0;
	int w = utf8_display_width(s, len, t->utf8_flags);
	if (w <= cols) {
		utf8_display_fit(out, s, len, cols, t->utf8_flags);
		return;
	}
	const char *cut = context_glyph(t, "…", "~");
	struct dcluster dc;
	while (w > cols - 1 && utf8_display_next(s, len, &pos, t->utf8_flags, &dc)) w -= dc.width;
	strbuf_adds(out, cut);
	utf8_display_fit(out, s + pos, len - pos, cols - 1, t->utf8_flags);
}

/* The collection, the filter, the counts, the background notes, the sort
 * and the position, in at most cols columns when it can be done: the
 * counts come before what may be cut; "filter: none" is left out first,
 * then the collection's path is cut from the left (to 12 columns) and the
 * filter's text from the right (to 10), so that the counts stay. notes:
 * the three background notes (load, index, filter), each may be NULL. */
static void status_counts(struct tui *t, struct strbuf *sb, int cols,
			  const char *const notes[4])
{
	size_t unread = counts_unread_all(t); /* kept between redraws (counts.c) */
	struct strbuf tail = STRBUF_INIT, fp = STRBUF_INIT;
	/* what may be cut off at the right end comes last: the list's header
	 * shows the position too */
	const char *ft = filter_text(t);
	/* "N of M[, K folded]": articles, as the filter prompt counts them */
	struct strbuf cnt = STRBUF_INIT;
	fold_count_text(t, &cnt, false);
	size_t hidden = fold_matched(t) - t->norder;
	if (ft) /* the filter's "N of M" says how many there are */
		strbuf_addf(&tail, " | %zu unread in all", unread);
	else if (hidden)
		strbuf_addf(&tail, " | %zu articles, %zu folded, %zu unread", t->d.coll.n, hidden, unread);
	else
		strbuf_addf(&tail, " | %zu articles, %zu unread", t->d.coll.n, unread);
	for (int i = 0; i < 4; i++)
		if (notes[i]) strbuf_addf(&tail, " | %s", notes[i]);
	strbuf_addf(&tail, " | sort: %s", sort_label[t->sort]);
	if (t->norder) strbuf_addf(&tail, " | %zu/%zu", t->panes[PANE_LIST].sel + 1, t->norder);
	/* the collection's name when the config gives it one */
	const char *name = t->coll_name ? t->coll_name : t->corpus ? t->corpus : "";
	int nw = utf8_display_width(name, strlen(name), t->utf8_flags);
	int fw = ft ? utf8_display_width(ft, strlen(ft), t->utf8_flags) : 0;
	int over = 1 + nw + width_of(t, &tail) - cols;
	if (ft && ft[0] == '@' && ft[1] && !strpbrk(ft, " \t()\"")) {
		/* a saved search: its name, and where its unread articles are */
		size_t su = counts_unread_listed(t);
		strbuf_addf(&fp, " | search: %s, %s, %zu unread", ft + 1, cnt.buf, su);
		over += width_of(t, &fp);
		fw = 0; /* never cut */
	} else if (ft) { /* the filter and what it leaves: N of M */
		strbuf_addf(&fp, " | filter: %s, %s", ft, cnt.buf);
		over += width_of(t, &fp);
	} else if (over + 15 <= 0) {
		strbuf_adds(&fp, " | filter: none");
	}
	int name_cols = nw, cut = over > 0 && nw > 12 ? (over < nw - 12 ? over : nw - 12) : 0;
	name_cols -= cut;
	over -= cut;
	strbuf_addc(sb, ' ');
	fit_left(t, sb, name, name_cols);
	if (over > 0 && fw > 10) { /* the filter's text, cut from the right */
		int keep = fw - over > 10 ? fw - over : 10;
		strbuf_adds(sb, " | filter: ");
		utf8_display_fit(sb, ft, strlen(ft), keep, t->utf8_flags);
		strbuf_addf(sb, ", %s", cnt.buf);
	} else {
		strbuf_add(sb, fp.buf ? fp.buf : "", fp.len);
	}
	strbuf_add(sb, tail.buf, tail.len);
	strbuf_free(&tail);
	strbuf_free(&fp);
	strbuf_free(&cnt);
}

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
		strbuf_adds(&hb, " ? help "); /* a blank before it, as before the problems */
	}
	const char *hint = strbuf_str(&hb);
	int hw = utf8_display_width(hint, strlen(hint), t->utf8_flags);
	int room = s->cols - (s->cols > hw + 10 ? hw : 0);
	bool first;
	const char *loading = load_status(t, &first), *indexing = filter_progress(t),
		   *filtering = filter_job_progress(t);
	char wb[48];
	const char *waiting = statewait_note(t, wb, sizeof wb);
	if (loading && first) { /* loading: nothing else to say yet */
		strbuf_addf(&sb, " %s", loading);
	} else {
		int avail = room - width_of(t, &sb);
		status_counts(t, &sb, avail, (const char *const[]){loading, waiting, indexing, filtering});
	}
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
