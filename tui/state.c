/* SPDX-License-Identifier: MIT
 * The bridge from the reader to core/store.h: one store per run, opened
 * after the collection loads, plugged into the readstate seam, saved after
 * every mark change (a save merges with other instances under a lock) and
 * on every way out (quit, SIGINT/SIGTERM/SIGHUP via the loop's exit path). */
#include "tui/state.h"
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/util.h"
#include "tui/context.h"
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

void tui_state_open(struct tui *t)
{
	if (t->store) return;
	char *path = t->state_path ? xstrdup(t->state_path) : store_default_path(t->corpus);
	if (!path) {
		context_message(t, true, "reading state kept in memory only: set XDG_STATE_HOME or HOME, "
				     "or use --state FILE");
		return;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	t->store = store_open(path, &dl);
	free(path);
	report(t, "state: ", &dl);
	diag_list_free(&dl);
	t->rs = (struct readstate){st_is_read, st_set_read, t};
	t->marks_gen++;
}

bool tui_state_save(struct tui *t)
{
	if (!t->store) return false;
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = store_save(t->store, &dl);
	if (rc < 0) report(t, "not saved: ", &dl);
	diag_list_free(&dl);
	t->marks_gen++; /* the save merged: marks may have moved in memory */
	return rc == 0;
}

void tui_state_close(struct tui *t, bool to_stderr)
{
	if (!t->store) return;
	if (t->cur >= 0) {
		size_t cp;
		if (pane_text_position(&t->panes[PANE_TEXT], t->cur, &cp))
			tui_state_set_position(t, (size_t)t->cur, cp);
	}
	if (store_dirty(t->store)) {
		struct diag_list dl = DIAG_LIST_INIT;
		if (store_save(t->store, &dl) < 0) {
			for (size_t i = 0; i < dl.n; i++) {
				char *m = diag_format(&dl.items[i]);
				if (to_stderr) fprintf(stderr, "dossier: %s\n", m);
				else context_message(t, true, "%s", m);
				free(m);
			}
		}
		diag_list_free(&dl);
	}
	store_free(t->store);
	t->store = NULL;
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
