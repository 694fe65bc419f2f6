/* SPDX-License-Identifier: MIT
 * Which article is open (t->cur) and how the reader moves between them. */
#ifndef DOSSIER_TUI_NAVIGATE_H
#define DOSSIER_TUI_NAVIGATE_H

#include <stdbool.h>
#include <stddef.h>

struct tui;

/* Open article art (marked read; pushed on the history when asked);
 * returns reactions. */
unsigned navigate_open(struct tui *t, size_t art, bool push_history);
/* Before any article is opened: show the selected one (not marked read,
 * not in the history). */
void navigate_preview_selected(struct tui *t);
/* Once the reading state is open at start (or after a switch): show the
 * article shown last time, else preview the selected one, and make it the
 * history's first entry. */
void navigate_start(struct tui *t);
/* Back (h) or forward (l) in the reading history; returns reactions. */
unsigned navigate_history(struct tui *t, bool back);
/* Tell every pane that the open article changed (or, with replaced, that
 * the whole collection was replaced). */
void navigate_tell_panes(struct tui *t, bool replaced);

#endif
