/* SPDX-License-Identifier: MIT
 * The text pane (pane_text.c) as the rest of the reader sees it: the open
 * article's body and where its bytes are shown (for the search), the
 * reading position (for the state file and reloads), and Esc. */
#ifndef DOSSIER_TUI_PANE_TEXT_H
#define DOSSIER_TUI_PANE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct tui;
struct pane;
struct render_doc;

/* The text shown (rendered, or the body as stored under \\): what the
 * search, marks and the selection see. Offsets below are into it. */
bool pane_text_body(struct tui *t, const char **body, size_t *len);
size_t pane_text_line_of(struct tui *t, size_t off);  /* document line of off */
size_t pane_text_top_offset(struct tui *t);            /* text byte at the top */
void pane_text_show_line(struct tui *t, size_t line);  /* scroll line into view */
/* The open article's reading position (code points), and putting the
 * cursor on a body offset (code points) of the open article. */
bool pane_text_position(struct pane *p, struct tui *t, size_t *cp);
void pane_text_goto(struct pane *p, struct tui *t, size_t cp);
/* Esc in the text pane: end the selection (R_NONE when there is none). */
unsigned pane_text_escape(struct pane *p, struct tui *t);
/* The stored body, and the body byte at the top of the pane ($EDITOR's
 * line); false when no body is shown. */
bool pane_text_source_top(struct tui *t, const char **body, size_t *len, size_t *off);
/* \: show the body as stored / rendered. */
unsigned pane_text_toggle_raw(struct tui *t);
/* The open article rendered (its links), or NULL. Borrowed until the
 * article changes. */
const struct render_doc *pane_text_doc(struct tui *t);

#endif
