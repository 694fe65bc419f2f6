/* SPDX-License-Identifier: MIT
 * Panes as small objects: each pane file fills in a struct pane_ops (draw,
 * handle, click), and the list-like panes share the scrolling and selection
 * arithmetic here (calcurse's listbox idea): item count, item height, draw
 * item. Handlers return reaction flags; the main loop redraws once per key.
 * A pane sees the reader only through struct pane_ctx, never struct tui. */
#ifndef DOSSIER_TUI_PANE_H
#define DOSSIER_TUI_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tui/actions.h"
#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"

struct article;
struct collection;
struct mark;
struct pane;
struct settings;
struct store;
struct strbuf;
struct tagindex;
struct simindex;

/* The seam for persisted read state: an in-memory table until the store
 * (core/state/store.h) is open, then the store (tui/state.c). */
struct readstate {
	bool (*is_read)(void *ctx, const struct article *a, size_t art);
	void (*set_read)(void *ctx, const struct article *a, size_t art, bool read);
	void *ctx;
	/* moves whenever any read flag may have changed, so counts can be
	 * kept (tui/counts.c); NULL: unknown, count again on every use */
	unsigned long (*gen)(void *ctx);
};

/* The seam for marks: how many marked passages an article has (the list's
 * mark count, the tag browser's "marked" column, is:marked in filters).
 * count NULL: none. */
struct markcount {
	size_t (*count)(void *ctx, size_t art);
	void *ctx;
};

/* What adding or deleting a mark came to. */
enum pane_mark_result {
	PANE_MARK_NONE,    /* nothing changed (already marked, no such mark, no store) */
	PANE_MARK_DONE,    /* changed and saved */
	PANE_MARK_UNSAVED, /* changed, not saved: the message line says NOT SAVED */
};

/* What the reader does for a pane: one table (tui.c), each entry given
 * the reader as an opaque host, so panes call no file of the loop. */
struct pane_services {
	/* the message line (error: in the error style) */
	void (*message)(void *host, bool error, const char *text);
	/* add / delete a mark and save (a message says why when not) */
	enum pane_mark_result (*mark_add)(void *host, const struct mark *m);
	enum pane_mark_result (*mark_delete)(void *host, const struct mark *m);
	/* the stored reading position of art (code points into its body) */
	bool (*position)(void *host, size_t art, size_t *cp);
	/* draw body[start..end) like grid_put, the text search's hits in
	 * their style (tui/textsearch.c) */
	int (*draw_text)(void *host, struct grid *g, int row, int col, int maxcol,
			 const char *body, size_t blen, size_t start, size_t end,
			 uint16_t style, int origin);
	/* the active filter's text, NULL none (read into pane_ctx.filter) */
	const char *(*filter_text)(void *host);
	bool (*loading)(void *host); /* a load is under way (tui/load.c) */
};

/* What a pane may see of the reader, built for each call by context_pane
 * (tui/context.c); everything is borrowed for that call. A test can build
 * one by hand. */
struct pane_ctx {
	const struct collection *coll;
	const struct tagindex *tags;
	struct simindex *sim;            /* content index; NULL: tags only */
	bool sim_pending;                /* the signatures are still being made (tui/simjob.c) */
	const size_t *order;             /* the list: article numbers, sorted, filtered, folded */
	const uint32_t *group;           /* per article: its near-duplicate group, 0 none; NULL: not known */
	const uint32_t *group_n;         /* per group: its members in the list (tui/fold.h) */
	const unsigned char *group_open; /* per group: shown unfolded */
	size_t norder;
	long cur;                        /* the open article, -1 none */
	bool loaded;                     /* coll is a finished load */
	bool loading;                    /* a load is under way (the list may still grow) */
	const struct settings *settings; /* may be NULL */
	unsigned utf8_flags;             /* the terminal's charset (utf8_display_*) */
	const char *filter;              /* the active filter's text, NULL none */
	struct readstate rs;             /* read or unread */
	struct markcount marks;          /* marks per article */
	const struct store *store;       /* the marks to draw; NULL: none kept */
	unsigned marks_gen;              /* changes whenever the marks change */
	const struct pane_services *svc;
	void *host;                      /* the reader, only for svc */
	/* out: the article a handler asks the reader to open (Enter, a
	 * click), opened by the loop after the handler returns; -1 none */
	long open;
};

/* The services, spelled short for panes. */
void pane_message(const struct pane_ctx *c, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *pane_glyph(const struct pane_ctx *c, const char *utf8, const char *ascii);
bool pane_is_read(const struct pane_ctx *c, size_t art);
size_t pane_mark_count(const struct pane_ctx *c, size_t art);

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
	PANE_ARTICLE_CHANGED,      /* ctx->cur is another article (or none) */
	PANE_COLLECTION_REPLACED,  /* a load replaced the collection: article
				    * numbers and borrowed strings are gone */
};

struct pane_ops {
	const char *title;        /* shown in the pane's title bar */
	enum keymap_pane keys;    /* which binding table applies */
	/* draw the content area r (title bar excluded) */
	void (*draw)(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
		     bool focused);
	unsigned (*handle)(struct pane *p, struct pane_ctx *c, enum action a, struct rect r);
	/* row: 0-based within the content area; returns reactions */
	unsigned (*click)(struct pane *p, struct pane_ctx *c, int row, struct rect r);
	/* a one-line summary for the title bar ("3/12"), appended to out */
	void (*title_info)(struct pane *p, const struct pane_ctx *c, struct strbuf *out);
	/* forget what depended on the open article or the collection;
	 * NULL: nothing to forget */
	void (*changed)(struct pane *p, const struct pane_ctx *c, enum pane_change what);
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
void pane_draw(struct pane *p, const struct pane_ctx *c, struct grid *g, struct rect r,
	       bool focused);
/* The content area of a pane rect (without the title bar). */
struct rect pane_content(struct rect r);

#endif
