/* SPDX-License-Identifier: MIT
 * How the reader gets its collection without ever waiting for the disk:
 * the first screen comes from the metadata cache (a snapshot, no folder
 * scan), while the folder is scanned and changed files are read on
 * another thread (core/collection/bgload.h), with progress in the status line. When
 * that refresh ends the reader adopts its result, keeping the open
 * article, the selection, the reading position and the filter; a refresh
 * that found nothing new changes nothing on screen. The same adoption
 * serves the reload after $EDITOR. */
#include "tui/load.h"

#include "tui/tui.h"

#include <stdlib.h>
#include <string.h>

#include "core/collection/bgload.h"
#include "core/meta/metacache.h"
#include "core/state/store.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/simjob.h"
#include "tui/filter.h"
#include "tui/listsearch.h"
#include "tui/navigate.h"
#include "tui/pane_text.h"
#include "tui/sort.h"
#include "tui/state.h"

/* The load's own state, owned by struct tui (t->load) and seen by no other
 * file: they ask load_running and load_status. */
struct load {
	struct bgload *bg;         /* owned: the load or refresh running, or NULL */
	bool snapshot;             /* t->d came from the cache; the refresh has not ended */
	bool reload_asked;         /* the refresh was asked for (R): say when nothing changed */
	bool pending;              /* the load waits for the first screen to be shown */
	struct metacache *cache;   /* owned: the cache it will use, until it starts */
	struct strbuf progress;    /* the status line's note while loading */
	double progress_ms;        /* when it was last updated: at most 10 a second */
};

static struct load *l_of(struct tui *t)
{
	if (!t->load) t->load = xcalloc(1, sizeof *t->load);
	return t->load;
}

bool load_running(const struct tui *t)
{
	return t->load && (t->load->bg || t->load->pending);
}

const char *load_status(const struct tui *t, bool *first)
{
	const struct load *l = t->load;
	*first = l && (l->bg || l->pending) && !l->snapshot;
	return l && l->progress.len ? l->progress.buf : NULL;
}

static struct dossier_open_opts open_opts(const struct tui *t)
{
	return (struct dossier_open_opts){
		.fm = t->settings ? &t->settings->fieldmap : NULL,
		.vocab = t->vocab,
		.vocab_hash = t->vocab_hash,
		.use_cache = !t->no_cache,
	};
}

/* Make d the reader's collection (moved in) and derive what depends on
 * it: read table, filter matches, sort order, the load message. */
static void install(struct tui *t, struct dossier *d, int rc)
{
	t->d = *d;
	memset(d, 0, sizeof *d);
	t->loaded = true;
	free(t->read);
	t->read = xcalloc(t->d.coll.n + 1, sizeof *t->read);
	filter_reload(t); /* the filter's matches, for the new collection */
	listsearch_forget(t);
	navigate_tell_panes(t, true);
	sort_apply(t);
	if (rc == -1) {
		char *m = t->d.diags.n ? diag_format(&t->d.diags.items[0]) : xstrdup(t->corpus);
		context_message(t, true, "%s", m);
		free(m);
	} else if (t->d.diags.n) {
		char *m = diag_format(&t->d.diags.items[0]);
		context_message(t, true, "%zu problem%s while loading; first: %s", t->d.diags.n,
			    t->d.diags.n == 1 ? "" : "s", m);
		free(m);
	}
	/* a damaged cache happens once: say so over the usual problems */
	if (t->d.cache_note) context_message(t, true, "%s", t->d.cache_note);
}

/* Replace the collection with nd, keeping the reader's place by id. */
static void adopt(struct tui *t, struct dossier *nd, int rc, const char *keep_sel_id)
{
	char *cur_id = t->cur >= 0 ? xstrdup(t->d.coll.items[t->cur].id) : NULL;
	char *sel_id = keep_sel_id ? xstrdup(keep_sel_id)
		       : t->norder ? xstrdup(t->d.coll.items[t->order[t->panes[PANE_LIST].sel]].id)
				   : NULL;
	size_t cp = 0;
	bool has_cp = t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t->cur, &cp);
	char **read_ids = xcalloc(t->d.coll.n + 1, sizeof *read_ids);
	size_t nread = 0;
	for (size_t i = 0; i < t->d.coll.n; i++)
		if (context_is_read(t, i)) read_ids[nread++] = xstrdup(t->d.coll.items[i].id);
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	navigate_tell_panes(t, true); /* before the articles they borrow from go */
	if (t->loaded) dossier_close(&t->d);
	t->cur = -1;
	t->norder = 0;
	install(t, nd, rc);
	for (size_t i = 0; i < nread; i++) {
		long a = collection_find(&t->d.coll, read_ids[i]);
		if (a >= 0) context_set_read(t, (size_t)a, true);
		free(read_ids[i]);
	}
	free(read_ids);
	long a = cur_id ? collection_find(&t->d.coll, cur_id) : -1;
	if (a >= 0) t->cur = a;
	navigate_tell_panes(t, false);
	long s = sel_id ? collection_find(&t->d.coll, sel_id) : -1;
	for (size_t i = 0; s >= 0 && i < t->norder; i++)
		if (t->order[i] == (size_t)s) t->panes[PANE_LIST].sel = i;
	if (t->panes[PANE_LIST].sel >= t->norder) t->panes[PANE_LIST].sel = t->norder ? t->norder - 1 : 0;
	if (a >= 0 && has_cp) pane_text_goto(&t->panes[PANE_TEXT], cp);
	navigate_preview_selected(t);
	free(cur_id);
	free(sel_id);
}

int tui_load(struct tui *t, collection_progress_fn progress, void *pctx)
{
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	struct dossier_open_opts oo = open_opts(t);
	oo.progress = progress;
	oo.pctx = pctx;
	struct dossier d;
	int rc = dossier_open_with(&d, t->corpus, &oo);
	bool had_store = t->store != NULL;
	install(t, &d, rc);
	if (!had_store) tui_state_open(t); /* its problems win the message line */
	return rc;
}

/* The load note of the status line; true when it changed. */
static bool load_progress(struct tui *t)
{
	struct load *l = l_of(t);
	if (!l->bg && !l->pending) return false;
	if (l->progress.len && util_now_ms() - l->progress_ms < 100) return false;
	l->progress_ms = util_now_ms();
	size_t files = l->bg ? bgload_files(l->bg) : 0;
	struct strbuf sb = STRBUF_INIT;
	if (l->snapshot && files <= t->d.coll.n)
		strbuf_addf(&sb, "checking files: %zu of %zu", files, t->d.coll.n);
	else if (l->snapshot) /* more files than the snapshot knew of */
		strbuf_addf(&sb, "checking files: %zu", files);
	else
		strbuf_addf(&sb, "Loading %s: %zu files...", t->corpus, files);
	bool changed = strcmp(strbuf_str(&sb), strbuf_str(&l->progress)) != 0;
	strbuf_free(&l->progress);
	l->progress = sb;
	return changed;
}

void tui_load_start(struct tui *t)
{
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	struct dossier_open_opts oo = open_opts(t);
	struct metacache *mc = NULL;
	struct dossier d;
	struct load *l = l_of(t);
	l->snapshot = dossier_open_snapshot(&d, t->corpus, &oo, &mc) == 0;
	/* no snapshot: an empty reader that answers keys while it loads (the
	 * state file is opened once there are articles to apply it to) */
	install(t, &d, 0);
	if (l->snapshot) tui_state_open(t); /* its problems win the message line */
	navigate_start(t); /* the article read last time, in the history */
	l->cache = mc;
	l->pending = true;
	load_progress(t);
}

void tui_load_begin(struct tui *t)
{
	struct load *l = t->load;
	if (!l || !l->pending) return;
	l->pending = false;
	struct dossier_open_opts oo = open_opts(t);
	l->bg = bgload_start(t->corpus, &oo, l->cache);
	l->cache = NULL;
}

/* Adopting while a prompt or an overlay holds article numbers (the saved
 * filter, the tag browser, the marks view) would pull the rug: wait while
 * any is open. */
static bool busy(const struct tui *t)
{
	return prompt_active(&t->prompt) || overlay_busy(t);
}

unsigned tui_load_poll(struct tui *t, bool wait)
{
	tui_load_begin(t);
	struct load *l = t->load;
	if (!l || !l->bg) return R_NONE;
	if (!wait && (!bgload_finished(l->bg) || busy(t)))
		return load_progress(t) ? R_DRAW_STATUS : R_NONE;
	struct dossier nd;
	int rc = bgload_finish(l->bg, &nd, false);
	l->bg = NULL;
	strbuf_reset(&l->progress);
	if (!l->snapshot) {
		if (!nd.cache_note) { /* the note came with the failed snapshot */
			nd.cache_note = t->d.cache_note;
			t->d.cache_note = NULL;
		}
		adopt(t, &nd, rc, NULL);
		tui_state_open(t);
		navigate_start(t);
		return R_RELAYOUT | R_DRAW_ALL;
	}
	l->snapshot = false;
	struct dossier_changes ch;
	dossier_compare(&t->d, &nd, &ch);
	bool asked = l->reload_asked;
	l->reload_asked = false;
	if (rc == -1) { /* the folder cannot be read now (unmounted?): keep what is shown */
		char *m = nd.diags.n ? diag_format(&nd.diags.items[0]) : xstrdup(t->corpus);
		context_message(t, true, "%s; showing the articles read before", m);
		free(m);
		dossier_close(&nd);
		return R_DRAW_STATUS;
	}
	if (rc == 0 && !ch.added && !ch.removed && !ch.changed) {
		/* the same articles: keep everything, take the scan's problems */
		struct diag_list old = t->d.diags;
		t->d.diags = nd.diags;
		nd.diags = old;
		dossier_close(&nd);
		if (asked) context_message(t, false, "Folder read again: no changes.");
		return R_DRAW_STATUS;
	}
	adopt(t, &nd, rc, NULL);
	if (rc == 0) {
		struct strbuf sb = STRBUF_INIT;
		const size_t n[] = {ch.added, ch.changed, ch.removed};
		const char *const what[] = {"new", "changed", "gone"};
		strbuf_adds(&sb, "Updated from the folder:");
		const char *sep = " ";
		for (int i = 0; i < 3; i++) {
			if (!n[i]) continue;
			strbuf_addf(&sb, "%s%zu %s", sep, n[i], what[i]);
			sep = ", ";
		}
		strbuf_addc(&sb, '.');
		if (t->d.diags.n) { /* the problems stay in view */
			char *m = diag_format(&t->d.diags.items[0]);
			strbuf_addf(&sb, " %zu problem%s; first: %s", t->d.diags.n,
				    t->d.diags.n == 1 ? "" : "s", m);
			free(m);
		}
		context_message(t, t->d.diags.n > 0, "%s", sb.buf);
		strbuf_free(&sb);
	}
	return R_RELAYOUT | R_DRAW_ALL;
}

unsigned tui_load_refresh(struct tui *t)
{
	if (load_running(t)) {
		context_message(t, false, "Already reading the folder.");
		return R_DRAW_STATUS;
	}
	struct dossier_open_opts oo = open_opts(t);
	struct load *l = l_of(t);
	l->snapshot = true; /* what is shown stays until the new load is ready */
	l->reload_asked = true;
	l->bg = bgload_start(t->corpus, &oo, NULL);
	if (t->headless) return tui_load_poll(t, true); /* screens must not depend on timing */
	l->progress_ms = 0;
	load_progress(t);
	return R_DRAW_STATUS;
}

void tui_load_stop(struct tui *t)
{
	struct load *l = t->load;
	if (l && l->pending) metacache_close(l->cache);
	if (l && l->bg) {
		struct dossier nd;
		if (bgload_finish(l->bg, &nd, true) != -2) dossier_close(&nd);
	}
	if (l) strbuf_free(&l->progress);
	free(l);
	t->load = NULL;
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
}

unsigned tui_load_switch(struct tui *t, const char *corpus, const char *name)
{
	/* changes that cannot be saved are never dropped by a switch: stay,
	 * and let q's question offer to write them elsewhere */
	size_t cp;
	if (t->store && t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t->cur, &cp))
		tui_state_set_position(t, (size_t)t->cur, cp);
	if (t->store && store_dirty(t->store) && !tui_state_save(t)) {
		context_message(t, true, "Not switched to %s: the reading state here is NOT SAVED %s.",
			    name ? name : corpus, t->save_error ? t->save_error : "?");
		return R_DRAW_ALL;
	}
	tui_load_stop(t);          /* a load or an index build of the old one */
	tui_state_close(t, false); /* saved just now: nothing left to lose */
	t->rs = context_readstate_memory(t);
	filter_free(t);            /* a query and its index belong to the old collection */
	navigate_tell_panes(t, true); /* before the articles they borrow from go */
	if (t->loaded) dossier_close(&t->d);
	memset(&t->d, 0, sizeof t->d);
	t->loaded = false;
	t->cur = -1;
	t->norder = 0;
	t->panes[PANE_LIST].sel = t->panes[PANE_LIST].top = 0;
	history_free(&t->hist);
	t->hist = (struct history)HISTORY_INIT;
	struct load *l = l_of(t);
	l->snapshot = l->reload_asked = false;
	strbuf_reset(&l->progress);
	t->corpus = corpus;
	t->coll_name = name;
	/* --state names the state file of the folder the reader started on */
	bool start = t->start_corpus && strcmp(corpus, t->start_corpus) == 0;
	t->state_path = start ? t->start_state_path : NULL;
	context_message(t, false, "Reading %s%s%s.", name ? name : corpus, name ? ": " : "",
		    name ? corpus : "");
	tui_load_start(t); /* its problems win the message line */
	if (t->headless) tui_load_poll(t, true); /* screens must not depend on timing */
	return R_RELAYOUT | R_DRAW_ALL;
}

unsigned tui_reload(struct tui *t, const char *keep_id)
{
	tui_load_poll(t, true); /* a refresh still running ends first */
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	struct dossier_open_opts oo = open_opts(t);
	struct dossier nd;
	int rc = dossier_open_with(&nd, t->corpus, &oo);
	adopt(t, &nd, rc, keep_id);
	return R_RELAYOUT | R_DRAW_ALL;
}
