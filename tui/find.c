/* SPDX-License-Identifier: MIT
 * Finding in the article list: the filter (f opens a query prompt that
 * filters as you type, F clears) and the title search (/ n N in the list).
 * Every query evaluation goes through filter_eval(), the one place where a
 * full-text index can plug in (struct query_env's text_match). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/bgjob.h"
#include "core/ftsindex.h"
#include "core/query.h"
#include "core/utf8.h"
#include "core/util.h"
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

static void fts_progress(void *ctx, size_t done, size_t total)
{
	bgjob_set_progress(ctx, done, total);
}

/* The build, on the job's thread: nothing else touches t->fts or changes
 * t->d.coll while it runs (load.c joins it before any reload). */
static int fts_build(struct bgjob *job, void *arg)
{
	struct tui *t = arg;
	char *err = NULL;
	long n = ftsindex_refresh(t->fts, &t->d.coll, job ? fts_progress : NULL, job,
				  job ? bgjob_cancel_flag(job) : NULL, &err);
	free(err);
	return n < 0 ? -1 : 0;
}

/* The full-text index, opened by the first filter (or filter prompt) and
 * brought up to date in the background; until it is, body terms are
 * answered by reading the files, as without an index. Headless (screen
 * tests) it is built on the spot, so that screens do not depend on timing. */
void find_fts_start(struct tui *t)
{
	if (t->fts_tried || t->no_cache || !t->d.coll.root || t->bg) return;
	t->fts_tried = true;
	char *err = NULL;
	t->fts = ftsindex_open(t->d.coll.root, &err);
	if (t->fts && err) tui_message(t, true, "%s", err); /* damaged, rebuilt: said once */
	free(err);
	if (!t->fts) return;
	if (t->headless) {
		if (ftsindex_refresh(t->fts, &t->d.coll, NULL, NULL, NULL, &err) < 0) {
			free(err);
			ftsindex_close(t->fts);
			t->fts = NULL;
		}
		return;
	}
	t->fts_job = bgjob_start(fts_build, t);
}

unsigned find_fts_poll(struct tui *t)
{
	if (!t->fts_job) return R_NONE;
	if (!bgjob_finished(t->fts_job)) {
		if (util_now_ms() - t->progress_ms < 100) return R_NONE;
		t->progress_ms = util_now_ms();
		size_t done, total;
		bgjob_progress(t->fts_job, &done, &total);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "indexing text: %zu%%%s", total ? done * 100 / total : 0,
			    t->filter_waiting ? ", then the filter" : "");
		bool changed = strcmp(sb.buf ? sb.buf : "", strbuf_str(&t->progress)) != 0;
		strbuf_free(&t->progress);
		t->progress = sb;
		return changed ? R_DRAW_STATUS : R_NONE;
	}
	int rc = bgjob_join(t->fts_job);
	t->fts_job = NULL;
	strbuf_reset(&t->progress);
	if (rc < 0) {
		ftsindex_close(t->fts);
		t->fts = NULL;
	}
	unsigned r = R_DRAW_STATUS | find_idle(t); /* a filter that waited for the index */
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
	if (query_needs_body(q)) find_fts_start(t);
	struct query_env env = {&t->d, env_is_read, env_is_marked, t,
				t->fts && !t->fts_job ? env_text_match : NULL};
	size_t *out = xcalloc(n + 1, sizeof *out);
	long t0 = (long)util_now_ms();
	size_t m = query_filter(q, &env, NULL, n, out);
	if (query_needs_body(q)) t->filter_ms = (long)util_now_ms() - t0;
	char *note = ftsindex_take_note(t->fts);
	if (note) { /* damage found while answering (from the files instead): rebuild */
		tui_message(t, true, "%s", note);
		free(note);
		if (t->headless) fts_build(NULL, t);
		else t->fts_job = bgjob_start(fts_build, t);
	}
	bool *match = xcalloc(n + 1, sizeof *match);
	for (size_t i = 0; i < m; i++) match[out[i]] = true;
	free(out);
	*nmatch = m;
	return match;
}

void find_apply(struct tui *t)
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
	if (query_needs_body(q)) find_fts_start(t);
	if (!live && query_needs_body(q) && t->fts_job) {
		/* reading every file now could take seconds: apply it once the
		 * index is ready (find_fts_poll); the list stays as it is */
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
	find_apply(t);
	if (prompt_active(&t->prompt)) {
		struct strbuf sb = STRBUF_INIT;
		if (match) strbuf_addf(&sb, "%zu of %zu", m, t->d.coll.n);
		prompt_set_note(&t->prompt, sb.buf, false, -1);
		strbuf_free(&sb);
	}
	return 1;
}

bool find_filter_set(struct tui *t, const char *text)
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
		find_apply(t);
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
	if (t->msg_error && t->msg.len) /* said while typing (a damaged index): keep it */
		;
	else if (t->filter_waiting)
		tui_message(t, false, "The filter will apply once the text is indexed.");
	else if (t->filter)
		tui_message(t, false, "%zu of %zu articles match.", t->norder, t->d.coll.n);
	else
		tui_message(t, false, "Filter cleared.");
	return R_DRAW_ALL;
}

unsigned find_filter_open(struct tui *t)
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
	strbuf_reset(&t->msg);
	if (!t->headless) find_fts_start(t); /* ready, most often, before a word is typed */
	return R_DRAW_STATUS;
}

unsigned find_filter_clear(struct tui *t)
{
	if (!t->filter && !t->filter_waiting) {
		tui_message(t, false, "No filter to clear.");
		return R_DRAW_STATUS;
	}
	find_filter_set(t, NULL);
	tui_message(t, false, "Filter cleared: %zu articles.", t->norder);
	return R_DRAW_ALL;
}

static void titles_free(struct tui *t)
{
	for (size_t i = 0; i < t->nftitles; i++) free(t->ftitles[i]);
	free(t->ftitles);
	t->ftitles = NULL;
	t->nftitles = 0;
}

void find_reload(struct tui *t)
{
	free(t->fmatch);
	t->fmatch = NULL;
	titles_free(t);
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

bool find_idle_pending(const struct tui *t)
{
	return t->filter_deferred && prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER;
}

unsigned find_idle(struct tui *t)
{
	if (!find_idle_pending(t) || t->fts_job) return R_NONE; /* see find_fts_poll */
	filter_try(t, prompt_text(&t->prompt), false);
	return R_DRAW_ALL;
}

void find_free(struct tui *t)
{
	titles_free(t);
	free(t->filter);
	free(t->filter_waiting);
	t->filter_waiting = NULL;
	free(t->fmatch);
	free(t->list_needle);
	saved_free(t);
	t->filter = NULL;
	t->fmatch = NULL;
	t->list_needle = NULL;
}

/* ---- title search in the list ---- */

static const char *folded_title(struct tui *t, size_t art)
{
	if (!t->ftitles) {
		t->ftitles = xcalloc(t->d.coll.n + 1, sizeof *t->ftitles);
		t->nftitles = t->d.coll.n;
	}
	if (!t->ftitles[art]) {
		const char *s = t->d.coll.items[art].title;
		t->ftitles[art] = utf8_fold(s, strlen(s), NULL);
	}
	return t->ftitles[art];
}

/* The list index of the next title holding needle, from index from in
 * direction dir (wrapping), or -1. *wrapped tells whether it went round. */
static long title_find(struct tui *t, const char *needle, size_t from, int dir, bool *wrapped)
{
	*wrapped = false;
	size_t n = t->norder;
	if (n == 0) return -1;
	char *fn = utf8_fold(needle, strlen(needle), NULL);
	long found = -1;
	if (*fn) {
		for (size_t k = 0; k < n; k++) {
			size_t i = dir > 0 ? (from + k) % n : (from + n - k % n) % n;
			if (strstr(folded_title(t, t->order[i]), fn)) {
				found = (long)i;
				*wrapped = dir > 0 ? i < from : i > from;
				break;
			}
		}
	}
	free(fn);
	return found;
}

static unsigned list_search_done(struct tui *t, enum prompt_result r)
{
	struct pane *p = &t->panes[PANE_LIST];
	const char *text = prompt_text(&t->prompt);
	if (r == PROMPT_CANCEL) {
		p->sel = t->fsaved.sel;
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	bool wrapped;
	long i = *text ? title_find(t, text, t->fsaved.sel, 1, &wrapped) : -1;
	if (r == PROMPT_CHANGED) {
		p->sel = i >= 0 ? (size_t)i : t->fsaved.sel;
		prompt_set_note(&t->prompt, i < 0 && *text ? "no match" : NULL, i < 0, -1);
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	if (!*text) return R_NONE;
	free(t->list_needle);
	t->list_needle = xstrdup(text);
	if (i < 0) tui_message(t, true, "no match for %s", text);
	return R_DRAW_ALL;
}

unsigned find_list_search(struct tui *t)
{
	t->fsaved.sel = t->panes[PANE_LIST].sel;
	prompt_open(&t->prompt, PROMPT_LIST_SEARCH, "/", NULL);
	t->prompt_done = list_search_done;
	strbuf_reset(&t->msg);
	return R_DRAW_STATUS;
}

unsigned find_list_next(struct tui *t, int dir)
{
	if (!t->list_needle) {
		tui_message(t, false, "No search yet: / searches the titles.");
		return R_DRAW_STATUS;
	}
	struct pane *p = &t->panes[PANE_LIST];
	size_t n = t->norder;
	if (n == 0) return R_NONE;
	bool wrapped;
	long i = title_find(t, t->list_needle, dir > 0 ? (p->sel + 1) % n : (p->sel + n - 1) % n,
			    dir, &wrapped);
	if (i < 0) {
		tui_message(t, true, "no match for %s", t->list_needle);
		return R_DRAW_STATUS;
	}
	/* went round when the hit is not strictly on the side we moved to */
	bool round = dir > 0 ? (size_t)i <= p->sel : (size_t)i >= p->sel;
	p->sel = (size_t)i;
	if (round) tui_message(t, false, "search wrapped to %s", dir > 0 ? "top" : "bottom");
	return R_DRAW_LIST | R_DRAW_STATUS;
}
