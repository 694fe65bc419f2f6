/* SPDX-License-Identifier: MIT
 * The text pane (pane_text.c) as the rest of the reader sees it: the open
 * article's body and where its bytes are shown (for the search), the
 * reading position (for the state file and reloads), and Esc. */
#ifndef DOSSIER_TUI_PANE_TEXT_H
#define DOSSIER_TUI_PANE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/state/marks.h"
#include "tui/layout.h"

struct pane;
struct pane_ctx;
struct render_doc;

/* p is the text pane, c what it sees (context_pane), r its content area
 * (pane_content): the lines are laid out for r's width when stale. */
/* The text shown (rendered, or the body as stored under \) is what the
 * search, marks and the selection see; offsets below are into it. */
bool pane_text_body(struct pane *p, const struct pane_ctx *c, struct rect r, const char **body,
		    size_t *len);
/* document line of text byte off */
size_t pane_text_line_of(struct pane *p, const struct pane_ctx *c, struct rect r, size_t off);
/* text byte at the cursor line, else at the top */
size_t pane_text_top_offset(struct pane *p, const struct pane_ctx *c, struct rect r);
/* put the cursor on text byte off (a search hit) and scroll it into view */
void pane_text_show_offset(struct pane *p, const struct pane_ctx *c, struct rect r, size_t off);
/* The reading position (code points) of cur, the open article, and putting
 * the cursor on a body offset (code points) of the open article. */
bool pane_text_position(struct pane *p, long cur, size_t *cp);
void pane_text_goto(struct pane *p, size_t cp);
/* Esc in the text pane: end the selection (R_NONE when there is none). */
unsigned pane_text_escape(struct pane *p, const struct pane_ctx *c);
/* The mouse (button: enum mouse_button) at row, col of the content rect
 * r (outside it while dragging): textview_mouse. */
unsigned pane_text_mouse(struct pane *p, const struct pane_ctx *c, int button, int row, int col,
			 struct rect r);
/* A drag that began in the text pane is under way (its motions and its
 * release go to the text pane wherever the pointer is). */
bool pane_text_dragging(const struct pane *p);
/* a: a copy of the mark under the cursor (or the selection, or else on
 * the cursor line) into *out (the caller frees it); false when none. */
bool pane_text_mark_here(struct pane *p, const struct pane_ctx *c, struct rect r, struct mark *out);
/* The selection as bytes [start, end) of the text shown (pane_text_body);
 * false when there is none. */
bool pane_text_selection(struct pane *p, const struct pane_ctx *c, struct rect r, size_t *start,
			 size_t *end);
/* The stored body, and the body byte at the cursor line or the top
 * ($EDITOR's line); false when no body is shown. */
bool pane_text_source_top(struct pane *p, const struct pane_ctx *c, struct rect r,
			  const char **body, size_t *len, size_t *off);
/* \: show the body as stored / rendered. */
unsigned pane_text_toggle_raw(struct pane *p, const struct pane_ctx *c, struct rect r);
/* The open article rendered (its links), or NULL; borrowed until the
 * article changes. */
const struct render_doc *pane_text_doc(struct pane *p, const struct pane_ctx *c, struct rect r);

#endif
