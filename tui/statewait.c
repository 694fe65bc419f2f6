/* SPDX-License-Identifier: MIT
 * Keys held while the reading state is read on a thread (statewait.h).
 * Which keys may go ahead is a list of actions that change nothing kept
 * in the state file: moving, scrolling, opening (a read flag set in
 * memory meanwhile is carried over by tui_state_open_late). */
#include "tui/statewait.h"

#include <stdlib.h>

#include "core/base/diag.h"
#include "core/base/util.h"
#include "core/state/bgstore.h"
#include "core/state/store.h"
#include "tui/actions.h"
#include "tui/context.h"
#include "tui/keymap.h"
#include "tui/overlay.h"
#include "tui/prompt.h"
#include "tui/state.h"
#include "tui/tui.h"

struct statewait {
	struct bgstore *job;      /* owned */
	struct store_peek *peek;  /* owned: the glance the first screen came from */
	struct key *held;         /* owned: keys waiting for the store, in order */
	size_t n, cap;
};

static bool goes_ahead(enum action a)
{
	switch (a) {
	case ACT_REDRAW: case ACT_FOCUS_NEXT: case ACT_FOCUS_PREV: case ACT_FOCUS_LIST:
	case ACT_FOCUS_TEXT: case ACT_FOCUS_RELATED: case ACT_MOVE_DOWN: case ACT_MOVE_UP:
	case ACT_PAGE_DOWN: case ACT_PAGE_UP: case ACT_TOP: case ACT_BOTTOM: case ACT_OPEN:
	case ACT_BACK: case ACT_FORWARD: case ACT_SCROLL_RIGHT: case ACT_SCROLL_LEFT:
		return true;
	default:
		return false;
	}
}

void statewait_start(struct tui *t, struct store_peek *pk)
{
	char *path = tui_state_path(t);
	if (!path) { /* the peek came from a path: cannot happen, but never lose pk */
		store_peek_free(pk);
		tui_state_open(t);
		return;
	}
	struct statewait *w = xcalloc(1, sizeof *w);
	w->job = bgstore_start(path);
	free(path);
	w->peek = pk;
	t->statewait = w;
	if (t->headless) statewait_poll(t, true); /* screens must not depend on timing */
}

bool statewait_running(const struct tui *t)
{
	return t->statewait != NULL;
}

bool statewait_hold(struct tui *t, const struct key *k)
{
	struct statewait *w = t->statewait;
	if (!w) return false;
	bool hold = w->n > 0 || k->code == K_MOUSE || prompt_active(&t->prompt) || overlay_busy(t);
	if (!hold) hold = !goes_ahead(keymap_lookup(&t->km, t->panes[t->focus].ops->keys, k));
	if (!hold) return false;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->held = xrealloc(w->held, w->cap * sizeof *w->held);
	}
	w->held[w->n++] = *k;
	return true;
}

/* The store into the reader; the held keys are the caller's to answer. */
static struct statewait *land(struct tui *t)
{
	struct statewait *w = t->statewait;
	t->statewait = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = bgstore_finish(w->job, &dl);
	tui_state_open_late(t, w->peek, st, &dl);
	diag_list_free(&dl);
	return w;
}

unsigned statewait_poll(struct tui *t, bool wait)
{
	struct statewait *w = t->statewait;
	if (!w || (!wait && !bgstore_finished(w->job))) return R_NONE;
	w = land(t);
	unsigned r = R_DRAW_ALL;
	for (size_t i = 0; i < w->n && !(r & R_QUIT); i++) r |= tui_handle_key(t, &w->held[i]);
	free(w->held);
	free(w);
	return r;
}

void statewait_stop(struct tui *t)
{
	if (!t->statewait) return;
	struct statewait *w = land(t);
	free(w->held);
	free(w);
}
