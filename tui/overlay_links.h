/* SPDX-License-Identifier: MIT
 * The open article's links: the overlay (L) listing them, Enter or a
 * number opening one with $BROWSER, and the prompt (O) that opens link N. */
#ifndef DOSSIER_TUI_OVERLAY_LINKS_H
#define DOSSIER_TUI_OVERLAY_LINKS_H

struct tui;

/* Push the links overlay (or say there are none); returns reactions. */
unsigned overlay_links_open(struct tui *t);
/* Ask for a link number on the prompt line and open it. */
unsigned overlay_links_prompt(struct tui *t);

#endif
