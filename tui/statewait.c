/* SPDX-License-Identifier: MIT
 * The reading state read on a thread behind a first list (statewait.h);
 * the keys that wait for it are held by tui.c (tui_hold_key). */
#include "tui/statewait.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/base/diag.h"
#include "core/base/util.h"
#include "core/state/bgstore.h"
#include "core/state/store.h"
#include "tui/state.h"
#include "tui/tui.h"

struct statewait {
	struct bgstore *job;      /* owned */
	struct store_peek *peek;  /* owned: the glance the first screen came from */
};

void statewait_start(struct tui *t, struct store_peek *pk)
{
	struct statewait *w = xcalloc(1, sizeof *w);
	w->job = bgstore_start(store_peek_path(pk)); /* the file the first screen glanced at */
	w->peek = pk;
	t->statewait = w;
	if (t->headless) statewait_poll(t, true); /* screens must not depend on timing */
}

bool statewait_running(const struct tui *t)
{
	return t->statewait != NULL;
}

/* The store into the reader. */
static void land(struct tui *t)
{
	struct statewait *w = t->statewait;
	t->statewait = NULL;
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *st = bgstore_finish(w->job, &dl);
	tui_state_open_late(t, w->peek, st, &dl);
	diag_list_free(&dl);
	free(w);
}

unsigned statewait_poll(struct tui *t, bool wait)
{
	struct statewait *w = t->statewait;
	if (!w || (!wait && !bgstore_finished(w->job))) return R_NONE;
	land(t);
	return R_DRAW_ALL;
}

const char *statewait_note(const struct tui *t, char *buf, size_t cap)
{
	if (!t->statewait || !t->nheld) return NULL;
	snprintf(buf, cap, "reading state: %zu key%s wait%s", t->nheld, t->nheld == 1 ? "" : "s",
		 t->nheld == 1 ? "s" : "");
	return buf;
}

void statewait_stop(struct tui *t)
{
	if (t->statewait) land(t);
}
