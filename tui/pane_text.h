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

bool pane_text_body(struct tui *t, const char **body, size_t *len);
size_t pane_text_line_of(struct tui *t, size_t off);  /* document line of off */
size_t pane_text_top_offset(struct tui *t);            /* body byte at the top */
void pane_text_show_line(struct tui *t, size_t line);  /* scroll line into view */
/* The open article's reading position (code points), and putting the
 * cursor on a body offset (code points) of the open article. */
bool pane_text_position(struct pane *p, struct tui *t, size_t *cp);
void pane_text_goto(struct pane *p, struct tui *t, size_t cp);
/* Esc in the text pane: end the selection (R_NONE when there is none). */
unsigned pane_text_escape(struct pane *p, struct tui *t);

#endif
