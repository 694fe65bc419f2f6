/* SPDX-License-Identifier: MIT
 * The bridge from the reader to core/state/store.h: one store per run, opened
 * after the collection loads, plugged into the readstate seam, saved after
 * every mark change (a save merges with other instances under a lock) and
 * on every way out (quit, SIGINT/SIGTERM/SIGHUP via the loop's exit path).
 * A failed save keeps the changes in memory, says so and is retried; q
 * with unsaved changes asks (retry, write them to a file, quit losing them). */
#include "tui/state.h"
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/state/store.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/overlay.h"
#include "tui/pane_text.h"

static bool st_is_read(void *ctx, const struct article *a, size_t art)
{
	(void)art;
	const struct tui *t = ctx;
	return store_is_read(t->store, a->id);
}

/* Only real changes reach the store, so opening an already-read article
 * does not push an undo entry. */
static void st_set_read(void *ctx, const struct article *a, size_t art, bool read)
{
	(void)art;
	struct tui *t = ctx;
	if (store_is_read(t->store, a->id) != read) store_set_read(t->store, a->id, read);
}

static unsigned long st_gen(void *ctx)
{
	const struct tui *t = ctx;
	return store_read_gen(t->store);
}

/* "FILE:LINE:COL: msg" of the first diag, plus the backup note (the
 * store's second diag) when there is one. */
static void report(struct tui *t, const char *what, struct diag_list *dl)
{
	if (!dl->n) return;
	struct strbuf sb = STRBUF_INIT;
	/* the backup name first: the message line is one row */
	const struct diag *kept = diag_find(dl, DIAG_STATE_KEPT);
	if (kept && kept != &dl->items[0]) strbuf_addf(&sb, "bad state file kept as %s: ", kept->arg);
	char *m = diag_format(&dl->items[0]);
	strbuf_addf(&sb, "%s%s", sb.len ? "" : what, m);
	free(m);
	context_message(t, true, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

char *tui_state_path(const struct tui *t)
{
	return t->state_path ? xstrdup(t->state_path) : store_default_path(t->corpus);
}

/* The store opened (here or on a thread) becomes the reader's: its
 * problems on the message line, t->rs answered from it. */
static void adopt_store(struct tui *t, struct store *st, struct diag_list *dl)
{
	t->store = st;
	report(t, "state: ", dl);
	t->rs = (struct readstate){st_is_read, st_set_read, t, st_gen};
	t->marks_gen++;
	t->rs_gen++; /* a new store: its counter starts again */
}

void tui_state_open(struct tui *t)
{
	if (t->store) return;
	char *path = tui_state_path(t);
	if (!path) {
		context_message(t, true, "reading state kept in memory only: set XDG_STATE_HOME or HOME, "
				     "or use --state FILE");
		return;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = store_open(path, &dl);
	free(path);
	adopt_store(t, st, &dl);
	diag_list_free(&dl);
}

/* Nothing read the state but pk until now, and keys may have changed read
 * flags in memory since: those that differ from pk's go into the store
 * (as keys with the store open would have put them), and the article on
 * screen is the one read last, at its stored position unless the text
 * was scrolled. */
void tui_state_open_late(struct tui *t, struct store_peek *pk, struct store *st,
			 struct diag_list *dl)
{
	size_t n = t->d.coll.n;
	unsigned char *mine = xcalloc(n + 1, 1); /* 0 as pk says, 1 unread, 2 read */
	for (size_t i = 0; i < n; i++) {
		bool r = context_is_read(t, i);
		if (r != store_peek_read(pk, t->d.coll.items[i].id)) mine[i] = (unsigned char)(1 + r);
	}
	store_peek_free(pk);
	adopt_store(t, st, dl);
	for (size_t i = 0; t->store && i < n; i++)
		if (mine[i]) context_set_read(t, i, mine[i] == 2);
	free(mine);
	if (!t->store || t->cur < 0) return;
	store_set_last(t->store, t->d.coll.items[t->cur].id);
	struct pane *tp = &t->panes[PANE_TEXT];
	size_t at, cp;
	if (pane_text_position(tp, t->cur, &at) && at == 0 && tui_state_position(t, (size_t)t->cur, &cp))
		pane_text_goto(tp, cp);
}

/* Why a save failed, short enough for the message line: the last error
 * diag without the path ("(write): No space left on device"). */
static char *save_reason(const struct diag_list *dl)
{
	const char *msg = "unknown error";
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].level == DIAG_ERROR && dl->items[i].msg) msg = dl->items[i].msg;
	const char *pre = "reading state not saved ";
	struct strbuf sb = STRBUF_INIT;
	if (!strncmp(msg, pre, strlen(pre))) strbuf_adds(&sb, msg + strlen(pre));
	else strbuf_addf(&sb, ": %s", msg);
	return strbuf_steal(&sb);
}

/* A change is never reported as saved before it is: on failure the
 * message says so, t->save_error keeps the reason (the status line shows
 * NOT SAVED) and the store keeps the changes for the next try. */
bool tui_state_save(struct tui *t)
{
	if (!t->store) return false;
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = store_save(t->store, &dl);
	free(t->save_error);
	t->save_error = NULL;
	if (rc < 0) {
		t->save_error = save_reason(&dl);
		context_message(t, true, "NOT SAVED %s %s kept in memory, retried on the next change and on quit",
			    t->save_error, context_glyph(t, "\xe2\x80\x94", "-"));
	}
	diag_list_free(&dl);
	t->marks_gen++; /* the save merged: marks may have moved in memory */
	return rc == 0;
}

/* The open article's reading position goes into the store. */
static void remember_position(struct tui *t)
{
	size_t cp;
	if (t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t->cur, &cp))
		tui_state_set_position(t, (size_t)t->cur, cp);
}

static void quit_question(struct tui *t)
{
	size_t n = store_unsaved(t->store, NULL);
	context_message(t, true, "%zu change%s NOT SAVED: r retry, w write to a file, Q quit losing them, "
		    "Esc stay %s %s", n, n == 1 ? "" : "s", context_glyph(t, "\xe2\x80\x94", "-"),
		    t->save_error ? t->save_error : "");
}

static unsigned quit_key(struct overlay *o, struct tui *t, const struct key *k);
/* Nothing to draw: the question is the message line (the prompt for w
 * takes that line too). */
static void quit_draw(struct overlay *o, struct tui *t, struct grid *g) { (void)o, (void)t, (void)g; }
static void quit_close(struct overlay *o, struct tui *t) { (void)o, (void)t; }
static const struct overlay_ops quit_ops = {"quit", quit_draw, quit_key, quit_close};

unsigned tui_state_quit(struct tui *t)
{
	if (!t->store) return R_QUIT;
	remember_position(t);
	if (!store_dirty(t->store) || tui_state_save(t)) return R_QUIT;
	overlay_push(t, &quit_ops, NULL);
	quit_question(t);
	return R_DRAW_ALL;
}

/* The file name for w: the whole state is written there, then quit. */
static unsigned copy_prompt_done(struct tui *t, enum prompt_result r)
{
	if (r != PROMPT_ACCEPT && r != PROMPT_CANCEL) return R_NONE;
	t->prompt_done = NULL;
	const char *path = prompt_text(&t->prompt);
	if (r == PROMPT_CANCEL || !*path) {
		quit_question(t);
		return R_DRAW_STATUS;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	if (store_save_copy(t->store, path, &dl) == 0) {
		diag_list_free(&dl);
		t->state_copy = xstrdup(path);
		return R_QUIT;
	}
	char *m = diag_format(&dl.items[dl.n - 1]);
	context_message(t, true, "%s (r retry, w another file, Q quit losing them, Esc stay)", m);
	free(m);
	diag_list_free(&dl);
	return R_DRAW_STATUS;
}

/* The quit question's keys: r retry, w write, Q quit losing them, Esc stay. */
static unsigned quit_key(struct overlay *o, struct tui *t, const struct key *k)
{
	if (k->code == K_MOUSE) return R_NONE;
	if (k->code == 'r') {
		if (tui_state_save(t)) return R_QUIT;
		quit_question(t);
	} else if (k->code == 'w') {
		strbuf_reset(&t->msg);
		prompt_open(&t->prompt, PROMPT_EXPORT, "write the reading state to: ", NULL);
		t->prompt_done = copy_prompt_done;
	} else if (k->code == 'Q') {
		return R_QUIT;
	} else if (k->code == K_ESC) {
		overlay_close(t, o);
		context_message(t, true, "NOT SAVED %s: changes kept in memory, retried on the next change "
			    "and on quit", t->save_error ? t->save_error : "");
	} else {
		quit_question(t);
	}
	return R_DRAW_ALL;
}

bool tui_state_close(struct tui *t, bool to_stderr)
{
	if (!t->store) return true;
	remember_position(t);
	bool ok = true;
	if (store_dirty(t->store)) {
		struct diag_list dl = DIAG_LIST_INIT;
		if (store_save(t->store, &dl) < 0) {
			ok = false;
			for (size_t i = 0; i < dl.n; i++) {
				char *m = diag_format(&dl.items[i]);
				if (to_stderr) fprintf(stderr, "dossier: %s\n", m);
				else context_message(t, true, "%s", m);
				free(m);
			}
			/* say exactly what did not reach the state file */
			struct strbuf lost = STRBUF_INIT;
			size_t n = store_unsaved(t->store, &lost);
			if (to_stderr && t->state_copy)
				fprintf(stderr, "dossier: %zu unsaved change%s written to %s instead "
					"(dossier --state %s opens it):\n", n, n == 1 ? "" : "s",
					t->state_copy, t->state_copy);
			else if (to_stderr)
				fprintf(stderr, "dossier: %zu change%s lost:\n", n, n == 1 ? "" : "s");
			struct strbuf safe = STRBUF_INIT; /* article text: no controls reach the tty */
			for (const char *l = strbuf_str(&lost); to_stderr && *l;) {
				size_t len = strcspn(l, "\n");
				strbuf_reset(&safe);
				utf8_display_fit(&safe, l, len, 200, t->utf8_flags);
				fprintf(stderr, "  %s\n", strbuf_str(&safe));
				l += len + (l[len] == '\n');
			}
			strbuf_free(&safe);
			strbuf_free(&lost);
		}
		diag_list_free(&dl);
	}
	store_free(t->store);
	t->store = NULL;
	t->rs_gen++; /* counts made from it are gone with it */
	free(t->save_error);
	t->save_error = NULL;
	free(t->state_copy);
	t->state_copy = NULL;
	return ok;
}

size_t tui_state_mark_count(const struct tui *t, size_t art)
{
	if (!t->store || art >= t->d.coll.n) return 0;
	const struct mark *first;
	return store_marks_for(t->store, t->d.coll.items[art].id, &first);
}

bool tui_state_add_mark(struct tui *t, const struct mark *m)
{
	if (!t->store) {
		context_message(t, true, "no reading state: marks cannot be kept");
		return false;
	}
	bool ok = store_add_mark(t->store, m);
	t->marks_gen++;
	if (ok) tui_state_save(t);
	return ok;
}

bool tui_state_delete_mark(struct tui *t, const struct mark *m)
{
	if (!t->store) return false;
	bool ok = store_delete_mark(t->store, m);
	t->marks_gen++;
	if (ok) tui_state_save(t);
	return ok;
}

bool tui_state_set_mark_notes(struct tui *t, const struct mark *m)
{
	if (!t->store) return false;
	bool ok = store_set_mark_notes(t->store, m);
	t->marks_gen++;
	if (ok) tui_state_save(t);
	return ok;
}

unsigned tui_state_undo(struct tui *t)
{
	if (!t->store) {
		context_message(t, false, "Nothing to undo.");
		return R_DRAW_STATUS;
	}
	const char *id = NULL;
	enum store_undo_kind k = store_undo(t->store, &id);
	char *aid = id ? xstrdup(id) : NULL;
	switch (k) {
	case STORE_UNDO_NONE: context_message(t, false, "Nothing to undo."); break;
	case STORE_UNDO_ADD: context_message(t, false, "Undone: mark added in %s.", aid ? aid : "?"); break;
	case STORE_UNDO_DELETE: context_message(t, false, "Undone: mark deleted in %s.", aid ? aid : "?"); break;
	case STORE_UNDO_READ: context_message(t, false, "Undone: read state of %s.", aid ? aid : "?"); break;
	case STORE_UNDO_NOTES: context_message(t, false, "Undone: note of a mark in %s.", aid ? aid : "?"); break;
	}
	free(aid);
	if (k == STORE_UNDO_NONE) return R_DRAW_STATUS;
	t->marks_gen++;
	if (k != STORE_UNDO_READ) {
		struct strbuf keep = STRBUF_INIT;
		strbuf_add(&keep, t->msg.buf, t->msg.len);
		if (tui_state_save(t)) context_message(t, false, "%s", strbuf_str(&keep));
		strbuf_free(&keep);
	}
	return R_DRAW_ALL; /* an open marks view rebuilds: marks_gen moved */
}

bool tui_state_position(const struct tui *t, size_t art, size_t *pos)
{
	if (!t->store || art >= t->d.coll.n) return false;
	return store_position(t->store, t->d.coll.items[art].id, pos);
}

void tui_state_set_position(struct tui *t, size_t art, size_t pos)
{
	if (!t->store || art >= t->d.coll.n) return;
	size_t old;
	if (store_position(t->store, t->d.coll.items[art].id, &old) && old == pos) return;
	store_set_position(t->store, t->d.coll.items[art].id, pos);
}
