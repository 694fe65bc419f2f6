/* SPDX-License-Identifier: MIT
 * How the reader gets its collection without ever waiting for the disk:
 * the first screen comes from the metadata cache (a snapshot, no folder
 * scan), while the folder is scanned and changed files are read on
 * another thread (core/collection/bgload.h), with progress in the status line. When
 * that refresh ends the reader adopts its result, keeping the open
 * article, the selection, the reading position and the filter; a refresh
 * that found nothing new changes nothing on screen. The same adoption
 * serves the reload after $EDITOR. A cold start (no snapshot) shows the
 * list growing: the articles read so far are taken from the load in
 * batches (core/collection/loadfeed.h) and merged in, keeping the reader's
 * place the same way, until the full load replaces them. A warm start of
 * a large collection first lists only the newest articles (and those
 * around the one read last) from the cache's index
 * (core/collection/firstlist.h) while the whole snapshot is decoded on
 * another thread; that replaces them the same way, then the refresh runs. */
#include "tui/load.h"

#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/bgload.h"
#include "core/collection/firstlist.h"
#include "core/collection/loadfeed.h"
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
#include "tui/statewait.h"

/* The load's own state, owned by struct tui (t->load) and seen by no other
 * file: they ask load_running and load_status. */
struct load {
	struct bgload *bg;         /* owned: the load or refresh running, or NULL */
	bool snapshot;             /* t->d came from the cache; the refresh has not ended */
	bool same;                 /* the refresh found the snapshot's articles unchanged
				    * (written by its thread, read once it has ended) */
	bool reload_asked;         /* the refresh was asked for (R): say when nothing changed */
	bool pending;              /* the load waits for the first screen to be shown */
	struct metacache *cache;   /* owned: the cache it will use, until it starts */
	struct strbuf progress;    /* the status line's note while loading */
	double progress_ms;        /* when it was last updated: at most 10 a second */
	size_t gate;               /* headless ":batches N": the load waits in steps of N */
	double grow_ms, grow_cost; /* when the partial list last grew; what that took */
	char *start_id;            /* owned or NULL: the article read last time, to
				    * open once a cold load has listed it */
	bool state_tried;          /* a cold load opened the state file (or could not) */
	bool early;                /* t->d is a first list; bg decodes the whole snapshot */
	bool partial;              /* t->d is a first list until a load's result replaces it */
	size_t total;              /* the articles the cache holds (a first list's note) */
	struct store_peek *peek;   /* owned or NULL: a first list's state, until the store opens */
	bool to_end;               /* G asked for the end of a partial list (load_to_end) */
	char *end_id, *end_cur;    /* owned or NULL: the article G selected, the one open
				    * then: the request holds while both stay */
	unsigned end_gen;          /* t->log.gen of the message that said so */
};

/* A warm start lists this many articles first when the cache holds more
 * than FIRST_MIN (below that the whole snapshot takes ~25 ms or less);
 * headless, ":batches N" lists N first whenever the cache holds more. */
#define FIRST_LIST 2000
#define FIRST_MIN 20000

/* FIRST_MIN, or DOSSIER_TEST_FIRST_MIN=N (test hook: the tmux tests make
 * a first list of a collection of a few thousand articles, not 20,000+) */
static size_t first_min(void)
{
	size_t n = util_env_size("DOSSIER_TEST_FIRST_MIN", FIRST_MIN);
	return n ? n : FIRST_MIN;
}

/* The partial list grows at most this often, and never more often than
 * eight times what the last growth cost (sorting and filtering 100k rows
 * takes 40-150 ms on a busy 2-core machine), so keys and the load keep
 * most of the time: about 1/9 of one core at most goes to growing. */
#define GROW_EVERY_MS 100

static struct load *l_of(struct tui *t)
{
	if (!t->load) t->load = xcalloc(1, sizeof *t->load);
	return t->load;
}

bool load_running(const struct tui *t)
{
	return t->load && (t->load->bg || t->load->pending || statewait_running(t));
}

bool load_partial(const struct tui *t)
{
	const struct load *l = t->load;
	return l && (l->partial || (!l->snapshot && (l->bg || l->pending)));
}

static char *id_or_null(const struct tui *t, long a)
{
	return a >= 0 ? xstrdup(t->d.coll.items[a].id) : NULL;
}

static void end_forget(struct load *l)
{
	l->to_end = false;
	free(l->end_id);
	free(l->end_cur);
	l->end_id = l->end_cur = NULL;
}

static const char *grouped(char *buf, size_t cap, size_t n);

/* G's note: the end reached is only that of the articles loaded so far. */
static void end_say(struct tui *t)
{
	struct load *l = t->load;
	char a[32], b[32];
	grouped(a, sizeof a, t->d.coll.n);
	if (l->partial && l->total > t->d.coll.n) /* a first list: the cache's count */
		context_message(t, false, "Last of the %s loaded so far; the end of all %s follows once loaded.",
				a, grouped(b, sizeof b, l->total));
	else if (!l->partial && l->bg && bgload_total(l->bg)) /* a cold load: 0 while finding files */
		context_message(t, false, "Last of the %s loaded so far; the end follows once all %s files are read.",
				a, grouped(b, sizeof b, bgload_total(l->bg)));
	else
		context_message(t, false, "Last of the %s loaded so far; the end follows once all are loaded.", a);
	l->end_gen = t->log.gen;
}

unsigned load_to_end(struct tui *t)
{
	struct load *l = t->load;
	if (!load_partial(t) || !t->norder) return R_NONE;
	end_forget(l);
	l->to_end = true;
	l->end_id = id_or_null(t, (long)t->order[t->panes[PANE_LIST].sel]);
	l->end_cur = id_or_null(t, t->cur);
	end_say(t);
	return R_DRAW_STATUS;
}

/* Before the list changes: does G's request still hold (the selection
 * and the open article are those it left)? Else it is dropped. */
static bool end_held(struct tui *t)
{
	struct load *l = t->load;
	if (!l || !l->to_end) return false;
	const struct pane *lp = &t->panes[PANE_LIST];
	const char *sel = t->norder ? t->d.coll.items[t->order[lp->sel]].id : NULL;
	const char *cur = t->cur >= 0 ? t->d.coll.items[t->cur].id : NULL;
	bool held = sel && lp->sel + 1 == t->norder && l->end_id && strcmp(sel, l->end_id) == 0 &&
		    (cur && l->end_cur ? strcmp(cur, l->end_cur) == 0 : cur == l->end_cur);
	if (!held) end_forget(l);
	return held;
}

/* After it changed (held: end_held's answer): on to the new end, on the
 * same screen row; the request ends with the whole list, and its message
 * with it when nothing has replaced it. */
static void end_follow(struct tui *t, bool held)
{
	struct load *l = t->load;
	if (!held) return;
	struct pane *lp = &t->panes[PANE_LIST];
	if (t->norder) {
		size_t row = lp->sel >= lp->top ? lp->sel - lp->top : 0;
		lp->sel = t->norder - 1;
		lp->top = lp->sel >= row ? lp->sel - row : 0;
		free(l->end_id);
		l->end_id = id_or_null(t, (long)t->order[lp->sel]);
	}
	bool shown = t->msg.len && t->log.gen == l->end_gen;
	if (load_partial(t)) {
		if (shown) end_say(t); /* the count loaded so far, as it is now */
		return;
	}
	if (shown) strbuf_reset(&t->msg); /* at the true end: no longer to come */
	end_forget(l);
}

const char *load_status(const struct tui *t, bool *first)
{
	const struct load *l = t->load;
	*first = l && (l->bg || l->pending) && !l->snapshot && !t->d.coll.n;
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
	filter_recount(t); /* a count (or "Filtering…") shown: for this collection now */
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

/* Where the reader is, by id, to find again in another collection. */
struct place {
	char *cur_id, *sel_id; /* owned or NULL */
	char **read_ids;       /* owned */
	size_t nread, cp, row; /* row: the selection's row on screen */
	bool has_cp, at_top;   /* at_top: first row, nothing opened (a preview at most) */
};

static void place_save(struct tui *t, struct place *p, const char *keep_sel_id)
{
	memset(p, 0, sizeof *p);
	const struct pane *lp = &t->panes[PANE_LIST];
	p->cur_id = t->cur >= 0 ? xstrdup(t->d.coll.items[t->cur].id) : NULL;
	p->sel_id = keep_sel_id ? xstrdup(keep_sel_id)
		    : t->norder ? xstrdup(t->d.coll.items[t->order[lp->sel]].id)
				: NULL;
	p->row = lp->sel >= lp->top ? lp->sel - lp->top : 0;
	/* an article shown but never opened is a preview: not in the history */
	p->at_top = !keep_sel_id && lp->sel == 0 && (t->cur < 0 || t->hist.n == 0);
	p->has_cp = t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t->cur, &p->cp);
	p->read_ids = xcalloc(t->d.coll.n + 1, sizeof *p->read_ids);
	for (size_t i = 0; i < t->d.coll.n; i++)
		if (context_is_read(t, i)) p->read_ids[p->nread++] = xstrdup(t->d.coll.items[i].id);
}

/* After install: the read flags, the open article and its reading
 * position, the selection. top_sticks: a list at its first row with
 * nothing open stays there (a growing list shows its head, as the full
 * one will); otherwise the selected article is followed, on the same row
 * of the screen, however many rows come in above it. Frees p; returns
 * true when the list stuck at its head. */
static bool place_restore(struct tui *t, struct place *p, bool top_sticks)
{
	for (size_t i = 0; i < p->nread; i++) {
		long a = collection_find(&t->d.coll, p->read_ids[i]);
		if (a >= 0) context_set_read(t, (size_t)a, true);
		free(p->read_ids[i]);
	}
	free(p->read_ids);
	bool stick = top_sticks && p->at_top; /* the preview, if any, is the new head's */
	long a = p->cur_id && !stick ? collection_find(&t->d.coll, p->cur_id) : -1;
	if (a >= 0) t->cur = a;
	navigate_tell_panes(t, false);
	struct pane *lp = &t->panes[PANE_LIST];
	long s = p->sel_id && !stick ? collection_find(&t->d.coll, p->sel_id) : -1;
	if (stick) lp->sel = lp->top = 0;
	for (size_t i = 0; s >= 0 && i < t->norder; i++) {
		if (t->order[i] != (size_t)s) continue;
		lp->sel = i;
		if (top_sticks) lp->top = i >= p->row ? i - p->row : 0; /* the draw clamps it */
	}
	if (lp->sel >= t->norder) lp->sel = t->norder ? t->norder - 1 : 0;
	if (a >= 0 && p->has_cp) pane_text_goto(&t->panes[PANE_TEXT], p->cp);
	navigate_preview_selected(t);
	free(p->cur_id);
	free(p->sel_id);
	return stick;
}

/* Replace the collection with nd, keeping the reader's place by id
 * (top_sticks: see place_restore, whose answer it returns). */
static bool adopt(struct tui *t, struct dossier *nd, int rc, const char *keep_sel_id,
		  bool top_sticks)
{
	struct place p;
	bool end = end_held(t);
	place_save(t, &p, keep_sel_id);
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	navigate_tell_panes(t, true); /* before the articles they borrow from go */
	if (t->loaded) dossier_close(&t->d);
	t->cur = -1;
	t->norder = 0;
	install(t, nd, rc);
	bool stuck = place_restore(t, &p, top_sticks);
	end_follow(t, end);
	util_heap_trim(); /* the old collection and the sort's scratch: util.h */
	return stuck;
}

/* A cold start opens the state file with its first articles; articles
 * read before that (kept in memory) are read in it too, and the article
 * read last time is remembered before a preview takes its place. */
static void open_state(struct tui *t)
{
	struct load *l = t->load;
	if (l->state_tried || t->store) return;
	l->state_tried = true;
	size_t n = t->d.coll.n, nread = 0;
	bool *was = xcalloc(n + 1, sizeof *was);
	for (size_t i = 0; i < n; i++) nread += was[i] = context_is_read(t, i);
	tui_state_open(t);
	const char *last = t->store ? store_last(t->store) : NULL;
	free(l->start_id);
	l->start_id = last ? xstrdup(last) : NULL;
	for (size_t i = 0; nread && i < n; i++)
		if (was[i]) context_set_read(t, i, true);
	free(was);
}

/* The article read last time, opened as at a warm start once it is
 * listed, while the reader has not moved or opened anything. */
static void start_article(struct tui *t, bool at_head)
{
	struct load *l = t->load;
	long a = l->start_id && at_head && !t->hist.n ? collection_find(&t->d.coll, l->start_id) : -1;
	if (a < 0) return;
	t->cur = a;
	navigate_tell_panes(t, false); /* the list selects it when it is listed */
	history_push(&t->hist, l->start_id);
	free(l->start_id);
	l->start_id = NULL;
}

/* A cold load's articles read since the last growth, merged into the
 * partial collection on screen (wait: block for the next batch, for the
 * headless steps). Returns what to redraw. */
static unsigned grow(struct tui *t, bool wait)
{
	struct load *l = t->load;
	double start = util_now_ms();
	double every = l->grow_cost * 8 > GROW_EVERY_MS ? l->grow_cost * 8 : GROW_EVERY_MS;
	if (!wait && start - l->grow_ms < every) return R_NONE;
	struct article *batch;
	size_t n = bgload_take(l->bg, &batch, wait);
	if (!n) return R_NONE;
	struct place p;
	bool end = end_held(t);
	place_save(t, &p, NULL);
	filter_index_drop(t);
	navigate_tell_panes(t, true); /* the articles move to a new array */
	struct dossier nd = t->d;     /* the articles are moved, not freed */
	memset(&t->d, 0, sizeof t->d);
	char *note = nd.cache_note;   /* said once, by the final install */
	nd.cache_note = NULL;
	if (!nd.coll.root) nd.coll.root = xstrdup(t->corpus);
	loadfeed_merge(&nd.coll, batch, n);
	t->cur = -1;
	t->norder = 0;
	install(t, &nd, 0);
	t->d.cache_note = note;
	bool head = place_restore(t, &p, true);
	end_follow(t, end);
	open_state(t);
	start_article(t, head);
	l->grow_ms = util_now_ms();
	l->grow_cost = l->grow_ms - start;
	return R_RELAYOUT | R_DRAW_ALL;
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

/* n with its thousands grouped by commas ("12,345"), in buf. */
static const char *grouped(char *buf, size_t cap, size_t n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%zu", n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < cap; i++) {
		if (i && (len - i) % 3 == 0) buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* The load note of the status line; true when it changed. */
static bool load_progress(struct tui *t)
{
	struct load *l = l_of(t);
	if (!l->bg && !l->pending) return false;
	if (l->progress.len && util_now_ms() - l->progress_ms < 100) return false;
	l->progress_ms = util_now_ms();
	size_t files = l->bg ? bgload_files(l->bg) : 0, total = l->bg ? bgload_total(l->bg) : 0;
	struct strbuf sb = STRBUF_INIT;
	char a[32], b[32];
	if (l->early) /* the records decoded behind the first list (headless: those listed) */
		strbuf_addf(&sb, "Loading: %s of %s articles",
			    grouped(a, sizeof a, files > t->d.coll.n && !l->gate ? files : t->d.coll.n),
			    grouped(b, sizeof b, l->total));
	else if (l->snapshot && files <= t->d.coll.n)
		strbuf_addf(&sb, "checking files: %zu of %zu", files, t->d.coll.n);
	else if (l->snapshot) /* more files than the snapshot knew of */
		strbuf_addf(&sb, "checking files: %zu", files);
	else if (!total) /* the scan has not ended */
		strbuf_addf(&sb, "Loading %s: finding files...", t->corpus);
	else {
		/* the loader counts in steps of 256; the list is often ahead
		 * (stepped, it is the count: screens must not depend on timing) */
		if (t->d.coll.n > files || l->gate) files = t->d.coll.n;
		strbuf_addf(&sb, "Loading: %s of %s files", grouped(a, sizeof a, files),
			    grouped(b, sizeof b, total));
	}
	bool changed = strcmp(strbuf_str(&sb), strbuf_str(&l->progress)) != 0;
	strbuf_free(&l->progress);
	l->progress = sb;
	return changed;
}

/* A warm start of a large collection: the first list from the cache's
 * index now (the state file opened first: the article read last is
 * listed with its neighbours), the whole snapshot after the first screen.
 * False when the cache has no usable index or too few articles. */
static bool first_list(struct tui *t, const struct dossier_open_opts *oo)
{
	struct load *l = t->load;
	if (t->headless && !l->gate) return false; /* screens must not depend on timing */
	struct metaindex *mx = firstlist_index(t->corpus, oo, l->gate ? l->gate : first_min());
	if (!mx) return false;
	/* a glance at the state (the article read last, the listed ones' read
	 * flags); the whole state is read once the first screen is out */
	char *path = t->store ? NULL : tui_state_path(t);
	l->peek = path ? store_peek_open(path) : NULL;
	free(path);
	if (!l->peek) tui_state_open(t); /* its problems win the message line */
	const char *last = t->store ? store_last(t->store) : l->peek ? store_peek_last(l->peek) : NULL;
	struct dossier d;
	size_t want = l->gate ? l->gate : FIRST_LIST, near = l->gate ? l->gate : FIRSTLIST_AROUND;
	l->total = firstlist_read(&d, mx, t->corpus, oo->vocab, want, last, near);
	install(t, &d, 0);
	for (size_t i = 0; l->peek && i < t->d.coll.n; i++)
		if (store_peek_read(l->peek, t->d.coll.items[i].id)) context_set_read(t, i, true);
	if (l->peek && last) {
		free(l->start_id);
		l->start_id = xstrdup(last);
		start_article(t, true);
	}
	navigate_start(t); /* the article read last time, in the history */
	l->early = l->partial = true;
	l->pending = true;
	load_progress(t);
	return true;
}

void tui_load_start(struct tui *t)
{
	filter_index_drop(t);
	simjob_drop(t); /* it reads the collection that goes */
	struct dossier_open_opts oo = open_opts(t);
	struct metacache *mc = NULL;
	struct dossier d;
	struct load *l = l_of(t);
	if (first_list(t, &oo)) return;
	l->snapshot = dossier_open_snapshot(&d, t->corpus, &oo, &mc) == 0;
	/* no snapshot: an empty reader that answers keys while it loads (the
	 * state file is opened once there are articles to apply it to) */
	install(t, &d, 0);
	if (l->snapshot) tui_state_open(t); /* its problems win the message line */
	navigate_start(t); /* the article read last time, in the history */
	l->cache = mc;
	l->pending = true;
	load_progress(t);
	/* headless: the refresh at once, unless ":batches" steps a cold load */
	if (t->headless && !(l->gate && !l->snapshot)) tui_load_poll(t, true);
}

/* The whole snapshot is decoded once the state has landed: on 2 busy
 * cores, side by side, they took twice as long to the first key that
 * waits for the state (statewait.c). */
static void snapshot_after_state(struct tui *t)
{
	struct load *l = t->load;
	if (!l->early || l->bg || statewait_running(t)) return;
	struct dossier_open_opts oo = open_opts(t);
	l->bg = bgload_start_snapshot(t->corpus, &oo);
}

void tui_load_begin(struct tui *t)
{
	struct load *l = t->load;
	if (!l || !l->pending) return;
	l->pending = false;
	struct dossier_open_opts oo = open_opts(t);
	if (l->early) { /* the whole state, then the whole snapshot behind the first list */
		if (l->peek) { /* on a thread; keys that move around go ahead */
			statewait_start(t, l->peek);
			l->peek = NULL;
		}
		snapshot_after_state(t);
		return;
	}
	/* a cold load feeds the growing list; a refresh's result comes whole,
	 * or, when nothing changed, as "the same" without a second collection
	 * (it reads t->d meanwhile: nothing replaces t->d before it ends) */
	if (l->snapshot) {
		oo.cache = l->cache;
		oo.snapshot = &t->d;
		oo.same = &l->same;
	}
	l->bg = l->snapshot ? bgload_start(t->corpus, &oo, l->cache)
			    : bgload_start_fed(t->corpus, &oo, l->cache, l->gate);
	l->cache = NULL;
	l->grow_ms = l->grow_cost = 0; /* the first rows as soon as there are any */
}

void tui_load_gate(struct tui *t, size_t batch)
{
	l_of(t)->gate = batch;
}

/* The whole snapshot decoded behind a first list has come (waiting for
 * it): it replaces the first list, keeping the reader's place, and the
 * refresh is next (after the next screen). When the cache could not be
 * read whole after all (damaged records), the folder is read instead,
 * the first list shown meanwhile. */
static unsigned early_done(struct tui *t)
{
	struct load *l = t->load;
	struct dossier nd;
	struct metacache *mc = NULL;
	int rc = bgload_finish_cache(l->bg, &nd, false, &mc);
	l->bg = NULL;
	l->early = false;
	strbuf_reset(&l->progress);
	if (rc == 0) {
		l->partial = false; /* the whole list: its counts are no longer "so far" */
		adopt(t, &nd, 0, NULL, true);
		l->snapshot = true;
	} else {
		if (nd.cache_note) context_message(t, true, "%s", nd.cache_note);
		dossier_close(&nd);
	}
	l->cache = mc;
	l->pending = true;
	if (rc != 0) { /* a load with no snapshot to compare: its result replaces the list */
		struct dossier_open_opts oo = open_opts(t);
		l->bg = bgload_start(t->corpus, &oo, l->cache);
		l->cache = NULL;
		l->pending = false;
		l->snapshot = true; /* the list shown stays until then */
	}
	l->progress_ms = 0;
	load_progress(t);
	return R_RELAYOUT | R_DRAW_ALL;
}

unsigned tui_load_step(struct tui *t)
{
	struct load *l = t->load;
	tui_load_begin(t);
	if (!l || !l->bg) return R_NONE;
	if (l->early) return early_done(t);
	unsigned r = l->gate && !l->snapshot ? grow(t, true) : R_NONE;
	if (!r) return tui_load_poll(t, true);
	l->progress_ms = 0; /* said now, not when ten seconds have passed */
	load_progress(t);
	return r;
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
	unsigned news = statewait_poll(t, wait); /* the state, then the keys it held */
	if (l) snapshot_after_state(t); /* once the state is in */
	if (!l || !l->bg) return news;
	if (!wait && (!bgload_finished(l->bg) || busy(t))) {
		unsigned r = news | (load_progress(t) ? R_DRAW_STATUS : R_NONE);
		if (!l->snapshot && !l->early && !l->gate && !busy(t)) r |= grow(t, false);
		return r;
	}
	if (l->early) {
		unsigned r = early_done(t);
		return wait ? r | tui_load_poll(t, true) : r;
	}
	struct dossier nd;
	int rc = bgload_finish(l->bg, &nd, false);
	l->bg = NULL;
	strbuf_reset(&l->progress);
	if (!l->snapshot) {
		if (!nd.cache_note) { /* the note came with the failed snapshot */
			nd.cache_note = t->d.cache_note;
			t->d.cache_note = NULL;
		}
		bool head = adopt(t, &nd, rc, NULL, true);
		open_state(t);
		start_article(t, head);
		if (head) navigate_start(t); /* else what the reader chose stays */
		return R_RELAYOUT | R_DRAW_ALL;
	}
	l->snapshot = false;
	if (l->partial) { /* the first list, never compared: the result replaces it */
		l->partial = false;
		adopt(t, &nd, rc, NULL, true);
		return R_RELAYOUT | R_DRAW_ALL;
	}
	struct dossier_changes ch = {0};
	if (!l->same) dossier_compare(&t->d, &nd, &ch);
	bool asked = l->reload_asked;
	l->reload_asked = false;
	if (rc == -1) { /* the folder cannot be read now (unmounted?): keep what is shown */
		char *m = nd.diags.n ? diag_format(&nd.diags.items[0]) : xstrdup(t->corpus);
		context_message(t, true, "%s; showing the articles read before", m);
		free(m);
		dossier_close(&nd);
		return R_DRAW_STATUS;
	}
	if (rc == 0 && l->same) {
		/* nothing decoded again: the scan's problems, then the
		 * articles' own (a full load's order) */
		l->same = false;
		diag_list_move(&nd.diags, &t->d.diags);
		t->d.diags = nd.diags;
		memset(&nd.diags, 0, sizeof nd.diags);
		dossier_close(&nd);
		if (asked) context_message(t, false, "Folder read again: no changes.");
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
	adopt(t, &nd, rc, NULL, false);
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
	statewait_stop(t); /* the store in, so that what was read is saved */
	struct load *l = t->load;
	if (l && l->pending) metacache_close(l->cache);
	if (l && l->bg) {
		struct dossier nd;
		if (bgload_finish(l->bg, &nd, true) != -2) dossier_close(&nd);
	}
	if (l) strbuf_free(&l->progress);
	if (l) free(l->start_id);
	if (l) store_peek_free(l->peek);
	if (l) end_forget(l);
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
	adopt(t, &nd, rc, keep_id, false);
	return R_RELAYOUT | R_DRAW_ALL;
}
