/* SPDX-License-Identifier: MIT
 * Panes as small objects: each pane file fills in a struct pane_ops (draw,
 * handle, click), and the list-like panes share the scrolling and selection
 * arithmetic here (calcurse's listbox idea): item count, item height, draw
 * item. Handlers return reaction flags; the main loop redraws once per key. */
#ifndef DOSSIER_TUI_PANE_H
#define DOSSIER_TUI_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/actions.h"
#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"

struct tui;
struct pane;

enum reaction {
	R_NONE = 0,
	R_DRAW_LIST = 1 << PANE_LIST,
	R_DRAW_TEXT = 1 << PANE_TEXT,
	R_DRAW_RELATED = 1 << PANE_RELATED,
	R_DRAW_STATUS = 1 << 3,
	R_RELAYOUT = 1 << 4, /* sizes changed: recompute the layout, draw all */
	R_RESORT = 1 << 5,   /* list order changed */
	R_QUIT = 1 << 6,
	R_DRAW_ALL = R_DRAW_LIST | R_DRAW_TEXT | R_DRAW_RELATED | R_DRAW_STATUS,
};

/* What the reader tells every pane (ops->changed). */
enum pane_change {
	PANE_ARTICLE_CHANGED,      /* t->cur is another article (or none) */
	PANE_COLLECTION_REPLACED,  /* a load replaced the collection: article
				    * numbers and borrowed strings are gone */
};

struct pane_ops {
	const char *title;        /* shown in the pane's title bar */
	enum keymap_pane keys;    /* which binding table applies */
	/* draw the content area r (title bar excluded) */
	void (*draw)(struct pane *p, struct tui *t, struct grid *g, struct rect r, bool focused);
	unsigned (*handle)(struct pane *p, struct tui *t, enum action a, struct rect r);
	/* row: 0-based within the content area; returns reactions */
	unsigned (*click)(struct pane *p, struct tui *t, int row, struct rect r);
	/* a one-line summary for the title bar ("3/12"), appended to out */
	void (*title_info)(struct pane *p, struct tui *t, struct strbuf *out);
	/* forget what depended on the open article or the collection;
	 * NULL: nothing to forget */
	void (*changed)(struct pane *p, struct tui *t, enum pane_change what);
	void (*free)(struct pane *p);
};

/* Owned by struct tui. sel/top are item numbers for list panes, top is the
 * first line for the text pane. */
struct pane {
	const struct pane_ops *ops;
	size_t sel, top;
	void *priv; /* owned, freed by ops->free */
};

extern const struct pane_ops pane_list_ops, pane_text_ops, pane_related_ops;

/* Shared list logic for count items of item_h rows in a view of rows rows:
 * apply a movement action to sel, then scroll top so sel is visible.
 * Returns true when sel or top changed. */
bool listbox_move(struct pane *p, enum action a, size_t count, int item_h, int rows);
void listbox_fit(struct pane *p, size_t count, int item_h, int rows);
/* Item under content row (or false when below the last item). */
bool listbox_item_at(const struct pane *p, size_t count, int item_h, int row, size_t *item);

/* Draw a pane: title bar (focused style when focused) then ops->draw. */
void pane_draw(struct pane *p, struct tui *t, struct grid *g, struct rect r, bool focused);
/* The content area of a pane rect (without the title bar). */
struct rect pane_content(struct rect r);

#endif
