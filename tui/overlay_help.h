/* SPDX-License-Identifier: MIT
 * The help overlay (?): the bindings in effect for the focused pane, one
 * row per action of the ACTION_INFO table. */
#ifndef DOSSIER_TUI_OVERLAY_HELP_H
#define DOSSIER_TUI_OVERLAY_HELP_H

struct tui;

/* Push the help over whatever is shown; returns reactions. */
unsigned overlay_help_open(struct tui *t);

#endif
