/* SPDX-License-Identifier: MIT
 * The title search in the article list (/ n N while the list has the
 * focus): folded titles (built on demand, once per load) searched as you
 * type, wrapping round the list. */
#include "tui/listsearch.h"

#include <stdlib.h>
#include <string.h>

#include "core/text/utf8.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/tui.h"

struct listsearch {
	char *needle;     /* owned: the last search, for n and N */
	char **titles;    /* owned: folded titles by article number, built on demand */
	size_t ntitles;
	size_t from;      /* list selection when / was pressed */
};

static struct listsearch *ls_of(struct tui *t)
{
	if (!t->ls) t->ls = xcalloc(1, sizeof *t->ls);
	return t->ls;
}

void listsearch_forget(struct tui *t)
{
	struct listsearch *ls = t->ls;
	if (!ls) return;
	for (size_t i = 0; i < ls->ntitles; i++) free(ls->titles[i]);
	free(ls->titles);
	ls->titles = NULL;
	ls->ntitles = 0;
}

void listsearch_free(struct tui *t)
{
	if (!t->ls) return;
	listsearch_forget(t);
	free(t->ls->needle);
	free(t->ls);
	t->ls = NULL;
}

static const char *folded_title(struct tui *t, size_t art)
{
	struct listsearch *ls = ls_of(t);
	if (!ls->titles) {
		ls->titles = xcalloc(t->d.coll.n + 1, sizeof *ls->titles);
		ls->ntitles = t->d.coll.n;
	}
	if (!ls->titles[art]) {
		const char *s = t->d.coll.items[art].title;
		ls->titles[art] = utf8_fold(s, strlen(s), NULL);
	}
	return ls->titles[art];
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
	struct listsearch *ls = ls_of(t);
	struct pane *p = &t->panes[PANE_LIST];
	const char *text = prompt_text(&t->prompt);
	if (r == PROMPT_CANCEL) {
		p->sel = ls->from;
		t->prompt_done = NULL;
		return R_DRAW_ALL;
	}
	bool wrapped;
	long i = *text ? title_find(t, text, ls->from, 1, &wrapped) : -1;
	if (r == PROMPT_CHANGED) {
		p->sel = i >= 0 ? (size_t)i : ls->from;
		prompt_set_note(&t->prompt, i < 0 && *text ? "no match" : NULL, i < 0, -1);
		return R_DRAW_ALL;
	}
	if (r != PROMPT_ACCEPT) return R_NONE;
	t->prompt_done = NULL;
	if (!*text) return R_NONE;
	free(ls->needle);
	ls->needle = xstrdup(text);
	if (i < 0) context_message(t, true, "no match for %s", text);
	return R_DRAW_ALL;
}

unsigned listsearch_open(struct tui *t)
{
	struct listsearch *ls = ls_of(t);
	ls->from = t->panes[PANE_LIST].sel;
	prompt_open(&t->prompt, PROMPT_LIST_SEARCH, "/", NULL);
	t->prompt_done = list_search_done;
	strbuf_reset(&t->msg);
	return R_DRAW_STATUS;
}

unsigned listsearch_next(struct tui *t, int dir)
{
	struct listsearch *ls = ls_of(t);
	if (!ls->needle) {
		context_message(t, false, "No search yet: / searches the titles.");
		return R_DRAW_STATUS;
	}
	struct pane *p = &t->panes[PANE_LIST];
	size_t n = t->norder;
	if (n == 0) return R_NONE;
	bool wrapped;
	long i = title_find(t, ls->needle, dir > 0 ? (p->sel + 1) % n : (p->sel + n - 1) % n,
			    dir, &wrapped);
	if (i < 0) {
		context_message(t, true, "no match for %s", ls->needle);
		return R_DRAW_STATUS;
	}
	/* went round when the hit is not strictly on the side we moved to */
	bool round = dir > 0 ? (size_t)i <= p->sel : (size_t)i >= p->sel;
	p->sel = (size_t)i;
	if (round) context_message(t, false, "search wrapped to %s", dir > 0 ? "top" : "bottom");
	return R_DRAW_LIST | R_DRAW_STATUS;
}
