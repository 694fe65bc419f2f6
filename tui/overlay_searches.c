/* SPDX-License-Identifier: MIT
 * The saved-searches overlay (S). An overlay rather than a sidebar: it
 * takes no columns from the three panes (which an 80-column terminal
 * cannot spare) and works the same at any width, like the tag browser.
 * Counts are made when it opens (core/find/searches.c: all searches in one
 * sweep, well under 50 ms at 100,000 articles), and the reader cannot read,
 * mark or reload while it is open, so they are always current; searches
 * with words wait for the full-text index ("..."), then are counted. */
#include "tui/overlay_searches.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/fold.h"
#include "tui/filter.h"
#include "tui/overlay.h"
#include "tui/overlay_help.h"
#include "tui/searchset.h"
#include "tui/tui.h"

struct searchview {
	struct searches all;   /* owned: what ss borrows */
	struct search_set ss;  /* owned */
	bool *pending;         /* owned: per search, counted once the index is ready */
	bool any_pending;
	struct pane list;      /* sel/top for the listbox helpers */
};

static const struct overlay_ops searches_ops;

/* Count every search; those with words only when the index can answer
 * (headless it is built on the spot), else they wait for it. */
static void count(struct tui *t, struct searchview *sv)
{
	struct search_set *ss = &sv->ss;
	if (ss->needs_body) filter_index_start(t);
	bool ready = !ss->needs_body || filter_index_ready(t) || t->no_cache;
	struct query **keep = xcalloc(ss->n + 1, sizeof *keep);
	sv->any_pending = false;
	for (size_t i = 0; i < ss->n; i++) {
		sv->pending[i] = !ready && ss->q[i] && query_needs_body(ss->q[i]);
		if (sv->pending[i]) { /* hidden from this count */
			keep[i] = ss->q[i];
			ss->q[i] = NULL;
			sv->any_pending = true;
		}
	}
	struct query_env env = filter_env(t);
	struct query_text_bits text = filter_text_bits(t);
	search_set_count(ss, &env, &text);
	for (size_t i = 0; i < ss->n; i++)
		if (keep[i]) ss->q[i] = keep[i];
	free(keep);
}

unsigned overlay_searches_open(struct tui *t)
{
	struct searchview *sv = xcalloc(1, sizeof *sv);
	struct diag_list dl = DIAG_LIST_INIT;
	searchset_build(t, &sv->all, &sv->ss, &dl);
	if (dl.n) { /* the first problem; `dossier searches` lists them all */
		char *msg = diag_format(&dl.items[0]);
		context_message(t, true, "%s", msg);
		free(msg);
	}
	diag_list_free(&dl);
	sv->pending = xcalloc(sv->ss.n + 1, sizeof *sv->pending);
	count(t, sv);
	/* the active search, when the filter is one, starts selected */
	const char *ft = filter_text(t);
	long at = ft && ft[0] == '@' ? search_set_find(&sv->ss, ft + 1) : -1;
	sv->list.sel = at >= 0 ? (size_t)at : 0;
	overlay_push(t, &searches_ops, sv);
	return R_DRAW_ALL;
}

static void searches_close(struct overlay *o, struct tui *t)
{
	(void)t;
	struct searchview *sv = o->priv;
	search_set_free(&sv->ss);
	searches_free(&sv->all);
	free(sv->pending);
	free(sv);
}

/* ---- drawing ---- */

static struct rect box(const struct tui *t) { return overlay_box(t, 100); }

static void put_right(struct grid *g, int row, int right, const char *s, uint16_t st)
{
	grid_puts(g, row, right - (int)strlen(s), right, s, st);
}

static void searches_draw(struct overlay *o, struct tui *t, struct grid *g)
{
	struct searchview *sv = o->priv;
	if (sv->any_pending && filter_index_ready(t)) count(t, sv); /* the index came */
	struct rect r = box(t);
	if (r.rows < 5 || r.cols < 16) return;
	const struct search_set *ss = &sv->ss;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, " Saved searches (%zu)", ss->n);
	overlay_frame(t, g, r, strbuf_str(&sb));
	grid_puts(g, r.row + r.rows - 1, r.col + 1, r.col + r.cols,
		  r.cols >= 60 ? "Enter or 1-9 filters by the search, f then Ctrl-S saves one, q closes"
			       : "Enter filters, q closes", STYLE_DIM);
	/* columns: name, articles, unread, and the query where there is room */
	bool wide = r.cols >= 56;
	int end = r.col + r.cols - 1, c_name = r.col + 1 + (r.cols >= 24 ? 2 : 0);
	int name_w, c_arts, c_unread;
	if (wide) {
		name_w = (r.cols - 20) / 3 < 24 ? (r.cols - 20) / 3 : 24;
		c_arts = c_name + name_w + 9;
		c_unread = c_arts + 8;
	} else { /* right-aligned at the edge, the name takes what is left */
		c_unread = end;
		c_arts = c_unread - 7;
		name_w = c_arts - 6 - c_name;
	}
	int c_query = c_unread + 2;
	int hrow = r.row + 1;
	grid_puts(g, hrow, c_name, c_name + name_w, "Search", STYLE_HEADER_KEY);
	put_right(g, hrow, c_arts, wide ? "Articles" : "Total", STYLE_HEADER_KEY);
	put_right(g, hrow, c_unread, "Unread", STYLE_HEADER_KEY);
	if (wide) grid_puts(g, hrow, c_query, end, "Query", STYLE_HEADER_KEY);
	int body = r.rows - 3;
	listbox_fit(&sv->list, ss->n, 1, body);
	for (int i = 0; i < body; i++) {
		size_t idx = sv->list.top + (size_t)i;
		if (idx >= ss->n) break;
		const struct search_entry *e = ss->e[idx];
		int row = hrow + 1 + i;
		uint16_t st = idx == sv->list.sel ? STYLE_SELECTED : STYLE_NORMAL;
		if (st != STYLE_NORMAL) { /* marked also without colour or reverse */
			grid_fill(g, row, r.col, r.cols, st);
			grid_glyph(g, row, r.col, ">", st);
		}
		if (idx < 9 && c_name > r.col + 1) { /* the digit that applies it */
			char d[3] = {(char)('1' + idx), ' ', '\0'};
			grid_puts(g, row, r.col + 1, c_name, d, st == STYLE_NORMAL ? STYLE_DIM : st);
		}
		strbuf_reset(&sb);
		utf8_display_fit(&sb, e->name, strlen(e->name), name_w, t->utf8_flags);
		grid_put(g, row, c_name, c_name + name_w, strbuf_str(&sb), sb.len,
			 st == STYLE_NORMAL ? STYLE_TAG : st, STYLE_CONTROL, -1);
		char a[24], u[24];
		if (!ss->q[idx]) {
			put_right(g, row, c_unread, wide ? "bad query" : "bad", st == STYLE_NORMAL ? STYLE_ERROR : st);
		} else if (sv->pending[idx]) {
			put_right(g, row, c_arts, "...", st == STYLE_NORMAL ? STYLE_DIM : st);
			put_right(g, row, c_unread, "...", st == STYLE_NORMAL ? STYLE_DIM : st);
		} else {
			snprintf(a, sizeof a, "%zu", ss->total[idx]);
			snprintf(u, sizeof u, "%zu", ss->unread[idx]);
			put_right(g, row, c_arts, a, st);
			put_right(g, row, c_unread, u, st == STYLE_NORMAL && ss->unread[idx] ? STYLE_UNREAD : st);
		}
		if (wide) {
			strbuf_reset(&sb);
			utf8_display_fit(&sb, e->query, strlen(e->query), end - c_query, t->utf8_flags);
			grid_put(g, row, c_query, end, strbuf_str(&sb), sb.len,
				 st == STYLE_NORMAL ? STYLE_DIM : st, STYLE_CONTROL, -1);
		}
	}
	if (ss->n == 0) {
		grid_puts(g, hrow + 1, r.col + 1, r.col + r.cols, "No saved searches yet.", STYLE_DIM);
		grid_puts(g, hrow + 2, r.col + 1, r.col + r.cols,
			  "f, type a query, Ctrl-S names it; or searches: in the config.", STYLE_DIM);
	}
	strbuf_free(&sb);
}

/* ---- keys ---- */

/* Filter the list by search idx (as "@NAME", which the status line names). */
static unsigned apply(struct overlay *o, struct tui *t, size_t idx)
{
	struct searchview *sv = o->priv;
	if (idx >= sv->ss.n) return R_NONE;
	const struct search_entry *e = sv->ss.e[idx];
	struct strbuf q = STRBUF_INIT;
	strbuf_addf(&q, "@%s", e->name);
	if (!sv->ss.q[idx]) { /* say why, at the query's own position */
		struct query_error err = {0};
		struct query_names names = search_set_names(&sv->ss);
		names.self = e->name;
		query_free(query_parse_names(e->query, &t->d, &names, &err));
		context_message(t, true, "%s:%d:%d: search '%s': %s", e->path, e->line,
			    e->col + err.col - 1, e->name, err.msg ? err.msg : "bad query");
		query_error_free(&err);
		strbuf_free(&q);
		return R_DRAW_ALL;
	}
	overlay_close(t, o);
	if (filter_choose(t, q.buf, q.buf))
		t->focus = PANE_LIST;
	strbuf_free(&q);
	return R_DRAW_ALL;
}

static unsigned searches_key(struct overlay *o, struct tui *t, const struct key *k)
{
	struct searchview *sv = o->priv;
	if (k->code == K_MOUSE) return R_NONE;
	if (k->code >= '1' && k->code <= '9' && !k->mods)
		return apply(o, t, (size_t)(k->code - '1'));
	enum action a = keymap_lookup(&t->km, KP_SEARCHES, k);
	if (k->code == K_ESC && !k->mods) a = ACT_QUIT;
	struct rect r = box(t);
	switch (a) {
	case ACT_QUIT: case ACT_SEARCHES:
		overlay_close(t, o);
		return R_DRAW_ALL;
	case ACT_OPEN:
		return apply(o, t, sv->list.sel);
	case ACT_HELP:
		return overlay_help_open(t);
	default:
		if (listbox_move(&sv->list, a, sv->ss.n, 1, r.rows - 3)) return R_DRAW_ALL;
		return R_NONE;
	}
}

/* ---- saving from the filter prompt ---- */

static unsigned name_done(struct tui *t, enum prompt_result r);

static void ask_again(struct tui *t, const char *name, const char *why)
{
	char *again = xstrdup(name);
	prompt_open(&t->prompt, PROMPT_SEARCH_NAME, "save search as: ", again);
	prompt_set_note(&t->prompt, why, true, -1);
	t->prompt_done = name_done;
	free(again);
}

/* The name prompt: checked as it is typed; on Enter saved, then applied
 * as @NAME. */
static unsigned name_done(struct tui *t, enum prompt_result r)
{
	const char *name = prompt_text(&t->prompt);
	struct strbuf why = STRBUF_INIT;
	unsigned out = R_DRAW_ALL;
	if (r == PROMPT_CHANGED) {
		const char *p = *name ? searchset_name_problem(t, name, &why) : NULL;
		prompt_set_note(&t->prompt, p, p != NULL, -1);
		out = R_DRAW_STATUS;
	} else if (r == PROMPT_CANCEL) {
		searchset_pending_set(t, NULL);
		t->prompt_done = NULL;
		context_message(t, false, "Not saved.");
	} else if (r == PROMPT_ACCEPT) {
		t->prompt_done = NULL;
		const char *problem = searchset_name_problem(t, name, &why);
		if (problem) {
			ask_again(t, name, problem);
		} else if (searchset_save(t, name) == 0) {
			struct strbuf ref = STRBUF_INIT;
			strbuf_addf(&ref, "@%s", name);
			if (filter_set(t, ref.buf))
				context_message(t, false, "Saved as %s: %zu of %zu articles (S lists it).",
						ref.buf, fold_matched(t), t->d.coll.n);
			strbuf_free(&ref);
		}
		if (!problem) searchset_pending_set(t, NULL);
	} else {
		out = R_NONE;
	}
	strbuf_free(&why);
	return out;
}

unsigned overlay_searches_save_open(struct tui *t)
{
	if (!prompt_active(&t->prompt) || t->prompt.kind != PROMPT_FILTER) return R_NONE;
	const char *a = prompt_text(&t->prompt), *e = a + strlen(a);
	while (*a == ' ' || *a == '\t') a++;
	while (e > a && (e[-1] == ' ' || e[-1] == '\t')) e--;
	if (e == a) {
		prompt_set_note(&t->prompt, "type a query to save", true, -1);
		return R_DRAW_STATUS;
	}
	char *q = xstrndup(a, (size_t)(e - a));
	/* Enter first: the filter applies (or stays open on an error) */
	const struct key enter = {.code = K_ENTER};
	enum prompt_result pr = prompt_handle_key(&t->prompt, &enter);
	unsigned r = R_DRAW_ALL;
	if (t->prompt_done) r |= t->prompt_done(t, pr);
	if (prompt_active(&t->prompt)) {
		free(q);
		return r;
	}
	searchset_pending_set(t, q);
	prompt_open(&t->prompt, PROMPT_SEARCH_NAME, "save search as: ", NULL);
	t->prompt_done = name_done;
	return r;
}

static const struct overlay_ops searches_ops = {"searches", searches_draw, searches_key,
						 searches_close};
