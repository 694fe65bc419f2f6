/* SPDX-License-Identifier: MIT
 * The filter prompt (f opens a query prompt that filters the article list
 * as you type, F clears it) and the full-text index behind it.
 * A query is parsed here, on the loop's thread (errors show at once), and
 * matched on another (core/find/bgfilter.h) while keys keep coming; the result
 * is applied when that job ends, if its query is still the one wanted.
 * What a query is judged against, and the getters: tui/filter_env.c. */
#include "tui/filter.h"
#include "tui/filter_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/find/bgfilter.h"
#include "core/find/bgindex.h"
#include "core/find/foldtitles.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/find/query_bits.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/fold.h"
#include "tui/load.h"
#include "tui/searchset.h"
#include "tui/listorder.h"
#include "tui/tui.h"

/* A body-reading filter slower than this is no longer run on every key:
 * it waits for Enter or a pause in typing. */
#define FILTER_LIVE_MS 40
/* How long typing waits for a match before it goes on in the background
 * (most queries end well within it: no "filtering" flicker). */
#define FILTER_WAIT_MS 20

/* Stop the running match, if any, and drop what it found. */
static void job_drop(struct tui *t)
{
	struct filter *f = f_of(t);
	if (!f->job) return;
	size_t *out;
	struct foldtitles *ft;
	bgfilter_finish_titles(f->job, true, &out, NULL, &ft);
	foldtitles_keep(&f->titles, ft);
	f->job = NULL;
	free(f->job_text);
	f->job_text = NULL;
	f->job_fts = false;
	strbuf_reset(&f->job_note);
}

/* The index answers for article numbers of one load: stop its build and
 * close it before the collection changes. */
void filter_index_drop(struct tui *t)
{
	struct filter *f = t->filter;
	if (!f) return;
	if (f->job && !f->job_live && !f->rerun) f->rerun = xstrdup(f->job_text); /* filter_reload */
	job_drop(t); /* it reads the collection that goes */
	foldtitles_free(f->titles); /* folded from it: no job holds it now */
	f->titles = NULL;
	if (f->fts_job) bgindex_finish(f->fts_job, true); /* NULL: cancelled */
	f->fts_job = NULL;
	ftsindex_close(f->fts);
	f->fts = NULL;
	f->fts_tried = false;
	strbuf_reset(&f->progress);
}

static int filter_try(struct tui *t, const char *text, bool live);

/* The count on the message line, remembered as the filter's own message
 * so that a new collection can say it again (filter_recount). */
void filter_say_count(struct tui *t, const char *prefix)
{
	struct filter *f = f_of(t);
	char *keep = prefix ? xstrdup(prefix) : NULL; /* prefix may be f->said_prefix */
	fold_say_count(t, keep, load_partial(t));
	free(f->said_prefix);
	f->said_prefix = keep;
	f->said_gen = t->log.gen;
}

/* Parse a filter with @NAME resolved through the saved searches in effect. */
static struct query *filter_parse(struct tui *t, const char *text, struct query_error *err)
{
	struct searches all;
	struct search_set ss;
	struct diag_list ignored = DIAG_LIST_INIT; /* the searches view tells them */
	searchset_build(t, &all, &ss, &ignored);
	diag_list_free(&ignored);
	struct query_names names = search_set_names(&ss);
	struct query *q = query_parse_names(text, &t->d, &names, err);
	search_set_free(&ss);
	searches_free(&all);
	return q;
}

/* The full-text index, opened by the first filter (or filter prompt) and
 * brought up to date in the background (core/find/bgindex.h); until it is, body
 * terms are answered by reading the files, as without an index. Headless
 * (screen tests) it is built on the spot, so that screens do not depend on
 * timing. */
static void index_start(struct tui *t, bool say)
{
	struct filter *f = f_of(t);
	if (f->fts_tried || t->no_cache || !t->d.coll.root || load_running(t)) return;
	f->fts_tried = true;
	char *note = NULL;
	if (t->headless) f->fts = bgindex_build_now(&t->d.coll, &note);
	else f->fts_job = bgindex_start(&t->d.coll, &note);
	/* an index found damaged and rebuilt: said once */
	if (say && note && (f->fts || f->fts_job)) context_message(t, true, "%s", note);
	free(note);
}

void filter_index_start(struct tui *t) { index_start(t, true); }

unsigned filter_index_poll(struct tui *t)
{
	struct filter *f = f_of(t);
	if (!f->fts_job) return R_NONE;
	if (!bgindex_finished(f->fts_job)) {
		if (util_now_ms() - f->progress_ms < 100) return R_NONE;
		f->progress_ms = util_now_ms();
		size_t done, total;
		bgindex_progress(f->fts_job, &done, &total);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "indexing text: %zu%%%s", total ? done * 100 / total : 0,
			    f->waiting ? ", then the filter" : "");
		bool changed = strcmp(sb.buf ? sb.buf : "", strbuf_str(&f->progress)) != 0;
		strbuf_free(&f->progress);
		f->progress = sb;
		return changed ? R_DRAW_STATUS : R_NONE;
	}
	f->fts = bgindex_finish(f->fts_job, false);
	f->fts_job = NULL;
	strbuf_reset(&f->progress);
	unsigned r = R_DRAW_STATUS | filter_idle(t); /* a filter that waited for the index */
	if (f->waiting) {
		char *w = f->waiting;
		f->waiting = NULL;
		if (filter_try(t, w, false) == 1) /* else said when its match ends */
			filter_say_count(t, f->said_prefix);
		free(w);
		r |= R_DRAW_ALL;
	}
	return r;
}

/* The damage note on the message line, once. */
static void say_damage(struct tui *t)
{
	struct filter *f = f_of(t);
	context_message(t, true, "%s", f->damage);
	free(f->damage);
	f->damage = NULL;
}

/* Damage the index found while answering (the files answered instead):
 * say so and rebuild it. */
static void index_note(struct tui *t)
{
	struct filter *f = f_of(t);
	char *note = ftsindex_take_note(f->fts);
	if (!note) return;
	context_message(t, true, "%s", note);
	free(f->damage);
	f->damage = note; /* said again when the prompt closes, before any count */
	ftsindex_close(f->fts);
	f->fts = NULL;
	f->fts_tried = false;
	index_start(t, false); /* its note would say the same again */
}

/* A per-article table from a match's list (out is freed). */
static bool *match_table(const struct tui *t, size_t *out, long m)
{
	bool *match = xcalloc(t->d.coll.n + 1, sizeof *match);
	for (long i = 0; i < m; i++) match[out[i]] = true;
	free(out);
	return match;
}

/* Evaluate q (freed) over the whole collection now, into a fresh table. */
static bool *filter_eval(struct tui *t, struct query *q, size_t *nmatch)
{
	struct filter *f = f_of(t);
	bool body = query_needs_body(q);
	if (body) filter_index_start(t);
	struct query_env env = filter_env(t);
	size_t *out;
	long ms;
	struct foldtitles *ft;
	struct bgfilter *b = bgfilter_start_titles(q, &env, body && filter_index_ready(t) ? f->fts : NULL,
						   foldtitles_lend(&f->titles));
	long m = bgfilter_finish_titles(b, false, &out, &ms, &ft);
	foldtitles_keep(&f->titles, ft);
	if (body) f->last_ms = ms;
	index_note(t);
	*nmatch = (size_t)m;
	return match_table(t, out, m);
}

/* The status line's note for the running match; true when it changed. */
static bool job_progress(struct tui *t)
{
	struct filter *f = f_of(t);
	if (f->job_note.len && util_now_ms() - f->job_note_ms < 100) return false;
	f->job_note_ms = util_now_ms();
	size_t done, total;
	bgfilter_progress(f->job, &done, &total);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "filtering%s %zu%%", context_glyph(t, "…", "..."),
		    total ? done * 100 / total : 0);
	bool changed = strcmp(sb.buf, strbuf_str(&f->job_note)) != 0;
	strbuf_free(&f->job_note);
	f->job_note = sb;
	return changed;
}

/* The running match ended: its result becomes the filter. say: tell how
 * many match on the message line (an accepted query ending late). */
static void job_end(struct tui *t, bool say)
{
	struct filter *f = f_of(t);
	size_t *out;
	long ms;
	struct foldtitles *ft;
	long m = bgfilter_finish_titles(f->job, false, &out, &ms, &ft);
	foldtitles_keep(&f->titles, ft);
	f->job = NULL;
	char *text = f->job_text;
	f->job_text = NULL;
	f->job_fts = false;
	strbuf_reset(&f->job_note);
	if (f->job_body) f->last_ms = ms;
	index_note(t);
	free(f->match);
	f->match = match_table(t, out, m);
	free(f->text);
	f->text = text;
	filter_apply(t);
	if (prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER) {
		if (t->prompt.note_held) return; /* Tab's list; the status line counts */
		struct strbuf sb = STRBUF_INIT; /* as the status line counts it */
		fold_count_text(t, &sb, false);
		prompt_set_note(&t->prompt, sb.buf, false, -1);
		strbuf_free(&sb);
	} else if (f->damage) {
		say_damage(t);
	} else if (say && !f->job_live && !(t->msg_error && t->msg.len)) {
		filter_say_count(t, f->said_prefix); /* the name it was chosen by */
	}
}

unsigned filter_job_poll(struct tui *t)
{
	struct filter *f = t->filter;
	if (!f || !f->job) return R_NONE;
	if (!bgfilter_finished(f->job)) return job_progress(t) ? R_DRAW_STATUS : R_NONE;
	job_end(t, true);
	return R_DRAW_ALL;
}

void filter_apply(struct tui *t)
{
	struct filter *f = f_of(t);
	long keep = t->norder && t->order ? (long)t->order[t->panes[PANE_LIST].sel] : -1;
	size_t m = listorder_build(t, f->match); /* t->order, t->norder, t->list_gen */
	struct pane *p = &t->panes[PANE_LIST];
	/* while typing a filter, the article selected when f was pressed
	 * comes back as soon as it matches again */
	long anchor = prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER
			      ? f->saved.anchor : -1;
	p->sel = 0;
	bool found = false;
	for (size_t i = 0; anchor >= 0 && i < m && !found; i++)
		if (t->order[i] == (size_t)anchor) p->sel = i, found = true;
	for (size_t i = 0; keep >= 0 && i < m && !found; i++)
		if (t->order[i] == (size_t)keep) p->sel = i, found = true;
	if (p->top > p->sel) p->top = p->sel;
	fold_apply(t); /* copies of one text as one row */
}

/* Parse text and, unless deferring body terms, match it. Returns 1 when
 * applied, 2 when its match runs on (filter_job_poll applies it), 0 when
 * deferred, -1 on a parse error (note set in the prompt
 * when it is open, else the message line). */
static int filter_try(struct tui *t, const char *text, bool live)
{
	struct filter *f = f_of(t);
	struct query_error err = {0};
	struct query *q = filter_parse(t, text, &err);
	if (!q) {
		long off = (long)utf8_offset_of_cp(text, strlen(text), err.col > 0 ? (size_t)err.col - 1 : 0);
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "col %d: %s", err.col, err.msg ? err.msg : "bad query");
		if (prompt_active(&t->prompt)) prompt_set_note(&t->prompt, sb.buf, true, off);
		else context_message(t, true, "filter: %s", sb.buf);
		strbuf_free(&sb);
		query_error_free(&err);
		return -1;
	}
	f->deferred = false;
	if (!live) { /* a filter applied now replaces one waiting for the index */
		free(f->waiting);
		f->waiting = NULL;
	}
	if (query_needs_body(q)) filter_index_start(t);
	if (!live && query_needs_body(q) && f->fts_job) {
		/* reading every file now could take seconds: apply it once the
		 * index is ready (filter_index_poll); the list stays as it is */
		f->waiting = xstrdup(text);
		job_drop(t); /* an older query's match: no longer wanted */
		query_free(q);
		return 0;
	}
	if (live && query_needs_body(q) && (f->last_ms > FILTER_LIVE_MS || f->fts_job)) {
		/* reading every file on each key would stall typing */
		f->deferred = true;
		job_drop(t);
		prompt_set_note(&t->prompt, f->fts_job ? "searching the text once it is indexed"
							   : "searching the text after a pause or Enter",
				false, -1);
		query_free(q);
		return 0;
	}
	const char *a = text, *e = text + strlen(text); /* shown without outer blanks */
	while (*a == ' ' || *a == '\t') a++;
	while (e > a && (e[-1] == ' ' || e[-1] == '\t')) e--;
	size_t len = (size_t)(e - a);
	if (f->job && strlen(f->job_text) == len && memcmp(f->job_text, a, len) == 0) {
		/* the query already being matched (Enter after typing it) */
		query_free(q);
		f->job_live = f->job_live && live;
		return 2;
	}
	job_drop(t); /* typing on: the last query is no longer wanted */
	if (!len) {
		query_free(q);
		free(f->match);
		f->match = NULL;
		free(f->text);
		f->text = NULL;
		filter_apply(t);
		if (prompt_active(&t->prompt)) prompt_set_note(&t->prompt, NULL, false, -1);
		return 1;
	}
	f->job_body = query_needs_body(q);
	if (f->job_body) filter_index_start(t);
	struct query_env env = filter_env(t);
	f->job_fts = f->job_body && filter_index_ready(t);
	f->job = bgfilter_start_titles(q, &env, f->job_fts ? f->fts : NULL, foldtitles_lend(&f->titles));
	f->job_text = xstrndup(a, len);
	f->job_live = live;
	/* headless (screen tests): at once, so that screens do not depend on timing */
	if (t->headless || bgfilter_wait(f->job, FILTER_WAIT_MS)) {
		job_end(t, false);
		return 1;
	}
	job_progress(t);
	if (prompt_active(&t->prompt))
		prompt_set_note(&t->prompt, strbuf_str(&f->job_note), false, -1);
	return 2;
}

bool filter_set(struct tui *t, const char *text)
{
	return filter_try(t, text ? text : "", false) == 1;
}

static void saved_free(struct tui *t)
{
	struct filter *f = f_of(t);
	free(f->saved.text);
	free(f->saved.match);
	memset(&f->saved, 0, sizeof f->saved);
	f->saved.anchor = -1;
}

/* The message once a filter is chosen (Enter in the prompt, a tag or a
 * saved search picked): its count, or that its match or the index is still
 * running; the count then comes when it ends, still named by prefix (the
 * saved search's "@name", or NULL). */
static void say_chosen(struct tui *t, const char *prefix)
{
	struct filter *f = f_of(t);
	if (f->damage) { /* found while typing, hidden by the prompt: say it now */
		say_damage(t);
		return;
	}
	if (t->msg_error && t->msg.len) /* said while typing: keep it */
		return;
	if (!f->waiting && !f->job) {
		if (f->text) filter_say_count(t, prefix);
		else context_message(t, false, "Filter cleared.");
		return;
	}
	if (f->waiting)
		context_message(t, false, "The filter will apply once the text is indexed.");
	else
		context_message(t, false, "Filtering%s", context_glyph(t, "…", "..."));
	f->said_gen = t->log.gen; /* a new collection answers it (filter_recount) */
	free(f->said_prefix);
	f->said_prefix = prefix ? xstrdup(prefix) : NULL; /* for the count when it ends */
}

static unsigned filter_done(struct tui *t, enum prompt_result r)
{
	struct filter *f = f_of(t);
	const char *text = prompt_text(&t->prompt);
	if (r == PROMPT_CHANGED) {
		filter_try(t, text, true);
		return R_DRAW_ALL;
	}
	if (r == PROMPT_CANCEL) { /* back to the filter from before */
		job_drop(t);
		free(f->text);
		free(f->match);
		f->text = f->saved.text;
		f->match = f->saved.match;
		f->saved.text = NULL;
		f->saved.match = NULL;
		f->deferred = false;
		filter_apply(t);
		for (size_t i = 0; f->saved.anchor >= 0 && i < t->norder; i++)
			if (t->order[i] == (size_t)f->saved.anchor) t->panes[PANE_LIST].sel = i;
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
	say_chosen(t, NULL);
	return R_DRAW_ALL;
}

bool filter_choose(struct tui *t, const char *text, const char *prefix)
{
	strbuf_reset(&t->msg); /* an older message must not stand for this one */
	if (filter_try(t, text, false) < 0) return false;
	prompt_history_add(&t->prompt, PROMPT_FILTER, text);
	say_chosen(t, prefix);
	return true;
}

unsigned filter_open(struct tui *t)
{
	struct filter *f = f_of(t);
	saved_free(t);
	f->saved.text = f->text ? xstrdup(f->text) : NULL;
	if (f->job) f->job_live = true; /* its end now shows in the prompt */
	f->saved.anchor = t->norder ? (long)t->order[t->panes[PANE_LIST].sel] : -1;
	if (f->match) {
		f->saved.match = xcalloc(t->d.coll.n + 1, sizeof *f->saved.match);
		memcpy(f->saved.match, f->match, t->d.coll.n * sizeof *f->match);
	}
	prompt_open(&t->prompt, PROMPT_FILTER, "filter: ", f->job ? f->job_text : f->text);
	t->prompt_done = filter_done;
	strbuf_reset(&t->msg);
	if (!t->headless) filter_index_start(t); /* ready, most often, before a word is typed */
	return R_DRAW_STATUS;
}

unsigned filter_clear(struct tui *t)
{
	struct filter *f = f_of(t);
	if (!f->text && !f->waiting && !f->job) {
		context_message(t, false, "No filter to clear.");
		return R_DRAW_STATUS;
	}
	filter_set(t, NULL);
	context_message(t, false, "Filter cleared: %zu articles.", t->norder);
	return R_DRAW_ALL;
}

void filter_reload(struct tui *t)
{
	struct filter *f = f_of(t);
	if (f->waiting) filter_index_start(t); /* its index went with the old load */
	free(f->match);
	f->match = NULL;
	if (f->rerun) { /* an accepted query whose match the reload stopped */
		free(f->text);
		f->text = f->rerun;
		f->rerun = NULL;
		f->rerun_said = true; /* "Filtering…" waits for its count */
	}
	if (!f->text) return;
	char *text = f->text;
	f->text = NULL;
	struct query_error err = {0};
	struct query *q = filter_parse(t, text, &err);
	if (q) { /* now, as before the reload: the list must not flash unfiltered */
		size_t m;
		f->match = filter_eval(t, q, &m);
		f->text = text;
	} else { /* a field that vanished with an edit, say */
		context_message(t, true, "filter dropped: col %d: %s", err.col, err.msg);
		query_error_free(&err);
		free(text);
	}
}

void filter_recount(struct tui *t)
{
	struct filter *f = f_of(t);
	bool owed = f->rerun_said && !(t->msg_error && t->msg.len); /* as job_end says it */
	bool shown = t->msg.len && f->said_gen == t->log.gen;  /* still on the message line */
	f->rerun_said = false;
	if (f->text && (owed || shown)) filter_say_count(t, f->said_prefix);
}

bool filter_idle_pending(const struct tui *t)
{
	struct filter *f = f_of(t);
	return f->deferred && prompt_active(&t->prompt) && t->prompt.kind == PROMPT_FILTER;
}

unsigned filter_idle(struct tui *t)
{
	struct filter *f = f_of(t);
	if (!filter_idle_pending(t) || f->fts_job) return R_NONE; /* see filter_index_poll */
	filter_try(t, prompt_text(&t->prompt), false);
	return R_DRAW_ALL;
}

void filter_free(struct tui *t)
{
	struct filter *f = t->filter;
	if (!f) return;
	filter_index_drop(t);
	free(f->text);
	free(f->waiting);
	free(f->match);
	free(f->rerun);
	free(f->said_prefix);
	free(f->damage);
	saved_free(t);
	strbuf_free(&f->progress);
	strbuf_free(&f->job_note);
	free(f);
	t->filter = NULL;
}
