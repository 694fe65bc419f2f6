/* SPDX-License-Identifier: MIT
 * The status line and the message line at the bottom of the screen. */
#ifndef DOSSIER_TUI_STATUSBAR_H
#define DOSSIER_TUI_STATUSBAR_H

struct tui;
struct grid;

/* Draw both lines (the open prompt takes the message line). */
void statusbar_draw(struct tui *t, struct grid *g);

#endif
