/* SPDX-License-Identifier: MIT
 * Opening an article (Enter in the list or related pane, a mark, the
 * history): the reading position of the one left is kept, the panes are
 * told through their ops (article_changed), the history remembers, and
 * the state file keeps the article shown last for the next start. */
#include "tui/navigate.h"

#include "core/state/store.h"

#include "tui/context.h"
#include "tui/pane_text.h"
#include "tui/state.h"
#include "tui/textsearch.h"
#include "tui/tui.h"

unsigned navigate_open(struct tui *t, size_t art, bool push_history)
{
	if (art >= t->d.coll.n) return R_NONE;
	size_t cp;
	if (t->cur >= 0 && pane_text_position(&t->panes[PANE_TEXT], t->cur, &cp))
		tui_state_set_position(t, (size_t)t->cur, cp);
	t->cur = (long)art;
	context_set_read(t, art, true);
	if (push_history) history_push(&t->hist, t->d.coll.items[art].id);
	navigate_tell_panes(t, false);
	return R_DRAW_ALL;
}

/* The first screen shows the selected article's text and related list
 * straight away (a preview: not marked read, not in the history). */
void navigate_preview_selected(struct tui *t)
{
	if (t->cur >= 0 || t->norder == 0) return;
	t->cur = (long)t->order[t->panes[PANE_LIST].sel];
	navigate_tell_panes(t, false);
}

/* The first article of a session: the one shown last time (the text pane
 * then starts at its stored reading position), else the selected one as a
 * preview; either way it is the first entry of the history, so Back from
 * the next article returns to it. Only until the history has an entry:
 * what the reader chose meanwhile stays. */
void navigate_start(struct tui *t)
{
	if (t->hist.n) return;
	const char *last = t->store ? store_last(t->store) : NULL;
	long a = last ? collection_find(&t->d.coll, last) : -1;
	if (a >= 0 && a != t->cur) {
		t->cur = a;
		navigate_tell_panes(t, false); /* the list selects it when it is listed */
	}
	navigate_preview_selected(t);
	if (t->cur >= 0) history_push(&t->hist, t->d.coll.items[t->cur].id);
}

void navigate_tell_panes(struct tui *t, bool replaced)
{
	if (!replaced && t->cur >= 0 && t->store) /* for the next start */
		store_set_last(t->store, t->d.coll.items[t->cur].id);
	enum pane_change what = replaced ? PANE_COLLECTION_REPLACED : PANE_ARTICLE_CHANGED;
	struct pane_ctx c = context_pane(t);
	for (int i = 0; i < PANE_COUNT; i++)
		if (t->panes[i].ops && t->panes[i].ops->changed)
			t->panes[i].ops->changed(&t->panes[i], &c, what);
	textsearch_forget(t); /* the body went: its hits too (the needle stays) */
}

unsigned navigate_history(struct tui *t, bool back)
{
	const char *id = back ? history_back(&t->hist) : history_forward(&t->hist);
	if (!id) {
		context_message(t, false, back ? "No earlier article in the history."
					   : "No later article in the history.");
		return R_DRAW_STATUS;
	}
	long art = collection_find(&t->d.coll, id);
	if (art < 0) {
		context_message(t, true, "%s is no longer in the collection.", id);
		return R_DRAW_STATUS;
	}
	return navigate_open(t, (size_t)art, false);
}
