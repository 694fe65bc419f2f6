/* SPDX-License-Identifier: MIT
 * The filter prompt (f opens a query prompt that filters the article list
 * as you type, F clears it) and the full-text index behind it.
 * Every query evaluation goes through filter_eval(), the one place where a
 * full-text index can plug in (struct query_env's text_match). */
#include "tui/filter.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bgindex.h"
#include "core/ftsindex.h"
#include "core/query.h"
#include "core/utf8.h"
#include "core/util.h"
#include "tui/context.h"
#include "tui/tui.h"

/* A body-reading filter slower than this is no longer run on every key:
 * it waits for Enter or a pause in typing. */
#define FILTER_LIVE_MS 40

static bool env_is_read(void *ctx, size_t art)
{
	return tui_is_read(ctx, art);
}

static bool env_is_marked(void *ctx, size_t art)
{
	const struct tui *t = ctx;
	return t->marks.count && t->marks.count(t->marks.ctx, art) > 0;
}

static int env_text_match(void *ctx, size_t art, const char *const *words, size_t n)
{
	const struct tui *t = ctx;
	return ftsindex_text_match(t->fts, art, words, n);
}

static int filter_try(struct tui *t, const char *text, bool live);

/* The full-text index, opened by the first filter (or filter prompt) and
 * brought up to date in the background (core/bgindex.h); until it is, body
 * terms are answered by reading the files, as without an index. Headless
 * (screen tests) it is built on the spot, so that screens do not depend on
 * timing. */
void filter_index_start(struct tui *t)
{
	if (t->fts_tried || t->no_cache || !t->d.coll.root || t->bg) return;
	t->fts_tried = true;
	char *note = NULL;
	if (t->headless) t->fts = bgindex_build_now(&t->d.coll, &note);
	else t->fts_job = bgindex_start(&t->d.coll, &note);
	free(note);
}

unsigned filter_index_poll(struct tui *t)
{
	if (!t->fts_job) return R_NONE;
	if (!bgindex_finished(t->fts_job)) {
		if (util_now_ms() - t->progress_ms < 100) return R_NONE;
		t->progress_ms = util_now_ms();
		size_t done, total;
		bgindex_progress(t->fts_job, &done, &total);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "indexing text: %zu%%%s", total ? done * 100 / total : 0,
			    t->filter_waiting ? ", then the filter" : "");
		bool changed = strcmp(sb.buf ? sb.buf : "", strbuf_str(&t->progress)) != 0;
		strbuf_free(&t->progress);
		t->progress = sb;
		return changed ? R_DRAW_STATUS : R_NONE;
	}
	t->fts = bgindex_finish(t->fts_job, false);
	t->fts_job = NULL;
	strbuf_reset(&t->progress);
	unsigned r = R_DRAW_STATUS | filter_idle(t); /* a filter that waited for the index */
	if (t->filter_waiting) {
		char *w = t->filter_waiting;
		t->filter_waiting = NULL;
		if (filter_try(t, w, false) > 0)
			tui_message(t, false, "%zu of %zu articles match.", t->norder, t->d.coll.n);
		free(w);
		r |= R_DRAW_ALL;
	}
	return r;
}

/* Evaluate q over the whole collection into a fresh per-article table. */
static bool *filter_eval(struct tui *t, const struct query *q, size_t *nmatch)
{
	size_t n = t->d.coll.n;
	if (query_needs_body(q)) filter_index_start(t);
	struct query_env env = {&t->d, env_is_read, env_is_marked, t,
				t->fts && !t->fts_job ? env_text_match : NULL};
	size_t *out = xcalloc(n + 1, sizeof *out);
	long t0 = (long)util_now_ms();
	size_t m = query_filter(q, &env, NULL, n, out);
	if (query_needs_body(q)) t->filter_ms = (long)util_now_ms() - t0;
	bool *match = xcalloc(n + 1, sizeof *match);
	for (size_t i = 0; i < m; i++) match[out[i]] = true;
	free(out);
	*nmatch = m;
	return match;
}

void filter_apply(struct tui *t)
{
	long keep = t->norder && t->order ? (long)t->order[t->panes[PANE_LIST].sel] : -1;
	size_t n = t->d.coll.n, m = 0;
	free(t->order);
	t->order = xcalloc(n + 1, sizeof *t->order);
	for (size_t i = 0; t->sorted && i < n; i++)
		if (!t->fmatch || t->fmatch[t->sorted[i]]) t->order[m++] = t->sorted[i];
	t->norder = m;
	struct pane *p = &t->panes[PANE_LIST];
	/* while typing a filter, the article selected when f was pressed
	 * comes back as soon as it matches again */
	long anchor = prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER
			      ? t->fsaved.anchor : -1;
	p->sel = 0;
	bool found = false;
	for (size_t i = 0; anchor >= 0 && i < m && !found; i++)
		if (t->order[i] == (size_t)anchor) p->sel = i, found = true;
	for (size_t i = 0; keep >= 0 && i < m && !found; i++)
		if (t->order[i] == (size_t)keep) p->sel = i, found = true;
	if (p->top > p->sel) p->top = p->sel;
}

/* Parse text and, unless deferring body terms, evaluate it. Returns 1 when
 * applied, 0 when deferred, -1 on a parse error (note set in the prompt
 * when it is open, else the message line). */
static int filter_try(struct tui *t, const char *text, bool live)
{
	struct query_error err = {0};
	struct query *q = query_parse(text, &t->d, &err);
	if (!q) {
		long off = (long)utf8_offset_of_cp(text, strlen(text), err.col > 0 ? (size_t)err.col - 1 : 0);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "col %d: %s", err.col, err.msg ? err.msg : "bad query");
		if (prompt_active(&t->prompt)) prompt_set_note(&t->prompt, sb.buf, true, off);
		else tui_message(t, true, "filter: %s", sb.buf);
		strbuf_free(&sb);
		query_error_free(&err);
		return -1;
	}
	t->filter_deferred = false;
	if (!live) { /* a filter applied now replaces one waiting for the index */
		free(t->filter_waiting);
		t->filter_waiting = NULL;
	}
	if (query_needs_body(q)) filter_index_start(t);
	if (!live && query_needs_body(q) && t->fts_job) {
		/* reading every file now could take seconds: apply it once the
		 * index is ready (filter_index_poll); the list stays as it is */
		t->filter_waiting = xstrdup(text);
		query_free(q);
		return 0;
	}
	if (live && query_needs_body(q) && (t->filter_ms > FILTER_LIVE_MS || t->fts_job)) {
		/* reading every file on each key would stall typing */
		t->filter_deferred = true;
		prompt_set_note(&t->prompt, t->fts_job ? "searching the text once it is indexed"
							   : "searching the text after a pause or Enter",
				false, -1);
		query_free(q);
		return 0;
	}
	size_t m = 0;
	const char *a = text, *e = text + strlen(text); /* shown without outer blanks */
	while (*a == ' ' || *a == '\t') a++;
	while (e > a && (e[-1] == ' ' || e[-1] == '\t')) e--;
	bool *match = e > a ? filter_eval(t, q, &m) : NULL;
	query_free(q);
	free(t->fmatch);
	t->fmatch = match;
	free(t->filter);
	t->filter = match ? xstrndup(a, (size_t)(e - a)) : NULL;
	filter_apply(t);
	if (prompt_active(&t->prompt)) {
		struct strbuf sb = STRBUF_INIT;
		if (match) strbuf_addf(&sb, "%zu of %zu", m, t->d.coll.n);
		prompt_set_note(&t->prompt, sb.buf, false, -1);
		strbuf_free(&sb);
	}
	return 1;
}

bool filter_set(struct tui *t, const char *text)
{
	return filter_try(t, text ? text : "", false) == 1;
}

static void saved_free(struct tui *t)
{
	free(t->fsaved.filter);
	free(t->fsaved.fmatch);
	memset(&t->fsaved, 0, sizeof t->fsaved);
	t->fsaved.anchor = -1;
}

static unsigned filter_done(struct tui *t, enum prompt_result r)
{
	const char *text = prompt_text(&t->prompt);
	if (r == PROMPT_CHANGED) {
		filter_try(t, text, true);
		return R_DRAW_ALL;
	}
	if (r == PROMPT_CANCEL) { /* back to the filter from before */
		free(t->filter);
		free(t->fmatch);
		t->filter = t->fsaved.filter;
		t->fmatch = t->fsaved.fmatch;
		t->fsaved.filter = NULL;
		t->fsaved.fmatch = NULL;
		t->filter_deferred = false;
		filter_apply(t);
		for (size_t i = 0; t->fsaved.anchor >= 0 && i < t->norder; i++)
			if (t->order[i] == (size_t)t->fsaved.anchor) t->panes[PANE_LIST].sel = i;
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	if (filter_try(t, text, false) < 0) {
		/* keep editing: the prompt comes back with the error shown */
		char *again = xstrdup(text);
		struct prompt_history *h = &t->prompt.hist[PROMPT_FILTER];
		if (h->n && strcmp(h->v[h->n - 1], again) == 0) free(h->v[--h->n]);
		prompt_open(&t->prompt, PROMPT_FILTER, "filter: ", again);
		t->prompt_done = filter_done;
		filter_try(t, again, true);
		strbuf_reset(&t->msg);
		free(again);
		return R_DRAW_ALL;
	}
	saved_free(t);
	if (t->filter_waiting)
		tui_message(t, false, "The filter will apply once the text is indexed.");
	else if (t->filter)
		tui_message(t, false, "%zu of %zu articles match.", t->norder, t->d.coll.n);
	else
		tui_message(t, false, "Filter cleared.");
	return R_DRAW_ALL;
}

unsigned filter_open(struct tui *t)
{
	saved_free(t);
	t->fsaved.filter = t->filter ? xstrdup(t->filter) : NULL;
	t->fsaved.anchor = t->norder ? (long)t->order[t->panes[PANE_LIST].sel] : -1;
	if (t->fmatch) {
		t->fsaved.fmatch = xcalloc(t->d.coll.n + 1, sizeof *t->fsaved.fmatch);
		memcpy(t->fsaved.fmatch, t->fmatch, t->d.coll.n * sizeof *t->fmatch);
	}
	prompt_open(&t->prompt, PROMPT_FILTER, "filter: ", t->filter);
	t->prompt_done = filter_done;
	if (!t->headless) filter_index_start(t); /* ready, most often, before a word is typed */
	strbuf_reset(&t->msg);
	return R_DRAW_STATUS;
}

unsigned filter_clear(struct tui *t)
{
	if (!t->filter && !t->filter_waiting) {
		tui_message(t, false, "No filter to clear.");
		return R_DRAW_STATUS;
	}
	filter_set(t, NULL);
	tui_message(t, false, "Filter cleared: %zu articles.", t->norder);
	return R_DRAW_ALL;
}

void filter_reload(struct tui *t)
{
	free(t->fmatch);
	t->fmatch = NULL;
	if (!t->filter) return;
	char *text = t->filter;
	t->filter = NULL;
	struct query_error err = {0};
	struct query *q = query_parse(text, &t->d, &err);
	if (q) {
		size_t m;
		t->fmatch = filter_eval(t, q, &m);
		t->filter = text;
		query_free(q);
	} else { /* a field that vanished with an edit, say */
		tui_message(t, true, "filter dropped: col %d: %s", err.col, err.msg);
		query_error_free(&err);
		free(text);
	}
}

bool filter_idle_pending(const struct tui *t)
{
	return t->filter_deferred && prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER;
}

unsigned filter_idle(struct tui *t)
{
	if (!filter_idle_pending(t) || t->fts_job) return R_NONE; /* see filter_index_poll */
	filter_try(t, prompt_text(&t->prompt), false);
	return R_DRAW_ALL;
}

void filter_free(struct tui *t)
{
	free(t->filter);
	free(t->filter_waiting);
	t->filter_waiting = NULL;
	free(t->fmatch);
	saved_free(t);
	t->filter = NULL;
	t->fmatch = NULL;
}
