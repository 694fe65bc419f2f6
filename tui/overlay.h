/* SPDX-License-Identifier: MIT
 * Overlays: windows over the panes (help, tags, marks, the export
 * question) kept on one stack. The top overlay takes the keys, drawing
 * goes bottom to top after the panes, and the reader is "busy" (a load
 * waits to be adopted) while the stack is not empty. One frame drawer
 * gives every boxed overlay the same edges. */
#ifndef DOSSIER_TUI_OVERLAY_H
#define DOSSIER_TUI_OVERLAY_H

#include <stdbool.h>

#include "tui/grid.h"
#include "tui/keymap.h"
#include "tui/layout.h"

struct tui;
struct overlay;

struct overlay_ops {
	const char *name;
	void (*draw)(struct overlay *o, struct tui *t, struct grid *g);
	/* every key while on top, mouse events included; returns reactions */
	unsigned (*key)(struct overlay *o, struct tui *t, const struct key *k);
	/* free o->priv (the stack forgets o afterwards) */
	void (*close)(struct overlay *o, struct tui *t);
};

struct overlay {
	const struct overlay_ops *ops;
	void *priv; /* owned, freed by ops->close */
};

#define OVERLAY_MAX 8

/* Owned by struct tui; v[0] is the bottom. */
struct overlay_stack {
	struct overlay v[OVERLAY_MAX];
	int n;
};

/* Push an overlay; priv is owned by it from now on (closed at once when
 * the stack is full, which the reader's few overlays never reach). */
void overlay_push(struct tui *t, const struct overlay_ops *ops, void *priv);
/* Close the top overlay. */
void overlay_pop(struct tui *t);
/* The open overlay with these ops (the topmost), or NULL. */
struct overlay *overlay_find(struct tui *t, const struct overlay_ops *ops);
/* Close one overlay wherever it is in the stack. */
void overlay_close(struct tui *t, struct overlay *o);
void overlay_close_all(struct tui *t);
bool overlay_busy(const struct tui *t);
/* The top overlay's answer to k. */
unsigned overlay_key(struct tui *t, const struct key *k);
/* Every overlay, bottom to top. */
void overlay_draw_all(struct tui *t, struct grid *g);

/* The frame drawer: blank r, put title on its first row in the focus
 * style and, where there is room outside r above the status line, a
 * border on the left, right and bottom, so that pane text never runs on
 * from the overlay's edge. */
void overlay_frame(struct tui *t, struct grid *g, struct rect r, const char *title);
/* Where the help and tag overlays sit: centred, at most max_cols wide,
 * from row 1 to four rows above the bottom. */
struct rect overlay_box(const struct tui *t, int max_cols);

/* A key to an overlay that scrolls text: the wheel scrolls, any other click
 * and a bare Esc close (ACT_QUIT), else the binding in pane kp. */
enum action overlay_key_action(const struct tui *t, enum keymap_pane kp, const struct key *k);
/* Move *top by a scroll action (a line, a page, top, bottom: the draw
 * clamps it); false when a is not one. */
bool overlay_scroll(size_t *top, enum action a, size_t page);

#endif
